"""The report of an ACLED file with several conflicts, read as a reader reads its pages: who fought whom, whether
June's rise is one of coverage, the caveats, the counting rule, each figure checked against pandas on the file.

The report is the run ``acled-conflicts`` of ``report_support.RUNS``, built once for this module and
test_story_pages.py: :func:`tests.acled_files.write_acled_conflicts` (Iraq and Syria, five conflicts, civilian
targeting, associated actors on the target, a source that first reports in June) in a window that starts in
mid-March, with a target named only in ``assoc_actor_2``.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from report_support import TARGET, page_text, story_runs

pytestmark = pytest.mark.report  # builds a report: left out by `make test-fast`


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    run = story_runs(tmp_path_factory)["acled-conflicts"]
    start = run["parameters"]["START"]
    raw = pd.read_csv(run["parameters"]["DATA"], dtype=str, keep_default_na=False)
    raw["event_date"] = pd.to_datetime(raw["event_date"])
    raw["fatalities"] = raw["fatalities"].astype(int)
    raw = raw[raw["event_date"] >= start]
    pages = {path.name[:2]: page_text(path.read_text(encoding="utf-8"))
             for path in run["out"].glob("[0-9][0-9]-*.html")}
    return raw, {key: re.sub(r"\s+", " ", text) for key, text in pages.items()}


def test_the_timeline_page_says_who_fought_whom_and_counts_by_event_date(built):
    raw, pages = built
    page = pages["01"]
    assert f"{len(raw)} events in Iraq and Syria" in page
    killed = raw.groupby("disorder_type")["fatalities"].agg(["size", "sum"])
    row = killed.loc["Political violence"]
    assert f"Political violence: {row['size']} events, {row['sum']} killed" in page
    marked = raw[raw["civilian_targeting"] == "Civilian targeting"]
    assert f"Civilians were the main target of {len(marked)} events" in page
    assert f"in which {marked['fatalities'].sum()} people were killed" in page
    assert "The first month (March 2020) is partial: the data cover 15-31 March 2020" in page
    assert "counted in the period of its event_date , as ACLED Explorer and acledR count" in page  # code span
    june = raw[raw["event_date"].dt.month == 6]
    carried = int(june["source"].str.contains("Local Network").sum())
    assert (f"The rise in June 2020 coincides with a new source, Local Network, which accounts for {carried} of "
            "June 2020's events") in page
    actors = pd.concat([raw[["actor1"]].rename(columns={"actor1": "actor"}),
                        raw[["actor2"]].rename(columns={"actor2": "actor"})])
    top = actors[actors["actor"] != ""]["actor"].value_counts()
    assert " events killed as actor1 as actor2 " in page  # the actors table's headers
    assert " actor other actor killed " in page  # the events table's killed column
    assert f" {top.index[0]} " in page and f" {top.iloc[0]} " in page


def test_the_attacks_page_follows_the_target_named_in_the_associated_actors(built):
    raw, pages = built
    hit = raw[raw["event_type"].isin(["Battles", "Explosions/Remote violence"])
              & raw["assoc_actor_2"].str.contains(TARGET, regex=False)]
    assert f"The data hold {len(hit)} attacks" in pages["02"]
    assert "How events are counted in time" in pages["02"]


def test_the_sources_page_shows_the_outlets_over_time_and_the_caveats(built):
    raw, pages = built
    page = pages["04"]
    outlets = raw.assign(outlet=raw["source"].str.split("; ")).explode("outlet")
    local = outlets[outlets["outlet"] == "Local Network"]
    assert f"Local Network (from June 2020, {len(local)} events)" in page
    coded = raw[raw["notes"].str.contains("coded as 3")]
    assert f"Placeholder fatalities : {len(coded)} events ({round(100 * len(coded) / len(raw))}%)" in page
    single = raw[~raw["source"].str.contains(";")]
    assert f"{len(single)} events ({round(100 * len(single) / len(raw))}%) rest on one outlet" in page
    assert "per month of their event_date" in page
