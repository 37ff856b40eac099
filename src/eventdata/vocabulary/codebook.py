"""The ACLED codebook, declared once.

Every vocabulary that eventdata knows (disorder types, event types, sub-event types,
actor types, interaction codes, precisions, source-scale parts, civilian targeting) is
declared in this module. Models, columnar rules, the Arrow schema, the JSON Schema, the
documentation and the command line all derive from these declarations.

The tables follow ACLED's codebook; where real exports disagree with it, the real data
wins and a comment says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from types import MappingProxyType

from eventdata.vocabulary.labels import LabelEnum

__all__ = [
    "ActorType",
    "CIVILIAN_TARGETING",
    "DisorderType",
    "EventType",
    "GeoPrecision",
    "INTERACTIONS",
    "SOURCE_SCALE_PARTS",
    "SubEventType",
    "TimePrecision",
    "interaction_code",
    "interaction_label",
    "interaction_from_label",
]


class DisorderType(LabelEnum):
    """ACLED's disorder type (column ``disorder_type``)."""

    POLITICAL_VIOLENCE = "Political violence"
    DEMONSTRATIONS = "Demonstrations"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"
    POLITICAL_VIOLENCE_DEMONSTRATIONS = "Political violence; Demonstrations"


class EventType(LabelEnum):
    """ACLED's six event types (column ``event_type``)."""

    BATTLES = "Battles"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    EXPLOSIONS_REMOTE_VIOLENCE = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"

    @property
    def sub_event_types(self) -> tuple[SubEventType, ...]:
        """The sub-event types of this event type, in ACLED's precedence order."""
        return tuple(s for s in SubEventType if s.event_type is self)


_E = EventType
_D = DisorderType

# (label, event type, disorder type); order within an event type is ACLED's precedence.
_SUB_EVENT_TABLE: tuple[tuple[str, EventType, DisorderType], ...] = (
    ("Government regains territory", _E.BATTLES, _D.POLITICAL_VIOLENCE),
    ("Non-state actor overtakes territory", _E.BATTLES, _D.POLITICAL_VIOLENCE),
    ("Armed clash", _E.BATTLES, _D.POLITICAL_VIOLENCE),
    ("Excessive force against protesters", _E.PROTESTS, _D.POLITICAL_VIOLENCE_DEMONSTRATIONS),
    ("Protest with intervention", _E.PROTESTS, _D.DEMONSTRATIONS),
    ("Peaceful protest", _E.PROTESTS, _D.DEMONSTRATIONS),
    ("Violent demonstration", _E.RIOTS, _D.DEMONSTRATIONS),
    ("Mob violence", _E.RIOTS, _D.POLITICAL_VIOLENCE),
    ("Chemical weapon", _E.EXPLOSIONS_REMOTE_VIOLENCE, _D.POLITICAL_VIOLENCE),
    ("Air/drone strike", _E.EXPLOSIONS_REMOTE_VIOLENCE, _D.POLITICAL_VIOLENCE),
    ("Suicide bomb", _E.EXPLOSIONS_REMOTE_VIOLENCE, _D.POLITICAL_VIOLENCE),
    ("Shelling/artillery/missile attack", _E.EXPLOSIONS_REMOTE_VIOLENCE, _D.POLITICAL_VIOLENCE),
    ("Remote explosive/landmine/IED", _E.EXPLOSIONS_REMOTE_VIOLENCE, _D.POLITICAL_VIOLENCE),
    ("Grenade", _E.EXPLOSIONS_REMOTE_VIOLENCE, _D.POLITICAL_VIOLENCE),
    ("Sexual violence", _E.VIOLENCE_AGAINST_CIVILIANS, _D.POLITICAL_VIOLENCE),
    ("Attack", _E.VIOLENCE_AGAINST_CIVILIANS, _D.POLITICAL_VIOLENCE),
    ("Abduction/forced disappearance", _E.VIOLENCE_AGAINST_CIVILIANS, _D.POLITICAL_VIOLENCE),
    ("Agreement", _E.STRATEGIC_DEVELOPMENTS, _D.STRATEGIC_DEVELOPMENTS),
    ("Arrests", _E.STRATEGIC_DEVELOPMENTS, _D.STRATEGIC_DEVELOPMENTS),
    ("Change to group/activity", _E.STRATEGIC_DEVELOPMENTS, _D.STRATEGIC_DEVELOPMENTS),
    ("Disrupted weapons use", _E.STRATEGIC_DEVELOPMENTS, _D.STRATEGIC_DEVELOPMENTS),
    ("Headquarters or base established", _E.STRATEGIC_DEVELOPMENTS, _D.STRATEGIC_DEVELOPMENTS),
    ("Looting/property destruction", _E.STRATEGIC_DEVELOPMENTS, _D.STRATEGIC_DEVELOPMENTS),
    ("Non-violent transfer of territory", _E.STRATEGIC_DEVELOPMENTS, _D.STRATEGIC_DEVELOPMENTS),
    ("Other", _E.STRATEGIC_DEVELOPMENTS, _D.STRATEGIC_DEVELOPMENTS),
)


