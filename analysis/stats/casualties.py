"""Attacks with their projectiles, killed and wounded: per event, per group, and as marker counts.

Where documents differ, the widest honest range is kept; a figure no
document gives is "not reported", which is not the same as none. Without a
casualties table (ACLED exports), an event's ``fatalities`` are its killed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from .._frames import column_or_na, require_columns
from ..text import count_texts, date_texts, describe_bounds
from .caveats import placeholder_figures
from .periods import weighted_per_period
from .selection import MILITIA_ATTACKS_FOR_NOW, EventSelector, default_kinds, select_kinds

_EVENT_FACTS = ["event_id", "date_start", "date_end", "event_date", "location"]


def _event_facts(events: pd.DataFrame) -> pd.DataFrame:
    facts = events[_EVENT_FACTS].copy()
    facts["base_id"] = column_or_na(events, "base_id").astype("string")
    facts["when"] = date_texts(events)
    facts["attack"] = (facts["when"] + ", " + facts["location"].astype("string")).astype("string")
    return facts


def event_sizes(events: pd.DataFrame, casualties: pd.DataFrame | None = None, *, outcome: str | None = None) -> pd.Series:
    """Count each event's people killed or wounded, for marker sizes and labels.

    With a casualties table: the lowest figure of each (group, outcome),
    summed over groups (and outcomes): the least the documents support.
    Without one: the ``fatalities`` column (ACLED's lowest figure), or 0.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id`` (and ``fatalities`` when ``casualties`` is
        None).
    casualties : DataFrame or None, default None
        A casualties table.
    outcome : str or None, default None
        ``"killed"`` or ``"wounded"`` to count only those; None for both.
        Without a casualties table, ``"wounded"`` gives 0.

    Returns
    -------
    Series
        float64, one value per event (0 where nothing is reported), same
        index as ``events``.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1", "EV2"], "fatalities": [3, 0]})
    >>> event_sizes(frame).tolist()
    [3.0, 0.0]
    """
    if casualties is None:
        if "fatalities" not in events.columns or outcome == "wounded":
            return pd.Series(0.0, index=events.index, name="casualties")
        return events["fatalities"].astype("Float64").fillna(0).astype(float).rename("casualties")
    require_columns(events, ["event_id"])
    require_columns(casualties, ["event_id", "group", "outcome", "count_low"], "casualties")
    rows = casualties if outcome is None else casualties[casualties["outcome"] == outcome]
    lowest = rows.groupby(["event_id", "group", "outcome"], observed=True)["count_low"].min()
    per_event = lowest.groupby(level="event_id").sum()
    sizes = events["event_id"].map(per_event).astype("Float64").fillna(0).astype(float)
    return sizes.rename("casualties")


def killed_per_period(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    freq: str = "W",
    week_start: str = "MON",
    kinds: EventSelector = None,
    start: object = None,
    end: object = None,
    clip: bool = True,
    dates: str = "range",
    set_by_rule: bool = False,
) -> pd.DataFrame:
    """Count the people killed per period (lowest figures), over the periods that count the events.

    Each event's killed is :func:`event_sizes` with ``outcome="killed"``:
    ACLED's ``fatalities``, or for the coded events the lowest figure of
    each group in the casualties table. It is placed in time as the event
    is counted (:func:`analysis.stats.periods.weighted_per_period`): an
    event known only to a range of days adds its killed to each period in
    proportion to its days there, and with ``dates="event_date"`` all of
    them to the period of its one date. A period with events and no one
    killed has 0, as has a period with no event.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id``, ``date_start``, ``date_end`` (and
        ``fatalities`` when ``casualties`` is None).
    casualties : DataFrame or None, default None
        The coded casualties table; None uses ``fatalities``.
    freq, week_start, start, end, dates
        As in :func:`analysis.stats.periods.attacks_per_period`: with the
        same values, the same periods.
    kinds : callable, sequence of str or None, default None
        Which events (see :func:`select_kinds`); None: every event given.
    clip : bool, default True
        Keep only the periods of the window ``start``..``end``, as a chart
        of it shows them; ``attrs["outside"]["killed"]`` holds the killed of
        ranged events that fell in the periods left out
        (:func:`analysis.stats.periods.clip_to_window`).
    set_by_rule : bool, default False
        Add ``set_by_rule``: the part of each period's killed in events
        whose toll ACLED set by rule, no source giving one
        (:func:`analysis.stats.caveats.placeholder_figures`; 0 for the
        coded events, which have no such notes).

    Returns
    -------
    DataFrame
        One row per period: period_start, period_end, certain, possible
        (int64), expected (float64): the events, as
        :func:`analysis.stats.periods.attacks_per_period` counts them;
        killed (float64) and, with ``set_by_rule``, set_by_rule (float64).
        Over all periods (and ``attrs["outside"]``) ``killed`` sums to the
        events' killed.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b", "c"], "fatalities": [3, 4, 0],
    ...                       "date_start": pd.to_datetime(["2025-03-03", "2025-03-09", "2025-03-18"]),
    ...                       "date_end": pd.to_datetime(["2025-03-03", "2025-03-10", "2025-03-18"])})
    >>> killed_per_period(frame)[["period_start", "expected", "killed"]]
      period_start  expected  killed
    0   2025-03-03       1.5     5.0
    1   2025-03-10       0.5     2.0
    2   2025-03-17       1.0     0.0
    """
    chosen = select_kinds(events, kinds).reset_index(drop=True)
    cas = None if casualties is None else casualties[casualties["event_id"].isin(chosen["event_id"])]
    killed = (event_sizes(chosen, cas, outcome="killed") if len(chosen) else pd.Series([], dtype=float)).to_numpy(
        dtype=float)
    weights = {"killed": killed}
    if set_by_rule:
        weights["set_by_rule"] = np.where(placeholder_figures(chosen).notna().to_numpy(dtype=bool), killed, 0.0)
    return weighted_per_period(chosen, weights, freq=freq, week_start=week_start, start=start, end=end, clip=clip,
                               dates=dates)


def casualties_per_event(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    kinds: EventSelector = MILITIA_ATTACKS_FOR_NOW,
) -> pd.DataFrame:
    """Combine the killed and wounded of each event, group and outcome across documents.

    Where several documents (or claimants) give a figure for the same event,
    group and outcome, the result keeps the widest honest range: the lowest
    ``count_low`` and the highest ``count_high`` (missing, i.e. open-ended,
    if any figure is open-ended). Without a casualties table (ACLED
    exports), each event's ``fatalities`` is used as the killed of the group
    ``"not split by group"``, with both bounds equal to it.

    Parameters
    ----------
    events : DataFrame
        Events (``event_id``, dates, ``location``; ``fatalities`` when
        ``casualties`` is None).
    casualties : DataFrame or None, default None
        A casualties table (``load_casualties()``).
    kinds : callable, sequence of str or None
        Which events to keep (see :func:`select_kinds`).
        Left out: militia attacks for one more release, with a
        DeprecationWarning; then None, every event, as in every helper.

    Returns
    -------
    DataFrame
        One row per (event, group, outcome) with a reported figure:
        event_id, date_start, date_end, event_date, location, base_id,
        when (the dates in words), attack (when and where, a label), group,
        outcome, count_low, count_high (Int64), figures (Int64, how many
        figures were combined) and as_worded (the figures as the documents
        word them, joined by "; "). Sorted by date, event, group, outcome.

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["EV1", "EV2"], "location": ["Camp Taji", "Camp Taji"],
    ...                        "sub_event_type": ["Shelling/artillery/missile attack"] * 2,
    ...                        "projectiles_low": [18, None], "projectiles_high": [18, None], "fatalities": [3, 0],
    ...                        "date_start": pd.to_datetime(["2020-03-11", "2020-03-14"]),
    ...                        "date_end": pd.to_datetime(["2020-03-11", "2020-03-17"]),
    ...                        "event_date": pd.to_datetime(["2020-03-11", "2020-03-15"])})
    >>> casualties = pd.DataFrame({"event_id": ["EV1", "EV1"], "group": ["US military"] * 2,
    ...                            "outcome": ["killed"] * 2, "count_low": [2, 2], "count_high": [2, 3],
    ...                            "qualifier": ["exact", "about"]})
    >>> casualties_per_event(events, casualties, kinds=None)[["attack", "group", "count_low", "count_high", "as_worded"]]
                       attack        group  count_low  count_high   as_worded
    0  11 Mar 2020, Camp Taji  US military          2           3  2; about 2
    """
    kinds = default_kinds(kinds, "casualties_per_event")
    require_columns(events, [*_EVENT_FACTS, "sub_event_type"])
    chosen = select_kinds(events, kinds)
    facts = _event_facts(chosen)
    if casualties is None:
        require_columns(chosen, ["fatalities"])
        rows = pd.DataFrame({
            "event_id": chosen["event_id"].to_numpy(),
            "group": "not split by group",
            "outcome": "killed",
            "count_low": chosen["fatalities"].astype("Int64").to_numpy(),
            "count_high": chosen["fatalities"].astype("Int64").to_numpy(),
            "qualifier": "exact",
        })
    else:
        require_columns(casualties, ["event_id", "group", "outcome", "count_low", "count_high", "qualifier"], "casualties")
        rows = casualties.loc[casualties["event_id"].isin(chosen["event_id"])].copy()
    rows["as_worded"] = count_texts(rows) if len(rows) else pd.Series([], dtype="string")
    rows["open_high"] = rows["count_high"].isna()
    for column in ("group", "outcome"):
        rows[column] = rows[column].astype("string")
    keys = ["event_id", "group", "outcome"]
    grouped = rows.groupby(keys, sort=False)
    # wordings joined per key; keys with one figure (every ACLED event) keep theirs without a Python call each
    first = ~rows.duplicated(keys).to_numpy()
    several = rows.duplicated(keys, keep=False).to_numpy()
    wording = rows.loc[first].set_index(keys)["as_worded"]
    if several.any():
        joined = rows.loc[several].groupby(keys, sort=False)["as_worded"].agg(lambda texts: "; ".join(dict.fromkeys(texts)))
        wording.loc[joined.index] = joined
    combined = pd.DataFrame({
        "count_low": grouped["count_low"].min().astype("Int64"),
        "count_high": grouped["count_high"].max().astype("Int64"),
        "open_high": grouped["open_high"].any(),
        "figures": grouped.size().astype("Int64"),
        "as_worded": wording.astype("string"),
    }).reset_index()
    combined["count_high"] = combined["count_high"].mask(combined["open_high"].astype(bool))
    out = facts.merge(combined.drop(columns="open_high"), on="event_id", how="inner", validate="one_to_many")
    group_order = {g: i for i, g in enumerate([*schema.CASUALTY_GROUPS, "not split by group"])}
    out["_group"] = out["group"].map(group_order)
    out = out.sort_values(["event_date", "event_id", "_group", "outcome"], kind="stable").drop(columns="_group")
    return out.reset_index(drop=True)


def _sum_bounds(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum low and high bounds per key; a high bound is open if any part is open."""
    grouped = frame.groupby(keys, sort=False)
    out = pd.DataFrame({
        "count_low": grouped["count_low"].sum().astype("Int64"),
        "count_high": grouped["count_high"].sum().astype("Int64"),
        "open": frame["count_high"].isna().groupby([frame[k] for k in keys], sort=False).any(),
    })
    out["count_high"] = out["count_high"].mask(out["open"].astype(bool))
    return out.drop(columns="open")


