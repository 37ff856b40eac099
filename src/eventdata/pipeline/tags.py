"""ACLED's ``tags`` as typed columns: :func:`parse_tags`.

Each distinct ``tags`` cell is parsed once (a column holds few: most are
``crowd size=no report``), then mapped onto the rows. The vocabulary is
:mod:`eventdata.vocabulary.acled_tags`.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import pandas as pd

from eventdata._warn import outside_stacklevel
from eventdata.vocabulary.acled_tags import (
    CROWD_SIZE,
    CROWD_WORDS,
    FLAG_TAGS,
    WOMEN_TARGETED,
    WOMEN_TARGETED_GROUPS,
)

__all__ = ["UnknownTagWarning", "crowd_bounds", "parse_tags", "tag_columns"]

UNKNOWN_COLUMN = "tag_unknown"
_NUMBER = re.compile(r"\d[\d,]*")
_FLAGS = {spec.tag: spec.column for spec in FLAG_TAGS}


class UnknownTagWarning(UserWarning):
    """Tags that the vocabulary does not know; kept in ``tag_unknown``, never dropped."""


def tag_columns() -> list[str]:
    """The columns :func:`parse_tags` adds, in order."""
    return [
        CROWD_SIZE.column,
        f"{CROWD_SIZE.column}_low",
        f"{CROWD_SIZE.column}_high",
        WOMEN_TARGETED.column,
        *(_FLAGS.values()),
        UNKNOWN_COLUMN,
    ]


def _numbers(text: str) -> list[int]:
    return [int(m.replace(",", "")) for m in _NUMBER.findall(text) if m.replace(",", "")]


def crowd_bounds(text: str | None) -> tuple[int | None, int | None]:
    """The lowest and highest crowd a ``crowd size`` value allows, where the text says.

    ``"10-12"`` gives (10, 12); ``"at least 50"`` (50, None); ``"more than 200"`` (201,
    None); ``"around 500"`` and ``"4"`` the number twice; ``"up to 30"`` (None, 30);
    ``"several 1000"`` (2000, None); ``"hundreds"`` (100, None); ``"no report"``,
    ``"large"`` (None, None).
    """
    if text is None:
        return None, None
    value = " ".join(text.strip().lower().split())
    numbers = _numbers(value)
    if not numbers:
        for words in sorted(CROWD_WORDS, key=len, reverse=True):
            if re.search(rf"\b{re.escape(words)}\b", value):
                low = CROWD_WORDS[words]
                exact = value in {"one", "two", "three", "four", "five", "six", "seven"}
                return low, low if exact or value in {"a hundred", "one hundred"} else None
        return None, None
    if value.startswith("several") and len(numbers) == 1:
        return 2 * numbers[0], None
    if len(numbers) >= 2:
        return min(numbers[:2]), max(numbers[:2])
    number = numbers[0]
    if re.search(r"\b(more than|over)\b", value):
        return number + 1, None
    if re.search(r"\bat least\b", value):
        return number, None
    if re.search(r"\b(up to|at most|fewer than|less than)\b", value):
        return None, number
    return number, number


def _parse_cell(cell: str) -> dict[str, Any]:
    found: dict[str, Any] = {c: False for c in _FLAGS.values()}
    crowd: list[str] = []
    women: list[str] = []
    unknown: list[str] = []
    for part in cell.split(";"):
        tag = " ".join(part.split())
        if not tag:
            continue
        name, sep, value = tag.partition("=") if "=" in tag else tag.partition(":")
        key = " ".join(name.split()).lower()
        if sep == "=" and key == CROWD_SIZE.tag:
            crowd.append(value.strip())
        elif sep == ":" and key == WOMEN_TARGETED.tag:
            women.append(value.strip())
            if value.strip().lower() not in WOMEN_TARGETED_GROUPS:
                unknown.append(tag)
        elif tag.lower() in _FLAGS:
            found[_FLAGS[tag.lower()]] = True
        else:
            unknown.append(tag)
    text = "; ".join(crowd) if crowd else None
    low, high = crowd_bounds(crowd[0]) if len(crowd) == 1 else (None, None)
    found[CROWD_SIZE.column] = text
    found[f"{CROWD_SIZE.column}_low"] = low
    found[f"{CROWD_SIZE.column}_high"] = high
    found[WOMEN_TARGETED.column] = "; ".join(women) if women else None
    found[UNKNOWN_COLUMN] = "; ".join(unknown) if unknown else None
    return found


def _as_text(tags: pd.Series) -> pd.Series:
    if tags.map(lambda v: isinstance(v, (list, tuple))).any():
        return tags.map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return tags.astype("string")


def parse_tags(data: Any, /, *, warn: bool = True) -> pd.DataFrame:
    """ACLED's ``tags`` as typed columns, the raw ``tags`` kept.

    Adds ``tag_crowd_size`` (the text after ``crowd size=``), ``tag_crowd_size_low`` and
    ``tag_crowd_size_high`` (whole numbers where the text gives them, see
    :func:`crowd_bounds`), ``tag_women_targeted`` (the groups), one boolean column per
    flag tag (``tag_local_administrators``, ``tag_sexual_violence``, ...; missing when
    no row has tags, as in files from before March 2023) and ``tag_unknown`` (tags the
    vocabulary does not know, as written).

    Args:
        data: a DataFrame with a ``tags`` column (as :func:`eventdata.read_acled` gives,
            text or lists), or anything :func:`eventdata.read_acled` reads.
        warn: warn (:class:`UnknownTagWarning`) when some tags are unknown.

    Returns:
        A copy of the frame with the tag columns after the others; ``attrs``
        ``"eventdata.unknown_tags"`` counts each unknown tag.

    Raises:
        InputError: ``data`` has no ``tags`` column (a file from before March 2023).

    Example:
        >>> import eventdata
        >>> frame = eventdata.parse_tags("acled.csv")  # doctest: +SKIP
        >>> frame.groupby("tag_crowd_size_low").size()  # doctest: +SKIP

    """
    from eventdata.exceptions import InputError

    if not isinstance(data, pd.DataFrame):
        from eventdata.pipeline.read import read_acled

        data = read_acled(data)
    if "tags" not in data.columns:
        raise InputError(
            "has no 'tags' column: ACLED added tags in March 2023; files from before carry none"
        )
    frame = data.copy()
    tags = _as_text(frame["tags"])
    distinct = tags.dropna().unique()
    parsed = pd.DataFrame([_parse_cell(str(v)) for v in distinct], columns=tag_columns())
    parsed.index = pd.Index(distinct)
    rows = parsed.reindex(tags.to_numpy())
    rows.index = frame.index
    tagged_era = bool(tags.notna().any())  # a blank cell then means "no tag"
    for name in tag_columns():
        column = rows[name]
        if name.endswith(("_low", "_high")):
            frame[name] = column.astype("Int64")
        elif name in _FLAGS.values():
            flags = column.astype("boolean")
            frame[name] = flags.fillna(False) if tagged_era else flags
        else:
            frame[name] = column.astype("string")
    unknown = frame[UNKNOWN_COLUMN].dropna().str.split("; ").explode().value_counts()
    frame.attrs["eventdata.unknown_tags"] = {str(k): int(v) for k, v in unknown.items()}
    if warn and len(unknown):
        listed = ", ".join(f"{k!r} ({v})" for k, v in list(unknown.items())[:10])
        warnings.warn(
            f"{len(unknown)} tag(s) not in eventdata's tag vocabulary, kept in "
            f"tag_unknown: {listed}",
            UnknownTagWarning,
            stacklevel=outside_stacklevel(),
        )
    result: pd.DataFrame = frame
    return result
