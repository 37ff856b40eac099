"""The columns of ACLED exports before 20 March 2023 (the ``pre2023`` dialect)."""

from __future__ import annotations

__all__ = ["PRE2023_COLUMNS", "PRE2023_LACKED_COLUMNS"]

PRE2023_COLUMNS: tuple[str, ...] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "timestamp", "iso3",
)  # fmt: skip
"""The header of ACLED exports before 20 March 2023, in order."""

PRE2023_LACKED_COLUMNS: frozenset[str] = frozenset({"timestamp"})
"""Required columns some of ACLED's own exports of the era lacked: the export tool's
Excel files of 2020 have 28 columns, without ``timestamp`` (nor ``data_id``, ``iso3``).
Their absence is one warning for the file, not a failure of every row."""
