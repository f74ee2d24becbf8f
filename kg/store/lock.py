"""One writer or many readers per store, across processes (``fcntl.flock``).

Oxigraph itself lets one process open a database read-write and fails at once for a second
one; opening it read-only while another process writes is undefined behaviour.  So every
``kg`` command takes this lock first: a writer an exclusive lock, a reader a shared one.  A
writer records who it is (PID, command, start time) in the lock file, so that whoever waits
for it can say whom it is waiting for.  The operating system releases the lock when the
holding process dies, even on ``kill -9``: a crashed ingest never leaves a stale lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from pathlib import Path
from typing import Optional

from kg.errors import StoreLockedError

POLL_SECONDS = 0.05


class StoreLock:
    def __init__(self, path: Path, exclusive: bool):
        self.path = Path(path)
        self.exclusive = exclusive
        self._fd: Optional[int] = None

    def acquire(self, wait: float, store: Path) -> "StoreLock":
        """Take the lock, waiting up to *wait* seconds; raise `StoreLockedError` after that."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        op = (fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, op)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise self._locked_error(store, wait) from None
                time.sleep(POLL_SECONDS)
        self._fd = fd
        if self.exclusive:
            holder = {"pid": os.getpid(), "command": " ".join(sys.argv)[:300],
                      "since": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(holder).encode(), 0)
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            if self.exclusive:
                os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    def holder(self) -> Optional[dict]:
        """Who holds the write lock, as recorded in the lock file (None: readers, or nobody)."""
        try:
            text = self.path.read_text(encoding="utf-8").strip()
            return json.loads(text) if text else None
        except (OSError, ValueError):
            return None

    def _locked_error(self, store: Path, wait: float) -> StoreLockedError:
        holder = self.holder()
        if holder:
            who = f"process {holder.get('pid')} ({holder.get('command', '?')}, since " \
                  f"{holder.get('since', '?')})"
            cause = f"{who} is writing to it"
        else:
            cause = "other processes are reading it (kg query, kg export, kg push...)"
        want = "write to" if self.exclusive else "read"
        return StoreLockedError(
            "E610", f"cannot {want} the store {store}: still locked after waiting {wait:g} s",
            cause, "wait until that process ends, or give a longer --wait",
            pid=holder.get("pid") if holder else None)
