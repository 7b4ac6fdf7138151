"""`kechuang scheme load [FILE …]` and `kechuang scheme export CODE [--format json]`.

``load`` without files loads the shipped example schemes; each changed file becomes a new version
of its scheme (an unchanged one adds nothing). A definition with problems is refused as a whole,
every problem listed in Chinese, and the command exits with code 2.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kechuang.evaluation import schemes, services
from kechuang.evaluation.models import Scheme


class Command(BaseCommand):
    help = "载入或导出绩效评价指标体系（YAML/JSON）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="载入指标体系文件；不给文件则载入内置示例体系")
        load.add_argument("files", nargs="*")
        load.add_argument("--note", default="", help="修订说明")
        export = sub.add_parser("export", help="导出指标体系当前版本")
        export.add_argument("code")
        export.add_argument("--format", choices=("yaml", "json"), default="yaml")
        export.add_argument("--version", type=int, help="版本号，默认当前版本")

    def handle(self, *args, action, **options):
        if action == "export":
            scheme = Scheme.objects.filter(code=options["code"]).first()
            if scheme is None:
                raise CommandError(f"没有编号为“{options['code']}”的指标体系")
            version = (
                scheme.versions.filter(number=options["version"]).first()
                if options["version"]
                else scheme.current
            )
            if version is None:
                raise CommandError(f"“{scheme}”没有第 {options['version']} 版")
            self.stdout.write(services.dump_definition(version.definition, options["format"]))
            return
        if not options["files"]:
            for scheme, created in services.load_builtin():
                state = f"新增第{scheme.current.number}版" if created else "未变化"
                self.stdout.write(f"{scheme.code}\t{scheme.name}\t{state}")
            return
        failed = False
        for name in options["files"]:
            path = Path(name)
            try:
                definition = services.read_definition(path.read_text(encoding="utf-8-sig"))
                scheme, version, created = services.save_version(definition, note=options["note"])
            except OSError as exc:
                self.stderr.write(f"{name}：无法读取（{exc.strerror}）")
                failed = True
                continue
            except schemes.SchemeError as exc:
                self.stderr.write(f"{name}：未载入，问题如下：")
                for error in exc.errors:
                    self.stderr.write(f"  - {error}")
                failed = True
                continue
            state = f"新增第{version.number}版" if created else "未变化"
            self.stdout.write(f"{scheme.code}\t{scheme.name}\t{state}")
        if failed:
            sys.exit(2)
