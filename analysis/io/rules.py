"""The rules of a table's values: what makes a value, a row or a pair of columns wrong, stated once.

:func:`column_problems` is the one statement of a column's own rules (a
required value, R's ``NA``, the form of its kind, bounds, a vocabulary);
:func:`repeated` and :func:`pair_problems` say which records repeat an
identifier or pair two values wrongly. They take text as pandas or
pyarrow holds it and return masks, so that both ways of reading a file
follow them: the typed pass (:mod:`analysis.io._typed`) declines a file
when any mask holds a record, and the ``check_*`` functions here record
each record in a :class:`~analysis.io.problems.Checker` as (record, column,
value, rule), so the text path names its line. Nothing is raised here. The
coded tables' rules between columns (``check_low_high``,
``check_date_order``, ``check_event_dates``, ``check_coordinates_pair``,
``check_references``) are read on the text path alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..schema import (
    DATE_ORIGIN_REFERENCES,
    DATE_ORIGINS,
    DATE_RANGE,
    REGION_BOUNDS,
    WEEK_PRECISION_MAX_DAYS,
    WEEKDAY_NAMES,
    Column,
)
from .parse import arrow_text, as_mask, filled_mask, not_whole_numbers, parse_dates, read_numbers, string_buffers
from .problems import Checker
from .text_table import TextTable

INT_RULE = ("is not a whole number >= 0 written in digits 0-9 "
            "(no sign, decimal point or leading zero; at most 18 digits)")
DATE_RULE = f"is not a real day written YYYY-MM-DD from {DATE_RANGE[0]} to {DATE_RANGE[1]}"
NUMBER_RULE = "is not a number (digits 0-9 with an optional sign and decimal point, e.g. 33.2625)"
EMPTY_RULE = "is empty; a value is required"
#: The most a count may plausibly be, per column: far above any event reported (ACLED's deadliest single
#: events count thousands), far below what a date axis or a sum can hold.
PLAUSIBLE_MAX = {"fatalities": 100_000}
#: What R writes for a missing value; read as missing in the columns a loader names.
NA_TEXT = "NA"
NA_RULE = "is NA (R's mark of a missing value); a value is required"
_SHA_RE = r"^[0-9a-f]{64}$"
_SHA_RULE = "is not a SHA-256 hex digest (64 lowercase hex digits)"
_ORIGIN_RE = "^(?:" + "|".join(DATE_ORIGINS) + "|(?:" + "|".join(DATE_ORIGIN_REFERENCES) + r") \S+)$"
_ORIGIN_FORMS = [repr(o) for o in DATE_ORIGINS] + [f"'{kind} <id>'" for kind in DATE_ORIGIN_REFERENCES]
_ORIGIN_RULE = f"is not a date origin; expected {', '.join(_ORIGIN_FORMS[:-1])} or {_ORIGIN_FORMS[-1]}"
#: Text kinds checked by a pattern: (pattern, rule).
_PATTERNS = {"origin": (_ORIGIN_RE, _ORIGIN_RULE), "sha256": (_SHA_RE, _SHA_RULE)}
NUMBER_KINDS = ("latitude", "longitude", "float")
#: The kinds whose values have a form or a vocabulary to check.
_FORMS = ("date", "int", "category", *NUMBER_KINDS, *_PATTERNS)


def describe_allowed(allowed: Sequence, limit: int = 12) -> str:
    """Return the allowed values of a vocabulary as a short sentence part."""
    shown = ", ".join(repr(str(a)) for a in list(allowed)[:limit])
    more = len(allowed) - limit
    return f"one of {shown}" + (f" (and {more} more)" if more > 0 else "")


def value_range(kind: str, region) -> tuple[float, float, str] | None:
    """Return (lowest, highest, what they bound) for a coordinate kind; None for any other kind.

    ``region`` is (lat_min, lat_max, lon_min, lon_max), or None for any
    valid latitude or longitude.
    """
    if kind == "latitude":
        return (region[0], region[1], "the region") if region else (-90.0, 90.0, "the valid range")
    if kind == "longitude":
        return (region[2], region[3], "the region") if region else (-180.0, 180.0, "the valid range")
    return None


def column_problems(col: Column, values, *, region=REGION_BOUNDS, na: bool = False
                    ) -> tuple[list[tuple[np.ndarray, str]], np.ndarray | None]:
    """Return what breaks the rules of ``col`` among ``values``, and the numbers read from a number column.

    The one statement of a column's rules, whichever path reads the file:
    ``values`` is text (a pandas Series, or a pyarrow array of every value
    or of a column's distinct values), empty or missing where the file has
    no value. Returns (mask, rule) pairs, one mask of ``values`` per rule, in
    the order a message lists them: R's ``NA`` where ``na`` says it means a
    missing value, empty required values, then the form of the kind (a date,
    a whole number, a number within :func:`value_range`, a value of the
    vocabulary, a date origin, a SHA-256 digest).
    """
    if not (col.required or na or col.kind in _FORMS):
        return [], None
    array = arrow_text(values)
    problems, empty = _missing_problems(col, array, na)
    form, numbers = _form_problems(col, array, ~empty, region)
    return problems + form, numbers


def _missing_problems(col: Column, array, na: bool) -> tuple[list[tuple[np.ndarray, str]], np.ndarray]:
    """Return the problems of missing values in ``array`` (R's ``NA`` where ``na`` says it means one, then empty
    required values), and which values are missing."""
    import pyarrow.compute as pc

    blank = ~filled_mask(array)
    empty = blank
    problems = []
    if na:
        is_na = as_mask(pc.equal(array, NA_TEXT))
        if col.required:
            problems.append((is_na, NA_RULE))
        if is_na.any():
            empty = empty | is_na
    if col.required:
        problems.append((blank, EMPTY_RULE))
    return problems, empty


def _form_problems(col: Column, array, filled: np.ndarray, region) -> tuple[list[tuple[np.ndarray, str]],
                                                                              np.ndarray | None]:
    """Return the problems of the ``filled`` values of ``array`` with the form of ``col``'s kind, and the numbers
    read from a number column."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if col.kind == "date":
        return [(filled & parse_dates(array).isna().to_numpy(), DATE_RULE)], None
    if col.kind == "int":
        return _whole_number_problems(col, array, filled), None
    if col.kind in NUMBER_KINDS:
        return _number_problems(col, array, filled, region)
    if col.kind == "category":
        allowed = [str(a) for a in col.allowed]
        known = as_mask(pc.is_in(array, value_set=pa.array(allowed, type=array.type)))
        return [(filled & ~known, f"is not allowed; expected {describe_allowed(allowed)}")], None
    if col.kind in _PATTERNS:
        pattern, rule = _PATTERNS[col.kind]
        return [(filled & ~as_mask(pc.match_substring_regex(array, pattern)), rule)], None
    return [], None


def _whole_number_problems(col: Column, array, filled: np.ndarray) -> list[tuple[np.ndarray, str]]:
    """Return the problems of a whole-number column: values that are not one, and counts above the plausible
    maximum of the column (:data:`PLAUSIBLE_MAX`)."""
    not_whole = not_whole_numbers(array)
    problems = [(filled & not_whole, INT_RULE)]
    if col.name in PLAUSIBLE_MAX:
        problems.append((_above(array, filled & ~not_whole, PLAUSIBLE_MAX[col.name]), max_rule(col.name)))
    return problems


def _number_problems(col: Column, array, filled: np.ndarray, region) -> tuple[list[tuple[np.ndarray, str]],
                                                                                np.ndarray]:
    """Return the problems of a number column (values that are not a number, numbers outside
    :func:`value_range`) and the numbers read."""
    numbers, bad = read_numbers(array)
    problems = [(filled & bad, NUMBER_RULE)]
    bounds = value_range(col.kind, region)
    if bounds is not None:
        lo, hi, what = bounds
        with np.errstate(invalid="ignore"):
            outside = filled & ((numbers < lo) | (numbers > hi))
        problems.append((outside, f"is outside {what}: {col.kind} must be from {lo} to {hi}"))
    return problems, numbers


def max_rule(name: str) -> str:
    """Return the rule a count above its plausible maximum (:data:`PLAUSIBLE_MAX`) breaks."""
    return (f"is more {name} than any single event has had; at most {PLAUSIBLE_MAX[name]:,} "
            "(a value pasted into the wrong column, or a typing error?)")


def _above(array, whole: np.ndarray, limit: int) -> np.ndarray:
    """Return, per value, whether it is a whole number (``whole``: per value, written as one) above ``limit``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not whole.any():
        return whole
    digits = pc.if_else(pa.array(whole), array, "0")  # at most 18 digits: below 2**63
    return whole & as_mask(pc.greater(pc.cast(digits, pa.int64()), limit))


def check_columns(
    table: TextTable, columns: Sequence[Column], checker: Checker, *, region=REGION_BOUNDS, na_columns=frozenset()
) -> None:
    """Record in ``checker`` what breaks the rules of :func:`column_problems` in every column present.

    In the columns named in ``na_columns``, ``NA`` counts as a missing value
    (refused where a value is required).
    """
    frame = table.frame
    for col in columns:
        if col.name in frame.columns:
            values = frame[col.name]
            for mask, rule in column_problems(col, values, region=region, na=col.name in na_columns)[0]:
                checker.add_mask(mask, col.name, values, rule)


def has_value(values, text: str) -> bool:
    """Return whether any value (of a pandas Series or a pyarrow array) equals ``text``, in one pyarrow pass."""
    import pyarrow.compute as pc

    return bool(pc.any(pc.equal(arrow_text(values), text)).as_py())


_MASKS = np.array([0] + [(1 << (8 * k)) - 1 for k in range(1, 8)] + [(1 << 64) - 1], dtype=np.uint64)


def _string_keys(array, max_bytes: int = 32) -> np.ndarray | None:
    """Return a 64-bit key per value of a string array (equal values, equal keys), or None if a value is long.

    The key mixes the value's bytes, eight at a time, and its length.
    """
    offsets, data = string_buffers(array)
    lo, hi = int(offsets[0]), int(offsets[-1])
    lengths = np.diff(offsets)
    if not len(lengths):
        return np.zeros(0, dtype=np.uint64)
    width = int(lengths.max())
    if width > max_bytes:
        return None
    padded = np.zeros(hi - lo + 8, dtype=np.uint8)
    padded[: hi - lo] = data[lo:hi]
    # eight bytes starting at every byte of the values (the last ones padded with zeros)
    words = np.ndarray(shape=(hi - lo + 1,), dtype="<u8", buffer=padded, strides=(1,))
    starts = offsets[:-1] - lo
    with np.errstate(over="ignore"):
        keys = lengths.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        for step in range(0, width, 8):
            word = words[np.minimum(starts + step, hi - lo)] & _MASKS[np.clip(lengths - step, 0, 8)]
            keys ^= word
            keys *= np.uint64(0xFF51AFD7ED558CCD)
            keys ^= keys >> np.uint64(33)
    return keys


def _may_repeat(array) -> np.ndarray | None:
    """Return a mask of the values that may repeat another (all that do, and a few that share a key), or None
    when none does.

    Short values are hashed block by block (small temporaries that stay in
    the processor's cache); equal values have equal keys, so a column whose
    keys are all different has no repeat, which is the usual answer.
    """
    keys = [_string_keys(chunk) for chunk in array.chunks]
    if any(k is None for k in keys):  # long values: every value is a candidate
        return np.ones(len(array), dtype=bool)
    keys = np.concatenate(keys) if keys else np.zeros(0, dtype=np.uint64)
    ordered = np.sort(keys)
    shared = ordered[1:][ordered[1:] == ordered[:-1]]
    return np.isin(keys, shared) if len(shared) else None


def repeated(values) -> tuple[np.ndarray, np.ndarray]:
    """Return the records whose value repeats an earlier one (empty values aside), and the record of its first use."""
    array = arrow_text(values)
    candidates = _may_repeat(array)
    none = np.array([], dtype=np.int64)
    if candidates is None:
        return none, none
    rows = np.flatnonzero(candidates & filled_mask(array))
    subset = pd.Series(array.take(rows).to_pandas(), dtype=object)
    rows = rows[subset.duplicated(keep=False).to_numpy()]
    if not len(rows):
        return none, none
    repeats = pd.Series(array.take(rows).to_pandas(), dtype=object)
    later = repeats.duplicated(keep="first").to_numpy()
    first_of = dict(zip(repeats[~later], rows[~later]))
    return rows[later], np.array([first_of[v] for v in repeats[later]], dtype=np.int64)


def check_unique(table: TextTable, column: str, checker: Checker) -> None:
    """Record every repeat of a value of an identifier column (naming the line of its first use)."""
    values = table.frame[column]
    later, first = repeated(values)
    rules = [f"is a duplicate id (also on line {line}); ids must be unique" for line in table.lines_of(first)]
    checker.add_records(later, column, values, rules)


def check_low_high(table: TextTable, low: str, high: str, checker: Checker) -> None:
    """Record rows where both bounds are whole numbers and ``low > high``."""
    frame = table.frame
    if low not in frame or high not in frame:
        return
    lo = pd.to_numeric(frame[low].where(~not_whole_numbers(frame[low])), errors="coerce")
    hi = pd.to_numeric(frame[high].where(~not_whole_numbers(frame[high])), errors="coerce")
    bad = lo.notna() & hi.notna() & (lo > hi)
    checker.add_mask(bad, low, frame[low], f"is greater than {high} ({'/'.join(frame[high][bad].head(1))}); expected {low} <= {high}")


def check_date_order(table: TextTable, start: str, end: str, checker: Checker) -> None:
    """Record rows where both dates are valid and ``start`` is after ``end``."""
    frame = table.frame
    if start not in frame or end not in frame:
        return
    s, e = parse_dates(frame[start]), parse_dates(frame[end])  # NaT where not a valid date
    bad = s.notna() & e.notna() & (s > e)
    checker.add_mask(bad, end, frame[end], f"is before {start}; a date range must not end before it starts")


def check_event_dates(table: TextTable, checker: Checker) -> None:
    """Check event_date against the range and time_precision against its span."""
    frame = table.frame
    needed = {"date_start", "date_end", "event_date", "time_precision"}
    if not needed <= set(frame.columns):
        return
    parse = {c: parse_dates(frame[c]) for c in ("date_start", "date_end", "event_date")}  # NaT where not valid
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
    if "weekday" in frame:
        _check_weekdays(frame, parse, checker)


def _check_weekdays(frame: pd.DataFrame, dates: dict[str, pd.Series], checker: Checker) -> None:
    """Record the dates of an event with a weekday that do not fall on it (a valid date of a known weekday only)."""
    weekday = frame["weekday"]
    wanted = weekday.map({name: i for i, name in enumerate(WEEKDAY_NAMES)})  # NaN: empty or not a weekday
    for column, days in dates.items():
        bad = (wanted.notna() & days.notna() & (days.dt.day_of_week != wanted)).to_numpy(dtype=bool)
        if not bad.any():
            continue
        rules = [f"is a {WEEKDAY_NAMES[day]}, not a {name} (the row's weekday); date_start, date_end and event_date "
                 "of an event with a weekday fall on it"
                 for day, name in zip(days[bad].dt.day_of_week, weekday[bad])]
        checker.add_records(np.flatnonzero(bad), column, frame[column], rules)


def pair_problems(first: tuple[np.ndarray, Sequence[str]], second: tuple[np.ndarray, Sequence[str]],
                  pairs: dict[str, tuple[str, ...]]) -> list[tuple[np.ndarray, str]]:
    """Return the records whose second value belongs to another first value than theirs, as (mask, rule) per first value.

    ``first`` and ``second`` are each column's codes (one per record, -1
    where empty) and distinct values; ``pairs`` gives the second values each
    first value allows. A second value that no first value allows is the
    vocabulary's concern, not this rule's.
    """
    (first_codes, first_words), (second_codes, second_words) = first, second
    known = {s for subs in pairs.values() for s in subs}
    # one cell per (first, second) pair of distinct values: is the pair wrong?
    wrong = np.array([[f in pairs and s in known and s not in pairs[f] for s in second_words] for f in first_words],
                     dtype=bool).reshape(len(first_words), len(second_words))
    if not wrong.any():
        return []
    bad = (first_codes >= 0) & (second_codes >= 0)
    bad[bad] = wrong[first_codes[bad], second_codes[bad]]
    return [(bad & (first_codes == number), f"is not a sub-event type of {word!r}; expected {describe_allowed(pairs[word])}")
            for number, word in enumerate(first_words) if word in pairs]


def check_sub_event_types(table: TextTable, pairs: dict[str, tuple[str, ...]], checker: Checker) -> None:
    """Record sub-event types that do not belong to the row's event type."""
    frame = table.frame
    if "event_type" not in frame or "sub_event_type" not in frame:
        return
    for mask, rule in pair_problems(pd.factorize(frame["event_type"]), pd.factorize(frame["sub_event_type"]), pairs):
        checker.add_mask(mask, "sub_event_type", frame["sub_event_type"], rule)


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


def padded_truncation(frame: pd.DataFrame, columns: Sequence[Column]) -> tuple[int, str, str] | None:
    """Return where the last record stops when it was cut off and padded with empty fields, or None.

    A record cut off mid-value and padded to the header's width ends with a
    run of empty fields that holds two or more required values: returns the
    position of the last field with a value, its column, and the rule, so
    the record is named once as truncated rather than once per empty value.
    """
    if not len(frame):
        return None
    last = frame.iloc[-1].to_numpy()
    names = list(frame.columns)
    filled = np.flatnonzero(last != "")
    stop = int(filled[-1]) if len(filled) else -1
    required = {c.name for c in columns if c.required}
    empty_required = [name for name in names[stop + 1:] if name in required]
    if stop < 0 or len(empty_required) < 2:
        return None
    rule = (f"is truncated: the last record stops in column {names[stop]!r} and its {len(names) - stop - 1} fields "
            f"after it are empty, {len(empty_required)} of them required ({', '.join(empty_required)}); "
            "the file ends there (an interrupted download?)")
    return stop, names[stop], rule
