"""Say what each event did to a base's posture, and list what happened at each base."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from .._frames import column_or_na, is_one_of, require_columns
from ..schema import ACLED_ACTOR_TYPES as ACTOR_TYPES
from ..schema import ACLED_POSTURE_MEANINGS
from ..text import date_texts
from .actors import NAME_SEPARATOR
from .selection import is_militia_attack
from .targets import ACTOR_COLUMNS as SELECTION_ACTOR_COLUMNS
from .targets import target_mask

#: What happened at a base, in the order of the map's panels.
POSTURE_KINDS: tuple[str, ...] = ("attacked", "fortified", "Patriot batteries", "withdrawn from", "handed over")

_POSTURE_WORDS: tuple[tuple[str, str], ...] = (
    ("Patriot batteries", r"\bPatriot"),
    ("handed over", r"\b(?:transfer|hand(?:ed|s)? over|handover)"),
    ("fortified", r"\b(?:fortif|reinforc|barricade|watchtower)"),
    ("withdrawn from", r"\b(?:withdr|pull-out|pull out|leave|left)"),
)

#: The words by which an event's ``date_basis`` says the reports tell the event as under way (going on when last
#: reported, as the convention of the events' ``date_start`` has it): that it was ever complete is not reported.
UNDER_WAY_WORDS = r"\bunder way\b"


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


def reported_under_way(events: pd.DataFrame) -> pd.Series:
    """Say whether the reports tell each event only as under way: its ``date_basis`` says so (:data:`UNDER_WAY_WORDS`).

    A withdrawal reported under way ("is moving troops from") is one that
    was going on when last reported; when it was complete is not reported,
    so it is not told as done.

    Parameters
    ----------
    events : DataFrame
        Events, with ``date_basis`` (without it, none is under way: an
        ACLED file says nothing of it).

    Returns
    -------
    Series
        bool, same index.

    Examples
    --------
    >>> frame = pd.DataFrame({"date_basis": ["Document 000: the move was under way by then.", "Dated by the ceremony.",
    ...                                      None]})
    >>> reported_under_way(frame).tolist()
    [True, False, False]
    """
    basis = column_or_na(events, "date_basis").astype("string").fillna("")
    return pd.Series(basis.str.contains(UNDER_WAY_WORDS, case=False, regex=True).to_numpy(dtype=bool), index=events.index)


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
        dates in words), under_way (bool: the reports tell it only as under
        way, :func:`reported_under_way`; by ``date_end``, its completion not
        reported), notes.

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
    if "weekday" in events:  # where the reports name the weekday, the dates in words are its possible days
        chosen["weekday"] = events.loc[at_base, "weekday"]
    chosen["kind"] = kind[at_base]
    chosen["under_way"] = reported_under_way(events)[at_base]
    chosen["notes"] = column_or_na(events, "notes").astype("string")[at_base]
    chosen["when"] = date_texts(chosen)
    out = chosen.merge(bases[["base_id", "name", "latitude", "longitude"]], on="base_id", how="left", validate="many_to_one")
    out = out.sort_values(["event_date", "date_start", "event_id"], kind="stable")
    columns = ["base_id", "name", "latitude", "longitude", "kind", "event_id", "date_start", "date_end", "when",
               "under_way", "notes"]
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


# --- ACLED: bases and foreign forces ------------------------------------------------------

#: ACLED sub-event types of strategic developments that change a force's posture: a base set up,
#: ground taken without fighting, a group's activity changed (withdrawals, redeployments, suspensions);
#: what each means is :data:`analysis.schema.ACLED_POSTURE_MEANINGS`.
ACLED_POSTURE_SUB_EVENT_TYPES: tuple[str, ...] = tuple(ACLED_POSTURE_MEANINGS)

#: Actor columns searched for the forces an event involves.
ACTOR_COLUMNS = SELECTION_ACTOR_COLUMNS
#: The actor column whose type ACLED gives in ``inter1`` and ``inter2``; associated actors have no type of their own.
TYPED_COLUMNS: dict[str, int] = {"actor1": 1, "actor2": 2}
#: ACLED's actor type of foreign and international forces (code 8 in older exports).
EXTERNAL_FORCES = ACTOR_TYPES[-1]

#: International forces in ACLED's actor names: coalitions, missions, peacekeepers, and the
#: ``AU:``/``UN:``/``EU:``/``NATO:`` prefixes of its multinational actors.
INTERNATIONAL_PATTERN = r"\b(?:Coalition|NATO|Mission|Multinational|Peacekeep\w*)\b|^(?:AU|UN|EU|NATO):"

_FORCES_OF = re.compile(r"^(?:Military|Police) Forces of (?:the )?(.+?)(?: \(\d{4}-(?:\d{4})?\))?(?: \[.*\])?$")


def _named_foreign(name: str, country: str) -> bool:
    """Whether an actor without a type is named as a foreign force: another country's forces, or an international one."""
    if re.search(INTERNATIONAL_PATTERN, name):
        return True
    match = _FORCES_OF.match(name)
    return bool(match) and not match.group(1).casefold().startswith(country.casefold().removeprefix("the "))


