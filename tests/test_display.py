"""What users see of the objects they hold: a short repr and an HTML table in notebooks."""

from __future__ import annotations

import re
from pathlib import Path

from records_full import full_records

import eventdata
from eventdata._display import Detail, html_view, short_repr
from eventdata.sources.store import UpdateSummary
from eventdata.synthetic import generate_events

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "sample_events.csv"


def _cells(html: str) -> list[str]:
    return re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", html)


def test_a_long_value_is_shortened_in_the_repr_and_escaped_in_html() -> None:
    long = "x" * 500 + "<b>"

    text = short_repr("Thing", [("note", long), ("n", 3)])
    html = html_view("Thing", [("note", long)], details=[Detail("rows", ("a",), [("<i>",)])])

    assert len(text) < 160 and text.endswith("n=3>")
    assert "<b>" not in html and "&lt;b&gt;" in html and "&lt;i&gt;" in html
    assert "overflow-wrap:anywhere" in html  # long text wraps in the notebook


def test_validation_report_shows_a_table_of_rules_and_failures() -> None:
    report = eventdata.validate(SAMPLE)

    html = report._repr_html_()

    assert "<pre>" not in html
    assert "ValidationReport: FAILED" in html
    cells = _cells(html)
    assert "hierarchy.sub_event_type" in cells
    assert "Failures (first 6 of 6)" not in html and "Failures</div>" in html
    assert len(repr(report)) < 120


def test_write_result_repr_is_one_short_line(tmp_path: Path) -> None:
    result = eventdata.to_parquet(generate_events(30, seed=1), tmp_path / "e.parquet")

    text = repr(result)
    html = result._repr_html_()

    path = tmp_path / "e.parquet"
    assert text == f"<WriteResult path='{path}' rows_written=30 rows_invalid=0 rows_dropped=0>"
    assert "rows written" in _cells(html) and "30" in _cells(html)


def test_diff_has_a_table_of_changed_columns() -> None:
    old = eventdata.read_acled(generate_events(20, seed=2))
    new = old.copy()
    new.loc[new.index[0], "fatalities"] = 99

    html = eventdata.diff(old, new)._repr_html_()

    cells = _cells(html)
    assert cells[cells.index("changed events") + 1] == "1"
    assert "fatalities" in cells


def test_update_summary_repr_and_table() -> None:
    summary = UpdateSummary(
        store=Path("somalia.parquet"), added=12, updated=3, rows_before=100, rows_after=112
    )

    assert repr(summary) == (
        "<UpdateSummary store='somalia.parquet' created=False added=12 updated=3 deleted=0 "
        "rows_after=112>"
    )
    assert "100 / 112" in _cells(summary._repr_html_())


def test_event_collection_lists_its_records() -> None:
    collection = full_records()  # one record of each type, every field set

    html = collection._repr_html_()

    cells = _cells(html)
    at = cells.index("response-full")
    assert cells[at : at + 5] == [
        "response-full",
        "response (interception)",
        "2021-07-06",
        "Baghdad - Karkh",
        "attack-full",
    ]
    assert all(record.id in cells for record in collection)
    assert len(html) < 5000
