from kechuang.web.urls_helpers import model_urls

from . import views
from .models import Org

app_name = "orgs"
urlpatterns = model_urls(Org, views, prefix="")
