from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from records_full import WEAPONS_DEFAULT, WEAPONS_FULL, default_records, full_records

from eventdata import (
    Attack,
    EventCollection,
    InputError,
    IntegrityError,
    RecordsFileError,
    Response,
    ResponseKind,
    Rocket,
    read_records,
    write_records,
)

yaml = pytest.importorskip("yaml")  # the records and docs extras

SUFFIXES = (".yaml", ".yml", ".json", ".parquet")


@pytest.mark.parametrize(
    ("suffix", "make"),
    [(s, full_records) for s in SUFFIXES]
    + [(s, default_records) for s in SUFFIXES if s != ".parquet"],  # Parquet needs places
    ids=[f"full{s}" for s in SUFFIXES] + [f"default{s}" for s in SUFFIXES[:-1]],
)
def test_every_record_type_round_trips_exactly(tmp_path: Path, suffix: str, make) -> None:
    collection = make()

    written = write_records(collection, tmp_path / f"report{suffix}")

    assert read_records(written) == collection


def test_the_full_records_set_every_field() -> None:
    for record in full_records():
        assert set(type(record).model_fields) - record.model_fields_set == {"record_type"}
    for weapon in WEAPONS_FULL:
        assert set(type(weapon).model_fields) - weapon.model_fields_set == {"kind"}
    assert {type(w) for w in WEAPONS_FULL} == {type(w) for w in WEAPONS_DEFAULT}
    assert len(WEAPONS_FULL) == 10


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_saved_files_keep_every_discriminator(tmp_path: Path, suffix: str) -> None:
    path = write_records(default_records(), tmp_path / f"r{suffix}")

    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)

    assert data["format"] == "eventdata.records/1"
    assert [r["record_type"] for r in data["records"]] == [
        "attack",
        "response",
        "weapons_seizure",
        "mistaken_shoot_down",
    ]
    assert [w["kind"] for w in data["records"][3]["downed"]] == [
        "drone",
        "rocket",
        "mortar",
        "missile",
        "artillery",
        "aircraft",
        "explosive",
        "firearm",
        "counter_ram",
        "air_defence",
    ]


def test_model_dump_without_defaults_reads_back() -> None:
    from pydantic import TypeAdapter

    from eventdata import Record

    adapter = TypeAdapter(list[Record])
    records = list(full_records()) + list(default_records())

    dumped = [r.model_dump(mode="json", exclude_defaults=True) for r in records]

    assert adapter.validate_python(dumped) == records


def test_yaml_writes_acled_labels_and_plain_dates(tmp_path: Path) -> None:
    path = write_records(full_records(), tmp_path / "r.yaml")

    text = path.read_text(encoding="utf-8")

    assert "actor_type: External/Other forces\n" in text
    assert "- Disrupted weapons use\n" in text
    assert "date: 2021-07-05\n" in text  # unquoted, as a coder types it
    assert "time: 00:10:30\n" in text
    assert "&id" not in text  # no YAML anchors for repeated values


def test_yaml_schema_first_line(tmp_path: Path) -> None:
    path = write_records(default_records(), tmp_path / "r.yaml", schema="records.schema.json")

    first = path.read_text(encoding="utf-8").splitlines()[0]

    assert first == "# yaml-language-server: $schema=records.schema.json"
    assert read_records(path) == default_records()


def test_yaml_core_schema_keeps_no_and_times_as_text(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "records:\n"
        "  - record_type: response\n"
        "    id: r1\n"
        "    kind: other\n"
        "    date: 2021-07-06\n"
        "    time: 12:30\n"
        "    description: no\n",
        encoding="utf-8",
    )

    (record,) = read_records(path)

    assert record.time == dt.time(12, 30)
    assert record.description == "no"


BAD_YAML = """\
format: eventdata.records/1
records:
  - record_type: attack
    id: rockets
    date: 2020-12-20
    weapons:
      - kind: rocket
        count: 8
        calibre_mm: -122
  - record_type: response
    id: c-ram
    date: 2020-12-20
    kind: interception
    responder:
      name: Military Forces of the United States (2017-)
      actor_type: External forces
    colour: red
"""


def test_yaml_errors_name_line_column_record_and_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_YAML, encoding="utf-8")

    with pytest.raises(RecordsFileError) as caught:
        read_records(path)

    problems = [(p.line, p.column, p.record_id, p.field) for p in caught.value.problems]
    assert problems == [
        (9, 21, "rockets", "weapons[0].calibre_mm"),
        (16, 19, "c-ram", "responder.actor_type"),
        (17, 13, "c-ram", "colour"),
    ]
    message = str(caught.value)
    assert message.startswith(f"{path}: 3 problem(s)")
    assert "line 9, column 21: record 'rockets', field weapons[0].calibre_mm: " in message
    assert "(got -122)" in message
    assert "'External/Other forces'" in message  # the labels to choose from
    assert "remove it or check its spelling" in message


