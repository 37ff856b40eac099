"""The registry of datasets: each is one module or package here, found by discovery.

Every module or package in ``eventdata.datasets`` (but :mod:`~eventdata.datasets.base`)
declares one :class:`~eventdata.datasets.base.Dataset` as ``DATASET``; importing this
package registers them all in :data:`DATASETS`. Adding a source is adding one package
here (docs/architecture.md walks through GTD). :func:`dataset_of` recognises a table's
dataset from its header, :func:`resolve` turns ``dataset=`` options into a dataset, and
:func:`require` is the reader contract: a table that is not the dataset asked for is
refused, naming what it looks like and which reader fits.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Collection, Sequence

from eventdata.datasets.base import Dataset, Derived
from eventdata.exceptions import NotEventDataError

__all__ = [
    "DATASETS",
    "Dataset",
    "Derived",
    "candidates",
    "dataset_named",
    "dataset_of",
    "require",
    "resolve",
    "skippable",
]


def _discover() -> dict[str, Dataset]:
    found: dict[str, Dataset] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name == "base" or info.name.startswith("_"):
            continue
        dataset = importlib.import_module(f"{__name__}.{info.name}").DATASET
        if not isinstance(dataset, Dataset) or dataset.name != info.name:
            raise TypeError(f"{__name__}.{info.name}.DATASET is not a Dataset named {info.name!r}")
        found[dataset.name] = dataset
    return found


DATASETS: dict[str, Dataset] = _discover()
"""Every registered dataset by name."""

_AGGREGATE_MARKERS = {
    "events": "a count of events",
    "month": "a month",
    "reference_period_start": "a reference period (HDX HAPI)",
    "reference_period_end": "a reference period (HDX HAPI)",
    "location_code": "a location code (HDX HAPI)",
}


def dataset_named(name: str) -> Dataset:
    """The :class:`Dataset` called ``name``.

    Raises:
        ValueError: no dataset has that name; the message lists the names.
    """
    try:
        return DATASETS[name]
    except KeyError:
        raise ValueError(
            f"dataset={name!r} is not one of {', '.join(map(repr, DATASETS))} (or 'auto')"
        ) from None


def resolve(dataset: str | Dataset) -> Dataset | None:
    """The dataset a ``dataset=`` option names (None for ``"auto"``).

    Args:
        dataset: ``"auto"``, a registered name, or a :class:`Dataset` object.

    Raises:
        ValueError: a name no dataset has, or an object of another type.
    """
    if isinstance(dataset, Dataset):
        return dataset
    if dataset == "auto":
        return None
    if not isinstance(dataset, str):
        raise ValueError(f"dataset={dataset!r} is neither a dataset name nor a Dataset")
    return dataset_named(dataset)


def skippable(dataset: Dataset | None) -> frozenset[str]:
    """Columns validation need not read from a file for ``dataset`` (None: any dataset).

    For an input whose dataset is not known yet, only columns that every dataset having
    them may skip.
    """
    if dataset is not None:
        return dataset.skippable
    every = set().union(*(d.skippable for d in DATASETS.values()))
    return frozenset(
        name
        for name in every
        if all(name in d.skippable for d in DATASETS.values() if name in d.columns)
    )


def _lower(columns: Collection[str]) -> set[str]:
    return {str(name).strip().lower() for name in columns}


def candidates(columns: Collection[str]) -> list[Dataset]:
    """Every dataset that recognises a table with these columns, most specific first."""
    names = _lower(columns)
    found = [d for d in DATASETS.values() if d.recognises(names)]
    return sorted(found, key=lambda d: (not d.all_markers, -len(d.markers & names)))


def _shown(columns: Sequence[str]) -> str:
    return ", ".join(list(columns)[:8]) + (", ..." if len(columns) > 8 else "")


def _looks_like(columns: Sequence[str]) -> str:
    names = _lower(columns)
    signs = [f"{name!r} ({what})" for name, what in _AGGREGATE_MARKERS.items() if name in names]
    if signs:
        return (
            "it looks like an aggregate table (counts per place and period, as HDX "
            f"publishes them): it has {', '.join(signs)}"
        )
    return "it has none of the columns that mark an event dataset"


def _readers() -> str:
    return "; ".join(
        f"{d.title} ({d.reader}, marked by {', '.join(sorted(d.markers))})"
        for d in DATASETS.values()
    )


def dataset_of(columns: Sequence[str], *, source: object | None = None) -> Dataset:
    """Which :class:`Dataset` a table with these columns holds.

    Args:
        columns: the column names (after header normalization).
        source: the file, named in the error.

    Raises:
        NotEventDataError: no dataset recognises the table (an aggregate table, or
            something else); the message lists what each reader expects.
    """
    if not columns:  # a header-only frame without names: ACLED's reader says what is wrong
        return DATASETS["acled"] if "acled" in DATASETS else next(iter(DATASETS.values()))
    found = candidates(columns)
    if found:
        return found[0]
    raise NotEventDataError(
        f"is not event data (one event per row): {_looks_like(columns)}. "
        f"Columns: {_shown(columns)}. eventdata reads {_readers()}; pass one of those",
        path=source,
    )


def require(dataset: Dataset, columns: Sequence[str], *, source: object | None = None) -> None:
    """The reader contract: refuse a table that is not ``dataset``.

    Args:
        dataset: the dataset asked for.
        columns: the table's column names.
        source: the file, named in the error.

    Raises:
        NotEventDataError: the table lacks ``dataset``'s marking columns; the message says
            what it looks like and which reader fits.
    """
    if not columns or dataset.identifies(_lower(columns)):
        return
    others = [d for d in candidates(columns) if d is not dataset]
    if others:
        other = others[0]
        looks = f"it looks like {other.title} data: read it with {other.reader}()"
        if other.to_acled is not None:
            mapping = other.to_acled.partition(":")[2]
            looks += f", or map it to ACLED's columns with eventdata.{mapping}()"
    else:
        looks = _looks_like(columns)
    if dataset.identifying:
        need = "all of " + ", ".join(sorted(dataset.identifying))
    else:
        need = ("all of " if dataset.all_markers else "one of ") + ", ".join(
            sorted(dataset.markers)
        )
    if dataset.excludes & _lower(columns):
        need += f" and none of {', '.join(sorted(dataset.excludes))}"
    raise NotEventDataError(
        f"is not {dataset.title} data: {dataset.title} tables have {need}, and {looks}. "
        f"Columns: {_shown(columns)}",
        path=source,
    )
