"""Maps: country boundaries, and the posture of the bases."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

import analysis
from analysis.io.boundaries import load_boundaries
from analysis.stats.posture import base_posture
from analysis.viz.maps import plot_boundaries, plot_posture_map, plot_posture_panels


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


def test_plot_boundaries_draws_one_patch_per_country_and_highlights_iraq(boundaries, new_axes):
    ax = new_axes()
    returned = plot_boundaries(boundaries, ax=ax, highlight=["Iraq"], highlight_color="#ff0000", facecolor="#00ff00")
    assert returned is ax
    by_name = {patch.get_gid(): patch for patch in ax.patches}
    assert sorted(by_name) == sorted(b.name for b in boundaries)
    assert by_name["Iraq"].get_facecolor() == to_rgba("#ff0000")
    assert by_name["Iran"].get_facecolor() == to_rgba("#00ff00")
    # The default frame is Iraq with one degree of margin.
    iraq_points = np.concatenate([b.rings for b in boundaries if b.name == "Iraq"][0])
    assert ax.get_xlim() == pytest.approx((iraq_points[:, 0].min() - 1, iraq_points[:, 0].max() + 1))
    assert ax.get_ylim() == pytest.approx((iraq_points[:, 1].min() - 1, iraq_points[:, 1].max() + 1))
    labels = {text.get_text() for text in ax.texts}
    assert {"IRAQ", "IRAN", "SYRIA"} <= labels
    assert "YEMEN" not in labels  # no position of Yemen falls in Iraq's frame
    # A hole stays a hole: the path of a country holds all its rings.
    assert len(by_name["United Arab Emirates"].get_path().vertices) == sum(
        len(r) for b in boundaries if b.name == "United Arab Emirates" for r in b.rings
    )


def test_plot_boundaries_returns_the_axes_with_nothing_to_draw(boundaries, new_axes):
    ax = new_axes()
    assert plot_boundaries([], ax=ax) is ax
    assert len(ax.patches) == 0
    plot_boundaries(boundaries, ax=ax, labels=False, extent=(40, 45, 30, 35))
    assert len(ax.texts) == 0
    assert ax.get_xlim() == (40, 45)


def test_posture_map_marks_what_happened_at_each_base(events, new_axes):
    bases = pd.DataFrame({"base_id": ["k1", "taji", "al-asad"], "name": ["K-1 Air Base", "Camp Taji", "Ain al-Asad"],
                          "latitude": [35.47, 33.52, 33.79], "longitude": [44.35, 44.26, 42.44]})
    posture = base_posture(events, bases)
    ax = plot_posture_map(posture, bases=bases, ax=new_axes())
    gids = sorted(c.get_gid() for c in ax.collections)
    assert gids == ["bases", "posture:attacked", "posture:handed over"]
    labels = {t.get_gid(): t.get_text() for t in ax.texts if str(t.get_gid()).startswith("base:")}
    # a map of more than one kind says what happened on each date; the markers tell the kinds apart too
    assert labels == {"base:k1": "K-1 Air Base\nattacked 27 Dec 2019, handed over 26-31 Mar 2020",
                      "base:taji": "Camp Taji\nattacked 14-17 Mar 2020", "base:al-asad": "Ain al-Asad"}
    markers = {c.get_gid(): c.get_paths()[0].vertices.round(3).tobytes() for c in ax.collections}
    assert markers["posture:attacked"] != markers["posture:handed over"]
    from analysis.viz.maps import POSTURE_PANELS, POSTURE_STYLES

    for panel in POSTURE_PANELS:  # the kinds a panel draws together have markers of their own (K-1 looked left)
        assert len({POSTURE_STYLES[kind][1] for kind in panel}) == len(panel), panel
    assert "Iraq" in [p.get_gid() for p in ax.patches]
    only = plot_posture_map(posture, bases=bases, kinds=["handed over"], ax=new_axes())
    assert sorted(c.get_gid() for c in only.collections) == ["bases", "posture:handed over"]
    assert "K-1 Air Base\n26-31 Mar 2020" in [t.get_text() for t in only.texts]  # one kind: its dates alone


def test_a_withdrawal_reported_under_way_is_hollow_dated_by_its_last_day_and_keyed(new_axes):
    bases = pd.DataFrame({"base_id": ["al-qaim", "qayyarah", "k1"], "name": ["al-Qaim", "Qayyarah $x$", "K-1"],
                          "latitude": [34.39, 35.77, 35.47], "longitude": [40.99, 43.12, 44.35]})
    posture = pd.DataFrame({"base_id": ["al-qaim", "qayyarah", "k1"], "name": bases["name"],
                            "latitude": bases["latitude"], "longitude": bases["longitude"],
                            "kind": ["withdrawn from", "withdrawn from", "handed over"],
                            "date_end": pd.to_datetime(["2020-03-29", "2020-03-26", "2020-03-31"]),
                            "when": ["11-29 Mar 2020", "26 Mar 2020", "26-31 Mar 2020"], "under_way": [True, False, False]})
    ax = plot_posture_map(posture, bases=bases, ax=new_axes())
    labels = {t.get_gid(): t.get_text() for t in ax.texts if str(t.get_gid()).startswith("base:")}
    assert labels["base:al-qaim"] == "al-Qaim\nleaving, under way by 29 Mar 2020"  # not "left 11-29 Mar 2020"
    assert labels["base:qayyarah"] == "Qayyarah \\$x\\$\nleft 26 Mar 2020"
    marks = {c.get_gid(): c for c in ax.collections}
    hollow, filled = marks["posture:withdrawn from:under way"], marks["posture:withdrawn from"]
    assert hollow.get_facecolor().size == 0 and filled.get_facecolor()[0, 3] == 1.0
    assert to_rgba(hollow.get_edgecolor()[0]) == to_rgba(filled.get_facecolor()[0])  # the kind's colour, its outline
    key = ax.get_legend()
    assert key.get_gid() == "posture key"
    assert [t.get_text() for t in key.get_texts()] == ["left", "handed over",
                                                        "leaving: under way, completion not reported"]
    one = plot_posture_map(posture, bases=bases, kinds=["withdrawn from"], ax=new_axes())
    assert "al-Qaim\nunder way by 29 Mar 2020" in [t.get_text() for t in one.texts]  # one kind: no verb
    done = plot_posture_map(posture.assign(under_way=False), bases=bases, ax=new_axes())
    assert done.get_legend() is None and "posture:withdrawn from:under way" not in [c.get_gid() for c in done.collections]


def test_posture_map_refuses_a_kind_that_names_nothing(events, new_axes):
    bases = pd.DataFrame({"base_id": ["k1"], "name": ["K-1 Air Base"], "latitude": [35.47], "longitude": [44.35]})
    with pytest.raises(ValueError) as caught:
        plot_posture_map(base_posture(events, bases), bases=bases, kinds=["handed over", "withdrawn"], ax=new_axes())
    assert str(caught.value) == ("kinds: 'withdrawn' is not a kind of posture event (POSTURE_KINDS) or of the data; "
                                 "did you mean 'withdrawn from'?")


def test_posture_panels_are_small_multiples(events, close_figures):
    bases = analysis.load_bases()
    axes = plot_posture_panels(base_posture(events, bases), bases=bases)
    assert [ax.get_title(loc="left") for ax in axes] == ["Attacked", "Fortified", "Patriot batteries",
                                                         "Withdrawn from or handed over"]
    assert len({ax.get_xlim() for ax in axes}) == 1  # the same frame in every panel


def test_plot_country_events_frames_the_country_and_names_the_busiest_places(new_axes):
    points = pd.DataFrame({
        "latitude": [2.04, 2.04, 2.04, 9.56, 0.35],
        "longitude": [45.34, 45.34, 45.34, 44.06, 42.55],
        "location": ["Town A", "Town A", "Town A", "Town B", "Town C"],
        "sub_event_type": ["Headquarters or base established"] * 3 + ["Change to group/activity"] * 2,
    })
    ax = analysis.plot_country_events(points, iso=706, n=2, ax=new_axes(figsize=(6, 6)))
    somalia = next(p for p in ax.patches if p.get_gid() == "Somalia")
    assert somalia.get_facecolor() != next(p for p in ax.patches if p.get_gid() == "Ethiopia").get_facecolor()
    lon_min, lon_max = ax.get_xlim()
    assert lon_min < 41.5 and lon_max > 51
    assert sorted(c.get_gid() for c in ax.collections) == ["places:Change to group/activity",
                                                           "places:Headquarters or base established"]
    names = sorted(t.get_text() for t in ax.texts if t.get_gid() == "place")
    assert names == ["Town A (3)"]  # Towns B and C tie at the 2nd place (1 event each): a tie is left out whole
    three = analysis.plot_country_events(points, iso=706, n=3, ax=new_axes(figsize=(6, 6)))
    assert sorted(t.get_text() for t in three.texts if t.get_gid() == "place") == ["Town A (3)", "Town B (1)",
                                                                                   "Town C (1)"]


def test_a_map_of_one_regions_events_frames_them_with_the_country_around(new_axes):
    """Events of one governorate: the map frames them with a margin, not all of Iraq and its neighbours; one place
    alone still shows a few hundred kilometres around it; events across the country keep the country's frame."""
    from analysis.viz.map_layout import EVENTS_SPAN

    diyala = pd.DataFrame({"latitude": [33.75, 33.9, 34.05, 34.2], "longitude": [45.2, 45.0, 44.8, 44.6],
                           "location": ["Town 0", "Town 1", "Town 2", "Town 3"], "event_type": ["Battles"] * 4})
    ax = analysis.plot_country_events(diyala, country="Iraq", iso=368, hue="event_type", ax=new_axes(figsize=(8, 8)))
    (west, east), (south, north) = ax.get_xlim(), ax.get_ylim()
    assert 42.5 < west < 44.6 and 45.2 < east < 47 and 32 < south < 33.75 and 34.2 < north < 36
    assert "Iraq" in [p.get_gid() for p in ax.patches]  # the country's outline, for context
    one = analysis.plot_country_events(diyala.head(1), country="Iraq", iso=368, hue="event_type",
                                       ax=new_axes(figsize=(8, 8)))
    (west, east), (south, north) = one.get_xlim(), one.get_ylim()
    assert north - south >= EVENTS_SPAN - 1e-9 and west < 45.2 - 1 and east > 45.2 + 1
    across = pd.DataFrame({"latitude": [37.0, 30.5, 33.3], "longitude": [42.8, 47.8, 44.4],
                           "location": ["Duhok", "Basra", "Baghdad"], "event_type": ["Battles"] * 3})
    whole = analysis.plot_country_events(across, country="Iraq", iso=368, hue="event_type",
                                         ax=new_axes(figsize=(8, 8)))
    (west, east), (south, north) = whole.get_xlim(), whole.get_ylim()
    assert west < 38.8 and east > 48.6 and south < 29.1 and north > 37.4  # all of Iraq


