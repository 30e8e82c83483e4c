"""The sources page's words (notebook 04): who reported the events, alone or not, the passages cited, and the
title of its chart."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ...stats.coverage import source_scales
from ...stats.evidence import disputed_points
from ...text import describe_number, in_words, join_words
from ...text import markdown_text as md
from .common import Dateline, Escape, Heading, capital, findings, heading, in_window, involved, nothing, percent
from .common import dateline as common_dateline
from .facts import Facts
from .plain import headlines_of, numbered, plain_notes_of, point_words


def page_heading(facts: Facts) -> Heading:
    """The page's title and lead: how many reports or outlets stand behind the events, and how many rest on one."""
    data = facts.data
    if data.coded:
        def title(esc):
            return f"Sources and evidence, {data.period_text}: what each report contributes"
    else:
        def title(esc):
            return f"Who reported the events{involved(facts, esc)}: the sources of {esc(data.source_name)}"
    return heading(title, lambda esc: [lead(facts, esc)])


def chart_title(facts: Facts, chart: str = "sources") -> str:
    """The title of the sources chart, as plain text: for an ACLED run the outlet behind the most events, a tie named
    whole ("Shafaq News reported the most events in Iraq and Syria: 117 of 170, 84 of them alone")."""
    where = f"{facts.data.place}, {facts.data.period_text}"
    if facts.coded:
        return f"Which report supports how many events, {where}"
    table = facts.sources_table if "source" in facts.events.columns else pd.DataFrame()
    if table.empty:
        return f"Who reported the events: outlets and source scale, {where}"
    top = _most(table)
    names = join_words([str(name) for name in top["source"]])
    most = f"{names} reported the most events{involved(facts, str)} in {facts.data.place}"
    if len(top) > 1:
        return f"{most}: {int(top['events'].iloc[0]):,} each of {len(facts.events):,}"
    return (f"{most}: {int(top['events'].iloc[0]):,} of {len(facts.events):,}, "
            f"{int(top['only_source'].iloc[0]):,} of them alone")


def _most(table: pd.DataFrame) -> pd.DataFrame:
    """The outlets of the sources table (most events first) behind the most events, a tie whole; the chart's title
    and the sentences under it name the same."""
    return table[table["events"] == table["events"].iloc[0]] if len(table) else table


def chart_subtitle(facts: Facts, chart: str = "sources") -> str:
    """What the sources chart counts, as plain text."""
    return "Events each source reports, and those it alone reports"


def lead(facts: Facts, esc: Escape = md) -> str:
    """Say how many reports or outlets stand behind the events, and how many events rest on a single one."""
    events = facts.events
    if events.empty:
        return nothing(facts, esc=esc)
    if facts.coded:
        reports = facts.data.reports
        per_event = reports.groupby("event_id")["doc_id"].nunique()
        single = int((per_event == 1).sum())
        return (f"{describe_number(reports['doc_id'].nunique(), 'coded report')} support the "
                f"{describe_number(len(events), 'event')} {in_window(facts, esc)}; "
                f"{describe_number(single, 'event')} rest on a single report.")
    if "source" not in events.columns:
        return "The file has no source column: it does not say who reported the events."
    table, outlets = facts.sources_table, facts.outlets
    single = int(outlets.loc[outlets["outlets"] == "1", "events"].sum())
    return (f"{describe_number(len(table), 'outlet')} stand behind the "
            f"{describe_number(len(events), 'event')} {in_window(facts, esc)}; "
            f"{describe_number(single, 'event')} ({percent(single, len(events))}) rest on a single outlet.")


