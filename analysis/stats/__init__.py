"""Compute from event frames: tidy DataFrames in, tidy DataFrames out, nothing drawn.

- :mod:`~analysis.stats.selection`: kinds of events, selection by kind, window and area;
- :mod:`~analysis.stats.periods`: counts and weights per period, with ranged dates spread honestly;
- :mod:`~analysis.stats.casualties`: attacks, projectiles, killed and wounded;
- :mod:`~analysis.stats.tables`: the events, reported totals and troop levels as tables to read;
- :mod:`~analysis.stats.posture`: what happened at each base;
- :mod:`~analysis.stats.escalation`: Goldstein weights of CAMEO codes per period;
- :mod:`~analysis.stats.evidence`: what each document contributes;
- :mod:`~analysis.stats.reconcile`: the coded events set beside an ACLED export, with its rules
  (:mod:`~analysis.stats.reconcile_rules`), the export's checks (:mod:`~analysis.stats.reconcile_checks`),
  each pair's measures and grade (:mod:`~analysis.stats.reconcile_evidence`) and each link's reasons and
  differences (:mod:`~analysis.stats.reconcile_findings`).

Nothing here knows about points, inches or label rows: that is
:mod:`analysis.viz`. Nothing here reads files: that is :mod:`analysis.io` (the one exception is the
reconciliation's mapping tables, small files of this package read by
:mod:`~analysis.stats.reconcile_rules`).
"""
