"""The product's routes and, beside them, the floor views (``benchmarks/floor.py``)."""

from rozwoj.urls import urlpatterns as product_urlpatterns

from .floor import urlpatterns as floor_urlpatterns

urlpatterns = [*floor_urlpatterns, *product_urlpatterns]
