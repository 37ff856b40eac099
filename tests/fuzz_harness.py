"""A seeded mutator over real and synthetic ACLED files, and the checks every mutant must pass.

Used by ``tests/fuzz/test_fuzz.py`` (a short run) and ``bench/fuzz.py`` (a long one). Each
mutation family damages an input the way files are damaged in the wild: a byte of another
encoding, a field over 1 MiB, a header without a newline, a BOM on the first record,
JSON Lines (with a final ``{}``), a space-padded header, a repeated column name, a
hexadecimal integer, a NUL byte after the first 64 KiB, formula cells, nesting ~1000 deep,
truncation, bit flips, stray quotes.

Every mutant is read three ways (``validate``, the whole-file ``to_parquet`` and the
streamed ``convert``), and :func:`check_case` asserts: only ``EventdataError`` is raised;
rows in = valid + invalid; the streamed and whole-file paths agree (both refuse, or both
write the same rows and values); rows the mutation did not touch are unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventdata import (
    EventdataError,
    convert,
    read_acled,
    read_parquet,
    to_parquet,
    validate,
    write_acled,
)
from eventdata.io.csv_header import is_hxl_row

SHARED_ACLED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "acled"
SHARED_UCDP = SHARED_ACLED.parent / "ucdp"
BOM = b"\xef\xbb\xbf"


@dataclass
class Base:
    """An input to mutate: its rows as text, and how it was encoded."""

    name: str
    header: list[str]
    rows: list[list[str]]
    encoding: str = "utf-8"
    tags: list[str] | None = None  # an HXL hashtag row after the header

    def csv_bytes(
        self, header: list[str] | None = None, rows: list[list[str]] | None = None
    ) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.header if header is None else header)
        if self.tags is not None:
            writer.writerow(self.tags)
        writer.writerows(self.rows if rows is None else rows)
        return out.getvalue().encode(self.encoding, errors="replace")

    def column(self, name: str) -> int | None:
        return self.header.index(name) if name in self.header else None


@dataclass
class Case:
    """One mutant: its bytes and what the mutation promises about its rows.

    ``rows`` is the number of records when the mutation keeps it known; ``touched`` the
    rows whose values may change (None: unknown, the other rows are not compared).
    """

    family: str
    base: Base
    data: bytes
    suffix: str = ".csv"
    rows: int | None = None
    touched: set[int] | None = field(default=None)
    original: bytes | None = None  # an undamaged Parquet file the mutant was made from


def load_bases(max_rows: int = 300, *, synthetic: bool = True) -> list[Base]:
    """The real exports (their first ``max_rows`` records), or synthetic files when absent."""
    bases = []
    if SHARED_ACLED.is_dir():
        shared = [*sorted(SHARED_ACLED.glob("*.csv")), *sorted(SHARED_UCDP.glob("*.csv"))]
        for path in shared:
            raw = path.read_bytes()
            encoding = "utf-8"
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                encoding, text = "cp1252", raw.decode("cp1252")
            lines = text.split("\n")
            if lines and lines[0].strip() == "(Sample)":
                text = "\n".join(lines[1:])
            records = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
            if len(records) < 2:
                continue
            tags = records.pop(1) if is_hxl_row(records[1]) else None
            bases.append(Base(path.name, records[0], records[1 : max_rows + 1], encoding, tags))
    if synthetic or not bases:
        from eventdata.synthetic import generate_events, write_csv

        for seed in (1, 2):
            buffer = _write_synthetic(generate_events(max_rows, seed=seed), write_csv)
            records = list(csv.reader(io.StringIO(buffer.decode("utf-8"))))
            bases.append(Base(f"synthetic-{seed}", records[0], records[1:]))
    return bases


def _write_synthetic(table: pa.Table, write_csv: Callable[..., None]) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.csv"
        write_csv(table, path)
        return path.read_bytes()


# -- the families ---------------------------------------------------------------------


def _cell(
    base: Base, rng: random.Random, names: tuple[str, ...], value: Callable[[str], str]
) -> Case | None:
    index = next((base.column(n) for n in names if base.column(n) is not None), None)
    if index is None or not base.rows:
        return None
    row = rng.randrange(len(base.rows))
    rows = [list(r) for r in base.rows]
    if index >= len(rows[row]):
        return None
    rows[row][index] = value(rows[row][index])
    return Case("", base, base.csv_bytes(rows=rows), rows=len(rows), touched={row})


def cell_text(base: Base, rng: random.Random) -> Case | None:
    return _cell(base, rng, ("notes", "location"), lambda v: "Café – naïve “quoted” " + v)


def cell_long(base: Base, rng: random.Random) -> Case | None:
    return _cell(base, rng, ("notes",), lambda v: v + " " + "x" * (1_200_000 + rng.randrange(1000)))


def cell_hex(base: Base, rng: random.Random) -> Case | None:
    return _cell(base, rng, ("fatalities", "year"), lambda v: rng.choice(["0x10", "0X1f", "inf"]))


def cell_formula(base: Base, rng: random.Random) -> Case | None:
    formula = rng.choice(['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
    return _cell(base, rng, ("notes", "actor1"), lambda v: formula)


def cell_invisible_id(base: Base, rng: random.Random) -> Case | None:
    return _cell(base, rng, ("event_id_cnty", "id"), lambda v: "\ufeff" + v)


ODD_CELLS = (
    "",
    " ",
    "0",
    "-0",
    "+5",
    "5.0",
    "1e400",
    "NaN",
    "inf",
    "0x1F",
    "99999999999999999999",
    "2024-02-30",
    "31/12/2023",
    "12/31/2023",
    "\u200b",
    "𝟙",
    "NULL",
    "None",
    "#N/A",
    '"',
    "a,b",
    "line\nbreak",
    "\t",
    "  padded  ",
    "ÿ" * 3,
)
"""Values that trip parsers: blanks, signs, overflows, impossible dates, invisible ones."""


def odd_cell(base: Base, rng: random.Random) -> Case | None:
    if not base.rows:
        return None
    rows = [list(r) for r in base.rows]
    row = rng.randrange(len(rows))
    column = rng.randrange(len(rows[row]))
    rows[row][column] = rng.choice(ODD_CELLS)
    return Case("", base, base.csv_bytes(rows=rows), rows=len(rows))


def bad_byte(base: Base, rng: random.Random) -> Case | None:
    data = base.csv_bytes()
    lines = data.split(b"\n")
    if len(lines) < 3:
        return None
    line = rng.randrange(1, len(lines) - 1)
    lines[line] = lines[line].replace(b",", b",\x93", 1)
    return Case("", base, b"\n".join(lines))


def header_only(base: Base, rng: random.Random) -> Case | None:
    header = base.csv_bytes(rows=[]).rstrip(b"\n")
    return Case("", base, header, rows=0, touched=set())


def bom_first_record(base: Base, rng: random.Random) -> Case | None:
    data = base.csv_bytes()
    cut = data.index(b"\n") + 1
    return Case("", base, BOM + data[:cut] + BOM + data[cut:], touched={0} if base.rows else set())


def padded_header(base: Base, rng: random.Random) -> Case | None:
    header = [f" {name}  " for name in base.header]
    return Case("", base, base.csv_bytes(header=header), rows=len(base.rows), touched=set())


def repeated_column(base: Base, rng: random.Random) -> Case | None:
    if len(base.header) < 3:
        return None
    header = list(base.header)
    header[-1] = header[rng.randrange(len(header) - 1)]
    return Case("", base, base.csv_bytes(header=header))


def late_nul(base: Base, rng: random.Random) -> Case | None:
    data = base.csv_bytes()
    at = min(len(data) - 1, 65_536 + rng.randrange(1000))
    return Case("", base, data[:at] + b"\x00" + data[at:])


def crlf(base: Base, rng: random.Random) -> Case | None:
    data = base.csv_bytes().replace(b"\n", b"\r\n")
    multiline = {i for i, row in enumerate(base.rows) if any("\n" in cell for cell in row)}
    return Case("", base, data, rows=len(base.rows), touched=multiline)


def truncate(base: Base, rng: random.Random) -> Case | None:
    data = base.csv_bytes()
    return Case("", base, data[: rng.randrange(1, len(data))])


def flip_bits(base: Base, rng: random.Random) -> Case | None:
    data = bytearray(base.csv_bytes())
    for _ in range(rng.randint(1, 5)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return Case("", base, bytes(data))


def stray_quote(base: Base, rng: random.Random) -> Case | None:
    data = base.csv_bytes()
    at = rng.randrange(len(data))
    return Case("", base, data[:at] + b'"' + data[at:])


def json_lines(base: Base, rng: random.Random) -> Case | None:
    records = [dict(zip(base.header, row, strict=False)) for row in base.rows]
    lines = [json.dumps(r, ensure_ascii=rng.random() < 0.5) for r in records]
    extra = rng.choice(["", "{}", "bom"])
    if extra == "{}":
        lines.append("{}")
    data = ("\n".join(lines) + "\n").encode()
    if extra == "bom":
        data = BOM + data
    rows = len(records) + (extra == "{}")
    return Case("", base, data, suffix=".jsonl", rows=rows)


def deep_json(base: Base, rng: random.Random) -> Case | None:
    depth = rng.choice([1_000, 5_000, 100_000])
    record = {name: "1" for name in base.header[:3]}
    text = json.dumps(record)[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}"
    return Case("", base, (text + "\n").encode(), suffix=rng.choice([".jsonl", ".json"]))


def empty_records(base: Base, rng: random.Random) -> Case | None:
    n = rng.randint(1, 5)
    if rng.random() < 0.5:
        return Case("", base, json.dumps([{}] * n).encode(), suffix=".json")
    return Case("", base, b"{}\n" * n, suffix=".jsonl")


def _parquet_of(base: Base, *, geo: bool = True) -> bytes | None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        src, dst = Path(folder) / "in.csv", Path(folder) / "out.parquet"
        src.write_bytes(base.csv_bytes())
        try:
            to_parquet(src, dst, on_invalid="keep", geo=geo)
        except EventdataError:
            return None
        return dst.read_bytes()


def parquet_flip(base: Base, rng: random.Random) -> Case | None:
    data = _parquet_of(base)
    if data is None:
        return None
    flipped = bytearray(data)
    at = rng.randrange(4, len(flipped) - 8)  # not the magic bytes: every flip must be read
    flipped[at] ^= 1 << rng.randrange(8)
    case = Case("", base, bytes(flipped), suffix=".parquet")
    case.original = data
    return case


def parquet_foreign(base: Base, rng: random.Random) -> Case | None:
    """eventdata's GeoParquet re-saved by pandas, or a Parquet file with a struct column."""
    import tempfile

    import pandas as pd

    data = _parquet_of(base)
    if data is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.parquet"
        path.write_bytes(data)
        if rng.random() < 0.5:
            pd.read_parquet(path).to_parquet(path)
        else:
            table = pq.read_table(path)
            nested = pa.array([{"a": 1, "b": "x"}] * table.num_rows)
            pq.write_table(table.append_column("nested", nested), path)
        return Case("", base, path.read_bytes(), suffix=".parquet")


