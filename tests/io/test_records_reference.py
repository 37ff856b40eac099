from __future__ import annotations

import csv
import datetime as dt
import warnings
from pathlib import Path

import pytest

from eventdata import NameReference, NameWarning, NotEventDataError, read_records

pytest.importorskip("rapidfuzz")  # names are looked up with the match extra

US_2021 = "Military Forces of the United States (2021-)"
US_2017 = "Military Forces of the United States (2017-2021)"
COLUMNS = [
    "event_id_cnty", "event_date", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
    "country", "iso", "region", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision",
]  # fmt: skip
ROWS = [
    ["IRQ1", "2021-07-06", US_2021, "", "Unidentified Armed Group (Iraq)", "", "Iraq", "368",
     "Middle East", "Baghdad", "Karkh", "", "Baghdad - Green Zone", "33.299", "44.396", "1"],
    ["IRQ2", "2020-12-20", US_2017, "", "Military Forces of Iraq (2020-)", "", "Iraq", "368",
     "Middle East", "Baghdad", "Karkh", "", "Baghdad - Karkh", "33.3164", "44.4039", "1"],
    ["IRQ3", "2021-06-27", "Kata'ib Hezbollah", "Kata'ib Sayyid al-Shuhada", "", "", "Iraq",
     "368", "Middle East", "Al Anbar", "Al Qaim", "", "Al Qaim", "34.37", "41.09", "2"],
]  # fmt: skip


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "iraq_export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(ROWS)
    return path


def attack_file(
    tmp_path: Path, *fields: str, id: str = "rockets", date: str = "2020-12-20"
) -> Path:
    """A records file of one attack: its id, its date and these YAML lines of fields."""
    body = "".join(f"    {line}\n" for line in (f"id: {id}", f"date: {date}", *fields))
    path = tmp_path / "report.yaml"
    path.write_text(
        "format: eventdata.records/1\nrecords:\n  - record_type: attack\n" + body,
        encoding="utf-8",
    )
    return path


def coded_place(name: str) -> tuple[str, str]:
    """The YAML lines of a place in Iraq given with its country and coordinates."""
    return (
        f"place: {{name: {name}, country: Iraq, iso: 368, region: Middle East,",
        "        latitude: 33.3, longitude: 44.4}",
    )


def test_lookup_ranks_names_valid_on_the_date_first(export: Path) -> None:
    reference = NameReference.of(export)

    in_2021 = reference.lookup("US forces", on=dt.date(2021, 7, 6), kind="actor")
    in_2016 = reference.lookup("US forces", on=dt.date(2016, 7, 6), kind="actor")

    assert [(m.name, m.valid) for m in in_2021[:2]] == [(US_2021, True), (US_2017, True)]
    assert [(m.name, m.valid) for m in in_2016[:2]] == [(US_2021, False), (US_2017, False)]
    assert in_2021[0].detail == "2021-"


def test_lookup_finds_places_with_where_they_are(export: Path) -> None:
    reference = NameReference.of(export)

    (best, *_) = reference.lookup("Green Zone", kind="place")

    assert (best.name, best.detail) == ("Baghdad - Green Zone", "Baghdad, Iraq at 33.299, 44.396")


def test_a_place_given_by_name_only_is_filled_and_said_so(tmp_path: Path, export: Path) -> None:
    path = attack_file(tmp_path, "place: {name: Baghdad - Karkh}")

    with pytest.warns(NameWarning, match=r"filled place 'Baghdad - Karkh' from the reference"):
        (record,) = read_records(path, reference=export)

    place = record.place
    assert place is not None
    assert (place.country, place.iso, place.region, place.admin1, place.admin2) == (
        "Iraq",
        368,
        "Middle East",
        "Baghdad",
        "Karkh",
    )
    assert (place.latitude, place.longitude, int(place.geo_precision)) == (33.3164, 44.4039, 1)


def test_a_place_with_coordinates_is_left_as_coded(tmp_path: Path, export: Path) -> None:
    path = attack_file(tmp_path, *coded_place("Baghdad - Karkh"))

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        (record,) = read_records(path, reference=export)

    assert record.place is not None and record.place.admin2 is None


def test_unknown_names_warn_with_close_matches(tmp_path: Path, export: Path) -> None:
    path = attack_file(
        tmp_path,
        "attacker: {name: Kataib Hezbollah, actor_type: Political militia}",
        f"target: {{name: '{US_2017}', actor_type: External/Other forces}}",
        *coded_place("Green Zone"),
        id="strike",
        date="2022-03-01",
    )

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        read_records(path, reference=export)

    messages = [str(w.message) for w in caught if w.category is NameWarning]
    assert messages == [
        f"record 'strike': target '{US_2017}' is ACLED's name for another period, not for "
        f"2022-03-01; did you mean '{US_2021}'?",
        "record 'strike': attacker 'Kataib Hezbollah' is not an actor of the reference; "
        'did you mean "Kata\'ib Hezbollah"?',
        "record 'strike': place 'Green Zone' (Iraq) is not a location of the reference; did "
        "you mean 'Baghdad - Green Zone'?",
    ]


def test_the_reference_must_hold_actors_and_places(tmp_path: Path) -> None:
    path = tmp_path / "counts.csv"
    path.write_text("country,events\nIraq,3\n", encoding="utf-8")

    with pytest.raises(NotEventDataError, match="no actor1 or location column"):
        NameReference.of(path)


def test_lookups_without_rapidfuzz_name_the_extra(
    export: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from eventdata import MissingExtraError

    reference = NameReference.of(export)
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)

    with pytest.raises(MissingExtraError, match=r"pip install 'eventdata\[match\]'"):
        reference.lookup("US forces")


def test_a_parquet_store_is_a_reference_too(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    store = tmp_path / "store"
    store.mkdir()
    table = pa.Table.from_pylist([dict(zip(COLUMNS, row, strict=True)) for row in ROWS])
    pq.write_table(table, store / "part-0.parquet")

    reference = NameReference.of(store)

    assert US_2021 in reference.actors
    assert reference.place("Al Qaim", country="Iraq") == {
        "country": "Iraq", "iso": 368, "region": "Middle East", "admin1": "Al Anbar",
        "admin2": "Al Qaim", "admin3": None, "location": "Al Qaim", "latitude": 34.37,
        "longitude": 41.09, "geo_precision": 2,
    }  # fmt: skip
