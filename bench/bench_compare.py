"""One run, every method, as ratios to the pure-pyarrow floor: synthetic and real-shaped CSVs.

Usage:
    python bench/bench_compare.py [--rows 646400 3200000] [--repeats 3] [--quick]
        [--inputs synthetic,real] [--methods floor,convert,...] [--json PATH]

Inputs, per row count: ``synthetic`` (:mod:`eventdata.synthetic`, seed 0, ids unique) and
``real`` (a real export in ``../shared/data`` replicated with fresh ids by
``bench/real_shaped.py``; skipped with a message when the shared data is absent). Each
method runs in a fresh process, timed whole (interpreter start and imports included);
wall and CPU seconds and peak RSS come from ``os.wait4``. Runs are interleaved (every
method once, then again) so that load changes hit each method alike; the median is shown.

Methods:

* ``floor``: ``pyarrow.csv.read_csv`` + ``pq.write_table`` (zstd level 1);
* ``convert``: the CLI, ``eventdata convert SRC DST.parquet`` (validating, GeoParquet);
* ``validate``: the CLI, ``eventdata validate SRC``;
* ``validate_lib``: the library, ``eventdata.validate(SRC)`` (the CLI should match it);
* ``convert_unchecked``: the library, ``eventdata.convert(SRC, DST, validate=False)``: the
  same typed GeoParquet output with no rule run, the bound on what checking can save;
* ``text_arrow``: ``pyarrow.csv.open_csv`` with every column as text (how eventdata reads);
* ``text_polars``: ``polars.read_csv(infer_schema=False)`` + ``to_arrow()``: the same text
  columns from polars' reader, the alternative reader;
* ``polars``: ``polars.read_csv`` + ``write_parquet`` (zstd level 1), no checks;
* ``dataframely``: polars ``read_csv`` as text + ``Schema.filter(cast=True)`` with the
  checks of ``bench_validate.py``;
* ``pandera``: pandas ``read_csv`` + a lazy ``DataFrameSchema`` with the same checks.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))

METHODS = (
    "floor",
    "convert",
    "convert_unchecked",
    "validate",
    "validate_lib",
    "text_arrow",
    "text_polars",
    "polars",
    "dataframely",
    "pandera",
)
CLI_METHODS = {"convert", "validate"}
QUICK_ROWS = (100_000,)
FULL_ROWS = (646_400, 3_200_000)


# -- the measured work (in a fresh interpreter) ---------------------------------------------


def work(method: str, src: Path, dst: Path) -> None:
    """The body of one non-CLI method."""
    if method == "floor":
        import pyarrow.csv as pacsv
        import pyarrow.parquet as pq

        table = pacsv.read_csv(src, parse_options=pacsv.ParseOptions(newlines_in_values=True))
        pq.write_table(table, dst, compression="zstd", compression_level=1)
    elif method == "validate_lib":
        import eventdata

        eventdata.validate(src)
    elif method == "convert_unchecked":
        import eventdata

        eventdata.convert(src, dst, validate=False)
    elif method == "text_arrow":
        _text_arrow(src)
    elif method == "text_polars":
        import polars as pl

        pl.read_csv(src, infer_schema=False).to_arrow()
    elif method == "polars":
        import polars as pl

        pl.read_csv(src).write_parquet(dst, compression="zstd", compression_level=1)
    elif method == "dataframely":
        from bench_validate import _run_dataframely

        _run_dataframely(src)
    elif method == "pandera":
        from bench_validate import _run_pandera

        _run_pandera(src)
    else:
        raise ValueError(method)


def _text_arrow(src: Path) -> None:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    reader = pacsv.open_csv(
        src,
        read_options=pacsv.ReadOptions(block_size=1 << 20),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in _header(src)},
            strings_can_be_null=False,
        ),
    )
    reader.read_all()


def _header(src: Path) -> list[str]:
    import csv

    with open(src, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def command(method: str, src: Path, dst: Path) -> list[str]:
    """The process to time for ``method``."""
    if method == "convert":
        return [sys.executable, "-m", "eventdata", "convert", str(src), str(dst)]
    if method == "validate":
        return [sys.executable, "-m", "eventdata", "validate", str(src)]
    return [sys.executable, __file__, "--worker", method, str(src), str(dst)]


def run_once(method: str, src: Path) -> dict[str, float]:
    """Run ``method`` once in a fresh process; wall, CPU seconds and peak RSS (MiB)."""
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=RESULTS) as tmp:
        dst = Path(tmp) / "out.parquet"
        start = time.perf_counter()
        proc = subprocess.Popen(command(method, src, dst), stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        # validate exits 1 when the data breaks rules; anything else is a failed run
        if proc.returncode not in (0, 1) or (method != "validate" and proc.returncode):
            raise RuntimeError(f"{method} on {src.name} exited with {proc.returncode}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mib": usage.ru_maxrss / 1024,
    }


# -- inputs ----------------------------------------------------------------------------------


def synthetic_input(rows: int) -> Path:
    """``bench/data/synthetic_<rows>.csv`` (generated in batches, ids unique)."""
    path = DATA / f"synthetic_{rows}.csv"
    if path.exists():
        return path
    from generate import write_batched

    return write_batched(path, rows=rows)


def make_input(kind: str, rows: int) -> Path:
    """Make (or reuse) one input; run in its own process (see :func:`inputs`)."""
    if kind == "synthetic":
        return synthetic_input(rows)
    from real_shaped import real_source, replicate

    source = real_source()
    assert source is not None
    return replicate(source, rows)


def inputs(kinds: list[str], rows: list[int]) -> list[tuple[str, int, Path]]:
    """(kind, rows, path) for every input that can be made.

    Inputs are made in a child process: a forked child counts its parent's pages in
    its peak RSS until it executes, so this process stays small.
    """
    from real_shaped import real_source

    made: list[tuple[str, int, Path]] = []
    real = "real" in kinds and real_source() is not None
    for n in rows:
        for kind in ("synthetic", "real"):
            if kind not in kinds or (kind == "real" and not real):
                continue
            out = subprocess.run(
                [sys.executable, __file__, "--make-input", kind, str(n)],
                check=True,
                capture_output=True,
                text=True,
            )
            made.append((kind, n, Path(out.stdout.strip().splitlines()[-1])))
    return made


# -- the run ---------------------------------------------------------------------------------


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min)"


def measure(path: Path, methods: list[str], repeats: int) -> dict[str, dict[str, Any]]:
    """Every method ``repeats`` times, interleaved; the median run of each."""
    runs: dict[str, list[dict[str, float]]] = {m: [] for m in methods}
    for i in range(repeats):
        print(f"  pass {i + 1}/{repeats}, {load()}", flush=True)
        for method in methods:
            runs[method].append(run_once(method, path))
    out: dict[str, dict[str, Any]] = {}
    for method, done in runs.items():
        wall = statistics.median(r["wall_s"] for r in done)
        out[method] = {
            "wall_s": wall,
            "cpu_s": statistics.median(r["cpu_s"] for r in done),
            "peak_rss_mib": max(r["peak_rss_mib"] for r in done),
            "walls": [round(r["wall_s"], 3) for r in done],
        }
    return out


def table_lines(kind: str, rows: int, path: Path, results: dict[str, dict[str, Any]]) -> str:
    floor = results.get("floor")
    lines = [
        f"\n{kind}, {rows:,} rows, {path.stat().st_size / 1e6:.0f} MB",
        "| method | wall s | x floor | CPU s | x floor CPU | peak RSS MiB |",
        "|---|---|---|---|---|---|",
    ]
    for method, r in results.items():
        ratio = f"{r['wall_s'] / floor['wall_s']:.2f}" if floor else "-"
        cpu = f"{r['cpu_s'] / floor['cpu_s']:.2f}" if floor else "-"
        lines.append(
            f"| {method} | {r['wall_s']:.2f} | {ratio} | {r['cpu_s']:.2f} | {cpu} "
            f"| {r['peak_rss_mib']:.0f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+")
    parser.add_argument("--repeats", type=int)
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ROWS} rows, 2 repeats")
    parser.add_argument("--inputs", default="synthetic,real")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--make-input", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make_input:
        print(make_input(args.make_input[0], int(args.make_input[1])))
        return 0
    if args.worker:
        work(args.worker[0], Path(args.worker[1]), Path(args.worker[2]))
        return 0
    rows = args.rows or list(QUICK_ROWS if args.quick else FULL_ROWS)
    repeats = args.repeats or (2 if args.quick else 3)
    methods = [m for m in args.methods.split(",") if m]
    unknown = set(methods) - set(METHODS)
    if unknown:
        parser.error(f"unknown methods {sorted(unknown)}; choose from {', '.join(METHODS)}")
    started = time.perf_counter()
    report: list[dict[str, Any]] = []
    text: list[str] = []
    for kind, n, path in inputs(args.inputs.split(","), rows):
        print(f"{kind} {n:,} rows ({path.name}), {load()}", flush=True)
        results = measure(path, methods, repeats)
        text.append(table_lines(kind, n, path, results))
        print(text[-1], flush=True)
        report.append({"input": kind, "rows": n, "results": results})
    print(f"\nall tables, median of {repeats}; {load()} at the end:", *text, sep="\n")
    print(f"\nbench_compare took {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
