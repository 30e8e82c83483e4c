"""The caveat of the events that may be coded twice, and its table, on the sources page of an ACLED run.

Each run is a small export the tests write (:func:`tests.acled_files.alike_events`); the expected figures are
counted here from the rows as written, not by :func:`analysis.possible_duplicates`.
"""

from __future__ import annotations

import html

import pandas as pd
import pytest
from acled_files import alike_events, write_acled_events

from analysis import as_table
from analysis.report.inputs import notebook_data
from analysis.report.story import Story
from analysis.report.words import caveats as words

#: Hostile names for the actors and the place of an exact pair.
HOSTILE = {"actor1": "<script>alert('actor1')</script> [a](https://evil.example/a)",
           "actor2": "Militia **bold** <img src=x onerror=alert(2)>",
           "location": "Town `code` <b>place</b> ![p](https://evil.example/p.png)"}


def run(tmp_path, rows: list[dict[str, str]]) -> Story:
    return Story(notebook_data(str(write_acled_events(tmp_path / "export.csv", rows))))


def line(story: Story) -> str:
    """The caveats' line on events coded twice."""
    found = [text for text in story.caveats().splitlines() if text.startswith("- **Events coded twice?**")]
    assert len(found) == 1
    return found[0]


def test_the_caveat_counts_the_groups_their_events_and_killed(tmp_path):
    rows = alike_events()
    story = run(tmp_path, rows)
    # by the file's rows: TST1-3 (a battle told three times), TST4-5 (exact), TST6-7 (fatalities apart) are alike
    grouped = [rows[i] for i in range(7)]
    killed = sum(int(row["fatalities"]) for row in grouped)
    weekly = sum(row.get("time_precision") == "2" for row in rows)
    assert line(story) == (
        "- **Events coded twice?** 3 groups of events (2 pairs and 1 group of three) share their day, place, actors "
        f"and kind under different ids (7 events, {killed} killed; one with the same fatalities and notes too). "
        "ACLED's own ids differ, so they are counted as different events here: if each group is one event, the "
        f"counts are 4 events too high. {weekly} events dated only to a week or a month are not compared: sharing "
        "the middle day of a week or month does not put two events on one day.")


def test_one_exact_pair_is_said_as_such_and_none_in_one_clause(tmp_path):
    rows = alike_events()
    pair = run(tmp_path, rows[3:5] + rows[7:9])
    assert line(pair) == (
        "- **Events coded twice?** 1 pair of events shares their day, place, actors and kind under different ids "
        "(2 events, 0 killed; the same fatalities and notes too). ACLED's own ids differ, so they are counted as "
        "different events here: if each group is one event, the counts are 1 event too high.")
    (tmp_path / "none").mkdir()
    none = run(tmp_path / "none", rows[7:11])  # other actors; an attack and its reverse
    assert line(none) == ("- **Events coded twice?** No two events share their day, place, actors and kind under "
                          "different ids.")
    assert none.duplicates_table().empty and none.duplicates_note() == ""


def test_the_table_shows_each_group_once_by_day_with_each_events_killed(tmp_path):
    story = run(tmp_path, alike_events())
    table = story.duplicates_table()
    assert table[["events", "place", "killed", "also alike"]].values.tolist() == [
        ["TST4, TST5", "Alpha", "0, 0", "fatalities and notes"],
        ["TST6, TST7", "Bravo", "1, 3", "notes"],
        ["TST1, TST2, TST3", "Charlie", "2, 2, 2", "fatalities"],
    ]
    assert table["date"].tolist() == list(pd.to_datetime(["2020-03-01", "2020-03-02", "2020-03-03"]))
    assert table["actors"].iloc[2] == "Military Forces of Iraq (2020-) – Islamic State (Iraq)"
    assert table["kind"].tolist() == ["Shelling/artillery/missile attack"] * 2 + ["Armed clash"]
    assert story.duplicates_note().startswith("Every group of events that share their day, place, actors and kind")


