"""The UCDP GED event row as a typed model, with its cross-field rules.

UCDP's Georeferenced Event Dataset (GED, CC BY 4.0) publishes one row per lethal event in
49 columns (:data:`GED_COLUMNS`). :class:`GedEvent` types them; its single-field
constraints (types, bounds, required values) are what the columnar validator of
:mod:`eventdata.validation.ged` derives its single-field rules from, and
:data:`~eventdata.rules.ged.GED_RULES` holds the cross-field rules, each written once
for a row and for columns.

Blank cells and R's ``NA`` are missing values. ``gwnoa``/``gwnob`` hold one or several
Gleditsch-Ward country codes joined by ``;`` (``2;200;900``) and become ``list[int]``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, ConfigDict, Field

from eventdata.models.fields import CODE_SEPARATOR, NonBlank, ParseAs
from eventdata.models.ruled import RuledModel
from eventdata.rules.base import Rule
from eventdata.rules.ged import GED_RULES

__all__ = [
    "GED_COLUMNS",
    "GED_MISSING",
    "GED_RULES",
    "CodeList",
    "GedEvent",
    "parse_code_list",
]

GED_MISSING: tuple[str, ...] = ("", "NA")
"""Cell values that mean "missing" in GED files (R writes ``NA``)."""


@dataclass(frozen=True)
class CodeList:
    """Marks a field stored as ``;``-joined integer codes (``2;200;900``)."""


def _missing_to_none(value: Any) -> Any:
    if isinstance(value, str) and value.strip() in GED_MISSING:
        return None
    if isinstance(value, float) and value != value:  # NaN from pandas
        return None
    return value


def parse_code_list(value: Any) -> Any:
    """Parse ``"2;200;900"`` (or ``"2; 200"``, an int, a list) into a list of ints.

    Blank and ``NA`` become None; anything else is left for pydantic to reject.
    """
    value = _missing_to_none(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return [value]
    if isinstance(value, str):
        parts = [re.sub(r"\.0+$", "", p.strip()) for p in value.split(CODE_SEPARATOR)]
        return [int(p) if p.lstrip("+-").isdigit() else p for p in parts]
    return value


NonEmpty = NonBlank
Count = Annotated[int, Field(ge=0)]
CodeListField = Annotated[
    list[int] | None, BeforeValidator(parse_code_list), CodeList(), ParseAs("code_list")
]


class GedEvent(RuledModel):
    """One UCDP GED event: the 49 columns of a GED CSV, typed.

    ``GedEvent.model_validate(row)`` accepts rows as the CSV gives them (every value a
    string, blanks and ``NA`` for missing values) and typed rows alike. Cross-field rules
    of severity ``error`` (:data:`GED_RULES`) raise ``pydantic.ValidationError`` naming
    the column; ``warning`` rules are listed by :meth:`warnings`.

    Example:
        >>> event = GedEvent.model_validate(row)  # doctest: +SKIP
        >>> event.gwnoa  # doctest: +SKIP
        [2, 200, 900]

    """

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    RULES: ClassVar[tuple[Rule, ...]] = GED_RULES
    MISSING: ClassVar[tuple[str, ...]] = GED_MISSING

    id: int = Field(ge=1, description="UCDP event id, unique in a GED release.")
    relid: str | None = Field(
        default=None,
        description="UCDP release-specific id, e.g. SYR-2013-1-11973-99 (not in older layouts).",
    )
    year: int = Field(ge=1946, le=2100, description="Year of the event.")
    active_year: int = Field(
        ge=0, le=1, description="1 when the dyad passed 25 battle deaths that year."
    )
    code_status: str | None = Field(
        default=None, description="Coding status, e.g. Clear (not in older layouts)."
    )
    type_of_violence: int = Field(
        ge=1, le=3, description="1 state-based, 2 non-state, 3 one-sided (against civilians)."
    )
    conflict_dset_id: str | None = Field(
        default=None,
        description="Conflict id in the UCDP dataset of its type: 299, or 1-100 in releases "
        "before 5.0 (text, so both read).",
    )
    conflict_new_id: int = Field(description="Conflict id in the UCDP actor/conflict lists.")
    conflict_name: NonEmpty = Field(description="Conflict name, e.g. Syria: Government.")
    dyad_dset_id: int | None = Field(
        default=None, description="Dyad id in the UCDP dataset of its type (newer layouts)."
    )
    dyad_new_id: int = Field(description="Dyad id in the UCDP dyad list.")
    dyad_name: NonEmpty = Field(description="Dyad name: side_a - side_b.")
    side_a_dset_id: int | None = Field(
        default=None, description="Actor id of side_a (newer layouts)."
    )
    side_a_new_id: int = Field(description="Actor id of side_a in the UCDP actor list.")
    side_a: NonEmpty = Field(description="Side A: a government in state-based conflict.")
    side_b_dset_id: int | None = Field(
        default=None, description="Actor id of side_b (newer layouts)."
    )
    side_b_new_id: int = Field(description="Actor id of side_b in the UCDP actor list.")
    side_b: NonEmpty = Field(description="Side B; Civilians in one-sided violence.")
    number_of_sources: int = Field(ge=-1, description="Number of sources; -1 when unknown.")
    source_article: str | None = Field(default=None, description="Source article references.")
    source_office: str | None = Field(default=None, description="Publishers, ';'-joined.")
    source_date: str | None = Field(default=None, description="Publication dates, ';'-joined.")
    source_headline: str | None = Field(default=None, description="Headlines, ';'-joined.")
    source_original: str | None = Field(default=None, description="Original sources.")
    where_prec: int = Field(
        ge=1,
        le=7,
        description="1 exact place, 2 within 25 km, 3 admin2, 4 admin1, 5 vague, 6 country, "
        "7 international waters or airspace.",
    )
    where_coordinates: str | None = Field(default=None, description="Place the coordinates mark.")
    where_description: str | None = Field(default=None, description="Location as described.")
    adm_1: str | None = Field(default=None, description="First-order administrative unit.")
    adm_2: str | None = Field(default=None, description="Second-order administrative unit.")
    latitude: float = Field(ge=-90, le=90, description="WGS84 latitude, decimal degrees.")
    longitude: float = Field(ge=-180, le=180, description="WGS84 longitude, decimal degrees.")
    geom_wkt: str | None = Field(default=None, description="The point as WKT: POINT (lon lat).")
    priogrid_gid: int | None = Field(
        default=None, ge=1, le=259200, description="PRIO-GRID cell id (0.5 degree grid)."
    )
    country: NonEmpty = Field(description="Country, as UCDP names it.")
    country_id: int | None = Field(
        default=None,
        ge=0,
        le=999,
        description="Gleditsch-Ward code of the country (releases before 5.0 lack it).",
    )
    region: NonEmpty = Field(
        description="UCDP region: Africa, Americas, Asia, Europe, Middle East."
    )
    event_clarity: int = Field(ge=1, le=2, description="1 clear, 2 lower clarity.")
    date_prec: int = Field(
        ge=1, le=5, description="1 day, 2 span of 2-6 days, 3 week, 4 month, 5 year or longer."
    )
    date_start: dt.date = Field(description="Earliest possible day of the event.")
    date_end: dt.date = Field(description="Latest possible day of the event.")
    deaths_a: Count = Field(description="Deaths on side A (best estimate).")
    deaths_b: Count = Field(description="Deaths on side B (best estimate).")
    deaths_civilians: Count = Field(description="Civilian deaths (best estimate).")
    deaths_unknown: Count = Field(description="Deaths of unknown status (best estimate).")
    best: Count = Field(description="Best estimate of deaths: the sum of the four above.")
    high: Count = Field(description="Highest reliable estimate of deaths.")
    low: Count = Field(description="Lowest reliable estimate of deaths.")
    gwnoa: CodeListField = Field(
        default=None, description="Gleditsch-Ward codes of side A ('2;200;900')."
    )
    gwnob: CodeListField = Field(
        default=None, description="Gleditsch-Ward codes of side B ('2;200;900')."
    )


GED_COLUMNS: tuple[str, ...] = tuple(GedEvent.model_fields)
"""The 49 columns of a GED CSV, in file order."""
