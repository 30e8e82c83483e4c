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
    "load_sources": "io.coded",
    "load_bases": "io.coded",
    "load_events": "io.coded",
    "load_reports": "io.coded",
    "load_casualties": "io.coded",
    "load_troop_levels": "io.coded",
    "load_reported_totals": "io.coded",
    "load_dataset": "io.coded",
    "document_text": "io.coded",
    "Dataset": "io.coded",
    "list_conflicts": "evidence",
    "corroboration": "evidence",
    "events_per_document": "evidence",
    "highlight_quotes": "evidence",
    "load_acled": "io.acled",
    "load_boundaries": "geo",
    "select_events": "aggregate",
    "select_kinds": "aggregate",
    "event_kind": "aggregate",
    "is_militia_attack": "aggregate",
    "period_edges": "aggregate",
    "attacks_per_period": "aggregate",
    "weighted_per_period": "aggregate",
    "attacks_table": "aggregate",
    "casualties_per_event": "aggregate",
    "casualties_by_group": "aggregate",
    "reported_totals_table": "aggregate",
    "troop_level_steps": "aggregate",
    "timeline_layout": "aggregate",
    "event_labels": "aggregate",
    "event_sizes": "aggregate",
    "posture_kind": "aggregate",
    "base_posture": "aggregate",
    "describe_count": "aggregate",
    "describe_bounds": "aggregate",
    "describe_dates": "aggregate",
    "events_table": "aggregate",
    "notebook_data": "aggregate",
    "NotebookData": "aggregate",
    "cameo_weights": "escalation",
    "escalation_per_period": "escalation",
    "cameo_table": "escalation",
    "use_report_style": "plotting",
    "plot_timeline": "plotting",
    "timeline_legend": "plotting",
    "plot_attacks_per_period": "plotting",
    "plot_escalation": "plotting",
    "plot_ranges": "plotting",
    "plot_casualties": "plotting",
    "plot_troop_levels": "plotting",
    "plot_posture_map": "plotting",
    "plot_posture_panels": "plotting",
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
