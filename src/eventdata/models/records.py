"""Rich records: attacks, the responses to them, and other disrupted weapons use.

An :class:`Attack` or a :class:`Response` says more than an ACLED row can: weapons with
counts, interception outcomes, competing casualty figures, who claimed or was blamed for an
attack, and which earlier records a response answers (and who said so). A
:class:`WeaponsSeizure` and a :class:`MistakenShootDown` are the two other ways ACLED codes
"Disrupted weapons use". Records are frozen and carry a stable ``id``; :func:`stable_id`
derives one from identifying fields. Every saved form (``model_dump`` with or without
``exclude_defaults``) keeps each record's ``record_type`` and each weapon's ``kind``, so it
reads back. :mod:`eventdata.models.lowering` turns records into ACLED
:class:`~eventdata.Event` rows; :mod:`eventdata.models.record_types` names each record
type's lowering planner.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from eventdata.exceptions import UnknownPlaceWarning
from eventdata.models.actors import Actor
from eventdata.models.record_parts import (
    ID_PATTERN,
    Assertion,
    Attribution,
    Casualties,
    Claim,
    ClaimKind,
    Estimate,
    Outcome,
    Place,
    RecordId,
    ReportStatus,
    Source,
    _Frozen,
    _NonNegative,
    stable_id,
)
from eventdata.models.tally import Tally, TallyCheck
from eventdata.models.weapons import Weapon
from eventdata.vocabulary.codebook import TimePrecision
from eventdata.vocabulary.labels import LabelEnum

__all__ = [
    "ID_PATTERN",
    "Assertion",
    "Attack",
    "Attribution",
    "BaseRecord",
    "Casualties",
    "Claim",
    "ClaimKind",
    "Estimate",
    "MistakenShootDown",
    "Outcome",
    "Place",
    "Record",
    "ReportStatus",
    "Response",
    "ResponseKind",
    "Source",
    "Tally",
    "TallyCheck",
    "UnknownPlaceWarning",
    "WeaponsSeizure",
    "stable_id",
]


class ResponseKind(LabelEnum):
    """What a response is."""

    INTERCEPTION = "interception"
    RETALIATION = "retaliation"
    THREAT = "threat"
    """A threat or statement: words, not force."""
    OTHER = "other"


class BaseRecord(BaseModel):
    """Fields every rich record has; use :class:`Attack`, :class:`Response` or another type.

    A record type is a subclass with a ``record_type`` literal, registered with its
    lowering planner in :mod:`eventdata.models.record_types`.
    """

    model_config = _Frozen

    record_type: str = Field(description="The record's type; picks the model.")
    id: RecordId = Field(description="Stable id, unique within a collection.")
    date: dt.date
    date_precision: TimePrecision = Field(
        default=TimePrecision.DAY, description="1 day, 2 week, 3 month (ACLED time_precision)."
    )
    time: dt.time | None = Field(default=None, description="Local time of day, when known.")
    place: Place | None = Field(default=None, description="Where it hit or happened.")
    target: Actor | None = None
    target_description: str | None = Field(default=None, description="E.g. 'US Embassy'.")
    target_associates: tuple[Actor, ...] = ()
    associates: tuple[Actor, ...] = Field(
        default=(), description="Actors acting with the attacker or responder."
    )
    weapons: tuple[Weapon, ...] = ()
    outcome: Outcome = Outcome.UNKNOWN
    casualties: Casualties = Field(default_factory=Casualties)
    responds_to: tuple[RecordId, ...] = Field(
        default=(), description="Ids of the records this one answers."
    )
    link_assertions: tuple[Assertion, ...] = Field(
        default=(), description="Who said this record answers responds_to, and where."
    )
    related: tuple[RecordId, ...] = Field(
        default=(), description="Ids of other parts of the same operation (GTD 'related')."
    )
    sources: tuple[Source, ...] = ()
    description: str | None = Field(default=None, description="What happened; ACLED notes.")
    report_status: ReportStatus = ReportStatus.CONFIRMED
    tallies: tuple[Tally, ...] = Field(
        default=(), description="Counts the sources state, e.g. '47 attacks in 2021 so far'."
    )

    @model_serializer(mode="wrap")
    def _keep_record_type(self, handler: SerializerFunctionWrapHandler) -> Any:
        """Keep ``record_type`` in every dump, ``exclude_defaults`` too: it picks the model."""
        data = handler(self)
        if isinstance(data, dict):
            return {"record_type": self.record_type, **data}
        return data

    @model_validator(mode="after")
    def _self_reference(self) -> BaseRecord:
        if self.id in self.responds_to or self.id in self.related:
            raise ValueError(
                f"record {self.id!r} lists itself in responds_to or related; remove its own id"
            )
        return self


class Attack(BaseRecord):
    """An attack: who fired what at whom, where, and what became of it.

    ``attacker`` None means unknown (lowered as ACLED's ``Unidentified Armed Group``).
    ``launched``, ``intercepted`` and ``impacted`` count munitions when known and must
    agree: intercepted + impacted <= launched.
    """

    record_type: Literal["attack"] = "attack"
    attacker: Actor | None = None
    attribution: Attribution = Field(default_factory=Attribution)
    launch_place: Place | None = None
    launched: _NonNegative | None = None
    intercepted: _NonNegative | None = None
    impacted: _NonNegative | None = None

    @model_validator(mode="after")
    def _counts(self) -> Attack:
        where = f"attack {self.id!r}"
        if self.launched is not None:
            hit = (self.intercepted or 0) + (self.impacted or 0)
            if hit > self.launched:
                raise ValueError(
                    f"{where}: intercepted ({self.intercepted}) + impacted ({self.impacted}) "
                    f"exceeds launched ({self.launched}); fix the counts"
                )
        if self.outcome is Outcome.INTERCEPTED and (self.impacted or 0) > 0:
            raise ValueError(
                f"{where}: outcome 'intercepted' means none impacted, but impacted="
                f"{self.impacted}; use outcome 'partially intercepted'"
            )
        if self.outcome is Outcome.IMPACTED and (self.intercepted or 0) > 0:
            raise ValueError(
                f"{where}: outcome 'impacted' but intercepted={self.intercepted}; "
                "use outcome 'partially intercepted'"
            )
        return self


class Response(BaseRecord):
    """A response to earlier records: an interception, a retaliation, a threat.

    ``responds_to`` names the answered records; ``link_assertions`` says who linked them
    (an interception of a specific drone needs none, "widely viewed as revenge" does).
    ``weapons`` holds the systems used, e.g. :class:`~eventdata.models.weapons.CounterRAM`.
    """

    record_type: Literal["response"] = "response"
    kind: ResponseKind
    responder: Actor | None = None


class WeaponsSeizure(BaseRecord):
    """Weapons or explosives seized, found or defused before use.

    ACLED codes it Strategic developments / Disrupted weapons use with notes beginning
    ``Weapons seizure:`` (``Defusal:`` when ``defused``): ``seized_by`` is actor1, the
    owner actor2 (``Unidentified Armed Group (<country>)`` when None). ``weapons`` are
    what was seized.
    """

    record_type: Literal["weapons_seizure"] = "weapons_seizure"
    seized_by: Actor = Field(description="Who seized or defused the weapons (actor1).")
    owner: Actor | None = Field(default=None, description="Whose weapons they were (actor2).")
    defused: bool = Field(default=False, description="Defused in place rather than seized.")


class MistakenShootDown(BaseRecord):
    """An air defence shooting down a friendly drone or aircraft by mistake.

    ACLED codes a downed drone (or missile) as Strategic developments / Disrupted weapons
    use with notes beginning ``Interception:``, and a downed crewed aircraft as Explosions/
    Remote violence / Shelling/artillery/missile attack. ``shooter`` is actor1, ``operator``
    (whose drone or aircraft it was) actor2; ``weapons`` are the air-defence systems used
    and ``downed`` what they shot down.
    """

    record_type: Literal["mistaken_shoot_down"] = "mistaken_shoot_down"
    shooter: Actor = Field(description="Whose air defence fired (actor1).")
    operator: Actor = Field(description="Whose drone or aircraft was shot down (actor2).")
    downed: Annotated[tuple[Weapon, ...], Field(min_length=1)] = Field(
        description="What was shot down, e.g. a Drone."
    )


Record = Annotated[
    Attack | Response | WeaponsSeizure | MistakenShootDown, Field(discriminator="record_type")
]
"""Any built-in rich record; pydantic picks the model by ``record_type``.

Types registered later (:func:`~eventdata.register_record_type`) are read from files and
lowered through the registry; this union names the built-in ones.
"""
