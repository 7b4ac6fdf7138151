"""API root: every app's viewsets on one router; schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from kechuang.orgs.api import OrgViewSet
from kechuang.plans.api import IndicatorViewSet, PlanViewSet
from kechuang.regions.api import RegionViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet)
router.register("orgs", OrgViewSet)
router.register("plans", PlanViewSet)
router.register("indicators", IndicatorViewSet)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]
