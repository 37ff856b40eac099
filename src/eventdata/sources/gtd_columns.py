"""The vectorized builders of GTD's mapping onto ACLED's columns (:mod:`eventdata.sources.gtd`).

Each takes the typed GTD columns by name and returns one output column; the crosswalk of
attack types to ACLED's event and sub-event types is declared here, once.
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

Gtd = Mapping[str, pa.Array]
"""The typed GTD columns by name."""

_ARMED_TARGETS = ("Military", "Police", "Terrorists/Non-State Militia", "Violent Political Party")
"""GTD target types ACLED codes as armed actors (so an attack on them is a battle)."""

_STATE_TARGETS = {"Military": "Military Forces of ", "Police": "Police Forces of "}

# attack type -> (event type, sub-event type) against civilians / against armed targets
_CROSSWALK: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "Assassination": (
        ("Violence against civilians", "Attack"),
        ("Battles", "Armed clash"),
    ),
    "Armed Assault": (("Violence against civilians", "Attack"), ("Battles", "Armed clash")),
    "Bombing/Explosion": (
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ),
    "Hijacking": (("Violence against civilians", "Abduction/forced disappearance"),) * 2,
    "Hostage Taking (Barricade Incident)": (
        ("Violence against civilians", "Abduction/forced disappearance"),
    )
    * 2,
    "Hostage Taking (Kidnapping)": (
        ("Violence against civilians", "Abduction/forced disappearance"),
    )
    * 2,
    "Facility/Infrastructure Attack": (("Strategic developments", "Looting/property destruction"),)
    * 2,
    "Unarmed Assault": (("Violence against civilians", "Attack"),) * 2,
    "Unknown": (("Violence against civilians", "Attack"), ("Battles", "Armed clash")),
}
"""ACLED's event and sub-event type of each GTD attack type (docs/gtd.md)."""

_GEO_PRECISION = pa.array([None, 1, 2, 2, 3, 3], pa.int64())
"""ACLED's geo precision of GTD's specificity 1-5 (index = specificity)."""


def armed(g: Gtd) -> pa.Array:
    """Whether the target is armed (military, police, a militia, a violent party)."""
    targets = pa.array(_ARMED_TARGETS, pa.string())
    return pc.fill_null(pc.is_in(g["targtype1_txt"], value_set=targets), False)


_ATTACKS = pa.array(list(_CROSSWALK), pa.string())


def types(g: Gtd, position: int) -> pa.Array:
    """The event (``position`` 0) or sub-event type (1) of each incident."""
    attack = pc.fill_null(g["attacktype1_txt"], "Unknown")
    index = pc.fill_null(pc.index_in(attack, value_set=_ATTACKS), len(_CROSSWALK) - 1)
    civilians = pa.array([pair[0][position] for pair in _CROSSWALK.values()], pa.string())
    fighters = pa.array([pair[1][position] for pair in _CROSSWALK.values()], pa.string())
    picked = pc.if_else(armed(g), pc.take(fighters, index), pc.take(civilians, index))
    if position == 1:  # suicide bombings are ACLED's own sub-event type
        suicide = pc.and_(
            pc.fill_null(pc.equal(g["suicide"], 1), False),
            pc.equal(attack, "Bombing/Explosion"),
        )
        picked = pc.if_else(suicide, "Suicide bomb", picked)
    return picked


def disorder_type(g: Gtd) -> pa.Array:
    """ACLED's disorder type of the sub-event type."""
    result: pa.Array = codebook_arrays.lookup(
        types(g, 1), codebook_arrays.SUB_LABELS, codebook_arrays.SUB_DISORDER
    )
    return result


def event_date(g: Gtd) -> pa.Array:
    """The day; an unknown day or month (0) as the first."""
    month = pc.if_else(pc.greater(g["imonth"], 0), g["imonth"], 1)
    day = pc.if_else(pc.greater(g["iday"], 0), g["iday"], 1)

    def padded(values: pa.Array, width: int) -> pa.Array:
        return pc.utf8_lpad(pc.cast(values, pa.string()), width, "0")

    text = pc.binary_join_element_wise(padded(g["iyear"], 4), padded(month, 2), padded(day, 2), "-")
    return pc.cast(text, pa.date32())


