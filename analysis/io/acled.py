"""Read ACLED exports into the package's events schema.

ACLED (the Armed Conflict Location & Event Data Project) publishes one row
per event. :func:`load_acled` checks an export with the same validation
engine as the coded tables (:mod:`analysis.io.text_table`,
:mod:`analysis.io.rules`) and returns a frame with the columns and dtypes
of :func:`analysis.load_events`, so every aggregation and plotting helper
works on it unchanged.

Two column sets are accepted (see :data:`COLUMN_SETS`): the one ACLED has
published since its column changes of 20 March 2023, and the older one, which
still had ``data_id``, ``event_id_no_cnty`` and ``iso3`` and numeric actor
type (``inter``) codes instead of ``disorder_type``, ``civilian_targeting``
and ``tags``; the frame keeps ACLED's columns under ACLED's names (typed,
with both the names and the codes of actor types), other columns as text.
Exports as analysts hold them load too: CSV, Parquet, API responses saved
as JSON and Excel workbooks
(:mod:`analysis.acled_formats`), dates re-saved by a spreadsheet
(:mod:`analysis.acled_dates`), numeric actor types, R's ``NA``, semicolons
between values, and ACLED's monadic layout, folded to one row per event
(:mod:`analysis.io.acled_layouts`); ``invalid="drop"`` is the explicit way
forward with a damaged file. Several exports, ACLED's deletions and two
exports compared: :mod:`analysis.io.acled_updates`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import Literal, Union

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DataError, DroppedRowsWarning
from ..schema import ACLED_ACTOR_TYPES, Column, actor_type_codes
from ._typed import TypedSpec, check_columns_read, read_typed
from .acled_dates import parse_distinct_dates, parse_event_dates
from .parse import as_int64, convert_columns, frame_of, layout, vocabulary_codes
from .problems import DroppedRows, build_error, dropped_table, file_error, not_found, warn
from .rules import NA_TEXT, check_columns, check_sub_event_types, check_unique, has_value, padded_truncation
from .text_table import TextTable, checker_for, close_names, read_text_table

PathLike = Union[str, Path]

#: Actor types of ACLED's current exports (``inter1``, ``inter2``): :data:`analysis.schema.ACLED_ACTOR_TYPES`.
ACTOR_TYPES: tuple[str, ...] = ACLED_ACTOR_TYPES
#: Numeric actor type codes of older exports: 1 state forces ... 8
#: external/other forces; 0 in ``inter2`` when there is no second actor.
ACTOR_TYPE_CODES: tuple[int, ...] = tuple(range(0, 9))
#: Each actor type's name by its code's digits (:data:`ACTOR_TYPES` in order from 1).
_ACTOR_TYPE_NAME = {str(code): name for name, code in actor_type_codes(ACTOR_TYPES).items()}
#: Each actor type's code (0 for none), by its name and by its digits.
_ACTOR_TYPE_CODE = {**{name: int(code) for code, name in _ACTOR_TYPE_NAME.items()},
                    **{str(code): code for code in ACTOR_TYPE_CODES}}
#: The column the loader adds after each actor type column: its numeric code, in both column sets.
ACTOR_CODE_COLUMNS: dict[str, str] = {"inter1": "inter1_code", "inter2": "inter2_code"}

_SHARED: tuple[Column, ...] = (
    Column("event_id_cnty", "id", meaning="Event identifier: country acronym and number."),
    Column("event_date", "acled_date", meaning="Day of the event; the middle of the week or month when only that is known."),
    Column("year", "int", meaning="Year of event_date."),
    Column("time_precision", "category", allowed=schema.TIME_PRECISION, meaning="1 the day, 2 the week, 3 the month is known."),
    Column("event_type", "category", allowed=schema.EVENT_TYPES, meaning="ACLED event type."),
    Column("sub_event_type", "category", allowed=schema.SUB_EVENT_TYPES, meaning="ACLED sub-event type of event_type."),
    Column("actor1", "text", meaning="Main actor."),
    Column("assoc_actor_1", "text", required=False, meaning="Actors associated with actor1."),
    Column("actor2", "text", required=False, meaning="Other actor, if any."),
    Column("assoc_actor_2", "text", required=False, meaning="Actors associated with actor2."),
    Column("iso", "int", meaning="ISO 3166 numeric country code."),
    Column("region", "text", meaning="ACLED world region."),
    Column("country", "text", meaning="Country."),
    Column("admin1", "text", required=False, meaning="Largest sub-national unit."),
    Column("admin2", "text", required=False, meaning="Second sub-national unit."),
    Column("admin3", "text", required=False, meaning="Third sub-national unit."),
    Column("location", "text", meaning="Place of the event."),
    Column("latitude", "latitude", meaning="Decimal degrees, WGS84."),
    Column("longitude", "longitude", meaning="Decimal degrees, WGS84."),
    Column("geo_precision", "category", allowed=schema.GEO_PRECISION, meaning="1 the place, 2 near it, 3 only the region is known."),
    Column("source", "text", required=False, meaning="Sources of the event."),
    Column("source_scale", "text", required=False, meaning="Geographic scale of the sources."),
    Column("notes", "text", required=False, meaning="Short description."),
    Column("fatalities", "int", meaning="Reported fatalities, the lowest estimate."),
    Column("timestamp", "int", meaning="Unix time of the row's last change."),
)

CURRENT_COLUMNS: tuple[Column, ...] = _SHARED + (
    Column("disorder_type", "text", meaning="Political violence, Demonstrations or Strategic developments."),
    Column("inter1", "category", allowed=ACTOR_TYPES, meaning="Actor type of actor1."),
    Column("inter2", "category", allowed=ACTOR_TYPES, required=False, meaning="Actor type of actor2."),
    Column("interaction", "text", meaning="Actor types of the two actors, e.g. 'State forces-Rebel group'."),
    Column("civilian_targeting", "text", required=False, meaning="'Civilian targeting' when civilians were targeted."),
    Column("tags", "text", required=False, meaning="Further coded details."),
)

OLDER_COLUMNS: tuple[Column, ...] = _SHARED + (
    Column("data_id", "int", meaning="Row number of the export (not stable)."),
    Column("event_id_no_cnty", "int", meaning="Event number without the country acronym."),
    Column("iso3", "text", required=False, meaning="ISO 3166 alpha-3 country code."),
    Column("inter1", "category", allowed=ACTOR_TYPE_CODES, meaning="Actor type code of actor1."),
    Column("inter2", "category", allowed=ACTOR_TYPE_CODES, required=False, meaning="Actor type code of actor2 (0: none)."),
    Column("interaction", "int", meaning="Two-digit code of the two actor types."),
)

#: The column sets :func:`load_acled` accepts, by name, in ACLED's order.
COLUMN_SETS: dict[str, tuple[str, ...]] = {
    "current": (
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
        "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
        "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
        "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
        "fatalities", "tags", "timestamp",
    ),
    "older": (
        "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year", "time_precision",
        "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
        "inter2", "interaction", "region", "country", "admin1", "admin2", "admin3", "location",
        "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
        "timestamp", "iso3",
    ),
}
_SPECS = {"current": CURRENT_COLUMNS, "older": OLDER_COLUMNS}
#: Columns ACLED adds to an export on request; kept as text when present.
OPTIONAL_COLUMNS: tuple[str, ...] = ("population_1km", "population_2km", "population_5km", "population_best")

#: How each time precision code turns event_date into a date range (the
#: wording of ACLED's codebook, section "Time precision codes").
DATE_BASIS: dict[int, str] = {
    1: "ACLED time_precision 1: the day is known",
    2: "ACLED time_precision 2: the week is known; event_date is its middle, +/- 3 days",
    3: "ACLED time_precision 3: only the month is known; the calendar month of event_date",
}
#: Columns a monadic export (one row per actor) lacks, of which actor2 and inter2 always.
MONADIC_MISSING: frozenset[str] = frozenset({"actor2", "assoc_actor_2", "inter2", "interaction"})
#: Names the loader gives to columns it derives; a user's column may not have them.
_DERIVED = (*(name for name in schema.EVENTS.column_names if all(name not in cols for cols in COLUMN_SETS.values())),
            *ACTOR_CODE_COLUMNS.values())
#: The events schema's columns that only the coded events fill: in a frame of ``load_acled`` they are there, all
#: missing, so that every helper takes it as it takes the coded events (``frame.drop(columns=list(PROJECT_COLUMNS))``
#: leaves ACLED's columns and those derived from them).
PROJECT_COLUMNS: tuple[str, ...] = ("weekday", "date_start_from", "date_end_from", "category", "base_id",
                                    "projectiles_low", "projectiles_high", "headline")


def _column_set(header: list[str], path: Path | str = "") -> str:
    """Return the name of the column set of a file's header, or raise a DataError naming ``path``.

    A header with every column of a set (in any order) is that set; its
    other columns are kept as text. ACLED's monadic layout (no ``actor2``
    and ``inter2``) is no set: the text path folds it first
    (:func:`analysis.io.acled_layouts.fold_monadic`).
    """
    names = set(header)
    misses = {name: [c for c in cols if c not in names] for name, cols in COLUMN_SETS.items()}
    for name in COLUMN_SETS:
        if not misses[name]:
            taken = [c for c in header if c in _DERIVED]
            if taken:
                raise file_error(
                    path,
                    f"has column(s) {', '.join(taken)}, which are not ACLED's and whose names the loader gives to "
                    "columns it derives from the export; rename them",
                    line=1, column=", ".join(taken),
                )
            return name
    closest = min(COLUMN_SETS, key=lambda name: len(misses[name]))
    other = next(name for name in COLUMN_SETS if name != closest)
    known = {*COLUMN_SETS["current"], *COLUMN_SETS["older"], *OPTIONAL_COLUMNS}
    lacking = None
    if set(schema.EVENTS.column_names) <= names:
        what = "the header is that of an events table of this package's schema: load it with analysis.load_events"
    elif not names & known:
        what = "the header has none of ACLED's columns"
    else:
        lacking = misses[closest]
        what = (f"the header is closest to ACLED's {closest} column set but lacks {', '.join(lacking)}"
                f"{close_names(lacking, header, known)}")
    raise file_error(
        path,
        f"is not an ACLED export: {what}; expected the {closest} columns ({', '.join(COLUMN_SETS[closest])}) "
        f"or the {other} ones ({', '.join(COLUMN_SETS[other])}), in any order; other columns are kept as text",
        line=1,
        column=", ".join(lacking) if lacking else None,
    )


def _actor_type_names(table: TextTable) -> None:
    """Replace ACLED's numeric actor type codes (1-8; 0 for no second actor) by their names, in place."""
    for column, codes in (("inter1", _ACTOR_TYPE_NAME), ("inter2", {**_ACTOR_TYPE_NAME, "0": ""})):
        values = table.frame[column]
        coded = values.isin(list(codes)).to_numpy()
        if coded.any():
            table.frame[column] = values.where(~coded, values.map(codes))


