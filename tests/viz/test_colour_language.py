"""One colour language for the whole report: a hue stands for one kind of event, the groups of a stacked chart
take colours of their own, everything else is grey.

The figures of the default run, and those of an ACLED run on a file the tests write, are drawn as the notebooks
draw them, and every colour of every artist is collected: a coloured (not grey) mark must be a kind's colour or a
tint of it, or, in a chart of groups that draws no kind, a group's colour; where a key or a label names what it
stands for, the name is that kind (or, on the posture maps, a change that belongs to it), or a group that is no kind,
or the parts of one kind drawn alone as the groups of their chart (the forces' moves, all strategic developments).
"""

from __future__ import annotations

import colorsys
import itertools

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgba

import analysis
from analysis import schema
from analysis.viz import style
from analysis.viz.country_map import MIXED_COLOR
from analysis.viz.maps import HIGHLIGHT_COLOR, LAND_COLOR, POSTURE_VERBS, UNDER_WAY_KEY, UNDER_WAY_VERBS

#: Each run names its kinds in one vocabulary: the coded categories, or ACLED's event types.
VOCABULARIES = {"coded": schema.CATEGORIES, "ACLED": schema.EVENT_TYPES}
#: Names a key may give a kind's colour besides the kind's own: the posture maps' changes at a base (by their names,
#: their verbs, and what is going on where one is under way), and ACLED's sub-event types (in shades of their event
#: type's colour).
_CHANGES = {"attacked": "militia attack", "fortified": "posture change", "Patriot batteries": "posture change",
            "withdrawn from": "posture change", "handed over": "posture change"}
KIND_PARTS = {**_CHANGES, **{POSTURE_VERBS[change]: kind for change, kind in _CHANGES.items()},
              **{f"{UNDER_WAY_VERBS[change]}: {UNDER_WAY_KEY}": kind for change, kind in _CHANGES.items()},
              **{sub: kind for kind, subs in schema.ACLED_SUB_EVENT_TYPES.items() for sub in subs}}
#: A hue this close to a kind's (on the colour wheel, 0 to 1) is that kind's, lighter or darker.
SAME_HUE = 0.02
#: Two colours a reader tells apart at a glance, in a key and in a stack: at least this far apart in CIELAB (the
#: distance of 1976). Battles' wine and Violence against civilians' purple were 25.5 apart, and read as one magenta.
DISTINCT = 30.0


def _hsv(color) -> tuple[float, float, float, float]:
    red, green, blue, alpha = to_rgba(color)
    return (*colorsys.rgb_to_hsv(red, green, blue), alpha)


def is_grey(color) -> bool:
    """A colour a reader reads as no colour: grey, black, white, or invisible."""
    _, saturation, value, alpha = _hsv(color)
    return alpha == 0 or saturation < 0.12 or value < 0.15


