"""Hostile and damaged input: only DataError leaves a loader, with the file, line, column, value and rule.

One test per kind of damage that once let another exception out (or loaded silently), then a seeded
mutation fuzzer whose referee is Python's own csv module: every mutated file either loads, with the
records the csv module sees, or is refused with a DataError; and a fuzzer that grows JSON, Parquet and
workbook files past each resource limit (a field, the columns, the rows), which must end in the
DataError naming that limit.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import random
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_acled import CURRENT_ROWS, write_export

import analysis
from analysis import DataError
from analysis.io.acled import COLUMN_SETS

MiB = 1 << 20


def refusal(load, path, **kwargs) -> DataError:
    """Return the DataError that ``load(path)`` raises (any other outcome fails the test)."""
    with pytest.raises(DataError) as info:
        load(path, **kwargs)
    assert str(path) in str(info.value) or str(path.parent) in str(info.value)
    return info.value


def acled_with(tmp_path, name="acled.csv", rows=None, **change) -> Path:
    rows = [dict(r) for r in (rows or CURRENT_ROWS)]
    rows[1].update(change)
    return write_export(tmp_path / name, rows, COLUMN_SETS["current"])


# --- counts: ASCII digits, no leading zero, below 10**18, one rule for CSV and Parquet -----------------

@pytest.mark.parametrize("value", ["١", "१", "１", "1１"])
def test_non_ascii_digits_are_refused_in_acled_counts(tmp_path, value):
    error = refusal(analysis.load_acled, acled_with(tmp_path, fatalities=value))
    assert (error.line, error.column, error.value) == (3, "fatalities", value)
    assert "is not a whole number >= 0 written in digits 0-9" in str(error)


@pytest.mark.parametrize("column, value", [("latitude", "٣٣.٥"), ("longitude", "４４.２")])
def test_non_ascii_digits_are_refused_in_coordinates(tmp_path, column, value):
    error = refusal(analysis.load_acled, acled_with(tmp_path, **{column: value}))
    assert (error.line, error.column, error.value) == (3, column, value) and "is not a number" in str(error)


@pytest.mark.parametrize("column", ["fatalities", "timestamp", "iso", "year"])
@pytest.mark.parametrize("value", [str(2**63), str(2**64 - 1), "1" + "0" * 18])
def test_counts_of_2_to_the_63_or_more_are_refused(tmp_path, column, value):
    error = refusal(analysis.load_acled, acled_with(tmp_path, **{column: value}))
    assert (error.column, error.value) in {(column, value), ("year", value)}
    assert "at most 18 digits" in str(error)


def test_coded_counts_of_2_to_the_63_and_other_digits_are_refused(mini):
    mini.rows["events"][0]["projectiles_high"] = str(2**63)
    mini.rows["events"][1]["fatalities"] = "٣"
    mini.write("events")
    error = refusal(analysis.load_events, mini.path("events"))
    assert {(p[0], p[1], p[2]) for p in error.problems} == {(2, "projectiles_high", str(2**63)), (3, "fatalities", "٣")}


@pytest.mark.parametrize("value", ["01", "00", "007"])
def test_leading_zeros_are_refused_in_csv(tmp_path, mini, value):
    error = refusal(analysis.load_acled, acled_with(tmp_path, fatalities=value))
    assert (error.line, error.column, error.value) == (3, "fatalities", value) and "no sign, decimal point or leading zero" in str(error)
    mini.rows["casualties"][0]["count_low"] = value
    mini.write("casualties")
    assert refusal(analysis.load_casualties, mini.path("casualties")).column == "count_low"


def test_a_parquet_float_count_is_refused_like_csv_1_0(tmp_path):
    frame = pd.DataFrame(CURRENT_ROWS).astype({"fatalities": "float64"})  # 10.0, 1.0, 0.0
    frame.to_parquet(tmp_path / "float.parquet", index=False)
    error = refusal(analysis.load_acled, tmp_path / "float.parquet")
    assert (error.line, error.column, error.value) == (2, "fatalities", "10.0")
    csv_error = refusal(analysis.load_acled, acled_with(tmp_path, fatalities="1.0"))
    assert error.rule == csv_error.rule
    frame.astype({"fatalities": "int64"}).to_parquet(tmp_path / "int.parquet", index=False)
    assert analysis.load_acled(tmp_path / "int.parquet")["fatalities"].tolist() == [10, 1, 0]


# --- dates outside the range a datetime64[ns] column (and this project) can hold ------------------------

@pytest.mark.parametrize("day", ["0000-01-01", "0001-01-01", "1677-09-21", "1899-12-31", "2262-04-12", "9999-12-31"])
def test_dates_outside_the_range_are_refused(tmp_path, mini, day):
    error = refusal(analysis.load_acled, acled_with(tmp_path, event_date=day, year=day[:4].lstrip("0") or "0"))
    assert (error.line, error.column, error.value) == (3, "event_date", day)
    assert "from 1900-01-01 to 2199-12-31" in error.rule
    mini.rows["events"][0]["date_start"] = day
    mini.write("events")
    coded = refusal(analysis.load_events, mini.path("events"))
    assert (2, "date_start", day) in [p[:3] for p in coded.problems]


# --- huge fields, lines and headers ------------------------------------------------------------------

def test_a_field_over_128_kib_with_another_error_names_the_error(tmp_path):
    path = acled_with(tmp_path, notes="x" * 200_000)
    rows = [dict(r) for r in CURRENT_ROWS]
    rows[1]["notes"], rows[2]["fatalities"] = "x" * 200_000, "many"
    error = refusal(analysis.load_acled, write_export(tmp_path / "two.csv", rows, COLUMN_SETS["current"]))
    assert (error.line, error.column, error.value) == (4, "fatalities", "many")
    assert analysis.load_acled(path)["notes"][1] == "x" * 200_000  # a long note under the limit loads


@pytest.mark.slow
def test_a_10_mb_note_is_refused_by_the_field_limit(tmp_path):
    error = refusal(analysis.load_acled, acled_with(tmp_path, notes="y" * (10 * MiB)))
    assert (error.line, error.column) == (3, "notes")
    assert "is longer than 1,048,576 bytes, the most a field may hold" in str(error)


@pytest.mark.slow
@pytest.mark.parametrize("notes, at, words", [
    ("A note, with commas, " * 30, 1500, "has 85 fields; the header has 31 (a badly quoted line?)"),  # closed by the next quote
    ("A note without commas. " * 30, 100, "has a field longer than 1,048,576 characters"),  # open to the end of the file
])
def test_a_stray_opening_quote_in_a_large_export_names_its_line(tmp_path, notes, at, words):
    rows = [dict(CURRENT_ROWS[0], event_id_cnty=f"TST{i}", notes=notes) for i in range(2000)]
    path = write_export(tmp_path / "big.csv", rows, COLUMN_SETS["current"])
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[at] = lines[at].replace(",Test town,", ',"Test town,', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    assert path.stat().st_size > MiB
    error = refusal(analysis.load_acled, path)
    assert error.line == at + 1 and words in str(error)


@pytest.mark.slow
def test_a_line_of_17_mib_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "commas.csv"
    header = ",".join(COLUMN_SETS["current"])
    path.write_bytes(header.encode() + b"\n" + b"," * (17 * MiB) + b"\n")
    error = refusal(analysis.load_acled, path)
    assert error.line == 2 and "is longer than 16,777,216 bytes" in str(error)


def test_far_more_columns_than_the_schema_are_refused_early(tmp_path, mini):
    path = mini.path("events")
    names = mini.path("events").read_text(encoding="utf-8").split("\n")[0]
    path.write_text(names + "," + ",".join(f"c{i}" for i in range(5000)) + "\n" + "x," * 5020 + "x\n", encoding="utf-8")
    error = refusal(analysis.load_events, path)
    columns = len(names.split(",")) + 5000
    assert error.line == 1 and f"the header has {columns:,} columns; a table may have at most 1,000" in str(error)


# --- line ends ----------------------------------------------------------------------------------------

def test_cr_only_line_ends_load_like_lf(tmp_path):
    rows = [dict(r, notes=r["notes"].replace("\n", " ")) for r in CURRENT_ROWS]
    lf = write_export(tmp_path / "lf.csv", rows, COLUMN_SETS["current"])
    cr = write_export(tmp_path / "cr.csv", rows, COLUMN_SETS["current"], newline="\r")
    expected, loaded = analysis.load_acled(lf), analysis.load_acled(cr)
    expected.attrs, loaded.attrs = {}, {}
    pd.testing.assert_frame_equal(loaded, expected)


def test_cr_only_line_ends_report_lines_like_an_editor(tmp_path):
    rows = [dict(r, notes=r["notes"].replace("\n", " ")) for r in CURRENT_ROWS]
    rows[2]["fatalities"] = "x"
    error = refusal(analysis.load_acled, write_export(tmp_path / "cr.csv", rows, COLUMN_SETS["current"], newline="\r"))
    assert (error.line, error.column) == (4, "fatalities")


def test_a_cr_inside_the_header_is_refused(tmp_path, mini):
    path = mini.path("events")
    path.write_text(path.read_text(encoding="utf-8").replace("date_end", "date\r_end", 1), encoding="utf-8")
    error = refusal(analysis.load_events, path)
    assert error.line == 1 and "date_end" in str(error)


# --- the header's quotes ---------------------------------------------------------------------------------

def test_a_header_whose_last_quote_is_never_closed_is_refused(tmp_path):
    rows = [dict(CURRENT_ROWS[0], event_id_cnty=f"TST{i}") for i in range(60)]
    path = write_export(tmp_path / "open.csv", rows, COLUMN_SETS["current"])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",timestamp\n", ',"timestamp\n', 1), encoding="utf-8")
    error = refusal(analysis.load_acled, path)
    assert error.line == 1 and "the header has a double quote that is not closed on its line" in str(error)


# --- NUL bytes, wherever they are --------------------------------------------------------------------------

def test_a_nul_byte_after_the_first_4_kb_is_refused_with_its_line_and_column(tmp_path, mini):
    rows = [dict(CURRENT_ROWS[0], event_id_cnty=f"TST{i}", notes="No NUL here.") for i in range(40)]
    rows[30]["location"] = "Test\x00town"
    path = write_export(tmp_path / "nul.csv", rows, COLUMN_SETS["current"])
    assert path.read_bytes().index(b"\x00") > 4096
    error = refusal(analysis.load_acled, path)
    assert (error.line, error.column) == (32, "location") and "NUL byte" in str(error)
    mini.rows["events"][1]["notes"] = "Strike\x00."
    mini.write("events")
    assert refusal(analysis.load_events, mini.path("events")).column == "notes"


def test_a_nul_in_a_json_value_is_refused(tmp_path):
    rows = [{c: r[c] for c in COLUMN_SETS["current"]} for r in CURRENT_ROWS]
    rows[2]["notes"] = "bad\u0000note"
    path = tmp_path / "nul.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    error = refusal(analysis.load_acled, path)
    assert (error.line, error.column) == (4, "notes")


# --- Parquet values that are not one text or number ---------------------------------------------------------

def parquet_with(tmp_path, column: str, array: pa.Array) -> Path:
    table = pa.Table.from_pandas(pd.DataFrame(CURRENT_ROWS), preserve_index=False)
    table = table.set_column(table.column_names.index(column), column, array)
    path = tmp_path / f"{column}.parquet"
    pq.write_table(table, path)
    return path


@pytest.mark.parametrize("column, array, line, words", [
    ("tags", pa.array([["a"], ["b", "c"], []]), 2, "holds values of the Parquet type list"),
    ("notes", pa.array([b"ok", b"\xff\xfe bad", b"fine"], pa.binary()), 3, "is not UTF-8 text (byte 0xFF"),
    ("fatalities", pa.array([1, 2**64 - 1, 0], pa.uint64()), 3, "at most 18 digits"),
    ("event_date", pa.array([dt.date(2020, 1, 3), dt.date(1, 1, 1), dt.date(2020, 2, 15)], pa.date32()), 3,
     "from 1900-01-01 to 2199-12-31"),
    ("admin1", pa.array([{"a": 1}, {"a": 2}, {"a": 3}]), 2, "lists or records"),
])
def test_parquet_values_that_are_not_one_cell_are_refused(tmp_path, column, array, line, words):
    error = refusal(analysis.load_acled, parquet_with(tmp_path, column, array))
    assert (error.line, error.column) == (line, column) and words in str(error)


# --- documents: UTF-8, inside their folder; quotes long enough to identify a passage --------------------------

def test_a_cp1252_document_with_its_checksum_updated_is_refused(mini):
    document = mini.folder / "doc_a.txt"
    text = document.read_text(encoding="utf-8").replace("Rockets hit", "\u201cRockets\u201d hit")
    document.write_bytes(text.encode("cp1252"))
    mini.rows["sources"][0]["sha256"] = hashlib.sha256(document.read_bytes()).hexdigest()
    mini.rows["bases"][0]["quote"] = mini.rows["reports"][0]["quote"] = "Rockets\u201d hit Camp Taji"
    mini.write()
    error = refusal(analysis.load_dataset, mini.folder)
    assert (error.line, error.column, error.value) == (2, "file_name", "doc_a.txt")
    assert "is not UTF-8 text (byte 0x93 on line 1" in str(error)


@pytest.mark.parametrize("name", ["../outside.txt", "/etc/hostname", "sub/../../outside.txt"])
def test_a_document_outside_the_sources_folder_is_refused_unread(mini, tmp_path, name):
    outside = tmp_path.parent / "outside.txt"
    outside.write_text("secret\n", encoding="utf-8")
    mini.rows["sources"][0]["file_name"] = name
    mini.write("sources")
    error = refusal(analysis.load_sources, mini.path("sources"))
    assert (error.line, error.column, error.value) == (2, "file_name", name)
    assert "outside the sources table's folder" in str(error)
    assert hashlib.sha256(b"secret\n").hexdigest() not in str(error)


def test_a_symlink_out_of_the_sources_folder_is_refused(mini, tmp_path):
    outside = tmp_path.parent / "elsewhere.txt"
    outside.write_text("elsewhere\n", encoding="utf-8")
    (mini.folder / "link.txt").symlink_to(outside)
    mini.rows["sources"][0]["file_name"] = "link.txt"
    mini.write("sources")
    assert "outside the sources table's folder" in str(refusal(analysis.load_sources, mini.path("sources")))


@pytest.mark.parametrize("quote", ["a", "Camp Taji", "hit Camp", "Rockets hit"])
def test_a_quote_too_short_to_identify_a_passage_is_refused(mini, quote):
    assert quote in (mini.folder / "doc_a.txt").read_text(encoding="utf-8")  # verbatim, and still too short
    mini.rows["reports"][0]["quote"] = quote
    mini.write("reports")
    error = refusal(analysis.load_reports, mini.path("reports"))
    assert (error.line, error.column, error.value) == (2, "quote", quote)
    assert "a quote needs at least 3 words and 12 characters" in str(error)


def test_the_coded_quotes_meet_the_length_rule():
    data = analysis.load_dataset()
    for table in (data.bases, data.reports, data.casualties, data.troop_levels, data.reported_totals):
        assert (table["quote"].str.split().str.len() >= 3).all() and (table["quote"].str.len() >= 12).all()


# --- the fuzzer ---------------------------------------------------------------------------------------

FUZZ_SEED = 20200311
FUZZ_CASES = 240
NASTY = [b'"', b",", b"\r", b"\n", b"\r\n", b"\x00", "١".encode(), "１".encode(), b"\xe9", b"\xff", b" ", b'""',
         b"NA", b"9" * 20, b"-", b"0", b"\t", b";", b"\xef\xbb\xbf", "é".encode(), b"2020-02-30", b"31-Dec-20"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Apply one to three random edits of the kinds that damage real files."""
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(data) + 1)
        kind = rng.random()
        if kind < 0.35:
            data = data[:at] + rng.choice(NASTY) + data[at:]
        elif kind < 0.5:
            data = data[:at] + data[at + rng.randint(1, 12):]
        elif kind < 0.6:
            data = data[:at]
        elif kind < 0.7:
            lines = data.split(b"\n")
            line = rng.randrange(len(lines))
            lines.insert(line, lines[line])
            data = b"\n".join(lines)
        elif kind < 0.8:
            lines = data.split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif kind < 0.9:
            comma = data.find(b",", at)
            end = data.find(b",", comma + 1)
            if 0 <= comma < end:
                data = data[: comma + 1] + rng.choice(NASTY) * rng.randint(1, 3) + data[end:]
        elif kind < 0.97:
            data = data[:at] + rng.choice([b"x", b'"', b","]) * rng.choice([300, 140_000]) + data[at:]
        else:
            data = data.replace(b"\n", rng.choice([b"\r", b"\r\n"]))
    return data


