"""Say what each event did to a base's posture, and list what happened at each base."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from .._frames import column_or_na, is_one_of, require_columns
from ..text import date_texts
from .selection import is_militia_attack

#: What happened at a base, in the order of the map's panels.
POSTURE_KINDS: tuple[str, ...] = ("attacked", "fortified", "Patriot batteries", "withdrawn from", "handed over")

_POSTURE_WORDS: tuple[tuple[str, str], ...] = (
    ("Patriot batteries", r"\bPatriot"),
    ("handed over", r"\b(?:transfer|hand(?:ed|s)? over|handover)"),
    ("fortified", r"\b(?:fortif|reinforc|barricade|watchtower)"),
    ("withdrawn from", r"\b(?:withdr|pull-out|pull out|leave|left)"),
)


def posture_kind(events: pd.DataFrame) -> pd.Series:
    """Say what each event did to a base's posture, by a documented rule.

    Militia attacks (:func:`is_militia_attack`) are ``"attacked"``. Other
    events of category ``"posture change"`` are classified by the words of
    their ``notes``, first match wins: "Patriot" -> ``"Patriot batteries"``;
    "transfer", "hand(ed) over", "handover" -> ``"handed over"``; "fortif",
    "reinforc", "barricade", "watchtower" -> ``"fortified"``; "withdr",
    "pull-out", "leave", "left" -> ``"withdrawn from"``. A non-violent
    transfer of territory that names none of these is ``"withdrawn from"``.

    Parameters
    ----------
    events : DataFrame
        Events with ``sub_event_type``, ``notes`` and, optionally,
        ``category``.

    Returns
    -------
    Series
        string, one of :data:`POSTURE_KINDS`, or missing for other events
        and for posture changes the rule cannot place; same index.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["posture change", "posture change"],
    ...                       "sub_event_type": ["Other", "Non-violent transfer of territory"],
    ...                       "notes": ["Patriot batteries deployed at Irbil", "K-1 transferred to the Iraqi army"]})
    >>> posture_kind(frame).tolist()
    ['Patriot batteries', 'handed over']
    """
    require_columns(events, ["sub_event_type"])
    notes = column_or_na(events, "notes").astype("string").fillna("")
    category = column_or_na(events, "category")
    posture = is_one_of(category, ["posture change"])
    kind = pd.Series(pd.NA, index=events.index, dtype="string")
    for name, pattern in reversed(_POSTURE_WORDS):
        kind = kind.mask(notes.str.contains(pattern, case=False, regex=True).to_numpy(dtype=bool) & posture, name)
    transfer = is_one_of(events["sub_event_type"], ["Non-violent transfer of territory"]) & posture
    kind = kind.mask(transfer & kind.isna().to_numpy(), "withdrawn from")
    return kind.mask(is_militia_attack(events).to_numpy(), "attacked")


def base_posture(events: pd.DataFrame, bases: pd.DataFrame) -> pd.DataFrame:
    """List what happened at each base, and when: attacks and posture changes.

    Parameters
    ----------
    events : DataFrame
        Events with ``base_id`` (see :func:`posture_kind` for the rule).
    bases : DataFrame
        A bases table (``load_bases()``).

    Returns
    -------
    DataFrame
        One row per event at a base with a kind, in date order: base_id,
        name, latitude, longitude, kind (string, one of
        :data:`POSTURE_KINDS`), event_id, date_start, date_end, when (the
        dates in words), notes.

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["EV1", "EV2"], "base_id": ["k1", "k1"],
    ...                        "category": ["militia attack", "posture change"],
    ...                        "sub_event_type": ["Shelling/artillery/missile attack", "Non-violent transfer of territory"],
    ...                        "notes": ["Rockets hit K-1.", "K-1 handed over to the Iraqi army."],
    ...                        "date_start": pd.to_datetime(["2019-12-27", "2020-03-29"]),
    ...                        "date_end": pd.to_datetime(["2019-12-27", "2020-03-29"]),
    ...                        "event_date": pd.to_datetime(["2019-12-27", "2020-03-29"])})
    >>> bases = pd.DataFrame({"base_id": ["k1"], "name": ["K-1 Air Base"], "latitude": [35.47], "longitude": [44.35]})
    >>> base_posture(events, bases)[["name", "kind", "when"]]
               name         kind         when
    0  K-1 Air Base     attacked  27 Dec 2019
    1  K-1 Air Base  handed over  29 Mar 2020
    """
    require_columns(events, ["event_id", "date_start", "date_end", "event_date", "sub_event_type", "base_id"])
    require_columns(bases, ["base_id", "name", "latitude", "longitude"], "bases")
    kind = posture_kind(events)
    at_base = events["base_id"].notna().to_numpy() & kind.notna().to_numpy()
    chosen = events.loc[at_base, ["event_id", "base_id", "date_start", "date_end", "event_date"]].copy()
    chosen["kind"] = kind[at_base]
    chosen["notes"] = column_or_na(events, "notes").astype("string")[at_base]
    chosen["when"] = date_texts(chosen)
    out = chosen.merge(bases[["base_id", "name", "latitude", "longitude"]], on="base_id", how="left", validate="many_to_one")
    out = out.sort_values(["event_date", "date_start", "event_id"], kind="stable")
    columns = ["base_id", "name", "latitude", "longitude", "kind", "event_id", "date_start", "date_end", "when", "notes"]
    return out[columns].reset_index(drop=True)



def place_points(events: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """Find the coordinates of named places in the events, for reference points on a map.

    Parameters
    ----------
    events : DataFrame
        Events with ``location``, ``latitude`` and ``longitude``.
    names : sequence of str
        Places to find (``location`` values, e.g. ``["Baghdad"]``).

    Returns
    -------
    DataFrame
        One row per name found with coordinates: name, latitude, longitude
        (the coordinates most events at that location carry). Names no event
        carries are left out.

    Examples
    --------
    >>> frame = pd.DataFrame({"location": ["Baghdad", "Baghdad", "Irbil"], "latitude": [33.34, 33.34, 36.19],
    ...                       "longitude": [44.40, 44.40, 44.01]})
    >>> place_points(frame, ["Baghdad", "Basra"]).values.tolist()
    [['Baghdad', 33.34, 44.4]]
    """
    require_columns(events, ["location", "latitude", "longitude"])
    rows = []
    located = events.dropna(subset=["latitude", "longitude"])
    for name in names:
        here = located[located["location"].astype("string") == name]
        if len(here):
            latitude, longitude = here.groupby(["latitude", "longitude"]).size().idxmax()
            rows.append({"name": name, "latitude": float(latitude), "longitude": float(longitude)})
    return pd.DataFrame(rows, columns=["name", "latitude", "longitude"]).astype({"name": "string"})
