"""Tiers (微成长 → 科技型中小企业 → 高新技术企业 → 创新龙头), derived from qualifications."""

from collections import defaultdict
from datetime import date

from .choices import LEADER_KINDS, QualificationKind, Tier


def held(qualification, year: int) -> bool:
    """Whether a qualification counts for statistical `year` (see QualificationQuerySet.held_in)."""
    end = date(year, 12, 31)
    if qualification.kind == QualificationKind.TECH_SME:
        return qualification.year == year and (
            qualification.revoked_on is None or qualification.revoked_on > end
        )
    return qualification.is_valid_on(end)


def tier_of(qualifications, year: int) -> str:
    """The highest tier the qualifications give in `year`."""
    kinds = {q.kind for q in qualifications if held(q, year)}
    if kinds & set(LEADER_KINDS):
        return Tier.LEADER
    if QualificationKind.HIGH_TECH in kinds:
        return Tier.HIGH_TECH
    if QualificationKind.TECH_SME in kinds:
        return Tier.TECH_SME
    return Tier.MICRO


def tiers_by_enterprise(qualifications, year: int) -> dict[int, str]:
    """{enterprise_id: tier} for the enterprises the qualifications belong to (one pass)."""
    grouped = defaultdict(list)
    for q in qualifications:
        grouped[q.enterprise_id].append(q)
    return {eid: tier_of(qs, year) for eid, qs in grouped.items()}