def key_sentences(facts: Facts) -> str:
    """Write the key sentences of the sources page: who reports the most, alone, and at which scale; "" where the
    page's lead (:func:`lead`) has said all there is (the coded reports, no events, no source column).

    The lead, just above, says how many reports or outlets stand behind the events: not again here.
    """
    events = facts.events
    if facts.coded or events.empty or "source" not in events.columns:
        return ""
    table = facts.sources_table
    lines = []
    top = _most(table)
    if len(top) == 1:
        row = top.iloc[0]
        lines.append(f"{md(row['source'])} reports the most: {describe_number(row['events'], 'event')} "
                     f"({percent(row['events'], len(events))}), {row['only_source']:,} of them alone.")
    elif len(top) > 1:  # a tie at the top said whole, as the chart's title says it
        most, rows = int(top["events"].iloc[0]), list(top.itertuples())
        if top["only_source"].nunique() == 1:
            alone = f", {rows[0].only_source:,} of them alone each"
        else:
            alone = (f"; {md(rows[0].source)} reports {rows[0].only_source:,} of its alone, "
                     + join_words([f"{md(row.source)} {row.only_source:,}" for row in rows[1:]]))
        lines.append(f"{join_words([md(name) for name in top['source']])} report the most, "
                     f"{describe_number(most, 'event')} each ({percent(most, len(events))} each){alone}.")
    outlets = facts.outlets
    many = int(outlets.loc[outlets["outlets"] == "3 or more", "events"].sum())
    lines.append(f"{capital(describe_number(many, 'event'))} rest on three outlets or more.")
    if "source_scale" in events.columns:
        scales = source_scales(events)
        top_scale = scales.iloc[0]
        one = len(scales) == 1
        lines.append("The file gives no event's source scale (how far its outlets reach)."
                     if one and top_scale["source_scale"] == "not given" else
                     f"Every event's source scale (how far its outlets reach) is {md(top_scale['source_scale'])}."
                     if one else
                     f"By ACLED's source scale, {md(top_scale['source_scale'])} comes first, with "
                     f"{describe_number(top_scale['events'], 'event')}.")
    return findings("What it shows", lines[0], lines[1:])


def sections(facts: Facts) -> dict[str, Callable[[], str]]:
    """The page's section headings and how to read them, each written when called: ``"reports"``, ``"matrix"``,
    ``"conflicts"`` and ``"passages"`` (those only the coded documents fill are "" for an ACLED file)."""
    coded = facts.coded
    return {
        "reports": lambda: ("## The reports\n\nWhat each coded report contributes to this window: the events it supports, "
                    "the passages the coding cites from it, and the events for which it is the only source." if coded else
                    "## Who reported the events\n\nACLED names the outlets behind each event and their reach (its "
                    "source scale: local, national, international ...). The chart counts the events each outlet reports, and those it "
                    "alone reports (no other outlet confirms them)."),
        "matrix": lambda: ("## Which report supports which event\n\nOne row per report, one column per event; "
                   "the darker the cell, the more passages of the report the event rests on; a cross marks a "
                   "report's claim on a point the claims contradict each other on, and ≈ one where they differ only "
                   "in precision or wording." if coded else ""),
        "conflicts": lambda: ("## Where reports, or the people they quote, disagree\n\nClaims on the events of this window "
                      "with different values, side by side." if coded else ""),
        "passages": lambda: ("## The passages each event rests on\n\nFor every event, in order of the day it is drawn on (the middle "
                     "of the days the reports allow), the "
                     "passages of the reports that the coding cites for it: the passage marked, with the sentence "
                     "before and after it, and the report it comes from (its outlet and date of publication)."
                     if coded else ""),
    }


def corroboration_sentence(reports: pd.DataFrame) -> str:
    """Say how many events rest on a single report and how many are told by three or more.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1", "EV1", "EV1", "EV2"], "doc_id": ["a", "b", "c", "a"]})
    >>> corroboration_sentence(frame)
    'Half of the events (1 of 2) rest on a single report; one is told by three.'
    """
    per_event = reports.groupby("event_id", observed=True)["doc_id"].nunique()
    total, single, many = len(per_event), int((per_event == 1).sum()), int((per_event >= 3).sum())
    share = "Most events" if single * 2 > total else ("Half of the events" if single * 2 == total else "Some events")
    most = int(per_event.max()) if total else 0
    upper = "three or more" if most > 4 else ("three or four" if most == 4 else "three")
    verb = "is" if many == 1 else "are"
    return f"{share} ({single} of {total}) rest on a single report; {in_words(many)} {verb} told by {upper}."


