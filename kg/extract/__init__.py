"""Extraction: from an `Article` to allegations, denials and attacks, each with its words.

Plain Python objects out (`kg.model.Extraction`); no rdflib here.  Stages, each a module:
`nlp` (the spaCy model), `context` (lines, quotations, who was mentioned), `agents` (noun
phrase -> party), `claims` (who says what; allegation or denial), `attacks` (incidents with
target, place, date, casualties, perpetrator), with `dates` and `numbers` for the words of
time and toll, and `lexicon` for the word lists.
"""

from kg.extract.extractor import Extractor

__all__ = ["Extractor"]
