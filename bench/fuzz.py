"""The long fuzz run: many mutants of the real files through every reader, and crash checks.

The same checks as ``tests/fuzz/test_fuzz.py`` (``tests/fuzz_harness.py``): only
``EventdataError`` is raised, rows in = written + set aside, the streamed and whole-file
paths agree, rows the mutation did not touch are unchanged. Each case runs with the
default block size and, with ``--block-size``, with small blocks too (many blocks per
file). Failures are printed grouped by mutation family; the exit code is 1 when any.

    python bench/fuzz.py                     # 40 mutants per family, seed 0
    python bench/fuzz.py --per-family 400 --seed 7 --block-size 65536
    make fuzz
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzz_harness import cases, check_case, check_untouched, load_bases  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--per-family", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rows", type=int, default=2000, help="records per base file")
    parser.add_argument("--block-size", type=int, default=None, help="also stream in blocks")
    args = parser.parse_args()

    bases = load_bases(max_rows=args.rows)
    failures: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    for case in cases(bases, seed=args.seed, per_family=args.per_family):
        counts[case.family] += 1
        for block_size in dict.fromkeys([None, args.block_size]):
            with tempfile.TemporaryDirectory() as folder:
                try:
                    check_case(case, Path(folder), block_size=block_size, cli=block_size is None)
                    if block_size is None:
                        check_untouched(case, Path(folder))
                except AssertionError as exc:
                    failures[case.family].append(str(exc).splitlines()[0][:300])
                except Exception:  # not an EventdataError: the worst kind of failure
                    failures[case.family].append(traceback.format_exc(limit=3)[-600:])
    seconds = time.perf_counter() - started
    total = sum(counts.values())
    print(f"{total} mutants of {len(bases)} files, seed {args.seed}, {seconds:.0f} s")
    for family in sorted(counts):
        bad = failures.get(family, [])
        print(f"  {family:20} {counts[family]:5} mutants  {len(bad):4} failures")
        for line in bad[:3]:
            print(f"      {line}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
