"""The words of the page that sets the coded events beside an ACLED export (``COMPARE``, notebooks/compare/).

Plain functions over one :class:`Compared` (the coded run, the export and
:func:`analysis.reconcile`'s result): which coded events ACLED has, with each
link's grade and reasons; what differs; which coded events are outside
ACLED's scope; which ACLED events in scope the coded data lacks, and so where
its counts are a floor; what the export's checks found; and, at the end, how
the comparison was made. Numbers come from :mod:`analysis.stats.reconcile`
and :mod:`analysis.stats.reconcile_summary`; every value from the export or
the data that enters Markdown is escaped (``md``); tables are plain text,
which :func:`analysis.as_table` escapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from ...stats.reconcile import VARIANTS, Reconciliation, reconcile
from ...stats.reconcile_summary import coded_outside_months, lacking_by_month, link_timeline, scope_by_family
from ...stats.selection import event_keys, select_events, unmatched_areas
from ...text import describe_dates, describe_number, event_dates, in_words, join_words
from ...text import markdown_text as md
from ..inputs import LINKS_FILE, NotebookData
from ..options import read_parameter
from .common import Dateline, Escape, Heading, capital, heading
from .common import dateline as common_dateline
from .events import reader_sentence
from .facts import Facts

#: Most ACLED events the list of what the coded data lacks shows.
LACKING_SHOWN = 200
#: The differences the page tells, by field of the result's differences, with their heading.
TOLD = {"date": "Dates", "fatalities": "Fatalities", "actor1": "Who acted (attribution)", "type": "Kind of event",
        "projectiles": "Rockets and missiles"}


@dataclass(frozen=True)
class Compared:
    """The coded run set beside an ACLED export: what the page's words are written from.

    Attributes
    ----------
    data : NotebookData
        The coded events of the run (its window and area).
    export : DataFrame
        The export, as loaded (:func:`analysis.load_acled`), in the run's area.
    name : str
        The export's file name.
    result : Reconciliation
        :func:`analysis.reconcile` of the two.
    """

    data: NotebookData
    export: pd.DataFrame
    name: str
    result: Reconciliation

    @cached_property
    def coded(self) -> pd.DataFrame:
        """The coded events by id, with the number a reader sees for each (``number``)."""
        events = self.data.events
        return events.assign(number=event_keys(events).to_numpy()).set_index(events["event_id"].astype("string"))

    @cached_property
    def acled(self) -> pd.DataFrame:
        """The export's events by id (the first row of an id given twice)."""
        events = self.export.loc[~self.export["event_id"].duplicated().to_numpy()]
        return events.set_index(events["event_id"].astype("string"))

    @property
    def linked(self) -> pd.DataFrame:
        """The links that are not near misses."""
        return self.result.links.loc[(self.result.links["grade"] != "near miss").to_numpy()]


def compare(data: NotebookData, export: pd.DataFrame, *, area: object = None) -> Compared:
    """Reconcile the coded events of a run with an export, for the page's words.

    ``area`` is the run's ``AREA`` (read as the option is): the export's
    events outside it are left out, as the coded events outside it are.
    """
    if not data.coded:
        raise ValueError("the coded events are compared with an export; this run is of an ACLED file")
    area = read_parameter("AREA", area)
    if area:  # AREA names the coded run's places: the export may have no event in some, and then none is kept there
        absent = set(unmatched_areas(export, area))
        known = [name for name in area if name not in absent]
        export = select_events(export, area=known, dates="event_date") if known else export.iloc[:0]
    name = Path(str(export.attrs.get("path", "the export"))).name
    return Compared(data=data, export=export.reset_index(drop=True), name=name,
                    result=reconcile(data.events, export, bases=data.bases))


def _what(compared: Compared, event_id: str) -> str:
    """A coded event's headline and dates, as plain text ("US strike kills Soleimani at Baghdad airport (3 January 2020)")."""
    row = compared.coded.loc[event_id]
    what = row["headline"] if isinstance(row.get("headline"), str) else reader_sentence(row["notes"])
    return f"{what} ({event_dates(row, long=True)})"


