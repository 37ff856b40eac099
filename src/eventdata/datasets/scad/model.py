"""The Social Conflict Analysis Database's row as a typed model.

SCAD (Salehyan, Hendrix et al. 2012; Africa and Latin America) records protests, riots,
strikes and government and communal violence from the AP and AFP news wires. Its files
hold one row per place of an event: an event in eight cities is eight rows sharing its
``eventid``, numbered by ``sublocal``. :class:`ScadEvent` types the columns SCAD's
codebook defines; every other column of a file (``coder``, ``nsource``, columns a user
added) is kept as text beside them.

``-99`` means "unknown" in every SCAD column (the codebook's code): it is read as a
missing value, never as a number, so a sum of ``ndeath`` counts only known deaths.
``npart`` is a size class (1 under 10 ... 7 over a million), not a head count.

Five columns are derived when a file lacks them, the same way row by row and for
columns: ``startdate``/``enddate`` from the day, month and year parts, ``location_id``
(``eventid``-``sublocal``, unique per row, the id validation checks), ``ndeath_once``
(an event's deaths on the row of its first place only, so they add up once per event)
and ``gislocnum`` from ``locnum`` (the same codes; files before SCAD's geocoding lack it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from eventdata.datasets.scad.rules import SCAD_RULES, date_of
from eventdata.models.fields import NonBlank, parse_acled_date
from eventdata.models.ruled import RuledModel
from eventdata.rules.base import Rule

__all__ = ["SCAD_COLUMNS", "SCAD_MISSING", "ScadEvent", "location_id", "ndeath_once"]

SCAD_MISSING: tuple[str, ...] = ("", "NA", "-99")
"""Cell values that mean "missing" in SCAD files: blank, R's ``NA`` and SCAD's ``-99``."""

UNKNOWN = -99
"""SCAD's code for an unknown value."""


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


Flag = Annotated[int | None, Field(ge=0, le=1)]
"""A 0/1 column."""
Text = Annotated[str | None, BeforeValidator(_blank_to_none)]
Day = Annotated[dt.date | None, BeforeValidator(parse_acled_date)]
"""A date in any style SCAD's files use (``04-Jan-11`` in its own, ISO in others)."""


def _integer(value: Any) -> int | None:
    """A parsed integer of a raw cell (``"2"``, ``"2.0"``, ``2``), None when it is none."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def location_id(eventid: Any, sublocal: Any) -> str | None:
    """A row's id: ``eventid``-``sublocal`` (``4751006-3``); ``eventid`` alone without one."""
    if eventid is None or not str(eventid).strip():
        return None
    place = _integer(sublocal)
    return str(eventid).strip() if place is None else f"{str(eventid).strip()}-{place}"


def ndeath_once(ndeath: Any, sublocal: Any) -> int | None:
    """An event's deaths on the row of its first place (``sublocal`` 1 or blank), else None."""
    place = _integer(sublocal)
    return _integer(ndeath) if place in (None, 1) else None


