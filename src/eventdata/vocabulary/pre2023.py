"""The columns of ACLED exports before 20 March 2023 (the ``pre2023`` dialect)."""

from __future__ import annotations

__all__ = ["PRE2023_COLUMNS"]

PRE2023_COLUMNS: tuple[str, ...] = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "timestamp", "iso3",
)  # fmt: skip
"""The header of ACLED exports before 20 March 2023, in order."""
