"""ACLED exports as analysts hold them: re-saved dates, numeric actor types, NA, added columns, JSON,
Excel, damaged files, and the opt-in that drops invalid records.

Every file is written here from invented rows (see test_acled.py), in both column sets where the case
applies; a variant must load to the same frame as the clean export, rows in equal rows out.
"""

from __future__ import annotations

import copy
import csv
import json
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from test_acled import CURRENT_ROWS, older_rows, refused, write_export

import analysis
import analysis.errors as errors
from analysis import DataError, schema
from analysis.io.acled import ACTOR_TYPES, COLUMN_SETS
from analysis.io.workbooks import OtherSheetsWarning

SETS = ["current", "older"]


def rows_of(column_set: str) -> list[dict[str, str]]:
    return copy.deepcopy(CURRENT_ROWS) if column_set == "current" else older_rows()


def export(tmp_path, rows, column_set, name="export.csv", columns=None):
    return write_export(tmp_path / name, rows, columns or COLUMN_SETS[column_set])


def clean(tmp_path, column_set) -> pd.DataFrame:
    frame = analysis.load_acled(export(tmp_path, rows_of(column_set), column_set, name="clean.csv"))
    frame.attrs = {}
    return frame


def same(frame: pd.DataFrame, expected: pd.DataFrame) -> None:
    frame = frame.copy()
    frame.attrs = {}
    pd.testing.assert_frame_equal(frame, expected)


# The three invented events are on 2020-01-03, 2019-12-27 and 2020-02-15: each form, as a spreadsheet writes it.
SPREADSHEET_DATES = {
    "d-Mon-yy": ["3-Jan-20", "27-Dec-19", "15-Feb-20"],
    "dd-Mon-yy": ["03-Jan-20", "27-Dec-19", "15-Feb-20"],
    "d-m-yy": ["3-1-20", "27-12-19", "15-2-20"],
    "dd-mm-yy": ["03-01-20", "27-12-19", "15-02-20"],
    "mm/dd/yyyy": ["01/03/2020", "12/27/2019", "02/15/2020"],
    "m/d/yyyy": ["1/3/2020", "12/27/2019", "2/15/2020"],
    "dd/mm/yyyy": ["03/01/2020", "27/12/2019", "15/02/2020"],
    "d Month yyyy": ["3 January 2020", "27 December 2019", "15 February 2020"],
}


# --- 1. dates re-saved by a spreadsheet -----------------------------------------------------------------

@pytest.mark.parametrize("column_set", SETS)
@pytest.mark.parametrize("form", list(SPREADSHEET_DATES))
def test_spreadsheet_dates_load_like_iso_dates(tmp_path, column_set, form):
    rows = rows_of(column_set)
    for row, date in zip(rows, SPREADSHEET_DATES[form]):
        row["event_date"] = date
    events = analysis.load_acled(export(tmp_path, rows, column_set))
    assert len(events) == 3
    assert events["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-01-03", "2019-12-27", "2020-02-15"]
    assert str(events["event_date"].dtype) == "datetime64[ns]"
    same(events, clean(tmp_path, column_set))


def test_two_digit_years_take_the_century_of_the_year_column(tmp_path):
    rows = rows_of("current")
    rows[0].update(event_date="29-Feb-00", year="2000")  # a leap day in 2000, none in 1900
    rows[1].update(event_date="31-Dec-99", year="1999")
    events = analysis.load_acled(export(tmp_path, rows, "current"))
    assert events["event_date"].dt.strftime("%Y-%m-%d").tolist()[:2] == ["2000-02-29", "1999-12-31"]
    rows[0].update(year="1900")
    message = refused(export(tmp_path, rows, "current", name="1900.csv"))
    assert "line 2, column 'event_date': '29-Feb-00' is not a real day" in message


def test_a_two_digit_year_that_is_not_the_year_column_is_refused(tmp_path):
    rows = rows_of("current")
    rows[0]["event_date"] = "3-Jan-21"  # year says 2020
    message = refused(export(tmp_path, rows, "current"))
    assert "line 2, column 'year': '2020' is not the year of event_date" in message


AMBIGUOUS = ["01/03/2020", "12/02/2019", "02/01/2020"]  # no number above 12: day and month could swap


