"""Demo enterprises for Pingdingshan, 2016–2025, whose 2020 totals are the plan's: 159 valid
高新技术企业 certificates at the end of 2020 and 285 科技型中小企业 registered for 2020."""

import random
from datetime import date, timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from kechuang.core.choices import KeyIndustry, TechField
from kechuang.orgs.models import Org

from .choices import QualificationKind
from .models import AnnualData, Enterprise, Qualification

FIRST_YEAR, LAST_YEAR = 2016, 2025
# Valid high-tech certificates at each year end, and tech SMEs registered for each year.
HIGH_TECH_TARGET = {
    2014: 61,
    2015: 74,
    2016: 88,
    2017: 104,
    2018: 121,
    2019: 138,
    2020: 159,
    2021: 196,
    2022: 238,
    2023: 281,
    2024: 322,
    2025: 360,
}
TECH_SME_TARGET = {
    2016: 70,
    2017: 118,
    2018: 166,
    2019: 224,
    2020: 285,
    2021: 352,
    2022: 410,
    2023: 462,
    2024: 505,
    2025: 548,
}
RECERTIFY = 0.8  # share of expiring high-tech certificates renewed
REREGISTER = 0.85  # share of last year's tech SMEs registering again
INDUSTRY_BY_WORD = {
    "尼龙": KeyIndustry.NYLON,
    "电气": KeyIndustry.ELECTRICAL,
    "特钢": KeyIndustry.SPECIAL_STEEL,
    "不锈钢": KeyIndustry.SPECIAL_STEEL,
    "硅碳": KeyIndustry.SILICON_CARBON,
    "储能": KeyIndustry.ENERGY_STORAGE,
    "电子": KeyIndustry.NEW_IT,
    "软件": KeyIndustry.NEW_IT,
    "煤化工": KeyIndustry.COAL_CHEMICAL,
    "智能制造": KeyIndustry.ADVANCED_EQUIPMENT,
    "生物": KeyIndustry.BIOMEDICINE,
    "农业": KeyIndustry.AGRICULTURE,
}
FIELD_BY_INDUSTRY = {
    KeyIndustry.NYLON: TechField.NEW_MATERIALS,
    KeyIndustry.SPECIAL_STEEL: TechField.NEW_MATERIALS,
    KeyIndustry.SILICON_CARBON: TechField.NEW_MATERIALS,
    KeyIndustry.ELECTRICAL: TechField.ADVANCED_MANUFACTURING,
    KeyIndustry.ADVANCED_EQUIPMENT: TechField.ADVANCED_MANUFACTURING,
    KeyIndustry.NEW_IT: TechField.ELECTRONICS,
    KeyIndustry.ENERGY_STORAGE: TechField.NEW_ENERGY,
    KeyIndustry.BIOMEDICINE: TechField.BIO_MEDICINE,
    KeyIndustry.AGRICULTURE: TechField.RESOURCES_ENVIRONMENT,
    KeyIndustry.COAL_CHEMICAL: TechField.RESOURCES_ENVIRONMENT,
}


def _industry(name: str) -> str:
    return next((v for k, v in INDUSTRY_BY_WORD.items() if k in name), KeyIndustry.OTHER)


def _day_in(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randint(59, 330))


