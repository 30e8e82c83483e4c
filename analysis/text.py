"""Write coded figures and dates in words, as the documents worded them.

The coding turned wording into bounds (``"about 5,000"`` -> 4,500 to 5,500)
and dates into ranges; these functions write them back for tables, labels
and sentences. They know nothing of frames' meaning beyond the columns they
read, and nothing of charts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._frames import weekday_days
from .schema import WEEKDAY_NAMES


def _whole(value: object) -> int | None:
    """Return a bound as an int, or None where it is missing."""
    return None if value is None or pd.isna(value) else int(value)


def describe_count(qualifier: object, low: object, high: object) -> str:
    """Write a coded figure back as the documents worded it.

    The coding turned wording into bounds (``"about 5,000"`` -> 4,500 to
    5,500; ``"less than 400"`` -> at most 399); this undoes it for tables and
    labels, so the qualifier stays visible.

    Parameters
    ----------
    qualifier : str
        One of ``analysis.schema.QUALIFIERS``.
    low, high : int or missing
        The coded bounds (missing where open-ended).

    Returns
    -------
    str
        E.g. ``"about 5,000"``, ``"less than 400"``, ``"more than 12"``,
        ``"18"``, ``"dozens"``; ``"?"`` when the bounds say nothing.

    Examples
    --------
    >>> describe_count("about", 4500, 5500), describe_count("less than", None, 399)
    ('about 5,000', 'less than 400')
    """
    low_, high_ = _whole(low), _whole(high)
    word = str(qualifier) if qualifier is not None and not pd.isna(qualifier) else "exact"
    if word in ("dozens", "several"):
        return word
    worded = _WORDED.get(word)
    if worded is not None and all(bound is not None for bound in worded[0](low_, high_)):
        return worded[1](low_, high_)
    if low_ is not None and (high_ is None or high_ == low_):
        return f"{low_:,}" if high_ is not None else f"{low_:,} or more"
    if low_ is not None:
        return f"{low_:,} to {high_:,}"
    return f"at most {high_:,}" if high_ is not None else "?"


#: Qualifiers written back from their bounds: (the bounds it needs, how it reads).
_WORDED = {
    "about": (lambda low, high: (low, high), lambda low, high: f"about {(low + high) // 2:,}"),
    "less than": (lambda low, high: (high,), lambda low, high: f"less than {high + 1:,}"),
    "more than": (lambda low, high: (low,), lambda low, high: f"more than {low - 1:,}"),
    "at least": (lambda low, high: (low,), lambda low, high: f"at least {low:,}"),
}


def describe_bounds(low: object, high: object) -> str:
    """Write coded bounds as a range: ``"4,500-5,500"``, ``"up to 399"``, ``"13 or more"``.

    Parameters
    ----------
    low, high : int or missing
        The bounds; missing means open-ended.

    Returns
    -------
    str
        The range in words.

    Examples
    --------
    >>> describe_bounds(4500, 5500), describe_bounds(None, 399), describe_bounds(2, 2)
    ('4,500-5,500', 'up to 399', '2')
    """
    low_, high_ = _whole(low), _whole(high)
    if low_ is not None and high_ is not None:
        return f"{low_:,}" if low_ == high_ else f"{low_:,}-{high_:,}"
    if low_ is not None:
        return f"{low_:,} or more"
    return f"up to {high_:,}" if high_ is not None else "unknown"


#: The most possible days an event's dates list one by one: where the reports name the weekday of a range of
#: days, its dates read "6, 13, 20 or 27 Jun 2020" up to this many days (a weekday of one month has four or five);
#: beyond it, the range and the weekday ("Saturdays, 6 Jun - 29 Aug 2020"), a list too long to read.
POSSIBLE_DAYS_LISTED = 5


def describe_dates(start: object, end: object, *, long: bool = False, weekday: object = None) -> str:
    """Write a date range briefly: a day, a whole month, or first and last day; or, where the reports name the
    weekday, the possible days.

    Parameters
    ----------
    start, end : date-like
        First and last possible day (inclusive).
    long : bool, default False
        Write months in full ("March"), for sentences.
    weekday : str or missing, optional
        The one day of the week the event fell on (``events.weekday``, one
        of :data:`analysis.schema.WEEKDAY_NAMES`): only the range's days of
        that weekday are possible, and they are written one by one, as the
        timeline ticks them (:func:`analysis._frames.weekday_days`), up to
        :data:`POSSIBLE_DAYS_LISTED` of them; beyond, the range follows the
        weekday in the plural. Missing (the default): any day of the range.

    Returns
    -------
    str
        ``"27 Dec 2019"``, ``"Apr 2020"``, ``"14-20 Mar 2020"`` or
        ``"28 Feb - 5 Mar 2020"``; with a weekday ``"13 or 20 Mar 2020"``,
        ``"28 Feb or 6 Mar 2020"`` or ``"Saturdays, 6 Jun - 29 Aug 2020"``.

    Raises
    ------
    ValueError
        If ``weekday`` is not missing and not a weekday's name.

    Examples
    --------
    >>> describe_dates("2020-04-01", "2020-04-30"), describe_dates("2020-03-14", "2020-03-20")
    ('Apr 2020', '14-20 Mar 2020')
    >>> describe_dates("2025-03-03", "2025-03-09", long=True)
    '3-9 March 2025'
    >>> describe_dates("2020-06-06", "2020-06-27", weekday="Saturday")
    '6, 13, 20 or 27 Jun 2020'
    >>> describe_dates("2020-02-28", "2020-03-06", weekday="Friday", long=True)
    '28 February or 6 March 2020'
    """
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    month = "%B" if long else "%b"
    number = _weekday_number(weekday)
    if number is not None and last > first:
        found = weekday_days(np.array([first.value // _DAY]), np.array([last.value // _DAY]), np.array([number]))
        if found is not None:
            days = [pd.Timestamp(day, unit="D") for day in found[1][1]]
            if len(days) > POSSIBLE_DAYS_LISTED:
                return f"{WEEKDAY_NAMES[number]}s, {_range_text(days[0], days[-1], month)}"
            return _days_text(days, month)
    return _range_text(first, last, month)


#: Nanoseconds in a day: a timestamp's day number (days since 1970-01-01, as :func:`analysis._frames.day_numbers`).
_DAY = 86_400 * 10**9


def _weekday_number(weekday: object) -> int | None:
    """Return a weekday's number (0 Monday ... 6 Sunday), None where it is missing; refuse any other value."""
    if weekday is None or (not isinstance(weekday, str) and pd.isna(weekday)):
        return None
    if weekday not in WEEKDAY_NAMES:
        raise ValueError(f"weekday={weekday!r} is not a day of the week; use one of {', '.join(WEEKDAY_NAMES)}")
    return WEEKDAY_NAMES.index(weekday)


