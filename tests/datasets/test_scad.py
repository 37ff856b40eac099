"""SCAD: -99 as unknown, one row per place, its date rules, refusals and its ACLED mapping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from acled_fixtures import SHARED_DATA, make_row
from dataset_fixtures import SCAD_ROW, gtd_row, write_rows
from pydantic import ValidationError

from eventdata import (
    NotEventDataError,
    ScadEvent,
    read_acled,
    read_ged,
    read_gtd,
    read_scad,
    scad_to_acled,
    validate,
)
from eventdata.datasets import DATASETS
from eventdata.datasets.scad.rules import SCAD_RULES
from eventdata.sources.scad import MAPPING, lost_scad_columns

NIGERIA = SHARED_DATA / "match" / "nigeria_2011_meltt_scad.csv"

_FILE_ROW = {k: v for k, v in SCAD_ROW.items() if k != "location_id"}
"""The example row as SCAD's files hold it: without the derived id."""


def _rows(*overrides: dict[str, str]) -> list[dict[str, str]]:
    return [{**_FILE_ROW, "eventid": f"47509{70 + i}", **o} for i, o in enumerate(overrides)]


def _real() -> Path:
    if not NIGERIA.exists():
        pytest.skip("real data not available")
    return NIGERIA


def test_minus_99_is_unknown_never_a_number(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "s.csv", _rows({"ndeath": "-99", "npart": "-99"}, {"ndeath": "4"}))

    frame = read_scad(path)
    mapped = scad_to_acled(path)

    assert frame["ndeath"].isna().tolist() == [True, False]
    assert frame["npart"].isna().tolist() == [True, False]
    assert frame["ndeath"].sum() == 4
    assert mapped["fatalities"].tolist() == [0, 4]
    assert mapped["scad_ndeath"].isna().tolist() == [True, False]
    assert validate(path).ok


@pytest.mark.parametrize("unknown", ["-99", -99, -99.0])
def test_the_row_model_reads_minus_99_as_unknown(unknown: object) -> None:
    event = ScadEvent.model_validate({**_FILE_ROW, "ndeath": unknown, "npart": unknown})

    assert (event.ndeath, event.npart, event.ndeath_once) == (None, None, None)


def test_other_negative_counts_are_refused_not_read_as_numbers(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "s.csv", _rows({"ndeath": "-77"}))

    report = validate(path)

    assert report.counts() == {"range.ndeath": 1}
    with pytest.raises(ValidationError, match="ndeath"):
        ScadEvent.model_validate({**_FILE_ROW, "ndeath": "-77"})


def test_scads_own_dates_and_the_derived_columns(tmp_path: Path) -> None:
    parts_only = {k: v for k, v in _FILE_ROW.items() if k not in ("startdate", "enddate")}
    path = write_rows(tmp_path / "s.csv", [{**parts_only, "eday": "6", "duration": "3"}])

    report = validate(path)
    frame = read_scad(path)
    event = ScadEvent.model_validate({**parts_only, "eday": "6", "duration": "3"})

    assert report.ok, report.format_text()
    assert frame["startdate"].tolist() == [dt.date(2011, 1, 4)]
    assert frame["enddate"].tolist() == [dt.date(2011, 1, 6)]
    assert frame["location_id"].tolist() == ["4750972-1"] == [event.location_id]
    assert (event.startdate, event.enddate) == (dt.date(2011, 1, 4), dt.date(2011, 1, 6))
    assert read_scad(write_rows(tmp_path / "t.csv", _rows({})))["startdate"].tolist() == [
        dt.date(2011, 1, 4)
    ]  # 04-Jan-11, SCAD's own style


def test_every_rule_has_a_row_form() -> None:
    assert all(rule.row is not None for rule in SCAD_RULES)


