"""Column specifications and controlled vocabularies of the coded tables.

This module is the single source of truth for what a valid table looks like:
the loaders validate against it, docs/data-dictionary.md describes it,
and the tests check that the two agree.

Each table is a :class:`TableSpec`: an ordered tuple of :class:`Column`
objects. A column has a kind (how it is parsed and which dtype it gets), a
flag saying whether it may be empty, and, for controlled vocabularies, the
allowed values. Extra columns in a file are kept, as text, after the
specified ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

# --- ACLED vocabulary ------------------------------------------------------
#: ACLED's actor types (``inter1``, ``inter2``), in the order of the older exports' numeric codes (1-8); the last,
#: External/Other forces, is foreign and international forces.
ACLED_ACTOR_TYPES: tuple[str, ...] = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)

def actor_type_codes(actor_types: tuple[str, ...] = ACLED_ACTOR_TYPES) -> dict[str, int]:
    """Return each actor type's numeric code in older exports (``inter1``, ``inter2``): its position from 1, in the
    order of ``actor_types``; 0, in ``inter2``, is no second actor.

    Examples
    --------
    >>> actor_type_codes()["State forces"], actor_type_codes()["External/Other forces"]
    (1, 8)
    """
    return {name: code for code, name in enumerate(actor_types, start=1)}


def interaction_pair(first: str, second: str) -> str:
    """Return the ``interaction`` a current export writes for two actor types' names (``second`` empty: a sole actor).

    Examples
    --------
    >>> interaction_pair("State forces", "Rebel group"), interaction_pair("State forces", "")
    ('State forces-Rebel group', 'State forces only')
    """
    return f"{first}-{second}" if second else f"{first} only"


def interaction_words(value: str, actor_types: tuple[str, ...] = ACLED_ACTOR_TYPES) -> str:
    """Return an older export's two-digit ``interaction`` code (the two actor types' codes, the smaller first; 0 for
    no second actor) as a current export writes it, the types named by ``actor_types`` in code order; any other value
    as it is.

    Examples
    --------
    >>> interaction_words("12"), interaction_words("30"), interaction_words("State forces-Civilians")
    ('State forces-Rebel group', 'Political militia only', 'State forces-Civilians')
    """
    names = {str(code): name for name, code in actor_type_codes(actor_types).items()}
    if len(value) == 2 and value[0] in names and (value[1] in names or value[1] == "0"):
        return interaction_pair(names[value[0]], names.get(value[1], ""))
    return value


def interactions_named(values: Iterable[str], actor_types: tuple[str, ...] = ACLED_ACTOR_TYPES) -> dict[str, str]:
    """Return the distinct ``values`` that :func:`interaction_words` writes otherwise, each with its words: the map a
    column of ``interaction`` is rewritten by (empty where every value is written as a current export writes it).

    Examples
    --------
    >>> interactions_named(["12", "State forces-Civilians", "12"])
    {'12': 'State forces-Rebel group'}
    """
    return {value: words for value in dict.fromkeys(values) if (words := interaction_words(value, actor_types)) != value}


# Event types and their sub-event types, as in ACLED's codebook.
ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPES: tuple[str, ...] = tuple(ACLED_SUB_EVENT_TYPES)
#: What ACLED's codebook means by the strategic developments that change a force's posture, in a reader's words
#: (the first actor is ``actor1``): the one definition the pages, the escalation measure's table and the posture
#: map use. ACLED's "Non-violent transfer of territory" is the first actor taking control of a place without a
#: violent interaction: an advance, not ground handed over.
ACLED_POSTURE_MEANINGS: dict[str, str] = {
    "Headquarters or base established": "a base established",
    "Non-violent transfer of territory": "ground the first actor takes without fighting",
    "Change to group/activity": "a change to a group's activity",
}
SUB_EVENT_TYPES: tuple[str, ...] = tuple(
    sub for subs in ACLED_SUB_EVENT_TYPES.values() for sub in subs
)

#: ACLED time precision: 1 the day is known; 2 a week or a similar span of
#: days; 3 only the month (or a longer span) is known.
TIME_PRECISION: tuple[int, ...] = (1, 2, 3)
#: ACLED geo precision: 1 the town or site itself; 2 near a town or a small
#: part of a region, coded to that town; 3 only a larger region is known,
#: coded to its capital.
GEO_PRECISION: tuple[int, ...] = (1, 2, 3)
#: Days of the week, Monday first (Python's ``date.weekday()`` order): an event the texts place on "a Saturday"
#: of a range of days fell on one of that range's Saturdays (``events.weekday``).
WEEKDAY_NAMES: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: Longest span, in days, that time precision 2 ("a week or a similar period")
#: may cover; longer ranges are precision 3.
WEEK_PRECISION_MAX_DAYS = 7
#: First and last day a date may be (a wider range would hold no event of
#: this dataset or of ACLED's, and years outside it are typing errors).
DATE_RANGE: tuple[str, str] = ("1900-01-01", "2199-12-31")

# --- Project vocabulary ----------------------------------------------------
#: Lanes of the escalation timeline (a coded column of the events table).
CATEGORIES: tuple[str, ...] = (
    "militia attack",
    "US strike",
    "other violence",
    "posture change",
    "political",
    "protest",
)
CASUALTY_GROUPS: tuple[str, ...] = (
    "US military",
    "UK military",
    "US civilian contractor",
    "Iraqi military",
    "Iraqi civilians",
    "Iraqi soldiers and civilians",
    "militia members",
    "Iranian military",
)
OUTCOMES: tuple[str, ...] = ("killed", "wounded")
FORCES: tuple[str, ...] = ("US", "UK", "coalition")
#: How a reported figure was worded; the low/high bounds follow from it
#: (see the coding rules in docs/methods.md).
QUALIFIERS: tuple[str, ...] = (
    "exact",
    "about",
    "less than",
    "more than",
    "at least",
    "dozens",
    "several",
)
#: What a report row claims about its event, where documents or claimants
#: can disagree.
CLAIM_FIELDS: tuple[str, ...] = (
    "date",
    "actor",
    "location",
    "fatalities",
    "casualties",
    "projectiles",
    "occurred",
    "status",
    "reason",
)

#: What a reported total counts (``about``): the confrontation's violence, or anything else.
TOTAL_KINDS: tuple[str, ...] = ("violence", "other")

#: What a report row's passage tells of its event, where it is not that the event happened (``tells``): a plan,
#: a forecast or an announcement of it ("troops will be moved from..."), which does not attest it.
PASSAGE_TELLS: tuple[str, ...] = ("plan",)

#: Where a bound of a date range comes from (``date_start_from`` and
#: ``date_end_from``): the quotes of the row itself, the publication range
#: of the row's own document, or a convention of the coding that no sentence
#: states (the first day of the dataset's scope, for a claim that names no
#: period); any other origin names what the bound is borrowed from,
#: ``event <event_id>`` or ``document <doc_id>``.
DATE_ORIGINS: tuple[str, ...] = ("text", "publication date", "convention")
DATE_ORIGIN_REFERENCES: tuple[str, ...] = ("event", "document")

#: The first day of the coded dataset's scope: the first day of "the spring of 2019" in which, one report says, the
#: attacks began (docs/methods.md, "Period"); a bound of origin ``convention`` is this day. The scope ends with the
#: last report's publication.
SCOPE_START: str = "2019-03-01"

#: Bounding box (lat_min, lat_max, lon_min, lon_max) of Iraq and its
#: neighbours; coded coordinates must fall inside it.
REGION_BOUNDS: tuple[float, float, float, float] = (12.0, 43.0, 25.0, 64.0)


@dataclass(frozen=True)
class Column:
    """One column of a coded table.

    ``kind`` is one of ``"id"``, ``"text"``, ``"date"``, ``"int"``,
    ``"float"``, ``"category"``, ``"sha256"``, ``"latitude"``,
    ``"longitude"``, ``"origin"`` (a date origin: one of
    :data:`DATE_ORIGINS` or a reference of :data:`DATE_ORIGIN_REFERENCES`
    followed by an id).
    """

    name: str
    kind: str
    required: bool = True
    allowed: tuple = ()
    meaning: str = ""


@dataclass(frozen=True)
class TableSpec:
    """A coded table: its file name in a data folder and its columns."""

    name: str
    file_name: str
    columns: tuple[Column, ...]
    key: str | None = None
    description: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _origin_columns(quotes: str, publication: str) -> tuple[Column, ...]:
    """The two columns saying where each bound of a row's date range comes from."""

    def meaning(bound: str) -> str:
        return (
            f"Where {bound} comes from: `text`, {quotes}, read with the calendar; `publication date`, "
            f"{publication}; `convention`, a rule of the coding that no sentence gives (the first day of the scope, for a "
            f"claim that names no period); otherwise the event or document it is borrowed from, named by its id."
        )

    return (
        Column("date_start_from", "origin", meaning=meaning("date_start")),
        Column("date_end_from", "origin", meaning=meaning("date_end")),
    )


