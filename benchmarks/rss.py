"""Run a command and print its peak RSS: ``python -m benchmarks.rss OUT.json CMD ARGS...``.

A small launcher, so that the peak the kernel reports is the command's own: a process forked
from a large one (the harness) starts with its parent's high-water mark, which survives
``exec``; forked from this small one, the command's peak is its own (and that of its largest
child process, such as an ingest worker).
"""

import json
import os
import subprocess
import sys


def main() -> None:
    out, argv = sys.argv[1], sys.argv[2:]
    proc = subprocess.Popen(argv)
    _, status, usage = os.wait4(proc.pid, 0)
    with open(out, "w") as f:
        json.dump({"peak_rss_mb": usage.ru_maxrss / 1024,
                   "returncode": os.waitstatus_to_exitcode(status)}, f)
    sys.exit(min(255, max(0, os.waitstatus_to_exitcode(status))))


if __name__ == "__main__":
    main()