#: How the disputes table says the claims of a point differ (:data:`analysis.stats.evidence.CLAIM_DIFFERENCES`).
DIFFERENCE_WORDS = {"contradict": "contradict each other", "precision": "differ only in precision",
                    "wording": "differ only in wording", "complement": "differ, but can all hold"}


def disputes_sentence(reports: pd.DataFrame) -> str:
    """Say how many points have competing claims, how many within one report or between reports, and, where some
    claims differ only in precision or wording, or differ but can all hold (the evidence chart marks those apart), on
    how many they contradict each other.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1", "EV1"], "doc_id": ["a", "b"], "claim_field": ["actor", "actor"],
    ...                       "claim_value": ["x", "y"], "claimant": ["p", "q"], "quote": ["..", ".."],
    ...                       "report_id": ["RP1", "RP2"]})
    >>> disputes_sentence(frame)
    'One point is disputed: none within one report quoting several sides and one between reports.'
    >>> disputes_sentence(pd.concat([frame, frame.assign(event_id="EV2", claim_value=["11 March", "11-29 March"])]))
    'Two points have competing claims: none within one report quoting several sides and two between reports; on one \
the claims contradict each other, on one they differ only in precision or wording.'
    """
    points = disputed_points(reports)
    if points.empty:
        return "No point is disputed."
    within = int((points["where"] == "within one report").sum())
    between = len(points) - within
    within_, between_ = ("none" if n == 0 else in_words(n) for n in (within, between))
    how = points["difference"]
    groups = [(int((how == "contradict").sum()), "contradict each other"),
              (int(how.isin(["precision", "wording"]).sum()), "differ only in precision or wording"),
              (int((how == "complement").sum()), "differ but can all hold")]
    one = len(points) == 1
    if groups[0][0] == len(points):
        subject = f"{in_words(len(points)).capitalize()} point{' is' if one else 's are'} disputed"
        return f"{subject}: {within_} within one report quoting several sides and {between_} between reports."
    subject = f"{in_words(len(points)).capitalize()} point{' has' if one else 's have'} competing claims"
    said = [(n, words) for n, words in groups if n]
    if len(said) == 1:
        told = f"on {'it' if one else 'each'}, the claims {said[0][1]}"
    else:
        told = ", ".join(f"on {in_words(n)} {'the claims' if i == 0 else 'they'} {words}"
                         for i, (n, words) in enumerate(said))
    return f"{subject}: {within_} within one report quoting several sides and {between_} between reports; {told}."


def corroboration_table(reports: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame,
                        beforehand: pd.DataFrame | None = None) -> pd.DataFrame:
    """List every event with the reports that tell it, for a reader: by its number and headline, not its id.

    :func:`analysis.stats.evidence.corroboration` of ``events``, with each
    event's headline (``what``) after its number. With ``beforehand``, the
    passages that tell of their event without attesting it (a plan, a
    forecast, or a report out before it could have happened:
    :func:`analysis.stats.evidence.told_beforehand`), a last column
    ``beforehand`` names the reports that tell of each event only so: they
    are not counted among its reports.

    Examples
    --------
    >>> reports = pd.DataFrame({"event_id": ["EV7", "EV7"], "doc_id": ["000_a", "001_b"]})
    >>> sources = pd.DataFrame({"doc_id": ["000_a", "001_b"], "outlet": ["AP", None], "title": [None, None],
    ...                         "published_start": pd.to_datetime(["2020-02-06", "2020-04-01"]),
    ...                         "published_end": pd.to_datetime(["2020-02-06", "2020-04-30"])})
    >>> events = pd.DataFrame({"event_id": ["EV7"], "headline": ["Rockets hit a base"], "category": ["militia attack"],
    ...                        "event_type": ["Explosions/Remote violence"],
    ...                        "date_start": pd.to_datetime(["2020-03-11"]), "date_end": pd.to_datetime(["2020-03-11"]),
    ...                        "event_date": pd.to_datetime(["2020-03-11"])})
    >>> table = corroboration_table(reports, sources, events)
    >>> table.columns.tolist(), table["what"].tolist(), table["documents"].tolist()
    (['number', 'what', 'when', 'kind', 'documents', 'document_names'], ['Rockets hit a base'], [2])
    >>> early = pd.DataFrame({"event_id": ["EV7"], "doc_id": ["000_a"]})
    >>> corroboration_table(reports.iloc[1:], sources, events, beforehand=early)[["documents", "beforehand"]].values.tolist()
    [[1, 'AP, 6 Feb 2020']]
    """
    from ...stats.evidence import corroboration

    table = corroboration(reports, sources, events).reset_index(drop=True)
    table.insert(table.columns.get_loc("event_id") + 1, "what", headlines_of(events, table["event_id"]).to_numpy())
    if beforehand is not None and beforehand["event_id"].isin(table["event_id"]).any():
        # a report that also attests the event is among its reports: named once, there
        attesting = set(zip(reports["event_id"].astype("string"), reports["doc_id"].astype("string")))
        only = beforehand[[pair not in attesting for pair in zip(beforehand["event_id"].astype("string"),
                                                                   beforehand["doc_id"].astype("string"))]]
        told = corroboration(only, sources).set_index("event_id")["document_names"] if len(only) else pd.Series()
        table["beforehand"] = table["event_id"].map(told).fillna("").astype("string")
    return numbered(events, table)



