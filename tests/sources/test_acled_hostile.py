"""The API client against a misbehaving server on 127.0.0.1: the password never leaves,
no answer waits forever or fills memory, and an empty answer is never silent."""

from __future__ import annotations

import base64
import json
import warnings
from urllib.parse import quote, quote_plus

import pytest
from acled_events import EMAIL, PASSWORD, event
from acled_server import FakeAcled, serve

pytest.importorskip("httpx")

from eventdata import (  # noqa: E402
    ApiError,
    AuthenticationError,
    EmptyResultWarning,
    fetch_acled,
)
from eventdata.sources._http import AcledSession, PlainHttpWarning  # noqa: E402

FAST = {"backoff": 0.01, "progress": False}
ODD_PASSWORD = 'p@ss wörd/&=+"<>'


def test_the_login_never_follows_a_redirect_to_another_origin(acled: FakeAcled) -> None:
    with serve(FakeAcled(users={EMAIL: PASSWORD})) as elsewhere:
        acled.login_redirect = f"{elsewhere.url}/oauth/token"

        with pytest.raises(AuthenticationError, match="another origin") as caught:
            fetch_acled(country="Somalia", **FAST)

        assert elsewhere.requests == []  # the password was not sent there
    assert PASSWORD not in str(caught.value)
    assert "ACLED_API_URL" in str(caught.value)


def test_every_encoding_of_the_password_is_redacted(acled: FakeAcled) -> None:
    form = f"username={quote_plus(EMAIL)}&password={quote_plus(ODD_PASSWORD)}"
    echoes = [
        ODD_PASSWORD,
        quote(ODD_PASSWORD, safe=""),
        quote_plus(ODD_PASSWORD).lower(),
        json.dumps(ODD_PASSWORD)[1:-1],
        base64.b64encode(ODD_PASSWORD.encode()).decode(),
        "&lt;&gt;".join(ODD_PASSWORD.split("<>")).replace('"', "&quot;").replace("&=", "&amp;="),
    ]
    acled.fail(
        "/oauth/token",
        400,
        body={"error": "invalid_grant", "error_description": f"{form} | " + " | ".join(echoes)},
    )

    with pytest.raises(AuthenticationError) as caught:
        fetch_acled(country="Somalia", password=ODD_PASSWORD, **FAST)

    message = str(caught.value)
    assert "invalid_grant" in message and "***" in message
    for shown in [quote_plus(ODD_PASSWORD), *echoes]:
        assert shown.lower() not in message.lower(), shown


def test_a_plain_http_base_url_warns_unless_it_is_this_machine() -> None:
    with pytest.warns(PlainHttpWarning, match="unencrypted"):
        AcledSession(email=EMAIL, password=PASSWORD, base_url="http://acled.example.org").close()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        AcledSession(email=EMAIL, password=PASSWORD, base_url="https://acled.example.org").close()
        AcledSession(email=EMAIL, password=PASSWORD, base_url="http://127.0.0.1:9").close()


def test_a_trickling_server_meets_the_overall_deadline(acled: FakeAcled) -> None:
    acled.trickle = 0.05  # 4 bytes every 50 ms: each read is quick, the answer never ends

    with AcledSession(deadline=0.5, timeout=5, max_retries=0) as session:
        with pytest.raises(ApiError, match=r"still arriving after 0.5 s"):
            fetch_acled(country="Kenya", session=session, progress=False)


def test_a_server_ignoring_page_is_stopped_at_the_repeated_page(acled: FakeAcled) -> None:
    acled.ignore_page = True

    with pytest.raises(ApiError, match="page 2 repeats page 1"):
        fetch_acled(country="Somalia", page_size=3, **FAST)

    assert len(acled.reads()) == 2


def test_a_page_longer_than_the_limit_is_refused(acled: FakeAcled) -> None:
    acled.ignore_limit = True

    with pytest.raises(ApiError, match="7 rows, more than the 3 asked for"):
        fetch_acled(country="Somalia", page_size=3, **FAST)


def test_a_page_far_larger_than_its_limit_is_not_read_whole(acled: FakeAcled) -> None:
    acled.ignore_limit = True  # 2,000 rows sent for limit=1: about 3 MB for a 1 MB bound
    acled.events = [event(n) for n in range(1, 2001)]

    with pytest.raises(ApiError, match="larger than 1,081,344 bytes"):
        fetch_acled(country="Somalia", page_size=1, **FAST)


def test_an_answer_larger_than_the_bound_is_not_read_whole(acled: FakeAcled) -> None:
    with AcledSession(max_answer_bytes=2_000, backoff=0.01) as session:
        with pytest.raises(ApiError, match="larger than 2,000 bytes"):
            fetch_acled(country="Somalia", session=session, progress=False)


def test_reads_never_depend_on_count(acled: FakeAcled) -> None:
    frame = fetch_acled(country="Somalia", page_size=3, **FAST)

    assert len(frame) == 7
    assert all("with_total" not in r.params for r in acled.reads())


def test_an_expired_refresh_token_means_a_new_login_unnoticed(acled: FakeAcled) -> None:
    acled.token_lifetime = 30  # every read renews the access token
    with AcledSession(backoff=0.01) as session:
        fetch_acled(country="Kenya", session=session, progress=False)
        acled.refresh_tokens.clear()  # 14 days later the refresh token is no longer valid
        frame = fetch_acled(country="Kenya", session=session, progress=False)

    grants = [r.form["grant_type"] for r in acled.requests if r.path == "/oauth/token"]
    assert frame["event_id_cnty"].tolist() == ["KEN1", "KEN2"]
    assert grants == ["password", "refresh_token", "password"]


def test_an_empty_answer_names_the_filters(acled: FakeAcled) -> None:
    with pytest.warns(EmptyResultWarning, match="country=Narnia, event_date >= 2025-01-01"):
        frame = fetch_acled(country="Narnia", start_date="2025-01-01", **FAST)

    assert len(frame) == 0
    assert "eventdata acled check" in frame.attrs["eventdata.empty"]


def test_a_token_expiring_in_the_middle_of_a_download_is_renewed(acled: FakeAcled) -> None:
    def expire_at_page_two(path: str) -> None:
        if len(acled.reads()) == 2:  # 24 hours after the login, between two pages
            acled.expire_tokens()

    acled.before_answer = expire_at_page_two

    frame = fetch_acled(country="Somalia", page_size=3, **FAST)

    grants = [r.form["grant_type"] for r in acled.requests if r.path == "/oauth/token"]
    assert frame["event_id_cnty"].tolist() == [f"SOM{n}" for n in range(1, 8)]
    assert grants == ["password", "password"]
    assert [r.params["page"] for r in acled.reads()] == ["1", "2", "2", "3"]
