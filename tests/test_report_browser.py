"""The dossier of the bundled sample articles in a real browser: Debian's headless Chromium,
driven by Selenium through Debian's chromedriver (tests/support/browser.py; skipped with the
reason where they are not installed, except in CI, where `.ci/run` installs them and their
absence fails).

Pages are opened from the file system, as a reader opens them; every link is followed; the
console must stay free of errors; every highlighted quote must be the article's text at its
offsets, measured in the page as rendered.  Screenshots of the index and of an incident page
are kept as test artefacts: in ``$KG_TEST_ARTIFACTS`` when set, else in pytest's temporary
folder (the path is printed: ``pytest -s`` shows it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urldefrag

import pytest
from click.testing import CliRunner

from tests.support import browser

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(browser.skip_reason() is not None and not browser.required(),
                                 reason=browser.skip_reason() or "")]

#: In the page: every link's target, resolved (HTML and SVG links alike).
LINKS_JS = """
return Array.from(document.querySelectorAll('a[href]'), a =>
    new URL(a.getAttribute('href'), document.baseURI).href);
"""
#: In the page: every quote mark, with its paragraph's article and offset, and how many code
#: points of the paragraph's rendered text come before it.
MARKS_JS = """
return Array.from(document.querySelectorAll('p.para mark.quote'), m => {
  const p = m.closest('p.para');
  const r = document.createRange();
  r.setStart(p, 0);
  r.setEnd(m, 0);
  return [p.dataset.article, Number(p.dataset.offset), Number(m.dataset.start),
          Number(m.dataset.end), m.textContent, Array.from(r.toString()).length];
});
"""


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory, extractor):
    """`kg report` on a store of the five bundled sample articles."""
    from kg.cli import cli
    from kg.pipeline import ingest
    from kg.resources import sample_articles_dir

    base = tmp_path_factory.mktemp("samples")
    ingest([sample_articles_dir()], base / "kg-store", extractor=extractor)
    result = CliRunner().invoke(cli, ["report", "--store", str(base / "kg-store"),
                                      "-o", str(base / "dossier")])
    assert result.exit_code == 0, result.output
    return base / "dossier"


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    if browser.skip_reason():                 # in CI (.ci/run installs them): a failure
        pytest.fail(f"the browser tests must run in CI: {browser.skip_reason()}")
    d = browser.start(tmp_path_factory.mktemp("chromium-profile"))
    yield d
    d.quit()


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory) -> Path:
    folder = os.environ.get("KG_TEST_ARTIFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("artefacts")
    path.mkdir(parents=True, exist_ok=True)
    print(f"\nbrowser test artefacts: {path}")
    return path


def open_page(driver, url: str) -> list[str]:
    """Open *url*; return the console errors it caused."""
    browser.console_errors(driver)            # forget earlier messages
    driver.get(url)
    return browser.console_errors(driver)


def test_every_page_opens_from_the_file_system_and_every_link_resolves(driver, sample_site):
    start = sample_site.resolve().joinpath("index.html").as_uri()
    todo, seen, fragments, errors = [start], set(), [], {}
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        assert url.startswith(sample_site.resolve().as_uri()), f"a link leaves the site: {url}"
        problems = open_page(driver, url)
        if problems:
            errors[url] = problems
        if not url.endswith(".html"):
            continue
        assert driver.execute_script("return document.querySelector('main') !== null"), url
        for link in driver.execute_script(LINKS_JS):
            page, fragment = urldefrag(link)
            if fragment:
                fragments.append((page, fragment, url))
            todo.append(page)
    assert errors == {}
    pages = {p.resolve().as_uri() for p in sample_site.rglob("*.html")}
    assert pages <= seen, f"pages no link reaches: {sorted(pages - seen)[:5]}"
    missing = []
    by_page: dict[str, list] = {}
    for page, fragment, origin in fragments:
        by_page.setdefault(page, []).append((fragment, origin))
    for page, wanted in by_page.items():
        driver.get(page)
        present = set(driver.execute_script(
            "return Array.from(document.querySelectorAll('[id]'), e => e.id)"))
        missing += [f"{origin} -> {page}#{f}" for f, origin in wanted
                    if _unquote(f) not in present]
    assert missing == []


def _unquote(fragment: str) -> str:
    from urllib.parse import unquote

    return unquote(fragment)


def article_texts(driver, site: Path) -> dict[str, str]:
    """The text of each article as its page renders it."""
    texts = {}
    for page in sorted((site / "article").glob("*.html")):
        driver.get(page.resolve().as_uri())
        text, length = driver.execute_script(
            "const t = document.querySelector('.article-text');"
            "return [t.textContent, Number(t.dataset.length)];")
        assert len(text) == length, page.name        # the page holds the text whole
        texts[page.stem] = text
    return texts


def test_each_highlighted_quote_is_the_articles_text_at_its_offsets(driver, sample_site):
    texts = article_texts(driver, sample_site)
    checked, bad = 0, []
    pages = sorted((sample_site / "attack").glob("*.html")) + sorted(
        (sample_site / "incident").glob("*.html")) + sorted((sample_site / "agent").glob("*.html"))
    for page in pages:
        driver.get(page.resolve().as_uri())
        for article, offset, start, end, shown, before in driver.execute_script(MARKS_JS):
            checked += 1
            if shown != texts[article][start:end] or offset + before != start:
                bad.append(f"{page.name}: {start}-{end} {shown[:40]!r}")
    assert bad == [] and checked > 20
    # and on each article's page, each extracted span is the text at its offsets
    for page in sorted((sample_site / "article").glob("*.html")):
        driver.get(page.resolve().as_uri())
        items = driver.execute_script(
            "return Array.from(document.querySelectorAll('li.item'), li => "
            "[Number(li.dataset.start), Number(li.dataset.end), "
            "li.querySelector('q.exact').textContent]);")
        assert items, page.name
        text = texts[page.stem]
        assert [x for x in items if text[x[0]:x[1]] != x[2]] == []


def test_the_index_sorts_and_filters(driver, sample_site):
    driver.get((sample_site / "index.html").resolve().as_uri())
    rows = "return Array.from(document.querySelectorAll('#incidents tbody tr'))" \
           ".filter(r => !r.hidden).length"
    total = driver.execute_script(rows)
    assert total > 1
    box = driver.find_element("id", "filter")
    assert box.is_displayed()                  # the script ran and showed the controls
    box.send_keys("zzzz-no-such-incident")
    assert driver.execute_script(rows) == 0
    box.clear()
    box.send_keys(" ")
    assert driver.execute_script(rows) == total
    killed = driver.find_element("css selector", "#incidents th:nth-child(6)")
    killed.click()
    killed.click()                             # descending
    values = driver.execute_script(
        "return Array.from(document.querySelectorAll('#incidents tbody tr td:nth-child(6)'),"
        " td => Number(td.dataset.sort));")
    assert values == sorted(values, reverse=True)
    assert killed.get_attribute("aria-sort") == "descending"


def busiest_incident(site: Path) -> Path:
    """The incident page with the most claims (the most telling screenshot)."""
    pages = sorted(site.glob("attack/*.html")) + sorted(site.glob("incident/*.html"))
    return max(pages, key=lambda p: (p.read_text(encoding="utf-8").count('<article class="claim'),
                                     p.name))


def test_screenshots_and_print(driver, sample_site, artefacts):
    for name, page in (("index", sample_site / "index.html"),
                       ("incident", busiest_incident(sample_site))):
        driver.get(page.resolve().as_uri())
        shot = artefacts / f"dossier-{name}.png"
        assert driver.save_screenshot(str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    pdf = driver.print_page()                 # Chromium's own print to PDF
    import base64

    data = base64.b64decode(pdf)
    assert data[:5] == b"%PDF-"
    (artefacts / "dossier-incident.pdf").write_bytes(data)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = driver.execute_script(
            "return getComputedStyle(document.querySelector('header.site')).display")
        columns = driver.execute_script(
            "return getComputedStyle(document.querySelector('.columns')).gridTemplateColumns")
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert hidden == "none"                  # no navigation on paper
    assert len(columns.split()) == 2         # allegations and denials still side by side


def test_kg_serve_pages_run_in_the_browser_under_its_content_policy(driver, sample_site):
    store = sample_site.parent / "kg-store"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store),
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = proc.stdout.readline()
        assert "Serving the dossier" in line, line + proc.stderr.read()
        url = line.split(" on ", 1)[1].split(" ", 1)[0]
        incident = busiest_incident(sample_site).relative_to(sample_site).as_posix()
        for path in ("index.html", incident):
            assert open_page(driver, url + path) == []
            served = driver.execute_script("return document.querySelector('main').innerText")
            driver.get((sample_site / path).resolve().as_uri())
            assert served == driver.execute_script(
                "return document.querySelector('main').innerText")
        driver.get(url + "index.html")
        assert driver.find_element("id", "filter").is_displayed()   # its script was allowed
    finally:
        proc.terminate()
        assert proc.wait(20) == 0
        proc.stdout.close()
        proc.stderr.close()
