import csv
import datetime as dt
import hashlib
import io
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pytest
from pydantic import ValidationError

from eventdata import ACLED_COLUMNS, INTERACTIONS, Event, EventType, SubEventType, interaction_code
from eventdata.synthetic import (
    _PROFILES,
    FAULT_KINDS,
    Fault,
    generate_events,
    inject_faults,
    write_csv,
)
from eventdata.vocabulary.codebook import CIVILIAN_TARGETING
from eventdata.vocabulary.countries import alpha3_from_numeric, event_id_prefix

N = 2000


@pytest.fixture(scope="module")
def table() -> pa.Table:
    return generate_events(N, seed=7)


@pytest.fixture(scope="module")
def rows(table: pa.Table) -> list[dict[str, str]]:
    return table.to_pylist()


def test_columns_are_acled_strings(table: pa.Table) -> None:
    assert table.column_names == list(ACLED_COLUMNS)
    assert len(ACLED_COLUMNS) == 31
    assert all(t == pa.string() for t in table.schema.types)
    assert table.num_rows == N
    assert all(c.null_count == 0 for c in table.columns)


def test_every_row_validates_without_warnings(rows: list[dict[str, str]]) -> None:
    for row in rows:
        event = Event.model_validate(row)
        assert not event.warnings()


def test_rows_round_trip_through_event(rows: list[dict[str, str]]) -> None:
    for row in rows[:300]:
        back = Event.model_validate(row).to_acled()
        assert {k: v for k, v in back.items() if k not in ("latitude", "longitude")} == {
            k: v for k, v in row.items() if k not in ("latitude", "longitude")
        }
        assert float(back["latitude"]) == float(row["latitude"])


def test_hierarchy_and_interaction_derived_from_codebook(rows: list[dict[str, str]]) -> None:
    for row in rows:
        sub = SubEventType(row["sub_event_type"])
        assert row["event_type"] == sub.event_type.value
        assert row["disorder_type"] == sub.disorder_type.value
        assert row["interaction"] == INTERACTIONS[interaction_code(row["inter1"], row["inter2"])]
        assert (row["actor2"] == "") == (row["inter2"] == "")
        assert row["year"] == row["event_date"][:4]
        if row["event_type"] == EventType.VIOLENCE_AGAINST_CIVILIANS.value:
            assert row["civilian_targeting"] == CIVILIAN_TARGETING


def test_event_ids_unique_with_alpha3_prefix(rows: list[dict[str, str]]) -> None:
    ids = [r["event_id_cnty"] for r in rows]
    assert len(set(ids)) == len(ids)
    for row in rows:
        assert event_id_prefix(row["event_id_cnty"]) == alpha3_from_numeric(row["iso"])
        assert row["event_id_cnty"][3:].isdigit()


def test_coordinates_within_country_bbox(rows: list[dict[str, str]]) -> None:
    boxes = {p.country: (p.lat, p.lon) for p in _PROFILES}
    for row in rows:
        (lat0, lat1), (lon0, lon1) = boxes[row["country"]]
        assert lat0 <= float(row["latitude"]) <= lat1
        assert lon0 <= float(row["longitude"]) <= lon1
        assert len(row["latitude"].split(".")[1]) == 4


def test_distributions_are_realistic(table: pa.Table) -> None:
    fatalities = np.asarray(pc.cast(table["fatalities"], pa.int64()))
    assert 0.6 < (fatalities == 0).mean() < 0.9
    assert fatalities.max() <= 1000
    assert fatalities.max() >= 20
    counts = dict(zip(*np.unique(table["sub_event_type"], return_counts=True), strict=True))
    assert max(counts, key=lambda k: counts[k]) == "Armed clash"
    countries = dict(zip(*np.unique(table["country"], return_counts=True), strict=True))
    assert max(countries, key=lambda k: countries[k]) == "Somalia"
    assert set(np.unique(table["time_precision"])) <= {"1", "2", "3"}
    assert (np.asarray(table["geo_precision"]) == "1").mean() > 0.5
    lengths = np.asarray(pc.utf8_length(table["notes"]))
    assert 250 < lengths.mean() < 350
    notes = table["notes"]
    assert pc.sum(pc.match_substring(notes, ",")).as_py() == N
    assert pc.sum(pc.match_substring(notes, '"')).as_py() > 0
    assert pc.sum(pc.match_substring(notes, "\n")).as_py() > 0


