"""Draw reported figures as ranges: low-high bounds per row, casualties by outcome, troop levels as boxes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._frames import require_input
from .._lazy import renamed_keywords
from ..stats.selection import MILITIA_ATTACKS_FOR_NOW
from ..stats.tables import troop_level_statements
from ..text import describe_bounds
from ._axes import current_axes, date_axis, dates_as_numbers, note_nothing, own_figure
from .figures import describe, set_key
from .literal import literal_text
from .style import FORCE_COLORS, HATCHES, OUTCOME_COLORS, SET_BY_RULE, color_for

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: Marker of each outcome, so killed and wounded differ in shape as well as colour.
OUTCOME_MARKERS: dict[str, str] = {"killed": "o", "wounded": "D"}
#: Marker of each qualifier of a reported figure in the troop-level chart.
QUALIFIER_MARKERS: dict[str, str] = {
    "exact": "o", "about": "D", "less than": "v", "more than": "^", "at least": "^", "dozens": "s", "several": "s",
}


@own_figure()
def plot_ranges(
    frame: pd.DataFrame,
    *,
    y: str,
    low: str = "count_low",
    high: str = "count_high",
    hue: str | None = None,
    ax: Axes | None = None,
    xlabel: str = "",
) -> Axes:
    """Draw low-high ranges as dots joined by a line, one row per ``y`` value.

    A known figure (low = high) is one dot; a range is two dots and a line;
    a range open at the top (``high`` missing) ends in an arrow marked
    "or more"; a missing ``low`` is drawn from 0, dashed; a row with
    neither bound says "not reported".

    Parameters
    ----------
    frame : DataFrame
        Rows with the ``y`` label, ``low`` and ``high`` columns (and ``hue``).
    y : str
        Column naming the rows (drawn top to bottom in frame order).
    low, high : str, default "count_low", "count_high"
        Columns of the bounds.
    hue : str or None, default None
        Column whose values get a colour and an offset within a row.
    ax : matplotlib Axes, optional
        Where to draw.
    xlabel : str, default ""
        Label of the x axis.

    Returns
    -------
    matplotlib Axes
        One line per row with a figure (``gid`` ``"range"``), one marker set
        per hue value (``gid`` ``"dots:<hue>"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> frame = pd.DataFrame({"attack": ["a", "b"], "count_low": [18, 2], "count_high": [18, None]})
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_ranges(frame, y="attack", ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a', 'b']
    """
    require_input(frame, [y, low, high, *([hue] if hue else [])], taker="plot_ranges",
                  maker="a table of low-high figures (casualties_per_event, attacks_table, load_troop_levels...)")
    ax = current_axes(ax)
    ax.set_xlabel(xlabel)
    if frame.empty:
        note_nothing(ax, "no figures reported")
        describe(ax, "No figures reported.")
        ax.set_yticks([])
        return ax
    rows, position, hues, colors, offsets, top = _ranges_layout(frame, y, low, high, hue)
    for h in hues:
        part = frame if not hue else frame[frame[hue].astype(str) == h]
        ys = np.array([position[str(v)] for v in part[y]]) + offsets[h]
        _draw_hue_ranges(ax, ys, part[low].astype("Float64"), part[high].astype("Float64"), h, colors[h], top)
    _style_ranges_axes(ax, position, len(rows), top)
    if hue:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), borderaxespad=0.2)
    describe(ax, _ranges_description(frame, y, low, high, hue, xlabel))
    return ax


def _ranges_layout(
    frame: pd.DataFrame, y: str, low: str, high: str, hue: str | None,
) -> tuple[list[str], dict[str, int], list[str], dict[str, str], dict[str, float], float]:
    """Place a chart of ranges: the rows top to bottom, each hue's colour and offset, and the largest figure."""
    rows = list(dict.fromkeys(frame[y].astype(str)))
    position = {name: len(rows) - 1 - i for i, name in enumerate(rows)}
    hues = list(dict.fromkeys(frame[hue].astype(str))) if hue else [""]
    colors = {h: OUTCOME_COLORS.get(h, c) for h, c in color_for(hues).items()} if hue else {"": "0.2"}
    offsets = {h: ((len(hues) - 1) / 2 - i) * 0.3 for i, h in enumerate(hues)}
    bounds = pd.concat([frame[low], frame[high]]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    top = max(float(np.nanmax(bounds)) if np.isfinite(bounds).any() else 1.0, 1.0)
    return rows, position, hues, colors, offsets, top


def _draw_hue_ranges(ax: Axes, ys: np.ndarray, lows: pd.Series, highs: pd.Series, h: str, color: str,
                     top: float) -> None:
    """Draw one hue's ranges, then its dots on every known bound."""
    for yi, lo, hi in zip(ys, lows, highs):
        _draw_range(ax, yi, lo, hi, color, top)
    dots_x = np.concatenate([lows.dropna().to_numpy(dtype=float), highs.dropna().to_numpy(dtype=float)])
    dots_y = np.concatenate([ys[lows.notna().to_numpy()], ys[highs.notna().to_numpy()]])
    dots = ax.scatter(dots_x, dots_y, s=30, color=color, marker=OUTCOME_MARKERS.get(h, "o"), zorder=3,
                      label=literal_text(h) if h else None)
    dots.set_gid(f"dots:{h}")


def _draw_range(ax: Axes, yi: float, lo: object, hi: object, color: str, top: float) -> None:
    """Draw one row's range: a line, dashed from 0 without a low, an arrow without a high, a note without both."""
    if pd.isna(lo) and pd.isna(hi):
        ax.text(0, yi, " not reported", va="center", fontsize=7.5, color="0.45")
        return
    start = 0.0 if pd.isna(lo) else float(lo)
    end = top * 1.08 if pd.isna(hi) else float(hi)
    line = ax.plot([start, end], [yi, yi], color=color, linewidth=2,
                   linestyle="--" if pd.isna(lo) else "-", solid_capstyle="butt")[0]
    line.set_gid("range")
    if pd.isna(hi):
        ax.annotate("", xy=(end + top * 0.04, yi), xytext=(end, yi),
                    arrowprops={"arrowstyle": "->", "color": color, "linewidth": 1.5})
        ax.text(end + top * 0.05, yi, " or more", va="center", fontsize=7.5, color=color)


def _style_ranges_axes(ax: Axes, position: dict[str, int], n_rows: int, top: float) -> None:
    """Label the rows and set the limits and grid of a chart of ranges."""
    ax.set_yticks(list(position.values()), [literal_text(name) for name in position])
    ax.set_ylim(-0.7, n_rows - 0.3)
    # zero sits clear of the frame: the left spine is hidden and 0 is a grid line like the others
    ax.set_xlim(left=-max(top * 0.06, 0.4), right=top * 1.3)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="x", color="0.88", linewidth=0.6)
    ax.set_axisbelow(True)


def _ranges_description(frame: pd.DataFrame, y: str, low: str, high: str, hue: str | None, xlabel: str) -> str:
    """Say in words what a chart of ranges shows: each row's figure."""
    figures = []
    for _, row in frame.head(12).iterrows():
        lo, hi = row[low], row[high]
        value = "not reported" if pd.isna(lo) and pd.isna(hi) else describe_bounds(lo, hi)
        figures.append(f"{row[y]}{f' ({row[hue]})' if hue else ''}: {value}")
    more = len(frame) - len(figures)
    return (f"Dots for {xlabel or 'figures'}, one row each. " + "; ".join(figures)
            + (f"; and {more} more rows." if more > 0 else "."))


@own_figure()
@renamed_keywords(most="n")
def plot_casualties(
    counts: pd.DataFrame, *, y: str = "attack", n: int | None = None, what: str = "attacks", ax: Axes | None = None
) -> Axes:
    """Draw killed and wounded as low-high ranges, per attack or per group.

    Parameters
    ----------
    counts : DataFrame
        Output of :func:`analysis.stats.casualties.casualties_per_event` (``y="attack"``
        or ``y="group"``) or :func:`analysis.stats.casualties.casualties_by_group`
        (``y="group"``).
    y : str, default "attack"
        Column naming the rows.
    n : int or None, default None
        With ``y="attack"``, draw only the ``n`` attacks with the highest
        figures (in date order) and say under the chart how many more there
        are and how many people they killed (``gid`` ``"more"``). None
        draws every row.
    what : str, default "attacks"
        What the rows are, for that note ("attacks", "events").
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        As :func:`plot_ranges`, coloured by outcome.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> frame = pd.DataFrame({"group": ["US military", "US military"], "outcome": ["killed", "wounded"],
    ...                       "count_low": [2, 3], "count_high": [2, 3]})
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_casualties(frame, y="group", ax=plt.figure().gca())
    >>> len([c for c in ax.collections if c.get_gid().startswith("dots")])
    2
    """
    require_input(counts, [y, "outcome", "count_low", "count_high"], taker="plot_casualties",
                  maker="casualties_per_event" if y == "attack" else "casualties_by_group")
    note = None
    outcomes = [o for o in ("killed", "wounded") if o in set(counts.get("outcome", pd.Series(dtype=object)).astype(str))]
    people = " or ".join(outcomes) or "killed"
    if n is not None and y == "attack" and "event_id" in counts.columns and counts["event_id"].nunique() > n:
        counts, note = _highest(counts, n=n, what=what, people=people)
    if not counts.empty and y == "attack" and "group" in counts.columns:
        groups = set(counts["group"].astype(str))
        if groups != {UNSPLIT}:  # a group only where the figures are split by group
            counts = counts.assign(attack=counts["attack"].astype(str) + " - " + counts["group"].astype(str))
    bounds = counts[["count_low", "count_high"]].astype("Float64")
    single = bool(((bounds["count_low"] == bounds["count_high"]) | bounds.isna().any(axis=1)).fillna(True).all())
    ax = plot_ranges(counts, y=y, hue="outcome", ax=ax,
                     xlabel=f"people {people} ({'figure reported' if single else 'lowest to highest figure reported'})")
    if note:
        text = ax.text(0, -0.22, note, transform=ax.transAxes, fontsize=8, color="0.3", va="top")
        text.set_gid("more")
    return ax


#: The group of a figure that is not split by group (ACLED's fatalities), which the chart does not write.
UNSPLIT = "not split by group"


def _highest(counts: pd.DataFrame, *, n: int, what: str, people: str) -> tuple[pd.DataFrame, str]:
    """Keep the attacks with the highest figures, at most ``n``, never splitting a tie; say what the rest hold.

    An attack is left out only with every attack whose figure is as high as
    its own, so no attack drawn has a lower figure than one left out: when
    the 16th highest figure is 0, the attacks that killed no one are all
    left out, not some of them. Only when even the highest figure is shared
    by more than ``n`` attacks are the first ``n`` in order drawn.
    """
    biggest = _attack_figures(counts).sort_values(ascending=False, kind="stable")
    cut = float(biggest.iloc[n])
    shown = set(biggest.index[biggest > cut])
    drawn = f"the {len(shown):,} with the highest figures are drawn"
    if not shown:  # even the highest figure is shared by more than n: the first n of them, and the note says so
        shown = set(biggest.index[:n])
        drawn = (f"the first {len(shown):,} of the {int((biggest == cut).sum()):,} with the highest figure, "
                 f"{cut:,.0f} {people}, are drawn")
    rest = counts[~counts["event_id"].isin(shown)]
    left_out = rest["event_id"].nunique()
    highest_left = float(biggest[~biggest.index.isin(shown)].max())
    killed = int(rest.loc[rest["outcome"] == "killed", "count_low"].astype("Int64").fillna(0).sum())
    if highest_left == 0:
        note = f"{left_out:,} more {what} not shown, in which no one was reported {people}; {drawn}"
    else:
        note = (f"{left_out:,} more {what} not shown, each with at most {highest_left:,.0f} {people}, "
                f"{killed:,} killed in all (lowest figures); {drawn}")
    return counts[counts["event_id"].isin(shown)], note


@own_figure()
def plot_killed_distribution(distribution: pd.DataFrame, *, what: str = "attacks", within: str | None = None,
                             ax: Axes | None = None) -> Axes:
    """Draw how many events killed how many people: a bar per bin of :func:`analysis.stats.casualties.killed_distribution`.

    Parameters
    ----------
    distribution : DataFrame
        Output of :func:`analysis.stats.casualties.killed_distribution`.
    what : str, default "attacks"
        What is counted, for the axis label.
    within : str or None, default None
        The key's words for the events of the period the distribution's
        ``within`` column counts ("in the week of 3-9 March 2025, which may
        be one batch of coding"): the part of each bar they make is drawn
        apart, from its top (``gid`` ``"within"``); None draws none.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        One bar per bin (``gid`` ``"killed:<bin>"``), labelled with its count; where bins of several figures follow
        the bars of one figure each, a dotted line (``gid`` ``"wide-bins"``) stands between them.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"killed": ["0", "1"], "events": [5, 2], "people": [0, 2]})
    >>> len(plot_killed_distribution(frame, ax=plt.figure().gca()).patches)
    2
    """
    import seaborn as sns

    require_input(distribution, ["killed", "events"], taker="plot_killed_distribution", maker="killed_distribution")
    ax = current_axes(ax)
    if distribution["events"].sum() == 0:
        note_nothing(ax, f"no {what} in this window")
        describe(ax, f"No {what} in this window.")
        return ax
    sns.barplot(data=distribution, x="killed", y="events", color=OUTCOME_COLORS["killed"], ax=ax)
    bars = list(ax.patches)
    for patch, label, count in zip(bars, distribution["killed"], distribution["events"]):
        patch.set_gid(f"killed:{label}")
        ax.annotate(f"{count:,}", (patch.get_x() + patch.get_width() / 2, patch.get_height()), xytext=(0, 2),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8)
    lowest = distribution["lowest"].astype(str) if "lowest" in distribution.columns else distribution["killed"]
    wide = [k for k, (label, low) in enumerate(zip(distribution["killed"], lowest)) if label != low and k]
    if wide:  # the bins of several figures each, after a bar per figure: a dotted line marks the change of scale
        before, first = bars[wide[0] - 1], bars[wide[0]]
        ax.axvline((before.get_x() + before.get_width() + first.get_x()) / 2, color="0.45", linestyle=":",
                   linewidth=1, gid="wide-bins")
    ax.set_xlabel("people killed in the event (lowest figure reported)"
                  + ("; one bar per figure, then bins of several" if wide else ""))
    ax.set_ylabel(f"events ({what})" if what != "events" else what)  # a count of events, whatever they are called
    described = f"{what[:1].upper() + what[1:]} by people killed in each (lowest figure reported): " + "; ".join(
        f"{label}: {count:,}" for label, count in zip(distribution["killed"], distribution["events"])) + "."
    set_by_rule = (distribution["placeholders"] if "placeholders" in distribution.columns
                   else pd.Series(0, index=distribution.index))
    inside = (distribution["within"] if within and "within" in distribution.columns
              else pd.Series(0, index=distribution.index))
    handles = []
    from matplotlib.patches import Patch, Rectangle

    if set_by_rule.sum():  # the part of a bar whose figure no source gave, hatched from its foot
        for patch, count in zip(bars, set_by_rule):
            if count:
                ax.add_patch(Rectangle((patch.get_x(), 0), patch.get_width(), float(count), facecolor="white",
                                       edgecolor=OUTCOME_COLORS["killed"], hatch=HATCHES["by rule"], linewidth=0.8,
                                       gid="placeholders"))
        handles.append(Patch(facecolor="white", edgecolor=OUTCOME_COLORS["killed"], hatch=HATCHES["by rule"],
                             label=SET_BY_RULE))
        described += " Of these, set by ACLED's rule where no source gave a figure: " + "; ".join(
            f"{label}: {count:,}" for label, count in zip(distribution["killed"], set_by_rule) if count) + "."
    if inside.sum():  # the part of a bar a period makes (a week that may be one batch), from its top
        for patch, count in zip(bars, inside):
            if count:
                ax.add_patch(Rectangle((patch.get_x(), patch.get_height() - float(count)), patch.get_width(),
                                       float(count), facecolor="0.85", edgecolor=OUTCOME_COLORS["killed"],
                                       hatch=HATCHES["within"], linewidth=0.8, gid="within"))
        handles.append(Patch(facecolor="0.85", edgecolor=OUTCOME_COLORS["killed"], hatch=HATCHES["within"],
                             label=literal_text(f"events {within}")))
        described += f" Of these, events {within}: " + "; ".join(
            f"{label}: {count:,}" for label, count in zip(distribution["killed"], inside) if count) + "."
    if handles:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.22), frameon=False)
    describe(ax, described)
    return ax


