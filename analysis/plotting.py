"""Draw the charts of the notebooks; matplotlib is imported only inside the functions.

Every plotting helper takes its data first and everything else by keyword,
draws on ``ax`` (the current Axes when None) and returns that Axes, also
when there is nothing to draw. None calls ``plt.show()`` or ``savefig``: the
notebook decides. The data preparation is in :mod:`analysis.aggregate`
(tested on its own); these functions only draw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import aggregate

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: One colour per kind of event (colour-blind safe, Okabe-Ito and Tol), so a
#: kind looks the same in every chart.
KIND_COLORS: dict[str, str] = {
    "militia attack": "#D55E00",
    "US strike": "#0072B2",
    "other violence": "#7F7F7F",
    "posture change": "#009E73",
    "political": "#AA4499",
    "protest": "#E69F00",
    "Battles": "#882255",
    "Explosions/Remote violence": "#D55E00",
    "Violence against civilians": "#AA4499",
    "Protests": "#E69F00",
    "Riots": "#DDCC77",
    "Strategic developments": "#009E73",
}
_EXTRA_COLORS = ("#56B4E9", "#117733", "#332288", "#999933", "#44AA99", "#661100", "#6699CC", "#888888")
OUTCOME_COLORS: dict[str, str] = {"killed": "#8E1B1B", "wounded": "#E08A3C"}
#: Marker of each qualifier of a reported figure in the troop-level chart.
QUALIFIER_MARKERS: dict[str, str] = {
    "exact": "o", "about": "D", "less than": "v", "more than": "^", "at least": "^", "dozens": "s", "several": "s",
}
LABEL_FONT_SIZE = 7.8
FORCE_COLORS: dict[str, str] = {"US": "#0072B2", "UK": "#AA4499", "coalition": "#009E73"}


def color_for(kinds: Sequence[str]) -> dict[str, str]:
    """Return a colour for each kind: the fixed one of :data:`KIND_COLORS`, else the next spare colour.

    Parameters
    ----------
    kinds : sequence of str
        Kinds (categories, ACLED event types, or any labels), in the order
        they should take spare colours.

    Returns
    -------
    dict of str to str
        Kind -> hex colour.

    Examples
    --------
    >>> color_for(["US strike", "something else"])
    {'US strike': '#0072B2', 'something else': '#56B4E9'}
    """
    colors, spare = {}, 0
    for kind in kinds:
        if kind in KIND_COLORS:
            colors[kind] = KIND_COLORS[kind]
        else:
            colors[kind] = _EXTRA_COLORS[spare % len(_EXTRA_COLORS)]
            spare += 1
    return colors


def use_report_style() -> None:
    """Set the charts' style and make notebook figures reproducible byte for byte.

    Sets matplotlib's rcParams (size, fonts, no top and right spines) and,
    when running in a Jupyter kernel with the inline backend, makes it write
    PNG figures with a tight bounding box and without the "Software"
    metadata stamp, so re-running a notebook gives identical files.

    Returns
    -------
    None

    Examples
    --------
    >>> use_report_style()
    """
    import matplotlib as mpl

    mpl.rcParams.update({
        "figure.figsize": (9.0, 4.6),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "font.family": "DejaVu Sans",
        "font.size": 9.5,
        "axes.titlesize": 11.5,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": 9.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.frameon": False,
        "legend.fontsize": 8.5,
        "xtick.labelsize": 8.5,
        "ytick.labelsize": 8.5,
        "svg.hashsalt": "analysis",
    })
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebooks' dependencies
        return
    shell = get_ipython()
    if shell is None or "matplotlib_inline" not in str(mpl.get_backend()):
        return
    import matplotlib.pyplot  # noqa: F401  (loads the inline backend and its configuration)
    from matplotlib_inline.config import InlineBackend

    config = InlineBackend.instance()
    config.figure_formats = {"png"}
    config.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Software": None}}


def _axes(ax: Axes | None) -> Axes:
    import matplotlib.pyplot as plt

    return plt.gca() if ax is None else ax


def _date_axis(ax: Axes) -> None:
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def _legend_below(ax: Axes, columns: int = 3) -> Any:
    """Put the legend under the x axis, so it never hides data."""
    entries = len(ax.get_legend_handles_labels()[0])
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=max(1, min(columns, entries)),
                     handletextpad=0.4, columnspacing=1.4)


def _tag_bars(bars: Any, gid: str) -> None:
    """Give every bar of a BarContainer the same gid, so tests and readers can find them."""
    for patch in bars:
        patch.set_gid(gid)


def _days_as_float(values: pd.Series | pd.Index | np.ndarray) -> np.ndarray:
    import matplotlib.dates as mdates

    return mdates.date2num(pd.to_datetime(np.asarray(values)).to_pydatetime()) if len(values) else np.array([])


# --- timeline ---------------------------------------------------------------------------

def plot_timeline(
    events: pd.DataFrame,
    *,
    lane: str = "category",
    size: str | None = "casualties",
    label: aggregate.LabelSpec = None,
    casualties: pd.DataFrame | None = None,
    start: object = None,
    end: object = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw events on a shared time axis, in lanes by kind, with spans for ranged dates.

    Each event is a marker at its ``event_date``, coloured by kind and sized
    by the people killed or wounded; an event known to the day is filled,
    one known only to a range is hollow and drawn over a bar spanning its
    possible days. Labels sit above their lane, stacked so they never
    overlap (see :func:`analysis.aggregate.timeline_layout`, which does all
    the placing).

    Parameters
    ----------
    events : DataFrame
        Events (coded or ACLED).
    lane, size, label, casualties, start, end
        As in :func:`analysis.aggregate.timeline_layout`.
    ax : matplotlib Axes, optional
        Where to draw; the current Axes if None.

    Returns
    -------
    matplotlib Axes
        One scatter collection per lane (``gid`` ``"events:<lane>"``), one
        bar collection of spans per lane with ranged events (``gid``
        ``"spans:<lane>"``), one text per label (``gid`` ``"label"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from analysis import load_events
    >>> ax = plot_timeline(load_events())  # doctest: +SKIP
    """
    ax = _axes(ax)
    # how many label characters fill the Axes: its width in points over a character's (DejaVu Sans
    # averages about 0.6 em), plus the two spaces around each label
    width_points = ax.get_position().width * ax.figure.get_figwidth() * 72
    layout = aggregate.timeline_layout(
        events, lane=lane, size=size, label=label, casualties=casualties, start=start, end=end,
        chars_per_axis=width_points / (0.62 * LABEL_FONT_SIZE),
    )
    if layout.empty:
        ax.set_yticks([])
        ax.text(0.5, 0.5, "no events to show", transform=ax.transAxes, ha="center", va="center", color="0.4")
        return ax
    lanes = layout.attrs["lanes"]
    colors = color_for(list(lanes))
    x = _days_as_float(layout["event_date"])
    centres = {}
    for name, base in lanes.items():
        rows = (layout["lane"] == name).to_numpy()
        top = float(layout.loc[rows, "y"].max()) if rows.any() else base
        centres[name] = (base + top) / 2
        ax.axhspan(base - 0.12, top + 0.12, color=colors[name], alpha=0.05, linewidth=0, zorder=0)
        ranged = rows & layout["is_range"].to_numpy()
        color = colors[name]
        if ranged.any():
            starts = _days_as_float(layout.loc[ranged, "x_start"])
            ends = _days_as_float(layout.loc[ranged, "x_end"])
            for y_row in sorted(set(layout.loc[ranged, "y"])):
                in_row = (layout.loc[ranged, "y"] == y_row).to_numpy()
                spans = ax.broken_barh(
                    list(zip(starts[in_row], (ends - starts)[in_row])), (y_row - 0.06, 0.12), facecolors=color,
                    alpha=0.3, edgecolor="none", zorder=1,
                )
                spans.set_gid(f"spans:{name}")
        fills = np.where(layout.loc[rows, "is_range"].to_numpy(), "white", color)
        points = ax.scatter(
            x[rows], layout.loc[rows, "y"].to_numpy(), s=layout.loc[rows, "marker_size"].to_numpy(),
            facecolors=list(fills), edgecolors=color, linewidths=1.2, zorder=3, label=name,
        )
        points.set_gid(f"events:{name}")
    labelled = layout["label"].notna().to_numpy()
    for (_, row), xi in zip(layout[labelled].iterrows(), x[labelled]):
        ax.plot([xi, xi], [row["y"] + 0.05, row["label_y"] - 0.08], color="0.55", linewidth=0.6, zorder=2)
        text = ax.text(
            xi, row["label_y"], f" {row['label']} ", ha=row["label_ha"], va="center", fontsize=LABEL_FONT_SIZE, color="0.1",
            zorder=4,
        )
        text.set_gid("label")
    ax.set_yticks(list(centres.values()), list(centres))
    for tick, name in zip(ax.get_yticklabels(), lanes):
        tick.set_color(colors[name])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-0.3, layout.attrs["height"] - 0.25)
    first = pd.Timestamp(start) if start is not None else layout["x_start"].min()
    last = pd.Timestamp(end) + pd.Timedelta(days=1) if end is not None else layout["x_end"].max()
    pad = max((last - first) / 60, pd.Timedelta(days=1))
    ax.set_xlim(*_days_as_float([first - pad, last + pad]))
    _date_axis(ax)
    return ax


