"""ACLED exports: both column sets load into the events schema; broken exports are refused.

The tests write their own small ACLED-format files (invented rows, not ACLED
data) in the current and the older column set, then break one thing at a time.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import DataError, schema
from analysis.io.acled import ACTOR_CODE_COLUMNS, ACTOR_TYPES, COLUMN_SETS, DATE_BASIS, PROJECT_COLUMNS
from analysis.io.acled_updates import ExportColumnsWarning

# One event per time precision code, in the current column set.
CURRENT_ROWS: list[dict[str, str]] = [
    {
        "event_id_cnty": "TST1", "event_date": "2020-01-03", "year": "2020", "time_precision": "1",
        "disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike", "actor1": "Test Actor A", "assoc_actor_1": "",
        "inter1": "External/Other forces", "actor2": "Test Actor B", "assoc_actor_2": "Test Ally",
        "inter2": "Political militia", "interaction": "External/Other forces-Political militia",
        "civilian_targeting": "", "iso": "368", "region": "Middle East", "country": "Iraq", "admin1": "Baghdad",
        "admin2": "Test district", "admin3": "", "location": "Test town", "latitude": "33.2625",
        "longitude": "44.2346", "geo_precision": "1", "source": "Test Wire", "source_scale": "International",
        "notes": "Invented test row: a strike, with a comma, and a \"quoted\" word.", "fatalities": "10", "tags": "",
        "timestamp": "1580000000",
    },
    {
        "event_id_cnty": "TST2", "event_date": "2019-12-27", "year": "2019", "time_precision": "2",
        "disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Test Actor C", "assoc_actor_1": "",
        "inter1": "Political militia", "actor2": "", "assoc_actor_2": "", "inter2": "",
        "interaction": "Political militia only", "civilian_targeting": "", "iso": "368", "region": "Middle East",
        "country": "Iraq", "admin1": "Kirkuk", "admin2": "", "admin3": "", "location": "Test base",
        "latitude": "35.5", "longitude": "44.2", "geo_precision": "2", "source": "Test Paper",
        "source_scale": "National", "notes": "Invented test row:\na note over two lines.", "fatalities": "1",
        "tags": "", "timestamp": "1580000001",
    },
    {
        "event_id_cnty": "TST3", "event_date": "2020-02-15", "year": "2020", "time_precision": "3",
        "disorder_type": "Demonstrations", "event_type": "Protests", "sub_event_type": "Peaceful protest",
        "actor1": "Protesters (Test)", "assoc_actor_1": "", "inter1": "Protesters", "actor2": "",
        "assoc_actor_2": "", "inter2": "", "interaction": "Protesters only", "civilian_targeting": "",
        "iso": "368", "region": "Middle East", "country": "Iraq", "admin1": "Basrah", "admin2": "", "admin3": "",
        "location": "Test city", "latitude": "30.5", "longitude": "47.8", "geo_precision": "3", "source": "Test Radio",
        "source_scale": "Local", "notes": "Invented test row.", "fatalities": "0", "tags": "crowd size=no report",
        "timestamp": "1580000002",
    },
]

LONG_DATES = {"2020-01-03": "3 January 2020", "2019-12-27": "27 December 2019", "2020-02-15": "15 February 2020"}
INTER_CODES = {"External/Other forces": "8", "Political militia": "3", "Protesters": "6", "": "0"}


def older_rows() -> list[dict[str, str]]:
    """Return the same events in the older column set (numeric inter codes, long dates)."""
    rows = []
    for number, row in enumerate(CURRENT_ROWS, start=1):
        old = {k: v for k, v in row.items() if k in COLUMN_SETS["older"]}
        old.update(
            data_id=str(9000 + number), event_id_no_cnty=str(number), iso3="IRQ",
            event_date=LONG_DATES[row["event_date"]], inter1=INTER_CODES[row["inter1"]],
            inter2=INTER_CODES[row["inter2"]], interaction=INTER_CODES[row["inter1"]] + INTER_CODES[row["inter2"]],
        )
        rows.append(old)
    return rows


def write_export(path: Path, rows: list[dict[str, str]], columns=None, *, encoding="utf-8", newline="\n") -> Path:
    """Write ACLED-format rows as CSV, quoting like ACLED's export tool (minimal quoting)."""
    columns = list(columns or rows[0])
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator=newline, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def current(tmp_path) -> Path:
    return write_export(tmp_path / "acled_current.csv", CURRENT_ROWS, COLUMN_SETS["current"])


