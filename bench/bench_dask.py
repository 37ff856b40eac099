"""Benchmark: validate and convert on a dask LocalCluster against the single-process engine.

Usage:
    python bench/bench_dask.py [--size-gb 2.0] [--workers 1,2] [--repeat 3] [--kinds ...]

Reuses (or generates, as ``bench/bench_convert.py`` does)
``bench/data/acled_synthetic_<size>gb.csv`` and measures, each in a fresh subprocess:

* ``floor``: ``pyarrow.csv.read_csv`` + ``pyarrow.parquet.write_table`` (zstd 1);
* ``validate``: single-process :func:`eventdata.validate`;
* ``convert``: single-process streamed :func:`eventdata.pipeline.convert.convert`;
* ``dask_validate_N``: :func:`eventdata.dask.validate` on a ``LocalCluster`` of N worker
  processes (one thread each; 64 MiB byte ranges);
* ``dask_convert_N``: :func:`eventdata.dask.to_parquet` on the same cluster.

For the dask runs the cluster is started before the clock starts (``wall_s`` is the call
alone; ``startup_s`` is the cluster's start). Ratios are printed against the floor and
against the single-process run of the same job (the fastest of interleaved repeats).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))

PRELUDE = """
import json, sys, time
SRC, DST, WORKERS = sys.argv[1], sys.argv[2], int(sys.argv[3])
startup = 0.0
if WORKERS:
    import distributed
    t0 = time.perf_counter()
    cluster = distributed.LocalCluster(
        n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    client.run(lambda: __import__("eventdata.validation.engine"))
    startup = time.perf_counter() - t0
start = time.perf_counter()
"""

JOBS = {
    "floor": """
import pyarrow.csv as c, pyarrow.parquet as pq
t = c.read_csv(SRC, parse_options=c.ParseOptions(newlines_in_values=True))
pq.write_table(t, DST, compression="zstd", compression_level=1)
rows = t.num_rows
""",
    "validate": """
import eventdata
rows = eventdata.validate(SRC).summary()["n_rows"]
""",
    "convert": """
from eventdata.pipeline.convert import convert
rows = convert(SRC, DST, on_invalid="raise").rows_written
""",
    "dask_validate": """
import eventdata.dask
rows = eventdata.dask.validate(SRC, client=client).summary()["n_rows"]
""",
    "dask_convert": """
import eventdata.dask
rows = eventdata.dask.to_parquet(SRC, DST, on_invalid="raise", client=client).rows_written
""",
}

EPILOGUE = """
wall = time.perf_counter() - start
print(json.dumps({"wall_s": wall, "startup_s": startup, "rows": rows}))
"""


def run(kind: str, src: Path, dst: Path) -> dict[str, float]:
    """One measurement in a fresh interpreter: the job's wall time (cluster start apart)."""
    job, _, workers = kind.rpartition("_") if kind.startswith("dask_") else (kind, "", "0")
    code = PRELUDE + JOBS[job] + EPILOGUE
    out = subprocess.run(
        [sys.executable, "-c", code, str(src), str(dst), workers],
        check=True,
        capture_output=True,
        text=True,
    )
    if dst.is_dir():
        shutil.rmtree(dst)
    elif dst.exists():
        dst.unlink()
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size-gb", type=float, default=2.0)
    parser.add_argument("--workers", default="1,2", help="comma-separated cluster sizes")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--kinds", default="floor,validate,convert,dask_validate,dask_convert")
    args = parser.parse_args()
    from bench_convert import generate

    DATA.mkdir(exist_ok=True)
    src = DATA / f"acled_synthetic_{args.size_gb:g}gb.csv"
    if not src.exists():
        generate(src, args.size_gb)
    sizes = [int(n) for n in args.workers.split(",")]
    kinds: list[str] = []
    for kind in args.kinds.split(","):
        kinds += [f"{kind}_{n}" for n in sizes] if kind.startswith("dask_") else [kind]
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    for _ in range(args.repeat):  # interleaved, so load changes hit every run alike
        for kind in kinds:
            dst = DATA / ("out_dask" if kind.startswith("dask_") else "out.parquet")
            runs[kind].append(run(kind, src, dst))
            r = runs[kind][-1]
            print(
                f"  {kind:<16} {r['wall_s']:7.1f} s (cluster start {r['startup_s']:.1f} s), "
                f"{int(r['rows']):,} rows",
                flush=True,
            )
    # the fastest of the repeats: the run least disturbed by other load on the machine
    results = {k: min(v, key=lambda r: r["wall_s"]) for k, v in runs.items()}
    print(f"\ninput: {src.name}, {src.stat().st_size / 1e9:.2f} GB; fastest of {args.repeat}")
    floor = results.get("floor")
    print("| run | wall s | x floor | x single process |")
    print("|---|---|---|---|")
    for kind, r in results.items():
        single = results.get(kind.split("_")[1] if kind.startswith("dask_") else kind)
        x_floor = f"{r['wall_s'] / floor['wall_s']:.2f}" if floor else "-"
        x_single = f"{r['wall_s'] / single['wall_s']:.2f}" if single else "-"
        print(f"| {kind} | {r['wall_s']:.1f} | {x_floor} | {x_single} |")


if __name__ == "__main__":
    main()
