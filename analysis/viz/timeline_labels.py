"""The labels of a timeline's events worth naming, written from the data alone.

:func:`event_labels` gives an event's headline where the data have one
(``"US strike kills Soleimani at Baghdad airport"``); otherwise it names what
happened where, with the people killed and wounded:
``"Camp Taji: 18 rockets, 3 killed"``. It is one of the label
functions :func:`analysis.viz.timeline_layout.timeline_layout` takes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._frames import column_or_na, day_numbers, require_columns
from .._lazy import renamed_keywords
from ..schema import ACLED_POSTURE_MEANINGS
from ..stats.casualties import event_sizes
from ..stats.caveats import placeholder_figures
from ..stats.highlights import spread_evenly
from ..stats.posture import posture_kind
from ..text import describe_bounds

#: Short names of ACLED sub-event types for timeline labels.
SHORT_NAMES: dict[str, str] = {
    "Shelling/artillery/missile attack": "shelling or missile attack",  # ACLED does not say rockets
    "Air/drone strike": "air strike",
    "Armed clash": "clash",
    # ACLED's meaning, an advance: the coded base handed over is named by its posture kind instead
    "Non-violent transfer of territory": ACLED_POSTURE_MEANINGS["Non-violent transfer of territory"],
    "Peaceful protest": "protest",
    "Remote explosive/landmine/IED": "IED",
}
#: ACLED event types whose events always get a label: the violence.
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")

#: How many events a timeline drawn one by one labels when its events have no headlines (an ACLED file's):
#: notebook 01 passes it to :func:`event_labels`, and the page's words say it.
NAMED_EVENTS = 15

_NO_PLACE = {"unspecified", "iraq", ""}


@dataclass(frozen=True)
class LabelTie:
    """A tie that a limit on labels splits: ``labelled`` of the ``tied`` events with ``hurt`` people killed or
    wounded get a label (:func:`label_tie`)."""

    hurt: float
    labelled: int
    tied: int


@renamed_keywords(most="n")
def event_labels(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    bases: pd.DataFrame | None = None,
    n: int | None = None,
    headlines: bool = False,
) -> pd.Series:
    """Write short labels for the events worth naming on a timeline, from the data alone.

    An event gets a label when it is violent (ACLED's battles, explosions
    and remote violence, violence against civilians), when someone was
    killed or wounded in it, or when it happened at a base. The label is the
    event's ``headline`` where the events have one (the coded events do: a
    short title written from the event's own quotes); otherwise
    ``"<place>: <what>, <n> killed, <n> wounded"``. The place is the base
    name (or the location; where the location is "unspecified" or only the
    country, the target, ``actor2``, is named instead: "air strike on
    Kata'ib Hezbollah"); what happened is the number of rockets where
    reported, the posture change at a base (:func:`posture_kind`), or the
    sub-event type in short (:data:`SHORT_NAMES`). Figures are the lowest
    reported (``1+`` where the documents only say "at least").

    Parameters
    ----------
    events : DataFrame
        Events.
    casualties : DataFrame or None, default None
        Casualties table; None uses ``fatalities`` for the killed.
    bases : DataFrame or None, default None
        Bases table, for base names; None uses the events' ``location``.
    n : int or None, default None
        Label at most this many events: those with the most people killed
        or wounded. Where the last places go to some of several events with
        as many hurt, those are chosen spread evenly over their dates
        (:func:`analysis.stats.highlights.spread_evenly`; :func:`label_tie`
        says how many of how many). None labels every event that qualifies.
    headlines : bool, default False
        Also label every other event that has a headline, with it, so that
        each mark of a timeline is named (the coded events have one each).

    Returns
    -------
    Series
        string, same index as ``events``; missing for events not labelled.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1"], "location": ["Camp Taji"], "base_id": ["taji"],
    ...                       "event_type": ["Explosions/Remote violence"],
    ...                       "sub_event_type": ["Shelling/artillery/missile attack"], "category": ["militia attack"],
    ...                       "projectiles_low": [18], "projectiles_high": [18], "fatalities": [3], "notes": [""]})
    >>> event_labels(frame).tolist()
    ['Camp Taji: 18 rockets, 3 killed']
    >>> event_labels(frame.assign(headline=["Rockets kill three at Camp Taji"])).tolist()
    ['Rockets kill three at Camp Taji']
    >>> quiet = frame.assign(event_type=["Strategic developments"], sub_event_type=["Other"], base_id=[None],
    ...                      projectiles_low=[None], fatalities=[0], headline=["Envoy speaks"])
    >>> event_labels(quiet).tolist(), event_labels(quiet, headlines=True).tolist()
    ([<NA>], ['Envoy speaks'])
    """
    require_columns(events, ["event_id", "location", "sub_event_type"])
    killed = event_sizes(events, casualties, outcome="killed")
    wounded = event_sizes(events, casualties, outcome="wounded")
    open_ended = _open_ended(events, casualties)
    base_id = column_or_na(events, "base_id").astype("string")
    place = _places(events, base_id, bases)
    target = column_or_na(events, "actor2").astype("string")
    event_type = column_or_na(events, "event_type").astype("string")
    low = column_or_na(events, "projectiles_low").astype("Float64")
    high = column_or_na(events, "projectiles_high").astype("Float64")
    kind = posture_kind(events)
    set_by_rule = placeholder_figures(events).notna().to_numpy(dtype=bool)  # a toll ACLED set where none was given
    chosen, _ = _events_worth_naming(events, (killed + wounded).to_numpy(), base_id, event_type, n)
    labels = pd.Series(pd.NA, index=events.index, dtype="string", name="label")
    titles = column_or_na(events, "headline").astype("string").str.strip().replace("", pd.NA)
    for i in chosen:
        if pd.notna(titles.iloc[i]):
            labels.iloc[i] = titles.iloc[i]
            continue
        labels.iloc[i] = _written_label(
            _what_happened(events, i, low, high, kind), place.iloc[i], target.iloc[i], str(event_type.iloc[i]) == "Battles",
            killed.iloc[i], wounded.iloc[i], "+" if open_ended.iloc[i] else "", bool(set_by_rule[i]),
        )
    if headlines:
        labels = labels.fillna(titles)
    return labels


def _open_ended(events: pd.DataFrame, casualties: pd.DataFrame | None) -> pd.Series:
    """Whether each event has a casualty figure open at the top (the documents say "at least")."""
    if casualties is None:
        return pd.Series(False, index=events.index)
    open_ids = set(casualties.loc[casualties["count_high"].isna(), "event_id"])
    return events["event_id"].isin(open_ids)


def _places(events: pd.DataFrame, base_id: pd.Series, bases: pd.DataFrame | None) -> pd.Series:
    """The place of each event: its base's name where the bases table has one, else its location."""
    place = events["location"].astype("string")
    if bases is not None:
        place = base_id.map(dict(zip(bases["base_id"], bases["name"]))).astype("string").fillna(place)
    return place


