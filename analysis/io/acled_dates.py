"""Read ACLED's ``event_date`` in the forms that exports really have.

ACLED writes ``2020-12-31`` (current exports) or ``31 December 2020`` (older
ones). A spreadsheet that opened and saved the file rewrites them:
``31-Dec-20``, ``9-May-20``, ``31-12-20``, ``12/31/2020``, ``31/12/2020``.
:func:`parse_event_dates` reads all of these:

* ISO days go through pyarrow's date cast (the clean path, as fast as before);
* every other value is parsed once per distinct text, then mapped to rows;
* a two-digit year takes its century from the row's ``year`` column (which
  every export has), so ``31-Dec-20`` is 2020 where ``year`` is 2020 and
  an error where it is 1920 or 2021;
* day-first or month-first is decided for the whole file: a numeric date
  whose first number is above 12 makes the file day-first, one whose second
  number is above 12 month-first; a file with both is refused, and a file
  with neither (every date like ``03/04/2020``) is refused as ambiguous
  unless ``dayfirst`` says which.

Every date must also agree with ``year``, and lie in ``schema.DATE_RANGE``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..schema import DATE_RANGE
from .parse import filled_mask, parse_dates, read_numbers
from .problems import Checker, Rule, show
from .rules import NA_TEXT, has_value
from .text_table import TextTable

MONTHS: dict[str, int] = {
    name: number
    for number, full in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december"),
        start=1,
    )
    for name in (full, full[:3])
}
# 31 December 2020, 31-Dec-20, 9-May-2020, 31 Dec 20
_NAMED = re.compile(r"^([0-9]{1,2})([ -])([A-Za-z]+)\2([0-9]{2}|[0-9]{4})$")
# 31-12-19, 31/12/2020, 12/31/2020, 31.12.2020
_NUMERIC = re.compile(r"^([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{2}|[0-9]{4})$")
# 2020/12/31, 2020-1-3
_YEAR_FIRST = re.compile(r"^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})$")

DATE_FORMS = "2020-12-31, 31 December 2020, 31-Dec-20, 9-May-20, 31-12-20, 31/12/2020, 12/31/2020"
DATE_RULE = Rule("is not a real day in a form ACLED exports or spreadsheets write",
                 f" ({DATE_FORMS}) from {DATE_RANGE[0]} to {DATE_RANGE[1]}")
_SERIAL_FIX = ": the column was saved as numbers; format it as a date (yyyy-mm-dd) and save the file again"
TIME_RULE = Rule("has a time of day after the day",
                 "; event_date is a day: format the column as a date without the time (or remove the time) and save "
                 "the file again")
#: A spreadsheet's day number (Excel's 1900 date system: day 1 is 1900-01-01, counted from 1899-12-30).
_SERIAL = re.compile(r"^[0-9]{5}$")
_SERIAL_EPOCH = np.datetime64("1899-12-30")
#: A day followed by a time of day, as a spreadsheet writes a date cell formatted with its time.
_WITH_TIME = re.compile(r"^(\S+)[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?: ?[AaPp][Mm])?$")
YEAR_RULE = "is not the year of event_date"


def _read(text: str) -> tuple[int, int, int, int, int]:
    """Return (year, first, second, kind, year digits) of one date text; kind 0 unreadable, 1 named month, 2 numeric, 3 year first.

    For named and year-first dates ``first`` is the day and ``second`` the
    month; for numeric ones the order is decided for the whole file.
    """
    match = _NAMED.match(text)
    if match:
        month = MONTHS.get(match.group(3).lower(), 0)
        return int(match.group(4)), int(match.group(1)), month, (1 if month else 0), len(match.group(4))
    match = _NUMERIC.match(text)
    if match:
        return int(match.group(4)), int(match.group(1)), int(match.group(3)), 2, len(match.group(4))
    match = _YEAR_FIRST.match(text)
    if match:
        return int(match.group(1)), int(match.group(4)), int(match.group(3)), 3, 4
    return 0, 0, 0, 0, 0


def _days(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Return datetime64[D] days from their parts; NaT where the parts are not a real day."""
    ok = (month >= 1) & (month <= 12) & (day >= 1) & (year >= 1) & (year <= 9999)
    months = np.where(ok, (year - 1970) * 12 + (month - 1), 0).astype("datetime64[M]")
    length = ((months + 1).astype("datetime64[D]") - months.astype("datetime64[D]")).astype(np.int64)
    ok &= day <= length
    days = months.astype("datetime64[D]") + np.where(ok, day - 1, 0).astype("timedelta64[D]")
    days[~ok] = np.datetime64("NaT")
    outside = (days < np.datetime64(DATE_RANGE[0])) | (days > np.datetime64(DATE_RANGE[1]))
    days[outside] = np.datetime64("NaT")
    return days


