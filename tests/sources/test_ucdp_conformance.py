"""Real UCDP GED 23.1 files read, validate and map; the documented warning counts hold."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from pydantic import ValidationError

from eventdata.models.event import ACLED_COLUMNS
from eventdata.models.ged import GED_COLUMNS, GedEvent
from eventdata.pipeline.read import read_acled
from eventdata.pipeline.validate import validate, validate_ged
from eventdata.schema.arrow import pandas_to_table
from eventdata.sources.ucdp import read_ged
from eventdata.sources.ucdp_mapping import ged_to_acled, ged_to_acled_table

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
UCDP_DIR = SHARED_DATA / "ucdp"

# file -> (records, warnings by rule) as documented in docs/ucdp.md
EXPECTED = {
    "ged231_sample1000.csv": (1000, {"deaths.low_best_high": 13}),
    "ged231_iraq_syria.csv": (284, {"deaths.low_best_high": 2}),
}


def ucdp_file(name: str) -> Path:
    path = UCDP_DIR / name
    if not path.exists():
        pytest.skip(f"real data not available: {name}")
    return path


@pytest.mark.parametrize(("name", "expected"), EXPECTED.items())
def test_real_ged_reads_typed(name: str, expected: tuple[int, dict[str, int]]) -> None:
    frame = read_ged(ucdp_file(name))

    assert len(frame) == expected[0]
    assert list(frame.columns) == list(GED_COLUMNS)
    assert frame["id"].is_unique
    assert frame["date_start"].min() >= pd.Timestamp("1989-01-01").date()
    assert frame["gwnob"].isna().sum() > len(frame) // 2  # lost to NA in the R sample


@pytest.mark.parametrize(("name", "expected"), EXPECTED.items())
def test_real_ged_validates_with_only_the_documented_warnings(
    name: str, expected: tuple[int, dict[str, int]]
) -> None:
    report = validate_ged(ucdp_file(name))

    assert report.ok
    assert report.n_rows == expected[0]
    assert report.counts() == expected[1]
    assert set(report.failures["severity"]) == {"warning"}


@pytest.mark.parametrize("name", EXPECTED)
def test_model_agrees_with_the_columnar_validator_on_every_real_row(name: str) -> None:
    path = ucdp_file(name)
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    report = validate_ged(path)

    warned = []
    for position, row in enumerate(rows):
        try:
            event = GedEvent.model_validate(row)
        except ValidationError as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"row {position} rejected by the model: {exc}")
        if event.warnings():
            warned.append(position)

    assert warned == sorted(report.failures["row"].tolist())


# rows where fatalities (the lowest GED figure) differs from GED's best estimate
LOWER_THAN_BEST = {"ged231_sample1000.csv": 55, "ged231_iraq_syria.csv": 14}


@pytest.mark.parametrize(("name", "lower"), LOWER_THAN_BEST.items())
def test_real_ged_maps_to_valid_acled_rows(name: str, lower: int) -> None:
    mapped = ged_to_acled(read_ged(ucdp_file(name)))

    report = validate(mapped, ignore=["event_id_cnty.country_prefix"])

    assert report.ok, report.format_text()
    assert mapped["iso"].notna().all()
    assert (mapped["dataset"] == "ucdp-ged").all()
    assert (mapped["fatalities"] < mapped["ged_best"]).sum() == lower


def test_real_acled_and_ged_rows_combine_in_one_parquet_dataset(tmp_path: Path) -> None:
    acled_path = SHARED_DATA / "acled" / "iraq_2024-01_2024-03_prefix.csv"
    if not acled_path.exists():
        pytest.skip("real ACLED data not available")
    acled = pandas_to_table(read_acled(acled_path))
    acled = acled.append_column("dataset", pa.array(["acled"] * acled.num_rows))
    ged: pa.Table = ged_to_acled_table(
        pa.Table.from_pandas(read_ged(ucdp_file("ged231_iraq_syria.csv")))
    )
    combined = pa.concat_tables(
        [acled.select([*ACLED_COLUMNS, "dataset"]), ged.select([*ACLED_COLUMNS, "dataset"])],
        promote_options="permissive",
    )
    from eventdata.io.parquet import read_parquet
    from eventdata.pipeline.write import to_parquet

    to_parquet(combined, tmp_path / "events", partition_by=["dataset"])
    back = read_parquet(tmp_path / "events")

    counts = back["dataset"].astype(str).value_counts().to_dict()
    assert counts == {"acled": 299, "ucdp-ged": 284}
    assert back["event_id_cnty"].is_unique
