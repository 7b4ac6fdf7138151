import os
import subprocess
import sys

from django.conf import settings
from django.db import connection


def _settings_import(env):
    code = "import kechuang.config.settings as s; print(s.DATABASES['default']['ENGINE'])"
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("KECHUANG_") and k != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )


def test_secret_key_is_required_outside_debug():
    result = _settings_import({})
    assert result.returncode != 0
    assert "KECHUANG_SECRET_KEY must be set" in result.stderr


def test_debug_runs_without_secret_and_defaults_to_sqlite():
    result = _settings_import({"KECHUANG_DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_database_url_selects_postgresql():
    result = _settings_import(
        {"KECHUANG_DEBUG": "1", "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/kc"}
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_sqlite_uses_wal(django_db_blocker):
    if connection.vendor != "sqlite":
        return  # this run is on PostgreSQL; the SQLite run checks WAL
    assert "journal_mode=WAL" in settings.DATABASES["default"]["OPTIONS"]["init_command"]


def test_front_end_files_are_present():
    from django.contrib.staticfiles import finders

    for path in settings.NODE_STATIC_FILES:
        assert finders.find(f"vendor/{path}"), path
