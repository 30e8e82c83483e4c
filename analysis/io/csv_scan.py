"""Byte-level checks of a CSV file, and Python's csv module as the referee of its records.

The validation engine parses CSV files with pyarrow, which is fast but
accepts some damage silently (a NUL byte in a value, a quoted value left
open at the end of the file) and reports other damage without a line. This
module holds what surrounds that parse:

* the header line, read on its own with bounded memory and checked before
  anything else (length, encoding, quotes, number of columns);
* one pass over the bytes that the parse needs anyway (line count), which
  also finds NUL bytes;
* the diagnosis of a file that pyarrow refuses, with Python's :mod:`csv`
  module over a stream of the file (ragged and truncated records, over-long
  fields and lines, unclosed quotes), so a damaged file of any size is
  named by line without being held in memory;
* the line on which each record starts, for messages.

Size limits (:data:`MAX_COLUMNS`, :data:`MAX_FIELD_BYTES`,
:data:`MAX_RECORD_BYTES`) keep an absurd file from exhausting memory: it
is refused with a :class:`~analysis.errors.DataError` instead.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .problems import file_error

#: Most columns a table may have (ACLED's exports have 31 to 35).
MAX_COLUMNS = 1000
#: Most bytes one field (one value) may hold: 1 MiB.
MAX_FIELD_BYTES = 1 << 20
#: What a field over MAX_FIELD_BYTES breaks.
FIELD_RULE = f"is longer than {MAX_FIELD_BYTES:,} bytes, the most a field may hold"
#: Most bytes one record (one row, over one or more lines) may hold: 16 MiB.
MAX_RECORD_BYTES = 16 << 20
_BLOCK = 1 << 24
_LINE_END = re.compile(rb"\r\n|\r|\n")


def _blocks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as handle:
        while block := handle.read(_BLOCK):
            yield block


@contextlib.contextmanager
def field_limit(limit: int):
    """Set the csv module's field size limit for the duration (it is process-wide)."""
    old = csv.field_size_limit()
    csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def oversized(values) -> np.ndarray:
    """Return, per text value (a pandas Series or a pyarrow array), whether it holds more than MAX_FIELD_BYTES bytes."""
    from .parse import arrow_text, string_buffers

    parts = [np.diff(string_buffers(chunk)[0]) > MAX_FIELD_BYTES for chunk in arrow_text(values).chunks]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


# --- the header ---------------------------------------------------------------------------

@dataclass
class Header:
    """The first line of a CSV file: its column names and its text."""

    names: list[str]
    text: str