def load(rng: random.Random) -> str:
    if Enterprise.objects.exists():
        return "企业：已存在，未重复生成"
    orgs = list(Org.objects.filter(kind="enterprise").order_by("uscc"))
    enterprises = []
    for org in orgs:
        industry = _industry(org.name)
        enterprises.append(
            Enterprise(
                org=org,
                industry=industry,
                tech_field=FIELD_BY_INDUSTRY.get(industry, ""),
                main_products=f"{org.name[:6]}相关产品（示例）",
            )
        )
    enterprises = bulk_create_with_history(enterprises, Enterprise, batch_size=500)
    enterprises = list(Enterprise.objects.select_related("org").order_by("org__uscc"))
    profile = {e.pk: _profile(rng, e) for e in enterprises}
    quals = _qualifications(rng, enterprises, profile)
    for q in quals:
        q.valid_until = q.valid_until or q.default_valid_until()
    bulk_create_with_history(quals, Qualification, batch_size=1000)
    held = _held_by_year(quals)
    annual = [row for e in enterprises for row in _annual_rows(rng, e, profile[e.pk], held)]
    bulk_create_with_history(annual, AnnualData, batch_size=1000)
    held_2020 = Qualification.objects.held_in(2020)
    return (
        f"企业：{len(enterprises)} 家，年度数据 {len(annual)} 行，资质 {len(quals)} 条"
        f"（2020年末有效高新技术企业 {held_2020.filter(kind=QualificationKind.HIGH_TECH).count()} 家，"
        f"2020年入库科技型中小企业 {held_2020.filter(kind=QualificationKind.TECH_SME).count()} 家）"
    )


def _profile(rng: random.Random, e: Enterprise) -> dict:
    """Size and innovativeness of an enterprise, fixed over the years."""
    employees = int(min(max(rng.lognormvariate(4.3, 0.9), 8), 3000))
    return {
        "since": max(e.org.established_on.year if e.org.established_on else 2000, 2000),
        "capability": rng.random(),
        "employees": employees,
        "sales_per_head": rng.uniform(25, 160),
        "growth": rng.uniform(0.02, 0.16),
    }


def _qualifications(rng, enterprises, profile) -> list[Qualification]:
    quals: list[Qualification] = []
    by_capability = sorted(enterprises, key=lambda e: -profile[e.pk]["capability"])
    # 高新技术企业: certificates valid three years; the set valid at each year end hits the target.
    current: dict[int, int] = {}  # enterprise pk -> issue year of its valid certificate
    serial = 0
    for year in sorted(HIGH_TECH_TARGET):
        renewed = []
        for pk, issued in list(current.items()):
            if issued == year - 3:
                del current[pk]
                if rng.random() < RECERTIFY:
                    renewed.append(pk)
        need = HIGH_TECH_TARGET[year] - len(current)
        renewed = renewed[: max(need, 0)]
        chosen = list(renewed)
        for e in by_capability:
            if len(chosen) >= need:
                break
            if e.pk not in current and e.pk not in chosen and profile[e.pk]["since"] < year:
                if rng.random() < 0.7:  # not strictly by capability
                    chosen.append(e.pk)
        for pk in chosen:
            current[pk] = year
            serial += 1
            quals.append(
                Qualification(
                    enterprise_id=pk,
                    kind=QualificationKind.HIGH_TECH,
                    year=year,
                    number=f"GR{year}4100{serial:04d}",
                    issued_on=_day_in(rng, year),
                    note="演示数据",
                )
            )
    # 科技型中小企业: registered (入库) each year; most re-register, small firms only.
    small = [e for e in by_capability if profile[e.pk]["employees"] <= 500]
    last: set[int] = set()
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        keep = [pk for pk in sorted(last) if rng.random() < REREGISTER]
        chosen = keep[: TECH_SME_TARGET[year]]
        pool = [e.pk for e in small if e.pk not in chosen and profile[e.pk]["since"] < year]
        rng.shuffle(pool)
        pool.sort(key=lambda pk: -profile[pk]["capability"] + rng.random() * 0.8)
        chosen += pool[: TECH_SME_TARGET[year] - len(chosen)]
        for i, pk in enumerate(chosen, start=1):
            quals.append(
                Qualification(
                    enterprise_id=pk,
                    kind=QualificationKind.TECH_SME,
                    year=year,
                    number=f"{year}4104{i:05d}",
                    issued_on=_day_in(rng, year),
                    note="演示数据",
                )
            )
        last = set(chosen)
    # Leaders and lists: 创新“双百”, 科技“雏鹰”, 专精特新, 瞪羚.
    top = [e.pk for e in by_capability]
    for kind, first_year, n, pool in (
        (QualificationKind.SHUANGBAI, 2019, 12, top[:40]),
        (QualificationKind.CHUYING, 2020, 18, top[40:160]),
        (QualificationKind.SPECIALISED, 2021, 30, top[:200]),
        (QualificationKind.GAZELLE, 2022, 10, top[:250]),
    ):
        for year in range(first_year, LAST_YEAR + 1, 3 if kind != QualificationKind.GAZELLE else 1):
            for i, pk in enumerate(rng.sample(pool, n), start=1):
                quals.append(
                    Qualification(
                        enterprise_id=pk,
                        kind=kind,
                        year=year,
                        number=f"{kind[:2].upper()}{year}{i:03d}",
                        issued_on=_day_in(rng, year),
                        note="演示数据",
                    )
                )
    return quals