def foreign_forces(events: pd.DataFrame, *, country: str | None = None) -> pd.Series:
    """Name, for each event, the foreign or international force it involves (missing if none).

    An actor ACLED gives a type (``actor1`` by ``inter1``, ``actor2`` by
    ``inter2``) is foreign when that type is External/Other forces (code 8
    in older exports), whatever its name: another state's forces, a
    multinational mission, a contractor; an actor of any other type is not
    (Somaliland's forces are State forces in Somalia). An actor without a
    type (the associated actors, each name of ``assoc_actor_1`` and
    ``assoc_actor_2`` on its own, or a frame without ``inter1``/``inter2``)
    is foreign when its name says so: "Military Forces of" or "Police
    Forces of" another country than the event's ``country``, or an
    international force (:data:`INTERNATIONAL_PATTERN`: a coalition, a
    mission, NATO, the AU, UN or EU).

    Parameters
    ----------
    events : DataFrame
        Events with some of the actor columns (:data:`ACTOR_COLUMNS`).
    country : str or None, default None
        The country of events that have no ``country`` column (the coded
        events: "Iraq").

    Returns
    -------
    Series
        string, the first foreign force named (in the order of the actor
        columns), same index.

    Examples
    --------
    >>> frame = pd.DataFrame({"country": ["Somalia", "Somalia", "Somalia"],
    ...                       "actor1": ["Military Forces of the United States (2021-)",
    ...                                  "Military Forces of Somaliland (2017-)", "Al Shabaab"],
    ...                       "inter1": ["External/Other forces", "State forces", "Rebel group"],
    ...                       "assoc_actor_1": [None, None, "Clan Militia; AU: African Union Mission (2022-)"]})
    >>> foreign_forces(frame).tolist()
    ['Military Forces of the United States (2021-)', <NA>, 'AU: African Union Mission (2022-)']
    """
    where = (events["country"].astype("string") if "country" in events.columns
             else pd.Series(country or "", index=events.index, dtype="string")).fillna(country or "")
    found = pd.Series(pd.NA, index=events.index, dtype="string")
    for column in ACTOR_COLUMNS:
        if column in events.columns:
            found = found.mask(found.isna(), _column_forces(events, column, where))
    return found


def _column_forces(events: pd.DataFrame, column: str, where: pd.Series) -> pd.Series:
    """The foreign force one actor column names, event by event (:func:`foreign_forces`)."""
    from .actors import actor_type

    names = events[column].astype("string").str.strip()
    side = TYPED_COLUMNS.get(column)
    typed = (actor_type(events, side) if side and f"inter{side}" in events.columns
             else pd.Series(pd.NA, index=events.index, dtype="string"))
    by_type = (typed == EXTERNAL_FORCES).fillna(False).to_numpy(dtype=bool)
    untyped = typed.isna().to_numpy() & names.notna().to_numpy()
    force = pd.Series(pd.NA, index=events.index, dtype="string")
    force[by_type] = names[by_type]
    pairs = pd.DataFrame({"name": names[untyped], "country": where[untyped]}).drop_duplicates()
    named = {}
    for value, place in zip(pairs["name"], pairs["country"]):
        parts = [part for part in NAME_SEPARATOR.split(value) if part] if side is None else [value]
        hit = next((part for part in parts if _named_foreign(part, place)), None)
        if hit is not None:
            named[(value, place)] = hit
    if not named:
        return force
    keys = pd.Series(list(zip(names.fillna(""), where)), index=events.index)
    return force.mask(force.isna() & pd.Series(untyped, index=events.index), keys.map(named).astype("string"))