def day_first(parts: np.ndarray) -> bool | None:
    """Whether the numeric dates among ``parts`` (rows of :func:`_read`) are day-first, as their values say.

    True when a first number is above 12 (or every date reads the same both
    ways), False when a second number is; None when the file cannot say
    (both kinds, or no number above 12).
    """
    numeric = parts[:, 3] == 2
    first_big = (numeric & (parts[:, 1] > 12)).any()
    second_big = (numeric & (parts[:, 2] > 12)).any()
    if first_big != second_big:
        return bool(first_big)
    if not first_big and (parts[numeric, 1] == parts[numeric, 2]).all():
        return True  # every date reads the same both ways (1/1/2020)
    return None


#: What a file whose dates cannot tell their order must be given (the report's own option names it for its readers:
#: :func:`analysis.report.checks.advice`).
DAY_ORDER_HINT = "pass dayfirst=True (day first) or dayfirst=False (month first) to load_acled"


def _day_order(table: TextTable, rows: np.ndarray, parts: np.ndarray, codes: np.ndarray, dayfirst: bool | None,
               checker: Checker) -> bool | None:
    """Decide whether numeric dates are day-first; None (after recording why) when the file cannot say."""
    numeric = parts[:, 3] == 2
    if not numeric.any() or dayfirst is not None:
        return dayfirst
    order = day_first(parts)
    if order is not None:
        return order
    first_big = numeric & (parts[:, 1] > 12)
    second_big = numeric & (parts[:, 2] > 12)
    rows_of = lambda distinct: rows[np.isin(codes, np.flatnonzero(distinct))]  # noqa: E731
    if first_big.any() and second_big.any():
        day_row, month_row = rows_of(first_big)[0], rows_of(second_big)[0]
        lines = table.lines_of(np.array([day_row, month_row]))
        checker.add(
            None, "event_date", None,
            f"mixes day-first dates ({show(table.frame['event_date'].iloc[day_row])} on line {lines[0]}) and "
            f"month-first dates ({show(table.frame['event_date'].iloc[month_row])} on line {lines[1]}); "
            "a file must write every date in one order",
        )
        return None
    row = rows_of(numeric & (parts[:, 1] != parts[:, 2]))[0]
    line = table.lines_of(np.array([row]))[0]
    checker.add(
        None, "event_date", None,
        f"is ambiguous: no date has a day above 12, so {show(table.frame['event_date'].iloc[row])} (line {line}) "
        f"and every other date could be day/month/year or month/day/year; {DAY_ORDER_HINT}",
    )
    return None


def date_rule(text: str) -> str:
    """Return the rule an unreadable ``event_date`` breaks: :data:`DATE_RULE`, or a hint at what a spreadsheet did
    to it (a day number, a time of day after the day)."""
    if _SERIAL.match(text):
        day = _SERIAL_EPOCH + np.timedelta64(int(text), "D")
        if np.datetime64(DATE_RANGE[0]) <= day <= np.datetime64(DATE_RANGE[1]):
            return Rule(f"looks like a spreadsheet's day number ({text} is {day})", _SERIAL_FIX)
    match = _WITH_TIME.match(text)
    if match and (parse_dates(pd.Series([match.group(1)])).notna().iloc[0] or _read(match.group(1))[3]):
        return TIME_RULE
    return DATE_RULE