def test_json_errors_name_line_and_column(tmp_path: Path) -> None:
    data = yaml.safe_load(BAD_YAML)
    for record in data["records"]:
        record["date"] = str(record["date"])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()

    with pytest.raises(RecordsFileError) as caught:
        read_records(path)

    first = caught.value.problems[0]
    assert (first.record_id, first.field) == ("rockets", "weapons[0].calibre_mm")
    assert first.line is not None and first.column is not None
    assert lines[first.line - 1][first.column - 1 :].startswith("-122")


def test_missing_and_unknown_record_types_are_named(tmp_path: Path) -> None:
    path = tmp_path / "types.yaml"
    path.write_text(
        "records:\n  - id: a\n    date: 2021-01-01\n  - record_type: raid\n    id: b\n",
        encoding="utf-8",
    )

    with pytest.raises(RecordsFileError) as caught:
        read_records(path)

    found = [(p.line, p.record_id, p.field, p.message) for p in caught.value.problems]
    assert found[0][:3] == (2, "a", "record_type")
    assert "no record_type; one of attack, response, weapons_seizure" in found[0][3]
    assert found[1][:3] == (4, "b", "record_type")
    assert "record_type 'raid' is not one of" in found[1][3]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("records:\n  - id: [a\n", "line 3, column 1"),
        ("records: 3\n", "line 1, column 1"),
        ("format: eventdata.records/9\nrecords: []\n", "line 1, column 9"),
    ],
)
def test_a_document_that_is_not_a_records_file_says_where(
    tmp_path: Path, text: str, where: str
) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")

    with pytest.raises(InputError, match=where):
        read_records(path)


def test_json_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"records": [\n  {"id": "a",}\n]}', encoding="utf-8")

    with pytest.raises(InputError, match=r"line 2, column 14: not valid JSON"):
        read_records(path)


def test_integrity_problems_name_the_file(tmp_path: Path) -> None:
    day = dt.date(2021, 7, 6)
    collection = EventCollection(
        [Attack(id="a", date=day), Response(id="r", date=day, kind=ResponseKind.OTHER)]
    )
    path = write_records(collection, tmp_path / "r.yaml")
    path.write_text(path.read_text().replace("id: r\n", "id: a\n"), encoding="utf-8")

    with pytest.raises(IntegrityError, match=rf"^{path}: 1 integrity problem"):
        read_records(path)


def test_a_bare_list_of_records_is_read(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text('[{"record_type": "attack", "id": "a", "date": "2021-07-06"}]')

    (record,) = read_records(path)

    assert record == Attack(id="a", date=dt.date(2021, 7, 6))


def test_yaml_without_pyyaml_names_the_extra_and_json_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from eventdata import MissingExtraError

    json_path = write_records(default_records(), tmp_path / "r.json")
    monkeypatch.setitem(sys.modules, "yaml", None)  # as if PyYAML were not installed

    with pytest.raises(MissingExtraError, match=r"pip install 'eventdata\[records\]'"):
        write_records(default_records(), tmp_path / "r.yaml")
    assert read_records(json_path) == default_records()


def test_kinds_and_required_fields_are_named_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "kinds.yaml"
    path.write_text(
        "records:\n"
        "  - record_type: attack\n"
        "    id: a\n"
        "    date: 2021-07-05\n"
        "    weapons:\n"
        "      - {count: 3}\n"
        "      - {kind: rockets}\n"
        "  - record_type: response\n"
        "    id: r\n"
        "    date: yesterday\n",
        encoding="utf-8",
    )

    with pytest.raises(RecordsFileError) as caught:
        read_records(path)

    found = [(p.line, p.column, p.record_id, p.field, p.message) for p in caught.value.problems]
    assert found[0] == (
        6,
        9,
        "a",
        "weapons[0].kind",
        "missing; add kind: it says which kind this is",
    )
    assert found[1][:4] == (7, 16, "a", "weapons[1].kind")
    assert found[1][4].startswith("'rockets' is not one of 'drone', 'rocket',")
    assert found[2] == (8, 5, "r", "kind", "missing; add kind")
    assert found[3][:4] == (10, 11, "r", "date")
    assert found[3][4].endswith("(got 'yesterday'); write dates as YYYY-MM-DD and times as HH:MM")


def test_a_value_yaml_reads_as_a_date_is_told_to_be_quoted(tmp_path: Path) -> None:
    path = tmp_path / "quoted.yaml"
    path.write_text(
        "records:\n  - {record_type: attack, id: 2021-07-06, date: 2021-07-06}\n",
        encoding="utf-8",
    )

    with pytest.raises(RecordsFileError, match="read it as a date or number: put it in quotes"):
        read_records(path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(min_size=1), system=st.text(min_size=1))
def test_any_text_round_trips_through_yaml_and_json(tmp_path: Path, text: str, system: str) -> None:
    record = Attack(
        id="a",
        date=dt.date(2021, 7, 6),
        description=text,
        weapons=(Rocket(system=system),),
    )
    collection = EventCollection([record])

    for suffix in (".yaml", ".json"):
        path = write_records(collection, tmp_path / f"r{suffix}")
        assert read_records(path) == collection
