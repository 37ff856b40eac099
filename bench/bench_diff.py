"""Benchmark eventdata.diff on two versions of a synthetic dataset against the pyarrow floor.

Usage:
    python bench/bench_diff.py [--rows 1000000] [--repeats 3] [--json PATH]

Writes (or reuses) two GeoParquet files in ``bench/data/``: ``diff_old_<n>.parquet`` (n
synthetic events from :mod:`eventdata.synthetic`) and ``diff_new_<n>.parquet``, a week
later: 0.5 % of the events deleted, 0.5 % added, 1 % revised (fatalities), 0.2 % with new
notes. Then measures, in this process (median of ``--repeats``):

* ``floor``: ``pyarrow.parquet.read_table`` of both files, the least any diff must do;
* ``diff``: ``eventdata.diff(old_path, new_path)``: reading both into canonical tables,
  matching ids, comparing every column, building the change table;
* ``compare``: ``eventdata.analysis.diff.diff_tables`` on the two tables already read
  (the matching and comparing alone).

Prints seconds and the ratio to the floor; the load average is printed first, since
timings are only comparable on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

DATA = Path(__file__).resolve().parent / "data"


def _set(table: pa.Table, name: str, column: pa.Array) -> pa.Table:
    return table.set_column(table.column_names.index(name), name, column)


def make_versions(rows: int, *, seed: int = 0) -> tuple[Path, Path, dict[str, int]]:
    """Write the old and new versions (reused when present) and return their paths."""
    from eventdata import to_parquet
    from eventdata.synthetic import generate_events

    old_path, new_path = DATA / f"diff_old_{rows}.parquet", DATA / f"diff_new_{rows}.parquet"
    rng = np.random.default_rng(seed)
    n_deleted, n_added = rows // 200, rows // 200
    n_revised, n_notes = rows // 100, rows // 500
    expected = {"deleted": n_deleted, "added": n_added}
    if old_path.exists() and new_path.exists():
        return old_path, new_path, expected
    DATA.mkdir(parents=True, exist_ok=True)
    old = generate_events(rows, seed=seed)
    picks = rng.permutation(rows)
    deleted = picks[:n_deleted]
    revised = picks[n_deleted : n_deleted + n_revised]
    noted = picks[n_deleted + n_revised : n_deleted + n_revised + n_notes]
    fatalities = pc.cast(old.column("fatalities"), pa.int64()).to_numpy().copy()
    fatalities[revised] += 1
    new = _set(old, "fatalities", pa.array(fatalities.astype(str)))
    notes = np.asarray(new.column("notes").to_pylist(), dtype=object)
    notes[noted] = [f"{text} Revised." for text in notes[noted]]
    new = _set(new, "notes", pa.array(notes, pa.string()))
    keep = np.ones(rows, dtype=bool)
    keep[deleted] = False
    added = generate_events(n_added, seed=seed + 1)
    fresh_ids = pa.array([f"NEW{i}" for i in range(n_added)])
    added = _set(added, "event_id_cnty", fresh_ids)
    new = pa.concat_tables([new.filter(pa.array(keep)), added])
    to_parquet(old, old_path, validate=False)
    to_parquet(new, new_path, validate=False)
    return old_path, new_path, expected


def timed(run: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, help="Also write the results here.")
    args = parser.parse_args()

    from eventdata import diff
    from eventdata.analysis.diff import diff_tables, read_side

    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    old_path, new_path, expected = make_versions(args.rows)
    floor, _ = timed(lambda: (pq.read_table(old_path), pq.read_table(new_path)), args.repeats)
    full, result = timed(lambda: diff(old_path, new_path), args.repeats)
    old_table, new_table = read_side(old_path), read_side(new_path)
    compare, _ = timed(lambda: diff_tables(old_table, new_table), args.repeats)

    summary = result.summary()
    assert summary["deleted"] == expected["deleted"] and summary["added"] == expected["added"]
    print(
        f"{args.rows:,} rows: {summary['added']:,} added, {summary['deleted']:,} deleted, "
        f"{summary['changed_events']:,} changed ({summary['changed_by_column']})"
    )
    results = {
        "rows": args.rows,
        "floor_s": floor,
        "diff_s": full,
        "compare_s": compare,
        "diff_to_floor": full / floor,
        "compare_to_floor": compare / floor,
    }
    print(f"{'floor (pq.read_table x2)':<28}{floor:8.2f} s   1.00x")
    print(f"{'eventdata.diff (paths)':<28}{full:8.2f} s  {full / floor:5.2f}x")
    print(f"{'diff_tables (tables read)':<28}{compare:8.2f} s  {compare / floor:5.2f}x")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
