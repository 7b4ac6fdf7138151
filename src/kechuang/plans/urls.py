from django.urls import path

from kechuang.web.urls_helpers import model_urls

from . import editing, reporting, tasks, views
from .models import Task

app_name = "plans"
urlpatterns = [
    path("", views.DefaultPlanView.as_view(), name="plan_default"),
    path("plans/<int:pk>/", views.PlanView.as_view(), name="plan"),
    path("plans/<int:pk>/edit/", editing.PlanEditView.as_view(), name="plan_edit"),
    path("indicators/<int:pk>/edit/", editing.indicator_edit, name="indicator_edit"),
    path("monitor/", views.monitor, name="monitor"),
    path("monitor/report/", views.report, name="report"),
    path("monitor/<slug:code>/", views.indicator_detail, name="indicator"),
    path("reporting/", reporting.overview, name="reporting"),
    path("reporting/start/", reporting.start, name="reporting_start"),
    path("reporting/period/", reporting.set_period, name="reporting_period"),
    path("reporting/<int:pk>/", reporting.submission, name="submission"),
    path("reporting/<int:pk>/review/", reporting.review, name="submission_review"),
    *model_urls(Task, tasks, prefix="tasks/"),
]
