"""Lowering rich records to ACLED rows, coded the way ACLED's codebook codes them.

Each record lowers to at most one :class:`~eventdata.Event` row; ACLED codes one event per
location and day, so an operation on two sites is two records linked by ``related``.

- drone or crewed aircraft: Air/drone strike; rocket, mortar, missile, artillery:
  Shelling/artillery/missile attack; IED, VBIED, landmine: Remote explosive/landmine/IED;
  grenade: Grenade; suicide: Suicide bomb; firearms only: Armed clash (Attack, Violence
  against civilians, when the target is civilians).
- Fully intercepted attack: one Strategic developments / Disrupted weapons use row, the
  interceptor as actor1, notes beginning ``Interception:``, no strike row. The row belongs
  to the interception response when there is one. Partially intercepted, failed, crashed or
  unknown outcome: the strike row.
- Retaliation response: a strike row, the responder as actor1. Threats, statements, other
  responses, unconfirmed and denied records: no row.

When several weapons are used, ACLED's precedence order within Explosions/Remote violence
picks the sub-event type (Air/drone strike before Shelling before IED). Interaction codes
always come from the actors' types. Lowering is deterministic: records are numbered in
(date, time, id) order.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from eventdata.exceptions import EventdataError
from eventdata.models.actors import Actor, unidentified_armed_group
from eventdata.models.collection import AnyRecord, EventCollection
from eventdata.models.event import Event
from eventdata.models.records import (
    Attack,
    BaseRecord,
    Outcome,
    Place,
    ReportStatus,
    Response,
    ResponseKind,
)
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
from eventdata.vocabulary.countries import alpha3_from_numeric

__all__ = ["LoweringError", "lower", "lower_by_record", "sub_event_type_of"]

_S = SubEventType
_EXPLOSIVE_SUB_EVENT: Mapping[ExplosiveDevice, SubEventType] = {
    ExplosiveDevice.IED: _S.REMOTE_EXPLOSIVE_LANDMINE_IED,
    ExplosiveDevice.VBIED: _S.REMOTE_EXPLOSIVE_LANDMINE_IED,
    ExplosiveDevice.LANDMINE: _S.REMOTE_EXPLOSIVE_LANDMINE_IED,
    ExplosiveDevice.GRENADE: _S.GRENADE,
    ExplosiveDevice.SUICIDE: _S.SUICIDE_BOMB,
}
_PRECEDENCE = EventType.EXPLOSIONS_REMOTE_VIOLENCE.sub_event_types


class LoweringError(EventdataError, ValueError):
    """Records that cannot become valid ACLED rows (missing place, prefix or weapon)."""


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


@dataclass
class _Plan:
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


def lower_by_record(
    records: EventCollection | Iterable[BaseRecord],
    /,
    *,
    prefixes: Mapping[str, str] | None = None,
    start: int | Mapping[str, int] = 1,
    timestamp: int | None = None,
) -> dict[str, Event]:
    """Lower records to ACLED rows, keyed by the id of the record each row comes from.

    Args:
        records: a checked collection, or records to check first.
        prefixes: event-id prefix per country name, e.g. ``{"Iraq": "XIQ"}``; a country
            not in the map uses its place's ``country_code``, else the ISO 3166-1 alpha-3
            code of its ``iso`` (ACLED's own prefixes: ``IRQ`` for 368).
        start: first event number, for every prefix or per prefix (``{"IRQ": 50538}``).
        timestamp: the rows' ``timestamp``; None uses midnight UTC of each event date.

    Returns:
        Row per lowering record id, in event-id order. Records that lower to no row
        (unconfirmed, denied, threats, intercepted attacks whose interception is recorded)
        are absent.

    Raises:
        IntegrityError: ``records`` is not a consistent collection.
        LoweringError: records lack what a row needs; every problem is listed.

    """
    collection = records if isinstance(records, EventCollection) else EventCollection(records)
    ordered = sorted(collection, key=lambda r: (r.date, r.time or dt.time.min, r.id))
    plans: list[_Plan] = []
    problems: list[str] = []
    for record in ordered:
        try:
            plan = _plan(record, collection)
        except LoweringError as error:
            problems.append(str(error))
            continue
        if plan is not None:
            plans.append(plan)
    counters: dict[str, int] = {}
    rows: dict[str, Event] = {}
    for plan in plans:
        prefix = _prefix(plan, prefixes)
        if prefix is None:
            problems.append(
                f"{plan.record.record_type} {plan.record.id!r}: no event-id prefix for country "
                f"{plan.place.country!r} (iso {plan.place.iso} is not an ISO 3166-1 code); pass "
                f"prefixes={{{plan.place.country!r}: 'ABC'}} or set the place's country_code"
            )
            continue
        first = start if isinstance(start, int) else start.get(prefix, 1)
        number = counters.get(prefix, first)
        counters[prefix] = number + 1
        rows[plan.record.id] = _event(plan, f"{prefix}{number}", timestamp)
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise LoweringError(f"{len(problems)} record(s) cannot be lowered to ACLED:\n{listing}")
    return rows


def lower(
    records: EventCollection | Iterable[BaseRecord],
    /,
    *,
    prefixes: Mapping[str, str] | None = None,
    start: int | Mapping[str, int] = 1,
    timestamp: int | None = None,
) -> list[Event]:
    """Lower records to the ACLED rows they are coded as, in event-id order.

    See :func:`lower_by_record` for the options; the module docstring gives the mapping.
    """
    rows = lower_by_record(records, prefixes=prefixes, start=start, timestamp=timestamp)
    return list(rows.values())


def _plan(record: AnyRecord, collection: EventCollection) -> _Plan | None:
    if record.report_status is not ReportStatus.CONFIRMED:
        return None
    if isinstance(record, Attack):
        return _plan_attack(record, collection)
    return _plan_response(record, collection)


def _fully_intercepted(attack: Attack) -> bool:
    return attack.outcome is Outcome.INTERCEPTED and attack.report_status is ReportStatus.CONFIRMED


def _carrier(attack: Attack, collection: EventCollection) -> Response | None:
    """Return the interception response that carries the attack's row, if any.

    The first confirmed interception (in collection order) whose every answered attack
    was fully intercepted; other interceptions of the same attack give no second row.
    """
    for record in collection.responses_to(attack.id):
        if (
            isinstance(record, Response)
            and record.kind is ResponseKind.INTERCEPTION
            and record.report_status is ReportStatus.CONFIRMED
            and record.responder is not None
            and all(
                isinstance(a, Attack) and _fully_intercepted(a)
                for a in (collection[i] for i in record.responds_to)
            )
        ):
            return record
    return None


def _plan_attack(attack: Attack, collection: EventCollection) -> _Plan | None:
    place = _place(attack, attack.place)
    attacker = attack.attacker or unidentified_armed_group(place.country)
    if attack.outcome is Outcome.INTERCEPTED:
        if _carrier(attack, collection) is not None:
            return None  # the interception response carries the row
        if attack.target is None:
            raise LoweringError(
                f"attack {attack.id!r} was intercepted but nobody is named as interceptor; add "
                "a Response(kind='interception', responder=...) answering it, or a target actor"
            )
        return _Plan(
            record=attack,
            sub_event=_S.DISRUPTED_WEAPONS_USE,
            actor1=attack.target,
            actor2=attacker,
            place=place,
            notes="Interception: " + _notes(attack, attacker, "intercepted"),
            assoc1=attack.target_associates,
            assoc2=attack.associates,
        )
    return _strike(attack, attacker, attack.target, place)


def _plan_response(response: Response, collection: EventCollection) -> _Plan | None:
    if response.kind is ResponseKind.RETALIATION:
        responder = _responder(response)
        return _strike(response, responder, response.target, _place(response, response.place))
    if response.kind is not ResponseKind.INTERCEPTION:
        return None
    attacks = [a for a in (collection[i] for i in response.responds_to) if isinstance(a, Attack)]
    if not any(_carrier(a, collection) is response for a in attacks):
        return None  # impacts are coded as strikes; another record carries the row
    first = attacks[0]
    responder = _responder(response)
    place = _place(response, response.place or first.place)
    attacker = first.attacker or unidentified_armed_group(place.country)
    source = response if response.description else first
    return _Plan(
        record=response,
        sub_event=_S.DISRUPTED_WEAPONS_USE,
        actor1=responder,
        actor2=attacker,
        place=place,
        notes="Interception: " + _notes(source, attacker, "intercepted"),
        assoc1=response.associates,
        assoc2=first.associates,
        extra_sources=tuple(attacks),
    )


def _strike(record: AnyRecord, actor1: Actor, actor2: Actor | None, place: Place) -> _Plan:
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
            sub_event = _S.ATTACK if civilians else _S.ARMED_CLASH
        else:  # only unarmed drones
            sub_event = _S.OTHER
    verb = "attacked" if isinstance(record, Attack) else "struck"
    return _Plan(
        record=record,
        sub_event=sub_event,
        actor1=actor1,
        actor2=actor2,
        place=place,
        notes=_notes(record, actor1, verb),
        assoc1=record.associates,
        assoc2=record.target_associates,
    )


def _responder(response: Response) -> Actor:
    if response.responder is None:
        raise LoweringError(
            f"response {response.id!r} ({response.kind.value}) has no responder; ACLED needs "
            "actor1: set responder=Actor(...)"
        )
    return response.responder


def _place(record: AnyRecord, place: Place | None) -> Place:
    if place is None or place.latitude is None:
        raise LoweringError(
            f"{record.record_type} {record.id!r} has no place with coordinates; ACLED rows "
            "need location, latitude and longitude: set place=Place(...)"
        )
    return place


def _notes(record: AnyRecord, actor: Actor, verb: str) -> str:
    if record.description:
        return record.description
    day = record.date
    when = f"{day.day} {calendar.month_name[day.month]} {day.year}"
    target = record.target_description or (record.target.name if record.target else "a target")
    where = record.place.name if record.place else "an unknown place"
    weapons = ", ".join(_weapon_text(w) for w in record.weapons) or "unknown weapons"
    text = f"On {when}, {actor.name} {verb} {target} in {where} using {weapons}"
    if record.outcome not in (Outcome.IMPACTED, Outcome.UNKNOWN) and verb != "intercepted":
        text += f" ({record.outcome.value})"
    return text + "."


def _weapon_text(weapon: object) -> str:
    kind = str(getattr(weapon, "kind", "weapon")).replace("_", " ")
    system = getattr(weapon, "system", None)
    count = getattr(weapon, "count", None)
    label = f"{system} {kind}" if system else kind
    return f"{count} x {label}" if count else label


def _prefix(plan: _Plan, prefixes: Mapping[str, str] | None) -> str | None:
    place = plan.place
    if prefixes is not None and place.country in prefixes:
        return prefixes[place.country]
    if place.country_code is not None:
        return place.country_code
    try:
        return alpha3_from_numeric(place.iso)
    except ValueError:
        return None


def _sources(plan: _Plan) -> tuple[list[str], str | None]:
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


def _event(plan: _Plan, event_id: str, timestamp: int | None) -> Event:
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
