from __future__ import annotations

import datetime as dt
import json

import pytest
from acled_fixtures import (
    CURRENT_FILES,
    MUTATIONS,
    PRE2023_FILES,
    make_row,
    read_rows,
    shared_file,
)
from pydantic import ValidationError

from eventdata import ActorType, DisorderType, Event, SubEventType


def test_valid_row_parses_into_typed_values() -> None:
    event = Event.model_validate(make_row(assoc_actor_1="A; B", tags="crowd size=no report"))

    assert event.event_date == dt.date(2021, 7, 6)
    assert event.inter1 is ActorType.EXTERNAL_OTHER_FORCES
    assert event.inter2 is ActorType.POLITICAL_MILITIA
    assert event.interaction_code == 38
    assert event.sub_event_type is SubEventType.DISRUPTED_WEAPONS_USE
    assert event.assoc_actor_1 == ["A", "B"]
    assert event.source == ["AFP", "Reuters"]
    assert event.tags == ["crowd size=no report"]
    assert event.latitude == 33.299
    assert event.admin3 is None


@pytest.mark.parametrize(
    "overrides",
    [
        {"inter1": "8", "inter2": "3", "interaction": "38"},
        {"event_date": "06 July 2021"},
        {"inter1": 8, "inter2": 3, "interaction": 38, "year": 2021, "fatalities": 0},
        {"latitude": 33.299, "longitude": 44.396, "iso": 368, "timestamp": 1625580000},
    ],
)
def test_numeric_codes_api_values_and_export_tool_dates_are_accepted(
    overrides: dict[str, object],
) -> None:
    row: dict[str, object] = {**make_row(), **overrides}

    out = Event.model_validate(row).to_acled()

    assert out == {**make_row(), "latitude": "33.299", "longitude": "44.396"}


# What the model's error says for a fault of MUTATIONS, by the fault's first override
# (the faults not listed here are caught by the columnar checks only).
MODEL_MESSAGES = {
    ("sub_event_type", "Other"): "hierarchy.sub_event_type",
    ("disorder_type", "Political violence"): "hierarchy.disorder_type",
    ("interaction", "State forces-Political militia"): "interaction.consistent",
    ("actor2", ""): "actor2.inter2",
    ("year", "2020"): "year.event_date",
    ("latitude", "95"): "less than or equal to 90",
    ("longitude", "-181"): "greater than or equal to -180",
    ("time_precision", "4"): "less than or equal to 3",
    ("geo_precision", "0"): "greater than or equal to 1",
    ("fatalities", "-1"): "greater than or equal to 0",
    ("fatalities", "many"): "'many' is not an integer",
    ("event_type", "Riots/Protests"): "Riots/Protests",
    ("inter1", "Militia"): "Militia",
    ("interaction", "99"): "not an ACLED interaction code",
    ("event_date", "2021-13-45"): "2021-13-45",
    ("actor1", ""): "at least 1 character",
    ("event_id_cnty", ""): "at least 1 character",
    ("source_scale", "National-Global"): "'Global'",
    ("civilian_targeting", "Civilians targeted"): "Civilian targeting",
}
MODEL_FAULTS = [
    (overrides, column, MODEL_MESSAGES[next(iter(overrides.items()))])
    for overrides, column, _rule in MUTATIONS
    if next(iter(overrides.items())) in MODEL_MESSAGES
]


def test_every_model_message_belongs_to_a_fault_of_the_corpus() -> None:
    assert len(MODEL_FAULTS) == len(MODEL_MESSAGES)


@pytest.mark.parametrize(("overrides", "field", "fragment"), MODEL_FAULTS)
def test_invalid_rows_name_the_field_and_value(
    overrides: dict[str, str], field: str, fragment: str
) -> None:
    with pytest.raises(ValidationError) as info:
        Event.model_validate(make_row(**overrides))

    errors = info.value.errors()
    assert [e["loc"][0] for e in errors] == [field]
    assert fragment in str(info.value)


def test_pre2023_row_derives_disorder_type_and_keeps_legacy_columns() -> None:
    row = make_row(data_id="6996791", event_id_no_cnty="90001", iso3="IRQ")
    for name in ("disorder_type", "civilian_targeting", "tags"):
        del row[name]

    event = Event.model_validate(row)

    assert event.disorder_type is DisorderType.STRATEGIC_DEVELOPMENTS
    assert event.model_extra == {"data_id": "6996791", "event_id_no_cnty": "90001", "iso3": "IRQ"}
    assert event.to_acled()["iso3"] == "IRQ"


def test_warnings_are_reported_not_raised() -> None:
    event = Event.model_validate(make_row(latitude="0", longitude="0", fatalities="1500"))

    warnings = event.warnings()

    assert sorted(warnings) == ["coordinates.null_island", "fatalities.high"]
    assert "1500" in warnings["fatalities.high"]


def test_json_schema_lists_the_vocabularies() -> None:
    schema = Event.model_json_schema()

    assert list(schema["properties"])[:3] == ["event_id_cnty", "event_date", "year"]
    assert len(schema["properties"]) == 31
    text = json.dumps(schema)
    assert "Disrupted weapons use" in text
    assert "External/Other forces-Civilians" in text
    assert schema["properties"]["latitude"]["maximum"] == 90


@pytest.mark.parametrize("name", CURRENT_FILES)
def test_real_current_rows_validate_and_round_trip_as_text(name: str) -> None:
    rows = read_rows(shared_file(name))

    for row in rows:
        out = Event.model_validate(row).to_acled()
        for column, text in row.items():
            if column in ("latitude", "longitude"):
                assert float(out[column]) == float(text)
            elif column == "event_date" and not text[:4].isdigit():
                assert out[column] == dt.datetime.strptime(text, "%d %B %Y").date().isoformat()
            else:
                assert out[column] == text, (row["event_id_cnty"], column)


@pytest.mark.parametrize("name", PRE2023_FILES)
def test_real_pre2023_rows_validate(name: str) -> None:
    rows = read_rows(shared_file(name))

    events = [Event.model_validate(row) for row in rows]

    assert len(events) == len(rows) > 0
    assert all(e.to_acled()["interaction"] for e in events)
    assert all(e.model_extra and "data_id" in e.model_extra for e in events)
