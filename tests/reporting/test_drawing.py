"""Drawing details: whole-number ticks, partial and empty weeks, whole names, the outlines."""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import eventdata
from eventdata.reporting.charts import count_ticks
from eventdata.reporting.cube import sub_event_cube
from eventdata.reporting.frame import Events
from eventdata.reporting.map import map_extent
from eventdata.reporting.outlines import ASSET, countries
from eventdata.reporting.timeline import partial_weeks
from eventdata.synthetic import generate_events

needs_jinja2 = pytest.mark.skipif(
    importlib.util.find_spec("jinja2") is None, reason="jinja2 (the report extra) is missing"
)


def _events(dates: list[str | None]) -> Events:
    frame = eventdata.read_acled(generate_events(len(dates), seed=4))
    frame["event_date"] = pd.to_datetime(pd.Series(dates, dtype="string"))
    return Events.of(frame)


@pytest.mark.parametrize(
    ("peak", "ticks"),
    [(0, [0, 1]), (2, [0, 1, 2]), (3, [0, 1, 2, 3]), (7, [0, 2, 4, 6, 8]), (1234, None)],
)
def test_count_axes_have_whole_distinct_ticks(peak: int, ticks: list[int] | None) -> None:
    step, top = count_ticks(peak)

    values = list(range(0, top + 1, step))

    assert step >= 1 and top >= peak
    assert len(set(values)) == len(values)
    if ticks is not None:
        assert values == ticks


def test_a_partial_first_and_last_week_are_named() -> None:
    # Wednesday 2025-03-05 to Monday 2025-03-17: weeks start Saturdays 1, 8 and 15 March
    events = _events(["2025-03-05", "2025-03-10", "2025-03-17"])

    notes = partial_weeks(events)

    assert [events.week_label(i) for i in range(len(events.weeks))] == [
        "2025-03-01",
        "2025-03-08",
        "2025-03-15",
    ]
    assert notes == {
        0: "partial week: the data covers 3 of its 7 days",
        2: "partial week: the data covers 3 of its 7 days",
    }


def test_undated_rows_are_kept_and_counted() -> None:
    events = _events(["2025-03-05", None, "2025-04-30"])

    assert events.n_undated == 1
    assert events.week.tolist()[1] == -1
    assert len(events.weeks) == 9  # empty weeks between are weeks too


@needs_jinja2
def test_empty_weeks_are_zero_and_small_counts_get_whole_ticks(tmp_path: Path) -> None:
    frame = eventdata.read_acled(generate_events(3, seed=4))
    frame["event_date"] = pd.to_datetime(pd.Series(["2025-01-04", "2025-01-04", "2025-02-01"]))

    html = eventdata.report(frame, tmp_path / "t.html").read_text("utf-8")

    chart = re.search(r'<svg[^>]*data-chart="ev".*?</svg>', html, re.S)
    assert chart is not None
    axis = re.search(r'<g class="axis".*?</g>', chart.group(0), re.S)
    assert axis is not None
    ticks = re.findall(r">([^<]*)</text>", axis.group(0))
    assert ticks == ["0", "1", "2"]
    bars = set(re.findall(r'<rect[^>]* x="([0-9.]+)"', chart.group(0)))
    assert len(bars) == 2  # two weeks with events, three empty weeks between them
    assert "3 weeks without events are drawn as zero" in html
    assert "the week of 2025-02-01 (the data covers 1 of its 7 days)" in html


@needs_jinja2
def test_long_actor_names_are_shown_whole(tmp_path: Path) -> None:
    frame = eventdata.read_acled(generate_events(40, seed=6))
    names = [f"Military Forces of Somalia (2022-) {unit}" for unit in ("Police", "Army", "Navy")]
    frame["actor1"] = [names[i % 3] for i in range(len(frame))]

    html = eventdata.report(frame, tmp_path / "t.html").read_text("utf-8")

    for name in names:
        assert f"<td>{name}</td>" in html
    assert "(2022-…" not in html and "(2022-..." not in html


def test_the_extent_leaves_out_a_far_outlier() -> None:
    rng = np.random.default_rng(1)
    lon = np.append(rng.uniform(42, 48, 500), 65.0)
    lat = np.append(rng.uniform(-1, 11, 500), 12.5)

    west, east, south, north = map_extent(lon, lat)

    assert east < 50 and west > 40 and south < -1 and north > 11


def test_the_outlines_asset_is_natural_earth_with_its_provenance() -> None:
    folder = resources.files("eventdata.reporting").joinpath("data")
    asset = json.loads(gzip.decompress(folder.joinpath(ASSET).read_bytes()))
    provenance = folder.joinpath("PROVENANCE.md").read_text(encoding="utf-8")

    somalia = next(c for c in countries() if c.id == 706)

    assert "Natural Earth 4.1.0" in asset["source"] and "world-atlas@2.0.2" in asset["package"]
    assert "public domain" in provenance and "scripts/natural_earth.py" in provenance
    assert somalia.name == "Somalia"
    west, south, east, north = somalia.bbox
    assert 40 < west < 42 and 51 < east < 52 and -2 < south < -1 and 11 < north < 13


def test_the_sub_event_counts_cover_every_event_or_are_left_out() -> None:
    events = _events(["2025-03-05", "2025-03-10", None, "2025-03-17"])

    subs = sub_event_cube(events)
    too_many = sub_event_cube(events, max_rows=1)

    assert subs is not None and sum(subs["n"]) == 4
    assert -1 in subs["w"]  # the undated row keeps its place
    assert too_many is None
