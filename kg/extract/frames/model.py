"""A frame: who says what, and how it is said."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from kg.model import AgentRef, Span


@dataclass
class Frame:
    speaker: Optional[AgentRef]
    content: Span             # the evidence: the words of what is said
    mode: str                 # direct | indirect | unattributed | pending
    cue: str                  # lemma of the verb, or "according", "alleged", ...
    sent_index: int
    tokens: list = field(default_factory=list)   # content tokens
    obj: object = None        # object of a deny / accuse / condemn verb
    accused: list = field(default_factory=list)  # tokens of parties blamed explicitly
    continuation: bool = False  # a quotation paragraph continuing the previous speaker
    negated_cue: bool = False
    negated_subject: bool = False   # "no one believed ..."
    fresh: bool = False       # marked as a further statement ("also said", "added")
    cue_span: Optional[Span] = None
    from_pending: bool = False
    by_reference: bool = False   # the speaker is a pronoun or description ("he", "the ministry")
    pattern: str = ""         # the pattern that found it, for explanations and tests
    blames: list = field(default_factory=list)   # parties blamed, known as agents already
