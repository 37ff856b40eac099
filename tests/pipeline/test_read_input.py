"""Records files are read as event data by the pipeline (lowered), never by ``io``."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest
from records_fixtures import GREEN_ZONE

from eventdata import Actor, Attack, EventCollection, InputError, lower, validate, write_records
from eventdata.io.readers import read_raw
from eventdata.io.records_format import is_records_file
from eventdata.models.records import Outcome
from eventdata.models.weapons import Rocket
from eventdata.pipeline.inputs import read_input
from eventdata.synthetic import generate_events

MILITIA = Actor(name="Kataib Hezbollah", actor_type="Political militia")

YAML = pytest.param(
    ".yaml",
    marks=pytest.mark.skipif(
        importlib.util.find_spec("yaml") is None, reason="YAML records need the records extra"
    ),
)


def _collection() -> EventCollection:
    attacks = [
        Attack(
            id=f"attack-{day}",
            date=dt.date(2021, 7, day),
            place=GREEN_ZONE,
            attacker=MILITIA,
            weapons=(Rocket(count=day),),
            launched=day,
            impacted=day,
            outcome=Outcome.IMPACTED,
        )
        for day in (6, 9)
    ]
    return EventCollection(attacks)


@pytest.mark.parametrize("suffix", [YAML, ".json", ".parquet"])
def test_a_records_file_is_read_as_the_acled_rows_it_lowers_to(tmp_path: Path, suffix: str) -> None:
    path = write_records(_collection(), tmp_path / f"records{suffix}")

    raw = read_input(path, date_format="iso")

    assert raw.dialect.format == "records"
    assert raw.dialect.notes[0] == "lowered 2 rich records (write_records) to their 2 ACLED rows"
    assert raw.dialect.date_format == "iso"
    assert raw.table.column("event_date").to_pylist() == ["2021-07-06", "2021-07-09"]
    assert raw.source == path


@pytest.mark.parametrize("suffix", [YAML, ".json", ".parquet"])
def test_io_refuses_a_records_file_as_events_and_says_how_to_read_it(
    tmp_path: Path, suffix: str
) -> None:
    path = write_records(_collection(), tmp_path / f"records{suffix}")

    with pytest.raises(InputError, match=r"is a records file .*eventdata\.read_records"):
        read_raw(path)


def test_records_files_are_told_from_event_files(tmp_path: Path) -> None:
    records = write_records(_collection(), tmp_path / "records.parquet")
    events = tmp_path / "events.json"
    events.write_text(generate_events(3, seed=1).to_pandas().to_json(orient="records"))

    assert is_records_file(records)
    assert not is_records_file(events)
    assert not is_records_file(tmp_path / "missing.yaml")


def test_a_collection_is_lowered_as_its_file_is() -> None:
    collection = _collection()

    raw = read_input(collection)

    assert raw.dialect.format == "events"
    assert raw.n_rows == len(lower(collection))


def test_a_records_file_is_refused_before_reading_for_an_unknown_date_style(
    tmp_path: Path,
) -> None:
    pytest.importorskip("yaml")
    path = write_records(_collection(), tmp_path / "records.yaml")

    with pytest.raises(ValueError, match="unknown date format 'dd.mm'"):
        read_input(path, date_format="dd.mm")


def test_validate_reads_a_records_file_through_the_pipeline(tmp_path: Path) -> None:
    pytest.importorskip("yaml")
    path = write_records(_collection(), tmp_path / "records.yaml")

    report = validate(path)

    assert report.dialect.format == "records"
    assert report.n_rows == 2