def attacks_table(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    kinds: EventSelector = MILITIA_ATTACKS_FOR_NOW,
) -> pd.DataFrame:
    """List the attacks with their projectiles, killed and wounded, as numbers.

    Killed and wounded are summed over groups from
    :func:`casualties_per_event` (lows with lows, highs with highs; a high
    bound is open if any part is open). An attack for which no document
    gives a figure has missing killed or wounded (both bounds missing): not
    reported, which is not the same as none (0). The figures in words are
    :func:`analysis.text.bounds_texts` of each pair of bounds.

    Parameters
    ----------
    events : DataFrame
        Events.
    casualties : DataFrame or None, default None
        Casualties table; None uses ``fatalities`` as the killed.
    kinds : callable, sequence of str or None
        Which events are attacks.
        Left out: militia attacks for one more release, with a
        DeprecationWarning; then None, every event, as in every helper.

    Returns
    -------
    DataFrame
        One row per attack, in date order: event_id, date_start, date_end,
        event_date, location, base_id, when, attack, and projectiles_low,
        projectiles_high, killed_low, killed_high, wounded_low, wounded_high
        (Int64; a missing high bound is open, both missing is not reported).

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["EV1", "EV2"], "location": ["Camp Taji", "Camp Taji"],
    ...                        "sub_event_type": ["Shelling/artillery/missile attack"] * 2,
    ...                        "projectiles_low": [18, None], "projectiles_high": [18, None], "fatalities": [3, 0],
    ...                        "date_start": pd.to_datetime(["2020-03-11", "2020-03-14"]),
    ...                        "date_end": pd.to_datetime(["2020-03-11", "2020-03-17"]),
    ...                        "event_date": pd.to_datetime(["2020-03-11", "2020-03-15"])})
    >>> attacks_table(events, kinds=None)[["when", "projectiles_low", "killed_low", "killed_high", "wounded_low"]]
                 when  projectiles_low  killed_low  killed_high  wounded_low
    0     11 Mar 2020               18           3            3         <NA>
    1  14-17 Mar 2020             <NA>           0            0         <NA>
    """
    kinds = default_kinds(kinds, "attacks_table")
    chosen = select_kinds(events, kinds)
    out = _event_facts(chosen)
    for column in ("projectiles_low", "projectiles_high"):
        out[column] = column_or_na(chosen, column).astype("Int64")
    per_event = casualties_per_event(chosen, casualties, kinds=None)
    for outcome in schema.OUTCOMES:
        part = per_event[per_event["outcome"] == outcome]
        sums = _sum_bounds(part, ["event_id"]) if len(part) else pd.DataFrame(
            {"count_low": pd.Series([], dtype="Int64"), "count_high": pd.Series([], dtype="Int64")},
            index=pd.Index([], name="event_id", dtype="string"),
        )
        sums = sums.rename(columns={"count_low": f"{outcome}_low", "count_high": f"{outcome}_high"})
        out = out.merge(sums, left_on="event_id", right_index=True, how="left")
    return out.sort_values(["event_date", "event_id"], kind="stable").reset_index(drop=True)


