from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventdata import Attack, EventCollection, IntegrityError, Response
from eventdata.models.collection import integrity_problems
from eventdata.models.records import ResponseKind
from eventdata.vocabulary.codebook import TimePrecision


def attack(record_id: str, day: int = 5, **fields: Any) -> Attack:
    return Attack(id=record_id, date=dt.date(2021, 7, day), **fields)


def response(record_id: str, answers: tuple[str, ...], day: int = 6, **fields: Any) -> Response:
    return Response(
        id=record_id,
        kind=ResponseKind.RETALIATION,
        date=dt.date(2021, 7, day),
        responds_to=answers,
        **fields,
    )


def test_consistent_collection_keeps_order_and_finds_records() -> None:
    records = [attack("a1"), response("r1", ("a1",)), response("r2", ("r1",), day=7)]

    collection = EventCollection(records)

    assert list(collection) == records
    assert len(collection) == 3
    assert collection["r1"] is records[1]
    assert "a1" in collection
    assert collection.attacks == (records[0],)
    assert collection.responses == (records[1], records[2])
    assert collection.responses_to("a1") == (records[1],)


def test_chain_follows_responses_transitively() -> None:
    collection = EventCollection(
        [attack("a1"), response("r1", ("a1",)), response("r2", ("r1",), day=7), attack("a2")]
    )

    chain = [(depth, record.id) for depth, record in collection.chain("a1")]

    assert chain == [(0, "a1"), (1, "r1"), (2, "r2")]


def test_unknown_id_names_it() -> None:
    collection = EventCollection([attack("a1")])

    with pytest.raises(KeyError, match="no record with id 'zz'"):
        collection["zz"]


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        (
            [attack("a1"), attack("a1", day=6)],
            ["duplicate id 'a1' at positions 0, 1"],
        ),
        (
            [response("r1", ("missing",))],
            ["response 'r1': responds_to names 'missing', which is not in the collection"],
        ),
        (
            [attack("a1", related=("a9",))],
            ["attack 'a1': related names 'a9', which is not in the collection"],
        ),
        (
            [attack("a1", day=6), response("r1", ("a1",), day=5)],
            ["response 'r1' dated 2021-07-05 responds to attack 'a1' dated 2021-07-06"],
        ),
        (
            [
                attack("a1", time=dt.time(22, 30)),
                response("r1", ("a1",), day=5, time=dt.time(21, 0)),
            ],
            ["response 'r1' dated 2021-07-05 21:00 responds to attack 'a1' dated 2021-07-05 22:30"],
        ),
    ],
)
def test_integrity_problem_names_the_ids(records: list[Any], expected: list[str]) -> None:
    problems = integrity_problems(records)

    assert len(problems) == len(expected)
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(start)


@pytest.mark.parametrize(
    ("target_precision", "response_day"),
    [
        (TimePrecision.WEEK, 4),  # the attack's week may start on the 2nd
        (TimePrecision.MONTH, 1),  # the attack may be any day of July
    ],
)
def test_imprecise_dates_are_not_reported_as_out_of_order(
    target_precision: TimePrecision, response_day: int
) -> None:
    records = [
        attack("a1", day=5, date_precision=target_precision),
        response("r1", ("a1",), day=response_day),
    ]

    assert integrity_problems(records) == []


def test_same_day_without_times_is_not_out_of_order() -> None:
    records = [attack("a1", day=6), response("r1", ("a1",), day=6)]

    assert integrity_problems(records) == []


def test_collection_reports_every_problem_at_once() -> None:
    records = [
        attack("a1", day=6),
        attack("a1", day=7),
        response("r1", ("a1", "ghost")),
        response("r2", ("a1",), day=2),
    ]

    with pytest.raises(IntegrityError) as caught:
        EventCollection(records)

    assert str(caught.value).splitlines() == [
        "3 integrity problem(s) in 4 records:",
        "  - duplicate id 'a1' at positions 0, 1: give each record its own id (stable_id() "
        "derives one from identifying fields)",
        "  - response 'r1': responds_to names 'ghost', which is not in the collection; add "
        "that record or remove the id",
        "  - response 'r2' dated 2021-07-02 responds to attack 'a1' dated 2021-07-06: a "
        "response cannot precede what it answers; fix either date or the link",
    ]


def test_collection_rejects_non_records() -> None:
    with pytest.raises(TypeError, match="item 1 is dict"):
        EventCollection([attack("a1"), {"id": "a2"}])  # type: ignore[list-item]


def test_collections_compare_by_records() -> None:
    assert EventCollection([attack("a1")]) == EventCollection([attack("a1")])
    assert EventCollection([attack("a1")]) != EventCollection([attack("a2")])