def referee(data: bytes, frame: pd.DataFrame, id_column: str, frame_id: str) -> None:
    """Check a loaded frame against Python's csv module: same records, same ids."""
    text = data.decode("utf-8-sig")  # a loaded file is UTF-8
    old = csv.field_size_limit(64 * MiB)
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if row]
    finally:
        csv.field_size_limit(old)
    header, records = [name.strip() for name in rows[0]], rows[1:]
    assert len(records) == len(frame), "the csv module sees another number of records"
    assert all(len(record) == len(header) for record in records), "the csv module sees a ragged record"
    ids = [record[header.index(id_column)].strip() for record in records]
    assert ids == frame[frame_id].tolist(), "the csv module reads other ids"


@pytest.mark.slow
def test_mutated_files_load_as_the_csv_module_reads_them_or_raise_data_error(tmp_path, mini):
    acled = write_export(tmp_path / "acled.csv", CURRENT_ROWS, COLUMN_SETS["current"]).read_bytes()
    bases = analysis.load_bases(mini.path("bases"))
    events = mini.path("events").read_bytes()
    targets = [
        (acled, tmp_path / "mutated.csv", analysis.load_acled, "event_id_cnty"),
        (events, mini.path("events"), lambda path: analysis.load_events(path, bases=bases), "event_id"),
    ]
    rng = random.Random(FUZZ_SEED)
    outcomes = {"loaded": 0, "refused": 0}
    began = time.perf_counter()
    for case in range(FUZZ_CASES):
        original, path, load, id_column = targets[case % len(targets)]
        data = mutate(original, rng)
        path.write_bytes(data)
        try:
            frame = load(path)
        except DataError as error:
            assert str(path) in str(error), f"case {case}: the message does not name the file"
            outcomes["refused"] += 1
            continue
        except Exception as error:  # noqa: BLE001  (the point of the test)
            pytest.fail(f"case {case}: {type(error).__name__}: {error} from {data[:300]!r}")
        try:
            referee(data, frame, id_column, "event_id")
        except AssertionError as error:
            pytest.fail(f"case {case}: loaded, but {error}: {data[:300]!r}")
        outcomes["loaded"] += 1
    seconds = time.perf_counter() - began
    print(f"\nfuzz: {FUZZ_CASES} mutated files in {seconds:.1f} s: {outcomes['loaded']} loaded, "
          f"{outcomes['refused']} refused with DataError")
    assert outcomes["loaded"] > 15 and outcomes["refused"] > 100  # the mutations reach both outcomes


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """Overwrite a few random bytes (damage inside a binary file)."""
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
    return bytes(damaged)


