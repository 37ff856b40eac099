"""Date styles found in real exports, and deciding which one a column is written in.

Spreadsheets rewrite ACLED's ISO dates in many ways (``31-12-19``, ``12/31/2019``,
``9-May-20``, ``20210106``, Excel serial numbers, ...). Some styles cannot be told apart
from one value (``03-04-19``), so the style is decided from every distinct value of the
column together with the file's ``year`` column, and refused when it stays ambiguous.

The decision is made by :func:`decide_style` on distinct values; the row path
(``Event.model_validate``) and the columnar path (``validate``, ``read_acled``) both use
it, so they agree by construction: the columnar path parses each distinct value once here
and spreads the result over the rows with Arrow.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from eventdata.exceptions import AmbiguousDates, MixedDateOrder

__all__ = [
    "DATE_STYLES",
    "AmbiguousDates",
    "DateStyle",
    "MixedDateOrder",
    "UnreadableDate",
    "Decision",
    "decide_style",
    "decision_named",
    "parse_with",
    "resolve_date",
    "settle_order",
    "style_named",
]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_RANGE = (
    (dt.date(1950, 1, 1) - _EXCEL_EPOCH).days,
    (dt.date(2100, 1, 1) - _EXCEL_EPOCH).days,
)
"""Excel serial numbers accepted as dates: 1950 to 2099 (other numbers are not dates)."""


@dataclass(frozen=True)
class DateStyle:
    """One way of writing a date.

    Attributes:
        name: the name users pass as ``date_format=`` (a strptime-like pattern, or
            ``iso``, ``export-tool``, ``iso-datetime``, ``excel-serial``).
        shape: regular expression the whole value must match, with groups ``d``, ``m``
            (digits or an English month name) and ``y`` (two or four digits), or ``n``
            (an Excel serial day number).
        example: 31 December 2019 written in this style.
        unambiguous: no value of this style can be read another way by another style,
            so the style may fill in values that the column's main style does not read.
    """

    name: str
    shape: str
    example: str
    unambiguous: bool = False
    _regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", re.compile(self.shape, re.IGNORECASE))

    @property
    def order(self) -> str | None:
        """``dm`` (day before month), ``md`` (month before day) or None (names, ISO, serials).

        ISO (``2019-12-31``) and ``20191231`` are standards nobody writes day-swapped, so
        they take no side; ``2019/12/31`` does (Excel writes it for swapped dates).
        """
        if self.unambiguous and self.name != "%Y/%m/%d" or "%d" not in self.name:
            return None
        return "dm" if self.name.index("%d") < self.name.index("%m") else "md"

    def swapped(self) -> DateStyle:
        """The same shape with day and month exchanged (``%Y/%m/%d`` -> ``%Y/%d/%m``)."""
        name = self.name.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
        shape = self.shape.replace("?P<d>", "?P<x>").replace("?P<m>", "?P<d>")
        return _BY_NAME.get(name) or DateStyle(name, shape.replace("?P<x>", "?P<m>"), "")

    @property
    def two_digit_year(self) -> bool:
        """Whether the year is written with two digits (its century must be decided)."""
        return r"(?P<y>\d{2})" in self.shape

    def parse(self, text: str, *, year: int | None = None) -> dt.date | None:
        """The date ``text`` means in this style, or None when it is not one.

        Args:
            text: the value, without surrounding white space.
            year: the row's ``year``; it settles the century of a two-digit year.
        """
        match = self._regex.fullmatch(text)
        if match is None:
            return None
        parts = match.groupdict()
        if parts.get("n") is not None:
            days = int(parts["n"])
            if not _EXCEL_RANGE[0] <= days < _EXCEL_RANGE[1]:
                return None
            return _EXCEL_EPOCH + dt.timedelta(days=days)
        month_text = parts["m"].rstrip(".").lower()
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
        if month is None:
            return None
        y = int(parts["y"])
        if len(parts["y"]) == 2:
            if year is not None and year % 100 == y:
                y = year
            else:  # POSIX strptime's pivot: 69-99 -> 19xx, 00-68 -> 20xx
                y += 1900 if y >= 69 else 2000
        try:
            return dt.date(y, month, int(parts["d"]))
        except ValueError:
            return None


def _numeric_styles() -> list[DateStyle]:
    styles = []
    for sep, esc in (("-", "-"), ("/", "/"), (".", r"\.")):
        d, m = r"(?P<d>\d{1,2})", r"(?P<m>\d{1,2})"
        for ylen, ychar, yexample in ((4, "Y", "2019"), (2, "y", "19")):
            y = rf"(?P<y>\d{{{ylen}}})"
            styles.append(
                DateStyle(
                    f"%d{sep}%m{sep}%{ychar}", f"{d}{esc}{m}{esc}{y}", f"31{sep}12{sep}{yexample}"
                )
            )
            styles.append(
                DateStyle(
                    f"%m{sep}%d{sep}%{ychar}", f"{m}{esc}{d}{esc}{y}", f"12{sep}31{sep}{yexample}"
                )
            )
        styles.append(
            DateStyle(f"%y{sep}%m{sep}%d", rf"(?P<y>\d{{2}}){esc}{m}{esc}{d}", f"19{sep}12{sep}31")
        )
    return styles


DATE_STYLES: tuple[DateStyle, ...] = (
    DateStyle("iso", r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})", "2019-12-31", unambiguous=True),
    DateStyle(
        "iso-datetime",
        r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
        r"[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?",
        "2019-12-31 00:00:00.000",
        unambiguous=True,
    ),
    DateStyle("%Y/%m/%d", r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})", "2019/12/31", True),
    DateStyle(
        "export-tool",
        r"(?P<d>\d{1,2})[ -](?P<m>[a-z]{3,9}\.?)[ -](?P<y>\d{4})",
        "31 December 2019",
        unambiguous=True,
    ),
    DateStyle(
        "%B %d, %Y",
        r"(?P<m>[a-z]{3,9}\.?) (?P<d>\d{1,2}),? (?P<y>\d{4})",
        "December 31, 2019",
        True,
    ),
    DateStyle(
        "%d-%b-%y", r"(?P<d>\d{1,2})[- ](?P<m>[a-z]{3,9})[- ](?P<y>\d{2})", "31-Dec-19", True
    ),
    DateStyle("%Y%m%d", r"(?P<y>(19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})", "20191231", True),
    DateStyle("excel-serial", r"(?P<n>\d{5})(\.0*)?", "43830"),
    *_numeric_styles(),
)
"""Every date style eventdata reads, in order of preference when several read a column
identically. ``docs/dialects.md`` lists them with examples."""

_BY_NAME = {style.name: style for style in DATE_STYLES}
_BY_NAME.update(
    {
        swap.name: swap
        for swap in (s.swapped() for s in DATE_STYLES if s.order)
        if swap.name not in _BY_NAME
    }
)
"""Every style by name, with the day-month swaps of the numeric ones (``%Y/%d/%m``): a
column whose day-first values prove the order reads Excel's swapped dates with them."""
_ALIASES = {"%Y-%m-%d": "iso", "%d %B %Y": "export-tool", "%d %b %Y": "export-tool"}


