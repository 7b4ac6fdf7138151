"""Base table: checkbox column, linked name, an 操作 column, CSV/XLSX-friendly values."""

from decimal import Decimal

import django_tables2 as tables
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_tables2.columns import library


@library.register
class NumberColumn(tables.Column):
    """Numbers right-aligned with thousands separators on screen; raw values in exports.
    Used automatically for decimal and integer model fields (years excepted)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", {"td": {"class": "text-end"}, "th": {"class": "text-end"}})
        super().__init__(*args, **kwargs)

    def render(self, value):
        if isinstance(value, Decimal | float):
            return f"{value:,.2f}"
        if isinstance(value, int):
            return f"{value:,}"
        return value

    def value(self, value):
        return value

    @classmethod
    def from_field(cls, field, **kwargs):
        numeric = isinstance(field, models.DecimalField | models.IntegerField | models.FloatField)
        if (
            numeric
            and not field.choices
            and not field.name.endswith("year")
            and not (field.primary_key or field.is_relation)
        ):
            return cls(**kwargs)
        return None


class RecordColumn(tables.Column):
    """The record itself (its str), linked to its page: for child records without a name."""

    empty_values = ()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("linkify", lambda record: record.get_absolute_url())
        super().__init__(*args, **kwargs)

    def render(self, record):
        return str(record)

    def value(self, record):
        return str(record)


class ActionsColumn(tables.Column):
    """查看 / 编辑 / 删除 links; edit and delete only for users holding those permissions."""

    empty_values = ()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", _("操作"))
        kwargs.setdefault("orderable", False)
        kwargs.setdefault("exclude_from_export", True)
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap"}})
        super().__init__(*args, **kwargs)

    def render(self, record, table):
        opts = record._meta
        links = [format_html('<a href="{}">{}</a>', record.get_absolute_url(), _("查看"))]
        user = getattr(table, "user", None)
        if user is not None and user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            links.append(format_html('<a href="{}">{}</a>', record.get_url("edit"), _("编辑")))
        if user is not None and user.has_perm(f"{opts.app_label}.delete_{opts.model_name}"):
            links.append(
                format_html(
                    '<a class="text-danger" href="{}">{}</a>',
                    record.get_url("delete"),
                    _("删除"),
                )
            )
        return format_html(" · ".join(["{}"] * len(links)), *links)


class BaseTable(tables.Table):
    pk = tables.CheckBoxColumn(
        accessor="pk",
        orderable=False,
        exclude_from_export=True,
        attrs={
            "th__input": {"class": "form-check-input", "data-select-all": "1"},
            "td__input": {"class": "form-check-input", "name": "pk"},
        },
    )
    actions = ActionsColumn()

    class Meta:
        attrs = {"class": "table table-vcenter table-sm table-hover card-table text-nowrap"}
        per_page = 20
        empty_text = _("没有符合条件的记录")

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
