"""``kg report`` and ``kg serve``: the evidence dossier, as files or from the live store."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli import cli
from kg.cli._store_options import store_option, wait_option


@cli.command("report")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("dossier"), show_default=True,
              help="The folder to write (a new or empty one, or a dossier written before, "
                   "which is replaced whole).")
@store_option
@wait_option
def report_command(out_dir: Path, store_dir: Path, wait: float) -> None:
    """Write the evidence dossier: a static site of every incident, source and article.

    An index of incidents (sortable, filterable), a timeline, a map of the places with
    coordinates, a page per incident (allegations and denials side by side, each quote
    highlighted in its paragraph, with its article's title, publisher, date and SHA-256,
    the figures each source gives, a picture of who says what), a page per source and per
    article (its text with every extracted span highlighted).  HTML, CSS and a little
    JavaScript, nothing fetched from the network: open index.html from the file system, or
    print it.  The same store gives the same bytes.

    Example:

    \b
        kg report -o dossier
        xdg-open dossier/index.html
    """
    from kg.report import read_dossier, write_site
    from kg.store import Store

    with Store.open(store_dir, "r", wait=wait) as store:
        dossier = read_dossier(store)
    paths = write_site(dossier, out_dir)
    click.echo(f"kg: wrote {out_dir} ({len(paths)} files: {len(dossier.incidents)} incidents, "
               f"{len(dossier.agents)} sources and parties, {len(dossier.articles)} articles); "
               f"open {out_dir / 'index.html'}", err=True)


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on.  Anything but 127.0.0.1, ::1 or localhost "
                   "lets other machines read the dossier: give it only when you mean it.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port (0: any free port, printed when the server starts).")
@click.option("--review", is_flag=True,
              help="Offer review actions in the pages (accept, reject, correct the source or "
                   "kind, add a claim from selected words: docs/review.md); only on 127.0.0.1, "
                   "::1 or localhost.")
@store_option
@wait_option
def serve_command(host: str, port: int, review: bool, store_dir: Path, wait: float) -> None:
    """Serve the dossier's pages from the live store, read-only, until Ctrl-C.

    The pages are those `kg report` writes, read again from the store after every change
    to it (a `kg ingest` while the server runs shows on the next page loaded).  Only GET
    and HEAD requests are answered.

    Example:

    \b
        kg serve --store kg-store
        kg serve --port 0            # any free port
        kg serve --review            # with review actions, on 127.0.0.1
    """
    from kg.report.serve import LiveSite, bind, is_loopback, serve_until_stopped

    actions = None
    if review:
        from kg.report.review_actions import ReviewActions

        if not is_loopback(host):
            raise click.UsageError("--review serves on 127.0.0.1, ::1 or localhost only")
        actions = ReviewActions(store_dir, wait)
    live = LiveSite(store_dir, wait)
    live.site()                       # read the store once now: fail before listening
    server = bind(live, host, port, actions)
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{server.server_address[1]}/"
    if not is_loopback(host):
        click.echo(f"kg: warning: listening on {host}: other machines can read the dossier",
                   err=True)
    mode = "with review actions" if review else "read-only"
    click.echo(f"Serving the dossier of {store_dir} on {url} ({mode}; Ctrl-C stops)")
    serve_until_stopped(server)
    click.echo("kg: stopped", err=True)
