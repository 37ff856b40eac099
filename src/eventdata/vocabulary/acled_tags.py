"""ACLED's tag vocabulary: the tags of the ``tags`` column, declared once.

ACLED's ``tags`` column (since March 2023) holds ``; ``-joined tags. Some carry a value:
``crowd size=around 200`` on every Protests and Riots event, ``women targeted: girls``
on political violence targeting women; others are flags (``local administrators``). The
list follows ACLED's knowledge-base page "Tags in the data" and its election-violence
tags page, checked against the real exports' tags (2023-2026 files of Somalia, Iraq,
Bangladesh, the Gulf states and Ukraine). ACLED introduces and retires tags: a tag not
listed here is reported by :func:`eventdata.parse_tags`, never dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "CROWD_SIZE",
    "CROWD_WORDS",
    "FLAG_TAGS",
    "VALUED_TAGS",
    "WOMEN_TARGETED",
    "WOMEN_TARGETED_GROUPS",
    "TagSpec",
]


class TagSpec(NamedTuple):
    """One known tag.

    Attributes:
        tag: the tag as ACLED writes it (its name, for valued tags).
        column: the column :func:`eventdata.parse_tags` gives it.
        separator: ``"="`` or ``":"`` between name and value for valued tags; ``""``
            for flags.
        seen: where the tag is documented or was seen.
    """

    tag: str
    column: str
    separator: str
    seen: str


_KB = "ACLED knowledge base, 'Tags in the data'"
_ELECTIONS = "ACLED methodology, 'Election violence automated tags'"
_EXPORTS = "real exports (Somalia 2025-2026, Bangladesh 2022-2024)"

CROWD_SIZE = TagSpec("crowd size", "tag_crowd_size", "=", f"{_KB}; every Protests/Riots row")
WOMEN_TARGETED = TagSpec("women targeted", "tag_women_targeted", ":", f"{_KB}; {_EXPORTS}")
VALUED_TAGS: tuple[TagSpec, ...] = (CROWD_SIZE, WOMEN_TARGETED)
"""Tags that carry a value; their column holds the value as text."""

FLAG_TAGS: tuple[TagSpec, ...] = (
    TagSpec("local administrators", "tag_local_administrators", "", f"{_KB}; {_EXPORTS}"),
    TagSpec("sexual violence", "tag_sexual_violence", "", f"{_KB}; {_EXPORTS}"),
    TagSpec("count every vote", "tag_count_every_vote", "", f"{_KB} (United States, 2020)"),
    TagSpec("poll-related violence", "tag_poll_related_violence", "", _ELECTIONS),
    TagSpec("election-related violence", "tag_election_related_violence", "", _ELECTIONS),
)
"""Tags without a value; each gets a boolean column."""

WOMEN_TARGETED_GROUPS: frozenset[str] = frozenset(
    {
        "accused of witchcraft/sorcery",
        "activists/human rights defenders/social leaders",
        "candidates for office",
        "girls",
        "government officials",
        "journalists",
        "politicians",
        "relatives of targeted groups or persons",
    }
)
"""The groups of ``women targeted: ...`` (ACLED's women-in-politics categories and more)."""

CROWD_WORDS: Mapping[str, int] = MappingProxyType(
    {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "a dozen": 12,
        "dozen": 12,
        "dozens": 12,
        "a few": 3,
        "few": 3,
        "several": 3,
        "a hundred": 100,
        "one hundred": 100,
        "hundred": 100,
        "hundreds": 100,
        "a thousand": 1000,
        "one thousand": 1000,
        "thousand": 1000,
        "thousands": 1000,
        "tens of thousands": 10_000,
        "hundreds of thousands": 100_000,
    }
)
"""Crowd-size words and the lowest number they mean (ACLED's fatality conventions:
several 3, dozens 12, hundreds 100). Words of size without a number (large, huge, small)
give no number."""
