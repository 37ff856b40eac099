"""The Global Terrorism Database's incident row as a typed model.

START's GTD (University of Maryland) publishes one row per incident in about 135 columns.
:class:`GtdEvent` types the columns that identify, date, place, classify and count an
incident (START's GTD codebook, "Codebook: Methodology, Inclusion Criteria, and Variables");
every other column of a GTD file is kept as text beside them. Blank cells are unknown
values, never zeros: ``nkill`` blank means the number of deaths is not known.
``imonth``/``iday`` ``0`` mean the month or day is unknown. Codes ``-9`` mean "unknown"
in the yes/no columns, as the codebook says.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, ConfigDict, Field

from eventdata.datasets.gtd.rules import GTD_RULES
from eventdata.models.fields import Categorical, NonBlank
from eventdata.models.ruled import RuledModel
from eventdata.rules.base import Rule
from eventdata.vocabulary.labels import LabelEnum

__all__ = ["GTD_COLUMNS", "AttackType", "GtdEvent"]


class AttackType(LabelEnum):
    """GTD's attack types (``attacktype1_txt``), in the codebook's order of codes 1-9."""

    ASSASSINATION = "Assassination"
    ARMED_ASSAULT = "Armed Assault"
    BOMBING_EXPLOSION = "Bombing/Explosion"
    HIJACKING = "Hijacking"
    HOSTAGE_BARRICADE = "Hostage Taking (Barricade Incident)"
    HOSTAGE_KIDNAPPING = "Hostage Taking (Kidnapping)"
    FACILITY_INFRASTRUCTURE = "Facility/Infrastructure Attack"
    UNARMED_ASSAULT = "Unarmed Assault"
    UNKNOWN = "Unknown"


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, float) and value != value:  # NaN from pandas
        return None
    return value


Flag = Annotated[int | None, Field(ge=0, le=1)]
"""A 0/1 column."""
YesNoUnknown = Annotated[int | None, Field(ge=-9, le=1)]
"""A 0/1 column where -9 means unknown."""
Count = Annotated[float | None, Field(ge=0)]
"""A count GTD may give as a fraction (deaths shared among incidents); blank is unknown."""
Text = Annotated[str | None, BeforeValidator(_blank_to_none)]
Label = Annotated[str | None, BeforeValidator(_blank_to_none), Categorical()]


class GtdEvent(RuledModel):
    """One GTD incident: the columns that identify, date, place, classify and count it.

    ``GtdEvent.model_validate(row)`` accepts rows as a GTD CSV gives them (every value a
    string, blanks for unknown) and typed rows alike; the cross-field rules of severity
    ``error`` (:data:`~eventdata.datasets.gtd.rules.GTD_RULES`) raise
    ``pydantic.ValidationError`` naming the column.
    """

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    RULES: ClassVar[tuple[Rule, ...]] = GTD_RULES

    eventid: NonBlank = Field(description="GTD id: the date (YYYYMMDD) and a 4-digit number.")
    iyear: int = Field(ge=1970, le=2100, description="Year of the incident.")
    imonth: int = Field(ge=0, le=12, description="Month of the incident; 0 when unknown.")
    iday: int = Field(ge=0, le=31, description="Day of the incident; 0 when unknown.")
    approxdate: Text = Field(default=None, description="The date in words when not exact.")
    extended: Flag = Field(default=None, description="1 when the incident lasted over 24h.")
    resolution: dt.date | None = Field(
        default=None, description="The day an extended incident ended."
    )
    country: int | None = Field(default=None, ge=0, description="GTD's country code.")
    country_txt: NonBlank = Field(description="Country where the incident happened.")
    region: int | None = Field(default=None, ge=1, le=12, description="GTD's region code.")
    region_txt: Label = Field(default=None, description="GTD's region, e.g. Sub-Saharan Africa.")
    provstate: Text = Field(default=None, description="First-order administrative unit.")
    city: Text = Field(default=None, description="City, village or town.")
    latitude: float | None = Field(default=None, ge=-90, le=90, description="WGS84 latitude.")
    longitude: float | None = Field(default=None, ge=-180, le=180, description="WGS84 longitude.")
    specificity: int | None = Field(
        default=None,
        ge=1,
        le=5,
        description="Geocoding: 1 the place itself ... 4 the admin-1 centroid, 5 unknown.",
    )
    vicinity: YesNoUnknown = Field(default=None, description="1 in the vicinity of the city.")
    location: Text = Field(default=None, description="The place in words.")
    summary: Text = Field(default=None, description="What happened, in words.")
    doubtterr: YesNoUnknown = Field(default=None, description="1 when doubt it is terrorism.")
    multiple: Flag = Field(default=None, description="1 when part of a multiple incident.")
    success: Flag = Field(default=None, description="1 when the attack succeeded.")
    suicide: Flag = Field(default=None, description="1 when a suicide attack.")
    attacktype1: int | None = Field(default=None, ge=1, le=9, description="Attack type code.")
    attacktype1_txt: Annotated[AttackType | None, BeforeValidator(_blank_to_none)] = Field(
        default=None, description="Attack type, e.g. Bombing/Explosion."
    )
    targtype1: int | None = Field(default=None, ge=1, le=22, description="Target type code.")
    targtype1_txt: Label = Field(default=None, description="Target type, e.g. Police.")
    target1: Text = Field(default=None, description="The target in words.")
    gname: NonBlank = Field(description="Perpetrator group; Unknown when not known.")
    weaptype1: int | None = Field(default=None, ge=1, le=13, description="Weapon type code.")
    weaptype1_txt: Label = Field(default=None, description="Weapon type, e.g. Firearms.")
    nkill: Count = Field(default=None, description="Deaths, perpetrators included; blank unknown.")
    nkillus: Count = Field(default=None, description="US citizens among the dead.")
    nkillter: Count = Field(default=None, description="Perpetrators among the dead.")
    nwound: Count = Field(default=None, description="Wounded; blank when unknown.")
    nwoundus: Count = Field(default=None, description="US citizens among the wounded.")
    nwoundte: Count = Field(default=None, description="Perpetrators among the wounded.")
    property: YesNoUnknown = Field(default=None, description="1 when property was damaged.")
    ishostkid: YesNoUnknown = Field(default=None, description="1 when hostages were taken.")
    scite1: Text = Field(default=None, description="First source citation.")
    dbsource: Text = Field(default=None, description="The database the incident came from.")


GTD_COLUMNS: tuple[str, ...] = tuple(GtdEvent.model_fields)
"""The GTD columns eventdata types, in the codebook's order."""
