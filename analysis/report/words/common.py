"""Words more than one page uses: shares, periods, "nothing in this window", the largest changes, the deadliest
events, and what the data cannot tell.

Every value from the data or the options that enters Markdown goes through
:func:`analysis.text.markdown_text` (imported here as ``md``), so a name,
a place or an option is shown as typed, never as markup. Plain text (chart
titles, table captions) is left as it is: the chart and the table escape it
for what they draw.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..._lazy import moved_names
from ...stats.evidence import document_names
from ...stats.highlights import Peak, largest_changes, top_whole  # noqa: F401 (the pages import top_whole from here)
from ...text import describe_dates, describe_figure, describe_number, in_words, join_words
from ...text import markdown_text as md
from .facts import MIN_CHANGE, Facts

if TYPE_CHECKING:
    from .dropped import Figure

#: How a value enters text: :func:`md` for Markdown, :class:`str` for plain text.
Escape = Callable[[object], str]


def percent(part: float, whole: float) -> str:
    """Write ``part`` as a share of ``whole``: "12%", or "under 1%" for a share that rounds to nothing.

    Examples
    --------
    >>> percent(3, 25), percent(1, 1000), percent(0, 0)
    ('12%', 'under 1%', '0%')
    """
    if whole <= 0:
        return "0%"
    share = 100 * part / whole
    return f"{share:.0f}%" if share >= 1 or share == 0 else "under 1%"


def capital(text: str) -> str:
    """Start a text with a capital letter, leaving the rest as it is."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """Write a name inside a sentence, its first letter small: "Rebel group" -> "rebel group"."""
    return text[:1].lower() + text[1:]


def findings(label: str, lead: str, items: list[str]) -> str:
    """Write a part of findings to be read at a glance (Markdown): the run-in label and the lead finding as one
    paragraph, then each further finding as a bullet of its own; "" when there is nothing to say.

    An item may hold a list of its own, each line indented under it ("...:\n  - one\n  - two").

    Examples
    --------
    >>> print(findings("What it shows", "Events peaked in May.", ["By kind: A 3.", "", "June was partial."]))
    **What it shows.** Events peaked in May.
    <BLANKLINE>
    - By kind: A 3.
    - June was partial.
    """
    items = [item for item in items if item]
    if not lead and items:
        lead, items = items[0], items[1:]
    if not lead:
        return ""
    return f"**{label}.** {lead}" + ("\n\n" + "\n".join(f"- {item}" for item in items) if items else "")


def sublist(parts: list[str]) -> str:
    """Write parts as a list under a bullet, one line each (:func:`findings`)."""
    return "".join(f"\n  - {part}" for part in parts)


def week_text(found: Peak) -> str:
    """Write a peak's week in words: "1-7 March 2020"."""
    return describe_dates(found.start, found.end, long=True)


def month_text(found: Peak) -> str:
    """Write a peak's month: "March 2020"."""
    return f"{found.start:%B %Y}"


def after_the_title(facts: Facts, lead: str, items: list[str], shared: str) -> tuple[str, list[str]]:
    """Where an ACLED run's chart title right above states the peak, the findings under it do not say it again:
    the first further finding leads, and ``shared`` (the peak's ties, which the title only counts) comes first among
    the others. The coded data's titles name the chart, so their findings keep the peak as their lead."""
    rest = [item for item in items if item]
    if facts.coded or not lead:
        return lead, items
    if not rest:  # the title says the peak, and nothing else is to be said but its ties
        return shared, []
    return rest[0], ([shared] if shared else []) + rest[1:]


