"""The dossier as a set of pages: their paths, and the bytes of each, rendered by the Jinja2
templates of ``kg/report/templates``.  `write_site` writes them all to a folder (`kg report`),
`Site.render` one of them on demand (`kg serve`): the same bytes either way.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable, Optional

from kg import __version__
from kg.errors import ReportError
from kg.report import pages
from kg.report.model import Dossier, linker, page_path

HERE = Path(__file__).resolve().parent
STATIC = ("static/dossier.css", "static/dossier.js")
#: A file every dossier folder holds, so that `write_site` replaces only a dossier.
MARKER = ".kg-dossier"
NAV = (("index.html", "Incidents"), ("timeline.html", "Timeline"), ("map.html", "Map"),
       ("sources.html", "Sources"), ("articles.html", "Articles"))


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.globals.update(version=__version__, nav=NAV)
    return env


class Site:
    """Every page of a dossier, by path relative to the site's root."""

    def __init__(self, dossier: Dossier):
        self.d = dossier
        self.ix = pages.Index(dossier)
        self.env = _environment()
        self.pages: dict[str, Callable[[], bytes]] = {}
        for name, fn, template in (
                ("index.html", pages.index_page, "index.html"),
                ("timeline.html", pages.timeline_page, "timeline.html"),
                ("map.html", pages.map_page, "map.html"),
                ("sources.html", pages.sources_page, "sources.html"),
                ("articles.html", pages.articles_page, "articles.html")):
            self.pages[name] = self._page(name, template, fn)
        for inc in dossier.incidents:
            self.pages[page_path(inc.iri)] = self._page(
                page_path(inc.iri), "incident.html", pages.incident_page, inc)
        for a in dossier.agents:
            self.pages[page_path(a)] = self._page(page_path(a), "agent.html", pages.agent_page,
                                                  a)
        for a in dossier.articles:
            self.pages[page_path(a)] = self._page(page_path(a), "article.html",
                                                  pages.article_page, a)
        for name in STATIC:
            self.pages[name] = (lambda n=name: (HERE / n).read_bytes())

    def _page(self, path: str, template: str, fn, *args) -> Callable[[], bytes]:
        def render() -> bytes:
            context = fn(self.ix, *args)
            html = self.env.get_template(template).render(
                page=context, url=linker(path), current=path)
            return html.encode("utf-8")
        return render

    def paths(self) -> list[str]:
        return sorted(self.pages)

    def render(self, path: str) -> Optional[bytes]:
        """The bytes of the page at *path* (``index.html``, ``agent/x.html``), None if the
        site has no such page."""
        fn = self.pages.get(path)
        return fn() if fn else None


def write_site(dossier: Dossier, out_dir: Path) -> list[str]:
    """Write every page of *dossier* under *out_dir*, replacing a dossier written there
    before; a folder holding anything else is refused (E901).  The pages are written to a
    new folder beside it first and moved in place at the end, so that *out_dir* is never
    half-written."""
    out_dir = Path(out_dir)
    _check_target(out_dir)
    site = Site(dossier)
    tmp = out_dir.with_name(out_dir.name + ".part")
    old = out_dir.with_name(out_dir.name + ".old")
    for leftover in (tmp, old):
        _check_target(leftover)
        if leftover.exists():       # what an interrupted kg report left
            shutil.rmtree(leftover)
    try:
        tmp.mkdir(parents=True)
        (tmp / MARKER).write_text(f"evidence-kg {__version__} dossier\n", encoding="utf-8")
        for path in site.paths():
            target = tmp / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(site.render(path))
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(tmp, out_dir)
        if old.exists():
            shutil.rmtree(old)
    except OSError as err:
        raise ReportError("E902", f"cannot write the dossier to {out_dir}", str(err),
                          "check the folder's permissions and free space") from err
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return site.paths()


def _check_target(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise ReportError("E901", f"cannot write the dossier to {out_dir}", "it is a file",
                          "give a new folder, or one a previous kg report wrote")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise ReportError("E901", f"will not write the dossier into {out_dir}",
                          "the folder holds other files, which the dossier would replace",
                          "give a new or empty folder, or one a previous kg report wrote")
