"""A CSV file read as a table of text: every field a string, malformed files refused.

:func:`read_text_table` reads the file with pyarrow (fast, in parallel
blocks) and, where pyarrow refuses it, lets Python's :mod:`csv` module name
the ragged, truncated or over-long records (or, for a loader that drops
invalid records, read the well-formed ones). The physical line of a record
is worked out only when there is something to report, by re-scanning the
file (so quoted line breaks are counted right): a clean file pays nothing
for line numbers. Reading a CSV file's bytes safely (limits, NUL bytes,
quotes, encoding) is :mod:`analysis.io.csv_scan`'s job; collecting problems
and writing the message is :mod:`analysis.io.problems`'.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError
from ..text import did_you_mean
from .csv_scan import (
    FIELD_RULE,
    MAX_RECORD_BYTES,
    check_utf8,
    oversized,
    ragged_rule,
    read_header,
    read_records,
    record_lines,
    refuse_nul,
    scan,
    stray_quote,
    unclosed_quote_line,
)
from .parse import trimmed
from .problems import Checker, build_error, file_error, not_found


@dataclass
class TextTable:
    """A table read as text: the frame of strings plus what is needed for messages.

    ``lines`` gives the line on which each record of ``frame`` starts (for
    files that are not CSV, the record's number counting the header as line
    1); None means: find them in the CSV file when a message needs them, so
    a clean file pays nothing for line numbers. ``read_problems`` are
    problems found while reading (record indices, column, rule), reported
    with the checks; ``skipped`` are records that could not be read into the
    frame at all, as (line, rule, fields), kept only when a loader drops
    invalid records instead of raising.
    """

    path: Path
    frame: pd.DataFrame
    header: list[str]
    lines: np.ndarray | None = None
    read_problems: list[tuple[np.ndarray, str, str]] = field(default_factory=list)
    skipped: list[tuple[int, str, list[str]]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.path)

    def record_lines(self) -> np.ndarray:
        """Return the line on which each record starts."""
        if self.lines is None:
            self.lines = record_lines(self.path)
        return self.lines

    def lines_of(self, records: np.ndarray) -> np.ndarray:
        """Return the line of each record index (-1 where unknown)."""
        lines = self.record_lines()
        records = np.asarray(records, dtype=np.int64)
        out = np.full(len(records), -1, dtype=np.int64)
        known = (records >= 0) & (records < len(lines))
        out[known] = lines[records[known]]
        return out


def checker_for(table: TextTable) -> Checker:
    """Return a Checker for ``table`` that already holds the problems found while reading it."""
    checker = Checker(table)
    for records, column, rule in table.read_problems:
        checker.add_records(records, column, table.frame[column], rule)
    return checker


def column_names(names: list[str]) -> list[str]:
    """Return a header's names, an empty one named ``Unnamed: N`` (N its position from 0) as pandas does."""
    return [name or f"Unnamed: {position}" for position, name in enumerate(names)]


def repeated_names(header: list[str]) -> list[tuple[str, str]]:
    """Return (name, rule) for each column name that repeats an earlier one."""
    seen: dict[str, int] = {}
    repeats = []
    for position, name in enumerate(header):
        if name in seen:
            repeats.append((name, f"is a duplicated column name (fields {seen[name] + 1} and {position + 1}); "
                                  "column names must be unique"))
        seen.setdefault(name, position)
    return repeats


def close_names(missing: Iterable[str], header: list[str], known: Iterable[str] = ()) -> str:
    """Return, for a message about columns a header lacks, the header's names close to each (a name written with
    other capitals or a typo, and not one of the ``known`` columns), as `` (fatalities: did you mean
    'Fatalities'?)``; an empty text when none is close."""
    others = [name for name in header if name not in set(known) | set(missing)]
    missing = list(missing)
    hints = [(name, close) for name in missing if (close := did_you_mean(name, others))]
    if len(missing) == 1 and hints:
        return f" ({hints[0][1]})"
    return f" ({'; '.join(f'{name}: {close}' for name, close in hints)})" if hints else ""


