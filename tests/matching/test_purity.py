"""kechuang.matching is importable and usable without Django."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import kechuang.matching

CODE = """
import sys
from kechuang.matching import Doc, Index
index = Index([Doc("a", "尼龙66切片连续聚合")])
assert index.search(Doc("q", "PA66切片"))[0].id == "a"
bad = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
assert not bad, bad
print("ok")
"""


def test_it_imports_without_django() -> None:
    src = Path(kechuang.matching.__file__).resolve().parents[2]
    proc = subprocess.run(
        [sys.executable, "-c", CODE],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(src)},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"
    assert "Building prefix dict" not in proc.stderr


def test_no_module_imports_django_or_an_app() -> None:
    package = Path(kechuang.matching.__file__).resolve().parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            for name in names:
                assert not name.startswith("django"), (path.name, name)
                assert not name.startswith("kechuang.") or name.startswith("kechuang.matching")
