"""Building the search files without the garbage collector's pauses.

The search files are made of millions of small tuples, lists and strings, none
of them in a reference cycle. With the collector on, every few thousand new
objects it walks the older ones again, and the more the process holds (a
MkDocs build holds every page, `mkdocs serve` the last build as well), the
longer each walk: at 10,000 records it was a third of the index step, and more
in a second build in the same process. Nothing made here needs collecting, so
it is paused while they are made and resumed after.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def without_gc_pauses(function: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused
