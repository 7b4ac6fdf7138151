import pytest
from playwright.sync_api import expect

from kechuang.core.testing.personas import PASSWORD, Personas
from tests.carriers.test_incubation import ChainData

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def chain():
    class Data(ChainData, Personas):
        pass

    Data.setup_personas()
    Data.setup_chain()
    return Data


def test_carrier_diagnosis_and_the_city_funnel(page, chain):
    login(page, "admin", PASSWORD)
    page.goto(f"{page.base_url}/carriers/carriers/")
    page.get_by_role("link", name="乙示例孵化器").click()

    # The carrier page: a year's figures and the diagnosis against the recognition thresholds
    page.get_by_test_id("annual-figures").locator("select[name=year]").select_option("2023")
    expect(page.get_by_test_id("annual-figures")).to_contain_text("2023年孵化数据")
    expect(page.locator("[data-figure=incubating]")).to_have_text("2")
    headline = page.get_by_test_id("headline-national")
    expect(headline).to_contain_text("距国家级孵化器认定还差：在孵企业使用场地占比 66.7%")
    expect(page.locator("[data-set=national] tr[data-code=tenants]")).to_have_attribute(
        "data-passed", "no"
    )
    expect(page.locator("[data-echarts=carrier-funnel-chart] canvas")).to_have_count(1)

    # The city funnel, then only the incubators
    page.get_by_role("link", name="全市孵化链条").click()
    expect(page.locator("[data-stage=entered]")).to_have_text("7")
    expect(page.locator("[data-stage=high_tech]")).to_have_text("2")
    expect(page.get_by_test_id("chain-table")).to_contain_text("2 家进入科技企业孵化器")
    expect(page.get_by_test_id("unmet").locator("tbody tr")).to_have_count(3)
    page.get_by_test_id("funnel-form").locator("select[name=kind]").select_option("incubator")
    expect(page.locator("[data-stage=entered]")).to_have_text("4")
    expect(page.get_by_test_id("carrier-ranking").locator("tbody tr")).to_have_count(1)
