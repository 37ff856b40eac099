"""Benchmark: streaming CSV -> GeoParquet conversion against the pure-pyarrow floor.

Usage:
    python bench/bench_convert.py [--size-gb 2.0] [--repeat 1] [--only generate]

Generates (or reuses) ``bench/data/acled_synthetic_<size>gb.csv`` with
:mod:`eventdata.synthetic` (valid ACLED rows, notes with commas, quotes and newlines,
ids made unique across generation batches), then measures, each in a fresh subprocess:

* ``floor``: ``pyarrow.csv.read_csv`` + ``pyarrow.parquet.write_table`` (zstd 1);
* ``read_csv``: ``pyarrow.csv.read_csv`` alone;
* ``open_csv``: ``pyarrow.csv.open_csv`` streaming reader, batches discarded;
* ``convert``: ``eventdata.pipeline.convert.convert`` with validation, GeoParquet output
  (default reader: ``open_csv`` batches gathered into 64 MiB blocks);
* ``convert_ranges``: the same with ``reader="ranges"`` (byte ranges cut at record
  boundaries, each parsed with ``read_csv``).

Wall time and peak RSS (``ru_maxrss`` of the child) are printed with ratios to the floor.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

CHILD = {
    "floor": """
import pyarrow.csv as c, pyarrow.parquet as pq
t = c.read_csv(SRC, parse_options=c.ParseOptions(newlines_in_values=True))
pq.write_table(t, DST, compression="zstd", compression_level=1)
""",
    "read_csv": """
import pyarrow.csv as c
t = c.read_csv(SRC, parse_options=c.ParseOptions(newlines_in_values=True))
""",
    "open_csv": """
import pyarrow.csv as c
r = c.open_csv(SRC, parse_options=c.ParseOptions(newlines_in_values=True))
n = sum(b.num_rows for b in r)
""",
    "convert": """
from eventdata.pipeline.convert import convert
res = convert(SRC, DST, on_invalid="raise")
""",
    "convert_ranges": """
from eventdata.pipeline.convert import convert
res = convert(SRC, DST, on_invalid="raise", reader="ranges")
""",
}


def generate(path: Path, size_gb: float) -> None:
    """Write an ACLED-shaped CSV of at least ``size_gb`` GB, in batches (bounded memory)."""
    sys.path.insert(0, str(HERE))
    from generate import write_batched

    start = time.perf_counter()
    write_batched(path, size_bytes=int(size_gb * 1e9))
    print(f"generated {path} in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def run(kind: str, src: Path, dst: Path) -> dict[str, float]:
    """Run one measurement in a fresh interpreter; wall seconds and peak RSS in MiB."""
    code = f"SRC = {str(src)!r}\nDST = {str(dst)!r}\n" + CHILD[kind]
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    wall = time.perf_counter() - start
    # the only child this process waited for: its peak RSS (Linux reports KiB), CPU time
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    out_mb = dst.stat().st_size / 1e6 if dst.exists() else 0.0
    if dst.exists():
        dst.unlink()
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mib": usage.ru_maxrss / 1024,
        "output_mb": out_mb,
    }


def measure_isolated(kind: str, src: Path, dst: Path) -> dict[str, float]:
    """One measurement in its own benchmark process, so ``RUSAGE_CHILDREN`` is its own."""
    out = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--src", str(src), "--dst", str(dst)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-gb", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--only", choices=["generate", *CHILD])
    parser.add_argument(
        "--kinds", default=",".join(CHILD), help="comma-separated measurements to run"
    )
    parser.add_argument("--measure", choices=list(CHILD), help=argparse.SUPPRESS)
    parser.add_argument("--src", help=argparse.SUPPRESS)
    parser.add_argument("--dst", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(run(args.measure, Path(args.src), Path(args.dst))))
        return
    DATA.mkdir(exist_ok=True)
    src = DATA / f"acled_synthetic_{args.size_gb:g}gb.csv"
    if not src.exists():
        generate(src, args.size_gb)
    if args.only == "generate":
        return
    dst = DATA / "out.parquet"
    size = src.stat().st_size
    kinds = [args.only] if args.only else args.kinds.split(",")
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    for _ in range(args.repeat):  # interleaved, so load changes hit every method alike
        for kind in kinds:
            runs[kind].append(measure_isolated(kind, src, dst))
            r = runs[kind][-1]
            print(f"  {kind:<14} {r['wall_s']:6.1f} s wall {r['cpu_s']:6.1f} s CPU", flush=True)
    results: dict[str, dict[str, float]] = {}
    for kind in kinds:
        ordered = sorted(runs[kind], key=lambda r: r["wall_s"])
        results[kind] = ordered[len(ordered) // 2]
        r = results[kind]
        print(
            f"{kind:<14} {r['wall_s']:7.1f} s wall {r['cpu_s']:7.1f} s CPU "
            f"peak RSS {r['peak_rss_mib']:6.0f} MiB output {r['output_mb']:6.0f} MB",
            flush=True,
        )
    print(f"\ninput: {src.name}, {size / 1e9:.2f} GB; median of {args.repeat} run(s)")
    floor = results.get("floor")
    if floor:
        print("| method | wall s | x floor | CPU s | x floor | peak RSS MiB | output MB |")
        print("|---|---|---|---|---|---|---|")
        for kind, r in results.items():
            wall = r["wall_s"] / floor["wall_s"]
            cpu = r["cpu_s"] / floor["cpu_s"]
            print(
                f"| {kind} | {r['wall_s']:.1f} | {wall:.2f} | {r['cpu_s']:.1f} | {cpu:.2f} "
                f"| {r['peak_rss_mib']:.0f} | {r['output_mb']:.0f} |"
            )


if __name__ == "__main__":
    main()
