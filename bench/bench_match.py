"""Benchmark eventdata.match on a synthetic source and its second coder's version.

Usage:
    python bench/bench_match.py [--rows 1000000] [--seed 0]

Writes (or reuses) two Parquet files in ``bench/data/``: ``match_left_<n>.parquet``
(``n`` synthetic events from :mod:`eventdata.synthetic`, in nine countries over two years,
with some multi-day events split into daily rows) and ``match_right_<n>.parquet`` (the
second coder's version from :func:`eventdata.matching.second_coder`: dates and points
moved, actors renamed, fatalities changed, 10 % dropped, 10 % unrelated events added).
Then measures, in this process:

* ``read``: ``eventdata.read_acled`` of both files, the floor any match must pay;
* ``match``: ``eventdata.match(left_path, right_path)``: reading, blocking, scoring,
  assignment and the result;

and prints wall and CPU seconds (CPU time is steadier on a shared machine), the ratio to
the floor, candidates, peak RSS, and precision and
recall against the known answer. The target is 1M x 1M in under a minute on two cores.
Timings are only comparable on an otherwise idle machine: the load average comes first.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DATA = Path(__file__).resolve().parent / "data"


def make_inputs(rows: int, *, seed: int) -> tuple[Path, Path, Path]:
    """Write the two versions and the true pairs (reused when present)."""
    from eventdata import read_acled
    from eventdata.matching import second_coder
    from eventdata.synthetic import generate_events

    left, right = DATA / f"match_left_{rows}.parquet", DATA / f"match_right_{rows}.parquet"
    truth = DATA / f"match_truth_{rows}.parquet"
    if left.exists() and right.exists() and truth.exists():
        return left, right, truth
    DATA.mkdir(parents=True, exist_ok=True)
    known = second_coder(read_acled(generate_events(rows, seed=seed)), seed=seed + 1)
    for frame, path in ((known.left, left), (known.right, right), (known.truth, truth)):
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    return left, right, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    left, right, truth_path = make_inputs(args.rows, seed=args.seed)

    import eventdata
    from eventdata.matching.core import match  # imports scipy and rapidfuzz up front

    began, cpu = time.perf_counter(), time.process_time()
    a = eventdata.read_acled(left)
    b = eventdata.read_acled(right)
    read_s, read_cpu = time.perf_counter() - began, time.process_time() - cpu
    began, cpu = time.perf_counter(), time.process_time()
    result = match(left, right)
    match_s, match_cpu = time.perf_counter() - began, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    truth = pd.read_parquet(truth_path)
    true = set(zip(truth["left_id"], truth["right_id"], strict=True))
    found = set(zip(result.pairs["left_id"], result.pairs["right_id"], strict=True))
    hits = len(found & true)
    print(
        f"{len(a):,} x {len(b):,} rows: read both {read_s:.1f} s, match {match_s:.1f} s "
        f"(ratio {match_s / read_s:.1f}); CPU read {read_cpu:.1f} s, match {match_cpu:.1f} s; "
        f"{result.candidates:,} candidates, "
        f"{len(result.pairs):,} pairs, peak RSS {peak_mb:,.0f} MB"
    )
    print(
        f"precision {hits / max(len(found), 1):.3f}, recall {hits / max(len(true), 1):.3f} "
        f"({len(true):,} true pairs)"
    )
    print(result)


if __name__ == "__main__":
    main()
