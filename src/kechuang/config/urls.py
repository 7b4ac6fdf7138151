from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from kechuang.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("regions/", include("kechuang.regions.urls")),
    path("orgs/", include("kechuang.orgs.urls")),
    path("plans/", include("kechuang.plans.urls")),
    path("accounts/", include("kechuang.accounts.urls")),
    path("api/", include("kechuang.api.urls")),
    path("admin/", admin.site.urls),
]
