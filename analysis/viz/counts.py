"""Draw counts and weights per period: attacks (expected, certain, possible), the same as small multiples of groups,
and the people killed; the days that explain a change marked on them (the escalation measure's chart, in
:mod:`analysis.viz.escalation`, draws its periods the same way)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._frames import as_timestamp, require_input
from .._lazy import moved_names
from ..errors import DataError
from ..stats.periods import COUNT_NAMES, counts_agree, partial_periods
from ..text import date_texts, describe_dates, describe_figure, describe_number
from ._axes import (
    counted_axes,
    current_axes,
    date_axis,
    dates_as_numbers,
    legend_below,
    note_below,
    own_figure,
    tag_bars,
)
from .figures import describe
from .literal import literal_text
from .style import (
    COUNT_COLORS,
    HATCHES,
    OTHER,
    OTHER_COLOR,
    OUTCOME_COLORS,
    SET_BY_RULE,
    color_for,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


#: The columns of :func:`analysis.stats.periods.attacks_per_period` that its chart draws.
PERIOD_COUNTS = ("period_start", "period_end", "certain", "possible", "expected")


def period_bars(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The left edge and the width of each period's bar, in days on a date axis (shared by the charts per period)."""
    left = dates_as_numbers(frame["period_start"])
    right = dates_as_numbers(frame["period_end"]) + 1.0
    return left, right - left


