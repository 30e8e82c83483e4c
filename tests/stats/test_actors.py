"""Actors, actor types, interactions and civilian targeting counted from ACLED events."""

from __future__ import annotations

import pandas as pd

from analysis.stats import actors

TYPES = ("State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters", "Civilians",
         "External/Other forces")


def events(**columns):
    base = {"actor1": ["A", "A", "B", "C"], "actor2": ["B", None, "A", ""],
            "inter1": ["Rebel group", "Rebel group", "State forces", "Civilians"],
            "inter2": ["State forces", None, "Rebel group", None], "fatalities": [3, 1, 5, None],
            "event_type": ["Battles", "Battles", "Battles", "Violence against civilians"]}
    return pd.DataFrame({**base, **columns})


def test_an_event_counts_once_for_each_of_its_actors_and_its_dead_under_both():
    table = actors.actors_table(events())
    assert table[["actor", "actor_type", "events", "fatalities", "as_actor1", "as_actor2"]].values.tolist() == [
        ["A", "Rebel group", 3, 9, 2, 1], ["B", "State forces", 2, 8, 1, 1], ["C", "Civilians", 1, 0, 1, 0]]


def test_associated_actors_count_each_event_once_without_a_type_of_their_own():
    # the US forces named among a militia attack's targets (assoc_actor_2) were counted nowhere
    frame = events(assoc_actor_1=[None, "D; B", None, ""], assoc_actor_2=["D ;E", None, None, None])
    table = actors.actors_table(frame).set_index("actor")
    assert table.loc["D", ["events", "fatalities", "as_associated", "as_actor1", "as_actor2"]].tolist() == [2, 4, 2, 0, 0]
    assert table.loc["E", "events"] == 1 and pd.isna(table.loc["E", "actor_type"])
    # B is second actor of event 1 and associated in event 2: two events, its type from its own role
    assert table.loc["B", ["events", "as_actor1", "as_actor2", "as_associated"]].tolist() == [3, 1, 1, 1]
    assert table.loc["B", "actor_type"] == "State forces"
    first_and_second = actors.actors_table(frame, associated=False)
    assert set(first_and_second["actor"]) == {"A", "B", "C"} and not first_and_second["as_associated"].any()


def test_an_actor_on_both_sides_of_one_event_counts_it_once():
    table = actors.actors_table(events(actor2=["A", None, None, None]))
    assert table.set_index("actor").loc["A", "events"] == 2


def test_a_tie_at_the_last_row_is_kept_whole():
    frame = events(actor1=["A", "B", "C", "D"], actor2=[None] * 4)
    assert actors.actors_table(frame, n=2)["actor"].tolist() == ["C", "A", "B", "D"]  # by killed within the tie
    assert actors.actors_table(events(), n=1)["actor"].tolist() == ["A"]


def test_no_actor_gives_an_empty_typed_table():
    table = actors.actors_table(events(actor1=[""] * 4, actor2=[None] * 4))
    assert table.empty and str(table["events"].dtype) == "int64"


def test_actor_types_are_read_from_the_named_columns_and_an_empty_one_is_none():
    frame = events(inter2=["State forces", "", "Rebel group", None])
    assert actors.actor_type(frame, 1).tolist() == ["Rebel group", "Rebel group", "State forces", "Civilians"]
    assert actors.actor_type(frame, 2).isna().tolist() == [False, True, False, True]
    assert actors.by_actor_type(frame, 1)["actor_type"].tolist() == ["Rebel group", "State forces", "Civilians"]


def test_interaction_codes_of_older_exports_are_named_as_current_ones_write_them():
    frame = pd.DataFrame({"interaction": ["28", "60", "Rebel group-Civilians", "", "99"],
                          "fatalities": [1, 0, 2, 0, 0]})
    named = actors.interaction(frame, TYPES)
    assert named.tolist()[:3] == ["Rebel group-External/Other forces", "Protesters only", "Rebel group-Civilians"]
    assert pd.isna(named.iloc[3]) and named.iloc[4] == "99"
    assert actors.NONE in actors.by_column(frame, "interaction", TYPES)["interaction"].tolist()


def test_civilian_targeting_uses_the_column_or_falls_back_on_type_and_target():
    frame = events(civilian_targeting=["", "Civilian targeting", None, ""])
    assert actors.civilian_targeting(frame).tolist() == [False, True, False, False]
    older = events(inter2=["Civilians", None, None, None])
    assert actors.civilian_targeting(older).tolist() == [True, False, False, True]
    summary = actors.civilian_summary(frame).set_index("measure")
    assert summary.loc["civilian_targeting", ["events", "fatalities"]].tolist() == [1, 1]
    assert summary.loc["violence_against_civilians", "share"] == 0.25
    # the events of the type that are marked too: here the one event of the type is not, the marked one a battle
    assert summary.loc["both", "events"] == 0
    marked = actors.civilian_summary(events(civilian_targeting=["", "", "", "Civilian targeting"])).set_index("measure")
    assert marked.loc["both", ["events", "fatalities"]].tolist() == [1, 0]


def test_an_event_with_no_second_actor_is_alone_and_counted_apart_from_the_pairs():
    frame = events()  # actor2: B, missing, A, blank
    assert actors.alone(frame).tolist() == [False, True, False, True]
    pairs = actors.by_pair(frame)
    # by_pair counts them under a second actor NONE, which alone() marks
    alone = pairs[pairs["actor2"] == actors.NONE]
    assert int(alone["events"].sum()) == int(actors.alone(frame).sum()) == 2


def test_pairs_by_region_splits_each_pair_by_its_regions_and_adds_up_to_by_pair():
    frame = pd.DataFrame({"actor1": ["A", "A", "A", "B", "A"], "actor2": ["C", "C", "C", " ", "C"],
                          "admin1": ["Diyala", "Diyala", "Duhok", None, "Diyala"],
                          "country": ["Iraq", "Iraq", "Iraq", "Syria", "Syria"], "fatalities": [1, 2, 3, 4, 5]})
    table = actors.pairs_by_region(frame)
    # regions of two countries may share a name: each is named with its country; a missing region is NONE
    assert table.values.tolist() == [["A", "C", "Diyala (Iraq)", 2, 3], ["A", "C", "Diyala (Syria)", 1, 5],
                                     ["A", "C", "Duhok (Iraq)", 1, 3], ["B", actors.NONE, actors.NONE, 1, 4]]
    summed = table.groupby(["actor1", "actor2"], sort=False)[["events", "fatalities"]].sum().reset_index()
    assert summed.values.tolist() == actors.by_pair(frame).values.tolist()
    one_country = actors.pairs_by_region(frame.assign(country="Iraq"))
    assert one_country["region"].tolist() == ["Diyala", "Duhok", actors.NONE]
