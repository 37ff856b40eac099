"""parse_tags and read_acled(tags=True): ACLED's tags as typed columns."""

from __future__ import annotations

import warnings

import acled_fixtures as fixtures
import pandas as pd
import pytest

from eventdata import InputError, parse_tags, read_acled
from eventdata.pipeline.tags import UnknownTagWarning, crowd_bounds, tag_columns


def frame_with(tags: list[str | None]) -> pd.DataFrame:
    rows = [
        fixtures.make_row(event_id_cnty=f"IRQ{90001 + i}", tags=t or "") for i, t in enumerate(tags)
    ]
    return read_acled(pd.DataFrame(rows))


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("no report", (None, None)),
        ("around 200", (200, 200)),
        ("at least 20-25", (20, 25)),
        ("at least 50", (50, None)),
        ("more than 200", (201, None)),
        ("around 3,000", (3000, 3000)),
        ("hundreds", (100, None)),
        ("several 1000", (2000, None)),
        ("up to 30", (None, 30)),
        ("large", (None, None)),
    ],
)
def test_crowd_bounds(text: str, bounds: tuple[int | None, int | None]) -> None:
    assert crowd_bounds(text) == bounds


def test_typed_columns_keep_the_raw_text() -> None:
    frame = frame_with(
        [
            "crowd size=around 200",
            "crowd size= no report; local administrators",
            "women targeted: girls; sexual violence",
            "",
        ]
    )

    parsed = parse_tags(frame)

    assert parsed["tags"].tolist()[0] == "crowd size=around 200"
    assert parsed["tag_crowd_size"].tolist()[:2] == ["around 200", "no report"]
    assert parsed["tag_crowd_size_low"].tolist()[0] == 200
    assert parsed["tag_local_administrators"].tolist() == [False, True, False, False]
    assert parsed["tag_sexual_violence"].tolist() == [False, False, True, False]
    assert parsed["tag_women_targeted"].tolist()[2] == "girls"
    assert str(parsed["tag_crowd_size_low"].dtype) == "Int64"
    assert str(parsed["tag_sexual_violence"].dtype) == "boolean"
    assert list(parsed.columns[-len(tag_columns()) :]) == tag_columns()


def test_unknown_tags_are_reported_never_dropped() -> None:
    frame = frame_with(["crowd size=dozens; armed presence", "armed presence", None])

    with pytest.warns(UnknownTagWarning, match="'armed presence' \\(2\\)"):
        parsed = parse_tags(frame)

    assert parsed["tag_unknown"].tolist()[:2] == ["armed presence", "armed presence"]
    assert parsed.attrs["eventdata.unknown_tags"] == {"armed presence": 2}
    assert parsed["tag_crowd_size_low"].tolist()[0] == 12


def test_read_acled_option() -> None:
    rows = [fixtures.make_row(tags="crowd size=at least 10-12")]

    frame = read_acled(pd.DataFrame(rows), tags=True)

    assert (frame["tag_crowd_size_low"].iloc[0], frame["tag_crowd_size_high"].iloc[0]) == (10, 12)


def test_a_table_without_tags_is_refused() -> None:
    with pytest.raises(InputError, match="added tags in March 2023"):
        parse_tags(pd.DataFrame({"event_id_cnty": ["IRQ1"]}))


@pytest.mark.parametrize(
    "name", ["somalia_2025-04_2026-03.csv", "bangladesh_2022-2024_excel_long.csv"]
)
def test_tags_of_real_exports(name: str) -> None:
    path = fixtures.shared_file(name)

    with warnings.catch_warnings():
        warnings.simplefilter("error", UnknownTagWarning)  # every tag of these is known
        frame = read_acled(path, tags=True)

    demonstrations = frame["event_type"].isin(["Protests", "Riots"])
    assert frame.loc[demonstrations, "tag_crowd_size"].notna().all()
    assert frame["tag_unknown"].isna().all()
    with_number = frame["tag_crowd_size_low"].notna()
    assert with_number.any()
    assert (
        frame.loc[with_number, "tag_crowd_size"].str.contains(
            r"\d|hundred|thousand|dozen|several|few|two|one"
        )
    ).all()
    bounded = frame["tag_crowd_size_high"].notna() & with_number
    assert (
        frame.loc[bounded, "tag_crowd_size_low"] <= frame.loc[bounded, "tag_crowd_size_high"]
    ).all()
