"""HTML pages: the main text of the article, its headline and the page's own metadata.

Standard library only (`html.parser`): news pages are small, and the work is choosing what
to keep, not parsing speed.  Steps:

1. build a light tree (void elements, and the implicit ends of ``<p>``, ``<li>``, ``<td>``...
   that browsers apply, so that unclosed tags do not swallow the page);
2. read metadata from ``<meta>`` tags (``og:title``, ``article:published_time``,
   ``og:site_name``, ``og:url``, ``author``...), ``<link rel=canonical>``, a
   ``<time itemprop=datePublished>`` and JSON-LD ``NewsArticle`` blocks;
3. pick the container of the article: the element marked ``itemprop=articleBody``, else the
   longest ``<article>``, else ``<main>``/``role=main``, else ``<body>`` (a candidate holding
   less than a quarter of the page's text is passed over);
4. drop what is not the article: scripts, styles, forms, buttons, navigation, asides, footers,
   figures with their captions, hidden elements, page headers, and elements whose class or id
   says they are ads, share links, comments, cookie banners, newsletters, related links...;
5. write the text: one paragraph per block element, paragraphs separated by a blank line,
   ``<br>`` as a line break, runs of spaces and newlines collapsed as a browser does (no-break
   spaces kept), entities unescaped; paragraphs that are only page furniture
   ("Advertisement", "Read more: ...", "Share on Facebook") dropped;
6. the headline: the first ``<h1>`` outside the container is put first, so that the text
   starts with its headline as a ``.txt`` article does.

>>> page = extract_html('''<html><head><title>Clinic hit | Daily Planet</title>
... <meta property="og:site_name" content="Daily Planet"></head><body>
... <nav><a href="/">Home</a></nav><h1>Clinic hit</h1><article><p>Shells hit a clinic
... on Sunday.<p>Advertisement<p>Two nurses &amp; a guard were hurt.</article>
... <footer>&copy; 2016</footer></body></html>''')
>>> print(page.text)
Clinic hit
<BLANKLINE>
Shells hit a clinic on Sunday.
<BLANKLINE>
Two nurses & a guard were hurt.
>>> page.meta.title, page.meta.publisher
('Clinic hit', 'Daily Planet')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Iterator, Optional, Union

from kg.ingest.metadata import Metadata
from kg.ingest.text import FURNITURE
from kg.model import PartialDate

__all__ = ["HtmlPage", "extract_html", "sniff_charset"]

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
BLOCK = frozenset("""address article aside blockquote body center dd details dialog dir div dl
    dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main
    menu nav ol p pre section summary table tbody thead tfoot tr td th caption ul""".split())
_CLOSES_P = frozenset("""address article aside blockquote details div dl fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table
    ul""".split())
#: An open element of the key is closed by a new element of any of the value's tags.
_IMPLIED_END = {"li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"},
                "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"}, "option": {"option"}}
_SCOPES = frozenset("ul ol dl table tbody thead tfoot select".split())

#: Elements that never hold article text.
JUNK_TAGS = frozenset("""script style noscript template svg math iframe object embed canvas
    video audio form button select textarea input label nav aside footer dialog menu figure
    head title""".split())
_JUNK_ROLES = frozenset("""navigation banner contentinfo complementary search dialog
    alertdialog menu menubar toolbar""".split())
#: Words of class and id values that mark page furniture (matched as whole words).
_JUNK_WORDS = frozenset("""nav navbar navigation menu breadcrumb breadcrumbs share shares
    sharing sharebar social socials comment comments disqus respond cookie cookies consent gdpr
    ad ads advert adverts advertisement advertising adsbygoogle adslot dfp sponsor sponsored
    promo promotion newsletter subscribe subscription signup paywall related recommended
    outbrain taboola trending popular sidebar widget widgets masthead toolbar modal popup
    overlay pagination pager hidden footer copyright""".split())
#: Whole class and id values that mark page furniture.
_JUNK_NAMES = frozenset("""most-read mostread read-more readmore sr-only visually-hidden
    screen-reader-text skip-link skip-links share-buttons social-links tag-list tags
    author-bio""".split())
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

Child = Union["Node", str]


class Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict, parent: Optional["Node"]):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent

    def iter(self) -> Iterator["Node"]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))

    def text(self) -> str:
        parts = []
        stack: list[Child] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
            elif node.tag not in ("script", "style", "template"):
                stack.extend(reversed(node.children))
        return _WS.sub(" ", "".join(parts)).strip(" ")

    def ancestors(self) -> Iterator["Node"]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.stack = [self.root]

    def _close(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def _open(self, tag: str) -> Optional[int]:
        for i in range(len(self.stack) - 1, 0, -1):
            t = self.stack[i].tag
            if t == tag:
                return i
            if t in _SCOPES:
                return None
        return None

    def handle_starttag(self, tag, attrs):
        if tag in _CLOSES_P and self._open("p") is not None:
            self._close("p")
        for open_tag, closers in _IMPLIED_END.items():
            if tag in closers and self._open(open_tag) is not None:
                self._close(open_tag)
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag):
        if tag == "br":  # </br> is read as <br> by browsers
            self.handle_startendtag("br", [])
        else:
            self._close(tag)

    def handle_data(self, data):
        self.stack[-1].children.append(data)


@dataclass
class HtmlPage:
    text: str
    #: what the page says about itself; `meta.title` is og:title, else the first ``<h1>``,
    #: else ``<title>`` (without the site name)
    meta: Metadata


def _is_junk(node: Node) -> bool:
    """Never article text: by tag, role, hidden state, or class and id words."""
    return _junk_by_markup(node) or _junk_by_name(node)


def _junk_by_markup(node: Node) -> bool:
    if node.tag in JUNK_TAGS:
        return True
    attrs = node.attrs
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return True
    if attrs.get("role", "").lower() in _JUNK_ROLES:
        return True
    return "style" in attrs and bool(_HIDDEN_STYLE.search(attrs["style"]))


def _junk_by_name(node: Node) -> bool:
    attrs = node.attrs
    for name in (attrs.get("class", "") + " " + attrs.get("id", "")).lower().split():
        if name in _JUNK_NAMES or not _JUNK_WORDS.isdisjoint(_WORD_SPLIT.split(name)):
            return True
    return False


def _is_page_header(node: Node) -> bool:
    return node.tag == "header" and not any(
        a.tag in ("article", "main") or a.attrs.get("itemprop") == "articleBody"
        for a in node.ancestors())


_WS = re.compile(r"[ \t\n\r\f]+")
_BR = "\x00"   # stands for <br> while whitespace is collapsed (never in decoded text)


class _Renderer:
    def __init__(self, total: Optional[int] = None, by_name: bool = True):
        self.paragraphs: list[str] = []
        self.parts: list[str] = []
        # Class and id words are a guess: an element they condemn is kept when it holds half
        # of the text or more (a "content has-sidebar" wrapper around the whole story).
        self.total = total
        self.by_name = by_name

    def flush(self) -> None:
        text = _WS.sub(" ", "".join(self.parts))
        self.parts = []
        text = "\n".join(line.strip(" ") for line in text.split(_BR)).strip("\n ")
        if text and not FURNITURE.fullmatch(text):
            self.paragraphs.append(text)

    def skip(self, node: Node) -> bool:
        if _junk_by_markup(node) or _is_page_header(node):
            return True
        if self.by_name and _junk_by_name(node):
            return self.total is None or _text_length(node, by_name=False) < 0.5 * self.total
        return False

    def walk(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.parts.append(child)
            elif self.skip(child):
                continue
            elif child.tag == "br":
                self.parts.append(_BR)
            elif child.tag == "pre":
                self.flush()
                raw = "".join(_raw_text(child)).strip("\n")
                if raw.strip():
                    self.paragraphs.append(raw)
            elif child.tag in BLOCK:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                if child.tag in ("td", "th"):
                    self.parts.append(" ")
                self.walk(child)


def _raw_text(node: Node) -> Iterator[str]:
    for child in node.children:
        if isinstance(child, str):
            yield child
        elif child.tag == "br":
            yield "\n"
        elif not _is_junk(child):
            yield from _raw_text(child)


def _render(container: Node) -> list[str]:
    """The paragraphs of *container*."""
    renderer = _Renderer(_text_length(container, by_name=False))
    renderer.walk(container)
    renderer.flush()
    return renderer.paragraphs


def _text_length(node: Node, by_name: bool = True) -> int:
    """Characters of text in *node*; *by_name*: without elements whose class says junk."""
    renderer = _Renderer(by_name=by_name)
    renderer.walk(node)
    renderer.flush()
    return sum(len(p) for p in renderer.paragraphs)


def _find(root: Node, tag: str) -> Optional[Node]:
    return next((n for n in root.iter() if n.tag == tag), None)


def _container(root: Node) -> Node:
    body = _find(root, "body") or root
    total = _text_length(body) or 1
    groups = (
        [n for n in body.iter() if n.attrs.get("itemprop") == "articleBody"],
        [n for n in body.iter() if n.tag == "article"],
        [n for n in body.iter() if n.tag == "main" or n.attrs.get("role") == "main"],
    )
    for group in groups:
        visible = [n for n in group if not _junk_by_markup(n)
                   and not any(_junk_by_markup(a) for a in n.ancestors())]
        if visible:
            best = max(visible, key=_text_length)
            if _text_length(best) >= 0.25 * total:
                return best
    return body


# ---- metadata -------------------------------------------------------------------------------

_META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title", "headline"),
    "published": ("article:published_time", "og:article:published_time", "datepublished",
                  "pubdate", "publishdate", "publish-date", "publish_date", "dc.date.issued",
                  "dcterms.issued", "dc.date", "date", "sailthru.date", "parsely-pub-date",
                  "article.published", "originalpublicationdate"),
    "publisher": ("og:site_name", "publisher", "dc.publisher", "article:publisher",
                  "application-name"),
    "url": ("og:url", "twitter:url"),
    "author": ("author", "article:author", "dc.creator", "byl", "parsely-author",
               "sailthru.author"),
}
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ]|\s*$)")
_LOOKS_URL = re.compile(r"https?://", re.I)
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNews", "BlogPosting", "AnalysisNewsArticle",
                  "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "Report"}


def _parse_page_date(value: str) -> Optional[PartialDate]:
    """A page's publication timestamp as a day; None if it cannot be read.

    The date is taken as written (the publisher's local date), not converted to UTC.

    >>> _parse_page_date("2015-12-24T23:15:00+02:00")
    PartialDate(year=2015, month=12, day=24)
    >>> _parse_page_date("Thu, 24 Dec 2015 13:15:00 GMT")
    PartialDate(year=2015, month=12, day=24)
    """
    m = _ISO_DATE.match(value)
    try:
        if m:
            return PartialDate.parse("-".join(m.groups()))
        when = parsedate_to_datetime(value)
        return PartialDate(when.year, when.month, when.day)
    except (TypeError, ValueError, IndexError):
        return None


def _name_of(value) -> Optional[str]:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name_of(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name_of(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _json_ld_articles(data) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_articles(item)
    elif isinstance(data, dict):
        types = data.get("@type", ())
        types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
        types = {t for t in types if isinstance(t, str)}
        if types & _ARTICLE_TYPES:
            yield data
        if "@graph" in data:
            yield from _json_ld_articles(data["@graph"])


def _page_metadata(root: Node) -> tuple[dict, Optional[str]]:
    """What the page's tags say, by `_META_KEYS` field, and the text of its ``<title>``."""
    found: dict[str, list[str]] = {}
    ld: dict[str, str] = {}
    doc_title = None
    for node in root.iter():
        if node.tag == "meta":
            key = (node.attrs.get("property") or node.attrs.get("name")
                   or node.attrs.get("itemprop") or "").strip().lower()
            content = node.attrs.get("content", "").strip()
            if key and content:
                found.setdefault(key, []).append(content)
        elif node.tag == "link" and "canonical" in node.attrs.get("rel", "").lower().split():
            if node.attrs.get("href"):
                found.setdefault("#canonical", []).append(node.attrs["href"].strip())
        elif node.tag == "time" and (node.attrs.get("itemprop", "").lower() == "datepublished"
                                     or "pubdate" in node.attrs):
            if node.attrs.get("datetime"):
                found.setdefault("#time", []).append(node.attrs["datetime"])
        elif node.tag == "title" and doc_title is None:
            doc_title = node.text() or None
        elif node.tag == "script" and "ld+json" in node.attrs.get("type", "").lower():
            try:
                data = json.loads("".join(c for c in node.children if isinstance(c, str)))
            except ValueError:
                continue  # a broken JSON-LD block is the page's problem, not the reader's
            for art in _json_ld_articles(data):
                for field_, key in (("title", "headline"), ("published", "datePublished"),
                                    ("url", "url"), ("publisher", "publisher"),
                                    ("author", "author")):
                    value = _name_of(art.get(key))
                    if value and field_ not in ld:
                        ld[field_] = value
    values: dict[str, str] = {}
    for field_, keys in _META_KEYS.items():
        for key in keys:
            for content in found.get(key, ()):
                if field_ in ("publisher", "author") and _LOOKS_URL.match(content):
                    continue  # article:publisher is often a Facebook page address
                if field_ == "published" and _parse_page_date(content) is None:
                    continue
                values.setdefault(field_, content)
    if "url" not in values and found.get("#canonical"):
        values["url"] = found["#canonical"][0]
    if "published" not in values and found.get("#time"):
        if _parse_page_date(found["#time"][0]):
            values["published"] = found["#time"][0]
    for field_, value in ld.items():
        if field_ == "published" and _parse_page_date(value) is None:
            continue
        values.setdefault(field_, value)
    return values, doc_title


def extract_html(html: str) -> HtmlPage:
    """The article in the HTML page *html* (already decoded): see the module docstring."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    root = builder.root
    values, doc_title = _page_metadata(root)
    container = _container(root)
    paragraphs = _render(container)
    body = _find(root, "body") or root
    # The headline: the first <h1> of the article, else of the page (a site logo may be one).
    h1 = next((n for scope in (container, body) for n in scope.iter() if n.tag == "h1"
               and not any(_junk_by_markup(a) for a in n.ancestors())), None)
    headline = (h1.text() or None) if h1 is not None else None
    if headline and headline not in paragraphs:
        paragraphs.insert(0, headline)
    publisher = values.get("publisher")
    published = _parse_page_date(values["published"]) if "published" in values else None
    url = values.get("url")
    if url and not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:\S+", url):
        url = None  # a relative canonical link says nothing about where the page lives
    return HtmlPage(
        text="\n\n".join(paragraphs),
        meta=Metadata(title=values.get("title") or headline or _strip_site(doc_title, publisher),
                      publisher=publisher, url=url, published=published,
                      notes={"author": values["author"]} if values.get("author") else {}))


def _strip_site(title: Optional[str], site: Optional[str]) -> Optional[str]:
    """``"Clinic hit | Daily Planet"`` -> ``"Clinic hit"`` when the site is known."""
    if not title or not site:
        return title
    m = re.fullmatch(r"(.+?)\s*[|\-–—:•·]\s*" + re.escape(site) + r"\s*", title)
    return m.group(1) if m else title


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def sniff_charset(data: bytes) -> Optional[str]:
    """The charset a page declares in a ``<meta>`` tag within its first 4 KB, if any.

    >>> sniff_charset(b'<html><head><meta charset="iso-8859-1">')
    'iso-8859-1'
    >>> sniff_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')
    'utf-8'
    """
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None
