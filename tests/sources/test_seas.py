"""Events in international waters (May 2026 on): the sea's name as ``country``."""

from __future__ import annotations

import re
import warnings

import pandas as pd
import pytest
from acled_events import event
from acled_fixtures import make_row
from acled_server import FakeAcled

from eventdata import Event, aggregate, read_acled, validate
from eventdata.vocabulary.acled_countries import is_sea, place_name_warnings, sea_regions

SEA = {"country": "Red Sea", "iso": "887", "event_id_cnty": "YEM90001", "region": "Middle East"}


def warned(rows: list[dict[str, str]]) -> list[set[str]]:
    failures = validate(pd.DataFrame(rows)).failures
    return [set(failures[failures["row"] == i]["rule"]) for i in range(len(rows))]


def test_a_sea_validates_with_its_region_whatever_the_iso() -> None:
    changes = [
        {},
        {"iso": "0"},
        {"region": "Europe"},
        {"country": "Gulf of Aden", "region": "Eastern Africa"},
        {"country": "Red Seas"},  # a misspelling is no sea
    ]
    rows = [
        make_row(**{**SEA, "event_id_cnty": f"YEM{9000 + i}", **change})
        for i, change in enumerate(changes)
    ]

    found = warned(rows)

    assert found[0] == set() and found[1] == set() and found[3] == set()
    assert found[2] == {"country.sea_region"}
    assert "country.iso" in found[4]


def test_the_row_form_agrees_with_the_columns() -> None:
    good, bad = make_row(**SEA), make_row(**{**SEA, "region": "Europe"})

    assert set(Event.model_validate(good).warnings()) == set()
    assert set(Event.model_validate(bad).warnings()) == {"country.sea_region"}


def test_the_vocabulary_places_seas() -> None:
    assert is_sea("red sea") and not is_sea("Yemen")
    assert "Middle East" in sea_regions("Red Sea")
    assert place_name_warnings("Red Sea", 887, "Middle East", where="place 'x'") == []
    assert (
        "not a region of Red Sea"
        in place_name_warnings("Red Sea", 887, "Europe", where="place 'x'")[0]
    )


def test_aggregates_place_sea_events_beside_countries() -> None:
    frame = read_acled(
        pd.DataFrame([make_row(**SEA), make_row(), make_row(event_id_cnty="IRQ90002")])
    )

    table = aggregate(frame, freq="year", by=("region", "country"))

    counts = dict(zip(table["country"].astype(str), table["events"], strict=True))
    assert counts == {"Iraq": 2, "Red Sea": 1}
    assert set(table["region"].astype(str)) == {"Middle East"}


def test_sea_named_events_arrive_from_the_api(acled: FakeAcled) -> None:
    pytest.importorskip("httpx")
    from eventdata import fetch_acled

    acled.events.append(event(40, country="Red Sea"))

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no rule warns about a sea
        frame = fetch_acled(country="Red Sea", backoff=0.01, progress=False)

    assert frame["country"].astype(str).tolist() == ["Red Sea"]
    assert frame.attrs["eventdata.failures"] == []


def test_the_report_places_sea_events_on_the_map(tmp_path: object) -> None:
    pytest.importorskip("jinja2")
    from pathlib import Path

    from eventdata import report

    sea = make_row(
        **SEA, latitude="14.1000", longitude="42.3000", location="Red Sea", admin1="", admin2=""
    )
    html = report(pd.DataFrame([sea, make_row()]), Path(str(tmp_path)) / "r.html").read_text()

    assert "Every one of the 2 events with coordinates is drawn" in html
    areas = re.findall(r'<option value="\d+">([^<]*)</option>', html)
    assert any("Red Sea" in a for a in areas) and any("Iraq" in a for a in areas)
    assert "country.sea_region" not in html
