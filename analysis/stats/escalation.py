"""Measure escalation over time with Goldstein weights of CAMEO event codes.

The rule
--------
1. Each event gets the CAMEO code that best matches its ACLED sub-event type
   (:data:`CAMEO_BY_SUB_EVENT_TYPE`), or, for the coded posture changes,
   the code of its project category and sub-event type
   (:data:`CAMEO_BY_CATEGORY`), which overrides it. An event is scored
   from the side of its first actor (``actor1``), as ACLED codes it: a
   "Non-violent transfer of territory" is actor1 taking control of ground
   without fighting, 192 "Occupy territory" (-9.5, conflict); the coded
   posture changes put the coalition, which hands a base over, in actor1,
   so from its side that transfer is 0874 "Retreat or surrender
   militarily" (+10).
2. The code's Goldstein value (Goldstein 1992, "A Conflict-Cooperation Scale
   for WEIS Events Data", Journal of Conflict Resolution 36(2), as extended
   to CAMEO) is the event's weight: -10 for the most conflictual acts (using
   force), up to +10 for the most cooperative (a military retreat).
3. Weights are summed per period, an event known only to a range of dates
   spreading its weight over the days of its range (the ``expected`` rule
   of :mod:`analysis.stats.periods`), so each event's weight is counted once.
4. ``conflict`` sums the magnitudes of the negative weights of hostile acts
   only: acts of violence, the events of :data:`HOSTILE_SUB_EVENT_TYPES`
   (ACLED's battles, explosions and remote violence, violence against
   civilians and riots, and excessive force against protesters). A
   negative weight of an act without violence (a protest, a show of force
   such as a Patriot deployment or a fortified base, reduced relations
   such as a pause of joint operations or a withdrawal, ground taken
   without fighting) is not conflict: it is kept apart in ``nonviolent``
   and counts in no score, so no week shows conflict where nothing violent
   happened. ``cooperation`` sums the positive weights, and
   ``escalation = conflict - cooperation``.

Sources of the numbers
----------------------
Code names: the CAMEO event codebook (Schrodt, Conflict and Mediation Event
Observations, version 1.1b3, 2012), as in GDELT's lookup file
``CAMEO.eventcodes.txt``. Goldstein values: GDELT's lookup file
``CAMEO.goldsteinscale.txt`` (the GDELT Project, "data/lookups"), which
lists one value per CAMEO code. Every value used is in :data:`CAMEO_CODES`.

Which events are scored
-----------------------
Every event given: the caller selects. The report gives the events of the
confrontation the coded data are about, without the fight against the
Islamic State (:func:`analysis.stats.selection.in_confrontation`, selected
once in ``NotebookData.escalation_events``); an ACLED file's events are all
of them.

The measure counts acts, not their size: a rocket attack that killed three
soldiers and one that hit nothing both weigh -10. It says how much hostile
activity the documents record, which also depends on what they chose to
report.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .. import schema
from .._frames import as_list, column_or_na, require_columns
from ..text import date_texts
from .highlights import highest_positions
from .periods import weighted_per_period

#: ACLED event types whose acts are violence: the only acts counted as conflict.
HOSTILE_EVENT_TYPES: tuple[str, ...] = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
#: Sub-event types counted as conflict: those of :data:`HOSTILE_EVENT_TYPES`, and the violent repression of a protest.
HOSTILE_SUB_EVENT_TYPES: frozenset[str] = frozenset(
    [sub for kind in HOSTILE_EVENT_TYPES for sub in schema.ACLED_SUB_EVENT_TYPES[kind]]
    + ["Excessive force against protesters"]
)

#: The columns of :func:`escalation_per_period` and :func:`cameo_table` that hold points of the Goldstein scale:
#: every table writes them as :func:`analysis.text.describe_points` does ("4,533", "393.5").
POINT_COLUMNS: tuple[str, ...] = ("conflict", "cooperation", "escalation", "nonviolent", "goldstein")

#: CAMEO code -> (name in the CAMEO codebook, Goldstein value in GDELT's
#: CAMEO.goldsteinscale.txt). Only the codes this module maps to.
CAMEO_CODES: dict[str, tuple[str, float]] = {
    "010": ("Make statement, not specified below", 0.0),
    "057": ("Sign formal agreement", 8.0),
    "0874": ("Retreat or surrender militarily", 10.0),
    "141": ("Demonstrate or rally", -6.5),
    "145": ("Protest violently, riot", -7.5),
    "150": ("Demonstrate military or police power, not specified below", -7.2),
    "154": ("Mobilize or increase armed forces", -7.2),
    "160": ("Reduce relations, not specified below", -4.0),
    "173": ("Arrest, detain, or charge with legal action", -5.0),
    "175": ("Use tactics of violent repression", -9.0),
    "180": ("Use unconventional violence, not specified below", -9.0),
    "181": ("Abduct, hijack, or take hostage", -9.0),
    "1712": ("Destroy property", -9.2),
    "1821": ("Sexually assault", -9.0),
    "183": ("Conduct suicide, car, or other non-military bombing, not specified below", -10.0),
    "1831": ("Carry out suicide bombing", -10.0),
    "1833": ("Carry out roadside bombing", -10.0),
    "192": ("Occupy territory", -9.5),
    "193": ("Fight with small arms and light weapons", -10.0),
    "194": ("Fight with artillery and tanks", -10.0),
    "195": ("Employ aerial weapons", -10.0),
    "2041": ("Use chemical, biological, or radiological weapons", -10.0),
}

#: ACLED sub-event type -> CAMEO code (the closest act in CAMEO's words).
CAMEO_BY_SUB_EVENT_TYPE: dict[str, str] = {
    "Armed clash": "193",
    "Government regains territory": "192",
    "Non-state actor overtakes territory": "192",
    "Chemical weapon": "2041",
    "Air/drone strike": "195",
    "Suicide bomb": "1831",
    "Shelling/artillery/missile attack": "194",
    "Remote explosive/landmine/IED": "1833",
    "Grenade": "183",
    "Sexual violence": "1821",
    "Attack": "180",
    "Abduction/forced disappearance": "181",
    "Peaceful protest": "141",
    "Protest with intervention": "141",
    "Excessive force against protesters": "175",
    "Violent demonstration": "145",
    "Mob violence": "145",
    "Agreement": "057",
    "Arrests": "173",
    "Change to group/activity": "010",
    "Disrupted weapons use": "150",
    "Headquarters or base established": "154",
    "Looting/property destruction": "1712",
    # ACLED: actor1 acquires control of a place without a violent interaction (an advance, not a retreat)
    "Non-violent transfer of territory": "192",
    "Other": "010",
}

#: (project category, ACLED sub-event type) -> CAMEO code, overriding the
#: sub-event type where the coded category says more. The coding rules put
#: Patriot deployments and fortification under "Other" (a show of force:
#: 154, mobilize or increase armed forces), pauses of joint operations,
#: suspended training and troop drawdowns under "Change to group/activity"
#: (160, reduce relations), and a base handed over, with the coalition that
#: leaves it as actor1, under "Non-violent transfer of territory": from
#: actor1's side a retreat (0874), where ACLED's actor1 takes the ground (192).
CAMEO_BY_CATEGORY: dict[tuple[str, str], str] = {
    ("posture change", "Change to group/activity"): "160",
    ("posture change", "Non-violent transfer of territory"): "0874",
    ("posture change", "Other"): "154",
}


#: What each rule covers, in the coding's words (docs/methods.md), for
#: tables and chart keys; a rule not named here covers its sub-event type.
RULE_WORDS: dict[tuple[str | None, str], str] = {
    (None, "Armed clash"): "clashes",
    (None, "Air/drone strike"): "air and drone strikes",
    (None, "Shelling/artillery/missile attack"): "shelling, artillery and missile attacks",
    (None, "Peaceful protest"): "peaceful protests",
    (None, "Agreement"): "agreements",
    (None, "Non-violent transfer of territory"): schema.ACLED_POSTURE_MEANINGS["Non-violent transfer of territory"],
    (None, "Other"): "statements, resolutions and threats",
    (None, "Change to group/activity"): "changes of a group's activity",
    ("posture change", "Change to group/activity"):
        "pauses, suspended training, troop moves and withdrawals from bases no report says changed hands",
    ("posture change", "Non-violent transfer of territory"): "handovers of a base",
    ("posture change", "Other"): "Patriot deployments and fortification",
}


def hostile_acts(events: pd.DataFrame) -> np.ndarray:
    """Say which events are hostile acts, counted as conflict: violence (:data:`HOSTILE_SUB_EVENT_TYPES`).

    Parameters
    ----------
    events : DataFrame
        Events with ``sub_event_type``.

    Returns
    -------
    ndarray
        bool, one per event.

    Examples
    --------
    >>> hostile_acts(pd.DataFrame({"sub_event_type": ["Air/drone strike", "Other", None]})).tolist()
    [True, False, False]
    """
    require_columns(events, ["sub_event_type"])
    return events["sub_event_type"].astype("string").isin(HOSTILE_SUB_EVENT_TYPES).fillna(False).to_numpy(dtype=bool)


def cameo_weights(
    events: pd.DataFrame,
    *,
    by_sub_event_type: Mapping[str, str] | None = None,
    by_category: Mapping[tuple[str, str], str] | None = None,
) -> pd.DataFrame:
    """Give each event its CAMEO code and Goldstein weight (the rule of the module docs).

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id``, ``sub_event_type`` and, optionally,
        ``category``.
    by_sub_event_type : mapping or None, default None
        Sub-event type -> CAMEO code; None for :data:`CAMEO_BY_SUB_EVENT_TYPE`.
    by_category : mapping or None, default None
        (category, sub-event type) -> CAMEO code overrides; None for
        :data:`CAMEO_BY_CATEGORY`.

    Returns
    -------
    DataFrame
        One row per event, same index as ``events``: event_id, cameo_code,
        cameo_name (string), goldstein (float64). An event whose sub-event
        type has no code keeps missing values (and weighs nothing).

    Raises
    ------
    DataError
        If a needed column is missing.
    KeyError
        If a mapping names a CAMEO code that is not in :data:`CAMEO_CODES`.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1"], "category": ["US strike"],
    ...                       "sub_event_type": ["Air/drone strike"]})
    >>> cameo_weights(frame)[["cameo_code", "goldstein"]]
      cameo_code  goldstein
    0        195      -10.0
    """
    require_columns(events, ["event_id", "sub_event_type"])
    by_sub = dict(CAMEO_BY_SUB_EVENT_TYPE if by_sub_event_type is None else by_sub_event_type)
    by_cat = dict(CAMEO_BY_CATEGORY if by_category is None else by_category)
    for code in [*by_sub.values(), *by_cat.values()]:
        if code not in CAMEO_CODES:
            raise KeyError(f"CAMEO code {code!r} has no Goldstein value here; add it to CAMEO_CODES")
    sub = events["sub_event_type"]
    category = column_or_na(events, "category")
    # map the (few) distinct values, not the rows: fast on millions of ACLED events
    code = pd.Series(sub.astype("category").map(by_sub).astype(object), index=events.index)
    for (cat, kind), override in by_cat.items():
        matches = (category == cat).fillna(False).to_numpy(dtype=bool) & (sub == kind).fillna(False).to_numpy(dtype=bool)
        code = code.mask(matches, override)
    code = pd.Categorical(code.where(code.notna(), None), categories=sorted(CAMEO_CODES))
    names = pd.Series([CAMEO_CODES[c][0] for c in code.categories], dtype="string")
    values = np.array([CAMEO_CODES[c][1] for c in code.categories] + [np.nan])
    codes = code.codes
    return pd.DataFrame({
        "event_id": events["event_id"].astype("string"),
        "cameo_code": pd.Series(code, index=events.index).astype("string"),
        "cameo_name": pd.Series(names.take(np.maximum(codes, 0)).to_numpy(), index=events.index).where(codes >= 0),
        "goldstein": values[np.where(codes >= 0, codes, len(values) - 1)],
    }, index=events.index)


def escalation_per_period(
    events: pd.DataFrame,
    *,
    freq: str = "W",
    week_start: str = "MON",
    by: str | list[str] | None = None,
    start: object = None,
    end: object = None,
    by_sub_event_type: Mapping[str, str] | None = None,
    by_category: Mapping[tuple[str, str], str] | None = None,
    clip: bool = False,
    dates: str = "range",
    include_empty: bool = True,
) -> pd.DataFrame:
    """Sum Goldstein weights per period: conflict, cooperation and escalation.

    See the module documentation for the rule and the sources of the
    weights.

    Parameters
    ----------
    events : DataFrame
        Events (the coded table or an ACLED export).
    freq : str, default "W"
        Period length (``"W"``, ``"M"``, ``"2W"``...).
    week_start : str, default "MON"
        First day of a week.
    by : str, list of str or None, default None
        Column(s) to measure separately.
    start, end : date-like or None, default None
        Window: events whose range overlaps it (see
        :func:`analysis.stats.periods.attacks_per_period`).
    by_sub_event_type, by_category : mapping or None, default None
        Other code mappings (see :func:`cameo_weights`).
    clip : bool, default False
        Keep only the periods that overlap the window (see
        :func:`analysis.stats.periods.clip_to_window`).
    dates : {"range", "event_date"}, default "range"
        Place each event over its range of days, or on its ``event_date``
        (:data:`analysis.stats.selection.DATE_RULES`).
    include_empty : bool, default True
        Keep the periods (and groups) no event may fall in, as rows of
        zeros; False leaves them out (a breakdown by event, as
        :func:`cooperation_events` makes, would be every period times
        every event).

    Returns
    -------
    DataFrame
        One row per period (and group): period_start, period_end, the ``by``
        columns, events (float64, the ``expected`` count of events), scored
        (float64, the ``expected`` count of the events that add points to a
        score: acts of violence and of cooperation; a protest or a statement
        adds none), conflict (hostile acts only), cooperation, escalation and
        nonviolent (the negative weights of acts without violence, in no
        score) (float64).

    Raises
    ------
    DataError
        If a needed column is missing or a date range is invalid.
    ValueError
        If an option is not understood.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1", "EV2"], "category": ["US strike", "posture change"],
    ...                       "sub_event_type": ["Air/drone strike", "Non-violent transfer of territory"],
    ...                       "date_start": pd.to_datetime(["2020-03-12", "2020-03-19"]),
    ...                       "date_end": pd.to_datetime(["2020-03-12", "2020-03-19"])})
    >>> escalation_per_period(frame)[["period_start", "conflict", "cooperation", "escalation"]]
      period_start  conflict  cooperation  escalation
    0   2020-03-09      10.0          0.0        10.0
    1   2020-03-16       0.0         10.0       -10.0
    """
    weights = cameo_weights(events, by_sub_event_type=by_sub_event_type, by_category=by_category)
    goldstein = weights["goldstein"].fillna(0.0).to_numpy()
    hostile = hostile_acts(events)
    frame = weighted_per_period(
        events,
        {
            "events": np.ones(len(events)),
            "scored": (((goldstein < 0) & hostile) | (goldstein > 0)).astype(float),
            "conflict": np.where((goldstein < 0) & hostile, -goldstein, 0.0),
            "cooperation": np.where(goldstein > 0, goldstein, 0.0),
            "nonviolent": np.where((goldstein < 0) & ~hostile, -goldstein, 0.0),
        },
        freq=freq, week_start=week_start, by=by, start=start, end=end, include_empty=include_empty, clip=clip,
        dates=dates,
    )
    frame["escalation"] = frame["conflict"] - frame["cooperation"]
    columns = ["period_start", "period_end", *as_list(by), "events", "scored", "conflict", "cooperation",
               "escalation", "nonviolent"]
    out = frame[columns]
    out.attrs = dict(frame.attrs)
    return out


def cooperation_events(events: pd.DataFrame, **options: Any) -> pd.DataFrame:
    """List the events that push each period down: the retreats and acts of cooperation behind
    :func:`escalation_per_period`'s ``cooperation``, with the points each gives the period.

    A chart of the measure names them under its bars below zero, as a reader must know which event
    each mark is.

    Parameters
    ----------
    events : DataFrame
        Events, as :func:`escalation_per_period` takes them.
    **options
        The options of :func:`escalation_per_period` but ``by`` and ``include_empty`` (``freq``, ``start``,
        ``end``, ``clip``, ``dates``...): given the same, the points of a period's rows sum to its
        ``cooperation``.

    Returns
    -------
    DataFrame
        One row per period and event with points there, in date order, then in the events' order:
        period_start, period_end, event_id (string), cooperation (float64).

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1", "EV2"], "category": ["posture change", "US strike"],
    ...                       "sub_event_type": ["Non-violent transfer of territory", "Air/drone strike"],
    ...                       "date_start": pd.to_datetime(["2020-03-26", "2020-03-26"]),
    ...                       "date_end": pd.to_datetime(["2020-03-31", "2020-03-26"])})
    >>> cooperation_events(frame).round({"cooperation": 2})[["period_start", "event_id", "cooperation"]]
      period_start event_id  cooperation
    0   2020-03-23      EV1         6.67
    1   2020-03-30      EV1         3.33
    """
    return _scoring_events(events, "cooperation", options)


def conflict_events(events: pd.DataFrame, **options: Any) -> pd.DataFrame:
    """List the events that push each period up: the acts of violence behind :func:`escalation_per_period`'s
    ``conflict``, with the points each gives the period; as :func:`cooperation_events` lists those that push it
    down (same options), with ``conflict`` for ``cooperation``.

    A chart that names the events under a period's bars below zero names those of its bars above zero too, so
    that a reader does not take one for the other.

    Parameters
    ----------
    events : DataFrame
        Events, as :func:`escalation_per_period` takes them.
    **options
        The options of :func:`cooperation_events`: given the same as :func:`escalation_per_period`, the points
        of a period's rows sum to its ``conflict``.

    Returns
    -------
    DataFrame
        One row per period and event with points there, in date order, then in the events' order:
        period_start, period_end, event_id (string), conflict (float64).

    Examples
    --------
    >>> rockets = pd.DataFrame({"event_id": ["EV46", "EV45"], "sub_event_type": ["Shelling/artillery/missile attack",
    ...                         "Agreement"], "date_start": pd.to_datetime(["2020-06-13"] * 2),
    ...                         "date_end": pd.to_datetime(["2020-06-13"] * 2)})
    >>> conflict_events(rockets, freq="W").values.tolist()[0][2:]
    ['EV46', 10.0]
    """
    return _scoring_events(events, "conflict", options)


def _scoring_events(events: pd.DataFrame, measure: str, options: dict[str, Any]) -> pd.DataFrame:
    """The events behind one measure of :func:`escalation_per_period` (``"conflict"`` or ``"cooperation"``),
    period by period, with the points each gives it."""
    if {"by", "include_empty"} & set(options):
        raise TypeError(f"{measure}_events lists the events one by one, in the periods they fall in: it takes no "
                        "'by' or 'include_empty'")
    weights = cameo_weights(events, by_sub_event_type=options.get("by_sub_event_type"),
                            by_category=options.get("by_category"))
    goldstein = weights["goldstein"].fillna(0.0).to_numpy(dtype=float)
    scoring = goldstein > 0 if measure == "cooperation" else (goldstein < 0) & hostile_acts(events)
    chosen = events.loc[scoring].reset_index(drop=True)
    ids = chosen["event_id"].astype("string")
    frame = escalation_per_period(chosen.assign(event_id=ids), by="event_id", include_empty=False, **options)
    frame = frame[frame[measure] > 0]
    order = pd.Series(np.arange(len(ids)), index=ids.to_numpy())
    frame = frame.assign(order=order[~order.index.duplicated()].reindex(frame["event_id"]).to_numpy())
    frame = frame.sort_values(["period_start", "order"], kind="stable")
    return frame[["period_start", "period_end", "event_id", measure]].astype(
        {"event_id": "string", measure: "float64"}).reset_index(drop=True)


def cameo_table(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """List the weighting rule: each sub-event type (and category override) with its CAMEO code and value.

    Parameters
    ----------
    events : DataFrame or None, default None
        If given, only the rules these events use, with how many events
        each applies to.

    Returns
    -------
    DataFrame
        category (missing for the general rules), sub_event_type, cameo_code,
        cameo_name, goldstein, covers (the acts the rule covers, in words:
        :data:`RULE_WORDS`), hostile (bool: a negative weight counts as
        conflict only for a hostile act, :func:`hostile_acts`), and
        ``events`` (Int64) when ``events`` is given.

    Examples
    --------
    >>> cameo_table().query("sub_event_type == 'Air/drone strike'")["goldstein"].tolist()
    [-10.0]
    """
    rows = [(pd.NA, sub, code) for sub, code in CAMEO_BY_SUB_EVENT_TYPE.items()]
    rows += [(category, sub, code) for (category, sub), code in CAMEO_BY_CATEGORY.items()]
    table = pd.DataFrame(rows, columns=["category", "sub_event_type", "cameo_code"]).astype("string")
    table["cameo_name"] = table["cameo_code"].map({c: n for c, (n, _) in CAMEO_CODES.items()}).astype("string")
    table["goldstein"] = table["cameo_code"].map({c: v for c, (_, v) in CAMEO_CODES.items()}).astype("float64")
    table["covers"] = pd.Series(
        [RULE_WORDS.get((None if pd.isna(c) else c, s), s[:1].lower() + s[1:])
         for c, s in zip(table["category"], table["sub_event_type"])],
        dtype="string",
    )
    table["hostile"] = hostile_acts(table)
    if events is None:
        return table
    require_columns(events, ["sub_event_type"])
    sub = events["sub_event_type"].astype("string")
    category = column_or_na(events, "category").astype("string")
    overridden = pd.Series(list(zip(category.fillna(""), sub.fillna("")))).isin(list(CAMEO_BY_CATEGORY)).to_numpy()
    general = sub[~overridden].value_counts()
    special = pd.Series(list(zip(category[overridden], sub[overridden]))).value_counts()
    counts = [
        special.get((c, s), 0) if not pd.isna(c) else general.get(s, 0)
        for c, s in zip(table["category"], table["sub_event_type"])
    ]
    table["events"] = pd.array(counts, dtype="Int64")
    return table[table["events"] > 0].reset_index(drop=True)


def escalation_peaks(escalation: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """List the periods of highest escalation, highest first.

    Parameters
    ----------
    escalation : DataFrame
        Output of :func:`escalation_per_period`.
    n : int, default 3
        How many periods.

    Returns
    -------
    DataFrame
        Up to ``n`` rows with escalation above 0: period (the dates in
        words, "9-15 Mar 2020"), period_start, period_end, events, scored,
        conflict, cooperation, escalation; ties keep date order. A tie is never split:
        periods as high as the first one left out are left out too
        (:func:`analysis.stats.highlights.highest_positions`), so no period
        left out is as high as one listed.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1"], "sub_event_type": ["Air/drone strike"],
    ...                       "date_start": pd.to_datetime(["2020-03-12"]), "date_end": pd.to_datetime(["2020-03-12"])})
    >>> escalation_peaks(escalation_per_period(frame))["period"].tolist()
    ['9-15 Mar 2020']
    """
    order = highest_positions(escalation["escalation"].to_numpy(dtype=float), escalation["period_start"], n,
                              split_ties=False)
    top = escalation.iloc[order]
    out = top.assign(period=date_texts(top.rename(columns={"period_start": "date_start", "period_end": "date_end"})))
    columns = ["period", "period_start", "period_end", "events", "scored", "conflict", "cooperation", "escalation"]
    return out[columns].reset_index(drop=True)
