"""Key Results in the common plain shapes, read word by word in one pass.

Most Key Results take one of a few shapes: "<verb> <metric> from <number> to <number>",
"<verb> <metric> to <number>", "... by <number>", "... above <number>", or words alone
("Launch the pricing page"), each with an optional deadline ("by end of Q3", "in H2 2027"),
and compound KRs with a second clause of the same shape ("Raise CSAT from 80% to 90% and
gross margin from 16% to 38%", read as the general parser reads it: one metric of both
clauses' words, the first clause's baseline and target, two goals).
The general parser (``phrase.py``) reads these too, in a dozen regex passes over the text: the
parentheses, the deadline search, the number search, a regex per number for its unit and
period, the role of each number from the words before it, the metric. For a sentence in one
of these shapes, one ``str.split`` and a walk over the words give all of it, several times
cheaper (benchmarks/).

The rule that keeps this honest: ``read`` answers only where its answer is certain to be the
general parser's, and returns None for everything else, which the general parser then reads.
So a metric word must be plain (letters and digits, starting with a letter) and must not be a
word the general parser reads something into: a period word ("May", "quarter"), a word change
("double", "half"), "up"/"down" (which turn "bring" or "drive"), a number word ("zero"), or a
period such as "q3", "h2" or "fy27". tests/test_plain.py checks that both parsers give the
same result for every text of the eval sets and for a generated corpus of these shapes mixed
with exactly those words.
"""

from __future__ import annotations

import re

from assistant.model import Quantity
from assistant.parse.vocabulary import EDGE_STOPWORDS, METRIC_JUNK, UNIT_ALIASES

# Words that can start or complete a deadline, a word change or a number, or turn a verb's
# direction: the general parser reads something into them, so they send a KR to it.
RESERVED = frozenset(
    """jan january feb february mar march apr april may jun june jul july aug august sep sept
    september oct october nov november dec december quarter half year cycle month sprint
    eoq eom eoy eoh up down zero halve halves halved halving double doubles doubled doubling
    twofold triple triples tripled tripling threefold third""".split()
)
# The word before a number, and the role it gives that number; comparators leave the role to
# the general rules (the words before them decide: roles.assign_roles).
_LEADS = {"from": "baseline", "to": "target", "by": "change", "above": "", "below": "",
          "under": "", "over": ""}
_DEADLINE_WORDS = frozenset({"by", "in", "before"})
_PERIODS = {"q1", "q2", "q3", "q4", "h1", "h2"}
_PER = {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year",
        "sprint": "sprint", "release": "release", "mo": "month", "wk": "week", "yr": "year"}
# Unit words the quantity reader takes after a bare number ("14 days", "300ms"), as it names
# them; "business" and "working" are left out: the reader looks one word further after them.
_UNITS = {w: u for w, u in UNIT_ALIASES.items() if w not in ("business", "working")}
_UNITS["bps"] = "bps"
# Words after a bare number that the quantity reader does not take for a counted noun.
_NOT_A_NOUN_HERE = frozenset({"to", "by", "in", "before", "per", "and"})
# "and" followed by one of these binds to the number before it ("20 and more": a bound), as
# the quantity reader reads it; the words then start no second clause.
_BOUND_AFTER_AND = frozenset(
    "fewer less lower below under faster better more higher above greater over up".split()
)

# One number word: "$16k", "1,200", "4.5", "20%", "300ms". The groups mirror quantities._NUMBER.
_NUMBER = re.compile(
    r"(\$)?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:(k|mm|m|bn|b)|(%)|([a-z]+))?"
)
_MAGNITUDES = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9}
_YEAR = re.compile(r"20\d\d")
_NUMBER_STARTS = frozenset("0123456789$")
_DEADLINE_YEAR = re.compile(r"20\d{2}(?![\w%])")  # "by 2027": the deadline pattern's year
_PERIOD_LIKE = re.compile(r"(?:q|h|fy)\d")


# A number the walk found, with its role ("baseline", "target", "change"), or "" after a
# comparator word, where the general rules decide from the words around it.
Found = tuple[str, Quantity]


class Plain:
    """What the walk found: the verb, the numbers in order (``found``), where the number sits
    when its role is left to the general rules (``around``: "above 90%"), the deadline's span,
    and the words (``tokens``, lowered) up to ``stop``, where the numbers or the deadline
    start; ``more`` is the range of words that name a second clause's metric ("... and gross
    margin from 16% to 38%")."""

    __slots__ = ("around", "deadline", "found", "more", "stop", "tokens", "verb")

    def __init__(self, verb: str, found: list[Found], around: tuple[int, int] | None,
                 deadline: tuple[int, int] | None, tokens: list[str], stop: int,
                 more: tuple[int, int] | None) -> None:
        self.verb = verb
        self.found = found
        self.around = around
        self.deadline = deadline
        self.tokens = tokens
        self.stop = stop
        self.more = more


