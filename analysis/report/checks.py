"""A report build's data, checked once before any notebook runs, and the files written beside the report.

:func:`check_run` loads the coded documents, or the ACLED file of ``DATA``
(and the export of ``COMPARE``), refuses an ``AREA``, ``ATTACKS`` or
``TARGET`` that matches no event (naming the closest names,
:func:`check_matches`), and keeps the checked events in a file of its own
that every notebook then reads (the ``CHECKED`` parameter,
:func:`analysis.report.inputs.write_checked`). After the notebooks, the
run's events in full go to ``events.csv`` (:func:`write_events`), the rows
``INVALID=drop`` left out to ``dropped.csv`` (:func:`write_dropped`) and the
comparison's links to ``links.csv`` (:func:`write_links`). When the file of
``DATA`` is refused, :func:`advice` says which option of the report would let
the run go on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path

import pandas as pd

from ..errors import DataError
from ..io.acled_dates import DAY_ORDER_HINT
from ..io.dataset import load_dataset
from ..stats.selection import AREA_RULE, KIND_COLUMNS, area_names, unmatched_areas
from ..stats.targets import TARGET_COLUMNS
from ..text import describe_number, refusal
from .inputs import (
    DROPPED_FILE,
    EVENTS_FILE,
    LINKS_FILE,
    compared_export,
    load_data,
    notebook_data,
    read_export,
    write_checked,
)
from .options import (
    BY_NAME,
    CHECKED,
    COMPARE_CHECKED,
    DAYFIRST_WORDS,
    LIST_SEPARATOR,
    OptionError,
    as_text,
    check_together,
    read_parameter,
)


def write_events(parameters: Mapping[str, str], folder: str | Path) -> Path | None:
    """Write the events of an ACLED run (its window, area and target) in full to :data:`EVENTS_FILE` in ``folder``.

    The report's tables list a few dozen events; this file is where the
    rest are. Columns as the loader gives them; days as ``YYYY-MM-DD``.

    Parameters
    ----------
    parameters : mapping
        The notebooks' parameters, as text (with ``CHECKED``, the build's checked copy).
    folder : str or Path
        Where to write.

    Returns
    -------
    Path or None
        The file written; None for the coded data (no file is written).
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pa_csv

    values = {name.lower(): value for name, value in parameters.items()}
    if not values.get("data"):
        return None
    events = notebook_data(**values).events
    table = pa.Table.from_pandas(events, preserve_index=False)
    for i, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):  # a day written as a day; a time (ACLED's timestamp) kept
            column = table.column(i)
            midnight = pc.all(pc.equal(pc.cast(pc.cast(column, pa.date32()), field.type), column)).as_py()
            if midnight is not False:
                table = table.set_column(i, field.name, pc.cast(column, pa.date32()))
    path = Path(folder) / EVENTS_FILE
    pa_csv.write_csv(table, str(path))
    return path


def write_dropped(rows: pd.DataFrame | None, folder: str | Path) -> Path | None:
    """Write the rows of the file of ``DATA`` that ``INVALID=drop`` left out to :data:`DROPPED_FILE` in ``folder``.

    One row per record left out, as the loader lists them (``frame.attrs["dropped"].table``): its ``line`` in
    the file, the ``reasons`` (every rule it breaks), then its fields as the file wrote them. The pages say how
    many rows were left out and point here (:func:`analysis.report.words.dropped.left_out`).

    Returns
    -------
    Path or None
        The file written; None when no row was left out (no file is written).
    """
    if rows is None or not len(rows):
        return None
    path = Path(folder) / DROPPED_FILE
    rows.to_csv(path, index=False, lineterminator="\n")
    return path


def write_links(parameters: Mapping[str, str], folder: str | Path) -> Path | None:
    """Write every link of a run's comparison with ``COMPARE`` to :data:`LINKS_FILE` in ``folder``.

    One row per link, as :func:`analysis.reconcile` gives them (``Reconciliation.links``: the coded
    event, ACLED's ``event_id_cnty``, the grade, whether it needs review, and each measurement), for the
    coded events of the run's window and area, as the comparison page counts them.

    Parameters
    ----------
    parameters : mapping
        The comparison page's parameters, as text (``COMPARE`` and the build's checked copy ``COMPARE_CHECKED``,
        ``START``, ``END``, ``AREA``).
    folder : str or Path
        Where to write.

    Returns
    -------
    Path or None
        The file written; None when the run has no ``COMPARE`` (no file is written).
    """
    from .words.compare import compare

    values = {name.lower(): value for name, value in parameters.items()}
    if not values.get("compare"):
        return None
    data = notebook_data(values.get("data"), start=values.get("start"), end=values.get("end"), area=values.get("area"))
    compared = compare(data, compared_export(values["compare"], values.get("compare_checked"),
                                             dayfirst=values.get("dayfirst")), area=values.get("area"))
    path = Path(folder) / LINKS_FILE
    compared.result.links.to_csv(path, index=False, lineterminator="\n")
    return path


