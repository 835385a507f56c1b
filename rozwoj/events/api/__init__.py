"""The events part of /api/v1/: one router joining the routers of each area."""

from ninja import Router

from .attendance import router as attendance_router
from .events import router as events_router
from .registrations import router as registrations_router

router = Router(tags=["events"])
router.add_router("", events_router)
router.add_router("", registrations_router)
router.add_router("", attendance_router)
