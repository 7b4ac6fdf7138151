import pytest
from playwright.sync_api import expect

from kechuang.core.testing.personas import PASSWORD, Personas
from kechuang.enterprises.models import AnnualData, Enterprise
from tests.imports.files import xlsx_rows

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEAD = ["统一社会信用代码", "企业名称", "年度", "职工总数", "科技人员数", "研发费用（万元）"]


@pytest.fixture
def data():
    class Data(Personas):
        pass

    Data.setup_personas()
    Enterprise.objects.create(org=Data.org_a)
    AnnualData.objects.create(enterprise=Data.org_a.enterprise, year=2023, employees=90, st_staff=9)
    return Data


def test_upload_read_errors_fix_and_confirm(page, data, tmp_path):
    uscc = data.org_a.uscc
    bad = tmp_path / "年报.xlsx"
    bad.write_bytes(
        xlsx_rows(
            [HEAD, [uscc, "甲示例", 2023, 95, 9, "１２,３4O"], [uscc, "甲示例", 2024, 10, 20, 5]]
        )
    )
    login(page, "county_a", PASSWORD)
    page.goto(f"{page.base_url}/enterprises/annual-data/")
    page.get_by_role("button", name="导出").click()
    page.get_by_role("link", name="从文件导入…").click()
    page.get_by_label("文件").set_input_files(str(bad))
    page.get_by_role("button", name="上传并预检").click()
    expect(page.get_by_test_id("job-status")).to_have_text("已完成")
    page.get_by_test_id("job-result").click()

    # Every error, with row, column and the reason; nothing written
    expect(page.get_by_test_id("batch-status")).to_have_text("有错误")
    errors = page.get_by_test_id("errors")
    expect(errors).to_contain_text("第2行“研发费用（万元）”不是有效数字：１２,３4O")
    expect(errors).to_contain_text("第3行“科技人员数”：科技人员数（20）不能大于职工总数（10）")
    expect(page.get_by_test_id("confirm")).to_have_count(0)

    # Fix the file and upload it again: the preview shows the field-level change, then confirm
    good = tmp_path / "年报-修改.xlsx"
    good.write_bytes(
        xlsx_rows(
            [HEAD, [uscc, "甲示例", 2023, 95, 9, "12,340"], [uscc, "甲示例", 2024, 100, 20, 5]]
        )
    )
    page.get_by_role("link", name="重新上传").click()
    page.get_by_label("文件").set_input_files(str(good))
    page.get_by_role("button", name="上传并预检").click()
    page.get_by_test_id("job-result").click()
    expect(page.get_by_test_id("count-new")).to_have_text("1")
    expect(page.get_by_test_id("count-changed")).to_have_text("1")
    expect(page.get_by_test_id("diffs")).to_contain_text("职工总数")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("job-status")).to_have_text("已完成")
    page.get_by_test_id("job-result").click()
    expect(page.get_by_test_id("batch-status")).to_have_text("已导入")
    assert AnnualData.objects.get(year=2023).employees == 95
    assert AnnualData.objects.get(year=2023).rd_expense_wan == 12340
    assert AnnualData.objects.filter(year=2024).count() == 1
