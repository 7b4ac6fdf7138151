from django.urls import reverse

from kechuang.achievements.models import Achievement, Appraisal, Contract, Demand
from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.views import ViewTestCases

from .data import make_achievement, make_appraisal, make_contract, make_demand

# --- 科技成果 ---


class AchievementData:
    model = Achievement
    search_term = "尼龙66"

    @classmethod
    def in_scope(cls):
        return make_achievement(cls.org_a, "尼龙66盐连续聚合工艺", keywords="尼龙66、聚合")

    @classmethod
    def out_of_scope(cls):
        return make_achievement(cls.org_b, "特厚钢板轧制技术", industry="steel")


class AchievementViewTests(AchievementData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "title": "GIS 气体绝缘开关设备状态监测技术",
            "owner": cls.org_a.pk,
            "field": "manufacturing",
            "industry": "electrical",
            "description": "示例",
            "status": "pending",
            "completed_on": "2021-05-01",
            "contact_phone": "13800001111",
        }
        cls.form_data_outside = {**cls.form_data, "owner": cls.org_b.pk}
        cls.edit_data = {
            **cls.form_data,
            "title": "尼龙66盐连续聚合工艺产业化",
            "owner": cls.org_a.pk,
            "trl": 6,
        }

    def test_it_defaults_region_to_the_owners(self):
        self.login(self.user_a)
        self.client.post(self.url("add"), self.form_data)
        self.assertEqual(Achievement.objects.latest("pk").region, self.town_a)

    def test_it_refuses_a_completion_date_in_the_future(self):
        self.login(self.user_a)
        before = Achievement.history.count()
        r = self.client.post(self.url("add"), {**self.form_data, "completed_on": "2999-01-01"})
        self.assertContains(r, "完成日期：完成日期（2999-01-01）不能晚于今天", status_code=400)
        self.assertEqual(Achievement.history.count(), before)

    def test_it_shows_keywords_ip_appraisals_and_contracts(self):
        Achievement.objects.filter(pk=self.obj_in.pk).update(
            ip_list="ZL202010000001.1 一种尼龙66盐的制备方法\n\n2021SR0000001 聚合控制软件"
        )
        make_appraisal(self.obj_in, organised_by="示例评价中心")
        make_contract(
            "2022410400000009", "尼龙66盐技术转让合同", seller=self.org_a, achievement=self.obj_in
        )
        self.login(self.user_a)
        r = self.client.get(self.obj_in.get_absolute_url())
        self.assertContains(r, '<span class="badge bg-azure-lt me-1">聚合</span>', html=True)
        self.assertContains(r, "<li>2021SR0000001 聚合控制软件</li>", html=True)
        self.assertContains(r, "知识产权清单（2）")
        self.assertContains(r, "示例评价中心")
        self.assertContains(r, "尼龙66盐技术转让合同")
        self.assertContains(r, "评价/鉴定记录（1）")

    def test_it_masks_the_contact_phone_for_county_staff(self):
        Achievement.objects.filter(pk=self.obj_in.pk).update(contact_phone="13912345678")
        self.login(self.user_a)
        r = self.client.get(self.url("list"))
        self.assertContains(r, "139****5678")
        self.assertNotContains(r, "13912345678")

    def test_org_user_sees_only_its_own_achievements(self):
        self.login(self.org_user)
        r = self.client.get(self.url("list"))
        self.assertContains(r, str(self.obj_in))
        self.assertEqual(self.client.get(self.obj_out.get_absolute_url()).status_code, 404)

    def test_it_filters_by_county_trl_and_year(self):
        make_achievement(self.org_a, "低成熟度示例成果", trl=3, completed_on=self.d(2017))
        Achievement.objects.filter(pk=self.obj_in.pk).update(trl=7)
        self.login(self.admin)
        r = self.client.get(self.url("list"), {"county": self.county_a.pk, "trl_min": 6})
        self.assertContains(r, "共 1 条")
        r = self.client.get(self.url("list"), {"year_from": 2016, "year_to": 2018})
        self.assertContains(r, "低成熟度示例成果")
        self.assertNotContains(r, str(self.obj_in))

    @staticmethod
    def d(year):
        from datetime import date

        return date(year, 3, 1)


