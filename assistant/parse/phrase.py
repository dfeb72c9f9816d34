"""The Key Result phrase parser: one KR sentence in, a ``KRParse`` out.

It reads what a person would: the verb and its direction, the metric, the baseline, the
target (with bounds such as "3 or fewer"), a relative change ("by 30%", "2x", "by half"),
and the deadline. Pure functions over strings, precompiled regexes, no backtracking traps:
this runs for every KR of every file, so it has to be fast (see benchmarks/).

A KR in one of the common plain shapes ("Raise X from 10% to 20% by end of Q3") is read in
one pass over its words by ``plain.py``, with the same result; the general method below reads
every other KR.

The method, in order:

1. Normalise arrows ("40% -> 55%" reads "40% to 55%").
2. Blank out parenthesised baselines "(currently 12%)" after noting them, then deadlines
   ("by end of Q3"), so their numbers are not taken for targets.
3. Find every quantity (``quantities.py``) and give each a role from the words just before
   it (``roles.py``): "from" or "currently" makes a baseline, "to"/"reach"/"at" a target,
   "by" a change. "X to Y" with no "from" reads as baseline and target. What is left: the
   first unlabelled number is the target (or a relative change after increase/decrease verbs
   when it is a bare percent).
4. The metric is what remains of the sentence once the verb, numbers, connectors and the
   deadline are taken out.
"""

from __future__ import annotations

import re

from assistant.model import Change, KRParse, Quantity
from assistant.parse.lazy import lazy
from assistant.parse.plain import Plain, plain_metric
from assistant.parse.plain import read as read_plain
from assistant.parse.quantities import Span, find_quantities, parse_quantity
from assistant.parse.roles import assign_roles
from assistant.parse.scan import finditer, search, words
from assistant.parse.vocabulary import (
    DECREASE_VERBS,
    EDGE_STOPWORDS,
    IMPROVE_VERBS,
    INCREASE_VERBS,
    MAINTAIN_VERBS,
    METRIC_JUNK,
    MONTHS,
    REACH_VERBS,
    TIME_SECONDS,
)

TYPE_CHECKING = False  # typing's import costs start-up time; checkers treat this as True
if TYPE_CHECKING:
    from assistant.types import Direction

_ARROWS = re.compile(r"\s*(?:-{1,2}>|→|⟶|➔|➡️?|=>|—>|–>)\s*")
_PAREN = re.compile(r"\(([^()]{1,80})\)")
_PAREN_BASELINE_HINT = lazy(
    r"\b(?:baseline|base|current(?:ly)?|today|now|was|last|as of|vs\.?|versus|ytd|starting|"
    r"from|in (?:q[1-4]|h[12]|20\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))\b"
)

_PERIOD = (
    r"(?:q[1-4](?:\s*(?:fy)?\s*'?(?:20)?\d{2})?"
    r"|h[12](?:\s*'?(?:20)?\d{2})?"
    r"|fy\s?'?(?:20)?\d{2}"
    r"|20\d{2}[-/ ]?[qh][1-4]"
    rf"|(?:{MONTHS})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s*20\d{{2}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?(?:,?\s*20\d{{2}})?"
    r"|20\d{2}-\d{2}-\d{2}"
    r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|(?:this|next|current|same)\s+(?:quarter|half|year|cycle|month|sprint)"
    r"|(?:quarter|year|month|cycle|half)[- ]end"
    r"|eo[qmyh]"
    r"|the\s+(?:quarter|cycle|year|half)"
    r"|20\d{2})"
)
_DEADLINE = re.compile(
    # Tried only where _DEADLINE_STARTS finds the first word of an alternative (scan.py).
    r"(?:"
    r"\b(?:(?:by|before|until|till|through|thru|in|during|for|at|on|ending|due)\s+(?:the\s+)?"
    r"(?:(?:end|close|start)\s+of\s+(?:the\s+)?)?|(?:end|close)\s+of\s+(?:the\s+)?)"
    + _PERIOD + r"(?![\w%])"
    r"|(?<![\w-])(?:q[1-4]|h[12])(?:\s*'?(?:20)?\d{2})?(?![\w%])"
    r"|\b20\d{2}-?q[1-4]\b)"
)