@pytest.mark.slow
def test_mutated_json_parquet_and_excel_files_load_or_raise_data_error(tmp_path):
    rows = [{c: r[c] for c in COLUMN_SETS["current"]} for r in CURRENT_ROWS]
    api = json.dumps({"status": 200, "success": True, "count": 3, "data": rows}).encode()
    buffer = io.BytesIO()
    pd.DataFrame(rows).to_parquet(buffer, index=False)
    import openpyxl
    book = openpyxl.Workbook()
    book.active.append(COLUMN_SETS["current"])
    for row in rows:
        book.active.append([row[c] for c in COLUMN_SETS["current"]])
    book.save(tmp_path / "base.xlsx")
    originals = [(api, "mutated.json"), (buffer.getvalue(), "mutated.parquet"),
                 ((tmp_path / "base.xlsx").read_bytes(), "mutated.xlsx")]
    rng = random.Random(FUZZ_SEED)
    loaded = 0
    for case in range(120):
        original, name = originals[case % 3]
        data = mutate(original, rng) if name.endswith(".json") or rng.random() < 0.3 else flip_bytes(original, rng)
        path = tmp_path / name
        path.write_bytes(data)
        try:
            frame = analysis.load_acled(path)
        except DataError:
            continue
        except Exception as error:  # noqa: BLE001
            pytest.fail(f"case {case} ({name}): {type(error).__name__}: {error}")
        loaded += 1
        if name.endswith(".json"):
            assert len(frame) == len(json.loads(data.decode("utf-8-sig"))["data"])
    assert loaded > 0


