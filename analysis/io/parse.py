"""Text columns to values: numbers, dates and categories, and a checked table's columns in their dtypes.

Each parser is vectorized: one pyarrow cast in C++ where the text allows
it, pandas' parsers otherwise. A value that does not parse becomes missing;
the checks of :mod:`analysis.io.rules` say why before anything is converted.
The forms of a number are defined here once (:data:`WHOLE_RE`,
:data:`NUMBER_RE`) and read the same way from any column of text: a pandas
Series or a pyarrow array, in any of the formats a loader reads.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ..schema import DATE_RANGE, Column

_DATE_RE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: A number: digits 0-9 with an optional sign, decimal point and exponent.
NUMBER_RE = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
#: The most digits of a whole number: at most 18, so it stays below 2**63.
MAX_DIGITS = 18
#: A whole number: ASCII digits, no sign, no leading zero, at most MAX_DIGITS digits.
WHOLE_RE = rf"^(0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}})$"


def arrow_text(values):
    """Return text values (a pandas Series, a pyarrow array or chunked array) as a pyarrow chunked array."""
    import pyarrow as pa

    if isinstance(values, pd.Series):
        array = values.array
        if hasattr(array, "__arrow_array__"):
            values = array.__arrow_array__()
        else:
            values = pa.array(values.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
    return values if isinstance(values, pa.ChunkedArray) else pa.chunked_array([values])


def as_mask(booleans) -> np.ndarray:
    """Return a pyarrow boolean array as a numpy mask, missing as False."""
    import pyarrow.compute as pc

    return np.asarray(pc.fill_null(booleans, False).to_numpy(zero_copy_only=False), dtype=bool)


def filled_mask(array) -> np.ndarray:
    """Return, per value of a pyarrow (chunked) string array, whether it is neither missing nor empty text."""
    parts = []
    for chunk in arrow_text(array).chunks:
        filled = np.diff(string_buffers(chunk)[0]) > 0
        if chunk.null_count:
            filled &= np.asarray(chunk.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        parts.append(filled)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def trimmed(values):
    """Return text values as a pyarrow chunked array with whitespace around each value removed, as every table is read."""
    import pyarrow.compute as pc

    return pc.utf8_trim_whitespace(arrow_text(values))


def string_buffers(chunk) -> tuple[np.ndarray, np.ndarray]:
    """Return a (large_)string array's value offsets and its data bytes, as numpy views."""
    import pyarrow as pa

    _, offsets, data = chunk.buffers()
    dtype = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    offsets = np.frombuffer(offsets, dtype=dtype)[chunk.offset : chunk.offset + len(chunk) + 1]
    data = np.frombuffer(data, dtype=np.uint8) if data is not None else np.zeros(0, dtype=np.uint8)
    return offsets, data


def _all_whole_numbers(chunk) -> bool:
    """Whether every value of a chunk matches WHOLE_RE or is empty, judged on its bytes in one pass."""
    offsets, data = string_buffers(chunk)
    values = data[offsets[0] : offsets[-1]]
    if not len(values):
        return True
    if values.min() < 0x30 or values.max() > 0x39:
        return False
    lengths = np.diff(offsets)
    if lengths.max() > MAX_DIGITS:
        return False
    present = lengths > 0
    first = np.take(data, offsets[:-1][present], mode="clip")
    return not ((first == 0x30) & (lengths[present] > 1)).any()


def _only_decimal_bytes(chunk) -> bool:
    """Whether every value of a chunk is written with digits, ``.`` and ``-`` alone.

    For such text pyarrow's cast to float64 reads exactly the values that
    match NUMBER_RE and fails on any other (``1-2``, ``1.2.3``, ``-``).
    """
    offsets, data = string_buffers(chunk)
    values = data[offsets[0] : offsets[-1]]
    return not len(values) or not (values.min() < 0x2D or values.max() > 0x39 or (values == 0x2F).any())


def not_whole_numbers(values) -> np.ndarray:
    """Return, per value, whether it is filled and does not match :data:`WHOLE_RE`.

    One pass over the bytes settles a column of plain whole numbers; only a
    column with another value is matched value by value.
    """
    import pyarrow.compute as pc

    array = arrow_text(values)
    if all(_all_whole_numbers(chunk) for chunk in array.chunks):
        return np.zeros(len(array), dtype=bool)
    return filled_mask(array) & ~as_mask(pc.match_substring_regex(array, WHOLE_RE))


