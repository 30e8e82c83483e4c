"""What each coded document contributes: corroboration, conflicting claims, events per document, passages told
before their event; and each document's
one name, in every form a reader meets it (:func:`document_names`). An ACLED file's outlets are
:mod:`analysis.stats.coverage`'s."""

from __future__ import annotations

import calendar
import re
import unicodedata
import warnings
from importlib import resources
from io import BytesIO
from itertools import combinations

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..errors import DataError
from ..schema import CLAIM_FIELDS
from ..text import date_texts, describe_dates, figures_for_words
from .selection import event_keys, event_kind, event_numbers

_CONFLICT_COLUMNS = ["event_id", "claim_field", "claim_value", "doc_id", "claimant", "quote", "report_id"]

#: How the competing claims on a point differ: they contradict each other, or they differ only in precision (one
#: tells more exactly what another tells: a day within a range, a group within a wider one) or in wording, or they
#: complement each other (several reasons or purposes given, or whom strikes targeted and whom they hit: claims that
#: can all hold at once).
CLAIM_DIFFERENCES: tuple[str, ...] = ("contradict", "precision", "wording", "complement")
#: The coded readings of competing claims that do not contradict each other, shipped in ``analysis/data``: one row
#: per point (event_id, claim_field), its ``difference`` ("precision", "wording" or "complement") and ``why``.
CLAIM_READINGS = "claim_readings.csv"
_READING_COLUMNS = ("event_id", "claim_field", "difference", "why")

_MONTHS = {name.casefold(): name.casefold() for name in calendar.month_name[1:]}
_MONTHS.update({abbr.casefold(): name.casefold() for abbr, name in zip(calendar.month_abbr[1:], calendar.month_name[1:])})
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH_FIRST = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_DAYS = re.compile(rf"(\d{{1,2}})(?:\s*(?:-|\u2013|to)\s*(\d{{1,2}}))?\s+({_MONTH})\.?(?:,?\s+(\d{{4}}))?")


def _day_first(value: object) -> str:
    """A claim case-folded, its quotes straight, its counts in figures, its dates day first ("11 march")."""
    text = unicodedata.normalize("NFKC", str(value)).replace("\u2019", "'").replace("\u2018", "'")
    text = figures_for_words(text).casefold()
    text = _MONTH_FIRST.sub(lambda m: f"{m.group(2)} {m.group(1)}", text)
    return _ORDINAL.sub(r"\1", text)


def claim_key(value: object) -> str:
    """Reduce a claim to what it says, so that claims worded alike compare equal.

    Case, quotes, punctuation and spaces do not count, nor how a count
    ("two", "2") or a date ("March 11", "11 March", "Mar. 11th") is written.

    Examples
    --------
    >>> claim_key("March 11") == claim_key("11 March") == claim_key("Mar. 11th")
    True
    >>> claim_key("Two rockets") == claim_key("2 rockets"), claim_key("2 rockets") == claim_key("3 rockets")
    (True, False)
    """
    text = _day_first(value)
    for short, month in _MONTHS.items():
        text = re.sub(rf"\b{short}\b\.?", month, text)
    return " ".join(re.findall(r"\w+", text))


def claim_days(value: object) -> tuple[int | None, int, int, int] | None:
    """Read a claim that is a date and nothing more: ``(year or None, month, first day, last day)``; None otherwise.

    Examples
    --------
    >>> claim_days("11-29 March"), claim_days("March 14, 2020"), claim_days("after 11 March")
    ((None, 3, 11, 29), (2020, 3, 14, 14), None)
    """
    found = _DAYS.fullmatch(_day_first(value).strip().rstrip("."))
    if found is None:
        return None
    first, last, month, year = found.groups()
    number = list(calendar.month_name).index(_MONTHS[month].capitalize())
    return (int(year) if year else None, number, int(first), int(last or first))


def _nested(a: tuple[int | None, int, int, int], b: tuple[int | None, int, int, int]) -> bool:
    """Whether one date claim lies within the other (a day within a range, a range within a wider one)."""
    if a[1] != b[1] or (a[0] is not None and b[0] is not None and a[0] != b[0]):
        return False
    return (b[2] <= a[2] and a[3] <= b[3]) or (a[2] <= b[2] and b[3] <= a[3])


