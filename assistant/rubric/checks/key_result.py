"""Checks on one Key Result: K201–K207."""

from __future__ import annotations

import re

from assistant.model import KeyResult, KRParse, Quantity
from assistant.parse.quantities import find_quantities
from assistant.parse.scan import words
from assistant.parse.vocabulary import (
    DECREASE_VERBS,
    IMPROVE_VERBS,
    INCREASE_VERBS,
    MAINTAIN_VERBS,
    REACH_VERBS,
    TIME_SECONDS,
    UNIT_CLASSES,
)
from assistant.rubric.catalogue import Rule
from assistant.rubric.context import Context
from assistant.rubric.registry import check

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from assistant.rubric.registry import Values

_DOUBLES_LAST = re.compile(r"[^aeiou]*[aeiou][bdgmnprt]")


def _ing(verb: str) -> str:
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    if len(verb) <= 4 and _DOUBLES_LAST.fullmatch(verb):
        return verb + verb[-1] + "ing"  # cut -> cutting, run -> running
    return verb + "ing"


_CHANGE_VERBS = sorted(
    (INCREASE_VERBS | DECREASE_VERBS | IMPROVE_VERBS | REACH_VERBS | MAINTAIN_VERBS)
    - {"up", "see", "have", "bring", "drive", "get", "better"}
)
_VERB_FORMS = frozenset({*_CHANGE_VERBS, *map(_ing, _CHANGE_VERBS)})
# A joining word followed by a verb ("... and cut churn", "; reduce ...", "while cutting").
_JOINED_WORD = re.compile(
    r"(?:" + words([r"and\b", r"while\b", r"plus\b", r"as well as\b"]) + r"|&|;|,)"
    r"\s+(?:also\s+)?([a-z]+)"
)


def _joined_verb(low: str, task_verbs: frozenset[str] = frozenset()) -> re.Match[str] | None:
    """A second verb joined on: a change ("... and cut churn") or a piece of work ("Link the
    design file and write a how-to", "Commission a review and act on it"), outside brackets
    (an example list "(e.g. see who opened it, push the expiry)" joins nothing)."""
    for m in _JOINED_WORD.finditer(low):
        word = m.group(1)
        if (word in _VERB_FORMS or word in task_verbs or word == "act") and \
                low[m.end(1):m.end(1) + 1] != "-" and \
                low.count("(", 0, m.start()) <= low.count(")", 0, m.start()):  # ("put-away")
            return m
    return None
_METRIC_AND = re.compile(r"^[^\d]*?(?:\band|\s&)\s+[a-z]")
_BETWEEN = re.compile(r"\bbetween\b")
# Before the "and" of "X and Y", a word that opens a qualifier of one metric
_QUALIFIED = re.compile(r"\b(?:of|who|that|which|in|for|on|at|across|from)\b")
_LEAD = re.compile(r"\b(?:from|by|to)\b|\d")  # the words before the first number or connector
_JOINER = re.compile(r"^(?:and|&|while|plus|as well as|;|,)\s+(?:also\s+)?", re.IGNORECASE)
_LETTERS = re.compile(r"[a-z]+")
_SHARE_WORDS = frozenset({"share", "percentage", "proportion", "fraction"})


_HINT_PATTERNS: dict[int, tuple[dict[str, str], re.Pattern[str]]] = {}


def _hint_pattern(hints: dict[str, str]) -> re.Pattern[str]:
    """One regex for all hint keywords, each matched at a word start with the rest of the
    word; compiled once per hint table (keyed by identity: a table's key tuple costs more to
    hash than the search it would save)."""
    known = _HINT_PATTERNS.get(id(hints))
    if known is not None and known[0] is hints:
        return known[1]
    pattern = re.compile(r"(" + words(map(re.escape, hints)) + r")(\w*)")
    if len(_HINT_PATTERNS) >= 32:  # rubric files loaded over and over: keep memory bounded
        _HINT_PATTERNS.clear()
    _HINT_PATTERNS[id(hints)] = (hints, pattern)
    return pattern


def _hint(rule: Rule, low: str) -> str | None:
    """The outcome suggested for the first keyword in ``low``. A keyword of five letters or
    more is a word stem ("migrat" finds "migration"); a shorter one must be the whole word or
    its plural ("app" finds "apps", not "Apple"; "post" is not "Postgres")."""
    for m in _hint_pattern(rule.hints).finditer(low):
        key, rest = m.group(1), m.group(2)
        if len(key) >= 5 or rest in ("", "s"):
            return rule.hints[key]
    return None


