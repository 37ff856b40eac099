"""Every kind of input goes through one dispatch: ACLED, UCDP GED, GTD, rich records."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import pandas as pd
import pytest

from eventdata import Actor, ActorType, Attack, CounterRAM, Drone, Response, match
from eventdata.matching.inputs import detect, read_side
from eventdata.models.records import ResponseKind

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sources"))
from acled_fixtures import make_row, write_csv  # noqa: E402
from records_fixtures import GREEN_ZONE  # noqa: E402
from test_ucdp import ged_row, write_ged  # noqa: E402

US = Actor(
    name="Military Forces of the United States (2021-)",
    actor_type=ActorType.EXTERNAL_OTHER_FORCES,
)


def test_records_match_the_acled_row_they_were_coded_from(tmp_path: Path) -> None:
    acled = write_csv(tmp_path / "acled.csv", [make_row()])
    records = [
        Attack(
            id="a1", date=dt.date(2021, 7, 6), place=GREEN_ZONE, target=US,
            weapons=(Drone(armed=True),),
        ),
        Response(
            id="r1", kind=ResponseKind.INTERCEPTION, date=dt.date(2021, 7, 6), responder=US,
            weapons=(CounterRAM(system="Centurion"),), responds_to=("a1",),
        ),
    ]  # fmt: skip

    result = match(records, acled)

    assert detect(records) == "records"
    assert list(result.pairs["right_id"]) == ["IRQ90001"]
    assert result.pairs["score"].iloc[0] > 0.8


def test_ged_rows_keep_their_span_precision_and_dyad(tmp_path: Path) -> None:
    path = write_ged(
        tmp_path / "ged.csv",
        [ged_row(date_end="2013-01-05", where_prec="4", type_of_violence="3",
                 dyad_name="Government of Syria - Civilians")],
    )  # fmt: skip

    side = read_side(path)

    assert side.dataset == "ucdp"
    assert int(side.end[0] - side.start[0]) == 2
    assert side.radius[0] == 150.0
    assert "Government of Syria" in {a[0] for a in side.actors}
    assert side.fatalities[0] == 2.0


def test_ged_and_acled_rows_of_one_event_match(tmp_path: Path) -> None:
    ged = write_ged(tmp_path / "ged.csv", [ged_row()])
    acled = write_csv(
        tmp_path / "acled.csv",
        [make_row(event_date="2013-01-03", year="2013", event_type="Battles",
                  sub_event_type="Armed clash", disorder_type="Political violence",
                  actor1="Military Forces of Syria (2000-)", actor2="Opposition Rebels (Syria)",
                  inter1="State forces", inter2="Rebel group",
                  interaction="State forces-Rebel group", country="Syria", iso="760",
                  admin1="Idlib", admin2="Ariha", location="Rami", latitude="35.77",
                  longitude="36.55", fatalities="2", event_id_cnty="SYR1")],
    )  # fmt: skip

    result = match(acled, ged)

    assert list(zip(result.pairs["left_id"], result.pairs["right_id"], strict=True)) == [
        ("SYR1", "GED300380")
    ]


def test_gtd_incidents_are_read_with_specificity_as_radius(tmp_path: Path) -> None:
    path = tmp_path / "gtd.csv"
    fields = ["eventid", "iyear", "imonth", "iday", "country_txt", "provstate", "city",
              "latitude", "longitude", "specificity", "attacktype1", "attacktype1_txt",
              "gname", "nkill"]  # fmt: skip
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(fields)
        writer.writerow(
            [
                "202107060001",
                "2021",
                "7",
                "6",
                "Iraq",
                "Baghdad",
                "Baghdad",
                "33.30",
                "44.39",
                "1",
                "3",
                "Bombing/Explosion",
                "Unknown",
                "0",
            ]
        )
        writer.writerow(["202107000002", "2021", "7", "0", "Iraq", "Baghdad", "Baghdad",
                         "", "", "5", "9", "Unknown", "Unknown", ""])  # fmt: skip

    side = read_side(path)

    assert detect(path) == "gtd"
    assert side.radius.tolist() == [10.0, 500.0]
    assert side.slack.tolist() == [0, 15]  # day unknown: the month
    assert side.placeable.tolist() == [True, False]
    result = match(path, pd.read_csv(path, dtype=str))
    assert result.summary["pairs"] == 1  # the row without coordinates stays unmatched
    assert list(result.left_only["event_id_cnty"]) == ["GTD202107000002"]


def test_a_table_no_dataset_recognises_is_refused(tmp_path: Path) -> None:
    from eventdata import NotEventDataError

    path = tmp_path / "counts.csv"
    path.write_text("country,month,events\nIraq,2024-01,12\n")

    with pytest.raises(NotEventDataError):
        match(path, path)


def test_an_acled_export_with_a_preamble_is_read_by_acleds_reader(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", [make_row()], preamble=True)

    result = match(path, path)

    assert list(result.pairs["left_id"]) == ["IRQ90001"]
    assert result.pairs["score"].iloc[0] == 1.0
