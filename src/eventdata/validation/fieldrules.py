"""Single-field rules derived from the column specs of the models.

Each model field is read once (its type, whether it is required, its bounds and its
vocabulary) into a :class:`~eventdata.schema.columns.FieldSpec`. The columnar parser
turns one all-string Arrow column into typed values plus failure masks for the rules
``required.<col>``, ``type.<col>``, ``vocabulary.<col>``, ``range.<col>`` and
``not_empty.<col>``: the same checks pydantic applies when ``Event.model_validate``
parses a row, as a test proves. :data:`PARSERS` holds one parser per kind of column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.models.fields import (
    CODE_SEPARATOR,
    INTEGER_PATTERN,
    MAX_INTEGER_DIGITS,
    NUMBER_PATTERN,
)
from eventdata.rules.base import to_mask, value_bytes
from eventdata.schema.columns import FIELD_SPECS, FieldSpec
from eventdata.validation.arrays import (
    LazyArray,
    blank_to_null,
    cast_where,
    fast_number,
    is_blank,
    lookup_labels,
    split_joined,
)
from eventdata.validation.dates import date_column
from eventdata.vocabulary.codebook import (
    CIVILIAN_TARGETING,
    INTERACTIONS,
    SOURCE_SCALE_PARTS,
    ActorType,
)
from eventdata.vocabulary.legacy import LEGACY_SOURCE_SCALE_PARTS

__all__ = ["PARSERS", "ParsedColumn", "parse_column"]


@dataclass(frozen=True)
class Check:
    """One failing single-field check: rule name, mask of failing rows, what was expected."""

    rule: str
    mask: np.ndarray
    expected: str


@dataclass(frozen=True)
class ParsedColumn:
    """A column parsed from text: typed values (null where blank or invalid) and failures."""

    values: pa.Array | LazyArray
    checks: tuple[Check, ...]
    date_style: str | None = None


_SOURCE_SCALE_SET = frozenset((*SOURCE_SCALE_PARTS, *LEGACY_SOURCE_SCALE_PARTS))
_ACTOR_CODES = tuple(str(a.code) for a in ActorType)
_INTERACTION_CODES = tuple(str(code) for code in INTERACTIONS)


def _expected_range(spec: FieldSpec) -> str:
    parts = []
    if spec.ge is not None:
        parts.append(f">= {spec.ge:g}")
    if spec.le is not None:
        parts.append(f"<= {spec.le:g}")
    return " and ".join(parts)


@dataclass
class _Column:
    """One column being parsed: its spec, its text, and the failures found so far."""

    spec: FieldSpec
    text: pa.Array
    blank: pa.Array
    checks: list[Check] = field(default_factory=list)

    @property
    def present(self) -> pa.Array:
        return pc.invert(self.blank)

    def fail(self, rule: str, bad: pa.Array, expected: str) -> None:
        mask = to_mask(bad)
        if mask.any():
            self.checks.append(Check(f"{rule}.{self.spec.name}", mask, expected))


Parser = Callable[[_Column], "pa.Array | LazyArray"]


def _text(c: _Column) -> pa.Array | LazyArray:
    text, spec = c.text, c.spec
    if spec.min_length:
        short = pc.less(pc.utf8_length(text), spec.min_length)
        c.fail("not_empty", pc.or_kleene(short, pc.utf8_is_space(text)), "text that is not blank")
    if spec.nullable:
        return LazyArray(lambda: blank_to_null(text))
    return text  # a null (an absent column, a blank marker) stays null: it is not ""


def _number(c: _Column) -> pa.Array:
    spec = c.spec
    target = pa.int64() if spec.kind == "integer" else pa.float64()
    too_long: pa.Array | None = None
    values = fast_number(c.text, target)
    # Arrow's cast reads "0x10" as 16 and "inf" / "nan" as floats, which the careful path
    # refuses: such a column takes the careful path, so a cell never passes or fails by
    # what its neighbours hold.
    if values is not None and spec.kind == "float":
        finite = pc.is_finite(values)
        values = None if pc.any(pc.invert(finite)).as_py() else values
    elif values is not None and _holds_x(c.text):
        values = None
    if values is None:  # white space of any kind around a number is no error (as float())
        text = pc.utf8_trim_whitespace(c.text)
        pattern = INTEGER_PATTERN if spec.kind == "integer" else NUMBER_PATTERN
        ok = pc.match_substring_regex(text, pattern)
        noun = "an integer" if spec.kind == "integer" else "a number"
        c.fail("type", pc.and_(c.present, pc.invert(ok)), noun)
        if spec.kind == "integer":  # too many digits for any column (or int64)
            digits = pc.utf8_length(pc.replace_substring_regex(text, r"\.0+\s*$|[^0-9]", ""))
            too_long = pc.and_(ok, pc.greater(digits, MAX_INTEGER_DIGITS))
            ok = pc.and_(ok, pc.invert(too_long))
        values = cast_where(text, ok, target)
    out_of_range = too_long
    for bound, compare in ((spec.ge, pc.less), (spec.le, pc.greater)):
        if bound is not None:
            beyond = compare(values, bound)
            out_of_range = beyond if out_of_range is None else pc.or_kleene(out_of_range, beyond)
    if out_of_range is not None:
        c.fail("range", out_of_range, _expected_range(spec))
        values = pc.if_else(out_of_range, pa.scalar(None, target), values)
    return values


def _holds_x(text: pa.Array) -> bool:
    """Whether some value holds an ``x`` or ``X`` (a byte scan, no regular expression)."""
    chunks = value_bytes(text)
    if chunks is None:
        return bool(pc.any(pc.match_substring(text, "x", ignore_case=True)).as_py())
    return any(bool((data == ord("x")).any() or (data == ord("X")).any()) for data in chunks)


def _labels(c: _Column) -> pa.Array:
    kind = c.spec.kind
    codes = {"actor_type": _ACTOR_CODES, "interaction": _INTERACTION_CODES}.get(kind, ())
    values, known = lookup_labels(c.text, c.spec.vocabulary, codes)
    if kind == "actor_type":
        values = pc.if_else(c.blank, pa.scalar(None, pa.string()), values)
    c.fail(
        "vocabulary",
        pc.and_(c.present, pc.invert(known)),
        "one of: " + ", ".join(c.spec.vocabulary),
    )
    return values


def _list(c: _Column) -> LazyArray:
    text = c.text
    return LazyArray(lambda: split_joined(text))


def _source_scale(c: _Column) -> LazyArray:
    text = c.text
    # few distinct values: check each once, then find the rows holding a bad one
    bad = [
        value
        for value in pc.unique(text).to_pylist()
        if value and not set(value.split("-")) <= _SOURCE_SCALE_SET
    ]
    if bad:
        c.fail(
            "vocabulary",
            pc.is_in(text, value_set=pa.array(bad, pa.string())),
            "'-'-joined parts of: " + ", ".join(SOURCE_SCALE_PARTS),
        )
    return LazyArray(lambda: blank_to_null(text))


def _civilian_targeting(c: _Column) -> LazyArray:
    text = c.text
    c.fail(
        "vocabulary",
        pc.and_(c.present, pc.not_equal(text, CIVILIAN_TARGETING)),
        f"blank or {CIVILIAN_TARGETING!r}",
    )
    return LazyArray(lambda: blank_to_null(text))


def _code_list(c: _Column) -> pa.Array:
    """``2;200;900`` (or ``645.0``) to ``[2, 200, 900]``; a non-integer part nulls the row."""
    text = pc.if_else(c.blank, pa.scalar(None, pa.string()), c.text)
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    parts = pc.split_pattern(text, CODE_SEPARATOR)
    flat = pc.utf8_trim_whitespace(pc.list_flatten(parts))
    flat = pc.replace_substring_regex(flat, r"\.0+$", "")  # 645.0, as spreadsheets write it
    ok = pc.fill_null(pc.match_substring_regex(flat, r"^[+-]?\d{1,18}$"), False)
    parents = np.asarray(pc.list_parent_indices(parts))
    bad = np.zeros(len(text), dtype=bool)
    bad[parents[~to_mask(ok)]] = True
    c.fail("type", pa.array(bad), "codes: integers joined by ';', e.g. 2;200;900")
    ints = pc.cast(pc.if_else(ok, flat, pa.scalar(None, pa.string())), pa.int64())
    offsets = pc.subtract(parts.offsets, parts.offsets[0])
    mask = pc.or_(pc.is_null(parts), pa.array(bad))
    return pa.ListArray.from_arrays(offsets, ints, mask=mask)


PARSERS: dict[str, Parser] = {
    "text": _text,
    "integer": _number,
    "float": _number,
    "enum": _labels,
    "actor_type": _labels,
    "interaction": _labels,
    "list": _list,
    "source_scale": _source_scale,
    "civilian_targeting": _civilian_targeting,
    "code_list": _code_list,
}
"""The columnar parser of each kind of column but dates (which need the ``year`` column)."""


def parse_column(
    spec: FieldSpec,
    text: pa.Array,
    *,
    year: pa.Array | None = None,
    date_format: str | None = None,
) -> ParsedColumn:
    """Parse one all-string column by its spec; return typed values and failure masks.

    Args:
        spec: what the column demands.
        text: the column as text.
        year: the input's ``year`` column as text, for date columns (it settles the
            century of two-digit years and ties between date styles).
        date_format: the date style to use for a date column; decided from the values
            when None (see :mod:`eventdata.models.dates`).

    Raises:
        AmbiguousDates: a date column can be read as different dates in several styles.
    """
    blank = is_blank(text)
    if spec.kind == "actor_type":  # legacy code 0 means "no actor"
        blank = pc.or_kleene(blank, pc.equal(pc.utf8_trim_whitespace(text), "0"))
    column = _Column(spec, text, blank)
    if spec.required:
        missing = pc.is_null(text) if spec.kind == "text" else blank
        column.fail("required", missing, "a value (this column may not be blank)")
    if spec.kind == "date":
        values, date_style = _date(column, year=year, date_format=date_format)
        return ParsedColumn(values=values, checks=tuple(column.checks), date_style=date_style)
    return ParsedColumn(values=PARSERS[spec.kind](column), checks=tuple(column.checks))


def _date(
    c: _Column, *, year: pa.Array | None, date_format: str | None
) -> tuple[pa.Array, str | None]:
    values, decision = date_column(c.text, year=year, given=date_format)
    example = decision.main.example if decision.main else "2019-12-31"
    c.fail(
        "type",
        pc.and_(c.present, pc.is_null(values)),
        f"a date written like the column's other dates ({example})"
        if decision.main and decision.main.name != "iso"
        else "a date like 2024-01-31 or 31 January 2024",
    )
    return values, decision.name


def iter_rule_names(
    specs: tuple[FieldSpec, ...] = FIELD_SPECS,
) -> Iterator[tuple[str, str, FieldSpec]]:
    """Every single-field rule name with its check family, for docs and ``--select``."""
    for spec in specs:
        if spec.required:
            yield f"required.{spec.name}", "required", spec
        if spec.kind in ("integer", "float", "date", "code_list"):
            yield f"type.{spec.name}", "type", spec
        if spec.ge is not None or spec.le is not None:
            yield f"range.{spec.name}", "range", spec
        if spec.kind in ("enum", "actor_type", "interaction", "source_scale", "civilian_targeting"):
            yield f"vocabulary.{spec.name}", "vocabulary", spec
        if spec.min_length:
            yield f"not_empty.{spec.name}", "not_empty", spec
