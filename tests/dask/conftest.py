"""The client of the shared LocalCluster (tests/conftest.py) and faulty inputs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="session")
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster) as running:
        yield running


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
