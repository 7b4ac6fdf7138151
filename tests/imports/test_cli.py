"""`kechuang import` and `kechuang template` per CONTRACTS.md §7."""

import io
import json

import openpyxl
from django.core.management import call_command
from django.test import TestCase

from kechuang.core.testing.personas import Personas
from kechuang.enterprises.models import AnnualData, Enterprise

from .files import xlsx_rows


class CliTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        Enterprise.objects.create(org=cls.org_a)
        Enterprise.objects.create(org=cls.org_b)

    def write(self, rows, tmp_path="/tmp/kechuang-cli-test.xlsx"):
        head = ["统一社会信用代码", "年度", "职工总数", "研发费用（万元）"]
        with open(tmp_path, "wb") as f:
            f.write(xlsx_rows([head, *rows]))
        return tmp_path

    def run_cli(self, *args):
        out = io.StringIO()
        try:
            call_command("import", *args, stdout=out, stderr=io.StringIO())
            code = 0
        except SystemExit as exc:
            code = exc.code
        return code, out.getvalue()

    def test_json_result_and_exit_codes(self):
        path = self.write([[self.org_a.uscc, 2024, 10, "１２,３4O"]])
        code, out = self.run_cli(path, "--kind", "enterprise-annual", "--dry-run", "--json")
        assert code == 1
        result = json.loads(out.strip().splitlines()[-1])
        assert set(result) >= {
            "kind",
            "dry_run",
            "written",
            "rows",
            "new",
            "changed",
            "unchanged",
            "errors",
        }
        assert result["errors"] == [
            {
                "sheet": "Sheet1",
                "row": 2,
                "column": "研发费用（万元）",
                "value": "１２,３4O",
                "code": "not_a_number",
                "message": "第2行“研发费用（万元）”不是有效数字：１２,３4O",
            }
        ]
        path = self.write([[self.org_a.uscc, 2024, 10, "12"]])
        code, out = self.run_cli(path, "--kind", "enterprise-annual", "--dry-run", "--json")
        result = json.loads(out.strip().splitlines()[-1])
        assert (code, result["new"], result["written"]) == (0, 1, False)
        assert AnnualData.objects.count() == 0
        code, out = self.run_cli(path, "--kind", "enterprise-annual", "--json")
        assert (code, json.loads(out.strip().splitlines()[-1])["written"]) == (0, True)
        assert AnnualData.objects.get().rd_expense_wan == 12

    def test_the_user_option_applies_scope(self):
        path = self.write([[self.org_b.uscc, 2024, 10, "12"]])
        code, out = self.run_cli(
            path, "--kind", "enterprise-annual", "--user", "county_a", "--json"
        )
        assert code == 1
        assert json.loads(out.strip().splitlines()[-1])["errors"][0]["code"] == "out_of_scope"

    def test_unusable_arguments_exit_2(self):
        path = self.write([[self.org_a.uscc, 2024, 10, "12"]])
        assert self.run_cli(path, "--kind", "nonsense")[0] == 2
        assert self.run_cli("/nonexistent.xlsx", "--kind", "orgs")[0] == 2
        assert self.run_cli(path, "--kind", "orgs", "--user", "nobody")[0] == 2
        with open("/tmp/kechuang-broken.xlsx", "wb") as f:
            f.write(b"not a spreadsheet")
        code, out = self.run_cli("/tmp/kechuang-broken.xlsx", "--kind", "orgs", "--json")
        assert code == 2 and "error" in json.loads(out.strip().splitlines()[-1])

    def test_list_kinds_and_template(self):
        code, out = self.run_cli("--list-kinds")
        assert code == 0
        names = [line.split("\t")[0] for line in out.splitlines()]
        assert {"orgs", "enterprise-annual", "qualifications"} <= set(names)
        call_command(
            "template", "enterprise-annual", "--out", "/tmp/kechuang-t.xlsx", stdout=io.StringIO()
        )
        sheet = openpyxl.load_workbook("/tmp/kechuang-t.xlsx").worksheets[0]
        assert sheet["A1"].value == "统一社会信用代码"
        assert sheet["A2"].value is not None  # the example row
