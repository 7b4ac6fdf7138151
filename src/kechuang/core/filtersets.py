"""Base FilterSet shared by list pages and the REST API."""

from functools import reduce
from operator import or_

import django_filters
from django.core.validators import EMPTY_VALUES
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .forms import style_form_fields


class YearRuleFilter(django_filters.NumberFilter):
    """The rows that count in a statistical year by the queryset method `rule` (held_in,
    operating_in, covering…): the very rule a monitoring indicator names in the plan's YAML, so
    that a number on the dashboard drills down to exactly its rows."""

    def __init__(self, rule: str, **kwargs):
        self.rule = rule
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return getattr(qs, self.rule)(int(value))


class BaseFilterSet(django_filters.FilterSet):
    """Adds ``q``: a keyword searched in `search_fields` (name, code, pinyin initials…)."""

    q = django_filters.CharFilter(method="search", label=_("关键字"))
    search_fields: tuple[str, ...] = ("name",)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            reduce(or_, (Q(**{f"{field}__icontains": value}) for field in self.search_fields))
        )

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        # Choices offered by related-object filters must not leak rows outside the user's scope.
        user = getattr(request, "user", None)
        for f in self.filters.values():
            qs = getattr(f, "queryset", None)
            if user is not None and qs is not None and hasattr(qs, "restrict"):
                f.queryset = qs.restrict(user, "view")

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            style_form_fields(form)
            form._styled = True
        return form
