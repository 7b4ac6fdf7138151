from datetime import date

from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.personas import make_org
from kechuang.core.testing.views import ViewTestCases
from kechuang.enterprises.models import AnnualData, Enterprise, Qualification


class EnterpriseFixtures:
    @classmethod
    def setup_data(cls):
        cls.org_c = make_org("丙示例新材料有限公司", cls.town_a, 10000003)
        cls.org_d = make_org("丁示例新材料有限公司", cls.town_a, 10000004)
        cls.ent_a = Enterprise.objects.create(org=cls.org_a, industry="nylon")
        cls.ent_b = Enterprise.objects.create(org=cls.org_b, industry="steel")


class EnterpriseData(EnterpriseFixtures):
    model = Enterprise
    search_term = "jslkj"

    @classmethod
    def in_scope(cls):
        return cls.ent_a

    @classmethod
    def out_of_scope(cls):
        return cls.ent_b


class EnterpriseViewTests(EnterpriseData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {"org": cls.org_c.pk, "industry": "nylon", "tech_field": "materials"}
        cls.form_data_outside = {"org": cls.org_b.pk, "industry": "nylon"}
        cls.edit_data = {"org": cls.org_a.pk, "industry": "it", "main_products": "示例产品"}

    def move_outside_data(self):
        return {"org": self.org_b.pk}

    def test_only_enterprises_can_be_registered(self):
        university = make_org("示例大学", self.town_a, 10000009, kind="university")
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {"org": university.pk, "industry": "nylon"})
        self.assertEqual(r.status_code, 400)
        self.assertFalse(Enterprise.objects.filter(org=university).exists())

    def test_page_shows_annual_data_qualifications_and_tiers(self):
        AnnualData.objects.create(
            enterprise=self.ent_a,
            year=2020,
            employees=100,
            st_staff=20,
            sales_revenue_wan=5000,
            rd_expense_wan=200,
        )
        Qualification.objects.create(
            enterprise=self.ent_a,
            kind="high_tech",
            year=2019,
            number="GR201941000001",
            issued_on=date(2019, 11, 1),
        )
        self.login(self.user_a)
        r = self.client.get(self.ent_a.get_absolute_url())
        self.assertContains(r, "5,000.00")
        self.assertContains(r, "4.0%")  # R&D intensity 200 / 5000
        self.assertContains(r, "GR201941000001")
        self.assertContains(r, "<td>2020年</td><td>高新技术企业</td>", html=False)
        self.assertContains(r, "<td>2018年</td><td>微成长</td>", html=False)


class EnterpriseAPITests(EnterpriseData, APITestCases.Standard):
    endpoint = "enterprises"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {"org": cls.org_c.pk, "industry": "nylon"}
        cls.create_outside = {"org": cls.org_b.pk, "industry": "nylon"}
        cls.update_data = {"main_products": "示例产品"}
        cls.filter_params = {"county": cls.county_a.pk}


class AnnualDataData(EnterpriseFixtures):
    model = AnnualData
    search_term = "jslkj"

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.row_a = AnnualData.objects.create(enterprise=cls.ent_a, year=2020, employees=50)
        cls.row_b = AnnualData.objects.create(enterprise=cls.ent_b, year=2020, employees=60)

    @classmethod
    def in_scope(cls):
        return cls.row_a

    @classmethod
    def out_of_scope(cls):
        return cls.row_b

    def export_text(self, obj):
        return obj.enterprise.org.name


class AnnualDataViewTests(AnnualDataData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "enterprise": cls.ent_a.pk,
            "year": 2021,
            "employees": 55,
            "st_staff": 10,
            "sales_revenue_wan": "1200.50",
        }
        cls.form_data_outside = {**cls.form_data, "enterprise": cls.ent_b.pk}
        cls.edit_data = {"enterprise": cls.ent_a.pk, "year": 2020, "employees": 52}

    def move_outside_data(self):
        return {"enterprise": self.ent_b.pk}

    def post_row(self, **changes):
        self.login(self.user_a)
        before = AnnualData.history.count()
        r = self.client.post(self.url("add"), {**self.form_data, **changes})
        self.assertEqual(r.status_code, 400)
        self.assertEqual(AnnualData.history.count(), before)
        return r

    def test_st_staff_cannot_exceed_employees(self):
        r = self.post_row(employees=10, st_staff=11)
        self.assertContains(r, "科技人员数（11）不能大于职工总数（10）", status_code=400)

    def test_in_china_rd_cannot_exceed_rd(self):
        r = self.post_row(rd_expense_wan="100", rd_expense_in_china_wan="120")
        self.assertContains(r, "境内研发费用（万元）（120", status_code=400)

    def test_high_tech_income_cannot_exceed_total_income(self):
        r = self.post_row(total_income_wan="100", high_tech_income_wan="150")
        self.assertContains(r, "不能大于总收入（万元）", status_code=400)

    def test_money_cannot_be_negative(self):
        r = self.post_row(sales_revenue_wan="-1")
        self.assertContains(r, "不能为负数", status_code=400)

    def test_one_row_per_enterprise_and_year(self):
        r = self.post_row(year=2020)
        self.assertContains(r, "该企业该年度的数据已存在", status_code=400)

    def test_year_must_be_in_range(self):
        r = self.post_row(year=1999)
        self.assertContains(r, "年度 1999 超出允许范围", status_code=400)
        r = self.post_row(year=date.today().year + 2)
        self.assertContains(r, "超出允许范围", status_code=400)


