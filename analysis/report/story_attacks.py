"""The attacks page's words (notebook 02): what is counted, the peak week, the places, the killed, the tables."""

from __future__ import annotations

import pandas as pd

from ..stats.casualties import killed_distribution
from ..stats.highlights import busiest_periods, deadliest_events, peak, top_values
from ..text import bounds_texts, describe_number, join_words
from .story_shared import ATTACK_ROWS, StoryBase, week_text


#: The table of busy periods lists every period with an attack up to ALL_PERIODS of them (half a year of
#: weeks), else at most BUSIEST of the busiest.
ALL_PERIODS = 26
BUSIEST = 12


class AttacksPage(StoryBase):
    """The sentences and tables of the attacks page, written from the data."""

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
            lines.append(f"{selection.what[:1].upper() + selection.what[1:]} peaked in the week of {week_text(found)}: {describe_number(found.events, 'attack')}"
                         f"{self._spread_note(found)}.")
        column = self.data.place_column
        if column in attacks.columns:
            places = top_values(attacks[column].dropna(), n=3)
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

    def attacks_table(self, most: int = ATTACK_ROWS) -> pd.DataFrame:
        """List the attacks with their figures: all up to ``most``, else the ``most`` deadliest, in date order.

        The coded attacks show projectiles, killed and wounded as the
        reports word them; ACLED codes neither projectiles nor wounded, so
        an ACLED file's attacks show their place, kind, actors and killed.
        """
        from ..stats.casualties import attacks_table

        attacks = self.data.attacks
        if len(attacks) > most:
            ids = set(deadliest_events(attacks, self.data.casualties, n=most)["event_id"])
            attacks = attacks[attacks["event_id"].isin(ids)]
        table = attacks_table(attacks, self.data.casualties, kinds=None)
        for figure in ("projectiles", "killed", "wounded"):  # the figures in words
            table[figure] = bounds_texts(table[f"{figure}_low"], table[f"{figure}_high"])
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
        return f"## {what[:1].upper() + what[1:]}, one by one\n\n{listed}, in date order, with the killed."

    def busiest(self, counts: pd.DataFrame, most: int = BUSIEST) -> pd.DataFrame:
        """Return the periods with any event: all up to ``ALL_PERIODS``, else at most ``most`` of the busiest,
        in date order, a tie at the cut left out whole (:func:`analysis.stats.highlights.busiest_periods`)."""
        active = counts[counts["possible"] > 0]
        if len(active) <= ALL_PERIODS or self.data.is_default:
            return active
        return busiest_periods(active, n=most)

    def busiest_caption(self, counts: pd.DataFrame, most: int = BUSIEST) -> str | None:
        """Say which periods the table of :meth:`busiest` lists, and in which order (None in the default run)."""
        if self.data.is_default:
            return None
        active = counts[counts["possible"] > 0]
        name = self.period_name("weekly")
        what = self.data.selection.what
        shown = self.busiest(counts, most)
        if len(shown) == len(active):
            return f"All {len(active):,} {name}s with any {what}, in date order."
        left = active[~active["period_start"].isin(shown["period_start"])]
        return (f"The {len(shown):,} busiest of the {len(active):,} {name}s with any {what}, in date order; "
                f"none of the {len(left):,} left out counts more than {left['expected'].max():,.2f}.")
