"""A pipeline gate: validate an incoming export, publish the good rows, keep the rest.

    python examples/pipeline_gate.py INPUT OUTDIR

1. Validates INPUT (any ACLED dialect; CSV, JSON or Parquet) and stores the full report as
   ``OUTDIR/report.json`` (summary plus every failure with its row, id, column and value).
2. Publishes the valid rows as a GeoParquet dataset partitioned by year and country
   (``OUTDIR/events/``), written atomically.
3. Keeps the rejected rows, as their original text, in ``OUTDIR/rejected.parquet`` so a coder
   can fix them; every input row ends up in exactly one of the two.
4. Exits 0 when the input was clean, 1 when rows were rejected, 2 when it was unreadable:
   the same codes as ``eventdata validate``.

Without arguments it runs on the bundled sample (``examples/data/sample_events.csv``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import eventdata

SAMPLE = Path(__file__).resolve().parent / "data" / "sample_events.csv"


def gate(source: Path, outdir: Path) -> int:
    """Run the gate; return the exit code."""
    outdir.mkdir(parents=True, exist_ok=True)
    try:
        report = eventdata.validate(source)
    except eventdata.InputError as exc:
        print(f"unreadable input: {exc}", file=sys.stderr)
        return 2
    report.to_json(outdir / "report.json")
    print(report.format_text(max_failures=10))

    valid = report.valid
    result = eventdata.to_parquet(valid, outdir / "events", partition_by=["year", "country"])
    rejected = report.invalid.reset_index()  # keep the input row number as a column
    pq.write_table(
        pa.Table.from_pandas(rejected, preserve_index=False), outdir / "rejected.parquet"
    )

    assert result.rows_written + len(rejected) == report.n_rows  # nothing lost
    print(
        f"published {result.rows_written} rows to {outdir / 'events'}; "
        f"rejected {len(rejected)} rows to {outdir / 'rejected.parquet'}; "
        f"report in {outdir / 'report.json'}"
    )
    return 0 if report.ok else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) == 1:
        args = [str(SAMPLE), args[0]]
    if len(args) != 2:
        print("usage: python examples/pipeline_gate.py [INPUT] OUTDIR", file=sys.stderr)
        raise SystemExit(2)
    raise SystemExit(gate(Path(args[0]), Path(args[1])))