def tie_note(frame: pd.DataFrame, found: Peak | None, column: str = "expected", name: str = "week") -> str:
    """Name the other periods that tie with a peak, so a tie is shown whole: " (as many in the week of 10-16 March)".

    ``frame`` is the per-period frame the peak was found in; "" when no
    other period ties.
    """
    if found is None or frame.empty:
        return ""
    values = frame[column].to_numpy(dtype=float)
    tied = frame[np.isclose(values, found.value) & (frame["period_start"] != found.start).to_numpy()]
    if tied.empty:
        return ""
    when = [describe_dates(row.period_start, row.period_end, long=True) if name == "week"
            else f"{row.period_start:%B %Y}" for row in tied.itertuples()]
    unit = " killed" if column == "killed" else ""  # "12 killed, in 3 events (as many killed in ...)", not events
    return f" (as many{unit} in the {name}{'s' if len(when) > 1 else ''} of {join_words(when)})"


def spread_note(found: Peak) -> str:
    """Say that a peak's count spreads events known only to a range of days, when it does."""
    return " (events known only to a range of days counted in proportion)" if found.ranged else ""


def harmed(facts: Facts) -> str:
    """What the figures count: "killed and wounded" in the coded data, "killed" in ACLED's fatalities."""
    return "killed and wounded" if facts.coded else "killed"


def fatality_rule(facts: Facts) -> str:
    """Which figure of the killed is counted."""
    return "lowest figures the reports give" if facts.coded else "ACLED's fatalities, the lowest figure reported"


def placeholder_note(facts: Facts, events: pd.DataFrame, total: int | None = None) -> str:
    """Say how many of ``events``' killed are ACLED's placeholder figures, set by rule where no source gave a toll
    ("coded as 3" in the notes; :func:`analysis.stats.caveats.placeholder_fatalities`): "" for the coded data or
    where there is none. Beside the total it qualifies, so no reader takes a convention for a report."""
    from ...stats.caveats import placeholder_fatalities

    if facts.coded or events.empty or not {"notes", "fatalities"} <= set(events.columns):
        return ""
    found = placeholder_fatalities(events)
    killed, count = int(found["fatalities"].sum()), int(found["events"].sum())
    if not killed:
        return ""
    figures = join_words([f"{figure:,}" for figure in found["coded_as"]], "or")
    these = "Of these" if total is None else f"Of the {total:,} killed"
    return (f"{these}, {killed:,} {'is' if killed == 1 else 'are'} in {describe_number(count, 'event')} whose toll "
            f"no source gave: a figure ACLED sets by rule (its notes say \"coded as {figures}\"), not a report.")


def weekly_words(facts: Facts) -> str:
    """Name the weekly chart's period: "week (Monday to Sunday)", or the coarser period a long window takes."""
    name = facts.period_name("weekly")
    return "week (Monday to Sunday)" if name == "week" else name


def period_words(facts: Facts, chart: str) -> str:
    """Name a chart's period for its subtitle: "week, Monday to Sunday", or "month", "quarter", "year"."""
    name = facts.period_name(chart)
    return "week, Monday to Sunday" if name == "week" else name


def labelled_words(facts: Facts) -> str:
    """Name the deadliest events the dense timeline labels: "the 8 deadliest", fewer where a tie is left out."""
    return "the deadliest event" if facts.labelled == 1 else f"the {facts.labelled} deadliest"


def forces_words(facts: Facts, esc: Escape = str) -> str:
    """Name the forces the posture page follows: "foreign forces", or the target as a reader reads it."""
    selection = facts.data.selection
    return "foreign forces" if not selection.target else esc(selection.target_words)


def involved(facts: Facts, esc: Escape = md) -> str:
    """Say whom a run's events involve: " involving <target>" when a ``TARGET`` is given (every page follows it), else ""."""
    selection = facts.data.selection
    return f" involving {esc(selection.target_words)}" if selection.target else ""


def in_window(facts: Facts, esc: Escape = md, *, involving: bool = True) -> str:
    """Say whom, where and when: "in Somalia, 1 January 2025 to 31 March 2026", after " involving <target>" in a run
    with a ``TARGET`` (:func:`involved`; ``involving=False`` leaves it out, for words that name the target already)."""
    whom = involved(facts, esc).strip() if involving else ""
    return f"{whom + ' ' if whom else ''}in {esc(facts.data.place)}, {facts.data.period_text}"