_DEADLINE_STARTS = re.compile(
    words(["by", "before", "until", "till", "through", "thru", "in", "during", "for", "at",
           "on", "ending", "due", "end", "close", r"20\d\d-?q"])
    + "|" + words(["q[1-4]", "h[12]"], r"[\w-]")
)


def may_have_deadline(low: str) -> bool:
    """False only when ``low`` holds no deadline: every one names a quarter, half, fiscal year,
    year ("20.."), month, date ("9/15") or period word ("this quarter", "eoq"). These tests
    cost less than the deadline search they spare; tests/test_scan.py checks that they never
    hide a deadline."""
    return ("q1" in low or "q2" in low or "q3" in low or "q4" in low or "20" in low
            or "h1" in low or "h2" in low or "fy" in low or "/" in low or "eo" in low
            or "quarter" in low or "half" in low or "year" in low or "month" in low
            or "cycle" in low or "sprint" in low or "jan" in low or "feb" in low
            or "mar" in low or "apr" in low or "may" in low or "jun" in low or "jul" in low
            or "aug" in low or "sep" in low or "oct" in low or "nov" in low or "dec" in low)


_WORD_CHANGE = lazy(
    r"(?P<half>\b(?:by|in)\s+half\b|\bhalv(?:e|es|ed|ing)\b)"
    r"|(?P<double>\bdoubl(?:e|es|ed|ing)\b|\btwofold\b)"
    r"|(?P<triple>\btripl(?:e|es|ed|ing)\b|\bthreefold\b)"
    r"|(?P<third>\bby\s+(?:a|one)\s+third\b)"
    r"|(?P<quarter>\bby\s+(?:a|one)\s+quarter\b)"
)
def _could_be_word_change(low: str) -> bool:
    return ("hal" in low or "doubl" in low or "tripl" in low or "fold" in low
            or "third" in low or "quarter" in low)


_WORD_FACTORS = {"half": 0.5, "double": 2.0, "triple": 3.0, "third": 2 / 3, "quarter": 0.75}
_DOWN = re.compile(r"\bdown\b")
_UP = re.compile(r"\bup\b")
_LEADING_VERB = re.compile(r"\s*([a-z]+(?:-[a-z]+)?)")
_PUNCTUATION = ".,;:()!?\"'[]{}*+=<>~≈≥≤|"


# One lookup per KR instead of five. Later updates win, so a verb in two lists keeps the
# old precedence: increase, then decrease, improve, maintain, reach.
_VERB_DIRECTION: dict[str, Direction] = {}
for _verbs, _direction in ((REACH_VERBS, "reach"), (MAINTAIN_VERBS, "maintain"),
                           (IMPROVE_VERBS, "improve"), (DECREASE_VERBS, "decrease"),
                           (INCREASE_VERBS, "increase")):
    _VERB_DIRECTION.update(dict.fromkeys(_verbs, _direction))  # type: ignore[arg-type]


def _direction_of(verb: str) -> Direction | None:
    return _VERB_DIRECTION.get(verb)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _change_from(q: Quantity) -> Change:
    if q.text.endswith(("x", "×")):
        return Change("factor", q.value, q.text)  # (kind, value, text, unit), positional
    if q.unit == "%":
        return Change("percent", q.value, q.text, "%")
    return Change("absolute", q.value, q.text, q.unit)


def parse_kr(text: str, low: str | None = None) -> KRParse:
    """Parse one Key Result sentence. Never raises; what it cannot read stays ``None``.

    ``low`` is ``text.lower()`` when the caller has it already (the Markdown reader does)."""
    if low is None or len(low) != len(text):
        low = text.lower()
    found = read_plain(text, low)
    if found is not None:
        return _parse_plain(text, low, found)
    return _parse_general(text, low)


