"""Read a JSON Lines file whose every line is validated, failing with the file and line."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

T = TypeVar("T")


def read_validated(path: Path, validate: Callable[[Any], T],
                   error: type[Exception]) -> Iterator[tuple[int, T]]:
    """(line number, validated value) for every non-blank line; ``error`` names what broke."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise error(f"{path}: cannot read: {err}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = validate(json.loads(line))
        except json.JSONDecodeError as err:
            raise error(f"{path}:{number}: invalid JSON: {err.msg}") from None
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise error(f"{path}:{number}: {where}: {first['msg']}") from None
        yield number, value
