"""UCDP GED: the model, the columnar validator, the reader and the mapping to ACLED columns."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from acled_fixtures import make_row, write_csv
from dataset_fixtures import ged_row, write_ged

from eventdata import (
    ACLED_COLUMNS,
    GedEvent,
    InputError,
    ged_to_acled,
    ged_to_acled_table,
    read_acled,
    read_ged,
    validate,
    validate_ged,
)
from eventdata.datasets import DATASETS
from eventdata.models.ged import GED_COLUMNS
from eventdata.rules.ged import GED_RULES
from eventdata.schema.arrow import pandas_to_table
from eventdata.sources.ucdp import read_ged_table
from eventdata.sources.ucdp_mapping import DATASET, EXTRA_COLUMNS, MAPPING, lost_ged_columns
from eventdata.validation.engine import all_rules

DOCS = Path(__file__).resolve().parents[2] / "docs" / "ucdp.md"
# GED ids are not ACLED ids: the ACLED prefix rule warns on every mapped row
NOT_ACLED_IDS = ["event_id_cnty.country_prefix"]


# -- the model -------------------------------------------------------------------------------


def test_model_columns_are_the_49_ged_columns_in_file_order() -> None:
    assert len(GED_COLUMNS) == 49
    assert GED_COLUMNS[:3] == ("id", "relid", "year")
    assert GED_COLUMNS[-2:] == ("gwnoa", "gwnob")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("652", [652]), ("2;200;900", [2, 200, 900]), ("2; 200", [2, 200]), ("", None), ("NA", None)],
)
def test_model_parses_gleditsch_ward_code_lists(text: str, expected: list[int] | None) -> None:
    event = GedEvent.model_validate(ged_row(gwnoa=text))

    assert event.gwnoa == expected


def test_model_types_a_text_row() -> None:
    event = GedEvent.model_validate(ged_row(adm_2="NA", priogrid_gid=""))

    assert event.id == 300380
    assert event.date_start == dt.date(2013, 1, 3)
    assert event.latitude == pytest.approx(35.763369)
    assert event.adm_2 is None
    assert event.priogrid_gid is None
    assert event.warnings() == {}


@pytest.mark.parametrize(
    "overrides", [{"low": "3", "high": "3"}, {"high": "1"}, {"low": "3", "high": "1"}]
)
def test_low_best_high_is_a_warning_in_both_paths(
    tmp_path: Path, overrides: dict[str, str]
) -> None:
    path = write_ged(tmp_path / "ged.csv", [ged_row(**overrides)])

    report = validate_ged(path)
    event = GedEvent.model_validate(ged_row(**overrides))

    assert report.ok
    assert report.counts() == {"deaths.low_best_high": 1}
    assert list(event.warnings()) == ["deaths.low_best_high"]


def test_every_cross_field_rule_has_both_implementations_and_ids_are_the_engines() -> None:
    row_less = [rule.name for rule in GED_RULES if rule.row is None]
    listed = [name for name, *_ in all_rules(DATASETS["ucdp"])]

    assert row_less == []
    assert "duplicate.id" in listed


def test_duplicate_ids_report_every_row_of_the_group(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "ged.csv", [ged_row(), ged_row(id="2"), ged_row()])

    report = validate_ged(path)

    assert report.counts() == {"duplicate.id": 2}
    assert report.failures["row"].tolist() == [0, 2]
    assert report.failures["event_id_cnty"].tolist() == ["GED300380", "GED300380"]


def test_a_missing_column_is_one_whole_input_failure(tmp_path: Path) -> None:
    rows = [{k: v for k, v in ged_row().items() if k != "best"}]
    path = write_ged(tmp_path / "ged.csv", rows)

    report = validate_ged(path)

    assert report.counts() == {"columns.missing": 1}
    assert report.failures["column"].tolist() == ["best"]
    assert len(report.invalid) == 1


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (None, None, {"dates.order": 1, "deaths.low_best_high": 1}),
        (["deaths"], None, {"deaths.low_best_high": 1}),
        (None, ["deaths.low_best_high"], {"dates.order": 1}),
    ],
)
def test_select_and_ignore_filter_rules_by_name_prefix(
    tmp_path: Path, select: list[str] | None, ignore: list[str] | None, expected: dict[str, int]
) -> None:
    path = write_ged(tmp_path / "ged.csv", [ged_row(date_start="2013-01-04", low="3", high="3")])

    report = validate_ged(path, select=select, ignore=ignore)

    assert report.counts() == expected


def test_rule_listing_names_each_cross_field_rule_once() -> None:
    names = [name for name, *_ in all_rules(DATASETS["ucdp"])]

    assert len(names) == len(set(names))
    assert {rule.name for rule in GED_RULES} <= set(names)
    assert {"range.where_prec", "type.gwnob", "not_empty.side_a"} <= set(names)


# -- the reader ------------------------------------------------------------------------------


def test_read_ged_types_every_column_with_arrow_dtypes(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "ged.csv", [ged_row(gwnob="2;200;900", adm_2="NA")])

    frame = read_ged(path)

    assert list(frame.columns) == list(GED_COLUMNS)
    assert str(frame["id"].dtype) == "int64[pyarrow]"
    assert str(frame["date_start"].dtype) == "date32[day][pyarrow]"
    assert str(frame["latitude"].dtype) == "double[pyarrow]"
    assert frame["gwnob"].iloc[0] == [2, 200, 900]
    assert pd.isna(frame["adm_2"].iloc[0])
    assert (
        frame["source_headline"].iloc[0] == "Thursday 3 January 2013;Abdul Satar\nMustafa Hankosh"
    )


@pytest.mark.parametrize(("errors", "raises"), [("raise", True), ("coerce", False)])
def test_read_ged_refuses_or_coerces_unparseable_values(
    tmp_path: Path, errors: str, raises: bool
) -> None:
    path = write_ged(tmp_path / "ged.csv", [ged_row(best="two")])

    if raises:
        with pytest.raises(InputError, match=r"best: row 0 'two'.*type\.best"):
            read_ged(path, errors=errors)  # type: ignore[arg-type]
    else:
        assert pd.isna(read_ged(path, errors=errors)["best"].iloc[0])  # type: ignore[arg-type]


@pytest.mark.parametrize("form", ["frame", "table"])
def test_typed_data_reads_and_validates_again(tmp_path: Path, form: str) -> None:
    path = write_ged(tmp_path / "ged.csv", [ged_row(gwnoa="2;200"), ged_row(id="7")])
    frame = read_ged(path)
    data = frame if form == "frame" else read_ged_table(path)

    again = read_ged(data)
    report = validate_ged(data)

    pd.testing.assert_frame_equal(again, frame)
    assert report.ok and report.n_rows == 2


# -- the mapping -----------------------------------------------------------------------------


def test_mapping_declares_every_acled_column_in_order_then_the_extras() -> None:
    columns = [m.column for m in MAPPING]

    assert columns[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert EXTRA_COLUMNS == ("dataset", "ged_id", "relid", "ged_best", "ged_date_end")
    assert {"conflict_name", "dyad_name", "country_id", "gwnoa"} <= set(lost_ged_columns())


MAPPED = [
    (
        {},
        {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "inter1": "State forces",
            "inter2": "Rebel group",
            "interaction": "State forces-Rebel group",
            "actor2": "Syrian insurgents",
            "civilian_targeting": None,
        },
    ),
    (
        {"type_of_violence": "2", "side_a": "SNA", "side_b": "SDF"},
        {
            "event_type": "Battles",
            "inter1": "Rebel group",
            "interaction": "Rebel group-Rebel group",
        },
    ),
    (
        {"type_of_violence": "3", "side_a": "Government of Iran", "side_b": "Civilians"},
        {
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "actor2": "Civilians (Syria)",
            "inter1": "External/Other forces",
            "inter2": "Civilians",
            "interaction": "External/Other forces-Civilians",
            "civilian_targeting": "Civilian targeting",
        },
    ),
    ({"date_prec": "5", "where_prec": "6"}, {"time_precision": 3, "geo_precision": 3}),
    ({"date_prec": "3", "where_prec": "3"}, {"time_precision": 2, "geo_precision": 2}),
    ({"low": "1", "best": "2", "high": "4"}, {"fatalities": 1, "ged_best": 2}),
    ({"low": "3", "best": "2", "high": "3"}, {"fatalities": 2, "ged_best": 2}),
    (
        {"country": "DR Congo (Zaire)", "side_a": "Government of DR Congo (Zaire)"},
        {"iso": 180, "inter1": "State forces"},
    ),
    ({"country": "Atlantis"}, {"iso": None}),
]


@pytest.mark.parametrize(("overrides", "expected"), MAPPED)
def test_ged_to_acled_maps_each_case(
    tmp_path: Path, overrides: dict[str, str], expected: dict[str, object]
) -> None:
    path = write_ged(tmp_path / "ged.csv", [ged_row(**overrides)])

    mapped: pa.Table = ged_to_acled_table(read_ged_table(path))

    row = mapped.to_pylist()[0]

    assert {k: row[k] for k in expected} == expected


def test_ged_to_acled_fills_identity_text_and_extras(tmp_path: Path) -> None:
    path = write_ged(tmp_path / "ged.csv", [ged_row()])

    mapped: pa.Table = ged_to_acled_table(read_ged_table(path), timestamp=1_687_000_000)

    row = mapped.to_pylist()[0]

    assert row["event_id_cnty"] == "GED300380"
    assert row["event_date"] == dt.date(2013, 1, 3)
    assert row["admin1"] == "Idlib"
    assert row["admin2"] == "Ariha"
    assert row["location"] == "Rami village"
    assert row["source"] == ["Support Kurds in Syria", "VDC"]
    assert row["notes"] == (
        "Headline: Thursday 3 January 2013; Abdul Satar\nMustafa Hankosh. "
        "Location: in the al-Rami village"
    )
    assert row["timestamp"] == 1_687_000_000
    assert (row["dataset"], row["ged_id"], row["relid"]) == (DATASET, 300380, "SYR-2013-1-11973-99")


def test_mapped_rows_validate_as_acled(tmp_path: Path) -> None:
    rows = [ged_row(), ged_row(id="2", type_of_violence="3", side_b="Civilians", date_prec="4")]
    path = write_ged(tmp_path / "ged.csv", rows)

    mapped = ged_to_acled(read_ged(path))
    report = validate(mapped, ignore=NOT_ACLED_IDS)

    assert isinstance(mapped, pd.DataFrame)
    assert report.ok
    assert report.counts() == {}


def test_ged_and_acled_rows_share_one_parquet_dataset(tmp_path: Path) -> None:
    acled_csv = write_csv(tmp_path / "acled.csv", [make_row(), make_row(event_id_cnty="IRQ90002")])
    ged_csv = write_ged(tmp_path / "ged.csv", [ged_row(), ged_row(id="5")])
    acled = pandas_to_table(read_acled(acled_csv))
    acled = acled.append_column("dataset", pa.array(["acled"] * acled.num_rows))
    mapped: pa.Table = ged_to_acled_table(read_ged_table(ged_csv))
    ged = mapped.select([*ACLED_COLUMNS, "dataset"])
    combined = pa.concat_tables([acled, ged], promote_options="permissive")
    out = tmp_path / "events"

    try:
        from eventdata import read_parquet, to_parquet
    except ImportError:
        pq.write_to_dataset(combined, out, partition_cols=["dataset"])
        back = pq.read_table(out).to_pandas()
    else:
        to_parquet(combined, out, partition_by=["dataset"])
        back = read_parquet(out)

    assert sorted(back["dataset"].astype(str).value_counts().items()) == [
        ("acled", 2),
        ("ucdp-ged", 2),
    ]
    assert set(back["event_id_cnty"].astype(str)) == {"IRQ90001", "IRQ90002", "GED300380", "GED5"}
