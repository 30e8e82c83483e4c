"""The rules of a reconciliation: thresholds, and the mapping tables that say what corresponds.

Three small tables shipped in ``analysis/data/`` (documented in docs/acled.md,
"Reconciling with an ACLED export") carry the judgements that are not code:

- ``reconcile_scope.csv``: which coded categories ACLED codes at all;
- ``reconcile_families.csv``: every ACLED sub-event type's family (types
  that can describe the same event);
- ``reconcile_actors.csv``: ACLED actor names (regular expressions) and the
  coded actor each stands for, the ``same`` actor or a ``near`` one, with why.

:class:`Rules` holds the thresholds and, optionally, your own versions of the
tables as DataFrames; :func:`mapping_tables` checks and compiles them. The
tables' SHA-256 digests are kept, so a result says which versions it used.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from io import BytesIO

import pandas as pd

from .. import schema
from ..errors import DataError

#: Grades of a link, strongest first (see docs/acled.md for the rule of each).
GRADES: tuple[str, ...] = ("strong", "plausible", "plausible (no place)", "related", "near miss")
#: How an ACLED actor relates to a coded actor in the actors table.
RELATIONS: tuple[str, ...] = ("same", "near")
#: The mapping tables: name -> (file in analysis/data, columns, key column).
TABLES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "scope": ("reconcile_scope.csv", ("category", "in_scope", "why"), "category"),
    "families": ("reconcile_families.csv", ("sub_event_type", "family", "why"), "sub_event_type"),
    "actors": ("reconcile_actors.csv", ("acled_pattern", "coded_actor", "relation", "why"), ""),
}
#: ACLED's period suffix of an actor name, e.g. " (2017-2021)" or " (2018-)", left out before matching.
PERIOD_SUFFIX = re.compile(r"\s*\((?:1[89]|2[01])\d{2}-(?:(?:1[89]|2[01])\d{2})?\)")


@dataclass(frozen=True, eq=False)
class Rules:
    """The thresholds and tables of a reconciliation.

    Parameters
    ----------
    slack_days : int, default 1
        Days two date windows may lie apart and still be the same time (an
        overnight strike is dated to either day).
    near_days : int, default 3
        Days apart, beyond the slack, that still make a near miss.
    place_km : tuple of 3 floats, default (5, 25, 100)
        Radius, in km, of a place coded at geo precision 1, 2 and 3; the
        distance limit of a pair is the sum of its two radii.
    near_place_factor : float, default 3
        Beyond the limit but within this many times it, a place is "near".
    similar_notes : float, default 0.5
        Share of the shorter note's words found in the other at which two
        notes count as similar: it corroborates a link, never makes one.
    window_days : int, default 7
        A date window longer than this is a window, not an event: its links
        to an event known to the day are flagged for review.
    focus_actors : tuple of str
        Coded actors whose ACLED events are in scope of the comparison.
    fix_swapped_dates : bool, default True
        Match an ACLED row whose notes give the day with day and month
        swapped in ``event_date`` on the notes' day (the check and the link
        say so).
    scope, families, actors : DataFrame or None, default None
        Your own mapping tables, in the columns of the packaged ones; None
        uses the packaged file.
    """

    slack_days: int = 1
    near_days: int = 3
    place_km: tuple[float, float, float] = (5.0, 25.0, 100.0)
    near_place_factor: float = 3.0
    similar_notes: float = 0.5
    window_days: int = schema.WEEK_PRECISION_MAX_DAYS
    focus_actors: tuple[str, ...] = (
        "Military Forces of the United States", "Government of the United States", "Global Coalition Against Daesh",
    )
    fix_swapped_dates: bool = True
    scope: pd.DataFrame | None = field(default=None, repr=False)
    families: pd.DataFrame | None = field(default=None, repr=False)
    actors: pd.DataFrame | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for name in ("slack_days", "near_days", "window_days"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"Rules: {name}={value!r}; expected a whole number of days, 0 or more")
        if self.near_days < self.slack_days:
            raise ValueError(f"Rules: near_days={self.near_days} is less than slack_days={self.slack_days}; "
                             "a near miss lies beyond the slack")
        radii = tuple(self.place_km)
        if len(radii) != 3 or not all(isinstance(r, (int, float)) and r >= 0 for r in radii):
            raise ValueError(f"Rules: place_km={self.place_km!r}; expected three distances in km (geo precision 1, 2, 3)")
        if not 0 <= self.similar_notes <= 1:
            raise ValueError(f"Rules: similar_notes={self.similar_notes!r}; expected a share from 0 to 1")
        if self.near_place_factor < 1:
            raise ValueError(f"Rules: near_place_factor={self.near_place_factor!r}; expected 1 or more")


@dataclass(frozen=True)
class MappingTables:
    """The checked mapping tables: in-scope categories, families, compiled actor patterns, versions."""

    scope: dict[str, bool]
    scope_why: dict[str, str]
    families: dict[str, str]
    actors: tuple[tuple[re.Pattern, str, str, str], ...]
    versions: dict[str, str]


def _packaged(name: str) -> tuple[pd.DataFrame, str]:
    file_name = TABLES[name][0]
    data = (resources.files("analysis.data") / file_name).read_bytes()
    frame = pd.read_csv(BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    frame.attrs["path"] = f"analysis/data/{file_name}"
    return frame, hashlib.sha256(data).hexdigest()[:12]


def _given(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"Rules.{name} must be a DataFrame or None, not {type(frame).__name__}")
    text = frame.astype("string").fillna("")
    text.attrs["path"] = frame.attrs.get("path", f"Rules.{name}")
    digest = hashlib.sha256(text.to_csv(index=False).encode("utf-8")).hexdigest()[:12]
    return text, digest


def _problem(frame: pd.DataFrame, row: int, column: str, value: object, rule: str) -> DataError:
    path, line = frame.attrs["path"], row + 2  # the header is line 1
    return DataError(f"{path}, line {line}, column {column!r}: {value!r} {rule}",
                     path=path, line=line, column=column, value=value, rule=rule)


def _checked(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Refuse a mapping table with a missing column, an empty cell, or a key given twice."""
    _, columns, key = TABLES[name]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        path = frame.attrs["path"]
        raise DataError(f"{path}: missing column(s) {', '.join(missing)}; a {name} table has {', '.join(columns)}",
                        path=path, line=1, column=missing[0], rule="missing column")
    for row, record in enumerate(frame[list(columns)].itertuples(index=False)):
        for column, value in zip(columns, record):
            if not str(value).strip():
                raise _problem(frame, row, column, value, "is empty; every cell of a mapping table needs a value")
    if key:
        repeated = frame[key].duplicated().to_numpy().nonzero()[0]
        if len(repeated):
            row = int(repeated[0])
            raise _problem(frame, row, key, frame[key].iloc[row], "is given twice; each may have one row")
    return frame


