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
from collections.abc import Sequence
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
    from rapidfuzz import fuzz

    names = np.empty(len(vocabulary), dtype=object)
    for name, code in vocabulary.items():
        names[code] = name
    best = np.full(len(left), -1.0)
    size = np.int64(max(len(vocabulary), 1))
    for a in range(left.shape[1]):
        for b in range(right.shape[1]):
            la, rb = left[:, a].astype(np.int64), right[:, b].astype(np.int64)
            ok = (la >= 0) & (rb >= 0)
            if not ok.any():
                continue
            keys = la[ok] * size + rb[ok]
            uniq, inverse = np.unique(keys, return_inverse=True)
            sims = np.fromiter(
                (
                    fuzz.token_set_ratio(names[k // size], names[k % size]) / 100.0
                    for k in uniq.tolist()
                ),
                dtype=np.float64,
                count=len(uniq),
            )
            values = sims[inverse]
            sub = best[ok]
            best[ok] = np.maximum(sub, values)
    return np.where(best < 0, neutral, best)
