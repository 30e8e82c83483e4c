"""The report's options, declared once: name, parser, default, help, and how each reaches the notebooks.

Every option of ``make report`` and ``python -m analysis.report`` is one
:class:`Option` of :data:`OPTIONS`. From it follow:

- the command line (``--data``, ``--start``, ...: :func:`add_arguments`) and
  ``--from-env`` (the environment variable ``REPORT_<NAME>``: :attr:`Option.env`);
- the Makefile's ``REPORT_OPTIONS`` (a test checks it lists :data:`OPTIONS`);
- the notebooks' parameters: every option but ``OUT`` and ``COMPARE`` is a variable of each
  notebook's cell tagged ``parameters`` (:func:`parameters_cell` writes that cell;
  a test checks every notebook holds it), and the builder injects the options
  given, as text (:func:`notebook_parameters`); ``COMPARE`` is a parameter of its own
  page only (:attr:`Option.page`, :func:`page_parameters`), a page built only when it is given;
- what a notebook does with them: :func:`analysis.report.inputs.notebook_data`
  reads them with the same parsers (:func:`read_parameter`);
- the table of options in docs/report.md (:func:`markdown_table`; a test checks it);
- whether a run is the committed default run (:func:`is_default_run`);
- which options say how an ACLED file is read (``INVALID`` that of ``DATA``, ``DAYFIRST`` those of ``DATA``
  and ``COMPARE``: :attr:`Option.reads`), refused without one; when the file of ``DATA`` is refused, the
  advice after the loader's message names them where they would let the run go
  on (:func:`analysis.report.checks.advice`).

A list-valued option (``AREA``, ``ATTACKS``, ``TARGET``) separates its names
with :data:`LIST_SEPARATOR` (``;``, ACLED's own separator in ``assoc_actor_2``
and ``source``); an empty name (``"a;"``, ``"a;;b"``, ``";"``, ``" "``) is
refused. An empty value is the same as no value.

This module imports nothing heavy: the command line checks every option
before pandas or nbformat is imported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import schema

#: The one separator between the names of a list-valued option.
LIST_SEPARATOR = ";"

#: Longest name of a list-valued option, and most names in one option: ``TARGET`` is searched in every
#: actor name of the data, so its cost is bounded by these (ACLED's longest actor names are under 150 characters).
MAX_NAME_LENGTH = 300
MAX_NAMES = 50

#: Values of ``INVALID``: ``raise`` (the default: a file with an invalid row is refused) or ``drop``.
INVALID_CHOICES: tuple[str, ...] = ("raise", "drop")

#: Values of ``DAYFIRST``, as written, and the order each reads a numeric date in (the loader's ``dayfirst``):
#: ``true`` reads 02/03/2020 as 2 March, ``false`` as 3 February. Without it, the file's dates must tell.
DAYFIRST_CHOICES: dict[str, bool] = {"true": True, "false": False}
#: Each value of ``DAYFIRST`` in words, for a reader (the index's list of options, the advice of an error).
DAYFIRST_WORDS: dict[bool, str] = {True: "day first", False: "month first"}


class OptionError(ValueError):
    """An option's value is refused; the message is one line that names the option."""


@dataclass(frozen=True)
class Option:
    """One option of the report.

    Attributes
    ----------
    name : str
        The option's name in capitals: the make variable and the notebook parameter (``AREA``).
    metavar : str
        What the value is, in a word or two, for the usage line and docs/report.md (``NAMES``).
    help : str
        What the option does, in one sentence: ``--help``, the table in docs/report.md and the notebooks' cell.
    parse : callable
        Text -> value; raises :class:`OptionError` (one line) for a refused value. The value is
        a ``str``, a ``datetime.date``, a ``Path`` or a tuple of names.
    default : str or None
        The value when the option is not given, as text (None: not set).
    parameter : bool
        Whether the option reaches the notebooks as a parameter (``OUT`` does not).
    listed : bool
        Whether the value is a list of names separated by :data:`LIST_SEPARATOR`.
    label : str
        The option's name for a reader of the report's index ("From"); empty: not listed there.
    unset : str
        What the index says when the option is not given ("the first event").
    page : str
        The one page the option reaches as a parameter: the folder of its notebook under ``notebooks/``
        (``compare``), built only when the option is given; empty: every page.
    reads : tuple of str
        The options whose files this option says how to read (``DATA``, ``COMPARE``): it is refused without one of
        them, and each of those files is loaded with it (:func:`analysis.report.inputs.read_export`).
    """

    name: str
    metavar: str
    help: str
    parse: Callable[[str], Any]
    default: str | None = None
    parameter: bool = True
    listed: bool = False
    label: str = ""
    unset: str = ""
    page: str = ""
    reads: tuple[str, ...] = ()

    @property
    def of_data(self) -> bool:
        """Whether the option says how the file of ``DATA`` is read (:attr:`reads`)."""
        return "DATA" in self.reads

    @property
    def flag(self) -> str:
        """The command line's option: ``--area``."""
        return "--" + self.name.lower().replace("_", "-")

    @property
    def env(self) -> str:
        """The environment variable ``--from-env`` reads: ``REPORT_AREA``."""
        return ENV_PREFIX + self.name