@pytest.fixture
def older(tmp_path) -> Path:
    return write_export(tmp_path / "acled_older.csv", older_rows(), COLUMN_SETS["older"])


def broken(tmp_path, change: dict, row: int = 1, *, column_set="current") -> Path:
    """Write a current (or older) export with ``change`` applied to record ``row`` (0-based)."""
    rows = [dict(r) for r in (CURRENT_ROWS if column_set == "current" else older_rows())]
    rows[row].update(change)
    return write_export(tmp_path / f"broken_{column_set}.csv", rows, COLUMN_SETS[column_set])


def refused(path: Path, **kwargs) -> str:
    with pytest.raises(DataError) as info:
        analysis.load_acled(path, **kwargs)
    message = str(info.value)
    assert str(path) in message
    assert "Traceback" not in message
    return message


# --- valid exports ---------------------------------------------------------------------------

def test_current_export_has_the_events_schema_and_dtypes(current, mini):
    events = analysis.load_acled(current)
    coded = analysis.load_events(mini.path("events"))
    assert list(events.columns[: len(schema.EVENTS.columns)]) == schema.EVENTS.column_names
    for name in schema.EVENTS.column_names:
        assert events[name].dtype == coded[name].dtype, name
    assert len(events) == len(CURRENT_ROWS)
    assert events["event_id"].tolist() == ["TST1", "TST2", "TST3"]
    assert events["fatalities"].tolist() == [10, 1, 0]
    assert events["latitude"].tolist() == [33.2625, 35.5, 30.5]
    assert events["actor2"].isna().tolist() == [False, True, True]
    assert events["sub_event_type"].tolist() == [r["sub_event_type"] for r in CURRENT_ROWS]
    assert events["notes"][1] == "Invented test row:\na note over two lines."


def test_dates_become_ranges_by_time_precision(current):
    events = analysis.load_acled(current)
    ranges = list(zip(events["date_start"].dt.strftime("%Y-%m-%d"), events["date_end"].dt.strftime("%Y-%m-%d")))
    assert ranges == [("2020-01-03", "2020-01-03"), ("2019-12-24", "2019-12-30"), ("2020-02-01", "2020-02-29")]
    assert events["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-01-03", "2019-12-27", "2020-02-15"]
    assert events["time_precision"].tolist() == [1, 2, 3]
    assert events["date_basis"].tolist() == [DATE_BASIS[1], DATE_BASIS[2], DATE_BASIS[3]]
    # every range holds its event_date and fits the precision's span
    assert ((events["date_start"] <= events["event_date"]) & (events["event_date"] <= events["date_end"])).all()
    assert ((events["date_end"] - events["date_start"]).dt.days + 1).tolist() == [1, 7, 29]


def test_acled_columns_follow_under_their_own_names_with_the_actor_type_codes_after_the_types(current):
    events = analysis.load_acled(current)
    extras = [c for c in COLUMN_SETS["current"] if c not in schema.EVENTS.column_names]
    for name, code in ACTOR_CODE_COLUMNS.items():
        extras.insert(extras.index(name) + 1, code)
    assert list(events.columns[len(schema.EVENTS.columns):]) == extras
    assert events["source"].tolist() == ["Test Wire", "Test Paper", "Test Radio"]
    assert events["tags"].isna().tolist() == [True, True, False]
    assert str(events["source"].dtype) == "string"
    assert str(events["interaction"].dtype) == "string" and events["iso"].tolist() == ["368"] * 3


