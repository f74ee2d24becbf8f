"""The evidence dossier: a browsable, printable site of every incident, read from the graph.

    from kg.report import read_dossier, write_site
    with Store.open("kg-store") as store:
        write_site(read_dossier(store), Path("dossier"))

`kg.report.read` reads the page model through the stored queries of
``kg/report/queries`` (the one place that knows whether the store holds incidents and
grades), `kg.report.pages` and the templates of ``kg/report/templates`` make the pages,
`kg.report.svg` the timeline, map and graph pictures, `kg.report.site` writes them
(`kg report`) and `kg.report.serve` serves them from the live store (`kg serve`).
"""

from __future__ import annotations

from kg.report.model import Dossier, page_path
from kg.report.read import MemoryGraph, read_dossier
from kg.report.site import Site, write_site

__all__ = ["Dossier", "MemoryGraph", "Site", "page_path", "read_dossier", "write_site"]
