"""Options shared by the commands that use the store or a SPARQL server."""

from __future__ import annotations

from pathlib import Path

import click

from kg.store import DEFAULT_WAIT
from kg.store.layout import DEFAULT_PATH, ENV_VAR

store_option = click.option(
    "--store", "store_dir", type=click.Path(path_type=Path, file_okay=False),
    envvar=ENV_VAR, default=DEFAULT_PATH, show_default=True, show_envvar=True,
    help="The store's folder.")

wait_option = click.option(
    "--wait", type=click.FloatRange(min=0), default=DEFAULT_WAIT, show_default=True,
    metavar="SECONDS", help="How long to wait for another kg command to release the store.")

timeout_option = click.option(
    "--timeout", type=click.FloatRange(min=1), default=60, show_default=True, metavar="SECONDS",
    help="Timeout of each request to the server.")

retries_option = click.option(
    "--retries", type=click.IntRange(min=0, max=10), default=3, show_default=True,
    help="Retries (with backoff) when the server cannot be reached or fails (5xx).")
