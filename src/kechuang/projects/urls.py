from kechuang.web.urls_helpers import model_urls

from . import views
from .models import Call, Expert, Milestone, Project, Proposal, Review

app_name = "projects"
urlpatterns = [
    *model_urls(Call, views, prefix="calls/"),
    *model_urls(Proposal, views, prefix="proposals/"),
    *model_urls(Review, views, prefix="reviews/"),
    *model_urls(Project, views, prefix="projects/"),
    *model_urls(Milestone, views, prefix="milestones/"),
    *model_urls(Expert, views, prefix="experts/"),
]
