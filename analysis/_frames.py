"""Check and read the columns of the frames given to the helpers.

Shared by the computing (:mod:`analysis.stats`) and drawing
(:mod:`analysis.viz`) helpers that take an events frame: a missing column, a
date of the wrong dtype, a missing date or a reversed range is refused with
a :class:`analysis.errors.DataError` naming it. Here too is the one rule of
the possible days of an event known to one weekday of its range
(:func:`weekday_days`), which the counts per period, the charts' ticks and
the dates in words (:func:`analysis.text.describe_dates`) all follow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from .errors import DataError
from .schema import WEEKDAY_NAMES


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str = "events") -> None:
    """Raise a DataError naming the columns a helper needs and the frame lacks.

    Parameters
    ----------
    frame : DataFrame
        The frame given to a helper.
    columns : sequence of str
        Columns the helper needs.
    what : str, default "events"
        Name of the table, for the message.

    Raises
    ------
    DataError
        If any of ``columns`` is missing.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"event_id": []}), ["event_id"])
    """
    needed = ", ".join(repr(c) for c in columns)
    _refuse_missing(frame, columns, lambda names: f"{what}: missing column(s) {names}; this helper needs {needed}",
                    "missing column")


def _refuse_missing(frame: pd.DataFrame, columns: Sequence[str], message: Callable[[str], str], rule: str) -> None:
    """Raise a DataError whose message ``message`` writes from the missing columns' names, if any is missing."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(message(", ".join(repr(c) for c in missing)), column=missing[0], rule=rule)


#: Columns that say what a frame is, for the messages of :func:`require_input` (first match wins).
_KNOWN_FRAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("events", ("event_id", "date_start", "date_end", "event_type")),
    ("a reports table", ("report_id", "event_id", "doc_id", "quote")),
    ("a sources table", ("doc_id", "file_name")),
    ("counts per period", ("period_start", "period_end", "expected")),
)


def frame_kind(frame: pd.DataFrame) -> str:
    """Say what a frame looks like, for an error message: "events", "counts per period"... or its columns.

    Examples
    --------
    >>> frame_kind(pd.DataFrame({"event_id": [], "date_start": [], "date_end": [], "event_type": []}))
    'events'
    >>> frame_kind(pd.DataFrame({"a": [], "b": []}))
    "a frame with columns 'a', 'b'"
    """
    for name, columns in _KNOWN_FRAMES:
        if all(c in frame.columns for c in columns):
            return name
    shown = ", ".join(repr(str(c)) for c in list(frame.columns)[:8])
    more = f" and {len(frame.columns) - 8} more" if len(frame.columns) > 8 else ""
    return f"a frame with columns {shown}{more}" if len(frame.columns) else "a frame without columns"


