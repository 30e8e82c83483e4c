"""Validation engine shared by the loaders of the coded tables and of ACLED exports.

A table is read as text first (every field a string), checked column by
column with vectorized pandas operations, and only then converted to its
dtypes. Problems are collected in a :class:`Checker` as (record index,
column, value, rule); the physical line of a record is worked out only when
there is something to report, by re-scanning the file with the :mod:`csv`
module (so quoted line breaks are counted right). A clean file pays nothing
for line numbers.

The public entry points for other modules are :func:`read_text_table`,
:class:`Checker`, :func:`check_columns` and :func:`convert_columns`.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataError
from .schema import REGION_BOUNDS, WEEK_PRECISION_MAX_DAYS, Column, TableSpec

MAX_LISTED_PROBLEMS = 10
_DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
_INT_RE = r"^[0-9]+$"  # ASCII digits only: Python's \d also matches other scripts' digits
_SHA_RE = r"^[0-9a-f]{64}$"


def _show(value: object, limit: int = 80) -> str:
    """Return ``value`` as it appears in a message: quoted and shortened."""
    text = "" if value is None else str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)


def describe_allowed(allowed: Sequence, limit: int = 12) -> str:
    """Return the allowed values of a vocabulary as a short sentence part."""
    shown = ", ".join(repr(str(a)) for a in list(allowed)[:limit])
    more = len(allowed) - limit
    return f"one of {shown}" + (f" (and {more} more)" if more > 0 else "")


@dataclass
class TextTable:
    """A CSV file read as text: the frame of strings plus what is needed for messages.

    ``text`` (the decoded file, used only to find line numbers for messages)
    is read from ``path`` on first use, so a clean file is never held in
    memory as a Python string; pass ``text`` to give it directly.
    """

    path: Path
    frame: pd.DataFrame
    header: list[str]
    text_given: str | None = None

    @property
    def name(self) -> str:
        return str(self.path)

    @functools.cached_property
    def text(self) -> str:
        if self.text_given is not None:
            return self.text_given
        return _decode(self.path, self.path.read_bytes())


@dataclass
class Checker:
    """Collect problems of one file and raise them together as one DataError.

    Records are numbered from 0 (the first row after the header); ``record``
    None means a problem of the file or its header (reported as line 1).
    """

    table: TextTable
    problems: list[tuple[int | None, str | None, object, str]] = field(default_factory=list)

    def add(self, record: int | None, column: str | None, value: object, rule: str) -> None:
        self.problems.append((record, column, value, rule))

    def add_mask(self, mask: pd.Series | np.ndarray, column: str, values: pd.Series, rule: str) -> None:
        """Record a problem for every row where ``mask`` is true."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        index = np.flatnonzero(mask)
        # Keep the work bounded on huge files: the message lists a few, counts all.
        for i in index[: 10 * MAX_LISTED_PROBLEMS]:
            self.problems.append((int(i), column, values.iloc[i], rule))
        hidden = len(index) - 10 * MAX_LISTED_PROBLEMS
        if hidden > 0:
            self.problems.append((None, column, f"{hidden} more rows", rule))

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        """Raise a DataError listing the problems found, if any."""
        if not self.problems:
            return
        lines = record_lines(self.table.text)
        resolved = []
        for record, column, value, rule in self.problems:
            line = 1 if record is None else (lines[record] if record < len(lines) else None)
            resolved.append((line, column, value, rule))
        raise build_error(self.table.name, resolved)


def build_error(path: str, problems: list[tuple[int | None, str | None, object, str]]) -> DataError:
    """Build one DataError from (line, column, value, rule) tuples."""

    def one(line, column, value, rule):
        where = f"line {line}" if line is not None else "line ?"
        if column is not None:
            where += f", column {column!r}"
        return f"{where}: {_show(value)} {rule}" if value is not None else f"{where}: {rule}"

    first = problems[0]
    if len(problems) == 1:
        message = f"{path}, {one(*first)}"
    else:
        listed = [f"  {one(*p)}" for p in problems[:MAX_LISTED_PROBLEMS]]
        more = len(problems) - MAX_LISTED_PROBLEMS
        if more > 0:
            listed.append(f"  ... and {more} more problems")
        message = f"{path}: {len(problems)} problems\n" + "\n".join(listed)
    line, column, value, rule = first
    return DataError(message, path=path, line=line, column=column, value=value, rule=rule, problems=problems)


def file_error(path: Path | str, rule: str, *, line: int | None = None, column: str | None = None, value: object = None) -> DataError:
    """Return a DataError about a whole file (or one spot in it)."""
    return build_error(str(path), [(line, column, value, rule)])


