"""Count what a reconciliation found, kind by kind and month by month: where the coded counts are a floor.

:func:`scope_by_family` sets the coded events in ACLED's scope beside the
ACLED events in scope (the coded span, a focus actor), family by family of
sub-event types, with how many of each side are linked; :func:`lacking_by_month`
counts, month by month, the ACLED events of one family that no coded event
links to, beside the coded events of that family; :func:`link_timeline` sets
the coded events' windows beside the dates of ACLED's events, with the links
between them and their grades. Numbers only: the words are written where the
report writes its words.
"""

from __future__ import annotations

import pandas as pd

from .reconcile import Reconciliation
from .reconcile_rules import mapping_tables
from .selection import event_keys

_FAMILY_COLUMNS = ("family", "acled", "acled_linked", "acled_lacking", "coded", "coded_linked")


def coded_families(result: Reconciliation, coded: pd.DataFrame) -> pd.Series:
    """Return each coded event's family of sub-event types (the result's families table), by ``event_id``."""
    families = mapping_tables(result.rules).families
    return pd.Series(coded["sub_event_type"].astype(object).map(families).to_numpy(),
                     index=coded["event_id"].astype("string").to_numpy(), dtype="string", name="family")


def scope_by_family(result: Reconciliation, coded: pd.DataFrame) -> pd.DataFrame:
    """Count, per family, the ACLED events in scope (linked, lacking) and the coded events in scope (linked).

    Parameters
    ----------
    result : Reconciliation
        What :func:`analysis.reconcile` returned for ``coded``.
    coded : DataFrame
        The coded events reconciled (``event_id``, ``sub_event_type``).

    Returns
    -------
    DataFrame
        One row per family present on either side: ``family``, ``acled``,
        ``acled_linked``, ``acled_lacking`` (ACLED events in scope that no
        coded event links to), ``coded`` (coded events in ACLED's scope) and
        ``coded_linked``; most ACLED events first, then by family.
    """
    scope = result.acled_scope
    acled = scope.groupby("family").agg(acled=("event_id", "size"), acled_linked=("linked", "sum"))
    status = result.coded.set_index("event_id")
    inside = status.loc[status["in_scope"].to_numpy(dtype=bool)]
    family = coded_families(result, coded).reindex(inside.index)
    linked = (inside["status"] == "linked").to_numpy()
    coded_counts = pd.DataFrame({"family": family.to_numpy(), "linked": linked}).groupby("family").agg(
        coded=("linked", "size"), coded_linked=("linked", "sum"))
    table = acled.join(coded_counts, how="outer").fillna(0).astype(int)
    table["acled_lacking"] = table["acled"] - table["acled_linked"]
    table = table.rename_axis("family").reset_index()
    table = table.sort_values(["acled", "family"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return table[list(_FAMILY_COLUMNS)].astype({"family": "string"})


def lacking_by_month(result: Reconciliation, coded: pd.DataFrame, family: str) -> pd.DataFrame:
    """Count, month by month, the ACLED events in scope of one family that the coded data lacks, and the coded ones.

    Returns
    -------
    DataFrame
        One row per month from the first to the last ACLED event of the
        family in scope: ``month`` (its first day), ``acled`` (events in
        scope), ``acled_lacking`` (no coded event links to them) and
        ``coded`` (coded events of the family whose date window overlaps
        the month); most lacking first, then by month.
    """
    scope = result.acled_scope.loc[(result.acled_scope["family"] == family).fillna(False).to_numpy()]
    if scope.empty:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[ns]"), "acled": pd.Series(dtype=int),
                             "acled_lacking": pd.Series(dtype=int), "coded": pd.Series(dtype=int)})
    months = scope["event_date"].dt.to_period("M")
    table = pd.DataFrame({"month": months, "lacking": ~scope["linked"].to_numpy(dtype=bool)}).groupby("month").agg(
        acled=("lacking", "size"), acled_lacking=("lacking", "sum"))
    table = table.reindex(pd.period_range(months.min(), months.max(), freq="M"), fill_value=0)
    ours = coded.loc[(coded_families(result, coded) == family).fillna(False).to_numpy()]
    first = ours["date_start"].dt.to_period("M").to_numpy()
    last = ours["date_end"].dt.to_period("M").to_numpy()
    table["coded"] = [int(((first <= month) & (last >= month)).sum()) for month in table.index]
    table = table.rename_axis("month").reset_index()
    table["month"] = table["month"].dt.start_time
    table = table.sort_values(["acled_lacking", "month"], ascending=[False, True], kind="stable")
    return table.astype({"acled": int, "acled_lacking": int, "coded": int}).reset_index(drop=True)


