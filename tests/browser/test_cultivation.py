import pytest
from playwright.sync_api import expect

from kechuang.core.testing.personas import PASSWORD, Personas
from tests.cultivation.data import another, enterprise

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def enterprises():
    class Data(Personas):
        pass

    Data.setup_personas()
    enterprise(Data.org_a)  # meets every quantified condition
    another(
        "缺研发示例有限公司", Data.town_a, 50000001, rd_expense_wan=200, rd_expense_in_china_wan=200
    )
    return Data


def test_batch_evaluation_reserve_pool_and_diagnosis(page, enterprises):
    login(page, "city", PASSWORD)
    page.get_by_role("button", name="创新主体").click()
    page.get_by_role("link", name="高企后备库").click()
    expect(page.get_by_test_id("pool-empty")).to_be_visible()

    # Run the yearly batch; the job page shows its progress and result
    page.get_by_test_id("evaluate-form").locator("select").select_option("2025")
    page.get_by_role("button", name="重新评价").click()
    expect(page.get_by_test_id("job-status")).to_have_text("已完成")
    expect(page.get_by_test_id("job-summary")).to_contain_text("已评价 2 家企业 2025 年度数据")
    page.get_by_test_id("job-result").click()

    # The pool: the enterprise meeting every condition first, then the one short of R&D
    expect(page.get_by_test_id("pool-ready")).to_have_text("1")
    rows = page.locator("table tbody tr")
    expect(rows.nth(0)).to_contain_text("甲示例科技有限公司")
    expect(rows.nth(0)).to_contain_text("量化条件均已满足，可申报")
    expect(rows.nth(1)).to_contain_text("需再投入 360 万元")

    # The enterprise's own diagnosis, year by year
    rows.nth(1).get_by_role("link", name="缺研发示例有限公司").click()
    diagnosis = page.get_by_test_id("diagnosis")
    expect(diagnosis.get_by_test_id("diagnosis-headline")).to_contain_text(
        "距离高新技术企业认定还差：近三年研发费用占销售收入 2.5%，低于 4%；需再投入 360 万元"
    )
    expect(diagnosis.locator("tr[data-code=rd_ratio]")).to_have_attribute("data-passed", "no")
    diagnosis.locator("select[name=year]").select_option("2023")
    expect(page.get_by_test_id("diagnosis")).to_contain_text("2023年度数据")
    expect(page.get_by_test_id("diagnosis-headline")).to_contain_text(
        "近一年研发费用占销售收入 2.5%"
    )
