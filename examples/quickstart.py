"""The quick start: validate the bundled sample events and convert them to GeoParquet.

    python examples/quickstart.py OUTDIR

Reads ``examples/data/sample_events.csv`` (240 synthetic ACLED-style events, six of them
deliberately broken), prints the validation report, writes the valid rows to
``OUTDIR/sample_events.parquet`` (the broken rows and the failure table go beside it),
reads the file back and prints a summary, then codes the July 2021 Baghdad report as rich
records (``examples/baghdad_2021.py``).
"""

from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path

import eventdata

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "data" / "sample_events.csv"


def main(outdir: Path) -> int:
    outdir.mkdir(parents=True, exist_ok=True)

    print("== 1. validate")
    started = time.perf_counter()
    report = eventdata.validate(SAMPLE)
    print(report.format_text(max_failures=6))
    print(f"   ({time.perf_counter() - started:.2f} s)")

    print("\n== 2. convert to GeoParquet, dropping the invalid rows (kept beside the output)")
    target = outdir / "sample_events.parquet"
    result = eventdata.to_parquet(SAMPLE, target, on_invalid="drop")
    print(f"   wrote {result.rows_written} rows to {target}")
    print(f"   {result.rows_dropped} invalid rows -> {result.invalid_file}")
    print(f"   failure table -> {result.failures_file}")

    print("\n== 3. read it back")
    events = eventdata.read_parquet(target)
    rows_in = result.rows_written + result.rows_dropped
    assert rows_in == report.n_rows, "every input row is either written or set aside"
    print(f"   {len(events)} events, {events['event_date'].min()} to {events['event_date'].max()}")
    print(f"   fatalities: {int(events['fatalities'].sum())}")
    counts = events["event_type"].astype(str).value_counts()
    for event_type, count in counts.items():
        print(f"   {count:>4}  {event_type}")

    print("\n== 4. rich records: the July 2021 Baghdad report")
    sys.argv = [str(HERE / "baghdad_2021.py"), str(outdir)]
    runpy.run_path(str(HERE / "baghdad_2021.py"), run_name="__main__")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python examples/quickstart.py OUTDIR", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1])))
