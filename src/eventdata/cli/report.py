"""``eventdata report``: one self-contained HTML page that shows a dataset."""

from __future__ import annotations

import time
from pathlib import Path

import click

from eventdata.cli.common import (
    InputProblem,
    ReaderOptions,
    count_option,
    read_options,
    readable_input,
)

__all__ = ["report"]

_REPORT_HELP = """\
Write one self-contained HTML page that shows a dataset.

DATA is a CSV, JSON, JSON Lines or Parquet file (or Parquet dataset directory) of
ACLED data in any dialect, or a records file written by write_records. OUT is the HTML
file to write. The page holds a map of the events over the country outlines, weekly
bars by event type, a table and small multiples by admin1, the top actors and
sub-event types, ACLED's HDX categories, the dialect and a validation summary; for a
records file also the attacks, responses, weapons and response chains. Filters by
weeks, event type and admin1 redraw the map and charts. It loads nothing from the
network: every style, outline and script is inside the file. Rows with a blank or
unreadable date or without coordinates are counted, never a reason to fail.

Needs the report extra: pip install 'eventdata[report]'.

\b
Examples:
  eventdata report acled.csv acled.html
  eventdata report events.parquet report.html --title "Sahel 2025" --max-points 2000
  eventdata report acled.csv both.html --compare ged.csv

Exit code: 0 the page was written (also when the data has errors: the page lists
them; use 'eventdata validate' to gate), 2 DATA or OTHER cannot be read, OUT
cannot be written, or jinja2 (or, with --compare, the match extra) is missing.
"""


@click.command(help=_REPORT_HELP, short_help="Write an HTML page that shows a dataset.")
@click.argument("data", metavar="DATA", type=click.Path(path_type=Path))
@click.argument("out", metavar="OUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--title", default=None, help="Page title (default: 'Events in <file name>').")
@count_option(
    "--max-points",
    default=5_000,
    help="Most marks on the map; more events are binned to a grid (the page states the cell).",
)
@count_option(
    "--top", default=12, help="How many actors, sub-event types and admin1 areas to show."
)
@click.option(
    "--compare",
    "compare",
    metavar="OTHER",
    type=click.Path(path_type=Path),
    default=None,
    help="Another source of the same events (ACLED, UCDP GED, GTD, records): the page "
    "shows what both have and what only one has. Needs the match extra.",
)
@count_option(
    "--max-failures",
    minimum=0,
    default=20,
    help="How many failing rows to list (counts per rule stay complete).",
)
@read_options
def report(
    data: Path,
    out: Path,
    title: str | None,
    max_points: int,
    top: int,
    compare: Path | None,
    max_failures: int,
    read: ReaderOptions,
) -> None:
    """Write one self-contained HTML page that shows a dataset."""
    from eventdata.reporting import MISSING_EXTRA

    try:
        import jinja2  # noqa: F401
    except ModuleNotFoundError:
        raise InputProblem(MISSING_EXTRA) from None
    for given in (data, compare):
        if given is not None and not given.exists():
            raise InputProblem(f"{given}: no such file or directory")
    from eventdata.reporting import report as write_report

    started = time.perf_counter()
    with readable_input(data, named=(out,)):
        written = write_report(
            data,
            out,
            title=title,
            max_points=max_points,
            top=top,
            max_failures=max_failures,
            compare=compare,
            **read,
        )
    size = written.stat().st_size
    click.echo(
        f"wrote {written} ({size / 1e6:.2f} MB) in {time.perf_counter() - started:.1f} s",
        err=True,
    )
