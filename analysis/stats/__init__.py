"""Compute from event frames: tidy DataFrames in, tidy DataFrames out, nothing drawn.

- :mod:`~analysis.stats.selection`: kinds of events, selection by kind, window and area;
- :mod:`~analysis.stats.periods`: counts and weights per period, with ranged dates spread honestly;
- :mod:`~analysis.stats.casualties`: attacks, projectiles, killed and wounded;
- :mod:`~analysis.stats.tables`: the events, reported totals and troop levels as tables to read;
- :mod:`~analysis.stats.posture`: what happened at each base;
- :mod:`~analysis.stats.escalation`: Goldstein weights of CAMEO codes per period;
- :mod:`~analysis.stats.evidence`: what each document contributes.

Nothing here knows about points, inches or label rows: that is
:mod:`analysis.viz`. Nothing here reads files: that is :mod:`analysis.io`.
"""
