"""Parsing YAML and JSON documents with the line and column of every node.

Records files are edited by hand, so an error must point at the node: :func:`load_yaml`
and :func:`json_marks` return, beside the data, a map from each node's path (keys and list
indexes from the document root) to its 1-based ``(line, column)``. YAML is read with the
YAML 1.2 core schema's plain scalars: ``no`` and ``off`` stay text and ``12:30`` is not
a base-60 number. PyYAML is the optional ``records`` extra.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from typing import Any

from eventdata.exceptions import InputError, MissingExtraError

__all__ = ["Marks", "dump_yaml", "json_marks", "load_json", "load_yaml"]

Marks = dict[tuple[object, ...], tuple[int, int]]
"""Node path -> 1-based (line, column)."""

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))$"
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _yaml() -> Any:
    try:
        import yaml
    except ImportError:
        raise MissingExtraError(
            "reading and writing YAML records files needs PyYAML: pip install 'eventdata[records]'"
        ) from None
    return yaml


def _core_schema(cls: Any, yaml: Any) -> None:
    """Give a loader or dumper class the YAML 1.2 core schema's implicit scalars."""
    cls.yaml_implicit_resolvers = {}
    for tag, pattern, first in (
        ("bool", _BOOL, "tTfF"),
        ("null", _NULL, ["~", "n", "N", ""]),
        ("int", _INT, "-+0123456789"),
        ("float", _FLOAT, "-+0123456789."),
        ("timestamp", _DATE, "0123456789"),
    ):
        cls.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", pattern, list(first))
    del yaml


_classes: dict[str, Any] = {}


def _date_or_text(loader: Any, node: Any) -> Any:
    """A plain ``YYYY-MM-DD`` scalar as a date; not a real date (``2021-13-01``): the text.

    The text then fails validation at its node, with the field named, instead of a parser
    error without one.
    """
    import datetime as dt

    text = loader.construct_scalar(node)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def _loader_and_dumper() -> tuple[Any, Any]:
    if not _classes:
        yaml = _yaml()
        base_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        base_dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        loader: Any = type("RecordsLoader", (base_loader,), {})
        dumper = type("RecordsDumper", (base_dumper,), {"ignore_aliases": lambda self, data: True})
        _core_schema(loader, yaml)
        _core_schema(dumper, yaml)
        loader.add_constructor("tag:yaml.org,2002:timestamp", _date_or_text)
        _classes.update(loader=loader, dumper=dumper)
    return _classes["loader"], _classes["dumper"]


def load_yaml(text: str, *, path: object) -> tuple[Any, Callable[[], Marks]]:
    """Parse one YAML document; return the data and a function giving its nodes' marks.

    The marks are computed when asked for (when a record does not validate).

    Raises:
        InputError: the text is not YAML, naming the line and column.

    """
    yaml = _yaml()
    loader_class, _ = _loader_and_dumper()
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise InputError(
            f"{where}not valid YAML: {error.problem or error}; check the indentation and "
            "quote values that contain ': ' or start with a special character",
            path=path,
        ) from None
    except yaml.YAMLError as error:
        raise InputError(f"not valid YAML: {error}", path=path) from None
    finally:
        loader.dispose()

    def marks() -> Marks:
        found: Marks = {}
        if node is not None:
            _walk_yaml(node, (), found, yaml)
        return found

    return data, functools.cache(marks)


def _walk_yaml(node: Any, path: tuple[object, ...], marks: Marks, yaml: Any) -> None:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _walk_yaml(value, (*path, key.value), marks, yaml)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk_yaml(item, (*path, index), marks, yaml)


def dump_yaml(data: Any, *, header: str = "") -> str:
    """Write data as block-style YAML that :func:`load_yaml` reads back to the same data."""
    yaml = _yaml()
    _, dumper = _loader_and_dumper()
    text: str = yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return header + text


def load_json(text: str, *, path: object) -> Any:
    """Parse a JSON document.

    Raises:
        InputError: the text is not JSON, naming the line and column.

    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}",
            path=path,
        ) from None


_WS = re.compile(r"[ \t\n\r]*")
_decoder = json.JSONDecoder()


def json_marks(text: str) -> Marks:
    """The marks of every node of a valid JSON document (computed when an error needs them)."""
    marks: Marks = {}
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(index: int) -> tuple[int, int]:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= index:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, index - starts[lo] + 1

    def skip(index: int) -> int:
        match = _WS.match(text, index)
        return match.end() if match else index

    def value(index: int, path: tuple[object, ...]) -> int:
        index = skip(index)
        marks[path] = position(index)
        char = text[index]
        if char == "{":
            index = skip(index + 1)
            if text[index] == "}":
                return index + 1
            while True:
                key, index = _decoder.raw_decode(text, skip(index))
                index = skip(index) + 1  # the colon
                index = skip(value(index, (*path, key)))
                if text[index] == "}":
                    return index + 1
                index += 1  # the comma
        if char == "[":
            index = skip(index + 1)
            if text[index] == "]":
                return index + 1
            item = 0
            while True:
                index = skip(value(index, (*path, item)))
                item += 1
                if text[index] == "]":
                    return index + 1
                index += 1
        _, end = _decoder.raw_decode(text, index)
        return int(end)

    value(0, ())
    return marks
