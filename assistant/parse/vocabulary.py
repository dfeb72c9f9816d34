"""Word lists the phrase parser needs to read a Key Result.

These describe English, not policy: which verbs move a metric up or down, which keep it,
which name a piece of work. The rubric's *judgements* (thresholds, severities) live in
``rubrics/default.toml``; its word lists for rules live there too.
"""

from __future__ import annotations

INCREASE_VERBS = frozenset(
    """increase increases increasing raise grow boost lift expand double triple quadruple
    accelerate up gain scale extend broaden widen push climb maximize maximise add multiply
    strengthen deepen drive""".split()
)
DECREASE_VERBS = frozenset(
    """reduce decrease cut lower drop shrink halve minimize minimise eliminate shorten slash
    trim lessen curb decline compress remove bring-down""".split()
)
IMPROVE_VERBS = frozenset(
    "improve enhance optimize optimise better speed streamline simplify modernise modernize"
    .split())
REACH_VERBS = frozenset(
    """reach achieve hit get attain land secure close sign win exceed surpass generate
    acquire convert retain earn book collect capture have see deliver bring onboard""".split()
)
MAINTAIN_VERBS = frozenset("maintain keep sustain hold stay remain preserve protect".split())

# Words that are never part of a metric's name ("from", "to", "at least"...), and words a metric
# name does not start or end with ("the", "of").
METRIC_JUNK = frozenset(
    """from to by at of or and fewer less more lower higher under over above below least most
    no than up down per currently current baseline today now the our a an within with target
    reach reaching""".split()
)
EDGE_STOPWORDS = frozenset("the a an our of to from by at in on for with and or per than".split())

# Month names and their short forms, as one compact alternation (cheap to compile and match).
MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)

# Normalised unit names and the class they belong to (baseline and target must agree).
UNIT_CLASSES: dict[str, str] = {
    "#": "count",
    "clock": "",  # "28:40" may be h:mm or m:ss; compare it with anything
    "%": "percent",
    "pp": "percent-points",
    "$": "money",
    "€": "money",
    "£": "money",
    "ms": "time",
    "s": "time",
    "min": "time",
    "h": "time",
    "days": "time",
    "weeks": "time",
    "months": "time",
    "years": "time",
}

# Seconds per time unit, so "from 2 s to 900 ms" compares as numbers.
TIME_SECONDS: dict[str, float] = {
    "ms": 0.001,
    "s": 1,
    "min": 60,
    "h": 3600,
    "days": 86400,
    "weeks": 604800,
    "months": 2_629_800,
    "years": 31_557_600,
}

UNIT_ALIASES: dict[str, str] = {
    "ms": "ms",
    "msec": "ms",
    "millisecond": "ms",
    "milliseconds": "ms",
    "s": "s",
    "sec": "s",
    "secs": "s",
    "second": "s",
    "seconds": "s",
    "min": "min",
    "mins": "min",
    "minute": "min",
    "minutes": "min",
    "h": "h",
    "hr": "h",
    "hrs": "h",
    "hour": "h",
    "hours": "h",
    "d": "days",
    "day": "days",
    "days": "days",
    "business": "days",  # "3 business days"
    "working": "days",
    "wk": "weeks",
    "wks": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "mo": "months",
    "mos": "months",
    "month": "months",
    "months": "months",
    "yr": "years",
    "yrs": "years",
    "year": "years",
    "years": "years",
    "pp": "pp",
    "pts": "pts",
    "point": "pts",
    "points": "pts",
    "percent": "%",
    "percentage": "pp",
    "usd": "$",
    "dollars": "$",
    "eur": "€",
    "euros": "€",
    "gbp": "£",
}

NUMBER_WORDS: dict[str, float] = {"zero": 0}
