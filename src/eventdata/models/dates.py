"""Date styles found in real exports, and deciding which one a column is written in.

Spreadsheets rewrite ACLED's ISO dates in many ways (``31-12-19``, ``12/31/2019``,
``9-May-20``, ``20210106``, Excel serial numbers, ...). Some styles cannot be told apart
from one value (``03-04-19``), so the style is decided from every distinct value of the
column together with the file's ``year`` column, and refused when it stays ambiguous.

The decision is made by :func:`decide_style` on distinct values; the row path
(``Event.model_validate``) and the columnar path (``validate``, ``read_acled``) both use
it, so they agree by construction: the columnar path parses each distinct value once here
and spreads the result over the rows with Arrow. The styles themselves are in
:mod:`eventdata.models.date_styles` (re-exported here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from eventdata.exceptions import AmbiguousDates, MixedDateOrder
from eventdata.models.date_styles import DATE_STYLES, DateStyle, style_named

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
    by_shape = {s: [v for v in values if s.fits(v)] for s in needed}
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
