"""What the benchmarks share: peak-memory readings and running each measured step in a freshly
spawned interpreter (so that one step's caches and memory do not colour the next)."""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import traceback

# --- memory -------------------------------------------------------------------------------------


def _status_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def reset_peak() -> bool:
    """Reset this process's peak RSS (VmHWM) to its current RSS (Linux ≥ 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def peak_mb() -> float:
    hwm = _status_kb("VmHWM")
    if hwm is None:  # not Linux: the process's lifetime peak
        hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if sys.platform == "darwin":
            hwm //= 1024
    return hwm / 1024


def rss_mb() -> float:
    rss = _status_kb("VmRSS")
    return rss / 1024 if rss is not None else peak_mb()


# --- child processes ------------------------------------------------------------------------------


def _child(env: dict, function: str, args: tuple, conn) -> None:
    try:
        os.environ.update(env)
        import django

        django.setup()
        # The spawned interpreter imported the benchmark script as its main module.
        conn.send(("ok", getattr(sys.modules["__main__"], function)(*args)))
    except BaseException:
        conn.send(("error", traceback.format_exc()))
    finally:
        conn.close()


def start_child(env: dict, function: str, *args):
    """Start `function(*args)` in a spawned interpreter with `env` and Django set up."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(env, function, args, child))
    process.start()
    child.close()
    return function, process, parent


def finish(job):
    """Wait for a started child and return its result (its error re-raised here)."""
    function, process, parent = job
    try:
        status, value = parent.recv()
    except EOFError:
        process.join()
        status, value = "error", f"the process died (exit code {process.exitcode})"
    process.join()
    if status != "ok":
        raise RuntimeError(f"{function} failed:\n{value}")
    return value


def in_child(env: dict, function: str, *args):
    return finish(start_child(env, function, *args))


def start_postgres():
    """The test suite's throw-away cluster (Debian's binaries, run as `postgres` when root)."""
    from kechuang.core.testing.plugin import start_cluster

    return start_cluster()
