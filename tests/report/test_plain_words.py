"""The coder's words as a reader reads them: reports by outlet and date, events by their number, points in words."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pandas as pd
import pytest
from report_support import document_cell

from analysis.report.passages import passages_html
from analysis.report.story import Story
from analysis.report.words import plain
from analysis.report.words.plain import POINT_WORDS, document_references, numbered, plain_notes, plain_notes_of
from analysis.report.words.sources import corroboration_table, disputes_table
from analysis.report.words.totals import totals_table
from analysis.schema import CLAIM_FIELDS
from analysis.stats.evidence import document_names, evidence_matrix, sources_table
from analysis.stats.selection import event_keys
from analysis.text import markdown_text
from analysis.viz.tables import as_table

#: What a reader must not meet in a page's body: an event's id, a row id of the totals, a document by its number.
CODER_WORDS = re.compile(r"\bEV\d+|\bRT\d+|[Dd]ocuments? \d{3}|\b(?:date_basis|date_start|event_date|claim_field|reported_totals)\b")

SOURCES = pd.DataFrame({
    "doc_id": ["000_a", "001_b", "002_c"], "outlet": [None, None, "Military <b>Times</b>"],
    "published_start": pd.to_datetime(["2020-03-29", "2020-04-01", "2020-03-16"]),
    "published_end": pd.to_datetime(["2020-03-29", "2020-04-30", "2020-03-20"]),
})


@pytest.fixture(scope="module")
def story():
    from analysis.report import notebook_data

    return Story(notebook_data())


def test_a_note_names_every_report_it_cites_by_outlet_and_date_and_every_event_by_number():
    note = ("Documents 000, 001 and 002 tell it; document 002's 'deadly'; 'near' (000); the same strike as EV003 "
            "(see date_basis); date_start is the first day (reports, claim_field date); in reported_totals (RT013).")
    assert plain_notes(note, SOURCES) == (
        "An unnamed outlet (29 Mar 2020), an unnamed outlet (Apr 2020) and Military <b>Times</b> (16-20 Mar 2020) "
        "tell it; Military <b>Times</b> (16-20 Mar 2020)'s 'deadly'; 'near' (unnamed outlet, 29 Mar 2020); the same strike as "
        "event 3 (see how the dates follow from the reports); the start date is the first day (claims on when); in "
        "the reported totals (on the attacks page).")


def test_acleds_geographic_precision_in_a_note_is_said_in_words():
    # "Coded at Baghdad (national institution, no place in the text), geo precision 3" was coder shorthand
    assert plain_notes("Coded at Baghdad (national institution, no place in the text), geo precision 3.", SOURCES) == (
        "Placed at Baghdad (national institution, no place in the text), a place known only to its region (ACLED's "
        "geographic precision 3).")
    assert "known only to be near the one named" in plain_notes("Coded at Taji, geo precision 2.", SOURCES)


def test_a_column_of_notes_is_written_as_each_note_alone_and_names_the_documents_once(monkeypatch):
    notes = ["Document 000 says so.", None, "As documents 001 and 002 say; see EV004.", "document 009 is not listed"]
    alone = [plain_notes(note, SOURCES) for note in notes]
    calls = []
    monkeypatch.setattr(plain, "document_names", lambda *a, **k: calls.append(k) or document_names(*a, **k))
    together = plain_notes_of(notes, SOURCES)
    assert [None if pd.isna(x) else x for x in together] == alone
    assert together.dtype == "string"
    assert len(calls) == 3  # its three forms, once each for the whole column, not once per note


def test_a_possessive_of_a_report_names_it_whole_as_every_other_form_does():
    # "Military Times's" and "the 29 Mar 2020 report's" named a report otherwise than its table, its dateline and
    # the sentence before (two reports of one outlet read the same; "report" hid that its outlet is unnamed): the
    # possessive is the whole name's ("the King of England's"), its 's after the brackets, never inside them
    note = "it takes document 002's 'retaliatory airstrikes' to be document 000's retaliation; against document 001's own reading"
    assert plain_notes(note, SOURCES) == (
        "it takes Military <b>Times</b> (16-20 Mar 2020)'s 'retaliatory airstrikes' to be an unnamed outlet "
        "(29 Mar 2020)'s retaliation; against an unnamed outlet (Apr 2020)'s own reading")
    assert plain_notes("Documents 000 and 002's words", SOURCES) == (
        "An unnamed outlet (29 Mar 2020) and Military <b>Times</b> (16-20 Mar 2020)'s words")


def test_a_publication_date_written_after_a_report_is_not_said_twice():
    # "Associated Press (6 Feb 2020) (6 February 2020, upper bound: its publication date)" said the date twice
    assert plain_notes("Document 000 (29 March 2020, upper bound: its publication date) reports it.", SOURCES) == (
        "An unnamed outlet (29 Mar 2020; upper bound: its publication date) reports it.")
    assert plain_notes("Document 002 (published 16 to 20 March 2020; upper bound its latest publication date) "
                       "and document 001 (published in April 2020) and document 000 (29 March 2020).", SOURCES) == (
        "Military <b>Times</b> (16-20 Mar 2020; upper bound its latest publication date) and an unnamed outlet "
        "(Apr 2020) and an unnamed outlet (29 Mar 2020).")
    # two reports that read the same keep their numbers apart, and the rest of the bracket its own
    twins = SOURCES.assign(published_start=pd.to_datetime(["2020-04-01"] * 3),
                           published_end=pd.to_datetime(["2020-04-30"] * 3), outlet=[None, None, "AP"])
    assert plain_notes("Document 001 (published April 2020; upper bound 30 April) says so.", twins) == (
        "An unnamed outlet (Apr 2020, no. 001; upper bound 30 April) says so.")
    # a date that is not the publication date stays, and so does a bracket that is no date
    assert plain_notes("document 000 (28 March 2020) and document 001 (EV030, EV032)", SOURCES) == (
        "an unnamed outlet (29 Mar 2020) (28 March 2020) and an unnamed outlet (Apr 2020) (event 30, event 32)")


def test_each_document_reads_the_same_in_its_tables_sentences_dateline_citations_and_charts(story):
    # one report was "outlet not named, 29 Mar 2020" in the tables, "the report of 29 Mar 2020" in the notes,
    # "the 29 Mar 2020 report's" as a possessive and "outlet not named (29 March 2020)" under each page's title
    data = story.data
    cells = sources_table(data.sources).set_index("number")["document"]  # the table of the reports (pages 01, 04)
    listed = story.dateline("sources").text.removesuffix(".").split(": ", 1)[1].split("; ")
    assert [document_cell(name) for name in listed] == cells.tolist()  # in order of publication
    cited = document_references(data.sources)  # under each quoted passage
    for number, cell in cells.items():
        said = plain_notes(f"as document {number} says", data.sources)
        assert said.startswith("as ") and document_cell(said[3:].removesuffix(" says")) == cell
        own = plain_notes(f"document {number}'s words", data.sources)
        assert own.endswith(")'s words") and document_cell(own.removesuffix("'s words")) == cell
        assert document_cell(cited[number]) == cell
    # the charts: the bars of the sources chart and the rows of the evidence heatmap
    assert set(story.facts.sources_table["source"]) == set(cells)
    assert set(evidence_matrix(data.reports, data.sources, data.events)["document"]) == set(cells)
    # the two reports whose texts name no outlet, in the words of the charts' source line
    assert (cells.str.startswith("unnamed outlet, ").sum() == 2
            and "The Media Line and two by unnamed outlets," in data.source_line)


def test_a_hostile_outlet_stays_text_in_every_form_of_a_documents_name(story):
    # the same value reaches a table (HTML), a dateline (Markdown), a citation under a passage (HTML) and a note
    hostile = "*x* <b>y</b> [z](https://evil.example)"
    data = replace(story.data, sources=story.data.sources.assign(
        outlet=story.data.sources["outlet"].replace("Associated Press", hostile)))
    number = data.sources.loc[data.sources["outlet"] == hostile, "doc_id"].item()
    cell, sentence = f"{hostile}, 6 Feb 2020", f"{hostile} (6 Feb 2020)"
    table = as_table(sources_table(data.sources))._repr_html_()
    assert html.escape(cell) in table and "<b>" not in table
    line = Story(data).dateline("sources")
    assert markdown_text(sentence) in line.markdown and sentence in line.text and "<b>" not in line.markdown
    told = set(data.reports.loc[data.reports["doc_id"] == number, "event_id"])
    passages = passages_html(data.events[data.events["event_id"].isin(told)].head(1), data.reports, data.sources)
    assert f'<p class="cite">{html.escape(sentence)}</p>' in passages and "<b>" not in passages
    note = as_table(pd.DataFrame({"note": [plain_notes(f"document {number[:3]}'s words", data.sources)]}))
    assert html.escape(f"{sentence}'s words") in note._repr_html_() and "<b>" not in note._repr_html_()


def test_the_table_of_reported_totals_is_named_in_words_with_or_without_a_row_id():
    assert plain_notes("the number of bases is in reported_totals.", SOURCES) == (
        "the number of bases is in the reported totals (on the attacks page).")


def test_a_coders_term_that_starts_a_sentence_is_written_with_a_capital():
    assert plain_notes("Their start is not given. event_date is that of the attack; see date_basis.", SOURCES) == (
        "Their start is not given. The date drawn on the timeline is that of the attack; see how the dates follow "
        "from the reports.")
    assert plain_notes("date_start is the first day", SOURCES) == "The start date is the first day"


def test_a_reference_the_sources_cannot_name_stays_as_written_and_a_missing_note_stays_missing():
    assert plain_notes("documents 000 and 007 agree", SOURCES) == "documents 000 and 007 agree"
    assert plain_notes("as document 001 says", None) == "as document 001 says"
    assert plain_notes(None, SOURCES) is None and pd.isna(plain_notes(pd.NA, SOURCES))
    # two unnamed reports of the same dates keep their numbers apart
    twins = SOURCES.assign(published_start=pd.to_datetime(["2020-04-01"] * 3),
                           published_end=pd.to_datetime(["2020-04-30"] * 3), outlet=[None, None, "AP"])
    assert plain_notes("documents 000 and 001", twins) == (
        "an unnamed outlet (Apr 2020, no. 000) and an unnamed outlet (Apr 2020, no. 001)")


def test_every_point_a_claim_can_be_about_is_said_in_words():
    assert set(POINT_WORDS) == set(CLAIM_FIELDS)
    assert all(words != point and "_" not in words for point, words in POINT_WORDS.items())


def test_a_table_shows_its_events_by_number_not_by_id():
    events = pd.DataFrame({"event_id": ["EV035", "EV003"]})
    listed = numbered(events, pd.DataFrame({"event_id": ["EV035", "EV009"], "what": ["a", "b"]}))
    assert listed.columns.tolist() == ["number", "what"]
    assert listed["number"].tolist()[0] == 35 and pd.isna(listed["number"].iloc[1])  # EV009 is not among the events
    kept = numbered(events, pd.DataFrame({"number": [7], "event_id": ["EV035"]}))
    assert kept.columns.tolist() == ["number"] and kept["number"].tolist() == [7]


def test_the_disputes_table_words_points_and_claims_and_shows_a_hostile_outlet_as_text():
    reports = pd.DataFrame({"event_id": ["EV7", "EV7"], "doc_id": ["000_a", "002_c"], "claim_field": ["reason"] * 2,
                            "claim_value": ["<i>rockets</i>", "as document 000 says"], "claimant": ["x", "y"],
                            "quote": ["..", ".."], "report_id": ["RP1", "RP2"]})
    events = pd.DataFrame({"event_id": ["EV7"], "headline": ["Rockets & <script>"]})
    table = disputes_table(reports, SOURCES.assign(title=None), events)
    assert table.columns.tolist() == ["number", "event", "point", "claim", "claimant", "document",
                                     "the claims"]
    assert table["point"].tolist() == ["why", ""]  # the point heads its first row
    assert table["claim"].tolist() == ["<i>rockets</i>", "as an unnamed outlet (29 Mar 2020) says"]
    page = as_table(table)._repr_html_()
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page
    assert "Rockets &amp; &lt;script&gt;" in page and "Military &lt;b&gt;Times&lt;/b&gt;" in page



def test_how_a_points_claims_differ_is_said_once_for_the_point_not_on_each_claim():
    """Rows that agree ("to protect against rocket attacks", "to defend against future rocket attacks") must not each
    read "contradict each other": the reading is the point's, said on its first row."""
    from analysis import load_reports, load_sources
    from analysis.stats.evidence import disputed_points, list_conflicts

    reports, sources = load_reports(), load_sources()
    table = disputes_table(reports, sources, pd.DataFrame({"event_id": reports["event_id"].unique(), "headline": "h"}))
    claims = list_conflicts(reports, sources).reset_index(drop=True)
    firsts = ~claims.duplicated(["event_id", "claim_field"])
    points = disputed_points(reports)
    assert len(table) == len(claims) and int(firsts.sum()) == len(points)
    assert (table.loc[firsts.to_numpy(), "the claims"] != "").all() and (table.loc[~firsts.to_numpy(), "the claims"] == "").all()
    assert (table.loc[~firsts.to_numpy(), ["event", "point"]] == "").all().all()
    # a point's claims are listed together, so its first row heads them all
    keys = list(zip(claims["event_id"], claims["claim_field"]))
    assert all(keys.index(key) == i or keys[i - 1] == key for i, key in enumerate(keys))
    said = table["the claims"].value_counts()
    assert said["contradict each other"] == int((points["difference"] == "contradict").sum())