def reports_table(sources: pd.DataFrame) -> pd.DataFrame:
    """List the coded reports for a reader: each by its name, its headline ("no headline" where it has none) and how
    its publication dates are known, in the coder's words made plain (the sources table's ``published_basis``,
    :func:`analysis.report.words.plain.plain_notes`): a date line of its own, or an inference from what it reports,
    since a name's dates ("unnamed outlet, Apr 2020") are as sure as that.

    Examples
    --------
    >>> frame = pd.DataFrame({"doc_id": ["004_x"], "title": [None], "outlet": ["Associated Press"],
    ...                       "published_start": pd.to_datetime(["2020-02-06"]),
    ...                       "published_end": pd.to_datetime(["2020-02-06"]),
    ...                       "published_basis": ["The text opens with its date."]})
    >>> reports_table(frame).values.tolist()
    [['Associated Press, 6 Feb 2020', 'no headline', 'The text opens with its date.']]
    """
    from ...stats.evidence import sources_table

    ordered = sources.sort_values(["published_start", "published_end", "doc_id"], kind="stable")
    listed = sources_table(sources)
    return pd.DataFrame({
        "document": listed["document"].to_numpy(),
        "headline": listed["title"].fillna("no headline").to_numpy(),
        "how its dates are known": plain_notes_of(ordered["published_basis"].to_numpy(), sources),
    }).astype("string")

