"""Typed pass of the validation engine: a clean CSV file read on typed columns and checked by the loader's rules.

The text path (:mod:`analysis.io.text_table`) reads every field as text and
trims it, so that each problem can be named with its line, column and value.
Most files have no problem, and for them that work costs two to three times
a plain read. This module reads a CSV file with pyarrow instead (vocabulary
and date columns dictionary-encoded, so each distinct value is checked
once), checks the columns by the rules of :mod:`analysis.io.rules` (the same
functions the text path names problems with) and builds the pandas frame
once, with the conversions of :mod:`analysis.io.parse`.

It never reports a problem. Whenever anything is unusual (a header the
loader would refuse, a rule broken, a lone carriage return, a line that is
not what it seems) it returns None, and the caller runs the text path, which
finds every problem with its line. The tests compare both paths, so whether
it ran is visible only in the time a load takes.

The entry point is :func:`read_typed`; what an export must satisfy beyond
each column's own rules comes in a :class:`TypedSpec`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataError
from ..schema import Column
from .acled_dates import not_the_year
from .csv_scan import MAX_FIELD_BYTES, QuoteScreen, oversized, read_header
from .parse import as_int64, as_text, categorical, layout, string_buffers, trimmed
from .rules import NUMBER_KINDS, column_problems, has_value, pair_problems, repeated

#: Block size for pyarrow's CSV reader: blocks small enough to parse in the
#: processor's cache and to keep every core busy, few enough that the work
#: done per block (by pyarrow, and by the checks, which look at each block's
#: arrays) stays small. A record must fit in one block: a longer line makes
#: pyarrow fail and the file go to the text path. A field over the limit of
#: :data:`MAX_FIELD_BYTES` but within a block is declined by the checks.
_MIN_BLOCK, _MAX_BLOCK = MAX_FIELD_BYTES, 4 * MAX_FIELD_BYTES
#: Size of the blocks in which the file's bytes are screened.
_SCAN_BLOCK = 1 << 20
#: Files smaller than this are screened and checked in the calling thread: starting the threads
#: costs more than they save (measured: 13 ms instead of 17 for 500 records, 53 ms instead of 60
#: for 20,000 records or 9 MB; the threads win on a file of 44 MB).
_THREADED_BYTES = 16 << 20


@dataclass(frozen=True)
class TypedSpec:
    """What the typed pass checks and how it shapes the result.

    ``columns_of`` returns the checked columns of a file's header (the
    loader's own rule; any exception declines the file); the header's other
    columns are kept as text, unchecked. ``copies`` adds columns that copy
    one of the file's (output name -> the file's column, which stays too).
    The result has the columns of ``output`` that the file (with its copies)
    has, in that order, then every other column except ``date_column`` as
    text, like :func:`analysis.io.parse.convert_columns`. ``date_column`` is parsed
    with ``parse_dates``, one call on its distinct values and, for each, the
    ``year_column`` of a record holding it (None without a year column); it
    returns datetime64 values, NaT where a text is not a date it can prove.
    ``year_column`` must hold each record's date's year.
    ``unique`` must not repeat, and ``pairs`` (first column, second column,
    allowed second values per first value) constrains two vocabularies.
    """

    columns_of: Callable[[list[str]], Sequence[Column]]
    output: Sequence[Column]
    date_column: str
    parse_dates: Callable[[pd.Series, np.ndarray | None], np.ndarray]
    copies: Mapping[str, str] = field(default_factory=dict)
    year_column: str | None = None
    unique: str | None = None
    pairs: tuple[str, str, Mapping[str, Sequence[str]]] | None = None
    #: a value the text path treats specially (R's missing value): any file holding it is declined
    na_text: str | None = None


class _Inline:
    """An executor that runs each task at once, in the calling thread (for small files)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def submit(self, task, *args) -> Future:
        future = Future()
        try:
            future.set_result(task(*args))
        except BaseException as exc:  # kept for result(), as a thread pool keeps it
            future.set_exception(exc)
        return future

    def map(self, task, items):
        return [task(item) for item in items]

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def _pool(workers: int, size: int):
    """Return a pool of ``workers`` threads for work on ``size`` bytes, or an inline executor below
    :data:`_THREADED_BYTES`."""
    return ThreadPoolExecutor(max_workers=workers) if size >= _THREADED_BYTES else _Inline()


