"""Filters over the division tree, shared by every registry's FilterSet."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from .choices import RegionLevel
from .models import Region


class CountyFilter(django_filters.ModelChoiceFilter):
    """县（市、区）: rows whose region (the lookup `field_name`, e.g. "org__region") lies in the
    chosen county-level unit or anywhere below it. Choices are limited to the user's scope by
    BaseFilterSet like every other related-record filter."""

    def __init__(self, field_name: str = "region", **kwargs):
        kwargs.setdefault("label", _("县（市、区）"))
        kwargs.setdefault("queryset", Region.objects.filter(level=RegionLevel.COUNTY))
        super().__init__(field_name=field_name, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(**{f"{self.field_name}__path__startswith": value.path})