def test_event_id_cnty_is_kept_and_event_id_holds_the_same_value(current, tmp_path):
    events = analysis.load_acled(current)
    assert events["event_id_cnty"].tolist() == events["event_id"].tolist() == ["TST1", "TST2", "TST3"]
    # a frame joins another ACLED file by ACLED's identifier, as loaded
    later = write_export(tmp_path / "later.csv", [{**CURRENT_ROWS[1], "fatalities": "4"}], COLUMN_SETS["current"])
    joined = events.merge(analysis.load_acled(later), on="event_id_cnty", suffixes=("_old", "_new"))
    assert joined[["event_id_cnty", "fatalities_old", "fatalities_new"]].values.tolist() == [["TST2", 1, 4]]


def test_year_is_a_whole_number_and_timestamp_a_utc_time(current, older):
    for events in (analysis.load_acled(current), analysis.load_acled(older)):
        assert str(events["year"].dtype) == "Int64" and events["year"].tolist() == [2020, 2019, 2020]
        assert str(events["timestamp"].dtype) == "datetime64[s, UTC]"
        assert events["timestamp"].iloc[0] == pd.Timestamp(1580000000, unit="s", tz="UTC")
        assert (events["timestamp"] - pd.Timestamp(0, tz="UTC")).dt.total_seconds().tolist() == [
            1580000000, 1580000001, 1580000002]


def test_actor_types_are_the_codebooks_names_and_codes_in_both_column_sets(current, older, tmp_path):
    numeric = write_export(tmp_path / "numeric.csv", [{**r, "inter1": INTER_CODES[r["inter1"]],
                                                       "inter2": INTER_CODES[r["inter2"]]} for r in CURRENT_ROWS],
                           COLUMN_SETS["current"])
    for path in (current, older, numeric):
        events = analysis.load_acled(path)
        assert events["inter1"].tolist() == ["External/Other forces", "Political militia", "Protesters"], path.name
        assert list(events["inter1"].cat.categories) == list(ACTOR_TYPES)
        assert events["inter2"].iloc[0] == "Political militia" and events["inter2"].iloc[1:].isna().all()
        assert str(events["inter1_code"].dtype) == "Int64"
        assert events["inter1_code"].tolist() == [8, 3, 6]
        assert events["inter2_code"].tolist() == [3, 0, 0]  # 0: no second actor, ACLED's code for it
        # each code is the name's place in the codebook's list
        named = events["inter1"].astype(str).map(lambda name: ACTOR_TYPES.index(name) + 1)
        assert named.tolist() == events["inter1_code"].tolist()


def test_a_current_and_an_older_export_of_the_same_events_differ_only_in_interactions_form(current, older):
    changes = analysis.compare_acled(older, current)
    assert changes.added.empty and changes.deleted.empty
    assert changes.changed["field"].unique().tolist() == ["interaction"]  # each set's own form, kept as written
    with pytest.warns(ExportColumnsWarning, match="lacks disorder_type"):  # each set's own columns, all kept
        combined = analysis.combine_acled([older, current])
    assert isinstance(combined["inter1"].dtype, pd.CategoricalDtype) and str(combined["timestamp"].dtype) == (
        "datetime64[s, UTC]")


def test_project_columns_are_all_missing_and_dropping_them_leaves_acleds(current):
    events = analysis.load_acled(current)
    assert set(PROJECT_COLUMNS) <= set(schema.EVENTS.column_names)
    for name in PROJECT_COLUMNS:
        assert events[name].isna().all(), name
    assert list(events["category"].cat.categories) == list(schema.CATEGORIES)
    own = events.drop(columns=list(PROJECT_COLUMNS))
    derived = {"event_id", "date_start", "date_end", "date_basis", *ACTOR_CODE_COLUMNS.values()}
    assert set(own.columns) == set(COLUMN_SETS["current"]) | derived


