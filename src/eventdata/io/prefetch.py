"""Running an iterator on its own thread, a bounded number of items ahead of its consumer.

The streamed conversion reads the next block while the current one is checked and the
previous one written: each stage is a :class:`Prefetch` (Arrow releases the GIL while it
reads and writes, so the stages overlap on two cores).
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["Prefetch", "prefetch"]


class Prefetch:
    """An iterator run on its own thread, at most ``depth`` items ahead of the consumer.

    The thread starts at once, so work begins before the first item is asked for (the
    caller may import or set up meanwhile: Arrow releases the GIL while it reads).

    Args:
        items: the iterator to run (closed on its thread when the consumer stops).
        name: the thread's name, after ``eventdata-``.
        depth: how many items may wait for the consumer.

    An exception raised by ``items`` is raised by ``next``; :meth:`close` stops the thread.
    """

    def __init__(self, items: Iterator[Any], *, name: str, depth: int = 1) -> None:
        self._box: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._done = False
        self._thread = threading.Thread(
            target=self._work, args=(items,), daemon=True, name=f"eventdata-{name}"
        )
        self._thread.start()

    def _put(self, entry: tuple[str, Any]) -> None:
        """Hand an entry over, unless the consumer has stopped."""
        while not self._stop.is_set():
            try:
                self._box.put(entry, timeout=0.1)
                return
            except queue.Full:
                continue

    def _work(self, items: Iterator[Any]) -> None:
        try:
            for item in items:
                self._put(("item", item))
                del item
                if self._stop.is_set():
                    return
            self._put(("done", None))
        except BaseException as exc:  # handed to the consumer
            self._put(("error", exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    def __iter__(self) -> Prefetch:
        return self

    def __next__(self) -> Any:
        if self._done:
            raise StopIteration
        kind, value = self._box.get()
        if kind == "item":
            return value
        self._done = True
        if kind == "error":
            raise value
        raise StopIteration

    def close(self) -> None:
        """Stop the thread (the items not yet taken are dropped)."""
        self._done = True
        self._stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                self._box.get_nowait()
        self._thread.join(timeout=10)

    def __del__(self) -> None:
        self._stop.set()


def prefetch(items: Iterator[Any], *, name: str, depth: int = 1) -> Prefetch:
    """Run ``items`` on its own thread, started at once (see :class:`Prefetch`)."""
    return Prefetch(items, name=name, depth=depth)
