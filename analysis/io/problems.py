"""Collect the problems of one file and report them as one DataError.

A :class:`Checker` gathers problems as (record, column, value, rule), where
a record is a row of the table read from the file, numbered from 0. Checks
add whole masks at once, so a file where one rule breaks on every row costs
one array, not a Python object per row. When the checker raises, every
problem is kept on the exception (``DataError.problems``, in line order,
built on access), the message lists the first :data:`MAX_LISTED_PROBLEMS`
and groups the rest per column with an example value, so that one rule
broken everywhere reads as one fault, not as thousands.

Line numbers are worked out only when there is something to report: the
table gives the line on which each record starts.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from ..errors import DataError

MAX_LISTED_PROBLEMS = 10
#: Problems a ProblemList shows in its repr.
_REPR_PROBLEMS = 3
#: Distinct example values named for a column whose values differ in shape.
_EXAMPLES = 3


def show(value: object, limit: int = 80) -> str:
    """Return ``value`` as it appears in a message: quoted and shortened."""
    text = "" if value is None else str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)


class Rule(str):
    """A rule (a str): ``brief`` followed by ``detail``, a long part (a list of what is allowed, the way to fix a
    file) that a message gives once, the first time, and names the line of after that, so that it does not
    repeat on every line the rule breaks. Rules of several values may share one detail."""

    def __new__(cls, brief: str, detail: str = "") -> "Rule":
        rule = super().__new__(cls, brief + detail)
        rule.brief, rule.detail = brief, detail
        return rule

    def __getnewargs__(self):
        return (self.brief, self.detail)


def describe(line: int | None, column: str | None, value: object, rule: str) -> str:
    """Return one problem as a message line: where (the line, the column: what is known), the value, the rule."""
    where = ", ".join(part for part in (f"line {line}" if line is not None else "",
                                        f"column {column!r}" if column is not None else "") if part)
    what = f"{show(value)} {rule}" if value is not None else rule
    return f"{where}: {what}" if where else what


@dataclass(frozen=True)
class _Group:
    """Problems of one check: one per record in ``records``, or, with ``records`` None, one for the file (at
    ``line``) or one per line of ``lines`` (records that could not be read into the table, ``value`` their values)."""

    records: np.ndarray | None
    column: str | None
    values: pd.Series | None  # the whole column, read at each record
    value: object  # the value when ``values`` is None (a list of one per line with ``lines``)
    rules: str | np.ndarray  # one rule, or one per record
    line: int | None = None  # for a problem not tied to a record
    lines: np.ndarray | None = None  # for problems of several lines not tied to records

    def value_at(self, position: int) -> object:
        if self.lines is not None:
            return self.value[int(position)]
        if self.values is None:
            return self.value
        return self.values.iloc[int(self.records[position])]

    def rule_at(self, position: int) -> str:
        rule = self.rules if isinstance(self.rules, str) else self.rules[position]
        return rule if isinstance(rule, str) else str(rule)


class ProblemList(Sequence):
    """Every problem of a file as (line, column, value, rule) tuples, in line order, built on access."""

    def __init__(self, groups: list[_Group], lines_of: Callable[[np.ndarray], np.ndarray]) -> None:
        self._groups = groups
        group_ids, positions, records, lines = [], [], [], []
        for number, group in enumerate(groups):
            if group.lines is not None:
                count = len(group.lines)
                group_ids.append(np.full(count, number))
                positions.append(np.arange(count))
                records.append(np.full(count, -1))
                lines.append(group.lines)
            elif group.records is None:
                group_ids.append(np.array([number]))
                positions.append(np.array([0]))
                records.append(np.array([-1]))
                lines.append(np.array([group.line if group.line is not None else 0]))
            else:
                count = len(group.records)
                group_ids.append(np.full(count, number))
                positions.append(np.arange(count))
                records.append(group.records)
                lines.append(lines_of(group.records))
        def joined(parts: list) -> np.ndarray:
            return np.concatenate(parts).astype(np.int64) if parts else np.array([], dtype=np.int64)

        self._group_ids, self._positions = joined(group_ids), joined(positions)
        self._records, self._lines = joined(records), joined(lines)
        # line order; problems of one line in the order the checks found them
        self._order = np.lexsort((self._positions, self._group_ids, self._lines))

    def __len__(self) -> int:
        return len(self._order)

    def __repr__(self) -> str:
        shown = [repr(problem) for problem in self[:_REPR_PROBLEMS]]
        if len(self) > _REPR_PROBLEMS:
            shown.append(f"... and {len(self) - _REPR_PROBLEMS:,} more")
        return f"ProblemList({len(self):,} problems: [{', '.join(shown)}])"

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        at = self._order[index]
        group = self._groups[self._group_ids[at]]
        line = int(self._lines[at]) if self._lines[at] > 0 else None
        return (line, group.column, group.value_at(self._positions[at]), group.rule_at(self._positions[at]))

    @property
    def records(self) -> np.ndarray:
        """Record index of each problem in line order (-1 for a problem of the whole file)."""
        return self._records[self._order]

    def rest_by_column(self, start: int) -> list[tuple[str | None, int, list]]:
        """Return (column, count, values) of the problems from ``start`` on, per column, first seen first."""
        rest = self._order[start:]
        out: dict[str | None, list] = {}
        for number in pd.unique(self._group_ids[rest]):
            group = self._groups[number]
            chosen = rest[self._group_ids[rest] == number]
            if group.lines is not None:
                values = [group.value[int(p)] for p in self._positions[chosen]]
            elif group.values is None:
                values = [group.value] * len(chosen)
            else:
                values = group.values.iloc[self._records[chosen]]
            count, parts = out.get(group.column, (0, []))
            out[group.column] = (count + len(chosen), parts + [values])
        return [(column, count, parts) for column, (count, parts) in out.items()]


def _shape(values: pd.Series) -> pd.Series:
    """Return the shape of each text: digits as 9, letters as a/A (so '31-Dec-20' is '99-Aaa-99')."""
    text = values.astype("string")
    text = text.str.replace(r"[0-9]", "9", regex=True)
    text = text.str.replace(r"[a-z]", "a", regex=True)
    return text.str.replace(r"[A-Z]", "A", regex=True)


def _like(parts: list) -> str:
    """Describe the values of one column's remaining problems: one shape, or a few examples."""
    values = pd.concat([pd.Series(list(p) if not isinstance(p, pd.Series) else p.to_numpy(), dtype=object)
                        for p in parts], ignore_index=True)
    values = values.where(values.notna(), "").astype(str)
    if (values == "").all():
        return "all empty"
    shapes = _shape(values)
    if shapes.nunique() == 1:
        return f"all like {show(values.iloc[0])}"
    examples = ", ".join(show(v) for v in pd.unique(values)[:_EXAMPLES])
    return f"for example {examples}"


