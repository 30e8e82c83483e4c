"""Draw the coded events beside an ACLED export: ACLED's events of one kind per month, linked or lacking, and the coded
ones; and the two sides on one time axis, with the links between them drawn by grade."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._frames import require_input
from ..text import describe_number, join_words
from ._axes import (
    counted_axes,
    current_axes,
    date_axis,
    dates_as_numbers,
    legend_below,
    note_nothing,
    own_figure,
    tag_bars,
)
from .figures import describe
from .literal import literal_text
from .placement import LABEL_FONT_SIZE, beside, chars_across, pack_rows
from .style import COMPARE_COLORS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: The columns of :func:`analysis.stats.reconcile_summary.lacking_by_month` that the chart draws.
MONTH_COUNTS = ("month", "acled", "acled_lacking", "coded")


@own_figure()
def plot_compared_months(months: pd.DataFrame, *, what: str = "events", ax: Axes | None = None) -> Axes:
    """Draw, month by month, ACLED's events linked to a coded event and those the coded data lacks, and the coded ones.

    Parameters
    ----------
    months : DataFrame
        Output of :func:`analysis.stats.reconcile_summary.lacking_by_month`
        (any order: drawn by month).
    what : str, default "events"
        What is counted, for the axis and the legend ("events of indirect fire"), as written.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        Stacked bars with ``gid`` ``"linked"`` and ``"lacking"`` (one per
        month each) and the coded events as dots (``gid`` ``"coded"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"month": pd.to_datetime(["2020-01-01", "2020-02-01"]), "acled": [4, 1],
    ...                       "acled_lacking": [4, 0], "coded": [0, 1]})
    >>> ax = plot_compared_months(frame, ax=plt.figure().gca())
    >>> [float(p.get_height()) for p in ax.patches if p.get_gid() == "lacking"]
    [4.0, 0.0]
    """
    require_input(months, list(MONTH_COUNTS), taker="plot_compared_months", maker="lacking_by_month")
    ax, empty = counted_axes(ax, what, months.empty)
    if empty:
        return ax
    months = months.sort_values("month", kind="stable")
    starts = pd.to_datetime(months["month"])
    left = dates_as_numbers(starts)
    width = dates_as_numbers(starts + pd.offsets.MonthBegin(1)) - left
    linked = (months["acled"] - months["acled_lacking"]).to_numpy(dtype=float)
    lacking = months["acled_lacking"].to_numpy(dtype=float)
    # the legend names only what is drawn: no swatch for bars of no height
    tag_bars(ax.bar(left, linked, width=width * 0.8, align="edge", color=COMPARE_COLORS["linked"],
                    label="in ACLED, linked to a coded event" if linked.any() else "_nolegend_"), "linked")
    tag_bars(ax.bar(left, lacking, bottom=linked, width=width * 0.8, align="edge", color=COMPARE_COLORS["lacking"],
                    label="in ACLED, not in the coded data" if lacking.any() else "_nolegend_"), "lacking")
    coded = months["coded"].to_numpy(dtype=float)
    shown = coded > 0
    ax.plot(left[shown] + width[shown] * 0.4, coded[shown], linestyle="none", marker="o", markersize=6,
            color=COMPARE_COLORS["coded"], label="coded events (dates overlap the month)", gid="coded")
    ax.set_ylim(0, max(1.0, float(np.max(linked + lacking)), float(coded.max())) * 1.15)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    date_axis(ax)
    legend_below(ax)
    top = months.sort_values(["acled_lacking", "month"], ascending=[False, True], kind="stable").iloc[0]
    describe(ax, f"{int(months['acled'].sum())} {what} in ACLED over {len(months)} months, "
                 f"{int(lacking.sum())} of them not in the coded data, the most in {pd.Timestamp(top['month']):%B %Y} "
                 f"({int(top['acled_lacking'])}); coded events of this kind in {int(shown.sum())} of the months.")
    return ax


#: The columns of the three frames of :func:`analysis.stats.reconcile_summary.link_timeline` that the chart draws.
LINK_FRAMES = {"windows": ("number", "start", "end"), "acled": ("event_id", "date", "linked"),
               "links": ("number", "acled_id", "grade", "needs_review")}
#: How a link of each grade is drawn (line style), and what the legend calls it; near misses are not drawn.
LINK_STYLES: dict[str, tuple[str, str]] = {"strong": ("-", "strong link"), "plausible": ("--", "plausible link"),
                                           "plausible (no place)": ("--", "plausible link"),
                                           "related": (":", "related link")}
#: The legend's entries, in order.
_LEGEND_ORDER = ("coded event: its dates", "coded event: a known day", "ACLED event, linked",
                 "ACLED event, no coded event links to it", "strong link", "plausible link", "related link",
                 "needs review")
#: Rows of a lane, in data units, and the room between the coded lane's top row and ACLED's bottom one.
_ROW, _LANE_GAP = 1.0, 2.2
#: Most rows ACLED's dots stack to (events of one day beyond it are drawn over each other).
_ACLED_ROWS = 6
#: Radius of a dot, in label characters (5-point markers beside 7.6-point labels).
_DOT_CHARS = 0.6


@own_figure()
def plot_compared_links(windows: pd.DataFrame, acled: pd.DataFrame, links: pd.DataFrame, *,
                        ax: Axes | None = None) -> Axes:
    """Draw the coded events' windows and ACLED's events on one time axis, with a line for each link, styled by grade.

    Two lanes: below, the coded events in ACLED's scope, each a bar over its
    dates (a dot where the day is known) labelled with its number; above,
    ACLED's events in scope as dots (dark: linked, in the rows nearest the
    coded lane; light, above them: no coded event links to it), those of
    one day stacked. A line joins a coded event to
    each ACLED event it is linked to: solid for a strong link, dashed for a
    plausible one, dotted for a related one (near misses are not drawn: the
    legend says so); an open ring halfway along marks a link that needs
    review. Labels are placed by :mod:`analysis.viz.placement`, none over
    another.

    Parameters
    ----------
    windows, acled, links : DataFrame
        The three frames of :func:`analysis.stats.reconcile_summary.link_timeline`.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        Bars ``gid`` ``"window"``, dots ``"coded"`` and ``"acled"`` /
        ``"acled lacking"``, a line per link ``"link"`` (in the order of
        ``links``), rings ``"review"``, labels ``"number"``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> windows = pd.DataFrame({"number": [3, 7], "start": pd.to_datetime(["2020-01-03", "2020-01-10"]),
    ...                         "end": pd.to_datetime(["2020-01-03", "2020-01-20"])})
    >>> acled = pd.DataFrame({"event_id": ["A1", "A2"], "date": pd.to_datetime(["2020-01-02", "2020-01-15"]),
    ...                       "linked": [True, False]})
    >>> links = pd.DataFrame({"number": [3], "acled_id": ["A1"], "grade": ["strong"], "needs_review": [False]})
    >>> ax = plot_compared_links(windows, acled, links, ax=plt.figure().gca())
    >>> [line.get_linestyle() for line in ax.lines if line.get_gid() == "link"]
    ['-']
    """
    for (name, columns), frame in zip(LINK_FRAMES.items(), (windows, acled, links)):
        require_input(frame, list(columns), taker=f"plot_compared_links ({name})", maker="link_timeline")
    ax = current_axes(ax)
    ax.set_yticks([])
    if windows.empty and acled.empty:
        note_nothing(ax, "no events to show")
        describe(ax, "No coded events in ACLED's scope and no ACLED events in scope to show.")
        return ax
    starts = dates_as_numbers(pd.to_datetime(pd.concat([windows["start"], acled["date"]], ignore_index=True)))
    ends = dates_as_numbers(pd.to_datetime(pd.concat([windows["end"], acled["date"]], ignore_index=True)))
    first, length = float(starts.min()), max(float(ends.max() - starts.min()), 7.0)
    origin = first - length * 0.02  # a little room at both ends
    length *= 1.04
    char_days = length / chars_across(ax)
    dot = _DOT_CHARS * char_days
    middle, coded_y, rows = _coded_lane(ax, windows, links, origin, length, char_days, dot)
    x, acled_y, acled_rows = _acled_lane(ax, acled, origin, dot)
    _draw_links(ax, links, windows, acled, (middle + origin, coded_y + _ROW * 0.21), (x + origin, acled_y))
    ax.set_xlim(origin, origin + length)
    ax.set_ylim(-(rows.max(initial=0) + 0.8) * _ROW, _LANE_GAP + (acled_rows.max(initial=0) * 0.5 + 0.8) * _ROW)
    ax.set_yticks([0, _LANE_GAP], ["coded", "ACLED"])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    date_axis(ax)
    legend_below(ax, 4, order=_LEGEND_ORDER, title="links by grade; near misses are not drawn", title_fontsize=8)
    _describe_links(ax, windows, acled, links)
    return ax


def _coded_lane(ax: Axes, windows: pd.DataFrame, links: pd.DataFrame, origin: float, length: float,
                char_days: float, dot: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw the coded lane, below: bars (or dots) with their numbers beside them, packed in rows downwards; return
    each event's middle (from ``origin``), its height and its row."""
    left = dates_as_numbers(windows["start"]) - origin
    right = dates_as_numbers(windows["end"]) + 1 - origin
    known = (windows["start"] == windows["end"]).to_numpy()
    middle = (left + right) / 2
    body_left = np.where(known, middle - dot, left)
    body_right = np.where(known, middle + dot, right)
    texts = [literal_text(int(n)) for n in windows["number"]]
    widths = np.array([len(t) for t in texts], dtype=float) * char_days
    after, text_x, span_left, span_right = beside(body_left, body_right, widths, gap=char_days * 0.6, length=length)
    # the linked events take the rows nearest ACLED's lane, so that no link crosses another event's bar, each above
    # the rows its link rises through (its leader); the others the rows below them
    drawn_links = links.loc[links["grade"].isin(list(LINK_STYLES)).to_numpy()]
    has_link = windows["number"].isin(drawn_links["number"]).to_numpy()
    rows = np.zeros(len(windows), dtype=np.int64)
    rows[has_link] = pack_rows(span_left[has_link], span_right[has_link], gap=char_days * 0.5,
                               leaders=middle[has_link], latest_first=True)
    rows[~has_link] = pack_rows(span_left[~has_link], span_right[~has_link], gap=char_days * 0.5) + \
        rows[has_link].max(initial=-1) + 1
    coded_y = -rows * _ROW
    ax.barh(coded_y[~known], (right - left)[~known], left=(left + origin)[~known], height=_ROW * 0.42,
            color=COMPARE_COLORS["coded"], label="coded event: its dates", gid="window")
    for bar in ax.patches:
        bar.set_gid("window")
    ax.plot(middle[known] + origin, coded_y[known], linestyle="none", marker="o", markersize=5,
            color=COMPARE_COLORS["coded"], label="coded event: a known day", gid="coded")
    for i, text in enumerate(texts):
        ax.text(text_x[i] + origin, coded_y[i], text, ha="left" if after[i] else "right", va="center",
                fontsize=LABEL_FONT_SIZE, color="0.15", gid="number")
    return middle, coded_y, rows


