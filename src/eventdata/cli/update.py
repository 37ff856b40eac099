"""``eventdata update``: bring a Parquet store of ACLED events up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from eventdata.cli.common import dump_json, format_option
from eventdata.cli.fetch import (
    CREDENTIALS_HELP,
    query_arguments,
    query_options,
    run_download,
    stream_options,
)

__all__ = ["update"]

_UPDATE_HELP = (
    """\
Bring STORE up to date with ACLED's API: revised events replaced, new ones added,
deleted ones removed.

STORE is a Parquet file or dataset directory written by 'eventdata fetch' (or an
earlier update, or 'eventdata convert' of an export). The events with a timestamp
at or after the store's newest are downloaded with the query the store records
(query options replace it), and the deletions since the last update are applied.
The store is rewritten atomically: if anything fails, it stays as it was. A STORE
that does not exist is created from a full download of the query. One update runs
at a time (a second one exits 2 and changes nothing), and a store another program
replaced meanwhile is not overwritten. What changed is kept beside the store
('eventdata history STORE').

\b
Examples:
  eventdata update somalia.parquet
  eventdata update somalia.parquet --format json
  eventdata update kenya.parquet --country Kenya --start 2024-01-01

"""
    + CREDENTIALS_HELP
    + """
Exit code: 0 updated, 1 received rows break error rules (--on-invalid raise;
nothing written), 2 STORE unreadable or busy, login refused, API failing, bad usage.
"""
)


@click.command(help=_UPDATE_HELP, short_help="Bring a Parquet store up to date with ACLED.")
@click.argument("store", type=click.Path(path_type=Path))
@query_options
@format_option("text: one summary line; json: the summary as a JSON document on stdout.")
@click.pass_context
def update(ctx: click.Context, /, store: Path, fmt: str, **options: Any) -> None:
    """Bring STORE up to date with ACLED's API."""
    from eventdata.sources.store import update as run

    arguments = query_arguments(options)
    summary = run_download(
        ctx, lambda: run(store, **stream_options(options), **arguments), path=store
    )
    if fmt == "json":
        click.echo(dump_json(summary.to_dict()))
    else:
        click.echo(str(summary))