# --- the fuzzer at the resource limits: a field, the columns and the rows grown past each -------------------
#
# Each example grows one file (JSON, Parquet or a workbook) to its limit and `over` units past it: a field past
# 1 MiB, columns past 1,000, rows past the format's bound. Past a limit the loader must raise its DataError naming
# the limit; at a field's or a row count's limit exactly (over == 0) the file loads. The bounds on rows that would
# take a large file (a JSON file's 256 MiB, a Parquet file's 64 cells per byte, a sheet's count of rows) are made
# small here; a row numbered past Excel's own 1,048,576 is tried as it is.

LIMITED_COLUMNS = ["notes", "location", "actor1", "source", "event_date", "fatalities"]
SMALL_JSON_BYTES = 32 << 10
SMALL_CELLS_PER_BYTE = 2


def field_text(size: int, char: str, seed: int) -> str:
    """Return a text of exactly ``size`` UTF-8 bytes: ``char`` repeated, then random letters (which a workbook's
    archive cannot compress like a zip bomb)."""
    repeated = char * (size // 2 // len(char.encode()))
    letters = bytes(ord("a") + i % 26 for i in range(256))
    return repeated + random.Random(seed).randbytes(size - len(repeated.encode())).translate(letters).decode()


@pytest.fixture(scope="module")
def limit_bases(tmp_path_factory):
    from test_acled_exports import write_workbook
    folder = tmp_path_factory.mktemp("limits")
    write_workbook(folder / "base.xlsx", CURRENT_ROWS, COLUMN_SETS["current"], notes=False)
    return folder


def with_sheet(book: bytes, change) -> bytes:
    """Return a workbook whose sheet's XML is changed."""
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED,
                                                                       compresslevel=1) as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, change(data) if name == SHEET else data)
    return out.getvalue()


