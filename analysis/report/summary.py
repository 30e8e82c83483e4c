"""Say what each page holds, for the index: its heading, first sentence and thumbnail, and the run's parameters.

A page whose heading is written from the data carries its card as data: the
heading's output holds the title and first sentence in its metadata
(:class:`analysis.report.words.common.Heading`, shown by
:func:`analysis.report.story.tell`). A page of hand-written Markdown (the
committed default run) is summarised from that Markdown with a few rules
(the first heading; the first sentence of the first paragraph after it, past
a bold run-in label, not ended by an abbreviation such as "U.S." or "e.g.").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import nbformat

from ..stats.targets import DEFAULT_ACLED_ATTACKS
from ..text import describe_dates, describe_number, join_words
from .thumbnails import first_figure_alt, thumbnail
from .words.common import CARD_METADATA, DATELINE_METADATA, EMPTY_WINDOW


@dataclass(frozen=True)
class PageCard:
    """What the index shows of one notebook page."""

    number: str
    href: str
    title: str
    summary: str
    thumbnail: str | None
    thumbnail_width: int | None
    thumbnail_height: int | None
    thumbnail_alt: str | None = None
    dateline: str | None = None
    report_title: str | None = None
    scope: str | None = None
    #: where the dateline names a file beside the report, as (start, end) offsets (:attr:`Dateline.links`)
    dateline_links: tuple[tuple[int, int], ...] = ()


def page_card(path: Path, nb: nbformat.NotebookNode) -> PageCard:
    """Return the index card of an executed notebook: its number, page, heading, first sentence and thumbnail.

    The heading and sentence are the card a generated heading carries
    (:func:`written_card`), else those of the notebook's Markdown
    (:func:`notebook_summary`).
    """
    heading, sentence = written_card(nb) or notebook_summary(nb)
    number = path.stem.split("-", 1)[0]
    image, width, height = thumbnail(nb)
    return PageCard(
        number=number,
        href=quote(f"{path.stem}.html"),
        title=heading or path.stem,
        summary=sentence,
        thumbnail=image,
        thumbnail_width=width,
        thumbnail_height=height,
        thumbnail_alt=first_figure_alt(nb),
        dateline=written_dateline(nb),
        report_title=written_dateline(nb, "report_title"),
        scope=written_dateline(nb, "scope"),
        dateline_links=written_links(nb),
    )


def briefly(card: PageCard, scope: str | None) -> PageCard:
    """Return the card as the index and the links between pages show it: its title and sentence without the place
    and the window that the report's title names (``scope``, :attr:`analysis.report.words.common.Dateline.scope`),
    which each page's title and lead repeat.

    Examples
    --------
    >>> card = PageCard("01", "01-a.html", "How events unfolded in Iraq, 1-2 May", "4 events in Iraq, 1-2 May, all.",
    ...                 None, None, None)
    >>> short = briefly(card, " in Iraq, 1-2 May")
    >>> short.title, short.summary
    ('How events unfolded', '4 events, all.')
    """
    if not scope:
        return card
    return replace(card, title=card.title.replace(scope, "") or card.title, summary=card.summary.replace(scope, ""))


def written_dateline(nb: nbformat.NotebookNode, key: str = "dateline") -> str | None:
    """Return the dateline the notebook showed (:func:`analysis.report.story.say`) as plain text, or None.

    ``key="report_title"`` returns the title of the whole report that an ACLED run's dateline carries
    (:attr:`analysis.report.words.common.Dateline.report_title`) instead.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("say(story.dateline('timeline'))")])
    >>> nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "*Iraq.*"},
    ...                                               metadata={DATELINE_METADATA: {"dateline": "Iraq <b>."}})]
    >>> written_dateline(nb)
    'Iraq <b>.'
    """
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            found = output.get("metadata", {}).get(DATELINE_METADATA)
            if isinstance(found, Mapping) and found.get(key):
                return str(found[key])
    return None


def written_links(nb: nbformat.NotebookNode) -> tuple[tuple[int, int], ...]:
    """Return where the dateline the notebook showed names a file beside the report, as (start, end) offsets into
    :func:`written_dateline`'s text (:attr:`analysis.report.words.common.Dateline.links`); empty for none."""
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            found = output.get("metadata", {}).get(DATELINE_METADATA)
            if isinstance(found, Mapping) and found.get("dateline"):
                return tuple((int(start), int(end)) for start, end in found.get("links") or ())
    return ()


def written_card(nb: nbformat.NotebookNode) -> tuple[str, str] | None:
    """Return the title and first sentence that the notebook's first generated heading carries, or None.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("tell(data, story.heading('timeline'))")])
    >>> nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "# A title"},
    ...                                               metadata={CARD_METADATA: {"title": "A <b>", "summary": ""}})]
    >>> written_card(nb)
    ('A <b>', '')
    """
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            card = output.get("metadata", {}).get(CARD_METADATA)
            if isinstance(card, Mapping):
                return str(card.get("title", "")), _shorten(str(card.get("summary", "")))
    return None


def window_is_empty(nb: nbformat.NotebookNode) -> bool:
    """Return True if the notebook's generated heading says its window holds no event
    (:attr:`analysis.report.words.common.Heading.empty`).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("tell(data, story.heading('timeline'))")])
    >>> nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "# A title"},
    ...                                               metadata={CARD_METADATA: {"title": "A", EMPTY_WINDOW: True}})]
    >>> window_is_empty(nb)
    True
    """
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            card = output.get("metadata", {}).get(CARD_METADATA)
            if isinstance(card, Mapping):
                return bool(card.get(EMPTY_WINDOW))
    return False


