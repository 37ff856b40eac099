from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import pandas as pd
import pyarrow as pa
import pytest
from pydantic import BaseModel, Field

from eventdata import ACLED_COLUMNS, SCHEMA_VERSION, __version__, arrow_schema
from eventdata.models.fields import Categorical, Joined
from eventdata.schema.arrow import (
    CATEGORICAL,
    METADATA_KEY,
    arrow_type,
    conform,
    pandas_to_table,
    schema_markdown,
    table_to_pandas,
    to_parsed,
)

LIST = pa.list_(pa.string())

# The whole mapping: the Arrow type of every ACLED column, and the columns that may be null.
TYPES = {
    pa.string(): ("event_id_cnty", "actor1", "actor2", "location", "notes"),
    CATEGORICAL: (
        "disorder_type",
        "event_type",
        "sub_event_type",
        "inter1",
        "inter2",
        "interaction",
        "civilian_targeting",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "source_scale",
    ),
    LIST: ("assoc_actor_1", "assoc_actor_2", "source", "tags"),
    pa.date32(): ("event_date",),
    pa.int8(): ("time_precision", "geo_precision"),
    pa.int16(): ("year", "iso"),
    pa.int32(): ("fatalities",),
    pa.int64(): ("timestamp",),
    pa.float64(): ("latitude", "longitude"),
}
NULLABLE = {
    "actor2",
    "inter2",
    "civilian_targeting",
    "admin1",
    "admin2",
    "admin3",
    "source_scale",
    "notes",
}
EXPECTED = [(name, arrow, name in NULLABLE) for arrow, names in TYPES.items() for name in names]


def test_expected_mapping_covers_every_column_once():
    assert sorted(name for name, _, _ in EXPECTED) == sorted(ACLED_COLUMNS)
    assert NULLABLE <= set(ACLED_COLUMNS)


def test_schema_holds_the_columns_in_acled_order():
    assert arrow_schema().names == list(ACLED_COLUMNS)


@pytest.mark.parametrize(("name", "arrow", "nullable"), EXPECTED)
def test_schema_field_type_and_nullability(name, arrow, nullable):
    field = arrow_schema().field(name)

    assert field.type == arrow
    assert field.nullable is nullable


class _Probe(BaseModel):
    text: str
    label: Annotated[str, Categorical()]
    day: dt.date
    tiny: int = Field(ge=1, le=3)
    small: int = Field(ge=0, le=999)
    medium: int = Field(ge=-40_000, le=40_000)
    unbounded: int
    ratio: float
    flag: bool
    joined: Annotated[list[str], Joined()]
    maybe: int | None = Field(default=None, ge=0, le=100)


@pytest.mark.parametrize(
    ("name", "arrow", "nullable"),
    [
        ("text", pa.string(), False),
        ("label", CATEGORICAL, False),
        ("day", pa.date32(), False),
        ("tiny", pa.int8(), False),
        ("small", pa.int16(), False),
        ("medium", pa.int32(), False),
        ("unbounded", pa.int64(), False),
        ("ratio", pa.float64(), False),
        ("flag", pa.bool_(), False),
        ("joined", LIST, False),
        ("maybe", pa.int8(), True),
    ],
)
def test_mapping_rows(name, arrow, nullable):
    assert arrow_type(name, _Probe.model_fields[name]) == (arrow, nullable)


class _Unknown(BaseModel):
    plain_list: list[str]
    mapping: dict[str, int]
    when: dt.datetime


@pytest.mark.parametrize("name", ["plain_list", "mapping", "when"])
def test_unknown_annotation_raises_naming_the_field(name):
    with pytest.raises(TypeError, match=f"field '{name}'"):
        arrow_type(name, _Unknown.model_fields[name])


def test_field_descriptions_and_schema_metadata():
    schema = arrow_schema()

    meta = json.loads(schema.metadata[METADATA_KEY.encode()])

    assert meta == {"eventdata_version": __version__, "schema_version": SCHEMA_VERSION}
    assert schema.field("iso").metadata[b"description"] == b"ISO 3166-1 numeric country code."
    assert all(f.metadata and f.metadata.get(b"description") for f in schema)


