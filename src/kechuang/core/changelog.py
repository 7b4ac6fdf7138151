"""Who changed what: helpers around django-simple-history.

Web requests get their author from simple-history's middleware. Management commands, imports and
other background work wrap their writes in ``changelog_context(user, reason)``.
"""

from contextlib import contextmanager
from types import SimpleNamespace

from simple_history.models import HistoricalRecords

HIDDEN_FIELDS = {"updated", "version", "search_initials"}


@contextmanager
def changelog_context(user=None, reason: str = ""):
    """Attribute every history record written inside the block to `user`, with `reason`."""
    previous = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = SimpleNamespace(user=user, change_reason=reason)
    try:
        yield
    finally:
        if previous is None:
            del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = previous


def field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def display_value(model, name: str, value) -> str:
    """A stored value as people read it: choice labels, related objects' names, 空 for blanks."""
    if value in (None, ""):
        return "（空）"
    try:
        field = model._meta.get_field(name)
    except Exception:
        return str(value)
    if field.many_to_many:
        return _m2m_display(field, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.many_to_one:
        obj = field.related_model._base_manager.filter(pk=value).first()
        return str(obj) if obj else f"#{value}（已删除）"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _m2m_display(field, rows) -> str:
    """simple-history gives m2m values as through-table rows; show the related records' names."""
    from simple_history.utils import get_m2m_reverse_field_name

    key = get_m2m_reverse_field_name(field)
    ids = [row.get(key) for row in rows or ()]
    if not ids:
        return "（空）"
    names = {o.pk: str(o) for o in field.related_model._base_manager.filter(pk__in=ids)}
    return "、".join(names.get(i, f"#{i}（已删除）") for i in ids)


def history_entries(obj):
    """The record's history, newest first, each with its field-level changes (before → after)."""
    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-pk"))
    entries = []
    for i, record in enumerate(records):
        older = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                changes.append(
                    {
                        "field": field_label(model, change.field),
                        "old": display_value(model, change.field, change.old),
                        "new": display_value(model, change.field, change.new),
                    }
                )
        elif record.history_type == "+":
            for field in model._meta.concrete_fields:
                if field.name in HIDDEN_FIELDS or field.name in ("id", "created"):
                    continue
                value = getattr(record, field.attname, None)
                if value in (None, ""):
                    continue
                changes.append(
                    {
                        "field": str(field.verbose_name),
                        "old": "",
                        "new": display_value(model, field.name, value),
                    }
                )
        entries.append(
            {
                "record": record,
                "action": {"+": "新增", "~": "修改", "-": "删除"}[record.history_type],
                "user": record.history_user,
                "time": record.history_date,
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
    return entries
