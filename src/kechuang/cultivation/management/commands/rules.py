"""`kechuang rules tech-sme|high-tech` — evaluate JSON from stdin (CONTRACTS.md §1).

Reads one JSON object or a JSON array of objects on standard input and prints the result(s) as
JSON on standard output: an object in gives an object out, an array in gives an array out (one
result per input, same order). Invalid JSON, missing required fields or wrongly typed fields:
the JSON error object (``{"error": ..., "message": ..., "errors": [{"field", "message"[,
"index"]}]}``) is printed on **standard output** and the command exits with code 2.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from kechuang.cultivation.rules import ValidationError, evaluate_high_tech, evaluate_tech_sme

EVALUATORS = {"tech-sme": evaluate_tech_sme, "high-tech": evaluate_high_tech}


class Command(BaseCommand):
    help = "按科技型中小企业评价 / 高新技术企业认定规则评价标准输入中的 JSON，结果以 JSON 输出"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=sorted(EVALUATORS), help="tech-sme 或 high-tech")

    def _fail(self, error: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(error, ensure_ascii=False))
        sys.exit(2)

    def handle(self, *args: Any, kind: str, **options: Any) -> None:
        evaluate = EVALUATORS[kind]
        try:
            payload = json.loads(sys.stdin.read())
        except ValueError as exc:
            self._fail(
                {
                    "error": "invalid_json",
                    "message": f"标准输入不是有效的 JSON：{exc}",
                    "errors": [{"field": "$", "message": "无效的 JSON"}],
                }
            )
            return
        if isinstance(payload, list):
            results, errors = [], []
            for index, item in enumerate(payload):
                try:
                    results.append(evaluate(item))
                except ValidationError as exc:
                    errors.extend({"index": index, **e} for e in exc.errors)
            if errors:
                self._fail(
                    {
                        "error": "invalid_input",
                        "message": "输入数据有误："
                        + "、".join(f"[{e['index']}].{e['field']}" for e in errors),
                        "errors": errors,
                    }
                )
                return
            self.stdout.write(json.dumps(results, ensure_ascii=False))
            return
        try:
            result = evaluate(payload)
        except ValidationError as exc:
            self._fail(exc.as_dict())
            return
        self.stdout.write(json.dumps(result, ensure_ascii=False))
