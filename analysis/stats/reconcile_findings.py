"""Say why each link of a reconciliation holds, and what differs between its two events, as tidy rows.

Both frames are long: one row per link and aspect (the reasons) or per link
and field (the differences), with short findings from fixed vocabularies,
the numbers beside them, and a ``detail`` that carries names and the
mapping tables' ``why``. The sentences a reader sees are written from them
where the report builds its words.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .reconcile_checks import PLACEHOLDER, PROJECTILES, stated_number
from .reconcile_rules import MappingTables, actor_key, actor_relations

#: The aspects of a link's reasons, in reading order.
ASPECTS: tuple[str, ...] = ("time", "place", "type", "actors", "attribution", "notes", "review")
#: The fields compared by :func:`link_differences`.
FIELDS: tuple[str, ...] = ("date", "fatalities", "projectiles", "type", "actor1", "actor2", "place",
                           "time precision", "geo precision")
_REASON_COLUMNS = ("coded_id", "acled_id", "aspect", "finding", "value", "limit", "detail")
_DIFFERENCE_COLUMNS = ("coded_id", "acled_id", "field", "coded", "acled", "delta", "note")


def _time_finding(gap: int, coded_days: int, acled_days: int, slack: int) -> str:
    if gap == 0:
        return "same window" if coded_days == acled_days == 1 else "overlapping windows"
    return "within the slack" if abs(gap) <= slack else "beyond the slack"


def link_reasons(links: pd.DataFrame, slack_days: int, similar_notes: float, window_days: int,
                 tables: MappingTables) -> pd.DataFrame:
    """Return the reasons of each link: one row per aspect (and per coded actor), see :data:`ASPECTS`.

    ``value`` and ``limit`` hold the numbers a finding rests on: the signed
    gap in days and the slack; the distance and its limit in km; the notes'
    similarity and its threshold; the competing links of an ambiguous link;
    the longer window's days and the window limit.
    """
    rows: list[tuple] = []
    for link in links.itertuples(index=False):
        ids = (link.coded_id, link.acled_id)
        rows.append((*ids, "time", _time_finding(link.gap_days, link.coded_days, link.acled_days, slack_days),
                     float(link.gap_days), float(slack_days), ""))
        if link.acled_narrows:
            rows.append((*ids, "time", "ACLED narrows the window", float(link.acled_days), float(link.coded_days), ""))
        if link.date_fixed:
            rows.append((*ids, "time", "matched on the notes' day", np.nan, np.nan, "day and month swapped in the export"))
        if link.place == "no coded place":
            rows.append((*ids, "place", "no coded place", np.nan, np.nan, ""))
        else:
            rows.append((*ids, "place", link.place, link.distance_km, link.limit_km, ""))
        if isinstance(link.place_named, str):
            rows.append((*ids, "place", "names the place", np.nan, np.nan, link.place_named))
        rows.append((*ids, "type", link.type, np.nan, np.nan, f"{link.coded_family} / {link.acled_family}"))
        rows.append((*ids, "actors", link.actors, np.nan, np.nan, ""))
        for coded_actor, (relation, why) in link.actor_relations.items():
            rows.append((*ids, "actors", relation, np.nan, np.nan, f"{coded_actor}: {why}" if why else coded_actor))
        rows.append((*ids, "attribution", link.attribution, np.nan, np.nan, ""))
        similar = link.notes_similarity >= similar_notes
        rows.append((*ids, "notes", "similar notes" if similar else "notes not similar", link.notes_similarity,
                     similar_notes, ""))
        if link.ambiguous:
            rows.append((*ids, "review", "ambiguous", float(link.competing), np.nan, ""))
        if link.window_to_event:
            rows.append((*ids, "review", "window to event", float(max(link.coded_days, link.acled_days)),
                         float(window_days), ""))
    frame = pd.DataFrame(rows, columns=list(_REASON_COLUMNS))
    return frame.astype({"coded_id": "string", "acled_id": "string", "aspect": "string", "finding": "string",
                         "value": float, "limit": float, "detail": "string"})


def _window(start: pd.Timestamp, end: pd.Timestamp) -> str:
    return f"{start:%Y-%m-%d}" if start == end else f"{start:%Y-%m-%d}..{end:%Y-%m-%d}"


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _actor_difference(coded_actor: object, acled_actor: object, tables: MappingTables) -> tuple[bool, str]:
    """Return whether two actors differ and, for a near pair, the actors table's why."""
    if pd.isna(coded_actor) and pd.isna(acled_actor):
        return False, ""
    if pd.isna(coded_actor) or pd.isna(acled_actor):
        return True, "missing on one side"
    relation, why = actor_relations(acled_actor, tables).get(actor_key(coded_actor), ("different", ""))
    return relation != "same", (f"near: {why}" if relation == "near" else relation)


def _records(frame: pd.DataFrame) -> dict:
    """Return a frame's rows as records (attribute access) keyed by its index: fast to look up one by one."""
    return dict(zip(frame.index, frame.itertuples(index=False)))


