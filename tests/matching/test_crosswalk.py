"""The crosswalks are data; these tests hold them to the vocabularies they map."""

from __future__ import annotations

import numpy as np

from eventdata.matching.crosswalk import CLASSES, agreement_matrix, class_codes, event_classes
from eventdata.vocabulary.codebook import EventType, SubEventType
from eventdata.vocabulary.legacy import LEGACY_EVENT_TYPES


def test_every_current_sub_event_type_has_a_class() -> None:
    mapped = {sub for (source, _, sub) in event_classes() if source == "acled" and sub}

    assert {s.value for s in SubEventType} - mapped == set()


def test_every_event_type_today_and_legacy_has_a_class() -> None:
    mapped = {event for (source, event, sub) in event_classes() if source == "acled" and not sub}

    assert {e.value for e in EventType} - mapped == set()
    assert set(LEGACY_EVENT_TYPES) - mapped == set()


def test_ged_and_gtd_codes_have_a_class() -> None:
    table = event_classes()

    assert [table[("ucdp", str(c), "")] for c in (1, 2, 3)] == ["clash", "clash", "attack"]
    assert {table[("gtd", str(c), "")] for c in range(1, 10)} <= set(CLASSES)
    assert set(table.values()) <= set(CLASSES)


def test_agreement_is_complete_symmetric_and_one_on_the_diagonal() -> None:
    matrix = agreement_matrix()

    assert not np.isnan(matrix).any()
    assert (matrix == matrix.T).all()
    assert ((matrix >= 0) & (matrix <= 1)).all()
    known = [i for i, c in enumerate(CLASSES) if c != "unknown"]
    assert (np.diag(matrix)[known] == 1).all()


def test_the_sub_event_type_decides_before_the_event_type() -> None:
    codes = class_codes(
        "acled",
        ["Protests", "Protests", "Remote violence", "Something new"],
        ["Excessive force against protesters", "Peaceful protest", None, None],
    )

    assert [CLASSES[c] for c in codes] == ["attack", "protest", "remote", "unknown"]
