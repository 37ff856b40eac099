"""Benchmark eventdata.match on a synthetic source and its second coder's version.

Usage:
    python bench/bench_match.py [--rows 1000000] [--seed 0] [--profile real|dense]
        [--block-rows 50000]

Writes (or reuses) two Parquet files in ``bench/data/``: ``match_left_<profile>_<n>.parquet``
(``n`` synthetic events from :mod:`eventdata.synthetic`, in nine countries over two years,
with some multi-day events split into daily rows) and ``match_right_<profile>_<n>.parquet``
(the second coder's version from :func:`eventdata.matching.second_coder`: dates and points
moved, actors renamed, fatalities changed, 10 % dropped, 10 % unrelated events added).

Two profiles of where events happen:

* ``real`` (the default): as densely as real exports. More rows mean more years, not
  more events a day in the same places: 50,000 events a year over the generator's nine
  countries (two years at 100,000 rows, twenty at a million). ACLED's Somalia file of
  2025-04 to 2026-03 has 6,464 events on 777 distinct points, 8.3 events per point and
  year; the generator's 78 towns get as many points around them (normally spread, 25 km
  standard deviation) as give the same. A row then has about 6 candidates in its own
  table under the default windows, within what the real files at hand give (1.0 for
  Kenya 2016-2021, 1.4 for Africa 2014-2016, 3.0 for Somalia, 8.3 for Bangladesh).
* ``dense``: every event of two years on one of the 78 towns, as the generator makes
  them: at a million rows, 17 events per town and day, and 15 candidates a row at
  100,000 rows, growing with the rows. A stress test of memory (bounded by
  ``--block-rows``) and of accuracy where places cannot tell events apart.

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
import datetime as dt
import os
import resource
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

DATA = Path(__file__).resolve().parent / "data"


EVENTS_PER_YEAR = 50_000
"""Events a year over the generator's nine countries in the ``real`` profile."""

EVENTS_PER_POINT_YEAR = 6464 / 777
"""Events per distinct point and year in ACLED's Somalia export of 2025-04 to 2026-03."""

SPREAD_KM = 25.0
"""Standard deviation of the points around their town in the ``real`` profile."""


def spread_points(frame: pd.DataFrame, *, seed: int) -> pd.DataFrame:
    """Move each event to one of its town's points, as many as the real density gives."""
    rng = np.random.default_rng([seed, 7])
    town, towns = pd.factorize(frame["latitude"].astype(str) + "," + frame["longitude"].astype(str))
    dates = pd.to_datetime(frame["event_date"])
    years = max((dates.max() - dates.min()).days + 1, 1) / 365.25
    per_town = max(1, round(len(frame) / years / EVENTS_PER_POINT_YEAR / len(towns)))
    point = rng.integers(0, per_town, len(frame))
    north = rng.normal(0.0, SPREAD_KM, (len(towns), per_town))[town, point]
    east = rng.normal(0.0, SPREAD_KM, (len(towns), per_town))[town, point]
    lat = frame["latitude"].astype("float64").to_numpy()
    out = frame.copy()
    out["latitude"] = np.round(lat + north / 111.2, 4)
    out["longitude"] = np.round(
        frame["longitude"].astype("float64").to_numpy() + east / (111.2 * np.cos(np.radians(lat))),
        4,
    )
    return out


def make_inputs(rows: int, *, seed: int, profile: str = "real") -> tuple[Path, Path, Path]:
    """Write the two versions and the true pairs (reused when present)."""
    from eventdata import read_acled
    from eventdata.matching import second_coder
    from eventdata.synthetic import generate_events

    name = f"{profile}_{rows}"
    left, right = DATA / f"match_left_{name}.parquet", DATA / f"match_right_{name}.parquet"
    truth = DATA / f"match_truth_{name}.parquet"
    if left.exists() and right.exists() and truth.exists():
        return left, right, truth
    DATA.mkdir(parents=True, exist_ok=True)
    if profile == "real":
        years = max(2, round(rows / EVENTS_PER_YEAR))
        start = dt.date(2025 - years + 1, 1, 1)
        events = read_acled(generate_events(rows, seed=seed, start=start))
        events = spread_points(events, seed=seed)
    else:
        events = read_acled(generate_events(rows, seed=seed))
    known = second_coder(events, seed=seed + 1)
    for frame, path in ((known.left, left), (known.right, right), (known.truth, truth)):
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
    return left, right, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", choices=("real", "dense"), default="real")
    parser.add_argument("--block-rows", type=int, default=None)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    left, right, truth_path = make_inputs(args.rows, seed=args.seed, profile=args.profile)
    options = {} if args.block_rows is None else {"block_rows": args.block_rows}

    import eventdata
    from eventdata.matching.core import match  # imports scipy and rapidfuzz up front

    began, cpu = time.perf_counter(), time.process_time()
    a = eventdata.read_acled(left)
    b = eventdata.read_acled(right)
    read_s, read_cpu = time.perf_counter() - began, time.process_time() - cpu
    began, cpu = time.perf_counter(), time.process_time()
    result = match(left, right, **options)
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
