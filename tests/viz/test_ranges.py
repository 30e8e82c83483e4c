"""Ranges, casualties and troop levels, as drawn."""

from __future__ import annotations

import pandas as pd
from helpers_events import make_table, troop_levels_sample
from matplotlib.colors import to_hex

import analysis
from analysis import schema
from analysis.stats.casualties import casualties_per_event
from analysis.stats.selection import is_militia_attack
from analysis.viz.figures import alt_text, key_of
from analysis.viz.ranges import plot_casualties, plot_ranges, plot_troop_levels
from analysis.viz.style import OUTCOME_COLORS


def test_ranges_show_open_ends_and_one_dot_per_bound(new_axes):
    frame = pd.DataFrame({"attack": ["a", "b", "c", "d"], "count_low": [18, 2, None, None],
                          "count_high": [18, None, 399, None]}).astype({"count_low": "Int64", "count_high": "Int64"})
    ax = plot_ranges(frame, y="attack", ax=new_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c", "d"]
    assert list(ax.get_yticks()) == [3, 2, 1, 0]  # first row on top
    dots = [c for c in ax.collections if c.get_gid() == "dots:"][0]
    assert len(dots.get_offsets()) == 4  # 18 and 18, 2, 399
    assert [t.get_text() for t in ax.texts if t.get_text()] == [" or more", " not reported"]
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == 1


def test_casualties_are_coloured_by_outcome(new_axes):
    counts = pd.DataFrame({"group": ["US military", "US military"], "outcome": ["killed", "wounded"],
                           "count_low": [2, 3], "count_high": [2, 3]})
    ax = plot_casualties(counts, y="group", ax=new_axes())
    colours = {c.get_gid(): to_hex(c.get_facecolor()[0]) for c in ax.collections}
    assert colours == {"dots:killed": OUTCOME_COLORS["killed"].lower(),
                       "dots:wounded": OUTCOME_COLORS["wounded"].lower()}


def test_troop_levels_draw_each_statement_over_its_own_days_and_no_change_between_them(new_axes):
    levels = troop_levels_sample()
    ax = plot_troop_levels(levels, ax=new_axes())
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "level") == [
        "UK: less than 400 (Apr 2020)", "US: about 5,000 (Apr 2020)", "US: about 5,200 (6 Feb 2020)"]
    assert len([p for p in ax.patches if p.get_gid() == "band"]) == 3
    february = [p for p in ax.patches if p.get_gid() == "band" and p.get_width() == 1.0]
    assert [(p.get_y(), p.get_y() + p.get_height()) for p in february] == [(5150.0, 5250.0)]  # one day, no step
    assert len([t for t in ax.texts if t.get_gid() == "open"]) == 1  # "less than 400" is open below
    markers = sorted(line.get_marker() for line in ax.lines if str(line.get_gid()).startswith("figure:"))
    assert markers == ["D", "D", "v"]
    assert all(len(line.get_xdata()) == 1 for line in ax.lines)  # no line joins two statements
    # how the two US figures compare is the chart's title and the statements table's, not a note on the chart
    assert not [t for t in ax.texts if t.get_gid() == "compared"]
    assert "US: overlaps the previous figure (5,150-5,250 fits both): no change shown." in alt_text(ax)


def test_a_small_force_beside_a_large_one_gets_a_scale_of_its_own_clear_of_the_axis(new_axes):
    # on one 0-7,000 scale "less than 400" sat on the x-axis and its downward arrow was cut by it
    ax = plot_troop_levels(troop_levels_sample(), ax=new_axes())
    ax.figure.canvas.draw()
    bottom, height = ax.bbox.y0, ax.bbox.height
    (uk,) = [line for line in ax.lines if line.get_gid() == "figure:UK"]
    marker_y = ax.transData.transform((uk.get_xdata()[0], uk.get_ydata()[0]))[1]
    assert (marker_y - bottom) / height > 0.2
    (arrow,) = [t for t in ax.texts if t.get_gid() == "open"]
    arrow_end = marker_y - 16 * ax.figure.dpi / 72  # the arrow runs 16 points down from the figure
    assert arrow_end > bottom + 5
    assert len([line for line in ax.lines if line.get_gid() == "break"]) == 2  # a mark at each end of the gap
    ticks = ax.get_yticks()
    assert ticks.min() == 0 and ticks.max() >= 5500 and not ((ticks > 600) & (ticks < 4000)).any()
    assert "The troop axis is broken between 600 and 4,000" in alt_text(ax)
    # one force alone, or figures of a size: one scale from 0, no break
    us_only = plot_troop_levels(troop_levels_sample().iloc[:2], ax=new_axes())
    assert not [line for line in us_only.lines if line.get_gid() == "break"] and us_only.get_yscale() == "linear"