def event_name(compared: Compared, event_id: str) -> str:
    """Name a coded event as the report does, in Markdown: its number and headline, and its dates ("**3** US strike ...")."""
    return f"**{compared.coded.loc[event_id, 'number']}** {md(_what(compared, event_id))}"


def acled_name(compared: Compared, acled_id: str, esc: Escape = md) -> str:
    """Name an ACLED event by its ``event_id_cnty``, date, type and place ("IRQ1234, 2 January 2020, Air/drone strike in Baghdad")."""
    row = compared.acled.loc[acled_id]
    checks = compared.result.checks
    swapped = checks.loc[((checks["check"] == "day and month swapped") & (checks["event_id"] == acled_id)).to_numpy()]
    noted = f" ({_dates(swapped['expected'].iloc[0])} in its notes)" if len(swapped) else ""
    return (f"{esc(acled_id)}, {describe_dates(row['event_date'], row['event_date'], long=True)}{noted}, "
            f"{esc(row['sub_event_type'])} in {esc(row['location'])}")


def _grades(frame: pd.DataFrame) -> str:
    counts = frame["grade"].value_counts()
    return join_words([f"{counts[g]:,} {g}" for g in counts.index])


def page_heading(compared: Compared) -> Heading:
    """The page's title and lead: how many coded events ACLED has, how many are outside its scope, what it lacks."""
    status = compared.result.coded
    n, outside = len(status), int((~status["in_scope"]).sum())
    found = int((status["status"] == "linked").sum())
    scope = compared.result.acled_scope
    lacking = int((~scope["linked"]).sum())
    undated = int((status["status"] == "outside the export's dates").sum())
    checks = compared.result.checks
    dates = checks.loc[(checks["check"] == "export dates").to_numpy(), "found"]
    span_text = _dates(str(dates.iloc[0])) if len(dates) else ""

    def title(esc: Escape) -> str:
        return f"The coded events beside the ACLED export {esc(compared.name)}"

    def lead(esc: Escape) -> list[str]:
        has = f"{found:,}" if found else "none"
        span = ("In the coded events' span the export has no event involving US or coalition forces." if not len(scope)
                else f"In the coded events' span ACLED has {describe_number(len(scope), 'event')} involving US or "
                "coalition forces, and " + (f"the coded data lacks {lacking:,} of them, so its counts are a floor."
                                            if lacking else "the coded data has every one of them."))
        scoped = (f"the other {describe_number(outside, 'coded event')} are statements, talks, votes or plans, which "
                  "ACLED does not code: they are outside its scope, not missing from it.")
        covers = f"covers {span_text}" if span_text else "has no events"
        if undated and undated == n - outside:
            return [f"The export {covers}, outside the dates of the {n - outside:,} coded events of kinds ACLED codes, "
                    f"so it can have none of them; {scoped}", span]
        beyond = f"; {undated:,} of them fall outside the export's dates ({span_text})" if undated else ""
        return [f"ACLED has {has} of the {n - outside:,} coded events of kinds it codes{beyond}; {scoped}", span]

    return heading(title, lead)


def dateline(compared: Compared) -> Dateline:
    """The page's dateline: the coded reports, named (the title names the export they are set beside)."""
    line = common_dateline(Facts(compared.data))
    return Dateline(text=line.text, markdown=line.markdown)


# --- which coded events ACLED has -----------------------------------------------------------------


def _time_reason(row) -> str:
    finding, value, limit = row.finding, row.value, row.limit
    fixed = {"same window": "same day", "overlapping windows": "dates overlap",
             "matched on the notes' day": "matched on the day its notes give (the export swapped day and month)"}
    if finding in fixed:
        return fixed[finding]
    if finding == "ACLED narrows the window":
        # the coded dates allow a span of days (a range, or weekdays within it); ACLED gives fewer of them
        return f"ACLED gives {describe_number(int(value), 'day')} of the {int(limit)} the coded dates span"
    return f"ACLED dates it {describe_number(abs(int(value)), 'day')} {'earlier' if value < 0 else 'later'}"


def _place_reason(row) -> str:
    if row.finding == "names the place":
        return f"ACLED names {row.detail}"
    if row.finding == "no coded place":
        return "no coded place to compare"
    return f"{row.value:,.0f} km apart" + ("" if row.finding == "same place" else f" ({row.finding})")