def test_the_table_shows_the_first_groups_and_its_caption_says_how_many(tmp_path, monkeypatch):
    monkeypatch.setattr(words, "DUPLICATES_SHOWN", 2)
    story = run(tmp_path, alike_events())
    assert story.duplicates_table()["events"].tolist() == ["TST4, TST5", "TST6, TST7"]
    assert story.duplicates_note().startswith("The first 2 of the 3 groups of events that share")


def test_hostile_names_of_the_events_alike_are_shown_as_text(tmp_path):
    rows = alike_events()
    pair = [{**row, **HOSTILE} for row in rows[3:5]]
    story = run(tmp_path, pair)
    assert "1 pair of events shares" in line(story)
    for value in HOSTILE.values():  # the caveat names no one: no value reaches its Markdown
        assert value not in story.caveats()
    shown = as_table(story.duplicates_table(), caption=story.duplicates_note())._repr_html_()
    for value in HOSTILE.values():
        assert html.escape(value, quote=False) in shown or html.escape(value) in shown
    assert "<script>" not in shown and "<img" not in shown and "<b>place" not in shown


def test_the_coded_run_says_no_caveat_and_shows_no_table():
    story = Story(notebook_data())
    assert story.caveats() == "" and story.duplicates_table().empty and story.duplicates_note() == ""


@pytest.mark.parametrize("shown", [1, 3])
def test_the_caption_names_one_group_or_every_group(tmp_path, shown):
    rows = alike_events()
    story = run(tmp_path, rows[3:5] if shown == 1 else rows[:7])
    assert story.duplicates_note().startswith("The one group of" if shown == 1 else "Every group of")


