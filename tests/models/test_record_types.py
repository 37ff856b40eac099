from __future__ import annotations

import datetime as dt
from typing import Literal

import pytest
from records_fixtures import IRAQ, place

from eventdata import (
    Actor,
    ActorType,
    Aircraft,
    AirDefence,
    BaseRecord,
    CounterRAM,
    Drone,
    EventCollection,
    Explosive,
    ExplosiveDevice,
    LoweringError,
    MistakenShootDown,
    SubEventType,
    WeaponsSeizure,
    lower_records,
    register_record_type,
)
from eventdata.models.acled_rows import RowPlan
from eventdata.models.record_types import record_models

IRAQI_ARMY = Actor(name="Military Forces of Iraq (2022-)", actor_type=ActorType.STATE_FORCES)
US = Actor(
    name="Military Forces of the United States (2021-)",
    actor_type=ActorType.EXTERNAL_OTHER_FORCES,
)
TARMIYAH = place(
    "At Tarmiyah", IRAQ, 33.6643, 44.3737, admin1="Baghdad", admin2="Al Kadhmiyah",
    admin3="Al Tarmiya", geo_precision=2,
)  # fmt: skip


def test_every_record_type_has_a_planner() -> None:
    assert list(record_models()) == [
        "attack",
        "response",
        "weapons_seizure",
        "mistaken_shoot_down",
    ]


AT_TARMIYAH = {"date": dt.date(2024, 1, 9), "place": TARMIYAH}
MILITIA = "Unidentified Armed Group (Iraq)"
DISRUPTED = SubEventType.DISRUPTED_WEAPONS_USE


def shot_down_by_us(
    downed: Drone | Aircraft, operator: Actor, weapon: AirDefence | CounterRAM
) -> MistakenShootDown:
    """US air defence downs one of ``operator``'s aircraft by mistake, at Tarmiyah."""
    return MistakenShootDown(
        id=f"friendly-{downed.kind}",
        shooter=US,
        operator=operator,
        weapons=(weapon,),
        downed=(downed,),
        **AT_TARMIYAH,
    )


@pytest.mark.parametrize(
    ("record", "sub_event", "actors", "interaction", "notes"),
    [
        # ACLED IRQ51209 (9 January 2024): the army seized a VBIED workshop of unknown militants
        (
            WeaponsSeizure(
                id="seizure",
                seized_by=IRAQI_ARMY,
                weapons=(Explosive(count=5, device=ExplosiveDevice.SUICIDE), Explosive(count=4)),
                **AT_TARMIYAH,
            ),
            DISRUPTED,
            (IRAQI_ARMY.name, MILITIA),
            "State forces-Political militia",
            "Weapons seizure: On 9 January 2024, Military Forces of Iraq (2022-) seized "
            "5 x explosive, 4 x explosive belonging to Unidentified Armed Group (Iraq) in "
            "At Tarmiyah.",
        ),
        (
            WeaponsSeizure(
                id="defusal",
                seized_by=IRAQI_ARMY,
                defused=True,
                description="On 9 January 2024, the army dismantled 8 explosive devices.",
                **AT_TARMIYAH,
            ),
            DISRUPTED,
            (IRAQI_ARMY.name, MILITIA),
            "State forces-Political militia",
            "Defusal: On 9 January 2024, the army dismantled 8 explosive devices.",
        ),
        (
            shot_down_by_us(Drone(count=1, armed=False), US, AirDefence()),
            DISRUPTED,
            (US.name, US.name),
            "External/Other forces-External/Other forces",
            "Interception: On 9 January 2024, Military Forces of the United States (2021-) "
            "shot down by mistake 1 x drone belonging to Military Forces of the United States "
            "(2021-) in At Tarmiyah.",
        ),
        (
            shot_down_by_us(Aircraft(system="F-16"), IRAQI_ARMY, CounterRAM()),
            SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK,
            (US.name, IRAQI_ARMY.name),
            "State forces-External/Other forces",
            "On 9 January 2024, Military Forces of the United States (2021-) shot down by "
            "mistake F-16 aircraft belonging to Military Forces of Iraq (2022-) in At Tarmiyah.",
        ),
    ],
    ids=lambda value: getattr(value, "id", None),
)
def test_seizures_and_shoot_downs_lower_as_acled_codes_them(
    record: WeaponsSeizure | MistakenShootDown,
    sub_event: SubEventType,
    actors: tuple[str, str],
    interaction: str,
    notes: str,
) -> None:
    (row,) = lower_records([record]).events

    assert row.sub_event_type is sub_event
    assert (row.actor1, row.actor2) == actors
    assert row.interaction == interaction
    assert row.notes == notes
    assert row.fatalities == 0


def test_a_shoot_down_needs_what_was_downed() -> None:
    with pytest.raises(ValueError, match="downed"):
        MistakenShootDown(id="x", date=dt.date(2024, 2, 1), shooter=US, operator=US, downed=())


class Sabotage(BaseRecord):
    record_type: Literal["sabotage"] = "sabotage"
    saboteur: Actor


def test_a_record_type_without_a_planner_fails_loudly() -> None:
    record = Sabotage(id="s1", date=dt.date(2024, 1, 1), place=TARMIYAH, saboteur=US)

    with pytest.raises(LoweringError, match="record type 'sabotage' has no lowering planner"):
        lower_records(EventCollection([record]))


@pytest.fixture
def scratch_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register test types in a copy of the registry, dropped after the test."""
    from eventdata.models import record_types

    monkeypatch.setattr(record_types, "_REGISTRY", dict(record_types._REGISTRY))


@pytest.mark.usefixtures("scratch_registry")
def test_a_registered_record_type_lowers_with_its_planner() -> None:
    class Blockade(BaseRecord):
        record_type: Literal["blockade_test"] = "blockade_test"
        blocker: Actor

    def plan(record: Blockade, collection: EventCollection) -> RowPlan:
        assert record.place is not None
        return RowPlan(
            record=record,
            sub_event=SubEventType.OTHER,
            actor1=record.blocker,
            actor2=None,
            place=record.place,
            notes="Blockade.",
        )

    register_record_type(Blockade, plan)
    record = Blockade(id="b1", date=dt.date(2024, 1, 1), place=TARMIYAH, blocker=IRAQI_ARMY)

    (row,) = lower_records([record]).events

    assert (row.sub_event_type, row.actor1, row.notes) == (
        SubEventType.OTHER,
        IRAQI_ARMY.name,
        "Blockade.",
    )
    assert record_models()["blockade_test"] is Blockade


def test_test_types_do_not_stay_registered() -> None:
    assert "blockade_test" not in record_models()


@pytest.mark.usefixtures("scratch_registry")
def test_a_record_type_name_cannot_be_taken_twice() -> None:
    class OtherAttack(BaseRecord):
        record_type: Literal["attack"] = "attack"

    with pytest.raises(ValueError, match="record_type 'attack' is already Attack"):
        register_record_type(OtherAttack, lambda record, collection: None)  # type: ignore[arg-type,return-value]


def test_the_record_union_holds_every_built_in_type() -> None:
    import typing

    from eventdata import Record
    from eventdata.models.record_types import BUILT_IN

    union = typing.get_args(Record)[0]

    assert set(typing.get_args(union)) == set(BUILT_IN)
