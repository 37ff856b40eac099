"""The report in real headless Chromium: outlines, hover labels, filters, broken dates."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from chromium_harness import Chromium

import eventdata
from eventdata.reporting.charts import EVENT_TYPE_COLOURS
from eventdata.synthetic import generate_events, write_csv

needs_jinja2 = pytest.mark.skipif(
    importlib.util.find_spec("jinja2") is None, reason="jinja2 (the report extra) is missing"
)
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample_events.csv"

LAND_OF_THE_DATA = (0xE3, 0xE0, 0xD6)
LAND_AROUND = (0xF1, 0xEF, 0xE9)
SEA = (0xEA, 0xF2, 0xF8)

# every mark of the map and every bar of every chart, with and without a hover label
COUNT_LABELS = """
var marks = document.querySelectorAll("#map-svg [data-m]");
var bars = document.querySelectorAll("svg[data-chart] g.bars rect");
var unlabelled = 0;
[marks, bars].forEach(function (list) {
  list.forEach(function (node) {
    var title = node.querySelector("title");
    if (!title || !title.textContent.trim()) { unlabelled += 1; }
  });
});
out.marks = marks.length; out.bars = bars.length; out.unlabelled = unlabelled;
out.markLabels = Array.prototype.map.call(marks, function (m) {
  return m.querySelector("title").textContent; });
"""

VISIBLE = """
out.visible = Array.prototype.filter.call(document.querySelectorAll("#map-svg [data-m]"),
  function (m) { return m.style.display !== "none"; }).length;
out.shown = document.getElementById("shown").textContent;
out.figures = [document.getElementById("figure-events").textContent,
  document.getElementById("figure-fatalities").textContent];
out.barFills = Array.prototype.map.call(
  document.querySelectorAll("svg[data-chart=ev] g.bars rect"),
  function (r) { return r.getAttribute("fill"); });
out.barLabels = Array.prototype.map.call(
  document.querySelectorAll("svg[data-chart=ev] g.bars rect title"),
  function (t) { return t.textContent; });
out.rows = Array.prototype.filter.call(document.querySelectorAll("tr[data-a]"),
  function (r) { return !r.hidden; }).length;
out.subs = Array.prototype.map.call(document.querySelectorAll("#sub-events tr"),
  function (r) { return Number(r.children[2].textContent.replace(/,/g, "")); });
out.actors = Array.prototype.map.call(document.querySelectorAll("#actors tr"),
  function (r) { return [r.children[0].textContent, Number(r.children[1].textContent)]; });
out.ticks = Array.prototype.map.call(
  document.querySelectorAll("svg[data-chart=ev] g.axis text"),
  function (t) { return t.textContent; });
"""


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the sample file, written once for the tests that only read it."""
    return eventdata.report(SAMPLE, tmp_path_factory.mktemp("sample") / "sample.html")


def _pixels(png: Path) -> np.ndarray:
    image_module = pytest.importorskip("PIL.Image")
    with image_module.open(png) as image:
        return np.asarray(image.convert("RGB"))


def _share(pixels: np.ndarray, colour: tuple[int, int, int]) -> float:
    return float(np.all(pixels == np.array(colour, dtype=np.uint8), axis=2).mean())


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))


def _somalia_csv(path: Path, *, dates: dict[int, str] | None = None, n: int = 80) -> Path:
    """ACLED rows in Somalia, one far out at sea, some dates replaced by ``dates``."""
    rows = [r for r in csv.DictReader(SAMPLE.open(encoding="utf-8")) if r["country"] == "Somalia"]
    out = []
    for i in range(n):
        row = dict(rows[i % len(rows)])
        row["event_id_cnty"] = f"SOM{5000 + i}"
        row["event_date"] = f"2025-03-{1 + i % 28:02d}"
        row["year"] = "2025"
        out.append(row)
    out[-1]["latitude"], out[-1]["longitude"] = "12.5", "65.0"  # a hijacking at sea
    out[-1]["location"] = "South Arabian Sea"
    for index, text in (dates or {}).items():
        out[index]["event_date"] = text
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(out[0]))
        writer.writeheader()
        writer.writerows(out)
    return path


