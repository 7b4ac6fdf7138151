"""`kechuang rules …` (CONTRACTS.md §1): JSON on stdin, JSON on stdout, exit 2 on bad fields.

Needs "kechuang.cultivation" in INSTALLED_APPS (the management command lives in that app).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kechuang.cultivation.rules import evaluate_high_tech, evaluate_tech_sme

TECH_SME = {
    "employees": 620,
    "st_staff": 160,
    "sales_revenue_wan": 1000,
    "total_assets_wan": 800,
    "cost_expense_total_wan": 900,
    "rd_expense_wan": 50,
    "class1_ip": 0,
    "class2_ip": 3,
    "ignored": "x",
}
HIGH_TECH = {
    "registered_days": 800,
    "owns_core_ip": True,
    "field_in_catalog": True,
    "employees": 100,
    "st_staff": 20,
    "sales_revenue_wan": [5000, 6000, 9000],
    "rd_expense_wan": [150, 200, 270],
    "rd_expense_in_china_wan": [150, 200, 270],
    "high_tech_income_wan": 4000,
    "total_income_wan": 5000,
    "net_assets_wan": [1000, 1100, 1300],
}


def run(kind: str, payload: object, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KECHUANG_DEBUG": "1", "KECHUANG_VAR_DIR": str(tmp_path)}
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return subprocess.run(
        [sys.executable, "-m", "kechuang", "rules", kind],
        input=text,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_tech_sme_object(tmp_path: Path) -> None:
    proc = run("tech-sme", TECH_SME, tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out == evaluate_tech_sme(TECH_SME)
    assert out["failures"] == [
        {"code": "employees_over_500", "message": "职工总数 620 人，超过 500 人上限"}
    ]
    assert out["parts"] == {"st_staff": 16, "rd": 40, "ip": 18}


def test_high_tech_array_keeps_order(tmp_path: Path) -> None:
    second = {**HIGH_TECH, "innovation_score": 90, "sales_revenue_wan": [5000, 6000, 30000]}
    proc = run("high-tech", [HIGH_TECH, second], tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert isinstance(out, list) and len(out) == 2
    assert out == [evaluate_high_tech(HIGH_TECH), evaluate_high_tech(second)]
    assert out[0]["rd_ratio_required"] == 0.04 and out[1]["rd_ratio_required"] == 0.03
    rd = out[0]["conditions"][4]
    assert rd["code"] == "rd_ratio" and rd["gap_wan"] == 180.0
    assert out[0]["eligible"] is False


@pytest.mark.parametrize("kind", ["tech-sme", "high-tech"])
def test_bad_fields_exit_2(kind: str, tmp_path: Path) -> None:
    good = TECH_SME if kind == "tech-sme" else HIGH_TECH
    bad = {k: v for k, v in good.items() if k != "employees"}
    bad["st_staff"] = "many"
    proc = run(kind, bad, tmp_path)
    assert proc.returncode == 2
    err = json.loads(proc.stdout)
    assert err["error"] == "invalid_input"
    assert sorted(e["field"] for e in err["errors"]) == ["employees", "st_staff"]


def test_bad_item_in_array_exit_2(tmp_path: Path) -> None:
    proc = run("tech-sme", [TECH_SME, {**TECH_SME, "class1_ip": -1}], tmp_path)
    assert proc.returncode == 2
    err = json.loads(proc.stdout)
    assert err["errors"] == [{"index": 1, "field": "class1_ip", "message": "不能小于 0"}]


def test_invalid_json_exit_2(tmp_path: Path) -> None:
    proc = run("tech-sme", "{not json", tmp_path)
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"] == "invalid_json"
