"""``eventdata report``: the page is written; unreadable input and a missing extra exit 2."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import acled_row, write_acled_csv

Run = Callable[..., subprocess.CompletedProcess[str]]
needs_jinja2 = pytest.mark.skipif(
    importlib.util.find_spec("jinja2") is None, reason="jinja2 (the report extra) is missing"
)
RECORDS_EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "baghdad_2021.yaml"


@pytest.fixture
def report_page(run_cli: Run, tmp_path: Path) -> Callable[..., str]:
    """``eventdata report DATA page.html OPTION...``: the page it wrote, once it exited 0."""

    def report(data: Path, *options: object) -> str:
        out = tmp_path / "page.html"
        result = run_cli("report", data, out, *options)
        assert result.returncode == 0, result.stderr
        return out.read_text(encoding="utf-8")

    return report


@needs_jinja2
def test_report_writes_the_page(run_cli: Run, invalid_csv: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"

    result = run_cli("report", invalid_csv, out, "--title", "Five <rows>")

    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<title>Five &lt;rows&gt;</title>" in html
    assert "vocabulary.event_type" in html  # row 3's unknown event type, in the failures
    assert f"wrote {out}" in result.stderr


@needs_jinja2
def test_report_of_garbage_exits_2(run_cli: Run, garbage_file: Path, tmp_path: Path) -> None:
    result = run_cli("report", garbage_file, tmp_path / "page.html")

    assert result.returncode == 2
    assert "garbage.csv" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "page.html").exists()


@needs_jinja2
def test_report_of_a_missing_file_exits_2(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("report", tmp_path / "absent.csv", tmp_path / "page.html")

    assert result.returncode == 2
    assert "absent.csv" in result.stderr


def test_report_without_jinja2_names_the_extra(valid_csv: Path, tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['jinja2'] = None\n"
        "from eventdata.cli import main\n"
        f"raise SystemExit(main(['report', {str(valid_csv)!r}, {str(tmp_path / 'p.html')!r}]))\n"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert result.returncode == 2
    assert "pip install 'eventdata[report]'" in result.stderr
    assert "Traceback" not in result.stderr


@needs_jinja2
def test_report_of_blank_and_unreadable_dates_writes_the_page(
    report_page: Callable[..., str], make_csv: Callable[..., Path]
) -> None:
    path = make_csv(
        "dates.csv",
        {"event_date": ""},
        {"event_date": "yesterday"},
        {},
        {"latitude": "", "longitude": ""},
    )

    html = report_page(path)

    assert '<b class="failed">2</b>rows without a readable date' in html
    assert '<b class="failed">1</b>rows without coordinates' in html
    assert "required.event_date" in html and "type.event_date" in html


@pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("jinja2", "rapidfuzz", "scipy")),
    reason="the report and match extras are missing",
)
def test_report_compares_two_files(report_page: Callable[..., str], valid_csv: Path) -> None:
    html = report_page(valid_csv, "--compare", valid_csv)

    assert "Compared with valid.csv (compared)" in html
    assert "<b>5</b> pairs of the same event" in html


@needs_jinja2
def test_report_reads_a_records_file(report_page: Callable[..., str]) -> None:
    pytest.importorskip("yaml")  # the records extra reads the YAML records file

    html = report_page(RECORDS_EXAMPLE)

    assert "Disrupted weapons use" in html
    assert "Military Forces of the United States (2021-)" in html


@needs_jinja2
def test_report_compare_with_a_missing_file_exits_2(
    run_cli: Run, valid_csv: Path, tmp_path: Path
) -> None:
    result = run_cli("report", valid_csv, tmp_path / "p.html", "--compare", tmp_path / "no.csv")

    assert result.returncode == 2
    assert "no.csv: no such file or directory" in result.stderr


@needs_jinja2
def test_report_reads_a_cut_off_file_when_told(run_cli: Run, tmp_path: Path) -> None:
    whole = write_acled_csv(tmp_path / "whole.csv", [acled_row(i) for i in range(1, 6)])
    data = whole.read_bytes().rstrip(b"\r\n")
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: data.rindex(b",")])  # the last record loses its last field
    out = tmp_path / "page.html"

    refused = run_cli("report", cut, out)
    read = run_cli("report", cut, out, "--on-truncated", "invalid")

    assert refused.returncode == 2 and "--on-truncated invalid" in refused.stderr
    assert read.returncode == 0, read.stderr
    assert "IRQ5" in out.read_text(encoding="utf-8")  # the cut record, listed invalid
