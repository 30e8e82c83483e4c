"""ACLED exports in other shapes: one row per actor (the monadic layout) and semicolon-separated files.

:func:`fold_monadic` turns ACLED's monadic layout (one row per actor of an
event) into one row per event, by the rule of ACLED's own conversion (the R
package acledR's ``acled_transform_wider(type = "api_monadic")``): the
first row of an event, in file order, gives ``actor1``, ``assoc_actor_1``
and ``inter1``; its second row gives ``actor2``, ``assoc_actor_2`` and
``inter2`` (from that row's ``actor1``, ``assoc_actor_1``, ``inter1``); an
event with one row has no second actor. The rows of one event must agree in
every other column, and an event has at most two rows.

:func:`read_semicolon` reads a file written with semicolons between values
(a spreadsheet in a locale whose decimal mark is the comma), and
:func:`semicolon_header` says whether a header is one.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from ..schema import actor_type_codes, interaction_pair, interactions_named
from .csv_scan import MAX_FIELD_BYTES, field_limit, numbered_rows, ragged_rule, read_header
from .problems import Checker, file_error
from .text_table import TextTable

#: The columns a monadic row holds for its one actor, and where a second row's go.
ACTOR_COLUMNS: dict[str, str] = {"actor1": "actor2", "assoc_actor_1": "assoc_actor_2", "inter1": "inter2"}


def monadic_columns(header: list[str], column_sets: dict[str, tuple[str, ...]], missing: frozenset[str]) -> str | None:
    """Return the name of the column set whose monadic layout ``header`` is, or None.

    A monadic header has every column of a set except ``actor2`` and
    ``inter2`` (and perhaps ``assoc_actor_2`` and ``interaction``), all of
    them among ``missing``.
    """
    names = set(header)
    for name, columns in column_sets.items():
        lacks = {c for c in columns if c not in names}
        if {"actor2", "inter2"} <= lacks <= missing:
            return name
    return None


def _interaction(inter1: pd.Series, inter2: pd.Series, column_set: str, actor_types: tuple[str, ...]) -> pd.Series:
    """Return ACLED's ``interaction`` of two actor types: the lower code first; a sole actor's type alone.

    Older exports write the codes' two digits (``13``; ``10`` for a sole
    state force), current ones the names (``State forces-Political militia``;
    ``State forces only``).
    """
    rank = actor_type_codes(actor_types)
    rank.update({str(code): code for code in range(1, 9)})

    def one(a: str, b: str) -> str:
        first, second = sorted([a, b], key=lambda v: rank.get(v, 99)) if b not in ("", "0") else (a, "")
        if column_set == "older":
            return f"{first}{second or '0'}"
        return interaction_pair(first, second)

    return pd.Series([one(a, b) for a, b in zip(inter1, inter2)], index=inter1.index, dtype="str")


def interaction_names(values: pd.Series, actor_types: tuple[str, ...]) -> pd.Series:
    """Return ``interaction`` values with an older export's two-digit codes (``12``; ``10`` for a sole actor)
    written as a current export writes them (:func:`analysis.schema.interaction_words`); other values as they are."""
    named = interactions_named(values.dropna().unique(), actor_types)
    return values.where(~values.isin(list(named)), values.map(named)) if named else values


def _event_rows(ids: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return each row's rank within its event (0 for its first row), the positions of the events' first rows, and
    each row's event, as a record of the folded table.

    A row without an id is an event of its own (and refused for its empty id).
    """
    named = ids.ne("").to_numpy()
    rank = ids.groupby(ids, sort=False).cumcount().to_numpy().copy()
    rank[~named] = 0
    firsts = np.flatnonzero(rank == 0)
    position = pd.Series(np.arange(len(firsts)), index=ids.iloc[firsts].where(named[firsts], None))
    position = position[position.index.notna()]
    event_of = np.empty(len(ids), dtype=np.int64)
    event_of[firsts] = np.arange(len(firsts))
    later = np.flatnonzero(rank >= 1)
    event_of[later] = position.loc[ids.iloc[later].to_numpy()].to_numpy()
    return rank, firsts, event_of


def _add_second_actors(events: pd.DataFrame, frame: pd.DataFrame, seconds: np.ndarray, at: np.ndarray,
                       column_set: str) -> None:
    """Fill ``events``' second actor's columns from the actor columns of each event's second row (at ``seconds``
    of ``frame``, for the events ``at``); an event without a second row keeps them empty."""
    empty_second = "0" if column_set == "older" else ""
    for other in ACTOR_COLUMNS.values():
        events[other] = empty_second if other == "inter2" else ""
    for one, other in ACTOR_COLUMNS.items():
        if one in frame:
            events.loc[at, other] = frame[one].iloc[seconds].to_numpy()


def _disagreements(events: pd.DataFrame, frame: pd.DataFrame, seconds: np.ndarray, at: np.ndarray,
                   lines: np.ndarray) -> list:
    """Return the problems of the second rows that disagree with their event's first row in a shared column."""
    problems: list = []
    for name in (c for c in frame.columns if c not in ACTOR_COLUMNS):
        theirs = frame[name].iloc[seconds].to_numpy()
        differ = events[name].to_numpy()[at] != theirs
        if differ.any():
            rules = [f"differs from line {line}, the event's second row, which gives {value!r}; the rows of one event "
                     "must agree in every column but actor1, assoc_actor_1 and inter1"
                     for line, value in zip(lines[seconds][differ], theirs[differ])]
            problems.append((at[differ], name, events[name], rules))
    return problems