def _type_reason(row) -> str:
    kinds = row.detail.replace(" / ", " and ")
    return {"same sub-event type": "same kind of event",
            "same family": f"kinds of one family ({kinds})"}.get(row.finding, f"different kinds ({kinds})")


def _actors_reason(row) -> str:
    if row.finding == "near":
        return f"({row.detail})"  # why an actor is near, told after the finding
    return row.finding if row.finding in ("same actors", "near actors", "some actors", "no shared actor") else ""


def _attribution_reason(row) -> str:
    return {"same": "same first actor", "near": "near first actor", "roles swapped": "actors' roles swapped"}.get(
        row.finding, "different first actor")


def _review_reason(row) -> str:
    if row.finding == "ambiguous":
        return f"needs review: {describe_number(int(row.value), 'other link')} as good"
    return f"needs review: the coded dates span {int(row.value)} days, ACLED's one"


#: How each aspect of a link's reasons is said (any other aspect: why the link needs review).
_REASONS = {
    "time": _time_reason,
    "place": _place_reason,
    "type": _type_reason,
    "actors": _actors_reason,
    "attribution": _attribution_reason,
    "notes": lambda row: "similar notes" if row.finding == "similar notes" else "",
}


def _reason(row) -> str:
    """Say one reason of a link in words, or "" for one not worth telling a reader."""
    return _REASONS.get(row.aspect, _review_reason)(row)


def reasons_text(compared: Compared, coded_id: str, acled_id: str) -> str:
    """Say why a link holds, in plain words separated by "; " (escaped by the table that shows it)."""
    reasons = compared.result.reasons
    rows = reasons.loc[((reasons["coded_id"] == coded_id) & (reasons["acled_id"] == acled_id)).to_numpy()]
    said: list[str] = []
    for text in (_reason(row) for row in rows.itertuples(index=False)):
        if text.startswith("(") and said:
            said[-1] += f" {text}"
        elif text and text not in said:
            said.append(text)
    return "; ".join(said)


def found(compared: Compared) -> str:
    """Say which coded events ACLED has, and how sure each link is (Markdown)."""
    status, links = compared.result.coded, compared.linked
    found = status.loc[(status["status"] == "linked").to_numpy()]
    if found.empty:
        return "## Which coded events ACLED has\n\nNo coded event has a counterpart in this export."
    one_to_many = int((links.groupby("coded_id").size() > 1).sum())
    review = int(links["needs_review"].sum())
    lines = [f"## Which coded events ACLED has\n\nACLED has {describe_number(len(found), 'coded event')}, "
             f"through {describe_number(len(links), 'link')}: {_grades(links)}."]
    if one_to_many:
        lines.append(f"{capital(describe_number(one_to_many, 'coded event'))} "
                     f"{'is' if one_to_many == 1 else 'are'} told by ACLED as several events.")
    if review:
        lines.append(f"{capital(describe_number(review, 'link'))} need{'s' if review == 1 else ''} review: another "
                     "link is as good, or the coded dates span weeks where ACLED gives one day.")
    lines.append("A link is a judgement with its reasons, not a fact.")
    return " ".join(lines) + f" Every link, with what was measured, is in [{LINKS_FILE}]({LINKS_FILE}) beside this report."


def found_table(compared: Compared) -> pd.DataFrame:
    """List the links, one row each: the coded event, ACLED's event, the grade and why (plain text)."""
    rows = [(int(compared.coded.loc[link.coded_id, "number"]), _what(compared, link.coded_id),
             acled_name(compared, link.acled_id, str), link.grade + (", needs review" if link.needs_review else ""),
             reasons_text(compared, link.coded_id, link.acled_id)) for link in compared.linked.itertuples()]
    return pd.DataFrame(rows, columns=["no.", "coded event", "ACLED event", "grade", "why"])


