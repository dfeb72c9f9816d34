"""Pause Python's cyclic garbage collector while one document is parsed and critiqued.

Parsing a document creates tens of thousands of small objects (KRs, parses, quantities,
findings) and no reference cycles among them, so the cyclic collector, triggered every 700
allocations, only rescans live objects: about a quarter of the run time on a 10,000-KR file
(benchmarks/). Reference counting still frees everything as usual. The collector is switched
back on afterwards, and left alone if the caller had already switched it off.
"""

from __future__ import annotations

import gc


class paused_gc:  # noqa: N801  (used like a function: `with paused_gc():`)
    __slots__ = ("_was_enabled",)

    def __enter__(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._was_enabled:
            gc.enable()