def _acled_lane(ax: Axes, acled: pd.DataFrame, origin: float, dot: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw ACLED's lane, above: dots, those of one day stacked, the linked ones in the rows nearest the coded lane;
    return each event's x (from ``origin``), its height and its row."""
    x = dates_as_numbers(acled["date"]) - origin
    linked = acled["linked"].to_numpy(dtype=bool)
    acled_rows = np.zeros(len(acled), dtype=np.int64)
    acled_rows[linked] = np.minimum(pack_rows(x[linked] - dot, x[linked] + dot, gap=dot * 0.2), _ACLED_ROWS - 1)
    acled_rows[~linked] = np.minimum(pack_rows(x[~linked] - dot, x[~linked] + dot, gap=dot * 0.2), _ACLED_ROWS - 1) + \
        acled_rows[linked].max(initial=-1) + 1
    acled_y = _LANE_GAP + acled_rows * _ROW * 0.5
    for shown, gid, label in ((linked, "acled", "ACLED event, linked"),
                              (~linked, "acled lacking", "ACLED event, no coded event links to it")):
        ax.plot(x[shown] + origin, acled_y[shown], linestyle="none", marker="o", markersize=5,
                color=COMPARE_COLORS["linked" if gid == "acled" else "lacking"],
                label=label if shown.any() else "_nolegend_", gid=gid)  # the legend names only what is drawn
    return x, acled_y, acled_rows


def _draw_links(ax: Axes, links: pd.DataFrame, windows: pd.DataFrame, acled: pd.DataFrame,
                coded_at: tuple[np.ndarray, np.ndarray], acled_at: tuple[np.ndarray, np.ndarray]) -> None:
    """Draw a line for each link, from the coded event (``coded_at``: x, y) to the ACLED event (``acled_at``),
    styled by grade, with a ring halfway along where the link needs review."""
    at_number = pd.Series(np.arange(len(windows)), index=windows["number"].to_numpy())
    at_acled = pd.Series(np.arange(len(acled)), index=acled["event_id"].astype(str).to_numpy())
    at_acled = at_acled[~at_acled.index.duplicated()]
    drawn: set[str] = set()
    for link in links.itertuples(index=False):
        i, j = at_number.get(link.number), at_acled.get(str(link.acled_id))
        if i is None or j is None or link.grade not in LINK_STYLES:
            continue
        style, label = LINK_STYLES[link.grade]
        start, end = (coded_at[0][i], coded_at[1][i]), (acled_at[0][j], acled_at[1][j])
        ax.plot([start[0], end[0]], [start[1], end[1]], linestyle=style, linewidth=1.1,
                color=COMPARE_COLORS["linked"], label=label if label not in drawn else None, gid="link", zorder=1)
        drawn.add(label)
        if link.needs_review:
            ax.plot([(start[0] + end[0]) / 2], [(start[1] + end[1]) / 2], linestyle="none", marker="o",
                    markersize=7, markerfacecolor="white", markeredgecolor=COMPARE_COLORS["coded"],
                    label="needs review" if "needs review" not in drawn else None, gid="review", zorder=3)
            drawn.add("needs review")


def _describe_links(ax: Axes, windows: pd.DataFrame, acled: pd.DataFrame, links: pd.DataFrame) -> None:
    """Say what the chart of links draws: the events of each side, the links by grade, and which events they join."""
    drawn = links.loc[links["grade"].isin(list(LINK_STYLES)).to_numpy()]
    counts = drawn["grade"].value_counts()
    grades = join_words([f"{counts[g]:,} {g}" for g in LINK_STYLES if g in counts.index])
    review = int(drawn["needs_review"].sum())
    named = [f"{int(r.number)} to {r.acled_id} ({r.grade}{', needs review' if r.needs_review else ''})"
             for r in drawn.head(20).itertuples(index=False)]
    more = f" and {len(drawn) - 20:,} more" if len(drawn) > 20 else ""
    joined = f": {grades}" + (f", {review:,} of them needing review" if review else "") + \
        f"; coded event {join_words(named)}{more}" if len(drawn) else ""
    describe(ax, f"{describe_number(len(windows), 'coded event')} in ACLED's scope, as bars over their dates, and "
                 f"{describe_number(len(acled), 'ACLED event')} in scope, as dots, "
                 f"{int(acled['linked'].sum()):,} of them linked; {describe_number(len(drawn), 'link')} drawn{joined}.")


__all__ = ["LINK_FRAMES", "LINK_STYLES", "MONTH_COUNTS", "plot_compared_links", "plot_compared_months"]
