"""Tables for reading: the events in words with their documents, reported totals, troop-level statements."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._frames import column_or_na, require_columns
from .._lazy import renamed_keywords
from ..text import count_texts, date_texts, describe_bounds
from .evidence import document_names
from .selection import EventSelector, event_keys, event_kind, event_numbers, select_kinds


@renamed_keywords(limit="n")
def events_table(
    events: pd.DataFrame,
    reports: pd.DataFrame | None = None,
    *,
    sources: pd.DataFrame | None = None,
    kinds: EventSelector = None,
    n: int | None = None,
) -> pd.DataFrame:
    """List events in reading order, in words, with the documents (or ACLED sources) behind each.

    Parameters
    ----------
    events : DataFrame
        Events.
    reports : DataFrame or None, default None
        A reports table: the ``documents`` column lists the documents that
        support each event. None uses the events' own ``source`` column
        where it exists (ACLED exports).
    sources : DataFrame or None, default None
        The sources table: documents are named by outlet and date
        (:func:`analysis.stats.evidence.document_names`); None names them by
        the number that starts their id ("001").
    kinds : callable, sequence of str or None, default None
        Which events to list (see :func:`select_kinds`); None lists all.
    n : int or None, default None
        List only the first ``n`` events (in reading order).

    Returns
    -------
    DataFrame
        number (int64: the number in the event's id,
        :func:`analysis.stats.selection.event_keys`, the numbers on the
        timeline), event_id, when, kind, headline (the event's short
        title for readers, only when the events have one), location,
        actor1, actor2, what (the notes), documents (string columns), in
        reading order.

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
    0      EV1     12 Mar 2020       US strike       001
    1      EV2  14-17 Mar 2020  militia attack  001; 003
    """
    require_columns(events, ["event_id", "date_start", "date_end", "event_date", "event_type", "location", "actor1"])
    chosen = select_kinds(events.assign(_order=event_numbers(events), _number=event_keys(events)), kinds)
    chosen = chosen.sort_values("_order", kind="stable")
    if n is not None:
        chosen = chosen.iloc[:n]
    if reports is not None:
        require_columns(reports, ["event_id", "doc_id"], "reports")
        ids = reports["doc_id"].astype("string")
        if sources is not None:
            named = document_names(sources)
            order = {doc: i for i, doc in enumerate(sources.sort_values("published_start", kind="stable")["doc_id"])}
            names = ids.map(named).fillna(ids)
            keys = ids.map(order).fillna(len(order))
        else:
            names = ids.str.split("_").str[0]
            keys = names
        frame = pd.DataFrame({"event_id": reports["event_id"], "name": names, "key": keys})
        documents = frame.sort_values("key", kind="stable").groupby("event_id")["name"].agg(
            lambda values: "; ".join(dict.fromkeys(values)))
        documented = chosen["event_id"].map(documents)
    else:
        documented = column_or_na(chosen, "source")
    out = pd.DataFrame({
        "number": chosen["_number"].astype("int64"),
        "event_id": chosen["event_id"].astype("string"),
        "when": date_texts(chosen),
        "kind": event_kind(chosen).astype("string"),
        "headline": column_or_na(chosen, "headline").astype("string"),
        "location": chosen["location"].astype("string"),
        "actor1": chosen["actor1"].astype("string"),
        "actor2": column_or_na(chosen, "actor2").astype("string"),
        "what": column_or_na(chosen, "notes").astype("string"),
        "documents": documented.astype("string"),
    })
    if "headline" not in events.columns or events["headline"].isna().all():
        out = out.drop(columns="headline")
    return out.reset_index(drop=True)


def reported_totals_table(totals: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Show aggregate claims as what they are: reported totals, with their wording and source.

    Parameters
    ----------
    totals : DataFrame
        A reported-totals table (``load_reported_totals()``).
    sources : DataFrame or None, default None
        The sources table: documents named by outlet and date
        (:func:`analysis.stats.evidence.document_names`) instead of by id.

    Returns
    -------
    DataFrame
        One row per total, in date order (the totals whose start no
        sentence gives first, by their last day): period (in words; a start
        of origin ``convention`` in ``date_start_from`` is not written as a
        day: "until 11 Mar 2020 (no start given)"),
        measure, actor, as_worded, bounds, document (the doc_id, or its name
        with ``sources``), quote (all string).

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
    >>> reported_totals_table(totals.assign(date_start_from=["convention"])).loc[0, "period"]
    'until 20 Mar 2020 (no start given)'
    """
    needed = ["date_start", "date_end", "measure", "actor", "count_low", "count_high", "qualifier", "doc_id", "quote"]
    require_columns(totals, needed, "reported totals")
    # a start set by the coding's convention (the first day of its scope) is no date a report gives: those totals
    # come first, by their last day, then the others by their first
    no_start = column_or_na(totals, "date_start_from").astype("string").eq("convention").fillna(False)
    ordered = totals.assign(_no_start=~no_start).sort_values(["_no_start", "date_start", "date_end"],
                                                              kind="stable").drop(columns="_no_start")
    period = date_texts(ordered)
    unstarted = no_start.reindex(ordered.index).to_numpy(dtype=bool)
    ends = date_texts(ordered.assign(date_start=ordered["date_end"]))
    period = period.where(~unstarted, "until " + ends + " (no start given)")
    out = pd.DataFrame({
        "period": period,
        "measure": ordered["measure"].astype("string"),
        "actor": ordered["actor"].astype("string"),
        "as_worded": count_texts(ordered),
        "bounds": pd.Series(
            [describe_bounds(lo, hi) for lo, hi in zip(ordered["count_low"], ordered["count_high"])],
            index=ordered.index, dtype="string",
        ),
        "document": ordered["doc_id"].astype("string").map(
            document_names(sources) if sources is not None else lambda doc: doc).astype("string"),
        "quote": ordered["quote"].astype("string"),
    })
    return out.reset_index(drop=True)


