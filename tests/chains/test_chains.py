import json

from django.test import TestCase
from rest_framework.test import APIClient

from kechuang.chains.models import Chain, Link
from kechuang.core.testing.personas import Personas
from kechuang.enterprises.models import Enterprise


class ChainTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.chain = Chain.objects.create(name="尼龙新材料", industry="nylon")
        cls.salt = Link.objects.create(chain=cls.chain, name="尼龙66盐", position=1, stage="mid")
        cls.cord = Link.objects.create(chain=cls.chain, name="浸胶帘子布", position=2, stage="down")
        cls.ent_a = Enterprise.objects.create(org=cls.org_a, industry="nylon")
        cls.ent_b = Enterprise.objects.create(org=cls.org_b, industry="nylon")
        cls.salt.enterprises.add(cls.ent_a, cls.ent_b)

    def test_counties_see_the_city_chain_with_all_counts_but_only_their_own_names(self):
        self.client.force_login(self.user_a)
        r = self.client.get(self.chain.get_absolute_url())
        self.assertContains(r, '<td class="text-end text-nowrap">2家</td>', html=False)
        self.assertContains(r, "甲示例科技有限公司")
        self.assertNotContains(r, "乙示例科技有限公司")

    def test_graph_draws_the_links_in_order_with_arrows(self):
        self.client.force_login(self.city_staff)
        r = self.client.get(self.chain.get_absolute_url())
        graph = json.loads(json.dumps(r.context["graph"]))  # what json_script sends
        series = graph["series"][0]
        self.assertEqual([n["name"] for n in series["data"]], ["尼龙66盐", "浸胶帘子布"])
        self.assertEqual(series["links"], [{"source": "尼龙66盐", "target": "浸胶帘子布"}])
        self.assertIn("企业 2", series["data"][0]["label"]["formatter"])

    def test_county_staff_cannot_edit_chains(self):
        self.client.force_login(self.user_a)
        self.assertEqual(self.client.get(self.chain.get_url("edit")).status_code, 403)
        self.client.force_login(self.city_staff)
        self.assertEqual(self.client.get(self.chain.get_url("edit")).status_code, 200)

    def test_outsider_is_refused(self):
        self.client.force_login(self.outsider)
        self.assertEqual(self.client.get("/chains/").status_code, 403)

    def test_link_positions_are_unique_within_a_chain(self):
        self.client.force_login(self.city_staff)
        r = self.client.post(
            "/chains/links/add/",
            {"chain": self.chain.pk, "name": "重复", "position": 1, "stage": "up"},
        )
        self.assertContains(r, "该产业链中已有相同顺序号的环节", status_code=400)

    def test_api_lists_chains_and_history_records_edits(self):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {self.token(self.city_staff)}")
        self.assertEqual(client.get("/api/chains/").json()["count"], 1)
        r = client.patch(
            f"/api/chains/{self.chain.pk}/",
            {"leader": "示例链长", "version": self.chain.version},
            format="json",
        )
        self.assertEqual(r.status_code, 200, r.content)
        record = self.chain.history.latest("history_date")
        self.assertEqual((record.history_type, record.history_user), ("~", self.city_staff))
        county = APIClient()
        county.credentials(HTTP_AUTHORIZATION=f"Token {self.token(self.user_a)}")
        self.assertEqual(
            county.post("/api/chains/", {"name": "x", "industry": "it"}, format="json").status_code,
            403,
        )