def test_plot_country_events_says_when_the_window_is_empty(new_axes):
    ax = analysis.plot_country_events(pd.DataFrame({"latitude": [], "longitude": [], "location": [],
                                                    "sub_event_type": []}), country="Somalia", ax=new_axes())
    assert "no events in this window" in [t.get_text() for t in ax.texts]
    assert any(p.get_gid() == "Somalia" for p in ax.patches)
    import matplotlib.pyplot as plt

    assert ax.figure.number not in plt.get_fignums()  # an empty map alone on its figure is not shown


def test_a_kind_keeps_its_colour_a_mixed_place_is_grey_and_the_legend_gives_the_sizes(new_axes):
    from matplotlib.colors import to_hex

    from analysis.viz.country_map import MIXED, MIXED_COLOR

    few = pd.DataFrame({"latitude": [2.04, 9.56], "longitude": [45.34, 44.06], "location": ["Town A", "Town B"],
                        "sub_event_type": ["Headquarters or base established", "Non-violent transfer of territory"]})
    many = pd.DataFrame({
        "latitude": [2.04] * 3 + [9.56] * 4 + [0.35] * 2, "longitude": [45.34] * 3 + [44.06] * 4 + [42.55] * 2,
        "location": ["Town A"] * 3 + ["Town B"] * 4 + ["Town C"] * 2,
        "sub_event_type": ["Change to group/activity", "Headquarters or base established",
                           "Non-violent transfer of territory",  # Town A: no kind has a majority
                           *["Headquarters or base established"] * 3, "Change to group/activity",
                           *["Non-violent transfer of territory"] * 2],
    })

    def colours(ax):
        return {c.get_gid().split(":", 1)[1]: to_hex(c.get_facecolor()[0], keep_alpha=False) for c in ax.collections
                if str(c.get_gid()).startswith("places:")}

    small = colours(analysis.plot_country_events(few, iso=706, ax=new_axes(figsize=(6, 6))))
    ax = analysis.plot_country_events(many, iso=706, ax=new_axes(figsize=(6, 6)))
    large = colours(ax)
    for kind in ("Headquarters or base established", "Non-violent transfer of territory"):
        assert small[kind] == large[kind]  # whatever else the data hold
    assert large[MIXED] == MIXED_COLOR.lower()
    mixed = next(c for c in ax.collections if c.get_gid() == f"places:{MIXED}")
    assert len(mixed.get_offsets()) == 1  # Town A only: Town B has 3 of 4 of one kind
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    # the largest place's size and one a reader can tell from it: the smallest place's (2) drew nearly as big a dot
    assert labels[-2:] == ["1 event", "4 events"]
    # the key's title explains the grey of a mixed place only where one is drawn
    assert f"({MIXED} where no kind has more than half)" in ax.get_legend().get_title().get_text()
    plain = analysis.plot_country_events(few, iso=706, ax=new_axes(figsize=(6, 6))).get_legend().get_title().get_text()
    assert plain.startswith("a dot is a place") and MIXED not in plain


