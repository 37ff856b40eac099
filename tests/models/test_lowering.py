from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from records_fixtures import ABU_KAMAL, ABUJA, GREEN_ZONE

from eventdata import (
    Actor,
    ActorType,
    Aircraft,
    AirDefence,
    Artillery,
    Attack,
    Casualties,
    CounterRAM,
    Drone,
    Event,
    Explosive,
    Firearm,
    LoweringError,
    Missile,
    Mortar,
    Outcome,
    Place,
    Response,
    Rocket,
    Source,
    SubEventType,
    UnloweredRecordsWarning,
    lower,
    lower_records,
)
from eventdata.models.lowering import lower_by_record, sub_event_type_of
from eventdata.models.records import Estimate, ReportStatus, ResponseKind
from eventdata.models.weapons import DroneAirframe, ExplosiveDevice, MissileType

S = SubEventType
US = Actor(
    name="Military Forces of the United States (2021-)",
    actor_type=ActorType.EXTERNAL_OTHER_FORCES,
)
KH = Actor(name="Kata'ib Hezbollah", actor_type=ActorType.POLITICAL_MILITIA)
VILLAGERS = Actor(name="Civilians (Iraq)", actor_type=ActorType.CIVILIANS)


def attack(record_id: str = "a1", **fields: Any) -> Attack:
    values: dict[str, Any] = {
        "date": dt.date(2021, 7, 6),
        "place": GREEN_ZONE,
        "target": US,
        "weapons": (Drone(armed=True),),
    }
    values.update(fields)
    return Attack(id=record_id, **values)


def interception(answers: tuple[str, ...] = ("a1",), **fields: Any) -> Response:
    values: dict[str, Any] = {
        "kind": ResponseKind.INTERCEPTION,
        "date": dt.date(2021, 7, 6),
        "responder": US,
        "weapons": (CounterRAM(system="Centurion"),),
        "responds_to": answers,
    }
    values.update(fields)
    return Response(id="r1", **values)


def only_row(records: list[Any], **options: Any) -> Event:
    rows = lower(records, **options)
    assert len(rows) == 1
    return rows[0]


