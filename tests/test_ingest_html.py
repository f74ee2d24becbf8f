"""Ingest of .html pages: main text, boilerplate removal, titles, <meta> metadata, charsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import extract_html, iter_articles, read_article
from kg.model import PartialDate

DATA = Path(__file__).parent / "data" / "ingest"


def write(path, content):
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def page(body, head=""):
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


def test_full_page_keeps_only_the_article():
    art = read_article(DATA / "clinic_strike.html")
    assert art.text.split("\n\n") == [
        "Shelling hits clinic in Northtown, killing three",
        "By Mara Quill",
        "Three people were killed and nine wounded when shells struck a health clinic in "
        "Northtown on Monday night, the regional health office said.",
        "“We heard two explosions\u00a0and then the roof came down,” said a nurse, who asked "
        "not to be named.\nShe said the clinic’s generator was destroyed.",
        "The army denied firing on the area & blamed rebel mortar crews.",
        "The rebels did not respond to a request for comment.",
    ]
    for gone in ("Advertisement", "Read more", "Share on", "Tweet", "cookies", "Accept",
                 "Leave a Reply", "email address", "©", "rights reserved", "dataLayer",
                 "font-family", "Related", "Earlier clashes", "News", "Sport", "figcaption",
                 "Photo:", "The damaged clinic", "Your comment", "LD headline"):
        assert gone not in art.text, gone


def test_full_page_metadata_from_meta_tags():
    art = read_article(DATA / "clinic_strike.html")
    assert art.title == "Shelling hits clinic in Northtown, killing three"       # og:title
    assert art.text[art.title_span.start:art.title_span.end] == art.title
    assert art.published == PartialDate(2019, 5, 14)      # local date, not converted to UTC
    assert art.publisher == "The Valley Courier"          # og:site_name, not a Facebook URL
    assert art.url == "https://courier.example/news/2019/05/clinic-shelling"
    assert art.notes == {"author": "Mara Quill"}


def test_manifest_wins_over_meta_tags(tmp_path):
    write(tmp_path / "p.html", (DATA / "clinic_strike.html").read_text("utf-8"))
    write(tmp_path / "MANIFEST.json", json.dumps([{
        "file": "p.html", "title": "Shelling hits clinic in Northtown", "published": "2019-05"}]))
    art = read_article(tmp_path / "p.html")
    assert art.title == "Shelling hits clinic in Northtown"
    assert art.title_span.start == 0          # found at the start of the headline
    assert art.published == PartialDate(2019, 5)
    assert art.publisher == "The Valley Courier"     # not in the manifest: from the page


def test_title_falls_back_to_h1_then_title_tag():
    with_h1 = extract_html(page("<h1>Headline one</h1><p>Body text.</p>",
                                "<title>Tab title | Site</title>"))
    assert with_h1.meta.title == "Headline one"
    only_title = extract_html(page("<p>Body text.</p>", "<title>Tab title | Site</title>"
                                   '<meta property="og:site_name" content="Site">'))
    assert only_title.meta.title == "Tab title"
    assert extract_html(page("<p>Body.</p>", "<title>Tab title</title>")).meta.title == \
        "Tab title"


def test_headline_outside_the_article_is_put_first():
    result = extract_html(page(
        '<header><h1>Hospital struck in Westport</h1></header>'
        '<div class="layout"><article><p>A hospital in Westport was hit.</p>'
        '<p>Four patients died.</p></article></div>'))
    assert result.text == ("Hospital struck in Westport\n\nA hospital in Westport was hit."
                           "\n\nFour patients died.")


def test_site_logo_h1_does_not_beat_the_article_h1():
    result = extract_html(page(
        '<header><h1 class="brand">Daily Planet</h1></header><article><h1>Bridge destroyed'
        '</h1><p>The bridge at Orrin fell after a strike on Friday.</p></article>'))
    assert result.meta.title == "Bridge destroyed"
    assert result.text.startswith("Bridge destroyed\n\n")


def test_paragraphs_without_closing_tags_and_line_breaks():
    result = extract_html(page("<article><p>First  para\n  goes on.<p>Second<br>line two"
                               "<br/>line three<ul><li>item one<li>item two</ul></article>"))
    assert result.text == ("First para goes on.\n\nSecond\nline two\nline three\n\n"
                           "item one\n\nitem two")


def test_entities_are_unescaped_and_no_break_spaces_kept():
    result = extract_html(page("<p>Tom &amp; Jerry&#8217;s &ldquo;war&rdquo;&nbsp;&nbsp;"
                               "&eacute;&#x2014;done &lt;ok&gt;</p>"))
    assert result.text == "Tom & Jerry’s “war”\u00a0\u00a0é—done <ok>"


@pytest.mark.parametrize("junk", [
    '<div class="advertisement">Buy now</div>',
    '<div id="ad-top">Buy now</div>',
    '<div class="social-share">Facebook Twitter</div>',
    '<section class="newsletter-signup"><p>Get the briefing</p></section>',
    '<div class="cookie-notice">We use them</div>',
    '<div id="disqus_thread">Loading comments</div>',
    '<div class="outbrain-widget">You may like</div>',
    '<div hidden>secret</div>',
    '<div style="display: none">secret</div>',
    '<div aria-hidden="true">secret</div>',
    '<div role="navigation">Home News</div>',
    '<nav>Home News</nav>', '<aside>Popular now</aside>', '<footer>Contact us</footer>',
    '<form><input value="x"><label>Search</label></form>', '<noscript>Enable JS</noscript>',
    '<iframe src="x">frame</iframe>', '<svg><text>icon</text></svg>',
    '<p class="sr-only">Skip</p>', '<p>Advertisement</p>', '<p>ADVERTISEMENT</p>',
    '<p><a href="/x">Read more</a></p>', '<p>Read more: Another story entirely</p>',
    '<p>Share this article</p>', '<p>Sign up for our newsletter</p>',
    '<p>Copyright 2020 Daily Planet</p>', '<p>Related: Older story</p>',
])
def test_page_furniture_is_dropped(junk):
    result = extract_html(page(f"<article><p>The shelling began at dawn.</p>{junk}"
                               "<p>Two shops burned.</p></article>"))
    assert result.text == "The shelling began at dawn.\n\nTwo shops burned."


@pytest.mark.parametrize("kept", [
    "<p>Related concerns were raised by the mayor.</p>",
    "<p>Registers of the dead were kept by the clinic.</p>",
    "<p>Copyright law was not the issue, he said.</p>",
    '<div class="article-header"><p>Headers are fine.</p></div>',
    '<div class="readable-content"><p>Readable is not read-more.</p></div>',
    '<div class="shadow-box"><p>Shadow is not ad.</p></div>',
])
def test_article_text_that_looks_like_furniture_is_kept(kept):
    result = extract_html(page(f"<article><p>The shelling began at dawn.</p>{kept}</article>"))
    assert len(result.text.split("\n\n")) == 2


def test_longest_article_wins_over_teasers():
    body = ('<article class="teaser"><p>Other story</p></article>'
            '<article><p>' + "The main story is long. " * 20 + '</p></article>'
            '<article class="teaser"><p>Third story</p></article>')
    assert extract_html(page(body)).text.startswith("The main story is long.")


def test_article_body_itemprop_is_preferred():
    body = ('<div itemscope><h1>Title</h1><div class="meta">Posted by admin</div>'
            '<div itemprop="articleBody"><p>' + "Main words here. " * 10 + '</p></div></div>')
    assert extract_html(page(body)).text.startswith("Title\n\nMain words here.")


def test_page_without_article_container_uses_the_body():
    body = ('<div id="top-nav">Home</div><div class="story"><h1>Quarry hit</h1>'
            '<p>A strike hit the quarry.</p></div><div class="footer">Contact</div>')
    assert extract_html(page(body)).text == "Quarry hit\n\nA strike hit the quarry."


def test_pre_keeps_its_whitespace():
    result = extract_html(page("<article><p>Table:</p><pre>a   b\n  c</pre></article>"))
    assert result.text == "Table:\n\na   b\n  c"


def test_json_ld_when_there_are_no_meta_tags():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "x"},
        {"@type": ["NewsArticle"], "headline": "LD headline", "datePublished": "2021-06-01T09:00Z",
         "publisher": {"@type": "Organization", "name": "LD Times"},
         "author": [{"name": "A. One"}, {"name": "B. Two"}], "url": "https://ld.example/a"}]}
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    result = extract_html(page("<p>Body words.</p>", head))
    meta = result.meta
    assert (meta.title, meta.publisher, meta.url) == ("LD headline", "LD Times",
                                                     "https://ld.example/a")
    assert meta.published == PartialDate(2021, 6, 1)
    assert meta.notes == {"author": "A. One, B. Two"}


def test_broken_json_ld_and_bad_dates_are_ignored():
    head = ('<script type="application/ld+json">{broken</script>'
            '<meta property="article:published_time" content="yesterday">'
            '<meta name="date" content="Tue, 02 Jul 2019 10:00:00 +0000">')
    assert extract_html(page("<p>Body.</p>", head)).meta.published == PartialDate(2019, 7, 2)


def test_time_element_and_canonical_link():
    head = '<link rel="canonical" href="https://c.example/story">'
    body = '<article><time itemprop="datePublished" datetime="2018-11-05">5 Nov</time>' \
           '<p>Body.</p></article>'
    meta = extract_html(page(body, head)).meta
    assert meta.url == "https://c.example/story" and meta.published == PartialDate(2018, 11, 5)


def test_windows_1252_page_with_meta_charset(tmp_path):
    html = page("<p>The \x93caf\xe9\x94 was hit.</p>", '<meta charset="windows-1252">')
    path = write(tmp_path / "p.html", html.encode("latin-1"))
    [result] = list(iter_articles(path))
    assert result.encoding == "windows-1252"
    assert result.article.text == "The “café” was hit."


def test_declared_charset_other_than_1252(tmp_path):
    html = page("<p>Обстрел больницы</p>", '<meta charset="koi8-r">')
    [result] = list(iter_articles(write(tmp_path / "p.htm", html.encode("koi8-r"))))
    assert result.article.text == "Обстрел больницы" and result.encoding == "koi8-r"


def test_utf16_html(tmp_path):
    html = page("<p>Crossing shelled at noon.</p>")
    path = write(tmp_path / "p.html", b"\xff\xfe" + html.encode("utf-16-le"))
    assert read_article(path).text == "Crossing shelled at noon."


def test_page_without_text_fails(tmp_path):
    path = write(tmp_path / "p.html", page("<nav>Home</nav><script>x()</script>"))
    [result] = list(iter_articles(path))
    assert result.kind == "failed" and result.error.code == "E101"
    assert "no article text" in str(result)


def test_htm_extension_and_title_span_offsets(tmp_path):
    path = write(tmp_path / "p.htm", page("<h1>  Market   hit </h1><p>Text.</p>"))
    art = read_article(path)
    assert art.title == "Market hit"
    assert art.text[art.title_span.start:art.title_span.end] == "Market hit"


def test_junk_word_in_a_wrapper_of_the_whole_story_does_not_drop_it():
    body = ('<div class="content has-sidebar"><h1>Depot burned</h1><p>'
            + "The fuel depot burned for hours. " * 5 + '</p><div class="sidebar">More</div>'
            '</div><div class="promo">Subscribe today</div>')
    result = extract_html(page(body))
    assert result.text.startswith("Depot burned\n\nThe fuel depot burned")
    assert "More" not in result.text and "Subscribe" not in result.text
    assert result.meta.title == "Depot burned"
