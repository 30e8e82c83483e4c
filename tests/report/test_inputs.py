"""The notebooks' inputs: the coded documents or an ACLED file, in a window and an area."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from acled_files import write_acled, write_acled_events

from analysis.errors import DataError
from analysis.io.acled import load_acled
from analysis.report.checks import advice, check_run, write_dropped
from analysis.report.inputs import (
    DROPPED_FILE,
    compared_export,
    named_outlets,
    notebook_data,
    read_checked,
    write_checked,
)
from analysis.report.options import CHECKED, COMPARE_CHECKED, OptionError
from analysis.report.story import Story
from analysis.stats.tables import events_table
from analysis.stats.targets import target_mask
from analysis.text import markdown_text


def test_notebook_data_selects_the_window_in_every_table():
    data = notebook_data(start="2020-03-01", end="2020-03-31")
    assert data.coded and data.place_column == "base_id"
    assert (data.events["date_end"] >= pd.Timestamp("2020-03-01")).all()
    assert set(data.casualties["event_id"]) <= set(data.events["event_id"])
    assert set(data.reports["event_id"]) == set(data.events["event_id"])
    assert data.summary().startswith(f"{len(data.events)} events from the 5 coded documents, 1 Mar 2020 to 31 Mar 2020")


def test_notebook_data_reads_an_acled_file(tmp_path):
    columns = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
               "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
               "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
               "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
               "fatalities", "tags", "timestamp"]
    row = ["IRQ1", "2020-03-11", "2020", "1", "Political violence", "Explosions/Remote violence",
           "Shelling/artillery/missile attack", "Unidentified Armed Group (Iraq)", "", "Political militia",
           "Military Forces of the United States", "", "External/Other forces", "Political militia-External/Other forces",
           "", "368", "Middle East", "Iraq", "Salah al-Din", "", "", "Taji", "33.52", "44.26", "1", "Reuters",
           "International", "Rockets hit <b>Taji</b>.", "3", "", "1600000000"]
    path = tmp_path / "export.csv"
    path.write_text(",".join(columns) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    data = notebook_data(str(path), area="iraq")
    assert not data.coded and data.place_column == "admin1" and data.casualties is None
    assert data.summary() == "1 event from the ACLED file export.csv, 11 Mar 2020 to 11 Mar 2020, in iraq."
    assert events_table(data.events)["documents"].tolist() == ["Reuters"]


def test_charts_name_their_source_and_state_findings_only_for_the_default_run(tmp_path):
    data = notebook_data()
    assert data.is_default
    with pytest.deprecated_call():
        assert data.default_run
    assert data.source_line == (
        "Source: news reports by Associated Press, Military Times, The Media Line and two by unnamed outlets, Feb-Jul 2020;"
        " coded by this project")  # the outlets named, from seeds/sources.csv
    assert data.headline("Attacks came in two bursts", "Attacks per week") == "Attacks came in two bursts"
    window = notebook_data(start="2020-03-01")
    assert not window.is_default
    assert window.headline("Attacks came in two bursts", "Attacks per week") == "Attacks per week"


def test_a_chart_of_some_events_names_only_the_reports_that_describe_them():
    """The attacks' charts: no attack is in one of the five reports, whose outlet their source line must not name."""
    data = notebook_data()
    attacks = data.events[data.selection(data.events)]
    describing = set(data.reports.loc[data.reports["event_id"].isin(attacks["event_id"]), "doc_id"])
    silent = data.sources[~data.sources["doc_id"].isin(describing)]
    assert describing and len(silent) and silent["outlet"].notna().all()
    line = data.source_line_of(attacks)
    assert line.startswith("Source: news reports by ") and line != data.source_line
    assert not [outlet for outlet in silent["outlet"] if outlet in line]
    assert data.source_line_of(attacks.iloc[:0]) == data.source_line_of(None) == data.source_line
    # rows of the reports' own (troop figures) name their reports by doc_id
    giving = data.sources[data.sources["doc_id"].isin(data.troop_levels["doc_id"])]
    assert len(giving) < len(data.sources)
    assert data.source_line_of(data.troop_levels).startswith(f"Source: news reports by {named_outlets(giving)}, ")




# --- TARGET: names searched as plain text ----------------------------------------------------------