def test_zero_is_clear_of_the_frame_and_outcomes_differ_in_shape(new_axes):
    counts = pd.DataFrame({"group": ["US military", "US military"], "outcome": ["killed", "wounded"],
                           "count_low": [0, 0], "count_high": [0, 0]})
    ax = plot_casualties(counts, y="group", ax=new_axes())
    assert ax.get_xlim()[0] < -0.3 and not ax.spines["left"].get_visible()
    shapes = {c.get_gid(): c.get_paths()[0].vertices.shape for c in ax.collections}
    assert shapes["dots:killed"] != shapes["dots:wounded"]


def test_nothing_reported_returns_the_axes(events, new_axes):
    ax = new_axes()
    assert plot_casualties(casualties_per_event(events.iloc[:0], kinds=is_militia_attack), ax=ax) is ax
    assert plot_troop_levels(make_table(schema.TROOP_LEVELS, []), ax=ax) is ax
    assert not ax.patches and not ax.lines
    assert [t.get_text() for t in ax.texts] == ["no figures reported", "no troop levels reported"]


def test_plot_casualties_draws_the_top_attacks_and_counts_the_rest(new_axes):
    rows = [{"event_id": f"EV{i}", "attack": f"attack {i}", "group": "not split by group", "outcome": "killed",
             "count_low": i, "count_high": i} for i in range(20)]
    ax = analysis.plot_casualties(pd.DataFrame(rows), n=5, ax=new_axes())
    drawn = [t.get_text() for t in ax.get_yticklabels()]
    assert drawn == [f"attack {i}" for i in range(15, 20)]  # one figure per attack: no group written
    # the 15 attacks not drawn killed 0 + 1 + ... + 14 = 105
    assert [t.get_text() for t in ax.texts if t.get_gid() == "more"] == [
        "15 more attacks not shown, each with at most 14 killed, 105 killed in all (lowest figures); "
        "the 5 with the highest figures are drawn"]
    assert ax.get_xlabel() == "people killed (figure reported)"  # no wounded, no range: the axis says neither


def test_plot_casualties_never_splits_a_tie_between_drawn_and_left_out(new_axes):
    killed = [7, 6, 6, 5, 3, 0, 0, 0, 0, 0]  # with n=5 the cut falls among the attacks that killed no one
    rows = [{"event_id": f"EV{i}", "attack": f"attack {i}", "group": "not split by group", "outcome": "killed",
             "count_low": k, "count_high": k} for i, k in enumerate(killed)]
    ax = analysis.plot_casualties(pd.DataFrame(rows), n=6, ax=new_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"attack {i}" for i in range(5)]
    assert [t.get_text() for t in ax.texts if t.get_gid() == "more"] == [
        "5 more attacks not shown, in which no one was reported killed; the 5 with the highest figures are drawn"]
    tied = analysis.plot_casualties(pd.DataFrame(rows), n=2, ax=new_axes())  # 6 and 6 both drawn, or neither
    assert [t.get_text() for t in tied.get_yticklabels()] == ["attack 0"]


def test_a_highest_figure_shared_by_more_than_are_drawn_is_said_in_the_note(new_axes):
    """When more attacks share the highest figure than can be drawn, the first are drawn and the note says how many
    share it, so "each with at most 6 killed" does not read as if none left out killed as many."""
    killed = [6, 6, 6, 6, 2, 0]
    rows = [{"event_id": f"EV{i}", "attack": f"attack {i}", "group": "not split by group", "outcome": "killed",
             "count_low": k, "count_high": k} for i, k in enumerate(killed)]
    ax = analysis.plot_casualties(pd.DataFrame(rows), n=3, ax=new_axes())
    assert len(ax.get_yticklabels()) == 3
    assert [t.get_text() for t in ax.texts if t.get_gid() == "more"] == [
        "3 more attacks not shown, each with at most 6 killed, 8 killed in all (lowest figures); the first 3 of the 4 "
        "with the highest figure, 6 killed, are drawn"]


