"""The vectorized builders of SCAD's mapping onto ACLED's columns (:mod:`eventdata.sources.scad`).

Each takes the typed SCAD columns by name and returns one output column; the crosswalk
of SCAD's event types (``etype``) to ACLED's event and sub-event types and actor types is
declared here, once.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.rules import lookups as codebook_arrays
from eventdata.rules.lookups import INTERACTION_CODES, INTERACTION_LABELS, actor_codes
from eventdata.sources._mapping import iso_of_names
from eventdata.vocabulary.codebook import CIVILIAN_TARGETING, ActorType

Scad = Mapping[str, pa.Array]
"""The typed SCAD columns by name."""

_A = ActorType
_PROTEST = ("Protests", "Peaceful protest")

# etype -> (event type, sub-event type, actor1's type, actor2's type or None)
CROSSWALK: Mapping[int, tuple[str, str, ActorType, ActorType | None]] = {
    1: (*_PROTEST, _A.PROTESTERS, None),
    2: (*_PROTEST, _A.PROTESTERS, None),
    3: ("Riots", "Violent demonstration", _A.RIOTERS, None),
    4: ("Riots", "Mob violence", _A.RIOTERS, None),
    5: (*_PROTEST, _A.PROTESTERS, None),
    6: (*_PROTEST, _A.PROTESTERS, None),
    7: ("Violence against civilians", "Attack", _A.STATE_FORCES, _A.CIVILIANS),
    8: ("Battles", "Armed clash", _A.POLITICAL_MILITIA, _A.STATE_FORCES),
    9: ("Violence against civilians", "Attack", _A.POLITICAL_MILITIA, _A.CIVILIANS),
    10: ("Battles", "Armed clash", _A.STATE_FORCES, _A.STATE_FORCES),
}
"""ACLED's event type, sub-event type and actor types of each SCAD etype (docs/scad.md).

Demonstrations, strikes and riots repressed (``repress`` 1 or 2) become ``Protest with
intervention`` or ``Excessive force against protesters`` (riots stay riots), with the
police as actor2.
"""

_CODES = pa.array(list(CROSSWALK), pa.int64())
_DEMONSTRATIONS = pa.array([1, 2, 5, 6], pa.int64())
_RIOTS = pa.array([3, 4], pa.int64())
_REPRESSED = {1: "Protest with intervention", 2: "Excessive force against protesters"}


def _field(position: int) -> pa.Array:
    return pa.array(
        [None if row[position] is None else str(row[position]) for row in CROSSWALK.values()],
        pa.string(),
    )


def _by_etype(g: Scad, position: int) -> pa.Array:
    index = pc.index_in(pc.cast(g["etype"], pa.int64()), value_set=_CODES)
    return pc.take(_field(position), index)


def _equal(kinds: pa.Array, kind: ActorType) -> pa.Array:
    return pc.fill_null(pc.equal(kinds, kind.value), False)


def _is(g: Scad, codes: pa.Array) -> pa.Array:
    return pc.fill_null(pc.is_in(pc.cast(g["etype"], pa.int64()), value_set=codes), False)


def repressed(g: Scad) -> pa.Array:
    """Demonstrations, strikes and riots the state repressed (``repress`` 1 or 2)."""
    crowd = pc.or_(_is(g, _DEMONSTRATIONS), _is(g, _RIOTS))
    return pc.and_(crowd, pc.fill_null(pc.greater(g["repress"], 0), False))


def event_type(g: Scad) -> pa.Array:
    """ACLED's event type of the etype (null for a code outside 1-10)."""
    return _by_etype(g, 0)


def sub_event_type(g: Scad) -> pa.Array:
    """ACLED's sub-event type: the etype's, or a repressed demonstration's."""
    out = _by_etype(g, 1)
    for code, label in _REPRESSED.items():
        hit = pc.and_(_is(g, _DEMONSTRATIONS), pc.fill_null(pc.equal(g["repress"], code), False))
        out = pc.if_else(hit, label, out)
    return out