@pytest.mark.slow
def test_the_default_run_body_tables_and_coding_notes_speak_no_coders_words(story):
    data = story.data
    keys = pd.Series(event_keys(data.events).to_numpy(), index=data.events["event_id"].to_numpy())
    tables = {"events": story.events_table(), "posture": story.posture_table(), "attacks": story.attacks_table(),
              "notes": story.coding_notes(), "posture notes": story.coding_notes("posture"),
              "disputes": disputes_table(data.reports, data.sources, data.events),
              "reports per event": corroboration_table(data.reports, data.sources, data.events),
              "totals": totals_table(data.reported_totals, data.sources)}
    for name, table in tables.items():
        assert "event_id" not in table.columns, name
        text = " ".join(table.astype("string").fillna("").to_numpy().ravel())
        assert not CODER_WORDS.search(text), (name, CODER_WORDS.search(text))
        if "number" in table.columns:
            assert set(table["number"]) <= set(keys), name
    assert tables["attacks"][["number", "attack"]].values.tolist()[0] == [
        1, "Militia rocket at K-1 base in Kirkuk kills American contractor"]
    assert "kind" not in tables["posture"].columns  # every row is a posture change
    assert tables["notes"]["number"].tolist() == tables["events"]["number"].tolist()
    assert tables["reports per event"][["number", "what"]].values.tolist()[2] == [
        3, "US strike kills Soleimani at Baghdad airport"]


