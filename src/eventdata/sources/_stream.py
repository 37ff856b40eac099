"""Pages of API records in, validated canonical record batches out (:class:`AcledBatches`)."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Generator, Iterator
from typing import Any, Literal

import numpy as np
import pyarrow as pa

from eventdata._warn import outside_stacklevel
from eventdata.exceptions import ApiError, EmptyResultWarning, ValidationFailed
from eventdata.io.acled_api import read_api_responses
from eventdata.io.readers import read_raw
from eventdata.pipeline.checked_blocks import SeenIds, shift_rows
from eventdata.pipeline.id_index import id_hashes
from eventdata.pipeline.write import check_raw, rejected_rows
from eventdata.schema.arrow import arrow_schema
from eventdata.validation.failures import FAILURE_SCHEMA, failure_lines

__all__ = ["AcledBatches", "OnInvalid", "relaxed"]

OnInvalid = Literal["keep", "drop", "raise"]
_POLICIES = ("keep", "drop", "raise")
Pages = Iterator[list[dict[str, Any]]]


def relaxed(schema: pa.Schema) -> pa.Schema:
    """``schema`` with every field nullable (pages differ in which columns hold nulls)."""
    return pa.schema([f.with_nullable(True) for f in schema], metadata=schema.metadata)


class AcledBatches:
    """An iterator of canonical record batches from ACLED API pages, checked on arrival.

    Made by :func:`eventdata.iter_acled`. Attributes are updated as pages arrive:

    Attributes:
        query: the ACLED query parameters sent (without paging).
        rows: rows received so far (including invalid and repeated ones).
        pages: pages received so far.
        n_invalid: rows that broke at least one error rule.
        n_dropped: invalid rows left out (``on_invalid="drop"``).
        on_invalid: what happens to rows that break error rules.
        failures_hint: where the warning at the end says the failures are listed.
        n_repeated: rows left out because an earlier page had the same ``event_id_cnty``
            (ACLED's data changed during the download and paging shifted).
        empty_note: after a download that received no row, which filters matched none
            (also warned as :class:`~eventdata.exceptions.EmptyResultWarning` unless
            ``warn_empty`` is false); else None.

    """

    def __init__(
        self,
        opener: Callable[[], tuple[Any, bool]],
        pager: Callable[[Any], Pages],
        *,
        on_invalid: OnInvalid,
        progress: bool | None,
        query: dict[str, str],
    ) -> None:
        if on_invalid not in _POLICIES:
            raise ValueError(
                f"on_invalid must be one of {', '.join(_POLICIES)}, got {on_invalid!r}"
            )
        self.query = query
        self.rows = 0
        self.pages = 0
        self.n_invalid = 0
        self.n_dropped = 0
        self.n_repeated = 0
        self._opener = opener
        self._pager = pager
        self.on_invalid: OnInvalid = on_invalid
        self.failures_hint = ".failures"
        self.warn_empty = True
        self.empty_note: str | None = None
        self._progress = progress
        self._schema: pa.Schema | None = None
        self._failures: list[pa.Table] = []
        self._rejected: list[pa.Table] = []
        self._seen = SeenIds()
        self._generator = self._generate()

    def __iter__(self) -> AcledBatches:
        return self

    def __next__(self) -> pa.RecordBatch:
        return next(self._generator)

    def close(self) -> None:
        """Stop early: close the connection (iteration ends)."""
        self._generator.close()

    @property
    def schema(self) -> pa.Schema:
        """The batches' schema: canonical, every field nullable, extra API columns last."""
        return self._schema if self._schema is not None else relaxed(arrow_schema())

    @property
    def failures(self) -> pa.Table:
        """The failure table so far; ``row`` numbers rows in arrival order from 0."""
        if not self._failures:
            return FAILURE_SCHEMA.empty_table()
        return pa.concat_tables(self._failures)

    @property
    def invalid_rows(self) -> pa.Table:
        """The invalid rows as ACLED sent them (text), with their arrival ``row`` first."""
        if not self._rejected:
            return pa.table({"row": pa.array([], pa.int64())})
        return pa.concat_tables(self._rejected, promote_options="default")

    # ------------------------------------------------------------------ internals

    def _generate(self) -> Generator[pa.RecordBatch, None, None]:
        from eventdata._progress import ProgressBar, show_progress

        bar = ProgressBar(
            sys.stderr, enabled=show_progress(self._progress, sys.stderr), label="ACLED"
        )
        session, owned = self._opener()
        try:
            for records in self._pager(session):
                self.pages += 1
                table = self._page(records)
                bar.stage(f"{self.rows:,} rows received ({self.pages} pages)")
                if table is not None and table.num_rows:
                    yield from table.to_batches()
        finally:
            bar.close()
            if owned:
                session.close()
        self._warn()

    def _page(self, records: list[dict[str, Any]]) -> pa.Table | None:
        if not records:
            return None
        checked = check_raw(read_raw(read_api_responses({"success": True, "data": records})))
        offset = self.rows
        self.rows += len(records)
        if checked.failures.num_rows:
            self._failures.append(shift_rows(checked.failures, offset))
        keep = np.ones(len(records), dtype=bool)
        bad = checked.invalid
        if bad.any():
            self.n_invalid += int(bad.sum())
            self._rejected.append(rejected_rows(checked, row_offset=offset))
            if self.on_invalid == "raise":
                lines = failure_lines(checked.failures, offset=offset)
                raise ValidationFailed(self._refusal(lines), failures=lines)
            if self.on_invalid == "drop":
                keep &= ~bad
                self.n_dropped += int(bad.sum())
        ids = checked.table.column("event_id_cnty")
        hashes = id_hashes(ids)
        repeated = self._seen.contains(hashes)
        self._seen.add(hashes[~repeated])
        self.n_repeated += int((repeated & keep).sum())
        keep &= ~repeated
        table = checked.table if keep.all() else checked.table.filter(pa.array(keep))
        return self._unify(table)

    def _unify(self, table: pa.Table) -> pa.Table:
        if self._schema is None:
            self._schema = relaxed(table.schema)
        schema = self._schema
        extra = [name for name in table.column_names if name not in schema.names]
        if extra:
            raise ApiError(
                f"ACLED page {self.pages} has column(s) {', '.join(extra)} that the first page "
                "lacked; request the same fields= for every page"
            )
        columns = [
            table.column(f.name).cast(f.type)
            if f.name in table.column_names
            else pa.nulls(table.num_rows, f.type)
            for f in schema
        ]
        return pa.Table.from_arrays(columns, schema=schema)

    def _refusal(self, lines: list[str]) -> str:
        return (
            f"ACLED page {self.pages} holds rows that break error rules (on_invalid='raise'):\n"
            + "\n".join(lines)
            + "\nPass on_invalid='keep' (keep and report them) or 'drop' (leave them out)."
        )

    def _warn(self) -> None:
        if not self.rows:
            from eventdata.sources._query import describe_query

            self.empty_note = (
                f"ACLED sent no events for {describe_query(self.query)}; if you expected "
                "some, check the filters with 'eventdata acled check' (the same options), "
                "which names an unknown country or region and the closest ACLED names"
            )
            if self.warn_empty:
                warnings.warn(self.empty_note, EmptyResultWarning, stacklevel=outside_stacklevel())
        notes = []
        if self.n_invalid:
            what = "left out" if self.on_invalid == "drop" else "kept"
            notes.append(
                f"{self.n_invalid} of {self.rows} rows from ACLED break error rules ({what}; "
                f"see {self.failures_hint})"
            )
        if self.n_repeated:
            notes.append(
                f"{self.n_repeated} rows repeated an event of an earlier page (ACLED changed "
                "during the download) and appear once"
            )
        for note in notes:
            warnings.warn(note, stacklevel=outside_stacklevel())
