"""The conflict analysis of an ACLED run, sentence by sentence: each figure checked against pandas on the file.

The file is :func:`tests.acled_files.write_acled_conflicts`: five conflicts in Iraq and Syria, civilian
targeting, associated actors on the militia's target, placeholder fatalities, dates known only to a week or
a month, and an outlet that first reports in June. The expected figures are computed here from the CSV as
pandas reads it, not from the package's loader or counting.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from acled_files import OLDER_TYPE_CODES, conflict_events, write_acled_conflicts, write_acled_events, write_acled_older

from analysis.report.inputs import notebook_data
from analysis.report.story import PAGES, Story
from analysis.report.words.facts import Facts
from analysis.stats.periods import attacks_per_period
from analysis.text import in_words
from analysis.text import markdown_text as md

# Slow: every test builds a run's words from an export file (see docs/report.md, How it is tested).
pytestmark = pytest.mark.slow

WINDOW = ("2020-03-15", "2020-08-31")


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return write_acled_conflicts(tmp_path_factory.mktemp("conflicts") / "conflicts.csv")


@pytest.fixture(scope="module")
def raw(export):
    frame = pd.read_csv(export, dtype=str, keep_default_na=False)
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    frame["fatalities"] = frame["fatalities"].astype(int)
    return frame


@pytest.fixture(scope="module")
def story(export):
    return Story(notebook_data(str(export)))


@pytest.fixture(scope="module")
def window_story(export):
    return Story(notebook_data(str(export), start=WINDOW[0], end=WINDOW[1]))


def month_counts(frame: pd.DataFrame) -> pd.Series:
    return frame.groupby(frame["event_date"].dt.to_period("M")).size()


# --- counting by event_date -------------------------------------------------------------------

@pytest.mark.parametrize("window", [None, WINDOW], ids=["whole file", "window from mid-March"])
def test_monthly_and_weekly_totals_equal_the_count_by_event_date(export, raw, window):
    data = notebook_data(str(export), start=window[0] if window else None, end=window[1] if window else None)
    chosen = raw if window is None else raw[(raw["event_date"] >= window[0]) & (raw["event_date"] <= window[1])]
    facts = Facts(data)
    monthly = facts.per_period("M")
    expected = month_counts(chosen)
    counted = monthly.set_index(monthly["period_start"].dt.to_period("M"))["expected"]
    assert counted[counted > 0].astype(int).to_dict() == expected.to_dict()
    assert (monthly["certain"] == monthly["possible"]).all()  # no event spread over two periods
    assert monthly["expected"].sum() == len(chosen) == len(data.events)
    weekly = facts.per_period("W")
    by_week = chosen.groupby(chosen["event_date"].dt.to_period("W-SUN")).size()
    assert weekly.loc[weekly["expected"] > 0, "expected"].astype(int).tolist() == by_week.tolist()
    killed = chosen.groupby(chosen["event_date"].dt.to_period("M"))["fatalities"].sum()
    assert monthly.loc[monthly["expected"] > 0, "killed"].astype(int).tolist() == killed.tolist()


def test_the_notebooks_charts_count_by_event_date_too(export, raw):
    data = notebook_data(str(export), start=WINDOW[0], end=WINDOW[1])
    chosen = raw[(raw["event_date"] >= WINDOW[0]) & raw["event_type"].isin(["Battles", "Explosions/Remote violence"])]
    counts = attacks_per_period(data.events, freq="M", kinds=data.selection, start=data.window[0],
                                end=data.window[1], clip=True, dates=data.date_rule)
    assert counts["expected"].tolist() == month_counts(chosen).astype(float).tolist()
    assert counts["period_start"].min() == pd.Timestamp("2020-03-01")  # no bar before the data


def test_the_counting_rule_and_the_dates_known_only_to_a_range_are_a_note_in_the_methods_part(story, raw):
    """How events are counted in time is said in a methods part of its own on the timeline's page and the attacks'
    page, never among the findings under a chart."""
    ranged = int((raw["time_precision"] != "1").sum())
    share = round(100 * ranged / len(raw))
    # of all the events on the timeline's page; of the events it counts on the page of attacks (it said all the
    # events there, a figure a reader could not find on that page)
    attacks = raw[raw["event_type"].isin(story.facts.data.selection.attacks)]
    assert 0 < len(attacks) < len(raw)
    ranged_attacks = int((attacks["time_precision"] != "1").sum())
    for section, said in ((story.section("dates"), f"{ranged} of the {len(raw)} events ({share}%)"),
                          (story.section("counting"), f"{ranged_attacks} of the {len(attacks)} events counted here "
                                                      f"({round(100 * ranged_attacks / len(attacks))}%)")):
        assert section.startswith("## How events are counted in time\n\n")
        assert "counted in the period of the one date ACLED gives it, as ACLED Explorer and acledR count" in section
        assert f"{said} are known only to a week or a month" in section
    for findings in (story.timeline(), story.attacks()):
        assert "ACLED Explorer" not in findings and "known only to a week or a month" not in findings


def test_the_table_of_weeks_says_which_of_its_weeks_the_data_cover_in_part(story, raw):
    # the chart hatched the last week, which the data end inside, and the table listed it bare
    data = story.facts.data
    weekly = attacks_per_period(data.events, freq="W", kinds=data.selection, start=data.window[0], end=data.window[1],
                                clip=True, dates=data.date_rule)
    last_day = raw["event_date"].max()
    last_week = weekly["period_start"].max()
    assert last_day < last_week + pd.Timedelta(days=6)  # the data stop inside the last week
    assert story.busiest_caption(weekly).endswith(
        f"{last_week.day}-{(last_week + pd.Timedelta(days=6)).day} {last_week:%B %Y}, the last week, is covered only "
        "in part.")


def test_a_partial_first_and_last_month_is_marked(story, window_story, raw):
    first, last = raw["event_date"].min(), raw["event_date"].max()
    # the findings say it short, beside the monthly figures; the methods part says it whole
    assert (f"- {first:%B %Y} and {last:%B %Y}, the first and last months, are covered only in part."
            in story.timeline().splitlines())
    text = story.section("dates")
    assert (f"The first month ({first:%B %Y}) is partial: the data cover {first.day}-{first.days_in_month} "
            f"{first:%B %Y}") in text
    assert f"The last month ({last:%B %Y}) is partial: the data cover 1-{last.day} {last:%B %Y}" in text
    windowed = window_story.section("dates")
    assert "The first month (March 2020) is partial: the data cover 15-31 March 2020" in windowed
    assert "The last month" not in windowed  # the window ends on 31 August: a whole month
    assert "- March 2020, the first month, is covered only in part." in window_story.timeline().splitlines()


def test_the_coded_data_keeps_its_own_rule():
    story = Story(notebook_data(start="2020-03-01", end="2020-04-30"))
    assert story.data.date_rule == "range"
    assert "**certain**" in story.section("dates") and "event_date" not in story.section("dates")


# --- who fought whom ----------------------------------------------------------------------------

def actors_by_pandas(raw: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for index, event in raw.iterrows():
        associated = [name.strip() for column in ("assoc_actor_1", "assoc_actor_2")
                      for name in str(event.get(column) or "").split(";") if name.strip()]
        named = {event["actor1"]: event["inter1"], event["actor2"]: event["inter2"]}
        named.update({name: named.get(name) for name in associated})  # no type of their own
        for actor, kind in named.items():
            if actor:
                rows.append({"actor": actor, "type": kind, "killed": event["fatalities"]})
    frame = pd.DataFrame(rows)
    table = frame.groupby("actor").agg(events=("killed", "size"), killed=("killed", "sum"), type=("type", "first"))
    return table.reset_index().sort_values(["events", "killed", "actor"], ascending=[False, False, True])


def test_who_fought_whom_and_the_most_active_actors_with_their_events_and_killed(story, raw):
    # the text says who fought whom, pair by pair; the table under it lists every actor with its type (the text
    # listed the most active actors, as the table does)
    text = story.who()
    # (the pairs ranked among the events with a second actor; the protests, one actor alone, said apart)
    pairs = raw[raw["actor2"] != ""].groupby(["actor1", "actor2"]).agg(
        events=("fatalities", "size"), killed=("fatalities", "sum"), regions=("admin1", "nunique"),
        region=("admin1", "first"), country=("country", "first")).reset_index()
    pairs = pairs.sort_values(["events", "killed", "actor1", "actor2"], ascending=[False, False, True, True])
    said = re.search(r"the first actor against the second: (.*?)\.\n", text).group(1).split("; ")
    # the four pairs hold 33 to 36 events each: alike, so all are named and none is said to lead (three were named as
    # "the pairs with the most events", and the fourth, with 113 killed, was left out)
    assert pairs["events"].max() - pairs["events"].min() <= 0.1 * pairs["events"].max() and len(pairs) == 4
    assert text.startswith(f"**Who.** All 4 pairs of actors, alike in events ({pairs['events'].min()} to "
                           f"{pairs['events'].max()} each)")
    top = pairs
    assert len(said) == len(top)
    # each pair's events are all in one region, named with its country (the file covers two): said with the pair,
    # and the killed said as those of any side, not the second actor's losses
    assert (top["regions"] == 1).all() and raw["country"].nunique() == 2
    for row, sentence in zip(top.itertuples(), said):
        assert sentence == (f"{md(row.actor1)} against {md(row.actor2)}: {row.events} events in {row.region} "
                            f"({row.country}), in which {row.killed} people were killed (on any side)")
    alone = raw[raw["actor2"] == ""]
    assert len(alone) and f"{len(alone)} events name one actor alone, with no second actor" in text
    expected = actors_by_pandas(raw)
    table = story.actors_table()
    # the militia's target's associated actors are counted, with no type (ACLED gives none) and no killed figure
    # that would read as their losses ("Contractors (United States) | 33 | 113"): the note under the table says why
    us = table[table["actor"] == "Military Forces of the United States (2017-)"].iloc[0]
    assert us["as_associated"] == us["events"] > 0 and pd.isna(us["actor_type"]) and pd.isna(us["killed"])
    note = story.actors_note()
    assert "first, second or associated actor" in note
    assert note.count("An actor named only beside a side (an associated actor) has no actor type in ACLED") == 1
    only_beside = table["as_associated"] == table["events"]
    assert table.loc[~only_beside, "killed"].notna().all()
    columns = ["actor", "events", "killed"]
    assert table.loc[~only_beside, columns].values.tolist() == expected.loc[~only_beside.to_numpy(), columns].values.tolist()
    assert table.loc[only_beside, ["actor", "events"]].values.tolist() == (
        expected.loc[only_beside.to_numpy(), ["actor", "events"]].values.tolist())


def varied_events() -> list[dict[str, str]]:
    """The conflicts' events with a second group of each first actor's type: in the file the tests write, each type
    and interaction is one pair of actors's, and the breakdowns by type that repeat the pairs are left out."""
    events = conflict_events()
    for number, event in enumerate(events):
        if number % 2:
            event["actor1"] += " - second unit"
    return events


def test_a_breakdown_that_repeats_the_pairs_is_left_out(story, raw):
    text = story.who()
    assert "By the first actor's type" not in text and "The most frequent interactions" not in text
    assert "By disorder type" in text  # its figures are not the pairs': two types over four pairs


def test_fatalities_by_actor_type_interaction_and_disorder_type(tmp_path):
    events = varied_events()
    raw = pd.read_csv(write_acled_events(tmp_path / "varied.csv", events), keep_default_na=False)
    text = Story(notebook_data(str(tmp_path / "varied.csv"))).who()
    for column, label in (("inter1", "By the first actor's type"), ("interaction", "The most frequent interactions"),
                          ("disorder_type", "By disorder type")):
        sums = raw.groupby(column).agg(events=("fatalities", "size"), killed=("fatalities", "sum")).reset_index()
        sums = sums.sort_values(["events", "killed", column], ascending=[False, False, True]).head(4)
        sentence = text.split(label)[1].split(".")[0]
        sides = " (on any side)" if column == "inter1" else ""  # an actor type's events are a side's
        for row in sums.itertuples():
            killed = f"{row.killed} people were killed{sides}" if row.killed else "no one was killed"
            assert f"{md(getattr(row, column))}: {row.events} events, in which {killed}" in sentence
    second = raw[raw["inter2"] != ""].groupby("inter2").agg(events=("fatalities", "size"), killed=("fatalities", "sum"))
    sentence = text.split("By the second actor's type")[1].split(".")[0]
    for row in second.sort_values(["events", "killed"], ascending=False).head(4).itertuples():
        assert f"{row.Index}: {row.events} events, in which {row.killed} people were killed (on any side)" in sentence


def test_civilian_targeting_is_its_own_measure(story, raw):
    marked = raw[raw["civilian_targeting"] == "Civilian targeting"]
    vac = raw[raw["event_type"] == "Violence against civilians"]
    text = story.who()
    assert (f"Civilians were the main target of {len(marked)} events ({round(100 * len(marked) / len(raw))}%; "
            f"as ACLED marks civilian targeting), in which {marked['fatalities'].sum()} people were killed") in text
    same = (len(vac), vac["fatalities"].sum()) == (len(marked), marked["fatalities"].sum())
    # the type's figures, or, where they are the marked events' own, not the same two numbers again
    assert (f"Violence against civilians holds {len(vac)} events, {vac['fatalities'].sum()} killed" if not same
            else "Violence against civilians holds as many events and killed.") in text


