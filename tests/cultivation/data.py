"""Enterprises with annual data and qualifications for the cultivation tests."""

from datetime import date

from kechuang.core.testing.personas import make_org
from kechuang.enterprises.models import AnnualData, Enterprise, Qualification

from .test_inputs import FULL


def enterprise(org, years=(2023, 2024, 2025), tech_field="materials", **overrides):
    """An enterprise meeting every quantified high-tech condition, unless `overrides` say otherwise
    (applied to every year)."""
    if org.established_on is None:
        org.established_on = date(2015, 3, 1)
        org.save()
    ent = Enterprise.objects.create(org=org, tech_field=tech_field)
    for year in years:
        AnnualData.objects.create(enterprise=ent, year=year, **{**FULL, **overrides})
    return ent


def another(name, region, number, **kwargs):
    return enterprise(make_org(name, region, number), **kwargs)


def qualify(ent, kind, year, issued=None, number="", **extra):
    return Qualification.objects.create(
        enterprise=ent,
        kind=kind,
        year=year,
        issued_on=issued or date(year, 6, 1),
        number=number,
        **extra,
    )
