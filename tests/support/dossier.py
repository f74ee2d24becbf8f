"""Checks of a written dossier that need no browser: HTML parsed by html5lib, links resolved
on disk, quotes compared with the articles' texts.  The browser tests
(tests/test_report_browser.py) check the same in Chromium."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

import html5lib


def parse(path: Path):
    """The page's tree (namespaces dropped) and html5lib's parse errors."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"),
                                 namespaceHTMLElements=False)
    tree = parser.parse(path.read_bytes(), transport_encoding="utf-8")
    return tree, list(parser.errors)


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def ids(tree) -> set[str]:
    return {e.get("id") for e in tree.iter() if e.get("id")}


def links(tree) -> Iterator[str]:
    """Every href and src of the page (HTML and inline SVG)."""
    for e in tree.iter():
        for attr in ("href", "src", "{http://www.w3.org/1999/xlink}href"):
            if e.get(attr) is not None:
                yield e.get(attr)


def broken_links(site: Path) -> list[str]:
    """Links of every page that do not resolve: a missing file, or a fragment that names
    no element of its page; links off the site count as broken (the dossier has none)."""
    site = site.resolve()
    trees = {p: parse(p)[0] for p in html_pages(site)}
    anchors = {p: ids(t) for p, t in trees.items()}
    broken = []
    for page, tree in trees.items():
        for href in links(tree):
            parts = urlsplit(href)
            if parts.scheme == "data":          # inline (the empty favicon)
                continue
            if parts.scheme or parts.netloc:
                broken.append(f"{page.relative_to(site)}: {href} (off the site)")
                continue
            target = page if not parts.path else Path(posixpath.normpath(
                posixpath.join(str(page.parent), unquote(parts.path))))
            if site not in target.parents or not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href} (no file)")
            elif parts.fragment and parts.fragment not in anchors.get(target, set()):
                broken.append(f"{page.relative_to(site)}: {href} (no #{parts.fragment})")
    return broken


def text_of(element) -> str:
    return "".join(element.itertext())


def quote_mismatches(site: Path, texts: dict[str, str]) -> tuple[int, list[str]]:
    """Every ``<mark class="quote">`` of every page: its words must be the article's text at
    its offsets, and its place in its paragraph must agree with the paragraph's offset.
    *texts*: article id -> text.  Returns (marks checked, mismatches)."""
    checked, bad = 0, []
    for page in html_pages(site):
        tree, _ = parse(page)
        for para in tree.iter("p"):
            if "para" not in (para.get("class") or "").split() or para.get("data-offset") is None:
                continue
            text = texts[para.get("data-article")]
            offset = int(para.get("data-offset"))
            before = para.text or ""
            for mark in para:
                if local(mark.tag) != "mark":
                    continue
                start, end = int(mark.get("data-start")), int(mark.get("data-end"))
                checked += 1
                if text_of(mark) != text[start:end] or offset + len(before) != start:
                    bad.append(f"{page.name}: {start}-{end} {text_of(mark)!r}")
                before += text_of(mark) + (mark.tail or "")
    return checked, bad
