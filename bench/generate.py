"""Write the benchmark inputs: bench/data/acled_{100k,1m}.csv from eventdata.synthetic.

Usage: python bench/generate.py [--sizes 100k 1m] [--seed 0] [--force]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SIZES = {"100k": 100_000, "1m": 1_000_000}


def write_batched(path: Path, *, rows: int | None = None, size_bytes: int | None = None) -> Path:
    """Write a synthetic ACLED CSV of ``rows`` rows (or at least ``size_bytes``) in batches.

    ``generate_events`` numbers ids per call, so each batch is renumbered to keep every id
    unique across the file; memory stays bounded by one batch. Written atomically.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    from eventdata.synthetic import generate_events, write_csv

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    done, seed = 0, 0
    with open(tmp, "wb") as out:
        while (rows is not None and done < rows) or (
            size_bytes is not None and out.tell() < size_bytes
        ):
            n = 200_000 if rows is None else min(200_000, rows - done)
            table = generate_events(n, seed=seed)
            prefix = pc.utf8_slice_codeunits(table.column("event_id_cnty"), 0, 3)
            numbers = pc.cast(pa.array(range(done + 1, done + n + 1)), pa.string())
            ids = pc.binary_join_element_wise(prefix, numbers, "")
            table = table.set_column(0, "event_id_cnty", ids)
            part = path.with_suffix(f".{seed}.batch")
            write_csv(table, part)
            data = part.read_bytes()
            part.unlink()
            out.write(data if seed == 0 else data[data.index(b"\n") + 1 :])
            done += n
            seed += 1
    tmp.replace(path)
    return path


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
