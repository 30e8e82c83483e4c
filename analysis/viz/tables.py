"""Show a frame as a table for reading: no index column, no ``<NA>``, text left, numbers right, whole numbers whole.

:func:`as_table` wraps any tidy frame of :mod:`analysis.stats` in a
:class:`Table`, which a notebook displays as escaped HTML (and as aligned
plain text where HTML is not shown). It decides nothing about the numbers,
only how they read.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._lazy import renamed_keywords
from ..stats.escalation import POINT_COLUMNS
from ..stats.periods import COUNT_NAMES
from ..text import describe_dates, describe_points

#: A column whose cells are at most SHORT_TEXT characters does not wrap; a
#: text column with a cell longer than LONG_TEXT characters is at least
#: LONG_TEXT_WIDTH wide, so it stays readable on a narrow screen.
SHORT_TEXT, LONG_TEXT, LONG_TEXT_WIDTH = 20, 60, "18em"
#: A header of at most SHORT_HEADER characters stays on one line over such a column; a longer one
#: (an explanation) wraps, so that it does not widen the table past the page.
SHORT_HEADER = 30
#: A table of at most COMPACT_COLUMNS columns of short values (numbers, dates, names of at most SHORT_TEXT
#: characters) is "compact": it fits a phone's screen as a table, where the report draws any other table as cards.
COMPACT_COLUMNS = 5
#: Most rows a table shows unless told otherwise (as pandas' display.max_rows).
MAX_ROWS = 60
#: Shown for a missing number (a missing text is an empty cell).
MISSING_NUMBER = "\u2013"

#: Headers of the columns the counting helpers return, explaining fractions.
DEFAULT_HEADERS: dict[str, str] = {
    "period_start": "from",
    "period_end": "to",
    **COUNT_NAMES,
    "events": "events",
}


#: Columns of numbers that name a row rather than count (an event's number, "2858"): shown without separators.
NAMING_COLUMNS = frozenset({"number"})
#: Columns of an event's dates in words (:func:`analysis.text.date_texts`), or of a week's days ("23-29 Dec 2019"):
#: on one line whatever their length, as a short column is, so that possible days ("6, 13, 20 or 27 Jun 2020") never
#: part a day from its month.
DATE_COLUMNS = frozenset({"when", "week"})
#: Of those, the columns of a week's days, at most "29 Dec 2025 - 4 Jan 2026": short enough for a compact table.
WEEK_COLUMNS = frozenset({"week"})


def _is_number(values: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)


def _format_column(values: pd.Series, name: object = None) -> tuple[list[str], bool]:
    """Return a column's cells as text, and whether it is numeric (aligned right); a column of points
    (:data:`analysis.stats.escalation.POINT_COLUMNS`) is written as points, each cell on its own, and a column of
    :data:`NAMING_COLUMNS` as written."""
    if name in NAMING_COLUMNS and pd.api.types.is_integer_dtype(values):
        return [MISSING_NUMBER if pd.isna(v) else str(int(v)) for v in values], True
    if pd.api.types.is_datetime64_any_dtype(values):
        return _format_dates(values), False
    if pd.api.types.is_bool_dtype(values):
        return _format_flags(values), False
    if _is_number(values) and name in POINT_COLUMNS:
        numbers = values.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        return [MISSING_NUMBER if np.isnan(v) else describe_points(v) for v in numbers], True
    if _is_number(values):
        return _format_numbers(values), True
    return _format_texts(values), False


def _format_dates(values: pd.Series) -> list[str]:
    """Dates in words; a missing date is :data:`MISSING_NUMBER`."""
    return [MISSING_NUMBER if pd.isna(v) else describe_dates(v, v) for v in values]


def _format_flags(values: pd.Series) -> list[str]:
    """True and false as "yes" and "no"; a missing flag is blank."""
    return ["" if pd.isna(v) else ("yes" if v else "no") for v in values]


def _format_numbers(values: pd.Series) -> list[str]:
    """Numbers with thousands separators, two decimals unless every known one is whole; a missing one is :data:`MISSING_NUMBER`."""
    numbers = values.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    known = numbers[~np.isnan(numbers)]
    whole = bool(np.all(np.equal(np.mod(known, 1), 0)))
    pattern = "{:,.0f}" if whole else "{:,.2f}"
    return [MISSING_NUMBER if np.isnan(v) else pattern.format(v) for v in numbers]


def _format_texts(values: pd.Series) -> list[str]:
    """Anything else as its text (lists and tuples too); a missing value is blank."""
    return ["" if v is None or (not isinstance(v, (list, tuple)) and pd.isna(v)) else str(v) for v in values]

class Table:
    """A frame shown for reading (see :func:`as_table`)."""

    def __init__(self, frame: pd.DataFrame, *, headers: Mapping[str, str] | None = None, caption: str | None = None,
                 empty: str = "Nothing to show.", n: int | None = MAX_ROWS, hide_empty: bool = False) -> None:
        names = {**DEFAULT_HEADERS, **dict(headers or {})}
        if hide_empty:
            frame = frame.loc[:, [column for column in frame.columns if frame[column].notna().any()]]
        if n is not None and len(frame) > n:
            shown = f"The first {n:,} of {len(frame):,} rows."
            caption = f"{caption} {shown}" if caption else shown
            frame = frame.iloc[:n]
        self.frame = frame
        self.caption = caption
        self.empty = empty
        self.headers = [names.get(str(column), str(column).replace("_", " ")) for column in frame.columns]
        formatted = [_format_column(frame[column], column) for column in frame.columns]
        self.cells = [cells for cells, _ in formatted]
        self.numeric = [numeric for _, numeric in formatted]

    def _repr_html_(self) -> str:
        if self.frame.empty:  # an empty sentence shows nothing: not even an empty paragraph
            return f"<p>{html.escape(self.empty)}</p>" if self.empty else ""
        # short values (dates, kinds, ids) stay on one line; long texts keep a readable width on a narrow
        # screen, where the table scrolls sideways instead
        # a header wraps unless it is short itself: a long explanation over a column of short numbers would
        # otherwise make the column, and the table, wider than the page
        styles, header_styles = [], []
        for name, column, numeric, header in zip(self.frame.columns, self.cells, self.numeric, self.headers):
            longest = max(map(len, column), default=0)
            style = f"text-align:{'right' if numeric else 'left'}"
            header_style = style
            if longest <= SHORT_TEXT or name in DATE_COLUMNS:
                style += ";white-space:nowrap"
                header_style += ";white-space:nowrap" if len(header) <= SHORT_HEADER else ""
            elif not numeric and longest > LONG_TEXT:
                style += f";min-width:{LONG_TEXT_WIDTH}"
                header_style = style
            styles.append(style)
            header_styles.append(header_style)
        head = "".join(f'<th style="{a}">{html.escape(h)}</th>' for h, a in zip(self.headers, header_styles))
        rows = []
        for i in range(len(self.frame)):
            cells = "".join(f'<td style="{a}">{html.escape(column[i])}</td>' for column, a in zip(self.cells, styles))
            rows.append(f"<tr>{cells}</tr>")
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        compact = len(self.cells) <= COMPACT_COLUMNS and all(
            numeric or name in WEEK_COLUMNS or max(map(len, column), default=0) <= SHORT_TEXT
            for name, column, numeric in zip(self.frame.columns, self.cells, self.numeric))
        return (f'<table class="report-table{" compact" if compact else ""}">{caption}<thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(rows)}</tbody></table>")

    def __repr__(self) -> str:
        if self.frame.empty:
            return self.empty
        widths = [max([len(h)] + [len(c) for c in column]) for h, column in zip(self.headers, self.cells)]

        def line(values: list[str]) -> str:
            return "  ".join(v.rjust(w) if numeric else v.ljust(w)
                             for v, w, numeric in zip(values, widths, self.numeric)).rstrip()

        lines = [line(self.headers)] + [line([column[i] for column in self.cells]) for i in range(len(self.frame))]
        return "\n".join(lines + ([self.caption] if self.caption else []))


@renamed_keywords(limit="n")
def as_table(
    frame: pd.DataFrame,
    *,
    headers: Mapping[str, str] | None = None,
    caption: str | None = None,
    empty: str = "Nothing to show.",
    n: int | None = MAX_ROWS,
    hide_empty: bool = False,
) -> Table:
    """Show a frame as a table for reading.

    No index column; a missing number shows as a dash and a missing text as
    an empty cell, never ``<NA>``; text is aligned left and numbers right;
    a numeric column whose values are all whole shows them without
    decimals (``5,200``, not ``5200.0``), others with two, and a column of
    the escalation measure's points each point as written in sentences
    (``4,533``, ``393.5``: :func:`analysis.text.describe_points`), and a
    column of :data:`NAMING_COLUMNS` (an event's ``number``) without
    separators (``2858``); dates read ``6 Feb 2020``. All text is HTML-escaped.

    Parameters
    ----------
    frame : DataFrame
        The rows to show, in order (the index is not shown).
    headers : mapping or None, default None
        Column -> header text; columns not named keep their name (with
        spaces for underscores), or the explanation of
        :data:`DEFAULT_HEADERS` (``expected`` and the other counts).
    caption : str or None, default None
        A sentence under the table.
    empty : str, default "Nothing to show."
        The sentence shown instead of an empty table; "" shows nothing (the page has said it already).
    n : int or None, default MAX_ROWS
        Show at most this many rows (the first ones), and say so under the
        table; None shows them all.
    hide_empty : bool, default False
        Leave out the columns with no value in any row (a column that only
        some data fill, such as the coded category in an ACLED run).

    Returns
    -------
    Table
        Displayed by Jupyter as HTML (``_repr_html_``) and as aligned text.

    Examples
    --------
    >>> frame = pd.DataFrame({"force": ["US", "UK"], "count_low": pd.array([5150, None], dtype="Int64")})
    >>> print(repr(as_table(frame)))
    force  count low
    US         5,150
    UK             \u2013
    """
    return Table(frame, headers=headers, caption=caption, empty=empty, n=n, hide_empty=hide_empty)
