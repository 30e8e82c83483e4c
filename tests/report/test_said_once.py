"""A page says a thing once: no sentence twice on one page, and what the data cannot tell in full on one page only.

Each page's words are written as its notebook writes them (:func:`page_words`): a story of its own, opened with the
page's heading, and every text the notebook shows, in its order. The rules are checked on a file of four events
(unit tests), and every page of four runs is read whole (marked slow): the ACLED file of five conflicts in a window,
an area and a target (no strategic development involves the target), the same file in a window and an area with
events but no attack, a file whose foreign forces have strategic developments and regions of two levels, and a
window and an area of the coded data.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from acled_files import write_acled, write_acled_conflicts, write_acled_events

import analysis
from analysis.report.execute import NOTEBOOK_DIR
from analysis.report.inputs import NotebookData, notebook_data
from analysis.report.story import LIMITS_PAGE, PAGES, Story
from analysis.report.words.facts import Facts
from analysis.text import markdown_text as md

#: Each page's notebook, by the page name :meth:`Story.heading` takes.
NOTEBOOKS = dict(zip(PAGES, sorted(NOTEBOOK_DIR.glob("0[1-4]-*.ipynb")), strict=True))
#: A bold run-in label ("**What it shows.**"): a page's paragraphs share it, it is not a sentence of theirs.
LABEL = re.compile(r"^\*\*[^*]+[.:]\*\*\s*")
#: Where one sentence ends and the next begins.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9*(\u201c])")


class Recorded(Story):
    """A story that records which of its texts a page shows: each method and, for a section, its name."""

    def __init__(self, data: NotebookData, facts: Facts | None = None) -> None:
        super().__init__(data)
        self.facts = facts or self.facts
        self.called: set[str] = set()

    def __getattribute__(self, name: str):
        found = super().__getattribute__(name)
        if callable(found) and not name.startswith("_"):
            def call(*args, **kwargs):
                self.called.add(f"section {args[0]}" if name == "section" else name)
                return found(*args, **kwargs)
            return call
        return found


def page_words(data: NotebookData, page: str, facts: Facts | None = None, *,
               tables: bool = True) -> tuple[list[str], set[str]]:
    """What a page's notebook shows of a run's words, in its order: the texts, each empty table's sentence
    (:func:`empty`; ``tables=False`` leaves the tables out, for a run whose tables all hold rows), and the story's
    calls that wrote them (a section by its name). ``facts``, the run's facts, computed once for all its pages."""
    story = Recorded(data, facts)

    def empty(table: Callable[[], pd.DataFrame], sentence: str) -> str:
        """The sentence the notebook gives for a table when it is empty, else none."""
        return "" if not tables or len(table()) else sentence

    texts = [story.heading(page).markdown]
    if page == "timeline":
        escalation = story.facts.escalation
        peaks = analysis.escalation_peaks(escalation)
        texts += [story.section("timeline"), story.timeline()]
        if not data.coded:
            texts += [story.who(), story.actors_note(), empty(lambda: story.actors_table(), story.nothing("actors"))]
        texts += [story.section("events"), empty(lambda: story.events_table(), story.nothing()),
                  story.section("escalation"), story.peaks_caption(peaks),
                  empty(lambda: peaks, story.nothing("weeks to measure")), story.escalation(escalation), story.limits(page),
                  story.section("coding"), empty(lambda: story.coding_notes(), story.nothing()), story.section("dates"),
                  story.section("scoring")]
    elif page == "attacks":
        weekly = analysis.attacks_per_period(data.events, freq=story.period("weekly", "W"), kinds=data.selection,
                                             start=data.window[0], end=data.window[1], clip=True, dates=data.date_rule)
        what = data.selection.what
        texts += [story.attacks(), story.busiest_caption(weekly) or "",
                  empty(lambda: story.busiest(weekly), story.nothing(what))]
        if analysis.attack_chart_form(len(data.attacks)) == "counts":  # the charts they read are drawn only then
            texts += [story.monthly(), story.killed_over_time()]
        texts += [story.attacks_note(),
                  empty(lambda: story.attacks_table(), story.nothing(what)), story.casualties()]
        if not data.coded:
            texts += [story.perpetrators_note(), empty(lambda: story.perpetrators(), story.nothing(what))]
        texts += [story.section("totals"), story.limits(page), story.section("counting")]
    elif page == "posture":
        texts += [story.section("posture")]
        if not data.coded:
            texts += [story.where(), *(text for level in story.area_levels() for text in
                                       (story.areas_note(level), empty(lambda: story.areas_table(level), story.nothing()))),
                      story.section("forces")]
        texts += [story.posture(), story.section("posture table"),
                  empty(lambda: story.posture_table(), story.nothing("changes of posture")) if story.lists_posture() else "",
                  story.section("troops"), story.limits(page), story.section("posture coding"),
                  empty(lambda: story.coding_notes("posture"), story.nothing("changes of posture"))
                  if story.lists_posture("notes") else ""]
    else:
        texts += [story.section("reports"), story.sources(), story.sources_over_time()]
        if not data.coded:
            texts += [story.outlets_over_time_note(), empty(lambda: story.outlets_over_time(), story.nothing("outlets"))]
        texts += [story.caveats()]
        if not data.coded:  # the table of events alike shows nothing when there is none
            texts += [story.duplicates_note()]
        texts += [*(story.section(name) for name in ("matrix", "conflicts", "passages")), story.limits(page)]
    return texts, story.called


