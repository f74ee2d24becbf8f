"""Progress of a long command: a bar on a terminal (rich), plain lines otherwise.

On a terminal (standard error), a bar with the items done and the total, the rate and the
time left; the command's own lines print above it.  Elsewhere (a CI log, a pipe), a plain
line on standard error now and then (every few seconds, and at the end), so that logs show
that the work goes on and how fast.
"""

from __future__ import annotations

import time
from typing import Optional

import click


def _rate(done: int, elapsed: float, total: int, unit: str) -> str:
    if done == 0 or elapsed <= 0:
        return ""
    per_s = done / elapsed
    left = (total - done) / per_s if total > done else 0
    text = f" ({per_s:.1f} {unit}/s"
    return text + (f", about {_duration(left)} left)" if left else ")")


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


class Progress:
    """``with Progress(total, "articles") as p: ... p.advance()``."""

    #: Seconds between two plain lines.
    EVERY = 5.0

    def __init__(self, total: int, unit: str = "articles", *, enabled: bool = True,
                 terminal: Optional[bool] = None, console=None):
        from rich.console import Console

        self.total, self.unit, self.enabled = total, unit, enabled and total > 0
        self.console = console or Console(stderr=True)
        self.terminal = self.console.is_terminal if terminal is None else terminal
        self.done = 0
        self._bar = self._task = None
        self._start = self._last = 0.0

    def __enter__(self) -> "Progress":
        self._start = self._last = time.monotonic()
        if self.enabled and self.terminal:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn)
            self._bar = Bar(TextColumn("[bold]{task.description}"), BarColumn(),
                            MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                            TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
                            console=self.console, transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task(self.unit, total=self.total, rate="")
        return self

    def advance(self, n: int = 1) -> None:
        if not self.enabled:
            return
        self.done += n
        now = time.monotonic()
        if self._bar is not None:
            speed = self.done / max(now - self._start, 1e-9)
            self._bar.update(self._task, advance=n, rate=f"{speed:.1f}/s")
        elif now - self._last >= self.EVERY or self.done >= self.total:
            self._last = now
            click.echo(f"kg: {self.done}/{self.total} {self.unit}"
                       f"{_rate(self.done, now - self._start, self.total, self.unit)}", err=True)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)


__all__ = ["Progress"]
