"""The Key Result phrase parser: one KR sentence in, a ``KRParse`` out.

It reads what a person would: the verb and its direction, the metric, the baseline, the
target (with bounds such as "3 or fewer"), a relative change ("by 30%", "2x", "by half"),
and the deadline. Pure functions over strings, precompiled regexes, no backtracking traps:
this runs for every KR of every file, so it has to be fast (see benchmarks/).

The method, in order:

1. Normalise arrows ("40% -> 55%" reads "40% to 55%").
2. Blank out parenthesised baselines "(currently 12%)" after noting them, then deadlines
   ("by end of Q3"), so their numbers are not taken for targets.
3. Find every quantity and give each a role from the words just before it: "from" or
   "currently" makes a baseline, "to"/"reach"/"at" a target, "by" a change. "X to Y" with no
   "from" reads as baseline and target. What is left: the first unlabelled number is the
   target (or a relative change after increase/decrease verbs when it is a bare percent).
4. The metric is what remains of the sentence once the verb, numbers, connectors and the
   deadline are taken out.
"""

from __future__ import annotations

import re

from assistant.model import Change, Direction, KRParse, Quantity
from assistant.parse.vocabulary import (
    DECREASE_VERBS,
    IMPROVE_VERBS,
    INCREASE_VERBS,
    MAINTAIN_VERBS,
    MONTHS,
    NUMBER_WORDS,
    REACH_VERBS,
    UNIT_ALIASES,
)

_ARROWS = re.compile(r"\s*(?:-{1,2}>|→|⟶|➔|➡️?|=>|—>|–>)\s*")
_PAREN = re.compile(r"\(([^()]{1,80})\)")
_PAREN_BASELINE_HINT = re.compile(
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
    r"\b(?:by|before|until|till|through|thru|in|during|for|at|on|ending|due)\s+(?:the\s+)?"
    r"(?:(?:end|close|start)\s+of\s+(?:the\s+)?)?" + _PERIOD + r"(?![\w%])"
    r"|\b(?:(?:end|close)\s+of\s+(?:the\s+)?)" + _PERIOD + r"(?![\w%])"
    r"|(?<![\w-])(?:q[1-4]|h[12])(?:\s*'?(?:20)?\d{2})?(?![\w%])"
    r"|\b20\d{2}-?q[1-4]\b"
)

_NUMBER = re.compile(
    r"(?<![\w:])(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)(?![\w:])|"
    r"(?<![\w.$€£/-])(?P<neg>-(?=[$€£]?\d))?(?P<cur>[$€£])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<mag>(?:k|mm|m|bn|b)(?![a-z])|\s(?:million|billion|thousand)\b)?"
    r"(?P<pct>\s?%)?"
    r"(?P<x>\s?[x×](?![a-z]))?"
    r"(?P<plus>\+)?"
    r"(?P<scale>\s?/\s?\d+(?:\.\d+)?(?!\w))?"
    r"(?P<hyphen>-[a-z])?"
    r"|\b(?P<word>zero)\b"
)
_MAGNITUDES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "b": 1e9,
               "bn": 1e9, "billion": 1e9}
