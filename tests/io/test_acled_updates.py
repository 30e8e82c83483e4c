"""Several ACLED exports combined, ACLED's deletions applied, two exports compared.

Every file is written here from invented rows (tests/acled_files.py), never ACLED's data.
"""

from __future__ import annotations

import pandas as pd
import pytest
from acled_files import conflict_events, write_acled_deletions, write_acled_events, write_acled_older

import analysis
from analysis import DataError
from analysis.io.acled import ACTOR_TYPES
from analysis.io.acled_updates import ExportColumnsWarning


def _ids(frame):
    column = "event_id_cnty" if "event_id_cnty" in frame.columns else "event_id"
    return frame[column].tolist()


@pytest.fixture(params=["\n", "\r\n"], ids=["LF", "CRLF"])
def newline(request):
    return request.param


@pytest.fixture
def two_exports(tmp_path, newline):
    """An old export (TST1-TST3) and a newer one that revises TST2, drops TST3 and adds TST4."""
    old = write_acled_events(tmp_path / "old.csv", [
        {"event_date": "2020-01-03", "fatalities": "1", "timestamp": "1600000000"},
        {"event_date": "2020-01-04", "fatalities": "2", "actor2": "", "timestamp": "1600000000"},
        {"event_date": "2020-01-05", "fatalities": "0", "timestamp": "1600000000"},
    ], newline=newline)
    new = write_acled_events(tmp_path / "new.csv", [
        {"event_id_cnty": "TST2", "event_date": "2020-01-06", "fatalities": "5",
         "actor2": "Civilians (Iraq)", "inter2": "Civilians", "timestamp": "1600000500"},
        {"event_id_cnty": "TST1", "event_date": "2020-01-03", "fatalities": "1", "timestamp": "1600000000"},
        {"event_id_cnty": "TST4", "event_date": "2020-01-07", "fatalities": "3", "timestamp": "1600000600"},
    ], newline=newline)
    return old, new


def test_combined_exports_keep_the_latest_row_of_each_event(two_exports):
    old, new = two_exports
    events = analysis.load_acled([old, new])
    assert sorted(_ids(events)) == ["TST1", "TST2", "TST3", "TST4"]
    revised = events.iloc[[_ids(events).index("TST2")]]
    assert revised["fatalities"].tolist() == [5]
    assert revised["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-01-06"]
    report = events.attrs["combined"]
    files = report.files.set_index("file")
    # rows in equal rows out: every row is kept or listed as superseded
    assert files.loc[str(old)].tolist() == [3, 1, 2, 0]  # TST2 replaced by a later timestamp, TST1 by a tie
    assert files.loc[str(new)].tolist() == [3, 3, 0, 0]
    assert int(files["records"].sum()) == len(events) + len(report.superseded)
    superseded = report.superseded.set_index("event_id_cnty")
    assert superseded.loc["TST2", "timestamp"] == 1600000000
    assert superseded.loc["TST2", "kept_timestamp"] == 1600000500
    assert superseded.loc["TST1", "kept_file"] == str(new)  # a tie goes to the later export


def test_an_older_revision_in_a_later_file_does_not_win(two_exports):
    old, new = two_exports
    events = analysis.combine_acled([new, old])  # the newer export listed first
    assert events.iloc[_ids(events).index("TST2")]["fatalities"] == 5
    assert events.attrs["combined"].files["superseded"].tolist() == [1, 1]  # TST1's tie goes to old.csv


def test_an_older_and_a_current_export_combine_with_every_column_and_one_form_of_interaction(tmp_path):
    events = conflict_events()
    older = write_acled_older(tmp_path / "older.csv", [dict(e, event_id_cnty=f"OLD{i}") for i, e in enumerate(events[:5])])
    current = write_acled_events(tmp_path / "current.csv", events[5:9])
    for paths in ([older, current], [current, older]):
        with pytest.warns(ExportColumnsWarning) as caught:
            combined = analysis.load_acled(paths)
        assert len(caught) == 1 and caught[0].filename == __file__  # the caller's line, not the package's
        message = str(caught[0].message)
        assert f"{older} lacks disorder_type, civilian_targeting, tags (missing in its 5 rows)" in message
        assert f"{current} lacks data_id, event_id_no_cnty, iso3 (missing in its 4 rows)" in message
        assert len(combined) == 9
        from_older = combined["event_id_cnty"].str.startswith("OLD").to_numpy()
        assert combined.loc[from_older, ["disorder_type", "civilian_targeting"]].isna().all().all()
        assert combined.loc[~from_older, "disorder_type"].notna().all()
        assert combined.loc[~from_older, ["data_id", "iso3"]].isna().all().all()
        assert (combined.loc[from_older, "iso3"] == "IRQ").all()
        # the older export's two-digit codes are written as names, lower code first, as the current set writes them
        for row in combined[from_older].itertuples():
            codes = sorted(c for c in (row.inter1_code, row.inter2_code) if c)
            expected = "-".join(ACTOR_TYPES[c - 1] for c in codes) if len(codes) == 2 else f"{row.inter1} only"
            assert row.interaction == expected
        assert combined.loc[~from_older, "interaction"].tolist() == [e["interaction"] for e in events[5:9]]


