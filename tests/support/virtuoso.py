"""A real Virtuoso (Debian's `virtuoso-opensource`) on 127.0.0.1, for the remote tests.

Started by the tests themselves, never as a system service: a temporary database folder,
a `virtuoso.ini` of our own with free ports bound to 127.0.0.1, ``virtuoso-t +foreground``,
stopped (and its folder left to pytest's tmp_path cleanup) at the end of the session.
A fresh database has the account ``dba``/``dba``; updates go to ``/sparql-auth`` with
Digest authentication, queries to ``/sparql``.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Optional

BINARY = "virtuoso-t"
USER, PASSWORD = "dba", "dba"
START_TIMEOUT = 60

INI = """\
[Database]
DatabaseFile       = {d}/virtuoso.db
ErrorLogFile       = {d}/virtuoso.log
LockFile           = {d}/virtuoso.lck
TransactionFile    = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
MaxCheckpointRemap = 2000
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {d}/virtuoso-temp.db
TransactionFile    = {d}/virtuoso-temp.trx

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CaseMode           = 2
DirsAllowed        = {d}
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
CheckpointInterval = 0

[HTTPServer]
ServerPort         = 127.0.0.1:{http_port}
ServerRoot         = {d}
ServerThreads      = 4
Charset            = UTF-8

[SPARQL]
ResultSetMaxRows      = 100000
MaxQueryExecutionTime = 60
"""


def _die_with_parent() -> None:
    """In the child: ask Linux to stop the server if the test run dies without stopping it."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass


def binary() -> Optional[str]:
    return shutil.which(BINARY)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class VirtuosoServer:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.http_port, sql_port = free_port(), free_port()
        self.base = f"http://127.0.0.1:{self.http_port}"
        self.query_url = f"{self.base}/sparql"
        self.update_url = f"{self.base}/sparql-auth"
        ini = self.folder / "virtuoso.ini"
        ini.write_text(INI.format(d=self.folder, sql_port=sql_port, http_port=self.http_port),
                       encoding="utf-8")
        self.proc = subprocess.Popen([binary(), "+foreground", "+configfile", str(ini)],
                                     cwd=self.folder, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                urllib.request.urlopen(self.query_url + "?query=ASK%7B%7D", timeout=2).read()
                break
            except (OSError, urllib.error.URLError):
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("virtuoso-t did not start: " + self.log())
                time.sleep(0.2)

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else "(no log)"

    def update(self, text: str) -> None:
        """Run an update as dba (Digest), outside kg."""
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, self.update_url, USER, PASSWORD)
        opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))
        req = urllib.request.Request(self.update_url, data=text.encode(), method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
        opener.open(req, timeout=60).read()

    def clear(self, prefix: str = "https://w3id.org/evidence-kg/") -> None:
        """Drop every graph whose name starts with *prefix* (Virtuoso has system graphs of
        its own: no DROP ALL)."""
        query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        req = urllib.request.Request(
            self.query_url, data=urllib.parse.urlencode({"query": query}).encode(),
            headers={"Accept": "application/sparql-results+json"}, method="POST")
        with urllib.request.urlopen(req, timeout=60) as resp:
            rows = json.load(resp)["results"]["bindings"]
        for g in sorted(r["g"]["value"] for r in rows):
            if g.startswith(prefix):
                self.update(f"DROP SILENT GRAPH <{g}>")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:  # pragma: no cover
                self.proc.kill()
                self.proc.wait(10)