# --- checking a run once, before any notebook runs --------------------------------------------------


@dataclass(frozen=True)
class CheckedRun:
    """What :func:`check_run` found: the parameters to inject, and the data's size.

    Attributes
    ----------
    parameters : dict of str to str
        The run's parameters, with :data:`CHECKED` added for an ACLED file and
        ``COMPARE_CHECKED`` for the export of ``COMPARE``.
    events : int
        Events of the data (the whole file, before any window or area).
    dropped : int
        Invalid rows of the file left out (``INVALID=drop``).
    dropped_rows : DataFrame or None
        Those rows, each with its line and reasons (:func:`write_dropped`); None when none was left out.
    """

    parameters: dict[str, str]
    events: int
    dropped: int = 0
    dropped_rows: pd.DataFrame | None = None


def check_run(parameters: Mapping[str, str], folder: str | Path) -> CheckedRun:
    """Check a run's data once, before any notebook runs, and keep it for the notebooks.

    Loads the coded documents, or the ACLED file of ``DATA`` (with
    ``INVALID``) and keeps its checked events in ``folder`` (:func:`write_checked`),
    and the export of ``COMPARE`` likewise (``COMPARE_CHECKED``);
    then refuses an ``AREA``, ``ATTACKS`` or ``TARGET`` name that matches no
    event of the data (:func:`check_matches`).

    Parameters
    ----------
    parameters : mapping
        The notebooks' parameters, as text (:func:`analysis.report.options.notebook_parameters`).
    folder : str or Path
        A folder of the build's own, where the checked copy is written.

    Returns
    -------
    CheckedRun

    Raises
    ------
    DataError
        If the data file is invalid (the loader's message).
    OptionError
        If a name matches no event.
    """
    values = {name: read_parameter(name, value) for name, value in parameters.items()
              if name not in (CHECKED, COMPARE_CHECKED)}
    check_together(values)
    path, compare = values.get("DATA"), values.get("COMPARE")
    if path is None:
        events, dropped, rows = load_dataset().events, 0, None
    else:
        events, dropped, rows = read_export(values)
    check_matches(events, area=values.get("AREA"), attacks=values.get("ATTACKS"), target=values.get("TARGET"))
    parameters = dict(parameters)
    if path is not None:
        copy = write_checked(events, Path(folder) / "checked-events.arrow", source=path, dropped=dropped,
                             dropped_rows=rows)
        parameters[CHECKED] = str(copy)
    if compare is not None:
        export = read_export(values, "COMPARE").events
        parameters[COMPARE_CHECKED] = str(write_checked(export, Path(folder) / "compared-events.arrow", source=compare))
    return CheckedRun(parameters=parameters, events=len(events), dropped=dropped, dropped_rows=rows)