FAMILIES: dict[str, Callable[[Base, random.Random], Case | None]] = {
    "cell_text": cell_text,
    "cell_long": cell_long,
    "cell_hex": cell_hex,
    "cell_formula": cell_formula,
    "cell_invisible_id": cell_invisible_id,
    "odd_cell": odd_cell,
    "bad_byte": bad_byte,
    "header_only": header_only,
    "bom_first_record": bom_first_record,
    "padded_header": padded_header,
    "repeated_column": repeated_column,
    "late_nul": late_nul,
    "crlf": crlf,
    "truncate": truncate,
    "flip_bits": flip_bits,
    "stray_quote": stray_quote,
    "json_lines": json_lines,
    "deep_json": deep_json,
    "empty_records": empty_records,
    "parquet_flip": parquet_flip,
    "parquet_foreign": parquet_foreign,
}


def cases(bases: list[Base], *, seed: int, per_family: int) -> Iterator[Case]:
    """``per_family`` mutants of each family, over bases chosen by a seeded generator."""
    rng = random.Random(seed)
    for family, mutate in FAMILIES.items():
        made = 0
        for _attempt in range(per_family * 4):
            if made == per_family:
                break
            case = mutate(rng.choice(bases), rng)
            if case is None:
                continue
            case.family = family
            made += 1
            yield case


