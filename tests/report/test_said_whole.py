"""An ACLED run's words where the data are few: one region, two regions, a tie at the top, an unchanged rest, a new
source whose first report is before the peak it carries. Each test reads a tiny export (a few ms)."""

from __future__ import annotations

import pandas as pd
import pytest
from acled_files import write_acled_events

from analysis.report.inputs import notebook_data
from analysis.report.story import Story
from analysis.report.words.coverage import _one_outlet, new_source_note

#: One region, May-June 2020: Wire reports May; Local Network first reports on 2 June and carries the busiest week,
#: 22-28 June. Wire and Local Network report 7 events each, 6 of them alone.
ONE_REGION = ([("2020-05-04", "Wire"), ("2020-05-11", "Wire"), ("2020-05-18", "Wire"), ("2020-05-25", "Wire"),
               ("2020-06-02", "Local Network"), ("2020-06-09", "Wire"), ("2020-06-16", "Wire"),
               ("2020-06-17", "Local Network")]
              + [(f"2020-06-{day}", "Local Network") for day in (22, 23, 24, 25)] + [("2020-06-26", "Local Network; Wire")])


@pytest.fixture(scope="module")
def one_region(tmp_path_factory):
    events = [{"event_date": day, "source": source, "admin1": "Diyala", "fatalities": "2",
               "location": f"Town {k % 3}", "latitude": f"{33.7 + 0.1 * (k % 3):.1f}"}
              for k, (day, source) in enumerate(ONE_REGION)]
    path = write_acled_events(tmp_path_factory.mktemp("one") / "one.csv", events)
    return Story(notebook_data(str(path), start="2020-05-01", end="2020-06-30"))


@pytest.fixture(scope="module")
def two_regions(tmp_path_factory):
    """Three attacks in Duhok and three in Kirkuk, each killing 6, each in a week of its own."""
    events = [{"event_date": day, "admin1": region, "fatalities": "6"}
              for region, days in (("Duhok", ("2020-03-02", "2020-03-09", "2020-03-16")),
                                   ("Kirkuk", ("2020-03-23", "2020-03-30", "2020-04-06"))) for day in days]
    path = write_acled_events(tmp_path_factory.mktemp("two") / "two.csv", events)
    return Story(notebook_data(str(path)))


def test_one_region_is_named_not_called_the_most(one_region):
    lead = one_region.heading("posture").markdown
    assert "The 13 events took place in Iraq, all in Diyala (26 killed), at 3 places." in lead
    assert "the most" not in lead and "1 region" not in lead
    assert one_region.chart_title("where") == "All 13 events in Iraq were in Diyala"


def test_a_run_of_one_region_titles_its_map_by_its_places(tmp_path):
    """Where the run's area is its one region, the map's title does not say the region's events were in it."""
    events = [{"event_date": f"2020-05-{day:02d}", "admin1": "Diyala", "latitude": f"{33 + day / 10:.1f}"}
              for day in (4, 5, 6)]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "area.csv", events)), area="Diyala"))
    assert story.chart_title("where") == "The 3 events in Diyala took place at 3 places"


def test_the_change_of_one_region_is_said_once(one_region):
    text = one_region.where()
    assert "From May 2020 to June 2020, the two whole months of the window, the events in Diyala rose from 4 to 9." in text
    assert "rose most" not in text and "In all" not in text


def test_a_window_of_two_whole_months_is_not_called_their_last_two(one_region):
    """May and June are the window's only whole months: not "the last two", and their one change is no "largest"."""
    texts = [one_region.where(), one_region.timeline(), one_region.areas_note("admin1")]
    assert not any("last two" in text for text in texts)
    assert "From May 2020 to June 2020, the two whole months of the window, events rose from 4 to 9." in texts[1]
    assert "largest rise" not in texts[1]
    assert "then the events in May 2020 and June 2020, the two whole months of the window, and the change" in texts[2]
    from analysis.report.words.where import section

    assert section(one_region.facts).endswith(", and the change between the two whole months of the window.")


@pytest.mark.parametrize(("end", "said"), [("2020-06-15", "the window holds only one whole month"),
                                           ("2020-05-20", "the window holds no whole month")])
def test_a_window_of_fewer_than_two_whole_months_says_how_many_it_holds(tmp_path, end, said):
    events = [{"event_date": day, "admin1": "Diyala"} for day in ("2020-05-04", "2020-05-18", "2020-06-02")]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "short.csv", events)), start="2020-05-01", end=end))
    assert f"; {said}, so no change from one to the next is shown." in story.areas_note("admin1")
    assert "whole months" not in story.where() + story.timeline()
    from analysis.report.words.where import section

    assert "change" not in section(story.facts)  # no change is shown: the section does not promise one


