"""The per-column rules of a table read as text: what makes a value, a row or a pair of columns wrong.

Each check looks at whole columns at once (vectorized pandas operations)
and records what breaks a rule in a :class:`~analysis.io.problems.Checker`
as (record, column, value, rule); nothing is raised here. The checks run
on a :class:`~analysis.io.text_table.TextTable` before its columns are
converted (:mod:`analysis.io.parse`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from .parse import parse_dates, parse_numbers
from .problems import Checker
from .text_table import TextTable
from ..schema import DATE_ORIGIN_REFERENCES, DATE_ORIGINS, DATE_RANGE, REGION_BOUNDS, WEEK_PRECISION_MAX_DAYS, Column

#: A whole number: ASCII digits, no sign, no leading zero, at most 18 digits (below 2**63).
_INT_RE = r"^(0|[1-9][0-9]{0,17})$"
_SHA_RE = r"^[0-9a-f]{64}$"
INT_RULE = ("is not a whole number >= 0 written in digits 0-9 "
            "(no sign, decimal point or leading zero; at most 18 digits)")
DATE_RULE = f"is not a real day written YYYY-MM-DD from {DATE_RANGE[0]} to {DATE_RANGE[1]}"
NUMBER_RULE = "is not a number (digits 0-9 with an optional sign and decimal point, e.g. 33.2625)"
#: What R writes for a missing value; read as missing in the columns a loader names.
NA_TEXT = "NA"
NA_RULE = "is NA (R's mark of a missing value); a value is required"
_ORIGIN_RE = "^(?:" + "|".join(DATE_ORIGINS) + "|(?:" + "|".join(DATE_ORIGIN_REFERENCES) + r") \S+)$"
_ORIGIN_FORMS = [repr(o) for o in DATE_ORIGINS] + [f"'{kind} <id>'" for kind in DATE_ORIGIN_REFERENCES]
_ORIGIN_RULE = f"is not a date origin; expected {', '.join(_ORIGIN_FORMS[:-1])} or {_ORIGIN_FORMS[-1]}"


def describe_allowed(allowed: Sequence, limit: int = 12) -> str:
    """Return the allowed values of a vocabulary as a short sentence part."""
    shown = ", ".join(repr(str(a)) for a in list(allowed)[:limit])
    more = len(allowed) - limit
    return f"one of {shown}" + (f" (and {more} more)" if more > 0 else "")


def check_columns(
    table: TextTable, columns: Sequence[Column], checker: Checker, *, region=REGION_BOUNDS, na_columns=frozenset()
) -> None:
    """Check every column of ``columns`` present in the table by its kind.

    Empty required values, malformed dates, counts, coordinates, hashes and
    values outside a vocabulary are recorded in ``checker``. In the columns
    named in ``na_columns``, ``NA`` counts as a missing value (refused where
    a value is required).
    """
    frame = table.frame
    for col in columns:
        if col.name not in frame.columns:
            continue
        values = frame[col.name]
        blank = (values == "").to_numpy(dtype=bool)
        empty = blank
        if col.name in na_columns:
            na = (values == NA_TEXT).to_numpy(dtype=bool)
            if col.required:
                checker.add_mask(na, col.name, values, NA_RULE)
            empty = blank | na
        if col.required:
            checker.add_mask(blank, col.name, values, "is empty; a value is required")
        filled = ~empty
        if col.kind == "date":
            bad = filled & ~_valid_dates(values).to_numpy(dtype=bool)
            checker.add_mask(bad, col.name, values, DATE_RULE)
        elif col.kind == "int":
            bad = filled & ~values.str.fullmatch(_INT_RE).to_numpy(dtype=bool)
            checker.add_mask(bad, col.name, values, INT_RULE)
        elif col.kind in ("latitude", "longitude", "float"):
            numbers = parse_numbers(values)
            checker.add_mask(filled & numbers.isna().to_numpy(), col.name, values, NUMBER_RULE)
            if col.kind == "latitude":
                lo, hi = (region[0], region[1]) if region else (-90.0, 90.0)
            elif col.kind == "longitude":
                lo, hi = (region[2], region[3]) if region else (-180.0, 180.0)
            else:
                continue
            outside = filled & (numbers.notna() & ((numbers < lo) | (numbers > hi))).to_numpy()
            what = "the region" if region else "the valid range"
            checker.add_mask(outside, col.name, values, f"is outside {what}: {col.kind} must be from {lo} to {hi}")
        elif col.kind == "category":
            allowed = [str(a) for a in col.allowed]
            bad = filled & ~values.isin(allowed).to_numpy(dtype=bool)
            checker.add_mask(bad, col.name, values, f"is not allowed; expected {describe_allowed(allowed)}")
        elif col.kind == "origin":
            checker.add_mask(filled & ~values.str.fullmatch(_ORIGIN_RE), col.name, values, _ORIGIN_RULE)
        elif col.kind == "sha256":
            bad = filled & ~values.str.fullmatch(_SHA_RE).to_numpy(dtype=bool)
            checker.add_mask(bad, col.name, values, "is not a SHA-256 hex digest (64 lowercase hex digits)")


def has_value(values: pd.Series, text: str) -> bool:
    """Return whether any value equals ``text`` (one pyarrow pass, no boolean Series)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    array = values.array
    if hasattr(array, "__arrow_array__"):
        try:
            return bool(pc.any(pc.equal(array.__arrow_array__(), text)).as_py())
        except (pa.ArrowException, TypeError):
            pass
    return bool((values == text).any())


