from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventdata import ACLED_COLUMNS, ActorType, Event, SubEventType, read_records

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "baghdad_2021.py"
US = "Military Forces of the United States (2021-)"
UNIDENTIFIED = "Unidentified Armed Group (Iraq)"


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "out"
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no warning: the example reports unlowered records itself
    (out / "stdout.txt").write_text(result.stdout, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def events(outdir: Path) -> list[Event]:
    with (outdir / "baghdad_2021_acled.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
        return [Event.model_validate(row) for row in reader]


def by_date(events: list[Event], day: str) -> list[Event]:
    return [e for e in events if e.event_date.isoformat() == day]


def test_csv_has_one_row_per_coded_event(events: list[Event]) -> None:
    ids = [e.event_id_cnty for e in events]

    assert sorted(ids) == ["IRQ1", "IRQ2", "IRQ3", "IRQ4", "SYR1"]


@pytest.mark.parametrize(
    ("day", "location", "sub_event", "actor1", "actor2"),
    [
        (
            "2021-06-09",
            "Baghdad International Airport",
            SubEventType.AIR_DRONE_STRIKE,
            UNIDENTIFIED,
            US,
        ),
        (
            "2021-07-05",
            "Ain al-Asad Airbase",
            SubEventType.SHELLING_ARTILLERY_MISSILE_ATTACK,
            UNIDENTIFIED,
            US,
        ),
        (
            "2021-07-06",
            "Baghdad - Green Zone",
            SubEventType.DISRUPTED_WEAPONS_USE,
            US,
            UNIDENTIFIED,
        ),
    ],
)
def test_attacks_on_us_forces_are_coded_as_acled_codes_them(
    events: list[Event], day: str, location: str, sub_event: SubEventType, actor1: str, actor2: str
) -> None:
    (event,) = by_date(events, day)

    assert (event.location, event.sub_event_type, event.actor1, event.actor2) == (
        location,
        sub_event,
        actor1,
        actor2,
    )
    assert event.interaction == "Political militia-External/Other forces"
    assert (event.country, event.iso, event.region) == ("Iraq", 368, "Middle East")
    assert event.fatalities == 0


def test_embassy_drone_is_one_interception_row(events: list[Event]) -> None:
    (event,) = by_date(events, "2021-07-06")

    assert event.inter1 is ActorType.EXTERNAL_OTHER_FORCES
    assert event.notes is not None and event.notes.startswith("Interception: ")
    assert "C-RAM" in event.notes


def test_june_strikes_are_two_air_strikes_in_two_countries(events: list[Event]) -> None:
    strikes = {e.country: e for e in by_date(events, "2021-06-27")}

    assert set(strikes) == {"Iraq", "Syria"}
    assert strikes["Iraq"].admin1 == "Al Anbar"
    assert strikes["Syria"].iso == 760
    assert strikes["Iraq"].fatalities + strikes["Syria"].fatalities == 4
    for event in strikes.values():
        assert event.sub_event_type is SubEventType.AIR_DRONE_STRIKE
        assert (event.actor1, event.actor2) == (US, "Kata'ib Hezbollah")
        assert event.assoc_actor_2 == ["Kata'ib Sayyid al-Shuhada"]


def test_denied_strike_and_statement_give_no_row(events: list[Event]) -> None:
    assert by_date(events, "2021-07-04") == []
    assert all(e.sub_event_type is not SubEventType.OTHER for e in events)


def test_parquet_holds_every_record_with_links(outdir: Path) -> None:
    table = pq.read_table(outdir / "baghdad_2021.parquet")
    rows = {r["id"]: r for r in table.to_pylist()}

    assert len(rows) == 8
    assert rows["2021-07-06-us-embassy-c-ram"]["responds_to"] == ["2021-07-06-us-embassy-drone"]
    assert rows["2021-07-06-us-embassy-c-ram"]["sub_event_type"] == "Disrupted weapons use"
    assert rows["2021-07-04-rumoured-us-strike-syria"]["report_status"] == "denied"
    assert rows["2021-07-04-rumoured-us-strike-syria"]["event_id_cnty"] is None
    assert len(read_records(outdir / "baghdad_2021.parquet")) == 8


def test_summary_prints_the_retaliation_chain(outdir: Path) -> None:
    stdout = (outdir / "stdout.txt").read_text(encoding="utf-8")

    assert "retaliation chain:" in stdout
    assert "    2021-06-27 retaliation: 2021-06-27-us-strike-al-qaim" in stdout
    assert "      2021-07-06 attack: 2021-07-06-us-embassy-drone" in stdout


def test_summary_says_why_records_give_no_row(outdir: Path) -> None:
    stdout = (outdir / "stdout.txt").read_text(encoding="utf-8")

    assert (
        "2021-07-04-rumoured-us-strike-syria    -> no ACLED row: report status 'denied'" in stdout
    )
    assert "(coded in 2021-07-06-us-embassy-c-ram)" in stdout
    assert "2021-07-06-us-will-respond             -> no ACLED row: a threat response" in stdout


def test_airport_is_placed_as_acled_places_it(events: list[Event]) -> None:
    (event,) = by_date(events, "2021-06-09")

    assert (event.location, event.admin1, event.admin2, event.admin3) == (
        "Baghdad International Airport",
        "Baghdad",
        "Al Kadhmiyah",
        "Abu Ghraib",
    )
    assert (event.latitude, event.longitude) == (33.2619, 44.2338)


EXAMPLE_YAML = EXAMPLE.with_suffix(".yaml")


def test_the_yaml_file_codes_the_same_records(outdir: Path) -> None:
    pytest.importorskip("yaml")

    assert read_records(EXAMPLE_YAML) == read_records(outdir / "baghdad_2021.parquet")


def test_the_yaml_file_lowers_to_the_same_rows(outdir: Path, events: list[Event]) -> None:
    pytest.importorskip("yaml")
    out = outdir / "from_yaml.csv"
    result = subprocess.run(
        [sys.executable, "-m", "eventdata", "lower", str(EXAMPLE_YAML), str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with out.open(newline="", encoding="utf-8") as handle:
        from_yaml = [Event.model_validate(row) for row in csv.DictReader(handle)]

    assert sorted(from_yaml, key=lambda e: e.event_id_cnty) == sorted(
        events, key=lambda e: e.event_id_cnty
    )


def test_the_report_tally_is_checked(outdir: Path) -> None:
    stdout = (outdir / "stdout.txt").read_text(encoding="utf-8")

    assert (
        "tally: attacks on US interests (Iraq, 2021-01-01 to 2021-07-06): claimed 47, "
        "found 3 (IRQ1, IRQ3, IRQ4)"
    ) in stdout


def test_the_example_schema_is_current() -> None:
    import json

    import pydantic

    from eventdata import records_json_schema

    if tuple(int(p) for p in pydantic.VERSION.split(".")[:2]) < (2, 14):
        pytest.skip("the shipped schema is written by pydantic 2.14; older ones word it apart")

    shipped = json.loads(EXAMPLE.with_name("records.schema.json").read_text(encoding="utf-8"))

    assert shipped == json.loads(json.dumps(records_json_schema()))