def lab(color) -> np.ndarray:
    """A colour in CIELAB (D65), where distances are about as far apart as colours look."""
    rgb = np.array(to_rgba(color)[:3])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    f = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(f > 216 / 24389, np.cbrt(f), (24389 / 27 * f + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def apart(one, other) -> float:
    return float(np.linalg.norm(lab(one) - lab(other)))


def _hue_distance(a: float, b: float) -> float:
    return min(abs(a - b), 1 - abs(a - b))


def kind_of(color, kinds) -> str | None:
    """The kind whose colour ``color`` is, or a tint of (its hue); None for a colour of no kind."""
    if to_hex(color, keep_alpha=False) in {style.KIND_COLORS[k].lower() for k in kinds}:
        return next(k for k in kinds if style.KIND_COLORS[k].lower() == to_hex(color, keep_alpha=False))
    hue = _hsv(color)[0]
    near = [(round(_hue_distance(hue, _hsv(style.KIND_COLORS[k])[0]), 4), k) for k in kinds]
    distance, kind = min(near)
    return kind if distance <= SAME_HUE else None


def _getters(artist) -> tuple[str, ...]:
    """The colour getters of what an artist draws: a line without a line style draws only its markers."""
    if type(artist).__name__ == "Line2D":
        line = ("get_color",) if artist.get_linestyle() not in ("None", "", " ") else ()
        drawn = artist.get_marker() not in (None, "None", "")
        markers = ("get_markerfacecolor", "get_markeredgecolor") if drawn else ()
        return line + markers
    return ("get_facecolor", "get_edgecolor", "get_color")


def _colours(artist) -> list:
    """Every colour an artist draws with (faces, edges, lines, markers, text)."""
    found = []
    for getter in _getters(artist):
        if hasattr(artist, getter):
            try:
                value = getattr(artist, getter)()
            except (TypeError, ValueError):
                continue
            if isinstance(value, str) or (np.ndim(value) == 1 and len(value) in (3, 4)):
                found.append(value)
            elif np.ndim(value) == 2:
                found.extend(list(value))
    return [c for c in found if not (isinstance(c, str) and c in ("none", "auto"))]


def named_colours(fig) -> list[tuple[str, object]]:
    """(name, colour) of everything a figure names: key entries, coloured tick labels, ``kind:`` marks."""
    named = []
    for ax in fig.axes:
        legends = [ax.get_legend(), *[c for c in ax.get_children() if type(c).__name__ == "Legend"]]
        for legend in dict.fromkeys(legend for legend in legends if legend is not None):
            for handle, text in zip(legend.legend_handles, legend.get_texts()):
                named += [(text.get_text(), c) for c in _colours(handle)]
        for tick in [*ax.get_yticklabels(), *ax.get_xticklabels()]:
            named.append((tick.get_text(), tick.get_color()))
        for artist in ax.get_children():
            gid = str(artist.get_gid())
            if gid.startswith("kind:"):
                named += [(gid.split(":", 1)[1], c) for c in _colours(artist)]
    return named


#: The grounds a map's marks are seen on (the land, the highlighted countries): no mark, and no meaning.
GROUNDS = {to_hex(LAND_COLOR), to_hex(HIGHLIGHT_COLOR)}


def every_colour(fig) -> list:
    return [c for ax in fig.axes for artist in ax.findobj() for c in _colours(artist)
            if to_hex(c, keep_alpha=False) not in GROUNDS]


@pytest.fixture(scope="module")
def figures():
    """The figures of the default run, drawn as the notebooks draw them."""
    from analysis.report import notebook_data

    saved = dict(matplotlib.rcParams)
    analysis.use_report_style()
    data = notebook_data()
    drawn = {}

    def new(name, **figure):
        fig = plt.figure(**figure)
        drawn[name] = fig
        return fig.gca()

    ax = new("timeline", figsize=(10, 7.6))
    labels = analysis.event_labels(data.events, data.casualties, bases=data.bases, n=15, headlines=True)
    analysis.plot_timeline(data.events, label=labels, casualties=data.casualties, ax=ax)
    analysis.timeline_legend(ax)
    weekly = analysis.escalation_per_period(data.events, clip=True, start=data.window[0], end=data.window[1])
    analysis.plot_escalation(weekly, rules=analysis.cameo_table(data.events), ax=new("escalation"))
    counts = analysis.attacks_per_period(data.events, kinds=data.selection)
    analysis.plot_attacks_per_period(counts, ax=new("weekly"))
    monthly = analysis.attacks_per_period(data.events, freq="M", by=data.place_column, kinds=data.selection)
    analysis.plot_attacks_per_period(monthly, by=data.place_column, names=data.base_names, colors=data.palette,
                                     ax=new("monthly"))
    analysis.plot_attacks(data.events, data.casualties, kinds=data.selection, ax=new("attacks"))
    analysis.plot_attack_casualties(data.events, data.casualties, kinds=data.selection, ax=new("casualties"))
    analysis.plot_troop_levels(data.troop_levels, ax=new("troops"))
    analysis.plot_evidence(analysis.evidence_matrix(data.reports, data.sources, data.events), ax=new("evidence"))
    axes = analysis.plot_posture_panels(analysis.base_posture(data.events, data.bases), bases=data.bases)
    drawn["posture"] = axes[0].figure
    yield drawn
    for fig in drawn.values():
        plt.close(fig)
    matplotlib.rcParams.update(saved)  # the report's style stays with these figures: later tests draw in the default


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_each_kind_of_a_run_has_a_hue_of_its_own(vocabulary):
    kinds = VOCABULARIES[vocabulary]
    for a, b in itertools.combinations(kinds, 2):
        gap = _hue_distance(_hsv(style.KIND_COLORS[a])[0], _hsv(style.KIND_COLORS[b])[0])
        assert gap > 2 * SAME_HUE, (a, b)
        assert not is_grey(style.KIND_COLORS[a]), a


@pytest.mark.parametrize("vocabulary", VOCABULARIES)
def test_the_kinds_of_a_run_look_clearly_apart(vocabulary):
    """Battles and Violence against civilians were two magentas a reader could not tell apart on the timeline."""
    kinds = VOCABULARIES[vocabulary]
    close = [(a, b) for a, b in itertools.combinations(kinds, 2)
             if apart(style.KIND_COLORS[a], style.KIND_COLORS[b]) < DISTINCT]
    assert close == []
    assert apart("#882255", "#AA4499") < DISTINCT  # the old pair: the check fails on it


def test_the_groups_of_a_stack_take_distinct_colours_that_are_no_kinds():
    """The places or pairs of a stacked chart were six near-identical greys: each now has a colour of its own,
    clearly apart from the others and from "other", and of no kind's hue."""
    shades = [*style.GROUP_COLORS, style.OTHER_COLOR]
    assert [(a, b) for a, b in itertools.combinations(shades, 2) if apart(a, b) < DISTINCT] == []
    every_kind = [*schema.CATEGORIES, *schema.EVENT_TYPES]
    assert [c for c in style.GROUP_COLORS if is_grey(c) or kind_of(c, every_kind) is not None] == []
    assert is_grey(style.OTHER_COLOR)
    palette = style.group_palette(["A", "other pairs", "B"], other="other pairs")
    assert palette == {"A": style.GROUP_COLORS[0], "B": style.GROUP_COLORS[1], "other pairs": style.OTHER_COLOR}


def test_what_is_not_a_kind_is_grey():
    """Killed and wounded, forces, outlets, counts and the escalation score take no kind's hue."""
    palettes = [style.OUTCOME_COLORS.values(), style.ESCALATION_COLORS.values(), style.FORCE_COLORS.values(),
                style.EVIDENCE_SHADES, style.SOURCE_COLORS.values(), style.COUNT_COLORS.values(),
                style.GREY_SCALE, [style.OTHER_COLOR, MIXED_COLOR]]
    assert [c for c in itertools.chain(*palettes) if not is_grey(c)] == []
    # the evidence counts are one sequential scale, lighter to darker
    assert np.all(np.diff([_hsv(c)[2] for c in style.EVIDENCE_SHADES]) < 0)


def test_is_grey_and_kind_of_tell_a_kind_from_a_grey():
    kinds = VOCABULARIES["coded"]
    assert is_grey("#8C8C8C") and not is_grey(style.KIND_COLORS["US strike"])
    assert kind_of("#0072B2", kinds) == "US strike" and kind_of("#99C7E0", kinds) == "US strike"  # a tint
    # the heatmap's old "3 or more" blue reads as the US strikes' hue: a key naming it otherwise is refused below
    assert kind_of("#2171B5", kinds) == "US strike" and kind_of("#E69F00", kinds) == "protest"


@pytest.fixture(scope="module")
def acled_figures(tmp_path_factory):
    """The figures of an ACLED run (a written file of 80 events), drawn as the notebooks draw them."""
    from acled_files import write_acled

    from analysis.report import notebook_data
    from analysis.report.story import Story

    saved = dict(matplotlib.rcParams)
    analysis.use_report_style()
    data = notebook_data(write_acled(tmp_path_factory.mktemp("colours") / "export.csv", 80))
    story = Story(data)
    drawn = {}

    def new(name, **figure):
        fig = plt.figure(**figure)
        drawn[name] = fig
        return fig.gca()

    labels = analysis.event_labels(data.events, data.casualties, bases=data.bases, n=15, headlines=True)
    analysis.plot_timeline(data.events, label=labels, casualties=data.casualties, ax=new("timeline", figsize=(10, 7.6)))
    analysis.timeline_legend(drawn["timeline"].axes[0])
    weekly = analysis.escalation_per_period(data.events, clip=True, start=data.window[0], end=data.window[1],
                                            dates=data.date_rule)
    analysis.plot_escalation(weekly, rules=analysis.cameo_table(data.events), ax=new("escalation"))
    counts = analysis.attacks_per_period(data.events, kinds=data.selection, dates=data.date_rule)
    analysis.plot_attacks_per_period(counts, ax=new("weekly"))
    monthly = analysis.attacks_per_period(data.events, freq="M", by=data.place_column, kinds=data.selection,
                                          dates=data.date_rule)
    analysis.plot_attacks_per_period(monthly, by=data.place_column, names=data.base_names, colors=data.palette,
                                     ax=new("monthly"))
    if analysis.attack_chart_form(int(data.selection(data.events).sum())) == "dots":
        analysis.plot_attacks(data.events, data.casualties, kinds=data.selection, ax=new("attacks"))
    analysis.plot_attack_casualties(data.events, data.casualties, kinds=data.selection, what=data.selection.what,
                                    ax=new("casualties"))
    # the country and its neighbours only: the other countries of the world file are drawn alike, and slowly
    near = [b for b in analysis.load_world_boundaries() if b.name in ("Somalia", "Somaliland", "Ethiopia", "Kenya")]
    analysis.plot_force_moves(story.posture_events(), country=data.country, iso=data.iso, boundaries=near,
                              ax=new("posture"))
    drawn["sources"] = story.plot_sources()
    yield drawn
    for fig in drawn.values():
        plt.close(fig)
    matplotlib.rcParams.update(saved)  # the report's style stays with these figures: later tests draw in the default


def is_group(colour) -> bool:
    return to_hex(colour, keep_alpha=False) in {c.lower() for c in style.GROUP_COLORS}


def check_one_meaning_per_colour(figures, kinds) -> dict[str, set[str]]:
    """Assert no colour of the figures stands for two meanings; return each kind's colours."""
    meanings: dict[str, set[str]] = {}
    for name, fig in figures.items():
        colours = [c for c in every_colour(fig) if not is_grey(c)]
        groups = [c for c in colours if is_group(c)]
        for colour in colours:
            if groups:  # a chart of groups draws no kind
                assert is_group(colour), f"{name}: {to_hex(colour)} is drawn beside groups' colours"
                continue
            kind = kind_of(colour, kinds)
            assert kind is not None, f"{name}: {to_hex(colour)} is the colour of no kind of event"
            meanings.setdefault(kind, set()).add(to_hex(colour, keep_alpha=False))
        named = named_colours(fig)
        grouped = {label for label, colour in named if label and not is_grey(colour) and is_group(colour)}
        # the parts of one kind drawn alone (the forces' moves) are the groups of their chart
        one_kind = grouped <= set(KIND_PARTS) and len({KIND_PARTS[label] for label in grouped}) == 1
        for label, colour in named:
            if label and not is_grey(colour) and is_group(colour):
                assert label not in kinds and (one_kind or label not in KIND_PARTS), (
                    f"{name}: the group {label!r} is a kind")
            elif label and not is_grey(colour):
                kind = kind_of(colour, kinds)
                assert KIND_PARTS.get(label, label) == kind, f"{name}: {label!r} is drawn in the colour of {kind!r}"
    # each kind's hue (with its tints) names that kind alone: no hue is shared by two kinds
    hues = {kind: {round(_hsv(c)[0], 2) for c in colours} for kind, colours in meanings.items()}
    for a, b in itertools.combinations(hues, 2):
        assert not hues[a] & hues[b], (a, b)
    return meanings


@pytest.mark.slow
def test_no_colour_stands_for_two_meanings_across_the_default_runs_figures(figures):
    meanings = check_one_meaning_per_colour(figures, VOCABULARIES["coded"])
    assert {"militia attack", "US strike", "posture change", "political"} <= set(meanings)


@pytest.mark.slow
def test_no_colour_stands_for_two_meanings_across_an_acled_runs_figures(acled_figures):
    meanings = check_one_meaning_per_colour(acled_figures, VOCABULARIES["ACLED"])
    assert {"Battles", "Explosions/Remote violence", "Protests", "Strategic developments"} <= set(meanings)


def test_the_colour_check_fails_on_a_colour_named_for_another_kind(new_axes):
    """A key that gives the US strikes' blue to a place is refused: the check can fail."""
    ax = new_axes()
    ax.bar([0], [1], color=style.KIND_COLORS["US strike"], label="Camp Taji")
    ax.legend()
    with pytest.raises(AssertionError, match="'Camp Taji' is drawn in the colour of 'US strike'"):
        check_one_meaning_per_colour({"bars": ax.figure}, VOCABULARIES["coded"])


def test_the_colour_check_fails_on_a_kind_drawn_beside_groups(new_axes):
    """A group's colour means a group only in a chart of groups: a kind drawn beside it is refused."""
    ax = new_axes()
    ax.bar([0], [1], color=style.GROUP_COLORS[0], label="Camp Taji")
    ax.bar([1], [1], color=style.KIND_COLORS["US strike"], label="US strike")
    ax.legend()
    with pytest.raises(AssertionError, match="is drawn beside groups' colours"):
        check_one_meaning_per_colour({"bars": ax.figure}, VOCABULARIES["coded"])


def test_the_colour_check_fails_on_group_colours_named_for_parts_of_two_kinds(new_axes):
    """The parts of one kind may be a chart's groups; parts of two kinds in group colours read as kinds."""
    ax = new_axes()
    ax.bar([0], [1], color=style.GROUP_COLORS[0], label="Headquarters or base established")
    ax.bar([1], [1], color=style.GROUP_COLORS[1], label="Air/drone strike")
    ax.legend()
    with pytest.raises(AssertionError, match="the group 'Headquarters or base established' is a kind"):
        check_one_meaning_per_colour({"bars": ax.figure}, VOCABULARIES["ACLED"])
    moves = new_axes()  # two parts of the strategic developments: the groups of a chart of one kind
    moves.bar([0], [1], color=style.GROUP_COLORS[0], label="Headquarters or base established")
    moves.bar([1], [1], color=style.GROUP_COLORS[1], label="Change to group/activity")
    moves.legend()
    check_one_meaning_per_colour({"bars": moves.figure}, VOCABULARIES["ACLED"])


#: Machado, Oliveira and Fernandes (2009), severity 1: how a reader with each kind of colour blindness sees a colour.
COLOUR_BLINDNESS = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}


def seen_by(color, matrix) -> str:
    rgb = np.array(to_rgba(color)[:3])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    seen = np.clip(matrix @ linear, 0, 1)
    return to_hex(np.where(seen <= 0.0031308, 12.92 * seen, 1.055 * seen ** (1 / 2.4) - 0.055))


def test_the_kinds_of_move_look_clearly_apart_to_every_reader():
    """A base established and ground taken without fighting were two teals (28 apart, 21 for a colour-blind
    reader): the forces' map gives its three kinds of move group colours apart for every kind of colour blindness,
    and apart from the grey of a place of mixed kinds."""
    from analysis.schema import ACLED_POSTURE_MEANINGS

    drawn = [*style.MOVE_COLORS.values(), MIXED_COLOR]
    assert set(style.MOVE_COLORS) == set(ACLED_POSTURE_MEANINGS) and all(is_group(c) for c in style.MOVE_COLORS.values())
    sights = {"normal": None, **COLOUR_BLINDNESS}
    close = [(sight, a, b) for sight, matrix in sights.items() for a, b in itertools.combinations(drawn, 2)
             if apart(*(c if matrix is None else seen_by(c, matrix) for c in (a, b))) < 0.75 * DISTINCT]
    assert close == []
    old = ["#14A67E", "#8CD3C0"]  # the old shades of green: the check fails on them
    assert apart(*(seen_by(c, COLOUR_BLINDNESS["deuteranopia"]) for c in old)) < 0.75 * DISTINCT


def test_each_hatch_has_one_meaning_and_none_looks_like_another():
    # a hatched bar meant "partial period" above and "toll set by rule" below it on the same page, in the same
    # pattern; a bound borrowed from another event was hatched as a partial period was, on the timeline's page
    from analysis.viz.style import HATCHES

    patterns = list(HATCHES.values())
    assert len(set(patterns)) == len(patterns)
    strokes = [set(pattern) for pattern in patterns]
    assert all(a != b for i, a in enumerate(strokes) for b in strokes[i + 1:])  # not the same strokes, denser