def casualties_by_group(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    kinds: EventSelector = MILITIA_ATTACKS_FOR_NOW,
) -> pd.DataFrame:
    """Sum the killed and wounded of the selected events by group.

    Parameters
    ----------
    events : DataFrame
        Events.
    casualties : DataFrame or None, default None
        Casualties table; None uses ``fatalities``.
    kinds : callable, sequence of str or None
        Which events to sum over.
        Left out: militia attacks for one more release, with a
        DeprecationWarning; then None, every event, as in every helper.

    Returns
    -------
    DataFrame
        One row per (group, outcome) with a reported figure: group, outcome,
        count_low, count_high (Int64; high missing if any figure is
        open-ended), events (Int64, events with a figure), bounds (in words).

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> days = pd.to_datetime(["2019-12-27", "2020-03-11"])
    >>> events = pd.DataFrame({"event_id": ["EV1", "EV2"], "date_start": days, "date_end": days, "event_date": days,
    ...                        "location": ["K-1 Air Base", "Camp Taji"],
    ...                        "sub_event_type": ["Shelling/artillery/missile attack"] * 2})
    >>> casualties = pd.DataFrame({"event_id": ["EV1", "EV2", "EV2"], "outcome": ["wounded", "killed", "wounded"],
    ...                            "group": ["US military"] * 3, "count_low": [4, 2, 12], "count_high": [4, 2, None],
    ...                            "qualifier": ["exact", "exact", "at least"]})
    >>> casualties_by_group(events, casualties, kinds=None)[["group", "outcome", "bounds", "events"]]
             group  outcome      bounds  events
    0  US military  wounded  16 or more       2
    1  US military   killed           2       1
    """
    kinds = default_kinds(kinds, "casualties_by_group")
    per_event = casualties_per_event(events, casualties, kinds=kinds)
    if per_event.empty:
        return pd.DataFrame({
            "group": pd.Series([], dtype="string"), "outcome": pd.Series([], dtype="string"),
            "count_low": pd.Series([], dtype="Int64"), "count_high": pd.Series([], dtype="Int64"),
            "events": pd.Series([], dtype="Int64"), "bounds": pd.Series([], dtype="string"),
        })
    sums = _sum_bounds(per_event, ["group", "outcome"])
    sums["events"] = per_event.groupby(["group", "outcome"], sort=False)["event_id"].nunique().astype("Int64")
    out = sums.reset_index()
    out["bounds"] = pd.Series(
        [describe_bounds(lo, hi) for lo, hi in zip(out["count_low"], out["count_high"])], dtype="string"
    )
    return out.reset_index(drop=True)



