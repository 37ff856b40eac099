"""The parts of a rich record: places, casualty estimates, sources, claims and statements.

:mod:`eventdata.models.records` builds the records from these and re-exports them.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import warnings
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from eventdata._warn import outside_stacklevel
from eventdata.exceptions import UnknownPlaceWarning
from eventdata.models.actors import Actor
from eventdata.vocabulary.acled_countries import place_name_warnings
from eventdata.vocabulary.codebook import SOURCE_SCALE_PARTS, GeoPrecision
from eventdata.vocabulary.countries import alpha3_from_numeric
from eventdata.vocabulary.labels import LabelEnum

__all__ = [
    "ID_PATTERN",
    "Assertion",
    "Attribution",
    "Casualties",
    "Claim",
    "ClaimKind",
    "Estimate",
    "Outcome",
    "Place",
    "RecordId",
    "ReportStatus",
    "Source",
    "stable_id",
]

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/-]*$"
"""Record ids: a letter or digit, then letters, digits and ``. _ : / -``; no spaces."""

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "eventdata/records")
_Frozen = ConfigDict(frozen=True, extra="forbid")
RecordId = Annotated[str, Field(pattern=ID_PATTERN, max_length=200)]
_NonNegative = Annotated[int, Field(ge=0)]


def stable_id(**fields: object) -> str:
    """Return a deterministic id: uuid5 over the canonical JSON of identifying fields.

    The same fields always give the same id, whatever their order, so a record coded twice
    from the same facts keeps its id. Values that are not JSON (dates, enums) are written
    with ``str``.

    Example:
        >>> stable_id(type="attack", date="2021-07-06", place="US Embassy, Baghdad")
        '...'  # doctest: +SKIP

    Args:
        **fields: identifying fields, e.g. type, date, place, attacker.

    Returns:
        The uuid as a 36-character string.

    Raises:
        ValueError: if no field is given.

    """
    if not fields:
        raise ValueError("stable_id needs at least one identifying field, e.g. date=...")
    canonical = json.dumps(fields, sort_keys=True, default=str, separators=(",", ":"))
    return str(uuid.uuid5(_NAMESPACE, canonical))


class ReportStatus(LabelEnum):
    """Whether the record happened, as far as sources say; only confirmed ones lower."""

    CONFIRMED = "confirmed"
    UNCONFIRMED = "unconfirmed"
    DENIED = "denied"


class Outcome(LabelEnum):
    """What became of the weapons used."""

    IMPACTED = "impacted"
    INTERCEPTED = "intercepted"
    """All were intercepted or shot down."""
    PARTIALLY_INTERCEPTED = "partially intercepted"
    FAILED = "failed"
    """Launched but did not function (misfire, dud)."""
    CRASHED = "crashed"
    UNKNOWN = "unknown"


class ClaimKind(LabelEnum):
    """How an actor is linked to an attack."""

    CLAIMED = "claimed"
    """The actor said it did it."""
    ATTRIBUTED = "attributed"
    """Someone else (``by``) said the actor did it."""
    SUSPECTED = "suspected"
    """The actor is suspected; nobody asserts it firmly."""


class Place(BaseModel):
    """A located place, with the fields an ACLED row needs.

    ``country`` and ``iso`` must agree: a country name that the countries table gives to
    another code (``country="Iraq", iso=760``) is refused, naming both. A name the table
    does not know for an ISO code (``"Narnia"``) and a region that is not one of ACLED's
    (``"Middle Earth"``) give an :class:`UnknownPlaceWarning`, since ACLED adds names.
    ``country_code`` is the ISO 3166-1 alpha-3 code (``IRQ``); it must agree with ``iso``
    and is only needed when ``iso`` is not an ISO 3166-1 code. Lowering numbers events
    with ACLED's prefix for ``iso`` (``NIG`` for 566), else ``country_code``.
    """

    model_config = _Frozen

    name: Annotated[str, Field(min_length=1)] = Field(description="ACLED location name.")
    country: Annotated[str, Field(min_length=1)]
    iso: Annotated[int, Field(ge=0, le=999)] = Field(description="ISO 3166-1 numeric code.")
    region: Annotated[str, Field(min_length=1)] = Field(description="ACLED region.")
    country_code: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    geo_precision: GeoPrecision = GeoPrecision.TOWN

    @model_validator(mode="after")
    def _consistent(self) -> Place:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError(f"place {self.name!r}: give both latitude and longitude, or neither")
        _check_country(self)
        if self.country_code is not None:
            try:
                expected = alpha3_from_numeric(self.iso)
            except ValueError:
                return self  # not an ISO 3166-1 code (e.g. a body of water): nothing to compare
            if expected != self.country_code:
                raise ValueError(
                    f"place {self.name!r}: country_code {self.country_code!r} is not the "
                    f"ISO 3166-1 alpha-3 code of iso {self.iso} ({expected!r}); fix one of them"
                )
        return self


def _check_country(place: Place) -> None:
    """Refuse a country named for another iso; warn about names and regions not known."""
    for message in place_name_warnings(
        place.country, place.iso, place.region, where=f"place {place.name!r}"
    ):
        warnings.warn(message, UnknownPlaceWarning, stacklevel=outside_stacklevel())


class Estimate(BaseModel):
    """A count that sources may disagree on: lowest, best and highest reported figures.

    All None means "reported, number unknown". ACLED codes the lowest reported figure,
    :attr:`acled`.
    """

    model_config = _Frozen

    low: _NonNegative | None = None
    best: _NonNegative | None = None
    high: _NonNegative | None = None
    note: str | None = Field(default=None, description="Who reported which figure.")

    @model_validator(mode="after")
    def _ordered(self) -> Estimate:
        figures = (("low", self.low), ("best", self.best), ("high", self.high))
        known = [(n, v) for n, v in figures if v is not None]
        for (n1, v1), (n2, v2) in zip(known, known[1:], strict=False):
            if v1 > v2:
                raise ValueError(
                    f"estimate {n1}={v1} exceeds {n2}={v2}; expected low <= best <= high"
                )
        return self

    @classmethod
    def exact(cls, value: int, /, *, note: str | None = None) -> Estimate:
        """Return an estimate all sources agree on."""
        return cls(low=value, best=value, high=value, note=note)

    @property
    def acled(self) -> int:
        """The figure ACLED codes: the lowest reported, 0 when no number was reported."""
        for value in (self.low, self.best, self.high):
            if value is not None:
                return value
        return 0


class Casualties(BaseModel):
    """Killed and injured; None when sources do not mention them."""

    model_config = _Frozen

    fatalities: Estimate | None = None
    injuries: Estimate | None = None

    @classmethod
    def none(cls) -> Casualties:
        """Return casualties for sources saying nobody was killed or injured."""
        return cls(fatalities=Estimate.exact(0), injuries=Estimate.exact(0))


class Source(BaseModel):
    """A named source; ``scale`` is one of ACLED's source-scale parts."""

    model_config = _Frozen

    name: Annotated[str, Field(min_length=1)] = Field(description="E.g. 'AFP', 'Reuters'.")
    scale: str | None = Field(default=None, description="E.g. 'International', 'Regional'.")
    url: str | None = None
    date: dt.date | None = None

    @model_validator(mode="after")
    def _scale(self) -> Source:
        if self.scale is not None and self.scale not in SOURCE_SCALE_PARTS:
            raise ValueError(
                f"source {self.name!r}: scale {self.scale!r} is not an ACLED source-scale "
                f"part; use one of {', '.join(SOURCE_SCALE_PARTS)}"
            )
        return self


