"""The package's public names: what ``analysis.__all__`` holds, and the old names and keywords kept for one release."""

from __future__ import annotations

import importlib

import pandas as pd
import pytest

import analysis
from analysis import _DEPRECATED, _EXPORTS


def test_every_public_name_is_importable_and_no_deprecated_name_is_listed():
    for name in analysis.__all__:
        assert getattr(analysis, name) is getattr(importlib.import_module(f"analysis.{_EXPORTS[name]}"), name)
    assert not set(_DEPRECATED) & set(analysis.__all__)
    assert not set(_DEPRECATED) & set(dir(analysis))
    # the notebooks' machinery is not part of the analyst's API
    assert not {"Story", "tell", "notebook_data", "NotebookData", "count_floor_note"} & set(analysis.__all__)


@pytest.mark.parametrize("name", sorted(_DEPRECATED))
def test_an_old_name_still_works_for_one_release_and_says_where_it_lives_now(name):
    where = f"analysis.{_DEPRECATED[name]}"
    with pytest.warns(DeprecationWarning, match=f"use {where}.{name}$"):
        value = getattr(analysis, name)
    assert value is getattr(importlib.import_module(where), name)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'plot_everything'"):
        analysis.plot_everything  # noqa: B018


def test_old_keywords_of_how_many_still_work_with_a_warning_and_both_at_once_are_refused():
    values = pd.Series(["a", "b", "b", "c"])
    with pytest.warns(DeprecationWarning, match=r"top_values\(most=...\) is deprecated .* use n="):
        old = analysis.top_values(values, most=1)
    assert old.equals(analysis.top_values(values, n=1))
    with pytest.raises(TypeError, match="give only n="):
        analysis.top_values(values, most=1, n=2)
    table = pd.DataFrame({"x": range(5)})
    with pytest.warns(DeprecationWarning, match=r"as_table\(limit=...\)"):
        assert len(analysis.as_table(table, limit=2).frame) == 2


def test_evidence_matrix_takes_its_tables_in_corroborations_order_and_recognises_the_old_one():
    data = analysis.load_dataset()
    matrix = analysis.evidence_matrix(data.reports, data.sources, data.events)
    with pytest.warns(DeprecationWarning, match=r"give evidence_matrix\(reports, sources, events\)"):
        old = analysis.evidence_matrix(data.reports, data.events, data.sources)
    pd.testing.assert_frame_equal(old, matrix)


@pytest.mark.parametrize(("old", "new", "name"), [
    ("analysis.io.coded", "analysis.io.dataset", "load_dataset"),
    ("analysis.stats.selection", "analysis.stats.targets", "attack_selection"),
    ("analysis.report.words.common", "analysis.report.words.events", "deadliest"),
    ("analysis.viz.maps", "analysis.viz.country_map", "plot_country_events"),
    ("analysis.viz.counts", "analysis.viz.escalation", "plot_escalation"),
    ("analysis.viz.counts", "analysis.viz.panels", "plot_panels_per_period"),
])
def test_a_name_a_split_moved_is_importable_from_its_old_module_for_a_release_with_a_warning(old, new, name):
    with pytest.warns(DeprecationWarning, match=f"{old}.{name} has moved; use {new}.{name}"):
        value = getattr(importlib.import_module(old), name)
    assert value is getattr(importlib.import_module(new), name)
    with pytest.raises(AttributeError, match="has no attribute"):
        getattr(importlib.import_module(old), "no_such_name")
