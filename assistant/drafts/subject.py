"""Key Results drawn from the goal's own subject, when neither a baseline nor the metric
catalogue says what to measure.

Real goals are often outside any catalogue ("Cut scrap on the assembly line", "Make joining
easier", "Grow place-based digital navigation"). Their own words name what should change;
that is a better Key Result than a neighbouring domain's metric, and more useful than a bare
question. Two shapes are read, and only these:

* a goal that opens with a change verb: "Cut scrap on the assembly line" → "Cut scrap on the
  assembly line by 25%"; "Grow weekly volunteer hours" → "Grow weekly volunteer hours by 25%";
  a change the goal states ("Lower cost per unit by 10% a year") is the team's target;
* "Make X easier / faster / simpler ..." → "Cut the time X takes by 30%" and "Raise the share
  of people who find X easy by 10 percentage points"; "Make X better / clearer / safer ..."
  → the share who find X so.

The baseline is always unknown (with how to measure it) and the target relative: the goal's
own, or a proposal marked as one. The drafter still writes no number nobody gave.
"""

from __future__ import annotations

import re

from assistant.drafts.types import Baseline, DraftedKR, Target

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_DECREASE = frozenset("""cut reduce lower decrease shrink halve eliminate minimise minimize
    shorten""".split())
_INCREASE = frozenset("""grow increase raise boost expand double triple widen broaden
    extend""".split())
# Where the goal's subject ends: the purpose or the means that follow it.
_SUBJECT_END = re.compile(r"\s+(?:so that|so|in order to|to|for|by|through|via|while|because|"
                          r"which|that|who|without|across the|—|–)\s+|[,;:(—–]|\s-\s|\.\s|\.$",
                          re.IGNORECASE)
_LEADING = re.compile(r"^(?:the|our|a|an|their|its|my)\s+", re.IGNORECASE)
# "Make X easier": what "easier" is measured by.
_EASE = {"easier": "easy", "easy": "easy", "simpler": "simple", "simple": "simple",
         "smoother": "smooth", "painless": "painless", "effortless": "effortless",
         "faster": "fast", "quicker": "quick", "quickest": "quick", "fast": "fast"}
_QUALITY = {"better": "good", "clearer": "clear", "clear": "clear", "safer": "safe",
            "safe": "safe", "reliable": "reliable", "welcoming": "welcoming",
            "friendlier": "friendly", "fairer": "fair", "useful": "useful"}
MAX_WORDS = 8  # a longer subject is a sentence, not a metric's name


_STATED_CHANGE = re.compile(r"\s*by\s+(\d[\d.,]*\s?%)", re.IGNORECASE)


def _subject(rest: str) -> str | None:
    end = _SUBJECT_END.search(rest)
    if end is not None and end.group().strip() == "," and \
            len(_WORD.findall(_LEADING.sub("", rest[:end.start()]))) <= 1:
        return None  # "a lively, welcoming community": qualities, not a thing to count
    subject = (rest[:end.start()] if end else rest).strip(" .!\"'“”")
    subject = _LEADING.sub("", subject)
    words = _WORD.findall(subject)
    return subject if 0 < len(words) <= MAX_WORDS else None


def _stated_change(rest: str) -> str | None:
    """ "by 10%" right after the subject ("Lower cost per unit of service by 10% a year"):
    the team's own target."""
    end = _SUBJECT_END.search(rest)
    m = _STATED_CHANGE.match(rest, end.start()) if end else None
    return f"by {m.group(1)}" if m else None


def _time_of(subject: str) -> str:
    last = _WORD.findall(subject)[0].lower()
    return f"the time {subject} takes" if last.endswith("ing") else \
        f"the time people spend on {subject}"


def _measure(what: str) -> str:
    return (f"Measure it in the first week: {what}, from the records the team already keeps "
            "or a two-week sample.")


def _kr(text: str, metric: str, direction: str, change: str, how: str,
        deadline: str) -> DraftedKR:
    return DraftedKR(
        text=f"{text} {deadline}", metric=metric, direction=direction,  # type: ignore[arg-type]
        baseline=Baseline(value=None, source="unknown", how_to_measure=_measure(how)),
        target=Target(value=change, source="proposed",
                      reason="relative to the baseline once measured (stretch)"),
        deadline=deadline,
    )