def _parse_plain(text: str, low: str, found: Plain) -> KRParse:
    """A KR in one of the plain shapes (plain.py), read as ``_parse_general`` reads it. (The
    same steps as there, written out: this runs for most KRs.)"""
    verb = found.verb
    direction = _VERB_DIRECTION.get(verb)
    baseline = target = change = None
    goals = 0
    quantities = []
    numbers = found.found
    if numbers:
        if found.around is not None:  # "above 90%": the words before the comparator decide
            span = Span(numbers[0][1], *found.around)
            assign_roles(low, [span], direction, verb)
            numbers = [(span.role, span.qty)]
        for role, q in numbers:
            if role == "baseline":
                baseline = baseline or q
            elif role == "target":
                goals += 1
                target = target or q
            elif role == "change":
                goals += 1
                change = change or _change_from(q)
            quantities.append(q)
        if baseline is not None and target is not None:
            _inherit_units(baseline, target)
    settled = direction if direction is not None else _numbers_direction(baseline, target)
    deadline = text[found.deadline[0]:found.deadline[1]] if found.deadline else None
    metric = plain_metric(text, found, with_verb=direction is None)
    # Positional, in field order (tests/test_scan.py pins it): keyword arguments cost twice.
    return KRParse(settled, verb if direction else None, metric, baseline, target, change,
                   deadline, goals, quantities)


def _parse_general(text: str, low: str) -> KRParse:
    original = text
    if ">" in low or "→" in low or "⟶" in low or "➔" in low or "➡" in low:
        low = _ARROWS.sub(" to ", low)
        original = low  # offsets into the author's text are lost; recase words instead
    result = KRParse()

    baselines: list[Span] = []
    for m in _PAREN.finditer(low) if "(" in low else ():
        inner = m.group(1)
        if _PAREN_BASELINE_HINT().search(inner):
            found = find_quantities(inner)
            if len(found) == 1:
                span = found[0]
                span.role = "baseline"
                span.start, span.end = m.start(), m.end()  # the whole "(currently 12%)"
                baselines.append(span)
                low = _blank(low, m.start(), m.end())

    deadlines = finditer(_DEADLINE_STARTS, _DEADLINE, low) if may_have_deadline(low) else []
    if deadlines:
        first = deadlines[0]
        result.deadline = (text[first.start():first.end()].strip() if original is text
                           else _recase(text, low[first.start():first.end()].strip()))
        for m in deadlines:
            low = _blank(low, m.start(), m.end())

    verb_m = _LEADING_VERB.match(low)
    verb = verb_m.group(1) if verb_m else None
    direction = _direction_of(verb) if verb else None
    if verb and verb_m and verb in ("bring", "drive", "push", "speed"):
        rest = low[verb_m.end():verb_m.end() + 40]
        if _DOWN.search(rest):
            direction = "decrease"
        elif _UP.search(rest) and verb != "speed":
            direction = "increase"
    result.verb = verb if direction else None

    spans = find_quantities(low)
    assign_roles(low, spans, direction, verb)
    spans = baselines + spans
    _take_roles(result, spans)
    if result.change is None:
        word_m = _WORD_CHANGE().search(low) if _could_be_word_change(low) else None
        if word_m:
            factor = _WORD_FACTORS[word_m.lastgroup or ""]
            result.change = Change(kind="factor", value=factor, text=word_m.group(0))
            if direction is None:
                direction = "decrease" if factor < 1 else "increase"
    cuts = [(sp.start, sp.end) for sp in spans] + [(m.start(), m.end()) for m in deadlines]
    verb_end = verb_m.end() if (verb_m and result.verb) else 0
    if result.baseline and result.target:
        _inherit_units(result.baseline, result.target)
    _settle_direction(result, direction)
    result.metric = _metric(original, text, low, cuts, verb_end)
    return result


def _take_roles(result: KRParse, spans: list[Span]) -> None:
    """The first baseline, target and change; every quantity; how many goals."""
    goals = 0
    for span in spans:
        role = span.role
        if role == "baseline":
            if result.baseline is None:
                result.baseline = span.qty
        elif role == "target":
            goals += 1
            if result.target is None:
                result.target = span.qty
        elif role == "change":
            goals += 1
            if result.change is None:
                result.change = _change_from(span.qty)
        result.quantities.append(span.qty)
    result.goals = goals


