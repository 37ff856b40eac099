"""Single-field rules derived from the :class:`~eventdata.Event` declarations.

Each ``Event`` field is read once (its type, whether it is required, its bounds and its
vocabulary) into a :class:`FieldSpec`. The columnar parser turns one all-string Arrow
column into typed values plus failure masks for the rules ``required.<col>``,
``type.<col>``, ``vocabulary.<col>``, ``range.<col>`` and ``not_empty.<col>``: the same
checks pydantic applies when ``Event.model_validate`` parses a row, as a test proves.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import annotated_types
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic.fields import FieldInfo

from eventdata.models.event import Event
from eventdata.models.fields import (
    ACLED_DATE_FORMATS,
    INTEGER_PATTERN,
    LIST_SEPARATOR,
    MAX_INTEGER_DIGITS,
    NUMBER_PATTERN,
    Joined,
)
from eventdata.validation.rules import to_mask
from eventdata.vocabulary.codebook import (
    CIVILIAN_TARGETING,
    INTERACTIONS,
    SOURCE_SCALE_PARTS,
    ActorType,
)

__all__ = [
    "FIELD_SPECS",
    "ColumnMap",
    "FieldSpec",
    "Kind",
    "LazyArray",
    "ParsedColumn",
    "field_spec",
    "parse_column",
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
]


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


_SPECIAL_KINDS: dict[str, Kind] = {
    "inter1": "actor_type",
    "inter2": "actor_type",
    "interaction": "interaction",
    "source_scale": "source_scale",
    "civilian_targeting": "civilian_targeting",
}


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], len(args) < len(typing.get_args(annotation))
    return annotation, False


def field_spec(name: str, info: FieldInfo) -> FieldSpec:
    """Read one pydantic field into a :class:`FieldSpec`.

    Raises:
        TypeError: for a field type eventdata has no columnar parser for.
    """
    base, optional = _unwrap_optional(info.annotation)
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
    if name in _SPECIAL_KINDS:
        kind = _SPECIAL_KINDS[name]
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
        raise TypeError(f"Event.{name}: no columnar parser for type {info.annotation!r}")
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
    )


FIELD_SPECS: tuple[FieldSpec, ...] = tuple(
    field_spec(name, info) for name, info in Event.model_fields.items()
)
"""One spec per ``Event`` field, in ACLED column order."""


@dataclass(frozen=True)
class Check:
    """One failing single-field check: rule name, mask of failing rows, what was expected."""

    rule: str
    mask: np.ndarray
    expected: str


class LazyArray:
    """A column computed when first used (no rule reads the list columns: split them late)."""

    def __init__(self, compute: Callable[[], pa.Array | pa.ChunkedArray]) -> None:
        self._compute = compute
        self._value: pa.Array | pa.ChunkedArray | None = None

    def get(self) -> pa.Array | pa.ChunkedArray:
        """The computed column."""
        if self._value is None:
            self._value = self._compute()
        return self._value


class ColumnMap(Mapping[str, Any]):
    """Parsed columns by name; lazy columns are computed on first access."""

    def __init__(self, columns: dict[str, Any] | None = None) -> None:
        self._columns: dict[str, Any] = dict(columns or {})

    def __getitem__(self, name: str) -> Any:
        value = self._columns[name]
        return value.get() if isinstance(value, LazyArray) else value

    def __setitem__(self, name: str, value: Any) -> None:
        self._columns[name] = value

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __contains__(self, name: object) -> bool:
        return name in self._columns  # without computing a lazy column

    def with_extra(self, extra: Mapping[str, Any]) -> ColumnMap:
        """A new map holding these columns (still lazy) and ``extra`` ones."""
        return ColumnMap({**self._columns, **extra})


@dataclass(frozen=True)
class ParsedColumn:
    """A column parsed from text: typed values (null where blank or invalid) and failures."""

    values: pa.Array | LazyArray
    checks: tuple[Check, ...]


_INT_RE = INTEGER_PATTERN
_FLOAT_RE = NUMBER_PATTERN


def _blank(text: pa.Array) -> pa.Array:
    return pc.or_kleene(pc.is_null(text), pc.equal(text, ""))


def _per_chunk(
    text: pa.Array | pa.ChunkedArray, convert: Any, out_type: pa.DataType
) -> pa.Array | pa.ChunkedArray:
    if isinstance(text, pa.ChunkedArray):
        return pa.chunked_array([convert(c) for c in text.chunks], type=out_type)
    return convert(text)


def blank_to_null(text: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Blank strings as nulls, sharing the text's buffers (no copy of the data)."""

    def convert(chunk: pa.Array) -> pa.Array:
        blank = to_mask(_blank(chunk))
        if not blank.any():
            return chunk
        if chunk.offset != 0 or not pa.types.is_string(chunk.type):
            return pc.if_else(blank, pa.scalar(None, chunk.type), chunk)
        validity = pa.array(~blank).buffers()[1]
        buffers = chunk.buffers()
        return pa.Array.from_buffers(
            chunk.type, len(chunk), [validity, buffers[1], buffers[2]], null_count=int(blank.sum())
        )

    return _per_chunk(text, convert, pa.string())


