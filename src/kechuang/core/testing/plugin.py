"""Pytest plugin for the Kechuang suite (loaded early via ``-p`` in pyproject's addopts).

It sets the environment the settings module needs and, with ``--postgres``, runs the whole
suite against a throw-away PostgreSQL cluster that it starts and stops itself. Django must
not be imported here: this module is loaded before pytest-django configures settings.
"""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("KECHUANG_SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("KECHUANG_MANIFEST_STATIC", "0")
# Every test class creates its personas' users: a slow password hash would dominate the suite.
os.environ.setdefault("KECHUANG_FAST_PASSWORD_HASHER", "1")
os.environ.setdefault("KECHUANG_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
# Playwright's sync API runs an event loop in the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DATABASE_NAME = "kechuang"
_PG_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def _find_bindir() -> Path:
    """Return a directory holding ``initdb`` and ``pg_ctl``: PATH first, then Debian's."""
    candidates: list[Path] = []
    if found := shutil.which("pg_ctl"):
        candidates.append(Path(found).resolve().parent)
    versioned = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += sorted(versioned, key=lambda p: _version_key(p.parent.name), reverse=True)
    for bindir in candidates:
        if all(os.access(bindir / name, os.X_OK) for name in ("initdb", "pg_ctl")):
            return bindir
    raise pytest.UsageError(
        "--postgres needs PostgreSQL's initdb and pg_ctl: install Debian's postgresql package "
        "(`make test` does it)."
    )


def _version_key(name: str) -> tuple[int, ...]:
    """Sort key for directory names such as ``15`` or ``9.6``."""
    return tuple(int(n) for n in re.findall(r"\d+", name))


def _free_port() -> int:
    """Ask the kernel for a currently unused TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresCluster:
    """A running throw-away cluster; ``url`` is suitable for ``DATABASE_URL``."""

    bindir: Path
    root: Path
    port: int
    version: str
    stopped: bool = False

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE_NAME}"

    def run(self, *cmd: str | Path) -> subprocess.CompletedProcess[str]:
        """Run a server binary, as the ``postgres`` OS user when we are root."""
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*prefix, *map(str, cmd)], cwd=self.root, capture_output=True, text=True, check=False
        )

    def stop(self) -> None:
        """Stop the server (if running) and delete the cluster's directory; idempotent."""
        if self.stopped:
            return
        self.stopped = True
        if (self.datadir / "postmaster.pid").exists():
            self.run(self.bindir / "pg_ctl", "stop", "-w", "-m", "fast", "-D", self.datadir)
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster() -> PostgresCluster:
    """Initialise and start a cluster in a fresh temporary directory, with a database
    ``kechuang`` owned by the superuser ``postgres`` (trust authentication)."""
    bindir = _find_bindir()
    root = Path(tempfile.mkdtemp(prefix="kechuang-pg-"))
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root.
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            raise pytest.UsageError("--postgres as root needs a `postgres` OS user") from None
        os.chown(root, user.pw_uid, user.pw_gid)
    out = subprocess.run([bindir / "pg_ctl", "--version"], capture_output=True, text=True).stdout
    version = m.group(1) if (m := re.search(r"\(PostgreSQL\) (\S+)", out)) else "?"
    cluster = PostgresCluster(bindir, root, _free_port(), version)
    atexit.register(cluster.stop)
    try:
        initdb = [bindir / "initdb", "-D", cluster.datadir, "-U", "postgres", "-A", "trust"]
        done = cluster.run(*initdb, "-E", "UTF8", "--locale=C.UTF-8")
        if done.returncode:
            shutil.rmtree(cluster.datadir, ignore_errors=True)
            done = cluster.run(*initdb, "-E", "UTF8", "--no-locale")
        _check(done, "initdb")
        options = (
            f"-p {cluster.port} -k {shlex.quote(str(root))} "
            f"-c listen_addresses=127.0.0.1 {_PG_OPTIONS}"
        )
        log = root / "postgres.log"
        pg_ctl = [bindir / "pg_ctl", "start", "-w", "-D", cluster.datadir, "-l", log]
        done = cluster.run(*pg_ctl, "-o", options)
        _check(done, "pg_ctl start", log)
        import psycopg  # a project dependency; imported lazily to keep plugin import cheap

        with psycopg.connect(cluster.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _check(done: subprocess.CompletedProcess[str], what: str, log: Path | None = None) -> None:
    """Raise a readable error carrying the command's output if it failed."""
    if done.returncode:
        details = done.stdout + done.stderr
        if log is not None and log.exists():
            details += log.read_text(errors="replace")
        raise pytest.UsageError(f"--postgres: {what} failed:\n{details}")


_cluster: PostgresCluster | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgres",
        action="store_true",
        help="run every database test on a real PostgreSQL server that the suite starts "
        "and stops itself",
    )


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> Generator[None, None, None]:
    """Start the cluster before pytest-django imports settings (which read DATABASE_URL).

    A wrapper runs its first half ahead of every plain implementation, pytest-django's and
    the output-capturing one included, whatever their registration order.
    """
    global _cluster
    if "--postgres" in args and _cluster is None:
        _cluster = start_cluster()
        os.environ["DATABASE_URL"] = _cluster.url
        sys.stderr.write(
            f"PostgreSQL {_cluster.version} started on 127.0.0.1:{_cluster.port} for the tests\n"
        )
    return (yield)


def pytest_unconfigure(config: pytest.Config) -> None:
    global _cluster
    if _cluster is not None:
        _cluster.stop()
        _cluster = None


@pytest.fixture(autouse=True)
def _source_language():
    """Every test starts in the source language (Simplified Chinese): a test that switches to
    English (the language switch, the English UI tests) must not leak it into the next one."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
