"""A store's history: kept by update(), read back by read_history and read_parquet(as_of=)."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pytest
from acled_events import event
from acled_server import FakeAcled

pytest.importorskip("httpx")

from eventdata import InputError, StoreBusyError, read_history, read_parquet, update  # noqa: E402
from eventdata.sources._lock import store_lock  # noqa: E402
from eventdata.sources.history import HISTORY_SCHEMA, history_path, write_history  # noqa: E402
from eventdata.sources.store import read_store_info  # noqa: E402

FAST = {"backoff": 0.01, "progress": False}


def ids(frame: object) -> list[str]:
    return sorted(frame["event_id_cnty"].tolist())  # type: ignore[index]


def next_second() -> None:
    """History times are whole seconds: let the clock move on before the next update."""
    start = int(time.time())
    while int(time.time()) == start:
        time.sleep(0.05)


def week_two(acled: FakeAcled) -> None:
    """SOM1 revised, SOM20 added, SOM5 deleted, SOM3 merged into a revised SOM2."""
    acled.events[0] = event(1, fatalities="5", timestamp="1800000000")
    acled.events[1] = event(2, event_date="2025-01-04", fatalities="9", timestamp="1800000002")
    acled.events.append(event(20, timestamp="1800000001"))
    later = str(int(time.time()) + 60)
    acled.deletions = [
        {"event_id_cnty": "SOM3", "deleted_timestamp": later},
        {"event_id_cnty": "SOM5", "deleted_timestamp": later},
    ]


def test_history_lists_added_revised_deleted_and_merged(acled: FakeAcled, tmp_path: Path) -> None:
    store = tmp_path / "somalia.parquet"
    update(store, country="Somalia", **FAST)
    week_two(acled)

    summary = update(store, **FAST)

    history = read_history(store)
    second = history[history["update"] == 2]
    assert summary.history == 2 and read_store_info(store)["history"] == 2
    assert history["change"].iloc[0] == "created"
    assert second[second["change"] == "added"]["event_id_cnty"].tolist() == ["SOM20"]
    revised = second[second["change"] == "revised"]
    cells = {(r.event_id_cnty, r.column): (r.old, r.new) for r in revised.itertuples()}
    assert cells[("SOM1", "fatalities")] == ("0", "5")
    assert cells[("SOM2", "event_date")] == ("2025-01-03", "2025-01-04")
    assert cells[("SOM1", "timestamp")] == ("1700000001", "1800000000")
    merged = second[second["change"] == "merged"]
    assert set(merged["event_id_cnty"]) == {"SOM3"} and set(merged["new"]) == {"SOM2"}
    deleted = second[second["change"] == "deleted"]
    assert set(deleted["event_id_cnty"]) == {"SOM5"}
    assert "notes" in set(deleted["column"])  # every cell kept, so it can be restored
    assert read_history(store, event="SOM1")["change"].tolist() == ["revised", "revised"]


def test_history_holds_cells_not_copies(acled: FakeAcled, tmp_path: Path) -> None:
    acled.events = [event(n) for n in range(1, 29)]
    store = tmp_path / "somalia.parquet"
    update(store, country="Somalia", **FAST)
    acled.events[0] = event(1, fatalities="5", timestamp="1800000000")

    update(store, **FAST)

    history = read_history(store)
    # the creation and the update (one row each), then SOM1's two changed cells
    assert len(history) == 4
    assert history_path(store).stat().st_size < store.stat().st_size


def test_read_parquet_as_of_gives_the_store_as_it_was(acled: FakeAcled, tmp_path: Path) -> None:
    store = tmp_path / "somalia.parquet"
    update(store, country="Somalia", **FAST)
    first = read_parquet(store)
    next_second()
    week_two(acled)
    update(store, **FAST)
    seen = read_history(store)["seen_at"]

    then = read_parquet(store, as_of=seen.iloc[0].to_pydatetime())
    before_creation = read_parquet(store, as_of="2020-01-01")
    today = read_parquet(store, as_of=dt.datetime.now(dt.timezone.utc).date().isoformat())

    assert ids(then) == ids(first)
    restored = then.set_index("event_id_cnty").sort_index()
    expected = first.set_index("event_id_cnty").sort_index()
    for column in ("fatalities", "event_date", "notes", "timestamp", "latitude", "inter1"):
        assert restored[column].tolist() == expected[column].tolist(), column
    assert len(before_creation) == 0
    assert ids(today) == ids(read_parquet(store))
    some = read_parquet(store, as_of=seen.iloc[0].to_pydatetime(), columns=["event_id_cnty"])
    assert list(some.columns) == ["event_id_cnty"] and ids(some) == ids(first)
    with pytest.raises(ValueError, match="filter the result"):
        read_parquet(store, as_of="2026-01-01", filters=[("year", "=", 2025)])


def test_a_failed_creation_leaves_no_history(acled: FakeAcled, tmp_path: Path) -> None:
    from eventdata import ApiError

    acled.fail("/api/acled/read", 500, times=3)

    with pytest.raises(ApiError):
        update(tmp_path / "somalia.parquet", country="Somalia", max_retries=1, **FAST)

    assert sorted(p.name for p in tmp_path.iterdir()) == [".somalia.parquet.lock"]


def test_as_of_needs_a_history(tmp_path: Path) -> None:
    from eventdata import to_parquet
    from eventdata.synthetic import generate_events

    store = tmp_path / "plain.parquet"
    to_parquet(generate_events(5, seed=1), store)

    with pytest.raises(InputError, match="has no history"):
        read_parquet(store, as_of="2025-01-01")


def test_an_uncommitted_history_entry_is_ignored_and_replaced(
    acled: FakeAcled, tmp_path: Path
) -> None:
    store = tmp_path / "somalia.parquet"
    update(store, country="Somalia", **FAST)
    stray = pa.Table.from_pylist(
        [{"update": 2, "seen_at": 1, "event_id_cnty": "SOM99", "change": "added"}],
        schema=HISTORY_SCHEMA,
    )
    # what a run killed between writing the history and renaming the store leaves
    write_history(store, stray, committed=1)

    assert read_history(store)["update"].tolist() == [1]
    week_two(acled)
    update(store, **FAST)
    history = read_history(store)
    assert "SOM99" not in set(history["event_id_cnty"].dropna())
    assert sorted(set(history["update"])) == [1, 2]


def test_history_across_several_updates_and_a_kill(acled: FakeAcled, tmp_path: Path) -> None:
    store = tmp_path / "somalia.parquet"
    update(store, country="Somalia", **FAST)
    week_two(acled)
    update(store, **FAST)
    after_two = read_parquet(store)
    history_two = history_path(store).read_bytes()
    acled.events[3] = event(4, fatalities="2", timestamp="1900000000")
    code = f"import eventdata; eventdata.update({str(store)!r}, progress=False)"
    with acled.holding() as arrived:  # the third update is killed while ACLED holds its answer
        process = subprocess.Popen([sys.executable, "-c", code], env=dict(os.environ))
        try:
            assert arrived.wait(60)
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=30)

    assert process.returncode == -signal.SIGKILL
    assert history_path(store).read_bytes() == history_two
    assert ids(read_parquet(store)) == ids(after_two)

    summary = update(store, **FAST)  # the kill left no lock behind

    history = read_history(store)
    assert summary.history == 3 and summary.updated == 1
    assert sorted(set(history["update"])) == [1, 2, 3]
    cells = history[(history["update"] == 3) & (history["change"] == "revised")]
    assert ("SOM4", "fatalities", "0", "2") in {
        (r.event_id_cnty, r.column, r.old, r.new) for r in cells.itertuples()
    }


def test_a_second_update_of_a_locked_store_is_refused(acled: FakeAcled, tmp_path: Path) -> None:
    store = tmp_path / "somalia.parquet"
    update(store, country="Somalia", **FAST)
    before = store.read_bytes()
    code = (
        "import sys, time; from eventdata.sources._lock import store_lock\n"
        f"with store_lock({str(store)!r}):\n"
        "    print('locked', flush=True); sys.stdin.readline()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        week_two(acled)
        with pytest.raises(StoreBusyError, match="another update of this store is running"):
            update(store, **FAST)
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    assert store.read_bytes() == before
    with store_lock(store):  # released when its holder ended
        pass


def test_a_store_changed_during_the_update_is_not_overwritten(
    acled: FakeAcled, tmp_path: Path
) -> None:
    store = tmp_path / "somalia.parquet"
    update(store, country="Somalia", **FAST)
    week_two(acled)
    other = tmp_path / "other.parquet"
    update(other, country="Somalia", **FAST)
    # another program replaces the store while this update reads the deletions
    acled.before_answer = lambda path: (
        os.replace(other, store) if path == "/api/deleted/read" else None
    )
    replaced_with = other.read_bytes()

    with pytest.raises(StoreBusyError, match="changed while this update ran"):
        update(store, **FAST)

    assert store.read_bytes() == replaced_with


def test_a_partitioned_store_keeps_its_history_beside_the_directory(
    acled: FakeAcled, tmp_path: Path
) -> None:
    store = tmp_path / "somalia"
    update(store, country="Somalia", partition_by=["year"], **FAST)
    first = read_parquet(store)
    next_second()
    week_two(acled)

    summary = update(store, **FAST)

    history = read_history(store)
    assert (tmp_path / "somalia.history.parquet").exists() and summary.history == 2
    assert set(history[history["update"] == 2]["change"]) >= {"added", "revised", "deleted"}
    then = read_parquet(store, as_of=history["seen_at"].iloc[0].to_pydatetime())
    assert ids(then) == ids(first)


def test_overlapping_updates_one_runs_the_other_says_so(acled: FakeAcled, tmp_path: Path) -> None:
    store = tmp_path / "somalia.parquet"
    update(store, country="Somalia", **FAST)
    week_two(acled)
    code = f"import eventdata; print(eventdata.update({str(store)!r}, progress=False).added)"
    with acled.holding() as arrived:  # the first update waits at ACLED while the second starts
        first = subprocess.Popen(
            [sys.executable, "-c", code], env=dict(os.environ), stdout=subprocess.PIPE, text=True
        )
        assert arrived.wait(60)
        acled.before_answer = None  # the second update is answered at once
        with pytest.raises(StoreBusyError, match="another update of this store is running"):
            update(store, **FAST)
    out, _ = first.communicate(timeout=60)

    assert first.returncode == 0 and out.strip() == "1"
    assert "SOM20" in set(read_parquet(store)["event_id_cnty"])
    assert read_store_info(store)["history"] == 2
