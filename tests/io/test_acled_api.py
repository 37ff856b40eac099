"""Saved ACLED API pages and /deleted/read responses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from acled_fixtures import make_row

from eventdata import InputError, apply_deletions, read_acled, read_api_responses, validate
from eventdata.io.acled_api import read_deletions

# the same event coded with inter_num=1: numeric actor types and interaction
NUMERIC = {"inter1": "8", "inter2": "3", "interaction": "38"}


def page(*rows: dict[str, str]) -> dict[str, Any]:
    return {"status": 200, "success": True, "count": len(rows), "data": list(rows)}


def save(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def deletions(*pairs: tuple[str, str]) -> dict[str, Any]:
    return page(*({"event_id_cnty": i, "deleted_timestamp": t} for i, t in pairs))


def two_pages(tmp_path: Path) -> list[Path]:
    first = page(make_row(), make_row(event_id_cnty="IRQ90002", timestamp="1700000000"))
    second = page(make_row(event_id_cnty="IRQ90003", **NUMERIC))
    return [save(tmp_path / "page1.json", first), save(tmp_path / "page2.json", second)]


def test_pages_join_into_one_all_text_table_that_validates(tmp_path: Path) -> None:
    paths = two_pages(tmp_path)

    table = read_api_responses(paths)
    report = validate(table)

    assert table.num_rows == 3
    assert set(table.schema.types) == {pa.string()}
    assert table.column("event_id_cnty").to_pylist() == ["IRQ90001", "IRQ90002", "IRQ90003"]
    assert table.column("inter1").to_pylist() == ["External/Other forces"] * 2 + ["8"]
    assert report.ok and report.counts() == {}


@pytest.mark.parametrize("form", ["path", "document", "documents"])
def test_paths_and_parsed_documents_are_accepted(tmp_path: Path, form: str) -> None:
    document = page(make_row(), make_row(event_id_cnty="IRQ90002"))
    source: Any = {
        "path": save(tmp_path / "page.json", document),
        "document": document,
        "documents": [document, page()],
    }[form]

    table = read_api_responses(source)

    assert table.num_rows == 2


def test_numbers_sent_as_json_numbers_become_text() -> None:
    row: dict[str, Any] = {**make_row(), "fatalities": 3, "latitude": 33.299, "iso": 368}

    table = read_api_responses(page(row))

    assert table.column("fatalities").to_pylist() == ["3"]
    assert table.column("iso").to_pylist() == ["368"]
    assert validate(table).ok


def test_pages_with_different_fields_get_the_union_of_columns() -> None:
    slim = {"event_id_cnty": "IRQ1", "fatalities": "2"}
    wide = {**make_row(), "population_best": "1200"}

    table = read_api_responses([page(slim), page(wide)])

    assert table.column("population_best").to_pylist() == [None, "1200"]
    assert table.column_names[:2] == ["event_id_cnty", "fatalities"]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"success": False, "error": {"status": 403, "message": "Access denied"}},
            "error response",
        ),
        ({"success": True}, "no 'data' list"),
        ({"success": True, "data": ["IRQ1"]}, "no 'data' list"),
    ],
)
def test_bad_responses_are_refused_with_what_to_do(document: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_api_responses([page(make_row()), document])


def test_a_file_that_is_not_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    path.write_text("<html>502 Bad Gateway</html>", encoding="utf-8")

    with pytest.raises(InputError, match=r"page\.json: is not a JSON document"):
        read_api_responses(path)


# -- deletions -------------------------------------------------------------------------------

ROW_TIME = "1625580000"


@pytest.mark.parametrize(
    ("row_timestamp", "deleted", "removed"),
    [
        (ROW_TIME, [("IRQ90001", "1625590000")], 1),  # deleted after the row was uploaded
        (ROW_TIME, [("IRQ90001", ROW_TIME)], 1),  # at the same second
        (ROW_TIME, [("IRQ90001", "1625500000")], 0),  # re-published after the deletion
        (ROW_TIME, [("IRQ90001", "1625500000"), ("IRQ90001", "1625590000")], 1),  # latest counts
        (ROW_TIME, [("IRQ99999", "1625590000")], 0),  # another event
        ("", [("IRQ90001", "1")], 1),  # no timestamp: nothing shows the row is newer
        (ROW_TIME, [], 0),
    ],
)
def test_deletions_remove_rows_deleted_at_or_after_their_timestamp(
    row_timestamp: str, deleted: list[tuple[str, str]], removed: int
) -> None:
    table = read_api_responses(
        page(make_row(timestamp=row_timestamp), make_row(event_id_cnty="IRQ90002"))
    )

    kept, count = apply_deletions(table, deletions(*deleted))

    assert count == removed
    assert kept.num_rows == 2 - removed
    assert "IRQ90002" in kept.column("event_id_cnty").to_pylist()


def test_deletions_apply_to_a_read_acled_frame_and_keep_its_index(tmp_path: Path) -> None:
    paths = two_pages(tmp_path)
    deleted = save(tmp_path / "deleted.json", deletions(("IRQ90002", "1700000001")))
    frame = read_acled(paths[0])

    kept, count = apply_deletions(frame, deleted)
    report = validate(kept)

    assert isinstance(kept, pd.DataFrame)
    assert count == 1
    assert kept.index.tolist() == [0]
    assert report.ok and report.n_rows == 1


def test_deletions_table_is_typed() -> None:
    table = read_deletions(deletions(("IRQ1", "1700000000"), ("IRQ2", " 1700000001 ")))

    assert table.to_pylist() == [
        {"event_id_cnty": "IRQ1", "deleted_timestamp": 1700000000},
        {"event_id_cnty": "IRQ2", "deleted_timestamp": 1700000001},
    ]


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([{"event_id_cnty": "IRQ1"}], "lacks 'deleted_timestamp'"),
        ([{"event_id_cnty": "IRQ1", "deleted_timestamp": "yesterday"}], "not Unix seconds"),
    ],
)
def test_bad_deletions_are_refused(records: list[dict[str, str]], message: str) -> None:
    table = read_api_responses(page(make_row()))

    with pytest.raises(InputError, match=message):
        apply_deletions(table, {"success": True, "data": records})


def test_data_without_timestamps_is_refused() -> None:
    table = pa.table({"event_id_cnty": ["IRQ1"]})

    with pytest.raises(InputError, match="lacks 'timestamp'"):
        apply_deletions(table, deletions(("IRQ1", "1")))