def nothing(facts: Facts, what: str = "events", esc: Escape = md) -> str:
    """Say that the window holds nothing: "No events in this window (Region A, 1 March 2020 to 30 April 2020).",
    and, for events, where the data's events are: "The file's events run from 2 March 2020 to 29 August 2020."

    ``what`` is written by the caller (it may hold an option, already in
    the form ``esc`` gives).
    """
    said = f"No {what} in this window ({esc(facts.data.place)}, {facts.data.period_text})."
    return said + data_span(facts) if what == "events" else said


def data_span(facts: Facts) -> str:
    """Say where the data's events are, for a window that holds none, so a reader can choose another: " The
    file's events run from 2 March 2020 to 29 August 2020." ("" where the window holds events)."""
    span = facts.data.file_span
    if span is None or len(facts.events):
        return ""
    whose = "The coded events run" if facts.coded else "The file's events run"
    return (f" {whose} from {describe_dates(span[0], span[0], long=True)} to "
            f"{describe_dates(span[1], span[1], long=True)}.")


def counted_as(facts: Facts, n: int, esc: Escape = str) -> str:
    """Count what the run selects as attacks, by the name the attacks page's title gives it (the selection's
    ``what``): "no battles and remote violence", "1 event of battles and remote violence", "16 events of
    battles and remote violence on <target>"; the coded data's own category, militia attacks, counts as
    "4 attacks" ("4 attacks on <target>").

    The attacks page's lead and its dateline both count with it, so they name what is counted alike.
    """
    selection = facts.data.selection
    what = esc(selection.what)
    if not n:
        return f"no {what}"
    if not selection.attacks:
        return describe_number(n, "attack") + (f" on {esc(selection.target_words)}" if selection.target else "")
    return f"{describe_number(n, 'event')} of {what}"


def two_whole(count: int, name: str = "month") -> str:
    """Name the two whole periods a change is measured between, by how many whole periods the window holds: the
    last two of three or more, the window's own two of two ("" with fewer: no change is measured).

    Examples
    --------
    >>> two_whole(5), two_whole(2), two_whole(1)
    ('the last two whole months', 'the two whole months of the window', '')
    """
    return "" if count < 2 else f"the last two whole {name}s" if count > 2 else f"the two whole {name}s of the window"


def fewer_than_two_whole(count: int, name: str = "month") -> str:
    """Say why no change from one whole period to the next is measured: "the window holds only one whole month".

    Examples
    --------
    >>> fewer_than_two_whole(1), fewer_than_two_whole(0, "quarter")
    ('the window holds only one whole month', 'the window holds no whole quarter')
    """
    return f"the window holds {'only one' if count == 1 else 'no'} whole {name}"


def changes(facts: Facts, monthly: pd.DataFrame, noun: str = "event",
            events: pd.DataFrame | None = None) -> list[str]:
    """Write the largest rise and fall from one whole month of the window to the next, each a finding of its own;
    of a window with only two whole months, the one change between them (nothing with fewer).

    For an ACLED file each is followed by whether it coincides with a change
    of outlets (:func:`analysis.report.words.coverage.change_sources`), in the same finding, a week that may be
    one batch of coding named in the first that names it, the second saying "the same week";
    ``events`` are the events ``monthly`` counts (default: all the run's).
    """
    from .coverage import change_sources

    whole = monthly[(monthly["period_start"] >= facts.first) & (monthly["period_end"] <= facts.last)]
    out: list[str] = []
    batches: set[pd.Timestamp] = set()  # the weeks that may be one batch of coding a finding has named
    for _, row in largest_changes(whole.reset_index(drop=True)).iterrows():
        if abs(row["change"]) < MIN_CHANGE:
            continue
        verb = "rise" if row["direction"] == "rise" else "fall"
        if len(whole) == 2:  # one change only: no "largest"
            said = (f"From {row['from_start']:%B %Y} to {row['to_start']:%B %Y}, {two_whole(2)}, {noun}s "
                    f"{'rose' if verb == 'rise' else 'fell'} from {describe_figure(row['before'])} to "
                    f"{describe_figure(row['after'])}.")
        else:
            said = (f"The largest {verb} from one whole month to the next: from "
                    f"{describe_number(row['before'], noun)} in {row['from_start']:%B %Y} to "
                    f"{describe_figure(row['after'])} in {row['to_start']:%B %Y}.")
        note = change_sources(facts, facts.events if events is None else events, row, noun, batches)
        out.append(f"{said} {note}" if note else said)
    return out


