"""ACLED query parameters from Python values, and Retry-After parsing."""

from __future__ import annotations

import datetime as dt
import email.utils
import time

import pytest

from eventdata.sources._query import acled_query, unix_seconds
from eventdata.sources._wire import retry_after as _retry_after


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"country": ["Somalia", "Kenya"]}, {"country": "Somalia:OR:Kenya"}),
        ({"region": [1, 3]}, {"region": "1:OR:3"}),
        (
            {"start_date": dt.date(2025, 1, 1), "end_date": "2025-03-31"},
            {"event_date": "2025-01-01|2025-03-31", "event_date_where": "BETWEEN"},
        ),
        ({"start_date": "2025-01-01"}, {"event_date": "2025-01-01", "event_date_where": ">="}),
        ({"end_date": "2000-01-01"}, {"event_date": "2000-01-01", "event_date_where": "<="}),
        ({"timestamp": "2024-01-01"}, {"timestamp": "1704067200", "timestamp_where": ">="}),
        (
            {"event_types": ["battles", "EXPLOSIONS/REMOTE VIOLENCE"]},
            {"event_type": "Battles:OR:Explosions/Remote violence"},
        ),
        (
            {"iso": 706, "fatalities": "0", "fatalities_where": ">"},
            {"iso": "706", "fatalities": "0", "fatalities_where": ">"},
        ),
    ],
)
def test_query_parameters_use_acleds_syntax(
    arguments: dict[str, object], expected: dict[str, str]
) -> None:
    assert acled_query(**arguments) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"start_date": "2025-02-01", "end_date": "2025-01-01"}, "is after end_date"),
        ({"start_date": "01/02/2025"}, "is not a date; expected YYYY-MM-DD"),
        ({"event_types": "Battle"}, "unknown event type"),
        ({"limit": 10}, "limit is set by eventdata"),
        ({"timestamp": "yesterday"}, "is not a date"),
    ],
)
def test_bad_query_values_are_refused(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        acled_query(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (1_700_000_000, 1_700_000_000),
        ("1700000000", 1_700_000_000),
        (dt.date(2024, 1, 1), 1_704_067_200),
        (dt.datetime(2024, 1, 1, 1, 0), 1_704_070_800),
        (dt.datetime(2024, 1, 1, 1, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))), 1_704_067_200),
    ],
)
def test_times_become_unix_seconds(value: object, seconds: int) -> None:
    assert unix_seconds(value) == seconds  # type: ignore[arg-type]


def test_retry_after_reads_seconds_and_http_dates() -> None:
    later = email.utils.formatdate(time.time() + 30, usegmt=True)

    assert _retry_after("2") == 2.0
    assert _retry_after("0.5") == 0.5
    assert 25 <= (_retry_after(later) or 0) <= 30
    assert _retry_after("soon") is None
    assert _retry_after(None) is None