_UNIT_AFTER = re.compile(r"\s?([a-z]+)")
_NOT_A_NOUN = frozenset(
    """to by in per or and of from at on for with within a an the than vs versus up down
    over under across among before after until this each every while plus as""".split()
)
_PER_AFTER = re.compile(
    r"\s*(?:per|/|a|an|each|every)\s*(day|week|month|quarter|year|sprint|release|mo|wk|yr)\b"
)
_CMP_BEFORE = re.compile(
    r"(?:(?P<ge>at least|no less than|not less than|more than|greater than|over|above|"
    r"in excess of|≥|>=|>)|(?P<le>at most|no more than|not more than|less than|fewer than|"
    r"under|below|within|up to|max(?:imum)?(?: of)?|≤|<=|<)|(?:about|around|roughly|"
    r"approx(?:imately|\.)?|nearly|almost|~|≈))\s*$"
)
_INCLUSIVE = frozenset(
    {"at least", "no less than", "not less than", "at most", "no more than", "not more than",
     "up to", "within", "≥", ">=", "≤", "<="}
)
_CMP_AFTER = re.compile(
    r"\s*(?:or|and)\s+(?:(?P<le>fewer|less|lower|below|under|faster|better)|"
    r"(?P<ge>more|higher|above|greater|over|up))\b"
)
_BASELINE_BEFORE = re.compile(
    r"(?:\bfrom(?:\s+(?:a\s+)?baseline\s+of)?|\bbaseline(?:\s+of|\s+is)?\s*:?|\bcurrent(?:ly)?"
    r"(?:\s+at|\s+is)?\s*:?|\btoday(?:\s+at)?\s*:?|\bnow(?:\s+at)?|\bwas|\bvs\.?|\bversus|"
    r"\bstarting\s+(?:at|from)|\bbase\s*:?|\blast\s+(?:quarter|year|month|cycle)\s*:?)\s*$"
)
_BASELINE_AFTER = re.compile(
    r"\s*(?:today|now|currently|at present|baseline|ytd|as of|"
    r"last (?:quarter|year|month|cycle))\b"
)
_TARGET_BEFORE = re.compile(
    r"(?:\bto|\btowards?|\binto|\bat|\breach(?:ing)?|\bhit(?:ting)?|=|:|\btarget(?:\s+of)?"
    r"\s*:?|\bgoal\s*:?|\bof)\s*$"
)
_CHANGE_BEFORE = re.compile(r"\bby\s*$")
_TO_BETWEEN = re.compile(r"^\s*(?:to|-|–)\s*$")
_SHORT_TO = re.compile(r"^\s*(?:[a-z][\w/-]*\s+){1,3}to\s*$")
_WORD_CHANGES = (
    (re.compile(r"\b(?:by|in)\s+half\b|\bhalv(?:e|es|ed|ing)\b"), 0.5),
    (re.compile(r"\bdoubl(?:e|es|ed|ing)\b|\btwofold\b"), 2.0),
    (re.compile(r"\btripl(?:e|es|ed|ing)\b|\bthreefold\b"), 3.0),
    (re.compile(r"\bby\s+(?:a|one)\s+third\b"), 2 / 3),
    (re.compile(r"\bby\s+(?:a|one)\s+quarter\b"), 0.75),
)
_LEADING_VERB = re.compile(r"\s*([a-z]+(?:-[a-z]+)?)")
_METRIC_JUNK = re.compile(
    r"\b(?:from|to|by|at|of|or|and|fewer|less|more|lower|higher|under|over|above|below|"
    r"least|most|no|than|up|down|per|currently|current|baseline|today|now|the|our|a|an|"
    r"within|with|target|reach|reaching)\b|[^\w\s&/-]"
)
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[\w&/-]+")
_EDGE_STOPWORDS = frozenset(
    "the a an our of to from by at in on for with and or per than".split()
)


def _direction_of(verb: str) -> Direction | None:
    if verb in INCREASE_VERBS:
        return "increase"
    if verb in DECREASE_VERBS:
        return "decrease"
    if verb in IMPROVE_VERBS:
        return "improve"
    if verb in MAINTAIN_VERBS:
        return "maintain"
    if verb in REACH_VERBS:
        return "reach"
    return None


