"""Checks on one objective: its wording (O103–O105), its KR count (O101, O102), K208."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.model import Objective
from assistant.parse.phrase import parse_kr
from assistant.parse.scan import ascii_runs, finditer, separators
from assistant.rubric.catalogue import Rule
from assistant.rubric.classify import first_word, task_word
from assistant.rubric.context import Context
from assistant.rubric.registry import Hit, check
from assistant.rubric.similarity import content_words, overlap

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from assistant.rubric.registry import Values

_CHANGE_WORDS = ["half", "double", "doubling", "triple", "tripling", "twice", "halve",
                 "tenfold", "threefold", "twofold"]
_NUMBER_IN_OBJECTIVE = re.compile(
    r"[$€£]\s?\d[\d,.]*\s?(?:k|m|mm|bn|b|million|billion)?\b"
    r"|\b\d[\d,.]*\s?(?:%|percent\b|x\b|×|k\b|m\b|bn\b|million\b|billion\b)"
    rf"|\b(?:{'|'.join(_CHANGE_WORDS)})\b"
    r"|(?<![\w#.$/-])\d[\d,]*(?:\.\d+)?(?![\w/])"
)
# Where a match can begin when no change word is in the text (scan.py: the pattern alone is
# tried at every character, about 1,000 instructions each here).
_DIGIT_OR_CURRENCY = re.compile(r"[$€£\d]")
_NOT_A_TARGET_BEFORE = re.compile(
    r"(?:\b(?:q|h|fy|v|version|gen|tier|level|phase|web|top|no\.|number|day|week|series|"
    r"release|iso|soc|pci|part|chapter|track|stream|workstream|pillar|theme|squad)\s?|#)$"
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_LETTERS = re.compile(r"[a-z][a-z'-]*")
_LETTER_BYTES = separators("abcdefghijklmnopqrstuvwxyz")


def numbers_in(low: str) -> list[re.Match[str]]:
    """``_NUMBER_IN_OBJECTIVE.finditer(low)``, tried only at digits and currency signs unless
    a change word ("half", "twofold"...) is in the text (tests/test_scan.py)."""
    if "hal" in low or "doubl" in low or "tripl" in low or "twice" in low or "fold" in low:
        return list(_NUMBER_IN_OBJECTIVE.finditer(low))
    return finditer(_DIGIT_OR_CURRENCY, _NUMBER_IN_OBJECTIVE, low)


@check("O101")
def too_many_key_results(rule: Rule, objective: Objective, ctx: Context) -> Values | None:
    count, most = len(objective.key_results), int(rule.thresholds.get("max", 5))
    if count > most:
        return {"count": count, "max": most}
    return None


@check("O102")
def too_few_key_results(rule: Rule, objective: Objective, ctx: Context) -> Hit | None:
    count, least = len(objective.key_results), int(rule.thresholds.get("min", 2))
    if count < least:
        return Hit({"count": count, "min": least}, severity="error" if count == 0 else None)
    return None


@check("O103")
def metric_in_objective(rule: Rule, objective: Objective, ctx: Context) -> Values | None:
    low = objective.text.lower()
    for m in numbers_in(low):
        token = m.group(0).strip()
        if _YEAR.match(token.replace(",", "")):
            continue
        if token[0].isdigit() and _NOT_A_TARGET_BEFORE.search(low[max(0, m.start() - 10):
                                                                 m.start()]):
            continue
        return {"number": objective.text[m.start():m.end()].strip()}
    return None


@check("O104")
def vague_objective(rule: Rule, objective: Objective, ctx: Context) -> Values | None:
    low = objective.text.lower()
    words = ascii_runs(low, _LETTER_BYTES, "'-")
    if words is None:
        words = _LETTERS.findall(low)
    if not words:
        return None
    generic = rule.word_list("generic")
    # Nothing concrete at all, or (in five words or fewer) one concrete word drowned in
    # filler ("Work on brand").
    if len(words) > 5:
        vague = generic.issuperset(words)
    else:
        vague = len([w for w in words if w not in generic]) <= 1
    if not vague and words[0] in rule.word_list("intensifiers") and len(words) > 1 and \
            words[1] in generic:
        vague = True  # "Significantly improve how the team works"
    if not vague and len(words) <= 4 and low.isascii() and not any(c.isdigit() for c in low) and \
            not rule.word_list("verbs") & set(words) and not _verb_like(words) and \
            words[0] not in ctx.vocabulary.task_verbs and \
            words[0] not in ctx.catalogue["O105"].word_list("task_verbs") and \
            parse_kr(objective.text).verb is None:
        vague = True  # a topic, not a change: "Community autonomy", "Happy, productive team"
    return {} if vague else None


def _verb_like(words: list[str]) -> bool:
    """Whether a short phrase has a word that reads as a verb: "-s" after a plural-less
    subject is too rare to tell apart, so this looks for past forms and "-ing"."""
    return any(w.endswith(("ed", "ing")) and len(w) > 4 for w in words)


@check("O105")
def task_objective(rule: Rule, objective: Objective, ctx: Context) -> Values | None:
    verb = first_word(objective.text)
    if verb in rule.word_list("task_verbs"):
        return {"verb": verb.capitalize()}
    phrase = _task_phrase(objective.text.lower(), rule.word_list("task_phrases"))
    if phrase:
        return {"verb": phrase.capitalize()}
    # The shapes K201 finds in Key Results make a project of an objective too: "Focus areas
    # implemented end to end", "A status page for the system", "Carry out architecture
    # reviews" (the diagnosis is asked of the words alone: an objective has no target)
    word = task_word(objective.text, parse_kr(objective.text), ctx.vocabulary)
    if not word or word in _NOT_PROJECTS or word in ctx.vocabulary.activity_nouns:
        return None
    if word in ctx.vocabulary.done_words:
        # "Focus areas implemented end to end" states a project done; "... using the
        # permissions we released last year" only mentions one
        if re.search(rf"^\W*(?:\w+\W+){{1,4}}{re.escape(word)}\b", objective.text.lower()) \
                and not re.search(rf"\b(?:we|they|you|i|that|which|who)\s+{re.escape(word)}\b",
                                  objective.text.lower()):
            return {"verb": word.capitalize()}
        return None
    if not _has_verb(ctx.catalogue["O104"], objective.text):
        return {"verb": word.capitalize()}
    return None


def _task_phrase(low: str, phrases: frozenset[str]) -> str:
    """The opener of ``phrases`` ("wrap up", "get * ready") that ``low`` starts with, as
    written: "Wrap up the imaging guide", "Get FHIR subscriptions ready for ballot"."""
    for phrase in sorted(phrases):
        if "*" not in phrase:
            if low.startswith(phrase + " "):
                return phrase
            continue
        first, last = phrase.split(" * ")
        if low.startswith(first + " ") and re.search(rf"^{first} (?:\S+ ){{1,4}}{last}\b", low):
            return f"{first} ... {last}"
    return ""


def _has_verb(o104: Rule, text: str) -> bool:
    """Whether the text has a verb from O104's list (one list for both rules)."""
    words = _LETTERS.findall(text.lower())
    return bool(o104.word_list("verbs") & set(words)) or _verb_like(words)


