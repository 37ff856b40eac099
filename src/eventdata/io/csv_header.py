"""Sniffing the header of a CSV file: BOM, ``(Sample)`` preamble, column names, HXL row.

Shared by the whole-file reader (:mod:`eventdata.io.readers`) and the block readers of
streamed conversion (:mod:`eventdata.io.blocks`), so that both read the same columns from
the same file.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from eventdata.exceptions import InputError
from eventdata.io.encoding import decide_encoding, refuse_nul, scan_file
from eventdata.io.headers import refuse_headerless
from eventdata.schema.text import Dialect

__all__ = ["CsvHeader", "detect_encoding", "is_hxl_row", "sniff_csv_header", "unique_names"]

PEEK_BYTES = 64 * 1024
"""How much of the file is read to find the header."""

_BOM = b"\xef\xbb\xbf"
_SAMPLE = b"(Sample)"


@dataclass
class CsvHeader:
    """The header of a CSV file and what precedes and follows it.

    Attributes:
        names: the column names, repeats made unique (``name``, ``name.1``, ...).
        skip: lines before the header (blank lines and ``(Sample)`` preamble lines),
            counted after the BOM.
        data_offset: byte offset of the first data record (after the header and the HXL
            row, when there is one).
        bom: the file starts with a UTF-8 byte-order mark.
        preamble: the export tool's ``(Sample)`` line(s) precede the header.
        hxl_tags: the HXL hashtag row that follows the header, as cells; None when there
            is none.
        delimiter: the field separator: ``,``, ``;``, a tab or ``|``.
        encoding: ``utf-8``, or ``cp1252`` / ``latin-1`` when the file has bytes that are
            not UTF-8 and no UTF-8 character beyond ASCII (or as given; see
            :mod:`eventdata.io.encoding`).
        utf8_checked: every byte of the file (after the BOM) was scanned and is UTF-8.
    """

    names: list[str]
    skip: int
    data_offset: int
    bom: bool
    preamble: bool
    hxl_tags: list[str] | None = None
    delimiter: str = ","
    encoding: str = "utf-8"
    utf8_checked: bool = False

    @property
    def hxl(self) -> bool:
        """Whether an HXL hashtag row follows the header."""
        return self.hxl_tags is not None

    @property
    def needs_utf8_check(self) -> bool:
        """Whether a reader must check that the text it reads is UTF-8.

        Not when the scan of the whole file found every byte UTF-8: every field is then
        UTF-8 too (fields are cut at ASCII bytes, which no multi-byte character holds),
        and checking each cell again would cost a twentieth of the read.
        """
        return not (self.utf8_checked and self.encoding == "utf-8")

    def dialect(self) -> Dialect:
        """What the header shows of the file's dialect: BOM, preamble, HXL row, encoding."""
        return Dialect(
            format="csv",
            bom=self.bom,
            preamble=self.preamble,
            hxl=self.hxl,
            encoding=self.encoding,
            delimiter=self.delimiter,
        )


