"""``eventdata diff``: text and JSON reports, exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Run

from eventdata.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def versions(make_csv: Callable[..., Path]) -> tuple[Path, Path]:
    old = make_csv("old.csv", {}, {}, {})
    new = make_csv("new.csv", {}, {"fatalities": "7"}, {"event_id_cnty": "IRQ9"})
    return old, new


def test_text_report_lists_counts_and_changes(
    capsys: pytest.CaptureFixture[str], versions: tuple[Path, Path]
) -> None:
    old, new = versions

    code, out, err = run(capsys, "diff", old, new)

    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"{old} -> {new}"
    assert lines[1] == "3 -> 3 events: 1 added, 1 deleted, 1 changed (1 cells), 1 unchanged"
    assert "    IRQ2 fatalities: '2' -> '7'" in lines


def test_json_report_and_exit_code(
    capsys: pytest.CaptureFixture[str], versions: tuple[Path, Path]
) -> None:
    old, new = versions

    code, out, _ = run(capsys, "diff", old, new, "--format", "json", "--exit-code")
    same, _, _ = run(capsys, "diff", old, old, "--exit-code")

    document = json.loads(out)
    assert code == 1 and same == 0
    assert document["added_ids"] == ["IRQ9"] and document["deleted_ids"] == ["IRQ3"]
    assert document["changes"] == [
        {"event_id_cnty": "IRQ2", "column": "fatalities", "old": "2", "new": "7"}
    ]


def test_ignore_skips_a_column(
    capsys: pytest.CaptureFixture[str], versions: tuple[Path, Path]
) -> None:
    old, new = versions

    _, out, _ = run(capsys, "diff", old, new, "--ignore", "fatalities", "--format", "json")

    assert json.loads(out)["changed_cells"] == 0


def test_an_unreadable_input_exits_2(
    run_cli: Run, versions: tuple[Path, Path], garbage_file: Path
) -> None:
    result = run_cli("diff", versions[0], garbage_file)  # the real entry point

    assert result.returncode == 2
    assert str(garbage_file) in result.stderr and "Traceback" not in result.stderr
