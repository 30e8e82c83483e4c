"""ACLED exports in other shapes: the monadic layout folded to one row per event, semicolon-separated files, a
last record cut off and padded with empty fields, a sub-event type the codebook does not list yet.

Every file is written here from invented rows (see test_acled.py), never ACLED's data.
"""

from __future__ import annotations

import csv
import warnings

import pytest
from test_acled import write_export
from test_acled_exports import SETS, clean, export, refused, rows_of, same

import analysis
import analysis.errors as errors
from analysis.io.acled import COLUMN_SETS, NewValuesWarning

MONADIC_DROPS = ("actor2", "assoc_actor_2", "inter2")


def monadic_rows(column_set: str) -> list[dict[str, str]]:
    """The invented events as ACLED's monadic layout writes them: one row per actor, actor1's first."""
    rows = []
    for row in rows_of(column_set):
        rows.append(dict(row))
        if row["actor2"]:
            rows.append(dict(row, actor1=row["actor2"], assoc_actor_1=row["assoc_actor_2"], inter1=row["inter2"]))
    return rows


def monadic_columns(column_set: str, drop=MONADIC_DROPS) -> list[str]:
    return [c for c in COLUMN_SETS[column_set] if c not in drop]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("column_set", SETS)
def test_monadic_layout_folds_to_the_dyadic_frame(tmp_path, column_set, newline):
    rows = monadic_rows(column_set)
    assert len(rows) == 4  # three events, one with two actors
    path = write_export(tmp_path / "monadic.csv", rows, monadic_columns(column_set), newline=newline)
    events = analysis.load_acled(path)
    same(events, clean(tmp_path, column_set))
    assert events.loc[0, "actor2"] == "Test Actor B" and events.loc[0, "assoc_actor_2"] == "Test Ally"
    assert events["actor2"].isna().tolist() == [False, True, True]  # an event with one row has no second actor


def test_monadic_rows_of_an_event_need_not_be_adjacent(tmp_path):
    rows = monadic_rows("current")
    rows.append(rows.pop(1))  # actor2's row of TST1 last
    events = analysis.load_acled(export(tmp_path, rows, "current", columns=monadic_columns("current")))
    same(events, clean(tmp_path, "current"))


def test_monadic_without_interaction_derives_it(tmp_path):
    columns = monadic_columns("current", (*MONADIC_DROPS, "interaction"))
    events = analysis.load_acled(export(tmp_path, monadic_rows("current"), "current", columns=columns))
    assert events["interaction"].tolist() == ["Political militia-External/Other forces", "Political militia only",
                                              "Protesters only"]


def test_monadic_rows_that_disagree_are_named_with_both_lines(tmp_path):
    rows = monadic_rows("current")
    rows[1]["fatalities"] = "12"  # actor2's row of TST1 (line 3) gives other fatalities than line 2
    message = refused(export(tmp_path, rows, "current", columns=monadic_columns("current")))
    assert ("line 2, column 'fatalities': '10' differs from line 3, the event's second row, which gives '12'; "
            "the rows of one event must agree") in message


def test_a_third_row_of_a_monadic_event_is_refused(tmp_path):
    rows = monadic_rows("current")
    rows.append(dict(rows[1], actor1="Test Actor Z"))  # line 7 (TST2 takes lines 4-5)
    message = refused(export(tmp_path, rows, "current", columns=monadic_columns("current")))
    assert "line 2, column 'event_id_cnty': 'TST1' has a third row for another actor on line 7" in message


# --- semicolons -----------------------------------------------------------------------------------------

def semicolon_export(path, rows, columns, newline="\n", quoting=csv.QUOTE_MINIMAL):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter=";", lineterminator=newline, quoting=quoting)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("column_set", SETS)
def test_semicolon_file_is_detected_and_reads_decimal_commas(tmp_path, column_set, newline):
    rows = rows_of(column_set)
    for row in rows:
        row["latitude"], row["longitude"] = row["latitude"].replace(".", ","), row["longitude"].replace(".", ",")
    path = semicolon_export(tmp_path / "semicolon.csv", rows, COLUMN_SETS[column_set], newline)
    same(analysis.load_acled(path), clean(tmp_path, column_set))
    same(analysis.load_acled(path, sep=";"), clean(tmp_path, column_set))


def test_semicolon_file_with_every_value_quoted(tmp_path):
    path = semicolon_export(tmp_path / "quoted.csv", rows_of("current"), COLUMN_SETS["current"], quoting=csv.QUOTE_ALL)
    same(analysis.load_acled(path), clean(tmp_path, "current"))


