"""What kind of Key Result this is: the one diagnosis shared by K201–K204.

A KR gets at most one of "task" (K201), "kpi" (K204), "no-target" (K202) and
"no-baseline" (K203), the most specific first, so a task is not also told it lacks a
baseline. Pure functions over the parsed KR and the rules' word lists.
"""

from __future__ import annotations

import itertools
import re

from assistant.model import KeyResult, KRParse
from assistant.rubric.catalogue import Rule
from assistant.rubric.learned import default_models, features

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from typing import Literal

    Kind = Literal["task", "kpi", "no-target", "no-baseline", "ok"]

_WORD = re.compile(r"[a-z][a-z'-]*|\d+(?::\d+)?s?")
_FIRST_WORD = re.compile(
    r"\s*(?:to\s+|we\s+are\s+aiming\s+(?:to\s+|at\s+)?|we\s+aim\s+to\s+|we\s+want\s+to\s+|"
    r"aim\s+to\s+|we\s+will\s+|will\s+|we\s+)?([a-z][a-z'-]*|\d+(?::\d+)?s?)")
_LEVEL_OPENER_HINTS = ("no ", "not ", "at ", "never", "always", "zero")
_COUNT_START = re.compile(
    r"^\s*(\d[\d,]*)\s+(?:new\s+|more\s+)?([a-z][\w:-]*)(?:\s+([a-z][\w:-]*))?"
)
# "make the build faster", "hire faster": a wish for improvement, not a task (K202, not K201)
_COMPARATIVE = re.compile(
    r"\b(?:faster|quicker|better|more|less|easier|simpler|cheaper|smoother|clearer|stronger|"
    r"safer|higher|lower|fewer|(?:easi|happi|healthi|earli|busi|heavi|tidi|steadi|sturdi|"
    r"friendli|liveli|costli|noisi|riski|speedi|handi|wealthi|worthi|tini|snappi)er|"
    r"best|easiest|fastest|simplest|safest|strongest|"
    r"clearest|greatest|leading|default)\b"
)
# A tracker's issue or a link standing for the KR: "#531 Eco-Score panel", "org/repo#12"
_LINKED_WORK = re.compile(r"(?:^|\s)#\d+\b|https?://\S+|\b[\w.-]+/[\w.-]+#\d+")
# "The old API is retired", "Treasury policy ratified", "guidelines doc merged": a state of done
_BE = frozenset("is are was were be been being gets get got has have".split())
_SERVICE_LEVEL = re.compile(r"\b(?:every|all|each)\b[^.;]{0,60}?\bwithin\s+(?:one|a|an|\d+)\s*"
                            r"(?:business\s+)?(?:minutes?|hours?|h|days?|weeks?|d)\b")
_BOUND = re.compile(r"[≥≤<>]|\bat (?:least|most)\b|\bno more than\b|\bor (?:more|fewer|less)\b")
_EACH_PERIOD = re.compile(r"\b(?:each|every|per|a)\s+(?:year|quarter|month|week|day|sprint|"
                          r"release|cycle)\b|\bon average\b|\ball year\b|\bannually\b")
_BOUND_WORDS = re.compile(r"\b(?:at|above|below|under|over|within|or (?:fewer|less|more|higher))\b")


class Classified:
    """The diagnosis and the word that decided it ("launch", "maintain").

    A plain slotted class, not a dataclass: building a dataclass at import costs about half a
    millisecond, and this module is on ``okr critique``'s start-up path."""

    __slots__ = ("kind", "learned", "verb")

    def __init__(self, kind: Kind, verb: str = "", learned: bool = False) -> None:
        self.kind = kind
        self.verb = verb
        self.learned = learned  # decided by the learned model, ``verb`` its weightiest words

    def __repr__(self) -> str:
        return f"Classified({self.kind!r}, {self.verb!r})"


def first_word(text: str) -> str:
    return _first_word(text.lower())


class Vocabulary:
    """The word lists classification needs, looked up once per critique (not per KR)."""

    __slots__ = ("activity_nouns", "deliverable_nouns", "done_words", "intention_objects",
                 "keep_verbs", "level_openers", "level_phrases", "outcome_units", "own_work_verbs",
                 "placeholders", "state_openers", "state_verbs", "task_model", "task_model_at",
                 "task_verbs")

    def __init__(self, k201: Rule, k204: Rule) -> None:
        # The learned second opinion on tasks (``learned``), at the rule's ``learned_at``
        # threshold (above 1, or no model file: off).
        self.task_model_at = k201.thresholds.get("learned_at", 2.0)
        self.task_model = default_models().get("K201") if self.task_model_at <= 1.0 else None
        self.task_verbs = k201.word_list("task_verbs")
        self.done_words = k201.word_list("done_words")
        self.state_openers = tuple(sorted(k201.word_list("state_openers")))
        self.state_verbs = k201.word_list("state_verbs")
        self.deliverable_nouns = k201.word_list("deliverable_nouns")
        self.own_work_verbs = k201.word_list("own_work_verbs")
        self.intention_objects = k201.word_list("intention_objects")
        self.placeholders = tuple(sorted(k201.word_list("placeholders")))
        self.activity_nouns = k201.word_list("activity_nouns")
        self.outcome_units = k201.word_list("outcome_units")
        self.keep_verbs = k204.word_list("keep_verbs")
        self.level_openers = k204.word_list("level_openers")
        self.level_phrases = tuple(sorted(k204.word_list("level_phrases")))


