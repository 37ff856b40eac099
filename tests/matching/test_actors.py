"""Actor names are normalised, then compared with rapidfuzz."""

from __future__ import annotations

import numpy as np
import pytest

from eventdata.matching.actors import actor_agreement, actor_codes, normalise


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Police Forces of Nigeria (2007-2010)", "government of nigeria"),
        ("Military Forces of Nigeria (2015-)", "government of nigeria"),
        ("Government of Nigeria", "government of nigeria"),
        ("Civilians (Nigeria)", "civilians"),
        ("DDM: Delta Democratic Militia", "delta democratic militia"),
        ("Boko Haram", "jama'atu ahlis sunna lidda'awati wal-jihad"),
        (
            "Jama\u2019atu Ahlis Sunna Lidda\u2019awati wal-Jihad",
            "jama'atu ahlis sunna lidda'awati wal-jihad",
        ),
    ],
)
def test_normalise(name: str, expected: str) -> None:
    assert normalise(name) == expected


def test_agreement_is_the_best_informative_pair_and_neutral_without_one() -> None:
    vocabulary: dict[str, int] = {}
    left = actor_codes(
        [
            np.array(["Boko Haram", "Civilians (Nigeria)", "Boko Haram"], dtype=object),
            np.array([None, None, None], dtype=object),
        ],
        vocabulary,
    )
    right = actor_codes(
        [
            np.array(
                [
                    "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad",
                    "Civilians",
                    "Government of Nigeria",
                ],
                dtype=object,
            ),
        ],
        vocabulary,
    )

    agreement = actor_agreement(left, right, vocabulary)

    assert agreement[0] == 1.0  # an alias
    assert agreement[1] == 0.5  # civilians say nothing about who acted
    assert agreement[2] < 0.5  # two different armed actors