def _parsed_table(n: int = 2) -> pa.Table:
    """A table in the parsed form the readers produce, plus one extra text column."""
    schema = arrow_schema()
    columns = {}
    for field in schema:
        kind = field.type
        if pa.types.is_dictionary(kind):
            kind = pa.string()
        elif pa.types.is_integer(kind):
            kind = pa.int64()
        columns[field.name] = pa.nulls(n, kind)
    values = {
        "event_id_cnty": ["IRQ1", "IRQ2"],
        "event_date": [dt.date(2024, 1, 1), dt.date(2024, 1, 2)],
        "year": [2024, 2024],
        "time_precision": [1, 3],
        "disorder_type": ["Political violence", "Demonstrations"],
        "event_type": ["Battles", "Protests"],
        "sub_event_type": ["Armed clash", "Peaceful protest"],
        "actor1": ["A", "Protesters (Iraq)"],
        "assoc_actor_1": [["x", "y"], []],
        "inter1": ["State forces", "Protesters"],
        "actor2": ["B", None],
        "assoc_actor_2": [[], []],
        "inter2": ["Rebel group", None],
        "interaction": ["State forces-Rebel group", "Protesters only"],
        "iso": [368, 368],
        "region": ["Middle East", "Middle East"],
        "country": ["Iraq", "Iraq"],
        "location": ["Baghdad", "Basra"],
        "latitude": [33.3128, 30.5085],
        "longitude": [44.3615, 47.7804],
        "geo_precision": [1, 2],
        "source": [["AFP"], ["Reuters", "AP"]],
        "fatalities": [3, 0],
        "tags": [[], ["crowd size=no report"]],
        "timestamp": [1704067200, 1704153600],
    }
    for name, data in values.items():
        columns[name] = pa.array(data, columns[name].type)
    columns["iso3"] = pa.array(["IRQ", "IRQ"])
    return pa.table(columns)


def test_conform_casts_parsed_table_and_keeps_extra_columns_last():
    parsed = _parsed_table()

    canonical = conform(parsed)

    assert canonical.column_names == [*ACLED_COLUMNS, "iso3"]
    assert canonical.schema.field("country").type == CATEGORICAL
    assert canonical.schema.field("time_precision").type == pa.int8()
    assert canonical.column("iso3").to_pylist() == ["IRQ", "IRQ"]
    assert canonical.column("inter2").to_pylist() == ["Rebel group", None]


def test_conform_splits_joined_text_and_turns_blanks_into_empty_lists():
    parsed = _parsed_table().set_column(
        ACLED_COLUMNS.index("source"), "source", pa.array(["AFP; Reuters", ""])
    )

    canonical = conform(parsed)

    assert canonical.column("source").to_pylist() == [["AFP", "Reuters"], []]


def test_conform_keeps_nulls_of_required_columns_by_relaxing_nullability():
    parsed = _parsed_table().set_column(2, "year", pa.array([2024, None], pa.int64()))

    canonical = conform(parsed)

    assert canonical.column("year").to_pylist() == [2024, None]
    assert canonical.schema.field("year").nullable


def test_conform_refuses_a_missing_required_column():
    with pytest.raises(ValueError, match="lacks ACLED column"):
        conform(_parsed_table().drop_columns(["fatalities"]))


def test_conform_reports_values_that_do_not_fit():
    parsed = _parsed_table().set_column(3, "time_precision", pa.array([1, 300]))

    with pytest.raises(ValueError, match="time_precision"):
        conform(parsed)


def test_to_parsed_inverts_conform():
    parsed = _parsed_table()

    assert to_parsed(conform(parsed)).equals(parsed)


def test_pandas_round_trip_is_lossless():
    canonical = conform(_parsed_table())

    frame = table_to_pandas(canonical)
    back = pandas_to_table(frame)

    assert isinstance(frame["event_type"].dtype, pd.CategoricalDtype)
    assert list(frame["event_type"].cat.categories[:2]) == ["Battles", "Protests"]
    assert frame["country"].dtype == pd.ArrowDtype(pa.string())
    assert frame["event_date"].dtype == "datetime64[s]"
    assert frame["source"].dtype == pd.ArrowDtype(pa.string())
    assert frame["year"].dtype == pd.ArrowDtype(pa.int16())
    assert back.equals(canonical)


def test_schema_markdown_lists_every_column():
    text = schema_markdown()

    for i, name in enumerate(ACLED_COLUMNS, start=1):
        assert f"| {i} | `{name}` |" in text
    assert "dictionary&lt;values=string" in text
