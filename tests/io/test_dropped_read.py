"""What can still be read of the rows a loading left out (analysis.io.dropped)."""

from __future__ import annotations

import warnings

import pandas as pd
from acled_files import write_acled

from analysis.errors import DroppedRowsWarning
from analysis.io.acled import load_acled
from analysis.io.dropped import COLUMNS, readable_dropped


def ledger(**fields):
    """A ledger of the rows left out, as the loader lists them: line, reasons, then the fields as text."""
    rows = len(next(iter(fields.values())))
    return pd.DataFrame({"line": [5 + k for k in range(rows)], "reasons": ["a rule"] * rows, **fields})


def test_each_field_is_read_where_it_reads_and_missing_where_it_does_not():
    read = readable_dropped(ledger(
        event_id_cnty=["", "IRQ2", "NA"], event_date=["2020-02-30", "29 March 2020", "03/04/2020"],
        year=["2020", "2020", "2020"], event_type=["Battles", "Shellings", "Protests"],
        sub_event_type=["Armed clash", "Armed clash", "Not a kind"], admin1=[" Kirkuk ", "", "NA"],
        country=["Iraq", "Iraq", ""], fatalities=["5", "2.5", "-1"], actor1=["A", "", "C"]), dayfirst=True)
    assert list(read.columns) == list(COLUMNS)
    assert read["event_id"].isna().tolist() == [True, False, True]  # empty, and ACLED's NA, are no id
    assert [str(day)[:10] for day in read["event_date"]] == ["NaT", "2020-03-29", "2020-04-03"]  # day first
    assert read["event_type"].isna().tolist() == [False, True, False]  # "Shellings" is no event type
    assert read["sub_event_type"].isna().tolist() == [False, False, True]  # only a kind of ACLED's codebook
    assert read["admin1"].tolist()[0] == "Kirkuk" and read["admin1"].isna().tolist() == [False, True, True]
    assert read["fatalities"].tolist()[0] == 5 and read["fatalities"].isna().tolist() == [False, True, True]
    assert not read["cut_off"].any() and read["actor1"].isna().tolist() == [False, True, False]
    month_first = readable_dropped(ledger(event_date=["03/04/2020"], year=["2020"]), dayfirst=False)
    assert str(month_first["event_date"].iloc[0])[:10] == "2020-03-04"
    assert readable_dropped(ledger(event_date=["03/04/2020"], year=["2020"]))["event_date"].isna().all()  # cannot tell


def test_a_record_cut_off_is_said_and_its_last_field_is_not_trusted(tmp_path):
    path = write_acled(tmp_path / "export.csv", 6)
    text = path.read_text(encoding="utf-8").rstrip("\n")
    last = text.rsplit("\n", 1)[1]
    cut = text[: len(text) - len(last)] + last[: last.index(",", last.index(",") + 5) + 4]  # inside the third field
    path.write_text(cut, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DroppedRowsWarning)
        frame = load_acled(path, invalid="drop")
    table = frame.attrs["dropped"].table
    read = readable_dropped(table)
    assert len(read) == 1 and read["cut_off"].tolist() == [True] and read["line"].tolist() == [7]
    assert read["fatalities"].isna().all() and read["admin1"].isna().all()  # past the end of the record
    held = table.drop(columns=["line", "reasons"]).iloc[0].dropna()
    assert len(held) >= 2 and read["event_id"].iloc[0] == held.iloc[0]  # its first field reads; its last is cut


def test_no_row_left_out_reads_as_an_empty_frame_of_the_same_columns():
    for empty in (None, ledger(event_date=[])):
        read = readable_dropped(empty)
        assert read.empty and list(read.columns) == list(COLUMNS) and str(read["fatalities"].dtype) == "Int64"
