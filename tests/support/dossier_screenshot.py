"""Make the README's picture of the dossier, docs/dossier-incident.png
(``python -m tests.support.dossier_screenshot``): the five sample articles ingested into a
temporary store, ``kg report``, and the incident page with the most claims among those
dated to the day and with a casualty figure, photographed by Debian's headless Chromium
(tests/support/browser.py)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

OUT = Path(__file__).resolve().parents[2] / "docs" / "dossier-incident.png"


def telling_incident(site: Path) -> Path:
    from tests.test_report_browser import busiest_incident

    pages = sorted(site.glob("attack/*.html")) + sorted(site.glob("incident/*.html"))
    full = [p for p in pages if "(known to the day)" in (text := p.read_text(encoding="utf-8"))
            and '<td>killed</td>' in text]
    if not full:
        return busiest_incident(site)
    return max(full, key=lambda p: (p.read_text(encoding="utf-8").count('<article class="claim'),
                                    p.name))


def main() -> int:
    from kg.cli import cli
    from kg.resources import sample_articles_dir
    from tests.support import browser
    reason = browser.skip_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        runner = CliRunner()
        for args in (["ingest", str(sample_articles_dir()), "--store", str(base / "kg-store")],
                     ["report", "--store", str(base / "kg-store"), "-o", str(base / "d")]):
            result = runner.invoke(cli, args)
            assert result.exit_code == 0, result.output
        driver = browser.start(base / "profile")
        try:
            driver.set_window_size(1100, 1250)
            driver.get(telling_incident(base / "d").resolve().as_uri())
            driver.save_screenshot(str(OUT))
        finally:
            driver.quit()
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