def _first_line(path: Path, head: bytes) -> bytes:
    """Return the first line of a file's first bytes (without a byte-order mark), refusing an empty file,
    UTF-16 and a line too long to be a header."""
    if not head.strip():
        raise file_error(path, "the file is empty; expected a header line and at least one record", line=1)
    start = head[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or start.count(b"\x00") > len(start) // 4:
        raise file_error(path, "the file is UTF-16 (or has NUL bytes); save it as UTF-8", line=1)
    head = head.removeprefix(b"\xef\xbb\xbf")
    end = _LINE_END.search(head)
    if end is None and len(head) > MAX_FIELD_BYTES:
        raise file_error(
            path, f"the first line is longer than {MAX_FIELD_BYTES:,} bytes, so it is not a header of column names",
            line=1,
        )
    return head[: end.start()] if end else head


def read_header(path: Path) -> Header:
    """Read and check the header line: at most :data:`MAX_FIELD_BYTES` long, UTF-8, quotes closed."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(MAX_FIELD_BYTES + 1)
    except OSError as exc:
        raise file_error(path, f"could not be read ({exc.strerror or exc})") from None
    raw = _first_line(path, head)
    if not raw.strip():
        raise file_error(path, "the first line is empty; the header (the column names) must be the first line", line=1)
    if b"\x00" in raw:
        raise file_error(path, "the header has a NUL byte; a text file has none (is it binary or UTF-16?)", line=1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        check_utf8(path, [])
        raise
    if text.count('"') % 2:
        raise file_error(
            path,
            "the header has a double quote that is not closed on its line; the column names must be one line, "
            "with quotes in pairs",
            line=1, value=text,
        )
    try:
        names = next(csv.reader([text], strict=True))
    except csv.Error as exc:
        raise file_error(path, f"the header could not be read as CSV ({exc})", line=1, value=text) from None
    if len(names) > MAX_COLUMNS:
        raise file_error(
            path, f"the header has {len(names):,} columns; a table may have at most {MAX_COLUMNS:,}", line=1,
            value=text,
        )
    return Header([name.strip() for name in names], text)


# --- one pass over the bytes --------------------------------------------------------------

@dataclass
class Scan:
    """What one pass over a file's bytes found."""

    lines: int  # physical lines ending in LF, plus a last line without one
    last_line: bytes  # the bytes after the last line end (empty when the file ends with one)
    nul_offset: int | None  # where the first NUL byte is, if any


def scan(path: Path) -> Scan:
    """Count the lines of a file, find its first NUL byte and keep its unfinished last line."""
    count, nul, offset, tail = 0, None, 0, b""
    for block in _blocks(path):
        if nul is None:
            at = block.find(b"\x00")
            if at >= 0:
                nul = offset + at
        count += block.count(b"\n")
        ends = max(block.rfind(b"\n"), block.rfind(b"\r"))
        tail = block[ends + 1 :] if ends >= 0 else (tail + block)[-MAX_RECORD_BYTES:]
        offset += len(block)
    return Scan(lines=count + (tail != b""), last_line=tail, nul_offset=nul)


def where(path: Path, offset: int, header: list[str]) -> tuple[int, str | None, str]:
    """Return the line, the column and the value (the field, as Latin-1 reads its bytes; the line's text where
    no column can be told) at byte ``offset``."""
    line, start, seen, previous_cr = 1, 0, 0, False
    for block in _blocks(path):
        part = block[: max(offset - seen, 0)]
        if previous_cr and part.startswith(b"\n"):
            line -= 1
        line += part.count(b"\n") + part.count(b"\r") - part.count(b"\r\n")
        last = max(part.rfind(b"\n"), part.rfind(b"\r"))
        if last >= 0:
            start = seen + last + 1
        previous_cr = part.endswith(b"\r")
        seen += len(block)
        if seen >= offset:
            break
    with open(path, "rb") as handle:
        handle.seek(start)
        text = handle.read(min(offset - start, MAX_FIELD_BYTES) + 200)
    prefix = text[: offset - start].decode("utf-8", "replace")
    try:
        with field_limit(MAX_RECORD_BYTES):
            fields = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
    except csv.Error:
        fields = -1
    column = header[fields] if 0 <= fields < len(header) else None
    end = _LINE_END.search(text)
    shown = (text[: end.start()] if end else text).decode("latin-1")
    if column is not None:
        try:
            with field_limit(MAX_RECORD_BYTES):
                return line, column, next(csv.reader([shown]))[fields].strip()
        except (csv.Error, IndexError, StopIteration):
            pass
    return line, column, shown.strip()


def refuse_nul(path: Path, offset: int, header: list[str]):
    """Raise a DataError naming the line and column of a NUL byte."""
    line, column, text = where(path, offset, header)
    raise file_error(
        path, "contains a NUL byte (0x00); a text file has none (is it damaged, binary or UTF-16?)",
        line=line, column=column, value=text.replace("\x00", "\\x00"),
    )


def check_utf8(path: Path, header: list[str]) -> None:
    """Raise a DataError naming the line, column and byte of the first byte that is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    seen = 0
    for number, block in enumerate(_blocks(path)):
        if number == 0 and block.startswith(b"\xef\xbb\xbf"):
            block, seen = block[3:], 3
        pending = len(decoder.getstate()[0])
        try:
            decoder.decode(block)
        except UnicodeDecodeError as exc:
            _refuse_byte(path, seen - pending + exc.start, header)
        seen += len(block)
    pending = len(decoder.getstate()[0])
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        _refuse_byte(path, seen - pending, header)


def _refuse_byte(path: Path, offset: int, header: list[str]):
    with open(path, "rb") as handle:
        handle.seek(max(offset, 0))
        byte = handle.read(1)
    line, column, text = where(path, offset, header)
    raise file_error(
        path,
        f"contains the byte 0x{byte[0] if byte else 0:02X}, which is not UTF-8 "
        "(the file looks Latin-1 or Windows-1252 encoded); save it as UTF-8 (in Excel: Save As, the file type "
        "'CSV UTF-8 (Comma delimited)')",
        line=line, column=column, value=text,
    )


# --- quotes that close a value in the middle of it ---------------------------------------

#: Per byte value: whether it ends a value (a comma or a line end).
_ENDS_VALUE = np.zeros(256, dtype=bool)
_ENDS_VALUE[[0x2C, 0x0D, 0x0A]] = True
#: What a double quote that closes a quoted value in the middle of it breaks (the csv module's strict mode).
STRAY_QUOTE_RULE = ("has a double quote inside a quoted value that is not doubled (\"\"): the value seems to end "
                    "there, and the text after it would be glued on; write a quote inside a value as \"\"")


_BOM = b"\xef\xbb\xbf"


class _Masks:
    """Scratch masks for :func:`_only_short_runs`, kept from block to block: a fresh mask for each step of each
    block cost more than the step (the allocator maps new pages each time)."""

    def __init__(self) -> None:
        self.size = 0

    def take(self, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if size > self.size:
            self.size = size
            self._arrays = tuple(np.empty(size, dtype=bool) for _ in range(3))
        return tuple(array[:size] for array in self._arrays)


def _only_short_runs(view: np.ndarray, masks: _Masks) -> np.ndarray | None:
    """Return the block's quotes as a mask if its runs of quotes inside it are all of one or two quotes and none
    is stray; None otherwise (the runs are then judged one by one).

    The common case, judged on whole masks: a fully quoted export holds
    about 90,000 quotes per MiB, each opening or closing a value (a quote
    with a comma or a line end beside it) or doubled inside one, and judging
    them run by run took most of the screen's time. A lone quote with
    neither a delimiter nor a quote beside it is stray; a run of two is
    even, never stray; a run of three or more is judged run by run.
    """
    if len(view) < 3:
        return None
    quote, beside, scratch = masks.take(len(view))
    np.equal(view, 0x22, out=quote)
    np.copyto(beside, quote)
    for delimiter in (0x2C, 0x0A, 0x0D):
        np.logical_or(beside, np.equal(view, delimiter, out=scratch), out=beside)
    inner = scratch[:-2]
    np.logical_or(beside[:-2], beside[2:], out=inner)
    if not np.logical_and(np.logical_not(inner, out=inner), quote[1:-1], out=inner).any():
        np.logical_and(quote[:-2], quote[1:-1], out=inner)
        if not np.logical_and(inner, quote[2:], out=inner).any():
            return quote
    return None


def _runs_at_the_edges(quote: np.ndarray) -> np.ndarray:
    """Return the positions of the quotes of the runs that begin or end the block (none if neither does).

    Their parity is judged with the previous or next block; every run
    inside the block was judged by :func:`_only_short_runs`.
    """
    if not (quote[0] or quote[-1]):
        return np.empty(0, dtype=np.intp)
    lead = int(np.argmin(quote)) if quote[0] else 0
    if quote[0] and lead == 0:  # quotes only
        return np.arange(len(quote))
    trail = int(np.argmin(quote[::-1])) if quote[-1] else 0
    return np.concatenate([np.arange(lead), np.arange(len(quote) - trail, len(quote))])


class QuoteScreen:
    """Screen a CSV file's bytes, block after block from its start, for a quote that may close a quoted value in
    its middle.

    Such a quote is an odd run of quotes with no delimiter on either side
    (a comma, a line end, or the file's start or end). A run that meets the
    edge of a block is judged with the next block: the screen carries the
    quotes that end a block and the byte before them, so a stray quote is
    found wherever the blocks are cut. A literal quote in an unquoted value
    (``12" gun``, which the csv module accepts) looks the same: the caller
    confirms with :func:`stray_quote`.
    """

    def __init__(self) -> None:
        self._run = 0  # quotes that end the bytes seen so far
        self._before = 0x0A  # the byte before them (the file's start counts as a line end)
        self._head = 0  # how many of the file's first bytes were checked for a byte-order mark (3: all)
        self._masks = _Masks()

    def may_have_stray_quote(self, block) -> bool:
        """Screen the next block (bytes, or a numpy view of them); return whether the bytes so far may hold a
        stray quote that this block completes."""
        view = np.frombuffer(block, dtype=np.uint8) if not isinstance(block, np.ndarray) else block
        if self._head < len(_BOM):
            view = self._skip_byte_order_mark(view)
        if len(view) == 0:
            return False
        quote = _only_short_runs(view, self._masks)
        quotes = np.flatnonzero(view == 0x22) if quote is None else _runs_at_the_edges(quote)
        if len(quotes) == 0:
            found = self._seam(0, view[0])
            self._run, self._before = 0, view[-1]
            return found
        new_run = np.empty(len(quotes), dtype=bool)  # runs of quotes: where each begins and ends
        new_run[0] = True
        np.not_equal(np.diff(quotes), 1, out=new_run[1:])
        ends_run = np.empty(len(quotes), dtype=bool)
        ends_run[-1] = True
        ends_run[:-1] = new_run[1:]
        first, last = quotes[new_run], quotes[ends_run]
        leading = int(last[0]) + 1 if first[0] == 0 else 0
        if leading == len(view):  # quotes only: the run goes on
            self._run += leading
            return False
        found = self._seam(leading, view[leading])
        odd = ((last - first) & 1 == 0) & (first > 0) & (last < len(view) - 1)  # runs inside the block
        inside_first, inside_last = first[odd], last[odd]
        found |= bool((~_ENDS_VALUE[view[inside_first - 1]] & ~_ENDS_VALUE[view[inside_last + 1]]).any())
        if last[-1] == len(view) - 1:  # a run at the end: judged with the next block (or the file's end, a delimiter)
            self._run, self._before = len(view) - int(first[-1]), view[first[-1] - 1]
        else:
            self._run, self._before = 0, view[-1]
        return found

    def _skip_byte_order_mark(self, view):
        """Return the block without the part of a byte-order mark it holds (which precedes the file's text)."""
        matched = self._head
        while matched < len(_BOM) and matched - self._head < len(view) and view[matched - self._head] == _BOM[matched]:
            matched += 1
        skipped = matched - self._head
        if matched < len(_BOM) and skipped < len(view):  # no byte-order mark: its first bytes were text
            self._before = _BOM[matched - 1] if matched else self._before
            matched = len(_BOM)
        self._head = matched
        return view[skipped:]

    def _seam(self, leading: int, after) -> bool:
        """Judge the run carried from the previous blocks, continued by ``leading`` quotes and followed by ``after``."""
        run = self._run + leading
        return bool(run % 2 == 1 and not _ENDS_VALUE[self._before] and not _ENDS_VALUE[after])


def stray_quote(path: Path, header: list[str]) -> None:
    """Raise a DataError naming the line and column of a quote that closes a quoted value in its middle (as the
    csv module's strict mode refuses it), if the file has one."""
    screen = QuoteScreen()
    if not any(screen.may_have_stray_quote(block) for block in _blocks(path)):
        return
    with field_limit(MAX_RECORD_BYTES), open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        line = 0
        try:
            for _ in reader:
                line = reader.line_num
        except csv.Error as exc:
            if "expected after" in str(exc):  # other damage (a quote open to the end) is named elsewhere
                _refuse_stray_quote(path, line + 1, reader.line_num, header)


def _refuse_stray_quote(path: Path, start: int, end: int, header: list[str]):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = "".join(line for number, line in enumerate(handle, start=1) if start <= number <= end)
    column, shown = None, text.strip()[:200]
    for index, value in enumerate(next(csv.reader([text]), [])):
        if '"' in value and index < len(header):
            column, shown = header[index], value
            break
    raise file_error(path, STRAY_QUOTE_RULE, line=end, column=column, value=shown)


# --- diagnosis of files the fast parser refuses ---------------------------------------------

def overlong_line(path: Path, limit: int = MAX_RECORD_BYTES) -> int | None:
    """Return the number of the first line longer than ``limit`` bytes, or None."""
    line, run = 1, 0
    for block in _blocks(path):
        first = _LINE_END.search(block)
        if first is None:
            run += len(block)
            if run > limit:
                return line
            continue
        if run + first.start() > limit:
            return line
        # lines that start and end inside this block are shorter than the block (<= limit)
        line += len(_LINE_END.findall(block))
        run = len(block) - max(block.rfind(b"\n"), block.rfind(b"\r")) - 1
    return None


def unclosed_quote_line(path: Path) -> int | None:
    """Return the line where a double quote opens that is never closed (odd quotes to the end), or None."""
    line, odd, opened, previous_cr = 1, False, None, False
    for block in _blocks(path):
        position = 0
        for end in _LINE_END.finditer(block):
            if previous_cr and end.start() == 0 and end.group() == b"\n":
                previous_cr = False
                position = end.end()
                continue
            if block[position : end.start()].count(b'"') % 2:
                opened = line if not odd else opened
                odd = not odd
            line += 1
            position = end.end()
            previous_cr = end.group() == b"\r" and end.end() == len(block)
        if block[position:].count(b'"') % 2:
            opened = line if not odd else opened
            odd = not odd
    return opened if odd else None


@dataclass
class Records:
    """The records of a CSV file as Python's csv module reads them."""

    rows: list[list[str]]  # records with the header's number of fields (kept only when asked)
    lines: list[int]  # the line each kept record starts on
    ragged: list[tuple[int, list[str], int, bool]]  # (line, fields, last line, is the last record) of the others
    count: int  # all records


def read_records(path: Path, width: int, *, keep: bool) -> Records:
    """Read every record with the csv module, streaming; keep the well-formed ones if ``keep``.

    Raises DataError for a line over :data:`MAX_RECORD_BYTES` or a field over
    :data:`MAX_FIELD_BYTES` (read no further: past such a field the records
    cannot be trusted).
    """
    too_long = overlong_line(path)
    if too_long is not None:
        raise file_error(
            path, f"is longer than {MAX_RECORD_BYTES:,} bytes; a record may be at most that long "
            "(a line without line ends, or not a CSV file?)", line=too_long,
        )
    rows, lines, ragged, count = [], [], [], 0
    last_start, last_end = 0, 1
    with field_limit(MAX_FIELD_BYTES), open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        numbered = numbered_rows(reader)
        try:
            next(numbered, None)  # the header
            for start, row in numbered:
                count += 1
                last_start, last_end = start, reader.line_num
                if len(row) != width:
                    ragged.append((start, row, reader.line_num))
                elif keep:
                    rows.append(row)
                    lines.append(start)
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                rule = (f"has a field longer than {MAX_FIELD_BYTES:,} characters, the most a field may hold "
                        "(an unclosed quote, or a value that does not belong in a table?)")
            else:
                rule = f"could not be read as CSV ({exc})"
            raise file_error(path, rule, line=last_end + 1) from None
    ragged = [(start, row, end, start == last_start) for start, row, end in ragged]
    return Records(rows, lines, ragged, count)


def ragged_rule(fields: list[str], width: int, last: bool, lines: int = 1) -> str:
    """Return the rule a record with the wrong number of fields (over ``lines`` lines) breaks."""
    if last and len(fields) < width:
        return (f"is truncated: the last record has only {len(fields)} of the header's {width} fields and the file "
                "ends there (an interrupted download?)")
    if lines > 1 and len(fields) > width:
        return (f"has {len(fields)} fields over {lines} lines; the header has {width}: a double quote opens a value "
                "here that runs on over the next lines (a stray quote?)")
    return f"has {len(fields)} fields; the header has {width} (a badly quoted line?)"


def numbered_rows(reader) -> Iterator[tuple[int, list[str]]]:
    """Yield (line the row starts on, fields) for each non-blank row of a csv reader, header included."""
    previous = 0
    for row in reader:
        start, previous = previous + 1, reader.line_num
        if row:
            yield start, row


def record_lines(path: Path) -> np.ndarray:
    """Return the line (1-based) on which each record starts; the header is line 1, blank lines are skipped."""
    with field_limit(MAX_RECORD_BYTES), open(path, encoding="utf-8-sig", newline="") as handle:
        starts = [start for start, _ in numbered_rows(csv.reader(handle))][1:]
    return np.array(starts, dtype=np.int64)


__all__ = [
    "FIELD_RULE", "Header", "MAX_COLUMNS", "field_limit", "MAX_FIELD_BYTES", "oversized", "MAX_RECORD_BYTES", "Records", "Scan", "check_utf8",
    "QuoteScreen", "numbered_rows", "overlong_line", "STRAY_QUOTE_RULE", "stray_quote", "ragged_rule", "read_header", "read_records", "record_lines", "refuse_nul", "scan",
    "unclosed_quote_line", "where",
]
