from kechuang.web.urls_helpers import model_urls

from . import views
from .models import Achievement, Appraisal, Contract, Demand, TRLAssessment

app_name = "achievements"
urlpatterns = [
    *model_urls(Achievement, views, prefix="achievements/"),
    *model_urls(Appraisal, views, prefix="appraisals/"),
    *model_urls(TRLAssessment, views, prefix="trl/"),
    *model_urls(Demand, views, prefix="demands/"),
    *model_urls(Contract, views, prefix="contracts/"),
]