#: Prefix of the environment variables ``--from-env`` reads: ``REPORT_`` + the option's name.
ENV_PREFIX = "REPORT_"


# --- parsers: text -> value, or one line naming what is wrong --------------------------------------


def utf8_text(text: str) -> str:
    """Return ``text`` if it is valid UTF-8 text (a byte that is not arrives as a lone surrogate); else refuse it."""
    for position, character in enumerate(text):
        if "\udc80" <= character <= "\udcff":
            raise OptionError(
                f"{text!r} is not UTF-8 text: byte 0x{ord(character) - 0xDC00:02X} at character {position + 1}"
            )
        if "\ud800" <= character <= "\udfff":
            raise OptionError(f"{text!r} is not text: a lone surrogate at character {position + 1}")
    return text


def split_names(text: str) -> tuple[str, ...]:
    """Split a list-valued option at :data:`LIST_SEPARATOR`; refuse an empty name, too many names or a too long one.

    Examples
    --------
    >>> split_names(" Baghdad ; Kirkuk")
    ('Baghdad', 'Kirkuk')
    >>> split_names("Baghdad;")
    Traceback (most recent call last):
    ...
    analysis.report.options.OptionError: 'Baghdad;' has an empty name; separate names with ';', e.g. 'Baghdad;Kirkuk'
    """
    utf8_text(text)
    names = [part.strip() for part in text.split(LIST_SEPARATOR)]
    if not any(names):
        raise OptionError(f"{text!r} names nothing; give a name, or several separated by {LIST_SEPARATOR!r}")
    if not all(names):
        raise OptionError(
            f"{text!r} has an empty name; separate names with {LIST_SEPARATOR!r}, e.g. 'Baghdad{LIST_SEPARATOR}Kirkuk'"
        )
    if len(names) > MAX_NAMES:
        raise OptionError(f"{len(names)} names; at most {MAX_NAMES} are allowed")
    for part in names:
        if len(part) > MAX_NAME_LENGTH:
            raise OptionError(f"a name of {len(part):,} characters ({part[:40]!r}...); at most {MAX_NAME_LENGTH}")
    return tuple(dict.fromkeys(names))


def _data(text: str) -> Path:
    from .publish import resolve_path

    utf8_text(text)
    try:
        path = resolve_path(text)
        if not path.is_file():
            raise ValueError(f"{text}: no such file" if not path.exists() else f"{text}: not a file")
    except OSError as error:
        raise OptionError(f"{text}: {error.strerror or error}") from None
    except ValueError as error:
        raise OptionError(str(error)) from None
    return path


def _out(text: str) -> Path:
    utf8_text(text)
    return Path(text).expanduser()


def _invalid(text: str) -> str:
    utf8_text(text)
    if text not in INVALID_CHOICES:
        raise OptionError(f"{text!r}; use {' or '.join(repr(c) for c in INVALID_CHOICES)}")
    return text


def _dayfirst(text: str) -> bool:
    utf8_text(text)
    order = DAYFIRST_CHOICES.get(text.strip().lower())
    if order is None:
        raise OptionError(f"{text!r}; use {' or '.join(repr(c) for c in DAYFIRST_CHOICES)} "
                          f"({', '.join(f'{c}: {DAYFIRST_WORDS[v]}' for c, v in DAYFIRST_CHOICES.items())})")
    return order


def _date(text: str) -> dt.date:
    utf8_text(text)
    day = None
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            pass
    if day is None:
        raise OptionError(f"{text!r} is not a date written YYYY-MM-DD")
    first, last = (dt.date.fromisoformat(d) for d in schema.DATE_RANGE)
    if not first <= day <= last:
        raise OptionError(f"{text} is outside {first} to {last}, the days a date of the data may be")
    return day