@pytest.mark.parametrize("column_set", SETS)
def test_ambiguous_day_order_is_refused_and_dayfirst_decides(tmp_path, column_set):
    rows = rows_of(column_set)
    for row, date in zip(rows, AMBIGUOUS):
        row["event_date"] = date
    path = export(tmp_path, rows, column_set)
    message = refused(path)
    assert "line 1, column 'event_date'" in message and "is ambiguous" in message
    assert "'01/03/2020' (line 2)" in message and "dayfirst=True" in message and "dayfirst=False" in message
    day_first = analysis.load_acled(path, dayfirst=True)
    month_first = analysis.load_acled(path, dayfirst=False)
    assert day_first["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-03-01", "2019-02-12", "2020-01-02"]
    assert month_first["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-01-03", "2019-12-02", "2020-02-01"]
    assert len(day_first) == len(month_first) == 3


def test_one_date_with_a_day_above_12_settles_the_order_for_the_file(tmp_path):
    rows = rows_of("current")
    for row, date in zip(rows, ["01/03/2020", "27/12/2019", "02/01/2020"]):
        row["event_date"] = date
    events = analysis.load_acled(export(tmp_path, rows, "current"))
    assert events["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-03-01", "2019-12-27", "2020-01-02"]


def test_both_orders_in_one_file_are_refused(tmp_path):
    rows = rows_of("current")
    for row, date in zip(rows, ["03/01/2020", "27/12/2019", "02/15/2020"]):
        row["event_date"] = date
    message = refused(export(tmp_path, rows, "current"))
    assert "mixes day-first dates ('27/12/2019' on line 3) and month-first dates ('02/15/2020' on line 5)" in message


def test_a_forced_order_that_a_date_contradicts_names_the_date(tmp_path):
    rows = rows_of("current")
    for row, date in zip(rows, SPREADSHEET_DATES["dd/mm/yyyy"]):
        row["event_date"] = date
    message = refused(export(tmp_path, rows, "current"), dayfirst=False)
    assert "line 3, column 'event_date': '27/12/2019' is not a real day" in message
    assert "line 5, column 'event_date': '15/02/2020' is not a real day" in message  # record 1 spans two lines


# --- 2. numeric actor types in the current column set -----------------------------------------------------

def test_numeric_actor_types_in_a_current_export_become_their_names(tmp_path):
    codes = {name: str(code) for code, name in enumerate(ACTOR_TYPES, start=1)} | {"": "0"}
    rows = rows_of("current")
    for row in rows:
        row["inter1"], row["inter2"] = codes[row["inter1"]], codes[row["inter2"]]
    assert [r["inter1"] for r in rows] == ["8", "3", "6"] and [r["inter2"] for r in rows] == ["3", "0", "0"]
    events = analysis.load_acled(export(tmp_path, rows, "current"))
    assert events["inter1"].tolist() == ["External/Other forces", "Political militia", "Protesters"]
    assert events["inter2"].tolist()[0] == "Political militia" and events["inter2"].isna().tolist() == [False, True, True]
    same(events, clean(tmp_path, "current"))


@pytest.mark.parametrize("column, value", [("inter1", "0"), ("inter1", "9"), ("inter2", "10")])
def test_actor_type_codes_outside_1_to_8_are_refused(tmp_path, column, value):
    rows = rows_of("current")
    rows[0][column] = value
    message = refused(export(tmp_path, rows, "current"))
    assert f"line 2, column {column!r}: {value!r} is not allowed; expected one of 'State forces'" in message


# --- 3. missing values written NA -----------------------------------------------------------------------

NA_COLUMNS = ["actor2", "assoc_actor_1", "assoc_actor_2", "admin2", "admin3", "source"]


@pytest.mark.parametrize("column_set", SETS)
def test_na_is_read_as_missing_in_acled_columns(tmp_path, column_set):
    rows = rows_of(column_set)
    expected_rows = rows_of(column_set)
    extra = {"current": ["tags", "civilian_targeting", "inter2"], "older": ["iso3"]}[column_set]
    for row, expected in zip(rows, expected_rows):
        for column in NA_COLUMNS + extra:
            if row[column] in ("", "0") and not (column_set == "older" and column == "inter2"):
                row[column] = "NA"
    assert sum(v == "NA" for r in rows for v in r.values()) >= 10
    events = analysis.load_acled(export(tmp_path, rows, column_set))
    assert not (events.select_dtypes(include=["string", "object"]) == "NA").any().any()
    same(events, clean(tmp_path, column_set))


