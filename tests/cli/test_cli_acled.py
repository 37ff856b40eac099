"""``eventdata acled check`` and ``eventdata history`` against a fake ACLED API."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Run

pytest.importorskip("httpx")

from sources.acled_events import EMAIL, PASSWORD, event  # noqa: E402
from sources.acled_server import FakeAcled, serve_account  # noqa: E402

from eventdata.cli import main  # noqa: E402


@pytest.fixture
def api(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeAcled]:
    with serve_account(monkeypatch, EMAIL, PASSWORD, [event(n) for n in range(1, 6)]) as running:
        yield running


def test_check_passes_and_exits_0(api: FakeAcled, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["acled", "check", "--country", "Somalia"])

    out = capsys.readouterr().out
    assert code == 0
    assert "ok      query: 5 events match" in out and out.rstrip().endswith("check passed.")


def test_check_names_the_failing_step_and_exits_1(
    api: FakeAcled, capsys: pytest.CaptureFixture[str]
) -> None:
    api.no_api_access.add(EMAIL)

    code = main(["acled", "check", "--country", "Somalia", "--format", "json"])

    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["failed"] == "access" and report["ok"] is False
    assert [s["status"] for s in report["steps"]][-2:] == ["skipped", "skipped"]


def test_history_lists_updates_and_an_events_changes(
    api: FakeAcled, run_cli: Run, tmp_path: Path
) -> None:
    store = tmp_path / "somalia.parquet"
    created = run_cli("update", store, "--country", "Somalia")
    api.events[0] = event(1, fatalities="4", timestamp="1800000000")
    api.deletions = [{"event_id_cnty": "SOM5", "deleted_timestamp": str(int(time.time()) + 60)}]
    updated = run_cli("update", store)

    listing = run_cli("history", store)
    one = run_cli("history", store, "--event", "SOM1")
    records = run_cli("history", store, "--format", "json")

    assert created.returncode == 0 and updated.returncode == 0, updated.stderr
    lines = listing.stdout.splitlines()
    assert lines[0].startswith("update 1 (") and lines[0].endswith("created")
    assert lines[1].endswith("0 added, 1 revised (2 cells), 1 deleted, 0 merged")
    assert "revised fatalities: 0 -> 4" in one.stdout
    changes = {(r["event_id_cnty"], r["change"]) for r in json.loads(records.stdout)}
    assert ("SOM5", "deleted") in changes


def test_an_empty_fetch_says_which_filters_matched_nothing(
    api: FakeAcled, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["fetch", "--country", "Narnia", str(tmp_path / "n.parquet")])

    captured = capsys.readouterr()
    assert code == 0 and "wrote 0 ACLED events" in captured.out
    assert "ACLED sent no events for country=Narnia" in captured.err
    assert "eventdata acled check" in captured.err
