"""Actor names: normalised, then compared with rapidfuzz.

ACLED writes ``Police Forces of Nigeria (2007-2010)``, ``Civilians (Nigeria)`` and
``DDM: Delta Democratic Militia``; UCDP GED ``Government of Nigeria`` and
``Jama'atu Ahlis Sunna Lidda'awati wal-Jihad``; GTD ``Boko Haram``. :func:`normalise`
removes period suffixes, countries in parentheses and abbreviations before a colon, folds
a state's military and police into its government, and applies the aliases shipped in
``data/actor_aliases.csv``. Generic names (civilians, protesters, unidentified groups)
carry no information and are left out of the comparison.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = ["GENERIC", "actor_agreement", "actor_codes", "normalise"]

GENERIC = frozenset(
    {
        "",
        "civilians",
        "protesters",
        "rioters",
        "unidentified armed group",
        "unidentified gang",
        "unknown",
        "gunmen",
        "militants",
        "muslims",
        "christians",
    }
)
"""Normalised names that say nothing about who acted."""

_PERIOD = re.compile(r"\(\s*\d{4}\s*-\s*(\d{4})?\s*\)")
_PARENS = re.compile(r"\([^)]*\)")
_ABBREVIATION = re.compile(r"^[^:]{1,20}:\s*")
_STATE = re.compile(r"^(military|police|navy|air) forces of (.+)$")
_SPACES = re.compile(r"\s+")


@cache
def _aliases() -> dict[str, str]:
    text = resources.files("eventdata.matching").joinpath("data").joinpath("actor_aliases.csv")
    rows = csv.DictReader(io.StringIO(text.read_text("utf-8")))
    return {row["alias"]: row["canonical"] for row in rows}


@cache
def normalise(name: str) -> str:
    """One actor name in the form names are compared in.

    >>> normalise("Police Forces of Nigeria (2007-2010)")
    'government of nigeria'
    >>> normalise("Civilians (Nigeria)")
    'civilians'
    >>> normalise("Boko Haram")
    "jama'atu ahlis sunna lidda'awati wal-jihad"
    """
    text = _PERIOD.sub(" ", name.lower())
    text = _PARENS.sub(" ", text)
    text = _ABBREVIATION.sub("", text.strip())
    text = _SPACES.sub(" ", text.replace("\u2019", "'")).strip(" .,;")
    state = _STATE.match(text)
    if state:
        text = f"government of {state.group(2).strip()}"
    return _aliases().get(text, text)


def actor_codes(
    columns: Sequence[Sequence[object] | npt.NDArray[np.object_]], vocabulary: dict[str, int]
) -> npt.NDArray[np.int32]:
    """Codes of each row's informative actor names, one column per input column (-1: none).

    ``vocabulary`` maps normalised names to codes and grows with new names, so both sides
    of a match share one.
    """
    n = len(columns[0]) if columns else 0
    out = np.full((n, max(len(columns), 1)), -1, dtype=np.int32)
    for k, column in enumerate(columns):
        values, uniques = pd.factorize(pd.Series(list(column), dtype=object), use_na_sentinel=True)
        lookup = np.full(len(uniques) + 1, -1, dtype=np.int32)
        for u, raw in enumerate(uniques):
            name = normalise(str(raw))
            if name not in GENERIC:
                lookup[u] = vocabulary.setdefault(name, len(vocabulary))
        out[:, k] = lookup[values]  # the sentinel -1 indexes the trailing -1
    return out


def actor_agreement(
    left: npt.NDArray[np.int32],
    right: npt.NDArray[np.int32],
    vocabulary: dict[str, int],
    *,
    neutral: float = 0.5,
) -> npt.NDArray[np.float64]:
    """The best similarity (0-1) between any informative name of each candidate pair.

    ``left`` and ``right`` are the candidate pairs' actor codes (rows aligned). A pair where
    either side has no informative name scores ``neutral``. Each distinct pair of names is
    compared once, with rapidfuzz's ``token_set_ratio`` (word order and extra words such as
    a country do not count against a match).
    """
    names = np.empty(len(vocabulary), dtype=object)
    for name, code in vocabulary.items():
        names[code] = name
    used_left = np.unique(left[left >= 0])
    used_right = np.unique(right[right >= 0])
    similarity = _similarity(names, used_left, used_right)
    best = np.full(len(left), -1.0)
    for a in range(left.shape[1]):
        la = np.searchsorted(used_left, left[:, a])
        for b in range(right.shape[1]):
            ok = (left[:, a] >= 0) & (right[:, b] >= 0)
            if ok.any():
                rb = np.searchsorted(used_right, right[ok, b])
                best[ok] = np.maximum(best[ok], similarity(la[ok], rb))
    out_: npt.NDArray[np.float64] = np.where(best < 0, neutral, best)
    return out_


_DENSE_CELLS = 4_000_000
"""Name pairs up to which all similarities are computed at once (rapidfuzz ``cdist``)."""


def _similarity(
    names: npt.NDArray[np.object_],
    used_left: npt.NDArray[np.int32],
    used_right: npt.NDArray[np.int32],
) -> Callable[[npt.NDArray[np.int64], npt.NDArray[np.int64]], npt.NDArray[np.float64]]:
    """Similarity of names by position in ``used_left`` and ``used_right``.

    Every pair at once (multi-threaded) when the two name lists are small enough, else
    each distinct pair asked for, once.
    """
    from rapidfuzz import fuzz, process

    if len(used_left) * len(used_right) <= _DENSE_CELLS:
        matrix = (
            process.cdist(
                list(names[used_left]),
                list(names[used_right]),
                scorer=fuzz.token_set_ratio,
                dtype=np.float64,
                workers=-1,
            )
            / 100.0
        )
        return lambda i, j: np.asarray(matrix[i, j], dtype=np.float64)

    def pairwise(i: npt.NDArray[np.int64], j: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        size = np.int64(len(used_right))
        uniq, inverse = np.unique(i.astype(np.int64) * size + j, return_inverse=True)
        sims = np.fromiter(
            (
                fuzz.token_set_ratio(names[used_left[k // size]], names[used_right[k % size]])
                / 100.0
                for k in uniq.tolist()
            ),
            dtype=np.float64,
            count=len(uniq),
        )
        return sims[inverse]

    return pairwise
