"""The offline drafter: deterministic, no network, and honest about what it does not know.

Given a goal and the team's context it:

1. writes one Key Result per baseline the team gave, "verb metric from BASELINE to TARGET by
   DEADLINE", with the team's target if they gave one, else a proposed stretch target
   (``targets.propose``) marked as a proposal with its reason;
2. when fewer than two such Key Results exist, adds outcome metrics from the catalogue
   (``rubrics/metrics.toml``) for the kind of goal it recognises, with a relative target and
   the baseline marked unknown, saying how to measure it (it never writes a number nobody gave);
3. when it recognises neither a baseline nor the kind of goal, it returns no Key Results and
   says so, with the questions that would let it help.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.drafts.targets import format_like, kind_of, propose
from assistant.drafts.types import Baseline, Context, DraftBody, DraftedKR, Target
from assistant.parse.quantities import parse_quantity
from assistant.resources import data_dir
from assistant.rubric import default_catalogue

MAX_KRS = 4
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_CYCLE = re.compile(r"(?i)\b(?:(20\d{2})\s*[-/ ]?\s*([qh][1-4])|([qh][1-4])\s*'?\s*(20\d{2}))\b")
# Goal openings that announce a project rather than an outcome, beyond O105's list.
_PROJECT_VERBS = frozenset({"build", "prepare", "start", "do", "create", "write", "publish"})
_DECREASE_WORDS = frozenset(
    """churn latency time times cost costs incidents incident errors error attrition tickets
    defects bugs dso burn drop-off dropoff mttr failure failures spend backlog complaints
    refunds days duration wait lead-time cycle-time bounce heart""".split()
)


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    aliases: frozenset[str]
    direction: str
    kind: str
    measure: str
    domain: str


@dataclass(frozen=True, slots=True)
class Domain:
    name: str
    keywords: tuple[str, ...]
    objective: str
    metrics: tuple[Metric, ...]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@cache
def catalogue() -> tuple[Domain, ...]:
    path = Path(data_dir("rubrics")) / "metrics.toml"
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    domains = []
    for name, data in raw["domains"].items():
        metrics = tuple(
            Metric(name=m["name"], aliases=frozenset(_words(m["name"] + " " + m["aliases"])),
                   direction=m["direction"], kind=m["kind"], measure=m["measure"], domain=name)
            for m in data["metrics"]
        )
        domains.append(Domain(name=name, keywords=tuple(data["keywords"].lower().split()),
                              objective=data["objective"], metrics=metrics))
    return tuple(domains)


def match_domains(text: str) -> list[Domain]:
    """Domains whose keywords start words of ``text``, best first (ties keep catalogue order)."""
    words = _words(text.replace("-", " ")) + _words(text)
    scored = []
    for index, domain in enumerate(catalogue()):
        hits = sum(1 for key in domain.keywords
                   if any(w.startswith(key) for w in words) or (" " in key and key in text))
        if hits:
            scored.append((-hits, index, domain))
    return [d for _, _, d in sorted(scored)]


def match_metric(name: str) -> Metric | None:
    """The catalogue metric a baseline's name refers to ("NPS", "p95 latency"), if any."""
    words = set(_words(name))
    best, best_score = None, 0.0
    for domain in catalogue():
        for metric in domain.metrics:
            shared = len(words & metric.aliases)
            score = shared / len(words) if words else 0
            if shared and score > best_score:
                best, best_score = metric, score
    return best if best_score >= 0.5 else None


def deadline_for(cycle: str | None) -> str:
    if cycle:
        m = _CYCLE.search(cycle)
        if m:
            year = m.group(1) or m.group(4)
            period = (m.group(2) or m.group(3)).upper()
            return f"by end of {period} {year}"
    return "by the end of the quarter"


def _verb(direction: str, kind: str) -> str:
    if direction == "increase":
        return "Grow" if kind in ("count", "money") else "Raise"
    return "Cut" if kind in ("time", "count", "money") else "Reduce"


def _direction_for(name: str, metric: Metric | None) -> str:
    if metric is not None:
        return metric.direction
    return "decrease" if set(_words(name.replace("-", " "))) & _DECREASE_WORDS else "increase"


def _given_kr(name: str, value: str, context: Context, deadline: str) -> DraftedKR | None:
    baseline = parse_quantity(value)
    if baseline is None:
        return None
    metric = match_metric(name)
    direction = _direction_for(name, metric)
    kind = kind_of(baseline) if baseline.unit else (metric.kind if metric else "count")
    given_target = context.targets.get(name)
    if given_target:
        target = Target(value=given_target, source="given")
        target_text = given_target
    else:
        number, reason = propose(baseline, direction, kind)
        target_text = format_like(number, baseline, value)
        target = Target(value=target_text, source="proposed", reason=reason)
    text = f"{_verb(direction, kind)} {name} from {value} to {target_text} {deadline}"
    return DraftedKR(text=text, metric=name, direction=direction,  # type: ignore[arg-type]
                     baseline=Baseline(value=value, source="given"), target=target,
                     deadline=deadline)


