"""The ACLED event row as a typed model."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from eventdata.models.dates import UnreadableDate, resolve_date
from eventdata.models.fields import (
    LIST_SEPARATOR,
    AcledDate,
    AcledFloat,
    AcledInt,
    ActorTypeField,
    Categorical,
    CivilianTargeting,
    InteractionLabel,
    JoinedList,
    NonBlank,
    OptionalActorTypeField,
    OptionalText,
    SourceScale,
)
from eventdata.rules.acled import CROSS_FIELD_RULES
from eventdata.rules.base import Rule, rule_errors
from eventdata.vocabulary.codebook import (
    ActorType,
    DisorderType,
    EventType,
    SubEventType,
)

__all__ = ["ACLED_COLUMNS", "Event"]

_ERROR_RULES: tuple[Rule, ...] = tuple(
    r for r in CROSS_FIELD_RULES if r.severity == "error" and r.row is not None
)
_WARNING_RULES: tuple[Rule, ...] = tuple(
    r for r in CROSS_FIELD_RULES if r.severity == "warning" and r.row is not None
)


class Event(BaseModel):
    """One ACLED event: the 31 columns of a current export, typed.

    ``Event.model_validate(row)`` accepts rows as real exports give them: all-string API
    rows, numeric or text inter codes and interaction, ISO or export-tool dates
    (``01 November 2024``), and pre-2023 rows (``disorder_type`` is then derived from the
    sub-event type). Columns outside the current schema (``data_id``, ``iso3``,
    ``population_best``, ...) are kept as extra attributes, never dropped.

    Example:
        >>> row = {"event_id_cnty": "IRQ1", "event_date": "01 July 2021", ...}  # doctest: +SKIP
        >>> Event.model_validate(row).to_acled()["event_date"]  # doctest: +SKIP
        '2021-07-01'
    """

    model_config = ConfigDict(extra="allow", frozen=True, use_enum_values=False, defer_build=True)

    event_id_cnty: NonBlank = Field(
        description=(
            "ACLED event id: country prefix and number, e.g. IRQ50538; stable across revisions."
        )
    )
    event_date: AcledDate = Field(description="Day the event took place.")
    year: AcledInt = Field(ge=0, le=9999, description="Year of event_date.")
    time_precision: AcledInt = Field(ge=1, le=3, description="1 day known, 2 week, 3 month.")
    disorder_type: Annotated[DisorderType, Categorical()] = Field(
        description="Disorder type, fixed by the sub-event type."
    )
    event_type: Annotated[EventType, Categorical()] = Field(description="ACLED event type.")
    sub_event_type: Annotated[SubEventType, Categorical()] = Field(
        description="ACLED sub-event type; belongs to event_type."
    )
    actor1: NonBlank = Field(description="Named primary actor.")
    assoc_actor_1: JoinedList = Field(
        default_factory=list, description="Actors associated with actor1 ('; '-joined in ACLED)."
    )
    inter1: ActorTypeField = Field(description="Actor type of actor1.")
    actor2: OptionalText = Field(default=None, description="Named second actor, if any.")
    assoc_actor_2: JoinedList = Field(
        default_factory=list, description="Actors associated with actor2 ('; '-joined in ACLED)."
    )
    inter2: OptionalActorTypeField = Field(
        default=None, description="Actor type of actor2; blank exactly when actor2 is."
    )
    interaction: InteractionLabel = Field(
        description=(
            "Interaction label derived from inter1 and inter2, e.g. 'State forces-Rebel group'."
        )
    )
    civilian_targeting: CivilianTargeting = Field(
        default=None, description="'Civilian targeting' when civilians were the primary target."
    )
    iso: AcledInt = Field(ge=0, le=999, description="ISO 3166-1 numeric country code.")
    region: Annotated[NonBlank, Categorical()] = Field(description="ACLED region.")
    country: Annotated[NonBlank, Categorical()] = Field(
        description="Country, or a body of water for maritime events."
    )
    admin1: Annotated[OptionalText, Categorical()] = Field(
        default=None, description="First-level administrative unit."
    )
    admin2: Annotated[OptionalText, Categorical()] = Field(
        default=None, description="Second-level administrative unit."
    )
    admin3: Annotated[OptionalText, Categorical()] = Field(
        default=None, description="Third-level administrative unit."
    )
    location: NonBlank = Field(description="Place name, possibly with a district suffix.")
    latitude: AcledFloat = Field(ge=-90, le=90, description="WGS84 latitude, decimal degrees.")
    longitude: AcledFloat = Field(ge=-180, le=180, description="WGS84 longitude, decimal degrees.")
    geo_precision: AcledInt = Field(
        ge=1, le=3, description="1 town, 2 near a town or part of a region, 3 larger region."
    )
    source: JoinedList = Field(default_factory=list, description="Sources ('; '-joined in ACLED).")
    source_scale: SourceScale = Field(
        default=None,
        description="Scale of the sources: '-'-joined parts such as National-Regional.",
    )
    notes: OptionalText = Field(default=None, description="Free-text description of the event.")
    fatalities: AcledInt = Field(
        ge=0, le=2**31 - 1, description="Reported fatalities; 0 when none or unknown."
    )
    tags: JoinedList = Field(
        default_factory=list,
        description="Structured tags ('; '-joined in ACLED), e.g. crowd size=no report.",
    )
    timestamp: AcledInt = Field(
        ge=0, le=10**18 - 1, description="Unix seconds of the row's last upload or change."
    )

    @model_validator(mode="before")
    @classmethod
    def _settle_date(cls, data: Any, info: ValidationInfo) -> Any:
        """Read a text ``event_date`` with the row's ``year`` and the context's date format.

        ``Event.model_validate(row, context={"date_format": "%d-%m-%y"})`` reads the date in
        that style (as ``validate(..., date_format=...)`` does for a column); without it,
        the row's ``year`` settles two-digit centuries and styles that read differently.
        A value that stays ambiguous is left for the field, which refuses it by name.
        """
        if not isinstance(data, dict) or not isinstance(data.get("event_date"), str):
            return data
        given = (info.context or {}).get("date_format")
        year = data.get("year")
        try:
            year_number = int(float(year)) if isinstance(year, (str, int, float)) else None
        except ValueError:
            year_number = None
        try:
            date: Any = resolve_date(data["event_date"], year=year_number, date_format=given)
        except ValueError as exc:
            date = UnreadableDate(data["event_date"], str(exc))
        return {**data, "event_date": date}

    @model_validator(mode="before")
    @classmethod
    def _derive_legacy(cls, data: Any) -> Any:
        """Pre-2023 rows have no disorder_type: derive it from the sub-event type."""
        if isinstance(data, dict) and "disorder_type" not in data:
            label = data.get("sub_event_type")
            if isinstance(label, (str, SubEventType)) and label in _SUB_EVENT_LABELS:
                data = {**data, "disorder_type": SubEventType(label).disorder_type}
        return data

    @model_validator(mode="after")
    def _cross_field(self) -> Event:
        values = self._rule_values()
        failed = [
            rule
            for rule in _ERROR_RULES
            if self._applies(rule) and rule.row(values)  # type: ignore[misc]
        ]
        if failed:
            raise rule_errors(type(self).__name__, failed, values)
        return self

    def _rule_values(self) -> dict[str, Any]:
        values: dict[str, Any] = dict(self.model_extra or {})
        for name in type(self).model_fields:
            value = getattr(self, name)
            values[name] = (
                value.value
                if isinstance(value, (DisorderType, EventType, SubEventType, ActorType))
                else value
            )
        return values

    def _applies(self, rule: Rule) -> bool:
        """A rule runs when every column it reads was given (as the columnar engine does)."""
        return rule.row is not None and self.model_fields_set.issuperset(rule.inputs)

    def warnings(self) -> dict[str, str]:
        """The warning rules this event triggers, by rule name, with their messages.

        Warnings never make an event invalid; they flag values worth a second look
        (coordinates exactly 0/0, a future date, more than 1,000 fatalities, ...).
        """
        values = self._rule_values()
        return {
            rule.name: rule.message(values[rule.column])
            for rule in _WARNING_RULES
            if self._applies(rule) and rule.row(values)  # type: ignore[misc]
        }

    @property
    def interaction_code(self) -> int:
        """The numeric interaction code (e.g. 12 for ``State forces-Rebel group``)."""
        from eventdata.vocabulary.codebook import interaction_from_label

        return interaction_from_label(self.interaction)

    def to_acled(self) -> dict[str, str]:
        """The row as ACLED text in the current dialect.

        Text inter codes and interaction, ISO dates, ``"; "``-joined lists, blanks for
        missing values. Extra columns the row was read with follow the 31 current ones.
        For a real current-dialect row every column comes back as the text it was read
        from (coordinates as the same number).
        """
        out: dict[str, str] = {}
        for name in ACLED_COLUMNS:
            out[name] = _acled_text(getattr(self, name))
        for name, value in (self.model_extra or {}).items():
            out[name] = _acled_text(value)
        return out


def _acled_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (DisorderType, EventType, SubEventType, ActorType)):
        return str(value.value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


_SUB_EVENT_LABELS = frozenset(s.value for s in SubEventType)

ACLED_COLUMNS: tuple[str, ...] = tuple(Event.model_fields)
"""The 31 columns of a current ACLED export, in file order."""
