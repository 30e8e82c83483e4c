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

import pandas as pd


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


def describe_dates(start: object, end: object, *, long: bool = False) -> str:
    """Write a date range briefly: a day, a whole month, or first and last day.

    Parameters
    ----------
    start, end : date-like
        First and last possible day (inclusive).
    long : bool, default False
        Write months in full ("March"), for sentences.

    Returns
    -------
    str
        ``"27 Dec 2019"``, ``"Apr 2020"``, ``"14-20 Mar 2020"`` or
        ``"28 Feb - 5 Mar 2020"``.

    Examples
    --------
    >>> describe_dates("2020-04-01", "2020-04-30"), describe_dates("2020-03-14", "2020-03-20")
    ('Apr 2020', '14-20 Mar 2020')
    >>> describe_dates("2025-03-03", "2025-03-09", long=True)
    '3-9 March 2025'
    """
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    month = "%B" if long else "%b"
    if first == last:
        return f"{first.day} {first.strftime(month + ' %Y')}"
    if first.day == 1 and last == first + pd.offsets.MonthEnd(0):
        return first.strftime(f"{month} %Y")
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {last.strftime(month + ' %Y')}"
    if first.year == last.year:
        return f"{first.day} {first.strftime(month)} - {last.day} {last.strftime(month + ' %Y')}"
    return f"{first.day} {first.strftime(month + ' %Y')} - {last.day} {last.strftime(month + ' %Y')}"


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


def describe_scored(events: float, scored: float, each: bool = False) -> str:
    """Count a period's events and those of them that add points to the escalation score (acts of violence or of
    cooperation; a protest or a statement adds none): the peak's sentence and the chart's alternative text say it
    alike. ``each`` for periods that share the figures.

    Examples
    --------
    >>> describe_scored(15, 12), describe_scored(12, 12), describe_scored(15, 12, each=True)
    ('15 events, 12 of them scored', '12 events', '15 events each, 12 of them scored')
    >>> describe_scored(3, 0)
    '3 events, none of them scored'
    """
    counted = describe_number(events, "event") + (" each" if each else "")
    figure = describe_figure(scored)
    if figure == describe_figure(events):
        return counted
    return f"{counted}, {'none' if figure == '0' else figure} of them scored"


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


def date_texts(frame: pd.DataFrame) -> pd.Series:
    """Write each row's ``date_start`` to ``date_end`` in words (:func:`describe_dates`), as a string Series."""
    return pd.Series(
        [describe_dates(s, e) for s, e in zip(frame["date_start"], frame["date_end"])],
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
    """Join dates in words, writing a year shared by all of them once, at the end.

    Examples
    --------
    >>> join_dates(["11 Mar 2020", "14-17 Mar 2020"]), join_dates(["27 Dec 2019", "Mar 2020"])
    ('11 Mar, 14-17 Mar 2020', '27 Dec 2019, Mar 2020')
    """
    texts = list(dict.fromkeys(texts))
    years = {text[-4:] for text in texts}
    if len(texts) > 1 and len(years) == 1 and all(text[-5:-4] == " " for text in texts):
        return ", ".join(text[:-5] for text in texts) + texts[0][-5:]
    return ", ".join(texts)


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