def timeline_legend(ax: Axes, *, sizes: Sequence[int] = (1, 5), size_label: str = "killed or wounded") -> Any:
    """Add the legend of :func:`plot_timeline`: what filled, hollow and spans mean, and marker sizes.

    Parameters
    ----------
    ax : matplotlib Axes
        An Axes drawn by :func:`plot_timeline`.
    sizes : sequence of int, default (1, 5)
        People counts shown in the size key.
    size_label : str, default "killed or wounded"
        What the sizes count.

    Returns
    -------
    matplotlib Legend
        The legend, placed below the chart.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> timeline_legend(plt.figure().gca()).get_texts()[0].get_text()
    'day known'
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Line2D([], [], marker="o", linestyle="", markerfacecolor="0.3", markeredgecolor="0.3", label="day known"),
        Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="0.3",
               label="date known to a range (bar: possible days)"),
        Patch(facecolor="0.3", alpha=0.28, label="possible days"),
    ]
    for count in sizes:
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor="0.3",
                              markersize=float(np.sqrt(36.0 + 14.0 * count)), label=f"{count} {size_label}"))
    return ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(handles),
                     handletextpad=0.3, columnspacing=1.2)


# --- counts per period ------------------------------------------------------------------

def _period_bars(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    left = _days_as_float(frame["period_start"])
    right = _days_as_float(frame["period_end"]) + 1.0
    return left, right - left


def plot_attacks_per_period(
    counts: pd.DataFrame,
    *,
    by: str | None = None,
    names: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    ylabel: str = "attacks",
) -> Axes:
    """Draw counts per period: expected as bars, with certain and possible shown beside them.

    Without ``by``: a bar per period up to ``expected``, a darker bar up to
    ``certain``, and an outline up to ``possible``; where every date is
    known to the day the three coincide. With ``by``: ``expected`` stacked by
    group, and the outline of the periods' total ``possible``.

    Parameters
    ----------
    counts : DataFrame
        Output of :func:`analysis.aggregate.attacks_per_period`.
    by : str or None, default None
        The group column the counts were made with.
    names : mapping or None, default None
        Legend text of each group (e.g. base id -> base name); groups not
        in it show as they are.
    ax : matplotlib Axes, optional
        Where to draw.
    ylabel : str, default "attacks"
        What is counted.

    Returns
    -------
    matplotlib Axes
        Bars with ``gid`` ``"expected"`` (or ``"expected:<group>"`` with
        ``by``), ``"certain"``, ``"possible"``, one per period each.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-03-11"]), "date_end": pd.to_datetime(["2020-03-17"])})
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_attacks_per_period(aggregate.attacks_per_period(frame, kinds=None), ax=plt.figure().gca())
    >>> sorted({p.get_gid() for p in ax.patches})
    ['certain', 'expected', 'possible']
    """
    ax = _axes(ax)
    ax.set_ylabel(ylabel)
    if counts.empty:
        ax.text(0.5, 0.5, "nothing to count", transform=ax.transAxes, ha="center", va="center", color="0.4")
        return ax
    if by is None:
        left, width = _period_bars(counts)
        bars = ax.bar(left, counts["expected"], width=width * 0.86, align="edge", color="#E9A27A",
                      label="expected (ranged dates spread over their days)")
        _tag_bars(bars, "expected")
        bars = ax.bar(left, counts["certain"], width=width * 0.86, align="edge", color="#B2430F",
                      label="certain (whole date range in the period)")
        _tag_bars(bars, "certain")
    else:
        totals = counts.groupby("period_start", sort=True)[["possible"]].sum().reset_index()
        periods = counts.groupby("period_start", sort=True)["period_end"].first().reset_index()
        totals = totals.merge(periods, on="period_start")
        groups = list(dict.fromkeys(counts[by].astype("string").fillna("not known")))
        colors = color_for(groups)
        bottom = pd.Series(0.0, index=totals["period_start"])
        for group in groups:
            part = counts[counts[by].astype("string").fillna("not known") == group]
            part = part.set_index("period_start")["expected"].reindex(totals["period_start"], fill_value=0.0)
            left, width = _period_bars(totals)
            bars = ax.bar(left, part.to_numpy(), bottom=bottom.to_numpy(), width=width * 0.86, align="edge",
                          color=colors[group], label=str((names or {}).get(group, group)))
            _tag_bars(bars, f"expected:{group}")
            bottom = bottom + part.to_numpy()
        counts = totals
    left, width = _period_bars(counts)
    bars = ax.bar(left, counts["possible"], width=width * 0.86, align="edge", facecolor="none",
                  edgecolor="0.35", linewidth=0.8, linestyle="--", label="possible (date range overlaps the period)")
    _tag_bars(bars, "possible")
    ax.yaxis.get_major_locator().set_params(integer=True)
    _date_axis(ax)
    _legend_below(ax)
    return ax


def plot_escalation(escalation: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw the escalation measure per period: conflict up, cooperation down, the net as a line.

    Parameters
    ----------
    escalation : DataFrame
        Output of :func:`analysis.escalation.escalation_per_period`.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        Bars with ``gid`` ``"conflict"`` and ``"cooperation"`` (one per
        period each) and the line ``gid`` ``"escalation"``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from analysis.escalation import escalation_per_period
    >>> frame = pd.DataFrame({"event_id": ["EV1"], "sub_event_type": ["Air/drone strike"],
    ...                       "date_start": pd.to_datetime(["2020-01-03"]), "date_end": pd.to_datetime(["2020-01-03"])})
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_escalation(escalation_per_period(frame), ax=plt.figure().gca())
    >>> [p.get_gid() for p in ax.patches]
    ['conflict', 'cooperation']
    """
    ax = _axes(ax)
    ax.set_ylabel("Goldstein points")
    if escalation.empty:
        ax.text(0.5, 0.5, "nothing to measure", transform=ax.transAxes, ha="center", va="center", color="0.4")
        return ax
    left, width = _period_bars(escalation)
    bars = ax.bar(left, escalation["conflict"], width=width * 0.86, align="edge", color="#C0392B",
                  label="conflict (sum of negative weights)")
    _tag_bars(bars, "conflict")
    bars = ax.bar(left, -escalation["cooperation"], width=width * 0.86, align="edge", color="#2E8B57",
                  label="cooperation (sum of positive weights, drawn below zero)")
    _tag_bars(bars, "cooperation")
    (line,) = ax.plot(left + width / 2, escalation["escalation"], color="0.15", marker="o", markersize=3,
                      linewidth=1.2, label="escalation = conflict - cooperation")
    line.set_gid("escalation")
    ax.axhline(0, color="0.5", linewidth=0.6)
    _date_axis(ax)
    _legend_below(ax)
    return ax