def limits(facts: Facts, first_page: str | None = None) -> str:
    """Write what the data cannot tell, with this run's figures (Markdown): in full, or a pointer to where it is.

    The report says it in full once, at the end of its first page; each other page points there in one line,
    naming what is said, so a reader who reads the pages in order reads it once and one who lands on a later page
    still finds it. ``first_page`` is the first page's title (plain text) on a page that points to it; None writes
    it in full. An ACLED file's dates known only to a week or a month are not among them: the pages that count
    events in time say so with their counts (:func:`analysis.report.words.counting.counting_rule`).
    """
    title, items = _limits(facts)
    if first_page is None:
        return f"## {title}\n\n" + "\n".join(f"- **{label}**: {text}" for label, text in items)
    named = "; ".join(lower_first(label) for label, _ in items)
    return f"**{title}** ({named}) is set out at the end of the first page, \u201c{md(first_page)}\u201d."


def _limits(facts: Facts) -> tuple[str, list[tuple[str, str]]]:
    """The heading of what the data cannot tell, and each thing it cannot tell: its label and its sentence."""
    if facts.coded:
        events = facts.events
        n = len(events)
        ranged = int((events["date_end"] > events["date_start"]).sum()) if n else 0
        dates = [("Exact dates", f"{describe_number(ranged, 'event')} of the {n:,} in this window are known only to "
                  "a range of days; the order of events inside a range is unknown.")] if n else []
        return "What the five reports cannot tell", [
            *dates,
            ("Events they do not describe one by one", "attacks the reports give only as totals are not events here, "
             "so a quiet stretch is not evidence of calm."),
            ("Anything outside the five reports", "what none of them told is not here at all.")]
    return "What this file cannot tell", [
        ("What went unreported", "ACLED codes the events its sources report, so a quiet week may be a week with "
         "little reporting."),
        ("The wounded, and the true toll", "fatalities are the lowest figure reported; ACLED does not count the "
         "wounded."),
        ("Who was the target", "ACLED names the sides of an event (the first actor, the second and the actors "
         "associated with each), not who was harmed: the second actor is the side an event was directed at only as "
         "ACLED codes it, and a force named beside a side, such as foreign troops with an army, may or may not have "
         "been hit.")]


#: The key of a dateline's display metadata that carries it as plain text, for the index (:class:`Dateline`).
DATELINE_METADATA = "analysis/dateline"
#: How many of an ACLED file's outlets a dateline names.
DATELINE_OUTLETS = 3


@dataclass(frozen=True)
class Dateline:
    """Where a page's events come from, named (:func:`dateline`): Markdown for the page, plain text for the index."""

    text: str
    markdown: str
    report_title: str = ""
    #: The words of the place and the window the report's title names (" in Iraq, 1 March 2020 to 30 April 2020"),
    #: which the index's cards and the links between pages leave out of each page's title and first sentence.
    scope: str = ""
    #: Where :attr:`text` names a file beside the report (dropped.csv), as (start, end) offsets: the index links it
    #: as the pages' Markdown does.
    links: tuple[tuple[int, int], ...] = ()

    @property
    def card(self) -> dict[str, object]:
        """The dateline as its display metadata carries it, with the report's title and scope where there are, and
        the files it names (:attr:`links`)."""
        return {"dateline": self.text, **({"report_title": self.report_title, "scope": self.scope}
                                          if self.report_title else {}),
                **({"links": [list(span) for span in self.links]} if self.links else {})}


