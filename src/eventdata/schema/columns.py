"""Column specs: what each field of a model demands of a column, read from the model once.

A :class:`FieldSpec` holds a column's parsing kind, whether it is required, its nullability,
bounds, vocabulary and description. :data:`FIELD_SPECS` (ACLED, from
:class:`~eventdata.Event`) and :data:`GED_FIELD_SPECS` (UCDP GED, from
:class:`~eventdata.GedEvent`) are derived once here; the columnar parsers, the rules page
and the Arrow schemas read them instead of the models.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import annotated_types
import pyarrow as pa
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from eventdata.models.event import Event
from eventdata.models.fields import Joined, ParseAs
from eventdata.models.ged import GedEvent
from eventdata.schema.types import arrow_type, unwrap_optional
from eventdata.vocabulary.codebook import INTERACTIONS, ActorType

__all__ = [
    "CODE_LIST_COLUMNS",
    "FIELD_SPECS",
    "GED_FIELD_SPECS",
    "KINDS",
    "LABELLED_KINDS",
    "arrow_fields",
    "FieldSpec",
    "Kind",
    "field_spec",
    "model_specs",
]

Kind = Literal[
    "text",
    "integer",
    "float",
    "date",
    "enum",
    "actor_type",
    "interaction",
    "list",
    "source_scale",
    "civilian_targeting",
    "code_list",
]

KINDS: tuple[str, ...] = typing.get_args(Kind)
"""Every parse kind; :class:`~eventdata.models.fields.ParseAs` names one of these."""

LABELLED_KINDS: frozenset[str] = frozenset({"enum", "actor_type", "interaction"})
"""Kinds whose values are codebook labels (text outside the codebook is kept as read)."""


@dataclass(frozen=True)
class FieldSpec:
    """What one ``Event`` field demands of a column.

    Attributes:
        name: ACLED column name.
        kind: how the text is parsed.
        required: the column must exist and a missing value is an error (the field has no
            default and is not optional). For text, only a null is missing: ACLED writes
            some required text columns blank (e.g. admin names) and pydantic accepts "".
        nullable: the parsed value may be missing.
        vocabulary: the allowed labels, for enum kinds.
        ge, le: inclusive bounds for numbers.
        min_length: minimum text length (``not_empty`` when 1).
        description: the field's description.
        arrow: the column's Arrow type in the dataset's typed tables and files.
        arrow_nullable: whether that Arrow field is nullable.
    """

    name: str
    kind: Kind
    required: bool
    nullable: bool
    vocabulary: tuple[str, ...] = ()
    ge: float | None = None
    le: float | None = None
    min_length: int | None = None
    description: str = ""
    arrow: pa.DataType = field(default_factory=pa.string)
    arrow_nullable: bool = True


ArrowMapping = Callable[[str, FieldInfo], tuple[pa.DataType, bool]]
"""How a dataset's field types become Arrow types (see :mod:`eventdata.schema.types`)."""


def field_spec(name: str, info: FieldInfo, *, arrow: ArrowMapping = arrow_type) -> FieldSpec:
    """Read one pydantic field into a :class:`FieldSpec`.

    Args:
        name: the field name.
        info: the pydantic field.
        arrow: the dataset's mapping of field types to Arrow types (ACLED's canonical
            mapping by default).

    Raises:
        TypeError: for a field type eventdata has no columnar parser or Arrow type for.
    """
    base, optional = unwrap_optional(info.annotation)
    ge = le = min_length = None
    for meta in info.metadata:
        if isinstance(meta, annotated_types.Ge):
            ge = float(meta.ge)  # type: ignore[arg-type]
        elif isinstance(meta, annotated_types.Le):
            le = float(meta.le)  # type: ignore[arg-type]
        elif isinstance(meta, annotated_types.MinLen):
            min_length = meta.min_length
    vocabulary: tuple[str, ...] = ()
    kind: Kind
    declared = [m.kind for m in info.metadata if isinstance(m, ParseAs)]
    if declared:
        if declared[0] not in KINDS:
            raise TypeError(f"field {name!r}: ParseAs({declared[0]!r}) is not one of {KINDS}")
        kind = typing.cast(Kind, declared[0])
        if kind == "actor_type":
            vocabulary = tuple(a.value for a in ActorType)
        elif kind == "interaction":
            vocabulary = tuple(INTERACTIONS.values())
    elif any(isinstance(m, Joined) for m in info.metadata):
        kind = "list"
    elif isinstance(base, type) and issubclass(base, enum.Enum):
        kind = "enum"
        vocabulary = tuple(str(m.value) for m in base)
    elif base is dt.date:
        kind = "date"
    elif base is int:
        kind = "integer"
    elif base is float:
        kind = "float"
    elif base is str:
        kind = "text"
    else:
        raise TypeError(f"field {name!r}: no columnar parser for type {info.annotation!r}")
    arrow_type_, arrow_nullable = arrow(name, info)
    return FieldSpec(
        name=name,
        kind=kind,
        required=info.is_required() and not optional,
        nullable=optional or not info.is_required(),
        vocabulary=vocabulary,
        ge=ge,
        le=le,
        min_length=min_length,
        description=info.description or "",
        arrow=arrow_type_,
        arrow_nullable=arrow_nullable,
    )


FIELD_SPECS: tuple[FieldSpec, ...] = tuple(
    field_spec(name, info) for name, info in Event.model_fields.items()
)
"""One spec per ``Event`` field, in ACLED column order."""


def arrow_fields(specs: tuple[FieldSpec, ...]) -> list[pa.Field]:
    """The Arrow field of each spec: its type, nullability and description."""
    return [
        pa.field(
            spec.name,
            spec.arrow,
            nullable=spec.arrow_nullable,
            metadata={"description": spec.description} if spec.description else None,
        )
        for spec in specs
    ]


def model_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """One :class:`FieldSpec` per field of ``model``, in field order (one mapping for all)."""
    return tuple(field_spec(name, info) for name, info in model.model_fields.items())


GED_FIELD_SPECS: tuple[FieldSpec, ...] = model_specs(GedEvent)
"""One spec per GedEvent field, in file order (``gwnoa``/``gwnob`` are code lists)."""

CODE_LIST_COLUMNS: tuple[str, ...] = tuple(
    spec.name for spec in GED_FIELD_SPECS if spec.kind == "code_list"
)
"""GED columns holding ``;``-joined Gleditsch-Ward codes (``gwnoa``, ``gwnob``)."""