# --- ranges: projectiles and casualties -------------------------------------------------

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
    ax = _axes(ax)
    ax.set_xlabel(xlabel)
    if frame.empty:
        ax.text(0.5, 0.5, "no figures reported", transform=ax.transAxes, ha="center", va="center", color="0.4")
        ax.set_yticks([])
        return ax
    rows = list(dict.fromkeys(frame[y].astype(str)))
    position = {name: len(rows) - 1 - i for i, name in enumerate(rows)}
    hues = list(dict.fromkeys(frame[hue].astype(str))) if hue else [""]
    colors = {h: OUTCOME_COLORS.get(h, c) for h, c in color_for(hues).items()} if hue else {"": "0.2"}
    offsets = {h: (i - (len(hues) - 1) / 2) * 0.22 for i, h in enumerate(hues)}
    bounds = pd.concat([frame[low], frame[high]]).astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    top = max(float(np.nanmax(bounds)) if np.isfinite(bounds).any() else 1.0, 1.0)
    for h in hues:
        part = frame if not hue else frame[frame[hue].astype(str) == h]
        ys = np.array([position[str(v)] for v in part[y]]) + offsets[h]
        lows = part[low].astype("Float64")
        highs = part[high].astype("Float64")
        for yi, lo, hi in zip(ys, lows, highs):
            if pd.isna(lo) and pd.isna(hi):
                ax.text(0, yi, " not reported", va="center", fontsize=7.5, color="0.45")
                continue
            start = 0.0 if pd.isna(lo) else float(lo)
            end = top * 1.08 if pd.isna(hi) else float(hi)
            line = ax.plot([start, end], [yi, yi], color=colors[h], linewidth=2,
                           linestyle="--" if pd.isna(lo) else "-", solid_capstyle="butt")[0]
            line.set_gid("range")
            if pd.isna(hi):
                ax.annotate("", xy=(end + top * 0.04, yi), xytext=(end, yi),
                            arrowprops={"arrowstyle": "->", "color": colors[h], "linewidth": 1.5})
                ax.text(end + top * 0.05, yi, " or more", va="center", fontsize=7.5, color=colors[h])
        dots_x = np.concatenate([lows.dropna().to_numpy(dtype=float), highs.dropna().to_numpy(dtype=float)])
        dots_y = np.concatenate([ys[lows.notna().to_numpy()], ys[highs.notna().to_numpy()]])
        dots = ax.scatter(dots_x, dots_y, s=28, color=colors[h], zorder=3, label=h or None)
        dots.set_gid(f"dots:{h}")
    ax.set_yticks(list(position.values()), list(position))
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.set_xlim(left=-top * 0.03, right=top * 1.3)
    ax.xaxis.get_major_locator().set_params(integer=True)
    if hue:
        ax.legend(loc="lower right")
    return ax


