"""Who fought whom and who died: ACLED's actors, actor types, interactions, disorder types and civilian targeting.

Every function takes an events frame as :func:`analysis.io.acled.load_acled`
returns it and gives a tidy frame of counts (events, fatalities), no
sentence. Actor types are read from ``inter1`` and ``inter2``, which hold
the codebook's names in both column sets; ``interaction`` keeps what the
file wrote, and an older export's two-digit codes are named by the names
given in ``names`` (the report passes ACLED's codebook names,
:data:`analysis.io.acled.ACTOR_TYPES`; this layer reads no loader).
Fatalities are ACLED's ``fatalities`` (missing counts 0).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..schema import interactions_named

#: ACLED's marker of an event whose main target was civilians (``civilian_targeting``).
CIVILIAN_TARGETING = "Civilian targeting"
#: The event type ACLED gives to violence against civilians.
VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
#: The name a missing actor type, disorder type or interaction gets in the tables.
NONE = "(none)"


def fatalities(events: pd.DataFrame) -> pd.Series:
    """Return each event's fatalities as whole numbers (missing: 0)."""
    require_columns(events, ["fatalities"])
    return pd.to_numeric(events["fatalities"], errors="coerce").fillna(0).astype(np.int64)


def actor_type(events: pd.DataFrame, side: int = 1) -> pd.Series:
    """Return the actor type of ``actor1`` (``side=1``) or ``actor2`` (``side=2``): ``inter1`` or ``inter2``, the
    codebook's name (missing where there is none)."""
    column = f"inter{side}"
    require_columns(events, [column])
    values = events[column].astype("string").str.strip()
    return values.mask(values == "").rename("actor_type")


def _counted(keys: pd.Series, killed: pd.Series, name: str) -> pd.DataFrame:
    frame = pd.DataFrame({name: keys.astype("string").fillna(NONE).to_numpy(), "killed": killed.to_numpy()})
    grouped = frame.groupby(name, sort=False)
    table = pd.DataFrame({"events": grouped.size(), "fatalities": grouped["killed"].sum()}).reset_index()
    table["events"] = table["events"].astype(np.int64)
    table["fatalities"] = table["fatalities"].astype(np.int64)
    return table.sort_values(["events", "fatalities", name], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)


#: The columns of :func:`actors_table` that count an actor's roles.
ROLE_COLUMNS = ("as_actor1", "as_actor2", "as_associated")
#: What separates the names of ``assoc_actor_1`` and ``assoc_actor_2``.
NAME_SEPARATOR = re.compile(r"\s*;\s*")