def batch_rows(threes: int = 25, pairs: int = 2, new: str = "") -> list[dict[str, str]]:
    """Twelve weeks from 6 January 2025 of four events each (tolls 0, 1, 2, 1; two outlets), and in the sixth
    (10-16 February) 40 events, ``threes`` of them with exactly 3 killed and the first ``pairs`` pairs alike (one
    day, place, actors and kind), reported by the two outlets or by a ``new`` one alone."""
    rows = []
    for week in range(12):
        monday = pd.Timestamp("2025-01-06") + pd.Timedelta(weeks=week)
        shape = ([(k // 2 if k < 2 * pairs else k, 3 if k < threes else 0) for k in range(40)] if week == 5 else
                 list(enumerate((0, 1, 2, 1))))
        for k, (place, killed) in enumerate(shape):
            rows.append({"event_date": f"{monday + pd.Timedelta(days=place % 7):%Y-%m-%d}", "fatalities": str(killed),
                         "location": f"Town {week}-{place}",
                         "source": new if new and week == 5 else ("Wire A", "Radio B")[k % 2],
                         "timestamp": "1800000000"})
    return rows


def test_a_week_apart_is_said_with_the_signs_of_a_batch_and_its_month_without_it(tmp_path):
    """A week standing apart was given a clean bill when no outlet joined or left: the caveats put its signs of a
    batch of coding side by side, counted here from the rows as written, and its month without it."""
    from analysis.report.words.counting import stands_apart_note
    from analysis.stats.highlights import peak

    rows = batch_rows()
    story = run(tmp_path, rows)
    frame = pd.DataFrame(rows).astype({"fatalities": int})
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    week = frame["event_date"].between("2025-02-10", "2025-02-16")
    threes = int((frame.loc[week, "fatalities"] == 3).sum())
    months = frame["event_date"].dt.to_period("M").value_counts()
    usual = (~week).sum() / 11 / 2  # each outlet's events in one of the other weeks
    dead, every = frame.loc[week, "fatalities"].sum(), frame["fatalities"].sum()
    said = [line for line in story.caveats().splitlines() if line.startswith("- **A week apart**")]
    assert said == [
        f"- **A week apart**: The week of 10-16 February 2025 stands apart: {week.sum()} events, 10 times the median "
        f"week's 4; {dead} of the {every} killed ({100 * dead / every:.0f}%). It shows "
        f"signs of a batch of coding: {threes} of its {week.sum()} events have exactly 3 killed, against "
        f"{int((frame.loc[~week, 'fatalities'] == 3).sum())} of the other {(~week).sum()}; all 2 groups of events "
        f"that may be coded twice are in it; every one of its 2 outlets reported about {week.sum() / 2 / usual:.0f} times "
        "its usual weekly number. It may be one batch, not a rise of events: check it before reading a trend into "
        f"it. Without that week, February 2025 had {months['2025-02'] - week.sum()} events, fewer than January 2025 "
        f"({months['2025-01']}) and March 2025 ({months['2025-03']})."]
    # the same words follow the sentence that says the week stands apart, where the page gives it the events
    weekly = story.facts.per_period("W")
    assert said[0].removeprefix("- **A week apart**: ") == stands_apart_note(weekly, peak(weekly),
                                                                             events=story.facts.events)
    # the heap at 3 killed is said with its count, its neighbours and its week, and the figures outside the week
    # (the share in the week alone left the reader to guess whether the heap is the week's)
    outside = frame.loc[~week, "fatalities"]
    assert (f"- **A heap at one figure**: {threes} events have exactly 3 killed, against "
            f"{int((frame['fatalities'] == 2).sum())} with 2 and 0 with 4 ({threes} of the {threes} in the week of "
            f"10-16 February 2025; outside that week, {int((outside == 3).sum())} with 3 killed, against "
            f"{int((outside == 2).sum())} with 2 and {int((outside == 4).sum())} with 4, no heap: the heap is that "
            "week's).") in story.caveats()


def test_a_week_apart_without_signs_of_a_batch_is_said_to_show_none(tmp_path):
    story = run(tmp_path, batch_rows(threes=0, pairs=0, new="New Daily"))  # a new outlet: a change of sources
    text = story.caveats()
    assert "stands apart" in text and "It shows none of the signs of a batch of coding looked for here" in text
    assert "**A heap at one figure**" not in text


def test_no_title_presents_a_week_that_may_be_one_batch_as_a_peak_without_saying_so(tmp_path):
    """The reviewer skimmed titles: "Escalation in Somalia peaked in the week of 3-9 March 2025" with the warning only
    in the sentences below. Every title naming that week, or a month holding it, says it."""
    from analysis.report.words.who import pairs_title

    # two pairs of actors, every event of one or the other
    rows = [{**row, "actor1": f"Militia {'AB'[k % 2]}", "actor2": "Civilians (Iraq)"} for k, row in enumerate(batch_rows())]
    story = run(tmp_path, rows)
    week = ", a week that may be one batch of coding"
    for chart in ("timeline", "escalation", "weekly"):
        assert story.chart_title(chart).endswith(week), story.chart_title(chart)
    # the charts mark the week too, so that a chart copied without its title still says it
    for chart in ("timeline", "escalation", "weekly", "monthly"):
        assert story.marks(chart) == {"10-16 February 2025: may be one batch of coding": pd.Timestamp("2025-02-10")}, chart
    with pytest.warns(DeprecationWarning, match="Story.marks"):
        assert story.first_report_marks("weekly") == story.marks("weekly")
    # and the sentence under the escalation chart that names its peak, which a reader may read without the title
    lead = story.escalation(story.facts.escalation).split("\n")[0]
    assert "highest in the week of 10-16 February 2025" in lead and lead.endswith(f"{week}."), lead
    # one sentence, the note joined plainly: "...: 52 attacks; February 2025 holds the week of 10-16 February 2025,
    # which may be one batch of coding; the most over the window in Town 5-0 (2)" strung three clauses
    february = sum("2025-02-01" <= row["event_date"] <= "2025-02-28" for row in rows)
    assert story.chart_title("monthly") == (f"Battles and remote violence in Iraq peaked in February 2025: {february} "
                                            "attacks, a month holding a week that may be one batch of coding")
    assert pairs_title(story.facts).endswith(
        "both pairs peaked in February 2025, a month holding a week that may be one batch of coding")
    from analysis.report.words.who import plot_pairs

    fig = plot_pairs(story.facts)
    marked = [text.get_text() for ax in fig.axes for legend in [ax.get_legend()] if legend for text in legend.get_texts()]
    marked += [text.get_text() for legend in fig.legends for text in legend.get_texts()]
    assert "10-16 February 2025: may be one batch of coding" in marked  # the pairs' chart marks the week too
    # where the week shows no sign of a batch (its events from a new outlet, no heap, no pairs), no title says it
    (tmp_path / "plain").mkdir()
    plain = run(tmp_path / "plain", batch_rows(threes=0, pairs=0, new="New Daily"))
    assert not any("batch" in plain.chart_title(chart) for chart in ("timeline", "escalation", "weekly", "monthly"))
    assert not any("batch" in label for chart in ("timeline", "escalation", "weekly", "monthly")
                   for label in plain.marks(chart))


def test_the_charts_whose_peak_holds_a_week_that_may_be_one_batch_hatch_that_weeks_part(tmp_path):
    """A solid monthly bar showed the month "without that week" nowhere: each bar's (and each pair's) part from the
    week is hatched with a key entry, counted here from the rows as written."""
    from analysis.report.words.who import pairs_part, plot_pairs
    from analysis.stats.periods import attacks_per_period

    rows = [{**row, "actor1": f"Militia {'AB'[k % 2]}", "actor2": "Civilians (Iraq)"} for k, row in enumerate(batch_rows())]
    story = run(tmp_path, rows)
    data = story.data
    frame = pd.DataFrame(rows).assign(event_date=lambda f: pd.to_datetime(f["event_date"]))
    in_week = frame["event_date"].between("2025-02-10", "2025-02-16")
    label = "events of 10-16 February 2025, which may be one batch of coding"

    def count(events):  # as notebook 02 counts the monthly chart, all in one group here
        return attacks_per_period(events, freq="M", kinds=None, start=data.window[0], end=data.window[1], clip=True,
                                  dates=data.date_rule)

    part, key = story.hatched_part("monthly", count)
    assert key == label
    drawn = part.set_index(part["period_start"].dt.to_period("M"))["expected"]
    assert drawn[drawn > 0].to_dict() == {pd.Period("2025-02"): int(in_week.sum())}
    # the pairs: each pair's events of the week, in the month every pair peaked in
    counts, key = pairs_part(story.facts)
    assert key == label
    per_pair = frame[in_week].groupby(frame["actor1"] + " against " + frame["actor2"]).size()
    assert counts[counts["expected"] > 0].set_index("pair")["expected"].to_dict() == per_pair.to_dict()
    fig = plot_pairs(story.facts)
    hatched = sorted(p.get_height() for ax in fig.axes for p in ax.patches if p.get_gid() == "part")
    assert hatched == sorted(per_pair.tolist())
    keyed = [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    assert label in keyed
    # no week apart, no new source: nothing hatched
    (tmp_path / "plain").mkdir()
    plain = run(tmp_path / "plain", [row for row in rows if not "2025-02-10" <= row["event_date"] <= "2025-02-16"])
    assert plain.hatched_part("monthly", count) == (None, None)


def test_a_change_no_outlet_explains_names_the_week_that_may_be_a_batch_in_its_month_once(tmp_path):
    # "No new outlet explains the rise" under a month holding a week that may be one batch read as a clean bill; the
    # twelve weeks begin six weeks earlier and go on for twelve more like the first, so that February has whole
    # months around it, and both its rise and its fall are said
    rows = batch_rows()
    first = [row for row in rows if row["event_date"] < "2025-01-13"]
    for week in [*range(-6, 0), *range(12, 24)]:
        rows += [{**row, "event_date": f"{pd.Timestamp(row['event_date']) + pd.Timedelta(weeks=week):%Y-%m-%d}",
                  "location": f"Town {week}-{k}"} for k, row in enumerate(first)]
    months = pd.to_datetime(pd.Series([row["event_date"] for row in rows])).dt.to_period("M").value_counts()
    january, february, march = (months[month] for month in ("2025-01", "2025-02", "2025-03"))
    story = run(tmp_path, rows)
    said = [line for line in story.timeline().splitlines() if line.startswith("- The largest")]
    # the two findings side by side both ended "February 2025 holds the week of 10-16 February 2025, which may be one
    # batch of coding": the second now says it was said
    assert said == [
        f"- The largest rise from one whole month to the next: from {january} events in January 2025 to {february} in "
        "February 2025. No new outlet explains the rise: every outlet of February 2025 had reported before; that month "
        "holds the week of 10-16 February 2025, which may be one batch of coding.",
        f"- The largest fall from one whole month to the next: from {february} events in February 2025 to {march} in "
        "March 2025. No outlet that stopped reporting explains the fall: every outlet of February 2025 reported again "
        "later; that month holds the same week."]


def test_the_changes_of_posture_in_a_week_that_may_be_one_batch_are_counted_apart(tmp_path):
    """A monthly table of foreign forces' moves showed February at its height with no word that most of them fall in
    the week that may be one batch of coding."""
    rows = batch_rows()
    moves = [("2025-02-11", 3), ("2025-01-15", 1), ("2025-03-12", 1)]
    for day, count in moves:
        rows += [{**rows[0], "event_date": day, "event_type": "Strategic developments", "fatalities": "0",
                  "sub_event_type": "Headquarters or base established", "actor1": "Military Forces of Turkey (2016-)",
                  "inter1": "External/Other forces", "actor2": "", "inter2": "", "location": f"Base {day}-{k}"}
                 for k in range(count)]
    story = run(tmp_path, rows)
    assert len(story.facts.posture_events) == 5
    assert ("3 of the 5 fall in the week of 10-16 February 2025, which may be one batch of coding: February 2025's "
            "count is less sure than it looks.") in story.posture()


def test_a_heap_in_one_week_is_said_with_the_figures_outside_that_week():
    """A heap mostly in one week gave its share in the week, not the tolls outside it: whether 3 killed still towers
    over 2 and 4 without the week is what tells a reader whether the heap is the week's."""
    tolls = {"2025-03-04": {2: 4, 3: 30, 4: 6}, "2025-03-12": {2: 9, 3: 5, 4: 3}, "2025-03-20": {2: 2, 4: 1}}
    frame = pd.DataFrame([{"event_date": day, "fatalities": killed} for day, counts in tolls.items()
                          for killed, n in counts.items() for _ in range(n)]).astype({"event_date": "datetime64[ns]"})
    assert words.heaps(frame) == [
        "35 events have exactly 3 killed, against 15 with 2 and 10 with 4 (30 of the 35 in the week of 3-9 March "
        "2025; outside that week, 5 with 3 killed, against 11 with 2 and 4 with 4, no heap: the heap is that week's)"]


def test_what_a_heap_means_is_said_only_of_a_heap_that_neither_acleds_rule_nor_one_week_explains():
    # "these tolls are less sure than the rest" was said of a heap made by ACLED's placeholder tolls, casting doubt
    # on the tolls the sources reported
    def frame(counts: dict[str, dict[int, int]], rule: int = 0) -> pd.DataFrame:
        rows = [{"event_date": day, "fatalities": killed, "notes": ""} for day, tolls in counts.items()
                for killed, n in tolls.items() for _ in range(n)]
        out = pd.DataFrame(rows).astype({"event_date": "datetime64[ns]"})
        threes = out.index[out["fatalities"] == 3][:rule]
        out.loc[threes, "notes"] = "Fatalities unknown; coded as 3."
        return out

    spread = {f"2025-0{m}-05": {2: 4, 3: 12, 4: 3} for m in range(1, 5)}  # 48 with 3 against 16 and 12, every month
    assert words.heap_line(frame(spread)).endswith("these tolls are less sure than the rest.")
    assert words.heap_sentence(frame(spread)).endswith(f"{words.HEAP_MEANING}.")
    by_rule = frame(spread, rule=30)  # 30 of the 48 set by rule: 18 left, no heap beside 16 and 12
    line = words.heap_line(by_rule)
    assert "without them, 18 with 3 killed, against 16 with 2 and 12 with 4: no heap beyond ACLED's rule" in line
    assert "less sure" not in line and words.HEAP_MEANING not in words.heap_sentence(by_rule)
    assert words.heap_line(frame(spread, rule=5)).endswith("these tolls are less sure than the rest.")  # still a heap


def test_the_outlets_table_says_when_every_outlet_reports_the_most_in_one_period(tmp_path):
    # on a phone the table of outlets per month becomes a card per outlet, and its point, every outlet jumping in
    # the month of a week that may be one batch, could not be seen
    import re

    story = run(tmp_path, batch_rows())
    note = story.outlets_over_time_note()
    found = re.search(r"Every outlet reports the most in February 2025: (\d+) to (\d+) events each, against at most "
                      r"(\d+) in any other month; that month holds the week of 10-16 February 2025, which may be one "
                      r"batch of coding\.$", note)
    assert found, note
    low, high, other = map(int, found.groups())
    events = story.facts.events
    february = events[(events["event_date"] >= "2025-02-01") & (events["event_date"] <= "2025-02-28")]
    per_outlet = february["source"].value_counts()
    assert (low, high) == (per_outlet.min(), per_outlet.max()) and other * 2 <= low
    (tmp_path / "plain").mkdir()
    plain = run(tmp_path / "plain", batch_rows(threes=0, pairs=0, new="New Daily"))
    assert "Every outlet reports the most" not in plain.outlets_over_time_note()


def test_the_chart_of_killed_per_attack_draws_apart_the_part_of_each_bar_a_week_that_may_be_a_batch_makes(
        tmp_path, close_figures):
    # the bar of 3 killed towered over its neighbours with nothing on the chart saying most of it was one week's
    import matplotlib.pyplot as plt

    import analysis
    from analysis.viz.figures import key_of

    story = run(tmp_path, batch_rows())
    start, end, words = story.casualties_within()
    assert (start, end) == (pd.Timestamp("2025-02-10"), pd.Timestamp("2025-02-16"))
    assert words == "in the week of 10-16 February 2025, which may be one batch of coding"
    data = story.data
    ax = analysis.plot_attack_casualties(data.events, kinds=data.selection, what="attacks",
                                         within=story.casualties_within(), ax=plt.figure().gca())
    assert key_of(ax)["form"] == "distribution"  # the form that draws a part of its bars apart
    attacks = data.events[data.selection(data.events)]
    week = attacks["event_date"].between(start, end)
    drawn = sorted(round(p.get_height()) for p in ax.patches if p.get_gid() == "within")
    assert sum(drawn) == int(week.sum()) and drawn
    assert f"events {words}" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert Story(notebook_data()).casualties_within() is None  # the coded data: no batch


def test_the_deadliest_events_named_say_how_many_fall_in_the_week_that_may_be_one_batch(tmp_path):
    """A list of the deadliest events presented that week's events as the conflict's deadliest without a word."""
    rows = batch_rows()
    batch = next(k for k, row in enumerate(rows) if row["event_date"] >= "2025-02-10")
    rows[batch]["fatalities"], rows[0]["fatalities"] = "9", "8"  # the deadliest in the week, the next in January
    said = run(tmp_path, rows).timeline()
    assert "  - 9 killed in Town 5-0 on 10 Feb 2025" in said and "  - 8 killed in Town 0-0 on 6 Jan 2025" in said
    assert ("- The deadliest of the two named falls in the week of 10-16 February 2025, which may be one batch of "
            "coding.") in said
    rows[0]["fatalities"] = "0"  # the deadliest alone named
    (tmp_path / "one").mkdir()
    assert "- The one named falls in the week of 10-16 February 2025" in run(tmp_path / "one", rows).timeline()
