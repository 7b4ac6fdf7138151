"""`kechuang monitor values|indicators` — indicator values from the command line (CONTRACTS.md §8)."""

import json
import sys

from django.core.management.base import BaseCommand

from kechuang.plans.models import Plan
from kechuang.plans.values import number, plan_regions, values
from kechuang.regions.models import Region


class Command(BaseCommand):
    help = "规划监测指标：列出指标（indicators）或计算某年各地区的指标值（values）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        v = sub.add_parser("values", help="某年度各指标、各地区（市和县区）的值")
        v.add_argument("--year", type=int, required=True)
        v.add_argument("--region", help="区划代码（默认：规划所属市及其各县区）")
        v.add_argument("--indicator", help="指标代码（默认：全部）")
        v.add_argument("--plan", help="规划编号（默认：默认规划）")
        v.add_argument("--json", action="store_true")
        c = sub.add_parser("compute", help="重新计算并保存各年度指标值（监测看板读取）")
        c.add_argument("--years", default="", help="年度范围，如 2016-2025（默认：2016 至去年）")
        c.add_argument("--plan")
        i = sub.add_parser("indicators", help="指标清单：代码、名称、单位、方向、基期值、目标值")
        i.add_argument("--plan")
        i.add_argument("--json", action="store_true")

    def fail(self, message):
        self.stderr.write(message)
        sys.exit(2)

    def plan(self, code):
        qs = Plan.objects.all()
        plan = qs.filter(code=code).first() if code else qs.filter(is_default=True).first()
        if plan is None:
            self.fail(f"找不到规划“{code}”" if code else "没有默认规划：请先 kechuang plan load")
        return plan

    def handle(self, *args, action, **o):
        plan = self.plan(o.get("plan"))
        if action == "indicators":
            return self.indicators(plan, o["json"])
        if action == "compute":
            return self.compute(plan, o["years"])
        region = None
        if o["region"]:
            region = Region.objects.filter(code=o["region"]).first()
            if region is None:
                self.fail(f"区划代码“{o['region']}”不存在")
        indicators = plan.indicators.all()
        if o["indicator"]:
            indicators = indicators.filter(code=o["indicator"])
            if not indicators:
                self.fail(f"规划中没有指标“{o['indicator']}”")
        rows = values(plan, o["year"], plan_regions(plan, region), list(indicators))
        out = [
            {
                "indicator": r["indicator"].code,
                "region": r["region"].code,
                "year": r["year"],
                "value": number(r["value"]),
                "numerator": number(r["numerator"]),
                "denominator": number(r["denominator"]),
                "unit": r["indicator"].unit,
            }
            for r in rows
        ]
        if o["json"]:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return
        for r, row in zip(rows, out, strict=True):
            shown = r["indicator"].display(r["value"])
            self.stdout.write(
                f"{row['indicator']:<28}{r['region'].name:<16}{shown:>14} {r['indicator'].display_unit}"
            )

    def compute(self, plan, years_text):
        import time
        from datetime import date

        from kechuang.plans.values import recompute

        last = date.today().year - 1
        first, _sep, end = (years_text or f"2016-{last}").partition("-")
        try:
            years = range(int(first), int(end or first) + 1)
        except ValueError:
            self.fail(f"--years 应写作 2016-2025 或 2024，收到“{years_text}”")
        started = time.monotonic()
        n = recompute(plan, years)
        self.stdout.write(
            f"已计算 {years.start}—{years.stop - 1} 年指标值 {n} 个，用时 {time.monotonic() - started:.1f} 秒"
        )

    def indicators(self, plan, as_json):
        out = []
        for ind in plan.indicators.prefetch_related("baselines"):
            latest = max(ind.baselines.all(), key=lambda b: b.year, default=None)
            out.append(
                {
                    "code": ind.code,
                    "name": ind.name,
                    "unit": ind.unit,
                    "direction": ind.direction,
                    "computed": ind.computed,
                    "baseline": None
                    if latest is None
                    else {"year": latest.year, "value": number(latest.value)},
                    "target": None
                    if ind.target_value is None
                    else {
                        "year": ind.target_year,
                        "value": number(ind.target_value),
                        "illustrative": ind.target_illustrative,
                    },
                }
            )
        if as_json:
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        else:
            for item in out:
                self.stdout.write(f"{item['code']:<28}{item['name']}（{item['unit']}）")
