"""`kechuang report monitoring --year YEAR --out FILE.docx [--format xlsx]`."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from kechuang.plans.models import Plan
from kechuang.plans.report import write


class Command(BaseCommand):
    help = "生成报告：monitoring = 规划年度监测报告（docx，含图表；或 xlsx 表格）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="report", required=True)
        m = sub.add_parser("monitoring", help="规划年度监测报告")
        m.add_argument("--year", type=int, required=True)
        m.add_argument("--out", required=True, help="输出文件（.docx 或 .xlsx）")
        m.add_argument("--format", choices=("docx", "xlsx"), help="默认按文件扩展名")
        m.add_argument("--plan", help="规划编号（默认：默认规划）")

    def handle(self, *args, report, **o):
        plans = Plan.objects.select_related("region")
        plan = (
            plans.filter(code=o["plan"]).first()
            if o["plan"]
            else plans.filter(is_default=True).first()
        )
        if plan is None:
            self.stderr.write("找不到规划：请先 kechuang plan load")
            sys.exit(2)
        out = Path(o["out"])
        fmt = o["format"] or ("xlsx" if out.suffix.lower() == ".xlsx" else "docx")
        write(plan, o["year"], out, fmt)
        self.stdout.write(f"已生成 {out}")
