from django.urls import path

from kechuang.web.urls_helpers import model_urls

from . import views
from .models import Run, Scheme, SpotCheck, SpotCheckItem

app_name = "evaluation"
urlpatterns = [
    path("schemes/import/", views.scheme_import, name="scheme_import"),
    path("schemes/<int:pk>/revise/", views.scheme_import, name="scheme_revise"),
    path("schemes/<int:pk>/export/", views.scheme_export, name="scheme_export"),
    *model_urls(Scheme, views, prefix="schemes/"),
    *model_urls(Run, views, prefix="runs/"),
    path("runs/<int:pk>/do/<str:action>/", views.run_action, name="run_action"),
    path("results/", views.ResultListView.as_view(), name="result_list"),
    path("results/<int:pk>/", views.result_view, name="result"),
    path("county-index/", views.county_index, name="county_index"),
    *model_urls(SpotCheck, views, prefix="spot-checks/"),
    *model_urls(SpotCheckItem, views, prefix="spot-check-items/"),
]