def _settle_direction(result: KRParse, direction: Direction | None) -> None:
    """The verb's direction, or where the numbers go when the verb says nothing."""
    result.direction = direction if direction is not None else _numbers_direction(
        result.baseline, result.target)


def _numbers_direction(baseline: Quantity | None, target: Quantity | None
                       ) -> Direction | None:
    """Where the numbers go: "2 days -> 4 hours" is down, in seconds, whatever the digits."""
    if baseline is None or target is None:
        return None
    b, t = baseline.value, target.value
    if baseline.unit != target.unit and baseline.unit in TIME_SECONDS \
            and target.unit in TIME_SECONDS:
        b, t = b * TIME_SECONDS[baseline.unit], t * TIME_SECONDS[target.unit]
    if t > b:
        return "increase"
    if t < b:
        return "decrease"
    return None


def fill_numbers(parsed: KRParse, baseline: str = "", target: str = "") -> None:
    """Numbers a document gives beside a KR's text (a table's columns, a YAML file's
    start/target fields, a "Baseline: 31%" line under it) fill what the text left out; the
    direction then follows the numbers when no verb gave one."""
    if baseline and parsed.baseline is None:
        q = parse_quantity(baseline)
        if q is not None:
            parsed.baseline = q
            parsed.quantities.append(q)
    if target and parsed.target is None and parsed.change is None:
        q = parse_quantity(target)
        if q is not None:
            parsed.target = q
            parsed.goals += 1
            parsed.quantities.append(q)
    if parsed.baseline is not None and parsed.target is not None:
        _inherit_units(parsed.baseline, parsed.target)
        if parsed.direction is None:
            parsed.direction = _numbers_direction(parsed.baseline, parsed.target)


def _inherit_units(b: Quantity, t: Quantity) -> None:
    """"from 10 to 5 minutes": the baseline takes the target's unit, and the other way."""
    if not b.unit and t.unit:
        b.unit = t.unit
    elif not t.unit and b.unit:
        t.unit = b.unit
    if not b.per and t.per:
        b.per = t.per
    elif not t.per and b.per:
        t.per = b.per


def _metric(original: str, text: str, low: str, cuts: list[tuple[int, int]],
            verb_end: int) -> str | None:
    """What is left once the verb, the quantities, the deadline and connectors are cut out.

    Pieces come from the original text (keeping "NPS" and "P0" as written) whenever the
    lowered copy kept the same offsets, which is every KR without an arrow.
    """
    same = original is text and len(text) == len(low)
    source = text if same else low
    pieces, cursor = [], verb_end
    for start, end in sorted(cuts):
        if start > cursor:
            pieces.append(source[cursor:start])
        cursor = max(cursor, end)
    pieces.append(source[cursor:])
    words = []
    for raw in " ".join(pieces).split():
        word = raw.strip(_PUNCTUATION)
        if word and word.lower() not in METRIC_JUNK:
            words.append(word)
    while words and words[0].lower() in EDGE_STOPWORDS:
        words.pop(0)
    while words and words[-1].lower() in EDGE_STOPWORDS:
        words.pop()
    if not words:
        return None
    return " ".join(words) if same else _recase(text, " ".join(words))


def _recase(original: str, lowered: str) -> str:
    """Give words back the author's casing ("NPS", "P0", "Q3") after working in lower case."""
    casing = {}
    for word in original.split():
        if not word.islower():
            word = word.strip(".,;:()!?\"'")
            casing[word.lower()] = word
    if not casing:
        return lowered
    return " ".join(casing.get(w, w) for w in lowered.split(" "))


_YEAR = lazy(r"(?<![\w$€£.,])20\d{2}(?![\w%,.]\d)")


def find_period(text: str) -> str | None:
    """A cycle or deadline anywhere in ``text`` ("Q3 2027", "by September 15", "2027")."""
    low = text.lower()
    m = search(_DEADLINE_STARTS, _DEADLINE, low) or _YEAR().search(low)
    return _recase(text, m.group(0).strip()) if m else None