def style_named(name: str) -> DateStyle:
    """The style called ``name`` (see :data:`DATE_STYLES`).

    Raises:
        ValueError: for a name that is no style, listing the styles.
    """
    style = _BY_NAME.get(_ALIASES.get(name, name))
    if style is None:
        names = ", ".join(repr(s.name) for s in DATE_STYLES)
        raise ValueError(f"unknown date format {name!r}; use one of {names}")
    return style


def decision_named(name: str) -> Decision:
    """The decision a name such as ``iso`` or ``%d-%m-%y+iso`` stands for.

    Raises:
        ValueError: a part of the name is no style.
    """
    main, *fill = (style_named(part) for part in name.split("+"))
    return Decision(main, tuple(fill))


@dataclass(frozen=True)
class UnreadableDate:
    """A date value a row could not be read with, and why (refused by the field)."""

    value: str
    message: str


@dataclass(frozen=True)
class Decision:
    """The styles decided for a set of values.

    Attributes:
        main: the style most values are written in (None when no style reads any).
        fill: unambiguous styles that read the values ``main`` does not.
    """

    main: DateStyle | None
    fill: tuple[DateStyle, ...] = ()

    @property
    def styles(self) -> tuple[DateStyle, ...]:
        """The main style, then the fill-in styles."""
        return ((self.main,) if self.main else ()) + self.fill

    @property
    def name(self) -> str | None:
        """The main style's name, with the fill-in styles after a ``+``."""
        return "+".join(s.name for s in self.styles) or None


def _mismatches(
    style: DateStyle, values: Iterable[str], years: Mapping[str, int] | None, today: dt.date
) -> tuple[int, int, int]:
    """(values not read, values whose year differs from the year column, dates after today)."""
    unread = wrong_year = future = 0
    for value in values:
        year = years.get(value) if years else None
        date = style.parse(value, year=year)
        if date is None:
            unread += 1
            continue
        wrong_year += year is not None and date.year != year
        future += date > today
    return unread, wrong_year, future


