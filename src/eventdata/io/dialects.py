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
from dataclasses import dataclass, field

__all__ = [
    "DIALECT_ONLY_COLUMNS",
    "Dialect",
    "HXL_TAGS",
    "LEGACY_EVENT_TYPES",
    "LEGACY_RENAMES",
    "PANDAS_INDEX_NAMES",
    "detect_dataset",
    "known_column_names",
    "detect_dialect",
    "hxl_column",
]

LEGACY_RENAMES: dict[str, str] = {
    "ally_actor_1": "assoc_actor_1",
    "ally_actor_2": "assoc_actor_2",
}
"""ACLED v6/v7 column names and their current equivalents."""

DIALECT_ONLY_COLUMNS: tuple[str, ...] = ("gwno", "data_id", "event_id_no_cnty", "iso3")
"""Columns of older ACLED dialects that the current one does not have (kept as extra)."""

LEGACY_EVENT_TYPES: tuple[str, ...] = (
    "Battle-No change of territory",
    "Battle-Non-state actor overtakes territory",
    "Battle-Government regains territory",
    "Headquarters or base established",
    "Strategic development",
    "Riots/Protests",
    "Violence against civilians",
    "Non-violent transfer of territory",
    "Remote violence",
)
"""Event types of ACLED v6/v7 (before sub-event types existed, 2019).

They do not map one-to-one onto today's event types, so eventdata keeps them as they are
and leaves ``sub_event_type`` and ``disorder_type`` blank rather than inventing them.
"""

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

PANDAS_INDEX_NAMES = frozenset({"", "Unnamed: 0", "index"})
"""Header names a pandas-saved index column gets."""


@dataclass
class Dialect:
    """What eventdata recognised in an input.

    Attributes:
        name: ``current``, ``current-numeric``, ``pre2023``, ``legacy`` or ``unknown``.
        format: ``csv``, ``json``, ``jsonl``, ``parquet``, ``dataframe`` or ``table``.
        date_format: the style of ``event_date`` (see ``eventdata.models.dates``):
            ``iso``, ``export-tool`` (``01 November 2024``), ``%d-%m-%y``, ... Set before
            parsing (``date_format=``) it is used as given; else it is decided from the
            column and filled in.
        preamble: the export tool's ``(Sample)`` lines were skipped.
        bom: the file started with a UTF-8 byte-order mark.
        hxl: an HXL hashtag row followed the header and was skipped.
        encoding: the text encoding of a CSV file (``utf-8``, ``cp1252``, ``latin-1``).
        delimiter: the field separator of a CSV file.
        notes: what was mapped, dropped or left unmapped, in words.
    """

    name: str = "unknown"
    format: str = "csv"
    date_format: str | None = None
    preamble: bool = False
    bom: bool = False
    hxl: bool = False
    encoding: str = "utf-8"
    delimiter: str = ","
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """A one-line description, e.g. ``pre2023 CSV, export-tool dates, BOM``."""
        parts = [f"{self.name} {self.format.upper()}"]
        if self.date_format not in (None, "iso"):
            parts.append(f"{self.date_format} dates")
        for flag, text in (
            (self.encoding != "utf-8", self.encoding),
            (self.delimiter != ",", f"{self.delimiter!r}-separated"),
            (self.preamble, "(Sample) preamble"),
            (self.bom, "BOM"),
            (self.hxl, "HXL row"),
        ):
            if flag:
                parts.append(text)
        return ", ".join(parts)


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


GED_MARKERS = frozenset({"type_of_violence", "side_a", "side_b", "best"})
"""Columns every UCDP GED release has (older ones lack ``relid``) and ACLED never has."""

EVENT_MARKERS = frozenset({"event_id_cnty", "event_date", "data_id", "event_id_no_cnty"})
"""Columns of ACLED files with one event per row (any dialect has at least one)."""

_AGGREGATE_MARKERS = {
    "events": "a count of events",
    "month": "a month",
    "reference_period_start": "a reference period (HDX HAPI)",
    "reference_period_end": "a reference period (HDX HAPI)",
    "location_code": "a location code (HDX HAPI)",
}


def detect_dataset(columns: Sequence[str], *, source: object | None = None) -> str:
    """``acled`` or ``ucdp``: which dataset a table with these columns holds.

    Args:
        columns: the column names (after header normalization).
        source: the file, named in the error.

    Raises:
        NotEventDataError: the table holds columns, but not one event per row: an
            aggregate (HDX's country-month counts, HDX HAPI) or something else.
    """
    from eventdata.exceptions import NotEventDataError

    names = {name.lower() for name in columns}
    if "event_id_cnty" not in names and GED_MARKERS <= names:
        return "ucdp"
    if not columns or names & EVENT_MARKERS:
        return "acled"
    signs = [f"{name!r} ({what})" for name, what in _AGGREGATE_MARKERS.items() if name in names]
    shown = ", ".join(list(columns)[:8]) + (", ..." if len(columns) > 8 else "")
    if signs:
        looks = (
            "it looks like an aggregate table (counts per place and period, as HDX "
            f"publishes them): it has {', '.join(signs)}"
        )
    else:
        looks = "it has no event id and no event date"
    raise NotEventDataError(
        f"is not event data (one event per row): {looks}, but none of "
        f"{', '.join(sorted(EVENT_MARKERS))}. Columns: {shown}. Pass the event-level export "
        "(ACLED's events, or a UCDP GED file) instead",
        path=source,
    )


@functools.cache
def known_column_names() -> dict[str, str]:
    """Every column name eventdata knows (ACLED's, older dialects', UCDP GED's), by lower case."""
    from eventdata.models.event import ACLED_COLUMNS
    from eventdata.models.ged import GedEvent

    names = [*ACLED_COLUMNS, *LEGACY_RENAMES, *DIALECT_ONLY_COLUMNS, *GedEvent.model_fields]
    return {name.lower(): name for name in names}
