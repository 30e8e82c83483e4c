"""Say what kind each event is, and keep the events of some kinds, a window and an area.

Every function takes a DataFrame with the columns of the events table
(``analysis.schema.EVENTS``; an ACLED export loaded with ``load_acled`` has
them too) and returns rows or values aligned with it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Union

import numpy as np
import pandas as pd

from .. import schema
from .._frames import as_objects, as_timestamp, check_dates, column_or_na, is_one_of, require_columns
from .._lazy import moved_names
from ..text import refusal

#: ACLED sub-event types that count as attacks where an event has no project
#: category (ACLED exports): rocket, mortar and missile fire, the form of
#: every militia attack in the coded documents.
ATTACK_SUB_EVENT_TYPES: tuple[str, ...] = ("Shelling/artillery/missile attack",)

#: The order of kinds (timeline lanes, legend entries): the project's
#: categories, then ACLED event types for events that have no category.
KIND_ORDER: tuple[str, ...] = schema.CATEGORIES + schema.EVENT_TYPES

#: The names ``kinds=`` and the report's ``ATTACKS`` accept: ACLED's event types and sub-event types and the
#: coded categories (and, for ``kinds=``, any other value of :data:`KIND_COLUMNS` in the events given).
KIND_NAMES: tuple[str, ...] = (*schema.EVENT_TYPES, *schema.SUB_EVENT_TYPES, *schema.CATEGORIES)
#: The columns a kind's name is looked for in: an event is of that kind when one of them holds the name.
KIND_COLUMNS: tuple[str, ...] = ("event_type", "sub_event_type", "category")
#: What a kind's name must be, after the refused name in a message.
_KIND_RULE = "is not an ACLED event type, sub-event type or category"

EventSelector = Union[Callable[[pd.DataFrame], "pd.Series"], Sequence[str], None]


class _MilitiaAttacksForNow:
    """The default of ``kinds=`` in the helpers that selected militia attacks when it was left out.

    ``kinds=`` has one default in every helper: None, every event given (the
    caller selects). For one release, the helpers whose default was
    :func:`is_militia_attack` keep it, with a DeprecationWarning
    (:func:`default_kinds`).
    """

    def __repr__(self) -> str:
        return "MILITIA_ATTACKS_FOR_NOW"


#: Default of ``kinds=`` for one release in the helpers that selected militia attacks by default.
MILITIA_ATTACKS_FOR_NOW = _MilitiaAttacksForNow()


def default_kinds(kinds: object, helper: str) -> EventSelector:
    """Return the ``kinds=`` a helper was given; for :data:`MILITIA_ATTACKS_FOR_NOW`, warn and select militia attacks.

    Examples
    --------
    >>> default_kinds(None, "attacks_per_period") is None
    True
    """
    if kinds is MILITIA_ATTACKS_FOR_NOW:
        warnings.warn(f"{helper}() counts only militia attacks when kinds= is left out; in the next release kinds= "
                      "defaults to None (every event given), as in every helper: pass kinds=is_militia_attack to "
                      "keep this selection, or kinds=None for every event", DeprecationWarning, stacklevel=3)
        return is_militia_attack
    return kinds  # type: ignore[return-value]


def event_kind(events: pd.DataFrame) -> pd.Series:
    """Return each event's kind: its project category, else its ACLED event type.

    The coded events all have a ``category`` (the timeline lane); ACLED
    exports do not, so their events fall back to ``event_type``.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_type`` and, optionally, ``category``.

    Returns
    -------
    Series
        Categorical with the categories of :data:`KIND_ORDER` (plus any other
        value met, after them), same index as ``events``.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["US strike", None], "event_type": ["Battles", "Protests"]})
    >>> event_kind(frame).tolist()
    ['US strike', 'Protests']
    """
    require_columns(events, ["event_type"])
    category = column_or_na(events, "category")
    kind = np.where(category.isna().to_numpy(), as_objects(events["event_type"]), as_objects(category))
    kind = pd.Series(kind, index=events.index).where(pd.notna(kind), None)
    extra = sorted(set(kind.dropna().unique()) - set(KIND_ORDER))
    return pd.Series(pd.Categorical(kind, categories=[*KIND_ORDER, *extra]), index=events.index, name="kind")


def is_militia_attack(events: pd.DataFrame) -> pd.Series:
    """Mark the events that count as attacks: the default selector of the counting helpers.

    An event is an attack when its ``category`` is ``"militia attack"``; an
    event without a category (an ACLED export) is an attack when its
    ``sub_event_type`` is one of :data:`ATTACK_SUB_EVENT_TYPES`. To count
    something else, pass your own function to the ``kinds=`` option of the
    helpers, e.g. ``lambda e: e["actor1"].str.contains("Hezbollah")``.

    Parameters
    ----------
    events : DataFrame
        Events with ``sub_event_type`` and, optionally, ``category``.

    Returns
    -------
    Series of bool
        True for attacks, same index as ``events``.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["militia attack", "US strike", None],
    ...                       "sub_event_type": ["Shelling/artillery/missile attack", "Air/drone strike",
    ...                                          "Shelling/artillery/missile attack"]})
    >>> is_militia_attack(frame).tolist()
    [True, False, True]
    """
    require_columns(events, ["sub_event_type"])
    category = column_or_na(events, "category")
    coded = is_one_of(category, ["militia attack"])
    fallback = category.isna().to_numpy() & is_one_of(events["sub_event_type"], ATTACK_SUB_EVENT_TYPES)
    return pd.Series(coded | fallback, index=events.index, name="attack")


#: Kinds of event outside the confrontation the coded data are about (the US-led coalition, the Iran-backed
#: militias, Iraq's government and parliament): ``"other violence"``, the fight against the Islamic State. The
#: escalation score leaves them out (:func:`in_confrontation`). An ACLED export has no such kind: its kinds are
#: ACLED event types (:func:`event_kind`), so every one of its events is in the score.
OUTSIDE_CONFRONTATION: tuple[str, ...] = ("other violence",)


def in_confrontation(events: pd.DataFrame) -> pd.Series:
    """Mark the events the escalation score counts: every kind but those of :data:`OUTSIDE_CONFRONTATION`.

    The caller selects with it, once (``NotebookData.escalation_events`` in the report), and gives the
    selected events to :func:`analysis.stats.escalation.escalation_per_period` and
    :func:`analysis.stats.escalation.cameo_table`, which score whatever they are given.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_type`` and, optionally, ``category``.

    Returns
    -------
    Series of bool
        True for the events of the confrontation, same index as ``events``, named ``confrontation``.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["militia attack", "other violence", None],
    ...                       "event_type": ["Explosions/Remote violence", "Battles", "Battles"]})
    >>> in_confrontation(frame).tolist()
    [True, False, True]
    """
    outside = event_kind(events).isin(list(OUTSIDE_CONFRONTATION)).to_numpy(dtype=bool)
    return pd.Series(~outside, index=events.index, name="confrontation")


def kind_names(names: Sequence[str], events: pd.DataFrame | None = None, *, option: str = "kinds") -> tuple[str, ...]:
    """Check names of kinds of event and return them as the vocabulary writes them; refuse a name that names nothing.

    The one rule of ``kinds=`` and of the report's ``ATTACKS``: a name is an
    ACLED event type, sub-event type or coded category (:data:`KIND_NAMES`),
    or, with ``events``, any other value of their columns (:data:`KIND_COLUMNS`:
    a sub-event type ACLED added after this package), matched without regard
    to case. A name of the vocabulary that no event has is accepted: it
    counts nothing (zeros), it is not a mistake. (The report's ``ATTACKS``
    follows this rule, then refuses too a kind its run has no event of:
    a report of nothing is not asked for.)

    Parameters
    ----------
    names : sequence of str
        The names given.
    events : DataFrame or None, default None
        The events they select from, whose other values are accepted too.
    option : str, default "kinds"
        The option's name, for the message.

    Returns
    -------
    tuple of str
        The names as :data:`KIND_NAMES` (or the data) write them, in the order given.

    Raises
    ------
    ValueError
        For a name that is none of these: the message names it, says what is allowed and the closest names.

    Examples
    --------
    >>> kind_names(["battles", "Air/drone strike"])
    ('Battles', 'Air/drone strike')
    >>> kind_names(["Battle"])
    Traceback (most recent call last):
    ...
    ValueError: kinds: 'Battle' is not an ACLED event type, sub-event type or category; did you mean 'Battles'?
    """
    odd = [name for name in names if not isinstance(name, str)]
    if odd:
        raise TypeError(f"{option}: {odd[0]!r} is not a name; {option} takes a function of the events (such as "
                        "is_militia_attack), names of kinds (event types, sub-event types or categories) or None")
    allowed = list(KIND_NAMES)
    folded = {name.casefold(): name for name in allowed}
    if events is not None and any(name.strip().casefold() not in folded for name in names):
        # the data's own values are read only for a name the vocabulary lacks (millions of rows)
        allowed += sorted({str(value) for column in KIND_COLUMNS if column in events.columns
                           for value in events[column].dropna().unique()} - set(allowed))
        for name in allowed:
            folded.setdefault(name.strip().casefold(), name)
    unknown = [name for name in names if name.strip().casefold() not in folded]
    if unknown:
        raise ValueError(refusal(option, unknown, allowed, _KIND_RULE, shown=len(allowed)))
    return tuple(folded[name.strip().casefold()] for name in names)


def kinds_mask(events: pd.DataFrame, names: Sequence[str]) -> np.ndarray:
    """Mark the events of some kinds: those whose ``event_type``, ``sub_event_type`` or ``category`` is one of ``names``.

    Matched as :func:`kind_names` matches them, without regard to case or surrounding spaces (a row written
    "battles" is one of "Battles"); columns the frame lacks are skipped (an ACLED export has no ``category``).

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["US strike", "militia attack"], "event_type": ["Battles"] * 2,
    ...                       "sub_event_type": ["Air/drone strike", "Armed clash"]})
    >>> kinds_mask(frame, ["militia attack"]).tolist(), kinds_mask(frame, ["Air/drone strike", "Battles"]).tolist()
    ([False, True], [True, True])
    >>> kinds_mask(frame.assign(event_type=["battles", "Riots"]), ["Battles"]).tolist()
    [True, False]
    """
    folded = {str(name).strip().casefold() for name in names}
    chosen = np.zeros(len(events), dtype=bool)
    for column in KIND_COLUMNS:
        if column in events.columns:
            values = events[column].astype("category")  # each distinct value folded once
            keep = [value for value in values.cat.categories if str(value).strip().casefold() in folded]
            chosen |= is_one_of(values, keep)
    return chosen


def _selection_mask(events: pd.DataFrame, kinds: EventSelector) -> np.ndarray:
    if kinds is None:
        return np.ones(len(events), dtype=bool)
    if callable(kinds):
        mask = kinds(events)
        mask = pd.Series(mask, index=events.index) if not isinstance(mask, pd.Series) else mask
        return mask.astype("boolean").fillna(False).to_numpy(dtype=bool)
    require_columns(events, ["event_type"])
    return kinds_mask(events, kind_names([kinds] if isinstance(kinds, str) else list(kinds), events))


def select_kinds(events: pd.DataFrame, kinds: EventSelector = MILITIA_ATTACKS_FOR_NOW) -> pd.DataFrame:
    """Keep the events of some kinds.

    Parameters
    ----------
    events : DataFrame
        Events.
    kinds : callable, sequence of str or None
        A function returning a boolean Series for ``events``; or kind names:
        ACLED event types, sub-event types or coded categories (such as
        ``"US strike"``), an event being of a kind when its ``event_type``,
        ``sub_event_type`` or ``category`` is that name (:func:`kinds_mask`),
        as the report's ``ATTACKS`` selects; None keeps every event.
        Left out, militia attacks for one more release, with a
        DeprecationWarning (:func:`default_kinds`); then None.

    Returns
    -------
    DataFrame
        The selected rows, unchanged, in their order.

    Raises
    ------
    ValueError
        If a name is not a kind (:func:`kind_names`): a mistyped name is
        refused, naming the closest names, instead of selecting nothing.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["US strike", "protest"], "event_type": ["Battles", "Protests"]})
    >>> select_kinds(frame, ["protest"]).index.tolist()
    [1]
    """
    return events.loc[_selection_mask(events, default_kinds(kinds, "select_kinds"))]


#: How an event is placed in time: ``"range"``, over every day its date can fall on (the coded data's
#: rule, :mod:`analysis.stats.periods`); ``"event_date"``, on the day recorded in ``event_date`` (the middle
#: of a week or month known only to that), as ACLED Explorer and acledR count, so totals match theirs.
DATE_RULES: tuple[str, ...] = ("range", "event_date")


def date_rule(dates: str) -> str:
    """Check a date rule's name (:data:`DATE_RULES`) and return it."""
    if dates not in DATE_RULES:
        raise ValueError(f"dates={dates!r}; use one of {', '.join(map(repr, DATE_RULES))}")
    return dates