def test_the_frames_columns_are_listed_in_docs(current, older):
    """docs/acled.md lists every column of the frame, in order, for both column sets."""
    text = (Path(__file__).resolve().parents[2] / "docs" / "acled.md").read_text(encoding="utf-8")
    table = text[text.index("| column | dtype | what it holds |"):]
    table = table[: table.index("\n\n")]
    listed = [line.split("|")[1].strip().strip("`") for line in table.splitlines()[2:]]
    for name in [c for c in listed if "`" in c]:  # a row of several columns
        listed[listed.index(name):listed.index(name) + 1] = name.replace("`", "").split(", ")
    new, old = (list(analysis.load_acled(path).columns) for path in (current, older))
    assert [c for c in listed if c in new] == new  # in the order of the current column set's frame
    assert set(listed) == set(new) | set(old)


def test_older_column_set_loads_the_same_events(current, older):
    new, old = analysis.load_acled(current), analysis.load_acled(older)
    pd.testing.assert_frame_equal(new[schema.EVENTS.column_names], old[schema.EVENTS.column_names])
    shared = ["event_id_cnty", "year", "inter1", "inter1_code", "inter2", "inter2_code", "timestamp"]
    pd.testing.assert_frame_equal(new[shared], old[shared])
    assert old["data_id"].tolist() == ["9001", "9002", "9003"]
    assert "disorder_type" not in old.columns


def test_byte_order_mark_and_crlf_load_equal(tmp_path, current):
    expected = analysis.load_acled(current)
    bom = write_export(tmp_path / "bom.csv", CURRENT_ROWS, COLUMN_SETS["current"], encoding="utf-8-sig")
    crlf = write_export(tmp_path / "crlf.csv", CURRENT_ROWS, COLUMN_SETS["current"], newline="\r\n")
    for path in (bom, crlf):
        pd.testing.assert_frame_equal(analysis.load_acled(path), expected, check_like=False, obj=path.name)


def test_whitespace_around_values_is_removed(tmp_path, current):
    rows = [{k: f" {v} " if v else v for k, v in r.items()} for r in CURRENT_ROWS]
    spaced = write_export(tmp_path / "spaced.csv", rows, COLUMN_SETS["current"])
    pd.testing.assert_frame_equal(analysis.load_acled(spaced), analysis.load_acled(current))


def test_columns_in_another_order_and_population_columns_are_accepted(tmp_path, current):
    columns = list(reversed(COLUMN_SETS["current"])) + ["population_best"]
    rows = [dict(r, population_best="1200") for r in CURRENT_ROWS]
    path = write_export(tmp_path / "reordered.csv", rows, columns)
    events = analysis.load_acled(path)
    expected = analysis.load_acled(current)
    pd.testing.assert_frame_equal(events[schema.EVENTS.column_names], expected[schema.EVENTS.column_names])
    assert events["population_best"].tolist() == ["1200"] * 3


@pytest.mark.parametrize("column_set", ["current", "older"])
def test_parquet_round_trip(tmp_path, column_set, current, older):
    csv_path = current if column_set == "current" else older
    parquet = tmp_path / f"{column_set}.parquet"
    pd.read_csv(csv_path).to_parquet(parquet, index=False)  # typed columns, as pandas infers them
    from_parquet = analysis.load_acled(parquet)
    from_csv = analysis.load_acled(csv_path)
    from_parquet.attrs, from_csv.attrs = {}, {}
    pd.testing.assert_frame_equal(from_parquet, from_csv)


def test_region_bounds_are_optional(tmp_path, current):
    far = broken(tmp_path, {"latitude": "51.5", "longitude": "-0.12"})
    assert analysis.load_acled(far)["latitude"][1] == 51.5
    message = refused(far, region=schema.REGION_BOUNDS)
    assert "line 3, column 'latitude': '51.5' is outside the region" in message
    assert "line 3, column 'longitude': '-0.12' is outside the region" in message


# --- broken exports ---------------------------------------------------------------------------
# (change to record 1, column named in the message, bad value, words of the rule); record 1
# starts on line 3 (after the header and record 0).

