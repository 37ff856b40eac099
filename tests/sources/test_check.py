"""check_acled names the failing step, against a fake ACLED API on 127.0.0.1."""

from __future__ import annotations

import socket

import pytest
from acled_events import EMAIL, event
from acled_server import FakeAcled

pytest.importorskip("httpx")

from eventdata import check_acled  # noqa: E402

FAST = {"backoff": 0.01, "max_retries": 0}


def statuses(report: object) -> dict[str, str]:
    return {s.name: s.status for s in report.steps}  # type: ignore[attr-defined]


def test_a_good_query_passes_every_step_with_its_total(acled: FakeAcled) -> None:
    report = check_acled(country="Somalia", start_date="2025-01-01", **FAST)

    assert report.ok and report.failed is None
    assert set(statuses(report).values()) == {"ok"}
    assert report.total == 7
    assert acled.reads()[-1].params["with_total"] == "true"
    assert "7 events match" in str(report)


def test_missing_credentials(acled: FakeAcled, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACLED_API_PASSWORD")

    report = check_acled(country="Somalia", **FAST)

    assert report.failed is not None and report.failed.name == "credentials"
    assert "ACLED_API_PASSWORD" in report.failed.detail
    assert statuses(report)["query"] == "skipped"
    assert acled.requests == []


def test_a_refused_password(acled: FakeAcled) -> None:
    report = check_acled(password="wrong horse", **FAST)

    assert report.failed is not None and report.failed.name == "login"
    assert "refused" in report.failed.detail and "wrong horse" not in str(report)


def test_a_login_without_data_access(acled: FakeAcled) -> None:
    acled.no_api_access.add(EMAIL)

    report = check_acled(country="Somalia", **FAST)

    assert statuses(report)["login"] == "ok"
    assert report.failed is not None and report.failed.name == "access"
    assert "API access" in report.failed.detail


def test_a_login_whose_reads_are_always_empty(acled: FakeAcled) -> None:
    acled.empty_access.add(EMAIL)

    report = check_acled(country="Somalia", **FAST)

    assert report.failed is not None and report.failed.name == "access"
    assert "no data access" in report.failed.detail


def test_acled_unreachable() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    report = check_acled(
        email=EMAIL, password="x", base_url=f"http://127.0.0.1:{port}", timeout=2, **FAST
    )

    assert report.failed is not None and report.failed.name == "reach"
    assert "unreachable" in report.failed.detail


def test_acled_failing(acled: FakeAcled) -> None:
    acled.fail("/oauth/token", 503)

    report = check_acled(**FAST)

    assert report.failed is not None and report.failed.name == "reach"
    assert "failing" in report.failed.detail and "503" in report.failed.detail


def test_an_unknown_country_gets_the_closest_names(acled: FakeAcled) -> None:
    report = check_acled(country=["Somalia", "Somaliland", "Democratic Republic of the Congo"])

    assert report.failed is not None and report.failed.name == "filters"
    assert "'Somaliland' is not a name ACLED uses; closest: Somalia" in report.failed.detail
    assert "Democratic Republic of Congo" in report.failed.detail


def test_a_misspelt_region(acled: FakeAcled) -> None:
    report = check_acled(region="Eastern Afrika", **FAST)

    assert report.failed is not None and report.failed.name == "filters"
    assert "closest: Eastern Africa" in report.failed.detail


def test_a_date_range_without_data_is_named(acled: FakeAcled) -> None:
    report = check_acled(country="Somalia", start_date="2019-01-01", end_date="2019-12-31")

    assert report.total == 0
    assert report.failed is not None and report.failed.name == "query"
    assert "the date range (event_date from 2019-01-01 to 2019-12-31)" in report.failed.detail


def test_a_filter_matching_nothing_alone_is_named(acled: FakeAcled) -> None:
    report = check_acled(country="Somalia", admin1="Nowhere", **FAST)

    assert report.failed is not None and report.failed.name == "query"
    assert "admin1=Nowhere alone matches no event" in report.failed.detail


def test_a_login_redirected_elsewhere_is_a_reach_failure(acled: FakeAcled) -> None:
    acled.login_redirect = "https://login.example.org/oauth/token"

    report = check_acled(**FAST)

    assert report.failed is not None and report.failed.name == "reach"
    assert "another origin" in report.failed.detail


def test_a_name_only_acled_knows_passes_the_filters(acled: FakeAcled) -> None:
    acled.events.append(event(50, country="Somalia", admin1="Banaadir"))
    acled.events[-1]["country"] = "Somaliland"  # a name eventdata's vocabulary lacks

    report = check_acled(country="Somaliland", **FAST)

    assert report.ok and report.total == 1


def test_a_base_url_that_is_no_url_is_a_reach_failure(acled: FakeAcled) -> None:
    report = check_acled(base_url="acleddata.com", **FAST)

    assert report.failed is not None and report.failed.name == "reach"
    assert "not an http(s) URL" in report.failed.detail