def test_the_places_of_one_event_are_rows_with_their_own_ids(tmp_path: Path) -> None:
    places = [
        {**_FILE_ROW, "sublocal": str(i), "ilocal": town, "ndeath": "500", "locnum": "4"}
        for i, town in enumerate(["Kaduna", "Kano", "Abuja"], start=1)
    ]
    path = write_rows(tmp_path / "s.csv", places)

    report = validate(path)
    frame = read_scad(path)
    mapped = scad_to_acled(path)

    assert report.ok, report.format_text()
    assert frame["location_id"].tolist() == ["4750972-1", "4750972-2", "4750972-3"]
    assert frame["ndeath"].tolist() == [500, 500, 500]
    assert frame["ndeath_once"].isna().tolist() == [False, True, True]
    assert mapped["fatalities"].sum() == 500  # counted once per event
    assert mapped["location"].tolist() == ["Kaduna", "Kano", "Abuja"]


def test_two_rows_of_one_place_are_duplicates(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "s.csv", [_FILE_ROW, _FILE_ROW])

    report = validate(path)

    assert report.counts() == {"duplicate.location_id": 2}


def test_failures_name_the_derived_id_of_their_row(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "s.csv", _rows({}, {"etype": "12", "sublocal": "2"}))

    report = validate(path)

    failed = report.failures.to_dict(orient="records")
    assert [(f["row"], f["rule"]) for f in failed] == [(1, "range.etype")]
    assert failed[0]["event_id_cnty"].endswith("4750971-2")


def test_scads_reader_refuses_other_datasets_and_theirs_refuse_scad(tmp_path: Path) -> None:
    scad = write_rows(tmp_path / "s.csv", _rows({}))
    acled = write_rows(tmp_path / "a.csv", [make_row()])
    gtd = write_rows(tmp_path / "g.csv", [gtd_row()])

    with pytest.raises(NotEventDataError, match=r"read it with eventdata.read_acled\(\)"):
        read_scad(acled)
    with pytest.raises(NotEventDataError, match=r"read it with eventdata.read_gtd\(\)"):
        scad_to_acled(gtd)
    for reader in (read_acled, read_ged, read_gtd):
        with pytest.raises(NotEventDataError, match=r"read it with eventdata.read_scad\(\)"):
            reader(scad)


CROSSWALK = [
    # etype, repress -> event type, sub-event type, interaction
    ("1", "0", "Protests", "Peaceful protest", "Protesters only"),
    ("2", "1", "Protests", "Protest with intervention", "State forces-Protesters"),
    ("6", "2", "Protests", "Excessive force against protesters", "State forces-Protesters"),
    ("3", "0", "Riots", "Violent demonstration", "Rioters only"),
    ("4", "1", "Riots", "Mob violence", "State forces-Rioters"),
    ("7", "0", "Violence against civilians", "Attack", "State forces-Civilians"),
    ("8", "0", "Battles", "Armed clash", "State forces-Political militia"),
    ("9", "0", "Violence against civilians", "Attack", "Political militia-Civilians"),
    ("10", "0", "Battles", "Armed clash", "State forces-State forces"),
]


def test_the_mapping_follows_etype_and_repression(tmp_path: Path) -> None:
    rows = _rows(*({"etype": e, "repress": r, "ndeath": "1"} for e, r, *_ in CROSSWALK))
    path = write_rows(tmp_path / "s.csv", rows)

    mapped = scad_to_acled(path)

    assert mapped["event_type"].astype(str).tolist() == [c[2] for c in CROSSWALK]
    assert mapped["sub_event_type"].astype(str).tolist() == [c[3] for c in CROSSWALK]
    assert mapped["interaction"].tolist() == [c[4] for c in CROSSWALK]
    assert mapped["actor1"].tolist()[:2] == ["Protesters (Nigeria)", "Protesters (Nigeria)"]
    assert mapped["actor2"].tolist()[1] == "Police Forces of Nigeria"
    assert mapped["actor2"].tolist()[5] == "Civilians (Nigeria)"
    assert mapped["assoc_actor_1"].tolist()[0] == "Police"  # a crowd's own actor, named
    assert validate(mapped, ignore=["event_id_cnty"]).ok


