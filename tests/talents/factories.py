"""Small builders for talents tests (on top of the shared personas)."""

from datetime import date

from kechuang.core.identifiers import id_check_char
from kechuang.regions.choices import RegionKind, RegionLevel
from kechuang.regions.models import Region
from kechuang.talents.models import Commissioner, Talent


def id_number(region_code: str, born: date, sequence: int) -> str:
    """A check-valid resident ID number (odd sequence = male)."""
    id17 = f"{region_code[:6]}{born:%Y%m%d}{sequence:03d}"
    return id17 + id_check_char(id17)


def make_talent(name, org, **extra) -> Talent:
    values = {"gender": "male", "birth_year": 1980, "category": "sail", **extra}
    talent = Talent(name=name, org=org, **values)
    talent.save()
    return talent


def make_commissioner(talent=None, **extra) -> Commissioner:
    values = {"level": "provincial", "kind": "individual" if talent else "group", **extra}
    commissioner = Commissioner(talent=talent, **values)
    commissioner.save()
    return commissioner


def make_village(code, name, township) -> Region:
    village = Region(
        code=code, name=name, level=RegionLevel.VILLAGE, kind=RegionKind.VILLAGE, parent=township
    )
    village.save()
    return village


def make_township(code, name, county) -> Region:
    town = Region(
        code=code, name=name, level=RegionLevel.TOWNSHIP, kind=RegionKind.TOWN, parent=county
    )
    town.save()
    return town
