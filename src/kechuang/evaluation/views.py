from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from kechuang.web import generic

from . import charts, schemes, services
from .choices import RunStatus
from .filtersets import ResultFilterSet, RunFilterSet, SchemeFilterSet, SpotCheckFilterSet
from .forms import DefinitionForm, RunForm, SpotCheckForm, SpotCheckItemForm
from .models import Result, Run, Scheme, SpotCheck, SpotCheckItem
from .tables import ResultTable, RunTable, SchemeTable, SpotCheckItemTable, SpotCheckTable

# --- schemes ----------------------------------------------------------------------------------


class SchemeListView(generic.ObjectListView):
    queryset = Scheme.objects.prefetch_related("versions")
    filterset = SchemeFilterSet
    table = SchemeTable


class SchemeView(generic.ObjectView):
    queryset = Scheme.objects.all()

    def extra_context(self, obj):
        versions = list(obj.versions.select_related("created_by").order_by("-number"))
        wanted = self.request.GET.get("version", "")
        version = next(
            (v for v in versions if str(v.number) == wanted), versions[0] if versions else None
        )
        context = {"versions": versions, "version": version, "runs": obj_runs(obj)}
        if version is not None:
            context.update(scheme_context(version.definition))
        return context


def obj_runs(scheme):
    return list(
        Run.objects.filter(scheme_version__scheme=scheme)
        .select_related("scheme_version")
        .order_by("-year", "-pk")[:20]
    )


def scheme_context(definition: dict) -> dict:
    """The definition laid out for reading: indicator rows with weights, grading and rules."""
    root, _leaves = schemes.parse(definition)
    rows = []
    for depth, spec, local, global_ in schemes.walk(root):
        row = {
            "depth": depth,
            "spec": spec,
            "local": local,
            "global": global_,
            "points": global_ * 100,
        }
        if isinstance(spec, schemes.LeafSpec):
            row.update(
                leaf=True,
                source=spec.describe_source(),
                normalization=schemes.NORMALIZATIONS[spec.normalization],
                params=describe_params(spec),
            )
        else:
            row.update(leaf=False, weighting=schemes.WEIGHTINGS[spec.weighting], cr=spec.cr)
            if spec.weighting == "ahp":
                row["pairwise"] = pairwise_rows(spec)
        rows.append(row)
    grading = definition["grading"]
    quotas = grading.get("quotas") or {}
    bands = []
    upper = None
    for lower, label in grading["bands"]:
        bands.append({"label": label, "lower": lower, "upper": upper, "quota": quotas.get(label)})
        upper = lower
    return {
        "rows": rows,
        "root": root,
        "root_weighting": schemes.WEIGHTINGS[root.weighting],
        "root_pairwise": pairwise_rows(root) if root.weighting == "ahp" else None,
        "bands": bands,
        "definition": definition,
        "window": definition.get("window", 1),
        "missing": schemes.MISSING[definition.get("missing", "zero")],
        "floors": definition.get("floors") or [],
        "exemptions": [schemes.EXEMPTIONS[e] for e in definition.get("exemptions") or []],
        "proposals": definition.get("proposals") or {},
        "consecutive_warnings": definition.get("consecutive_warnings"),
        "field_labels": schemes.REPORT_FIELDS,
    }


def pairwise_rows(spec) -> list[dict]:
    """The AHP judgement matrix as rows (name, [a_ij…], weight) for display."""
    return [
        {"name": child.name, "values": [f"{v:.3g}" for v in values], "weight": child.weight}
        for child, values in zip(spec.children, spec.pairwise, strict=True)
    ]


def describe_params(spec) -> str:
    p = spec.params or {}
    if spec.normalization == "goalpost":
        return f"下限 {p['low']:g}，上限 {p['high']:g}{spec.unit}"
    if spec.normalization == "reference":
        return f"参照值 {p['reference']:g}{spec.unit}，封顶 {p.get('cap', 1):g}"
    if spec.normalization == "bands":
        top = max(points for _lower, points in p["bands"]) or 1
        return "；".join(
            f"≥{lower:g}{spec.unit}：{points:g}/{top:g}" for lower, points in p["bands"]
        )
    return ""