def chart_links(compared: Compared) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The coded events in ACLED's scope, ACLED's events in scope and the links between them, for the chart of links
    (:func:`analysis.stats.reconcile_summary.link_timeline`)."""
    return link_timeline(compared.result, compared.data.events)


def links_chart_title(windows: pd.DataFrame, links: pd.DataFrame) -> str:
    """Title the chart of links with its finding (plain text): how many of the coded events in ACLED's scope it has,
    and how many of those through a strong link (the links that need review are marked on the chart)."""
    if windows.empty:
        return "No coded event is of a kind ACLED codes"
    n = len(windows)
    found = links["number"].nunique()
    if not found:
        return f"ACLED has none of the {n:,} coded events in its scope"
    strong = links.loc[(links["grade"] == "strong").to_numpy(), "number"].nunique()
    how = ("every one through a strong link" if strong == found else
           "none through a strong link" if not strong else f"{strong:,} through a strong link")
    return f"ACLED has {found:,} of the {n:,} coded events in its scope, {how}"


# --- what differs -----------------------------------------------------------------------------------


def _dates(text: str, weekday: object = None) -> str:
    """Write a window of the differences ("2020-06-06..2020-06-27") in words ("6-27 June 2020"); with the coded
    event's weekday, its possible days ("6, 13, 20 or 27 June 2020")."""
    first, _, last = text.partition("..")
    return describe_dates(pd.Timestamp(first), pd.Timestamp(last or first), long=True, weekday=weekday)


def _difference(compared: Compared, row) -> str:
    coded, acled = md(row.coded) or "none", md(row.acled) or "none"
    field, note = row.field, row.note if isinstance(row.note, str) else ""
    if field == "date":
        coded, acled = _dates(row.coded, compared.coded.loc[row.coded_id].get("weekday")), _dates(row.acled)
        how = {"narrows": "narrows it to", "earlier": "dates it earlier,", "later": "dates it later,"}.get(note, "has")
        text = f"coded {coded}; ACLED {how} {acled}"
        return text + ("; the export swapped day and month" if "swapped" in note else "")
    if field == "fatalities":
        stated = note.removeprefix("placeholder").strip(" ()")
        return f"coded {coded}, ACLED {acled}" + (f" (ACLED's notes say \"{md(stated)}\": a set figure, not a "
                                                   "reported count)" if note.startswith("placeholder") else "")
    if field == "actor1":
        return f"coded {coded}, ACLED {acled}" + (f" ({md(note)})" if note.startswith("near") else "")
    if field == "type":
        return f"coded {coded}, ACLED {acled} ({md(note)})"
    return f"coded {coded}, ACLED's notes {acled}"


def differences(compared: Compared) -> str:
    """Say what differs, field by field, between the coded events and ACLED's counterparts (Markdown)."""
    frame = compared.result.differences
    linked = set(zip(compared.linked["coded_id"], compared.linked["acled_id"]))
    frame = frame.loc[[pair in linked for pair in zip(frame["coded_id"], frame["acled_id"])]]
    lines = ["## What differs"]
    if not linked:
        return lines[0] + "\n\nNo coded event is linked to an ACLED event, so nothing is compared field by field."
    if frame.empty or not frame["field"].isin(list(TOLD)).any():
        return lines[0] + "\n\nThe linked events agree on their dates, fatalities, actors and kind."
    for field, title in TOLD.items():
        rows = frame.loc[(frame["field"] == field).to_numpy()]
        if rows.empty:
            continue
        events = rows["coded_id"].nunique()
        lines.append(f"\n**{title}**, {describe_number(events, 'coded event')}:\n")
        lines += [f"- {event_name(compared, row.coded_id)}, against {md(row.acled_id)}: {_difference(compared, row)}."
                  for row in rows.itertuples()]
    return "\n".join(lines)


# --- what each side lacks ---------------------------------------------------------------------------


def outside_scope(compared: Compared) -> str:
    """Name the coded events ACLED does not code, said as outside its scope (Markdown)."""
    status = compared.result.coded
    outside = status.loc[~status["in_scope"].to_numpy(dtype=bool)]
    if outside.empty:
        return ""
    why = join_words([md(w) for w in dict.fromkeys(outside["scope_why"].dropna())])
    lines = [f"## Outside ACLED's scope\n\n{capital(describe_number(len(outside), 'coded event'))} "
             f"{'is' if len(outside) == 1 else 'are'} of a kind ACLED does not code ({why}). They are outside its "
             "scope: the export could not have them, and they are not counted as missing.\n"]
    lines += [f"- {event_name(compared, event_id)}" for event_id in outside["event_id"]]
    return "\n".join(lines)