class _Span:
    """A quantity found in the text, with where it sits and what role it plays."""

    __slots__ = ("end", "qty", "role", "start")

    def __init__(self, qty: Quantity, start: int, end: int) -> None:
        self.qty = qty
        self.start = start
        self.end = end
        self.role = ""  # "baseline" | "target" | "change" | "other"


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _quantity(m: re.Match[str], low: str) -> tuple[Quantity, int] | None:
    """Build a Quantity from a number match; return it with the end of its unit words."""
    if m.group("word"):
        return Quantity(value=NUMBER_WORDS[m.group("word")], text=m.group(0)), m.end()
    if m.group("clock"):  # "2:08" (h:mm or m:ss): compare as minutes of the same clock
        parts = [int(x) for x in m.group("clock").split(":")]
        value = parts[0] * 60 + parts[1] + (parts[2] / 60 if len(parts) > 2 else 0)
        return Quantity(value=value, unit="clock", text=m.group(0)), m.end()
    if m.group("hyphen"):  # "30-day retention": a qualifier of the metric, not a value
        return None
    value = float(m.group("num").replace(",", ""))
    mag = m.group("mag")
    if mag:
        value *= _MAGNITUDES[mag.strip()]
    if m.group("neg"):
        value = -value
    unit = ""
    end = m.end()
    if m.group("cur"):
        unit = m.group("cur")
    elif m.group("pct"):
        unit = "%"
    elif m.group("scale"):
        unit = m.group("scale").replace(" ", "")
    elif not m.group("x"):
        after = _UNIT_AFTER.match(low, end)
        if after:
            alias = UNIT_ALIASES.get(after.group(1))
            if alias is not None:
                unit = alias
                end = after.end()
                if after.group(1) in ("business", "working"):  # "3 business days"
                    more = _UNIT_AFTER.match(low, end)
                    if more and more.group(1).startswith("day"):
                        end = more.end()
            elif after.group(1) in ("pp", "bps"):
                unit = after.group(1)
                end = after.end()
    if unit == "" and not m.group("x"):
        after = _UNIT_AFTER.match(low, end)
        if after and after.group(1) not in _NOT_A_NOUN:
            unit = "#"  # "3,000 users": a count of things, not a bare number
    comparator = "="
    if m.group("plus"):
        comparator = ">="
    per = ""
    per_m = _PER_AFTER.match(low, end)
    if per_m:
        per = {"mo": "month", "wk": "week", "yr": "year"}.get(per_m.group(1), per_m.group(1))
        end = per_m.end()
    qty = Quantity(value=value, unit=unit, text=m.group(0).strip(), comparator=comparator,
                   per=per)
    return qty, end


def _find_quantities(low: str) -> list[_Span]:
    spans: list[_Span] = []
    for m in _NUMBER.finditer(low):
        built = _quantity(m, low)
        if built is None:
            continue
        qty, end = built
        span = _Span(qty, m.start(), end)
        cmp_after = _CMP_AFTER.match(low, end)
        if cmp_after:
            qty.comparator = "<=" if cmp_after.group("le") else ">="
            span.end = cmp_after.end()
        spans.append(span)
    return spans


def _assign_roles(low: str, spans: list[_Span], direction: Direction | None,
                  verb: str | None) -> None:
    for i, span in enumerate(spans):
        before = low[max(0, span.start - 48):span.start].rstrip()
        cmp_m = _CMP_BEFORE.search(before)
        if cmp_m:
            if span.qty.comparator == "=":
                word = cmp_m.group("ge") or cmp_m.group("le")
                if word:
                    inclusive = word in _INCLUSIVE or word.startswith(("max", "min"))
                    span.qty.comparator = (">=" if inclusive else ">") if cmp_m.group("ge") \
                        else ("<=" if inclusive else "<")
            before = before[:cmp_m.start()].rstrip()
        if span.qty.text.endswith(("x", "×")) and not _BASELINE_BEFORE.search(before):
            span.role = "change"
        elif _BASELINE_BEFORE.search(before) or _BASELINE_AFTER.match(low, span.end):
            span.role = "baseline"
        elif _CHANGE_BEFORE.search(before):
            span.role = "change"
        elif _TARGET_BEFORE.search(before):
            span.role = "target"
            prev = spans[i - 1] if i else None
            if prev is not None and prev.role in ("", "target"):
                between = low[prev.end:span.start]
                # "5% to 3%" and "1.5k MAU to 3k": a starting value with no "from"
                if _TO_BETWEEN.match(between) or (
                    direction in ("increase", "decrease") and _SHORT_TO.match(between)
                ):
                    prev.role = "baseline"
    has_goal = any(s.role in ("target", "change") for s in spans)
    for span in spans:
        if span.role:
            continue
        if has_goal:
            span.role = "other"
            continue
        if (direction in ("increase", "decrease") and span.qty.unit == "%") or verb == "add":
            span.role = "change"
        else:
            span.role = "target"
        has_goal = True


def _change_from(span: _Span) -> Change:
    q = span.qty
    if q.text.endswith(("x", "×")):
        return Change(kind="factor", value=q.value, text=q.text)
    if q.unit == "%":
        return Change(kind="percent", value=q.value, text=q.text, unit="%")
    return Change(kind="absolute", value=q.value, text=q.text, unit=q.unit)