def inline(cell: str, text: str) -> bytes:
    return f'<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def grown(kind: str, form: str, over: int, draw: dict, book: bytes) -> tuple[bytes, dict, int]:
    """Return the bytes of a file of format ``form`` grown ``over`` past the limit of ``kind`` (``draw`` says where
    and how), the limits patched for it and the number of records it holds."""
    import re

    from openpyxl.utils import get_column_letter

    from analysis.io.csv_scan import MAX_COLUMNS, MAX_FIELD_BYTES
    rows, names = json_rows(), list(COLUMN_SETS["current"])
    if kind == "field":
        text = field_text(MAX_FIELD_BYTES + over, draw["char"], draw["seed"])
        if form == "xlsx":
            cell = f"{get_column_letter(names.index(draw['column']) + 1)}{draw['record'] + 2}"
            return with_sheet(book, lambda x: re.sub(rf'<c r="{cell}"[^>]*>.*?</c>'.encode(),
                                                     lambda _: inline(cell, text), x, flags=re.S)), {}, len(rows)
        rows[draw["record"]][draw["column"]] = text
    elif kind == "columns":
        extra = [f"extra {i}" for i in range(MAX_COLUMNS + over - len(names))]
        if form == "xlsx":
            last = get_column_letter(MAX_COLUMNS + over)
            if draw["declare"]:  # the sheet says how far its cells go
                book = with_sheet(book, lambda x: x.replace(b'<dimension ref="A1:AE4"', f'<dimension ref="A1:{last}4"'.encode()))
            line = draw["record"] + 1  # the header (1) or a record: a value beyond the last column
            header = b"".join(inline(f"{get_column_letter(len(names) + 1 + i)}1", n) for i, n in enumerate(extra))
            cells = header if line == 1 else inline(f"{last}{line}", "beyond")
            return with_sheet(book, lambda x: re.sub(rf'(<row r="{line}"[^>]*>.*?)</row>'.encode(),
                                                     lambda m: m.group(1) + cells + b"</row>", x, count=1, flags=re.S)), {}, len(rows)
        if form == "parquet":  # one array for every added column: a table of 1,000 columns built in milliseconds
            table, filler = pa.Table.from_pylist(rows), pa.array(["v"] * len(rows))
            table = pa.table([*table.columns, *[filler] * len(extra)], names=[*names, *extra])
            buffer = io.BytesIO()
            pq.write_table(table, buffer, compression="none", use_dictionary=False, write_statistics=False)
            return buffer.getvalue(), {}, len(rows)
        rows = [dict(row, **dict.fromkeys(extra, "v")) for row in rows]
    elif form == "json":  # rows: records added until the file passes its bound, spaces making the size exact
        data = json.dumps(rows).encode()
        while len(data) < SMALL_JSON_BYTES - 1000:
            rows.append(dict(rows[-1], event_id_cnty=f"TST{len(rows) + 1}"))
            data = json.dumps(rows).encode()
        return data + b" " * (SMALL_JSON_BYTES + over - len(data)), {"MAX_JSON_BYTES": SMALL_JSON_BYTES}, len(rows)
    elif form == "parquet":  # rows repeated until the file declares more cells than its size can hold
        count = 64
        while True:
            table = pa.Table.from_pylist([dict(rows[2], event_id_cnty=f"TST{i}") for i in range(count)])
            buffer = io.BytesIO()
            pq.write_table(table, buffer)
            if count * len(names) > SMALL_CELLS_PER_BYTE * len(buffer.getvalue()) + over:
                return buffer.getvalue(), {"MAX_PARQUET_CELLS_PER_BYTE": SMALL_CELLS_PER_BYTE}, count
            count *= 2
    elif draw["declare"]:  # a sheet: a row that declares a number past Excel's last (1,048,576)
        from analysis.io.workbooks import EXCEL_MAX_ROWS
        number = EXCEL_MAX_ROWS + over
        return with_sheet(book, lambda x: x.replace(b"</sheetData>", re.search(rb'<row r="4">.*?</row>', x, re.S).group()
                                                    .replace(b'4"', f'{number}"'.encode()).replace(b"TST3", b"TST4")
                                                    + b"</sheetData>")), {}, len(rows) + 1
    else:  # a sheet: more rows than a (small) bound, numbered on
        added = draw["record"] + 1
        copies = b"".join(re.search(rb'<row r="4">.*?</row>', book_sheet(book), re.S).group()
                          .replace(b'4"', f'{5 + i}"'.encode()).replace(b"TST3", f"TST{4 + i}".encode()) for i in range(added))
        return with_sheet(book, lambda x: x.replace(b"</sheetData>", copies + b"</sheetData>")), {
            "EXCEL_MAX_ROWS": 4 + added - over}, len(rows) + added
    if form == "json":
        return json.dumps(rows, ensure_ascii=False).encode(), {}, len(rows)
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), buffer, write_statistics=False)
    return buffer.getvalue(), {}, len(rows)


def book_sheet(book: bytes) -> bytes:
    import zipfile
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        return archive.read(SHEET)


