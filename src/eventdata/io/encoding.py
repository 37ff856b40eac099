"""Deciding the text encoding of a file from all of its bytes, and refusing NUL bytes.

A file that is UTF-8 but for a few bytes is damaged UTF-8, not Latin-1: reading it as a
single-byte encoding would rewrite every other non-ASCII character ("Café" as "CafÃ©").
Such a file is refused, naming the first line with bytes that are not UTF-8 and the
``encoding=`` that reads the whole file another way. A file with bytes that are not UTF-8
and no UTF-8 character beyond ASCII is Windows-1252 (else Latin-1), as spreadsheet
programs and older ACLED exports write it.

The scan reads the file in chunks (a pure-ASCII chunk costs a ``memchr`` and an
``isascii``), so the whole-file and the streamed readers decide the same encoding.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from eventdata.exceptions import InputError

__all__ = ["SCAN_CHUNK", "EncodingScan", "decide_encoding", "scan_file"]

SCAN_CHUNK = 1 << 20
"""Bytes read per step of the scan: a step's checks find its bytes still in the CPU cache
(16 MiB steps took twice as long on a 353 MB file)."""


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Bytes that are not UTF-8 (as ``surrogateescape`` decodes them), characters beyond ASCII.

    Compiled when a file is not UTF-8 (compiling them costs more than scanning a file that is).
    """
    return re.compile("[\udc80-\udcff]"), re.compile("[\u0080-\ud7ff\ue000-\U0010ffff]")


@dataclass
class EncodingScan:
    """What the scan of a file found.

    Attributes:
        utf8_characters: a valid UTF-8 character beyond ASCII occurs.
        bad_bytes: bytes that are not part of valid UTF-8.
        first_bad: byte offset of the first of them, or None.
        nul: byte offset of the first NUL byte, or None.
    """

    utf8_characters: bool = False
    bad_bytes: int = 0
    first_bad: int | None = None
    nul: int | None = None


def _complete(buffer: bytes | bytearray) -> int:
    """Length of ``buffer`` without a UTF-8 sequence cut at its end."""
    for back in range(1, min(4, len(buffer)) + 1):
        byte = buffer[-back]
        if byte & 0xC0 == 0x80:  # a continuation byte: look further back
            continue
        if byte & 0xC0 == 0xC0:  # a lead byte: is its sequence complete?
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(buffer) - back if need > back else len(buffer)
        return len(buffer)
    return len(buffer)


def scan_file(path: Path, *, start: int = 0, encoding: bool = True) -> EncodingScan:
    """Scan ``path`` from byte ``start`` for NUL bytes and (when ``encoding``) UTF-8.

    The chunks are read into one buffer: a fresh ``bytes`` per chunk made the allocator
    hand pages back and take them again, zeroed by the system each time (a tenth of a
    second on a 353 MB file when the scan runs on a thread of its own).
    """
    scan = EncodingScan()
    position = start
    carry: bytes | bytearray = b""
    buffer = bytearray(SCAN_CHUNK)
    with open(path, "rb", buffering=0) as fh:
        fh.seek(start)
        while True:
            n = fh.readinto(buffer)
            chunk = buffer if n == len(buffer) else buffer[:n]
            last = not n
            data = carry + chunk if carry else chunk
            if scan.nul is None and b"\x00" in chunk:
                scan.nul = position + len(carry) + chunk.index(b"\x00")
            if encoding and data and not data.isascii():
                cut = len(data) if last else _complete(data)
                _scan_text(data[:cut], position, scan)
                carry = data[cut:]  # a copy: the buffer is read into again
                position += cut
            else:
                position += len(data)
                carry = b""
            if last:
                return scan


def _is_utf8(data: bytes | bytearray) -> bool:
    """Whether ``data`` is valid UTF-8, checked by Arrow without decoding it.

    Arrow's check runs several times faster than ``bytes.decode`` and builds no string.
    """
    offsets = pa.array([0, len(data)], pa.int64()).buffers()[1]
    raw = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        raw.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def _scan_text(data: bytes | bytearray, position: int, scan: EncodingScan) -> None:
    if _is_utf8(data):
        scan.utf8_characters = True
        return
    text = data.decode("utf-8", "surrogateescape")
    not_utf8, beyond_ascii = _patterns()
    bad = not_utf8.search(text)
    if bad is not None and scan.first_bad is None:
        scan.first_bad = position + len(text[: bad.start()].encode("utf-8", "surrogateescape"))
    scan.bad_bytes += sum(1 for _ in not_utf8.finditer(text))
    scan.utf8_characters = scan.utf8_characters or bool(beyond_ascii.search(text))


def _line_of(path: Path, offset: int) -> int:
    """The 1-based physical line holding byte ``offset``."""
    lines = 1
    with open(path, "rb") as fh:
        done = 0
        while done < offset:
            chunk = fh.read(min(SCAN_CHUNK, offset - done))
            if not chunk:
                break
            lines += chunk.count(b"\n")
            done += len(chunk)
    return lines


def refuse_nul(path: Path, offset: int) -> InputError:
    """The refusal of a file with a NUL byte at ``offset``."""
    line = _line_of(path, offset)
    return InputError(
        f"is not a text CSV file: it contains NUL bytes, the first on line {line} (byte "
        f"{offset}); a UTF-16 file must be saved as UTF-8, a damaged one repaired",
        path=path,
    )


def decide_encoding(path: Path, *, start: int = 0) -> str:
    """The encoding of the text file ``path``, decided from all of its bytes.

    ``utf-8`` when every byte is UTF-8; ``cp1252`` (else ``latin-1``) when some are not and
    no UTF-8 character beyond ASCII occurs.

    Raises:
        InputError: the file holds a NUL byte, or it is UTF-8 with some bytes that are not
            (damaged, or two encodings mixed); the message names the first such line.
    """
    scan = scan_file(path, start=start)
    if scan.nul is not None:
        raise refuse_nul(path, scan.nul)
    if scan.first_bad is None:
        return "utf-8"
    if scan.utf8_characters:
        offset = scan.first_bad
        with open(path, "rb") as fh:
            fh.seek(offset)
            shown = fh.read(4)
        raise InputError(
            f"is UTF-8 text but for {scan.bad_bytes} byte(s) that are not UTF-8, the first "
            f"on line {_line_of(path, offset)} (byte {offset}: {shown!r}); the file is "
            "damaged or mixes two encodings. Repair those lines, or pass the encoding to "
            "read the whole file with (encoding='cp1252' in Python, --encoding cp1252 on "
            "the command line)",
            path=path,
        )
    with open(path, "rb") as fh:
        fh.seek(start)
        try:
            while chunk := fh.read(SCAN_CHUNK):
                chunk.decode("cp1252")
        except UnicodeDecodeError:
            return "latin-1"
    return "cp1252"