@login_required
def scheme_export(request, pk):
    if not request.user.has_perm("evaluation.view_scheme"):
        raise PermissionDenied
    scheme = get_object_or_404(Scheme.objects.restrict(request.user), pk=pk)
    versions = scheme.versions.all()
    wanted = request.GET.get("version")
    version = (
        versions.filter(number=wanted).first() if wanted and wanted.isdigit() else scheme.current
    )
    if version is None:
        return HttpResponse("该指标体系没有版本", status=404)
    fmt = "json" if request.GET.get("format") == "json" else "yaml"
    response = HttpResponse(
        services.dump_definition(version.definition, fmt),
        content_type="application/json; charset=utf-8"
        if fmt == "json"
        else "application/yaml; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{scheme.code}-v{version.number}.{fmt}"'
    )
    return response


@login_required
def scheme_import(request, pk=None):
    """A new scheme (pk None) or a new version of one, from YAML/JSON typed in or uploaded."""
    scheme = (
        get_object_or_404(Scheme.objects.restrict(request.user, "change"), pk=pk) if pk else None
    )
    if not request.user.has_perm("evaluation.change_scheme" if scheme else "evaluation.add_scheme"):
        raise PermissionDenied
    if request.method == "POST":
        form = DefinitionForm(request.POST, request.FILES, scheme=scheme)
        if form.is_valid():
            definition = form.cleaned_data["parsed"]
            if scheme is None and Scheme.objects.filter(code=definition["code"]).exists():
                form.add_error(None, f"体系编号“{definition['code']}”已存在：请在该体系页面修订")
            else:
                saved, version, created = services.save_version(
                    definition, request.user, form.cleaned_data["note"], scheme=scheme
                )
                if created:
                    messages.success(request, f"已保存“{saved}”第{version.number}版")
                else:
                    messages.info(request, "内容与当前版本相同，未新增版本")
                return redirect(saved.get_absolute_url())
    else:
        initial = {}
        if scheme is not None and scheme.current is not None:
            initial["definition"] = services.dump_definition(scheme.current.definition)
        form = DefinitionForm(initial=initial, scheme=scheme)
    return render(
        request,
        "evaluation/scheme_import.html",
        {"form": form, "scheme": scheme, "fields": schemes.REPORT_FIELDS},
        status=400 if form.errors else 200,
    )


# --- runs --------------------------------------------------------------------------------------


class RunListView(generic.ObjectListView):
    queryset = Run.objects.select_related("scheme_version__scheme", "corrects")
    filterset = RunFilterSet
    table = RunTable


class RunView(generic.ObjectView):
    queryset = Run.objects.select_related(
        "scheme_version__scheme", "corrects", "reviewed_by", "published_by"
    )

    def extra_context(self, run):
        user = self.request.user
        results = (
            Result.objects.restrict(user)
            .filter(run=run)
            .select_related("platform__region__parent__parent")
        )
        table = ResultTable(results, user=user, request=self.request)
        per_page = generic.page_size(self.request, default=50)
        RequestConfig(self.request, paginate={"per_page": per_page}).configure(table)
        table.page_sizes, table.per_page_value = generic.PAGE_SIZES, per_page
        visible = list(results)
        return {
            "results_table": table,
            "result_count": len(visible),
            "grade_chart": charts.grade_chart(visible, run.scheme_version.definition),
            "interval_chart": charts.interval_chart(visible),
            "corrections": list(run.corrections.all()),
            "spot_checks": list(run.spot_checks.all()),
            "can_publish": user.has_perm("evaluation.publish_run"),
            "can_correct": user.has_perm("evaluation.add_run"),
            "can_spot_check": user.has_perm("evaluation.add_spotcheck"),
            "weights": weight_rows(run),
            "population_text": population_text(run),
        }


def population_text(run) -> str:
    from kechuang.core.choices import Level
    from kechuang.regions.models import Region

    spec = run.population or {}
    parts = [str(run.scheme.get_platform_kind_display() or "全部类型")]
    levels = [str(Level(v).label) for v in spec.get("levels") or []]
    parts.append("、".join(levels) if levels else "全部级别")
    names = list(
        Region.objects.filter(pk__in=spec.get("regions") or []).values_list("name", flat=True)
    )
    parts.append("、".join(names) if names else "全市")
    if spec.get("exclude"):
        parts.append(f"排除 {len(spec['exclude'])} 个平台")
    return " · ".join(parts)