def advice(error: DataError, parameters: Mapping[str, str]) -> str:
    """Say which option of the report would let a run go on whose file (of ``DATA`` or ``COMPARE``) the loader
    refused; "" if none.

    The loader's message is written for its own callers (``pass dayfirst=True ... to load_acled``); a reader of
    the report gives the report's options, and this is the one place that decides which to name:

    - ``DAYFIRST``, where the loader asks for ``dayfirst`` (numeric dates that cannot tell their order) and
      ``DAYFIRST`` is not given: "--dayfirst true reads its dates day first, --dayfirst false month first";
    - ``INVALID=drop``, only where leaving rows out would help and ``INVALID`` is not ``drop``: no problem is of
      the whole file or its header (line 1: a day order, a header that is not ACLED's, ...), and the file, read
      again with ``invalid="drop"``, keeps events (a file whose every row breaks a rule, or that is not UTF-8,
      does not): "--invalid drop would leave out 2 rows that break a rule and keep 28 events".

    Each option is offered for the files it reads (:attr:`analysis.report.options.Option.reads`): ``DAYFIRST`` for
    the file of ``DATA`` and the export of ``COMPARE``, ``INVALID`` for the file of ``DATA`` alone.

    Parameters
    ----------
    error : DataError
        The loader's error.
    parameters : mapping
        The run's parameters, as text (:func:`analysis.report.options.notebook_parameters`).
    """
    values = {name: read_parameter(name, value) for name, value in parameters.items()
              if name not in (CHECKED, COMPARE_CHECKED)}
    where = getattr(error, "path", None)
    refused = next((name for name in ("DATA", "COMPARE") if where is not None and values.get(name) is not None
                    and Path(str(where)).resolve() == Path(values[name]).resolve()), None)
    if refused is None:
        return ""
    path = values[refused]
    # the problems are in line order: those of the whole file or its header (line 1, or none) come first
    of_file = list(takewhile(lambda problem: problem[0] is None or problem[0] <= 1, error.problems))
    if of_file:
        flag = BY_NAME["DAYFIRST"].flag
        if (refused in BY_NAME["DAYFIRST"].reads and values.get("DAYFIRST") is None
                and any(DAY_ORDER_HINT in str(problem[3]) for problem in of_file)):
            return (f"{flag} {as_text('DAYFIRST', True)} reads its dates {DAYFIRST_WORDS[True]}, "
                    f"{flag} {as_text('DAYFIRST', False)} {DAYFIRST_WORDS[False]}")
        return ""
    if refused not in BY_NAME["INVALID"].reads or values.get("INVALID") == "drop":
        return ""
    try:  # a second reading, only of a file refused for its rows: about as long as the first
        events, dropped, _ = load_data(path, "drop", values.get("DAYFIRST"))
    except (ValueError, OSError):  # DataError among them: dropping rows would not help
        return ""
    if not dropped:
        return ""
    return (f"{BY_NAME['INVALID'].flag} drop would leave out {describe_number(dropped, 'row')} that break"
            f"{'s' if dropped == 1 else ''} a rule and keep {describe_number(len(events), 'event')}")


def check_matches(
    events: pd.DataFrame,
    *,
    area: Sequence[str] | None = None,
    attacks: Sequence[str] | None = None,
    target: Sequence[str] | None = None,
) -> None:
    """Refuse a name of ``AREA``, ``ATTACKS`` or ``TARGET`` that matches no event, naming the closest names.

    An area name is matched as :func:`~analysis.stats.selection.select_events`
    matches it (``admin1`` or ``country``, whole, without regard to case); a
    kind against ``event_type``, ``sub_event_type`` and ``category``; a target
    as :func:`analysis.stats.targets.target_mask` searches it.

    Raises
    ------
    OptionError
        ``AREA: 'Bagdad' matches no governorate (admin1) or country of the data; did you mean 'Baghdad'?``

    Examples
    --------
    >>> frame = pd.DataFrame({"admin1": ["Baghdad", "Kirkuk"], "country": ["Iraq", "Iraq"]})
    >>> check_matches(frame, area=["Bagdad"])
    Traceback (most recent call last):
    ...
    analysis.report.options.OptionError: AREA: 'Bagdad' matches no governorate (admin1) or country of the data; did you mean 'Baghdad'?
    """
    if area:
        _check_area(events, area)
    if attacks:
        present = _distinct(events, KIND_COLUMNS)
        _refuse_unmatched("ATTACKS", [n for n in attacks if n not in set(present)], present,
                          "matches no event type, sub-event type or category of the data")
    if target:
        _check_target(events, target)


def _check_area(events: pd.DataFrame, area: Sequence[str]) -> None:
    _refuse_unmatched("AREA", unmatched_areas(events, area), area_names(events), AREA_RULE)


def _check_target(events: pd.DataFrame, target: Sequence[str]) -> None:
    present = _distinct(events, TARGET_COLUMNS)
    folded = [value.casefold() for value in present]
    missing = [n for n in target if not any(n.casefold() in value for value in folded)]
    actors = sorted({part.strip() for value in present for part in value.split(LIST_SEPARATOR) if part.strip()})
    _refuse_unmatched("TARGET", missing, actors, "matches no actor2 or assoc_actor_2 of the data")


def _distinct(events: pd.DataFrame, columns: Iterable[str]) -> list[str]:
    values: set[str] = set()
    for column in columns:
        if column in events.columns:
            values.update(str(v) for v in events[column].dropna().unique())
    return sorted(values)


def _refuse_unmatched(name: str, missing: Sequence[str], present: Sequence[str], rule: str) -> None:
    if missing:
        raise OptionError(refusal(name, missing, present, rule))