class _Decline(Exception):
    """The file is not plainly clean: leave it to the text path."""


def _or_none(read: Callable) -> Callable:
    """Return ``read``, returning None where it declines a file or meets anything unforeseen in it (pyarrow's
    errors too): the text path is the reference, and reads the file."""

    @functools.wraps(read)
    def reading(*args, **kwargs):
        try:
            return read(*args, **kwargs)
        except (_Decline, ArithmeticError, LookupError, NotImplementedError, TypeError, ValueError):
            return None

    return reading


@_or_none
def read_typed(path: Path, spec: TypedSpec, *, region=None) -> tuple[dict[str, pd.Series], pd.Series] | None:
    """Read and check a clean CSV file on typed columns.

    Parameters
    ----------
    path : Path
        An existing file. Only a ``.csv`` file is read; any other (Parquet,
        JSON, a workbook) is declined.
    spec : TypedSpec
        The column sets, checks and result layout.
    region : tuple of float or None
        (lat_min, lat_max, lon_min, lon_max) for ``latitude`` and
        ``longitude`` columns; None for any valid coordinate.

    Returns
    -------
    tuple of (dict, Series) or None
        The converted columns by name, in order (the columns of the text
        path's ``convert_columns`` frame), and the parsed dates; or None
        when the file is not plainly clean and the text path must read it.
    """
    if path.suffix.lower() != ".csv":  # Parquet, JSON, workbooks and anything else: the text path
        raise _Decline
    with open(path, "rb") as handle:
        head = handle.read(1 << 16)
    if head[:4] in (b"PAR1", b"PK\x03\x04") or head.lstrip(b"\xef\xbb\xbf \t\n")[:1] in (b"{", b"["):
        raise _Decline
    if b"\x00" in head:  # declined before the file is read
        raise _Decline
    _carriage_returns(head, len(head), False)  # a lone carriage return: declined before the file is read
    # The bytes are screened while pyarrow parses the file (it releases the GIL), on another core if one is free.
    with _pool(1, path.stat().st_size) as pool:
        screened = pool.submit(_screen_bytes, path)
        try:
            header, checked, table = _read_csv(path, spec)
        finally:
            lines = screened.result()
    if table.num_rows != lines - 1:
        _check_line_breaks(table, lines)
    columns = {name: table.column(name) for name in header}
    del table
    return _check_and_convert(header, checked, columns, spec, region)


