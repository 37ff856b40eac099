from __future__ import annotations

import json

import pytest
from records_full import default_records, full_records

from eventdata import records_json_schema
from eventdata.io.records_text import records_to_data
from eventdata.models.records_schema import to_draft_07

jsonschema = pytest.importorskip("jsonschema")  # the records and docs extras


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = records_json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def as_json(collection) -> dict:
    return json.loads(json.dumps(records_to_data(collection, json_mode=True)))


def test_the_schema_is_draft_07_without_2020_12_keywords() -> None:
    text = json.dumps(records_json_schema())

    assert json.loads(text)["$schema"] == "http://json-schema.org/draft-07/schema#"
    for keyword in ('"$defs"', '"prefixItems"', '"discriminator"', '"unevaluatedProperties"'):
        assert keyword not in text


@pytest.mark.parametrize("make", [full_records, default_records], ids=["full", "default"])
def test_written_records_files_validate(validator, make) -> None:
    errors = [e.message for e in validator.iter_errors(as_json(make()))]

    assert errors == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("records", 0, "weapons", 0, "kind"), "drones"),
        (("records", 1, "target", "actor_type"), "Militia"),
        (("records", 1, "outcome"), "partly intercepted"),
        (("records", 2, "colour"), "red"),
        (("records", 1, "tallies", 0, "sub_event_types", 0), "Drone strike"),
        (("format",), "eventdata.records/2"),
    ],
)
def test_broken_records_are_rejected(validator, path, value) -> None:
    document = as_json(full_records())
    node = document
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value

    assert list(validator.iter_errors(document)) != []


def test_a_record_without_record_type_is_rejected(validator) -> None:
    document = as_json(default_records())
    del document["records"][0]["record_type"]

    assert list(validator.iter_errors(document)) != []


def test_codebook_labels_are_enums_with_descriptions() -> None:
    definitions = records_json_schema()["definitions"]

    sub_events = definitions["SubEventType"]
    actor_types = definitions["ActorType"]
    outcome = definitions["Outcome"]

    index = sub_events["enum"].index("Disrupted weapons use")
    assert sub_events["enumDescriptions"][index] == (
        "event type Strategic developments; disorder type Strategic developments"
    )
    assert len(sub_events["enum"]) == len(sub_events["markdownEnumDescriptions"]) == 25
    assert actor_types["enumDescriptions"][actor_types["enum"].index("Civilians")] == (
        "ACLED actor type, inter code 7"
    )
    assert outcome["enumDescriptions"][outcome["enum"].index("failed")] == (
        "Launched but did not function (misfire, dud)."
    )
    assert "kind" in definitions["Rocket"]["required"]
    assert definitions["Attack"]["required"][0] == "record_type"


def test_to_draft_07_wraps_refs_with_siblings_and_prefix_items() -> None:
    schema = {
        "$defs": {"A": {"type": "string"}},
        "properties": {
            "a": {"$ref": "#/$defs/A", "description": "an A"},
            "pair": {"prefixItems": [{"type": "integer"}], "items": {"type": "string"}},
        },
    }

    assert to_draft_07(schema) == {
        "definitions": {"A": {"type": "string"}},
        "properties": {
            "a": {"description": "an A", "allOf": [{"$ref": "#/definitions/A"}]},
            "pair": {"items": [{"type": "integer"}], "additionalItems": {"type": "string"}},
        },
    }