def claim_readings(readings: pd.DataFrame | None = None) -> dict[tuple[str, str], str]:
    """Return the coded readings of points whose claims do not contradict each other: (event_id, claim_field) ->
    "precision" or "wording".

    Parameters
    ----------
    readings : DataFrame or None, default None
        A table in the columns of :data:`CLAIM_READINGS` (event_id,
        claim_field, difference, why); None reads the packaged file.

    Raises
    ------
    DataError
        If a column is missing, a row's ``difference`` is not "precision",
        "wording" or "complement", its ``claim_field`` is not a claim field, its ``why`` is
        empty, or a point is read twice (naming the file, line, column and value).

    Examples
    --------
    >>> claim_readings()[("EV003", "location")]
    'precision'
    """
    if readings is None:
        data = (resources.files("analysis.data") / CLAIM_READINGS).read_bytes()
        readings = pd.read_csv(BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
        path = f"analysis/data/{CLAIM_READINGS}"
    else:
        path = readings.attrs.get("path", "claim readings")
    missing = [c for c in _READING_COLUMNS if c not in readings.columns]
    if missing:
        raise _problem(path, None, missing[0], None, f"is missing; the columns are {', '.join(_READING_COLUMNS)}")
    text = readings.astype("string").fillna("")
    allowed = {"difference": CLAIM_DIFFERENCES[1:], "claim_field": tuple(CLAIM_FIELDS)}
    seen: dict[tuple[str, str], int] = {}
    for row, (event_id, field, difference, why) in enumerate(text[list(_READING_COLUMNS)].itertuples(index=False)):
        line = row + 2  # the header is line 1
        for column, value in (("claim_field", field), ("difference", difference)):
            if value not in allowed[column]:
                raise _problem(path, line, column, value, f"is not allowed; use one of {', '.join(allowed[column])}")
        for column, value in (("event_id", event_id), ("why", why)):
            if not value.strip():
                raise _problem(path, line, column, value,
                               "is empty; say which point, and why its claims do not contradict each other")
        if (event_id, field) in seen:
            raise _problem(path, line, "event_id", event_id, f"is read twice, with {field!r} (line "
                           f"{seen[(event_id, field)]} and line {line}); read each point once")
        seen[(event_id, field)] = line
    return {(e, f): d for e, f, d in text[["event_id", "claim_field", "difference"]].itertuples(index=False)}


def _problem(path: str, line: int | None, column: str, value: object, rule: str) -> DataError:
    """The error of a claim readings table: its path, line, column, the value and what is allowed."""
    where = f"{path}, line {line}, column {column!r}" if line is not None else f"{path}, column {column!r}"
    return DataError(f"{where}: {value!r} {rule}" if value is not None else f"{where}: {rule}", path=path, line=line,
                     column=column, value=value, rule=rule)


def claim_difference(values: list[object], reading: str | None = None) -> str:
    """Say how competing claims on one point differ (:data:`CLAIM_DIFFERENCES`): as coded (``reading``), else
    "precision" where every claim is a date and each pair nests (a day within a range), else "contradict".

    Examples
    --------
    >>> claim_difference(["11 March", "11-29 March"]), claim_difference(["11 March", "14 March"])
    ('precision', 'contradict')
    >>> claim_difference(["a militia", "Kata'ib Hezbollah"], "precision")
    'precision'
    """
    if reading is not None:
        return reading
    days = [claim_days(v) for v in dict.fromkeys(values)]
    if all(d is not None for d in days) and all(_nested(a, b) for a, b in combinations(days, 2)):
        return "precision"
    return "contradict"


def list_conflicts(reports: pd.DataFrame, sources: pd.DataFrame | None = None, *,
                   readings: pd.DataFrame | None = None) -> pd.DataFrame:
    """List the claims on which documents or claimants disagree, and how they differ.

    A conflict is an (event_id, claim_field) pair with more than one
    distinct claim among the report rows, claims worded alike counting as
    one (:func:`claim_key`: "March 11" and "11 March", "two" and "2"). Every
    competing row is returned, so the claims stand side by side, with how
    the claims of its point differ (:func:`claim_difference`): they
    contradict each other, or differ only in precision or in wording (as
    coded in :data:`CLAIM_READINGS`, or a day within a range).

    Parameters
    ----------
    reports : DataFrame
        A reports table (``load_reports()``).
    sources : DataFrame or None, default None
        The sources table: adds a ``document`` column naming each document by
        outlet and date (:func:`document_names`).
    readings : DataFrame or None, default None
        The readings of points whose claims do not contradict each other
        (:func:`claim_readings`); None reads the packaged file.

    Returns
    -------
    DataFrame
        Columns event_id, claim_field, claim_value, doc_id, claimant, quote,
        report_id, difference (string, :data:`CLAIM_DIFFERENCES`) (and
        document, with ``sources``); one row per competing report, sorted by
        event and field. Empty (same columns) when nothing conflicts.

    Examples
    --------
    >>> from analysis import load_reports
    >>> conflicts = list_conflicts(load_reports())
    >>> sorted(conflicts.columns)[:3]
    ['claim_field', 'claim_value', 'claimant']
    """
    claims = reports.loc[reports["claim_field"].notna() & reports["claim_value"].notna(), _CONFLICT_COLUMNS]
    claims = claims.astype({"claim_field": "string"})
    keys = claims["claim_value"].map(claim_key)
    distinct = keys.groupby([claims["event_id"], claims["claim_field"]]).transform("nunique")
    out = claims[distinct > 1].sort_values(["event_id", "claim_field", "doc_id", "report_id"], kind="stable")
    out = out.reset_index(drop=True)
    coded = claim_readings(readings)
    differences = {point: claim_difference(list(part), coded.get((str(point[0]), str(point[1]))))
                   for point, part in out.groupby(["event_id", "claim_field"], sort=False)["claim_value"]}
    out["difference"] = pd.array([differences[point] for point in zip(out["event_id"], out["claim_field"])],
                                 dtype="string")
    if sources is not None:
        out["document"] = out["doc_id"].astype("string").map(document_names(sources)).astype("string")
    return out


def corroboration(
    reports: pd.DataFrame, sources: pd.DataFrame | None = None, events: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Count the documents that support each event.

    Parameters
    ----------
    reports : DataFrame
        A reports table.
    sources : DataFrame or None, default None
        The sources table: documents named by outlet and date
        (:func:`document_names`), in order of publication; None lists their ids.
    events : DataFrame or None, default None
        The events: adds each event's number (the number in its id,
        :func:`analysis.stats.selection.event_keys`), dates in words and
        kind, and sorts the rows in reading order
        (:func:`analysis.stats.selection.event_numbers`).

    Returns
    -------
    DataFrame
        Columns event_id, documents (Int64, number of distinct documents)
        and document_names (their names, or ids, joined by "; "), one row
        per event, sorted by event_id; with ``events``, number, event_id,
        when, kind, documents, document_names in reading order.
    """
    ids = reports["doc_id"].astype("string")
    if sources is not None:
        ordered = sources.sort_values(["published_start", "published_end", "doc_id"], kind="stable")
        rank = {doc: i for i, doc in enumerate(ordered["doc_id"])}
        names = ids.map(document_names(sources)).fillna(ids)
    else:
        rank, names = {}, ids
    frame = pd.DataFrame({"event_id": reports["event_id"], "doc_id": ids, "name": names,
                          "rank": ids.map(rank).fillna(-1) if rank else ids})
    frame = frame.sort_values(["rank", "doc_id"], kind="stable")
    grouped = frame.groupby("event_id", observed=True)
    out = pd.DataFrame({
        "documents": grouped["doc_id"].nunique(),
        "document_names": grouped["name"].agg(lambda values: "; ".join(dict.fromkeys(values))),
    })
    out["documents"] = out["documents"].astype("Int64")
    out = out.reset_index().astype({"event_id": "string", "document_names": "string"})
    if events is None:
        return out
    facts = pd.DataFrame({"order": event_numbers(events).to_numpy(), "number": event_keys(events).to_numpy(),
                          "event_id": events["event_id"].astype("string"),
                          "when": date_texts(events).to_numpy(), "kind": event_kind(events).astype("string").to_numpy()})
    out = facts.merge(out, on="event_id", how="left", validate="one_to_one").sort_values("order", kind="stable")
    return out.drop(columns="order").reset_index(drop=True)


def told_beforehand(reports: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """Mark the report rows that tell of their event without attesting it: a plan, forecast or announcement.

    A row does not attest its event when its passage is coded as telling of
    a plan (``tells`` "plan": "troops will be moved from...", "would deploy
    a Patriot missile defence system"), or when its document's last possible
    day of publication is before the event's first possible day
    (``published_end < date_start``): whatever it says, it was said before
    the event could have happened. Such a passage is cited, but does not
    count as a report of the event. Pass ``reports[~told_beforehand(...)]``
    to :func:`corroboration`, :func:`events_per_document` and the others to
    count the documents that attest each event.

    Parameters
    ----------
    reports : DataFrame
        A reports table (``event_id``, ``doc_id``; ``tells`` where coded).
    sources : DataFrame
        The sources table (``doc_id``, ``published_end``).
    events : DataFrame
        The events (``event_id``, ``date_start``); a row whose event or
        document is not among them is marked only by its ``tells``.

    Returns
    -------
    Series of bool
        Aligned with ``reports``.

    Examples
    --------
    >>> reports = pd.DataFrame({"event_id": ["EV1", "EV1", "EV1"], "doc_id": ["early", "late", "late"],
    ...                         "tells": [None, None, "plan"]})
    >>> sources = pd.DataFrame({"doc_id": ["early", "late"],
    ...                         "published_end": pd.to_datetime(["2020-03-20", "2020-03-29"])})
    >>> events = pd.DataFrame({"event_id": ["EV1"], "date_start": pd.to_datetime(["2020-03-26"])})
    >>> told_beforehand(reports, sources, events).tolist()
    [True, False, True]
    """
    require_columns(reports, ("event_id", "doc_id"), "reports")
    published = reports["doc_id"].map(sources.set_index("doc_id")["published_end"])
    began = reports["event_id"].map(events.set_index("event_id")["date_start"])
    before = (published < began).fillna(False).astype(bool)
    if "tells" not in reports.columns:
        return before
    return before | reports["tells"].astype("string").eq("plan").fillna(False).astype(bool)


def distinct_passages(reports: pd.DataFrame) -> pd.DataFrame:
    """Return the report rows that are passages of their own: a row whose quote lies inside another quote of the same
    document and event (or repeats it) is the same passage, as the sources page shows it once.

    Examples
    --------
    >>> rows = pd.DataFrame({"event_id": ["EV1", "EV1", "EV1", "EV2"], "doc_id": ["a", "a", "b", "a"],
    ...                      "quote": ["a rocket hit the base", "rocket hit", "rocket hit", "rocket hit"]})
    >>> distinct_passages(rows)["quote"].tolist()
    ['a rocket hit the base', 'rocket hit', 'rocket hit']
    """
    if "quote" not in reports.columns or reports.empty:
        return reports
    keep = np.ones(len(reports), dtype=bool)
    quotes = reports["quote"].astype("string").fillna("").to_numpy(dtype=object)
    for positions in reports.groupby(["doc_id", "event_id"], observed=True, sort=False).indices.values():
        for i in positions:
            # inside another quote, or a repeat of an earlier row's: the same passage
            keep[i] = not any(j != i and quotes[i] in quotes[j] and (quotes[i] != quotes[j] or j < i) for j in positions)
    return reports[keep]


def events_per_document(reports: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Count the events each document supports.

    Parameters
    ----------
    reports : DataFrame
        A reports table.
    sources : DataFrame or None, default None
        The sources table: adds each document's name (:func:`document_names`)
        and lists the documents in order of publication.

    Returns
    -------
    DataFrame
        Columns doc_id, document (its name, with ``sources``), events
        (distinct events cited), reports (its passages cited, a quote inside
        another of the same event one passage: :func:`distinct_passages`), and only_source (events for
        which this is the sole document), one row per document, sorted by
        doc_id (by publication with ``sources``).
    """
    per_event = reports.groupby("event_id")["doc_id"].nunique()
    single = set(per_event[per_event == 1].index)
    passages = distinct_passages(reports)["doc_id"].value_counts()
    rows = []
    for doc_id, part in reports.groupby("doc_id"):
        events = set(part["event_id"])
        rows.append({"doc_id": doc_id, "events": len(events), "reports": int(passages.get(doc_id, 0)),
                     "only_source": len(events & single)})
    out = pd.DataFrame(rows, columns=["doc_id", "events", "reports", "only_source"])
    out = out.astype({"doc_id": "string", "events": "Int64", "reports": "Int64", "only_source": "Int64"})
    if sources is None:
        return out
    ordered = sources.sort_values(["published_start", "published_end", "doc_id"], kind="stable")
    names = document_names(ordered)
    out = out.set_index("doc_id").reindex(names.index).dropna(how="all").reset_index()
    out.insert(1, "document", out["doc_id"].map(names).astype("string"))
    return out


#: What stands for the outlet in the name of a document whose text names none (:func:`document_names`).
UNNAMED_OUTLET = "unnamed outlet"
#: The forms of a document's name, by where it stands (:func:`document_names`).
NAME_FORMS: tuple[str, ...] = ("table", "sentence", "possessive")


def unnamed_outlets(count: int) -> str:
    """Say that ``count`` documents' texts name no outlet, in the words of their names: ``"an unnamed outlet"``
    for one, ``"unnamed outlets"`` for more (:data:`UNNAMED_OUTLET`).

    Examples
    --------
    >>> unnamed_outlets(1), unnamed_outlets(2)
    ('an unnamed outlet', 'unnamed outlets')
    """
    return f"an {UNNAMED_OUTLET}" if count == 1 else f"{UNNAMED_OUTLET}s"


def document_names(sources: pd.DataFrame, *, form: str = "table") -> pd.Series:
    """Name each document by its outlet and publication dates, as a reader would cite it: the one rule for every
    place a page, a table or a chart names a document.

    A name has three parts: the outlet (:data:`UNNAMED_OUTLET` where the
    text names none), the publication dates
    (:func:`analysis.text.describe_dates`, short months), and, only where
    two documents would read the same, the number that starts the id
    ("no. 001", as the sources table's ``number`` column writes it). The
    forms differ only in the punctuation where they stand, and in the
    article a sentence needs before "unnamed outlet".

    Parameters
    ----------
    sources : DataFrame
        A sources table (``load_sources()``).
    form : {"table", "sentence", "possessive"}, default "table"
        Where the name stands: ``"table"`` for a table's cell, a chart's
        label or a citation in brackets (``"Associated Press, 6 Feb 2020"``,
        ``"unnamed outlet, 29 Mar 2020"``); ``"sentence"`` for running
        text, a dateline's list among them (``"Associated Press (6 Feb
        2020)"``, ``"an unnamed outlet (29 Mar 2020)"``); ``"possessive"``,
        the sentence form with ``'s`` after its brackets (``"Military Times
        (16-20 Mar 2020)'s"``).

    Returns
    -------
    Series
        string, indexed by doc_id, named "document". Plain text: escape it
        for the format it enters.

    Raises
    ------
    ValueError
        If ``form`` is not one of :data:`NAME_FORMS`.

    Examples
    --------
    >>> frame = pd.DataFrame({"doc_id": ["004_x", "000_y", "001_z"], "outlet": ["Associated Press", None, None],
    ...                       "published_start": pd.to_datetime(["2020-02-06", "2020-04-01", "2020-04-01"]),
    ...                       "published_end": pd.to_datetime(["2020-02-06", "2020-04-30", "2020-04-30"])})
    >>> document_names(frame).tolist()
    ['Associated Press, 6 Feb 2020', 'unnamed outlet, Apr 2020, no. 000', 'unnamed outlet, Apr 2020, no. 001']
    >>> document_names(frame, form="sentence").tolist()
    ['Associated Press (6 Feb 2020)', 'an unnamed outlet (Apr 2020, no. 000)', 'an unnamed outlet (Apr 2020, no. 001)']
    >>> document_names(frame.iloc[:2], form="possessive").tolist()
    ["Associated Press (6 Feb 2020)'s", "an unnamed outlet (Apr 2020)'s"]
    """
    if form not in NAME_FORMS:
        raise ValueError(f"form={form!r} is not a form of a document's name; allowed: {', '.join(NAME_FORMS)}")
    require_columns(sources, ["doc_id", "outlet", "published_start", "published_end"], "sources")
    ids = sources["doc_id"].astype("string")
    outlets = [outlet if isinstance(outlet, str) and outlet.strip() else None for outlet in sources["outlet"]]
    dates = [describe_dates(s, e) for s, e in zip(sources["published_start"], sources["published_end"])]
    # two documents read the same where their table forms do (an outlet that calls itself "unnamed outlet" included)
    repeated = pd.Series([f"{o or UNNAMED_OUTLET}, {d}" for o, d in zip(outlets, dates)]).duplicated(keep=False)
    names = []
    for outlet, when, twice, number in zip(outlets, dates, repeated, ids.str.split("_").str[0]):
        when += f", no. {number}" if twice else ""
        if form == "table":
            names.append(f"{outlet or UNNAMED_OUTLET}, {when}")
        else:
            own = "'s" if form == "possessive" else ""
            names.append(f"{outlet or unnamed_outlets(1)} ({when}){own}")
    return pd.Series(names, index=ids, dtype="string", name="document")


def evidence_matrix(reports: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Say which document supports which event, with how many evidence rows, and where it takes part in a dispute.

    The arguments come in the order of :func:`corroboration`'s; the order
    of earlier releases (reports, events, sources) is recognised by the
    tables' columns and still accepted, with a DeprecationWarning.

    Parameters
    ----------
    reports : DataFrame
        A reports table.
    sources : DataFrame
        The sources table (every document gets its row).
    events : DataFrame
        The events (every one gets its column, even one no report supports).

    Returns
    -------
    DataFrame
        Tidy, one row per document and event, documents in order of
        publication and events in reading order
        (:func:`analysis.stats.selection.event_numbers`): doc_id, document
        (:func:`document_names`), event_id, number (int64, the number in
        the event's id, :func:`analysis.stats.selection.event_keys`), kind (string),
        rows (int64, the document's passages for the event, 0 for none: a
        quote inside another of the same event is one passage, :func:`distinct_passages`),
        disputed (bool: the document makes a claim on a point of the event
        where the claims contradict each other, :func:`list_conflicts`) and
        differs (bool: not disputed, but the document makes a claim on a
        point where the claims differ only in precision or wording, or can
        all hold).

    Examples
    --------
    >>> from analysis import load_dataset
    >>> data = load_dataset()
    >>> evidence_matrix(data.reports, data.sources, data.events).groupby("doc_id")["rows"].sum().tolist()
    [26, 16, 18, 14, 29]
    """
    if "file_name" in events.columns and "file_name" not in sources.columns:
        warnings.warn("evidence_matrix(reports, events, sources) is deprecated and will be removed in the next release; "
                      "give evidence_matrix(reports, sources, events), as corroboration takes them",
                      DeprecationWarning, stacklevel=2)
        sources, events = events, sources
    require_columns(reports, ["event_id", "doc_id"], "reports")
    require_columns(sources, ["doc_id", "published_start", "published_end"], "sources")
    require_columns(events, ["event_id", "date_start", "date_end"])
    numbers = event_keys(events)
    kinds = event_kind(events).astype("string")
    order = np.argsort(event_numbers(events).to_numpy(), kind="stable")
    ordered = pd.DataFrame({"event_id": events["event_id"].astype("string").to_numpy()[order],
                            "number": numbers.to_numpy()[order], "kind": kinds.to_numpy()[order]})
    documents = sources.sort_values(["published_start", "published_end", "doc_id"], kind="stable")
    names = document_names(documents)
    grid = pd.DataFrame({"doc_id": np.repeat(names.index.to_numpy(), len(ordered)),
                         "document": np.repeat(names.to_numpy(), len(ordered))})
    grid = pd.concat([grid, pd.concat([ordered] * len(names), ignore_index=True)], axis=1)
    counts = distinct_passages(reports).groupby(["doc_id", "event_id"], observed=True).size()
    pairs = list(zip(grid["doc_id"], grid["event_id"]))
    grid["rows"] = np.array([counts.get(pair, 0) for pair in pairs], dtype=np.int64)
    disputed, differs = set(), set()
    if {"claim_field", "claim_value"} <= set(reports.columns):
        conflicts = list_conflicts(reports)
        cells = list(zip(conflicts["doc_id"].astype("string"), conflicts["event_id"].astype("string")))
        disputed = {cell for cell, how in zip(cells, conflicts["difference"]) if how == "contradict"}
        differs = set(cells) - disputed
    grid["disputed"] = np.array([pair in disputed for pair in pairs], dtype=bool)
    grid["differs"] = np.array([pair in differs for pair in pairs], dtype=bool)
    return grid.astype({"doc_id": "string", "document": "string", "event_id": "string", "kind": "string"})


def corroboration_counts(reports: pd.DataFrame) -> pd.DataFrame:
    """Count the events told by one document, by two, and so on.

    Parameters
    ----------
    reports : DataFrame
        A reports table.

    Returns
    -------
    DataFrame
        documents (int64, how many documents tell an event) and events
        (int64, how many events are told by that many), by documents.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1", "EV1", "EV2"], "doc_id": ["a", "b", "a"]})
    >>> corroboration_counts(frame).values.tolist()
    [[1, 1], [2, 1]]
    """
    per_event = reports.groupby("event_id", observed=True)["doc_id"].nunique()
    counts = per_event.value_counts().sort_index()
    return pd.DataFrame({"documents": counts.index.to_numpy(dtype=np.int64), "events": counts.to_numpy(dtype=np.int64)})


def disputed_points(reports: pd.DataFrame) -> pd.DataFrame:
    """List the disputed points: each event and field on which claims differ, within one report or between reports,
    and how (:func:`list_conflicts`).

    Parameters
    ----------
    reports : DataFrame
        A reports table.

    Returns
    -------
    DataFrame
        One row per disputed point, by event and field: event_id,
        claim_field (string), claims (int64, competing rows), documents
        (int64), where ("within one report" or "between reports"),
        difference (string: "contradict", "precision", "wording" or
        "complement", :data:`CLAIM_DIFFERENCES`).

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1", "EV1"], "doc_id": ["a", "a"], "claim_field": ["actor", "actor"],
    ...                       "claim_value": ["x", "y"], "claimant": ["p", "q"], "quote": ["..", ".."],
    ...                       "report_id": ["RP1", "RP2"]})
    >>> disputed_points(frame)["where"].tolist()
    ['within one report']
    """
    conflicts = list_conflicts(reports)
    grouped = conflicts.groupby(["event_id", "claim_field"], sort=True, observed=True)
    out = pd.DataFrame({"claims": grouped.size(), "documents": grouped["doc_id"].nunique(),
                        "difference": grouped["difference"].first()}).reset_index()
    out["where"] = np.where(out["documents"] > 1, "between reports", "within one report")
    return out[["event_id", "claim_field", "claims", "documents", "where", "difference"]].astype(
        {"event_id": "string", "claim_field": "string", "claims": "int64", "documents": "int64", "where": "string",
         "difference": "string"})


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    """List the documents for reading: name, number, title, outlet and publication dates, in order of publication.

    Parameters
    ----------
    sources : DataFrame
        A sources table.

    Returns
    -------
    DataFrame
        document (:func:`document_names`), number (the digits that start
        the id, as in the file names), title, outlet, published (in words).

    Examples
    --------
    >>> frame = pd.DataFrame({"doc_id": ["004_x"], "title": [None], "outlet": ["Associated Press"],
    ...                       "published_start": pd.to_datetime(["2020-02-06"]),
    ...                       "published_end": pd.to_datetime(["2020-02-06"])})
    >>> sources_table(frame)["document"].tolist()
    ['Associated Press, 6 Feb 2020']
    """
    ordered = sources.sort_values(["published_start", "published_end", "doc_id"], kind="stable")
    names = document_names(ordered)
    return pd.DataFrame({
        "document": names.to_numpy(),
        "number": ordered["doc_id"].astype("string").str.split("_").str[0].to_numpy(),
        "title": ordered["title"].astype("string").to_numpy(),
        "outlet": ordered["outlet"].astype("string").to_numpy(),
        "published": date_texts(ordered.rename(columns={"published_start": "date_start",
                                                        "published_end": "date_end"})).to_numpy(),
    }).astype("string")