# -- the checks -----------------------------------------------------------------------


@dataclass
class Outcome:
    """What one path did: the error it raised, or what it wrote."""

    error: EventdataError | None = None
    table: pa.Table | None = None
    rows_invalid: int = 0
    rows_set_aside: int = 0


def _values(path: Path) -> pa.Table:
    table = pq.read_table(path)
    table = table.drop_columns([c for c in ("geometry", "bbox") if c in table.column_names])
    fields = [
        pa.field(f.name, f.type.value_type if pa.types.is_dictionary(f.type) else f.type)
        for f in table.schema
    ]  # nullable, dictionaries decoded: blocks have dictionaries of their own
    return table.cast(pa.schema(fields)).combine_chunks()


def _write(write: Callable[..., Any], src: Path, dst: Path, on_invalid: str) -> Outcome:
    try:
        result = write(src, dst, on_invalid=on_invalid)
    except EventdataError as exc:
        return Outcome(error=exc)
    invalid = result.invalid_file
    aside = pq.read_metadata(invalid).num_rows if invalid is not None else 0
    return Outcome(table=_values(dst), rows_invalid=result.rows_invalid, rows_set_aside=aside)


def check_cli(case: Case, src: Path, refused: EventdataError | None) -> None:
    """``eventdata validate`` exits 2 exactly when the library refuses; never "a bug"."""
    import contextlib

    from eventdata.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(src), "--format", "json"])
    what = f"{case.family} on {case.base.name}: eventdata validate"
    assert "This is a bug" not in err.getvalue(), f"{what}: {err.getvalue()[:300]}"
    assert code in (0, 1, 2), f"{what} exited {code}"
    assert (code == 2) == (refused is not None), f"{what} exited {code}, validate {refused!r}"