#: The troop chart breaks its value axis when some forces' figures all lie under 1/BREAK_RATIO of the highest and
#: every box of the others starts well above them (a force of 400 beside one of 5,000): the small figures get the
#: lower LOW_SHARE of the height, the break GAP_SHARE, the large figures the rest.
BREAK_RATIO = 4.0
LOW_SHARE, GAP_SHARE = 0.34, 0.08


def troop_axis_break(statements: pd.DataFrame) -> tuple[float, float, float] | None:
    """Return where the troop chart's value axis breaks: the top of its lower part, the bottom of its upper part,
    and the top of the axis; None when every figure reads on one scale from 0.

    ``statements`` are :func:`analysis.stats.tables.troop_level_statements`'s rows. A box open below (``count_low``
    missing) starts at 0, so a large figure open below never lets the axis break.

    Examples
    --------
    >>> frame = pd.DataFrame({"count_low": [5150, 4500, None], "count_high": [5250, 5500, 399],
    ...                       "value": [5200, 5000, 399]})
    >>> troop_axis_break(frame)
    (600.0, 4000.0, 6000.0)
    >>> troop_axis_break(frame.assign(count_low=[5150, None, None])) is None
    True
    """
    tops = statements["count_high"].astype("Float64").fillna(statements["value"].astype("Float64"))
    tops = tops.to_numpy(dtype=float, na_value=np.nan)
    lows = statements["count_low"].astype("Float64").fillna(0).to_numpy(dtype=float, na_value=0.0)
    largest = np.nanmax(tops) if len(tops) else np.nan
    if not np.isfinite(largest) or largest <= 0:
        return None
    small = tops < largest / BREAK_RATIO
    if not small.any() or small.all():
        return None
    below, above = float(np.nanmax(tops[small])), float(lows[~small].min())
    if above < 2 * below:  # a box of the large figures reaches down to the small ones
        return None
    span = max(largest - above, 0.1 * largest)
    step = 10 ** np.floor(np.log10(span)) / 2  # round the upper part's ends to half a power of ten
    return (float(np.ceil(below * 1.5 / 100) * 100), float(np.floor((above - 0.3 * span) / step) * step),
            float(np.ceil((largest + 0.5 * span) / step) * step))