def sentences(markdown: str) -> list[str]:
    """The sentences of a text, a heading and a bullet each one, without their run-in labels."""
    found = []
    for line in markdown.splitlines():
        line = LABEL.sub("", re.sub(r"^\s*(#+|-)\s+", "", line)).strip()
        found += [LABEL.sub("", part).strip() for part in SENTENCE_END.split(line) if part.strip()]
    return [sentence for sentence in found if sentence]


def repeated(texts: list[str]) -> list[str]:
    """The sentences said more than once in ``texts``."""
    counts = Counter(sentence for text in texts for sentence in sentences(text))
    return [sentence for sentence, n in counts.items() if n > 1]


US = "Military Forces of the United States (2017-)"
#: Four events in Iraq: a clash on Iraq's forces with the US among the associated actors, two strategic developments
#: of the US forces (a base established in Anbar, ground handed over in Kirkuk), and an attack on the US forces known
#: only to its month.
SMALL = [
    {"event_date": "2020-03-02", "event_type": "Battles", "sub_event_type": "Armed clash", "admin1": "Kirkuk",
     "actor2": "Military Forces of Iraq (2018-)", "inter2": "State forces", "assoc_actor_2": US, "fatalities": "2",
     "source": "Rudaw; Shafaq News"},
    {"event_date": "2020-03-10", "event_type": "Strategic developments", "admin1": "Anbar", "location": "Al Asad",
     "sub_event_type": "Headquarters or base established", "actor1": US, "inter1": "External/Other forces",
     "interaction": "External/Other forces only", "latitude": "33.8", "longitude": "42.4"},
    {"event_date": "2020-04-05", "event_type": "Strategic developments", "admin1": "Kirkuk",
     "sub_event_type": "Non-violent transfer of territory", "actor1": US, "inter1": "External/Other forces",
     "interaction": "External/Other forces only"},
    {"event_date": "2020-04-15", "time_precision": "3", "admin1": "Kirkuk", "actor2": US,
     "inter2": "External/Other forces", "fatalities": "1"},
]
#: The small file's runs: its foreign forces' strategic developments, the target's in an area, a target none of
#: whose events is a strategic development, a window with events but none of the kinds the attacks page counts
#: (its two strategic developments), and a window with no event at all.
SMALL_RUNS = {"developments": {}, "target's developments": {"area": "Kirkuk", "target": "Military Forces of the United States"},
              "no development": {"area": "Kirkuk", "target": "Military Forces of Iraq"},
              "no attack": {"start": "2020-03-05", "end": "2020-04-10"}, "empty window": {"start": "2030-01-01"}}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> dict[str, NotebookData]:
    """The runs of the small file (:data:`SMALL_RUNS`), by name."""
    path = str(write_acled_events(tmp_path_factory.mktemp("said-once") / "small.csv", SMALL))
    return {name: notebook_data(path, **options) for name, options in SMALL_RUNS.items()}


def test_sentences_are_split_as_a_reader_reads_them():
    text = ("# A title\n\n**What it shows.** One thing. **Who.** 2 events, 3 killed.\n- **Label**: a bullet.\n"
            "Kirkuk (31 events, 112 killed). \u201cQuoted,\u201d said.")
    assert sentences(text) == ["A title", "One thing.", "2 events, 3 killed.", "**Label**: a bullet.",
                               "Kirkuk (31 events, 112 killed).", "\u201cQuoted,\u201d said."]
    assert repeated(["**What it shows.** A. B.", "**What it shows.** C. A."]) == ["A."]


