"""Reports of runs other than the default tell the story of their own data, at every size.

Two reports are built once, side by side, each by the command line in its
own process (``report_support.RUNS``, shared with test_conflict_pages.py): an ACLED-format file of five
conflicts in a window, an area and a target, and a window and an area of the coded data compared with an
export. Every page must have a figure, and no page may carry a sentence
true only of the five coded reports: the names they hold (K-1, Taji,
Soleimani...) appear only where the run's own data hold them. ``benchmarks/render_sizes.py`` builds and
checks the same way reports of 50 to 1,000,000 events and times them
(100,000 events and more are too slow for the test suite).
"""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from report_support import CODED_NAMES, CODED_PHRASES, RUNS, TARGET, document_cell, page_text, story_runs

import analysis
from analysis.report.execute import NOTEBOOK_DIR, find_notebooks, injected_parameters, read_notebook
from analysis.report.inputs import LINKS_FILE, notebook_data
from analysis.stats.caveats import export_date
from analysis.stats.posture import POSTURE_KINDS
from analysis.stats.selection import event_keys

pytestmark = pytest.mark.report  # builds or renders a report: left out by `make test-fast`

#: The pages every run builds (a page of one option, such as COMPARE's, is checked on its own).
EVERY_RUN = [path.stem for path in find_notebooks(NOTEBOOK_DIR)]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    return story_runs(tmp_path_factory)


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
                   (data.reported_totals, ("quote", "actor")), (data.sources, ("title", "outlet", "published_basis")),
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
    pages = [run["out"] / f"{stem}.html" for stem in EVERY_RUN]
    assert sorted(run["out"].glob("[0-9][0-9]-*.html")) == sorted(pages + (
        [run["out"] / "05-compared-with-acled.html"] if "COMPARE" in run["parameters"] else []))
    exported = export_date(analysis.load_acled(run["parameters"]["DATA"])) if acled else None
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert re.search(r'<img[^>]+src="data:image/png;base64,', text), f"{name}/{page.name}: no figure"
        # the documents' own words around a cited passage (page 04) are a quotation, not the page's sentences
        seen = page_text(re.sub(r"<blockquote>.*?</blockquote>", " ", text, flags=re.S))
        if acled:  # the export's date, in the page's dateline
            assert f"data as of {exported.day} {exported:%B %Y}" in seen, f"{name}/{page.name}: no export date"
        else:
            assert "data as of" not in seen
        found = [n for n in forbidden if n.casefold() in seen.casefold()]
        assert not found, f"{name}/{page.name} says {found}, which its data do not hold"
        assert "How the escalation unfolded" not in seen and "How often were US-led forces attacked" not in seen


#: Where each run's events are, as its pages name it (the conflicts that involve the target are all in Iraq).
PLACES = {"acled-conflicts": "Iraq", "coded-window-area": "Baghdad, Kirkuk"}


@pytest.mark.parametrize("name", list(RUNS))
def test_index_cards_are_titled_from_the_data(runs, name):
    """The index's title names the place and the window; its cards and the links between pages do not say them
    again (each card's title and sentence repeated them, under a title that gives them)."""
    raw = (runs[name]["out"] / "index.html").read_text(encoding="utf-8")
    index = page_text(raw)
    target = runs[name]["parameters"].get("TARGET")
    who = f" involving {target}" if target and "DATA" in runs[name]["parameters"] else ""  # every page follows it
    title = html.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", raw, flags=re.S).group(1)).strip()
    scope = title[title.index(f" in {PLACES[name]}, "):]
    cards = [html.unescape(re.sub(r"<[^>]+>", "", card)) for card in re.findall(r"<li>(.*?)</li>", raw, flags=re.S)]
    assert len(cards) >= 4 and not [card for card in cards if scope in card], scope
    assert f"How events{who} unfolded" in index
    for title in ("How often", "Who reported the events" if "DATA" in runs[name]["parameters"] else "Sources and evidence"):
        assert title in index
    attacks = (runs[name]["out"] / "02-attack-frequency.html").read_text(encoding="utf-8")
    links = re.search(r'<nav[^>]*>(.*?)</nav>', attacks, flags=re.S).group(1)
    assert f"How events{who} unfolded" in html.unescape(links) and scope not in html.unescape(links)
    assert scope in html.unescape(re.search(r"<h1[^>]*>(.*?)<a ", attacks, flags=re.S).group(1))  # the page's own title


def test_the_target_and_the_empty_window_are_said_on_the_page(runs):
    attacks = page_text((runs["acled-conflicts"]["out"] / "02-attack-frequency.html").read_text(encoding="utf-8"))
    assert f"on {TARGET}" in attacks
    assert f"match '{TARGET}'" in attacks  # what is counted, stated on the page
    window = page_text((runs["coded-window-area"]["out"] / "03-troop-posture.html").read_text(encoding="utf-8"))
    assert "stated before the window and carried in" in window


