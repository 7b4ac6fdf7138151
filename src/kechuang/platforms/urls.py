from django.urls import path

from kechuang.web.urls_helpers import model_urls

from . import views
from .models import Platform, PlatformReport

app_name = "platforms"
urlpatterns = [
    *model_urls(Platform, views, prefix="platforms/"),
    *model_urls(PlatformReport, views, prefix="reports/"),
    path("reports/<int:pk>/review/", views.review_report, name="platformreport_review"),
]
