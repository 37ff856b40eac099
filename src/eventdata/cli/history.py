"""``eventdata history``: what each update changed in a store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from eventdata.cli.common import dump_json, format_option, readable_input

__all__ = ["history"]

_HISTORY_HELP = """\
List what each 'eventdata update' changed in STORE: the events added, the
cells revised (old and new value), the events deleted, and deletions that look
like two reports merged into one event; with when each update was seen.

Without --event, one line per update with its counts; with --event, every
change of that event. The history is kept in STORE's NAME.history.parquet;
read_parquet(STORE, as_of=DATE) gives the store as it was on a day.

\b
Examples:
  eventdata history somalia.parquet
  eventdata history somalia.parquet --event SOM49639
  eventdata history somalia.parquet --format json

Exit code: 0 listed, 2 STORE or its history unreadable.
"""


def _summary_lines(frame: Any) -> list[str]:
    lines = []
    for update, part in frame.groupby("update", sort=True):
        changes = part["change"].astype(str)
        seen = part["seen_at"].iloc[0]
        if (changes == "created").any():
            lines.append(f"update {update} ({seen:%Y-%m-%d %H:%M} UTC): created")
            continue
        revised = part[changes == "revised"]
        lines.append(
            f"update {update} ({seen:%Y-%m-%d %H:%M} UTC): "
            f"{int((changes == 'added').sum())} added, "
            f"{revised['event_id_cnty'].nunique()} revised ({len(revised)} cells), "
            f"{part[changes == 'deleted']['event_id_cnty'].nunique()} deleted, "
            f"{part[changes == 'merged']['event_id_cnty'].nunique()} merged"
        )
    return lines


def _event_lines(frame: Any) -> list[str]:
    lines = []
    for row in frame.itertuples():
        when = f"update {row.update} ({row.seen_at:%Y-%m-%d %H:%M} UTC)"
        if row.change == "revised":
            lines.append(f"{when}: revised {row.column}: {row.old!s} -> {row.new!s}")
        elif row.change == "added":
            lines.append(f"{when}: added")
        elif row.column == "event_id_cnty":
            into = f" into {row.new}" if row.change == "merged" else ""
            lines.append(f"{when}: {row.change}{into}")
    return lines


@click.command(help=_HISTORY_HELP, short_help="What each update changed in a store.")
@click.argument("store", type=click.Path(path_type=Path))
@click.option("--event", metavar="ID", help="Only the changes of this event_id_cnty.")
@format_option("text: one line per update (or change); json: every change as records.")
def history(store: Path, event: str | None, fmt: str) -> None:
    """List what each update changed in STORE."""
    from eventdata.sources.history import read_history

    with readable_input(store):
        frame = read_history(store, event=event)
    if fmt == "json":
        records = frame.assign(seen_at=frame["seen_at"].astype(str)).astype(object)
        click.echo(dump_json(records.where(records.notna(), None).to_dict(orient="records")))
        return
    lines = _event_lines(frame) if event is not None else _summary_lines(frame)
    if not lines:
        lines = [f"{store}: no recorded change" + (f" of {event}" if event else "")]
    click.echo("\n".join(lines))