class AchievementAPITests(AchievementData, APITestCases.Standard):
    endpoint = "achievements"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "title": "GIS 气体绝缘开关设备状态监测技术",
            "owner": cls.org_a.pk,
            "field": "manufacturing",
            "industry": "electrical",
            "description": "示例",
            "completed_on": "2021-05-01",
            "keywords": "GIS，绝缘、监测",
        }
        cls.create_outside = {**cls.create_data, "owner": cls.org_b.pk}
        cls.update_data = {"title": "尼龙66盐连续聚合工艺产业化"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_creates_with_co_owners_and_lists_keywords(self):
        data = {**self.create_data, "co_owners": [self.org_a.pk]}
        r = self.api(self.admin).post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 201, r.content)
        self.assertEqual(r.json()["keyword_list"], ["GIS", "绝缘", "监测"])
        self.assertEqual(r.json()["region"], self.town_a.pk)
        self.assertEqual(
            list(Achievement.objects.get(pk=r.json()["id"]).co_owners.all()), [self.org_a]
        )


# --- 成果评价 ---


class AppraisalData:
    model = Appraisal
    search_term = "尼龙66"

    @classmethod
    def setup_data(cls):
        cls.ach_a = make_achievement(cls.org_a, "尼龙66盐连续聚合工艺")
        cls.ach_b = make_achievement(cls.org_b, "特厚钢板轧制技术")

    @classmethod
    def in_scope(cls):
        return make_appraisal(cls.ach_a)

    @classmethod
    def out_of_scope(cls):
        return make_appraisal(cls.ach_b, kind="evaluation")


class AppraisalViewTests(AppraisalData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "achievement": cls.ach_a.pk,
            "kind": "evaluation",
            "organised_by": "河南省技术市场协会",
            "appraised_on": "2023-01-10",
            "conclusion": "intl_advanced",
            "advancement": 90,
            "maturity": 86,
            "market_prospects": 88,
            "ip_strength": 85,
        }
        cls.form_data_outside = {**cls.form_data, "achievement": cls.ach_b.pk}
        cls.edit_data = {**cls.form_data, "organised_by": "平顶山市科学技术局（复评）"}

    def test_it_refuses_a_score_above_100_naming_the_field(self):
        self.login(self.user_a)
        before = Appraisal.history.count()
        r = self.client.post(self.url("add"), {**self.form_data, "maturity": 120})
        self.assertContains(
            r, "技术成熟度评分：技术成熟度评分应为 0–100 之间的整数（当前为 120）", status_code=400
        )
        self.assertEqual(Appraisal.history.count(), before)

    def test_it_refuses_an_appraisal_date_in_the_future(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "appraised_on": "2999-05-01"})
        self.assertContains(r, "评价日期（2999-05-01）不能晚于今天", status_code=400)

    def test_it_derives_the_total_score_from_the_parts(self):
        self.login(self.user_a)
        self.client.post(self.url("add"), self.form_data)
        self.assertEqual(Appraisal.objects.latest("pk").score, 87)  # (90+86+88+85)/4 = 87.25

    def test_a_stated_total_score_is_kept(self):
        self.login(self.user_a)
        self.client.post(self.url("add"), {**self.form_data, "score": 91})
        self.assertEqual(Appraisal.objects.latest("pk").score, 91)

    def test_add_link_from_the_achievement_prefills_it(self):
        self.login(self.user_a)
        r = self.client.get(self.url("add"), {"achievement": self.ach_a.pk})
        self.assertEqual(r.context["form"].initial["achievement"], str(self.ach_a.pk))


