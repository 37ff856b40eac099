"""Shared test helpers: real-data locations, a valid ACLED row, mutations, CSV writing."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ACLED_DIR = SHARED_DATA / "acled"

CURRENT_FILES = [
    "iraq_2024-01_2024-03_prefix.csv",
    "middle_east_2024_kuwait.csv",
    "middle_east_2024_oman.csv",
    "middle_east_2024_qatar.csv",
    "middle_east_2024_saudi_arabia.csv",
    "middle_east_2024_united_arab_emirates.csv",
    "somalia_2025-04_2026-03.csv",
    "exporttool_sample_2024-11.csv",
]
PRE2023_FILES = ["afghanistan_2020-03_pre2023_exporttool.csv"]
LEGACY_FILES = ["africa_2016_v6_pandas.csv"]


def shared_file(name: str) -> Path:
    """A real export from ../shared/data/acled; skips the test when it is absent."""
    path = ACLED_DIR / name
    if not path.exists():
        pytest.skip(f"real data not available: {name}")
    return path


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a real export as the csv module reads them (preamble skipped)."""
    text = path.read_text(encoding="utf-8-sig")
    if text.startswith("(Sample)"):
        text = text.split("\n", 2)[2]
    return list(csv.DictReader(io.StringIO(text)))


ACLED_ROW = {
    "event_id_cnty": "IRQ90001",
    "event_date": "2021-07-06",
    "year": "2021",
    "time_precision": "1",
    "disorder_type": "Strategic developments",
    "event_type": "Strategic developments",
    "sub_event_type": "Disrupted weapons use",
    "actor1": "Military Forces of the United States (2021-)",
    "assoc_actor_1": "",
    "inter1": "External/Other forces",
    "actor2": "Unidentified Armed Group (Iraq)",
    "assoc_actor_2": "",
    "inter2": "Political militia",
    "interaction": "Political militia-External/Other forces",
    "civilian_targeting": "",
    "iso": "368",
    "region": "Middle East",
    "country": "Iraq",
    "admin1": "Baghdad",
    "admin2": "Al Resafa",
    "admin3": "",
    "location": "Baghdad - Green Zone",
    "latitude": "33.2990",
    "longitude": "44.3960",
    "geo_precision": "1",
    "source": "AFP; Reuters",
    "source_scale": "International",
    "notes": 'Interception: On 6 July 2021, C-RAM "took out" a drone, sirens sounded.',
    "fatalities": "0",
    "tags": "",
    "timestamp": "1625580000",
}
"""A valid current-dialect ACLED row as text (the embassy drone interception)."""


def row_maker(row: Mapping[str, str]) -> Callable[..., dict[str, str]]:
    """A function returning a copy of ``row`` with the values it is given changed."""

    def changed(**overrides: str) -> dict[str, str]:
        return {**row, **overrides}

    return changed


make_row = row_maker(ACLED_ROW)
""":data:`ACLED_ROW` with some values changed: ``make_row(year="2020")``."""


# Places a test row can move to: make_row's place columns, in this order
PLACE_COLUMNS = (
    "country",
    "iso",
    "region",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
)
PLACES = {
    "Abuja": ("Nigeria", "566", "Western Africa", "Federal Capital Territory", "Abuja Municipal",
              "Abuja", "9.0833", "7.5333"),
    "Mogadishu": ("Somalia", "706", "Eastern Africa", "Banadir", "Mogadishu", "Mogadishu - Hodan",
                  "2.0469", "45.3182"),
}  # fmt: skip


def placed_row(place: str, **overrides: str) -> dict[str, str]:
    """:func:`make_row` moved to one of :data:`PLACES` (country, admin units, coordinates)."""
    return make_row(**{**dict(zip(PLACE_COLUMNS, PLACES[place], strict=True)), **overrides})


