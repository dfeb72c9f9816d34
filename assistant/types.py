"""The model's literal types, for type checkers and for pydantic at the edges.

Importing ``typing`` costs several milliseconds of ``okr critique``'s start-up budget (see
benchmarks/), and the critique path never needs these aliases at run time: ``model.py`` only
names them in annotations, which stay strings there. Code that validates the model with
pydantic calls :func:`install` first, so those strings resolve to the real ``Literal`` types.
"""

from __future__ import annotations

from typing import Literal

Severity = Literal["error", "warning", "info"]
Direction = Literal["increase", "decrease", "improve", "reach", "maintain"]
Comparator = Literal["=", "<=", ">=", "<", ">"]
ChangeKind = Literal["percent", "factor", "absolute"]


def install() -> None:
    """Make the aliases real names of ``assistant.model`` (idempotent)."""
    from assistant import model

    for name in ("Severity", "Direction", "Comparator", "ChangeKind"):
        setattr(model, name, globals()[name])