def sniff_csv_header(path: Path, *, encoding: str | None = None, scan: bool = True) -> CsvHeader:
    """Read the header of the CSV file ``path`` from its first 64 KiB.

    The encoding is decided from every byte of the file (:mod:`eventdata.io.encoding`), so
    that a whole-file and a streamed read decide alike.

    Args:
        path: the file.
        encoding: the text encoding; detected when None (UTF-8, else Windows-1252, else
            Latin-1; UTF-8 with a few bytes that are not is refused as damaged).
        scan: read the whole file for its encoding and NUL bytes. False reads the first
            64 KiB only, for a look at the names; the encoding is then that of those bytes,
            and the reader that reads the file must scan it.

    Raises:
        InputError: the file holds NUL bytes, is damaged UTF-8, has no header line, its
            header is not a list of names or names a column twice.
    """
    with open(path, "rb") as fh:
        head = fh.read(PEEK_BYTES)
    if b"\x00" in head:
        raise refuse_nul(path, head.index(b"\x00"))
    bom = head.startswith(_BOM)
    offset = len(_BOM) if bom else 0
    checked = False
    if not scan:
        encoding = encoding or detect_encoding(head[offset:], complete=len(head) < PEEK_BYTES)
    elif encoding is None:
        encoding = decide_encoding(path, start=offset)
        checked = encoding == "utf-8"
    else:
        nul = scan_file(path, start=offset, encoding=False).nul
        if nul is not None:
            raise refuse_nul(path, nul)
    lines = head[offset:].splitlines(keepends=True)
    skip = 0
    preamble = False
    while skip < len(lines) and lines[skip].strip() in (b"", _SAMPLE):
        preamble = preamble or lines[skip].strip() == _SAMPLE
        skip += 1
    if skip >= len(lines):
        raise InputError("has no header line; expected ACLED column names", path=path)
    text = _text(lines[skip], encoding)
    delimiter = _delimiter(text)
    header = next(csv.reader([text], delimiter=delimiter))
    if len(header) < 2:
        raise InputError(
            f"header {text[:60]!r} is not a list of ACLED columns separated by commas, "
            "semicolons or tabs",
            path=path,
        )
    refuse_headerless(header, path)  # a first line of values, before its repeats
    _refuse_repeats(header, path)
    data_offset = offset + sum(len(line) for line in lines[: skip + 1])
    hxl_tags = None
    if skip + 1 < len(lines):
        cells = next(csv.reader([_text(lines[skip + 1], encoding)], delimiter=delimiter), [])
        if is_hxl_row(cells):
            hxl_tags = cells
            data_offset += len(lines[skip + 1])
    return CsvHeader(
        unique_names(header),
        skip,
        data_offset,
        bom,
        preamble,
        hxl_tags,
        delimiter,
        encoding,
        utf8_checked=checked,
    )


def is_hxl_row(cells: list[str]) -> bool:
    """Whether a row is HXL hashtags: every non-empty cell a ``#tag``, and at least one.

    HDX's files often leave the first cells empty (``,,#date+year,...``).
    """
    tags = [cell.strip() for cell in cells if cell.strip()]
    return bool(tags) and all(tag.startswith("#") for tag in tags)


def detect_encoding(data: bytes, *, complete: bool) -> str:
    """``utf-8`` when ``data`` decodes as UTF-8, else ``cp1252``, else ``latin-1``.

    Args:
        data: the start of a file.
        complete: ``data`` is the whole file (else a multi-byte character may be cut at
            its end, which is not an error).
    """
    for cut in range(1 if complete else 4):
        try:
            data[: len(data) - cut].decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            continue
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(line: str) -> str:
    """The separator that splits the header line into the most fields (commas on a tie)."""
    counts = {d: len(next(csv.reader([line], delimiter=d))) for d in _DELIMITERS}
    return max(_DELIMITERS, key=lambda d: (counts[d], d == ","))


def _text(line: bytes, encoding: str = "utf-8") -> str:
    return line.decode(encoding, errors="replace").rstrip("\r\n")


def _refuse_repeats(header: list[str], path: Path) -> None:
    """Refuse a header naming a column twice (blank names may repeat: unnamed columns)."""
    seen: dict[str, int] = {}
    for name in header:
        if name.strip():
            seen[name] = seen.get(name, 0) + 1
    repeated = [name for name, count in seen.items() if count > 1]
    if repeated:
        shown = ", ".join(f"{name!r} ({seen[name]} times)" for name in repeated)
        raise InputError(
            f"the header names column(s) {shown} more than once; only one copy could be "
            "read. Rename or remove the copies",
            path=path,
        )


def unique_names(header: list[str]) -> list[str]:
    """Column names with repeats made unique: ``a, a, a`` becomes ``a, a.1, a.2``."""
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, -1) + 1
        out.append(f"{name}.{seen[name]}" if seen[name] else name)
    return out
