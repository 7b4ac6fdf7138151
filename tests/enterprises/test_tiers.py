from datetime import date

from kechuang.enterprises.choices import Tier
from kechuang.enterprises.models import Qualification
from kechuang.enterprises.tiers import tier_of


def qual(kind, year, issued, valid_until=None, revoked=None):
    q = Qualification(
        kind=kind, year=year, issued_on=issued, valid_until=valid_until, revoked_on=revoked
    )
    q.valid_until = q.valid_until or q.default_valid_until()
    return q


def test_no_qualification_is_micro():
    assert tier_of([], 2020) == Tier.MICRO


def test_tech_sme_counts_for_its_registration_year_only():
    q = [qual("tech_sme", 2020, date(2020, 4, 1))]
    assert [tier_of(q, y) for y in (2019, 2020, 2021)] == [Tier.MICRO, Tier.TECH_SME, Tier.MICRO]


def test_high_tech_certificate_counts_at_three_year_ends():
    q = [qual("high_tech", 2019, date(2019, 11, 28))]  # valid until 2022-11-27
    assert [tier_of(q, y) for y in range(2018, 2023)] == [
        Tier.MICRO,
        Tier.HIGH_TECH,
        Tier.HIGH_TECH,
        Tier.HIGH_TECH,
        Tier.MICRO,
    ]


def test_revoked_certificate_stops_counting():
    q = [qual("high_tech", 2019, date(2019, 3, 1), revoked=date(2020, 6, 1))]
    assert tier_of(q, 2019) == Tier.HIGH_TECH
    assert tier_of(q, 2020) == Tier.MICRO


def test_highest_tier_wins():
    q = [
        qual("tech_sme", 2021, date(2021, 4, 1)),
        qual("high_tech", 2021, date(2021, 10, 1)),
        qual("chuying", 2021, date(2021, 9, 1)),
    ]
    assert tier_of(q, 2021) == Tier.LEADER


def test_default_validity_handles_leap_day():
    leap = qual("high_tech", 2020, date(2020, 2, 29))
    assert leap.valid_until == date(2023, 2, 27)
