"""Date styles: each style reads its example, columns are decided from all their values."""

from __future__ import annotations

import datetime as dt

import pytest
from acled_fixtures import make_row

from eventdata import AmbiguousDates, Event
from eventdata.models.dates import DATE_STYLES, decide_style, parse_with, resolve_date, style_named

DEC_31 = dt.date(2019, 12, 31)
TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize("style", DATE_STYLES, ids=lambda s: s.name)
def test_every_style_reads_its_own_example_as_31_december_2019(style):
    assert style.parse(style.example) == DEC_31


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-12-31", DEC_31),
        ("31 December 2019", DEC_31),
        ("01 Nov 2024", dt.date(2024, 11, 1)),
        ("31-12-19", DEC_31),
        ("31/12/2019", DEC_31),
        ("12/31/2019", DEC_31),
        ("9-May-20", dt.date(2020, 5, 9)),
        ("5-Aug-24", dt.date(2024, 8, 5)),
        ("20210106", dt.date(2021, 1, 6)),
        ("2014-01-22 00:00:00.000", dt.date(2014, 1, 22)),
        ("43830", DEC_31),
        ("December 31, 2019", DEC_31),
    ],
)
def test_a_single_unambiguous_value_resolves_alone(value, expected):
    assert resolve_date(value) == expected


@pytest.mark.parametrize("value", ["2021-02-30", "31/31/2019", "not a date", "1234567", "1-2"])
def test_impossible_or_foreign_values_are_refused(value):
    with pytest.raises(ValueError, match="is not a date"):
        resolve_date(value)


def test_day_first_is_settled_by_one_day_above_twelve():
    values = ["03-04-19", "05-06-19", "31-12-19"]

    decision = decide_style(values, today=TODAY)

    assert decision.name == "%d-%m-%y"
    assert parse_with(decision, "03-04-19") == dt.date(2019, 4, 3)


def test_month_first_is_settled_the_same_way():
    decision = decide_style(["03/04/2019", "12/31/2019"], today=TODAY)

    assert decision.name == "%m/%d/%Y"
    assert parse_with(decision, "03/04/2019") == dt.date(2019, 3, 4)


def test_a_column_that_reads_two_ways_is_refused_naming_the_option():
    with pytest.raises(AmbiguousDates, match=r"date_format=.*--date-format") as caught:
        decide_style(["03-04-19", "05-06-19"], years={"03-04-19": 2019}, today=TODAY)

    assert {s.name for s in caught.value.styles} == {"%d-%m-%y", "%m-%d-%y"}
    assert "3 April 2019" in str(caught.value) or "03 April 2019" in str(caught.value)


def test_values_with_equal_day_and_month_are_not_ambiguous():
    years = {"01-01-19": 2019, "02-02-19": 2019}  # rules out 2001-01-19 (yy-mm-dd)

    decision = decide_style(["01-01-19", "02-02-19"], years=years, today=TODAY)

    assert parse_with(decision, "02-02-19") == dt.date(2019, 2, 2)


def test_the_year_column_settles_where_the_year_is_written():
    # 19-12-31 is 31 Dec 2019 as yy-mm-dd, 19 Dec 2031 as dd-mm-yy: year says which
    decision = decide_style(["19-12-31", "20-01-05"], years={"19-12-31": 2019, "20-01-05": 2020})

    assert decision.name == "%y-%m-%d"


def test_dates_in_the_future_lose_against_a_reading_in_the_past():
    # as yy-mm-dd, 28-11-25 and 30-10-24 would be in 2028 and 2030
    decision = decide_style(["28-11-25", "30-10-24", "15-01-25"], today=TODAY)

    assert decision.name == "%d-%m-%y"


def test_the_year_column_gives_two_digit_years_their_century():
    style = style_named("%d-%m-%y")

    assert style.parse("31-12-97") == dt.date(1997, 12, 31)  # strptime's pivot
    assert style.parse("01-01-68", year=1968) == dt.date(1968, 1, 1)  # not 2068
    assert style.parse("01-01-68") == dt.date(2068, 1, 1)


def test_a_mixed_column_fills_in_unambiguous_styles():
    decision = decide_style(["31/12/2019", "01/02/2020", "2020-03-04"], today=TODAY)

    assert decision.name == "%d/%m/%Y+iso"
    assert parse_with(decision, "2020-03-04") == dt.date(2020, 3, 4)
    assert parse_with(decision, "01/02/2020") == dt.date(2020, 2, 1)


def test_excel_serials_outside_plausible_years_are_not_dates():
    assert style_named("excel-serial").parse("43830") == DEC_31
    assert style_named("excel-serial").parse("99999") is None


def test_a_given_format_is_used_as_given():
    decision = decide_style(["03-04-19"], given="%m-%d-%y")

    assert parse_with(decision, "03-04-19") == dt.date(2019, 3, 4)
    assert parse_with(decision, "2019-03-04") is None


def test_an_unknown_format_lists_the_styles():
    with pytest.raises(ValueError, match=r"unknown date format '%Q'.*'iso'"):
        style_named("%Q")


# -- the row path -----------------------------------------------------------------------


def test_event_reads_day_first_dates_with_its_year():
    event = Event.model_validate(make_row(event_date="31-12-19", year="2019"))

    assert event.event_date == DEC_31


def test_event_refuses_an_ambiguous_date_naming_the_field_and_the_option():
    with pytest.raises(Exception, match=r"event_date[\s\S]*date_format") as caught:
        Event.model_validate(make_row(event_date="03-04-19", year="2019"))

    assert type(caught.value).__name__ == "ValidationError"


def test_event_reads_an_ambiguous_date_in_the_context_date_format():
    row = make_row(event_date="03-04-19", year="2019")

    event = Event.model_validate(row, context={"date_format": "%d-%m-%y"})

    assert event.event_date == dt.date(2019, 4, 3)


def test_event_with_a_context_format_refuses_other_styles():
    row = make_row(event_date="2019-04-03", year="2019")

    with pytest.raises(Exception, match="event_date"):
        Event.model_validate(row, context={"date_format": "%d-%m-%y"})
