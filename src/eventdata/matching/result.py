"""The result of a match: the pairs, the unmatched rows of each side, a summary."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from eventdata._display import Detail, html_view, short_repr
from eventdata.matching.inputs import Side

__all__ = ["MatchResult"]

PAIR_COLUMNS = (
    "left_id",
    "right_id",
    "kind",
    "score",
    "rank",
    "candidates",
    "runner_up_id",
    "runner_up_score",
    "km",
    "days",
    "time_agreement",
    "place_agreement",
    "type_agreement",
    "actors_agreement",
    "fatalities_agreement",
    "left_date",
    "right_date",
    "left_event_type",
    "right_event_type",
    "left_fatalities",
    "right_fatalities",
    "country",
)


@dataclass
class MatchResult:
    """Which rows of two tables are the same event.

    Attributes:
        left_name, right_name: the labels of the two inputs.
        pairs: one row per pair (columns :data:`PAIR_COLUMNS`), in the order of the left
            input's rows: both ids, ``kind``
            (``one-to-one`` or ``episode``: one of several rows inside a multi-day event),
            ``score``, the chosen partner's ``rank`` among the left row's candidates (1 the
            best), how many ``candidates`` it had, the best other one (``runner_up_id``,
            ``runner_up_score``), distance in ``km``, ``days`` between the spans, the
            agreement per dimension, and both sides' date, event type and fatalities.
        left_only, right_only: the rows of each side in no pair (ACLED-style columns).
        candidates: how many candidate pairs blocking found.
        options: the options of the match.
        seconds: time spent reading and in all.
        scored: the candidate pairs that can matter, with their agreements and score
            (positions, not ids): each is among the three best of its left row or of its
            right row; ``candidates`` counts them all.
    """

    left_name: str
    right_name: str
    pairs: pd.DataFrame
    left_only: pd.DataFrame
    right_only: pd.DataFrame
    candidates: int
    options: dict[str, Any]
    seconds: dict[str, float]
    scored: pd.DataFrame = field(repr=False)
    left_rows: int = 0
    right_rows: int = 0
    _left_rows: npt.NDArray[np.int64] = field(default_factory=lambda: np.empty(0, np.int64))
    _right_rows: npt.NDArray[np.int64] = field(default_factory=lambda: np.empty(0, np.int64))
    _left: Side | None = field(default=None, repr=False)
    _right: Side | None = field(default=None, repr=False)

    @classmethod
    def build(
        cls,
        left: Side,
        right: Side,
        scored: pd.DataFrame,
        chosen: pd.DataFrame,
        *,
        candidates: int | None = None,
        options: dict[str, Any],
        seconds: dict[str, float],
    ) -> MatchResult:
        """Assemble the result from the scored candidates and the chosen pairs.

        ``candidates`` is how many candidate pairs blocking found (default: ``scored``'s
        length, when it holds them all).
        """
        li = chosen["left"].to_numpy(np.int64)
        rj = chosen["right"].to_numpy(np.int64)
        runner = _runner_up(scored, chosen)
        pairs = pd.DataFrame(
            {
                "left_id": left.ids[li],
                "right_id": right.ids[rj],
                "kind": chosen["kind"].to_numpy(),
                "score": chosen["score"].to_numpy(),
                "rank": chosen["rank"].to_numpy(np.int64),
                "candidates": chosen["candidates"].to_numpy(np.int64),
                "runner_up_id": pd.Series(right.ids[np.maximum(runner[0], 0)]).where(
                    runner[0] >= 0, None
                ),
                "runner_up_score": runner[1],
                "km": chosen["km"].to_numpy(),
                "days": chosen["days"].to_numpy(),
                **{
                    c: chosen[c].to_numpy()
                    for c in (
                        "time_agreement",
                        "place_agreement",
                        "type_agreement",
                        "actors_agreement",
                        "fatalities_agreement",
                    )
                },
                "left_date": _dates(left.start[li]),
                "right_date": _dates(right.start[rj]),
                "left_event_type": _column(left.rows, "event_type", li),
                "right_event_type": _column(right.rows, "event_type", rj),
                "left_fatalities": left.fatalities[li],
                "right_fatalities": right.fatalities[rj],
                "country": _column(left.rows, "country", li),
            }
        )
        order = np.lexsort((rj, li))  # in the left input's order
        pairs = pairs.iloc[order].reset_index(drop=True)
        left_out = _unpaired(len(left), li)
        right_out = _unpaired(len(right), rj)
        return cls(
            left_name=left.name,
            right_name=right.name,
            pairs=pairs,
            left_only=left.rows.iloc[left_out].reset_index(drop=True),
            right_only=right.rows.iloc[right_out].reset_index(drop=True),
            candidates=len(scored) if candidates is None else candidates,
            options=options,
            seconds=seconds,
            scored=scored,
            left_rows=len(left),
            right_rows=len(right),
            _left_rows=li[order],
            _right_rows=rj[order],
            _left=left,
            _right=right,
        )

    # -- summaries ------------------------------------------------------------------------

    @property
    def summary(self) -> dict[str, Any]:
        """Counts: rows of each side, pairs by kind, matched and unmatched rows, candidates."""
        kinds = self.pairs["kind"].value_counts()
        both = self.pairs.dropna(subset=["left_fatalities", "right_fatalities"])
        return {
            "left": self.left_name,
            "right": self.right_name,
            "left_rows": self.left_rows,
            "right_rows": self.right_rows,
            "candidates": self.candidates,
            "pairs": len(self.pairs),
            "one_to_one": int(kinds.get("one-to-one", 0)),
            "episode": int(kinds.get("episode", 0)),
            "left_matched": self.left_rows - len(self.left_only),
            "right_matched": self.right_rows - len(self.right_only),
            "left_only": len(self.left_only),
            "right_only": len(self.right_only),
            "fatalities_equal": int((both["left_fatalities"] == both["right_fatalities"]).sum()),
            "fatalities_compared": len(both),
            "seconds": round(self.seconds.get("total", 0.0), 3),
        }

    def coverage(self) -> dict[str, pd.DataFrame]:
        """The coverage tables: by country-month and by event type (see ``coverage``)."""
        from eventdata.matching.coverage import coverage_tables

        return coverage_tables(self)

    def __repr__(self) -> str:
        s = self.summary
        return short_repr(
            "MatchResult",
            [
                ("left", s["left"]),
                ("right", s["right"]),
                ("pairs", s["pairs"]),
                ("only_left", s["left_only"]),
                ("only_right", s["right_only"]),
                ("candidates", s["candidates"]),
            ],
        )

    def _repr_html_(self) -> str:
        s = self.summary
        head = self.pairs.head(5)
        rows = [
            (r.left_id, r.right_id, r.kind, f"{r.score:.2f}", f"{r.km:.1f}", r.days)
            for r in head.itertuples()
        ]
        return html_view(
            f"MatchResult: {s['left']} x {s['right']}",
            [(key.replace("_", " "), value) for key, value in s.items()],
            details=[
                Detail(
                    "Pairs",
                    ("left id", "right id", "kind", "score", "km", "days"),
                    rows,
                    total=len(self.pairs),
                )
            ],
        )

    # -- output ---------------------------------------------------------------------------

    def to_parquet(self, path: str | os.PathLike[str], /) -> Path:
        """Write the pairs and both sides' unmatched ids to one Parquet file (atomically).

        One row per pair (``status`` = ``matched``), then one per unmatched row of each
        side (``status`` = ``only_left`` / ``only_right``, the other id blank). The match
        options and summary are stored in the file's metadata (``eventdata.match``).
        """
        import json

        import pyarrow as pa
        import pyarrow.parquet as pq

        from eventdata._atomic import atomic_path

        table = pa.Table.from_pandas(self.table(), preserve_index=False)
        meta = dict(table.schema.metadata or {})
        meta[b"eventdata.match"] = json.dumps(
            {"options": self.options, "summary": self.summary}, default=str
        ).encode()
        table = table.replace_schema_metadata(meta)
        target = Path(path)
        with atomic_path(target) as tmp:
            pq.write_table(table, tmp)
        return target

    def table(self) -> pd.DataFrame:
        """The pairs, then the unmatched rows of each side, in one frame (``status``)."""
        pairs = self.pairs.assign(status="matched")
        only_left = pd.DataFrame({"left_id": _ids(self.left_only), "status": "only_left"})
        only_right = pd.DataFrame({"right_id": _ids(self.right_only), "status": "only_right"})
        frame = pd.concat([pairs, only_left, only_right], ignore_index=True)
        for column in ("left_id", "right_id", "runner_up_id", "kind", "country"):
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
        for column in ("left_event_type", "right_event_type"):
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
        out_: pd.DataFrame = frame[["status", *PAIR_COLUMNS]]
        return out_

    def sample_for_review(self, n: int, path: str | os.PathLike[str], /, *, seed: int = 0) -> Path:
        """Write ``n`` pairs for a person to judge: half chosen pairs, half controls.

        See :func:`eventdata.matching.review.sample_for_review`.
        """
        from eventdata.matching.review import sample_for_review

        return sample_for_review(self, n, path, seed=seed)

    @staticmethod
    def score_review(path: str | os.PathLike[str], /) -> dict[str, Any]:
        """Precision and recall from a judged review file (:func:`score_review`)."""
        return score_review(path)


def score_review(path: str | os.PathLike[str], /) -> dict[str, Any]:
    """Precision and recall from a judged review file (see :mod:`eventdata.matching.review`)."""
    from eventdata.matching.review import score_review as run

    return run(path)


def _runner_up(
    scored: pd.DataFrame, chosen: pd.DataFrame
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """For each chosen pair, the left row's best other candidate and its score.

    ``scored`` is ordered by left row, best first, and holds each left row's two best
    candidates at the start of its group.
    """
    if len(scored) == 0:
        return np.full(len(chosen), -1, np.int64), np.full(len(chosen), np.nan)
    rows = scored["left"].to_numpy(np.int64)
    first = np.searchsorted(rows, chosen["left"].to_numpy(np.int64), side="left")
    rank = chosen["rank"].to_numpy(np.int64)
    other = np.where(rank == 1, first + 1, first)
    exists = (rank > 1) | (chosen["candidates"].to_numpy(np.int64) > 1)
    other = np.where(exists, np.minimum(other, len(rows) - 1), 0)
    right = scored["right"].to_numpy(np.int64)
    score = scored["score"].to_numpy(np.float64)
    return (
        np.where(exists, right[other], -1),
        np.where(exists, score[other], np.nan),
    )


def _unpaired(rows: int, paired: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    alone = np.ones(rows, dtype=bool)
    alone[paired] = False
    return np.flatnonzero(alone)


def _dates(days: npt.NDArray[np.int64]) -> npt.NDArray[np.datetime64]:
    return days.astype("datetime64[D]")


def _column(rows: pd.DataFrame, name: str, index: npt.NDArray[np.int64]) -> Any:
    if name not in rows:
        return np.full(len(index), None, dtype=object)
    return rows[name].astype(object).to_numpy()[index]


def _ids(rows: pd.DataFrame) -> Any:
    return rows["event_id_cnty"].astype(object).to_numpy() if len(rows) else []
