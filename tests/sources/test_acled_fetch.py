"""fetch_acled, iter_acled and fetch_deletions against a fake ACLED API on 127.0.0.1."""

from __future__ import annotations

import contextlib
import inspect
import io
import sys
import typing
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from acled_events import EMAIL, PASSWORD, event
from acled_server import FakeAcled

pytest.importorskip("httpx")

from eventdata import (  # noqa: E402
    ApiError,
    AuthenticationError,
    MissingExtraError,
    ValidationFailed,
    fetch_acled,
    fetch_deletions,
    iter_acled,
    read_acled,
)
from eventdata.sources.acled_api import AcledSession  # noqa: E402

FAST = {"backoff": 0.01, "progress": False}


def test_pages_are_read_until_a_short_page_into_read_acled_dtypes(acled: FakeAcled) -> None:
    frame = fetch_acled(country="Somalia", page_size=3, **FAST)

    expected = read_acled(pd.DataFrame([event(n) for n in range(1, 8)]))
    assert frame["event_id_cnty"].tolist() == [f"SOM{n}" for n in range(1, 8)]
    assert list(frame.columns) == list(expected.columns)
    assert frame.dtypes.to_dict() == expected.dtypes.to_dict()
    pd.testing.assert_frame_equal(frame, expected, check_categorical=False)
    assert [(r.params["limit"], r.params["page"]) for r in acled.reads()] == [
        ("3", "1"),
        ("3", "2"),
        ("3", "3"),
    ]
    assert all(r.params["_format"] == "json" for r in acled.reads())


def test_login_is_acleds_password_grant_and_reads_carry_the_bearer(acled: FakeAcled) -> None:
    fetch_acled(country="Kenya", **FAST)

    login = [r for r in acled.requests if r.path == "/oauth/token"]
    assert [r.method for r in login] == ["POST"]
    assert login[0].form == {
        "username": EMAIL,
        "password": PASSWORD,
        "grant_type": "password",
        "client_id": "acled",
    }
    token = next(iter(acled.tokens))
    assert acled.reads()[0].authorization == f"Bearer {token}"
    assert PASSWORD not in str(acled.reads()[0].params)


@pytest.mark.parametrize(
    ("arguments", "sent", "ids"),
    [
        ({"country": "Kenya"}, {"country": "Kenya"}, ["KEN1", "KEN2"]),
        (
            {"country": ["Kenya", "Somalia"], "start_date": "2025-01-03", "end_date": "2025-01-04"},
            {
                "country": "Kenya:OR:Somalia",
                "event_date": "2025-01-03|2025-01-04",
                "event_date_where": "BETWEEN",
            },
            ["SOM2", "SOM3", "KEN2"],
        ),
        (
            {"timestamp": 1_700_000_006},
            {"timestamp": "1700000006", "timestamp_where": ">="},
            ["SOM6", "SOM7"],
        ),
        ({"iso": 404, "event_types": "strategic developments"}, None, ["KEN1", "KEN2"]),
    ],
)
def test_filters_use_acleds_syntax(
    acled: FakeAcled, arguments: dict[str, object], sent: dict[str, str] | None, ids: list[str]
) -> None:
    frame = fetch_acled(**arguments, **FAST)  # type: ignore[arg-type]

    params = acled.reads()[0].params
    expected = sent or {"iso": "404", "event_type": "Strategic developments"}
    assert {k: params[k] for k in expected} == expected
    assert frame["event_id_cnty"].tolist() == ids


def test_a_refused_password_is_an_authentication_error_without_the_password(
    acled: FakeAcled,
) -> None:
    with pytest.raises(AuthenticationError) as caught:
        fetch_acled(country="Somalia", password="wrong password 123", **FAST)

    message = str(caught.value)
    assert caught.value.status == 400
    assert EMAIL in message and "ACLED_API_PASSWORD" in message
    assert "wrong password 123" not in message and PASSWORD not in message
    assert acled.reads() == []


