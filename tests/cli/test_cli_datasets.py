"""The CLI's --dataset choices are the library's datasets (kept static for a fast start)."""

from __future__ import annotations

from eventdata.cli.datasets import DATASETS as CLI_CHOICES
from eventdata.datasets import DATASETS


def test_dataset_choices_are_auto_then_every_dataset() -> None:
    assert CLI_CHOICES == ("auto", *DATASETS)