def test_a_small_run_takes_the_small_forms(runs):
    """A few dozen events are drawn one by one, and a few attacks one row each (the large forms are tested without a
    build, in tests/report/test_story.py)."""
    run = runs["acled-conflicts"]
    timeline = (run["out"] / "01-escalation-timeline.html").read_text(encoding="utf-8")
    assert "Each marker is one event" in page_text(timeline)
    attacks = (run["out"] / "02-attack-frequency.html").read_text(encoding="utf-8")
    assert "by people killed in each" not in " ".join(html.unescape(alt) for alt in re.findall(r'<img[^>]+alt="([^"]*)"', attacks))


def test_a_window_of_the_coded_data_shows_its_events_passages_in_context_as_the_default_run_does(runs):
    run = runs["coded-window-area"]
    page = (run["out"] / "04-sources-and-evidence.html").read_text(encoding="utf-8")
    passages = page[page.index('<div class="report-passages">'):]
    named = re.findall(r"<h4>(\d+) \u00b7 ", passages)  # each event by its number on the pages, not its id
    area = run["parameters"]["AREA"].split(";")
    window = notebook_data(start=run["parameters"]["START"], end=run["parameters"]["END"], area=area).events
    # each event of the run that a report cites, and no other, in date order, with its passages marked and cited
    assert named and set(named) <= set(event_keys(window).astype(str)) and len(named) == len(set(named))
    assert not re.search(r"\bEV\d+", page_text(passages))
    assert passages.count("<mark>") >= len(named) and '<p class="cite">' in passages
    assert "The passages each event rests on" in page_text(page)


def test_a_window_of_the_coded_data_names_each_report_alike_in_its_dateline_tables_and_citations(runs):
    # one report read "outlet not named (29 March 2020)" in the dateline, "outlet not named, 29 Mar 2020" in the
    # tables and "The report of 29 Mar 2020" under its passages
    page = (runs["coded-window-area"]["out"] / "04-sources-and-evidence.html").read_text(encoding="utf-8")
    listed = _dateline(page).removesuffix(".").split(": ", 1)[1].split("; ")
    cells = {html.unescape(cell) for cell in re.findall(r"<td[^>]*>([^<]*)</td>", page)}
    cited = {html.unescape(cite) for cite in re.findall(r'<p class="cite">([^<]*)</p>', page)}
    assert listed and cited and {document_cell(name) for name in listed} <= cells
    assert {document_cell(name) for name in cited} <= {document_cell(name) for name in listed}
    assert "outlet not named" not in page_text(page)


def test_compare_adds_its_page_last_and_only_it_takes_the_export(runs):
    """The coded run with COMPARE: a fifth page, after the others, listed on the index with the export; the four
    pages run without the export's parameters, the fifth with the export checked once before any notebook ran."""
    run = runs["coded-window-area"]
    out = run["out"]
    index = page_text((out / "index.html").read_text(encoding="utf-8"))
    assert "Compared with" in index and "comparison.csv (ACLED export)" in index
    assert index.index("Sources and evidence") < index.index("The coded events beside the ACLED export comparison.csv")
    for stem in EVERY_RUN:
        assert not {"COMPARE", "COMPARE_CHECKED"} & set(injected_parameters(read_notebook(out / "notebooks" / f"{stem}.ipynb")))
    given = injected_parameters(read_notebook(out / "notebooks" / "05-compared-with-acled.ipynb"))
    assert given["COMPARE"] == str(run["parameters"]["COMPARE"]) and given["COMPARE_CHECKED"].endswith(".arrow")
    assert "[5/5] 05-compared-with-acled" in run["stdout"]
    page = (out / "05-compared-with-acled.html").read_text(encoding="utf-8")
    seen = page_text(page)
    assert 'href="04-sources-and-evidence.html"' in page
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page), "no chart of what the coded data lacks"
    for part in ("Which coded events ACLED has", "What differs", "Outside ACLED's scope", "What the coded data lacks",
                 "What the export's checks found", "How this was compared"):
        assert part in seen
    # the window and the area hold the two March attacks on Taji; the export's 17 March attack is what they lack
    assert "TST2, 3 November 2020 (11 March 2020 in its notes)" in seen and "TST5, 14 March 2020" in seen
    assert "TST10" in seen
    # every link of the page, with what was measured, in links.csv beside it
    assert f'href="{LINKS_FILE}"' in page
    links = pd.read_csv(out / LINKS_FILE, dtype=str)
    shown = re.findall(r"<td[^>]*>(TST\d+), ", page)
    assert not links.empty and set(links.loc[links["grade"] != "near miss", "acled_id"]) == set(shown)
    assert {"coded_id", "acled_id", "grade", "needs_review", "distance_km", "gap_days"} <= set(links.columns)
    # two charts: first the coded windows beside ACLED's events with a line for each link, then the months
    alts = [html.unescape(alt) for alt in re.findall(r'<img[^>]+alt="([^"]*)"', page)]
    assert len(alts) == 2 and "links drawn" in alts[0] and "events of indirect fire in ACLED" in alts[1]
    drawn = links.loc[links["grade"] != "near miss"]
    assert f"; {len(drawn)} links drawn: " in alts[0]
    for link in drawn.itertuples():
        assert f"{int(link.coded_id.removeprefix('EV'))} to {link.acled_id} ({link.grade}" in alts[0]