def parse_kr(text: str) -> KRParse:
    """Parse one Key Result sentence. Never raises; what it cannot read stays ``None``."""
    low = _ARROWS.sub(" to ", text.lower())
    result = KRParse()

    baselines: list[_Span] = []
    for m in _PAREN.finditer(low):
        inner = m.group(1)
        if _PAREN_BASELINE_HINT.search(inner):
            found = _find_quantities(inner)
            if len(found) == 1:
                span = found[0]
                span.role = "baseline"
                span.start, span.end = m.start(), m.end()  # the whole "(currently 12%)"
                baselines.append(span)
                low = _blank(low, m.start(), m.end())

    deadline_m = _DEADLINE.search(low)
    if deadline_m:
        result.deadline = _recase(text, low[deadline_m.start():deadline_m.end()].strip())
        low = _DEADLINE.sub(lambda m: " " * len(m.group(0)), low)

    verb_m = _LEADING_VERB.match(low)
    verb = verb_m.group(1) if verb_m else None
    direction = _direction_of(verb) if verb else None
    if verb and verb_m and verb in ("bring", "drive", "push", "speed"):
        rest = low[verb_m.end():verb_m.end() + 40]
        if re.search(r"\bdown\b", rest):
            direction = "decrease"
        elif re.search(r"\bup\b", rest) and verb != "speed":
            direction = "increase"
    result.verb = verb if direction else None

    spans = _find_quantities(low)
    _assign_roles(low, spans, direction, verb)
    spans = baselines + spans
    result.quantities = [s.qty for s in spans]
    result.goals = sum(1 for s in spans if s.role in ("target", "change"))
    for span in spans:
        if span.role == "baseline" and result.baseline is None:
            result.baseline = span.qty
        elif span.role == "target" and result.target is None:
            result.target = span.qty
        elif span.role == "change" and result.change is None:
            result.change = _change_from(span)
    if result.change is None:
        for pattern, factor in _WORD_CHANGES:
            if pattern.search(low):
                result.change = Change(kind="factor", value=factor, text=pattern.pattern)
                if direction is None:
                    direction = "decrease" if factor < 1 else "increase"
                break
    _inherit_units(result)

    if direction is None and result.baseline and result.target:
        if result.target.value > result.baseline.value:
            direction = "increase"
        elif result.target.value < result.baseline.value:
            direction = "decrease"
    result.direction = direction
    result.metric = _metric(text, low, spans, verb_m.end() if (verb_m and result.verb) else 0)
    return result


def _inherit_units(result: KRParse) -> None:
    """"from 10 to 5 minutes": the baseline takes the target's unit, and the other way."""
    b, t = result.baseline, result.target
    if b and t:
        if not b.unit and t.unit:
            b.unit = t.unit
        elif not t.unit and b.unit:
            t.unit = b.unit
        if not b.per and t.per:
            b.per = t.per
        elif not t.per and b.per:
            t.per = b.per


def _metric(text: str, low: str, spans: list[_Span], verb_end: int) -> str | None:
    chars = list(low)
    for i in range(verb_end):
        chars[i] = " "
    for span in spans:
        if span.end <= len(chars):
            for i in range(span.start, span.end):
                chars[i] = " "
    masked = "".join(chars)
    kept = _METRIC_JUNK.sub(" ", masked)
    words = [w for w in _SPACES.split(kept) if w]
    while words and words[0] in _EDGE_STOPWORDS:
        words.pop(0)
    while words and words[-1] in _EDGE_STOPWORDS:
        words.pop()
    if not words:
        return None
    return _recase(text, " ".join(words))


def _recase(original: str, lowered: str) -> str:
    """Give words back the author's casing ("NPS", "P0", "Q3") after working in lower case."""
    casing = {w.lower(): w for w in _WORDS.findall(original)}
    return _WORDS.sub(lambda m: casing.get(m.group(0), m.group(0)), lowered)


_YEAR = re.compile(r"(?<![\w$€£.,])20\d{2}(?![\w%,.]\d)")


def find_period(text: str) -> str | None:
    """A cycle or deadline anywhere in ``text`` ("Q3 2027", "by September 15", "2027")."""
    low = text.lower()
    m = _DEADLINE.search(low) or _YEAR.search(low)
    return _recase(text, m.group(0).strip()) if m else None
