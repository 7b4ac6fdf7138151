from datetime import date
from decimal import Decimal

from django.test import TestCase

from kechuang.carriers.models import Tenancy
from kechuang.carriers.services import carrier_yearly_figures, yearly_chart, yearly_figures
from kechuang.core.testing.personas import Personas, make_org

from .factories import CarrierData, investment, stay


class YearlyFiguresTests(CarrierData, Personas, TestCase):
    """One carrier with four stays and investments before, during and after them:

    E1 2017-03-01 → 2019-06-30 毕业, IP 4     E2 2018-01-01 → (still there), IP 2
    E3 2018-12-31 → 2020-12-31 淘汰, IP 1     E4 2020-05-01 → 2021-03-01 迁出, IP 0
    E5 is in the other carrier (never counted).
    """

    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.setup_carriers()
        e1, e2, e3, e4, e5 = (
            make_org(f"{n}号示例企业有限公司", cls.town_a, 10000100 + n) for n in range(1, 6)
        )
        c = cls.carrier_a
        stay(c, e1, date(2017, 3, 1), date(2019, 6, 30), "graduated", ip=4)
        stay(c, e2, date(2018, 1, 1), ip=2)
        stay(c, e3, date(2018, 12, 31), date(2020, 12, 31), "eliminated", ip=1)
        stay(c, e4, date(2020, 5, 1), date(2021, 3, 1), "relocated", ip=0)
        stay(cls.carrier_b, e5, date(2018, 1, 1), ip=9)
        f = cls.fund_a
        investment(f, e1, 80, date(2016, 5, 1))  # before its stay
        investment(f, e2, 100, date(2018, 6, 1))
        investment(f, e2, 50, date(2018, 9, 1))
        investment(f, e1, 70, date(2019, 6, 30))  # on the exit day: no longer a tenant
        investment(f, e3, 30, date(2019, 2, 1))
        investment(f, e5, 500, date(2018, 3, 1))  # tenant of the other carrier
        cls.figures = {f.year: f for f in carrier_yearly_figures(c)}

    def row(self, year):
        f = self.figures[year]
        return (
            f.incubating,
            f.new,
            f.graduated,
            f.graduated_cumulative,
            f.financed,
            f.financed_amount_wan,
            f.ip_total,
        )

    def test_it_covers_2016_to_2025(self):
        self.assertEqual(list(self.figures), list(range(2016, 2026)))

    def test_it_counts_stays_at_year_end_entries_graduates_and_ip(self):
        self.assertEqual(self.row(2016), (0, 0, 0, 0, 0, 0, 0))
        self.assertEqual(self.row(2017), (1, 1, 0, 0, 0, 0, 4))
        self.assertEqual(self.row(2018), (3, 2, 0, 0, 1, Decimal("150"), 7))
        self.assertEqual(self.row(2019), (2, 0, 1, 1, 1, Decimal("30"), 3))
        self.assertEqual(self.row(2020), (2, 1, 0, 1, 0, 0, 2))
        self.assertEqual(self.row(2021), (1, 0, 0, 1, 0, 0, 2))
        self.assertEqual(self.row(2025), (1, 0, 0, 1, 0, 0, 2))

    def test_it_takes_two_queries_whatever_the_years(self):
        with self.assertNumQueries(2):
            yearly_figures(Tenancy.objects.all(), range(2000, 2031))

    def test_several_carriers_count_an_investment_once(self):
        figures = {f.year: f for f in yearly_figures(Tenancy.objects.all(), [2018])}
        self.assertEqual(figures[2018].financed, 2)
        self.assertEqual(figures[2018].financed_amount_wan, Decimal("650"))
        self.assertEqual(figures[2018].incubating, 4)

    def test_no_years_no_queries(self):
        with self.assertNumQueries(0):
            self.assertEqual(yearly_figures(Tenancy.objects.all(), []), [])

    def test_the_chart_has_one_point_per_year(self):
        option = yearly_chart(list(self.figures.values()))
        self.assertEqual(option["xAxis"]["data"][0], "2016年")
        self.assertEqual(option["series"][0]["data"], [0, 1, 3, 2, 2, 1, 1, 1, 1, 1])
