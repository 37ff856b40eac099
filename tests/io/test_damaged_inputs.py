"""Damaged inputs: refused with a message saying what, where and how, or read exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from acled_fixtures import make_row, shared_file, write_csv

from eventdata import InputError, convert, read_acled, to_parquet, validate
from eventdata.io.blocks import iter_text_blocks
from eventdata.io.csv_header import sniff_csv_header
from eventdata.synthetic import generate_events

QUOTED = "Café – naïve “quoted”"


def _rows(n: int, **changes: str) -> list[dict[str, str]]:
    return [make_row(event_id_cnty=f"IRQ{i}", **changes) for i in range(n)]


def test_one_windows_1252_byte_in_a_utf8_file_is_refused_naming_its_line(tmp_path):
    src = write_csv(tmp_path / "in.csv", _rows(50, notes=QUOTED))
    lines = src.read_bytes().split(b"\n")
    lines[31] = lines[31].replace(b"Baghdad", b"Bagh\x93dad", 1)
    src.write_bytes(b"\n".join(lines))

    for read in (validate, lambda p: convert(p, tmp_path / "out.parquet")):
        with pytest.raises(InputError, match=r"line 32 \(byte \d+: b'\\x93") as caught:
            read(src)
        assert "encoding='cp1252'" in str(caught.value)
    assert not (tmp_path / "out.parquet").exists()


def test_a_file_read_with_its_encoding_given_reads_every_row_that_way(tmp_path):
    src = write_csv(tmp_path / "in.csv", _rows(3, notes="naïve"))
    src.write_bytes(src.read_bytes().replace(b"na\xc3\xafve", b"na\xefve", 1))

    report = validate(src, encoding="cp1252")

    assert report.n_rows == 3


def test_windows_1252_after_64_kib_of_ascii_is_decided_alike_whole_and_streamed(tmp_path):
    rows = _rows(400, notes="plain ascii " * 20)
    rows[-1]["notes"] = "café"
    src = write_csv(tmp_path / "in.csv", rows, encoding="cp1252")
    assert src.stat().st_size > 64 * 1024

    header = sniff_csv_header(src)
    whole = to_parquet(src, tmp_path / "whole.parquet")
    streamed = convert(src, tmp_path / "streamed.parquet")

    assert header.encoding == "cp1252"
    assert whole.rows_written == streamed.rows_written == 400
    for name in ("whole", "streamed"):
        notes = pq.read_table(tmp_path / f"{name}.parquet").column("notes").to_pylist()
        assert notes[-1] == "café" and notes[0] == "plain ascii " * 20


def test_a_header_look_reads_64_kib_and_every_reader_still_scans_the_whole_file(tmp_path):
    src = write_csv(tmp_path / "in.csv", _rows(400, notes=QUOTED + " plain ascii" * 20))
    src.write_bytes(src.read_bytes() + b"IRQ9,\x93damaged\n")  # after 64 KiB
    other = tmp_path / "other.csv"  # not event data, and damaged too
    other.write_bytes(b"a,b\n" + b"1,2\n" * 20_000 + b"3,caf\xc3\xa9 and \x93\n")

    names = sniff_csv_header(src, scan=False).names

    assert names[0] == "event_id_cnty"
    for path in (src, other):
        for read in (validate, lambda p: convert(p, tmp_path / "out.parquet")):
            with pytest.raises(InputError, match="is UTF-8 text but for 1 byte"):
                read(path)


def test_the_scan_reads_characters_cut_by_its_steps_and_finds_the_byte_after(tmp_path):
    from eventdata.io.encoding import SCAN_CHUNK, scan_file

    data = b"a" * (SCAN_CHUNK - 1) + "é€".encode() + b"b" * SCAN_CHUNK + b"\x93" + b"c\n"
    (tmp_path / "in.csv").write_bytes(data)

    scan = scan_file(tmp_path / "in.csv")

    assert scan.utf8_characters and scan.bad_bytes == 1 and scan.nul is None
    assert scan.first_bad == data.index(b"\x93")


def test_the_real_windows_1252_export_still_reads_as_windows_1252():
    src = shared_file("africa_2014-2016_v6_cp1252.csv")

    report = validate(src)

    assert report.dialect.encoding == "cp1252"
    assert report.n_rows > 6000


def test_a_nul_byte_after_the_first_64_kib_is_refused_naming_its_line(tmp_path):
    src = write_csv(tmp_path / "in.csv", _rows(400, notes="x" * 300))
    data = src.read_bytes()
    at = 70_000
    src.write_bytes(data[:at] + b"\x00" + data[at:])
    line = data[:at].count(b"\n") + 1

    for read in (validate, lambda p: convert(p, tmp_path / "out.parquet")):
        with pytest.raises(InputError, match=f"NUL bytes, the first on line {line} "):
            read(src)


def test_a_repeated_column_name_is_refused_naming_it(tmp_path):
    src = write_csv(tmp_path / "in.csv", _rows(2))
    text = src.read_text(encoding="utf-8").replace(",notes,", ",fatalities,", 1)
    src.write_text(text, encoding="utf-8")

    for read in (validate, lambda p: convert(p, tmp_path / "out.parquet")):
        with pytest.raises(InputError, match=r"'fatalities' \(2 times\)"):
            read(src)


def test_a_bom_on_the_first_record_reads_alike_whole_and_streamed(tmp_path):
    src = write_csv(tmp_path / "in.csv", _rows(3), bom=True)
    data = src.read_bytes()
    cut = data.index(b"\n") + 1
    src.write_bytes(data[:cut] + b"\xef\xbb\xbf" + data[cut:])

    blocks = list(iter_text_blocks(src))
    whole = validate(src)

    assert blocks[0][0].column("event_id_cnty")[0].as_py() == "\ufeffIRQ0"
    assert whole.counts() == {"invisible.event_id_cnty": 1}


def test_a_header_without_a_newline_reads_as_no_rows_both_ways(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(",".join(make_row()), encoding="utf-8")

    assert validate(src).n_rows == 0
    assert convert(src, tmp_path / "out.parquet", on_invalid="keep").rows_written == 0


def test_records_without_fields_are_refused_not_ok_with_zero_rows(tmp_path):
    src = tmp_path / "empty.json"
    src.write_text("[{}, {}, {}]", encoding="utf-8")

    with pytest.raises(InputError, match=r"holds 3 record\(s\), but none has a field"):
        validate(src)


def test_a_final_empty_json_lines_record_is_a_row_in_every_path(tmp_path):
    src = tmp_path / "events.jsonl"
    lines = [json.dumps(row) for row in _rows(3)] + ["{}"]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = validate(src)
    streamed = convert(src, tmp_path / "s.parquet", on_invalid="drop")
    whole = to_parquet(src, tmp_path / "w.parquet", on_invalid="drop")

    assert report.n_rows == 4 and report.summary()["n_invalid"] == 1
    assert (streamed.rows_written, streamed.rows_invalid) == (3, 1)
    assert (whole.rows_written, whole.rows_invalid) == (3, 1)


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_json_nested_a_thousand_deep_is_an_input_error(tmp_path, suffix):
    src = tmp_path / f"deep{suffix}"
    deep = "[" * 100_000 + "]" * 100_000
    src.write_text('{"event_id_cnty": "IRQ1", "notes": ' + deep + "}\n", encoding="utf-8")

    for read in (validate, lambda p: convert(p, tmp_path / "out.parquet")):
        with pytest.raises(InputError, match="deeper than"):
            read(src)


def test_a_broken_json_lines_record_names_its_line(tmp_path):
    src = tmp_path / "events.jsonl"
    src.write_text(json.dumps(make_row()) + '\n{"event_id_cnty": \n', encoding="utf-8")

    for read in (validate, lambda p: convert(p, tmp_path / "out.parquet")):
        with pytest.raises(InputError, match="line 2: is not a JSON object"):
            read(src)


def test_a_parquet_struct_column_is_an_input_error(tmp_path):
    table = generate_events(5, seed=1)
    nested = pa.array([{"a": 1}] * 5)
    pq.write_table(table.append_column("nested", nested), tmp_path / "nested.parquet")

    with pytest.raises(InputError, match="flatten nested"):
        validate(tmp_path / "nested.parquet")


def test_eventdata_geoparquet_re_saved_by_pandas_reads(tmp_path):
    to_parquet(generate_events(20, seed=1), tmp_path / "events.parquet")
    pd.read_parquet(tmp_path / "events.parquet").to_parquet(tmp_path / "resaved.parquet")

    report = validate(tmp_path / "resaved.parquet")

    assert report.ok and report.n_rows == 20
    assert len(read_acled(tmp_path / "resaved.parquet")) == 20


def test_a_flipped_bit_in_a_parquet_page_is_refused(tmp_path):
    path = tmp_path / "events.parquet"
    to_parquet(
        generate_events(2000, seed=1), path, compression="none", compression_level=None, geo=False
    )
    metadata = pq.ParquetFile(path).metadata
    notes = metadata.schema.names.index("notes")
    page = metadata.row_group(0).column(notes).data_page_offset
    data = bytearray(path.read_bytes())
    data[page + 200] ^= 0x04  # inside the first data page of notes
    path.write_bytes(bytes(data))

    with pytest.raises(InputError, match=str(path)):
        validate(path)


def test_text_that_is_not_utf8_in_a_parquet_file_is_refused(tmp_path):
    table = generate_events(3, seed=1)
    location = table.schema.get_field_index("location")
    broken = pa.array([b"ok", b"Bagh\xffdad", b"ok"], pa.binary()).cast(pa.string(), safe=False)
    pq.write_table(table.set_column(location, "location", broken), tmp_path / "bad.parquet")

    with pytest.raises(InputError, match="'location' holds text that is not UTF-8"):
        validate(tmp_path / "bad.parquet")


@pytest.mark.parametrize("value", ["0x10", "0X1f", "-0x1"])
def test_a_hexadecimal_integer_fails_whatever_its_neighbours_hold(tmp_path, value):
    clean = _rows(3)
    clean[1]["fatalities"] = value
    messy = _rows(3)
    messy[1]["fatalities"] = value
    messy[2]["fatalities"] = "many"

    alone = validate(write_csv(tmp_path / "clean.csv", clean))
    beside = validate(write_csv(tmp_path / "messy.csv", messy))

    assert alone.counts() == {"type.fatalities": 1}
    assert beside.counts() == {"type.fatalities": 2}


def test_foreign_parquet_files_are_input_errors_in_every_reader_and_writer(tmp_path):
    from eventdata import read_parquet, write_acled

    pq.write_table(pa.table({"a": [1, 2]}), tmp_path / "other.parquet")
    nested = generate_events(5, seed=1).append_column("nested", pa.array([{"x": 1}] * 5))
    pq.write_table(nested, tmp_path / "nested.parquet")

    with pytest.raises(InputError, match="other.parquet: cannot be read as events"):
        read_parquet(tmp_path / "other.parquet")
    with pytest.raises(InputError, match="flatten nested"):
        write_acled(tmp_path / "nested.parquet", tmp_path / "out.csv")
    with pytest.raises(InputError, match="flatten nested"):
        read_acled(nested)


def test_a_table_with_text_that_is_not_utf8_is_not_written_on(tmp_path):
    table = generate_events(3, seed=1)
    location = table.schema.get_field_index("location")
    broken = pa.array([b"ok", b"Bagh\xffdad", b"ok"], pa.binary()).cast(pa.string(), safe=False)

    with pytest.raises(InputError, match="'location' holds text that is not UTF-8"):
        to_parquet(table.set_column(location, "location", broken), tmp_path / "out.parquet")
    assert not (tmp_path / "out.parquet").exists()


def test_utf8_check_left_to_the_scan_only_when_it_proved_the_file(tmp_path: Path) -> None:
    utf8 = tmp_path / "utf8.csv"
    utf8.write_bytes("a,b\nCaf\u00e9,x\n".encode())
    latin = tmp_path / "latin.csv"
    latin.write_bytes("a,b\nCaf\u00e9,x\n".encode("cp1252"))
    assert not sniff_csv_header(utf8).needs_utf8_check
    assert sniff_csv_header(utf8, encoding="utf-8").needs_utf8_check  # given, not scanned
    assert sniff_csv_header(utf8, scan=False).needs_utf8_check
    assert sniff_csv_header(latin).needs_utf8_check


def test_the_encoding_scan_reads_chunk_by_chunk_into_one_buffer(tmp_path: Path) -> None:
    from eventdata.io.encoding import SCAN_CHUNK, scan_file

    # a character cut by the first chunk's end, a byte that is not UTF-8 and a NUL later
    data = b"a" * (SCAN_CHUNK - 1) + "\u00e9".encode() + b"x" * SCAN_CHUNK
    bad = len(data)
    data += b"\xff" + b"y" * 10
    nul = len(data)
    path = tmp_path / "f.csv"
    path.write_bytes(data + b"\x00z")

    scan = scan_file(path)

    assert (scan.utf8_characters, scan.bad_bytes, scan.first_bad, scan.nul) == (
        True,
        1,
        bad,
        nul,
    )
    assert scan_file(path, start=bad + 1).first_bad is None