#: Bins of killed per event for the distribution chart when some event killed more than :data:`FIGURE_BINS_UP_TO`,
#: beyond the figures that have a bin each (below :data:`WIDE_BINS_FROM`): (label, lowest, highest).
KILLED_BINS: tuple[tuple[str, int, float], ...] = (("10-24", 10, 24), ("25 or more", 25, float("inf")))
#: Up to this many killed in the deadliest event, the distribution has a bin per figure (0, 1, 2, ... the highest),
#: so no bin stays empty between the figures and the events at the highest figure are seen as such.
FIGURE_BINS_UP_TO = 10
#: Beyond :data:`FIGURE_BINS_UP_TO`, every figure below this one still has a bin of its own, so a heap at one figure
#: (many events of exactly 3 killed, say: :func:`analysis.stats.caveats.heaped_figures`) is not folded into a bin
#: of several; the figures from it on are binned (:data:`KILLED_BINS`).
WIDE_BINS_FROM = 10


def killed_bins(highest: float) -> tuple[tuple[str, int, float], ...]:
    """Return the bins of killed per event for events whose deadliest killed ``highest``: (label, lowest, highest).

    A bin per figure from 0 to ``highest`` (at least to 1) when ``highest`` is at most :data:`FIGURE_BINS_UP_TO`,
    else a bin per figure below :data:`WIDE_BINS_FROM`, then :data:`KILLED_BINS` up to the one that holds
    ``highest`` (no empty bin beyond the deadliest event), that one labelled up to ``highest`` ("10-20" where 20 is
    the most, not "10-24").

    Examples
    --------
    >>> [label for label, _, _ in killed_bins(3)]
    ['0', '1', '2', '3']
    >>> [label for label, _, _ in killed_bins(40)][-4:]
    ['8', '9', '10-24', '25 or more']
    >>> [label for label, _, _ in killed_bins(20)][-3:]
    ['8', '9', '10-20']
    """
    if highest > FIGURE_BINS_UP_TO:
        each = [(str(k), k, float(k)) for k in range(WIDE_BINS_FROM)]
        kept = each + [edges for edges in KILLED_BINS if edges[1] <= highest]
        label, low, high = kept[-1]
        if high != float("inf") and highest < high:
            top = int(np.floor(highest))
            kept[-1] = (f"{low}-{top}" if top > low else f"{low}", low, high)
        return tuple(kept)
    top = max(int(np.ceil(highest)), 1)
    return tuple((str(k), k, float(k)) for k in range(top + 1))