@check("K201", kind="task")
def output_not_outcome(rule: Rule, kr: KeyResult, ctx: Context) -> Values | None:
    kind = ctx.classify(kr)
    if kind.kind != "task":
        return None
    suggestion = _hint(rule, kr.text.lower()) or (
        "the result the work should move, with its value today and the value that means success"
    )
    verb_ing = "this work" if kind.learned else _ing(kind.verb)
    return {"verb": kind.verb, "verb_ing": verb_ing, "suggestion": suggestion}


@check("K202", kind="no-target")
def no_measurable_target(rule: Rule, kr: KeyResult, ctx: Context) -> Values | None:
    if ctx.classify(kr).kind == "no-target":
        metric = kr.parsed.metric if kr.parsed else None
        return {"metric_hint": f" for {metric}" if metric else ""}
    return None


@check("K203", kind="no-baseline")
def missing_baseline(rule: Rule, kr: KeyResult, ctx: Context) -> Values | None:
    if ctx.classify(kr).kind != "no-baseline" or kr.parsed is None:
        return None
    p = kr.parsed
    target = p.target.text if p.target else (p.change.text if p.change else "?")
    if p.target is not None:
        # "Increase NPS to 50" -> "Increase NPS from <today> to 50"
        low = kr.text.lower()
        at = low.find(p.target.text.lower())
        to_at = low.rfind(" to ", 0, at + 1) if at >= 0 else -1
        with_baseline = (kr.text[:to_at] + " from <today>" + kr.text[to_at:]
                         if to_at > 0 else f"{kr.text} (baseline: <today>)")
    else:
        with_baseline = f"{kr.text} (from <today>)"
    return {"target": target, "with_baseline": with_baseline}


@check("K204", kind="kpi")
def kpi_not_okr(rule: Rule, kr: KeyResult, ctx: Context) -> Values | None:
    kind = ctx.classify(kr)
    if kind.kind == "kpi":
        return {"verb": kind.verb}
    return None


@check("K205")
def compound_key_result(rule: Rule, kr: KeyResult, ctx: Context) -> Values | None:
    p = kr.parsed
    low = kr.text.lower()
    joiner = (" and " in low or "&" in low or "while" in low or "plus" in low
              or "as well as" in low or ";" in low or "," in low)
    joined = _joined_verb(low, ctx.vocabulary.task_verbs) if joiner else None
    if joined is not None and len(_strip_aim(low[:joined.start()]).split()) <= 3:
        joined = None  # a verb pair on one object: "Pick and start", "Find and close", "we
        # are aiming to bring in and keep"
    count = p.goals if p else 0
    if p and p.baseline and p.change and p.target and count == 2:
        count = 1  # "by 150%, from $400k to $1M" says one thing twice
    if joined is None and count < 2 and (joiner or " with" in low or ". " in low) and \
            _clauses_with_targets(low) >= 2:
        count = 2  # "300 teams enter the funnel, 90 reach mainnet"; "... while keeping X at Y"
    if joined is None and count < 2:
        if not joiner or count < 1:
            return None
        lead = _LEAD.split(low, maxsplit=1)[0]
        if not (_METRIC_AND.match(lead) and not _BETWEEN.search(lead)) or \
                _QUALIFIED.search(lead[:lead.find(" and ") if " and " in lead else len(lead)]):
            return None  # ("the failure rate of sign-ins and transfers": one metric, of two)
    if joined is not None:
        parts = [kr.text[: joined.start()].strip(" ,;"), kr.text[joined.start():].strip(" ,;")]
        parts[1] = _JOINER.sub("", parts[1])
        parts_text = " | ".join(f'"{part}"' for part in parts)
    else:
        parts_text = "one line per metric, each with its own baseline and target"
    return {"count": max(count, 2), "parts": parts_text}


_AIM = re.compile(r"^(?:we are aiming to|we aim to|we want to|we will|aim to)\s+")


def _strip_aim(text: str) -> str:
    return _AIM.sub("", text.strip())


_CLAUSE = re.compile(r"\s*(?:;|, and |, with |, while |\bwhile\b|\bwithout\b|, each with |"
                     r"\bas well as\b|, plus |\. (?=[a-z])|, (?=\d)|"
                     r" and (?=(?:[a-z-]+ ){0,2}[$€£~≥≤<>]?\d)| \+ (?=\d))\s*")
_NOT_A_TARGET = re.compile(r"^(?:by|in|before|after|within|during|until|from|vs\.?|since|"
                           r"(?:up |down )?from|today|currently|last|of the|of)\b")


_STATED_NOW = ("today", "currently", "now ", "right now", "at the moment", "as of", "baseline",
               "we are at", "it is", "it's", "this is up from", "up from", "down from", "was ",
               "last year", "last quarter")