def without_counterpart(compared: Compared) -> str:
    """Name the coded events in ACLED's scope that it does not have: near misses, none, outside its dates (Markdown)."""
    status = compared.result.coded
    links = compared.result.links
    parts = []
    for state, words in (("near miss only", "ACLED has only a near miss"),
                         ("no counterpart", "ACLED has no counterpart"),
                         ("outside the export's dates", "outside the export's dates")):
        ids = status.loc[(status["status"] == state).to_numpy(), "event_id"]
        for event_id in ids:
            near = links.loc[(links["coded_id"] == event_id).to_numpy(), "acled_id"]
            also = f" (near: {join_words([acled_name(compared, a) for a in near])})" if len(near) else ""
            parts.append(f"- {event_name(compared, event_id)}: {words}{also}.")
    if not parts:
        return ""
    return ("## Coded events ACLED does not have\n\nThese coded events are of kinds ACLED codes, but the export has no "
            "event that links to them.\n\n" + "\n".join(parts))


def lacking(compared: Compared) -> str:
    """Say which ACLED events in scope the coded data lacks, kind by kind, and where its counts are a floor (Markdown)."""
    table = scope_by_family(compared.result, compared.data.events)
    total, missing = int(table["acled"].sum()), int(table["acled_lacking"].sum())
    head = "## What the coded data lacks"
    if total == 0:
        return f"{head}\n\nThe export has no event involving US or coalition forces in the coded events' span."
    lines = [f"{head}\n\nIn the coded events' span the export has {describe_number(total, 'event')} involving US "
             f"or coalition forces; no coded event links to {missing:,} of them. Kind by kind:\n"]
    for row in table.loc[(table["acled"] > 0).to_numpy()].itertuples():
        linked = ("every one linked to a coded event" if row.acled_lacking == 0 else
                  f"{row.acled_linked:,} linked to a coded event and {row.acled_lacking:,} not")
        floor = ": its count of this kind is a floor" if row.acled_lacking else ""
        lines.append(f"- **{md(row.family or 'of no family')}**: ACLED has {row.acled:,}, {linked}; the coded data "
                     f"has {row.coded:,} of this kind{floor}.")
    family, months = chart_months(compared)
    month = months.iloc[0]
    if month["acled_lacking"]:
        coded = "none" if month["coded"] == 0 else in_words(int(month["coded"]))
        lines.append(f"\nThe most in one month: {describe_number(int(month['acled_lacking']), 'event')} of "
                     f"{md(family)} in {month['month']:%B %Y} that the coded data lacks; it has {coded} "
                     "of that kind in that month.")
    outside = coded_outside_months(compared.result, compared.data.events, family, months)
    if outside:
        first, last = months["month"].min(), months["month"].max()
        span = f"{first:%B %Y}" if first == last else f"{first:%B %Y} to {last:%B %Y}"
        lines.append(f"The chart below covers the months of ACLED's events of {md(family)}, {span}; "
                     f"{describe_number(outside, 'coded event')} of this kind "
                     f"{'falls outside them and is' if outside == 1 else 'fall outside them and are'} not drawn.")
    return "\n".join(lines)


def chart_months(compared: Compared) -> tuple[str, pd.DataFrame]:
    """Choose the kind the chart and the month sentence follow (the one the coded data lacks most ACLED events of,
    then the one with most ACLED events) and count it month by month (most lacking first); ("", empty) without any
    ACLED event in scope."""
    table = scope_by_family(compared.result, compared.data.events)
    table = table.loc[(table["acled"] > 0).to_numpy() & table["family"].notna().to_numpy()]
    if table.empty:
        return "", lacking_by_month(compared.result, compared.data.events, "")
    family = str(table.sort_values(["acled_lacking", "acled", "family"], ascending=[False, False, True],
                                   kind="stable").iloc[0]["family"])
    return family, lacking_by_month(compared.result, compared.data.events, family)


