"""A step's timer: the step's timebox plus any extension, counted only while it runs. It
starts when the facilitator starts it (not when the workshop is created or the step opened),
and can be paused and extended; each new step's timer waits again. Kept in the store's
per-workshop values as one small JSON record."""

from __future__ import annotations

import json
import time
from typing import Any

from assistant.workshop.agenda import agenda
from assistant.workshop.errors import WorkshopError
from assistant.workshop.store import SQLiteStore

_KEY = "timer"


def reset(store: SQLiteStore, workshop_id: str) -> None:
    store.set_value(workshop_id, _KEY, "")


def _timer_row(store: SQLiteStore, workshop_id: str) -> dict[str, Any]:
    raw = store.value(workshop_id, _KEY)
    data = json.loads(raw) if raw else {}
    return {"running": bool(data.get("running")), "since": float(data.get("since", 0.0)),
            "elapsed": float(data.get("elapsed", 0.0)), "extra": float(data.get("extra", 0.0))}


def state(store: SQLiteStore, workshop: dict[str, Any], now: float | None = None,
          ) -> dict[str, Any]:
    """The current step's timer: the step's timebox plus any extension, counted only while
    it runs. A step's timer starts when the facilitator starts it, not when the workshop is
    created or the step opened; it can be paused and extended."""
    now = time.time() if now is None else now
    row = _timer_row(store, workshop["id"])
    boxes = agenda(workshop["duration_min"])
    budget = boxes[workshop["step"]].minutes * 60 + row["extra"]
    elapsed = row["elapsed"] + (now - row["since"] if row["running"] else 0.0)
    return {"running": row["running"], "started": row["running"] or row["elapsed"] > 0,
            "remaining_s": round(budget - elapsed), "budget_s": round(budget)}


def control(store: SQLiteStore, workshop: dict[str, Any], action: str,
              minutes: int = 1, now: float | None = None) -> dict[str, Any]:
    """Start, pause or extend the current step's timer."""
    now = time.time() if now is None else now
    row = _timer_row(store, workshop["id"])
    if action == "start" and not row["running"]:
        row.update(running=True, since=now)
    elif action == "pause" and row["running"]:
        row.update(running=False, elapsed=row["elapsed"] + now - row["since"])
    elif action == "extend":
        row["extra"] += 60 * minutes
    elif action not in ("start", "pause"):
        raise WorkshopError("the timer can start, pause or extend")
    store.set_value(workshop["id"], _KEY, json.dumps(row))
    return state(store, workshop, now)
