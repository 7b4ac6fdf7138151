import django_filters
from django.utils.translation import gettext_lazy as _

from kechuang.core.filtersets import BaseFilterSet

from .models import Batch


class BatchFilterSet(BaseFilterSet):
    search_fields = ("file_name",)
    status = django_filters.ChoiceFilter(choices=Batch.Status.choices, label=_("状态"))
    kind = django_filters.CharFilter(label=_("导入类型"))

    class Meta:
        model = Batch
        fields = ("q", "kind", "status")
