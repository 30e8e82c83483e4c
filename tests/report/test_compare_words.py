"""The words of the page that sets the coded events beside an ACLED export, against pandas on the files themselves.

The export is of the coded data's own making (tests/acled_files.py, ``COMPARISON_EVENTS``): the Soleimani strike
dated a day earlier with placeholder fatalities, the 11 March Taji attack saved with day and month swapped, the
June Taji attack narrowed to a day, the K-1 attack with a named attacker, the 14 March Taji attack coded as a
clash, five attacks the coded data lacks (four in January 2020), and two rows out of scope. Every figure the
words give is computed again here from the CSV files with pandas (the coded ``events.csv``, the export's rows),
not through the loaders or the reconciliation's summaries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from importlib import resources

import pandas as pd
import pytest
from acled_files import COMPARISON_EVENTS, write_acled_comparison, write_acled_events

import analysis
from analysis.report.inputs import notebook_data
from analysis.report.words import compare as words
from analysis.stats.reconcile import Rules
from analysis.text import describe_dates

# Slow: every test builds the comparison page's words from an export file and the coded tables.
pytestmark = pytest.mark.slow

DATA = resources.files("analysis") / "data"
#: The export's rows that stand for coded events (TST1 is the first row).
STANDS_FOR = {"TST1": "EV003", "TST2": "EV023", "TST3": "EV046", "TST4": "EV001", "TST5": "EV035"}
LACKED = ["TST6", "TST7", "TST8", "TST9", "TST10"]


@pytest.fixture(scope="module")
def export_path(tmp_path_factory):
    return write_acled_comparison(tmp_path_factory.mktemp("comparison") / "comparison.csv")


@pytest.fixture(scope="module")
def compared(export_path):
    return words.compare(notebook_data(), analysis.load_acled(export_path))


@pytest.fixture(scope="module")
def coded():
    events = pd.read_csv(DATA / "events.csv", parse_dates=["date_start", "date_end"])
    return events.assign(number=events["event_id"].str.extract(r"(\d+)$")[0].astype(int)).set_index("event_id")


@pytest.fixture(scope="module")
def rows(export_path):
    return pd.read_csv(export_path, dtype=str, keep_default_na=False).set_index("event_id_cnty")


def _named(coded: pd.DataFrame, event_id: str) -> str:
    row = coded.loc[event_id]
    when = describe_dates(row["date_start"], row["date_end"], long=True, weekday=row["weekday"])
    return f"**{row['number']}** {row['headline']} ({when})"


def test_the_heading_counts_what_acled_has_what_is_outside_its_scope_and_what_the_coded_data_lacks(compared, coded):
    political = int((coded["category"] == "political").sum())
    heading = words.page_heading(compared)
    assert heading.title == "The coded events beside the ACLED export comparison.csv"
    assert heading.summary == (f"ACLED has {len(STANDS_FOR)} of the {len(coded) - political} coded events of kinds "
                               f"it codes; the other {political} coded events are statements, talks, votes or plans, "
                               "which ACLED does not code: they are outside its scope, not missing from it.")
    assert (f"ACLED has {len(STANDS_FOR) + len(LACKED)} events involving US or coalition forces, and the coded data "
            f"lacks {len(LACKED)} of them, so its counts are a floor.") in heading.markdown


@pytest.mark.slow
def test_the_heading_says_when_the_coded_data_lacks_nothing(tmp_path):
    only = write_acled_events(tmp_path / "linked.csv", COMPARISON_EVENTS[:5])
    heading = words.page_heading(words.compare(notebook_data(), analysis.load_acled(only)))
    assert "the coded data has every one of them." in heading.markdown and "floor" not in heading.markdown


@pytest.mark.slow
def test_coded_events_outside_the_exports_dates_are_said_to_be(tmp_path, coded):
    scoped = coded.loc[coded["category"] != "political"]
    later = write_acled_events(tmp_path / "later.csv", [{**COMPARISON_EVENTS[0], "event_date": "2021-06-01"}])
    heading = words.page_heading(words.compare(notebook_data(), analysis.load_acled(later)))
    assert heading.summary.startswith(f"The export covers 1 June 2021, outside the dates of the {len(scoped)} coded "
                                      "events of kinds ACLED codes, so it can have none of them;")
    march = write_acled_events(tmp_path / "march.csv", [COMPARISON_EVENTS[4]])  # 14 March 2020 only
    day, slack = pd.Timestamp(COMPARISON_EVENTS[4]["event_date"]), pd.Timedelta(days=1)
    outside = int(((scoped["date_end"] < day - slack) | (scoped["date_start"] > day + slack)).sum())
    heading = words.page_heading(words.compare(notebook_data(), analysis.load_acled(march)))
    assert heading.summary.startswith(f"ACLED has 1 of the {len(scoped)} coded events of kinds it codes; {outside} of "
                                      "them fall outside the export's dates (14 March 2020); the other")


@pytest.mark.slow
def test_an_export_with_nothing_in_scope_is_said_to_have_nothing(tmp_path):
    outside = write_acled_events(tmp_path / "outside.csv", COMPARISON_EVENTS[-2:])  # no US forces among the actors
    compared = words.compare(notebook_data(), analysis.load_acled(outside))
    heading = words.page_heading(compared)
    assert heading.summary.startswith("ACLED has none of the")
    assert "the export has no event involving US or coalition forces." in heading.markdown
    assert words.found(compared) == "## Which coded events ACLED has\n\nNo coded event has a counterpart in this export."
    assert words.lacking(compared).endswith("The export has no event involving US or coalition forces in the coded "
                                            "events' span.")
    assert words.lacking_table(compared).empty
    assert words.differences(compared).endswith("No coded event is linked to an ACLED event, so nothing is compared "
                                                "field by field.")


def test_the_links_are_listed_with_their_grade_and_reasons(compared, coded):
    table = words.found_table(compared)
    numbers = [coded.loc[event_id, "number"] for event_id in sorted(STANDS_FOR.values())]
    assert table["no."].tolist() == numbers  # by the coded event's id
    assert [re.match(r"TST\d+", text).group() for text in table["ACLED event"]] == [
        acled for event_id in sorted(STANDS_FOR.values()) for acled, coded_id in STANDS_FOR.items()
        if coded_id == event_id]
    june = table.set_index("no.").loc[coded.loc["EV046", "number"]]
    days = (coded.loc["EV046", "date_end"] - coded.loc["EV046", "date_start"]).days + 1
    assert f"ACLED gives 1 day of the {days} the coded dates span" in june["why"] and june["grade"] == "strong, needs review"
    assert f"needs review: the coded dates span {days} days, ACLED's one" in june["why"]
    strike = table.set_index("no.").loc[coded.loc["EV003", "number"], "why"]
    assert strike.startswith("ACLED dates it 1 day earlier; 0 km apart; ACLED names Baghdad International Airport")
    clash = table.set_index("no.").loc[coded.loc["EV035", "number"], "why"]
    assert "different kinds (indirect fire and armed clash)" in clash
    swapped = table.set_index("no.").loc[coded.loc["EV023", "number"], "why"]
    assert "matched on the day its notes give (the export swapped day and month)" in swapped
    assert words.found(compared).startswith(f"## Which coded events ACLED has\n\nACLED has {len(STANDS_FOR)} coded "
                                            f"events, through {len(STANDS_FOR)} links: 4 strong and 1 plausible.")


def test_what_differs_field_by_field(compared, coded, rows):
    text = words.differences(compared)
    strike, acled = coded.loc["EV003"], rows.loc["TST1"]
    stated = re.search(r"coded as (\d+)", acled["notes"]).group(1)
    assert (f"- {_named(coded, 'EV003')}, against TST1: coded {strike['fatalities']}, ACLED {acled['fatalities']} "
            f"(ACLED's notes say \"coded as {stated}\": a set figure, not a reported count).") in text
    june = coded.loc["EV046"]
    narrowed = pd.Timestamp(rows.loc["TST3", "event_date"])
    assert june["weekday"] == "Saturday"  # its possible days, as the timeline ticks them
    assert (f"coded 6, 13, 20 or 27 June 2020; ACLED narrows it to "
            f"{describe_dates(narrowed, narrowed, long=True)}.") in text
    assert (f"- {_named(coded, 'EV001')}, against TST4: coded {coded.loc['EV001', 'actor1']}, ACLED "
            f"{rows.loc['TST4', 'actor1']} (near\\: ") in text
    clash = rows.loc["TST5"]
    assert f"ACLED {clash['event_type']}\\: {clash['sub_event_type']} (different family)" in text
    assert "ACLED has 3 November 2020; the export swapped day and month" in text
    assert text.index("**Dates**") < text.index("**Fatalities**") < text.index("**Who acted (attribution)**")


def test_the_coded_events_outside_acled_scope_are_said_to_be(compared, coded):
    text = words.outside_scope(compared)
    political = coded.loc[coded["category"] == "political"]
    assert text.startswith(f"## Outside ACLED's scope\n\n{len(political)} coded events are of a kind ACLED does not "
                           "code")
    assert "not counted as missing" in text and "unmatched" not in text
    listed = [line[2:] for line in text.splitlines() if line.startswith("- ")]
    assert listed == [_named(coded, event_id) for event_id in political.index]
    # where the reports name the weekday, the sentence names the possible days, not the range between them
    assert "**34** McKenzie says the threat from Iran remains very high (13 or 20 March 2020)" in listed
    assert "**45** Iraq and US reaffirm the US will reduce its troops (4, 11, 18 or 25 June 2020)" in listed


def test_the_coded_events_acled_lacks_are_named(compared, coded):
    text = words.without_counterpart(compared)
    lacking = [i for i in coded.index if coded.loc[i, "category"] != "political" and i not in STANDS_FOR.values()]
    listed = [re.match(r"- \*\*(\d+)\*\*", line).group(1) for line in text.splitlines() if line.startswith("- ")]
    assert listed == [str(coded.loc[i, "number"]) for i in lacking]
    assert f"- {_named(coded, 'EV041')}: ACLED has no counterpart." in text


def test_what_the_coded_data_lacks_kind_by_kind_and_the_busiest_month(compared, coded, rows):
    text = words.lacking(compared)
    lacked = rows.loc[LACKED]
    assert set(lacked["sub_event_type"]) == {"Shelling/artillery/missile attack"}  # all indirect fire
    fire = coded.loc[coded["sub_event_type"] == "Shelling/artillery/missile attack"]
    acled_fire = len(lacked) + sum(rows.loc[a, "sub_event_type"] == "Shelling/artillery/missile attack"
                                   for a in STANDS_FOR)
    assert (f"- **indirect fire**: ACLED has {acled_fire}, {acled_fire - len(lacked)} linked to a coded event and "
            f"{len(lacked)} not; the coded data has {len(fire)} of this kind: its count of this kind is a floor.") in text
    january = lacked.loc[lacked["event_date"].str.startswith("2020-01")]
    in_january = int(((fire["date_start"] <= "2020-01-31") & (fire["date_end"] >= "2020-01-01")).sum())
    assert in_january == 0
    assert (f"The most in one month: {len(january)} events of indirect fire in January 2020 that the coded data "
            "lacks; it has none of that kind in that month.") in text
    table = words.lacking_table(compared)
    assert table["ACLED event"].tolist() == LACKED
    placeholder = lacked["notes"].str.contains(r"coded as \d+")
    assert table["fatalities"].tolist() == [f"{n} (a placeholder)" if p else n
                                            for n, p in zip(lacked["fatalities"], placeholder)]
    assert placeholder.sum() == 1
    assert words.lacking_caption(compared) == "ACLED's events in scope that no coded event links to (by date)"


def test_the_chart_follows_the_kind_the_coded_data_lacks_most_of(compared, rows):
    family, months = words.chart_months(compared)
    assert family == "indirect fire"  # the five rows the coded data lacks are all shelling
    lacked = rows.loc[LACKED]
    january = int(lacked["event_date"].str.startswith("2020-01").sum())
    assert words.chart_title(compared, family, months) == (
        f"ACLED has {len(lacked)} events of indirect fire that the coded data lacks, {january} of them in January 2020")
    assert words.chart_subtitle(family).startswith("ACLED's events of indirect fire involving US or coalition forces")
    assert words.chart_source(compared).endswith("; ACLED, comparison.csv")
    assert int(months["acled_lacking"].sum()) == len(lacked)


def test_the_chart_of_links_sets_the_coded_windows_beside_acleds_dates(compared, coded, rows):
    windows, acled, links = words.chart_links(compared)
    in_scope = coded.loc[coded["category"] != "political"]
    assert sorted(windows["number"]) == sorted(in_scope["number"])
    by_number = windows.set_index("number")
    assert (by_number.loc[in_scope["number"], "start"].to_numpy() == in_scope["date_start"].to_numpy()).all()
    assert (by_number.loc[in_scope["number"], "end"].to_numpy() == in_scope["date_end"].to_numpy()).all()
    assert set(acled["event_id"]) == set(STANDS_FOR) | set(LACKED)  # the rows in scope; the two out of it are not
    assert acled.set_index("event_id")["linked"].to_dict() == {i: i in STANDS_FOR for i in acled["event_id"]}
    # the row saved with day and month swapped is set at its notes' day, as it is matched
    assert acled.set_index("event_id").loc["TST2", "date"] == pd.Timestamp("2020-03-11")
    assert rows.loc["TST2", "event_date"] != "2020-03-11"
    assert {(n, a) for n, a in zip(links["number"], links["acled_id"])} == {
        (coded.loc[event_id, "number"], acled_id) for acled_id, event_id in STANDS_FOR.items()}
    assert links.set_index("acled_id").loc["TST3", "needs_review"]  # the June window set against one day
    assert words.links_chart_title(windows, links) == (
        f"ACLED has {len(STANDS_FOR)} of the {len(in_scope)} coded events in its scope, "
        f"{int((links['grade'] == 'strong').sum())} through a strong link")


@pytest.mark.parametrize(("grades", "review", "title"), [
    ([], [], "ACLED has none of the 3 coded events in its scope"),
    (["strong", "strong"], [False, True], "ACLED has 1 of the 3 coded events in its scope, every one through a "
                                          "strong link"),
    (["related", "plausible"], [True, True], "ACLED has 2 of the 3 coded events in its scope, none through a "
                                             "strong link"),
])
def test_the_chart_of_links_is_titled_with_what_acled_has(grades, review, title):
    windows = pd.DataFrame({"number": [4, 5, 6], "start": pd.to_datetime(["2020-01-01"] * 3),
                            "end": pd.to_datetime(["2020-01-02"] * 3)})
    numbers = [4, 4] if grades == ["strong", "strong"] else [4, 5][: len(grades)]
    links = pd.DataFrame({"number": numbers, "acled_id": [f"A{i}" for i in range(len(grades))], "grade": grades,
                          "needs_review": review})
    assert words.links_chart_title(windows, links) == title
    assert words.links_chart_title(windows.iloc[:0], links.iloc[:0]) == "No coded event is of a kind ACLED codes"


def test_the_export_checks_are_said(compared, rows):
    text = words.checks(compared)
    placeholders = int(rows["notes"].str.contains(r"coded as \d+").sum())
    assert (f"- **Placeholder fatalities** in {placeholders} rows of {len(rows)}: the notes say the count was set by "
            "a coding rule") in text
    assert "TST2 reads 3 November 2020 where its notes say 11 March 2020. It is matched on the notes' day." in text
    first, last = min(rows["event_date"]), max(rows["event_date"])
    assert f"holds {len(rows)} rows, {describe_dates(pd.Timestamp(first), pd.Timestamp(last), long=True)}" in text


def test_how_this_was_compared_gives_the_rules_and_the_tables_versions(compared):
    text = words.method(compared)
    rules = Rules()
    assert text.startswith("## How this was compared")
    assert f"windows up to {rules.slack_days} day apart are the same time" in text
    assert f"({rules.place_km[0]:g}, {rules.place_km[1]:g} and {rules.place_km[2]:g} km" in text
    for name in ("scope", "families", "actors"):
        digest = hashlib.sha256((DATA / f"reconcile_{name}.csv").read_bytes()).hexdigest()[:12]
        assert f"`{name}` {digest}" in text


def test_how_this_was_compared_writes_every_threshold_as_a_figure(compared):
    """No rule's threshold reaches the page as the code that should have written it."""
    text = words.method(compared)
    assert "{" not in text and "}" not in text
    assert f"Similar notes (at least {Rules().similar_notes:.0%} of the shorter note's words)" in text
    held = int(compared.linked["stable"].sum())
    assert f"{held:,} of the {len(compared.linked):,} links keep their grade under every one." in text