def test_plot_casualties_names_the_group_and_the_range_where_the_figures_have_them(new_axes):
    rows = [{"event_id": "EV1", "attack": "11 Mar", "group": "US military", "outcome": "killed", "count_low": 2,
             "count_high": 2},
            {"event_id": "EV1", "attack": "11 Mar", "group": "US military", "outcome": "wounded", "count_low": 3,
             "count_high": 5}]
    ax = analysis.plot_casualties(pd.DataFrame(rows), ax=new_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["11 Mar - US military"]
    assert ax.get_xlabel() == "people killed or wounded (lowest to highest figure reported)"


def test_plot_killed_distribution_draws_a_bar_per_bin_wide_bins_past_ten_killed(new_axes):
    from analysis.stats.casualties import killed_distribution

    frame = pd.DataFrame({"event_id": list("abcde"), "fatalities": [0, 0, 3, 12, 40],
                          "sub_event_type": ["Armed clash"] * 5})
    distribution = killed_distribution(frame, kinds=None)
    heights = [2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 1]  # a bar per figure up to 9, then "10-24" and "25 or more"
    assert distribution["events"].tolist() == heights and distribution["people"].sum() == 55
    ax = analysis.plot_killed_distribution(distribution, ax=new_axes())
    assert [p.get_height() for p in ax.patches] == heights
    line = [line for line in ax.lines if line.get_gid() == "wide-bins"]  # between the bar of 9 and "10-24"
    bars = {p.get_gid(): p for p in ax.patches}
    assert len(line) == 1 and bars["killed:9"].get_x() < line[0].get_xdata()[0] < bars["killed:10-24"].get_x()
    few = analysis.plot_killed_distribution(killed_distribution(frame.assign(fatalities=[0, 0, 3, 4, 5]),
                                                                kinds=None), ax=new_axes())
    assert not [line for line in few.lines if line.get_gid() == "wide-bins"]  # a bar per figure: no line
    empty = analysis.plot_killed_distribution(distribution.assign(events=0), ax=new_axes())
    assert "no attacks in this window" in [t.get_text() for t in empty.texts]


def test_the_events_whose_figure_acled_set_by_rule_are_hatched_in_their_bar(new_axes):
    from analysis.stats.casualties import killed_distribution
    from analysis.viz.figures import descriptions

    frame = pd.DataFrame({"event_id": list("abcd"), "fatalities": [3, 3, 3, 1], "sub_event_type": ["Armed clash"] * 4,
                          "notes": ["Fatalities unknown; coded as 3.", "3 killed.", "Unknown fatalities CODED  AS 3",
                                    "1 killed."]})
    distribution = killed_distribution(frame, kinds=None)
    assert distribution["placeholders"].tolist() == [0, 0, 0, 2] and distribution["events"].tolist() == [0, 1, 0, 3]
    ax = analysis.plot_killed_distribution(distribution, ax=new_axes())
    hatched = [p for p in ax.patches if p.get_gid() == "placeholders"]
    assert [p.get_height() for p in hatched] == [2.0]
    assert hatched[0].get_x() == [p for p in ax.patches if p.get_gid() == "killed:3"][0].get_x()
    assert "set by ACLED's rule where no source gave a figure: 3: 2." in descriptions(ax)[-1]
    plain = analysis.plot_killed_distribution(killed_distribution(frame.drop(columns="notes"), kinds=None),
                                              ax=new_axes())
    assert not [p for p in plain.patches if p.get_gid() == "placeholders"] and plain.get_legend() is None


def _acled_attacks(killed: list[int]) -> pd.DataFrame:
    days = pd.date_range("2020-03-02", periods=len(killed), freq="D")
    return pd.DataFrame({"event_id": [f"TST{i}" for i in range(len(killed))], "date_start": days, "date_end": days,
                         "event_date": days, "fatalities": killed, "sub_event_type": "Armed clash", "location": "Town"})


def test_a_highest_figure_shared_by_more_attacks_than_are_drawn_gives_the_distribution(new_axes):
    """101 attacks, 16 of which killed 6 (the most): fifteen identical dots would show nothing of the rest, so the
    chart counts how many attacks killed how many."""
    ax = analysis.plot_attack_casualties(_acled_attacks([6] * 16 + [2] * 72 + [0] * 13), kinds=None, ax=new_axes())
    assert key_of(ax)["form"] == "distribution"
    # at most 6 killed: a bar per figure, so the 16 at the highest figure stand apart and no bar is empty past it
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2", "3", "4", "5", "6"]
    assert [p.get_height() for p in ax.patches] == [13, 0, 72, 0, 0, 0, 16]
    assert ax.get_ylabel() == "events (attacks)"  # the axis counts events, whatever the selection calls them
    # the top attacks show more than one figure: the top attacks, their two figures' attacks whole
    top = analysis.plot_attack_casualties(_acled_attacks([6] * 3 + [5] * 4 + [2] * 81 + [0] * 13), kinds=None,
                                          ax=new_axes())
    assert key_of(top)["form"] == "top" and len(top.get_yticklabels()) == 7
    # fewer share the highest figure than can be drawn, but the next figure's attacks do not fit: the top would be
    # 11 identical dots (a run's 11 attacks that killed 6 each over 51 more), so the distribution
    alike = analysis.plot_attack_casualties(_acled_attacks([6] * 11 + [5] * 10 + [2] * 41), kinds=None, ax=new_axes())
    assert key_of(alike)["form"] == "distribution"
