"""Atomic writes: the target appears complete or not at all.

Writers write into a temporary path beside the target (same directory, so same file
system), flush it to disk, and rename it over the target only when writing succeeded. An
exception removes the temporary path; a killed process leaves only a hidden
``.NAME.tmp-<host>-<pid>-<random>`` entry, never a partial ``NAME``. Every later write
into the same directory removes such entries whose process is gone (same host, process id
no longer running); entries of a running process, or of another host, are left alone.

A directory target (a partitioned dataset) that exists already is swapped with the new
one in a single ``renameat2(RENAME_EXCHANGE)`` where the system has it (Linux): the
dataset is never absent. Elsewhere the old directory is first renamed aside, and the
dataset is absent between the two renames.

:func:`before_commit` registers work to do just before a target is renamed into place
(the side files of an output are removed there, so that a crash never leaves the side
files of an earlier run beside a new output).

Internal, for the crash tests only: when the environment variable ``_EVENTDATA_KILL_AT``
holds ``N``, the process kills itself (SIGKILL) at the N-th commit point it reaches;
``_EVENTDATA_COMMIT_LOG`` names a file each commit point is appended to. Neither is part
of the public interface.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import re
import shutil
import signal
import socket
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from eventdata.exceptions import OutputError

__all__ = ["TEMP_MARKER", "atomic_path", "before_commit", "fsync_tree", "remove_stale_temps"]

TEMP_MARKER = ".tmp-"
"""Part of every temporary name: ``.NAME.tmp-<host>-<pid>-<random>``."""

_KILL_AT = "_EVENTDATA_KILL_AT"
_COMMIT_LOG = "_EVENTDATA_COMMIT_LOG"
_points = 0
_points_lock = threading.Lock()

_HOST = hashlib.sha1(socket.gethostname().encode()).hexdigest()[:6]
_TEMP_NAME = re.compile(r"^\..+\.tmp-(?P<host>[0-9a-f]{6})-(?P<pid>\d+)-[0-9a-f]{12}")


def commit_point(name: str, target: Path) -> None:
    """A step of a commit; the crash tests kill the process here (see the module doc)."""
    global _points
    log, kill = os.environ.get(_COMMIT_LOG), os.environ.get(_KILL_AT)
    if log is None and kill is None:
        return
    with _points_lock:
        _points += 1
        number = _points
    if log is not None:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(f"{number} {name} {target.name}\n")
    if kill is not None and kill == str(number):
        os.kill(os.getpid(), signal.SIGKILL)


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


def _running(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would end the process there: assume it runs
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by another user
        return True
    return True


def remove_stale_temps(directory: str | os.PathLike[str]) -> list[Path]:
    """Remove the temporary entries in ``directory`` that killed writers left behind.

    Only entries named by :func:`atomic_path` on this host whose process no longer runs;
    the current process's own are kept.

    Returns:
        The entries removed.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        match = _TEMP_NAME.match(name)
        if match is None or match["host"] != _HOST:
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or _running(pid):
            continue
        path = Path(directory) / name
        _remove(path)
        removed.append(path)
    return removed


_before: dict[str, list[Callable[[], None]]] = {}
_before_lock = threading.Lock()


@contextlib.contextmanager
def before_commit(target: str | os.PathLike[str], action: Callable[[], None]) -> Iterator[None]:
    """Run ``action`` just before ``target`` is renamed into place by :func:`atomic_path`.

    Holds while the block runs; an ``action`` that raises stops the commit (the target
    is then left as it was).
    """
    key = os.path.abspath(target)
    with _before_lock:
        _before.setdefault(key, []).append(action)
    try:
        yield
    finally:
        with _before_lock:
            actions = _before.get(key, [])
            if action in actions:
                actions.remove(action)
            if not actions:
                _before.pop(key, None)


def _run_before(target: Path) -> None:
    with _before_lock:
        actions = list(_before.get(os.path.abspath(target), []))
    for action in actions:
        action()


def temp_name(target: Path, suffix: str = "") -> Path:
    """A temporary path beside ``target``, recognisable by :func:`remove_stale_temps`."""
    return target.parent / (
        f".{target.name}{TEMP_MARKER}{_HOST}-{os.getpid()}-{uuid.uuid4().hex[:12]}{suffix}"
    )


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
    remove_stale_temps(parent)
    temp = temp_name(target)
    if directory:
        temp.mkdir()
    try:
        try:
            yield temp
        except OSError as exc:
            if _output_full(exc):
                raise _output_error(exc, target) from exc
            raise
        if not temp.exists():
            raise FileNotFoundError(f"{target}: the writer produced nothing at {temp}")
        fsync_tree(temp)
        commit_point("written", target)
        _run_before(target)
        commit_point("before-rename", target)
        _replace(temp, target)
    except OSError as exc:
        _remove(temp)
        if _output_full(exc):
            raise _output_error(exc, target) from exc
        raise
    except BaseException:
        _remove(temp)
        raise
    commit_point("renamed", target)
    _fsync_path(parent, directory=True)


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}
_FULL_TEXT = {
    "No space left": "No space left on device",
    "Disk quota": "Disk quota exceeded",
    "File too large": "File too large",
    "Read-only file system": "Read-only file system",
}
"""The same errors in pyarrow's messages, which carry no ``errno``."""


def _output_full(exc: OSError) -> bool:
    """An error of the output's file system (not of the data being written)."""
    return exc.errno in _FULL or any(text in str(exc) for text in _FULL_TEXT)


def _output_error(exc: OSError, target: Path) -> OutputError:
    found = (reason for text, reason in _FULL_TEXT.items() if text in str(exc))
    reason = next(found, None) or exc.strerror or str(exc).strip().splitlines()[0]
    return OutputError(
        f"cannot be written ({reason}); nothing was written in its place. Free space on "
        f"its file system ({target.parent}) or write elsewhere",
        path=target,
    )


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where it is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # old kernel or a file system without it
    raise OSError(code, os.strerror(code), str(b))


def _replace(temp: Path, target: Path) -> None:
    """Move ``temp`` onto ``target``; a target directory is swapped with it in one step."""
    if target.is_dir() and not target.is_symlink():
        if _exchange(temp, target):
            commit_point("exchanged", target)
            shutil.rmtree(temp, ignore_errors=True)  # now the old dataset
            return
        aside = temp_name(target, "-old")
        os.replace(target, aside)
        commit_point("aside", target)
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
