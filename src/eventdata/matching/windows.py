"""Matching windows that follow each event's precision, instead of one global window.

Each row gets a time interval (its first and last possible day) and a radius in
kilometres (how far the true place can be from the coordinates). Two rows are candidates
when their intervals, widened by ``days``, overlap and their points are no further apart
than the sum of their radii plus ``km``. The tables below are the defaults; their reasons
are in ``docs/matching.md``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

__all__ = [
    "ACLED_GEO_KM",
    "ACLED_TIME_DAYS",
    "GED_WHERE_KM",
    "GTD_SPECIFICITY_KM",
    "PRECISION_KM",
    "SCAD_LOCATION_KM",
    "UNKNOWN_KM",
    "radius_from",
    "slack_from",
]

ACLED_TIME_DAYS: Mapping[int, int] = {1: 0, 2: 3, 3: 15}
"""ACLED ``time_precision`` -> days either side: 1 the day is known; 2 the week is known and
its middle day recorded; 3 the month is known and its middle day recorded."""

ACLED_GEO_KM: Mapping[int, float] = {1: 10.0, 2: 25.0, 3: 100.0}
"""ACLED ``geo_precision`` -> radius: 1 the town or city district (a city's events spread
over its districts); 2 near a town, a small part of a region; 3 a larger region coded to
its capital or a natural feature, often tens to hundreds of kilometres away."""

GED_WHERE_KM: Mapping[int, float] = {
    1: 10.0,
    2: 25.0,
    3: 50.0,
    4: 150.0,
    5: 150.0,
    6: 500.0,
    7: 500.0,
}
"""UCDP GED ``where_prec`` -> radius: 1 the exact place; 2 within 25 km; 3 the second-order
unit (district); 4 the first-order unit (province); 5 a line or area between places;
6 the country; 7 international waters or air space."""

GTD_SPECIFICITY_KM: Mapping[int, float] = {1: 10.0, 2: 50.0, 3: 50.0, 4: 150.0, 5: 500.0}
"""GTD ``specificity`` -> radius: 1 the city or village; 2 and 3 the centroid of the smallest
unit known (a city's coordinates were not found, or the event was outside a city); 4 the
first-order unit's centre; 5 no unit known."""

SCAD_LOCATION_KM: Mapping[int, float] = {
    1: 10.0,
    2: 10.0,
    3: 25.0,
    4: 10.0,
    5: 25.0,
    6: 150.0,
    7: 500.0,
}
"""SCAD ``gislocnum`` (its location type) -> radius: 1 the capital and 2 another city (a
city's events spread over its districts); 3 a rural place, often a village or "somewhere
near" a town; 4 and 5 one of several cities or rural places (each row has its own point);
6 a province, the exact place unknown (as GED's first-order unit); 7 nationwide."""

PRECISION_KM: Mapping[str, Mapping[int, float]] = {
    "ucdp": GED_WHERE_KM,
    "gtd": GTD_SPECIFICITY_KM,
    "scad": SCAD_LOCATION_KM,
}
"""Kilometres of each dataset's own precision code (``Dataset.match.place_precision``)."""

UNKNOWN_KM = 500.0
"""Radius of a row whose precision is missing or not in the table."""


def radius_from(precision: npt.ArrayLike, table: Mapping[int, float]) -> npt.NDArray[np.float64]:
    """The radius of each row from its precision code (:data:`UNKNOWN_KM` when missing)."""
    codes = np.asarray(precision, dtype=np.float64)
    out = np.full(codes.shape, UNKNOWN_KM)
    for code, km in table.items():
        out[codes == code] = km
    return out


def slack_from(precision: npt.ArrayLike, table: Mapping[int, int]) -> npt.NDArray[np.int32]:
    """Days either side of each row's date from its time precision (0 when missing)."""
    codes = np.asarray(precision, dtype=np.float64)
    out = np.zeros(codes.shape, dtype=np.int32)
    for code, days in table.items():
        out[codes == code] = days
    return out