def _parts(texts) -> np.ndarray:
    """Return the rows of :func:`_read` for ``texts``, as an array of shape (len(texts), 5)."""
    return np.array([_read(str(text)) for text in texts], dtype=np.int64).reshape(len(texts), 5)


def _full_years(year: np.ndarray, digits: np.ndarray, given: np.ndarray) -> np.ndarray:
    """A two-digit year takes the century of ``given`` (the record's year column) when their last digits agree; -1
    (no day) when they do not."""
    return np.where(digits == 2, np.where(given % 100 == year, given, -1), year)


def _read_forms(parts: np.ndarray, given: np.ndarray, order: bool | None) -> np.ndarray:
    """Return the days of dates read by :func:`_read` (rows of ``parts``), NaT where there is none.

    A two-digit year takes the century of ``given`` (the record's year
    column, -1 where unknown); numeric dates are day-first when ``order`` is
    True, month-first when False, and unread when it is None.
    """
    year, first, second, kind, digits = parts.T
    numeric = kind == 2
    swap = numeric & (order is False)
    parsed = _days(_full_years(year, digits, given), np.where(swap, first, second), np.where(swap, second, first))
    parsed[(kind == 0) | (numeric & (order is None))] = np.datetime64("NaT")
    return parsed


def not_the_year(dates, years) -> np.ndarray:
    """Return, per record, whether its date and its ``year`` column are both known and disagree."""
    days = np.asarray(dates, dtype="datetime64[D]")
    years = np.asarray(years, dtype=np.float64)
    date_years = days.astype("datetime64[Y]").astype(np.int64) + 1970
    return ~np.isnat(days) & np.isfinite(years) & (date_years != years)


def parse_distinct_dates(texts: pd.Series, years: np.ndarray) -> np.ndarray:
    """Parse distinct ``event_date`` texts, each with the year column of a record that holds it.

    For the typed pass of :func:`analysis.io.acled.load_acled`, which reads
    each distinct text once: the same rules as :func:`parse_event_dates`
    (ISO days, then the other forms, day-first or month-first decided from
    all the texts, a two-digit year's century from ``years``). Returns
    datetime64[ns], NaT for a text that is not a day under these rules, and
    NaT everywhere when the day order cannot be decided; the caller leaves
    such a file to :func:`parse_event_dates`, which names the problem. The
    caller must also check every record's year against its date: a text
    held by records of different centuries is parsed for one of them.
    """
    dates, order = _read_dates(texts, years, None)
    if order is None:
        return np.full(len(dates), np.datetime64("NaT"), dtype="datetime64[ns]")
    return dates


def read_dates(texts: pd.Series, years: np.ndarray, *, dayfirst: bool | None = None) -> np.ndarray:
    """Read ``event_date`` texts apart from their file (the records a loading left out): each a day where it is one.

    The forms of :func:`parse_event_dates`; numeric dates day-first where ``dayfirst`` is True, month-first where
    False, and where None as these texts alone tell (:func:`day_first`), unread where they cannot. A two-digit
    year takes the century of ``years`` (the records' year column, -1 where unknown). Returns datetime64[ns], NaT
    where a text is not a day.

    Examples
    --------
    >>> days = read_dates(pd.Series(["2020-03-29", "04/05/2020", "not a day"]), np.array([2020, 2020, 2020]),
    ...                   dayfirst=True)
    >>> [str(day)[:10] for day in days]
    ['2020-03-29', '2020-05-04', 'NaT']
    """
    return _read_dates(texts.reset_index(drop=True), np.asarray(years, dtype=np.int64), dayfirst)[0]


