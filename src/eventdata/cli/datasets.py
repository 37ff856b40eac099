"""Which dataset an input holds: ACLED (any dialect) or UCDP GED."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from eventdata.schema.text import RawTable

__all__ = ["DATASETS", "dataset_option", "resolve_dataset", "rule_names"]

DATASETS = ("auto", "acled", "ucdp")
"""``auto`` and the names of :data:`eventdata.schema.datasets.DATASETS` (not imported here:
the models would load before ``--help``; a test keeps the two equal)."""

dataset_option = click.option(
    "--dataset",
    type=click.Choice(DATASETS),
    default="auto",
    show_default=True,
    help="What the input holds; auto recognises UCDP GED by its header, else ACLED.",
)


def resolve_dataset(choice: str, raw: RawTable) -> str:
    """``acled`` or ``ucdp``: ``choice`` itself, or recognised from the input's columns."""
    if choice != "auto":
        return choice
    from eventdata.schema.datasets import detect_dataset

    return detect_dataset(raw.column_names, source=raw.source)


def rule_names(choice: str) -> list[str]:
    """Names of the rules that can run for ``--dataset choice`` (both datasets for auto)."""
    names: list[str] = []
    if choice in ("auto", "acled"):
        from eventdata.validation.engine import all_rules

        names.extend(rule[0] for rule in all_rules())
    if choice in ("auto", "ucdp"):
        from eventdata.validation.ged import ged_rules

        names.extend(rule[0] for rule in ged_rules())
    return names