@pytest.mark.parametrize(
    ("weapon", "expected"),
    [
        (Drone(armed=True, airframe=DroneAirframe.MULTIROTOR), S.AIR_DRONE_STRIKE),
        (Drone(airframe=DroneAirframe.ONE_WAY_ATTACK), S.AIR_DRONE_STRIKE),
        (Aircraft(system="F-15E"), S.AIR_DRONE_STRIKE),
        (Rocket(system="122 mm Grad"), S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        (Mortar(calibre_mm=82), S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        (Missile(missile_type=MissileType.BALLISTIC), S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        (Missile(missile_type=MissileType.ANTI_TANK_GUIDED), S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        (Artillery(calibre_mm=155), S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        (Explosive(device=ExplosiveDevice.IED), S.REMOTE_EXPLOSIVE_LANDMINE_IED),
        (Explosive(device=ExplosiveDevice.VBIED), S.REMOTE_EXPLOSIVE_LANDMINE_IED),
        (Explosive(device=ExplosiveDevice.LANDMINE), S.REMOTE_EXPLOSIVE_LANDMINE_IED),
        (Explosive(device=ExplosiveDevice.GRENADE), S.GRENADE),
        (Explosive(device=ExplosiveDevice.SUICIDE), S.SUICIDE_BOMB),
        (Firearm(), S.ARMED_CLASH),
    ],
)
def test_attack_weapon_gives_acled_sub_event(weapon: Any, expected: SubEventType) -> None:
    row = only_row([attack(weapons=(weapon,), outcome=Outcome.IMPACTED)])

    assert row.sub_event_type is expected
    assert row.event_type is expected.event_type
    assert row.disorder_type is expected.disorder_type


@pytest.mark.parametrize(
    ("weapons", "expected"),
    [
        ((Rocket(), Drone(armed=True)), S.AIR_DRONE_STRIKE),
        ((Explosive(), Mortar()), S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        ((Firearm(), Explosive(device=ExplosiveDevice.GRENADE)), S.GRENADE),
        ((CounterRAM(), AirDefence(), Firearm()), None),
        ((Drone(armed=False),), None),
    ],
)
def test_precedence_between_weapons(
    weapons: tuple[Any, ...], expected: SubEventType | None
) -> None:
    assert sub_event_type_of(weapons) is expected


def test_firearms_against_civilians_is_violence_against_civilians() -> None:
    row = only_row([attack(weapons=(Firearm(),), target=VILLAGERS)])

    assert row.sub_event_type is S.ATTACK
    assert row.civilian_targeting == "Civilian targeting"
    assert row.interaction == "Political militia-Civilians"


@pytest.mark.parametrize(
    ("outcome", "counts"),
    [
        (Outcome.IMPACTED, {"launched": 2, "impacted": 2}),
        (Outcome.FAILED, {}),
        (Outcome.CRASHED, {}),
        (Outcome.UNKNOWN, {}),
    ],
)
def test_outcomes_other_than_interception_give_a_strike_row_and_report_the_response(
    outcome: Outcome, counts: dict[str, Any]
) -> None:
    records = [attack(outcome=outcome, **counts), interception()]

    result = lower_records(records)

    assert list(result.rows) == ["a1"]
    row = result.rows["a1"]
    assert row.sub_event_type is S.AIR_DRONE_STRIKE
    assert (row.actor1, row.actor2) == ("Unidentified Armed Group (Iraq)", US.name)
    assert [(u.record_id, u.coded_in) for u in result.unlowered] == [("r1", None)]
    assert result.unlowered[0].reason.startswith(
        f"no attack it answers was intercepted (outcomes: {outcome.value})"
    )


def test_partial_interception_gives_the_strike_row_and_the_interception_row() -> None:
    # ACLED coded the 20 Dec 2020 Green Zone rocket attack as these two rows
    rockets = attack(
        date=dt.date(2020, 12, 20),
        weapons=(Rocket(count=8, system="107 mm"),),
        outcome=Outcome.PARTIALLY_INTERCEPTED,
        launched=8,
        intercepted=2,
        impacted=6,
    )
    c_ram = interception(date=dt.date(2020, 12, 20))

    result = lower_records([c_ram, rockets])

    assert result.unlowered == ()
    assert {k: (v.event_id_cnty, v.sub_event_type) for k, v in result.rows.items()} == {
        "a1": ("IRQ1", S.SHELLING_ARTILLERY_MISSILE_ATTACK),
        "r1": ("IRQ2", S.DISRUPTED_WEAPONS_USE),
    }
    strike, intercept = result.rows["a1"], result.rows["r1"]
    assert (strike.actor1, strike.actor2) == ("Unidentified Armed Group (Iraq)", US.name)
    assert (intercept.actor1, intercept.actor2) == (US.name, "Unidentified Armed Group (Iraq)")
    assert intercept.notes == (
        "Interception: On 20 December 2020, Military Forces of the United States (2021-) "
        "intercepted 2 of 8 x 107 mm rocket launched by Unidentified Armed Group (Iraq) at "
        "Military Forces of the United States (2021-) in Baghdad - Green Zone."
    )


def test_full_interception_gives_one_disrupted_weapons_use_row() -> None:
    records = [attack(outcome=Outcome.INTERCEPTED, launched=1, intercepted=1), interception()]

    result = lower_records(records)

    assert list(result.rows) == ["r1"]
    assert [(u.record_id, u.coded_in) for u in result.unlowered] == [("a1", "r1")]
    row = result.rows["r1"]
    assert row.sub_event_type is S.DISRUPTED_WEAPONS_USE
    assert row.event_type.value == "Strategic developments"
    assert (row.actor1, row.inter1) == (US.name, ActorType.EXTERNAL_OTHER_FORCES)
    assert (row.actor2, row.inter2) == (
        "Unidentified Armed Group (Iraq)",
        ActorType.POLITICAL_MILITIA,
    )
    assert row.interaction == "Political militia-External/Other forces"
    assert row.notes == (
        "Interception: On 6 July 2021, Military Forces of the United States (2021-) "
        "intercepted 1 x drone launched by Unidentified Armed Group (Iraq) at "
        "Military Forces of the United States (2021-) in Baghdad - Green Zone."
    )
    assert (row.location, row.latitude, row.longitude) == ("Baghdad - Green Zone", 33.299, 44.396)


def test_interception_notes_use_the_description_when_there_is_one() -> None:
    records = [
        attack(outcome=Outcome.INTERCEPTED),
        interception(description="C-RAM took out the drone."),
    ]

    assert lower_records(records).rows["r1"].notes == "Interception: C-RAM took out the drone."


def test_interception_without_response_uses_the_target_as_interceptor() -> None:
    row = only_row([attack(outcome=Outcome.INTERCEPTED, target_description="the embassy")])

    assert row.sub_event_type is S.DISRUPTED_WEAPONS_USE
    assert (row.actor1, row.actor2) == (US.name, "Unidentified Armed Group (Iraq)")
    assert row.notes == (
        f"Interception: On 6 July 2021, {US.name} intercepted drone launched by "
        "Unidentified Armed Group (Iraq) at the embassy in Baghdad - Green Zone."
    )


@pytest.mark.parametrize("outcome", [Outcome.INTERCEPTED, Outcome.PARTIALLY_INTERCEPTED])
def test_two_interceptions_of_one_attack_give_one_interception_row(outcome: Outcome) -> None:
    ew = interception(weapons=(AirDefence(system="jammer"),)).model_copy(update={"id": "r2"})

    result = lower_records([attack(outcome=outcome), interception(), ew])

    assert [r.sub_event_type for r in result.rows.values()].count(S.DISRUPTED_WEAPONS_USE) == 1
    assert "r1" in result.rows
    assert ("r2", "r1") in [(u.record_id, u.coded_in) for u in result.unlowered]


def test_interception_answering_an_interception_and_a_partial_one() -> None:
    records = [
        attack("a1", outcome=Outcome.INTERCEPTED),
        attack("a2", outcome=Outcome.PARTIALLY_INTERCEPTED, weapons=(Rocket(),)),
        interception(("a1", "a2")),
    ]

    result = lower_records(records)

    assert {k: v.sub_event_type for k, v in result.rows.items()} == {
        "a2": S.SHELLING_ARTILLERY_MISSILE_ATTACK,
        "r1": S.DISRUPTED_WEAPONS_USE,
    }
    assert result.rows["r1"].actor1 == US.name
    assert [(u.record_id, u.coded_in) for u in result.unlowered] == [("a1", "r1")]


def test_interception_with_nobody_to_name_is_an_error() -> None:
    with pytest.raises(LoweringError, match="attack 'a1' was intercepted but nobody"):
        lower([attack(outcome=Outcome.INTERCEPTED, target=None)])


@pytest.mark.parametrize("outcome", [Outcome.INTERCEPTED, Outcome.PARTIALLY_INTERCEPTED])
def test_interception_response_without_responder_is_an_error(outcome: Outcome) -> None:
    records = [attack(outcome=outcome), interception(responder=None)]

    with pytest.raises(LoweringError, match=r"response 'r1' \(interception\) has no responder"):
        lower_records(records)


@pytest.mark.parametrize("status", [ReportStatus.DENIED, ReportStatus.UNCONFIRMED])
def test_denied_and_unconfirmed_records_give_no_row_and_are_reported(
    status: ReportStatus,
) -> None:
    records = [attack(report_status=status), attack("a2", report_status=status, place=None)]

    result = lower_records(records)

    assert result.rows == {}
    assert [str(u) for u in result.unlowered] == [
        f"'{i}': report status '{status.value}': ACLED codes confirmed events only"
        for i in ("a1", "a2")
    ]


@pytest.mark.parametrize("kind", [ResponseKind.THREAT, ResponseKind.OTHER])
def test_statements_give_no_row(kind: ResponseKind) -> None:
    statement = Response(
        id="r1", kind=kind, date=dt.date(2021, 7, 7), responder=US, responds_to=("a1",)
    )

    result = lower_records([attack(), statement])

    assert list(result.rows) == ["a1"]
    assert [u.record_id for u in result.unlowered] == ["r1"]
    assert f"a {kind.value} response is words" in result.unlowered[0].reason


def test_lower_and_lower_by_record_warn_about_records_without_a_row() -> None:
    records = [attack(), attack("a2", report_status=ReportStatus.DENIED)]

    with pytest.warns(UnloweredRecordsWarning, match=r"1 record\(s\) give no ACLED row") as seen:
        rows = lower(records)

    assert [r.event_id_cnty for r in rows] == ["IRQ1"]
    assert "'a2': report status 'denied'" in str(seen[0].message)


def test_retaliatory_airstrike_is_air_drone_strike() -> None:
    strike = Response(
        id="r1",
        kind=ResponseKind.RETALIATION,
        date=dt.date(2021, 7, 7),
        responder=US,
        target=KH,
        place=ABU_KAMAL,
        weapons=(Aircraft(system="F-15E"),),
        casualties=Casualties(fatalities=Estimate(low=4, best=5, high=7)),
        sources=(Source(name="AFP", scale="International"), Source(name="SANA", scale="National")),
        responds_to=("a1",),
    )

    rows = lower_by_record([attack(), strike], prefixes={"Syria": "SYR"})

    row = rows["r1"]
    assert row.sub_event_type is S.AIR_DRONE_STRIKE
    assert (row.actor1, row.actor2) == (US.name, KH.name)
    assert row.interaction == "Political militia-External/Other forces"
    assert (row.event_id_cnty, row.iso, row.country) == ("SYR1", 760, "Syria")
    assert row.fatalities == 4
    assert row.source == ["AFP", "SANA"]
    assert row.source_scale == "National-International"


def test_unknown_attacker_is_unidentified_armed_group_of_the_country() -> None:
    row = only_row([attack(attacker=None)])

    assert (row.actor1, row.inter1) == (
        "Unidentified Armed Group (Iraq)",
        ActorType.POLITICAL_MILITIA,
    )


def test_event_ids_use_prefix_map_and_start() -> None:
    records = [attack(f"a{day}", date=dt.date(2021, 7, day)) for day in (3, 1, 2)]

    rows = lower_by_record(records, prefixes={"Iraq": "IRQ"}, start={"IRQ": 50538})

    assert {k: v.event_id_cnty for k, v in rows.items()} == {
        "a1": "IRQ50538",
        "a2": "IRQ50539",
        "a3": "IRQ50540",
    }


def test_lowering_is_deterministic_whatever_the_input_order() -> None:
    records = [attack(f"a{i}", date=dt.date(2021, 7, 1 + i % 3)) for i in range(9)]
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)

    assert lower(records, start=10) == lower(shuffled, start=10)


@pytest.mark.parametrize(
    ("place", "prefixes", "expected"),
    [
        (ABU_KAMAL, None, "SYR1"),  # alpha-3 of iso 760
        (GREEN_ZONE, None, "IRQ1"),  # country_code IRQ agrees
        (ABUJA, None, "NIG1"),  # ACLED's own code for Nigeria, not NGA
        (ABUJA.model_copy(update={"country_code": "NGA"}), None, "NIG1"),
        (GREEN_ZONE, {"Iraq": "XIQ"}, "XIQ1"),  # caller's map wins
    ],
)
def test_event_id_prefix_sources(
    place: Place, prefixes: dict[str, str] | None, expected: str
) -> None:
    row = only_row([attack(place=place)], prefixes=prefixes)

    assert row.event_id_cnty == expected


def test_missing_prefix_and_place_are_reported_together() -> None:
    sea = Place(
        name="Red Sea",
        country="Red Sea",
        iso=0,
        region="Middle East",
        latitude=20.0,
        longitude=38.5,
    )
    records = [attack("a1", place=sea), attack("a2", place=None)]

    with pytest.raises(LoweringError) as caught:
        lower(records)

    message = str(caught.value)
    assert message.startswith("2 record(s) cannot be lowered")
    assert "attack 'a2' has no place with coordinates" in message
    assert "attack 'a1': no event-id prefix for country 'Red Sea' (iso 0" in message


def test_attack_without_offensive_weapon_is_an_error() -> None:
    with pytest.raises(LoweringError, match="names no offensive weapon"):
        lower([attack(weapons=(CounterRAM(),))])


def test_every_row_passes_event_validation_as_acled_text() -> None:
    records = [
        attack("a1", outcome=Outcome.INTERCEPTED),
        interception(),
        attack("a2", weapons=(Rocket(count=3),), casualties=Casualties(fatalities=Estimate(low=2))),
        attack("a3", weapons=(Firearm(),), target=VILLAGERS),
    ]

    rows = lower_records(records, timestamp=1625529600).events

    assert len(rows) == 3
    for row in rows:
        again = Event.model_validate(row.to_acled())
        assert again == row
        assert row.timestamp == 1625529600
