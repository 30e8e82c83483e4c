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

``analysis.__all__`` holds what an analyst calls: the loaders, selection,
counting and tables, and the charts. The notebooks' machinery (their
inputs and words) lives in :mod:`analysis.report`, the layout and words of
the charts in their modules of :mod:`analysis.viz` and :mod:`analysis.text`.

Public names are imported lazily: ``import analysis`` loads neither
matplotlib nor seaborn (nor the loaders, until first used).
"""

from __future__ import annotations

from ._lazy import lazy_exports

__version__ = "0.1.0"

# public name -> submodule that defines it
_EXPORTS: dict[str, str] = {
    # loading
    "DataError": "errors",
    "Dataset": "io.dataset",
    "load_dataset": "io.dataset",
    "load_sources": "io.coded",
    "load_bases": "io.coded",
    "load_events": "io.coded",
    "load_reports": "io.coded",
    "load_casualties": "io.coded",
    "load_troop_levels": "io.coded",
    "load_reported_totals": "io.coded",
    "document_text": "io.coded",
    "load_acled": "io.acled",
    "combine_acled": "io.acled_updates",
    "apply_deletions": "io.acled_updates",
    "read_deletions": "io.acled_updates",
    "compare_acled": "io.acled_updates",
    "load_boundaries": "io.boundaries",
    "load_world_boundaries": "io.boundaries",
    "find_country": "io.boundaries",
    # selecting
    "select_events": "stats.selection",
    "select_kinds": "stats.selection",
    "event_kind": "stats.selection",
    "is_militia_attack": "stats.selection",
    "in_confrontation": "stats.selection",
    "target_mask": "stats.targets",
    "event_numbers": "stats.selection",
    "event_keys": "stats.selection",
    "clip_to_window": "stats.periods",
    # counting
    "period_edges": "stats.periods",
    "attacks_per_period": "stats.periods",
    "weighted_per_period": "stats.periods",
    "per_period": "stats.highlights",
    "peak": "stats.highlights",
    "largest_changes": "stats.highlights",
    "deadliest_events": "stats.highlights",
    "top_values": "stats.highlights",
    "cameo_weights": "stats.escalation",
    "cameo_table": "stats.escalation",
    "escalation_per_period": "stats.escalation",
    "escalation_peaks": "stats.escalation",
    "cooperation_events": "stats.escalation",
    "conflict_events": "stats.escalation",
    "event_sizes": "stats.casualties",
    "casualties_per_event": "stats.casualties",
    "casualties_by_group": "stats.casualties",
    "killed_distribution": "stats.casualties",
    "killed_per_period": "stats.casualties",
    "posture_kind": "stats.posture",
    "base_posture": "stats.posture",
    "force_posture": "stats.posture",
    "foreign_forces": "stats.posture",
    "place_points": "stats.posture",
    # tables
    "attacks_table": "stats.casualties",
    "events_table": "stats.tables",
    "reported_totals_table": "stats.tables",
    "troop_level_statements": "stats.tables",
    # comparing with ACLED
    "reconcile": "stats.reconcile",
    "sources_table": "stats.evidence",
    "document_names": "stats.evidence",
    "events_per_document": "stats.evidence",
    "corroboration": "stats.evidence",
    "told_beforehand": "stats.evidence",
    "corroboration_counts": "stats.evidence",
    "evidence_matrix": "stats.evidence",
    "list_conflicts": "stats.evidence",
    "disputed_points": "stats.evidence",
    "event_sources": "stats.coverage",
    "outlets_table": "stats.coverage",
    "outlets_per_event": "stats.coverage",
    "source_scales": "stats.coverage",
    "events_by_outlet_age": "stats.coverage",
    "events_only_by": "stats.coverage",
    "possible_duplicates": "stats.caveats",
    # charts
    "use_report_style": "viz.style",
    "group_palette": "viz.style",
    "headline": "viz.figures",
    "as_table": "viz.tables",
    "plot_timeline": "viz.timeline",
    "timeline_legend": "viz.timeline",
    "timeline_form": "viz.bands",
    "event_labels": "viz.timeline_labels",
    "NAMED_EVENTS": "viz.timeline_labels",
    "plot_timeline_bands": "viz.bands",
    "plot_attacks": "viz.attacks",
    "attack_chart_form": "viz.attacks",
    "attack_chart_height": "viz.attacks",
    "plot_attacks_per_period": "viz.counts",
    "plot_killed_per_period": "viz.counts",
    "plot_escalation": "viz.escalation",
    "mark_days": "viz.counts",
    "plot_ranges": "viz.ranges",
    "plot_casualties": "viz.ranges",
    "plot_attack_casualties": "viz.ranges",
    "plot_killed_distribution": "viz.ranges",
    "plot_troop_levels": "viz.ranges",
    "plot_posture_map": "viz.maps",
    "plot_posture_panels": "viz.maps",
    "plot_country_events": "viz.country_map",
    "plot_force_moves": "viz.country_map",
    "plot_sources": "viz.sources",
    "plot_source_scales": "viz.sources",
    "plot_outlet_ages": "viz.sources",
    "plot_evidence": "viz.evidence",
    "highlight_quotes": "viz.documents",
}

#: Names that were public before and are importable from here for one more release, with a
#: DeprecationWarning naming the module they live in now.
_DEPRECATED: dict[str, str] = {
    "notebook_data": "report.inputs",
    "NotebookData": "report.inputs",
    "Story": "report.story",
    "tell": "report.story",
    "count_floor_note": "report.words.totals",
    "corroboration_sentence": "report.words.sources",
    "disputes_sentence": "report.words.sources",
    "attack_selection": "stats.targets",
    "AttackSelection": "stats.targets",
    "describe_count": "text",
    "describe_bounds": "text",
    "describe_dates": "text",
    "in_words": "text",
    "literal_text": "viz.literal",
    "alt_text": "viz.figures",
    "timeline_layout": "viz.timeline_layout",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, _DEPRECATED)
