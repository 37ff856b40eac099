"""The crosswalks between the sources' event taxonomies, shipped as data files.

``data/event_classes.csv`` maps ACLED's event and sub-event types (today's and the legacy
ones: every dataset's rows are mapped to them) to one of a few coarse classes of what
happened (:data:`CLASSES`); a dataset's own event codes have their classes in its
declaration (``Dataset.match.event_classes``: GED's ``type_of_violence``, GTD's
``attacktype1``, SCAD's ``etype``). ``data/class_agreement.csv``
says, for each pair of classes, how far two events of those classes can be the same event
(1 the same kind, 0 never), with the reason where it is not obvious. Matching scores event
types through these two tables, so a pair the taxonomies disagree on is penalised, never
excluded: ACLED codes police firing on protesters as a protest (before 2019) and UCDP GED
as one-sided violence.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt
import pandas as pd

__all__ = [
    "CLASSES",
    "agreement_matrix",
    "class_codes",
    "classes_of_codes",
    "event_classes",
]

CLASSES: tuple[str, ...] = (
    "clash",
    "remote",
    "attack",
    "unrest",
    "protest",
    "nonviolent",
    "unknown",
)
"""The coarse event classes: armed clash, remote violence, one-sided attack, riot or mob
violence, peaceful protest, a non-violent development, and unknown."""

UNKNOWN = CLASSES.index("unknown")


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("eventdata.matching").joinpath("data").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def event_classes() -> dict[tuple[str, str], str]:
    """The event-class crosswalk of ACLED's types: ``(event_type, sub_event_type) -> class``.

    ``sub_event_type`` is empty for a row that holds for the whole event type (the legacy
    types).
    """
    return {(r["event_type"], r["sub_event_type"]): r["class"] for r in _rows("event_classes.csv")}


@cache
def agreement_matrix() -> npt.NDArray[np.float64]:
    """How far two classes can be the same event, indexed by position in :data:`CLASSES`."""
    size = len(CLASSES)
    matrix = np.full((size, size), np.nan)
    for row in _rows("class_agreement.csv"):
        a, b = CLASSES.index(row["class_a"]), CLASSES.index(row["class_b"])
        matrix[a, b] = matrix[b, a] = float(row["agreement"])
    return matrix


def class_codes(
    event_types: Sequence[object], sub_event_types: Sequence[object]
) -> npt.NDArray[np.int8]:
    """The class code of each ACLED-style row (its :data:`CLASSES` position).

    A type the crosswalk does not list is ``unknown``. The sub-event type decides when
    the crosswalk lists it (ACLED's ``Excessive force against protesters`` is an attack,
    not a protest); else the event type.
    """
    table = event_classes()
    index = {name: code for code, name in enumerate(CLASSES)}
    events, event_names = pd.factorize(pd.Series(list(event_types), dtype=object).fillna(""))
    subs, sub_names = pd.factorize(pd.Series(list(sub_event_types), dtype=object).fillna(""))
    codes, pairs = pd.factorize(events.astype(np.int64) * (len(sub_names) + 1) + subs)
    lookup = np.empty(len(pairs), dtype=np.int8)
    for k, pair in enumerate(pairs.tolist()):
        event, sub = (
            event_names[pair // (len(sub_names) + 1)],
            sub_names[pair % (len(sub_names) + 1)],
        )
        name = table.get((str(event), str(sub))) or table.get((str(event), ""))
        lookup[k] = index[name] if name else UNKNOWN
    return lookup[codes] if len(codes) else np.empty(0, dtype=np.int8)


def classes_of_codes(codes: Sequence[str], classes: Mapping[str, str]) -> npt.NDArray[np.int8]:
    """The class code of each row from a dataset's own event code (``unknown`` when not listed).

    Args:
        codes: each row's event code as text (``"3"``; blank when missing).
        classes: the dataset's ``Dataset.match.event_classes``.

    Raises:
        ValueError: ``classes`` names a class not in :data:`CLASSES`.
    """
    strange = sorted(set(classes.values()) - set(CLASSES))
    if strange:
        raise ValueError(f"event classes {strange} are not among {CLASSES}")
    lookup = {code: CLASSES.index(name) for code, name in classes.items()}
    return np.array([lookup.get(code, UNKNOWN) for code in codes], dtype=np.int8)
