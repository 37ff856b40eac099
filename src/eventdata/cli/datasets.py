"""Which dataset an input holds: the ``--dataset`` option and what it resolves to."""

from __future__ import annotations

import importlib.util
import pkgutil
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from eventdata.datasets import Dataset
    from eventdata.schema.text import RawTable

__all__ = ["DATASETS", "dataset_option", "resolve_dataset", "rule_names"]


def _registered() -> tuple[str, ...]:
    """The registry's dataset names, read from its module names.

    Nothing is imported, so ``--help`` stays fast; a test keeps them equal to
    :data:`eventdata.datasets.DATASETS`.
    """
    spec = importlib.util.find_spec("eventdata.datasets")
    where = list(spec.submodule_search_locations or []) if spec else []
    names = (info.name for info in pkgutil.iter_modules(where))
    return tuple(sorted(n for n in names if n != "base" and not n.startswith("_")))


DATASETS = ("auto", *_registered())
"""``auto`` and the names of the registered datasets."""

dataset_option = click.option(
    "--dataset",
    type=click.Choice(DATASETS),
    default="auto",
    show_default=True,
    help="What the input holds; auto recognises the dataset by its header.",
)


def resolve_dataset(choice: str, raw: RawTable) -> Dataset:
    """The dataset ``choice`` names, or the one recognised from the input's columns.

    Raises:
        NotEventDataError: the input is not the dataset named, or no dataset's.
    """
    from eventdata.datasets import dataset_named, dataset_of, require

    if choice == "auto":
        return dataset_of(raw.column_names, source=raw.source)
    found = dataset_named(choice)
    require(found, raw.column_names, source=raw.source)
    return found


def rule_names(choice: str) -> list[str]:
    """Names of the rules that can run for ``--dataset choice`` (every dataset's for auto)."""
    from eventdata.datasets import DATASETS as REGISTERED
    from eventdata.validation.engine import all_rules

    chosen = REGISTERED.values() if choice == "auto" else [REGISTERED[choice]]
    return list(dict.fromkeys(rule[0] for dataset in chosen for rule in all_rules(dataset)))