def _break_axis(ax: Axes, low_top: float, high_bottom: float, top: float) -> None:
    """Give ``ax`` a value axis broken between ``low_top`` and ``high_bottom``, with ticks on each part and a break
    mark on the spine (``gid`` ``"break"``)."""
    from matplotlib.ticker import MaxNLocator

    xs = [0.0, low_top, high_bottom, top]
    ys = [0.0, LOW_SHARE, LOW_SHARE + GAP_SHARE, 1.0]

    def forward(values: np.ndarray) -> np.ndarray:
        return _piecewise(values, xs, ys)

    def inverse(values: np.ndarray) -> np.ndarray:
        return _piecewise(values, ys, xs)

    ax.set_yscale("function", functions=(forward, inverse))
    ax.set_ylim(0, top)
    # no tick at the break's own ends, where two labels would touch
    lower = [t for t in MaxNLocator(3).tick_values(0, low_top) if 0 <= t < low_top]
    upper = [t for t in MaxNLocator(4).tick_values(high_bottom, top) if high_bottom < t <= top]
    ax.set_yticks(lower + upper)
    from matplotlib.patches import Rectangle

    transform = ax.get_yaxis_transform()  # x in axes coordinates, y in data
    gap = ax.add_patch(Rectangle((-0.01, low_top), 0.02, high_bottom - low_top, transform=transform,
                                 facecolor="white", edgecolor="none", clip_on=False, zorder=5))
    gap.set_gid("break")
    for y in (low_top, high_bottom):
        mark = ax.plot([0], [y], transform=transform, marker=[(-1, -0.5), (1, 0.5)], markersize=9, color="0.2",
                       linestyle="", clip_on=False, zorder=6)[0]
        mark.set_gid("break")


