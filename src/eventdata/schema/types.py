"""How a model field type becomes an Arrow type: one explicit table.

The mapping; a reader can check it line by
line against :data:`TYPE_MAPPING` and the tests:

=====================================  ===========================================
model field type                       Arrow type
=====================================  ===========================================
``str``                                ``string``
``str`` marked ``Categorical()``       ``dictionary<int32, string>``
``str``-valued ``Enum``                ``dictionary<int32, string>`` (categorical)
``datetime.date``                      ``date32``
``int`` with ``ge``/``le`` bounds      smallest signed int holding the range
``int`` named in :data:`INT_WIDTHS`    the width given there
``int`` otherwise                      ``int64``
``float``                              ``float64``
``list[str]`` marked ``Joined()``      ``list<string>``
``list[int]``                          ``list<int64>`` (GED's ``;``-joined code lists)
``bool``                               ``bool``
``X | None``                           nullable ``X``; other fields are not nullable
anything else                          ``TypeError`` naming the field
=====================================  ===========================================
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any

import annotated_types
import pyarrow as pa
from pydantic.fields import FieldInfo

from eventdata.models.fields import Categorical, Joined

__all__ = [
    "CATEGORICAL",
    "INT_WIDTHS",
    "TYPE_MAPPING",
    "arrow_type",
    "unwrap_optional",
]

CATEGORICAL = pa.dictionary(pa.int32(), pa.string())
"""Arrow type of ``Categorical()`` and enum columns."""

INT_WIDTHS: dict[str, pa.DataType] = {
    "year": pa.int16(),  # calendar years; int16 holds 0-32767 (and ACLED's "0025" mistakes)
    "fatalities": pa.int32(),  # no upper bound declared; 2**31 deaths is out of this world
    "timestamp": pa.int64(),  # Unix seconds outlive int32 in 2038
}
"""Integer widths for fields whose bounds do not fix one (no ``le``)."""

_SIGNED_INTS: tuple[pa.DataType, ...] = (pa.int8(), pa.int16(), pa.int32(), pa.int64())

TYPE_MAPPING: tuple[tuple[str, str], ...] = (
    ("str", "string"),
    ("str + Categorical()", "dictionary<int32, string>"),
    ("str Enum", "dictionary<int32, string>"),
    ("datetime.date", "date32"),
    ("int with ge/le", "smallest of int8/int16/int32/int64 holding [ge, le]"),
    ("int in INT_WIDTHS", "the width named there"),
    ("int", "int64"),
    ("float", "float64"),
    ("list[str] + Joined()", "list<string>"),
    ("list[int]", "list<int64>"),
    ("bool", "bool"),
    ("X | None", "nullable X"),
)
"""The mapping as documentation rows (model type, Arrow type); see :func:`arrow_type`."""


def unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """``X`` and True for ``X | None``; the annotation and False otherwise."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1 and len(args) < len(typing.get_args(annotation)):
            return args[0], True
    return annotation, False


def _bounds(metadata: list[Any]) -> tuple[float | None, float | None]:
    low: float | None = None
    high: float | None = None
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            low = float(item.ge)  # type: ignore[arg-type]
        elif isinstance(item, annotated_types.Gt):
            low = float(item.gt) + 1  # type: ignore[arg-type]
        elif isinstance(item, annotated_types.Le):
            high = float(item.le)  # type: ignore[arg-type]
        elif isinstance(item, annotated_types.Lt):
            high = float(item.lt) - 1  # type: ignore[arg-type]
    return low, high


def _int_type(name: str, metadata: list[Any]) -> pa.DataType:
    if name in INT_WIDTHS:
        return INT_WIDTHS[name]
    low, high = _bounds(metadata)
    if low is None or high is None:
        return pa.int64()
    for candidate in _SIGNED_INTS:
        bits = candidate.bit_width
        if -(2 ** (bits - 1)) <= low and high <= 2 ** (bits - 1) - 1:
            return candidate
    raise TypeError(f"field {name!r}: bounds [{low}, {high}] do not fit in int64")


def arrow_type(name: str, field: FieldInfo) -> tuple[pa.DataType, bool]:
    """The Arrow type and nullability of one model field (the mapping table above).

    Args:
        name: the field name, used in error messages and for :data:`INT_WIDTHS`.
        field: the pydantic field, e.g. ``Event.model_fields["iso"]``.

    Returns:
        ``(arrow type, nullable)``.

    Raises:
        TypeError: the annotation is not in the mapping table; nothing is guessed.

    """
    annotation, nullable = unwrap_optional(field.annotation)
    markers = {type(m) for m in field.metadata}
    if typing.get_origin(annotation) is list and typing.get_args(annotation) == (str,):
        if Joined in markers:
            return pa.list_(pa.string()), nullable
    elif typing.get_origin(annotation) is list and typing.get_args(annotation) == (int,):
        return pa.list_(pa.int64()), nullable
    elif isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        if issubclass(annotation, str):
            return CATEGORICAL, nullable
    elif annotation is str:
        return (CATEGORICAL if Categorical in markers else pa.string()), nullable
    elif annotation is bool:
        return pa.bool_(), nullable
    elif annotation is int:
        return _int_type(name, field.metadata), nullable
    elif annotation is float:
        return pa.float64(), nullable
    elif annotation is dt.date:
        return pa.date32(), nullable
    raise TypeError(
        f"field {name!r}: no Arrow type for annotation {field.annotation!r} with markers "
        f"{sorted(m.__name__ for m in markers)}; add a row to the mapping table of"
        " eventdata.schema.types"
    )