@own_figure()
def plot_attacks_per_period(
    counts: pd.DataFrame,
    *,
    by: str | None = None,
    names: Mapping[str, str] | None = None,
    colors: Mapping[str, str] | None = None,
    note: str | None = None,
    covered: tuple[object, object] | None = None,
    part: pd.DataFrame | None = None,
    part_label: str | None = None,
    ax: Axes | None = None,
    ylabel: str = "attacks",
) -> Axes:
    """Draw counts per period: expected as bars, with certain and possible shown beside them.

    Without ``by``: a bar per period up to ``expected``, a darker bar up to
    ``certain``, and an outline up to ``possible``. With ``by``:
    ``expected`` stacked by group, and the outline of the periods' total
    ``possible``. Where the three counts are one in every period
    (:func:`analysis.stats.periods.counts_agree`: every event known to its
    day, or counted on ACLED's ``event_date``), one count is drawn, plainly:
    a bar per period (``gid`` ``"count"``), or the groups stacked, with no
    outline and no legend of certain, possible and expected.

    Parameters
    ----------
    counts : DataFrame
        Output of :func:`analysis.attacks_per_period`.
    by : str or None, default None
        The group column the counts were made with.
    names : mapping or None, default None
        Legend text of each group (e.g. base id -> base name); groups not
        in it show as they are.
    colors : mapping or None, default None
        Group -> colour, computed once per run
        (:func:`analysis.viz.style.group_palette`), so a group has the same
        colour in every chart. Groups not in it are drawn together as
        ``"other"`` (in its colour, grey by default). None: a colour per
        group, in turn.
    note : str or None, default None
        A sentence written under the chart (e.g. that the counts are a
        floor: :func:`analysis.stats.tables.count_floor_note`).
    covered : (first, last) or None, default None
        The first and last day the data cover. A period they cover only in
        part (:func:`analysis.stats.periods.partial_periods`: a window that
        starts mid-month, an export that ends before the month does) is
        hatched in white (``gid`` ``"partial"``) and the legend says so: its
        count is not comparable with a whole period's. None: no period is
        marked.
    part : DataFrame or None, default None
        The counts of some of the events, made as ``counts`` were (the same
        periods, and ``by``; e.g. the events only a new source reports):
        hatched and outlined at the top of each bar, or of each group's
        part of it (``gid`` ``"part"``, height the part's ``expected``),
        and named in the legend by ``part_label``. None: no part is drawn.
    part_label : str or None, default None
        The legend's words for ``part``, drawn exactly as written
        (:func:`analysis.viz.literal.literal_text`); required with ``part``.
    ax : matplotlib Axes, optional
        Where to draw.
    ylabel : str, default "attacks"
        What is counted.

    Returns
    -------
    matplotlib Axes
        Bars with ``gid`` ``"expected"`` (or ``"expected:<group>"`` with
        ``by``), ``"certain"``, ``"possible"``, one per period each, and the
        note (``gid`` ``"note"``); where the counts agree, ``"count"`` (or
        ``"expected:<group>"``) only; with ``part``, its hatched parts
        (``"part"``) and its legend's swatch (``"part key"``).

    Raises
    ------
    DataError
        If ``part`` is given without ``part_label``, or counts more in a
        period (and group) than ``counts`` do.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-03-11"]), "date_end": pd.to_datetime(["2020-03-17"])})
    >>> import matplotlib.pyplot as plt
    >>> from analysis.stats.periods import attacks_per_period
    >>> ax = plot_attacks_per_period(attacks_per_period(frame, kinds=None), ax=plt.figure().gca())
    >>> sorted({p.get_gid() for p in ax.patches})
    ['certain', 'expected', 'possible']
    """
    require_input(counts, [*PERIOD_COUNTS, *([by] if by else [])], taker="plot_attacks_per_period",
                  maker="attacks_per_period" + (f" with by={by!r}" if by else ""))
    ax, empty = counted_axes(ax, ylabel, counts.empty)
    if empty:
        return ax
    one = counts_agree(counts)
    hatched = BarPart(counts, part, part_label, by) if part is not None else None
    if by is None and one:
        described = _count_description(counts, by, names, ylabel, one=True)
        left, width = period_bars(counts)
        tag_bars(ax.bar(left, counts["certain"], width=width * 0.86, align="edge", color=COUNT_COLORS["certain"]),
                 "count")
        if hatched is not None:
            hatched.draw(ax, counts, counts["certain"].to_numpy(dtype=float), counts["certain"].to_numpy(dtype=float))
    elif by is None:
        described = _count_description(counts, by, names, ylabel)
        left, width = period_bars(counts)
        bars = ax.bar(left, counts["expected"], width=width * 0.86, align="edge", color=COUNT_COLORS["expected"],
                      label="expected (ranged dates spread over their possible days)")
        tag_bars(bars, "expected")
        bars = ax.bar(left, counts["certain"], width=width * 0.86, align="edge", color=COUNT_COLORS["certain"],
                      label=COUNT_NAMES["certain"])
        tag_bars(bars, "certain")
        if hatched is not None:
            hatched.draw(ax, counts, counts["expected"].to_numpy(dtype=float), counts["expected"].to_numpy(dtype=float))
    else:
        totals = counts.groupby("period_start", sort=True)[["possible"]].sum().reset_index()
        periods = counts.groupby("period_start", sort=True)["period_end"].first().reset_index()
        totals = totals.merge(periods, on="period_start")
        coloured = None if colors is None else list(colors)
        other = next((g for g in coloured or () if g == OTHER), OTHER)

        def grouped(frame: pd.DataFrame) -> pd.Series:  # each row's group as drawn: one with no colour is "other"
            found = frame[by].astype("string").fillna("not known")
            return found if coloured is None else found.where(found.isin(coloured), other)

        group_of = grouped(counts)
        if colors is None:
            groups = list(dict.fromkeys(group_of))
            colors = color_for(groups)
        else:
            present = set(group_of)
            groups = [g for g in colors if g in present]
            colors = {**dict(colors), other: colors.get(other, OTHER_COLOR)}
        described = _count_description(counts, by, names, ylabel, groups=groups, one=one)
        bottom = pd.Series(0.0, index=totals["period_start"])
        for group in groups:
            own = counts[(group_of == group).to_numpy()].groupby("period_start")["expected"].sum()
            own = own.reindex(totals["period_start"], fill_value=0.0)
            left, width = period_bars(totals)
            bars = ax.bar(left, own.to_numpy(), bottom=bottom.to_numpy(), width=width * 0.86, align="edge",
                          color=colors[group], label=literal_text(str((names or {}).get(group, group))))
            tag_bars(bars, f"expected:{group}")
            bottom = bottom + own.to_numpy()
            if hatched is not None:  # the part's events of the group, at the top of the group's part of the bar
                hatched.draw(ax, totals, bottom.to_numpy(), own.to_numpy(dtype=float),
                             rows=(grouped(hatched.part) == group).to_numpy(), group=group)
        counts = totals
    if not one:
        left, width = period_bars(counts)
        bars = ax.bar(left, counts["possible"], width=width * 0.86, align="edge", facecolor="none",
                      edgecolor="0.35", linewidth=0.8, linestyle="--", label=COUNT_NAMES["possible"])
        tag_bars(bars, "possible")
    if hatched is not None:
        described += hatched.finish(ax, counts)
    if covered is not None:
        described += mark_partial(ax, counts, covered, [counts["possible"]], COUNT_COLORS["certain"])
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    date_axis(ax)
    # one count and no groups: the axis names it, so no legend (a note then hangs under the axis's label)
    legend = legend_below(ax, rows=by is not None) if ax.get_legend_handles_labels()[1] else ax.xaxis.label
    if note:
        note_below(ax, legend, note, gid="note")
    describe(ax, described)
    return ax


