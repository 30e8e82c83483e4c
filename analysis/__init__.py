"""Coded events of the 2019-2020 US-militia escalation in Iraq, and helpers.

Load the coded dataset with ``load_events()`` and its siblings, check your
own files of the same format, read ACLED exports with ``load_acled()``, and
aggregate or plot any of them with the helpers. The layers, each importing
only from those before it:

- :mod:`analysis.errors`, :mod:`analysis.schema`: the exception and the table specs;
- :mod:`analysis.io`: loaders (coded tables, ACLED exports, boundaries) and validation;
- :mod:`analysis.text`: figures and dates in words;
- :mod:`analysis.stats`: selection, counting, tables (tidy frames, nothing drawn);
- :mod:`analysis.viz`: the charts, with their layout;
- :mod:`analysis.report`: the notebooks' inputs, and the report built from the notebooks.

Public names are imported lazily: ``import analysis`` loads neither
matplotlib nor seaborn (nor the loaders, until first used).
"""

from __future__ import annotations

from ._lazy import lazy_exports

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
    "load_acled": "io.acled",
    "load_boundaries": "io.boundaries",
    "load_world_boundaries": "io.boundaries",
    "find_country": "io.boundaries",
    "select_events": "stats.selection",
    "select_kinds": "stats.selection",
    "event_kind": "stats.selection",
    "is_militia_attack": "stats.selection",
    "attack_selection": "stats.selection",
    "AttackSelection": "stats.selection",
    "target_mask": "stats.selection",
    "clip_to_window": "stats.periods",
    "per_period": "stats.highlights",
    "peak": "stats.highlights",
    "largest_changes": "stats.highlights",
    "deadliest_events": "stats.highlights",
    "top_values": "stats.highlights",
    "killed_distribution": "stats.casualties",
    "force_posture": "stats.posture",
    "foreign_forces": "stats.posture",
    "event_sources": "stats.evidence",
    "sources_table": "stats.evidence",
    "outlets_per_event": "stats.evidence",
    "source_scales": "stats.evidence",
    "period_edges": "stats.periods",
    "attacks_per_period": "stats.periods",
    "weighted_per_period": "stats.periods",
    "attacks_table": "stats.casualties",
    "casualties_per_event": "stats.casualties",
    "casualties_by_group": "stats.casualties",
    "event_sizes": "stats.casualties",
    "events_table": "stats.tables",
    "reported_totals_table": "stats.tables",
    "troop_level_statements": "stats.tables",
    "count_floor_note": "report.words.attacks",
    "posture_kind": "stats.posture",
    "base_posture": "stats.posture",
    "cameo_weights": "stats.escalation",
    "escalation_per_period": "stats.escalation",
    "cameo_table": "stats.escalation",
    "escalation_peaks": "stats.escalation",
    "list_conflicts": "stats.evidence",
    "corroboration": "stats.evidence",
    "events_per_document": "stats.evidence",
    "document_names": "stats.evidence",
    "corroboration_counts": "stats.evidence",
    "corroboration_sentence": "report.words.sources",
    "disputed_points": "stats.evidence",
    "disputes_sentence": "report.words.sources",
    "outlets_table": "stats.evidence",
    "event_numbers": "stats.selection",
    "place_points": "stats.posture",
    "plot_evidence": "viz.evidence",
    "as_table": "viz.tables",
    "headline": "viz.figures",
    "alt_text": "viz.figures",
    "evidence_matrix": "stats.evidence",
    "describe_count": "text",
    "describe_bounds": "text",
    "describe_dates": "text",
    "in_words": "text",
    "use_report_style": "viz.style",
    "group_palette": "viz.style",
    "plot_timeline_bands": "viz.bands",
    "timeline_form": "viz.bands",
    "plot_killed_distribution": "viz.ranges",
    "plot_attack_casualties": "viz.ranges",
    "plot_country_events": "viz.maps",
    "plot_sources": "viz.sources",
    "plot_source_scales": "viz.sources",
    "literal_text": "viz.literal",
    "plot_timeline": "viz.timeline",
    "timeline_legend": "viz.timeline",
    "timeline_layout": "viz.timeline_layout",
    "event_labels": "viz.timeline_labels",
    "plot_attacks_per_period": "viz.counts",
    "plot_escalation": "viz.counts",
    "plot_ranges": "viz.ranges",
    "plot_casualties": "viz.ranges",
    "plot_troop_levels": "viz.ranges",
    "plot_posture_map": "viz.maps",
    "plot_posture_panels": "viz.maps",
    "highlight_quotes": "viz.documents",
    "notebook_data": "report.inputs",
    "NotebookData": "report.inputs",
    "Story": "report.story",
    "tell": "report.story",
    "reconcile": "stats.reconcile",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
