"""Drafting with repair: draft → parse → rubric + grounding → repair while errors remain.

The loop stops when no error is left, when the rounds are used up, or when a repair changes
nothing. What the rubric still says is returned with the draft: nothing is hidden.
"""

from __future__ import annotations

from assistant.drafts.grounding import check_grounding, settle_provenance
from assistant.drafts.types import Context, Draft, DraftBody
from assistant.model import Finding, KeyResult, Objective, OKRSet
from assistant.parse.phrase import parse_kr
from assistant.providers.base import Provider
from assistant.rubric import critique


def review(goal: str, context: Context, body: DraftBody) -> list[Finding]:
    """The rubric's findings on the draft plus the grounding checks, KR parses filled in."""
    for kr in body.key_results:
        kr.parsed = parse_kr(kr.text)
    okrs = OKRSet(team=context.team, cycle=context.cycle, objectives=[Objective(
        text=body.objective,
        key_results=[KeyResult(text=kr.text, parsed=kr.parsed) for kr in body.key_results],
    )])
    findings = critique(okrs).findings
    return findings + check_grounding(goal, context, body.key_results)


def _content(body: DraftBody) -> tuple[object, ...]:
    """What a draft says, ignoring the parses the review attached."""
    return (body.objective, tuple(body.notes), tuple(
        (kr.text, kr.metric, kr.direction, kr.baseline, kr.target, kr.deadline)
        for kr in body.key_results))


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


async def draft(goal: str, context: Context, provider: Provider, *,
                repair_rounds: int = 2) -> Draft:
    reply = await provider.draft(goal, context)
    usage = dict(reply.usage)
    body = reply.body
    findings = review(goal, context, body)
    rounds = 1
    for _ in range(repair_rounds):
        errors = _errors(findings)
        if not errors or not body.key_results:  # nothing to fix, or nothing to fix it with
            break
        repaired = await provider.repair(goal, context, body, errors)
        if _content(repaired.body) == _content(body):
            break  # no progress: say what is still wrong instead of looping
        rounds += 1
        body, reply = repaired.body, repaired
        for key, value in repaired.usage.items():
            usage[key] = usage.get(key, 0) + value
        findings = review(goal, context, body)
    settle_provenance(body.key_results, findings)  # nothing is "given" that the team did not give
    return Draft(
        objective=body.objective, key_results=body.key_results, findings=findings,
        notes=body.notes, rounds=rounds, provider=provider.name, model=reply.model,
        prompt_version=reply.prompt_version, prompt_hash=reply.prompt_hash,
        mapped=bool(body.key_results), usage=usage, raw=reply.raw,
    )
