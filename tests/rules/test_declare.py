"""A rule declared by ``@rule`` on the class holding its forms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from eventdata import validate
from eventdata.rules.base import Columns, rule, rules_of, to_mask
from eventdata.synthetic import generate_events


@rule("house.no_fatalities", severity="warning", inputs=("fatalities",))
class NoFatalities:
    """fatalities is 0: the desk
    codes lethal events only.

    Expected: at least one
    death
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(v["fatalities"] == 0)

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.equal(c["fatalities"], 0))


def test_the_class_declares_the_rule_with_the_words_of_its_docstring() -> None:
    (declared,) = rules_of(NoFatalities)

    assert declared.name == "house.no_fatalities"
    assert declared.column == "fatalities"  # the first input
    assert declared.description == "fatalities is 0: the desk codes lethal events only."
    assert declared.expected == "at least one death"
    assert declared.row is not None and declared.row({"fatalities": 0})
    assert declared.explain is None


def test_a_declared_rule_runs_in_validate() -> None:
    events = generate_events(100, seed=3)
    zero = pc.sum(pc.equal(pc.cast(events.column("fatalities"), pa.int64()), 0)).as_py()

    report = validate(events, rules=rules_of(NoFatalities))

    assert 0 < zero < 100
    assert report.counts()["house.no_fatalities"] == zero


def test_rules_of_keeps_the_order_given() -> None:
    @rule("house.second", inputs=("year",), description="second", expected="a year")
    class Second:
        columnar = NoFatalities.columnar

    names = [r.name for r in rules_of(Second, NoFatalities)]

    assert names == ["house.second", "house.no_fatalities"]


def test_a_rule_without_its_words_or_columnar_form_is_refused() -> None:
    with pytest.raises(TypeError, match="docstring"):

        @rule("house.bare", inputs=("year",))
        class Bare:
            columnar = NoFatalities.columnar

    with pytest.raises(TypeError, match="Expected:"):

        @rule("house.unexpected", inputs=("year",))
        class Unexpected:
            """year is any year."""

            columnar = NoFatalities.columnar

    with pytest.raises(TypeError, match="columnar"):

        @rule("house.formless", inputs=("year",))
        class Formless:
            """year is any year.

            Expected: a year
            """