def test_a_column_one_frame_lacks_is_missing_in_its_rows_whatever_its_type(tmp_path):
    # a true/false column came out True, and a whole-number column decimals, in the rows of the frame that lacked it
    events = conflict_events()
    first = analysis.load_acled(write_acled_events(tmp_path / "first.csv", [dict(e, event_id_cnty=f"A{i}")
                                                                               for i, e in enumerate(events[:3])]))
    second = analysis.load_acled(write_acled_events(tmp_path / "second.csv", [dict(e, event_id_cnty=f"B{i}")
                                                                                 for i, e in enumerate(events[3:6])]))
    second = second.assign(checked=[True, False, True], votes=pd.Series([1, 2, 3], dtype="int64"))
    with pytest.warns(ExportColumnsWarning, match="lacks checked, votes"):
        combined = analysis.combine_acled([first, second])
    assert combined["checked"].isna().tolist() == [True] * 3 + [False] * 3
    assert combined["checked"].iloc[3:].tolist() == [True, False, True]
    assert combined["votes"].dtype == "Int64" and combined["votes"].iloc[3:].tolist() == [1, 2, 3]


def test_exports_of_one_column_set_that_write_interaction_two_ways_are_told_of(tmp_path):
    codes = write_acled_events(tmp_path / "codes.csv", [  # the API's numeric values: actor types and their pair
        {"event_id_cnty": "TST1", "event_date": "2020-03-02", "inter1": "1", "inter2": "2", "interaction": "12"}])
    names = write_acled_events(tmp_path / "names.csv", [
        {"event_id_cnty": "TST2", "event_date": "2020-03-03", "interaction": "State forces-Rebel group"}])
    with pytest.warns(ExportColumnsWarning, match="the combined exports write interaction two ways: "):
        combined = analysis.combine_acled([codes, names])
    assert combined["interaction"].tolist() == ["State forces-Rebel group", "State forces-Rebel group"]


def test_combine_refuses_one_path():
    with pytest.raises(ValueError, match="list of exports"):
        analysis.combine_acled("one.csv")


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_deletions_remove_events_deleted_after_their_last_change(two_exports, tmp_path, suffix, newline):
    old, _ = two_exports
    deletions = write_acled_deletions(tmp_path / f"deleted{suffix}", [
        ("TST1", "1600000100"),  # deleted after its row: removed
        ("TST2", "1599999999"),  # its row changed after the deletion: kept
        ("TST9", "1600000100"),  # not in the export
        ("TST3", "1500000000"),  # listed twice: its latest deletion, after its row, counts
        ("TST3", "1600000200"),
    ], newline=newline)
    events = analysis.apply_deletions(analysis.load_acled(old), deletions)
    assert _ids(events) == ["TST2"]
    applied = events.attrs["deletions"]
    assert applied.removed["event_id_cnty"].tolist() == ["TST1", "TST3"]
    assert applied.removed["deleted_timestamp"].tolist() == [1600000100, 1600000200]
    assert applied.kept_newer["event_id_cnty"].tolist() == ["TST2"]
    assert applied.absent == 1


def test_a_bad_deletions_file_names_line_column_and_value(tmp_path):
    deletions = write_acled_deletions(tmp_path / "deleted.csv", [("TST1", "1600000100"), ("TST2", "soon")])
    with pytest.raises(DataError, match=r"line 3, column 'deleted_timestamp': 'soon' is not a whole number"):
        analysis.read_deletions(deletions)
    (tmp_path / "other.csv").write_text("event_id_cnty,when\nTST1,1\n", encoding="utf-8")
    with pytest.raises(DataError, match="deleted_timestamp"):
        analysis.read_deletions(tmp_path / "other.csv")


