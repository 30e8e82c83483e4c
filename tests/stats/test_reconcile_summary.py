"""A reconciliation counted kind by kind and month by month, against pandas on the export's CSV and the coded tables.

The export is of the coded data's own making (tests/acled_files.py, ``COMPARISON_EVENTS``): five rows that stand
for coded attacks and strikes, five attacks on sites hosting US forces that the coded data lacks, a clash
without foreign forces and an event before the coded span. The expected counts are computed here from the files
with pandas alone: the ACLED events in scope are the rows naming the US forces inside the coded span (the swapped
row on its notes' day), their family read from ``reconcile_families.csv``.
"""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest
from acled_files import write_acled_comparison

import analysis
from analysis.stats.reconcile_summary import coded_families, lacking_by_month, scope_by_family

US = "Military Forces of the United States"


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    path = write_acled_comparison(tmp_path_factory.mktemp("comparison") / "comparison.csv")
    data = analysis.load_dataset()
    return data.events, pd.read_csv(path, dtype=str, keep_default_na=False), analysis.reconcile(
        data, analysis.load_acled(path))


def _families() -> dict[str, str]:
    table = pd.read_csv(resources.files("analysis") / "data" / "reconcile_families.csv")
    return dict(zip(table["sub_event_type"], table["family"]))


def _in_scope(coded: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The export's rows in scope, by pandas: a US actor, the day (the notes' day) inside the coded span."""
    day = pd.to_datetime(rows["notes"].str.extract(r"On (\d+ \w+ \d{4})")[0], format="%d %B %Y")
    scoped = coded.loc[coded["category"] != "political"]
    inside = day.between(scoped["date_start"].min() - pd.Timedelta(days=1),
                         scoped["date_end"].max() + pd.Timedelta(days=1))
    us = rows[["actor1", "actor2", "assoc_actor_1", "assoc_actor_2"]].apply(lambda c: c.str.contains(US)).any(axis=1)
    return rows.assign(day=day, family=rows["sub_event_type"].map(_families())).loc[inside & us]


def test_scope_by_family_counts_each_side(compared):
    coded, rows, result = compared
    scope = _in_scope(coded, rows)
    linked = set(result.links.loc[result.links["grade"] != "near miss", "acled_id"])
    scope = scope.assign(linked=scope["event_id_cnty"].isin(linked))
    acled = scope.groupby("family").agg(acled=("linked", "size"), acled_linked=("linked", "sum"))
    ours = coded.loc[coded["category"] != "political"].assign(family=lambda f: f["sub_event_type"].map(_families()))
    ours = ours.assign(linked=ours["event_id"].isin(set(result.links.loc[result.links["grade"] != "near miss",
                                                                         "coded_id"])))
    coded_counts = ours.groupby("family").agg(coded=("linked", "size"), coded_linked=("linked", "sum"))
    expected = acled.join(coded_counts, how="outer").fillna(0).astype(int)
    expected["acled_lacking"] = expected["acled"] - expected["acled_linked"]
    table = scope_by_family(result, coded).set_index("family")
    assert table.sort_index().to_dict("index") == expected[table.columns].sort_index().to_dict("index")
    assert table.loc["indirect fire", "acled_lacking"] == 5  # the five attacks the export adds
    assert list(table["acled"]) == sorted(table["acled"], reverse=True)  # most ACLED events first


def test_lacking_by_month_counts_the_months_of_one_kind(compared):
    coded, rows, result = compared
    scope = _in_scope(coded, rows)
    fire = scope.loc[scope["family"] == "indirect fire"]
    lacking = fire.loc[~fire["event_id_cnty"].isin(set(result.links["acled_id"]))]
    months = lacking.groupby(lacking["day"].dt.to_period("M")).size()
    table = lacking_by_month(result, coded, "indirect fire").set_index("month")
    assert {m.to_timestamp(): n for m, n in months.items()} == table.loc[table["acled_lacking"] > 0,
                                                                          "acled_lacking"].to_dict()
    first = table.iloc[0]
    assert (table.index[0], first["acled_lacking"]) == (pd.Timestamp("2020-01-01"), 4)
    attacks = coded.loc[coded["category"] == "militia attack"]
    for month, row in table.iterrows():
        end = month + pd.offsets.MonthEnd(0)
        assert row["coded"] == int(((attacks["date_start"] <= end) & (attacks["date_end"] >= month)).sum())
    assert first["coded"] == 0  # January 2020: four attacks in ACLED, none coded
    assert list(table.index) != sorted(table.index) or len(table) == 1  # most lacking first, not by month


def test_a_kind_with_no_acled_event_gives_an_empty_table(compared):
    coded, _, result = compared
    assert lacking_by_month(result, coded, "chemical weapon").empty


def test_coded_families_read_the_families_table(compared):
    coded, _, result = compared
    assert coded_families(result, coded).to_dict() == dict(zip(coded["event_id"],
                                                               coded["sub_event_type"].map(_families())))
