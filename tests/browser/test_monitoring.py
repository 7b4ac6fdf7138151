from datetime import date

import pytest
from playwright.sync_api import expect

from kechuang.core.testing.personas import PASSWORD, Personas
from kechuang.enterprises.models import Enterprise, Qualification
from kechuang.plans.loader import BUILTIN_PLAN, load_plan
from kechuang.plans.values import recompute

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan():
    class Data(Personas):
        pass

    Data.setup_personas()
    plan = load_plan(BUILTIN_PLAN, default=True)
    for org, n in ((Data.org_a, 1), (Data.org_b, 2)):
        ent = Enterprise.objects.create(org=org)
        Qualification.objects.create(
            enterprise=ent,
            kind="high_tech",
            year=2023,
            number=f"GR{n}",
            issued_on=date(2023, 11, 1),
        )
    recompute(plan, [2023, 2024])
    return plan


def test_dashboard_card_to_county_ranking_to_records(page, plan):
    login(page, "city", PASSWORD)
    page.get_by_role("button", name="规划监测").click()
    page.get_by_role("link", name="监测看板").click()
    page.get_by_test_id("monitor-form").locator("select[name=year]").select_option("2024")
    card = page.get_by_test_id("card-hightech_enterprises")
    expect(card.get_by_test_id("value")).to_contain_text("2")
    expect(card.get_by_test_id("level")).to_have_text("严重滞后")
    card.click()

    expect(page.get_by_test_id("city-value")).to_contain_text("2")
    table = page.get_by_test_id("county-table")
    expect(table.locator("tr[data-county='410402']")).to_contain_text("1")
    expect(page.locator("[data-echarts=trend-chart] canvas")).to_have_count(1)
    expect(page.get_by_test_id("county-map").locator("canvas")).to_have_count(1)
    table.locator("tr[data-county='410402']").get_by_role("link", name="查看记录").click()
    expect(page.locator("table tbody tr")).to_have_count(1)
    expect(page.locator("table tbody")).to_contain_text("GR1")
