"""Read ACLED exports that are not CSV (Parquet, API responses saved as JSON, Excel workbooks) as text.

Each reader returns a :class:`~analysis.io.text_table.TextTable`: every value as
the text a CSV export would hold, so that the same checks apply to every
format. Values become text by one rule for all formats:

* text stays as it is (after the same trimming of whitespace as CSV);
* whole numbers of an integer type become their digits (``10``);
* floating-point numbers keep their decimal point (``1.0``, ``33.2625``),
  so a count stored as a float is refused as a CSV ``1.0`` is: counts must
  be whole numbers, in an integer column;
* days (a date type, or a timestamp at midnight) become ``YYYY-MM-DD``;
* missing values (null, NaN, an empty cell) become empty.

A value that cannot be one cell of a table (a list, a record, bytes that are
not UTF-8) is refused, naming its row. Records are numbered like lines of the
same rows written as CSV: the header is line 1, the first record line 2 (in
a workbook, the sheet's row number).

Each format is bounded as CSV is, and checked before it is read where its
size can lie: a JSON file by its size (:data:`MAX_JSON_BYTES`), a Parquet
file by the cells it declares (:data:`MAX_PARQUET_CELLS_PER_BYTE`), a
workbook by its archive (how far each part expands, its shared texts, the
sheet's declared columns, rows and row sizes); the limits of
:mod:`analysis.io.csv_scan` (columns, field bytes, record bytes) hold in
every format.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError
from ..text import did_you_mean
from .csv_scan import MAX_COLUMNS, MAX_FIELD_BYTES, MAX_RECORD_BYTES
from .parse import trimmed
from .problems import build_error, file_error, show
from .text_table import TextTable, column_names, record_oversized, repeated_names

# --- shared ------------------------------------------------------------------------------------

def _header(path: Path, names: list, *, line: int = 1) -> list[str]:
    """Check column names (count, duplicates) and name empty ones 'Unnamed: N'."""
    if len(names) > MAX_COLUMNS:
        raise file_error(path, f"has {len(names):,} columns; a table may have at most {MAX_COLUMNS:,}", line=line)
    header = [str(name).strip() if name is not None else "" for name in names]
    for name in header:
        _refuse_surrogate(path, name, line, None)
    if any("\x00" in name for name in header):
        raise file_error(path, "has a NUL character in a column name; text has none (is the file damaged?)", line=line)
    header = column_names(header)
    repeats = repeated_names(header)
    if repeats:
        raise build_error(str(path), [(line, name, name, rule) for name, rule in repeats])
    return header


def _finish(path: Path, header: list[str], columns: list[pd.Series], lines: np.ndarray,
            skipped: list | None = None) -> TextTable:
    """Return the table of text columns: NUL bytes refused, long values recorded, whitespace trimmed."""
    frame = {}
    table = TextTable(path=path, frame=pd.DataFrame(), header=header, lines=lines, skipped=skipped or [])
    for name, values in zip(header, columns):
        values = values.fillna("").astype("str")
        nul = values.str.contains("\x00", regex=False).to_numpy(dtype=bool)
        if nul.any():
            row = int(np.flatnonzero(nul)[0])
            raise file_error(path, "contains a NUL character; text has none (is the file damaged?)",
                             line=int(lines[row]), column=name, value=values.iloc[row].replace("\x00", "\\x00"))
        record_oversized(table, name, values)
        frame[name] = trimmed(values).to_pandas()
    table.frame = pd.DataFrame(frame, index=pd.RangeIndex(len(lines)))
    if len(table.frame) == 0:
        if table.skipped:
            raise build_error(str(path), [(line, None, show(fields), rule) for line, rule, fields in table.skipped])
        raise file_error(path, "has columns but no records; expected at least one event", line=1)
    return table


def _python_text(value) -> str:
    """Return one value (from JSON or a workbook) as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value.bit_length() > 256:
            raise TypeError("a number of more than 77 digits")
        return str(value)
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


# --- Parquet -----------------------------------------------------------------------------------