#: The headings of a page's methods part: how it counts in time, and how the escalation score is counted.
METHODS = ("How events are counted in time", "Counting events known only to a range of dates",
           "Counting attacks known only to a range of dates", "How the escalation score is counted")
#: Where one sentence ends and the next begins.
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def _dateline(page: str) -> str:
    """The page's dateline, as a reader reads it: the first italic paragraph after the title."""
    after = page[page.index("</h1>"):]
    return html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<p><em>(.*?)</em></p>", after, flags=re.S).group(1)))


@pytest.mark.parametrize("name", list(RUNS))
def test_a_page_opens_with_its_finding_and_keeps_its_methods_for_its_end(runs, name):
    """A reader finds a page's point at once: the dateline under the title names where the events come from, not
    the place and the window the title names nor the count the lead gives (it repeated all three); the first
    section after the lead is a finding, not how the page counts (the attacks page opened with its counting rule);
    the methods come after every finding; and the findings under a chart are a lead sentence and a list, not one
    paragraph of every figure."""
    run = runs[name]
    for stem in EVERY_RUN:
        page = (run["out"] / f"{stem}.html").read_text(encoding="utf-8")
        # the title, and the lead after it (the sources page's title names the file, its lead the window)
        opening = html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1.*?</p>", page, flags=re.S).group(0)))
        dateline = _dateline(page)
        window = re.search(r"\d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}", opening)
        assert window and window.group(0) not in dateline, (name, stem, dateline)
        assert PLACES[name] not in dateline and not re.search(r"\d events?\b", dateline), (name, stem, dateline)
        assert re.search(r"(^From|, from) (ACLED|(one|two|three|four|five)( of the five)? news reports?)", dateline)
        headings = [html.unescape(h) for h in re.findall(r"<h[23][^>]*>([^<]*)", page[page.index("</h1>"):])]
        assert headings and headings[0] not in METHODS, (name, stem, headings)
        findings = [m.start() for m in re.finditer(r"<strong>What it shows\.</strong>", page)]
        for method in (h for h in headings if h in METHODS):
            assert page.index(f">{method}<") > max(findings, default=0), (name, stem, method)
        for lead in re.findall(r"<p><strong>What it shows\.</strong>(.*?)</p>\s*(?:<ul>)?", page, flags=re.S):
            assert len(SENTENCE.split(re.sub(r"<[^>]+>", "", lead).strip())) <= 2, (name, stem, lead)
    for stem in ("01-escalation-timeline", "02-attack-frequency"):
        page = (run["out"] / f"{stem}.html").read_text(encoding="utf-8")
        items = re.search(r"<strong>What it shows\.</strong>.*?</p>\s*<ul>(.*?)</ul>", page, flags=re.S)
        assert items and items.group(1).count("<li>") >= 2, (name, stem)


#: What each run's escalation part says of how its events count, and its rule of a transfer of territory; the coded
#: data's, which events it scores (the window holds none of the fight against the Islamic State, so none is named).
ESCALATION_WORDS = {
    "acled-conflicts": ("Every event counts whole in the week of the one date ACLED gives it.",
                        "in ACLED a non-violent transfer of territory is ground the first actor takes without fighting"),
    "coded-window-area": ("An event known only to a range of days spreads its points over its possible days.",
                          "in the coded data a non-violent transfer of territory is the coalition handing a base over",
                          "The score counts the events of the confrontation between the US-led coalition, the "
                          "Iran-backed militias and Iraq's government, not the fight against the Islamic State. ",
                          "Only the confrontation's events are scored: those of the timeline's lane other violence"),
}


@pytest.mark.parametrize("name", list(RUNS))
def test_the_escalation_part_speaks_of_its_own_data_and_writes_points_alike(runs, name):
    """Each run's timeline page explains the escalation measure for its kind of data alone (an ACLED page read of
    the coded reports' ranges and handovers), writes its points as whole numbers or halves in the table, the
    sentences and the alt text ("4,533.00" and "4533.0" before), and spans the chart's weeks with readable dates."""
    page = (runs[name]["out"] / "01-escalation-timeline.html").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", page_text(page))
    assert [words for words in ESCALATION_WORDS[name] if words not in text] == []
    other = ESCALATION_WORDS["coded-window-area" if name == "acled-conflicts" else "acled-conflicts"]
    assert not [words for words in other if words in text]
    table = re.search(r"<table[^>]*><caption>The (\d+ weeks|week) of highest escalation.*?</table>", page, flags=re.S)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", table.group(0))
    points = cells[3::6] + cells[4::6] + cells[5::6]  # conflict, cooperation, net score
    assert points and all(re.fullmatch(r"[\d,]+(\.\d)?", cell) for cell in points), points
    alt = re.search(r'alt="Chart: Escalation[^"]*"', page).group(0)
    assert re.search(r"Escalation score per period from \d{1,2} \w{3} \d{4} to \d{1,2} \w{3} \d{4}; highest: ", alt)
    assert not re.search(r"\d\.\d\d|\d\.0\b", alt), alt