class SubEventType(LabelEnum):
    """ACLED's 25 sub-event types; each knows its event type and disorder type."""

    GOVERNMENT_REGAINS_TERRITORY = "Government regains territory"
    NON_STATE_ACTOR_OVERTAKES_TERRITORY = "Non-state actor overtakes territory"
    ARMED_CLASH = "Armed clash"
    EXCESSIVE_FORCE_AGAINST_PROTESTERS = "Excessive force against protesters"
    PROTEST_WITH_INTERVENTION = "Protest with intervention"
    PEACEFUL_PROTEST = "Peaceful protest"
    VIOLENT_DEMONSTRATION = "Violent demonstration"
    MOB_VIOLENCE = "Mob violence"
    CHEMICAL_WEAPON = "Chemical weapon"
    AIR_DRONE_STRIKE = "Air/drone strike"
    SUICIDE_BOMB = "Suicide bomb"
    SHELLING_ARTILLERY_MISSILE_ATTACK = "Shelling/artillery/missile attack"
    REMOTE_EXPLOSIVE_LANDMINE_IED = "Remote explosive/landmine/IED"
    GRENADE = "Grenade"
    SEXUAL_VIOLENCE = "Sexual violence"
    ATTACK = "Attack"
    ABDUCTION_FORCED_DISAPPEARANCE = "Abduction/forced disappearance"
    AGREEMENT = "Agreement"
    ARRESTS = "Arrests"
    CHANGE_TO_GROUP_ACTIVITY = "Change to group/activity"
    DISRUPTED_WEAPONS_USE = "Disrupted weapons use"
    HEADQUARTERS_OR_BASE_ESTABLISHED = "Headquarters or base established"
    LOOTING_PROPERTY_DESTRUCTION = "Looting/property destruction"
    NON_VIOLENT_TRANSFER_OF_TERRITORY = "Non-violent transfer of territory"
    OTHER = "Other"

    @property
    def event_type(self) -> EventType:
        """The event type this sub-event type belongs to."""
        return _SUB_EVENT_PARENT[self.value][0]

    @property
    def disorder_type(self) -> DisorderType:
        """The disorder type ACLED assigns to this sub-event type."""
        return _SUB_EVENT_PARENT[self.value][1]


_SUB_EVENT_PARENT: Mapping[str, tuple[EventType, DisorderType]] = MappingProxyType(
    {label: (event, disorder) for label, event, disorder in _SUB_EVENT_TABLE}
)


class ActorType(LabelEnum):
    """ACLED's actor types (columns ``inter1``/``inter2``); each carries its code 1-8."""

    STATE_FORCES = "State forces"
    REBEL_GROUP = "Rebel group"
    POLITICAL_MILITIA = "Political militia"
    IDENTITY_MILITIA = "Identity militia"
    RIOTERS = "Rioters"
    PROTESTERS = "Protesters"
    CIVILIANS = "Civilians"
    EXTERNAL_OTHER_FORCES = "External/Other forces"

    @property
    def code(self) -> int:
        """ACLED's numeric actor-type code (1-8)."""
        return _ACTOR_CODES[self.value]

    @classmethod
    def from_code(cls, code: int) -> ActorType:
        """The actor type of a numeric code 1-8.

        Raises:
            ValueError: if ``code`` is not 1-8.
        """
        for member in cls:
            if member.code == code:
                return member
        raise ValueError(f"actor type code must be 1-8, got {code!r}")


_ACTOR_CODES: Mapping[str, int] = MappingProxyType(
    {label: i for i, label in enumerate((m.value for m in ActorType), start=1)}
)

