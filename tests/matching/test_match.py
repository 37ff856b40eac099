"""``eventdata.match``: measured accuracy on known answers, and the result object."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import eventdata
from eventdata import MatchResult, match
from eventdata.matching.simulate import KnownAnswer, Perturbation, second_coder


def test_known_answers_precision_and_recall(known: KnownAnswer) -> None:
    result = match(known.left, known.right)

    measured = known.evaluate(result)

    print(
        f"\nknown answers ({len(known.left):,} x {len(known.right):,} rows, "
        f"{len(known.truth):,} true pairs): precision {measured['precision']:.3f}, "
        f"recall {measured['recall']:.3f}, {result.candidates:,} candidates"
    )
    assert measured["precision"] >= 0.9
    assert measured["recall"] >= 0.9


def test_precision_windows_beat_fixed_point_windows_when_coders_disagree_on_place(
    synthetic_rows: pd.DataFrame,
) -> None:
    coarse = second_coder(
        synthetic_rows, seed=4, bounds=Perturbation(coarse_share=0.3, coarse_km=80.0)
    )

    with_precision = coarse.evaluate(match(coarse.left, coarse.right))
    fixed = coarse.evaluate(match(coarse.left, coarse.right, precision=False, km=3, days=1))

    print(
        f"\nrecall with precision windows {with_precision['recall']:.3f}, fixed 3 km / 1 day "
        f"{fixed['recall']:.3f}"
    )
    assert with_precision["recall"] > fixed["recall"] + 0.1


def test_every_row_is_in_a_pair_or_unmatched(known: KnownAnswer) -> None:
    result = match(known.left, known.right)

    left_seen = set(result.pairs["left_id"]) | set(result.left_only["event_id_cnty"])
    right_seen = set(result.pairs["right_id"]) | set(result.right_only["event_id_cnty"])

    assert left_seen == set(known.left["event_id_cnty"])
    assert right_seen == set(known.right["event_id_cnty"])
    assert not result.pairs.duplicated(["left_id", "right_id"]).any()
    one_to_one = result.pairs[result.pairs["kind"] == "one-to-one"]
    assert not one_to_one["left_id"].duplicated().any()
    assert not one_to_one["right_id"].duplicated().any()


def test_pairs_explain_themselves(known: KnownAnswer) -> None:
    result = match(known.left, known.right)
    pairs = result.pairs

    assert (pairs["score"] >= 0.6).all()
    assert (pairs["rank"] >= 1).all()
    assert (pairs["candidates"] >= pairs["rank"]).all()
    assert ((pairs["runner_up_score"].isna()) == (pairs["candidates"] == 1)).all()
    for column in ("time", "place", "type", "actors", "fatalities"):
        values = pairs[f"{column}_agreement"]
        assert values.between(0, 1).all(), column


def test_repr_summary_and_html(known: KnownAnswer) -> None:
    result = match(known.left, known.right, names=("first", "second"))
    s = result.summary

    assert repr(result) == (
        f"<MatchResult left='first' right='second' pairs={s['pairs']} "
        f"only_left={s['left_only']} only_right={s['right_only']} "
        f"candidates={s['candidates']}>"
    )
    assert s["left_matched"] + s["left_only"] == len(known.left)
    assert s["pairs"] == s["one_to_one"] + s["episode"]
    html = result._repr_html_()
    assert "MatchResult: first x second" in html
    assert '<td style="' in html and str(result.pairs["left_id"].iloc[0]) in html


def test_to_parquet_writes_pairs_then_unmatched_rows(tmp_path: Path, known: KnownAnswer) -> None:
    result = match(known.left, known.right)

    path = result.to_parquet(tmp_path / "pairs.parquet")

    table = pq.read_table(path)
    status = table.column("status").to_pylist()
    assert status.count("matched") == len(result.pairs)
    assert status.count("only_left") == len(result.left_only)
    assert status.count("only_right") == len(result.right_only)
    meta = json.loads(table.schema.metadata[b"eventdata.match"])
    assert meta["summary"]["pairs"] == len(result.pairs)
    assert meta["options"]["threshold"] == 0.6


def test_coverage_tables_add_up(known: KnownAnswer) -> None:
    result = match(known.left, known.right)

    tables = result.coverage()

    total = tables["total"].iloc[0]
    assert total["matched"] == len(result.pairs)
    assert total["only_left"] == len(result.left_only)
    assert total["only_right"] == len(result.right_only)
    assert tables["country_month"]["matched"].sum() == len(result.pairs)
    assert tables["event_type"]["only_right"].sum() == len(result.right_only)


def test_integrate_keeps_each_event_once_with_its_sources(synthetic_rows: pd.DataFrame) -> None:
    rows = synthetic_rows.iloc[:600]
    second = second_coder(rows, seed=2, bounds=Perturbation(split_share=0.0))
    third = second_coder(rows, seed=3, bounds=Perturbation(split_share=0.0))

    merged = eventdata.integrate([second.left, second.right, third.right], names=["a", "b", "c"])

    assert merged["a"].map(len).sum() == len(second.left)
    assert merged["b"].map(len).sum() == len(second.right)
    assert merged["c"].map(len).sum() == len(third.right)
    in_all = (merged["sources"] == 3).sum()
    print(f"\nintegrate: {len(merged)} events, {in_all} in all three sources")
    assert in_all >= 0.75 * len(rows)


def test_options_out_of_range_are_refused(known: KnownAnswer) -> None:
    with pytest.raises(ValueError, match="threshold"):
        match(known.left, known.right, threshold=1.5)
    with pytest.raises(ValueError, match="weights"):
        match(known.left, known.right, weights={"colour": 1.0})


def test_a_missing_extra_is_named() -> None:
    code = (
        "import sys; sys.modules['rapidfuzz'] = None\n"
        "import eventdata\n"
        "try:\n"
        "    eventdata.match([], [])\n"
        "except eventdata.MissingExtraError as exc:\n"
        "    print(exc)\n"
    )

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert "pip install 'eventdata[match]'" in result.stdout


def test_match_result_is_public() -> None:
    assert eventdata.MatchResult is MatchResult