def test_no_note_a_page_shows_sends_its_reader_to_the_projects_files():
    # "(see the Methods, docs/methods.md)" reached the pages: a reader of the report has no such file
    from analysis.report.inputs import notebook_data

    data = notebook_data()
    notes = [*data.events["notes"], *data.events["date_basis"], *data.reported_totals["date_basis"],
             *data.troop_levels["date_basis"]]
    said = [plain_notes(note, data.sources) for note in notes if isinstance(note, str)]
    assert not [note for note in said if "docs/" in note or ".md" in note]
    convention = [note for note in said if "1 March 2019 by convention" in note]
    assert convention and all('the first day of "the spring of 2019"' in note for note in convention)


def test_the_default_run_names_the_possible_days_of_the_events_whose_weekday_the_reports_give(story):
    # "6-27 Jun 2020" read as any day of three weeks, where the reports say "a Saturday" and the timeline ticks
    # four: every table, heading and map label names the days the timeline ticks
    from analysis._frames import day_numbers, weekday_days, weekday_numbers
    from analysis.stats.posture import base_posture
    from analysis.text import join_dates

    data = story.data
    events = data.events
    on, (event, day) = weekday_days(day_numbers(events["date_start"]), day_numbers(events["date_end"]),
                                    weekday_numbers(events))
    numbers = event_keys(events).to_numpy()[on]
    ticked = {int(numbers[k]): [] for k in event}
    for k, d in zip(event, day):
        ticked[int(numbers[k])].append(pd.Timestamp(int(d), unit="D"))
    said = {34: "13 or 20 Mar 2020", 45: "4, 11, 18 or 25 Jun 2020", 46: "6, 13, 20 or 27 Jun 2020",
            47: "6, 13, 20 or 27 Jun 2020"}
    # the days said are those ticked: their numbers, and their one month
    assert {n: [d.day for d in days] for n, days in ticked.items()} == {
        n: [int(d) for d in re.findall(r"\d+", text[:-5])] for n, text in said.items()}
    assert {n: {f"{d:%b %Y}" for d in days} for n, days in ticked.items()} == {n: {text[-8:]} for n, text in said.items()}
    table = story.events_table()
    assert dict(zip(table["number"], table["when"])).items() >= said.items()
    attacks = story.attacks_table()
    assert attacks.loc[attacks["number"] == 46, "when"].tolist() == [said[46]]
    corroborated = corroboration_table(data.reports, data.sources, events)
    assert dict(zip(corroborated["number"], corroborated["when"])).items() >= said.items()
    headings = passages_html(events[event_keys(events).isin([34, 46]).to_numpy()], data.reports, data.sources)
    assert "<h4>46 · Two Katyusha rockets fired at Camp Taji, no casualties (6, 13, 20 or 27 Jun 2020)</h4>" in headings
    assert "(13 or 20 Mar 2020)</h4>" in headings
    taji = base_posture(events, data.bases).query("name == 'Camp Taji'")["when"]
    assert join_dates(taji) == "11 Mar; 14 Mar; 6, 13, 20 or 27 Jun 2020"  # the map's label of the base


