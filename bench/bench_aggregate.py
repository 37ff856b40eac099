"""Benchmark eventdata.aggregate against the pure-pyarrow floor, in one process.

The input is synthetic ACLED data (``eventdata.synthetic.generate_events``) read once with
``eventdata.read_acled``. Each case times the best of ``--repeats`` runs of:

- ``floor``: pyarrow alone on the same columns: ``pc.floor_temporal`` of ``event_date``
  to the period, then ``Table.group_by([...]).aggregate`` of the event count and the
  fatality sum (no null handling, no zero periods, no sorting);
- ``eventdata``: ``eventdata.aggregate`` with the same grouping.

Usage:
    python bench/bench_aggregate.py [--rows 1000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

import eventdata
from eventdata.synthetic import generate_events

CASES: list[tuple[str, dict[str, Any], str, list[str]]] = [
    # name, aggregate options, floor_temporal unit, floor group keys
    ("country x month", {"by": ("country",), "freq": "month"}, "month", ["country"]),
    ("country x admin1 x day", {"by": ("country", "admin1"), "freq": "day"}, "day",
     ["country", "admin1"]),
    ("event_type x week", {"by": ("event_type",), "freq": "week"}, "week", ["event_type"]),
]  # fmt: skip


def best(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def floor(table: pa.Table, unit: str, keys: list[str]) -> pa.Table:
    options: dict[str, Any] = {"unit": unit}
    if unit == "week":  # Sunday weeks: pyarrow has no Saturday start; the cost is the same
        options["week_starts_monday"] = False
    period = pc.floor_temporal(table["event_date"], **options)
    work = table.select([*keys, "fatalities"]).append_column("period", period)
    return work.group_by([*keys, "period"]).aggregate(
        [("fatalities", "count"), ("fatalities", "sum")]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    events = eventdata.read_acled(generate_events(args.rows, seed=1))
    table = pa.table(
        {
            name: pa.array(events[name], from_pandas=True)
            for name in ("event_date", "country", "admin1", "event_type", "fatalities")
        }
    )
    table = table.cast(
        pa.schema(
            [
                pa.field(f.name, f.type.value_type if pa.types.is_dictionary(f.type) else f.type)
                for f in table.schema
            ]
        )
    )
    print(f"{args.rows:,} events; best of {args.repeats}")
    print(f"{'case':<26}{'floor s':>9}{'eventdata s':>13}{'ratio':>8}")
    for name, options, unit, keys in CASES:
        low = best(lambda: floor(table, unit, keys), args.repeats)  # noqa: B023
        ours = best(lambda: eventdata.aggregate(events, **options), args.repeats)  # noqa: B023
        print(f"{name:<26}{low:>9.3f}{ours:>13.3f}{ours / low:>8.1f}")
    hdx = best(lambda: eventdata.aggregate(events, categories="hdx", complete=True), 1)
    print(f"{'HDX categories, complete':<26}{'':>9}{hdx:>13.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