def _held_by_year(quals) -> dict[tuple[int, int], set[str]]:
    from .tiers import held

    out: dict[tuple[int, int], set[str]] = {}
    for q in quals:
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            if held(q, year):
                out.setdefault((q.enterprise_id, year), set()).add(q.kind)
    return out


def _annual_rows(rng, e, p, held):
    rows = []
    employees = p["employees"]
    sales = employees * p["sales_per_head"]
    for year in range(max(FIRST_YEAR, p["since"] + 1), LAST_YEAR + 1):
        kinds = held.get((e.pk, year), set())
        high_tech = QualificationKind.HIGH_TECH in kinds
        sme = QualificationKind.TECH_SME in kinds
        employees = max(int(employees * rng.uniform(0.97, 1.08)), 5)
        if sme:
            employees = min(employees, 480)
        sales *= 1 + p["growth"] * rng.uniform(0.3, 1.4)
        if sme:  # registered tech SMEs stay within the 2 亿元 sales limit (no extra draws)
            sales = min(sales, 19_500)
        intensity = 0.005 + p["capability"] * 0.05
        if high_tech:
            intensity = max(intensity, rng.uniform(0.035, 0.07))
        elif sme:  # registered tech SMEs score their R&D points (no extra draws)
            intensity = max(intensity, 0.03 + 0.03 * p["capability"])
        rd = sales * intensity
        total_income = sales * rng.uniform(1.02, 1.12)
        # Capable enterprises without the certificate come close to the 60 % line (the 后备库).
        ht_share = (
            rng.uniform(0.62, 0.9)
            if high_tech
            else rng.uniform(0.15, 0.45 + 0.45 * p["capability"])
        )
        st_share = rng.uniform(0.11, 0.35) if (high_tech or sme) else rng.uniform(0.02, 0.15)
        assets = sales * rng.uniform(0.7, 1.8)
        if sme:
            assets = min(assets, 19_800)
        rows.append(
            AnnualData(
                enterprise=e,
                year=year,
                employees=employees,
                st_staff=int(employees * st_share),
                sales_revenue_wan=_wan(sales),
                total_income_wan=_wan(total_income),
                total_assets_wan=_wan(assets),
                net_assets_wan=_wan(assets * rng.uniform(0.3, 0.7)),
                cost_expense_total_wan=_wan(sales * rng.uniform(0.85, 0.97)),
                rd_expense_wan=_wan(rd),
                rd_expense_in_china_wan=_wan(rd * rng.uniform(0.95, 1.0)),
                high_tech_income_wan=_wan(total_income * ht_share),
                class1_ip=rng.randint(1, 8) if high_tech else rng.randint(0, 2),
                class2_ip=rng.randint(2, 25) if (high_tech or sme) else rng.randint(0, 6),
                new_product_revenue_wan=_wan(sales * rng.uniform(0, 0.4)),
                export_wan=_wan(sales * rng.uniform(0, 0.15)),
                above_scale=sales >= 2000,
            )
        )
    return rows


def _wan(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))
