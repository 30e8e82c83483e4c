"""Tests of what the plotting helpers draw (Agg backend)."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from helpers_events import make_events, make_table, troop_levels_sample  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import analysis  # noqa: E402
from analysis import aggregate as ag  # noqa: E402
from analysis import plotting as pl  # noqa: E402
from analysis import schema  # noqa: E402
from analysis.escalation import escalation_per_period  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture()
def events() -> pd.DataFrame:
    return make_events([
        {"date_start": "2019-12-27", "base_id": "k1", "location": "K-1 Air Base", "fatalities": 1},
        {"date_start": "2020-01-03", "category": "US strike", "sub_event_type": "Air/drone strike", "fatalities": 2},
        {"date_start": "2020-01-03", "date_end": "2020-01-31", "category": "political",
         "event_type": "Strategic developments", "sub_event_type": "Other"},
        {"date_start": "2020-03-14", "date_end": "2020-03-17", "base_id": "taji"},
        {"date_start": "2020-03-26", "date_end": "2020-03-31", "category": "posture change",
         "event_type": "Strategic developments", "sub_event_type": "Non-violent transfer of territory",
         "base_id": "k1", "notes": "Transfer of K-1 to the Iraqi army."},
    ])


def _axes() -> plt.Axes:
    return plt.figure().gca()


def _patches(ax, gid: str) -> list:
    return [p for p in ax.patches if p.get_gid() == gid]


# --- timeline --------------------------------------------------------------------------------

def test_timeline_draws_one_marker_per_event_coloured_by_kind(events):
    ax = _axes()
    assert pl.plot_timeline(events, ax=ax) is ax
    points = {c.get_gid(): c for c in ax.collections if str(c.get_gid()).startswith("events:")}
    assert set(points) == {"events:militia attack", "events:US strike", "events:political", "events:posture change"}
    assert sum(len(c.get_offsets()) for c in points.values()) == len(events)
    for gid, collection in points.items():
        kind = gid.split(":", 1)[1]
        assert to_hex(collection.get_edgecolor()[0]) == pl.KIND_COLORS[kind].lower()
    # day-known events are filled with their colour, ranged ones are hollow
    strike = points["events:US strike"]
    assert to_hex(strike.get_facecolor()[0]) == pl.KIND_COLORS["US strike"].lower()
    assert to_hex(points["events:political"].get_facecolor()[0]) == "#ffffff"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["militia attack", "US strike", "posture change", "political"]


def test_timeline_draws_a_span_per_ranged_event(events):
    ax = pl.plot_timeline(events, ax=_axes())
    spans = [c for c in ax.collections if str(c.get_gid()).startswith("spans:")]
    assert sum(len(c.get_paths()) for c in spans) == int((events["date_end"] > events["date_start"]).sum()) == 3
    political = [c for c in spans if c.get_gid() == "spans:political"][0]
    width = political.get_paths()[0].get_extents().width
    assert width == pytest.approx(29.0)  # 3 to 31 January, both days included


def test_timeline_labels_are_drawn_and_do_not_overlap(events):
    fig, ax = plt.subplots(figsize=(9, 4))
    labels = ag.event_labels(events)
    pl.plot_timeline(events, label=labels, ax=ax)
    texts = [t for t in ax.texts if t.get_gid() == "label"]
    assert sorted(t.get_text().strip() for t in texts) == sorted(labels.dropna())
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_timeline_on_acled_events_uses_event_types(events):
    acled = events.assign(category=pd.Categorical([None] * len(events), categories=schema.CATEGORIES))
    ax = pl.plot_timeline(acled, ax=_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Explosions/Remote violence", "Strategic developments"]


def test_empty_input_returns_the_axes(events):
    ax = _axes()
    assert pl.plot_timeline(events.iloc[:0], ax=ax) is ax
    assert not ax.collections
    assert pl.plot_attacks_per_period(ag.attacks_per_period(events.iloc[:0]), ax=ax) is ax
    assert pl.plot_escalation(escalation_per_period(events.iloc[:0]), ax=ax) is ax
    assert pl.plot_casualties(ag.casualties_per_event(events.iloc[:0]), ax=ax) is ax
    levels = make_table(schema.TROOP_LEVELS, [])
    assert pl.plot_troop_levels(levels, ax=ax) is ax
    assert not ax.patches


def test_timeline_legend_explains_markers(events):
    ax = pl.plot_timeline(events, ax=_axes())
    legend = pl.timeline_legend(ax)
    assert [t.get_text() for t in legend.get_texts()][:2] == ["day known", "date known to a range (bar: possible days)"]


# --- counts ----------------------------------------------------------------------------------

def test_attacks_per_period_draws_expected_certain_and_possible(events):
    counts = ag.attacks_per_period(events, freq="W")
    ax = pl.plot_attacks_per_period(counts, ax=_axes())
    for gid in ("expected", "certain", "possible"):
        bars = _patches(ax, gid)
        assert len(bars) == len(counts)
        assert [b.get_height() for b in bars] == pytest.approx(counts[gid].tolist())
    assert ax.get_ylabel() == "attacks"


def test_attacks_per_period_by_group_stacks_expected(events):
    counts = ag.attacks_per_period(events, freq="M", by="base_id")
    ax = pl.plot_attacks_per_period(counts, by="base_id", ax=_axes())
    stacked = {p.get_gid() for p in ax.patches if p.get_gid().startswith("expected:")}
    assert stacked == {"expected:k1", "expected:taji"}
    tops = {}
    for patch in ax.patches:
        if patch.get_gid().startswith("expected:"):
            tops[patch.get_x()] = max(tops.get(patch.get_x(), 0), patch.get_y() + patch.get_height())
    assert sorted(tops.values()) == sorted(counts.groupby("period_start")["expected"].sum().tolist())
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["k1", "taji"]


def test_escalation_bars_and_line_match_the_measure(events):
    measure = escalation_per_period(events, freq="M")
    ax = pl.plot_escalation(measure, ax=_axes())
    assert [b.get_height() for b in _patches(ax, "conflict")] == pytest.approx(measure["conflict"].tolist())
    assert [b.get_height() for b in _patches(ax, "cooperation")] == pytest.approx((-measure["cooperation"]).tolist())
    (line,) = [line for line in ax.lines if line.get_gid() == "escalation"]
    assert list(line.get_ydata()) == pytest.approx(measure["escalation"].tolist())


# --- ranges, casualties, troop levels ---------------------------------------------------------

def test_ranges_show_open_ends_and_one_dot_per_bound():
    frame = pd.DataFrame({"attack": ["a", "b", "c", "d"], "count_low": [18, 2, None, None],
                          "count_high": [18, None, 399, None]}).astype({"count_low": "Int64", "count_high": "Int64"})
    ax = pl.plot_ranges(frame, y="attack", ax=_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c", "d"]
    assert list(ax.get_yticks()) == [3, 2, 1, 0]  # first row on top
    dots = [c for c in ax.collections if c.get_gid() == "dots:"][0]
    assert len(dots.get_offsets()) == 4  # 18 and 18, 2, 399
    assert [t.get_text() for t in ax.texts if t.get_text()] == [" or more", " not reported"]
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == 1


def test_casualties_are_coloured_by_outcome():
    counts = pd.DataFrame({"group": ["US military", "US military"], "outcome": ["killed", "wounded"],
                           "count_low": [2, 3], "count_high": [2, 3]})
    ax = pl.plot_casualties(counts, y="group", ax=_axes())
    colours = {c.get_gid(): to_hex(c.get_facecolor()[0]) for c in ax.collections}
    assert colours == {"dots:killed": pl.OUTCOME_COLORS["killed"].lower(),
                       "dots:wounded": pl.OUTCOME_COLORS["wounded"].lower()}


def test_troop_levels_keep_qualifiers_visible():
    levels = troop_levels_sample()
    ax = pl.plot_troop_levels(levels, ax=_axes())
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "level") == [
        "UK: less than 400", "US: about 5,000", "US: about 5,200"]
    assert sum(1 for c in ax.collections if c.get_gid() == "band") == 2
    assert len([t for t in ax.texts if t.get_gid() == "open"]) == 1  # "less than 400" is open below
    markers = sorted(line.get_marker() for line in ax.lines if line.get_gid() is None)
    assert markers == ["D", "D", "v"]
    steps = [line for line in ax.lines if str(line.get_gid()).startswith("steps:")]
    assert sorted(line.get_gid() for line in steps) == ["steps:UK", "steps:US"]


# --- posture map -----------------------------------------------------------------------------

def test_posture_map_marks_what_happened_at_each_base(events):
    bases = pd.DataFrame({"base_id": ["k1", "taji", "al-asad"], "name": ["K-1 Air Base", "Camp Taji", "Ain al-Asad"],
                          "latitude": [35.47, 33.52, 33.79], "longitude": [44.35, 44.26, 42.44]})
    posture = ag.base_posture(events, bases)
    ax = pl.plot_posture_map(posture, bases=bases, ax=_axes())
    gids = sorted(c.get_gid() for c in ax.collections)
    assert gids == ["bases", "posture:attacked", "posture:handed over"]
    labels = {t.get_gid(): t.get_text() for t in ax.texts if str(t.get_gid()).startswith("base:")}
    assert labels == {"base:k1": "K-1 Air Base\n27 Dec 2019, 26-31 Mar 2020", "base:taji": "Camp Taji\n14-17 Mar 2020",
                      "base:al-asad": "Ain al-Asad"}
    assert "Iraq" in [p.get_gid() for p in ax.patches]
    only = pl.plot_posture_map(posture, bases=bases, kinds=["handed over"], ax=_axes())
    assert sorted(c.get_gid() for c in only.collections) == ["bases", "posture:handed over"]


def test_posture_panels_are_small_multiples(events):
    bases = analysis.load_bases()
    axes = pl.plot_posture_panels(ag.base_posture(events, bases), bases=bases)
    assert [ax.get_title() for ax in axes] == ["Attacked", "Fortified", "Patriot batteries",
                                               "Withdrawn from or handed over"]


# --- conventions ------------------------------------------------------------------------------

def test_plotting_helpers_follow_the_conventions():
    for name in ("plot_timeline", "plot_attacks_per_period", "plot_escalation", "plot_ranges", "plot_casualties",
                 "plot_troop_levels", "plot_posture_map"):
        parameters = list(inspect.signature(getattr(pl, name)).parameters.values())
        assert parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters[1:]), name
        assert "ax" in [p.name for p in parameters] and inspect.signature(getattr(pl, name)).parameters["ax"].default is None
    calls = {node.func.attr for node in ast.walk(ast.parse(inspect.getsource(pl)))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
    assert not calls & {"show", "savefig"}


def test_import_analysis_does_not_import_plotting_libraries():
    code = "import sys, analysis; analysis.attacks_per_period; print('matplotlib' in sys.modules, 'seaborn' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False False"


def test_use_report_style_sets_the_house_style():
    pl.use_report_style()
    assert matplotlib.rcParams["axes.spines.top"] is False
    assert tuple(matplotlib.rcParams["figure.figsize"]) == (9.0, 4.6)


def test_figures_are_byte_identical_without_a_software_stamp(events, tmp_path):
    outputs = []
    for number in range(2):
        fig, ax = plt.subplots()
        pl.plot_timeline(events, label=ag.event_labels(events), ax=ax)
        path = tmp_path / f"timeline{number}.png"
        fig.savefig(path, metadata={"Software": None})
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]
    assert b"Software" not in outputs[0]
    assert np.frombuffer(outputs[0][:8], dtype=np.uint8).tolist()[1:4] == list(b"PNG")
