"""Validating UCDP GED text tables, columnar.

:func:`check_ged` takes a GED input as text (a
:class:`~eventdata.schema.text.RawTable`), parses each of the 49 GED columns with the
single-field rules derived from the :class:`~eventdata.models.ged.GedEvent` fields (the
same derivation ACLED columns use, :func:`~eventdata.schema.columns.field_spec`), and runs
the cross-field rules of :data:`~eventdata.rules.ged.GED_RULES` on the parsed arrays. No
pydantic object is built. Blank cells and ``NA`` are missing values.

Single-field rules: ``required.<col>`` (blank integer, float or date column that may not be
blank), ``not_empty.<col>`` (blank required text), ``type.<col>`` (not a number, date, or
``;``-joined code list), ``range.<col>`` (outside the field's bounds), plus
``columns.missing`` for a required column absent from the input. See ``docs/ucdp.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.models.ged import CODE_SEPARATOR, GED_MISSING, GedEvent
from eventdata.rules.base import to_mask
from eventdata.rules.ged import GED_RULES
from eventdata.schema.columns import CODE_LIST_COLUMNS, GED_FIELD_SPECS, FieldSpec
from eventdata.schema.text import PANDAS_INDEX_NAMES, RawTable
from eventdata.validation.arrays import ColumnMap
from eventdata.validation.engine import collect_failures
from eventdata.validation.fieldrules import parse_column
from eventdata.validation.parse import Parsed, parse_dates_of
from eventdata.validation.report import FailureBlock, ValidationReport

__all__ = [
    "GED_DIALECT",
    "GED_FIELD_SPECS",
    "GedValidationReport",
    "ged_arrow_schema",
    "ged_rules",
    "parse_ged",
    "rules_markdown",
    "check_ged",
    "prepare_ged",
]

GED_DIALECT = "ucdp-ged"
"""The dialect name GED inputs are reported under."""

MISSING_COLUMN_RULE = "columns.missing"
_SPECS = {spec.name: spec for spec in GED_FIELD_SPECS}
_CODE_LIST_TYPE = pa.list_(pa.int64())


# -- schema ---------------------------------------------------------------------------------


def ged_arrow_schema() -> pa.Schema:
    """Return the Arrow schema of a typed GED table: 49 columns in file order.

    Each column's type comes from its spec (:data:`~eventdata.schema.columns.GED_FIELD_SPECS`:
    ``int`` fields are ``int64``, ``float`` ``float64``, dates ``date32``, text ``string``);
    ``gwnoa``/``gwnob`` are ``list<int64>``; optional fields are nullable. Field metadata
    carries each field's description.
    """
    fields = []
    for name, info in GedEvent.model_fields.items():
        spec = _SPECS.get(name)
        meta = {"description": info.description} if info.description else None
        if spec is None:  # a code list
            fields.append(pa.field(name, _CODE_LIST_TYPE, nullable=True, metadata=meta))
        else:
            fields.append(pa.field(name, spec.arrow, nullable=spec.arrow_nullable, metadata=meta))
    return pa.schema(fields)


_SCHEMA = ged_arrow_schema()


# -- parsing -------------------------------------------------------------------------------


def _array(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    if isinstance(column, pa.ChunkedArray):
        return column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    return column


def _missing_as_blank(text: pa.Array) -> pa.Array:
    """Null, blank and ``NA`` cells as ``""``, what the field parsers read as blank."""
    missing = pc.fill_null(
        pc.is_in(pc.utf8_trim_whitespace(text), value_set=pa.array(GED_MISSING)), True
    )
    return pc.if_else(missing, "", text)


def _parse_codes(name: str, text: pa.Array) -> tuple[pa.Array, FailureBlock | None]:
    """``2;200;900`` (or ``645.0``) to ``[2, 200, 900]``; a non-integer part nulls the row."""
    blank = pc.equal(text, "")
    parts = pc.split_pattern(pc.if_else(blank, pa.scalar(None, pa.string()), text), CODE_SEPARATOR)
    flat = pc.utf8_trim_whitespace(pc.list_flatten(parts))
    flat = pc.replace_substring_regex(flat, r"\.0+$", "")  # 645.0, as spreadsheets write it
    ok = pc.fill_null(pc.match_substring_regex(flat, r"^[+-]?\d+$"), False)
    parents = np.asarray(pc.list_parent_indices(parts))
    bad = np.zeros(len(text), dtype=bool)
    bad[parents[~to_mask(ok)]] = True
    ints = pc.cast(pc.if_else(ok, flat, pa.scalar(None, pa.string())), pa.int64())
    offsets = pc.subtract(parts.offsets, parts.offsets[0])
    values = pa.ListArray.from_arrays(offsets, ints, mask=pc.or_(pc.is_null(parts), pa.array(bad)))
    block = None
    if bad.any():
        block = FailureBlock(
            rule=f"type.{name}",
            severity="error",
            column=name,
            rows=np.flatnonzero(bad),
            expected="Gleditsch-Ward codes: integers joined by ';', e.g. 2;200;900",
        )
    return values, block


def parse_ged(raw: RawTable, /) -> Parsed:
    """Parse every GED column of a text table into typed arrays; never raises on bad values.

    Returns:
        A :class:`~eventdata.validation.engine.Parsed` whose ``columns`` are the 49 GED
        columns (nulls where blank, ``NA`` or invalid) and whose ``blocks`` hold every
        single-field failure.

    """
    n = raw.n_rows
    present = set(raw.table.column_names)
    columns: dict[str, Any] = {}
    blocks: list[FailureBlock] = []
    missing: list[str] = []
    for name in GedEvent.model_fields:
        required = name not in CODE_LIST_COLUMNS and (
            _SPECS[name].required or bool(_SPECS[name].min_length)
        )
        if name in present:
            text = _missing_as_blank(_array(raw.table.column(name)))
        else:
            text = pa.array([""] * n, pa.string())
            if required:
                missing.append(name)
        if name in CODE_LIST_COLUMNS:
            columns[name], block = _parse_codes(name, text)
            blocks.extend([block] if block else [])
            continue
        spec = _SPECS[name]
        if name not in present:  # reported once as columns.missing, not once per row
            spec = FieldSpec(name=name, kind=spec.kind, required=False, nullable=True)
        result = (
            parse_dates_of(raw, spec, text) if spec.kind == "date" else parse_column(spec, text)
        )
        columns[name] = result.values
        blocks.extend(
            FailureBlock(
                rule=check.rule,
                severity="error",
                column=name,
                rows=np.flatnonzero(check.mask),
                expected=check.expected,
            )
            for check in result.checks
        )
    extra = [name for name in raw.table.column_names if name not in columns]
    absent = {name for name in columns if name not in present}
    return Parsed(
        raw=raw,
        columns=ColumnMap(columns),
        extra=extra,
        blocks=blocks,
        missing=missing,
        absent=absent,
    )


def typed_table(parsed: Parsed) -> pa.Table:
    """Cast the parsed GED columns to :func:`ged_arrow_schema`; extra columns follow."""
    arrays: list[pa.Array] = []
    fields: list[pa.Field] = []
    for target in _SCHEMA:
        column = pc.cast(parsed.columns[target.name], target.type)
        arrays.append(column)
        fields.append(target.with_nullable(target.nullable or column.null_count > 0))
    for name in parsed.extra:
        arrays.append(_array(parsed.raw.table.column(name)))
        fields.append(pa.field(name, pa.string()))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


# -- validation ------------------------------------------------------------------------------


class GedValidationReport(ValidationReport):
    """A :class:`~eventdata.validation.report.ValidationReport` over GED input.

    Everything works as for ACLED input; two things differ: the ``event_id_cnty`` column
    of ``failures`` holds the synthesized id ``GED<id>`` (the id
    :func:`~eventdata.sources.ucdp_mapping.ged_to_acled` gives the row), and ``valid`` holds
    the typed GED columns (:func:`ged_arrow_schema`).
    """

    def _failure_table(self) -> pa.Table:
        """Every failure as an Arrow table; ``event_id_cnty`` is ``GED<id>``."""
        table = super()._failure_table()
        raw = self._parsed.raw.table
        if "id" not in raw.column_names or table.num_rows == 0:
            return table
        ids = pc.utf8_trim_whitespace(_missing_as_blank(_array(raw.column("id"))))
        ids = pc.if_else(pc.equal(ids, ""), pa.scalar(None, pa.string()), ids)
        synthesized = pc.binary_join_element_wise("GED", ids, "")
        position = table.column_names.index("event_id_cnty")
        return table.set_column(
            position, table.schema.field(position), pc.take(synthesized, table["row"])
        )

    @cached_property
    def canonical_table(self) -> pa.Table:
        """The whole input as typed GED columns (nulls where values were invalid)."""
        return typed_table(self._parsed)


def ged_rules() -> list[tuple[str, str, str, str]]:
    """Every GED rule as ``(name, severity, column, description)``, for docs and listings."""
    out: list[tuple[str, str, str, str]] = []
    for spec in GED_FIELD_SPECS:
        if spec.required:
            out.append((f"required.{spec.name}", "error", spec.name, "present and not blank"))
        if spec.min_length:
            out.append((f"not_empty.{spec.name}", "error", spec.name, "non-empty text"))
        if spec.kind in ("integer", "float", "date"):
            out.append((f"type.{spec.name}", "error", spec.name, f"parses as {spec.kind}"))
        if spec.ge is not None or spec.le is not None:
            bounds = [f">= {spec.ge:g}" if spec.ge is not None else "", ""]
            bounds[1] = f"<= {spec.le:g}" if spec.le is not None else ""
            out.append(
                (f"range.{spec.name}", "error", spec.name, " and ".join(b for b in bounds if b))
            )
    for name in CODE_LIST_COLUMNS:
        out.append((f"type.{name}", "error", name, "integers joined by ';' (2;200;900)"))
    out.append((MISSING_COLUMN_RULE, "error", "", "every required GED column is in the input"))
    for rule in GED_RULES:
        out.append((rule.name, rule.severity, rule.column, rule.description))
    return out


def rules_markdown() -> str:
    """Every GED rule as a Markdown table (for ``docs/ucdp.md``)."""
    lines = ["| rule | severity | column | checks |", "|---|---|---|---|"]
    for name, severity, column, description in ged_rules():
        lines.append(
            f"| `{name}` | {severity} | {f'`{column}`' if column else '-'} | {description} |"
        )
    return "\n".join(lines) + "\n"


def prepare_ged(raw: RawTable, /) -> RawTable:
    """Mark a text table as GED and drop a leading row-name column (R's ``write.csv``)."""
    names = raw.table.column_names
    if names and names[0] in PANDAS_INDEX_NAMES and "type_of_violence" in names:
        raw.table = raw.table.drop_columns([names[0]])
        raw.dialect.notes.append(f"dropped the row-name column {names[0]!r} (a row number)")
    raw.dialect.name = GED_DIALECT
    return raw


Patterns = Sequence[str] | None
"""Rule names or prefixes, as ``select=`` and ``ignore=`` take them (None: no filter)."""


def check_ged(raw: RawTable, /, *, select: Patterns, ignore: Patterns) -> GedValidationReport:
    """Validate a GED text table, reporting every failure with its row.

    Args:
        raw: the input as text (see :func:`eventdata.validate_ged` for paths and frames).
        select: only run rules whose name equals or starts with one of these.
        ignore: skip rules whose name equals or starts with one of these.

    Returns:
        The report; ``deaths.low_best_high`` is a warning and never makes a row invalid.
    """
    parsed = parse_ged(prepare_ged(raw))
    blocks = collect_failures(
        parsed,
        rules=GED_RULES,
        select=select,
        ignore=ignore,
        missing_hint="GED releases have it, old and new",
    )
    return GedValidationReport(parsed=parsed, blocks=blocks)