def _read_dates(texts: pd.Series, years: np.ndarray, dayfirst: bool | None) -> tuple[np.ndarray, bool | None]:
    """The days of ``texts`` (ISO, then the other forms) and the day order they were read in (None: undecided)."""
    dates = parse_dates(texts).to_numpy(dtype="datetime64[ns]", copy=True)
    rest = np.flatnonzero(np.isnat(dates))
    if not len(rest):
        return dates, True
    parts = _parts(texts.iloc[rest])
    order = dayfirst if dayfirst is not None else day_first(parts) if (parts[:, 3] == 2).any() else True
    dates[rest] = _read_forms(parts, years[rest], order).astype("datetime64[ns]")
    return dates, order


def parse_event_dates(table: TextTable, checker: Checker, *, dayfirst: bool | None = None) -> pd.Series:
    """Parse ``event_date`` in any form this module reads; record bad days, ambiguity and year mismatches.

    Empty values and R's ``NA`` are left to the column rules (:func:`analysis.io.rules.column_problems`).

    Parameters
    ----------
    table : TextTable
        The export read as text, with ``event_date`` and ``year``.
    checker : Checker
        Where problems are recorded.
    dayfirst : bool or None, default None
        Whether numeric dates (``03/04/2020``) are day-first; None decides
        from the file's values.

    Returns
    -------
    Series
        datetime64[ns]; NaT where a date could not be read (and a problem
        was recorded).
    """
    values = table.frame["event_date"]
    empty = ~filled_mask(values)  # empty and NA values are the column rules' concern
    if has_value(values, NA_TEXT):
        empty |= (values == NA_TEXT).to_numpy()
    dates = parse_dates(values)
    years = pd.Series(read_numbers(table.frame["year"])[0])
    rest = (dates.isna().to_numpy() & ~empty)
    if rest.any():
        dates = _other_forms(table, values, years, rest, dates, dayfirst, checker)
    else:
        checker.add_mask(dates.isna().to_numpy() & ~empty, "event_date", values, DATE_RULE)
    checker.add_mask(not_the_year(dates, years), "year", table.frame["year"], YEAR_RULE)
    return dates


def _other_forms(table, values, years, rest, dates, dayfirst, checker) -> pd.Series:
    """Parse the dates that are not ISO days, once per distinct text."""
    rows = np.flatnonzero(rest)
    codes, texts = pd.factorize(values.iloc[rows])
    parts = _parts(texts)
    order = _day_order(table, rows, parts, codes, dayfirst, checker)
    per_row = parts[codes]
    # a two-digit year takes the century of the row's year column
    row_years = years.to_numpy()[rows]
    known = np.isfinite(row_years) & (np.abs(row_years) < 10_000)
    given = np.where(known, row_years, -1).astype(np.int64)
    parsed = _read_forms(per_row, given, order)
    year, _, _, kind, digits = per_row.T
    unreadable = (kind == 0) | ((kind == 2) & (order is None))  # the file-level problem explains the numeric ones
    two_digit = digits == 2
    # a two-digit year that is not the year column's is a year problem (reported below), not a bad date
    wrong_century = two_digit & known & (given % 100 != year) & ~unreadable
    report = (kind == 0) | (~unreadable & np.isnat(parsed) & ~wrong_century & ~(two_digit & ~known))
    out = dates.to_numpy(dtype="datetime64[ns]").copy()
    out[rows] = parsed.astype("datetime64[ns]")
    reported = np.flatnonzero(report)  # in row order
    rule_of = {code: date_rule(str(texts[code])) for code in np.unique(codes[reported])}
    rules = [rule_of[code] for code in codes[reported]]
    checker.add_records(rows[reported], "event_date", values,
                        DATE_RULE if all(r is DATE_RULE for r in rule_of.values()) else rules)
    mismatch = np.zeros(len(values), dtype=bool)
    mismatch[rows[wrong_century]] = True
    checker.add_mask(mismatch, "year", table.frame["year"], YEAR_RULE)
    return pd.Series(out, index=values.index)


__all__ = ["DATE_FORMS", "DATE_RULE", "MONTHS", "date_rule", "parse_event_dates", "read_dates"]
