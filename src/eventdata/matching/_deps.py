"""The optional dependencies of matching (the ``match`` extra)."""

from __future__ import annotations

from eventdata.exceptions import MissingExtraError

__all__ = ["require"]


def require() -> None:
    """Check that rapidfuzz and scipy are installed.

    Raises:
        MissingExtraError: one is missing; the message names the extra to install.
    """
    try:
        import rapidfuzz  # noqa: F401
        import scipy.optimize  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(
            f"event matching needs rapidfuzz and scipy ({exc.name} is not installed); "
            "install them with: pip install 'eventdata[match]'"
        ) from exc
