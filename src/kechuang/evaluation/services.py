"""Running an evaluation: registry data → engine → stored results; the run's life cycle;
spot checks. The arithmetic is the engine's; this module decides who is evaluated on what data."""

from __future__ import annotations

import math
import secrets
from collections import defaultdict
from datetime import date
from pathlib import Path

import numpy as np
import yaml
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kechuang.enterprises.choices import QualificationKind
from kechuang.enterprises.models import AnnualData, Qualification
from kechuang.platforms.choices import ReportStatus
from kechuang.platforms.models import Platform, PlatformReport

from . import engine, sampling, schemes
from .choices import CheckStatus, Proposal, RunStatus
from .models import Result, Run, Scheme, SchemeVersion, SpotCheck, SpotCheckItem

BUILTIN_DIR = Path(__file__).resolve().parent / "builtin"
PROPOSAL_BY_LABEL = {"警告": Proposal.WARNING, "撤销": Proposal.REVOKE}


class RunError(Exception):
    """A run that cannot be computed or moved on; the message is Chinese and says why."""


# --- schemes ---------------------------------------------------------------------------------


def read_definition(text: str) -> dict:
    """A definition from YAML or JSON text (JSON is YAML); SchemeError when it is not a mapping."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        raise schemes.SchemeError(
            [f"无法读取 YAML/JSON{where}：{getattr(exc, 'problem', exc)}"]
        ) from exc
    if not isinstance(data, dict):
        raise schemes.SchemeError(["体系定义应为键值结构（YAML 映射或 JSON 对象）"])
    return data


def save_version(definition: dict, user=None, note: str = "", scheme: Scheme | None = None):
    """Check `definition` and store it as the next version of its scheme (created if new).
    Returns (scheme, version, created); an unchanged definition adds no version."""
    schemes.parse(definition)  # raises SchemeError with every problem
    code = str(definition["code"]).strip()
    if scheme is not None and scheme.code != code:
        raise schemes.SchemeError([f"体系编号应为“{scheme.code}”，不能改为“{code}”"])
    with transaction.atomic():
        scheme = scheme or Scheme.objects.filter(code=code).first()
        fields = {
            "name": str(definition["name"]).strip(),
            "platform_kind": definition.get("platform_kind") or "",
            "is_example": bool(definition.get("example", False)),
            "description": str(definition.get("description") or "").strip(),
        }
        if scheme is None:
            scheme = Scheme.objects.create(code=code, **fields)
        elif any(getattr(scheme, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(scheme, k, v)
            scheme.save()
        current = scheme.current
        if current is not None and current.definition == definition:
            return scheme, current, False
        version = SchemeVersion.objects.create(
            scheme=scheme,
            number=(current.number + 1) if current else 1,
            definition=definition,
            note=note,
            created_by=user if getattr(user, "pk", None) else None,
        )
    return scheme, version, True


def load_builtin(user=None) -> list[tuple[Scheme, bool]]:
    """The shipped example schemes, loaded (or updated to a new version when the file changed)."""
    loaded = []
    for path in sorted(BUILTIN_DIR.glob("*.yaml")):
        definition = read_definition(path.read_text(encoding="utf-8"))
        scheme, _version, created = save_version(definition, user, note="内置示例体系")
        loaded.append((scheme, created))
    return loaded


def dump_definition(definition: dict, fmt: str = "yaml") -> str:
    if fmt == "json":
        import json

        return json.dumps(definition, ensure_ascii=False, indent=2)
    return yaml.safe_dump(definition, allow_unicode=True, sort_keys=False, width=100)


# --- population and data ------------------------------------------------------------------------


def population(run: Run):
    """The platforms a run evaluates: the scheme's platform type, operating at the end of the
    year, narrowed by the run's levels / counties / exclusions."""
    year_end = date(run.year, 12, 31)
    spec = run.population or {}
    qs = Platform.objects.filter(approved_on__lte=year_end).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=year_end)
    )
    if run.scheme.platform_kind:
        qs = qs.filter(kind=run.scheme.platform_kind)
    if spec.get("levels"):
        qs = qs.filter(level__in=spec["levels"])
    if spec.get("regions"):
        from kechuang.regions.models import Region

        paths = Region.objects.filter(pk__in=spec["regions"]).values_list("path", flat=True)
        q = Q()
        for path in paths:
            q |= Q(region__path__startswith=path)
        qs = qs.filter(q)
    if spec.get("exclude"):
        qs = qs.exclude(pk__in=spec["exclude"])
    return qs.select_related("host", "region__parent__parent")


