"""Synthetic ACLED data: realistic, valid by construction, generated column-wise.

:func:`generate_events` builds rows in the current ACLED dialect as all-string columns,
exactly as an API CSV holds them. Every categorical value is derived from the codebook
(:mod:`eventdata.vocabulary.codebook`): the sub-event type fixes the event type and the
disorder type, the interaction is the label of the code derived from the two actor
types, ``inter2`` is blank exactly when ``actor2`` is, ``year`` is the year of
``event_date``, ``civilian_targeting`` is set on every Violence against civilians row and
``event_id_cnty`` carries the alpha-3 code of ``iso``. Value distributions follow real
Somalia and Iraq exports (sub-event mix, precisions, fatalities mostly 0 with a long
tail, ``crowd size=`` tags on demonstrations, notes of about 300 characters with commas,
double quotes and a few line breaks).

Everything is vectorized with numpy and pyarrow, so a million rows take seconds.
:func:`write_csv` writes a table as an ACLED CSV, quoting only where needed, and
:func:`inject_faults` corrupts chosen rows in known ways so that a validator's findings
can be checked row by row.

Modules: :mod:`~eventdata.synthetic.profiles` (countries, places, actors, sources),
:mod:`~eventdata.synthetic.distributions` (codebook tables and weights),
:mod:`~eventdata.synthetic.notes` (notes text), :mod:`~eventdata.synthetic.arrays`
(vectorized picking), :mod:`~eventdata.synthetic.generate`,
:mod:`~eventdata.synthetic.writer` and :mod:`~eventdata.synthetic.faults`.

Example:
    >>> from eventdata.synthetic import generate_events, inject_faults, write_csv
    >>> table = generate_events(1000, seed=1)
    >>> bad, faults = inject_faults(table, seed=2, rate=0.02)
    >>> len(faults)
    20

"""

from __future__ import annotations

from eventdata.synthetic.faults import FAULT_KINDS, Fault, inject_faults
from eventdata.synthetic.generate import generate_events
from eventdata.synthetic.profiles import PROFILES as _PROFILES  # noqa: F401  (tests import it)
from eventdata.synthetic.writer import write_csv

__all__ = ["FAULT_KINDS", "Fault", "generate_events", "inject_faults", "write_csv"]
