"""The quick start: validate the bundled sample events and convert them to GeoParquet.

    python examples/quickstart.py OUTDIR

Reads ``examples/data/sample_events.csv`` (240 synthetic ACLED-style events, six of them
deliberately broken), prints the validation report, writes the valid rows to
``OUTDIR/sample_events.parquet`` (the broken rows and the failure table go beside it),
reads the file back and prints a summary, prints monthly counts per HDX category and
writes ``OUTDIR/report.html``, one self-contained page that shows the sample (needs
``pip install 'eventdata[report]'``), then codes the July 2021 Baghdad report as rich
records (``examples/baghdad_2021.py``).
"""

from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path

import eventdata

BROKEN_ROWS = 6
"""Rows of the sample that break error rules, on purpose (tests/test_examples.py lists them)."""


def as_given(path: Path) -> Path:
    """The path relative to the working directory when it lies below it, as a user types it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


HERE = as_given(Path(__file__).parent)
SAMPLE = HERE / "data" / "sample_events.csv"


def main(outdir: Path) -> int:
    outdir.mkdir(parents=True, exist_ok=True)

    print(
        f"The bundled sample {SAMPLE} holds 240 synthetic events; {BROKEN_ROWS} of them are\n"
        "broken on purpose: this is what a failing gate looks like. Step 1 finds them, step 2\n"
        "sets them aside and writes the rest.\n"
    )
    print("== 1. validate")
    started = time.perf_counter()
    report = eventdata.validate(SAMPLE)
    print(report.format_text(max_failures=BROKEN_ROWS))
    print(f"   ({time.perf_counter() - started:.2f} s)")
    assert len(report.invalid_rows) == BROKEN_ROWS, "the sample's broken rows, as announced"

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

    print("\n== 4. yearly counts in HDX's categories, and the HTML report")
    yearly = eventdata.aggregate(target, by=(), freq="year", categories="hdx")
    print(yearly.to_string(index=False))
    try:
        page = eventdata.report(SAMPLE, outdir / "report.html", title="Bundled sample events")
    except ModuleNotFoundError as missing:  # jinja2, the report extra
        print(f"   skipped: {missing}")
    else:
        print(f"   wrote {page} ({page.stat().st_size / 1e3:.0f} kB); open it in a browser")

    print("\n== 5. rich records: the July 2021 Baghdad report (the script ends here)")
    sys.argv = [str(HERE / "baghdad_2021.py"), str(outdir)]
    runpy.run_path(str(HERE / "baghdad_2021.py"), run_name="__main__")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python examples/quickstart.py OUTDIR", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(main(Path(sys.argv[1])))