#: The outline and hatch of the part of the bars :func:`plot_attacks_per_period` draws apart (``part``): dark, so
#: that it reads on every group's colour and apart from a partial period's white hatch.
PART_EDGE = "0.15"
#: The part's face: the bar's colour seen paler through it, so that the part stands out on a dark colour too.
PART_TINT = (1.0, 1.0, 1.0, 0.35)


class BarPart:
    """The part of the bars of a chart over periods drawn apart (the ``part`` and ``part_label`` of
    :func:`plot_attacks_per_period`, :func:`plot_killed_per_period` and
    :func:`analysis.viz.escalation.plot_escalation`; ``column``, the figure the bars draw): checked against the
    chart's figures, drawn at the top of each bar (or of each group's part of it), then named in the legend and the
    alternative text (:meth:`finish`)."""

    def __init__(self, counts: pd.DataFrame, part: pd.DataFrame, label: str | None, by: str | None, *,
                 column: str = "expected", needs: Sequence[str] = PERIOD_COUNTS,
                 taker: str = "plot_attacks_per_period", maker: str = "attacks_per_period") -> None:
        columns = list(dict.fromkeys([*needs, column]))
        require_input(part, [*columns, *([by] if by else [])], taker=f"{taker}'s part",
                      maker=f"{maker} of some of the events" + (f" with by={by!r}" if by else ""))
        if label is None or not str(label).strip():
            raise DataError(f"{taker}: part= is given without part_label=, the legend's words for "
                            "the part; give both", column="part_label", value=label, rule="a text naming the part")
        unknown = sorted(set(pd.to_datetime(part["period_start"])) - set(pd.to_datetime(counts["period_start"])))
        if unknown:
            raise DataError(f"{taker}: part= has the period starting {unknown[0]:%Y-%m-%d}, which "
                            "counts= lack; give as part the counts of some of the same events, counted the same way",
                            column="period_start", value=unknown[0], rule="a period of counts=")
        self.part, self.label, self.column, self.taker = part, str(label), column, taker
        self.total: np.ndarray | None = None

    def draw(self, ax: Axes, periods: pd.DataFrame, top: np.ndarray, own: np.ndarray, *,
             rows: np.ndarray | None = None, group: str | None = None, down: bool = False) -> None:
        """Hatch the part's ``expected`` of each period of ``periods`` (of the rows ``rows``: a group's) under the
        bars' tops ``top`` (with ``down``, above the ends ``top`` of bars drawn down from zero), refusing a part
        above what the bar (or the group's part of it, ``own``) counts."""
        frame = self.part if rows is None else self.part[rows]
        heights = (frame.groupby("period_start")[self.column].sum()
                   .reindex(pd.to_datetime(periods["period_start"]), fill_value=0.0).to_numpy(dtype=float))
        over = heights > own + 1e-9
        if over.any():
            k = int(np.flatnonzero(over)[0])
            where = f" and the group {group!r}" if group is not None else ""
            raise DataError(f"{self.taker}: part= counts {heights[k]:g} in the period starting "
                            f"{periods['period_start'].iloc[k]:%Y-%m-%d}{where}, more than the {own[k]:g} of "
                            "counts=; give as part the counts of some of the same events", column="part",
                            value=heights[k], rule=f"at most {own[k]:g}")
        self.total = heights if self.total is None else self.total + heights
        some = heights > 0
        if some.any():
            left, width = period_bars(periods)
            sign = -1.0 if down else 1.0
            bars = ax.bar(left[some], sign * heights[some], bottom=(top - sign * heights)[some],
                          width=width[some] * 0.86, align="edge", facecolor=PART_TINT, edgecolor=PART_EDGE,
                          hatch=HATCHES["part"], linewidth=0.9)
            tag_bars(bars, "part")

    def finish(self, ax: Axes, periods: pd.DataFrame, *, key: bool = True, where: str = "at the top of the bars"
               ) -> str:
        """Name the part in the legend (a swatch of its hatch; none without ``key``, where another part of the same
        events has one) and return what the alternative text adds: "" where no period holds any of it (no hatch for
        the legend to explain)."""
        total = np.zeros(len(periods)) if self.total is None else self.total
        left_out = float(self.part[self.column].sum()) - float(total.sum())
        if left_out > 1e-9:  # a group of the part that the counts do not have: nothing of it is dropped unsaid
            raise DataError(f"{self.taker}: part= counts {left_out:g} in groups that counts= lack; give "
                            "as part the counts of some of the same events, counted the same way", column="part",
                            value=left_out, rule="the groups of counts=")
        if not (total > 0).any():
            return ""
        if key:
            left, _ = period_bars(periods)
            swatch = ax.bar([left[0]], [0.0], width=0.0, align="edge", facecolor="0.8", edgecolor=PART_EDGE,
                            hatch=HATCHES["part"], linewidth=0.9, label=literal_text(self.label))
            tag_bars(swatch, "part key")
        shown = date_texts(periods.rename(columns={"period_start": "date_start", "period_end": "date_end"}))
        return (f" Hatched and outlined {where}, {self.label}: "
                + "; ".join(f"{shown.iloc[k]}: {total[k]:,g}" for k in np.flatnonzero(total > 0)) + ".")