@needs_jinja2
def test_the_map_draws_country_outlines_and_marks(sample_page: Path, chromium: Chromium) -> None:
    loaded = chromium(sample_page, width=1300, height=1400)

    assert loaded.page_requests == []
    pixels = _pixels(loaded.screenshot)
    assert _share(pixels, LAND_OF_THE_DATA) > 0.03  # the countries of the data
    assert _share(pixels, LAND_AROUND) > 0.03  # their neighbours
    assert _share(pixels, SEA) > 0.02
    present = {tuple(p) for p in pixels.reshape(-1, 3)}
    for name in ("Battles", "Protests", "Violence against civilians"):
        assert _rgb(EVENT_TYPE_COLOURS[name]) in present, name


@needs_jinja2
def test_every_mark_and_bar_has_a_hover_label(sample_page: Path, chromium: Chromium) -> None:
    out = chromium.probe(sample_page, COUNT_LABELS)

    assert out["marks"] == 239 and out["bars"] > 100
    assert out["unlabelled"] == 0
    first = next(label for label in out["markLabels"] if "Mogadishu" in label)
    assert re.search(r"\d{4}-\d{2}-\d{2} · ", first) and "fatalities:" in first


@needs_jinja2
def test_binned_marks_are_labelled_with_their_counts(tmp_path: Path, chromium: Chromium) -> None:
    csv_path = tmp_path / "events.csv"
    write_csv(generate_events(3000, seed=5), csv_path)
    page = eventdata.report(csv_path, tmp_path / "binned.html", max_points=200)

    out = chromium.probe(page, COUNT_LABELS)

    assert 0 < out["marks"] <= 200 and out["unlabelled"] == 0
    counts = [re.search(r": ([\d,]+) events, ([\d,]+) fatalities", t) for t in out["markLabels"]]
    assert all(counts)
    assert sum(int(m.group(1).replace(",", "")) for m in counts if m) == 3000


@needs_jinja2
def test_choosing_an_admin1_redraws_the_map_bars_and_table(
    sample_page: Path, chromium: Chromium
) -> None:
    choose = """
      var select = document.querySelector("select[name=area]");
      var option = Array.prototype.find.call(select.options,
        function (o) { return o.textContent === "Banadir · Somalia"; });
      select.value = option.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    """

    before = chromium.probe(sample_page, VISIBLE)
    after = chromium.probe(sample_page, choose + VISIBLE)

    assert before["visible"] == 239 and before["shown"] == "Showing all 240 events."
    assert after["shown"].startswith("Showing 27 of 240 events")
    assert after["visible"] == 27  # Banadir's events all have coordinates
    assert after["rows"] == 1
    assert after["figures"] == ["27", "45"] and before["figures"] == ["240", "291"]
    assert sum(_events_in(label) for label in after["barLabels"]) == 27
    assert sum(after["subs"]) == 27  # Banadir's sub-event types, all of them
    assert after["actors"] != before["actors"]
    events = eventdata.read_acled(SAMPLE, errors="coerce")
    banadir = events[events["admin1"] == "Banadir"]
    expected = pd.concat([banadir["actor1"], banadir["actor2"]]).dropna().value_counts()
    assert {a: n for a, n in after["actors"]} == {a: expected[a] for a, _ in after["actors"]}
    assert len(after["actors"]) == min(12, len(expected))
    assert sum(before["subs"]) < 240  # the top 12 of the whole file
    assert len(after["barLabels"]) < len(before["barLabels"])


def _events_in(label: str) -> int:
    found = re.search(r": ([\d,]+) events, week of", label)
    assert found is not None, label
    return int(found.group(1).replace(",", ""))


@needs_jinja2
def test_unticking_an_event_type_removes_its_bars_and_marks(
    sample_page: Path, chromium: Chromium
) -> None:
    untick = """
      var box = Array.prototype.find.call(document.querySelectorAll("input[name=type]"),
        function (b) { return b.parentNode.textContent.trim() === "Battles"; });
      box.checked = false;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    """

    before = chromium.probe(sample_page, VISIBLE)
    after = chromium.probe(sample_page, untick + VISIBLE)

    battles = EVENT_TYPE_COLOURS["Battles"]
    assert battles in before["barFills"] and battles not in after["barFills"]
    assert after["visible"] < before["visible"]
    # and on screen: the bars' Battles red is gone from the picture
    shown = _pixels(chromium(sample_page, width=1300, height=2000).screenshot)
    filtered = _pixels(
        chromium(chromium.with_actions(sample_page, untick), width=1300, height=2000).screenshot
    )
    red = _rgb(battles)
    assert _share(shown, red) > 0.001 and _share(filtered, red) < _share(shown, red) / 10


