"""The date styles found in real exports: how each is written and read.

Spreadsheets rewrite ACLED's ISO dates in many ways (``31-12-19``, ``12/31/2019``,
``9-May-20``, ``20210106``, Excel serial numbers, ...). :data:`DATE_STYLES` lists every
style eventdata reads; which one a column is written in is decided in
:mod:`eventdata.models.dates`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

__all__ = ["DATE_STYLES", "DateStyle", "style_named"]

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

    def fits(self, text: str) -> bool:
        """Whether ``text`` has this style's shape, a real date or not (``31/02/2019`` fits)."""
        return self._regex.fullmatch(text) is not None

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