def _parquet_text(path: Path, name: str, column):
    """Return one Parquet column as pyarrow text, by the rules of the module docstring."""
    import pyarrow as pa

    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    if pa.types.is_nested(column.type):
        _refuse_nested(path, name, column)
    if _is_text_type(column.type):
        text = _valid_text(column)
        if text is not None:
            return text
        column = column.cast(pa.large_binary())
    if _is_bytes_type(column.type):
        return _utf8(path, name, column)
    return _scalar_text(path, name, column)


def _is_text_type(kind) -> bool:
    """Return whether ``kind`` is a pyarrow text type."""
    import pyarrow as pa

    return pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)


def _is_bytes_type(kind) -> bool:
    """Return whether ``kind`` is a pyarrow bytes type."""
    import pyarrow as pa

    return (pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_fixed_size_binary(kind)
            or pa.types.is_binary_view(kind))


def _refuse_nested(path: Path, name: str, column) -> None:
    """Refuse a column of lists or records, naming its first value."""
    valid = np.flatnonzero(column.is_valid().to_numpy(zero_copy_only=False))
    row = int(valid[0]) if len(valid) else 0
    raise file_error(path, f"holds values of the Parquet type {column.type} (lists or records), not one value per "
                           "cell; store text or numbers", line=row + 2, column=name,
                     value=str(column[row].as_py()))


def _valid_text(column):
    """Return a text column as pyarrow text, or None if it holds text that is not UTF-8 (a damaged file can)."""
    import pyarrow as pa

    try:
        column.validate(full=True)
    except pa.ArrowInvalid:
        return None
    return column.cast(pa.large_string()) if pa.types.is_string_view(column.type) else column


def _scalar_text(path: Path, name: str, column):
    """Return a column of numbers, days, times or other single values as text, or refuse its type."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = column.type
    for is_kind, text in ((pa.types.is_floating, _float_text), (pa.types.is_date, _day_text),
                          (pa.types.is_timestamp, _timestamp_text)):
        if is_kind(kind):
            return text(column)
    try:
        return pc.cast(column, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        raise file_error(path, f"has the Parquet type {kind}, which cannot be read as text; store text or numbers",
                         line=1, column=name) from None


def _utf8(path: Path, name: str, column):
    """Return bytes as text, or refuse the first value that is not UTF-8."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        return pc.cast(column, pa.string())
    except pa.ArrowInvalid:
        for row, value in enumerate(column.to_pylist()):
            try:
                (value or b"").decode("utf-8")
            except UnicodeDecodeError as exc:
                raise file_error(path, f"is not UTF-8 text (byte 0x{value[exc.start]:02X} at position "
                                       f"{exc.start}); store text as UTF-8", line=row + 2, column=name,
                                 value=value.decode("latin-1")) from None
        raise