def test_how_this_was_compared_says_there_is_no_link_to_grade_again(compared):
    """With no link, the sensitivity says so instead of counting "0 of the 0 links"."""
    result = dataclasses.replace(compared.result, links=compared.result.links.iloc[0:0])  # an export that links to nothing
    unlinked = dataclasses.replace(compared, result=result)
    text = words.method(unlinked)
    assert "0 of the" not in text
    assert "- **Sensitivity**: no coded event is linked, so no link is graded again under 7 other thresholds (" in text


def test_the_area_leaves_the_export_outside_it_out(export_path, rows):
    compared = words.compare(notebook_data(area="Al Anbar"), analysis.load_acled(export_path), area="Al Anbar")
    assert set(compared.export["event_id"]) == set(rows.index[rows["admin1"] == "Al Anbar"])


def test_an_area_the_export_has_no_event_in_keeps_none_of_its_events_there(export_path, rows):
    # the run's AREA is checked against the coded events: the export may have none in a governorate of it
    export = analysis.load_acled(export_path)
    coded = set(notebook_data().events["admin1"].dropna().astype(str))
    known = next(name for name in sorted(coded) if name in set(rows["admin1"]))
    absent = next(name for name in sorted(coded) if name not in set(rows["admin1"]))
    both = words.compare(notebook_data(area=f"{known};{absent}"), export, area=f"{known};{absent}")
    assert set(both.export["event_id"]) == set(rows.index[rows["admin1"] == known])
    assert words.compare(notebook_data(area=absent), export, area=absent).export.empty


