"""``eventdata fetch`` and ``update`` (and the store commands' usage errors) on a fake ACLED API."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from acled_fixtures import make_row
from conftest import Run

pytest.importorskip("httpx")

from sources.acled_server import FakeAcled, serve_account  # noqa: E402

from eventdata import read_parquet  # noqa: E402
from eventdata.cli import main  # noqa: E402

EMAIL, PASSWORD = "desk@example.org", "s3cret-pass-phrase"


def event(number: int, **changes: str) -> dict[str, str]:
    row = make_row(event_id_cnty=f"IRQ{number}", timestamp=str(1_700_000_000 + number))
    row.update(changes)
    return row


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAcled]:
    with serve_account(monkeypatch, EMAIL, PASSWORD, [event(n) for n in range(1, 6)]) as running:
        yield running


def test_fetch_writes_a_store_that_update_keeps_current(
    api: FakeAcled, run_cli: Run, tmp_path: Path
) -> None:
    store = tmp_path / "iraq.parquet"

    fetched = run_cli(
        "fetch", "--country", "Iraq", "--start", "2021-01-01", "--page-size", "2", store
    )
    api.events[0] = event(1, fatalities="2", timestamp="1800000000")
    api.events.append(event(9, timestamp="1800000001"))
    api.deletions = [{"event_id_cnty": "IRQ2", "deleted_timestamp": str(int(time.time()) + 60)}]
    updated = run_cli("update", store, "--format", "json")

    assert fetched.returncode == 0, fetched.stderr
    assert fetched.stdout.startswith(f"{store}: wrote 5 ACLED events (5 received in 3 pages)")
    first = api.reads()[0].params
    assert (first["event_date"], first["event_date_where"]) == ("2021-01-01", ">=")
    assert updated.returncode == 0, updated.stderr
    summary = json.loads(updated.stdout)
    assert (summary["added"], summary["updated"], summary["deleted"]) == (1, 1, 1)
    assert summary["query"]["country"] == "Iraq"
    assert sorted(read_parquet(store)["event_id_cnty"]) == ["IRQ1", "IRQ3", "IRQ4", "IRQ5", "IRQ9"]


def test_a_refused_login_exits_2_without_the_password(
    api: FakeAcled,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ACLED_API_PASSWORD", "not-the-password")

    code = main(["fetch", "--country", "Iraq", str(tmp_path / "out.parquet")])

    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("Error: ACLED refused the login of desk@example.org")
    assert "Traceback" not in err and "not-the-password" not in err
    assert not (tmp_path / "out.parquet").exists()


def test_fetch_refuses_invalid_rows_on_request(
    api: FakeAcled, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    api.events.append(event(7, fatalities="many"))

    refused = main(
        ["fetch", "--country", "Iraq", "--on-invalid", "raise", str(tmp_path / "a.parquet")]
    )
    err = capsys.readouterr().err
    kept = main(["fetch", "--country", "Iraq", str(tmp_path / "b.parquet")])
    out = capsys.readouterr().out

    assert refused == 1 and "IRQ7" in err
    assert not (tmp_path / "a.parquet").exists()
    assert kept == 0 and "1 invalid (kept" in out
    assert (tmp_path / "b.failures.parquet").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["fetch", "--start", "2025-02-01", "--end", "2025-01-01", "x.parquet"],
            "is after end_date",
        ),
        (["fetch", "--event-type", "Battle", "x.parquet"], "unknown event type"),
        (["fetch", "--filter", "iso", "x.parquet"], "is not KEY=VALUE"),
        (["fetch", "--country", "Iraq", "x.csv"], "name a .parquet file"),
        (["update", "absent.parquet"], "pass the ACLED query"),  # a new store needs a query
        (["history", "absent.parquet"], "absent.parquet"),
    ],
)
def test_bad_usage_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    code = main([*args[:-1], str(tmp_path / args[-1])])

    assert code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("command", ["fetch", "update", None])
def test_help_documents_the_credential_variables(
    capsys: pytest.CaptureFixture[str], command: str | None
) -> None:
    code = main([command, "--help"] if command else ["--help"])

    out = capsys.readouterr().out
    assert code == 0
    for name in ("ACLED_API_EMAIL", "ACLED_API_PASSWORD", "ACLED_API_URL"):
        assert name in out
