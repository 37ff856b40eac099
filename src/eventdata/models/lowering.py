"""Lowering rich records to ACLED rows, coded the way ACLED's codebook codes them.

Each record lowers to at most one :class:`~eventdata.Event` row; ACLED codes one event per
location and day, so an operation on two sites is two records linked by ``related``.

- drone or crewed aircraft: Air/drone strike; rocket, mortar, missile, artillery:
  Shelling/artillery/missile attack; IED, VBIED, landmine: Remote explosive/landmine/IED;
  grenade: Grenade; suicide: Suicide bomb; firearms only: Armed clash (Attack, Violence
  against civilians, when the target is civilians).
- Interceptions, as ACLED coded the 20 December 2020 Green Zone rocket attack: the
  interception is a Strategic developments / Disrupted weapons use row with the
  interceptor as actor1, the attacker as actor2 and notes beginning ``Interception:``.
  The row belongs to the first interception response answering the attack (the attack's
  target is the interceptor when no response is recorded). A partially intercepted attack
  also gives its strike row; a fully intercepted one gives no strike row. Failed, crashed,
  impacted or unknown outcomes: the strike row only.
- Retaliation response: a strike row, the responder as actor1. Threats, statements, other
  responses, unconfirmed and denied records: no row.

Records that give no row are never dropped without a word: :func:`lower_records` lists
each with the reason (and the record whose row codes it, if any), and :func:`lower` and
:func:`lower_by_record` warn with :class:`UnloweredRecordsWarning`.

When several weapons are used, ACLED's precedence order within Explosions/Remote violence
picks the sub-event type (Air/drone strike before Shelling before IED). Interaction codes
always come from the actors' types. Lowering is deterministic: records are numbered in
(date, time, id) order.

This module plans the rows and numbers them; :mod:`eventdata.models.acled_rows` codes a
planned row (sub-event type, notes, sources) as an :class:`~eventdata.Event`.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from eventdata.exceptions import LoweringError, UnloweredRecordsWarning
from eventdata.models.acled_rows import (
    RowPlan,
    event_row,
    interception_notes,
    place_of,
    strike_row,
    sub_event_type_of,
)
from eventdata.models.actors import Actor, unidentified_armed_group
from eventdata.models.collection import AnyRecord, EventCollection
from eventdata.models.event import Event
from eventdata.models.records import (
    Attack,
    BaseRecord,
    Outcome,
    ReportStatus,
    Response,
    ResponseKind,
)
from eventdata.vocabulary.acled_countries import acled_prefix
from eventdata.vocabulary.codebook import SubEventType

__all__ = [
    "Lowering",
    "LoweringError",
    "Unlowered",
    "UnloweredRecordsWarning",
    "lower",
    "lower_by_record",
    "lower_records",
    "sub_event_type_of",
]

_S = SubEventType
_INTERCEPTED = (Outcome.INTERCEPTED, Outcome.PARTIALLY_INTERCEPTED)


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


@dataclass(frozen=True)
class Lowering:
    """The rows records lower to, and every record that gives no row.

    Attributes:
        rows: row per lowering record id, in event-id order.
        unlowered: the records that give no row, in (date, time, id) order.

    """

    rows: dict[str, Event]
    unlowered: tuple[Unlowered, ...]

    @property
    def events(self) -> list[Event]:
        """The rows, in event-id order."""
        return list(self.rows.values())


def lower_records(
    records: EventCollection | Iterable[BaseRecord],
    /,
    *,
    prefixes: Mapping[str, str] | None = None,
    start: int | Mapping[str, int] = 1,
    timestamp: int | None = None,
) -> Lowering:
    """Lower records to ACLED rows and report the records that give none.

    Args:
        records: a checked collection, or records to check first.
        prefixes: event-id prefix per country name, e.g. ``{"Iraq": "XIQ"}``; other
            countries use ACLED's prefix for the place's ``iso`` (``NIG`` for Nigeria, 566;
            else the ISO 3166-1 alpha-3 code, ``IRQ`` for 368), else its ``country_code``.
        start: first event number, for every prefix or per prefix (``{"IRQ": 50538}``).
        timestamp: the rows' ``timestamp``; None uses midnight UTC of each event date.

    Returns:
        The rows keyed by record id, and each record that gives no row with the reason.

    Raises:
        IntegrityError: ``records`` is not a consistent collection.
        LoweringError: records lack what a row needs; every problem is listed.

    """
    collection = records if isinstance(records, EventCollection) else EventCollection(records)
    ordered = sorted(collection, key=lambda r: (r.date, r.time or dt.time.min, r.id))
    plans: list[RowPlan] = []
    unlowered: list[Unlowered] = []
    problems: list[str] = []
    for record in ordered:
        try:
            plan = _plan(record, collection)
        except LoweringError as error:
            problems.append(str(error))
            continue
        if isinstance(plan, Unlowered):
            unlowered.append(plan)
        else:
            plans.append(plan)
    rows = _number(plans, prefixes, start, timestamp, problems)
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        raise LoweringError(f"{len(problems)} record(s) cannot be lowered to ACLED:\n{listing}")
    return Lowering(rows=rows, unlowered=tuple(unlowered))


def lower_by_record(
    records: EventCollection | Iterable[BaseRecord],
    /,
    *,
    prefixes: Mapping[str, str] | None = None,
    start: int | Mapping[str, int] = 1,
    timestamp: int | None = None,
) -> dict[str, Event]:
    """Lower records to ACLED rows, keyed by the id of the record each row comes from.

    See :func:`lower_records` for the options. Records that give no row (unconfirmed,
    denied, threats, fully intercepted attacks coded in their interception's row) are
    absent; an :class:`UnloweredRecordsWarning` names each one and says why.

    Raises:
        IntegrityError: ``records`` is not a consistent collection.
        LoweringError: records lack what a row needs; every problem is listed.

    """
    result = lower_records(records, prefixes=prefixes, start=start, timestamp=timestamp)
    if result.unlowered:
        listing = "\n".join(f"  - {u}" for u in result.unlowered)
        warnings.warn(
            f"{len(result.unlowered)} record(s) give no ACLED row of their own "
            f"(lower_records() reports them without this warning):\n{listing}",
            UnloweredRecordsWarning,
            stacklevel=3,
        )
    return result.rows


def lower(
    records: EventCollection | Iterable[BaseRecord],
    /,
    *,
    prefixes: Mapping[str, str] | None = None,
    start: int | Mapping[str, int] = 1,
    timestamp: int | None = None,
) -> list[Event]:
    """Lower records to the ACLED rows they are coded as, in event-id order.

    See :func:`lower_records` for the options and :func:`lower_by_record` for the warning
    about records that give no row; the module docstring gives the mapping.
    """
    rows = lower_by_record(records, prefixes=prefixes, start=start, timestamp=timestamp)
    return list(rows.values())


def _number(
    plans: list[RowPlan],
    prefixes: Mapping[str, str] | None,
    start: int | Mapping[str, int],
    timestamp: int | None,
    problems: list[str],
) -> dict[str, Event]:
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
    return rows


def _plan(record: AnyRecord, collection: EventCollection) -> RowPlan | Unlowered:
    if record.report_status is not ReportStatus.CONFIRMED:
        return Unlowered(
            record.id,
            f"report status {record.report_status.value!r}: ACLED codes confirmed events only",
        )
    if isinstance(record, Attack):
        return _plan_attack(record, collection)
    return _plan_response(record, collection)


def _interceptions(attack: Attack, collection: EventCollection) -> list[Response]:
    """The confirmed interception responses answering the attack, in collection order."""
    return [
        r
        for r in collection.responses_to(attack.id)
        if isinstance(r, Response)
        and r.kind is ResponseKind.INTERCEPTION
        and r.report_status is ReportStatus.CONFIRMED
    ]


def _carrier(attack: Attack, collection: EventCollection) -> Response | None:
    """The interception response whose row codes the attack's interception, if any.

    The first confirmed interception answering it, when the attack was (partly)
    intercepted; other interceptions of the same attack give no second row.
    """
    if attack.report_status is not ReportStatus.CONFIRMED or attack.outcome not in _INTERCEPTED:
        return None
    found = _interceptions(attack, collection)
    return found[0] if found else None


def _plan_attack(attack: Attack, collection: EventCollection) -> RowPlan | Unlowered:
    place = place_of(attack, attack.place)
    attacker = attack.attacker or unidentified_armed_group(place.country)
    if attack.outcome is not Outcome.INTERCEPTED:
        return strike_row(attack, attacker, attack.target, place)
    carrier = _carrier(attack, collection)
    if carrier is not None:
        return Unlowered(
            attack.id,
            "fully intercepted: ACLED codes the interception, not a strike",
            coded_in=carrier.id,
        )
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
        notes=interception_notes(attack, attack.target, attacker, attack.description),
        assoc1=attack.target_associates,
        assoc2=attack.associates,
    )


def _plan_response(response: Response, collection: EventCollection) -> RowPlan | Unlowered:
    if response.kind is ResponseKind.RETALIATION:
        responder = _responder(response)
        return strike_row(response, responder, response.target, place_of(response, response.place))
    if response.kind is not ResponseKind.INTERCEPTION:
        return Unlowered(
            response.id, f"a {response.kind.value} response is words, not an ACLED event"
        )
    responder = _responder(response)
    attacks = [a for a in (collection[i] for i in response.responds_to) if isinstance(a, Attack)]
    carried = [a for a in attacks if _carrier(a, collection) is response]
    if not carried:
        return _no_interception_row(response, attacks, collection)
    first = carried[0]
    place = place_of(response, response.place or first.place)
    attacker = first.attacker or unidentified_armed_group(place.country)
    return RowPlan(
        record=response,
        sub_event=_S.DISRUPTED_WEAPONS_USE,
        actor1=responder,
        actor2=attacker,
        place=place,
        notes=interception_notes(first, responder, attacker, response.description),
        assoc1=response.associates,
        assoc2=first.associates,
        extra_sources=tuple(carried),
    )


def _no_interception_row(
    response: Response, attacks: list[Attack], collection: EventCollection
) -> Unlowered:
    carriers = [c for c in (_carrier(a, collection) for a in attacks) if c is not None]
    if carriers:
        return Unlowered(
            response.id,
            "another interception of the same attack already gives its Disrupted weapons use row",
            coded_in=carriers[0].id,
        )
    outcomes = ", ".join(sorted({a.outcome.value for a in attacks})) or "none"
    return Unlowered(
        response.id,
        f"no attack it answers was intercepted (outcomes: {outcomes}); set the attack's "
        "outcome to 'intercepted' or 'partially intercepted' if the interception succeeded",
    )


def _responder(response: Response) -> Actor:
    if response.responder is None:
        who = "the interceptor" if response.kind is ResponseKind.INTERCEPTION else "actor1"
        raise LoweringError(
            f"response {response.id!r} ({response.kind.value}) has no responder; ACLED needs "
            f"{who} as actor1: set responder=Actor(...), e.g. the air-defence operator"
        )
    return response.responder


def _prefix(plan: RowPlan, prefixes: Mapping[str, str] | None) -> str | None:
    place = plan.place
    if prefixes is not None and place.country in prefixes:
        return prefixes[place.country]
    try:
        return acled_prefix(place.iso)
    except ValueError:
        return place.country_code  # iso is not ISO 3166-1 (e.g. a body of water)