def notebook_summary(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """Find a notebook's first Markdown heading and the first sentence after it.

    Markdown displayed by code cells counts, in its place: a notebook that
    writes its title from its data (:func:`analysis.report.story.tell`) is
    summarised by it.

    Parameters
    ----------
    nb : NotebookNode
        The notebook.

    Returns
    -------
    tuple of str
        ``(heading, sentence)`` as plain text (Markdown markup removed, not
        yet HTML-escaped); empty strings when missing.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("# Attack *frequency*"),
    ...     nbformat.v4.new_markdown_cell("**The question.** How often did the U.S. bases come under fire? More."),
    ... ])
    >>> notebook_summary(nb)
    ('Attack frequency', 'How often did the U.S. bases come under fire?')
    """
    heading = ""
    for text in _markdown_texts(nb):
        for block in re.split(r"\n\s*\n", text):
            lines = [line for line in block.strip().splitlines() if line.strip()]
            while lines and lines[0].lstrip().startswith("#"):
                if not heading:
                    heading = _plain_text(lines[0].lstrip().lstrip("#"))
                lines = lines[1:]
            if not lines or not heading or re.match(r"\s*(\||```|~~~|<|!\[|[-*+] |\d+\. |---)", lines[0]):
                continue
            # A bold run-in label ("**The question.** How many ...") is not the sentence.
            paragraph = re.sub(r"^\s*(\*\*|__)[^*_]{1,40}?[.:](\1)\s*", "", " ".join(lines))
            return heading, _first_sentence(_plain_text(paragraph))
    return heading, ""


def _markdown_texts(nb: nbformat.NotebookNode) -> list[str]:
    """Return the notebook's Markdown in reading order: Markdown cells, and Markdown that code cells displayed."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            texts.append(cell.source)
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                markdown = output.get("data", {}).get("text/markdown")
                if markdown:
                    texts.append(markdown if isinstance(markdown, str) else "".join(markdown))
    return texts


_ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "approx", "no", "mr", "mrs", "dr", "st", "gen", "lt", "col", "sgt"}


def _plain_text(markdown: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__|\*)", "", text)
    text = re.sub(r"(?<!\w)_(.+?)_(?!\w)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _first_sentence(text: str, limit: int = 300) -> str:
    for match in re.finditer(r"[.!?][\"'\u201d)\]]*(?=\s|$)", text):
        word = re.search(r"(\S+)$", text[: match.start()])
        token = word.group(1).lower().lstrip("(\"'\u201c") if word else ""
        if match.group(0)[0] == "." and (token in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token)):
            continue  # "U.S.", "e.g." or an initial, not the end of a sentence
        text = text[: match.end()]
        break
    return _shorten(text, limit)


def _shorten(text: str, limit: int = 300) -> str:
    """Cut a card's sentence at a word to at most ``limit`` characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def describe_parameters(parameters: Mapping[str, Any] | None, *, dropped: int = 0) -> list[tuple[str, str]]:
    """List the report's parameters as (label, value) pairs for a reader, in the order and words of the options' spec.

    A data file is named by its file name only, so the report does not
    depend on where the file sits on a disk. ``INVALID`` is listed only when
    it was given, with the number of rows it left out; ``DAYFIRST`` and ``COMPARE`` only when they were given.

    Parameters
    ----------
    parameters : mapping or None
        Notebook parameters by option name (``DATA``, ``START``, ...:
        :data:`analysis.report.options.OPTIONS`).
    dropped : int, default 0
        Rows of ``DATA`` that ``INVALID=drop`` left out.

    Returns
    -------
    list of tuple of str
        Labels and values, the defaults spelled out.

    Examples
    --------
    >>> describe_parameters({"DATA": "/tmp/iraq.csv", "START": "2020-01-01"})[:2]
    [('Data', 'iraq.csv (ACLED export)'), ('From', '1 January 2020')]
    >>> describe_parameters({"DATA": "/tmp/iraq.csv", "INVALID": "drop", "DAYFIRST": "false"}, dropped=3)[1:3]
    [('Rows that could not be read', '3 rows left out of every count; dropped.csv, beside this report, lists each with its line and why'), ('Dates read', 'month first')]
    """
    from .options import DAYFIRST_WORDS, OPTIONS, read_parameter
    from .words.dropped import where_listed

    parameters = dict(parameters or {})
    data = parameters.get("DATA")
    described = []
    for option in OPTIONS:
        value = parameters.get(option.name)
        if not option.label or (option.name in ("INVALID", "DAYFIRST", "COMPARE") and not value):
            continue
        if option.name in ("DATA", "COMPARE") and value:
            text = f"{Path(str(value)).name} (ACLED export)"
        elif option.name == "DAYFIRST":
            text = DAYFIRST_WORDS[read_parameter(option.name, value)]
        elif option.name == "INVALID":
            text = (f"{describe_number(dropped, 'row')} left out of every count; {where_listed(dropped)}"
                    if value == "drop" else
                    option.unset if value == "raise" else str(value))
        elif option.name == "ATTACKS" and not value and data:
            text = f"{join_words(DEFAULT_ACLED_ATTACKS)} (ACLED event types)"
        elif option.name in ("START", "END") and value:  # a day, as the pages write it
            import pandas as pd

            day = pd.Timestamp(str(value))
            text = describe_dates(day, day, long=True)
        else:
            text = str(value or option.unset)
        described.append((option.label, text))
    return described

