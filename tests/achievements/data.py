"""Records shared by the achievements tests (personas come from core.testing)."""

from datetime import date
from decimal import Decimal

from kechuang.achievements.models import Achievement, Appraisal, Contract, Demand


def make_achievement(owner, title, **extra):
    values = {
        "field": "materials",
        "industry": "nylon",
        "description": "示例成果简介",
        "completed_on": date(2021, 6, 1),
        **extra,
    }
    achievement = Achievement(title=title, owner=owner, **values)
    achievement.save()
    return achievement


def make_appraisal(achievement, **extra):
    values = {
        "kind": "appraisal",
        "organised_by": "平顶山市科学技术局",
        "appraised_on": date(2022, 6, 1),
        "conclusion": "domestic_leading",
        "advancement": 85,
        "maturity": 80,
        "market_prospects": 78,
        "ip_strength": 82,
        **extra,
    }
    appraisal = Appraisal(achievement=achievement, **values)
    appraisal.save()
    return appraisal


def make_demand(org, title, **extra):
    values = {
        "description": "示例需求描述",
        "published_on": date(2024, 3, 1),
        "deadline": date(2024, 12, 31),
        **extra,
    }
    demand = Demand(title=title, org=org, **values)
    demand.save()
    return demand


def make_contract(contract_no, name, seller=None, buyer=None, **extra):
    values = {
        "kind": "development",
        "signed_on": date(2020, 5, 10),
        "registered_on": date(2020, 5, 20),
        "contract_value_wan": Decimal("120.00"),
        "transaction_value_wan": Decimal("100.00"),
        **extra,
    }
    if buyer is None and "buyer_name" not in values:
        values.update(buyer_name="郑州示例机械有限公司", buyer_region_text="郑州市")
    contract = Contract(contract_no=contract_no, name=name, seller=seller, buyer=buyer, **values)
    contract.save()
    return contract