def _clauses_with_targets(low: str) -> int:
    """How many clauses of the KR each set a number of their own: the second clause of
    "150 teams deploy, with 40% still active 6 months later" sets one; "(paid in both June and
    September)" or "from 58% to 70%" do not make a second."""
    clauses = [c for c in _CLAUSE.split(low) if c]
    if len(clauses) < 2:
        return 0
    counted = 0
    for clause in clauses:
        if clause.startswith(_STATED_NOW):
            continue  # "... Today it is 2,100": where it stands, a baseline, not a target
        if clause.startswith(_GUARDS) and any(c.isdigit() for c in clause):
            counted += 1  # "..., while maintaining the 24-month runway": a second target
            continue
        for span in find_quantities(clause):
            q = span.start
            before = clause[:q].rstrip().rsplit(" ", 1)[-1] if q else ""
            if not _NOT_A_TARGET.match(before) and not _is_date(clause, q):
                counted += 1
                break
    return counted


_GUARDS = ("maintaining", "keeping", "holding", "staying", "selling", "spending", "losing",
           "letting", "dropping", "exceeding", "falling")


def _is_date(clause: str, at: int) -> bool:
    """A number that is a year, a day of a month or a quarter's number, not a target."""
    word = clause[at:at + 8].split(" ", 1)[0].strip(",.;)")
    return (len(word) == 4 and word.isdigit() and word.startswith("20")) or \
        clause[max(0, at - 4):at].endswith(("q", "h", "fy")) or \
        clause[at + len(word):at + len(word) + 4].lstrip().startswith(("jan", "feb", "mar",
                                                                        "apr", "may", "jun"))


def _unit_class(q: Quantity) -> str:
    if not q.unit:
        return ""
    return UNIT_CLASSES.get(q.unit, q.unit)


def _comparable(a: Quantity, b: Quantity) -> tuple[float, float] | None:
    """Values of a and b on one scale, or None when their units cannot be compared."""
    if a.unit == b.unit:  # the common case: one unit, one scale
        return a.value, b.value
    ca, cb = _unit_class(a), _unit_class(b)
    if ca and cb and ca != cb:
        return None
    if ca == cb == "time":
        return a.value * TIME_SECONDS[a.unit], b.value * TIME_SECONDS[b.unit]
    return a.value, b.value


@check("K206")
def direction_conflict(rule: Rule, kr: KeyResult, ctx: Context) -> Values | None:
    p = kr.parsed
    if p is None or p.baseline is None or p.target is None or p.verb is None:
        return None
    if p.direction not in ("increase", "decrease"):
        return None
    values = _comparable(p.baseline, p.target)
    if values is None:
        return None
    base, target = values
    if (p.direction == "increase" and target < base) or (
        p.direction == "decrease" and target > base
    ):
        return {"verb": p.verb, "moves": "down" if target < base else "up",
                "baseline": p.baseline.text, "target": p.target.text}
    return None


def _plausible_percent(rule: Rule, p: KRParse, value: float) -> bool:
    """NRR, growth and attainment run past 100%, and a margin or a change below 0%; a share
    of something does neither."""
    metric_words = set(_LETTERS.findall((p.metric or "").lower()))
    if metric_words & _SHARE_WORDS:  # "share of reps at quota" is still a share
        return False
    return bool(metric_words & rule.word_list("over_100_ok" if value > 100 else "below_0_ok"))


@check("K207")
def implausible_value(rule: Rule, kr: KeyResult, ctx: Context) -> Values | None:
    p = kr.parsed
    if p is None:
        return None
    for q in (p.baseline, p.target):
        if q is None or (q.value >= 0 and (q.value <= 100 or q.unit != "%")):
            continue  # a share within 0-100%, or any value of another unit that is not negative
        role = "baseline" if q is p.baseline else "target"
        if q.unit == "%" and (q.value > 100 or q.value < 0) and not _plausible_percent(
                rule, p, q.value):
            return {"problem": f"{role} {q.text} is outside 0–100% for a share of a whole",
                    "fix": "Check the number: a rate or share lies between 0% and 100%"}
        if q.value < 0 and (_unit_class(q) == "count" or (not q.unit and not (
                set(_LETTERS.findall((p.metric or "").lower())) & rule.word_list("below_0_ok")))):
            # a bare -10 of bugs is a typo; a bare -12 NPS or net margin is not
            return {"problem": f"{role} {q.text} is a negative count",
                    "fix": "Counts cannot go below zero; check the sign"}
    if p.baseline is not None and p.target is not None and _comparable(p.baseline,
                                                                       p.target) is None:
        return {
            "problem": f"baseline {p.baseline.text} and target {p.target.text} are in units "
                       "that cannot be compared",
            "fix": "Express the baseline and the target in the same unit",
        }
    return None