def dateline(facts: Facts, what: str | Callable[[Escape], str] | None = None, *, lead_counts: bool = True,
             events: pd.DataFrame | None = None, figures: Sequence[Figure] = ()) -> Dateline:
    """Open a page with what its title and lead do not say: where its events come from, and what the page counts
    (``what``) where the lead does not count it.

    A page's title names the place and the window and its lead counts the events, so the dateline does not say
    them again: it names the sources, "From ACLED (conflicts.csv, data as of 20 September 2020), as reported by
    Shafaq News, Local Network and Rudaw." The default run's hand-written title and question give no count, so
    there the dateline opens with ``what``: "48 events, from five news reports: ...". ``lead_counts=False``
    says that the page's lead counts something else, so every run's dateline says ``what``. ``events`` are the
    events the page counts (the run's events if None): of the coded reports, only those that tell one of them are
    named.

    ``what`` is plain text with no value from the data or the options in it, or, where it holds one (the
    attacks' target), a function that writes it with a value-escaping function; None where the title says it.

    The coded reports are named as every table and sentence names them
    (:func:`analysis.stats.evidence.document_names`, in the sentence's form:
    "Associated Press (6 Feb 2020)", "an unnamed outlet (29 Mar 2020)"); an
    ACLED file by its name, the export's date (its latest ``timestamp``:
    "data as of 14 November 2023") and the outlets behind the most events. Where ``INVALID=drop`` left rows of
    the file out, every page's dateline says so, and the index's with it: how many, what can still be read of them
    and what the page's ``figures`` (the periods its headline and findings name) would be with them
    (:func:`analysis.report.words.dropped.left_out`).
    """
    from .dropped import left_out

    def write(esc: Escape, link: Callable[[str], str]) -> str:
        sources = _sources_words(facts, esc, facts.events if events is None else events)
        opening = (f"From {sources}." if what is None or (lead_counts and not facts.is_default)
                   else f"{capital(what(esc) if callable(what) else what)}, from {sources}.")
        return opening + altered_note(facts) + left_out(facts, esc, link, figures)

    title = report_title(facts)
    scope = f" in {facts.data.place}, {facts.data.period_text}" if title else ""
    # the plain text with each file it names marked (no value of a file or a path holds a NUL), for the index's links
    parts = write(str, lambda name: f"\0{name}\0").split("\0")
    at = np.cumsum([0] + [len(part) for part in parts])
    return Dateline(text="".join(parts), markdown=f"*{write(md, lambda name: f'[{name}]({name})')}*",
                    report_title=title, scope=scope,
                    links=tuple((int(at[k]), int(at[k + 1])) for k in range(1, len(parts), 2)))


def altered_note(facts: Facts) -> str:
    """Warn, in one sentence that opens with a space, that an ACLED file's times of change (``timestamp``) fall before
    some of its events (:func:`analysis.stats.caveats.stamp_before_events`), so that the file was rebuilt or altered
    after ACLED gave it out: how many of the run's events (:func:`analysis.stats.caveats.dated_after`); "" where
    the times may date the export, or there are none. Every page's dateline, and the index's with it, says it; the
    sources page's caveats say what the times are (:func:`analysis.report.words.caveats.export_line`)."""
    from ...stats.caveats import dated_after, stamp_before_events

    when, events = facts.data.exported, facts.events
    if facts.coded or stamp_before_events(when, events) is None:
        return ""
    after = dated_after(when, events)
    return (f" Caution: the file's times of change fall before {after:,} of its "
            f"{describe_number(len(events), 'event')} ({percent(after, len(events))}), so it was rebuilt or altered "
            "after ACLED gave it out; the sources page says more.")


def report_title(facts: Facts) -> str:
    """Title the whole report from its data: what, whom, where and when (plain text; "" in the default run, whose
    index has the title of the five reports' story).

    "Conflict events in Iraq and Syria, 15 March 2020 to 29 August 2020"; with a ``TARGET``, "Conflict events
    involving <target> in ..."; an ``AREA`` is the place; for the coded data, "The five coded reports: events in
    Iraq, ...".
    """
    if facts.is_default:
        return ""
    data = facts.data
    what = "The five coded reports: events" if facts.coded else "Conflict events"
    return f"{what}{involved(facts, str)} in {data.place}, {data.period_text}"


