"""Who fought whom, in words: pairs ranked among the events with a second actor, one actor alone said apart."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from analysis.report.words import who
from analysis.stats import actors


def frame(rows: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    """Events from (actor1, actor2, how many, killed in each)."""
    return pd.DataFrame([{"actor1": one, "actor2": two, "fatalities": killed}
                         for one, two, count, killed in rows for _ in range(count)])


#: As in an export of Somalia: the actors alone (protesters, one side's own moves) outnumber any pair.
SOMALIA = frame([("Protesters", "", 6, 0), ("Al Shabaab", "", 5, 1), ("Rioters", "", 4, 0),
                 ("Al Shabaab", "Civilians", 3, 2), ("Al Shabaab", "Military Forces", 2, 1), ("Clan Militia", "Al Shabaab", 1, 3)])


def test_the_pairs_are_ranked_among_the_events_with_a_second_actor_and_the_actors_alone_said_apart():
    lead, alone = who._pairs(actors.by_pair(SOMALIA))
    # the old sentence named "Protesters, with no other side" and two more actors alone as the top three pairs
    assert lead == ("The pairs of actors with the most events, the first actor against the second: "
                    "Al Shabaab against Civilians: 3 events, in which 6 people were killed (on any side); Al Shabaab "
                    "against Military Forces: 2 events, in which 2 people were killed (on any side); Clan Militia "
                    "against Al Shabaab: 1 event, in which 3 people were killed (on any side).")
    assert alone == ("15 events name one actor alone, with no second actor, not ranked as a pair; the actors alone "
                     "with the most events: Protesters: 6 events, in which no one was killed; Al Shabaab: 5 events, "
                     "in which 5 people were killed (on any side); Rioters: 4 events, in which no one was killed.")


def test_events_all_one_sided_or_all_paired_are_said_so():
    lead, alone = who._pairs(actors.by_pair(frame([("Protesters", "", 3, 0), ("Rioters", "", 1, 0)])))
    assert lead == "" and alone.startswith("No event has a second actor: all 4 events name one actor alone;")
    lead, alone = who._pairs(actors.by_pair(frame([("A", "B", 2, 1), ("C", "D", 1, 0)])))
    assert lead.startswith("The pairs of actors with the most events") and alone == ""
    assert who._pairs(actors.by_pair(frame([("A", "B", 2, 1), ("P", "", 3, 0)]))) == (
        "Both events with a second actor, in which 2 people were killed (on any side), set A against B.",
        "3 events name one actor alone, with no second actor, not ranked as a pair: all of them P, in which no one "
        "was killed.")


def test_the_chart_groups_the_events_with_no_second_actor_apart_from_the_pairs():
    groups, names = who.pair_groups(SimpleNamespace(events=SOMALIA))
    assert names == ["Al Shabaab against Civilians", "Al Shabaab against Military Forces",
                     "Clan Militia against Al Shabaab"]
    assert groups.value_counts().to_dict() == {who.ONE_ACTOR: 15, "Al Shabaab against Civilians": 3,
                                               "Al Shabaab against Military Forces": 2,
                                               "Clan Militia against Al Shabaab": 1}
    assert (groups == who.ONE_ACTOR).tolist() == actors.alone(SOMALIA).tolist()


def test_the_actor_table_says_its_killed_are_those_of_the_actors_events():
    # "killed" read as the people an actor killed or lost; it counts everyone killed in the events it is in
    # (and then as one side's losses: the header says the figure counts the dead of any side)
    assert who.ACTOR_HEADERS["killed"] == "killed in these events (any side)"


def test_the_chart_of_pairs_names_no_pair_where_no_event_has_a_second_actor():
    groups, names = who.pair_groups(SimpleNamespace(events=frame([("Protesters", "", 3, 0), ("Rioters", None, 1, 0)])))
    assert names == [] and set(groups) == {who.ONE_ACTOR}


def test_pairs_beyond_those_named_are_counted_and_pairs_alike_are_all_named():
    more = frame([("A", "B", 9, 1), ("C", "D", 6, 0), ("E", "F", 4, 0), ("G", "H", 2, 0), ("I", "J", 1, 0)])
    lead, _ = who._pairs(actors.by_pair(more))
    assert lead.endswith("E against F: 4 events, in which no one was killed. 2 other pairs have 3 events between "
                         "them.")
    one_more = frame([("A", "B", 9, 1), ("C", "D", 6, 0), ("E", "F", 4, 0), ("G", "H", 2, 0)])
    lead, _ = who._pairs(actors.by_pair(one_more))
    assert lead.endswith("E against F: 4 events, in which no one was killed. One other pair has 2 events.")
    # four pairs within a tenth of each other: none leads, every one is named (the fourth was left out unsaid)
    alike = frame([("A", "B", 36, 1), ("C", "D", 34, 0), ("E", "F", 34, 0), ("G", "H", 33, 3)])
    lead, _ = who._pairs(actors.by_pair(alike))
    assert lead.startswith("All 4 pairs of actors, alike in events (33 to 36 each), the first actor against the second")
    assert lead.endswith("G against H: 33 events, in which 99 people were killed (on any side).")


def test_where_one_actor_alone_dominates_each_pair_fills_its_own_panel_and_the_rest_is_counted(tmp_path):
    """The chart stacked the pairs under the events with no second actor: on a file of Somalia, five slivers of 5 to
    15 events a month at the foot of bars of 140 to 190, the rest grey. Each pair now has a panel, all on one scale;
    the one-actor events and the other pairs are counted in the subtitle, and those drawn and not add up."""
    import re

    from acled_files import write_acled_events

    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story
    from analysis.viz.figures import alt_text, words_of
    from analysis.viz.literal import literal_text

    hostile = ("Al $habaab$", "<b>Civilians</b>")  # names from the file are drawn as typed, never as markup
    sizes = {hostile: 12, ("*Clan*", "Police"): 9, ("A", "B"): 7, ("C", "D"): 5, ("E", "F"): 4,
             ("G", "H"): 2, ("I", "J"): 1, ("K", "L"): 1, ("Protesters", ""): 120}
    pairs = [pair for pair, count in sizes.items() for _ in range(count)]
    path = write_acled_events(tmp_path / "alone.csv", [
        {"event_date": f"2025-0{1 + k % 4}-{1 + k % 28:02d}", "actor1": one, "actor2": two}
        for k, (one, two) in enumerate(pairs)])
    story = Story(notebook_data(str(path)))
    figure = story.plot_pairs()
    subtitle = words_of(figure).subtitle
    assert subtitle.endswith(": 37 of the 161 events. Not drawn: 4 events of 3 other pairs and 120 events with one "
                             "actor alone, no second actor")
    drawn, total, other, _, alone = (int(n) for n in re.findall(r"\d+", subtitle.split("most events")[1]))
    assert drawn + other + alone == total == len(pairs)
    assert len(figure.axes) == 5 and len({ax.get_ylim() for ax in figure.axes}) == 1  # one panel a pair, one scale
    heights = [[p.get_height() for p in ax.patches if p.get_gid() == "count"] for ax in figure.axes]
    assert [sum(h) for h in heights] == [12, 9, 7, 5, 4]  # every event of the pairs drawn, none of the others
    # the tallest bar fills most of its axis: no sliver under 120 events drawn above it (it held a twelfth)
    assert max(heights[0]) >= 0.6 * figure.axes[0].get_ylim()[1]
    title = " ".join(words_of(figure.axes[0]).title.split())
    assert title == "Al $habaab$ against <b>Civilians</b>: 12 events"
    assert figure.axes[0].get_title(loc="left") == literal_text(words_of(figure.axes[0]).title)
    assert f"{title}. Bars of events per period" in alt_text(figure)


def test_the_chart_of_pairs_says_when_it_draws_every_event_and_draws_nothing_where_every_pair_ties(tmp_path):
    from acled_files import write_acled_events

    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    def story(name: str, pairs: list[tuple[str, str]]) -> Story:
        return Story(notebook_data(str(write_acled_events(tmp_path / name, [
            {"event_date": f"2025-01-{1 + k % 28:02d}", "actor1": one, "actor2": two}
            for k, (one, two) in enumerate(pairs)]))))

    every = story("every.csv", [("A", "B")] * 5 + [("C", "D")] * 2)
    assert who.pairs_subtitle(every.facts) == ("Events per month of both pairs of actors (the first actor against the "
                                               "second), a panel each, all on one scale: all 7 events")
    # twelve pairs of one event each: none is ahead, and twelve panels of one bar would say nothing the sentence does
    # not (the chart drew no panel: a grid of none failed)
    ties = story("ties.csv", [(f"A{k}", f"B{k}") for k in range(12)])
    assert who.pair_groups(ties.facts)[1] == [] and ties.plot_pairs() is None


def placed(rows: list[tuple[str, str, str, int, int]]) -> pd.DataFrame:
    """Events from (actor1, actor2, admin1, how many, killed in each)."""
    return pd.DataFrame([{"actor1": one, "actor2": two, "admin1": region, "fatalities": killed}
                         for one, two, region, count, killed in rows for _ in range(count)])


def test_each_pair_says_where_its_events_were_and_the_killed_of_any_side():
    # the reader had to join the map, the pair list and the regions table to see that each fight had its own region
    events = placed([("Turkey", "PKK", "Duhok", 4, 3), ("IS", "Civilians", "Diyala", 3, 2),
                     ("IS", "Civilians", "Kirkuk", 1, 0), ("Army", "IS", "Anbar", 2, 1), ("Army", "IS", "Ninewa", 2, 0),
                     ("Militia", "Police", "Basra", 2, 0), ("Militia", "Police", "Erbil", 1, 0),
                     ("Militia", "Police", "Babil", 1, 0), ("Militia", "Police", "Wasit", 1, 0),
                     ("Protesters", "", "Baghdad", 2, 0)])
    regions = actors.pairs_by_region(events)
    lead, alone = who._pairs(actors.by_pair(events), regions)
    said = dict(part.split(": ", 1) for part in lead.split("second: ")[1].rstrip(".").split("; "))
    assert said == {
        "Militia against Police": "5 events in 4 regions, the most in Basra (2 of 5), in which no one was killed",
        "Turkey against PKK": "4 events in Duhok, in which 12 people were killed (on any side)",
        "IS against Civilians": "4 events, mostly in Diyala (3 of 4), in which 6 people were killed (on any side)",
        "Army against IS": "4 events in Anbar (2) and Ninewa (2), in which 2 people were killed (on any side)"}
    assert alone.endswith("all of them Protesters, in Baghdad, in which no one was killed.")


def test_a_region_named_in_the_file_is_shown_as_typed():
    hostile = "<b>*Duhok*</b>"
    events = placed([("A", "B", hostile, 2, 1), ("C", "D", "", 1, 0)])
    lead, _ = who._pairs(actors.by_pair(events), actors.pairs_by_region(events))
    assert "A against B: 2 events in \\<b\\>\\*Duhok\\*\\</b\\>, in which 2 people" in lead, lead
    assert "C against D: 1 event, in which no one was killed" in lead  # no region given: none said


def test_where_the_chart_draws_more_pairs_than_the_text_names_the_text_says_so():
    # "18 other pairs have 966 events" above a chart whose note says "16 other pairs": both right, read as a clash
    more = frame([("A", "B", 9, 1), ("C", "D", 6, 0), ("E", "F", 4, 0), ("G", "H", 2, 0), ("I", "J", 1, 0)])
    lead, _ = who._pairs(actors.by_pair(more), drawn=5)
    assert lead.endswith("2 other pairs have 3 events between them. The chart below draws the 5 pairs with the most "
                         "events.")
    assert who._pairs(actors.by_pair(more), drawn=3)[0].endswith("2 other pairs have 3 events between them.")


def test_a_breakdown_that_lists_the_largest_few_says_of_how_many(tmp_path):
    # "By the first actor's type: Rebel group ... Identity militia: 449" named 4 of 7 types and read as whole
    from acled_files import write_acled_events

    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    types = ["Rebel group", "State forces", "Protesters", "Identity militia", "Rioters", "Civilians"]
    # two actors of each type, so that no type's figures are one pair's (a breakdown that only repeats the pairs is
    # left out)
    events = [{"event_date": "2020-03-02", "event_type": "Battles", "sub_event_type": "Armed clash",
               "actor1": f"Group {i}{side}", "inter1": kind, "actor2": f"Other {i}{side}", "inter2": "State forces"}
              for i, kind in enumerate(types) for side in "ab" for _ in range(len(types) - i)]
    text = Story(notebook_data(str(write_acled_events(tmp_path / "types.csv", events)))).who()
    assert f"By the first actor's type (four largest of {len(types)}): Rebel group: 12 events" in text, text
