"""`kechuang import FILE --kind KIND [--dry-run] [--user USERNAME] [--json]` (CONTRACTS.md §7).

Exit code 0 when there are no errors (written unless --dry-run), 1 when there are errors (nothing
written), 2 on unusable arguments or an unreadable file. With --json the last line printed is one
JSON object with the counts and every error.
"""

import json
import sys
from contextlib import nullcontext
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from kechuang.core.progress import ProgressBar
from kechuang.imports.engine import ReadError, run_import
from kechuang.imports.kinds import get_kind, registry


class Command(BaseCommand):
    help = (
        "从 xlsx / xls / ods / csv 文件导入数据：先整体校验，全部无误才写入（可 --dry-run 只预检）"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="要导入的文件")
        parser.add_argument("--kind", help="导入类型")
        parser.add_argument("--dry-run", action="store_true", help="只预检，不写入")
        parser.add_argument("--user", help="按该用户的权限和数据范围导入（默认：管理员，不限范围）")
        parser.add_argument("--json", action="store_true", help="最后一行输出 JSON 结果")
        parser.add_argument("--list-kinds", action="store_true", help="列出全部导入类型")

    def fail(self, message: str, as_json: bool):
        if as_json:
            self.stdout.write(json.dumps({"error": message}, ensure_ascii=False))
        else:
            self.stderr.write(message)
        sys.exit(2)

    def handle(self, *args, **o):
        kinds = registry()
        if o["list_kinds"]:
            for name in kinds:
                kind = get_kind(name)
                self.stdout.write(f"{name}\t{kind.title}")
            return
        as_json = o["json"]
        if not o["file"] or not o["kind"]:
            self.fail("请给出要导入的文件和 --kind 导入类型", as_json)
        if o["kind"] not in kinds:
            self.fail(f"未知的导入类型“{o['kind']}”，可选：{'、'.join(kinds)}", as_json)
        path = Path(o["file"])
        if not path.is_file():
            self.fail(f"找不到文件：{path}", as_json)
        user = None
        if o["user"]:
            user = get_user_model().objects.filter(username=o["user"]).first()
            if user is None:
                self.fail(f"用户“{o['user']}”不存在", as_json)
        bar = None if as_json else ProgressBar(100, "导入", self.stderr._out)
        try:
            with bar or nullcontext():
                result = run_import(
                    get_kind(o["kind"]),
                    path.read_bytes(),
                    path.name,
                    user,
                    dry_run=o["dry_run"],
                    progress=bar,
                )
        except ReadError as exc:
            self.fail(str(exc), as_json)
        if as_json:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, default=str))
        else:
            self.report(result)
        sys.exit(1 if result.errors else 0)

    def report(self, result):
        self.stdout.write(
            f"{result.rows} 行：新增 {result.new}，修改 {result.changed}，未变 {result.unchanged}，"
            f"错误 {len(result.errors)}"
        )
        for err in result.errors[:200]:
            self.stdout.write(f"  {err['sheet']} {err['message']}")
        if len(result.errors) > 200:
            self.stdout.write(f"  ……另有 {len(result.errors) - 200} 个错误（用 --json 查看全部）")
        if result.errors:
            self.stdout.write("有错误，未写入任何数据。")
        elif result.written:
            self.stdout.write(f"已写入（导入批次 #{result.batch_id}）。")
        else:
            self.stdout.write("预检通过（--dry-run，未写入）。")
