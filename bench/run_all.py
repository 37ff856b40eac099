"""Run every benchmark: generate the inputs if missing, then each bench script in turn.

Usage: python bench/run_all.py [--quick]

``--quick`` (``make bench-quick``, under two minutes) runs ``bench_compare.py --quick``
alone: every method against the floor on 100k-row synthetic and real-shaped inputs.
The full run (``make bench``) runs ``bench_compare.py`` at 646,400 and 3,200,000 rows,
then the other scripts.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# script -> (arguments, arguments with --quick or None to skip it then)
SCRIPTS: dict[str, tuple[list[str], list[str] | None]] = {
    "bench_compare.py": ([], ["--quick"]),
    "bench_validate.py": ([], None),
    "bench_convert.py": ([], None),
    "bench_aggregate.py": ([], None),
    "bench_report.py": ([], None),
}


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    status = 0
    started = time.perf_counter()
    for script, (full, short) in SCRIPTS.items():
        if not (BENCH / script).exists() or (quick and short is None):
            continue
        print(f"== {script}", flush=True)
        done = subprocess.run([sys.executable, str(BENCH / script), *(short if quick else full)])
        status = status or done.returncode
    print(f"== run_all took {time.perf_counter() - started:.0f} s")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
