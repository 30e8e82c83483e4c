"""Reports of runs other than the default tell the story of their own data, at every size.

Three reports are built once, side by side, each by the command line in its
own process: ACLED-format files written here of 50 events (an area of it)
and of 5,000 events (attacks on a target), and a window and an area of the
coded data. Every page must have a figure, and no page may carry a sentence
true only of the five coded reports: the names they hold (K-1, Taji,
Soleimani...) appear only where the run's own data hold them. ``benchmarks/render_sizes.py`` builds and
checks the same way reports of 50 to 1,000,000 events and times them
(100,000 events and more are too slow for the test suite).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
from acled_files import write_acled
from report_support import CODED_NAMES, CODED_PHRASES, page_text

import analysis
from analysis.report.inputs import notebook_data
from analysis.stats.posture import POSTURE_KINDS

pytestmark = pytest.mark.report  # builds or renders a report: left out by `make test-fast`

RUNS = {
    "acled-50-area": lambda folder: {"DATA": write_acled(folder / "fifty.csv", 50), "AREA": "Region A"},
    "acled-5000-target": lambda folder: {"DATA": write_acled(folder / "five-thousand.csv", 5000),
                                         "TARGET": "Military Forces of the United States"},
    "coded-window-area": lambda folder: {"START": "2020-03-01", "END": "2020-04-30", "AREA": "Baghdad;Kirkuk"},
}
OPTIONS = {"DATA": "--data", "START": "--start", "END": "--end", "AREA": "--area", "ATTACKS": "--attacks",
           "TARGET": "--target"}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("story-runs")
    processes = {}
    for name, make in RUNS.items():
        parameters = make(folder)
        command = [sys.executable, "-m", "analysis.report", "--out", str(folder / name)]
        for key, value in parameters.items():
            command += [OPTIONS[key], str(value)]
        processes[name] = (parameters, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                        text=True))
    built = {}
    for name, (parameters, process) in processes.items():
        out, err = process.communicate(timeout=900)
        assert process.returncode == 0, f"{name}: {err}"
        built[name] = {"parameters": parameters, "out": folder / name, "stdout": out}
        print(f"[story] {name}: {out.strip().splitlines()[-1]}")
    return built


def _data_text(parameters: dict) -> str:
    """Everything the run's own data say (events, and for the coded data the quotes of its tables), to tell a
    name the data hold from one they do not."""
    area = parameters.get("AREA")
    data = notebook_data(parameters.get("DATA"), start=parameters.get("START"), end=parameters.get("END"),
                         area=area.split(";") if area else None)
    tables = [(data.events, ("notes", "location", "actor1", "actor2"))]
    if data.coded:
        # the coded tables of the run, the bases every map of them shows, and the kinds of the maps' panels
        tables += [(data.reports, ("quote",)), (data.casualties, ("quote",)), (data.troop_levels, ("quote",)),
                   (data.reported_totals, ("quote", "actor")), (data.sources, ("title", "outlet")),
                   (data.bases, ("name", "aliases"))]
    words = " ".join(" ".join(frame[c].dropna().astype(str)) for frame, columns in tables for c in columns
                     if c in frame.columns)
    return words + (" " + " ".join(POSTURE_KINDS) if data.coded else "")


@pytest.mark.parametrize("name", list(RUNS))
def test_every_page_has_a_figure_and_no_sentence_true_only_of_the_coded_reports(runs, name):
    run = runs[name]
    own = _data_text(run["parameters"])
    acled = "DATA" in run["parameters"]
    forbidden = [n for n in CODED_NAMES if n not in own] + (list(CODED_PHRASES) if acled else [])
    pages = sorted(run["out"].glob("[0-9][0-9]-*.html"))
    assert len(pages) == 4
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert re.search(r'<img[^>]+src="data:image/png;base64,', text), f"{name}/{page.name}: no figure"
        seen = page_text(text)
        found = [n for n in forbidden if n.casefold() in seen.casefold()]
        assert not found, f"{name}/{page.name} says {found}, which its data do not hold"
        assert "How the escalation unfolded" not in seen and "How often were US-led forces attacked" not in seen


@pytest.mark.parametrize("name", list(RUNS))
def test_index_cards_are_titled_from_the_data(runs, name):
    index = page_text((runs[name]["out"] / "index.html").read_text(encoding="utf-8"))
    place = "Somalia" if "DATA" in runs[name]["parameters"] else "Iraq"
    target = runs[name]["parameters"].get("TARGET")
    who = f" involving {target}" if target and "DATA" in runs[name]["parameters"] else ""  # every page follows it
    assert f"How events{who} unfolded in {runs[name]['parameters'].get('AREA', place).replace(';', ', ')}" in index or (
        f"How events{who} unfolded in {place}" in index)
    for title in ("How often", "Who reported the events" if "DATA" in runs[name]["parameters"] else "Sources and evidence"):
        assert title in index


def test_the_target_and_the_empty_window_are_said_on_the_page(runs):
    attacks = page_text((runs["acled-5000-target"]["out"] / "02-attack-frequency.html").read_text(encoding="utf-8"))
    assert "on Military Forces of the United States" in attacks
    assert "match 'Military Forces of the United States'" in attacks  # what is counted, stated on the page
    window = page_text((runs["coded-window-area"]["out"] / "03-troop-posture.html").read_text(encoding="utf-8"))
    assert "stated before the window and carried in" in window


def test_the_timeline_takes_the_form_its_size_needs(runs):
    small = (runs["acled-50-area"]["out"] / "01-escalation-timeline.html").read_text(encoding="utf-8")
    large = (runs["acled-5000-target"]["out"] / "01-escalation-timeline.html").read_text(encoding="utf-8")
    assert "Each marker is one event" in page_text(small)
    assert "are too many to draw one by one" in page_text(large)
    assert analysis.timeline_form(analysis.load_acled(runs["acled-5000-target"]["parameters"]["DATA"])) == "bands"


def test_killed_per_attack_takes_the_form_its_size_needs(runs):
    """Up to 15 attacks one row each, then the top 15 and the rest counted, above 200 a distribution."""
    def alts(name):
        page = (runs[name]["out"] / "02-attack-frequency.html").read_text(encoding="utf-8")
        return " ".join(html.unescape(alt) for alt in re.findall(r'<img[^>]+alt="([^"]*)"', page))
    assert "by people killed in each" not in alts("acled-50-area")
    large = alts("acled-5000-target")
    assert "by people killed in each (lowest figure reported): 0: " in large
    assert "25 or more: " in large
