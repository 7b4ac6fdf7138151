"""`kechuang template KIND --out FILE.xlsx` (CONTRACTS.md §7)."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from kechuang.imports.kinds import get_kind, registry
from kechuang.imports.workbook import template


class Command(BaseCommand):
    help = "生成某一导入类型的 Excel 模板（表头、示例行、下拉选项和填写说明）"

    def add_arguments(self, parser):
        parser.add_argument("kind", help="导入类型，见 kechuang import --list-kinds")
        parser.add_argument("--out", required=True, help="输出文件 .xlsx")

    def handle(self, *args, kind, out, **options):
        if kind not in registry():
            self.stderr.write(f"未知的导入类型“{kind}”，可选：{'、'.join(sorted(registry()))}")
            sys.exit(2)
        Path(out).write_bytes(template(get_kind(kind)))
        self.stdout.write(f"已生成 {out}")
