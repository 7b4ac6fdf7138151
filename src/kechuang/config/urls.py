from django.apps import apps
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.module_loading import module_has_submodule

from kechuang.web import views as web_views


def app_urls():
    """Each Kechuang app with a `urls` module is mounted at /<app label>/."""
    for config in apps.get_app_configs():
        if config.name.startswith("kechuang.") and config.label not in ("web", "api"):
            if module_has_submodule(config.module, "urls"):
                yield path(f"{config.label}/", include(f"{config.name}.urls"))


urlpatterns = [
    path("", web_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    *app_urls(),
    path("api/", include("kechuang.api.urls")),
    path("admin/", admin.site.urls),
]
