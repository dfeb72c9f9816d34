"""The response cache: a re-run costs nothing and an interrupted run resumes.

Key: provider, model, prompt version and hash, repair rounds and the case input (goal and
context), not operational settings (timeouts, retries, concurrency). Only successful drafts
are stored; an error is never cached, so a failed case is tried again next run.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any


def cache_key(parts: dict[str, Any]) -> str:
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class ResponseCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if self.folder is None:
            return None
        try:
            with self._path(key).open(encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return None  # missing or damaged: ask again
        return data if isinstance(data, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        if self.folder is None:
            return
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)  # atomic: a killed run never leaves half an entry
