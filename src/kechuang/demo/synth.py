"""Synthetic data at city, province or national scale, for benchmarks (`kechuang synth`).

Province scale uses Henan's 181 real county-level units; national scale adds generated provinces,
cities and counties (marked 演示生成). Names contain 合成 so nobody mistakes them for real entities.
Rows are written with bulk inserts and without per-row change history: this is generated test
data, not anybody's edit.
"""

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.apps import apps
from django.db import transaction

from kechuang.core.db import refresh_statistics
from kechuang.core.identifiers import make_uscc
from kechuang.core.progress import ProgressBar
from kechuang.core.text import pinyin_initials
from kechuang.enterprises.choices import QualificationKind
from kechuang.enterprises.models import AnnualData, Enterprise, Qualification
from kechuang.orgs.models import Org
from kechuang.regions.choices import RegionKind, RegionLevel
from kechuang.regions.loader import load_henan_counties, load_pingdingshan
from kechuang.regions.models import Region

FIRST_YEAR, LAST_YEAR = 2016, 2025
BATCH = 5000


@dataclass(frozen=True)
class Scale:
    name: str
    enterprises: int
    high_tech_share: float  # of enterprises holding a valid certificate in the last year
    tech_sme_share: float  # of enterprises registered as tech SMEs in the last year
    platforms: int


SCALES = {
    "city": Scale("city", 12_000, 0.25, 0.5, 600),
    "province": Scale("province", 60_000, 0.25, 0.5, 3_000),
    "nation": Scale("nation", 1_000_000, 0.25, 0.5, 50_000),
}
WORDS = (
    "尼龙材料",
    "电气装备",
    "特钢",
    "储能",
    "电子信息",
    "软件",
    "智能制造",
    "生物医药",
    "新材料",
    "节能环保",
    "现代农业",
    "检验检测",
)
SUFFIXES = ("科技有限公司", "有限公司", "股份有限公司", "技术有限公司")


def synthesize(
    scale_name: str,
    seed: int = 1,
    *,
    stream=None,
    enterprises: int | None = None,
    platforms: int | None = None,
):
    """Create the synthetic dataset; returns a dict of counts and the seconds taken."""
    scale = SCALES[scale_name]
    n = enterprises or scale.enterprises
    rng = random.Random(seed)
    started = time.monotonic()
    counties = _counties(scale_name)
    with transaction.atomic():
        orgs = _orgs(rng, counties, n, stream)
        ents = _enterprises(orgs, stream)
        quals = _qualifications(rng, ents, scale, stream)
        annual = _annual(rng, ents, quals, stream)
        platforms = _platforms(
            rng, orgs, platforms if platforms is not None else scale.platforms, stream
        )
    tables = [Region, Org, Enterprise, Qualification, AnnualData]
    if apps.is_installed("kechuang.platforms"):
        tables.append(apps.get_model("platforms", "Platform"))
    refresh_statistics(*tables)
    return {
        "counties": len(counties),
        "orgs": len(orgs),
        "enterprises": len(ents),
        "qualifications": quals["count"],
        "annual_rows": annual,
        "platforms": platforms,
        "seconds": round(time.monotonic() - started, 1),
    }


def _counties(scale_name: str) -> list[Region]:
    if scale_name == "city":
        load_pingdingshan(villages_per_township=0)
        return list(Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="4104"))
    load_henan_counties()
    if scale_name == "nation":
        _national_counties()
    return list(Region.objects.filter(level=RegionLevel.COUNTY).order_by("code"))


def _national_counties() -> None:
    """31 generated provinces × 9 cities × 10 counties beside Henan, marked synthetic."""
    existing = set(Region.objects.values_list("code", flat=True))
    for p in range(50, 81):
        code = f"{p}0000"
        if code in existing:
            continue
        province = Region(
            code=code,
            name=f"合成省{p}",
            level=RegionLevel.PROVINCE,
            kind=RegionKind.PROVINCE,
            is_synthetic=True,
        )
        province.save()
        for c in range(1, 10):
            city = Region(
                code=f"{p}{c:02d}00",
                name=f"合成省{p}第{c}市",
                level=RegionLevel.CITY,
                kind=RegionKind.CITY,
                parent=province,
                is_synthetic=True,
            )
            city.save()
            Region.objects.bulk_create(
                [
                    Region(
                        code=f"{p}{c:02d}{k:02d}",
                        name=f"合成{p}-{c}-{k}县",
                        level=RegionLevel.COUNTY,
                        kind=RegionKind.COUNTY,
                        parent=city,
                        is_synthetic=True,
                        path=f"{city.path}{p}{c:02d}{k:02d}/",
                        search_initials="hc",
                    )
                    for k in range(21, 31)
                ]
            )


def _orgs(rng, counties, n, stream) -> list[Org]:
    initials = {}

    def ini(text):
        if text not in initials:
            initials[text] = pinyin_initials(text)
        return initials[text]

    weights = [rng.uniform(0.3, 3) for _ in counties]
    start = Org.objects.count()
    orgs = []
    with ProgressBar(n, "法人单位", stream) as bar:
        for i in range(1, n + 1):
            county = rng.choices(counties, weights)[0]
            short = county.name[:2]
            word, suffix = rng.choice(WORDS), rng.choice(SUFFIXES)
            number = 30_000_000 + start + i
            orgs.append(
                Org(
                    name=f"{short}合成{word}{suffix}{i:07d}",
                    uscc=make_uscc("91", county.code, f"{number:08d}"),
                    kind="enterprise",
                    region=county,
                    search_initials=f"{ini(short)}hc{ini(word)}{ini(suffix)}{i:07d}",
                    established_on=date(rng.randint(1995, 2022), rng.randint(1, 12), 1),
                    description="合成数据（基准测试用）",
                )
            )
            if len(orgs) % BATCH == 0:
                bar.advance(BATCH)
        created = []
        for k in range(0, len(orgs), BATCH):
            created += Org.objects.bulk_create(orgs[k : k + BATCH])
        bar.done = n
    return created