def _events_worth_naming(
    events: pd.DataFrame, hurt: np.ndarray, base_id: pd.Series, event_type: pd.Series, n: int | None,
) -> tuple[np.ndarray, LabelTie | None]:
    """Positions of the events to label, in order: violent, with people hurt, or at a base; the ``n`` most hurt,
    some of a tie at the last places spread over its dates. Also the tie split, if any."""
    violent = event_type.isin(VIOLENT_TYPES).fillna(False).to_numpy(dtype=bool)
    chosen = np.flatnonzero((hurt > 0) | base_id.notna().to_numpy() | violent)
    if n is None or len(chosen) <= n:
        return chosen, None
    ranked = chosen[np.lexsort((day_numbers(events["event_date"].iloc[chosen]), -hurt[chosen]))]
    last = hurt[ranked[n - 1]]
    above = ranked[hurt[ranked] > last]
    tied = ranked[hurt[ranked] == last]  # in date order
    if len(above) + len(tied) <= n:  # the limit falls between two figures: no tie is split
        return np.sort(ranked[:n]), None
    picked = tied[spread_evenly(len(tied), n - len(above))]
    return np.sort(np.concatenate([above, picked])), LabelTie(float(last), len(picked), len(tied))


def label_tie(events: pd.DataFrame, casualties: pd.DataFrame | None = None, *, n: int | None) -> LabelTie | None:
    """Say which tie :func:`event_labels` splits when it labels at most ``n`` events: the people hurt in the tied
    events, how many of them are labelled and how many there are; None when no tie is split.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b", "c", "d"], "location": ["X"] * 4, "event_type": ["Battles"] * 4,
    ...                       "sub_event_type": ["Armed clash"] * 4, "fatalities": [9, 2, 2, 2],
    ...                       "event_date": pd.to_datetime(["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04"])})
    >>> label_tie(frame, n=2), label_tie(frame, n=4)
    (LabelTie(hurt=2.0, labelled=1, tied=3), None)
    """
    require_columns(events, ["event_id", "event_date"])
    hurt = (event_sizes(events, casualties, outcome="killed") + event_sizes(events, casualties, outcome="wounded"))
    base_id = column_or_na(events, "base_id").astype("string")
    event_type = column_or_na(events, "event_type").astype("string")
    return _events_worth_naming(events, hurt.to_numpy(), base_id, event_type, n)[1]


def _what_happened(events: pd.DataFrame, i: int, low: pd.Series, high: pd.Series, kind: pd.Series) -> str:
    """What happened in event ``i``, in short: its rockets, its posture change at a base, or its sub-event type."""
    if pd.notna(low.iloc[i]):
        return f"{describe_bounds(low.iloc[i], high.iloc[i])} rockets"
    if pd.notna(kind.iloc[i]) and kind.iloc[i] != "attacked":
        return str(kind.iloc[i])
    return short_kind(events["sub_event_type"].iloc[i])


def short_kind(sub_event_type: object) -> str:
    """An ACLED sub-event type as a label says it: :data:`SHORT_NAMES`, else in lower case ("" where none is given).

    Examples
    --------
    >>> short_kind("Air/drone strike"), short_kind("Sexual violence"), short_kind(None)
    ('air strike', 'sexual violence', '')
    """
    if not isinstance(sub_event_type, str) or not sub_event_type.strip():
        return ""
    return SHORT_NAMES.get(sub_event_type, sub_event_type.lower())


def _written_label(what: str, where: object, target: object, battle: bool, killed: float, wounded: float,
                   plus: str, set_by_rule: bool = False) -> str:
    """``"<place>: <what>, <n> killed, <n> wounded"``, naming the target instead where the place says nothing; a
    toll ACLED set by rule is said as such ("toll not reported (ACLED codes 3)")."""
    has_place = pd.notna(where) and str(where).strip().casefold() not in _NO_PLACE
    if not has_place and pd.notna(target):
        what = f"{what} {'with' if battle else 'on'} {target}"
    parts = [what]
    if killed > 0 and set_by_rule:
        parts += [f"toll not reported (ACLED codes {int(killed)})"]
    else:
        parts += [f"{int(killed)}{plus} killed"] if killed > 0 else []
    parts += [f"{int(wounded)}{plus} wounded"] if wounded > 0 else []
    return (f"{where}: " if has_place else "") + ", ".join(parts)
