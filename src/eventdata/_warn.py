"""Warnings that point at the caller's code, whatever path inside eventdata raised them."""

from __future__ import annotations

import sys
from types import FrameType

__all__ = ["outside_stacklevel"]

_INSIDE = frozenset({"eventdata", "pydantic"})
"""Packages whose frames are eventdata's own: eventdata, and pydantic, which runs the
models' validators (a warning from a validator belongs to the line building the model)."""


def outside_stacklevel() -> int:
    """The ``stacklevel`` that names the first frame outside eventdata.

    Pass it to :func:`warnings.warn` from the function that warns: the warning then shows
    the first line outside eventdata, the user's (``read_ged(path)`` in a script or a
    notebook), however deep the call that warned (``read_ged`` and ``read_acled`` reach
    the same reader at different depths; a model's validator runs inside pydantic).
    Frames are told by their module's package, not their file, so a symlinked or zipped
    install counts as eventdata too. pandas finds its ``stacklevel`` the same way.
    """
    frame = sys._getframe(1)  # the function about to warn: stacklevel 1
    level = 1
    while frame.f_back is not None and _package(frame) in _INSIDE:
        frame = frame.f_back
        level += 1
    return level


def _package(frame: FrameType) -> str:
    return str(frame.f_globals.get("__name__", "")).partition(".")[0]