def _actor_types(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return a checked actor type column (names, or codes 0-8) as the codebook's names and as codes.

    The names are a categorical of :data:`ACTOR_TYPES`, missing where there
    is no actor type (empty, or code 0); the codes are ``Int64``, 1-8, and 0
    where there is none, ACLED's code for no second actor.
    """
    positions, words = pd.factorize(values, use_na_sentinel=True)  # a handful of distinct values
    lookup = np.array([_ACTOR_TYPE_CODE[str(word)] for word in words] + [0], dtype=np.int8)  # -1 (missing): 0
    codes = lookup[positions]
    names = vocabulary_codes(Column("actor type", "category", allowed=ACTOR_TYPES), codes - 1)  # code 0: -1, missing
    return names, pd.Series(pd.arrays.IntegerArray(codes.astype(np.int64), np.zeros(len(codes), bool)))


def _utc_times(values: pd.Series) -> pd.Series:
    """Return checked Unix times (whole seconds, as text) as UTC datetimes in seconds, which hold any of them."""
    seconds = as_int64(values).to_numpy(dtype=np.int64, na_value=np.iinfo(np.int64).min)  # that value is NaT
    return pd.Series(seconds.view("datetime64[s]")).dt.tz_localize("UTC")


def _acled_dtypes(converted: Mapping[str, pd.Series]) -> dict[str, pd.Series]:
    """Return the converted columns with ACLED's own in their dtypes: ``year`` ``Int64``, ``timestamp`` a UTC
    datetime, ``inter1`` and ``inter2`` the codebook's names, each followed by its code (:data:`ACTOR_CODE_COLUMNS`).
    """
    out = {}
    for name, values in converted.items():
        if name == "year":
            out[name] = as_int64(values)
        elif name == "timestamp":
            out[name] = _utc_times(values)
        elif name in ACTOR_CODE_COLUMNS:
            out[name], out[ACTOR_CODE_COLUMNS[name]] = _actor_types(values)
        else:
            out[name] = values
    return out


def date_ranges(dates: pd.Series, precision: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Return date_start, date_end and date_basis from event_date (days) and time_precision (a categorical of
    :data:`analysis.schema.TIME_PRECISION`): the day; the week, ``event_date`` its middle; the calendar month."""
    import pyarrow as pa

    codes = precision.cat.codes.to_numpy()  # categories (1, 2, 3) -> codes 0, 1, 2
    day = dates.to_numpy(dtype="datetime64[ns]")  # days (midnight): arithmetic in ns, the unit of the result
    first, last = day.copy(), day.copy()
    week = codes == 1
    half_week = np.timedelta64((schema.WEEK_PRECISION_MAX_DAYS - 1) // 2, "D").astype("timedelta64[ns]")
    first[week] -= half_week
    last[week] += half_week
    month_rows = np.flatnonzero(codes == 2)  # the calendar month: converted for these records alone
    month = day[month_rows].astype("datetime64[M]")
    first[month_rows] = month.astype("datetime64[ns]")
    last[month_rows] = (month + 1).astype("datetime64[ns]") - np.timedelta64(1, "D")
    texts = pa.array([DATE_BASIS[c] for c in schema.TIME_PRECISION]).take(pa.array(codes))
    basis = texts.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)
    return (
        pd.Series(first, index=dates.index),
        pd.Series(last, index=dates.index),
        pd.Series(basis, index=dates.index),
    )


def _missing_column(col: Column, n: int) -> pd.Series:
    """Return an all-missing column of ``col``'s dtype (what the export does not give).

    Built from its arrays (all masked, all null): filling a column with a missing scalar is many times
    slower.
    """
    import pyarrow as pa

    if col.kind == "int":
        return pd.Series(pd.arrays.IntegerArray(np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)), copy=False)
    if col.kind == "category":
        return vocabulary_codes(col, np.full(n, -1, dtype=np.int8))
    text = pd.array(pa.chunked_array([pa.nulls(n, pa.large_string())]), dtype="string")
    return pd.Series(text)


