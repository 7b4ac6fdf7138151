from kechuang.core.forms import BaseModelForm

from .models import Region


class RegionForm(BaseModelForm):
    class Meta:
        model = Region
        fields = ("code", "name", "level", "kind", "parent", "is_synthetic")
