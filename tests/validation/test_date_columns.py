"""Date columns: the columnar path decides a style per column and agrees with the row path."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest
from acled_fixtures import make_row, write_csv

from eventdata import Event, InputError, read_acled, validate
from eventdata.models.dates import resolve_date
from eventdata.validation.dates import date_column

# one column per style seen in real files, with the year column beside it
CORPUS: dict[str, tuple[list[str], list[str]]] = {
    "iso": (["2019-12-31", "2020-01-05", ""], ["2019", "2020", ""]),
    "export-tool": (
        ["31 December 2019", "5 January 2020", " 01 Nov 2024 "],
        ["2019", "2020", "2024"],
    ),
    "%d-%m-%y": (["31-12-19", "03-04-19", "05-01-20"], ["2019", "2019", "2020"]),
    "%d/%m/%Y": (["31/12/2019", "03/04/2019"], ["2019", "2019"]),
    "%m/%d/%Y": (["12/31/2019", "03/04/2019"], ["2019", "2019"]),
    "%d-%b-%y": (["9-May-20", "5-Aug-24", "31-Dec-19"], ["2020", "2024", "2019"]),
    "%Y%m%d": (["20210106", "20191231"], ["2021", "2019"]),
    "iso-datetime": (["2014-01-22 00:00:00.000", "2019-12-31 00:00:00.000"], ["2014", "2019"]),
    "excel-serial": (["43830", "43831"], ["2019", "2020"]),
    "%y-%m-%d": (["19-12-31", "20-01-05"], ["2019", "2020"]),
}


@pytest.mark.parametrize("name", list(CORPUS))
def test_each_column_is_decided_as_its_style(name):
    values, years = CORPUS[name]

    _dates, decision = date_column(pa.array(values), year=pa.array(years))

    assert decision.name == name


@pytest.mark.parametrize("name", list(CORPUS))
def test_rows_read_in_the_column_style_give_the_columns_dates(name):
    values, years = CORPUS[name]
    dates, decision = date_column(pa.array(values), year=pa.array(years))

    by_rows = [
        resolve_date(v, year=int(y), date_format=decision.name) if v.strip() else None
        for v, y in zip(values, years, strict=True)
    ]

    assert dates.to_pylist() == by_rows


@pytest.mark.parametrize("name", list(CORPUS))
def test_a_row_that_resolves_alone_agrees_with_its_column(name):
    values, years = CORPUS[name]
    dates, _ = date_column(pa.array(values), year=pa.array(years))

    for value, year, date in zip(values, years, dates.to_pylist(), strict=True):
        try:
            alone = resolve_date(value, year=int(year))
        except ValueError:
            continue  # ambiguous alone: the row path refuses, it never guesses
        assert alone == date, value


def test_a_value_outside_the_column_style_is_a_type_failure_not_a_guess():
    dates, decision = date_column(pa.array(["31-12-19", "03-04-19", "31 Decembr 2019"]))

    assert decision.name == "%d-%m-%y"
    assert dates.to_pylist() == [dt.date(2019, 12, 31), dt.date(2019, 4, 3), None]


# -- through the public functions ----------------------------------------------------------


def _file(tmp_path, dates_years):
    rows = [
        make_row(event_id_cnty=f"IRQ{i}", event_date=d, year=y)
        for i, (d, y) in enumerate(dates_years, start=1)
    ]
    return write_csv(tmp_path / "events.csv", rows)


def test_day_first_two_digit_dates_are_read_right_everywhere(tmp_path):
    path = _file(tmp_path, [("31-12-19", "2019"), ("03-04-19", "2019")])

    report = validate(path)
    frame = read_acled(path)

    assert report.ok, report.format_text()
    assert report.dialect.date_format == "%d-%m-%y"
    assert [d.date() if hasattr(d, "date") else d for d in frame["event_date"]] == [
        dt.date(2019, 12, 31),
        dt.date(2019, 4, 3),
    ]
    row = make_row(event_date="31-12-19", year="2019")
    assert Event.model_validate(row).event_date == dt.date(2019, 12, 31)


def test_an_ambiguous_file_is_refused_naming_the_option(tmp_path):
    path = _file(tmp_path, [("03-04-19", "2019"), ("05-06-19", "2019")])

    with pytest.raises(InputError, match=r"events\.csv: column 'event_date'.*date_format="):
        validate(path)
    with pytest.raises(InputError, match="date_format="):
        read_acled(path)


def test_the_option_settles_an_ambiguous_file(tmp_path):
    path = _file(tmp_path, [("03-04-19", "2019"), ("05-06-19", "2019")])

    frame = read_acled(path, date_format="%m-%d-%y")
    report = validate(path, date_format="%m-%d-%y")

    assert report.ok
    assert str(frame["event_date"].iloc[0])[:10] == "2019-03-04"


def test_an_unknown_date_format_is_refused_before_reading(tmp_path):
    path = _file(tmp_path, [("2019-12-31", "2019")])

    with pytest.raises(ValueError, match="unknown date format 'dd/mm'"):
        validate(path, date_format="dd/mm")


def test_the_year_column_still_checks_each_row(tmp_path):
    path = _file(tmp_path, [("31-12-19", "2019"), ("30-12-19", "2020")])

    report = validate(path)

    assert report.failures["rule"].tolist() == ["year.event_date"]
    assert report.failures["row"].tolist() == [1]
