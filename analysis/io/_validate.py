"""Validation engine shared by the loaders of the coded tables and of ACLED exports.

A table is read as text first (every field a string), checked column by
column with vectorized pandas operations, and only then converted to its
dtypes. Problems are collected in a :class:`Checker` as (record index,
column, value, rule); the physical line of a record is worked out only when
there is something to report, by re-scanning the file with the :mod:`csv`
module (so quoted line breaks are counted right). A clean file pays nothing
for line numbers. Reading a CSV file's bytes safely (limits, NUL bytes,
quotes, encoding) is :mod:`analysis.io.csv_scan`'s job; collecting problems
and writing the message is :mod:`analysis.io.problems`'.

The public entry points for other modules are :func:`read_text_table`,
:class:`Checker`, :func:`check_columns` and :func:`convert_columns`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .csv_scan import (
    MAX_FIELD_BYTES,
    MAX_RECORD_BYTES,
    check_utf8,
    field_limit,
    numbered_rows,
    ragged_rule,
    read_header,
    read_records,
    refuse_nul,
    scan,
    unclosed_quote_line,
)
from .csv_scan import record_lines as file_record_lines
from .problems import Checker, build_error, file_error
from ..schema import DATE_ORIGIN_REFERENCES, DATE_ORIGINS, DATE_RANGE, REGION_BOUNDS, WEEK_PRECISION_MAX_DAYS, Column, TableSpec

_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: A whole number: ASCII digits, no sign, no leading zero, at most 18 digits (below 2**63).
_INT_RE = r"^(0|[1-9][0-9]{0,17})$"
NUMBER_RE = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_SHA_RE = r"^[0-9a-f]{64}$"
INT_RULE = ("is not a whole number >= 0 written in digits 0-9 "
            "(no sign, decimal point or leading zero; at most 18 digits)")
DATE_RULE = f"is not a real day written YYYY-MM-DD from {DATE_RANGE[0]} to {DATE_RANGE[1]}"
NUMBER_RULE = "is not a number (digits 0-9 with an optional sign and decimal point, e.g. 33.2625)"
#: What R writes for a missing value; read as missing in the columns a loader names.
NA_TEXT = "NA"
NA_RULE = "is NA (R's mark of a missing value); a value is required"
_ORIGIN_RE = "^(?:" + "|".join(DATE_ORIGINS) + "|(?:" + "|".join(DATE_ORIGIN_REFERENCES) + r") \S+)$"
_ORIGIN_FORMS = [repr(o) for o in DATE_ORIGINS] + [f"'{kind} <id>'" for kind in DATE_ORIGIN_REFERENCES]
_ORIGIN_RULE = f"is not a date origin; expected {', '.join(_ORIGIN_FORMS[:-1])} or {_ORIGIN_FORMS[-1]}"



def describe_allowed(allowed: Sequence, limit: int = 12) -> str:
    """Return the allowed values of a vocabulary as a short sentence part."""
    shown = ", ".join(repr(str(a)) for a in list(allowed)[:limit])
    more = len(allowed) - limit
    return f"one of {shown}" + (f" (and {more} more)" if more > 0 else "")


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
            self.lines = file_record_lines(self.path)
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


def record_lines(text: str) -> list[int]:
    """Return the physical line (1-based) on which each record of a CSV text starts.

    The header is line 1. Blank lines are skipped, as pandas skips them, so
    record ``i`` here is row ``i`` of the frame.
    """
    with field_limit(MAX_RECORD_BYTES):
        return [start for start, _ in numbered_rows(csv.reader(io.StringIO(text, newline="")))][1:]


def read_text_table(path: str | Path, *, required: Iterable[str] = (), keep_going: bool = False) -> TextTable:
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
        raise file_error(path, "file not found")
    header_line = read_header(path)
    header = [name or f"Unnamed: {position}" for position, name in enumerate(header_line.names)]
    table = TextTable(path=path, frame=pd.DataFrame(), header=header)
    checker = Checker(table)

    seen: dict[str, int] = {}
    for position, name in enumerate(header):
        if name in seen:
            checker.add(None, name, name, f"is a duplicated column name (fields {seen[name] + 1} and {position + 1}); column names must be unique")
        seen.setdefault(name, position)
    missing = [c for c in required if c not in seen]
    if missing:
        if len(header) == 1 and any(d in header[0] for d in ";\t|"):
            delimiter = next(d for d in ";\t|" if d in header[0])
            checker.add(None, None, header_line.text, f"is one column: the file seems to be separated by {delimiter!r}; expected commas")
        else:
            checker.add(None, ", ".join(missing), None, f"required column(s) missing; the header has {header}")
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
    columns = arrow.columns
    del arrow
    frame = {}
    for name in header:  # trim one column at a time, freeing the untrimmed one, to keep memory flat
        column = columns.pop(0)
        _find_oversized(table, name, column)
        frame[name] = _trim(column)
    table.frame = pd.DataFrame(frame)
    if table.skipped:  # the last record was cut off inside a quoted value
        table.frame = table.frame.iloc[:-1].reset_index(drop=True)


def _trim(column) -> pd.Series:
    import pyarrow.compute as pc

    return pc.utf8_trim_whitespace(column).to_pandas()


def _find_oversized(table: TextTable, name: str, column) -> None:
    """Record the values of ``column`` longer than MAX_FIELD_BYTES (one pass over the lengths)."""
    import pyarrow.compute as pc

    lengths = pc.binary_length(column)
    longest = pc.max(lengths).as_py()
    if longest is not None and longest > MAX_FIELD_BYTES:
        over = pc.greater(lengths, MAX_FIELD_BYTES).to_numpy(zero_copy_only=False)
        table.read_problems.append((np.flatnonzero(over), name, f"is longer than {MAX_FIELD_BYTES:,} bytes, the most a field may hold"))


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
        sizes = table.frame[name].str.len()
        over = np.flatnonzero((sizes > MAX_FIELD_BYTES).to_numpy())
        if len(over):
            table.read_problems.append((over, name, f"is longer than {MAX_FIELD_BYTES:,} bytes, the most a field may hold"))


# --- vectorized parsing of text columns ---------------------------------------------

def _arrow_cast(values: pd.Series, arrow_type, types_mapper=None) -> pd.Series | None:
    """Cast text to ``arrow_type`` in pyarrow (empty -> missing); None if a value does not parse.

    A fast path for pyarrow-backed text: one cast in C++ instead of pandas'
    element-wise parsers. Callers fall back to pandas when it returns None.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        arrow = pa.array(values.where(values != "").array)
        converted = pc.cast(arrow, arrow_type).to_pandas(date_as_object=False, types_mapper=types_mapper)
        return pd.Series(converted, index=values.index)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, TypeError):
        return None