def _area(text: str) -> tuple[str, ...]:
    return split_names(text)


def _attacks(text: str) -> tuple[str, ...]:
    from ..stats.targets import attack_selection  # the kinds an attack may be, and their spelling

    names = split_names(text)
    try:
        return tuple(dict.fromkeys(attack_selection(names).attacks))
    except ValueError as error:
        raise OptionError(str(error).removeprefix("ATTACKS: ")) from None


#: Characters a ``TARGET`` name may not hold: ``|`` separated names before ``;`` did, and is refused so that
#: an old ``a|b`` is not searched as one name. Every other character is plain text
#: (:func:`analysis.stats.targets.target_mask`).
NOT_IN_TARGET = "|"


def _target(text: str) -> tuple[str, ...]:
    names = split_names(text)
    held = sorted({character for name in names for character in name if character in NOT_IN_TARGET})
    if held:
        raise OptionError(f"{text!r}: a name may not hold {' '.join(held)}; names are plain text, separated by "
                          f"{LIST_SEPARATOR!r}")
    return names


#: Every option of the report, in the order of the command line, the Makefile and the notebooks' cell.
OPTIONS: tuple[Option, ...] = (
    Option("DATA", "FILE", "the path of an ACLED export (CSV, Parquet, JSON or Excel) instead of the coded documents",
           _data, label="Data", unset="the coded events of the five source documents"),
    Option("INVALID", "raise|drop",
           "'drop': leave out the rows of DATA that break a rule, and count them; default 'raise': refuse the file",
           _invalid, label="Rows that could not be read", unset="none allowed", reads=("DATA",)),
    Option("DAYFIRST", "true|false",
           "how the numeric dates of DATA and COMPARE read where none has a day above 12: 'true' day first (02/03/2020 is 2 March), "
           "'false' month first (3 February); default: as the dates tell",
           _dayfirst, label="Dates read", unset="as the file's dates tell", reads=("DATA", "COMPARE")),
    Option("START", "YYYY-MM-DD", "first day of the window: events whose dates overlap it are kept", _date,
           label="From", unset="the first event"),
    Option("END", "YYYY-MM-DD", "last day of the window", _date, label="To", unset="the last event"),
    Option("AREA", "NAMES", "governorates (admin1) or countries, matched without regard to case", _area,
           listed=True, label="Area", unset="the whole file"),
    Option("ATTACKS", "TYPES",
           "which events are attacks: ACLED event types, sub-event types or coded categories "
           "(default: the coded 'militia attack'; for DATA, Battles and Explosions/Remote violence)", _attacks,
           listed=True, label="Attacks", unset="the coded category 'militia attack'"),
    Option("TARGET", "NAMES",
           "attacks on whom: names searched as plain text, without regard to case, in actor2 and assoc_actor_2 "
           "(default: any target)", _target, listed=True, label="Attacks on", unset="any side"),
    Option("COMPARE", "FILE",
           "the path of an ACLED export to set the coded events beside, on a page of its own (the coded data only)",
           _data, label="Compared with", page="compare"),
    Option("OUT", "FOLDER", "output folder of the report", _out, default="build/report", parameter=False),
)

#: The options by name.
BY_NAME: dict[str, Option] = {option.name: option for option in OPTIONS}

#: The options that say how the file of ``DATA`` is read (:attr:`Option.of_data`).
OF_DATA: tuple[str, ...] = tuple(option.name for option in OPTIONS if option.of_data)

#: The parameters of every notebook that are options, in the order of their cell.
PARAMETERS: tuple[str, ...] = tuple(option.name for option in OPTIONS if option.parameter and not option.page)

#: The parameter a report build adds for an ACLED file, last in the notebooks' cell: the copy of ``DATA``
#: it checked once, which every notebook reads instead of ``DATA`` (:func:`analysis.report.inputs.write_checked`).
CHECKED = "CHECKED"
CHECKED_HELP = "set by the report's build: its checked copy of DATA, read instead of DATA"
#: The parameter a report build adds for ``COMPARE``, on its page only: the copy of the export it checked once.
COMPARE_CHECKED = "COMPARE_CHECKED"
COMPARE_CHECKED_HELP = "set by the report's build: its checked copy of COMPARE, read instead of COMPARE"
#: The parameters a build adds, and the page each reaches ("": every page).
_ADDED: dict[str, tuple[str, str]] = {CHECKED: ("", CHECKED_HELP), COMPARE_CHECKED: ("compare", COMPARE_CHECKED_HELP)}
#: The pages built only when their option is given: folder under ``notebooks/`` -> the option.
PAGES: dict[str, str] = {option.page: option.name for option in OPTIONS if option.page}