@needs_jinja2
def test_a_date_range_keeps_the_weeks_it_covers(sample_page: Path, chromium: Chromium) -> None:
    narrow = """
      var form = document.getElementById("filters");
      form.elements.from.value = "2025-01-04";
      form.elements.to.value = "2025-01-29";
      form.elements.to.dispatchEvent(new Event("change", { bubbles: true }));
    """
    events = eventdata.read_acled(SAMPLE, errors="coerce")
    dates = events["event_date"].dropna()
    # weeks from Saturday 4 January to Friday 31 January 2025, which holds the 29th
    expected = int(((dates >= "2025-01-04") & (dates <= "2025-01-31")).sum())

    after = chromium.probe(sample_page, narrow + VISIBLE)

    assert after["shown"].startswith(f"Showing {expected} of 240 events")
    assert sum(_events_in(label) for label in after["barLabels"]) == expected
    assert all(t.isdigit() for t in after["ticks"])  # whole numbers on the redrawn axis


@needs_jinja2
def test_without_scripts_the_page_shows_everything(
    tmp_path: Path, sample_page: Path, chromium: Chromium
) -> None:
    html = sample_page.read_text(encoding="utf-8")
    static = tmp_path / "static.html"
    static.write_text(re.sub(r"<script>.*?</script>", "", html, flags=re.S), "utf-8")
    check = """
      out.hidden = document.getElementById("filters").hidden;
      out.marks = document.querySelectorAll("#map-svg [data-m]").length;
    """

    out = chromium.probe(static, check)

    assert out == {"hidden": True, "marks": 239}


@needs_jinja2
def test_a_file_with_blank_and_unreadable_dates_renders(tmp_path: Path, chromium: Chromium) -> None:
    path = _somalia_csv(tmp_path / "broken.csv", dates={0: "", 1: "not a date", 2: "2025-13-45"})

    page = eventdata.report(path, tmp_path / "broken.html")
    loaded = chromium(page, width=1200, height=1800)
    out = chromium.probe(page, COUNT_LABELS)

    html = page.read_text(encoding="utf-8")
    assert '<b class="failed">3</b>rows without a readable date' in html
    assert "3 rows without a readable event date are counted" in html
    assert "no readable date" in " ".join(out["markLabels"])  # still on the map
    assert out["unlabelled"] == 0 and out["marks"] == 80
    assert loaded.page_requests == []
    assert _share(_pixels(loaded.screenshot), LAND_OF_THE_DATA) > 0.02


@needs_jinja2
def test_the_frame_holds_most_events_and_marks_the_one_at_sea(
    tmp_path: Path, chromium: Chromium
) -> None:
    path = _somalia_csv(tmp_path / "somalia.csv")
    page = eventdata.report(path, tmp_path / "somalia.html")
    check = """
      var outside = document.querySelectorAll("#map-svg path.outside");
      out.outside = Array.prototype.map.call(outside, function (m) {
        return m.querySelector("title").textContent; });
      out.mapWidth = document.getElementById("map-svg").getBoundingClientRect().width;
      out.window = window.innerWidth;
    """

    out = chromium.probe(page, check, width=1500)

    assert len(out["outside"]) == 1 and "South Arabian Sea" in out["outside"][0]
    assert "outside the frame, at 65.00°" in out["outside"][0]
    html = page.read_text(encoding="utf-8")
    assert "1 event outside the frame" in html
    labels = [float(v) for v in re.findall(r">(\d+)°</text>", html)]
    assert max(labels) < 60  # the frame stops well short of 65° E
    assert out["mapWidth"] > 0.6 * out["window"]  # the map uses the window's width


@needs_jinja2
def test_a_notebook_shows_the_page_inline(
    tmp_path: Path, sample_page: Path, chromium: Chromium
) -> None:
    cell = tmp_path / "cell.html"
    cell.write_text(f"<html><body>{sample_page._repr_html_()}</body></html>", encoding="utf-8")
    check = """
      var frame = document.querySelector("iframe").contentDocument;
      out.marks = frame.querySelectorAll("#map-svg [data-m]").length;
      out.filters = !frame.getElementById("filters").hidden;
    """

    out = chromium.probe(cell, check)

    assert isinstance(sample_page, Path) and sample_page.name == "sample.html"
    assert out == {"marks": 239, "filters": True}