def weight_rows(run) -> list[dict]:
    """The weights a run actually used, per leaf (objective weights are computed from data)."""
    weights = (run.summary or {}).get("weights") or {}
    if not weights:
        return []
    _root, leaves = schemes.parse(run.scheme_version.definition)
    return [
        {"code": leaf.code, "name": leaf.name, "weight": weights.get(leaf.code)} for leaf in leaves
    ]


class RunEditView(generic.ObjectEditView):
    queryset = Run.objects.select_related("scheme_version__scheme")
    form = RunForm

    def get_object(self):
        run = super().get_object()
        if run.pk and run.status != RunStatus.DRAFT:
            raise PermissionDenied("已复核或已发布的评价任务不可修改")
        return run


class RunDeleteView(generic.ObjectDeleteView):
    queryset = Run.objects.filter(status=RunStatus.DRAFT)


ACTIONS = {
    "compute": "evaluation.change_run",
    "review": "evaluation.publish_run",
    "reopen": "evaluation.publish_run",
    "publish": "evaluation.publish_run",
    "correct": "evaluation.add_run",
}


@login_required
@require_POST
def run_action(request, pk, action):
    if action not in ACTIONS:
        raise PermissionDenied
    if not request.user.has_perm(ACTIONS[action]):
        raise PermissionDenied
    run = get_object_or_404(Run.objects.restrict(request.user, "view"), pk=pk)
    try:
        if action == "compute":
            summary = services.compute(run)
            messages.success(
                request,
                f"已计算：参评 {summary['evaluated']} 个，免评 {summary['exempt']} 个，"
                f"共 {summary['population']} 个平台",
            )
        elif action == "review":
            services.review(run, request.user)
            messages.success(request, "已复核，可以发布")
        elif action == "reopen":
            services.reopen(run)
            messages.info(request, "已退回草稿，可修改后重新计算")
        elif action == "publish":
            services.publish(run, request.user)
            messages.success(request, "已发布：结果不可再修改，如需更正请新建更正任务")
        else:
            new = services.correct(run, request.user, request.POST.get("reason", ""))
            messages.success(request, "已新建更正任务：抽查调整将在计算时计入")
            return redirect(new.get_absolute_url())
    except services.RunError as exc:
        messages.error(request, str(exc))
    return redirect(run.get_absolute_url())


# --- results -----------------------------------------------------------------------------------


class ResultListView(generic.ObjectListView):
    queryset = Result.objects.select_related("run", "platform__region__parent__parent")
    filterset = ResultFilterSet
    table = ResultTable


@login_required
def result_view(request, pk):
    if not request.user.has_perm("evaluation.view_result"):
        raise PermissionDenied
    result = get_object_or_404(
        Result.objects.restrict(request.user).select_related(
            "run__scheme_version__scheme", "platform__region", "platform__host"
        ),
        pk=pk,
    )
    definition = result.run.scheme_version.definition
    context = scheme_context(definition)
    weights = (result.run.summary or {}).get("weights") or {}
    for row in context["rows"]:
        code = row["spec"].code
        row["value"] = result.values.get(code)
        row["score"] = result.node_scores.get(code)
        row["contribution"] = result.contributions.get(code)
        row["used_weight"] = weights.get(code)
    history = (
        Result.objects.restrict(request.user)
        .filter(platform=result.platform, run__scheme_version__scheme=result.run.scheme)
        .select_related("run")
        .order_by("run__year", "run__pk")
    )
    return render(
        request,
        "evaluation/result.html",
        {
            "object": result,
            "run": result.run,
            **context,
            "contribution_chart": charts.contribution_chart(result, context["rows"]),
            "history": list(history),
        },
    )


# --- spot checks -------------------------------------------------------------------------------


class SpotCheckListView(generic.ObjectListView):
    queryset = SpotCheck.objects.select_related("run")
    filterset = SpotCheckFilterSet
    table = SpotCheckTable


