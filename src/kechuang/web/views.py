from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from kechuang.orgs.choices import OrgKind
from kechuang.orgs.models import Org
from kechuang.plans.models import Plan
from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region


def headline_cards(plan) -> list[dict]:
    """KPI cards for the plan's headline indicators: the latest value computed from the registries
    for the plan's region (when stored), else the latest baseline; with the baseline beside it."""
    from datetime import date

    from kechuang.plans.models import IndicatorValue

    cards = []
    if plan is None:
        return cards
    computed = {}
    rows = IndicatorValue.objects.filter(
        indicator__plan=plan, region=plan.region, year__lte=date.today().year, value__isnull=False
    ).order_by("indicator_id", "year")
    for v in rows:
        computed[v.indicator_id] = v  # the latest year wins
    for ind in plan.indicators.filter(headline=True).prefetch_related("baselines"):
        values = sorted(ind.baselines.all(), key=lambda b: b.year)
        latest_value = computed.get(ind.pk)
        if not values and latest_value is None:
            continue
        base = values[-1] if values else None
        if latest_value is not None and (base is None or latest_value.year > base.year):
            year, value, is_computed = latest_value.year, latest_value.value, True
        else:
            year, value, is_computed = base.year, base.value, False
        cards.append(
            {
                "indicator": ind,
                "year": year,
                "value": ind.display(value),
                "computed": is_computed,
                "previous": {"year": base.year, "value": ind.display(base.value)}
                if is_computed and base
                else (
                    {"year": values[-2].year, "value": ind.display(values[-2].value)}
                    if len(values) > 1
                    else None
                ),
            }
        )
    return cards


# Registries counted on the home page (scoped to the user): (label, "app.Model", list URL name).
REGISTRY_COUNTS = (
    (_("企业"), "enterprises.Enterprise", "enterprises:enterprise_list"),
    (_("创新平台"), "platforms.Platform", "platforms:platform_list"),
    (_("人才"), "talents.Talent", "talents:talent_list"),
    (_("科技特派员"), "talents.Commissioner", "talents:commissioner_list"),
    (_("孵化载体"), "carriers.Carrier", "carriers:carrier_list"),
    (_("科技成果"), "achievements.Achievement", "achievements:achievement_list"),
    (_("技术合同"), "achievements.Contract", "achievements:contract_list"),
    (_("立项项目"), "projects.Project", "projects:project_list"),
)


def registry_counts(user) -> list[dict]:
    """How many records of each registry the user can see, with a link to the list."""
    from django.apps import apps
    from django.urls import reverse

    rows = []
    for label, model_path, url_name in REGISTRY_COUNTS:
        model = apps.get_model(model_path)
        if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        rows.append(
            {
                "label": label,
                "count": model.objects.restrict(user).count(),
                "url": reverse(url_name),
            }
        )
    return rows


@login_required
def home(request):
    user = request.user
    plan = Plan.objects.restrict(user, "view").filter(is_default=True).first()
    regions = Region.objects.restrict(user, "view")
    orgs = Org.objects.restrict(user, "view")
    kinds = dict(orgs.order_by().values_list("kind").annotate(n=Count("id")))
    scope = {
        "counties": regions.filter(level=RegionLevel.COUNTY).count(),
        "townships": regions.filter(level=RegionLevel.TOWNSHIP).count(),
        "orgs": sum(kinds.values()),
    }
    chart = {
        "title": {"text": "法人单位构成", "left": "left", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "item", "formatter": "{b}：{c} 家（{d}%）"},
        "legend": {"orient": "vertical", "right": 10, "top": "middle"},
        "series": [
            {
                "type": "pie",
                "radius": ["40%", "68%"],
                "center": ["40%", "55%"],
                "label": {"formatter": "{b} {c}"},
                "data": [
                    {"name": str(OrgKind(k).label), "value": n}
                    for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])
                ],
            }
        ],
    }
    context = {
        "plan": plan,
        "cards": headline_cards(plan),
        "scope": scope,
        "registries": registry_counts(user),
        "org_chart": chart if kinds else None,
    }
    return render(request, "web/home.html", context)