@_or_none
def check_columns_read(header: list[str], columns: list, spec: TypedSpec, *, region=None
                       ) -> tuple[dict[str, pd.Series], pd.Series] | None:
    """Check and convert a table's columns already held as pyarrow text (a Parquet file's), as :func:`read_typed`.

    Returns None, as :func:`read_typed` does, when a rule breaks or a value
    holds a NUL character; the text path then names the problem.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    checked = _column_set(header, spec)
    read = {}
    for name, column in zip(header, columns):
        column = column.cast(pa.large_string())
        if pc.any(pc.match_substring(column, "\x00")).as_py():
            raise _Decline
        if pa.types.is_dictionary(_read_type(checked.get(name), spec)):
            column = pc.dictionary_encode(column)
        read[name] = column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([column])
    return _check_and_convert(header, checked, read, spec, region)


# --- reading --------------------------------------------------------------------------------

def _carriage_returns(buffer, size: int, pending: bool, line_feeds: np.ndarray | None = None,
                      scratch: np.ndarray | None = None) -> bool:
    """Decline unless every carriage return in ``buffer[:size]`` ends a line (CR LF).

    ``pending`` says that the previous buffer ended with a carriage return,
    so this one must begin with a line feed; returns whether this one ends
    with a carriage return. A lone carriage return (an old Mac line end, or
    one inside a value) sends the file to the text path. ``line_feeds``, the
    mask of the buffer's line feeds, and ``scratch``, a mask as long, may
    be given (the screen keeps them from block to block).
    """
    if pending and (size == 0 or buffer[0] != 0x0A):
        raise _Decline
    if buffer.find(b"\r", 0, size) < 0:
        return False
    view = np.frombuffer(buffer, dtype=np.uint8, count=size)
    if line_feeds is None:
        line_feeds, scratch = view == 0x0A, np.empty(size, dtype=bool)
    returns = np.equal(view, 0x0D, out=scratch[:size])
    ends_with_cr = bool(returns[-1])
    count = np.count_nonzero(returns) - ends_with_cr
    if count != np.count_nonzero(np.logical_and(returns[:-1], line_feeds[1:size], out=returns[:-1])):
        raise _Decline
    return ends_with_cr


def _screen_bytes(path: Path) -> int:
    """Decline a file with a NUL byte or a lone carriage return anywhere, or whose last line is unfinished.

    Also declines when the last line has an odd number of double quotes: a
    value opened there may never be closed (the text path names that).
    Returns the number of lines. The bytes are read into one buffer, small
    enough to stay in the processor's cache, and its line ends counted by
    numpy.
    """
    block = min(_SCAN_BLOCK, max(path.stat().st_size, 1))  # a small file: a buffer of its size (zeroed: it costs)
    buffer = bytearray(block)
    view = np.frombuffer(buffer, dtype=np.uint8)
    ends, scratch = np.empty(block, dtype=bool), np.empty(block, dtype=bool)
    lines, pending, quotes = 0, False, QuoteScreen()
    with open(path, "rb", buffering=0) as handle:
        while size := handle.readinto(buffer):
            if buffer.find(b"\x00", 0, size) >= 0:
                raise _Decline
            line_feeds = np.equal(view[:size], 0x0A, out=ends[:size])
            pending = _carriage_returns(buffer, size, pending, line_feeds, scratch)
            if quotes.may_have_stray_quote(view[:size]):  # the text path names it
                raise _Decline
            lines += int(np.count_nonzero(line_feeds))
        if pending:
            raise _Decline
        handle.seek(max(handle.tell() - (MAX_FIELD_BYTES + 2), 0))
        last = handle.read()
    if not last.endswith(b"\n"):
        raise _Decline
    final_line = last[:-1].rpartition(b"\n")[2]
    if final_line.count(b'"') % 2:
        raise _Decline
    return lines


def _column_set(header: list[str], spec: TypedSpec) -> dict[str, Column]:
    """Return the checked columns of ``header`` by name, or decline."""
    if len(set(header)) != len(header):
        raise _Decline
    try:
        return {c.name: c for c in spec.columns_of(header)}
    except DataError:
        raise _Decline from None


def _read_type(column: Column | None, spec: TypedSpec):
    """Return the arrow type a column is read as: its parsed or dictionary-encoded form, else text."""
    import pyarrow as pa

    if column is not None and (column.kind == "category" or column.name == spec.date_column):
        return pa.dictionary(pa.int32(), pa.string())
    return pa.large_string()  # numbers too: their text is checked by the text path's rule, then cast


def _csv_header(path: Path) -> list[str]:
    """Return the header's names as the text path reads them; decline a header it would refuse or rename."""
    try:
        names = read_header(path).names
    except DataError:
        raise _Decline from None
    if not all(names):  # the text path names an empty one 'Unnamed: N'
        raise _Decline
    return names