def check_case(
    case: Case, folder: Path, *, block_size: int | None = None, cli: bool = False
) -> Outcome:
    """Read the mutant three ways and assert the promises (see the module docstring).

    ``validate`` and ``to_parquet`` read the file whole, ``convert`` streams it (in blocks
    of ``block_size`` bytes when given); both writes drop the invalid rows, which must
    then be in ``NAME.invalid.parquet``: rows in = written + set aside.
    """
    src = folder / f"input{case.suffix}"
    src.write_bytes(case.data)
    try:
        report = validate(src)
    except EventdataError as exc:
        summary, refused = None, exc
    else:
        summary, refused = report.summary(), None
    for call in (read_acled, lambda p: write_acled(p, folder / "out.csv")):
        try:  # only EventdataErrors may escape (the test fails on any other exception)
            call(src)
        except EventdataError:
            pass
    if case.suffix == ".parquet":
        try:
            read_parquet(src)
        except EventdataError:
            pass
    if cli:
        check_cli(case, src, refused)
    whole = _write(to_parquet, src, folder / "whole.parquet", "drop")
    options = {} if block_size is None else {"block_size": block_size}

    def streamed_convert(s: Path, d: Path, **kw: Any) -> Any:
        return convert(s, d, **kw, **options)

    streamed = _write(streamed_convert, src, folder / "streamed.parquet", "drop")
    what = f"{case.family} on {case.base.name}"
    assert (whole.error is None) == (streamed.error is None), (
        f"{what}: the paths disagree: whole {whole.error!r}, streamed {streamed.error!r}"
    )
    assert (refused is None) == (whole.error is None), (
        f"{what}: validate {refused!r} but to_parquet {whole.error!r}"
    )
    if whole.table is None or streamed.table is None or summary is None:
        return whole
    rows_in = summary["n_rows"]
    assert summary["n_valid"] + summary["n_invalid"] == rows_in, what
    for outcome in (whole, streamed):
        assert outcome.rows_invalid == summary["n_invalid"], what
        assert outcome.table.num_rows + outcome.rows_set_aside == rows_in, (
            f"{what}: {rows_in} rows in, {outcome.table.num_rows} written, "
            f"{outcome.rows_set_aside} set aside"
        )
    assert streamed.table.equals(whole.table), f"{what}: the paths wrote different values"
    if case.rows is not None:
        assert rows_in == case.rows, f"{what}: {rows_in} rows, not {case.rows}"
    if case.original is not None:  # a damaged Parquet file is refused or reads as it was
        intact = folder / "intact.parquet"
        intact.write_bytes(case.original)
        damaged = _write(to_parquet, src, folder / "damaged.parquet", "keep")
        kept = _write(to_parquet, intact, folder / "kept.parquet", "keep")
        assert damaged.table is not None and kept.table is not None
        assert damaged.table.equals(kept.table), f"{what}: a damaged file read as other values"
    return whole


def check_untouched(case: Case, folder: Path) -> None:
    """Rows the mutation did not touch read as they do in the unmutated input."""
    if case.touched is None or case.suffix != ".csv":
        return
    mutant = _write(to_parquet, folder / "input.csv", folder / "mutant.parquet", "keep")
    if mutant.table is None:
        return
    original = folder / "original.csv"
    original.write_bytes(case.base.csv_bytes())
    base = _write(to_parquet, original, folder / "original.parquet", "keep")
    assert base.table is not None
    end = min(base.table.num_rows, mutant.table.num_rows)
    indices = pa.array([i for i in range(end) if i not in case.touched], pa.int64())
    names = [n for n in base.table.column_names if n in mutant.table.column_names]
    before = base.table.select(names).take(indices)
    after = mutant.table.select(names).take(indices)
    assert after.equals(before), f"{case.family} on {case.base.name}: untouched rows changed"
