"""Casualty figures in news text: "at least 39 people were killed", "injuring more than 60".

`find_figures` finds numbers that count the dead or the wounded and returns each as a
`FigureMention`: the words of the figure, whether they count the killed or the injured,
and a `kg.model.Figure` (count, qualifier, upper bound, children and women among them).
Plain regular expressions, no spaCy: it runs on every sentence.

>>> text = ("Shells hit the market, killing 43 civilians, most of them children, "
...         "and injuring more than 60 others.")
>>> for m in find_figures(text):
...     print(repr(m.span.text(text)), m.casualty, m.figure.count, m.figure.qualifier)
'killing 43 civilians' killed 43 exact
'injuring more than 60 others' injured 60 more_than

A number is a casualty figure when the words around it say so:

- a verb or noun of death or injury after it: "471 people were killed", "one person
  perished", "nine wounded", "270 bodies", "16 deaths", "56 killed", "lay dead", "were later
  confirmed by the Coalition as having been killed";
- or one before it: "killing 20", "wounding another 75", "killed between 105 and 141",
  "claimed the lives of 56", "the death toll rose to 85", "the bodies of 12";
- or it is joined by "and" to such a figure: "killing 20 civilians and 5 soldiers".

`casualty` is ``"killed"``, ``"injured"``, or None when the words do not say which
("30 casualties", "40 victims", "left 12 dead and wounded", "killed and injured 9").

Numbers: digits ("471", "1,200", "40+"), words ("one", "Thirty-nine", "two hundred and
fifty", "three thousand"), "a dozen" (12, approximately), "half a dozen", "two dozen".
Qualifiers: at least / no fewer than / a minimum of -> ``at_least``; more than / over /
upwards of / in excess of / well over -> ``more_than``; about / around / some / nearly /
almost / roughly / approximately / an estimated / close to / "40-odd" / "or so" ->
``approximately``; up to / as many as / at most / no more than / fewer than -> ``at_most``
(`upper` is the number too); between N and M / N to M / N-M / N or M / "at least N and as
many as M" -> ``between`` (`count` N, `upper` M).  "N or more" and "N+" are ``at_least``.

Children and women: "At least 39 people, including four children, were killed", "710
civilians killed, of whom 161 were children and 104 women", "killing 12, five of them
children", "16 children were killed" (all of them children).

Not figures: vague quantities ("dozens", "hundreds", "scores", "thousands", "tens of
thousands": no number, so no mention), years ("in 2015"), dates ("15 February"), times,
ages ("aged 16", "a 15-year-old"), percentages, money, distances and areas ("100 square
kilometres"), durations ("14-month conflict", "five years"), compounds ("nine-man team",
"F-16"), ordinals ("3rd"), parts of a group ("Thirty-nine of the deceased", "13 of whom"),
"one of", "no one", and numbers of attackers or weapons ("two air strikes killed 30 people",
"three gunmen killed a guard": a verb with an object after it counts the victims there).

Only figures in a casualty context are returned: a number with no word of death or injury
near it gives no mention.  `FigureMention.number` locates the number and its qualifier
within `span`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from kg.model import Figure, Span

__all__ = ["FigureMention", "find_figures", "parse_number"]


@dataclass(frozen=True)
class FigureMention:
    """A casualty figure as the text states it."""

    span: Span                  # the words of the figure ("killing 43 civilians")
    casualty: Optional[str]     # "killed", "injured", or None when the words do not say
    figure: Figure              # its `span` is `span` too
    number: Span                # the number with its qualifier ("more than 60")


# ---- numbers ----------------------------------------------------------------------------

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

_UNIT_RE = "|".join(sorted((w for w in _UNITS if w != "zero"), key=len, reverse=True))
_TEN_RE = "|".join(_TENS)
_SMALL = (rf"(?:(?:{_TEN_RE})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)"
          rf"(?![a-z]))?|(?:{_UNIT_RE}))(?![a-z])")
_HUNDREDS = rf"(?:(?:{_SMALL}|an?)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?(?![a-z])|{_SMALL})"
_WORDS = (rf"(?:(?:{_HUNDREDS}|an?)\s+(?:thousand|million)(?:\s+(?:and\s+)?{_HUNDREDS})?"
          rf"(?![a-z])|{_HUNDREDS})")
_DOZEN = r"(?:(?:half\s+a|an?|one|two|three|four|five|six)\s+)?dozen(?![a-z])"
_DIGITS = (r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?i:hundred|thousand|million)(?![a-z]))?"
           r"(?![\d,.]\d)")
#: A number: digits, words, or a dozen; never inside a word or a longer number.
_NUM = rf"(?<![\w.,$£€¥/-])(?:{_DIGITS}|(?i:{_DOZEN}|{_WORDS}))(?!\w)"
_NUM_AFTER_DASH = _NUM.replace("/-])", "/])", 1)     # the second number of "40-55"


def parse_number(words: str) -> int:
    """The value of a number written in digits or words.

    >>> [parse_number(w) for w in ("1,200", "Thirty-nine", "two hundred and fifty",
    ...                             "a dozen", "half a dozen", "3 thousand", "a hundred")]
    [1200, 39, 250, 12, 6, 3000, 100]
    """
    text = words.lower().replace(",", "")
    total, current = 0, 0
    for token in re.split(r"[\s-]+", text):
        if not token or token == "and":
            continue
        if token in ("a", "an"):
            current = current or 1
        elif token == "half":
            current = 0.5
        elif token[0].isdigit():
            current += float(token)
        elif token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "dozen":
            current = (current or 1) * 12
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0
        else:
            raise ValueError(f"not a number: {words!r}")
    return int(round(total + current))


def _scale_of(words: str) -> int:
    m = re.search(r"(hundred|thousand|million)\s*$", words.lower())
    return _SCALES[m.group(1)] if m else 1


# ---- patterns ---------------------------------------------------------------------------

_QUALIFIERS = {
    "at_least": ("at least", "no fewer than", "no less than", "not fewer than", "not less than",
                 "a minimum of"),
    "more_than": ("more than", "well over", "just over", "over", "upwards of", "in excess of",
                  "above", "well above"),
    "approximately": ("about", "around", "some", "approximately", "roughly", "nearly",
                      "almost", "close to", "an estimated", "estimated", "just under",
                      "around about", "approx."),
    "at_most": ("up to", "as many as", "at most", "no more than", "not more than",
                "a maximum of", "fewer than", "less than"),
}
_QUALIFIER_OF = {" ".join(q.split()): k for k, qs in _QUALIFIERS.items() for q in qs}
_QUAL = "|".join(r"\s+".join(map(re.escape, q.split()))
                 for q in sorted(_QUALIFIER_OF, key=len, reverse=True))

def _cased(words) -> str:
    """A flat alternation of lower-case, capitalised and upper-case forms: the regex engine
    scans for the first letters of literals fast, and slowly for case-insensitive words."""
    forms = {f for w in words for f in (w, w.capitalize(), w.upper())}
    return "|".join(sorted(forms, key=len, reverse=True))


#: Where a number may start: digits, or a number word.  Scanned for first; the number phrase
#: is then matched there, and its qualifier read backwards (see `find_figures`).
_START = re.compile(rf"\d+|(?:{_cased(w for w in list(_UNITS) + list(_TENS) if w != 'zero')})"
                    r"(?![a-z])|[Aa]n?\s+(?=(?i:dozen|hundred|thousand))|[Hh]alf\s+a\s+dozen")
#: A number phrase from its number on: perhaps a second number (a range or an alternative)
#: and a trailing qualifier ("or more", "+", "-odd").  "N and M" only after "between".
_TAIL = (r"(?P<trail>\s+(?i:or\s+more|or\s+so)(?![A-Za-z])|\+|-?(?i:odd)(?![A-Za-z]))?")
_AT = re.compile(
    rf"(?P<n>{_NUM})(?:(?P<dash>\s*[-–]\s*|\s+(?i:to)\s+)(?P<n2>{_NUM_AFTER_DASH})"
    rf"|\s+(?i:or)\s+(?:(?i:even|perhaps|possibly|maybe)\s+)?(?P<n3>{_NUM})"
    rf"|\s+(?i:and)\s+(?P<n4>{_NUM}))?" + _TAIL)
_AT_NO_AND = re.compile(
    rf"(?P<n>{_NUM})(?:(?P<dash>\s*[-–]\s*|\s+(?i:to)\s+)(?P<n2>{_NUM_AFTER_DASH})"
    rf"|\s+(?i:or)\s+(?:(?i:even|perhaps|possibly|maybe)\s+)?(?P<n3>{_NUM}))?" + _TAIL)
#: Words before the number: a qualifier, or "between" / "from" of a range.
_BEFORE = re.compile(rf"(?:(?<![A-Za-z])(?P<between>(?i:between|from))\s+"
                     rf"|(?<![A-Za-z])(?P<qual>(?i:{_QUAL}))\s+)?\Z")

#: "at least 105 and as many as 141": an upper bound after the phrase.
_UPPER = re.compile(rf"\s*,?\s+(?i:and|but|to)\s+(?:(?i:possibly|perhaps|maybe)\s+)?"
                    rf"(?i:as\s+many\s+as|up\s+to)\s+(?P<m>{_NUM})")

_CHILDREN = r"(?i:children|child|kids|minors|boys|girls|schoolchildren)"
_WOMEN = r"(?i:women|woman)"

_STOP = (r"(?:said|says|say|told|tell|according|who|which|that|whom|whose|and|or|but|as|when|"
         r"while|after|before|because|if|in|on|at|from|with|without|within|for|to|of|by|into|"
         r"near|across|along|around|among|amid|against|over|under|through|throughout|inside|"
         r"outside|including|per|about|during|since|than|where|were|was|are|is|be|been|being|"
         r"have|has|had|having|may|might|could|would|will|not|also|all|the|a|an|their|its|his|"
         r"her|this|these|those|more|less|some|many|most|few|hundreds?|thousands?|millions?|"
         r"dozens?|scores?|" + "|".join(list(_UNITS) + list(_TENS)) + r")")
_AUX = (r"(?:who|that|were|was|are|is|be|been|being|have|has|had|having|as|also|all|later|"
        r"initially|"
        r"reportedly|reported|confirmed|believed|feared|thought|said|known|estimated|presumed|"
        r"listed|found|left|now|already|either|both|so\s+far|in\s+total|altogether|to|may|might|"
        r"could|would|will|appear|appears|appeared|seem|seems|seemed|seriously|critically|"
        r"severely|badly|slightly|lightly|fatally|mortally|gravely|allegedly|officially|"
        r"subsequently|eventually|then|still|lying|lay|lie|lies|not)")
_SP = r"[^\S\n]+"                  # spaces within a line: a figure does not run on past one
_BY = rf"by{_SP}(?:the{_SP})?[A-Z][\w’'-]*(?:{_SP}[A-Z][\w’'-]*)?"
_KILLED_WORDS = (r"killed|dead\s+bodies|dead|died|dies|die|perished|deaths|bodies|corpses|"
                 r"lives\s+(?:were\s+|have\s+been\s+)?lost|lives|fatalities|slain|murdered|"
                 r"massacred|executed|martyred|martyrs|lost\s+their\s+lives|"
                 r"(?:shot|stabbed|beaten|burned|burnt|hacked|crushed|starved)"
                 r"\s+(?:dead|to\s+death)")
_INJURED_WORDS = r"injured|wounded|hurt|injuries|maimed|wounds"
_VAGUE_WORDS = r"casualties|victims"

#: After the number: a few words of a noun phrase, an aside (", including four children,"),
#: auxiliaries ("were later confirmed by the Coalition as having been") and the word.
_RIGHT = re.compile(
    rf"(?P<noun>(?:{_SP}(?!(?i:{_STOP})(?![\w’'-]))[A-Za-z][\w’'-]*){{0,4}}?)"
    r"(?P<aside>[^\S\n]*[,(–—][^\S\n]*(?i:including|among\s+them|among\s+whom|of\s+whom|"
    r"most\s+of\s+them|many\s+of\s+them|some\s+of\s+them|all\s+of\s+them|mostly|mainly|"
    r"among\s+those|whose|who)\b[^.;:!?()\n]{0,80}?[,)–—])?"
    rf"(?P<aux>(?:{_SP}(?:(?i:{_AUX})|{_BY})(?![\w’'-]))*?)"
    rf"{_SP}(?P<cas>(?i:(?P<k>{_KILLED_WORDS})|(?P<i>{_INJURED_WORDS})|(?P<v>{_VAGUE_WORDS})))"
    r"(?![\w’'-])"
    rf"(?P<both>{_SP}(?i:and|or){_SP}(?i:killed|dead|died|wounded|injured|hurt|maimed)"
    r"(?![\w’'-]))?")

#: Before the number: a verb or noun of death or injury ("killing", "the death toll rose to").
_LEFT = re.compile(
    r"(?<![A-Za-z])(?:"
    r"(?P<k>(?i:killing|killed|kills|kill|massacring|massacred|slaughtering|slaughtered|"
    r"executing|executed|murdering|murdered|slaying|slew|gunning\s+down|gunned\s+down|"
    r"shooting\s+dead|shot\s+dead|(?:the\s+)?(?:lives|deaths|bodies|corpses|killing|killings|"
    r"massacre|murders?)\s+of|(?:(?:death\s+)?toll|number\s+of\s+(?:the\s+)?(?:dead|deaths|"
    r"fatalities|people\s+killed|those\s+killed))\b[^.;:!?\d]{0,40}?\b(?:at|to|of|reached|hit|"
    r"is|was|stood\s+at|stands\s+at)))"
    r"|(?P<i>(?i:injuring|injured|injures|injure|wounding|wounded|wounds|hurting|maiming|"
    r"maimed|injuries\s+to|number\s+of\s+(?:the\s+)?(?:wounded|injured|injuries)\b"
    r"[^.;:!?\d]{0,40}?\b(?:at|to|of|reached|hit|is|was|stood\s+at|stands\s+at)))"
    r"|(?P<v>(?i:(?:casualty\s+toll|number\s+of\s+(?:casualties|victims))\b[^.;:!?\d]{0,40}?"
    r"\b(?:at|to|of|reached|is|was)|"
    r"(?:killed|killing)\s+(?:and|or)\s+(?:injured|injuring|wounded|wounding)|"
    r"(?:injured|injuring|wounded|wounding)\s+(?:and|or)\s+(?:killed|killing))))"
    r"[\s\"“”'‘’]+(?:(?i:another|a\s+further|an\s+additional|a\s+total\s+of)\s+)?\Z")

#: Children and women among the counted: in an aside, or after the figure.
_AMONG = re.compile(
    rf"(?P<n>{_NUM})\s+(?:(?i:of\s+them|were|are)\s+)?(?:(?P<c>{_CHILDREN})|(?P<w>{_WOMEN}))"
    r"(?![\w’'-])")
_AFTER = re.compile(
    r"\s*[,(–—]?\s*(?i:including|among\s+them|among\s+whom|of\s+whom|among\s+those\s+"
    r"(?:killed|dead|wounded|injured))\b(?:[^.;:!?()]{0,80}?(?=,\s+(?i:and|in|at|near)\s|[.;:!?()]"
    r"|$)|[^.;:!?()]{0,80})"
    rf"|\s*,\s*(?={_NUM}\s+(?i:of\s+them)\s+(?:{_CHILDREN}|{_WOMEN}))[^.;:!?()]{{0,60}}")

#: Words after a number that make it something other than a count of people.
_NOT_A_COUNT_AFTER = re.compile(
    r"(?:\s*(?:%|per\s*cent|percent|[-–]?(?:year|month|week|day|hour|minute|second)s?[-–]old)"
    r"|[-–][A-Za-z]"                                       # nine-man, 14-month, F-16-style
    r"|:\d|\.\d"                                           # times, decimals
    r"|\s+(?:of\s+(?:the|them|those|whom|these|us|its|their|our|his|her|which)\b)"
    r"|\s*(?:km|kilomet(?:re|er)s?|miles?|metres?|meters?|m|feet|ft|yards?|square|sq|hectares?"
    r"|acres?|kg|kilo(?:gram)?s?|tons?|tonnes?|litres?|liters?|mm|cm|calibre|caliber"
    r"|dollars?|euros?|pounds?|rupees?|shekels?|roubles?|rubles?|yuan|bn|billion|USD"
    r"|years?|months?|weeks?|days?|hours?|hrs|minutes?|mins|seconds?|decades?|centur(?:y|ies)"
    r"|times|a\.?m\.?|p\.?m\.?|GMT|UTC|o['’]clock|storeys?|stories|floors?|times)(?![A-Za-z])"
    r"|\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)",
    re.IGNORECASE)
#: Words before a number that make it something other than a count of people.
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?i:aged|age|ages|aged\s+between|number|no\.|page|flight|route|"
    r"resolution|article|paragraph|section|chapter|room|ward|block|building|platform|gate|"
    r"the\s+year|since|until|till|during|by\s+the\s+end\s+of|early|mid|late|one\s+in)\s+"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+"
    r"|[$£€¥#№]\s*|(?<![A-Za-z])(?:US|A|C|HK|NZ)\$\s*"
    r"|(?<![A-Za-z])(?i:rs\.?|usd|eur|gbp)\s*)\Z")
#: "one" that is a pronoun or an article-like word, not a count.
_ONE_PRONOUN = re.compile(r"\s+(?i:of|another|day|hand|side|way|time|more|or\s+two|by\s+one)\b")
_ONE_BEFORE = re.compile(r"(?<![A-Za-z])(?i:no|any|every|some|the|this|that|each|which|only)\s+\Z")
#: Nouns that count what did the harm, not who suffered it ("two airstrikes killed 30").
_NOT_VICTIMS = frozenset("""attack attacks strike strikes airstrike airstrikes air raid raids bomb
    bombs bombing bombings blast blasts explosion explosions shell shells shelling missile
    missiles rocket rockets mortar mortars drone drones jet jets plane planes aircraft warplane
    warplanes helicopter helicopters tank tanks car cars vehicle vehicles truck trucks grenade
    grenades mine mines ied ieds incident incidents round rounds volley volleys bullet bullets
    shots salvo salvos munitions projectiles""".split())
#: After an active verb: its object, so the number counted the agents ("three gunmen killed
#: a guard", "two strikes killed 30"), not the victims.
_OBJECT_AFTER = re.compile(
    rf"{_SP}(?:(?i:a|an|the|his|her|their|its|our|at\s+least|more\s+than|some|about|nearly|"
    r"several|many|dozens|hundreds|scores|thousands|civilians|people|children|women|men|"
    rf"residents|patients|villagers)(?![\w’'-])|\d|(?i:{_UNIT_RE}|{_TEN_RE})(?![\w’'-]))")
_TRANSITIVE = frozenset("killed wounded injured hurt murdered massacred executed maimed".split())
_TAKE_LIVES = re.compile(r"(?<![A-Za-z])(?i:claimed|claiming|claims|claim|cost|costing|costs|"
                         r"took|taking|takes|take)\s+(?:(?i:at\s+least|more\s+than|some|about|"
                         r"nearly|almost|over|up\s+to)\s+)?\Z")
#: Before a number: a verb whose object it is, so "60 wounded people" are wounded people,
#: not sixty who wounded people ("treated 60 wounded people").
_TAKES_OBJECT = re.compile(r"(?<![A-Za-z])(?i:treated|treating|treat|treats|received|receiving|"
                           r"admitted|admitting|evacuated|evacuating|rescued|counted|recorded|"
                           r"registered|transported|took\s+in|including|among)\s+\Z")
#: between two counts of one harm: "and", or an aside and a place first ("killing 44 people,
#: including 20 children, in Velbo, and 179 in Orsk")
_AND_ALSO = re.compile(r"(?:[^.;:!?\n]{0,80}?,)?\s*,?\s+(?i:and|as\s+well\s+as|plus)\s+\Z")
_ENDS_CLAUSE = re.compile(r"\s*(?:[,.;:)!?\"”’]|$)"
                          r"|\s+(?i:and|in|at|on|near|during|when|as|while|"
                          r"after|before|including)(?![\w’'-])")
_NOUN_AFTER = re.compile(
    rf"(?:{_SP}(?!(?i:{_STOP})(?![\w’'-]))[A-Za-z][\w’'-]*(?<!ing)(?![\w’'-])){{0,3}}")
#: Casualty words anywhere in the window: without one, there is no figure to look for.
_GATE = re.compile(_cased(
    "kill dead death died die perish wound injur hurt bodies body lives casualt victim toll "
    "fatalit slain slew murder massacr execut martyr corpse maim slaughter gunned gunning "
    "shot".split()))


# ---- the public function ----------------------------------------------------------------

def find_figures(text: str, start: int = 0, end: Optional[int] = None) -> list[FigureMention]:
    """Casualty figures in ``text[start:end]``, in text order; offsets are into *text*.

    >>> def show(text):
    ...     for m in find_figures(text):
    ...         f = m.figure
    ...         print(f"{m.span.text(text)!r} {m.casualty} {f.count} {f.qualifier} "
    ...               f"upper={f.upper} children={f.children} women={f.women}")
    >>> show("At least 39 people, including four children, were killed in the attack.")
    ... # doctest: +NORMALIZE_WHITESPACE
    'At least 39 people, including four children, were killed' killed 39 at_least
    upper=None children=4 women=None
    >>> show("A US bomb had killed between 105 and 141 civilians.")
    'killed between 105 and 141 civilians' killed 105 between upper=141 children=None women=None
    >>> show("One person perished and 32 others were wounded, aged from one to 16 years.")
    'One person perished' killed 1 exact upper=None children=None women=None
    '32 others were wounded' injured 32 exact upper=None children=None women=None
    >>> show("Dozens were killed in the 14-month conflict; hundreds were wounded.")
    """
    if end is None:
        end = len(text)
    if not _GATE.search(text, start, end):
        return []
    found: list[FigureMention] = []
    consumed_until = start
    previous_left: Optional[FigureMention] = None
    for hit in _START.finditer(text, start, end):
        if hit.start() < consumed_until:
            continue
        read = _read_phrase(text, hit.start(), start, end)
        if read is None:
            continue
        figure, phrase_start, number_end = read
        consumed_until = number_end
        mention, used_until, by_left = _casualty(text, phrase_start, number_end, figure, start,
                                                 end, previous_left)
        if mention is None:
            continue
        found.append(mention)
        consumed_until = max(used_until, mention.span.end)
        previous_left = mention if by_left else None
    return found


def _read_phrase(text: str, at: int, lo: int, hi: int) -> Optional[tuple[Figure, int, int]]:
    """The figure of the number phrase whose number starts at *at*: ``(figure, start, end)``
    of its words (qualifier included), or None if it is not a count of people."""
    before = _BEFORE.search(text, max(lo, at - 30), at)
    between = before.group("between") if before else None
    m = (_AT if between else _AT_NO_AND).match(text, at, hi)
    if m is None:
        return None
    first = m.group("n")
    second = m.groupdict().get("n4") or m.group("n2") or m.group("n3")
    if between and not second:
        between = None
    phrase_start = before.start() if (before and (between or before.group("qual"))) else at
    n_start, n_end = at, m.end()
    if between:
        qualifier = "between"
    else:
        qualifier = _QUALIFIER_OF[" ".join(before.group("qual").lower().split())] \
            if before and before.group("qual") else "exact"
        if second:
            qualifier = "between"
        elif m.group("trail"):
            trail = m.group("trail").strip().lower()
            qualifier = "approximately" if trail in ("or so", "odd", "-odd") else "at_least"
    if first.lower().endswith("dozen") and qualifier == "exact":
        qualifier = "approximately"
    # context that makes it a year, a date, an age, money, a distance, a duration...
    if _NOT_A_COUNT_BEFORE.search(text, max(lo, phrase_start - 24), phrase_start):
        return None
    if _NOT_A_COUNT_AFTER.match(text, m.end(), hi) and not m.group("trail"):
        return None
    if first.lower() == "one" and not second and (
            _ONE_PRONOUN.match(text, m.end(), hi) or _ONE_BEFORE.search(
                text, max(lo, n_start - 10), n_start)):
        return None
    if re.fullmatch(r"(?:18|19|20)\d\d", first) and qualifier == "exact":
        return None                             # a year ("the 2014 war"), not a count
    try:
        count = parse_number(first)
        upper = parse_number(second) if second else None
    except ValueError:
        return None
    if upper is not None:
        scale = _scale_of(second)
        if scale > 1 and _scale_of(first) == 1 and count < upper / scale:
            count *= scale                      # "between six and eight thousand"
        if upper < count:
            return None                         # "3-1": a score, not a range
    elif qualifier == "at_most":
        upper = count
    extra = _UPPER.match(text, n_end, hi)
    if extra and upper is None:
        try:
            upper = parse_number(extra.group("m"))
        except ValueError:
            upper = None
        if upper is not None and upper > count:
            qualifier, n_end = "between", extra.end()
        else:
            upper = None
    return Figure(count=count, qualifier=qualifier, upper=upper), phrase_start, n_end


def _casualty(text: str, start: int, number_end: int, figure: Figure, lo: int, hi: int,
              previous_left: Optional[FigureMention]):
    """``(mention, consumed up to, found by a word before it)``, or ``(None, 0, False)``."""
    number = Span(start, number_end)
    right = _RIGHT.match(text, number_end, hi)
    children = women = None
    used_until = number_end
    if right is not None and right.group("cas").lower() == "lives" and not _TAKE_LIVES.search(
            text, max(lo, start - 20), start):
        right = None                            # "saved 56 lives"
    if right is not None and (
            not _NOT_VICTIMS.isdisjoint(right.group("noun").lower().split())
            or (not right.group("aux").strip() and right.group("cas").lower() in _TRANSITIVE
                and _OBJECT_AFTER.match(text, right.end("cas"), hi)
                and not _TAKES_OBJECT.search(text, max(lo, start - 20), start))):
        right = None                            # the number counts attackers or weapons
    if right is not None:
        casualty = _kind(right)
        span_end = right.end("cas") if not right.group("both") else right.end("both")
        if right.group("aside"):
            children, women = _among(right.group("aside"))
        noun = right.group("noun")
        span_start = start
        left = _LEFT.search(text, max(lo, start - 60), start)
        if left is not None and _kind(left) == casualty:
            span_start = left.start()
        by_left = False
    else:
        left = _LEFT.search(text, max(lo, start - 60), start)
        noun_match = _NOUN_AFTER.match(text, number_end, hi)
        noun = noun_match.group(0)
        span_end = noun_match.end()
        if left is not None:
            casualty, span_start, by_left = _kind(left), left.start(), True
        elif (previous_left is not None
              and _AND_ALSO.search(text, previous_left.span.end, start)
              and _ENDS_CLAUSE.match(text, span_end, hi)):
            casualty, span_start, by_left = previous_left.casualty, start, True
        else:
            return None, 0, False
    if children is None and women is None:
        after = _AFTER.match(text, span_end, hi)
        if after is not None:
            children, women = _among(after.group(0))
            if children is not None or women is not None:
                used_until = after.end()
    last_noun = noun.split()[-1].lower() if noun.split() else ""
    if re.fullmatch(_CHILDREN, last_noun):
        children = figure.count
    elif re.fullmatch(_WOMEN, last_noun):
        women = figure.count
    span = Span(span_start, span_end)
    figure = Figure(count=figure.count, qualifier=figure.qualifier, upper=figure.upper,
                    children=children, women=women, span=span)
    return FigureMention(span=span, casualty=casualty, figure=figure, number=number), \
        used_until, by_left


def _kind(m: re.Match) -> Optional[str]:
    if m.group("v") or ("both" in m.re.groupindex and m.group("both")):
        return None
    return "killed" if m.group("k") else "injured"


def _among(words: str) -> tuple[Optional[int], Optional[int]]:
    children = women = None
    for m in _AMONG.finditer(words):
        try:
            value = parse_number(m.group("n"))
        except ValueError:
            continue
        if m.group("c") and children is None:
            children = value
        elif m.group("w") and women is None:
            women = value
    return children, women