# Words K201 reads as a deliverable that, in an objective, name what it is about ("Make the
# wiki the place people look first" is an objective about the wiki, not a project)
_NOT_PROJECTS = frozenset({"make", "build", "keep", "bring", "turn", "give", "put", "hold",
                           "continue", "every", "each", "all", "we have"})


@check("K208")
def duplicate_key_result(rule: Rule, objective: Objective, ctx: Context) -> Iterator[Hit]:
    if len(objective.key_results) < 2:
        return
    threshold = rule.thresholds.get("similarity", 0.75)
    metrics = [
        content_words(kr.parsed.metric) if kr.parsed and kr.parsed.metric else frozenset()
        for kr in objective.key_results
    ]
    if threshold > 0 and sum(map(len, metrics)) == len(frozenset().union(*metrics)):
        return  # no word in two metrics: every overlap is 0 (the common case, in C)
    reported: set[int] = set()
    for j in range(1, len(metrics)):
        later = metrics[j]
        for i in range(j):
            earlier = metrics[i]
            if not earlier or i in reported:
                continue
            if threshold > 0 and earlier.isdisjoint(later):
                continue  # no shared word: overlap 0 (the common case, without a set built)
            if overlap(earlier, later) >= threshold:
                reported.add(j)
                kr = objective.key_results[j]
                yield Hit({"first": i + 1, "second": j + 1,
                           "metric": objective.key_results[i].parsed.metric},  # type: ignore[union-attr]
                          key_result=j + 1, line=kr.line, excerpt=kr.text)
                break