BAD_VALUES = [
    ({"event_date": "2020-02-30"}, "event_date", "2020-02-30", "is not a real day"),
    ({"event_date": "3rd January 2020"}, "event_date", "3rd January 2020", "is not a real day"),
    ({"event_date": "2020-01-32"}, "event_date", "2020-01-32", "is not a real day"),
    ({"event_date": "0000-01-01"}, "event_date", "0000-01-01", "is not a real day"),
    ({"event_date": ""}, "event_date", "", "a value is required"),
    ({"year": "2021"}, "year", "2021", "is not the year of event_date"),
    ({"time_precision": "4"}, "time_precision", "4", "expected one of '1', '2', '3'"),
    ({"time_precision": "day"}, "time_precision", "day", "expected one of '1', '2', '3'"),
    ({"event_type": "Bombing"}, "event_type", "Bombing", "is not allowed"),
    ({"sub_event_type": "Peaceful protest"}, "sub_event_type", "Peaceful protest",
     "is not a sub-event type of 'Explosions/Remote violence'"),
    ({"fatalities": "-1"}, "fatalities", "-1", "is not a whole number >= 0"),
    ({"fatalities": "2.5"}, "fatalities", "2.5", "is not a whole number >= 0"),
    ({"fatalities": "many"}, "fatalities", "many", "is not a whole number >= 0"),
    ({"fatalities": ""}, "fatalities", "", "a value is required"),
    ({"latitude": "95"}, "latitude", "95", "is outside the valid range"),
    ({"longitude": "44,2"}, "longitude", "44,2", "is not a number"),
    ({"latitude": ""}, "latitude", "", "a value is required"),
    ({"geo_precision": "0"}, "geo_precision", "0", "expected one of '1', '2', '3'"),
    ({"inter1": "Militia"}, "inter1", "Militia", "is not allowed"),
    ({"event_id_cnty": "TST1"}, "event_id_cnty", "TST1", "is a duplicate id (also on line 2)"),
    ({"actor1": ""}, "actor1", "", "a value is required"),
]


OLDER_BAD_VALUES = [
    ({"event_date": "30 February 2020"}, "event_date", "30 February 2020", "is not a real day"),
    ({"event_date": "27 Decembre 2019"}, "event_date", "27 Decembre 2019", "is not a real day"),
    ({"inter1": "State forces"}, "inter1", "State forces", "is not allowed"),
    ({"data_id": "x1"}, "data_id", "x1", "is not a whole number >= 0"),
    ({"time_precision": "0"}, "time_precision", "0", "expected one of '1', '2', '3'"),
]
CASES = [("current", *case) for case in BAD_VALUES] + [("older", *case) for case in OLDER_BAD_VALUES]


@pytest.mark.parametrize("column_set, change, column, value, rule", CASES, ids=[f"{s}-{c}" for s, c, *_ in CASES])
def test_bad_value(tmp_path, column_set, change, column, value, rule):
    message = refused(broken(tmp_path, change, column_set=column_set))
    assert f"line 3, column {column!r}: {value!r}" in message, message
    assert rule in message, message


def test_every_problem_is_reported_with_its_line(tmp_path):
    rows = [dict(r) for r in CURRENT_ROWS]
    rows[0]["fatalities"] = "x"
    rows[2]["event_type"] = "Bombing"
    path = write_export(tmp_path / "two.csv", rows, COLUMN_SETS["current"])
    with pytest.raises(DataError) as info:
        analysis.load_acled(path)
    # record 1 has a note over two lines, so record 2 starts on line 5
    assert sorted(p[:3] for p in info.value.problems) == [(2, "fatalities", "x"), (5, "event_type", "Bombing")]


def test_missing_column(tmp_path):
    columns = [c for c in COLUMN_SETS["current"] if c != "fatalities"]
    message = refused(write_export(tmp_path / "no_fatalities.csv", CURRENT_ROWS, columns))
    assert "line 1, column 'fatalities'" in message and "is not an ACLED export" in message
    assert "closest to ACLED's current column set but lacks fatalities" in message