def _piecewise(values: np.ndarray, xs: list[float], ys: list[float]) -> np.ndarray:
    """Map ``values`` piecewise linearly through the points (xs, ys), extended linearly past both ends."""
    values = np.asarray(values, dtype=float)
    out = np.interp(values, xs, ys)
    below, above = values < xs[0], values > xs[-1]
    out = np.where(below, ys[0] + (values - xs[0]) * (ys[1] - ys[0]) / (xs[1] - xs[0]), out)
    return np.where(above, ys[-1] + (values - xs[-1]) * (ys[-1] - ys[-2]) / (xs[-1] - xs[-2]), out)


@own_figure()
def plot_troop_levels(
    levels: pd.DataFrame, *, start: object = None, end: object = None, ax: Axes | None = None
) -> Axes:
    """Draw reported troop levels as what the reports support: each statement's bounds over its own dates.

    Each statement is a box from its first to its last possible day and
    from its low to its high bound (an open bound ends in an arrow: "less
    than 400" points down from 399), a marker at the figure as worded whose
    shape says how it was worded (diamond "about", down triangle "less
    than", up triangle "more than"/"at least", circle exact), and a label
    with the wording and the dates. Nothing is drawn between statements:
    the reports say nothing about those days. Where a force's figures are
    small beside another's (400 beside 5,000), the value axis is broken
    (:func:`troop_axis_break`), so that the small force has a scale of its
    own and its box and arrow stand clear of the axis. How each statement
    stands to the previous one about the same force
    (:func:`analysis.stats.tables.troop_level_statements`) is said in the
    chart's description, not on it: the table of statements says it.

    Parameters
    ----------
    levels : DataFrame
        A troop-levels table (``load_troop_levels()``).
    start, end : date-like or None, default None
        Extent of the time axis (e.g. the timeline's); None for the
        statements' extent.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        One box per statement (``gid`` ``"band"``), one marker per
        statement (``gid`` ``"figure:<force>"``), one label per statement
        (``gid`` ``"level"``), an arrow (``gid`` ``"open"``) pointing the way
        a bound is open, and, where the axis is broken, the break's marks
        (``gid`` ``"break"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> levels = pd.DataFrame({"level_id": ["TL1"], "force": ["US"], "date_start": pd.to_datetime(["2020-02-06"]),
    ...                        "date_end": pd.to_datetime(["2020-02-06"]), "count_low": [5150],
    ...                        "count_high": [5250], "qualifier": ["about"], "doc_id": ["d"]})
    >>> import matplotlib.pyplot as plt
    >>> [t.get_text() for t in plot_troop_levels(levels, ax=plt.figure().gca()).texts]
    ['US: about 5,200 (6 Feb 2020)']
    """
    from matplotlib.patches import Rectangle

    require_input(levels, ["level_id", "date_start", "date_end", "force", "count_low", "count_high", "qualifier",
                           "doc_id"], taker="plot_troop_levels", maker="load_troop_levels")
    ax = current_axes(ax)
    ax.set_ylabel("troops")
    statements = troop_level_statements(levels)
    if statements.empty:
        note_nothing(ax, "no troop levels reported")
        describe(ax, "No troop levels reported.")
        return ax
    top = float(np.nanmax(statements[["count_high", "value"]].astype("Float64").to_numpy(dtype=float, na_value=np.nan)))
    for _, row in statements.iterrows():
        color = FORCE_COLORS.get(str(row["force"]), "0.3")
        x0, x1 = dates_as_numbers([row["date_start"], row["date_end"] + pd.Timedelta(days=1)])
        low = 0.0 if pd.isna(row["count_low"]) else float(row["count_low"])
        high = float(row["value"]) if pd.isna(row["count_high"]) else float(row["count_high"])
        band = ax.add_patch(Rectangle((x0, low), x1 - x0, high - low, facecolor=color, alpha=0.2,
                                      edgecolor=color, linewidth=0.8))
        band.set_gid("band")
        middle = (x0 + x1) / 2
        for bound, direction in (("count_low", -1), ("count_high", 1)):
            if pd.isna(row[bound]):
                arrow = ax.annotate("", xy=(middle, row["value"]), xytext=(0, direction * 16), textcoords="offset points",
                                    arrowprops={"arrowstyle": "<-", "color": color, "linewidth": 1.2,
                                                "shrinkA": 0, "shrinkB": 5})
                arrow.set_gid("open")
                arrow.arrow_patch.set_clip_on(False)
        marker = QUALIFIER_MARKERS.get(str(row["qualifier"]), "o")
        figure = ax.plot([middle], [row["value"]], marker=marker, color=color, markersize=7, linestyle="")[0]
        figure.set_gid(f"figure:{row['force']}")
        text = ax.annotate(f"{row['force']}: {row['as_worded']} ({row['when']})", (x1, high), xytext=(4, 2),
                           textcoords="offset points", fontsize=8.5, color=color, va="bottom")
        text.set_gid("level")
    compared = statements[statements["compared"] != "first statement"]
    broken = troop_axis_break(statements)
    if broken is None:
        ax.set_ylim(bottom=0, top=top * 1.3)
    else:
        _break_axis(ax, *broken)
    first = pd.Timestamp(start) if start is not None else statements["date_start"].min()
    last = pd.Timestamp(end) + pd.Timedelta(days=1) if end is not None else statements["date_end"].max() + pd.Timedelta(days=1)
    pad = max((last - first) / 40, pd.Timedelta(days=1))
    ax.set_xlim(*dates_as_numbers([first - pad, last + pad]))
    ax.yaxis.set_major_formatter("{x:,.0f}")
    ax.grid(axis="y", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    date_axis(ax)
    described = "; ".join(f"{r['force']} {r['as_worded']} ({r['when']}, {describe_bounds(r['count_low'], r['count_high'])})"
                          for _, r in statements.iterrows())
    changes = "; ".join(f"{r['force']}: {r['compared']}" for _, r in compared.iterrows())
    scale = ("" if broken is None else
             f" The troop axis is broken between {broken[0]:,.0f} and {broken[1]:,.0f}, so the small figures read.")
    describe(ax, f"Boxes of troop numbers over the dates each statement covers, nothing between them: {described}."
             + (f" {changes}." if changes else "") + scale)
    return ax


#: Forms of the per-attack casualty chart, by the number of attacks: one row per attack up to
#: PER_ATTACK_MAX, the TOP_ATTACKS deadliest (and the rest counted) up to DISTRIBUTION_ABOVE, then
#: the distribution of killed per attack.
PER_ATTACK_MAX = 15
TOP_ATTACKS = 15
DISTRIBUTION_ABOVE = 200


def casualty_chart_form(attacks: int, *, top_figures: int = 2) -> str:
    """Say which form the per-attack casualty chart takes: ``"each"``, ``"top"`` or ``"distribution"``.

    ``top_figures`` is how many different figures the top attacks would
    show (:func:`_top_figures`): where it is one, they would be as many
    identical dots (11 attacks that killed 6 each), which show nothing of
    the rest, so the chart is the distribution instead.

    Examples
    --------
    >>> casualty_chart_form(4), casualty_chart_form(40), casualty_chart_form(5000)
    ('each', 'top', 'distribution')
    >>> casualty_chart_form(101, top_figures=1)
    'distribution'
    """
    if attacks <= PER_ATTACK_MAX:
        return "each"
    return "top" if attacks <= DISTRIBUTION_ABOVE and top_figures > 1 else "distribution"


def _attack_figures(counts: pd.DataFrame) -> pd.Series:
    """Each attack's figure, as the chart ranks attacks: the highest figure reported of any outcome and group, else
    the lowest, else 0; by ``event_id`` in the order of ``counts``."""
    size = counts["count_high"].astype("Float64").fillna(counts["count_low"].astype("Float64")).fillna(0)
    return size.groupby(counts["event_id"], sort=False).max()


def _top_figures(per_event: pd.DataFrame) -> int:
    """How many different figures the :data:`TOP_ATTACKS` deadliest attacks of
    :func:`analysis.stats.casualties.casualties_per_event` show, each figure's attacks drawn all or none (the
    first figure's first attacks where even its attacks are too many)."""
    if per_event.empty:
        return 0
    shared = _attack_figures(per_event).value_counts().sort_index(ascending=False).to_numpy()
    return max(int((np.cumsum(shared) <= TOP_ATTACKS).sum()), 1)


@own_figure()
def plot_attack_casualties(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    kinds: object = MILITIA_ATTACKS_FOR_NOW,
    what: str = "attacks",
    within: tuple[object, object, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the killed (and wounded) of the selected events in the form their number allows.

    Up to :data:`PER_ATTACK_MAX` attacks: one row per attack and group
    (:func:`plot_casualties`); up to :data:`DISTRIBUTION_ABOVE`: the
    :data:`TOP_ATTACKS` with the highest figures and a count of the rest;
    beyond, or when more attacks than that share the highest figure: how
    many attacks killed how many (:func:`plot_killed_distribution`).

    Parameters
    ----------
    events : DataFrame
        Events.
    casualties : DataFrame or None, default None
        The coded casualties table; None uses ``fatalities``.
    kinds : callable, sequence of str or None
        Which events are the attacks (see :func:`analysis.stats.selection.select_kinds`);
        None: every event, as in every helper. Left out: militia attacks for
        one more release, with a DeprecationWarning.
    what : str, default "attacks"
        What the events are, for notes and labels.
    within : tuple of (date-like, date-like, str) or None, default None
        A period's first and last day and the key's words for its events:
        the distribution draws the part of each bar they make apart
        (:func:`plot_killed_distribution`); the other forms do not.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        The chart; its key (:func:`analysis.viz.figures.key_of`) holds ``form``, which form was drawn.
    """
    from ..stats.casualties import casualties_per_event, killed_distribution
    from ..stats.selection import default_kinds, select_kinds

    require_input(events, ["event_id", "date_start", "date_end", "event_date"], taker="plot_attack_casualties",
                  maker="load_events or load_acled")
    chosen = select_kinds(events, default_kinds(kinds, "plot_attack_casualties"))
    form = casualty_chart_form(len(chosen))
    per_event = casualties_per_event(chosen, casualties, kinds=None) if form != "distribution" else None
    if form == "top":
        form = casualty_chart_form(len(chosen), top_figures=_top_figures(per_event))
    if form == "distribution":
        counted = killed_distribution(chosen, casualties, kinds=None, within=within[:2] if within else None)
        ax = plot_killed_distribution(counted, what=what, within=within[2] if within else None, ax=ax)
    else:
        ax = plot_casualties(per_event, n=TOP_ATTACKS if form == "top" else None, what=what, ax=ax)
    set_key(ax, form=form)
    return ax
