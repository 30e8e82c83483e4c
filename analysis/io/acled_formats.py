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
a workbook, the sheet's row number). Workbooks are read by
:mod:`analysis.io.workbooks`, with this module's rule for values.

Each format is bounded as CSV is, and checked before it is read where its
size can lie: a JSON file by its size (:data:`MAX_JSON_BYTES`), a Parquet
file by the cells it declares (:data:`MAX_PARQUET_CELLS_PER_BYTE`), a
workbook by its archive (:mod:`analysis.io.workbooks`); the limits of
:mod:`analysis.io.csv_scan` (columns, field bytes, record bytes) hold in
every format.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError
from .csv_scan import MAX_COLUMNS
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


__all__ = ["parquet_columns", "read_json", "read_parquet"]
