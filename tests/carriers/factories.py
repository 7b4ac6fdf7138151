"""Small builders shared by the carriers tests (records saved through the model's save())."""

from datetime import date
from decimal import Decimal

from kechuang.carriers.models import Carrier, Fund, Investment, Tenancy
from kechuang.core.testing.personas import make_org


def carrier(name, operator, kind="incubator", **extra) -> Carrier:
    obj = Carrier(name=name, kind=kind, operator=operator, **extra)
    obj.save()
    return obj


def stay(carrier_, enterprise, entered, exited=None, reason="", ip=0) -> Tenancy:
    obj = Tenancy(
        carrier=carrier_,
        enterprise=enterprise,
        entered_on=entered,
        exited_on=exited,
        exit_reason=reason,
        ip_count=ip,
    )
    obj.save()
    return obj


def fund(name, manager, size=10000, established=date(2015, 1, 1), **extra) -> Fund:
    obj = Fund(
        name=name, manager=manager, size_wan=Decimal(size), established_on=established, **extra
    )
    obj.save()
    return obj


def investment(fund_, enterprise, amount, day, carrier_=None, round_="angel") -> Investment:
    obj = Investment(
        fund=fund_,
        enterprise=enterprise,
        amount_wan=Decimal(amount),
        invested_on=day,
        round=round_,
        carrier=carrier_,
    )
    obj.save()
    return obj


class CarrierData:
    """Operators, carriers and funds in county_a and county_b (call from setup_data)."""

    @classmethod
    def setup_carriers(cls):
        cls.operator_a = make_org("丙示例孵化管理有限公司", cls.town_a, 10000011, kind="other")
        cls.operator_b = make_org("丁示例孵化管理有限公司", cls.town_b, 10000012, kind="other")
        cls.org_c = make_org("戊示例材料有限公司", cls.town_a, 10000013)
        cls.carrier_a = carrier("甲示例众创空间", cls.operator_a, kind="maker_space")
        cls.carrier_b = carrier("乙示例孵化器", cls.operator_b)
        cls.fund_a = fund("甲示例创投基金", cls.operator_a)
        cls.fund_b = fund("乙示例创投基金", cls.operator_b)
