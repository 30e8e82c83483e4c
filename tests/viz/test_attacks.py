"""A thin series drawn once: a dot per attack with its date range, its headline and its figures."""

from __future__ import annotations

import analysis
from analysis.stats.selection import is_militia_attack
from analysis.viz.attacks import attack_chart_form
from analysis.viz.ranges import PER_ATTACK_MAX


def test_each_coded_attack_is_one_dot_with_its_range_headline_and_figures(new_axes):
    data = analysis.load_dataset()
    ax = analysis.plot_attacks(data.events, data.casualties, kinds=is_militia_attack, ax=new_axes(figsize=(10, 3)))
    dots = [c.get_gid() for c in ax.collections if str(c.get_gid()).startswith("attack:")]
    assert dots == ["attack:EV001", "attack:EV023", "attack:EV035", "attack:EV046"]
    assert len([line for line in ax.lines if line.get_gid() == "range"]) == 1  # only the June attack is a range
    titles = [t.get_text() for t in ax.texts if t.get_gid() == "title"]
    assert titles[1] == "23 · Rockets kill two US soldiers and a British soldier at Camp Taji"
    facts = [t.get_text() for t in ax.texts if t.get_gid() == "facts"]
    # the deadliest attack reads as such without adding rows: killed summed over groups
    assert facts == ["1 killed", "18 rockets, 3 killed", "25 rockets, 3 wounded", "2 rockets, no one killed or wounded"]


def test_the_attacks_say_under_them_that_the_june_attacks_hollow_dot_is_no_date(new_axes):
    # its dot sat on 13 June, the second of its four possible Saturdays, and read as its date: page 01 said why, page
    # 02 did not
    from analysis.viz.timeline_layout import RANGE_MARKER

    data = analysis.load_dataset()
    ax = analysis.plot_attacks(data.events, data.casualties, kinds=is_militia_attack, note="A floor.",
                               ax=new_axes(figsize=(10, 3)))
    (note,) = [" ".join(t.get_text().split()) for t in ax.texts if t.get_gid() == "note"]
    assert note == f"A floor. {RANGE_MARKER}"
    march = lambda frame: frame["event_id"].isin(["EV023", "EV035"])  # noqa: E731  known to the day
    days = analysis.plot_attacks(data.events, data.casualties, kinds=march, ax=new_axes(figsize=(10, 3)))
    assert [t for t in days.texts if t.get_gid() == "note"] == []


def test_the_form_follows_the_number_of_attacks_and_nothing_is_not_shown(new_axes):
    """With no attack there is nothing to draw: a figure that is the chart alone is closed (showing the figures
    shows no empty frame, though its headline can still be set); an Axes among others says why it is empty."""
    import matplotlib.pyplot as plt

    assert attack_chart_form(PER_ATTACK_MAX) == "dots" and attack_chart_form(PER_ATTACK_MAX + 1) == "counts"
    events = analysis.load_events()
    none = lambda frame: frame["event_id"] == "none"  # noqa: E731
    ax = analysis.plot_attacks(events, kinds=none, ax=new_axes())
    assert [t.get_text() for t in ax.texts] == ["no attacks"] and ax.figure.number not in plt.get_fignums()
    analysis.headline(ax, "A title", subtitle="A subtitle", source="Source: test")  # as the notebook does next
    fig, (left, right) = plt.subplots(1, 2)
    analysis.plot_attacks(events, kinds=none, ax=left)
    assert [t.get_text() for t in left.texts] == ["no attacks"] and fig.number in plt.get_fignums()


def test_an_attack_known_to_a_weekday_ticks_its_possible_days(new_axes):
    import pandas as pd

    data = analysis.load_dataset()
    ax = analysis.plot_attacks(data.events, data.casualties, kinds=analysis.is_militia_attack, ax=new_axes())
    ticks = sorted(line.get_xdata()[0] for line in ax.lines if line.get_gid() == "possible-day")
    saturdays = pd.to_datetime(["2020-06-06", "2020-06-13", "2020-06-20", "2020-06-27"])  # the June attack's
    assert ticks == [(day - pd.Timestamp("1970-01-01")).days + 0.5 for day in saturdays]


def test_the_note_under_the_attacks_is_drawn_in_the_saved_image(new_axes):
    # placed relative to the x axis, the note ("A floor: ...") was measured before the tight bounding box moved the
    # figure and drawn outside the saved image: its room at the bottom stayed blank
    import io

    import numpy as np
    from PIL import Image

    data = analysis.load_dataset()
    ax = analysis.plot_attacks(data.events, data.casualties, kinds=is_militia_attack, note="A floor: " + "words " * 30,
                               ax=new_axes(figsize=(10, 3)))
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png", bbox_inches="tight", dpi=60)
    pixels = np.asarray(Image.open(buffer).convert("L"))
    bottom = pixels[int(len(pixels) * 0.92):]  # the note's last line
    assert (bottom < 128).sum() > 50