def actors_table(events: pd.DataFrame, n: int | None = None, *, associated: bool = True) -> pd.DataFrame:
    """Count each named actor's events and the fatalities in them, as ``actor1``, ``actor2`` or an associated actor.

    An event counts once for each actor it names (an actor named in two
    roles counts it once), so the fatalities of an event appear under each.

    Parameters
    ----------
    events : DataFrame
        ACLED events with ``actor1``, ``actor2``, ``inter1``, ``inter2`` and
        ``fatalities``, and ``assoc_actor_1`` and ``assoc_actor_2`` where
        the file has them (names separated by semicolons).
    n : int or None, default None
        Keep the ``n`` most active actors, and every actor tied with the
        last of them (a tie is kept whole); None keeps all.
    associated : bool, default True
        Count the associated actors too (ACLED gives them no type); False
        counts ``actor1`` and ``actor2`` alone.

    Returns
    -------
    DataFrame
        actor, actor_type (the type ACLED gives it most often; missing for
        an actor only ever associated), events, fatalities, as_actor1,
        as_actor2, as_associated (int64), most events first, then most
        fatalities, then by name.

    Examples
    --------
    >>> frame = pd.DataFrame({"actor1": ["A", "A", "B"], "actor2": ["B", None, None],
    ...                       "inter1": ["Rebel group", "Rebel group", "State forces"],
    ...                       "inter2": ["State forces", None, None], "fatalities": [3, 1, 0],
    ...                       "assoc_actor_2": ["C; D", None, None]})
    >>> actors_table(frame)[["actor", "events", "fatalities", "as_associated"]].values.tolist()
    [['A', 2, 4, 0], ['B', 2, 3, 0], ['C', 1, 3, 1], ['D', 1, 3, 1]]
    """
    require_columns(events, ["actor1", "actor2", "fatalities"])
    killed = fatalities(events)
    rows = np.arange(len(events))
    sides = []
    for side in (1, 2):
        actor = events[f"actor{side}"].astype("string").str.strip()
        types = (actor_type(events, side) if f"inter{side}" in events.columns
                 else pd.Series(pd.NA, index=events.index))
        sides.append(pd.DataFrame({"row": rows, "actor": actor.to_numpy(),
                                   "actor_type": types.astype("string").to_numpy(), "killed": killed.to_numpy(),
                                   "role": f"as_actor{side}"}))
    for column in ("assoc_actor_1", "assoc_actor_2") if associated else ():
        if column in events.columns:
            names = events[column].astype("string").str.strip().str.split(NAME_SEPARATOR)
            listed = pd.DataFrame({"row": rows, "actor": names.to_numpy(), "killed": killed.to_numpy()})
            listed = listed.explode("actor")
            sides.append(listed.assign(actor=listed["actor"].astype("string"), actor_type=pd.NA,
                                       role="as_associated"))
    long = pd.concat(sides, ignore_index=True)
    long = long[long["actor"].notna() & (long["actor"] != "")]
    if long.empty:
        return pd.DataFrame({"actor": pd.Series([], dtype="string"), "actor_type": pd.Series([], dtype="string"),
                             **{c: pd.Series([], dtype=np.int64) for c in ("events", "fatalities", *ROLE_COLUMNS)}})
    once = long.drop_duplicates(["row", "actor"])
    grouped = once.groupby("actor", sort=False)
    table = pd.DataFrame({"events": grouped.size(), "fatalities": grouped["killed"].sum()})
    roles = long.drop_duplicates(["row", "actor", "role"]).groupby(["actor", "role"]).size().unstack(fill_value=0)
    for role in ROLE_COLUMNS:
        table[role] = roles[role].reindex(table.index, fill_value=0) if role in roles.columns else 0
    typed = long.dropna(subset=["actor_type"])
    common = (typed.groupby(["actor", "actor_type"]).size().reset_index(name="k")
              .sort_values(["actor", "k", "actor_type"], ascending=[True, False, True], kind="stable")
              .drop_duplicates("actor").set_index("actor")["actor_type"])
    table["actor_type"] = common.reindex(table.index).astype("string")
    table = table.reset_index()[["actor", "actor_type", "events", "fatalities", *ROLE_COLUMNS]]
    for column in ("events", "fatalities", *ROLE_COLUMNS):
        table[column] = table[column].astype(np.int64)
    table["actor"] = table["actor"].astype("string")
    table = table.sort_values(["events", "fatalities", "actor"], ascending=[False, False, True],
                              kind="stable").reset_index(drop=True)
    if n is not None and len(table) > n:
        table = table[table["events"] >= table["events"].iloc[n - 1]].reset_index(drop=True)
    return table


def by_pair(events: pd.DataFrame) -> pd.DataFrame:
    """Count events and fatalities by pair of actors: who fought whom (``actor1`` against ``actor2``).

    Returns
    -------
    DataFrame
        actor1, actor2 (:data:`NONE` where an event has no second actor),
        events, fatalities (int64); most events first, then most killed,
        then by name.

    Examples
    --------
    >>> frame = pd.DataFrame({"actor1": ["A", "A", "B"], "actor2": ["C", "C", ""], "fatalities": [2, 1, 0]})
    >>> by_pair(frame).values.tolist()
    [['A', 'C', 2, 3], ['B', '(none)', 1, 0]]
    """
    require_columns(events, ["actor1", "actor2"])
    frame = pd.DataFrame({f"actor{side}": _names(events[f"actor{side}"]) for side in (1, 2)})
    frame["killed"] = fatalities(events).to_numpy()
    grouped = frame.groupby(["actor1", "actor2"], sort=False)
    table = pd.DataFrame({"events": grouped.size(), "fatalities": grouped["killed"].sum()}).reset_index()
    table = table.astype({"events": np.int64, "fatalities": np.int64})
    return table.sort_values(["events", "fatalities", "actor1", "actor2"], ascending=[False, False, True, True],
                             kind="stable").reset_index(drop=True)


