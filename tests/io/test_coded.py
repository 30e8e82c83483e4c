"""The loaders on valid files: row counts, dtypes, references, path resolution."""

from __future__ import annotations

import csv
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import analysis
from analysis import DataError, corroboration, events_per_document, highlight_quotes, list_conflicts, schema
from analysis.io import coded as io
from analysis.io._validate import validate_table
from conftest import LOADERS

EXPECTED_DTYPE = {
    "id": "string", "text": "string", "sha256": "string", "date": "datetime64[ns]", "int": "Int64",
    "latitude": "float64", "longitude": "float64", "category": "category", "origin": "string",
}


def records_in(path: Path) -> int:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return sum(1 for row in csv.reader(handle) if row) - 1


def assert_schema_dtypes(frame: pd.DataFrame, spec: schema.TableSpec) -> None:
    assert list(frame.columns[: len(spec.columns)]) == spec.column_names
    for column in spec.columns:
        assert str(frame[column.name].dtype) == EXPECTED_DTYPE[column.kind], column.name
        if column.kind == "category":
            assert list(frame[column.name].cat.categories) == list(column.allowed)


def packaged_path(table: str) -> Path:
    folder = io.packaged_documents_dir() if table == "sources" else io.packaged_data_dir()
    return folder / schema.TABLES[table].file_name


# --- packaged data ----------------------------------------------------------------------

@pytest.mark.parametrize("table", list(LOADERS))
def test_packaged_table_loads_every_record_with_its_dtypes(table):
    frame = LOADERS[table]()
    spec = schema.TABLES[table]
    assert len(frame) == records_in(packaged_path(table)) > 0
    assert_schema_dtypes(frame, spec)
    for column in spec.columns:
        if column.required:
            assert frame[column.name].notna().all(), column.name
    assert frame[spec.key].is_unique