class AnnualDataAPITests(AnnualDataData, APITestCases.Standard):
    endpoint = "enterprise-annual-data"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {"enterprise": cls.ent_a.pk, "year": 2021, "employees": 55}
        cls.create_outside = {**cls.create_data, "enterprise": cls.ent_b.pk}
        cls.update_data = {"employees": 58}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_rules_apply_to_the_api(self):
        r = self.api(self.user_a).post(
            self.list_url(), {**self.create_data, "employees": 5, "st_staff": 9}, format="json"
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("科技人员数（9）不能大于职工总数（5）", r.json()["st_staff"][0])


class QualificationData(EnterpriseFixtures):
    model = Qualification
    search_term = "GR2020A"

    @classmethod
    def setup_data(cls):
        super().setup_data()
        cls.q_a = Qualification.objects.create(
            enterprise=cls.ent_a,
            kind="high_tech",
            year=2020,
            number="GR2020A",
            issued_on=date(2020, 10, 1),
        )
        cls.q_b = Qualification.objects.create(
            enterprise=cls.ent_b,
            kind="high_tech",
            year=2020,
            number="GR2020B",
            issued_on=date(2020, 10, 1),
        )

    @classmethod
    def in_scope(cls):
        return cls.q_a

    @classmethod
    def out_of_scope(cls):
        return cls.q_b

    def export_text(self, obj):
        return obj.number


class QualificationViewTests(QualificationData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "enterprise": cls.ent_a.pk,
            "kind": "tech_sme",
            "year": 2021,
            "number": "202141040001",
            "issued_on": "2021-05-01",
        }
        cls.form_data_outside = {**cls.form_data, "enterprise": cls.ent_b.pk}
        cls.edit_data = {
            "enterprise": cls.ent_a.pk,
            "kind": "high_tech",
            "year": 2020,
            "number": "GR2020A",
            "issued_on": "2020-10-02",
            "valid_until": "2023-10-01",
        }

    def move_outside_data(self):
        return {"enterprise": self.ent_b.pk}

    def test_validity_defaults_by_kind(self):
        self.login(self.user_a)
        self.client.post(self.url("add"), self.form_data)
        sme = Qualification.objects.get(number="202141040001")
        self.assertEqual(sme.valid_until, date(2021, 12, 31))
        self.assertEqual(self.q_a.valid_until, date(2023, 9, 30))

    def test_valid_until_cannot_precede_issue(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "valid_until": "2021-01-01"})
        self.assertContains(
            r, "有效期至（2021-01-01）不能早于发证/入库日期（2021-05-01）", status_code=400
        )

    def test_certificate_numbers_are_unique_per_kind(self):
        self.login(self.user_a)
        r = self.client.post(
            self.url("add"),
            {
                **self.form_data,
                "kind": "high_tech",
                "number": "GR2020A",
                "year": 2022,
                "issued_on": "2022-01-05",
            },
        )
        self.assertContains(r, "证书编号/入库编号已被使用", status_code=400)


class QualificationAPITests(QualificationData, APITestCases.Standard):
    endpoint = "qualifications"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "enterprise": cls.ent_a.pk,
            "kind": "tech_sme",
            "year": 2021,
            "number": "202141040001",
            "issued_on": "2021-05-01",
        }
        cls.create_outside = {**cls.create_data, "enterprise": cls.ent_b.pk}
        cls.update_data = {"note": "复核"}
        cls.filter_params = {"q": "GR2020A"}