@pytest.mark.slow
@settings(deadline=None)
@example(form="xlsx", kind="rows", over=0, column="notes", record=0, char="x", seed=0, declare=True)  # row 1,048,576
@given(form=st.sampled_from(["json", "parquet", "xlsx"]), kind=st.sampled_from(["field", "columns", "rows"]),
       over=st.integers(0, 3), column=st.sampled_from(LIMITED_COLUMNS), record=st.integers(0, 2),
       char=st.sampled_from(["x", "é", "€", "𝄞"]), seed=st.integers(0, 2**16), declare=st.booleans())
def test_files_grown_past_a_resource_limit_end_in_its_data_error(limit_bases, form, kind, over, column, record, char,
                                                                 seed, declare):
    from analysis.io import acled_formats, workbooks
    from analysis.io.csv_scan import FIELD_RULE, MAX_COLUMNS, MAX_FIELD_BYTES
    folder = limit_bases
    book = (folder / "base.xlsx").read_bytes()
    exact = over == 0 and (kind == "field" or (kind == "rows" and form != "parquet"))  # at the limit: it loads
    over = max(over, 0 if exact else 1)
    if exact and column in ("event_date", "fatalities"):
        column = "notes"  # a long value there is refused by the column's own rule
    draw = {"column": column, "record": record, "char": char, "seed": seed, "declare": declare}
    data, limits, records = grown(kind, form, over, draw, book)
    path = folder / f"grown.{form}"
    path.write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in limits.items():  # a workbook's limits are kept by its reader, the others by the formats'
            patch.setattr(workbooks if hasattr(workbooks, name) else acled_formats, name, value)
        if exact:
            frame = analysis.load_acled(path)
            assert len(frame) == records
            if kind == "field":  # kept whole
                assert len(frame[column].iloc[record].encode()) == MAX_FIELD_BYTES
            return
        error = refusal(analysis.load_acled, path)
    message = str(error)
    if kind == "field":
        assert (record + 2, column, FIELD_RULE) in [(p[0], p[1], p[3]) for p in error.problems], message
    elif kind == "columns":
        assert f"a table may have at most {MAX_COLUMNS:,}" in message or f"beyond {MAX_COLUMNS:,} columns" in message, message
    else:
        bound = {"json": f"may hold at most {SMALL_JSON_BYTES:,}", "parquet": f"more than {SMALL_CELLS_PER_BYTE} cells per byte",
                 "xlsx": "Excel's sheets have at most 1,048,576 rows" if declare else
                 f"holds more than {limits.get('EXCEL_MAX_ROWS', 0):,} rows"}[form]
        assert bound in message, message


# --- JSON: repeated keys, lone surrogates, size ------------------------------------------------------------

def json_rows():
    return [{c: r[c] for c in COLUMN_SETS["current"]} for r in CURRENT_ROWS]


@pytest.mark.parametrize("change, line, column, words", [
    (lambda t: t.replace('"fatalities": "1"', '"fatalities": "400", "fatalities": "4"'), 3, "fatalities",
     "repeats a field in one record"),
    (lambda t: '{"status": 200, "success": true, "data": %s, "data": []}' % t, 1, None, "repeats the key 'data'"),
    (lambda t: t.replace('"Test town"', '"Test \\ud800town"', 1), 2, "location", "holds a lone surrogate (\\ud800"),
])
def test_json_repeated_keys_and_lone_surrogates_are_refused(tmp_path, change, line, column, words):
    path = tmp_path / "api.json"
    path.write_text(change(json.dumps(json_rows())), encoding="utf-8")
    error = refusal(analysis.load_acled, path)
    assert (error.line, error.column) == (line, column) and words in str(error)


def test_a_json_file_over_the_size_bound_is_refused_unread(tmp_path, monkeypatch):
    from analysis.io import acled_formats
    path = tmp_path / "api.json"
    path.write_text(json.dumps(json_rows()), encoding="utf-8")
    monkeypatch.setattr(acled_formats, "MAX_JSON_BYTES", path.stat().st_size - 1)
    assert "a JSON file may hold at most" in str(refusal(analysis.load_acled, path))


# --- the 1 MiB field limit in bytes, in every format --------------------------------------------------------

@pytest.mark.parametrize("suffix", ["json", "parquet"])  # a workbook's cell holds at most 32,767 characters
def test_the_field_limit_counts_bytes_in_every_format(tmp_path, suffix):
    from test_acled_exports import write_workbook
    rows = json_rows()
    rows[1]["notes"] = "é" * (600 * 1024)  # 600 Ki characters, 1.2 MiB of UTF-8
    path = tmp_path / f"wide.{suffix}"
    if suffix == "json":
        path.write_text(json.dumps(rows), encoding="utf-8")
    elif suffix == "parquet":
        pd.DataFrame(rows).to_parquet(path, index=False)
    else:
        write_workbook(path, rows, COLUMN_SETS["current"])
    error = refusal(analysis.load_acled, path)
    assert (error.line, error.column) == (3, "notes") and "is longer than 1,048,576 bytes" in str(error)


def test_a_parquet_string_view_that_is_not_utf8_is_refused_at_load(tmp_path):
    notes = pa.array([b"ok", b"\xff bad", b"fine"], pa.binary_view()).view(pa.string_view())
    error = refusal(analysis.load_acled, parquet_with(tmp_path, "notes", notes))
    assert (error.line, error.column) == (3, "notes") and "is not UTF-8 text (byte 0xFF" in str(error)


# --- CSV: a quote that closes a quoted value in its middle; counts above a plausible maximum ------------------

