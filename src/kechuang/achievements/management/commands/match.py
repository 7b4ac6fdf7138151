"""`kechuang match --demands D.jsonl --achievements A.jsonl [--top 10]` (CONTRACTS.md §4).

Reads two JSON-lines files (``{"id", "title", "description", "keywords", "field"}``; keywords,
field, and also industry and trl, optional) and prints one JSON line per demand, in input order:
``{"demand": id, "matches": [{"achievement": id, "score": 12.3, "why": [...]}, ...]}``, best first.
Same engine as the platform (kechuang.matching), on these files alone: no database. A bad line or
an unreadable file: a Chinese message naming the file and line on standard error, exit code 2.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from django.core.management.base import BaseCommand

from kechuang.matching import Index
from kechuang.matching.files import DocFileError, read_docs


class Command(BaseCommand):
    help = "按技术需求匹配科技成果（JSON Lines 输入输出，不访问数据库）"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--demands", required=True, help="技术需求文件（JSON Lines）")
        parser.add_argument("--achievements", required=True, help="科技成果文件（JSON Lines）")
        parser.add_argument("--top", type=int, default=10, help="每条需求输出的成果数（默认 10）")

    def fail(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def read(self, path: str, what: str):
        try:
            return [doc for doc, _ in read_docs(path)]
        except DocFileError as exc:
            self.fail(f"{what}文件有误：{exc}")
        except FileNotFoundError:
            self.fail(f"找不到{what}文件：{path}")
        except UnicodeDecodeError:
            self.fail(f"{what}文件不是 UTF-8 编码：{path}")
        except OSError as exc:
            self.fail(f"无法读取{what}文件：{path}（{exc.strerror or exc}）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["top"] < 1:
            self.fail(f"--top 应为正整数（当前为 {options['top']}）")
        demands = self.read(options["demands"], "技术需求")
        achievements = self.read(options["achievements"], "科技成果")
        index = Index(achievements)
        try:
            self.write_matches(index, demands, options["top"])
        except BrokenPipeError:
            # The reader stopped early (`… | head`): no traceback; Python's documented recipe.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)

    def write_matches(self, index: Index, demands: list, top: int) -> None:
        for demand in demands:
            matches = index.search(demand, top=top)
            line = {
                "demand": demand.id,
                "matches": [
                    {"achievement": m.id, "score": round(m.score, 3), "why": list(m.why)}
                    for m in matches
                ],
            }
            self.stdout.write(json.dumps(line, ensure_ascii=False))