def test_the_older_column_set_is_told_with_what_it_has(tmp_path, raw):
    story = Story(notebook_data(str(write_acled_older(tmp_path / "older.csv", varied_events()))))
    text = story.who()
    assert "disorder type" not in text  # the older exports have none
    pkk = raw[(raw["actor1"] == "PKK: Kurdistan Workers Party") | (raw["actor2"] == "PKK: Kurdistan Workers Party")]
    assert ") (" not in text  # no bracket of figures after a name that ends with its own
    codes = {name: i for i, name in enumerate(OLDER_TYPE_CODES, start=1)}
    pair = sorted([codes["External/Other forces"], codes["Rebel group"]])
    assert f"{OLDER_TYPE_CODES[pair[0] - 1]}-{OLDER_TYPE_CODES[pair[1] - 1]}: {len(pkk)} events" in text
    civilians = raw[raw["event_type"] == "Violence against civilians"]
    assert f"Civilians were the main target of {len(civilians)} events" in text
    assert "this export does not mark civilian targeting" in text


def test_two_actors_and_one_perpetrator_are_said_in_plain_english(tmp_path):
    """"Both actors", never "All 2 actors"; "The one perpetrator" (or "first actor", of a battle)."""
    path = write_acled_events(tmp_path / "two.csv", [
        {"event_date": "2020-03-02", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Army",
         "inter1": "State forces", "actor2": "Rebels", "inter2": "Rebel group", "fatalities": "2",
         "interaction": "State forces-Rebel group"}])
    story = Story(notebook_data(str(path)))
    assert story.actors_note().startswith("Both actors, with the events each is first or second actor in")
    # a battle has two sides, neither named the attacker: its actors are the first and the second
    assert story.perpetrators_note().startswith("The one first actor of the 1 ")
    assert list(story.perpetrators().columns)[0] == "first actor"
    assert {"first actor", "second actor"} <= set(story.attacks_table().columns)
    assert "who fought whom" in story.attacks_note()
    strike = write_acled_events(tmp_path / "strike.csv", [
        {"event_date": "2020-03-02", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
         "actor1": "Army", "inter1": "State forces", "actor2": "Rebels", "inter2": "Rebel group", "fatalities": "2",
         "interaction": "State forces-Rebel group"}])
    one_sided = Story(notebook_data(str(strike)))
    assert one_sided.perpetrators_note().startswith("The one perpetrator of the 1 ")
    assert {"perpetrator", "attacked"} <= set(one_sided.attacks_table().columns)
    assert "who attacked whom" in one_sided.attacks_note()
    # what is counted is named as the page counts it: "events" where a battle is among them (no attack), else "attacks"
    for run, noun in ((story, "event"), (one_sided, "attack")):
        other = "attack" if noun == "event" else "event"
        assert list(run.perpetrators().columns)[2] == f"{noun}s"
        assert f"with the {noun}s each" in run.perpetrators_note()
        said = run.casualties()
        assert f"The only deadly one of the {noun}s: 2 killed" in said and f"(1 {noun}, 100%; 2 people killed)" in said
        assert f"the {other}s" not in said and f"1 {other}," not in said


def test_civilian_targeting_is_its_own_paragraph_under_its_own_label(story, raw):
    """"Civilian targeting." heads the measure, not "Civilians. Civilians were ..."."""
    targeted = int((raw["civilian_targeting"] != "").sum())
    assert f"**Civilian targeting.** Civilians were the main target of {targeted} events" in story.who()
    assert "Civilians.** Civilians" not in story.who()


def test_hostile_actor_names_are_shown_as_typed(tmp_path):
    hostile = "<img src=x onerror=alert(1)> *PKK* [x](http://e.org)"
    path = write_acled_events(tmp_path / "hostile.csv", [
        {"event_date": "2020-03-02", "actor1": hostile, "inter1": "Rebel group", "fatalities": "2",
         "interaction": "Rebel group only"}])
    text = Story(notebook_data(str(path))).who()
    assert md(hostile) in text
    assert not re.search(r"(?<!\\)<img", text) and not re.search(r"(?<!\\)\*PKK", text)


# --- is the change real ---------------------------------------------------------------------------

def test_the_rise_coincides_with_a_new_source(story, raw):
    counts = month_counts(raw)
    whole = counts.iloc[1:-1]  # March and August are partial
    change = whole.diff()
    month = change.idxmax()
    seen_before = raw.loc[raw["event_date"].dt.to_period("M") < month, "source"].str.split("; ").explode()
    in_month = raw[raw["event_date"].dt.to_period("M") == month]
    new = sorted(set(in_month["source"].str.split("; ").explode()) - set(seen_before))
    assert new == ["Local Network"]
    carried = int(only_local(in_month).sum())  # the events only it reports: the part the charts hatch
    # the other events of the two months settle it: in this file they hold steady, the rise is the new one's
    before = raw[raw["event_date"].dt.to_period("M") == month - 1]
    rest = [int((~only_local(frame)).sum()) for frame in (before, in_month)]
    assert abs(rest[1] / rest[0] - 1) < 0.5 * abs(len(in_month) / len(before) - 1)
    assert (f"The rise in {month.strftime('%B %Y')} coincides with a new source, Local Network, the only source "
            f"of {carried} of {month.strftime('%B %Y')}'s events; without Local Network, {rest[0]} events in "
            f"{(month - 1).strftime('%B %Y')} and {rest[1]} in {month.strftime('%B %Y')}: the rise is the new "
            "outlet's.") in story.timeline()


def test_a_rise_the_other_outlets_share_is_not_given_to_the_new_source(tmp_path):
    # a new outlet reports half of April's events, but the old one's events rose fourfold too: not the new one's
    events = [{"event_date": f"2020-03-{d:02d}", "source": "Old Wire"} for d in (1, 4, 7, 10, 13, 16, 19, 22, 25, 31)]
    events += [{"event_date": f"2020-04-{1 + d % 30:02d}", "source": "Old Wire"} for d in range(40)]
    events += [{"event_date": f"2020-04-{1 + d % 30:02d}", "source": "New Radio"} for d in range(40)]
    text = Story(notebook_data(str(write_acled_events(tmp_path / "both-rose.csv", events)))).timeline()
    assert ("The rise in April 2020 coincides with a new source, New Radio, the only source of 40 of April 2020's "
            "events; without New Radio, 10 events in March 2020 and 40 in April 2020: the other outlets' events "
            "rose too, so only part of it is one of coverage.") in text, text
    assert "the rise is the new outlet's" not in text


def test_the_peak_a_new_source_carries_marks_its_first_report(story, raw):
    """The days a chart marks are those of the sources its title names: the first report of each."""
    from analysis.report.words.coverage import carrying_sources, first_report_marks, new_source_note

    first_day = raw.loc[raw["source"].str.contains("Local Network"), "event_date"].min()
    june = (pd.Timestamp("2020-06-08"), pd.Timestamp("2020-06-14"))
    assert first_report_marks(story.facts, story.facts.events, *june) == {"Local Network's first report": first_day}
    assert new_source_note(story.facts, story.facts.events, *june) == (
        f"; Local Network had begun reporting on {first_day.day} June 2020")
    march = (pd.Timestamp("2020-03-09"), pd.Timestamp("2020-03-15"))  # before it: nothing to mark, nothing said
    assert carrying_sources(story.facts, story.facts.events, *march).empty
    assert new_source_note(story.facts, story.facts.events, *march) == ""


def test_the_peak_of_the_killed_says_how_many_a_new_source_reports(story, raw):
    # "Fatalities peaked in the week of 8-14 June 2020: 41 killed" read as a real escalation: most of them are in
    # events of an outlet that had begun reporting that month
    week = raw[(raw["event_date"] >= "2020-06-08") & (raw["event_date"] <= "2020-06-14")]
    local = only_local(week)  # the events only it reports: the part the chart of the killed hatches
    first_day = raw.loc[raw["source"].str.contains("Local Network"), "event_date"].min()
    assert int(week["fatalities"].sum()) == 41 and int(week.loc[local, "fatalities"].sum()) == 32
    assert (f"Fatalities peaked in the week of 8-14 June 2020: 41 killed, in {len(week)} events; "
            f"{int(week.loc[local, 'fatalities'].sum())} of the 41 killed were in events that only Local Network "
            f"reports, which had begun reporting on {first_day.day} June 2020.") in story.timeline()
    march = (pd.Timestamp("2020-03-09"), pd.Timestamp("2020-03-15"))  # no new source then: nothing said
    from analysis.report.words.coverage import killed_source_note

    assert killed_source_note(story.facts, story.facts.events, *march) == ""


def test_a_week_far_above_the_others_is_said_to_stand_apart(story, tmp_path):
    # a week of 625 events against a median of 35.5 was headlined as the peak with nothing said of how far it stood
    from acled_files import write_acled

    path = write_acled(tmp_path / "burst.csv", 400)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    days = pd.to_datetime(frame["event_date"])
    weeks = days.dt.to_period("W-SUN").value_counts().reindex(
        pd.period_range(days.min(), days.max(), freq="W-SUN"), fill_value=0)
    top, median = int(weeks.max()), float(weeks.median())
    assert top >= 5 * median and top >= 20
    burst = Story(notebook_data(str(path)))
    text = burst.timeline()
    # the attacks' week too, counted on its own events (it stood 16 times above the median week, unsaid)
    attacks = frame[frame["event_type"].isin(burst.facts.data.selection.attacks)]
    attack_days = pd.to_datetime(attacks["event_date"])
    attack_weeks = attack_days.dt.to_period("W-SUN").value_counts().reindex(
        pd.period_range(days.min(), days.max(), freq="W-SUN"), fill_value=0)
    assert f"stands apart: {int(attack_weeks.max())} events, " in burst.attacks()
    # under the attacks' weekly chart, the week's killed are left to the chart of the killed per week that follows
    assert burst.facts.counted_per_period and " killed (" not in burst.attacks().split("\n")[0]
    week = frame[days.dt.to_period("W-SUN") == weeks.idxmax()]
    killed, every = int(week["fatalities"].astype(int).sum()), int(frame["fatalities"].astype(int).sum())
    assert (f"stands apart: {top} events, {top / median:,.0f} times the median week's {median:g}; {killed:,} of the "
            f"{every:,} killed ({round(100 * killed / every)}%).") in text
    assert "stands apart" not in story.timeline()  # the conflicts' busiest week is like its neighbours


def test_a_fall_that_one_outlet_carries_is_said_to_be_one_of_coverage(story, raw):
    """Every outlet of June reports again in July, but Local Network's events collapse while the others' hold: the
    fall is not said to be free of any change of sources."""
    counts = month_counts(raw).iloc[1:-1]
    month = counts.diff().idxmin()
    earlier = month - 1
    later = set(raw.loc[raw["event_date"].dt.to_period("M") > earlier, "source"].str.split("; ").explode())
    before = set(raw.loc[raw["event_date"].dt.to_period("M") == earlier, "source"].str.split("; ").explode())
    assert before <= later  # no outlet vanishes
    # measured as the charts hatch: the events only Local Network reports, and the others (which another outlet
    # reports, so the data would hold them without it)
    local = only_local(raw)
    months = raw["event_date"].dt.to_period("M")
    alone = [int((local & (months == m)).sum()) for m in (earlier, month)]
    rest = [int((~local & (months == m)).sum()) for m in (earlier, month)]
    text = story.timeline()
    assert "No outlet that stopped reporting explains the fall" not in text
    assert rest[0] != rest[1]  # the other events moved: their figures are said
    said = [f"{n}" if n else "none" for n in alone]
    assert (f"Only Local Network reported {said[0]} of {earlier:%B %Y}'s events and {said[1]} of {month:%B %Y}'s; "
            f"without Local Network, {rest[0]} events in {earlier:%B %Y} and {rest[1]} in {month:%B %Y}: the fall is "
            "one outlet's, and may be one of coverage.") in text


def test_sources_over_time_name_new_and_vanishing_outlets(story, raw):
    outlets = raw.assign(outlet=raw["source"].str.split("; ")).explode("outlet")
    month = outlets["event_date"].dt.to_period("M")
    spans = outlets.assign(month=month).groupby("outlet").agg(first=("month", "min"), last=("month", "max"),
                                                               events=("month", "size"))
    text = story.sources_over_time()
    assert f"Local Network (from June 2020, {spans.loc['Local Network', 'events']} events)" in text
    assert spans.loc["Local Network", "first"] == month.min() + 3
    assert f"Rudaw (until July 2020, {spans.loc['Rudaw', 'events']} events)" in text
    assert "Shafaq News" not in text  # it reports in every month


# --- caveats ----------------------------------------------------------------------------------------

def test_caveats_are_computed_from_the_file(story, raw):
    text = story.caveats()
    n = len(raw)
    coded = raw[raw["notes"].str.contains("coded as 3")]
    assert f"**Placeholder fatalities**: {len(coded)} events ({round(100 * len(coded) / n)}%)" in text
    assert f"coded as 3 in {len(coded)} events" in text
    single = raw[~raw["source"].str.contains(";")]
    assert f"**Single sources**: {len(single)} events ({round(100 * len(single) / n)}%) rest on one outlet" in text
    alone = single["source"].value_counts()
    assert f"carry most events alone: {alone.index[0]} ({alone.iloc[0]}) and {alone.index[1]} ({alone.iloc[1]})" in text
    for column, word in (("geo_precision", "the place itself"), ("time_precision", "the day")):
        counts = raw[column].value_counts()
        # counts, not shares: "the day 94%, the week 5% and the month 2%" added up to 101%
        assert f"known to {word} for {counts['1']} events, to " in text
    latest = pd.Timestamp(int(raw["timestamp"].astype(int).max()), unit="s")
    assert f"its latest row was changed on {latest:%d %B %Y}" in text


def test_every_pages_dateline_gives_the_files_date_the_window_notwithstanding(story, raw, tmp_path):
    latest = pd.Timestamp(int(raw["timestamp"].astype(int).max()), unit="s")
    for page in PAGES:
        line = story.dateline(page)
        assert f"data as of {latest.day} {latest:%B %Y}" in line.text and "data as of" in line.markdown, page
    # a window that leaves out the row changed last still gives the file's date: 5 March 2021, not 2 February
    revised = write_acled_events(tmp_path / "revised.csv", [
        {"event_date": "2020-01-05", "timestamp": "1612224000"}, {"event_date": "2020-02-05", "timestamp": "1614902400"}])
    window = Story(notebook_data(str(revised), end="2020-01-31"))
    assert len(window.facts.events) == 1
    for page in PAGES:
        assert "data as of 5 March 2021" in window.dateline(page).text, page
    assert "data as of" not in Story(notebook_data()).dateline("timeline").text  # the coded reports have no export


