"""The import engine against the database: upsert by natural key, all or nothing, scope, errors
that name row and column, history with author, rollback and its refusal."""

import hashlib
import io
from datetime import date

import openpyxl
from django.test import TestCase

from kechuang.core.testing.personas import Personas, make_org
from kechuang.enterprises.models import AnnualData, Enterprise, Qualification
from kechuang.imports.engine import RollbackRefused, rollback, run_import
from kechuang.imports.kinds import get_kind
from kechuang.imports.models import Batch
from kechuang.imports.reading import ReadError
from kechuang.imports.workbook import export, template
from kechuang.orgs.models import Org

from .files import csv_bytes, xlsx_rows

HEAD = ["统一社会信用代码", "企业名称", "年度", "职工总数", "科技人员数", "研发费用（万元）"]


def annual(rows, head=HEAD, fmt="xlsx"):
    data = [head, *rows]
    return (xlsx_rows(data), "年报.xlsx") if fmt == "xlsx" else (csv_bytes(data), "年报.csv")


class EngineTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.ent_a = Enterprise.objects.create(org=cls.org_a)
        cls.ent_b = Enterprise.objects.create(org=cls.org_b)
        cls.kind = get_kind("enterprise-annual")

    def run_file(self, rows, user=None, dry_run=False, **kw):
        content, name = annual(rows, **kw)
        return run_import(self.kind, content, name, user, dry_run=dry_run)

    def test_it_creates_then_changes_nothing_on_reimport(self):
        rows = [
            [self.org_a.uscc, "甲", 2024, 100, 20, 300],
            [self.org_b.uscc, "乙", 2024, 50, 5, 10],
        ]
        first = self.run_file(rows, user=self.city_staff)
        assert (first.new, first.changed, first.unchanged, first.written) == (2, 0, 0, True)
        row = AnnualData.objects.get(enterprise=self.ent_a, year=2024)
        assert row.rd_expense_wan == 300
        record = row.history.get()
        assert record.history_user == self.city_staff
        assert record.history_change_reason.startswith(f"导入批次 #{first.batch_id}")
        again = self.run_file(rows, user=self.city_staff)
        assert (again.new, again.changed, again.unchanged) == (0, 0, 2)
        assert row.history.count() == 1

    def test_it_shows_field_level_changes_and_bumps_the_version(self):
        AnnualData.objects.create(enterprise=self.ent_a, year=2024, employees=100, st_staff=20)
        result = self.run_file([[self.org_a.uscc, "甲", 2024, 100, 25, None]], dry_run=True)
        assert (result.new, result.changed) == (0, 1)
        diff = result.preview["changed"][0]
        assert diff["row"] == 2
        assert diff["changes"] == [{"column": "科技人员数", "old": "20", "new": "25"}]
        assert AnnualData.objects.get().st_staff == 20  # dry run
        self.run_file([[self.org_a.uscc, "甲", 2024, 100, 25, None]])
        row = AnnualData.objects.get()
        assert (row.st_staff, row.version) == (25, 2)

    def test_a_bad_last_row_writes_nothing(self):
        rows = [[self.org_a.uscc, "甲", y, 100, 20, 300] for y in (2020, 2021, 2022)]
        rows.append([self.org_b.uscc, "乙", 2024, 10, 20, 5])  # more S&T staff than employees
        result = self.run_file(rows)
        assert not result.written
        assert AnnualData.objects.count() == 0
        assert Batch.objects.count() == 0
        [err] = result.errors
        assert err["row"] == 5
        assert err["column"] == "科技人员数"
        assert err["message"] == "第5行“科技人员数”：科技人员数（20）不能大于职工总数（10）"

    def test_every_error_names_row_column_and_reason(self):
        rows = [
            ["91410400MA00000000", "丙", 2024, 10, 1, 1],  # bad check character, unknown
            [self.org_a.uscc, "甲", "二〇二四", 10, 1, 1],
            [self.org_a.uscc, "甲", 2023, "１２,３4O", 1, 1],
            [self.org_a.uscc, "甲", 2022, 10, 1, 1],
            [self.org_a.uscc, "甲", 2022, 10, 1, 1],
            [self.org_a.uscc, "甲", 2021, None, 1, 1],
        ]
        result = self.run_file(rows)
        by_row = {e["row"]: e for e in result.errors}
        assert by_row[2]["code"] == "not_found"
        assert (
            by_row[2]["message"]
            == "第2行“统一社会信用代码”在系统中找不到对应的企业：91410400MA00000000"
        )
        assert by_row[3]["column"] == "年度" and by_row[3]["code"] == "not_a_year"
        assert by_row[4]["message"] == "第4行“职工总数”不是有效数字：１２,３4O"
        assert by_row[6]["code"] == "duplicate" and "与第5行重复" in by_row[6]["message"]
        assert 7 not in by_row  # employees are optional
        assert not result.written

    def test_a_county_user_cannot_import_another_countys_rows(self):
        rows = [
            [self.org_a.uscc, "甲", 2024, 100, 20, 300],
            [self.org_b.uscc, "乙", 2024, 50, 5, 10],
        ]
        result = self.run_file(rows, user=self.user_a)
        [err] = result.errors
        assert err["row"] == 3 and err["code"] == "out_of_scope"
        assert "不在您的数据范围内" in err["message"]
        assert AnnualData.objects.count() == 0

    def test_an_org_user_imports_only_their_own_enterprise(self):
        result = self.run_file([[self.org_b.uscc, "乙", 2024, 50, 5, 10]], user=self.org_user)
        assert result.errors[0]["code"] == "out_of_scope"
        ok = self.run_file([[self.org_a.uscc, "甲", 2024, 50, 5, 10]], user=self.org_user)
        assert ok.written

    def test_users_without_the_permission_are_refused(self):
        with self.assertRaisesMessage(ReadError, "没有导入企业年度数据的权限"):
            self.run_file([[self.org_a.uscc, "甲", 2024, 50, 5, 10]], user=self.outsider)

    def test_units_in_the_header_are_converted(self):
        head = [*HEAD[:5], "研发费用（元）"]
        self.run_file([[self.org_a.uscc, "甲", 2024, 100, 20, "2,500,000"]], head=head)
        assert AnnualData.objects.get().rd_expense_wan == 250

    def test_a_gbk_csv_with_a_title_row(self):
        from .files import csv_bytes

        data = [
            ["2024年企业研发情况统计表"],
            HEAD,
            [self.org_a.uscc, "甲示例", "2024年", "１００", "20", "3.5"],
        ]
        result = run_import(self.kind, csv_bytes(data, encoding="gbk"), "年报.csv")
        assert result.errors == []
        row = AnnualData.objects.get()
        assert (row.year, row.employees, row.rd_expense_wan) == (2024, 100, 3.5)

    def test_rollback_restores_and_deletes(self):
        AnnualData.objects.create(enterprise=self.ent_a, year=2023, employees=90, st_staff=9)
        result = self.run_file(
            [[self.org_a.uscc, "甲", 2023, 95, 9, None], [self.org_a.uscc, "甲", 2024, 100, 20, 1]],
            user=self.city_staff,
        )
        batch = Batch.objects.get(pk=result.batch_id)
        assert rollback(batch, self.city_staff) == 2
        assert list(AnnualData.objects.values_list("year", "employees")) == [(2023, 90)]
        restored = AnnualData.objects.get()
        assert restored.history.first().history_change_reason.startswith("回滚导入批次")
        assert restored.history.first().history_user == self.city_staff
        batch.refresh_from_db()
        assert batch.status == Batch.Status.ROLLED_BACK

    def test_created_rows_are_recorded_as_spans_and_rolled_back(self):
        """New records of consecutive file rows are one batch record each run of rows; a changed
        row in between splits the run. History rows hold what was stored, with author and reason."""
        AnnualData.objects.create(enterprise=self.ent_a, year=2020, employees=1, st_staff=0)
        years = (2018, 2019, 2020, 2021, 2022)
        rows = [[self.org_a.uscc, "甲", y, 10 + y % 10, 2, "1.25"] for y in years]
        rows.append([self.org_b.uscc, "乙", 2024, 7, 1, None])
        result = self.run_file(rows, user=self.city_staff)
        assert (result.new, result.changed) == (5, 1)
        batch = Batch.objects.get(pk=result.batch_id)
        # The file itself is kept: its hash (taken from the imported bytes) matches.
        assert hashlib.sha256(bytes(batch.content)).hexdigest() == batch.file_hash
        created = batch.written.filter(action="created").order_by("row")
        assert [(r.row, r.count) for r in created] == [(2, 2), (5, 3)]
        for r in created:
            records = AnnualData.objects.filter(pk__in=[pk for _row, pk in r.records()])
            assert sorted(records.values_list("year", flat=True)) == [
                rows[row - 2][2] for row, _pk in r.records()
            ]
        for record in AnnualData.objects.exclude(year=2020):
            [entry] = record.history.all()
            assert (entry.history_type, entry.history_user) == ("+", self.city_staff)
            assert entry.history_change_reason == f"导入批次 #{batch.pk}：年报.xlsx"
            assert (entry.employees, entry.rd_expense_wan, entry.enterprise_id) == (
                record.employees,
                record.rd_expense_wan,
                record.enterprise_id,
            )
            assert entry.history_date == record.created
        kept = AnnualData.objects.get(year=2020)
        assert rollback(batch, self.city_staff) == 6
        assert list(AnnualData.objects.values_list("year", "employees")) == [(2020, 1)]
        # Nothing pointed at the new records, so they went by id range, each with its deletion
        # recorded (its last values, who, why), as a one-by-one delete records it.
        deleted = AnnualData.history.filter(history_type="-")
        assert sorted(deleted.values_list("year", flat=True)) == [2018, 2019, 2021, 2022, 2024]
        assert {(h.history_user, h.history_change_reason) for h in deleted} == {
            (self.city_staff, f"回滚导入批次 #{batch.pk}：年报.xlsx")
        }
        assert deleted.get(year=2021).employees == 11
        assert kept.history.first().history_change_reason.startswith("回滚导入批次")

    def test_a_key_is_matched_on_its_most_varied_column(self):
        """One enterprise over several years: the stored keys are read by year, and each row still
        finds its own record (not another enterprise's of the same year)."""
        for year in (2022, 2023, 2024):
            AnnualData.objects.create(enterprise=self.ent_a, year=year, employees=5, st_staff=1)
        AnnualData.objects.create(enterprise=self.ent_b, year=2024, employees=9, st_staff=1)
        rows = [[self.org_a.uscc, "甲", y, 6, 1, None] for y in (2021, 2022, 2023, 2024)]
        result = self.run_file(rows)
        assert (result.new, result.changed, result.unchanged) == (1, 3, 0)
        assert dict(
            AnnualData.objects.filter(enterprise=self.ent_a).values_list("year", "employees")
        ) == {2021: 6, 2022: 6, 2023: 6, 2024: 6}
        assert AnnualData.objects.get(enterprise=self.ent_b).employees == 9

    def test_the_garbage_collector_is_paused_during_an_import_and_restored(self):
        import gc

        from kechuang.imports import engine

        seen = []
        original = engine._run_import

        def spy(*args, **kwargs):
            seen.append(gc.isenabled())
            with engine.gc_paused():  # nested: still off inside, still off after
                seen.append(gc.isenabled())
            seen.append(gc.isenabled())
            return original(*args, **kwargs)

        assert gc.isenabled()
        engine._run_import = spy
        try:
            self.run_file([[self.org_a.uscc, "甲", 2024, 100, 20, 300]], dry_run=True)
        finally:
            engine._run_import = original
        assert seen == [False, False, False]
        assert gc.isenabled()
        gc.disable()
        try:
            with engine.gc_paused():
                pass
            assert not gc.isenabled()  # left as it was found
        finally:
            gc.enable()

    def test_rollback_is_refused_when_a_row_was_edited_since(self):
        result = self.run_file([[self.org_a.uscc, "甲", 2024, 100, 20, 1]])
        row = AnnualData.objects.get()
        row.employees = 101
        row.save()
        with self.assertRaises(RollbackRefused) as ctx:
            rollback(Batch.objects.get(pk=result.batch_id), self.admin)
        assert "不能回滚" in str(ctx.exception)
        assert ctx.exception.conflicts == [
            "第2行“甲示例科技有限公司 2024年”：导入后已被修改（版本 1 → 2）"
        ]
        assert AnnualData.objects.get().employees == 101

    def test_an_exported_file_reimports_without_changes(self):
        for year in (2023, 2024):
            AnnualData.objects.create(
                enterprise=self.ent_a, year=year, employees=10, st_staff=2, rd_expense_wan="1.50"
            )
        qs = AnnualData.objects.select_related("enterprise__org")
        for fmt, name in (("xlsx", "x.xlsx"), ("csv", "x.csv")):
            content = export(self.kind, qs, fmt)
            result = run_import(self.kind, content, name, dry_run=True)
            assert (result.errors, result.unchanged) == ([], 2)


class OtherKindsTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.ent_a = Enterprise.objects.create(org=cls.org_a)
        cls.ent_b = Enterprise.objects.create(org=cls.org_b)

    def test_org_uscc_check_character_and_region_code(self):
        kind = get_kind("orgs")
        data = xlsx_rows(
            [
                ["单位名称", "统一社会信用代码", "单位类型", "区划代码"],
                ["新示例有限公司", "91410400MA44XXXX1X", "企业", "410402001"],
                ["又一示例有限公司", self.org_a.uscc[:-1] + "0", "企业", "999999"],
                ["第三示例有限公司", self.org_b.uscc, "工厂", "410422100"],
            ]
        )
        result = run_import(kind, data, "orgs.xlsx")
        codes = {(e["row"], e["column"]): e["code"] for e in result.errors}
        assert codes[(2, "统一社会信用代码")] == "invalid"
        assert codes[(3, "统一社会信用代码")] == "invalid"
        assert codes[(3, "区划代码")] == "not_found"
        assert codes[(4, "单位类型")] == "not_allowed"
        message = next(e["message"] for e in result.errors if e["code"] == "not_allowed")
        assert "应为以下之一：企业、" in message

    def test_imported_orgs_get_their_derived_fields(self):
        kind = get_kind("orgs")
        org = make_org("临时示例有限公司", self.town_a, 70000001)
        uscc = org.uscc
        org.delete()
        data = xlsx_rows(
            [
                ["单位名称", "统一社会信用代码", "单位类型", "区划代码"],
                ["平顶山示例有限公司", uscc.lower(), "企业", "410402001"],
            ]
        )
        assert run_import(kind, data, "orgs.xlsx").written
        created = Org.objects.get(uscc=uscc)
        assert created.search_initials == "pdsslyxgs"
        assert created.uscc == uscc  # upper-cased like a form save

    def test_a_masked_phone_sent_back_keeps_the_stored_one(self):
        self.org_a.contact_phone = "13812345678"
        self.org_a.save()
        kind = get_kind("orgs")
        content = export(kind, Org.objects.filter(pk=self.org_a.pk), "xlsx", show_personal=False)
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        assert "138****5678" in [c.value for c in sheet[2]]
        result = run_import(kind, content, "orgs.xlsx", dry_run=True)
        assert (result.errors, result.unchanged) == ([], 1)

    def test_qualification_numbers_stay_unique(self):
        Qualification.objects.create(
            enterprise=self.ent_b,
            kind="high_tech",
            year=2023,
            number="GR2023001",
            issued_on=date(2023, 11, 1),
        )
        kind = get_kind("qualifications")
        data = xlsx_rows(
            [
                [
                    "统一社会信用代码",
                    "资质类型",
                    "证书编号/入库编号",
                    "认定/入库年度",
                    "发证/入库日期",
                ],
                [self.org_a.uscc, "高新技术企业", "GR2023001", 2023, "2023/11/1"],
            ]
        )
        result = run_import(kind, data, "q.xlsx")
        [err] = result.errors
        assert err["code"] == "not_unique" and err["column"] == "证书编号/入库编号"
        assert "已被系统中的记录" in err["message"]

    def test_the_template_has_headers_an_example_dropdowns_and_instructions(self):
        book = openpyxl.load_workbook(io.BytesIO(template(get_kind("qualifications"))))
        first = book.worksheets[0]
        assert first.title == "企业资质"
        assert [c.value for c in first[1]][:3] == ["统一社会信用代码", "企业名称", "资质类型"]
        assert first["C2"].value == "高新技术企业"
        assert any("C2:C10001" in str(dv.sqref) for dv in first.data_validations.dataValidation)
        notes = book["填写说明"]
        assert any("可选值：科技型中小企业、高新技术企业" in str(c.value) for c in notes["C"])


