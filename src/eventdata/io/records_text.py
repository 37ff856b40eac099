"""Rich records in YAML and JSON files, for people who code reports by hand.

A records file is one document: ``format: eventdata.records/1`` and a ``records`` list,
each record a mapping with its ``record_type`` (``attack``, ``response``,
``weapons_seizure``, ``mistaken_shoot_down``) and the fields of that model; a bare list of
records is read too. Enum values are ACLED's labels (``External/Other forces``,
``Air/drone strike``). Fields at their default are left out when writing and every
discriminator (``record_type``, a weapon's ``kind``) is kept, so a file reads back to the
same collection. A record that does not validate is reported with the line and column of
its node, its id and the field path, every problem at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from eventdata._atomic import atomic_path
from eventdata.exceptions import InputError, IntegrityError, RecordProblem, RecordsFileError
from eventdata.io.records_format import JSON_SUFFIXES, RECORDS_FORMAT, RECORDS_TEXT_SUFFIXES
from eventdata.io.text_positions import Marks, dump_yaml, json_marks, load_json, load_yaml
from eventdata.models.collection import AnyRecord, EventCollection
from eventdata.models.record_types import record_models

__all__ = [
    "read_records_text",
    "records_from_data",
    "records_to_data",
    "write_records_text",
]


def _plain(value: Any) -> Any:
    """Python-mode dump to YAML-ready data: enums as labels, tuples as lists, times as text."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dt.time):
        return value.isoformat()
    return value


def records_to_data(records: EventCollection, /, *, json_mode: bool = False) -> dict[str, Any]:
    """Return the document a records file holds: the format and one mapping per record.

    Args:
        records: the collection.
        json_mode: dates and times as ISO text (for JSON); else dates stay dates (YAML).

    Returns:
        ``{"format": "eventdata.records/1", "records": [...]}``.

    """
    mode = "json" if json_mode else "python"
    rows = [_plain(r.model_dump(mode=mode, exclude_defaults=True)) for r in records]
    return {"format": RECORDS_FORMAT, "records": rows}


