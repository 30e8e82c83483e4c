"""Words for a run other than the committed default: each page's title, index card and key sentences, from the data.

The committed notebooks carry hand-written analysis of the five coded
reports. That prose is true of the default run only, so its cells are tagged
``default-only`` and left out of every other run's pages
(:mod:`analysis.report.render`); in their place each notebook shows what
:class:`Story` writes from the data it was given: the place and the window,
how many events and killed, the peak week and month, the deadliest events,
the largest changes, what counts as an attack, who reported the events.

Every sentence is plain and checkable against the page: its numbers come
from the same helpers as the charts beside it (``analysis.stats``), and it
names what it counts. :func:`tell` shows a text in a notebook, and nothing
in the default run, so the committed notebooks keep their outputs.

Each page's sentences are in a module of their own (``story_timeline``,
``story_attacks``, ``story_posture``, ``story_sources``), on the facts they
share (``story_shared``); this module assembles them and writes what spans
the pages: titles, subtitles, section headings and the limits of the data.
"""

from __future__ import annotations

from ..text import describe_number
from .inputs import NotebookData, notebook_data  # noqa: F401  (notebook_data: the examples)
from .story_attacks import AttacksPage
from .story_posture import PosturePage
from .story_shared import TABLE_ROWS, percent
from .story_sources import SourcesPage
from .story_timeline import TimelinePage

#: The pages of the report, by the name :meth:`Story.heading` takes.
PAGES: tuple[str, ...] = ("timeline", "attacks", "posture", "sources")


