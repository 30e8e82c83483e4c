"""Public names: imported on first use, so importing a package stays cheap; old names kept for one release.

:func:`lazy_exports` gives a package its names (and its deprecated ones),
:func:`renamed_keywords` lets a function accept its old keyword names; both
warn with a DeprecationWarning that names what to use instead.
"""

from __future__ import annotations

import functools
import importlib
import sys
import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def lazy_exports(
    package: str, exports: Mapping[str, str], deprecated: Mapping[str, str] | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return the ``__getattr__`` and ``__dir__`` of a package whose names live in its submodules.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    exports : mapping of str to str
        Public name -> submodule (relative to the package) that defines it.
    deprecated : mapping of str to str or None, default None
        Old name -> submodule (relative to the package) where it now lives:
        still importable from the package, with a DeprecationWarning naming
        the new path, for one release; not listed by ``__dir__``.

    Returns
    -------
    tuple of callables
        ``__getattr__`` imports the submodule of a name on first use and
        keeps the value in the package (a deprecated name warns on every
        use and is not kept); ``__dir__`` lists the public names.

    Examples
    --------
    >>> getattr_, dir_ = lazy_exports("analysis", {"DataError": "errors"})
    >>> getattr_("DataError").__name__
    'DataError'
    """
    deprecated = dict(deprecated or {})

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None and name in deprecated:
            where = f"{package}.{deprecated[name]}"
            warnings.warn(f"{package}.{name} is deprecated and will be removed in the next release; "
                          f"use {where}.{name}", DeprecationWarning, stacklevel=2)
            return getattr(importlib.import_module(where), name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted((set(vars(sys.modules[package])) | set(exports)) - set(deprecated))

    return __getattr__, __dir__


def moved_names(module: str, moved: Mapping[str, str]) -> Callable[[str], Any]:
    """Return the ``__getattr__`` of a module some of whose names moved to another module when it was split: each
    still importable from the old module for one release, with a DeprecationWarning naming its new home.

    Parameters
    ----------
    module : str
        The old module's ``__name__``.
    moved : mapping of str to str
        Name -> the module (dotted, whole) that now defines it.

    Examples
    --------
    >>> getattr_ = moved_names("analysis.old", {"DataError": "analysis.errors"})
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     getattr_("DataError").__name__, str(caught[0].message)
    ('DataError', 'analysis.old.DataError has moved; use analysis.errors.DataError (the old name goes in the next release)')
    """
    def __getattr__(name: str) -> Any:
        if name not in moved:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        warnings.warn(f"{module}.{name} has moved; use {moved[name]}.{name} (the old name goes in the next release)",
                      DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module(moved[name]), name)

    return __getattr__


def renamed_keywords(**renames: str) -> Callable[[F], F]:
    """Let a function accept its old keyword names (``old="new"``) for one release, with a DeprecationWarning.

    Examples
    --------
    >>> @renamed_keywords(most="n")
    ... def first(values, *, n=2):
    ...     return values[:n]
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     first([1, 2, 3], most=1), str(caught[0].message)
    ([1], 'first(most=...) is deprecated and will be removed in the next release; use n=')
    """

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in renames.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{function.__name__}() got {old}= and {new}=; give only {new}=")
                    warnings.warn(f"{function.__name__}({old}=...) is deprecated and will be removed in the next "
                                  f"release; use {new}=", DeprecationWarning, stacklevel=2)
                    kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
