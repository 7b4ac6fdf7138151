from django.test import TestCase

from kechuang.core.testing.personas import Personas
from kechuang.orgs.models import Org
from kechuang.plans.models import Plan
from kechuang.regions.models import Region


class ScopingTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        Plan.objects.create(code="p", name="规划", region=cls.city, start_year=2021, end_year=2025)

    def test_city_admin_and_city_staff_see_the_whole_city(self):
        for user in (self.admin, self.city_staff):
            self.assertEqual(set(Org.objects.restrict(user)), {self.org_a, self.org_b})

    def test_county_staff_see_their_county_only(self):
        self.assertEqual(list(Org.objects.restrict(self.user_a)), [self.org_a])
        self.assertEqual(list(Org.objects.restrict(self.user_b)), [self.org_b])
        self.assertNotIn(self.town_b, Region.objects.restrict(self.user_a))

    def test_county_staff_may_not_delete_orgs(self):
        self.assertFalse(Org.objects.restrict(self.user_a, "delete").exists())

    def test_org_user_sees_its_own_org_and_region_only(self):
        self.assertEqual(list(Org.objects.restrict(self.org_user)), [self.org_a])
        self.assertEqual(list(Region.objects.restrict(self.org_user)), [self.town_a])

    def test_expert_sees_no_registry_rows_but_the_published_plan(self):
        self.assertFalse(Org.objects.restrict(self.outsider).exists())
        self.assertFalse(Region.objects.restrict(self.outsider).exists())
        self.assertEqual(Plan.objects.restrict(self.outsider).count(), 1)

    def test_staff_without_regions_see_nothing(self):
        self.city_staff.regions.clear()
        self.city_staff.__dict__.pop("_scope_paths", None)
        self.assertFalse(Org.objects.restrict(self.city_staff).exists())

    def test_inactive_or_anonymous_users_see_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        self.assertFalse(Org.objects.restrict(AnonymousUser()).exists())
        self.admin.is_active = False
        self.assertFalse(Org.objects.restrict(self.admin).exists())