# --- tables and period words ------------------------------------------------------------------------

def test_every_events_table_has_a_killed_column(story, raw):
    table = story.events_table()
    killed = raw.set_index("event_id_cnty")["fatalities"]
    assert "killed" in table.columns
    assert table["killed"].astype(int).tolist() == killed.reindex(table["event_id"]).tolist()
    posture = story.posture_table()
    assert posture.empty or "killed" in posture.columns


def test_assoc_actors_on_the_target_count(export, raw):
    data = notebook_data(str(export), target="Military Forces of the United States", start=WINDOW[0])
    hit = raw[(raw["event_date"] >= WINDOW[0])
              & raw["event_type"].isin(["Battles", "Explosions/Remote violence"])
              & (raw["actor2"] + raw["assoc_actor_2"]).str.contains("Military Forces of the United States")]
    assert len(hit) > 0 and (hit["actor2"] == "Military Forces of Iraq (2018-)").all()
    assert len(data.attacks) == len(hit)
    month = month_counts(hit).idxmax()
    assert (f"to {month_counts(hit).max()} in {month.strftime('%B %Y')}") in Story(data).monthly()


def test_the_escalation_peak_is_named_by_the_charts_period(tmp_path):
    events = [{"event_date": f"{year}-{month:02d}-10", "event_type": "Battles", "sub_event_type": "Armed clash",
               "disorder_type": "Political violence"} for year in (2019, 2020) for month in range(1, 13)]
    events += [{"event_date": "2020-07-11", "event_type": "Battles", "sub_event_type": "Armed clash"}] * 3
    story = Story(notebook_data(str(write_acled_events(tmp_path / "two-years.csv", events))))
    assert story.period("weekly", "W") == "M"
    from analysis.stats.escalation import escalation_per_period

    frame = escalation_per_period(story.data.events, freq="M", start=story.data.window[0], end=story.data.window[1],
                                  clip=True, dates=story.data.date_rule)
    text = story.escalation(frame)
    assert "highest in July 2020" in text and "week" not in text.split(":")[0]
    assert np.isclose(frame["events"].sum(), len(events))


def test_posture_changes_per_period_count_on_event_date():
    from analysis.stats.posture import posture_per_period

    frame = pd.DataFrame({"sub_event_type": ["Agreement", "Agreement"],
                          "date_start": pd.to_datetime(["2025-01-28", "2025-02-03"]),
                          "date_end": pd.to_datetime(["2025-02-03", "2025-02-03"]),
                          "event_date": pd.to_datetime(["2025-01-31", "2025-02-03"])})
    by_date = posture_per_period(frame, dates="event_date")
    assert by_date[["period", "all"]].values.tolist() == [["Jan 2025", 1.0], ["Feb 2025", 1.0]]
    spread = posture_per_period(frame)
    assert spread["all"].tolist() == pytest.approx([4 / 7, 1 + 3 / 7])


def test_places_tied_with_the_third_are_named_whole_and_one_place_is_said_once(tmp_path):
    regions = ["Anbar"] * 3 + ["Babil"] * 2 + ["Basra"] * 2 + ["Kirkuk"] * 2 + ["Ninewa"]
    events = [{"event_date": f"2020-03-{k + 2:02d}", "admin1": region} for k, region in enumerate(regions)]
    text = Story(notebook_data(str(write_acled_events(tmp_path / "tie.csv", events)))).attacks()
    counts = pd.Series(regions).value_counts()
    tied = sorted(counts[counts >= counts.iloc[2]].index)
    assert len(tied) == 4
    assert (f"the most attacks were in Anbar ({counts['Anbar']}), Babil ({counts['Babil']}), Basra "
            f"({counts['Basra']}) and Kirkuk ({counts['Kirkuk']}).") in text
    one = Story(notebook_data(str(write_acled_events(tmp_path / "one.csv", events[:3])))).attacks()
    assert "All of them were in one region, Anbar." in one


def test_the_attacks_note_counts_the_rows_the_table_lists(tmp_path):
    events = [{"event_date": f"2020-03-{k % 28 + 1:02d}", "fatalities": "2" if k < 5 else "0"} for k in range(45)]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "few-deadly.csv", events))))
    table = story.attacks_table()
    assert len(table) == 5 == sum(1 for e in events if e["fatalities"] != "0")
    # the selection's name after "events of": "45 battles and remote violence" read the category as a plural noun
    assert f"The 5 of the 45 events of {md(story.data.selection.what)} that killed anyone" in story.attacks_note()


def test_outlets_over_time_count_each_outlets_events_per_month(story, raw):
    table = story.outlets_over_time().set_index("source")
    outlets = raw.assign(outlet=raw["source"].str.split("; ")).explode("outlet")
    expected = pd.crosstab(outlets["outlet"], outlets["event_date"].dt.strftime("%b %Y"))
    for outlet in expected.index:
        for month in expected.columns:
            assert table.loc[outlet, month] == expected.loc[outlet, month]
        assert table.loc[outlet, "all"] == expected.loc[outlet].sum()
    assert table.loc["Local Network", ["Mar 2020", "Apr 2020", "May 2020"]].tolist() == [0, 0, 0]
    # the file's three outlets are all listed: no "behind most events" nor a tie; "all" comes first, kept in view
    assert story.outlets_over_time_note().startswith(f"The events of each of the {len(table)} outlets, in all and per "
                                                     "month of ACLED's date")
    assert list(story.outlets_over_time().columns[:2]) == ["source", "all"]


def test_hostile_outlet_names_are_shown_as_typed_in_every_sentence(tmp_path):
    hostile = "<script>x</script> *Wire* `code`"
    events = [{"event_date": f"2020-03-{d:02d}", "source": "Test Wire"} for d in range(1, 29)]
    events += [{"event_date": f"2020-04-{d:02d}", "source": "Test Wire"} for d in range(1, 3)]
    events += [{"event_date": f"2020-05-{d:02d}", "source": hostile, "notes": "coded as 3"} for d in range(1, 31)]
    events += [{"event_date": "2020-06-01", "source": "Test Wire"}]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "hostile-outlet.csv", events))))
    texts = {"timeline": story.timeline(), "coverage": story.sources_over_time(), "caveats": story.caveats()}
    for name, text in texts.items():
        assert md(hostile) in text, name
        assert not re.search(r"(?<!\\)<script", text) and not re.search(r"(?<!\\)\*Wire", text), name
    rise = f"The rise in May 2020 coincides with a new source, {md(hostile)}, the only source of 30"
    assert rise in texts["timeline"]


def test_no_whole_month_change_is_claimed_for_a_file_of_two_partial_months(tmp_path):
    days = pd.date_range("2020-04-27", "2020-05-09")
    events = [{"event_date": f"{day:%Y-%m-%d}"} for day in days for _ in range(1 + (day.month == 5))]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "short.csv", events))))
    assert "from one whole month to the next" not in story.timeline()
    text = story.section("dates")
    assert "The first month (April 2020) is partial: the data cover 27-30 April 2020" in text
    assert "The last month (May 2020) is partial: the data cover 1-9 May 2020" in text


def test_a_tied_peak_is_shown_whole(tmp_path):
    events = [{"event_date": day} for day in ["2020-03-02", "2020-03-03", "2020-03-17", "2020-03-18", "2020-03-25"]]
    text = Story(notebook_data(str(write_acled_events(tmp_path / "tied.csv", events)))).timeline()
    weeks = pd.Series(pd.to_datetime([e["event_date"] for e in events])).dt.to_period("W-SUN").value_counts()
    assert (weeks == weeks.max()).sum() == 2
    story = Story(notebook_data(str(tmp_path / "tied.csv")))
    # the title names the tie whole: no one of the two weeks is presented as the peak
    assert story.chart_title("timeline").startswith("Events in Iraq peaked at 2 events in each of two weeks: 2-8 and "
                                                    "16-22 March 2020")
    assert "is shared" not in text and "as many in" not in text  # the title above says the tie: not again


def test_an_empty_window_has_no_conflict_words_and_empty_tables(export):
    story = Story(notebook_data(str(export), start="2030-01-01"))
    assert story.who() == "" and story.sources_over_time() == "" and story.caveats() == ""
    assert story.actors_table().empty and story.actors_note() == ""
    assert story.outlets_over_time().empty and story.outlets_over_time_note() == ""


def test_a_new_source_too_small_for_the_rise_is_named_with_its_share_in_the_singular(tmp_path):
    events = [{"event_date": f"2020-03-{d:02d}", "source": "Test Wire"} for d in (1, 15, 31)]
    events += [{"event_date": f"2020-04-{d:02d}", "source": "Test Wire"} for d in range(1, 20)]
    events += [{"event_date": "2020-04-30", "source": "Late Radio"}]
    text = Story(notebook_data(str(write_acled_events(tmp_path / "small-newcomer.csv", events)))).timeline()
    assert "From March 2020 to April 2020, the two whole months of the window, events rose from 3 to 20." in text, text
    assert "A new source (Late Radio) is the only source of just 1 of April 2020's events, less than" in text, text


# --- where --------------------------------------------------------------------------------------------

def test_where_the_events_took_place_by_region_and_the_change_between_the_last_two_whole_months(story, raw):
    regions = raw.groupby("admin1")["fatalities"].agg(["size", "sum"]).sort_values(["size", "sum"], ascending=False)
    top = regions[regions["size"] >= regions["size"].iloc[2]]  # a tie at the third named whole
    named = [f"{name} ({row['size']} events, {row['sum']} killed)" for name, row in top.iterrows()]
    places = raw.groupby(["latitude", "longitude"]).ngroups
    lead = story.heading("posture").markdown
    assert (f"The {len(raw)} events took place at {places} places in {len(regions)} regions of Iraq and "
            f"Syria; the most in {', '.join(named[:-1])} and {named[-1]}.") in lead
    month = raw["event_date"].dt.to_period("M")
    june, july = (raw[month == m].groupby("admin1").size() for m in ("2020-06", "2020-07"))
    table = story.areas_table().set_index("region")
    assert table["events"].to_dict() == regions["size"].to_dict()
    assert table["events, June 2020"].to_dict() == june.to_dict()
    assert table["change in events"].to_dict() == (july - june).to_dict()
    change = july - june
    fell = sorted(change[change == change.min()].index,
                  key=lambda name: (-regions.loc[name, "size"], -regions.loc[name, "sum"], name))  # as the table
    # four of the five regions fell by as many: no region fell "most" ("fell most in Duhok, Deir ez-Zor, Kirkuk and
    # Baghdad" named four of five and said nothing)
    assert len(fell) * 2 > len(change)
    assert (f"From June 2020 to July 2020, the last two whole months, events fell by {-change.min()} in each of "
            f"{len(fell)} of the {len(change)} regions ({', '.join(fell[:-1])} and {fell[-1]}).") in story.where()
    # the fall between the two months is Local Network's: the page of places says so too
    local = only_local(raw)  # the events only it reports, as the charts hatch them
    alone = [int((local & (month == m)).sum()) for m in ("2020-06", "2020-07")]
    rest = [int((~local & (month == m)).sum()) for m in ("2020-06", "2020-07")]
    said = [f"{n}" if n else "none" for n in alone]
    # all the events, where the attacks page counts fewer kinds in the same months: the sentence says which
    assert len(story.data.attacks) < len(raw)
    assert (f"In all, events of every kind fell from {alone[0] + rest[0]} to {alone[1] + rest[1]}. Only Local Network "
            f"reported {said[0]} of June 2020's events and {said[1]} of July 2020's; without Local Network, {rest[0]} "
            f"events in June 2020 and {rest[1]} in July 2020: the fall is one outlet's, and may be one of "
            "coverage.") in story.where()
    assert "All 5 regions with events, most events first" in story.areas_note()
    assert story.area_levels() == ["admin1"]  # the file names no admin2


def test_a_tie_at_the_escalation_peak_is_said_whole(tmp_path):
    """Two months with the same score, as written: both are named, in date order, with the score once."""
    events = [{"event_date": f"{year}-{month:02d}-10", "event_type": "Battles", "sub_event_type": "Armed clash",
               "disorder_type": "Political violence"} for year in (2019, 2020) for month in range(1, 13)]
    events += [{"event_date": day, "event_type": "Battles", "sub_event_type": "Armed clash"}
               for day in ("2020-07-11", "2020-07-12", "2019-03-11", "2019-03-12")]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "tie.csv", events))))
    from analysis.stats.escalation import escalation_per_period

    frame = escalation_per_period(story.data.events, freq="M", start=story.data.window[0], end=story.data.window[1],
                                  clip=True, dates=story.data.date_rule)
    top = frame["escalation"].max()
    assert (frame["escalation"] == top).sum() == 2
    text = story.escalation(frame)
    assert f"highest, at {round(top)} points, in March 2019 and July 2020 (from 3 events each)" in text