#: The axis of the chart of people killed per period: the figure it sums, as the distribution of killed per event
#: names it.
KILLED_LABEL = "people killed (lowest figure reported)"
#: How many of the deadliest periods the chart's alternative text names.
DEADLIEST_NAMED = 3


@own_figure()
def plot_killed_per_period(
    killed: pd.DataFrame,
    *,
    covered: tuple[object, object] | None = None,
    part: pd.DataFrame | None = None,
    part_label: str | None = None,
    ax: Axes | None = None,
    ylabel: str = KILLED_LABEL,
) -> Axes:
    """Draw the people killed per period: a bar per period, on the dates of :func:`plot_attacks_per_period`.

    A period with events and no one killed is a bar of 0, said so in the
    alternative text; with a ``set_by_rule`` column, the part of a bar
    killed in events whose toll ACLED set by rule is hatched from its
    foot, as in :func:`analysis.viz.ranges.plot_killed_distribution`; with
    ``part``, the people killed in some of the events are hatched and
    outlined at its top, as :func:`plot_attacks_per_period` hatches its
    ``part``.

    Parameters
    ----------
    killed : DataFrame
        Output of :func:`analysis.stats.casualties.killed_per_period`.
    covered : (first, last) or None, default None
        The first and last day the data cover: a period they cover only in
        part is hatched in white (``gid`` ``"partial"``), as in
        :func:`plot_attacks_per_period`. None: no period is marked.
    part : DataFrame or None, default None
        :func:`analysis.stats.casualties.killed_per_period` of some of the
        events (e.g. those only a new source reports), made as ``killed``
        was: its ``killed`` hatched at the top of each bar (``gid``
        ``"part"``), named in the legend by ``part_label``.
    part_label : str or None, default None
        The legend's words for ``part``, drawn exactly as written; required
        with ``part``.
    ax : matplotlib Axes, optional
        Where to draw.
    ylabel : str, default :data:`KILLED_LABEL`
        What the bars sum.

    Returns
    -------
    matplotlib Axes
        One bar per period (``gid`` ``"killed"``, height ``killed``), the
        parts set by rule (``gid`` ``"set by rule"``), the hatches of
        partial periods, and with ``part`` its hatched parts (``"part"``)
        and key (``"part key"``).

    Raises
    ------
    DataError
        If ``part`` is given without ``part_label``, or holds more killed in
        a period than ``killed`` does.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from analysis.stats.casualties import killed_per_period
    >>> frame = pd.DataFrame({"event_id": ["a", "b"], "fatalities": [3, 0],
    ...                       "date_start": pd.to_datetime(["2025-03-03", "2025-03-12"]),
    ...                       "date_end": pd.to_datetime(["2025-03-03", "2025-03-12"])})
    >>> ax = plot_killed_per_period(killed_per_period(frame), ax=plt.figure().gca())
    >>> [float(p.get_height()) for p in ax.patches if p.get_gid() == "killed"]
    [3.0, 0.0]
    """
    require_input(killed, ["period_start", "period_end", "possible", "killed"], taker="plot_killed_per_period",
                  maker="killed_per_period")
    ax, empty = counted_axes(ax, ylabel, killed.empty)
    if empty:
        return ax
    hatched = None if part is None else BarPart(killed, part, part_label, None, column="killed",
                                              taker="plot_killed_per_period", maker="killed_per_period")
    left, width = period_bars(killed)
    heights = killed["killed"].to_numpy(dtype=float)
    tag_bars(ax.bar(left, heights, width=width * 0.86, align="edge", color=OUTCOME_COLORS["killed"]), "killed")
    described = _killed_description(killed, ylabel)
    partial = mark_partial(ax, killed, covered, [killed["killed"]], OUTCOME_COLORS["killed"]) if covered else ""
    by_rule = killed["set_by_rule"].to_numpy(dtype=float) if "set_by_rule" in killed.columns else np.zeros(len(killed))
    if (by_rule > 0).any():  # the part no source gave, hatched from the bar's foot, over a partial period's hatch
        some = by_rule > 0
        bars = ax.bar(left[some], by_rule[some], width=width[some] * 0.86, align="edge", facecolor="white",
                      edgecolor=OUTCOME_COLORS["killed"], hatch=HATCHES["by rule"], linewidth=0.8, label=SET_BY_RULE)
        tag_bars(bars, "set by rule")
        described += (f" Of these, killed in events whose toll ACLED set by rule: {describe_figure(by_rule.sum())}, "
                      f"in {describe_number(int(some.sum()), 'period')}.")
    if hatched is not None:  # at the bar's top, its outline apart from the rule's white foot
        hatched.draw(ax, killed, heights, heights)
        described += hatched.finish(ax, killed)
    described += partial
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.grid(axis="y", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    date_axis(ax)
    if ax.get_legend_handles_labels()[1]:
        legend_below(ax)
    describe(ax, described)
    return ax


def _killed_description(killed: pd.DataFrame, what: str) -> str:
    """Say in words what the chart of people killed per period shows: its span and total, the deadliest periods, and
    how many periods had events and no one killed."""
    periods = date_texts(killed.rename(columns={"period_start": "date_start", "period_end": "date_end"}))
    values = killed["killed"].to_numpy(dtype=float)
    text = f"Bars of {what} per period {span_words(killed)}: {describe_figure(values.sum())} in all."
    order = [i for i in np.argsort(-values, kind="stable")[:DEADLIEST_NAMED] if values[i] > 0]
    if order:
        text += " The most: " + "; ".join(f"{periods.iloc[i]}: {describe_figure(values[i])}" for i in order) + "."
    none = int(((killed["possible"] > 0).to_numpy() & (values == 0)).sum())
    if none:
        text += f" {describe_number(none, 'period')} with events and no one killed (0)."
    return text


def mark_partial(ax: Axes, periods: pd.DataFrame, covered: tuple[object, object], heights: list[pd.Series],
                  swatch: str) -> str:
    """Hatch the bars of the periods the data cover only in part, with a legend entry; return what the alternative
    text adds ("" where every period is whole).

    ``heights`` are the bars drawn per period (the highest count, or the bars up and down), hatched over their
    whole height; ``swatch`` is the colour the legend shows the hatch on.
    """
    # a period drawn with no bar (nothing counted in it) has nothing to hatch, and the legend no hatch to explain
    drawn = np.any([height.to_numpy(dtype=float) != 0 for height in heights], axis=0)
    partial = partial_periods(periods, *covered).to_numpy(dtype=bool) & drawn
    if not partial.any():
        return ""
    left, width = period_bars(periods[partial])
    for height in heights:
        bars = ax.bar(left, height.to_numpy(dtype=float)[partial], width=width * 0.86, align="edge",
                      facecolor="none", edgecolor="white", hatch=HATCHES["partial"], linewidth=0)
        tag_bars(bars, "partial")
    # the legend's swatch, after the others: the hatch on a bar's colour (the hatch alone is white on white), drawn
    # as a bar of no size
    key = ax.bar([left[0]], [0.0], width=0.0, align="edge", facecolor=swatch, edgecolor="white",
                 hatch=HATCHES["partial"], linewidth=0, label="partial period: the data cover part of it")
    tag_bars(key, "partial key")
    shown = date_texts(periods[partial].rename(columns={"period_start": "date_start", "period_end": "date_end"}))
    return f" Hatched, the periods the data cover only in part: {', '.join(shown)}."


def span_words(frame: pd.DataFrame) -> str:
    """Say which days a chart's periods span, as readable dates: "from Jan 2025 to Mar 2026" where the periods are
    whole months, else from the first period's first day to the last period's last day, "from 30 Dec 2024 to 5 Apr
    2026" (a week's own range, "30 Mar - 5 Apr 2026", read as a range inside a range)."""
    periods = date_texts(frame.rename(columns={"period_start": "date_start", "period_end": "date_end"}))
    if not periods.str.match(r"\d").any():
        return f"from {periods.iloc[0]} to {periods.iloc[-1]}"
    first, last = frame["period_start"].iloc[0], frame["period_end"].iloc[-1]
    return f"from {describe_dates(first, first)} to {describe_dates(last, last)}"


def _count_description(counts: pd.DataFrame, by: str | None, names: Mapping[str, str] | None, what: str,
                       groups: list[str] | None = None, one: bool = False) -> str:
    """Say in words what a chart of counts per period shows: the periods with any count, and the groups drawn."""
    periods = date_texts(counts.rename(columns={"period_start": "date_start", "period_end": "date_end"}))
    text = f"Bars of {what} per period {span_words(counts)}"
    if by is not None:
        text += f", stacked by {', '.join(str((names or {}).get(g, g)) for g in groups or [])}"
        counts = counts.groupby(["period_start", "period_end"], sort=True)[["certain", "possible", "expected"]].sum()
        counts = counts.reset_index()
        periods = date_texts(counts.rename(columns={"period_start": "date_start", "period_end": "date_end"}))
    busy = counts["possible"] > 0
    shown = [f"{periods[i]}: {counts['certain'][i]:g}" if one else
             f"{periods[i]}: {counts['certain'][i]:g} certain, {counts['possible'][i]:g} possible, "
             f"{counts['expected'][i]:.2f} expected" for i in counts.index[busy][:8]]
    more = int(busy.sum()) - len(shown)
    return text + ". " + "; ".join(shown) + (f"; and {more} more periods." if more > 0 else ".")


def _mark_day(label: str, day: object) -> pd.Timestamp:
    """Read the day of a mark of :func:`mark_days`, or refuse it naming the mark."""
    try:
        stamp = as_timestamp(day, "day")
    except ValueError:
        stamp = None
    if stamp is None:
        raise DataError(f"mark_days: the mark {label!r} has the day {day!r}, which is not a date; give a day such as "
                        "'2020-06-02' (YYYY-MM-DD), a datetime or a Timestamp", column=str(label), value=day,
                        rule="a date")
    return stamp


#: Where :func:`mark_days` draws its lines on a chart of bars: under the bars (patches are drawn at 1), over the
#: grid (drawn at 0.5 under the data).
BEHIND_BARS = 0.8


def mark_days(ax: Axes | None, marks: Mapping[str, object], *, what: str | None = "marked",
              key: bool = False) -> Axes:
    """Draw a vertical line at each day of ``marks`` on a chart over dates, labelled at its top: solid, so that
    it does not look like the hatch of a partial period (a dashed line in its white halo did). On a chart of bars
    (drawn before the marks), the line is drawn behind them, so that it shows above the bars and between them and
    cuts none (:data:`BEHIND_BARS`); on other charts, over their bands and under their markers.

    For a day that explains a change, drawn on the chart the change is seen
    on: the first report of a source that carries a peak ("Local Network's
    first report"), a ceasefire, a new coding rule.

    Parameters
    ----------
    ax : matplotlib Axes or None
        A chart whose x axis is dates (every chart of :mod:`analysis.viz`
        over time); None for the current Axes.
    marks : mapping of str to date-like
        Label -> day. Labels are drawn exactly as written
        (:func:`analysis.viz.literal.literal_text`).
    what : str or None, default "marked"
        How the figure's alternative text introduces the days ("Marked:
        Local Network's first report, 2 Jun 2020."); None: not said (a
        panel among others that draw the same days, one of which says them).
    key : bool, default False
        Name each line in the chart's legend (its label) instead of above
        the plotting area: for small multiples, whose panels' titles are
        there.

    Returns
    -------
    matplotlib Axes
        ``ax``.

    Raises
    ------
    DataError
        If a mark's day is not a date: the message names the mark and its day.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from analysis.viz.figures import descriptions
    >>> ax = plt.figure().gca()
    >>> _ = ax.bar(dates_as_numbers(pd.to_datetime(["2020-06-01"])), [9.0])
    >>> descriptions(mark_days(ax, {"Local Network's first report": "2020-06-02"}))
    ["Marked: Local Network's first report, 2 Jun 2020."]
    """
    import matplotlib.patheffects as patheffects
    import matplotlib.transforms as mtransforms
    from matplotlib.container import BarContainer

    ax = current_axes(ax)
    if not marks:
        return ax
    days = pd.Series([_mark_day(label, day) for label, day in marks.items()], index=list(marks.keys()),
                     dtype="datetime64[ns]").sort_values(kind="stable")
    above = mtransforms.blended_transform_factory(ax.transData, ax.transAxes)
    halo = [patheffects.withStroke(linewidth=2.4, foreground="white")]  # seen over dark bars as over the background
    # on a chart of bars, behind them: seen above the bars and between them, it cuts no sliver off a bar (a bar
    # cut at its first day read as two); elsewhere over bands, under markers and labels (zorder 3 and 4)
    zorder = BEHIND_BARS if any(isinstance(c, BarContainer) for c in ax.containers) else 2.5
    for (label, day), x in zip(days.items(), dates_as_numbers(days)):
        ax.axvline(x, color="0.1", linestyle="-", linewidth=1.0, zorder=zorder, gid="day-mark", path_effects=halo,
                   label=literal_text(label) if key else None)
        if not key:  # above the plotting area, where it covers no bar
            ax.text(x, 1.01, literal_text(label), transform=above, ha="center", va="bottom", fontsize=8, color="0.1",
                    gid="day-mark-label", clip_on=False)
    if what is not None:
        texts = [describe_dates(day, day) for day in days]
        describe(ax, f"{what[:1].upper()}{what[1:]}: "
                 + "; ".join(f"{label}, {when}" for label, when in zip(days.index, texts)) + ".")
    return ax


#: Names that moved when this module was split (the escalation chart, :mod:`analysis.viz.escalation`; the small
#: multiples, :mod:`analysis.viz.panels`), importable
#: from here for one release (with a warning).
__getattr__ = moved_names(__name__, {**{name: "analysis.viz.escalation" for name in
                                        ("DOWN_CORNER", "escalation_key", "plot_escalation")},
                                     **{name: "analysis.viz.panels" for name in
                                        ("PANEL_SIZE", "panel_grid", "plot_panels_per_period")}})
