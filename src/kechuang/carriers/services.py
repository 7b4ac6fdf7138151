"""Yearly incubation figures derived from stays and investments (DOMAIN.md §9.1).

Everything is computed with two aggregate queries whatever the number of years or stays:
one over the stays (conditional counts per year) and one over the investments grouped by year.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from .choices import ExitReason
from .models import Carrier, Investment, Tenancy

DEFAULT_YEARS = range(2016, 2026)


@dataclass(frozen=True)
class YearFigures:
    """One year of a carrier (or a set of carriers); stock figures are taken on 31 December."""

    year: int
    incubating: int  # 在孵企业数（年末）
    new: int  # 当年新增在孵企业
    graduated: int  # 当年毕业企业
    graduated_cumulative: int  # 累计毕业企业（截至年末）
    financed: int  # 当年获投融资的在孵企业数
    financed_amount_wan: Decimal  # 当年在孵企业获投金额（万元）
    ip_total: int  # 年末在孵企业知识产权数合计


def yearly_figures(
    tenancies: QuerySet[Tenancy], years: Iterable[int] = DEFAULT_YEARS, user=None
) -> list[YearFigures]:
    """Figures per year for the stays in `tenancies` (e.g. one carrier's, or a county's).

    Investments count when they were made while the enterprise was in one of these stays
    (invested on or after entry and before exit), in the year they were made; with a `user`,
    only the investments that user may see (pass `tenancies` restricted to the user too).
    """
    years = list(years)
    if not years:
        return []
    stock = _stay_counts(tenancies, years)
    financed = _financing_by_year(tenancies, years, user)
    rows = []
    for year in years:
        count, amount = financed.get(year, (0, Decimal("0")))
        rows.append(
            YearFigures(
                year=year,
                incubating=stock[f"incubating_{year}"],
                new=stock[f"new_{year}"],
                graduated=stock[f"graduated_{year}"],
                graduated_cumulative=stock[f"graduated_cum_{year}"],
                financed=count,
                financed_amount_wan=amount,
                ip_total=stock[f"ip_{year}"] or 0,
            )
        )
    return rows


def carrier_yearly_figures(
    carrier: Carrier, years: Iterable[int] = DEFAULT_YEARS
) -> list[YearFigures]:
    return yearly_figures(Tenancy.objects.filter(carrier=carrier), years)


def _stay_counts(tenancies: QuerySet[Tenancy], years: list[int]) -> dict:
    """One query: conditional counts and sums for every year."""
    aggregates = {}
    for year in years:
        end = date(year, 12, 31)
        running = Q(entered_on__lte=end) & (Q(exited_on__isnull=True) | Q(exited_on__gt=end))
        graduated = Q(exit_reason=ExitReason.GRADUATED)
        aggregates[f"incubating_{year}"] = Count("pk", filter=running)
        aggregates[f"new_{year}"] = Count("pk", filter=Q(entered_on__year=year))
        aggregates[f"graduated_{year}"] = Count("pk", filter=graduated & Q(exited_on__year=year))
        aggregates[f"graduated_cum_{year}"] = Count("pk", filter=graduated & Q(exited_on__lte=end))
        aggregates[f"ip_{year}"] = Sum("ip_count", filter=running)
    return tenancies.order_by().aggregate(**aggregates)


def _financing_by_year(tenancies: QuerySet[Tenancy], years: list[int], user=None) -> dict:
    """One query: {year: (distinct enterprises financed, Σ amount)} for investments made while
    the enterprise was in one of `tenancies`. Each investment counts once even if it matched
    several stays (different carriers of a region at the same time)."""
    # Conditions in one filter() call apply to the same joined stay.
    during_stay = Investment.objects.filter(
        Q(enterprise__tenancies__in=tenancies.values("pk"))
        & Q(invested_on__gte=F("enterprise__tenancies__entered_on"))
        & (
            Q(enterprise__tenancies__exited_on__isnull=True)
            | Q(invested_on__lt=F("enterprise__tenancies__exited_on"))
        )
    ).values("pk")
    investments = Investment.objects.restrict(user) if user is not None else Investment.objects
    rows = (
        investments.filter(
            pk__in=during_stay, invested_on__year__gte=min(years), invested_on__year__lte=max(years)
        )
        .annotate(year=ExtractYear("invested_on"))
        .order_by()
        .values("year")
        .annotate(enterprises=Count("enterprise", distinct=True), amount=Sum("amount_wan"))
    )
    return {r["year"]: (r["enterprises"], r["amount"] or Decimal("0")) for r in rows}


def yearly_chart(figures: list[YearFigures]) -> dict:
    """ECharts option: stays as bars, financing and IP as lines on a second axis."""
    years = [f"{f.year}年" for f in figures]
    return {
        "title": {"text": "孵化情况（年度）", "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 48, "right": 56, "top": 40, "bottom": 56},
        "xAxis": {"type": "category", "data": years},
        "yAxis": [
            {"type": "value", "name": "企业数（家）", "minInterval": 1},
            {"type": "value", "name": "知识产权（件）", "minInterval": 1},
        ],
        "series": [
            {"name": "年末在孵企业", "type": "bar", "data": [f.incubating for f in figures]},
            {"name": "当年新增", "type": "bar", "data": [f.new for f in figures]},
            {"name": "当年毕业", "type": "bar", "data": [f.graduated for f in figures]},
            {"name": "当年获投企业", "type": "line", "data": [f.financed for f in figures]},
            {
                "name": "年末在孵企业知识产权",
                "type": "line",
                "yAxisIndex": 1,
                "data": [f.ip_total for f in figures],
            },
        ],
    }
