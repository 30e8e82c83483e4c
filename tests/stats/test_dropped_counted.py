"""Which rows left out a run would have counted (analysis.stats.dropped)."""

from __future__ import annotations

import pandas as pd

from analysis.io.dropped import readable_dropped
from analysis.stats.dropped import of_the_run


def ledger(**fields):
    """A ledger of the rows left out, as the loader lists them: line, reasons, then the fields as text."""
    rows = len(next(iter(fields.values())))
    return pd.DataFrame({"line": [5 + k for k in range(rows)], "reasons": ["a rule"] * rows, **fields})


def test_the_rows_a_run_would_have_counted_are_those_of_its_window_area_and_target():
    rows = readable_dropped(ledger(event_date=["2020-03-29", "2020-05-01", "", "2020-03-30"],
                                   admin1=["Kirkuk", "Kirkuk", "Kirkuk", "Anbar"],
                                   actor2=["Military Forces of the United States (2017-)", None, None, None]))
    assert of_the_run(rows).tolist() == [True, True, False, True]  # a day that does not read: no period holds it
    assert of_the_run(rows, end="2020-04-30", area=["kirkuk"]).tolist() == [True, False, False, False]
    assert of_the_run(rows, target="united states").tolist() == [True, False, False, False]