def chart_title(compared: Compared, family: str, months: pd.DataFrame) -> str:
    """Title the chart with its finding (plain text): how many ACLED events of the kind the coded data lacks, and when most."""
    lacking = int(months["acled_lacking"].sum())
    if not lacking:
        return f"The coded data has every event of {family} that ACLED has in its span"
    top = months.iloc[0]
    return (f"ACLED has {describe_number(lacking, f'event of {family}', f'events of {family}')} that the coded data "
            f"lacks, {int(top['acled_lacking'])} of them in {top['month']:%B %Y}")


def chart_subtitle(family: str) -> str:
    """Say what the chart measures (plain text)."""
    return (f"ACLED's events of {family} involving US or coalition forces, per month, linked to a coded event or not; "
            "dots: the coded events of that kind")


def chart_source(compared: Compared) -> str:
    """Name both sources under the chart (plain text)."""
    return f"{compared.data.source_line}; ACLED, {compared.name}"


def lacking_table(compared: Compared) -> pd.DataFrame:
    """List the ACLED events in scope that no coded event links to, by date (at most :data:`LACKING_SHOWN`); fatalities
    the notes call a placeholder say so."""
    only = compared.result.acled_only.sort_values(["event_date", "event_id"], kind="stable").head(LACKING_SHOWN)
    checks = compared.result.checks
    stand_ins = set(checks.loc[(checks["check"] == "placeholder fatalities").to_numpy(), "event_id"])
    return pd.DataFrame({
        "ACLED event": only["event_id"].astype("string").to_numpy(),
        "date": [describe_dates(d, d) for d in only["event_date"]],
        "kind": only["sub_event_type"].astype("string").to_numpy(),
        "place": only["location"].astype("string").to_numpy(),
        "actors": [join_words([str(a) for a in pair if isinstance(a, str) and a]) for pair in
                   zip(only["actor1"], only["actor2"])],
        "fatalities": [f"{n} (a placeholder)" if i in stand_ins else str(n)
                       for i, n in zip(only["event_id"].astype("string"), only["fatalities"])],
    })


def lacking_caption(compared: Compared) -> str:
    """Caption the list of what the coded data lacks, saying when it is cut."""
    n = len(compared.result.acled_only)
    shown = f"the first {LACKING_SHOWN} of {n:,}, by date" if n > LACKING_SHOWN else "by date"
    return f"ACLED's events in scope that no coded event links to ({shown})"


# --- the export's checks ----------------------------------------------------------------------------


def checks(compared: Compared) -> str:
    """Say what the checks of the export found: swapped days and months, placeholder fatalities, ids, dates (Markdown)."""
    frame = compared.result.checks
    lines = ["## What the export's checks found\n"]
    swapped = frame.loc[(frame["check"] == "day and month swapped").to_numpy()]
    if len(swapped):
        named = join_words([f"{md(r.event_id)} reads {_dates(r.found)} where its notes say {_dates(r.expected)}"
                            for r in swapped.itertuples()])
        lines.append(f"- **Day and month swapped** in {describe_number(len(swapped), 'row')}, as a spreadsheet "
                     f"does: {named}. {'It is' if len(swapped) == 1 else 'They are'} matched on the notes' day.")
    else:
        lines.append("- **Day and month**: no row's date has the day and month of its notes swapped.")
    other = frame.loc[(frame["check"] == "date differs from notes").to_numpy()]
    if len(other):
        lines.append(f"- **Dates beside the notes**: in {describe_number(len(other), 'row')} the notes give a day "
                     "outside the row's dates (" + join_words([f"{md(r.event_id)}: {_dates(r.found)}, notes "
                                                               f"{_dates(r.expected)}" for r in other.itertuples()]) + ").")
    stand_in = frame.loc[(frame["check"] == "placeholder fatalities").to_numpy()]
    n = len(compared.export)
    lines.append(f"- **Placeholder fatalities** in {describe_number(len(stand_in), 'row')} of {n:,}: the notes say "
                 "the count was set by a coding rule (\"coded as 3\"), not reported." if len(stand_in) else
                 "- **Placeholder fatalities**: no row's notes say its fatalities were set by a coding rule.")
    for check, words in (("empty id", "without an id"), ("duplicate id", "with an id given before")):
        count = int((frame["check"] == check).sum())
        if count:
            lines.append(f"- **Ids**: {describe_number(count, 'row')} {words}.")
    span = frame.loc[(frame["check"] == "export dates").to_numpy(), "found"]
    stamp = frame.loc[(frame["check"] == "export date").to_numpy(), "found"]
    if len(span):
        first, last = (pd.Timestamp(d) for d in str(span.iloc[0]).split(".."))
        when = f"; its latest row was changed on {pd.Timestamp(stamp.iloc[0]):%d %B %Y}" if len(stamp) and stamp.iloc[0] else ""
        lines.append(f"- **The export** holds {n:,} rows, {describe_dates(first, last, long=True)}{when}. ACLED "
                     "revises its events: a later export can differ.")
    return "\n".join(lines)