def _first_word(text: str) -> str:
    """``_FIRST_WORD``'s word in lowered ``text``; a leading plain word without the regex."""
    space = text.find(" ")
    head = text[:space] if space > 0 else text
    if head.isalpha() and head.isascii() and head not in ("to", "we", "will"):
        return head
    m = _FIRST_WORD.match(text)
    return m.group(1) if m else ""


def _base_verb(verb: str, verbs: frozenset[str]) -> str:
    """ "joining" -> "join", "started" -> "start", "published" -> "publish" when the base is
    a task verb: pasted and hand-written KRs use every form of it."""
    if verb in verbs or len(verb) < 5:
        return verb
    for cut in (3, 2, 1):  # -ing, -ed, -s / -d
        if verb[:-cut] in verbs:
            return verb[:-cut]
    if verb.endswith("ing") and verb[:-3] + "e" in verbs:  # "writing" -> "write"
        return verb[:-3] + "e"
    return verb


# A Key Result that opens with a measure's name ("Number of followers", "Share of requests
# closed in time", "Percentual de indicadores no verde") names a metric, whatever its other
# words: without a number it has no target (K202); it is not a task for the learned model
_METRIC_OPENERS = (
    "number of ", "# of ", "share of ", "percentage of ", "percent of ", "% of ", "rate of ",
    "ratio of ", "count of ", "amount of ", "total ", "average ", "median ", "mean ",
    "level of ", "proportion of ", "fraction of ", "the number of ", "the share of ",
    "the percentage of ", "the percent of ", "número de ", "numero de ", "percentual de ",
    "porcentaje de ", "porcentagem de ", "taxa de ", "tasa de ", "índice de ", "indice de ",
    "nombre de ", "taux de ", "part de ", "anzahl ", "anteil ", "quota di ", "numero di ")


def classify(kr: KeyResult, vocabulary: Vocabulary) -> Classified:
    parsed = kr.parsed
    text = kr.text.lower()
    verb = _base_verb(_first_word(text), vocabulary.task_verbs)
    if text.startswith(vocabulary.placeholders):  # "TBD", "TODO: pick a metric", "??"
        return Classified("no-target", verb)

    # "Hold weekly 1:1s" is an activity; "Hold NPS at 50" keeps a level; "Keep errors under
    # 500 a day. Today it is 2,100" moves one (its starting value is outside the bound).
    if verb in vocabulary.keep_verbs and (verb != "hold" or _holds_a_level(text, parsed)) \
            and not _starts_outside(parsed):
        return Classified("kpi", verb)
    if text.startswith(_LEVEL_OPENER_HINTS):
        for opener in vocabulary.level_openers:
            if text.startswith(opener + " "):
                return Classified("kpi", opener)
    for phrase in vocabulary.level_phrases:
        if phrase in text and not _starts_outside(parsed):
            return Classified("kpi", phrase.split()[0])
    if parsed is None or parsed.baseline is None:
        # a service level ("respond to every report within 24 hours") or a bound held each
        # period ("≥ 180,000 visits each year", "2 first-time contributors a quarter")
        held = ("within" in text and _SERVICE_LEVEL.search(text)) or (
            _BOUND.search(text) and _EACH_PERIOD.search(text))
        if held:
            return Classified("kpi", held.group(0).strip())

    outcome_evidence = parsed is not None and (
        parsed.baseline is not None
        or (parsed.target is not None
            and parsed.target.unit in vocabulary.outcome_units)
        or (parsed.change is not None
            and parsed.change.unit in vocabulary.outcome_units)
    )
    if not outcome_evidence or (_counts_own_work(parsed) and (
            verb in vocabulary.own_work_verbs or (verb in vocabulary.task_verbs and parsed
                                                  and parsed.target and parsed.target.unit == "%"
                                                  and parsed.baseline is None))):
        # "Ship 3 new products (vs 2 in Q2)": a count of the team's own work, even with a
        # starting value, is still a task
        task = _task(text, verb, parsed, vocabulary)
        if task:
            return Classified("task", task)

    if parsed is None or (parsed.target is None and parsed.change is None):
        if ("#" in text or "://" in text) and not outcome_evidence and \
                _LINKED_WORK.search(text):
            return Classified("task", "linked issue")  # "#531 Eco-Score panel": work
        kind: Kind = "no-target"
    else:
        kind = "no-baseline" if parsed.baseline is None else "ok"
    model = vocabulary.task_model
    if model is not None and model_may_judge(text, parsed, vocabulary) and \
            not text.startswith(_METRIC_OPENERS):
        # what the word lists did not catch, the learned model may
        names = features(kr.text, parsed)
        if model.probability(names) >= vocabulary.task_model_at:
            said = model.reasons(names, kr.text) or [" ".join(kr.text.split()[:2])]
            return Classified("task", ", ".join(said), learned=True)
    return Classified(kind, verb)


