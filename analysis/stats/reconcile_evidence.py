"""Measure each candidate pair of a coded event and an ACLED event, and grade it by rules.

A pair is a candidate when the two date windows lie at most ``near_days``
apart. Each is measured once, whatever the thresholds: the signed gap between
the windows, whether ACLED narrows the coded window, the distance, the base
or place the ACLED row names, the types' relation, the actors' relation and
the notes' similarity. :func:`grade_pairs` then applies the thresholds of a
:class:`~analysis.stats.reconcile_rules.Rules`, so the sensitivity runs grade
the same measurements again.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from .reconcile_rules import GRADES, MappingTables, Rules, actor_key, actor_relations

TYPE_FINDINGS: tuple[str, ...] = ("same sub-event type", "same family", "different family")
ACTOR_FINDINGS: tuple[str, ...] = ("same actors", "near actors", "some actors", "no shared actor")
ATTRIBUTION_FINDINGS: tuple[str, ...] = ("same", "near", "roles swapped", "different")
#: Words left out of the notes' similarity: too common to say two notes tell the same event.
STOP_WORDS = frozenset(
    "the and for with that this from was were which said has have had its their his her not but are been into "
    "near after while also who whom document documents reports report according".split()
)
_EARTH_KM = 6371.0088


def _words(text: object) -> str:
    """Return text folded for name matching: no accents, lowercase, words apart by single spaces, padded."""
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " " + " ".join(re.findall(r"[a-z0-9]+", plain.lower())) + " "


def _forms(name: str) -> set[str]:
    """Return the forms a name is looked for in: hyphens and apostrophes as spaces, and dropped ("K-1", "K1")."""
    text = str(name)
    return {_words(text), _words(re.sub(r"[-'\u2019]", "", text))} - {"  "}


def place_names(coded: pd.DataFrame, bases: pd.DataFrame | None) -> list[dict[str, set[str]]]:
    """Return, per coded event, the names that count as place evidence: name -> its forms.

    They are the name and aliases of the event's base (``base_id`` in
    ``bases``) and, for an event with coordinates at geo precision 1 or 2,
    its ``location``.
    """
    aliases: dict[str, list[str]] = {}
    if bases is not None and len(bases):
        for base in bases.itertuples(index=False):
            extra = [] if pd.isna(base.aliases) else [a.strip() for a in str(base.aliases).split(";") if a.strip()]
            aliases[str(base.base_id)] = [str(base.name), *extra]
    names = []
    for event in coded.itertuples(index=False):
        found = list(aliases.get(str(event.base_id), [])) if pd.notna(event.base_id) else []
        if pd.notna(event.latitude) and pd.notna(event.geo_precision) and int(event.geo_precision) in (1, 2):
            found.append(str(event.location))
        names.append({name: _forms(name) for name in found})
    return names


def _folded(texts: pd.Series) -> pd.Series:
    """Return texts folded as :func:`_words` folds one, for a whole column at once."""
    plain = texts.astype("string").fillna("").str.normalize("NFKD").str.encode("ascii", "ignore").str.decode("ascii")
    return " " + plain.str.lower().str.replace(r"[^a-z0-9]+", " ", regex=True).str.strip() + " "


def _named(names: list[dict[str, set[str]]], c: np.ndarray, a: np.ndarray, acled: pd.DataFrame) -> pd.Series:
    """Return, per pair, the first of the coded event's place names that the ACLED row's location or notes name."""
    found = pd.Series(pd.NA, index=range(len(c)), dtype="string")
    wanted = np.flatnonzero([bool(names[ci]) for ci in c])
    if not len(wanted):
        return found
    rows = np.unique(a[wanted])
    text = acled["location"].astype("string").fillna("") + " " + acled["notes"].astype("string").fillna("")
    folded = pd.Series(_folded(text.iloc[rows]).to_numpy(), index=rows)
    for ci in np.unique(c[wanted]):
        pairs = wanted[c[wanted] == ci]
        texts = folded.loc[a[pairs]].reset_index(drop=True)
        hit = pd.Series(pd.NA, index=texts.index, dtype="string")
        for name, forms in reversed(list(names[ci].items())):  # the first name in order wins
            pattern = "|".join(re.escape(form) for form in sorted(forms))
            hit = hit.mask(texts.str.contains(pattern, regex=True).to_numpy(dtype=bool), name)
        found.iloc[pairs] = hit.to_numpy()
    return found


def candidate_pairs(coded: pd.DataFrame, acled: pd.DataFrame, max_gap_days: int) -> pd.DataFrame:
    """Return the pairs (row positions) whose date windows lie at most ``max_gap_days`` apart, with the signed gap.

    ``gap_days`` is 0 when the windows overlap, else the days from the end
    of the earlier window to the start of the later one: positive when
    ACLED's is later, negative when earlier.
    """
    day = np.timedelta64(1, "D")
    cs = coded["date_start"].to_numpy("datetime64[D]")[:, None]
    ce = coded["date_end"].to_numpy("datetime64[D]")[:, None]
    as_ = acled["date_start"].to_numpy("datetime64[D]")[None, :]
    ae = acled["date_end"].to_numpy("datetime64[D]")[None, :]
    later = (as_ - ce) / day
    earlier = (ae - cs) / day
    gap = np.where(later > 0, later, np.where(earlier < 0, earlier, 0)).astype(np.int64)
    rows, cols = np.nonzero(np.abs(gap) <= max_gap_days)
    return pd.DataFrame({"coded_row": rows, "acled_row": cols, "gap_days": gap[rows, cols]})


def _distance_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def _kept_words(folded: str) -> frozenset[str]:
    """Return the words of a folded text that say what it tells: three letters or more, no stop word."""
    return frozenset(w for w in folded.split() if len(w) >= 3 and w not in STOP_WORDS)


def _content_words(text: object) -> frozenset[str]:
    return _kept_words(_words(text))


def _notes_words(frame: pd.DataFrame, rows: np.ndarray) -> dict[int, frozenset[str]]:
    """Return the content words of the notes of the rows at positions ``rows``, by position."""
    folded = _folded(frame["notes"].iloc[rows]).to_numpy(dtype=object)
    return {int(i): _kept_words(text) for i, text in zip(rows, folded)}


def notes_similarity(first: frozenset[str], second: frozenset[str]) -> float:
    """Return the share of the shorter note's words found in the other (0 when either has none).

    Examples
    --------
    >>> notes_similarity(_content_words("Rockets hit Camp Taji"), _content_words("Two rockets struck Camp Taji base"))
    0.75
    """
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))


def acled_actors(acled: pd.DataFrame, rows: np.ndarray, tables: MappingTables) -> dict[int, tuple[dict, dict, dict]]:
    """Return, for the ACLED rows at positions ``rows``, the coded actors (key -> (relation, why)) of all their
    actors (``actor1``, ``actor2`` and the ``;``-separated associated actors), and of ``actor1`` and ``actor2``
    alone."""
    known: dict[object, dict[str, tuple[str, str]]] = {}

    def relations(name: object) -> dict[str, tuple[str, str]]:
        if name not in known:
            known[name] = actor_relations(name, tables)
        return known[name]

    columns = [c for c in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2") if c in acled.columns]
    values = {c: acled[c].astype(object).to_numpy() for c in columns}
    out = {}
    for i in rows:
        names = [values["actor1"][i], values["actor2"][i]]
        for column in columns[2:]:
            if isinstance(values[column][i], str):
                names += [part.strip() for part in values[column][i].split(";")]
        every: dict[str, tuple[str, str]] = {}
        for name in names:
            for key, relation in relations(name).items():
                if every.get(key, ("near",))[0] != "same":
                    every[key] = relation
        out[int(i)] = (every, relations(names[0]), relations(names[1]))
    return out


def _coded_actors(coded: pd.DataFrame) -> list[list[tuple[str, str]]]:
    """Return each coded event's actors (actor1 first) with their :func:`actor_key`."""
    pairs = zip(coded["actor1"].astype(object), coded["actor2"].astype(object))
    return [[(name, actor_key(name)) for name in names if isinstance(name, str)] for names in pairs]


