"""Grounding: every number in a draft must come from the team or say it is a proposal.

These checks need the context the team gave, so they run on drafts, not on OKR documents:

* D001 invented-baseline (error): a baseline in the draft is not one the team gave, or one
  marked unknown carries a number;
* D002 unmarked-target (error): a target claims to be the team's, but the team gave none;
* D003 unexplained-proposal (warning): a proposed target has no reason;
* D004 ungrounded-number (warning): another number in a Key Result appears nowhere in the
  context.
"""

from __future__ import annotations

from assistant.drafts.types import Baseline, Context, DraftedKR, Target
from assistant.model import Finding, Quantity
from assistant.parse.phrase import find_period, parse_kr
from assistant.parse.quantities import parse_quantity

_NAMES = {
    "D001": "invented-baseline",
    "D002": "unmarked-target",
    "D003": "unexplained-proposal",
    "D004": "ungrounded-number",
}
_SEVERITY = {"D001": "error", "D002": "error", "D003": "warning", "D004": "warning"}


def _finding(code: str, index: int, kr: DraftedKR, message: str, fix: str) -> Finding:
    return Finding(code=code, name=_NAMES[code], severity=_SEVERITY[code],  # type: ignore[arg-type]
                   message=message, suggestion=fix, objective=1, key_result=index,
                   excerpt=kr.text)


def _same(a: Quantity | None, b: Quantity | None) -> bool:
    return a is not None and b is not None and abs(a.value - b.value) < 1e-9 and (
        a.unit == b.unit or not a.unit or not b.unit)


def _context_numbers(goal: str, context: Context) -> list[Quantity]:
    texts = [goal, context.cycle or "", context.notes or "", *context.kpis,
             *context.baselines.values(),
             *context.targets.values(), *context.baselines, *context.targets]
    found: list[Quantity] = []
    for text in texts:
        found.extend(parse_kr(text).quantities)
    return found


def check_grounding(goal: str, context: Context, key_results: list[DraftedKR]) -> list[Finding]:
    given_baselines = [parse_quantity(v) for v in context.baselines.values()]
    # a target the goal itself states ("Lower cost per unit by 10% a year") is the team's too
    given_targets = [parse_quantity(v) for v in context.targets.values()] + \
        parse_kr(goal).quantities
    known = _context_numbers(goal, context)
    findings: list[Finding] = []
    for index, kr in enumerate(key_results, start=1):
        parsed = kr.parsed or parse_kr(kr.text)
        if parsed.baseline is not None and not any(_same(parsed.baseline, g)
                                                   for g in given_baselines):
            findings.append(_finding(
                "D001", index, kr,
                f"baseline {parsed.baseline.text} is not one you gave",
                "Use a baseline from the context, or mark it unknown and say how to measure it"))
        elif kr.baseline.source == "given" and not any(
                _same(parse_quantity(kr.baseline.value or ""), g) for g in given_baselines):
            findings.append(_finding(
                "D001", index, kr, f"baseline {kr.baseline.value!r} is marked as given but is "
                "not in the context", "Mark it unknown and say how to measure it"))
        if kr.target.source == "given" and not any(
                _same(parse_quantity(kr.target.value), g) for g in given_targets):
            findings.append(_finding(
                "D002", index, kr, f"target {kr.target.value!r} is marked as the team's own, "
                "but the team gave no such target", "Mark it as proposed, with the reason"))
        if kr.target.source == "proposed" and not (kr.target.reason or "").strip():
            findings.append(_finding("D003", index, kr, "a proposed target without a reason",
                                     "Say why this target (e.g. the stretch rule used)"))
        roles = {id(q) for q in (parsed.baseline, parsed.target) if q is not None}
        period = (find_period(kr.text) or "") + " " + (kr.deadline or "")  # the cycle's own
        for q in parsed.quantities:
            if id(q) in roles or (parsed.change and q.text == parsed.change.text):
                continue
            if q.text and q.text in period:
                continue
            if not any(_same(q, k) for k in known):
                findings.append(_finding(
                    "D004", index, kr, f"the number {q.text} appears nowhere in what you gave",
                    "Remove it, or take it from the context"))
    return findings


def settle_provenance(key_results: list[DraftedKR], findings: list[Finding]) -> None:
    """Provenance as the grounding checks found it, not as the model claimed it: a baseline
    D001 found is not the team's (it becomes unknown, to be measured), a target D002 found
    is a proposal. The findings stay with the draft, so the reader sees what was wrong."""
    for index, kr in enumerate(key_results, start=1):
        codes = {f.code for f in findings if f.key_result == index}
        if "D001" in codes and kr.baseline.source == "given":
            claimed = kr.baseline.value
            kr.baseline = Baseline(None, "unknown", (
                f"the draft says {claimed}, which is not in what you gave: measure it before "
                "relying on it" if claimed else "not in what you gave: measure it"))
        if "D002" in codes and kr.target.source == "given":
            kr.target = Target(kr.target.value, "proposed",
                               "not a target you gave (the draft called it yours)")
