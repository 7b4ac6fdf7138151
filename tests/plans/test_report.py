"""The annual monitoring report: open the generated docx and xlsx and check their numbers."""

import io
from datetime import date

import docx
import openpyxl
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from kechuang.core.testing.personas import Personas
from kechuang.enterprises.models import Enterprise, Qualification
from kechuang.plans.loader import BUILTIN_PLAN, load_plan
from kechuang.plans.report import docx_report
from kechuang.plans.values import recompute


class ReportTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.plan = load_plan(BUILTIN_PLAN, default=True)
        ent_a = Enterprise.objects.create(org=cls.org_a)
        ent_b = Enterprise.objects.create(org=cls.org_b)
        for year, ents in ((2023, [ent_a]), (2024, [ent_a, ent_b])):
            for ent in ents:
                Qualification.objects.create(
                    enterprise=ent,
                    kind="tech_sme",
                    year=year,
                    number=f"{year}-{ent.pk}",
                    issued_on=date(year, 4, 1),
                )
        recompute(cls.plan, [2023, 2024])
        cls.docx_bytes = docx_report(cls.plan, 2024)  # charts take a moment: drawn once

    def download(self, fmt=None):
        self.client.force_login(self.city_staff)
        params = {"year": 2024, **({"format": fmt} if fmt else {})}
        response = self.client.get(reverse("plans:report"), params)
        assert response.status_code == 200
        return response.content

    def test_the_docx_opens_and_its_numbers_match(self):
        document = docx.Document(io.BytesIO(self.docx_bytes))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "2024 年度监测报告" in text
        assert "尚无数据（待统计部门填报）2 项" in text
        assert "登记数据不足、无法计算" in text
        table = document.tables[0]
        rows = {r.cells[0].text: [c.text for c in r.cells] for r in table.rows[1:]}
        # 2 tech SMEs against 285 (2020) and 500 (2025): (2 − 285) ÷ 215 = −132 %
        assert rows["国家科技型中小企业数"][4:] == ["2", "-132%", "严重滞后"]
        assert rows["全社会研发经费支出占GDP比重"][4] == "—"
        # Two years of data: the tech-SME chart is drawn
        assert len(document.inline_shapes) >= 1
        county_tables = [t for t in document.tables[1:] if t.rows[0].cells[0].text == "排名"]
        assert county_tables

    def test_the_xlsx_has_the_same_numbers(self):
        book = openpyxl.load_workbook(io.BytesIO(self.download("xlsx")))
        rows = {r[0]: r for r in book["指标监测表"].iter_rows(values_only=True)}
        assert rows["国家科技型中小企业数"][4:] == ("2", "-132%", "严重滞后")
        counties = list(book["县区对比"].iter_rows(values_only=True))
        column = counties[0].index("国家科技型中小企业数（家）")
        assert {r[0]: r[column] for r in counties[1:]} == {"新华区": 1, "叶县": 1}

    def test_the_page_offers_the_report(self):
        self.client.force_login(self.city_staff)
        self.assertContains(
            self.client.get(reverse("plans:monitor"), {"year": 2024}), 'data-testid="report-docx"'
        )

    def test_a_county_user_cannot_download_the_city_report(self):
        self.client.force_login(self.user_a)
        assert self.client.get(reverse("plans:report"), {"year": 2024}).status_code == 404

    def test_the_command_writes_both_formats(self):
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp())
        call_command(
            "report",
            "monitoring",
            "--year",
            "2024",
            "--out",
            str(folder / "r.docx"),
            stdout=io.StringIO(),
        )
        call_command(
            "report",
            "monitoring",
            "--year",
            "2024",
            "--out",
            str(folder / "r.xlsx"),
            stdout=io.StringIO(),
        )
        assert docx.Document(folder / "r.docx").tables
        assert openpyxl.load_workbook(folder / "r.xlsx").sheetnames == [
            "指标监测表",
            "县区对比",
            "逐年数据",
            "重点任务",
        ]