class EdgeTests(Personas, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.setup_personas()
        cls.ent_a = Enterprise.objects.create(org=cls.org_a, main_products="尼龙切片")

    def test_a_lower_case_uscc_matches_the_registered_one(self):
        rows = [["统一社会信用代码", "年度", "职工总数"], [self.org_a.uscc.lower(), 2024, 10]]
        result = run_import(get_kind("enterprise-annual"), xlsx_rows(rows), "a.xlsx")
        assert result.written and AnnualData.objects.get().enterprise == self.ent_a
        orgs = [
            ["单位名称", "统一社会信用代码", "单位类型", "区划代码"],
            [self.org_a.name, self.org_a.uscc.lower(), "企业", "410402001"],
        ]
        again = run_import(get_kind("orgs"), xlsx_rows(orgs), "o.xlsx", dry_run=True)
        assert (again.errors, again.unchanged) == ([], 1)

    def test_rollback_is_refused_when_other_records_now_point_at_a_new_one(self):
        """Rolling back new enterprises would delete the annual data entered for them since:
        refused, naming it. Once that is gone, the rollback goes ahead."""
        org = make_org("回滚示例有限公司", self.town_a, 70000002)
        rows = [["统一社会信用代码", "重点产业"], [org.uscc, "其他"]]
        result = run_import(get_kind("enterprises"), xlsx_rows(rows), "e.xlsx", self.city_staff)
        assert result.written
        annual = AnnualData.objects.create(enterprise=Enterprise.objects.get(org=org), year=2024)
        batch = Batch.objects.get(pk=result.batch_id)
        with self.assertRaises(RollbackRefused) as ctx:
            rollback(batch, self.city_staff)
        assert "已被其他记录引用" in str(ctx.exception)
        assert ctx.exception.conflicts == [f"企业年度数据“{annual}”引用了本批次新增的记录"]
        assert Enterprise.objects.filter(org=org).exists()
        annual.delete()
        assert rollback(batch, self.city_staff) == 1
        assert not Enterprise.objects.filter(org=org).exists()

    def test_a_blank_cell_clears_text_but_not_a_required_value(self):
        kind = get_kind("enterprises")
        rows = [["统一社会信用代码", "重点产业", "主要产品"], [self.org_a.uscc, None, None]]
        result = run_import(kind, xlsx_rows(rows), "e.xlsx", dry_run=True)
        [err] = result.errors
        assert err["column"] == "重点产业" and err["code"] == "required"
        assert err["message"].startswith("第2行“重点产业”不能清空（现值为")
        rows[1][1] = "其他"
        result = run_import(kind, xlsx_rows(rows), "e.xlsx")
        assert result.errors == []
        self.ent_a.refresh_from_db()
        assert self.ent_a.main_products == ""

    def test_a_masked_value_is_never_stored(self):
        kind = get_kind("orgs")
        rows = [
            ["单位名称", "统一社会信用代码", "单位类型", "区划代码", "联系电话"],
            [self.org_a.name, self.org_a.uscc, "企业", "410402001", "138****5678"],
        ]
        [err] = run_import(kind, xlsx_rows(rows), "o.xlsx", dry_run=True).errors
        assert err["code"] == "masked" and err["column"] == "联系电话"

    def test_new_records_never_reuse_a_deleted_records_id(self):
        old = AnnualData.objects.create(enterprise=self.ent_a, year=2020)
        old_pk = old.pk
        old.delete()
        rows = [["统一社会信用代码", "年度"], [self.org_a.uscc, 2021], [self.org_a.uscc, 2022]]
        run_import(get_kind("enterprise-annual"), xlsx_rows(rows), "a.xlsx")
        pks = sorted(AnnualData.objects.values_list("pk", flat=True))
        assert pks[0] > old_pk and len(set(pks)) == 2
        later = AnnualData.objects.create(enterprise=self.ent_a, year=2023)
        assert later.pk > pks[-1]  # the database's own counter moved past the imported ids
        assert AnnualData.history.filter(id__in=pks, history_type="+").count() == 2