@pytest.mark.parametrize("run", ["target's developments", "no development"])
def test_the_posture_page_says_its_lead_once(small, run):
    """The lead says how many strategic developments involve the forces, or that none does; the section on them
    and the sentences under its map do not say it again (they did, word for word, in every ACLED run)."""
    story = Story(small[run])
    lead = next(said for said in sentences(story.heading("posture").markdown)
                if said.startswith(("ACLED codes", "No strategic development", "None of these")))
    forces = [story.section("forces"), story.posture()]
    developments = {"target's developments": "1 strategic development", "no development": None}[run]
    assert lead.startswith(f"ACLED codes {developments} involving " if developments else
                           "None of these is a strategic development: ACLED records no change"), lead
    assert lead not in sentences("\n".join(forces)) and repeated([story.heading("posture").markdown, *forces]) == []
    if developments:  # what the lead does not say: the moves by force, the first and the last
        assert story.posture().startswith(f"**What it shows.** The one move involves {md(US)}.")
        assert "The first, on 5 Apr 2020: Non-violent transfer of territory" in story.posture()
    else:  # nothing more to say: no section, no paragraph under it says it again (a heading over a definition
        # alone read as if the page had lost a part)
        assert story.posture() == "" and story.section("forces") == ""
    assert developments is None or story.section("forces").startswith("## Strategic developments involving ")


def test_what_the_data_cannot_tell_is_said_in_full_on_the_first_page_and_pointed_to_from_the_others(small):
    """Said in full on every page, the same list was read four times by a reader who reads the report in order:
    it is said on the first page, and each other page names what it holds and where, in one line."""
    coded = notebook_data(start="2020-03-01", end="2020-04-30", area="Baghdad;Kirkuk")
    for run, data in {"ACLED": small["developments"], "coded": coded}.items():
        story = Story(data)
        limits = {page: story.limits(page) for page in PAGES}
        title = "What the five reports cannot tell" if data.coded else "What this file cannot tell"
        assert [page for page in PAGES if limits[page].startswith(f"## {title}")] == [PAGES[0]] == [LIMITS_PAGE], run
        labels = re.findall(r"^- \*\*(.+?)\*\*: ", limits[LIMITS_PAGE], flags=re.MULTILINE)
        assert limits[LIMITS_PAGE].startswith(f"## {title}\n\n- **") and len(labels) == 3, run
        first_title = Story(data).heading(LIMITS_PAGE).title
        for page in PAGES[1:]:
            pointer = limits[page]
            assert pointer == (f"**{title}** ({'; '.join(label[:1].lower() + label[1:] for label in labels)}) is set "
                               f"out at the end of the first page, \u201c{md(first_title)}\u201d."), (run, page)


def test_the_limits_are_written_for_the_page_they_are_asked_for(small):
    """Each notebook asks for the limits of its own page: in full on the first page (and without a page, outside
    the report's pages), a pointer on the others; a page that is not one of the report's is refused."""
    story = Story(small["developments"])
    assert story.limits() == story.limits("timeline") != story.limits("attacks")
    assert story.limits("attacks") == story.limits("posture") == story.limits("sources")
    with pytest.raises(ValueError, match="page='where'; use one of timeline, attacks, posture, sources"):
        story.limits("where")


@pytest.mark.parametrize(("run", "page"), [("no attack", "attacks"), *(("empty window", page) for page in PAGES)])
def test_a_page_whose_window_holds_none_of_its_kind_says_so_once(small, run, page):
    """The lead says the window holds none of what the page counts; the sections, their sentences and their
    empty tables under it say nothing more (the attacks page of an ACLED file said it six times)."""
    data = small[run]
    texts, _ = page_words(data, page)
    said = [sentence for text in texts for sentence in sentences(text) if " in this window (" in sentence]
    lead = sentences(Story(data).heading(page).markdown)
    assert said and set(said) <= set(lead) and repeated(texts) == [], (run, page, said)
    if run == "empty window":  # no section heads nothing; and where the file's events are, to choose another window
        story = Story(data)
        assert [name for name in ("timeline", "events", "counting", "totals", "posture", "forces", "reports")
                if story.section(name)] == []
        days = pd.to_datetime(pd.Series([event["event_date"] for event in SMALL]))
        assert (f"The file's events run from {days.min().day} {days.min():%B %Y} to "
                f"{days.max().day} {days.max():%B %Y}.") in lead, lead
    if run == "no attack" and page == "attacks":
        assert said == ["No battles and remote violence in this window (Iraq, 5 March 2020 to 10 April 2020)."]
        story = Story(data)
        # and what the window does hold, by kind, counted with pandas: the page has nothing else to show
        kinds = data.events["event_type"].str.lower().value_counts()
        listed = (f"all {kinds.index[0]}" if len(kinds) == 1 else
                  " and ".join(f"{kind} ({count})" for kind, count in kinds.items()))  # two kinds at most here
        assert lead[-1] == f"The window's {len(data.events)} events were {listed}.", lead
        assert story.nothing(data.selection.what) == story.attacks() == story.casualties() == ""
        assert story.nothing("actors") == "No actors in this window (Iraq, 5 March 2020 to 10 April 2020)."


