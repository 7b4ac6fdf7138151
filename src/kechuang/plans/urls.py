from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.DefaultPlanView.as_view(), name="plan_default"),
    path("plans/<int:pk>/", views.PlanView.as_view(), name="plan"),
    path("monitor/", views.monitor, name="monitor"),
    path("monitor/report/", views.report, name="report"),
    path("monitor/<slug:code>/", views.indicator_detail, name="indicator"),
]