def _actor_findings(coded: list[tuple[str, str]], acled_actors) -> tuple[str, str, dict[str, tuple[str, str]]]:
    """Return the actors finding, the attribution finding and each coded actor's (relation, why)."""
    every, first, second = acled_actors
    relation = {name: every.get(key, ("none", "")) for name, key in coded}
    values = {found for found, _ in relation.values()}
    if values == {"same"}:
        actors = "same actors"
    elif "none" not in values:
        actors = "near actors"
    elif values != {"none"}:
        actors = "some actors"
    else:
        actors = "no shared actor"
    key = coded[0][1] if coded else ""
    if first.get(key, ("",))[0] == "same":
        attribution = "same"
    elif first.get(key, ("",))[0] == "near":
        attribution = "near"
    elif key in second and len(coded) > 1 and coded[1][1] in first:
        attribution = "roles swapped"
    else:
        attribution = "different"
    return actors, attribution, relation


def measure_pairs(pairs: pd.DataFrame, coded: pd.DataFrame, acled: pd.DataFrame, tables: MappingTables,
                  names: list[dict[str, set[str]]], widest: Rules) -> pd.DataFrame:
    """Return the measurements of each candidate pair that ``widest`` (the loosest rules graded) could link.

    Left out: a coded place farther from the ACLED row than ``widest``'s
    near-place reach that the row does not name, and, for a coded event
    without coordinates, an ACLED event of another type family. The
    positions ``coded_row`` and ``acled_row`` are kept.
    """
    c, a = pairs["coded_row"].to_numpy(), pairs["acled_row"].to_numpy()
    out = pd.DataFrame({"coded_row": c, "acled_row": a,
                        "coded_id": coded["event_id"].to_numpy(dtype=object)[c],
                        "acled_id": acled["event_id"].to_numpy(dtype=object)[a],
                        "gap_days": pairs["gap_days"].to_numpy()})
    out["distance_km"] = _distance_km(coded["latitude"].to_numpy()[c], coded["longitude"].to_numpy()[c],
                                      acled["latitude"].to_numpy()[a], acled["longitude"].to_numpy()[a])
    out["coded_geo_precision"] = pd.array(coded["geo_precision"].astype("Int64").to_numpy()[c], dtype="Int64")
    out["acled_geo_precision"] = pd.array(acled["geo_precision"].astype("Int64").to_numpy()[a], dtype="Int64")
    out["place_named"] = _named(names, c, a, acled)
    coded_sub = coded["sub_event_type"].astype(object).to_numpy()[c]
    acled_sub = acled["sub_event_type"].astype(object).to_numpy()[a]
    out["coded_family"] = [tables.families.get(sub) for sub in coded_sub]
    out["acled_family"] = [tables.families.get(sub) for sub in acled_sub]
    out["type"] = np.where(coded_sub == acled_sub, TYPE_FINDINGS[0],
                           np.where(out["coded_family"] == out["acled_family"], TYPE_FINDINGS[1], TYPE_FINDINGS[2]))
    distance = out["distance_km"].to_numpy()
    reach = widest.near_place_factor * place_limit_km(out, widest)
    no_place = np.isnan(distance)
    keep = np.where(no_place, out["type"].to_numpy() != TYPE_FINDINGS[2],
                    out["place_named"].notna().to_numpy() | (distance <= reach))
    out = out.loc[keep].reset_index(drop=True)
    c, a = out["coded_row"].to_numpy(), out["acled_row"].to_numpy()

    span = lambda frame, rows: ((frame["date_end"] - frame["date_start"]).dt.days.to_numpy() + 1)[rows]  # noqa: E731
    out["coded_days"], out["acled_days"] = span(coded, c), span(acled, a)
    inside = ((acled["date_start"].to_numpy()[a] >= coded["date_start"].to_numpy()[c])
              & (acled["date_end"].to_numpy()[a] <= coded["date_end"].to_numpy()[c]))
    out["acled_narrows"] = inside & (out["acled_days"] < out["coded_days"]).to_numpy()
    acled_rows = acled_actors(acled, np.unique(a), tables)
    coded_rows = _coded_actors(coded)
    found = [_actor_findings(coded_rows[ci], acled_rows[ai]) for ci, ai in zip(c, a)]
    out["actors"] = [f[0] for f in found]
    out["attribution"] = [f[1] for f in found]
    out["actor_relations"] = [f[2] for f in found]
    coded_words, acled_words = _notes_words(coded, np.unique(c)), _notes_words(acled, np.unique(a))
    out["notes_similarity"] = [notes_similarity(coded_words[ci], acled_words[ai]) for ci, ai in zip(c, a)]
    return out