def time_precision(g: Gtd) -> pa.Array:
    """ACLED's time precision: 1 a known day, 2 an approximate one, 3 unknown day."""
    day_known = pc.and_(pc.greater(g["iday"], 0), pc.greater(g["imonth"], 0))
    approximate = pc.is_valid(g["approxdate"])
    exact = pc.if_else(approximate, 2, 1)
    return pc.cast(pc.if_else(day_known, exact, 3), pa.int64())


def actor1(g: Gtd) -> pa.Array:
    """``gname``; ``Unknown`` as ``Unidentified Armed Group (country)``."""
    unknown = pc.equal(g["gname"], "Unknown")
    named = pc.binary_join_element_wise("Unidentified Armed Group (", g["country_txt"], ")", "")
    return pc.if_else(unknown, named, g["gname"])


def inter1(g: Gtd) -> pa.Array:
    """``Rebel group`` for a named group, ``Political militia`` for an unknown one."""
    unknown = pc.equal(g["gname"], "Unknown")
    return pc.if_else(unknown, ActorType.POLITICAL_MILITIA.value, ActorType.REBEL_GROUP.value)


def actor2(g: Gtd) -> pa.Array:
    """The target as ACLED names actors: state forces, an armed group or civilians."""
    out = pc.binary_join_element_wise("Civilians (", g["country_txt"], ")", "")
    for target, prefix in _STATE_TARGETS.items():
        state = pc.binary_join_element_wise(prefix, g["country_txt"], "")
        out = pc.if_else(pc.fill_null(pc.equal(g["targtype1_txt"], target), False), state, out)
    militia = pc.is_in(g["targtype1_txt"], value_set=pa.array(_ARMED_TARGETS[2:]))
    group = pc.binary_join_element_wise("Unidentified Armed Group (", g["country_txt"], ")", "")
    return pc.if_else(pc.fill_null(militia, False), group, out)


def inter2(g: Gtd) -> pa.Array:
    """The target's actor type."""
    state = pc.is_in(g["targtype1_txt"], value_set=pa.array(list(_STATE_TARGETS)))
    militia = pc.is_in(g["targtype1_txt"], value_set=pa.array(_ARMED_TARGETS[2:]))
    out = pc.if_else(
        pc.fill_null(militia, False),
        ActorType.POLITICAL_MILITIA.value,
        ActorType.CIVILIANS.value,
    )
    return pc.if_else(pc.fill_null(state, False), ActorType.STATE_FORCES.value, out)


def interaction(g: Gtd) -> pa.Array:
    """ACLED's interaction label of inter1 and inter2."""
    a, b = actor_codes(inter1(g)), actor_codes(inter2(g))
    code = pc.add(pc.multiply(pc.min_element_wise(a, b), 10), pc.max_element_wise(a, b))
    return codebook_arrays.lookup(code, INTERACTION_CODES, INTERACTION_LABELS)


def civilian_targeting(g: Gtd) -> pa.Array:
    """``Civilian targeting`` when the target is civilians."""
    civilians = pc.equal(inter2(g), ActorType.CIVILIANS.value)
    return pc.if_else(civilians, CIVILIAN_TARGETING, pa.scalar(None, pa.string()))


def iso(g: Gtd) -> pa.Array:
    """The ISO 3166 numeric code of the country name (null when unknown)."""
    return iso_of_names(g["country_txt"])


def location(g: Gtd) -> pa.Array:
    """The city, else the province, else the country."""
    return pc.coalesce(g["city"], g["provstate"], g["country_txt"])


def geo_precision(g: Gtd) -> pa.Array:
    """ACLED's geo precision of GTD's specificity (blank as 5)."""
    specificity = pc.fill_null(pc.cast(g["specificity"], pa.int64()), 5)
    return pc.take(_GEO_PRECISION, specificity)


def source(g: Gtd) -> pa.Array:
    """The first citation, else the database the incident came from, as a list."""
    text = pc.coalesce(g["scite1"], g["dbsource"])
    given = np.asarray(pc.is_valid(text), dtype=np.int32)
    offsets = pa.array(np.concatenate([[0], np.cumsum(given)]), pa.int32())
    return pa.ListArray.from_arrays(offsets, pc.drop_null(text))


def fatalities(g: Gtd) -> pa.Array:
    """``nkill`` rounded; unknown (blank) as 0."""
    return pc.cast(pc.round(pc.fill_null(g["nkill"], 0.0)), pa.int64())
