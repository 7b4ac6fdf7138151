"""`kechuang cultivation evaluate --year YEAR` — the yearly batch that fills the 后备库."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from kechuang.core.progress import ProgressBar
from kechuang.cultivation.services import evaluate_year


class Command(BaseCommand):
    help = "企业培育评价：按科技型中小企业评价和高新技术企业认定条件批量评价企业年度数据"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ev = sub.add_parser("evaluate", help="评价某一数据年度的全部企业，结果存入后备库")
        ev.add_argument("--year", type=int, action="append", help="数据年度（可重复）")
        ev.add_argument("--no-progress", action="store_true", help="不显示进度条")

    def handle(self, *args, action, **options):
        this_year = date.today().year
        years = options["year"] or [this_year - 1]
        for year in years:
            if not 2000 <= year <= this_year:
                raise CommandError(f"--year 应为 2000—{this_year} 之间的年份，收到 {year}")
        for year in years:
            if options["no_progress"]:
                counts = evaluate_year(year)
            else:
                with ProgressBar(0, "评价", self.stderr._out) as bar:
                    counts = evaluate_year(year, bar)
            self.stdout.write(
                f"{year}年：评价 {counts.get('evaluated', 0)} 家，"
                f"高企量化条件全部满足 {counts.get('high_tech_ready', 0)} 家，"
                f"符合科技型中小企业条件 {counts.get('tech_sme_eligible', 0)} 家，"
                f"数据不全 {counts.get('incomplete', 0)} 家"
            )
