"""Header and cell shapes every reader normalizes, whatever the format.

Names are matched case-insensitively and from 10-character shapefile cuts, unnamed empty
columns and saved row numbers are dropped, a missing header is named, and decimal commas
in coordinates are read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import InputError
from eventdata.io.dialects import known_column_names
from eventdata.schema.text import Dialect

__all__ = [
    "decimal_commas",
    "fold_header",
    "is_blank_text",
    "is_row_names",
    "refuse_headerless",
    "shapefile_names",
]


_DECIMAL_COMMA = r"^[\s\x{00A0}]*-?\d+(,\d+)?[\s\x{00A0}]*$"
_DECIMAL_COLUMNS = frozenset({"latitude", "longitude"})


def decimal_commas(table: pa.Table, dialect: Dialect) -> pa.Table:
    """Coordinates written with decimal commas (a European spreadsheet's ``;`` file) as ``.``.

    Called for files separated by something other than commas: in a comma-separated file
    a quoted ``"33,29"`` is no number, as ``Event`` says too. In a ``;`` file a comma in a
    coordinate can only be its decimal mark, so each value shaped as a number with one
    decimal comma is read with a point, whatever the other rows hold: a file read whole
    and one read block by block read the same value the same way.
    """
    changed = []
    for index, name in enumerate(table.column_names):
        if name.strip().lower() not in _DECIMAL_COLUMNS:
            continue
        column = table.column(index)
        if not pc.any(pc.match_substring(column, ",")).as_py():
            continue
        shaped = pc.fill_null(pc.match_substring_regex(column, _DECIMAL_COMMA), False)
        if pc.any(shaped).as_py():
            fixed = pc.if_else(shaped, pc.replace_substring(column, ",", "."), column)
            table = table.set_column(index, name, fixed)
            changed.append(name)
    if changed:
        dialect.notes.append(f"read decimal commas in {', '.join(changed)}")
    return table


_UNNAMED = re.compile(r"^(|\.\d+|Unnamed: \d+(_level_\d+)?)$")


def fold_header(table: pa.Table, dialect: Dialect) -> pa.Table:
    """Known column names matched case-insensitively; unnamed empty columns dropped."""
    known = known_column_names()
    names = list(table.column_names)
    folded = [known.get(n.strip().lower(), n) if n not in known.values() else n for n in names]
    folded = shapefile_names(folded, known)
    if folded != names and len(set(folded)) == len(folded):
        changed = [f"{a} -> {b}" for a, b in zip(names, folded, strict=True) if a != b]
        shown = ", ".join(changed[:3]) + (
            f" and {len(changed) - 3} more" if len(changed) > 3 else ""
        )
        dialect.notes.append(f"matched column names case-insensitively ({shown})")
        table = table.rename_columns(folded)
    empty = [
        name
        for index, name in enumerate(table.column_names)
        if _UNNAMED.match(name)
        and index > 0
        and pc.all(is_blank_text(table.column(name))).as_py() is not False
    ]
    if empty:
        dialect.notes.append(f"dropped {len(empty)} unnamed empty column(s)")
        table = table.drop_columns(empty)
    return table


_VALUE = re.compile(r"^\s*-?[\d.,:/ T-]+\s*$")


def refuse_headerless(names: list[str], path: Path | None) -> None:
    """A first line of values (numbers, dates) and no known name: the header is missing."""
    known = known_column_names()
    if not names or any(n.strip().lower() in known for n in names):
        return
    values = [n for n in names if _VALUE.match(n) and any(c.isdigit() for c in n)]
    if len(values) >= 3 or (len(values) == 2 and len(names) <= 6):
        shown = ", ".join(repr(v) for v in values[:3])
        raise InputError(
            f"has no header line: its first line holds values ({shown}, ...), not column "
            "names; add the header line of the export (event_id_cnty,event_date,...)",
            path=path,
        )


def is_row_names(table: pa.Table, names: list[str]) -> bool:
    """Whether the first column is a saved row number (pandas' index, R's row names)."""
    if "event_id_cnty" in names:
        return True
    column = table.column(0)
    if table.num_rows == 0 or column.null_count:
        return False
    try:
        numbers = pc.cast(pc.utf8_trim_whitespace(column), pa.int64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return False
    first = numbers[0].as_py()
    if first not in (0, 1):
        return False
    steps = pc.subtract(numbers.slice(1), numbers.slice(0, len(numbers) - 1))
    return len(steps) == 0 or pc.all(pc.equal(steps, 1)).as_py() is True


_DBF_WIDTH = 10
_DBF_REPEAT = re.compile(r"^(.{1,8})_(\d)$")


def shapefile_names(names: list[str], known: dict[str, str]) -> list[str]:
    """10-character DBF names (``GEO_PRECIS``, ``ASSOC_AC_1``) as the known names they cut.

    Shapefiles keep 10 characters of a name, and ogr2ogr numbers a name whose cut repeats
    an earlier one (``CONFLICT_N`` for ``conflict_new_id``, then ``CONFLICT_1`` for
    ``conflict_name``): such a name is the next known name with that start whose cut
    is the repeated one.
    """
    cuts: dict[str, list[str]] = {}
    for full in known.values():
        cuts.setdefault(full[:_DBF_WIDTH].lower(), []).append(full)
    out = list(names)
    taken: set[str] = set(known.get(n.strip().lower(), "") for n in names) - {""}
    numbered = []
    for index, name in enumerate(names):
        low = name.strip().lower()
        if len(low) != _DBF_WIDTH or low in known:
            continue
        if _DBF_REPEAT.match(low) and low not in cuts:
            numbered.append(index)
            continue
        candidates = [c for c in cuts.get(low, []) if c not in taken]
        if candidates:
            out[index] = candidates[0]
            taken.add(candidates[0])
    header_cuts = {n.strip().lower() for n in names}
    for index in numbered:
        match = _DBF_REPEAT.match(names[index].strip().lower())
        assert match is not None
        candidates = [
            full
            for cut, fulls in cuts.items()
            if cut.startswith(match.group(1)) and cut in header_cuts
            for full in fulls
            if full not in taken
        ]
        if candidates:
            out[index] = candidates[0]
            taken.add(candidates[0])
    return out


def is_blank_text(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """True where a text cell is null or white space only."""
    return pc.fill_null(pc.equal(pc.utf8_trim_whitespace(column), ""), True)