def test_a_tie_at_the_top_larger_than_the_names_is_counted_not_hidden(story, raw):
    """When more attacks share the highest toll than the sentence names, it says how many, then names some spread
    over their dates: among those the timeline labels, not only the earliest."""
    from analysis.report.words.events import deadliest
    from analysis.report.words.facts import NAMED
    from analysis.stats.highlights import deadliest_events
    from analysis.viz.bands import LABELLED

    attacks = raw[raw["event_type"].isin(["Battles", "Explosions/Remote violence"])]
    top = attacks["fatalities"].max()
    tied = attacks[attacks["fatalities"] == top].sort_values("event_date", kind="stable")
    assert len(tied) > NAMED  # the file's attacks: more share the highest toll than a sentence names
    sentence = deadliest(story.facts, story.facts.attacks, "attacks")[0]
    assert sentence.startswith(f"{len(tied)} attacks killed {top} people each, the most of any attack; "
                               f"{in_words(NAMED)} of them, the first, the last and one between:\n  - ")  # one event a line
    days = [pd.Timestamp(day) for day in re.findall(r" on (\d{1,2} \w{3} \d{4}) \(", sentence)]
    assert len(days) == NAMED and days == sorted(days)
    assert days != list(tied["event_date"].iloc[:NAMED])  # not the earliest only
    assert days[0] == tied["event_date"].iloc[0] and days[-1] == tied["event_date"].iloc[-1]  # the first and last
    labelled = deadliest_events(story.facts.attacks, n=LABELLED, split_ties=False)  # what the timeline labels
    named = deadliest_events(story.facts.attacks, n=NAMED, split_ties=False)
    assert set(named["event_id"]) <= set(labelled["event_id"]) and list(named["event_date"]) == days


def test_a_file_without_changes_of_posture_names_the_events_its_foreign_forces_are_actors_in(story, raw):
    """"No strategic development" must not read as "no foreign forces": the lead counts the events that name them."""
    typed = raw["inter1"].eq("External/Other forces") | raw["inter2"].eq("External/Other forces")
    assoc = raw["assoc_actor_1"].fillna("") + ";" + raw["assoc_actor_2"].fillna("")
    named = typed | assoc.str.contains("Military Forces of (?!Iraq)", regex=True)
    lead = story.heading("posture").markdown
    turkey = int((raw["actor1"] == "Military Forces of Turkey (2016-)").sum())
    assert f"Foreign forces are named in {int(named.sum())} of the {len(raw)} events: " in lead
    assert ("None of these is a strategic development: ACLED records no change of a force's posture (a base "
            "established, ground the first actor takes without fighting, a change to a group's activity) involving "
            "foreign forces in ") in lead
    assert "No strategic development" not in lead  # said once, with the events that name the forces
    # the United States is named only beside the Iraqi army, on the side attacked: not as an actor of its own
    us = raw["assoc_actor_2"].fillna("").str.contains("Military Forces of the United States")
    assert not raw["actor1"].str.contains("United States").any() and us.sum() > 0
    assert f"Military Forces of Turkey (2016-) in {turkey}, each time as an actor; Military Forces of the United " \
           f"States (2017-) in {int(us.sum())}, each time only as an associated actor." in lead
    assert lead.count("Foreign forces are named") == 1


def test_a_file_without_changes_of_posture_says_so_once(story):
    """The page's lead says there is none; neither the section on foreign forces nor an empty table under its
    heading says it again (the sentences under the section repeated the lead's, word for word)."""
    assert story.facts.posture_events.empty
    assert "None of these is a strategic development" in story.heading("posture").markdown
    assert story.section("forces") == "" and story.posture() == ""  # no heading over a definition alone
    assert not story.lists_posture()
    assert story.section("posture table") == "" and story.section("posture coding") == ""
    assert not story.lists_posture("notes")
    coded = Story(notebook_data())
    assert coded.lists_posture() and coded.lists_posture("notes")  # the coded data's tables say when a window has none
    with pytest.raises(ValueError, match="use 'changes' or 'notes'"):
        coded.lists_posture("bases")


# --- what a newcomer reads: headlines, one count where the three agree, numbered marks -------------------------

ATTACK_TYPES = ("Battles", "Explosions/Remote violence")


def _peak_words(dates: pd.Series, weekly: bool = True) -> tuple[str, int, int]:
    """The busiest week (Monday to Sunday) or month of these dates, counted with pandas: its words, its count and
    how many other periods count as many."""
    from analysis.text import describe_dates

    first, last, counts = _peak_days(dates, weekly)
    top = counts.max()
    when = (f"the week of {describe_dates(first, last, long=True)}" if weekly else f"{first:%B %Y}")
    return when, int(top), int((counts == top).sum()) - 1


def _peak_title(dates: pd.Series, noun: str = "events") -> str:
    """What a title says of the busiest weeks of these dates, counted with pandas: "peaked in the week of 8-14 June
    2020: 15 events", or, where weeks of one month tie, each of them: "peaked at 15 events in each of three weeks:
    8-14, 15-21 and 22-28 June 2020"."""
    when, top, others = _peak_words(dates)
    if not others:
        return f"peaked in {when}: {top} {noun}"
    _, _, counts = _peak_days(dates)
    tied = sorted(counts[counts == top].index)
    assert len({day.month for day in tied}) == 1 and all((day + pd.Timedelta(days=6)).month == day.month for day in tied)
    days = [f"{day.day}-{(day + pd.Timedelta(days=6)).day}" for day in tied]
    return (f"peaked at {top} {noun} in each of {in_words(len(tied))} weeks: {', '.join(days[:-1])} and {days[-1]} "
            f"{tied[0]:%B %Y}")


