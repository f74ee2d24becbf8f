"""Progress of a long command on stderr: a `rich` bar on a terminal (done / total, rate, time
left), a few plain lines otherwise (logs, CI), so that output stays readable either way.
`kg ingest` (articles) and `kg push` (graphs) both report through it.

    with ProgressReport("push", "graphs") as report:
        for i, item in enumerate(items, 1):
            ...
            report.update(i, len(items))

or, when the total is known beforehand and items finish one by one:

    with ProgressReport("ingest", "articles", total=len(files)) as report:
        for f in files:
            ...
            report.advance()
"""

from __future__ import annotations

import sys
from typing import Optional

import click

PLAIN_STEPS = 20      # plain lines: the first, then one per 5%


class ProgressReport:
    """Report *done* of *total* *unit* for the command *label*; `update` or `advance` as work
    goes.  With *enabled* false (``--no-progress``) it reports nothing."""

    def __init__(self, label: str, unit: str, terminal: Optional[bool] = None, console=None,
                 *, total: Optional[int] = None, enabled: bool = True):
        self.label, self.unit, self.console = label, unit, console
        if terminal is None:
            terminal = console is not None or sys.stderr.isatty()
        self.terminal = terminal
        self.enabled = enabled and total != 0
        self.done, self.total = 0, total
        self._bar = self._task = None
        self._step = -1

    def __enter__(self) -> "ProgressReport":
        if self.enabled and self.terminal:
            from rich.console import Console
            from rich.progress import (
                BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn,
            )

            self._bar = Progress(TextColumn(f"kg: {self.label}"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn(self.unit),
                                 TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                                 console=self.console or Console(stderr=True),
                                 transient=True)
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, rate="")
        return self

    def advance(self, n: int = 1) -> None:
        """*n* more items done, of the *total* given at the start."""
        self.update(self.done + n, self.total or 0)

    def update(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(self._task, completed=done, total=total)
            speed = self._bar.tasks[0].speed
            self._bar.update(self._task, rate=f"{speed:.1f} {self.unit}/s" if speed else "")
            return
        step = done * PLAIN_STEPS // total if total else PLAIN_STEPS
        if step != self._step:
            self._step = step
            click.echo(f"kg: {self.label}: {done}/{total} {self.unit}", err=True)

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.stop()


__all__ = ["PLAIN_STEPS", "ProgressReport"]
