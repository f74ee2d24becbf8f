"""Attacks: the incidents an article reports, with what was hit, where, when, by whom, with
what and the toll; which claims concern which incident; the article's own allegations.

A few general mechanisms, each a module, with their words and patterns as data
(``kg/extract/data/attacks.json`` and the lexicon):

- `triggers`: the words that may name one incident (attack verbs and nouns, harm);
- `targets`: the protected objects and people hit, by category;
- `places`: where, in one sentence, it may have happened, ranked by specificity and tie to
  the attack;
- `when`: the dates that date the incident, not the statement;
- `mentions`: what one sentence says of an incident (the above, with casualty figures from
  `kg.extract.numbers`, perpetrators from `kg.extract.harm.doers_of`, and the weapon);
- `incidents`: the grouping of mentions into the incidents of the article, every mention
  kept as evidence;
- `links`: which claims concern which incidents, and the article's own allegations.

See docs/extraction.md, "Attacks".
"""

from kg.extract.attacks.incidents import find_attacks
from kg.extract.attacks.links import article_voice_claims, link_attacks

__all__ = ["find_attacks", "link_attacks", "article_voice_claims"]