def test_a_map_of_several_countries_sizes_dots_by_fatalities_and_names_each_place_once(new_axes):
    points = pd.DataFrame({
        "latitude": [35.47, 35.47, 35.47, 35.0, 36.2], "longitude": [44.39, 44.39, 44.39, 40.4, 44.0],
        "location": ["Kirkuk", "Kirkuk city", "Kirkuk", "Deir ez-Zor", "Kirkuk"],  # a second place named Kirkuk
        "event_type": ["Battles"] * 5, "fatalities": [1, 0, 0, 9, 2],
    })
    ax = analysis.plot_country_events(points, country=["Iraq", "Syria"], iso=368, hue="event_type", size="fatalities",
                                      n=3, ax=new_axes(figsize=(6, 6)))
    highlighted = {p.get_gid(): p.get_facecolor() for p in ax.patches}
    assert highlighted["Iraq"] == highlighted["Syria"] != highlighted["Turkey"]
    dots = next(c for c in ax.collections if c.get_gid() == "places:Battles")
    sizes = dict(zip(map(tuple, dots.get_offsets().round(2).tolist()), dots.get_sizes()))
    assert sizes[(40.4, 35.0)] > sizes[(44.0, 36.2)] > sizes[(44.39, 35.47)]  # 9 killed, 2, 1
    names = sorted(t.get_text() for t in ax.texts if t.get_gid() == "place")
    assert names == ["Deir ez-Zor (9 killed)", "Kirkuk (2 killed)"]  # the smaller Kirkuk is not named again
    assert [t.get_text() for t in ax.get_legend().get_texts()][-2:] == ["1 killed", "9 killed"]
    from analysis.viz.country_map import (  # the labels by events, without drawing a second map
        _named_places,
        place_kinds,
    )

    by_events = _named_places(place_kinds(points, hue="event_type"), 3, "events")
    assert by_events["label"].tolist() == ["Kirkuk and 1 more (3)", "Deir ez-Zor (1)"]  # two names at one place


