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
- Weapons seizure: Disrupted weapons use, the seizing actor as actor1, the owner as actor2,
  notes beginning ``Weapons seizure:`` (``Defusal:``). Mistaken shoot-down of a friendly
  drone: Disrupted weapons use, ``Interception:``; of a crewed aircraft: Shelling/artillery/
  missile attack, as ACLED codes a shot-down aircraft.

Records that give no row are never dropped without a word: :func:`lower_records` lists
each with the reason (and the record whose row codes it, if any), and :func:`lower` and
:func:`lower_by_record` warn with :class:`UnloweredRecordsWarning`.

When several weapons are used, ACLED's precedence order within Explosions/Remote violence
picks the sub-event type (Air/drone strike before Shelling before IED). Interaction codes
always come from the actors' types. Lowering is deterministic: records are numbered in
(date, time, id) order.

Each record type has one planner (:mod:`eventdata.models.planners`), registered with its
model in :mod:`eventdata.models.record_types`; a record whose type has none raises
:class:`LoweringError`. This module runs the planners and numbers the rows;
:mod:`eventdata.models.acled_rows` codes a planned row (sub-event type, notes, sources) as
an :class:`~eventdata.Event`.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from eventdata._warn import outside_stacklevel
from eventdata.exceptions import LoweringError, UnloweredRecordsWarning
from eventdata.models.acled_rows import RowPlan, Unlowered, event_row, sub_event_type_of
from eventdata.models.collection import EventCollection
from eventdata.models.event import Event
from eventdata.models.record_types import record_type_of
from eventdata.models.records import BaseRecord, ReportStatus
from eventdata.vocabulary.acled_countries import acled_prefix

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
            stacklevel=outside_stacklevel(),
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


def _plan(record: BaseRecord, collection: EventCollection) -> RowPlan | Unlowered:
    planner = record_type_of(record).planner  # raises for a type without a planner
    if record.report_status is not ReportStatus.CONFIRMED:
        return Unlowered(
            record.id,
            f"report status {record.report_status.value!r}: ACLED codes confirmed events only",
        )
    return planner(record, collection)


def _prefix(plan: RowPlan, prefixes: Mapping[str, str] | None) -> str | None:
    place = plan.place
    if prefixes is not None and place.country in prefixes:
        return prefixes[place.country]
    try:
        return acled_prefix(place.iso)
    except ValueError:
        return place.country_code  # iso is not ISO 3166-1 (e.g. a body of water)
