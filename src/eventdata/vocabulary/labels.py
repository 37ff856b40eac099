"""The one enum base of every labelled vocabulary: members print as their label."""

from __future__ import annotations

from enum import Enum

__all__ = ["LabelEnum"]


class LabelEnum(str, Enum):
    """A ``str`` enum whose members print and format as their label (``"Battles"``).

    Every codebook vocabulary (event types, actor types, outcomes, weapon kinds...) is a
    ``LabelEnum``, so members compare equal to their label and read back from it.
    """

    def __str__(self) -> str:
        return str(self.value)