def _plain_words(words: list[str]) -> bool:
    """Whether every word is plain: ASCII letters and digits starting with a letter, joined by
    single hyphens, none of them reserved or a period."""
    joined = "".join(words)
    if not joined.isascii():
        return False
    parts = words
    if "-" in joined:
        parts = "-".join(words).split("-")
        if "" in parts:
            return False
        joined = joined.replace("-", "")
    if not joined.isalpha():  # digits somewhere: "p95" is plain, "3d" and "q3" are not
        if not joined.isalnum():
            return False
        for part in parts:
            if not part.isalpha() and (not part[0].isalpha() or _PERIOD_LIKE.match(part)):
                return False  # (a word of letters alone is neither: no regex for it)
    return RESERVED.isdisjoint(parts)


def _quantity(tokens: list[str], i: int) -> tuple[Quantity, int] | None:
    """The quantity whose number is ``tokens[i]`` ("20", "15%", "$16k", "1,200", "4.5",
    "300ms"), with its unit word and period, and the index after them; None where the general
    reader would read more (a counted noun, "or fewer") or something else."""
    word = tokens[i]
    if word.isdigit() and word.isascii():  # the common cases first, without a regex
        value, text, unit = float(word), word, ""
    elif word[-1] == "%" and word[:-1].isdigit() and word.isascii():
        value, text, unit = float(word[:-1]), word, "%"
    else:
        m = _NUMBER.fullmatch(word)
        if m is None:
            return None
        cur, num, mag, pct, letters = m.groups()
        value = float(num.replace(",", "")) if "," in num else float(num)
        if mag is not None:
            value *= _MAGNITUDES[mag]
        text = word
        unit = cur or ("%" if pct is not None else "")
        if letters is not None:  # "300ms"
            if cur is not None or letters not in _UNITS:
                return None
            text, unit = word[: -len(letters)], _UNITS[letters]
    i += 1
    if unit == "" and text is word and i < len(tokens):
        after = tokens[i]
        if after in _UNITS:  # "14 days"
            unit = _UNITS[after]
            i += 1
        elif after not in _NOT_A_NOUN_HERE:
            return None  # "200 customers" (a count) and the like: the general reader
    per = ""
    if i + 1 < len(tokens) and tokens[i] == "per" and tokens[i + 1] in _PER:
        per = _PER[tokens[i + 1]]
        i += 2
    # Positional (value, unit, text, comparator, per), as in quantities.py.
    return Quantity(value, unit, text, "=", per), i


def _clause(tokens: list[str], lead_at: int) -> tuple[list[Found], int] | None:
    """The numbers of "from <number> to <number>" or "<lead> <number>" starting at the lead
    word ``tokens[lead_at]``, with the roles the lead gives them, and the index after them."""
    lead = tokens[lead_at]
    found = _quantity(tokens, lead_at + 1)
    if found is None:
        return None
    first, after = found
    if lead == "from" and after + 1 < len(tokens) and tokens[after] == "to":
        found = _quantity(tokens, after + 1)
        if found is None:
            return None
        return [("baseline", first), ("target", found[0])], found[1]
    if lead == "by" and _DEADLINE_YEAR.match(tokens[lead_at + 1]):
        return None  # "by 2027" is a deadline, not a change
    return [(_LEADS[lead], first)], after


def _second_clause(tokens: list[str], start: int) -> tuple[list[Found], int, int] | None:
    """A second clause after "and" at ``tokens[start - 1]``: plain words naming a metric, then
    a lead and its numbers ("gross margin from 16% to 38%"). Returns its numbers, where its
    lead word is (its metric is ``tokens[start:lead]``) and the index after it; None unless
    the lead gives its numbers their roles (a comparator leaves them to the general rules)."""
    n = len(tokens)
    if start + 1 >= n or tokens[start].partition("-")[0] in _BOUND_AFTER_AND:
        return None
    lead = start + 1
    while lead + 1 < n and tokens[lead + 1][0] not in _NUMBER_STARTS:
        lead += 1
    if lead + 1 >= n or not _LEADS.get(tokens[lead]):
        return None
    found = _clause(tokens, lead)
    if found is None:
        return None
    return found[0], lead, found[1]


