"""The JSON Schema of records files, for editors: draft-07, which yaml-language-server reads.

pydantic writes JSON Schema 2020-12; yaml-language-server (the YAML plugin of VS Code,
Neovim, Helix and Zed) supports draft-07 and below. :func:`records_json_schema`
converts: ``$defs`` become ``definitions``, a ``$ref`` with sibling keywords is wrapped in
``allOf`` (draft-07 ignores a ``$ref``'s siblings), ``prefixItems`` becomes an ``items``
list, OpenAPI's ``discriminator`` is dropped. Every enum gets ``enumDescriptions`` and
``markdownEnumDescriptions`` (what the editors show beside each completion): a sub-event
type's event and disorder type, an actor type's inter code, a member's docstring.
``record_type`` and a weapon's ``kind`` are required, as the reader requires them.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import typing
from enum import Enum
from typing import Annotated, Any, Union

from pydantic import BaseModel, Field, TypeAdapter

from eventdata.models.record_types import record_models
from eventdata.vocabulary.codebook import ActorType, SubEventType

__all__ = ["DRAFT_07", "records_json_schema", "to_draft_07"]

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
_FORMAT = "eventdata.records/1"


def records_json_schema() -> dict[str, Any]:
    """Return the draft-07 JSON Schema of a records file (``format`` and ``records``).

    Returns:
        The schema as a dict, ready for ``json.dumps``.

    """
    models = tuple(record_models().values())
    union: Any = Union[models] if len(models) > 1 else models[0]  # noqa: UP007
    adapter: TypeAdapter[Any] = TypeAdapter(
        list[Annotated[union, Field(discriminator="record_type")]]
    )
    generated = adapter.json_schema(ref_template="#/definitions/{model}")
    definitions = generated.pop("$defs", {})
    enums = {cls.__name__: cls for cls in _enums(models)}
    document = {
        "$schema": DRAFT_07,
        "title": "eventdata records file",
        "description": "Rich records (attacks, responses, weapons seizures, mistaken "
        "shoot-downs) that lower to ACLED rows; see docs/records.md.",
        "type": "object",
        "properties": {
            "format": {
                "const": _FORMAT,
                "description": "The records file format; write it as given.",
            },
            "records": {**generated, "description": "The records, one mapping each."},
        },
        "required": ["records"],
        "additionalProperties": False,
        "definitions": definitions,
    }
    converted = to_draft_07(document)
    for name, definition in converted["definitions"].items():
        if name in enums and "enum" in definition:
            descriptions = [_describe(member) for member in enums[name]]
            definition["enumDescriptions"] = descriptions
            definition["markdownEnumDescriptions"] = descriptions
        properties = definition.get("properties", {})
        for key in ("record_type", "kind"):
            if "const" in properties.get(key, {}):
                required = definition.setdefault("required", [])
                if key not in required:
                    required.insert(0, key)
    result: dict[str, Any] = converted
    return result


def to_draft_07(schema: Any) -> Any:
    """Convert a pydantic (2020-12) JSON Schema to draft-07, recursively.

    Args:
        schema: a schema or any part of one.

    Returns:
        A new schema; the input is not changed.

    """
    if isinstance(schema, list):
        return [to_draft_07(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "$defs":
            out["definitions"] = {k: to_draft_07(v) for k, v in value.items()}
        elif key == "$ref":
            out[key] = str(value).replace("#/$defs/", "#/definitions/")
        elif key == "prefixItems":
            out["items"] = to_draft_07(value)
            if "items" in schema:
                out["additionalItems"] = to_draft_07(schema["items"])
        elif key == "items" and "prefixItems" in schema:
            continue
        elif key == "discriminator":
            continue
        elif key in ("properties", "definitions", "patternProperties"):
            out[key] = {k: to_draft_07(v) for k, v in value.items()}
        else:
            out[key] = to_draft_07(value)
    if "$ref" in out and len(out) > 1:
        reference = {"$ref": out.pop("$ref")}
        out["allOf"] = [reference, *out.get("allOf", [])]
    return out


def _describe(member: Enum) -> str:
    if isinstance(member, SubEventType):
        return f"event type {member.event_type.value}; disorder type {member.disorder_type.value}"
    if isinstance(member, ActorType):
        return f"ACLED actor type, inter code {member.code}"
    documented = _member_docs(type(member)).get(member.name)
    if documented:
        return documented
    return member.name.replace("_", " ").lower()


def _member_docs(enum: type[Enum]) -> dict[str, str]:
    """The docstrings written under enum members (``X = "x"`` then ``\"\"\"...\"\"\"``)."""
    try:
        source = textwrap.dedent(inspect.getsource(enum))
    except (OSError, TypeError):
        return {}
    body = ast.parse(source).body[0]
    docs: dict[str, str] = {}
    statements = getattr(body, "body", [])
    for statement, following in zip(statements, statements[1:], strict=False):
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            docs[statement.targets[0].id] = " ".join(following.value.value.split())
    return docs


def _enums(models: tuple[type[BaseModel], ...]) -> set[type[Enum]]:
    """Every enum a model's fields use, through nested models, unions and tuples."""
    found: set[type[Enum]] = set()
    seen: set[type[BaseModel]] = set()

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            found.add(annotation)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in seen:
                seen.add(annotation)
                for info in annotation.model_fields.values():
                    visit(info.annotation)
        for argument in typing.get_args(annotation):
            visit(argument)

    for model in models:
        visit(model)
    return found
