import re

import pytest
from playwright.sync_api import expect

from kechuang.core.testing.personas import PASSWORD, Personas
from kechuang.platforms.models import PlatformReport
from tests.evaluation import data

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def platforms():
    class Data(Personas):
        pass

    Data.setup_personas()
    Data.scheme = data.scheme()
    Data.a = data.platform("甲工程中心", Data.org_a)  # the organisation user's platform
    b = data.platform("乙工程中心", Data.org_b)
    c = data.platform("丙工程中心", Data.org_b)
    data.reports(Data.a, (2022, 2023), 300, 2)
    data.reports(Data.a, (2024,), 300, 2, status="draft")
    data.reports(b, (2022, 2023, 2024), 100, 1)
    data.reports(c, (2022, 2023, 2024), 200, 5)
    return Data


def test_submit_review_run_publish_and_spot_check(page, platforms):
    report = PlatformReport.objects.get(platform=platforms.a, year=2024)

    # The host organisation submits its annual report
    login(page, "org_a", PASSWORD)
    page.goto(f"{page.base_url}/platforms/reports/{report.pk}/edit/")
    page.locator("select[name=status]").select_option("submitted")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("[data-field=status]")).to_have_text("已提交")
    page.context.clear_cookies()

    # The bureau reviews it
    login(page, "city", PASSWORD)
    page.goto(f"{page.base_url}/platforms/reports/{report.pk}/")
    page.get_by_test_id("review").get_by_role("button", name="审核通过").click()
    expect(page.locator("[data-field=status]")).to_have_text("已审核")

    # A run over the scheme: computed, ranked, reviewed and published
    page.get_by_role("button", name="绩效评价").click()
    page.get_by_role("link", name="评价任务").click()
    page.get_by_role("link", name="新增").click()
    page.fill("#id_title", "2024年度工程中心评价")
    page.locator("#id_scheme").select_option(label="测试体系")
    page.fill("#id_year", "2024")
    page.fill("#id_draws", "300")
    page.get_by_role("button", name="保存").click()
    page.get_by_role("button", name="计算").click()
    expect(page.get_by_test_id("evaluated")).to_have_text("3")
    rows = page.get_by_test_id("results").locator("tbody tr")
    expect(rows.nth(0)).to_contain_text("甲工程中心")
    expect(rows.nth(0)).to_contain_text("84.00")
    expect(rows.nth(2)).to_contain_text("乙工程中心")
    expect(rows.nth(2)).to_contain_text("警告")
    page.get_by_role("button", name="复核通过").click()
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("已发布：结果不可再修改")).to_be_visible()
    expect(page.get_by_role("button", name="计算")).to_have_count(0)

    # Why 甲 scored 84: each indicator's contribution
    rows.nth(0).get_by_role("link", name="甲工程中心").click()
    expect(page.get_by_test_id("final-score")).to_have_text("84.00")
    expect(page.get_by_test_id("explanation").locator("tr[data-code=patents]")).to_contain_text(
        "24.00"
    )
    page.go_back()

    # A seeded spot check, re-drawn to the same sample, and a finding recorded
    page.get_by_test_id("run-actions").get_by_role("link", name="抽查").click()
    page.locator("input[name=strata_choices][value=county]").check()
    page.locator("input[name=strata_choices][value=kind]").uncheck()
    page.fill("#id_count", "1")
    page.fill("#id_seed", "20241")
    page.get_by_role("button", name="保存").click()
    items = page.get_by_test_id("items").locator("tbody tr")
    expect(items).to_have_count(2)  # one per county
    page.get_by_test_id("verify").click()
    expect(page.get_by_test_id("verify-result")).to_contain_text("核验一致：使用种子 20241")
    items.nth(0).get_by_role("link", name="编辑").click()
    page.locator("select[name=status]").select_option("checked")
    page.fill("#id_finding", "研发投入明细与账目不符")
    page.fill("#id_adjustment", "-5")
    page.fill("#id_checked_on", "2025-05-10")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("[data-field=finding]")).to_have_text("研发投入明细与账目不符")
    expect(page).to_have_url(re.compile(r"/evaluation/spot-check-items/\d+/$"))