class AppraisalAPITests(AppraisalData, APITestCases.Standard):
    endpoint = "appraisals"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "achievement": cls.ach_a.pk,
            "kind": "evaluation",
            "organised_by": "河南省技术市场协会",
            "appraised_on": "2023-01-10",
            "conclusion": "intl_advanced",
            "score": 90,
        }
        cls.create_outside = {**cls.create_data, "achievement": cls.ach_b.pk}
        cls.update_data = {"summary": "复核意见"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_refuses_a_negative_or_too_high_score(self):
        client = self.api(self.user_a)
        r = client.post(self.list_url(), {**self.create_data, "score": 101}, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("综合评分应为 0–100", r.json()["score"][0])


# --- 技术需求 ---


class DemandData:
    model = Demand
    search_term = "耐高温"

    @classmethod
    def in_scope(cls):
        return make_demand(cls.org_a, "尼龙工程塑料耐高温改性技术需求", keywords="尼龙,改性")

    @classmethod
    def out_of_scope(cls):
        return make_demand(cls.org_b, "特厚钢板探伤检测技术需求")


class DemandViewTests(DemandData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "title": "己二腈国产化替代技术需求",
            "org": cls.org_a.pk,
            "field": "materials",
            "industry": "nylon",
            "status": "open",
            "description": "示例",
            "budget_wan": "300",
            "published_on": "2024-03-01",
            "deadline": "2024-12-31",
        }
        cls.form_data_outside = {**cls.form_data, "org": cls.org_b.pk}
        cls.edit_data = {**cls.form_data, "title": "尼龙工程塑料耐高温改性技术需求（二期）"}

    def test_it_refuses_a_deadline_before_publication(self):
        self.login(self.user_a)
        before = Demand.history.count()
        r = self.client.post(self.url("add"), {**self.form_data, "deadline": "2024-01-01"})
        self.assertContains(
            r, "截止日期：截止日期（2024-01-01）不能早于发布日期（2024-03-01）", status_code=400
        )
        self.assertEqual(Demand.history.count(), before)

    def test_it_refuses_a_negative_budget(self):
        self.login(self.user_a)
        r = self.client.post(self.url("add"), {**self.form_data, "budget_wan": "-5"})
        self.assertContains(r, "拟投入资金（万元）：不能为负数（当前为 -5）", status_code=400)

    def test_it_defaults_region_to_the_orgs(self):
        self.assertEqual(self.obj_in.region, self.town_a)

    def test_detail_shows_keywords_and_description(self):
        self.login(self.user_a)
        r = self.client.get(self.obj_in.get_absolute_url())
        self.assertContains(r, '<span class="badge bg-azure-lt me-1">改性</span>', html=True)
        self.assertContains(r, "示例需求描述")

    def test_it_filters_by_budget_and_status(self):
        Demand.objects.filter(pk=self.obj_in.pk).update(budget_wan=500, status="matching")
        self.login(self.admin)
        r = self.client.get(self.url("list"), {"budget_min": 400, "status": "matching"})
        self.assertContains(r, "共 1 条")
        self.assertContains(r, str(self.obj_in))


class DemandAPITests(DemandData, APITestCases.Standard):
    endpoint = "demands"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "title": "己二腈国产化替代技术需求",
            "org": cls.org_a.pk,
            "description": "示例",
            "published_on": "2024-03-01",
            "deadline": "2024-12-31",
        }
        cls.create_outside = {**cls.create_data, "org": cls.org_b.pk}
        cls.update_data = {"status": "matching"}
        cls.filter_params = {"county": cls.county_a.pk}


# --- 技术合同 ---


class ContractData:
    model = Contract
    search_term = "尼龙66"

    @classmethod
    def in_scope(cls):
        return make_contract("2020410400000001", "尼龙66盐聚合工艺技术开发合同", seller=cls.org_a)

    @classmethod
    def out_of_scope(cls):
        return make_contract(
            "2020410400000002",
            "特厚钢板轧制技术服务合同",
            seller=cls.org_b,
            kind="service",
            contract_value_wan=300,
            transaction_value_wan=250,
        )


class ContractViewTests(ContractData, ViewTestCases.Standard):
    max_list_queries = 13  # the generic bound plus the totals panel's one aggregate query

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.form_data = {
            "contract_no": "2021410400000003",
            "name": "己二腈合成技术转让合同",
            "kind": "transfer",
            "field": "materials",
            "signed_on": "2021-04-01",
            "registered_on": "2021-04-15",
            "contract_value_wan": "200",
            "transaction_value_wan": "180",
            "seller": cls.org_a.pk,
            "buyer_name": "北京示例研究院",
            "buyer_region_text": "北京市海淀区",
        }
        cls.form_data_outside = {
            **cls.form_data,
            "contract_no": "2021410400000004",
            "seller": cls.org_b.pk,
        }
        cls.edit_data = {
            **cls.form_data,
            "contract_no": "2020410400000001",
            "name": "尼龙66盐聚合工艺技术开发合同（补充）",
        }

    def post_add(self, **changes):
        self.login(self.user_a)
        return self.client.post(self.url("add"), {**self.form_data, **changes})

    def test_it_fills_seller_name_and_region_from_the_org(self):
        self.post_add()
        contract = Contract.objects.get(contract_no="2021410400000003")
        self.assertEqual(
            (contract.seller_name, contract.seller_region), (self.org_a.name, self.town_a)
        )
        self.assertEqual(contract.year, 2021)

    def test_it_requires_a_buyer_name_when_no_buyer_is_chosen(self):
        before = Contract.history.count()
        r = self.post_add(buyer_name="")
        self.assertContains(
            r, "买方名称：未选择登记库中的买方单位时，必须填写买方名称", status_code=400
        )
        self.assertEqual(Contract.history.count(), before)

    def test_it_refuses_a_transaction_value_above_the_contract_value(self):
        r = self.post_add(transaction_value_wan="250")
        self.assertContains(
            r, "技术交易额（万元）（250）不能大于合同成交额（万元）（200）", status_code=400
        )
        self.assertFalse(Contract.objects.filter(contract_no="2021410400000003").exists())

    def test_it_refuses_a_zero_contract_value(self):
        r = self.post_add(contract_value_wan="0", transaction_value_wan="0")
        self.assertContains(r, "合同成交额（万元）必须大于 0（当前为 0）", status_code=400)

    def test_it_refuses_registration_before_signing(self):
        r = self.post_add(registered_on="2021-03-01")
        self.assertContains(
            r, "登记日期：登记日期（2021-03-01）不能早于签订日期（2021-04-01）", status_code=400
        )

    def test_it_refuses_a_duplicate_registration_number(self):
        r = self.post_add(contract_no="2020410400000002")
        self.assertContains(r, "合同登记编号：合同登记编号已存在", status_code=400)

    def test_list_shows_totals_of_the_scoped_rows_in_yi_yuan(self):
        make_contract(
            "2021410400000005",
            "大额示例合同",
            seller=self.org_a,
            contract_value_wan=12345678,
            transaction_value_wan=10000000,
            signed_on=self.d(2021),
            registered_on=self.d(2021),
        )
        self.login(self.user_a)  # sees county_a's two contracts, not county_b's 300 万元
        r = self.client.get(self.url("list"))
        self.assertContains(r, '<div class="h2 mb-0" data-total="count">2', html=False)
        self.assertContains(r, "1,234.58")  # (12,345,678 + 120) 万元 in 亿元
        self.assertContains(r, "12,345,798.00 万元")
        self.assertContains(r, "1,000.01")

    def test_totals_follow_the_filter(self):
        self.login(self.admin)
        r = self.client.get(self.url("list"), {"kind": "service"})
        self.assertEqual(r.context["table"].totals["count"], 1)
        self.assertEqual(r.context["table"].totals["contract_value_wan"], 300)
        self.assertContains(r, "0.03")  # 300 万元 = 0.03 亿元

    def test_it_filters_by_year_value_and_buyer_side(self):
        self.login(self.admin)
        get = self.client.get
        self.assertEqual(len(get(self.url("list"), {"year_from": 2021}).context["table"].rows), 0)
        self.assertContains(get(self.url("list"), {"value_min": 200}), "共 1 条")
        bought = make_contract(
            "2020410400000099", "乙卖甲买示例合同", seller=self.org_b, buyer=self.org_a
        )
        r = get(self.url("list"), {"buyer_county": self.county_a.pk})
        self.assertContains(r, str(bought))
        self.assertNotContains(r, str(self.obj_in))
        self.assertNotContains(r, str(self.obj_out))
        r = get(self.url("list"), {"buyer_location": "outside"})
        self.assertContains(r, str(self.obj_in))
        self.assertContains(r, str(self.obj_out))
        self.assertNotContains(r, str(bought))

    def test_detail_links_parties_in_the_registry(self):
        self.login(self.admin)
        both = make_contract(
            "2020410400000088", "乙卖甲买示例合同", seller=self.org_b, buyer=self.org_a
        )
        r = self.client.get(both.get_absolute_url())
        self.assertContains(
            r, f'<a href="{self.org_b.get_absolute_url()}">{self.org_b}</a>', html=True
        )
        self.assertContains(
            r, f'<a href="{self.org_a.get_absolute_url()}">{self.org_a}</a>', html=True
        )
        r = self.client.get(self.obj_in.get_absolute_url())
        self.assertContains(r, "郑州示例机械有限公司")
        self.assertContains(r, "不在本平台单位库中")

    def test_org_user_sees_contracts_it_sold_only(self):
        self.login(self.org_user)
        r = self.client.get(self.url("list"))
        self.assertContains(r, "共 1 条")
        self.assertContains(r, str(self.obj_in))

    @staticmethod
    def d(year):
        from datetime import date

        return date(year, 6, 1)


class ContractAPITests(ContractData, APITestCases.Standard):
    endpoint = "tech-contracts"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "contract_no": "2021410400000003",
            "name": "己二腈合成技术转让合同",
            "kind": "transfer",
            "signed_on": "2021-04-01",
            "registered_on": "2021-04-15",
            "contract_value_wan": "200.00",
            "transaction_value_wan": "180.00",
            "seller": cls.org_a.pk,
            "buyer_name": "北京示例研究院",
            "buyer_region_text": "北京市海淀区",
        }
        cls.create_outside = {
            **cls.create_data,
            "contract_no": "2021410400000004",
            "seller": cls.org_b.pk,
        }
        cls.update_data = {"name": "尼龙66盐聚合工艺技术开发合同（补充）"}
        cls.filter_params = {"county": cls.county_a.pk}

    def test_it_fills_the_seller_and_reports_the_year(self):
        r = self.api(self.user_a).post(self.list_url(), self.create_data, format="json")
        self.assertEqual(r.status_code, 201, r.content)
        body = r.json()
        self.assertEqual(
            (body["seller_name"], body["seller_region"]), (self.org_a.name, self.town_a.pk)
        )
        self.assertEqual(body["year"], 2021)

    def test_transaction_above_contract_value_is_refused_naming_both(self):
        data = {**self.create_data, "transaction_value_wan": "201.00"}
        r = self.api(self.user_a).post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 400)
        message = r.json()["transaction_value_wan"][0]
        self.assertIn("技术交易额（万元）", message)
        self.assertIn("合同成交额（万元）", message)

    def test_seller_name_is_required_without_a_seller(self):
        data = {**self.create_data, "seller": None, "seller_name": ""}
        r = self.api(self.admin).post(self.list_url(), data, format="json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("卖方名称", r.json()["seller_name"][0])

    def test_duplicate_registration_number_is_refused(self):
        data = {**self.create_data, "contract_no": self.obj_out.contract_no}
        r = self.api(self.admin).post(self.list_url(), data, format="json")
        self.assertEqual(r.json()["contract_no"], ["合同登记编号已存在"])


class ContractBothSidesTests(ContractData, ViewTestCases.Base):
    def test_a_county_sees_contracts_it_buys_as_well_as_those_it_sells(self):
        bought = make_contract(
            "2020410400000077", "乙方向甲方转让的示例合同", seller=self.org_b, buyer=self.org_a
        )
        self.login(self.user_a)
        self.assertEqual(self.client.get(bought.get_absolute_url()).status_code, 200)
        self.login(self.user_b)
        self.assertEqual(self.client.get(bought.get_absolute_url()).status_code, 200)

    def test_city_staff_see_contracts_bought_from_outside_the_city(self):
        bought = make_contract(
            "2020110108000002",
            "外地卖方示例合同",
            seller_name="北京示例研究院",
            seller_region_text="北京市海淀区",
            buyer=self.org_a,
        )
        self.login(self.city_staff)
        self.assertEqual(self.client.get(bought.get_absolute_url()).status_code, 200)


class ContractTotalsTests(ContractData, ViewTestCases.Base):
    def test_totals_separate_sellers_outside_the_city(self):
        make_contract(
            "2020110108000001",
            "北京示例研究院技术转让合同",
            seller_name="北京示例研究院",
            seller_region_text="北京市海淀区",
            buyer=self.org_a,
            contract_value_wan=1000,
            transaction_value_wan=900,
        )
        self.login(self.admin)
        r = self.client.get(reverse("achievements:contract_list"), {"year_from": 2020})
        totals = r.context["table"].totals
        self.assertEqual((totals["count"], totals["output_count"]), (3, 2))
        self.assertEqual(totals["output_contract_value_wan"], 420)
        self.assertContains(r, '<span data-total="output-contract-value">0.04</span>', html=True)
        self.assertContains(r, "1,420.00 万元")