_AUDIENCE = re.compile(r"\b(?:for|among)\s+((?:our\s+|the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?"
                       r"\s+(?:customers|users|teams|accounts|clients|buyers|members|"
                       r"employees|engineers|agents|partners|hires))\b", re.IGNORECASE)


def audience(goal: str) -> str | None:
    """ "for premium customers" in the goal: who the Key Results should be about."""
    m = _AUDIENCE.search(goal)
    return m.group(1) if m else None


def _unknown_kr(metric: Metric, deadline: str, who: str | None = None) -> DraftedKR:
    if metric.kind == "rate":
        change = "by 5 percentage points"
    elif metric.kind == "score":
        change = "by 10 points" if metric.name.lower() in ("nps", "enps") else "by 10%"
    elif metric.kind == "time":
        change = "by 30%" if metric.direction == "decrease" else "by 25%"
    else:
        change = "by 25%"
    name = f"{metric.name} for {who}" if who else metric.name
    text = f"{_verb(metric.direction, metric.kind)} {name} {change} {deadline}"
    return DraftedKR(
        text=text, metric=name, direction=metric.direction,  # type: ignore[arg-type]
        baseline=Baseline(value=None, source="unknown",
                          how_to_measure=f"Measure it in the first week: {metric.measure}."),
        target=Target(value=change, source="proposed",
                      reason="relative to the baseline once measured (stretch)"),
        deadline=deadline,
    )


def _objective(goal: str, domains: list[Domain]) -> str:
    """The goal as an objective when it reads like one; else the domain's outcome phrasing."""
    from assistant.model import Objective, OKRSet
    from assistant.rubric import critique

    sentence = re.split(r"(?<=[.!?])\s", goal.strip(), maxsplit=1)[0].strip().rstrip(".!")
    candidate = sentence[:1].upper() + sentence[1:]
    task_verbs = default_catalogue()["O105"].word_list("task_verbs") | _PROJECT_VERBS
    first = _words(candidate)[:1]
    if candidate and len(candidate) <= 120 and not (first and first[0] in task_verbs):
        rules = {code: rule for code, rule in default_catalogue().items()
                 if code in ("O103", "O104", "O105")}
        probe = OKRSet(objectives=[Objective(text=candidate)])
        if not critique(probe, rules).findings:
            return candidate
    if domains:
        return domains[0].objective
    return candidate or "Make a measurable difference for the people we serve"


def draft_offline(goal: str, context: Context) -> tuple[DraftBody, bool]:
    """The draft, and whether the goal could be mapped to outcomes at all."""
    deadline = deadline_for(context.cycle)
    key_results: list[DraftedKR] = []
    seen: set[str] = set()
    baseline_domains: set[str] = set()
    for name, value in list(context.baselines.items())[:MAX_KRS]:
        kr = _given_kr(name, value, context, deadline)
        if kr is None:
            continue
        key_results.append(kr)
        metric = match_metric(name)
        seen.add(metric.name if metric else name.lower())
        if metric is not None:
            baseline_domains.add(metric.domain)

    # The baselines are the strongest signal of what the goal is about; then the goal's words.
    domains = [d for d in catalogue() if d.name in baseline_domains]
    domains += [d for d in match_domains(f"{goal} {' '.join(context.baselines)}")
                if d not in domains]
    notes: list[str] = []
    if len(key_results) < 2:
        for domain in domains:
            for metric in domain.metrics:
                if len(key_results) >= 3:
                    break
                if metric.name in seen:
                    continue
                seen.add(metric.name)
                key_results.append(_unknown_kr(metric, deadline, audience(goal)))
    unknown = [kr for kr in key_results if kr.baseline.source == "unknown"]
    if unknown:
        notes.append(
            f"{len(unknown)} baseline(s) unknown: measure them first (see each Key Result); "
            "the targets are relative until then."
        )
    if not key_results:
        notes.append(
            "I could not tell which result this goal should move, and no baselines were "
            "given, so I have not drafted Key Results rather than invent them. What would be "
            "different for whom if this goal succeeded? Which number shows that today?"
        )
        return DraftBody(objective=_objective(goal, domains), key_results=[], notes=notes), False
    return DraftBody(objective=_objective(goal, domains), key_results=key_results,
                     notes=notes), True
