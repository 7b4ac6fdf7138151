"""`kechuang match --demands D.jsonl --achievements A.jsonl [--top N]` (CONTRACTS.md §4)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

ACHIEVEMENTS = [
    {"id": "a1", "title": "尼龙66切片连续聚合工艺", "description": "多段连续缩聚",
     "keywords": ["尼龙66"], "field": "materials", "trl": 7},
    {"id": "a2", "title": "气体绝缘金属封闭开关设备局部放电检测", "field": "manufacturing"},
    {"id": "a3", "title": "锂离子电池热失控预警"},
]  # fmt: skip
DEMANDS = [
    {"id": "d1", "title": "锂电池热失控", "description": "储能电站安全"},
    {"id": "d2", "title": "寻求PA66切片连续缩聚技术", "keywords": ["PA66"], "field": "materials"},
    {"id": "d3", "title": "小麦育种"},
    {"id": 4, "title": "GIS局放检测", "keywords": "GIS、局放"},
]


def write(path: Path, rows: list) -> Path:
    path.write_text(
        "".join(
            (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows
        ),
        encoding="utf-8",
    )
    return path


def run(*args: str) -> tuple[list[dict], str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("match", *args, stdout=out, stderr=err)
    return [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_it_prints_one_line_per_demand_in_input_order(tmp_path: Path) -> None:
    d, a = write(tmp_path / "d.jsonl", DEMANDS), write(tmp_path / "a.jsonl", ACHIEVEMENTS)
    lines, err = run("--demands", str(d), "--achievements", str(a))
    assert [line["demand"] for line in lines] == ["d1", "d2", "d3", "4"]
    assert [m["achievement"] for m in lines[0]["matches"]] == ["a3"]
    assert lines[1]["matches"][0]["achievement"] == "a1"
    assert "同义: PA66 ≈ 尼龙66" in lines[1]["matches"][0]["why"]
    assert "TRL 7" in lines[1]["matches"][0]["why"]
    assert lines[2]["matches"] == []
    assert lines[3]["matches"][0]["achievement"] == "a2"
    assert err == ""


def test_it_scores_best_first_and_honours_top(tmp_path: Path) -> None:
    d = write(tmp_path / "d.jsonl", [{"id": "q", "title": "尼龙66 局部放电 锂离子电池"}])
    a = write(tmp_path / "a.jsonl", ACHIEVEMENTS)
    lines, _ = run("--demands", str(d), "--achievements", str(a), "--top", "2")
    scores = [m["score"] for m in lines[0]["matches"]]
    assert len(scores) == 2 and scores == sorted(scores, reverse=True)


def test_a_bad_line_exits_2_naming_file_and_line(tmp_path: Path) -> None:
    d = write(tmp_path / "d.jsonl", DEMANDS)
    a = write(tmp_path / "a.jsonl", [*ACHIEVEMENTS, "", '{"id": "a9", "title": '])
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("match", "--demands", str(d), "--achievements", str(a), stderr=err)
    assert exit_info.value.code == 2
    assert f"{a} 第 5 行" in err.getvalue()
    assert "不是有效的 JSON" in err.getvalue()


def test_a_missing_title_exits_2(tmp_path: Path) -> None:
    d = write(tmp_path / "d.jsonl", [{"id": "d1", "description": "没有名称"}])
    a = write(tmp_path / "a.jsonl", ACHIEVEMENTS)
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("match", "--demands", str(d), "--achievements", str(a), stderr=err)
    assert exit_info.value.code == 2
    assert f"{d} 第 1 行：缺少“title”" in err.getvalue()


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    a = write(tmp_path / "a.jsonl", ACHIEVEMENTS)
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("match", "--demands", str(tmp_path / "none.jsonl"), "--achievements", str(a),
                     stderr=err)  # fmt: skip
    assert exit_info.value.code == 2
    assert "找不到技术需求文件" in err.getvalue()
