"""What each document contributes: names, the document-by-event matrix, corroboration and disputes."""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis.stats.evidence import (
    corroboration,
    corroboration_counts,
    disputed_points,
    document_names,
    evidence_matrix,
    sources_table,
)


def test_documents_are_named_by_outlet_and_date_and_told_apart():
    sources = pd.DataFrame({"doc_id": ["000_a", "001_b", "002_c"], "outlet": [None, None, "AP"],
                            "published_start": pd.to_datetime(["2020-03-29", "2020-03-29", "2020-02-06"]),
                            "published_end": pd.to_datetime(["2020-03-29", "2020-03-29", "2020-02-06"])})
    assert document_names(sources).tolist() == ["unnamed outlet, 29 Mar 2020, no. 000",
                                                "unnamed outlet, 29 Mar 2020, no. 001", "AP, 6 Feb 2020"]


def test_a_documents_name_differs_by_form_only_in_punctuation_and_the_article_a_sentence_needs():
    sources = pd.DataFrame({"doc_id": ["000_a", "001_b", "002_c", "003_d"],
                            "outlet": [None, "  ", "unnamed outlet", "Military Times"],
                            "published_start": pd.to_datetime(["2020-04-01", "2020-03-29", "2020-04-01", "2020-03-16"]),
                            "published_end": pd.to_datetime(["2020-04-30", "2020-03-29", "2020-04-30", "2020-03-20"])})
    # a blank outlet is no outlet; an outlet that calls itself "unnamed outlet" reads as one, so both get numbers
    assert document_names(sources).tolist() == [
        "unnamed outlet, Apr 2020, no. 000", "unnamed outlet, 29 Mar 2020", "unnamed outlet, Apr 2020, no. 002",
        "Military Times, 16-20 Mar 2020"]
    assert document_names(sources, form="sentence").tolist() == [
        "an unnamed outlet (Apr 2020, no. 000)", "an unnamed outlet (29 Mar 2020)", "unnamed outlet (Apr 2020, no. 002)",
        "Military Times (16-20 Mar 2020)"]
    assert document_names(sources, form="possessive").tolist()[3] == "Military Times (16-20 Mar 2020)'s"
    assert document_names(sources).index.tolist() == sources["doc_id"].tolist()


def test_a_form_of_a_documents_name_that_does_not_exist_is_refused_with_the_forms_there_are():
    sources = pd.DataFrame({"doc_id": ["000_a"], "outlet": ["AP"], "published_start": pd.to_datetime(["2020-02-06"]),
                            "published_end": pd.to_datetime(["2020-02-06"])})
    with pytest.raises(ValueError, match="form='cell'.*allowed: table, sentence, possessive"):
        document_names(sources, form="cell")


def test_the_packaged_documents_read_by_outlet_and_date_in_order_of_publication():
    data = analysis.load_dataset()
    table = sources_table(data.sources)
    assert table["document"].tolist()[0] == "Associated Press, 6 Feb 2020"
    assert not table["document"].str.contains("_").any()
    assert table["number"].tolist() == ["004", "002", "000", "001", "003"]


def test_the_evidence_matrix_has_a_cell_per_document_and_event_and_counts_every_passage():
    # a quote inside another of the same report and event is one passage, as the sources page shows it: the heatmap
    # shaded The Media Line's cell of the K-1 attack "3 or more" over the 2 passages the page shows
    from analysis.report.passages import event_passages

    data = analysis.load_dataset()
    matrix = evidence_matrix(data.reports, data.sources, data.events)
    assert len(matrix) == len(data.sources) * len(data.events)
    shown = sum(len(event_passages(event, data.reports)) for event in data.events["event_id"])
    assert matrix["rows"].sum() == shown < len(data.reports)
    per_document = analysis.events_per_document(data.reports, data.sources)
    assert per_document["reports"].sum() == shown
    assert matrix.groupby("event_id")["rows"].sum().gt(0).all()  # every event has evidence
    columns = matrix.drop_duplicates("event_id")
    # events in reading order, each by the number of its id (EV035 is 35)
    assert columns["number"].tolist() == [int(i[2:]) for i in columns["event_id"]]
    order = analysis.event_numbers(data.events.set_index("event_id").loc[columns["event_id"]].reset_index())
    assert order.tolist() == list(range(1, len(data.events) + 1))
    disputed, differs = matrix[matrix["disputed"]], matrix[matrix["differs"]]
    conflicts = analysis.list_conflicts(data.reports)
    contradicted = conflicts[conflicts["difference"] == "contradict"]
    assert set(zip(disputed["doc_id"], disputed["event_id"])) == set(zip(contradicted["doc_id"], contradicted["event_id"]))
    every = set(zip(conflicts["doc_id"], conflicts["event_id"]))
    assert set(zip(differs["doc_id"], differs["event_id"])) == every - set(zip(disputed["doc_id"], disputed["event_id"]))
    assert not (matrix["disputed"] & matrix["differs"]).any()


