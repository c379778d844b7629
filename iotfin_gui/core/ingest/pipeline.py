"""Reading ahead: a reader's chunks read and converted in a background thread meanwhile.

Splitting text with Arrow, converting it with Arrow compute, reading and decompressing the file
release the GIL, so on two cores the next chunk is read and converted while the importer stores
the current one. At most ``depth`` chunks wait (memory stays bounded by the chunk size); an
error in the reader is raised in the consuming thread, where the chunk would have been; leaving
the ``with`` block early (an error, a cancel) stops the thread before it returns.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
_DONE = object()


@contextmanager
def read_ahead(items: Iterator[T], depth: int = 2) -> Iterator[Iterator[T]]:
    """``items`` produced by a background thread, up to ``depth`` ahead of the consumer."""
    waiting: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                waiting.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as error:  # handed to the consumer, raised there
            put(_Failed(error))
            return
        put(_DONE)

    def consume() -> Iterator[T]:
        while True:
            item = waiting.get()
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item

    thread = threading.Thread(target=produce, name="iotfin-read-ahead", daemon=True)
    thread.start()
    try:
        yield consume()
    finally:
        stop.set()
        thread.join()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error