def test_a_multi_day_event_keeps_its_span(tmp_path: Path) -> None:
    long = {"eday": "20", "enddate": "20-Jan-11", "duration": "17"}
    path = write_rows(
        tmp_path / "s.csv", _rows({}, {"eday": "6", "enddate": "06-Jan-11", "duration": "3"}, long)
    )

    mapped = scad_to_acled(path)

    assert [d.date() for d in mapped["event_date"]] == [dt.date(2011, 1, 4)] * 3
    assert [d.date() for d in mapped["scad_date_end"]] == [
        dt.date(2011, 1, 4),
        dt.date(2011, 1, 6),
        dt.date(2011, 1, 20),
    ]
    assert mapped["time_precision"].tolist() == [1, 2, 3]


def test_the_mapping_declares_every_acled_column_once_and_names_what_it_drops() -> None:
    from eventdata import ACLED_COLUMNS

    columns = [m.column for m in MAPPING]

    assert len(columns) == len(set(columns))
    assert set(ACLED_COLUMNS) - {"timestamp"} <= set(columns)
    assert {"npart", "escalation", "issue1", "cgovtarget"} <= set(lost_scad_columns())


def test_the_real_nigeria_file_validates_and_maps_every_row() -> None:
    path = _real()

    report = validate(path)
    frame = read_scad(path)
    mapped = scad_to_acled(path)

    assert report.dialect.name == DATASETS["scad"].dialect
    assert report.ok and report.n_rows == 133
    assert frame["eventid"].nunique() == 114  # 19 rows are further places of an event
    assert frame["location_id"].is_unique
    assert frame["ndeath"].isna().sum() == 0 and frame["npart"].isna().sum() == 116
    events = frame.drop_duplicates("eventid")
    assert frame["ndeath_once"].sum() == events["ndeath"].sum() == mapped["fatalities"].sum()
    assert mapped["event_type"].notna().all()
    assert validate(mapped, ignore=["event_id_cnty"]).ok
    assert (pd.Series(mapped["scad_date_end"]) > pd.Series(mapped["event_date"])).sum() == 25


def test_the_real_file_agrees_row_by_row() -> None:
    path = _real()
    rows = pd.read_csv(path, dtype=str, keep_default_na=False).to_dict("records")

    models = [ScadEvent.model_validate(row) for row in rows]
    typed = read_scad(path)

    assert [m.location_id for m in models] == typed["location_id"].tolist()
    assert [m.ndeath_once for m in models] == [
        None if pd.isna(v) else v for v in typed["ndeath_once"].tolist()
    ]
    assert not any(m.warnings() for m in models)


def test_an_armed_conflict_placeholder_is_reported_and_maps_to_no_event_type(
    tmp_path: Path,
) -> None:
    path = write_rows(tmp_path / "s.csv", _rows({}, {"etype": "-9"}))

    report = validate(path)
    mapped = scad_to_acled(path)

    assert report.counts() == {"etype.code": 1}
    assert mapped["event_type"].isna().tolist() == [False, True]
    assert validate(mapped, ignore=["event_id_cnty"]).counts() == {
        "required.event_type": 1,
        "required.sub_event_type": 1,
        "required.disorder_type": 1,
        "required.inter1": 1,
        "required.interaction": 1,
    }


def test_a_file_without_gislocnum_takes_it_from_locnum(tmp_path: Path) -> None:
    row = {k: v for k, v in _FILE_ROW.items() if k != "gislocnum"}
    path = write_rows(tmp_path / "s.csv", [{**row, "locnum": "6"}])

    frame = read_scad(path)

    assert frame["gislocnum"].tolist() == [6]
    assert ScadEvent.model_validate({**row, "locnum": "6"}).gislocnum == 6
    assert scad_to_acled(path)["geo_precision"].tolist() == [3]


def test_scads_own_column_case_is_read(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "s.csv", _rows({"ACD_questionable": "1"}))

    frame = read_scad(path)

    assert frame["acd_questionable"].tolist() == [1]
    assert "ACD_questionable" not in frame.columns


def test_scad_keeps_acleds_free_text_skippable_before_the_dataset_is_known() -> None:
    from eventdata.datasets import skippable

    assert {"notes", "admin1", "source"} <= skippable(None)
    assert {"notes", "issuenote", "geo_comments"} <= DATASETS["scad"].skippable