#: What a header that holds ACLED's identifier is: an ACLED export, for a loader of another table.
_ACLED_HINT = "; it looks like an ACLED export (it has event_id_cnty): load it with analysis.load_acled"


def read_text_table(path: str | Path, *, required: Iterable[str] = (), keep_going: bool = False,
                    missing_columns: Callable[[Path, list[str]], DataError] | None = None) -> TextTable:
    """Read a CSV file with every field as text, refusing malformed files.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8, comma-separated, header row). A UTF-8 byte-order
        mark and LF, CRLF or CR line ends are accepted; whitespace around
        values and column names is removed. A header field left empty names
        its column ``Unnamed: N`` (N its position from 0), as pandas does.
    required : iterable of str, default ()
        Columns that must be present.
    keep_going : bool, default False
        Read past records with the wrong number of fields (or a last record
        cut off) instead of raising: they are left out of the frame and kept
        in ``skipped`` with their line and rule.
    missing_columns : callable or None, default None
        Return the error for a header that lacks a required column and is not
        one column of another delimiter, from the path and the header (a
        loader that knows what the file should be says so); None names the
        missing columns.

    Returns
    -------
    TextTable
        The frame (one string column per header field, one row per record)
        and the header.

    Raises
    ------
    DataError
        If the file is missing or empty, not UTF-8, has a NUL byte anywhere,
        has no records, a header over several lines or of more than
        ``csv_scan.MAX_COLUMNS`` columns, lacks a required column, repeats a
        column name, seems to use another delimiter, has a record with too
        few or too many fields, a quoted value that is never closed, a field
        over ``csv_scan.MAX_FIELD_BYTES`` or a record over
        ``csv_scan.MAX_RECORD_BYTES``.
    """
    path = Path(path)
    if not path.is_file():
        raise not_found(path)
    header_line = read_header(path)
    header = column_names(header_line.names)
    table = TextTable(path=path, frame=pd.DataFrame(), header=header)
    checker = Checker(table)
    for name, rule in repeated_names(header):
        checker.add(None, name, name, rule)
    missing = [c for c in required if c not in header]
    if missing:
        if len(header) == 1 and any(d in header[0] for d in ";\t|"):
            delimiter = next(d for d in ";\t|" if d in header[0])
            checker.add(None, None, header_line.text, f"is one column: the file seems to be separated by {delimiter!r}; expected commas")
        elif missing_columns is not None:
            raise missing_columns(path, header)
        else:
            checker.add(None, ", ".join(missing), None,
                        f"required column(s) missing{close_names(missing, header, required)}; the header has {header}"
                        + (_ACLED_HINT if "event_id_cnty" in header else ""))
    checker.raise_if_any()

    facts = scan(path)
    if facts.nul_offset is not None:
        refuse_nul(path, facts.nul_offset, header)
    _parse(table, facts, keep_going)
    if len(table.frame) == 0:
        if table.skipped:
            raise build_error(table.name, [(line, None, ",".join(fields), rule) for line, rule, fields in table.skipped])
        raise file_error(path, "has a header but no records; expected at least one row of data", line=1)
    return table


