"""Coded events of the 2019-2020 US-militia escalation in Iraq, and helpers.

Load the coded dataset with ``load_events()`` and its siblings, check your
own files of the same format, read ACLED exports with ``load_acled()``, and
aggregate or plot any of them with the helpers.

Public names are imported lazily: ``import analysis`` loads neither
matplotlib nor seaborn (nor the loaders, until first used).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> submodule that defines it
_EXPORTS: dict[str, str] = {
    "DataError": "errors",
    "load_sources": "io",
    "load_bases": "io",
    "load_events": "io",
    "load_reports": "io",
    "load_casualties": "io",
    "load_troop_levels": "io",
    "load_reported_totals": "io",
    "load_dataset": "io",
    "document_text": "io",
    "Dataset": "io",
    "list_conflicts": "evidence",
    "corroboration": "evidence",
    "events_per_document": "evidence",
    "highlight_quotes": "evidence",
    "load_acled": "acled",
    "load_boundaries": "geo",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