def involved_forces(
    events: pd.DataFrame, target: str | Sequence[str] | None = None, *, country: str | None = None
) -> pd.Series:
    """Name the force each event involves: one matching ``target`` in any actor column, else a foreign force.

    Parameters
    ----------
    events : DataFrame
        Events.
    target : str, sequence of str or None, default None
        Names, as the ``TARGET`` parameter (:func:`analysis.stats.targets.target_mask`),
        searched here in every actor column, since a force can be the actor
        of a posture change as well as its object. None: foreign forces
        (:func:`foreign_forces`).
    country : str or None, default None
        As in :func:`foreign_forces`.

    Returns
    -------
    Series
        string, same index; missing for events that involve none.
    """
    if target is None:
        return foreign_forces(events, country=country)
    found = pd.Series(pd.NA, index=events.index, dtype="string")
    for column in ACTOR_COLUMNS:
        if column not in events.columns:
            continue
        hit = target_mask(events, target, columns=[column])
        found = found.mask(found.isna() & hit, events[column].astype("string"))
    return found



def named_as_actor(events: pd.DataFrame, names: pd.Series) -> pd.Series:
    """Whether each event's ``names`` (a force, as :func:`involved_forces` names it) is one of its two actors
    (``actor1`` or ``actor2``), not only an associated actor beside one: boolean, missing where no name is given.

    Examples
    --------
    >>> frame = pd.DataFrame({"actor1": ["Army", "Militia"], "actor2": ["Rebels", "Army"],
    ...                       "assoc_actor_1": ["Military Forces of Turkey", None]})
    >>> named_as_actor(frame, pd.Series(["Military Forces of Turkey", "Army"])).tolist()
    [False, True]
    """
    names = names.astype("string")
    found = pd.Series(False, index=events.index, dtype="boolean")
    for column in TYPED_COLUMNS:
        if column in events.columns:
            found |= (events[column].astype("string") == names).fillna(False)
    return found.mask(names.isna())

def force_posture(
    events: pd.DataFrame,
    *,
    target: str | Sequence[str] | None = None,
    country: str | None = None,
    sub_event_types: Sequence[str] = ACLED_POSTURE_SUB_EVENT_TYPES,
) -> pd.DataFrame:
    """List the strategic developments about bases and foreign forces: what ACLED says of a force's posture.

    An event is listed when its sub-event type is one of
    ``sub_event_types`` (:data:`analysis.schema.ACLED_POSTURE_MEANINGS`: a
    base established, ground taken without fighting, a change to a group's
    activity) and it involves the target forces, or, without a
    target, a foreign force (:func:`involved_forces`).

    Parameters
    ----------
    events : DataFrame
        Events (ACLED exports, or the coded events).
    target : str, sequence of str or None, default None
        The ``TARGET`` names (:func:`analysis.stats.targets.target_mask`); None for foreign forces.
    country : str or None, default None
        The country of events without a ``country`` column.
    sub_event_types : sequence of str, default ACLED_POSTURE_SUB_EVENT_TYPES
        Which strategic developments count.

    Returns
    -------
    DataFrame
        One row per event, in date order: event_id, when, date_start,
        date_end, event_date, sub_event_type, force (the force involved),
        actor1, actor2, location, admin1, latitude, longitude, notes.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a"], "country": ["Somalia"], "sub_event_type": ["Headquarters or base established"],
    ...                       "actor1": ["Military Forces of Turkey (2016-)"], "actor2": [None], "location": ["X"],
    ...                       "date_start": pd.to_datetime(["2025-01-02"]), "date_end": pd.to_datetime(["2025-01-02"]),
    ...                       "event_date": pd.to_datetime(["2025-01-02"])})
    >>> force_posture(frame)[["event_id", "force"]].values.tolist()
    [['a', 'Military Forces of Turkey (2016-)']]
    """
    require_columns(events, ["event_id", "date_start", "date_end", "event_date", "sub_event_type", "location"])
    kind = is_one_of(events["sub_event_type"], sub_event_types)
    chosen = events.loc[kind]
    force = involved_forces(chosen, target, country=country)
    chosen = chosen.loc[force.notna().to_numpy()]
    out = pd.DataFrame({
        "event_id": chosen["event_id"].astype("string"),
        "when": date_texts(chosen),
        "date_start": chosen["date_start"],
        "date_end": chosen["date_end"],
        "event_date": chosen["event_date"],
        "sub_event_type": chosen["sub_event_type"].astype("string"),
        "force": force[force.notna()].astype("string"),
        **{c: column_or_na(chosen, c).astype("string") for c in ("actor1", "actor2", "location", "admin1")},
        "latitude": column_or_na(chosen, "latitude").astype("Float64").astype("float64"),
        "longitude": column_or_na(chosen, "longitude").astype("Float64").astype("float64"),
        "notes": column_or_na(chosen, "notes").astype("string"),
    })
    return out.sort_values(["event_date", "date_start", "event_id"], kind="stable").reset_index(drop=True)


