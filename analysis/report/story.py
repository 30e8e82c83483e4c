"""Words for a run other than the committed default: each page's title, index card and key sentences, from the data.

The committed notebooks carry hand-written analysis of the five coded
reports. That prose is true of the default run only, so its cells are tagged
``default-only`` and left out of every other run's pages
(:mod:`analysis.report.render`); in their place each notebook shows what
this module writes from the data it was given: the place and the window,
how many events and killed, the peak week and month, the deadliest events,
the largest changes, what counts as an attack, who reported the events.

Every sentence is plain and checkable against the page: its numbers come
from the same helpers as the charts beside it (``analysis.stats``), and it
names what it counts. :func:`tell` shows a text in a notebook, and nothing
in the default run, so the committed notebooks keep their outputs.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..stats.casualties import killed_distribution
from ..stats.evidence import outlets_per_event, outlets_table, source_scales
from ..stats.highlights import Peak, deadliest_events, largest_changes, peak, per_period, top_values
from ..stats.posture import force_posture
from ..stats.selection import event_kind
from ..text import describe_count, describe_dates, describe_figure, describe_number, join_words
from .inputs import NotebookData, notebook_data  # noqa: F401  (notebook_data: the examples)

#: The pages of the report, by the name :meth:`Story.heading` takes.
PAGES: tuple[str, ...] = ("timeline", "attacks", "posture", "sources")

#: How many of the deadliest events a sentence names.
NAMED = 3
#: Rows of the events table under the timeline, and of the attacks table.
TABLE_ROWS = 60
ATTACK_ROWS = 40
#: Smallest change from one month to the next worth a sentence.
MIN_CHANGE = 2


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


def _percent(part: float, whole: float) -> str:
    if whole <= 0:
        return "0%"
    share = 100 * part / whole
    return f"{share:.0f}%" if share >= 1 or share == 0 else "under 1%"


def _week(found: Peak) -> str:
    return describe_dates(found.start, found.end, long=True)


def _month(found: Peak) -> str:
    return f"{found.start:%B %Y}"


class Story:
    """The sentences of one run's pages, computed once from its :class:`NotebookData`.

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

    def __init__(self, data: NotebookData) -> None:
        self.data = data
        self.events = data.events
        self.first, self.last = data.window
        self.killed_column = "killed"

    # --- facts shared by the pages ---------------------------------------------------------

    def _per_period(self, freq: str, events: pd.DataFrame | None = None) -> pd.DataFrame:
        frame = self.events if events is None else events
        casualties = self.data.casualties
        return per_period(frame, casualties, freq=freq, start=self.first, end=self.last)

    def _killed_total(self, events: pd.DataFrame) -> int:
        from ..stats.highlights import killed_per_event

        return int(killed_per_event(events, self.data.casualties).sum()) if len(events) else 0

    @property
    def _fatality_rule(self) -> str:
        return ("lowest figures the reports give" if self.data.coded
                else "ACLED's fatalities, the lowest figure reported")

    def _spread_note(self, found: Peak) -> str:
        return " (events known only to a range of days counted in proportion)" if found.ranged else ""

    def _in_window(self) -> str:
        return f"in {self.data.place}, {self.data.period_text}"

    def nothing(self, what: str = "events") -> str:
        """Say that the window holds nothing: "No events in this window (Region A, 1 March 2020 to 30 April 2020)." """
        return f"No {what} in this window ({self.data.place}, {self.data.period_text})."

    # --- what a cell shows ------------------------------------------------------------------------

    def show(self, table: pd.DataFrame, what: str = "events") -> object:
        """Return a table to display, or, when it is empty, the sentence saying so (as Markdown).

        In the default run the table is returned whatever it holds, so the
        committed notebooks keep their outputs.
        """
        if len(table) or self.data.is_default:
            return table
        from IPython.display import Markdown

        return Markdown(self.nothing(what))

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
            "casualties": f"Killed and wounded in {what}, {where}",
            "posture": (f"What happened at each base, {self.data.period_text}" if self.data.coded
                        else f"Strategic developments about bases or {self._forces_words()}, {where}"),
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
        from ..viz.bands import LABELLED

        what = self.data.selection.what
        counted = "an event known only to a range of days is spread over it"
        subtitles = {
            "timeline": (f"Events per {self._band_period()} in a lane for each kind, each lane scaled to its own peak; "
                         f"the {LABELLED} deadliest marked and labelled" if self.dense
                         else "Every event in a lane for its kind; bars span the days a date can fall on"),
            "escalation": (f"Escalation score per {self._weekly_words()}: the Goldstein value of each event's CAMEO "
                           "code, sign reversed"),
            "weekly": f"{what[:1].upper() + what[1:]} per {self._weekly_words()}; {counted}",
            "monthly": f"{what[:1].upper() + what[1:]} per {self.period_name('monthly')}, the largest places in colour "
                       "(expected count)",
            "casualties": f"Killed and wounded in {what}, lowest and highest figure reported",
            "posture": (f"Strategic developments about bases or {self._forces_words()}; a dot is a place, sized by its "
                        "events" if not self.data.coded else "What happened at each base the reports name, and when"),
            "sources": "Events each source reports, and those it alone reports",
        }
        if chart not in subtitles:
            raise ValueError(f"chart={chart!r}; use one of {', '.join(subtitles)}")
        return subtitles[chart]

    def _weekly_words(self) -> str:
        name = self.period_name("weekly")
        return "week (Monday to Sunday)" if name == "week" else name

    def period(self, chart: str, default: str) -> str:
        """Return the period a chart counts by: ``default`` in the default run, else what the window's span allows.

        ``chart`` is ``"weekly"`` (weeks, or coarser over long spans) or
        ``"monthly"`` (months, or coarser); see
        :func:`analysis.stats.periods.chart_period`.
        """
        from ..stats.periods import chart_period

        if self.data.is_default or self.first is None:
            return default
        return chart_period(self.first, self.last, finest="W" if chart == "weekly" else "M")[0]

    def period_name(self, chart: str) -> str:
        """Name the period of :meth:`period` ("week", "month", "quarter", "year")."""
        return {"W": "week", "M": "month", "Q": "quarter", "Y": "year"}[self.period(chart, "W" if chart == "weekly" else "M")]

    def _band_period(self) -> str:
        from ..viz.bands import band_period

        return band_period(self.first, self.last)[1]

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
            return (f"## Bases and {self._forces_words()}\n\nACLED's strategic developments that change a force's "
                    "posture (a base established, ground handed over, a change to a group's activity) involving "
                    + ("foreign or international forces (actors named 'Military Forces of' another country, "
                       "coalitions, missions, the AU, UN or EU)" if self.data.selection.target is None
                       else f"the target ('{self.data.selection.target}' in any actor column)")
                    + f", on a map of {self.data.country or 'the events'} drawn offline from Natural Earth's "
                    "boundaries. A dot is a place, sized by its events.")
        if name == "posture table":
            return "## Every change of posture, in order\n\n" + (
                "The events of the lane \"posture change\" in this window." if coded
                else f"These strategic developments, in date order (at most the first {TABLE_ROWS}).")
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

    def attacks_table(self, most: int = ATTACK_ROWS) -> pd.DataFrame:
        """List the attacks with their figures: all up to ``most``, else the ``most`` deadliest, in date order.

        The coded attacks show projectiles, killed and wounded as the
        reports word them; ACLED codes neither projectiles nor wounded, so
        an ACLED file's attacks show their place, kind, actors and killed.
        """
        from ..stats.casualties import attacks_table

        attacks = self.data.attacks
        if len(attacks) > most:
            ids = set(deadliest_events(attacks, self.data.casualties, most=most)["event_id"])
            attacks = attacks[attacks["event_id"].isin(ids)]
        table = attacks_table(attacks, self.data.casualties, kinds=None)
        if self.data.coded:
            return table[["event_id", "when", "location", "projectiles", "killed", "wounded"]].head(most)
        facts = self.events.set_index(self.events["event_id"].astype("string"))
        ids = table["event_id"].astype("string")
        out = table[["event_id", "when", "location"]].copy()
        for column in ("admin1", "sub_event_type", "actor1", "actor2"):
            out[column] = facts[column].reindex(ids).astype("string").to_numpy() if column in facts else pd.NA
        out["killed"] = table["killed"]
        return out.head(most).reset_index(drop=True)

    def attacks_note(self, most: int = ATTACK_ROWS) -> str:
        """Say which attacks the table lists."""
        n = len(self.data.attacks)
        what = self.data.selection.what
        if n == 0:
            return ""
        listed = (f"The {most} deadliest of the {n:,} {what}" if n > most else f"Every one of the {n:,} {what}")
        extra = "" if self.data.coded else " (ACLED codes neither rockets nor wounded)"
        return f"## {what[:1].upper() + what[1:]}, one by one\n\n{listed}, in date order, with the killed{extra}."

    def busiest(self, counts: pd.DataFrame, most: int = 12) -> pd.DataFrame:
        """Return the periods with any event: all up to ``most``, else the ``most`` busiest, in date order."""
        active = counts[counts["possible"] > 0]
        if len(active) <= most or self.data.is_default:
            return active
        top = active.sort_values(["expected", "period_start"], ascending=[False, True], kind="stable").head(most)
        return top.sort_values("period_start", kind="stable")

    def passages(self) -> pd.DataFrame:
        """List the passages the window's events rest on: document, event, claim and quote, in document order.

        A run on a window or an area of the coded data shows these instead
        of the five documents in full, whose other passages concern events
        outside the run.
        """
        reports = self.data.reports
        if reports is None:
            return pd.DataFrame({c: pd.Series([], dtype="string") for c in ("document", "event_id", "claim", "quote")})
        titles = {} if self.data.sources is None else dict(zip(self.data.sources["doc_id"], self.data.sources["title"]))
        ordered = reports.sort_values(["doc_id", "event_id", "report_id"], kind="stable")
        claim = ordered["claim_field"].astype("string").fillna("") + ": " + ordered["claim_value"].astype("string").fillna("")
        return pd.DataFrame({
            "document": [f"{d.split('_')[0]}: {titles.get(d) or '(no title)'}" for d in ordered["doc_id"]],
            "event_id": ordered["event_id"].astype("string").to_numpy(),
            "claim": claim.where(ordered["claim_field"].notna(), "").astype("string").to_numpy(),
            "quote": ordered["quote"].astype("string").to_numpy(),
        }).astype({"document": "string"})

    def posture_table(self) -> pd.DataFrame:
        """List the posture changes: the coded lane "posture change", or ACLED's strategic developments about forces."""
        from ..stats.tables import events_table

        if self.data.coded:
            return events_table(self.events, self.data.reports, sources=self.data.sources, kinds=["posture change"],
                                limit=TABLE_ROWS)
        posture = self.posture_events().head(TABLE_ROWS)
        return posture[["event_id", "when", "sub_event_type", "force", "location", "admin1", "notes"]]

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
                    f"{_percent(len(attacks), n)} of the {describe_number(n, 'event')} {self._in_window()}."
                    if len(attacks) else self.nothing(what))
        elif page == "posture":
            if self.data.coded:
                title = f"The bases and the troops, {period}"
                lead = self._bases_lead()
            else:
                forces = self._forces_words()
                title = f"Bases and {forces} in {place}, {period}"
                lead = self._posture_lead()
        else:
            if self.data.coded:
                title = f"Sources and evidence, {period}: what each report contributes"
            else:
                title = f"Who reported the events: the sources of {self.data.source_name}"
            lead = self._sources_lead()
        return f"# {title}\n\n{lead}"

    def _overview(self) -> str:
        n = len(self.events)
        if n == 0:
            return self.nothing()
        killed = self._killed_total(self.events)
        sentence = (f"{describe_number(n, 'event')} {self._in_window()}, in which "
                    f"{describe_number(killed, 'person', 'people')} were killed ({self._fatality_rule}).")
        found = peak(self._per_period("W"))
        if found is not None:
            sentence += (f" The busiest week was {_week(found)}, with {describe_number(found.events, 'event')}"
                         f"{self._spread_note(found)}.")
        return sentence

    # --- page 01: the timeline ----------------------------------------------------------------

    @property
    def dense(self) -> bool:
        """True when the timeline is drawn as bands (:func:`analysis.viz.bands.timeline_form`)."""
        from ..viz.bands import timeline_form

        return timeline_form(self.events) == "bands"

    def timeline_note(self) -> str:
        """Say how to read the timeline in the form this run's events get."""
        from ..viz.bands import LABELLED, band_period

        if self.events.empty:
            return self.nothing()
        if self.dense:
            _, period = band_period(self.first, self.last)
            return (f"**How to read it.** {describe_number(len(self.events), 'event')} are too many to draw one by one. "
                    f"Each lane is a kind of event, and its band rises and falls with the events per {period} "
                    "(each lane scaled to its own peak, written at its right; events known only to a range of days "
                    f"are spread over them). The {LABELLED} deadliest events are marked and labelled; the table "
                    f"below lists the {TABLE_ROWS} deadliest.")
        return ("**How to read it.** Each marker is one event, in a lane for its kind; a filled marker is an event "
                "whose day is known, a hollow marker on a bar an event known only to a range of days (the bar covers "
                "every possible day). Markers grow with the people killed or wounded (the lowest figure). Labels name "
                "the events with the most people killed or wounded; overlapping events in a lane take separate rows.")

    def events_table(self) -> pd.DataFrame:
        """List the events under the timeline: the first in date order, or the deadliest when the timeline is dense."""
        from ..stats.tables import events_table

        if self.dense:
            ids = set(deadliest_events(self.events, self.data.casualties, most=TABLE_ROWS)["event_id"])
            return events_table(self.events, self.data.reports, sources=self.data.sources,
                                kinds=lambda frame: frame["event_id"].astype("string").isin(ids))
        return events_table(self.events, self.data.reports, sources=self.data.sources, limit=TABLE_ROWS)

    def table_note(self) -> str:
        """Say which events the table under the timeline lists."""
        n = len(self.events)
        sources = "the documents behind each" if self.data.coded else "ACLED's sources"
        if self.events.empty:
            return self.nothing()
        if self.dense:
            return f"The {TABLE_ROWS} deadliest of the {n:,} events, in date order, with {sources}."
        if n > TABLE_ROWS:
            return f"The first {TABLE_ROWS} of the {n:,} events, in date order, with {sources}."
        return f"Every event, in date order, with {sources}."

    def timeline(self) -> str:
        """Write the key sentences under the timeline: kinds, peak week and month, deadliest events, largest changes."""
        if self.events.empty:
            return self.nothing()
        kinds = top_values(event_kind(self.events).astype("string"), most=10)
        n = len(self.events)
        lines = ["**What it shows.** " + "By kind: " + join_words(
            [f"{kind} {count:,} ({_percent(count, n)})" for kind, count in kinds.items()]) + "."]
        weekly = self._per_period("W")
        by_events, by_killed = peak(weekly), peak(weekly, "killed")
        if by_events is not None:
            lines.append(f"Events peaked in the week of {_week(by_events)}: {describe_number(by_events.events, 'event')}"
                         f"{self._spread_note(by_events)}.")
        if by_killed is not None:
            lines.append(f"Fatalities peaked in the week of {_week(by_killed)}: {describe_figure(by_killed.value)}, in "
                         f"{describe_number(by_killed.events, 'event')}{self._spread_note(by_killed)}.")
        monthly = self._per_period("M")
        by_month = peak(monthly)
        if by_month is not None and len(monthly) > 1:
            lines.append(f"The busiest month was {_month(by_month)}, with {describe_number(by_month.events, 'event')}.")
        lines += self._changes(monthly)
        lines += self._deadliest(self.events, "events")
        return " ".join(lines)

    def _changes(self, monthly: pd.DataFrame, noun: str = "event") -> list[str]:
        whole = monthly[(monthly["period_start"] >= self.first) & (monthly["period_end"] <= self.last)]
        out = []
        for _, row in largest_changes(whole.reset_index(drop=True)).iterrows():
            if abs(row["change"]) < MIN_CHANGE:
                continue
            verb = "rise" if row["direction"] == "rise" else "fall"
            out.append(f"The largest {verb} from one whole month to the next: from "
                       f"{describe_number(row['before'], noun)} in {row['from_start']:%B %Y} to "
                       f"{describe_figure(row['after'])} in {row['to_start']:%B %Y}.")
        return out

    def _deadliest(self, events: pd.DataFrame, what: str) -> list[str]:
        top = deadliest_events(events, self.data.casualties, most=NAMED)
        if top.empty:
            return [f"No one is reported killed in these {what}."]
        parts = []
        for _, row in top.iterrows():
            place = row["location"] if pd.notna(row["location"]) else "unspecified"
            place = "an unspecified place" if str(place).strip().casefold() in ("", "unspecified") else place
            who = f", {row['actor1']}" + (f" against {row['actor2']}" if pd.notna(row["actor2"]) else "")
            parts.append(f"{row['killed']:,} killed in {place} on {row['when']} ({row['sub_event_type']}{who})")
        label = "The deadliest" if len(top) > 1 else "The only deadly one"
        return [f"{label} of the {what}: " + "; ".join(parts) + "."]

    def escalation(self, escalation: pd.DataFrame) -> str:
        """Write the key sentences under the escalation chart: its peak week, and how to read it."""
        if escalation.empty or not (escalation["escalation"] > 0).any():
            return "**What it shows.** " + self.nothing("conflict events")
        row = escalation.loc[escalation["escalation"].idxmax()]
        when = describe_dates(row["period_start"], row["period_end"], long=True)
        return (f"**What it shows.** Escalation, as measured, was highest in the week of {when}: "
                f"{describe_figure(row['escalation'])} Goldstein points, from {describe_number(row['events'], 'event')}. "
                "The measure counts acts, not their size: an attack that killed many and one that killed no one "
                "weigh the same, and it measures what the sources reported.")

    # --- page 02: attacks ----------------------------------------------------------------------

    def attacks(self) -> str:
        """Write the key sentences of the attack counts: what is counted, the peak week, the places, the deadliest."""
        selection = self.data.selection
        attacks = self.data.attacks
        lines = []
        if attacks.empty:
            return self.nothing(selection.what)
        weekly = self._per_period("W", attacks)
        found = peak(weekly)
        if found is not None:
            lines.append(f"{selection.what[:1].upper() + selection.what[1:]} peaked in the week of {_week(found)}: {describe_number(found.events, 'attack')}"
                         f"{self._spread_note(found)}.")
        column = self.data.place_column
        if column in attacks.columns:
            places = top_values(attacks[column].dropna(), most=3)
            names = self.data.base_names
            named = [f"{names.get(p, p)} ({count:,})" for p, count in places.items() if p != "other"]
            if named:
                word = "base" if self.data.coded else "region (admin1)"
                lines.append(f"By {word}, the most attacks were in {join_words(named)}.")
        lines += self._changes(self._per_period("M", attacks), "attack")
        return "**What it shows.** " + " ".join(lines)

    def casualties(self) -> str:
        """Write the key sentences of the killed per attack: the total, the distribution, the deadliest."""
        attacks = self.data.attacks
        what = self.data.selection.what
        if attacks.empty:
            return self.nothing(what)
        counts = killed_distribution(attacks, self.data.casualties, kinds=None)
        total = int(counts["people"].sum())
        none = int(counts.loc[counts["killed"] == "0", "events"].sum())
        many = int(counts.loc[counts["killed"].isin(["10-24", "25 or more"]), "events"].sum())
        lines = [f"**What it shows.** {describe_number(len(attacks), 'attack')} killed "
                 f"{describe_number(total, 'person', 'people')} ({self._fatality_rule}); "
                 f"{describe_number(none, 'attack')} killed no one and {describe_number(many, 'attack')} "
                 "killed 10 or more."]
        lines += self._deadliest(attacks, "attacks")
        return " ".join(lines)

    # --- page 03: posture ----------------------------------------------------------------------

    def _forces_words(self) -> str:
        target = self.data.selection.target
        return "foreign forces" if target is None else self.data.selection.target_words

    def posture_events(self) -> pd.DataFrame:
        """The strategic developments about bases and forces (:func:`analysis.stats.posture.force_posture`)."""
        return force_posture(self.events, target=self.data.selection.target, country=self.data.country)

    def _posture_lead(self) -> str:
        posture = self.posture_events()
        forces = self._forces_words()
        if posture.empty:
            return self.nothing(f"strategic development about bases or {forces}")
        kinds = top_values(posture["sub_event_type"], most=5)
        return (f"ACLED codes {describe_number(len(posture), 'strategic development')} about bases or {forces} "
                f"{self._in_window()}: " + join_words([f"{k} {n:,}" for k, n in kinds.items()]) + ".")

    def posture(self) -> str:
        """Write the key sentences of the posture page: what ACLED codes about the forces, first and last, where."""
        if self.data.coded:
            return "**What it shows.** " + self._bases_lead() + " " + self._troops()
        posture = self.posture_events()
        lines = [self._posture_lead()]
        if posture.empty:
            return "**What it shows.** " + lines[0]
        forces = top_values(posture["force"], most=3)
        lines.append("The forces named most: " + join_words([f"{f} ({n:,})" for f, n in forces.items()]) + ".")
        first, last = posture.iloc[0], posture.iloc[-1]
        lines.append(f"The first, on {first['when']}: {first['sub_event_type']} ({first['force']}) in "
                     f"{first['location']}.")
        if len(posture) > 1:
            lines.append(f"The last, on {last['when']}: {last['sub_event_type']} ({last['force']}) in "
                         f"{last['location']}.")
        return "**What it shows.** " + " ".join(lines)

    def _bases_lead(self) -> str:
        from ..stats.posture import base_posture

        if self.data.bases is None:
            return ""
        posture = base_posture(self.events, self.data.bases)
        if posture.empty:
            return self.nothing("event at a base")
        kinds = posture["kind"].value_counts()
        return (f"{describe_number(posture['event_id'].nunique(), 'event')} at "
                f"{describe_number(posture['base_id'].nunique(), 'base')} {self._in_window()}: "
                + join_words([f"{kind} {n:,}" for kind, n in kinds.items()]) + ".")

    def _troops(self) -> str:
        levels = self.data.troop_levels
        if levels is None or levels.empty:
            return "No troop level is stated in or before this window."
        parts = []
        for _, row in levels.iterrows():
            when = describe_dates(row["date_start"], row["date_end"], long=True)
            carried = ", stated before the window and carried in" if bool(row.get("carried_in", False)) else ""
            parts.append(f"{row['force']} {describe_count(row['qualifier'], row['count_low'], row['count_high'])} "
                         f"({when}{carried})")
        return "Troop levels: " + "; ".join(parts) + "."

    # --- page 04: sources ----------------------------------------------------------------------

    @cached_property
    def sources_table(self) -> pd.DataFrame:
        """The sources behind the events, computed once: ACLED's outlets, or the coded reports.

        For an ACLED file, :func:`analysis.stats.evidence.outlets_table`; for
        the coded data, one row per report ("001: <title>"): the events of
        the run it supports and those it alone supports, in the same columns.
        """
        if not self.data.coded:
            return outlets_table(self.events)
        reports = self.data.reports
        titles = {} if self.data.sources is None else dict(zip(self.data.sources["doc_id"], self.data.sources["title"]))
        per_event = reports.groupby("event_id")["doc_id"].nunique()
        single = set(per_event[per_event == 1].index)
        rows = [
            {"source": f"{doc.split('_')[0]}: {titles.get(doc) or '(no title)'}",
             "events": group["event_id"].nunique(), "only_source": group.loc[group["event_id"].isin(single), "event_id"].nunique()}
            for doc, group in reports.groupby("doc_id", sort=True)
        ]
        table = pd.DataFrame(rows, columns=["source", "events", "only_source"])
        table["share"] = table["events"] / max(len(per_event), 1)
        return table.sort_values(["events", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)

    def plot_sources(self) -> object:
        """Draw who stands behind this run's events: outlets (and ACLED's source scale), or the coded reports."""
        import matplotlib.pyplot as plt

        from ..viz.figures import headline
        from ..viz.sources import plot_source_scales, plot_sources

        if self.data.coded or "source_scale" not in self.events.columns:
            fig, ax = plt.subplots(figsize=(10, 3.6), layout="constrained")
            plot_sources(self.sources_table, ax=ax)
        else:
            fig, (ax, right) = plt.subplots(1, 2, figsize=(11, 4.2), width_ratios=[3, 2], layout="constrained")
            plot_sources(self.sources_table, ax=ax)
            plot_source_scales(source_scales(self.events), ax=right)
        headline(fig, self.chart_title("sources"), subtitle=self.chart_subtitle("sources"), source=self.data.source_line)
        return fig

    @cached_property
    def outlets(self) -> pd.DataFrame:
        """The events by number of outlets (:func:`analysis.stats.evidence.outlets_per_event`), computed once."""
        return outlets_per_event(self.events)

    def _sources_lead(self) -> str:
        if self.events.empty:
            return self.nothing()
        if self.data.coded:
            reports = self.data.reports
            per_event = reports.groupby("event_id")["doc_id"].nunique()
            single = int((per_event == 1).sum())
            return (f"{describe_number(reports['doc_id'].nunique(), 'coded report')} support the "
                    f"{describe_number(len(self.events), 'event')} {self._in_window()}; "
                    f"{describe_number(single, 'event')} rest on a single report.")
        if "source" not in self.events.columns:
            return "The file has no source column: it does not say who reported the events."
        table, outlets = self.sources_table, self.outlets
        single = int(outlets.loc[outlets["outlets"] == "1", "events"].sum())
        return (f"{describe_number(len(table), 'outlet')} stand behind the "
                f"{describe_number(len(self.events), 'event')} {self._in_window()}; "
                f"{describe_number(single, 'event')} ({_percent(single, len(self.events))}) rest on a single outlet.")

    def sources(self) -> str:
        """Write the key sentences of the sources page: who reports the most, alone, and at which scale."""
        lead = self._sources_lead()
        if self.data.coded or self.events.empty or "source" not in self.events.columns:
            return "**What it shows.** " + lead
        table = self.sources_table
        lines = [lead]
        if len(table):
            top = table.iloc[0]
            lines.append(f"{top['source']} reports the most: {describe_number(top['events'], 'event')} "
                         f"({_percent(top['events'], len(self.events))}), {top['only_source']:,} of them alone.")
        outlets = self.outlets
        many = int(outlets.loc[outlets["outlets"] == "3 or more", "events"].sum())
        lines.append(f"{describe_number(many, 'event')} rest on three outlets or more.")
        if "source_scale" in self.events.columns:
            scales = source_scales(self.events)
            first = scales.iloc[0]
            lines.append(f"By ACLED's source scale, {first['source_scale']} comes first, with "
                         f"{describe_number(first['events'], 'event')}.")
        return "**What it shows.** " + " ".join(lines)

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
        days = (f"- **Exact days**: {describe_number(ranged, 'event')} ({_percent(ranged, n)}) are known only to a "
                "week or a month; the charts spread them over their days.\n") if n else ""
        return ("## What this file cannot tell\n\n"
                "- **What went unreported**: ACLED codes the events its sources report, so a quiet week may be a week "
                "with little reporting.\n" + days +
                "- **The wounded, and the true toll**: fatalities are the lowest figure reported; ACLED does not count "
                "the wounded.\n"
                "- **Who was the target**: the second actor is the side an event was directed at only as ACLED codes "
                "it; attacks on a force are found by its name in `actor2` and `assoc_actor_2`.")


__all__ = ["PAGES", "Story", "tell"]
