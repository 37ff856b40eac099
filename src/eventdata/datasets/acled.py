"""ACLED events, every dialect (docs/dialects.md): the declaration of the dataset."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.datasets.base import Dataset, Derived, Profile
from eventdata.models.event import Event
from eventdata.rules.acled import CROSS_FIELD_RULES
from eventdata.rules.lookups import SUB_DISORDER, SUB_LABELS, lookup
from eventdata.schema.columns import FIELD_SPECS, FieldSpec
from eventdata.schema.text import RawTable
from eventdata.vocabulary.legacy import LEGACY_EVENT_TYPES

__all__ = ["ACLED", "EVENT_MARKERS"]

EVENT_MARKERS = frozenset({"event_id_cnty", "event_date", "data_id", "event_id_no_cnty"})
"""Columns of ACLED files with one event per row (any dialect has at least one)."""

_LEGACY_RELAXED = frozenset({"sub_event_type", "disorder_type", "iso", "timestamp", "region"})


def _specs_for_dialect(dialect: str, specs: tuple[FieldSpec, ...]) -> tuple[FieldSpec, ...]:
    """ACLED's 2016-era files: their own event types, and five columns they lack."""
    if dialect != "legacy":
        return specs
    out = []
    for spec in specs:
        if spec.name == "event_type":
            spec = dataclasses.replace(spec, vocabulary=LEGACY_EVENT_TYPES)
        elif spec.name in _LEGACY_RELAXED:
            spec = dataclasses.replace(spec, required=False, nullable=True, min_length=None)
        out.append(spec)
    return tuple(out)


def _disorder_type(columns: Mapping[str, Any]) -> pa.Array:
    result: pa.Array = lookup(columns["sub_event_type"], SUB_LABELS, SUB_DISORDER)
    return result


def _inspect(raw: RawTable) -> list[str]:
    """A table without actor2 whose ids repeat holds one row per actor."""
    names = set(raw.column_names)
    if "actor2" in names or "event_id_cnty" not in names or not raw.n_rows:
        return []
    if pc.count_distinct(raw.table.column("event_id_cnty")).as_py() < raw.n_rows:
        return [
            "no actor2 column and event ids repeat: this looks like a one-row-per-actor "
            "(long or monadic) table, whose repeated ids are reported as duplicates"
        ]
    return []


def _skippable() -> frozenset[str]:
    """Free text (``notes`` is about half an export's bytes), admin names and the lists.

    A CSV cell is never null, so their required-checks cannot fail.
    """
    read_by_rules = {name for rule in CROSS_FIELD_RULES for name in rule.inputs}
    return frozenset(
        spec.name
        for spec in FIELD_SPECS
        if spec.kind in ("text", "list") and not spec.min_length and spec.name not in read_by_rules
    )


DATASET = ACLED = Dataset(
    name="acled",
    title="ACLED",
    model=Event,
    specs=FIELD_SPECS,
    rules=CROSS_FIELD_RULES,
    id_column="event_id_cnty",
    markers=EVENT_MARKERS,
    profile=Profile(
        kinds=(("event_type", "event types"), ("sub_event_type", "sub-event types")),
        first_date="event_date",
        fatalities="fatalities",
        actors=("actor1", "actor2"),
    ),
    missing_hint="ACLED's current export has it",
    reader="eventdata.read_acled",
    derived=(
        Derived(
            column="disorder_type",
            compute=_disorder_type,
            note="derived disorder_type from sub_event_type",
            unless_dialects=frozenset({"legacy"}),
        ),
    ),
    specs_for_dialect=_specs_for_dialect,
    inspect=_inspect,
    canonical=True,
    skippable=_skippable(),
    description=(
        "Armed Conflict Location & Event Data: one event per row, every export dialect "
        "since 2016 (API, export tool, HDX, older and numeric files)."
    ),
)
"""ACLED events, every dialect (docs/dialects.md)."""