def _float_text(column):
    """Floating-point numbers keep their decimal point (``1.0``); NaN is missing."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = pc.cast(column, pa.string())
    whole = pc.and_(pc.is_finite(column), pc.equal(pc.floor(column), column))
    plain = pc.less(pc.abs(column), 1e15)
    text = pc.if_else(pc.and_(whole, plain), pc.binary_join_element_wise(text, ".0", ""), text)
    return pc.if_else(pc.is_nan(column), pa.scalar(None, pa.string()), text)


def _day_text(column):
    import pyarrow.compute as pc

    return pc.strftime(column, format="%Y-%m-%d")


def _timestamp_text(column):
    """A timestamp at midnight is its day; any other keeps its time."""
    import pyarrow.compute as pc

    midnight = pc.and_(pc.and_(pc.equal(pc.hour(column), 0), pc.equal(pc.minute(column), 0)),
                       pc.and_(pc.equal(pc.second(column), 0), pc.equal(pc.subsecond(column), 0)))
    return pc.if_else(midnight, _day_text(column), pc.strftime(column, format="%Y-%m-%d %H:%M:%S"))


#: Most cells a Parquet file may declare per byte of the file. Real exports take tens of bytes per record (ids,
#: notes and timestamps differ from record to record), below one cell per byte; a file of a few kilobytes that
#: declares a hundred million cells would take gigabytes to read.
MAX_PARQUET_CELLS_PER_BYTE = 64


def _check_parquet_size(path: Path, rows: int, columns: int) -> None:
    """Refuse a Parquet file that declares far more cells than its size can honestly hold, before reading it."""
    size = max(path.stat().st_size, 1)
    if rows * columns > MAX_PARQUET_CELLS_PER_BYTE * size:
        raise file_error(path, f"declares {rows:,} records of {columns:,} columns in {size:,} bytes, more than "
                               f"{MAX_PARQUET_CELLS_PER_BYTE} cells per byte of the file: it would take far more "
                               "memory to read than its size says (a decompression bomb?)", line=1)


def parquet_columns(path: Path) -> tuple[list[str], list]:
    """Read a Parquet file's header and its columns as pyarrow text (see the module docstring for the rules)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        names = list(parquet.schema_arrow.names)
    except Exception as exc:  # noqa: BLE001  (a damaged file raises many kinds)
        raise file_error(path, f"could not be read as Parquet ({type(exc).__name__}: {exc})", line=1) from None
    header = _header(path, names)
    _check_parquet_size(path, parquet.metadata.num_rows, len(names))
    try:
        arrow = parquet.read()
    except Exception as exc:  # noqa: BLE001
        raise file_error(path, f"could not be read as Parquet ({type(exc).__name__}: {exc})", line=1) from None
    columns = []
    for name, column in zip(header, arrow.columns):
        try:
            columns.append(_parquet_text(path, name, column))
        except DataError:
            raise
        except (pa.ArrowException, TypeError, ValueError) as exc:
            raise file_error(path, f"has the Parquet type {column.type}, which cannot be read as text ({exc}); "
                                   "store text or numbers", line=1, column=name) from None
    return header, columns


def read_parquet(path: Path) -> TextTable:
    """Read a Parquet file as a table of text (see the module docstring for the rules)."""
    import pyarrow as pa

    header, columns = parquet_columns(path)
    mapper = {pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype()}.get
    rows = len(columns[0]) if columns else 0
    return _finish(path, header, [c.to_pandas(types_mapper=mapper) for c in columns], np.arange(rows, dtype=np.int64) + 2)


# --- JSON (ACLED's API) ---------------------------------------------------------------------

#: Most bytes a JSON file may hold: it is read whole, and parsing takes about four times its size in memory.
MAX_JSON_BYTES = 256 << 20


class _Object(dict):
    """A JSON object, with the first key it repeats (None when it repeats none)."""

    repeated = None


def _object(pairs: list) -> _Object:
    """Return a JSON object's pairs as an :class:`_Object`, noting a repeated key instead of keeping its last value."""
    record = _Object(pairs)
    if len(record) != len(pairs):
        seen = set()
        record.repeated = next(key for key, _ in pairs if key in seen or seen.add(key))
    return record


def _refuse_surrogate(path: Path, text: str, line: int, column: str | None) -> None:
    """Refuse a text holding a lone surrogate (JSON's ``\\ud800`` alone): it is not a character and cannot be written."""
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise file_error(path, f"holds a lone surrogate (\\u{ord(text[exc.start]):04x}, half of a pair that "
                                   "JSON writes for one character) which is not a character; expected text",
                             line=line, column=column, value=text.encode("utf-8", "backslashreplace").decode()) from None