def test_missing_column_of_one_set(tmp_path):
    columns = [c for c in COLUMN_SETS["current"] if c != "disorder_type"]
    message = refused(write_export(tmp_path / "no_disorder.csv", CURRENT_ROWS, columns))
    assert "line 1, column 'disorder_type'" in message
    assert "closest to ACLED's current column set but lacks disorder_type" in message


def test_unknown_column_set(tmp_path, mini):
    message = refused(mini.path("events"))  # the project's own events table is not an ACLED export
    assert "line 1: is not an ACLED export: the header is that of an events table of this package's schema: " \
           "load it with analysis.load_events; expected the current columns" in message
    # a current export with one column of the older set: that column is one more extra column
    mixed = [dict(r, data_id="1") for r in CURRENT_ROWS]
    events = analysis.load_acled(write_export(tmp_path / "mixed.csv", mixed, [*COLUMN_SETS["current"], "data_id"]))
    assert events.columns[-1] == "data_id" and events["data_id"].tolist() == ["1", "1", "1"]


def test_truncated_last_line(tmp_path, current):
    text = current.read_text(encoding="utf-8")
    cut = tmp_path / "cut.csv"
    cut.write_text(text[: text.rindex("Invented test row.")], encoding="utf-8")
    message = refused(cut)
    assert "line 5" in message and "is truncated: the last record has only 28 of the header's 31 fields" in message


def test_latin1_file(tmp_path):
    rows = [dict(r) for r in CURRENT_ROWS]
    rows[2]["location"] = "Test café"
    path = write_export(tmp_path / "latin1.csv", rows, COLUMN_SETS["current"], encoding="latin-1")
    message = refused(path)
    assert "line 5, column 'location'" in message and "not UTF-8" in message
    # the value shown is the field, not the start of its line, and the way to save the file is named
    assert "column 'location': 'Test café' contains the byte 0xE9" in message and "'CSV UTF-8 (Comma" in message
    rows[2]["location"], rows[2]["notes"] = "Test, café", "Après, the strike"  # quoted values with commas
    path = write_export(tmp_path / "latin1.csv", rows, COLUMN_SETS["current"], encoding="latin-1")
    with pytest.raises(DataError) as info:
        analysis.load_acled(path)
    assert (info.value.line, info.value.column, info.value.value) == (5, "location", "Test, café")


def test_utf16_file(tmp_path):
    path = write_export(tmp_path / "utf16.csv", CURRENT_ROWS, COLUMN_SETS["current"], encoding="utf-16")
    assert "UTF-16" in refused(path)


def test_semicolon_delimiter(tmp_path):
    path = tmp_path / "semicolon.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMN_SETS["current"], delimiter=";")
        writer.writeheader()
        writer.writerows(CURRENT_ROWS)
    # semicolons are read when the header shows them (tests/io/test_acled_layouts.py); commas can be insisted on
    assert "separated by ';'" in refused(path, sep=",")


def test_header_without_rows_and_empty_file(tmp_path):
    header_only = tmp_path / "header.csv"
    header_only.write_text(",".join(COLUMN_SETS["current"]) + "\n", encoding="utf-8")
    assert "no records" in refused(header_only)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert "empty" in refused(empty)


def test_missing_file(tmp_path):
    assert "file not found" in refused(tmp_path / "nowhere.csv")


def test_parquet_with_bad_values_names_the_row(tmp_path):
    rows = [dict(r) for r in CURRENT_ROWS]
    rows[2]["event_type"] = "Bombing"
    parquet = tmp_path / "bad.parquet"
    pd.DataFrame(rows).to_parquet(parquet, index=False)
    message = refused(parquet)
    assert "line 4, column 'event_type': 'Bombing'" in message


def test_not_a_parquet_file(tmp_path):
    fake = tmp_path / "fake.parquet"
    fake.write_bytes(b"not parquet at all")
    assert "could not be read as Parquet" in refused(fake)


