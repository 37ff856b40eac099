"""ACLED dialects: what real files look like, how to recognise them, how they map.

ACLED has changed its export format several times. eventdata reads every dialect and
normalizes it to the current one, reporting what it found in a :class:`Dialect`.

=================  ==========================================================================
dialect            recognised by
=================  ==========================================================================
``current``        ``disorder_type`` and ``civilian_targeting`` columns (since March 2023);
                   ``inter1`` as text labels (since about September 2024)
``current-numeric`` the same columns with numeric inter codes (older current files, and the
                   API with ``inter_num=1``)
``pre2023``        ``data_id``/``event_id_no_cnty``/``iso3``, no ``disorder_type``
``legacy``         ACLED v6/v7 (2016-2018): ``gwno``, ``ally_actor_*``, no sub-event types
=================  ==========================================================================

Independently of the dialect a file may carry the export tool's ``(Sample)`` preamble,
``01 November 2024`` dates, a UTF-8 byte-order mark, CRLF line ends, an HXL hashtag row
and a pandas index column; :class:`Dialect` records each.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from eventdata.schema.text import PANDAS_INDEX_NAMES, Dialect
from eventdata.vocabulary.legacy import (
    DIALECT_ONLY_COLUMNS,
    LEGACY_EVENT_TYPES,
    LEGACY_RENAMES,
)

__all__ = [
    "DIALECT_ONLY_COLUMNS",
    "Dialect",
    "HXL_TAGS",
    "LEGACY_EVENT_TYPES",
    "LEGACY_RENAMES",
    "PANDAS_INDEX_NAMES",
    "known_column_names",
    "detect_dialect",
    "hxl_column",
]

HXL_TAGS: dict[str, str] = {
    "#event+code": "event_id_cnty",
    "#date+occurred": "event_date",
    "#date+year": "year",
    "#event+type": "event_type",
    "#group+name+first": "actor1",
    "#group+name+first+assoc": "assoc_actor_1",
    "#group+name+second": "actor2",
    "#group+name+second+assoc": "assoc_actor_2",
    "#region+name": "region",
    "#country+name": "country",
    "#adm1+name": "admin1",
    "#adm2+name": "admin2",
    "#adm3+name": "admin3",
    "#loc+name": "location",
    "#geo+lat": "latitude",
    "#geo+lon": "longitude",
    "#meta+source": "source",
    "#description": "notes",
    "#affected+killed": "fatalities",
    "#country+code": "iso3",
}
"""HXL hashtags HDX uses for ACLED columns, and the column each one names."""


def hxl_column(tag: str) -> str | None:
    """The ACLED column an HXL hashtag names; attribute order does not matter."""
    tag = tag.strip()
    return _HXL_NORMALIZED.get(_normalize_tag(tag)) if tag.startswith("#") else None


def _normalize_tag(tag: str) -> str:
    parts = tag.lower().split("+")
    return parts[0] + "".join(sorted("+" + p for p in parts[1:]))


_HXL_NORMALIZED = {_normalize_tag(tag): column for tag, column in HXL_TAGS.items()}

_CURRENT_EVENT_TYPES = frozenset(
    (
        "Battles",
        "Protests",
        "Riots",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Strategic developments",
    )
)
_LEGACY_ONLY_EVENT_TYPES = frozenset(LEGACY_EVENT_TYPES) - _CURRENT_EVENT_TYPES


def detect_dialect(
    columns: Sequence[str],
    *,
    inter_sample: Sequence[str] = (),
    event_type_sample: Sequence[str] = (),
) -> str:
    """Name the dialect of a header (after pandas index removal).

    Args:
        columns: column names as read.
        inter_sample: a few non-blank ``inter1`` values, to tell text from numeric codes.
        event_type_sample: a few non-blank ``event_type`` values: a file without
            ``sub_event_type`` is legacy only when they are legacy event types; otherwise
            it is a current file missing a column, and validation says so.
    """
    names = set(columns)
    legacy_values = bool(event_type_sample) and any(
        v in _LEGACY_ONLY_EVENT_TYPES for v in event_type_sample
    )
    if (
        "gwno" in names
        or "ally_actor_1" in names
        or ("sub_event_type" not in names and legacy_values)
    ):
        return "legacy"
    if "disorder_type" in names or "civilian_targeting" in names:
        numeric = bool(inter_sample) and all(v.strip().isdigit() for v in inter_sample)
        return "current-numeric" if numeric else "current"
    if "event_id_cnty" in names and (
        "data_id" in names or "event_id_no_cnty" in names or "iso3" in names
    ):
        return "pre2023"
    if "event_id_cnty" in names:
        return "current"
    return "unknown"


@functools.cache
def known_column_names() -> dict[str, str]:
    """Every column name eventdata knows (ACLED's, older dialects', UCDP GED's), by lower case."""
    from eventdata.models.event import ACLED_COLUMNS
    from eventdata.models.ged import GedEvent

    names = [*ACLED_COLUMNS, *LEGACY_RENAMES, *DIALECT_ONLY_COLUMNS, *GedEvent.model_fields]
    return {name.lower(): name for name in names}