def _records(path: Path) -> list:
    """Return the list of records of an API response (or of a bare list)."""
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise file_error(path, f"is a JSON file of {size:,} bytes; a JSON file may hold at most {MAX_JSON_BYTES:,} "
                               "(it is read whole): save a larger export as CSV or Parquet", line=1)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise file_error(path, f"contains the byte 0x{raw[exc.start]:02X}, which is not UTF-8; save it as UTF-8",
                         line=line) from None
    try:
        document = json.loads(text, object_pairs_hook=_object)
    except ValueError as exc:  # JSONDecodeError, or a number too long to convert
        if not isinstance(exc, json.JSONDecodeError):
            raise file_error(path, f"is not JSON that can be read ({exc})", line=1) from None
        raise file_error(path, f"is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}; "
                               "a truncated download?)", line=exc.lineno) from None
    except RecursionError:
        raise file_error(path, "is JSON nested too deeply to be an ACLED response", line=1) from None
    if isinstance(document, dict):
        if document.repeated is not None:
            raise file_error(path, f"repeats the key {document.repeated!r} in the response object; a key may appear "
                                   "once (which would count?)", line=1)
        if document.get("success") is False or document.get("status") not in (None, 200, "200"):
            error = document.get("error") or document.get("message") or "no reason given"
            raise file_error(path, f"is an ACLED API response that reports a failure (status "
                                   f"{document.get('status')!r}): {show(error)}; expected a successful response",
                             line=1)
        document = document.get("data")
        if not isinstance(document, list):
            raise file_error(path, 'is JSON but not an ACLED API response: expected {"status": 200, "success": '
                                   'true, "data": [records]} or a list of records', line=1)
    if not isinstance(document, list):
        raise file_error(path, "is JSON but not an ACLED API response or a list of records", line=1)
    return document


def read_json(path: Path, *, keep_going: bool = False) -> TextTable:
    """Read an ACLED API response saved as JSON (or a bare list of records) as a table of text.

    The header is the first record's keys; a record with other keys is
    refused (or, with ``keep_going``, skipped and reported). Record ``i``
    (from 0) is reported as line ``i + 2``.
    """
    records = _records(path)
    if not records:
        raise file_error(path, "has no records; expected at least one event", line=1)
    if not isinstance(records[0], dict):
        raise file_error(path, "holds records that are not JSON objects", line=2, value=show(records[0]))
    header = _header(path, list(records[0]))
    return _table(path, header, _json_rows(path, records, list(records[0])), keep_going)


def _json_rows(path: Path, records: list, keys: list):
    """Yield (line, cells, rule, fields) per record: its cells, or the rule it breaks and what it holds."""
    for number, record in enumerate(records):
        line = number + 2
        if not isinstance(record, dict):
            yield line, None, "is not a JSON object (one record)", [json.dumps(record)[:200]]
        elif record.repeated is not None:
            raise file_error(path, "repeats a field in one record; a field may appear once (which value would "
                                   "count?)", line=line, column=record.repeated)
        elif list(record) != keys and set(record) != set(keys):
            missing = [k for k in keys if k not in record]
            extra = [k for k in record if k not in keys]
            parts = [f"lacks {', '.join(missing)}"] * bool(missing) + [f"has {', '.join(extra)}"] * bool(extra)
            yield (line, None, "has other fields than the first record: " + "; ".join(parts),
                   [_cell(path, record.get(k), line, k) for k in keys])
        else:
            yield line, [_cell(path, record[k], line, k) for k in keys], None, None


def _table(path: Path, header: list[str], rows, keep_going: bool) -> TextTable:
    """Return the table of (line, cells, rule, fields) rows: a row that breaks a rule is refused, or with
    ``keep_going`` skipped and reported."""
    values, lines, skipped, problems = [], [], [], []
    for line, cells, rule, fields in rows:
        if rule is None:
            values.append(cells)
            lines.append(line)
        elif keep_going:
            skipped.append((line, rule, fields))
        else:
            problems.append((line, None, None, rule))
    if problems:
        raise build_error(str(path), problems)
    columns = [pd.Series([row[i] for row in values], dtype="str") for i in range(len(header))]
    return _finish(path, header, columns, np.array(lines, dtype=np.int64), skipped)


def _cell(path: Path, value, line: int, column: str) -> str:
    if isinstance(value, str):
        _refuse_surrogate(path, value, line, column)
        return value
    try:
        return _python_text(value)
    except TypeError as exc:
        what = "a JSON list or object, not one value" if isinstance(value, (list, dict)) else str(exc)
        raise file_error(path, f"is {what}; ACLED's records hold text and numbers",
                         line=line, column=column, value=json.dumps(value)[:200]) from None


# --- Excel workbooks -------------------------------------------------------------------------

