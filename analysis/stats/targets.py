"""A run's attacks and their target: which events count as attacks (the report's ``ATTACKS``, ACLED's armed
event types by default), which involve a target (``TARGET``, in the second actor and its associates, or in any
actor column), and how to say so.

Split from :mod:`analysis.stats.selection`, which keeps the kinds of event, windows and areas these rest on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._frames import require_columns
from ..text import join_words
from .selection import is_militia_attack, kind_names, kinds_mask

#: ACLED event types counted as attacks in an ACLED file when no ``ATTACKS`` is given: armed clashes
#: and remote violence (shelling, air strikes, bombs), the two event types of armed attack between
#: armed actors. Violence against civilians, protests, riots and strategic developments are not.
DEFAULT_ACLED_ATTACKS: tuple[str, ...] = ("Battles", "Explosions/Remote violence")


#: Columns searched for the ``TARGET`` of an attack: the second actor and the actors associated with it.
TARGET_COLUMNS: tuple[str, ...] = ("actor2", "assoc_actor_2")


#: Every actor column: the events a target is involved in, as actor or as target (:func:`involving`).
ACTOR_COLUMNS: tuple[str, ...] = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


_SEPARATORS = re.compile(r"\s*[;,|]\s*")


#: Names of a target are separated by ``;`` only: actor names hold commas ("Police Forces of Iraq (2020-), Basra").
_TARGET_SEPARATOR = re.compile(r"\s*;\s*")


def _names(value: str | Sequence[str] | None, *, separators: re.Pattern = _SEPARATORS) -> tuple[str, ...]:
    if value is None:
        return ()
    parts = separators.split(value) if isinstance(value, str) else [str(v) for v in value]
    return tuple(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


@dataclass(frozen=True)
class AttackSelection:
    """Which events count as attacks (``attacks``) and on whom (``target``), and how to say so.

    Build it with :func:`attack_selection`; call it on an events frame for a
    boolean mask, so it can be passed as ``kinds=`` to every counting helper.

    Attributes
    ----------
    attacks : tuple of str
        ACLED event types, sub-event types or project categories; an event
        is an attack when its ``event_type``, ``sub_event_type`` or
        ``category`` is one of them. Empty: the coded category
        ``"militia attack"`` (and, for events without a category, the
        sub-event type ``Shelling/artillery/missile attack``).
    target : tuple of str
        Names searched as plain text, without regard to case, in ``actor2``
        and ``assoc_actor_2`` (:func:`target_mask`): an event matches when
        one of them contains one of the names. Empty: any target.
    default : bool
        True when neither was chosen by the user.
    """

    attacks: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    default: bool = True

    def __call__(self, events: pd.DataFrame) -> pd.Series:
        return self.mask(events)

    def mask(self, events: pd.DataFrame) -> pd.Series:
        """Mark the attacks of ``events`` (bool Series, same index)."""
        if self.attacks:
            require_columns(events, ["event_type", "sub_event_type"])
            chosen = kinds_mask(events, self.attacks)
        else:
            chosen = is_militia_attack(events).to_numpy(dtype=bool)
        if self.target:
            chosen = chosen & target_mask(events, self.target)
        return pd.Series(chosen, index=events.index, name="attack")

    @property
    def what(self) -> str:
        """Name what is counted, in a few words, for titles and axis labels ("militia attacks")."""
        if not self.attacks:
            noun = "militia attacks"
        elif set(self.attacks) == set(DEFAULT_ACLED_ATTACKS):
            noun = "battles and remote violence"
        else:
            noun = join_words([SHORT_ATTACK_NAMES.get(a, a) for a in self.attacks])
        return f"{noun} on {self.target_words}" if self.target else noun

    @property
    def target_words(self) -> str:
        """The target as a reader reads it: its names joined with "or" ("any target" when there is none)."""
        return " or ".join(self.target) if self.target else "any target"

    def describe(self) -> str:
        """Say in one sentence which events are counted as attacks.

        .. deprecated:: 0.1.0
           The pages' words say it (:func:`analysis.report.words.attacks.counted`,
           values escaped for Markdown); this method goes in the next release.
        """
        import warnings

        warnings.warn("AttackSelection.describe() is deprecated: the report's words say what is counted "
                      "(analysis.report.words.attacks.counted)", DeprecationWarning, stacklevel=2)
        if not self.attacks:
            kinds = ("events coded as militia attacks (for events without a category, ACLED's "
                     "Shelling/artillery/missile attack)")
        else:
            kinds = "ACLED events of type " + join_words(self.attacks)
        whom = (" whose second actor or its associated actors (actor2, assoc_actor_2) match "
                f"'{self.target_words}'" if self.target else ", whoever the target")
        return f"Attacks counted: {kinds}{whom}."


#: Short plural names of ACLED types, for titles.
SHORT_ATTACK_NAMES: dict[str, str] = {
    "Battles": "battles",
    "Explosions/Remote violence": "remote violence",
    "Violence against civilians": "violence against civilians",
    "Shelling/artillery/missile attack": "shelling, artillery and missile attacks",
    "Air/drone strike": "air and drone strikes",
    "Armed clash": "armed clashes",
    "Remote explosive/landmine/IED": "IEDs and landmines",
    "Suicide bomb": "suicide bombings",
    "Attack": "attacks on civilians",
    "militia attack": "militia attacks",
    "US strike": "US strikes",
}


def target_mask(
    events: pd.DataFrame, target: str | Sequence[str], *, columns: Sequence[str] = TARGET_COLUMNS
) -> np.ndarray:
    """Mark the events whose ``actor2`` or ``assoc_actor_2`` contains one of the names of ``target``.

    Each name is searched as plain text, without regard to case: brackets,
    dots and ``+`` mean those characters ("(2017-2021)", "U.S."), and the
    search takes time in proportion to the data and the names, whatever
    they hold. Only the distinct values of each column are searched, so it
    stays fast on millions of events; columns the frame lacks are skipped
    (the coded events have no ``assoc_actor_2``).

    Parameters
    ----------
    events : DataFrame
        Events.
    target : str or sequence of str
        The names; one string may hold several, separated by ``;``.
    columns : sequence of str, default TARGET_COLUMNS
        The columns searched.

    Returns
    -------
    numpy.ndarray
        bool, one per event.

    Examples
    --------
    >>> frame = pd.DataFrame({"actor2": ["Military Forces of the United States (2017-2021)", None],
    ...                       "assoc_actor_2": [None, "Global Coalition Against Daesh"]})
    >>> target_mask(frame, "Military Forces of the United States (2017-2021); global coalition").tolist()
    [True, True]
    >>> target_mask(frame, r"(\\w+\\s?)+$").tolist()  # plain text, not a pattern
    [False, False]
    """
    wanted = [name.casefold() for name in _names(target, separators=_TARGET_SEPARATOR)]
    found = np.zeros(len(events), dtype=bool)
    for column in columns:
        if column not in events.columns:
            continue
        text = events[column].astype("string")
        hits = [value for value in text.dropna().unique() if any(w in value.casefold() for w in wanted)]
        found |= text.isin(hits).fillna(False).to_numpy(dtype=bool)
    return found


def involving(events: pd.DataFrame, target: str | Sequence[str] | None) -> np.ndarray:
    """Mark the events a target is involved in: its names in any actor column (:data:`ACTOR_COLUMNS`).

    The names are searched as :func:`target_mask` searches them; with no
    name (None or empty), every event is marked.

    Examples
    --------
    >>> frame = pd.DataFrame({"actor1": ["Military Forces of the United States (2017-)", "Al Shabaab", "PKK"],
    ...                       "assoc_actor_2": [None, "Military Forces of the United States (2017-)", None]})
    >>> involving(frame, "military forces of the united states").tolist()
    [True, True, False]
    """
    if not target:
        return np.ones(len(events), dtype=bool)
    return target_mask(events, target, columns=ACTOR_COLUMNS)


def attack_selection(
    attacks: str | Sequence[str] | None = None,
    target: str | Sequence[str] | None = None,
    *,
    coded: bool = False,
) -> AttackSelection:
    """Turn the ``ATTACKS`` and ``TARGET`` parameters into an :class:`AttackSelection`.

    Parameters
    ----------
    attacks : str, sequence of str or None, default None
        ACLED event types, sub-event types or project categories, as a list
        or one string separated by ``;``, ``,`` or ``|``. None: for the coded
        data, the category ``"militia attack"``; for an ACLED file,
        :data:`DEFAULT_ACLED_ATTACKS`.
    target : str, sequence of str or None, default None
        Names searched as plain text in ``actor2`` and ``assoc_actor_2``
        (see :func:`target_mask`), as a list or one string separated by
        ``;``. None or empty: any target.
    coded : bool, default False
        Whether the data are the coded documents (they keep their own
        category as the default).

    Returns
    -------
    AttackSelection

    Raises
    ------
    ValueError
        If a name in ``attacks`` is not an ACLED event type, sub-event type
        or project category (:func:`kind_names`, the rule of ``kinds=``); the
        message names the closest names, or lists the allowed ones.

    Examples
    --------
    >>> attack_selection().what, attack_selection(coded=True).what
    ('battles and remote violence', 'militia attacks')
    >>> attack_selection("Shelling/artillery/missile attack", "Global Coalition").what
    'shelling, artillery and missile attacks on Global Coalition'
    """
    names = kind_names(_names(attacks), option="ATTACKS")
    targets = _names(target, separators=_TARGET_SEPARATOR)
    default = not names and not targets
    if not names and not coded:
        names = DEFAULT_ACLED_ATTACKS
    return AttackSelection(attacks=names, target=targets, default=default)
