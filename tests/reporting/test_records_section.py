"""A report of a records file shows the records: attacks, responses, weapons, the chain."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest
from chromium_harness import Chromium
from records_fixtures import ABU_KAMAL, GREEN_ZONE

import eventdata
from eventdata import Actor, Attack, EventCollection, Place, Response, write_records
from eventdata.models.records import Outcome, ResponseKind, WeaponsSeizure
from eventdata.models.weapons import CounterRAM, Drone, Rocket, Weapon
from eventdata.synthetic import generate_events

needs_jinja2 = pytest.mark.skipif(
    importlib.util.find_spec("jinja2") is None, reason="jinja2 (the report extra) is missing"
)

MILITIA = Actor(name="Kataib Hezbollah", actor_type="Political militia")
US = Actor(name="Military Forces of the United States (2021-)", actor_type="External/Other forces")


def _july(day: int, place: Place = GREEN_ZONE) -> dict[str, Any]:
    """The date and place of a record of July 2021 (at the Green Zone unless said)."""
    return {"date": dt.date(2021, 7, day), "place": place}


def _us_answer(
    id: str, kind: ResponseKind, weapon: Weapon, day: int, place: Place = GREEN_ZONE
) -> Response:
    """A US response to ``attack-1`` with one weapon, in July 2021."""
    return Response(
        id=id,
        **_july(day, place),
        kind=kind,
        responder=US,
        weapons=(weapon,),
        responds_to=("attack-1",),
    )


def _collection() -> EventCollection:
    attack = Attack(
        id="attack-1",
        **_july(6),
        attacker=MILITIA,
        weapons=(Drone(count=3), Rocket(count=2)),
        launched=5,
        intercepted=3,
        impacted=2,
        outcome=Outcome.PARTIALLY_INTERCEPTED,
    )
    interception = _us_answer(
        "intercept-1", ResponseKind.INTERCEPTION, CounterRAM(system="C-RAM"), 6
    )
    strike = _us_answer("strike-1", ResponseKind.RETALIATION, Drone(count=1), 8, ABU_KAMAL)
    answer = Attack(
        id="attack-2",
        **_july(9),
        attacker=MILITIA,
        weapons=(Rocket(count=4),),
        launched=4,
        impacted=4,
        outcome=Outcome.IMPACTED,
        responds_to=("strike-1",),
    )
    seizure = WeaponsSeizure(
        id="seizure-1",
        **_july(10),
        seized_by=Actor(name="Police Forces of Iraq (2020-)", actor_type="State forces"),
        weapons=(Rocket(count=6),),
        description="Police seized six rockets.",
    )
    return EventCollection([attack, interception, strike, answer, seizure])


@needs_jinja2
def test_a_records_file_report_lists_the_records(tmp_path: Path, chromium: Chromium) -> None:
    path = write_records(_collection(), tmp_path / "records.parquet")

    page = eventdata.report(path, tmp_path / "records.html")
    html = page.read_text(encoding="utf-8")
    loaded = chromium(page, width=1200, height=1600)

    assert 'id="records"' in html
    assert "2 attacks and 2 responses, 1 other records" in html
    assert "<td>weapons seizure</td>" in html and "Police seized six rockets." in html
    assert re.search(r"<b>9</b> launched, <b>3</b> intercepted, <b>6</b> impacted", html)
    assert "3 × drone" in html and "counter ram (C-RAM)" in html
    chain = re.findall(r"<b>(attack|interception|retaliation)</b> <code>([\w-]+)</code>", html)
    assert chain == [
        ("attack", "attack-1"),
        ("interception", "intercept-1"),
        ("retaliation", "strike-1"),
        ("attack", "attack-2"),
    ]
    assert loaded.page_requests == []


@needs_jinja2
def test_an_acled_file_has_no_records_section(tmp_path: Path) -> None:
    table = eventdata.read_acled(generate_events(20, seed=3))

    html = eventdata.report(table, tmp_path / "t.html").read_text("utf-8")

    assert 'id="records"' not in html


@needs_jinja2
def test_a_yaml_records_file_report_lists_the_records(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "baghdad_2021.yaml"

    html = eventdata.report(example, tmp_path / "baghdad.html").read_text(encoding="utf-8")

    assert "4 attacks and 4 responses" in html
    assert "<b>retaliation</b>" in html and "<b>interception</b>" in html
