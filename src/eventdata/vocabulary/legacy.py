"""The vocabulary of ACLED's older dialects: v6/v7 (2016-2018) and the pre-2023 columns."""

from __future__ import annotations

__all__ = [
    "DIALECT_ONLY_COLUMNS",
    "LEGACY_EVENT_TYPES",
    "LEGACY_RENAMES",
    "LEGACY_SOURCE_SCALE_PARTS",
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
    "Battle-Non-state actors overtake territory",  # the spelling of ACLED's v6 files
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

LEGACY_SOURCE_SCALE_PARTS: tuple[str, ...] = ("Local",)
"""``source_scale`` parts ACLED published before ``Local partner`` (``Local``,
``Other-Local``): accepted as they are, in every dialect."""