def _allowed(frame: pd.DataFrame, column: str, allowed) -> None:
    for row, value in enumerate(frame[column]):
        if value not in allowed:
            raise _problem(frame, row, column, value, f"is not allowed; expected one of {', '.join(map(repr, allowed))}")


def _every(frame: pd.DataFrame, column: str, needed) -> None:
    lacking = [value for value in needed if value not in set(frame[column])]
    if lacking:
        path = frame.attrs["path"]
        raise DataError(f"{path}: column {column!r} lacks {', '.join(map(repr, lacking))}; every one needs a row",
                        path=path, column=column, value=lacking[0], rule="missing row")


def mapping_tables(rules: Rules) -> MappingTables:
    """Check and compile the scope, families and actors tables of ``rules`` (the packaged ones by default).

    Raises
    ------
    DataError
        Naming the table, the line, the column and the value: a missing
        column, an empty cell, a repeated key, a category or sub-event type
        outside the schema's vocabulary (or one without a row), an
        ``in_scope`` other than yes/no, a relation other than same/near, or a
        pattern that is not a regular expression.

    Examples
    --------
    >>> tables = mapping_tables(Rules())
    >>> tables.families["Disrupted weapons use"], tables.scope["political"]
    ('indirect fire', False)
    """
    frames, versions = {}, {}
    for name in TABLES:
        given = getattr(rules, name)
        frames[name], versions[name] = _packaged(name) if given is None else _given(name, given)
        _checked(name, frames[name])
    scope, families, actors = frames["scope"], frames["families"], frames["actors"]
    _allowed(scope, "category", schema.CATEGORIES)
    _every(scope, "category", schema.CATEGORIES)
    _allowed(scope, "in_scope", ("yes", "no"))
    _allowed(families, "sub_event_type", schema.SUB_EVENT_TYPES)
    _every(families, "sub_event_type", schema.SUB_EVENT_TYPES)
    _allowed(actors, "relation", RELATIONS)
    compiled = []
    for row, record in enumerate(actors.itertuples(index=False)):
        try:
            pattern = re.compile(_fold(record.acled_pattern), re.IGNORECASE)
        except re.error as error:
            raise _problem(actors, row, "acled_pattern", record.acled_pattern,
                           f"is not a regular expression ({error})") from None
        compiled.append((pattern, record.coded_actor, record.relation, record.why))
    return MappingTables(
        scope=dict(zip(scope["category"], scope["in_scope"] == "yes")),
        scope_why=dict(zip(scope["category"], scope["why"])),
        families=dict(zip(families["sub_event_type"], families["family"])),
        actors=tuple(compiled),
        versions=versions,
    )


def _fold(name: str) -> str:
    """Return a name with typographic apostrophes written as ASCII ones."""
    return name.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")


def actor_relations(name: object, tables: MappingTables) -> dict[str, tuple[str, str]]:
    """Return the coded actors an ACLED actor name stands for: :func:`actor_key` of each -> (relation, why).

    The name's period suffix (" (2017-2021)") is left out; a name equal to
    a coded actor is that actor (``same``); otherwise each pattern of the
    actors table that matches the whole name gives its coded actor, the
    ``same`` relation winning over ``near``.

    Examples
    --------
    >>> tables = mapping_tables(Rules())
    >>> actor_relations("Military Forces of the United States (2017-2021)", tables)[
    ...     actor_key("Military Forces of the United States")]
    ('same', 'the same name')
    >>> actor_relations("PMF: Popular Mobilization Forces", tables)[actor_key("Kata'ib Hezbollah")][0]
    'near'
    """
    if name is None or pd.isna(name) or not str(name).strip():
        return {}
    plain = _fold(" ".join(PERIOD_SUFFIX.sub("", str(name)).split()))
    found: dict[str, tuple[str, str]] = {actor_key(plain): ("same", "the same name")}
    for pattern, coded, relation, why in tables.actors:
        if pattern.fullmatch(plain) and found.get(actor_key(coded), ("near",))[0] != "same":
            found[actor_key(coded)] = (relation, why)
    return found


def actor_key(name: str) -> str:
    """Return the form in which actor names are compared: no period suffix, ASCII apostrophes, no case.

    Examples
    --------
    >>> actor_key("Kata\u2019ib Hezbollah (2003-)")
    "kata'ib hezbollah"
    """
    return _fold(" ".join(PERIOD_SUFFIX.sub("", str(name)).split())).casefold()


__all__ = ["GRADES", "RELATIONS", "TABLES", "Rules", "MappingTables", "mapping_tables", "actor_relations", "actor_key"]
