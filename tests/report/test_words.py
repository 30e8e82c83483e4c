"""The words that describe the coded data's tables: how far counts are a floor, corroboration, disputes."""

from __future__ import annotations

import pandas as pd
from helpers_events import make_table

import analysis
from analysis import schema
from analysis.report.words.attacks import count_floor_note
from analysis.report.words.sources import corroboration_sentence, disputes_sentence


def test_the_public_names_of_the_sentences_are_the_words_modules():
    assert analysis.count_floor_note is count_floor_note
    assert analysis.corroboration_sentence is corroboration_sentence and analysis.disputes_sentence is disputes_sentence


def test_the_corroboration_sentence_says_how_many_rest_on_one_report():
    reports = pd.DataFrame({"event_id": ["EV1", "EV1", "EV1", "EV2", "EV3", "EV3"], "doc_id": ["a", "b", "c", "a", "a", "b"]})
    assert corroboration_sentence(reports) == "Some events (1 of 3) rest on a single report; one is told by three."


def test_the_disputes_sentence_tells_one_report_quoting_sides_from_reports_that_differ():
    reports = pd.DataFrame({
        "report_id": ["RP1", "RP2", "RP3", "RP4", "RP5"], "event_id": ["EV1", "EV1", "EV2", "EV2", "EV2"],
        "doc_id": ["a", "a", "a", "b", "b"], "claim_field": ["status", "status", "actor", "actor", "actor"],
        "claim_value": ["ended", "not ended", "a militia", "Kata'ib Hezbollah", "a militia"],
        "claimant": ["the US", "the army", "the article", "the article", "the article"], "quote": ["q"] * 5,
    })
    assert disputes_sentence(reports) == (
        "Two points are disputed: one within one report quoting several sides and one between reports.")


def test_the_floor_note_quotes_the_largest_reported_total_beyond_the_counts(attacks):
    totals = make_table(schema.REPORTED_TOTALS, [
        {"total_id": "RT1", "date_start": "2019-03-01", "date_end": "2020-03-20", "date_basis": "b",
         "measure": "rocket attacks", "actor": "Kata'ib Hezbollah", "count_low": 13, "count_high": None,
         "qualifier": "more than", "doc_id": "d", "quote": "over a dozen rocket attacks"},
        {"total_id": "RT2", "date_start": "2019-10-01", "date_end": "2019-11-30", "date_basis": "b",
         "measure": "air strikes", "actor": None, "count_low": 45, "count_high": 45, "qualifier": "exact",
         "doc_id": "d", "quote": "45 strikes"},
    ])
    note = count_floor_note(attacks, totals)
    assert note == ("A floor: the 3 attacks described one by one, not every attack there was. The reports also "
                    "speak of more than 12 rocket attacks by Kata'ib Hezbollah (1 Mar 2019 - 20 Mar 2020) that they "
                    "do not list.")
    assert count_floor_note(attacks) == "A floor: the 3 attacks described one by one, not every attack there was."
