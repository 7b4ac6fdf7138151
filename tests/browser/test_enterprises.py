from datetime import date

import pytest
from playwright.sync_api import expect

from kechuang.core.testing.personas import PASSWORD, Personas
from kechuang.enterprises.models import AnnualData, Enterprise, Qualification

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def enterprise():
    class Data(Personas):
        pass

    Data.setup_personas()
    ent = Enterprise.objects.create(org=Data.org_a, industry="nylon", tech_field="materials")
    for year, sales, rd in ((2019, 4000, 120), (2020, 5000, 200)):
        AnnualData.objects.create(
            enterprise=ent,
            year=year,
            employees=120,
            st_staff=30,
            sales_revenue_wan=sales,
            rd_expense_wan=rd,
        )
    Qualification.objects.create(
        enterprise=ent,
        kind="tech_sme",
        year=2019,
        number="201941040001",
        issued_on=date(2019, 5, 10),
    )
    Qualification.objects.create(
        enterprise=ent,
        kind="high_tech",
        year=2020,
        number="GR202041000001",
        issued_on=date(2020, 10, 9),
    )
    return ent


def test_enterprise_annual_data_and_qualification_timeline(page, enterprise):
    login(page, "county_a", PASSWORD)
    page.get_by_role("button", name="创新主体").click()
    page.get_by_role("link", name="企业", exact=True).click()
    page.get_by_role("link", name="甲示例科技有限公司").click()

    annual = page.get_by_test_id("annual-table")
    expect(annual).to_contain_text("5,000.00")
    expect(annual).to_contain_text("4.0%")
    # The chart of the annual data is drawn (ECharts renders into a canvas)
    expect(page.locator("[data-echarts=annual-chart] canvas")).to_have_count(1)

    quals = page.get_by_test_id("qualification-table")
    expect(quals).to_contain_text("GR202041000001")
    expect(page.locator("[data-echarts=qualification-chart] canvas")).to_have_count(1)
    tiers = page.get_by_test_id("tier-table")
    expect(tiers.locator("tr", has_text="2020年")).to_contain_text("高新技术企业")
    expect(tiers.locator("tr", has_text="2019年")).to_contain_text("科技型中小企业")

    # Open a year's data and correct it; the change lands in its history
    annual.get_by_role("link", name="2020").click()
    page.get_by_role("link", name="编辑").click()
    page.fill("#id_rd_expense_wan", "250")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.get_by_role("link", name="变更记录").click()
    expect(page.get_by_test_id("changelog")).to_contain_text("250")
    assert AnnualData.objects.get(enterprise=enterprise, year=2020).rd_expense_wan == 250
