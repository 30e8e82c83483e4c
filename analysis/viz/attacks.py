"""A thin series drawn once: a dot per attack with its date range, what it was and what it cost.

A handful of attacks make poor bars: a weekly chart of four attacks draws fractional bars, and a chart
by base, one of rockets and one of casualties repeat the same four points. :func:`attack_chart_form`
says which form the attacks of a run take: ``"dots"`` (one chart, :func:`plot_attacks`) up to
:data:`analysis.viz.ranges.PER_ATTACK_MAX` attacks, ``"counts"`` (counts per period, by place, and the
casualty chart in its own form) beyond.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .._frames import column_or_na, day_numbers, require_input, weekday_days, weekday_numbers
from ..stats.selection import EventSelector, event_keys, event_kind, select_kinds
from ..text import bounds_texts, placeholder_toll
from ._axes import current_axes, date_axis, dates_as_numbers, legend_below, note_below, nothing_to_draw, own_figure
from .figures import describe
from .literal import literal_text
from .ranges import PER_ATTACK_MAX
from .style import color_for
from .timeline_layout import NUMBER_SEPARATOR, RANGE_MARKER, marker_area

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def attack_chart_form(attacks: int) -> str:
    """Say which form a run's attacks take: ``"dots"`` (a dot per attack) or ``"counts"`` (per period).

    Parameters
    ----------
    attacks : int
        How many attacks the run has.

    Returns
    -------
    str
        ``"dots"`` up to :data:`analysis.viz.ranges.PER_ATTACK_MAX` attacks, else ``"counts"``.

    Examples
    --------
    >>> attack_chart_form(4), attack_chart_form(400)
    ('dots', 'counts')
    """
    return "dots" if attacks <= PER_ATTACK_MAX else "counts"


#: Inches per attack of :func:`plot_attacks` (each has two lines: its headline and its figures) and around them (the
#: headline, the date axis, a note): four attacks take the 3.6 inches of the coded data's chart.
ATTACK_ROW_INCHES, ATTACK_FRAME_INCHES = 0.5, 1.6


def attack_chart_height(attacks: int) -> float:
    """Return the height in inches of a chart of ``attacks`` attacks drawn one by one (:func:`plot_attacks`), so
    that each attack's two lines of words have a row of their own (:data:`ATTACK_ROW_INCHES`).

    Parameters
    ----------
    attacks : int
        How many attacks the chart draws.

    Returns
    -------
    float
        The figure's height in inches, for a figure 10 inches wide.

    Examples
    --------
    >>> attack_chart_height(4), attack_chart_height(15)
    (3.6, 9.1)
    """
    return round(ATTACK_FRAME_INCHES + ATTACK_ROW_INCHES * max(attacks, 1), 2)


def _possible_days(events: pd.DataFrame) -> dict[str, list[int]]:
    """Each event's possible days (day numbers) where the reports name its weekday; an empty list elsewhere."""
    out: dict[str, list[int]] = {str(event): [] for event in events["event_id"]}
    weekday = weekday_numbers(events)
    if weekday is None:
        return out
    found = weekday_days(day_numbers(events["date_start"]), day_numbers(events["date_end"]), weekday)
    if found is not None:
        on, (event, day) = found
        ids = events["event_id"].astype(str).to_numpy()[on]
        for k, d in zip(event, day):
            out[ids[k]].append(int(d))
    return out


def _facts(row: pd.Series, placeholder: object = pd.NA) -> str:
    """What an attack was and cost, in words: "18 rockets, 3 killed", "no one killed or wounded", "no one killed";
    a toll ACLED set by rule (``placeholder``, the figure its notes say it was coded as) as not reported.

    >>> row = pd.Series({"projectiles_low": pd.NA, "killed_low": 0, "killed_high": 0, "killed": "0",
    ...                  "wounded_low": pd.NA, "wounded_high": pd.NA, "wounded": "not reported"})
    >>> _facts(row)
    'no one killed'
    >>> _facts(pd.concat([row.drop(["killed_low", "killed_high", "killed"]),
    ...                   pd.Series({"killed_low": 3, "killed_high": 3, "killed": "3"})]), placeholder=3)
    'toll not reported (ACLED codes 3)'
    """
    parts = []
    if pd.notna(row["projectiles_low"]):
        parts.append(f"{row['projectiles']} rocket{'s' if row['projectiles_high'] != 1 else ''}")
    if pd.notna(placeholder) and row["killed_low"] == placeholder:
        return ", ".join([*parts, placeholder_toll(int(placeholder))])
    known = [outcome for outcome in ("killed", "wounded") if pd.notna(row[f"{outcome}_low"])]
    hurt = [f"{row[outcome]} {outcome}" for outcome in known if row[f"{outcome}_high"] != 0]
    parts += hurt or ([f"no one {' or '.join(known)}"] if known else [])  # a figure not given is not a zero
    return ", ".join(parts) if parts else "no figures reported"