def test_na_in_a_required_column_is_refused_as_missing(tmp_path):
    rows = rows_of("current")
    rows[0]["actor1"] = "NA"
    rows[1]["fatalities"] = "NA"
    rows[2]["event_date"] = "NA"
    message = refused(export(tmp_path, rows, "current"))
    for line, column in ((2, "actor1"), (3, "fatalities"), (5, "event_date")):
        assert f"line {line}, column {column!r}: 'NA' is NA (R's mark of a missing value); a value is required" in message


def test_na_in_a_users_own_column_stays_text(tmp_path):
    rows = [dict(r, country_code="NA") for r in rows_of("current")]  # Namibia's ISO code, say
    events = analysis.load_acled(export(tmp_path, rows, "current", columns=[*COLUMN_SETS["current"], "country_code"]))
    assert events["country_code"].tolist() == ["NA"] * 3


# --- 4. columns a user added ------------------------------------------------------------------------------

@pytest.mark.parametrize("column_set", SETS)
def test_added_columns_are_kept_as_text_after_the_schema(tmp_path, column_set):
    columns = list(COLUMN_SETS[column_set])
    columns.insert(columns.index("admin2"), "countycode")
    rows = [dict(r, countycode=str(40 + i)) for i, r in enumerate(rows_of(column_set))]
    rows[2]["countycode"] = ""
    events = analysis.load_acled(export(tmp_path, rows, column_set, columns=columns))
    assert len(events) == 3
    assert list(events.columns).index("countycode") > len(schema.EVENTS.columns)  # after the schema's
    assert str(events["countycode"].dtype) == "string"
    assert events["countycode"].tolist()[:2] == ["40", "41"] and pd.isna(events["countycode"][2])
    same(events.drop(columns="countycode"), clean(tmp_path, column_set))


def test_an_unnamed_column_is_kept_like_pandas_names_it(tmp_path):
    columns = ["", *COLUMN_SETS["current"]]  # R's write.csv puts row names first, under an empty name
    rows = [dict(r, **{"": str(i)}) for i, r in enumerate(rows_of("current"), start=1)]
    events = analysis.load_acled(export(tmp_path, rows, "current", columns=columns))
    assert events["Unnamed: 0"].tolist() == ["1", "2", "3"]


def test_an_added_column_with_a_name_the_loader_derives_is_refused(tmp_path):
    rows = [dict(r, category="mine") for r in rows_of("current")]
    message = refused(export(tmp_path, rows, "current", columns=[*COLUMN_SETS["current"], "category"]))
    assert "line 1, column 'category'" in message and "rename them" in message


@pytest.mark.parametrize("column_set", SETS)
def test_a_header_without_a_required_column_is_still_refused(tmp_path, column_set):
    columns = [c for c in COLUMN_SETS[column_set] if c != "geo_precision"] + ["countycode"]
    message = refused(export(tmp_path, rows_of(column_set), column_set, columns=columns))
    assert "line 1, column 'geo_precision'" in message and f"closest to ACLED's {column_set} column set" in message


# --- 5. API responses saved as JSON ------------------------------------------------------------------------

def api_response(rows) -> dict:
    return {"status": 200, "success": True, "last_update": 12, "count": len(rows), "messages": [],
            "data": [{k: str(v) for k, v in r.items()} for r in rows], "filename": "acled"}


@pytest.mark.parametrize("column_set", SETS)
@pytest.mark.parametrize("shape", ["response", "list"])
def test_api_json_loads_like_the_csv(tmp_path, column_set, shape):
    rows = [{c: r[c] for c in COLUMN_SETS[column_set]} for r in rows_of(column_set)]
    document = api_response(rows) if shape == "response" else api_response(rows)["data"]
    path = tmp_path / "acled.json"
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    same(analysis.load_acled(path), clean(tmp_path, column_set))


def test_api_json_with_numbers_and_nulls_loads_like_the_csv(tmp_path):
    typed = []
    for r in rows_of("current"):
        record = {c: r[c] for c in COLUMN_SETS["current"]}
        for column in ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"):
            record[column] = int(record[column])
        record["latitude"], record["longitude"] = float(record["latitude"]), float(record["longitude"])
        record["admin3"] = None
        typed.append(record)
    path = tmp_path / "typed.json"
    path.write_text(json.dumps({"status": 200, "success": True, "count": 3, "data": typed}), encoding="utf-8")
    same(analysis.load_acled(path), clean(tmp_path, "current"))