def coded_outside_months(result: Reconciliation, coded: pd.DataFrame, family: str, months: pd.DataFrame) -> int:
    """Count the coded events of one family whose dates overlap none of the months of ``months`` (what
    :func:`lacking_by_month` returns): the events its ``coded`` column, and a chart of it, cannot show."""
    if months.empty:
        return 0
    ours = coded.loc[(coded_families(result, coded) == family).fillna(False).to_numpy()]
    first, last = months["month"].min(), months["month"].max() + pd.offsets.MonthEnd(0)
    return int(((ours["date_end"] < first) | (ours["date_start"] > last)).sum())


def link_timeline(result: Reconciliation, coded: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Set the coded events in ACLED's scope beside ACLED's events in scope, with the links between them (not the near
    misses).

    Parameters
    ----------
    result : Reconciliation
        What :func:`analysis.reconcile` returned for ``coded``.
    coded : DataFrame
        The coded events reconciled (``event_id``, ``date_start``, ``date_end``).

    Returns
    -------
    tuple of DataFrame
        ``windows``: the coded events in ACLED's scope, ``number`` (the
        number a reader sees for each, :func:`~analysis.stats.selection.event_keys`),
        ``event_id``, ``start`` and ``end``, by start; ``acled``: ACLED's
        events in scope, ``event_id``, ``date`` (the notes' day where the
        export swapped day and month) and ``linked``, by date; ``links``:
        ``number``, ``acled_id``, ``grade`` and ``needs_review``, in the
        order of the result's links.
    """
    numbers = pd.Series(event_keys(coded).to_numpy(), index=coded["event_id"].astype("string").to_numpy())
    status = result.coded
    inside = set(status.loc[status["in_scope"].to_numpy(dtype=bool), "event_id"].astype(str))
    ours = coded.loc[coded["event_id"].astype(str).isin(inside).to_numpy()]
    windows = pd.DataFrame({"number": numbers.reindex(ours["event_id"].astype("string")).to_numpy(dtype="int64"),
                            "event_id": ours["event_id"].astype("string").to_numpy(),
                            "start": pd.to_datetime(ours["date_start"]).to_numpy(),
                            "end": pd.to_datetime(ours["date_end"]).to_numpy()})
    windows = windows.sort_values(["start", "end", "number"], kind="stable").reset_index(drop=True)
    scope = result.acled_scope
    acled = pd.DataFrame({"event_id": scope["event_id"].astype("string").to_numpy(),
                          "date": pd.to_datetime(scope["event_date"]).to_numpy(),
                          "linked": scope["linked"].to_numpy(dtype=bool)})
    acled = acled.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    links = result.links.loc[(result.links["grade"] != "near miss").to_numpy()]
    links = pd.DataFrame({"number": numbers.reindex(links["coded_id"].astype("string")).to_numpy(dtype="int64"),
                          "acled_id": links["acled_id"].astype("string").to_numpy(),
                          "grade": links["grade"].astype("string").to_numpy(),
                          "needs_review": links["needs_review"].to_numpy(dtype=bool)})
    return windows, acled, links


__all__ = ["coded_families", "scope_by_family", "lacking_by_month", "coded_outside_months", "link_timeline"]