@pytest.mark.parametrize("table", ["events", "sources", "reports"])
def test_a_packaged_table_is_read_once_and_again_when_any_packaged_file_changes(tmp_path, monkeypatch, table):
    import shutil

    data, documents = tmp_path / "data", tmp_path / "documents"
    shutil.copytree(io.packaged_data_dir(), data)
    shutil.copytree(io.packaged_documents_dir(), documents)
    monkeypatch.setattr(io, "packaged_data_dir", lambda: data)
    monkeypatch.setattr(io, "packaged_documents_dir", lambda: documents)
    load = getattr(io, f"load_{table}")
    reads = []
    monkeypatch.setattr(io, "validate_table", lambda path, spec, **options: reads.append(path.name) or validate_table(path, spec, **options))
    first = load()
    read_first = len(reads)
    first.iloc[0, 0] = "changed by the caller"
    second = load()
    assert len(reads) == read_first and second.iloc[0, 0] != "changed by the caller"  # no file read; its own copy
    assert second.attrs["path"] == first.attrs["path"]
    # A file the table does not come from, but which it is checked against, changes: everything is read again.
    stat = (data / "bases.csv").stat()
    os.utime(data / "bases.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert_frame_equal(load(), second)
    assert len(reads) == 2 * read_first
    # A call with an argument always reads its file.
    io.load_sources(documents / "sources.csv")
    io.load_sources(documents / "sources.csv")
    assert len(reads) == 2 * read_first + 2


def test_documents_folder_is_found_in_a_checkout_and_in_a_wheel(tmp_path, monkeypatch):
    checkout = io.packaged_documents_dir()
    assert (checkout / "sources.csv").is_file()
    fake_package = tmp_path / "analysis"
    (fake_package / "seeds").mkdir(parents=True)
    (fake_package / "seeds" / "sources.csv").write_text("doc_id\n", encoding="utf-8")
    monkeypatch.setattr(io.resources, "files", lambda name: fake_package)
    assert io.packaged_documents_dir() == fake_package / "seeds"


# --- a user's own files -----------------------------------------------------------------

@pytest.mark.parametrize("table", list(LOADERS))
def test_own_files_load_with_siblings(mini, table):
    frame = LOADERS[table](mini.path(table))
    assert len(frame) == len(mini.rows[table])
    assert_schema_dtypes(frame, schema.TABLES[table])


def test_a_table_read_by_several_references_of_one_call_is_read_once_for_it_and_again_for_the_next(mini, monkeypatch):
    # a reports table's events refer to its bases, and reports, bases and events to one sources table
    read = []
    load_sources = io.load_sources
    monkeypatch.setattr(io, "load_sources", lambda *args, **kwargs: read.append(args) or load_sources(*args, **kwargs))
    analysis.load_reports(mini.path("reports"))
    assert read == [(mini.path("sources"),)]
    mini.rows["sources"][0]["title"] = "A changed title"
    mini.write("sources")
    analysis.load_reports(mini.path("reports"))  # the next call reads the file as it is now
    assert len(read) == 2
    mini.rows["sources"][0]["sha256"] = "0" * 64
    mini.write("sources")
    with pytest.raises(DataError, match="sha256"):
        analysis.load_reports(mini.path("reports"))


def test_values_are_converted(mini):
    events = analysis.load_events(mini.path("events"))
    first, second = events.iloc[0], events.iloc[1]
    assert first["date_start"] == pd.Timestamp("2020-03-11")
    assert first["projectiles_low"] == 18 and first["fatalities"] == 2
    assert first["time_precision"] == 1 and second["time_precision"] == 2
    assert pd.isna(second["latitude"]) and pd.isna(second["base_id"]) and pd.isna(second["projectiles_low"])
    levels = analysis.load_troop_levels(mini.path("troop_levels"))
    assert pd.isna(levels.loc[1, "count_low"]) and levels.loc[1, "count_high"] == 399


def test_referenced_tables_can_be_frames_or_paths(mini, tmp_path):
    events = analysis.load_events(mini.path("events"))
    other = tmp_path / "elsewhere"
    other.mkdir()
    reports_path = other / "reports.csv"
    reports_path.write_bytes(mini.path("reports").read_bytes())
    loaded = analysis.load_reports(reports_path, events=events, sources=mini.path("sources"))
    assert list(loaded["report_id"]) == ["RP001", "RP002"]
    trimmed = events[events["event_id"] == "EV001"]
    with pytest.raises(DataError, match="EV002"):
        analysis.load_reports(reports_path, events=trimmed, sources=mini.path("sources"))


def test_extra_columns_are_kept_as_text(mini):
    for row in mini.rows["events"]:
        row["coder"] = "initials"
    from conftest import write_csv

    write_csv(mini.path("events"), mini.rows["events"], schema.EVENTS.column_names + ["coder"])
    events = analysis.load_events(mini.path("events"))
    assert events.columns[-1] == "coder" and str(events["coder"].dtype) == "string"


def test_region_can_be_widened(mini):
    mini.rows["events"][0].update(latitude="51.5", longitude="-0.1", base_id="")
    mini.write("events")
    with pytest.raises(DataError, match="outside the region"):
        analysis.load_events(mini.path("events"))
    assert analysis.load_events(mini.path("events"), region=None).loc[0, "latitude"] == 51.5


def test_a_sources_frame_needs_the_folder_of_its_documents(mini):
    sources = analysis.load_sources(mini.path("sources"))
    merged = sources.merge(sources[["doc_id"]], on="doc_id")  # a frame made from it knows no folder either
    for frame in (sources, merged):
        with pytest.raises(DataError, match="pass documents="):
            analysis.load_reports(mini.path("reports"), sources=frame)
        with pytest.raises(DataError, match="pass documents="):
            analysis.document_text("doc_a", sources=frame)
    assert len(analysis.load_reports(mini.path("reports"), sources=merged, documents=mini.folder)) == 2
    assert analysis.document_text("doc_a", sources=merged, documents=mini.folder).startswith("Rockets hit Camp Taji")
    assert analysis.load_dataset(mini.folder).documents == mini.folder


def test_document_text_refuses_unknown_ids():
    with pytest.raises(DataError, match="not a document"):
        analysis.document_text("999_nothing")


# --- evidence helpers ---------------------------------------------------------------------

def _reports(rows):
    columns = schema.REPORTS.column_names
    return pd.DataFrame([dict(zip(columns, r)) for r in rows], columns=columns).astype("string")


def test_list_conflicts_keeps_competing_claims_side_by_side():
    reports = _reports([
        ("R1", "E1", "d1", "q1", "fatalities", "2", "Pentagon"),
        ("R2", "E1", "d2", "q2", "fatalities", "5", "Iraqi government"),
        ("R3", "E1", "d3", "q3", "date", "March 11", None),
        ("R4", "E2", "d1", "q4", "fatalities", "1", None),
        ("R5", "E2", "d2", "q5", "fatalities", "1", None),
        ("R6", "E3", "d1", "q6", None, None, None),
    ])
    conflicts = list_conflicts(reports)
    assert list(conflicts["report_id"]) == ["R1", "R2"]
    assert set(conflicts["claim_value"]) == {"2", "5"}
    assert list_conflicts(reports.iloc[2:]).empty


def test_corroboration_and_events_per_document():
    reports = _reports([
        ("R1", "E1", "d1", "q", None, None, None),
        ("R2", "E1", "d2", "q", None, None, None),
        ("R3", "E1", "d2", "q", "actor", "x", None),
        ("R4", "E2", "d2", "q", None, None, None),
    ])
    counts = corroboration(reports)
    assert dict(zip(counts["event_id"], counts["documents"])) == {"E1": 2, "E2": 1}
    per_doc = events_per_document(reports)
    # R3 cites R2's passage again, for a claim on it: one passage (events, passages, events it alone tells)
    assert per_doc.set_index("doc_id").loc["d2"].tolist() == [2, 2, 1]


def test_highlight_quotes_marks_passages_and_escapes_everything(mini):
    doc = mini.folder / "doc_a.txt"
    doc.write_text("Intro <script>alert(1)</script> and rockets hit Taji.\nSecond <b>para</b>.\n", encoding="utf-8")
    import hashlib

    mini.rows["sources"][0]["sha256"] = hashlib.sha256(doc.read_bytes()).hexdigest()
    mini.write("sources")
    sources = analysis.load_sources(mini.path("sources"))
    reports = _reports([
        ("R1", "E<1>", "doc_a", "rockets hit Taji", None, None, None),
        ("R2", "E2", "doc_a", "hit Taji.", None, None, None),
    ])
    page = highlight_quotes("doc_a", reports, sources=sources, documents=mini.folder)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>" not in page and "&lt;b&gt;para&lt;/b&gt;" in page
    marks = re.findall(r'<mark title="([^"]*)">([^<]*)</mark>', page)
    assert marks == [("E2; E&lt;1&gt;", "rockets hit Taji.")]
    assert page.count("<p>") == 2
    # with the events, each is named by its headline too, escaped like the rest
    events = pd.DataFrame({"event_id": ["E2", "E<1>"], "headline": ["Rockets \"hit\" Taji", None]})
    page = highlight_quotes("doc_a", reports, sources=sources, documents=mini.folder, events=events)
    (title,) = re.findall(r'<mark title="([^"]*)">', page)
    assert title == "E2 Rockets &quot;hit&quot; Taji; E&lt;1&gt;"