def _sources_words(facts: Facts, esc: Escape, events: pd.DataFrame) -> str:
    data = facts.data
    if facts.coded and data.sources is not None:
        # named among all the reports, as every table names them, though the page lists only its own
        names = document_names(data.sources, form="sentence")
        ordered = data.sources.sort_values("published_start", kind="stable")
        every = len(ordered)
        # a page, a window or an area names the reports its events rest on, of the five
        if data.reports is not None and "event_id" in events.columns:
            ids = set(events["event_id"].astype("string"))
            used = set(data.reports.loc[data.reports["event_id"].astype("string").isin(ids), "doc_id"].astype("string"))
            if 0 < len(used) < every:
                ordered = ordered[ordered["doc_id"].astype("string").isin(used)]
        named = [esc(names[doc]) for doc in ordered["doc_id"].astype("string")]
        of = f" of the {in_words(every)}" if len(named) < every else ""
        return (f"{in_words(len(named))}{of} news report{'' if len(named) == 1 and not of else 's'}: "
                f"{'; '.join(named)}")
    name = esc(data.file_name)
    if data.exported is not None:
        from ...stats.caveats import stamp_before_events

        stamped = describe_dates(data.exported, data.exported, long=True)
        name += (f", data as of {stamped}" if stamp_before_events(data.exported, facts.events) is None
                 else "; date of the export not known")
    outlets = facts.sources_table if "source" in facts.events.columns else pd.DataFrame({"source": []})
    top = [esc(o) for o in outlets["source"].head(DATELINE_OUTLETS)]
    if not top:
        return f"ACLED ({name})"
    rest = len(outlets) - len(top)
    listed = join_words(top + ([describe_number(rest, "other outlet")] if rest > 0 else []))
    return f"ACLED ({name}), as reported by {listed}"


#: The key of a page heading's display metadata that carries its index card (:class:`Heading`).
CARD_METADATA = "analysis/page"
#: The key of a page's card that marks a window without any event (:attr:`Heading.empty`).
EMPTY_WINDOW = "empty_window"


@dataclass(frozen=True)
class Heading:
    """A page's title and first paragraph, written from the data: Markdown for the page, plain text for the index.

    Attributes
    ----------
    title : str
        The title as plain text.
    summary : str
        The first sentence of the lead as plain text (what the index card quotes).
    markdown : str
        ``"# <title>\\n\\n<lead>"``, every value from the data escaped.
    empty : bool, default False
        The run's window holds no event: the lead says so, and the page
        shows nothing else written for the events (its card says so,
        :data:`EMPTY_WINDOW`, read by :func:`analysis.report.render.render_report`).
    """

    title: str
    summary: str
    markdown: str
    empty: bool = False

    @property
    def card(self) -> dict[str, object]:
        """The index card's words, as the heading's display metadata carries them (and, for a window without
        events, :data:`EMPTY_WINDOW`)."""
        return {"title": self.title, "summary": self.summary, **({EMPTY_WINDOW: True} if self.empty else {})}


def heading(title: Callable[[Escape], str], lead: Callable[[Escape], list[str]]) -> Heading:
    """Make a :class:`Heading` from a page's title and lead, each written once with a value-escaping function."""
    return Heading(title=title(str), summary=next(iter(lead(str)), ""),
                   markdown=f"# {title(md)}\n\n{' '.join(lead(md))}")


#: Names that moved when this module was split, importable from here for one release (with a warning).
__getattr__ = moved_names(__name__, {**{name: "analysis.report.words.events" for name in ('deadliest', 'with_associates', 'deadliest_listed', 'reader_sentence', 'reader_what', 'notes_of', 'notes_heading')},
                                     "left_out": "analysis.report.words.dropped",
                                     # the rule of counts alike, which the maps follow too
                                     "alike": "analysis.stats.highlights", "ALIKE_SHARE": "analysis.stats.highlights"})
