import json

import pytest
from django.core.management import call_command
from django.test import TestCase

from kechuang.evaluation.models import Scheme

from .data import DEFINITION


class SchemeCommandTests(TestCase):
    def test_it_loads_the_builtin_schemes_once(self):
        out = _run("load")
        assert "engineering-center" in out and "新增第1版" in out
        assert "未变化" in _run("load")
        assert Scheme.objects.filter(is_example=True).count() >= 4

    def test_it_loads_a_file_and_exports_it_back(self):
        path = self.tmp("scheme.json", json.dumps(DEFINITION, ensure_ascii=False))
        assert "test-scheme\t测试体系\t新增第1版" in _run("load", str(path))
        assert json.loads(_run("export", "test-scheme", "--format", "json")) == DEFINITION

    def test_it_refuses_a_bad_file_listing_every_problem(self):
        path = self.tmp("bad.json", json.dumps(dict(DEFINITION, window=0, missing="x")))
        with pytest.raises(SystemExit) as exit_info:
            call_command("scheme", "load", str(path), stdout=_Sink(), stderr=(err := _Sink()))
        assert exit_info.value.code == 2
        assert "window（数据期年数）应为 1–5 的整数" in err.text
        assert "missing（缺失值处理）只能为" in err.text
        assert not Scheme.objects.exists()

    def tmp(self, name, text):
        import tempfile
        from pathlib import Path

        folder = Path(tempfile.mkdtemp())
        path = folder / name
        path.write_text(text, encoding="utf-8")
        return path


class _Sink:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s

    def flush(self):
        pass


def _run(*args):
    out = _Sink()
    call_command("scheme", *args, stdout=out)
    return out.text