def test_the_attacks_lead_counts_what_the_page_counts_by_its_name_and_the_dateline_only_names_the_sources(small):
    """The lead counts what the title counts, by the selection's name ("2 events of battles and remote violence",
    never "attacks" for events of those types); the dateline under it does not count them again, nor name the place
    and the window the title names: it names where the events come from. The default run's hand-written question
    counts nothing, so its dateline counts the attacks, as committed."""
    lines = {run: Story(small[run]).dateline("attacks") for run in ("no attack", "developments")}
    for line in lines.values():
        assert line.text.startswith("From ACLED (small.csv, data as of ")
        assert "battles and remote violence" not in line.text and "Iraq" not in line.text and "2020 to" not in line.text
    assert "The data hold 2 events of battles and remote violence, 50% of the 4 events in Iraq" in \
        Story(small["developments"]).heading("attacks").markdown
    # the coded data's own category is counted as attacks
    coded = Story(notebook_data(start="2020-03-01", end="2020-04-30", target="United States"))
    assert coded.dateline("attacks").text.startswith("From four of the five news reports: Military Times")
    assert "The data hold 2 attacks on United States, 10% of the 20 events" in coded.heading("attacks").markdown
    assert Story(notebook_data()).dateline("attacks").text.startswith("4 attacks, from four of the five news reports: ")


# --- every page of four runs, read whole ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def words(tmp_path_factory) -> dict[tuple[str, str], tuple[list[str], set[str]]]:
    """Each run's pages' words and the calls that wrote them (:func:`page_words`), by run and page."""
    folder = tmp_path_factory.mktemp("said-once-runs")
    conflicts = str(write_acled_conflicts(folder / "conflicts.csv"))
    runs = {
        "conflicts, window, area and target": notebook_data(conflicts, start="2020-03-15", area="Iraq",
                                                            target="Military Forces of the United States"),
        "foreign forces' strategic developments": notebook_data(str(write_acled(folder / "forces.csv", 60))),
        "coded window and area": notebook_data(start="2020-03-01", end="2020-04-30", area="Baghdad;Kirkuk"),
        "conflicts, an area's window without attacks": notebook_data(conflicts, start="2020-05-01", end="2020-06-30",
                                                                     area="Diyala"),
    }
    assert runs["conflicts, window, area and target"].events.pipe(len) > 0
    quiet = runs["conflicts, an area's window without attacks"]
    assert len(quiet.events) > 0 and not len(quiet.attacks)
    facts = {run: Facts(data) for run, data in runs.items()}
    # the tables' sentences where some say the window holds nothing; the other runs' tables all hold rows
    return {(run, page): page_words(data, page, facts[run], tables=data is quiet) for run, data in runs.items()
            for page in PAGES}


@pytest.mark.slow  # builds every page's words of four runs
@pytest.mark.parametrize("page", PAGES)
def test_the_page_words_follow_the_notebooks_calls(words, page):
    """Every text the page's notebook shows (each ``tell`` of the story's words, each table's caption, each
    section) is among the words the tests read: a notebook that gains one fails here until the tests read it too."""
    source = "\n".join("".join(cell["source"]) for cell in json.loads(Path(NOTEBOOKS[page]).read_text())["cells"]
                       if cell["cell_type"] == "code")
    shown = {f"section {name}" for name in re.findall(r"story\.section\(\"([^\"]+)\"\)", source)}
    shown |= set(re.findall(r"(?:tell\(data, |caption=)story\.(\w+)\(", source)) - {"section"}
    assert shown and not shown - set.union(*(called for (_, on), (_, called) in words.items() if on == page))


@pytest.mark.slow  # builds every page's words of four runs
def test_no_page_says_a_sentence_twice(words):
    """A reader of a page meets each sentence once: its lead is not said again under its chart (the posture and
    the coded sources pages said theirs twice), how events are counted is said under the first table of places,
    not under both, and what the data cannot tell is said on one page."""
    for (run, page), (texts, _) in words.items():
        assert repeated(texts) == [], (run, page)


@pytest.mark.slow  # builds every page's words of four runs
def test_every_caveat_of_an_acled_file_is_still_said(words):
    """Said once, each caveat is said: what went unreported, the wounded and the true toll and who was the target
    on the first page; the dates known only to a week or a month with the counts of the first two pages, and
    measured among ACLED's caveats on the sources page."""
    run = "conflicts, window, area and target"
    first, attacks, sources = ("\n".join(words[run, page][0]) for page in ("timeline", "attacks", "sources"))
    for caveat in ("a quiet week may be a week with little reporting", "ACLED does not count the wounded",
                   "the second actor is the side an event was directed at only as ACLED codes it",
                   "not who was harmed"):
        assert caveat in first and caveat not in attacks + sources, caveat
    for page in (first, attacks):
        assert "are known only to a week or a month; ACLED dates each to the middle of it" in page
    assert "- **Dates**: known to the day for " in sources
