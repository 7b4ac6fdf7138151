"""The rules package must be importable without Django."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
import kechuang.cultivation.rules as r
r.evaluate_tech_sme({"employees": 1, "st_staff": 1, "sales_revenue_wan": 1,
    "total_assets_wan": 1, "cost_expense_total_wan": 1, "rd_expense_wan": 1,
    "class1_ip": 0, "class2_ip": 0})
bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
assert not bad, bad
print("ok")
"""


def test_rules_import_without_django() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=60, env={}
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
