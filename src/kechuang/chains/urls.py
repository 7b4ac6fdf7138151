from kechuang.web.urls_helpers import model_urls

from . import views
from .models import Chain, Link

app_name = "chains"
urlpatterns = [*model_urls(Chain, views, prefix=""), *model_urls(Link, views, prefix="links/")]
