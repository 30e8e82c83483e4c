"""The one exception the package raises for invalid input."""

from __future__ import annotations


class DataError(ValueError):
    """Invalid input data.

    The message names the file, the line, the column, the bad value and the
    rule it breaks. The same facts are kept as attributes of the first
    problem found (``path``, ``line``, ``column``, ``value``, ``rule``), and
    ``problems`` is a sequence of every problem found, in line order, as
    ``(line, column, value, rule)`` tuples, so callers can act on them
    without parsing the message.

    Parameters
    ----------
    message : str
        What is wrong, for a reader: the file, line, column, bad value and rule.
    path : str or None, default None
        The file the bad value is in.
    line : int or None, default None
        Its line in the file (the header is line 1).
    column : str or None, default None
        Its column.
    value : object, default None
        The bad value, as read.
    rule : str or None, default None
        The rule it breaks: what is allowed.
    problems : list of tuple or None, default None
        Every problem found, as ``(line, column, value, rule)``; None: the
        one given by ``line``, ``column``, ``value`` and ``rule``.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: object = None,
        rule: str | None = None,
        problems: list[tuple] | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column
        self.value = value
        self.rule = rule
        self.problems = problems if problems is not None else [(line, column, value, rule)]


class DroppedRowsWarning(UserWarning):
    """Records of a file were left out because they break a rule (an explicit opt-in of a loader)."""
