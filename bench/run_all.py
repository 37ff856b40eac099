"""Run every benchmark: generate the inputs if missing, then each bench script in turn.

Usage: python bench/run_all.py [--quick]
``--quick`` runs bench_validate and bench_aggregate at 100k rows only and bench_convert on a
small file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# script -> (arguments, arguments with --quick)
SCRIPTS: dict[str, tuple[list[str], list[str]]] = {
    "bench_validate.py": ([], ["--sizes", "100k"]),
    "bench_convert.py": ([], ["--size-gb", "0.1"]),
    "bench_aggregate.py": ([], ["--rows", "100000"]),
}


def main() -> int:
    quick = "--quick" in sys.argv[1:]
    status = 0
    for script, (full, short) in SCRIPTS.items():
        if not (BENCH / script).exists():
            continue
        print(f"== {script}", flush=True)
        done = subprocess.run([sys.executable, str(BENCH / script), *(short if quick else full)])
        status = status or done.returncode
    return status


if __name__ == "__main__":
    raise SystemExit(main())
