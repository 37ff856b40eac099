"""``eventdata.match`` and ``eventdata.integrate``."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from eventdata.io.formats import Errors
from eventdata.matching._deps import require
from eventdata.matching.inputs import Side, read_side
from eventdata.matching.result import MatchResult
from eventdata.matching.scoring import WEIGHTS

__all__ = ["DEFAULT_THRESHOLD", "integrate", "match"]

DEFAULT_THRESHOLD = 0.6
"""Score a pair needs to be chosen (see docs/matching.md for how it was set)."""


def match(
    left: Any,
    right: Any,
    /,
    *,
    days: int = 1,
    km: float = 0.0,
    precision: bool = True,
    threshold: float = DEFAULT_THRESHOLD,
    weights: Mapping[str, float] | None = None,
    names: tuple[str, str] | None = None,
    errors: Errors = "raise",
    block_rows: int = 100_000,
    workers: int | None = None,
) -> MatchResult:
    """Find the rows of two event tables that are the same event.

    Candidates come from blocking on time and place; each row's window follows its
    precision (ACLED's ``time_precision`` and ``geo_precision``, UCDP GED's
    ``date_start..date_end`` and ``where_prec``, GTD's ``specificity``). Each candidate is
    scored on time, place, event type (through the shipped crosswalk), actors (rapidfuzz)
    and fatalities; the pairs are an optimal one-to-one assignment per connected block,
    plus episodes: several daily rows inside one multi-day event. docs/matching.md
    describes the method and its measured accuracy.

    Args:
        left: the first table: a path or table of ACLED (any dialect), UCDP GED or GTD
            rows, rows mapped to ACLED's columns, or rich records.
        right: the second table, the same kinds.
        days: days allowed between two rows' spans beyond their time precision.
        km: kilometres allowed beyond the two rows' radii.
        precision: ``False`` ignores precision: every row is a point on its day (radius
            0), so the windows are exactly ``days`` and ``km`` (MELTT's fixed windows).
        threshold: the score (0-1) a pair needs.
        weights: weight of each dimension (``time``, ``place``, ``type``, ``actors``,
            ``fatalities``); missing ones weigh 0.
        names: labels of the two inputs in the result (default: their datasets).
        errors: ``"raise"`` refuses input values that do not parse; ``"coerce"`` reads
            them as missing (such rows may then be unmatchable).
        block_rows: left rows blocked, scored and pruned at a time (memory follows it).
        workers: blocks worked on at once, in threads (default: the number of CPUs, at
            most 4); memory grows with it.

    Returns:
        A :class:`~eventdata.matching.MatchResult`.

    Raises:
        MissingExtraError: rapidfuzz or scipy is missing (``pip install 'eventdata[match]'``).
        InputError: an input cannot be read.
        ValueError: an option is out of range.
    """
    require()
    from eventdata.matching.assign import TOP_K, assign
    from eventdata.matching.blocking import block_jobs
    from eventdata.matching.scoring import Scorer, best_candidates

    workers = workers if workers is not None else min(4, os.cpu_count() or 1)
    if workers < 1:
        raise ValueError(f"workers={workers} must be at least 1")
    if days < 0 or km < 0:
        raise ValueError(f"days={days} and km={km} must not be negative")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold={threshold} must be between 0 and 1")
    began = time.perf_counter()
    a = read_side(left, name=names[0] if names else None, errors=errors)
    b = read_side(right, name=names[1] if names else None, errors=errors)
    if not names and a.name == b.name:
        a, b = replace(a, name=f"{a.name}_left"), replace(b, name=f"{b.name}_right")
    if not precision:
        a, b = _fixed(a), _fixed(b)
    read_s = time.perf_counter() - began
    scorer = Scorer.prepare(a, b, days=days, km=km, weights=weights or WEIGHTS)
    jobs = block_jobs(a, b, days=days, km=km, block_rows=block_rows)
    scored, total = best_candidates(scorer, jobs, keep=TOP_K, workers=workers)
    chosen = assign(scored, a, b, threshold=threshold)
    options = {
        "days": days,
        "km": km,
        "precision": precision,
        "threshold": threshold,
        "weights": dict(weights or WEIGHTS),
    }
    return MatchResult.build(
        a,
        b,
        scored,
        chosen,
        candidates=total,
        options=options,
        seconds={"read": read_s, "total": time.perf_counter() - began},
    )


def _fixed(side: Side) -> Side:
    return replace(
        side,
        slack=np.zeros(len(side), dtype=np.int32),
        radius=np.zeros(len(side)),
    )


def integrate(
    tables: Sequence[Any],
    /,
    *,
    names: Sequence[str] | None = None,
    **options: Any,
) -> pd.DataFrame:
    """One de-duplicated table of events from several sources, with which sources have each.

    The first table is the base; each next table is matched (:func:`match`, with
    ``options``) against the events found so far, each represented by its row from the
    earliest table that has it. Matched rows join their event; the others become new
    events.

    Args:
        tables: two or more inputs, as :func:`match` takes.
        names: a label per table (default: each input's dataset, numbered when repeated).
        **options: passed to :func:`match` (``days``, ``km``, ``threshold``, ...).

    Returns:
        One row per event: ``event`` (a number), the representative row's ``source``,
        ``id``, ``event_date``, ``country``, ``latitude``, ``longitude``, ``event_type``
        and ``fatalities``; then per source a column ``<name>`` with its ids of the event
        (a list, empty when the source does not have it) and ``sources`` (how many have it).

    Raises:
        ValueError: fewer than two tables, or as many names as tables not given.
    """
    require()
    if len(tables) < 2:
        raise ValueError(f"integrate needs two or more tables, not {len(tables)}")
    sides = [read_side(t, errors=options.get("errors", "raise")) for t in tables]
    labels = list(names) if names is not None else _labels([s.name for s in sides])
    if len(labels) != len(sides) or len(set(labels)) != len(labels):
        raise ValueError(f"names={labels!r}: give one distinct name per table ({len(sides)})")
    for side, label in zip(sides, labels, strict=True):
        side.name = label
    union = sides[0]
    source = [labels[0]] * len(union)
    members: dict[str, list[list[str]]] = {label: [] for label in labels}
    members[labels[0]] = [[str(i)] for i in union.ids]
    for side, label in zip(sides[1:], labels[1:], strict=True):
        result = match(union, side, names=("union", label), **options)
        found: dict[int, list[str]] = {}
        for event, row in zip(result._left_rows, result._right_rows, strict=True):
            found.setdefault(int(event), []).append(str(side.ids[row]))
        new = np.setdiff1d(np.arange(len(side)), result._right_rows)
        members[label] = [found.get(k, []) for k in range(len(union))]
        for other in labels:
            members[other] += [[] for _ in new]
        members[label][len(union) :] = [[str(side.ids[r])] for r in new]
        source += [label] * len(new)
        union = _stack(union, side, new)
    out = _representatives(union, source)
    for label in labels:
        out[label] = members[label] + [[] for _ in range(len(out) - len(members[label]))]
    out["sources"] = sum((out[label].map(len) > 0).astype("int64") for label in labels)
    return out


def _labels(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if names.count(name) == 1 else f"{name}{seen[name]}")
    return out


def _stack(union: Side, side: Side, rows: Any) -> Side:
    """The union's rows followed by ``side``'s rows ``rows`` (the new events)."""

    def cat(a: Any, b: Any) -> Any:
        return np.concatenate([a, b[rows]])

    def actor(s: Side, k: int) -> Any:
        return s.actors[k] if k < len(s.actors) else np.full(len(s), None, dtype=object)

    width = max(len(union.actors), len(side.actors))
    return Side(
        name="union",
        dataset="union",
        rows=pd.concat([union.rows, side.rows.iloc[rows]], ignore_index=True),
        ids=cat(union.ids, side.ids),
        start=cat(union.start, side.start),
        end=cat(union.end, side.end),
        slack=cat(union.slack, side.slack),
        lat=cat(union.lat, side.lat),
        lon=cat(union.lon, side.lon),
        radius=cat(union.radius, side.radius),
        classes=cat(union.classes, side.classes),
        actors=[cat(actor(union, k), actor(side, k)) for k in range(width)],
        fatalities=cat(union.fatalities, side.fatalities),
    )


def _representatives(union: Side, source: list[str]) -> pd.DataFrame:
    rows = union.rows

    def column(name: str) -> Any:
        return rows[name].to_numpy() if name in rows else np.full(len(rows), None, dtype=object)

    out_: pd.DataFrame = pd.DataFrame(
        {
            "event": np.arange(len(union)),
            "source": source,
            "id": union.ids,
            "event_date": pd.to_datetime(column("event_date")),
            "country": column("country"),
            "latitude": union.lat,
            "longitude": union.lon,
            "event_type": pd.Series(column("event_type"), dtype=object).to_numpy(),
            "fatalities": union.fatalities,
        }
    )
    return out_