class ScadEvent(RuledModel):
    """One SCAD row: one place of an event, with the columns SCAD's codebook defines.

    ``ScadEvent.model_validate(row)`` accepts rows as a SCAD CSV gives them (every value a
    string, ``-99`` or blank for unknown) and typed rows alike; the cross-field rules of
    severity ``error`` (:data:`~eventdata.datasets.scad.rules.SCAD_RULES`) raise
    ``pydantic.ValidationError`` naming the column.
    """

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    RULES: ClassVar[tuple[Rule, ...]] = SCAD_RULES
    MISSING: ClassVar[tuple[str, ...]] = SCAD_MISSING

    eventid: NonBlank = Field(description="SCAD's event id: ccode and the event's number.")
    id: int | None = Field(default=None, description="The event's number within its country.")
    ccode: int = Field(ge=2, le=999, description="Correlates of War country code.")
    countryname: NonBlank = Field(description="Country where the event happened.")
    startdate: Day = Field(default=None, description="First day (from styr/stmo/stday).")
    enddate: Day = Field(default=None, description="Last day (from eyr/emo/eday).")
    duration: int | None = Field(default=None, ge=1, description="Days, both ends included.")
    stday: int = Field(ge=1, le=31, description="Day of the first day.")
    stmo: int = Field(ge=1, le=12, description="Month of the first day.")
    styr: int = Field(ge=1900, le=2100, description="Year of the first day.")
    eday: int = Field(ge=1, le=31, description="Day of the last day.")
    emo: int = Field(ge=1, le=12, description="Month of the last day.")
    eyr: int = Field(ge=1900, le=2100, description="Year of the last day.")
    etype: int = Field(
        ge=-9, le=10, description="Event type 1-10 (docs/scad.md); -9 an armed-conflict row."
    )
    escalation: int | None = Field(
        default=None, ge=0, le=10, description="The etype it escalated into; 0 none."
    )
    actor1: Text = Field(default=None, description="The event's principal actor.")
    actor2: Text = Field(default=None, description="A second actor.")
    actor3: Text = Field(default=None, description="A third actor.")
    target1: Text = Field(default=None, description="The event's principal target.")
    target2: Text = Field(default=None, description="A second target.")
    cgovtarget: Flag = Field(default=None, description="1 when the central government is a target.")
    rgovtarget: Flag = Field(default=None, description="1 when a regional government is a target.")
    npart: int | None = Field(
        default=None,
        ge=1,
        le=7,
        description="Participants, a size class: 1 <10, 2 10-100, ... 7 >1,000,000; -99 unknown.",
    )
    ndeath: int | None = Field(default=None, ge=0, description="Deaths; -99 (unknown) is blank.")
    repress: int | None = Field(
        default=None, ge=0, le=2, description="Repression: 0 none, 1 non-lethal, 2 lethal."
    )
    elocal: Text = Field(default=None, description="The event's places, as reported.")
    ilocal: Text = Field(default=None, description="This row's place.")
    sublocal: int | None = Field(default=None, ge=1, description="This row's place's number.")
    locnum: int | None = Field(
        default=None, ge=1, le=7, description="Location type: 1 capital ... 7 nationwide."
    )
    gislocnum: int | None = Field(
        default=None, ge=1, le=7, description="Location type, as geocoded (locnum's codes)."
    )
    issue1: int | None = Field(default=None, ge=1, description="First issue code (1 elections...).")
    issue2: int | None = Field(default=None, ge=1, description="Second issue code.")
    issue3: int | None = Field(default=None, ge=1, description="Third issue code.")
    issuenote: Text = Field(default=None, description="What happened, in words.")
    notes: Text = Field(default=None, description="The coder's notes.")
    acd_questionable: Flag = Field(
        default=None, description="1 when it may belong to an armed conflict (UCDP/PRIO)."
    )
    latitude: float | None = Field(default=None, ge=-90, le=90, description="WGS84 latitude.")
    longitude: float | None = Field(default=None, ge=-180, le=180, description="WGS84 longitude.")
    geo_comments: Text = Field(default=None, description="The geocoder's comment on the place.")
    location_precision: Text = Field(
        default=None, description="'no' when the point only approximates the place."
    )
    location_id: NonBlank = Field(description="The row's id: eventid-sublocal (derived).")
    ndeath_once: int | None = Field(
        default=None, ge=0, description="ndeath on the event's first place only (derived)."
    )

    @classmethod
    def _missing_to_none(cls, value: Any) -> Any:
        """SCAD's ``-99`` is unknown as a number too (a typed row), not only as text."""
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value == UNKNOWN:
            return None
        return super()._missing_to_none(value)

    @model_validator(mode="before")
    @classmethod
    def _derive(cls, data: Any) -> Any:
        """The derived columns a row lacks, as a file lacking them gets them."""
        if not isinstance(data, Mapping):
            return data
        row = dict(data)

        def value(name: str) -> Any:
            return cls._missing_to_none(row.get(name))

        if "startdate" not in row:
            row["startdate"] = date_of(
                _integer(value("styr")), _integer(value("stmo")), _integer(value("stday"))
            )
        if "enddate" not in row:
            row["enddate"] = date_of(
                _integer(value("eyr")), _integer(value("emo")), _integer(value("eday"))
            )
        if "location_id" not in row:
            row["location_id"] = location_id(value("eventid"), value("sublocal"))
        if "ndeath_once" not in row:
            row["ndeath_once"] = ndeath_once(value("ndeath"), value("sublocal"))
        if "gislocnum" not in row:
            row["gislocnum"] = value("locnum")
        return row


SCAD_COLUMNS: tuple[str, ...] = tuple(ScadEvent.model_fields)
"""The SCAD columns eventdata types, in the codebook's order, then the derived ones."""
