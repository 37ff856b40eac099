"""The events as the report reads them: columns, ACLED weeks, event types and areas as codes.

:func:`events_frame` takes the validated input's canonical table (invalid values already
missing). :class:`Events` adds what every section shares, computed once and columnar: the
day and ACLED week (Saturday to Friday) of each event, whether it is placed in time and on
the map, and integer codes for its event type and its area (admin1 within its country).
A row without a readable date or coordinates is kept: it is counted everywhere it can be,
and the page says how many rows it could not place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.analysis.aggregate import period_start
from eventdata.analysis.frames import DIALECT_ATTR
from eventdata.exceptions import InputError
from eventdata.reporting.charts import EVENT_TYPE_COLOURS

if TYPE_CHECKING:
    from eventdata.validation.report import ValidationReport

__all__ = ["COLUMNS", "MISSING", "Events", "events_frame"]

COLUMNS = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "assoc_actor_1",
    "actor2",
    "inter2",
    "assoc_actor_2",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "notes",
    "fatalities",
)
"""The columns the report reads."""

MISSING = "(missing)"
"""How a blank event type or admin1 is named on the page."""


def events_frame(validation: ValidationReport) -> pd.DataFrame:
    """The columns the report needs, from the validated input (invalid values missing).

    Raises:
        InputError: the input is another dataset than ACLED (UCDP GED, GTD).
    """
    table = validation.canonical_table
    if "event_id_cnty" not in table.column_names:
        raise InputError(
            "the report draws ACLED events, and this input is another dataset; map it to "
            "ACLED rows first, e.g. eventdata.report(eventdata.ged_to_acled(path), 'out.html') "
            "for UCDP GED or eventdata.gtd_to_acled(path) for GTD",
            path=validation.source,
        )
    columns = {}
    for name in COLUMNS:
        column = table.column(name)
        if pa.types.is_dictionary(column.type):
            column = pc.cast(column, column.type.value_type)
        columns[name] = column
    frame = pa.table(columns).to_pandas(types_mapper=pd.ArrowDtype)
    frame.attrs[DIALECT_ATTR] = validation.dialect.name
    result: pd.DataFrame = frame
    return result


def _floats(frame: pd.DataFrame, column: str) -> np.ndarray:
    values: np.ndarray = frame[column].to_numpy(dtype="float64", na_value=np.nan)
    return values


def _codes(values: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list[str]]:
    """Integer codes and their names; a missing value is its own name, :data:`MISSING`."""
    encoded = pc.dictionary_encode(pc.fill_null(pc.cast(values, pa.string()), MISSING))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    names = [str(v) for v in encoded.dictionary.to_pylist()]
    codes: np.ndarray = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, names


def _renumber(
    codes: np.ndarray, names: list[str], order: list[str]
) -> tuple[np.ndarray, list[str]]:
    """The same codes, renumbered so that names come in ``order``."""
    new = {name: i for i, name in enumerate(order)}
    mapping = np.array([new[name] for name in names], dtype=np.int64)
    renumbered: np.ndarray = mapping[codes] if len(codes) else codes
    return renumbered, order


@dataclass(frozen=True)
class Events:
    """The events with the arrays every section of the page shares.

    Attributes:
        frame: the columns of :data:`COLUMNS`, one row per input row.
        day: days since 1970-01-01 (0 where ``dated`` is false).
        dated: whether the row has a readable event date.
        week: index of the row's ACLED week in ``weeks`` (-1 when undated).
        weeks: first day (a Saturday) of every week from the first to the last dated event,
            as days since 1970-01-01; empty weeks included.
        lon: longitude (NaN when unknown).
        lat: latitude (NaN when unknown).
        placed: whether the row has coordinates.
        fatalities: reported fatalities (NaN when unknown).
        type_code: index of the row's event type in ``types``.
        types: event types, ACLED's in codebook order first.
        area_code: index of the row's area in ``areas``.
        areas: admin1 names (with the country when the data covers several), most events first.

    """

    frame: pd.DataFrame
    day: np.ndarray
    dated: np.ndarray
    week: np.ndarray
    weeks: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    placed: np.ndarray
    fatalities: np.ndarray
    type_code: np.ndarray
    types: list[str]
    area_code: np.ndarray
    areas: list[str]

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Events:
        """Compute the shared arrays of ``frame`` (as :func:`events_frame` gives it)."""
        dates = pa.array(frame["event_date"].array).cast(pa.date32())
        dated = dates.is_valid().to_numpy(zero_copy_only=False)
        day = pc.fill_null(dates.cast(pa.int32()), 0).to_numpy(zero_copy_only=False)
        day = day.astype(np.int64)
        starts = period_start(day, "week")
        if dated.any():
            first, last = int(starts[dated].min()), int(starts[dated].max())
            weeks = np.arange(first, last + 1, 7, dtype=np.int64)
            week = np.where(dated, (starts - first) // 7, -1)
        else:
            weeks = np.zeros(0, dtype=np.int64)
            week = np.full(len(day), -1, dtype=np.int64)
        lon, lat = _floats(frame, "longitude"), _floats(frame, "latitude")
        type_code, type_names = _codes(pa.array(frame["event_type"].array))
        order = [t for t in EVENT_TYPE_COLOURS if t in type_names]
        order += sorted(set(type_names) - set(order))
        type_code, types = _renumber(type_code, type_names, order)
        area_code, areas = _area_codes(frame)
        return cls(
            frame=frame,
            day=day,
            dated=dated,
            week=week.astype(np.int64),
            weeks=weeks,
            lon=lon,
            lat=lat,
            placed=np.isfinite(lon) & np.isfinite(lat),
            fatalities=_floats(frame, "fatalities"),
            type_code=type_code,
            types=types,
            area_code=area_code,
            areas=areas,
        )

    def __len__(self) -> int:
        return len(self.day)

    @property
    def n_undated(self) -> int:
        """Rows without a readable event date."""
        return int((~self.dated).sum())

    @property
    def n_unplaced(self) -> int:
        """Rows without readable coordinates."""
        return int((~self.placed).sum())

    def week_label(self, index: int) -> str:
        """The first day (a Saturday) of week ``index``, ISO."""
        return str(np.datetime64(int(self.weeks[index]), "D"))


def _area_codes(frame: pd.DataFrame) -> tuple[np.ndarray, list[str]]:
    admin1 = pc.fill_null(pc.cast(pa.array(frame["admin1"].array), pa.string()), MISSING)
    country = pc.fill_null(pc.cast(pa.array(frame["country"].array), pa.string()), MISSING)
    several = len(pc.unique(country)) > 1
    key = pc.binary_join_element_wise(admin1, country, " · ") if several else admin1
    codes, names = _codes(key)
    counts = np.bincount(codes, minlength=len(names)) if len(codes) else np.zeros(len(names))
    order = [names[i] for i in np.argsort(-counts, kind="stable")]
    return _renumber(codes, names, order)