def parse_numbers(values: pd.Series) -> pd.Series:
    """Return text as float64: NaN where a value is empty or not a number written in ASCII digits."""
    import pyarrow as pa

    numbers = _arrow_cast(values, pa.float64())  # pyarrow reads ASCII digits only
    if numbers is None:
        shaped = values.str.fullmatch(NUMBER_RE).astype(bool)
        numbers = pd.to_numeric(values.where(shaped & (values != "")), errors="coerce")
    return numbers.astype("float64")


def parse_dates(values: pd.Series) -> pd.Series:
    """Return text dates written YYYY-MM-DD as datetime64[ns]: NaT where empty, not a real day or outside DATE_RANGE."""
    import pyarrow as pa

    shaped = values.str.fullmatch(_DATE_RE).astype(bool)
    dates = _arrow_cast(values.where(shaped, ""), pa.date32())
    if dates is None:
        dates = pd.to_datetime(values.where(shaped), format="%Y-%m-%d", errors="coerce")
    return within_range(dates)


def within_range(dates: pd.Series) -> pd.Series:
    """Return dates as datetime64[ns], NaT where outside :data:`schema.DATE_RANGE` (checked before the cast)."""
    days = dates.to_numpy(dtype="datetime64[D]") if len(dates) else np.array([], dtype="datetime64[D]")
    outside = (days < np.datetime64(DATE_RANGE[0])) | (days > np.datetime64(DATE_RANGE[1]))
    days = np.where(outside, np.datetime64("NaT"), days)
    return pd.Series(days.astype("datetime64[ns]"), index=dates.index)