def write_records_text(
    records: EventCollection, path: str | os.PathLike[str], /, *, schema: str | None = None
) -> Path:
    """Write a collection to a YAML (``.yaml``, ``.yml``) or JSON (``.json``) file, atomically.

    Args:
        records: the collection.
        path: the file; its suffix picks the format.
        schema: for YAML, a JSON Schema path or URL written as the
            ``# yaml-language-server: $schema=...`` first line, so editors complete and check.

    Returns:
        The path written.

    Raises:
        InputError: the directory does not exist or the suffix is neither YAML nor JSON.

    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in RECORDS_TEXT_SUFFIXES:
        raise InputError(f"not a YAML or JSON file name ({suffix!r})", path=target)
    if not target.parent.is_dir():
        raise InputError("directory does not exist; create it first", path=target.parent)
    if suffix in JSON_SUFFIXES:
        data = records_to_data(records, json_mode=True)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    else:
        header = f"# yaml-language-server: $schema={schema}\n" if schema else ""
        text = dump_yaml(records_to_data(records), header=header)
    with atomic_path(target) as temporary:
        Path(temporary).write_text(text, encoding="utf-8")
    return target


def read_records_text(path: str | os.PathLike[str], /, *, reference: Any = None) -> EventCollection:
    """Read a YAML or JSON records file.

    Args:
        path: the file.
        reference: a :class:`~eventdata.io.reference.NameReference`: place fields left
            out are filled in from it, and unknown names warn with close matches.

    Returns:
        The checked collection.

    Raises:
        InputError: the file is missing or not YAML/JSON.
        RecordsFileError: records do not validate; every problem with line, column,
            record id and field.
        IntegrityError: the records are inconsistent (duplicate or dangling ids).

    """
    source = Path(path)
    if not source.is_file():
        raise InputError("no such file", path=source)
    text = source.read_text(encoding="utf-8-sig")
    if source.suffix.lower() in JSON_SUFFIXES:
        data = load_json(text, path=source)
        return records_from_data(
            data,
            source=source,
            marks=functools.cache(lambda: json_marks(text)),
            reference=reference,
        )
    data, marks = load_yaml(text, path=source)
    return records_from_data(data, source=source, marks=marks, reference=reference)


def records_from_data(
    data: Any,
    /,
    *,
    source: object = "data",
    marks: Callable[[], Marks] | None = None,
    reference: Any = None,
) -> EventCollection:
    """Validate a parsed records document into a collection, every problem at once.

    Args:
        data: the parsed document (mapping with ``records``, or a list of records).
        source: names the input in messages.
        marks: a callable returning the node marks (line and column), or None.
        reference: a name reference filling place fields and warning about names.

    Raises:
        RecordsFileError: the document or its records do not validate.
        IntegrityError: the records are inconsistent.

    """
    get_marks: Callable[[], Marks] = marks if marks is not None else dict
    items, base = _records_list(data, source, get_marks)
    if reference is not None:
        reference.fill_places(items)
    models = record_models()
    records: list[AnyRecord] = []
    problems: list[RecordProblem] = []
    for index, item in enumerate(items):
        path = (*base, index)
        if not isinstance(item, dict):
            problems.append(_problem(get_marks(), path, None, "", "a record must be a mapping"))
            continue
        record_id = item.get("id") if isinstance(item.get("id"), str) else None
        model = models.get(str(item.get("record_type")))
        if model is None:
            found = item.get("record_type")
            what = f"record_type {found!r} is not" if found is not None else "no record_type;"
            message = f"{what} one of {', '.join(models)}; set record_type"
            problems.append(_problem(get_marks(), path, record_id, "record_type", message))
            continue
        try:
            records.append(model.model_validate(item))
        except ValidationError as error:
            for detail in error.errors(include_url=False):
                problems.append(_located(get_marks(), path, item, record_id, detail))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))  # file order
        raise RecordsFileError(problems, path=source)
    try:
        collection = EventCollection(records)
    except IntegrityError as error:
        raise IntegrityError(f"{source}: {error}") from None
    if reference is not None:
        reference.warn_unknown(collection)
    return collection


def _records_list(
    data: Any, source: object, get_marks: Callable[[], Marks]
) -> tuple[Sequence[Any], tuple[object, ...]]:
    if isinstance(data, list):
        return data, ()
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        raise RecordsFileError(
            [
                _problem(
                    get_marks(),
                    (),
                    None,
                    "records",
                    "a records file is a mapping with a 'records' list (or a list of "
                    "records); start from 'format: eventdata.records/1' and 'records:'",
                )
            ],
            path=source,
        )
    declared = data.get("format", RECORDS_FORMAT)
    if declared != RECORDS_FORMAT:
        raise RecordsFileError(
            [
                _problem(
                    get_marks(),
                    ("format",),
                    None,
                    "format",
                    f"format {declared!r} is not {RECORDS_FORMAT!r}, the one this version reads",
                )
            ],
            path=source,
        )
    unknown = sorted(set(data) - {"format", "records"})
    if unknown:
        raise RecordsFileError(
            [
                _problem(
                    get_marks(),
                    (unknown[0],),
                    None,
                    unknown[0],
                    f"unknown top-level key(s) {unknown}; a records file holds 'format' and "
                    "'records' only",
                )
            ],
            path=source,
        )
    return data["records"], ("records",)


def _problem(
    marks: Marks, path: tuple[object, ...], record_id: str | None, field: str, message: str
) -> RecordProblem:
    while path and path not in marks:
        path = path[:-1]
    line, column = marks.get(path, (None, None))
    return RecordProblem(line, column, record_id, field, message)


def _located(
    marks: Marks,
    base: tuple[object, ...],
    item: Any,
    record_id: str | None,
    detail: Mapping[str, Any],
) -> RecordProblem:
    """A pydantic error at the node it names; union tags in ``loc`` are skipped."""
    loc = tuple(detail["loc"])
    node: Any = item
    path: list[object] = []
    field: list[str] = []
    for position, part in enumerate(loc):
        last = position == len(loc) - 1
        if isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            path.append(part)
            field.append(f"[{part}]")
        elif isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
            field.append(f".{part}")
        elif last or not isinstance(node, dict):
            field.append(f"[{part}]" if isinstance(part, int) else f".{part}")
        # else: a union member's tag (e.g. 'rocket' in weapons.0.rocket.calibre_mm)
    message = str(detail["msg"]).removeprefix("Value error, ")
    context = detail.get("ctx") or {}
    kind = detail["type"]
    if kind == "union_tag_not_found":
        tag = str(context.get("discriminator", "kind")).strip("'")
        field.append(f".{tag}")
        message = f"missing; add {tag}: it says which kind this is"
    elif kind == "union_tag_invalid":
        tag = str(context.get("discriminator", "kind")).strip("'")
        field.append(f".{tag}")
        path.append(tag)
        message = (
            f"{context.get('tag')!r} is not one of {context.get('expected_tags')}; "
            "check the spelling"
        )
    elif kind == "missing":
        message = f"missing; add {field[-1].lstrip('.')}" if field else "missing"
    hint = ""
    if kind.startswith(("date_", "time_")):
        hint = "; write dates as YYYY-MM-DD and times as HH:MM"
    elif kind == "string_type" and isinstance(detail.get("input"), (dt.date, int, float)):
        hint = "; YAML read it as a date or number: put it in quotes"
    if kind not in ("missing", "value_error") and not kind.startswith("union_tag"):
        shown = detail.get("input")
        if not isinstance(shown, (dict, list, BaseModel)):
            message += f" (got {shown!r})"
    message += hint
    if kind == "extra_forbidden":
        message += "; remove it or check its spelling (the editor schema lists the fields)"
    return _problem(marks, (*base, *path), record_id, "".join(field).lstrip("."), message)
