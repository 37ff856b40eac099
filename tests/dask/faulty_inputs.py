"""Faulty synthetic inputs for the dask tests: every fault kind, ids repeated far apart."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa


def faulty_events(n: int = 600, *, seed: int = 3) -> pa.Table:
    """Synthetic events with every kind of fault, and ids repeated far apart."""
    import pyarrow.compute as pc

    from eventdata.synthetic import generate_events, inject_faults

    table, _faults = inject_faults(generate_events(n, seed=seed), seed=seed, rate=0.08)
    ids = table.column("event_id_cnty").to_pylist()
    ids[n - 5] = ids[2]  # a duplicate group spanning the first and last partitions
    ids[n // 2] = ids[3] = ids[n - 1]  # a group of three across partitions
    index = table.schema.get_field_index("event_id_cnty")
    return table.set_column(index, "event_id_cnty", pa.array(ids, pa.string())).filter(
        pc.is_valid(table.column(0))
    )


def write_events_csv(table: pa.Table, path: Path) -> Path:
    from eventdata.synthetic import write_csv

    write_csv(table, path)
    return path
