"""Run the rubric over an OKR set: checks → findings → suppressions → scores."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.model import Critique, Finding, OKRSet
from assistant.parse.lazy import lazy
from assistant.rubric import checks as _checks  # noqa: F401  (registers every check)
from assistant.rubric.catalogue import Rule, default_catalogue
from assistant.rubric.context import Context
from assistant.rubric.registry import CHECKS, ONLY_FOR_KIND, Check, Hit
from assistant.rubric.scoring import score

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from assistant.rubric.registry import CheckResult, Values
    from assistant.types import Severity

_EXCERPT_CHARS = 160


class _Values(dict[str, object]):
    """Template values; a missing key prints as itself instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


_PLACEHOLDER = lazy(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}|[{}%]")
_PERCENT_FORMS: dict[str, str | None] = {}


def _percent_form(template: str) -> str | None:
    """``template`` ("{verb} ...") as a %-template ("%(verb)s ..."), or None when it uses more
    than plain names ("{n:,}", "{a.b}"). Both fill the same text from the same values;
    ``%`` does it in half the instructions of ``str.format_map``, once per finding."""

    def convert(m: re.Match[str]) -> str:
        token = m.group(0)
        if m.group(1):
            return f"%({m.group(1)})s"
        if token == "%":
            return "%%"
        if token in ("{{", "}}"):
            return token[0]
        raise ValueError(token)  # a lone brace: a field with a format spec, index or attribute

    try:
        return _PLACEHOLDER().sub(convert, template)
    except ValueError:
        return None


def _form(template: str) -> str | None:
    """``_percent_form(template)``, converted once per template."""
    form = _PERCENT_FORMS.get(template, "")
    if form == "":
        if len(_PERCENT_FORMS) >= 1024:  # custom rubrics by the hundred: memory stays bounded
            _PERCENT_FORMS.clear()
        form = _PERCENT_FORMS[template] = _percent_form(template)
    return form


def _fill(template: str, values: dict[str, object]) -> str:
    form = _form(template)
    return form % values if form is not None else template.format_map(values)


# A rule as the engine runs it: the rule, its check, and its message's and fix's %-forms
# (looked up once per critique rather than once per finding).
_Active = tuple[Rule, Check, str | None, str | None]


def _no_check(*_args: object) -> None:
    """R100's check: the engine itself finds unused suppressions."""


def _active(rule: Rule, check: Check = _no_check) -> _Active:
    return rule, check, _form(rule.message), _form(rule.fix)


def _finding(active: _Active, values: Values, severity: Severity | None,
             objective: int | None, key_result: int | None, line: int | None,
             excerpt: str) -> Finding:
    """The finding for one place a check fired. Runs for every finding, so: no copy of the
    values (each dict is used once), and the forgiving ``_Values`` only when a template names
    a value the check did not give (a catalogue bug, which must still not crash a critique)."""
    rule, _check, message_form, fix_form = active
    if len(excerpt) > _EXCERPT_CHARS:
        excerpt = excerpt[: _EXCERPT_CHARS - 1] + "…"
    if "excerpt" not in values:
        values["excerpt"] = excerpt
    try:
        message = (message_form % values if message_form is not None
                   else rule.message.format_map(values))
        suggestion = fix_form % values if fix_form is not None else rule.fix.format_map(values)
    except KeyError:
        forgiving = _Values(values)
        message, suggestion = rule.message.format_map(forgiving), rule.fix.format_map(forgiving)
    # Positional: keyword arguments cost a dataclass __init__ about twice as much here.
    return Finding(rule.code, rule.name, severity or rule.severity, message, suggestion,
                   objective, key_result, line, excerpt)


def _from_hit(active: _Active, hit: Hit) -> Finding:
    return _finding(active, hit.values, hit.severity, hit.objective, hit.key_result, hit.line,
                    hit.excerpt)


