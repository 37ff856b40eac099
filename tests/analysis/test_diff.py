"""diff(): events added, deleted and changed between two versions, in any format."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from acled_fixtures import make_row

from eventdata import Diff, InputError, diff, to_parquet, write_acled

NUMERIC_INTER = {"inter1": "8", "inter2": "3", "interaction": "38"}


def rows(*numbers: int, **changes: dict[str, str]) -> list[dict[str, str]]:
    """Rows IRQ<n>; ``changes["IRQ2"] = {...}`` alters one of them."""
    out = []
    for n in numbers:
        row = make_row(event_id_cnty=f"IRQ{n}", timestamp=str(1_700_000_000 + n))
        row.update(changes.get(f"IRQ{n}", {}))
        out.append(row)
    return out


def save(path: Path, data: list[dict[str, str]]) -> Path:
    frame = pd.DataFrame(data)
    if path.suffix == ".parquet":
        to_parquet(frame, path)
    elif path.suffix == ".json":
        path.write_text(json.dumps({"success": True, "data": data}), encoding="utf-8")
    else:
        write_acled(frame, path)
    return path


@pytest.mark.parametrize(
    ("old_name", "new_name"),
    [("old.csv", "new.parquet"), ("old.parquet", "new.json"), ("old.json", "new.csv")],
)
def test_added_deleted_and_changed_cells_across_formats(
    tmp_path: Path, old_name: str, new_name: str
) -> None:
    old = save(tmp_path / old_name, rows(1, 2, 3, 4))
    new = save(
        tmp_path / new_name,
        rows(
            2,
            3,
            4,
            5,
            IRQ2={
                "fatalities": "3",
                "assoc_actor_1": "Police Forces of Iraq (2022-); Tribal Militia",
            },
            IRQ4={"admin2": ""},
        ),
    )

    result = diff(old, new)

    assert result.added["event_id_cnty"].tolist() == ["IRQ5"]
    assert result.deleted["event_id_cnty"].tolist() == ["IRQ1"]
    assert result.changed.fillna("<null>").values.tolist() == [
        ["IRQ2", "assoc_actor_1", "", "Police Forces of Iraq (2022-); Tribal Militia"],
        ["IRQ2", "fatalities", "0", "3"],
        ["IRQ4", "admin2", "Al Resafa", "<null>"],
    ]
    assert result.summary() == {
        "n_old": 4,
        "n_new": 4,
        "added": 1,
        "deleted": 1,
        "changed_events": 2,
        "changed_cells": 3,
        "unchanged": 1,
        "changed_by_column": {"assoc_actor_1": 1, "fatalities": 1, "admin2": 1},
        "columns_added": [],
        "columns_removed": [],
    }


def test_the_same_data_in_another_coding_is_identical(tmp_path: Path) -> None:
    old = save(tmp_path / "old.csv", rows(1, 2))
    new = save(tmp_path / "new.json", [dict(r, **NUMERIC_INTER) for r in rows(1, 2)])

    result = diff(old, new)

    assert result.identical
    assert result.summary()["unchanged"] == 2
    assert result.changed.empty and result.added.empty and result.deleted.empty


def test_added_and_deleted_rows_keep_canonical_dtypes(tmp_path: Path) -> None:
    result = diff(pd.DataFrame(rows(1, 2)), pd.DataFrame(rows(2, 3)))

    assert isinstance(result, Diff)
    assert str(result.added["event_date"].dtype) == "datetime64[s]"  # as read_acled gives
    assert result.deleted["fatalities"].tolist() == [0]


def test_ignored_columns_are_not_compared() -> None:
    old = pd.DataFrame(rows(1))
    new = pd.DataFrame(rows(1, IRQ1={"timestamp": "1800000000", "notes": "Revised."}))

    result = diff(old, new, ignore=["timestamp"])

    assert result.changed[["column", "new"]].values.tolist() == [["notes", "Revised."]]


def test_columns_only_one_side_has_are_reported_not_compared() -> None:
    old = pa.Table.from_pylist(rows(1, 2))
    new = pa.Table.from_pylist([dict(r, population_best="1000") for r in rows(1, 2)])

    result = diff(old, new)

    assert result.columns_added == ["population_best"]
    assert result.changed.empty
    assert not result.identical


def test_a_repeated_id_is_an_input_error_naming_the_file(tmp_path: Path) -> None:
    old = save(tmp_path / "old.csv", rows(1, 1, 2))

    with pytest.raises(InputError, match=r"old\.csv: event_id_cnty 'IRQ1' appears 2 times"):
        diff(old, pd.DataFrame(rows(1)))


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        diff(tmp_path / "absent.parquet", pd.DataFrame(rows(1)))


def test_reports_render_as_text_and_json() -> None:
    result = diff(pd.DataFrame(rows(1, 2)), pd.DataFrame(rows(2, 3, IRQ2={"fatalities": "4"})))

    text = result.format_text()
    document = json.loads(json.dumps(result.to_dict(), default=str))

    assert text.splitlines()[0] == (
        "2 -> 2 events: 1 added, 1 deleted, 1 changed (1 cells), 0 unchanged"
    )
    assert "IRQ2 fatalities: '0' -> '4'" in text
    assert document["added_ids"] == ["IRQ3"] and document["deleted_ids"] == ["IRQ1"]
    assert document["changes"] == [
        {"event_id_cnty": "IRQ2", "column": "fatalities", "old": "0", "new": "4"}
    ]