def disorder_type(g: Scad) -> pa.Array:
    """ACLED's disorder type of the sub-event type."""
    result: pa.Array = codebook_arrays.lookup(
        sub_event_type(g), codebook_arrays.SUB_LABELS, codebook_arrays.SUB_DISORDER
    )
    return result


def _in_country(prefix: str, g: Scad, suffix: str = "") -> pa.Array:
    return pc.binary_join_element_wise(prefix, g["countryname"], suffix, "")


def actor1(g: Scad) -> pa.Array:
    """``Protesters (country)``/``Rioters (country)`` for crowds; else SCAD's actor1."""
    named = pc.coalesce(g["actor1"], _in_country("Unidentified Armed Group (", g, ")"))
    state = pc.coalesce(g["actor1"], _in_country("Government of ", g))
    out = pc.if_else(_equal(inter1(g), _A.STATE_FORCES), state, named)
    out = pc.if_else(_is(g, _DEMONSTRATIONS), _in_country("Protesters (", g, ")"), out)
    return pc.if_else(_is(g, _RIOTS), _in_country("Rioters (", g, ")"), out)


def inter1(g: Scad) -> pa.Array:
    """actor1's type: Protesters, Rioters, State forces or Political militia."""
    return _by_etype(g, 2)


def actor2(g: Scad) -> pa.Array:
    """Who the event is against, as ACLED names actors.

    Civilians (country) for violence against them, the target for violence against the
    state, the police for repressed crowds, else blank.
    """
    kind = inter2(g)
    civilians = _in_country("Civilians (", g, ")")
    state = pc.coalesce(g["target1"], _in_country("Government of ", g))
    out = pc.if_else(_equal(kind, _A.CIVILIANS), civilians, pa.scalar(None, pa.string()))
    out = pc.if_else(_equal(kind, _A.STATE_FORCES), state, out)
    return pc.if_else(repressed(g), _in_country("Police Forces of ", g), out)


def inter2(g: Scad) -> pa.Array:
    """actor2's type: Civilians, State forces (also for repressed crowds), else blank."""
    out = _by_etype(g, 3)
    return pc.if_else(repressed(g), _A.STATE_FORCES.value, out)


def interaction(g: Scad) -> pa.Array:
    """ACLED's interaction label of inter1 and inter2 (``Protesters only`` without actor2)."""
    a, b = actor_codes(inter1(g)), actor_codes(inter2(g))
    low = pc.min_element_wise(a, b, skip_nulls=False)
    pair = pc.add(pc.multiply(low, 10), pc.max_element_wise(a, b, skip_nulls=False))
    code = pc.coalesce(pair, pc.multiply(a, 10))
    return codebook_arrays.lookup(code, INTERACTION_CODES, INTERACTION_LABELS)


def civilian_targeting(g: Scad) -> pa.Array:
    """``Civilian targeting`` when actor2 is civilians."""
    civilians = _equal(inter2(g), _A.CIVILIANS)
    return pc.if_else(civilians, CIVILIAN_TARGETING, pa.scalar(None, pa.string()))


def _lists(*columns: pa.Array) -> pa.Array:
    """The given (non-blank) values of each row, in column order, as a list."""
    n, k = len(columns[0]), len(columns)
    values = pa.concat_arrays([pc.cast(c, pa.string()) for c in columns])
    order = (np.arange(n)[:, None] + np.arange(k)[None, :] * n).ravel()
    given = np.asarray(pc.is_valid(values), dtype=bool)[order]
    counts = given.reshape(n, k).sum(axis=1)
    offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]), pa.int32())
    return pa.ListArray.from_arrays(offsets, pc.take(values, pa.array(order[given])))


def _when(mask: pa.Array, lists: pa.Array) -> pa.Array:
    empty = pa.ListArray.from_arrays(
        pa.array(np.zeros(len(lists) + 1, np.int32)), pa.array([], pa.string())
    )
    return pc.if_else(mask, lists, empty)