def killed_distribution(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    kinds: EventSelector = MILITIA_ATTACKS_FOR_NOW,
    within: tuple[object, object] | None = None,
) -> pd.DataFrame:
    """Count the selected events by how many people were killed in each (lowest figure), in the bins of
    :func:`killed_bins`: a bin per figure when the deadliest killed few, else :data:`KILLED_BINS`.

    The form of the per-attack chart when there are too many attacks to
    show one by one.

    Parameters
    ----------
    events : DataFrame
        Events, with ``fatalities`` (an ACLED file) or with their killed in ``casualties``.
    casualties : DataFrame or None, default None
        The coded casualties table, for the coded events; None for ACLED's ``fatalities``.
    kinds : callable, sequence of str or None
        Which events to count (see :func:`select_kinds`).
        Left out: militia attacks for one more release, with a
        DeprecationWarning; then None, every event, as in every helper.
    within : tuple of (date-like, date-like) or None, default None
        A period (its first and last day) whose events each bin counts
        apart, in ``within``: a week that may be one batch of coding, say.

    Returns
    -------
    DataFrame
        killed (the bin's label, string), lowest (int64, the bin's lowest
        figure), events (int64), people (int64: the killed summed over the
        bin's events), placeholders (int64: its events whose figure ACLED
        set by rule, :func:`analysis.stats.caveats.placeholder_figures`),
        and with ``within`` its events of that period (int64, by
        ``event_date``); every bin, empty ones as 0. A figure between two
        bins' lowest (2.5, say) counts in the lower bin.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b", "c"], "fatalities": [0, 3, 30],
    ...                       "sub_event_type": ["Armed clash"] * 3})
    >>> killed_distribution(frame, kinds=None)[["killed", "events"]].values.tolist()[2:5]
    [['2', 0], ['3', 1], ['4', 0]]
    >>> killed_distribution(frame.assign(fatalities=[0, 3, 3]), kinds=None)["killed"].tolist()
    ['0', '1', '2', '3']
    """
    kinds = default_kinds(kinds, "killed_distribution")
    chosen = select_kinds(events, kinds)
    killed = event_sizes(chosen, casualties, outcome="killed").to_numpy(dtype=float)
    bins = killed_bins(killed.max() if len(killed) else 0.0)
    lows = np.array([low for _, low, _ in bins], dtype=float)
    which = np.searchsorted(lows, killed, side="right") - 1  # every figure in a bin: none falls between two
    set_by_rule = placeholder_figures(chosen).notna().to_numpy(dtype=bool)
    rows = [{"killed": label, "lowest": low, "events": int((which == i).sum()), "people": int(killed[which == i].sum()),
             "placeholders": int(((which == i) & set_by_rule).sum())}
            for i, (label, low, _) in enumerate(bins)]
    out = pd.DataFrame(rows)
    out["killed"] = out["killed"].astype("string")
    if within is not None:
        days = pd.to_datetime(chosen["event_date"]).dt.normalize() if "event_date" in chosen else pd.Series(
            pd.NaT, index=chosen.index)
        inside = ((days >= pd.Timestamp(within[0])) & (days <= pd.Timestamp(within[1]))).to_numpy(dtype=bool)
        out["within"] = [int(((which == i) & inside).sum()) for i in range(len(bins))]
    return out.astype({"lowest": "int64", "events": "int64", "people": "int64", "placeholders": "int64",
                       **({"within": "int64"} if within is not None else {})})
