from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.BatchListView.as_view(), name="batch_list"),
    path("new/", views.upload, name="upload"),
    path("templates/<slug:kind>/", views.download_template, name="template"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/rollback/", views.roll_back, name="rollback"),
    path("<int:pk>/errors.xlsx", views.errors_xlsx, name="errors"),
]