def pairs_by_region(events: pd.DataFrame, column: str = "admin1") -> pd.DataFrame:
    """Count each pair of actors' events and fatalities by region: who fought whom, where.

    The pairs are :func:`by_pair`'s; the region is ``column`` (ACLED's
    ``admin1``), :data:`NONE` where an event gives none; in a file of
    several countries each region is named with its country ("Diyala
    (Iraq)"), as regions of two countries may share a name.

    Returns
    -------
    DataFrame
        actor1, actor2, region, events, fatalities (int64); the pairs in
        :func:`by_pair`'s order, each pair's regions most events first,
        then most killed, then by name.

    Examples
    --------
    >>> frame = pd.DataFrame({"actor1": ["A", "A", "A", "B"], "actor2": ["C", "C", "C", ""],
    ...                       "admin1": ["X", "Y", "X", ""], "fatalities": [2, 5, 1, 0]})
    >>> pairs_by_region(frame).values.tolist()
    [['A', 'C', 'X', 2, 3], ['A', 'C', 'Y', 1, 5], ['B', '(none)', '(none)', 1, 0]]
    """
    require_columns(events, ["actor1", "actor2", column])
    frame = pd.DataFrame({f"actor{side}": _names(events[f"actor{side}"]) for side in (1, 2)})
    region = _names(events[column])
    if "country" in events.columns and events["country"].nunique() > 1:
        country = _names(events["country"])
        region = np.array([r if r == NONE else f"{r} ({c})" for r, c in zip(region, country)], dtype=object)
    frame["region"] = region
    frame["killed"] = fatalities(events).to_numpy()
    grouped = frame.groupby(["actor1", "actor2", "region"], sort=False)
    table = pd.DataFrame({"events": grouped.size(), "fatalities": grouped["killed"].sum()}).reset_index()
    table = table.astype({"events": np.int64, "fatalities": np.int64})
    order = by_pair(events)[["actor1", "actor2"]].reset_index().rename(columns={"index": "rank"})
    table = table.merge(order, on=["actor1", "actor2"], how="left")
    table = table.sort_values(["rank", "events", "fatalities", "region"], ascending=[True, False, False, True],
                              kind="stable")
    return table.drop(columns="rank").reset_index(drop=True)


def pair_of(events: pd.DataFrame) -> pd.Series:
    """Name each event's pair of actors as :func:`by_pair` counts them: "A against B", or "A alone" (no second actor).

    Examples
    --------
    >>> pair_of(pd.DataFrame({"actor1": ["A", "B"], "actor2": ["C", None]})).tolist()
    ['A against C', 'B alone']
    """
    require_columns(events, ["actor1", "actor2"])
    first, second = _names(events["actor1"]), _names(events["actor2"])
    names = [f"{a} alone" if b == NONE else f"{a} against {b}" for a, b in zip(first, second)]
    return pd.Series(names, index=events.index, dtype="string", name="pair")


def alone(events: pd.DataFrame) -> pd.Series:
    """Mark the events with no second actor (a protest with no other side, a base set up): one actor alone, no pair.

    :func:`by_pair` counts them under ``actor2`` :data:`NONE`.

    Examples
    --------
    >>> alone(pd.DataFrame({"actor1": ["A", "B", "C"], "actor2": ["C", None, " "]})).tolist()
    [False, True, True]
    """
    require_columns(events, ["actor2"])
    return pd.Series(_names(events["actor2"]) == NONE, index=events.index, dtype=bool, name="alone")


