"""Where the data folders (rubrics/, prompts/, examples/) are, in a checkout or a wheel.

os.path rather than pathlib: this runs on every ``okr critique`` start (see benchmarks/).
"""

from __future__ import annotations

import os

_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def data_dir(name: str) -> str:
    """The repository's top-level folder in a checkout, or its copy inside an installed wheel."""
    for candidate in (os.path.join(os.path.dirname(_PACKAGE), name),
                      os.path.join(_PACKAGE, "_data", name)):
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError(f"data folder {name!r} not found next to the package")


def cache_dir() -> str:
    """A per-user cache folder (XDG), for data derived from the repository's files."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "okr-assistant")
