"""Validation of the coded tables: read a table as text and run every single-file check of its spec.

A table is read as text first (every field a string,
:mod:`analysis.io.text_table`), checked column by column
(:mod:`analysis.io.rules`), and only then converted to its dtypes
(:mod:`analysis.io.parse`). Problems are collected in a :class:`Checker`
(:mod:`analysis.io.problems`), so a caller can add cross-table checks with
the same line numbering before raising.
"""

from __future__ import annotations

from pathlib import Path

from ..schema import REGION_BOUNDS, TableSpec
from .problems import Checker
from .rules import (
    check_columns,
    check_coordinates_pair,
    check_date_order,
    check_event_dates,
    check_low_high,
    check_sub_event_types,
    check_unique,
)
from .text_table import TextTable, checker_for, read_text_table


def validate_table(path: str | Path, spec: TableSpec, *, region=REGION_BOUNDS, pairs=None) -> tuple[TextTable, Checker]:
    """Read a table and run every single-file check of its spec.

    Returns the text table and the checker (not yet raised), so callers can
    add cross-table checks with the same line numbering before raising.
    """
    table = read_text_table(path, required=spec.column_names)
    checker = checker_for(table)
    check_columns(table, spec.columns, checker, region=region)
    if spec.key:
        check_unique(table, spec.key, checker)
    for low, high in (("count_low", "count_high"), ("projectiles_low", "projectiles_high")):
        check_low_high(table, low, high, checker)
    for start, end in (("date_start", "date_end"), ("published_start", "published_end")):
        check_date_order(table, start, end, checker)
    check_event_dates(table, checker)
    if pairs:
        check_sub_event_types(table, pairs, checker)
    check_coordinates_pair(table, checker)
    return table, checker
