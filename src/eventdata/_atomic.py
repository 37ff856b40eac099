"""Atomic writes: the target appears complete or not at all.

Writers write into a temporary path beside the target (same directory, so same file
system), flush it to disk, and rename it over the target only when writing succeeded. An
exception removes the temporary path; a killed process leaves only a hidden
``.NAME.tmp-*`` entry, never a partial ``NAME``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

__all__ = ["TEMP_MARKER", "atomic_path", "fsync_tree"]

TEMP_MARKER = ".tmp-"
"""Part of every temporary name: ``.NAME.tmp-<random>``."""


def _fsync_path(path: Path, *, directory: bool) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:  # pragma: no cover - platforms that cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems without fsync on directories
        pass
    finally:
        os.close(fd)


def fsync_tree(path: str | os.PathLike[str]) -> None:
    """Flush a file, or every file and directory under a directory, to disk."""
    root = Path(path)
    if root.is_dir():
        for parent, _dirs, files in os.walk(root):
            for name in files:
                _fsync_path(Path(parent) / name, directory=False)
            _fsync_path(Path(parent), directory=True)
    elif root.exists():
        _fsync_path(root, directory=False)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], /, *, directory: bool = False) -> Iterator[Path]:
    """Yield a temporary path to write instead of ``target``; move it into place on success.

    Args:
        target: the file or directory to produce. An existing target is replaced only
            after the new one is complete.
        directory: create the temporary path as an empty directory (for datasets);
            otherwise it does not exist yet and the caller creates the file.

    Yields:
        The temporary path, in the target's directory.

    Raises:
        FileNotFoundError: the target's parent directory does not exist.

    """
    target = Path(target)
    parent = target.parent
    if not parent.is_dir():
        raise FileNotFoundError(
            f"{target}: directory {parent} does not exist; create it before writing"
        )
    temp = parent / f".{target.name}{TEMP_MARKER}{uuid.uuid4().hex[:12]}"
    if directory:
        temp.mkdir()
    try:
        yield temp
        if not temp.exists():
            raise FileNotFoundError(f"{target}: the writer produced nothing at {temp}")
        fsync_tree(temp)
        _replace(temp, target)
    except BaseException:
        _remove(temp)
        raise
    _fsync_path(parent, directory=True)


def _replace(temp: Path, target: Path) -> None:
    """Move ``temp`` onto ``target``; a non-empty target directory is moved aside first."""
    if target.is_dir() and not target.is_symlink():
        aside = target.parent / f".{target.name}{TEMP_MARKER}old-{uuid.uuid4().hex[:12]}"
        os.replace(target, aside)
        try:
            os.replace(temp, target)
        except BaseException:
            os.replace(aside, target)
            raise
        shutil.rmtree(aside, ignore_errors=True)
    elif temp.is_dir() and target.exists():
        target.unlink()
        os.replace(temp, target)
    else:
        os.replace(temp, target)
