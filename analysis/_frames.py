"""Check and read the columns of the frames given to the helpers.

Shared by the computing (:mod:`analysis.stats`) and drawing
(:mod:`analysis.viz`) helpers that take an events frame: a missing column, a
date of the wrong dtype, a missing date or a reversed range is refused with
a :class:`analysis.errors.DataError` naming it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import DataError


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
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(
            f"{what}: missing column(s) {', '.join(repr(c) for c in missing)}; "
            f"this helper needs {', '.join(repr(c) for c in columns)}",
            column=missing[0], rule="missing column",
        )


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

