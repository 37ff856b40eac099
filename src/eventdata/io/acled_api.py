"""Saved ACLED API responses: event pages and deletions.

The ACLED API (``/acled/read``) answers ``{"success": true, "data": [...]}`` with every
value a string, in pages of at most ``limit`` rows; ``/deleted/read`` lists the events ACLED
has deleted since (``event_id_cnty``, ``deleted_timestamp``). eventdata does not call the
API: save the responses as JSON files (or keep the parsed documents) and read them here.

:func:`read_api_responses` joins pages into one all-text Arrow table, ready for
:func:`eventdata.validate` or ``read_acled``; both ``inter_num=0`` (text
actor types) and ``inter_num=1`` (numeric codes) pages are accepted, even mixed, since
every reader understands both codings. :func:`apply_deletions` drops the deleted events.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import InputError
from eventdata.io.readers import table_from_records

__all__ = ["apply_deletions", "read_api_responses", "read_deletions"]

Document = Mapping[str, Any]
Responses = str | os.PathLike[str] | Document | Iterable[str | os.PathLike[str] | Document]
Data = TypeVar("Data", pa.Table, pd.DataFrame)


def _documents(responses: Responses) -> list[tuple[Document, str]]:
    """Each response document with a name for messages (its path, or its position)."""
    if isinstance(responses, (str, os.PathLike, Mapping)):
        items: list[Any] = [responses]
    else:
        items = list(responses)
    out: list[tuple[Document, str]] = []
    for position, item in enumerate(items):
        if isinstance(item, Mapping):
            out.append((item, f"response {position}"))
            continue
        path = Path(item)
        try:
            document = json.loads(path.read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise InputError("no such file", path=path) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"is not a JSON document: {exc}", path=path) from None
        if not isinstance(document, Mapping):
            raise InputError(
                'is not an ACLED API response; expected {"success": true, "data": [...]}',
                path=path,
            )
        out.append((document, str(path)))
    return out


def _records(responses: Responses) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for document, name in _documents(responses):
        if document.get("success") is False or "error" in document:
            raise InputError(
                f"{name}: is an ACLED API error response ({document.get('error')!r}); "
                "save a successful response and read it again"
            )
        data = document.get("data")
        if not isinstance(data, list) or not all(isinstance(r, Mapping) for r in data):
            raise InputError(
                f"{name}: has no 'data' list of records; expected an ACLED API response "
                '{"success": true, "data": [{...}, ...]}'
            )
        records.extend(dict(r) for r in data)
    return records


def read_api_responses(responses: Responses, /) -> pa.Table:
    """Read one or several saved ACLED API pages into one all-text table.

    Args:
        responses: a path to a saved response (``.json``), a parsed response document
            (``{"success": true, "data": [...]}``), or a sequence of them (pages, in
            order). Pages may carry different columns (``fields=``): the table has the
            union, in first-seen order, with nulls where a page lacked a column.

    Returns:
        A pyarrow Table of ``string`` columns, one row per record, pages in the given
        order. Numbers sent as JSON numbers become their text; inter codes are left as
        sent (``"1"`` or ``"State forces"``).

    Raises:
        InputError: a file is missing or not JSON, a response is an API error
            (``"success": false``) or has no ``data`` list.

    """
    return table_from_records(_records(responses))


def read_deletions(responses: Responses, /) -> pa.Table:
    """Read saved ``/deleted/read`` responses into ``event_id_cnty`` and ``deleted_timestamp``.

    Returns:
        A table with ``event_id_cnty`` (string) and ``deleted_timestamp`` (int64 Unix
        seconds), one row per listed deletion.

    Raises:
        InputError: as :func:`read_api_responses`, or a record lacks one of the two
            fields, or a ``deleted_timestamp`` is not an integer.

    """
    text = table_from_records(_records(responses))
    if text.num_rows == 0:
        return pa.table(
            {
                "event_id_cnty": pa.array([], pa.string()),
                "deleted_timestamp": pa.array([], pa.int64()),
            }
        )
    for name in ("event_id_cnty", "deleted_timestamp"):
        if name not in text.column_names or text.column(name).null_count:
            raise InputError(
                f"deletions: a record lacks {name!r}; expected /deleted/read records with "
                "event_id_cnty and deleted_timestamp"
            )
    stamps = text.column("deleted_timestamp")
    ok = pc.match_substring_regex(pc.utf8_trim_whitespace(stamps), r"^\d+$")
    if not pc.all(ok).as_py():
        bad = pc.filter(stamps, pc.invert(ok))[0].as_py()
        raise InputError(
            f"deletions: deleted_timestamp {bad!r} is not Unix seconds; expected an integer"
        )
    return pa.table(
        {
            "event_id_cnty": text.column("event_id_cnty"),
            "deleted_timestamp": pc.cast(pc.utf8_trim_whitespace(stamps), pa.int64()),
        }
    )


def _timestamps(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Row timestamps as int64; text that is not an integer becomes null."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_integer(column.type):
        return pc.cast(column, pa.int64())
    text = pc.utf8_trim_whitespace(pc.cast(column, pa.string()))
    ok = pc.match_substring_regex(text, r"^\d+$")
    return pc.cast(pc.if_else(ok, text, pa.scalar(None, pa.string())), pa.int64())


def _ids(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_dictionary(column.type):
        column = column.dictionary_decode()
    return pc.cast(column, pa.string())


def apply_deletions(data: Data, deleted: Responses | pa.Table, /) -> tuple[Data, int]:
    """Remove the events ACLED deleted after the version the data holds.

    A row is removed when its ``event_id_cnty`` is listed in ``deleted`` with a
    ``deleted_timestamp`` at or after the row's ``timestamp``: the deletion happened
    after (or when) the row was last uploaded, so it applies to this version. A row whose
    ``timestamp`` is later than every deletion of its id was published again after the
    deletion and is kept. A row with a blank or non-integer ``timestamp`` is removed when
    its id is listed (nothing shows it is newer). When an id is deleted several times the
    latest deletion counts.

    Args:
        data: ACLED rows with ``event_id_cnty`` and ``timestamp`` columns: a pyarrow Table
            (e.g. from :func:`read_api_responses`, all text) or a pandas DataFrame (e.g.
            from ``read_acled``).
        deleted: saved ``/deleted/read`` responses (anything :func:`read_api_responses`
            takes) or a table from :func:`read_deletions`.

    Returns:
        ``(kept, removed)``: the data without the deleted rows, of the same type (a
        DataFrame keeps its index), and the number of rows removed.

    Raises:
        InputError: ``data`` lacks ``event_id_cnty`` or ``timestamp``, or ``deleted`` is
            not a valid ``/deleted/read`` response.

    """
    deletions = deleted if isinstance(deleted, pa.Table) else read_deletions(deleted)
    names = list(data.columns) if isinstance(data, pd.DataFrame) else data.column_names
    lacking = [c for c in ("event_id_cnty", "timestamp") if c not in names]
    if lacking:
        raise InputError(
            f"cannot apply deletions: the data lacks {', '.join(map(repr, lacking))}; "
            "expected ACLED rows with event_id_cnty and timestamp"
        )
    if isinstance(data, pd.DataFrame):
        columns = pa.Table.from_pandas(data[["event_id_cnty", "timestamp"]], preserve_index=False)
    else:
        columns = data.select(["event_id_cnty", "timestamp"])
    latest = deletions.group_by("event_id_cnty").aggregate([("deleted_timestamp", "max")])
    ids = _ids(columns.column("event_id_cnty"))
    position = pc.index_in(ids, value_set=latest.column("event_id_cnty"))
    deleted_at = pc.take(latest.column("deleted_timestamp_max"), position)
    stamp = _timestamps(columns.column("timestamp"))
    after = pc.or_kleene(pc.is_null(stamp), pc.greater_equal(deleted_at, stamp))
    remove = np.asarray(pc.fill_null(pc.and_kleene(pc.is_valid(deleted_at), after), False))
    removed = int(remove.sum())
    if isinstance(data, pd.DataFrame):
        return data.loc[~remove], removed
    return data.filter(pa.array(~remove)), removed