def _quote_columns() -> tuple[Column, ...]:
    return (
        Column("doc_id", "id", meaning="Document the fact comes from (sources.doc_id)."),
        Column("quote", "text", meaning="Verbatim passage of that document supporting the row."),
    )


SOURCES = TableSpec(
    name="sources",
    file_name="sources.csv",
    key="doc_id",
    description="One row per source document.",
    columns=(
        Column("doc_id", "id", meaning="The document file's stem."),
        Column("file_name", "text", meaning="File name, relative to the sources table's folder."),
        Column("sha256", "sha256", meaning="SHA-256 of the document's bytes."),
        Column("title", "text", required=False, meaning="Title as the text gives it; empty if it has none."),
        Column("outlet", "text", required=False, meaning="Outlet, only where the text names it."),
        Column("published_start", "date", meaning="Earliest possible publication date."),
        Column("published_end", "date", meaning="Latest possible publication date."),
        Column("published_basis", "text", meaning="How the publication range follows from the text."),
    ),
)

BASES = TableSpec(
    name="bases",
    file_name="bases.csv",
    key="base_id",
    description="One row per military base named in the documents.",
    columns=(
        Column("base_id", "id", meaning="Short identifier."),
        Column("name", "text", meaning="Name used in this dataset."),
        Column("aliases", "text", required=False, meaning="Other spellings in the documents, separated by '; '."),
        Column("admin1", "text", meaning="Governorate (ACLED spelling)."),
        Column("latitude", "latitude", meaning="Decimal degrees, WGS84."),
        Column("longitude", "longitude", meaning="Decimal degrees, WGS84."),
        Column("geo_precision", "category", allowed=GEO_PRECISION, meaning="ACLED geo precision of the coordinates."),
        Column("coord_source", "text", meaning="Public gazetteer the coordinates come from, with the entry used."),
        *_quote_columns(),
    ),
)

