"""The bad-input corpus: each test breaks one thing in a valid table.

Every broken file must raise DataError with a message naming the file, the
line, the column and the bad value; harmless variants (byte-order mark, CRLF
line ends, whitespace around values) must load exactly like the clean file.
"""

from __future__ import annotations

import pandas as pd
import pytest

import analysis
from analysis import DataError, schema
from conftest import LOADERS

TABLES = list(LOADERS)


def load(mini, table):
    return LOADERS[table](mini.path(table))


def raises(mini, table) -> DataError:
    with pytest.raises(DataError) as info:
        load(mini, table)
    return info.value


def assert_names(error: DataError, mini, table, *, line=None, column=None, value=None, rule=None):
    message = str(error)
    assert str(mini.path(table)) in message
    if line is not None:
        assert f"line {line}" in message, message
    if column is not None:
        assert repr(column) in message, message
    if value is not None:
        assert repr(str(value)) in message, message
    if rule is not None:
        assert rule in message, message
    assert "Traceback" not in message


# --- whole-file problems, for every table ------------------------------------------------

@pytest.mark.parametrize("table", TABLES)
def test_missing_required_column(mini, table):
    dropped = schema.TABLES[table].columns[1].name
    columns = [c for c in schema.TABLES[table].column_names if c != dropped]
    from conftest import write_csv

    write_csv(mini.path(table), [{k: v for k, v in r.items() if k != dropped} for r in mini.rows[table]], columns)
    assert_names(raises(mini, table), mini, table, line=1, column=dropped, rule="missing")