#: Excel's own limit of rows in a sheet; a row numbered above it is damage (or a "row bomb").
EXCEL_MAX_ROWS = 1_048_576
#: Most times a part of a workbook may expand from its compressed size (real sheets and their texts expand
#: about 5 to 30 times; a part over 1 MiB that expands more is a "zip bomb").
MAX_XLSX_RATIO = 100
#: Most distinct texts (shared strings) a workbook may hold: more than the texts of Excel's largest sheet of an
#: export (1,048,576 events) would be; openpyxl keeps every one in memory.
MAX_SHARED_STRINGS = 5_000_000
_TAIL = 64  # bytes kept between blocks while scanning a part: an element's opening tag fits
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_TEXT_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_ROW_NUMBER = re.compile(rb'\sr="(\d+)"')
_DIMENSION = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref="([A-Z]{1,3})\d+(?::([A-Z]{1,3})\d+)?"')


def _workbook_error(path: Path, rule: str, **where) -> DataError:
    return file_error(path, f"is an Excel workbook that {rule}", **where)


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _scan_part(path: Path, archive, name: str, tag, limit: int, what: str) -> tuple[int, int, bytes, int]:
    """Return how many elements ``tag`` matches in a part of the archive, the most bytes from one to the next
    (or to the end), the start of the largest and its number (from 1); refuse more than ``limit`` elements.

    Refuses a part that declares a document type (XML entities, which can expand without bound).
    """
    count, largest, head, previous, seen, data, number = 0, 0, b"", 0, 0, b"", 0
    last_head = b""
    with archive.open(name) as stream:
        while True:
            block = stream.read(1 << 20)
            data += block
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
                raise _workbook_error(path, f"declares XML entities in {name}; a workbook has none")
            end = len(data) if not block else len(data) - _TAIL
            for match in tag.finditer(data):
                if match.start() >= end:
                    break
                at = seen + match.start()
                if count and at - previous > largest:
                    largest, head, number = at - previous, last_head, count
                count += 1
                if count > limit:
                    raise _workbook_error(path, f"holds more than {limit:,} {what}; a table may hold at most that many",
                                          line=1)
                previous, last_head = at, data[match.start(): match.start() + _TAIL]
            if not block:
                break
            seen += end
            data = data[end:]
    if count and seen + len(data) - previous > largest:
        largest, head, number = seen + len(data) - previous, last_head, count
    return count, largest, head, number


def _check_archive(path: Path) -> None:
    """Refuse a workbook whose parts would cost far more to read than its size says, before openpyxl reads it.

    Every part: its declared size (which Python's zipfile never reads past)
    at most :data:`MAX_XLSX_RATIO` times its compressed size. Shared strings:
    at most :data:`MAX_SHARED_STRINGS`, none over :data:`MAX_RECORD_BYTES` of
    XML.
    """
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise file_error(path, f"could not be read as an Excel workbook ({type(exc).__name__}: {exc})") from None
    with archive:
        for info in archive.infolist():
            if info.file_size > MAX_FIELD_BYTES and info.file_size > MAX_XLSX_RATIO * max(info.compress_size, 1):
                raise _workbook_error(
                    path, f"holds a part ({info.filename}) of {info.file_size:,} bytes stored in "
                          f"{info.compress_size:,}: it expands {info.file_size // max(info.compress_size, 1):,} times, "
                          f"and a workbook's parts expand at most {MAX_XLSX_RATIO} times (a zip bomb?)")
        for name in archive.namelist():
            if name.lower().endswith("sharedstrings.xml"):
                count, largest, _, number = _scan_part(path, archive, name, _TEXT_TAG, MAX_SHARED_STRINGS,
                                                       "distinct texts")
                if largest > MAX_RECORD_BYTES:
                    raise _workbook_error(path, f"holds a shared text (number {number:,} of {count:,}) of "
                                                f"{largest:,} bytes of XML; a field may hold at most "
                                                f"{MAX_FIELD_BYTES:,} bytes")