EVENTS = TableSpec(
    name="events",
    file_name="events.csv",
    key="event_id",
    description="One row per real-world event.",
    columns=(
        Column("event_id", "id", meaning="Identifier."),
        Column("date_start", "date", meaning="Earliest possible date; for an event the texts report only as under "
               "way (date_start_from `publication date`), the first day it is reported under way: it may have begun earlier."),
        Column("date_end", "date", meaning="Latest possible date; equals date_start when the day is known."),
        Column("event_date", "date", meaning="ACLED event date: the day, or the middle one of the days of the range "
               "that the texts allow (the earlier of the two middle ones); the charts place the event there."),
        Column("time_precision", "category", allowed=TIME_PRECISION, meaning="ACLED time precision."),
        Column("weekday", "category", allowed=WEEKDAY_NAMES, required=False,
               meaning="The day of the week the texts give where they give no date (\"a Saturday\" of June): only "
               "that weekday of the range is possible, and date_start, date_end and event_date fall on it; empty "
               "when any day of the range is possible. The counts per period spread the event over those days only."),
        Column("date_basis", "text", meaning="How the date follows from the documents."),
        *_origin_columns("the quotes of the event's reports rows", "the publication range of a document that reports it"),
        Column("event_type", "category", allowed=EVENT_TYPES, meaning="ACLED event type."),
        Column("sub_event_type", "category", allowed=SUB_EVENT_TYPES, meaning="ACLED sub-event type (must belong to event_type)."),
        Column("category", "category", allowed=CATEGORIES, meaning="Timeline lane."),
        Column("actor1", "text", meaning="Main actor, one spelling per actor."),
        Column("actor2", "text", required=False, meaning="Other actor, if any."),
        Column("location", "text", meaning="Place as precise as the documents allow."),
        Column("admin1", "text", required=False, meaning="Governorate (ACLED spelling); empty if unknown."),
        Column("base_id", "id", required=False, meaning="Base the event concerns (bases.base_id)."),
        Column("latitude", "latitude", required=False, meaning="Decimal degrees; empty only when the documents give no place."),
        Column("longitude", "longitude", required=False, meaning="Decimal degrees; empty only when the documents give no place."),
        Column("geo_precision", "category", allowed=GEO_PRECISION, required=False, meaning="ACLED geo precision; empty with empty coordinates."),
        Column("projectiles_low", "int", required=False, meaning="Fewest rockets or missiles reported."),
        Column("projectiles_high", "int", required=False, meaning="Most rockets or missiles reported."),
        Column("fatalities", "int", meaning="ACLED rule: the lowest reported figure."),
        Column("headline", "text", required=False,
               meaning="Short title for readers (charts, tables, tooltips), written only from the quotes of the event's "
               "reports rows; empty in ACLED exports, which have none."),
        Column("notes", "text", meaning="Short description, with conflicting reports named."),
    ),
)

