"""ACLED's cross-field rules, each written once for rows and for columns.

Each is a :class:`~eventdata.rules.base.Rule`, used row-wise by :class:`~eventdata.Event`
and columnar by :func:`~eventdata.validate`. Single-field rules (types, vocabularies,
ranges, required values) are not written here: they are derived from the
:class:`~eventdata.Event` field declarations by :mod:`eventdata.validation.fieldrules`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.rules.base import Columns, Rule, to_mask
from eventdata.rules.ids import (
    col_id_prefix,
    col_invisible_id,
    explain_id_prefix,
    row_id_prefix,
    row_invisible_id,
)
from eventdata.rules.lookups import (
    INTERACTION_CODES,
    INTERACTION_LABELS,
    SUB_DISORDER,
    SUB_EVENT,
    SUB_LABELS,
    actor_codes,
    lookup,
)
from eventdata.rules.place import (
    col_country_iso,
    col_region,
    col_sea_region,
    explain_country_iso,
    row_country_iso,
    row_region,
    row_sea_region,
)
from eventdata.vocabulary.codebook import (
    CIVILIAN_TARGETING,
    INTERACTIONS,
    EventType,
    SubEventType,
    interaction_code,
)

__all__ = ["CROSS_FIELD_RULES"]

# -- hierarchy ---------------------------------------------------------------------------


def _row_sub_event(v: Mapping[str, Any]) -> bool:
    return SubEventType(v["sub_event_type"]).event_type is not EventType(v["event_type"])


def _col_sub_event(c: Columns) -> np.ndarray:
    parent = lookup(c["sub_event_type"], SUB_LABELS, SUB_EVENT)
    return to_mask(pc.not_equal(parent, c["event_type"]))


def _explain_sub_event(c: Columns) -> pa.Array:
    return pc.binary_join_element_wise("a sub-event type of ", c["event_type"], "")


def _row_disorder(v: Mapping[str, Any]) -> bool:
    return bool(SubEventType(v["sub_event_type"]).disorder_type.value != v["disorder_type"])


def _col_disorder(c: Columns) -> np.ndarray:
    expected = lookup(c["sub_event_type"], SUB_LABELS, SUB_DISORDER)
    return to_mask(pc.not_equal(expected, c["disorder_type"]))


# -- actors and interaction --------------------------------------------------------------


def _explain_disorder(c: Columns) -> pa.Array:
    return lookup(c["sub_event_type"], SUB_LABELS, SUB_DISORDER)


def _row_interaction(v: Mapping[str, Any]) -> bool:
    return bool(INTERACTIONS[interaction_code(v["inter1"], v["inter2"])] != v["interaction"])


def _expected_interaction(c: Columns) -> pa.Array:
    a = actor_codes(c["inter1"])
    b = pc.fill_null(actor_codes(c["inter2"]), 0)
    lo = pc.if_else(pc.equal(b, 0), a, pc.min_element_wise(a, b, skip_nulls=False))
    hi = pc.if_else(pc.equal(b, 0), 0, pc.max_element_wise(a, b, skip_nulls=False))
    return pc.add(pc.multiply(lo, 10), hi)


def _col_interaction(c: Columns) -> np.ndarray:
    given_code = lookup(c["interaction"], INTERACTION_LABELS, INTERACTION_CODES)
    return to_mask(pc.not_equal(_expected_interaction(c), given_code))


def _explain_interaction(c: Columns) -> pa.Array:
    return lookup(_expected_interaction(c), INTERACTION_CODES, INTERACTION_LABELS)


def _row_inter2(v: Mapping[str, Any]) -> bool:
    return (v["actor2"] is None) != (v["inter2"] is None)


def _col_inter2(c: Columns) -> np.ndarray:
    has_actor2 = pc.fill_null(pc.not_equal(c["actor2"], ""), False)
    has_inter2 = pc.is_valid(c["inter2"])
    return to_mask(pc.not_equal(has_actor2, has_inter2))


# -- dates -------------------------------------------------------------------------------


def _row_year(v: Mapping[str, Any]) -> bool:
    return bool(v["year"] != v["event_date"].year)


def _col_year(c: Columns) -> np.ndarray:
    return to_mask(pc.not_equal(pc.year(c["event_date"]), c["year"]))


def _explain_year(c: Columns) -> pa.Array:
    return pc.cast(pc.year(c["event_date"]), pa.string())


def _today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


def _row_future(v: Mapping[str, Any]) -> bool:
    return bool(v["event_date"] > _today())


def _col_future(c: Columns) -> np.ndarray:
    today = pa.scalar(_today(), pa.date32())
    return to_mask(pc.greater(c["event_date"], today))


# -- plausibility warnings -----------------------------------------------------------------


def _row_null_island(v: Mapping[str, Any]) -> bool:
    return bool(v["latitude"] == 0 and v["longitude"] == 0)


def _col_null_island(c: Columns) -> np.ndarray:
    return to_mask(pc.and_(pc.equal(c["latitude"], 0), pc.equal(c["longitude"], 0)))


FATALITIES_WARNING_ABOVE = 1000


def _row_fatalities_high(v: Mapping[str, Any]) -> bool:
    return bool(v["fatalities"] > FATALITIES_WARNING_ABOVE)


def _col_fatalities_high(c: Columns) -> np.ndarray:
    return to_mask(pc.greater(c["fatalities"], FATALITIES_WARNING_ABOVE))


_VAC = EventType.VIOLENCE_AGAINST_CIVILIANS.value


def _row_vac_targeting(v: Mapping[str, Any]) -> bool:
    return bool(v["event_type"] == _VAC and v["civilian_targeting"] != CIVILIAN_TARGETING)


def _col_vac_targeting(c: Columns) -> np.ndarray:
    is_vac = pc.equal(c["event_type"], _VAC)
    targeted = pc.fill_null(pc.equal(c["civilian_targeting"], CIVILIAN_TARGETING), False)
    return to_mask(pc.and_(is_vac, pc.invert(targeted)))


CROSS_FIELD_RULES: tuple[Rule, ...] = (
    Rule(
        name="invisible.event_id_cnty",
        severity="error",
        column="event_id_cnty",
        description=(
            "event_id_cnty holds no invisible character (a byte-order mark from an appended "
            "Excel export, a zero-width space, a direction mark): two ids that look equal "
            "would differ, hiding a duplicate event."
        ),
        expected="an id of visible characters only (remove the invisible ones)",
        columnar=col_invisible_id,
        row=row_invisible_id,
        inputs=("event_id_cnty",),
    ),
    Rule(
        name="hierarchy.sub_event_type",
        severity="error",
        column="sub_event_type",
        description="sub_event_type belongs to event_type (codebook section 2).",
        expected="a sub-event type of the row's event_type",
        columnar=_col_sub_event,
        row=_row_sub_event,
        inputs=("sub_event_type", "event_type"),
        explain=_explain_sub_event,
    ),
    Rule(
        name="hierarchy.disorder_type",
        severity="error",
        column="disorder_type",
        description="disorder_type is the one ACLED assigns to the sub_event_type.",
        expected="the disorder type of the row's sub_event_type",
        columnar=_col_disorder,
        row=_row_disorder,
        inputs=("disorder_type", "sub_event_type"),
        explain=_explain_disorder,
    ),
    Rule(
        name="interaction.consistent",
        severity="error",
        column="interaction",
        description="interaction is the code ACLED derives from inter1 and inter2.",
        expected="the interaction inter1 and inter2 give (codebook section 3)",
        columnar=_col_interaction,
        row=_row_interaction,
        inputs=("interaction", "inter1", "inter2"),
        explain=_explain_interaction,
    ),
    Rule(
        name="actor2.inter2",
        severity="error",
        column="inter2",
        description="inter2 is given exactly when actor2 is.",
        expected="an actor type when actor2 is named, blank when it is not",
        columnar=_col_inter2,
        row=_row_inter2,
        inputs=("inter2", "actor2"),
    ),
    Rule(
        name="year.event_date",
        severity="error",
        column="year",
        description="year equals the year of event_date.",
        expected="the year of event_date",
        columnar=_col_year,
        row=_row_year,
        inputs=("year", "event_date"),
        explain=_explain_year,
    ),
    Rule(
        name="event_date.future",
        severity="warning",
        column="event_date",
        description="event_date lies in the future (UTC today).",
        expected="a date not after today",
        columnar=_col_future,
        row=_row_future,
        inputs=("event_date",),
    ),
    Rule(
        name="coordinates.null_island",
        severity="warning",
        column="latitude",
        description="latitude and longitude are both exactly 0, usually a missing location.",
        expected="the event's real coordinates",
        columnar=_col_null_island,
        row=_row_null_island,
        inputs=("latitude", "longitude"),
    ),
    Rule(
        name="fatalities.high",
        severity="warning",
        column="fatalities",
        description=f"fatalities above {FATALITIES_WARNING_ABOVE} in one event; check the figure.",
        expected=f"at most {FATALITIES_WARNING_ABOVE} unless sources confirm it",
        columnar=_col_fatalities_high,
        row=_row_fatalities_high,
        inputs=("fatalities",),
    ),
    Rule(
        name="civilian_targeting.violence_against_civilians",
        severity="warning",
        column="civilian_targeting",
        description="Violence against civilians events carry civilian_targeting.",
        expected=f"{CIVILIAN_TARGETING!r} on every Violence against civilians row",
        columnar=_col_vac_targeting,
        row=_row_vac_targeting,
        inputs=("civilian_targeting", "event_type"),
    ),
    Rule(
        name="event_id_cnty.country_prefix",
        severity="warning",
        column="event_id_cnty",
        description=(
            "The letters of event_id_cnty are the ISO alpha-3 code of the row's iso or, in "
            "the countries where ACLED has its own, ACLED's code (NIG for Nigeria, 566); "
            "ids without letters, as in 2016 data, and rows whose `dataset` column names "
            "another dataset are not compared."
        ),
        expected=(
            "an id starting with the alpha-3 code of iso (e.g. IRQ for 368) or ACLED's own "
            "code for it (e.g. NIG for 566)"
        ),
        columnar=col_id_prefix,
        row=row_id_prefix,
        inputs=("event_id_cnty", "iso"),
        explain=explain_id_prefix,
    ),
    Rule(
        name="country.iso",
        severity="warning",
        column="country",
        description=(
            "country is a name of the row's iso: ISO's short name or ACLED's common name "
            "(Syria for 760); rows whose iso is not an ISO code (bodies of water) and rows "
            "whose `dataset` column names another dataset are not compared. A warning, since "
            "ACLED adds names."
        ),
        expected="the country of iso (e.g. Iraq for 368)",
        columnar=col_country_iso,
        row=row_country_iso,
        inputs=("country", "iso"),
        explain=explain_country_iso,
    ),
    Rule(
        name="region.acled",
        severity="warning",
        column="region",
        description=(
            "region is one of ACLED's regions (rows whose `dataset` column names another "
            "dataset are not compared). A warning, since ACLED adds regions."
        ),
        expected="one of ACLED's regions (e.g. Middle East, Eastern Africa)",
        columnar=col_region,
        row=row_region,
        inputs=("region",),
    ),
    Rule(
        name="country.sea_region",
        severity="warning",
        column="region",
        description=(
            "an event in international waters (country is a sea, e.g. Red Sea, since May "
            "2026) carries a region the sea borders (Red Sea: Eastern Africa, Northern "
            "Africa or Middle East). A warning, since ACLED may place seas anew."
        ),
        expected="a region the sea borders",
        columnar=col_sea_region,
        row=row_sea_region,
        inputs=("country", "region"),
    ),
)
