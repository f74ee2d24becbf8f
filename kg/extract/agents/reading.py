"""One question "whom does this token name?", with what it needs: the article's context, the
sentence, how the caller wants the answer, and how deep in a chain of owners and bodies it
is asked ("a spokesman for the ministry of X's government": each step asks again).  The
depth is bounded, so no parse, however long, makes the reading recurse without end."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Optional

from kg.extract.context import ArticleContext
from kg.model import AgentRef

#: How many steps a chain of owners and bodies may take.
MAX_DEPTH = 8


@dataclass(frozen=True)
class Reading:
    ctx: ArticleContext
    si: int                             # index of the sentence
    ask: Callable[..., Optional[AgentRef]]   # the reader: (token, Reading) -> agent
    allow_people: bool = True
    subject: bool = False
    remember: bool = True
    depth: int = 0

    def again(self, tok, *, allow_people: bool = True, subject: bool = False,
              remember: bool = True) -> Optional[AgentRef]:
        """Whom *tok* names, asked one step deeper (the defaults of `make_agent`)."""
        if tok is None or self.depth >= MAX_DEPTH:
            return None
        return self.ask(tok, replace(self, allow_people=allow_people, subject=subject,
                                     remember=remember, depth=self.depth + 1))
