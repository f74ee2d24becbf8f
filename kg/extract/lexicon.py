"""Word lists the extractor's rules are built on, read from ``data/lexicon.json``.

Drawn from general knowledge of how news English reports speech, blame and violence (the
verbs of saying of reported-speech grammars, the vocabulary of international humanitarian
law and of conflict reporting), not from any particular article.  Lemmas are lowercase.
Each list is documented in the data file; the names here are the lists' ids in capitals.
"""

from __future__ import annotations

import json
import re

from kg.extract.patterns import DATA, lexicon

_LISTS = lexicon().lists

REPORTING_VERBS = _LISTS["reporting_verbs"]
EVALUATE_VERBS = _LISTS["evaluate_verbs"]
CALL_VERBS = _LISTS["call_verbs"]
DENIAL_NOUNS = _LISTS["denial_nouns"]
ACCUSE_VERBS = _LISTS["accuse_verbs"]
CONDEMN_VERBS = _LISTS["condemn_verbs"]
DENY_VERBS = _LISTS["deny_verbs"]
ALLEGATION_NOUNS = _LISTS["allegation_nouns"]
EXCUSE_NOUNS = _LISTS["excuse_nouns"]
DISMISSAL_WORDS = _LISTS["dismissal_words"]
#: phrases, matched in the lowercased text
JUSTIFICATION_PATTERNS = tuple(sorted(_LISTS["justification_patterns"]))
HEDGES = _LISTS["hedges"]
PASSIVE_REPORT_VERBS = _LISTS["passive_report_verbs"]
ATTACK_VERBS = _LISTS["attack_verbs"]
ATTACK_NOUNS = _LISTS["attack_nouns"]
EVENT_NOUNS = _LISTS["event_nouns"]
CASUALTY_VERBS = _LISTS["casualty_verbs"]
CASUALTY_NOUNS = _LISTS["casualty_nouns"]
HARM_WORDS = _LISTS["harm_words"]
VIOLATION_WORDS = _LISTS["violation_words"]
MEANS_NOUNS = _LISTS["means_nouns"]
PERSON_PRONOUNS = _LISTS["person_pronouns"]
GROUP_PRONOUNS = _LISTS["group_pronouns"]
CALENDAR = _LISTS["calendar"]

#: Head nouns (and two-word terms) of protected objects, by category
#: (see kg.model.TARGET_CATEGORIES).
TARGET_TERMS: dict[str, str] = json.loads(
    (DATA / "lexicon.json").read_text(encoding="utf-8"))["target_terms"]["terms"]

#: Words marking an explicit non-denial.
NON_DENIAL = re.compile(
    r"(\b((did|does|do|would|could|has|have|had|will)\s+)?(neither|not|never|declined to|"
    r"refused to)\b|\w+n[’']t\b)[\w ]{0,16}?\bconfirm(ed|s)?\s+"
    r"(n?or)\s+"
    r"den(y|ied|ies)\b")

