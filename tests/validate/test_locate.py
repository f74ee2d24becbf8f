"""Where a focus node comes from: the line where it is a subject, in every syntax."""

from __future__ import annotations

from rdflib import URIRef

from kg.validate.locate import Location, locate_in_files

A, B = URIRef("https://example.org/a"), URIRef("https://example.org/b")


def test_turtle_subject_line_wins_over_an_earlier_mention(tmp_path):
    f = tmp_path / "g.ttl"
    f.write_text("@prefix ex: <https://example.org/> .\n"
                 "ex:x ex:p ex:a .\n"            # a mentioned first as an object
                 "\n"
                 "ex:a ex:p <https://example.org/b> .\n", encoding="utf-8")
    found = locate_in_files([A, B, URIRef("https://example.org/absent")], [f])
    assert found == {A: [Location(str(f), 4)], B: [Location(str(f), 4)]}


def test_json_ld_and_rdf_xml(tmp_path):
    j = tmp_path / "g.jsonld"
    j.write_text('[\n {\n  "@id": "https://example.org/a",\n  "https://example.org/p": 1\n }\n]\n',
                 encoding="utf-8")
    x = tmp_path / "g.rdf"
    x.write_text('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
                 '22-rdf-syntax-ns#">\n  <rdf:Description rdf:about="https://example.org/a">'
                 '\n  </rdf:Description>\n</rdf:RDF>\n', encoding="utf-8")
    assert locate_in_files([A], [j, x]) == {A: [Location(str(j), 3), Location(str(x), 3)]}
