"""Review actions in the served dossier (``kg serve --review``): the pages get a small
script (`static/review.js`) that posts an analyst's decisions to ``POST /review``, which
makes them with `kg.review.session.decide`, as ``kg review`` does.

A request must carry the server's token (a random value given to the pages it serves, in
the ``X-KG-Review-Token`` header), come from the server's own origin when the browser says
where it comes from, and hold a small JSON object; anything else is refused.  The server
listens on a loopback address only (`kg.cli.report` refuses another with ``--review``).
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Optional

from kg.errors import KgError

#: Most a request body may hold (a decision is a few hundred bytes)
MAX_BODY = 64 * 1024
ACTIONS = ("accept", "reject", "correct", "add")
SCRIPT = Path(__file__).resolve().parent / "static" / "review.js"


class ReviewActions:
    """What ``POST /review`` does, for the store at *store_dir*."""

    def __init__(self, store_dir: Path, wait: float):
        self.store_dir = Path(store_dir)
        self.wait = wait
        self.token = secrets.token_urlsafe(24)

    def head(self) -> bytes:
        """What goes into every served page's ``<head>``: the token and the script."""
        return (f'<meta name="kg-review-token" content="{self.token}">'
                '<script src="/review.js" defer></script>').encode("ascii")

    def inject(self, page: bytes) -> bytes:
        return page.replace(b"</head>", self.head() + b"</head>", 1)

    def script(self) -> bytes:
        return SCRIPT.read_bytes()

    def allowed(self, headers, origin: str) -> Optional[str]:
        """Why a request is refused (None: it is not)."""
        if not secrets.compare_digest(headers.get("X-KG-Review-Token", ""), self.token):
            return "no valid review token: reload the page"
        sent = headers.get("Origin")
        if sent is not None and sent != origin:
            return f"requests from {sent} are not accepted"
        if not (headers.get("Content-Type", "").split(";")[0].strip() == "application/json"):
            return "the request is not JSON"
        return None

    def post(self, body: bytes) -> tuple[int, dict]:
        """Make the decision a request asks for: (HTTP status, JSON answer)."""
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return 400, {"error": "the request is not JSON"}
        if not isinstance(data, dict) or data.get("action") not in ACTIONS:
            return 400, {"error": f"the action must be one of {', '.join(ACTIONS)}"}
        try:
            return 200, self._decide(data)
        except KgError as err:
            return 400, {"error": str(err)}
        except (TypeError, ValueError) as err:
            return 400, {"error": f"bad request: {err}"}

    def _decide(self, data: dict) -> dict:
        from kg.review.decisions import describe
        from kg.review.session import decide
        from kg.store import Store

        def text(key: str) -> Optional[str]:
            v = data.get(key)
            if v is None or v == "":
                return None
            if not isinstance(v, str) or len(v) > 10_000:
                raise ValueError(f"{key} must be a string")
            return v

        def number(key: str) -> Optional[int]:
            v = data.get(key)
            if v is None:
                return None
            if not isinstance(v, int) or isinstance(v, bool) or v < 0:
                raise ValueError(f"{key} must be a whole number")
            return v

        values = {prop: [text(key)] for key, prop in (("source", "source"), ("kind", "kind"),
                                                       ("denial_kind", "denial_kind"))
                  if text(key)}
        with Store.open(self.store_dir, "w", wait=self.wait, ontology=False) as store:
            d = decide(store, data["action"], by=text("by"), reason=text("reason") or "",
                       values=values, item=text("item"), article=text("article"),
                       quote=text("quote"), start=number("start"), end=number("end"),
                       kind=text("item_kind") or "claim")
        return {"decision": f"id:review/{d.key}", "text": describe(d)}


__all__ = ["ReviewActions"]
