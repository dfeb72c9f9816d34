"""What a draft is: an objective and Key Results whose every number says where it came from.

Plain dataclasses, like the critique model; pydantic validates them where data crosses an edge
(model replies, API bodies) through ``TypeAdapter``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from assistant import types as _model_types
from assistant.model import Finding, KRParse

# Drafting is not on the critique path, so it may import typing; the model's own Literal
# aliases are made real here too, since pydantic validates drafts that contain KRParse.
_model_types.install()

BaselineSource = Literal["given", "unknown"]
TargetSource = Literal["given", "proposed"]
Direction = Literal["increase", "decrease"]


@dataclass(slots=True)
class Context:
    """What the team tells the drafter. Numbers in a draft may only come from here."""

    team: str | None = None
    cycle: str | None = None  # "2027-Q1", "2027-H2", "Q3 2027"...
    baselines: dict[str, str] = field(default_factory=dict)  # metric name -> value as written
    targets: dict[str, str] = field(default_factory=dict)  # metric name -> target the team set
    kpis: list[str] = field(default_factory=list)  # health metrics to keep, not to turn into KRs
    notes: str | None = None


@dataclass(slots=True)
class Baseline:
    value: str | None  # as written ("38%"), None when unknown
    source: BaselineSource  # "given": from the context; "unknown": to be measured
    how_to_measure: str | None = None  # required when unknown


@dataclass(slots=True)
class Target:
    value: str  # "48%", "by 20%"
    source: TargetSource  # "given": the team's own; "proposed": the drafter's suggestion
    reason: str | None = None  # why this target, when proposed


@dataclass(slots=True)
class DraftedKR:
    text: str
    metric: str
    direction: Direction
    baseline: Baseline
    target: Target
    deadline: str | None = None
    parsed: KRParse | None = None  # filled by the service with the phrase parser


@dataclass(slots=True)
class DraftBody:
    """What a provider returns (and what a model's JSON must look like)."""

    objective: str
    key_results: list[DraftedKR] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # caveats, clarifying questions


@dataclass(slots=True)
class Draft:
    """The service's answer: the body, what the rubric still says, and how it was made."""

    objective: str
    key_results: list[DraftedKR]
    findings: list[Finding]
    notes: list[str]
    rounds: int  # 1 = first draft accepted; 2+ = repaired
    provider: str
    model: str
    prompt_version: str | None = None
    prompt_hash: str | None = None
    mapped: bool = True  # False: the drafter could not map the goal and said so
    usage: dict[str, int] = field(default_factory=dict)  # tokens over all rounds, if reported
    raw: str | None = None  # the last reply as the provider sent it (for evals and debugging)