def _names(values: pd.Series) -> np.ndarray:
    """An actor column's names, trimmed, :data:`NONE` where there is none."""
    names = values.astype("string").str.strip()
    return names.mask(names == "").fillna(NONE).to_numpy(dtype=object)


def by_actor_type(events: pd.DataFrame, side: int = 1) -> pd.DataFrame:
    """Count events and fatalities by the actor type of ``actor1`` (or ``actor2``): actor_type, events, fatalities."""
    return _counted(actor_type(events, side), fatalities(events), "actor_type")


def by_column(events: pd.DataFrame, column: str, names: Sequence[str] = ()) -> pd.DataFrame:
    """Count events and fatalities by a column's values (``disorder_type``, ``interaction``, ``event_type``...).

    Returns
    -------
    DataFrame
        ``column``, events, fatalities (int64); a missing value is
        :data:`NONE`; most events first. ``interaction`` is named as
        :func:`interaction` names it (``names`` for an older export's codes).
    """
    require_columns(events, [column])
    if column == "interaction":
        return _counted(interaction(events, names), fatalities(events), column)
    values = events[column].astype("string").str.strip()
    return _counted(values.mask(values == ""), fatalities(events), column)


def interaction(events: pd.DataFrame, names: Sequence[str] = ()) -> pd.Series:
    """Return each event's ``interaction`` as a current export writes it ("State forces-Rebel group").

    An older export's two-digit codes (the two actor types' codes, the
    smaller first; 0 for no second actor) become ``"<type>-<type>"`` or
    ``"<type> only"`` with the types named by ``names``; other values are
    kept as written.

    Examples
    --------
    >>> frame = pd.DataFrame({"interaction": ["12", "30", "State forces-Civilians"]})
    >>> interaction(frame, ["State forces", "Rebel group", "Political militia"]).tolist()
    ['State forces-Rebel group', 'Political militia only', 'State forces-Civilians']
    """
    require_columns(events, ["interaction"])
    values = events["interaction"].astype("string").str.strip()
    named = interactions_named(values.dropna().unique(), tuple(names))
    return values.where(~values.isin(list(named)), values.map(named)).mask(values == "").rename("interaction")


def civilian_targeting(events: pd.DataFrame) -> pd.Series:
    """Mark the events whose main target was civilians.

    ACLED's ``civilian_targeting`` marks them in current exports; an older
    export has no such column, so there its events of type Violence against
    civilians, and those whose second actor is of type Civilians, are marked.
    """
    if "civilian_targeting" in events.columns:
        marked = events["civilian_targeting"].astype("string").str.strip().str.casefold()
        return (marked == CIVILIAN_TARGETING.casefold()).fillna(False).astype(bool).rename("civilian_targeting")
    mask = events["event_type"].astype("string") == VIOLENCE_AGAINST_CIVILIANS
    if "inter2" in events.columns:
        mask |= (actor_type(events, 2) == "Civilians").fillna(False)
    return mask.fillna(False).astype(bool).rename("civilian_targeting")


def civilian_summary(events: pd.DataFrame) -> pd.DataFrame:
    """Count civilian targeting as its own measure: one row each for the events marked, and Violence against civilians.

    Returns
    -------
    DataFrame
        measure (``"civilian_targeting"``, ``"violence_against_civilians"``, ``"both"``: the events of that type
        marked as civilian targeting), events, fatalities (int64), share (float64, of all events).
    """
    killed = fatalities(events)
    marked = civilian_targeting(events).to_numpy(dtype=bool)
    typed = (events["event_type"].astype("string") == VIOLENCE_AGAINST_CIVILIANS).fillna(False).to_numpy(dtype=bool)
    rows = []
    for name, mask in (("civilian_targeting", marked), ("violence_against_civilians", typed),
                       ("both", marked & typed)):
        rows.append({"measure": name, "events": int(mask.sum()), "fatalities": int(killed[mask].sum()),
                     "share": float(mask.sum() / len(events)) if len(events) else 0.0})
    return pd.DataFrame(rows)
