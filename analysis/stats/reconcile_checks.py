"""Check an ACLED export before it is matched, and read what its notes state.

An export can carry damage a loader cannot see: a spreadsheet round-trip
that swapped day and month where both are 12 or less (the notes say "On 4
January 2020", ``event_date`` reads 1 April), fatalities that are a
placeholder set by a coding rule, not a reported count (the notes say
"coded as 3"), empty
or repeated ids in a frame built by hand. :func:`check_export` lists them,
one row per finding; :func:`swap_corrections` gives the days to match on.
"""

from __future__ import annotations

import calendar
import re

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..text import in_words
from .caveats import PLACEHOLDER, export_date

#: What the checks find, one value of the ``check`` column each.
CHECKS: tuple[str, ...] = (
    "day and month swapped",
    "date differs from notes",
    "placeholder fatalities",
    "empty id",
    "duplicate id",
    "export date",
    "export dates",
)
_MONTHS = {name.lower(): number for number in range(1, 13)
           for name in (calendar.month_name[number], calendar.month_abbr[number])}
_NOTES_DATE = re.compile(r"\b([0-3]?[0-9])\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?,?\s+((?:19|20|21)[0-9]{2})\b",
                         re.IGNORECASE)
_NUMBER_WORDS = {in_words(number): number for number in range(1, 21)} | {"a": 1, "an": 1, "single": 1}
#: A count of projectiles stated in notes: "18 rockets", "two Katyusha rockets", "a mortar shell".
PROJECTILES = re.compile(
    r"\b([0-9]+|" + "|".join(_NUMBER_WORDS) + r")\s+(?:[A-Za-z-]+\s+){0,2}?(?:rockets?|missiles?|mortars?|mortar (?:shells|rounds?)|projectiles?)\b",
    re.IGNORECASE,
)
_COLUMNS = ("check", "event_id", "column", "found", "expected")


def notes_dates(notes: pd.Series) -> pd.Series:
    """Return the first day written "4 January 2020" (or "4 Jan 2020") in each note; NaT where none.

    Examples
    --------
    >>> notes_dates(pd.Series(["On 4 January 2020, a rocket...", "No date.", "On 31 Feb 2020"])).tolist()
    [Timestamp('2020-01-04 00:00:00'), NaT, NaT]
    """
    parts = notes.astype("string").fillna("").str.extract(_NOTES_DATE)
    month = parts[1].str.lower().map({name: f"{number:02d}" for name, number in _MONTHS.items()})
    texts = parts[2] + "-" + month.astype("string") + "-" + parts[0].str.zfill(2)
    return pd.to_datetime(texts, format="%Y-%m-%d", errors="coerce").rename("notes_date")


def stated_number(notes: pd.Series, pattern: re.Pattern) -> pd.Series:
    """Return the first number ``pattern`` finds in each note (digits or words up to twenty); missing where none.

    Examples
    --------
    >>> stated_number(pd.Series(["Two rockets hit the base.", "(fatalities coded as 3)", ""]), PROJECTILES).tolist()
    [2, <NA>, <NA>]
    """
    found = notes.astype("string").fillna("").str.extract(pattern, expand=False).str.lower()
    numbers = found.map(lambda text: _NUMBER_WORDS.get(text, text) if isinstance(text, str) else None)
    return pd.to_numeric(numbers, errors="coerce").astype("Int64")


def swap_corrections(acled: pd.DataFrame, stated: pd.Series | None = None) -> pd.Series:
    """Return, for each row whose ``event_date`` has the notes' day with day and month swapped, the notes' day.

    Rows without a swap are missing. Only a date whose day and month are
    both 12 or less can be swapped, and only when the notes say so. ``stated``
    is :func:`notes_dates` of the notes, when already known.
    """
    require_columns(acled, ["event_date", "notes"], "acled")
    stated = notes_dates(acled["notes"]) if stated is None else stated
    day = pd.to_datetime(acled["event_date"])
    swapped = (stated.notna() & (stated != day) & (stated.dt.year == day.dt.year)
               & (stated.dt.month == day.dt.day) & (stated.dt.day == day.dt.month))
    return stated.where(swapped)


def check_export(acled: pd.DataFrame, stated: pd.Series | None = None) -> pd.DataFrame:
    """List what is wrong or worth knowing in an ACLED export, before matching.

    Parameters
    ----------
    acled : DataFrame
        An export loaded with :func:`analysis.load_acled`.
    stated : Series, optional
        :func:`notes_dates` of its notes, when already known.

    Returns
    -------
    DataFrame
        One row per finding: ``check`` (one of :data:`CHECKS`), ``event_id``
        (missing for the whole export), ``column``, ``found`` and
        ``expected`` (as text: days ``YYYY-MM-DD``). Findings: the notes'
        day is ``event_date`` with day and month swapped; the notes' day
        falls outside the row's date window; the notes say the fatalities
        are a placeholder ("coded as 3"); an empty or repeated id; the
        export's date (its latest ``timestamp``, a day in UTC; ``found`` is
        empty without timestamps) and its span (``found`` is
        ``first..last``, the days of its events' windows).
    """
    require_columns(acled, ["event_id", "event_date", "date_start", "date_end", "notes", "fatalities"], "acled")
    rows: list[tuple] = []
    ids = acled["event_id"].astype("string")
    day = pd.to_datetime(acled["event_date"])
    stated = notes_dates(acled["notes"]) if stated is None else stated
    swapped = swap_corrections(acled, stated)
    outside = stated.notna() & swapped.isna() & ((stated < acled["date_start"]) | (stated > acled["date_end"]))
    for mask, check in ((swapped.notna(), "day and month swapped"), (outside, "date differs from notes")):
        for i in np.flatnonzero(mask.to_numpy()):
            rows.append((check, ids.iloc[i], "event_date", f"{day.iloc[i]:%Y-%m-%d}", f"{stated.iloc[i]:%Y-%m-%d}"))
    placeholder = stated_number(acled["notes"], PLACEHOLDER)
    for i in np.flatnonzero(placeholder.notna().to_numpy()):
        rows.append(("placeholder fatalities", ids.iloc[i], "fatalities", str(acled["fatalities"].iloc[i]),
                     f"a placeholder: the notes say 'coded as {placeholder.iloc[i]}'"))
    empty = ids.isna() | (ids.str.strip() == "")
    for i in np.flatnonzero(empty.to_numpy()):
        rows.append(("empty id", None, "event_id", "", f"an id (row {i})"))
    for i in np.flatnonzero((ids.duplicated(keep="first") & ~empty).to_numpy()):
        rows.append(("duplicate id", ids.iloc[i], "event_id", ids.iloc[i], "each id once"))
    when = export_date(acled)
    latest = f"{when:%Y-%m-%d}" if when is not None else ""
    rows.append(("export date", None, "timestamp", latest, "the day of the latest change (UTC)"))
    if len(acled):
        span = f"{acled['date_start'].min():%Y-%m-%d}..{acled['date_end'].max():%Y-%m-%d}"
        rows.append(("export dates", None, "event_date", span, "the first and last day of its events"))
    return pd.DataFrame(rows, columns=list(_COLUMNS)).astype("string")


__all__ = ["CHECKS", "PLACEHOLDER", "PROJECTILES", "check_export", "notes_dates", "stated_number", "swap_corrections"]
