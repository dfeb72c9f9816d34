"""The domain model: plain typed dataclasses, no I/O, standard library only.

pydantic validates these same classes at the edges (API bodies, eval sets, model output)
through ``TypeAdapter``; there is no second copy of any class.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The Literal aliases live in assistant/types.py: importing typing here would cost start-up
# time on every `okr critique`. Annotations stay strings (PEP 563); pydantic edges call
# assistant.types.install() so they resolve. (Type checkers treat this name as True.)
TYPE_CHECKING = False
if TYPE_CHECKING:
    from assistant.types import ChangeKind, Comparator, Direction, Severity

SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


@dataclass(slots=True)
class Quantity:
    """A number as written in a Key Result, normalised for comparison."""

    value: float
    unit: str = ""  # "%", "$", "ms", "days", "users", "/5", ... ("" for a bare count)
    text: str = ""  # the span exactly as written, e.g. "$1.2M"
    comparator: Comparator = "="  # "3 or fewer" is <=, "4.7+" is >=, "under 2%" is <
    per: str = ""  # rate period: "month" in "8 per month"


@dataclass(slots=True)
class Change:
    """A relative target: "by 30%", "2x", "by half", "by 200 users"."""

    kind: ChangeKind
    value: float  # 30 for "by 30%", 2 for "2x", 0.5 for "halve", 200 for "by 200 users"
    text: str = ""
    unit: str = ""


@dataclass(slots=True)
class KRParse:
    """What the phrase parser understood of one Key Result."""

    direction: Direction | None = None
    verb: str | None = None
    metric: str | None = None
    baseline: Quantity | None = None
    target: Quantity | None = None
    change: Change | None = None
    deadline: str | None = None
    goals: int = 0  # how many targets and changes the KR sets (2+ is a compound KR)
    quantities: list[Quantity] = field(default_factory=list)


@dataclass(slots=True)
class KeyResult:
    text: str
    line: int | None = None  # 1-based source line, None when the input had no lines
    parsed: KRParse | None = None
    initiatives: list[str] = field(default_factory=list)  # sub-bullets: work, not results
    status: str | None = None  # "done", "on track"... as the author noted it after the KR
    ignore: list[str] = field(default_factory=list)  # rule codes suppressed inline
    owner: str | None = None  # "CRO" in "CRO: Close 12 deals", "[Dana]", a table's column


@dataclass(slots=True)
class Objective:
    text: str
    line: int | None = None
    key_results: list[KeyResult] = field(default_factory=list)
    owner: str | None = None
    ignore: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Unplaced:
    """A line the parser could not place; reported, never silently dropped."""

    line: int
    text: str
    reason: str


@dataclass(slots=True)
class OKRSet:
    objectives: list[Objective] = field(default_factory=list)
    team: str | None = None
    cycle: str | None = None
    source: str | None = None  # file name or "<stdin>"
    unplaced: list[Unplaced] = field(default_factory=list)


@dataclass(slots=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    suggestion: str
    objective: int | None = None  # 1-based objective index, None for set-level findings
    key_result: int | None = None  # 1-based KR index within the objective
    line: int | None = None
    excerpt: str = ""


@dataclass(slots=True)
class ObjectiveScore:
    objective: int
    score: int


@dataclass(slots=True)
class Critique:
    okrs: OKRSet
    findings: list[Finding]
    objective_scores: list[ObjectiveScore]
    score: int
