from ninja import Router

local_governments_router = Router(tags=["local governments"])
organisations_router = Router(tags=["organisations"])