def on_event_date(events: pd.DataFrame) -> pd.DataFrame:
    """Return the events each placed on its recorded day: ``date_start`` and ``date_end`` set to ``event_date``.

    Raises
    ------
    DataError
        If the events have no ``event_date`` (the coded events have none).
    """
    require_columns(events, ["event_date"])
    return events.assign(date_start=events["event_date"], date_end=events["event_date"])


#: The columns an area's name is matched in (whole, without regard to case): the governorate and the country.
AREA_COLUMNS: tuple[str, ...] = ("admin1", "country")
#: What an area's name must be, after the refused name in a message.
AREA_RULE = "matches no governorate (admin1) or country of the data"


def area_names(events: pd.DataFrame) -> list[str]:
    """The names an area may be in ``events``: their governorates and countries (:data:`AREA_COLUMNS`), sorted.

    Examples
    --------
    >>> area_names(pd.DataFrame({"admin1": ["Kirkuk", "Baghdad", None], "country": ["Iraq"] * 3}))
    ['Baghdad', 'Iraq', 'Kirkuk']
    """
    return sorted({str(value) for column in AREA_COLUMNS if column in events.columns
                   for value in events[column].dropna().unique()})


def unmatched_areas(events: pd.DataFrame, area: Sequence[str]) -> list[str]:
    """The names of ``area`` that match no governorate or country of ``events``, as :func:`select_events` matches them.

    The rule of ``area=`` and of the report's ``AREA``: a name matches when
    it is an ``admin1`` or ``country`` of an event, whole, without regard to
    case or surrounding spaces.

    Examples
    --------
    >>> unmatched_areas(pd.DataFrame({"admin1": ["Baghdad"], "country": ["Iraq"]}), ["BAGHDAD", "iraq", "Bagdad"])
    ['Bagdad']
    """
    folded = {name.strip().casefold() for name in area_names(events)}
    return [name for name in area if name.strip().casefold() not in folded]