def _range_text(first: pd.Timestamp, last: pd.Timestamp, month: str) -> str:
    """Write a range of days: a day, a whole month, or first and last day (:func:`describe_dates`)."""
    if first == last:
        return f"{first.day} {first.strftime(month + ' %Y')}"
    if first.day == 1 and last == first + pd.offsets.MonthEnd(0):
        return first.strftime(f"{month} %Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {last.strftime(month + ' %Y')}"
    if first.year == last.year:
        return f"{first.day} {first.strftime(month)} - {last.day} {last.strftime(month + ' %Y')}"
    return f"{first.day} {first.strftime(month + ' %Y')} - {last.day} {last.strftime(month + ' %Y')}"


def _days_text(days: Sequence[pd.Timestamp], month: str) -> str:
    """Write possible days as alternatives: "6, 13, 20 or 27 Jun 2020"; each with its month where they span two
    ("28 Feb or 6 Mar 2020"), with its year where they span two years."""
    last = days[-1]
    if all((day.year, day.month) == (last.year, last.month) for day in days):
        return join_words([str(day.day) for day in days], "or") + f" {last.strftime(month + ' %Y')}"
    if all(day.year == last.year for day in days):
        return join_words([f"{day.day} {day.strftime(month)}" for day in days], "or") + f" {last.year}"
    return join_words([f"{day.day} {day.strftime(month + ' %Y')}" for day in days], "or")


def describe_number(value: float, noun: str, plural: str | None = None) -> str:
    """Write a count with its noun, singular or plural, whole numbers with thousands separators.

    A fractional count (events known only to a range of days, counted in
    proportion) is written with one decimal below 10, else as "about" the
    whole number; zero is "no".

    Examples
    --------
    >>> describe_number(1, "event"), describe_number(5200, "event"), describe_number(2.5, "attack")
    ('1 event', '5,200 events', '2.5 attacks')
    >>> describe_number(980.4, "event"), describe_number(0, "attack")
    ('about 980 events', 'no attacks')
    """
    figure = describe_figure(value)
    if figure == "1":
        return f"1 {noun}"
    return f"{'no' if figure == '0' else figure} {plural or noun + 's'}"


def describe_figure(value: float) -> str:
    """Write a count alone: whole numbers with separators, fractions with one decimal below 10, else "about".

    Examples
    --------
    >>> describe_figure(1203.0), describe_figure(5.71), describe_figure(258.7)
    ('1,203', '5.7', 'about 259')
    """
    if abs(value - round(value)) < 0.05:
        return f"{round(value):,}"
    return f"{value:,.1f}" if abs(value) < 10 else f"about {round(value):,}"


def describe_points(value: float) -> str:
    """Write a score in points, or any figure read to one decimal (a median week's events): whole numbers with
    separators and no decimals, anything else with one decimal.

    The escalation measure's points are whole or halves for an ACLED file (Goldstein values such as 9.5) and
    fractions for the coded data (an event spread over its possible days); every table, sentence and alternative
    text writes them so.

    Examples
    --------
    >>> describe_points(4533.0), describe_points(393.5), describe_points(-6.5), describe_points(24.63)
    ('4,533', '393.5', '-6.5', '24.6')
    """
    rounded = round(float(value), 1)
    if rounded == round(rounded):
        return f"{round(rounded):,}"
    return f"{rounded:,.1f}"


def describe_events(value: float) -> str:
    """Write a count of events as a reader counts them: a count made of parts (an event dated to a range of days
    counts in part in each period of it) is "about" the nearest whole number where it is within a twentieth of one,
    else written to one decimal, so that a sum of points read beside it still adds up (1.4 events scoring up to 10
    points each can make 14; "about 1" could not); "less than 1" below a half.

    Examples
    --------
    >>> describe_events(15.0), describe_events(5.99), describe_events(1.4), describe_events(0.25), describe_events(2.5)
    ('15', 'about 6', '1.4', 'less than 1', '2.5')
    """
    whole = int(np.floor(value + 0.5))
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    if whole == 0:
        return "less than 1"
    return f"about {whole:,}" if abs(value - whole) < 0.05 else f"{value:,.1f}"


def describe_scored(events: float, scored: float, each: bool = False) -> str:
    """Count a period's events and those of them that add points to the escalation score (acts of violence or of
    cooperation; a protest or a statement adds none), whole (:func:`describe_events`): the peak's sentence, the
    chart's alternative text and the table of peaks say them alike. ``each`` for periods that share the figures.

    Examples
    --------
    >>> describe_scored(15, 12), describe_scored(12, 12), describe_scored(15, 12, each=True)
    ('15 events, 12 of them scored', '12 events', '15 events each, 12 of them scored')
    >>> describe_scored(3, 0), describe_scored(5.99, 2.26), describe_scored(1.6, 1.6)
    ('3 events, none of them scored', 'about 6 events, 2.3 of them scored', '1.6 events')
    >>> describe_scored(2.4, 1.6)
    '2.4 events, 1.6 of them scored'
    """
    figure, part = describe_events(events), describe_events(scored)
    noun = "event" if figure in ("1", "about 1", "less than 1") else "events"
    counted = f"{'no' if figure == '0' else figure} {noun}" + (" each" if each else "")
    if abs(float(events) - float(scored)) < 1e-9:  # every one scored (parts alike: "about 2" of about 2 may not be)
        return counted
    return f"{counted}, {'none' if part == '0' else part} of them scored"


def placeholder_toll(figure: int) -> str:
    """Say that an event's toll was not reported and ACLED set it by rule (its notes: "coded as 3"), wherever an
    event's figures are written.

    Examples
    --------
    >>> placeholder_toll(3)
    'toll not reported (ACLED codes 3)'
    """
    return f"toll not reported (ACLED codes {figure:,})"


def describe_all(count: int, noun: str, plural: str | None = None) -> str:
    """Open a sentence about every one of ``count`` things: "The one actor", "Both actors", "All 9 actors".

    Examples
    --------
    >>> describe_all(1, "actor"), describe_all(2, "actor"), describe_all(1200, "region")
    ('The one actor', 'Both actors', 'All 1,200 regions')
    """
    many = plural or noun + "s"
    if count == 1:
        return f"The one {noun}"
    return f"Both {many}" if count == 2 else f"All {count:,} {many}"


def join_words(words: Sequence[str], last: str = "and") -> str:
    """Join words as a sentence does: "a", "a and b", "a, b and c".

    Examples
    --------
    >>> join_words(["Battles"]), join_words(["a", "b", "c"]), join_words(["a", "b"], "or")
    ('Battles', 'a, b and c', 'a or b')
    """
    words = [str(w) for w in words]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def event_dates(row: pd.Series, *, long: bool = False) -> str:
    """Write one event's (a row's) ``date_start`` to ``date_end`` in words, its ``weekday`` read where the row has
    one (:func:`describe_dates`): what a label or a sentence naming one event writes.

    Examples
    --------
    >>> event_dates(pd.Series({"date_start": pd.Timestamp("2020-06-04"), "date_end": pd.Timestamp("2020-06-25"),
    ...                        "weekday": "Thursday"}), long=True)
    '4, 11, 18 or 25 June 2020'
    """
    return describe_dates(row["date_start"], row["date_end"], long=long, weekday=row.get("weekday"))


def date_texts(frame: pd.DataFrame) -> pd.Series:
    """Write each row's ``date_start`` to ``date_end`` in words (:func:`describe_dates`), as a string Series: where
    the frame has a ``weekday`` column (an events frame), a row with one names its possible days.

    Examples
    --------
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-03-13", "2020-03-13"]),
    ...                       "date_end": pd.to_datetime(["2020-03-20", "2020-03-20"]), "weekday": ["Friday", None]})
    >>> date_texts(frame).tolist()
    ['13 or 20 Mar 2020', '13-20 Mar 2020']
    """
    named = "weekday" in frame and frame["weekday"].notna().any()
    weekdays = frame["weekday"].astype("object") if named else [None] * len(frame)
    return pd.Series(
        [describe_dates(s, e, weekday=w) for s, e, w in zip(frame["date_start"], frame["date_end"], weekdays)],
        index=frame.index, dtype="string",
    )


def count_texts(frame: pd.DataFrame) -> pd.Series:
    """Write each row's ``qualifier``, ``count_low`` and ``count_high`` in words (:func:`describe_count`)."""
    return pd.Series(
        [describe_count(q, lo, hi) for q, lo, hi in zip(frame["qualifier"], frame["count_low"], frame["count_high"])],
        index=frame.index, dtype="string",
    )


def bounds_texts(low: pd.Series, high: pd.Series, *, missing: str = "not reported") -> pd.Series:
    """Write each row's bounds in words (:func:`describe_bounds`), or ``missing`` where neither is known.

    Examples
    --------
    >>> bounds_texts(pd.Series([18, None, 3]), pd.Series([18, None, None])).tolist()
    ['18', 'not reported', '3 or more']
    """
    texts = [missing if pd.isna(lo) and pd.isna(hi) else describe_bounds(lo, hi) for lo, hi in zip(low, high)]
    return pd.Series(texts, index=low.index, dtype="string")


def join_dates(texts: Sequence[str]) -> str:
    """Join dates in words, writing a year shared by all of them once, at the end; with semicolons where a date
    lists possible days with commas of its own.

    Examples
    --------
    >>> join_dates(["11 Mar 2020", "14-17 Mar 2020"]), join_dates(["27 Dec 2019", "Mar 2020"])
    ('11 Mar, 14-17 Mar 2020', '27 Dec 2019, Mar 2020')
    >>> join_dates(["11 Mar 2020", "6, 13, 20 or 27 Jun 2020"])
    '11 Mar; 6, 13, 20 or 27 Jun 2020'
    """
    texts = list(dict.fromkeys(texts))
    separator = "; " if any("," in text for text in texts) else ", "
    years = {text[-4:] for text in texts}
    if len(texts) > 1 and len(years) == 1 and all(text[-5:-4] == " " for text in texts):
        return separator.join(text[:-5] for text in texts) + texts[0][-5:]
    return separator.join(texts)


_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
_MARKUP = re.compile(r"([\\`*_{}\[\]<>&#.!|~$:])")


def markdown_text(value: object) -> str:
    r"""Write a value from data or options so that Markdown, and the HTML made from it, show it as typed.

    The one rule for every name, place or option that enters a generated
    sentence or heading: the punctuation that Markdown reads as markup,
    ``<``, ``>`` and ``&`` included, is escaped with a backslash, so no
    emphasis, code, link, image, heading, table, strike-through, math,
    bare URL, HTML tag or character reference can form, whether or not the
    renderer passes raw HTML through (parentheses, dashes and plus signs
    only matter after a bracket or at the start of a line). Line breaks and
    other control characters become a space, so a value cannot start a
    block of its own. A renderer shows exactly the characters of the value.

    Examples
    --------
    >>> print(markdown_text('<meta http-equiv="refresh">'))
    \<meta http-equiv="refresh"\>
    >>> print(markdown_text("![x](https://example.org/x.png)"))
    \!\[x\](https\://example\.org/x\.png)
    """
    return _MARKUP.sub(r"\\\1", _LINE_BREAKS.sub(" ", str(value)))


def did_you_mean(name: str, names: Sequence[str]) -> str:
    """Name the names closest to ``name`` (without regard to case) as a question, for a message that refuses it.

    The one rule for every "did you mean" of the package: at most three
    names, close by :func:`difflib.get_close_matches` (a ratio of 0.6), as
    they are written among ``names``; an empty text when none is close.

    Examples
    --------
    >>> did_you_mean("Bagdad", ["Baghdad", "Basra", "Kirkuk"])
    "did you mean 'Baghdad'?"
    >>> did_you_mean("events", ["Events", "Events (old)", "Notes"])
    "did you mean 'Events' or 'Events (old)'?"
    >>> did_you_mean("zzz", ["Baghdad"])
    ''
    """
    by_fold = {value.casefold(): value for value in names}
    close = difflib.get_close_matches(name.casefold(), list(by_fold), n=3, cutoff=0.6)
    return ("did you mean " + " or ".join(repr(by_fold[c]) for c in close) + "?") if close else ""


def refusal(option: str, names: Sequence[str], known: Sequence[str], rule: str, *, shown: int = 12) -> str:
    """Say in one line why names given to an option are refused, for the error that refuses them.

    The one wording of every refusal of a name that matches nothing (the
    report's ``AREA``, ``ATTACKS`` and ``TARGET``, the helpers' ``kinds=``
    and ``area=``): the option, the first such name and the rule it breaks,
    with the closest known names (:func:`did_you_mean`); up to two more such
    names, each with its closest, and how many more there are, so that a
    user fixes every name at once; then, where a name named has none close,
    the known names (the first ``shown``).

    Parameters
    ----------
    option : str
        The option's name, as its user writes it (``AREA``, ``kinds``).
    names : sequence of str
        The refused names, in the order given (at least one).
    known : sequence of str
        The names that would have matched, in the order to list them.
    rule : str
        What the first name is not, after the name ("matches no governorate (admin1) or country of the data").
    shown : int, default 12
        How many known names to list when none is close.

    Examples
    --------
    >>> refusal("AREA", ["Bagdad"], ["Baghdad", "Kirkuk"], "matches no governorate (admin1) or country of the data")
    "AREA: 'Bagdad' matches no governorate (admin1) or country of the data; did you mean 'Baghdad'?"
    >>> refusal("kinds", ["Bombing", "Riot"], ["Battles", "Protests", "Riots"], "is not an event type", shown=2)
    "kinds: 'Bombing' is not an event type; the same for 'Riot' (did you mean 'Riots'?); allowed: 'Battles', 'Protests' and 1 more"
    """
    named = list(names[:3])
    close = {name: did_you_mean(name, known) for name in named}
    text = f"{option}: {named[0]!r} {rule}" + (f"; {close[named[0]]}" if close[named[0]] else "")
    if len(named) > 1:
        others = [f"{name!r}" + (f" ({close[name]})" if close[name] else "") for name in named[1:]]
        more = len(names) - len(named)
        text += f"; the same for {join_words(others + ([f'{more} more'] if more else []))}"
    if not known:
        return text + "; the data have none"
    if all(close.values()):
        return text
    rest = f" and {len(known) - shown:,} more" if len(known) > shown else ""
    return text + f"; allowed: {', '.join(repr(k) for k in known[:shown])}{rest}"


_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")


def figures_for_words(text: str) -> str:
    """Write the counts a text spells out (one to twenty, a word alone) in figures, so two wordings of a count
    compare equal.

    Examples
    --------
    >>> figures_for_words("Two rockets, twenty-one and none")
    '2 rockets, twenty-one and none'
    """
    numbers = {word: str(n) for n, word in enumerate(_WORDS) if n}
    return re.sub(r"(?<![\w-])[A-Za-z]+(?![\w-])", lambda m: numbers.get(m.group(0).casefold(), m.group(0)), text)


def in_words(number: int) -> str:
    """Write a count as a sentence would: in words up to twenty, in figures above.

    Examples
    --------
    >>> in_words(6), in_words(13), in_words(48)
    ('six', 'thirteen', '48')
    """
    number = int(number)
    return _WORDS[number] if 0 <= number < len(_WORDS) else f"{number:,}"
