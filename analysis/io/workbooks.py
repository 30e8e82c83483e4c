"""Read an ACLED export saved as an Excel workbook (.xlsx) as text, bounded before it is read.

The sheet read is the one named (``sheet=``, hidden ones too) or the first
visible one, and an :class:`OtherSheetsWarning` names the other visible
sheets. The archive is checked before any sheet is read (how far each part
expands, the number and size of its shared texts, the sheet's declared
columns, rows and row sizes), every row is read whatever the stored
dimension says, and merged cells and formulas without a stored value are
refused, naming the cell. Values become text by the rule of
:mod:`analysis.io.acled_formats`, which reads the other formats; rows are
numbered as the sheet numbers them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import DataError
from ..text import did_you_mean
from .acled_formats import _header, _python_text, _table
from .csv_scan import MAX_COLUMNS, MAX_FIELD_BYTES, MAX_RECORD_BYTES
from .problems import file_error, show, warn
from .text_table import TextTable

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
        warn(f"{path}: read the sheet {visible[0].title!r}, the first one shown; the workbook shows other "
             f"sheets too ({_sheet_names(visible[1:])}): name the sheet to read with sheet=", OtherSheetsWarning)
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


__all__ = ["OtherSheetsWarning", "read_xlsx"]
