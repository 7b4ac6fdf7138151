import pytest
from playwright.sync_api import expect

from kechuang.core.testing.personas import PASSWORD, Personas
from kechuang.plans.loader import BUILTIN_PLAN, load_plan

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def plan():
    class Data(Personas):
        pass

    Data.setup_personas()
    return load_plan(BUILTIN_PLAN, default=True)


def fill(page, values):
    for code, value in values.items():
        page.locator(f"tr[data-series={code}] input").first.fill(value)


def test_county_reports_city_returns_then_approves_and_the_dashboard_counts_it(
    page, plan, browser, live_server
):
    # The county fills its 2024 figures and submits them
    login(page, "county_a", PASSWORD)
    page.get_by_role("button", name="规划监测").click()
    page.get_by_role("link", name="统计填报").click()
    page.locator("select[name=year]").select_option("2024")
    page.locator("tr[data-region='410402']").get_by_role("button", name="开始填报").click()
    fill(page, {"gdp": "1000000", "rd_expenditure": "25000"})
    page.get_by_test_id("submit").click()
    expect(page.locator(".alert-danger").first).to_contain_text("未填写")
    fill(page, {"industry_value_added": "400000", "hightech_value_added": "120000"})
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("submission-status")).to_have_text("已提交，待审核")
    url = page.url

    # The city returns it with a comment; the county corrects and resubmits; the city approves
    city = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN").new_page()
    city.base_url = page.base_url
    login(city, "city", PASSWORD)
    city.goto(url)
    city.fill("#comment", "研发经费与统计公报不一致")
    city.get_by_role("button", name="退回修改").click()
    expect(city.get_by_test_id("submission-status")).to_have_text("已退回")

    page.reload()
    expect(page.get_by_test_id("review-comment")).to_contain_text("研发经费与统计公报不一致")
    fill(page, {"rd_expenditure": "22000"})
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("submission-status")).to_have_text("已提交，待审核")

    city.reload()
    city.get_by_test_id("approve").click()
    expect(city.get_by_test_id("submission-status")).to_have_text("已审核（锁定）")
    expect(city.get_by_test_id("submission-history")).to_contain_text(
        "退回：研发经费与统计公报不一致"
    )

    # The approved figures feed the R&D/GDP indicator: 22,000 ÷ 1,000,000 = 2.20 %
    city.goto(f"{page.base_url}/plans/monitor/rd_gdp_ratio/?year=2024")
    expect(city.get_by_test_id("county-table").locator("tr[data-county='410402']")).to_contain_text(
        "2.20"
    )
