"""How a planned row is coded as an ACLED :class:`~eventdata.Event`.

:mod:`eventdata.models.lowering` decides which records give rows and with which actors and
place (a :class:`RowPlan`); this module codes the row the way ACLED's codebook does: the
Explosions/Remote violence sub-event type of the weapons (:func:`sub_event_type_of`, ACLED's
precedence order when several are used), the notes, the sources and their scale, and the
:class:`~eventdata.Event` itself (:func:`event_row`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from eventdata.exceptions import LoweringError
from eventdata.models.actors import Actor
from eventdata.models.collection import AnyRecord
from eventdata.models.event import Event
from eventdata.models.records import Attack, Outcome, Place
from eventdata.models.weapons import (
    Aircraft,
    Artillery,
    Drone,
    Explosive,
    ExplosiveDevice,
    Firearm,
    Missile,
    Mortar,
    Rocket,
    is_air_defence,
)
from eventdata.vocabulary.codebook import (
    CIVILIAN_TARGETING,
    INTERACTIONS,
    SOURCE_SCALE_PARTS,
    ActorType,
    EventType,
    SubEventType,
    interaction_code,
)

__all__ = [
    "RowPlan",
    "Unlowered",
    "acting_row",
    "event_row",
    "disruption_notes",
    "interception_notes",
    "notes_text",
    "place_of",
    "strike_row",
    "sub_event_type_of",
]

_S = SubEventType
_EXPLOSIVE_SUB_EVENT: Mapping[ExplosiveDevice, SubEventType] = {
    ExplosiveDevice.IED: _S.REMOTE_EXPLOSIVE_LANDMINE_IED,
    ExplosiveDevice.VBIED: _S.REMOTE_EXPLOSIVE_LANDMINE_IED,
    ExplosiveDevice.LANDMINE: _S.REMOTE_EXPLOSIVE_LANDMINE_IED,
    ExplosiveDevice.GRENADE: _S.GRENADE,
    ExplosiveDevice.SUICIDE: _S.SUICIDE_BOMB,
}
_PRECEDENCE = EventType.EXPLOSIONS_REMOTE_VIOLENCE.sub_event_types


def sub_event_type_of(weapons: Iterable[object], /) -> SubEventType | None:
    """Return the Explosions/Remote violence sub-event type ACLED gives these weapons.

    Air defence is ignored; firearms alone give None (a clash, not remote violence).
    Unarmed drones do not strike. Several weapons: ACLED's precedence order decides.
    """
    found: set[SubEventType] = set()
    for weapon in weapons:
        if isinstance(weapon, Aircraft) or (
            isinstance(weapon, Drone) and weapon.armed is not False
        ):
            found.add(_S.AIR_DRONE_STRIKE)
        elif isinstance(weapon, (Rocket, Mortar, Missile, Artillery)):
            found.add(_S.SHELLING_ARTILLERY_MISSILE_ATTACK)
        elif isinstance(weapon, Explosive):
            found.add(_EXPLOSIVE_SUB_EVENT[weapon.device])
    return next((sub_event for sub_event in _PRECEDENCE if sub_event in found), None)


@dataclass(frozen=True)
class Unlowered:
    """A record that gives no ACLED row of its own, and why.

    Attributes:
        record_id: the record's id.
        reason: why it gives no row, e.g. ``report status 'denied'``.
        coded_in: id of the record whose row codes this one (a fully intercepted attack
            is coded in its interception's row), None when no row codes it.

    """

    record_id: str
    reason: str
    coded_in: str | None = None

    def __str__(self) -> str:
        where = f"; coded in the row of {self.coded_in!r}" if self.coded_in else ""
        return f"{self.record_id!r}: {self.reason}{where}"


@dataclass
class RowPlan:
    """A row before it has an event id."""

    record: AnyRecord
    sub_event: SubEventType
    actor1: Actor
    actor2: Actor | None
    place: Place
    notes: str
    assoc1: tuple[Actor, ...] = ()
    assoc2: tuple[Actor, ...] = ()
    extra_sources: tuple[AnyRecord, ...] = ()


def acting_row(
    record: AnyRecord,
    sub_event: SubEventType,
    actor1: Actor,
    actor2: Actor | None,
    place: Place,
    notes: str,
) -> RowPlan:
    """Plan a row whose actor1 is the record's own side and actor2 the side it acts on.

    The record's ``associates`` stand with actor1 and its ``target_associates`` with
    actor2, as in a strike, a seizure or a shoot-down.
    """
    return RowPlan(
        record=record,
        sub_event=sub_event,
        actor1=actor1,
        actor2=actor2,
        place=place,
        notes=notes,
        assoc1=record.associates,
        assoc2=record.target_associates,
    )


def notes_text(record: AnyRecord, actor: Actor, verb: str) -> str:
    """Return the record's description, else a sentence saying who did what, where, how."""
    if record.description:
        return record.description
    day = record.date
    when = f"{day.day} {calendar.month_name[day.month]} {day.year}"
    target = record.target_description or (record.target.name if record.target else "a target")
    where = record.place.name if record.place else "an unknown place"
    weapons = ", ".join(_weapon_text(w) for w in record.weapons) or "unknown weapons"
    text = f"On {when}, {actor.name} {verb} {target} in {where} using {weapons}"
    if record.outcome not in (Outcome.IMPACTED, Outcome.UNKNOWN):
        text += f" ({record.outcome.value})"
    return text + "."


def interception_notes(
    attack: AnyRecord, interceptor: Actor, attacker: Actor, description: str | None
) -> str:
    """Return ``Interception:`` notes: the description, else who intercepted whose weapons.

    The sentence names the interceptor as the one intercepting, what was intercepted (the
    attack's ``intercepted`` count when known, not the number launched) and the attacker
    as the one who launched: "On 20 December 2020, <interceptor> intercepted 2 of 8 x
    rocket launched by <attacker> at <target> in <place>."
    """
    if description:
        return "Interception: " + description
    day = attack.date
    when = f"{day.day} {calendar.month_name[day.month]} {day.year}"
    offensive = [w for w in attack.weapons if not is_air_defence(w)]
    weapons = ", ".join(_weapon_text(w) for w in offensive) or "weapons"
    intercepted = getattr(attack, "intercepted", None)
    if intercepted is not None:
        total = sum(w.count or 0 for w in offensive)
        launched = getattr(attack, "launched", None) or total
        kinds = ", ".join(_weapon_text(w, counted=False) for w in offensive) or "weapons"
        weapons = f"{intercepted} x {kinds}"
        if launched and launched != intercepted:
            weapons = f"{intercepted} of {launched} x {kinds}"
    target = attack.target_description or (attack.target.name if attack.target else None)
    aimed = f" at {target}" if target else ""
    where = f" in {attack.place.name}" if attack.place else ""
    return (
        f"Interception: On {when}, {interceptor.name} intercepted {weapons} launched by "
        f"{attacker.name}{aimed}{where}."
    )


def disruption_notes(
    record: AnyRecord,
    label: str | None,
    actor: Actor,
    verb: str,
    weapons: Iterable[object],
    owner: Actor,
) -> str:
    """Return notes for a weapons seizure or shoot-down: ``<label>: `` and the description.

    Without a description: "On <date>, <actor> <verb> <weapons> belonging to <owner> in
    <place>." ``label`` None gives no prefix (a shot-down aircraft is a strike row).
    """
    prefix = f"{label}: " if label else ""
    if record.description:
        return prefix + record.description
    day = record.date
    when = f"{day.day} {calendar.month_name[day.month]} {day.year}"
    listed = ", ".join(_weapon_text(w) for w in weapons) or "weapons"
    where = f" in {record.place.name}" if record.place else ""
    return f"{prefix}On {when}, {actor.name} {verb} {listed} belonging to {owner.name}{where}."


def _weapon_text(weapon: object, *, counted: bool = True) -> str:
    kind = str(getattr(weapon, "kind", "weapon")).replace("_", " ")
    system = getattr(weapon, "system", None)
    count = getattr(weapon, "count", None)
    label = f"{system} {kind}" if system else kind
    return f"{count} x {label}" if count and counted else label


def _sources(plan: RowPlan) -> tuple[list[str], str | None]:
    names: list[str] = []
    scales: set[str] = set()
    for record in (plan.record, *plan.extra_sources):
        for source in record.sources:
            if source.name not in names:
                names.append(source.name)
            if source.scale is not None:
                scales.add(source.scale)
    scale = "-".join(part for part in SOURCE_SCALE_PARTS if part in scales) or None
    return names, scale


def event_row(plan: RowPlan, event_id: str, timestamp: int | None) -> Event:
    """Code the planned row as an ACLED event; None ``timestamp`` is the date's midnight UTC."""
    record, place = plan.record, plan.place
    day = record.date
    if timestamp is None:
        midnight = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
        timestamp = max(0, int(midnight.timestamp()))
    actor2 = plan.actor2
    inter2 = actor2.actor_type if actor2 is not None else None
    sources, scale = _sources(plan)
    fatalities = record.casualties.fatalities
    civilians = actor2 is not None and actor2.actor_type is ActorType.CIVILIANS
    row = {
        "event_id_cnty": event_id,
        "event_date": day,
        "year": day.year,
        "time_precision": int(record.date_precision),
        "disorder_type": plan.sub_event.disorder_type,
        "event_type": plan.sub_event.event_type,
        "sub_event_type": plan.sub_event,
        "actor1": plan.actor1.name,
        "assoc_actor_1": [a.name for a in plan.assoc1],
        "inter1": plan.actor1.actor_type,
        "actor2": actor2.name if actor2 is not None else None,
        "assoc_actor_2": [a.name for a in plan.assoc2] if actor2 is not None else [],
        "inter2": inter2,
        "interaction": INTERACTIONS[interaction_code(plan.actor1.actor_type, inter2)],
        "civilian_targeting": CIVILIAN_TARGETING
        if civilians and plan.sub_event is not _S.DISRUPTED_WEAPONS_USE
        else None,
        "iso": place.iso,
        "region": place.region,
        "country": place.country,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": place.admin3,
        "location": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": int(place.geo_precision),
        "source": sources,
        "source_scale": scale,
        "notes": plan.notes,
        "fatalities": fatalities.acled if fatalities is not None else 0,
        "tags": [],
        "timestamp": timestamp,
    }
    return Event.model_validate(row)


def strike_row(record: AnyRecord, actor1: Actor, actor2: Actor | None, place: Place) -> RowPlan:
    """Plan the strike row of an attack or retaliation: its sub-event type from the weapons.

    Raises:
        LoweringError: no offensive weapon names the sub-event type.
    """
    sub_event = sub_event_type_of(record.weapons)
    offensive = [w for w in record.weapons if not is_air_defence(w)]
    if sub_event is None:
        if not offensive:
            raise LoweringError(
                f"{record.record_type} {record.id!r} names no offensive weapon, so its ACLED "
                "sub-event type is unknown; add one, e.g. weapons=[Rocket()]"
            )
        if all(isinstance(w, Firearm) for w in offensive):
            civilians = actor2 is not None and actor2.actor_type is ActorType.CIVILIANS
            sub_event = SubEventType.ATTACK if civilians else SubEventType.ARMED_CLASH
        else:  # only unarmed drones
            sub_event = SubEventType.OTHER
    verb = "attacked" if isinstance(record, Attack) else "struck"
    return acting_row(record, sub_event, actor1, actor2, place, notes_text(record, actor1, verb))


def place_of(record: AnyRecord, place: Place | None) -> Place:
    """The record's place, which an ACLED row needs with coordinates.

    Raises:
        LoweringError: no place, or one without coordinates.
    """
    if place is None or place.latitude is None:
        raise LoweringError(
            f"{record.record_type} {record.id!r} has no place with coordinates; ACLED rows "
            "need location, latitude and longitude: set place=Place(...)"
        )
    return place