def _briefly(problems: list) -> list:
    """Return the problems with each :class:`Rule`'s detail given once, the first time, and after that its brief
    form, naming the line where the detail was given."""
    first: dict[str, int | None] = {}
    out = []
    for line, column, value, rule in problems:
        if isinstance(rule, Rule) and rule.detail:
            if rule.detail in first:
                where = first[rule.detail]
                rule = rule.brief + (f" (see line {where})" if where is not None else " (see above)")
            else:
                first[rule.detail] = line
        out.append((line, column, value, rule))
    return out


def build_error(path: str, problems: Sequence[tuple[int | None, str | None, object, str]]) -> DataError:
    """Build one DataError from (line, column, value, rule) tuples (a list or a ProblemList)."""
    first = problems[0]
    if len(problems) == 1:
        located = first[0] is not None or first[1] is not None
        message = f"{path}, {describe(*first)}" if located else f"{path}: {describe(*first)}"
    else:
        listed = [f"  {describe(*p)}" for p in _briefly(problems[:MAX_LISTED_PROBLEMS])]
        if len(problems) > MAX_LISTED_PROBLEMS:
            if isinstance(problems, ProblemList):
                rest = problems.rest_by_column(MAX_LISTED_PROBLEMS)
            else:
                grouped: dict = {}
                for line, column, value, rule in problems[MAX_LISTED_PROBLEMS:]:
                    grouped.setdefault(column, []).append(value)
                rest = [(column, len(values), [values]) for column, values in grouped.items()]
            for column, count, parts in rest:
                where = f"in column {column!r}" if column is not None else "of this kind"
                listed.append(f"  ... and {count:,} more {where}, {_like(parts)}")
        message = f"{path}: {len(problems):,} problems\n" + "\n".join(listed)
    line, column, value, rule = first
    return DataError(message, path=path, line=line, column=column, value=value, rule=rule, problems=problems)