def model_may_judge(text: str, parsed: KRParse | None, vocabulary: Vocabulary) -> bool:
    """Where the learned model may add a task finding: not on a change from a stated
    starting value ("Move my Spanish from A2 to B1"), and not on an intention ("Make the
    build faster", "hire faster", "Build trust with buyers"), which is K202's to name."""
    return (parsed is None or parsed.baseline is None) and _COMPARATIVE.search(text) is None \
        and _object(text) not in vocabulary.intention_objects


def _object(text: str) -> str:
    """The word right after the verb, when no article comes first ("build trust", not
    "publish a community dashboard")."""
    words = _WORD.findall(text[:40])
    return words[1] if len(words) > 1 else ""


def _counts_own_work(parsed: KRParse | None) -> bool:
    """A count of things the team makes, or all of them ("Assess 100% of procurements")."""
    target = parsed.target if parsed is not None else None
    if target is None or parsed is None or parsed.change is not None:
        return False
    return target.unit in ("", "#") or (target.unit == "%" and target.value == 100)


def task_word(text: str, parsed: KRParse | None, vocabulary: Vocabulary) -> str:
    """The word that makes a statement a task or a deliverable ("launch", "migration",
    "there is"), or "": K201 on Key Results and O105 on objectives ask the same question."""
    low = text.lower()
    return _task(low, _base_verb(_first_word(low), vocabulary.task_verbs), parsed, vocabulary)


def _starts_outside(parsed: KRParse | None) -> bool:
    """A baseline on the wrong side of the bound kept: the KR moves the metric."""
    if parsed is None or parsed.baseline is None or parsed.target is None:
        return False
    b, t = parsed.baseline.value, parsed.target
    return (t.comparator in ("<", "<=") and b > t.value) or (
        t.comparator in (">", ">=") and b < t.value)


def _holds_a_level(text: str, parsed: KRParse | None) -> bool:
    if parsed is None or not parsed.quantities:
        return False
    # "Hold 99.9% availability", "Hold NPS at 50"; "Hold 4 workshops" is work
    return (parsed.target is not None and (parsed.target.comparator != "="
                                           or parsed.target.unit == "%")) or bool(
        _BOUND_WORDS.search(text))


def _task(text: str, verb: str, parsed: KRParse | None, vocabulary: Vocabulary) -> str:
    """The word that makes this KR a task, or "" when it is not one."""
    # "make the build faster", "hire faster": a wish to improve (K202), not a task; so is
    # "build trust with buyers".
    if verb in vocabulary.task_verbs and (
        (parsed and parsed.quantities) or not _COMPARATIVE.search(text)
    ) and _object(text) not in vocabulary.intention_objects:
        return verb
    words = _WORD.findall(text[-60:])[-4:]
    done = vocabulary.done_words
    for word in words:
        if word in done:
            return word
    measured = parsed is not None and bool(parsed.quantities)
    if not measured:
        every = _WORD.findall(text)
        for previous, word in itertools.pairwise(every):
            if word in done and previous in _BE:  # "... is retired and the docs say so"
                return word
        if text.startswith(vocabulary.state_openers):
            opener = next(o for o in vocabulary.state_openers if text.startswith(o))
            rest = every[len(opener.split()):][:6]
            if opener.startswith(("there", "we")) or vocabulary.state_verbs & set(rest):
                return opener  # "There is a runbook for every service": a thing to have
        if verb not in vocabulary.task_verbs and not _COMPARATIVE.search(text) and \
                (parsed is None or parsed.direction is None):
            noun = next((w for w in every if w in vocabulary.deliverable_nouns
                         or w in vocabulary.activity_nouns), "")
            if noun and len(every) <= 12:
                return noun  # "Billing (Stripe) migration", "Dark mode": a deliverable
    count = _COUNT_START.match(text)
    if count:
        nouns = vocabulary.activity_nouns
        if count.group(2) in nouns:
            return count.group(2)
        if (count.group(3) or "") in nouns:
            return count.group(3)
    return ""
