from __future__ import annotations

import pytest

from eventdata import (
    INTERACTIONS,
    ActorType,
    DisorderType,
    EventType,
    SubEventType,
    interaction_code,
    interaction_label,
)
from eventdata.vocabulary.codebook import interaction_from_label

# (sub-event type, event type, disorder type) as ACLED's codebook section 2 lists them
CODEBOOK_HIERARCHY = [
    ("Government regains territory", "Battles", "Political violence"),
    ("Non-state actor overtakes territory", "Battles", "Political violence"),
    ("Armed clash", "Battles", "Political violence"),
    ("Excessive force against protesters", "Protests", "Political violence; Demonstrations"),
    ("Protest with intervention", "Protests", "Demonstrations"),
    ("Peaceful protest", "Protests", "Demonstrations"),
    ("Violent demonstration", "Riots", "Demonstrations"),
    ("Mob violence", "Riots", "Political violence"),
    ("Chemical weapon", "Explosions/Remote violence", "Political violence"),
    ("Air/drone strike", "Explosions/Remote violence", "Political violence"),
    ("Suicide bomb", "Explosions/Remote violence", "Political violence"),
    ("Shelling/artillery/missile attack", "Explosions/Remote violence", "Political violence"),
    ("Remote explosive/landmine/IED", "Explosions/Remote violence", "Political violence"),
    ("Grenade", "Explosions/Remote violence", "Political violence"),
    ("Sexual violence", "Violence against civilians", "Political violence"),
    ("Attack", "Violence against civilians", "Political violence"),
    ("Abduction/forced disappearance", "Violence against civilians", "Political violence"),
    ("Agreement", "Strategic developments", "Strategic developments"),
    ("Arrests", "Strategic developments", "Strategic developments"),
    ("Change to group/activity", "Strategic developments", "Strategic developments"),
    ("Disrupted weapons use", "Strategic developments", "Strategic developments"),
    ("Headquarters or base established", "Strategic developments", "Strategic developments"),
    ("Looting/property destruction", "Strategic developments", "Strategic developments"),
    ("Non-violent transfer of territory", "Strategic developments", "Strategic developments"),
    ("Other", "Strategic developments", "Strategic developments"),
]

VALID_CODES = [
    10,
    *range(11, 19),
    20,
    *range(22, 29),
    30,
    *range(33, 39),
    40,
    *range(44, 49),
    50,
    *range(55, 59),
    60,
    66,
    67,
    68,
    70,
    77,
    78,
    80,
    88,
]


@pytest.mark.parametrize(("sub", "event", "disorder"), CODEBOOK_HIERARCHY)
def test_sub_event_type_knows_event_and_disorder_type(sub: str, event: str, disorder: str) -> None:
    member = SubEventType(sub)

    assert member.event_type is EventType(event)
    assert member.disorder_type is DisorderType(disorder)
    assert member in EventType(event).sub_event_types


def test_vocabulary_sizes_match_the_codebook() -> None:
    assert len(SubEventType) == 25
    assert len(EventType) == 6
    assert [d.value for d in DisorderType] == [
        "Political violence",
        "Demonstrations",
        "Strategic developments",
        "Political violence; Demonstrations",
    ]
    assert [s.value for s in SubEventType] == [row[0] for row in CODEBOOK_HIERARCHY]


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("State forces", 1),
        ("Rebel group", 2),
        ("Political militia", 3),
        ("Identity militia", 4),
        ("Rioters", 5),
        ("Protesters", 6),
        ("Civilians", 7),
        ("External/Other forces", 8),
    ],
)
def test_actor_type_codes_both_ways(label: str, code: int) -> None:
    assert ActorType(label).code == code
    assert ActorType.from_code(code) is ActorType(label)


@pytest.mark.parametrize("code", [0, 9, -1])
def test_actor_type_rejects_unknown_codes(code: int) -> None:
    with pytest.raises(ValueError, match="1-8"):
        ActorType.from_code(code)


def test_interaction_table_has_exactly_the_44_valid_codes() -> None:
    assert sorted(INTERACTIONS) == VALID_CODES
    assert len(INTERACTIONS) == 44


@pytest.mark.parametrize("code", VALID_CODES)
def test_every_interaction_code_round_trips_through_its_label(code: int) -> None:
    label = interaction_label(code)

    assert interaction_from_label(label) == code
    first, second = divmod(code, 10)
    a = ActorType.from_code(first)
    if second == 0:
        assert label == f"{a.value} only"
        assert interaction_code(a, None) == code
    else:
        b = ActorType.from_code(second)
        assert interaction_code(b, a) == code == interaction_code(a, b)
        expected = f"{b.value}-{a.value}" if code == 78 else f"{a.value}-{b.value}"
        assert label == expected


@pytest.mark.parametrize(
    ("inter1", "inter2", "code"),
    [
        ("Rebel group", "External/Other forces", 28),
        ("External/Other forces", "Civilians", 78),
        (6, 0, 60),
        ("7", "", 70),
        (ActorType.STATE_FORCES, ActorType.STATE_FORCES, 11),
    ],
)
def test_interaction_code_accepts_labels_codes_and_members(
    inter1: object, inter2: object, code: int
) -> None:
    assert interaction_code(inter1, inter2) == code  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [19, 21, 99, 0])
def test_interaction_label_rejects_invalid_codes(bad: int) -> None:
    with pytest.raises(ValueError, match="not an ACLED interaction code"):
        interaction_label(bad)


def test_code_78_is_the_documented_exception() -> None:
    assert INTERACTIONS[78] == "External/Other forces-Civilians"
    assert interaction_from_label("External/Other forces-Civilians") == 78
