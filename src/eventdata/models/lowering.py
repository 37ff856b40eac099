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

This module plans the rows and numbers them; :mod:`eventdata.models.acled_rows` codes a
planned row (sub-event type, notes, sources) as an :class:`~eventdata.Event`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from eventdata.exceptions import EventdataError
from eventdata.models.acled_rows import RowPlan, event_row, notes_text, sub_event_type_of
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
from eventdata.models.weapons import Firearm, is_air_defence
from eventdata.vocabulary.codebook import ActorType, SubEventType
from eventdata.vocabulary.countries import alpha3_from_numeric

__all__ = ["LoweringError", "lower", "lower_by_record", "sub_event_type_of"]

_S = SubEventType


class LoweringError(EventdataError, ValueError):
    """Records that cannot become valid ACLED rows (missing place, prefix or weapon)."""


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
    plans: list[RowPlan] = []
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
        rows[plan.record.id] = event_row(plan, f"{prefix}{number}", timestamp)
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


def _plan(record: AnyRecord, collection: EventCollection) -> RowPlan | None:
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


def _plan_attack(attack: Attack, collection: EventCollection) -> RowPlan | None:
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
        return RowPlan(
            record=attack,
            sub_event=_S.DISRUPTED_WEAPONS_USE,
            actor1=attack.target,
            actor2=attacker,
            place=place,
            notes="Interception: " + notes_text(attack, attacker, "intercepted"),
            assoc1=attack.target_associates,
            assoc2=attack.associates,
        )
    return _strike(attack, attacker, attack.target, place)


def _plan_response(response: Response, collection: EventCollection) -> RowPlan | None:
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
    return RowPlan(
        record=response,
        sub_event=_S.DISRUPTED_WEAPONS_USE,
        actor1=responder,
        actor2=attacker,
        place=place,
        notes="Interception: " + notes_text(source, attacker, "intercepted"),
        assoc1=response.associates,
        assoc2=first.associates,
        extra_sources=tuple(attacks),
    )


def _strike(record: AnyRecord, actor1: Actor, actor2: Actor | None, place: Place) -> RowPlan:
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
    return RowPlan(
        record=record,
        sub_event=sub_event,
        actor1=actor1,
        actor2=actor2,
        place=place,
        notes=notes_text(record, actor1, verb),
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


def _prefix(plan: RowPlan, prefixes: Mapping[str, str] | None) -> str | None:
    place = plan.place
    if prefixes is not None and place.country in prefixes:
        return prefixes[place.country]
    if place.country_code is not None:
        return place.country_code
    try:
        return alpha3_from_numeric(place.iso)
    except ValueError:
        return None