def report_rows(platform_ids, first: int, last: int, fields) -> dict[int, dict[int, dict]]:
    """{platform id: {year: {field: value}}} of approved annual reports in [first, last]."""
    rows: dict[int, dict[int, dict]] = defaultdict(dict)
    values = PlatformReport.objects.filter(
        platform_id__in=platform_ids, year__gte=first, year__lte=last, status=ReportStatus.APPROVED
    ).values("platform_id", "year", *sorted(fields))
    for row in values:
        rows[row.pop("platform_id")][row.pop("year")] = {k: float(v) for k, v in row.items()}
    return rows


def aggregate(years: dict[int, dict], source: dict) -> float:
    """A leaf's value from one platform's reports in the window (NaN when it has none)."""
    if not years:
        return math.nan
    if "ratio" in source:
        a, b = source["ratio"]
        num = sum(r[a] for r in years.values())
        den = sum(r[b] for r in years.values())
        return num / den if den else math.nan
    values = [years[y][source["field"]] for y in sorted(years)]
    agg = source.get("agg", "sum")
    if agg == "last":
        return values[-1]
    return sum(values) / len(values) if agg == "mean" else sum(values)


def exemptions(platforms, year: int, kinds: list[str]) -> dict[int, str]:
    """{platform id: reason} for platforms whose host qualifies for an automatic pass."""
    if not kinds:
        return {}
    host_ids = {p.host_id for p in platforms}
    found: dict[int, list[str]] = defaultdict(list)
    qual_kinds = {
        "high_tech": QualificationKind.HIGH_TECH,
        "gazelle": QualificationKind.GAZELLE,
        "shuangbai": QualificationKind.SHUANGBAI,
    }
    wanted = [qual_kinds[k] for k in kinds if k in qual_kinds]
    if wanted:
        held = Qualification.objects.held_in(year).filter(
            enterprise__org_id__in=host_ids, kind__in=wanted
        )
        reverse = {v: k for k, v in qual_kinds.items()}
        for org_id, kind in held.values_list("enterprise__org_id", "kind").distinct():
            found[org_id].append(schemes.EXEMPTIONS[reverse[kind]])
    if "above_scale" in kinds:
        above = AnnualData.objects.filter(
            enterprise__org_id__in=host_ids, year=year, above_scale=True
        ).values_list("enterprise__org_id", flat=True)
        for org_id in above:
            found[org_id].append(schemes.EXEMPTIONS["above_scale"])
    return {p.pk: "；".join(found[p.host_id]) for p in platforms if found.get(p.host_id)}


def previous_proposals(run: Run, platform_ids, count: int) -> dict[int, list[str]]:
    """The proposals of each platform in the `count` latest earlier published runs of the same
    scheme (newest first), for the consecutive-warning rule."""
    runs = list(
        Run.objects.filter(
            scheme_version__scheme=run.scheme, status=RunStatus.PUBLISHED, year__lt=run.year
        )
        .exclude(pk=run.pk)
        .order_by("-year", "-pk")
        .values_list("pk", "year")
    )
    latest: dict[int, int] = {}
    for pk, year in runs:  # one run per year: the newest (a correction supersedes)
        latest.setdefault(year, pk)
    chosen = [latest[y] for y in sorted(latest, reverse=True)[:count]]
    found: dict[int, list[str]] = defaultdict(list)
    results = Result.objects.filter(run_id__in=chosen, platform_id__in=platform_ids)
    by_run = {pk: i for i, pk in enumerate(chosen)}
    for platform_id, _run_id, proposal in sorted(
        results.values_list("platform_id", "run_id", "proposal"), key=lambda r: by_run[r[1]]
    ):
        found[platform_id].append(proposal)
    return found