def _claims(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    """Reports rows of (event_id, doc_id, claim_field, claim_value)."""
    frame = pd.DataFrame(list(rows), columns=["event_id", "doc_id", "claim_field", "claim_value"])
    return frame.assign(report_id=[f"RP{i}" for i in range(len(rows))], claimant="the article", quote="q")


def test_claims_worded_differently_are_one_claim_and_a_day_within_a_range_differs_only_in_precision():
    reports = _claims(("EV1", "a", "date", "March 11"), ("EV1", "b", "date", "11 March"),  # one date, two wordings
                      ("EV2", "a", "projectiles", "two rockets"), ("EV2", "b", "projectiles", "2 Rockets"),
                      ("EV3", "a", "date", "11-29 March"), ("EV3", "b", "date", "14 March"),  # a day within a range
                      ("EV4", "a", "date", "11 March"), ("EV4", "b", "date", "14 March"),  # two days
                      ("EV5", "a", "actor", "a militia"), ("EV5", "b", "actor", "Kata'ib Hezbollah"))
    readings = pd.DataFrame({"event_id": ["EV5"], "claim_field": ["actor"], "difference": ["precision"],
                             "why": ["Kata'ib Hezbollah is a militia"]})
    conflicts = analysis.list_conflicts(reports, readings=readings)
    assert dict(zip(conflicts["event_id"], conflicts["difference"])) == {
        "EV3": "precision", "EV4": "contradict", "EV5": "precision"}
    assert analysis.list_conflicts(reports, readings=readings.iloc[:0]).groupby("event_id")["difference"].first()[
        "EV5"] == "contradict"  # a reading the coding does not give is a contradiction
    sources = pd.DataFrame({"doc_id": ["a", "b"], "published_start": pd.to_datetime(["2020-03-01", "2020-03-02"]),
                            "published_end": pd.to_datetime(["2020-03-01", "2020-03-02"]), "outlet": ["A", "B"]})
    events = pd.DataFrame({"event_id": [f"EV{i}" for i in range(1, 6)], "event_type": ["Battles"] * 5,
                           "event_date": pd.to_datetime(["2020-03-11"] * 5),
                           "date_start": pd.to_datetime(["2020-03-11"] * 5),
                           "date_end": pd.to_datetime(["2020-03-11"] * 5)})
    matrix = evidence_matrix(reports, sources, events).set_index(["doc_id", "event_id"])
    assert matrix.loc[("a", "EV4"), "disputed"] and matrix.loc[("b", "EV4"), "disputed"]
    assert matrix.loc[("a", "EV3"), "differs"] and not matrix.loc[("a", "EV3"), "disputed"]
    assert not matrix.loc[[("a", "EV1"), ("b", "EV2")], ["disputed", "differs"]].to_numpy().any()


def test_a_bad_claim_reading_is_refused_with_its_line_column_and_value():
    from analysis.errors import DataError
    from analysis.stats.evidence import claim_readings

    readings = pd.DataFrame({"event_id": ["EV1", "EV2"], "claim_field": ["actor", "actor"],
                             "difference": ["precision", "<b>same</b>"], "why": ["x", "y"]})
    readings.attrs["path"] = "readings.csv"
    try:
        claim_readings(readings)
    except DataError as error:
        assert (error.path, error.line, error.column, error.value) == ("readings.csv", 3, "difference", "<b>same</b>")
        assert "precision, wording" in str(error)
    else:
        raise AssertionError("a bad difference was accepted")
    twice = pd.concat([readings.iloc[:1]] * 2, ignore_index=True)
    try:
        claim_readings(twice)
    except DataError as error:
        assert error.line == 3 and "read twice" in str(error)
    else:
        raise AssertionError("a point read twice was accepted")


def test_corroboration_counts_and_table_agree():
    reports = pd.DataFrame({"event_id": ["EV1", "EV1", "EV1", "EV2", "EV3", "EV3"], "doc_id": ["a", "b", "c", "a", "a", "b"]})
    assert corroboration_counts(reports).values.tolist() == [[1, 1], [2, 1], [3, 1]]
    table = corroboration(reports)
    assert table["documents"].tolist() == [3, 1, 2] and table["document_names"].tolist()[0] == "a; b; c"


def test_disputed_points_tell_one_report_quoting_sides_from_reports_that_differ():
    reports = pd.DataFrame({
        "report_id": ["RP1", "RP2", "RP3", "RP4", "RP5"], "event_id": ["EV1", "EV1", "EV2", "EV2", "EV2"],
        "doc_id": ["a", "a", "a", "b", "b"], "claim_field": ["status", "status", "actor", "actor", "actor"],
        "claim_value": ["ended", "not ended", "a militia", "Kata'ib Hezbollah", "a militia"],
        "claimant": ["the US", "the army", "the article", "the article", "the article"], "quote": ["q"] * 5,
    })
    points = disputed_points(reports)
    assert points[["event_id", "claims", "documents", "where"]].values.tolist() == [
        ["EV1", 2, 1, "within one report"], ["EV2", 3, 2, "between reports"]]


def test_every_packaged_claim_reading_is_of_a_point_with_competing_claims():
    from analysis.stats.evidence import claim_readings

    points = disputed_points(analysis.load_reports())
    competing = set(zip(points["event_id"], points["claim_field"]))
    assert set(claim_readings()) <= competing  # no reading of a point that the coding no longer disputes


def test_only_a_document_out_before_its_events_first_possible_day_is_told_beforehand():
    from analysis.stats.evidence import told_beforehand

    reports = pd.DataFrame({"event_id": ["EV1", "EV1", "EV1", "EV2", "EV9"],
                            "doc_id": ["early", "overlap", "late", "early", "early"]})
    sources = pd.DataFrame({"doc_id": ["early", "overlap", "late"],
                            "published_end": pd.to_datetime(["2020-03-20", "2020-03-27", "2020-04-30"])})
    events = pd.DataFrame({"event_id": ["EV1", "EV2"], "date_start": pd.to_datetime(["2020-03-21", "2020-03-20"])})
    # out the day before the event's first possible day; out within its days; out after; out on its first day;
    # an event not among the events (not marked)
    assert told_beforehand(reports, sources, events).tolist() == [True, False, False, False, False]
    with pytest.raises(analysis.DataError, match="doc_id"):
        told_beforehand(reports.drop(columns="doc_id"), sources, events)
