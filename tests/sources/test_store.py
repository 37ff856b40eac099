"""update(): a Parquet store kept current against a fake ACLED API on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from acled_events import event
from acled_server import FakeAcled

pytest.importorskip("httpx")

from eventdata import (  # noqa: E402
    ApiError,
    InputError,
    read_parquet,
    to_parquet,
    update,
)
from eventdata.sources.store import read_store_info  # noqa: E402

FAST = {"backoff": 0.01, "progress": False}
LAYOUTS = {"file": ("somalia.parquet", None), "dataset": ("somalia", ["year"])}


def make_store(tmp_path: Path, layout: str) -> Path:
    name, partition_by = LAYOUTS[layout]
    store = tmp_path / name
    summary = update(store, country="Somalia", partition_by=partition_by, **FAST)
    assert summary.created and summary.added == 7
    return store


def ids(store: Path) -> list[str]:
    return sorted(read_parquet(store)["event_id_cnty"].tolist())


def revise(acled: FakeAcled) -> None:
    """ACLED's week: SOM1 revised, SOM20 added, SOM3 deleted, KEN1 deleted elsewhere."""
    acled.events[0] = event(1, fatalities="5", timestamp="1800000000")
    acled.events.append(event(20, timestamp="1800000001"))
    later = str(int(time.time()) + 60)
    acled.deletions = [
        {"event_id_cnty": "SOM3", "deleted_timestamp": later},
        {"event_id_cnty": "KEN1", "deleted_timestamp": later},
    ]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_update_replaces_revisions_appends_and_deletes(
    acled: FakeAcled, tmp_path: Path, layout: str
) -> None:
    store = make_store(tmp_path, layout)
    revise(acled)

    summary = update(store, **FAST)

    frame = read_parquet(store).set_index("event_id_cnty")
    assert (summary.added, summary.updated, summary.deleted) == (1, 1, 1)
    assert (summary.rows_before, summary.rows_after, summary.unchanged) == (7, 7, 1)
    assert summary.deletions_listed == 2
    assert sorted(frame.index) == sorted(["SOM1", "SOM2", "SOM4", "SOM5", "SOM6", "SOM7", "SOM20"])
    assert frame.loc["SOM1", "fatalities"] == 5
    assert frame.loc["SOM1", "timestamp"] == 1_800_000_000
    assert summary.newest_timestamp == 1_800_000_001


def test_update_asks_for_events_since_the_newest_and_deletions_since_the_last_update(
    acled: FakeAcled, tmp_path: Path
) -> None:
    store = make_store(tmp_path, "file")
    created = read_store_info(store)

    update(store, **FAST)

    events, deletions = acled.reads()[-1], acled.reads("/api/deleted/read")[-1]
    assert events.params["country"] == "Somalia"
    assert (events.params["timestamp"], events.params["timestamp_where"]) == (
        "1700000007",
        ">=",
    )
    assert deletions.params["deleted_timestamp"] == str(created["last_update"])
    assert created["query"] == {"country": "Somalia"}


def test_an_update_without_news_changes_nothing(acled: FakeAcled, tmp_path: Path) -> None:
    store = make_store(tmp_path, "file")
    before = read_parquet(store)

    summary = update(store, **FAST)

    assert (summary.added, summary.updated, summary.deleted, summary.unchanged) == (0, 0, 0, 1)
    pd.testing.assert_frame_equal(read_parquet(store), before)


def test_a_store_from_an_export_needs_the_query_once(acled: FakeAcled, tmp_path: Path) -> None:
    store = tmp_path / "export.parquet"
    to_parquet(pd.DataFrame([event(n) for n in range(1, 4)]), store)

    with pytest.raises(InputError, match="no recorded ACLED query"):
        update(store, **FAST)
    summary = update(store, country="Somalia", **FAST)

    assert ids(store) == sorted(f"SOM{n}" for n in range(1, 8))
    assert (summary.added, summary.updated) == (4, 0)
    assert read_store_info(store)["query"] == {"country": "Somalia"}
    # deletions from the store's newest timestamp when it has no recorded update
    assert acled.reads("/api/deleted/read")[-1].params["deleted_timestamp"] == "1700000003"


def test_a_new_store_needs_a_query(acled: FakeAcled, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="pass the ACLED query"):
        update(tmp_path / "new.parquet", **FAST)
    assert acled.requests == []


def test_a_failed_update_leaves_the_store_as_it_was(acled: FakeAcled, tmp_path: Path) -> None:
    store = make_store(tmp_path, "file")
    before = store.read_bytes()
    history = (tmp_path / "somalia.history.parquet").read_bytes()
    revise(acled)
    acled.fail("/api/deleted/read", 500, times=5)

    with pytest.raises(ApiError, match="ACLED deletions"):
        update(store, max_retries=1, **FAST)

    assert store.read_bytes() == before
    assert (tmp_path / "somalia.history.parquet").read_bytes() == history
    # the store, its history and the (empty) lock file: no temporary left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".somalia.parquet.lock",
        "somalia.history.parquet",
        "somalia.parquet",
    ]


def test_a_killed_update_leaves_the_store_as_it_was(acled: FakeAcled, tmp_path: Path) -> None:
    store = make_store(tmp_path, "file")
    before = store.read_bytes()
    revise(acled)
    acled.delay = 2.0  # the update is killed while it waits for ACLED
    code = f"import eventdata; eventdata.update({str(store)!r}, progress=False)"
    process = subprocess.Popen([sys.executable, "-c", code], env=dict(os.environ))
    try:
        for _ in range(200):
            if len(acled.reads()) > 1:
                break
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)

    assert len(acled.reads()) == 2
    assert store.read_bytes() == before
    assert ids(store) == sorted(f"SOM{n}" for n in range(1, 8))


def test_invalid_rows_received_are_listed_beside_the_store(
    acled: FakeAcled, tmp_path: Path
) -> None:
    store = make_store(tmp_path, "file")
    acled.events.append(event(30, fatalities="many", timestamp="1800000000"))

    with pytest.warns(UserWarning, match="somalia.failures.parquet"):
        summary = update(store, **FAST)

    failures = pd.read_parquet(tmp_path / "somalia.failures.parquet")
    assert summary.n_invalid == 1 and summary.added == 1
    assert failures[["event_id_cnty", "column"]].values.tolist() == [["SOM30", "fatalities"]]