def test_semicolon_file_problems_name_line_and_column(tmp_path):
    rows = rows_of("current")
    rows[2]["fatalities"] = "many"
    path = semicolon_export(tmp_path / "semicolon.csv", rows, COLUMN_SETS["current"])
    assert "line 5, column 'fatalities': 'many' is not a whole number" in refused(path)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("TST9;2020-01-01;2020\n")  # a record cut off: 3 of 31 fields
    message = refused(path)  # the record cut off, shown as the file writes it, with the other records' problems
    assert "line 5, column 'fatalities': 'many' is not a whole number" in message
    assert "line 6: 'TST9;2020-01-01;2020' is truncated: the last record has only 3 of the header's 31 fields" in message


def test_sep_must_be_a_comma_or_a_semicolon(tmp_path):
    with pytest.raises(ValueError, match="sep must be"):
        analysis.load_acled(export(tmp_path, rows_of("current"), "current"), sep="\t")


# --- a last record cut off and padded ---------------------------------------------------------------------

def padded(tmp_path, column_set):
    rows = rows_of(column_set)
    columns = COLUMN_SETS[column_set]
    cut = columns.index("location")
    rows[2]["location"] = "Test ci"  # the value stops mid-word, every field after it is empty
    for name in columns[cut + 1:]:
        rows[2][name] = ""
    return export(tmp_path, rows, column_set), columns[cut + 1:]


@pytest.mark.parametrize("column_set", SETS)
def test_a_padded_last_record_is_named_truncated_once(tmp_path, column_set):
    path, after = padded(tmp_path, column_set)
    message = refused(path)
    assert (f"line 5, column 'location': 'Test ci' is truncated: the last record stops in column 'location' and "
            f"its {len(after)} fields after it are empty") in message
    assert "is empty; a value is required" not in message
    with pytest.warns(errors.DroppedRowsWarning):
        events = analysis.load_acled(path, invalid="drop")
    assert events["event_id"].tolist() == ["TST1", "TST2"]
    assert events.attrs["dropped"].table["line"].tolist() == [5]


def test_a_last_record_with_one_empty_required_value_is_not_truncated(tmp_path):
    rows = rows_of("current")
    rows[2]["timestamp"] = ""
    message = refused(export(tmp_path, rows, "current"))
    assert "line 5, column 'timestamp': '' is empty; a value is required" in message and "truncated" not in message


# --- a sub-event type the codebook does not list -------------------------------------------------------------

def test_a_new_sub_event_type_is_refused_by_default_and_loaded_with_a_warning(tmp_path):
    rows = rows_of("current")
    rows[0]["sub_event_type"] = "Drone swarm"
    path = export(tmp_path, rows, "current")
    assert "line 2, column 'sub_event_type': 'Drone swarm' is not allowed" in refused(path)
    with pytest.warns(NewValuesWarning, match=r"1 sub-event type\(s\) outside ACLED's codebook vocabulary: 'Drone swarm'") as caught:
        events = analysis.load_acled(path, new_sub_event_types="warn")
    assert caught[0].filename == __file__  # the caller's line, not the package's
    assert events["sub_event_type"].tolist() == ["Drone swarm", "Shelling/artillery/missile attack", "Peaceful protest"]
    assert "Drone swarm" in events["sub_event_type"].cat.categories
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a file within the vocabulary loads without a warning
        same(analysis.load_acled(export(tmp_path, rows_of("current"), "current", name="ok.csv"),
                                 new_sub_event_types="warn"), clean(tmp_path, "current"))


def test_a_monadic_event_whose_rows_disagree_is_dropped_on_request(tmp_path):
    rows = monadic_rows("current")
    rows[1]["fatalities"] = "12"
    path = export(tmp_path, rows, "current", columns=monadic_columns("current"))
    with pytest.warns(errors.DroppedRowsWarning):
        events = analysis.load_acled(path, invalid="drop")
    assert events["event_id"].tolist() == ["TST2", "TST3"]
    assert events.attrs["dropped"].table["line"].tolist() == [2]


def test_a_json_record_with_empty_values_is_not_called_truncated(tmp_path):
    import json

    rows = rows_of("current")
    for name in ("fatalities", "timestamp"):
        rows[2][name] = None
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"status": 200, "success": True, "data": rows}), encoding="utf-8")
    message = refused(path)
    assert "line 4, column 'fatalities': '' is empty; a value is required" in message and "truncated" not in message


def test_an_oversized_field_of_a_second_monadic_row_is_named_on_its_event(tmp_path):
    from analysis.io.csv_scan import MAX_FIELD_BYTES

    rows = monadic_rows("current")
    rows[1]["actor1"] = "x" * (MAX_FIELD_BYTES + 1)  # actor2 of TST1
    message = refused(export(tmp_path, rows, "current", columns=monadic_columns("current")))
    assert "line 2, column 'actor2': 'xxx" in message and "the most a field may hold" in message
