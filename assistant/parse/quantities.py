"""Numbers in Key Results: "38%", "$1.2M", "1.5k", "1,200", "4.6/5", "2:08", "8 per month",
"3 or fewer", with their units, periods and bounds. Used by the phrase parser."""

from __future__ import annotations

import re

from assistant.model import Quantity
from assistant.parse.scan import finditer
from assistant.parse.vocabulary import NUMBER_WORDS, UNIT_ALIASES

# A number, tried only where _NUMBER_STARTS finds a character one can begin with (scan.py
# explains why: this runs for every KR).
_NUMBER = re.compile(
    r"(?:"
    r"(?<![\w:])(?P<clock>\d{1,2}:\d{2}(?::\d{2})?)(?![\w:])|"
    r"(?<![\w.$€£/+−#-])(?P<neg>[-−+](?=[$€£]?\d))?(?P<cur>[$€£])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?P<mag>(?:k|mm|m|bn|b)(?![a-z])|\s(?:million|billion|thousand)\b)?"
    r"(?P<pct>\s?%)?"
    r"(?P<x>\s?[x×](?![a-z]))?"
    r"(?P<plus>\+)?"
    r"(?P<scale>\s?/\s?\d+(?:\.\d+)?(?!\w))?"
    r"(?P<hyphen>-[a-z])?"
    r"|\b(?P<word>zero)\b)"
)
NUMBER_GROUPS = ("clock", "neg", "cur", "num", "mag", "pct", "x", "plus", "scale", "hyphen",
                 "word")
_NUMBER_STARTS = re.compile(r"[\d$€£.z+−-]")
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
_CMP_AFTER = re.compile(
    r"\s*(?:or|and)\s+(?:(?P<le>fewer|less|lower|below|under|faster|better)|"
    r"(?P<ge>more|higher|above|greater|over|up))\b"
)
def _could_be_per(ahead: str) -> bool:
    """Whether the text after a number could start "per month", "/wk", "a week", "every..."."""
    return ("per" in ahead or "/" in ahead or " a" in ahead or "each" in ahead
            or "every" in ahead)


class Span:
    """A quantity found in the text, with where it sits and what role it plays."""

    __slots__ = ("end", "qty", "role", "start")

    def __init__(self, qty: Quantity, start: int, end: int) -> None:
        self.qty = qty
        self.start = start
        self.end = end
        self.role = ""  # "baseline" | "target" | "change" | "other"


def _quantity(m: re.Match[str], low: str) -> tuple[Quantity, int] | None:
    """Build a Quantity from a number match; return it with the end of its unit words."""
    # One groups() call instead of a lookup by name per group; the order is the pattern's
    # (NUMBER_GROUPS, checked by the tests).
    (clock, neg, cur, num, mag, pct, times, plus, scale, hyphen, word) = m.groups()
    if word:
        return Quantity(value=NUMBER_WORDS[word], text=m.group(0)), m.end()
    if clock:  # "2:08" (h:mm or m:ss): compare as minutes of the same clock
        parts = [int(x) for x in clock.split(":")]
        value = parts[0] * 60 + parts[1] + (parts[2] / 60 if len(parts) > 2 else 0)
        return Quantity(value=value, unit="clock", text=m.group(0)), m.end()
    if hyphen:  # "30-day retention": a qualifier of the metric, not a value
        return None
    value = float(num.replace(",", "")) if "," in num else float(num)
    if mag:
        value *= _MAGNITUDES[mag.strip()]
    if neg and neg != "+":  # "+5" (an eNPS) is written signed; "-12" and "−12" are negative
        value = -value
    unit = ""
    end = m.end()
    if cur:
        unit = cur
    elif pct:
        unit = "%"
    elif scale:
        unit = scale.replace(" ", "")
    elif not times:
        after = _UNIT_AFTER.match(low, end)
        if after:
            unit_word = after.group(1)
            alias = UNIT_ALIASES.get(unit_word)
            if alias is not None:
                unit = alias
                end = after.end()
                if unit_word in ("business", "working"):  # "3 business days"
                    more = _UNIT_AFTER.match(low, end)
                    if more and more.group(1).startswith("day"):
                        end = more.end()
            elif unit_word in ("pp", "bps"):
                unit = unit_word
                end = after.end()
            elif unit_word not in _NOT_A_NOUN:
                unit = "#"  # "3,000 users": a count of things, not a bare number
    comparator = ">=" if plus else "="
    per = ""
    ahead = low[end:end + 8]  # cheap look before the regexes that only rarely match
    per_m = _PER_AFTER.match(low, end) if _could_be_per(ahead) else None
    if per_m:
        per = {"mo": "month", "wk": "week", "yr": "year"}.get(per_m.group(1), per_m.group(1))
        end = per_m.end()
    # Positional (value, unit, text, comparator, per): keyword arguments make a dataclass
    # __init__ about twice as slow, and this runs for every number of every KR.
    qty = Quantity(value, unit, m.group(0).strip(), comparator, per)
    return qty, end


def find_quantities(low: str) -> list[Span]:
    spans: list[Span] = []
    for m in finditer(_NUMBER_STARTS, _NUMBER, low):
        built = _quantity(m, low)
        if built is None:
            continue
        qty, end = built
        span = Span(qty, m.start(), end)
        ahead = low[end:end + 5]
        cmp_after = _CMP_AFTER.match(low, end) if (" or " in ahead or " and" in ahead) else None
        if cmp_after:
            qty.comparator = "<=" if cmp_after.group("le") else ">="
            span.end = cmp_after.end()
        spans.append(span)
    return spans


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in ``text`` ("38%", "$1.2M", "14 days", "4.1/5", "120 per month")."""
    spans = find_quantities(text.lower())
    return spans[0].qty if spans else None
