"""Personas shared by every test: two counties, users of every role, a user with no rights."""

from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token

from kechuang.accounts.models import User
from kechuang.accounts.roles import Role
from kechuang.core.identifiers import make_uscc
from kechuang.orgs.models import Org
from kechuang.regions.choices import RegionKind, RegionLevel
from kechuang.regions.models import Region

PASSWORD = "persona-pass-123"


def make_region(code, name, level, kind, parent=None, **extra):
    region = Region(code=code, name=name, level=level, kind=kind, parent=parent, **extra)
    region.save()
    return region


def make_org(name, region, number, kind="enterprise", **extra):
    county = region.county or region
    org = Org(
        name=name,
        uscc=make_uscc("91", county.code, f"{number:08d}"),
        kind=kind,
        region=region,
        **extra,
    )
    org.save()
    return org


def make_user(username, role, regions=(), org=None, **extra):
    user = User(
        username=username, role=role, org=org, display_name=extra.pop("name", username), **extra
    )
    user.set_password(PASSWORD)
    user.save()
    user.regions.set(regions)
    return user


class Personas:
    """Mixin for django.test.TestCase: call ``cls.setup_personas()`` from setUpTestData.

    county_a / county_b  two county-level units (新华区 410402, 叶县 410422) under city 410400
    town_a / town_b      one township in each
    org_a / org_b        one enterprise in each township
    admin                city administrator (sees everything)
    city_staff           city staff, region = the city
    user_a / user_b      county staff of county_a / county_b
    org_user             organisation user of org_a
    outsider             an expert: no rights on registries
    """

    @classmethod
    def setup_personas(cls):
        cls.province = make_region("410000", "河南省", RegionLevel.PROVINCE, RegionKind.PROVINCE)
        cls.city = make_region(
            "410400", "平顶山市", RegionLevel.CITY, RegionKind.CITY, cls.province
        )
        cls.county_a = make_region(
            "410402", "新华区", RegionLevel.COUNTY, RegionKind.DISTRICT, cls.city
        )
        cls.county_b = make_region(
            "410422", "叶县", RegionLevel.COUNTY, RegionKind.COUNTY, cls.city
        )
        cls.town_a = make_region(
            "410402001", "曙光街街道", RegionLevel.TOWNSHIP, RegionKind.SUBDISTRICT, cls.county_a
        )
        cls.town_b = make_region(
            "410422100", "昆阳镇", RegionLevel.TOWNSHIP, RegionKind.TOWN, cls.county_b
        )
        cls.org_a = make_org("甲示例科技有限公司", cls.town_a, 10000001)
        cls.org_b = make_org("乙示例科技有限公司", cls.town_b, 10000002)
        cls.admin = make_user("admin", Role.CITY_ADMIN, is_staff=True)
        cls.city_staff = make_user("city", Role.CITY_STAFF, [cls.city])
        cls.user_a = make_user("county_a", Role.COUNTY_STAFF, [cls.county_a])
        cls.user_b = make_user("county_b", Role.COUNTY_STAFF, [cls.county_b])
        cls.org_user = make_user("org_a", Role.ORG_USER, org=cls.org_a)
        cls.outsider = make_user("expert", Role.EXPERT)

    @staticmethod
    def grant(user, model, actions=("view", "add", "change", "delete")):
        """Give `user` model permissions beyond its role (e.g. a county user editing regions)."""
        codenames = [f"{a}_{model._meta.model_name}" for a in actions]
        perms = Permission.objects.filter(
            content_type__app_label=model._meta.app_label, codename__in=codenames
        )
        user.user_permissions.add(*perms)

    @staticmethod
    def token(user) -> str:
        return Token.objects.get_or_create(user=user)[0].key
