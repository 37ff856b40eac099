"""The :class:`Rule`: one named check, written once for rows and for columns.

A rule names what it checks, its severity, the column it blames, what a valid value looks
like, and carries two implementations of the same predicate: ``row`` over one record's
parsed values (used by the models) and ``columnar`` over parsed Arrow arrays (used by
:func:`~eventdata.validate`). A test runs both over the same corpus and proves they agree.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic_core import PydanticCustomError, ValidationError

__all__ = [
    "Columns",
    "Rule",
    "Severity",
    "rule",
    "rule_errors",
    "rules_of",
    "to_mask",
    "value_bytes",
]

Severity = Literal["error", "warning"]
Columns = Mapping[str, pa.Array]
"""Parsed columns by ACLED name: dates as date32, numbers as int64/float64, labels as strings."""

RowCheck = Callable[[Mapping[str, Any]], bool]
ColumnarCheck = Callable[[Columns], np.ndarray]


@dataclass(frozen=True)
class Rule:
    """One named check.

    Attributes:
        name: stable identifier, e.g. ``hierarchy.sub_event_type``; used to select,
            ignore and count failures.
        severity: ``"error"`` makes a row invalid; ``"warning"`` is reported only.
        column: the column a failure is reported against.
        description: what the rule checks, for the rules page and ``--help``.
        expected: what a valid value looks like; ends every failure message.
        columnar: returns a boolean numpy array, True where a row fails.
        row: returns True when one record's parsed values fail; None for rules that need
            the whole table (e.g. duplicate ids).
        inputs: columns the rule reads; rows where any is missing or unparsed are skipped.
        explain: optional columnar callable giving, per row, the value the rule expected
            (e.g. the interaction label inter1 and inter2 imply); shown in messages.
    """

    name: str
    severity: Severity
    column: str
    description: str
    expected: str
    columnar: ColumnarCheck
    row: RowCheck | None = None
    inputs: tuple[str, ...] = field(default=())
    explain: Callable[[Columns], pa.Array] | None = None

    def message(self, value: Any) -> str:
        """The failure message for one offending value."""
        return f"{self.column}={value!r} fails {self.name}: {self.expected}"


_DECLARED: dict[type, Rule] = {}
"""The rule each class declared by :func:`rule` holds the forms of."""

Forms = TypeVar("Forms", bound=type)

_EXPECTED = re.compile(r"^Expected:", re.MULTILINE)


def rule(
    name: str,
    *,
    inputs: tuple[str, ...],
    severity: Severity = "error",
    column: str | None = None,
    description: str | None = None,
    expected: str | None = None,
) -> Callable[[Forms], Forms]:
    """Declares a rule on the class that holds its forms; :func:`rules_of` returns it.

    The class's docstring holds the rule's words: what it checks, then, after
    ``Expected:``, what a valid value looks like. Its static methods are the forms:
    ``columnar`` (required), ``row`` and ``explain`` (optional). A rule's words, its
    columns and both implementations so stand together::

        @rule("year.event_date", inputs=("year", "event_date"))
        class YearOfDate:
            \"\"\"year equals the year of event_date.

            Expected: the year of event_date
            \"\"\"

            @staticmethod
            def row(v: Mapping[str, Any]) -> bool: ...

            @staticmethod
            def columnar(c: Columns) -> np.ndarray: ...

    Args:
        name: the rule's stable name.
        inputs: the columns it reads.
        severity: ``"error"`` (the default) or ``"warning"``.
        column: the column a failure is reported against; the first input by default.
        description: what the rule checks, where the docstring cannot say it (a text
            built from constants).
        expected: what a valid value looks like, likewise.

    Raises:
        TypeError: the class lacks a description, an ``Expected:`` text or a columnar form.
    """

    def declare(forms: Forms) -> Forms:
        checks, *wanted = _EXPECTED.split(inspect.cleandoc(forms.__doc__ or ""), maxsplit=1)
        text = description or " ".join(checks.split())
        valid = expected or " ".join("".join(wanted).split())
        columnar = getattr(forms, "columnar", None)
        if not text or not valid or columnar is None:
            raise TypeError(
                f"rule {name!r}: {forms.__name__} needs a docstring saying what the rule "
                "checks and, after 'Expected:', what a valid value looks like, and a static "
                "method columnar"
            )
        _DECLARED[forms] = Rule(
            name=name,
            severity=severity,
            column=inputs[0] if column is None else column,
            description=text,
            expected=valid,
            columnar=columnar,
            row=getattr(forms, "row", None),
            inputs=inputs,
            explain=getattr(forms, "explain", None),
        )
        return forms

    return declare


def rules_of(*declared: type) -> tuple[Rule, ...]:
    """The rules the classes declared with :func:`rule` hold, in the order given."""
    return tuple(_DECLARED[forms] for forms in declared)


def rule_errors(title: str, failed: Sequence[Rule], values: Mapping[str, Any]) -> ValidationError:
    """One pydantic ``ValidationError`` for the rules a model instance fails.

    Each error is located at the rule's column and typed by the rule's name, so row-wise
    errors name the same column and rule as the columnar engine's failures.
    """
    return ValidationError.from_exception_data(
        title,
        [
            {
                "type": PydanticCustomError(
                    rule.name, "{message}", {"message": rule.message(values[rule.column])}
                ),
                "loc": (rule.column,),
                "input": values[rule.column],
            }
            for rule in failed
        ],
    )


def to_mask(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean Arrow array as numpy, nulls counted as False (not failing)."""
    filled = pc.fill_null(values, False)
    return np.asarray(filled.to_numpy(zero_copy_only=False), dtype=bool)


_OFFSET_TYPES = {
    pa.string(): np.int32,
    pa.binary(): np.int32,
    pa.large_string(): np.int64,
    pa.large_binary(): np.int64,
}


def value_bytes(values: pa.Array | pa.ChunkedArray) -> list[np.ndarray] | None:
    """The bytes of a text column's values, one numpy view per chunk, nothing copied.

    A pass over these is several times cheaper than a string kernel and builds no array:
    a check that a byte occurs nowhere (``x``, any byte beyond ASCII) needs nothing more.
    The bytes under null slots may be included. None for a column that is not
    ``string``/``binary`` (or their ``large_`` forms).
    """
    chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    out: list[np.ndarray] = []
    for chunk in chunks:
        dtype = _OFFSET_TYPES.get(chunk.type)
        if dtype is None:
            return None
        _, offsets, data = chunk.buffers()
        if not len(chunk) or data is None or offsets is None:
            continue
        size = np.dtype(dtype).itemsize
        bounds = np.frombuffer(offsets, dtype, count=len(chunk) + 1, offset=chunk.offset * size)
        out.append(np.frombuffer(data, np.uint8)[bounds[0] : bounds[-1]])
    return out