def _peak_days(dates: pd.Series, weekly: bool = True) -> tuple[pd.Timestamp, pd.Timestamp, pd.Series]:
    """The first and last days of the busiest week or month of these dates (the earliest on a tie), and the counts."""
    starts = (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")) if weekly else dates.dt.to_period("M")
    counts = starts.value_counts()
    first = counts[counts == counts.max()].index.min()
    if weekly:
        return first, first + pd.Timedelta(days=6), counts
    return first.start_time, first.end_time.normalize(), counts


def _new_source(raw: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> str:
    """What a headline says of Local Network, which carries the peak: it began reporting in the peak period, or
    had begun on its first day."""
    began = raw.loc[raw["source"].str.contains("Local Network"), "event_date"].min()
    if first <= began <= last:
        return ", as a new source began reporting"
    return f"; Local Network had begun reporting on {began.day} {began:%B %Y}"


def test_acled_chart_headlines_state_the_finding_with_its_number(story, raw):
    """Each chart of an ACLED run is headed by what it shows, its number counted here with pandas from the CSV,
    not by a label ("Battles and remote violence per week ...")."""
    place = "Iraq and Syria"
    attacks = raw[raw["event_type"].isin(ATTACK_TYPES)]
    # every peak is in June, when Local Network first reports and carries most events and attacks: the headline says
    # so, as beginning with the peak where its first event falls in the peak period, else with its first day
    june = raw["event_date"].dt.to_period("M") == "2020-06"
    local = raw["source"].str.contains("Local Network")
    assert raw.loc[local, "event_date"].min() >= pd.Timestamp("2020-06-01")
    assert 2 * (june & local).sum() >= june.sum() and 2 * (june & local & raw.index.isin(attacks.index)).sum() >= (
        june & raw.index.isin(attacks.index)).sum()
    # three weeks of June tie on both pages: each title names all three, not the one it happened to pick
    when, top, others = _peak_words(raw["event_date"])
    assert "June 2020" in when and others == 2
    new = _new_source(raw, *_peak_days(raw["event_date"])[:2])
    assert new.startswith("; Local Network had begun reporting on 2 June 2020")  # the week of 8-14 June
    assert story.chart_title("timeline") == f"Events in {place} {_peak_title(raw['event_date'])}{new}"
    when, top, others = _peak_words(attacks["event_date"])
    assert others == 2
    new = _new_source(raw, *_peak_days(attacks["event_date"])[:2])
    assert new == ", as a new source began reporting"  # the week of 1-7 June
    assert story.chart_title("weekly") == (f"Battles and remote violence in {place} "
                                           f"{_peak_title(attacks['event_date'])}{new}")
    month, top, others = _peak_words(attacks["event_date"], weekly=False)
    assert others == 0  # one month alone holds the most
    new = _new_source(raw, *_peak_days(attacks["event_date"], weekly=False)[:2])
    # the peak alone: the regions are the findings' under the chart (a clause after it did not connect)
    assert story.chart_title("monthly") == f"Battles and remote violence in {place} peaked in {month}: {top} events{new}"
    regions = attacks["admin1"].value_counts()
    assert len(regions) == 3 and all(f"{name} ({count})" in story.monthly() for name, count in regions.items())
    assert story.chart_title("casualties") == (f"Battles and remote violence in {place} killed "
                                               f"{attacks['fatalities'].sum()} people, at most "
                                               f"{attacks['fatalities'].max()} in one event")  # a battle is no attack
    regions = raw["admin1"].value_counts()
    # the five regions hold 33 to 36 events: within a tenth of each other, none is said to lead
    assert regions.iloc[0] > regions.iloc[1] and regions.iloc[-1] >= 0.9 * regions.iloc[0]
    assert story.chart_title("where") == (f"The {len(raw)} events in {place} are spread over {len(regions)} regions, "
                                          f"{regions.iloc[-1]} to {regions.iloc[0]} each")

    outlets = raw["source"].str.split("; ")
    counts = outlets.explode().value_counts()
    alone = int((outlets.str.len() == 1)[outlets.str[0] == counts.index[0]].sum())
    assert story.chart_title("sources") == (f"{counts.index[0]} reported the most events in {place}: "
                                            f"{counts.iloc[0]} of {len(raw)}, {alone} of them alone")
    # the escalation headline names the peak the sentence under the chart names, at the same score
    title = story.chart_title("escalation")
    # the new source is named by the timeline's title, of the same first week (8-14 June), and again here: a reader
    # skimming titles meets the escalation's alone, far down the page
    new = "; Local Network had begun reporting on 2 June 2020"
    assert story.chart_title("timeline").endswith(new) and title.endswith(new)
    weeks, score = re.fullmatch(rf"Escalation in {place} peaked in (.+): ([\d,]+) points{new}", title).groups()
    assert f"highest, at {score} points, in {weeks} (" in story.escalation(story.facts.escalation)
    for chart in ("timeline", "weekly", "monthly", "escalation", "where", "sources"):
        assert "per week" not in story.chart_title(chart) and "event_date" not in story.chart_title(chart)


def test_the_killed_per_week_are_headed_by_the_deadliest_week_and_read_against_the_busiest(story, raw):
    """The chart of people killed per week: its title names the deadliest week and its toll, the findings under it
    say whether it was also the busiest, and its bars sum to the killed the page states; counted with pandas."""
    from analysis.stats.casualties import killed_per_period
    from analysis.text import describe_dates

    attacks = raw[raw["event_type"].isin(ATTACK_TYPES)]
    weeks = attacks["event_date"] - pd.to_timedelta(attacks["event_date"].dt.day_of_week, unit="D")
    killed, events = attacks.groupby(weeks)["fatalities"].sum(), weeks.value_counts()
    first = killed[killed == killed.max()].index.min()
    when = describe_dates(first, first + pd.Timedelta(days=6), long=True)
    assert (killed == killed.max()).sum() == 1  # one deadliest week: the title names it alone
    assert story.chart_title("killed").startswith(
        f"Deaths in battles and remote violence in Iraq and Syria peaked in the week of {when}: {killed.max()} people "
        f"killed;")  # then who reported them (the timeline's words)
    busiest = events[events == events.max()]
    assert first in busiest.index and len(busiest) == 3  # one of three weeks of as many events
    assert story.killed_over_time() == (
        f"**What it shows.** The deadliest week, {when}, was one of the 3 busiest: {killed.max()} people killed in "
        f"{events[first]} events.")  # the killed per event hardly changed between the halves: no sentence
    data = story.data
    bars = killed_per_period(data.events, data.casualties, freq=story.period("weekly", "W"), kinds=data.selection,
                             start=data.window[0], end=data.window[1], dates=data.date_rule, set_by_rule=True)
    assert bars["killed"].sum() == attacks["fatalities"].sum()
    assert f"killed {attacks['fatalities'].sum()} people" in story.casualties()
    placeholder = attacks["notes"].str.contains("coded as")
    assert bars["set_by_rule"].sum() == attacks.loc[placeholder, "fatalities"].sum() > 0


def test_the_busy_weeks_table_shows_one_count_when_the_three_agree(story, raw):
    """Counted on event_date, an ACLED run's certain, possible and expected counts are equal: the table shows the
    one count, headed by what it counts, not three equal columns."""
    data = story.data
    weekly = attacks_per_period(data.events, freq="W", kinds=data.selection, start=data.window[0],
                                end=data.window[1], clip=True, dates=data.date_rule)
    table = story.busiest(weekly)
    assert list(table.columns) == ["week", "battles and remote violence"]  # each week on one line: "2-8 Mar 2020"
    attacks = raw[raw["event_type"].isin(ATTACK_TYPES)]
    weeks = (attacks["event_date"] - pd.to_timedelta(attacks["event_date"].dt.day_of_week, unit="D")).value_counts()
    assert dict(zip(table.index, table["battles and remote violence"])) == weeks.to_dict()
    assert table["week"].tolist() == [f"{start.day}-{(start + pd.Timedelta(days=6)):%-d %b %Y}" if start.month == (
        start + pd.Timedelta(days=6)).month else f"{start:%-d %b} - {start + pd.Timedelta(days=6):%-d %b %Y}"
        for start in table.index]
    # counted over their ranges, the same events keep the three counts
    ranged = attacks_per_period(data.events, freq="W", kinds=data.selection, start=data.window[0], end=data.window[1])
    assert {"certain", "possible", "expected"} <= set(story.busiest(ranged).columns)


def test_every_numbered_mark_of_the_timeline_is_in_the_table_or_the_subtitle_says_where(tmp_path, export):
    """The timeline numbers every mark up to 100 events, the table lists at most 60: a mark the table leaves out
    is said to be in events.csv, a timeline too full to number is not said to be numbered, and every event the
    timeline labels, the deadliest, is in the table, whatever its date."""
    from acled_files import write_acled

    from analysis.viz.timeline_labels import NAMED_EVENTS, event_labels
    from analysis.viz.timeline_layout import timeline_layout

    seen = set()
    for path in (write_acled(tmp_path / "forty.csv", 40), write_acled(tmp_path / "eighty.csv", 80), export):
        data = notebook_data(str(path))
        story = Story(data)
        labels = event_labels(data.events, data.casualties, bases=data.bases, n=NAMED_EVENTS, headlines=True)  # as notebook 01
        layout = timeline_layout(data.events, label=labels, casualties=data.casualties, start=data.window[0],
                                 end=data.window[1])
        drawn = {int(n) for n, text in zip(layout["number"], layout["text"]) if pd.notna(text) and text[:1].isdigit()}
        listed = set(story.events_table()["number"].astype(int))
        labelled = set(layout.loc[layout["label"].notna(), "number"].astype(int))
        assert labelled and labelled <= listed
        subtitle, note = story.chart_subtitle("timeline"), story.table_note()
        if layout.loc[layout["label"].isna(), "text"].isna().all():  # too many to number: only the labels
            seen.add("none")
            marks = layout[layout["label"].notna()]
            assert all(text.startswith(f"{n} · ") for n, text in zip(marks["number"], marks["text"]))
            assert "numbered as in" not in subtitle and "the labelled ones numbered" in subtitle
            assert "on the timeline" not in note and "`#` is the number in an event's id" in note
        elif drawn <= listed:
            seen.add("all listed")
            assert "numbered as in the table below" in subtitle
        else:
            seen.add("some in the file")
            assert (f"the {len(listed)} deadliest in the table below, all {len(data.events)} in events.csv"
                    in subtitle)
            assert "events.csv" in note
    assert seen == {"none", "all listed", "some in the file"}


def test_the_body_names_columns_in_plain_words(story):
    """A reader's sentences say "the first actor's type" and "civilian targeting", not ACLED's column names."""
    text = story.who() + story.casualties() + story.perpetrators_note() + " ".join(story.actors_headers().values())
    for column in ("inter1", "inter2", "civilian_targeting", "actor1", "actor2"):
        assert column not in text, column
    # a sentence starts with a capital, a count of none included (no event here rests on three outlets)
    assert "No events rest on three outlets or more." in story.sources()


@pytest.mark.slow  # builds every word of two runs
def test_no_page_names_acleds_columns_to_its_reader(story, window_story):
    """A reader of an ACLED run's pages reads of "the date ACLED gives", a region, the second actor and its
    associated actors, the source scale and how precisely a date is known, not of ACLED's columns."""
    from analysis.report.story import CHART_PAGES as CHARTS
    from analysis.report.story import PAGE_WORDS

    for run in (story, window_story):
        names = [name for words in PAGE_WORDS.values() for name in words.sections(run.facts)]
        texts = [run.section(name) for name in names] + [run.heading(page).markdown for page in PAGES]
        texts += [run.dateline(page).text for page in PAGES] + [run.chart_title(chart) for chart in CHARTS]
        texts += [run.chart_subtitle(chart) for chart in CHARTS]
        texts += [run.timeline(), run.attacks(), run.killed_over_time(), run.casualties(), run.who(), run.where(),
                  run.posture(),
                  run.sources(), run.sources_over_time(), run.outlets_over_time_note(), run.caveats(),
                  *(run.limits(page) for page in PAGES),
                  run.escalation(run.facts.escalation), run.areas_note(), run.attacks_note(), run.table_note(),
                  run.posture_table_note(), run.perpetrators_note(), run.actors_note()]
        texts += list(run.peaks_headers().values()) + list(run.areas_table().columns)
        texts += run.coding_notes("timeline")["date_basis"].astype(str).tolist()
        text = "\n".join(texts)
        for column in ("event_date", "admin1", "admin2", "time_precision", "geo_precision", "source_scale",
                       "timestamp", "assoc_actor", "actor2", "inter1", "civilian_targeting", "sub_event_type"):
            assert column not in text, column
        # every result the run's words kept (Facts.once) is what computing it afresh gives: no caller changed one
        kept = run.facts._computed
        assert kept
        for (compute, _, _, options), (events, args, result) in kept.items():
            assert result.equals(compute(events, *args, **dict(options))), compute.__name__


def test_one_source_scale_is_a_sentence_not_a_panel_of_one_bar(story, raw, close_figures):
    assert raw["source_scale"].nunique() == 1
    assert f"Every event's source scale (how far its outlets reach) is {raw['source_scale'].iloc[0]}." in story.sources()
    assert "comes first" not in story.sources()
    assert len(story.plot_sources().axes) == 1  # the outlets only


def test_the_sources_page_says_its_lead_once(story, raw):
    """The heading says how many outlets stand behind the events; the sentences under the chart do not say it again."""
    outlets = raw["source"].str.split("; ").explode().nunique()
    lead = f"{outlets} outlets stand behind the {len(raw)} events in Iraq and Syria"
    assert lead in story.heading("sources").markdown
    assert lead not in story.sources()
    assert story.sources().startswith("**What it shows.** Shafaq News reports the most: ")


def test_the_deadliest_attacks_listed_never_split_a_tie(story, raw):
    """Above 40 attacks the table lists the deadliest: none left out killed as many as one listed, and the
    sentence over it says how many it lists and why."""
    attacks = raw[raw["event_type"].isin(ATTACK_TYPES)].set_index("event_id_cnty")["fatalities"]
    table = story.attacks_table()
    listed = attacks.index.isin(table["event_id"])
    assert 0 < len(table) <= 40 < len(attacks) and attacks[listed].min() > attacks[~listed].max()
    lowest, left = attacks[listed].min(), attacks[~listed].max()
    tied = int((attacks == left).sum())
    assert (f"The {len(table)} deadliest of the {len(attacks)} events of battles and remote violence, down to {lowest} "
            f"killed (the {tied} that killed {left} each would not all fit, so none of them is listed)"
            ) in story.attacks_note()
    assert "room for" not in story.attacks_note() and "place," not in story.attacks_note()


def test_a_headline_names_no_peak_where_many_periods_share_the_top(tmp_path):
    """Where more than three weeks share the most attacks, none is a peak: the headline says the most any week had
    and how many weeks had it; one kind of strategic development is named as such, not as "the most"."""
    from acled_files import write_acled

    path = write_acled(tmp_path / "few.csv", 25)
    raw = pd.read_csv(path, parse_dates=["event_date"])
    story = Story(notebook_data(str(path)))
    attacks = raw[raw["event_type"].isin(ATTACK_TYPES)]
    _, top, others = _peak_words(attacks["event_date"])
    assert others > 2
    assert story.chart_title("weekly") == (f"Battles and remote violence in Somalia: at most {top} "
                                           f"event{'s' if top > 1 else ''} in a week, in {others + 1} weeks")
    posture = story.facts.posture_events
    assert posture["sub_event_type"].nunique() == 1
    assert story.chart_title("posture").endswith(
        f"involving foreign forces in Somalia: {'all ' if len(posture) > 1 else ''}{posture['sub_event_type'].iloc[0]}")


def test_the_escalation_table_and_the_rule_say_each_event_counts_on_its_event_date(story):
    """The escalation of an ACLED run is counted on event_date: its table's header, the paragraph over the chart and
    the rule at the end of the page say so; the coded data keep theirs (a range spread over its days). Neither says
    the other's: an ACLED page read of "the coded reports' data", "the coded posture changes" and a base handed over
    as a retreat, which only the coded data hold."""
    assert story.peaks_headers()["events"] == "events (each on ACLED's date)"
    sentence = story.escalation(story.facts.escalation)
    # the rule at the end of the page says how an event with one date counts, not the findings under the chart
    assert "ACLED's date" not in sentence
    assert "the rule above" not in sentence and "coded data only" not in sentence
    coded = Story(notebook_data(None))
    acled_words = story.section("escalation") + story.section("scoring")
    coded_words = coded.section("escalation") + coded.section("scoring")
    assert "Every event counts whole in the week of the one date ACLED gives it." in acled_words
    assert "each event whole in the week of the one date ACLED gives it" in acled_words
    assert "spreads its points over its possible days" in coded_words
    assert "spreading its value evenly over its possible days" in coded_words
    for coded_only in ("coded", "handed over", "handing a base over", "retreat (", "posture changes", "range of days"):
        assert coded_only not in acled_words, coded_only
    for acled_only in ("ACLED gives", "ACLED file", "in ACLED"):
        assert acled_only not in coded_words, acled_only
    # both kinds of run read ACLED's meaning of the sub-event type from its one definition
    assert "in ACLED a non-violent transfer of territory is ground the first actor takes without fighting" in acled_words
    assert "the coalition handing a base over to its host: a retreat" in coded_words
    assert coded.peaks_headers() == {"period": "week", "events": "events (each spread evenly over its possible days)",
                                     "scored": "of them scored (an act of violence or of cooperation)",
                                     "conflict": "conflict (up)", "cooperation": "retreat or cooperation (down)",
                                     "escalation": "net score"}


def test_the_escalation_words_are_chosen_by_the_kind_of_data_in_one_place():
    """The notebook shows the escalation measure's paragraph and its rule from the page's words, in every run: no
    Markdown cell of the notebook writes them, so no run reads the other kind of data's sentences."""
    import json

    from analysis.report.execute import NOTEBOOK_DIR

    cells = json.loads((NOTEBOOK_DIR / "01-escalation-timeline.ipynb").read_text(encoding="utf-8"))["cells"]
    markdown = " ".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    assert "## An escalation measure" not in markdown and "## How the escalation score is counted" not in markdown
    code = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
    assert sum(cell.startswith('show(story.section("escalation"))') for cell in code) == 1
    assert sum(cell.startswith('show(story.section("scoring"))') for cell in code) == 1


def _months(counts: dict[str, list[int]]) -> tuple[pd.DataFrame, pd.Series]:
    """Events of outlets per month (``{outlet: [May, June]}``) and the change from May to June 2025."""
    rows = [{"event_id": f"{outlet}{month}{k}", "source": outlet, "event_date": pd.Timestamp(f"2025-0{month}-10")}
            for outlet, (may, june) in counts.items() for month, n in ((5, may), (6, june)) for k in range(n)]
    before, after = (sum(c[i] for c in counts.values()) for i in (0, 1))
    change = pd.Series({"direction": "rise" if after > before else "fall", "before": before, "after": after,
                        "change": after - before,
                        "from_start": pd.Timestamp("2025-05-01"), "from_end": pd.Timestamp("2025-05-31"),
                        "to_start": pd.Timestamp("2025-06-01"), "to_end": pd.Timestamp("2025-06-30")})
    return pd.DataFrame(rows), change


def test_a_change_one_outlet_carries_is_said_to_be_its_own():
    from analysis.report.words.coverage import _one_outlet

    events, change = _months({"Wire": [30, 5], "Radio": [20, 19]})  # Wire's collapse; Radio holds
    assert _one_outlet(events, change, "event") == (
        "Only Wire reported 30 of May 2025's events and 5 of June 2025's; without Wire, 20 events in May 2025 and 19 "
        "in June 2025: the fall is one outlet's, and may be one of coverage.")
    events, change = _months({"Wire": [5, 30], "Radio": [20, 21]})
    assert _one_outlet(events, change, "attack").startswith("Only Wire reported 5 of May 2025's attacks and 30 of ")
    assert _one_outlet(events, change, "attack").endswith(": the rise is one outlet's, and may be one of coverage.")


def test_a_change_every_outlet_shares_is_no_outlets_own():
    """Violence that doubles doubles every outlet's events: the largest outlet carries most of the rise, yet the
    change is not its own."""
    from analysis.report.words.coverage import _one_outlet

    events, change = _months({"Wire": [70, 140], "Radio": [30, 60]})
    assert _one_outlet(events, change, "event") == ""
    events, change = _months({"Wire": [40, 10], "Radio": [20, 5]})
    assert _one_outlet(events, change, "event") == ""


def test_an_export_whose_timestamps_precede_its_events_is_not_dated_by_them(tmp_path):
    """Timestamps before the last event cannot be the rows' times of change: the dateline says "data as of" only of a
    timestamp on or after every event, and the caveat says the export's date is not known."""
    path = write_acled_events(tmp_path / "stamped.csv", [
        {"event_date": day, "fatalities": "1", "timestamp": "1600000000"}  # 13 September 2020
        for day in ("2021-03-02", "2021-03-09")])
    story = Story(notebook_data(str(path)))
    line = story.dateline("timeline").text
    assert "data as of" not in line and "; date of the export not known)" in line  # plainly, no jargon
    assert line.count("(") == line.count(")") == 2  # no brackets within brackets
    # every page's dateline (and the index's, which is the first page's) warns, once and short, that the file was
    # altered: the caveats of the sources page alone are read by few
    warning = ("Caution: the file's times of change fall before 2 of its 2 events (100%), so it was rebuilt or "
               "altered after ACLED gave it out; the sources page says more.")
    for page in ("timeline", "attacks", "posture", "sources"):
        assert story.dateline(page).text.count(warning) == 1, page
    # the caveat says what the times show and why it matters: no row changes before its event
    assert ("- **The export's date**: not known. The file's times of change (when each row was last changed) all fall "
            "on 13 September 2020, before 2 of its 2 events (100%), dated up to 9 March 2021: no row can change before "
            "its event, so these times were set when the file was rebuilt or altered after ACLED gave it out. Check "
            "where the file comes from before trusting its figures.") in story.caveats()
    # no note says a toll was set by rule: none is known to be a placeholder, which is not that every toll was reported
    assert ("no event's notes say its fatalities were coded to a set figure (\"coded as 3\"), so none is known to be a "
            "placeholder.") in story.caveats()


def test_a_peak_without_a_new_source_is_not_said_to_have_one(tmp_path):
    """Two outlets from the first month on, a burst in the second: the peak's headline names no new source; and a
    new outlet that carries less than half of its first month is not said to be behind it."""
    rows = [{"event_date": f"2020-0{m}-{d:02d}", "source": source, "fatalities": "1"}
            for m, days in ((3, 4), (4, 12), (5, 4)) for d in range(1, days + 1) for source in ("Wire", "Radio")]
    rows += [{"event_date": "2020-04-20", "source": "Newcomer", "fatalities": "1"}]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "burst.csv", rows))))
    for chart in ("timeline", "weekly", "monthly", "escalation"):
        assert "new source" not in story.chart_title(chart), chart
    assert story.chart_title("monthly").startswith("Battles and remote violence in Iraq peaked in April 2020: 25")


