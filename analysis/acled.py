"""Read ACLED exports into the package's events schema.

ACLED (the Armed Conflict Location & Event Data Project) publishes one row
per event. :func:`load_acled` checks an export with the same validation
engine as the coded tables (:mod:`analysis._validate`) and returns a frame
with the columns and dtypes of :func:`analysis.load_events`, so every
aggregation and plotting helper works on it unchanged.

Two column sets are accepted (see :data:`COLUMN_SETS`): the one ACLED has
published since its column changes of 20 March 2023, and the older one, which
still had ``data_id``, ``event_id_no_cnty`` and ``iso3`` and numeric actor
type (``inter``) codes instead of ``disorder_type``, ``civilian_targeting``
and ``tags``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Union

import numpy as np
import pandas as pd

from . import schema
from ._validate import (
    Checker,
    TextTable,
    check_columns,
    check_sub_event_types,
    check_unique,
    convert_columns,
    file_error,
    parse_dates,
    parse_numbers,
    read_text_table,
)
from ._typed import TypedSpec, read_typed
from .schema import Column

PathLike = Union[str, Path]

#: Actor types of ACLED's current exports (``inter1``, ``inter2``).
ACTOR_TYPES: tuple[str, ...] = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)
#: Numeric actor type codes of older exports: 1 state forces ... 8
#: external/other forces; 0 in ``inter2`` when there is no second actor.
ACTOR_TYPE_CODES: tuple[int, ...] = tuple(range(0, 9))

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
_LONG_DATE = r"^\d{1,2} [A-Za-z]+ \d{4}$"
_DATE_RULE = "is not a real day written YYYY-MM-DD (current exports) or like '27 December 2019' (older exports)"


def _column_set(table: TextTable) -> str:
    """Return the name of the column set of ``table``'s header, or raise."""
    header = set(table.header)
    misses = {name: [c for c in cols if c not in header] for name, cols in COLUMN_SETS.items()}
    unknown = {name: sorted(header - set(cols) - set(OPTIONAL_COLUMNS)) for name, cols in COLUMN_SETS.items()}
    for name in COLUMN_SETS:
        if not misses[name] and not unknown[name]:
            return name
    closest = min(COLUMN_SETS, key=lambda name: len(misses[name]) + len(unknown[name]))
    parts = []
    if misses[closest]:
        parts.append(f"lacks {', '.join(misses[closest])}")
    if unknown[closest]:
        parts.append(f"has unknown column(s) {', '.join(unknown[closest])}")
    other = next(name for name in COLUMN_SETS if name != closest)
    raise file_error(
        table.path,
        f"is not an ACLED export: the header is closest to ACLED's {closest} column set but "
        f"{' and '.join(parts)}; expected exactly the {closest} columns ({', '.join(COLUMN_SETS[closest])}) "
        f"or the {other} ones ({', '.join(COLUMN_SETS[other])}), plus optionally {', '.join(OPTIONAL_COLUMNS)}",
        line=1,
        column=", ".join(misses[closest] + unknown[closest]),
    )