def spot_check_adjustments(run: Run) -> dict[int, float]:
    """Score adjustments from the checked spot-check items of the run this one corrects."""
    if run.corrects_id is None:
        return {}
    adjustments: dict[int, float] = defaultdict(float)
    for platform_id, adjustment in SpotCheckItem.objects.filter(
        spot_check__run_id=run.corrects_id, status=CheckStatus.CHECKED
    ).values_list("platform_id", "adjustment"):
        adjustments[platform_id] += float(adjustment)
    return adjustments


# --- computing a run ------------------------------------------------------------------------------


def compute(run: Run) -> dict:
    """Evaluate the run's population and store one Result per platform (replacing earlier ones).
    Only a draft can be computed. Returns the run's summary."""
    if run.status != RunStatus.DRAFT:
        raise RunError("只有草稿状态的评价任务可以计算；已复核或已发布的结果不可更改")
    definition = run.scheme_version.definition
    try:
        root, leaves = schemes.parse(definition)
    except schemes.SchemeError as exc:  # e.g. an AHP matrix with CR ≥ 0.1 stored by other means
        raise RunError(f"指标体系有误，不能运行：{exc}") from exc
    window = int(definition.get("window", 1))
    first = run.year - window + 1
    platforms = list(population(run))
    if not platforms:
        raise RunError(
            f"没有符合条件的平台：{run.year} 年底在运行的{run.scheme.get_platform_kind_display() or '平台'}为 0 个"
        )
    fields = {f for leaf in leaves for f in leaf.fields}
    floors = definition.get("floors") or []
    fields |= {f["field"] for f in floors}
    reports = report_rows([p.pk for p in platforms], first, run.year, fields)
    exempt = exemptions(platforms, run.year, definition.get("exemptions") or [])
    grading = definition["grading"]
    bands = grading["bands"]
    lowest = str(bands[-1][1])

    evaluated = [p for p in platforms if p.pk not in exempt and run.year in reports.get(p.pk, {})]
    X = np.array(
        [[aggregate(reports[p.pk], leaf.source) for leaf in leaves] for p in evaluated],
        dtype=float,
    ).reshape(len(evaluated), len(leaves))
    results: dict[int, Result] = {}
    summary: dict = {
        "scheme_version": run.scheme_version.number,
        "years": [first, run.year],
        "population": len(platforms),
        "evaluated": len(evaluated),
        "exempt": len(exempt),
    }
    if evaluated:
        tree, node_weights = schemes.engine_tree(root, leaves, X)
        try:
            ev = engine.evaluate(
                X,
                tree,
                missing=definition.get("missing", "zero"),
                outliers=bool(definition.get("outliers")),
                scale=100.0,
            )
        except ValueError as exc:
            raise RunError(f"计算失败：{exc}") from exc
        adjustments = spot_check_adjustments(run)
        base = np.asarray(ev.scores, dtype=float)
        adjust = np.array([adjustments.get(p.pk, 0.0) for p in evaluated])
        final = np.clip(base + adjust, 0.0, 100.0)
        ranks = engine.rank(final)
        grades = grade(final, grading)
        uncertainty = None
        if run.draws and len(evaluated) >= 3:
            uncertainty = engine.uncertainty(
                X,
                tree,
                draws=run.draws,
                seed=run.seed,
                missing=definition.get("missing", "zero"),
            )
        need = int(definition.get("consecutive_warnings") or 0)
        # The earlier runs only matter when the scheme has a consecutive-warning rule.
        previous = previous_proposals(run, [p.pk for p in evaluated], need - 1) if need >= 2 else {}
        leaf_codes = list(ev.leaf_codes)
        for i, platform in enumerate(evaluated):
            reasons: list[str] = []
            label = str(grades[i])
            failed = failed_floors(reports[platform.pk], floors)
            if failed:
                label = lowest
                reasons += [f"低于底线：{reason}" for reason in failed]
            proposal = proposal_for(label, definition)
            if proposal != Proposal.PASS and not failed:
                reasons.append(f"评价等级为“{label}”")
            if proposal == Proposal.WARNING and need >= 2:
                earlier = previous.get(platform.pk, [])
                if len(earlier) >= need - 1 and all(
                    p == Proposal.WARNING for p in earlier[: need - 1]
                ):
                    proposal = Proposal.REVOKE
                    reasons.append(f"连续 {need} 次评价为警告")
            if adjust[i]:
                reasons.append(f"抽查调整 {adjust[i]:+g} 分")
            results[platform.pk] = Result(
                run=run,
                platform=platform,
                score=round(float(base[i]), 4),
                adjustment=float(adjust[i]),
                final_score=round(float(final[i]), 4),
                rank=int(ranks[i]),
                rank_median=float(uncertainty.median_rank[i]) if uncertainty else None,
                # The interval widened to whole ranks (q05, q95 are interpolated).
                rank_low=math.floor(uncertainty.q05[i]) if uncertainty else None,
                rank_high=math.ceil(uncertainty.q95[i]) if uncertainty else None,
                grade=label,
                proposal=proposal,
                reasons=reasons,
                values={leaf.code: _finite(X[i, j]) for j, leaf in enumerate(leaves)},
                node_scores={code: round(float(s[i]), 4) for code, s in ev.node_scores.items()},
                contributions={
                    code: round(float(ev.contributions[i, j]), 4)
                    for j, code in enumerate(leaf_codes)
                },
                imputed=[code for j, code in enumerate(leaf_codes) if ev.imputed[i, j]],
            )
        summary["weights"] = {
            c: round(float(w), 6) for c, w in zip(leaf_codes, ev.global_weights, strict=True)
        }
        summary["node_weights"] = node_weights
        summary["treated"] = {k: int(v) for k, v in dict(ev.treated).items()}
    for platform in platforms:
        if platform.pk in results:
            continue
        if platform.pk in exempt:
            results[platform.pk] = Result(
                run=run,
                platform=platform,
                grade="免评",
                proposal=Proposal.PASS,
                exempt_reason=exempt[platform.pk],
                reasons=[f"免评通过：{exempt[platform.pk]}"],
            )
        else:
            results[platform.pk] = Result(
                run=run,
                platform=platform,
                grade=lowest,
                proposal=Proposal.REVOKE,
                reasons=[f"未提交或未通过审核 {run.year} 年度年报，视为不参加评价"],
            )
    counts: dict[str, int] = defaultdict(int)
    for result in results.values():
        counts[result.grade] += 1
    summary["grades"] = dict(counts)
    summary["proposals"] = {
        p: sum(1 for r in results.values() if r.proposal == p) for p in Proposal.values
    }
    with transaction.atomic():
        run.results.all().delete()
        Result.objects.bulk_create(results.values(), batch_size=500)
        run.summary = summary
        run.computed_at = timezone.now()
        run.save()
    return summary


