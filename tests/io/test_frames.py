"""Frames pandas (and polars) users work with, and inputs users hand in as they have them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from acled_fixtures import make_row, write_csv

from eventdata import (
    InputError,
    UnknownRuleError,
    read_acled,
    read_parquet,
    to_parquet,
    validate,
    write_acled,
)


def _frame(tmp_path, n: int = 3, **changes: str) -> pd.DataFrame:
    rows = [
        make_row(event_id_cnty=f"IRQ{i}", event_date=f"2021-0{i}-06", year="2021", **changes)
        for i in range(1, n + 1)
    ]
    return read_acled(write_csv(tmp_path / "in.csv", rows))


# -- pandas operations that must just work ------------------------------------------------


def test_dates_work_with_periods_groupers_resample_and_strings(tmp_path):
    frame = _frame(tmp_path)

    periods = frame["event_date"].dt.to_period("M").astype(str).tolist()
    monthly = frame.groupby(pd.Grouper(key="event_date", freq="MS")).size()
    resampled = frame.set_index("event_date").resample("MS")["fatalities"].sum()

    assert periods == ["2021-01", "2021-02", "2021-03"]
    assert monthly.tolist() == [1, 1, 1]
    assert len(resampled) == 3
    assert (frame["event_date"] > "2021-01-31").tolist() == [False, True, True]


def test_list_columns_are_acled_text_that_pandas_handles(tmp_path):
    frame = _frame(tmp_path)

    assert frame["source"].tolist() == ["AFP; Reuters"] * 3
    assert frame["source"].str.contains("Reuters").all()
    assert len(frame.drop_duplicates()) == 3
    assert "AFP; Reuters" in frame.to_csv(index=False)


def test_lists_are_given_on_request(tmp_path):
    rows = [make_row()]
    frame = read_acled(write_csv(tmp_path / "in.csv", rows), lists=True)

    assert list(frame["source"].iloc[0]) == ["AFP", "Reuters"]


def test_two_reads_concatenate_keeping_codebook_categories(tmp_path):
    first = _frame(tmp_path)
    second = read_acled(
        write_csv(
            tmp_path / "b.csv",
            [
                make_row(
                    event_id_cnty="IRQ9",
                    event_type="Battles",
                    sub_event_type="Armed clash",
                    disorder_type="Political violence",
                )
            ],
        )
    )

    both = pd.concat([first, second], ignore_index=True)

    assert isinstance(both["event_type"].dtype, pd.CategoricalDtype)
    assert both["event_type"].astype(str).tolist()[-1] == "Battles"


def test_open_text_takes_new_values(tmp_path):
    frame = _frame(tmp_path)

    frame.loc[0, "admin1"] = "Anbar"
    frame.loc[1, "country"] = "Syria"

    assert frame["admin1"].tolist()[0] == "Anbar"


def test_a_frame_read_back_writes_the_same_parquet(tmp_path):
    frame = _frame(tmp_path)

    to_parquet(frame, tmp_path / "a.parquet")

    pd.testing.assert_frame_equal(read_parquet(tmp_path / "a.parquet"), frame)


# -- other inputs ---------------------------------------------------------------------------


def test_polars_frames_and_lazy_frames_are_inputs(tmp_path):
    pl = pytest.importorskip("polars")
    path = write_csv(tmp_path / "in.csv", [make_row(), make_row(event_id_cnty="IRQ2")])
    frame = pl.read_csv(path, infer_schema=False)

    report = validate(frame)
    lazy = validate(frame.lazy())

    assert report.ok, report.format_text()
    assert report.n_rows == lazy.n_rows == 2
    assert report.dialect.format == "polars"


def test_event_objects_are_inputs(tmp_path):
    from eventdata import Event

    events = [Event.model_validate(make_row(event_id_cnty=f"IRQ{i}")) for i in (1, 2)]

    report = validate(events)
    written = write_acled(events, tmp_path / "out.csv")
    to_parquet(events, tmp_path / "out.parquet")

    assert report.ok and report.n_rows == 2
    assert written.rows_written == 2
    assert len(read_parquet(tmp_path / "out.parquet")) == 2


@pytest.mark.parametrize("orient", ["columns", "index", "split", "records", "table"])
def test_pandas_json_orients_read_as_records(tmp_path, orient):
    frame = pd.DataFrame([make_row(event_id_cnty="IRQ1"), make_row(event_id_cnty="IRQ2")])
    path = tmp_path / "frame.json"
    frame.to_json(path, orient=orient)

    report = validate(path)

    assert report.n_rows == 2
    assert report.ok, report.format_text()


def test_pandas_values_orient_is_refused_naming_records(tmp_path):
    path = tmp_path / "values.json"
    pd.DataFrame([make_row()]).to_json(path, orient="values")

    with pytest.raises(InputError, match="orient='records'"):
        validate(path)


def test_a_json_object_of_something_else_is_refused(tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"type": "Topology", "objects": {}}))

    with pytest.raises(InputError, match="orient='records'"):
        validate(path)


# -- options that would otherwise pass silently -------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "hint"),
    [
        ("select", ["vocabularly"], "vocabulary"),
        ("ignore", ["hierachy"], "hierarchy"),
        ("select", ["nonsense.rule"], ""),
    ],
)
def test_rule_typos_are_refused_with_the_close_match(tmp_path, option, value, hint):
    path = write_csv(tmp_path / "in.csv", [make_row()])

    with pytest.raises(UnknownRuleError, match=f"no rule is named.*{hint}"):
        validate(path, **{option: value})


def test_one_rule_name_as_a_string_selects_that_family(tmp_path):
    row = make_row(sub_event_type="Armed clash")
    path = write_csv(tmp_path / "in.csv", [row])

    as_string = validate(path, select="hierarchy")
    as_list = validate(path, select=["hierarchy"])

    assert not as_string.ok
    assert as_string.failures["rule"].tolist() == as_list.failures["rule"].tolist()


def test_truth_of_a_report_follows_ok(tmp_path):
    good = validate(write_csv(tmp_path / "g.csv", [make_row()]))
    bad = validate(write_csv(tmp_path / "b.csv", [make_row(fatalities="many")]))

    assert bool(good) is True
    assert bool(bad) is False


def test_long_values_are_cut_in_messages_but_kept_in_the_value_column(tmp_path):
    path = write_csv(tmp_path / "in.csv", [make_row(fatalities="9" * 50 + "x" * 500)])

    failure = validate(path).failures.iloc[0]

    assert len(failure["value"]) == 550
    assert len(failure["message"]) < 300
    assert "..." in failure["message"]


@pytest.mark.parametrize("date_format", ["exporttool", "%Y", "%d/%m"])
def test_write_acled_refuses_a_date_format_that_does_not_read_back(tmp_path, date_format):
    path = write_csv(tmp_path / "in.csv", [make_row()])

    with pytest.raises(ValueError, match="strftime pattern"):
        write_acled(path, tmp_path / "out.csv", date_format=date_format)
    assert not (tmp_path / "out.csv").exists()


def test_write_acled_takes_a_pattern_that_reads_back(tmp_path):
    path = write_csv(tmp_path / "in.csv", [make_row()])

    write_acled(path, tmp_path / "out.csv", date_format="%d/%m/%Y")

    assert "06/07/2021" in (tmp_path / "out.csv").read_text()
    back = read_acled(tmp_path / "out.csv", date_format="%d/%m/%Y")  # one day: ambiguous alone
    assert back["event_date"].iloc[0] == pd.Timestamp("2021-07-06")


def test_a_directory_of_csv_files_says_how_to_pass_them(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    write_csv(folder / "a.csv", [make_row()])

    with pytest.raises(InputError, match=r"no Parquet files.*1 CSV file\(s\) \(a.csv\)"):
        validate(folder)


def test_records_files_have_ordinary_permissions_and_validate_as_their_acled_rows(tmp_path):
    example = Path(__file__).resolve().parents[2] / "examples" / "baghdad_2021.py"
    subprocess.run([sys.executable, str(example), str(tmp_path)], check=True, capture_output=True)
    records = tmp_path / "baghdad_2021.parquet"
    rows = read_acled(tmp_path / "baghdad_2021_acled.csv")

    report = validate(records)

    assert stat.S_IMODE(records.stat().st_mode) == 0o666 & ~_umask()
    assert report.dialect.format == "records"
    assert report.n_rows == len(rows)
    assert report.ok, report.format_text()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