def disputes_table(reports: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """List the competing claims for a reader: the event by its number and headline, the point in words.

    One row per claim (:func:`analysis.stats.evidence.list_conflicts`):
    number, event (its headline), point (:func:`analysis.report.words.plain.point_words`),
    claim (the reports and events it names as the pages name them), claimant, document, and "the claims": how
    the claims on the point differ (:data:`DIFFERENCE_WORDS`: they contradict each other, or differ only in
    precision or wording, as the evidence chart marks them). The event, the point and how its claims differ are
    said on a point's first row only: the reading is of the point's claims together, not of each row.

    Examples
    --------
    >>> reports = pd.DataFrame({"event_id": ["EV7", "EV7"], "doc_id": ["000_a", "001_b"],
    ...                         "claim_field": ["actor", "actor"], "claim_value": ["a militia", "as in document 000"],
    ...                         "claimant": ["the article", "the article"], "quote": ["..", ".."],
    ...                         "report_id": ["RP1", "RP2"]})
    >>> sources = pd.DataFrame({"doc_id": ["000_a", "001_b"], "outlet": ["AP", None], "title": [None, None],
    ...                         "published_start": pd.to_datetime(["2020-02-06", "2020-04-01"]),
    ...                         "published_end": pd.to_datetime(["2020-02-06", "2020-04-30"])})
    >>> events = pd.DataFrame({"event_id": ["EV7"], "headline": ["Rockets hit a base"]})
    >>> table = disputes_table(reports, sources, events)
    >>> [str(value) for value in table.iloc[0]]
    ['7', 'Rockets hit a base', 'who did it', 'a militia', 'the article', 'AP, 6 Feb 2020', 'contradict each other']
    >>> [str(value) for value in table.iloc[1]]
    ['7', '', '', 'as in AP (6 Feb 2020)', 'the article', 'unnamed outlet, Apr 2020', '']
    """
    from ...stats.evidence import list_conflicts

    conflicts = list_conflicts(reports, sources).reset_index(drop=True)
    out = pd.DataFrame({
        "event_id": conflicts["event_id"].astype("string"),
        "event": headlines_of(events, conflicts["event_id"]),
        "point": pd.array([point_words(p) for p in conflicts["claim_field"]], dtype="string"),
        "claim": plain_notes_of(conflicts["claim_value"].to_numpy(), sources),
        "claimant": conflicts["claimant"].astype("string"),
        "document": conflicts["document"].astype("string"),
        "the claims": conflicts["difference"].map(DIFFERENCE_WORDS).astype("string"),
    })
    # a point's claims are listed together; what the point is and how its claims differ head its first row
    again = conflicts.duplicated(["event_id", "claim_field"]).to_numpy()
    out.loc[again, ["event", "point", "the claims"]] = ""
    return numbered(events, out)


def plot_sources(facts: Facts) -> object:
    """Draw who stands behind this run's events: outlets (and ACLED's source scale), or the coded reports."""
    import matplotlib.pyplot as plt

    from ...viz.figures import headline
    from ...viz.sources import plot_source_scales
    from ...viz.sources import plot_sources as plot_table

    events = facts.events
    # a panel of source scales only where there are several: one bar of every event says nothing a sentence does not
    if facts.coded or "source_scale" not in events.columns or len(source_scales(events)) < 2:
        fig, ax = plt.subplots(figsize=(10, 3.6), layout="constrained")
        plot_table(facts.sources_table, what="reports" if facts.coded else "outlets", ax=ax)
    else:
        fig, (ax, right) = plt.subplots(1, 2, figsize=(11, 4.2), width_ratios=[3, 2], layout="constrained")
        plot_table(facts.sources_table, ax=ax)
        plot_source_scales(source_scales(events), ax=right)
    title = "" if facts.is_default else chart_title(facts)
    subtitle = "" if facts.is_default else chart_subtitle(facts)
    headline(fig, title, subtitle=subtitle, source=facts.data.source_line)
    return fig


def dateline(facts: Facts) -> Dateline:
    """The page's dateline: the events whose sources it sets out; with the rows ``INVALID=drop`` left out, the
    outlets they would add to (:func:`outlet_figures`)."""
    return common_dateline(facts, describe_number(len(facts.events), "event"), figures=outlet_figures(facts))


def outlet_figures(facts: Facts) -> list:
    """The outlets the rows ``INVALID=drop`` left out name (``source``, split as
    :func:`analysis.stats.coverage.event_sources` splits it), each with its events and the most any outlet has
    (:func:`analysis.report.words.dropped.group_figures`); none where no row was left out."""
    from ...stats.coverage import event_sources
    from .dropped import group_figures, rows_left_out

    rows = rows_left_out(facts)
    if rows is None or "source" not in rows.columns or "source" not in facts.events.columns:
        return []
    table = facts.sources_table
    counts = pd.Series(table["events"].to_numpy(), index=table["source"].astype(str).to_numpy())
    split = event_sources(pd.DataFrame({"event_id": rows.index.astype(str), "source": rows["source"]}))
    named = split.groupby("event_id")["source"].agg(lambda outlets: sorted(set(outlets.astype(str))))
    return group_figures(counts, pd.Series([named.get(str(k), []) for k in rows.index], index=rows.index))