def test_the_most_attacks_drawn_one_by_one_each_have_a_row_their_words_do_not_leave(close_figures):
    """Fifteen attacks on a chart of the coded data's 3.6 inches ran each attack's figures into the next one's
    headline: the chart's height gives each attack's two lines a row of their own."""
    import matplotlib.pyplot as plt
    import pandas as pd

    from analysis.viz.attacks import attack_chart_height

    days = pd.date_range("2020-03-02", periods=PER_ATTACK_MAX, freq="2D")
    events = pd.DataFrame({
        "event_id": [f"EV{i:03d}" for i in range(PER_ATTACK_MAX)], "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "location": [f"Town {i}" for i in range(PER_ATTACK_MAX)],
        "date_start": days, "date_end": days, "event_date": days, "fatalities": range(PER_ATTACK_MAX),
        "projectiles_low": pd.NA, "projectiles_high": pd.NA})
    assert attack_chart_height(4) == 3.6 and attack_chart_height(PER_ATTACK_MAX) > 3.6
    fig, ax = plt.subplots(figsize=(10, attack_chart_height(PER_ATTACK_MAX)))
    analysis.plot_attacks(events, ax=ax)
    renderer = fig.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in ax.texts if text.get_gid() in ("title", "facts")]
    assert len(boxes) == 2 * PER_ATTACK_MAX
    overlaps = [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    assert overlaps == []
    # given no Axes, the chart sizes its own figure so
    own = analysis.plot_attacks(events)
    assert own.figure.get_figheight() >= attack_chart_height(PER_ATTACK_MAX)


def test_a_toll_acled_set_by_rule_is_drawn_as_not_reported_as_the_tables_say_it(new_axes):
    # "15 · Deir ez-Zor town 3 / 3 killed" where the events table says the toll was not reported (ACLED codes 3)
    import pandas as pd

    day = pd.to_datetime(["2020-03-02", "2020-03-05"])
    events = pd.DataFrame({
        "event_id": ["EV001", "EV002"], "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "location": ["Town A", "Town B"],
        "date_start": day, "date_end": day, "event_date": day, "fatalities": [3, 3],
        "projectiles_low": pd.NA, "projectiles_high": pd.NA,
        "notes": ["Shelling of Town A. Fatalities unknown; coded as 3.", "Shelling of Town B; 3 killed."]})
    ax = analysis.plot_attacks(events, ax=new_axes())
    facts = [text.get_text() for text in ax.texts if text.get_gid() == "facts"]
    assert facts == ["toll not reported (ACLED codes 3)", "3 killed"]


def test_attacks_of_several_kinds_have_a_key_of_their_colours_and_the_note_under_it(new_axes):
    """The attacks of an ACLED file were drawn orange and purple with no key: battles and remote violence could
    not be told apart. Several kinds get a key under the chart (names as typed), and the note goes under the key;
    one kind, as the coded attacks are, needs none."""
    import pandas as pd
    from matplotlib.colors import to_hex

    from analysis.viz.style import color_for

    day = pd.to_datetime(["2020-03-02", "2020-03-05", "2020-03-09"])
    kinds = ["Battles", "Explosions/Remote violence", "$x$ <b>"]
    events = pd.DataFrame({
        "event_id": ["EV001", "EV002", "EV003"], "event_type": kinds, "sub_event_type": "Armed clash",
        "location": ["Town A", "Town B", "Town C"], "date_start": day, "date_end": day, "event_date": day,
        "fatalities": [1, 2, 0], "projectiles_low": pd.NA, "projectiles_high": pd.NA})
    ax = analysis.plot_attacks(events, note="A note.", ax=new_axes(figsize=(8, 3)))
    key = ax.get_legend()
    assert key.get_gid() == "kinds" and [t.get_text() for t in key.get_texts()] == ["Battles",
                                                                                    "Explosions/Remote violence",
                                                                                    "\\$x\\$ <b>"]
    colours = color_for(kinds)
    assert [to_hex(h.get_markerfacecolor()) for h in key.legend_handles] == [to_hex(colours[k]) for k in kinds]
    renderer = ax.figure.canvas.get_renderer()
    note = next(t for t in ax.texts if t.get_gid() == "note")
    assert note.get_window_extent(renderer).y1 <= key.get_window_extent(renderer).y0 + 1  # the note under the key
    data = analysis.load_dataset()
    one = analysis.plot_attacks(data.events, data.casualties, kinds=is_militia_attack, ax=new_axes(figsize=(10, 3)))
    assert one.get_legend() is None
