"""The options that let a command reading RDF files fetch what the files name.

Without them nothing is fetched (docs/security.md): a JSON-LD context that is a URL is an
error, ``owl:imports`` are not followed (and a note on stderr says so).
"""

from __future__ import annotations

import functools

import click

from kg.validate.fetch import DEFAULT_TIMEOUT, FetchPolicy


def fetch_options(command):
    """Add ``--allow-remote-context``, ``--follow-imports`` and ``--fetch-timeout`` to
    *command*, which receives them as one ``policy`` (a `FetchPolicy`)."""
    @click.option("--allow-remote-context", is_flag=True,
                  help="Fetch the JSON-LD contexts (@context, @import) that a file names by "
                       "an http(s) URL; without it such a file is refused. Local context "
                       "files are never read.")
    @click.option("--follow-imports", is_flag=True,
                  help="Fetch the ontologies that owl:imports name (http, https), and theirs, "
                       "and add them to what is checked; without it they are not followed.")
    @click.option("--fetch-timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT,
                  show_default=True, metavar="SECONDS",
                  help="Give up on a fetched document after this long.")
    @functools.wraps(command)
    def wrapper(*args, allow_remote_context: bool, follow_imports: bool,
                fetch_timeout: float, **kwargs):
        policy = FetchPolicy(remote_contexts=allow_remote_context, imports=follow_imports,
                             timeout=fetch_timeout)
        return command(*args, policy=policy, **kwargs)
    return wrapper


def note_unfollowed_imports(graph, policy: FetchPolicy) -> None:
    """Say on stderr which ``owl:imports`` of *graph* were not followed, if any."""
    from kg.errors import escaped
    from kg.validate.imports import imported_iris

    if policy.imports:
        return
    iris = imported_iris(graph)
    if iris:
        shown = ", ".join(escaped(i) for i in iris[:5]) + (" ..." if len(iris) > 5 else "")
        click.echo(f"kg: note: {len(iris)} owl:imports not followed ({shown}); "
                   "pass --follow-imports to fetch them", err=True)


__all__ = ["fetch_options", "note_unfollowed_imports"]