class Claim(BaseModel):
    """One statement of who did it: claimed by the actor, attributed by someone, suspected."""

    model_config = _Frozen

    kind: ClaimKind
    actor: Actor
    by: str | None = Field(
        default=None, description="Who attributed or suspects, e.g. 'US officials'."
    )
    source: Source | None = None


class Attribution(BaseModel):
    """Who is said to be behind an attack; no claims means unknown."""

    model_config = _Frozen

    claims: tuple[Claim, ...] = ()

    @property
    def status(self) -> Literal["unknown", "claimed", "attributed", "suspected", "competing"]:
        """``competing`` when claims name different actors, else the strongest claim kind."""
        if not self.claims:
            return "unknown"
        if len({c.actor.name for c in self.claims}) > 1:
            return "competing"
        kinds = {c.kind for c in self.claims}
        if ClaimKind.CLAIMED in kinds:
            return "claimed"
        if ClaimKind.ATTRIBUTED in kinds:
            return "attributed"
        return "suspected"


class Assertion(BaseModel):
    """Somebody's statement, kept as a statement: "widely viewed as revenge" is not a fact."""

    model_config = _Frozen

    text: Annotated[str, Field(min_length=1)]
    by: str | None = Field(default=None, description="Who asserts it, e.g. 'AFP', 'US officials'.")
    source: Source | None = None
