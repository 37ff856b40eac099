from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from records_fixtures import GREEN_ZONE as EMBASSY

from eventdata import (
    ACLED_COLUMNS,
    Actor,
    ActorType,
    AirDefence,
    Attack,
    Attribution,
    Casualties,
    CounterRAM,
    Drone,
    EventCollection,
    InputError,
    Outcome,
    Response,
    Rocket,
    Source,
    read_records,
    write_records,
)
from eventdata.io.records import records_schema, records_to_table, table_to_records
from eventdata.models.records import (
    Assertion,
    Claim,
    ClaimKind,
    Estimate,
    ReportStatus,
    ResponseKind,
)
from eventdata.models.weapons import AirDefenceType, DroneAirframe
from eventdata.vocabulary.codebook import TimePrecision

US = Actor(
    name="Military Forces of the United States (2021-)",
    actor_type=ActorType.EXTERNAL_OTHER_FORCES,
    aliases=("US forces",),
)
KH = Actor(
    name="Kata'ib Hezbollah",
    actor_type=ActorType.POLITICAL_MILITIA,
    backer="Iran",
    affiliation="Popular Mobilization Forces",
)
AFP = Source(
    name="AFP", scale="International", url="https://example.org/a", date=dt.date(2021, 7, 6)
)


def sample() -> EventCollection:
    return EventCollection(
        [
            Attack(
                id="a-rockets",
                date=dt.date(2021, 7, 5),
                time=dt.time(21, 15),
                place=EMBASSY,
                target=US,
                weapons=(Rocket(count=3, calibre_mm=107, system="107 mm"),),
                outcome=Outcome.PARTIALLY_INTERCEPTED,
                launched=3,
                intercepted=2,
                impacted=1,
                casualties=Casualties(
                    fatalities=Estimate.exact(0), injuries=Estimate(low=1, high=2, note="AFP 1")
                ),
                attribution=Attribution(
                    claims=(
                        Claim(kind=ClaimKind.ATTRIBUTED, actor=KH, by="US officials", source=AFP),
                    )
                ),
                sources=(AFP,),
            ),
            Attack(
                id="a-drone",
                date=dt.date(2021, 7, 6),
                date_precision=TimePrecision.DAY,
                place=EMBASSY,
                target=US,
                weapons=(
                    Drone(count=1, armed=True, airframe=DroneAirframe.FIXED_WING, uas_group=2),
                ),
                outcome=Outcome.INTERCEPTED,
                responds_to=("a-rockets",),
                link_assertions=(Assertion(text="seen as a follow-up", by="AFP", source=AFP),),
            ),
            Response(
                id="r-cram",
                kind=ResponseKind.INTERCEPTION,
                date=dt.date(2021, 7, 6),
                responder=US,
                place=EMBASSY,
                weapons=(
                    CounterRAM(system="Centurion"),
                    AirDefence(system="EW", defence_type=AirDefenceType.ELECTRONIC_WARFARE),
                ),
                outcome=Outcome.INTERCEPTED,
                responds_to=("a-drone", "a-rockets"),
            ),
            Response(
                id="r-threat",
                kind=ResponseKind.THREAT,
                date=dt.date(2021, 7, 7),
                responder=US,
                responds_to=("a-drone",),
                report_status=ReportStatus.CONFIRMED,
                description='"will respond forcefully"',
            ),
        ]
    )


def test_table_has_id_columns_and_acled_columns() -> None:
    table = records_to_table(sample())

    assert table.column_names[:3] == ["id", "record_type", "responds_to"]
    assert table.column_names[-len(ACLED_COLUMNS) :] == list(ACLED_COLUMNS)
    assert table.schema.field("responds_to").type == pa.list_(pa.string())
    assert pa.types.is_list(table.schema.field("weapons").type)
    assert pa.types.is_struct(table.schema.field("weapons").type.value_type)
    assert table.column("record_type").to_pylist() == ["attack", "attack", "response", "response"]
    assert table.schema == records_schema()


def test_acled_columns_hold_the_lowered_row_or_null() -> None:
    table = records_to_table(sample(), start=7)

    rows = {r["id"]: r for r in table.to_pylist()}
    assert rows["a-rockets"]["event_id_cnty"] == "IRQ7"
    assert rows["a-rockets"]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert rows["a-rockets"]["event_date"] == dt.date(2021, 7, 5)
    # the interception carries the Disrupted weapons use row; the drone it stopped has none
    assert rows["r-cram"]["sub_event_type"] == "Disrupted weapons use"
    assert rows["r-cram"]["event_id_cnty"] == "IRQ8"
    assert rows["a-drone"]["event_id_cnty"] is None
    assert rows["r-threat"]["sub_event_type"] is None


def test_plain_pyarrow_reads_weapons_as_structs(tmp_path: Path) -> None:
    path = write_records(sample(), tmp_path / "records.parquet")

    table = pq.read_table(path)

    weapons = table.column("weapons").to_pylist()[2]
    assert [(w["kind"], w["system"]) for w in weapons] == [
        ("counter_ram", "Centurion"),
        ("air_defence", "EW"),
    ]
    assert table.column("responds_to").to_pylist()[2] == ["a-drone", "a-rockets"]
    assert table.schema.metadata[b"eventdata.format"] == b"eventdata.records/1"


def test_parquet_round_trip_is_equal_as_models(tmp_path: Path) -> None:
    collection = sample()

    back = read_records(write_records(collection, tmp_path / "records.parquet"))

    assert back == collection
    assert back["a-rockets"].time == dt.time(21, 15)
    assert back["a-drone"].weapons[0] == collection["a-drone"].weapons[0]


def test_table_round_trip_is_equal_as_models() -> None:
    collection = sample()

    assert table_to_records(records_to_table(collection)) == collection


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "records.parquet"
    target.write_bytes(b"old")

    write_records(sample(), target)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.parquet"]
    assert pq.read_table(target).num_rows == 4


def test_write_into_missing_directory_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory does not exist"):
        write_records(sample(), tmp_path / "nope" / "records.parquet")


def test_read_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_records(tmp_path / "absent.parquet")


def test_read_non_records_parquet_says_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"event_id_cnty": ["IRQ1"]}), path)

    with pytest.raises(
        InputError, match=r"columns \['id', 'record_type', 'responds_to'\] are missing"
    ):
        read_records(path)


def test_bad_record_type_names_the_row() -> None:
    table = records_to_table(sample())
    types = pa.array(["attack", "attack", "battle", "response"])
    bad = table.set_column(table.column_names.index("record_type"), "record_type", types)

    with pytest.raises(InputError, match="row 2 \\(id 'r-cram'\\): record_type 'battle'"):
        table_to_records(bad)