def test_the_five_reports_say_how_their_dates_are_known():
    """"unnamed outlet, Apr 2020" read as a date the report gives: the table of the reports says which dates are a
    date line's and which are inferred, in plain words (no "document 001")."""
    from analysis import load_sources
    from analysis.report.inputs import notebook_data
    from analysis.report.story import Story
    from analysis.stats.evidence import document_names

    sources = load_sources()
    table = Story(notebook_data()).reports_table()
    ordered = sources.sort_values(["published_start", "published_end", "doc_id"], kind="stable")
    assert table["document"].tolist() == document_names(ordered).tolist()
    known = table["how its dates are known"]
    assert not known.str.contains(r"document \d{3}|doc_id", regex=True).any()
    undated = known.str.startswith("No date in the text").to_numpy()
    assert 0 < undated.sum() < len(table)  # some carry a date line, some are dated by inference
    # a report dated by inference is given a span, never a single day it does not print
    spans = (ordered["published_end"] > ordered["published_start"]).to_numpy()
    assert (spans[undated]).all()


def test_a_tied_peak_is_named_whole_in_the_title_and_the_sentence_alike():
    """Two pages titled one of three tied weeks each as the peak, a different one on each: a tie of two or three
    periods is named whole, in the same words in a title and in a sentence; one period alone keeps its title."""
    from analysis.report.words.counting import peak_headline, tie_sentence

    mondays = pd.date_range("2020-06-01", periods=4, freq="7D")
    weekly = pd.DataFrame({"period_start": mondays, "period_end": mondays + pd.Timedelta(days=6),
                           "expected": [15.0, 15.0, 9.0, 15.0], "killed": [1.0, 2.0, 3.0, 0.0], "ranged": 0})
    title = peak_headline(weekly, "W", "events in Iraq", "event")
    assert title == "Events in Iraq peaked at 15 events in each of three weeks: 1-7, 8-14 and 22-28 June 2020"
    assert tie_sentence(weekly, "W", "event") == (
        "The peak is shared: 15 events in each of three weeks: 1-7, 8-14 and 22-28 June 2020.")
    assert peak_headline(weekly, "W", "deaths", "person killed", column="killed", plural="people killed") == (
        "Deaths peaked in the week of 15-21 June 2020: 3 people killed")
    assert tie_sentence(weekly, "W", "event", "killed") == ""
    # the note after the figure is said of the first tied week, whose new sources the chart marks: a count it gives
    # is one week's, as the figure before it
    spans = []
    peak_headline(weekly, "W", "events", "event", note=lambda start, end: spans.append((start, end)) or "")
    assert spans == [(mondays[0], mondays[0] + pd.Timedelta(days=6))]
    months = pd.DataFrame({"period_start": pd.to_datetime(["2020-06-01", "2020-07-01"]),
                           "period_end": pd.to_datetime(["2020-06-30", "2020-07-31"]), "expected": [36.0, 36.0],
                           "ranged": 0})
    assert peak_headline(months, "M", "attacks", "attack") == "Attacks peaked at 36 attacks in each of two months: June and July 2020"