def _valid_dates(values: pd.Series) -> pd.Series:
    return parse_dates(values).notna()


def check_unique(table: TextTable, column: str, checker: Checker) -> None:
    """Record every repeat of a value of an identifier column (naming the line of its first use)."""
    values = table.frame[column]
    duplicated = (values.duplicated(keep=False) & (values != "")).to_numpy(dtype=bool)
    if not duplicated.any():
        return
    rows = np.flatnonzero(duplicated)
    repeated = values.iloc[rows]
    first_of = dict(zip(repeated.drop_duplicates(keep="first"), rows[~repeated.duplicated(keep="first").to_numpy()]))
    later = rows[repeated.duplicated(keep="first").to_numpy()]
    first_lines = table.lines_of(np.array([first_of[v] for v in values.iloc[later]], dtype=np.int64))
    rules = [f"is a duplicate id (also on line {line}); ids must be unique" for line in first_lines]
    checker.add_records(later, column, values, rules)


def check_low_high(table: TextTable, low: str, high: str, checker: Checker) -> None:
    """Record rows where both bounds are whole numbers and ``low > high``."""
    frame = table.frame
    if low not in frame or high not in frame:
        return
    lo = pd.to_numeric(frame[low].where(frame[low].str.fullmatch(_INT_RE)), errors="coerce")
    hi = pd.to_numeric(frame[high].where(frame[high].str.fullmatch(_INT_RE)), errors="coerce")
    bad = lo.notna() & hi.notna() & (lo > hi)
    checker.add_mask(bad, low, frame[low], f"is greater than {high} ({'/'.join(frame[high][bad].head(1))}); expected {low} <= {high}")


def check_date_order(table: TextTable, start: str, end: str, checker: Checker) -> None:
    """Record rows where both dates are valid and ``start`` is after ``end``."""
    frame = table.frame
    if start not in frame or end not in frame:
        return
    s = pd.to_datetime(frame[start].where(_valid_dates(frame[start])), format="%Y-%m-%d", errors="coerce")
    e = pd.to_datetime(frame[end].where(_valid_dates(frame[end])), format="%Y-%m-%d", errors="coerce")
    bad = s.notna() & e.notna() & (s > e)
    checker.add_mask(bad, end, frame[end], f"is before {start}; a date range must not end before it starts")


def check_event_dates(table: TextTable, checker: Checker) -> None:
    """Check event_date against the range and time_precision against its span."""
    frame = table.frame
    needed = {"date_start", "date_end", "event_date", "time_precision"}
    if not needed <= set(frame.columns):
        return
    parse = {
        c: pd.to_datetime(frame[c].where(_valid_dates(frame[c])), format="%Y-%m-%d", errors="coerce")
        for c in ("date_start", "date_end", "event_date")
    }
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


def check_sub_event_types(table: TextTable, pairs: dict[str, tuple[str, ...]], checker: Checker) -> None:
    """Record sub-event types that do not belong to the row's event type."""
    frame = table.frame
    if "event_type" not in frame or "sub_event_type" not in frame:
        return
    valid = {(t, s) for t, subs in pairs.items() for s in subs}
    known_subs = {s for subs in pairs.values() for s in subs}
    types, type_values = pd.factorize(frame["event_type"])
    subs, sub_values = pd.factorize(frame["sub_event_type"])
    # one cell per (event type, sub-event type) present: is the pair wrong?
    wrong = np.array(
        [[t in pairs and s in known_subs and (t, s) not in valid for s in sub_values] for t in type_values],
        dtype=bool,
    ).reshape(len(type_values), len(sub_values))
    bad = (types >= 0) & (subs >= 0)
    bad[bad] = wrong[types[bad], subs[bad]]
    for number, event_type in enumerate(type_values):
        if event_type not in pairs:
            continue
        checker.add_mask(bad & (types == number), "sub_event_type", frame["sub_event_type"],
                         f"is not a sub-event type of {event_type!r}; expected {describe_allowed(pairs[event_type])}")


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