def troop_level_statements(levels: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """List the statements of force size, each with its own dates, and compare it with the previous one.

    A statement holds for the days it can refer to, no longer: nothing is
    said about the days between two statements. Two statements about the
    same force show a change only where their bounds do not overlap;
    "approximately 5,200" (5,150-5,250) and "about 5,000" (4,500-5,500)
    overlap, so they show none. Open bounds stay open: ``"less than 400"``
    has no low bound.

    Parameters
    ----------
    levels : DataFrame
        A troop-levels table (``load_troop_levels()``).
    sources : DataFrame or None, default None
        The sources table, to name the documents by outlet and date
        (:func:`analysis.stats.evidence.document_names`).

    Returns
    -------
    DataFrame
        One row per statement, by force and date: level_id, force,
        date_start, date_end (datetime64), when (the dates in words),
        as_worded, count_low, count_high (Int64), value (float64: the figure
        as worded, e.g. 5000 for "about 5,000", 400 for "less than 400"),
        qualifier, doc_id, document (its name with ``sources``, else the
        doc_id), and compared (string: how it stands to the
        previous statement about the same force: "first statement", "overlaps
        the previous figure (5,150-5,250 fits both): no change shown",
        "lower than the previous figure" or "higher than the previous
        figure").

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> from analysis import load_troop_levels
    >>> troop_level_statements(load_troop_levels())["compared"].tolist()
    ['first statement', 'overlaps the previous figure (5,150-5,250 fits both): no change shown', 'first statement']
    """
    needed = ["level_id", "date_start", "date_end", "force", "count_low", "count_high", "qualifier", "doc_id"]
    require_columns(levels, needed, "troop levels")
    out = levels[needed].sort_values(["force", "date_start", "date_end", "level_id"], kind="stable").copy()
    out["when"] = date_texts(out)
    out["as_worded"] = count_texts(out)
    low = out["count_low"].astype("Float64")
    high = out["count_high"].astype("Float64")
    value = ((low + high) / 2).fillna(high + 1).fillna(low - 1)
    qualifier = out["qualifier"].astype("string")
    value = value.mask(qualifier.isin(["exact", "at least", "several"]).fillna(False), low)
    out["value"] = value.astype("float64")
    lows = low.fillna(0).to_numpy(dtype=float)
    highs = high.fillna(np.inf).to_numpy(dtype=float)
    forces = out["force"].astype("string").to_numpy()
    compared = []
    for i in range(len(out)):
        if i == 0 or forces[i] != forces[i - 1]:
            compared.append("first statement")
        elif highs[i] < lows[i - 1]:
            compared.append("lower than the previous figure")
        elif lows[i] > highs[i - 1]:
            compared.append("higher than the previous figure")
        else:
            top = min(highs[i], highs[i - 1])
            both = describe_bounds(max(lows[i], lows[i - 1]), None if np.isinf(top) else top)
            compared.append(f"overlaps the previous figure ({both} fits both): no change shown")
    out["compared"] = pd.array(compared, dtype="string")
    ids = out["doc_id"].astype("string")
    out["document"] = (ids.map(document_names(sources)) if sources is not None else ids).astype("string")
    columns = ["level_id", "force", "date_start", "date_end", "when", "as_worded", "count_low", "count_high", "value",
               "qualifier", "doc_id", "document", "compared"]
    return out[columns].reset_index(drop=True)
