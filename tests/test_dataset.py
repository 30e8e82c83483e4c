"""The packaged coded dataset: provenance, consistency and documentation."""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import io, schema
from analysis.codebook import data_dictionary

ROOT = Path(__file__).resolve().parent.parent
QUOTED_TABLES = ["reports", "casualties", "troop_levels", "reported_totals", "bases"]
DATED_TABLES = ["events", "troop_levels", "reported_totals"]
BOUNDS = ["date_start", "date_end"]
#: The first day of the scope (docs/methods.md, "Period"): the start of a claim that names no period.
SCOPE_START = pd.Timestamp("2019-03-01")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
#: "Saturday’s attack came two days after X": X fell two days before that Saturday.
DAYS_APART = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")(?:’|')s\b.*?\bcame (\w+) days? (after|before)\b")

#: A passage the coder quotes in free text (notes, date_basis): between
#: straight single quotes, the opening one not after a letter (so "Kata'ib"
#: opens nothing), the closing one not before a letter. Curly quotes and
#: apostrophes belong to the documents' own text.
QUOTED_PASSAGE = re.compile(r"(?<![\w'])'(.+?)'(?!\w)")


@pytest.fixture(scope="module")
def data():
    return analysis.load_dataset()


def test_documents_are_the_recorded_bytes():
    with open(ROOT / "seeds" / "sources.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    for row in rows:
        digest = hashlib.sha256((ROOT / "seeds" / row["file_name"]).read_bytes()).hexdigest()
        assert digest == row["sha256"], row["file_name"]


@pytest.mark.parametrize("table", QUOTED_TABLES)
def test_every_quote_is_verbatim_in_its_document(data, table):
    frame = getattr(data, table)
    texts = {doc: analysis.document_text(doc) for doc in data.sources["doc_id"]}
    missing = [(doc, quote) for doc, quote in zip(frame["doc_id"], frame["quote"]) if quote not in texts[doc]]
    assert missing == []
    assert not frame["quote"].str.contains("\n").any()


def test_every_event_is_reported_and_every_report_has_an_event(data):
    assert set(data.events["event_id"]) == set(data.reports["event_id"])
    assert set(data.casualties["event_id"]) <= set(data.events["event_id"])


def test_events_at_a_base_carry_its_place(data):
    at_base = data.events.dropna(subset=["base_id"]).merge(data.bases, on="base_id", suffixes=("", "_base"))
    assert len(at_base) == data.events["base_id"].notna().sum()
    for column in ("latitude", "longitude", "admin1"):
        assert (at_base[column].astype(object) == at_base[f"{column}_base"].astype(object)).all(), column


def test_event_coordinates_come_from_the_gazetteer_tables(data):
    places = pd.read_csv(ROOT / "analysis" / "data" / "places.csv")
    known = set(zip(places["latitude"], places["longitude"])) | set(zip(data.bases["latitude"], data.bases["longitude"]))
    located = data.events.dropna(subset=["latitude"])
    unknown = located[[(lat, lon) not in known for lat, lon in zip(located["latitude"], located["longitude"])]]
    assert unknown["event_id"].tolist() == []


def _fold(name: str) -> str:
    letters = unicodedata.normalize("NFKD", name).lower()
    return re.sub(r"[^a-z]", "", letters).replace("al", "")


def test_actor_names_have_one_spelling_each(data):
    actors = pd.concat([data.events["actor1"], data.events["actor2"], data.reported_totals["actor"]]).dropna().unique()
    folded: dict[str, str] = {}
    for actor in sorted(actors):
        assert _fold(actor) not in folded, f"{actor!r} and {folded[_fold(actor)]!r} are spelled differently"
        folded[_fold(actor)] = actor
    assert not any("’" in a for a in actors), "use the ASCII apostrophe in actor names"


def test_fatalities_are_never_above_the_lowest_reported_killed(data):
    killed = data.casualties[data.casualties["outcome"] == "killed"]
    lowest = killed.groupby(["event_id", "group"], observed=True)["count_low"].min().groupby("event_id").sum()
    events = data.events.set_index("event_id")
    for event_id, count in lowest.items():
        assert events.loc[event_id, "fatalities"] <= count, event_id
    with_deaths = set(events.index[events["fatalities"] > 0])
    assert with_deaths <= set(killed["event_id"]), "events with fatalities need their killed in casualties"


def test_the_data_dictionary_page_is_current():
    readme = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: data dictionary -->\n", 1)[1].split("<!-- end section: data dictionary -->")[0]
    assert section == "## Data dictionary\n\n" + data_dictionary(), "run: python -m analysis.codebook"


def test_packaged_folders_exist():
    assert (io.packaged_data_dir() / "events.csv").is_file()
    assert io.packaged_documents_dir() == ROOT / "seeds"


# --- where each date bound comes from -------------------------------------------------------

def own_documents(data, table: str) -> list[set[str]]:
    """Return, for each row of a dated table, the documents its own quotes come from."""
    frame = getattr(data, table)
    if table == "events":
        by_event = data.reports.groupby("event_id")["doc_id"].agg(set)
        return [by_event[event_id] for event_id in frame["event_id"]]
    return [{doc_id} for doc_id in frame["doc_id"]]


def borrowed_origins(frame: pd.DataFrame):
    """Yield (row, bound, kind, id) for every bound borrowed from an event or a document."""
    for bound in BOUNDS:
        for row, origin in enumerate(frame[f"{bound}_from"]):
            if origin not in schema.DATE_ORIGINS:
                kind, ref = origin.split(" ", 1)
                yield row, bound, kind, ref


@pytest.mark.parametrize("table", DATED_TABLES)
def test_bounds_from_the_publication_date_are_publication_dates_of_the_rows_own_documents(data, table):
    published = data.sources.set_index("doc_id")[["published_start", "published_end"]]
    frame = getattr(data, table)
    wrong = []
    for bound in BOUNDS:
        for day, origin, docs, key in zip(frame[bound], frame[f"{bound}_from"], own_documents(data, table), frame.iloc[:, 0]):
            if origin == "publication date" and day not in set(published.loc[sorted(docs)].to_numpy().ravel()):
                wrong.append((key, bound, day.date(), sorted(docs)))
    assert wrong == []


@pytest.mark.parametrize("table", DATED_TABLES)
def test_borrowed_bounds_name_existing_events_and_documents_and_the_basis_names_them_too(data, table):
    frame = getattr(data, table)
    ids = {"event": set(data.events["event_id"]), "document": set(data.sources["doc_id"])}
    assert set(kind for *_, kind, _ in borrowed_origins(frame)) <= set(schema.DATE_ORIGIN_REFERENCES)
    unknown, unnamed = [], []
    for row, bound, kind, ref in borrowed_origins(frame):
        key, basis = frame.iloc[row, 0], frame["date_basis"].iloc[row]
        if ref not in ids[kind] or (table == "events" and ref == key):
            unknown.append((key, bound, ref))
        # the basis says in words what the column says in an id: EV023, or "document 003"
        if (ref if kind == "event" else f"document {ref.split('_')[0]}") not in basis:
            unnamed.append((key, bound, ref))
    assert unknown == []
    assert unnamed == []


@pytest.mark.parametrize("table", DATED_TABLES)
def test_a_convention_is_the_first_day_of_the_scope_and_says_so(data, table):
    frame = getattr(data, table)
    wrong = []
    for bound in BOUNDS:
        for key, day, origin, basis in zip(frame.iloc[:, 0], frame[bound], frame[f"{bound}_from"], frame["date_basis"]):
            if origin == "convention" and (bound != "date_start" or day != SCOPE_START or "convention" not in basis):
                wrong.append((key, bound, day.date()))
    assert wrong == []


def test_an_event_dated_from_the_publication_date_says_it_was_reported_under_way(data):
    events = data.events
    started = events[events["date_start_from"] == "publication date"]
    assert started.loc[~started["date_basis"].str.contains("under way"), "event_id"].tolist() == []


@pytest.mark.parametrize("table", DATED_TABLES)
def test_a_basis_that_speaks_of_an_inference_borrows_a_bound(data, table):
    frame = getattr(data, table)
    borrowing = {row for row, *_ in borrowed_origins(frame)}
    inferred = [frame.iloc[row, 0] for row, basis in enumerate(frame["date_basis"])
                if "inference" in basis and row not in borrowing]
    assert inferred == []


# --- quoted passages in free text -------------------------------------------------------------

def quoted_passages(text: str) -> list[str]:
    """Return the passages a notes or date_basis text quotes, '...' marking cuts."""
    return QUOTED_PASSAGE.findall(text)


def holds_in_order(quote: str, passage: str) -> bool:
    """True if every piece of ``passage`` (cut at '...') is in ``quote``, in the same order."""
    position = 0
    for piece in filter(None, re.split(r"\s*\.\.\.\s*", passage)):
        found = quote.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def test_the_passage_finder_reads_the_coders_quotes():
    notes = "Kata'ib Hezbollah's attack (document 001: 'A militia rocket'; 'killing ... civilians'), the requests' day."
    assert quoted_passages(notes) == ["A militia rocket", "killing ... civilians"]
    assert holds_in_order("accused the US of killing and wounding Iraqi civilians", "killing ... civilians")
    assert not holds_in_order("civilians were killed", "killing ... civilians")
    assert not holds_in_order("civilians, then killing", "killing ... civilians")


def test_every_passage_quoted_in_notes_is_a_report_of_that_event(data):
    quotes = data.reports.groupby("event_id")["quote"].agg(list)
    missing = [
        (event_id, passage)
        for event_id, notes in zip(data.events["event_id"], data.events["notes"])
        for passage in quoted_passages(notes)
        if not any(holds_in_order(quote, passage) for quote in quotes.get(event_id, []))
    ]
    assert missing == []


@pytest.mark.parametrize("table", DATED_TABLES)
def test_every_passage_quoted_in_a_date_basis_is_in_a_document(data, table):
    texts = [analysis.document_text(doc) for doc in data.sources["doc_id"]]
    frame = getattr(data, table)
    missing = [
        (key, passage)
        for key, basis in zip(frame.iloc[:, 0], frame["date_basis"])
        for passage in quoted_passages(basis)
        if not any(holds_in_order(text, passage) for text in texts)
    ]
    assert missing == []


# --- the day an event is drawn on -------------------------------------------------------------

def weekdays_allowed(passage: str) -> set[int] | None:
    """Return the weekdays (Monday 0) a dating passage allows its event, or None if it names none.

    A weekday named in the passage is the event's, except in "<weekday>’s X came N days after (before)
    Y", which puts Y N days before (after) that weekday.
    """
    apart = DAYS_APART.search(passage)
    if apart:
        day, count, direction = WEEKDAYS.index(apart[1]), NUMBER_WORDS[apart[2].lower()], apart[3]
        return {(day - count if direction == "after" else day + count) % 7}
    named = {i for i, name in enumerate(WEEKDAYS) if re.search(rf"\b{name}\b", passage)}
    return named or None


def test_the_weekday_reader_reads_days_apart():
    assert weekdays_allowed("On Friday, McKenzie said") == {4}
    assert weekdays_allowed("Saturday’s attack came two days after Iraq and the US jointly reaffirmed") == {3}
    assert weekdays_allowed("met with Iraqi leaders on Tuesday and acknowledged") == {1}
    assert weekdays_allowed("Saturday's attack came three days before the vote") == {1}
    assert weekdays_allowed("in the evening") is None


def dating_passages(data) -> pd.Series:
    """Return, per event, the passages its date rests on: its reports that make no competing claim, and the
    passages its date_basis quotes."""
    plain = data.reports[data.reports["claim_field"].isna()].groupby("event_id")["quote"].agg(list)
    return pd.Series({
        event_id: plain.get(event_id, []) + quoted_passages(basis)
        for event_id, basis in zip(data.events["event_id"], data.events["date_basis"])
    })


def test_event_date_is_the_middle_one_of_the_days_the_texts_allow(data):
    passages = dating_passages(data)
    wrong, weekday_bound = [], []
    for event in data.events.itertuples():
        days = pd.date_range(event.date_start, event.date_end)
        for passage in passages[event.event_id]:
            allowed = weekdays_allowed(passage)
            if allowed is not None:
                days = days[days.day_of_week.isin(sorted(allowed))]
                weekday_bound.append(event.event_id)
        if len(days) == 0 or event.event_date != days[(len(days) - 1) // 2]:
            wrong.append((event.event_id, event.event_date.date(), event.event_date.day_name()))
    assert wrong == []
    assert weekday_bound, "no event's dating passage names a weekday: the weekday rule is not exercised"


def test_every_place_is_named_in_a_document():
    texts = " ".join(analysis.document_text(doc) for doc in analysis.load_sources()["doc_id"])
    places = pd.read_csv(ROOT / "analysis" / "data" / "places.csv")["place"]
    assert [place for place in places if place not in texts] == []


def test_the_reported_totals_an_event_names_exist(data):
    named = {total for notes in data.events["notes"] for total in re.findall(r"\bRT\d{3}\b", notes)}
    assert named, "no event names a reported total"
    assert named - set(data.reported_totals["total_id"]) == set()


#: How the documents write the one abbreviation the headlines use for a name: a headline's "US" is
#: found in a quote that says "US", "U.S.", "United States" or "American"; and the one spelling the headlines use
#: for a name the documents spell several ways (the actor columns' "Kata'ib"; some documents write "Kataib").
HEADLINE_ALIASES = {"us": ("us", "united states", "american", "americans"), "kata'ib": ("kata'ib", "kataib")}
#: Words that count a headline must find in its quotes (besides names, words with a capital letter).
HEADLINE_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                         "dozen", "dozens", "hundreds", "thousands")


#: A two-letter abbreviation written with dots: "U.S." is "US".
_ABBREVIATION = re.compile(r"\b([A-Z])\.([A-Z])\.")


def _plain_words(text: str) -> list[str]:
    """Words of ``text``, casefolded, with curly apostrophes straightened and dots in abbreviations dropped."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").replace("\u2018", "'")
    text = _ABBREVIATION.sub(r"\1\2", text)
    return [word.removesuffix("'s").strip("'") for word in re.findall(r"[\w']+", text.casefold())]


def headline_key_words(headline: str) -> list[str]:
    """The words of a headline that state facts: names and places (capitalised words, the first one too), numbers."""
    words = re.findall(r"[\w']+(?:-[\w']+)*", _ABBREVIATION.sub(r"\1\2", headline))
    keys = []
    for word in words:
        for part in word.split("-"):
            if not part:
                continue
            named = part[:1].isupper()
            number = any(c.isdigit() for c in part) or part.casefold() in HEADLINE_NUMBER_WORDS
            if named or number:
                keys.append(part.casefold().removesuffix("'s"))
    return keys


def headline_words_missing(headline: str, quotes: str) -> list[str]:
    """The key words of ``headline`` that ``quotes`` do not hold (names through their aliases)."""
    found = set(_plain_words(quotes))
    text = " ".join(_plain_words(quotes))
    missing = []
    for key in headline_key_words(headline):
        aliases = HEADLINE_ALIASES.get(key, (key,))
        if not any((alias in found) if " " not in alias else (alias in text) for alias in aliases):
            missing.append(key)
    return missing


def test_headline_key_words_are_names_places_and_numbers():
    assert headline_key_words("25 rockets hit Taji, wounding three US troops") == ["25", "taji", "three", "us"]
    assert headline_key_words("Abdul-Mahdi leaves Parliament's resolution") == ["abdul", "mahdi", "parliament"]
    assert headline_key_words("Rockets hit K-1") == ["rockets", "k", "1"]
    # A name the quotes do not give is found missing; an alias of "US" is not.
    assert headline_words_missing("US strike kills Suleimani", "the United States killed Soleimani") == ["suleimani"]
    assert headline_words_missing("Two rockets hit Taji", "three rockets hit Taji") == ["two"]
    assert headline_words_missing("U.S. troops leave", "American troops left") == []


def test_every_event_has_a_headline_written_from_its_own_quotes(data):
    """Each headline's names, places and numbers are words of the event's own evidence quotes."""
    quotes = data.reports.groupby("event_id")["quote"].agg(" ".join)
    assert data.events["headline"].notna().all(), "every coded event needs a headline"
    problems = {}
    for event_id, headline in zip(data.events["event_id"], data.events["headline"]):
        assert len(headline) <= 70, (event_id, "a headline is short: at most 70 characters")
        missing = headline_words_missing(headline, quotes.get(event_id, ""))
        if missing:
            problems[event_id] = (headline, missing)
    assert not problems, problems


def test_headlines_spell_a_group_as_the_actor_columns_do(data):
    """A reader who searches the page for "Kata'ib" finds every event on Kata'ib Hezbollah: no headline spells an
    actor's name another way (apostrophes or spaces apart)."""
    actors = pd.concat([data.events["actor1"], data.events["actor2"]]).dropna().unique()
    squeezed = {re.sub(r"['’ ]", "", actor.casefold()): actor for actor in actors if len(actor.split()) <= 3}
    for event_id, headline in zip(data.events["event_id"], data.events["headline"]):
        words = headline.split()
        for size in (1, 2, 3):
            for i in range(len(words) - size + 1):
                written = " ".join(words[i:i + size]).strip(",.;:").replace("’", "'")
                actor = squeezed.get(re.sub(r"['’ ]", "", written.casefold()))
                if actor is not None and "'" in actor:
                    assert written == actor, (event_id, headline, f"spell {actor!r} as the actor columns do")


def test_headlines_capitalise_a_title_before_a_name(data):
    # "Prime minister Abdul-Mahdi says the troops should leave": a title before a name is capitalised
    headlines = data.events["headline"].dropna()
    assert not headlines.str.contains(r"\b(?:Prime|Foreign|Defence|Defense) minister [A-Z]").any()
    assert headlines.str.contains("Prime Minister Abdul-Mahdi", regex=False).any()


def test_every_bound_of_origin_convention_is_the_first_day_of_the_scope(data):
    # the scope's first day is written once (schema.SCOPE_START), for the rows and for the charts that mark what the
    # reports cover
    from analysis.schema import SCOPE_START

    for table in (data.events, data.reported_totals, data.troop_levels):
        if "date_start_from" in table.columns:
            starts = table.loc[table["date_start_from"] == "convention", "date_start"]
            assert (starts == pd.Timestamp(SCOPE_START)).all()
    assert (data.reported_totals["date_start_from"] == "convention").sum() > 0


def test_every_passage_quoted_in_a_claim_reading_is_in_a_document(data):
    """A reading of competing claims cites the documents' own words for the link it makes (docs/methods.md)."""
    from analysis.stats.evidence import CLAIM_READINGS

    readings = pd.read_csv(Path(analysis.__file__).parent / "data" / CLAIM_READINGS, dtype=str)
    texts = [analysis.document_text(doc).replace("\u2019", "'") for doc in data.sources["doc_id"]]
    missing = [
        (event_id, passage)
        for event_id, why in zip(readings["event_id"], readings["why"])
        for passage in quoted_passages(why)
        if not any(holds_in_order(text, passage.replace("\u2019", "'")) for text in texts)
    ]
    assert missing == []
