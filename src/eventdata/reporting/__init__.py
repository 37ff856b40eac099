"""``eventdata.report``: one self-contained HTML page that shows a dataset.

The page holds a map of the events over the country outlines, weekly bars by event type,
a table and small multiples by admin1, the top actors and sub-event types, ACLED's HDX
categories, the dialect and a validation summary; for a records file also the records.
It is HTML with inline CSS, inline SVG and one small inline script for the filters (date
range, event type, admin1): no library, no font, no picture and no request to the
network, so it opens offline, attaches to an e-mail and prints as it looks. Without
scripts it shows every event.

Rendering needs jinja2, in the ``report`` extra: ``pip install 'eventdata[report]'``.
The modules: :mod:`~eventdata.reporting.page` (assembly), :mod:`~eventdata.reporting.frame`
(the events' shared arrays), :mod:`~eventdata.reporting.map` and
:mod:`~eventdata.reporting.outlines`, :mod:`~eventdata.reporting.timeline`,
:mod:`~eventdata.reporting.admin1`, :mod:`~eventdata.reporting.tables`,
:mod:`~eventdata.reporting.records`, :mod:`~eventdata.reporting.filters` and
:mod:`~eventdata.reporting.cube` (the filters' script and data).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from typing_extensions import Unpack

from eventdata.io.formats import ReaderOptions

__all__ = ["MISSING_EXTRA", "ReportPage", "render", "report"]

if TYPE_CHECKING:
    _PathBase = Path
else:
    _PathBase = type(Path())  # PosixPath or WindowsPath: Path itself cannot be subclassed


class ReportPage(_PathBase):
    """The path of a written report, which a notebook shows as the page itself.

    It is a :class:`pathlib.Path` in every other way. In Jupyter, a cell ending in
    ``eventdata.report(...)`` displays the page (filters and hover labels work) in a frame.
    """

    def _repr_html_(self) -> str | None:
        if not self.is_file():  # a path derived from it (.parent, ...): shown as a path
            return None
        html = self.read_text(encoding="utf-8")
        return (
            f'<iframe srcdoc="{escape(html, quote=True)}" title="{escape(self.name)}" '
            'style="width:100%;height:760px;border:1px solid #d5dbdf"></iframe>'
        )


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
    compare: Any = None,
    **options: Unpack[ReaderOptions],
) -> ReportPage:
    """Write one self-contained HTML page that shows ``data``.

    Args:
        data: anything :func:`eventdata.validate` accepts: a path to CSV, JSON, JSON
            Lines or Parquet, a DataFrame or a pyarrow Table, of any ACLED dialect.
        path: the HTML file to write (atomically).
        title: the page title; default "Events in <file name>".
        max_points: the most marks the map draws, each with a hover label; with more
            events they are binned to a longitude/latitude grid, and the page states the
            cell size.
        top: how many actors, sub-event types and admin1 small multiples to show.
        max_failures: how many failing rows to list (the counts per rule are complete).
        compare: another source of the same events (anything :func:`eventdata.match`
            takes: ACLED, UCDP GED, GTD, records); the page then shows what both have and
            what only one has, by month, event type and admin1. Needs the ``match`` extra.
        **options: how a path ``data`` is read (``date_format``, ``encoding``, ``sheet``,
            ``on_truncated``: :class:`~eventdata.io.formats.ReaderOptions`); ``compare`` is
            read as its reader reads it.

    Returns:
        The path written, as a :class:`ReportPage`: a notebook displays the page inline.

    Raises:
        InputError: the input cannot be read.
        TypeError: an option no reader takes.
        ModuleNotFoundError: jinja2 is not installed (``pip install 'eventdata[report]'``).
        MissingExtraError: ``compare`` is given and rapidfuzz or scipy is missing
            (``pip install 'eventdata[match]'``).

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

    validation = validate(_read_whole(data, options))
    context = build_context(
        validation,
        title=title,
        max_points=max_points,
        top=top,
        max_failures=max_failures,
        records=_records_of(validation),
        compare=None if compare is None else (data, compare, _names(data, compare)),
    )
    html = render(context)
    target = ReportPage(path)
    with atomic_path(target) as tmp:
        Path(tmp).write_text(html, encoding="utf-8")
    return target


def _records_of(validation: Any) -> Any:
    """The rich records a records file holds (None for any other input)."""
    if validation.dialect.format != "records" or validation.source is None:
        return None
    from eventdata.io.records import read_records

    return read_records(validation.source)


def _read_whole(data: Any, options: ReaderOptions) -> Any:
    """A path read once with every column, as ``options`` say.

    The page needs admin1 and notes, which a plain ``validate`` leaves unread and would
    read again, whole, when asked for them.

    Raises:
        TypeError: an option no reader takes.
    """
    from eventdata.pipeline.read import check_reader_options

    check_reader_options(options, function="eventdata.report")
    if isinstance(data, (str, Path)):
        from eventdata.pipeline.inputs import read_input

        return read_input(data, **options)
    return data


def _names(data: Any, other: Any) -> tuple[str, str]:
    """How the page names the two inputs: their file names, or what they are."""
    names = [
        Path(x).name if isinstance(x, (str, Path)) else type(x).__name__ for x in (data, other)
    ]
    if names[0] == names[1]:
        names = [f"{names[0]} (report)", f"{names[1]} (compared)"]
    return names[0], names[1]
