"""What :func:`eventdata.update` did to a store: :class:`UpdateSummary`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["UpdateSummary"]


@dataclass
class UpdateSummary:
    """What :func:`eventdata.update` did to a store.

    Attributes:
        store: the file or dataset directory.
        created: the store did not exist and was downloaded whole.
        added: events the store did not have.
        updated: events the store had, replaced by a revised version.
        unchanged: events ACLED sent again without a change.
        deleted: events removed because ACLED deleted them.
        rows_before: rows in the store before.
        rows_after: rows in the store after.
        received: rows received from the API.
        deletions_listed: deletions ACLED listed since the last update (most concern
            other countries and are not in the store).
        n_invalid: received rows that break error rules (kept or dropped per
            ``on_invalid``; listed in ``NAME.failures.parquet`` beside the store).
        query: the ACLED query the store holds.
        last_update: Unix seconds when this update's download started.
        newest_timestamp: the newest ``timestamp`` in the store after the update.
        history: the number of this update in the store's history (1 for the download
            that created it; see :func:`eventdata.read_history`).
        note: when ACLED sent nothing, which filters matched no event.

    """

    store: Path
    created: bool = False
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    rows_before: int = 0
    rows_after: int = 0
    received: int = 0
    deletions_listed: int = 0
    n_invalid: int = 0
    query: dict[str, str] = field(default_factory=dict)
    last_update: int = 0
    newest_timestamp: int | None = None
    history: int | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of every field."""
        out = asdict(self)
        out["store"] = str(self.store)
        return out

    def _fields(self, *names: str) -> list[tuple[str, object]]:
        """``(name, value)`` of the fields named, as the views show them."""
        return [(name, getattr(self, name)) for name in names]

    def __repr__(self) -> str:
        from eventdata._display import short_repr

        shown = self._fields("created", "added", "updated", "deleted", "rows_after")
        return short_repr("UpdateSummary", [("store", str(self.store)), *shown])

    def _repr_html_(self) -> str:
        from eventdata._display import html_view

        return html_view(
            f"UpdateSummary: {'created' if self.created else 'updated'} {self.store}",
            [
                *self._fields("added", "updated", "unchanged", "deleted"),
                ("rows before / after", f"{self.rows_before:,} / {self.rows_after:,}"),
                ("received", self.received),
                ("deletions listed", self.deletions_listed),
                ("received rows with errors", self.n_invalid),
                ("query", ", ".join(f"{k}={v}" for k, v in self.query.items()) or None),
            ],
        )

    def __str__(self) -> str:
        verb = "created" if self.created else "updated"
        return (
            f"{self.store}: {verb}; {self.added} added, {self.updated} updated, "
            f"{self.deleted} deleted ({self.rows_before:,} -> {self.rows_after:,} rows; "
            f"{self.received:,} received, {self.unchanged:,} unchanged)"
            + (f"\n{self.note}" if self.note else "")
        )