def _format(path: Path) -> str:
    """Return the format of an export: "parquet", "xlsx", "xls", "json" or "csv", from its name and first bytes."""
    try:
        with open(path, "rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        raise file_error(path, f"could not be read ({exc.strerror or exc})") from None
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq") or magic.startswith(b"PAR1"):
        return "parquet"
    if suffix in (".xlsx", ".xlsm") or magic.startswith(b"PK\x03\x04"):
        return "xlsx"
    if suffix == ".xls" or magic.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    return "json" if suffix == ".json" else "csv"


#: The formats that are not workbooks, as a message names them (a ``sheet`` given with one is refused).
_NOT_WORKBOOKS = {"csv": "a CSV file", "json": "a JSON file", "parquet": "a Parquet file"}


def _read(path: Path, *, sep: str | None = None, sheet: str | None = None) -> tuple[TextTable, str | None]:
    """Read an export of any accepted format as a table of text (a CSV file with ``sep`` between values, or the
    separator its header shows; of a workbook, the sheet named ``sheet``); return it and the separator of a CSV
    file's values (None for the other formats).

    A record that cannot be read into the table (ragged, cut off, not a record) is read past, whatever
    ``invalid`` says: :func:`_check_text` reports it with every other problem of the file, or drops it.
    """
    from . import acled_formats, acled_layouts, workbooks

    kind = _format(path)
    if kind == "parquet":
        return acled_formats.read_parquet(path), None
    if kind == "xlsx":
        return workbooks.read_xlsx(path, keep_going=True, sheet=sheet), None
    if kind == "xls":
        raise file_error(path, "is an old Excel workbook (.xls); save it as .xlsx or as CSV (UTF-8)", line=1)
    if kind == "json":
        return acled_formats.read_json(path, keep_going=True), None
    if sep == ";" or (sep is None and acled_layouts.semicolon_header(path, "event_id_cnty")):
        table = acled_layouts.read_semicolon(path, keep_going=True)
        for name in ("latitude", "longitude"):  # a semicolon file's decimal mark is the comma
            if name in table.frame:
                table.frame[name] = acled_layouts.decimal_commas(table.frame[name])
        return table, ";"
    # the column set is checked by _column_set; requiring the id here names another delimiter
    return read_text_table(path, required=["event_id_cnty"], keep_going=True, missing_columns=_not_an_export), ","


def _not_an_export(path: Path, header: list[str]) -> DataError:
    """Return the error for a header without ``event_id_cnty``: it is not an ACLED export (:func:`_column_set`)."""
    try:
        _column_set(header, path)
    except DataError as exc:
        return exc
    raise AssertionError("a header without event_id_cnty is of no column set")


def load_acled(
    path: PathLike | list[PathLike],
    *,
    region: tuple[float, float, float, float] | None = None,
    dayfirst: bool | None = None,
    invalid: Literal["raise", "drop"] = "raise",
    sep: Literal[",", ";"] | None = None,
    new_sub_event_types: Literal["raise", "warn"] = "raise",
    sheet: str | None = None,
) -> pd.DataFrame:
    """Load an ACLED export and return it in the package's events schema.

    The export is read as text, every column is checked (all problems are
    reported at once), and the rows are returned in file order, one per
    record. ``event_date`` and ``time_precision`` become a date range, as
    ACLED's codebook defines the precision codes ("Time precision codes"):
    1, the sources give the actual day (``date_start == date_end ==
    event_date``); 2, they give only a specific week or weekend and
    ``event_date`` is its middle (the range is ``event_date`` +/- 3 days);
    3, they give only the month and ``event_date`` is its middle (the range
    is the calendar month of ``event_date``). ``date_basis`` says which.

    Parameters
    ----------
    path : str or Path
        An ACLED export: a CSV file (UTF-8; a byte-order mark and LF, CRLF
        or CR line ends are accepted), a Parquet file (``.parquet`` or
        ``.pq``), an ACLED API response saved as JSON (``.json``: the
        response object or a bare list of records) or an Excel workbook
        (``.xlsx``, the first visible sheet or ``sheet``; needs the optional package ``openpyxl``),
        with the current or the older column set (:data:`COLUMN_SETS`) in
        any order. Other columns (ACLED's population columns, a user's own)
        are kept, as text. A list of exports is combined by
        :func:`analysis.io.acled_updates.combine_acled`: the latest row
        (by ``timestamp``) of each event, with a report in
        ``frame.attrs["combined"]``.
    region : tuple of float or None, default None
        (lat_min, lat_max, lon_min, lon_max) that every event must fall in,
        e.g. ``schema.REGION_BOUNDS``; None checks only that coordinates are
        valid latitudes and longitudes.
    dayfirst : bool or None, default None
        Whether numeric dates such as ``03/04/2020`` are day/month/year
        (True) or month/day/year (False). None decides from the file: a
        first number above 12 anywhere makes it day-first, a second number
        above 12 month-first; a file that cannot tell is refused, naming
        this argument.
    invalid : {"raise", "drop"}, default "raise"
        What to do with records that break a rule. "raise" refuses the file
        (every problem named). "drop" returns the valid records, emits one
        :class:`~analysis.errors.DroppedRowsWarning` with the count, and
        keeps every dropped record, with its line and reasons, in
        ``frame.attrs["dropped"]`` (a :class:`~analysis.io.problems.DroppedRows`
        whose ``table`` is a DataFrame). Problems of the whole file (its
        header, encoding, an ambiguous date order...) are raised either way.
    sep : {",", ";"} or None, default None
        What separates a CSV file's values. None reads commas, or semicolons
        when the header holds ``event_id_cnty`` only split at semicolons (a
        spreadsheet's export in a locale with decimal commas); in a
        semicolon file, coordinates written with a decimal comma
        (``33,2625``) are read as numbers.
    new_sub_event_types : {"raise", "warn"}, default "raise"
        What to do with a sub-event type outside the codebook's vocabulary
        (:data:`analysis.schema.ACLED_SUB_EVENT_TYPES`). "raise" refuses it;
        "warn" loads it, as a further category of ``sub_event_type``, and
        emits one :class:`NewValuesWarning` naming each new value.
    sheet : str or None, default None
        The sheet of an Excel workbook to read, by its name as its tab
        shows it (case included); a hidden sheet is read too when named.
        None reads the first visible sheet and, when the workbook shows
        other sheets, emits one
        :class:`~analysis.io.workbooks.OtherSheetsWarning` naming them.
        A name the workbook lacks is refused, naming its sheets (and the
        closest name); a ``sheet`` given with a file that is not a
        workbook is refused.

    Returns
    -------
    DataFrame
        The columns of ``schema.EVENTS`` with the dtypes of
        :func:`analysis.load_events`: ``event_id`` (the value of
        ``event_id_cnty``), the date range, ``time_precision``,
        ``event_type``, ``sub_event_type``, ``actor1``, ``actor2``,
        ``location``, ``admin1``, coordinates, ``geo_precision``,
        ``fatalities`` and ``notes`` carried over; the project's own columns
        (:data:`PROJECT_COLUMNS`: ``category``, ``base_id``, ...) missing, as
        ACLED does not code them. Every other column of the export follows
        under its own name, in the file's order: ``event_id_cnty`` (so the
        frame merges with another ACLED file ``on="event_id_cnty"``),
        ``year`` (``Int64``), ``timestamp`` (a UTC datetime),
        ``inter1``/``inter2`` (the codebook's names, :data:`ACTOR_TYPES`, in
        both column sets), each followed by its code (``inter1_code``,
        ``inter2_code``: ``Int64``, 0 for no actor), the rest as text. In
        ACLED's columns ``NA`` is read as missing. docs/acled.md lists every
        column.

    Raises
    ------
    DataError
        If the file is missing, not UTF-8, not one of the formats above,
        lacks a column of both column sets (or is ACLED's monadic layout
        with rows of one event that disagree, or a third row of an event),
        has a ragged or truncated record, breaks a size limit, or has any
        invalid value: a date that is not a real day in a form listed in
        docs/acled.md, a ``year`` that is not the date's, a precision code other
        than 1-3, an event or sub-event type outside ACLED's vocabulary or
        of another event type, an actor type outside ACLED's, a fatality
        count that is not a whole number (or is above 100,000), coordinates outside the valid
        range (or ``region``), a repeated ``event_id_cnty``; or if
        ``sheet`` names no sheet of the workbook, or is given with a file
        that is not a workbook. The message names the file, the line, the
        column, the value and the rule.

    Examples
    --------
    The files here stand for an analyst's own exports, so this example is not run by the tests::

        events = load_acled("acled_iraq_2019-2020.csv")
        events[["event_id_cnty", "date_start", "date_end", "time_precision"]].head(2)
        #   event_id_cnty date_start   date_end time_precision
        # 0       IRQ1234 2020-01-03 2020-01-03              1
        # 1       IRQ1240 2019-12-01 2019-12-31              3
        events = load_acled("damaged_export.csv", invalid="drop")
        events.attrs["dropped"].table[["line", "reasons"]]
    """
    if invalid not in ("raise", "drop"):
        raise ValueError(f"invalid must be 'raise' or 'drop', not {invalid!r}")
    if sep not in (None, ",", ";"):
        raise ValueError(f"sep must be ',', ';' or None, not {sep!r}")
    if new_sub_event_types not in ("raise", "warn"):
        raise ValueError(f"new_sub_event_types must be 'raise' or 'warn', not {new_sub_event_types!r}")
    if sheet is not None and not isinstance(sheet, str):
        raise ValueError(f"sheet must be the name of a workbook's sheet (text) or None, not {sheet!r}")
    if isinstance(path, (list, tuple)):  # several exports: the latest row of each event
        from .acled_updates import combine_acled

        return combine_acled(path, region=region, dayfirst=dayfirst, invalid=invalid, sep=sep,
                             new_sub_event_types=new_sub_event_types, sheet=sheet)
    path = Path(path)
    if not path.is_file():
        raise not_found(path)
    if sheet is not None and _format(path) in _NOT_WORKBOOKS:
        raise file_error(path, f"is {_NOT_WORKBOOKS[_format(path)]}, not an Excel workbook: sheet={sheet!r} names a "
                               "sheet of a workbook (.xlsx); leave sheet out to read this file", line=1)
    typed = None
    if invalid == "raise" and dayfirst is None and sep != ";":
        # A clean CSV or Parquet file is checked on typed columns; any other goes to the text path, which names
        # every problem.
        typed = read_typed(path, RULES, region=region) or _read_typed_parquet(path, region)
    converted, dates, dropped = (*typed, None) if typed is not None else _read_text(
        path, region, dayfirst, invalid, sep=sep, new_sub_event_types=new_sub_event_types, sheet=sheet)
    return _events_frame(converted, dates, path, dropped)


def _read_typed_parquet(path: Path, region):
    """Check a Parquet file's columns, as text by the formats' one rule, on the typed pass; None to leave it to the
    text path."""
    from . import acled_formats

    if path.suffix.lower() not in (".parquet", ".pq"):
        with open(path, "rb") as handle:
            if handle.read(4) != b"PAR1":
                return None
    try:
        header, columns = acled_formats.parquet_columns(path)
    except DataError:
        return None  # the text path raises it again
    return check_columns_read(header, columns, RULES, region=region)


def _read_text(path: Path, region, dayfirst, invalid, *, sep=None, new_sub_event_types="raise", sheet=None
               ) -> tuple[pd.DataFrame, pd.Series, DroppedRows | None]:
    """Read an export as text and check it, raising every problem (or dropping the records with one, when
    ``invalid`` is ``"drop"``); return the converted columns, the dates and the dropped records."""
    table, separator = _read(path, sep=sep, sheet=sheet)
    table, folded, column_set, columns, output = _text_layout(table, new_sub_event_types)
    truncated = None
    if separator is not None:  # a download cut off: only a text file ends mid-record
        table, truncated = _cut_padded_record(table, columns)
    # the columns of ACLED's that hold R's NA (checked once: most files have none)
    na_columns = frozenset(name for name in (*COLUMN_SETS[column_set], *OPTIONAL_COLUMNS)
                           if name in table.frame.columns and has_value(table.frame[name], NA_TEXT))
    table, dates, dropped = _check_text(table, columns, folded, (truncated, separator), na_columns, region, dayfirst,
                                        invalid)
    for name in sorted(na_columns):
        values = table.frame[name]
        table.frame[name] = values.where(values != NA_TEXT, "")

    text = table.frame.drop(columns=[RULES.date_column])
    text = text.assign(**{copy: text[source] for copy, source in RULES.copies.items()})
    converted = convert_columns(text, layout(text.columns, output))  # other columns as text
    return converted, dates, dropped


def _text_layout(table: TextTable, new_sub_event_types: str):
    """Fold a one-row-per-actor table to one row per event, and find its column set and the specs its columns are
    checked by; return the table, the folding's problems, the column set's name, the specs and the output specs."""
    from . import acled_layouts

    folded: list = []
    monadic = acled_layouts.monadic_columns(table.header, COLUMN_SETS, MONADIC_MISSING)
    if monadic is not None:
        table, folded = acled_layouts.fold_monadic(table, monadic, ACTOR_TYPES)
    column_set = _column_set(table.header, table.path)
    columns = _SPECS[column_set]
    output = RULES.output
    if new_sub_event_types == "warn":
        columns, output = _with_new_sub_event_types(table, columns, output)
    if column_set == "current":
        _actor_type_names(table)
    return table, folded, column_set, columns, output


def _check_text(table: TextTable, columns, folded: list, cut: tuple, na_columns: frozenset, region, dayfirst,
                invalid: str) -> tuple[TextTable, pd.Series, DroppedRows | None]:
    """Check every rule on the text table, raising every problem (or dropping the records with one, when
    ``invalid`` is ``"drop"``); return the table, the dates and the dropped records. ``cut`` is the last record
    cut off and padded (:func:`_cut_padded_record`; None) and the separator of a CSV file's values (None for the
    other formats), which shows a record that could not be read as the file has it."""
    from . import acled_layouts

    truncated, separator = cut
    checker = checker_for(table)
    acled_layouts.add_problems(checker, folded)
    if invalid == "raise":  # the records that could not be read, named with the problems of the others
        if truncated is not None:
            line, column, value, rule = truncated
            checker.add(None, column, value, rule, line=line)
        unread = [(line, rule, separator.join(fields) if separator else None) for line, rule, fields in table.skipped
                  if truncated is None or line != truncated[0]]
        checker.add_lines([u[0] for u in unread], None, [u[2] for u in unread], [u[1] for u in unread])
    check_columns(table, columns, checker, region=region, na_columns=na_columns)
    dates = parse_event_dates(table, checker, dayfirst=dayfirst)
    check_unique(table, RULES.unique, checker)
    check_sub_event_types(table, RULES.pairs[2], checker)
    if invalid == "drop" and not checker.file_level() and (checker or table.skipped):
        return _drop_invalid(table, dates, checker)
    checker.raise_if_any()
    return table, dates, None


class NewValuesWarning(UserWarning):
    """A value outside the codebook's vocabulary was loaded, as asked (``new_sub_event_types="warn"``)."""


def _with_new_sub_event_types(table: TextTable, columns, output):
    """Return the column specs with the file's sub-event types outside the vocabulary allowed, warning of them."""
    values = table.frame["sub_event_type"]
    new = sorted(set(values[(values != "") & (values != NA_TEXT) & ~values.isin(schema.SUB_EVENT_TYPES)]))
    if not new:
        return columns, output

    def widen(specs):
        return [dataclasses.replace(c, allowed=(*c.allowed, *new)) if c.name == "sub_event_type" else c
                for c in specs]

    warn(
        f"{table.name}: loaded {len(new)} sub-event type(s) outside ACLED's codebook vocabulary: "
        f"{', '.join(repr(v) for v in new)}; they are kept as further categories of sub_event_type",
        NewValuesWarning,
    )
    return tuple(widen(columns)), widen(output)


def _cut_padded_record(table: TextTable, columns):
    """Take out a last record cut off and padded with empty fields; return the table and (line, column, value,
    rule) of that record (None when the last record is whole). The record joins ``table.skipped``."""
    cut = padded_truncation(table.frame, columns)
    if cut is None or len(table.frame) < 2:
        return table, None
    stop, column, rule = cut
    lines = table.record_lines()
    line, fields = int(lines[-1]), table.frame.iloc[-1].tolist()
    kept = TextTable(path=table.path, frame=table.frame.iloc[:-1], header=table.header, lines=lines[:-1],
                     read_problems=[p for p in table.read_problems if not (p[0] >= len(lines) - 1).any()],
                     skipped=[*table.skipped, (line, rule, fields)])
    return kept, (line, column, fields[stop], rule)


#: The rules of an export beyond each column's own, and the frame's layout: one description that the typed pass
#: (:func:`analysis.io._typed.read_typed`) and the text path (:func:`_read_text`) both follow.
RULES = TypedSpec(
    columns_of=lambda header: _SPECS[_column_set(header)],
    output=[c for c in schema.EVENTS.columns if c.kind != "date"],
    copies={"event_id": "event_id_cnty"},  # the events schema's id; ACLED's stays, under its own name
    date_column="event_date",
    parse_dates=parse_distinct_dates,  # ISO days, then spreadsheet dates: the text path's rules
    year_column="year",
    unique="event_id_cnty",
    pairs=("event_type", "sub_event_type", schema.ACLED_SUB_EVENT_TYPES),
    na_text=NA_TEXT,
)


def _events_frame(converted: Mapping[str, pd.Series], dates: pd.Series, path: Path,
                  dropped: DroppedRows | None = None) -> pd.DataFrame:
    """Return the events frame: the converted columns (a frame or a mapping of them), date ranges, and
    the codes ACLED lacks as missing."""
    converted = _acled_dtypes(converted)
    start, end, basis = date_ranges(dates, converted["time_precision"])
    derived = {"date_start": start, "date_end": end, "event_date": dates, "date_basis": basis}
    n = len(dates)
    out = {}
    for col in schema.EVENTS.columns:
        if col.name in derived:
            out[col.name] = derived[col.name]
        elif col.name in converted:
            out[col.name] = converted[col.name]
        else:
            out[col.name] = _missing_column(col, n)
    for name in converted:
        if name not in out:
            out[name] = converted[name]
    frame = frame_of(out, n)
    frame.attrs["path"] = str(path)
    frame.attrs["source_format"] = "acled"
    if dropped is not None:
        frame.attrs["dropped"] = dropped
    return frame


def _drop_invalid(table: TextTable, dates: pd.Series, checker) -> tuple[TextTable, pd.Series, DroppedRows]:
    """Leave out the records with problems; return the valid ones and the table of the dropped ones."""
    problems = checker.problems
    bad = checker.bad_records()
    total = len(table.frame) + len(table.skipped)
    keep = np.setdiff1d(np.arange(len(table.frame)), bad)
    if len(keep) == 0:
        raise build_error(table.name, problems) if len(problems) else build_error(
            table.name, [(line, None, ",".join(fields), rule) for line, rule, fields in table.skipped]
        )
    dropped = DroppedRows(dropped_table(problems, table.frame, table.record_lines(), table.skipped), table.name)
    lines = table.record_lines()
    kept = TextTable(path=table.path, frame=table.frame.iloc[keep].reset_index(drop=True), header=table.header,
                     lines=lines[keep] if len(lines) == len(table.frame) else None)
    first = int(dropped.table["line"].iloc[0])
    warn(
        f"{table.name}: dropped {len(dropped):,} of {total:,} records that break a rule (the first on line {first}); "
        "frame.attrs['dropped'].table lists each with its line and reasons",
        DroppedRowsWarning,
    )
    return kept, dates.iloc[keep].reset_index(drop=True), dropped


__all__ = ["load_acled", "date_ranges", "NewValuesWarning", "COLUMN_SETS", "ACTOR_TYPES", "ACTOR_TYPE_CODES", "ACTOR_CODE_COLUMNS",
           "DATE_BASIS", "MONADIC_MISSING", "OPTIONAL_COLUMNS", "PROJECT_COLUMNS"]
