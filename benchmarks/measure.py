"""Measuring: wall time and peak memory of a command, medians, the machine's description."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Command:
    """What one run of a command cost: wall seconds, peak RSS (MB), exit code, output."""

    argv: list[str]
    seconds: float
    peak_rss_mb: float
    returncode: int
    stdout: str
    stderr: str = ""

    def json(self) -> dict:
        """The last line of the output that is a JSON object (what benchmarks.child prints)."""
        for line in reversed(self.stdout.splitlines()):
            if line.startswith("{"):
                return json.loads(line)
        raise RuntimeError(f"no JSON from {' '.join(self.argv)}:\n{self.stdout}\n{self.stderr}")


def run(argv: Sequence[str], *, env: Optional[dict] = None, check: bool = True) -> Command:
    """Run *argv* as a child process, through the small launcher `benchmarks.rss`, which
    reports the peak RSS the kernel gives for it (`os.wait4`: the largest resident set of
    the process and of the children it waited for)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.TemporaryDirectory() as tmp:
        peak = Path(tmp) / "rss.json"
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "rss.py"), str(peak),
                       *argv], stdout=out, stderr=err, env=full_env, cwd=ROOT)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        rss = json.loads(peak.read_text())
        cmd = Command(list(argv), seconds, rss["peak_rss_mb"], rss["returncode"], out.read(),
                      err.read())
    if check and cmd.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited with {cmd.returncode}:\n{cmd.stderr}")
    return cmd


def python(*args: str, **kw) -> Command:
    """``python ARGS`` with this interpreter and the repository on the path."""
    return run([sys.executable, *args], **kw)


def kg(*args: str, **kw) -> Command:
    """The ``kg`` command (as ``python -m kg``, the same code as the console script)."""
    return python("-m", "kg", *args, **kw)


def timed(fn: Callable, *args, **kwargs):
    start = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - start, out


def median_time(fn: Callable, runs: int, *args, **kwargs) -> tuple[float, object]:
    """Median seconds of *runs* calls, and the last result."""
    times, out = [], None
    for _ in range(runs):
        t, out = timed(fn, *args, **kwargs)
        times.append(t)
    return statistics.median(times), out


def disk_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def machine() -> dict:
    """What the figures were measured on."""
    import pyoxigraph
    import rdflib
    import spacy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        pass
    try:
        import pyshacl
        shacl = pyshacl.__version__
    except Exception:           # pragma: no cover
        shacl = "?"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(mem_gb or 0, 1),
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "spacy": spacy.__version__,
            "pyoxigraph": pyoxigraph.__version__, "rdflib": rdflib.__version__,
            "pyshacl": shacl, "load_average": list(os.getloadavg())}


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


@dataclass
class Stopwatch:
    """Seconds spent per named stage (wrapped functions add to it)."""

    seconds: dict[str, float] = field(default_factory=dict)
    calls: dict[str, list[float]] = field(default_factory=dict)

    def add(self, stage: str, dt: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + dt
        self.calls.setdefault(stage, []).append(dt)

    def wrap(self, stage: str, fn: Callable) -> Callable:
        def timed_call(*args, **kwargs):
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.add(stage, time.perf_counter() - start)
        return timed_call

    def wrap_iter(self, stage: str, fn: Callable) -> Callable:
        """For a function returning an iterator: the time spent producing each item."""
        def timed_iter(*args, **kwargs):
            it = iter(fn(*args, **kwargs))
            while True:
                start = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.add(stage, time.perf_counter() - start)
                    return
                self.add(stage, time.perf_counter() - start)
                yield item
        return timed_iter
