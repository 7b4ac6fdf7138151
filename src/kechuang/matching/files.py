"""Reading documents from JSON-lines files (``kechuang match``, the evaluation set)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .engine import Doc
from .text import DATA

__all__ = ["DocFileError", "EvalSet", "doc_from_json", "load_evalset", "read_docs"]


class DocFileError(ValueError):
    """A line of a documents file that cannot be used; the message names the file and line."""

    def __init__(self, path: str | Path, line: int, problem: str) -> None:
        self.path, self.line, self.problem = str(path), line, problem
        super().__init__(f"{path} 第 {line} 行：{problem}")


def _text(row: dict, name: str, required: bool = False) -> str:
    value = row.get(name)
    if value is None:
        if required:
            raise ValueError(f"缺少“{name}”")
        return ""
    if not isinstance(value, str):
        raise ValueError(f"“{name}”应为字符串")
    if required and not value.strip():
        raise ValueError(f"“{name}”不能为空")
    return value


def doc_from_json(row: Any) -> Doc:
    """``{"id", "title", "description"?, "keywords"?, "field"?, "industry"?, "trl"?}`` → Doc.

    ``keywords`` is a list of strings or one string separated by commas or 顿号; ``id`` may be a
    number. Other keys are ignored. Raises ValueError (in Chinese) naming the bad key.
    """
    if not isinstance(row, dict):
        raise ValueError("每行应为一个 JSON 对象")
    doc_id = row.get("id")
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or str(doc_id).strip() == "":
        raise ValueError("缺少“id”或“id”不是字符串/整数")
    keywords = row.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [k for k in keywords.replace("，", ",").replace("、", ",").split(",")]
    if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
        raise ValueError("“keywords”应为字符串列表")
    trl = row.get("trl")
    if trl is not None and (isinstance(trl, bool) or not isinstance(trl, int) or not 1 <= trl <= 9):
        raise ValueError("“trl”应为 1–9 的整数")
    return Doc(
        id=str(doc_id),
        title=_text(row, "title", required=True),
        description=_text(row, "description"),
        keywords=tuple(k.strip() for k in keywords if k.strip()),
        field=_text(row, "field"),
        industry=_text(row, "industry"),
        trl=trl,
    )


def read_docs(path: str | Path) -> list[tuple[Doc, dict]]:
    """Every non-blank line of a JSON-lines file as (Doc, the raw object), in file order.

    Raises DocFileError naming the file and line (unreadable JSON, missing or wrong keys,
    repeated id) and OSError when the file cannot be opened.
    """
    out: list[tuple[Doc, dict]] = []
    seen: dict[str, int] = {}
    with open(path, encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise DocFileError(path, number, f"不是有效的 JSON（{exc.msg}）") from None
            try:
                doc = doc_from_json(row)
            except ValueError as exc:
                raise DocFileError(path, number, str(exc)) from None
            if doc.id in seen:
                raise DocFileError(path, number, f"编号“{doc.id}”与第 {seen[doc.id]} 行重复")
            seen[doc.id] = number
            out.append((doc, row))
    return out


class EvalSet:
    """The labelled evaluation set: achievements, and demands with their relevant achievements."""

    def __init__(self, achievements: list[Doc], demands: list[Doc],
                 relevant: list[frozenset[str]], reworded: list[bool]) -> None:  # fmt: skip
        self.achievements, self.demands = achievements, demands
        self.relevant, self.reworded = relevant, reworded

    def __len__(self) -> int:
        return len(self.demands)


def load_evalset(directory: str | Path = DATA) -> EvalSet:
    """data/eval_achievements.jsonl and data/eval_demands.jsonl (``relevant``, ``reworded``)."""
    directory = Path(directory)
    achievements = [doc for doc, _ in read_docs(directory / "eval_achievements.jsonl")]
    demands, relevant, reworded = [], [], []
    for doc, row in read_docs(directory / "eval_demands.jsonl"):
        demands.append(doc)
        relevant.append(frozenset(row["relevant"]))
        reworded.append(bool(row.get("reworded")))
    return EvalSet(achievements, demands, relevant, reworded)
