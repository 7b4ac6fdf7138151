"""Load the division tree from the NBS 2023 statistical division codes shipped in data/.

Pingdingshan (410400) is loaded down to townships; Henan's other cities and counties are loaded
on request (synthetic province-scale data). Idempotent: existing codes are left as they are.
"""

import csv
from pathlib import Path

from django.db import transaction

from .choices import RegionKind, RegionLevel
from .models import Region

DATA_DIR = Path(__file__).parent / "data"
PROVINCE = ("410000", "河南省")
CITY_CODE = "410400"


def county_kind(code: str, name: str) -> str:
    """Functional zones carry NBS codes x7x (DOMAIN.md §5.1); the rest by their names."""
    if code[4] == "7":
        return RegionKind.ZONE
    if name.endswith("区"):
        return RegionKind.DISTRICT
    if name.endswith("市"):
        return RegionKind.COUNTY_CITY
    return RegionKind.COUNTY


def township_kind(name: str) -> str:
    if name.endswith("街道") or name.endswith("办事处"):
        return RegionKind.SUBDISTRICT
    if name.endswith("镇"):
        return RegionKind.TOWN
    if name.endswith("乡"):
        return RegionKind.TOWNSHIP
    return RegionKind.OTHER


def _rows(name: str) -> list[dict]:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _ensure(code, name, level, kind, parent, synthetic=False) -> tuple[Region, bool]:
    region = Region.objects.filter(code=code).first()
    if region is not None:
        return region, False
    region = Region(
        code=code, name=name, level=level, kind=kind, parent=parent, is_synthetic=synthetic
    )
    region.save()
    return region, True


@transaction.atomic
def load_pingdingshan(villages_per_township: int = 3) -> dict[str, int]:
    """Province → Pingdingshan → its 12 county-level units → 148 townships → synthetic villages."""
    created = {"cities": 0, "counties": 0, "townships": 0, "villages": 0}
    province, _ = _ensure(PROVINCE[0], PROVINCE[1], RegionLevel.PROVINCE, RegionKind.PROVINCE, None)
    city, new = _ensure(CITY_CODE, "平顶山市", RegionLevel.CITY, RegionKind.CITY, province)
    created["cities"] += new
    counties = {}
    for row in _rows("henan-counties.csv"):
        if row["cityCode"] != CITY_CODE[:4]:
            continue
        county, new = _ensure(
            row["code"],
            row["name"],
            RegionLevel.COUNTY,
            county_kind(row["code"], row["name"]),
            city,
        )
        counties[row["code"]] = county
        created["counties"] += new
    for row in _rows("pingdingshan-townships.csv"):
        township, new = _ensure(
            row["code"],
            row["name"],
            RegionLevel.TOWNSHIP,
            township_kind(row["name"]),
            counties[row["areaCode"]],
        )
        created["townships"] += new
        for i in range(1, villages_per_township + 1):
            # Village-level codes are not in the NBS data set: these are generated and marked so.
            _, new = _ensure(
                f"{row['code']}{200 + i:03d}",
                f"{row['name'][:2]}示例{i}村",
                RegionLevel.VILLAGE,
                RegionKind.VILLAGE,
                township,
                synthetic=True,
            )
            created["villages"] += new
    return created


@transaction.atomic
def load_henan_counties() -> int:
    """All of Henan's cities and county-level units (181), for province-scale synthetic data."""
    province, _ = _ensure(PROVINCE[0], PROVINCE[1], RegionLevel.PROVINCE, RegionKind.PROVINCE, None)
    cities = {}
    for row in _rows("henan-cities.csv"):
        code = row["code"] + "00"
        name = row["name"]
        cities[row["code"]], _ = _ensure(code, name, RegionLevel.CITY, RegionKind.CITY, province)
    count = 0
    for row in _rows("henan-counties.csv"):
        _, new = _ensure(
            row["code"],
            row["name"],
            RegionLevel.COUNTY,
            county_kind(row["code"], row["name"]),
            cities[row["cityCode"]],
        )
        count += new
    return count