def assoc_actor_1(g: Scad) -> pa.Array:
    """SCAD's actors of a crowd (actor1-3); actor2 and actor3 of other events."""
    crowd = pc.or_(_is(g, _DEMONSTRATIONS), _is(g, _RIOTS))
    return pc.if_else(
        crowd, _lists(g["actor1"], g["actor2"], g["actor3"]), _lists(g["actor2"], g["actor3"])
    )


def assoc_actor_2(g: Scad) -> pa.Array:
    """SCAD's targets of violence against civilians (target1-2); target2 against the state."""
    civilians = _equal(inter2(g), _A.CIVILIANS)
    state = pc.and_(_equal(inter2(g), _A.STATE_FORCES), pc.invert(repressed(g)))
    out = _when(civilians, _lists(g["target1"], g["target2"]))
    return pc.if_else(state, _lists(g["target2"]), out)


def time_precision(g: Scad) -> pa.Array:
    """1 for one day, 2 for a span of up to a week, 3 for a longer one."""
    start = pc.cast(pc.cast(g["startdate"], pa.date32()), pa.int32())
    end = pc.cast(pc.cast(pc.coalesce(g["enddate"], g["startdate"]), pa.date32()), pa.int32())
    days = pc.subtract(end, start)
    out = pc.if_else(pc.less(days, 7), 2, 3)
    return pc.cast(pc.if_else(pc.less_equal(days, 0), 1, out), pa.int64())


def region(g: Scad) -> pa.Array:
    """SCAD's region of the country code: Africa (400-699) or Latin America (2-199)."""
    code = pc.cast(g["ccode"], pa.int64())
    africa = pc.and_(pc.greater_equal(code, 400), pc.less(code, 700))
    america = pc.less(code, 200)
    out = pc.if_else(america, "Latin America", pa.scalar(None, pa.string()))
    return pc.if_else(africa, "Africa", out)


def iso(g: Scad) -> pa.Array:
    """The ISO 3166 numeric code of the country name (null when unknown)."""
    return iso_of_names(g["countryname"])


def location(g: Scad) -> pa.Array:
    """This row's place (ilocal), else the event's places (elocal), else the country."""
    return pc.coalesce(g["ilocal"], g["elocal"], g["countryname"])


_GEO_PRECISION = pa.array([3, 1, 1, 2, 1, 2, 3, 3], pa.int64())
"""ACLED's geo precision of SCAD's location types 1-7 (index; 0 unknown)."""


def geo_precision(g: Scad) -> pa.Array:
    """ACLED's geo precision of SCAD's location type (gislocnum, else locnum).

    1 a city (types 1, 2, 4), 2 a rural place (3, 5), 3 a province, the nation or unknown
    (6, 7, blank); a point SCAD marks approximate (location_precision ``no``) at least 2.
    """
    kind = pc.fill_null(pc.cast(pc.coalesce(g["gislocnum"], g["locnum"]), pa.int64()), 0)
    out = pc.take(_GEO_PRECISION, kind)
    rough = pc.fill_null(pc.equal(pc.utf8_lower(g["location_precision"]), "no"), False)
    return pc.if_else(pc.and_(rough, pc.equal(out, 1)), 2, out)


def notes(g: Scad) -> pa.Array:
    """issuenote, then the coder's notes."""
    return pc.binary_join_element_wise(g["issuenote"], g["notes"], " ", null_handling="skip")


def fatalities(g: Scad) -> pa.Array:
    """ndeath_once: an event's deaths on its first place, 0 elsewhere and when unknown."""
    return pc.cast(pc.fill_null(g["ndeath_once"], 0), pa.int64())


def event_id(g: Scad) -> pa.Array:
    """``SCAD`` + location_id."""
    return pc.binary_join_element_wise("SCAD", g["location_id"], "")