def as_categorical(values: pd.Series, categories: Sequence, *, ordered: bool = False) -> pd.Series:
    """Return text as a categorical of ``categories`` (matched by their text); other values missing.

    Factorizes once and maps the few distinct values, instead of hashing
    every value against the categories.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    position = {str(c): i for i, c in enumerate(categories)}
    lookup = np.array([position.get(str(u), -1) for u in uniques] + [-1], dtype=np.int64)
    return pd.Series(
        pd.Categorical.from_codes(lookup[codes], categories=list(categories), ordered=ordered), index=values.index
    )


# --- column checks ----------------------------------------------------------

def check_columns(
    table: TextTable, columns: Sequence[Column], checker: Checker, *, region=REGION_BOUNDS, na_columns=frozenset()
) -> None:
    """Check every column of ``columns`` present in the table by its kind.

    Empty required values, malformed dates, counts, coordinates, hashes and
    values outside a vocabulary are recorded in ``checker``. In the columns
    named in ``na_columns``, ``NA`` counts as a missing value (refused where
    a value is required).
    """
    frame = table.frame
    for col in columns:
        if col.name not in frame.columns:
            continue
        values = frame[col.name]
        blank = (values == "").to_numpy(dtype=bool)
        empty = blank
        if col.name in na_columns:
            na = (values == NA_TEXT).to_numpy(dtype=bool)
            if col.required:
                checker.add_mask(na, col.name, values, NA_RULE)
            empty = blank | na
        if col.required:
            checker.add_mask(blank, col.name, values, "is empty; a value is required")
        filled = ~empty
        if col.kind == "date":
            bad = filled & ~_valid_dates(values).to_numpy(dtype=bool)
            checker.add_mask(bad, col.name, values, DATE_RULE)
        elif col.kind == "int":
            bad = filled & ~values.str.fullmatch(_INT_RE).to_numpy(dtype=bool)
            checker.add_mask(bad, col.name, values, INT_RULE)
        elif col.kind in ("latitude", "longitude", "float"):
            numbers = parse_numbers(values)
            checker.add_mask(filled & numbers.isna().to_numpy(), col.name, values, NUMBER_RULE)
            if col.kind == "latitude":
                lo, hi = (region[0], region[1]) if region else (-90.0, 90.0)
            elif col.kind == "longitude":
                lo, hi = (region[2], region[3]) if region else (-180.0, 180.0)
            else:
                continue
            outside = filled & (numbers.notna() & ((numbers < lo) | (numbers > hi))).to_numpy()
            what = "the region" if region else "the valid range"
            checker.add_mask(outside, col.name, values, f"is outside {what}: {col.kind} must be from {lo} to {hi}")
        elif col.kind == "category":
            allowed = [str(a) for a in col.allowed]
            bad = filled & ~values.isin(allowed).to_numpy(dtype=bool)
            checker.add_mask(bad, col.name, values, f"is not allowed; expected {describe_allowed(allowed)}")
        elif col.kind == "origin":
            checker.add_mask(filled & ~values.str.fullmatch(_ORIGIN_RE), col.name, values, _ORIGIN_RULE)
        elif col.kind == "sha256":
            bad = filled & ~values.str.fullmatch(_SHA_RE).to_numpy(dtype=bool)
            checker.add_mask(bad, col.name, values, "is not a SHA-256 hex digest (64 lowercase hex digits)")


def has_value(values: pd.Series, text: str) -> bool:
    """Return whether any value equals ``text`` (one pyarrow pass, no boolean Series)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    array = values.array
    if hasattr(array, "__arrow_array__"):
        try:
            return bool(pc.any(pc.equal(array.__arrow_array__(), text)).as_py())
        except (pa.ArrowException, TypeError):
            pass
    return bool((values == text).any())


def _valid_dates(values: pd.Series) -> pd.Series:
    return parse_dates(values).notna()


