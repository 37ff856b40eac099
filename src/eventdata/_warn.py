"""Warnings that point at the caller's code, whatever path inside eventdata raised them."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["outside_stacklevel"]

_PACKAGE = str(Path(__file__).resolve().parent)


def outside_stacklevel() -> int:
    """The ``stacklevel`` that names the first frame outside eventdata.

    Pass it to :func:`warnings.warn` from the function that warns: the warning then shows
    the user's line (``read_ged(path)``), not a line of eventdata's, however deep the
    call that warned (``read_ged`` and ``read_acled`` reach the same reader at different
    depths). pandas finds its ``stacklevel`` the same way.
    """
    frame = sys._getframe(1)  # the function about to warn: stacklevel 1
    level = 1
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame = frame.f_back
        level += 1
    return level
