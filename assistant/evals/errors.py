"""The one error of evaluation sets: a file that cannot be read or has the wrong shape."""

from __future__ import annotations


class EvalSetError(ValueError):
    """An evaluation file that cannot be read; the message names file and line."""
