from kechuang.web.urls_helpers import model_urls

from . import views
from .models import Region

app_name = "regions"
urlpatterns = model_urls(Region, views, prefix="")