def _attacks_size(events: pd.DataFrame, *args, kinds: EventSelector = None, **options) -> tuple[float, float]:
    """The size of :func:`plot_attacks`' own figure: a row per attack (:func:`attack_chart_height`)."""
    return 10.0, attack_chart_height(len(select_kinds(events, kinds)))


@own_figure(_attacks_size)
def plot_attacks(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    kinds: EventSelector = None,
    start: object = None,
    end: object = None,
    note: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw each attack once: a dot on its date, a bar over its possible days, its headline and figures.

    One row per attack, in date order. The dot sits on the attack's
    ``event_date``, filled when the day is known, hollow on a bar over every
    possible day when the reports give a range; it grows with the people
    killed or wounded, as on the timeline. Beside it: the attack's number
    (the number in its id, as in every table), its headline (or its place),
    and, in grey, the rockets and the killed and wounded the reports give
    (summed over groups, the lowest figures: "18 rockets, 3 killed").

    With no attack, nothing is drawn: the Axes says "no attacks", and a figure
    that is this chart alone is closed, so it is not shown as an empty frame
    (:func:`analysis.viz._axes.nothing_to_draw`).

    Parameters
    ----------
    events : DataFrame
        Events.
    casualties : DataFrame or None, default None
        The coded casualties table; None uses ``fatalities`` as the killed.
    kinds : callable, sequence of str or None, default None
        Which events are the attacks (see
        :func:`analysis.stats.selection.select_kinds`); None: every event.
    start, end : date-like or None, default None
        Extent of the time axis (e.g. the timeline's); None for the attacks'.
    note : str or None, default None
        A sentence written under the chart (for the coded attacks, that they
        are a floor: :func:`analysis.report.words.totals.count_floor_note`);
        where an attack is known only to a range of days, the chart adds
        where its hollow dot sits (:data:`analysis.viz.timeline_layout.RANGE_MARKER`).
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        One dot per attack (``gid`` ``"attack:<event_id>"``), a bar per
        ranged attack (``gid`` ``"range"``) and two texts per attack
        (``gid`` ``"title"`` and ``"facts"``), a key of the kinds' colours where there are several (``gid``
        ``"kinds"``, under the chart), and the note (``gid`` ``"note"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"event_id": ["EV23"], "event_type": ["Explosions/Remote violence"],
    ...                       "sub_event_type": ["Shelling/artillery/missile attack"],
    ...                       "category": ["militia attack"], "location": ["Camp Taji"], "base_id": ["taji"],
    ...                       "date_start": pd.to_datetime(["2020-03-11"]), "date_end": pd.to_datetime(["2020-03-11"]),
    ...                       "event_date": pd.to_datetime(["2020-03-11"]), "projectiles_low": [18],
    ...                       "projectiles_high": [18], "fatalities": [3]})
    >>> ax = plot_attacks(frame, ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.texts]
    ['23 · Camp Taji', '18 rockets, 3 killed']
    """
    from ..stats.casualties import attacks_table
    from ..stats.caveats import placeholder_figures

    require_input(events, ["event_id", "date_start", "date_end", "event_date", "event_type", "sub_event_type",
                           "location"], taker="plot_attacks", maker="load_events or load_acled")
    ax = current_axes(ax)
    chosen = select_kinds(events, kinds)
    if chosen.empty:
        nothing_to_draw(ax, "no attacks", "No attacks to draw.")
        return ax
    table = attacks_table(chosen, casualties, kinds=None)
    for column in ("projectiles", "killed", "wounded"):
        table[column] = bounds_texts(table[f"{column}_low"], table[f"{column}_high"])
    headline = column_or_na(chosen, "headline").astype("string").str.strip().replace("", pd.NA)
    titles = dict(zip(chosen["event_id"], headline.fillna(chosen["location"].astype("string"))))
    keys = dict(zip(chosen["event_id"], event_keys(chosen)))
    colors = color_for(list(dict.fromkeys(event_kind(chosen).astype(str))))
    kind_of = dict(zip(chosen["event_id"], event_kind(chosen).astype(str)))
    first = pd.Timestamp(start) if start is not None else table["date_start"].min()
    last = (pd.Timestamp(end) if end is not None else table["date_end"].max()) + pd.Timedelta(days=1)
    pad = max((last - first) / 30, pd.Timedelta(days=2))
    left, right = dates_as_numbers([first - pad, last + pad])
    middle = (left + right) / 2
    n = len(table)
    possible = _possible_days(chosen)
    placeholders = dict(zip(chosen["event_id"], placeholder_figures(chosen)))  # tolls ACLED set by rule
    described = []
    for row_number, (_, row) in enumerate(table.iterrows()):
        y = n - 1 - row_number
        color = colors[kind_of[row["event_id"]]]
        x0, x1 = dates_as_numbers([row["date_start"], row["date_end"] + pd.Timedelta(days=1)])
        x = dates_as_numbers([row["event_date"]])[0] + 0.5
        ranged = row["date_end"] > row["date_start"]
        if ranged:
            (bar,) = ax.plot([x0, x1], [y, y], color=color, alpha=0.45, linewidth=7, solid_capstyle="butt")
            bar.set_gid("range")
            for day in possible[row["event_id"]]:  # where the reports name the weekday: its days, ticked on the bar
                (tick,) = ax.plot([day + 0.5] * 2, [y - 0.13, y + 0.13], color=color, linewidth=1.6, zorder=2)
                tick.set_gid("possible-day")
        hurt = sum(float(row[f"{outcome}_low"]) for outcome in ("killed", "wounded") if pd.notna(row[f"{outcome}_low"]))
        dot = ax.scatter([x], [y], s=float(marker_area(float(hurt))), facecolors="white" if ranged else color,
                         edgecolors=color, linewidths=1.4, zorder=3)
        dot.set_gid(f"attack:{row['event_id']}")
        facts = _facts(row, placeholders[row["event_id"]])
        after = x1 < middle
        offset, align = (x1 + 1.5, "left") if after else (x0 - 1.5, "right")
        title = ax.text(offset, y + 0.08, literal_text(f"{keys[row['event_id']]}{NUMBER_SEPARATOR}{titles[row['event_id']]}"),
                        ha=align, va="bottom", fontsize=9, color="0.1")
        title.set_gid("title")
        figures = ax.text(offset, y - 0.08, literal_text(facts), ha=align, va="top", fontsize=8.5, color="0.35")
        figures.set_gid("facts")
        described.append(f"{row['when']}, {titles[row['event_id']]}: {facts}")
    ax.set_xlim(left, right)
    ax.set_ylim(-0.8, n - 0.2)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="0.92", linewidth=0.6)
    ax.set_axisbelow(True)
    date_axis(ax)
    if (table["date_end"] > table["date_start"]).any():  # a hollow dot on a day of its bar reads as its date
        note = f"{note} {RANGE_MARKER}" if note else RANGE_MARKER
    anchor = ax.xaxis
    if len(colors) > 1:  # the kinds' colours, said where there is more than one
        for kind, color in colors.items():
            ax.plot([], [], marker="o", linestyle="", markerfacecolor=color, markeredgecolor=color,
                    label=literal_text(kind))
        anchor = legend_below(ax, columns=len(colors))
        anchor.set_gid("kinds")
        # under the dates at a fixed distance, not at a share of a chart as tall as its attacks need
        height = ax.get_position().height * ax.figure.get_figheight() * 72
        anchor.set_bbox_to_anchor((0.5, -28.0 / height), transform=ax.transAxes)
    if note:
        note_below(ax, anchor, note, gid="note")
    describe(ax, f"One dot per attack, {n} in all, on its date (a bar over its possible days where only a range is "
                 f"known): " + "; ".join(described) + ".")
    return ax
