"""Load a plan from YAML into the database (idempotent: re-loading updates in place)."""

from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction

from kechuang.regions.models import Region

from .compute import ComputeSpecError, parse
from .models import Baseline, Indicator, Plan, Series, Task

BUILTIN_PLAN = Path(__file__).parent / "builtin" / "pingdingshan-14th.yaml"

INDICATOR_FIELDS = (
    "name",
    "section",
    "unit",
    "display_unit",
    "display_factor",
    "decimals",
    "direction",
    "definition",
    "headline",
    "target_year",
    "target_value",
    "target_illustrative",
    "compute",
)


class PlanFileError(ValueError):
    pass


@transaction.atomic
def load_plan(path: Path, *, default: bool = False) -> Plan:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    for key in ("code", "name", "region", "start_year", "end_year", "indicators"):
        if key not in data:
            raise PlanFileError(f"{path}: 缺少必填项“{key}”")
    try:
        region = Region.objects.get(code=str(data["region"]))
    except Region.DoesNotExist as exc:
        raise PlanFileError(f"{path}: 区划代码 {data['region']} 不存在") from exc
    plan, _ = Plan.objects.update_or_create(
        code=data["code"],
        defaults={
            "name": data["name"],
            "region": region,
            "start_year": data["start_year"],
            "end_year": data["end_year"],
            "source": data.get("source", ""),
            "is_default": default or data.get("default", False),
        },
    )
    if plan.is_default:
        Plan.objects.exclude(pk=plan.pk).filter(is_default=True).update(is_default=False)
    series_codes = set()
    for order, item in enumerate(data.get("series") or [], start=1):
        for key in ("code", "name", "unit"):
            if key not in item:
                raise PlanFileError(f"{path}: 统计指标第 {order} 项缺少“{key}”")
        defaults = {"name": item["name"], "unit": item["unit"], "order": order}
        if "max_change" in item:
            defaults["max_change"] = Decimal(str(item["max_change"]))
        Series.objects.update_or_create(plan=plan, code=item["code"], defaults=defaults)
        series_codes.add(item["code"])
    for order, item in enumerate(data["indicators"], start=1):
        values = {k: item[k] for k in INDICATOR_FIELDS if k in item}
        if item.get("compute"):
            try:
                parse(item["code"], item["compute"])
            except ComputeSpecError as exc:
                raise PlanFileError(f"{path}: {exc}") from exc
            source = item["compute"].get("input")
            used = [source] if isinstance(source, str) else list((source or {}).values())
            unknown = [c for c in used if c not in series_codes]
            if unknown:
                raise PlanFileError(
                    f"{path}: 指标 {item['code']} 引用了未定义的统计指标：{'、'.join(unknown)}"
                )
        indicator, _ = Indicator.objects.update_or_create(
            plan=plan, code=item["code"], defaults={**values, "order": order}
        )
        for year, value in (item.get("baselines") or {}).items():
            Baseline.objects.update_or_create(
                indicator=indicator,
                year=int(year),
                defaults={"value": Decimal(str(value)), "source": data.get("source", "")},
            )
    load_tasks(plan, data.get("tasks") or [], path)
    if "tasks_illustrative" in data and plan.tasks_illustrative != bool(data["tasks_illustrative"]):
        plan.tasks_illustrative = bool(data["tasks_illustrative"])
        plan.save()
    return plan


TASK_FIELDS = ("title", "description", "lead", "partners", "deadline")


def load_tasks(plan: Plan, items: list, path, parent: Task | None = None, counter=None) -> None:
    """Create or update the plan's tasks by code. Status, progress and the latest update belong to
    the people reporting on them: re-loading never resets them."""
    counter = counter if counter is not None else [0]
    for item in items:
        for key in ("code", "title", "lead"):
            if not item.get(key):
                raise PlanFileError(f"{path}: 任务 {item.get('code', '?')} 缺少“{key}”")
        counter[0] += 1
        values = {k: item[k] for k in TASK_FIELDS if k in item}
        values["section"] = item.get("section") or (parent.section if parent else "")
        task = Task.objects.filter(plan=plan, code=str(item["code"])).first()
        if task is None:
            task = Task(plan=plan, code=str(item["code"]))
        for key, value in {**values, "parent": parent, "order": counter[0]}.items():
            setattr(task, key, value)
        task.full_clean()
        task.save()
        load_tasks(plan, item.get("children") or [], path, task, counter)