def _event_dates(values: pd.Series) -> pd.Series:
    """Parse ``event_date`` text in either of ACLED's two formats: NaT where empty or not a real day."""
    dates = parse_dates(values)
    rest = dates.isna() & (values != "")
    if rest.any():
        # Older exports write '27 December 2019': parse each distinct day once.
        long_form = values.where(rest & values.str.fullmatch(_LONG_DATE).astype(bool))
        codes, days = pd.factorize(long_form)
        parsed = pd.to_datetime(pd.Series(days, dtype=object), format="%d %B %Y", errors="coerce")
        lookup = np.append(parsed.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
        dates = dates.fillna(pd.Series(lookup[codes], index=values.index))
    return dates


def _parse_event_dates(table: TextTable, checker: Checker) -> pd.Series:
    """Parse ``event_date`` in either of ACLED's two formats; record bad days."""
    values = table.frame["event_date"]
    empty = values == ""
    checker.add_mask(empty, "event_date", values, "is empty; a value is required")
    dates = _event_dates(values)
    checker.add_mask(~empty & dates.isna(), "event_date", values, _DATE_RULE)
    years = parse_numbers(table.frame["year"])
    mismatch = dates.notna() & years.notna() & (dates.dt.year != years)
    checker.add_mask(mismatch, "year", table.frame["year"], "is not the year of event_date")
    return dates


def _date_ranges(dates: pd.Series, precision: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Return date_start, date_end and date_basis from event_date and time_precision."""
    import pyarrow as pa

    codes = precision.cat.codes.to_numpy()  # categories (1, 2, 3) -> codes 0, 1, 2
    day = dates.to_numpy(dtype="datetime64[ns]")
    half_week = np.timedelta64((schema.WEEK_PRECISION_MAX_DAYS - 1) // 2, "D")
    week = codes == 1
    first = np.subtract(day, half_week, out=day.copy(), where=week)
    last = np.add(day, half_week, out=day.copy(), where=week)
    month_rows = np.flatnonzero(codes == 2)  # few rows: the calendar arithmetic only for them
    month = day[month_rows].astype("datetime64[M]")
    first[month_rows] = month.astype("datetime64[ns]")
    last[month_rows] = (month + 1).astype("datetime64[ns]") - np.timedelta64(1, "D")
    texts = pa.array([DATE_BASIS[c] for c in schema.TIME_PRECISION], pa.large_string()).take(pa.array(codes))
    return (
        pd.Series(first, index=dates.index),
        pd.Series(last, index=dates.index),
        pd.Series(pd.arrays.ArrowStringArray(texts), index=dates.index),
    )


def _missing_column(col: Column, n: int) -> pd.Series:
    """Return an all-missing column of ``col``'s dtype (what the export does not give)."""
    if col.kind == "int":
        return pd.Series(pd.NA, index=pd.RangeIndex(n), dtype="Int64")
    if col.kind == "category":
        return pd.Series(pd.Categorical.from_codes(np.full(n, -1, dtype=np.int8), categories=list(col.allowed)))
    return pd.Series(pd.NA, index=pd.RangeIndex(n), dtype="string")


def _read_parquet(path: Path) -> TextTable:
    """Read a Parquet export as a table of strings, as the CSV reader would give it."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    try:
        arrow = pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise file_error(path, f"could not be read as Parquet ({exc})", line=1) from None
    header = list(arrow.column_names)
    if arrow.num_rows == 0:
        raise file_error(path, "has columns but no rows; expected at least one event", line=1)
    columns = {}
    for name, column in zip(header, arrow.columns):
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            column = pc.cast(column, pa.string())
        columns[name] = pc.utf8_trim_whitespace(pc.fill_null(column, "")).to_pandas()
    frame = pd.DataFrame(columns)
    # Problems are reported by row number; the header counts as line 1, as in the CSV export.
    text = "\n".join(["header", *(["row"] * len(frame))])
    return TextTable(path=path, frame=frame, header=header, text_given=text)


def load_acled(path: PathLike, *, region: tuple[float, float, float, float] | None = None) -> pd.DataFrame:
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
        An ACLED export: a CSV file (UTF-8; a byte-order mark and CRLF line
        ends are accepted) or a Parquet file (``.parquet`` or ``.pq``), with
        the current or the older column set (:data:`COLUMN_SETS`), plus
        optionally ACLED's population columns.
    region : tuple of float or None, default None
        (lat_min, lat_max, lon_min, lon_max) that every event must fall in,
        e.g. ``schema.REGION_BOUNDS``; None checks only that coordinates are
        valid latitudes and longitudes.

    Returns
    -------
    DataFrame
        The columns of ``schema.EVENTS`` with the dtypes of
        :func:`analysis.load_events`: ``event_id`` from ``event_id_cnty``,
        the date range, ``time_precision``, ``event_type``,
        ``sub_event_type``, ``actor1``, ``actor2``, ``location``, ``admin1``,
        coordinates, ``geo_precision``, ``fatalities`` and ``notes`` carried
        over; ``category``, ``base_id`` and the projectile counts missing
        (ACLED does not code them). Every other column of the export
        (``source``, ``country``, ``inter1``, ...) follows, as text.

    Raises
    ------
    DataError
        If the file is missing, not UTF-8, not CSV or Parquet, has another
        column set, a ragged or truncated line, or any invalid value: a date
        that is not a real day in either ACLED format, a ``year`` that is not
        the date's, a precision code other than 1-3, an event or sub-event
        type outside ACLED's vocabulary or of another event type, an actor
        type outside ACLED's, a fatality count that is not a whole number,
        coordinates outside the valid range (or ``region``), a repeated
        ``event_id_cnty``. The message names the file, the line, the column,
        the value and the rule.

    Examples
    --------
    >>> events = load_acled("acled_iraq_2019-2020.csv")  # doctest: +SKIP
    >>> events[["event_id", "date_start", "date_end", "time_precision"]].head(2)  # doctest: +SKIP
      event_id date_start   date_end time_precision
    0  IRQ1234 2020-01-03 2020-01-03              1
    1  IRQ1240 2019-12-01 2019-12-31              3
    """
    path = Path(path)
    if not path.is_file():
        raise file_error(path, "file not found")
    # A clean file is checked on typed columns; any other goes to the text path, which names every problem.
    typed = read_typed(path, _typed_spec(), region=region)
    converted, dates = typed if typed is not None else _read_text(path, region)
    return _events_frame(converted, dates, path)


def _typed_spec() -> TypedSpec:
    """Return what the typed pass checks: the rules of :func:`_read_text`."""
    return TypedSpec(
        column_sets=_SPECS,
        optional=OPTIONAL_COLUMNS,
        output=[c for c in schema.EVENTS.columns if c.kind != "date"],
        rename={"event_id_cnty": "event_id"},
        date_column="event_date",
        parse_dates=_event_dates,
        year_column="year",
        unique="event_id_cnty",
        pairs=("event_type", "sub_event_type", schema.ACLED_SUB_EVENT_TYPES),
    )


def _read_text(path: Path, region) -> tuple[pd.DataFrame, pd.Series]:
    """Read an export as text and check it, raising every problem; return converted columns and dates."""
    with open(path, "rb") as handle:
        magic = handle.read(4)
    if path.suffix.lower() in (".parquet", ".pq") or magic == b"PAR1":
        table = _read_parquet(path)
    else:
        shared = [c for c in COLUMN_SETS["current"] if c in COLUMN_SETS["older"]]
        table = read_text_table(path, required=shared)
    columns = _SPECS[_column_set(table)]

    checker = Checker(table)
    check_columns(table, [c for c in columns if c.kind != "acled_date"], checker, region=region)
    dates = _parse_event_dates(table, checker)
    check_unique(table, "event_id_cnty", checker)
    check_sub_event_types(table, schema.ACLED_SUB_EVENT_TYPES, checker)
    checker.raise_if_any()

    text = table.frame.rename(columns={"event_id_cnty": "event_id"}).drop(columns=["event_date"])
    # Columns beyond the events schema are kept as text, empty values as missing.
    extras = [Column(name, "text") for name in text.columns if name not in schema.EVENTS.column_names]
    converted = convert_columns(text, [c for c in schema.EVENTS.columns if c.kind != "date"] + extras)
    return converted, dates


def _events_frame(converted: Mapping[str, pd.Series], dates: pd.Series, path: Path) -> pd.DataFrame:
    """Return the events frame: the converted columns (a frame or a mapping of them), date ranges, and
    the codes ACLED lacks as missing."""
    start, end, basis = _date_ranges(dates, converted["time_precision"])
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
    frame = pd.DataFrame(out, index=pd.RangeIndex(n), copy=False)  # the columns are new: no copy needed
    frame.attrs["path"] = str(path)
    frame.attrs["source_format"] = "acled"
    return frame


__all__ = ["load_acled", "COLUMN_SETS", "ACTOR_TYPES", "ACTOR_TYPE_CODES", "DATE_BASIS", "OPTIONAL_COLUMNS"]
