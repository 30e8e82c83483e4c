"""The words that describe the coded data's tables: how far counts are a floor, corroboration, disputes."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest
from helpers_events import make_table

import analysis
from analysis import schema
from analysis.report.words.sources import corroboration_sentence, disputes_sentence
from analysis.report.words.totals import count_floor_note
from analysis.stats.selection import is_militia_attack
from analysis.text import in_words


def test_the_old_public_names_of_the_sentences_lead_to_the_words_modules_with_a_warning():
    with pytest.warns(DeprecationWarning, match="analysis.report.words.totals.count_floor_note"):
        assert analysis.count_floor_note is count_floor_note
    with pytest.warns(DeprecationWarning, match="analysis.report.words.sources"):
        assert analysis.corroboration_sentence is corroboration_sentence and analysis.disputes_sentence is disputes_sentence


def test_the_corroboration_sentence_says_how_many_rest_on_one_report():
    reports = pd.DataFrame({"event_id": ["EV1", "EV1", "EV1", "EV2", "EV3", "EV3"], "doc_id": ["a", "b", "c", "a", "a", "b"]})
    assert corroboration_sentence(reports) == "Some events (1 of 3) rest on a single report; one is told by three."


def test_the_disputes_sentence_tells_one_report_quoting_sides_from_reports_that_differ():
    claims = [("EV1", "a", "status", "ended"), ("EV1", "a", "status", "not ended"),  # one report, two sides
              ("EV2", "a", "killed", "2"), ("EV2", "b", "killed", "3"),  # two reports
              ("EV3", "b", "actor", "x"), ("EV3", "c", "actor", "y"), ("EV4", "c", "actor", "z")]
    reports = pd.DataFrame(claims, columns=["event_id", "doc_id", "claim_field", "claim_value"]).assign(
        report_id=[f"RP{i}" for i in range(len(claims))], claimant="the article", quote="q")
    assert disputes_sentence(reports) == (
        "Three points are disputed: one within one report quoting several sides and two between reports.")
    assert disputes_sentence(reports[reports["event_id"] == "EV4"]) == "No point is disputed."


def test_the_floor_note_quotes_the_largest_reported_total_beyond_the_counts(attacks):
    totals = make_table(schema.REPORTED_TOTALS, [
        {"total_id": "RT1", "date_start": "2019-03-01", "date_end": "2020-03-20", "date_basis": "b",
         "measure": "rocket attacks", "actor": "Kata'ib Hezbollah", "count_low": 13, "count_high": None,
         "qualifier": "more than", "doc_id": "d", "quote": "over a dozen rocket attacks"},
        {"total_id": "RT2", "date_start": "2019-10-01", "date_end": "2019-11-30", "date_basis": "b",
         "measure": "air strikes", "actor": None, "count_low": 45, "count_high": 45, "qualifier": "exact",
         "doc_id": "d", "quote": "45 strikes"},
    ])
    # in the report's own words: "The reports also speak of more than 12 rocket attacks by Kata'ib Hezbollah (1 Mar
    # 2019 - 20 Mar 2020)" dropped the report's "is believed", spoke of one report as "the reports" and dated the
    # count by the coding's convention, which no page explains
    note = count_floor_note(attacks, totals, kinds=is_militia_attack)
    assert note == ("A floor: the 3 attacks described one by one, not every attack there was. One report counts more "
                    "that it does not list: \"over a dozen rocket attacks\"")
    unquoted = count_floor_note(attacks, totals.drop(columns="quote"), kinds=is_militia_attack)
    assert unquoted.endswith("The reports also speak of more than 12 rocket attacks by Kata'ib Hezbollah "
                             "(1 Mar 2019 - 20 Mar 2020) that they do not list.")
    assert count_floor_note(attacks, kinds=is_militia_attack) == "A floor: the 3 attacks described one by one, not every attack there was."


def test_every_page_opens_with_a_dateline_that_names_the_reports_outlets_and_dates():
    """The coded run's dateline names each report by outlet (or 'an unnamed outlet') and publication date, after
    the count that the hand-written title and question do not give (they give the months: no place and days again)."""
    from analysis.report.inputs import notebook_data
    from analysis.report.story import PAGES, Story

    story = Story(notebook_data())
    lines = {page: story.dateline(page) for page in PAGES}
    text = lines["timeline"].text
    assert text.startswith("48 events, from five news reports: ")
    for named in ("Associated Press (6 Feb 2020)", "Military Times (16-20 Mar 2020)",
                  "an unnamed outlet (29 Mar 2020)", "an unnamed outlet (Apr 2020)", "The Media Line (6 Jun - 3 Jul 2020)"):
        assert named in text
    assert "4 attacks" in lines["attacks"].text and lines["timeline"].markdown == f"*{text}*"


def test_the_posture_pages_dateline_counts_the_changes_its_table_lists():
    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    for data in (notebook_data(), notebook_data(start="2020-03-01", end="2020-04-30")):
        story = Story(data)
        listed = story.posture_table()
        assert len(listed) > 1
        assert f"{len(listed)} changes of posture" in story.dateline("posture").text


def test_the_troop_section_of_a_window_says_what_the_chart_draws():
    # the chart draws each statement over its own days and nothing between them: a statement carried in from before
    # the window is in the table, not on the chart, and a window with no statement of its own has an empty chart
    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    march = Story(notebook_data(start="2020-03-01", end="2020-03-31")).section("troops")
    assert "step" not in march and "nothing between them" in march
    assert "carried in); the chart, which shows the window's days only, does not draw it" in march
    assert march.endswith("No statement of force size falls in this window, so the chart is empty.")
    spring = Story(notebook_data(start="2020-02-01", end="2020-04-30")).section("troops")
    assert "carried in" not in spring and "empty" not in spring


def test_the_attack_words_of_a_window_do_not_say_an_attack_without_a_figure_killed_no_one():
    # in March 2020 the 11 March attack killed three and the 14 March attack has no figure for the killed (the table
    # says "not reported"): "2 attacks killed 3 people; 1 attack killed no one" misread both; and one week is one
    import analysis
    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story
    from analysis.report.words.attacks import killed_sentence

    data = notebook_data(start="2020-03-01", end="2020-03-31")
    story = Story(data)
    assert story.casualties().startswith(
        "**What it shows.** The 2 attacks killed 3 people (lowest figures the reports give); no one was reported "
        "killed in 1 attack, and none killed 10 or more.")
    weekly = analysis.attacks_per_period(data.events, freq=story.period("weekly", "W"), kinds=data.selection,
                                         start=data.window[0], end=data.window[1], clip=True, dates=data.date_rule)
    assert story.busiest_caption(weekly) == "The one week with any militia attacks."
    assert "All of them were at one base, Camp Taji." in story.attacks()  # a base, not a region: at, not in
    assert killed_sentence(3, 40, 0, 2, "rule") == "The 3 attacks killed 40 people (rule); 2 attacks killed 10 or more."
    assert killed_sentence(1, 3, 0, 0, "rule") == "The attack killed 3 people (rule)."
    assert killed_sentence(4, 0, 4, 0, "rule") == "No one was reported killed in the 4 attacks (rule)."


def test_a_windows_dateline_names_only_the_reports_its_events_rest_on():
    # no event of March 2020 rests on the Associated Press report of 6 February: the dateline named it all the same,
    # while the sources page said four reports support the window's events
    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    march = Story(notebook_data(start="2020-03-01", end="2020-03-31")).dateline("timeline").text
    assert march == ("From four of the five news reports: Military Times (16-20 Mar 2020); an unnamed outlet (29 Mar "
                     "2020); an unnamed outlet (Apr 2020); The Media Line (6 Jun - 3 Jul 2020).")
    june = Story(notebook_data(start="2020-06-01", end="2020-06-30")).dateline("timeline").text
    assert june == "From one of the five news reports: The Media Line (6 Jun - 3 Jul 2020)."


def test_a_pages_dateline_names_only_the_reports_that_tell_the_events_it_counts():
    # the attacks page named the Associated Press report, which tells none of the four attacks, and the posture page
    # The Media Line, which tells none of the changes of posture
    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    data = notebook_data()
    story = Story(data)
    outlets = dict(zip(data.sources["doc_id"], data.sources["outlet"].fillna("")))
    for page, events in (("attacks", story.facts.attacks), ("posture", data.events[data.events["category"] == "posture change"])):
        told = {outlets[doc] for doc in data.reports.loc[data.reports["event_id"].isin(events["event_id"]), "doc_id"]}
        line = story.dateline(page).text
        named = [outlet for outlet in ("Associated Press", "Military Times", "The Media Line") if outlet in line]
        assert named == [outlet for outlet in ("Associated Press", "Military Times", "The Media Line") if outlet in told]
        assert "of the five news reports" in line
    assert "Associated Press" not in story.dateline("attacks").text
    assert "The Media Line" not in story.dateline("posture").text


@pytest.mark.slow  # draws the chart of a window run (0.4 s)
def test_a_windows_sources_chart_names_the_reports_as_its_tables_do():
    # the chart named the reports by the coder's number and a cut title ("000: US consolidates troop presence in
    # Ir...") under the title "Outlets behind the most events", while every table says "unnamed outlet, 29 Mar 2020"
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    fig = Story(notebook_data(start="2020-03-01", end="2020-03-31")).plot_sources()
    try:
        ax = fig.axes[0]
        assert [label.get_text() for label in ax.get_yticklabels()][::-1] == [
            "unnamed outlet, 29 Mar 2020", "unnamed outlet, Apr 2020", "Military Times, 16-20 Mar 2020",
            "The Media Line, 6 Jun - 3 Jul 2020"]  # most events first: Military Times's forecasts of two are not counted
        assert ax.get_title(loc="left") == "Reports behind the most events"
    finally:
        plt.close(fig)


def test_a_coded_windows_timeline_note_says_every_event_is_labelled():
    # the coded events are all labelled with their headlines; the note said only the deadliest were
    import analysis
    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    data = notebook_data(start="2020-03-01", end="2020-03-31")
    note = Story(data).timeline_note()
    assert "Every event is labelled with its number and its headline;" in note and "the most people" not in note
    labels = analysis.event_labels(data.events, data.casualties, bases=data.bases, n=15, headlines=True)
    assert len(labels) == len(data.events) > 15


def test_the_deadliest_are_killed_at_a_base_and_in_a_place_that_is_not_one():
    from analysis.report.inputs import notebook_data
    from analysis.report.words.events import deadliest
    from analysis.report.words.facts import Facts
    events = pd.read_csv(resources.files("analysis") / "data" / "events.csv", dtype=str, keep_default_na=False)
    facts = Facts(notebook_data())
    sentence = deadliest(facts, facts.events, "events")[0]
    taji = events.loc[events["event_id"] == "EV023"].iloc[0]  # the deadliest attack, at a base
    assert taji["base_id"] and f"3 killed at {taji['location']} on 11 Mar 2020" in sentence
    soleimani = events.loc[events["event_id"] == "EV003"].iloc[0]  # at no base
    assert not soleimani["base_id"] and f"2 killed in {soleimani['location']} on 3 Jan 2020" in sentence


def test_the_methods_parts_close_their_pages_in_the_notebooks():
    """How a page counts in time is its methods part, after its findings and what the data cannot tell: the attacks
    page opened with it, before its first chart (the default run's certain/possible/expected, an ACLED run's
    counting rule), and the timeline page said it among the findings under its chart."""
    import json

    from analysis.report.execute import NOTEBOOK_DIR

    def sources(name: str) -> list[str]:
        cells = json.loads((NOTEBOOK_DIR / name).read_text(encoding="utf-8"))["cells"]
        return ["".join(cell["source"]) for cell in cells]

    def at(cells: list[str], start: str) -> int:
        return next(k for k, cell in enumerate(cells) if cell.startswith(start))

    attacks = sources("02-attack-frequency.ipynb")
    first_chart = at(attacks, "def count_weekly(events):")  # the weekly counts, then their chart
    assert at(attacks, "## ") > first_chart  # no section between the question and the first chart
    methods = at(attacks, "## Counting attacks known only to a range of dates")
    assert methods > at(attacks, "## What the five reports cannot tell") and methods > at(attacks, "tell(data, story.limits(")
    assert at(attacks, 'tell(data, story.section("counting"))') == methods + 1 == len(attacks) - 1
    timeline = sources("01-escalation-timeline.ipynb")
    dates = at(timeline, 'tell(data, story.section("dates"))')
    assert at(timeline, 'tell(data, story.section("coding"))') < dates < at(timeline, 'show(story.section("scoring"))')


def test_the_timeline_note_says_how_many_of_a_tie_too_large_to_label_whole_are_labelled():
    # "Labels name the events with the most people killed" while 5 of the 20 that killed the most had none
    from types import SimpleNamespace

    from helpers_events import make_events

    from analysis.report.words.timeline import labels_words
    from analysis.viz.timeline_labels import NAMED_EVENTS

    days = pd.date_range("2020-03-01", periods=NAMED_EVENTS + 5 + 10)
    events = make_events([{"date_start": day.strftime("%Y-%m-%d"), "fatalities": 6 if i < NAMED_EVENTS + 5 else 2}
                          for i, day in enumerate(days)])
    facts = SimpleNamespace(events=events, data=SimpleNamespace(casualties=None))
    words = labels_words(facts, "killed")
    assert words.startswith("Labels, each after its event's number, name the events with the most people killed")
    assert f"{NAMED_EVENTS} of the {NAMED_EVENTS + 5} events with 6 killed are labelled" in words
    # no tie split: no count
    few = SimpleNamespace(events=events.iloc[NAMED_EVENTS:], data=SimpleNamespace(casualties=None))
    assert "of the" not in labels_words(few, "killed")


def test_the_disputes_sentence_counts_what_the_evidence_chart_marks():
    """The sentence under the disputes table and the chart's marks tell the same points apart: those whose claims
    contradict each other (crossed) and those whose claims differ only in precision or wording, or can all hold."""
    data = analysis.load_dataset()
    conflicts = analysis.list_conflicts(data.reports)
    matrix = analysis.evidence_matrix(data.reports, data.sources, data.events)
    crossed = set(matrix.loc[matrix["disputed"], "event_id"])
    contradict = conflicts.loc[conflicts["difference"] == "contradict"]
    points = contradict.drop_duplicates(["event_id", "claim_field"])
    alike, hold = (conflicts.loc[conflicts["difference"].isin(kinds)].drop_duplicates(["event_id", "claim_field"])
                   for kinds in (["precision", "wording"], ["complement"]))
    assert crossed == set(contradict["event_id"])
    assert len(alike) and len(hold)
    assert f"on {in_words(len(points))} the claims contradict each other, on {in_words(len(alike))} they differ only " \
           f"in precision or wording, on {in_words(len(hold))} they differ but can all hold." in disputes_sentence(data.reports)


def test_the_timeline_note_explains_the_ticks_only_where_an_event_is_known_to_a_weekday():
    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    june = Story(notebook_data(start="2020-06-01", end="2020-06-30")).timeline_note()  # the Saturday attack
    march = Story(notebook_data(start="2020-01-01", end="2020-01-31")).timeline_note()  # no weekday named
    ticks = "where the reports name the weekday, it spans the range and ticks mark the only days"
    assert ticks in june and ticks not in march


#: A country name that is markup in Markdown, HTML and matplotlib alike.
HOSTILE_COUNTRY = "Iraq <b>country</b> $x^2$ [link](https://evil.example) _em_"


def test_the_killed_per_week_are_read_against_the_busiest_week_and_the_halves_of_the_window(tmp_path, close_figures):
    """A busy week of few killed early, a deadly week of fewer events late: the title names the deadly week, the
    findings say it was not the busiest and that the killed per event rose from the first half to the second,
    mostly in that one week; every figure as counted here by hand, and the hostile country kept as text."""
    import matplotlib.pyplot as plt
    from acled_files import write_acled_events

    import analysis
    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story
    from analysis.viz.literal import literal_text

    def on(day: str, killed: int, n: int) -> list[dict[str, str]]:
        return [{"event_date": day, "fatalities": str(killed), "country": HOSTILE_COUNTRY}] * n

    rows = (on("2025-01-06", 1, 30)  # the busiest week: 30 events, 30 killed
            + on("2025-06-10", 5, 20)  # the deadliest: 20 events, 100 killed
            + on("2025-06-29", 0, 4))  # the last week: events, no one killed
    data = notebook_data(str(write_acled_events(tmp_path / "weeks.csv", rows)))
    story = Story(data)
    assert data.place == HOSTILE_COUNTRY  # the place the title names, as typed
    title = story.chart_title("killed")
    assert title == (f"Deaths in battles and remote violence in {HOSTILE_COUNTRY} peaked in the week of 9-15 June "
                     "2025: 100 people killed")
    assert story.chart_subtitle("killed").startswith("People killed in battles and remote violence per week, Monday to "
                                                     "Sunday (ACLED's fatalities, the lowest figure reported)")
    text = story.killed_over_time()
    assert text == (
        "**What it shows.** The deadliest week, 9-15 June 2025, was not the busiest: 100 people killed in 20 attacks, "
        "while the busiest, 6-12 January 2025, had 30 attacks and 30 killed.\n\n"
        # 25 weeks, 6 January to 29 June: the first 13 and the last 12
        "- Killed per attack rose from 1 in the first half of the window (6 January - 6 April 2025: 30 killed in 30 "
        "attacks) to 4.2 in the second (7 April - 29 June 2025: 100 killed in 24 attacks); one week, 9-15 June 2025, "
        "holds 100 of the second half's 100 killed.")
    assert "country" not in text  # no name from the data in the findings
    # the chart's numbers are the page's: the same weeks as the events' chart, the total the casualties sentence says
    killed = analysis.killed_per_period(data.events, data.casualties, freq=story.period("weekly", "W"),
                                        kinds=data.selection, start=data.window[0], end=data.window[1],
                                        dates=data.date_rule)
    assert len(killed) == 25 and killed["killed"].sum() == 130
    assert "The 54 attacks killed 130 people" in story.casualties()
    # drawn, the title is text: matplotlib's markup escaped, not read
    fig, ax = plt.subplots()
    analysis.plot_killed_per_period(killed, ax=ax)
    analysis.headline(ax, title)
    (drawn,) = [t for t in fig.texts if t.get_gid() == "headline"]
    assert drawn.get_text().replace("\n", " ") == literal_text(title)
    # ten more events in the deadly week, no one killed in them: as busy as January's, and said so
    tied = notebook_data(str(write_acled_events(tmp_path / "tied.csv", rows + on("2025-06-11", 0, 10))))
    assert Story(tied).killed_over_time().startswith(
        "**What it shows.** The deadliest week, 9-15 June 2025, was one of the 2 busiest: 100 people killed in 30 "
        "attacks.")



def test_a_change_of_the_killed_per_event_that_one_week_makes_is_said_as_that_weeks(tmp_path):
    """2.6 killed per event against 1.5 read as lethality falling by two fifths, where one week made the whole
    difference: without it the halves are alike, and the sentence says so instead of "fell"."""
    from acled_files import write_acled_events

    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    def on(day: str, killed: int, n: int) -> list[dict[str, str]]:
        return [{"event_date": day, "fatalities": str(killed)}] * n

    mondays = [f"{day:%Y-%m-%d}" for day in pd.date_range("2025-01-06", periods=10, freq="7D")]
    rows = (on(mondays[0], 20, 10)  # one deadly week: 10 events, 200 killed
            + [row for day in mondays[1:] for row in on(day, 1, 10)])  # then 90 events, 1 killed each
    story = Story(notebook_data(str(write_acled_events(tmp_path / "one-week.csv", rows))))
    finding = story.killed_over_time().split("\n- ")[1]
    assert "fell" not in finding and "a difference that one week makes: 6-12 January 2025 holds 200 of the first " \
        "half's 240 killed; without it, 1 in the first half against 1 in the second." in finding
    assert finding.startswith("Killed per attack was 4.8 in the first half of the window")

def test_no_one_killed_is_said_under_the_chart_and_in_its_title(tmp_path):
    from acled_files import write_acled_events

    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story

    rows = [{"event_date": f"2025-03-{day:02d}", "fatalities": "0"} for day in (3, 4, 12)]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "calm.csv", rows))))
    assert story.chart_title("killed") == "No battles and remote violence in Iraq killed anyone, as ACLED codes them"
    assert story.killed_over_time() == ("**What it shows.** No one was reported killed in any week (ACLED's "
                                        "fatalities, the lowest figure reported).")


def test_the_killed_and_wounded_by_group_name_the_attacks_they_sum():
    """"Iraqi military, killed, 0" could not be traced to an attack: each row names its attacks by their numbers."""
    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story
    from analysis.stats.casualties import casualties_by_group

    story = Story(notebook_data())
    data = story.data
    table = story.groups_table()
    sums = casualties_by_group(data.events, data.casualties, kinds=data.selection)
    assert table[["group", "outcome", "count_low", "count_high"]].astype(str).values.tolist() == \
        sums[["group", "outcome", "count_low", "count_high"]].astype(str).values.tolist()
    attack_ids = set(data.events.loc[is_militia_attack(data.events), "event_id"])
    for (_, row), events in zip(table.iterrows(), sums["events"]):
        numbers = [int(n) for n in row["attacks"].split(", ")]
        assert len(numbers) == events and numbers == sorted(numbers)
        rows = data.casualties[(data.casualties["group"] == row["group"])
                               & (data.casualties["outcome"] == row["outcome"])
                               & data.casualties["event_id"].isin(attack_ids)]
        assert numbers == sorted({int(e.removeprefix("EV")) for e in rows["event_id"]})
    assert table.set_index(["group", "outcome"]).loc[("Iraqi military", "killed"), "attacks"] == "46"
    # the numbers of the attacks, not a count of them ("(#): 1" read as one attack on a phone's card)
    assert story.groups_headers()["attacks"] == "the attacks that give a figure, even 0, by number"


def test_the_disputes_sentence_counts_claims_that_can_all_hold_apart_from_contradictions():
    # the packaged readings: EV033's reasons complement each other, EV003's places differ only in precision; EV004's
    # two statuses are read by no one, so they contradict each other
    from analysis.stats.evidence import claim_readings

    readings = claim_readings()
    assert (readings[("EV033", "reason")], readings[("EV003", "location")]) == ("complement", "precision")
    assert ("EV004", "status") not in readings
    claims = [("EV033", "a", "reason", "planned"), ("EV033", "a", "reason", "threats"),
              ("EV003", "a", "location", "near"), ("EV003", "b", "location", "at"),
              ("EV004", "b", "status", "ended"), ("EV004", "c", "status", "not ended")]
    reports = pd.DataFrame(claims, columns=["event_id", "doc_id", "claim_field", "claim_value"]).assign(
        report_id=[f"RP{i}" for i in range(len(claims))], claimant="the article", quote="q")
    assert disputes_sentence(reports) == (
        "Three points have competing claims: one within one report quoting several sides and two between reports; on "
        "one the claims contradict each other, on one they differ only in precision or wording, on one they differ but "
        "can all hold.")
    assert disputes_sentence(reports[reports["event_id"] == "EV033"]).endswith("; on it, the claims differ but can all hold.")


def test_the_totals_table_gives_the_reports_words_and_how_they_are_read_not_a_count_called_worded():
    # "at least 2" stood under "as worded" for "repeatedly", "multiple" and "a frequent target"
    from analysis.report.inputs import notebook_data
    from analysis.report.words.totals import totals_table

    data = notebook_data()
    table = totals_table(data.reported_totals, data.sources)
    assert "as_worded" not in table.columns and {"quote", "bounds"} <= set(table.columns)
    repeatedly = table[table["quote"].str.contains("repeatedly")]
    assert len(repeatedly) == 1 and repeatedly["bounds"].item() == "2 or more"


def test_the_totals_of_the_confrontations_violence_are_a_table_apart_from_the_others():
    # half of the attacks page's 24 totals were about bases, requests and statements
    from analysis import schema
    from analysis.report.inputs import notebook_data
    from analysis.report.words.totals import TOTALS_CAPTIONS, totals_table

    assert tuple(TOTALS_CAPTIONS) == schema.TOTAL_KINDS  # a caption for each kind the data may hold, in its order
    data = notebook_data()
    violence, other = (totals_table(data.reported_totals, data.sources, about) for about in schema.TOTAL_KINDS)
    assert len(violence) + len(other) == len(data.reported_totals) and len(violence) and len(other)
    assert violence["measure"].str.contains("attack|rocket|killed").all()
    assert other["measure"].str.contains("bases|requests|warnings|statements|air strikes against IS").all()
    with pytest.raises(ValueError, match="use one of violence, other"):
        totals_table(data.reported_totals, data.sources, "attacks")


def test_a_runs_counts_per_period_are_computed_once_for_a_frame_and_again_for_another(monkeypatch):
    from analysis.report.inputs import notebook_data
    from analysis.report.words import facts as facts_module

    facts = facts_module.Facts(notebook_data())
    computed = []
    count = facts_module.per_period
    monkeypatch.setattr(facts_module, "per_period", lambda events, *a, **k: computed.append(len(events)) or count(events, *a, **k))
    weekly = facts.per_period("W", facts.attacks)
    assert facts.per_period("W", facts.attacks) is weekly and computed == [len(facts.attacks)]
    copy = facts.attacks.copy()  # the same rows in another frame: counted for itself
    assert facts.per_period("W", copy).equals(weekly) and len(computed) == 2
    monthly = facts.per_period("M", facts.attacks)
    assert len(computed) == 3 and not monthly.equals(weekly)
    assert facts.per_period("W") is facts.per_period("W", facts.events) and len(computed) == 4
    assert facts.per_period("W")["expected"].sum() == pytest.approx(len(facts.events))  # every event, whole or in parts


def test_the_totals_name_an_attacker_no_report_names_in_the_passages_words():
    # "by whom: Unidentified Armed Group (Iraq)", then "armed groups not named (Iraq; ACLED's Unidentified Armed
    # Group)", stood beside passages saying "Iranian-backed militias" or "pro-Iranian groups"
    from analysis.report.inputs import notebook_data
    from analysis.report.words.totals import TOTALS_CAPTIONS, totals_caption, totals_table

    data = notebook_data()
    totals = data.reported_totals
    table = totals_table(totals, data.sources)
    unnamed = (totals["actor"].astype("string") == "Unidentified Armed Group (Iraq)").sum()
    assert not table["actor"].str.contains("Unidentified|ACLED").fillna(False).any()
    chosen = table["actor"].str.endswith("not named").fillna(False).to_numpy(dtype=bool)
    assert chosen.sum() == unnamed > 3
    said = dict(zip(table.loc[chosen, "quote"], table.loc[chosen, "actor"]))
    # a passage that describes the attackers gives the words; one that does not, none of its own
    assert said["Just before the talks began, pro-Iranian groups began lobbing rockets once again."] == (
        "pro-Iranian groups, not named")
    iranian = [actor for quote, actor in said.items() if quote.startswith("Iranian-backed militias have launched")]
    assert iranian == ["Iranian-backed militias, not named"]
    assert said["Most of the attacks have caused little damage and no casualties."] == "armed groups not named"
    for quote, actor in said.items():  # every word before "not named" is the passage's own
        assert actor == "armed groups not named" or actor.removesuffix(", not named") in quote
    # ACLED's actor is said once, in the caption of the table that lists it, with what the column's words stand for:
    # "armed groups not named" is no passage's wording, and the caption says which cells are (it said they all were)
    caption = totals_caption(totals, "violence")
    assert ("\"Not named\": attackers no report names, in the passage's own words where it describes them "
            "(\"Iranian-backed Shiite militias, not named\"), else \"armed groups not named\"; coded with ACLED's actor "
            "Unidentified Armed Group (Iraq).") in caption
    assert totals_caption(totals, "other") == TOTALS_CAPTIONS["other"]


def test_the_totals_say_not_said_where_no_actor_is_coded_and_keep_a_passages_hedge():
    # three cells were blank beside "armed groups not named"; "Kata'ib Hezbollah" stood for "is believed to be
    # responsible"
    from analysis.report.inputs import notebook_data
    from analysis.report.words.totals import NOT_SAID, totals_caption, totals_table

    data = notebook_data()
    totals = data.reported_totals
    table = totals_table(totals, data.sources, "violence")
    blank = totals.loc[totals["about"] == "violence", "actor"].isna().sum()
    assert blank == 3 and (table["actor"] == NOT_SAID).sum() == blank and table["actor"].notna().all()
    believed = table.loc[table["quote"].str.contains("is believed to be responsible"), "actor"].tolist()
    assert believed == ["Kata'ib Hezbollah (believed responsible)"]
    firm = table.loc[table["quote"].str.contains("died in American air strikes"), "actor"].tolist()
    assert firm == ["Military Forces of the United States"]  # no hedge in the passage, none added
    caption = totals_caption(totals, "violence")
    assert "\"believed responsible\", in brackets: the passage's own hedge on who did it." in caption
    assert caption.endswith("\"Not said\": the passage does not say by whom, and no actor is coded.")
    assert "Not said" not in totals_caption(totals, "other")  # every total of the other table names its actor


@pytest.mark.parametrize(("actor", "quote", "said"), [
    ("Kata'ib Hezbollah", "The militia group is believed\nto be responsible for attacks", "Kata'ib Hezbollah (believed responsible)"),
    ("A <b>$x$</b> group", "They are SUSPECTED to have fired", "A <b>$x$</b> group (suspected)"),
    ("Government of Iraq", "Baghdad has repeatedly warned the United States", "Government of Iraq"),
    ("Government of Iraq", "Officials believed the talks would go on", "Government of Iraq"),  # no "is believed to"
    (None, "rocket attacks", "not said"),
    ("  ", None, "not said"),
    ("Unidentified Armed Group (Iraq)", "Iranian-backed militias are believed to have fired",
     "Iranian-backed militias, not named (believed responsible)"),
])
def test_by_whom_is_no_surer_than_the_passage(actor, quote, said):
    from analysis.report.words.totals import by_whom

    assert by_whom(actor, quote) == said


def test_the_totals_caption_of_hostile_actors_reaches_the_page_escaped():
    from analysis.report.words.totals import totals_caption, totals_table
    from analysis.viz.tables import Table

    totals = pd.DataFrame({"measure": ["attacks"], "actor": ["<script>x</script>"], "count_low": [2],
                           "count_high": [None], "qualifier": ["at least"], "doc_id": ["000_a"],
                           "quote": ["<i>they</i> are said to fire"], "about": ["violence"],
                           "date_start": pd.to_datetime(["2020-03-11"]), "date_end": pd.to_datetime(["2020-03-29"])})
    table = totals_table(totals, None, "violence")
    assert table["actor"].tolist() == ["<script>x</script> (said to be responsible)"]
    page = Table(table[["actor"]], caption=totals_caption(totals, "violence"))._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt; (said to be responsible)" in page
    assert "\"said to be responsible\", in brackets" in totals_caption(totals, "violence")


@pytest.mark.parametrize(("quote", "said"), [
    ("Iran-backed Iraqi proxies\nfired two rockets", "Iran-backed Iraqi proxies, not named"),
    ("rockets fired by unknown assailants", "armed groups not named"),
    (None, "armed groups not named"),
])
def test_an_unnamed_attacker_is_said_in_its_passages_words_or_plainly(quote, said):
    from analysis.report.words.totals import unnamed_actor

    assert unnamed_actor(quote) == said
