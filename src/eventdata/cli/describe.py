"""``eventdata describe``: what a file holds, at a glance."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from eventdata.cli.common import (
    ReaderOptions,
    count_option,
    dump_json,
    format_option,
    read_options,
    readable_input,
)
from eventdata.cli.datasets import dataset_option, resolve_dataset

if TYPE_CHECKING:
    import pyarrow as pa

    from eventdata.datasets.base import Profile

__all__ = [
    "describe",
    "describe_table",
    "format_description",
]

MISSING_LABEL = "(missing)"
"""Label under which rows without a value are counted."""


def _acled_profile() -> Profile:
    from eventdata.datasets import DATASETS

    return DATASETS["acled"].profile


def _counts(column: pa.ChunkedArray, *, by_value: bool = False) -> dict[str, int]:
    """Occurrences of each value, most frequent first (or by value), nulls and blanks last."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_dictionary(column.type):
        column = pc.cast(column, column.type.value_type)
    counts = pc.value_counts(column)
    pairs = [
        (value, int(n))
        for value, n in zip(
            counts.field("values").to_pylist(), counts.field("counts").to_pylist(), strict=True
        )
    ]
    missing = sum(n for value, n in pairs if value is None or value == "")
    present = [(value, n) for value, n in pairs if value is not None and value != ""]
    if by_value:
        present.sort(key=lambda pair: pair[0])
    else:
        present.sort(key=lambda pair: (-pair[1], str(pair[0])))
    out = {str(value): n for value, n in present}
    if missing:
        out[MISSING_LABEL] = missing
    return out


def _top_actors(table: pa.Table, names: tuple[str, ...], top: int) -> dict[str, int]:
    import pyarrow as pa

    columns = [table.column(name) for name in names if name in table.column_names]
    if not columns:
        return {}
    actors = pa.chunked_array(
        [chunk.cast(pa.string()) for column in columns for chunk in column.chunks], pa.string()
    )
    counts = _counts(actors)
    counts.pop(MISSING_LABEL, None)
    return dict(list(counts.items())[:top])


def describe_table(
    table: pa.Table,
    /,
    *,
    top: int = 10,
    profile: Profile | None = None,
    absent: Collection[str] = (),
) -> dict[str, Any]:
    """Count and measure a typed event table (JSON-ready).

    Args:
        table: a canonical ACLED table (:func:`eventdata.schema.arrow.conform`), or a typed
            table of another dataset with its ``Dataset.profile``.
        top: how many actors to list.
        profile: which columns hold dates, fatalities, categories and actors (a
            dataset's ``profile``; ACLED's when None).
        absent: columns the input did not have (blank in ``table``): no figure is given
            for them (``None``, or left out of ``counts``), never a zero.

    Returns:
        ``n_rows``, ``date_range`` (``[first, last]`` ISO dates or None), ``fatalities``
        (total), ``counts`` (``{column: {value: n}}``, e.g. for event_type,
        sub_event_type, country and year; rows without a value under ``"(missing)"``)
        and ``top_actors`` (actor1 and actor2 combined, most frequent first).

    """
    import pyarrow.compute as pc

    profile = profile or _acled_profile()
    names = [name for name in table.column_names if name not in absent]
    date_range: list[str] | None = None
    if {profile.first_date, profile.last_date} <= set(names) and table.num_rows:
        first = pc.min(table.column(profile.first_date)).as_py()
        last = pc.max(table.column(profile.last_date)).as_py()
        if first is not None and last is not None:
            date_range = [getattr(v, "isoformat", v.__str__)() for v in (first, last)]
    fatalities: int | None = None
    if profile.fatalities in names:
        fatalities = int(pc.sum(table.column(profile.fatalities)).as_py() or 0)
    counts = {
        name: _counts(table.column(name), by_value=name in ("year", "type_of_violence"))
        for name, _ in profile.counted
        if name in names
    }
    return {
        "n_rows": table.num_rows,
        "date_range": date_range,
        "fatalities": fatalities,
        "counts": counts,
        "top_actors": _top_actors(table, tuple(a for a in profile.actors if a in names), top),
        "absent_columns": sorted(set(absent) & set(table.column_names)),
    }


