"""eventdata.report: the page rendered in real headless Chromium, offline and non-blank."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import eventdata
from eventdata.reporting.charts import EVENT_TYPE_COLOURS
from eventdata.synthetic import generate_events, write_csv

needs_jinja2 = pytest.mark.skipif(
    importlib.util.find_spec("jinja2") is None, reason="jinja2 (the report extra) is missing"
)
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample_events.csv"


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _pixels(png: Path) -> np.ndarray:
    image_module = pytest.importorskip("PIL.Image")
    with image_module.open(png) as image:
        return np.asarray(image.convert("RGB"))


@needs_jinja2
def test_sample_report_renders_offline_and_shows_the_data(
    tmp_path: Path, chromium: Callable[..., Any]
) -> None:
    page = eventdata.report(SAMPLE, tmp_path / "sample.html")

    loaded = chromium(page)

    assert loaded.page_requests == []  # file:// loads bypass the network stack
    pixels = _pixels(loaded.screenshot)
    colours = {tuple(p) for p in pixels.reshape(-1, 3)[::7]}
    assert len(colours) > 200
    non_white = (pixels.min(axis=2) < 235).mean()
    assert non_white > 0.08
    present = {tuple(p) for p in pixels.reshape(-1, 3)}
    for name in ("Battles", "Protests", "Violence against civilians"):
        assert _rgb(EVENT_TYPE_COLOURS[name]) in present, name  # the legend dots


def test_the_request_check_sees_a_page_that_reaches_out(
    tmp_path: Path, chromium: Callable[..., Any]
) -> None:
    page = tmp_path / "leaky.html"
    page.write_text('<p>x</p><img src="http://example.invalid/pixel.png">', encoding="utf-8")

    loaded = chromium(page, width=400, height=300)

    assert "http://example.invalid/pixel.png" in loaded.page_requests


@needs_jinja2
def test_the_page_holds_everything_it_shows(tmp_path: Path) -> None:
    html = eventdata.report(SAMPLE, tmp_path / "sample.html").read_text(encoding="utf-8")

    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert not re.search(r"<script[^>]*\ssrc", html)  # scripts are inline
    assert "@import" not in html and "url(" not in html and "fetch(" not in html
    assert "Saturday to Friday" in html
    # row 211 of the sample has an out-of-range latitude, read as missing
    assert "Every one of the 239 events with coordinates is drawn" in html
    assert "1 event without coordinates is not on the map" in html
    assert "6 invalid" in html
    assert "hierarchy.sub_event_type" in html  # a rule the sample breaks


@needs_jinja2
def test_large_inputs_are_binned_and_the_page_says_how(tmp_path: Path) -> None:
    csv = tmp_path / "events.csv"
    write_csv(generate_events(5000, seed=11), csv)

    html = eventdata.report(csv, tmp_path / "events.html", max_points=300).read_text("utf-8")

    cell = re.search(r"binned into square cells of ([0-9.]+)° of longitude", html)
    assert cell is not None and float(cell.group(1)) > 0
    marks = html.count("<circle") + html.count('class="outside"')
    assert 0 < marks <= 300


@needs_jinja2
def test_a_file_without_events_gives_a_page(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text(SAMPLE.read_text(encoding="utf-8").splitlines()[0] + "\n", "utf-8")

    html = eventdata.report(empty, tmp_path / "empty.html").read_text("utf-8")

    assert "0 events" in html and "No dated events." in html


@needs_jinja2
def test_a_file_without_civilian_targeting_shows_no_number_for_it(tmp_path: Path) -> None:
    path = ROOT.parent / "shared" / "data" / "acled" / "afghanistan_2020-03_pre2023_exporttool.csv"
    if not path.is_file():
        pytest.skip("real export not found under ../shared/data")

    html = eventdata.report(path, tmp_path / "afg.html").read_text("utf-8")

    row = re.search(r"<tr><td>Civilian targeting</td>(.*?)</tr>", html)
    assert row is not None
    assert re.findall(r'<td class="n">([^<]*)</td>', row.group(1)) == ["–", "–"]
    assert "pre2023" in html


@needs_jinja2
def test_unknown_fatalities_are_never_summed_as_zero(tmp_path: Path) -> None:
    table = eventdata.read_acled(generate_events(50, seed=1))
    table.loc[table.index[0], "fatalities"] = None

    html = eventdata.report(table, tmp_path / "t.html").read_text("utf-8")

    assert "no fatality total is shown" in html
    assert "1 events without a readable fatality count add nothing" in html
    assert html.count('<td class="n">–</td>') >= 2  # the actors and sub-event type of row 0


@needs_jinja2
def test_data_text_is_escaped(tmp_path: Path) -> None:
    table = eventdata.read_acled(generate_events(30, seed=2))
    table["actor1"] = "<script>alert(1)</script>"
    table["admin1"] = "</script><script>alert(2)</script>"

    html = eventdata.report(table, tmp_path / "t.html").read_text("utf-8")

    assert "<script>alert" not in html and "</script><script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\\u003c/script>\\u003cscript>alert(2)" in html  # in the filters' data


@needs_jinja2
def test_real_export_report_has_its_numbers(tmp_path: Path) -> None:
    path = ROOT.parent / "shared" / "data" / "acled" / "somalia_2025-04_2026-03.csv"
    if not path.is_file():
        pytest.skip("real export not found under ../shared/data")
    events = eventdata.read_acled(path)

    html = eventdata.report(path, tmp_path / "somalia.html").read_text("utf-8")

    assert f"{len(events):,}" in html
    assert f"{int(events['fatalities'].sum()):,}" in html
    top = events["actor1"].value_counts().index[0]
    assert top in html


def test_import_eventdata_does_not_import_jinja2() -> None:
    code = "import sys, eventdata; eventdata.aggregate; print('jinja2' in sys.modules)"

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert result.stdout.strip() == "False", result.stderr


def test_a_missing_jinja2_names_the_extra(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['jinja2'] = None\n"
        "import eventdata\n"
        f"eventdata.report({str(SAMPLE)!r}, {str(tmp_path / 'x.html')!r})\n"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert result.returncode != 0
    assert "pip install 'eventdata[report]'" in result.stderr
    assert not (tmp_path / "x.html").exists()


@needs_jinja2
def test_a_file_without_coordinates_gets_no_world_map(tmp_path: Path) -> None:
    table = eventdata.read_acled(generate_events(30, seed=3))
    table["latitude"] = None
    table["longitude"] = None

    html = eventdata.report(table, tmp_path / "t.html").read_text("utf-8")

    assert 'id="map-svg"' not in html
    assert "30 events without coordinates are not on the map" in html


def test_another_dataset_is_refused_with_the_way_to_map_it(tmp_path: Path) -> None:
    pytest.importorskip("jinja2")

    with pytest.raises(eventdata.InputError, match="ged_to_acled"):
        eventdata.report(ROOT / "examples" / "data" / "sample_ged.csv", tmp_path / "g.html")

    assert not (tmp_path / "g.html").exists()
