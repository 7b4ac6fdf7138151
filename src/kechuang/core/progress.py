"""A terminal progress bar for long commands (synthetic data, imports, batch evaluations)."""

import sys
import time


class ProgressBar:
    """``with ProgressBar(total, "生成企业") as bar: bar.advance(n)`` — redraws at most 10×/s."""

    def __init__(self, total: int, label: str, stream=None, width: int = 30):
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def __enter__(self):
        self._draw()
        return self

    def __exit__(self, *exc):
        self.done = min(self.done, self.total)
        self._draw(force=True)
        self.stream.write("\n")
        self.stream.flush()

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        """The job-progress callback (see kechuang.jobs.runner): the same batch functions report
        to a web job or, through this, to the terminal."""
        if total:
            self.total = max(total, 1)
        if message:
            self.label = message
        self.advance(done - self.done)

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._draw()

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._drawn < 0.1:
            return
        self._drawn = now
        share = min(self.done / self.total, 1.0)
        filled = int(share * self.width)
        elapsed = now - self.started
        self.stream.write(
            f"\r{self.label} [{'█' * filled}{'·' * (self.width - filled)}] "
            f"{share * 100:5.1f}% {self.done:,}/{self.total:,} {elapsed:6.1f}s"
        )
        self.stream.flush()