def _clip(label: str, width: int = 60) -> str:
    return label if len(label) <= width else label[: width - 3] + "..."


def _listing(title: str, counts: dict[str, int], top: int | None) -> list[str]:
    items = list(counts.items())
    shown = items if top is None else items[:top]
    lines = [f"  {title}: {len(items)}"]
    labels = [_clip(label) for label, _ in shown]
    width = max((len(label) for label in labels), default=0)
    lines.extend(
        f"    {label.ljust(width)}  {n:>8,}" for label, (_, n) in zip(labels, shown, strict=True)
    )
    if len(items) > len(shown):
        lines.append(f"    ... and {len(items) - len(shown)} more (--top N, or --format json)")
    return lines


def format_description(
    document: dict[str, Any], *, top: int, profile: Profile | None = None
) -> str:
    """Render :func:`describe_table`'s result, plus source and dialect, as text."""
    profile = profile or _acled_profile()
    dates = document["date_range"]
    lines = [
        f"{document['source']}: {document['n_rows']:,} rows ({document['dialect_details']})",
        f"  dates       {dates[0]} .. {dates[1]}" if dates else "  dates       none",
        f"  fatalities  {document['fatalities']:,}"
        if document["fatalities"] is not None
        else f"  fatalities  none: the input has no {profile.fatalities} column",
    ]
    if document["unparsed_values"]:
        count = document["unparsed_values"]
        phrase = (
            "value does not parse and counts" if count == 1 else ("values do not parse and count")
        )
        lines.append(
            f"  note        {count:,} {phrase} as missing; 'eventdata validate' lists them"
        )
    for name, title in profile.counted:
        if name in document["counts"]:
            limit = None if name in profile.full_listing else top
            lines.extend(_listing(title, document["counts"][name], limit))
    actors = " and ".join(a for a in profile.actors if a not in document["absent_columns"])
    if actors:
        lines.extend(_listing(f"top actors ({actors} combined)", document["top_actors"], None))
    if document["absent_columns"]:
        lines.append(f"  not in the input: {', '.join(document['absent_columns'])}")
    return "\n".join(lines)


_DESCRIBE_HELP = """\
Summarise a file: rows, dialect, date range, counts, fatalities, top actors.

ACLED: counts by event type, sub-event type, country and year; fatalities total; the
top actors with actor1 and actor2 counted together. UCDP GED (recognised by its
header): counts by type of violence, region, country and year; best-estimate deaths;
side_a and side_b as actors. Values that do not parse are counted as missing
('eventdata validate' reports them).

\b
Examples:
  eventdata describe acled.csv
  eventdata describe events/ --format json | jq '.counts.year'

Exit code: 0, or 2 when the file cannot be read.
"""


@click.command(
    help=_DESCRIBE_HELP, short_help="Summarise a file: rows, dialect, dates, counts, actors."
)
@click.argument("path", type=click.Path(path_type=Path))
@format_option("text: a readable summary; json: one JSON document on stdout.")
@count_option(
    "--top", default=10, help="Actors listed, and the length of the longer text listings."
)
@dataset_option
@read_options
def describe(
    path: Path,
    fmt: str,
    top: int,
    dataset: str,
    read: ReaderOptions,
) -> None:
    """Summarise a file: rows, dialect, date range, counts, fatalities, top actors."""
    with readable_input(path, also=(ValueError,)):
        from eventdata.pipeline.inputs import read_input
        from eventdata.validation.parse import parse, typed_table

        raw = read_input(path, **read)
        found = resolve_dataset(dataset, raw)
        profile = found.profile
        parsed = parse(raw, found)
        table = typed_table(parsed)  # values that do not parse are null
    dialect = parsed.raw.dialect
    lossy = ("type.", "range.")
    document: dict[str, Any] = {
        "source": str(path),
        "dataset": found.name,
        "dialect": dialect.name,
        "dialect_details": dialect.describe(),
        "dialect_notes": list(dialect.notes),
        "unparsed_values": sum(
            block.count for block in parsed.blocks if block.rule.startswith(lossy)
        ),
        **describe_table(table, top=top, profile=profile, absent=parsed.absent),
    }
    if fmt == "json":
        click.echo(dump_json(document))
    else:
        click.echo(format_description(document, top=top, profile=profile))
