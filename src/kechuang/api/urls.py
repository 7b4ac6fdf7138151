"""API root: every app's viewsets on one router (each app's `api.ROUTES`); schema and docs."""

from importlib import import_module

from django.apps import apps
from django.urls import include, path
from django.utils.module_loading import module_has_submodule
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

router = DefaultRouter()
for config in apps.get_app_configs():
    if config.name.startswith("kechuang.") and module_has_submodule(config.module, "api"):
        for prefix, viewset in getattr(import_module(f"{config.name}.api"), "ROUTES", ()):
            router.register(prefix, viewset)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]