def link_differences(links: pd.DataFrame, coded: pd.DataFrame, acled: pd.DataFrame, export_dates: pd.DataFrame,
                     tables: MappingTables) -> pd.DataFrame:
    """Return what differs between the two events of each link: one row per link and field (:data:`FIELDS`).

    Parameters
    ----------
    links : DataFrame
        The links (``coded_id``, ``acled_id``, ``gap_days``, ``acled_narrows``,
        ``distance_km``, ``date_fixed``).
    coded, acled : DataFrame
        The two events frames, indexed by ``event_id``; ``acled`` holds the
        windows matched on.
    export_dates : DataFrame
        The export's own ``date_start`` and ``date_end``, indexed by ``event_id``.

    Returns
    -------
    DataFrame
        ``coded`` and ``acled`` values as text, ``delta`` (ACLED minus coded:
        days of the gap, fatalities, projectiles; km for the place) and a
        ``note``: "narrows", "earlier", "later", "day and month swapped in the
        export"; "placeholder (coded as N)"; the family relation of two
        sub-event types; "near: <why>" or "different" for actors.
    """
    rows: list[tuple] = []
    acled = acled.loc[acled.index.isin(set(links["acled_id"]))]
    placeholder = stated_number(acled["notes"], PLACEHOLDER).to_dict()
    stated = stated_number(acled["notes"], PROJECTILES).to_dict()
    coded_rows = _records(coded.loc[coded.index.isin(set(links["coded_id"]))])
    acled_rows = _records(acled)
    export_rows = _records(export_dates.loc[export_dates.index.isin(set(links.loc[links["date_fixed"], "acled_id"]))])
    for link in links.itertuples(index=False):
        ids = (link.coded_id, link.acled_id)
        c, a = coded_rows[link.coded_id], acled_rows[link.acled_id]
        original = export_rows.get(link.acled_id) if link.date_fixed else None
        found = [_date_difference(link, c, a, original),
                 _fatalities_difference(c, a, placeholder.get(link.acled_id)),
                 _projectiles_difference(c, stated.get(link.acled_id)),
                 _type_difference(c, a, tables),
                 *(_actor_row(column, c, a, tables) for column in ("actor1", "actor2")),
                 _place_difference(link, c, a),
                 *(_precision_difference(field, column, c, a)
                   for field, column in (("time precision", "time_precision"), ("geo precision", "geo_precision")))]
        rows.extend((*ids, *row) for row in found if row is not None)
    frame = pd.DataFrame(rows, columns=list(_DIFFERENCE_COLUMNS))
    return frame.astype({"coded_id": "string", "acled_id": "string", "field": "string", "coded": "string",
                         "acled": "string", "delta": float, "note": "string"})


# Each finder returns one difference of a link as (field, coded, acled, delta, note), or None when the two agree.


def _date_difference(link, c, a, original) -> tuple | None:
    coded_window, acled_window = _window(c.date_start, c.date_end), _window(a.date_start, a.date_end)
    if original is not None:
        return ("date", coded_window, _window(original.date_start, original.date_end), float(link.gap_days),
                "day and month swapped in the export")
    if coded_window == acled_window:
        return None
    note = "narrows" if link.acled_narrows else ("earlier" if link.gap_days < 0 else
                                                 "later" if link.gap_days > 0 else "overlaps")
    return "date", coded_window, acled_window, float(link.gap_days), note


def _fatalities_difference(c, a, stand_in) -> tuple | None:
    coded_deaths, acled_deaths = c.fatalities, a.fatalities
    known = pd.notna(coded_deaths) and pd.notna(acled_deaths)
    if not ((known and int(coded_deaths) != int(acled_deaths)) or pd.notna(stand_in)):
        return None
    return ("fatalities", _text(coded_deaths), _text(acled_deaths),
            float(int(acled_deaths) - int(coded_deaths)) if known else np.nan,
            f"placeholder (coded as {stand_in})" if pd.notna(stand_in) else "")


def _projectiles_difference(c, count) -> tuple | None:
    low, high = c.projectiles_low, c.projectiles_high
    if pd.isna(low) or pd.isna(count) or low <= count <= (high if pd.notna(high) else count):
        return None
    coded_count = str(low) if low == high else f"{low}..{_text(high)}"
    return "projectiles", coded_count, str(count), float(count - low), "stated in the notes"


def _type_difference(c, a, tables: MappingTables) -> tuple | None:
    if c.sub_event_type == a.sub_event_type:
        return None
    same_family = tables.families.get(c.sub_event_type) == tables.families.get(a.sub_event_type)
    return ("type", f"{c.event_type}: {c.sub_event_type}", f"{a.event_type}: {a.sub_event_type}", np.nan,
            "same family" if same_family else "different family")


def _actor_row(column: str, c, a, tables: MappingTables) -> tuple | None:
    differs, note = _actor_difference(getattr(c, column), getattr(a, column), tables)
    return (column, _text(getattr(c, column)), _text(getattr(a, column)), np.nan, note) if differs else None


def _place_difference(link, c, a) -> tuple | None:
    if _text(c.location).casefold() == _text(a.location).casefold():
        return None
    return "place", _text(c.location), _text(a.location), link.distance_km, ""


def _precision_difference(field: str, column: str, c, a) -> tuple | None:
    if _text(getattr(c, column)) == _text(getattr(a, column)):
        return None
    return field, _text(getattr(c, column)), _text(getattr(a, column)), np.nan, ""


__all__ = ["ASPECTS", "FIELDS", "link_reasons", "link_differences"]
