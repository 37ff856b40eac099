"""The optional dependencies of matching (the ``match`` extra)."""

from __future__ import annotations

from eventdata.exceptions import MissingExtraError

__all__ = ["require"]


def require() -> None:
    """Check that rapidfuzz and scipy are installed, and import what matching uses.

    The imports happen here, in the caller's thread, before any work is spread over
    threads (two threads importing the same modules at once can see them half made).

    Raises:
        MissingExtraError: one is missing; the message names the extra to install.
    """
    try:
        import rapidfuzz.fuzz  # noqa: F401
        import rapidfuzz.process  # noqa: F401
        import scipy.optimize  # noqa: F401
        import scipy.sparse.csgraph  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(
            f"event matching needs rapidfuzz and scipy ({exc.name} is not installed); "
            "install them with: pip install 'eventdata[match]'"
        ) from exc
