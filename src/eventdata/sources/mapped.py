"""Any dataset's events as the ACLED-style table, through the dataset's own mapping."""

from __future__ import annotations

from typing import Any

import pandas as pd

from eventdata.datasets import Dataset, dataset_of, require, resolve
from eventdata.pipeline.inputs import read_input
from eventdata.pipeline.read import read_acled
from eventdata.schema.text import RawTable

__all__ = ["to_acled_frame"]


def to_acled_frame(data: Any, /, *, dataset: str | Dataset = "auto") -> pd.DataFrame:
    """Read events of any registered dataset as rows of the ACLED-style table.

    ACLED data is read as :func:`eventdata.read_acled` reads it; another dataset goes
    through the mapping its declaration names (``Dataset.to_acled``: ``ged_to_acled``,
    ``gtd_to_acled``), so a new dataset with a mapping joins every consumer of this
    table (matching, comparisons) without touching them.

    Args:
        data: a path, DataFrame or Arrow table of any registered dataset.
        dataset: ``"auto"`` (recognised from the columns), a name or a ``Dataset``.

    Returns:
        The canonical ACLED columns, then the mapping's extra columns.

    Raises:
        NotEventDataError: the input is no dataset's, or not the one named, or its
            dataset has no mapping to the ACLED-style table.
        InputError: the input cannot be read.
    """
    from eventdata.exceptions import NotEventDataError

    raw = data if isinstance(data, RawTable) else read_input(data)
    found = resolve(dataset)
    if found is None:
        found = dataset_of(raw.column_names, source=raw.source)
    else:
        require(found, raw.column_names, source=raw.source)
    if found.canonical:
        return read_acled(raw)
    mapping = found.mapping()
    if mapping is None:
        raise NotEventDataError(
            f"is {found.title} data, which has no mapping to the ACLED-style table; "
            f"read it with {found.reader}() instead",
            path=raw.source,
        )
    frame: pd.DataFrame = mapping(raw)
    return frame