def _third_rows(events: pd.DataFrame, rank: np.ndarray, event_of: np.ndarray, lines: np.ndarray) -> list:
    """Return the problem of the rows past an event's second, if there are any."""
    extra = np.flatnonzero(rank >= 2)
    if not len(extra):
        return []
    rules = [f"has a third row for another actor on line {line}; ACLED's monadic layout has at most two rows "
             "per event (actor1's and actor2's)" for line in lines[extra]]
    return [(event_of[extra], "event_id_cnty", events["event_id_cnty"], rules)]


def _read_problems_on_events(table: TextTable, events: pd.DataFrame, rank: np.ndarray, event_of: np.ndarray) -> list:
    """Return the problems found while reading ``table`` (an oversized field), each on its event: a second row's
    actor column becomes the event's second actor's."""
    problems: list = []
    for records, column, rule in table.read_problems:
        for second in (False, True):
            rows = records[(rank[records] >= 1) == second]
            if len(rows):
                name = ACTOR_COLUMNS.get(column, column) if second else column
                problems.append((event_of[rows], name, events[name], rule))
    return problems


def _folded_header(header: list[str], events: pd.DataFrame) -> list[str]:
    """Return ``header`` with the folded table's new columns in ACLED's place: after actor1's columns."""
    header = list(header)
    after = header.index("inter1") + 1 if "inter1" in header else len(header)
    header[after:after] = [c for c in events if c not in header]
    return header


def fold_monadic(table: TextTable, column_set: str, actor_types: tuple[str, ...]) -> tuple[TextTable, list]:
    """Return ``table`` (ACLED's monadic layout) as one row per event, in the order of each event's first row,
    and its problems.

    The problems (a third row of an event, two rows that disagree) are
    (records, column, values, rules) for a
    :class:`~analysis.io.problems.Checker` of the returned table (see
    :func:`add_problems`); each names the line of the row at fault.
    ``actor_types`` are the codebook's actor types, in code order.
    """
    frame = table.frame
    lines = table.record_lines()
    rank, firsts, event_of = _event_rows(frame["event_id_cnty"])
    events = frame.iloc[firsts].reset_index(drop=True)
    seconds = np.flatnonzero(rank == 1)
    at = event_of[seconds]
    _add_second_actors(events, frame, seconds, at, column_set)
    problems = _disagreements(events, frame, seconds, at, lines) + _third_rows(events, rank, event_of, lines)
    if "interaction" not in events:
        events["interaction"] = _interaction(events["inter1"], events["inter2"], column_set, actor_types)
    problems += _read_problems_on_events(table, events, rank, event_of)
    header = _folded_header(table.header, events)
    folded = TextTable(path=table.path, frame=events[header], header=header, lines=lines[firsts], skipped=table.skipped)
    return folded, problems


def add_problems(checker: Checker, problems: list) -> None:
    """Record the problems :func:`fold_monadic` found."""
    for records, column, values, rules in problems:
        checker.add_records(records, column, values, rules)


# --- semicolons ------------------------------------------------------------------------------

def _header_names(path: Path, delimiter: str) -> list[str] | None:
    """Return the names of ``path``'s first line split at ``delimiter`` (quotes read as CSV), or None if the line is
    not UTF-8 text (the comma reader names that problem)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            line = handle.readline(MAX_FIELD_BYTES + 1).rstrip("\r\n")
        return [name.strip() for name in next(csv.reader([line], delimiter=delimiter), [])]
    except (UnicodeDecodeError, csv.Error, OSError):
        return None


def semicolon_header(path: Path, required: str) -> bool:
    """Return whether ``path``'s header holds ``required`` only when its values are split at semicolons."""
    if required in (_header_names(path, ",") or []):
        return False
    return required in (_header_names(path, ";") or [])


def read_semicolon(path: Path, *, keep_going: bool = False) -> TextTable:
    """Read a CSV file whose values are separated by semicolons, as a table of text.

    Quoting follows the CSV rules (double quotes, doubled inside a value);
    a record with the wrong number of fields is refused, naming its line
    (or, with ``keep_going``, skipped and reported).
    """
    from .acled_formats import _header, _table

    names = _header_names(path, ";")
    if names is None:
        read_header(path)  # names a first line that is not UTF-8 text
        raise file_error(path, "the header could not be read as CSV with semicolons", line=1)
    header = _header(path, names)
    width = len(header)

    def rows():
        with field_limit(MAX_FIELD_BYTES), open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=";")
            numbered = list(numbered_rows(reader))[1:]
        for index, (line, fields) in enumerate(numbered):
            if len(fields) == width:
                yield line, fields, None, None
            else:
                yield line, None, ragged_rule(fields, width, index == len(numbered) - 1), fields

    try:
        return _table(path, header, rows(), keep_going)
    except UnicodeDecodeError:
        from .csv_scan import check_utf8

        check_utf8(path, header)
        raise
    except csv.Error as exc:
        raise file_error(path, f"could not be read as CSV with semicolons ({exc})") from None


def decimal_commas(values: pd.Series) -> pd.Series:
    """Return numbers written with a decimal comma (``33,2625``) with a decimal point; other values as they are."""
    comma = values.str.fullmatch(r"[+-]?\d+,\d+")
    return values.where(~comma, values.str.replace(",", ".", regex=False))


__all__ = ["ACTOR_COLUMNS", "monadic_columns", "fold_monadic", "add_problems", "semicolon_header", "read_semicolon",
           "decimal_commas", "interaction_names"]
