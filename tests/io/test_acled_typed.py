"""The typed pass of load_acled: the same frame as the text path for clean files, the text path for any other.

``load_acled`` first reads a file on typed columns (:mod:`analysis.io._typed`)
and falls back to the text path, which names every problem, when the file
is not plainly clean. These tests check that a clean file gives exactly the
text path's frame (values, dtypes, column order, attrs), that the typed pass
really ran on it, and that a file with one bad value anywhere still gets the
text path's message naming its line.
"""

from __future__ import annotations

import importlib.util
import string
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_acled import CURRENT_ROWS, broken, current, older, older_rows, write_export  # noqa: F401 (fixtures)
from test_acled_exports import SPREADSHEET_DATES

import analysis
from analysis import DataError, schema
from analysis.io import _typed, acled
from analysis.io.acled import COLUMN_SETS

ROOT = Path(__file__).resolve().parents[2]
#: Rows of the generated exports: enough for every shape the generator writes (dates, places, quoted notes); the
#: read blocks are made small where a test needs a file longer than its blocks.
ROWS = 600


def _generator():
    spec = importlib.util.spec_from_file_location("generate_acled", ROOT / "benchmarks" / "generate_acled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """Synthetic exports (the benchmark's generator) of both column sets, :data:`ROWS` rows each."""
    out = tmp_path_factory.mktemp("generated")
    generate = _generator().generate
    return {name: generate(ROWS, column_set=name, out=out) for name in COLUMN_SETS}


def typed_frame(path: Path, region=None) -> pd.DataFrame | None:
    """The frame of the typed pass alone, or None when it declines the file."""
    typed = _typed.read_typed(path, acled.RULES, region=region)
    return None if typed is None else acled._events_frame(*typed, path)


def text_frame(path: Path, region=None) -> pd.DataFrame:
    """The frame of the text path alone."""
    converted, dates, dropped = acled._read_text(path, region, None, "raise")
    return acled._events_frame(converted, dates, path, dropped)


def assert_text_path_only(path: Path) -> pd.DataFrame | None:
    """The typed pass declined the file, and load_acled gives the text path's frame or its very error."""
    assert typed_frame(path) is None, "the typed pass accepted a file it must leave to the text path"
    return assert_same_outcome(path)


def assert_same_outcome(path: Path) -> pd.DataFrame | None:
    """load_acled gives the text path's frame, or its very error (then None)."""
    try:
        expected = text_frame(path)
    except DataError as error:
        with pytest.raises(DataError) as info:
            analysis.load_acled(path)
        assert str(info.value) == str(error)
        return None
    assert_identical(analysis.load_acled(path), expected)
    return expected


def assert_identical(left: pd.DataFrame, right: pd.DataFrame) -> None:
    assert list(left.columns) == list(right.columns)
    assert list(left.dtypes) == list(right.dtypes)
    pd.testing.assert_frame_equal(left, right, check_exact=True)
    assert left.attrs == right.attrs


def refused_on_the_typed_pass(frame: pd.DataFrame, tmp_path: Path) -> tuple[DataError, int]:
    """Write ``frame`` (one record a line); the typed pass declines it and load_acled refuses it: the error, and
    the file's last line."""
    path = tmp_path / "bad_last_line.csv"
    frame.to_csv(path, index=False)
    assert typed_frame(path) is None  # the typed pass declined: the text path ran
    with pytest.raises(DataError) as info:
        analysis.load_acled(path)
    return info.value, len(frame) + 1  # one record a line, after the header


def assert_both_paths_agree(path: Path, region=None) -> pd.DataFrame:
    """The typed pass ran, and it, the text path and load_acled give the same frame."""
    fast = typed_frame(path, region)
    assert fast is not None, "the typed pass declined a clean file"
    assert_identical(fast, text_frame(path, region))
    assert_identical(analysis.load_acled(path, region=region), fast)
    return fast


# --- clean files: the typed pass gives the text path's frame ------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("column_set", list(COLUMN_SETS))
def test_generated_export_loads_the_same_on_both_paths(generated, column_set):
    events = assert_both_paths_agree(generated[column_set])  # the older set's dates are written '27 June 2017'
    assert len(events) == ROWS
    assert events["notes"].str.contains('"').any()  # quoted quotes and commas came through
    assert events["actor2"].isna().any() and events["admin3"].isna().any()


def test_large_files_are_screened_and_checked_in_threads_to_the_same_frame_and_declines(generated, tmp_path,
                                                                                         monkeypatch):
    small_files = typed_frame(generated["current"])  # under _THREADED_BYTES: in the calling thread
    stray = tmp_path / "stray.csv"
    stray.write_bytes(generated["current"].read_bytes().replace(b',"', b',"a"b', 1))
    assert typed_frame(stray) is None
    started = []
    monkeypatch.setattr(_typed, "_THREADED_BYTES", 0)
    monkeypatch.setattr(_typed, "ThreadPoolExecutor", lambda **kw: started.append(kw) or ThreadPoolExecutor(**kw))
    assert_identical(typed_frame(generated["current"]), small_files)
    assert typed_frame(stray) is None  # the screen's decline reaches the caller from its thread
    assert len(started) == 3  # the screen's pool and the checks' pool, then the screen's for the stray quote


@pytest.mark.slow
@pytest.mark.parametrize("column_set", list(COLUMN_SETS))
def test_generated_export_as_parquet_takes_the_typed_pass_too(generated, column_set, tmp_path):
    parquet = tmp_path / f"{column_set}.parquet"
    pd.read_csv(generated[column_set]).to_parquet(parquet, index=False)  # typed columns, as pandas infers them
    assert typed_frame(parquet) is None  # the CSV reader declines it
    fast = acled._read_typed_parquet(parquet, None)
    assert fast is not None, "the typed pass declined a clean Parquet file"
    events = acled._events_frame(*fast, parquet)
    assert_identical(events, text_frame(parquet))
    assert_identical(analysis.load_acled(parquet), events)
    csv_events = analysis.load_acled(generated[column_set])
    events.attrs, csv_events.attrs = {}, {}
    pd.testing.assert_frame_equal(events, csv_events)


def test_a_parquet_file_with_a_bad_value_is_named_by_the_text_path(generated, tmp_path):
    frame = pd.read_csv(generated["current"])
    frame.loc[len(frame) - 1, "event_type"] = "Riot"  # not ACLED's vocabulary
    parquet = tmp_path / "bad.parquet"
    frame.to_parquet(parquet, index=False)
    assert acled._read_typed_parquet(parquet, None) is None
    with pytest.raises(DataError, match=rf"bad.parquet, line {ROWS + 1}, column 'event_type': 'Riot' is not allowed"):
        analysis.load_acled(parquet)


def test_region_applies_on_the_typed_pass(generated):
    assert_both_paths_agree(generated["current"], region=schema.REGION_BOUNDS)
    # a region that leaves out part of the file: declined, and the text path names the events
    assert typed_frame(generated["current"], region=(33.0, 43.0, 25.0, 64.0)) is None
    with pytest.raises(DataError, match="is outside the region"):
        analysis.load_acled(generated["current"], region=(33.0, 43.0, 25.0, 64.0))


@pytest.mark.slow
def test_small_exports_of_the_tests_load_the_same(current, older, tmp_path):  # noqa: F811 (fixtures)
    spaced = write_export(tmp_path / "spaced.csv", [{k: f" {v} " if v else v for k, v in r.items()} for r in CURRENT_ROWS],
                          COLUMN_SETS["current"])
    bom = write_export(tmp_path / "bom.csv", CURRENT_ROWS, COLUMN_SETS["current"], encoding="utf-8-sig")
    crlf = write_export(tmp_path / "crlf.csv", CURRENT_ROWS, COLUMN_SETS["current"], newline="\r\n")
    reordered = write_export(tmp_path / "reordered.csv", [dict(r, population_best="1200") for r in CURRENT_ROWS],
                             list(reversed(COLUMN_SETS["current"])) + ["population_best"])
    for path in (current, bom, crlf, reordered, older):  # the older export's dates are written '27 December 2019'
        assert_both_paths_agree(path)
    # whitespace around whole numbers is left to the text path, which trims it
    assert typed_frame(spaced) is None
    assert_identical(analysis.load_acled(spaced), text_frame(spaced))


def test_text_columns_with_whitespace_are_trimmed_like_the_text_path(tmp_path):
    rows = [dict(r) for r in CURRENT_ROWS]
    rows[0].update(actor1="\u00a0Test Actor A\t", notes=" Invented ", admin3="   ", region="Middle East\u3000")
    rows[1].update(location=" Test base", inter2="  ", assoc_actor_1="\u00e9t\u00e9")  # non-ASCII, not space
    rows[2].update(event_type=" Protests ", time_precision="3 ")
    path = write_export(tmp_path / "padded.csv", rows, COLUMN_SETS["current"])
    events = assert_both_paths_agree(path)
    assert events["actor1"][0] == "Test Actor A" and events["notes"][0] == "Invented"
    assert pd.isna(events["admin3"][0]) and pd.isna(events["inter2"][1])
    assert events["assoc_actor_1"][1] == "\u00e9t\u00e9"


def test_quoted_line_breaks_across_read_blocks(tmp_path, monkeypatch):
    """Records whose notes span lines, read in blocks far smaller than the file."""
    rows = []
    for number in range(401):  # the last record on one line (a quote opened on the last line is declined)
        row = dict(CURRENT_ROWS[number % 3], event_id_cnty=f"TST{number}")
        row["notes"] = f"Note {number},\nover \"two\"\nor three lines." if number % 2 else "One line."
        rows.append(row)
    path = write_export(tmp_path / "multiline.csv", rows, COLUMN_SETS["current"])
    monkeypatch.setattr(_typed, "_MIN_BLOCK", 4096)
    monkeypatch.setattr(_typed, "_MAX_BLOCK", 4096)
    assert path.stat().st_size > 20 * 4096
    events = assert_both_paths_agree(path)
    assert events["notes"][1] == "Note 1,\nover \"two\"\nor three lines."


# --- spreadsheet dates: parsed once per distinct text on the typed pass -------------------------

_SPREADSHEET_FORMS = {  # the three test events (2020-01-03, 2019-12-27, 2020-02-15) in each form
    **SPREADSHEET_DATES,
    "dd.mm.yyyy": ["03.01.2020", "27.12.2019", "15.02.2020"],
    "yyyy/m/d": ["2020/1/3", "2019/12/27", "2020/2/15"],
    "mixed with ISO": ["2020-01-03", "27-Dec-19", "15 February 2020"],
}


@pytest.fixture(scope="module")
def spreadsheet_export(tmp_path_factory) -> Path:
    """The benchmark's generator with event_date as a spreadsheet saves it ('9-May-20'), :data:`ROWS` rows."""
    return _generator().generate(ROWS, out=tmp_path_factory.mktemp("excel"), event_dates="excel")


def test_spreadsheet_dates_load_the_same_on_both_paths(spreadsheet_export, generated):
    assert pd.read_csv(spreadsheet_export, usecols=["event_date"])["event_date"].str.fullmatch(r"\d+-[A-Z][a-z]{2}-\d\d").all()
    events = assert_both_paths_agree(spreadsheet_export)
    iso = analysis.load_acled(generated["current"])
    pd.testing.assert_series_equal(events["event_date"], iso["event_date"])


@pytest.mark.slow
@pytest.mark.parametrize("form", list(_SPREADSHEET_FORMS))
def test_each_date_form_loads_the_same_on_both_paths(tmp_path, form):
    rows = [dict(r, event_date=date) for r, date in zip(CURRENT_ROWS, _SPREADSHEET_FORMS[form])]
    events = assert_both_paths_agree(write_export(tmp_path / "dates.csv", rows, COLUMN_SETS["current"]))
    assert events["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["2020-01-03", "2019-12-27", "2020-02-15"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "dates, years",
    [
        (["01/03/2020", "12/02/2019", "02/01/2020"], None),  # ambiguous day order
        (["03/01/2020", "27/12/2019", "02/15/2020"], None),  # both orders
        (["3-Jan-21", "27-Dec-19", "15-Feb-20"], None),  # a two-digit year that is not the year column's
        (["29-Feb-00", "27-Dec-19", "15-Feb-20"], ["1900", "2019", "2020"]),  # no leap day in 1900
        (["31-Jun-20", "27-Dec-19", "15-Feb-20"], None),  # not a real day
        (["3-Jan-1899", "27-Dec-19", "15-Feb-20"], ["1899", "2019", "2020"]),  # before DATE_RANGE
        (["3-Janvier-20", "27-Dec-19", "15-Feb-20"], None),  # not a month's name
    ],
    ids=["ambiguous", "both orders", "wrong year", "no leap day", "31 June", "1899", "month"],
)
def test_dates_the_text_path_refuses_are_declined(tmp_path, dates, years):
    rows = [dict(r, event_date=date) for r, date in zip(CURRENT_ROWS, dates)]
    for row, year in zip(rows, years or []):
        row["year"] = year
    path = write_export(tmp_path / "dates.csv", rows, COLUMN_SETS["current"])
    assert typed_frame(path) is None
    assert_same_outcome(path)
    with pytest.raises(DataError):
        analysis.load_acled(path)


def test_one_date_text_in_two_centuries_is_left_to_the_text_path(tmp_path):
    """'1-Jan-20' is 1920 where year says 1920 and 2020 where it says 2020: parsed once, it fits one of them."""
    rows = [dict(r, event_date=date, year=year)
            for r, date, year in zip(CURRENT_ROWS, ["1-Jan-20", "1-Jan-20", "15-Feb-20"], ["1920", "2020", "2020"])]
    path = write_export(tmp_path / "dates.csv", rows, COLUMN_SETS["current"])
    assert typed_frame(path) is None
    events = assert_same_outcome(path)
    assert events["event_date"].dt.strftime("%Y-%m-%d").tolist() == ["1920-01-01", "2020-01-01", "2020-02-15"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "column, value, rule",
    [
        ("event_date", "31-Feb-20", "is not a real day"),
        ("event_date", "02/15/2020", "mixes day-first dates"),
        ("year", "2021", "is not the year of event_date"),
        ("fatalities", "many", "is not a whole number >= 0"),
    ],
)
def test_one_bad_value_on_the_last_line_of_a_spreadsheet_export_is_reported(spreadsheet_export, tmp_path, column,
                                                                            value, rule):
    frame = pd.read_csv(spreadsheet_export, dtype=str, keep_default_na=False)
    last = len(frame) - 1
    if column != "fatalities":  # the last record dated in 2020 (in the form of the value)
        frame.loc[last, ["event_date", "year"]] = ["5-Mar-20", "2020"]
    if value == "02/15/2020":  # a file of day-first numeric dates, but its last one
        frame["event_date"] = pd.to_datetime(frame["event_date"], format="%d-%b-%y").dt.strftime("%d/%m/%Y")
        frame["year"] = frame["event_date"].str[-4:]
        frame.loc[last, "year"] = "2020"
    frame.loc[last, column] = value
    error, last_line = refused_on_the_typed_pass(frame, tmp_path)
    assert f"line {last_line}" in str(error) and rule in str(error), str(error)
    if value != "02/15/2020":  # a file-level problem names both lines, on line 1
        assert (last_line, column, value) == error.problems[0][:3], str(error)


# --- files that are not clean: the text path runs and names the problem -----------------------

@pytest.mark.slow
@pytest.mark.parametrize(
    "column, value, rule",
    [
        ("fatalities", "many", "is not a whole number >= 0"),
        ("event_type", "Bombing", "is not allowed"),
        ("sub_event_type", "Peaceful protest", "is not a sub-event type of"),
        ("event_date", "2020-02-30", "is not a real day"),
        ("year", "1990", "is not the year of event_date"),
        ("latitude", "nan", "is not a number"),
        ("event_id_cnty", "IRQ1", "is a duplicate id (also on line 2)"),
        ("actor1", "", "a value is required"),
    ],
)
def test_one_bad_value_on_the_last_line_is_reported_with_its_line(generated, tmp_path, column, value, rule):
    clean = generated["current"]
    frame = pd.read_csv(clean, dtype=str, keep_default_na=False)
    if column == "sub_event_type":
        frame.loc[len(frame) - 1, "event_type"] = "Explosions/Remote violence"
    frame.loc[len(frame) - 1, column] = value
    error, last_line = refused_on_the_typed_pass(frame, tmp_path)
    assert (last_line, column, value) == error.problems[0][:3], str(error)
    assert f"line {last_line}, column {column!r}: {value!r}" in str(error)
    assert rule in str(error)


def test_bad_values_of_the_small_exports_are_declined(tmp_path):
    for change, column_set in [({"inter1": "Militia"}, "current"), ({"inter1": "State forces"}, "older"),
                               ({"data_id": "x1"}, "older"), ({"geo_precision": "0"}, "current"),
                               ({"event_date": "27 Decembre 2019"}, "older"), ({"fatalities": "-0"}, "current"),
                               ({"fatalities": "\uff11"}, "current"), ({"year": "+2019"}, "current")]:
        path = broken(tmp_path, change, column_set=column_set)
        assert typed_frame(path) is None, change
        with pytest.raises(DataError):
            analysis.load_acled(path)


def test_columns_of_a_users_own_are_kept_as_text_on_both_paths(tmp_path):
    extra = write_export(tmp_path / "extra.csv", [dict(r, countycode="7") for r in CURRENT_ROWS],
                         [*COLUMN_SETS["current"], "countycode"])
    assert assert_both_paths_agree(extra)["countycode"].tolist() == ["7"] * len(CURRENT_ROWS)


def test_files_the_typed_pass_does_not_know_go_to_the_text_path(tmp_path):
    taken = write_export(tmp_path / "taken.csv", [dict(r, date_start="x") for r in CURRENT_ROWS],
                         [*COLUMN_SETS["current"], "date_start"])  # a name the loader gives to a derived column
    assert_text_path_only(taken)
    text = (tmp_path / "nowhere").with_suffix(".csv")
    text.write_text(",".join(COLUMN_SETS["current"]) + "\n", encoding="utf-8")
    assert typed_frame(text) is None


# --- the loader's rules for messy and hostile files: the typed pass declines, the text path decides --------

def _with_last_row(generated, tmp_path, change: dict) -> Path:
    """The generated current export with ``change`` made on its last record."""
    frame = pd.read_csv(generated["current"], dtype=str, keep_default_na=False)
    for column, value in change.items():
        frame.loc[len(frame) - 1, column] = value
    path = tmp_path / "changed.csv"
    frame.to_csv(path, index=False)
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    "change",
    [
        {"fatalities": "07"},  # leading zero
        {"fatalities": "1234567890123456789"},  # 19 digits
        {"event_date": "2200-01-01", "year": "2200"},  # after DATE_RANGE
        {"event_date": "1899-12-31", "year": "1899"},  # before DATE_RANGE
        {"actor2": "NA"},  # R's missing value
        {"assoc_actor_1": " NA "},
        {"inter1": "1"},  # numeric actor type
        {"notes": "x" * (1 << 20) + "y"},  # a field over the limit
        {"latitude": "0." + "0" * (1 << 20) + "1"},  # a number written over the limit
        {"latitude": "33-25"},  # digits and signs that are not a number
        {"latitude": "inf"},  # pyarrow reads it as a number; the rule does not
        {"notes": "a \x00 NUL"},
    ],
    ids=lambda change: next(iter(change)) + "=" + repr(next(iter(change.values())))[:20],
)
def test_values_under_the_loaders_rules_go_to_the_text_path(generated, tmp_path, change):
    assert_text_path_only(_with_last_row(generated, tmp_path, change))


@pytest.mark.slow
@pytest.mark.parametrize(
    "change",
    [
        {"latitude": "+33.25"},  # a sign, an exponent: numbers as the rule allows them
        {"longitude": "4.425e1"},
        {"longitude": "44." + "0" * 70},  # a long but valid number
    ],
    ids=lambda change: next(iter(change)) + "=" + repr(next(iter(change.values())))[:20],
)
def test_numbers_in_any_form_the_rule_allows_load_the_same_on_both_paths(generated, tmp_path, change):
    assert_both_paths_agree(_with_last_row(generated, tmp_path, change))


@pytest.mark.slow
def test_leading_zero_and_dates_outside_the_range_give_the_same_error_on_both_paths(generated, tmp_path):
    for change, rule in [({"fatalities": "07"}, "no sign, decimal point or leading zero"),
                         ({"event_date": "2200-01-01", "year": "2200"}, "from 1900-01-01 to 2199-12-31")]:
        path = _with_last_row(generated, tmp_path, change)
        assert_text_path_only(path)
        with pytest.raises(DataError, match=rule):
            analysis.load_acled(path)
    # a day inside the range (2150) loads, the same on both paths
    late = _with_last_row(generated, tmp_path, {"event_date": "2150-06-01", "year": "2150"})
    assert assert_both_paths_agree(late)["event_date"].iloc[-1] == pd.Timestamp("2150-06-01")


@pytest.mark.slow
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["crlf", "crlf_bom"])
def test_windows_line_ends_take_the_typed_pass_and_load_as_with_lf(generated, tmp_path, bom):
    clean = generated["current"].read_bytes()
    # a quoted value holding a Windows line break too, as a spreadsheet writes one
    assert b'"District 11-2"' in clean
    data = bom + clean.replace(b"\n", b"\r\n").replace(b'"District 11-2"', b'"District\r\n11-2"', 1)
    path = tmp_path / "windows.csv"
    path.write_bytes(data)
    lf = tmp_path / "unix.csv"
    lf.write_bytes(data.replace(b"\r\n", b"\n"))
    windows = assert_both_paths_agree(path)
    expected = text_frame(lf)
    expected.attrs["path"] = str(path)
    row = expected.index[expected["admin2"] == "District\n11-2"]
    assert len(row) == 1 and windows.loc[row[0], "admin2"] == "District\r\n11-2"
    expected.loc[row[0], "admin2"] = "District\r\n11-2"
    assert_identical(windows, expected)