def _deadline(tokens: list[str], i: int) -> int:
    """The index after a deadline starting at ``tokens[i]`` ("by end of q3", "in h2 2027",
    "before 2028"), or -1."""
    n = len(tokens)
    if tokens[i] not in _DEADLINE_WORDS:
        return -1
    i += 1
    if i < n and tokens[i] == "the":
        i += 1
    if i + 1 < n and tokens[i] == "end" and tokens[i + 1] == "of":
        i += 2
        if i < n and tokens[i] == "the":
            i += 1
    if i >= n:
        return -1
    if tokens[i] in _PERIODS:
        i += 1
        if i < n and _YEAR.fullmatch(tokens[i]):
            i += 1
        return i
    return i + 1 if _YEAR.fullmatch(tokens[i]) else -1


def _offset(tokens: list[str], i: int) -> int:
    return len(" ".join(tokens[:i])) + 1 if i else 0


def read(text: str, low: str) -> Plain | None:
    """The reading of a KR if it has one of the plain shapes, else None. ``low`` is
    ``text.lower()``, of the same length."""
    tokens = low.split(" ")
    n = len(tokens)
    if n < 2 or "" in tokens:
        return None  # double spaces and the like: the general parser
    last = tokens[-1]
    if last[-1] == ".":
        tokens[-1] = last = last[:-1]
        if not last or last[-1] == ".":
            return None
    verb = tokens[0]
    if not (verb.isascii() and verb.isalpha()) or verb in RESERVED:
        return None
    first = 0  # the first number, if any
    for i in range(2, n):
        if tokens[i][0] in _NUMBER_STARTS:
            first = i
            break
    found: list[Found] = []
    more = None
    lead = tokens[first - 1] if first else ""
    role = _LEADS.get(lead)
    if role is not None and first >= 3:  # verb, a metric word, the lead, the number
        stop = first - 1
        clause = _clause(tokens, stop)
        if clause is None:
            return None
        found, after = clause
        if after < n and tokens[after] == "and" and role:  # "... and <metric> from 16% to 38%"
            second = _second_clause(tokens, after + 1)
            if second is None:
                return None
            more = (after + 1, second[1])
            if not _plain_words(tokens[after + 1:second[1]]):
                return None
            found += second[0]
            after = second[2]
        deadline_at = after
        if after < n and _deadline(tokens, after) != n:
            return None
    else:  # no number before a deadline: words, then perhaps "by end of q3"
        stop = deadline_at = n
        if last in _PERIODS or _YEAR.fullmatch(last):
            for i in range(n - 2, 1, -1):
                if tokens[i] in _DEADLINE_WORDS and _deadline(tokens, i) == n:
                    stop = deadline_at = i
                    break
    if not _plain_words(tokens[1:stop]):
        return None
    around = None
    if found and not role:  # the general role rules read the text around the number
        start = _offset(tokens, first)
        around = (start, start + len(" ".join(tokens[first:deadline_at])))
    deadline = None
    if deadline_at < n:
        start = _offset(tokens, deadline_at)
        deadline = (start, start + len(" ".join(tokens[deadline_at:])))
    return Plain(verb, found, around, deadline, tokens, stop, more)


def plain_metric(text: str, found: Plain, with_verb: bool) -> str | None:
    """The metric as phrase._metric names it: the words before the numbers or the deadline
    (from the verb on when it moves nothing), in the author's casing, less connectors and
    stop words at the edges."""
    tokens, stop = found.tokens, found.stop
    start = 0 if with_verb else 1
    region = tokens[start:stop]
    if found.more is None:
        at = 0 if with_verb else len(tokens[0]) + 1
        span = text[at:at + len(" ".join(region))]  # lowering kept every offset
        if METRIC_JUNK.isdisjoint(region) and region[0] not in EDGE_STOPWORDS \
                and region[-1] not in EDGE_STOPWORDS:
            return span  # the common case: every word kept
        words = span.split(" ")
    else:  # both clauses' metrics, read as one run of words, as the general parser does
        words = text.split(" ")  # the same split as ``tokens``: lowering kept every offset
        words = words[start:stop] + words[found.more[0]:found.more[1]]
        region = region + tokens[found.more[0]:found.more[1]]
    kept = [k for k in range(len(region)) if region[k] not in METRIC_JUNK]
    while kept and region[kept[0]] in EDGE_STOPWORDS:
        del kept[0]
    while kept and region[kept[-1]] in EDGE_STOPWORDS:
        kept.pop()
    return " ".join([words[k] for k in kept]) if kept else None