# --- how this was compared --------------------------------------------------------------------------


def method(compared: Compared) -> str:
    """Say how the comparison was made: the rules, the thresholds, the grades, the tables' versions, the sensitivity."""
    rules, result = compared.result.rules, compared.result
    km = rules.place_km
    versions = join_words([f"`{md(name)}` {md(digest)}" for name, digest in result.versions.items()])
    links = compared.linked
    held = int(links["stable"].sum()) if len(links) else 0
    variants = (f"graded again under {describe_number(len(VARIANTS), 'other threshold')} "
                f"({join_words([v[0] for v in VARIANTS])})")
    lines = [
        "## How this was compared",
        "",
        "Each coded event is set against every ACLED event whose dates are close, by rules "
        "(`analysis.reconcile`; docs/acled.md, \"Reconciling with an ACLED export\").",
        "",
        "- **Scope**: coded statements, talks, votes and plans are outside ACLED's scope (the table "
        "`reconcile_scope.csv`). On ACLED's side, the events in scope are those in the coded events' span with "
        f"one of {join_words([md(a) for a in rules.focus_actors])} among their actors.",
        f"- **Time**: the coded window against ACLED's (its day, week or month); windows up to "
        f"{describe_number(rules.slack_days, 'day')} apart are the same time (an overnight strike is dated to "
        f"either day), up to {rules.near_days} a near miss. A window longer than {rules.window_days} days set "
        "against one event needs review.",
        f"- **Place**: the distance against a limit from both places' precision ({km[0]:g}, {km[1]:g} and "
        f"{km[2]:g} km for a site, a town and a region, added); a named base or one of its aliases is the same "
        f"place; up to {rules.near_place_factor:g} times the limit is near. A coded event without coordinates can be "
        "at most \"plausible (no place)\".",
        "- **Kind and actors**: sub-event types through their families (`reconcile_families.csv`), ACLED's actor "
        "names through `reconcile_actors.csv` (the same actor, or a near one with its reason).",
        "- **Grades** (the first rule a pair meets; `analysis.stats.reconcile_evidence.grade_pairs`): strong (the "
        "same time and place, kinds of one family, the same or near actors); plausible (the same time and place, "
        "with kinds of one family and some actors in common, or kinds of two families and the same or near actors); "
        "plausible (no place) (no coded place; time, family and the same or near actors); near miss (family and "
        "actors, just beyond the time or the place); related (time, place and family). Similar notes (at least "
        f"{rules.similar_notes:.0%} of the shorter note's words) corroborate a link, never make one.",
        f"- **Sensitivity**: {variants}, {held:,} of the {describe_number(len(links), 'link')} keep their grade "
        "under every one." if len(links) else
        f"- **Sensitivity**: no coded event is linked, so no link is {variants}.",
        f"- **Mapping tables** (SHA-256, first 12 digits): {versions}.",
    ]
    return "\n".join(lines)


__all__ = ["Compared", "compare", "event_name", "acled_name", "page_heading", "dateline", "found", "found_table",
           "reasons_text", "chart_links", "links_chart_title", "differences", "outside_scope", "without_counterpart",
           "lacking", "lacking_table", "lacking_caption", "checks", "method"]
