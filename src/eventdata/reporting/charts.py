"""What every chart of the report shares: colours, round ticks and the SVG frame.

Charts are inline SVG drawn in a fixed coordinate system (``viewBox``) that the page
stretches to the window's width. Every piece of data text is escaped.
"""

from __future__ import annotations

import math
from html import escape

__all__ = [
    "EVENT_TYPE_COLOURS",
    "FONT",
    "colour_of",
    "count_ticks",
    "nice_step",
    "svg_open",
]

EVENT_TYPE_COLOURS: dict[str, str] = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d",
}
"""One colour per ACLED event type (others are drawn in dark grey)."""

_OTHER = "#34495e"
FONT = "font-family:system-ui,sans-serif;font-size:11px"
"""The charts' font."""


def colour_of(event_type: str) -> str:
    """The colour of an event type on every chart."""
    return EVENT_TYPE_COLOURS.get(event_type, _OTHER)


def nice_step(span: float, *, target: int = 6) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``target`` ticks."""
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def count_ticks(peak: float, *, target: int = 4) -> tuple[int, int]:
    """Step and top of a count axis: whole numbers only, the top at or above ``peak``.

    The page's script computes the same (``ticks`` in the filters script) when a filter
    changes the counts.
    """
    step = max(int(nice_step(max(peak, 1.0), target=target)), 1)
    top = max(math.ceil(peak / step) * step, step)
    return step, top


def svg_open(width: float, height: float, *, label: str, extra: str = "") -> str:
    """The opening ``<svg>`` tag of a chart that stretches to its container's width."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'preserveAspectRatio="xMidYMid meet" role="img" aria-label="{escape(label)}" '
        f'style="{FONT}"{extra}>'
    )
