"""Process-level tuning shared by the layers (no I/O, no state of the product)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Loading a 200,000-assessment project or evaluating it allocates millions of objects
    without reference cycles; the collector's repeated full passes over them cost more than
    the work itself. Reference counting still frees memory as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