# "(100% of critical and high vulns closed)", "(Cost per unit of service drops 10% annually)":
# the measure a goal states in brackets, with its number
_STATED_MEASURE = re.compile(r"\(([^()]*?\d[^()]*?)\)")
_HOLDS = re.compile(r"\b(?:holds?|stays?|remains?|keeps?|at least|no more than|maintain\w*)\b",
                    re.IGNORECASE)
_DOWN = re.compile(r"\b(?:drops?|falls?|cut|reduced?|lower|fewer|less|down)\b", re.IGNORECASE)


def stated_measure(goal: str, deadline: str) -> DraftedKR | None:
    """The Key Result a goal states in brackets ("Clear out all critical vulnerabilities
    (100% of critical and high vulns closed)"): the team's own measure and number, its
    starting value still to be measured. None when the brackets hold no such measure, or
    hold a level to keep ("Customer satisfaction holds at 97%": a KPI)."""
    m = _STATED_MEASURE.search(goal)
    if m is None:
        return None
    measure = m.group(1).strip()
    words = _WORD.findall(measure)
    number = re.search(r"[<>≥≤~]?\s?\d[\d.,]*\s?%?", measure)
    if len(words) < 3 or number is None or _HOLDS.search(measure):
        return None
    direction = "decrease" if _DOWN.search(measure) else "increase"
    metric = re.sub(r"\s+", " ", measure.replace(number.group(), " ")).strip(" ,.-")
    kr = _kr(measure[:1].upper() + measure[1:], metric, direction, number.group().strip(),
             f"{metric} as it stands today", deadline)
    kr.target = Target(value=number.group().strip(), source="given")  # the goal says it
    return kr


def subject_krs(goal: str, deadline: str) -> list[DraftedKR]:
    """Up to two Key Results on what ``goal`` itself names; none when its words do not say."""
    sentence = goal.strip().split("\n")[0]
    words = sentence.split()
    if not words:
        return []
    stated = stated_measure(sentence, deadline)
    if stated is not None:
        return [stated]
    verb = words[0].lower().strip(",.:")
    if verb in _DECREASE | _INCREASE:
        subject = _subject(" ".join(words[1:]))
        if subject is None:
            return []
        verb_word = "Cut" if verb in _DECREASE else "Grow"
        direction = "decrease" if verb in _DECREASE else "increase"
        stated = _stated_change(" ".join(words[1:]))
        kr = _kr(f"{verb_word} {subject} {stated or 'by 25%'}", subject, direction,
                 stated or "by 25%", f"count {subject} as it stands today", deadline)
        if stated:
            kr.target = Target(value=stated, source="given")  # the goal says it
        return [kr]
    if verb != "make" or len(words) < 3:
        return []
    for i, word in enumerate(words[2:], start=2):  # "Make <subject> <adjective> ..."
        adjective = word.lower().strip(",.;:")
        if adjective not in _EASE and adjective not in _QUALITY:
            continue
        subject = _subject(" ".join(words[1:i]))
        if subject is None:
            return []
        if adjective in _EASE:
            plain = _EASE[adjective]
            return [
                # "the time joining takes"; "the time people spend on City services"
                _kr(f"Cut {_time_of(subject)} by 30%", _time_of(subject)[4:], "decrease",
                    "by 30%", f"{_time_of(subject)[4:]} today, from start to done, for ten "
                    "recent cases", deadline),
                _kr(f"Raise the share of people who find {subject} {plain} by 10 percentage "
                    "points", f"share who find {subject} {plain}", "increase",
                    "by 10 percentage points",
                    f"ask the people who went through {subject} one question: was it {plain}?",
                    deadline),
            ]
        plain = _QUALITY[adjective]
        return [_kr(f"Raise the share of people who find {subject} {plain} by 10 percentage "
                    "points", f"share who find {subject} {plain}", "increase",
                    "by 10 percentage points",
                    f"ask the people {subject} serves one question: is it {plain}?", deadline)]
    return []
