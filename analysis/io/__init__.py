"""Read data into frames with real dtypes, or fail with a DataError naming what is wrong.

- :mod:`analysis.io.coded`: the coded tables (packaged, or a user's own files
  of the same format) and the source documents; :mod:`analysis.io.dataset`:
  a folder of them loaded whole;
- :mod:`analysis.io.acled`: ACLED exports, in the events table's columns
  (:mod:`analysis.io.acled_layouts`: the monadic layout and semicolon files;
  :mod:`analysis.io.acled_updates`: several exports, deletions, revisions);
- :mod:`analysis.io.boundaries`: country boundaries for the maps (GeoJSON);
- the validation engine the table loaders share: the rules of a table's
  values, stated once (:mod:`analysis.io.rules`), text to dtypes
  (:mod:`analysis.io.parse`), reading a table as text
  (:mod:`analysis.io.text_table`), the typed pass that reads a clean CSV
  export faster by the same rules (:mod:`analysis.io._typed`), and the
  checks of a coded table's spec (:mod:`analysis.io._validate`).

The loaders are also importable from here (``from analysis.io import
load_events``).
"""

from __future__ import annotations

from . import coded
from .acled import load_acled
from .boundaries import load_boundaries
from .coded import *  # noqa: F403  (the names of coded.__all__)
from .dataset import Dataset, load_dataset

__all__ = [*coded.__all__, "Dataset", "load_acled", "load_boundaries", "load_dataset"]