def test_protests_and_riots_carry_crowd_size(rows: list[dict[str, str]]) -> None:
    demos = [r for r in rows if r["event_type"] in ("Protests", "Riots")]
    assert demos
    assert all(r["tags"].startswith("crowd size=") for r in demos)
    assert sum(r["tags"] == "crowd size=no report" for r in demos) > len(demos) / 2


def test_dates_within_range_and_sorted() -> None:
    start, end = dt.date(2023, 3, 1), dt.date(2023, 3, 31)
    dates = generate_events(500, seed=3, start=start, end=end)["event_date"].to_pylist()
    assert dates == sorted(dates)
    assert dates[0] >= "2023-03-01"
    assert dates[-1] <= "2023-03-31"


@pytest.mark.parametrize("n", [0, 1, 17])
def test_small_sizes(n: int) -> None:
    assert generate_events(n).num_rows == n


def test_same_seed_same_table() -> None:
    assert generate_events(500, seed=11).equals(generate_events(500, seed=11))


def test_different_seed_different_table() -> None:
    assert not generate_events(500, seed=11).equals(generate_events(500, seed=12))


# SHA-256 of the CSV bytes as written by the single-module synthetic.py (commit 6bcd43e),
# before it became a package: refactors must keep them; a deliberate change to the data
# generated for a seed updates them (and examples/data/sample_events.csv).
_PINNED_CSV_SHA256 = "d702052572c188627d9fdd556c180e65b67a6d1d4d0c4a97a5ef30e972a43d80"
_PINNED_FAULTY_CSV_SHA256 = "657eb51cd32663d692edc4b6e341f7a0b0cd0dc35ab4681bf2b7bff36e111841"


