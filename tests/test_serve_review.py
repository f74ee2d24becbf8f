"""Review actions in the served dossier (`kg serve --review`, docs/review.md): over HTTP (the
token, the origin, the refusals) and in a real browser (Debian's Chromium, as in
tests/test_report_browser.py): reject a claim by its button, add a claim by selecting its
words in the article's text."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import iris
from kg.cli import cli
from kg.report.model import page_path
from kg.review.session import status
from kg.store import Store
from tests.support import browser
from tests.support import fixture as fx
from tests.test_report import Served, make_store


@pytest.fixture()
def store(tmp_path) -> Path:
    return make_store(tmp_path / "kg-store")


def _post(server: Served, data, token=None, origin=None, ctype="application/json"):
    headers = {"Content-Type": ctype}
    if token:
        headers["X-KG-Review-Token"] = token
    if origin:
        headers["Origin"] = origin
    req = urllib.request.Request(server.url + "review", data=json.dumps(data).encode(),
                                 headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def _token(page: bytes) -> str:
    return page.split(b'name="kg-review-token" content="', 1)[1].split(b'"', 1)[0].decode()


def test_review_posts_need_the_token_and_the_servers_origin(store):
    a = fx.article_a()
    denial = str(iris.claim_iri(a.article.id, "denial", *_span(a, "denied the report")))
    server = Served(store, "--review")
    try:
        status_, page, headers = server.get("index.html")
        assert status_ == 200 and b'src="/review.js"' in page
        assert "connect-src 'self'" in headers["Content-Security-Policy"]
        assert server.get("review.js")[0] == 200
        token = _token(page)
        reject = {"action": "reject", "item": denial, "by": "Ana", "reason": "not a denial"}
        assert _post(server, reject)[0] == 403                         # no token
        assert _post(server, reject, token, origin="http://evil.example")[0] == 403
        assert _post(server, reject, token, ctype="text/plain")[0] == 403
        code, answer = _post(server, {**reject, "action": "drop"}, token)
        assert code == 400 and "action" in answer["error"]
        code, answer = _post(server, {**reject, "item": "id:article/0/nothing/1-2"}, token)
        assert code == 400 and "E640" in answer["error"]
        code, answer = _post(server, reject, token, origin=server.url.rstrip("/"))
        assert code == 200 and answer["decision"].startswith("id:review/"), answer
    finally:
        assert server.stop() == 0
    with Store.open(store) as s:
        (row,) = status(s)
    assert row.state == "applied" and row.decision.by == "Ana"
    assert row.decision.action == "reject"


def test_review_is_refused_on_another_address(store):
    result = CliRunner().invoke(cli, ["serve", "--store", str(store), "--review",
                                      "--host", "0.0.0.0", "--port", "0"])
    assert result.exit_code == 2 and "127.0.0.1" in result.output


def test_without_review_the_server_stays_read_only(store):
    server = Served(store)
    try:
        status_, page, _ = server.get("index.html")
        assert b"kg-review-token" not in page
        assert server.get("review.js")[0] == 404
        assert server.get("review", method="POST")[0] == 501
    finally:
        server.stop()


def _span(x, words):
    s = x.article.text.index(words)
    claim = next(c for c in x.claims if c.span.start <= s < c.span.end)
    return claim.span.start, claim.span.end


# --- in a real browser ----------------------------------------------------------------------------
SELECT_JS = """
const box = document.querySelector('div.article-text[data-article]');
const words = arguments[0];
const at = box.textContent.indexOf(words);
if (at < 0) { return false; }
function point(index) {
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  let node, seen = 0;
  while ((node = walker.nextNode())) {
    if (index <= seen + node.textContent.length) { return [node, index - seen]; }
    seen += node.textContent.length;
  }
  return null;
}
const [a, ao] = point(at), [b, bo] = point(at + words.length);
const r = document.createRange();
r.setStart(a, ao);
r.setEnd(b, bo);
const sel = window.getSelection();
sel.removeAllRanges();
sel.addRange(r);
return sel.toString() === words;
"""


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    if browser.skip_reason():
        if browser.required():
            pytest.fail(f"the browser tests must run in CI: {browser.skip_reason()}")
        pytest.skip(browser.skip_reason())
    d = browser.start(tmp_path_factory.mktemp("chromium-profile"))
    yield d
    d.quit()


def _wait(driver, js: str, timeout: float = 30.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = driver.execute_script(js)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"still false after {timeout} s: {js}")


@pytest.mark.browser
def test_reject_and_add_from_the_pages(store, driver):
    from selenium.webdriver.common.by import By

    a = fx.article_a()
    allegation = str(iris.claim_iri(a.article.id, "allegation", *_span(a, "an air strike")))
    server = Served(store, "--review")
    try:
        with Store.open(store) as s:
            from kg.report.read import read_dossier

            d = read_dossier(s)
        incident = next(i for i in d.incidents if allegation in _claims_of(d, i))
        driver.get(server.url + page_path(incident.iri))
        driver.find_element(By.ID, "kg-reviewer").send_keys("Ana")
        claim = driver.find_element(By.CSS_SELECTOR, f'article.claim[data-iri="{allegation}"]')
        claim.find_element(By.CSS_SELECTOR, "input.review-reason").send_keys("a duplicate")
        claim.find_element(By.CSS_SELECTOR, 'button[data-action="reject"]').click()
        _wait(driver, "return document.readyState === 'complete' && !document.querySelector("
                      f"'article.claim[data-iri=\"{allegation}\"]')")
        # add a claim by selecting its words on the article's page
        driver.get(server.url + page_path(str(iris.article_iri(a.article.id))))
        name = driver.find_element(By.ID, "kg-reviewer")
        assert name.get_attribute("value") == "Ana"                # remembered
        name.clear()
        name.send_keys("Bo")
        words = "The Northland Defence Ministry denied"
        assert driver.execute_script(SELECT_JS, words)
        driver.find_element(By.ID, "kg-add-source").send_keys("Northland")
        driver.find_element(By.ID, "kg-add").click()
        rows = _wait_for_decisions(store, 2)
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"
                  and "favicon" not in e["message"]]
    finally:
        assert server.stop() == 0
    assert errors == []
    assert [(r.state, r.decision.action, r.decision.by) for r in rows] == [
        ("applied", "reject", "Ana"), ("applied", "add", "Bo")]
    added = rows[1].decision
    assert a.article.text[added.start:added.end] == words == added.exact


def _wait_for_decisions(store: Path, n: int, timeout: float = 30.0) -> list:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with Store.open(store, wait=30) as s:
            rows = status(s)
        if len(rows) >= n:
            return rows
        time.sleep(0.3)
    raise AssertionError(f"fewer than {n} decisions after {timeout} s")


def _claims_of(d, incident) -> set:
    return {c.iri for c in d.claims.values() if set(c.concerns) & set(incident.reports)}
