"""One writer per store: an advisory lock, and a check that the store is still the one read.

:func:`store_lock` holds an exclusive lock on ``.NAME.lock`` beside the store while an
update runs (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows): a second update of
the same store fails at once with :class:`~eventdata.exceptions.StoreBusyError` instead of
overwriting the first one's events. The operating system releases the lock when the
process ends, also when it is killed, so a killed update never blocks the next one; the
empty lock file stays. :func:`fingerprint` guards against writers that do not take the
lock (a copy, another tool): the update commits only if the store is unchanged since read.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from eventdata.exceptions import InputError, StoreBusyError

__all__ = ["fingerprint", "lock_path", "store_lock"]


def lock_path(store: str | os.PathLike[str], /) -> Path:
    """The lock file of a store: ``.NAME.lock`` beside it."""
    path = Path(store)
    return path.with_name(f".{path.name}.lock")


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def store_lock(store: str | os.PathLike[str], /) -> Iterator[None]:
    """Hold the store's update lock while the block runs.

    Raises:
        StoreBusyError: another process holds the lock (an update of this store is
            running).
        InputError: the lock file cannot be created (a read-only directory).

    """
    path = lock_path(store)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise InputError(
            f"cannot create the update lock {path.name} beside the store ({exc.strerror}); "
            "the store's directory must be writable",
            path=Path(store),
        ) from None
    try:
        if not _try_lock(fd):
            raise StoreBusyError(
                f"another update of this store is running (it holds {path.name}); nothing "
                "was changed. Wait for it to finish and run update again",
                path=Path(store),
            )
        yield
    finally:
        os.close(fd)  # closing releases the lock


def fingerprint(store: str | os.PathLike[str], /) -> tuple[tuple[str, int, int, int], ...]:
    """What identifies the store's current version: each file's name, inode, size, mtime."""
    path = Path(store)
    if not path.exists():
        return ()
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    out = []
    for file in files:
        with contextlib.suppress(FileNotFoundError):
            info = file.stat()
            out.append((str(file), info.st_ino, info.st_size, info.st_mtime_ns))
    return tuple(out)


def check_unchanged(store: str | os.PathLike[str], before: tuple[object, ...]) -> None:
    """Refuse to commit when the store changed since it was read.

    Raises:
        StoreBusyError: another writer replaced the store while this update ran.

    """
    if fingerprint(store) != before:
        raise StoreBusyError(
            "changed while this update ran (another program wrote it); this update's "
            "result was not written, so that neither loses events. Run update again",
            path=Path(store),
        )