def place_limit_km(measures: pd.DataFrame, rules: Rules) -> np.ndarray:
    """Return each pair's distance limit: the radii of its two geo precisions added (NaN without a coded place)."""
    radius = np.array([np.nan, *rules.place_km], dtype=float)
    coded = measures["coded_geo_precision"].fillna(0).to_numpy(dtype=int)
    acled = measures["acled_geo_precision"].fillna(0).to_numpy(dtype=int)
    return radius[coded] + radius[acled]


def place_findings(measures: pd.DataFrame, rules: Rules) -> np.ndarray:
    """Return each pair's place finding: "same place", "near place", "far" or "no coded place"."""
    limit = place_limit_km(measures, rules)
    distance = measures["distance_km"].to_numpy(dtype=float)
    no_place = np.isnan(distance)
    same = ~no_place & (measures["place_named"].notna().to_numpy() | (distance <= limit))
    near = ~no_place & ~same & (distance <= rules.near_place_factor * limit)
    return np.select([no_place, same, near], ["no coded place", "same place", "near place"], "far")


def grade_pairs(measures: pd.DataFrame, rules: Rules) -> pd.Series:
    """Grade each measured pair by the first rule it meets (the grade table of docs/acled.md); missing where no link.

    strong: time within the slack, same place, same type family, same or
    near actors. plausible: time and place, with the family and some
    actors, or another family and the same or near actors. plausible (no
    place): a coded event without coordinates, with time, family and actors.
    near miss: family and actors agree, but the windows lie beyond the slack
    (within ``near_days``) or the place is only near. related: time, place
    and family; or time, a near place, the family and some actor. Similar
    notes raise a related link at the same place to
    plausible, and a pair without a coded place, of the same family and with
    some actors, to plausible (no place); they never make a link alone.
    """
    gap = np.abs(measures["gap_days"].to_numpy())
    t, t_near = gap <= rules.slack_days, gap <= rules.near_days
    place = place_findings(measures, rules)
    p, p_near, n = place == "same place", place == "near place", place == "no coded place"
    k = measures["type"].to_numpy() != TYPE_FINDINGS[2]
    actors = measures["actors"].to_numpy()
    a_full, a_some = np.isin(actors, ACTOR_FINDINGS[:2]), actors == ACTOR_FINDINGS[2]
    similar = measures["notes_similarity"].to_numpy() >= rules.similar_notes
    strong = t & p & k & a_full
    plausible = t & p & ((k & a_some) | (~k & a_full))
    no_place = t & n & k & a_full
    near_miss = k & a_full & ((~t & t_near & (p | n)) | (t & p_near))
    related = t & k & (p | (p_near & (a_full | a_some)))
    corroborated = t & similar & ((related & p) | (n & k & a_some))
    grade = np.select(
        [strong, plausible | (corroborated & p), no_place | (corroborated & n), near_miss, related],
        list(GRADES[:3]) + [GRADES[4], GRADES[3]], "",
    )
    return pd.Series(grade, index=measures.index, dtype="string").replace("", pd.NA)


__all__ = ["TYPE_FINDINGS", "ACTOR_FINDINGS", "ATTRIBUTION_FINDINGS", "STOP_WORDS", "candidate_pairs", "acled_actors",
           "measure_pairs", "place_names", "place_limit_km", "place_findings", "grade_pairs", "notes_similarity"]