def test_the_findings_under_a_chart_are_a_lead_and_a_list_of_separate_items(story):
    """A reader finds the point in one sentence, then each further finding on its own line: the timeline's findings
    were one paragraph of shares, peaks, changes, the deadliest events and how events are counted."""
    for text in (story.timeline(), story.monthly(), story.casualties(), story.who()):
        lead, _, rest = text.partition("\n\n")
        assert lead.startswith("**") and "\n" not in lead
        assert len(re.split(r"(?<=[.!?])\s+(?=[A-Z0-9])", lead.split("** ", 1)[1])) == 1, lead
        items = [line for line in rest.splitlines() if line.startswith("- ")]
        assert items and all(line.startswith(("- ", "  - ")) for line in rest.splitlines()), text
    # under the weekly chart, whose title states the peak and names the weeks tied with it, nothing more: the
    # places and the months' changes stand under the monthly chart by place, which shows them
    assert "peaked at" in story.chart_title("weekly") and story.attacks() == ""
    assert story.monthly().startswith("**What it shows.** By region, ") and "largest rise" not in story.attacks()
    timeline = story.timeline().splitlines()
    # the title right above states the peak weeks, tied, whole: the findings lead with the next finding
    assert timeline[0].startswith("**What it shows.** By kind: ")
    assert [line[:16] for line in timeline if line.startswith("- ")][:3] == ["- Fatalities pea", "- The busiest mo",
                                                                             "- The largest ri"]
    # the deadliest events, one a line under the finding that counts them
    named = [line for line in timeline if line.startswith("  - ")]
    assert named and all(re.match(r"  - \d+ killed (in|at) ", line) for line in named)


def test_the_chart_of_outlet_ages_says_how_many_events_only_later_outlets_report(story, raw):
    from analysis.report.words.coverage import outlet_ages_title

    months = raw["event_date"].dt.to_period("M")
    outlets = raw["source"].str.split("; ")
    first = {name for names in outlets[months == months.min()] for name in names}
    later_only = outlets.map(lambda names: not set(names) & first)
    per_month = later_only.groupby(months).sum()
    assert outlet_ages_title(story.facts) == (
        f"{int(later_only.sum())} of the {len(raw)} events are reported only by outlets this file first cites after "
        f"{months.min().strftime('%B %Y')}; {int(per_month.max())} of them in {per_month.idxmax().strftime('%B %Y')}")
    assert outlet_ages_title(Story(notebook_data()).facts) == ""  # the coded data: no outlets


def test_each_chart_over_time_marks_the_first_report_of_the_new_source_its_title_names(story, raw):
    first_day = raw.loc[raw["source"].str.contains("Local Network"), "event_date"].min()
    for chart in ("timeline", "escalation", "weekly", "monthly", "killed"):
        assert story.marks(chart) == {"Local Network's first report": first_day}, chart
    assert "which had begun reporting on 2 June 2020" in story.chart_title("killed")  # the mark its title names
    assert Story(notebook_data()).marks("escalation") == {}  # the coded data: no outlets
    with pytest.raises(ValueError, match="use one of timeline, escalation, weekly, monthly, killed"):
        story.marks("where")


def test_the_killed_of_the_pages_say_how_many_are_acleds_placeholder_figures(story, raw):
    """A total of the killed that holds figures ACLED set by rule ("coded as 3") says so beside it, for the events it
    counts: the whole file on the timeline page, the attacks on the attacks page."""
    placeholder = raw["notes"].str.contains("coded as 3")
    attack = raw["event_type"].isin(["Battles", "Explosions/Remote violence"])
    for text, chosen, these in ((story.heading("timeline").markdown, placeholder, "Of these"),
                                (story.casualties(), placeholder & attack,
                                 f"Of the {raw.loc[attack, 'fatalities'].sum()} killed")):
        killed, events = int(raw.loc[chosen, "fatalities"].sum()), int(chosen.sum())
        assert killed and f"{these}, {killed} are in {events} events whose toll no source gave" in text
    assert "Of these" not in Story(notebook_data()).heading("timeline").markdown  # the coded data: no placeholders


def test_the_timeline_lead_leaves_the_peak_week_to_the_title_right_under_it(story):
    """The lead, the timeline's title and the finding under it said the same peak week three times on one screen."""
    week = re.search(r"peaked (?:in the week of|at .+? in each of \w+ weeks:) ([^:;]+)", story.chart_title("timeline")).group(1)
    assert week not in story.heading("timeline").markdown
    coded = Story(notebook_data(start="2020-03-01", end="2020-03-31"))  # its title names no peak: the lead does
    assert "The busiest week was" in coded.heading("timeline").markdown


def test_the_chart_of_pairs_draws_each_pair_in_its_panel_and_is_titled_with_what_it_shows(story, raw, tmp_path):
    from analysis.report.words.who import ONE_ACTOR, OTHER_PAIRS, pair_groups, pairs_subtitle, pairs_title
    from analysis.viz.figures import words_of

    paired = raw[raw["actor2"] != ""]  # the protests, one actor alone, are no pair
    pairs = paired.groupby(["actor1", "actor2"]).size().sort_values(ascending=False)
    months = paired.groupby([paired["actor1"], paired["actor2"], paired["event_date"].dt.to_period("M")]).size()
    peaks = {months.loc[pair].idxmax() for pair in pairs.index}
    # the file's four pairs are alike (33 to 36 events), and every one peaked in June 2020: the title says both
    assert len(pairs) == 4 and pairs.iloc[-1] >= 0.9 * pairs.iloc[0] and peaks == {pd.Period("2020-06")}
    # ... as Local Network began reporting: the title says so as the other charts' titles do, the subtitle counts it
    local = paired["source"].str.contains("Local Network")
    assert paired.loc[local, "event_date"].min().to_period("M") == pd.Period("2020-06")
    assert pairs_title(story.facts) == (f"Who fought whom: 4 pairs of actors, {pairs.iloc[-1]} to {pairs.iloc[0]} "
                                        "events each; all 4 pairs drawn peaked in June 2020, as a new source began "
                                        "reporting")
    june = paired["event_date"].dt.to_period("M") == pd.Period("2020-06")
    without = paired[~only_local(paired)]  # an event another outlet reports too would be there without it
    by_month = without.groupby([without["actor1"], without["actor2"], without["event_date"].dt.to_period("M")]).size()
    at_june = by_month.xs(pd.Period("2020-06"), level=2).reindex(pairs.index, fill_value=0)
    elsewhere = by_month[by_month.index.get_level_values(2) != pd.Period("2020-06")].max()
    each = (f"{at_june.min()} events each" if at_june.min() == at_june.max()
            else f"{at_june.min()} to {at_june.max()} events each")
    # without it, no pair has more in June than in other months: the peak is the new outlet's
    assert at_june.max() <= elsewhere
    assert pairs_subtitle(story.facts).endswith(
        f". Local Network, which began reporting on {paired.loc[local, 'event_date'].min().day} June 2020, reports "
        f"{int((june & local).sum())} of the pairs' {int(june.sum())} events of June 2020; without the events only it "
        f"reports, the pairs drawn have {each} in June 2020, no more than in other months (up to {elsewhere})")
    groups, names = pair_groups(story.facts)
    alone = int((raw["actor2"] == "").sum())
    assert len(groups) == len(raw) and (groups == ONE_ACTOR).sum() == alone
    assert (groups == OTHER_PAIRS).sum() == len(raw) - alone - pairs.head(len(names)).sum() == 0
    # a panel per pair, in the order of the title's ranking, each titled with its pair and events, its bars the
    # pair's events of each month; the events with no second actor are counted in the subtitle, not drawn
    figure = story.plot_pairs()
    assert words_of(figure).subtitle == pairs_subtitle(story.facts)
    assert pairs_subtitle(story.facts).startswith(
        f"Events per month of the 4 pairs of actors (the first actor against the second), a panel each, all on one "
        f"scale: {len(raw) - alone} of the {len(raw)} events. Not drawn: {alone} events with one actor alone, no second "
        "actor. ")  # the file's every pair is drawn: none "with the most events"
    assert [" ".join(words_of(ax).title.split()) for ax in figure.axes] == [
        f"{name}: {pairs.loc[tuple(name.split(' against '))]} events" for name in names]
    for ax, name in zip(figure.axes, names):
        drawn = [p.get_height() for p in ax.patches if p.get_gid() == "count"]
        assert drawn == months.loc[tuple(name.split(" against "))].tolist()
        assert len([line for line in ax.lines if line.get_gid() == "day-mark"]) == 1  # the new source, every panel
        # the subtitle's "without the events only it reports" drawn: the pair's events only Local Network reports,
        # hatched at the top of its bars, month by month
        own = paired[(paired["actor1"] + " against " + paired["actor2"] == name).to_numpy() & only_local(paired)]
        expected = own.groupby(own["event_date"].dt.to_period("M")).size()
        bars = [p for p in ax.patches if p.get_gid() == "count"]
        tops = {round(p.get_x(), 6): p.get_height() for p in bars}
        hatched = [p for p in ax.patches if p.get_gid() == "part"]
        assert [p.get_height() for p in hatched] == expected.tolist()
        assert all(p.get_y() + p.get_height() == tops[round(p.get_x(), 6)] for p in hatched)
    # the legend under the panels names the marked day (not written above a panel, where the titles are) and the
    # hatches: the new source's part in the words of the other charts' key, the partial periods
    keyed = [ax.get_legend() for ax in figure.axes if ax.get_legend() is not None]
    first = paired.loc[local, "event_date"].min()
    assert len(keyed) == 1 and [t.get_text() for t in keyed[0].get_texts()] == [
        "Local Network's first report", f"reported only by Local Network, first cited {first.day} June 2020",
        "partial period: the data cover part of it"]
    assert not [t for ax in figure.axes for t in ax.texts if t.get_gid() == "day-mark-label"]
    # a pair well ahead is named as the one with the most events
    uneven = write_acled_events(tmp_path / "uneven.csv", [
        {"event_date": f"2020-03-{day:02d}", "actor1": "A", "actor2": "B" if day < 20 else "C"} for day in range(1, 25)])
    assert pairs_title(Story(notebook_data(str(uneven))).facts).startswith(
        "Who fought whom: A against B had the most events, 19 of 24")
    # protesters with no second side are no pair: the pairs are ranked among the events with a second actor
    one_sided = write_acled_events(tmp_path / "alone.csv", [
        {"event_date": f"2020-03-{day:02d}", "actor1": "Protesters" if day < 14 else "A",
         "actor2": "" if day < 14 else ("B" if day < 22 else "C")} for day in range(1, 25)])
    assert pairs_title(Story(notebook_data(str(one_sided))).facts).startswith(
        "Who fought whom: A against B had the most events, 8 of 11 with a second actor")
    assert Story(notebook_data()).plot_pairs() is None  # the coded data: the timeline's table names the actors


def test_a_region_well_ahead_heads_the_map_and_regions_alike_are_said_as_alike(tmp_path):
    rows = ([{"event_date": "2020-03-02", "admin1": "Duhok"}] * 6 + [{"event_date": "2020-03-03", "admin1": "Kirkuk"}] * 3)
    ahead = Story(notebook_data(str(write_acled_events(tmp_path / "ahead.csv", rows))))
    assert ahead.chart_title("where") == "Duhok had the most events in Iraq: 6 of 9"
    even = rows[:3] + rows[6:]  # three each
    alike = Story(notebook_data(str(write_acled_events(tmp_path / "even.csv", even))))
    assert alike.chart_title("where") == "The 6 events in Iraq are spread over 2 regions, 3 each"
    # the map draws places, not regions: its title names the biggest dot too, which the reader finds labelled
    placed = ([{"event_date": "2020-03-02", "admin1": "Duhok", "location": "Zakho", "latitude": "37.14",
                "longitude": "42.68"}] * 6
              + [{"event_date": "2020-03-03", "admin1": "Kirkuk", "location": "Hawija", "latitude": "35.33",
                  "longitude": "43.77"}] * 3)
    mapped = Story(notebook_data(str(write_acled_events(tmp_path / "placed.csv", placed))))
    assert mapped.chart_title("where") == "Duhok had the most events in Iraq: 6 of 9; the busiest place: Zakho, with 6 events"


