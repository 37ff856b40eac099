"""A count a source states, typed so it can be checked against the data.

"This marks 47 attacks in 2021 so far against US interests in Iraq" is a :class:`Tally`:
what is counted (sub-event types, the actors on the target side), where (country, admin1),
over which period, by whom, and the number. :meth:`Tally.check` counts the matching ACLED
rows of a collection, a list of events or an ACLED table and says which rows count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, Field, model_validator

from eventdata.models.record_parts import Source, _Frozen, _NonNegative
from eventdata.vocabulary.codebook import SubEventType

__all__ = ["Tally", "TallyCheck", "name_stem"]

_PERIOD = re.compile(r"\s*\((\d{4})-(\d{4})?\)\s*$")
_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "country",
    "admin1",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
)


def name_stem(name: str) -> str:
    """An ACLED actor name without its period suffix: ``... United States (2021-)`` -> ``...``."""
    return _PERIOD.sub("", name).strip()


class Tally(BaseModel):
    """A number of events a source states, and what it counts.

    Example:
        >>> tally = Tally(count=47, what="attacks on US interests", country="Iraq",
        ...               start=dt.date(2021, 1, 1), end=dt.date(2021, 7, 6),
        ...               targets=("Military Forces of the United States",))  # doctest: +SKIP

    ``targets`` are actor names on the target side of a row (actor2 and its associates; the
    interceptor, actor1, on Disrupted weapons use rows), compared without ACLED's period
    suffix, so ``Military Forces of the United States`` counts every period's name.
    Empty ``sub_event_types`` and ``targets`` count every row.
    """

    model_config = _Frozen

    count: _NonNegative = Field(description="The number the source states.")
    what: Annotated[str, Field(min_length=1)] = Field(
        description="What is counted, e.g. 'attacks on US interests'."
    )
    start: dt.date = Field(description="First day of the counted period.")
    end: dt.date = Field(description="Last day of the counted period (inclusive).")
    country: str | None = Field(default=None, description="Only rows in this country.")
    admin1: str | None = Field(default=None, description="Only rows in this admin1.")
    sub_event_types: tuple[SubEventType, ...] = Field(
        default=(), description="Only rows of these ACLED sub-event types; empty: all."
    )
    targets: tuple[str, ...] = Field(
        default=(), description="Actor names on the target side; empty: any actor."
    )
    by: str | None = Field(default=None, description="Who counts, e.g. 'AFP'.")
    source: Source | None = None
    text: str | None = Field(default=None, description="The statement as reported.")

    @model_validator(mode="after")
    def _period(self) -> Tally:
        if self.start > self.end:
            raise ValueError(
                f"tally {self.what!r}: start {self.start} is after end {self.end}; swap them"
            )
        return self

    def check(self, events: Any, /) -> TallyCheck:
        """Count the ACLED rows this tally counts.

        Args:
            events: an :class:`~eventdata.EventCollection` or records (lowered first),
                :class:`~eventdata.Event` objects, or an ACLED table (pyarrow Table or
                pandas DataFrame with ACLED's columns).

        Returns:
            The claimed and found numbers and the event ids of the rows that count.

        Raises:
            TypeError: ``events`` is none of these.

        """
        rows = [r for r in _rows(events) if self._counts(r)]
        ids = tuple(str(r["event_id_cnty"]) for r in rows)
        return TallyCheck(tally=self, found=len(rows), event_ids=ids)

    def _counts(self, row: Mapping[str, Any]) -> bool:
        day = _date(row["event_date"])
        if day is None or not self.start <= day <= self.end:
            return False
        if self.country is not None and row["country"] != self.country:
            return False
        if self.admin1 is not None and row["admin1"] != self.admin1:
            return False
        sub_event = str(row["sub_event_type"])
        if self.sub_event_types and sub_event not in {s.value for s in self.sub_event_types}:
            return False
        if not self.targets:
            return True
        side = ("actor1", "assoc_actor_1")
        if sub_event != SubEventType.DISRUPTED_WEAPONS_USE.value:
            side = ("actor2", "assoc_actor_2")
        names = {name_stem(n) for column in side for n in _names(row[column])}
        return bool(names & {name_stem(t) for t in self.targets})


@dataclass(frozen=True)
class TallyCheck:
    """What :meth:`Tally.check` found.

    Attributes:
        tally: the tally checked.
        found: how many rows count.
        event_ids: the ``event_id_cnty`` of each row that counts, in input order.

    """

    tally: Tally
    found: int
    event_ids: tuple[str, ...]

    @property
    def claimed(self) -> int:
        """The number the source states."""
        return self.tally.count

    @property
    def agrees(self) -> bool:
        """Whether the rows found are as many as claimed."""
        return self.found == self.claimed

    def __str__(self) -> str:
        t = self.tally
        where = ", ".join(p for p in (t.admin1, t.country) if p)
        scope = f"{where}, " if where else ""
        listed = ", ".join(self.event_ids[:10]) + (", ..." if len(self.event_ids) > 10 else "")
        return (
            f"{t.what} ({scope}{t.start} to {t.end}): claimed {self.claimed}, found "
            f"{self.found}" + (f" ({listed})" if listed else "")
        )


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or str(value) in ("", "NaT", "nan", "None"):
        return None
    return dt.date.fromisoformat(str(value)[:10])


def _rows(events: Any) -> list[dict[str, Any]]:
    """The ACLED rows of any input :meth:`Tally.check` takes, as dicts of the needed columns."""
    import pyarrow as pa

    from eventdata.models.event import Event

    if hasattr(events, "to_pandas") and hasattr(events, "column_names"):
        table = events
    elif hasattr(events, "columns") and hasattr(events, "to_dict"):
        table = pa.Table.from_pandas(events, preserve_index=False)
    else:
        items = list(events) if isinstance(events, Iterable) else None
        if items is None:
            raise TypeError(f"cannot count rows of {type(events).__name__}")
        if items and not all(isinstance(i, Event) for i in items):
            from eventdata.models.lowering import lower_records

            items = lower_records(items).events
        return [{c: getattr(e, c) for c in _COLUMNS} for e in items]
    missing = [c for c in _COLUMNS if c not in table.column_names]
    if missing:
        raise TypeError(f"the table lacks ACLED columns {missing}; pass an ACLED table")
    rows: list[dict[str, Any]] = table.select(list(_COLUMNS)).to_pylist()
    return rows
