"""Write the benchmark inputs: bench/data/acled_{100k,1m}.csv from eventdata.synthetic.

Usage: python bench/generate.py [--sizes 100k 1m] [--seed 0] [--force]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SIZES = {"100k": 100_000, "1m": 1_000_000}


def csv_path(size: str) -> Path:
    return DATA_DIR / f"acled_{size}.csv"


def generate(size: str, *, seed: int = 0, force: bool = False) -> Path:
    path = csv_path(size)
    if path.exists() and not force:
        print(f"{path.name}: exists ({path.stat().st_size / 1e6:.0f} MB), kept")
        return path
    from eventdata.synthetic import generate_events, write_csv

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    table = generate_events(SIZES[size], seed=seed)
    t1 = time.perf_counter()
    tmp = path.with_suffix(".csv.tmp")
    write_csv(table, tmp)
    tmp.replace(path)
    t2 = time.perf_counter()
    print(
        f"{path.name}: {table.num_rows:,} rows, {path.stat().st_size / 1e6:.0f} MB "
        f"(generate {t1 - t0:.1f} s, write {t2 - t1:.1f} s)"
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=list(SIZES))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--force", action="store_true", help="regenerate existing files")
    args = parser.parse_args()
    for size in args.sizes:
        generate(size, seed=args.seed, force=args.force)


if __name__ == "__main__":
    main()
