"""供需对接 in the platform: the matching engine (kechuang.matching) over the registry.

Indexes are built once per process and rebuilt when their table changes (count or last update);
results are limited to the records the user may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from threading import Lock

from django.db.models import Count, Max

from kechuang.matching import Doc, Index, Match, Synonyms

from .models import Achievement, Demand, SynonymEntry

_cache: dict[str, tuple[tuple, Index]] = {}
_lock = Lock()


def achievement_doc(a: Achievement) -> Doc:
    return Doc(
        id=str(a.pk),
        title=a.title,
        description=a.description,
        keywords=tuple(a.keyword_list),
        field=a.field,
        industry=a.industry,
        trl=a.trl,
    )


def demand_doc(d: Demand) -> Doc:
    return Doc(
        id=str(d.pk),
        title=d.title,
        description=d.description,
        keywords=tuple(d.keyword_list),
        field=d.field,
        industry=d.industry,
    )


def expert_doc(e) -> Doc:
    """An expert by expertise only: disciplines (discipline codes dropped) and technology field;
    names and organisations would match on words such as 有限公司."""
    disciplines = [
        part.strip().lstrip("0123456789 ").strip()
        for part in (e.disciplines or "").replace("，", ",").replace("、", ",").split(",")
    ]
    disciplines = [d for d in disciplines if d]
    return Doc(
        id=str(e.pk),
        title=" ".join(disciplines),
        description="",
        keywords=tuple(disciplines),
        field=e.main_field,
    )


def _signature(queryset) -> tuple:
    return tuple(
        queryset.order_by().aggregate(n=Count("pk"), last=Max("updated"), top=Max("pk")).values()
    )


def synonyms() -> Synonyms:
    """The shipped dictionary plus the bureau's own entries (SynonymEntry)."""
    entries = list(SynonymEntry.objects.order_by("pk"))
    if not entries:
        return Synonyms.default()
    merged = Synonyms.default().copy()
    for entry in entries:
        try:
            merged.add(entry.canonical, entry.variant_list, industry=entry.industry)
        except ValueError:
            continue  # checked on save; should a shipped entry later collide, skip it, never fail
    return merged


def _index(key: str, queryset, to_doc) -> Index:
    signature = (_signature(queryset), _signature(SynonymEntry.objects.all()))
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
    index = Index((to_doc(obj) for obj in queryset.iterator()), synonyms=synonyms())
    with _lock:
        _cache[key] = (signature, index)
    return index


@dataclass
class Found:
    obj: object
    match: Match


def _search(index: Index, query: Doc, visible, *, top: int, **filters) -> list[Found]:
    matches = index.search(query, top=max(top * 5, 50), **filters)
    ids = [int(m.id) for m in matches]
    objects = visible.in_bulk(ids)
    found = [Found(objects[int(m.id)], m) for m in matches if int(m.id) in objects]
    return found[:top]


def achievements_for(demand: Demand, user, *, top=10, min_trl=None, field=None) -> list[Found]:
    index = _index("achievements", Achievement.objects.all(), achievement_doc)
    visible = Achievement.objects.restrict(user).select_related("owner")
    return _search(index, demand_doc(demand), visible, top=top, min_trl=min_trl, field=field)


def demands_for(achievement: Achievement, user, *, top=10) -> list[Found]:
    index = _index("demands", Demand.objects.all(), demand_doc)
    visible = Demand.objects.restrict(user).select_related("org")
    return _search(index, achievement_doc(achievement), visible, top=top)


def experts_for(demand: Demand, user, *, top=5) -> list[Found]:
    from kechuang.projects.models import Expert

    index = _index("experts", Expert.objects.select_related("org"), expert_doc)
    visible = Expert.objects.restrict(user).filter(available=True).select_related("org")
    return _search(index, demand_doc(demand), visible, top=top)