def _hits(result: CheckResult) -> Iterable[Hit]:
    if result is None:
        return ()
    if result.__class__ is dict:
        return (Hit(result),)  # type: ignore[arg-type]
    if isinstance(result, Hit):
        return (result,)
    return result  # type: ignore[return-value]


def _run_checks(rules: list[Rule], okrs: OKRSet, ctx: Context) -> list[Finding]:
    """Every active rule over every item of its scope, in document order."""
    by_scope: dict[str, list[_Active]] = {"set": [], "objective": [], "key-result": []}
    for rule in rules:
        fn = CHECKS.get(rule.code)
        if fn is not None:
            by_scope[rule.scope].append(_active(rule, fn))
    findings = [_from_hit(active, hit) for active in by_scope["set"]
                for hit in _hits(active[1](active[0], okrs, ctx))]
    objective_checks = by_scope["objective"]
    # KR checks that judge one kind of KR run only on that kind: one classification per KR.
    kr_checks = [a for a in by_scope["key-result"] if a[0].code not in ONLY_FOR_KIND]
    by_kind = {ONLY_FOR_KIND[a[0].code]: a for a in by_scope["key-result"]
               if a[0].code in ONLY_FOR_KIND}
    for o_index, objective in enumerate(okrs.objectives, start=1):
        for active in objective_checks:
            for hit in _hits(active[1](active[0], objective, ctx)):
                hit.objective = hit.objective or o_index
                if hit.line is None:
                    hit.line, hit.excerpt = objective.line, hit.excerpt or objective.text
                findings.append(_from_hit(active, hit))
        for k_index, kr in enumerate(objective.key_results, start=1):
            kind = by_kind.get(ctx.classify(kr).kind) if by_kind else None
            for active in (*kr_checks, kind) if kind else kr_checks:
                result = active[1](active[0], kr, ctx)
                if result is None:
                    continue
                if result.__class__ is dict:  # the common case: the message's values alone
                    findings.append(_finding(active, result, None, o_index, k_index,  # type: ignore[arg-type]
                                             kr.line, kr.text))
                    continue
                for hit in _hits(result):
                    findings.append(_finding(active, hit.values, hit.severity, o_index,
                                             k_index, kr.line, kr.text))
    return findings


def _suppressions(okrs: OKRSet) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for objective in okrs.objectives:
        if objective.ignore and objective.line is not None:
            found.setdefault(objective.line, []).extend(objective.ignore)
        for kr in objective.key_results:
            if kr.ignore and kr.line is not None:
                found.setdefault(kr.line, []).extend(kr.ignore)
    return found


def critique(okrs: OKRSet, rules: dict[str, Rule] | None = None) -> Critique:
    """Critique ``okrs`` with ``rules`` (the effective, configured rules; default: all)."""
    catalogue = default_catalogue()
    active = catalogue if rules is None else rules
    ctx = Context({**catalogue, **active})
    findings = _run_checks(list(active.values()), okrs, ctx)

    suppressed = _suppressions(okrs)
    if suppressed:
        used: set[tuple[int, str]] = set()
        kept = []
        for finding in findings:
            key = (finding.line or -1, finding.code)
            if finding.code in suppressed.get(finding.line or -1, ()):
                used.add(key)
            else:
                kept.append(finding)
        findings = kept
        unused_rule = active.get("R100")
        if unused_rule is not None:
            for line, codes in suppressed.items():
                for code in codes:
                    if (line, code) not in used:
                        findings.append(_finding(_active(unused_rule), {"code": code}, None,
                                                 None, None, line, ""))

    findings.sort(key=lambda f: (f.line or 0, f.objective or 0, f.key_result or 0, f.code))
    set_codes = {code for code, rule in active.items() if rule.scope == "set"}
    objective_scores, total = score(len(okrs.objectives), findings, set_codes)
    return Critique(okrs=okrs, findings=findings, objective_scores=objective_scores,
                    score=total)
