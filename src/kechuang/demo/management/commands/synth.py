from django.core.management.base import BaseCommand, CommandError

from kechuang.core.changelog import changelog_context
from kechuang.demo.synth import SCALES, synthesize
from kechuang.orgs.models import Org


class Command(BaseCommand):
    help = "生成合成数据（基准测试用）：--scale city|province|nation"

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="province")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--enterprises", type=int, help="覆盖该规模的企业数量（用于快速试验）")
        parser.add_argument("--platforms", type=int, help="覆盖该规模的平台数量（用于快速试验）")

    def handle(self, *args, scale, seed, enterprises, platforms, **options):
        if Org.objects.filter(name__contains="合成").exists():
            raise CommandError(
                "数据库中已有合成数据；请在空数据库上运行（或换一个 DATABASE_URL）", returncode=2
            )
        with changelog_context(reason=f"生成合成数据 scale={scale} seed={seed}"):
            result = synthesize(
                scale, seed, stream=self.stderr._out, enterprises=enterprises, platforms=platforms
            )
        self.stdout.write(
            f"完成：{result['counties']} 个县级区划，企业 {result['enterprises']:,} 家，"
            f"资质 {result['qualifications']:,} 条，年度数据 {result['annual_rows']:,} 行，"
            f"平台 {result['platforms']:,} 个，用时 {result['seconds']} 秒"
        )