def test_the_words_over_the_map_name_what_it_labels_places_or_regions(tmp_path, new_axes):
    """Where no place stands out (1 or 2 events each) the map names each region once: its subtitle and the
    section that introduces it say so, not "the 7 biggest named"; where one does, they count the places named."""
    import analysis

    rows = [{"event_date": "2020-03-02", "admin1": region, "location": f"{region} town {k}",
             "latitude": f"{lat + 0.15 * k:.2f}", "longitude": f"{lon + 0.2 * k:.2f}"}
            for region, lat, lon in (("Baghdad", 33.3, 44.4), ("Diyala", 33.75, 45.2), ("Kirkuk", 35.75, 43.8))
            for k in range(4) for _ in range(1 if region == "Kirkuk" else 1 + k % 2)]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "tied.csv", rows))))
    assert story.chart_subtitle("where").endswith(
        "; no place stands out (they have 1 or 2 events each), so each region is named once, with its places and events")
    assert "so each region is named once, with its places and events. Under it" in story.section("posture")
    near = [b for b in analysis.load_world_boundaries() if b.name in ("Iraq", "Syria", "Iran", "Turkey")]
    ax = analysis.plot_country_events(story.facts.events, country=story.data.countries, iso=story.data.iso,
                                      hue="event_type", boundaries=near, ax=new_axes(figsize=(8, 8)))
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() in ("region", "place")) == [
        "Baghdad: 4 places, 6 events", "Diyala: 4 places, 6 events", "Kirkuk: 4 places, 4 events"]
    ahead = Story(notebook_data(str(write_acled_events(tmp_path / "ahead.csv", rows + [rows[0]] * 7))))
    assert ahead.chart_subtitle("where").endswith("; the 5 biggest named, with their events")  # 8, and four of 2
    assert ahead.chart_title("where").endswith("; the busiest place: Baghdad town 0, with 8 events")
    # one town of 2 among towns of 1 does not stand out: the title does not send the reader to a name the map lacks
    singles = list({row["location"]: row for row in rows}.values())[:10]  # ten towns of one event each
    lone = Story(notebook_data(str(write_acled_events(tmp_path / "lone.csv", singles + singles[:1]))))
    assert "busiest place" not in lone.chart_title("where")
    assert "no place stands out (they have 1 or 2 events each)" in lone.chart_subtitle("where")


def test_an_escalation_that_only_counts_violent_events_says_so(story, raw):
    """In the conflicts export every violent event weighs 9 or 10 and nothing pulls a week down: the chart follows
    the count of violent events, and the page says it; the coded data, with a handover and an agreement, do not."""
    from analysis.stats.escalation import cameo_weights, hostile_acts

    weights = cameo_weights(story.facts.events)["goldstein"]
    violent = weights[hostile_acts(story.facts.events) & (weights < 0).to_numpy()]
    assert sorted(set(-violent)) == [9.0, 10.0] and not (weights > 0).any()
    said = "Here every violent event weighs 9 or 10 points and none is a retreat or an act of cooperation"
    assert said in story.escalation(story.facts.escalation)
    coded = Story(notebook_data(start="2020-03-01", end="2020-04-30"))
    assert "Here every violent event" not in coded.escalation(coded.facts.escalation)


def test_an_event_of_a_selection_with_battles_is_an_event_and_of_one_without_an_attack(story, export):
    # a battle has two sides and no attacker: "292 attacks", "at most 16 in one attack" named battles attacks
    assert story.chart_title("casualties").endswith(" in one event")
    assert "events of battles and remote violence" in story.heading("attacks").markdown
    shelling = Story(notebook_data(str(export), attacks=["Explosions/Remote violence"]))
    assert shelling.chart_title("casualties").endswith(" in one attack")
    assert (story.units(), shelling.units(), Story(notebook_data()).units()) == ("events", "attacks", "attacks")


def test_the_escalation_peak_counts_the_events_that_scored_apart_from_the_protests(story, raw):
    """The peak read "117 Goldstein points ... (from 15 events each)" while 3 of each week's 15 events were protests,
    which score nothing: the sentence says how many scored, as the table under the chart counts them."""
    import analysis

    frame = story.facts.escalation
    peaks = frame[frame["escalation"] == frame["escalation"].max()]
    counts = set()
    for row in peaks.itertuples():
        week = raw[(raw["event_date"] >= row.period_start) & (raw["event_date"] <= row.period_end)]
        counts.add((len(week), int((week["event_type"] != "Protests").sum())))
    assert len(counts) == 1
    (events, scored), = counts
    assert scored < events  # the peak weeks hold protests
    sentence = story.escalation(frame)
    assert f"(from {events} events each, {scored} of them scored)" in sentence
    table = analysis.escalation_peaks(frame)
    assert table[["events", "scored"]].iloc[0].tolist() == [events, scored]
    assert story.peaks_headers()["scored"] == "of them scored (an act of violence or of cooperation)"


def test_the_scoring_table_says_an_act_without_violence_is_not_counted(story, raw):
    """The table at the end of the page showed "Peaceful protest ... -6.50 ... hostile: no", read as 6.5 points a
    protest: an act without violence reads "not counted", its value on the scale beside it; a scored act its value."""
    rules = story.rules_table().set_index("sub_event_type")
    assert rules.loc["Peaceful protest", "goldstein"] == "not counted (-6.5 on the scale)"
    assert rules.loc["Armed clash", "goldstein"] == "-10" and rules.loc["Attack", "goldstein"] == "-9"
    assert "hostile" not in rules.columns
    assert rules.loc["Peaceful protest", "events"] == (raw["sub_event_type"] == "Peaceful protest").sum()
    assert set(story.rules_headers()) >= set(rules.reset_index().columns) - {"events"}


def test_a_non_violent_transfer_of_territory_has_acleds_one_meaning_wherever_it_is_explained(story):
    """The posture page called it "ground handed over", the escalation table "ground the first actor takes without
    fighting" (ACLED's meaning), the timeline's labels "handed over": all read the one definition now."""
    from analysis.schema import ACLED_POSTURE_MEANINGS
    from analysis.stats.escalation import cameo_table
    from analysis.viz.timeline_labels import SHORT_NAMES

    meaning = ACLED_POSTURE_MEANINGS["Non-violent transfer of territory"]
    assert meaning == "ground the first actor takes without fighting"
    # this file has none: the posture page's lead says what ACLED did not record
    forces = story.section("forces") + story.heading("posture").markdown
    assert f"({', '.join(ACLED_POSTURE_MEANINGS.values())})" in forces and "handed over" not in forces
    rules = cameo_table().set_index("sub_event_type")
    assert rules.loc["Non-violent transfer of territory", "covers"].iloc[0] == meaning  # ACLED's rule, not the coded
    assert SHORT_NAMES["Non-violent transfer of territory"] == meaning


def test_who_was_the_target_is_said_in_a_readers_words(story):
    """What the file cannot tell ended with "attacks on a force are found by its name among the second actor and its
    associated actors": the tool's filter, not what ACLED's actor fields say about who was hit."""
    limits = story.limits()
    said = re.search(r"\*\*Who was the target\*\*: (.*)", limits).group(1)
    assert "found by its name" not in said and "associated actors" not in said.split("not who was harmed")[1]
    assert said.startswith("ACLED names the sides of an event (the first actor, the second and the actors associated "
                           "with each), not who was harmed")


def test_the_escalation_measure_says_which_protests_count_as_the_scale_scores_them(story):
    # "protests ... count nothing" while excessive force against protesters scored 9 points an event in the chart
    from analysis.stats.escalation import cameo_table

    note = story.section("escalation")
    idle, counting = note.split(" count nothing, while ", 1)
    rules = cameo_table().set_index("covers")
    for covers in ("peaceful protests", "protest with intervention"):
        assert covers.split(" with ")[0] in idle and not rules.loc[covers, "hostile"]
    assert counting.startswith("excessive force against protesters counts as violence")
    assert rules.loc["excessive force against protesters", "hostile"]


def test_an_acled_events_what_is_the_first_sentence_of_its_notes_as_acled_wrote_it(tmp_path):
    # the brackets of the coded reports' notes are the coder's references and go; an ACLED note's are ACLED's own
    # words ("Al Shabaab (air/drone strike) in Town 18" lost its sub-event type)
    note = "On 3 January 2025, Al Shabaab (air/drone strike) struck Town 18 (Bay); 13 fatalities. A second sentence."
    path = write_acled_events(tmp_path / "notes.csv", [{"event_date": "2025-01-03", "notes": note, "fatalities": "13"}])
    story = Story(notebook_data(str(path)))
    assert story.events_table()["what"].tolist() == [
        "On 3 January 2025, Al Shabaab (air/drone strike) struck Town 18 (Bay); 13 fatalities."]


def test_the_regions_of_a_file_of_several_countries_carry_their_country(story, raw, tmp_path):
    # Deir ez-Zor is in Syria, the other regions in Iraq: the table of regions did not say so
    table = story.areas_table().set_index("region")
    countries = raw.groupby("admin1")["country"].first()
    assert table["country"].to_dict() == countries.reindex(table.index).to_dict()
    assert table.loc["Deir ez-Zor", "country"] == "Syria"
    one = write_acled_events(tmp_path / "one.csv", [{"event_date": "2020-05-04"}, {"event_date": "2020-05-05"}])
    assert "country" not in Story(notebook_data(str(one))).areas_table().columns


def test_the_places_page_promises_the_forces_moves_only_where_the_window_holds_any(story, tmp_path):
    # the title read "..., and the moves of foreign forces" over a page that said there were none
    assert story.facts.posture_events.empty
    assert not story.heading("posture").markdown.split("\n")[0].endswith("foreign forces")
    from acled_files import write_acled

    moving = Story(notebook_data(str(write_acled(tmp_path / "moves.csv", 400))))  # foreign forces' bases among them
    assert not moving.facts.posture_events.empty
    assert moving.heading("posture").markdown.split("\n")[0].endswith(", and the moves of foreign forces")


def only_local(events: pd.DataFrame) -> pd.Series:
    """Whether each event is reported by Local Network alone (every outlet of its ``source``)."""
    return events["source"].map(lambda text: {part.strip() for part in text.split(";")} == {"Local Network"})


def test_an_escalation_peak_a_new_source_carries_says_the_score_without_it(story, raw):
    """"Escalation ... peaked in the weeks of 8-14 June 2020 and 22-28 June 2020: 117 points" came after Local Network's
    first report, which the chart marks, with no word of it: the findings count its share of the peak and the score
    without the events only it reports."""
    from analysis.stats.escalation import escalation_per_period
    from analysis.text import describe_points, join_words

    frame = story.facts.escalation
    peaks = frame[frame["escalation"] == frame["escalation"].max()].sort_values("period_start")
    first = peaks.iloc[0]
    week = raw[(raw["event_date"] >= first["period_start"]) & (raw["event_date"] <= first["period_end"])]
    local = raw["source"].str.contains("Local Network")
    began = raw.loc[local, "event_date"].min()
    assert began <= first["period_start"] and 2 * week["source"].str.contains("Local Network").sum() >= len(week)
    scored = story.facts.escalation_events
    without = escalation_per_period(scored[~only_local(scored)], freq="W",
                                    start=story.facts.first, end=story.facts.last, clip=True, dates="event_date")
    at_peaks = without.set_index("period_start")["escalation"].reindex(peaks["period_start"])
    assert (at_peaks < 0.5 * first["escalation"]).all()  # without it, the peak weeks score less than half
    text = story.escalation(frame)
    assert (f"A new source carries the peak: Local Network, which began reporting on {began.day} June 2020, reports "
            f"{int(week['source'].str.contains('Local Network').sum())} of the {len(week)} events of "
            f"{first['period_start'].day}-{first['period_end'].day} June 2020; without the events only it reports, "
            f"those weeks score {join_words([describe_points(v) for v in at_peaks])} points, no more than ") in text, text
    # the other weeks' highest without it, which the peak weeks do not pass: the peak is in the events it adds (it
    # named a week of the peak again as "the peak without it", which read as if the peak held)
    others = without[~without["period_start"].isin(peaks["period_start"])]
    top = others[others["escalation"] == others["escalation"].max()]
    assert at_peaks.max() <= top["escalation"].max() and len(top) == 1
    when = f"{top['period_start'].iloc[0].day}-{top['period_end'].iloc[0]:%-d %B %Y}"
    assert (f"no more than the week of {when} ({describe_points(top['escalation'].iloc[0])} points): the peak is in "
            "the events it adds.") in text


def test_the_notes_part_lists_only_what_the_events_table_does_not_already_say(story):
    """The file's notes are one short sentence, shown whole in the events table: the notes part repeated each of them
    with "the day is known". It lists an event only where its date is known to a week or a month (or its notes say
    more than the table), and is left out where none is."""
    table = story.events_table().set_index("event_id")
    notes = story.coding_notes()
    assert len(notes) and len(notes) < len(table)
    assert (notes["date_basis"] != "the day is known").all()
    assert notes["notes"].tolist() == table.loc[notes["event_id"], "what"].tolist()  # kept for their dates
    assert story.lists_notes() and story.section("coding").startswith("## The events' notes")


def test_without_anything_more_to_say_the_notes_part_is_left_out(tmp_path):
    events = [{"event_date": f"2020-0{month}-10", "event_type": "Battles", "sub_event_type": "Armed clash",
               "notes": f"A clash in month {month}."} for month in range(1, 4)]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "days.csv", events))))
    assert story.events_table()["what"].tolist() == [f"A clash in month {m}." for m in range(1, 4)]
    assert story.coding_notes().empty and not story.lists_notes() and story.section("coding") == ""


def test_a_change_without_new_outlets_is_not_said_to_be_real(tmp_path):
    """"The rise does not coincide with a change of sources" read as a clean bill for a rise a batch of coding
    made: the sentence now says only what it found, that no new outlet explains it."""
    events = [{"event_date": f"2020-{month:02d}-{day:02d}", "event_type": "Battles", "sub_event_type": "Armed clash",
               "source": "Daily A"} for month in range(1, 6) for day in range(1, 4 + 8 * (month == 3))]
    text = Story(notebook_data(str(write_acled_events(tmp_path / "rise.csv", events)))).timeline()
    assert "No new outlet explains the rise: every outlet of March 2020 had reported before." in text
    assert "coincide" not in text