@pytest.mark.parametrize("document, line, words", [
    ({"status": 403, "success": False, "error": {"message": "Access denied"}}, 1, "reports a failure"),
    ({"results": []}, 1, "not an ACLED API response"),
    ('{"status": 200, "success": true, "data": [{"event_id_cnty": "X"', 1, "is not valid JSON"),
    # a record that is not one is named with the other records' problems, once the header is ACLED's
    ([{c: CURRENT_ROWS[0][c] for c in COLUMN_SETS["current"]}, ["not", "a", "record"]], 3, "is not a JSON object"),
])
def test_broken_json_is_refused(tmp_path, document, line, words):
    path = tmp_path / "broken.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    message = refused(path)
    assert f"line {line}" in message and words in message


def test_json_record_without_a_field_is_named(tmp_path):
    rows = [{c: r[c] for c in COLUMN_SETS["current"]} for r in rows_of("current")]
    del rows[2]["notes"]
    path = tmp_path / "short.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    assert "line 4: has other fields than the first record: lacks notes" in refused(path)


def test_json_value_that_is_a_list_is_refused(tmp_path):
    rows = [{c: r[c] for c in COLUMN_SETS["current"]} for r in rows_of("current")]
    rows[1]["tags"] = ["a", "b"]
    path = tmp_path / "list.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    assert "line 3, column 'tags': '[\"a\", \"b\"]' is a JSON list or object" in refused(path)


# --- 6. Excel workbooks --------------------------------------------------------------------------------

def write_workbook(path, rows, columns, *, typed=False, notes=True):
    """Write the rows to the workbook's first sheet ('Sheet'), and a second sheet of notes unless told not to."""
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(columns))
    for row in rows:
        cells = []
        for column in columns:
            value = row[column]
            if typed and column in ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"):
                value = int(value)
            elif typed and column in ("latitude", "longitude"):
                value = float(value)
            elif typed and column == "event_date":
                value = pd.Timestamp(value).to_pydatetime()  # a date cell, as a spreadsheet stores it
            cells.append(value if value != "" else None)
        sheet.append(cells)
    if notes:
        book.create_sheet("notes").append(["a second sheet is read only when named"])
    book.save(path)
    return path


@pytest.mark.parametrize("column_set", SETS)
def test_excel_workbook_loads_like_the_csv(tmp_path, column_set):
    path = write_workbook(tmp_path / "acled.xlsx", rows_of(column_set), COLUMN_SETS[column_set])
    with pytest.warns(OtherSheetsWarning) as caught:
        frame = analysis.load_acled(path)
    same(frame, clean(tmp_path, column_set))
    [warned] = [w for w in caught if w.category is OtherSheetsWarning]
    assert warned.filename == __file__  # the caller's line, not the package's
    assert str(warned.message) == (
        f"{path}: read the sheet 'Sheet', the first one shown; the workbook shows other sheets too ('notes'): "
        "name the sheet to read with sheet=")


def test_excel_workbook_with_number_and_date_cells_loads_like_the_csv(tmp_path):
    path = write_workbook(tmp_path / "typed.xlsx", rows_of("current"), COLUMN_SETS["current"], typed=True, notes=False)
    same(analysis.load_acled(path), clean(tmp_path, "current"))


def test_excel_workbook_bad_value_names_the_sheet_row(tmp_path):
    rows = rows_of("current")
    rows[1]["fatalities"] = "many"
    path = write_workbook(tmp_path / "bad.xlsx", rows, COLUMN_SETS["current"], notes=False)
    assert "line 3, column 'fatalities': 'many' is not a whole number" in refused(path)


def workbook_of_sheets(path, *sheets):
    """Write a workbook of (title, state, rows) sheets, rows of ACLED's current columns; no rows: a note."""
    import openpyxl
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, state, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.sheet_state = state
        sheet.append(list(COLUMN_SETS["current"]) if rows else ["a note, not events"])
        for row in rows:
            sheet.append([row[c] or None for c in COLUMN_SETS["current"]])
    book.save(path)
    return path