def test_an_acled_run_is_not_compared(export_path):
    with pytest.raises(ValueError, match="this run is of an ACLED file"):
        words.compare(notebook_data(str(export_path)), analysis.load_acled(export_path))


@pytest.mark.slow
def test_coded_events_before_or_after_the_charts_months_are_said_not_to_be_drawn(tmp_path, coded):
    from acled_files import write_acled_conflicts
    compared = words.compare(notebook_data(), analysis.load_acled(write_acled_conflicts(tmp_path / "conflicts.csv")))
    family, months = words.chart_months(compared)
    assert family == "indirect fire"
    first, last = months["month"].min(), months["month"].max() + pd.offsets.MonthEnd(0)
    fire = coded.loc[coded["sub_event_type"] == "Shelling/artillery/missile attack"]
    outside = fire.loc[(fire["date_end"] < first) | (fire["date_start"] > last)]
    assert list(outside.index) == ["EV001"]  # the K-1 attack of December 2019; the export begins in March 2020
    assert (f"The chart below covers the months of ACLED's events of indirect fire, {first:%B %Y} to "
            f"{months['month'].max():%B %Y}; 1 coded event of this kind falls outside them and is not drawn."
            ) in words.lacking(compared)
    assert "outside them" not in words.lacking(words.compare(notebook_data(), analysis.load_acled(
        write_acled_comparison(tmp_path / "comparison.csv"))))  # its months hold every coded event of the kind
