"""The crosswalks are data; these tests hold them to the vocabularies they map."""

from __future__ import annotations

import numpy as np
import pytest

from eventdata.datasets import DATASETS, Dataset
from eventdata.matching.crosswalk import (
    CLASSES,
    agreement_matrix,
    class_codes,
    classes_of_codes,
    event_classes,
)
from eventdata.vocabulary.codebook import EventType, SubEventType
from eventdata.vocabulary.legacy import LEGACY_EVENT_TYPES


def test_every_current_sub_event_type_has_a_class() -> None:
    mapped = {sub for (_, sub) in event_classes() if sub}

    assert {s.value for s in SubEventType} - mapped == set()


def test_every_event_type_today_and_legacy_has_a_class() -> None:
    mapped = {event for (event, sub) in event_classes() if not sub}

    assert {e.value for e in EventType} - mapped == set()
    assert set(LEGACY_EVENT_TYPES) - mapped == set()


MATCHED = [d for d in DATASETS.values() if d.match.event_code]


@pytest.mark.parametrize("dataset", MATCHED, ids=[d.name for d in MATCHED])
def test_every_code_of_a_datasets_event_classes_is_a_class(dataset: Dataset) -> None:
    hints = dataset.match

    assert hints.event_classes and set(hints.event_classes.values()) <= set(CLASSES)
    assert hints.place_km and all(km > 0 for km in hints.place_km.values())


def test_a_datasets_codes_take_their_class_and_unknown_codes_none() -> None:
    ged = DATASETS["ucdp"].match.event_classes

    codes = classes_of_codes(["1", "3", "", "7"], ged)

    assert [CLASSES[c] for c in codes] == ["clash", "attack", "unknown", "unknown"]
    assert set(event_classes().values()) <= set(CLASSES)


def test_a_class_outside_the_classes_is_refused() -> None:
    with pytest.raises(ValueError, match="'battle'"):
        classes_of_codes(["1"], {"1": "battle"})


def test_agreement_is_complete_symmetric_and_one_on_the_diagonal() -> None:
    matrix = agreement_matrix()

    assert not np.isnan(matrix).any()
    assert (matrix == matrix.T).all()
    assert ((matrix >= 0) & (matrix <= 1)).all()
    known = [i for i, c in enumerate(CLASSES) if c != "unknown"]
    assert (np.diag(matrix)[known] == 1).all()


def test_the_sub_event_type_decides_before_the_event_type() -> None:
    codes = class_codes(
        ["Protests", "Protests", "Remote violence", "Something new"],
        ["Excessive force against protesters", "Peaceful protest", None, None],
    )

    assert [CLASSES[c] for c in codes] == ["attack", "protest", "remote", "unknown"]
