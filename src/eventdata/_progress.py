"""A small progress bar for stderr, shown only on a terminal unless forced."""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["ProgressBar", "show_progress"]


def show_progress(forced: bool | None, stream: TextIO) -> bool:
    """Decide whether to draw a progress bar.

    Args:
        forced: ``--progress`` (True) or ``--no-progress`` (False); None to decide by the
            stream.
        stream: where the bar would be drawn (stderr).

    Returns:
        ``forced`` when given, else whether ``stream`` is an interactive terminal, so
        logs, pipes and CI output stay free of carriage returns.

    """
    if forced is not None:
        return forced
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _size(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"  # pragma: no cover


class ProgressBar:
    """Draws ``label [#####.....]  50%  12.0/24.0 MB  3.1 MB/s`` on one line.

    Call the bar with ``(done, total)`` byte counts (the signature
    :func:`eventdata.pipeline.convert.convert` expects for ``progress``), or :meth:`stage` with
    a word for work that cannot be measured. Redraws at most every ``interval`` seconds;
    :meth:`close` clears the line. A disabled bar does nothing.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        enabled: bool,
        label: str = "",
        width: int = 30,
        interval: float = 0.1,
    ) -> None:
        self.stream = stream
        self.enabled = enabled
        self.label = label
        self.width = width
        self.interval = interval
        self._start = time.monotonic()
        self._last = 0.0
        self._drawn = 0

    def __call__(self, done: int, total: int) -> None:
        """Show ``done`` of ``total`` bytes."""
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < self.interval and done < total:
            return
        self._last = now
        fraction = min(done / total, 1.0) if total > 0 else 0.0
        filled = int(round(fraction * self.width))
        elapsed = max(now - self._start, 1e-6)
        line = (
            f"{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {fraction:4.0%}  "
            f"{_size(done)}/{_size(total)}  {_size(done / elapsed)}/s"
        )
        self._draw(line)

    def stage(self, text: str) -> None:
        """Show the current step, e.g. ``reading``, ``validating``, ``writing``."""
        if self.enabled:
            self._draw(f"{self.label} {text}...")

    def _draw(self, line: str) -> None:
        padding = " " * max(self._drawn - len(line), 0)
        self.stream.write("\r" + line + padding)
        self.stream.flush()
        self._drawn = len(line)

    def close(self) -> None:
        """Erase the bar so that the next output starts on a clean line."""
        if self.enabled and self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()
            self._drawn = 0
