"""Real-shaped benchmark inputs: a real ACLED export replicated to N rows with fresh ids.

Usage: python bench/real_shaped.py [--rows 646400] [--source FILE] [--force]

The source (default: the Somalia 2025-26 API export in ``../shared/data/acled``, 6,464
rows) is read as text and repeated until ``--rows`` rows are written; every copy keeps
the real values (notes, actors, sources, coordinates) and gets fresh ``event_id_cnty``
values (the id's letter prefix plus a running number), so ids stay unique across the
file. Written with ACLED's quoting (only where needed) to
``bench/data/real_<source stem>_<rows>.csv``. When the shared data is absent,
:func:`real_source` returns None and callers skip the real-shaped inputs with a message.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
DATA = BENCH / "data"
SHARED = BENCH.parent.parent / "shared" / "data" / "acled"
DEFAULT_SOURCE = "somalia_2025-04_2026-03.csv"


def real_source(name: str = DEFAULT_SOURCE) -> Path | None:
    """The real export to replicate, or None (with a note on stderr) when it is absent."""
    path = SHARED / name
    if path.is_file():
        return path
    print(
        f"skipping real-shaped inputs: {name} not found under ../shared/data/acled "
        "(relative to the repository root)",
        file=sys.stderr,
    )
    return None


def real_path(source: Path, rows: int) -> Path:
    """Where the replicated file of ``rows`` rows is written."""
    stem = source.stem.split("_")[0]
    return DATA / f"real_{stem}_{rows}.csv"


def replicate(source: Path, rows: int, *, force: bool = False) -> Path:
    """Write ``source`` repeated to ``rows`` rows with fresh, unique ids; returns the path."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    from eventdata.synthetic import write_csv

    path = real_path(source, rows)
    if path.exists() and not force:
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with open(source, newline="", encoding="utf-8") as fh:
        names = next(csv.reader(fh))
    text = pacsv.read_csv(
        source,
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={n: pa.string() for n in names},
            strings_can_be_null=True,
        ),
    )
    ids = text.column("event_id_cnty")
    prefix = pc.utf8_slice_codeunits(ids, 0, 3)
    per_batch = max(1, 131_072 // text.num_rows)
    tmp = path.with_suffix(".part")
    written = 0
    with open(tmp, "wb") as out:
        header = True
        while written < rows:
            copies = []
            for _ in range(per_batch):
                n = min(text.num_rows, rows - written)
                if n <= 0:
                    break
                numbers = pc.cast(pa.array(range(written + 1, written + n + 1)), pa.string())
                fresh = pc.binary_join_element_wise(prefix.slice(0, n), numbers, "")
                copies.append(text.slice(0, n).set_column(0, "event_id_cnty", fresh))
                written += n
            part = path.with_suffix(".batch")
            write_csv(pa.concat_tables(copies), part)
            data = part.read_bytes()
            part.unlink()
            out.write(data if header else data[data.index(b"\n") + 1 :])
            header = False
    tmp.replace(path)
    print(
        f"{path.name}: {rows:,} rows from {source.name}, {path.stat().st_size / 1e6:.0f} MB "
        f"({time.perf_counter() - start:.1f} s)",
        file=sys.stderr,
    )
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=646_400)
    parser.add_argument("--source", default=DEFAULT_SOURCE, help="a file in shared/data/acled")
    parser.add_argument("--force", action="store_true", help="regenerate an existing file")
    args = parser.parse_args()
    source = real_source(args.source)
    if source is None:
        return 0
    print(replicate(source, args.rows, force=args.force))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