def test_a_tie_at_the_top_of_the_outlets_is_said_whole(one_region):
    assert one_region.chart_title("sources").startswith("Local Network and Wire reported the most events")
    assert ("Local Network and Wire report the most, 7 events each (54% each), 6 of them alone each."
            in one_region.sources())


def test_a_peak_names_the_new_sources_first_day_unless_it_began_in_the_peak(one_region):
    facts, events = one_region.facts, one_region.facts.events
    assert one_region.chart_title("timeline") == (
        "Events in Iraq peaked in the week of 22-28 June 2020: 5 events; Local Network had begun reporting on "
        "2 June 2020")
    day = pd.Timestamp
    assert new_source_note(facts, events, day("2020-06-01"), day("2020-06-07")) == ", as a new source began reporting"
    assert new_source_note(facts, events, day("2020-06-01"), day("2020-06-30")) == ", as a new source began reporting"
    assert new_source_note(facts, events, day("2020-06-08"), day("2020-06-14")) == ""  # Wire's week
    # 22-25 June: four events, Local Network's alone; 22-26 June adds one that Wire reports too
    assert new_source_note(facts, events, day("2020-06-22"), day("2020-06-25")) == (
        "; all 4 from Local Network alone, which had begun reporting on 2 June 2020")
    assert new_source_note(facts, events, day("2020-06-22"), day("2020-06-26")) == (
        "; Local Network had begun reporting on 2 June 2020")


def test_two_regions_tied_are_named_with_their_count_once(two_regions):
    text = two_regions.attacks()
    assert "By region, the attacks were in Duhok and Kirkuk, 3 each." in text
    assert "the most attacks" not in text
    assert "Duhok" not in two_regions.chart_title("monthly")  # the findings name them, the title the peak alone
    assert two_regions.chart_title("weekly").startswith(
        "Battles and remote violence in Iraq: at most 1 attack in a week, in 6 weeks")


def test_the_most_killed_by_one_event_is_said_in_people(two_regions):
    from analysis.report.words.events import deadliest

    sentence = deadliest(two_regions.facts, two_regions.facts.events, "events")[0]
    assert sentence.startswith("6 events killed 6 people each, the most of any event; three of them, the first, the last and one between:\n  - 6 killed in ")


def test_the_fatalities_peak_says_its_unit(one_region):
    # "Fatalities peaked in the week of 4-10 May 2020: 12, in 3 events": a bare number after the colon
    assert "Fatalities peaked in the week of 22-28 June 2020: 10 killed, in 5 events" in one_region.timeline()


def test_a_tie_of_fatalities_is_said_in_people_killed():
    # "12 killed, in 3 events (as many in the week of 15-21 June 2020)" read as 3 events in June too
    from analysis.report.words.common import tie_note
    from analysis.stats.highlights import peak

    weeks = pd.DataFrame({"period_start": pd.to_datetime(["2020-05-04", "2020-06-15"]),
                          "period_end": pd.to_datetime(["2020-05-10", "2020-06-21"]),
                          "killed": [12.0, 12.0], "events": [3, 4], "expected": [3.0, 4.0], "ranged": [False, False]})
    assert tie_note(weeks, peak(weeks, "killed"), "killed") == " (as many killed in the week of 15-21 June 2020)"
    assert tie_note(weeks.assign(expected=[4.0, 4.0]), peak(weeks.assign(expected=[4.0, 4.0]))) == (
        " (as many in the week of 15-21 June 2020)")


def test_one_precision_for_every_event_is_said_as_such(one_region):
    # "Dates: known to the day 100% of the events"
    caveats = one_region.caveats()
    assert "- **Dates**: every event is known to the day." in caveats
    assert "- **Places**: every event is known to the place itself." in caveats


def _months(counts: dict[str, list[int]], months: tuple[str, str] = ("2025-05", "2025-06")) -> tuple:
    """Events of outlets in two months (``{outlet: [first, second]}``) and the change from the one to the other."""
    starts = [pd.Timestamp(f"{month}-01") for month in months]
    rows = [{"event_id": f"{outlet}{m}{k}", "source": outlet, "event_date": starts[m] + pd.Timedelta(days=9)}
            for outlet, pair in counts.items() for m, n in enumerate(pair) for k in range(n)]
    before, after = (sum(pair[i] for pair in counts.values()) for i in (0, 1))
    change = pd.Series({"direction": "rise" if after > before else "fall", "before": before, "after": after,
                        "change": after - before, "from_start": starts[0], "from_end": starts[0] + pd.offsets.MonthEnd(0),
                        "to_start": starts[1], "to_end": starts[1] + pd.offsets.MonthEnd(0)})
    return pd.DataFrame(rows), change


