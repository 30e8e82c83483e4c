"""Counts and escalation per period, as drawn."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.colors import to_hex

import analysis
from analysis.stats.escalation import escalation_per_period
from analysis.stats.periods import COUNT_NAMES, attacks_per_period
from analysis.stats.selection import is_militia_attack
from analysis.viz.counts import plot_attacks_per_period, plot_killed_per_period
from analysis.viz.escalation import plot_escalation
from analysis.viz.style import SET_BY_RULE


def _patches(ax, gid: str) -> list:
    return [p for p in ax.patches if p.get_gid() == gid]


def test_attacks_per_period_draws_expected_certain_and_possible(events, new_axes):
    counts = attacks_per_period(events, freq="W", kinds=is_militia_attack)
    ax = plot_attacks_per_period(counts, ax=new_axes())
    for gid in ("expected", "certain", "possible"):
        bars = _patches(ax, gid)
        assert len(bars) == len(counts)
        assert [b.get_height() for b in bars] == pytest.approx(counts[gid].tolist())
    assert ax.get_ylabel() == "attacks"


def test_attacks_per_period_by_group_stacks_expected(events, new_axes):
    counts = attacks_per_period(events, freq="M", by="base_id", kinds=is_militia_attack)
    ax = plot_attacks_per_period(counts, by="base_id", ax=new_axes())
    stacked = {p.get_gid() for p in ax.patches if p.get_gid().startswith("expected:")}
    assert stacked == {"expected:k1", "expected:taji"}
    tops = {}
    for patch in ax.patches:
        if patch.get_gid().startswith("expected:"):
            tops[patch.get_x()] = max(tops.get(patch.get_x(), 0), patch.get_y() + patch.get_height())
    assert sorted(tops.values()) == sorted(counts.groupby("period_start")["expected"].sum().tolist())
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["k1", "taji"]


def test_escalation_bars_and_line_match_the_measure(events, new_axes):
    measure = escalation_per_period(events, freq="M")
    ax = plot_escalation(measure, ax=new_axes())
    assert [b.get_height() for b in _patches(ax, "conflict")] == pytest.approx(measure["conflict"].tolist())
    assert [b.get_height() for b in _patches(ax, "cooperation")] == pytest.approx((-measure["cooperation"]).tolist())
    (line,) = [line for line in ax.lines if line.get_gid() == "escalation"]
    assert list(line.get_ydata()) == pytest.approx(measure["escalation"].tolist())
    assert (measure["cooperation"] > 0).any()
    # with no cooperation the net is the conflict: no line tracing the bars, no legend entry for it
    violent = measure.assign(cooperation=0.0, escalation=measure["conflict"])
    plain = plot_escalation(violent, ax=new_axes())
    assert not [line for line in plain.lines if line.get_gid() == "escalation"]
    assert not any(t.get_text().startswith("net:") for t in plain.get_legend().get_texts())


def test_escalation_periods_the_data_cover_only_in_part_are_hatched_up_and_down(events, new_axes):
    # the weekly attack counts hatched a week the window cuts; the escalation chart above them on the same page
    # drew that week as a whole one
    from analysis.viz._axes import dates_as_numbers
    from analysis.viz.figures import alt_text

    measure = escalation_per_period(events, freq="M")
    first, last = measure["period_start"].iloc[0] + pd.Timedelta(days=14), measure["period_end"].iloc[-1]
    ax = plot_escalation(measure, covered=(first, last), ax=new_axes())
    hatched = _patches(ax, "partial")
    assert len(hatched) == 2 and all(b.get_hatch() == "////" for b in hatched)  # the first month, up and down
    assert [b.get_x() for b in hatched] == pytest.approx([dates_as_numbers(measure["period_start"].iloc[:1])[0]] * 2)
    assert sorted(b.get_height() for b in hatched) == pytest.approx(
        sorted([measure["conflict"].iloc[0], -measure["cooperation"].iloc[0]]))
    assert "partial period: the data cover part of it" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Hatched, the periods the data cover only in part:" in alt_text(ax.figure)
    whole = plot_escalation(measure, covered=(measure["period_start"].iloc[0], last), ax=new_axes())
    assert not _patches(whole, "partial")
    assert "partial period" not in [t.get_text() for t in whole.get_legend().get_texts()]
    # a partial period with nothing counted has no bar to hatch: no legend entry for a hatch not drawn
    quiet = measure.assign(conflict=0.0, cooperation=0.0, escalation=0.0)
    nothing = plot_escalation(quiet, covered=(first, last), ax=new_axes())
    assert not _patches(nothing, "partial")
    assert "partial period" not in [t.get_text() for t in nothing.get_legend().get_texts()]
    assert "Hatched" not in alt_text(nothing.figure)


def test_the_escalation_legend_names_only_what_is_drawn(new_axes):
    """Only acts of violence: the legend has no swatch for bars the chart does not draw."""
    strikes = pd.DataFrame({"event_id": ["EV1", "EV2"], "sub_event_type": ["Air/drone strike", "Armed clash"],
                            "date_start": pd.to_datetime(["2020-01-03", "2020-01-20"]),
                            "date_end": pd.to_datetime(["2020-01-03", "2020-01-20"])})
    ax = plot_escalation(escalation_per_period(strikes), ax=new_axes())
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["conflict: acts of violence (up)"]  # no net line either: with no cooperation it is the conflict
    handover = pd.concat([strikes, pd.DataFrame({"event_id": ["EV3"], "sub_event_type": ["Non-violent transfer of territory"],
                                                 "category": ["posture change"],
                                                 "date_start": pd.to_datetime(["2020-01-10"]),
                                                 "date_end": pd.to_datetime(["2020-01-10"])})], ignore_index=True)
    measure = escalation_per_period(handover)
    assert (measure["cooperation"] > 0).any()
    ax = plot_escalation(measure, ax=new_axes())
    assert "retreat or cooperation (down)" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_the_escalation_of_some_events_is_hatched_at_the_end_of_its_bars_up_and_down(new_axes):
    """The part of a new source drawn on the escalation chart as on the charts of counts: its conflict at the top of
    a bar up, its retreat at the end of a bar down, one key."""
    acts = pd.DataFrame({"event_id": ["EV1", "EV2", "EV3"],
                         "sub_event_type": ["Air/drone strike", "Armed clash", "Non-violent transfer of territory"],
                         "category": ["", "", "posture change"],
                         "date_start": pd.to_datetime(["2020-01-03", "2020-01-04", "2020-01-10"])})
    acts["date_end"] = acts["date_start"]
    measure = escalation_per_period(acts, freq="M")
    some = escalation_per_period(acts.iloc[[1, 2]], freq="M", start="2020-01-01", end="2020-01-31")
    ax = plot_escalation(measure, part=some, part_label="only <Wire>", ax=new_axes())
    up, down = sorted(_patches(ax, "part"), key=lambda p: p.get_height(), reverse=True)
    (conflict,) = _patches(ax, "conflict")
    assert up.get_y() + up.get_height() == pytest.approx(conflict.get_height())  # at the bar's top
    assert up.get_height() == pytest.approx(float(some["conflict"].iloc[0]))
    assert up.get_height() < conflict.get_height()
    assert (down.get_y(), down.get_height()) == pytest.approx((float(-measure["cooperation"].iloc[0]) +
                                                               float(some["cooperation"].iloc[0]),
                                                               float(-some["cooperation"].iloc[0])))
    assert [t.get_text() for t in ax.get_legend().get_texts()].count("only <Wire>") == 1
    with pytest.raises(analysis.DataError, match="plot_escalation: part= is given without part_label="):
        plot_escalation(measure, part=some, ax=new_axes())


def test_nothing_to_count_returns_the_axes(events, new_axes):
    ax = new_axes()
    assert plot_attacks_per_period(attacks_per_period(events.iloc[:0], kinds=is_militia_attack), ax=ax) is ax
    assert plot_escalation(escalation_per_period(events.iloc[:0]), ax=ax) is ax
    assert not ax.patches
    assert [t.get_text() for t in ax.texts] == ["nothing to count", "nothing to measure"]
    # a figure that is the escalation chart alone, with nothing to measure, is not shown as an empty frame
    import matplotlib.pyplot as plt

    alone = plot_escalation(escalation_per_period(events.iloc[:0]), ax=new_axes())
    assert alone.figure.number not in plt.get_fignums()
    # a window without events has its weeks, each of no event: a row of zeros is nothing to measure either
    window = escalation_per_period(events.iloc[:0], freq="W", start="2021-01-01", end="2021-02-01", clip=True)
    assert len(window) and not window["events"].any()
    zeros = plot_escalation(window, ax=new_axes())
    assert zeros.figure.number not in plt.get_fignums() and not zeros.patches


def test_groups_outside_the_runs_palette_are_drawn_together_as_other(new_axes):
    from analysis.viz.style import group_palette

    counts = pd.DataFrame({
        "period_start": pd.to_datetime(["2025-01-01"] * 4), "period_end": pd.to_datetime(["2025-01-31"] * 4),
        "admin1": ["A", "B", "C", "D"], "certain": [1, 2, 3, 4], "possible": [1, 2, 3, 4],
        "expected": [1.0, 2.0, 3.0, 4.0],
    })
    palette = group_palette(["D", "B"])
    ax = analysis.plot_attacks_per_period(counts, by="admin1", colors=palette, ax=new_axes())
    heights = {p.get_gid(): p.get_height() for p in ax.patches if p.get_gid().startswith("expected:")}
    assert heights == {"expected:D": 4.0, "expected:B": 2.0, "expected:other": 4.0}
    colors = {p.get_gid(): to_hex(p.get_facecolor()) for p in ax.patches if p.get_gid().startswith("expected:")}
    assert colors == {"expected:D": palette["D"].lower(), "expected:B": palette["B"].lower(),
                      "expected:other": palette["other"].lower()}


def test_escalation_axes_span_the_periods_and_write_large_scores_in_full(new_axes):
    import matplotlib.dates as mdates

    measure = pd.DataFrame({
        "period_start": pd.to_datetime(["2025-01-06", "2025-01-13", "2026-03-23"]),
        "period_end": pd.to_datetime(["2025-01-12", "2025-01-19", "2026-03-29"]),
        "events": [1.0, 2.0, 3.0], "conflict": [175_000.0, 1_000_000.0, 10.0], "cooperation": [0.0, 10.0, 0.0],
    }).assign(escalation=lambda frame: frame["conflict"] - frame["cooperation"])
    ax = plot_escalation(measure, ax=new_axes(figsize=(10, 4.2)))
    ax.figure.canvas.draw()
    low, high = ax.get_xlim()
    assert mdates.num2date(low).date() >= pd.Timestamp("2025-01-02").date()
    assert mdates.num2date(high).date() <= pd.Timestamp("2026-04-03").date()  # no weeks drawn past the last period
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "1,000,000" in ticks and not ax.yaxis.get_offset_text().get_text()


def test_one_count_per_period_is_drawn_plainly_when_the_three_agree(events, new_axes):
    """Counted on one date each (ACLED's event_date), certain, possible and expected are one: one bar per period,
    no outline of possible and no legend explaining an uncertainty the counts do not have."""
    from analysis.viz.figures import alt_text

    counts = attacks_per_period(events, freq="W", kinds=None, dates="event_date")
    assert (counts["certain"] == counts["possible"]).all()  # the data decide, not the kind of file
    ax = plot_attacks_per_period(counts, ax=new_axes())
    assert {p.get_gid() for p in ax.patches} == {"count"}
    assert [b.get_height() for b in _patches(ax, "count")] == pytest.approx(counts["certain"].tolist())
    assert ax.get_legend() is None
    busy = counts[counts["certain"] > 0].iloc[0]
    assert "certain" not in alt_text(ax.figure) and "expected" not in alt_text(ax.figure)
    assert f": {busy['certain']}" in alt_text(ax.figure)
    # by group: the groups stacked, their legend only
    monthly = attacks_per_period(events, freq="M", by="base_id", kinds=None, dates="event_date")
    ax = plot_attacks_per_period(monthly, by="base_id", ax=new_axes())
    assert not _patches(ax, "possible")
    assert COUNT_NAMES["possible"] not in [t.get_text() for t in ax.get_legend().get_texts()]
    # the same events counted over their ranges keep the three counts and their legend
    ranged = plot_attacks_per_period(attacks_per_period(events, freq="W", kinds=None), ax=new_axes())
    assert {p.get_gid() for p in ranged.patches} == {"expected", "certain", "possible"}
    assert len(ranged.get_legend().get_texts()) == 3


def test_periods_the_data_cover_only_in_part_are_hatched_and_the_legend_says_so(events, new_axes):
    from analysis.viz._axes import dates_as_numbers
    from analysis.viz.figures import alt_text

    first, last = pd.Timestamp("2020-03-15"), pd.Timestamp("2020-06-10")  # mid-month to mid-month
    monthly = attacks_per_period(events, freq="M", by="base_id", kinds=None, dates="event_date", start=first,
                                 end=last, clip=True)
    months = monthly.drop_duplicates("period_start").sort_values("period_start")
    partial = months[(months["period_start"] < first) | (months["period_end"] > last)]
    assert len(partial) == 2 and len(months) > 2  # March and June; the months between are whole
    totals = monthly.groupby("period_start")["possible"].sum()
    # only a bar drawn can be hatched: June counts nothing here, so March alone is
    cut = partial[(totals[partial["period_start"]] > 0).to_numpy()]
    assert len(cut) == 1
    ax = plot_attacks_per_period(monthly, by="base_id", covered=(first, last), ax=new_axes())
    hatched = _patches(ax, "partial")
    assert [b.get_x() for b in hatched] == pytest.approx(list(dates_as_numbers(cut["period_start"])))
    assert all(b.get_hatch() == "////" for b in hatched)
    assert [b.get_height() for b in hatched] == pytest.approx(totals[cut["period_start"]].tolist())
    assert "partial period: the data cover part of it" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Hatched, the periods the data cover only in part:" in alt_text(ax.figure)
    # whole periods, or no span given: nothing hatched, no legend entry
    whole = plot_attacks_per_period(monthly, by="base_id", covered=(months["period_start"].min(),
                                                                    months["period_end"].max()), ax=new_axes())
    assert not _patches(whole, "partial")
    assert not _patches(plot_attacks_per_period(monthly, by="base_id", ax=new_axes()), "partial")


def test_marked_days_are_dashed_lines_at_their_dates_with_their_labels_as_written(attacks, new_axes):
    from analysis.viz._axes import dates_as_numbers
    from analysis.viz.counts import mark_days
    from analysis.viz.figures import descriptions

    counts = attacks_per_period(attacks, freq="W", kinds=is_militia_attack)
    ax = plot_attacks_per_period(counts, ax=new_axes())
    marks = {"$x$ Outlet's first report": "2020-03-17", "_Other": "2020-03-12"}
    mark_days(ax, marks, what="first reports")
    lines = [line for line in ax.lines if line.get_gid() == "day-mark"]
    assert [line.get_xdata()[0] for line in lines] == list(dates_as_numbers(pd.to_datetime(["2020-03-12", "2020-03-17"])))
    # solid: a dashed line in its white halo, over a dark bar, looked like the hatch of a partial period
    assert {line.get_linestyle() for line in lines} == {"-"}
    labels = [text for text in ax.texts if text.get_gid() == "day-mark-label"]
    assert [text.get_text() for text in labels] == ["\u200b_Other", "\\$x\\$ Outlet's first report"]  # by date, literal
    assert descriptions(ax)[-1] == "First reports: _Other, 12 Mar 2020; $x$ Outlet's first report, 17 Mar 2020."
    assert mark_days(ax, {}) is ax and len([line for line in ax.lines if line.get_gid() == "day-mark"]) == 2


@pytest.mark.parametrize("day", ["2020-31-01", None, "next week"])
def test_a_mark_whose_day_is_not_a_date_is_refused_naming_the_mark(new_axes, day):
    ax = new_axes()
    with pytest.raises(analysis.DataError) as caught:
        analysis.mark_days(ax, {"ceasefire": "2020-06-02", "x": day})
    assert str(caught.value).startswith(f"mark_days: the mark 'x' has the day {day!r}, which is not a date; give a day")
    assert (caught.value.column, caught.value.value) == ("x", day)
    assert not ax.lines  # nothing drawn


def test_a_legend_of_long_names_takes_no_more_columns_than_the_figure_holds(events, new_axes):
    counts = attacks_per_period(events.assign(pair=["A" * 60, "B" * 60, "C" * 60, "D" * 60, "E" * 60]), freq="M",
                                by="pair", kinds=None)
    wide = plot_attacks_per_period(counts, by="pair", ax=new_axes(figsize=(10, 4)))
    short = plot_attacks_per_period(counts.assign(pair=counts["pair"].str[:3]), by="pair", ax=new_axes(figsize=(10, 4)))
    assert wide.get_legend()._ncols < short.get_legend()._ncols == 3
    renderer = wide.figure.canvas.get_renderer()
    assert wide.get_legend().get_window_extent(renderer).width <= wide.figure.bbox.width  # nothing clipped


def test_the_escalation_charts_alt_text_writes_points_as_the_page_does_and_its_span_as_dates(new_axes):
    """The alt text read "highest: 3-9 Mar 2025 4533.0" over a span "from 30 Dec 2024 to 30 Mar - 5 Apr 2026" (a
    week's own range inside the span's): points as the table and sentences write them, with the events that scored
    of the period's events, from the same frame, and the span from its first day to its last."""
    from helpers_events import make_events

    from analysis.viz.figures import descriptions

    rows = [{"date_start": "2024-12-31", "event_type": "Battles", "sub_event_type": "Armed clash"},
            {"date_start": "2025-03-04", "event_type": "Battles", "sub_event_type": "Government regains territory"},
            {"date_start": "2025-03-05", "event_type": "Protests", "sub_event_type": "Peaceful protest"},
            {"date_start": "2026-04-01", "event_type": "Battles", "sub_event_type": "Armed clash"}]
    measure = escalation_per_period(make_events(rows), freq="W", dates="event_date")
    text = " ".join(descriptions(plot_escalation(measure, ax=new_axes())))
    assert "Escalation score per period from 30 Dec 2024 to 5 Apr 2026; highest: " in text
    assert "30 Dec 2024 - 5 Jan 2025 10 points, from 1 event; " in text
    assert "3-9 Mar 2025 9.5 points, from 2 events, 1 of them scored" in text
    assert not re.search(r"\d\.0\b", text)


def test_the_killed_of_some_events_are_hatched_at_the_top_of_their_bars_apart_from_the_rules_foot(new_axes):
    from helpers_events import make_events

    from analysis.stats.casualties import killed_per_period

    events = make_events([
        {"date_start": "2025-03-05", "fatalities": 2},
        {"date_start": "2025-03-12", "fatalities": 9},
        {"date_start": "2025-03-13", "fatalities": 3, "notes": "Fatalities unknown; coded as 3."},
    ])
    killed = killed_per_period(events, dates="event_date", set_by_rule=True)
    some = killed_per_period(events.iloc[[1]], dates="event_date", set_by_rule=True, start=events["date_start"].min(),
                             end=events["date_start"].max())
    ax = plot_killed_per_period(killed, part=some, part_label="only <Wire> $x$", ax=new_axes())
    (part,) = _patches(ax, "part")  # the 9 of the week's 12, at its top; the rule's 3 stay at its foot
    assert (part.get_y(), part.get_height()) == (3.0, 9.0)
    assert _patches(ax, "set by rule")[0].get_height() == 3.0
    assert "only <Wire> \\$x\\$" in [t.get_text() for t in ax.get_legend().get_texts()]  # drawn as written
    with pytest.raises(analysis.DataError, match="plot_killed_per_period: part= is given without part_label="):
        plot_killed_per_period(killed, part=some, ax=new_axes())
    with pytest.raises(analysis.DataError, match="plot_killed_per_period: part= counts 14 in the period starting "):
        plot_killed_per_period(killed, part=some.assign(killed=some["killed"] * 14 / 9), part_label="x",
                               ax=new_axes())


def test_the_killed_per_period_are_bars_of_their_figures_with_partial_periods_and_tolls_set_by_rule_hatched(new_axes):
    from helpers_events import make_events

    from analysis.stats.casualties import killed_per_period
    from analysis.viz._axes import dates_as_numbers
    from analysis.viz.figures import alt_text

    events = make_events([
        {"date_start": "2025-03-05", "fatalities": 2},
        {"date_start": "2025-03-12", "fatalities": 9},
        {"date_start": "2025-03-13", "fatalities": 3, "notes": "Fatalities unknown; coded as 3."},
        {"date_start": "2025-03-19", "fatalities": 0},  # a week with an event and no one killed
        {"date_start": "2025-03-31", "fatalities": 1},
    ])
    killed = killed_per_period(events, dates="event_date", set_by_rule=True)
    first, last = pd.Timestamp("2025-03-05"), pd.Timestamp("2025-03-31")  # the first and last weeks covered in part
    ax = plot_killed_per_period(killed, covered=(first, last), ax=new_axes())
    bars = _patches(ax, "killed")
    assert [b.get_height() for b in bars] == [2.0, 12.0, 0.0, 0.0, 1.0]  # a zero, not a gap
    assert [b.get_x() for b in bars] == pytest.approx(list(dates_as_numbers(killed["period_start"])))
    assert ax.get_ylabel() == "people killed (lowest figure reported)"
    (rule,) = _patches(ax, "set by rule")  # the 3 no source gave, hatched from the foot of the week's bar
    assert (rule.get_y(), rule.get_height(), rule.get_hatch()) == (0.0, 3.0, "xxx")
    hatched = _patches(ax, "partial")
    assert [b.get_x() for b in hatched] == pytest.approx(list(dates_as_numbers(killed["period_start"].iloc[[0, 4]])))
    assert {b.get_hatch() for b in hatched} == {"////"} and [b.get_height() for b in hatched] == [2.0, 1.0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["partial period: the data cover part of it", SET_BY_RULE]
    alt = alt_text(ax.figure)
    assert "Bars of people killed (lowest figure reported) per period from 3 Mar 2025 to 6 Apr 2025: 15 in all." in alt
    assert "The most: 10-16 Mar 2025: 12; 3-9 Mar 2025: 2; 31 Mar - 6 Apr 2025: 1." in alt
    assert "1 period with events and no one killed (0)." in alt
    assert "Of these, killed in events whose toll ACLED set by rule: 3, in 1 period." in alt
    # without tolls set by rule or a span: plain bars, no legend
    plain = plot_killed_per_period(killed.drop(columns="set_by_rule"), ax=new_axes())
    assert not _patches(plain, "set by rule") and not _patches(plain, "partial") and plain.get_legend() is None


def test_the_coded_killed_per_week_spread_a_ranged_attack_and_an_empty_window_draws_nothing(new_axes):
    import analysis
    from analysis.stats.casualties import killed_per_period
    from analysis.viz.figures import alt_text

    data = analysis.load_dataset()
    killed = killed_per_period(data.events, data.casualties, kinds=is_militia_attack)
    ax = plot_killed_per_period(killed, ax=new_axes())
    assert [b.get_height() for b in _patches(ax, "killed")] == pytest.approx(killed["killed"].tolist())
    top = killed.loc[killed["killed"].idxmax()]
    assert f"The most: {top['period_start'].day}-{top['period_end'].day} Mar 2020: {top['killed']:g};" in alt_text(ax.figure)
    empty = plot_killed_per_period(killed.iloc[:0], ax=new_axes())
    assert not empty.patches and "No people killed (lowest figure reported) to count." in alt_text(empty)


# --- the part of the bars only a new source reports ----------------------------------------------------------

def _two_outlets() -> pd.DataFrame:
    """May: 3 events of Radio X; June: 2 of Radio X, 4 only Local Network reports, 1 both report; July: 1 only
    Local Network reports, in the other place."""
    rows = ([("2020-05-0%d" % d, "North", "Radio X") for d in (1, 2, 3)]
            + [("2020-06-01", "North", "Radio X"), ("2020-06-02", "South", "Radio X")]
            + [("2020-06-1%d" % d, place, "Local Network") for d, place in ((1, "North"), (2, "North"), (3, "South"),
                                                                              (4, "North"))]
            + [("2020-06-20", "South", "Local Network; Radio X"), ("2020-07-04", "South", "Local Network")])
    frame = pd.DataFrame(rows, columns=["date_start", "place", "source"])
    frame["date_start"] = pd.to_datetime(frame["date_start"])
    frame["date_end"] = frame["date_start"]
    frame["event_id"] = [f"e{k}" for k in range(len(frame))]
    return frame


def _counted(frame: pd.DataFrame, by: str | None = "place") -> pd.DataFrame:
    return attacks_per_period(frame, freq="M", by=by, kinds=None, start="2020-05-01", end="2020-07-31")


@pytest.mark.parametrize("by", ["place", None], ids=["stacked by place", "one bar a period"])
def test_the_part_only_a_new_source_reports_is_hatched_at_the_top_of_each_bar_with_its_key(new_axes, by):
    from matplotlib.dates import num2date

    from analysis.stats.coverage import events_only_by
    from analysis.viz.figures import alt_text

    events = _two_outlets()
    label = "reported only by Local Network, first cited 11 June 2020"
    ax = plot_attacks_per_period(_counted(events, by), by=by, part=_counted(events_only_by(events, ["Local Network"]), by),
                                 part_label=label, ax=new_axes(), ylabel="events")
    hatched = _patches(ax, "part")
    per_month = pd.Series(0.0, index=["2020-05", "2020-06", "2020-07"])
    for patch in hatched:
        per_month[num2date(patch.get_x()).strftime("%Y-%m")] += patch.get_height()
    # the event both outlets report is not the new source's alone: 4 in June, not 5; none in May
    assert per_month.tolist() == [0.0, 4.0, 1.0]
    assert {patch.get_hatch() for patch in hatched} == {"|||"}
    # each at the top of its bar or of its place's part of it: its top is a bar's top
    tops = {round(p.get_y() + p.get_height(), 6) for p in ax.patches if p.get_gid() in ("count", "expected:North",
                                                                                        "expected:South")}
    assert {round(p.get_y() + p.get_height(), 6) for p in hatched} <= tops
    assert label in [text.get_text() for text in ax.get_legend().get_texts()]
    assert f"Hatched and outlined at the top of the bars, {label}: Jun 2020: 4; Jul 2020: 1." in alt_text(ax.figure)


def test_the_parts_key_is_drawn_as_written_and_a_part_of_nothing_has_none(new_axes):
    from analysis.viz.literal import literal_text

    events = _two_outlets()
    hostile = "reported only by $\\alpha$ _Net_ <b>, first cited 11 June 2020"
    ax = plot_attacks_per_period(_counted(events), by="place", part=_counted(events.iloc[:0]), part_label=hostile,
                                 ax=new_axes())
    assert not _patches(ax, "part") and literal_text(hostile) not in [t.get_text() for t in ax.get_legend().get_texts()]
    ax = plot_attacks_per_period(_counted(events), by="place", part=_counted(events.iloc[-1:]), part_label=hostile,
                                 ax=new_axes())
    assert literal_text(hostile) in [text.get_text() for text in ax.get_legend().get_texts()]
    ax.figure.canvas.draw()  # drawn, no mathematics read into it


def test_a_part_larger_than_its_bar_or_without_words_is_refused(new_axes):
    events = _two_outlets()
    more = pd.concat([events, events.iloc[-1:].assign(event_id="again")])
    with pytest.raises(analysis.DataError, match=r"part= counts 2 in the period starting 2020-07-01 and the group "
                                                 r"'South', more than the 1 of counts="):
        plot_attacks_per_period(_counted(events), by="place", part=_counted(more), part_label="x", ax=new_axes())
    with pytest.raises(analysis.DataError, match="part= counts 1 in groups that counts= lack"):
        plot_attacks_per_period(_counted(events), by="place", part=_counted(events.iloc[-1:].assign(place="East")),
                                part_label="x", ax=new_axes())
    with pytest.raises(analysis.DataError, match="part= is given without part_label="):
        plot_attacks_per_period(_counted(events), by="place", part=_counted(events), ax=new_axes())


def test_a_marked_day_on_a_chart_of_bars_is_drawn_behind_them_cutting_none(new_axes):
    from analysis.viz.counts import mark_days

    ax = plot_attacks_per_period(_counted(_two_outlets()), by="place", ax=new_axes())
    mark_days(ax, {"Local Network's first report": "2020-06-11"})
    line = next(line for line in ax.lines if line.get_gid() == "day-mark")
    assert line.get_zorder() < min(p.get_zorder() for p in ax.patches if p.get_gid().startswith("expected:"))
    assert line.get_zorder() > ax.yaxis.get_zorder()  # seen above the bars, over the grid