def record_lines(text: str) -> list[int]:
    """Return the physical line (1-based) on which each record starts.

    The header is line 1. Blank lines are skipped, as pandas skips them, so
    record ``i`` here is row ``i`` of the frame.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    starts: list[int] = []
    previous = 0
    first = True
    for row in reader:
        start = previous + 1
        previous = reader.line_num
        if not row:
            continue
        if first:
            first = False
            continue
        starts.append(start)
    return starts


def _decode(path: Path, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise file_error(path, "the file is UTF-16 (or has NUL bytes); save it as UTF-8", line=1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_no = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line_end = raw.find(b"\n", exc.start)
        bad_line = raw[line_start : line_end if line_end != -1 else len(raw)].decode("latin-1")
        header = next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", "replace").strip("\r")]), [])
        prefix = raw[line_start : exc.start].decode("latin-1")
        field_index = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
        column = header[field_index] if 0 <= field_index < len(header) else None
        raise file_error(
            path,
            f"contains the byte 0x{raw[exc.start]:02X}, which is not UTF-8 "
            "(the file looks Latin-1 or Windows-1252 encoded); save it as UTF-8",
            line=line_no,
            column=column,
            value=bad_line.strip(),
        ) from None


def read_text_table(path: str | Path, *, required: Iterable[str] = ()) -> TextTable:
    """Read a CSV file with every field as text, refusing malformed files.

    Parameters
    ----------
    path : str or Path
        The CSV file (UTF-8, comma-separated, header row). A UTF-8 byte-order
        mark and CRLF line ends are accepted; whitespace around values and
        column names is removed.
    required : iterable of str, default ()
        Columns that must be present.

    Returns
    -------
    TextTable
        The frame (one string column per header field, one row per record),
        the decoded text and the header.

    Raises
    ------
    DataError
        If the file is missing or empty, not UTF-8, has no records, lacks a
        required column, repeats a column name, seems to use another
        delimiter, or has a record with too few or too many fields.
    """
    path = Path(path)
    if not path.is_file():
        raise file_error(path, "file not found")
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    if not head.strip() and not path.read_bytes().strip():
        raise file_error(path, "the file is empty; expected a header line and at least one record", line=1)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4096]:
        raise file_error(path, "the file is UTF-16 (or has NUL bytes); save it as UTF-8", line=1)
    first_line = head.split(b"\n", 1)[0]
    if len(first_line) == len(head) and len(head) == 1 << 16:  # a header longer than the head read
        first_line = path.read_bytes().split(b"\n", 1)[0]
    try:
        header_line = first_line.removeprefix(b"\xef\xbb\xbf").decode("utf-8").rstrip("\r")
    except UnicodeDecodeError:
        _decode(path, path.read_bytes())  # raises, naming the line and the byte
        raise
    header = [h.strip() for h in next(csv.reader([header_line]))]
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
            checker.add(None, None, header_line, f"is one column: the file seems to be separated by {delimiter!r}; expected commas")
        else:
            checker.add(None, ", ".join(missing), None, f"required column(s) missing; the header has {header}")
    checker.raise_if_any()

    frame = _parse(path, header)
    if frame is None:
        table.text  # a file that is not UTF-8 raises here, naming the line and the byte
        _raise_ragged(table, len(header))
    if len(frame) == 0:
        raise file_error(path, "has a header but no records; expected at least one row of data", line=1)
    table.frame = frame
    return table


def _count_lines(path: Path) -> int:
    """Return the number of lines of a file (a last line without a line end counts)."""
    count, last = 0, b"\n"
    with open(path, "rb") as handle:
        while block := handle.read(1 << 24):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")


def _parse(path: Path, header: list[str]) -> pd.DataFrame | None:
    """Parse the records as strings with pyarrow; None if a record is ragged or malformed.

    pyarrow refuses rows with too few or too many fields (pandas' C parser
    would pad a short row with empty values, silently), allows quoted line
    breaks, skips blank lines, and trims whitespace around values. A file
    whose records each fill exactly one line is first parsed in parallel
    blocks (line breaks inside quoted values would make the record count
    differ from the line count); any other file is parsed with quoted line
    breaks allowed.
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pa_csv

    def read(newlines_in_values: bool):
        return pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1),
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
        if arrow.num_rows != _count_lines(path) - 1:
            arrow = None
    except pa.ArrowInvalid:
        pass
    if arrow is None:
        try:
            arrow = read(True)
        except pa.ArrowInvalid:
            return None
    columns = arrow.columns
    del arrow
    frame = {}
    for name in header:  # trim one column at a time, freeing the untrimmed one, to keep memory flat
        frame[name] = pc.utf8_trim_whitespace(columns.pop(0)).to_pandas()
    return pd.DataFrame(frame)


