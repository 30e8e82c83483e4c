"""Text columns to values: numbers, dates and categories, and a checked table's columns in their dtypes.

Each parser is vectorized: one pyarrow cast in C++ where the text allows
it, pandas' parsers otherwise. A value that does not parse becomes missing;
the checks of :mod:`analysis.io.rules` say why before anything is converted.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..schema import DATE_RANGE, Column

_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
NUMBER_RE = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"


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
