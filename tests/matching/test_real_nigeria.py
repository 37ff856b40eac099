"""Conformance on MELTT's own replication data, Nigeria 2011 (skips when it is absent).

The GED file is a GED 2.0-era layout (``best_est``, ``high_est``, ``low_est``) and the ACLED
file a v5-era layout with upper-case columns; the readers take both as they are.
MELTT 0.4.3 on the same ACLED and GED rows, at 3 km / 1 day, finds 91 ACLED-GED pairs;
on all four sources (904 rows) it keeps 688 events.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from acled_fixtures import SHARED_DATA

from eventdata import MatchResult, ged_to_acled, integrate, match, scad_to_acled
from eventdata.matching.inputs import read_side

FOLDER = SHARED_DATA / "match"


def _file(name: str) -> Path:
    path = FOLDER / name
    if not path.exists():
        pytest.skip(f"real data not available: {name}")
    return path


def _ged() -> Path:
    return _file("nigeria_2011_meltt_ged.csv")


def _both_windows(other: Path) -> tuple[MatchResult, MatchResult]:
    """ACLED matched with ``other``: precision windows, and MELTT's 3 km / 1 day."""
    acled = _file("nigeria_2011_meltt_acled.csv")
    result = match(acled, other)
    fixed = match(acled, other, precision=False, km=3, days=1)
    s, f = result.summary, fixed.summary
    print(
        f"\nNigeria 2011 ACLED x {other.stem.rsplit('_', 1)[-1].upper()}: {s['pairs']} pairs "
        f"({s['one_to_one']} one-to-one, {s['episode']} episode), {s['candidates']} "
        f"candidates; fixed 3 km / 1 day: {f['pairs']} pairs (MELTT: 91 ACLED-GED pairs)"
    )
    return result, fixed


def test_acled_and_ged_of_nigeria_2011() -> None:
    result, fixed = _both_windows(_ged())

    s, f = result.summary, fixed.summary
    assert (s["left_rows"], s["right_rows"]) == (349, 248)
    assert s["left_matched"] + s["left_only"] == 349
    assert s["right_matched"] + s["right_only"] == 248
    assert f["pairs"] >= 91
    assert s["pairs"] > f["pairs"]
    # the Abuja police headquarters (16 June) and UN building (26 August) bombings:
    # ACLED and GED place them 5.6 km apart, beyond MELTT's 3 km
    pairs = set(zip(result.pairs["left_id"], result.pairs["right_id"], strict=True))
    assert {("3076NIG", "GED42073"), ("3127NIG", "GED42300")} <= pairs
    assert not {("3076NIG", "GED42073"), ("3127NIG", "GED42300")} & set(
        zip(fixed.pairs["left_id"], fixed.pairs["right_id"], strict=True)
    )


def test_acled_ged_and_gtd_integrate() -> None:
    acled = _file("nigeria_2011_meltt_acled.csv")
    gtd = _file("nigeria_2011_meltt_gtd.csv")

    merged = integrate([acled, _ged(), gtd])

    counts = merged["sources"].value_counts().to_dict()
    print(
        f"\nNigeria 2011 ACLED + GED + GTD: {len(merged)} events of {349 + 248 + 174} rows; "
        f"by number of sources {dict(sorted(counts.items()))}"
    )
    assert merged["acled"].map(len).sum() == 349
    assert merged["gtd"].map(len).sum() == 174
    with _ged().open(encoding="utf-8", newline="") as handle:
        ged_ids = {f"GED{row['id']}" for row in csv.DictReader(handle)}
    assert set(merged["ucdp"].explode().dropna()) == ged_ids
    assert len(merged) < 349 + 248 + 174


def test_acled_and_scad_of_nigeria_2011() -> None:
    result, fixed = _both_windows(_file("nigeria_2011_meltt_scad.csv"))

    s = result.summary
    assert (s["left_rows"], s["right_rows"]) == (349, 133)
    assert s["right_matched"] + s["right_only"] == 133
    assert s["episode"] > 0  # SCAD's multi-day events are spans
    pairs = set(zip(result.pairs["left_id"], result.pairs["right_id"], strict=True))
    # police shooting into a Maiduguri cinema (3 and 4 January); Kano's election riots
    assert {("2873NIG", "SCAD4750972-1"), ("3020NIG", "SCAD4751006-3")} <= pairs


def test_all_four_sources_integrate() -> None:
    files = [_file(f"nigeria_2011_meltt_{name}.csv") for name in ("acled", "ged", "gtd", "scad")]

    merged = integrate(files)
    fixed = integrate(files, precision=False, km=3, days=1)

    print(
        f"\nNigeria 2011 ACLED + GED + GTD + SCAD: {len(merged)} events of 904 rows; "
        f"fixed 3 km / 1 day: {len(fixed)} (MELTT keeps 688)"
    )
    assert merged["acled"].map(len).sum() == 349
    assert merged["gtd"].map(len).sum() == 174
    assert set(merged["scad"].explode().dropna()) == {
        f"SCAD{i}" for i in pd.read_csv(files[3], dtype=str).pipe(_location_ids)
    }
    assert len(merged) < len(fixed) < 904


def _location_ids(frame: pd.DataFrame) -> list[str]:
    return [f"{e}-{s}" for e, s in zip(frame["eventid"], frame["sublocal"], strict=True)]


@pytest.mark.parametrize(("name", "to_acled"), [("ged", ged_to_acled), ("scad", scad_to_acled)])
def test_rows_already_mapped_keep_their_spans(name: str, to_acled: Any) -> None:
    source = _file(f"nigeria_2011_meltt_{name}.csv")

    from_file = read_side(source)
    from_rows = read_side(to_acled(source))

    assert (from_file.end > from_file.start).sum() > 0  # multi-day events
    assert list(from_rows.ids) == list(from_file.ids)
    assert (from_rows.start == from_file.start).all()
    assert (from_rows.end == from_file.end).all()