def _check_sheet(path: Path, archive, name: str) -> None:
    """Refuse a sheet that declares more columns than a table may have, has more rows than Excel allows, or a row of
    more than :data:`MAX_RECORD_BYTES` of XML."""
    with archive.open(name) as stream:
        start = stream.read(1 << 16)
    declared = _DIMENSION.search(start)
    if declared:
        last = (declared.group(2) or declared.group(1)).decode()
        if _column_number(last) > MAX_COLUMNS:
            raise _workbook_error(path, f"declares cells up to column {last} ({_column_number(last):,}); a table may "
                                        f"have at most {MAX_COLUMNS:,} columns", line=1)
    _, largest, head, _ = _scan_part(path, archive, name, _ROW_TAG, EXCEL_MAX_ROWS, "rows")
    if largest > MAX_RECORD_BYTES:
        number = _ROW_NUMBER.search(head)
        raise _workbook_error(path, f"has a row of {largest:,} bytes of XML; a record may be at most "
                                    f"{MAX_RECORD_BYTES:,} bytes", line=int(number.group(1)) if number else None)


class OtherSheetsWarning(UserWarning):
    """A workbook shows other sheets than the one read: name the sheet to read with ``sheet=``."""


#: Most sheet names a message lists.
_NAMES_SHOWN = 20


def _sheet_names(sheets) -> str:
    """List sheets by name, a hidden one marked so, the first :data:`_NAMES_SHOWN` only."""
    names = [repr(ws.title) + ("" if _visible(ws) else " (hidden)") for ws in sheets]
    more = f" and {len(names) - _NAMES_SHOWN:,} more" if len(names) > _NAMES_SHOWN else ""
    return ", ".join(names[:_NAMES_SHOWN]) + more


def _visible(sheet) -> bool:
    return getattr(sheet, "sheet_state", "visible") == "visible"


def _sheet(path: Path, book, sheet: str | None):
    """Return the sheet named ``sheet`` (hidden or not: naming it is the reader's choice), else the first sheet that
    is not hidden (the one a reader sees first), warning when the workbook shows others."""
    sheets = book.worksheets
    if sheet is not None:
        named = [ws for ws in sheets if ws.title == sheet]
        if not named:
            close = did_you_mean(sheet, [ws.title for ws in sheets])
            raise _workbook_error(path, f"has no sheet {sheet!r}; its sheets are {_sheet_names(sheets)}"
                                        + (f": {close}" if close else ""))
        return named[0]
    visible = [ws for ws in sheets if _visible(ws)]
    if not visible:
        raise _workbook_error(path, "has no visible sheet; a workbook shows at least one")
    if len(visible) > 1:
        warnings.warn(f"{path}: read the sheet {visible[0].title!r}, the first one shown; the workbook shows other "
                      f"sheets too ({_sheet_names(visible[1:])}): name the sheet to read with sheet=",
                      OtherSheetsWarning, stacklevel=6)  # the caller of load_acled
    return visible[0]


def read_xlsx(path: Path, *, keep_going: bool = False, sheet: str | None = None) -> TextTable:
    """Read the first visible sheet of an Excel workbook (.xlsx), or the sheet named ``sheet``, as a table of text.

    With no ``sheet``, a workbook that shows several sheets is read from the
    first and one :class:`OtherSheetsWarning` names the others. A ``sheet``
    is read even when hidden (naming it is the choice); a name the workbook
    lacks is refused, naming its sheets.

    Row 1 holds the column names; rows with no value are skipped, as blank
    lines of a CSV file; a value beyond the header's last column is refused
    (or, with ``keep_going``, its row is skipped and reported). Lines are
    the sheet's row numbers. Every row is read, whatever range the sheet
    declares; merged cells and formulas without a stored value are refused,
    naming the cell. The archive is checked before anything is read (see
    :func:`_check_archive`).
    """
    try:
        import openpyxl
    except ImportError:
        raise file_error(
            path, "is an Excel workbook; reading it needs the optional package openpyxl, which is not installed: "
                  "pip install openpyxl (or pip install 'analysis[xlsx]'), or save the sheet as CSV (UTF-8)",
        ) from None
    _check_archive(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise file_error(path, f"could not be read as an Excel workbook ({type(exc).__name__}: {exc})") from None
    try:
        chosen = _sheet(path, book, sheet)
        _check_sheet(path, book._archive, chosen._worksheet_path)
        return _read_sheet(path, book, chosen, keep_going)
    except DataError:
        raise
    except Exception as exc:  # noqa: BLE001  (damaged sheet XML raises many kinds)
        raise file_error(path, f"could not be read as an Excel workbook ({type(exc).__name__}: {exc})") from None
    finally:
        book.close()


#: What a formula cell without a stored value reads as (openpyxl would read it as an empty cell).
_NO_VALUE = object()


def _parser(book, sheet, source):
    """Return a parser of ``sheet``'s rows (its XML, opened as ``source``) that marks formulas without a stored value
    (see :data:`_NO_VALUE`)."""
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element):
            cell = super().parse_cell(element)
            if element.find(FORMULA_TAG) is not None and element.find(VALUE_TAG) is None:
                cell["value"] = _NO_VALUE
            return cell

    return Parser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                  date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)


