from kechuang.web.urls_helpers import model_urls

from . import views
from .models import AnnualData, Enterprise, Qualification

app_name = "enterprises"
urlpatterns = [
    *model_urls(Enterprise, views, prefix=""),
    *model_urls(AnnualData, views, prefix="annual-data/"),
    *model_urls(Qualification, views, prefix="qualifications/"),
]
