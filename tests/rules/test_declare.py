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


@rule("house.no_fatalities", severity="warning", inputs=("fatalities",), expected="some deaths")
class NoFatalities:
    """fatalities is 0: the   desk   codes lethal events only."""

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        return bool(v["fatalities"] == 0)

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        return to_mask(pc.equal(c["fatalities"], 0))


def test_the_class_declares_the_rule_with_its_docstring_as_description() -> None:
    (declared,) = rules_of(NoFatalities)

    assert declared.name == "house.no_fatalities"
    assert declared.column == "fatalities"  # the first input
    assert declared.description == "fatalities is 0: the desk codes lethal events only."
    assert declared.row is not None and declared.row({"fatalities": 0})
    assert declared.explain is None


def test_a_declared_rule_runs_in_validate() -> None:
    events = generate_events(100, seed=3)
    zero = pc.sum(pc.equal(pc.cast(events.column("fatalities"), pa.int64()), 0)).as_py()

    report = validate(events, rules=rules_of(NoFatalities))

    assert 0 < zero < 100
    assert report.counts()["house.no_fatalities"] == zero


def test_rules_of_keeps_the_order_given() -> None:
    @rule("house.second", inputs=("year",), expected="x", description="second")
    class Second:
        columnar = NoFatalities.columnar

    names = [r.name for r in rules_of(Second, NoFatalities)]

    assert names == ["house.second", "house.no_fatalities"]


def test_a_rule_without_description_or_columnar_form_is_refused() -> None:
    with pytest.raises(TypeError, match="docstring"):

        @rule("house.bare", inputs=("year",), expected="x")
        class Bare:
            columnar = NoFatalities.columnar
