"""``report A --compare B``: what both sources have and what only one has."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pytest

import eventdata

needs_extras = pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("jinja2", "rapidfuzz", "scipy")),
    reason="the report and match extras are missing",
)
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample_events.csv"


def _other_source(path: Path, *, drop: int) -> Path:
    """The sample without its first ``drop`` rows, under other ids: a second source."""
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kept = rows[drop:]
    for row in kept:
        row["event_id_cnty"] = "B" + row["event_id_cnty"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(kept)
    return path


def _column(html: str, title: str, index: int) -> list[int]:
    table = re.search(rf"<h3>{title}</h3>\s*<table>(.*?)</table>", html, re.S)
    assert table is not None, title
    cells = re.findall(r"<tr><td>[^<]*</td>((?:<td class=\"n\">[\d,]+</td>){3})", table.group(1))
    return [int(re.findall(r">([\d,]+)<", c)[index].replace(",", "")) for c in cells]


@needs_extras
def test_the_comparison_counts_both_and_only_one_by_month_type_and_admin1(
    tmp_path: Path,
) -> None:
    other = _other_source(tmp_path / "other.csv", drop=20)

    html = eventdata.report(SAMPLE, tmp_path / "both.html", compare=other).read_text("utf-8")

    found = re.search(
        r"<b>([\d,]+)</b> pairs of the same event.*?<b>([\d,]+)</b> of the 240 rows only in "
        r"sample_events.csv,\s*<b>([\d,]+)</b> of the 220 rows only in other.csv",
        html,
        re.S,
    )
    assert found is not None
    pairs, only_a, only_b = (int(g) for g in found.groups())
    assert pairs >= 210 and only_a >= 20 and pairs + only_a == 240 and pairs + only_b == 220
    for title in ("By month", "By event type"):
        assert sum(_column(html, title, 0)) == pairs, title
        assert sum(_column(html, title, 1)) == only_a, title
    areas = _column(html, "By admin1", 0)
    assert len(areas) == 40 and sum(areas) < pairs  # the 40 largest of the sample's areas
    assert "The 40 admin1 areas with the most events of" in html
    months = re.findall(r"<tr><td>(20\d\d-\d\d)</td><td class=\"n\">([\d,]+)</td>", html)
    assert ("2024-01", "0") in months  # the dropped first rows are January 2024's
