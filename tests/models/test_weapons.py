from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from eventdata.models.weapons import (
    Aircraft,
    AirDefence,
    AirDefenceType,
    Artillery,
    CounterRAM,
    Drone,
    DroneAirframe,
    Explosive,
    ExplosiveDevice,
    Firearm,
    Missile,
    MissileType,
    Mortar,
    Rocket,
    Weapon,
    is_air_defence,
)

WEAPON = TypeAdapter(Weapon)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"kind": "drone", "airframe": "one-way attack", "uas_group": 3, "armed": True},
            Drone(airframe=DroneAirframe.ONE_WAY_ATTACK, uas_group=3, armed=True),
        ),
        (
            {"kind": "rocket", "count": 3, "calibre_mm": 107, "system": "107 mm"},
            Rocket(count=3, calibre_mm=107.0, system="107 mm"),
        ),
        ({"kind": "mortar", "calibre_mm": 82}, Mortar(calibre_mm=82.0)),
        ({"kind": "missile", "missile_type": "cruise"}, Missile(missile_type=MissileType.CRUISE)),
        ({"kind": "artillery", "calibre_mm": 155}, Artillery(calibre_mm=155.0)),
        ({"kind": "aircraft", "system": "F-15E"}, Aircraft(system="F-15E")),
        ({"kind": "explosive", "device": "VBIED"}, Explosive(device=ExplosiveDevice.VBIED)),
        ({"kind": "firearm"}, Firearm()),
        ({"kind": "counter_ram", "system": "Centurion"}, CounterRAM(system="Centurion")),
        (
            {"kind": "air_defence", "defence_type": "electronic warfare"},
            AirDefence(defence_type=AirDefenceType.ELECTRONIC_WARFARE),
        ),
    ],
)
def test_weapon_union_picks_model_by_kind(data: dict[str, Any], expected: object) -> None:
    weapon = WEAPON.validate_python(data)

    assert weapon == expected
    assert type(weapon) is type(expected)


@pytest.mark.parametrize(
    "weapon",
    [
        Drone(airframe=DroneAirframe.MULTIROTOR, uas_group=1, payload="grenade"),
        Rocket(count=12, system="122 mm Grad", calibre_mm=122),
        CounterRAM(system="Centurion", count=1),
        AirDefence(system="Patriot", defence_type=AirDefenceType.SURFACE_TO_AIR_MISSILE),
    ],
)
def test_weapon_json_round_trip(weapon: object) -> None:
    text = WEAPON.dump_json(weapon)  # type: ignore[arg-type]

    assert WEAPON.validate_json(text) == weapon


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "drone", "uas_group": 6}, "uas_group"),
        ({"kind": "drone", "uas_group": 0}, "uas_group"),
        ({"kind": "rocket", "calibre_mm": -107}, "calibre_mm"),
        ({"kind": "rocket", "count": 0}, "count"),
        ({"kind": "missile", "missile_type": "hypersonic"}, "missile_type"),
        ({"kind": "mortar", "warhead": "HE"}, "warhead"),
    ],
)
def test_invalid_weapon_names_the_field(data: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        WEAPON.validate_python(data)

    assert field in str(caught.value)


def test_unknown_kind_lists_the_kinds() -> None:
    with pytest.raises(ValidationError) as caught:
        WEAPON.validate_python({"kind": "catapult"})

    message = str(caught.value)
    assert "catapult" in message
    assert "counter_ram" in message


def test_weapons_are_frozen() -> None:
    rocket = Rocket(count=2)

    with pytest.raises(ValidationError):
        rocket.count = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("weapon", "expected"),
    [
        (CounterRAM(), True),
        (AirDefence(), True),
        (Drone(), False),
        (Missile(), False),
    ],
)
def test_is_air_defence(weapon: Any, expected: bool) -> None:
    assert is_air_defence(weapon) is expected
