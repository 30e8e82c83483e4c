"""Read data into frames with real dtypes, or fail with a DataError naming what is wrong.

- :mod:`analysis.io.coded`: the coded tables (packaged, or a user's own files
  of the same format) and the source documents;
- :mod:`analysis.io.acled`: ACLED exports, in the events table's columns;
- :mod:`analysis.io._validate`: the CSV validation engine both use.

The loaders are also importable from here (``from analysis.io import
load_events``).
"""

from __future__ import annotations

from .acled import load_acled
from .coded import (
    Dataset,
    document_text,
    load_bases,
    load_casualties,
    load_dataset,
    load_events,
    load_reported_totals,
    load_reports,
    load_sources,
    load_troop_levels,
    packaged_data_dir,
    packaged_documents_dir,
)

__all__ = [
    "Dataset",
    "document_text",
    "load_acled",
    "load_bases",
    "load_casualties",
    "load_dataset",
    "load_events",
    "load_reported_totals",
    "load_reports",
    "load_sources",
    "load_troop_levels",
    "packaged_data_dir",
    "packaged_documents_dir",
]