def test_a_stray_quote_inside_a_quoted_value_is_refused_with_its_line(tmp_path):
    path = acled_with(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",Test base,", ',"Town "quoted 119",', 1), encoding="utf-8")
    error = refusal(analysis.load_acled, path)
    assert (error.line, error.column) == (3, "location") and "inside a quoted value that is not doubled" in str(error)
    path.write_text(text.replace(",Test base,", ',"Town ""quoted"" 119",', 1), encoding="utf-8")
    assert analysis.load_acled(path)["location"][1] == 'Town "quoted" 119'


@pytest.mark.parametrize("suffix", ["csv", "json"])
def test_fatalities_above_the_plausible_maximum_are_refused(tmp_path, suffix):
    rows = json_rows()
    rows[1]["fatalities"] = "999999999999999999"
    path = tmp_path / f"many.{suffix}"
    if suffix == "csv":
        write_export(path, rows, COLUMN_SETS["current"])
    else:
        path.write_text(json.dumps(rows), encoding="utf-8")
    error = refusal(analysis.load_acled, path)
    assert (error.line, error.column) == (3, "fatalities") and "at most 100,000" in str(error)
    rows[1]["fatalities"] = "100000"
    path.write_text(json.dumps(rows), encoding="utf-8")
    if suffix == "json":
        assert analysis.load_acled(path)["fatalities"][1] == 100_000


# --- workbooks: what the reader sees, and what they cost ----------------------------------------------------

SHEET = "xl/worksheets/sheet1.xml"


def workbook(tmp_path) -> Path:
    from test_acled_exports import write_workbook
    return write_workbook(tmp_path / "base.xlsx", CURRENT_ROWS, COLUMN_SETS["current"], notes=False)


def rewritten(base: Path, part: str, change) -> Path:
    """Return a copy of a workbook with one part changed (or added, when the workbook lacks it: ``change(b"")``)."""
    import zipfile
    path = base.with_name("changed.xlsx")
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in names:
            data = source.read(name)
            target.writestr(name, change(data) if name == part else data)
        if part not in names:
            target.writestr(part, change(b""))
    return path


@pytest.mark.slow
def test_a_workbook_cell_over_the_field_limit_in_bytes_is_refused(tmp_path):
    import re
    rng = random.Random(FUZZ_SEED)
    letters = bytes(ord("a") + i % 26 for i in range(256))
    # 800 Ki characters, 1.1 MiB of UTF-8; random letters, so that the part does not expand like a zip bomb
    text = "é".encode() * (300 * 1024) + rng.randbytes(500 * 1024).translate(letters)
    cell = b'<c r="AB3" t="inlineStr"><is><t>' + text + b"</t></is></c>"
    path = rewritten(workbook(tmp_path), SHEET, lambda b: re.sub(rb'<c r="AB3"[^>]*>.*?</c>', lambda _: cell, b, flags=re.S))
    error = refusal(analysis.load_acled, path)
    assert (error.line, error.column) == (3, "notes") and "is longer than 1,048,576 bytes" in str(error)


def test_a_stale_dimension_does_not_hide_rows(tmp_path):
    import re
    path = rewritten(workbook(tmp_path), SHEET, lambda b: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:AE2"', b))
    assert analysis.load_acled(path)["event_id"].tolist() == [r["event_id_cnty"] for r in CURRENT_ROWS]


def test_a_hidden_first_sheet_is_not_read(tmp_path):
    import openpyxl
    book = openpyxl.load_workbook(workbook(tmp_path))
    hidden = book.create_sheet("old", 0)
    hidden.append(["not", "the", "data"])
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "hidden.xlsx")
    assert len(analysis.load_acled(tmp_path / "hidden.xlsx")) == len(CURRENT_ROWS)