@pytest.mark.parametrize("state", ["visible", "veryHidden"])  # "hidden" takes the path of "veryHidden"
def test_the_sheet_named_is_read_whatever_its_place_and_state(tmp_path, state):
    rows = rows_of("current")
    path = workbook_of_sheets(tmp_path / "acled.xlsx", ("About", "visible", []), ("Events", state, rows),
                              ("Old", "visible", rows[:1]))
    with warnings.catch_warnings():
        warnings.simplefilter("error", OtherSheetsWarning)  # a sheet named: no warning of the others
        frame = analysis.load_acled(path, sheet="Events")
    assert frame["event_id"].tolist() == [r["event_id_cnty"] for r in rows]
    others = "'Events', 'Old'" if state == "visible" else "'Old'"  # the sheets shown
    with pytest.warns(OtherSheetsWarning) as caught:
        assert "has columns but no records" in refused(path)  # without sheet: the first visible one
    [warned] = [w for w in caught if w.category is OtherSheetsWarning]
    assert f"read the sheet 'About', the first one shown; the workbook shows other sheets too ({others})" in str(
        warned.message)


def test_a_sheet_the_workbook_lacks_is_refused_naming_its_sheets(tmp_path):
    rows = rows_of("current")
    path = workbook_of_sheets(tmp_path / "acled.xlsx", ("Events 2020", "visible", rows), ("old", "hidden", rows))
    assert ("is an Excel workbook that has no sheet 'events 2021'; its sheets are 'Events 2020', 'old' (hidden): "
            "did you mean 'Events 2020'?") in refused(path, sheet="events 2021")
    message = refused(path, sheet="Notes")
    assert message.endswith("has no sheet 'Notes'; its sheets are 'Events 2020', 'old' (hidden)")
    with pytest.raises(ValueError, match="sheet must be the name of a workbook's sheet"):
        analysis.load_acled(path, sheet=0)


def test_the_sheet_is_passed_to_each_export_combined(tmp_path):
    rows = rows_of("current")
    first = workbook_of_sheets(tmp_path / "first.xlsx", ("About", "visible", []), ("Events", "visible", rows[:2]))
    second = workbook_of_sheets(tmp_path / "second.xlsx", ("Events", "visible", rows[1:]))
    frame = analysis.load_acled([first, second], sheet="Events")
    assert frame["event_id"].tolist() == [r["event_id_cnty"] for r in rows]


@pytest.mark.parametrize("name, what", [("acled.csv", "a CSV file"), ("acled.json", "a JSON file"),
                                        ("acled.parquet", "a Parquet file")])
def test_a_sheet_given_with_a_file_that_is_not_a_workbook_is_refused(tmp_path, name, what):
    rows = [{c: r[c] for c in COLUMN_SETS["current"]} for r in rows_of("current")]
    path = tmp_path / name
    if name.endswith(".csv"):
        write_export(path, rows, COLUMN_SETS["current"])
    elif name.endswith(".json"):
        path.write_text(json.dumps(rows), encoding="utf-8")
    else:
        pd.DataFrame(rows).to_parquet(path, index=False)
    assert (f"line 1: is {what}, not an Excel workbook: sheet='Events' names a sheet of a workbook (.xlsx); "
            "leave sheet out to read this file") in refused(path, sheet="Events")


def test_excel_without_openpyxl_says_what_to_install(tmp_path, monkeypatch):
    path = write_workbook(tmp_path / "acled.xlsx", rows_of("current"), COLUMN_SETS["current"])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    message = refused(path)
    assert "needs the optional package openpyxl" in message and "pip install openpyxl" in message


def test_old_excel_format_is_refused(tmp_path):
    path = tmp_path / "acled.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert "old Excel workbook (.xls); save it as .xlsx or as CSV" in refused(path)


# --- 7. a truncated last line ------------------------------------------------------------------------------

@pytest.mark.parametrize("column_set", SETS)
@pytest.mark.parametrize("cut_in", ["a plain field", "a quoted note"])
def test_truncated_last_record_is_named_as_truncated(tmp_path, column_set, cut_in):
    rows = rows_of(column_set)
    rows[2]["notes"] = "Invented test row, with a comma."  # quoted by the writer
    text = export(tmp_path, rows, column_set).read_text(encoding="utf-8")
    at = text.rindex("Invented test row, with") + 9 if cut_in == "a quoted note" else text.rindex("Test city") + 4
    cut = tmp_path / "cut.csv"
    cut.write_text(text[:at], encoding="utf-8")
    message = refused(cut)
    assert "line 5: " in message and "is truncated: the last record has only" in message
    assert "an interrupted download" in message


