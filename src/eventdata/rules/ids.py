# ruff: noqa: D205  (a rule's docstring opens with its description, one paragraph)
"""ACLED's checks of ``event_id_cnty``, for rows and for columns.

An id holds no invisible character, and its letters are the country code of the row's
``iso``: ISO's alpha-3 code or, where ACLED has its own (NIG for Nigeria), ACLED's.
:mod:`eventdata.rules.acled` lists them among ACLED's rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.rules.base import Columns, rule, to_mask, value_bytes
from eventdata.rules.lookups import lookup
from eventdata.rules.place import ACLED_DATASET
from eventdata.vocabulary.acled_countries import ACLED_PREFIXES, event_id_prefixes
from eventdata.vocabulary.countries import COUNTRIES, event_id_prefix

__all__ = ["INVISIBLE_CHARACTERS", "CountryPrefix", "InvisibleId"]

INVISIBLE_CHARACTERS = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
"""Characters that show as nothing: soft hyphen, zero-width and direction marks, BOM."""

_INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]")


@rule("invisible.event_id_cnty", inputs=("event_id_cnty",))
class InvisibleId:
    """event_id_cnty holds no invisible character (a byte-order mark from an appended
    Excel export, a zero-width space, a direction mark): two ids that look equal would
    differ, hiding a duplicate event.

    Expected: an id of visible characters only (remove the invisible ones)
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        """Whether one row's ``event_id_cnty`` holds an invisible character."""
        return bool(_INVISIBLE.search(str(v["event_id_cnty"] or "")))

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        """Per row, whether ``event_id_cnty`` holds an invisible character."""
        ids = c["event_id_cnty"]
        chunks = value_bytes(ids)
        if chunks is not None and all(not len(data) or data.max() < 0x80 for data in chunks):
            return np.zeros(len(ids), dtype=bool)  # every invisible character is beyond ASCII
        return to_mask(pc.match_substring_regex(ids, f"[{INVISIBLE_CHARACTERS}]"))


_ISO_NUMERIC = pa.array([c.numeric for c in COUNTRIES], pa.int64())
_ISO_ALPHA3 = pa.array([c.alpha3 for c in COUNTRIES])
_OWN_NUMERIC = pa.array([p.numeric for p in ACLED_PREFIXES], pa.int64())
_OWN_CODE = pa.array([p.code for p in ACLED_PREFIXES])


def _differs(ids: pa.Array, code: pa.Array) -> pa.Array:
    # the leading letters equal the 3-letter code exactly when the first three characters
    # do and the fourth is not a letter; slicing is several times cheaper than a regex
    return pc.or_(
        pc.not_equal(pc.utf8_slice_codeunits(ids, 0, 3), code),
        pc.utf8_is_alpha(pc.utf8_slice_codeunits(ids, 3, 4)),
    )


@rule("event_id_cnty.country_prefix", severity="warning", inputs=("event_id_cnty", "iso"))
class CountryPrefix:
    """The letters of event_id_cnty are the ISO alpha-3 code of the row's iso or, in the
    countries where ACLED has its own, ACLED's code (NIG for Nigeria, 566); ids without
    letters, as in 2016 data, and rows whose `dataset` column names another dataset are
    not compared.

    Expected: an id starting with the alpha-3 code of iso (e.g. IRQ for 368) or ACLED's own code for
    it (e.g. NIG for 566)
    """

    @staticmethod
    def row(v: Mapping[str, Any]) -> bool:
        """Whether one ACLED row's id letters are neither its ISO nor ACLED's own code."""
        if v.get("dataset") not in (None, "", ACLED_DATASET):
            return False  # ids of other datasets (e.g. GED123) follow their own scheme
        accepted = event_id_prefixes(v["iso"])
        if not accepted:
            return False  # not an ISO country (e.g. a body of water): nothing to compare
        prefix = event_id_prefix(v["event_id_cnty"])
        return prefix != "" and prefix not in accepted

    @staticmethod
    def columnar(c: Columns) -> np.ndarray:
        """Per row, whether an ACLED row's id letters are neither its ISO nor ACLED's code."""
        ids = c["event_id_cnty"]
        has_prefix = pc.utf8_is_alpha(pc.utf8_slice_codeunits(ids, 0, 1))
        not_iso = _differs(ids, lookup(c["iso"], _ISO_NUMERIC, _ISO_ALPHA3))
        own = lookup(c["iso"], _OWN_NUMERIC, _OWN_CODE)
        not_own = pc.fill_null(_differs(ids, own), True)  # no code of ACLED's own: ISO only
        failing = pc.and_(has_prefix, pc.and_(not_iso, not_own))
        if "dataset" in c:  # combined tables: only ACLED rows use ACLED ids
            dataset = pc.fill_null(c["dataset"], "")
            acled = pc.or_(pc.equal(dataset, ""), pc.equal(dataset, ACLED_DATASET))
            failing = pc.and_(failing, acled)
        return to_mask(failing)

    @staticmethod
    def explain(c: Columns) -> pa.Array:
        """Per row, the id beginnings its ``iso`` allows (``IRQ...``, ``NGA... or NIG...``)."""
        iso = lookup(c["iso"], _ISO_NUMERIC, _ISO_ALPHA3)
        own = lookup(c["iso"], _OWN_NUMERIC, _OWN_CODE)
        both = pc.binary_join_element_wise(iso, "... or ", own, "...", "")
        return pc.coalesce(both, pc.binary_join_element_wise(iso, "...", ""))
