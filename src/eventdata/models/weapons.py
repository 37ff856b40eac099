"""Weapons as typed records: one model per kind, joined in the :data:`Weapon` union.

Every weapon carries ``kind`` (the discriminator, kept in every dump), an optional
``count`` and an optional ``system`` (the designation, e.g. ``122 mm Grad``, ``F-15E``,
``Centurion``). The kinds follow the vocabularies in GTD, PLOVER and the US DoD UAS
groups; the lowering to ACLED sub-event types lives in :mod:`eventdata.models.acled_rows`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
)

from eventdata.vocabulary.labels import LabelEnum

__all__ = [
    "AirDefence",
    "AirDefenceType",
    "Aircraft",
    "Artillery",
    "CounterRAM",
    "Drone",
    "DroneAirframe",
    "Explosive",
    "ExplosiveDevice",
    "Firearm",
    "Missile",
    "MissileType",
    "Mortar",
    "Rocket",
    "Weapon",
    "WEAPON_KINDS",
    "is_air_defence",
]


class DroneAirframe(LabelEnum):
    """Airframe of an uncrewed aircraft."""

    MULTIROTOR = "multirotor"
    """Quadcopter or other multirotor."""
    FIXED_WING = "fixed-wing"
    ONE_WAY_ATTACK = "one-way attack"
    """One-way attack drone or loitering munition: the airframe is the warhead's carrier."""
    UNKNOWN = "unknown"


class MissileType(LabelEnum):
    """Guidance and flight profile of a missile."""

    BALLISTIC = "ballistic"
    CRUISE = "cruise"
    ANTI_TANK_GUIDED = "anti-tank guided"
    UNKNOWN = "unknown"


class ExplosiveDevice(LabelEnum):
    """How an explosive was delivered; decides the ACLED sub-event type."""

    IED = "IED"
    VBIED = "VBIED"
    LANDMINE = "landmine"
    GRENADE = "grenade"
    SUICIDE = "suicide"
    """Worn or driven by an attacker who dies in the blast (ACLED: Suicide bomb)."""


class AirDefenceType(LabelEnum):
    """Family of an air-defence system other than C-RAM."""

    SURFACE_TO_AIR_MISSILE = "surface-to-air missile"
    """E.g. Patriot, Iron Dome interceptors."""
    GUN = "gun"
    ELECTRONIC_WARFARE = "electronic warfare"
    """Jamming or spoofing that downs or diverts drones."""
    OTHER = "other"


_Count = Annotated[int, Field(ge=1)]
_Calibre = Annotated[float, Field(gt=0, le=1000)]


class _WeaponBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    count: _Count | None = Field(default=None, description="How many were used; None if unknown.")
    system: str | None = Field(
        default=None, description="Designation, e.g. '107 mm', 'Shahed-136', 'F-15E'."
    )

    @model_serializer(mode="wrap")
    def _keep_kind(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Keep ``kind`` in every dump, ``exclude_defaults`` too: it picks the model."""
        data = handler(self)
        if isinstance(data, dict):
            return {"kind": getattr(self, "kind"), **data}  # noqa: B009  (set by subclasses)
        return data


class Drone(_WeaponBase):
    """An uncrewed aircraft (UAS) used as a weapon.

    ``uas_group`` is the US DoD group 1-5 (1: under 20 lb, 5: over 1,320 lb flying above
    18,000 ft). Armed drones and one-way attack drones lower to ``Air/drone strike``.
    """

    kind: Literal["drone"] = "drone"
    airframe: DroneAirframe = DroneAirframe.UNKNOWN
    uas_group: Annotated[int, Field(ge=1, le=5)] | None = Field(
        default=None, description="US DoD UAS group 1-5."
    )
    armed: bool | None = Field(default=None, description="Carried a weapon or explosive.")
    payload: str | None = Field(default=None, description="E.g. 'explosives', 'Hellfire'.")


class Rocket(_WeaponBase):
    """An unguided rocket, e.g. 107 mm or 122 mm Grad (Katyusha)."""

    kind: Literal["rocket"] = "rocket"
    calibre_mm: _Calibre | None = None


class Mortar(_WeaponBase):
    """A mortar round (60, 81, 82, 120 mm)."""

    kind: Literal["mortar"] = "mortar"
    calibre_mm: _Calibre | None = None


class Missile(_WeaponBase):
    """A guided missile: ballistic, cruise or anti-tank guided."""

    kind: Literal["missile"] = "missile"
    missile_type: MissileType = MissileType.UNKNOWN


class Artillery(_WeaponBase):
    """A tube or rocket artillery piece firing on a distant target."""

    kind: Literal["artillery"] = "artillery"
    calibre_mm: _Calibre | None = None


class Aircraft(_WeaponBase):
    """A crewed aircraft striking ground targets, e.g. an F-15E."""

    kind: Literal["aircraft"] = "aircraft"
    munition: str | None = Field(default=None, description="E.g. 'precision-guided bombs'.")


class Explosive(_WeaponBase):
    """An explosive device that is not fired: IED, VBIED, landmine, grenade, suicide bomb."""

    kind: Literal["explosive"] = "explosive"
    device: ExplosiveDevice = ExplosiveDevice.IED


class Firearm(_WeaponBase):
    """Small arms or light weapons fire."""

    kind: Literal["firearm"] = "firearm"


class CounterRAM(_WeaponBase):
    """Counter rocket, artillery and mortar defence, e.g. C-RAM Centurion (20 mm Phalanx)."""

    kind: Literal["counter_ram"] = "counter_ram"


class AirDefence(_WeaponBase):
    """Another air-defence system: Patriot, electronic warfare, guns."""

    kind: Literal["air_defence"] = "air_defence"
    defence_type: AirDefenceType = AirDefenceType.OTHER


Weapon = Annotated[
    Drone
    | Rocket
    | Mortar
    | Missile
    | Artillery
    | Aircraft
    | Explosive
    | Firearm
    | CounterRAM
    | AirDefence,
    Field(discriminator="kind"),
]
"""Any weapon; pydantic picks the model by its ``kind``."""

WEAPON_KINDS: tuple[type[BaseModel], ...] = (
    Drone,
    Rocket,
    Mortar,
    Missile,
    Artillery,
    Aircraft,
    Explosive,
    Firearm,
    CounterRAM,
    AirDefence,
)
"""The weapon models, in the order of the :data:`Weapon` union."""


def is_air_defence(weapon: BaseModel) -> bool:
    """Whether a weapon only defends (C-RAM and other air defence)."""
    return isinstance(weapon, (CounterRAM, AirDefence))