class SpotCheckView(generic.ObjectView):
    queryset = SpotCheck.objects.select_related("run", "drawn_by")

    def extra_context(self, obj):
        items = (
            SpotCheckItem.objects.restrict(self.request.user)
            .filter(spot_check=obj)
            .select_related("platform")
        )
        table = SpotCheckItemTable(items, user=self.request.user, request=self.request)
        RequestConfig(self.request, paginate=False).configure(table)
        strata: dict[str, int] = {}
        for item in items:
            strata[item.stratum] = strata.get(item.stratum, 0) + 1
        from kechuang.platforms.models import Platform

        from .forms import STRATA_CHOICES

        labels = dict(STRATA_CHOICES)
        return {
            "strata_text": "、".join(str(labels[s]) for s in obj.strata.split(",") if s)
            or "不分层",
            "excluded": list(
                Platform.objects.filter(pk__in=obj.excluded).values_list("name", flat=True)
            ),
            "items_table": table,
            "strata_counts": sorted(strata.items()),
            "verified": services.verify_draw(obj) if "verify" in self.request.GET else None,
        }


class SpotCheckEditView(generic.ObjectEditView):
    queryset = SpotCheck.objects.all()
    form = SpotCheckForm

    def get_object(self):
        if "pk" in self.kwargs:
            raise PermissionDenied("抽查抽取后不可修改：如需重新抽取，请新建抽查")
        return super().get_object()

    def post(self, request, **kwargs):
        try:
            return super().post(request, **kwargs)
        except services.RunError as exc:
            messages.error(request, str(exc))
            return redirect(request.path)


class SpotCheckItemView(generic.ObjectView):
    queryset = SpotCheckItem.objects.select_related("spot_check", "platform")


class SpotCheckItemEditView(generic.ObjectEditView):
    queryset = SpotCheckItem.objects.select_related("spot_check", "platform")
    form = SpotCheckItemForm

    def get_object(self):
        if "pk" not in self.kwargs:
            raise PermissionDenied("抽查对象由随机抽取产生，不能手工添加")
        return super().get_object()


# --- county innovation index -------------------------------------------------------------------


@login_required
@permission_required("plans.view_plan", raise_exception=True)
def county_index(request):
    """县域科技创新指数: every county × year from the monitoring indicators, ranks and their
    uncertainty, a radar of one county's dimensions against the counties' average."""
    from datetime import date

    from django.db.models import Max

    from kechuang.plans.models import IndicatorValue, Plan
    from kechuang.regions.choices import RegionLevel
    from kechuang.regions.models import Region

    from .county import index as county

    plan = get_object_or_404(Plan.objects.select_related("region"), is_default=True)
    counties = list(
        Region.objects.filter(level=RegionLevel.COUNTY, path__startswith=plan.region.path).order_by(
            "code"
        )
    )
    visible_ids = set(
        Region.objects.restrict(request.user)
        .filter(pk__in=[c.pk for c in counties])
        .values_list("pk", flat=True)
    )
    if not visible_ids and not request.user.has_perm("regions.view_region"):
        visible_ids = {c.pk for c in counties}  # experts: the published index of every county
    last = IndicatorValue.objects.filter(indicator__plan=plan).aggregate(y=Max("year"))["y"]
    last = min(last or date.today().year - 1, date.today().year)
    years = list(range(max(plan.start_year - 5, 2016), last + 1))
    wanted = request.GET.get("year", "")
    year = int(wanted) if wanted.isdigit() and int(wanted) in years else last
    result = county.compute(plan, counties, years, interval_year=year, draws=1000, seed=year)
    shown = [c for c in counties if c.pk in visible_ids]
    focus = next(
        (c for c in shown if str(c.pk) == request.GET.get("county")), shown[0] if shown else None
    )
    rows = []
    for c in shown:
        rank = result.ranks.get((c.pk, year))
        before = result.ranks.get((c.pk, year - 1))
        rows.append(
            {
                "county": c,
                "score": result.scores.get((c.pk, year)),
                "rank": rank,
                "change": (before - rank) if rank and before else None,
                "interval": result.intervals.get(c.pk),
                "dimensions": [
                    result.dimension_scores.get((c.pk, year), {}).get(d["code"])
                    for d in result.dimensions
                ],
                "imputed": result.imputed.get((c.pk, year), []),
            }
        )
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0))
    return render(
        request,
        "evaluation/county_index.html",
        {
            "definition": county.definition(),
            "result": result,
            "year": year,
            "years": years,
            "rows": rows,
            "focus": focus,
            "shown": shown,
            "total": len(counties),
            "rank_chart": charts.rank_chart(result, shown),
            "radar_chart": charts.radar_chart(result, focus, year) if focus else None,
            "county_interval_chart": charts.county_interval_chart(rows, len(counties)),
        },
    )
