"""Load the coded tables, the packaged ones or a user's own files of the same format.

Every loader reads a CSV file, checks it against :mod:`analysis.schema` and
against the tables it refers to, and returns a DataFrame with real dtypes:
dates ``datetime64[ns]``, counts ``Int64``, controlled vocabularies
categorical, coordinates ``float64``, ids and text ``string``. Invalid input
raises :class:`analysis.DataError` naming the file, line, column, value and
rule. A valid file loads with exactly as many rows as it has records.

Referenced tables (``events=``, ``sources=``, ``bases=``) may be given as a
DataFrame already loaded, as a path, or left as None: then the packaged table
is used when ``path`` is None, and otherwise the file of the standard name
(``events.csv``, ``sources.csv``, ``bases.csv``) in the same folder as
``path``. Quotes are checked against the documents in the sources table's
folder, or in the folder given as ``documents=``, which a sources table
given as a DataFrame needs.

A loader called without arguments (the packaged table) reads and checks its
files once per process, and again when any packaged file changes (its size
or modification time); each call returns its own copy.
"""

from __future__ import annotations

import functools
import hashlib
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import Callable, Union

import pandas as pd

from .. import schema
from .._lazy import moved_names
from ..errors import DataError
from ._validate import validate_table
from .parse import convert_columns
from .problems import Checker, file_error
from .rules import check_references
from .text_table import TextTable

#: A quote must have at least this many words and characters to identify a
#: passage of its document (the coded tables' shortest has 6 words and 36
#: characters); a word or two would be found in almost any text.
MIN_QUOTE_WORDS = 3
MIN_QUOTE_CHARS = 12

PathLike = Union[str, Path]
TableArg = Union[pd.DataFrame, PathLike, None]


# --- where the packaged files are ----------------------------------------------

def packaged_data_dir() -> Path:
    """Return the folder of the packaged coded tables."""
    return Path(str(resources.files("analysis") / "data"))


def packaged_documents_dir() -> Path:
    """Return the folder of the packaged source documents and ``sources.csv``.

    An installed wheel carries them as ``analysis/seeds``; a checkout (or an
    editable install) has them in the top-level ``seeds/`` folder beside the
    package.
    """
    installed = Path(str(resources.files("analysis") / "seeds"))
    if (installed / schema.SOURCES.file_name).is_file():
        return installed
    return Path(str(resources.files("analysis"))).resolve().parent / "seeds"


def default_path(spec: schema.TableSpec) -> Path:
    """Return the packaged file of a table (the sources table lies with the documents)."""
    if spec is schema.SOURCES:
        return packaged_documents_dir() / spec.file_name
    return packaged_data_dir() / spec.file_name


def packaged_key() -> tuple:
    """Return the path, size and modification time of every packaged file: what the packaged tables are read from."""
    return tuple((str(path), stat.st_size, stat.st_mtime_ns)
                 for folder in (packaged_data_dir(), packaged_documents_dir())
                 for path in sorted(folder.iterdir()) if path.is_file() for stat in [path.stat()])


#: The packaged tables as last loaded, by loader, under :func:`packaged_key`.
_packaged_tables: dict[str, tuple[tuple, pd.DataFrame]] = {}


