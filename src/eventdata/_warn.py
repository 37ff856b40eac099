"""Warnings that point at the caller's code, whatever path inside eventdata raised them."""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["outside_stacklevel"]

_PACKAGE = str(Path(__file__).resolve().parent)


def _inside() -> tuple[str, ...]:
    """Where eventdata's frames come from: its package, and pydantic's.

    pydantic runs the models' validators: a warning from a validator belongs to the line
    that builds the model.
    """
    try:
        import pydantic
    except ImportError:  # pragma: no cover - a core dependency
        return (_PACKAGE,)
    return (_PACKAGE, str(Path(pydantic.__file__).resolve().parent))


def outside_stacklevel() -> int:
    """The ``stacklevel`` that names the first frame outside eventdata.

    Pass it to :func:`warnings.warn` from the function that warns: the warning then shows
    the user's line (``read_ged(path)``), not a line of eventdata's, however deep the
    call that warned (``read_ged`` and ``read_acled`` reach the same reader at different
    depths; a model's validator runs inside pydantic). pandas finds its ``stacklevel``
    the same way.
    """
    inside = _inside()
    frame = sys._getframe(1)  # the function about to warn: stacklevel 1
    level = 1
    while frame.f_back is not None and frame.f_code.co_filename.startswith(inside):
        frame = frame.f_back
        level += 1
    return level
