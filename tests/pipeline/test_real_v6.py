"""The real ACLED v6 exports convert with default options, as validate and to_parquet read them."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from acled_fixtures import shared_file

from eventdata import ValidationFailed, convert, to_parquet, validate


def test_the_v6_pandas_export_converts_with_default_options(tmp_path):
    src = shared_file("africa_2016_v6_pandas.csv")

    streamed = convert(src, tmp_path / "streamed.parquet")
    whole = to_parquet(src, tmp_path / "whole.parquet")

    assert streamed.rows_written == whole.rows_written == validate(src).n_rows
    assert pq.read_table(tmp_path / "streamed.parquet").equals(
        pq.read_table(tmp_path / "whole.parquet")
    )


def test_the_v6_windows_1252_export_is_refused_only_for_its_rows_and_converts_with_drop(tmp_path):
    src = shared_file("africa_2014-2016_v6_cp1252.csv")
    report = validate(src)

    with pytest.raises(ValidationFailed, match="year.event_date"):
        convert(src, tmp_path / "raise.parquet")
    result = convert(src, tmp_path / "out.parquet", on_invalid="drop")

    assert result.rows_invalid == report.summary()["n_invalid"] > 0
    assert result.rows_written == report.n_rows - result.rows_invalid
