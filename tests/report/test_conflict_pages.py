"""The report of an ACLED file with several conflicts, read as a reader reads its pages: who fought whom, whether
June's rise is one of coverage, where, the target's attacks and their perpetrators, the caveats, the counting
rule, the events in full beside the report and the index's title, each figure checked against pandas on the file.

The report is the run ``acled-conflicts`` of ``report_support.RUNS``, built once for this module and
test_story_pages.py: :func:`tests.acled_files.write_acled_conflicts` (Iraq and Syria, five conflicts, civilian
targeting, associated actors on the target, a source that first reports in June) in a window that starts in
mid-March, with a target named only in ``assoc_actor_2``: every page follows the events that involve it.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from report_support import TARGET, page_text, story_runs

from analysis.stats.periods import COUNT_NAMES

pytestmark = pytest.mark.report  # builds a report: left out by `make test-fast`

ACTOR_COLUMNS = ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    run = story_runs(tmp_path_factory)["acled-conflicts"]
    start = run["parameters"]["START"]
    raw = pd.read_csv(run["parameters"]["DATA"], dtype=str, keep_default_na=False)
    raw["event_date"] = pd.to_datetime(raw["event_date"])
    raw["fatalities"] = raw["fatalities"].astype(int)
    raw = raw[raw["event_date"] >= start]
    raw = raw[raw[ACTOR_COLUMNS].apply(lambda column: column.str.contains(TARGET, regex=False)).any(axis=1)]
    pages = {path.name[:2]: page_text(path.read_text(encoding="utf-8"))
             for path in run["out"].glob("[0-9][0-9]-*.html")}
    pages["index"] = page_text((run["out"] / "index.html").read_text(encoding="utf-8"))
    return raw, {key: re.sub(r"\s+", " ", text) for key, text in pages.items()}, run["out"]


def test_the_timeline_page_says_who_fought_whom_and_counts_by_event_date(built):
    raw, pages, _ = built
    page = pages["01"]
    assert f"How events involving {TARGET} unfolded in Iraq, 15 March 2020 to" in page
    assert f"{len(raw)} events involving {TARGET} in Iraq" in page
    # one pair of actors fought every event of the target: said once, as who fought whom (its disorder type, the
    # same events and killed, is not said again)
    assert raw[["actor1", "actor2"]].drop_duplicates().shape[0] == 1
    first, second = raw["actor1"].iloc[0], raw["actor2"].iloc[0]
    assert raw["admin1"].nunique() == 1  # where: the one region of its events, and the killed of any side
    assert (f"All {len(raw)} events in {raw['admin1'].iloc[0]}, in which {raw['fatalities'].sum()} people were "
            f"killed (on any side), set {first} against {second}.") in page
    assert "Political violence:" not in page
    assert (raw["civilian_targeting"] == "Civilian targeting").sum() == 0  # the target's events spare civilians
    assert "No event has civilians as its main target" in page
    assert "The first month (March 2020) is partial: the data cover 15-31 March 2020" in page
    assert "counted in the period of the one date ACLED gives it, as ACLED Explorer and acledR count" in page
    june = raw[raw["event_date"].dt.month == 6]
    carried = int(june["source"].str.strip().eq("Local Network").sum())  # the events only it reports
    assert (f"The rise in June 2020 coincides with a new source, Local Network, the only source of {carried} of "
            "June 2020's events") in page
    actors = pd.concat([raw[["actor1"]].rename(columns={"actor1": "actor"}),
                        raw[["actor2"]].rename(columns={"actor2": "actor"})])
    top = actors[actors["actor"] != ""]["actor"].value_counts()
    assert " events killed in these events (any side) as first actor as second actor " in page  # the table's headers
    assert " actor other actor killed " in page  # the events table's killed column
    assert f" {top.index[0]} " in page and f" {top.iloc[0]} " in page


def test_the_attacks_page_lists_the_targets_attacks_with_their_perpetrators(built):
    raw, pages, _ = built
    page = pages["02"]
    hit = raw[raw["event_type"].isin(["Battles", "Explosions/Remote violence"])
              & raw["assoc_actor_2"].str.contains(TARGET, regex=False)]
    assert f"The data hold {len(hit)} events of battles and remote violence on {TARGET}, " in page
    assert f"of the {len(raw)} events involving {TARGET} in Iraq" in page
    assert "How events are counted in time" in page
    # counted on event_date, the busy weeks are one count, not three equal columns, under a headline that states
    # the peak (the chart's bars are checked at function level: tests/viz/test_counts.py)
    assert COUNT_NAMES["certain"] not in page and "expected (an event known" not in page
    assert f" week battles and remote violence on {TARGET} " in page  # each week one cell, "2-8 Mar 2020"
    assert f"Battles and remote violence on {TARGET} in Iraq peaked in the week of " in page
    # the monthly chart's title names a new source: the part of each month only it reports is hatched, with its key
    alone = hit[hit["source"] == "Local Network"].groupby(hit["event_date"].dt.to_period("M")).size()
    first = raw.loc[raw["source"].str.contains("Local Network"), "event_date"].min()
    assert (f"{TARGET} in Iraq peaked in June 2020: {(hit['event_date'].dt.month == 6).sum()} attacks, as a new "
            "source began reporting") in page
    assert (f"Hatched and outlined at the top of the bars, reported only by Local Network, first cited {first.day} "
            "June 2020: " + "; ".join(f"{month:%b %Y}: {n}" for month, n in alone.items()) + ".") in page
    # every attack listed: perpetrator, the attacked with its associated actors, the killed, what happened
    assert " id when location region sub-event type perpetrator attacked killed what " in page
    deadliest = hit.sort_values(["fatalities", "event_date"], ascending=[False, True]).iloc[0]
    first_sentence = deadliest["notes"].split(". ")[0] + "."
    assert (f" {deadliest['event_id_cnty']} {deadliest['event_date']:%-d %b %Y} {deadliest['location']} "
            f"{deadliest['admin1']} {deadliest['sub_event_type']} {deadliest['actor1']} {deadliest['actor2']} with "
            f"{' and '.join(deadliest['assoc_actor_2'].split('; '))} {deadliest['fatalities']} {first_sentence} ") in page
    # attacks by perpetrator, in a sentence and a table
    by = hit.groupby("actor1")["fatalities"].agg(["size", "sum"]).sort_values("size", ascending=False)
    name, row = by.index[0], by.iloc[0]
    assert (f"By perpetrator (ACLED's first actor): {name} ({row['size']} attacks, "
            f"{round(100 * row['size'] / len(hit))}%; {row['sum']} people killed)") in page
    assert f" perpetrator actor type attacks killed {name} Political militia {row['size']} {row['sum']} " in page


def test_the_where_page_maps_and_counts_the_events_by_region_and_month(built):
    raw, pages, _ = built
    page = pages["03"]
    places = raw.groupby(["latitude", "longitude"]).ngroups
    regions = raw.groupby("admin1")["fatalities"].agg(["size", "sum"]).sort_values("size", ascending=False)
    assert len(regions) == 1
    region, row = regions.index[0], regions.iloc[0]
    assert (f"The {len(raw)} events involving {TARGET} took place in Iraq, all in {region} ({row['sum']} killed), "
            f"at {places} places.") in page  # one region: named, not "the most"
    month = raw["event_date"].dt.to_period("M")
    june, july = raw[month == "2020-06"], raw[month == "2020-07"]
    assert (" region events killed events, June 2020 events, July 2020 change in events change in killed "
            f"{region} {row['size']} {row['sum']} {len(june)} {len(july)} {len(july) - len(june)} "
            f"{july['fatalities'].sum() - june['fatalities'].sum()} ") in page
    # the map's headline states the finding (one region holds them all), and its alt text starts with it
    assert f"Chart: All {len(raw)} events involving {TARGET} in Iraq were in {region}." in page
    assert f"at {places} places" in page
    # none of the target's events is a strategic development: said once, in the lead (not again under the section on
    # the target's developments), with no empty table of changes after it
    said = page.count("None of these is a strategic development") + page.count("No strategic development involving")
    assert said == 1 and "No changes of posture" not in page
    assert "Strategic developments involving" not in page  # no section whose only content is that there are none
    assert "Every change of posture" not in page


def test_what_the_file_cannot_tell_is_said_in_full_on_the_first_page_and_pointed_to_from_the_others(built):
    """A reader who reads the pages in order reads the file's limits once, at the end of the first page; each
    other page names them and says where they are, in one line."""
    _, pages, _ = built
    numbered = sorted(key for key in pages if key != "index")
    assert numbered == ["01", "02", "03", "04"]
    for caveat in ("a quiet week may be a week with little reporting", "ACLED does not count the wounded",
                   "the second actor is the side an event was directed at only as ACLED codes it"):
        assert [key for key in numbered if caveat in pages[key]] == ["01"], caveat
    title = re.search(r"How events involving \D+? unfolded in Iraq, 15 March 2020 to \d+ \w+ 2020", pages["01"])
    assert title, pages["01"][:300]
    pointer = ("What this file cannot tell (what went unreported; the wounded, and the true toll; who was the target) "
               f"is set out at the end of the first page, \u201c{title.group()}\u201d.")
    assert [key for key in numbered if pointer in pages[key]] == ["02", "03", "04"]


def test_the_events_are_in_full_beside_the_report_and_the_index_says_what_the_report_is_about(built):
    raw, pages, report = built
    written = pd.read_csv(report / "events.csv", dtype=str, keep_default_na=False)
    assert sorted(written["event_id"]) == sorted(raw["event_id_cnty"])
    assert written.set_index("event_id").loc[raw["event_id_cnty"], "fatalities"].astype(int).tolist() == (
        raw["fatalities"].tolist())
    assert f"All {len(raw)} events are in events.csv beside this report" in pages["01"]
    last = raw["event_date"].max()
    assert pages["index"].startswith(f" Conflict events involving {TARGET} in Iraq, 15 March 2020 to "
                                     f"{last:%-d %B %Y} ")
    assert "conflicts.csv" not in pages["index"].split("Iraq, 15 March 2020")[0]


def test_the_sources_page_shows_the_outlets_over_time_and_the_caveats(built):
    raw, pages, _ = built
    page = pages["04"]
    outlets = raw.assign(outlet=raw["source"].str.split("; ")).explode("outlet")
    local = outlets[outlets["outlet"] == "Local Network"]
    assert f"Local Network (from June 2020, {len(local)} events)" in page
    coded = raw[raw["notes"].str.contains("coded as 3")]
    assert f"Placeholder fatalities : {len(coded)} events ({round(100 * len(coded) / len(raw))}%)" in page
    single = raw[~raw["source"].str.contains(";")]
    assert f"{len(single)} events ({round(100 * len(single) / len(raw))}%) rest on one outlet" in page
    assert "per month of ACLED's date" in page
    # no two events of a day share their place, actors and kind (a battle's actors in either order): none is
    # said to be coded twice, and the events dated to a week or a month are said not to be compared
    by_day = raw[raw["time_precision"] == "1"]
    pair = by_day[["actor1", "actor2"]].apply(lambda actors: " | ".join(
        sorted(actors) if by_day.loc[actors.name, "event_type"] == "Battles" else list(actors)), axis=1)
    alike = by_day.assign(pair=pair).duplicated(["event_date", "location", "latitude", "longitude", "pair",
                                                 "sub_event_type"], keep=False)
    assert not alike.any()
    assert "No two events share their day, place, actors and kind under different ids." in page
    undated = int((raw["time_precision"] != "1").sum())
    assert undated and f"{undated} events dated only to a week or a month are not compared" in page