def warn(message: str, category: type[Warning]) -> None:
    """Emit a warning attributed to the first caller outside the package (the line of the user's code that loaded
    the file), however deep in the package it is raised and by whichever of its functions it was called."""
    frame, level = sys._getframe(1), 2  # the caller of warn: stacklevel 2
    while frame is not None and frame.f_globals.get("__name__", "").partition(".")[0] == "analysis":
        frame, level = frame.f_back, level + 1
    warnings.warn(message, category, stacklevel=level)


#: The most names of a folder looked through for one close to a file not found.
_MAX_LISTED_FILES = 10_000


def not_found(path: Path | str, needed: str = "", *, suggest: bool = True) -> DataError:
    """Return the DataError for a file that does not exist: the folder's names close to its name when ``suggest``
    (a name the user typed; not a name the package fixes), or that the folder does not exist either, and
    ``needed``, what the file was wanted for, when given."""
    from itertools import islice

    from ..text import did_you_mean

    folder = Path(path).parent
    if not folder.is_dir():
        rule = f"file not found: the folder {str(folder)!r} does not exist either"
    else:
        names = [entry.name for entry in islice(folder.iterdir(), _MAX_LISTED_FILES)]
        close = did_you_mean(Path(path).name, names) if suggest else ""
        rule = "file not found" + (f"; {close}" if close else "")
    return file_error(path, rule + (f"; {needed}" if needed else ""))


def file_error(path: Path | str, rule: str, *, line: int | None = None, column: str | None = None, value: object = None) -> DataError:
    """Return a DataError about a whole file (or one spot in it)."""
    return build_error(str(path), [(line, column, value, rule)])


