"""Cross-source event matching: which rows of two event tables are the same event.

:func:`match` pairs the rows of two tables (ACLED in any dialect, UCDP GED, GTD, rich
records); :func:`integrate` merges several into one table of events with the sources that
have each. Modules: :mod:`~eventdata.matching.inputs` (reading any input, the one
dispatch), :mod:`~eventdata.matching.windows` (windows from precision),
:mod:`~eventdata.matching.crosswalk` (event-type crosswalks, shipped as data),
:mod:`~eventdata.matching.actors` (actor names), :mod:`~eventdata.matching.blocking`
(candidates), :mod:`~eventdata.matching.scoring`, :mod:`~eventdata.matching.assign`
(optimal assignment and episodes), :mod:`~eventdata.matching.result`,
:mod:`~eventdata.matching.coverage`, :mod:`~eventdata.matching.review` and
:mod:`~eventdata.matching.simulate` (the known-answer generator).

Needs the ``match`` extra (rapidfuzz and scipy): ``pip install 'eventdata[match]'``.
"""

from __future__ import annotations

from eventdata.matching.core import DEFAULT_THRESHOLD, integrate, match
from eventdata.matching.coverage import coverage_tables
from eventdata.matching.result import MatchResult, score_review
from eventdata.matching.simulate import KnownAnswer, Perturbation, second_coder

__all__ = [
    "DEFAULT_THRESHOLD",
    "KnownAnswer",
    "MatchResult",
    "Perturbation",
    "coverage_tables",
    "integrate",
    "match",
    "score_review",
    "second_coder",
]
