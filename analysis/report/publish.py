"""Write the report folder whole or not at all: one build at a time, built beside it, moved into place when complete.

A build never writes into the output folder itself. It takes a lock beside
the folder (``.<name>.lock``), so a second build into the same folder is
refused instead of mixing its pages with the first one's; it writes
everything into a new folder beside the target (``.<name>.partial-*``),
and only when every page is written does it move that folder into place,
replacing the previous report. A build that fails, is interrupted, or runs
out of disk leaves the previous report as it was. A folder left behind by
a killed build is removed by the next build into the same place.

Because a build replaces the whole output folder, the folder must be new,
empty or an earlier report: a folder holding the project's notebooks, or
any file a report does not hold, is refused before anything runs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path


class OutputFolderError(RuntimeError):
    """The output folder cannot take a report: it is refused, or another build is writing it."""


def resolve_path(path: str | Path) -> Path:
    """Return ``path`` made absolute, ``~`` and symbolic links resolved; refuse a loop of links in one line.

    Raises
    ------
    ValueError
        ``"<path>: a loop of symbolic links"``, or the system's reason.
    """
    try:
        return Path(path).expanduser().resolve()
    except RuntimeError:  # pathlib's "Symlink loop from ..." (Python < 3.13)
        raise ValueError(f"{path}: a loop of symbolic links") from None
    except OSError as error:
        raise ValueError(f"{path}: {error.strerror or error}") from None


def check_output_folder(out: str | Path, *, notebooks: Iterable[str | Path] = ()) -> Path:
    """Check that a build may replace ``out`` with a report, before anything runs.

    Parameters
    ----------
    out : str or Path
        The output folder.
    notebooks : iterable of str or Path, default ()
        Folders of notebooks that a build must never replace (the project's
        ``notebooks/``, the folder the notebooks are read from).

    Returns
    -------
    Path
        The output folder, absolute, symbolic links resolved.

    Raises
    ------
    OutputFolderError
        If the path is a loop of symbolic links; if the folder is, or holds, one of ``notebooks``; if it is a file; or
        if it holds anything a report does not (a page ``*.html``, an ACLED
        run's ``events.csv``, and a ``notebooks/`` folder of ``*.ipynb``).

    Examples
    --------
    This example checks a folder of the project's, so it is not run by the tests::

        check_output_folder("build/report", notebooks=["notebooks"])
        # PosixPath('/home/me/analysis/build/report')
    """
    try:
        target = resolve_path(out)
    except ValueError as error:
        raise OutputFolderError(f"output folder {error}") from None
    if target.parent == target:
        raise OutputFolderError(f"output folder {target} is the root of the file system")
    for folder in notebooks:
        source = Path(folder).expanduser().resolve()
        if target == source or target in source.parents:
            raise OutputFolderError(
                f"output folder {target} is or holds the notebook folder {source}, which a build would replace;"
                " choose a folder of its own, such as build/report"
            )
    if target.exists() and not target.is_dir():
        raise OutputFolderError(f"output folder {target} is a file, not a folder")
    stranger = _not_part_of_a_report(target) if target.is_dir() else None
    if stranger is not None:
        raise OutputFolderError(
            f"output folder {target} holds {stranger.relative_to(target)}, which is not part of a report;"
            " a build replaces the whole folder, so give a new or empty folder"
        )
    return target


def _not_part_of_a_report(folder: Path) -> Path | None:
    """Return the first entry of ``folder`` that a report does not hold (pages, an ACLED run's events file and its
    file of rows left out, a comparison's links file, and notebooks/*.ipynb), or None."""
    from .inputs import DATA_FILES

    for entry in sorted(folder.iterdir()):
        if entry.is_file() and not entry.is_symlink() and (entry.suffix == ".html" or entry.name in DATA_FILES):
            continue
        if entry.name == "notebooks" and entry.is_dir() and not entry.is_symlink():
            for inner in sorted(entry.iterdir()):
                if not (inner.is_file() and not inner.is_symlink() and inner.suffix == ".ipynb"):
                    return inner
            continue
        return entry
    return None


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[Path]:
    """Hold the lock of output folder ``out`` (the file ``.<name>.lock`` beside it) while the block runs.

    The lock is an advisory ``flock`` that the system releases when the
    process ends, however it ends, so a killed build never leaves a stale lock.

    Raises
    ------
    OutputFolderError
        If another build holds the lock.
    OSError
        If the lock file cannot be created (the parent folder is not writable).
    """
    import fcntl

    path = out.parent / f".{out.name}.lock"
    handle = open(path, "a+b")  # noqa: SIM115 - closed below, after the lock is released
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputFolderError(f"another build is writing {out} (it holds {path}); wait until it ends") from None
        if not path.exists() or os.stat(path).st_ino != os.fstat(handle.fileno()).st_ino:
            # The holder before us removed the file after we opened it: someone else may lock the new one.
            raise OutputFolderError(f"another build is writing {out} (it holds {path}); wait until it ends")
        try:
            yield path
        finally:
            with contextlib.suppress(OSError):
                path.unlink()
    finally:
        handle.close()


def _remove_leftovers(out: Path) -> None:
    """Remove what builds into ``out`` killed before they ended left beside it (call with the lock held)."""
    for stale in out.parent.glob(f".{out.name}.partial-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _check_removable(folder: Path) -> None:
    """Check the old report can be removed once replaced: its folders take and lose a file."""
    for inner in [folder, folder / "notebooks"]:
        if inner.is_dir():
            with tempfile.TemporaryFile(dir=inner):
                pass


@contextlib.contextmanager
def staged_folder(out: str | Path, *, notebooks: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Give a new empty folder beside ``out`` to build in; move it into place of ``out`` when the block ends well.

    Everything is checked before the block runs: the folder may take a report
    (:func:`check_output_folder`), no other build writes it
    (:func:`build_lock`), and its parent and the previous report can be
    written. If the block raises (or the process is killed), ``out`` is left
    as it was and the staged folder is removed (by the next build, after a
    kill).

    Parameters
    ----------
    out : str or Path
        The output folder; created, with its parents, if needed.
    notebooks : iterable of str or Path, default ()
        Folders of notebooks a build must never replace.

    Yields
    ------
    Path
        The staged folder, ``.<name>.partial-*`` beside ``out``.

    Raises
    ------
    OutputFolderError
        If the folder is refused or another build writes it.
    OSError
        If the parent folder or the previous report cannot be written.

    Examples
    --------
    This example writes into the project's build folder, so it is not run by the tests::

        with staged_folder("build/report") as stage:
            (stage / "index.html").write_text("<!DOCTYPE html>")
    """
    target = check_output_folder(out, notebooks=notebooks)
    target.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(target):
        target = check_output_folder(target, notebooks=notebooks)  # again: it may have changed while we waited
        _remove_leftovers(target)
        _check_removable(target)
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
        try:
            yield stage
            os.chmod(stage, 0o777 & ~_umask())  # mkdtemp makes it private; a report folder is not
            _replace(stage, target)
        finally:
            shutil.rmtree(stage, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _replace(stage: Path, target: Path) -> None:
    """Move ``stage`` to ``target``, replacing the folder there (two renames in the same folder)."""
    if not (target.exists() or target.is_symlink()):
        os.rename(stage, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rename(target, old / "report")
    try:
        os.rename(stage, target)
    except BaseException:
        os.rename(old / "report", target)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
