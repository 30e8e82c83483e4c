"""The passages each event rests on: in context, cited, nothing of the report outside a cited paragraph, all escaped."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis.report.passages import event_passages, in_context, passages_html
from analysis.report.words.events import reader_sentence

DOCUMENT = ("A headline\n"
            "First fact. <script>alert(1)</script> rockets hit Camp Taji on Friday. Two soldiers died. More news.\n"
            "Please enter your comment!\n"
            "Another paragraph says the base was left. Nothing else.\n")


@pytest.fixture
def coded(tmp_path):
    (tmp_path / "doc_a.txt").write_text(DOCUMENT, encoding="utf-8")
    sources = pd.DataFrame({
        "doc_id": ["doc_a"], "file_name": ["doc_a.txt"], "sha256": [hashlib.sha256(DOCUMENT.encode()).hexdigest()],
        "title": ["Rockets & <b>bases</b>"], "outlet": [None],
        "published_start": pd.to_datetime(["2020-04-01"]), "published_end": pd.to_datetime(["2020-04-30"])})
    events = pd.DataFrame({
        "event_id": ["EV2", "EV1"], "category": ["posture change", "militia attack"], "sub_event_type": ["x", "y"],
        "event_type": ["Strategic developments", "Explosions/Remote violence"],
        "location": ["Camp <i>Taji</i>", "Camp Taji"],
        "date_start": pd.to_datetime(["2020-03-20", "2020-03-13"]), "date_end": pd.to_datetime(["2020-03-29", "2020-03-13"]),
        "event_date": pd.to_datetime(["2020-03-24", "2020-03-13"])})
    reports = pd.DataFrame({"event_id": ["EV1", "EV1", "EV2"], "doc_id": ["doc_a"] * 3,
                            "quote": ["<script>alert(1)</script> rockets hit Camp Taji", "rockets hit Camp Taji on Friday",
                                      "the base was left"]})
    return events, reports, sources, tmp_path


def test_a_passage_comes_with_the_sentence_before_and_after_it_within_its_paragraph():
    start = DOCUMENT.index("rockets hit")
    before, lead, quote, tail, after = in_context(DOCUMENT, start, start + len("rockets hit Camp Taji"))
    assert (before, quote, tail, after) == ("First fact.", "rockets hit Camp Taji", " on Friday.", "Two soldiers died.")
    assert lead == "<script>alert(1)</script> "
    start = DOCUMENT.index("the base was left")
    assert in_context(DOCUMENT, start, start + 17) == ("", "Another paragraph says ", "the base was left", ".",
                                                       "Nothing else.")


def test_overlapping_quotes_of_an_event_make_one_passage(coded):
    events, reports, sources, folder = coded
    found = event_passages("EV1", reports, texts={"doc_a": DOCUMENT})
    assert len(found) == 1 and found[0].quote == "<script>alert(1)</script> rockets hit Camp Taji on Friday"


def test_the_passages_page_quotes_in_context_cites_the_report_and_escapes_everything(coded):
    events, reports, sources, folder = coded
    page = passages_html(events, reports, sources, documents=folder)
    assert "<script" not in page and "<b>" not in page and "<i>" not in page
    assert "Please enter your comment" not in page and "A headline" not in page and "More news" not in page
    # events in date order, each named above its passages by its number on the pages (not the coder's id)
    assert page.index("<h4>1 \u00b7 militia attack, Camp Taji (13 Mar 2020)</h4>") < page.index("<h4>2 \u00b7 ")
    assert "EV1" not in page and "EV2" not in page
    assert "<mark>&lt;script&gt;alert(1)&lt;/script&gt; rockets hit Camp Taji on Friday</mark>." in page
    assert "title=" not in page
    # cited by outlet and dates as every sentence names a report; its title, in the table of reports, is not
    # repeated under each passage
    assert page.count('<p class="cite">An unnamed outlet (Apr 2020)</p>') == 2 and "Rockets &amp;" not in page


def test_the_reader_sentence_drops_the_coders_references():
    assert reader_sentence("US strike (document 003; document 004: 'an air raid') that killed two. Documents 000 "
                           "and 001 name only one.") == "US strike that killed two."
    assert reader_sentence(None) == ""


def test_events_without_a_cited_passage_are_said_in_a_sentence(coded):
    events, reports, sources, folder = coded
    page = passages_html(events, reports.iloc[:0], sources, documents=folder, empty="No cited <passages>.")
    assert page == '<div class="report-passages"><p>No cited &lt;passages&gt;.</p></div>'


def test_a_full_stop_before_a_lower_case_word_does_not_end_the_sentence():
    # the Associated Press text has "marched in an anti-US. collection inspired by a radical clergyman": the
    # context sentence must not stop at "anti-US."
    text = "The parliament voted. Tens of thousands marched in an anti-US. collection inspired by a cleric. Then calm."
    start = text.index("The parliament")
    assert in_context(text, start, start + len("The parliament voted")) == (
        "", "", "The parliament voted", ".", "Tens of thousands marched in an anti-US. collection inspired by a cleric.")


def test_quotes_of_one_report_in_the_same_sentences_are_one_block_with_several_marks(tmp_path):
    # three quotes of the Associated Press in two sentences were shown as the same block three times
    text = ("Title\nDiplomats were told a committee was set up, but officials said it was not. "
            "The envoy said \u201cthere has been no real involvement\u201d. Other news.\n")
    (tmp_path / "doc_a.txt").write_text(text, encoding="utf-8")
    sources = pd.DataFrame({
        "doc_id": ["doc_a"], "file_name": ["doc_a.txt"], "sha256": [hashlib.sha256(text.encode()).hexdigest()],
        "title": ["T"], "outlet": ["AP"], "published_start": pd.to_datetime(["2020-02-06"]),
        "published_end": pd.to_datetime(["2020-02-06"])})
    events = pd.DataFrame({"event_id": ["EV5"], "category": ["political"], "sub_event_type": ["Other"],
                           "event_type": ["Strategic developments"], "location": ["Baghdad"],
                           "date_start": pd.to_datetime(["2020-01-03"]), "date_end": pd.to_datetime(["2020-01-23"]),
                           "event_date": pd.to_datetime(["2020-01-13"])})
    reports = pd.DataFrame({"event_id": ["EV5"] * 3, "doc_id": ["doc_a"] * 3,
                            "quote": ["there has been no real involvement", "officials said it was not",
                                      "Diplomats were told a committee was set up"]})
    page = passages_html(events, reports, sources, documents=tmp_path)
    assert page.count("<blockquote>") == 1 and page.count('<p class="cite">') == 1
    assert ("<mark>Diplomats were told a committee was set up</mark>, but <mark>officials said it was not</mark>. "
            "The envoy said \u201c<mark>there has been no real involvement</mark>\u201d.") in page


def test_a_passage_told_before_its_event_is_shown_with_it_and_said_not_to_count(coded):
    events, reports, sources, folder = coded
    early, attesting = reports.iloc[[2]], reports.iloc[:2]
    page = passages_html(events, attesting, sources, documents=folder, beforehand=early)
    told = page.split("<h4>2 \u00b7 ")[1]
    assert "<mark>the base was left</mark>" in told
    assert ('<p class="cite">An unnamed outlet (Apr 2020)<span class="told-before">, said before this event happened: '
            'not counted as a report of it</span></p>') in told
    # a passage coded as a plan says so; a report with both kinds of passage, both
    plan = passages_html(events, attesting, sources, documents=folder, beforehand=early.assign(tells="plan"))
    assert '<span class="told-before">, a plan or forecast of this event: not counted' in plan
    both = pd.concat([early.assign(tells="plan"), early.assign(tells=None, quote="Nothing else")])
    mixed = passages_html(events, attesting, sources, documents=folder, beforehand=both)
    assert ", a plan or forecast of this event or said before this event happened: not counted" in mixed
    # the attesting passages of the other event are cited plainly
    assert page.split("<h4>2 \u00b7 ")[0].count("out before") == 0
    assert "<h4>2 \u00b7 " not in passages_html(events, attesting, sources, documents=folder)  # without it, none


def test_each_passage_is_labelled_by_its_own_row_not_by_its_report(coded):
    """A report that attests an event with one passage and tells of it only as a plan in another: the plan's passage
    is labelled, the other is not (every passage of the report was labelled, while the tables counted it)."""
    events, reports, sources, folder = coded
    attesting = reports.iloc[:2]  # EV1's two quotes, one passage
    plan = reports.iloc[[1]].assign(event_id="EV1", quote="Two soldiers died", tells="plan")
    page = passages_html(events, attesting, sources, documents=folder, beforehand=plan)
    ev1 = page.split("<h4>1 \u00b7 ")[1].split("<h4>")[0]
    cites = ev1.split('<p class="cite">')[1:]
    # the quotes share one block of context with the attesting passage: one block, counted, no label
    assert len(cites) == 1 and "told-before" not in cites[0]
    alone = reports.iloc[[2]].assign(event_id="EV1", tells="plan")  # "the base was left", its own paragraph
    page = passages_html(events, attesting, sources, documents=folder, beforehand=alone)
    cites = page.split("<h4>1 \u00b7 ")[1].split("<h4>")[0].split('<p class="cite">')[1:]
    assert ["told-before" in cite for cite in cites] == [False, True]