def test_the_posture_maps_three_kinds_are_told_apart_by_lightness():
    """The three strategic developments that change a force's posture are drawn together: darkest, middle and
    lightest of the green, not three neighbours of eight shades."""
    from matplotlib.colors import to_rgb

    from analysis.stats.posture import ACLED_POSTURE_SUB_EVENT_TYPES
    from analysis.viz.country_map import stable_colors

    colours = stable_colors(pd.Series(list(ACLED_POSTURE_SUB_EVENT_TYPES)))
    lightness = sorted(float(np.dot(to_rgb(c), [0.2126, 0.7152, 0.0722])) for c in colours.values())
    assert min(b - a for a, b in zip(lightness, lightness[1:])) > 0.15


def test_the_places_named_never_split_a_tie_at_the_last():
    from analysis.viz.country_map import named_places

    places = pd.DataFrame({"name": list("ABCDEF"), "events": [10, 10, 9, 8, 8, 8]})
    assert named_places(places, 4)["name"].tolist() == ["A", "B", "C"]  # D, E and F tie at the 4th: all left out
    assert named_places(places, 3)["name"].tolist() == ["A", "B", "C"]
    assert named_places(places, 1)["name"].tolist() == ["A"]  # the biggest tie: the first kept
    assert named_places(places, 6)["name"].tolist() == list("ABCDEF")


def test_a_maps_default_colours_tell_sub_event_types_of_neighbouring_hues_apart():
    from analysis.schema import ACLED_SUB_EVENT_TYPES
    from analysis.stats.posture import ACLED_POSTURE_SUB_EVENT_TYPES
    from analysis.viz.country_map import ALIKE, stable_colors
    from analysis.viz.style import color_distance

    kinds = ["Attack", "Air/drone strike", "Peaceful protest", "Shelling/artillery/missile attack", "Armed clash"]
    of_type = {sub: kind for kind, subs in ACLED_SUB_EVENT_TYPES.items() for sub in subs}
    colours = stable_colors(pd.Series(kinds))
    assert all(color_distance(colours[a], colours[b]) >= ALIKE for a, b in itertools.combinations(kinds, 2)
               if of_type[a] != of_type[b])  # those of one type differ in lightness, by design
    assert colours["Air/drone strike"] == stable_colors(pd.Series(["Air/drone strike"]))["Air/drone strike"]  # the earlier keeps its own
    assert colours["Peaceful protest"] in {"#E69F00", "#7F5700", "#F4D48C"}  # a shade of the protests' hue still
    posture = list(ACLED_POSTURE_SUB_EVENT_TYPES)  # shades of one hue, apart in lightness: as they were
    assert stable_colors(pd.Series(posture)) == {"Change to group/activity": "#00573F",
                                                 "Headquarters or base established": "#14A67E",
                                                 "Non-violent transfer of territory": "#8CD3C0"}