def test_a_target_without_attacks_on_the_coded_data_counts_the_attacks_on_it():
    """The coded data's default attacks and a TARGET (a read-only mask under pandas 3 failed notebook 02)."""
    data = notebook_data(target="military forces of the UNITED STATES")
    events = data.events
    expected = events[(events["category"] == "militia attack")
                      & events["actor2"].str.casefold().str.contains("military forces of the united states", regex=False)]
    assert len(data.attacks) == len(expected) > 0
    assert data.attacks["event_id"].tolist() == expected["event_id"].tolist()
    assert not data.is_default


def test_every_page_follows_a_target_its_events_are_those_that_involve_it():
    from analysis.io.dataset import load_dataset

    every = load_dataset().events
    wanted = "military forces of the united states"
    involved = every[every[["actor1", "actor2"]].apply(lambda c: c.str.casefold().str.contains(wanted, regex=False))
                     .fillna(False).any(axis=1)]
    data = notebook_data(target="Military Forces of the UNITED STATES")
    assert 0 < len(data.events) < len(every)
    assert data.events["event_id"].tolist() == involved["event_id"].tolist()
    assert set(data.casualties["event_id"]) <= set(involved["event_id"])


def test_a_target_is_plain_text_never_a_pattern():
    """A pattern such as ``(\\w+\\s?)+$`` would match the second name, and takes exponential time on a name it misses."""
    name = "Unidentified Armed Group (Iraq) (a+)+$ and Allied Forces of the Western Coalition 2019-2021"
    events = pd.DataFrame({"actor2": [name, "a" * 88, "Police Forces of Iraq", None],
                           "assoc_actor_2": [None, None, "Militia (Iraq); Tribal Militia", "(a+)+$"]})
    assert target_mask(events, ["(a+)+$"]).tolist() == [True, False, False, True]
    assert target_mask(events, [r"(\w+\s?)+$"]).tolist() == [False] * 4
    assert target_mask(events, ["tribal militia", "POLICE"]).tolist() == [
        False, False, True, False]


@pytest.mark.parametrize("target", ["a|", "a||b", "a;", ";", " "])
def test_a_target_with_an_empty_name_is_refused(target):
    with pytest.raises(OptionError):
        notebook_data(target=target)


# --- the data checked once, before any notebook ----------------------------------------------------


