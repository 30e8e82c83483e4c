"""Tables for reading: the events in words with their documents, reported totals, troop levels as steps."""

from __future__ import annotations

import pandas as pd

from .._frames import column_or_na, require_columns
from ..text import count_texts, date_texts, describe_bounds
from .selection import EventSelector, event_kind, select_kinds


def events_table(
    events: pd.DataFrame,
    reports: pd.DataFrame | None = None,
    *,
    kinds: EventSelector = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """List events in date order, in words, with the documents (or ACLED sources) behind each.

    Parameters
    ----------
    events : DataFrame
        Events.
    reports : DataFrame or None, default None
        A reports table: the ``documents`` column lists the documents that
        support each event, by the number that starts their id ("001"). None uses the events' own
        ``source`` column where it exists (ACLED exports).
    kinds : callable, sequence of str or None, default None
        Which events to list (see :func:`select_kinds`); None lists all.
    limit : int or None, default None
        List only the first ``limit`` events (in date order).

    Returns
    -------
    DataFrame
        event_id, when, kind, location, actor1, actor2, what (the notes),
        documents (string columns), indexed from 1.

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["EV2", "EV1"], "event_type": ["Explosions/Remote violence"] * 2,
    ...                        "category": ["militia attack", "US strike"], "location": ["Camp Taji", "Jurf al-Sakhar"],
    ...                        "actor1": ["Unidentified Armed Group (Iraq)", "Military Forces of the United States"],
    ...                        "date_start": pd.to_datetime(["2020-03-14", "2020-03-12"]),
    ...                        "date_end": pd.to_datetime(["2020-03-17", "2020-03-12"]),
    ...                        "event_date": pd.to_datetime(["2020-03-15", "2020-03-12"])})
    >>> reports = pd.DataFrame({"event_id": ["EV1", "EV2", "EV2"], "doc_id": ["001_a", "003_c", "001_a"]})
    >>> events_table(events, reports)[["event_id", "when", "kind", "documents"]]
      event_id            when            kind documents
    1      EV1     12 Mar 2020       US strike       001
    2      EV2  14-17 Mar 2020  militia attack  001, 003
    """
    require_columns(events, ["event_id", "date_start", "date_end", "event_date", "event_type", "location", "actor1"])
    chosen = select_kinds(events, kinds).sort_values(["event_date", "date_start", "event_id"], kind="stable")
    if limit is not None:
        chosen = chosen.iloc[:limit]
    if reports is not None:
        require_columns(reports, ["event_id", "doc_id"], "reports")
        short = reports["doc_id"].astype("string").str.split("_").str[0]
        documents = short.groupby(reports["event_id"]).agg(lambda ids: ", ".join(sorted(set(ids))))
        sources = chosen["event_id"].map(documents)
    else:
        sources = column_or_na(chosen, "source")
    out = pd.DataFrame({
        "event_id": chosen["event_id"].astype("string"),
        "when": date_texts(chosen),
        "kind": event_kind(chosen).astype("string"),
        "location": chosen["location"].astype("string"),
        "actor1": chosen["actor1"].astype("string"),
        "actor2": column_or_na(chosen, "actor2").astype("string"),
        "what": column_or_na(chosen, "notes").astype("string"),
        "documents": sources.astype("string"),
    })
    out.index = pd.RangeIndex(1, len(out) + 1)
    return out


def reported_totals_table(totals: pd.DataFrame) -> pd.DataFrame:
    """Show aggregate claims as what they are: reported totals, with their wording and source.

    Parameters
    ----------
    totals : DataFrame
        A reported-totals table (``load_reported_totals()``).

    Returns
    -------
    DataFrame
        One row per total, in date order: period (in words), measure, actor,
        as_worded, bounds, doc_id, quote (all string).

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> totals = pd.DataFrame({"measure": ["rocket attacks"], "actor": ["Kata'ib Hezbollah"], "count_low": [13],
    ...                        "count_high": [None], "qualifier": ["more than"], "doc_id": ["004"],
    ...                        "quote": ["over a dozen rocket attacks"], "date_start": pd.to_datetime(["2019-03-01"]),
    ...                        "date_end": pd.to_datetime(["2020-03-20"])})
    >>> reported_totals_table(totals).loc[0, ["period", "as_worded", "bounds"]].tolist()
    ['1 Mar 2019 - 20 Mar 2020', 'more than 12', '13 or more']
    """
    needed = ["date_start", "date_end", "measure", "actor", "count_low", "count_high", "qualifier", "doc_id", "quote"]
    require_columns(totals, needed, "reported totals")
    ordered = totals.sort_values(["date_start", "date_end"], kind="stable")
    out = pd.DataFrame({
        "period": date_texts(ordered),
        "measure": ordered["measure"].astype("string"),
        "actor": ordered["actor"].astype("string"),
        "as_worded": count_texts(ordered),
        "bounds": pd.Series(
            [describe_bounds(lo, hi) for lo, hi in zip(ordered["count_low"], ordered["count_high"])],
            index=ordered.index, dtype="string",
        ),
        "doc_id": ordered["doc_id"].astype("string"),
        "quote": ordered["quote"].astype("string"),
    })
    return out.reset_index(drop=True)


def troop_level_steps(levels: pd.DataFrame) -> pd.DataFrame:
    """Prepare the statements of force size for a step chart with bounds.

    Each statement holds from its first day until the next statement about
    the same force (the last one until its own last day): "the latest
    reported figure", not a claim about the days between. Open bounds stay
    open: ``"less than 400"`` has no low bound.

    Parameters
    ----------
    levels : DataFrame
        A troop-levels table (``load_troop_levels()``).

    Returns
    -------
    DataFrame
        One row per statement, by force and date: level_id, force, date_start,
        date_end, step_end (datetime64), count_low, count_high (Int64),
        value (float64: the figure as worded, e.g. 5000 for "about 5,000",
        400 for "less than 400"), qualifier, as_worded, doc_id.

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> levels = pd.DataFrame({"level_id": ["TL1", "TL2"], "force": ["US", "US"], "count_low": [5150, 4500],
    ...                        "count_high": [5250, 5500], "qualifier": ["about", "about"], "doc_id": ["002", "004"],
    ...                        "date_start": pd.to_datetime(["2020-02-06", "2020-04-01"]),
    ...                        "date_end": pd.to_datetime(["2020-02-06", "2020-04-30"])})
    >>> troop_level_steps(levels)[["level_id", "step_end", "value", "as_worded"]]
      level_id   step_end   value    as_worded
    0      TL1 2020-04-01  5200.0  about 5,200
    1      TL2 2020-05-01  5000.0  about 5,000
    """
    needed = ["level_id", "date_start", "date_end", "force", "count_low", "count_high", "qualifier", "doc_id"]
    require_columns(levels, needed, "troop levels")
    out = levels[needed].sort_values(["force", "date_start", "date_end", "level_id"], kind="stable").copy()
    following = out.groupby("force", observed=True, sort=False)["date_start"].shift(-1)
    out["step_end"] = following.where(following > out["date_end"], out["date_end"] + pd.Timedelta(days=1))
    out["as_worded"] = count_texts(out)
    low = out["count_low"].astype("Float64")
    high = out["count_high"].astype("Float64")
    value = ((low + high) / 2).fillna(high + 1).fillna(low - 1)
    qualifier = out["qualifier"].astype("string")
    value = value.mask(qualifier.isin(["exact", "at least", "several"]).fillna(False), low)
    out["value"] = value.astype("float64")
    columns = ["level_id", "force", "date_start", "date_end", "step_end", "count_low", "count_high", "value",
               "qualifier", "as_worded", "doc_id"]
    return out[columns].reset_index(drop=True)

