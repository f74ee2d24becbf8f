"""The ``kg`` command line: one click group, one module per command.

Library errors (`kg.errors.KgError`) become messages and exit codes here and only here:
0 success, 1 the data failed a check (violations, failed files), 2 usage or runtime error.
"""

from __future__ import annotations

import importlib

import click

from kg import __version__
from kg.errors import KgError

#: Modules of `kg.cli` that each add their command(s) to `cli`, in help order.
COMMAND_MODULES: tuple[str, ...] = (
    "ingest", "extract", "eval", "validate", "check_ontology", "queries", "export", "push",
    "store", "report", "review",
)

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class KgGroup(click.Group):
    """A click group that reports `KgError` as ``kg: error: ...`` with exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as err:
            click.echo(f"kg: error: {err}", err=True)
            ctx.exit(2)


@click.group(cls=KgGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="kg")
def cli() -> None:
    """evidence-kg: who alleges what, who denies it, and which attacks on protected
    objects are reported, every statement pinned to the words that carry it.

    Exit codes: 0 success; 1 the data failed a check (validation violations, files that
    could not be ingested); 2 usage or runtime error.
    """


def _load_commands() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(f"kg.cli.{name}")


def main(argv=None) -> None:
    """Entry point of the ``kg`` console script."""
    cli.main(args=argv, prog_name="kg")


_load_commands()