def damaged_export(path, rows=30):
    """An ACLED export with two rows that break a rule: a 30 February, and a year that is not the event's."""
    write_acled(path, rows)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = re.sub(r'"(\d{4})-\d{2}-\d{2}"', r'"\1-02-30"', lines[3], count=1)
    lines[5] = re.sub(r",(\d{4}),", ",1999,", lines[5], count=1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_invalid_drop_keeps_the_valid_rows_and_counts_the_others(tmp_path):
    path = damaged_export(tmp_path / "damaged.csv")
    with pytest.raises(DataError, match="2 problems"):
        check_run({"DATA": str(path)}, tmp_path)
    run = check_run({"DATA": str(path), "INVALID": "drop"}, tmp_path)
    assert (run.events, run.dropped) == (28, 2)
    copy = Path(run.parameters[CHECKED])
    assert copy.parent == tmp_path and run.parameters["INVALID"] == "drop"
    data = notebook_data(str(path), invalid="drop", checked=copy)
    assert data.dropped == 2 and len(data.events) == 28
    assert data.summary().startswith("28 events from the ACLED file damaged.csv (2 invalid rows of the file left out)")
    read = notebook_data(str(path), invalid="drop")  # without the copy: the file itself, the same events
    assert read.dropped == 2 and read.events.equals(data.events)


def ambiguous_export(path, *, bad_id=False):
    """An ACLED export whose numeric dates cannot tell their order (no day above 12); ``bad_id``: a row without an id."""
    dates = ["02/03/2020", "07/03/2020", "11/04/2020", "03/05/2020"]
    return write_acled_events(path, [{"event_date": day, "year": "2020", **({"event_id_cnty": ""} if bad_id and n == 2
                                                                             else {})}
                                     for n, day in enumerate(dates)])


def refused(path, **parameters):
    """The loader's error for a run's DATA, and the report's advice for it (what `python -m analysis.report` adds)."""
    given = {"DATA": str(path), **parameters}
    with pytest.raises(DataError) as caught:
        check_run(given, path.parent)
    return str(caught.value), advice(caught.value, given)


def test_a_file_whose_dates_cannot_tell_their_order_is_read_as_dayfirst_says(tmp_path):
    path = ambiguous_export(tmp_path / "resaved.csv")
    message, said = refused(path)
    assert "is ambiguous" in message and "dayfirst=True (day first)" in message  # the loader's own words
    assert said == "--dayfirst true reads its dates day first, --dayfirst false month first"
    assert refused(path, INVALID="drop")[1] == said  # no "--invalid drop": no row is at fault
    run = check_run({"DATA": str(path), "DAYFIRST": "true"}, tmp_path)
    assert run.events == 4
    for given, first in [("true", "2020-03-02"), ("false", "2020-02-03"), (True, "2020-03-02")]:
        data = notebook_data(str(path), dayfirst=given)
        assert str(data.events["event_date"].min().date()) == first
    copy = notebook_data(str(path), dayfirst="true", checked=run.parameters[CHECKED])
    assert str(copy.events["event_date"].min().date()) == "2020-03-02"


def test_the_advice_names_invalid_drop_only_where_leaving_rows_out_helps_and_it_is_not_given(tmp_path):
    damaged = damaged_export(tmp_path / "damaged.csv")
    assert refused(damaged)[1] == "--invalid drop would leave out 2 rows that break a rule and keep 28 events"
    # the day order first: the row without an id is the next problem, which --invalid drop then leaves out
    path = ambiguous_export(tmp_path / "both.csv", bad_id=True)
    assert refused(path)[1].startswith("--dayfirst true")
    assert refused(path, DAYFIRST="false")[1] == "--invalid drop would leave out 1 row that breaks a rule and keep 3 events"
    with pytest.raises(DataError) as caught:
        check_run({"DATA": str(damaged)}, tmp_path)
    assert advice(caught.value, {"DATA": str(damaged), "INVALID": "drop"}) == ""  # given already
    # every row breaks a rule: leaving them out leaves nothing
    every = write_acled_events(tmp_path / "every.csv", [{"event_date": "2020-03-01", "event_id_cnty": ""}] * 2)
    assert refused(every)[1] == ""
    # problems of the whole file: not UTF-8, not an ACLED export
    latin = tmp_path / "latin.csv"
    latin.write_bytes(write_acled(latin, 5).read_bytes().replace(b"Somalia", "Somalia \xe9".encode("latin-1"), 1))
    other = tmp_path / "other.csv"
    other.write_text("id,date,place,killed\n1,2020-03-01,Taji,2\n", encoding="utf-8")
    for path in (latin, other):
        message, said = refused(path)
        assert said == "" and (", line 2, " in message and "0xE9" in message or "is not an ACLED export" in message), message


def test_the_advice_of_invalid_is_for_the_file_of_data_alone(tmp_path):
    """INVALID does not read the export of COMPARE (DAYFIRST does: test_the_export_to_compare_with_reads_its_dates_...)."""
    damaged = damaged_export(tmp_path / "damaged.csv")
    with pytest.raises(DataError) as caught:
        check_run({"COMPARE": str(damaged)}, tmp_path)
    assert advice(caught.value, {"COMPARE": str(damaged)}) == ""
    assert advice(caught.value, {"DATA": str(write_acled(tmp_path / "good.csv", 5)), "COMPARE": str(damaged)}) == ""


def test_invalid_drop_is_said_on_every_pages_dateline_and_the_rows_are_listed(tmp_path):
    path = damaged_export(tmp_path / "dam*aged_[x].csv")
    run = check_run({"DATA": str(path), "INVALID": "drop"}, tmp_path)
    assert list(run.dropped_rows["line"]) == [4, 6] and list(run.dropped_rows.columns[:3]) == ["line", "reasons",
                                                                                               "event_id_cnty"]
    assert "'2025-02-30' is not a real day" in run.dropped_rows["reasons"].iloc[0]
    written = write_dropped(run.dropped_rows, tmp_path)
    assert written.name == DROPPED_FILE and pd.read_csv(written)["line"].tolist() == [4, 6]
    assert write_dropped(None, tmp_path / "none") is None
    story = Story(notebook_data(str(path), invalid="drop", checked=run.parameters[CHECKED]))
    said = (" 2 rows of dam*aged_[x].csv could not be read as events (a value missing, or not written as ACLED "
            "writes it) and are left out of every count; dropped.csv, beside this report, lists each with its line "
            "and why.")
    # what can still be read of them: a 30 February is no day; the other row's date reads, its year does not agree
    read = (" What can still be read of them: line 4: a protest with intervention in Region D (Somalia), Protesters "
            "(Somalia), no date that reads, 0 killed; line 6: a shelling/artillery/missile attack in Region A "
            "(Somalia), Al Shabaab against Civilians (Somalia), 3 Oct 2025, 0 killed.")
    # the map's page: the region the row whose date reads is in, with it
    region = story.facts.areas("admin1").set_index("admin1")["events"].get("Region A")
    # the sources' page: the outlet of the row whose date reads (the other's does not: no run would count it)
    outlet = story.facts.sources_table.set_index("source")["events"].get("Delta Observer")
    more = {"posture": f" With them, Region A would count at least {region + 1} events ({region} without them).",
            "sources": f" With them, Delta Observer would count at least {outlet + 1} events ({outlet} without them)."}
    for page in ("timeline", "attacks", "posture", "sources"):
        line = story.dateline(page)
        assert line.text.endswith(said + read + more.get(page, "")), page  # the index opens with the first page's
        assert line.markdown.endswith(
            f" 2 rows of {markdown_text(path.name)} could not be read as events (a value missing, or not written as "
            "ACLED writes it) and are left out of every count; [dropped.csv](dropped.csv), beside this report, lists "
            "each with its line and why." + read + more.get(page, "") + "*")  # a link
        start = line.text.index("dropped.csv")
        assert line.links == ((start, start + len("dropped.csv")),)  # where the index links it
    assert "dam\\*aged\\_\\[x\\]" in markdown_text(path.name)  # the file's name is text
    one = damaged_export(tmp_path / "one.csv")
    one.write_text(one.read_text(encoding="utf-8").replace(",1999,", ",2025,"), encoding="utf-8")
    assert (" 1 row of one.csv could not be read as an event (a value missing, or not written as ACLED writes it) and "
            "is left out of every count; dropped.csv, beside this report, lists it with its line and why. What can "
            "still be read of it: a protest with intervention in Region D (Somalia), Protesters (Somalia) (line 4: no date "
            "that reads, 0 killed).") in Story(notebook_data(str(one), invalid="drop")).dateline("timeline").text
    assert "left out" not in Story(notebook_data(str(write_acled(tmp_path / "whole.csv", 5)))).dateline("timeline").text


def test_the_export_to_compare_with_is_checked_once_and_kept_for_its_page(tmp_path):
    path = write_acled(tmp_path / "export.csv", 25)
    run = check_run({"COMPARE": str(path)}, tmp_path)
    copy = Path(run.parameters[COMPARE_CHECKED])
    assert copy.parent == tmp_path and CHECKED not in run.parameters and run.events > 25  # the coded events' count
    assert compared_export(str(path), copy).equals(load_acled(path))
    assert compared_export(str(path)).equals(load_acled(path))  # without the copy: the file itself
    with pytest.raises(DataError, match="2 problems"):  # a damaged export is refused before any notebook runs
        check_run({"COMPARE": str(damaged_export(tmp_path / "damaged.csv"))}, tmp_path)
    with pytest.raises(OptionError, match="does not apply to --data"):
        check_run({"DATA": str(path), "COMPARE": str(path)}, tmp_path)
    with pytest.raises(OptionError, match="COMPARE: give the path of an ACLED export"):
        compared_export(None)


def test_the_checked_copy_holds_the_loaders_frame_and_names_its_source(tmp_path):
    path = write_acled(tmp_path / "export.csv", 25)
    events = load_acled(path)
    copy = write_checked(events, tmp_path / "copy.arrow", source=path)
    again, dropped, _ = read_checked(copy, path)
    assert dropped == 0 and again.equals(events) and (again.dtypes == events.dtypes).all()
    other = write_acled(tmp_path / "other.csv", 25)
    with pytest.raises(ValueError, match="is not the checked copy of"):
        read_checked(copy, other)
    write_acled(path, 26)  # the file changed since it was checked
    with pytest.raises(ValueError, match="set CHECKED = None"):
        read_checked(copy, path)
    copy.unlink()  # an executed notebook run again by hand, after its build ended
    with pytest.raises(ValueError, match="no such file .a build removes its copy when it ends.; set CHECKED = None"):
        notebook_data(str(path), checked=copy)


@pytest.mark.parametrize(("parameters", "message"), [
    ({"AREA": "Bagdad"}, "AREA: 'Bagdad' matches no governorate (admin1) or country of the data; did you mean 'Baghdad'?"),
    ({"AREA": "Baghdad;Kirkuk;Basra;Narnia"}, "AREA: 'Basra' matches no governorate (admin1) or country of the data"
                                               "; the same for 'Narnia'; allowed: "),
    ({"TARGET": "Militry Forces of the United States"}, "TARGET: 'Militry Forces of the United States' matches no "
     "actor2 or assoc_actor_2 of the data; did you mean 'Military Forces of the United States'"),
    ({"ATTACKS": "Chemical weapon"}, "ATTACKS: 'Chemical weapon' matches no event type, sub-event type or category"),
])
def test_a_name_that_matches_nothing_is_refused_with_the_closest_names(tmp_path, parameters, message):
    with pytest.raises(OptionError) as caught:
        check_run(parameters, tmp_path)
    assert str(caught.value).startswith(message)
    assert not list(tmp_path.iterdir())


def test_names_that_match_pass_and_the_coded_data_need_no_copy(tmp_path):
    run = check_run({"AREA": "baghdad;Al Anbar", "TARGET": "United States", "ATTACKS": "US strike"}, tmp_path)
    assert CHECKED not in run.parameters and run.dropped == 0 and run.events > 40
    assert not list(tmp_path.iterdir())


def test_a_window_with_the_document_without_a_title_lists_it():
    from analysis.report.story import Story

    data = notebook_data(start="2019-12-01", end="2020-07-31")
    assert data.sources["title"].isna().any()  # document 004 has no title
    table = Story(data).sources_table
    # named as every table of the pages names a report, by outlet and date, which a report without a title has too
    from analysis.stats.evidence import document_names

    untitled = data.sources.loc[data.sources["title"].isna(), "doc_id"].astype("string")
    assert set(document_names(data.sources)[untitled]) <= set(table["source"])
    assert len(table) == len(data.sources)


def test_the_coded_reports_cover_their_scope_so_the_weeks_of_the_first_and_last_events_are_whole(new_axes):
    # the escalation chart hatched the week of the K-1 attack (its second-highest bar) and the last week of June as
    # "partial period: the data cover part of it": the reports cover those weeks whole
    import analysis
    from analysis.report import notebook_data
    from analysis.schema import SCOPE_START

    data = notebook_data()
    assert data.covered == (pd.Timestamp(SCOPE_START), data.sources["published_end"].max())
    window = notebook_data(start="2020-03-04", end="2020-03-20")
    assert window.covered == window.window  # a window's edges are the user's: its weeks there are partial
    escalation = analysis.escalation_per_period(data.events, freq="W", start=data.window[0], end=data.window[1],
                                                clip=True)

    def hatched(covered) -> int:
        ax = analysis.plot_escalation(escalation, covered=covered, ax=new_axes())
        return sum(1 for patch in ax.patches if patch.get_gid() == "partial")

    assert hatched(data.covered) == 0 and hatched(data.window) > 0


def test_the_escalation_score_counts_the_confrontation_selected_once_for_its_chart_table_and_words():
    from analysis.report.words.facts import Facts
    from analysis.report.words.timeline import peak_span, rules_table
    from analysis.stats.escalation import escalation_per_period

    data = notebook_data()
    scored = data.escalation_events
    assert data.escalation_events is scored  # selected once, then kept
    assert "EV022" in set(data.events["event_id"]) and "EV022" not in set(scored["event_id"])
    assert len(scored) == len(data.events) - 1
    facts = Facts(data)
    weekly = facts.escalation.set_index("period_start")
    pd.testing.assert_frame_equal(facts.escalation, escalation_per_period(
        scored, freq="W", start=data.window[0], end=data.window[1], clip=True, dates="range"))
    # the Marine killed fighting ISIS, 1-10 March, no longer scores the week of 2-8 March (7 of his 10 days)
    assert weekly.loc[pd.Timestamp("2020-03-02"), ["scored", "conflict", "escalation"]].tolist() == [0, 0, 0]
    assert weekly.loc[pd.Timestamp("2020-02-24"), "escalation"] == 0
    # the rules table counts the same events: no armed clash is scored
    rules = rules_table(facts)
    assert rules["events"].sum() == len(scored) and "Armed clash" not in set(rules["sub_event_type"])
    assert peak_span(facts, "escalation")[0] is scored
    assert facts.left_out_of_escalation["event_id"].tolist() == ["EV022"]


def test_an_acled_run_scores_every_event_as_before(tmp_path):
    from analysis.report.words.facts import Facts
    from analysis.report.words.timeline import sections
    from analysis.stats.escalation import escalation_per_period

    data = notebook_data(str(write_acled(tmp_path / "export.csv", 300)))
    assert data.escalation_events is data.events  # nothing selected away: the same frame
    facts = Facts(data)
    unselected = escalation_per_period(data.events, freq=facts.period("weekly", "W"), start=data.window[0],
                                       end=data.window[1], clip=True, dates=data.date_rule)
    assert (unselected["escalation"] > 0).any()
    pd.testing.assert_frame_equal(facts.escalation, unselected)
    words = sections(facts)
    assert facts.left_out_of_escalation.empty
    assert "Islamic State" not in words["escalation"]() and "confrontation" not in words["scoring"]()


def test_the_events_the_score_leaves_out_are_named_as_text():
    from helpers_events import make_events

    from analysis.report.inputs import NotebookData
    from analysis.report.words.facts import Facts
    from analysis.report.words.timeline import sections
    from analysis.text import markdown_text

    hostile = "Marine <b>killed</b> [x](https://evil.example) *ISIS*"
    events = make_events([
        {"date_start": "2020-03-11", "category": "militia attack"},
        {"date_start": "2020-03-01", "date_end": "2020-03-10", "category": "other violence", "event_type": "Battles",
         "sub_event_type": "Armed clash"},
        {"date_start": "2020-03-02", "category": "other violence", "event_type": "Battles",
         "sub_event_type": "Armed clash", "notes": "A clash with <i>ISIS</i> near [Mosul](https://evil.example)."},
    ]).assign(headline=["Rockets on Taji", hostile, None])
    data = NotebookData(events=events, coded=True, source_name="the coded documents", start=None, end=None, area=None)
    note = sections(Facts(data))["escalation"]()
    # the event without a headline is named by the first sentence of its notes, as the events table names it
    assert (f"here that leaves out two events, *{markdown_text(hostile)}* (event 2) and "
            f"{markdown_text('A clash with <i>ISIS</i> near [Mosul]')} (event 3). ") in note
    assert "<b>" not in note and "[x](https" not in note and "<i>" not in note and "*ISIS*" not in note
    assert Facts(data).escalation["conflict"].sum() == 10  # the militia attack alone


def test_the_export_to_compare_with_reads_its_dates_as_dayfirst_says(tmp_path):
    """DAYFIRST reads the export of COMPARE as it reads DATA: the build's checked copy and a page run by hand alike."""
    path = ambiguous_export(tmp_path / "resaved.csv")
    with pytest.raises(DataError, match="is ambiguous") as caught:
        check_run({"COMPARE": str(path)}, tmp_path)
    assert advice(caught.value, {"COMPARE": str(path)}) == (
        "--dayfirst true reads its dates day first, --dayfirst false month first")  # as for the file of DATA
    for given, first in [("true", "2020-03-02"), ("false", "2020-02-03")]:
        run = check_run({"COMPARE": str(path), "DAYFIRST": given}, tmp_path)
        copy = compared_export(str(path), run.parameters[COMPARE_CHECKED])
        assert str(copy["event_date"].min().date()) == first
        by_hand = compared_export(str(path), dayfirst=given)
        assert by_hand.equals(copy) and by_hand.equals(load_acled(path, dayfirst=given == "true"))