def _split_joined(text: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Split '; '-joined cells into lists; blank cells become empty lists."""

    def convert(chunk: pa.Array) -> pa.Array:
        lists = pc.split_pattern(chunk, LIST_SEPARATOR)
        blank = to_mask(_blank(chunk))
        if not blank.any():
            return lists
        lengths = pc.fill_null(pc.list_value_length(lists), 0).to_numpy(zero_copy_only=False)
        keep = np.repeat(~blank, lengths)
        values = pc.list_flatten(lists).filter(pa.array(keep))
        lengths = np.where(blank, 0, lengths)
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int32)
        return pa.ListArray.from_arrays(pa.array(offsets), values)

    return _per_chunk(text, convert, pa.list_(pa.string()))


def _cast_where(text: pa.Array, ok: pa.Array, target: pa.DataType) -> pa.Array:
    cleaned = pc.if_else(ok, text, pa.scalar(None, pa.string()))
    if pa.types.is_integer(target):
        if pc.any(pc.match_substring_regex(cleaned, r"[.+\s]")).as_py():
            cleaned = pc.replace_substring_regex(cleaned, r"^\s*\+?|\.0*\s*$|\s+$", "")
    elif pc.any(pc.match_substring_regex(cleaned, r"\s")).as_py():
        cleaned = pc.utf8_trim_whitespace(cleaned)
    return pc.cast(cleaned, target)


def _fast_number(text: pa.Array, target: pa.DataType) -> pa.Array | None:
    """Cast a clean column in one step; None when some value needs the careful path."""
    try:
        return pc.cast(text, target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass  # blanks, or values that need the careful path
    try:
        return pc.cast(blank_to_null(text), target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


# where each date format writes the day of the month; strptime rolls impossible days over
# (2021-02-30 -> 2021-03-02), so the day it parsed is compared with the day written
_DAY_PATTERNS = {
    "%Y-%m-%d": r"^\d{4}-\d{1,2}-(?P<day>\d{1,2})",
    "%d %B %Y": r"^(?P<day>\d{1,2}) ",
    "%d %b %Y": r"^(?P<day>\d{1,2}) ",
}


def _parse_date(text: pa.Array) -> pa.Array:
    try:  # fast path: strict ISO dates, which Arrow's cast checks for impossible days
        return pc.cast(blank_to_null(text), pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    result = None
    text = pc.utf8_trim_whitespace(text)  # as Event does
    for fmt in ACLED_DATE_FORMATS:
        parsed = pc.strptime(text, format=fmt, unit="s", error_is_null=True)
        written = pc.struct_field(pc.extract_regex(text, _DAY_PATTERNS[fmt]), "day")
        rolled = pc.not_equal(pc.day(parsed), pc.cast(written, pa.int64()))
        parsed = pc.if_else(pc.fill_null(rolled, False), pa.scalar(None, parsed.type), parsed)
        result = parsed if result is None else pc.coalesce(result, parsed)
        if result.null_count == 0:
            break
    assert result is not None
    return pc.cast(result, pa.date32())


def _lookup_labels(
    text: pa.Array, labels: tuple[str, ...], codes: tuple[str, ...]
) -> tuple[pa.Array, pa.Array]:
    """Labels for text that is a label or a numeric code (codes[i] <-> labels[i]).

    Returns the labels (null where the text is neither: the rules skip such rows, and
    ``Parsed.table`` puts the original text back so reading never loses it) and a boolean
    array, True where the text was a label or a code.
    """
    label_array = pa.array(labels)
    index = pc.index_in(text, value_set=label_array)
    if index.null_count == 0:
        return text, pc.is_valid(index)  # every value is a label already
    blanks = pc.sum(pc.equal(text, "")).as_py() or 0
    if codes and index.null_count > blanks + text.null_count:
        by_code = pc.index_in(pc.utf8_trim_whitespace(text), value_set=pa.array(codes))
        index = pc.coalesce(index, by_code)
    return pc.take(label_array, index), pc.is_valid(index)


_SOURCE_SCALE_SET = frozenset(SOURCE_SCALE_PARTS)
_ACTOR_CODES = tuple(str(a.code) for a in ActorType)
_INTERACTION_CODES = tuple(str(code) for code in INTERACTIONS)


def _expected_range(spec: FieldSpec) -> str:
    parts = []
    if spec.ge is not None:
        parts.append(f">= {spec.ge:g}")
    if spec.le is not None:
        parts.append(f"<= {spec.le:g}")
    return " and ".join(parts)


def parse_column(spec: FieldSpec, text: pa.Array) -> ParsedColumn:
    """Parse one all-string column by its spec; return typed values and failure masks."""
    blank = _blank(text)
    checks: list[Check] = []

    def fail(rule: str, bad: pa.Array, expected: str) -> None:
        mask = to_mask(bad)
        if mask.any():
            checks.append(Check(f"{rule}.{spec.name}", mask, expected))

    if spec.kind == "actor_type":  # legacy code 0 means "no actor"
        blank = pc.or_kleene(blank, pc.equal(pc.utf8_trim_whitespace(text), "0"))
    if spec.required:
        missing = pc.is_null(text) if spec.kind == "text" else blank
        fail("required", missing, "a value (this column may not be blank)")
    present = pc.invert(blank)
    values: pa.Array
    if spec.kind == "text":
        if spec.nullable:
            values = LazyArray(lambda: blank_to_null(text))
        else:
            values = pc.fill_null(text, "") if text.null_count else text
        if spec.min_length:
            fail("not_empty", pc.less(pc.utf8_length(text), spec.min_length), "non-empty text")
    elif spec.kind in ("integer", "float"):
        target = pa.int64() if spec.kind == "integer" else pa.float64()
        too_long: pa.Array | None = None
        fast = _fast_number(text, target)
        if fast is not None and spec.kind == "float":
            fast = None if pc.any(pc.is_nan(fast)).as_py() else fast  # "nan": careful path
        if fast is not None:
            values = fast
        else:
            pattern = _INT_RE if spec.kind == "integer" else _FLOAT_RE
            ok = pc.match_substring_regex(text, pattern)
            noun = "an integer" if spec.kind == "integer" else "a number"
            fail("type", pc.and_(present, pc.invert(ok)), noun)
            if spec.kind == "integer":  # too many digits for any column (or int64)
                digits = pc.utf8_length(pc.replace_substring_regex(text, r"\.0+\s*$|[^0-9]", ""))
                too_long = pc.and_(ok, pc.greater(digits, MAX_INTEGER_DIGITS))
                ok = pc.and_(ok, pc.invert(too_long))
            values = _cast_where(text, ok, target)
        out_of_range = too_long
        if spec.ge is not None:
            below = pc.less(values, spec.ge)
            out_of_range = below if out_of_range is None else pc.or_kleene(out_of_range, below)
        if spec.le is not None:
            above = pc.greater(values, spec.le)
            out_of_range = above if out_of_range is None else pc.or_kleene(out_of_range, above)
        if out_of_range is not None:
            fail("range", out_of_range, _expected_range(spec))
            values = pc.if_else(out_of_range, pa.scalar(None, target), values)
    elif spec.kind == "date":
        values = _parse_date(text)
        fail(
            "type",
            pc.and_(present, pc.is_null(values)),
            "a date like 2024-01-31 or 31 January 2024",
        )
    elif spec.kind in ("enum", "actor_type", "interaction"):
        codes = {"actor_type": _ACTOR_CODES, "interaction": _INTERACTION_CODES}.get(spec.kind, ())
        values, known = _lookup_labels(text, spec.vocabulary, codes)
        if spec.kind == "actor_type":
            values = pc.if_else(blank, pa.scalar(None, pa.string()), values)
        fail(
            "vocabulary",
            pc.and_(present, pc.invert(known)),
            "one of: " + ", ".join(spec.vocabulary),
        )
    elif spec.kind == "list":
        values = LazyArray(lambda: _split_joined(text))
    elif spec.kind == "source_scale":
        values = LazyArray(lambda: blank_to_null(text))
        # few distinct values: check each once, then find the rows holding a bad one
        bad = [
            value
            for value in pc.unique(text).to_pylist()
            if value and not set(value.split("-")) <= _SOURCE_SCALE_SET
        ]
        if bad:
            fail(
                "vocabulary",
                pc.is_in(text, value_set=pa.array(bad, pa.string())),
                "'-'-joined parts of: " + ", ".join(SOURCE_SCALE_PARTS),
            )
    elif spec.kind == "civilian_targeting":
        values = LazyArray(lambda: blank_to_null(text))
        fail(
            "vocabulary",
            pc.and_(present, pc.not_equal(text, CIVILIAN_TARGETING)),
            f"blank or {CIVILIAN_TARGETING!r}",
        )
    else:  # pragma: no cover - guarded by field_spec
        raise TypeError(spec.kind)
    return ParsedColumn(values=values, checks=tuple(checks))


def iter_rule_names() -> Iterator[tuple[str, str, FieldSpec]]:
    """Every single-field rule name with its check family, for docs and ``--select``."""
    for spec in FIELD_SPECS:
        if spec.required:
            yield f"required.{spec.name}", "required", spec
        if spec.kind in ("integer", "float", "date"):
            yield f"type.{spec.name}", "type", spec
        if spec.ge is not None or spec.le is not None:
            yield f"range.{spec.name}", "range", spec
        if spec.kind in ("enum", "actor_type", "interaction", "source_scale", "civilian_targeting"):
            yield f"vocabulary.{spec.name}", "vocabulary", spec
        if spec.min_length:
            yield f"not_empty.{spec.name}", "not_empty", spec