def select_events(
    events: pd.DataFrame,
    *,
    start: object = None,
    end: object = None,
    area: str | Sequence[str] | None = None,
    dates: str = "range",
) -> pd.DataFrame:
    """Keep the events of a time window and an area.

    An event is in the window when its date range overlaps it: a range
    event of 28 Feb - 5 Mar is in a window starting 1 March; with
    ``dates="event_date"``, when its recorded day (ACLED's ``event_date``)
    is in it, as ACLED's own tools select. Nothing else is dropped, and the
    rows are returned unchanged, in their order.

    Parameters
    ----------
    events : DataFrame
        Events with ``date_start``, ``date_end`` and, for ``area``, ``admin1``
        (and ``country`` where the frame has it, as ACLED exports do).
    start, end : date-like or None, default None
        First and last day of the window (inclusive); None leaves that side
        open.
    area : str, sequence of str or None, default None
        Governorate(s) (``admin1``) or country name(s) (``country``),
        matched whole, without regard to case (:func:`unmatched_areas`);
        None keeps every place. A name that no event given has is refused
        (a mistyped name would select nothing), naming the closest names.
    dates : {"range", "event_date"}, default "range"
        How an event is placed in time (:data:`DATE_RULES`).

    Returns
    -------
    DataFrame
        The events in the window and the area.

    Raises
    ------
    DataError
        If a needed column is missing, a date is missing, or a range ends
        before it starts.
    ValueError
        If ``start`` or ``end`` is not a date, or ``end`` is before ``start``,
        or a name of ``area`` matches no event's governorate or country.

    Examples
    --------
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-02-28", "2020-03-11"]),
    ...                       "date_end": pd.to_datetime(["2020-03-05", "2020-03-11"]),
    ...                       "admin1": ["Baghdad", "Kirkuk"]})
    >>> select_events(frame, start="2020-03-01", area="baghdad").index.tolist()
    [0]
    """
    check_dates(events)
    start_, end_ = as_timestamp(start, "start"), as_timestamp(end, "end")
    if start_ is not None and end_ is not None and end_ < start_:
        raise ValueError(f"end={end!r} is before start={start!r}")
    dated = on_event_date(events) if date_rule(dates) == "event_date" else events
    mask = np.ones(len(events), dtype=bool)
    if start_ is not None:
        mask &= (dated["date_end"] >= start_).to_numpy()
    if end_ is not None:
        mask &= (dated["date_start"] <= end_).to_numpy()
    if area is not None:
        asked = [area] if isinstance(area, str) else [str(a) for a in area]
        require_columns(events, ["admin1"])
        unmatched = unmatched_areas(events, asked) if len(events) else []
        if unmatched:
            raise ValueError(refusal("area", unmatched, area_names(events), AREA_RULE))
        mask &= in_area(events, asked)
    return events.loc[mask]


