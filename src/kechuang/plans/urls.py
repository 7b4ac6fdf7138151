from django.urls import path

from . import reporting, views

app_name = "plans"
urlpatterns = [
    path("", views.DefaultPlanView.as_view(), name="plan_default"),
    path("plans/<int:pk>/", views.PlanView.as_view(), name="plan"),
    path("monitor/", views.monitor, name="monitor"),
    path("monitor/report/", views.report, name="report"),
    path("monitor/<slug:code>/", views.indicator_detail, name="indicator"),
    path("reporting/", reporting.overview, name="reporting"),
    path("reporting/start/", reporting.start, name="reporting_start"),
    path("reporting/<int:pk>/", reporting.submission, name="submission"),
    path("reporting/<int:pk>/review/", reporting.review, name="submission_review"),
]