def require_input(frame: object, columns: Sequence[str], *, taker: str, maker: str) -> None:
    """Refuse what a helper cannot use, saying which function makes the frame it takes.

    Parameters
    ----------
    frame : object
        What the helper was given.
    columns : sequence of str
        Columns the helper needs.
    taker : str
        The helper's name ("plot_escalation").
    maker : str
        What makes the frame it takes ("escalation_per_period").

    Raises
    ------
    TypeError
        If ``frame`` is not a DataFrame.
    DataError
        If it lacks any of ``columns``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["EV1"], "date_start": [None], "date_end": [None], "event_type": ["x"]})
    >>> require_input(events, ["period_start", "escalation"], taker="plot_escalation", maker="escalation_per_period")
    Traceback (most recent call last):
    ...
    analysis.errors.DataError: plot_escalation takes the frame that escalation_per_period returns; got events, without 'period_start', 'escalation'
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{taker} takes the frame that {maker} returns; got {type(frame).__name__}")
    _refuse_missing(frame, columns,
                    lambda names: f"{taker} takes the frame that {maker} returns; got {frame_kind(frame)}, without {names}",
                    "input frame")


def check_dates(events: pd.DataFrame) -> None:
    """Refuse dates that are not datetime64, missing dates, and ranges that end before they start."""
    require_columns(events, ["date_start", "date_end"])
    for column in ("date_start", "date_end"):
        if not pd.api.types.is_datetime64_any_dtype(events[column]):
            raise DataError(
                f"events: column {column!r} has dtype {events[column].dtype}; expected datetime64 "
                "(load the table with analysis.load_events or load_acled)",
                column=column, value=str(events[column].dtype), rule="dtype",
            )
        missing = events[column].isna()
        if missing.any():
            label = events.index[missing.to_numpy()][0]
            raise DataError(
                f"events: row {label!r}, column {column!r}: the date is missing; every event needs "
                "date_start and date_end", column=column, value=None, rule="required",
            )
    reversed_ = (events["date_end"] < events["date_start"]).to_numpy()
    if reversed_.any():
        label = events.index[reversed_][0]
        raise DataError(
            f"events: row {label!r}: date_end {events.loc[label, 'date_end']:%Y-%m-%d} is before "
            f"date_start {events.loc[label, 'date_start']:%Y-%m-%d}; a range must end on or after its start",
            column="date_end", value=events.loc[label, "date_end"], rule="date range",
        )


def as_timestamp(value: object, name: str) -> pd.Timestamp | None:
    """Return a date-like option as a day (None stays None), or refuse it naming the option.

    Examples
    --------
    >>> as_timestamp("2020-03-11 14:00", "start")
    Timestamp('2020-03-11 00:00:00')
    """
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name}={value!r} is not a date; give a date such as '2020-01-31'") from error
    if pd.isna(stamp):
        raise ValueError(f"{name}={value!r} is not a date; give a date such as '2020-01-31'")
    return stamp.normalize()


def column_or_na(events: pd.DataFrame, column: str) -> pd.Series:
    """Return a column, or all-missing strings where the frame lacks it (ACLED exports have no ``category``)."""
    if column in events.columns:
        return events[column]
    return pd.Series(pd.NA, index=events.index, dtype="string")


def as_objects(values: pd.Series) -> np.ndarray:
    """Return the values as a numpy object array, missing values as None (fast for categoricals)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = np.asarray(values.cat.categories, dtype=object)
        codes = values.cat.codes.to_numpy()
        return np.where(codes >= 0, categories.take(np.maximum(codes, 0)) if len(categories) else None, None)
    return values.astype(object).where(values.notna(), None).to_numpy()


def is_one_of(values: pd.Series, allowed: Sequence[str]) -> np.ndarray:
    """Return a boolean array: the value is one of ``allowed`` (missing values are not)."""
    return values.isin(list(allowed)).fillna(False).to_numpy(dtype=bool)


def day_numbers(values: pd.Series) -> np.ndarray:
    """Return dates as whole days since 1970-01-01 (int64), for fast sorting and binning."""
    return values.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)


def as_list(by: str | Sequence[str] | None) -> list[str]:
    """Return a ``by=`` option as a list of column names (None: none)."""
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def weekday_days(start_day: np.ndarray, end_day: np.ndarray, weekday: np.ndarray):
    """Return which events are known to one weekday of a range of days, and those days.

    None if there is none; else a boolean mask over the events and the
    days (day numbers) of each such event, as (event position among them,
    day) arrays. An event whose range holds no day of its weekday (a file
    the loaders would refuse) keeps its whole range.
    """
    # 1970-01-01 (day 0) was a Thursday: weekday 3 when Monday is 0
    first = start_day + (weekday - (start_day + 3)) % 7
    count = np.where(weekday >= 0, (end_day - first) // 7 + 1, 0)
    on = (weekday >= 0) & (count > 0) & (end_day > start_day)
    if not on.any():
        return None
    count, first = count[on], first[on]
    event = np.repeat(np.arange(len(count)), count)
    nth = np.arange(len(event)) - np.repeat(np.cumsum(count) - count, count)
    return on, (event, first[event] + 7 * nth)


def weekday_numbers(events: pd.DataFrame) -> np.ndarray | None:
    """Return each event's weekday (0 Monday ... 6 Sunday; -1 where empty), or None without a ``weekday`` column."""
    if "weekday" not in events:
        return None
    numbers = events["weekday"].astype("object").map({name: i for i, name in enumerate(WEEKDAY_NAMES)})
    return numbers.fillna(-1).to_numpy(dtype=np.int64)