def test_missing_credentials_name_the_environment_variables(
    acled: FakeAcled, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ACLED_API_PASSWORD")

    with pytest.raises(AuthenticationError, match="ACLED_API_EMAIL and ACLED_API_PASSWORD"):
        fetch_acled(country="Somalia", **FAST)


def test_an_account_without_api_access_gets_403_without_the_token(acled: FakeAcled) -> None:
    acled.no_api_access.add(EMAIL)

    with pytest.raises(AuthenticationError) as caught:
        fetch_acled(country="Somalia", **FAST)

    token = next(iter(acled.tokens))
    assert caught.value.status == 403
    assert "access denied" in str(caught.value)
    assert token not in str(caught.value) and PASSWORD not in str(caught.value)


def test_429_waits_for_retry_after_not_the_backoff(acled: FakeAcled) -> None:
    acled.fail("/api/acled/read", 429, headers={"Retry-After": "0.05"})

    # with backoff=30 the test would stall for 30 s unless Retry-After is honoured
    frame = fetch_acled(country="Kenya", backoff=30, progress=False)

    assert frame["event_id_cnty"].tolist() == ["KEN1", "KEN2"]
    assert len(acled.reads()) == 2


def test_a_500_is_retried_with_backoff(acled: FakeAcled) -> None:
    acled.fail("/api/acled/read", 500)
    acled.fail("/oauth/token", 503)

    frame = fetch_acled(country="Kenya", **FAST)

    assert frame["event_id_cnty"].tolist() == ["KEN1", "KEN2"]
    assert len(acled.reads()) == 2
    assert len([r for r in acled.requests if r.path == "/oauth/token"]) == 2


def test_a_lasting_500_is_an_api_error_after_the_retries(acled: FakeAcled) -> None:
    acled.fail("/api/acled/read", 500, times=10)

    with pytest.raises(ApiError) as caught:
        fetch_acled(country="Kenya", max_retries=2, **FAST)

    assert caught.value.status == 500
    assert "after 3 attempts" in str(caught.value)
    assert len(acled.reads()) == 3


def test_a_token_expired_on_the_server_is_renewed_once(acled: FakeAcled) -> None:
    with AcledSession(backoff=0.01) as session:
        fetch_acled(country="Kenya", session=session, progress=False)
        acled.expire_tokens()
        frame = fetch_acled(country="Kenya", session=session, progress=False)

    grants = [r.form["grant_type"] for r in acled.requests if r.path == "/oauth/token"]
    assert frame["event_id_cnty"].tolist() == ["KEN1", "KEN2"]
    assert grants == ["password", "password"]
    assert [r.params["country"] for r in acled.reads()] == ["Kenya"] * 3


def test_a_token_about_to_expire_is_refreshed_with_the_refresh_grant(acled: FakeAcled) -> None:
    acled.token_lifetime = 30  # within the client's renewal margin

    fetch_acled(country="Somalia", page_size=3, **FAST)

    grants = [r.form["grant_type"] for r in acled.requests if r.path == "/oauth/token"]
    assert grants == ["password", "refresh_token", "refresh_token"]
    assert len(acled.reads()) == 3


def test_no_answer_within_the_timeout_is_an_api_error(acled: FakeAcled) -> None:
    acled.delay = 1.0

    with pytest.raises(ApiError, match="no answer within 0.2 s"):
        fetch_acled(country="Kenya", timeout=0.2, max_retries=1, **FAST)


def test_an_error_document_is_an_api_error(acled: FakeAcled) -> None:
    acled.fail("/api/acled/read", 200, body={"success": False, "error": "invalid query"})

    with pytest.raises(ApiError, match="invalid query"):
        fetch_acled(country="Kenya", **FAST)


@pytest.mark.parametrize(
    ("on_invalid", "ids"),
    [("keep", ["SOM1", "SOM2", "SOM3"]), ("drop", ["SOM1", "SOM3"])],
)
def test_invalid_rows_are_reported_never_dropped_silently(
    acled: FakeAcled, on_invalid: str, ids: list[str]
) -> None:
    acled.events = [event(1), event(2, fatalities="many"), event(3)]

    with pytest.warns(UserWarning, match="1 of 3 rows from ACLED break error rules"):
        frame = fetch_acled(country="Somalia", on_invalid=on_invalid, **FAST)  # type: ignore[arg-type]

    failures = pd.DataFrame(frame.attrs["eventdata.failures"])
    assert frame["event_id_cnty"].tolist() == ids
    assert frame.attrs["eventdata.n_invalid"] == 1
    assert failures[["row", "event_id_cnty", "column"]].values.tolist() == [
        [1, "SOM2", "fatalities"]
    ]
    assert len(pd.concat([frame, frame])) == 2 * len(ids)


def test_invalid_rows_can_be_refused(acled: FakeAcled) -> None:
    acled.events = [event(1), event(2, fatalities="many")]

    with pytest.raises(ValidationFailed, match="SOM2"):
        fetch_acled(country="Somalia", on_invalid="raise", **FAST)


def test_iter_acled_streams_batches_to_parquet(acled: FakeAcled, tmp_path: Path) -> None:
    stream = iter_acled(country="Somalia", page_size=2, **FAST)
    assert acled.requests == []  # nothing requested before the first batch

    with pq.ParquetWriter(tmp_path / "out.parquet", stream.schema) as writer:
        for batch in stream:
            assert isinstance(batch, pa.RecordBatch)
            writer.write_batch(batch)

    table = pq.read_table(tmp_path / "out.parquet")
    assert stream.pages == 4 and stream.rows == 7
    assert table.column("event_id_cnty").to_pylist() == [f"SOM{n}" for n in range(1, 8)]
    assert table.schema.field("event_date").type == pa.date32()


def test_an_event_repeated_by_a_shifted_page_appears_once(acled: FakeAcled) -> None:
    acled.events = [event(1), event(2), event(2), event(3)]

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = fetch_acled(country="Somalia", page_size=2, **FAST)

    assert frame["event_id_cnty"].tolist() == ["SOM1", "SOM2", "SOM3"]
    assert any("repeated an event" in str(w.message) for w in caught)


def test_deletions_since_a_time(acled: FakeAcled) -> None:
    acled.deletions = [
        {"event_id_cnty": "SOM1", "deleted_timestamp": "1700000100"},
        {"event_id_cnty": "SOM9", "deleted_timestamp": "1600000000"},
    ]

    table = fetch_deletions(since=1_700_000_000, backoff=0.01)

    params = acled.reads("/api/deleted/read")[0].params
    assert params["deleted_timestamp"] == "1700000000"
    assert params["deleted_timestamp_where"] == ">="
    assert table.to_pylist() == [{"event_id_cnty": "SOM1", "deleted_timestamp": 1_700_000_100}]


def test_without_httpx_the_message_names_the_extra(
    acled: FakeAcled, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "httpx", None)

    with pytest.raises(MissingExtraError, match=r"pip install 'eventdata\[api\]'"):
        fetch_acled(country="Somalia", **FAST)


def test_fetch_acled_takes_iter_acleds_arguments_by_keyword() -> None:
    fetch, stream = inspect.signature(fetch_acled), inspect.signature(iter_acled)

    assert fetch.parameters == stream.parameters
    assert {p.kind for p in fetch.parameters.values()} == {
        inspect.Parameter.KEYWORD_ONLY,
        inspect.Parameter.VAR_KEYWORD,
    }
    assert typing.get_type_hints(fetch_acled)["return"] is pd.DataFrame
    assert typing.get_type_hints(fetch_acled)["page_size"] is int
    with pytest.raises(TypeError, match="positional"):
        fetch_acled("Somalia")  # type: ignore[misc]


class Renders(io.StringIO):
    """A stderr that keeps each write apart: the bar's renders, one by one, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        return super().write(text)


def test_the_progress_bar_counts_rows(acled: FakeAcled) -> None:
    stderr = Renders()  # the stream the bar draws on, read whole: no capture of fd 2 between

    with contextlib.redirect_stderr(stderr):
        fetch_acled(country="Somalia", page_size=3, backoff=0.01, progress=True)

    renders = [w.strip("\r ") for w in stderr.writes if w.startswith("\r")]
    assert renders == [
        "ACLED 3 rows received (1 pages)...",
        "ACLED 6 rows received (2 pages)...",
        "ACLED 7 rows received (3 pages)...",
        "",  # the bar is erased at the end, so that the next output starts on a clean line
    ]