def _enterprises(orgs, stream) -> list[Enterprise]:
    ents = [Enterprise(org=o, industry="other") for o in orgs]
    out = []
    with ProgressBar(len(ents), "企业", stream) as bar:
        for k in range(0, len(ents), BATCH):
            out += Enterprise.objects.bulk_create(ents[k : k + BATCH])
            bar.advance(len(ents[k : k + BATCH]))
    return out


def _qualifications(rng, ents, scale, stream) -> dict:
    """High-tech certificates in three-year cycles, tech-SME registrations year by year."""
    rows, held = [], {}
    with ProgressBar(len(ents), "资质", stream) as bar:
        for i, e in enumerate(ents, start=1):
            since = e.org.established_on.year + 1
            r = rng.random()
            if r < scale.high_tech_share * 1.35:  # renewals lapse: hit the share at the end
                first = max(since, rng.randint(2008, LAST_YEAR))
                year = first
                while year <= LAST_YEAR:
                    issued = date(year, 1, 1) + timedelta(days=rng.randint(60, 330))
                    rows.append(
                        Qualification(
                            enterprise=e,
                            kind=QualificationKind.HIGH_TECH,
                            year=year,
                            number=f"GR{year}{e.pk:09d}",
                            issued_on=issued,
                            valid_until=issued.replace(year=year + 3) - timedelta(days=1)
                            if not (issued.month == 2 and issued.day == 29)
                            else date(year + 3, 2, 27),
                        )
                    )
                    for y in range(year, year + 3):
                        held.setdefault(e.pk, set()).add((y, "ht"))
                    if rng.random() > 0.85:
                        break
                    year += 3
            if rng.random() < scale.tech_sme_share * 1.1:
                first = max(since, rng.randint(FIRST_YEAR, LAST_YEAR))
                for year in range(first, LAST_YEAR + 1):
                    if rng.random() < 0.9:
                        rows.append(
                            Qualification(
                                enterprise=e,
                                kind=QualificationKind.TECH_SME,
                                year=year,
                                number=f"{year}{e.pk:010d}",
                                issued_on=date(year, 5, 1),
                                valid_until=date(year, 12, 31),
                            )
                        )
                        held.setdefault(e.pk, set()).add((year, "sme"))
            if i % 1000 == 0:
                bar.advance(1000)
        for k in range(0, len(rows), BATCH):
            Qualification.objects.bulk_create(rows[k : k + BATCH])
        bar.done = len(ents)
    return {"count": len(rows), "held": held}


def _annual(rng, ents, quals, stream) -> int:
    held = quals["held"]
    total = 0
    with ProgressBar(len(ents), "年度数据", stream) as bar:
        batch = []
        for i, e in enumerate(ents, start=1):
            employees = int(min(max(rng.lognormvariate(4.0, 1.0), 5), 5000))
            sales = employees * rng.uniform(20, 150)
            capability = rng.random()
            for year in range(max(FIRST_YEAR, e.org.established_on.year + 1), LAST_YEAR + 1):
                flags = held.get(e.pk, ())
                ht = (year, "ht") in flags
                employees = max(int(employees * rng.uniform(0.97, 1.08)), 3)
                sales *= rng.uniform(1.0, 1.18)
                rd = sales * (max(capability * 0.06, 0.035) if ht else capability * 0.05)
                income = sales * rng.uniform(1.02, 1.1)
                batch.append(
                    AnnualData(
                        enterprise=e,
                        year=year,
                        employees=employees,
                        st_staff=int(
                            employees * (rng.uniform(0.1, 0.3) if ht else rng.uniform(0, 0.15))
                        ),
                        sales_revenue_wan=_d(sales),
                        total_income_wan=_d(income),
                        total_assets_wan=_d(sales * 1.2),
                        net_assets_wan=_d(sales * 0.6),
                        cost_expense_total_wan=_d(sales * 0.9),
                        rd_expense_wan=_d(rd),
                        rd_expense_in_china_wan=_d(rd),
                        high_tech_income_wan=_d(income * (0.7 if ht else 0.2)),
                        class1_ip=rng.randint(1, 6) if ht else rng.randint(0, 1),
                        class2_ip=rng.randint(0, 20),
                        above_scale=sales >= 2000,
                    )
                )
            if len(batch) >= BATCH:
                AnnualData.objects.bulk_create(batch)
                total += len(batch)
                batch = []
            if i % 1000 == 0:
                bar.advance(1000)
        AnnualData.objects.bulk_create(batch)
        total += len(batch)
        bar.done = len(ents)
    return total


def _platforms(rng, orgs, n, stream) -> int:
    """Platforms and their annual reports, when the platforms registry is installed."""
    try:
        from kechuang.platforms.synth import synthesize_platforms
    except ImportError:
        return 0
    return synthesize_platforms(rng, orgs, n, stream)


def _d(value: float) -> Decimal:
    return Decimal(f"{value:.2f}")
