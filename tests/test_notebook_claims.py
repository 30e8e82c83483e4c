"""The numbers the notebooks' prose states, checked against the coded data of the default run.

Sentences that state a number are computed in the notebooks where a helper can word them; the others
(and the findings in chart titles) are written by hand for the default run, and each is checked here: the test
finds the sentence in its notebook and checks the facts it states. Change the data, and the test names the
sentence to rewrite.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import analysis
from analysis.stats.selection import is_militia_attack

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def text_of(notebook: str) -> str:
    """All the Markdown and code of a notebook, one string, lines joined."""
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    return " ".join(" ".join("".join(cell["source"]).split()) for cell in cells)


def says(notebook: str, *fragments: str) -> None:
    text = text_of(notebook)
    for fragment in fragments:
        assert " ".join(fragment.split()) in text, f"{notebook} no longer says {fragment!r}: update this test"


@pytest.fixture(scope="module")
def data():
    from analysis.report import notebook_data

    return notebook_data()


def event(data, event_id: str) -> pd.Series:
    return data.events.set_index("event_id").loc[event_id]


def killed(data, event_id: str, group: str, outcome: str = "killed") -> int:
    rows = data.casualties[(data.casualties["event_id"] == event_id) & (data.casualties["group"] == group)
                           & (data.casualties["outcome"] == outcome)]
    return int(rows["count_low"].min())


def test_the_timeline_reading_states_the_coded_attacks(data):
    says("01-escalation-timeline.ipynb", "18 rockets on Camp Taji on 11 March killed two US soldiers and one British",
         "25 more rockets hit the base on Saturday 14 March and wounded three US troops",
         "US strikes on Kata'ib Hezbollah came in response", "Qayyarah Airfield West (26 March)")
    assert "In response" in data.reports.loc[data.reports["event_id"] == "EV025", "quote"].iloc[0]
    taji, again = event(data, "EV023"), event(data, "EV035")
    assert (taji["projectiles_low"], taji["date_start"]) == (18, pd.Timestamp("2020-03-11"))
    assert killed(data, "EV023", "US military") == 2 and killed(data, "EV023", "UK military") == 1
    assert (again["projectiles_low"], again["date_start"]) == (25, pd.Timestamp("2020-03-14"))
    assert killed(data, "EV035", "US military", "wounded") == 3
    assert event(data, "EV040")["date_start"] == pd.Timestamp("2020-03-26")


def test_violence_came_in_two_bursts(data):
    says("01-escalation-timeline.ipynb", "Six of the seven rocket attacks and US strikes came in two bursts, around "
         "the new year and in March; \" \"the pull-back from three bases followed",
         "Apart from this confrontation, a US Marine was killed in early March in an operation against ISIS.")
    marine = event(data, "EV022")
    assert marine["category"] == "other violence" and marine["date_start"].month == marine["date_end"].month == 3
    violent = data.events[data.events["event_type"].isin(["Battles", "Explosions/Remote violence"])]
    known = np.sort(violent.loc[violent["date_start"] == violent["date_end"], "date_start"].to_numpy())
    gaps = np.diff(known) > np.timedelta64(30, "D")
    bursts = np.split(known, np.flatnonzero(gaps) + 1)
    assert [(pd.Timestamp(b[0]).strftime("%d %b"), pd.Timestamp(b[-1]).strftime("%d %b")) for b in bursts] == [
        ("27 Dec", "03 Jan"), ("11 Mar", "14 Mar")]
    # the attacks and strikes are the timeline's two lanes of the confrontation (the Marine killed fighting ISIS is
    # the third violent lane's, left out as the escalation score leaves him out); six of the seven fall in the bursts
    lanes = analysis.event_kind(data.events)
    assert set(lanes[~analysis.in_confrontation(data.events)]) == {"other violence"}
    acts = data.events[lanes.isin(["militia attack", "US strike"]).to_numpy()]
    new_year = (acts["date_start"] >= pd.Timestamp("2019-12-27")) & (acts["date_end"] <= pd.Timestamp("2020-01-03"))
    march = (acts["date_start"] >= pd.Timestamp("2020-03-01")) & (acts["date_end"] <= pd.Timestamp("2020-03-31"))
    assert (len(acts), int((new_year | march).sum())) == (7, 6)
    posture = analysis.base_posture(data.events, data.bases)
    assert posture.loc[posture["kind"].isin(["withdrawn from", "handed over"]), "base_id"].nunique() == 3


def test_the_timeline_reading_dates_the_first_burst_the_pull_back_and_june(data):
    says("01-escalation-timeline.ipynb", "K-1 Air Base in Kirkuk on 27 December 2019",
         "US air strikes on Kata'ib Hezbollah in al-Qaim came in December too (the reports give no day; that "
         "they came after the K-1 rocket is an inference)",
         "on 3 January 2020 a US drone strike", "Within three weeks the posture lane shows the pull-back",
         "a US-Iraqi joint statement and two rockets on Taji on a Saturday of June (the report's day, inferred) "
         "close the record")
    assert event(data, "EV001")["date_start"] == pd.Timestamp("2019-12-27")
    strikes = event(data, "EV002")
    assert (strikes["date_start"], strikes["date_end"]) == (pd.Timestamp("2019-12-27"), pd.Timestamp("2019-12-31"))
    assert strikes["date_start_from"] != "text"  # the report says "In December 2019": its first day is borrowed
    assert data.reports.loc[data.reports["event_id"] == "EV002", "doc_id"].nunique() == 2  # "the reports give no day"
    assert event(data, "EV003")["date_start"] == event(data, "EV003")["date_end"] == pd.Timestamp("2020-01-03")
    # al-Qaim, Qayyarah and K-1 were all left by 21 days after the attack of 11 March
    left = data.events.set_index("event_id").loc[["EV033", "EV040", "EV041"], "date_end"]
    assert (left - pd.Timestamp("2020-03-11")).max() <= pd.Timedelta(days=21)
    june, statement = event(data, "EV046"), event(data, "EV045")
    assert june["projectiles_low"] == june["projectiles_high"] == 2
    assert {june["date_start"].month, june["date_end"].month, statement["date_start"].month} == {6}
    assert data.events["date_end"].max() == june["date_end"]


def test_the_toll_of_the_us_strikes_is_quoted_from_the_one_report_that_gives_any(data):
    says("01-escalation-timeline.ipynb", "no report gives a number of strikes; of the dead, one says only that \"dozens "
         "of Iraqi militiamen died in American air strikes\" in the weeks after Soleimani's death")
    from analysis.io.coded import document_text

    texts = [document_text(doc) for doc in data.sources["doc_id"]]
    holding = [text for text in texts if "dozens of Iraqi militiamen died in American air strikes" in text]
    assert len(holding) == 1 and "resulted in the death of Soleimani" in holding[0]


def test_only_the_11_march_attack_is_attributed_to_a_named_group(data):
    says("01-escalation-timeline.ipynb", "Only the 11 March attack is attributed to a named group by an official (the "
         "US military, to Kata'ib Hezbollah); The Media Line and the analysts it quotes put the June attack on the "
         "Popular Mobilization Forces")
    june = data.reports[(data.reports["event_id"] == "EV046") & (data.reports["claim_field"] == "actor")]
    assert june["quote"].str.contains("Popular Mobilization Forces").any() and june["claimant"].nunique() >= 2
    attacks = data.events[is_militia_attack(data.events)].set_index("event_id")["actor1"]
    assert attacks.to_dict() == {"EV001": "Unidentified Armed Group (Iraq)", "EV023": "Kata'ib Hezbollah",
                                 "EV035": "Unidentified Armed Group (Iraq)", "EV046": "Unidentified Armed Group (Iraq)"}


def test_the_escalation_reading_follows_the_weekly_scores(data):
    says("01-escalation-timeline.ipynb", "Escalation peaks in the week of 9-15 March",
         "No week of February or of early March scores: the score rises only in the week of the Taji attack.",
         "the two weeks of the K-1 attack and of the Soleimani strike (23 December - 5 January), then the "
         "week of 16-22 March, which holds only seven of the nineteen days over which those US strikes are spread",
         "The week of 23-29 March turns to retreat: the K-1 handover counts 10 points down, spread over 26-31 March, "
         "so two thirds of it fall in that week",
         "Its last third falls in the next week, 30 March - 5 April, which, with nothing violent to offset it, is the "
         "lowest of all.",
         "so April, with no violence reported, shows no conflict")
    weekly = analysis.escalation_per_period(data.escalation_events, start=data.window[0], end=data.window[1])
    weekly = weekly.set_index("period_start")
    order = weekly.sort_values("escalation", ascending=False).index[:4].strftime("%Y-%m-%d").tolist()
    assert order == ["2020-03-09", "2019-12-23", "2019-12-30", "2020-03-16"]
    # nothing scores between the new year's burst and the Taji attack of 11 March
    quiet = weekly[(weekly.index >= pd.Timestamp("2020-01-06")) & (weekly.index < pd.Timestamp("2020-03-09"))]
    assert len(quiet) == 9 and (quiet[["conflict", "cooperation", "escalation"]] == 0).all().all()
    assert event(data, "EV023")["date_start"] == pd.Timestamp("2020-03-11")
    # the week of 16-22 March holds only the US strikes, 7 of their 19 days
    strikes = event(data, "EV025")
    days = pd.date_range(strikes["date_start"], strikes["date_end"])
    assert (len(days), int(((days >= "2020-03-16") & (days <= "2020-03-22")).sum())) == (19, 7)
    assert weekly.loc[pd.Timestamp("2020-03-16"), "escalation"] == pytest.approx(10 * 7 / 19)
    week = weekly.loc[pd.Timestamp("2020-03-23")]
    assert week["escalation"] < 0 and week["cooperation"] == pytest.approx(10 * 4 / 6)
    after = weekly.loc[pd.Timestamp("2020-03-30")]  # the handover's last two days, nothing violent: the lowest week
    assert after["conflict"] == 0 and after["cooperation"] == pytest.approx(10 * 2 / 6)
    assert weekly["escalation"].idxmin() == pd.Timestamp("2020-03-30") and after["escalation"] < week["escalation"]
    april = weekly[(weekly.index >= pd.Timestamp("2020-04-06")) & (weekly.index < pd.Timestamp("2020-05-01"))]
    assert (april["conflict"] == 0).all() and (april["nonviolent"] > 0).all()
    k1 = event(data, "EV041")
    assert (k1["date_start"], k1["date_end"], k1["sub_event_type"]) == (
        pd.Timestamp("2020-03-26"), pd.Timestamp("2020-03-31"), "Non-violent transfer of territory")
    weights = analysis.cameo_weights(data.escalation_events).set_index("event_id")["goldstein"]
    assert weights[["EV033", "EV040"]].tolist() == [-4.0, -4.0]


def test_only_the_base_a_report_says_changed_hands_counts_as_a_retreat(data):
    # the bullet said "No violence, no score" of the withdrawals from Qayyarah and al-Qaim, under a bullet counting
    # the K-1 handover, no violence either, 10 points down: the rule is whether a report says the base changed hands
    says("01-escalation-timeline.ipynb", "Other moves, no score.** Of the three bases left, only K-1 counts as a retreat: "
         "it is the one a report says changed hands (\"officially transferring control of the base to the Iraqi "
         "army\"). No report says al-Qaim or Qayyarah changed hands, so those withdrawals, like the Patriot "
         "deployments and the fortification of Irbil, are no violence and count in no score")
    scored = data.escalation_events.set_index("event_id", drop=False)
    posture = analysis.base_posture(data.events, data.bases)
    left = posture[posture["kind"].isin(["withdrawn from", "handed over"])].set_index("event_id")["base_id"]
    assert left.to_dict() == {"EV033": "al-qaim", "EV040": "qayyarah-west", "EV041": "k1"}
    weights = analysis.cameo_weights(scored).set_index("event_id")
    # the one retreat the score counts, of every event it scores, is the one base handed over
    assert weights.index[(weights["cameo_code"] == "0874").to_numpy()].tolist() == ["EV041"]
    assert posture.set_index("event_id").loc["EV041", "kind"] == "handed over"
    quotes = data.reports.loc[data.reports["event_id"] == "EV041", "quote"]
    assert quotes.str.contains("officially transferring control of the base to the Iraqi army").any()
    for event_id in ("EV033", "EV040"):  # al-Qaim and Qayyarah: coded a change of activity, for want of a report
        assert "No text says control of" in event(data, event_id)["notes"]
        assert event(data, event_id)["sub_event_type"] == "Change to group/activity"
    # those withdrawals, the Patriots and the fortification of Irbil add nothing to any score
    quiet = scored.loc[["EV033", "EV040", "EV037", "EV038", "EV039", "EV010"]]
    assert quiet["headline"].str.contains("Patriot").sum() == 3 and "Irbil" in event(data, "EV010")["headline"]
    measure = analysis.escalation_per_period(quiet.reset_index(drop=True))
    assert (measure[["conflict", "cooperation", "escalation"]] == 0).all().all() and measure["nonviolent"].sum() > 0


def test_the_escalation_reading_spreads_the_march_strikes_over_their_range(data):
    # the US strikes that answered the Taji attack are dated only to 11-29 March: the peak week holds a share of them
    says("01-escalation-timeline.ipynb", "Escalation peaks in the week of 9-15 March (the two Taji attacks, and a "
         "share of the US strikes that answered them, which are dated only to 11-29 March).")
    strikes = event(data, "EV025")
    assert (strikes["date_start"], strikes["date_end"]) == (pd.Timestamp("2020-03-11"), pd.Timestamp("2020-03-29"))
    weekly = analysis.escalation_per_period(data.escalation_events, start=data.window[0], end=data.window[1])
    peak = weekly.set_index("period_start").loc[pd.Timestamp("2020-03-09"), "conflict"]
    assert peak == pytest.approx(10 + 10 + 10 * 5 / 19)  # the two attacks and 5 of the 19 strike days


def test_the_marine_killed_fighting_isis_is_the_one_event_the_score_leaves_out(data):
    # the chart is introduced by the page's words, which name what the score leaves out
    from analysis.report.story import Story

    marine = event(data, "EV022")
    assert (marine["category"], marine["actor2"]) == ("other violence", "Islamic State (Iraq)")
    left = data.events.loc[~data.events["event_id"].isin(data.escalation_events["event_id"]), "event_id"]
    assert left.tolist() == ["EV022"]
    assert ("not the fight against the Islamic State: here that leaves out one event, *US Marine killed in an "
            "operation against ISIS* (event 22)." in Story(data).section("escalation"))


def test_the_escalation_measure_counts_acts_not_their_size(data):
    says("01-escalation-timeline.ipynb", "25 rockets and 2 rockets both count 10 points")
    assert (event(data, "EV035")["projectiles_low"], event(data, "EV046")["projectiles_low"]) == (25, 2)
    weights = analysis.cameo_weights(data.events).set_index("event_id")["goldstein"]
    assert weights[["EV035", "EV046"]].tolist() == [-10.0, -10.0]


def test_the_june_attack_counts_a_quarter_in_each_week_of_june(data):
    says("02-attack-frequency.ipynb", "The June attack's possible days are its four Saturdays, one in each week of June, "
         "so it counts 1/4 in each of")
    weekly = analysis.attacks_per_period(data.events, start=data.window[0], end=data.window[1], kinds=is_militia_attack)
    june = weekly[weekly["period_start"] >= pd.Timestamp("2020-06-01")]
    assert june["expected"].tolist() == [0.25] * 4 and june["possible"].tolist() == [1] * 4


def test_the_june_attack_fell_on_one_of_four_saturdays(data):
    says("02-attack-frequency.ipynb", "only between 6 and 27 June 2020: one of four Saturdays, 6, 13, 20 or 27 June.")
    june = event(data, "EV046")
    days = pd.date_range(june["date_start"], june["date_end"])
    assert (june["date_start"], june["date_end"], june["weekday"]) == (
        pd.Timestamp("2020-06-06"), pd.Timestamp("2020-06-27"), "Saturday")
    assert days[days.day_of_week == 5].day.tolist() == [6, 13, 20, 27]


def test_the_escalation_measure_says_what_pushes_a_week_down(data):
    # the paragraph over the chart is the page's words, written for the coded data in the default run
    from analysis.report.story import Story

    assert ("a retreat (a base a report says was handed over) or an act of cooperation (an agreement) pushes it down;"
            in Story(data).section("escalation"))
    weights = analysis.cameo_weights(data.events)["goldstein"].fillna(0).to_numpy()
    down = data.events.loc[weights > 0, "sub_event_type"].astype(str)
    assert set(down) == {"Non-violent transfer of territory", "Agreement"}
    # a base is coded as handed over only where a report says it changed hands (the rule of docs/methods.md)
    handed = data.events[data.events["sub_event_type"] == "Non-violent transfer of territory"]
    assert handed["notes"].str.contains("the one base a text says changed hands").all()


def test_what_the_attack_figures_leave_out(data):
    says("02-attack-frequency.ipynb", "**Rockets at K-1** and **wounded at K-1 and on 11 March**: not given.")
    assert pd.isna(event(data, "EV001")["projectiles_low"])
    wounded = data.casualties[data.casualties["outcome"] == "wounded"]
    assert not wounded["event_id"].isin(["EV001", "EV023"]).any()


def test_the_attack_counts_and_their_titles(data):
    says("02-attack-frequency.ipynb", "The four attacks the reports describe came in the two bursts of the timeline "
         "and once more", "The four attacks described one by one: one in late December, two in mid-March, one in June",
         "The table under the first chart, of the weeks with any attack, gives all three",
         "Four attacks are described one by one", "The chart shows each attack in time")
    attacks = analysis.attacks_table(data.events, data.casualties, kinds=is_militia_attack)
    assert attacks["base_id"].value_counts().to_dict() == {"taji": 3, "k1": 1}
    assert [d.strftime("%Y-%m") for d in attacks["event_date"]] == ["2019-12", "2020-03", "2020-03", "2020-06"]
    march = attacks.loc[attacks["event_date"].dt.month == 3, "event_date"]
    assert march.dt.day.between(11, 20).all()  # mid-March: one burst, not two
    assert analysis.attack_chart_form(len(attacks)) == "dots"


def test_the_posture_reading_and_its_title(data):
    says("03-troop-posture.ipynb", "In March the coalition began leaving three bases; it dug in at two others",
         "Camp Taji, attacked three times, is not reported as left",
         "overlap within their rounding (5,150-5,250 and 4,500-5,500)",
         "Reported US numbers barely moved: about 5,200 in February, about 5,000 in April")
    posture = analysis.base_posture(data.events, data.bases)
    left = posture[posture["kind"].isin(["withdrawn from", "handed over"])]
    assert sorted(left["base_id"]) == ["al-qaim", "k1", "qayyarah-west"]
    assert (left["date_start"].dt.month == 3).all() and (left["date_end"].dt.month == 3).all()
    dug_in = posture[posture["kind"].isin(["fortified", "Patriot batteries"])]
    assert sorted(dug_in["base_id"].unique()) == ["al-asad", "erbil"]
    levels = analysis.troop_level_statements(data.troop_levels)
    us = levels[levels["force"] == "US"]
    assert us[["count_low", "count_high"]].values.tolist() == [[5150, 5250], [4500, 5500]]
    assert us["as_worded"].tolist() == ["about 5,200", "about 5,000"]
    assert [d.month for d in us["date_start"]] == [2, 4] and [d.month for d in us["date_end"]] == [2, 4]


def test_the_posture_page_counts_statements_and_bases_and_dates_the_moves(data):
    says("03-troop-posture.ipynb", "Three statements of force size", "only six bases are named",
         "al-Qaim near the Syrian border (under way on 29 March;",
         "Patriot missile batteries at Ain al-Asad and Irbil by the end of April at the latest")
    assert len(data.troop_levels) == 3 and len(data.bases) == 6
    assert event(data, "EV033")["date_end"] == pd.Timestamp("2020-03-29")
    patriots = data.events.set_index("event_id").loc[["EV038", "EV039"]]
    assert (patriots["date_end"] == pd.Timestamp("2020-04-30")).all()
    assert set(patriots["location"]) == {"Ain al-Asad base", "Irbil"}


def test_the_disputed_points_listed_are_the_twelve_of_the_data(data):
    # the hand-written lists under the disputes table, a point a line, grouped by how their claims differ (they were
    # grouped within one report / between reports, mixing the kinds, then sorted again by kind in a paragraph), each
    # tagged with where its claims are; the forecasts of K-1's handover (Military Times, out before it) are no claims
    from analysis.stats.evidence import disputed_points

    says("04-sources-and-evidence.ipynb", "what the March US strikes did (they killed and wounded Iraqi soldiers and "
         "civilians, says the Iraqi government; they targeted only Kata'ib Hezbollah, says the Pentagon: a target is "
         "not a toll; within one report)",
         "what the parliament's resolution did: it is \"non-binding\" and \"symbolic\", but one report also says it "
         "\"forced the government to eliminate the Americans\" (between reports).",
         "Military Times calls Kata'ib Hezbollah an Iran-backed militia", "**Claims that differ but can all hold,** "
         "as this project reads them:", "no report says they were for one threat only.")
    text = text_of("04-sources-and-evidence.ipynb")
    groups = {"contradict": "**Claims that contradict each other:**", "precision": "**Claims that differ only in "
              "precision:**", "complement": "**Claims that differ but can all hold,**"}
    # every point of the data is in its kind's list, tagged with where its claims are, and no list has another
    points = disputed_points(data.reports)
    headlines = data.events.set_index("event_id")["headline"]
    named = {"EV004": "pause of joint operations", "EV005": "committee", "EV025": "March US strikes",
             "EV006": "parliament's resolution", "EV001": "K-1 (a militia", "EV023": "Taji on 11 March",
             "EV003": "Soleimani strike", "EV046": "June rockets", "EV033": "al-Qaim", "EV041": "K-1 was left",
             "EV036": "re-positioned", "EV037": "Patriot batteries"}
    starts = sorted((text.index(heading), kind) for kind, heading in groups.items())
    for i, (at, kind) in enumerate(starts):
        part = text[at:starts[i + 1][0] if i + 1 < len(starts) else text.index("## The passages each event rests on")]
        mine = points[points["difference"].replace({"wording": "precision"}) == kind]
        assert part.count(" - ") == len(mine), (kind, part)
        for event_id, where in zip(mine["event_id"], mine["where"]):
            item = part[part.index(named[event_id]):]
            assert f"; {where})" in item.split(" - ")[0] or f"({where})" in item.split(" - ")[0], (event_id, where)
    assert len(points) == 12 and set(points["event_id"]) == set(named)
    assert "al-Qaim" in headlines["EV033"] and "K-1" in headlines["EV041"] and "Patriot" in headlines["EV037"]
    by_difference = {how: set(part["event_id"] + " " + part["claim_field"]) for how, part in points.groupby("difference")}
    assert by_difference["complement"] == {"EV033 reason", "EV041 reason", "EV036 reason", "EV037 reason",
                                           "EV025 casualties"}
    assert by_difference["contradict"] == {"EV004 status", "EV005 occurred", "EV006 status"}


def test_the_evidence_reading_names_the_events_three_or_four_reports_tell(data):
    # the chart's title names the four events; the sentence under the table adds only what the title does not say
    says("04-sources-and-evidence.ipynb", "One of those four joins its reports by an inference: the 11 March Taji "
         "attack, on the reading that an unnamed outlet (Apr 2020), which gives the same toll (two US soldiers and a "
         "British soldier killed) but no place or day, speaks of it.",
         "38 of the 48 events rest on a single report; four on three or four: the K-1 and 11 March attacks, \" "
         "\"the Soleimani strike and the parliament's vote")
    per_event = data.reports.groupby("event_id")["doc_id"].nunique()
    assert (int((per_event == 1).sum()), len(per_event), len(data.events)) == (38, 48, 48)
    assert sorted(per_event[per_event >= 3].index) == ["EV001", "EV003", "EV006", "EV023"]
    # the Patriot batteries: one of their three reports tells of them only as a plan ("would deploy")
    assert per_event.max() == 4 and per_event["EV037"] == 2
    april = data.sources.loc[data.sources["published_start"] == pd.Timestamp("2020-04-01"), "doc_id"].item()
    taji = data.reports[(data.reports["event_id"] == "EV023") & (data.reports["doc_id"] == april)]["quote"].item()
    assert "two American soldiers and a British soldier were killed" in taji and "Taji" not in taji
    assert "March" not in taji and "inferences" in event(data, "EV023")["notes"]
    text = text_of("04-sources-and-evidence.ipynb")
    assert text.count("the parliament's resolution, the 11 March Taji attack") == 0  # the five are named once


def test_the_plans_and_forecasts_are_named_and_not_counted_as_their_events_reports(data):
    says("04-sources-and-evidence.ipynb", "Some passages tell of a move only as a plan or a forecast: Military Times "
         "relays NBC's report that US troops \"will be moved from\" al-Qaim and Qayyarah Airfield West and \"will "
         "possibly leave\" K-1 (events 33, 40 and 41), and an unnamed outlet (29 Mar 2020) writes that the United "
         "States \"would deploy\" a Patriot missile defence system (event 37).")
    plans = data.forecasts[data.forecasts["tells"] == "plan"].merge(data.sources, on="doc_id")
    assert sorted(plans["event_id"]) == ["EV033", "EV037", "EV040", "EV041"]
    relayed = plans[plans["outlet"] == "Military Times"]
    assert set(relayed["event_id"]) == {"EV033", "EV040", "EV041"}
    quotes = " ".join(relayed["quote"])
    assert "will be moved from" in quotes and "al-Qaim" in quotes and "Qayyarah Airfield West" in quotes
    assert "will possibly leave" in quotes and "NBC" in quotes
    patriot = plans[plans["event_id"] == "EV037"]
    assert patriot["outlet"].isna().all() and (patriot["published_start"] == pd.Timestamp("2020-03-29")).all()
    assert "would deploy a Patriot missile defence system" in patriot["quote"].item()
    assert not data.reports["report_id"].isin(data.forecasts["report_id"]).any()
    # the statement said before the events it is cited beside (OIR's, 16 March) is kept apart too, by its date
    before = data.forecasts[data.forecasts["tells"] != "plan"].merge(data.sources, on="doc_id")
    events = data.events.set_index("event_id")
    assert len(before) and (before["published_end"].to_numpy()
                            < events.loc[before["event_id"], "date_start"].to_numpy()).all()


def test_what_the_five_reports_cannot_tell(data):
    says("04-sources-and-evidence.ipynb", "two of them, an unnamed outlet (29 Mar 2020) and Associated Press (6 Feb "
         "2020), carry the most events", "one has no headline, two name no outlet, "
         "and two can be dated only to a month or to four weeks")
    counts = analysis.events_per_document(data.reports, data.sources).set_index("document")["events"]
    assert counts.nlargest(2).index.tolist() == ["unnamed outlet, 29 Mar 2020", "Associated Press, 6 Feb 2020"]
    # the prose names the two as every sentence of the pages does
    most = analysis.events_per_document(data.reports, data.sources).nlargest(2, "events")["doc_id"]
    says("04-sources-and-evidence.ipynb", " and ".join(analysis.document_names(data.sources, form="sentence")[most]))
    sources = data.sources
    assert int(sources["title"].isna().sum()) == 1 and int(sources["outlet"].isna().sum()) == 2
    days = (sources["published_end"] - sources["published_start"]).dt.days
    assert sorted(days[days > 7].tolist()) == [27, 29]  # four weeks (6 Jun - 3 Jul) and a month (April)


def test_most_political_events_and_most_ranges_are_as_the_pages_say(data):
    says("01-escalation-timeline.ipynb", "Many events, the political ones above all, are known only to ranges of days",
         "Most of those ranges start from another event (\"after the strike\", \"in response\") or another document")
    says("04-sources-and-evidence.ipynb", "the Associated Press report is the only source of most of the political "
         "events of January and February")
    lanes = analysis.event_kind(data.events).to_numpy()
    ranged = data.events["date_end"] > data.events["date_start"]
    political = data.events[lanes == "political"]
    assert int(ranged[lanes == "political"].sum()) * 2 > len(political)  # 23 of 27
    borrowed = data.events.loc[ranged, "date_start_from"].astype("string").str.match(r"(event|document) ")
    assert int(borrowed.fillna(False).sum()) * 2 > int(ranged.sum())  # 32 of 39
    early = political.loc[political["date_start"] < pd.Timestamp("2020-03-01"), "event_id"]
    reports = data.reports.astype({"event_id": str, "doc_id": str})
    single = reports.groupby("event_id")["doc_id"].nunique() == 1
    ap = data.sources.loc[data.sources["outlet"] == "Associated Press", "doc_id"].astype(str).item()
    ap_alone = set(reports.loc[reports["doc_id"] == ap, "event_id"]) & set(single[single].index)
    assert len(set(early.astype(str)) & ap_alone) * 2 > len(early)  # 11 of 12


def test_the_totals_and_troop_figures_the_pages_quote(data):
    says("02-attack-frequency.ipynb", "\"45 strikes ... in October and November\"",
         "Kata'ib Hezbollah alone \"believed to be responsible for over a dozen\"")
    says("03-troop-posture.ipynb", "The United Kingdom had \"less than 400\"")
    totals = data.reported_totals
    strikes = totals[totals["count_low"] == 45]
    assert len(strikes) == 1 and strikes["date_start"].dt.month.item() == 10 and strikes["date_end"].dt.month.item() == 11
    hezbollah = totals[totals["actor"] == "Kata'ib Hezbollah"]
    assert hezbollah[["count_low", "qualifier"]].values.tolist() == [[13, "more than"]]
    uk = data.troop_levels[data.troop_levels["force"] == "UK"]
    assert uk[["count_high", "qualifier"]].values.tolist() == [[399, "less than"]]


def test_the_timeline_reading_puts_each_event_in_the_lane_the_chart_draws_it_in(data):
    # the pause of joint operations and the fortification of Irbil are drawn in the posture lane, not the political
    # one; K-1's month is what the report of April says (the end of March is an inference); the Patriot batteries
    # moved into Iraq in March and stood at Ain al-Asad and Irbil by the end of April
    says("01-escalation-timeline.ipynb", "January and early February then fill the political lane (the Iraqi "
         "parliament's non-binding resolution for the withdrawal of foreign forces, the calls on US troops to leave) "
         "and the posture lane (the pause of joint operations against the Islamic State, US troops fortifying the "
         "base at Irbil)", "K-1 Air Base (handed over in late March, says an undated report taken to be from April), "
         "while Patriot batteries moved into Iraq; by the end of April batteries stood at Ain al-Asad "
         "and Irbil (the same ones, on this project's reading).")
    assert "inferred" in data.sources.loc[data.sources["published_start"] == pd.Timestamp("2020-04-01"),
                                           "published_basis"].item() or "infer" in event(data, "EV041")["date_basis"]
    lanes = pd.Series(analysis.event_kind(data.events).to_numpy(), index=data.events["event_id"].to_numpy())
    assert lanes[["EV006", "EV009"]].tolist() == ["political", "political"]
    assert lanes[["EV004", "EV010"]].tolist() == ["posture change", "posture change"]
    k1, moving = event(data, "EV041"), event(data, "EV037")
    assert k1["date_start"].month == k1["date_end"].month == 3 and k1["date_start"].day >= 20  # late March
    assert moving["date_end"] < pd.Timestamp("2020-04-01")
    patriots = data.events.set_index("event_id").loc[["EV038", "EV039"]]
    assert (patriots["date_end"] == pd.Timestamp("2020-04-30")).all()


def test_the_posture_reading_says_what_the_associated_press_saw_at_irbil(data):
    # the barricades at Irbil were reinforced, not new; the watchtower was new
    says("03-troop-posture.ipynb", "a new watchtower and reinforced barricades at Irbil after the Soleimani strike")
    quotes = " ".join(data.reports.loc[data.reports["event_id"] == "EV010", "quote"])
    assert "reinforced barricades" in quotes and "new barricades" not in quotes
    assert "new barricades" not in text_of("03-troop-posture.ipynb")


def test_the_disputes_reading_says_which_claims_differ_only_in_precision(data):
    # "a militia", "Kata'ib Hezbollah" and "Iran-backed militias" do not contradict each other: Military Times calls
    # Kata'ib Hezbollah an Iran-backed militia
    says("04-sources-and-evidence.ipynb", "**Claims that differ only in precision:** - who fired at K-1 (a militia, "
         "or Iran-backed militias and pro-Iranian groups by implication; between reports); - who fired at Taji on 11 "
         "March (Kata'ib Hezbollah, or Iran-backed militias by implication; Military Times calls Kata'ib Hezbollah an "
         "Iran-backed militia; between reports)")
    military_times = data.sources.loc[data.sources["outlet"] == "Military Times", "doc_id"].astype(str).item()
    quotes = data.reports.loc[data.reports["doc_id"].astype(str) == military_times, "quote"]
    assert quotes.str.contains("an Iran-backed militia known as Kataib Hezbollah", regex=False).any()
    claims = data.reports[(data.reports["event_id"].isin(["EV001", "EV023"]))
                          & (data.reports["claim_field"] == "actor")]["claim_value"].dropna().str.lower()
    assert claims.str.contains("militia|hezbollah|pro-iranian").all()


def test_the_totals_are_claims_about_many_events_not_only_attacks(data):
    # the reported totals the sentence quotes count attacks, air strikes and militiamen killed
    says("02-attack-frequency.ipynb", "The reports also make claims about many events at once")
    measures = data.reported_totals["measure"].astype(str)
    assert measures.str.contains("killed").any() and measures.str.contains("air strikes").any()


def test_the_numbers_no_event_carries_are_the_ones_the_timeline_page_names():
    events = pd.read_csv(Path(analysis.__file__).parent / "data" / "events.csv", dtype=str, keep_default_na=False)
    numbers = set(events["event_id"].str.extract(r"(\d+)$")[0].astype(int))
    unused = sorted(set(range(1, max(numbers) + 1)) - numbers)
    says("01-escalation-timeline.ipynb",
         f"so {len(numbers)} events carry numbers up to {max(numbers)}: "
         f"{' and '.join(map(str, unused))} belonged to rows taken out when the coding was revised")


def test_junes_downward_bars_are_the_joint_statement_spread_over_its_thursdays(data):
    says("01-escalation-timeline.ipynb", "June's small downward bars** are the joint US-Iraqi statement that the US will "
         "reduce its troops, an agreement (8 points of cooperation), spread over the four Thursdays",
         "of the political lane only the June agreement counts", "the small upward bars beside them are the two rockets "
         "on Taji (10 points), spread over the four Saturdays of June it may have fallen on")
    weights = analysis.cameo_weights(data.events)["goldstein"].fillna(0)
    political = data.events["category"].astype(str) == "political"
    assert data.events.loc[political & (weights > 0), "event_id"].tolist() == ["EV045"]
    assert weights[political & (weights > 0)].tolist() == [8.0]
    weekly = analysis.escalation_per_period(data.escalation_events, freq="W")
    june = weekly[weekly["period_start"] >= pd.Timestamp("2020-06-01")]
    assert june["cooperation"].tolist() == [2.0] * 4
    assert june["conflict"].tolist() == [2.5] * 4 and event(data, "EV046")["weekday"] == "Saturday"


def test_the_pages_prose_names_pages_not_notebooks():
    """A reader of the HTML report meets pages with titles, not "notebook 02": the prose points to a page by its
    subject, as the pages' own words do."""
    for path in sorted(NOTEBOOKS.glob("0*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        prose = " ".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
        assert not re.search(r"\b[Nn]otebooks? \d|\b[Tt]his notebook\b", prose), path.name