def read_numbers(values) -> tuple[np.ndarray, np.ndarray]:
    """Read text as numbers written as :data:`NUMBER_RE` allows.

    Returns the float64 values (NaN where empty or not a number) and, per
    value, whether it is filled and not a number. A column of digits, ``.``
    and ``-`` alone is read by one pyarrow cast; any other is matched value
    by value first.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    array = arrow_text(values)
    filled = filled_mask(array)
    present = array
    if (~filled).sum() != array.null_count:  # empty text: missing, as the typed pass reads it
        present = pc.if_else(pc.equal(array, ""), pa.scalar(None, array.type), array)
    if all(_only_decimal_bytes(chunk) for chunk in array.chunks):
        try:
            numbers = pc.cast(present, pa.float64())
            return np.asarray(numbers.to_numpy(zero_copy_only=False), dtype=np.float64), np.zeros(len(array), bool)
        except pa.ArrowInvalid:
            pass
    shaped = pc.match_substring_regex(present, NUMBER_RE)
    numbers = pc.if_else(shaped, present, pa.scalar(None, array.type))
    try:
        numbers = np.asarray(pc.cast(numbers, pa.float64()).to_numpy(zero_copy_only=False), dtype=np.float64)
    except pa.ArrowInvalid:  # a number pyarrow does not read (pandas does)
        numbers = pd.to_numeric(pd.Series(numbers.to_pandas()), errors="coerce").to_numpy(dtype=np.float64)
    return numbers, filled & ~as_mask(shaped)


def parse_dates(values) -> pd.Series:
    """Return text dates written YYYY-MM-DD as datetime64[ns]: NaT where empty, not a real day or outside DATE_RANGE.

    ``values`` is a pandas Series of text (the result keeps its index) or a
    pyarrow text array. The texts of the right shape are cast to days in
    one pyarrow call; only when one of them is not a real day (2020-02-30)
    are they read one by one.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    array = arrow_text(values)
    shaped = pc.if_else(pc.match_substring_regex(array, _DATE_RE), array, pa.scalar(None, array.type))
    try:
        days = pc.cast(shaped, pa.date32()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        days = pd.to_datetime(pd.Series(shaped.to_pandas()), format="%Y-%m-%d", errors="coerce").to_numpy()
    index = values.index if isinstance(values, pd.Series) else None
    return pd.Series(within_range(np.asarray(days, dtype="datetime64[D]")).astype("datetime64[ns]"), index=index)


def within_range(days: np.ndarray) -> np.ndarray:
    """Return days (datetime64[D]) with NaT where outside :data:`schema.DATE_RANGE` (checked before any cast)."""
    outside = (days < np.datetime64(DATE_RANGE[0])) | (days > np.datetime64(DATE_RANGE[1]))
    return np.where(outside, np.datetime64("NaT"), days) if outside.any() else days


@functools.cache
def _vocabulary_dtype(allowed: tuple) -> pd.CategoricalDtype:
    """Return the categorical dtype of a vocabulary (built and checked once: building it costs 80 us a column)."""
    return pd.CategoricalDtype(list(allowed), ordered=all(isinstance(a, int) for a in allowed))


def vocabulary_codes(col: Column, codes: np.ndarray) -> pd.Series:
    """Return positions in ``col``'s vocabulary (-1: missing) as a categorical Series of it.

    Integer vocabularies (precision codes) are ordered.
    """
    return pd.Series(pd.Categorical.from_codes(codes, dtype=_vocabulary_dtype(tuple(col.allowed))))


def categorical(col: Column, codes: np.ndarray, words: Sequence) -> pd.Series:
    """Return records as a categorical of ``col``'s vocabulary (matched by their text), other values missing.

    ``codes`` gives each record's position in ``words`` (its column's
    distinct values), -1 where empty: the few distinct values are mapped,
    not every record. Integer vocabularies (precision codes) are ordered.
    """
    position = {str(c): i for i, c in enumerate(col.allowed)}
    dtype = np.int8 if len(col.allowed) < 127 else np.int32
    lookup = np.array([position.get(str(w), -1) for w in words] + [-1], dtype=dtype)
    return vocabulary_codes(col, lookup[codes])


def _present(array):
    """Return a pyarrow text array with empty values missing."""
    import pyarrow as pa
    import pyarrow.compute as pc

    # missing values take no bytes: any other value of none is empty text
    if not any(np.count_nonzero(np.diff(string_buffers(chunk)[0]) == 0) > chunk.null_count for chunk in array.chunks):
        return array
    return pc.if_else(pc.equal(array, ""), pa.scalar(None, array.type), array)


def as_text(values) -> pd.Series:
    """Return text values as a ``string`` Series, empty values missing."""
    return pd.Series(pd.arrays.ArrowStringArray(_present(arrow_text(values))))


def as_int64(values) -> pd.Series:
    """Return whole numbers written as :data:`WHOLE_RE` allows as an ``Int64`` Series, empty values missing."""
    import pyarrow as pa
    import pyarrow.compute as pc

    numbers = pc.cast(_present(arrow_text(values)), pa.int64())  # at most 18 digits: below 2**63
    return pd.Series(numbers.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)).astype("Int64")


def layout(names, columns: Sequence[Column]) -> list[Column]:
    """Return the columns of a converted table, in order: those of ``columns`` among ``names``, then the others as text."""
    specified = {c.name for c in columns}
    return [c for c in columns if c.name in names] + [Column(name, "text") for name in names if name not in specified]


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
        if col.kind == "date":
            out[col.name] = parse_dates(values).reset_index(drop=True)
        elif col.kind == "int":
            out[col.name] = as_int64(values)
        elif col.kind in ("latitude", "longitude", "float"):
            out[col.name] = pd.Series(read_numbers(values)[0])
        elif col.kind == "category":
            out[col.name] = categorical(col, *pd.factorize(values, use_na_sentinel=True))
        else:
            out[col.name] = as_text(values)
    specified = {c.name for c in columns}
    for name in frame.columns:
        if name not in specified:
            out[name] = frame[name].astype("string")
    return frame_of(out, len(frame))


def frame_of(columns: Mapping[str, pd.Series], rows: int) -> pd.DataFrame:
    """Return a frame of new columns, in order, each taken by position (whatever its index), without copying them.

    Built from the columns' arrays: a frame built from Series aligns each
    on its index first (three times as long for a few hundred rows).
    """
    return pd.DataFrame({name: values.array for name, values in columns.items()}, index=pd.RangeIndex(rows), copy=False)