def in_area(events: pd.DataFrame, area: Sequence[str]) -> np.ndarray:
    """Mark the events of an area: a governorate (``admin1``) or country (``country``) of ``area``, matched whole,
    without regard to case, as :func:`select_events` keeps them; an event whose place is not known is not marked.

    Examples
    --------
    >>> in_area(pd.DataFrame({"admin1": ["Baghdad", None], "country": ["Iraq", "Syria"]}), ["baghdad "]).tolist()
    [True, False]
    """
    wanted = {a.strip().casefold() for a in area}
    marked = np.zeros(len(events), dtype=bool)
    for column in AREA_COLUMNS:
        if column in events.columns:
            names = events[column].astype("string").str.strip().str.casefold()
            marked |= names.isin(wanted).fillna(False).to_numpy(dtype=bool)
    return marked


def event_numbers(events: pd.DataFrame, *, kinds: pd.Series | None = None) -> pd.Series:
    """Number the events in reading order, the order of every table and the keys of the timeline.

    Events are ordered by ``event_date``, then ``date_start``, ``date_end``,
    kind (in :data:`KIND_ORDER`) and ``event_id``, so events with the same
    dates and kind (drawn as one mark on a timeline) get consecutive numbers.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id``, ``date_start``, ``date_end``,
        ``event_date`` and ``event_type`` (and, optionally, ``category``).
    kinds : Series or None, default None
        The events' kinds if already known (:func:`event_kind`), to save
        working them out again on millions of events.

    Returns
    -------
    Series
        int64 numbers 1 to n, named ``number``, same index as ``events``.

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV2", "EV1"], "category": ["US strike", "militia attack"],
    ...                       "event_type": ["Explosions/Remote violence"] * 2,
    ...                       "date_start": pd.to_datetime(["2020-01-03", "2020-01-03"]),
    ...                       "date_end": pd.to_datetime(["2020-01-03", "2020-01-03"]),
    ...                       "event_date": pd.to_datetime(["2020-01-03", "2020-01-03"])})
    >>> event_numbers(frame).tolist()
    [2, 1]
    """
    require_columns(events, ["event_id", "date_start", "date_end", "event_date", "event_type"])
    kind = (event_kind(events) if kinds is None else kinds).cat.codes.to_numpy()
    ids = pd.factorize(events["event_id"], sort=True)[0]
    days = [pd.to_datetime(events[c]).to_numpy(dtype="datetime64[D]").astype(np.int64) for c in
            ("event_date", "date_start", "date_end")]
    order = np.lexsort((ids, kind, days[2], days[1], days[0]))
    numbers = np.empty(len(events), dtype=np.int64)
    numbers[order] = np.arange(1, len(events) + 1)
    return pd.Series(numbers, index=events.index, name="number")


