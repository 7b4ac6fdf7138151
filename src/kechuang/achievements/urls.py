from django.urls import path

from kechuang.web.urls_helpers import model_urls

from . import market, views
from .models import (
    Achievement,
    Appraisal,
    Contract,
    Demand,
    MatchRecord,
    SynonymEntry,
    TransferOutcome,
    TRLAssessment,
)

app_name = "achievements"
urlpatterns = [
    *model_urls(Achievement, views, prefix="achievements/"),
    *model_urls(Appraisal, views, prefix="appraisals/"),
    *model_urls(TRLAssessment, views, prefix="trl/"),
    *model_urls(Demand, views, prefix="demands/"),
    path("demands/<int:pk>/propose/", views.propose_match, name="demand_propose"),
    *model_urls(MatchRecord, views, prefix="matches/"),
    *model_urls(SynonymEntry, views, prefix="synonyms/"),
    *model_urls(TransferOutcome, views, prefix="outcomes/"),
    *model_urls(Contract, views, prefix="contracts/"),
    path("contracts/market/", market.market, name="contract_market"),
]