def _cell_name(row: int, column: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{row}"


def _values(path: Path, parser):
    """Yield (row number, values) for each row of the sheet's XML, every row whatever the declared range."""
    for number, cells in parser.parse():
        if number > EXCEL_MAX_ROWS:
            raise _workbook_error(path, f"has a row numbered {number:,}; Excel's sheets have at most "
                                        f"{EXCEL_MAX_ROWS:,} rows (is it damaged?)", line=number)
        values: list = []
        for cell in cells:
            column, value = cell["column"], cell["value"]
            if value is _NO_VALUE:
                raise _workbook_error(path, f"has a formula without a stored value in cell {_cell_name(number, column)}; "
                                            "open and save it in a spreadsheet (which stores each formula's value), "
                                            "or paste the values", line=number)
            if value is None:
                continue
            if column > MAX_COLUMNS:
                raise _workbook_error(path, f"has a value in cell {_cell_name(number, column)}, beyond "
                                            f"{MAX_COLUMNS:,} columns, the most a table may have", line=number)
            values.extend([None] * (column - len(values)))
            values[column - 1] = value
        yield number, values


def _read_sheet(path: Path, book, sheet, keep_going: bool) -> TextTable:
    with sheet._get_source() as source:  # closed here: a part left open keeps the workbook's file open
        return _read_rows(path, sheet, _parser(book, sheet, source), keep_going)


def _read_rows(path: Path, sheet, parser, keep_going: bool) -> TextTable:
    rows = _values(path, parser)
    number, names = next(rows, (1, []))
    while names and names[-1] is None:
        names.pop()
    if number != 1 or not names:
        raise file_error(path, f"has an empty first row; the first row of the sheet {sheet.title!r} must hold the "
                               "column names", line=1)
    header = _header(path, names)
    rows = list(_sheet_rows(path, rows, header))  # merged ranges are listed after the rows
    merged = parser.merged_cells.mergeCell if parser.merged_cells is not None else []
    if merged:
        raise _workbook_error(path, f"has merged cells ({', '.join(str(m.ref) for m in merged[:5])}); a merged range "
                                    "holds one value, in its first cell, and the others would be read as missing: "
                                    "unmerge them and fill each cell", line=1)
    return _table(path, header, rows, keep_going)


def _sheet_rows(path: Path, rows, header: list[str]):
    """Yield (line, cells, rule, fields) per row that holds a value, as :func:`_json_rows` does."""
    width = len(header)
    for number, row in rows:
        if all(cell is None or cell == "" for cell in row):
            continue
        cells = [_cell_text(path, cell, number, header[i] if i < width else None) for i, cell in enumerate(row)]
        beyond = [cell for cell in cells[width:] if cell.strip()]
        if beyond:
            yield number, None, f"has a value beyond the header's {width} columns ({show(beyond[0])})", cells[:width]
        else:
            yield number, cells[:width] + [""] * (width - len(cells)), None, None


def _cell_text(path: Path, value, line: int, column: str | None) -> str:
    try:
        return _python_text(value)
    except TypeError as exc:
        raise file_error(path, f"holds a value of type {exc} that is not text, a number or a date", line=line,
                         column=column, value=str(value)) from None


__all__ = ["OtherSheetsWarning", "parquet_columns", "read_json", "read_parquet", "read_xlsx"]
