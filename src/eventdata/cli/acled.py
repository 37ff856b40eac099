"""``eventdata acled check``: say step by step why ACLED's API fails or answers nothing."""

from __future__ import annotations

from typing import Any

import click

from eventdata.cli.common import EXIT_UNREADABLE, dump_json, format_option
from eventdata.cli.fetch import CREDENTIALS_HELP, connection, query_arguments, query_options

__all__ = ["acled"]

_CHECK_HELP = (
    """\
Check that ACLED's API will answer a query, step by step, and name the step
that fails: credentials missing, ACLED unreachable or failing, password
refused, a login that works for an account without data access, a country or
region name ACLED does not use (with the closest names), a query that matches
nothing (which filter, e.g. a date range without events).

Takes the query options of 'eventdata fetch'; without any, checks the account.

\b
Examples:
  eventdata acled check
  eventdata acled check --country Somalia --start 2025-01-01
  eventdata acled check --country "Democratic Republic of Congo" --format json

"""
    + CREDENTIALS_HELP
    + """
Exit code: 0 every step passed, 1 a step failed (named on stdout), 2 bad usage.
"""
)


@click.group(short_help="ACLED's API: check the account and a query.")
def acled() -> None:
    """Commands about ACLED's API."""


@acled.command(help=_CHECK_HELP, short_help="Check credentials, access and a query, step by step.")
@query_options
@format_option("text: one line per step; json: the steps as a JSON document.")
@click.pass_context
def check(ctx: click.Context, /, fmt: str, **options: Any) -> None:
    """Check step by step that ACLED's API will answer a query."""
    from eventdata.sources.check import check_acled

    try:
        report = check_acled(**query_arguments(options), **connection(options))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    except Exception as exc:  # an EventdataError (httpx missing): exit 2 with the message
        from eventdata.exceptions import EventdataError

        if not isinstance(exc, EventdataError):
            raise
        click.echo(f"Error: {exc}", err=True)
        ctx.exit(EXIT_UNREADABLE)
    click.echo(dump_json(report.to_dict()) if fmt == "json" else str(report))
    if not report.ok:
        ctx.exit(1)
