"""Team and cycle from a document's title: "Growth Team OKRs – Q3 FY26", "FY27 Q1",
"Data Platform — H1 2025", "Wiki team 2024/25", "Q3 2027 OKRs (Payments)"."""

from __future__ import annotations

import re

from assistant.parse.lazy import lazy

_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_YEAR = r"(?:fy\s?'?)?(?:20)?\d{2}"
# The longest forms first, so "Q3 FY26" is one cycle and not "Q3" with a stray "FY26".
CYCLE = lazy(
    r"(?<![\w-])(?:"
    rf"(?:q[1-4]|h[12]|t[1-3])\s*(?:[-/,]\s*|'|\s)?(?:cy|fy)?\s?'?(?:20)?\d{{2}}(?!\d)"
    rf"|(?:cy|fy)\s?'?(?:20)?\d{{2}}(?:\s*[-/ ]\s*(?:q[1-4]|h[12]))?"
    r"|20\d{2}\s*[-/ ]?\s*(?:q[1-4]|h[12])"
    r"|20\d{2}\s*[/–-]\s*(?:20)?\d{2}(?!\d)"
    rf"|(?:{_MONTHS})\s*(?:[-–]\s*(?:{_MONTHS})\s*)?(?:20)?\d{{2}}(?!\d)"
    r"|q[1-4]|h[12]|20\d{2}"
    r")(?![\w-])"
)
_SEPARATORS = lazy(r"\s*(?:[—–:|,]|\s-\s|\(|\))\s*")
_OKRS_WORD = lazy(r"(?i)\b(?:okrs?|objectives?(?:\s*(?:and|&)\s*key\s*results?)?|"
                        r"goals?|plan|roadmap)\b")
_YEAR_ONLY = lazy(_YEAR)


def title_parts(text: str) -> tuple[str | None, str | None]:
    """(team, cycle) of a title; either is None when the title does not give it."""
    m = CYCLE().search(text.lower())
    cycle = text[m.start():m.end()] if m else None
    rest = text if m is None else text[:m.start()] + " " + text[m.end():]
    rest = _OKRS_WORD().sub(" ", rest)
    team = _SEPARATORS().sub(" ", rest)
    team = re.sub(r"\s+", " ", team).strip(" -—–:|,.()'\"") or None
    if team and (team.lower() in ("for", "the", "our", "team", "for the") or
                 _YEAR_ONLY().fullmatch(team.lower())):
        team = None
    return team, cycle
