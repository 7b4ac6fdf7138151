from django.urls import path

from kechuang.web.urls_helpers import model_urls

from . import views
from .models import Carrier, Fund, Investment, Tenancy

app_name = "carriers"
urlpatterns = [
    path("funnel/", views.funnel, name="funnel"),
    *model_urls(Carrier, views, prefix="carriers/"),
    *model_urls(Tenancy, views, prefix="tenancies/"),
    *model_urls(Fund, views, prefix="funds/"),
    *model_urls(Investment, views, prefix="investments/"),
]