#: An event id that ends in its number: any prefix without digits, then the digits ("EV035", "IRQ12345").
_NUMBERED_ID = r"^\D*(\d+)$"


def event_keys(events: pd.DataFrame, *, kinds: pd.Series | None = None) -> pd.Series:
    """Give each event the number a reader sees for it everywhere: the number in its id.

    The number of ``EV035`` is 35 on the timeline, in the evidence heatmap
    and in every table, whatever subset of the events is shown. When the
    ids do not all end in a number, or two ids share one (ids of several
    countries, say), the events are numbered in reading order instead
    (:func:`event_numbers`), which depends on the events given.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id`` (and, for the fallback, the columns of
        :func:`event_numbers`).
    kinds : Series or None, default None
        The events' kinds, passed on to :func:`event_numbers`.

    Returns
    -------
    Series
        int64 numbers, named ``number``, same index as ``events``.

    Examples
    --------
    >>> event_keys(pd.DataFrame({"event_id": ["EV035", "EV003"]})).tolist()
    [35, 3]
    """
    require_columns(events, ["event_id"])
    if events.empty:
        return pd.Series(np.zeros(0, dtype=np.int64), index=events.index, name="number")
    digits = events["event_id"].astype("string").str.extract(_NUMBERED_ID, expand=False)
    if digits.notna().all():
        numbers = digits.astype("int64")
        if numbers.is_unique:
            return pd.Series(numbers.to_numpy(), index=events.index, name="number")
    return event_numbers(events, kinds=kinds)


# --- which events are attacks, and on whom: the ATTACKS and TARGET parameters -----------------


#: Names that moved when this module was split, importable from here for one release (with a warning).
__getattr__ = moved_names(__name__, {name: "analysis.stats.targets" for name in ('DEFAULT_ACLED_ATTACKS', 'TARGET_COLUMNS', 'ACTOR_COLUMNS', 'AttackSelection', 'SHORT_ATTACK_NAMES', 'target_mask', 'involving', 'attack_selection')})
