import re

import pytest
from playwright.sync_api import expect

from kechuang.core.testing.personas import PASSWORD, Personas
from kechuang.orgs.models import Org

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def personas():
    class Data(Personas):
        pass

    Data.setup_personas()
    return Data


def test_county_user_filters_opens_edits_and_sees_history(page, personas):
    login(page, "county_a", PASSWORD)
    page.get_by_role("button", name="创新主体").click()
    page.get_by_role("link", name="法人单位").click()
    expect(page.get_by_test_id("total-count")).to_have_text("共 1 条")
    # Another county's organisation is not listed
    expect(page.locator("table")).not_to_contain_text("乙示例科技有限公司")

    page.fill("input[name=q]", "jslkj")  # pinyin initials of 甲示例科技…
    page.get_by_role("button", name="搜索").click()
    expect(page).to_have_url(re.compile(r"q=jslkj"))
    page.get_by_role("link", name="甲示例科技有限公司").first.click()
    expect(page.locator("h2.page-title")).to_contain_text("甲示例科技有限公司")

    page.get_by_role("link", name="编辑").click()
    page.fill("#id_address", "新华区示例路 8 号")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_contain_text("已修改法人单位")
    expect(page.locator("[data-field=address]")).to_have_text("新华区示例路 8 号")

    page.get_by_role("link", name="变更记录").click()
    log = page.get_by_test_id("changelog")
    expect(log).to_contain_text("地址")
    expect(log).to_contain_text("新华区示例路 8 号")
    expect(log).to_contain_text("county_a")
    assert Org.objects.get(name="甲示例科技有限公司").address == "新华区示例路 8 号"


def test_stale_edit_shows_a_clear_message(page, personas):
    login(page, "county_a", PASSWORD)
    org = Org.objects.get(name="甲示例科技有限公司")
    page.goto(f"{page.base_url}{org.get_url('edit')}")
    org.refresh_from_db()
    org.address = "别人先改了"
    org.save()
    page.fill("#id_address", "我后改的")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("form-errors")).to_contain_text("已被他人修改")
    org.refresh_from_db()
    assert org.address == "别人先改了"