def check_unique(table: TextTable, column: str, checker: Checker) -> None:
    """Record every repeat of a value of an identifier column (naming the line of its first use)."""
    values = table.frame[column]
    duplicated = (values.duplicated(keep=False) & (values != "")).to_numpy(dtype=bool)
    if not duplicated.any():
        return
    rows = np.flatnonzero(duplicated)
    repeated = values.iloc[rows]
    first_of = dict(zip(repeated.drop_duplicates(keep="first"), rows[~repeated.duplicated(keep="first").to_numpy()]))
    later = rows[repeated.duplicated(keep="first").to_numpy()]
    first_lines = table.lines_of(np.array([first_of[v] for v in values.iloc[later]], dtype=np.int64))
    rules = [f"is a duplicate id (also on line {line}); ids must be unique" for line in first_lines]
    checker.add_records(later, column, values, rules)


def check_low_high(table: TextTable, low: str, high: str, checker: Checker) -> None:
    """Record rows where both bounds are whole numbers and ``low > high``."""
    frame = table.frame
    if low not in frame or high not in frame:
        return
    lo = pd.to_numeric(frame[low].where(frame[low].str.fullmatch(_INT_RE)), errors="coerce")
    hi = pd.to_numeric(frame[high].where(frame[high].str.fullmatch(_INT_RE)), errors="coerce")
    bad = lo.notna() & hi.notna() & (lo > hi)
    checker.add_mask(bad, low, frame[low], f"is greater than {high} ({'/'.join(frame[high][bad].head(1))}); expected {low} <= {high}")


def check_date_order(table: TextTable, start: str, end: str, checker: Checker) -> None:
    """Record rows where both dates are valid and ``start`` is after ``end``."""
    frame = table.frame
    if start not in frame or end not in frame:
        return
    s = pd.to_datetime(frame[start].where(_valid_dates(frame[start])), format="%Y-%m-%d", errors="coerce")
    e = pd.to_datetime(frame[end].where(_valid_dates(frame[end])), format="%Y-%m-%d", errors="coerce")
    bad = s.notna() & e.notna() & (s > e)
    checker.add_mask(bad, end, frame[end], f"is before {start}; a date range must not end before it starts")


def check_event_dates(table: TextTable, checker: Checker) -> None:
    """Check event_date against the range and time_precision against its span."""
    frame = table.frame
    needed = {"date_start", "date_end", "event_date", "time_precision"}
    if not needed <= set(frame.columns):
        return
    parse = {
        c: pd.to_datetime(frame[c].where(_valid_dates(frame[c])), format="%Y-%m-%d", errors="coerce")
        for c in ("date_start", "date_end", "event_date")
    }
    s, e, d = parse["date_start"], parse["date_end"], parse["event_date"]
    ok = s.notna() & e.notna() & (s <= e)
    outside = ok & d.notna() & ((d < s) | (d > e))
    checker.add_mask(outside, "event_date", frame["event_date"], "lies outside date_start..date_end")
    span = (e - s).dt.days + 1
    expected = np.where(span <= 1, "1", np.where(span <= WEEK_PRECISION_MAX_DAYS, "2", "3"))
    precision = frame["time_precision"]
    bad = ok & precision.isin(["1", "2", "3"]) & (precision != pd.Series(expected, index=frame.index))
    checker.add_mask(
        bad,
        "time_precision",
        precision,
        f"does not match the date range: 1 when date_start == date_end, 2 for a range of up to "
        f"{WEEK_PRECISION_MAX_DAYS} days, 3 for longer ranges",
    )


def check_sub_event_types(table: TextTable, pairs: dict[str, tuple[str, ...]], checker: Checker) -> None:
    """Record sub-event types that do not belong to the row's event type."""
    frame = table.frame
    if "event_type" not in frame or "sub_event_type" not in frame:
        return
    valid = {(t, s) for t, subs in pairs.items() for s in subs}
    known_subs = {s for subs in pairs.values() for s in subs}
    types, type_values = pd.factorize(frame["event_type"])
    subs, sub_values = pd.factorize(frame["sub_event_type"])
    # one cell per (event type, sub-event type) present: is the pair wrong?
    wrong = np.array(
        [[t in pairs and s in known_subs and (t, s) not in valid for s in sub_values] for t in type_values],
        dtype=bool,
    ).reshape(len(type_values), len(sub_values))
    bad = (types >= 0) & (subs >= 0)
    bad[bad] = wrong[types[bad], subs[bad]]
    for number, event_type in enumerate(type_values):
        if event_type not in pairs:
            continue
        checker.add_mask(bad & (types == number), "sub_event_type", frame["sub_event_type"],
                         f"is not a sub-event type of {event_type!r}; expected {describe_allowed(pairs[event_type])}")


