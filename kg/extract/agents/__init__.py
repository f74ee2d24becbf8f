"""Agents: who a noun phrase names as a party or source, and of what kind.

`make_agent` answers for one token (the head of a subject, an object, a ``by``-phrase...):
names ("Amnesty International"), people with their role and body ("Igor Konashenkov, a
spokesman for the Russian Defence Ministry"), officials with no name ("a Hamas official"),
owners of documents and teams ("the Amnesty report", "an MSF team"), partitives ("one of the
residents"), and what refers back ("he", "the ministry", "the London-based rights group",
"the government": the state the article is about).  `remember_sentence` keeps the named
parties of each sentence for those references.  The words the rules use are data
(``kg/extract/data/agents.json``); see docs/extraction.md, section Agents.

Modules: `words` (the word lists), `phrases` (noun phrases and names as written), `kinds`
(the kind of a source from its words), `reading` (one question, with its bounded depth),
`memory` (mentions and references back), `people`, `bodies`, `make` (the decision list of
readers), `sentences` (remembering each sentence's names).
"""

from __future__ import annotations

from typing import Optional

from kg.extract.agents.make import is_agentive, make_agent
from kg.extract.agents.phrases import clean_name, np_tokens, span_of
from kg.extract.agents.sentences import remember_sentence
from kg.model import AgentRef


def root_party(agent: Optional[AgentRef]) -> Optional[AgentRef]:
    """The top of an affiliation chain: spokesman -> ministry -> state."""
    seen = 0
    while agent is not None and agent.speaks_for is not None and seen < 5:
        agent = agent.speaks_for
        seen += 1
    return agent


__all__ = ["make_agent", "is_agentive", "remember_sentence", "root_party", "np_tokens",
           "clean_name", "span_of"]
