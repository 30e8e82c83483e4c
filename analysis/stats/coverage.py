"""ACLED's outlets: who reports each event (:func:`event_sources`, :func:`outlets_table`), and whether a change is
real: the outlets over time, those that appear or vanish, and their share of a change.

An event's outlets are those in its ``source`` cell
(:func:`event_sources`), and an event falls in the
period of its ``event_date`` (ACLED's own counting). A rise that coincides
with a new outlet may be a change in coverage rather than in the conflict;
these frames let a reader see it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._frames import require_columns
from .periods import period_edges

#: What separates the outlets of an ACLED ``source`` cell.
SOURCE_SEPARATOR = ";"


def _split_sources(source: pd.Series) -> tuple[np.ndarray, list[list[str]], np.ndarray]:
    """Factorize the ``source`` cells and split each distinct cell into its outlets.

    Returns each row's cell code (-1 where missing), the outlets of each
    distinct cell, and their number. ACLED repeats the same few combinations,
    so the splitting is done per cell, not per row.
    """
    codes, cells = pd.factorize(source.astype("string"))
    parts = [list(dict.fromkeys(p.strip() for p in str(cell).split(SOURCE_SEPARATOR) if p.strip())) for cell in cells]
    return codes, parts, np.array([len(p) for p in parts], dtype=np.int64)


def event_sources(events: pd.DataFrame) -> pd.DataFrame:
    """Split ACLED's ``source`` column into one row per event and outlet.

    ACLED lists every outlet behind an event in ``source``, separated by
    semicolons ("Garowe Online; Shabelle Media Network"). Outlets are
    stripped of spaces; an event with no source has no row.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id`` and ``source``.

    Returns
    -------
    DataFrame
        event_id, source (string), outlets (int64: how many outlets the
        event has).

    Raises
    ------
    DataError
        If ``event_id`` or ``source`` is missing.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b"], "source": ["Radio X; Daily Y", "Radio X"]})
    >>> event_sources(frame).values.tolist()
    [['a', 'Radio X', 2], ['a', 'Daily Y', 2], ['b', 'Radio X', 1]]
    """
    require_columns(events, ["event_id", "source"])
    codes, parts, sizes = _split_sources(events["source"])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64) if len(sizes) else sizes
    outlets = np.array([name for p in parts for name in p], dtype=object)
    rows = np.flatnonzero(codes >= 0)
    rows = rows[sizes[codes[rows]] > 0]
    cell = codes[rows]
    count = sizes[cell]
    repeated = np.repeat(rows, count)
    within = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    rows = pd.DataFrame({
        "event_id": events["event_id"].astype("string").to_numpy()[repeated],
        "source": pd.array(outlets[np.repeat(offsets[cell], count) + within] if len(repeated) else [], dtype="string"),
        "outlets": np.repeat(count, count).astype(np.int64),
    })
    return rows[["event_id", "source", "outlets"]].reset_index(drop=True)


def events_only_by(events: pd.DataFrame, names: object) -> pd.DataFrame:
    """Keep the events that only the outlets ``names`` report: every outlet of their ``source`` is one of them.

    Such an event would not be in the data without those outlets (an event
    that another outlet reports too would). An event with no source is
    reported by none of them.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id`` and ``source``.
    names : iterable of str
        The outlets, as :func:`event_sources` writes them.

    Returns
    -------
    DataFrame
        The rows of ``events`` whose events only ``names`` report, in their order.

    Raises
    ------
    DataError
        If ``event_id`` or ``source`` is missing.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": list("abc"), "source": ["Local", "Local; Radio X", "Radio X"]})
    >>> events_only_by(frame, ["Local"])["event_id"].tolist()
    ['a']
    """
    rows = event_sources(events)
    chosen = rows["source"].isin([str(name) for name in names]).to_numpy()
    theirs = set(rows.loc[chosen, "event_id"]) - set(rows.loc[~chosen, "event_id"])
    return events.loc[events["event_id"].astype("string").isin(theirs).to_numpy()]


def outlets_table(events: pd.DataFrame) -> pd.DataFrame:
    """Say which outlets stand behind how many events, and for how many they are the only source.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id`` and ``source`` (and ``source_scale``, ACLED's
        scale of the sources, where the frame has it).

    Returns
    -------
    DataFrame
        One row per outlet, most events first (then by name): source,
        events (int64), only_source (int64: events for which it is the only
        outlet), share (float64: its events over all events with a source).

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b"], "source": ["Radio X; Daily Y", "Radio X"]})
    >>> outlets_table(frame)[["source", "events", "only_source"]].values.tolist()
    [['Radio X', 2, 1], ['Daily Y', 1, 0]]
    """
    rows = event_sources(events)
    with_source = rows["event_id"].nunique()
    grouped = rows.groupby("source", sort=False)
    out = pd.DataFrame({
        "events": grouped["event_id"].nunique().astype(np.int64),
        "only_source": grouped["outlets"].agg(lambda n: int((n == 1).sum())).astype(np.int64),
    }).rename_axis("source").reset_index()
    out["share"] = out["events"] / with_source if with_source else 0.0
    out["source"] = out["source"].astype("string")
    return out.sort_values(["events", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def outlets_per_event(events: pd.DataFrame) -> pd.DataFrame:
    """Count the events by how many outlets stand behind each: none, 1, 2, 3 or more.

    Parameters
    ----------
    events : DataFrame
        ACLED events, with ``event_id`` and ``source`` (outlets separated by ``;``).

    Returns
    -------
    DataFrame
        ``outlets`` (the four groups, in that order) and ``events`` (int64).

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b", "c"], "source": ["Radio X; Daily Y", "Radio X", None]})
    >>> outlets_per_event(frame).values.tolist()
    [['none', 1], ['1', 1], ['2', 1], ['3 or more', 0]]
    """
    require_columns(events, ["event_id", "source"])
    codes, _, sizes = _split_sources(events["source"])
    per_event = np.where(codes >= 0, sizes[np.maximum(codes, 0)] if len(sizes) else 0, 0)
    labels = ["none", "1", "2", "3 or more"]
    binned = np.minimum(per_event, 3)
    return pd.DataFrame({"outlets": labels, "events": np.bincount(binned, minlength=4).astype(np.int64)})


def source_scales(events: pd.DataFrame) -> pd.DataFrame:
    """Count the events by ACLED's ``source_scale`` (local, national, international...), most first.

    Parameters
    ----------
    events : DataFrame
        ACLED events, with ``source_scale``.

    Returns
    -------
    DataFrame
        ``source_scale`` (``"not given"`` where empty) and ``events``, most
        events first, ties alphabetically.

    Examples
    --------
    >>> frame = pd.DataFrame({"source_scale": ["National", "Local", "National", None]})
    >>> source_scales(frame).values.tolist()
    [['National', 2], ['Local', 1], ['not given', 1]]
    """
    require_columns(events, ["source_scale"])
    counts = events["source_scale"].astype("string").fillna("not given").value_counts()
    out = counts.rename_axis("source_scale").reset_index(name="events")
    out["events"] = out["events"].astype(np.int64)
    out["source_scale"] = out["source_scale"].astype("string")
    return out.sort_values(["events", "source_scale"], ascending=[False, True], kind="stable").reset_index(drop=True)


#: The ages of the outlets behind an event, oldest first (:func:`events_by_outlet_age`), each with what it means.
OUTLET_AGES: dict[str, str] = {
    "established": "reported only by outlets of the first {period}",
    "shared": "reported by a later outlet and one of the first {period}",
    "new_only": "reported only by outlets first cited later{later}",
}


def outlets_per_period(events: pd.DataFrame, *, freq: str = "M", start: object = None,
                       end: object = None) -> pd.DataFrame:
    """Count each outlet's events per period, each event in the period of its ``event_date``.

    Parameters
    ----------
    events : DataFrame
        ACLED events with ``event_id``, ``event_date`` and ``source``.
    freq : str, default "M"
        The period (:func:`analysis.stats.periods.period_edges`).
    start, end : date-like or None, default None
        The first and last day the periods must cover; None: the events'.

    Returns
    -------
    DataFrame
        period_start, period_end (datetime64), source (string), events
        (int64); only the pairs with events, by period then most events
        then outlet.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b", "c"], "source": ["X; Y", "X", "Y"],
    ...                       "event_date": pd.to_datetime(["2025-05-03", "2025-06-01", "2025-06-02"])})
    >>> outlets_per_period(frame)[["period_start", "source", "events"]].astype(str).values.tolist()
    [['2025-05-01', 'X', '1'], ['2025-05-01', 'Y', '1'], ['2025-06-01', 'X', '1'], ['2025-06-01', 'Y', '1']]
    """
    require_columns(events, ["event_id", "event_date", "source"])
    columns = {"period_start": pd.Series([], dtype="datetime64[ns]"),
               "period_end": pd.Series([], dtype="datetime64[ns]"),
               "source": pd.Series([], dtype="string"), "events": pd.Series([], dtype=np.int64)}
    if events.empty:
        return pd.DataFrame(columns)
    dates = events["event_date"]
    first = dates.min() if start is None else pd.Timestamp(start)
    last = dates.max() if end is None else pd.Timestamp(end)
    edges = period_edges(min(first, dates.min()), max(last, dates.max()), freq=freq)
    period = np.searchsorted(edges.to_numpy(), dates.to_numpy(), side="right") - 1
    by_id = pd.Series(period, index=events["event_id"].astype("string").to_numpy())
    rows = event_sources(events)
    if rows.empty:
        return pd.DataFrame(columns)
    rows["period"] = by_id.loc[~by_id.index.duplicated()].reindex(rows["event_id"]).to_numpy()
    counted = rows.groupby(["period", "source"], sort=False).size().rename("events").reset_index()
    counted["period_start"] = edges[counted["period"].to_numpy()]
    counted["period_end"] = edges[counted["period"].to_numpy() + 1] - pd.Timedelta(days=1)
    counted["events"] = counted["events"].astype(np.int64)
    counted["source"] = counted["source"].astype("string")
    out = counted.sort_values(["period", "events", "source"], ascending=[True, False, True], kind="stable")
    return out[list(columns)].reset_index(drop=True)


def outlet_spans(per_period: pd.DataFrame) -> pd.DataFrame:
    """Each outlet's first and last period with events, its events, and whether it is new or vanishes.

    Parameters
    ----------
    per_period : DataFrame
        Output of :func:`outlets_per_period`.

    Returns
    -------
    DataFrame
        source, first_period, last_period (datetime64: period starts), events
        (int64), new (bool: its first period is after the data's first),
        gone (bool: its last period is before the data's last); most events
        first, then by outlet.
    """
    if per_period.empty:
        return pd.DataFrame({"source": pd.Series([], dtype="string"),
                             "first_period": pd.Series([], dtype="datetime64[ns]"),
                             "last_period": pd.Series([], dtype="datetime64[ns]"),
                             "events": pd.Series([], dtype=np.int64),
                             "new": pd.Series([], dtype=bool), "gone": pd.Series([], dtype=bool)})
    grouped = per_period.groupby("source", sort=False)
    spans = pd.DataFrame({"first_period": grouped["period_start"].min(), "last_period": grouped["period_start"].max(),
                          "events": grouped["events"].sum().astype(np.int64)}).rename_axis("source").reset_index()
    spans["new"] = spans["first_period"] > per_period["period_start"].min()
    spans["gone"] = spans["last_period"] < per_period["period_start"].max()
    spans["source"] = spans["source"].astype("string")
    return spans.sort_values(["events", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def first_reports(events: pd.DataFrame) -> pd.Series:
    """Each outlet's first day: the earliest ``event_date`` of the events it reports.

    Returns
    -------
    Series
        The first day (datetime64) by outlet (index ``source``), earliest
        first, then by outlet.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b", "c"], "source": ["X; Y", "X", "Y"],
    ...                       "event_date": pd.to_datetime(["2025-06-03", "2025-05-01", "2025-06-02"])})
    >>> first_reports(frame).dt.strftime("%Y-%m-%d").to_dict()
    {'X': '2025-05-01', 'Y': '2025-06-02'}
    """
    require_columns(events, ["event_id", "event_date", "source"])
    rows = event_sources(events)
    ids = events["event_id"].astype("string").to_numpy()
    dates = pd.Series(events["event_date"].to_numpy(), index=ids)
    rows["first"] = dates.loc[~dates.index.duplicated()].reindex(rows["event_id"].astype("string")).to_numpy()
    firsts = rows.groupby("source")["first"].min().rename_axis("source").reset_index()
    firsts = firsts.sort_values(["first", "source"], kind="stable")
    return pd.Series(firsts["first"].to_numpy(), index=pd.Index(firsts["source"].astype("string"), name="source"),
                     name="first", dtype="datetime64[ns]")


def change_coverage(per_period: pd.DataFrame, before: object, after: object) -> pd.DataFrame:
    """The outlets behind a change from the period starting ``before`` to the one starting ``after``.

    An outlet is ``"new"`` when it has events in ``after`` and none in any
    earlier period, ``"gone"`` when it has events in ``before`` and none in
    any later period.

    Returns
    -------
    DataFrame
        source (string), status (``"new"`` or ``"gone"``), events (int64:
        its events in ``after`` for a new outlet, in ``before`` for one
        gone), most events first, then by outlet.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": list("abcd"), "source": ["X", "X", "X; Local", "Local"],
    ...                       "event_date": pd.to_datetime(["2025-05-03", "2025-06-01", "2025-06-02", "2025-06-09"])})
    >>> change_coverage(outlets_per_period(frame), "2025-05-01", "2025-06-01").values.tolist()
    [['Local', 'new', 2]]
    """
    before_, after_ = pd.Timestamp(before), pd.Timestamp(after)
    spans = outlet_spans(per_period).set_index("source")
    frames = []
    for status, when, is_it in (("new", after_, spans["first_period"] == after_),
                                ("gone", before_, spans["last_period"] == before_)):
        names = spans.index[is_it.to_numpy()]
        there = per_period[(per_period["period_start"] == when) & per_period["source"].isin(names)]
        frames.append(pd.DataFrame({"source": there["source"].astype("string").to_numpy(), "status": status,
                                    "events": there["events"].astype(np.int64).to_numpy()}))
    out = pd.concat(frames, ignore_index=True)
    out["events"] = out["events"].astype(np.int64)
    return out.sort_values(["events", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def outlet_shift(events: pd.DataFrame, before: object, after: object) -> pd.DataFrame:
    """Each outlet's events in two periods that only it reports, beside the other events: is a change one outlet's?

    An outlet's share of a change is measured as the charts hatch it: the
    events only it reports (:func:`events_only_by`), which would not be in
    the data without it; the other events (another outlet reports them, or
    none is named) would be. A change that these events of one outlet carry
    while the other events hold steady may be a change in that outlet's
    coverage rather than in the conflict, even when no outlet appears or
    vanishes.

    Parameters
    ----------
    events : DataFrame
        ACLED events with ``event_id``, ``event_date`` and ``source``.
    before, after : date-like
        The first and last days of the two periods, as ``(start, end)`` pairs:
        each event counts in the period its ``event_date`` falls in.

    Returns
    -------
    DataFrame
        source (string); only_before, only_after (int64: the events of each
        period that only it reports); rest_before, rest_after (int64: the
        period's other events, those the data would hold without it); the
        outlets of either period, most events only theirs in either period
        first, then by outlet.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": list("abcde"), "source": ["X", "Local", "Local", "X", "Local; X"],
    ...                       "event_date": pd.to_datetime(["2025-05-03", "2025-05-09", "2025-05-10",
    ...                                                     "2025-06-01", "2025-06-02"])})
    >>> may, june = ("2025-05-01", "2025-05-31"), ("2025-06-01", "2025-06-30")
    >>> outlet_shift(frame, may, june).values.tolist()
    [['Local', 2, 0, 1, 2], ['X', 1, 1, 2, 1]]
    """
    require_columns(events, ["event_id", "event_date", "source"])
    dates = events["event_date"]
    ids = events["event_id"].astype("string")
    totals, only, named = {}, {}, []
    for name, (start, end) in (("before", before), ("after", after)):
        inside = ((dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))).to_numpy()
        totals[name] = len(ids[inside].drop_duplicates())
        rows = event_sources(events.loc[inside]).drop_duplicates(["event_id", "source"])
        named.append(rows["source"])
        # an event is one outlet's alone where it is its only outlet: events_only_by's rule for one outlet
        only[name] = rows[rows["outlets"] == 1].groupby("source").size()
    outlets = pd.Index(pd.unique(pd.concat(named, ignore_index=True)), name="source")
    out = pd.DataFrame({"only_before": only["before"], "only_after": only["after"]}).reindex(outlets)
    out = out.fillna(0).astype(np.int64).reset_index()
    out["rest_before"] = (totals["before"] - out["only_before"]).astype(np.int64)
    out["rest_after"] = (totals["after"] - out["only_after"]).astype(np.int64)
    out["source"] = out["source"].astype("string")
    out["most"] = out[["only_before", "only_after"]].max(axis=1)
    out = out.sort_values(["most", "source"], ascending=[False, True], kind="stable").drop(columns="most")
    return out.reset_index(drop=True)


def events_by_outlet_age(events: pd.DataFrame, *, freq: str = "M", start: object = None,
                         end: object = None) -> pd.DataFrame:
    """Count each period's events by the age of the outlets that report them: only outlets of the first period,
    a later outlet with one of those, or only later outlets.

    An outlet is new when its first period is after the data's first
    (:func:`outlet_spans`). An event that only new outlets report would not
    be in the data without them: a rise made of such events may be one of
    coverage. The events no new outlet reports are what the data would
    hold without the new outlets. An event without a source counts with
    the first.

    Parameters
    ----------
    events : DataFrame
        ACLED events with ``event_id``, ``event_date`` and ``source``.
    freq, start, end
        As in :func:`outlets_per_period`.

    Returns
    -------
    DataFrame
        period_start, period_end (datetime64), established (int64: the
        events no new outlet reports), shared (a new outlet and one of the
        first period), new_only (only new outlets); one row per period from
        the first to the last, empty periods as zeros.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": list("abcd"), "source": ["X", "X; Local", "Local", "Local"],
    ...                       "event_date": pd.to_datetime(["2025-05-03", "2025-06-01", "2025-06-02", "2025-06-09"])})
    >>> events_by_outlet_age(frame)[["established", "shared", "new_only"]].values.tolist()
    [[1, 0, 0], [0, 1, 2]]
    """
    require_columns(events, ["event_id", "event_date", "source"])
    names = list(OUTLET_AGES)
    empty = pd.DataFrame({"period_start": pd.Series([], dtype="datetime64[ns]"),
                          "period_end": pd.Series([], dtype="datetime64[ns]"),
                          **{name: pd.Series([], dtype=np.int64) for name in names}})
    if events.empty:
        return empty
    dates = events["event_date"]
    first = dates.min() if start is None else min(pd.Timestamp(start), dates.min())
    last = dates.max() if end is None else max(pd.Timestamp(end), dates.max())
    edges = period_edges(first, last, freq=freq)
    spans = outlet_spans(outlets_per_period(events, freq=freq, start=start, end=end))
    new = set(spans.loc[spans["new"].to_numpy(dtype=bool), "source"])
    rows = event_sources(events)
    rows["new"] = rows["source"].isin(new).to_numpy()
    grouped = rows.groupby("event_id")["new"]
    ids = events["event_id"].astype("string")
    any_new = ids.map(grouped.any()).fillna(False).to_numpy(dtype=bool)  # no source: no new outlet
    all_new = ids.map(grouped.all()).fillna(False).to_numpy(dtype=bool)
    age = np.where(all_new, 2, np.where(any_new, 1, 0))  # the position in OUTLET_AGES
    period = np.searchsorted(edges.to_numpy(), dates.to_numpy(), side="right") - 1
    n = len(edges) - 1
    return pd.DataFrame({"period_start": edges[:-1], "period_end": edges[1:] - pd.Timedelta(days=1),
                         **{name: np.bincount(period[age == k], minlength=n).astype(np.int64)
                            for k, name in enumerate(names)}})