def tell(data: NotebookData, text: str, *, default: str | None = None) -> None:
    """Show ``text`` as Markdown in the notebook; in the committed default run print ``default`` instead (or nothing).

    Parameters
    ----------
    data : NotebookData
        The run.
    text : str
        Markdown written from the data (:class:`Story`); nothing is shown
        when it is empty.
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
    if not text:
        return
    from IPython.display import Markdown, display

    display(Markdown(text))


class Story(TimelinePage, AttacksPage, PosturePage, SourcesPage):
    """The sentences of one run's pages, computed once from its :class:`NotebookData`.

    Each page's own sentences and tables come from its class
    (:class:`~analysis.report.story_timeline.TimelinePage` and the others);
    this class adds what spans the pages: the charts' titles and subtitles,
    the sections' headings, each page's heading and the limits of the data.

    Parameters
    ----------
    data : NotebookData
        What the notebook works on.

    Examples
    --------
    >>> story = Story(notebook_data(start="2020-03-01", end="2020-04-30"))
    >>> story.heading("timeline").splitlines()[0]
    '# How events unfolded in Iraq, 1 March 2020 to 30 April 2020'
    """

    # --- the charts' titles, and the sections' headings ---------------------------------------

    def chart_title(self, chart: str, default: str = "") -> str:
        """Return a chart's title: ``default`` in the default run, else one that names this run's data.

        Parameters
        ----------
        chart : str
            ``"timeline"``, ``"escalation"``, ``"weekly"``, ``"monthly"``,
            ``"casualties"``, ``"posture"`` or ``"sources"``.
        default : str
            The committed notebook's title.
        """
        if self.data.is_default:
            return default
        what = self.data.selection.what
        where = f"{self.data.place}, {self.data.period_text}"
        titles = {
            "timeline": (f"Events per {self._band_period()} in {where}, by kind; the deadliest labelled" if self.dense
                         else f"Every event in {where}, in lanes by kind"),
            "escalation": f"Escalation per {self._weekly_words()}, {where}: Goldstein weights of CAMEO codes",
            "weekly": f"{what[:1].upper() + what[1:]} per {self._weekly_words()}, {where}",
            "monthly": (f"{what[:1].upper() + what[1:]} per {self.period_name('monthly')}, by "
                        f"{'base' if self.data.coded else 'region (admin1)'} (expected count)"),
            "casualties": f"{self._harmed.capitalize()} in {what}, {where}",
            "posture": (f"What happened at each base, {self.data.period_text}" if self.data.coded
                        else f"Strategic developments involving {self._forces_words()}, {where}"),
            "sources": (f"Which report supports how many events, {where}" if self.data.coded
                        else f"Who reported the events: outlets and source scale, {where}"),
        }
        if chart not in titles:
            raise ValueError(f"chart={chart!r}; use one of {', '.join(titles)}")
        return titles[chart]

    def chart_subtitle(self, chart: str, default: str = "") -> str:
        """Return a chart's subtitle (what it measures): ``default`` in the default run, else this run's.

        ``chart`` as in :meth:`chart_title`.
        """
        if self.data.is_default:
            return default
        what = self.data.selection.what
        counted = "an event known only to a range of days is spread over it"
        subtitles = {
            "timeline": (f"Events per {self._band_period()} in a lane for each kind, each lane scaled to its own peak; "
                         f"{self._labelled_words()} marked and labelled" if self.dense
                         else "Every event in a lane for its kind; bars span the days a date can fall on"),
            "escalation": (f"Escalation score per {self._weekly_words()}: the Goldstein value of each event's CAMEO "
                           "code, sign reversed"),
            "weekly": f"{what[:1].upper() + what[1:]} per {self._weekly_words()}; {counted}",
            "monthly": f"{what[:1].upper() + what[1:]} per {self.period_name('monthly')}, the largest places in colour "
                       "(expected count)",
            "casualties": (f"Killed and wounded in {what}, lowest and highest figure reported" if self.data.coded
                           else f"People killed in {what}: ACLED's fatalities, one figure per event"),
            "posture": (f"Strategic developments involving {self._forces_words()}; a dot is a place, sized by its "
                        "events" if not self.data.coded else "What happened at each base the reports name, and when"),
            "sources": "Events each source reports, and those it alone reports",
        }
        if chart not in subtitles:
            raise ValueError(f"chart={chart!r}; use one of {', '.join(subtitles)}")
        return subtitles[chart]

    def section(self, name: str) -> str:
        """Write a section's heading and how to read it, for a run other than the default.

        Parameters
        ----------
        name : str
            ``"timeline"``, ``"events"``, ``"counting"``, ``"totals"``,
            ``"posture"``, ``"posture table"``, ``"troops"``, ``"reports"``,
            ``"matrix"``, ``"conflicts"`` or ``"passages"``. Sections that
            only the coded documents fill are empty ("") for an ACLED file.
        """
        coded = self.data.coded
        if name == "timeline":
            return "## The timeline\n\n" + self.timeline_note()
        if name == "events":
            return "## The events, in order, with their sources\n\n" + self.table_note()
        if name == "counting":
            return ("## Counting events known only to a range of dates\n\n"
                    "An event known only to a range of days (a week or a month in ACLED's time precision) is counted "
                    "three ways in every period: **certain** if its whole range lies in the period, **possible** if "
                    "its range overlaps the period, and **expected**: its share of its range's days in the period. "
                    "Over all periods each event adds up to exactly one. The bars show *expected*; the darker part is "
                    "*certain* and the dashed outline *possible*.\n\n" + self.data.selection.describe())
        if name == "totals":
            return ("## Reported totals: aggregate claims, not events\n\nThe reports' claims about many events at "
                    "once whose period overlaps this window, with their wording and source; they are never turned "
                    "into events or added to the counts above." if coded else "")
        if name == "posture":
            if coded:
                return ("## What happened at each base\n\nEvery base the reports name, on a map; each panel marks one "
                        "kind of change in this window and dates it.")
            return (f"## Strategic developments involving {self._forces_words()}\n\nACLED's strategic developments "
                    "that change a force's "
                    "posture (a base established, ground handed over, a change to a group's activity) involving "
                    + ("foreign or international forces (actors named 'Military Forces of' another country, "
                       "coalitions, missions, the AU, UN or EU)" if self.data.selection.target is None
                       else f"the target ('{self.data.selection.target}' in any actor column)")
                    + f", on a map of {self.data.country or 'the events'} drawn offline from Natural Earth's "
                    "boundaries. A dot is a place, sized by its events and coloured by the kind of most of them.")
        if name == "posture table":
            return self.posture_table_note()
        if name == "troops":
            return ("## How many troops?\n\nThe statements of force size in this window, and the last one stated "
                    "before it (carried in), each drawn as a step until the next statement about the same force."
                    if coded else "")
        if name == "reports":
            return ("## The reports\n\nWhat each coded report contributes to this window: the events it supports, "
                    "its evidence rows, and the events for which it is the only source." if coded else
                    "## Who reported the events\n\nACLED's `source` column names the outlets behind each event and "
                    "`source_scale` their reach. The chart counts the events each outlet reports, and those it "
                    "alone reports (no other outlet confirms them).")
        if name == "matrix":
            return ("## Which report supports which event\n\nOne row per report, one column per event of this run; "
                    "the darker the cell, the more evidence rows." if coded else "")
        if name == "conflicts":
            return ("## Where reports, or the people they quote, disagree\n\nClaims on the events of this window "
                    "with different values, side by side." if coded else "")
        if name == "passages":
            return ("## The passages the dataset cites\n\nEvery passage of the reports cited for the events of this "
                    "run, by document, with what it claims where reports disagree." if coded else "")
        raise ValueError(f"section {name!r} is not one of the story's sections")

    # --- titles and index cards ----------------------------------------------------------------

    def heading(self, page: str) -> str:
        """Write a page's title (a Markdown heading) and its first paragraph, which the index card quotes.

        Parameters
        ----------
        page : str
            One of :data:`PAGES`.

        Returns
        -------
        str
            ``"# <title>\\n\\n<one or two sentences>"``.
        """
        if page not in PAGES:
            raise ValueError(f"page={page!r}; use one of {', '.join(PAGES)}")
        place, period = self.data.place, self.data.period_text
        n = len(self.events)
        if page == "timeline":
            title = f"How events unfolded in {place}, {period}"
            lead = self._overview()
        elif page == "attacks":
            what = self.data.selection.what
            title = f"How often: {what} in {place}, {period}"
            attacks = self.data.attacks
            lead = (f"The data hold {describe_number(len(attacks), 'attack')} ({what}), "
                    f"{percent(len(attacks), n)} of the {describe_number(n, 'event')} {self._in_window()}."
                    if len(attacks) else self.nothing(what))
        elif page == "posture":
            if self.data.coded:
                title = f"The bases and the troops, {period}"
                lead = self._bases_lead()
            else:
                forces = self._forces_words()
                title = f"Strategic developments involving {forces} in {place}, {period}"
                lead = self._posture_lead()
        else:
            if self.data.coded:
                title = f"Sources and evidence, {period}: what each report contributes"
            else:
                title = f"Who reported the events: the sources of {self.data.source_name}"
            lead = self._sources_lead()
        return f"# {title}\n\n{lead}"

    # --- limits ----------------------------------------------------------------------------------

    def limits(self) -> str:
        """Write what the data cannot tell, with this run's figures."""
        n = len(self.events)
        ranged = int((self.events["date_end"] > self.events["date_start"]).sum()) if n else 0
        if self.data.coded:
            dates = (f"- **Exact dates**: {describe_number(ranged, 'event')} of the {n:,} in this window are known "
                     "only to a range of days; the order of events inside a range is unknown.\n") if n else ""
            return ("## What the five reports cannot tell\n\n" + dates +
                    "- **Events they do not describe one by one**: attacks the reports give only as totals are not "
                    "events here, so a quiet stretch is not evidence of calm.\n"
                    "- **Anything outside the five reports**: what none of them told is not here at all.")
        days = (f"- **Exact days**: {describe_number(ranged, 'event')} ({percent(ranged, n)}) are known only to a "
                "week or a month; the charts spread them over their days.\n") if n else ""
        return ("## What this file cannot tell\n\n"
                "- **What went unreported**: ACLED codes the events its sources report, so a quiet week may be a week "
                "with little reporting.\n" + days +
                "- **The wounded, and the true toll**: fatalities are the lowest figure reported; ACLED does not count "
                "the wounded.\n"
                "- **Who was the target**: the second actor is the side an event was directed at only as ACLED codes "
                "it; attacks on a force are found by its name in `actor2` and `assoc_actor_2`.")


__all__ = ["PAGES", "Story", "tell"]
