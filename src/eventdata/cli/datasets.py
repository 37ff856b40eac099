"""Which dataset an input holds: ACLED (any dialect) or UCDP GED."""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from eventdata.io.readers import RawTable

__all__ = ["DATASETS", "dataset_option", "resolve_dataset", "rule_names", "ucdp_available"]

DATASETS = ("auto", "acled", "ucdp")

dataset_option = click.option(
    "--dataset",
    type=click.Choice(DATASETS),
    default="auto",
    show_default=True,
    help="What the input holds; auto recognises UCDP GED by its header, else ACLED.",
)


def ucdp_available() -> bool:
    """Tell whether this eventdata has UCDP GED support (``eventdata.io.ucdp``)."""
    return importlib.util.find_spec("eventdata.io.ucdp") is not None


def check_dataset(choice: str) -> str:
    """Refuse ``--dataset ucdp`` when UCDP support is absent.

    Raises:
        click.BadParameter: exit code 2.

    """
    if choice == "ucdp" and not ucdp_available():
        raise click.BadParameter(
            "this eventdata version has no UCDP GED support", param_hint="--dataset"
        )
    return choice


def resolve_dataset(choice: str, raw: RawTable) -> str:
    """``acled`` or ``ucdp``: ``choice`` itself, or recognised from the input's columns."""
    if choice != "auto":
        return choice
    from eventdata.io.dialects import detect_dataset

    return detect_dataset(raw.column_names, source=raw.source)


def rule_names(choice: str) -> list[str]:
    """Names of the rules that can run for ``--dataset choice`` (both datasets for auto)."""
    names: list[str] = []
    if choice in ("auto", "acled"):
        from eventdata.validation.engine import all_rules

        names.extend(rule[0] for rule in all_rules())
    if choice in ("auto", "ucdp") and ucdp_available():
        from eventdata.io.ucdp import ged_rules

        names.extend(rule[0] for rule in ged_rules())
    return names
