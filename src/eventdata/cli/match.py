"""``eventdata match``: which events two sources share, and what each has alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from eventdata.cli.common import (
    EXIT_OK,
    choice_option,
    count_option,
    dump_json,
    format_option,
    readable_input,
)

__all__ = ["match"]

DEFAULT_TEXT_ROWS = 12

_MATCH_HELP = """\
Match the events of A and B, write the pairs to OUT (Parquet) and print coverage.

A and B are files of ACLED events (any dialect), UCDP GED events or GTD incidents,
in any supported format. Each event's window follows its precision (ACLED's
time_precision and geo_precision, GED's date_start..date_end and where_prec, GTD's
specificity); pairs are an optimal one-to-one choice, plus episodes (several daily
rows of one multi-day event). OUT holds one row per pair (ids, km, days apart,
agreement per dimension, score, rank, runner-up), then the unmatched ids of each side.

The summary: matched events, events only in A, only in B, fatalities agreement, by
country-month and by event type. Needs the match extra:
pip install 'eventdata[match]'.

\b
Examples:
  eventdata match acled.csv ged.csv pairs.parquet
  eventdata match acled.csv ged.csv pairs.parquet --km 3 --days 1 --no-precision
  eventdata match my_coding.csv acled.parquet pairs.parquet --format json

Exit code: 0 matched, 2 an input cannot be read, OUT cannot be written, the match
extra is missing, or bad usage.
"""


@click.command(help=_MATCH_HELP, short_help="Match the events of two sources.")
@click.argument("a", type=click.Path(path_type=Path))
@click.argument("b", type=click.Path(path_type=Path))
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
@count_option(
    "--days",
    minimum=0,
    default=1,
    metavar=None,
    help="Days allowed between two events beyond their time precision.",
)
@click.option(
    "--km",
    type=click.FloatRange(min=0),
    default=0.0,
    show_default=True,
    help="Kilometres allowed beyond the two events' precision radii.",
)
@click.option(
    "--precision/--no-precision",
    default=True,
    show_default=True,
    help="Windows from each event's precision, or exactly --days and --km.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    default=None,
    help="Score (0-1) a pair needs (default 0.6).",
)
@choice_option(
    "--errors",
    choices=("raise", "coerce"),
    default="raise",
    help="raise: refuse input values that do not parse; coerce: read them as missing.",
)
@count_option(
    "--block-rows",
    minimum=1,
    default=100_000,
    metavar=None,
    help="Rows of A scored at a time: memory follows it (lower it for dense data).",
)
@count_option(
    "--workers",
    minimum=1,
    help="Blocks worked on at once, in threads (default: the CPUs, at most 4).",
)
@format_option("text: summary and coverage tables; json: one JSON document on stdout.")
@count_option(
    "--max-rows",
    minimum=0,
    help=f"Show at most N rows of each coverage table (text default "
    f"{DEFAULT_TEXT_ROWS}, json default all).",
)
@click.pass_context
def match(
    ctx: click.Context,
    a: Path,
    b: Path,
    out: Path,
    days: int,
    km: float,
    precision: bool,
    threshold: float | None,
    errors: str,
    block_rows: int,
    workers: int | None,
    fmt: str,
    max_rows: int | None,
) -> None:
    """Match the events of A and B (help text above)."""
    from eventdata.matching import DEFAULT_THRESHOLD
    from eventdata.matching import match as run

    with readable_input(None, named=(a, b, out)):
        result = run(
            a,
            b,
            days=days,
            km=km,
            precision=precision,
            threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
            errors="coerce" if errors == "coerce" else "raise",
            names=(a.name, b.name) if a.name != b.name else None,
            block_rows=block_rows,
            workers=workers,
        )
    with readable_input(out):
        result.to_parquet(out)
    tables = result.coverage()
    if fmt == "json":
        click.echo(dump_json(_document(result, tables, out, max_rows)))
    else:
        click.echo(_text(result, tables, out, DEFAULT_TEXT_ROWS if max_rows is None else max_rows))
    ctx.exit(EXIT_OK)


def _records(frame: Any, max_rows: int | None) -> list[dict[str, Any]]:
    shown = frame if max_rows is None else frame.head(max_rows)
    return [
        {k: (None if v != v else v) for k, v in row.items()}  # NaN -> null
        for row in shown.to_dict(orient="records")
    ]


def _document(result: Any, tables: dict[str, Any], out: Path, max_rows: int | None) -> Any:
    return {
        "out": str(out),
        "summary": result.summary,
        "coverage": {name: _records(t, max_rows) for name, t in tables.items()},
    }


def _text(result: Any, tables: dict[str, Any], out: Path, max_rows: int) -> str:
    s = result.summary
    compared = s["fatalities_compared"]
    share = f"{s['fatalities_equal'] / compared:.0%}" if compared else "-"
    lines = [
        f"{s['left']} ({s['left_rows']:,} events) x {s['right']} ({s['right_rows']:,} events)",
        f"  matched pairs   {s['pairs']:,} ({s['one_to_one']:,} one-to-one, "
        f"{s['episode']:,} episode rows)",
        f"  only in A       {s['left_only']:,} ({s['left']})",
        f"  only in B       {s['right_only']:,} ({s['right']})",
        f"  fatalities      equal in {s['fatalities_equal']:,} of {compared:,} pairs ({share})",
        f"  candidates      {s['candidates']:,}; {s['seconds']} s",
        f"  pairs written to {out}",
    ]
    for name, title in (("event_type", "By event type"), ("country_month", "By country-month")):
        table = tables[name]
        more = f", the first {max_rows}" if len(table) > max_rows else ""
        lines += ["", f"{title} ({len(table):,} rows{more}; left = A, right = B):"]
        lines.append(table.head(max_rows).to_string(index=False, float_format="{:,.0f}".format))
    return "\n".join(lines)