def _parse(table: TextTable, facts, keep_going: bool) -> None:
    """Parse the records as strings with pyarrow; let the csv module name what pyarrow refuses.

    pyarrow refuses rows with too few or too many fields (pandas' C parser
    would pad a short row with empty values, silently), allows quoted line
    breaks, skips blank lines, and trims whitespace around values. A file
    whose records each fill exactly one line is first parsed in parallel
    blocks (line breaks inside quoted values would make the record count
    differ from the line count); any other file is parsed with quoted line
    breaks allowed. A file that pyarrow refuses is read again with Python's
    csv module, which names the ragged, truncated or over-long records (or,
    with ``keep_going``, reads the well-formed ones).
    """
    import pyarrow as pa
    from pyarrow import csv as pa_csv

    path, header = table.path, table.header

    def read(newlines_in_values: bool, block_size: int | None = None):
        return pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1, **({"block_size": block_size} if block_size else {})),
            parse_options=pa_csv.ParseOptions(newlines_in_values=newlines_in_values),
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    arrow = None
    try:
        arrow = read(False)
        if arrow.num_rows != facts.lines - 1:
            arrow = None
    except pa.ArrowInvalid:
        pass
    if arrow is None:
        try:
            arrow = read(True)
        except pa.ArrowInvalid as exc:
            if "straddl" in str(exc):  # a record longer than a block: try once with room for the longest allowed
                try:
                    arrow = read(True, MAX_RECORD_BYTES)
                except pa.ArrowInvalid:
                    pass
    if arrow is None:
        _read_with_csv(table, keep_going)
        return
    _check_end(table, arrow, facts, keep_going)
    stray_quote(path, header)  # pyarrow reads on after a quote that closes a value in its middle
    columns = arrow.columns
    del arrow
    frame = []
    for name in header:  # trim one column at a time, freeing the untrimmed one, to keep memory flat
        column = columns.pop(0)
        record_oversized(table, name, column)
        frame.append(trimmed(column))
    # pandas' text dtype on pyarrow's arrays, without copying them (pyarrow's to_pandas takes four times as long)
    text = pd.StringDtype("pyarrow", na_value=np.nan)
    table.frame = pd.DataFrame({name: pd.arrays.ArrowStringArray(column, dtype=text) for name, column in zip(header, frame)},
                               index=pd.RangeIndex(len(frame[0]) if frame else 0), copy=False)
    if table.skipped:  # the last record was cut off inside a quoted value
        table.frame = table.frame.iloc[:-1].reset_index(drop=True)


def record_oversized(table: TextTable, name: str, values) -> None:
    """Record the values of a column longer than MAX_FIELD_BYTES bytes."""
    over = np.flatnonzero(oversized(values))
    if len(over):
        table.read_problems.append((over, name, FIELD_RULE))


def _check_end(table: TextTable, arrow, facts, keep_going: bool) -> None:
    """Refuse a file that ends inside a quoted value (pyarrow reads it as if the quote were closed).

    Only an unfinished last line with an odd number of quotes, or a last
    record with a line break in a value, can hide such a quote; only then is
    the whole file counted.
    """
    suspicious = facts.last_line.count(b'"') % 2 == 1
    if not suspicious and arrow.num_rows:
        last = [column[-1].as_py() for column in arrow.columns]
        suspicious = any("\n" in value or "\r" in value for value in last)
    if not suspicious:
        return
    opened = unclosed_quote_line(table.path)
    if opened is None:
        return
    rule = ("has a double quote that opens a value which is never closed: the file ends inside it "
            "(a truncated download, or a stray quote?)")
    last_start = int(table.record_lines()[-1]) if len(table.record_lines()) else 1
    if keep_going and opened >= last_start:
        table.skipped.append((last_start, rule, [column[-1].as_py() for column in arrow.columns]))
        table.lines = table.record_lines()[:-1]
        return
    raise file_error(table.path, rule, line=opened)


def _read_with_csv(table: TextTable, keep_going: bool) -> None:
    """Read a file that pyarrow refused with the csv module: name its faults, or keep its good records."""
    path, width = table.path, len(table.header)
    check_utf8(path, table.header)  # a byte that is not UTF-8 is named with its line and column
    records = read_records(path, width, keep=keep_going)
    if not records.ragged:
        opened = unclosed_quote_line(path)
        if opened is not None:
            raise file_error(path, "has a double quote that opens a value which is never closed (a stray quote?)", line=opened)
        if not keep_going:
            records = read_records(path, width, keep=True)
    elif not keep_going:
        raise build_error(
            table.name,
            [(line, None, ",".join(fields), ragged_rule(fields, width, last, end - line + 1))
             for line, fields, end, last in records.ragged],
        )
    columns = list(zip(*records.rows)) if records.rows else [()] * width
    table.frame = pd.DataFrame(
        {name: pd.Series([value.strip() for value in values], dtype="str") for name, values in zip(table.header, columns)}
    )
    table.lines = np.array(records.lines, dtype=np.int64)
    table.skipped = [(line, ragged_rule(fields, width, last, end - line + 1), fields)
                     for line, fields, end, last in records.ragged]
    for name in table.header:
        record_oversized(table, name, table.frame[name])
