"""Regenerate ``sample_events.csv``: synthetic ACLED-shaped events with a few known faults.

The bundled sample is written by the project itself (no third-party data): 240 valid
events in the current ACLED dialect, then six rows corrupted in documented ways so the
quick start shows what validation reports.

    python examples/data/make_sample.py [OUTPUT]
"""

from __future__ import annotations

import sys
from pathlib import Path

from eventdata.synthetic import generate_events, inject_faults, write_csv

HERE = Path(__file__).resolve().parent


def main(output: Path = HERE / "sample_events.csv") -> None:
    table = generate_events(240, seed=2021)
    faulty, faults = inject_faults(table, seed=7, rate=0.025)
    write_csv(faulty, output)
    for fault in faults:
        print(fault)


if __name__ == "__main__":
    main(*(Path(arg) for arg in sys.argv[1:2]))
