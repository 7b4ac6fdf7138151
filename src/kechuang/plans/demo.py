"""Demo: approved statistical reports of every county for 2016–2025 (城市 R&D/GDP 1.76 % and
high-tech share 22.2 % in 2020, as the plan states), then the stored indicator values 2016–2025."""

import random
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region

from .models import Plan, StatValue, Submission, Task, TaskStatus
from .values import recompute

YEARS = range(2016, 2026)
# City-wide ratios by year: 2020 is the plan's figure, the others a plausible path.
RD_GDP = {
    2016: 0.0148,
    2017: 0.0155,
    2018: 0.0162,
    2019: 0.0169,
    2020: 0.0176,
    2021: 0.0183,
    2022: 0.0189,
    2023: 0.0196,
    2024: 0.0202,
    2025: 0.0209,
}
HIGHTECH_SHARE = {
    2016: 0.175,
    2017: 0.186,
    2018: 0.198,
    2019: 0.210,
    2020: 0.222,
    2021: 0.233,
    2022: 0.245,
    2023: 0.256,
    2024: 0.268,
    2025: 0.279,
}
CENT = Decimal("0.01")


def _shares(rng, n):
    weights = [rng.uniform(0.5, 1.5) for _ in range(n)]
    total = sum(weights)
    return [w / total for w in weights]


def _split(total: Decimal, bases: list[Decimal], tilts: list[float]) -> list[Decimal]:
    """Split `total` over the counties in proportion to base × tilt, exactly (the last takes the rest)."""
    weights = [float(b) * t for b, t in zip(bases, tilts, strict=True)]
    s = sum(weights)
    parts = [(total * Decimal(w / s)).quantize(CENT, ROUND_HALF_UP) for w in weights[:-1]]
    return [*parts, total - sum(parts)]


def load(rng: random.Random) -> str:
    plan = Plan.objects.filter(is_default=True).first()
    if plan is None:
        return "规划监测：无默认规划"
    series = {s.code: s for s in plan.series.all()}
    counties = list(
        Region.objects.filter(level=RegionLevel.COUNTY, path__startswith=plan.region.path).order_by(
            "code"
        )
    )
    created = 0
    if series and counties and not Submission.objects.filter(plan=plan).exists():
        gdp_share = _shares(rng, len(counties))
        rd_tilt = [rng.uniform(0.6, 1.6) for _ in counties]
        ind_share = [rng.uniform(0.3, 0.5) for _ in counties]
        ht_tilt = [rng.uniform(0.5, 1.6) for _ in counties]
        city_gdp = Decimal("22000000")  # 万元: about 2,200 亿元
        for year in YEARS:
            gdp_total = (city_gdp * Decimal("1.06") ** (year - 2016)).quantize(CENT)
            gdp = _split(gdp_total, [Decimal(1)] * len(counties), gdp_share)
            rd = _split((gdp_total * Decimal(str(RD_GDP[year]))).quantize(CENT), gdp, rd_tilt)
            industry = [
                (g * Decimal(str(s))).quantize(CENT) for g, s in zip(gdp, ind_share, strict=True)
            ]
            ht_total = (sum(industry) * Decimal(str(HIGHTECH_SHARE[year]))).quantize(CENT)
            hightech = _split(ht_total, industry, ht_tilt)
            submitted = timezone.make_aware(datetime.combine(date(year + 1, 3, 20), time(10)))
            for i, county in enumerate(counties):
                sub = Submission.objects.create(
                    plan=plan,
                    region=county,
                    year=year,
                    status=Submission.Status.APPROVED,
                    deadline=date(year + 1, 3, 31),
                    submitted_at=submitted,
                    reviewed_at=submitted + timezone.timedelta(days=5),
                )
                for code, values in (
                    ("gdp", gdp),
                    ("rd_expenditure", rd),
                    ("industry_value_added", industry),
                    ("hightech_value_added", hightech),
                ):
                    StatValue.objects.create(submission=sub, series=series[code], value=values[i])
                created += 1
    n = recompute(plan, YEARS)
    updated = _task_progress(plan, random.Random(rng.getrandbits(64)))
    return (
        f"规划监测：统计填报 {created} 份（已审核），指标值 {n} 个（2016—2025 年），"
        f"任务进展 {updated} 项"
    )


TASK_NOTES = {
    TaskStatus.DONE: "已按期完成，形成工作总结（演示）",
    TaskStatus.IN_PROGRESS: "按计划推进，已完成年度工作目标的阶段任务（演示）",
    TaskStatus.DELAYED: "受项目审批进度影响滞后，已制定赶进度措施（演示）",
}


def _task_progress(plan, rng) -> int:
    """Plausible progress on tasks nobody has reported on yet: past deadlines mostly done, a few
    delayed; the rest under way. A task with sub-tasks follows them (delayed if one is, progress
    their mean)."""
    today = date.today()
    fresh = list(plan.tasks.filter(status=TaskStatus.NOT_STARTED, progress=0).order_by("-order"))
    done: dict[int, Task] = {}
    for task in fresh:  # sub-tasks come after their parent in plan order: reversed, they go first
        children = [done[c.pk] for c in task.children.all() if c.pk in done]
        if children:
            delayed = any(c.status == TaskStatus.DELAYED for c in children)
            task.progress = round(sum(c.progress for c in children) / len(children))
            task.status = (
                TaskStatus.DELAYED
                if delayed
                else TaskStatus.DONE
                if task.progress == 100
                else TaskStatus.IN_PROGRESS
            )
        else:
            if task.deadline and task.deadline < today:
                task.status = TaskStatus.DELAYED if rng.random() < 0.2 else TaskStatus.DONE
            else:
                task.status = TaskStatus.DELAYED if rng.random() < 0.1 else TaskStatus.IN_PROGRESS
            task.progress = (
                100 if task.status == TaskStatus.DONE else rng.choice((40, 50, 60, 70, 80, 90))
            )
        task.latest = TASK_NOTES[task.status]
        task.save()
        done[task.pk] = task
    return len(done)