def plot_casualties(counts: pd.DataFrame, *, y: str = "attack", ax: Axes | None = None) -> Axes:
    """Draw killed and wounded as low-high ranges, per attack or per group.

    Parameters
    ----------
    counts : DataFrame
        Output of :func:`analysis.aggregate.casualties_per_event` (``y="attack"``
        or ``y="group"``) or :func:`analysis.aggregate.casualties_by_group`
        (``y="group"``).
    y : str, default "attack"
        Column naming the rows.
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
    if not counts.empty and y == "attack" and "group" in counts.columns:
        counts = counts.assign(attack=counts["attack"].astype(str) + " - " + counts["group"].astype(str))
    return plot_ranges(counts, y=y, hue="outcome", ax=ax, xlabel="people (lowest to highest figure reported)")


# --- troop levels --------------------------------------------------------------------------

def plot_troop_levels(
    levels: pd.DataFrame, *, start: object = None, end: object = None, ax: Axes | None = None
) -> Axes:
    """Draw reported troop levels as steps with their low-high bands, qualifiers kept visible.

    Each statement is a step from its first day to the next statement about
    the same force (:func:`analysis.aggregate.troop_level_steps`), a band
    from its low to its high bound where both are known, a marker whose
    shape says how it was worded (diamond "about", down triangle "less
    than", up triangle "more than"/"at least", circle exact) and a label
    with the wording ("about 5,000").

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
        One step line per force (``gid`` ``"steps:<force>"``), one band per
        statement with both bounds (``gid`` ``"band"``), one marker and one
        label (``gid`` ``"level"``) per statement, and an arrow (``gid``
        ``"open"``) pointing the way a bound is open ("less than": down).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> levels = pd.DataFrame({"level_id": ["TL1"], "force": ["US"], "date_start": pd.to_datetime(["2020-02-06"]),
    ...                        "date_end": pd.to_datetime(["2020-02-06"]), "count_low": [5150],
    ...                        "count_high": [5250], "qualifier": ["about"], "doc_id": ["d"]})
    >>> import matplotlib.pyplot as plt
    >>> [t.get_text() for t in plot_troop_levels(levels, ax=plt.figure().gca()).texts]
    ['US: about 5,200']
    """
    ax = _axes(ax)
    ax.set_ylabel("troops")
    steps = aggregate.troop_level_steps(levels)
    if steps.empty:
        ax.text(0.5, 0.5, "no troop levels reported", transform=ax.transAxes, ha="center", va="center", color="0.4")
        return ax
    for force, part in steps.groupby("force", observed=True, sort=True):
        color = FORCE_COLORS.get(str(force), "0.3")
        starts = _days_as_float(part["date_start"])
        ends = _days_as_float(part["step_end"])
        xs = np.ravel(np.column_stack([starts, ends]))
        ys = np.repeat(part["value"].to_numpy(dtype=float), 2)
        (line,) = ax.plot(xs, ys, color=color, linewidth=1.6, drawstyle="steps-post", label=str(force))
        line.set_gid(f"steps:{force}")
        for (_, row), x0, x1 in zip(part.iterrows(), starts, ends):
            if not (pd.isna(row["count_low"]) or pd.isna(row["count_high"])) and row["count_low"] != row["count_high"]:
                band = ax.fill_between([x0, x1], float(row["count_low"]), float(row["count_high"]),
                                       color=color, alpha=0.18, linewidth=0)
                band.set_gid("band")
            for bound, direction in (("count_low", -1), ("count_high", 1)):
                if pd.isna(row[bound]):
                    arrow = ax.annotate("", xy=(x0, row["value"]), xytext=(0, direction * 18), textcoords="offset points",
                                        arrowprops={"arrowstyle": "<-", "color": color, "linewidth": 1.2,
                                                    "shrinkA": 0, "shrinkB": 5})
                    arrow.set_gid("open")
                    arrow.arrow_patch.set_clip_on(False)
            marker = QUALIFIER_MARKERS.get(str(row["qualifier"]), "o")
            ax.plot([x0], [row["value"]], marker=marker, color=color, markersize=7, linestyle="")
            text = ax.annotate(f"{force}: {row['as_worded']}", (x0, row["value"]), xytext=(4, 7),
                               textcoords="offset points", fontsize=8.5, color=color)
            text.set_gid("level")
    ax.set_ylim(bottom=0, top=float(steps["value"].max()) * 1.2)
    if start is not None or end is not None:
        first = pd.Timestamp(start) if start is not None else steps["date_start"].min()
        last = pd.Timestamp(end) + pd.Timedelta(days=1) if end is not None else steps["step_end"].max()
        ax.set_xlim(*_days_as_float([first, last]))
    ax.yaxis.set_major_formatter("{x:,.0f}")
    _date_axis(ax)
    return ax


# --- posture map ------------------------------------------------------------------------

#: Colour and marker of each kind of change at a base.
POSTURE_STYLES: dict[str, tuple[str, str]] = {
    "attacked": ("#D55E00", "X"),
    "fortified": ("#E69F00", "s"),
    "Patriot batteries": ("#AA4499", "^"),
    "withdrawn from": ("#0072B2", "v"),
    "handed over": ("#0072B2", "v"),
}
#: The panels of :func:`plot_posture_panels`: kinds drawn together.
POSTURE_PANELS: tuple[tuple[str, ...], ...] = (
    ("attacked",), ("fortified",), ("Patriot batteries",), ("withdrawn from", "handed over"),
)


def plot_posture_map(
    posture: pd.DataFrame,
    *,
    bases: pd.DataFrame,
    kinds: Sequence[str] | None = None,
    boundaries: Sequence[Any] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the bases on a map of Iraq and its neighbours, marking what happened at each, and when.

    Every base of ``bases`` is a small grey dot with its name; a base where
    an event of ``kinds`` happened gets that kind's marker and colour
    (:data:`POSTURE_STYLES`) and the dates in words under its name (several
    events of a kind at one base are listed together). Boundaries come from
    the packaged Natural Earth file (no download).

    Parameters
    ----------
    posture : DataFrame
        Output of :func:`analysis.aggregate.base_posture`.
    bases : DataFrame
        A bases table (``load_bases()``), for every base's place and name.
    kinds : sequence of str or None, default None
        Kinds to mark (of :data:`analysis.aggregate.POSTURE_KINDS`); None
        marks all.
    boundaries : sequence or None, default None
        What :func:`analysis.geo.load_boundaries` returns; None loads the
        packaged file.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        The map: one grey dot collection of all bases (``gid`` ``"bases"``),
        one marker collection per kind drawn (``gid`` ``"posture:<kind>"``),
        one name label per base (``gid`` ``"base:<base_id>"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> bases = pd.DataFrame({"base_id": ["k1"], "name": ["K-1 Air Base"], "latitude": [35.47], "longitude": [44.35]})
    >>> ax = plot_posture_map(bases.iloc[:0].assign(kind=[], when=[]), bases=bases, ax=plt.figure().gca())
    >>> [c.get_gid() for c in ax.collections]
    ['bases']
    """
    from .geo import plot_boundaries

    ax = _axes(ax)
    plot_boundaries(boundaries, ax=ax, labels=True)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.tick_params(labelsize=7)
    dots = ax.scatter(bases["longitude"], bases["latitude"], s=14, color="0.45", zorder=3)
    dots.set_gid("bases")
    chosen = posture if kinds is None else posture[posture["kind"].isin(list(kinds))]
    when = chosen.groupby("base_id", sort=False)["when"].agg(_join_dates)
    for kind in dict.fromkeys(chosen["kind"]):
        part = chosen[chosen["kind"] == kind].drop_duplicates("base_id")
        color, marker = POSTURE_STYLES.get(str(kind), ("0.2", "o"))
        marks = ax.scatter(part["longitude"], part["latitude"], s=90, marker=marker, color=color,
                           edgecolors="white", linewidths=0.8, zorder=4, label=str(kind))
        marks.set_gid(f"posture:{kind}")
    ordered = sorted(zip(bases["base_id"], bases["name"], bases["longitude"], bases["latitude"]),
                     key=lambda base: base[0] not in when.index)
    placed = _Placer(ax)
    for base_id, name, lon, lat in ordered:
        marked = base_id in when.index
        text = f"{name}\n{when[base_id]}" if marked else str(name)
        style = {"fontsize": 7.5 if marked else 6.5, "color": "0.05" if marked else "0.4",
                 "fontweight": "bold" if marked else "normal", "zorder": 5}
        placed.annotate(text, (lon, lat), gid=f"base:{base_id}", **style)
    return ax


def _join_dates(texts: Sequence[str]) -> str:
    """Join dates in words, writing a year shared by all of them once, at the end."""
    texts = list(dict.fromkeys(texts))
    years = {text[-4:] for text in texts}
    if len(texts) > 1 and len(years) == 1 and all(text[-5:-4] == " " for text in texts):
        return ", ".join(text[:-5] for text in texts) + texts[0][-5:]
    return ", ".join(texts)


class _Placer:
    """Put point labels where they overlap no earlier label and stay inside the Axes.

    Tries eight places around the point (right, left, above, below, then the
    corners), measuring the texts with the figure's renderer; keeps the
    first that fits, or else the one that overlaps least. Deterministic:
    same input, same places.
    """

    _CANDIDATES = ((6, 0, "left", "center"), (-6, 0, "right", "center"), (0, 7, "center", "bottom"),
                   (0, -7, "center", "top"), (5, 5, "left", "bottom"), (-5, 5, "right", "bottom"),
                   (5, -5, "left", "top"), (-5, -5, "right", "top"))

    def __init__(self, ax: Axes) -> None:
        from matplotlib.transforms import Bbox

        self.ax = ax
        self.renderer = ax.figure.canvas.get_renderer()
        ax.apply_aspect()
        self.frame = ax.get_window_extent(self.renderer)
        self.taken = [t.get_window_extent(self.renderer) for t in ax.texts if t.get_visible()]
        # the points themselves, as small boxes, so labels do not cover them
        for collection in ax.collections:
            for x, y in ax.transData.transform(collection.get_offsets()):
                self.taken.append(Bbox.from_extents(x - 3, y - 3, x + 3, y + 3))

    def _cost(self, box: Any) -> float:
        outside = 0.0 if (self.frame.x0 <= box.x0 and box.x1 <= self.frame.x1
                          and self.frame.y0 <= box.y0 and box.y1 <= self.frame.y1) else 1e9
        overlap = 0.0
        for other in self.taken:
            width = min(box.x1, other.x1) - max(box.x0, other.x0)
            height = min(box.y1, other.y1) - max(box.y0, other.y0)
            overlap += max(width, 0.0) * max(height, 0.0)
        return outside + overlap

    def annotate(self, text: str, xy: tuple[float, float], *, gid: str, **style: Any) -> Any:
        best = None
        for dx, dy, ha, va in self._CANDIDATES:
            label = self.ax.annotate(text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, **style)
            box = label.get_window_extent(self.renderer)
            cost = self._cost(box)
            label.remove()
            if best is None or cost < best[0]:
                best = (cost, dx, dy, ha, va, box)
            if cost == 0:
                break
        _, dx, dy, ha, va, box = best
        label = self.ax.annotate(text, xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, **style)
        label.set_gid(gid)
        self.taken.append(box)
        return label


def plot_posture_panels(
    posture: pd.DataFrame,
    *,
    bases: pd.DataFrame,
    panels: Sequence[Sequence[str]] = POSTURE_PANELS,
    boundaries: Sequence[Any] | None = None,
    title: str | None = None,
    axes: Sequence[Axes] | None = None,
) -> np.ndarray:
    """Draw one posture map per kind of change, side by side (small multiples).

    Parameters
    ----------
    posture : DataFrame
        Output of :func:`analysis.aggregate.base_posture`.
    bases : DataFrame
        A bases table.
    panels : sequence of sequence of str, default POSTURE_PANELS
        The kinds drawn in each panel.
    boundaries : sequence or None, default None
        Boundaries (None for the packaged file).
    title : str or None, default None
        Title of the whole figure.
    axes : sequence of Axes or None, default None
        One Axes per panel; None makes a figure with two panels per row.

    Returns
    -------
    numpy.ndarray of matplotlib Axes
        The panels' Axes, titled with their kinds.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> bases = pd.DataFrame({"base_id": ["k1"], "name": ["K-1 Air Base"], "latitude": [35.47], "longitude": [44.35]})
    >>> len(plot_posture_panels(bases.iloc[:0].assign(kind=[], when=[]), bases=bases))
    4
    """
    import matplotlib.pyplot as plt

    if axes is None:
        rows = (len(panels) + 1) // 2
        _, grid = plt.subplots(rows, 2, figsize=(10, 4.4 * rows), squeeze=False, layout="constrained")
        axes = grid.ravel()
    axes = np.asarray(axes, dtype=object).ravel()
    if boundaries is None:
        from .geo import load_boundaries

        boundaries = load_boundaries()
    for ax, kinds in zip(axes, panels):
        plot_posture_map(posture, bases=bases, kinds=kinds, boundaries=boundaries, ax=ax)
        ax.set_title(" or ".join(kinds).capitalize(), fontsize=10.5)
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    if title:
        axes[0].figure.suptitle(title, x=0.02, ha="left", fontweight="bold", fontsize=11.5)
    return axes