def test_an_outlets_change_says_plainly_whether_the_other_outlets_held():
    events, change = _months({"Wire": [30, 5], "Radio": [20, 20]})
    assert _one_outlet(events, change, "event") == (
        "Only Wire reported 30 of May 2025's events and 5 of June 2025's; without Wire, May and June 2025 both had "
        "20 events: the fall is one outlet's, and may be one of coverage.")
    events, change = _months({"Wire": [30, 5], "Radio": [20, 19]})
    assert _one_outlet(events, change, "event") == (
        "Only Wire reported 30 of May 2025's events and 5 of June 2025's; without Wire, 20 events in May 2025 and 19 "
        "in June 2025: the fall is one outlet's, and may be one of coverage.")
    events, change = _months({"Wire": [5, 30], "Radio": [1, 1]}, ("2024-12", "2025-01"))
    assert _one_outlet(events, change, "attack") == (
        "Only Wire reported 5 of December 2024's attacks and 30 of January 2025's; without Wire, December 2024 and "
        "January 2025 both had 1 attack: the rise is one outlet's, and may be one of coverage.")


def test_names_in_the_new_sentences_are_escaped(tmp_path):
    """A region and tied outlets named with Markdown's marks reach the sentences as text."""
    from analysis.text import markdown_text as md

    region, outlets = "*Diy_ala* [x](y)", ("<b>Wire</b>", "Radio *one*")
    events = [{"event_date": f"2020-0{month}-{day:02d}", "admin1": region, "source": outlets[k % 2]}
              for month in (5, 6) for k, day in enumerate((4, 11, 18, 25))]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "hostile.csv", events)),
                                start="2020-05-01", end="2020-06-30"))
    lead, sources = story.heading("posture").markdown, story.sources()
    assert f"all in {md(region)} (0 killed)" in lead and region not in lead
    assert f"{md(outlets[0])} and {md(outlets[1])} report the most, 4 events each" in sources
    assert outlets[0] not in sources and outlets[1] not in sources
    text = story.attacks()
    assert f"All of them were in one region, {md(region)}." in text and region not in text


def test_a_window_without_events_says_so_once_on_each_page_with_where_the_data_are(tmp_path):
    from analysis.report.story import PAGES
    from analysis.report.words.common import EMPTY_WINDOW

    events = [{"event_date": "2020-05-04", "admin1": "Diyala"}, {"event_date": "2020-06-02", "admin1": "Diyala"}]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "far.csv", events)), start="2021-01-01",
                                end="2021-02-01"))
    for page in PAGES:
        heading = story.heading(page)
        assert heading.card[EMPTY_WINDOW] is True, page
        lead = heading.markdown.split("\n\n", 1)[1]
        assert lead.count("in this window") == 1, (page, lead)  # not again for the forces, say
        assert lead.endswith("The file's events run from 4 May 2020 to 2 June 2020."), (page, lead)
    assert EMPTY_WINDOW not in Story(notebook_data(str(write_acled_events(tmp_path / "near.csv", events)))).heading(
        "posture").card


def test_a_deadliest_event_known_only_to_its_month_is_in_it_not_on_it(tmp_path):
    # "5 killed in Deir ez-Zor town 0 on Apr 2020" read as a typo: a day takes "on", a month "in"
    from analysis.report.words.events import deadliest

    events = [{"event_date": "2020-04-15", "time_precision": "3", "fatalities": "5", "location": "Town M"},
              {"event_date": "2020-03-02", "fatalities": "4", "location": "Town D"}]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "month.csv", events))))
    said = "\n".join(deadliest(story.facts, story.facts.events, "events"))
    assert "5 killed in Town M in Apr 2020 (" in said and "4 killed in Town D on 2 Mar 2020 (" in said


def test_the_events_without_a_new_outlet_keep_those_another_outlet_reports_too():
    """"Without Local Network, 11 events in July" counted the events Local Network reports with another outlet as lost,
    though they would be in the data without it, and the chart's hatched part (the events only it reports) said 15:
    the events without an outlet are all but those only it reports."""
    from analysis.report.words.coverage import events_without, without_sources

    events = pd.DataFrame({"event_id": ["a", "b", "c", "d"],
                           "source": ["Local Network", "Local Network; Rudaw", "Rudaw", "Local Network;Radio X"],
                           "event_date": pd.to_datetime(["2020-07-01", "2020-07-02", "2020-07-03", "2020-08-01"])})
    assert events_without(events, ["Local Network"])["event_id"].tolist() == ["b", "c", "d"]
    assert events_without(events, ["Local Network", "Radio X"])["event_id"].tolist() == ["b", "c"]
    assert without_sources(events, ["Local Network"], "2020-07-01", "2020-07-31") == 2
