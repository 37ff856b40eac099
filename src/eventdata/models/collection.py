"""A checked set of rich records: unique ids, resolvable links, responses after their causes."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from eventdata.exceptions import IntegrityError
from eventdata.models.records import Attack, BaseRecord, Response
from eventdata.vocabulary.codebook import TimePrecision

__all__ = ["EventCollection", "integrity_problems"]

AnyRecord = BaseRecord


def _window(record: BaseRecord) -> tuple[dt.date, dt.date]:
    """Earliest and latest day the record can have happened, given its date precision."""
    day = record.date
    if record.date_precision is TimePrecision.WEEK:
        return day - dt.timedelta(days=3), day + dt.timedelta(days=3)
    if record.date_precision is TimePrecision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return day, day


def _before(later: BaseRecord, earlier: BaseRecord) -> bool:
    """Whether ``later`` certainly happened before ``earlier`` (so cannot answer it)."""
    later_last = _window(later)[1]
    earlier_first = _window(earlier)[0]
    if later_last != earlier_first:
        return later_last < earlier_first
    both_days = later.date_precision is earlier.date_precision is TimePrecision.DAY
    if both_days and later.time is not None and earlier.time is not None:
        return later.time < earlier.time
    return False


def integrity_problems(records: Sequence[BaseRecord], /) -> list[str]:
    """Every integrity problem of a list of records, as messages naming the ids.

    Checks: ids are unique; every ``responds_to`` and ``related`` id is present; a record
    is not dated before a record it responds to.

    Args:
        records: attacks and responses.

    Returns:
        One message per problem, in record order; empty when the records are consistent.

    """
    problems: list[str] = []
    by_id: dict[str, BaseRecord] = {}
    positions: dict[str, list[int]] = {}
    for position, record in enumerate(records):
        positions.setdefault(record.id, []).append(position)
        by_id.setdefault(record.id, record)
    for record_id, where in positions.items():
        if len(where) > 1:
            problems.append(
                f"duplicate id {record_id!r} at positions {', '.join(map(str, where))}: "
                "give each record its own id (stable_id() derives one from identifying fields)"
            )
    for record in records:
        for field, targets in (("responds_to", record.responds_to), ("related", record.related)):
            for target_id in targets:
                target = by_id.get(target_id)
                if target is None:
                    problems.append(
                        f"{_kind(record)} {record.id!r}: {field} names {target_id!r}, "
                        "which is not in the collection; add that record or remove the id"
                    )
                elif field == "responds_to" and _before(record, target):
                    problems.append(
                        f"{_kind(record)} {record.id!r} dated {_when(record)} responds to "
                        f"{_kind(target)} {target_id!r} dated {_when(target)}: a response "
                        "cannot precede what it answers; fix either date or the link"
                    )
    return problems


def _kind(record: BaseRecord) -> str:
    return record.record_type.replace("_", " ")


def _when(record: BaseRecord) -> str:
    text = record.date.isoformat()
    if record.time is not None:
        text += f" {record.time.isoformat(timespec='minutes')}"
    if record.date_precision is not TimePrecision.DAY:
        text += f" (precision {record.date_precision.name.lower()})"
    return text


class EventCollection:
    """Records (attacks, responses, ...) that have passed the integrity checks.

    Building a collection checks it and raises :class:`~eventdata.IntegrityError` listing
    every problem at once, each naming the ids involved. Records keep their given order.

    Example:
        >>> collection = EventCollection([attack, interception])  # doctest: +SKIP
        >>> collection.responses_to(attack.id)  # doctest: +SKIP
        (Response(id='...', kind=<ResponseKind.INTERCEPTION: 'interception'>, ...),)

    Raises:
        IntegrityError: duplicate ids, a ``responds_to`` or ``related`` id missing, or a
            record dated before a record it responds to.

    """

    __slots__ = ("_by_id", "_records")

    def __init__(self, records: Iterable[BaseRecord] = (), /) -> None:
        items: list[AnyRecord] = []
        for position, record in enumerate(records):
            if not isinstance(record, BaseRecord):
                raise TypeError(
                    f"EventCollection holds records (Attack, Response, ...); item {position} "
                    f"is {type(record).__name__}"
                )
            items.append(record)
        problems = integrity_problems(items)
        if problems:
            listing = "\n".join(f"  - {p}" for p in problems)
            raise IntegrityError(
                f"{len(problems)} integrity problem(s) in {len(items)} records:\n{listing}"
            )
        self._records = tuple(items)
        self._by_id = {record.id: record for record in items}

    def __iter__(self) -> Iterator[AnyRecord]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._by_id

    def __getitem__(self, record_id: str) -> AnyRecord:
        try:
            return self._by_id[record_id]
        except KeyError:
            raise KeyError(f"no record with id {record_id!r} in the collection") from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EventCollection):
            return NotImplemented
        return self._records == other._records

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        others = len(self._records) - len(self.attacks) - len(self.responses)
        more = f", {others} other records" if others else ""
        return (
            f"EventCollection({len(self.attacks)} attacks, {len(self.responses)} responses{more})"
        )

    def _repr_html_(self) -> str:
        from eventdata._display import Detail, html_view

        def _kind(record: AnyRecord) -> str:
            kind = getattr(record, "kind", None)
            return f"{record.record_type} ({kind.value})" if kind else record.record_type

        shown = self._records[:20]
        return html_view(
            "EventCollection",
            [("attacks", len(self.attacks)), ("responses", len(self.responses))],
            details=[
                Detail(
                    "Records",
                    ("id", "record", "date", "place", "responds to"),
                    [
                        (
                            r.id,
                            _kind(r),
                            r.date.isoformat(),
                            r.place.name if r.place else None,
                            ", ".join(r.responds_to) or None,
                        )
                        for r in shown
                    ],
                    total=len(self._records),
                )
            ],
        )

    @property
    def records(self) -> tuple[AnyRecord, ...]:
        """All records, in the order given."""
        return self._records

    @property
    def attacks(self) -> tuple[Attack, ...]:
        """The attacks, in order."""
        return tuple(r for r in self._records if isinstance(r, Attack))

    @property
    def responses(self) -> tuple[Response, ...]:
        """The responses, in order."""
        return tuple(r for r in self._records if isinstance(r, Response))

    def responses_to(self, record_id: str, /) -> tuple[AnyRecord, ...]:
        """Return the records whose ``responds_to`` names ``record_id``, in order."""
        return tuple(r for r in self._records if record_id in r.responds_to)

    def chain(self, record_id: str, /) -> list[tuple[int, AnyRecord]]:
        """Return the record and everything that answers it, transitively, with depths.

        Depth-first, in collection order; each record appears once.

        Returns:
            ``(depth, record)`` pairs starting with ``(0, self[record_id])``.

        """
        out: list[tuple[int, AnyRecord]] = []
        seen: set[str] = set()

        def visit(record: AnyRecord, depth: int) -> None:
            if record.id in seen:
                return
            seen.add(record.id)
            out.append((depth, record))
            for answer in self.responses_to(record.id):
                visit(answer, depth + 1)

        visit(self[record_id], 0)
        return out