def _finite(value) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), 4)


def grade(scores: np.ndarray, grading: dict) -> np.ndarray:
    """Grades by score bands, capped by the quotas: a grade with a quota takes at most that share
    of the evaluated platforms, ties at the edge going to the lower grade (engine.grade_quota)."""
    bands = [
        (None if lower is None else float(lower), str(label)) for lower, label in grading["bands"]
    ]
    quotas = grading.get("quotas") or {}
    if not quotas:
        return engine.grade_bands(
            scores, [(-math.inf if lo is None else lo, lab) for lo, lab in bands]
        )
    return engine.grade_quota(
        scores,
        [(label, float(quotas.get(label, 1.0))) for _lo, label in bands[:-1]],
        floors={label: lo for lo, label in bands[:-1]},
        fallback=bands[-1][1],
    )


def failed_floors(years: dict[int, dict], floors: list[dict]) -> list[str]:
    failed = []
    for floor in floors:
        value = aggregate(years, {"field": floor["field"], "agg": floor.get("agg", "sum")})
        if not value >= float(floor["min"]):
            failed.append(
                floor.get("reason") or f"{schemes.REPORT_FIELDS[floor['field']]}低于 {floor['min']}"
            )
    return failed


def proposal_for(label: str, definition: dict) -> str:
    for name, grades in (definition.get("proposals") or {}).items():
        if label in (grades or []):
            return PROPOSAL_BY_LABEL[name]
    return Proposal.PASS


