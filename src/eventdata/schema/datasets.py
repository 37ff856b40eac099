"""The datasets eventdata knows, each described once, and how a table is recognised as one.

A :class:`Dataset` names its model, column specs, cross-field rules, id column and the
header columns that mark it. :func:`dataset_of` picks one from a header; the next source is
added by declaring one more :class:`Dataset` in :data:`DATASETS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel

from eventdata.exceptions import NotEventDataError
from eventdata.models.event import Event
from eventdata.models.ged import GedEvent
from eventdata.rules.acled import CROSS_FIELD_RULES
from eventdata.rules.base import Rule
from eventdata.rules.ged import GED_RULES
from eventdata.schema.columns import FIELD_SPECS, GED_FIELD_SPECS, FieldSpec

__all__ = [
    "ACLED",
    "DATASETS",
    "EVENT_MARKERS",
    "GED_MARKERS",
    "UCDP_GED",
    "Dataset",
    "dataset_named",
    "dataset_of",
    "detect_dataset",
]

GED_MARKERS = frozenset({"type_of_violence", "side_a", "side_b", "best"})
"""Columns every UCDP GED release has (older ones lack ``relid``) and ACLED never has."""

EVENT_MARKERS = frozenset({"event_id_cnty", "event_date", "data_id", "event_id_no_cnty"})
"""Columns of ACLED files with one event per row (any dialect has at least one)."""

_AGGREGATE_MARKERS = {
    "events": "a count of events",
    "month": "a month",
    "reference_period_start": "a reference period (HDX HAPI)",
    "reference_period_end": "a reference period (HDX HAPI)",
    "location_code": "a location code (HDX HAPI)",
}


@dataclass(frozen=True)
class Dataset:
    """One kind of event data eventdata reads, validates and converts.

    Attributes:
        name: the name ``validate(dataset=...)`` and the CLI's ``--dataset`` take.
        title: how messages and pages name it.
        model: the pydantic model of one row.
        specs: one column spec per model field (what the columnar parser reads).
        rules: the cross-field rules, each with a row-wise and a columnar form.
        id_column: the column holding the event id (unique per row).
        markers: header columns that mark a table as this dataset.
    """

    name: str
    title: str
    model: type[BaseModel]
    specs: tuple[FieldSpec, ...]
    rules: tuple[Rule, ...]
    id_column: str
    markers: frozenset[str]

    @property
    def columns(self) -> tuple[str, ...]:
        """The model's columns, in file order."""
        return tuple(self.model.model_fields)


ACLED = Dataset(
    name="acled",
    title="ACLED",
    model=Event,
    specs=FIELD_SPECS,
    rules=CROSS_FIELD_RULES,
    id_column="event_id_cnty",
    markers=EVENT_MARKERS,
)
"""ACLED events, every dialect (docs/dialects.md)."""

UCDP_GED = Dataset(
    name="ucdp",
    title="UCDP GED",
    model=GedEvent,
    specs=GED_FIELD_SPECS,
    rules=GED_RULES,
    id_column="id",
    markers=GED_MARKERS,
)
"""UCDP's Georeferenced Event Dataset (docs/ucdp.md)."""

DATASETS: dict[str, Dataset] = {d.name: d for d in (ACLED, UCDP_GED)}
"""Every dataset by name."""


def dataset_named(name: str) -> Dataset:
    """The :class:`Dataset` called ``name``.

    Raises:
        ValueError: no dataset has that name; the message lists the names.
    """
    try:
        return DATASETS[name]
    except KeyError:
        raise ValueError(
            f"dataset={name!r} is not one of {', '.join(map(repr, DATASETS))} (or 'auto')"
        ) from None


def dataset_of(columns: Sequence[str], *, source: object | None = None) -> Dataset:
    """Which :class:`Dataset` a table with these columns holds.

    UCDP GED has all of its markers and no ACLED id; ACLED files have at least one of
    theirs (every dialect does).

    Args:
        columns: the column names (after header normalization).
        source: the file, named in the error.

    Raises:
        NotEventDataError: the table holds columns, but not one event per row: an
            aggregate (HDX's country-month counts, HDX HAPI) or something else.
    """
    names = {name.lower() for name in columns}
    if ACLED.id_column not in names and UCDP_GED.markers <= names:
        return UCDP_GED
    if not columns or names & ACLED.markers:
        return ACLED
    signs = [f"{name!r} ({what})" for name, what in _AGGREGATE_MARKERS.items() if name in names]
    shown = ", ".join(list(columns)[:8]) + (", ..." if len(columns) > 8 else "")
    if signs:
        looks = (
            "it looks like an aggregate table (counts per place and period, as HDX "
            f"publishes them): it has {', '.join(signs)}"
        )
    else:
        looks = "it has no event id and no event date"
    raise NotEventDataError(
        f"is not event data (one event per row): {looks}, but none of "
        f"{', '.join(sorted(ACLED.markers))}. Columns: {shown}. Pass the event-level export "
        "(ACLED's events, or a UCDP GED file) instead",
        path=source,
    )


def detect_dataset(columns: Sequence[str], *, source: object | None = None) -> str:
    """The name (``acled`` or ``ucdp``) of :func:`dataset_of`; see there."""
    return dataset_of(columns, source=source).name