def test_a_heap_at_one_toll_is_said_under_the_chart_of_killed_per_event(story, raw):
    """The chart of killed per event draws each toll up to 9 as its own bar, so a heap stands out above its
    neighbours: the sentence under it says which, with the counts beside it, as the caveats do."""
    attacks = raw[raw["event_type"].isin(["Battles", "Explosions/Remote violence"])]
    held = attacks["fatalities"].value_counts()
    assert held[3] > 1.5 * max(held[2], held[4])
    assert (f"{held[3]} events have exactly 3 killed, against {held[2]} with 2 and {held[4]} with 4"
            in story.casualties())
    # the heap is ACLED's placeholder: without the tolls its notes say it set, 3 killed is no heap, and the tolls
    # the sources reported are not cast in doubt
    by_rule = attacks["notes"].str.contains("coded as 3", regex=False) & (attacks["fatalities"] == 3)
    left = int(held[3] - by_rule.sum())
    assert left <= 1.5 * max(held[2], held[4])
    assert (f"without them, {left} with 3 killed, against {held[2]} with 2 and {held[4]} with 4: no heap beyond "
            "ACLED's rule") in story.casualties()
    assert "likely set by rule" not in story.casualties()
    assert "likely set by rule" not in Story(notebook_data()).casualties()  # the coded data's tolls are reports'


def test_an_outlet_that_never_reports_alone_is_said_to_change_no_count_by_stopping(story, raw):
    """Rudaw stops before the last month, but every event it reports another outlet reports too: an analyst asking
    whether its stop explains a fall reads that it cannot."""
    rudaw = raw["source"].str.contains("Rudaw")
    assert rudaw.any() and not (raw.loc[rudaw, "source"] == "Rudaw").any()
    assert raw.loc[rudaw, "event_date"].max().to_period("M") < raw["event_date"].max().to_period("M")
    text = story.sources_over_time()
    assert "Rudaw never reports an event alone, so its stop changes no count." in text
    assert "Local Network never" not in text  # it reports events alone: its start does change counts


def test_a_file_with_moves_of_foreign_forces_names_too_the_forces_that_fight(tmp_path):
    """Page 03 of a file whose foreign forces moved counted only their moves: the force in most of the fighting
    went unnamed. The lead names every force the events name, the moves first."""
    us = {"actor2": "Military Forces of the United States (2021-)", "inter2": "External/Other forces"}
    events = ([{"event_date": f"2025-03-{d:02d}", **us} for d in range(1, 11)]
              + [{"event_date": f"2025-03-{d:02d}", "event_type": "Strategic developments",
                  "sub_event_type": "Headquarters or base established", "actor1": "Military Forces of Turkey (2016-)",
                  "inter1": "External/Other forces", "actor2": "", "inter2": "", "fatalities": "0"}
                 for d in (3, 9)]
              + [{"event_date": f"2025-03-{d:02d}", "actor2": f"Military Forces of Country {d}",
                  "inter2": "External/Other forces"} for d in (12, 13)])
    lead = Story(notebook_data(str(write_acled_events(tmp_path / "moves.csv", events)))).heading("posture").markdown
    assert "ACLED codes 2 strategic developments involving foreign forces" in lead
    assert ("Foreign forces are named in 14 of the 14 events: Military Forces of the United States (2021-) in 10, "
            "Military Forces of Turkey (2016-) in 2, Military Forces of Country 12 in 1 and 1 other force in 1.") in lead
    assert "None of these is a strategic development" not in lead


def test_the_words_over_the_forces_map_say_what_its_shapes_colours_and_sizes_mean(tmp_path):
    """The map of the forces' moves draws each force in a shape: the section and the subtitle say so, and which
    forces share a shape."""
    def moves(forces: list[str]) -> Story:
        events = [{"event_date": f"2025-03-{k + 1:02d}", "event_type": "Strategic developments",
                   "sub_event_type": "Headquarters or base established", "actor1": force,
                   "inter1": "External/Other forces", "actor2": "", "inter2": "", "fatalities": "0"}
                  for k, force in enumerate(forces)]
        return Story(notebook_data(str(write_acled_events(tmp_path / f"moves{len(forces)}.csv", events))))

    two = moves(["Military Forces of Turkey (2016-)"] * 2 + ["Military Forces of Egypt (2014-)"])
    assert two.chart_subtitle("posture").endswith("; a mark is the moves of one force at one place: its shape the "
                                                  "force, its colour the kind of most of them, its size their number")
    assert ("A mark is the moves of one force at one place: its shape is the force (each force a shape of its own), "
            "its colour the kind of most of those moves") in two.section("forces")
    six = moves([f"Military Forces of Country {k} (2020-)" for k in range(6)])
    assert ("(the 4 forces with the most moves a shape each, the others one shape together)"
            in six.section("forces"))


def test_the_events_table_names_each_side_with_its_associated_actors_as_the_attacks_table_does(story, raw):
    # page 01's table named the Iraqi army alone where page 02's named it with the United States forces beside it
    listed = story.events_table()
    assoc = raw.set_index("event_id_cnty")["assoc_actor_2"].fillna("")
    with_us = [i for i in listed["event_id"] if "United States" in assoc.get(i, "")]
    assert with_us
    row = listed.set_index("event_id").loc[with_us[0]]
    assert " with Military Forces of the United States (2017-)" in row["actor2"]
    attacks = story.attacks_table().set_index("event_id")
    shared = [i for i in with_us if i in attacks.index]
    assert shared and all(listed.set_index("event_id").loc[i, "actor2"] in attacks.loc[i].tolist() for i in shared)


@pytest.mark.parametrize("chart", ["weekly", "monthly"])
def test_the_charts_of_counts_hatch_the_part_only_the_new_source_their_title_names_reports(story, raw, chart):
    """The title's "as a new source began reporting" and the chart's hatched part follow one rule: each period's
    attacks that only Local Network reports (an event it reports with Rudaw is not its alone), counted from the CSV."""
    data = story.data
    freq = story.period(chart, "W" if chart == "weekly" else "M")

    def count(events):  # as notebook 02 counts the chart
        return attacks_per_period(events, freq=freq, by=data.place_column if chart == "monthly" else None,
                                  kinds=data.selection, start=data.window[0], end=data.window[1], clip=True,
                                  dates=data.date_rule)

    part, label = story.reported_alone(chart, count)
    attacks = raw[raw["event_type"].isin(["Battles", "Explosions/Remote violence"])]
    periods = pd.PeriodIndex(attacks["event_date"], freq="W-SUN" if chart == "weekly" else "M")
    alone = (attacks["source"] == "Local Network").groupby(periods).sum()
    reports = attacks["source"].str.contains("Local Network").groupby(periods).sum()
    drawn = part.groupby(part["period_start"].dt.to_period(alone.index.freq))["expected"].sum()
    assert drawn.tolist() == alone.reindex(drawn.index, fill_value=0).tolist() and drawn.sum() > 0
    # a period where it reports events with Rudaw too: those are not its alone
    assert (drawn < reports.reindex(drawn.index, fill_value=0)).any()
    first_day = raw.loc[raw["source"].str.contains("Local Network"), "event_date"].min()
    assert label == f"reported only by Local Network, first cited {first_day.day} June 2020"
    assert "as a new source began reporting" in story.chart_title(chart)  # the source the title names
    assert Story(notebook_data()).reported_alone("monthly", count) == (None, None)  # the coded data: no outlets
    with pytest.raises(ValueError, match="use one of weekly, monthly, killed"):
        story.reported_alone("timeline", count)


def test_the_chart_of_the_killed_hatches_those_killed_in_events_only_the_new_source_reports(story, raw):
    """The title's "32 of the 33 killed were in events that only Local Network reports" drawn: each week's killed in
    the attacks only it reports, hatched at the top of the week's bar, counted from the CSV."""
    import matplotlib.pyplot as plt

    from analysis.stats.casualties import killed_per_period
    from analysis.viz.counts import plot_killed_per_period

    data = story.data

    def count(events):  # as notebook 02 counts the chart
        return killed_per_period(events, data.casualties, freq=story.period("weekly", "W"), kinds=data.selection,
                                 start=data.window[0], end=data.window[1], dates=data.date_rule, set_by_rule=True)

    part, label = story.reported_alone("killed", count)
    attacks = raw[raw["event_type"].isin(["Battles", "Explosions/Remote violence"])]
    weeks = pd.PeriodIndex(attacks["event_date"], freq="W-SUN")
    alone = attacks["fatalities"].where(only_local(attacks), 0).groupby(weeks).sum()
    drawn = part.groupby(part["period_start"].dt.to_period("W-SUN"))["killed"].sum()
    assert drawn.tolist() == alone.reindex(drawn.index, fill_value=0).tolist() and drawn.sum() > 0
    peak = alone.index[attacks["fatalities"].groupby(weeks).sum().argmax()]
    assert (f"{int(alone[peak])} of the {int(attacks['fatalities'].groupby(weeks).sum()[peak])} killed were in events "
            "that only Local Network reports") in story.chart_title("killed")
    assert label.startswith("reported only by Local Network, first cited")
    fig, ax = plt.subplots()
    try:
        plot_killed_per_period(count(data.events), part=part, part_label=label, ax=ax)
        tops = {round(p.get_x(), 6): p.get_height() for p in ax.patches if p.get_gid() == "killed"}
        hatched = [p for p in ax.patches if p.get_gid() == "part"]
        assert [p.get_height() for p in hatched] == [v for v in alone.reindex(drawn.index).tolist() if v]
        assert all(p.get_y() + p.get_height() == tops[round(p.get_x(), 6)] for p in hatched)  # at each bar's top
        assert label in [t.get_text() for t in ax.get_legend().get_texts()]
    finally:
        plt.close(fig)


def test_the_escalation_chart_hatches_the_score_of_the_events_only_the_new_source_reports(story, raw):
    """The caption's "without the events only it reports, those weeks score 47 and 50 points" drawn: each week's
    score of the events only Local Network reports (chosen here from the CSV) hatched at the top of its bar, and what
    is left of the peak weeks' bars is the caption's figures."""
    from analysis.stats.escalation import escalation_per_period

    data = story.data

    def count(events):  # as notebook 01 counts the chart
        return escalation_per_period(events, freq=story.period("weekly", "W"), start=data.window[0],
                                     end=data.window[1], clip=True, dates=data.date_rule)

    part, label = story.hatched_part("escalation", count)
    scored = data.escalation_events
    ids = set(raw.loc[only_local(raw), "event_id_cnty"])
    expected = count(scored[scored["event_id"].isin(ids)])
    assert part["conflict"].tolist() == expected["conflict"].tolist() and part["conflict"].sum() > 0
    assert label.startswith("reported only by Local Network, first cited")
    whole = count(scored).set_index("period_start")["conflict"]
    left = whole - part.set_index("period_start")["conflict"]
    peaks = whole[whole == whole.max()].index
    said = " and ".join(f"{left[day]:g}" for day in peaks)
    assert f"without the events only it reports, those weeks score {said} points" in story.escalation(
        story.facts.escalation)


def test_a_hostile_new_sources_name_is_drawn_as_typed_in_the_key_of_its_hatched_part(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.viz.counts import plot_attacks_per_period
    from analysis.viz.literal import literal_text

    hostile = "$\\frac{1}{0}$ _Net_ <b>"
    events = [{"event_date": f"2020-03-{d:02d}", "source": "Test Wire"} for d in range(2, 12)]
    events += [{"event_date": f"2020-04-{d:02d}", "source": "Test Wire"} for d in range(2, 12)]
    events += [{"event_date": f"2020-05-{d:02d}", "source": hostile} for d in range(4, 30)]
    events += [{"event_date": "2020-05-02", "source": "Test Wire"}]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "hostile-new-source.csv", events))))
    data = story.data

    def count(frame):
        return attacks_per_period(frame, freq="M", kinds=data.selection, start=data.window[0], end=data.window[1],
                                  clip=True, dates=data.date_rule)

    part, label = story.reported_alone("monthly", count)
    assert label == f"reported only by {hostile}, first cited 4 May 2020"
    fig, ax = plt.subplots()
    try:
        plot_attacks_per_period(count(data.events), part=part, part_label=label, ax=ax)
        assert literal_text(label) in [text.get_text() for text in ax.get_legend().get_texts()]
        fig.canvas.draw()  # no mathematics read into the name: "$\frac{1}{0}$" would be drawn as a fraction
    finally:
        plt.close(fig)


def test_the_moves_are_counted_by_force_and_the_forces_without_any_are_named(tmp_path):
    """The sentence under the forces' map counts the strategic developments (the moves), not the events that name a
    force: a force named in many events and in no move is said to have none, its events counted; a force's name
    is data, escaped."""
    hostile = "Military Forces of *Turkey* [x](y) (2016-)"
    moves = [{"event_date": f"2020-03-0{day}", "event_type": "Strategic developments", "admin1": "Duhok",
              "sub_event_type": "Headquarters or base established", "actor1": hostile,
              "inter1": "External/Other forces", "interaction": "External/Other forces only"} for day in (2, 3)]
    battles = [{"event_date": f"2020-03-1{day}", "actor2": "Military Forces of the United States (2017-)",
                "inter2": "External/Other forces", "fatalities": "1"} for day in range(3)]
    story = Story(notebook_data(str(write_acled_events(tmp_path / "moves.csv", moves + battles))))
    assert story.posture().startswith(
        f"**What it shows.** Both moves involve {md(hostile)}. No move is coded for Military Forces of the United "
        "States (2017-), named in 3 events.\n")
    assert "*Turkey*" not in story.posture() and "[x](y)" not in story.posture()


def test_the_two_civilian_measures_say_how_far_they_are_the_same_events(tmp_path):
    """Civilian targeting as ACLED marks it and ACLED's type Violence against civilians, side by side, read as one
    measure: where the type's events are not all marked, the sentence says how many are."""
    attack = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "actor2": "Civilians (Iraq)",
              "inter2": "Civilians", "fatalities": "1"}
    rows = ([{**attack, "event_date": "2020-03-02", "civilian_targeting": "Civilian targeting"}]
            + [{**attack, "event_date": f"2020-03-0{day}"} for day in (3, 4)])
    story = Story(notebook_data(str(write_acled_events(tmp_path / "civilians.csv", rows))))
    assert ("ACLED's type Violence against civilians holds 3 events (only 1 of them marked as civilian targeting), "
            "in which 3 people were killed.") in story.who()