class Checker:
    """Collect problems of one table and raise them together as one DataError.

    ``table`` is anything with a ``name`` (the path shown in messages) and a
    ``lines_of(records)`` method returning the line of each record (an array
    of record indices, numbered from 0; -1 where unknown).
    """

    def __init__(self, table) -> None:
        self.table = table
        self._groups: list[_Group] = []

    def add(self, record: int | None, column: str | None, value: object, rule: str, *, line: int | None = None) -> None:
        """Record one problem; ``record`` None means the file or its header (``line``, default 1)."""
        if record is None:
            self._groups.append(_Group(None, column, None, value, rule, line if line is not None else 1))
        else:
            self._groups.append(_Group(np.array([record], dtype=np.int64), column, None, value, rule))

    def add_lines(self, lines, column: str | None, values: list, rules) -> None:
        """Record a problem on each of ``lines`` that is not tied to a record of the table (a record that could not
        be read into it), with its value in ``values`` and one rule, or one per line, in ``rules``."""
        if len(lines) == 0:
            return
        if not isinstance(rules, str):
            rules = np.asarray(rules, dtype=object)
        self._groups.append(_Group(None, column, None, list(values), rules, lines=np.asarray(lines, dtype=np.int64)))

    def add_mask(self, mask, column: str | None, values: pd.Series, rule: str) -> None:
        """Record a problem for every row where ``mask`` is true."""
        self.add_records(np.flatnonzero(np.asarray(mask, dtype=bool)), column, values, rule)

    def add_records(self, records: np.ndarray, column: str | None, values: pd.Series, rules) -> None:
        """Record a problem for each record index in ``records``; ``rules`` is one rule or one per record."""
        records = np.asarray(records, dtype=np.int64)
        if len(records) == 0:
            return
        if not isinstance(rules, str):
            rules = np.asarray(rules, dtype=object)
        self._groups.append(_Group(records, column, values, None, rules))

    def __bool__(self) -> bool:
        return bool(self._groups)

    @property
    def problems(self) -> ProblemList:
        """Every problem so far, with its line, in line order."""
        return ProblemList(self._groups, self.table.lines_of)

    def file_level(self) -> bool:
        """Return whether a problem concerns the whole file rather than one record."""
        return any(group.records is None for group in self._groups)

    def bad_records(self) -> np.ndarray:
        """Return the sorted indices of the records that have a problem."""
        parts = [group.records for group in self._groups if group.records is not None]
        return np.unique(np.concatenate(parts)) if parts else np.array([], dtype=np.int64)

    def raise_if_any(self) -> None:
        """Raise a DataError listing the problems found, if any."""
        if self._groups:
            raise build_error(self.table.name, self.problems)


class DroppedRows:
    """The records that ``invalid="drop"`` left out, with their lines and reasons.

    ``table`` is a DataFrame with one row per dropped record: ``line`` (where
    the record starts in the file), ``reasons`` (every rule it breaks, as in
    an error message), then the record's fields as text. The object is kept
    in a loaded frame's ``attrs["dropped"]``; it is shared, not copied, by
    the frames pandas derives from that one.
    """

    def __init__(self, table: pd.DataFrame, path: str) -> None:
        self.table = table
        self.path = path

    def __len__(self) -> int:
        return len(self.table)

    def __repr__(self) -> str:
        return f"DroppedRows({self.path!r}, {len(self.table)} records)\n{self.table!r}"

    def _repr_html_(self) -> str:
        return self.table.to_html(index=False)

    def __copy__(self) -> "DroppedRows":
        return self

    def __deepcopy__(self, memo) -> "DroppedRows":
        return self


def dropped_table(problems: ProblemList, frame: pd.DataFrame, lines: np.ndarray, extra: list[tuple[int, str, list[str]]] = ()) -> pd.DataFrame:
    """Return the table of dropped records: line, reasons, fields.

    ``problems`` are those of the records of ``frame`` (rows of text) whose
    lines are ``lines``; ``extra`` are records that could not be read into
    the frame at all, as (line, reason, fields).
    """
    reasons: dict[int, list[str]] = {}
    for (line, column, value, rule), record in zip(problems, problems.records):
        text = describe(None, column, value, rule)
        reasons.setdefault(int(record), []).append(text)
    records = sorted(reasons)
    table = frame.iloc[records].reset_index(drop=True).astype(object)
    table.insert(0, "reasons", ["; ".join(reasons[r]) for r in records])
    table.insert(0, "line", [int(lines[r]) for r in records])
    if extra:
        rows = []
        for line, reason, fields in extra:
            row = {"line": line, "reasons": reason}
            row.update({name: value for name, value in zip(frame.columns, fields)})
            rows.append(row)
        table = pd.concat([table, pd.DataFrame(rows, columns=table.columns)], ignore_index=True)
        table = table.sort_values("line", kind="stable", ignore_index=True)
    table["line"] = table["line"].astype("int64")
    return table


__all__ = ["Checker", "DroppedRows", "ProblemList", "Rule", "build_error", "describe", "dropped_table", "file_error", "not_found",
           "show", "warn"]
