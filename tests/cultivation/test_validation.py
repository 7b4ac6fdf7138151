"""The fast validation path (well-formed input) must give exactly what the full checker gives."""

import math

from hypothesis import given
from hypothesis import strategies as st

from kechuang.cultivation.rules import validation as v

count = st.integers(min_value=0, max_value=10_000)
money = st.floats(min_value=0, max_value=1e7, allow_nan=False) | st.integers(0, 10**7)
flag = st.none() | st.booleans()


def checker_tech_sme(data):
    c = v._Checker(data)
    for field in v._TECH_SME_INTS:
        c.int_(field)
    for field in v._TECH_SME_NUMBERS:
        c.number(field)
    for field, default in v._TECH_SME_FLAGS:
        c.bool_(field, required=False, default=default)
    return c.finish()


@given(
    st.fixed_dictionaries(
        {f: count for f in v._TECH_SME_INTS} | {f: money for f in v._TECH_SME_NUMBERS},
        optional={f: flag for f, _ in v._TECH_SME_FLAGS},
    )
)
def test_fast_tech_sme_matches_the_checker(data):
    assert v._fast_tech_sme(data) == checker_tech_sme(data)


@given(
    st.integers(1, 3).flatmap(lambda n: st.tuples(*[st.lists(money, min_size=n, max_size=n)] * 4))
)
def test_fast_high_tech_matches_the_checker(lists):
    sales, rd, cn, net = lists
    data = {
        "registered_days": 400,
        "owns_core_ip": True,
        "field_in_catalog": False,
        "employees": 10,
        "st_staff": 2,
        "sales_revenue_wan": sales,
        "rd_expense_wan": rd,
        "rd_expense_in_china_wan": cn,
        "high_tech_income_wan": 1.5,
        "total_income_wan": 3,
        "net_assets_wan": net,
    }
    fast = v._fast_high_tech(data, 3)
    assert fast is not None
    v_fast = v._fast_high_tech
    v._fast_high_tech = lambda *a: None  # force the full checker
    try:
        assert v.validate_high_tech(data) == fast
    finally:
        v._fast_high_tech = v_fast


def test_bad_values_fall_through_to_the_explaining_checker():
    for bad in (math.nan, math.inf, -1, True, "3"):
        assert (
            v._fast_tech_sme(
                {f: 1 for f in (*v._TECH_SME_INTS, *v._TECH_SME_NUMBERS)} | {"rd_expense_wan": bad}
            )
            is None
        )