@pytest.mark.parametrize("change, line, words", [
    (lambda b: b.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="Q3:Q4"/></mergeCells>'),
     1, "has merged cells (Q3:Q4)"),
    (lambda b: __import__("re").sub(rb'<c r="AC3"[^>]*>.*?</c>', b'<c r="AC3"><f>1+1</f></c>', b), 3,
     "a formula without a stored value in cell AC3"),
    (lambda b: b.replace(b"</sheetData>", b'<row r="999999999"><c r="A999999999" t="inlineStr"><is><t>x</t></is></c>'
                                          b'</row></sheetData>'), 999999999, "Excel's sheets have at most 1,048,576 rows"),
    (lambda b: __import__("re").sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', b), 1,
     "declares cells up to column XFD (16,384); a table may have at most 1,000 columns"),
    (lambda b: b.replace(b"</row></sheetData>", b'<c r="ALN4" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'), 4,
     "has a value in cell ALN4, beyond 1,000 columns"),
    (lambda b: b.replace(b"<sheetData>", b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><sheetData>"), None, "declares XML entities"),
])
def test_workbook_damage_is_refused_naming_the_cell(tmp_path, change, line, words):
    error = refusal(analysis.load_acled, rewritten(workbook(tmp_path), SHEET, change))
    assert error.line == line and words in str(error)


def test_a_workbook_part_that_declares_a_huge_size_is_refused_before_reading(tmp_path):
    import struct
    data = bytearray(workbook(tmp_path).read_bytes())
    name = SHEET.encode()
    # the central directory entry of the sheet: its uncompressed size at offset 24 says 3 GiB
    entry = data.rindex(b"PK\x01\x02", 0, data.rindex(name))
    data[entry + 24: entry + 28] = struct.pack("<I", 3 << 30)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bytes(data))
    error = refusal(analysis.load_acled, path)
    assert "of 3,221,225,472 bytes stored in" in str(error) and "expand at most 100 times" in str(error)


SHARED = b"".join([b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
                   *[b"<si><t>text %d</t></si>" % i for i in range(11)], b"</sst>"])


def test_too_many_shared_texts_are_refused_before_openpyxl_reads_them(tmp_path, monkeypatch):
    from analysis.io import workbooks
    monkeypatch.setattr(workbooks, "MAX_SHARED_STRINGS", 10)
    path = rewritten(workbook(tmp_path), "xl/sharedStrings.xml", lambda _: SHARED)
    assert "holds more than 10 distinct texts; a table may hold at most that many" in str(
        refusal(analysis.load_acled, path))


@pytest.mark.parametrize("part, change, line, words", [
    ("xl/sharedStrings.xml", lambda _: SHARED.replace(b"text 3", b"t" * 5000), None,
     "holds a shared text (number 4 of 11) of 5,016 bytes of XML; a field may hold at most"),
    (SHEET, lambda b: b.replace(b"<t>Test base</t>", b"<t>" + b"b" * 5000 + b"</t>"), 3,
     "has a row of"),
])
def test_texts_and_rows_over_the_record_limit_are_refused_before_reading(tmp_path, monkeypatch, part, change, line, words):
    from analysis.io import workbooks
    monkeypatch.setattr(workbooks, "MAX_RECORD_BYTES", 4096)  # the limit (16 MiB) made small: small files
    error = refusal(analysis.load_acled, rewritten(workbook(tmp_path), part, change))
    assert error.line == line and words in str(error)


def test_a_document_over_the_size_bound_is_refused_without_reading_it_whole(mini, monkeypatch):
    from analysis.io import coded
    document = mini.folder / "doc_a.txt"
    monkeypatch.setattr(coded, "MAX_DOCUMENT_BYTES", document.stat().st_size - 1)
    error = refusal(analysis.load_sources, mini.path("sources"))
    assert (error.line, error.column, error.value) == (2, "file_name", "doc_a.txt")
    assert f"is longer than {document.stat().st_size - 1:,} bytes, the most a source document may hold" in str(error)


@pytest.mark.slow
def test_a_parquet_file_declaring_far_more_cells_than_its_size_is_refused_before_reading(tmp_path):
    rows = [{c: r[c] for c in COLUMN_SETS["current"]} for r in CURRENT_ROWS]
    frame = pd.DataFrame([rows[0]] * 50_000)  # one record repeated: a few kilobytes once encoded
    frame.to_parquet(tmp_path / "bomb.parquet", index=False)
    error = refusal(analysis.load_acled, tmp_path / "bomb.parquet")
    assert error.line == 1 and "declares 50,000 records of 31 columns in" in str(error)
    assert "cells per byte of the file" in str(error)


def test_a_formula_with_its_stored_value_loads_the_value(tmp_path):
    import re
    def change(xml: bytes) -> bytes:
        return re.sub(rb'<c r="AC3"[^>]*>.*?</c>', b'<c r="AC3"><f>0+1</f><v>1</v></c>', xml, flags=re.S)

    path = rewritten(workbook(tmp_path), SHEET, change)
    assert analysis.load_acled(path)["fatalities"].tolist() == [int(r["fatalities"]) for r in CURRENT_ROWS]


@pytest.mark.parametrize("edge", [0, 1], ids=["block-starts-at-the-quote", "block-ends-at-the-quote"])
def test_a_stray_quote_at_the_edge_of_a_screened_block_is_refused(tmp_path, monkeypatch, edge):
    from analysis.io import _typed, csv_scan
    path = acled_with(tmp_path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",Test base,", ',"Town "quoted 119",', 1), encoding="utf-8")
    quote = path.read_bytes().index(b'"Town "') + len('"Town ')
    for module, name in ((csv_scan, "_BLOCK"), (_typed, "_SCAN_BLOCK")):  # both passes screen the file by blocks
        monkeypatch.setattr(module, name, quote + edge)  # one block boundary just before or just after the quote
    error = refusal(analysis.load_acled, path)
    assert (error.line, error.column) == (3, "location") and "inside a quoted value that is not doubled" in str(error)
    path.write_text(text.replace(",Test base,", ',"Town ""quoted"" 119",', 1), encoding="utf-8")  # "" split by the edge
    assert analysis.load_acled(path)["location"][1] == 'Town "quoted" 119'


@given(data=st.lists(st.sampled_from([b'"', b'""', b",", b"\n", b"\r\n", b"a", b" ", b"\xef", b"\xef\xbb\xbf"]), max_size=30).map(b"".join))
def test_screening_blocks_finds_what_screening_the_whole_file_finds(data):
    from analysis.io.csv_scan import QuoteScreen
    whole = QuoteScreen().may_have_stray_quote(data)
    for cut in range(1, len(data)):  # every block size: every byte is at an edge for one of them
        screen = QuoteScreen()
        assert any([screen.may_have_stray_quote(data[at: at + cut]) for at in range(0, len(data), cut)]) == whole, cut


def _stray_run(data: bytes) -> bool:
    """The screen's rule written plainly: an odd run of quotes with neither a delimiter nor the file's edge beside it."""
    from itertools import groupby
    data = data.removeprefix(b"\xef\xbb\xbf")
    position, ends = 0, b",\r\n"
    for byte, run in groupby(data):
        size = len(list(run))
        if byte == 0x22 and size % 2 and 0 < position and position + size < len(data):
            if data[position - 1] not in ends and data[position + size] not in ends:
                return True
        position += size
    return False


@given(data=st.lists(st.sampled_from([b'"', b'""', b'"""', b",", b"\n", b"\r\n", b"a", b" ", b"\xef\xbb\xbf"]),
                     max_size=40).map(b"".join))
def test_screening_a_block_finds_exactly_the_stray_runs(data):
    from analysis.io.csv_scan import QuoteScreen
    assert QuoteScreen().may_have_stray_quote(data) == _stray_run(data)
