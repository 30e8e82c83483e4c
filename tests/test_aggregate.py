"""Tests of the aggregation helpers, on frames built here and on the packaged data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers_events import make_events, make_table, troop_levels_sample

import analysis
from analysis import DataError, schema
from analysis import aggregate as ag
from analysis import escalation as esc


@pytest.fixture()
def attacks() -> pd.DataFrame:
    return make_events([
        {"date_start": "2020-03-11", "base_id": "taji", "projectiles_low": 18, "projectiles_high": 18, "fatalities": 3},
        {"date_start": "2020-03-14", "date_end": "2020-03-17", "base_id": "taji"},
        {"date_start": "2020-03-20", "category": "US strike", "sub_event_type": "Air/drone strike",
         "location": "unspecified", "admin1": None},
        {"date_start": "2020-04-02", "base_id": None, "location": "K-1 Air Base", "admin1": "Kirkuk"},
    ])


# --- selection -----------------------------------------------------------------------------

def test_select_events_keeps_ranges_overlapping_the_window(attacks):
    chosen = ag.select_events(attacks, start="2020-03-15", end="2020-03-31")
    assert chosen["event_id"].tolist() == ["EV002", "EV003"]
    pd.testing.assert_frame_equal(chosen, attacks.loc[[1, 2]])


def test_select_events_matches_area_without_regard_to_case(attacks):
    assert ag.select_events(attacks, area="KIRKUK")["event_id"].tolist() == ["EV004"]
    assert ag.select_events(attacks, area=["baghdad", "Kirkuk"])["event_id"].tolist() == ["EV001", "EV002", "EV004"]


def test_select_events_matches_country_where_the_frame_has_it(attacks):
    frame = attacks.assign(country=pd.array(["Iraq", "Iraq", "Syria", "Iraq"], dtype="string"))
    assert ag.select_events(frame, area="syria")["event_id"].tolist() == ["EV003"]


def test_select_events_refuses_bad_windows_and_bad_frames(attacks):
    with pytest.raises(ValueError, match="before start"):
        ag.select_events(attacks, start="2020-04-01", end="2020-03-01")
    with pytest.raises(ValueError, match="not a date"):
        ag.select_events(attacks, start="next week")
    reversed_range = attacks.copy()
    reversed_range.loc[0, "date_end"] = pd.Timestamp("2020-03-01")
    with pytest.raises(DataError, match="before date_start"):
        ag.select_events(reversed_range)
    with pytest.raises(DataError, match="missing column"):
        ag.select_events(attacks.drop(columns="date_end"))
    missing = attacks.copy()
    missing.loc[2, "date_start"] = pd.NaT
    with pytest.raises(DataError, match="date is missing"):
        ag.select_events(missing)


def test_kinds_fall_back_to_acled_types_where_category_is_missing(attacks):
    acled = attacks.assign(category=pd.Categorical([None] * 4, categories=schema.CATEGORIES))
    assert ag.is_militia_attack(acled).tolist() == [True, True, False, True]
    assert ag.event_kind(acled).astype(str).tolist() == ["Explosions/Remote violence"] * 4
    assert ag.select_kinds(attacks, ["US strike"])["event_id"].tolist() == ["EV003"]
    assert len(ag.select_kinds(attacks, None)) == 4


# --- periods ---------------------------------------------------------------------------------

def test_period_edges_start_on_the_week_day_and_cover_the_span():
    edges = ag.period_edges("2020-03-11", "2020-03-24", freq="W", week_start="SUN")
    assert [d.strftime("%a %Y-%m-%d") for d in edges] == ["Sun 2020-03-08", "Sun 2020-03-15", "Sun 2020-03-22",
                                                          "Sun 2020-03-29"]
    assert ag.period_edges("2020-02-10", "2020-05-01", freq="Q").strftime("%Y-%m-%d").tolist() == [
        "2020-01-01", "2020-04-01", "2020-07-01"]
    assert ag.period_edges("2020-01-05", "2020-01-20", freq="2W").strftime("%Y-%m-%d").tolist() == [
        "2019-12-30", "2020-01-13", "2020-01-27"]


@pytest.mark.parametrize("freq, week_start", [("fortnight", "MON"), ("W", "Funday"), ("0W", "MON")])
def test_bad_period_options_are_refused(attacks, freq, week_start):
    with pytest.raises(ValueError):
        ag.attacks_per_period(attacks, freq=freq, week_start=week_start)


def test_attacks_per_week_counts_a_ranged_event_honestly(attacks):
    counts = ag.attacks_per_period(attacks, freq="W")
    assert counts["period_start"].dt.strftime("%Y-%m-%d").tolist() == [
        "2020-03-09", "2020-03-16", "2020-03-23", "2020-03-30"]
    assert counts["period_end"].dt.strftime("%a").unique().tolist() == ["Sun"]
    # EV001 on 11 March; EV002 from Saturday 14 to Tuesday 17 March: half in each week
    assert counts["certain"].tolist() == [1, 0, 0, 1]
    assert counts["possible"].tolist() == [2, 1, 0, 1]
    assert counts["expected"].tolist() == [1.5, 0.5, 0.0, 1.0]
    assert counts.dtypes.astype(str).tolist() == ["datetime64[ns]", "datetime64[ns]", "int64", "int64", "float64"]


def test_the_week_start_day_moves_the_bins(attacks):
    counts = ag.attacks_per_period(attacks, freq="W", week_start="SAT")
    # weeks from Saturday 14 March: the ranged event now lies in one week
    assert counts.loc[counts["period_start"] == "2020-03-14", ["certain", "possible", "expected"]].values.tolist() == [
        [1, 1, 1.0]]


def test_attacks_per_month_by_base_keeps_missing_groups(attacks):
    counts = ag.attacks_per_period(attacks, freq="M", by="base_id")
    assert counts.columns.tolist() == ["period_start", "period_end", "base_id", "certain", "possible", "expected"]
    march = counts[counts["period_start"] == "2020-03-01"]
    assert march["base_id"].iloc[0] == "taji" and pd.isna(march["base_id"].iloc[1])
    assert march["expected"].tolist() == [2.0, 0.0]
    assert counts["expected"].sum() == 3.0
    assert counts["base_id"].dtype == "string"


def test_include_empty_false_drops_only_empty_rows(attacks):
    full = ag.attacks_per_period(attacks, freq="W", by="base_id")
    sparse = ag.attacks_per_period(attacks, freq="W", by="base_id", include_empty=False)
    assert (sparse["possible"] > 0).all()
    assert len(sparse) == (full["possible"] > 0).sum()
    assert sparse["expected"].sum() == full["expected"].sum() == 3.0


def test_a_window_extends_the_periods_and_filters_events(attacks):
    counts = ag.attacks_per_period(attacks, freq="M", start="2020-01-01", end="2020-03-31")
    assert counts["period_start"].dt.month.tolist() == [1, 2, 3]
    assert counts["expected"].tolist() == [0.0, 0.0, 2.0]


def test_empty_input_gives_an_empty_well_typed_frame(attacks):
    counts = ag.attacks_per_period(attacks.iloc[:0], by="base_id")
    assert counts.empty
    assert counts.columns.tolist() == ["period_start", "period_end", "base_id", "certain", "possible", "expected"]
    assert counts["period_start"].dtype == "datetime64[ns]" and counts["certain"].dtype == "int64"


def test_weighted_per_period_spreads_weights_like_expected(attacks):
    frame = ag.weighted_per_period(attacks, {"score": [-10, -10, -10, 0]}, freq="W")
    assert frame["score"].tolist() == [-15.0, -15.0, 0.0, 0.0]
    with pytest.raises(ValueError, match="3 values for 4 events"):
        ag.weighted_per_period(attacks, {"score": [1, 2, 3]})


# --- attacks, casualties -------------------------------------------------------------------

@pytest.fixture()
def casualties() -> pd.DataFrame:
    rows = [
        {"casualty_id": "CA1", "event_id": "EV001", "group": "US military", "outcome": "killed", "count_low": 2,
         "count_high": 2, "qualifier": "exact", "doc_id": "d1", "quote": "q"},
        {"casualty_id": "CA2", "event_id": "EV001", "group": "US military", "outcome": "killed", "count_low": 2,
         "count_high": 3, "qualifier": "about", "doc_id": "d2", "quote": "q"},
        {"casualty_id": "CA3", "event_id": "EV001", "group": "UK military", "outcome": "killed", "count_low": 1,
         "count_high": 1, "qualifier": "exact", "doc_id": "d1", "quote": "q"},
        {"casualty_id": "CA4", "event_id": "EV002", "group": "Iraqi civilians", "outcome": "wounded", "count_low": 1,
         "count_high": None, "qualifier": "at least", "doc_id": "d1", "quote": "q"},
        {"casualty_id": "CA5", "event_id": "EV003", "group": "militia members", "outcome": "killed", "count_low": 4,
         "count_high": 4, "qualifier": "exact", "doc_id": "d1", "quote": "q"},
    ]
    return make_table(schema.CASUALTIES, rows)


def test_casualties_per_event_keeps_the_widest_range_across_documents(attacks, casualties):
    per_event = ag.casualties_per_event(attacks, casualties)
    assert per_event[["event_id", "group", "outcome", "count_low", "count_high", "figures"]].astype(object).where(
        per_event.notna(), None).values.tolist() == [
        ["EV001", "US military", "killed", 2, 3, 2],
        ["EV001", "UK military", "killed", 1, 1, 1],
        ["EV002", "Iraqi civilians", "wounded", 1, None, 1],
    ]
    assert per_event.loc[0, "as_worded"] == "2; about 2"
    assert per_event.loc[0, "attack"] == "11 Mar 2020, Camp Taji"


def test_attacks_table_tells_not_reported_from_none(attacks, casualties):
    table = ag.attacks_table(attacks, casualties)
    assert table["event_id"].tolist() == ["EV001", "EV002", "EV004"]
    assert table["killed"].tolist() == ["3-4", "not reported", "not reported"]
    assert table["wounded"].tolist() == ["not reported", "1 or more", "not reported"]
    assert table["projectiles"].tolist() == ["18", "not reported", "not reported"]
    assert table["killed_low"].tolist()[0] == 3 and table["killed_high"].tolist()[0] == 4


def test_without_casualties_the_fatalities_are_the_killed(attacks):
    table = ag.attacks_table(attacks)
    assert table["killed"].tolist() == ["3", "0", "0"]
    by_group = ag.casualties_by_group(attacks)
    assert by_group[["group", "outcome", "count_low", "events"]].values.tolist() == [
        ["not split by group", "killed", 3, 3]]


def test_casualties_by_group_sums_bounds_and_keeps_open_ends(attacks, casualties):
    by_group = ag.casualties_by_group(attacks, casualties, kinds=None)
    rows = {(g, o): (lo, hi) for g, o, lo, hi in by_group[["group", "outcome", "count_low", "count_high"]].values}
    assert rows[("US military", "killed")] == (2, 3)
    assert rows[("militia members", "killed")] == (4, 4)
    assert pd.isna(rows[("Iraqi civilians", "wounded")][1])
    assert ag.casualties_by_group(attacks.iloc[:0], casualties).empty


# --- wording ---------------------------------------------------------------------------------

@pytest.mark.parametrize("qualifier, low, high, words", [
    ("exact", 18, 18, "18"), ("about", 4500, 5500, "about 5,000"), ("about", 5150, 5250, "about 5,200"),
    ("less than", None, 399, "less than 400"), ("more than", 13, None, "more than 12"),
    ("at least", 2, None, "at least 2"), ("dozens", 24, 99, "dozens"), ("several", 3, None, "several"),
])
def test_describe_count_gives_back_the_wording(qualifier, low, high, words):
    assert ag.describe_count(qualifier, low, high) == words


def test_describe_dates_and_bounds():
    assert ag.describe_dates("2019-12-27", "2019-12-27") == "27 Dec 2019"
    assert ag.describe_dates("2020-03-26", "2020-03-31") == "26-31 Mar 2020"
    assert ag.describe_dates("2020-03-16", "2020-04-30") == "16 Mar - 30 Apr 2020"
    assert ag.describe_dates("2019-12-27", "2020-01-02") == "27 Dec 2019 - 2 Jan 2020"
    assert ag.describe_dates("2020-04-01", "2020-04-30") == "Apr 2020"
    assert ag.describe_bounds(None, None) == "unknown"


def test_reported_totals_table_shows_totals_as_worded():
    totals = make_table(schema.REPORTED_TOTALS, [
        {"total_id": "RT2", "date_start": "2019-10-01", "date_end": "2019-11-30", "date_basis": "b",
         "measure": "air strikes", "actor": None, "count_low": 45, "count_high": 45, "qualifier": "exact",
         "doc_id": "d", "quote": "45 strikes"},
        {"total_id": "RT1", "date_start": "2019-03-01", "date_end": "2020-03-20", "date_basis": "b",
         "measure": "rocket attacks", "actor": "Kata'ib Hezbollah", "count_low": 13, "count_high": None,
         "qualifier": "more than", "doc_id": "d", "quote": "over a dozen rocket attacks"},
    ])
    table = ag.reported_totals_table(totals)
    assert table[["period", "measure", "as_worded", "bounds"]].values.tolist() == [
        ["1 Mar 2019 - 20 Mar 2020", "rocket attacks", "more than 12", "13 or more"],
        ["1 Oct - 30 Nov 2019", "air strikes", "45", "45"],
    ]


def test_troop_level_steps_hold_until_the_next_statement():
    levels = troop_levels_sample()
    steps = ag.troop_level_steps(levels)
    assert steps["level_id"].tolist() == ["TL1", "TL2", "TL3"]
    by_id = steps.set_index("level_id")
    assert by_id.loc["TL1", "step_end"] == pd.Timestamp("2020-04-01")
    assert by_id.loc["TL2", "step_end"] == pd.Timestamp("2020-05-01")
    assert by_id["value"].to_dict() == {"TL1": 5200.0, "TL2": 5000.0, "TL3": 400.0}
    assert by_id.loc["TL3", "as_worded"] == "less than 400"


# --- timeline layout -------------------------------------------------------------------------

def test_timeline_layout_puts_overlapping_events_on_separate_rows():
    events = make_events([
        {"date_start": "2020-01-03", "date_end": "2020-02-06", "category": "political", "sub_event_type": "Other",
         "event_type": "Strategic developments"},
        {"date_start": "2020-01-10", "date_end": "2020-01-20", "category": "political", "sub_event_type": "Other",
         "event_type": "Strategic developments"},
        {"date_start": "2020-03-01", "category": "political", "sub_event_type": "Other",
         "event_type": "Strategic developments"},
        {"date_start": "2020-01-10", "fatalities": 2},
    ])
    layout = ag.timeline_layout(events)
    by_id = layout.set_index("event_id")
    assert list(layout.attrs["lanes"]) == ["militia attack", "political"]
    assert layout.attrs["lanes"]["militia attack"] > layout.attrs["lanes"]["political"]
    assert by_id.loc["EV001", "row"] != by_id.loc["EV002", "row"]
    assert by_id.loc["EV003", "row"] == 0
    assert by_id.loc[["EV001", "EV002", "EV003", "EV004"], "is_range"].tolist() == [True, True, False, False]
    assert by_id.loc["EV001", "x_end"] == pd.Timestamp("2020-02-07")
    assert by_id.loc["EV004", "marker_size"] > by_id.loc["EV003", "marker_size"]


def test_timeline_labels_never_overlap_in_a_lane():
    events = make_events([{"date_start": f"2020-03-{day:02d}"} for day in (1, 2, 3, 5, 20)])
    layout = ag.timeline_layout(events, label=pd.Series(["a long label for the first attack"] * 5), chars_per_axis=60)
    rows = layout["label_row"].tolist()
    assert len(set(rows[:4])) == 4  # four labels close together stack on four rows
    labelled = layout.dropna(subset=["label"])
    assert (labelled["label_y"] > labelled["y"]).all()


def test_timeline_labels_from_event_ids_and_acled_lanes(attacks):
    labels = pd.Series({"EV002": "second"})
    layout = ag.timeline_layout(attacks, label=labels)
    assert layout.set_index("event_id")["label"].dropna().to_dict() == {"EV002": "second"}
    acled = attacks.assign(category=pd.Categorical([None] * 4, categories=schema.CATEGORIES))
    assert list(ag.timeline_layout(acled).attrs["lanes"]) == ["Explosions/Remote violence"]


def test_event_labels_name_place_rockets_and_casualties(attacks, casualties):
    labels = ag.event_labels(attacks, casualties)
    assert labels.tolist()[:3] == ["Camp Taji: 18 rockets, 3 killed", "Camp Taji: rocket attack, 1+ wounded",
                                   "air strike, 4 killed"]
    assert pd.isna(labels.iloc[3])


def test_posture_kind_and_base_posture():
    events = make_events([
        {"date_start": "2020-03-26", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Non-violent transfer of territory", "base_id": "k1",
         "notes": "The general signs the transfer of K-1 Air Base to the Iraqi army."},
        {"date_start": "2020-03-16", "date_end": "2020-04-30", "category": "posture change",
         "event_type": "Strategic developments", "sub_event_type": "Other", "base_id": "erbil",
         "notes": "Patriot missile batteries deployed at Irbil."},
        {"date_start": "2020-03-20", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Non-violent transfer of territory", "base_id": "al-qaim", "notes": "Troops go."},
        {"date_start": "2020-03-11", "base_id": "taji"},
        {"date_start": "2020-03-12", "category": "political", "event_type": "Strategic developments",
         "sub_event_type": "Other", "notes": "They withdraw the claim."},
    ])
    assert ag.posture_kind(events).tolist()[:4] == ["handed over", "Patriot batteries", "withdrawn from", "attacked"]
    assert pd.isna(ag.posture_kind(events).iloc[4])
    bases = pd.DataFrame({"base_id": ["k1", "erbil", "al-qaim", "taji"], "name": ["K-1", "Irbil", "al-Qaim", "Taji"],
                          "latitude": [35.5, 36.2, 34.4, 33.5], "longitude": [44.3, 44.0, 41.0, 44.3]})
    posture = ag.base_posture(events, bases)
    assert posture["event_id"].tolist() == ["EV004", "EV003", "EV001", "EV002"]
    assert posture["when"].tolist()[3] == "16 Mar - 30 Apr 2020"


# --- escalation -----------------------------------------------------------------------------

def test_cameo_weights_follow_the_documented_table():
    events = make_events([
        {"date_start": "2020-01-03", "category": "US strike", "sub_event_type": "Air/drone strike"},
        {"date_start": "2020-03-26", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Non-violent transfer of territory"},
        {"date_start": "2020-03-20", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Other"},
        {"date_start": "2020-03-20", "category": None, "event_type": "Strategic developments",
         "sub_event_type": "Other"},
    ])
    weights = esc.cameo_weights(events)
    assert weights["cameo_code"].tolist() == ["195", "0874", "154", "010"]
    assert weights["goldstein"].tolist() == [-10.0, 10.0, -7.2, 0.0]
    with pytest.raises(KeyError, match="999"):
        esc.cameo_weights(events, by_sub_event_type={"Other": "999"})
    table = esc.cameo_table(events)
    assert table["events"].sum() == 4


def test_escalation_spreads_ranged_events_and_counts_each_once():
    events = make_events([
        {"date_start": "2020-03-14", "date_end": "2020-03-17", "category": "US strike",
         "sub_event_type": "Air/drone strike"},
        {"date_start": "2020-03-18", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Non-violent transfer of territory"},
    ])
    frame = esc.escalation_per_period(events, freq="W")
    assert frame["conflict"].tolist() == [5.0, 5.0]
    assert frame["cooperation"].tolist() == [0.0, 10.0]
    assert frame["escalation"].tolist() == [5.0, -5.0]
    assert frame["events"].sum() == 2.0


# --- the packaged data --------------------------------------------------------------------

def test_helpers_keep_every_packaged_event():
    events = analysis.load_events()
    counts = ag.attacks_per_period(events, freq="W", kinds=None)
    assert counts["expected"].sum() == pytest.approx(len(events))
    assert ag.attacks_per_period(events, freq="M")["expected"].sum() == pytest.approx(
        (events["category"] == "militia attack").sum())
    layout = ag.timeline_layout(events, label=ag.event_labels(events, analysis.load_casualties()))
    assert sorted(layout["event_id"]) == sorted(events["event_id"])
    assert np.isfinite(layout["y"]).all()


def test_event_labels_keep_the_most_hurt_events(attacks, casualties):
    labels = ag.event_labels(attacks, casualties, most=1)
    assert labels.dropna().tolist() == ["air strike, 4 killed"]
    assert labels.index.equals(attacks.index)


def test_events_table_lists_events_in_order_with_their_documents(attacks):
    reports = pd.DataFrame({"event_id": ["EV002", "EV002", "EV001"],
                            "doc_id": ["003_abc", "001_def", "001_def"]})
    table = ag.events_table(attacks.iloc[::-1], reports, limit=3)
    assert table["event_id"].tolist() == ["EV001", "EV002", "EV003"]
    assert table["documents"].tolist()[:2] == ["001", "001, 003"] and pd.isna(table["documents"].iloc[2])
    assert table.index.tolist() == [1, 2, 3]
    assert table.loc[2, "when"] == "14-17 Mar 2020"


def test_notebook_data_selects_the_window_in_every_table():
    data = ag.notebook_data(start="2020-03-01", end="2020-03-31")
    assert data.coded and data.place_column == "base_id"
    assert (data.events["date_end"] >= pd.Timestamp("2020-03-01")).all()
    assert set(data.casualties["event_id"]) <= set(data.events["event_id"])
    assert set(data.reports["event_id"]) == set(data.events["event_id"])
    assert data.summary().startswith(f"{len(data.events)} events from the 5 coded documents, 1 Mar 2020 to 31 Mar 2020")


def test_notebook_data_reads_an_acled_file(tmp_path, capsys):
    columns = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
               "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
               "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
               "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
               "fatalities", "tags", "timestamp"]
    row = ["IRQ1", "2020-03-11", "2020", "1", "Political violence", "Explosions/Remote violence",
           "Shelling/artillery/missile attack", "Unidentified Armed Group (Iraq)", "", "Political militia",
           "Military Forces of the United States", "", "External/Other forces", "Political militia-External/Other forces",
           "", "368", "Middle East", "Iraq", "Salah al-Din", "", "", "Taji", "33.52", "44.26", "1", "Reuters",
           "International", "Rockets hit <b>Taji</b>.", "3", "", "1600000000"]
    path = tmp_path / "export.csv"
    path.write_text(",".join(columns) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    data = ag.notebook_data(str(path), area="iraq")
    assert not data.coded and data.place_column == "admin1" and data.casualties is None
    assert data.summary() == "1 event from the ACLED file export.csv, 11 Mar 2020 to 11 Mar 2020, in iraq."
    assert data.has_coded_tables() is False
    assert capsys.readouterr().out.strip() == (
        "This notebook needs the coded documents; it has nothing to show for an ACLED file.")
    assert data.has_coded_tables("This chart") is False
    assert capsys.readouterr().out.startswith("This chart needs the coded documents")
    assert ag.events_table(data.events)["documents"].tolist() == ["Reuters"]


def test_text_from_the_data_reaches_notebook_html_escaped(attacks):
    hostile = attacks.assign(notes=pd.array(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                             "plain", "plain"], dtype="string"),
                             actor1=pd.array(["<b>Group</b>"] * 4, dtype="string"))
    html = ag.events_table(hostile)._repr_html_()
    assert "<script>" not in html and "<img" not in html and "<b>Group" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