def posture_per_period(posture: pd.DataFrame, *, freq: str = "M", start: object = None, end: object = None,
                       dates: str = "range") -> pd.DataFrame:
    """Count the posture changes per period and kind: a table for more changes than a list can show.

    Parameters
    ----------
    posture : DataFrame
        Output of :func:`force_posture` (``sub_event_type``, ``date_start``,
        ``date_end``).
    freq : str, default "M"
        Period (see :func:`analysis.stats.periods.attacks_per_period`).
    start, end : date-like or None, default None
        Window: only its periods are listed (what a change known only to a
        range of days spreads outside it is left out).
    dates : {"range", "event_date"}, default "range"
        Count each change over its range of days, or on its ``event_date``
        (:data:`analysis.stats.selection.DATE_RULES`).

    Returns
    -------
    DataFrame
        One row per period from the first change to the last, in date
        order: period (dates in words), one column per kind (sub-event
        type, most frequent first) and ``all``, as ``expected`` counts (a
        change known only to a range of days is spread over it, so a
        count can be fractional).

    Examples
    --------
    >>> frame = pd.DataFrame({"sub_event_type": ["Agreement", "Agreement", "Other"],
    ...                       "date_start": pd.to_datetime(["2025-01-02", "2025-02-03", "2025-02-04"]),
    ...                       "date_end": pd.to_datetime(["2025-01-02", "2025-02-03", "2025-02-04"])})
    >>> posture_per_period(frame).values.tolist()
    [['Jan 2025', 1.0, 0.0, 1.0], ['Feb 2025', 1.0, 1.0, 2.0]]
    """
    from .periods import attacks_per_period

    kinds = posture["sub_event_type"].astype("string").fillna("unspecified").value_counts()
    if posture.empty:
        return pd.DataFrame({"period": pd.Series([], dtype="string"), "all": pd.Series([], dtype="float64")})
    frame = pd.DataFrame({"date_start": posture["date_start"].to_numpy(), "date_end": posture["date_end"].to_numpy(),
                          **({"event_date": posture["event_date"].to_numpy()} if dates == "event_date" else {}),
                          "kind": posture["sub_event_type"].astype("string").fillna("unspecified").to_numpy()})
    counts = attacks_per_period(frame, freq=freq, by="kind", kinds=None, start=start, end=end,
                                clip=start is not None or end is not None, dates=dates)
    table = counts.pivot_table(index=["period_start", "period_end"], columns="kind", values="expected",
                               aggfunc="sum", fill_value=0.0, observed=True)
    table = table.reindex(columns=list(kinds.index), fill_value=0.0).reset_index()
    words = date_texts(table.rename(columns={"period_start": "date_start", "period_end": "date_end"}))
    out = pd.DataFrame({"period": words.astype("string").to_numpy()})
    for kind in kinds.index:
        out[kind] = table[kind].to_numpy(dtype=float)
    out["all"] = out[list(kinds.index)].sum(axis=1)
    out.columns.name = None
    return out
