from django.urls import path

from kechuang.web.urls_helpers import model_urls

from . import views
from .models import (
    Assessment,
    Assignment,
    Commissioner,
    Honour,
    ServiceLog,
    Talent,
    Team,
    TeamMember,
)

app_name = "talents"
urlpatterns = [
    *model_urls(Talent, views, prefix="talents/"),
    *model_urls(Honour, views, prefix="honours/"),
    *model_urls(Team, views, prefix="teams/"),
    *model_urls(TeamMember, views, prefix="team-members/"),
    *model_urls(Commissioner, views, prefix="commissioners/"),
    *model_urls(Assignment, views, prefix="assignments/"),
    *model_urls(ServiceLog, views, prefix="service-logs/"),
    *model_urls(Assessment, views, prefix="assessments/"),
    path("coverage/", views.coverage, name="coverage"),
]