def test_compare_names_added_deleted_and_changed_fields(two_exports):
    old, new = two_exports
    changes = analysis.compare_acled(old, new)
    assert _ids(changes.added) == ["TST4"]
    assert _ids(changes.deleted) == ["TST3"]
    assert changes.changed.to_dict("records") == [
        {"event_id_cnty": "TST2", "field": "event_date", "old": "2020-01-04", "new": "2020-01-06"},
        {"event_id_cnty": "TST2", "field": "actor2", "old": "", "new": "Civilians (Iraq)"},
        {"event_id_cnty": "TST2", "field": "inter2", "old": "", "new": "Civilians"},
        {"event_id_cnty": "TST2", "field": "fatalities", "old": "2", "new": "5"},
    ]


def test_compare_refuses_a_field_that_is_not_a_column_of_both_exports_and_compares_the_fields_given(two_exports):
    # a misspelt field compared nothing, and the change of TST2's fatalities went unreported
    old, new = two_exports
    with pytest.raises(ValueError, match=r"fields: 'fatality' is not a column of both exports; did you mean 'fatalities'"):
        analysis.compare_acled(old, new, fields=["fatality"])
    changes = analysis.compare_acled(old, new, fields=["fatalities"])
    assert changes.changed.to_dict("records") == [
        {"event_id_cnty": "TST2", "field": "fatalities", "old": "2", "new": "5"}]
    assert analysis.compare_acled(old, new, fields="fatalities").changed.equals(changes.changed)  # one, not letters


def test_compare_calls_deleted_only_the_events_within_the_new_exports_dates(tmp_path):
    days = {"TST1": "2020-03-10", "TST2": "2020-04-20", "TST3": "2020-05-05", "TST4": "2020-05-20",
            "TST5": "2020-05-01", "TST6": "2020-08-30"}
    march_may = write_acled_events(tmp_path / "march_may.csv", [
        {"event_id_cnty": i, "event_date": days[i]} for i in ("TST1", "TST2", "TST3", "TST4")])
    may_august = write_acled_events(tmp_path / "may_august.csv", [  # 1 May .. 30 August, without TST3
        {"event_id_cnty": i, "event_date": days[i]} for i in ("TST5", "TST4", "TST6")])
    changes = analysis.compare_acled(march_may, may_august)
    assert _ids(changes.added) == ["TST5", "TST6"]
    assert _ids(changes.deleted) == ["TST3"]  # within the later export's dates, and not in it
    assert _ids(changes.outside) == ["TST1", "TST2"]  # before the later export's first day: not said to be deleted
    assert changes.changed.empty


def test_compare_of_an_export_with_itself_is_empty(two_exports):
    old, _ = two_exports
    changes = analysis.compare_acled(old, old)
    assert changes.added.empty and changes.deleted.empty and changes.changed.empty


def test_records_dropped_while_combining_are_counted(two_exports):
    old, new = two_exports
    new.write_bytes(new.read_bytes().replace(b"TST4,2020-01-07", b"TST4,2020-02-31"))
    with pytest.warns(analysis.errors.DroppedRowsWarning):
        events = analysis.load_acled([old, new], invalid="drop")
    report = events.attrs["combined"]
    assert report.files["dropped"].tolist() == [0, 1]
    assert report.dropped_rows[str(new)].table["line"].tolist() == [4]
    assert "TST4" not in _ids(events)


def test_compare_refuses_a_frame_that_repeats_an_event(two_exports):
    import pandas as pd

    old, new = two_exports
    frame = analysis.load_acled(old)
    with pytest.raises(ValueError, match="the new export repeats event 'TST1'"):
        analysis.compare_acled(old, pd.concat([frame, frame.iloc[:1]], ignore_index=True))


def test_frames_keyed_by_event_id_alone_with_unix_seconds_are_taken_too(two_exports, tmp_path):
    import pandas as pd

    old, new = two_exports
    frames = []
    for path in (old, new):  # the events schema's identifier alone, the time of the last change as Unix seconds
        frame = analysis.load_acled(path).drop(columns="event_id_cnty")
        frame["timestamp"] = (frame["timestamp"] - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)
        assert frame["timestamp"].dtype.kind == "i"
        frames.append(frame)
    events = analysis.combine_acled(frames)
    assert events.iloc[_ids(events).index("TST2")]["fatalities"] == 5
    assert events.attrs["combined"].superseded["kept_timestamp"].tolist() == [1600000000, 1600000500]
    deletions = write_acled_deletions(tmp_path / "deleted.csv", [("TST4", "1600000601")])
    assert "TST4" not in _ids(analysis.apply_deletions(events, deletions))
