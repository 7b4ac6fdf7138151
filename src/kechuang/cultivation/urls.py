from django.urls import path

from . import views

app_name = "cultivation"
urlpatterns = [
    path("reserve/", views.EvaluationListView.as_view(), name="evaluation_list"),
    path("evaluate/", views.evaluate, name="evaluate"),
    path("pipeline/", views.pipeline, name="pipeline"),
]