def test_spreadsheet_day_numbers_and_times_are_named_and_the_accepted_forms_listed_once(tmp_path):
    from acled_files import write_acled_events

    from analysis.io.acled_dates import DATE_FORMS, DATE_RULE

    dates = [("43892", "2020"), ("43897", "2020"), ("02/03/2020 00:00", "2020"), ("2020-03-07T13:45:00", "2020"),
             ("Dec 31st 2019", "2019"), ("Jan 2nd 2020", "2020")]
    path = write_acled_events(tmp_path / "saved.csv", [{"event_date": day, "year": year} for day, year in dates])
    with pytest.raises(DataError) as info:
        analysis.load_acled(path)
    message = str(info.value)
    assert ("line 2, column 'event_date': '43892' looks like a spreadsheet's day number (43892 is 2020-03-02): "
            "the column was saved as numbers; format it as a date (yyyy-mm-dd)") in message
    assert "line 3, column 'event_date': '43897' looks like a spreadsheet's day number (43897 is 2020-03-07) (see line 2)" in message
    assert ("line 4, column 'event_date': '02/03/2020 00:00' has a time of day after the day; event_date is a day: "
            "format the column as a date without the time") in message
    assert "line 5, column 'event_date': '2020-03-07T13:45:00' has a time of day after the day (see line 4)" in message
    assert f"line 6, column 'event_date': 'Dec 31st 2019' {DATE_RULE}" in message
    assert ("line 7, column 'event_date': 'Jan 2nd 2020' is not a real day in a form ACLED exports or spreadsheets "
            "write (see line 6)") in message
    assert message.count(DATE_FORMS) == 1 and "line ?" not in message
    assert info.value.problems[5][3] == DATE_RULE  # the problems keep each rule whole
    shown = repr(info.value.problems)  # the problems as a list shows them, not an object's address
    assert shown.startswith("ProblemList(6 problems: [(2, 'event_date', '43892', \"looks like a spreadsheet's")
    assert shown.endswith(", ... and 3 more])")


def test_a_header_that_is_not_an_export_is_named_so_with_the_names_close_to_acleds(tmp_path):
    from acled_files import write_acled_events

    text = write_acled_events(tmp_path / "export.csv", [{"event_date": "2020-03-02"}]).read_text(encoding="utf-8")
    capital = tmp_path / "capital.csv"
    capital.write_text(text.replace(",fatalities,", ",Fatalities,", 1), encoding="utf-8")
    assert ("capital.csv, line 1, column 'fatalities': is not an ACLED export: the header is closest to ACLED's "
            "current column set but lacks fatalities (did you mean 'Fatalities'?); expected") in refused(capital)
    other = tmp_path / "other.csv"
    other.write_text("id,date,place,killed\n1,2020-03-02,Taji,2\n", encoding="utf-8")
    assert "other.csv, line 1: is not an ACLED export: the header has none of ACLED's columns; expected the current " \
           "columns (event_id_cnty, event_date" in refused(other)
    with pytest.raises(DataError) as info:
        analysis.load_events(tmp_path / "export.csv")  # an ACLED export given to the coded events' loader
    assert str(info.value).endswith("; it looks like an ACLED export (it has event_id_cnty): load it with "
                                    "analysis.load_acled")


def test_a_missing_file_is_named_without_a_line_with_the_folders_close_names(tmp_path):
    from acled_files import write_acled_events

    write_acled_events(tmp_path / "iraq_2019-2020.csv", [{"event_date": "2020-03-02"}])
    for load in (analysis.load_acled, lambda path: analysis.combine_acled([tmp_path / "iraq_2019-2020.csv", path])):
        with pytest.raises(DataError) as info:
            load(tmp_path / "iraq_2019_2020.csv")
        assert str(info.value) == f"{tmp_path / 'iraq_2019_2020.csv'}: file not found; did you mean 'iraq_2019-2020.csv'?"
    with pytest.raises(DataError) as info:
        analysis.load_acled(tmp_path / "exports" / "iraq.csv")
    assert str(info.value) == (f"{tmp_path / 'exports' / 'iraq.csv'}: file not found: the folder "
                               f"{str(tmp_path / 'exports')!r} does not exist either")
    assert info.value.line is None
