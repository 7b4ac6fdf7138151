from kechuang.core.testing.api import APITestCases
from kechuang.core.testing.views import ViewTestCases
from kechuang.regions.choices import RegionKind, RegionLevel
from kechuang.regions.models import Region


class RegionData:
    model = Region
    search_term = "xdc"  # pinyin initials of 新店村

    @classmethod
    def setup_data(cls):
        cls.village_a = Region(
            code="410402001201",
            name="新店村",
            level=RegionLevel.VILLAGE,
            kind=RegionKind.VILLAGE,
            parent=cls.town_a,
        )
        cls.village_a.save()
        cls.village_b = Region(
            code="410422100201",
            name="后营村",
            level=RegionLevel.VILLAGE,
            kind=RegionKind.VILLAGE,
            parent=cls.town_b,
        )
        cls.village_b.save()

    @classmethod
    def in_scope(cls):
        return cls.village_a

    @classmethod
    def out_of_scope(cls):
        return cls.village_b


class RegionViewTests(RegionData, ViewTestCases.Standard):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        village = {"level": RegionLevel.VILLAGE, "kind": RegionKind.VILLAGE}
        cls.form_data = {
            **village,
            "code": "410402001202",
            "name": "东关村",
            "parent": cls.town_a.pk,
        }
        cls.form_data_outside = {
            **village,
            "code": "410422100202",
            "name": "西关村",
            "parent": cls.town_b.pk,
        }
        cls.edit_data = {
            **village,
            "code": "410402001201",
            "name": "新店社区",
            "parent": cls.town_a.pk,
        }

    def move_outside_data(self):
        return {"code": "410422100203", "parent": self.town_b.pk}

    def test_region_code_must_extend_parent_code(self):
        self.login(self.admin)
        r = self.client.post(self.url("add"), {**self.form_data, "code": "410403001202"})
        self.assertContains(r, "应以上级区划“曙光街街道”的代码前缀 410402001 开头", status_code=400)


class RegionAPITests(RegionData, APITestCases.Standard):
    endpoint = "regions"

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.create_data = {
            "code": "410402001202",
            "name": "东关村",
            "level": 5,
            "kind": "village",
            "parent": cls.town_a.pk,
        }
        cls.create_outside = {**cls.create_data, "code": "410422100202", "parent": cls.town_b.pk}
        cls.update_data = {"name": "新店社区"}
        cls.filter_params = {"within": "410402"}