def _packaged_once(load: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """Let ``load`` called without arguments (the packaged table) read and check its files once per process.

    Each call returns its own copy; the files are read and checked again when
    any packaged file changes (its size or modification time). A call with
    any argument reads its files every time.
    """
    @functools.wraps(load)
    def loading(*args, **kwargs) -> pd.DataFrame:
        if args or kwargs:
            if _siblings.get() is not None:
                return load(*args, **kwargs)
            token = _siblings.set({})  # the tables this call refers to, each read once for it
            try:
                return load(*args, **kwargs)
            finally:
                _siblings.reset(token)
        key = packaged_key()
        kept = _packaged_tables.get(load.__name__)
        if kept is None or kept[0] != key:
            kept = _packaged_tables[load.__name__] = (key, load())
        return kept[1].copy()

    return loading


#: Within one call of a loader, the tables it and the tables it refers to read by path, by (loader, path): a reports
#: table's events refer to its bases, and both to the same sources table, which is read and checked once.
_siblings: ContextVar[dict[tuple[str, Path], pd.DataFrame] | None] = ContextVar("_siblings", default=None)


def _resolve(arg: TableArg, owner_path: PathLike | None, spec: schema.TableSpec, loader: Callable, keyword: str) -> pd.DataFrame:
    """Return a referenced table from a frame, a path, or the conventions above."""
    if isinstance(arg, pd.DataFrame):
        return arg
    if arg is not None:
        return _read_once(loader, Path(arg))
    if owner_path is None:
        return loader()
    sibling = Path(owner_path).parent / spec.file_name
    if not sibling.is_file():
        raise file_error(
            sibling,
            f"not found: {Path(owner_path).name} refers to the {spec.name} table, expected beside it; "
            f"pass {keyword}= (a DataFrame or a path) to check against another {spec.name} table",
        )
    return _read_once(loader, sibling)


def _read_once(loader: Callable, path: Path) -> pd.DataFrame:
    """Return ``loader(path)``, read once within the current loader's call (the frame is only read, never returned)."""
    kept = _siblings.get()
    if kept is None:
        return loader(path)
    key = (loader.__name__, path.resolve())
    if key not in kept:
        kept[key] = loader(path)
    return kept[key]


def _finish(table: TextTable, checker: Checker, spec: schema.TableSpec) -> pd.DataFrame:
    checker.raise_if_any()
    frame = convert_columns(table.frame, spec.columns)
    frame.attrs["path"] = str(table.path)
    return frame


# --- documents ----------------------------------------------------------------------

def _documents_folder(sources: TableArg, documents: PathLike | None, owner_path: PathLike | None = None) -> Path:
    """Return the folder of a sources table's documents: ``documents``, else the sources file's folder.

    A sources table given as a DataFrame does not say where its documents
    are: it needs ``documents``. None for both means the packaged table (or,
    for a table at ``owner_path``, the ``sources.csv`` beside it).
    """
    if documents is not None:
        return Path(documents)
    if isinstance(sources, pd.DataFrame):
        raise DataError(
            "the sources table was given as a DataFrame, which does not say where its documents are; pass "
            "documents= (the folder holding them), or give sources= as the path of its sources.csv",
            column="documents", value=None, rule="documents' folder",
        )
    if sources is not None:
        return Path(sources).parent
    return Path(owner_path).parent if owner_path is not None else packaged_documents_dir()


def _document_path(folder: Path, name: str) -> Path | None:
    """Return the document ``name`` of a sources table in ``folder``; None if it would lie outside the folder."""
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts or "\\" in name:
        return None
    document = folder / relative
    try:
        inside = document.resolve().is_relative_to(folder.resolve())
    except OSError:
        return None
    return document if inside else None


_OUTSIDE = ("names a file outside the sources table's folder; a document must lie inside that folder, named by a "
            "relative path without '..'")


#: Most bytes a source document may hold: a news report is a few kilobytes, and every document is read whole.
MAX_DOCUMENT_BYTES = 16 << 20


def _read_document(document: Path) -> bytes:
    """Return a document's bytes; raise ValueError for one over :data:`MAX_DOCUMENT_BYTES`, before reading it."""
    with open(document, "rb") as handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ValueError(f"is longer than {MAX_DOCUMENT_BYTES:,} bytes, the most a source document may hold "
                         "(a news report is a few kilobytes)")
    return data


def _decode_document(data: bytes) -> str:
    """Return a document's text; raise ValueError naming the first byte that is not UTF-8 text."""
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise ValueError(f"has a NUL byte on line {line}; it is not a text file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ValueError(f"is not UTF-8 text (byte 0x{data[exc.start]:02X} on line {line}; Windows-1252 or Latin-1?); "
                         "save it as UTF-8") from None


def document_text(doc_id: str, *, sources: TableArg = None, documents: PathLike | None = None) -> str:
    """Return the text of one source document.

    Parameters
    ----------
    doc_id : str
        The document's id (``sources.doc_id``).
    sources : DataFrame, path or None, default None
        The sources table; None for the packaged one.
    documents : str, Path or None, default None
        The folder of the documents; None for the folder of ``sources``
        (the packaged documents when ``sources`` is None). Required when
        ``sources`` is a DataFrame.

    Returns
    -------
    str
        The document, decoded as UTF-8.

    Raises
    ------
    DataError
        If ``doc_id`` is not in the sources table, or its document lies
        outside the documents' folder or is not UTF-8 text, or ``sources``
        is a DataFrame and ``documents`` is None.

    Examples
    --------
    >>> text = document_text("004_6fbd2d9b1fbff60b")
    >>> text.split()[1]
    '2020-02-06'
    """
    folder = _documents_folder(sources, documents)
    sources = _resolve(sources, None, schema.SOURCES, load_sources, "sources")
    match = sources.loc[sources["doc_id"] == doc_id, "file_name"]
    if match.empty:
        raise DataError(
            f"{doc_id!r} is not a document of the sources table; expected one of {list(sources['doc_id'])}",
            column="doc_id", value=doc_id, rule="unknown document",
        )
    name = str(match.iloc[0])
    document = _document_path(folder, name)
    if document is None:
        raise DataError(f"document {doc_id!r}: {name!r} {_OUTSIDE}", column="file_name", value=name, rule=_OUTSIDE)
    try:
        return _decode_document(_read_document(document))
    except (ValueError, OSError) as exc:
        rule = str(exc)
        raise DataError(f"document {doc_id!r}: {document} {rule}", path=str(document), column="file_name",
                        value=name, rule=rule) from None


def _check_quotes(table: TextTable, checker: Checker, sources: pd.DataFrame, folder: Path) -> None:
    """Record quotes too short to identify a passage, and quotes that are not verbatim passages of their documents."""
    frame = table.frame
    quotes = frame["quote"]
    words = quotes.str.split().str.len().fillna(0).to_numpy()
    short = ((quotes != "") & ((words < MIN_QUOTE_WORDS) | (quotes.str.len() < MIN_QUOTE_CHARS))).to_numpy()
    checker.add_mask(short, "quote", quotes, f"is too short to identify a passage; a quote needs at least "
                                             f"{MIN_QUOTE_WORDS} words and {MIN_QUOTE_CHARS} characters")
    texts = {doc: document_text(doc, sources=sources, documents=folder) for doc in set(frame["doc_id"]) if doc in set(sources["doc_id"])}
    for i, (doc, quote) in enumerate(zip(frame["doc_id"], quotes)):
        if doc in texts and quote and not short[i] and quote not in texts[doc]:
            checker.add(i, "quote", quote, f"does not appear verbatim in document {doc}")


def _check_doc_refs(table: TextTable, checker: Checker, sources: TableArg, documents: PathLike | None,
                    path: Path | None) -> None:
    """Check the doc_id references and the quotes of a table at ``path`` against its sources and their documents."""
    folder = _documents_folder(sources, documents, path)
    sources = _resolve(sources, path, schema.SOURCES, load_sources, "sources")
    check_references(table, "doc_id", sources["doc_id"], "the sources table", checker)
    _check_quotes(table, checker, sources, folder)


# --- loaders ------------------------------------------------------------------------

@_packaged_once
def load_sources(path: PathLike | None = None) -> pd.DataFrame:
    """Load the table of source documents and check every document's checksum.

    Parameters
    ----------
    path : str or Path, optional
        A sources table (``sources.csv`` format). The documents it names are
        looked up in the same folder. None loads the packaged table.

    Returns
    -------
    DataFrame
        One row per document: doc_id, file_name, sha256, title, outlet,
        published_start, published_end (datetime64), published_basis.

    Raises
    ------
    DataError
        If the table is invalid, a document file is missing, or a document's
        SHA-256 differs from the one recorded.

    Examples
    --------
    >>> load_sources()["doc_id"].tolist()[:2]
    ['000_7cdb25c0cf610e1a', '001_f2c998a8b157a449']
    """
    path = Path(path) if path is not None else default_path(schema.SOURCES)
    table, checker = validate_table(path, schema.SOURCES)
    folder = path.parent
    for i, (name, expected) in enumerate(zip(table.frame["file_name"], table.frame["sha256"])):
        if not name:
            continue
        document = _document_path(folder, name)
        if document is None:
            checker.add(i, "file_name", name, _OUTSIDE)
            continue
        if not document.is_file():
            checker.add(i, "file_name", name, f"names a document that does not exist in {folder}")
            continue
        try:
            data = _read_document(document)
        except OSError as exc:
            checker.add(i, "file_name", name, f"names a document that could not be read ({exc.strerror or exc})")
            continue
        except ValueError as exc:
            checker.add(i, "file_name", name, f"names a document that {exc}")
            continue
        actual = hashlib.sha256(data).hexdigest()
        if expected and actual != expected:
            checker.add(i, "sha256", expected, f"does not match the document {name}, whose SHA-256 is {actual}; the document changed")
            continue
        try:
            _decode_document(data)
        except ValueError as exc:
            checker.add(i, "file_name", name, f"names a document that {exc}")
    return _finish(table, checker, schema.SOURCES)


@_packaged_once
def load_bases(path: PathLike | None = None, *, sources: TableArg = None, documents: PathLike | None = None) -> pd.DataFrame:
    """Load the table of military bases.

    Parameters
    ----------
    path : str or Path, optional
        A bases table (``bases.csv`` format); None loads the packaged one.
    sources : DataFrame, path or None, default None
        Sources table the quotes are checked against (see module docs).
    documents : str, Path or None, default None
        The folder of the sources' documents (see :func:`document_text`).

    Returns
    -------
    DataFrame
        One row per base with name, aliases, admin1, coordinates,
        geo_precision, the coordinates' source, and the quote naming it.

    Raises
    ------
    DataError
        If the table is invalid or a quote is not in its document.
    """
    path = Path(path) if path is not None else None
    table, checker = validate_table(path or default_path(schema.BASES), schema.BASES)
    _check_doc_refs(table, checker, sources, documents, path)
    return _finish(table, checker, schema.BASES)


@_packaged_once
def load_events(
    path: PathLike | None = None,
    *,
    bases: TableArg = None,
    region: tuple[float, float, float, float] | None = schema.REGION_BOUNDS,
) -> pd.DataFrame:
    """Load the coded events.

    Parameters
    ----------
    path : str or Path, optional
        An events table (``events.csv`` format); None loads the packaged one.
    bases : DataFrame, path or None, default None
        Bases table that ``base_id`` must refer to (see module docs).
    region : tuple of float or None, default schema.REGION_BOUNDS
        (lat_min, lat_max, lon_min, lon_max) that coordinates must fall in;
        None accepts any valid coordinates.

    Returns
    -------
    DataFrame
        One row per event with the columns of ``schema.EVENTS`` (dates
        datetime64, ACLED vocabularies categorical, counts Int64).

    Raises
    ------
    DataError
        If the table is invalid or a base_id does not resolve.

    Examples
    --------
    >>> events = load_events()
    >>> events["event_type"].dtype.name
    'category'
    """
    path = Path(path) if path is not None else None
    table, checker = validate_table(
        path or default_path(schema.EVENTS), schema.EVENTS, region=region, pairs=schema.ACLED_SUB_EVENT_TYPES
    )
    if (table.frame["base_id"] != "").any():
        bases_frame = _resolve(bases, path, schema.BASES, load_bases, "bases")
        check_references(table, "base_id", bases_frame["base_id"], "the bases table", checker)
    return _finish(table, checker, schema.EVENTS)


@_packaged_once
def load_reports(
    path: PathLike | None = None, *, events: TableArg = None, sources: TableArg = None, documents: PathLike | None = None
) -> pd.DataFrame:
    """Load the evidence table: which document supports which event, with a quote.

    Parameters
    ----------
    path : str or Path, optional
        A reports table (``reports.csv`` format); None loads the packaged one.
    events, sources : DataFrame, path or None, default None
        Tables that ``event_id`` and ``doc_id`` must refer to.
    documents : str, Path or None, default None
        The folder of the sources' documents (see :func:`document_text`).

    Returns
    -------
    DataFrame
        One row per piece of evidence: report_id, event_id, doc_id, quote,
        and claim_field, claim_value, claimant where documents disagree.

    Raises
    ------
    DataError
        If the table is invalid, a reference does not resolve, or a quote is
        not verbatim in its document.
    """
    return _load_quoted(schema.REPORTS, path, sources, documents, events=events)


@_packaged_once
def load_casualties(
    path: PathLike | None = None, *, events: TableArg = None, sources: TableArg = None, documents: PathLike | None = None
) -> pd.DataFrame:
    """Load killed and wounded by group, as each document reports them.

    Parameters
    ----------
    path : str or Path, optional
        A casualties table; None loads the packaged one.
    events, sources : DataFrame, path or None, default None
        Tables that ``event_id`` and ``doc_id`` must refer to.
    documents : str, Path or None, default None
        The folder of the sources' documents (see :func:`document_text`).

    Returns
    -------
    DataFrame
        One row per (event, group, outcome, document or claimant) with
        count_low and count_high (Int64; count_high empty when open-ended).

    Raises
    ------
    DataError
        If the table is invalid, a reference does not resolve, or a quote is
        not verbatim in its document.
    """
    return _load_quoted(schema.CASUALTIES, path, sources, documents, events=events)


def _load_quoted(
    spec: schema.TableSpec, path: PathLike | None, sources: TableArg, documents: PathLike | None, *,
    events: TableArg | bool = False,
) -> pd.DataFrame:
    """Load a table whose rows quote a document, checking quotes (and event ids unless ``events`` is False)."""
    path = Path(path) if path is not None else None
    table, checker = validate_table(path or default_path(spec), spec)
    if events is not False:
        events_frame = _resolve(events, path, schema.EVENTS, load_events, "events")
        check_references(table, "event_id", events_frame["event_id"], "the events table", checker)
    _check_doc_refs(table, checker, sources, documents, path)
    return _finish(table, checker, spec)


@_packaged_once
def load_troop_levels(
    path: PathLike | None = None, *, sources: TableArg = None, documents: PathLike | None = None
) -> pd.DataFrame:
    """Load the statements of force size (US, UK, coalition).

    Parameters
    ----------
    path : str or Path, optional
        A troop-levels table; None loads the packaged one.
    sources : DataFrame, path or None, default None
        Sources table the quotes are checked against.
    documents : str, Path or None, default None
        The folder of the sources' documents (see :func:`document_text`).

    Returns
    -------
    DataFrame
        One row per statement: the date range it applies to, force,
        count_low/count_high (Int64, empty where open-ended), qualifier.

    Raises
    ------
    DataError
        If the table is invalid or a quote is not in its document.
    """
    return _load_quoted(schema.TROOP_LEVELS, path, sources, documents)


@_packaged_once
def load_reported_totals(
    path: PathLike | None = None, *, sources: TableArg = None, documents: PathLike | None = None
) -> pd.DataFrame:
    """Load aggregate claims that are not single events.

    Parameters
    ----------
    path : str or Path, optional
        A reported-totals table; None loads the packaged one.
    sources : DataFrame, path or None, default None
        Sources table the quotes are checked against.
    documents : str, Path or None, default None
        The folder of the sources' documents (see :func:`document_text`).

    Returns
    -------
    DataFrame
        One row per reported total ("over a dozen rocket attacks", "45
        strikes in October and November"), with its period and bounds.

    Raises
    ------
    DataError
        If the table is invalid or a quote is not in its document.
    """
    return _load_quoted(schema.REPORTED_TOTALS, path, sources, documents)


__all__ = [
    "document_text",
    "load_bases",
    "load_casualties",
    "load_events",
    "load_reported_totals",
    "load_reports",
    "load_sources",
    "load_troop_levels",
    "packaged_data_dir",
    "packaged_documents_dir",
]


#: Names that moved when this module was split, importable from here for one release (with a warning).
__getattr__ = moved_names(__name__, {name: "analysis.io.dataset" for name in ('Dataset', 'load_dataset')})