def test_line_ends_split_between_screened_blocks(generated, tmp_path, monkeypatch):
    windows = tmp_path / "windows.csv"
    windows.write_bytes(generated["current"].read_bytes().replace(b"\n", b"\r\n"))
    split = windows.read_bytes().index(b"\r\n", 4000) + 1
    monkeypatch.setattr(_typed, "_SCAN_BLOCK", split)  # the first block ends between a CR and its LF
    assert typed_frame(windows) is not None
    lone = tmp_path / "lone.csv"
    lone.write_bytes(windows.read_bytes()[: -2] + b"\r")  # the file ends with a lone carriage return
    assert typed_frame(lone) is None


def test_a_lone_carriage_return_goes_to_the_text_path(generated, tmp_path):
    clean = generated["current"].read_bytes().replace(b"\n", b"\r\n")
    for name, data in {"in_value.csv": clean.replace(b'"District 11-2"', b'"District\r11-2"', 1),
                       "mixed_ends.csv": clean.replace(b"\r\n", b"\r", 3)}.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert_text_path_only(path)


def test_damaged_bytes_go_to_the_text_path(generated, tmp_path):
    clean = generated["current"].read_bytes()
    cases = {
        "cr_only.csv": clean.replace(b"\n", b"\r"),
        "truncated.csv": clean[: clean.rstrip(b"\n").rfind(b"\n") + 40],  # the last record cut after its first fields
        "truncated_newline.csv": clean[: clean.rstrip(b"\n").rfind(b"\n") + 40] + b"\n",
        "open_quote.csv": clean.rstrip(b"\n") + b',"\n',
        "nul_in_header.csv": clean.replace(b"notes", b"no\x00tes", 1),
        "blank_line.csv": clean.replace(b"\n", b"\n\n", 2),
        "quoted_header.csv": b'"event_id_cnty' + clean[len(b'"event_id_cnty"'):],
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert_text_path_only(path)


def test_other_formats_and_options_go_to_the_text_path(generated, tmp_path, monkeypatch):
    json_path = tmp_path / "export.json"
    frame = pd.read_csv(generated["current"], dtype=str, keep_default_na=False)
    json_path.write_text(frame.to_json(orient="records"), encoding="utf-8")
    assert typed_frame(json_path) is None
    named_txt = tmp_path / "export.txt"
    named_txt.write_bytes(generated["current"].read_bytes())
    assert typed_frame(named_txt) is None
    expected = text_frame(generated["current"])

    def refuse(*args, **kwargs):
        raise AssertionError("the typed pass ran")

    monkeypatch.setattr(acled, "read_typed", refuse)
    for options in ({"invalid": "drop"}, {"dayfirst": True}):
        assert_identical(analysis.load_acled(generated["current"], **options), expected)


# --- the same frame or the same error, whatever the values ---------------------------------------

_PADDING = st.sampled_from(["", "", " ", "\t", "\u00a0", "  "])
_TEXT = st.text(alphabet=string.ascii_letters + " ,\"'\n\u00e9\u00a0", max_size=12)


@st.composite
def perturbed_rows(draw):
    """The test rows (either column set) with padding, emptied or changed values in random places."""
    column_set = draw(st.sampled_from(list(COLUMN_SETS)))
    rows = [dict(r) for r in (CURRENT_ROWS if column_set == "current" else older_rows())]
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        row = draw(st.sampled_from(rows))
        column = draw(st.sampled_from(COLUMN_SETS[column_set]))
        action = draw(st.sampled_from(["pad", "empty", "text", "pad"]))
        if action == "pad":
            row[column] = draw(_PADDING) + row[column] + draw(_PADDING)
        elif action == "empty":
            row[column] = ""
        else:
            row[column] = draw(_TEXT)
    return column_set, rows


@pytest.mark.slow
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=perturbed_rows())
def test_default_load_equals_the_text_path_or_raises_its_error(case, tmp_path):
    column_set, rows = case
    path = write_export(tmp_path / "perturbed.csv", rows, COLUMN_SETS[column_set])
    assert_same_outcome(path)


@given(data=st.lists(st.sampled_from([b"\r", b"\n", b"\r\n", b"a", b","]), min_size=1, max_size=40).map(b"".join),
       block=st.integers(min_value=1, max_value=8))
def test_the_screen_declines_exactly_the_files_with_a_carriage_return_not_ending_a_line(data, block, tmp_path_factory):
    path = tmp_path_factory.mktemp("screen") / "lines.csv"
    data += b"\n"  # a finished last line: the screen declines any other
    path.write_bytes(data)
    lone = any(data[i] == 0x0D and data[i + 1: i + 2] != b"\n" for i in range(len(data)))
    import unittest.mock
    with unittest.mock.patch.object(_typed, "_SCAN_BLOCK", block):  # a block edge between CR and LF too
        try:
            lines = _typed._screen_bytes(path)
        except _typed._Decline:
            assert lone
        else:
            assert not lone and lines == data.count(b"\n")
