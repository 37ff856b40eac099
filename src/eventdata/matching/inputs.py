"""Every input of a match, made into one :class:`Side`: the single place inputs are dispatched.

A side holds the rows as the ACLED-style table (for the output) and, per row, what the
matcher needs: the first and last possible day, the days of slack either side, the point
and its radius, the event class, actor names and fatalities. :func:`read_side` decides what
an input is (ACLED in any dialect, UCDP GED, GTD, rich records, or rows already mapped to
ACLED's columns) and reads the precision columns each source has.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

from eventdata.exceptions import InputError
from eventdata.io.formats import Errors
from eventdata.matching.crosswalk import class_codes, classes_of_codes
from eventdata.matching.windows import (
    ACLED_GEO_KM,
    ACLED_TIME_DAYS,
    radius_from,
    slack_from,
)

if TYPE_CHECKING:
    from eventdata.datasets import Dataset

__all__ = ["RECORDS", "Side", "detect", "read_side"]


RECORDS = "records"
"""What :func:`detect` calls rich records (not a registered dataset)."""


@dataclass
class Side:
    """One input of a match, row-aligned arrays over the ACLED-style rows.

    Attributes:
        name: what the input is (``acled``, ``ucdp``, ``gtd``, ``records``), or the
            label given.
        dataset: the dataset it was read as (a registered dataset's name, or
            ``records``).
        rows: the rows, in ACLED's columns (plus the source's extras), index 0..n-1.
        ids: each row's id as text.
        start, end: first and last day of the row's own span (days since 1970-01-01);
            ``end > start`` marks an episode (a multi-day event).
        slack: days of uncertainty either side of the span (from the time precision).
        lat, lon: the coordinates; radius: kilometres the true place may be off.
        classes: the event class code (:mod:`eventdata.matching.crosswalk`).
        actors: the actor-name columns, compared after normalisation.
        fatalities: deaths (UCDP's best estimate for GED; NaN unknown).
        placeable: rows with a date and coordinates (others cannot be matched).
    """

    name: str
    dataset: str
    rows: pd.DataFrame
    ids: npt.NDArray[np.object_]
    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]
    slack: npt.NDArray[np.int32]
    lat: npt.NDArray[np.float64]
    lon: npt.NDArray[np.float64]
    radius: npt.NDArray[np.float64]
    classes: npt.NDArray[np.int8]
    actors: list[npt.NDArray[np.object_]]
    fatalities: npt.NDArray[np.float64]

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def placeable(self) -> npt.NDArray[np.bool_]:
        """Rows with a date and a point."""
        return (self.start > _NO_DAY) & np.isfinite(self.lat) & np.isfinite(self.lon)


_NO_DAY = np.iinfo(np.int64).min // 2


def _days(values: Any) -> npt.NDArray[np.int64]:
    dates = pd.to_datetime(pd.Series(values), errors="coerce")
    days = dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    out = days.astype(np.int64)
    out[np.isnat(days)] = _NO_DAY
    out_: npt.NDArray[np.int64] = out
    return out_


def _floats(values: Any) -> npt.NDArray[np.float64]:
    out_: npt.NDArray[np.float64] = pd.to_numeric(pd.Series(values), errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan
    )
    return out_


def _texts(values: Any) -> npt.NDArray[np.object_]:
    series = pd.Series(values, dtype=object)
    out_: npt.NDArray[np.object_] = series.where(series.notna(), None).to_numpy(dtype=object)
    return out_


def _columns(data: Any) -> list[str]:
    if isinstance(data, pd.DataFrame):
        return [str(c) for c in data.columns]
    if isinstance(data, pa.Table):
        return list(data.column_names)
    if not isinstance(data, (str, os.PathLike)):
        return []  # other tables (polars, ...): ACLED's reader decides
    path = Path(os.fspath(data))
    if not path.exists():
        raise InputError("no such file; give an existing file, a DataFrame or a table", path=path)
    if path.is_dir() or path.suffix.lower() == ".parquet":
        import pyarrow.dataset as ds

        return list(ds.dataset(path).schema.names)
    if path.suffix.lower() in {".csv", ".txt", ".tsv"}:
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            header = handle.readline()
        separator = "\t" if header.count("\t") > header.count(",") else ","
        return [c.strip().strip('"') for c in header.rstrip("\r\n").split(separator)]
    return []  # JSON and other inputs: ACLED's reader decides


def detect(data: Any) -> str:
    """Which dataset an input holds: ``records``, or a registered dataset's name.

    The dataset registry (:mod:`eventdata.datasets`) recognises a table from its columns
    (``acled``, ``ucdp``, ``gtd``, and any dataset registered later).

    A header this quick look cannot place (a preamble line before it, JSON) is left to
    ACLED's reader, which sniffs headers fully and names what it expected.
    """
    if _is_records(data):
        return RECORDS
    from eventdata.datasets import dataset_of
    from eventdata.exceptions import NotEventDataError

    columns = [c.lower() for c in _columns(data)]
    if not columns:
        return "acled"
    try:
        return dataset_of(columns).name
    except NotEventDataError:
        return "acled"


def _is_records(data: Any) -> bool:
    if isinstance(data, (pd.DataFrame, pa.Table, str, os.PathLike)):
        return False
    from eventdata.models.collection import EventCollection

    if isinstance(data, EventCollection):
        return True
    if isinstance(data, (list, tuple)) and data:
        from pydantic import BaseModel

        return all(isinstance(item, BaseModel) for item in data)
    return False


def read_side(data: Any, *, name: str | None = None, errors: Errors = "raise") -> Side:
    """Read one input of a match (the one place inputs are told apart).

    Args:
        data: a path (CSV, JSON, Parquet) or table of ACLED events in any dialect, UCDP GED
            events, GTD incidents, or rows already mapped to ACLED's columns; an
            :class:`~eventdata.EventCollection`, rich records or ``Event`` rows; or a
            :class:`Side`.
        name: the label the result uses for this input (default: the dataset).
        errors: passed to the reader: ``"raise"`` refuses values that do not parse,
            ``"coerce"`` reads them as missing.

    Raises:
        InputError: the input cannot be read.
    """
    if isinstance(data, Side):
        return data
    kind = detect(data)
    if kind == RECORDS:
        side = _from_acled(_records_frame(data), dataset=RECORDS)
    else:
        from eventdata.datasets import DATASETS

        found = DATASETS[kind]
        if found.canonical:  # ACLED's own rows, or rows a mapping already made
            from eventdata.pipeline.read import read_acled

            frame = read_acled(data, errors=errors)
            side = _from_acled(frame, dataset=_mapped_label(frame) or found.name)
        else:
            side = _from_dataset(data, found, errors=errors)
    if name:
        side.name = name
    return side


def _records_frame(data: Any) -> pd.DataFrame:
    from eventdata.models.event import Event
    from eventdata.pipeline.read import read_acled

    items: Iterable[Any] = data
    if not all(isinstance(item, Event) for item in items):
        from eventdata.models.lowering import lower_records

        items = lower_records(data).events
    dumped = [event.model_dump(mode="json") for event in items]
    frame = pd.DataFrame(dumped)
    for column in ("assoc_actor_1", "assoc_actor_2", "source", "tags"):
        if column in frame:
            frame[column] = frame[column].map(lambda v: "; ".join(v) if isinstance(v, list) else v)
    return read_acled(frame)


def _mapped_label(frame: pd.DataFrame) -> str | None:
    """The ``dataset`` column's one value: rows a dataset's mapping made (else None)."""
    if "dataset" not in frame:
        return None
    named = frame["dataset"].dropna().unique()
    return str(named[0]) if len(named) == 1 else None


def _from_acled(frame: pd.DataFrame, *, dataset: str) -> Side:
    frame = frame.reset_index(drop=True)
    start = _days(frame["event_date"])
    end = start.copy()
    for column in _mapped_ends():  # rows a dataset's mapping made: keep their span
        if column in frame:
            last = _days(frame[column])
            end = np.where(last >= end, last, end)
    sub = frame["sub_event_type"] if "sub_event_type" in frame else [None] * len(frame)
    classes = class_codes(
        list(frame["event_type"].astype(object)), list(pd.Series(sub).astype(object))
    )
    return Side(
        name=dataset,
        dataset=dataset,
        rows=frame,
        ids=_texts(frame["event_id_cnty"]),
        start=start,
        end=end,
        slack=slack_from(_floats(frame["time_precision"]), ACLED_TIME_DAYS),
        lat=_floats(frame["latitude"]),
        lon=_floats(frame["longitude"]),
        radius=radius_from(_floats(frame["geo_precision"]), ACLED_GEO_KM),
        classes=classes,
        actors=[_texts(frame["actor1"]), _texts(frame["actor2"])],
        fatalities=_floats(frame["fatalities"]),
    )


def _mapped_ends() -> list[str]:
    """The columns the datasets' mappings keep a span's last day in."""
    from eventdata.datasets import DATASETS

    return [d.match.mapped_date_end for d in DATASETS.values() if d.match.mapped_date_end]


def _code(value: object) -> str:
    """A numeric code as text (``3.0`` -> ``3``); blank for a missing or odd value."""
    try:
        return str(int(float(str(value))))
    except (TypeError, ValueError, OverflowError):
        return ""


def _from_dataset(data: Any, dataset: Dataset, *, errors: Errors) -> Side:
    """A dataset read through its registered mapping to the ACLED-style table.

    What the dataset's declaration names in ``match`` (a span's last day, its own place
    precision, its event code, its death estimate, both sides' names) refines the side.
    """
    from eventdata.pipeline.inputs import read_input
    from eventdata.pipeline.read import read_dataset_table
    from eventdata.sources.mapped import to_acled_frame

    typed = read_dataset_table(read_input(data), dataset=dataset, errors=errors)
    side = _from_acled(to_acled_frame(typed, dataset=dataset), dataset=dataset.name)
    hints = dataset.match
    extra = typed.select(hints.columns()).to_pandas(types_mapper=pd.ArrowDtype)
    if hints.date_end:  # the span is the uncertainty: no slack around it
        end = _days(extra[hints.date_end])
        side.end = np.where(end >= side.start, end, side.start)
        side.slack = np.zeros(len(side), dtype=np.int32)
    if hints.place_precision and hints.place_km:
        precision = _floats(extra[hints.place_precision])
        side.radius = radius_from(precision, hints.place_km)
    if hints.event_code and hints.event_classes:
        codes = [_code(v) for v in extra[hints.event_code]]
        side.classes = classes_of_codes(codes, hints.event_classes)
    if hints.fatalities:
        side.fatalities = _floats(extra[hints.fatalities])
    if hints.actor_pair:
        named = extra[hints.actor_pair].astype(object).fillna("")
        sides = named.str.split(" - ", n=1, expand=True).reindex(columns=[0, 1])
        side.actors = [*side.actors, _texts(sides[0]), _texts(sides[1])]
    return side