def test_a_file_cut_inside_the_last_quoted_value_is_refused_or_dropped(tmp_path):
    path = tmp_path / "quoted.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:  # every value quoted, as R writes it
        writer = csv.DictWriter(handle, fieldnames=COLUMN_SETS["older"], quoting=csv.QUOTE_ALL, lineterminator="\n")
        writer.writeheader()
        writer.writerows(older_rows())
    path.write_text(path.read_text(encoding="utf-8")[:-3], encoding="utf-8")  # ..."IR
    message = refused(path)
    # the record cut off is shown, as a ragged record is (its fields as read, the last one open to the end)
    assert "line 5: '9003,368,TST3," in message
    assert "has a double quote that opens a value which is never closed: the file ends inside it" in message
    with pytest.warns(errors.DroppedRowsWarning):
        events = analysis.load_acled(path, invalid="drop")
    assert events["event_id"].tolist() == ["TST1", "TST2"] and events.attrs["dropped"].table["line"].tolist() == [5]


# --- 8. the monadic layout: folded to one row per event, see test_acled_layouts.py ------------------------

# --- 9. counts in messages are true --------------------------------------------------------------------------

def many_rows(count: int) -> list[dict[str, str]]:
    return [dict(CURRENT_ROWS[0], event_id_cnty=f"TST{i}", notes="One line.") for i in range(count)]


def test_every_problem_is_counted_kept_and_the_rest_grouped_per_column(tmp_path):
    rows = many_rows(150)
    for row in rows:
        row["event_date"] = "Dec 31st 2020"
    rows[-1]["fatalities"] = "-5"
    with pytest.raises(DataError) as info:
        analysis.load_acled(export(tmp_path, rows, "current"))
    error = info.value
    message = str(error)
    assert ": 151 problems\n" in message
    assert message.count("\n  line ") == 10 and "line 2, column 'event_date': 'Dec 31st 2020' is not a real day" in message
    assert "... and 140 more in column 'event_date', all like 'Dec 31st 2020'" in message
    assert "... and 1 more in column 'fatalities', all like '-5'" in message
    assert len(error.problems) == 151
    assert [p[0] for p in error.problems if p[1] == "event_date"] == list(range(2, 152))
    assert (151, "fatalities", "-5") in [p[:3] for p in error.problems]
    assert all(p[0] != 1 for p in error.problems)  # nothing made up on the header's line


def test_values_of_different_shapes_are_shown_as_examples(tmp_path):
    rows = many_rows(14)
    for i, row in enumerate(rows):
        row["fatalities"] = ["x", "-1", "2.5"][i % 3]
    with pytest.raises(DataError) as info:
        analysis.load_acled(export(tmp_path, rows, "current"))
    assert "... and 4 more in column 'fatalities', for example " in str(info.value)
    assert len(info.value.problems) == 14


# --- 10. dropping invalid records, explicitly --------------------------------------------------------------

def damaged(tmp_path, column_set="current"):
    rows = many_rows(8) if column_set == "current" else [dict(older_rows()[0], event_id_cnty=f"TST{i}",
                                                              data_id=str(i)) for i in range(8)]
    rows[3]["event_id_cnty"] = ""  # line 5
    rows[5]["fatalities"] = "many"  # line 7
    text = export(tmp_path, rows, column_set).read_text(encoding="utf-8")
    path = tmp_path / "damaged.csv"
    path.write_text(text[: text.rstrip("\n").rindex("\n") + 40], encoding="utf-8")  # the last record cut off
    return path


@pytest.mark.parametrize("column_set", SETS)
def test_drop_returns_the_valid_records_and_reports_the_others(tmp_path, column_set):
    path = damaged(tmp_path, column_set)
    message = refused(path)  # the default stays strict
    assert "is truncated" in message
    with pytest.warns(errors.DroppedRowsWarning) as caught:
        events = analysis.load_acled(path, invalid="drop")
    assert len(caught) == 1 and caught[0].filename == __file__  # the caller's line, not the package's
    assert "dropped 3 of 8 records" in str(caught[0].message) and "first on line 5" in str(caught[0].message)
    assert len(events) == 5 and events["event_id"].tolist() == ["TST0", "TST1", "TST2", "TST4", "TST6"]
    dropped = events.attrs["dropped"].table
    assert dropped["line"].tolist() == [5, 7, 9]
    assert "column 'event_id_cnty': '' is empty; a value is required" in dropped["reasons"][0]
    assert "column 'fatalities': 'many' is not a whole number" in dropped["reasons"][1]
    assert "is truncated" in dropped["reasons"][2]
    assert dropped["fatalities"][1] == "many"
    assert len(events.attrs["dropped"]) == 3


