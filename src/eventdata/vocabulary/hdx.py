"""The event categories of ACLED's aggregated files on HDX, as event / sub-event filters.

ACLED publishes three country-month and country-year tables on the Humanitarian Data
Exchange (HDX), which HDX HAPI republishes as its "conflict events" with ``event_type``
``political_violence``, ``civilian_targeting`` and ``demonstration``. ACLED's dataset
notes define them as:

- **Political violence events and fatalities**: "battles, violence against civilians,
  and explosions/remote violence event types, as well as the mob violence sub-event type
  of the riots event type".
- **Civilian targeting events and fatalities**: "violence against civilians events and
  explosions/remote violence events in which civilians were directly targeted", that is
  rows of those two event types whose ``civilian_targeting`` is ``Civilian targeting``
  (ACLED sets it on every Violence against civilians event).
- **Demonstration events**: "protests and riots event types, with the exception of the
  mob violence sub-event type of the riots event type". HDX publishes no fatalities for
  this table.

A category is a :class:`Category`: the rows it counts are those whose ``event_type`` is
in ``event_types`` or whose ``sub_event_type`` is in ``sub_event_types``, minus those
whose ``sub_event_type`` is in ``excluded_sub_event_types``, and, when
``civilian_targeting`` is true, only those with ``civilian_targeting`` set. The
categories overlap (civilian targeting is part of political violence), so counts per
category never add up to the number of events.
"""

from __future__ import annotations

from dataclasses import dataclass

from eventdata.vocabulary.codebook import EventType, SubEventType

__all__ = ["CIVILIAN_TARGETING_VALUE", "HDX_CATEGORIES", "HDX_FATALITY_CATEGORIES", "Category"]

CIVILIAN_TARGETING_VALUE = "Civilian targeting"
"""The value of ``civilian_targeting`` on rows where civilians were the primary target."""


@dataclass(frozen=True)
class Category:
    """A named set of events, defined by event type and sub-event type filters.

    Attributes:
        name: the category's name, as HDX HAPI spells it (``political_violence``).
        event_types: event types counted whole.
        sub_event_types: further sub-event types counted (of other event types).
        excluded_sub_event_types: sub-event types left out even when their event type is in.
        civilian_targeting: count only rows whose ``civilian_targeting`` is set.
        title: a readable title.

    """

    name: str
    event_types: tuple[str, ...]
    sub_event_types: tuple[str, ...] = ()
    excluded_sub_event_types: tuple[str, ...] = ()
    civilian_targeting: bool = False
    title: str = ""

    def describe(self) -> str:
        """The filter in words, e.g. for a page or a table note."""
        parts = [f"event_type in {list(self.event_types)}"]
        if self.sub_event_types:
            parts.append(f"or sub_event_type in {list(self.sub_event_types)}")
        if self.excluded_sub_event_types:
            parts.append(f"but not sub_event_type in {list(self.excluded_sub_event_types)}")
        if self.civilian_targeting:
            parts.append(f"and civilian_targeting == {CIVILIAN_TARGETING_VALUE!r}")
        return " ".join(parts)


_E = EventType
_S = SubEventType

HDX_CATEGORIES: tuple[Category, ...] = (
    Category(
        name="political_violence",
        title="Political violence",
        event_types=(
            _E.BATTLES.value,
            _E.VIOLENCE_AGAINST_CIVILIANS.value,
            _E.EXPLOSIONS_REMOTE_VIOLENCE.value,
        ),
        sub_event_types=(_S.MOB_VIOLENCE.value,),
    ),
    Category(
        name="civilian_targeting",
        title="Civilian targeting",
        event_types=(_E.VIOLENCE_AGAINST_CIVILIANS.value, _E.EXPLOSIONS_REMOTE_VIOLENCE.value),
        civilian_targeting=True,
    ),
    Category(
        name="demonstration",
        title="Demonstrations",
        event_types=(_E.PROTESTS.value, _E.RIOTS.value),
        excluded_sub_event_types=(_S.MOB_VIOLENCE.value,),
    ),
)
"""ACLED's HDX categories, in the order HDX HAPI lists them."""

HDX_FATALITY_CATEGORIES: frozenset[str] = frozenset({"political_violence", "civilian_targeting"})
"""The categories whose HDX tables carry fatalities (demonstrations count events only)."""
