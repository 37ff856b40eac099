"""ACLED's cross-field rules, each written once for rows and for columns.

Each is a :class:`~eventdata.rules.base.Rule`, declared by :func:`~eventdata.rules.base.rule`
on the class holding its forms, used row-wise by :class:`~eventdata.Event` and columnar by
:func:`~eventdata.validate`. Single-field rules (types, vocabularies, ranges, required
values) are not written here: they are derived from the :class:`~eventdata.Event` field
declarations by :mod:`eventdata.validation.fieldrules`. The checks of ids and places are
declared in :mod:`~eventdata.rules.ids` and :mod:`~eventdata.rules.place`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.rules.base import Columns, Rule, rule, rules_of, to_mask
from eventdata.rules.ids import CountryPrefix, InvisibleId
from eventdata.rules.lookups import (
    INTERACTION_CODES,
    INTERACTION_LABELS,
    SUB_DISORDER,
    SUB_EVENT,
    SUB_LABELS,
    actor_codes,
    lookup,
)
from eventdata.rules.place import CountryOfIso, KnownRegion, SeaRegion
from eventdata.rules.shared import all_equal
from eventdata.vocabulary.codebook import (
    CIVILIAN_TARGETING,
    INTERACTIONS,
    EventType,
    SubEventType,
    interaction_code,
)

__all__ = ["CROSS_FIELD_RULES"]

# -- hierarchy ---------------------------------------------------------------------------


@rule("hierarchy.sub_event_type", inputs=("sub_event_type", "event_type"))
class _SubEventOfEventType:
    """sub_event_type belongs to event_type (codebook section 2).

    Expected: a sub-event type of the row's event_type
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return SubEventType(v["sub_event_type"]).event_type is not EventType(v["event_type"])

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        parent = lookup(c["sub_event_type"], SUB_LABELS, SUB_EVENT)
        return to_mask(pc.not_equal(parent, c["event_type"]))

    @staticmethod
    def explain(c: Columns) -> pa.Array:
        return pc.binary_join_element_wise("a sub-event type of ", c["event_type"], "")


def _disorder_of(c: Columns) -> pa.Array:
    return lookup(c["sub_event_type"], SUB_LABELS, SUB_DISORDER)


@rule("hierarchy.disorder_type", inputs=("disorder_type", "sub_event_type"))
class _DisorderOfSubEvent:
    """disorder_type is the one ACLED assigns to the sub_event_type.

    Expected: the disorder type of the row's sub_event_type
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(SubEventType(v["sub_event_type"]).disorder_type.value != v["disorder_type"])

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.not_equal(_disorder_of(c), c["disorder_type"]))

    @staticmethod
    def explain(c: Columns) -> pa.Array:
        return _disorder_of(c)


# -- actors and interaction --------------------------------------------------------------


def _expected_interaction(c: Columns) -> pa.Array:
    a = actor_codes(c["inter1"])
    b = pc.fill_null(actor_codes(c["inter2"]), 0)
    lo = pc.if_else(pc.equal(b, 0), a, pc.min_element_wise(a, b, skip_nulls=False))
    hi = pc.if_else(pc.equal(b, 0), 0, pc.max_element_wise(a, b, skip_nulls=False))
    return pc.add(pc.multiply(lo, 10), hi)


@rule("interaction.consistent", inputs=("interaction", "inter1", "inter2"))
class _InteractionOfActors:
    """interaction is the code ACLED derives from inter1 and inter2.

    Expected: the interaction inter1 and inter2 give (codebook section 3)
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(INTERACTIONS[interaction_code(v["inter1"], v["inter2"])] != v["interaction"])

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        given_code = lookup(c["interaction"], INTERACTION_LABELS, INTERACTION_CODES)
        return to_mask(pc.not_equal(_expected_interaction(c), given_code))

    @staticmethod
    def explain(c: Columns) -> pa.Array:
        return lookup(_expected_interaction(c), INTERACTION_CODES, INTERACTION_LABELS)


@rule("actor2.inter2", inputs=("inter2", "actor2"))
class _Inter2WithActor2:
    """inter2 is given exactly when actor2 is.

    Expected: an actor type when actor2 is named, blank when it is not
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return (v["actor2"] is None) != (v["inter2"] is None)

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        has_actor2 = pc.fill_null(pc.not_equal(c["actor2"], ""), False)
        has_inter2 = pc.is_valid(c["inter2"])
        return to_mask(pc.not_equal(has_actor2, has_inter2))


# -- dates -------------------------------------------------------------------------------


@rule("year.event_date", inputs=("year", "event_date"))
class _YearOfDate:
    """year equals the year of event_date.

    Expected: the year of event_date
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(v["year"] != v["event_date"].year)

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.not_equal(pc.year(c["event_date"]), c["year"]))

    @staticmethod
    def explain(c: Columns) -> pa.Array:
        return pc.cast(pc.year(c["event_date"]), pa.string())


def _today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


@rule("event_date.future", severity="warning", inputs=("event_date",))
class _FutureDate:
    """event_date lies in the future (UTC today).

    Expected: a date not after today
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(v["event_date"] > _today())

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.greater(c["event_date"], pa.scalar(_today(), pa.date32())))


# -- plausibility warnings -----------------------------------------------------------------


_NULL_ISLAND = all_equal(
    "coordinates.null_island",
    {"latitude": 0, "longitude": 0},
    description="latitude and longitude are both exactly 0, usually a missing location.",
    expected="the event's real coordinates",
)


FATALITIES_WARNING_ABOVE = 1000
"""Fatalities in one event above which ``fatalities.high`` asks to check the figure."""


@rule(
    "fatalities.high",
    severity="warning",
    inputs=("fatalities",),
    description=f"fatalities above {FATALITIES_WARNING_ABOVE} in one event; check the figure.",
    expected=f"at most {FATALITIES_WARNING_ABOVE} unless sources confirm it",
)
class _HighFatalities:
    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(v["fatalities"] > FATALITIES_WARNING_ABOVE)

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.greater(c["fatalities"], FATALITIES_WARNING_ABOVE))


_VAC = EventType.VIOLENCE_AGAINST_CIVILIANS.value


@rule(
    "civilian_targeting.violence_against_civilians",
    severity="warning",
    inputs=("civilian_targeting", "event_type"),
    expected=f"{CIVILIAN_TARGETING!r} on every Violence against civilians row",
)
class _CiviliansTargeted:
    """Violence against civilians events carry civilian_targeting."""

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(v["event_type"] == _VAC and v["civilian_targeting"] != CIVILIAN_TARGETING)

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        is_vac = pc.equal(c["event_type"], _VAC)
        targeted = pc.fill_null(pc.equal(c["civilian_targeting"], CIVILIAN_TARGETING), False)
        return to_mask(pc.and_(is_vac, pc.invert(targeted)))


CROSS_FIELD_RULES: tuple[Rule, ...] = (
    *rules_of(
        InvisibleId,
        _SubEventOfEventType,
        _DisorderOfSubEvent,
        _InteractionOfActors,
        _Inter2WithActor2,
        _YearOfDate,
        _FutureDate,
    ),
    _NULL_ISLAND,
    *rules_of(
        _HighFatalities, _CiviliansTargeted, CountryPrefix, CountryOfIso, KnownRegion, SeaRegion
    ),
)
"""ACLED's cross-field rules, in the order ``eventdata rules`` and docs/rules.md list them."""
