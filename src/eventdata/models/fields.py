"""Reusable field types for ACLED columns.

Each type here carries its parsing (what real exports contain), its serialization (ACLED
text) and a marker that the Arrow schema and the columnar engine read, so a column's
meaning is declared once, on the :class:`~eventdata.models.event.Event` field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from eventdata.models.dates import UnreadableDate, resolve_date
from eventdata.vocabulary.codebook import (
    CIVILIAN_TARGETING,
    INTERACTIONS,
    SOURCE_SCALE_PARTS,
    ActorType,
    interaction_from_label,
    interaction_label,
)

__all__ = [
    "AcledDate",
    "AcledFloat",
    "AcledInt",
    "CODE_SEPARATOR",
    "INTEGER_PATTERN",
    "MAX_INTEGER_DIGITS",
    "NUMBER_PATTERN",
    "ActorTypeField",
    "Categorical",
    "CivilianTargeting",
    "InteractionLabel",
    "Joined",
    "JoinedList",
    "LIST_SEPARATOR",
    "NonBlank",
    "OptionalActorTypeField",
    "OptionalText",
    "ParseAs",
    "SourceScale",
    "parse_acled_date",
    "parse_actor_type",
    "parse_interaction",
]

LIST_SEPARATOR = "; "
"""How ACLED joins several values in one cell (assoc actors, sources, tags)."""

CODE_SEPARATOR = ";"
"""How code-list columns join several integer codes (GED's ``gwnoa``: ``2;200;900``)."""

INTEGER_PATTERN = r"^\s*[+-]?\d+(\.0+)?\s*$"
"""Text accepted as an integer (``5``, `` 5``, ``+5``, ``5.0``); the columnar rules use it too."""

NUMBER_PATTERN = r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$"
"""Text accepted as a number (``33.2990``, ``-1.5e3``); the columnar rules use it too."""

MAX_INTEGER_DIGITS = 18
"""Longer integers are out of every column's range (and of what int64 holds)."""


@dataclass(frozen=True)
class Categorical:
    """Marks a column with few distinct values: dictionary-encoded in Arrow and Parquet."""


@dataclass(frozen=True)
class Joined:
    """Marks a list column that ACLED stores as one ``; ``-joined text cell."""


@dataclass(frozen=True)
class ParseAs:
    """Names the columnar parser of a text field whose type alone does not fix it.

    ``ParseAs("actor_type")`` reads ACLED's actor types (text labels or numeric codes, ``0``
    for none); the kinds are those of :data:`eventdata.schema.columns.Kind`. A field without
    it is parsed by its type (``int``, ``float``, ``date``, ``str``, an ``Enum``).
    """

    kind: str


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank (empty or white space only)")
    return value


NonBlank = Annotated[str, Field(min_length=1), AfterValidator(_not_blank)]
"""Required text: blank or white-space-only values are refused (``not_empty.<col>``)."""


def _blank_to_none(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from pandas
        return None
    if isinstance(value, str) and value == "":
        return None
    return value


def parse_acled_date(value: Any) -> Any:
    """Parse one date value as a column of that single value would be parsed.

    Every style of :data:`eventdata.models.dates.DATE_STYLES` is read (``2024-01-01``,
    ``01 January 2024``, ``31/12/2019``, ...); a value that reads as different dates in
    several styles (``03-04-19``) is refused: ``Event.model_validate`` settles it with the
    row's ``year`` or the ``date_format`` of its validation context.
    """
    if isinstance(value, UnreadableDate):
        raise ValueError(value.message)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and value.strip():
        return resolve_date(value)
    return value


def _check_integer(value: Any) -> Any:
    if isinstance(value, str) and value.strip():
        if not re.match(INTEGER_PATTERN, value):
            raise ValueError(f"{value!r} is not an integer")
        digits = value.strip().split(".")[0]
        if len(digits.lstrip("+-")) > MAX_INTEGER_DIGITS:
            raise ValueError(f"{value!r} has more than {MAX_INTEGER_DIGITS} digits")
        return int(digits)
    return value


def _check_number(value: Any) -> Any:
    if isinstance(value, str) and value.strip() and not re.match(NUMBER_PATTERN, value):
        raise ValueError(f"{value!r} is not a number")
    return value


def parse_actor_type(value: Any) -> Any:
    """Accept an actor type as its label (``Rebel group``) or its code (2, ``"2"``).

    Blank values and the legacy code 0 ("no actor2") become None.
    """
    value = _blank_to_none(value)
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and float(value).is_integer():
        code = int(value)
        return None if code == 0 else _actor_from_code(code, value)
    if isinstance(value, str) and value.strip().isdigit():
        code = int(value)
        return None if code == 0 else _actor_from_code(code, value)
    return value


def _actor_from_code(code: int, original: Any) -> Any:
    try:
        return ActorType.from_code(code)
    except ValueError:
        return original  # let the enum validation report the bad value


def parse_interaction(value: Any) -> Any:
    """Accept an interaction as its text label or its two-digit code; return the label."""
    value = _blank_to_none(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and float(value).is_integer():
        value = str(int(value))
    if isinstance(value, str) and value.strip().isdigit():
        return interaction_label(int(value))
    if isinstance(value, str):
        interaction_from_label(value)
    return value


def _split(value: Any) -> Any:
    value = _blank_to_none(value)
    if value is None:
        return []
    if isinstance(value, str):
        return value.split(LIST_SEPARATOR)
    return value


def _check_source_scale(value: Any) -> Any:
    value = _blank_to_none(value)
    if isinstance(value, str):
        bad = [part for part in value.split("-") if part not in SOURCE_SCALE_PARTS]
        if bad:
            raise ValueError(
                f"source_scale part(s) {', '.join(map(repr, bad))} are not ACLED's; "
                f"expected '-'-joined parts of: {', '.join(SOURCE_SCALE_PARTS)}"
            )
    return value


def _check_civilian_targeting(value: Any) -> Any:
    value = _blank_to_none(value)
    if value is not None and value != CIVILIAN_TARGETING:
        raise ValueError(f"civilian_targeting must be blank or {CIVILIAN_TARGETING!r}")
    return value


AcledDate = Annotated[dt.date, BeforeValidator(parse_acled_date)]
AcledInt = Annotated[int, BeforeValidator(_check_integer)]
AcledFloat = Annotated[float, BeforeValidator(_check_number)]
ActorTypeField = Annotated[
    ActorType, BeforeValidator(parse_actor_type), Categorical(), ParseAs("actor_type")
]
OptionalActorTypeField = Annotated[
    ActorType | None, BeforeValidator(parse_actor_type), Categorical(), ParseAs("actor_type")
]
InteractionLabel = Annotated[
    str,
    BeforeValidator(parse_interaction),
    WithJsonSchema({"type": "string", "enum": list(INTERACTIONS.values())}),
    Categorical(),
    ParseAs("interaction"),
]
JoinedList = Annotated[
    list[str],
    BeforeValidator(_split),
    Joined(),
]
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]
SourceScale = Annotated[
    str | None, BeforeValidator(_check_source_scale), Categorical(), ParseAs("source_scale")
]
CivilianTargeting = Annotated[
    str | None,
    BeforeValidator(_check_civilian_targeting),
    WithJsonSchema({"anyOf": [{"type": "string", "const": CIVILIAN_TARGETING}, {"type": "null"}]}),
    Categorical(),
    ParseAs("civilian_targeting"),
]