@pytest.mark.parametrize("table", TABLES)
def test_duplicated_column(mini, table):
    path = mini.path(table)
    lines = path.read_text(encoding="utf-8").splitlines()
    repeated = schema.TABLES[table].column_names[0]
    lines = [lines[0] + "," + repeated] + [line + ",x" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_names(raises(mini, table), mini, table, line=1, column=repeated, rule="duplicated column")


@pytest.mark.parametrize("table", TABLES)
def test_empty_file(mini, table):
    mini.path(table).write_bytes(b"")
    assert_names(raises(mini, table), mini, table, line=1, rule="empty")


@pytest.mark.parametrize("table", TABLES)
def test_header_without_rows(mini, table):
    path = mini.path(table)
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert_names(raises(mini, table), mini, table, line=1, rule="no records")


@pytest.mark.parametrize("table", TABLES)
def test_truncated_last_line(mini, table):
    path = mini.path(table)
    text = path.read_text(encoding="utf-8").rstrip("\n")
    last = text.splitlines()[-1]
    cut = text[: len(text) - len(last)] + last.split(",")[0]
    path.write_text(cut, encoding="utf-8")
    error = raises(mini, table)
    assert_names(error, mini, table, line=len(text.splitlines()), rule="fields")
    assert error.line == len(text.splitlines())


@pytest.mark.parametrize("table", TABLES)
def test_wrong_delimiter(mini, table):
    path = mini.path(table)
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    assert_names(raises(mini, table), mini, table, line=1, rule="separated by ';'")


@pytest.mark.parametrize("table", TABLES)
def test_latin1_bytes(mini, table):
    text_column = next(c.name for c in schema.TABLES[table].columns if c.kind == "text")
    mini.rows[table][0][text_column] = "Caf\u00e9 " + mini.rows[table][0][text_column]
    mini.write(table)
    path = mini.path(table)
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    error = raises(mini, table)
    assert_names(error, mini, table, line=2, column=text_column, rule="0xE9")


@pytest.mark.parametrize("table", TABLES)
def test_utf16(mini, table):
    path = mini.path(table)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert_names(raises(mini, table), mini, table, line=1, rule="UTF-16")


# --- harmless variants load exactly like the clean file -----------------------------------

def _clean(mini, table) -> pd.DataFrame:
    frame = load(mini, table)
    frame.attrs = {}
    return frame


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize("variant", ["bom", "crlf", "whitespace"])
def test_harmless_variants_load_the_same(mini, table, variant):
    clean = _clean(mini, table)
    path = mini.path(table)
    text = path.read_text(encoding="utf-8")
    if variant == "bom":
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    elif variant == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    else:
        for row in mini.rows[table]:
            for key, value in row.items():
                row[key] = f"  {value} " if value else value
        mini.write(table)
    changed = _clean(mini, table)
    assert len(changed) == len(mini.rows[table])
    pd.testing.assert_frame_equal(changed, clean)


# --- one bad value at a time ------------------------------------------------------------

BAD_VALUES = [
    # (table, row, column, bad value, words of the rule)
    ("events", 0, "date_end", "2020-02-30", "not a real day"),
    ("events", 0, "date_start", "11/03/2020", "not a real day"),
    ("sources", 0, "published_start", "2020-02-30", "not a real day"),
    ("troop_levels", 0, "date_end", "2020-13-01", "not a real day"),
    ("events", 0, "fatalities", "-1", "whole number"),
    ("events", 0, "projectiles_low", "2.5", "whole number"),
    ("casualties", 0, "count_low", "-2", "whole number"),
    ("troop_levels", 0, "count_high", "5500.5", "whole number"),
    ("reported_totals", 0, "count_low", "a dozen", "whole number"),
    ("events", 0, "event_type", "Bombing", "not allowed"),
    ("events", 0, "time_precision", "5", "not allowed"),
    ("events", 0, "category", "skirmish", "not allowed"),
    ("events", 0, "weekday", "Sat", "not allowed"),
    ("casualties", 0, "group", "Martians", "not allowed"),
    ("casualties", 0, "outcome", "missing", "not allowed"),
    ("troop_levels", 0, "force", "NATO", "not allowed"),
    ("troop_levels", 0, "qualifier", "roughly", "not allowed"),
    ("reports", 0, "claim_field", "weather", "not allowed"),
    ("bases", 0, "geo_precision", "4", "not allowed"),
    ("events", 0, "sub_event_type", "Peaceful protest", "not a sub-event type of"),
    ("events", 0, "latitude", "51.5", "outside the region"),
    ("events", 0, "longitude", "-0.1", "outside the region"),
    ("bases", 0, "longitude", "100", "outside the region"),
    ("events", 0, "latitude", "north", "not a number"),
    ("sources", 0, "sha256", "abc", "SHA-256"),
    ("events", 0, "notes", "", "a value is required"),
    ("reports", 0, "quote", "", "a value is required"),
    ("reports", 0, "event_id", "EV999", "does not match any id in the events table"),
    ("reports", 0, "doc_id", "doc_z", "does not match any id in the sources table"),
    ("casualties", 0, "event_id", "EV404", "does not match any id in the events table"),
    ("events", 0, "base_id", "nowhere", "does not match any id in the bases table"),
    ("troop_levels", 0, "doc_id", "doc_z", "does not match any id in the sources table"),
    ("reports", 0, "quote", "Rockets hit Camp Taji on March 12", "does not appear verbatim"),
    ("casualties", 0, "quote", "killing three US soldiers", "does not appear verbatim"),
    ("bases", 0, "quote", "Rockets hit Camp Tajj", "does not appear verbatim"),
    ("bases", 0, "quote", "a", "too short to identify a passage"),
    ("reports", 0, "quote", "Camp Taji", "at least 3 words and 12 characters"),
    ("sources", 0, "file_name", "doc_b.txt", "does not exist"),
    ("events", 0, "date_start_from", "the text", "not a date origin"),
    ("events", 1, "date_start_from", "EV001", "not a date origin"),
    ("reported_totals", 0, "date_end_from", "publication", "not a date origin"),
    ("troop_levels", 0, "date_start_from", "", "a value is required"),
]


@pytest.mark.parametrize("table,row,column,value,rule", BAD_VALUES, ids=lambda v: str(v)[:30])
def test_bad_value(mini, table, row, column, value, rule):
    mini.rows[table][row][column] = value
    mini.write(table)
    error = raises(mini, table)
    assert_names(error, mini, table, line=row + 2, column=column, value=value if value else None, rule=rule)
    assert error.line == row + 2 and error.column == column


def test_an_event_with_a_weekday_has_its_dates_on_it(mini):
    # "a Saturday" between Saturday 14 and Saturday 21 March: both ends and event_date are Saturdays
    mini.rows["events"][1].update(date_start="2020-03-14", date_end="2020-03-21", event_date="2020-03-14",
                                  time_precision="3", weekday="Saturday")
    mini.write("events")
    assert load(mini, "events")["weekday"].astype("string").tolist() == [pd.NA, "Saturday"]
    mini.rows["events"][0]["weekday"] = "Saturday"  # 11 March 2020 was a Wednesday
    mini.write("events")
    error = raises(mini, "events")
    assert_names(error, mini, "events", line=2, column="date_start", value="2020-03-11",
                 rule="is a Wednesday, not a Saturday")
    assert {(column, value) for _, column, value, _ in error.problems} == {
        ("date_start", "2020-03-11"), ("date_end", "2020-03-11"), ("event_date", "2020-03-11")}


@pytest.mark.parametrize(
    "table,start,end",
    [("events", "date_start", "date_end"), ("sources", "published_start", "published_end"),
     ("troop_levels", "date_start", "date_end"), ("reported_totals", "date_start", "date_end")],
)
def test_range_that_ends_before_it_starts(mini, table, start, end):
    mini.rows[table][0][start] = "2020-03-21"
    mini.rows[table][0][end] = "2020-03-01"
    if table == "events":
        mini.rows[table][0]["event_date"] = "2020-03-01"
    mini.write(table)
    assert_names(raises(mini, table), mini, table, line=2, column=end, value="2020-03-01", rule="before")


@pytest.mark.parametrize(
    "table,low,high", [("casualties", "count_low", "count_high"), ("events", "projectiles_low", "projectiles_high"),
                       ("troop_levels", "count_low", "count_high")]
)
def test_low_above_high(mini, table, low, high):
    mini.rows[table][0][low] = "30"
    mini.rows[table][0][high] = "20"
    mini.write(table)
    assert_names(raises(mini, table), mini, table, line=2, column=low, value="30", rule="greater than")


def test_event_date_outside_range_and_wrong_precision(mini):
    mini.rows["events"][1]["event_date"] = "2020-03-30"
    mini.rows["events"][0]["time_precision"] = "2"
    mini.write("events")
    error = raises(mini, "events")
    assert_names(error, mini, "events", line=3, column="event_date", value="2020-03-30", rule="outside")
    assert_names(error, mini, "events", line=2, column="time_precision", value="2", rule="does not match the date range")
    assert len(error.problems) == 2


def test_only_one_coordinate(mini):
    mini.rows["events"][0]["longitude"] = ""
    mini.write("events")
    assert_names(raises(mini, "events"), mini, "events", line=2, column="longitude", rule="give both or neither")


@pytest.mark.parametrize("table", TABLES)
def test_duplicate_id(mini, table):
    key = schema.TABLES[table].key
    mini.rows[table].append(dict(mini.rows[table][0]))
    mini.write(table)
    line = len(mini.rows[table]) + 1
    error = raises(mini, table)
    assert_names(error, mini, table, line=line, column=key, value=mini.rows[table][0][key], rule="duplicate id (also on line 2)")


@pytest.mark.parametrize(
    "table,row,column,value,rule",
    [("events", 1, "date_start_from", "event EV009", "names an event that is not in the events table"),
     ("events", 0, "date_end_from", "event EV001", "names the row's own event"),
     ("events", 1, "date_end_from", "document doc_z", "names a document that is not in the sources table"),
     ("reported_totals", 0, "date_start_from", "event EV404", "names an event that is not in the events table"),
     ("troop_levels", 1, "date_end_from", "document doc_b", "names a document that is not in the sources table")],
)
def test_dataset_refuses_a_date_origin_it_cannot_find(mini, table, row, column, value, rule):
    mini.rows[table][row][column] = value
    mini.write(table)
    load(mini, table)  # the form is valid: only the whole dataset can tell what the id names
    with pytest.raises(DataError) as info:
        analysis.load_dataset(mini.folder)
    assert_names(info.value, mini, table, line=row + 2, column=column, value=value, rule=rule)


def test_document_changed(mini):
    (mini.folder / "doc_a.txt").write_text("A different text.\n", encoding="utf-8")
    error = raises(mini, "sources")
    assert_names(error, mini, "sources", line=2, column="sha256", rule="the document changed")


def test_missing_sibling_table_is_named(mini):
    mini.path("events").unlink()
    error = raises(mini, "reports")
    assert "events.csv" in str(error) and "events=" in str(error)


def test_quoted_line_breaks_keep_line_numbers_right(mini):
    mini.rows["events"][0]["notes"] = "first line\nsecond line"
    mini.rows["events"][1]["fatalities"] = "-3"
    mini.write("events")
    error = raises(mini, "events")
    assert error.line == 4  # record 2 starts on line 4: record 1 spans lines 2-3


def test_every_problem_is_reported(mini):
    for row in mini.rows["casualties"]:
        row["group"] = "nobody"
        row["count_low"] = "-1"
    mini.write("casualties")
    error = raises(mini, "casualties")
    assert {(p[1], p[2]) for p in error.problems} == {("group", "nobody"), ("count_low", "-1")}
    assert "2 problems" in str(error)
