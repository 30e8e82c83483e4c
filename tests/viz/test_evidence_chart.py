"""The evidence heatmap: one cell per document and event, shaded by evidence rows, disputes crossed."""

from __future__ import annotations

import numpy as np

import analysis
from analysis.viz.evidence import DIFFERS_MARK, DISPUTE_MARK, MARK_MEANINGS, plot_evidence


def test_the_heatmap_has_a_cell_per_document_and_event_and_crosses_the_disputes(new_axes):
    data = analysis.load_dataset()
    matrix = analysis.evidence_matrix(data.reports, data.sources, data.events)
    ax = plot_evidence(matrix, ax=new_axes(figsize=(10, 3)))
    (mesh,) = [c for c in ax.collections if c.get_gid() == "evidence"]  # seaborn's heatmap
    values = np.asarray(mesh.get_array()).reshape(len(data.sources), len(data.events))
    assert values.sum() == matrix["rows"].clip(upper=3).sum()
    crosses = [t for t in ax.texts if t.get_gid() == "disputed"]
    assert len(crosses) == int(matrix["disputed"].sum()) and {t.get_text() for t in crosses} == {DISPUTE_MARK}
    # claims that differ only in precision or wording have a mark of their own, and the legend says which is which
    alike = [t for t in ax.texts if t.get_gid() == "differs"]
    assert len(alike) == int(matrix["differs"].sum()) > 0 and {t.get_text() for t in alike} == {DIFFERS_MARK}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert MARK_MEANINGS[DISPUTE_MARK] in legend and MARK_MEANINGS[DIFFERS_MARK] in legend
    # each event by the number of its id (EV035 is 35), in date order, as on the timeline and in the tables
    in_order = data.events.iloc[np.argsort(analysis.event_numbers(data.events).to_numpy(), kind="stable")]
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(int(i[2:])) for i in in_order["event_id"]]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Associated Press, 6 Feb 2020"


def test_a_cross_is_dark_on_light_and_middle_cells_and_light_on_dark_ones(new_axes):
    # white crosses on the middle grey of two passages (3.3 to 1) were barely visible
    import pandas as pd

    from analysis.viz.style import EVIDENCE_SHADES, contrast

    frame = pd.DataFrame({"doc_id": ["a"] * 4, "document": ["A, 1 Jan 2020"] * 4,
                          "event_id": ["EV1", "EV2", "EV3", "EV4"], "number": [1, 2, 3, 4],
                          "kind": ["US strike"] * 4, "rows": [0, 1, 2, 5], "disputed": [True] * 4})
    ax = plot_evidence(frame, ax=new_axes(figsize=(4, 2)))
    crosses = sorted((t for t in ax.texts if t.get_gid() == "disputed"), key=lambda t: t.get_position()[0])
    for cross, shade in zip(crosses, EVIDENCE_SHADES):
        assert contrast(cross.get_color(), shade) >= 4.5, (shade, cross.get_color())
    assert contrast(crosses[-1].get_color(), "#000000") > 10  # light on the darkest cell
