"""``eventdata fetch``: download ACLED events from ACLED's API into a Parquet store.

Also the query and connection options shared with ``eventdata update``.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from eventdata.cli.common import (
    EXIT_ERRORS,
    choice_option,
    count_option,
    progress_option,
    readable_input,
    repeatable_option,
    split_values,
)

if TYPE_CHECKING:
    from eventdata.sources._stream import AcledBatches

__all__ = [
    "CREDENTIALS_HELP",
    "connection",
    "fetch",
    "query_options",
    "run_download",
    "stream_options",
]

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")

CREDENTIALS_HELP = """\
\b
Credentials (your myACLED account; the password never goes on the command line):
  ACLED_API_EMAIL     account email (or --email)
  ACLED_API_PASSWORD  account password (asked for when unset and stdin is a terminal)
  ACLED_API_URL       API host (or --base-url; default https://acleddata.com)
"""

_QUERY_OPTIONS = [
    click.option(
        "--country",
        multiple=True,
        metavar="NAME",
        help="Country (ACLED's spelling, which may hold commas); repeatable.",
    ),
    click.option("--region", multiple=True, metavar="REGION", help="ACLED region code or name."),
    click.option("--start", "start_date", metavar="YYYY-MM-DD", help="First event date."),
    click.option("--end", "end_date", metavar="YYYY-MM-DD", help="Last event date (inclusive)."),
    click.option(
        "--event-type",
        "event_types",
        multiple=True,
        metavar="TYPE",
        help="Event type, e.g. Battles; repeatable or comma-separated.",
    ),
    click.option(
        "--filter",
        "filters",
        multiple=True,
        metavar="KEY=VALUE",
        help="Any other ACLED filter as sent, e.g. iso=706 or admin1=Banaadir; repeatable.",
    ),
    click.option("--email", metavar="EMAIL", help="myACLED email (default $ACLED_API_EMAIL)."),
    click.option("--base-url", metavar="URL", help="API host (default $ACLED_API_URL)."),
    count_option("--page-size", maximum=5000, default=5000, metavar=None, help="Rows per request."),
    click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=60.0,
        show_default=True,
        help="Seconds to wait for each answer.",
    ),  # fmt: skip
    count_option(
        "--retries",
        "max_retries",
        minimum=0,
        default=5,
        metavar=None,
        help="Retries of a request answered 429 or 5xx, or timed out.",
    ),
    choice_option(
        "--on-invalid",
        choices=("keep", "drop", "raise"),
        default="keep",
        help="Rows breaking error rules: keep (and report), drop (and save beside the "
        "output), raise = write nothing and exit 1.",
    ),
    progress_option,
]


def query_options(command: F) -> F:
    """Add the query, connection and validation options to a command."""
    for option in reversed(_QUERY_OPTIONS):
        command = option(command)
    return command


def query_arguments(options: dict[str, Any]) -> dict[str, Any]:
    """The ACLED query of the command line, as keyword arguments of ``acled_query``.

    Raises:
        click.BadParameter: a ``--filter`` is not ``KEY=VALUE`` (exit code 2).

    """
    args: dict[str, Any] = {}
    countries = [c.strip() for c in options["country"] if c.strip()]
    if countries:  # not split at commas: "Bonaire, Saint Eustatius and Saba"
        args["country"] = countries
    for name in ("region", "event_types"):
        values = split_values(options[name])
        if values:
            args[name] = values
    for name in ("start_date", "end_date"):
        if options[name]:
            args[name] = options[name]
    for item in options["filters"]:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--filter")
        args[key.strip()] = value
    return args


def connection(options: dict[str, Any]) -> dict[str, Any]:
    """Session settings; the password comes from the environment or a hidden prompt."""
    from eventdata.sources._http import PASSWORD_ENV

    password = os.environ.get(PASSWORD_ENV)
    if not password and sys.stdin is not None and sys.stdin.isatty():
        password = click.prompt("myACLED password", hide_input=True, err=True)
    return {
        "email": options["email"],
        "password": password or None,
        "base_url": options["base_url"],
        "timeout": options["timeout"],
        "max_retries": options["max_retries"],
    }


def stream_options(options: dict[str, Any]) -> dict[str, Any]:
    """Paging, ``--on-invalid``, ``--progress`` and the session settings of a download."""
    return {
        "page_size": options["page_size"],
        "on_invalid": options["on_invalid"],
        "progress": options["progress"],
        **connection(options),
    }


def run_download(
    ctx: click.Context,
    work: Callable[[], T],
    *,
    path: Path | None,
    named: tuple[object, ...] = (),
) -> T:
    """Run a download that writes a store; exit 1 when ``--on-invalid raise`` refused rows.

    Input and API errors become exit code 2 (see :func:`readable_input`), naming ``path``
    or one of ``named``; warnings are silenced, as the command's summary says the same.
    """
    from eventdata.exceptions import ValidationFailed

    with readable_input(path, also=(ValueError,), named=named), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return work()
        except ValidationFailed as exc:
            refusal = str(exc)
    click.echo(
        f"Error: {refusal}\nNothing was written; rerun with --on-invalid keep or drop.", err=True
    )
    ctx.exit(EXIT_ERRORS)


_FETCH_HELP = (
    """\
Download ACLED events from ACLED's API into OUT, a Parquet store.

OUT is a .parquet file, or a dataset directory with --partition-by; pages are
streamed to it in bounded memory. Every page is validated on arrival; rows
breaking error rules are kept and listed in OUT's .failures.parquet side file
(see --on-invalid). The store records the query, so 'eventdata update OUT' keeps
it current. Written atomically: on failure nothing is left behind.

\b
Examples:
  eventdata fetch --country Somalia --start 2025-01-01 somalia.parquet
  eventdata fetch --country Kenya --country Somalia --event-type Battles east.parquet
  eventdata fetch --region 1 --filter fatalities=0 --filter fatalities_where='>' w.parquet
  eventdata fetch --country Iraq events/ --partition-by year

"""
    + CREDENTIALS_HELP
    + """
Exit code: 0 written, 1 rows break error rules (--on-invalid raise; nothing
written), 2 login refused, API unreachable or failing, OUT unwritable, bad usage.
"""
)


@click.command(help=_FETCH_HELP, short_help="Download ACLED events from ACLED's API.")
@click.argument("out", type=click.Path(path_type=Path))
@query_options
@repeatable_option(
    "--partition-by",
    metavar="COLUMN",
    help="Write a hive-partitioned dataset directory (e.g. year); repeatable or comma-separated.",
)
@click.pass_context
def fetch(ctx: click.Context, /, out: Path, partition_by: tuple[str, ...], **options: Any) -> None:
    """Download ACLED events from ACLED's API into OUT, a Parquet store."""
    columns = split_values(partition_by)
    if not columns and out.suffix.lower() not in {".parquet", ".pq", ".geoparquet"}:
        raise click.UsageError(
            f"{out}: name a .parquet file, or add --partition-by COLUMN to write a directory"
        )
    from eventdata.sources.acled_api import acled_query, stream_query
    from eventdata.sources.store import create_store

    try:
        params = acled_query(**query_arguments(options))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    began, started = time.perf_counter(), int(time.time())

    def download() -> tuple[AcledBatches, int]:
        stream = stream_query(params, **stream_options(options))
        return stream, create_store(stream, out, partition_by=columns or None, started=started)

    stream, rows = run_download(ctx, download, path=None, named=(out,))
    invalid = ""
    if stream.n_invalid:
        what = "dropped" if stream.on_invalid == "drop" else "kept"
        invalid = f", {stream.n_invalid:,} invalid ({what}; see the .failures.parquet file)"
    click.echo(
        f"{out}: wrote {rows:,} ACLED events ({stream.rows:,} received in {stream.pages} "
        f"pages{invalid}); {time.perf_counter() - began:.1f} s"
    )
    if stream.empty_note is not None:
        click.echo(stream.empty_note, err=True)