# One fault each: (overrides, the column blamed, the rule that must fire)
MUTATIONS: list[tuple[dict[str, str], str, str]] = [
    (
        {"sub_event_type": "Other", "event_type": "Battles"},
        "sub_event_type",
        "hierarchy.sub_event_type",
    ),
    ({"disorder_type": "Political violence"}, "disorder_type", "hierarchy.disorder_type"),
    ({"interaction": "State forces-Political militia"}, "interaction", "interaction.consistent"),
    ({"actor2": "", "assoc_actor_2": ""}, "inter2", "actor2.inter2"),
    ({"inter2": "", "interaction": "External/Other forces only"}, "inter2", "actor2.inter2"),
    ({"year": "2020"}, "year", "year.event_date"),
    ({"latitude": "95"}, "latitude", "range.latitude"),
    ({"longitude": "-181"}, "longitude", "range.longitude"),
    ({"time_precision": "4"}, "time_precision", "range.time_precision"),
    ({"geo_precision": "0"}, "geo_precision", "range.geo_precision"),
    ({"fatalities": "-1"}, "fatalities", "range.fatalities"),
    ({"fatalities": "many"}, "fatalities", "type.fatalities"),
    ({"fatalities": ""}, "fatalities", "required.fatalities"),
    ({"iso": "3680"}, "iso", "range.iso"),
    ({"timestamp": "yesterday"}, "timestamp", "type.timestamp"),
    ({"latitude": "33,29"}, "latitude", "type.latitude"),
    ({"event_type": "Riots/Protests"}, "event_type", "vocabulary.event_type"),
    ({"disorder_type": ""}, "disorder_type", "required.disorder_type"),
    ({"inter1": "Militia"}, "inter1", "vocabulary.inter1"),
    ({"inter1": "9"}, "inter1", "vocabulary.inter1"),
    ({"interaction": "99"}, "interaction", "vocabulary.interaction"),
    ({"event_date": "2021-13-45"}, "event_date", "type.event_date"),
    ({"event_date": ""}, "event_date", "required.event_date"),
    ({"actor1": ""}, "actor1", "not_empty.actor1"),
    ({"country": "   "}, "country", "not_empty.country"),
    ({"region": ""}, "region", "not_empty.region"),
    ({"location": " \t"}, "location", "not_empty.location"),
    ({"actor1": "\u00a0"}, "actor1", "not_empty.actor1"),
    ({"event_id_cnty": ""}, "event_id_cnty", "not_empty.event_id_cnty"),
    ({"event_id_cnty": "IRQ\u200b90001"}, "event_id_cnty", "invisible.event_id_cnty"),
    ({"source_scale": "National-Global"}, "source_scale", "vocabulary.source_scale"),
    (
        {"civilian_targeting": "Civilians targeted"},
        "civilian_targeting",
        "vocabulary.civilian_targeting",
    ),
]

WARNING_MUTATIONS: list[tuple[dict[str, str], str, str]] = [
    ({"latitude": "0", "longitude": "0"}, "latitude", "coordinates.null_island"),
    ({"fatalities": "1001"}, "fatalities", "fatalities.high"),
    ({"event_date": "2999-01-01", "year": "2999"}, "event_date", "event_date.future"),
    (
        {
            "event_type": "Violence against civilians",
            "sub_event_type": "Attack",
            "disorder_type": "Political violence",
            "inter2": "Civilians",
            "actor2": "Civilians (Iraq)",
            "interaction": "External/Other forces-Civilians",
        },
        "civilian_targeting",
        "civilian_targeting.violence_against_civilians",
    ),
]


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    *,
    preamble: bool = False,
    bom: bool = False,
    crlf: bool = False,
    hxl: str | None = None,
    encoding: str = "utf-8",
    delimiter: str = ",",
    upper: bool = False,
    trailing_empty: int = 0,
) -> Path:
    """Write rows as an ACLED-style CSV with the given dialect quirks.

    ``upper`` writes the header in capitals; ``trailing_empty`` adds that many unnamed
    empty columns at the end of every line (as ACLED's v6 files have).
    """
    buffer = io.StringIO()
    newline = "\r\n" if crlf else "\n"
    if preamble:
        buffer.write("(Sample)" + newline + newline)
    names = list(rows[0]) + [f"_empty{i}" for i in range(trailing_empty)]
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow([n.upper() if upper else n for n in rows[0]] + [""] * trailing_empty)
    if hxl:
        buffer.write(hxl + newline)
    for row in rows:
        writer.writerow([row.get(n, "") for n in names])
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


WARNING_MUTATIONS += [
    ({"event_id_cnty": "SYR90001"}, "event_id_cnty", "event_id_cnty.country_prefix"),
    ({"iso": "760", "event_id_cnty": "SYR90001"}, "country", "country.iso"),
    ({"region": "Middle Earth"}, "region", "region.acled"),
    (
        {"country": "Red Sea", "iso": "0", "region": "Western Africa"},
        "region",
        "country.sea_region",
    ),
]
