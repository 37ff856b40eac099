from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from records_fixtures import GREEN_ZONE
from records_full import IRAQI_ARMY, US

from eventdata import (
    Attack,
    Drone,
    Outcome,
    Response,
    ResponseKind,
    Rocket,
    SubEventType,
    Tally,
    lower_records,
)

TALLY = Tally(
    count=47,
    what="attacks on US interests",
    country="Iraq",
    start=dt.date(2021, 1, 1),
    end=dt.date(2021, 7, 6),
    targets=("Military Forces of the United States",),
    by="AFP",
)


def records() -> list[Attack | Response]:
    return [
        Attack(id="rockets", date=dt.date(2021, 7, 5), place=GREEN_ZONE, target=US,
               weapons=(Rocket(),), outcome=Outcome.IMPACTED),
        Attack(id="drone", date=dt.date(2021, 7, 6), place=GREEN_ZONE, target=US,
               weapons=(Drone(),), outcome=Outcome.INTERCEPTED, launched=1, intercepted=1),
        Response(id="c-ram", kind=ResponseKind.INTERCEPTION, date=dt.date(2021, 7, 6),
                 responder=US, place=GREEN_ZONE, responds_to=("drone",)),
        Attack(id="iraqi-target", date=dt.date(2021, 7, 6), place=GREEN_ZONE, target=IRAQI_ARMY,
               weapons=(Rocket(),), outcome=Outcome.IMPACTED),
        Attack(id="later", date=dt.date(2021, 7, 7), place=GREEN_ZONE, target=US,
               weapons=(Rocket(),), outcome=Outcome.IMPACTED),
    ]  # fmt: skip


def test_a_tally_counts_the_rows_against_its_targets_in_its_period() -> None:
    check = TALLY.check(records())

    assert (check.claimed, check.found, check.event_ids) == (47, 2, ("IRQ1", "IRQ2"))
    assert not check.agrees
    assert str(check) == (
        "attacks on US interests (Iraq, 2021-01-01 to 2021-07-06): claimed 47, found 2 (IRQ1, IRQ2)"
    )


def test_a_tally_checks_events_and_acled_tables_alike() -> None:
    events = lower_records(records()).events
    table = pa.Table.from_pylist([e.to_acled() for e in events])

    assert TALLY.check(events).event_ids == ("IRQ1", "IRQ2")
    assert TALLY.check(table).event_ids == ("IRQ1", "IRQ2")
    assert TALLY.check(table.to_pandas()).event_ids == ("IRQ1", "IRQ2")


def test_a_tally_filters_by_sub_event_type() -> None:
    interceptions = TALLY.model_copy(
        update={"sub_event_types": (SubEventType.DISRUPTED_WEAPONS_USE,), "count": 1}
    )

    check = interceptions.check(records())

    assert (check.found, check.agrees) == (1, True)


def test_a_tally_period_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="start 2021-07-06 is after end 2021-01-01; swap"):
        Tally(count=1, what="x", start=dt.date(2021, 7, 6), end=dt.date(2021, 1, 1))


def test_a_table_without_acled_columns_is_refused() -> None:
    with pytest.raises(TypeError, match="lacks ACLED columns"):
        TALLY.check(pa.table({"a": [1]}))