@pytest.mark.parametrize("column_set", SETS)
def test_a_truncated_last_record_is_reported_with_the_other_problems(tmp_path, column_set):
    with pytest.raises(errors.DataError) as info:
        analysis.load_acled(damaged(tmp_path, column_set))
    assert [(p[0], p[1]) for p in info.value.problems] == [(5, "event_id_cnty"), (7, "fatalities"), (9, None)]
    message = str(info.value)
    assert "3 problems" in message and "line 7, column 'fatalities': 'many' is not a whole number" in message
    assert "line 9: " in message and "is truncated: the last record has only" in message


def test_dropped_records_survive_pandas_operations(tmp_path):
    with pytest.warns(errors.DroppedRowsWarning):
        events = analysis.load_acled(damaged(tmp_path), invalid="drop")
    both = pd.concat([events.iloc[:2], events.iloc[2:]])
    assert both.attrs["dropped"] is events.attrs["dropped"]
    assert events[events["fatalities"] > 0].attrs["dropped"] is events.attrs["dropped"]


def test_drop_keeps_a_clean_file_whole_without_warning(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        events = analysis.load_acled(export(tmp_path, rows_of("current"), "current"), invalid="drop")
    assert len(events) == 3 and "dropped" not in events.attrs


def test_drop_still_refuses_problems_of_the_whole_file(tmp_path):
    rows = rows_of("current")
    for row, date in zip(rows, AMBIGUOUS):
        row["event_date"] = date
    assert "is ambiguous" in refused(export(tmp_path, rows, "current"), invalid="drop")


def test_drop_refuses_a_file_without_one_valid_record(tmp_path):
    rows = many_rows(3)
    for row in rows:
        row["fatalities"] = "x"
    assert "3 problems" in refused(export(tmp_path, rows, "current"), invalid="drop")


def test_drop_works_on_parquet_and_json(tmp_path):
    rows = rows_of("current")
    rows[1]["latitude"] = "north"
    parquet = tmp_path / "bad.parquet"
    pd.DataFrame(rows).to_parquet(parquet, index=False)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    for source in (parquet, path):
        with pytest.warns(errors.DroppedRowsWarning):
            events = analysis.load_acled(source, invalid="drop")
        assert events["event_id"].tolist() == ["TST1", "TST3"]
        assert events.attrs["dropped"].table["line"].tolist() == [3]


def test_invalid_takes_raise_or_drop():
    with pytest.raises(ValueError, match="invalid must be 'raise' or 'drop'"):
        analysis.load_acled("x.csv", invalid="skip")


# --- the same rules for Parquet and the notebooks' data -------------------------------------------------------

def test_parquet_with_spreadsheet_dates_and_na_loads(tmp_path):
    rows = rows_of("current")
    for row, date in zip(rows, SPREADSHEET_DATES["d-Mon-yy"]):
        row["event_date"] = date
    rows[1]["admin2"] = "NA"
    parquet = tmp_path / "resaved.parquet"
    pd.DataFrame(rows).to_parquet(parquet, index=False)
    same(analysis.load_acled(parquet), clean(tmp_path, "current"))


def test_parquet_with_a_date_column_loads(tmp_path):
    frame = pd.read_csv(export(tmp_path, rows_of("current"), "current"))
    frame["event_date"] = pd.to_datetime(frame["event_date"])  # a timestamp column at midnight
    frame.to_parquet(tmp_path / "typed.parquet", index=False)
    same(analysis.load_acled(tmp_path / "typed.parquet"), clean(tmp_path, "current"))


def test_notebook_data_reads_an_api_json_export(tmp_path):
    rows = [{c: r[c] for c in COLUMN_SETS["current"]} for r in rows_of("current")]
    path = tmp_path / "acled.json"
    path.write_text(json.dumps(api_response(rows)), encoding="utf-8")
    from analysis.report import notebook_data

    data = notebook_data(path)
    assert len(data.events) == 3
    assert np.array_equal(data.events["fatalities"].to_numpy(dtype=int), [10, 1, 0])