def parse_option(name: str, text: str) -> Any:
    """Parse one option's text, naming the option in the error.

    Examples
    --------
    >>> parse_option("AREA", "Baghdad;Kirkuk")
    ('Baghdad', 'Kirkuk')
    >>> parse_option("START", "0001-01-01")
    Traceback (most recent call last):
    ...
    analysis.report.options.OptionError: START: 0001-01-01 is outside 1900-01-01 to 2199-12-31, the days a date of the data may be
    """
    try:
        return BY_NAME[name].parse(text)
    except OptionError as error:
        raise OptionError(f"{name}: {error}") from None


def as_text(name: str, value: Any) -> str:
    """Write a parsed value back as the option's text: names joined by ``;``, dates ``YYYY-MM-DD``, paths absolute."""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return next(text for text, order in DAYFIRST_CHOICES.items() if order is value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def check_together(values: Mapping[str, Any]) -> None:
    """Refuse options that do not go together: a window ending before it starts, an option of the data file
    (``INVALID``, ``DAYFIRST``: :attr:`Option.reads`) without a file it reads, ``COMPARE`` with ``DATA``.

    Parameters
    ----------
    values : mapping
        Option name -> parsed value (None or absent: not given).

    Raises
    ------
    OptionError
    """
    start, end = values.get("START"), values.get("END")
    if start is not None and end is not None and start > end:
        raise OptionError(f"{BY_NAME['START'].flag} {start} is after {BY_NAME['END'].flag} {end}")
    for option in OPTIONS:
        if option.reads and values.get(option.name) is not None and all(values.get(f) is None for f in option.reads):
            files = " or ".join(BY_NAME[name].flag for name in option.reads)
            raise OptionError(f"{option.flag} applies to an ACLED file: give {files} too")
    if values.get("COMPARE") is not None and values.get("DATA") is not None:
        raise OptionError(f"{BY_NAME['COMPARE'].flag} sets the coded events beside an ACLED export; "
                          f"it does not apply to {BY_NAME['DATA'].flag}: give one or the other")


def notebook_parameters(values: Mapping[str, Any]) -> dict[str, str]:
    """Return the parameters the builder injects: the options given that reach the notebooks, as text.

    An option not given is left out, so a run with none injects nothing and
    is the committed default run. ``INVALID=raise``, the default, is left out too.
    An option of one page (``COMPARE``) is there too; :func:`page_parameters` keeps each
    notebook's own.

    Examples
    --------
    >>> import datetime as dt
    >>> notebook_parameters({"START": dt.date(2020, 1, 1), "AREA": ("Baghdad", "Kirkuk"), "OUT": "x", "END": None})
    {'START': '2020-01-01', 'AREA': 'Baghdad;Kirkuk'}
    """
    parameters = {}
    for name in (option.name for option in OPTIONS if option.parameter):
        value = values.get(name)
        if value is None or (name == "INVALID" and value == "raise"):
            continue
        parameters[name] = as_text(name, value)
    return parameters


def page_parameters(parameters: Mapping[str, Any], page: str = "") -> dict[str, Any]:
    """Keep the parameters one notebook takes: every page's, and those of its own ``page`` (its folder's name).

    Examples
    --------
    >>> given = {"START": "2020-01-01", "COMPARE": "/x.csv", "COMPARE_CHECKED": "/c.arrow"}
    >>> page_parameters(given), page_parameters(given, "compare") == given
    ({'START': '2020-01-01'}, True)
    """
    pages = {option.name: option.page for option in OPTIONS} | {name: added[0] for name, added in _ADDED.items()}
    return {name: value for name, value in parameters.items() if pages.get(name, "") in ("", page)}


def read_parameter(name: str, value: Any) -> Any:
    """Read a notebook parameter as its option does: None or empty text is None; text is parsed; a list is names.

    A notebook's parameter may be set by hand, so a list-valued one may also
    be a list of names, a date a ``datetime.date`` or a ``pandas.Timestamp``,
    and ``DATA`` a ``Path``.

    Examples
    --------
    >>> read_parameter("AREA", "Baghdad"), read_parameter("AREA", ["Baghdad", "Kirkuk"]), read_parameter("END", "")
    (('Baghdad',), ('Baghdad', 'Kirkuk'), None)
    """
    option = BY_NAME[name]
    if value is None or (isinstance(value, str) and not value):
        return None
    if isinstance(value, str):
        return parse_option(name, value)
    if option.listed and isinstance(value, Iterable):
        names = [str(v) for v in value]
        if not names:
            return None
        if any(LIST_SEPARATOR in n for n in names):
            raise OptionError(f"{name}: a name holds {LIST_SEPARATOR!r}: {names!r}")
        return parse_option(name, LIST_SEPARATOR.join(names))
    if isinstance(value, bool):  # DAYFIRST = True, as load_acled's dayfirst is written
        if option.parse is not _dayfirst:
            raise OptionError(f"{name}: {value!r} is a bool; give text")
        return value
    if isinstance(value, dt.date):  # a datetime (pandas' Timestamp among them) is its day
        return parse_option(name, (value.date() if isinstance(value, dt.datetime) else value).isoformat())
    if isinstance(value, Path):
        return parse_option(name, str(value))
    raise OptionError(f"{name}: {value!r} is a {type(value).__name__}; give text")


def is_default_run(values: Mapping[str, Any]) -> bool:
    """Return True for the committed default run: no parameter of the notebooks set.

    This is the one place that decides it: the notebooks' hand-written
    sentences describe this run only, and a page of any other run leaves
    them out (cells tagged ``default-only``).

    Parameters
    ----------
    values : mapping
        Parameter name -> value, as text or parsed (None, empty text or an
        empty list: not set; ``INVALID="raise"`` is the default).

    Examples
    --------
    >>> is_default_run({}), is_default_run({"START": None, "AREA": ""}), is_default_run({"AREA": "Baghdad"})
    (True, True, False)
    """
    for name in PARAMETERS:
        value = values.get(name)
        if value is None or (name == "INVALID" and value == "raise"):
            continue
        if BY_NAME[name].reads and values.get("DATA") is None:  # how an export of COMPARE reads: not the coded run's
            continue
        if isinstance(value, (str, tuple, list)) and not value:
            continue
        return False
    return True


# --- what follows from the declaration -------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add every option to a command line's parser, as ``--name VALUE``, checked by its parser."""
    for option in OPTIONS:
        default = f" (default: {option.default})" if option.default else ""
        parser.add_argument(option.flag, dest=option.name, metavar=option.metavar, type=_argument(option),
                            help=f"{option.name}: {option.help}{_separated(option)}{default}")


def _argument(option: Option) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        if not text:
            return None  # empty: not given
        try:
            return option.parse(text)
        except OptionError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    parse.__name__ = option.name.lower()
    return parse


def from_environment(environ: Mapping[str, str]) -> list[str]:
    """Return ``--option=value`` for every option set by a non-empty ``REPORT_<NAME>`` variable.

    The value is passed as one ``--option=value`` argument, so even a value
    starting with ``-`` stays a value. Put these before the command line's
    own arguments, so that those win.

    Examples
    --------
    >>> from_environment({"REPORT_AREA": "Baghdad", "REPORT_END": "", "HOME": "/root"})
    ['--area=Baghdad']
    """
    return [f"{option.flag}={environ[option.env]}" for option in OPTIONS if environ.get(option.env)]


def parameters_cell(page: str = "") -> str:
    """Write the source of the notebooks' cell tagged ``parameters``: each parameter None, with its help.

    Every notebook of the report holds exactly this cell (a test checks it);
    a page's own notebook (``page``: its folder) holds its options too.
    """
    names = [*PARAMETERS, *(option.name for option in OPTIONS if page and option.parameter and option.page == page)]
    helps = {name: BY_NAME[name].help + _separated(BY_NAME[name]) for name in names}
    helps |= {name: text for name, (where, text) in _ADDED.items() if where in ("", page)}
    width = max(len(name) for name in helps)
    return "\n".join(f"{name.ljust(width)} = None  # {text}" for name, text in helps.items())


def markdown_table() -> str:
    """Write the table of options of docs/report.md (a test checks the page holds it)."""
    rows = ["| option | value | what it does |", "|---|---|---|"]
    for option in OPTIONS:
        default = f" (default: `{option.default}`)" if option.default else ""
        cells = [f"`{option.name}`", f"`{option.metavar}`", f"{option.help}{_separated(option)}{default}"]
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows)


def _separated(option: Option) -> str:
    return f"; several separated by '{LIST_SEPARATOR}'" if option.listed else ""
