from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kechuang.core.changelog import changelog_context
from kechuang.plans.loader import BUILTIN_PLAN, PlanFileError, load_plan


class Command(BaseCommand):
    help = "规划管理：kechuang plan load FILE.yaml（不带文件时载入内置的平顶山“十四五”规划）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="从 YAML 文件载入或更新规划")
        load.add_argument("file", nargs="?", default=str(BUILTIN_PLAN))
        load.add_argument("--default", action="store_true", help="设为默认规划")

    def handle(self, *args, action, file=None, default=False, **options):
        with changelog_context(reason=f"载入规划文件 {Path(file).name}"):
            try:
                plan = load_plan(Path(file), default=default or file == str(BUILTIN_PLAN))
            except (PlanFileError, OSError) as exc:
                raise CommandError(str(exc)) from exc
        self.stdout.write(f"已载入规划“{plan.name}”，指标 {plan.indicators.count()} 个")