def _read_csv(path: Path, spec: TypedSpec):
    import pyarrow as pa
    from pyarrow import csv as pa_csv

    header = _csv_header(path)
    checked = _column_set(header, spec)
    types = {name: _read_type(checked.get(name), spec) for name in header}
    block = min(max(path.stat().st_size // (8 * (os.cpu_count() or 1)), _MIN_BLOCK), _MAX_BLOCK)

    def read(newlines_in_values: bool):
        return pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(column_names=header, skip_rows=1, block_size=block),
            parse_options=pa_csv.ParseOptions(newlines_in_values=newlines_in_values, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=types,
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )

    # Blocks are cut at line ends. A quoted line break at a cut leaves a record
    # open at the end of its block, which pyarrow refuses ("out of sync with
    # chunker", or a wrong field count); only then is the file read again with
    # quoted line breaks tracked, which is slower.
    try:
        table = read(False)
    except pa.ArrowInvalid:
        try:
            table = read(True)
        except (pa.ArrowException, OSError):
            raise _Decline from None
    except (pa.ArrowException, OSError):
        raise _Decline from None
    return header, checked, table


def _check_line_breaks(table, lines: int) -> None:
    """Decline unless every line end that is not a record's lies inside a text value, and the last record has none.

    A quote opened and never closed makes pyarrow read on to the end of the
    file (or lose records); the text path names its line.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    inside = 0
    for column in table.columns:
        if not pa.types.is_large_string(column.type):  # categories and dates: a line break is not allowed anyway
            continue
        last = column[-1].as_py() if table.num_rows else None
        if last is not None and "\n" in last:
            raise _Decline
        inside += pc.sum(pc.count_substring(column, "\n")).as_py() or 0
    if table.num_rows + 1 + inside != lines:
        raise _Decline


# --- checks on typed columns ----------------------------------------------------------------

def _check_and_convert(header: list[str], checked: dict[str, Column], columns: dict, spec: TypedSpec, region):
    """Check the typed columns (declining at the first broken rule) and convert them.

    The columns are checked and converted in a pool of threads: the work is
    in numpy and pyarrow, which release the GIL.
    """
    if len(columns[header[0]]) == 0:
        raise _Decline
    reads = {name: name for name in header if name != spec.date_column}  # each output column: the file's it reads
    reads.update({copy: source for copy, source in spec.copies.items() if source in reads})
    outputs = {col.name: col for col in layout(reads, spec.output)}  # the text path's layout

    def prepare(name: str) -> _Prepared:
        return _prepare(columns[name], checked.get(name), spec, region)

    pool = _pool(min(len(header), os.cpu_count() or 1), sum(column.nbytes for column in columns.values()))
    try:
        prepared = dict(zip(header, pool.map(prepare, header)))
        columns.clear()
        checks = [pool.submit(prepared[spec.unique].unique)] if spec.unique else []
        converted = {name: pool.submit(prepared[reads[name]].convert, col) for name, col in outputs.items()}
        dates = _dates_and_pairs(prepared, spec)
        if not all(check.result() for check in checks):
            raise _Decline
        return {name: future.result() for name, future in converted.items()}, dates
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _dates_and_pairs(prepared: dict[str, _Prepared], spec: TypedSpec) -> pd.Series:
    """Parse the dates (declining where one is not in its record's year) and check the pairs of columns."""
    years = prepared[spec.year_column].integers() if spec.year_column else None
    dates = prepared[spec.date_column].parse(spec.parse_dates, years)
    if years is not None and not_the_year(dates, years).any():
        raise _Decline
    if spec.pairs:
        first, second, allowed = spec.pairs
        _check_pairs(prepared[first], prepared[second], allowed)
    return dates


def _prepare(column, col: Column | None, spec: TypedSpec, region) -> _Prepared:
    """Check one column read by pyarrow by the rules of ``col`` (None: a column kept as text)."""
    import pyarrow as pa

    if pa.types.is_dictionary(column.type):
        return _Dictionary(column, col, spec.na_text)
    if oversized(column).any():  # the text path names the field
        raise _Decline
    return _Text(column, col, spec.na_text, region)


class _Prepared:
    """One column read by pyarrow, checked by its kind; ``convert`` gives the text path's dtype."""

    def convert(self, col: Column) -> pd.Series:
        raise NotImplementedError

    def integers(self) -> np.ndarray:
        raise _Decline

    def unique(self) -> bool:
        return False

    def parse(self, parse_dates, years: np.ndarray | None) -> pd.Series:
        raise _Decline


def _obey(col: Column, values, region=None) -> np.ndarray | None:
    """Decline unless ``values`` break none of the rules of ``col``; return the numbers of a number column."""
    problems, numbers = column_problems(col, values, region=region)
    if any(mask.any() for mask, _ in problems):
        raise _Decline
    return numbers


class _Text(_Prepared):
    """A column read as text: text and identifiers (trimmed where they may need it), whole and decimal numbers."""

    def __init__(self, column, col: Column | None, na_text: str | None = None, region=None):
        self.column = column
        kind = col.kind if col is not None else "text"
        if kind in ("id", "text"):
            if any(_may_need_trimming(chunk) for chunk in column.chunks):
                self.column = trimmed(column)
            if na_text is not None and has_value(self.column, na_text):
                raise _Decline
        elif kind != "int" and kind not in NUMBER_KINDS:  # dates, hashes: the text path reads them
            raise _Decline
        #: the values of a number column, read by the rule that checks them
        self.numbers = _obey(col, self.column, region) if col is not None else None

    def integers(self) -> np.ndarray:
        if self.column.null_count:
            raise _Decline
        return as_int64(self.column).to_numpy(dtype=np.int64)

    def unique(self) -> bool:
        return not len(repeated(self.column)[0])

    def convert(self, col: Column) -> pd.Series:
        if col.kind in ("id", "text"):
            return as_text(self.column)
        if col.kind == "int":
            return as_int64(self.column)
        if col.kind in NUMBER_KINDS and self.numbers is not None:
            return pd.Series(self.numbers, dtype="float64")
        raise _Decline


class _Dictionary(_Prepared):
    """Vocabularies and dates: the distinct values are trimmed and checked once each."""

    def __init__(self, column, col: Column | None, na_text: str | None = None):
        import pyarrow as pa
        import pyarrow.compute as pc

        if col is None or column.num_chunks == 0:
            raise _Decline
        self.column = column.unify_dictionaries() if column.num_chunks > 1 else column
        dictionary = self.column.chunk(0).dictionary
        #: the distinct values, trimmed as the text path trims every value
        self.words = trimmed(dictionary).to_pylist()
        self.trimmed = self.words != dictionary.to_pylist()
        if (na_text is not None and na_text in self.words) or oversized(dictionary).any():
            raise _Decline
        #: each record's index into ``words``; -1 where the value is empty
        indices = pa.chunked_array([chunk.indices for chunk in self.column.chunks])
        self.indices = (pc.fill_null(indices, -1) if indices.null_count else indices).to_numpy()
        # The dictionaries hold only values the records have, so every word is used.
        self.missing = column.null_count > 0 or "" in self.words  # "" was a value of spaces only
        _obey(col, pa.array(self.words + ([""] if column.null_count else []), type=pa.string()))

    def parse(self, parse_dates, years: np.ndarray | None) -> pd.Series:
        """Parse the distinct dates, each with the year of a record holding it (``years``: each record's)."""
        if self.missing:
            raise _Decline
        word_years = None
        if years is not None:
            word_years = np.zeros(len(self.words), dtype=np.int64)
            word_years[self.indices] = years  # any record's: the caller checks every record's year
        parsed = np.asarray(parse_dates(pd.Series(self.words, dtype="str"), word_years), dtype="datetime64[ns]")
        if np.isnat(parsed).any():
            raise _Decline
        return pd.Series(parsed[self.indices])

    def convert(self, col: Column) -> pd.Series:
        import pyarrow as pa

        if col.kind == "category":
            return categorical(col, self.indices, self.words)
        if col.kind in ("id", "text"):
            if self.trimmed:
                words = pa.array([w or None for w in self.words], type=pa.large_string())
                decoded = words.take(pa.chunked_array([chunk.indices for chunk in self.column.chunks]))
            else:  # the values as they are: decode the dictionaries
                decoded = self.column.cast(pa.large_string())
            return as_text(decoded)
        raise _Decline


def _check_pairs(first: _Prepared, second: _Prepared, allowed: Mapping[str, Sequence[str]]) -> None:
    """Decline if a record's second value belongs to another first value than its own."""
    if not (isinstance(first, _Dictionary) and isinstance(second, _Dictionary)):
        raise _Decline
    if any(mask.any() for mask, _ in pair_problems((first.indices, first.words), (second.indices, second.words), allowed)):
        raise _Decline


# --- byte-level helpers on arrow string arrays ------------------------------------------------

def _may_need_trimming(chunk) -> bool:
    """Return whether a value of a text array may begin or end with whitespace.

    Looks only at the first and last byte of each value: space, control
    characters and any non-ASCII byte (which may be part of a Unicode space)
    are suspect; a suspect column is trimmed like the text path does.
    """
    offsets, data = string_buffers(chunk)
    if offsets[-1] == offsets[0]:
        return False
    # Value i starts at offsets[i] and ends before offsets[i + 1]. For an empty value these bytes
    # belong to its neighbours (or lie just outside the chunk's values), which can make a column
    # suspect, never hide one.
    for edges in (np.take(data, offsets, mode="clip"), np.take(data, offsets - 1, mode="clip")):
        if edges.min() < 0x21 or edges.max() >= 0x80:  # below '!', or not ASCII
            return True
    return False
