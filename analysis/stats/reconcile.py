"""Set the coded events beside an ACLED export, event by event, with the reasons for every link.

:func:`reconcile` checks the export (:mod:`~analysis.stats.reconcile_checks`),
puts the coded events ACLED does not code aside as outside its scope,
measures every pair of events whose date windows are close
(:mod:`~analysis.stats.reconcile_evidence`), grades the pairs by rules,
lists why each link holds and what differs
(:mod:`~analysis.stats.reconcile_findings`), and grades them again under
other thresholds to mark the links that depend on one. A link is a
judgement with reasons, not a fact.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._frames import check_dates, require_columns
from ..errors import DataError
from .reconcile_checks import check_export, notes_dates, swap_corrections
from .reconcile_evidence import (
    acled_actors,
    candidate_pairs,
    grade_pairs,
    measure_pairs,
    place_findings,
    place_limit_km,
    place_names,
)
from .reconcile_findings import link_differences, link_reasons
from .reconcile_rules import GRADES, Rules, actor_key, mapping_tables

#: A coded event's status: outside ACLED's scope, outside the export's dates, or in scope with or without links.
STATUSES: tuple[str, ...] = ("outside ACLED's scope", "linked", "near miss only", "outside the export's dates",
                             "no counterpart")
#: The other thresholds the links are graded again under: (name, rule changed, value or factor).
VARIANTS: tuple[tuple[str, str, float], ...] = (
    ("slack 0 days", "slack_days", 0), ("slack 2 days", "slack_days", 2), ("slack 3 days", "slack_days", 3),
    ("distance limits halved", "place_km", 0.5), ("distance limits doubled", "place_km", 2.0),
    ("similar notes at -0.2", "similar_notes", -0.2), ("similar notes at +0.2", "similar_notes", 0.2),
)
_NEEDED = ("event_id", "date_start", "date_end", "event_type", "sub_event_type", "actor1", "actor2", "location",
           "latitude", "longitude", "geo_precision", "time_precision", "fatalities", "notes")
_RANK = {grade: rank for rank, grade in enumerate(GRADES)}


@dataclass(frozen=True)
class Reconciliation:
    """What :func:`reconcile` returns: tidy frames, and the rules and mapping versions used.

    Attributes
    ----------
    links : DataFrame
        One row per link (a coded event may have several, an ACLED event
        too): ``coded_id``, ``acled_id``, ``grade`` (of ``GRADES``),
        ``needs_review``, ``ambiguous`` (and ``competing``: the other links of
        the same grade on either side), ``notes_rank`` (1 for the link whose
        notes are the most similar among the coded event's links of its
        grade: an order to read ambiguous links in), ``window_to_event``, ``gap_days``
        (signed: ACLED later is positive), ``acled_narrows``, ``coded_days``,
        ``acled_days``, ``distance_km``, ``limit_km``, ``place``,
        ``place_named``, ``type``, ``coded_family``, ``acled_family``,
        ``actors``, ``attribution``, ``notes_similarity``, ``date_fixed``,
        ``holds`` (how many of the other thresholds give the same grade) and
        ``stable`` (all of them do).
    reasons : DataFrame
        Why each link holds, one row per aspect (see ``link_reasons``).
    differences : DataFrame
        What differs, one row per field (see ``link_differences``).
    coded : DataFrame
        One row per coded event: ``event_id``, ``category``, ``in_scope``,
        ``scope_why``, ``status`` (of ``STATUSES``), ``best_grade``,
        ``links``, ``near_misses``, ``needs_review``.
    acled_only : DataFrame
        The ACLED events in scope (in the coded events' span, with a focus
        actor) that no coded event links to, with ``family`` and
        ``near_misses``.
    acled_scope : DataFrame
        Every ACLED event in scope: ``event_id``, ``event_date`` (the notes'
        day where the export swapped day and month), ``family`` and ``linked`` (a coded event links to it; ``acled_only`` holds the others).
    checks : DataFrame
        The export's checks (see ``check_export``).
    sensitivity : DataFrame
        One row per other threshold: ``variant``, ``rule``, ``value``,
        ``links``, ``kept``, ``regraded``, ``lost``, ``gained``.
    rules : Rules
    versions : dict
        SHA-256 (12 hex digits) of each mapping table used.
    """

    links: pd.DataFrame
    reasons: pd.DataFrame
    differences: pd.DataFrame
    coded: pd.DataFrame
    acled_only: pd.DataFrame
    checks: pd.DataFrame
    sensitivity: pd.DataFrame
    rules: Rules
    versions: dict
    acled_scope: pd.DataFrame


#: How reconcile is called, for the messages that refuse its arguments.
_CALL = "reconcile(analysis.load_dataset(), analysis.load_acled(path)): the coded events first, the ACLED export second"


def _is_dataset(value: object) -> bool:
    return hasattr(value, "events") and hasattr(value, "bases") and not isinstance(value, pd.DataFrame)


def _is_export(value: object) -> bool:
    """Whether a frame is an ACLED export: :func:`analysis.load_acled` gives ``event_id_cnty``, the coded events have none."""
    return isinstance(value, pd.DataFrame) and "event_id_cnty" in value.columns


def _is_coded(value: object) -> bool:
    """Whether a value is the coded events: a dataset, or a frame with categories (an export's are all missing)."""
    return _is_dataset(value) or (isinstance(value, pd.DataFrame) and "category" in value.columns
                                  and bool(value["category"].notna().any()) and not _is_export(value))


def _what_it_is(value: object) -> str:
    if _is_dataset(value):
        return "a dataset (load_dataset())"
    if _is_export(value):
        return "an ACLED export (it has event_id_cnty)"
    if _is_coded(value):
        return "the coded events (they have categories)"
    return "a DataFrame" if isinstance(value, pd.DataFrame) else f"a {type(value).__name__}"


def _check_arguments(coded: object, acled: object) -> None:
    """Refuse arguments in the wrong places, saying which goes where."""
    if _is_export(coded) and _is_coded(acled):
        problem = f"the arguments are swapped: {_what_it_is(coded)} first, {_what_it_is(acled)} second"
    elif _is_export(coded) or not (_is_dataset(coded) or isinstance(coded, pd.DataFrame)):
        problem = f"coded (the first argument) is {_what_it_is(coded)}, not the coded events or a dataset"
    elif _is_coded(acled) or not isinstance(acled, pd.DataFrame):
        problem = f"acled (the second argument) is {_what_it_is(acled)}, not an export loaded with load_acled"
    else:
        return
    raise TypeError(f"{problem}; call {_CALL}")


def _frames(coded, bases) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """Accept an events frame or a loaded dataset (its events and bases)."""
    if _is_dataset(coded):
        return coded.events, coded.bases if bases is None else bases
    return coded, bases


def _matched_on(acled: pd.DataFrame, stated: pd.Series, rules: Rules) -> tuple[pd.DataFrame, np.ndarray]:
    """Return the export with the windows matched on (swapped days put right) and which rows were."""
    work = acled.copy()
    fixed = swap_corrections(acled, stated) if rules.fix_swapped_dates else pd.Series(pd.NaT, index=acled.index)
    shift = (fixed - pd.to_datetime(acled["event_date"])).fillna(pd.Timedelta(0))
    work["date_start"], work["date_end"] = acled["date_start"] + shift, acled["date_end"] + shift
    work["event_date"] = pd.to_datetime(acled["event_date"]) + shift
    return work, fixed.notna().to_numpy()


def _choose(measures: pd.DataFrame, grade: pd.Series) -> pd.DataFrame:
    """Keep the graded pairs, leaving out a near miss whose two events both have a better link."""
    kept = measures.assign(grade=grade).loc[grade.notna().to_numpy()]
    rank = kept["grade"].map(_RANK)
    better = rank < _RANK["near miss"]
    coded_linked = set(kept.loc[better, "coded_id"])
    acled_linked = set(kept.loc[better, "acled_id"])
    noise = ~better & kept["coded_id"].isin(coded_linked) & kept["acled_id"].isin(acled_linked)
    return kept.loc[~noise.to_numpy()]


def _variant(rules: Rules, rule: str, value: float) -> Rules:
    if rule == "slack_days":
        return dataclasses.replace(rules, slack_days=int(value), near_days=max(rules.near_days, int(value)))
    if rule == "place_km":
        return dataclasses.replace(rules, place_km=tuple(r * value for r in rules.place_km))
    return dataclasses.replace(rules, similar_notes=float(min(1.0, max(0.0, rules.similar_notes + value))))


def _review(links: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    """Flag ambiguous links (another of the same grade on either side) and window-to-event links."""
    linked = links["grade"] != "near miss"
    competing = np.zeros(len(links), dtype=int)
    for side in ("coded_id", "acled_id"):
        same = links.loc[linked].groupby([side, "grade"])["grade"].transform("size") - 1
        competing[linked.to_numpy()] += same.to_numpy()
    longer = np.maximum(links["coded_days"], links["acled_days"])
    window = (links["coded_days"] != links["acled_days"]) & (longer > rules.window_days)
    # among a coded event's links of one grade, the most similar notes first: an order to read them in, not a grade
    notes_rank = links.groupby(["coded_id", "grade"])["notes_similarity"].rank(method="min", ascending=False)
    return links.assign(competing=competing, ambiguous=competing > 0, window_to_event=window.to_numpy(),
                        needs_review=(competing > 0) | window.to_numpy(), notes_rank=notes_rank.astype(int))


def _sensitivity(measures: pd.DataFrame, links: pd.DataFrame, rules: Rules) -> tuple[pd.DataFrame, np.ndarray]:
    """Grade again under each of :data:`VARIANTS`; return the summary and how many variants keep each link."""
    base = links.set_index(["coded_id", "acled_id"])["grade"]
    holds = np.zeros(len(links), dtype=int)
    rows = []
    for name, rule, value in VARIANTS:
        other_rules = _variant(rules, rule, value)
        other = _choose(measures, grade_pairs(measures, other_rules)).set_index(["coded_id", "acled_id"])["grade"]
        both = base.index.intersection(other.index)
        same = base.loc[both] == other.loc[both]
        holds += base.index.isin(both[same.to_numpy()])
        shown = getattr(other_rules, rule)
        rows.append((name, rule, str(shown if rule != "place_km" else "/".join(f"{r:g}" for r in shown)),
                     len(other), int(same.sum()), int((~same).sum()), len(base) - len(both), len(other) - len(both)))
    summary = pd.DataFrame(rows, columns=["variant", "rule", "value", "links", "kept", "regraded", "lost", "gained"])
    return summary.astype({"variant": "string", "rule": "string", "value": "string"}), holds


def reconcile(coded, acled: pd.DataFrame, *, bases: pd.DataFrame | None = None,
              rules: Rules | None = None) -> Reconciliation:
    """Set coded events beside an ACLED export, event by event, with the reasons for every link.

    Parameters
    ----------
    coded : DataFrame or Dataset
        The coded events (:func:`analysis.load_events`), or a dataset
        (:func:`analysis.load_dataset`), whose bases are then used.
    acled : DataFrame
        An export loaded with :func:`analysis.load_acled`.
    bases : DataFrame, optional
        The bases table (:func:`analysis.load_bases`): an ACLED row that
        names a coded event's base, or one of its aliases, is at its place.
        Without it only the coded ``location`` names count.
    rules : Rules, optional
        Thresholds and mapping tables; ``Rules()`` by default.

    Returns
    -------
    Reconciliation
        Tidy frames: ``links``, ``reasons``, ``differences``, ``coded``
        (each coded event's status), ``acled_only``, ``checks``,
        ``sensitivity``.

    Raises
    ------
    TypeError
        If an argument is in the wrong place (an export first, a dataset
        second, coded events as the export): the message says which goes
        where.
    DataError
        If a frame lacks a column, a date, or a coded event its category,
        or a mapping table is invalid.

    Examples
    --------
    The export stands for an analyst's own, so this example is not run by the tests::

        result = analysis.reconcile(analysis.load_dataset(), analysis.load_acled("iraq_2019-2020.csv"))
        result.coded["status"].value_counts()
        result.links.query("grade == 'strong'")[["coded_id", "acled_id", "gap_days", "distance_km"]]
    """
    rules = Rules() if rules is None else rules
    _check_arguments(coded, acled)
    coded, bases = _frames(coded, bases)
    for name, frame in (("coded", coded), ("acled", acled)):
        require_columns(frame, _NEEDED, name)
        check_dates(frame)
    require_columns(coded, ["category", "base_id"], "coded")
    if coded["category"].isna().any():
        row = coded.index[coded["category"].isna().to_numpy()][0]
        raise DataError(f"coded: row {row!r} has no category; a coded event needs one to say whether ACLED codes it",
                        column="category", value=None, rule="required")
    tables = mapping_tables(rules)
    stated = notes_dates(acled["notes"])
    checks = check_export(acled, stated)
    work, fixed = _matched_on(acled, stated, rules)

    in_scope = coded["category"].astype(object).map(tables.scope).to_numpy(dtype=bool)
    scoped = coded.loc[in_scope].reset_index(drop=True)
    max_gap = max(rules.near_days, *(int(v) for _, r, v in VARIANTS if r == "slack_days"))
    pairs = candidate_pairs(scoped, work, max_gap)
    widest = _variant(rules, "place_km", max(v for _, r, v in VARIANTS if r == "place_km"))
    measures = measure_pairs(pairs, scoped, work, tables, place_names(scoped, bases), widest)
    measures["date_fixed"] = fixed[measures["acled_row"].to_numpy()]
    links = _review(_choose(measures, grade_pairs(measures, rules)), rules)
    links = links.assign(limit_km=place_limit_km(links, rules), place=place_findings(links, rules))
    summary, holds = _sensitivity(measures, links, rules)
    links = links.assign(holds=holds, stable=holds == len(VARIANTS), rank=links["grade"].map(_RANK))
    links = links.sort_values(["coded_id", "rank", "acled_id"], kind="stable").drop(columns="rank")
    links = links.reset_index(drop=True)

    reasons = link_reasons(links, rules.slack_days, rules.similar_notes, rules.window_days, tables)
    exported = acled.set_index("event_id")[["date_start", "date_end"]]
    differences = link_differences(links, coded.set_index("event_id"), work.set_index("event_id"), exported, tables)
    acled_only, acled_scope = _acled_only(coded.loc[in_scope], work, links, tables, rules)
    columns = ["coded_id", "acled_id", "grade", "needs_review", "ambiguous", "competing", "notes_rank", "window_to_event",
               "gap_days", "acled_narrows", "coded_days", "acled_days", "distance_km", "limit_km", "place",
               "place_named", "type", "coded_family", "acled_family", "actors", "attribution", "notes_similarity",
               "date_fixed", "holds", "stable"]
    return Reconciliation(
        links=links[columns].astype({"coded_id": "string", "acled_id": "string", "grade": "string",
                                     "place": "string", "place_named": "string", "type": "string"}),
        reasons=reasons,
        differences=differences,
        coded=_coded_status(coded, in_scope, work, links, tables, rules),
        acled_only=acled_only,
        checks=checks,
        sensitivity=summary,
        rules=rules,
        versions=dict(tables.versions),
        acled_scope=acled_scope,
    )


def _coded_status(coded, in_scope, acled, links, tables, rules) -> pd.DataFrame:
    """Return each coded event's scope and status, its best grade and its counts of links and near misses."""
    linked = links["grade"] != "near miss"
    best = links.loc[linked].groupby("coded_id")["grade"].first()
    count = links.loc[linked].groupby("coded_id").size()
    near = links.loc[~linked].groupby("coded_id").size()
    review = links.groupby("coded_id")["needs_review"].any()
    ids = coded["event_id"]
    first, last = acled["date_start"].min(), acled["date_end"].max()
    slack = pd.Timedelta(days=rules.slack_days)
    outside_dates = ((coded["date_end"] < first - slack) | (coded["date_start"] > last + slack)).to_numpy()
    outside_dates = outside_dates | (len(acled) == 0)  # an empty export covers no day
    n_links = ids.map(count).fillna(0).astype(int).to_numpy()
    n_near = ids.map(near).fillna(0).astype(int).to_numpy()
    status = np.select(
        [~in_scope, n_links > 0, n_near > 0, outside_dates],
        list(STATUSES[:4]), STATUSES[4],
    )
    category = coded["category"].astype(object)
    return pd.DataFrame({
        "event_id": ids.to_numpy(),
        "category": category.to_numpy(),
        "in_scope": in_scope,
        "scope_why": category.map(tables.scope_why).to_numpy(),
        "status": status,
        "best_grade": ids.map(best).to_numpy(),
        "links": n_links,
        "near_misses": n_near,
        "needs_review": ids.map(review).fillna(False).astype(bool).to_numpy(),
    }).astype({"event_id": "string", "category": "string", "scope_why": "string", "status": "string",
               "best_grade": "string"})


def _acled_only(scoped, acled, links, tables, rules) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the ACLED events in scope (the coded span, a focus actor) that no coded event links to, and every
    ACLED event in scope with whether one does."""
    slack = pd.Timedelta(days=rules.slack_days)
    if not len(scoped):
        rows = np.array([], dtype=int)
    else:
        in_span = ((acled["date_end"] >= scoped["date_start"].min() - slack)
                   & (acled["date_start"] <= scoped["date_end"].max() + slack)).to_numpy()
        rows = np.flatnonzero(in_span)
    focus = {actor_key(a) for a in rules.focus_actors}
    actors = acled_actors(acled, rows, tables)
    with_focus = [i for i in rows if focus & set(actors[int(i)][0])]
    linked = set(links.loc[links["grade"] != "near miss", "acled_id"])
    near = links.loc[links["grade"] == "near miss"].groupby("acled_id").size()
    scope = acled.iloc[with_focus]
    family = scope["sub_event_type"].astype(object).map(tables.families).astype("string")
    is_linked = scope["event_id"].isin(linked).to_numpy()
    every = pd.DataFrame({"event_id": scope["event_id"].astype("string").to_numpy(),
                          "event_date": pd.to_datetime(scope["event_date"]).to_numpy(),
                          "family": family.to_numpy(), "linked": is_linked})
    only = scope.loc[~is_linked]
    only = only.assign(family=family.loc[~is_linked],
                       near_misses=only["event_id"].map(near).fillna(0).astype(int)).reset_index(drop=True)
    return only, every


__all__ = ["GRADES", "STATUSES", "VARIANTS", "Reconciliation", "Rules", "reconcile"]