def _raise_ragged(table: TextTable, width: int) -> None:
    """Find the records whose field count differs from the header's and raise."""
    reader = csv.reader(io.StringIO(table.text, newline=""))
    problems = []
    previous = 0
    for row_no, row in enumerate(reader):
        start = previous + 1
        previous = reader.line_num
        if not row or row_no == 0:
            continue
        if len(row) != width:
            problems.append(
                (start, None, ",".join(row), f"has {len(row)} fields; the header has {width} (a truncated or badly quoted line?)")
            )
    if not problems:  # the parser failed for another reason (e.g. an open quote)
        problems.append((None, None, None, "could not be parsed as CSV (an unclosed quote?)"))
    raise build_error(table.name, problems)


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
    """Return text as float64: NaN where a value is empty or not a number."""
    import pyarrow as pa

    numbers = _arrow_cast(values, pa.float64())
    if numbers is None:
        numbers = pd.to_numeric(values.where(values != ""), errors="coerce")
    return numbers.astype("float64")


def parse_dates(values: pd.Series) -> pd.Series:
    """Return text dates written YYYY-MM-DD as datetime64[ns]: NaT where empty or not a real day."""
    import pyarrow as pa

    shaped = values.str.fullmatch(_DATE_RE).astype(bool)
    dates = _arrow_cast(values.where(shaped, ""), pa.date32())
    if dates is None:
        dates = pd.to_datetime(values.where(shaped), format="%Y-%m-%d", errors="coerce")
    return dates.astype("datetime64[ns]")


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

def check_columns(table: TextTable, columns: Sequence[Column], checker: Checker, *, region=REGION_BOUNDS) -> None:
    """Check every column of ``columns`` present in the table by its kind.

    Empty required values, malformed dates, counts, coordinates, hashes and
    values outside a vocabulary are recorded in ``checker``.
    """
    frame = table.frame
    for col in columns:
        if col.name not in frame.columns:
            continue
        values = frame[col.name]
        empty = values == ""
        if col.required:
            checker.add_mask(empty, col.name, values, "is empty; a value is required")
        filled = ~empty
        if col.kind == "date":
            bad = filled & ~_valid_dates(values)
            checker.add_mask(bad, col.name, values, "is not a real day written YYYY-MM-DD")
        elif col.kind == "int":
            bad = filled & ~values.str.fullmatch(_INT_RE)
            checker.add_mask(bad, col.name, values, "is not a whole number >= 0")
        elif col.kind in ("latitude", "longitude", "float"):
            numbers = parse_numbers(values)
            checker.add_mask(filled & numbers.isna(), col.name, values, "is not a number")
            if col.kind == "latitude":
                lo, hi = (region[0], region[1]) if region else (-90.0, 90.0)
            elif col.kind == "longitude":
                lo, hi = (region[2], region[3]) if region else (-180.0, 180.0)
            else:
                continue
            outside = filled & numbers.notna() & ((numbers < lo) | (numbers > hi))
            what = "the region" if region else "the valid range"
            checker.add_mask(outside, col.name, values, f"is outside {what}: {col.kind} must be from {lo} to {hi}")
        elif col.kind == "category":
            allowed = [str(a) for a in col.allowed]
            bad = filled & ~values.isin(allowed)
            checker.add_mask(bad, col.name, values, f"is not allowed; expected {describe_allowed(allowed)}")
        elif col.kind == "sha256":
            bad = filled & ~values.str.fullmatch(_SHA_RE)
            checker.add_mask(bad, col.name, values, "is not a SHA-256 hex digest (64 lowercase hex digits)")


def _valid_dates(values: pd.Series) -> pd.Series:
    return parse_dates(values).notna()


def check_unique(table: TextTable, column: str, checker: Checker) -> None:
    """Record every repeated value of an identifier column (both places named)."""
    values = table.frame[column]
    duplicated = values.duplicated(keep=False) & (values != "")
    if not duplicated.any():
        return
    lines = record_lines(table.text)
    first_seen: dict[str, int] = {}
    for i in np.flatnonzero(duplicated.to_numpy()):
        value = values.iloc[i]
        if value in first_seen:
            checker.add(int(i), column, value, f"is a duplicate id (also on line {lines[first_seen[value]]}); ids must be unique")
        else:
            first_seen[value] = int(i)


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
    for i in np.flatnonzero(bad)[: 10 * MAX_LISTED_PROBLEMS]:
        event_type = frame["event_type"].iloc[i]
        checker.add(int(i), "sub_event_type", frame["sub_event_type"].iloc[i],
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
    checker = Checker(table)
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
