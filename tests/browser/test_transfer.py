import pytest
from playwright.sync_api import expect

from kechuang.core.testing.personas import PASSWORD, Personas
from tests.achievements.data import make_achievement, make_demand

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def transfer():
    class Data(Personas):
        pass

    Data.setup_personas()
    Data.achievement = make_achievement(
        Data.org_a, "聚酰胺66增韧改性技术", description="尼龙66与弹性体共混增韧，低温冲击强度提高"
    )
    make_achievement(
        Data.org_b, "特厚钢板轧制技术", description="超厚钢板控轧控冷", industry="steel"
    )
    Data.demand = make_demand(
        Data.org_a,
        "PA66 工程塑料增韧需求",
        description="提高 PA66 的低温冲击韧性",
        industry="nylon",
    )
    return Data


def test_assess_trl_then_match_a_demand_and_propose(page, transfer):
    login(page, "city", PASSWORD)
    page.goto(f"{page.base_url}{transfer.achievement.get_absolute_url()}")
    expect(page.get_by_test_id("trl-card")).to_contain_text("尚未开展技术就绪度评价")
    page.get_by_role("link", name="开展技术就绪度评价").click()

    # Levels 1–4 fully met (hardware criteria), level 5 half done
    page.fill("#id_assessor", "市技术市场专家组")
    for code in ("L1.1", "L1.2", "L2.1", "L2.2", "L3.1", "L3.2", "L4.1", "L4.3"):
        row = page.locator(f"tr[data-code='{code}']")
        row.locator("select").select_option("100")
        row.locator("input").fill(f"{code} 测试报告")
    expect(page.locator("tr[data-code='L2.3']")).to_be_hidden()  # a software-only criterion
    row = page.locator("tr[data-code='L5.1']")
    row.locator("select").select_option("50")
    row.locator("input").fill("相关环境测试进行中")
    page.get_by_role("button", name="保存并评定").click()
    expect(page.get_by_test_id("trl")).to_have_text("TRL 4")
    expect(page.locator("tr[data-level='5'][data-status='partial']")).to_be_visible()
    page.get_by_role("link", name="成果详情").click()
    expect(page.get_by_test_id("trl-card")).to_contain_text("当前 TRL 4")

    # The demand, worded differently (PA66), finds it; propose the match
    page.goto(f"{page.base_url}{transfer.demand.get_absolute_url()}")
    first = page.get_by_test_id("matches").locator("tbody tr").first
    expect(first).to_contain_text("聚酰胺66增韧改性技术")
    expect(first).to_contain_text("同义: PA66 ≈ 聚酰胺66")
    expect(page.get_by_test_id("matches")).not_to_contain_text("特厚钢板")
    page.get_by_test_id("match-filter").locator("select").select_option("5")
    expect(page.get_by_test_id("no-matches")).to_be_visible()  # TRL 4 < 5
    page.get_by_test_id("match-filter").locator("select").select_option("")
    first.get_by_role("button", name="发起对接").click()
    expect(page.locator("[data-field=status]")).to_have_text("已推荐")