def decide_style(
    values: Sequence[str],
    *,
    years: Mapping[str, int] | None = None,
    given: str | None = None,
    today: dt.date | None = None,
) -> Decision:
    """Decide the style of a column from its distinct non-blank values.

    A style must read the most values; ties are broken by the ``year`` column (fewest
    values whose year differs), then by fewest dates in the future. Styles still tied must
    read every value as the same date, else the column is ambiguous.

    Args:
        values: distinct, stripped, non-blank values.
        years: the ``year`` of the rows holding each value, where the file has the column
            and the rows of a value agree on it.
        given: a style name the user chose (``date_format=``): used as it is.
        today: the day after which dates are in the future (for tests).

    Raises:
        AmbiguousDates: styles read the values as different dates and nothing settles it.
        ValueError: ``given`` is not a style name.
    """
    if given is not None:
        return decision_named(given)
    today = today or dt.date.today()
    sample = list(values[:2000])
    scores = {style: _mismatches(style, sample, years, today) for style in DATE_STYLES}
    best = min(score[0] for score in scores.values())
    if best == len(sample):
        return Decision(None)
    tied = [s for s in DATE_STYLES if scores[s][0] == best]
    if len(sample) < len(values) and len(tied) > 1:  # let every value speak
        scores = {style: _mismatches(style, values, years, today) for style in tied}
        best = min(scores[s][0] for s in tied)
        tied = [s for s in tied if scores[s][0] == best]
    for criterion in (1, 2):
        least = min(scores[s][criterion] for s in tied)
        tied = [s for s in tied if scores[s][criterion] == least]
    main = tied[0]
    for other in tied[1:]:
        for value in values:
            year = years.get(value) if years else None
            a, b = main.parse(value, year=year), other.parse(value, year=year)
            if a != b and a is not None and b is not None:
                raise AmbiguousDates((main, other), value, (a, b))
    fill: tuple[DateStyle, ...] = ()
    if best:
        unread = [v for v in sample if main.parse(v) is None]
        fill = tuple(
            s
            for s in DATE_STYLES
            if s.unambiguous and s is not main and any(s.parse(v) for v in unread)
        )
    return settle_order(Decision(main, fill), values)


def _proof(style: DateStyle, values: Sequence[str]) -> str | None:
    """A value ``style`` reads and its day-month swap does not (it proves the order)."""
    swap = style.swapped()
    return next((v for v in values if style.parse(v) and swap.parse(v) is None), None)


def settle_order(decision: Decision, values: Sequence[str]) -> Decision:
    """One day-month order for every numeric style of a column, or a refusal.

    Excel rewrites day-first text it can read as month-first dates (``09/02/2016``
    becomes the date 2 September, written ``2016/09/02``) and leaves the rest as text
    (``30/01/2016``): a column then needs a day-first and a month-first style. The order
    the unambiguous values prove (a day above 12) is used for every style of the column;
    values no decided style reads are read with the proven order too.

    Raises:
        MixedDateOrder: values prove both orders, or neither does and the column's
            styles disagree.
    """
    decided = list(decision.styles)
    unread = [v for v in values if parse_with(decision, v) is None]
    # shapes the column needs: its ordered styles, and those reading what is left unread
    needed: list[DateStyle] = [s for s in decided if s.order]
    for style in DATE_STYLES:
        if style.order and style not in needed and style.swapped() not in needed:
            if any(style.parse(v) or style.swapped().parse(v) for v in unread):
                needed.append(style)
    if not needed or (len(needed) == 1 and needed[0] in decided):
        return decision
    by_shape = {s: [v for v in values if s._regex.fullmatch(v)] for s in needed}
    proofs: dict[str, tuple[DateStyle, str]] = {}
    for style, matched in by_shape.items():
        for candidate in (style, style.swapped()):
            proof = _proof(candidate, matched)
            if proof is not None and candidate.order is not None:
                proofs.setdefault(candidate.order, (candidate, proof))
    if len(proofs) == 2:
        raise MixedDateOrder(proofs["dm"], proofs["md"])
    if proofs:
        (order,) = proofs
    elif decision.main is not None and decision.main.order:
        order = decision.main.order  # decided by the year column and the calendar
    else:
        return decision  # nothing says which order: the values stay unread
    oriented = [s if s.order == order else s.swapped() for s in needed]
    main = decision.main
    if main is not None and main.order and main.order != order:
        main = main.swapped()
    fill = tuple(s for s in decision.fill if not s.order) + tuple(
        s for s in oriented if s is not main
    )
    return Decision(main, fill)


def parse_with(decision: Decision, value: str, *, year: int | None = None) -> dt.date | None:
    """The date ``value`` means under ``decision``, or None when no decided style reads it."""
    for style in decision.styles:
        date = style.parse(value, year=year)
        if date is not None:
            return date
    return None


def resolve_date(value: str, *, year: int | None = None, date_format: str | None = None) -> dt.date:
    """One value as a date, decided as a column of that single value would be.

    Raises:
        ValueError: the value is no date in any style (or in ``date_format``), or it can
            be read as different dates (:class:`AmbiguousDates`).
    """
    text = value.strip()
    decision = decide_style(
        [text], years={text: year} if year is not None else None, given=date_format
    )
    date = parse_with(decision, text, year=year)
    if date is None:
        where = f" in date_format {date_format!r}" if date_format else ""
        raise ValueError(
            f"{value!r} is not a date{where}; expected e.g. 2024-01-31 or 31 January 2024 "
            "(docs/dialects.md lists every date style)"
        )
    return date