def _csv_sha256(table: pa.Table, path: Path) -> str:
    write_csv(table, path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_output_for_a_seed_is_pinned(tmp_path: Path) -> None:
    table = generate_events(500, seed=3)
    assert _csv_sha256(table, tmp_path / "events.csv") == _PINNED_CSV_SHA256
    bad, faults = inject_faults(table, seed=2, rate=0.06)
    assert len(faults) == 30
    assert sorted({f.kind for f in faults}) == sorted(FAULT_KINDS)
    assert _csv_sha256(bad, tmp_path / "faulty.csv") == _PINNED_FAULTY_CSV_SHA256


def test_larger_tables_span_several_batches() -> None:
    big = generate_events(300_000, seed=5)
    assert big.num_rows == 300_000
    assert pc.count_distinct(big["event_id_cnty"]).as_py() == 300_000


# -- CSV ----------------------------------------------------------------------------------


def test_write_csv_round_trips(table: pa.Table, tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    write_csv(table, path)
    types = {name: pa.string() for name in ACLED_COLUMNS}
    back = pacsv.read_csv(
        path,
        convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
    )
    assert back.equals(table)
    with path.open(newline="", encoding="utf-8") as f:
        assert list(csv.DictReader(f)) == table.to_pylist()


def test_write_csv_quotes_only_where_needed(tmp_path: Path) -> None:
    t = pa.table(
        {"a": ["plain", "with, comma", 'say "hi"', "two\nlines", ""], "b": [1, 2, 3, 4, 5]}
    )
    path = tmp_path / "t.csv"
    write_csv(t, path)
    assert path.read_text() == (
        'a,b\nplain,1\n"with, comma",2\n"say ""hi""",3\n"two\nlines",4\n,5\n'
    )


def test_write_csv_matches_stdlib_reader(tmp_path: Path) -> None:
    t = generate_events(300, seed=2)
    path = tmp_path / "e.csv"
    write_csv(t, path, batch_rows=64)
    text = path.read_text(encoding="utf-8")
    assert list(csv.DictReader(io.StringIO(text, newline=""))) == t.to_pylist()


# -- faults ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def faulty(table: pa.Table) -> tuple[pa.Table, list[Fault]]:
    return inject_faults(table, seed=3, rate=0.06)


def test_fault_count_and_one_fault_per_row(faulty: tuple[pa.Table, list[Fault]]) -> None:
    _, faults = faulty
    assert len(faults) == round(0.06 * N)
    assert len({f.row for f in faults}) == len(faults)
    assert faults == sorted(faults)
    assert {f.kind for f in faults} == set(FAULT_KINDS)
    assert all(f.column == FAULT_KINDS[f.kind] for f in faults)


def test_faults_change_only_listed_rows(
    table: pa.Table, faulty: tuple[pa.Table, list[Fault]]
) -> None:
    bad, faults = faulty
    changed = set()
    for name in ACLED_COLUMNS:
        diff = np.flatnonzero(np.asarray(pc.not_equal(table[name], bad[name])))
        changed.update(diff.tolist())
    listed = {f.row for f in faults}
    duplicated_originals = {f.row for f in faults if f.kind == "event_id_cnty.duplicate"}
    assert changed <= listed
    assert listed - changed <= duplicated_originals


def test_pydantic_finds_exactly_the_faulty_rows(faulty: tuple[pa.Table, list[Fault]]) -> None:
    bad, faults = faulty
    by_row = {f.row: f for f in faults}
    for i, row in enumerate(bad.to_pylist()):
        fault = by_row.get(i)
        if fault is None or fault.kind == "event_id_cnty.duplicate":
            Event.model_validate(row)
            continue
        with pytest.raises(ValidationError) as info:
            Event.model_validate(row)
        locs = {err["loc"][0] for err in info.value.errors()}
        assert locs == {fault.column}, (fault, info.value.errors())


def test_duplicate_faults_come_in_pairs(faulty: tuple[pa.Table, list[Fault]]) -> None:
    bad, faults = faulty
    ids = bad["event_id_cnty"].to_pylist()
    dup_rows = sorted(f.row for f in faults if f.kind == "event_id_cnty.duplicate")
    assert dup_rows and len(dup_rows) % 2 == 0
    counts: dict[str, int] = {}
    for value in ids:
        counts[value] = counts.get(value, 0) + 1
    assert sorted(i for i, v in enumerate(ids) if counts[v] > 1) == dup_rows


@pytest.mark.parametrize("kind", sorted(FAULT_KINDS))
def test_each_kind_alone(kind: str, table: pa.Table) -> None:
    bad, faults = inject_faults(table, seed=1, rate=0.01, kinds=[kind])
    assert len(faults) == 20
    assert {f.kind for f in faults} == {kind}
    if kind == "event_id_cnty.duplicate":
        assert pc.count_distinct(bad["event_id_cnty"]).as_py() == N - 10
        return
    for fault in faults:
        row = bad.slice(fault.row, 1).to_pylist()[0]
        with pytest.raises(ValidationError) as info:
            Event.model_validate(row)
        assert {e["loc"][0] for e in info.value.errors()} == {fault.column}


def test_faults_are_deterministic(table: pa.Table) -> None:
    a_table, a_faults = inject_faults(table, seed=9, rate=0.02)
    b_table, b_faults = inject_faults(table, seed=9, rate=0.02)
    assert a_faults == b_faults
    assert a_table.equals(b_table)
    assert inject_faults(table, seed=10, rate=0.02)[1] != a_faults


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kinds": ["nope"]}, "unknown fault kind"),
        ({"rate": 1.5}, "rate must be"),
        ({"rate": 0.9, "kinds": ["inter2.without_actor2"]}, "rows can take fault"),
    ],
)
def test_inject_faults_rejects_bad_arguments(
    table: pa.Table, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        inject_faults(table, seed=0, **kwargs)  # type: ignore[arg-type]


def test_duplicate_pairs_share_a_country(faulty: tuple[pa.Table, list[Fault]]) -> None:
    bad, faults = faulty
    rows = [f.row for f in faults if f.kind == "event_id_cnty.duplicate"]
    by_id: dict[str, set[str]] = {}
    for row in rows:
        record = bad.slice(row, 1).to_pylist()[0]
        by_id.setdefault(record["event_id_cnty"], set()).add(record["iso"])
    assert len(by_id) == len(rows) // 2
    assert all(len(isos) == 1 for isos in by_id.values())


def test_validate_reports_exactly_the_injected_faults(
    faulty: tuple[pa.Table, list[Fault]],
) -> None:
    from eventdata import validate

    bad, faults = faulty
    report = validate(bad)
    failures = report.failures
    assert report.n_rows == N
    assert set(failures["severity"]) == {"error"}
    assert set(zip(failures["row"], failures["column"], strict=True)) == {
        (f.row, f.column) for f in faults
    }
    assert len(report.invalid) == len(faults)
