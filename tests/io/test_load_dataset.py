"""A folder of coded tables loaded whole: the packaged one read once, the references between tables checked."""

from __future__ import annotations

import pytest

from analysis import DataError
from analysis.io import coded as io
from analysis.io.dataset import load_dataset


def test_packaged_dataset_is_consistent():
    data = load_dataset()
    assert set(data.events["event_id"]) == set(data.reports["event_id"])
    assert set(data.reports["doc_id"]) <= set(data.sources["doc_id"])
    dates = data.events
    assert (dates["date_start"] <= dates["date_end"]).all()
    assert ((dates["event_date"] >= dates["date_start"]) & (dates["event_date"] <= dates["date_end"])).all()


def test_the_packaged_dataset_is_read_once_and_again_when_a_file_changes(tmp_path, monkeypatch):
    import shutil

    data, documents = tmp_path / "data", tmp_path / "documents"
    shutil.copytree(io.packaged_data_dir(), data)
    shutil.copytree(io.packaged_documents_dir(), documents)
    monkeypatch.setattr(io, "packaged_data_dir", lambda: data)
    monkeypatch.setattr(io, "packaged_documents_dir", lambda: documents)
    first = load_dataset()
    headline = first.events.loc[0, "headline"]
    first.events.loc[0, "headline"] = "changed by the caller"
    assert load_dataset().events.loc[0, "headline"] == headline  # a caller's change stays with that caller
    text = (data / "events.csv").read_text(encoding="utf-8")
    (data / "events.csv").write_text(text.replace(headline, "Edited in the file", 1), encoding="utf-8")
    assert load_dataset().events.loc[0, "headline"] == "Edited in the file"  # a changed file is read again


def test_dataset_refuses_an_event_without_a_report(mini):
    mini.rows["reports"] = mini.rows["reports"][:1]
    mini.write("reports")
    with pytest.raises(DataError) as info:
        load_dataset(mini.folder)
    assert "EV002" in str(info.value) and "line 3" in str(info.value)


def test_a_folder_without_a_table_names_the_table_and_where_it_was_looked_for(tmp_path):
    import shutil

    folder = tmp_path / "my_coding"
    shutil.copytree(io.packaged_data_dir(), folder)  # the coded tables, without the documents and sources.csv
    with pytest.raises(DataError) as info:
        load_dataset(folder)
    assert str(info.value) == (
        f"{folder / 'sources.csv'}: file not found; load_dataset reads the sources table (sources.csv) and the "
        f"documents from the documents folder, {str(folder)!r}; pass documents= the folder that holds them "
        f"(the package's are in {str(io.packaged_documents_dir())!r})")
    (folder / "bases.csv").unlink()
    with pytest.raises(DataError) as info:
        load_dataset(folder, documents=io.packaged_documents_dir())
    assert str(info.value) == (f"{folder / 'bases.csv'}: file not found; load_dataset reads the bases table from "
                               f"the folder {str(folder)!r}")


def test_the_dataset_loader_is_importable_from_analysis_io_as_the_other_loaders_are():
    from analysis import io as loaders

    assert loaders.load_dataset is load_dataset and "load_dataset" in loaders.__all__ and "Dataset" in loaders.__all__