# Interaction labels keyed by their two-digit code. Written out as ACLED publishes them
# rather than built from strings, so that the one exception (78) is visible.
INTERACTIONS: Mapping[int, str] = MappingProxyType(
    {
        10: "State forces only",
        11: "State forces-State forces",
        12: "State forces-Rebel group",
        13: "State forces-Political militia",
        14: "State forces-Identity militia",
        15: "State forces-Rioters",
        16: "State forces-Protesters",
        17: "State forces-Civilians",
        18: "State forces-External/Other forces",
        20: "Rebel group only",
        22: "Rebel group-Rebel group",
        23: "Rebel group-Political militia",
        24: "Rebel group-Identity militia",
        25: "Rebel group-Rioters",
        26: "Rebel group-Protesters",
        27: "Rebel group-Civilians",
        28: "Rebel group-External/Other forces",
        30: "Political militia only",
        33: "Political militia-Political militia",
        34: "Political militia-Identity militia",
        35: "Political militia-Rioters",
        36: "Political militia-Protesters",
        37: "Political militia-Civilians",
        38: "Political militia-External/Other forces",
        40: "Identity militia only",
        44: "Identity militia-Identity militia",
        45: "Identity militia-Rioters",
        46: "Identity militia-Protesters",
        47: "Identity militia-Civilians",
        48: "Identity militia-External/Other forces",
        50: "Rioters only",
        55: "Rioters-Rioters",
        56: "Rioters-Protesters",
        57: "Rioters-Civilians",
        58: "Rioters-External/Other forces",
        60: "Protesters only",
        66: "Protesters-Protesters",
        67: "Protesters-Civilians",
        68: "Protesters-External/Other forces",
        70: "Civilians only",
        77: "Civilians-Civilians",
        78: "External/Other forces-Civilians",  # ACLED's exception to code order
        80: "External/Other forces only",
        88: "External/Other forces-External/Other forces",
    }
)
"""ACLED's 44 interaction codes and their labels, e.g. ``13: "State forces-Political militia"``."""

_INTERACTION_CODES: Mapping[str, int] = MappingProxyType(
    {label: code for code, label in INTERACTIONS.items()}
)


def _actor_code(value: ActorType | str | int | None) -> int:
    if value is None or value == "":
        return 0
    if isinstance(value, str) and not value.isdigit():
        return ActorType(value).code
    return int(value)


def interaction_code(inter1: ActorType | str | int, inter2: ActorType | str | int | None) -> int:
    """The interaction code ACLED derives from two actor types.

    ``10 * min + max`` for two actors, ``10 * inter1`` when there is no second actor.

    Args:
        inter1: actor type of actor1 (member, label or code).
        inter2: actor type of actor2 (member, label or code), or None/0/"" when there
            is no actor2.

    Returns:
        The two-digit interaction code.
    """
    a, b = _actor_code(inter1), _actor_code(inter2)
    if b == 0:
        return 10 * a
    return 10 * min(a, b) + max(a, b)


def interaction_label(code: int) -> str:
    """The text label of an interaction code.

    Raises:
        ValueError: if the code is not one of ACLED's 44 interaction codes.
    """
    try:
        return INTERACTIONS[code]
    except KeyError:
        raise ValueError(
            f"{code!r} is not an ACLED interaction code; valid codes are "
            f"{', '.join(map(str, INTERACTIONS))}"
        ) from None


def interaction_from_label(label: str) -> int:
    """The interaction code of a text label such as ``State forces-Rebel group``.

    Raises:
        ValueError: if the label is not one of ACLED's interaction labels.
    """
    try:
        return _INTERACTION_CODES[label]
    except KeyError:
        raise ValueError(f"{label!r} is not an ACLED interaction label") from None


class TimePrecision(int, Enum):
    """How exactly ``event_date`` is known (column ``time_precision``)."""

    DAY = 1
    WEEK = 2
    MONTH = 3


class GeoPrecision(int, Enum):
    """How exactly the location is known (column ``geo_precision``)."""

    TOWN = 1
    NEAR_TOWN_OR_PART_OF_REGION = 2
    LARGER_REGION = 3


SOURCE_SCALE_PARTS: tuple[str, ...] = (
    "Local partner",
    "Subnational",
    "National",
    "Regional",
    "International",
    "Other",
    "New media",
)
"""Parts of ``source_scale``; a value joins one or more of them with ``-``."""

CIVILIAN_TARGETING = "Civilian targeting"
"""The one non-blank value of ``civilian_targeting``.

ACLED's codebook prose says "Civilians targeted"; every real export says
``Civilian targeting``, and eventdata follows the data.
"""
