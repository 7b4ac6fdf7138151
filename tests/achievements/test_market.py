"""技术合同市场: hand-checked figures of ten contracts in two counties, the city level and outside
the city over two years; scoping; agreement with the monitoring indicators; the page and export."""

import io
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import openpyxl
from django.test import TestCase
from django.urls import reverse

from kechuang.achievements.filtersets import ContractFilterSet
from kechuang.achievements.market import BUYER, OUTPUT, market_data, resolve_focus
from kechuang.achievements.models import Contract
from kechuang.core.testing.personas import Personas, make_org
from kechuang.plans.loader import BUILTIN_PLAN, load_plan
from kechuang.plans.models import IndicatorValue
from kechuang.plans.values import plan_regions, recompute, values

from .data import make_contract

D = Decimal
URL = reverse("achievements:contract_market")


def stat(s):
    return (s.count, s.value, s.trans)


def by_key(groups):
    return {g.key: (*stat(g.stat), g.share) for g in groups}


class MarketTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.uni_a = make_org("示例理工学院", cls.town_a, 20000001, kind="university")
        cls.inst_b = make_org("叶县示例研究所", cls.town_b, 20000002, kind="institute")
        cls.inst_city = make_org("市直示例研究院", cls.city, 20000003, kind="institute")
        outside_seller = {"seller_name": "北京示例研究院", "seller_region_text": "北京市"}

        def contract(no, seller, buyer, kind, field, value, trans, year, **extra):
            signed = date(year, 3 + no % 8, 10)
            return make_contract(
                f"2024MK{no:04d}",
                f"示例合同{no}",
                seller=seller,
                buyer=buyer,
                kind=kind,
                field=field,
                contract_value_wan=D(value),
                transaction_value_wan=D(trans),
                signed_on=signed,
                registered_on=date(year, 12, 20),
                **extra,
            )

        # 2024: seller in county A → buyer in county B (counts once for the city) …
        contract(1, cls.org_a, cls.org_b, "development", "materials", "100", "80", 2024)
        contract(2, cls.uni_a, None, "transfer", "electronics", "200", "200", 2024)
        contract(3, cls.org_b, cls.org_a, "service", "services", "50", "45", 2024)
        # … bought from outside the city (吸纳 only) …
        contract(4, None, cls.org_b, "licensing", "bio", "300", "290", 2024, **outside_seller)
        # … both parties in county B, and a seller in county A not in the org registry.
        contract(5, cls.inst_b, cls.inst_b, "consulting", "materials", "30", "30", 2024)
        contract(
            6, None, None, "service", "", "20", "18", 2024,
            seller_name="新华示例工作室", seller_region=cls.town_a,
        )  # fmt: skip
        # 2023.
        contract(7, cls.org_a, None, "development", "manufacturing", "150", "120", 2023)
        contract(8, cls.org_b, cls.org_a, "service", "services", "40", "40", 2023)
        contract(9, None, cls.org_a, "transfer", "energy", "60", "60", 2023, **outside_seller)
        contract(10, cls.inst_city, None, "consulting", "services", "10", "10", 2023)

    def data(self, user, year=2024, side=OUTPUT, county=None):
        focus, counties, _choices = resolve_focus(user, county and str(county.pk))
        return market_data(Contract.objects.restrict(user), focus, side, year, counties)

    # --- the city ---------------------------------------------------------------------------------

    def test_it_counts_the_seller_side_with_year_on_year_change(self):
        d = self.data(self.admin)
        k = d["kpi"]
        assert d["focus"].label == "全市"
        assert stat(k["now"]) == (5, D("400.00"), D("373.00"))
        assert stat(k["before"]) == (3, D("200.00"), D("170.00"))
        # (5-3)/3, (400-200)/200, (373-170)/170
        assert (k["count_change"], k["value_change"], k["trans_change"]) == (
            D("66.7"),
            D("100.0"),
            D("119.4"),
        )
        # 373/400 = 93.25 % → 93.3; 170/200 = 85.0
        assert k["now"].share == D("93.3") and k["before"].share == D("85.0")
        assert k["share_change"] == D("8.3")
        assert (k["now"].value_yi, k["now"].value_text) == ("0.04", "400.00")

    def test_it_gives_the_trend_by_signed_year(self):
        trend = self.data(self.admin)["trend"]
        assert {y: stat(s) for y, s in trend.items()} == {
            2023: (3, D("200.00"), D("170.00")),
            2024: (5, D("400.00"), D("373.00")),
        }
        chart = self.data(self.admin)["charts"]["trend"]
        assert chart["xAxis"]["data"] == ["2023年", "2024年"]
        assert [s["data"] for s in chart["series"]] == [[200.0, 400.0], [170.0, 373.0], [3, 5]]

    def test_the_trend_shows_years_without_contracts_as_zero(self):
        make_contract(
            "2021MK0001", "示例合同2021", seller=self.org_b,
            signed_on=date(2021, 5, 1), registered_on=date(2021, 5, 9),
        )  # fmt: skip
        trend = self.data(self.admin)["trend"]
        assert list(trend) == [2021, 2022, 2023, 2024]
        assert stat(trend[2022]) == (0, D("0.00"), D("0.00"))
        assert stat(trend[2021]) == (1, D("120.00"), D("100.00"))

    def test_it_ranks_counties_by_output_with_buyer_side_and_outside(self):
        c = self.data(self.admin)["counties"]
        rows = {r.label: (r.rank, stat(r.output), stat(r.buyer)) for r in c["rows"]}
        assert rows == {
            "新华区": (1, (3, D("320.00"), D("298.00")), (1, D("50.00"), D("45.00"))),
            "叶县": (2, (2, D("80.00"), D("75.00")), (3, D("430.00"), D("400.00"))),
        }
        extra = {r.label: (stat(r.output), stat(r.buyer)) for r in c["extra"]}
        # 市外: sold into the city by an outside seller / bought from the city by outsiders.
        assert extra == {"市外": ((1, D("300.00"), D("290.00")), (2, D("220.00"), D("218.00")))}
        # Contract 1 (A → B) and 5 (B → B) count once on each side of the city.
        assert stat(c["total"].output) == (5, D("400.00"), D("373.00"))
        assert stat(c["total"].buyer) == (4, D("480.00"), D("445.00"))

    def test_it_lists_city_level_sellers_apart_from_the_counties(self):
        c = self.data(self.admin, year=2023)["counties"]
        extra = {r.label: (stat(r.output), stat(r.buyer)) for r in c["extra"]}
        assert extra == {
            "市本级及其他": ((1, D("10.00"), D("10.00")), (0, D("0.00"), D("0.00"))),
            "市外": ((1, D("60.00"), D("60.00")), (2, D("160.00"), D("130.00"))),
        }
        assert stat(c["total"].output) == (3, D("200.00"), D("170.00"))

    def test_it_counts_each_contract_once_in_the_flows(self):
        f = self.data(self.admin)["flows"]
        assert {i["key"]: stat(i["stat"]) for i in f["items"]} == {
            "local": (3, D("180.00"), D("155.00")),
            "out_outside": (2, D("220.00"), D("218.00")),
            "in_outside": (1, D("300.00"), D("290.00")),
        }
        assert stat(f["total"]) == (6, D("700.00"), D("663.00"))

    def test_it_breaks_down_by_kind_field_and_seller_type(self):
        d = self.data(self.admin)
        assert by_key(d["kinds"]) == {
            "transfer": (1, D("200.00"), D("200.00"), D("50.0")),
            "development": (1, D("100.00"), D("80.00"), D("25.0")),
            "service": (2, D("70.00"), D("63.00"), D("17.5")),
            "consulting": (1, D("30.00"), D("30.00"), D("7.5")),
            "licensing": (0, D("0.00"), D("0.00"), D("0.0")),
        }
        assert [g.key for g in d["kinds"]][:2] == ["transfer", "development"]
        assert by_key(d["fields"]) == {
            "electronics": (1, D("200.00"), D("200.00"), D("50.0")),
            "materials": (2, D("130.00"), D("110.00"), D("32.5")),
            "services": (1, D("50.00"), D("45.00"), D("12.5")),
            "未填写": (1, D("20.00"), D("18.00"), D("5.0")),
        }
        assert by_key(d["seller_types"]) == {
            "university": (1, D("200.00"), D("200.00"), D("50.0")),
            "enterprise": (2, D("150.00"), D("125.00"), D("37.5")),
            "institute": (1, D("30.00"), D("30.00"), D("7.5")),
            "未登记": (1, D("20.00"), D("18.00"), D("5.0")),
        }
        assert [g.label for g in d["seller_types"]] == ["高校", "企业", "科研院所", "未登记"]

    def test_it_counts_the_buyer_side_with_outside_sellers(self):
        d = self.data(self.admin, side=BUYER)
        assert stat(d["kpi"]["now"]) == (4, D("480.00"), D("445.00"))
        assert stat(d["kpi"]["before"]) == (2, D("100.00"), D("100.00"))
        assert by_key(d["seller_types"]) == {
            "市外": (1, D("300.00"), D("290.00"), D("62.5")),
            "enterprise": (2, D("150.00"), D("125.00"), D("31.3")),
            "institute": (1, D("30.00"), D("30.00"), D("6.3")),
        }

    def test_it_shows_one_chosen_county(self):
        d = self.data(self.admin, county=self.county_b)
        assert d["focus"].label == "叶县"
        assert stat(d["kpi"]["now"]) == (2, D("80.00"), D("75.00"))
        assert stat(d["kpi"]["before"]) == (1, D("40.00"), D("40.00"))
        assert (d["kpi"]["count_change"], d["kpi"]["trans_change"]) == (D("100.0"), D("87.5"))
        assert [r.label for r in d["counties"]["rows"]] == ["叶县"]
        flows = {i["key"]: stat(i["stat"]) for i in d["flows"]["items"]}
        assert flows["local"] == (1, D("30.00"), D("30.00"))
        assert flows["out_city"] == (1, D("50.00"), D("45.00"))
        assert flows["in_city"] == (1, D("100.00"), D("80.00"))
        assert flows["in_outside"] == (1, D("300.00"), D("290.00"))

    # --- scoping ----------------------------------------------------------------------------------

    def test_county_users_see_their_county_only(self):
        d = self.data(self.user_a)
        assert d["focus"].label == "本县区" and d["focus"].county == self.county_a
        assert stat(d["kpi"]["now"]) == (3, D("320.00"), D("298.00"))
        assert stat(d["kpi"]["before"]) == (1, D("150.00"), D("120.00"))
        assert d["kpi"]["value_change"] == D("113.3")  # (320-150)/150
        assert [r.label for r in d["counties"]["rows"]] == ["新华区"]
        assert stat(d["counties"]["total"].buyer) == (1, D("50.00"), D("45.00"))
        flows = {i["key"]: stat(i["stat"]) for i in d["flows"]["items"]}
        assert flows == {
            "local": (0, D("0.00"), D("0.00")),
            "out_city": (1, D("100.00"), D("80.00")),
            "out_outside": (2, D("220.00"), D("218.00")),
            "in_city": (1, D("50.00"), D("45.00")),
            "in_outside": (0, D("0.00"), D("0.00")),
        }
        # Contract 4 (outside → county B) is not the county's business.
        assert "licensing" not in {g.key for g in d["kinds"] if g.stat.count}

    def test_a_county_user_cannot_pick_another_county(self):
        focus, _counties, choices = resolve_focus(self.user_a, str(self.county_b.pk))
        assert focus.county == self.county_a and choices == [self.county_a]

    def test_organisation_users_see_their_own_contracts(self):
        d = self.data(self.org_user)
        assert d["focus"].label == "本单位"
        assert stat(d["kpi"]["now"]) == (1, D("100.00"), D("80.00"))  # contract 1
        assert stat(d["kpi"]["before"]) == (1, D("150.00"), D("120.00"))  # contract 7
        assert d["counties"] is None and d["flows"] is None
        bought = self.data(self.org_user, side=BUYER)
        assert stat(bought["kpi"]["now"]) == (1, D("50.00"), D("45.00"))  # contract 3
        assert stat(bought["kpi"]["before"]) == (2, D("100.00"), D("100.00"))  # 8 and 9

    # --- agreement with the monitoring indicators -------------------------------------------------

    def test_it_agrees_with_the_monitoring_indicators(self):
        plan = load_plan(BUILTIN_PLAN, default=True)
        indicators = list(
            plan.indicators.filter(code__in=("tech_contract_value", "tech_transaction_value"))
        )
        assert len(indicators) == 2
        recompute(plan, [2023, 2024])
        for year in (2023, 2024):
            rows = values(plan, year, plan_regions(plan), indicators)
            expected = {(r["indicator"].code, r["region"].code): r["value"] for r in rows}
            stored = {
                (v.indicator.code, v.region.code): v.value
                for v in IndicatorValue.objects.filter(indicator__in=indicators, year=year)
            }
            for user, county in (
                (self.admin, None),
                (self.admin, self.county_a),
                (self.admin, self.county_b),
                (self.user_b, None),
            ):
                d = self.data(user, year=year, county=county)
                code = (county or d["focus"].county or self.city).code
                now = d["kpi"]["now"]
                for key, figure in (
                    (("tech_contract_value", code), now.value),
                    (("tech_transaction_value", code), now.trans),
                ):
                    assert figure == expected[key] == stored[key], (year, key)

    # --- links -------------------------------------------------------------------------------------

    def assert_link(self, user, s):
        """The contract list behind a link shows exactly the contracts counted."""
        assert s.url, s
        query = {k: v[0] for k, v in parse_qs(urlsplit(s.url).query).items()}
        listed = ContractFilterSet(query, queryset=Contract.objects.restrict(user)).qs
        assert listed.count() == s.count, (s.url, listed.count(), s.count)

    def test_numbers_link_to_the_filtered_contract_list(self):
        d = self.data(self.admin, county=self.county_a)
        self.assert_link(self.admin, d["kpi"]["now"])
        for g in d["kinds"]:
            self.assert_link(self.admin, g.stat)
        for g in d["fields"]:
            if g.key != "未填写":  # the list has no filter for a blank field
                self.assert_link(self.admin, g.stat)
        for s in d["trend"].values():
            self.assert_link(self.admin, s)
        city = self.data(self.admin)["counties"]
        for row in city["rows"]:
            self.assert_link(self.admin, row.output)
            self.assert_link(self.admin, row.buyer)
        self.assert_link(self.admin, city["total"].buyer)
        county_user = self.data(self.user_a)
        self.assert_link(self.user_a, county_user["kpi"]["now"])
        for key in ("local", "out_outside"):
            self.assert_link(self.user_a, county_user["flows"]["by_key"][key])
        org = self.data(self.org_user)
        self.assert_link(self.org_user, org["kpi"]["now"])

    # --- the page ----------------------------------------------------------------------------------

    def test_it_renders_the_page(self):
        self.client.force_login(self.city_staff)
        response = self.client.get(URL, {"year": 2024})
        assert response.status_code == 200
        assert stat(response.context["kpi"]["now"]) == (5, D("400.00"), D("373.00"))
        assert response.context["year"] == 2024
        assert response.context["years"] == list(range(date.today().year, 2022, -1))
        text = response.content.decode()
        for shown in ("技术合同成交额", "0.04", "400.00", "373.00", "↑ 100.0%", "新华区", "市外"):
            assert shown in text, shown
        assert 'data-echarts="market-county"' in text and "按合同签订日期所在年度统计" in text

    def test_it_defaults_to_the_latest_year_with_contracts(self):
        self.client.force_login(self.admin)
        assert self.client.get(URL).context["year"] == 2024
        assert self.client.get(URL, {"year": "1999"}).context["year"] == 2024

    def test_county_users_see_this_county_in_the_titles(self):
        self.client.force_login(self.user_a)
        response = self.client.get(URL, {"year": 2024, "county": self.county_b.pk})
        text = response.content.decode()
        assert "本县区" in text and "叶县" not in text.split("county-table")[1].split("</table>")[0]
        assert stat(response.context["kpi"]["now"]) == (3, D("320.00"), D("298.00"))

    def test_it_needs_the_contract_view_permission(self):
        self.client.force_login(self.outsider)
        assert self.client.get(URL).status_code == 403
        self.client.logout()
        assert self.client.get(URL).status_code == 302

    def test_it_exports_the_tables_to_excel(self):
        self.client.force_login(self.admin)
        response = self.client.get(URL, {"year": 2024, "export": "xlsx"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == [
            "年度趋势",
            "县区输出吸纳",
            "合同流向",
            "合同类型",
            "技术领域",
            "卖方类型",
            "说明",
        ]
        counties = [list(r) for r in book["县区输出吸纳"].iter_rows(values_only=True)]
        assert counties[1][:5] == [1, "新华区", 3, 320, 298]
        assert counties[-1][1:] == ["合计（全市）", 5, 400, 373, 4, 480, 445]
