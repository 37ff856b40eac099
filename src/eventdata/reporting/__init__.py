"""``eventdata.report``: one self-contained HTML page that shows a dataset.

The page holds a map of the events, a weekly timeline by event type, the top actors and
sub-event types, ACLED's HDX categories, the dialect and a validation summary. It is
plain HTML with inline CSS and inline SVG: no script, no font, no picture and no request
to the network, so it opens offline, attaches to an e-mail and prints as it looks.

Rendering needs jinja2, in the ``report`` extra: ``pip install 'eventdata[report]'``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["MISSING_EXTRA", "render", "report"]

MISSING_EXTRA = (
    "eventdata.report needs jinja2, which is not installed; "
    "install the extra with: pip install 'eventdata[report]'"
)
"""The message given when jinja2 is missing."""


def render(context: dict[str, Any]) -> str:
    """Render the page template with a context from :func:`~eventdata.reporting.page.build_context`.

    Raises:
        ModuleNotFoundError: jinja2 is not installed (the message names the extra).

    """
    try:
        import jinja2
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(MISSING_EXTRA, name="jinja2") from exc
    from eventdata._version import __version__

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("eventdata.reporting", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    return environment.get_template("report.html.j2").render(version=__version__, **context)


def report(
    data: Any,
    path: str | Path,
    /,
    *,
    title: str | None = None,
    max_points: int = 5_000,
    top: int = 12,
    max_failures: int = 20,
) -> Path:
    """Write one self-contained HTML page that shows ``data``.

    Args:
        data: anything :func:`eventdata.validate` accepts: a path to CSV, JSON, JSON
            Lines or Parquet, a DataFrame or a pyarrow Table, of any ACLED dialect.
        path: the HTML file to write (atomically).
        title: the page title; default "Events in <file name>".
        max_points: the most circles the map draws; with more events they are binned to
            a longitude/latitude grid, and the page says how.
        top: how many actors and sub-event types to list.
        max_failures: how many failing rows to list (the counts per rule are complete).

    Returns:
        The path written.

    Raises:
        InputError: the input cannot be read.
        ModuleNotFoundError: jinja2 is not installed (``pip install 'eventdata[report]'``).

    Example:
        >>> import eventdata
        >>> eventdata.report("acled.csv", "acled.html")  # doctest: +SKIP

    """
    if max_points < 1:
        raise ValueError(f"max_points must be at least 1, got {max_points}")
    try:
        import jinja2  # noqa: F401  (fail before the work, not after)
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(MISSING_EXTRA, name="jinja2") from exc
    from eventdata._atomic import atomic_path
    from eventdata.pipeline.validate import validate
    from eventdata.reporting.page import build_context

    validation = validate(data)
    context = build_context(
        validation,
        title=title,
        max_points=max_points,
        top=top,
        max_failures=max_failures,
        records=_records_of(validation),
    )
    html = render(context)
    target = Path(path)
    with atomic_path(target) as tmp:
        Path(tmp).write_text(html, encoding="utf-8")
    return target


def _records_of(validation: Any) -> Any:
    """The rich records a records file holds (None for any other input)."""
    if validation.dialect.format != "records" or validation.source is None:
        return None
    from eventdata.io.records import read_records

    return read_records(validation.source)