# --- life cycle -----------------------------------------------------------------------------------


def review(run: Run, user) -> None:
    if run.status != RunStatus.DRAFT:
        raise RunError("只有草稿可以复核")
    if run.computed_at is None or not run.results.exists():
        raise RunError("请先计算评价结果再复核")
    run.status, run.reviewed_by, run.reviewed_at = RunStatus.REVIEWED, user, timezone.now()
    run.save()


def reopen(run: Run) -> None:
    if run.status != RunStatus.REVIEWED:
        raise RunError("只有已复核（未发布）的任务可以退回草稿")
    run.status, run.reviewed_by, run.reviewed_at = RunStatus.DRAFT, None, None
    run.save()


def publish(run: Run, user) -> None:
    if run.status != RunStatus.REVIEWED:
        raise RunError("评价结果须先复核再发布")
    run.status, run.published_by, run.published_at = RunStatus.PUBLISHED, user, timezone.now()
    run.save()


def correct(run: Run, user, reason: str) -> Run:
    """A correction of a published run: a new draft with the same settings that references it
    (and takes the score adjustments of its spot checks)."""
    if run.status != RunStatus.PUBLISHED:
        raise RunError("只有已发布的任务需要更正；草稿可以直接修改重算")
    if not reason.strip():
        raise RunError("更正须说明原因")
    return Run.objects.create(
        title=f"{run.title}（更正）",
        scheme_version=run.scheme_version,
        year=run.year,
        population=run.population,
        draws=run.draws,
        seed=run.seed,
        corrects=run,
        correction_reason=reason.strip(),
    )


# --- spot checks ----------------------------------------------------------------------------------


def stratum_label(platform: Platform, strata: list[str]) -> str:
    parts = []
    if "kind" in strata:
        parts.append(platform.get_kind_display())
    if "county" in strata:
        county = platform.region.county if platform.region_id else None
        parts.append(county.name if county else "市直")
    return " · ".join(parts) or "全部"


def draw_spot_check(spot_check: SpotCheck) -> list[SpotCheckItem]:
    """Draw (or re-draw) the sample of `spot_check` from its run's evaluated platforms."""
    strata = [s for s in spot_check.strata.split(",") if s]
    platforms = {
        r.platform_id: r.platform
        for r in spot_check.run.results.filter(score__isnull=False).select_related(
            "platform__region__parent__parent"
        )
    }
    drawn = sampling.draw(
        [(pk, stratum_label(p, strata)) for pk, p in platforms.items()],
        seed=spot_check.seed,
        proportion=float(spot_check.proportion) if spot_check.proportion else None,
        count=spot_check.count,
        exclude=spot_check.excluded,
    )
    return [
        SpotCheckItem(spot_check=spot_check, platform=platforms[pk], stratum=stratum)
        for pk, stratum in drawn
    ]


def new_seed() -> int:
    return secrets.randbelow(2**31)


def create_spot_check(spot_check: SpotCheck) -> SpotCheck:
    from simple_history.utils import bulk_create_with_history

    with transaction.atomic():
        spot_check.save()
        items = draw_spot_check(spot_check)
        if not items:
            raise RunError("抽取结果为空：该任务没有可抽查的已评价平台")
        bulk_create_with_history(items, SpotCheckItem)
    return spot_check


def verify_draw(spot_check: SpotCheck) -> bool:
    """Whether re-drawing with the recorded seed gives exactly the stored sample."""
    again = {(i.platform_id, i.stratum) for i in draw_spot_check(spot_check)}
    stored = set(spot_check.items.values_list("platform_id", "stratum"))
    return again == stored