REPORTS = TableSpec(
    name="reports",
    file_name="reports.csv",
    key="report_id",
    description="The evidence: one row per piece of evidence for an event in a document.",
    columns=(
        Column("report_id", "id", meaning="Identifier."),
        Column("event_id", "id", meaning="Event supported (events.event_id)."),
        *_quote_columns(),
        Column("claim_field", "category", allowed=CLAIM_FIELDS, required=False, meaning="What the row claims, where claims can differ."),
        Column("claim_value", "text", required=False, meaning="The claimed value, in the document's terms."),
        Column("claimant", "text", required=False, meaning="Who makes the claim, as the document says."),
        Column("tells", "category", allowed=PASSAGE_TELLS, required=False,
               meaning="What the passage tells of its event: empty, that it happened or how; 'plan', that it was "
                       "planned, forecast or announced (cited, but no report that it happened)."),
    ),
)

CASUALTIES = TableSpec(
    name="casualties",
    file_name="casualties.csv",
    key="casualty_id",
    description="Killed and wounded by group, as each document reports them.",
    columns=(
        Column("casualty_id", "id", meaning="Identifier."),
        Column("event_id", "id", meaning="Event (events.event_id)."),
        Column("group", "category", allowed=CASUALTY_GROUPS, meaning="Who was hit."),
        Column("outcome", "category", allowed=OUTCOMES, meaning="Killed or wounded."),
        Column("count_low", "int", meaning="Lowest count the wording allows."),
        Column("count_high", "int", required=False, meaning="Highest count the wording allows; empty if open-ended."),
        Column("qualifier", "category", allowed=QUALIFIERS, meaning="How the figure was worded."),
        Column("claimant", "text", required=False, meaning="Who makes the claim, where the document names one."),
        *_quote_columns(),
    ),
)

TROOP_LEVELS = TableSpec(
    name="troop_levels",
    file_name="troop_levels.csv",
    key="level_id",
    description="Statements of force size.",
    columns=(
        Column("level_id", "id", meaning="Identifier."),
        Column("date_start", "date", meaning="Earliest date the statement can refer to."),
        Column("date_end", "date", meaning="Latest date the statement can refer to."),
        Column("date_basis", "text", meaning="How the date follows from the documents."),
        *_origin_columns("the row's quote", "the publication range of the row's document"),
        Column("force", "category", allowed=FORCES, meaning="Whose troops."),
        Column("count_low", "int", required=False, meaning="Lowest count the wording allows; empty if open-ended."),
        Column("count_high", "int", required=False, meaning="Highest count the wording allows; empty if open-ended."),
        Column("qualifier", "category", allowed=QUALIFIERS, meaning="How the figure was worded."),
        *_quote_columns(),
    ),
)

REPORTED_TOTALS = TableSpec(
    name="reported_totals",
    file_name="reported_totals.csv",
    key="total_id",
    description="Aggregate claims that are not single events (e.g. '45 strikes in October and November').",
    columns=(
        Column("total_id", "id", meaning="Identifier."),
        Column("date_start", "date", meaning="Start of the period the total covers."),
        Column("date_end", "date", meaning="End of the period the total covers."),
        Column("date_basis", "text", meaning="How the period follows from the documents."),
        *_origin_columns("the row's quote", "the publication range of the row's document"),
        Column("measure", "text", meaning="What is counted, e.g. 'rocket attacks', 'air strikes', 'militia members killed'."),
        Column("actor", "text", required=False, meaning="Who carried them out, as coded in events."),
        Column("count_low", "int", required=False, meaning="Lowest count the wording allows."),
        Column("count_high", "int", required=False, meaning="Highest count the wording allows; empty if open-ended."),
        Column("qualifier", "category", allowed=QUALIFIERS, meaning="How the figure was worded."),
        *_quote_columns(),
        Column("about", "category", allowed=TOTAL_KINDS,
               meaning="What the total counts: 'violence', the militias' attacks (on bases hosting US-led forces, "
                       "or on the Green Zone), US strikes on them, or the people killed in either; 'other', anything "
                       "else (bases, requests, statements, strikes against the Islamic State)."),
    ),
)

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (SOURCES, BASES, EVENTS, REPORTS, CASUALTIES, TROOP_LEVELS, REPORTED_TOTALS)
}
