import datetime
from decimal import Decimal

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def object_url(obj, action):
    return obj.get_url(action)


@register.filter
def tags(obj):
    """Display values of the record's key tags (level, status, tier…), blanks left out."""
    values = []
    for name in getattr(obj, "tag_fields", ()):
        field = obj._meta.get_field(name)
        value = getattr(obj, name)
        if field.choices:
            value = getattr(obj, f"get_{name}_display")() if value not in (None, "") else ""
        elif isinstance(value, bool):
            value = field.verbose_name if value else ""
        if value:
            values.append(value)
    return values


@register.filter
def display(value):
    """Values as people read them: — for blanks, 是/否, thousands separators, ISO dates."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal | float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    return value


@register.filter
def sections(form):
    """The form's visible fields grouped by its `fieldsets` (one untitled section if none)."""
    fieldsets = getattr(form, "fieldsets", ()) or ((None, [f.name for f in form.visible_fields()]),)
    return [
        {"title": title, "fields": [form[name] for name in names if name in form.fields]}
        for title, names in fieldsets
    ]


@register.filter
def add_class(bound_field, css):
    existing = bound_field.field.widget.attrs.get("class", "")
    return bound_field.as_widget(attrs={"class": f"{existing} {css}".strip()})


@register.filter
def percent(value, decimals=1):
    """A fraction shown as a percentage with one decimal: 0.0312 → 3.1%; — when missing."""
    if value is None or value == "":
        return "—"
    return f"{float(value) * 100:.{int(decimals)}f}%"
