"""Matching windows that follow each event's precision, instead of one global window.

Each row gets a time interval (its first and last possible day) and a radius in
kilometres (how far the true place can be from the coordinates). Two rows are candidates
when their intervals, widened by ``days``, overlap and their points are no further apart
than the sum of their radii plus ``km``. The tables below are ACLED's (the ACLED-style
rows every dataset maps to); a dataset's own precision codes have their kilometres in its
declaration (``Dataset.match.place_km``). Their reasons are in ``docs/matching.md``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

__all__ = [
    "ACLED_GEO_KM",
    "ACLED_TIME_DAYS",
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