def check_coordinates_pair(table: TextTable, checker: Checker, *, precision: str | None = "geo_precision") -> None:
    """Require latitude and longitude together, and geo_precision exactly when they are given."""
    frame = table.frame
    if "latitude" not in frame or "longitude" not in frame:
        return
    lat, lon = frame["latitude"] != "", frame["longitude"] != ""
    checker.add_mask(lat & ~lon, "longitude", frame["longitude"], "is empty while latitude is given; give both or neither")
    checker.add_mask(lon & ~lat, "latitude", frame["latitude"], "is empty while longitude is given; give both or neither")
    if precision and precision in frame:
        has = frame[precision] != ""
        checker.add_mask(has & ~(lat & lon), precision, frame[precision], "is given without coordinates; leave it empty when latitude and longitude are empty")
        checker.add_mask(~has & lat & lon, precision, frame[precision], "is empty although coordinates are given; expected 1, 2 or 3")


def check_references(table: TextTable, column: str, targets: Iterable[str], target_name: str, checker: Checker) -> None:
    """Record values of ``column`` that are not among ``targets``."""
    values = table.frame[column]
    target_index = pd.Index(list(targets))
    bad = (values != "") & ~values.isin(target_index)
    checker.add_mask(bad, column, values, f"does not match any id in {target_name}")


# --- conversion ---------------------------------------------------------------

def _int64(values: pd.Series) -> pd.Series:
    import pyarrow as pa

    numbers = _arrow_cast(values, pa.int64(), {pa.int64(): pd.Int64Dtype()}.get)
    if numbers is None:
        numbers = pd.to_numeric(values.where(values != ""))
    return numbers.astype("Int64")


def convert_columns(frame: pd.DataFrame, columns: Sequence[Column]) -> pd.DataFrame:
    """Return a frame with the specified columns first, in their dtypes, then extra columns as text.

    Call only after the checks passed: the conversion assumes valid text.
    Dates become ``datetime64[ns]``, counts ``Int64``, vocabularies
    ``CategoricalDtype(allowed)`` (precision codes as ordered integer
    categories), coordinates ``float64`` and everything else ``string``.
    """
    out = {}
    for col in columns:
        if col.name not in frame:
            continue
        values = frame[col.name]
        missing = values == ""
        if col.kind == "date":
            out[col.name] = parse_dates(values)
        elif col.kind == "int":
            out[col.name] = _int64(values)
        elif col.kind in ("latitude", "longitude", "float"):
            out[col.name] = parse_numbers(values)
        elif col.kind == "category":
            numeric = all(isinstance(a, int) for a in col.allowed)
            out[col.name] = as_categorical(values, col.allowed, ordered=numeric)
        else:
            out[col.name] = (values.where(~missing) if missing.any() else values).astype("string")
    specified = {c.name for c in columns}
    for name in frame.columns:
        if name not in specified:
            out[name] = frame[name].astype("string")
    return pd.DataFrame(out, index=pd.RangeIndex(len(frame)))


def validate_table(path: str | Path, spec: TableSpec, *, region=REGION_BOUNDS, pairs=None) -> tuple[TextTable, Checker]:
    """Read a table and run every single-file check of its spec.

    Returns the text table and the checker (not yet raised), so callers can
    add cross-table checks with the same line numbering before raising.
    """
    table = read_text_table(path, required=spec.column_names)
    checker = checker_for(table)
    check_columns(table, spec.columns, checker, region=region)
    if spec.key:
        check_unique(table, spec.key, checker)
    for low, high in (("count_low", "count_high"), ("projectiles_low", "projectiles_high")):
        check_low_high(table, low, high, checker)
    for start, end in (("date_start", "date_end"), ("published_start", "published_end")):
        check_date_order(table, start, end, checker)
    check_event_dates(table, checker)
    if pairs:
        check_sub_event_types(table, pairs, checker)
    check_coordinates_pair(table, checker)
    return table, checker
