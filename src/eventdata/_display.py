"""How the objects users hold look in a terminal and in a notebook.

``short_repr`` gives a one-line ``<Name key=value ...>``; ``html_view`` a small HTML
table for Jupyter's ``_repr_html_``: a caption, the key figures, and optionally a table of
detail rows (the first few of how many). Long text wraps instead of running off the edge;
every value is escaped. Nothing here knows any eventdata class.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Detail", "html_view", "short_repr"]

_MAX_TEXT = 120
"""Values longer than this are shortened in the one-line repr."""

_STYLE = "border-collapse:collapse;font-size:12px;text-align:left;max-width:100%;table-layout:auto"
_CELL = "padding:2px 10px 2px 0;border-bottom:1px solid #e5e8eb;vertical-align:top;"
_WRAP = "white-space:normal;overflow-wrap:anywhere;"


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if value is None:
        return "–"
    return str(value)


def short_repr(name: str, fields: Sequence[tuple[str, object]]) -> str:
    """``<name key=value ...>`` on one line, each value shortened to a readable length."""
    parts = []
    for key, value in fields:
        text = repr(value) if isinstance(value, str) else str(value)
        if len(text) > _MAX_TEXT:
            text = text[: _MAX_TEXT - 1] + "…"
        parts.append(f"{key}={text}")
    return f"<{name} {' '.join(parts)}>" if parts else f"<{name}>"


@dataclass(frozen=True)
class Detail:
    """Rows under the key figures: a title, column names, the rows, and how many in all."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    total: int | None = None


def _detail(detail: Detail) -> str:
    total = detail.total if detail.total is not None else len(detail.rows)
    head = escape(detail.title)
    if total > len(detail.rows):
        head += f" (first {len(detail.rows):,} of {total:,})"
    header = "".join(f'<th style="{_CELL}">{escape(c)}</th>' for c in detail.columns)
    body = "".join(
        "<tr>"
        + "".join(f'<td style="{_CELL}{_WRAP}">{escape(_text(v))}</td>' for v in row)
        + "</tr>"
        for row in detail.rows
    )
    return (
        f'<div style="margin-top:6px;font-weight:600">{head}</div>'
        f'<table style="{_STYLE}"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'
    )


def html_view(
    caption: str, fields: Sequence[tuple[str, object]], *, details: Sequence[Detail] = ()
) -> str:
    """A small HTML view: ``caption``, one row per field, then each detail table."""
    rows = "".join(
        f'<tr><th style="{_CELL}">{escape(key)}</th>'
        f'<td style="{_CELL}{_WRAP}">{escape(_text(value))}</td></tr>'
        for key, value in fields
    )
    return (
        '<div style="max-width:100%;overflow-x:auto">'
        f'<table style="{_STYLE}"><caption style="text-align:left;font-weight:600">'
        f"{escape(caption)}</caption><tbody>{rows}</tbody></table>"
        + "".join(_detail(d) for d in details if d.rows)
        + "</div>"
    )
