"""The notebooks' handle on a run's words: :class:`Story` and :func:`tell`.

The committed notebooks carry hand-written analysis of the five coded
reports. That prose is true of the default run only, so its cells are tagged
``default-only`` and left out of every other run's pages
(:mod:`analysis.report.render`); in their place each notebook shows what
the words of :mod:`analysis.report.words` write from the data it was given:
the place and the window, how many events and killed, the peak week and
month, the deadliest events, the largest changes, what counts as an attack,
who reported the events. :func:`tell` shows a text in a notebook, and
nothing in the default run, so the committed notebooks keep their outputs.

:class:`Story` only routes a notebook's call to the page's function
(``story.timeline()`` is :func:`analysis.report.words.timeline.key_sentences`);
each page's words are in its own module of :mod:`analysis.report.words`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from .inputs import NotebookData, notebook_data  # noqa: F401  (notebook_data: the examples)
from .words import attacks as attack_words
from .words import caveats as caveat_words
from .words import common
from .words import coverage as coverage_words
from .words import posture as posture_words
from .words import sources as source_words
from .words import timeline as timeline_words
from .words import where as where_words
from .words import who as who_words
from .words.common import CARD_METADATA, DATELINE_METADATA, Dateline, Heading
from .words.facts import ATTACK_ROWS, Facts

#: The pages of the report, by the name :meth:`Story.heading` takes, and the module of each page's words.
PAGE_WORDS = {"timeline": timeline_words, "attacks": attack_words, "posture": posture_words, "sources": source_words}
PAGES: tuple[str, ...] = tuple(PAGE_WORDS)
#: The page that says in full what the data cannot tell; every other page points to it (:meth:`Story.limits`).
LIMITS_PAGE = PAGES[0]
#: Each chart's page.
CHART_PAGES = {"timeline": timeline_words, "escalation": timeline_words, "attacks": attack_words,
               "weekly": attack_words, "monthly": attack_words, "killed": attack_words, "casualties": attack_words,
               "posture": posture_words, "where": where_words, "sources": source_words}
#: The charts over time whose peak may be explained by days marked on them (:meth:`Story.marks`).
PEAK_CHARTS = ("timeline", "escalation", "weekly", "monthly", "killed")


def say(line: Dateline) -> None:
    """Show a page's dateline as Markdown, in every run, the default run's too; the index reads it from its metadata.

    Examples
    --------
    >>> say(Story(notebook_data()).dateline("timeline"))  # doctest: +ELLIPSIS
    <IPython.core.display.Markdown object>
    """
    from IPython.display import Markdown, display

    display(Markdown(line.markdown), metadata={DATELINE_METADATA: line.card})


def tell(data: NotebookData, text: str | Heading, *, default: str | None = None) -> None:
    """Show ``text`` as Markdown in the notebook; in the committed default run print ``default`` instead (or nothing).

    Parameters
    ----------
    data : NotebookData
        The run.
    text : str or Heading
        Markdown written from the data (:class:`Story`); nothing is shown
        when it is empty. A page's :class:`~analysis.report.words.common.Heading`
        is shown with its index card in the output's metadata, where the
        report's index reads it (:func:`analysis.report.summary.page_card`).
    default : str or None, default None
        What the committed notebook prints in the default run (e.g. the
        one-line ``data.summary()``), so its outputs stay as committed.

    Examples
    --------
    >>> tell(notebook_data(), "# A title", default="the default run prints this")
    the default run prints this
    """
    if data.is_default:
        if default is not None:
            print(default)
        return
    show(text)


def show(text: str | Heading) -> None:
    """Show ``text`` as Markdown in every run, the default run's too (a page built only when its option is given).

    A :class:`~analysis.report.words.common.Heading` carries its index card
    in the output's metadata; nothing is shown for an empty text.

    Examples
    --------
    >>> show("")
    """
    from IPython.display import Markdown, display

    if isinstance(text, Heading):
        display(Markdown(text.markdown), metadata={CARD_METADATA: text.card})
    elif text:
        display(Markdown(text))


class Story:
    """A run's words, page by page, for its notebooks: each method is one page's function over the run's facts.

    Parameters
    ----------
    data : NotebookData
        What the notebook works on.

    Examples
    --------
    >>> story = Story(notebook_data(start="2020-03-01", end="2020-04-30"))
    >>> story.heading("timeline").title
    'How events unfolded in Iraq, 1 March 2020 to 30 April 2020'
    """

    def __init__(self, data: NotebookData) -> None:
        self.data = data
        self.facts = Facts(data)

    # --- what spans the pages -------------------------------------------------------------------

    def heading(self, page: str) -> Heading:
        """A page's title and first paragraph: Markdown for the page, title and first sentence for the index card.

        ``page`` is one of :data:`PAGES`.
        """
        written = PAGE_WORDS[_page(page)].page_heading(self.facts)
        return replace(written, empty=self.facts.events.empty and not self.data.is_default)

    def dateline(self, page: str) -> Dateline:
        """A page's dateline (:func:`analysis.report.words.common.dateline`), in every run; ``page`` as in :meth:`heading`."""
        return PAGE_WORDS[_page(page)].dateline(self.facts)

    def chart_title(self, chart: str, default: str = "") -> str:
        """A chart's title as plain text: ``default`` in the default run, else one that names this run's data.

        ``chart`` is ``"timeline"``, ``"escalation"``, ``"attacks"``, ``"weekly"``,
        ``"monthly"``, ``"killed"``, ``"casualties"``, ``"posture"``, ``"where"`` or ``"sources"``.
        """
        if chart not in CHART_PAGES:
            raise ValueError(f"chart={chart!r}; use one of {', '.join(CHART_PAGES)}")
        return default if self.data.is_default else CHART_PAGES[chart].chart_title(self.facts, chart)

    def marks(self, chart: str) -> dict[str, pd.Timestamp]:
        """The days to mark on a chart over time (:func:`analysis.viz.counts.mark_days`), which explain the peak its
        title names: the first report of each new source that carries it ("Local Network's first report"), and the
        week that may be one batch of coding it holds ("3-9 March 2025: may be one batch of coding"); none for the
        coded data.

        ``chart`` is ``"timeline"``, ``"escalation"``, ``"weekly"``, ``"monthly"`` or ``"killed"``.
        """
        span = self._peak_span(chart, PEAK_CHARTS)
        return {} if span is None else coverage_words.peak_marks(self.facts, *span)

    def reported_alone(self, chart: str, count: Callable[[pd.DataFrame], pd.DataFrame]
                       ) -> tuple[pd.DataFrame | None, str | None]:
        """The part of a chart's counts that only the new sources its title names report, and the key's words for
        it ("reported only by Local Network, first cited 2 June 2020"), as ``part`` and ``part_label`` of
        :func:`analysis.viz.counts.plot_attacks_per_period`: (None, None) where the title names no new source (the
        coded data). The events are :func:`analysis.report.words.coverage.reported_alone`'s.

        ``chart`` is ``"weekly"``, ``"monthly"`` or ``"killed"`` (the sources carrying its peak of the killed, as
        its title names them); ``count`` counts events as the chart's counts were counted (the same
        :func:`analysis.stats.periods.attacks_per_period`, or :func:`analysis.stats.casualties.killed_per_period`,
        its options bound), so that each part is counted as its bar is.
        """
        span = self._peak_span(chart, ("weekly", "monthly", "killed"))
        found = None if span is None else coverage_words.reported_alone(self.facts, *span, killed=chart == "killed")
        if found is None:
            return None, None
        events, label = found
        return count(events), label

    def hatched_part(self, chart: str, count: Callable[[pd.DataFrame], pd.DataFrame]
                     ) -> tuple[pd.DataFrame | None, str | None]:
        """The part of a chart's counts to hatch, which explains the peak its title names, and the key's words for
        it, as ``part`` and ``part_label`` of :func:`analysis.viz.counts.plot_attacks_per_period`: the events only the
        new sources the title names report (:meth:`reported_alone`), else those of the week in the peak that may be
        one batch of coding ("events of 3-9 March 2025, which may be one batch of coding"); (None, None) where
        neither (the coded data). The events are :func:`analysis.report.words.coverage.peak_part`'s.

        ``chart`` as in :meth:`reported_alone`, or ``"escalation"`` (``count`` then
        :func:`analysis.stats.escalation.escalation_per_period` with the chart's options); ``count`` as there.
        """
        span = self._peak_span(chart, ("weekly", "monthly", "killed", "escalation"))
        found = None if span is None else coverage_words.peak_part(self.facts, *span, killed=chart == "killed")
        if found is None:
            return None, None
        events, label = found
        return count(events), label

    def _peak_span(self, chart: str, charts: tuple[str, ...]) -> tuple[pd.DataFrame, pd.Timestamp, pd.Timestamp] | None:
        """The events of ``chart`` (one of ``charts``) and the first and last days of the peak its title names."""
        if chart not in charts:
            raise ValueError(f"chart={chart!r}; use one of {', '.join(charts)}")
        return CHART_PAGES[chart].peak_span(self.facts, chart)

    def first_report_marks(self, chart: str) -> dict[str, pd.Timestamp]:
        """Deprecated: :meth:`marks`, which marks a week that may be one batch of coding too."""
        import warnings

        warnings.warn("Story.first_report_marks is now Story.marks (it marks a week that may be one batch of coding "
                      "too); the old name goes in the next release", DeprecationWarning, stacklevel=2)
        return self.marks(chart)

    def chart_subtitle(self, chart: str) -> str:
        """A chart's subtitle as plain text: what it measures, in every run (``chart`` as in :meth:`chart_title`).

        Unlike a title, which in the default run is the notebook's finding,
        a subtitle says what the chart counts, which holds for any data.
        """
        if chart not in CHART_PAGES:
            raise ValueError(f"chart={chart!r}; use one of {', '.join(CHART_PAGES)}")
        return CHART_PAGES[chart].chart_subtitle(self.facts, chart)

    def section(self, name: str) -> str:
        """A section's heading and how to read it (Markdown); "" for a section an ACLED file does not fill.

        ``name`` is one of ``"timeline"``, ``"events"``, ``"coding"``, ``"dates"`` (timeline page),
        ``"escalation"``, ``"scoring"`` (the escalation measure, shown in every run, the default run's too),
        ``"counting"``, ``"totals"`` (attacks), ``"posture"``,
        ``"forces"``, ``"posture table"``, ``"troops"``, ``"posture coding"`` (posture), ``"reports"``,
        ``"matrix"``, ``"conflicts"``, ``"passages"`` (sources). A window that holds no event has no section: its
        lead says so (:meth:`said_nothing`), and a heading over nothing read as a page that lost its content.
        """
        if self.facts.events.empty and not self.data.is_default:
            return ""
        for words in PAGE_WORDS.values():
            found = words.sections(self.facts)
            if name in found:
                return found[name]()
        raise ValueError(f"section {name!r} is not one of the story's sections")

    def limits(self, page: str | None = None) -> str:
        """What the data cannot tell, with this run's figures (Markdown): in full on the report's first page
        (:data:`LIMITS_PAGE`), and on every other page one line that points there
        (:func:`analysis.report.words.common.limits`).

        ``page`` is the page it is written for (:data:`PAGES`); None for the
        list in full, outside the report's pages.
        """
        if page is None or _page(page) == LIMITS_PAGE:
            return common.limits(self.facts)
        return common.limits(self.facts, first_page=PAGE_WORDS[LIMITS_PAGE].page_heading(self.facts).title)

    def nothing(self, what: str = "events") -> str:
        """Say, as plain text for an empty table, that the window holds nothing: "No events in this window (...).".

        "" where the page's lead has said it (:meth:`said_nothing`), so a page whose window is empty says so once,
        not again under each of its sections.
        """
        return "" if self.said_nothing(what) else common.nothing(self.facts, what, str)

    def said_nothing(self, what: str = "events") -> bool:
        """Whether the page's lead says the window holds no ``what``: every page's lead says the window holds no
        event, the attacks page's that it holds none of what it counts (``what`` the selection's name)."""
        return self.facts.events.empty or (what == self.data.selection.what and self.facts.attacks.empty)

    def show(self, table: pd.DataFrame, what: str = "events") -> object:
        """Return a table to display, or, when it is empty, the sentence saying so (as Markdown; empty where the
        page's lead has said it, :meth:`said_nothing`).

        In the default run the table is returned whatever it holds, so the
        committed notebooks keep their outputs.
        """
        if len(table) or self.data.is_default:
            return table
        from IPython.display import Markdown

        from ..text import markdown_text

        return Markdown("" if self.said_nothing(what) else common.nothing(self.facts, markdown_text(what)))

    def period(self, chart: str, default: str) -> str:
        """The period a chart counts by (:meth:`analysis.report.words.facts.Facts.period`)."""
        return self.facts.period(chart, default)

    def period_name(self, chart: str) -> str:
        """Name the period of :meth:`period` ("week", "month", "quarter", "year")."""
        return self.facts.period_name(chart)

    # --- notebook 01: the timeline -----------------------------------------------------------

    @property
    def dense(self) -> bool:
        """True when the timeline is drawn as bands."""
        return self.facts.dense

    def timeline(self) -> str:
        """:func:`analysis.report.words.timeline.key_sentences`."""
        return timeline_words.key_sentences(self.facts)

    def timeline_note(self) -> str:
        """:func:`analysis.report.words.timeline.timeline_note`."""
        return timeline_words.timeline_note(self.facts)

    def events_table(self) -> pd.DataFrame:
        """:func:`analysis.report.words.timeline.events_table`."""
        return timeline_words.events_table(self.facts)

    def coding_notes(self, page: str = "timeline") -> pd.DataFrame:
        """The coder's notes of the events a page's table lists: ``page`` is ``"timeline"`` or ``"posture"``."""
        words = {"timeline": timeline_words, "posture": posture_words}
        if page not in words:
            raise ValueError(f"page={page!r}; use 'timeline' or 'posture'")
        return words[page].coding_notes(self.facts)

    def events_headers(self) -> dict[str, str]:
        """:func:`analysis.report.words.timeline.events_headers`."""
        return timeline_words.events_headers(self.facts)

    def table_note(self) -> str:
        """:func:`analysis.report.words.timeline.table_note`."""
        return timeline_words.table_note(self.facts)

    def down_names(self) -> pd.Series:
        """:func:`analysis.report.words.timeline.down_names`."""
        return timeline_words.down_names(self.facts)

    def peaks_table(self, peaks: pd.DataFrame) -> pd.DataFrame:
        """:func:`analysis.report.words.timeline.peaks_table`."""
        return timeline_words.peaks_table(self.facts, peaks)

    def peaks_caption(self, peaks: pd.DataFrame) -> str:
        """:func:`analysis.report.words.timeline.peaks_caption`."""
        return timeline_words.peaks_caption(self.facts, peaks)

    def peaks_headers(self) -> dict[str, str]:
        """:func:`analysis.report.words.timeline.peaks_headers`."""
        return timeline_words.peaks_headers(self.facts)

    def escalation(self, escalation: pd.DataFrame) -> str:
        """:func:`analysis.report.words.timeline.escalation`."""
        return timeline_words.escalation(self.facts, escalation)

    def rules_table(self) -> pd.DataFrame:
        """:func:`analysis.report.words.timeline.rules_table`."""
        return timeline_words.rules_table(self.facts)

    def rules_headers(self) -> dict[str, str]:
        """The headers of :meth:`rules_table` (:data:`analysis.report.words.timeline.RULES_HEADERS`)."""
        return dict(timeline_words.RULES_HEADERS)

    def who(self) -> str:
        """:func:`analysis.report.words.who.who`."""
        return who_words.who(self.facts)

    def actors_table(self) -> pd.DataFrame:
        """:func:`analysis.report.words.who.actors_table`."""
        return who_words.actors_table(self.facts)

    def actors_headers(self) -> dict[str, str]:
        """The headers of :meth:`actors_table` (:data:`analysis.report.words.who.ACTOR_HEADERS`)."""
        return dict(who_words.ACTOR_HEADERS)

    def actors_note(self) -> str:
        """:func:`analysis.report.words.who.actors_note`."""
        return who_words.actors_note(self.facts)

    # --- notebook 02: the attacks ------------------------------------------------------------

    def attacks(self) -> str:
        """:func:`analysis.report.words.attacks.key_sentences`."""
        return attack_words.key_sentences(self.facts)

    def monthly(self) -> str:
        """:func:`analysis.report.words.attacks.monthly_sentences`."""
        return attack_words.monthly_sentences(self.facts)

    def units(self) -> str:
        """What the attacks charts count, for their axis: "attacks", or "events" where battles are among them
        (:func:`analysis.report.words.attacks.unit`)."""
        return f"{attack_words.unit(self.facts)}s"

    def killed_over_time(self) -> str:
        """:func:`analysis.report.words.attacks.killed_over_time`."""
        return attack_words.killed_over_time(self.facts)

    def casualties(self) -> str:
        """:func:`analysis.report.words.attacks.casualties`."""
        return attack_words.casualties(self.facts)

    def casualties_within(self) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
        """:func:`analysis.report.words.attacks.casualties_within`."""
        return attack_words.casualties_within(self.facts)

    def reports_table(self) -> pd.DataFrame:
        """:func:`analysis.report.words.sources.reports_table` of the coded reports (empty for an ACLED run)."""
        if self.data.sources is None or not self.facts.coded:
            return pd.DataFrame(columns=["document", "headline", "how its dates are known"])
        return source_words.reports_table(self.data.sources)

    def groups_table(self) -> pd.DataFrame:
        """:func:`analysis.report.words.attacks.groups_table`."""
        return attack_words.groups_table(self.facts)

    def groups_headers(self) -> dict[str, str]:
        """The headers of :meth:`groups_table` (:data:`analysis.report.words.attacks.GROUP_HEADERS`)."""
        return dict(attack_words.GROUP_HEADERS)

    def attacks_table(self, most: int = ATTACK_ROWS) -> pd.DataFrame:
        """:func:`analysis.report.words.attacks.attacks_table`."""
        return attack_words.attacks_table(self.facts, most)

    def attacks_note(self, most: int = ATTACK_ROWS) -> str:
        """:func:`analysis.report.words.attacks.attacks_note`."""
        return attack_words.attacks_note(self.facts, most)

    def perpetrators(self) -> pd.DataFrame:
        """:func:`analysis.report.words.attacks.perpetrators`."""
        return attack_words.perpetrators(self.facts)

    def perpetrators_note(self) -> str:
        """:func:`analysis.report.words.attacks.perpetrators_note`."""
        return attack_words.perpetrators_note(self.facts)

    def busiest(self, counts: pd.DataFrame, most: int = attack_words.BUSIEST) -> pd.DataFrame:
        """:func:`analysis.report.words.attacks.busiest`."""
        return attack_words.busiest(self.facts, counts, most)

    def busiest_headers(self) -> dict[str, str]:
        """The headers of :meth:`busiest` (:data:`analysis.report.words.attacks.BUSIEST_HEADERS`)."""
        return dict(attack_words.BUSIEST_HEADERS)

    def busiest_caption(self, counts: pd.DataFrame, most: int = attack_words.BUSIEST) -> str | None:
        """:func:`analysis.report.words.attacks.busiest_caption`."""
        return attack_words.busiest_caption(self.facts, counts, most)

    # --- notebook 03: the posture ------------------------------------------------------------

    def posture(self) -> str:
        """:func:`analysis.report.words.posture.key_sentences`."""
        return posture_words.key_sentences(self.facts)

    def posture_events(self) -> pd.DataFrame:
        return self.facts.posture_events

    def where(self) -> str:
        """:func:`analysis.report.words.where.where`."""
        return where_words.where(self.facts)

    def area_levels(self) -> list[str]:
        """:func:`analysis.report.words.where.levels`."""
        return where_words.levels(self.facts)

    def areas_table(self, level: str = "admin1") -> pd.DataFrame:
        """:func:`analysis.report.words.where.areas_table`."""
        return where_words.areas_table(self.facts, level)

    def areas_note(self, level: str = "admin1") -> str:
        """:func:`analysis.report.words.where.areas_note`."""
        return where_words.areas_note(self.facts, level)

    def posture_table(self) -> pd.DataFrame:
        """:func:`analysis.report.words.posture.posture_table`."""
        return posture_words.posture_table(self.facts)

    def posture_table_note(self) -> str:
        """:func:`analysis.report.words.posture.posture_table_note`."""
        return posture_words.posture_table_note(self.facts)

    def lists_notes(self) -> bool:
        """Whether the timeline page lists its events' notes (:func:`analysis.report.words.timeline.notes_listed`)."""
        return timeline_words.notes_listed(self.facts)

    def lists_posture(self, what: str = "changes") -> bool:
        """Whether the page lists its changes of posture (``what="changes"``,
        :func:`analysis.report.words.posture.listed`) or their notes (``"notes"``,
        :func:`analysis.report.words.posture.notes_listed`)."""
        rules = {"changes": posture_words.listed, "notes": posture_words.notes_listed}
        if what not in rules:
            raise ValueError(f"what={what!r}; use 'changes' or 'notes'")
        return rules[what](self.facts)

    # --- notebook 04: the sources ------------------------------------------------------------

    def sources(self) -> str:
        """:func:`analysis.report.words.sources.key_sentences`."""
        return source_words.key_sentences(self.facts)

    @property
    def sources_table(self) -> pd.DataFrame:
        return self.facts.sources_table

    @property
    def outlets(self) -> pd.DataFrame:
        return self.facts.outlets

    def plot_sources(self) -> object:
        """:func:`analysis.report.words.sources.plot_sources`."""
        return source_words.plot_sources(self.facts)

    def sources_over_time(self) -> str:
        """:func:`analysis.report.words.coverage.sources_over_time`."""
        return coverage_words.sources_over_time(self.facts)

    def plot_pairs(self) -> object:
        """:func:`analysis.report.words.who.plot_pairs`."""
        return who_words.plot_pairs(self.facts)

    def plot_outlet_ages(self) -> object:
        """:func:`analysis.report.words.coverage.plot_outlet_ages`."""
        return coverage_words.plot_outlet_ages(self.facts)

    def outlets_over_time(self) -> pd.DataFrame:
        """:func:`analysis.report.words.coverage.outlets_over_time`."""
        return coverage_words.outlets_over_time(self.facts)

    def outlets_over_time_note(self) -> str:
        """:func:`analysis.report.words.coverage.outlets_over_time_note`."""
        return coverage_words.outlets_over_time_note(self.facts)

    def caveats(self) -> str:
        """:func:`analysis.report.words.caveats.caveats`."""
        return caveat_words.caveats(self.facts)

    def duplicates_table(self) -> pd.DataFrame:
        """:func:`analysis.report.words.caveats.duplicates_table`."""
        return caveat_words.duplicates_table(self.facts)

    def duplicates_note(self) -> str:
        """:func:`analysis.report.words.caveats.duplicates_note`."""
        return caveat_words.duplicates_note(self.facts)


def _page(page: str) -> str:
    """Return ``page`` when it is one of :data:`PAGES`, else refuse it, naming them."""
    if page not in PAGE_WORDS:
        raise ValueError(f"page={page!r}; use one of {', '.join(PAGES)}")
    return page


__all__ = ["PAGES", "Story", "say", "tell"]
