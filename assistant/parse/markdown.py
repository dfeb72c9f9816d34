"""Markdown and plain-text OKR documents into an ``OKRSet``, keeping source lines.

Real documents are messy, so the reader is a small line-by-line state machine rather than a
grammar:

* an objective is a line labelled "Objective:", "Objective 2 -", "O1:" (heading, bullet or
  plain line), or an unlabelled heading (level 2 and deeper) that has bullets under it;
* a Key Result is a line labelled "KR1:", "Key Result 2 –", or a bullet under an objective;
  bullets nested under a KR are initiatives (work, not results) and are kept apart;
* the first level-1 heading is the title, giving team and cycle ("# Growth — Q3 2027");
* a "Key Results:" line or heading only announces the KRs that follow;
* status notes after a KR ("=> done", "✅", "[x]") are split off into ``status``;
* an inline ``<!-- okr: ignore K203 -->`` suppresses those codes on that line;
* every non-empty line that fits none of this is reported in ``unplaced``, never dropped.
"""

from __future__ import annotations

import re

from assistant.model import KeyResult, Objective, OKRSet, Unplaced
from assistant.parse.errors import InputError
from assistant.parse.lazy import lazy
from assistant.parse.phrase import parse_kr

MAX_LINE_CHARS = 1000

_BULLET = re.compile(r"^(\s*)(?:[-*+•▪◦‣]|\d{1,3}[.)]|[a-z][.)])\s+(.*)$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
_OBJECTIVE_LABEL = re.compile(
    r"^(?:objective|obj\.?|goal)\s*(?:#?\s*\d{1,3}(?:\.\d{1,2})?)?\s*(?:[:.)\-–—]+\s*|\s+(?=\S))"
    r"|^o\s?\d{1,2}\s*(?:[:.)\-–—]+\s*|\s+(?=[a-z]))"
)
_KR_LABEL = re.compile(
    r"^(?:key\s*results?|kr)\s*(?:#?\s*\d{1,3}(?:\.\d{1,2})?)?\s*(?:[:.)\-–—]+\s*|\s+(?=\S))"
)
_KR_NUMBERED = re.compile(r"kr\d{1,3}: ")
_KR_SECTION = re.compile(r"^(?:key\s*results?|krs?)\s*:?\s*$")
_OBJECTIVES_SECTION = re.compile(r"^(?:objectives?|okrs?)\s*:?\s*$")
_CHECKBOX = re.compile(r"^\[(?: |x|X)\]\s*")
_STATUS_TAIL = lazy(
    r"\s*(?:(?:=>|->|→|—|–|-)\s*(?P<a>done|complete[d]?|achieved|on track|at risk|off track|"
    r"behind|missed|in progress|blocked|dropped)\b.*|\((?P<b>done|complete[d]?|achieved|"
    r"on track|at risk|off track|behind|missed|in progress|blocked|dropped)\)|\s(?P<c>✅|✔️?|✓|"
    r"❌|✗|⚠️?|🟢|🟡|🔴))\s*$"
)
_STATUS_HINT = re.compile(
    r"done|complete|achieved|track|risk|behind|missed|progress|blocked|dropped|[✅✔✓❌✗⚠🟢🟡🔴]"
)
_BRACKET_STATUSES = frozenset(
    """done complete completed achieved behind missed blocked dropped""".split()
) | {"on track", "at risk", "off track", "in progress"}
_IGNORE = lazy(r"<!--\s*okr:\s*ignore\s*\[?([A-Z0-9,\s]+)\]?\s*-->", re.IGNORECASE)
_HTML_COMMENT = lazy(r"<!--.*?-->")
_CYCLE = re.compile(
    r"\b(?:q[1-4]\s*'?(?:20)?\d{2}|20\d{2}\s*[-/ ]?\s*[qh][1-4]|h[12]\s*'?(?:20)?\d{2}|"
    r"fy\s?'?(?:20)?\d{2}|q[1-4]|h[12]|20\d{2})\b"
)
_TITLE_SPLIT = re.compile(r"\s*(?:[—–:|,]|\s-\s)\s*")
_OWNER_LINE = lazy(r"^[A-Z][\w .&/-]{0,30}:$")


def _lower(text: str) -> str:
    """``text.lower()`` with the same length, so match offsets apply to ``text`` too.

    (All the label and status patterns run on lowered text: IGNORECASE made them several
    times slower, and they run on every line.)"""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join((c.lower() or c)[0] for c in text)  # e.g. "İ" lowers to two characters


def _clean(text: str) -> str:
    if "*" in text or "_" in text or "`" in text:
        text = _EMPHASIS.sub("", text)
    return text.strip()


def _may_have_status(tail: str) -> bool:
    """Whether a status word or mark could be in ``tail``: cheap substring tests, since a
    regex alternation is tried at every position (four times the cost, on every KR line)."""
    if not tail.isascii():  # the marks (✅ 🔴 …) are not ASCII; isascii() is O(1)
        return _STATUS_HINT.search(tail) is not None
    # A status in brackets closes the line: "(on track)". Checked exactly, so a line ending
    # "(track 12)" or "(currently 12%)" does not cost the regex.
    stripped = tail.rstrip()
    if stripped[-1:] == ")" and stripped[stripped.rfind("(") + 1:-1] in _BRACKET_STATUSES:
        return True
    # Any other status word follows a dash or an arrow: "- done", "=> at risk".
    if "-" not in tail and ">" not in tail:
        return False
    return ("done" in tail or "track" in tail or "risk" in tail or "complete" in tail
            or "achieved" in tail or "behind" in tail or "missed" in tail
            or "progress" in tail or "blocked" in tail or "dropped" in tail)


def _split_status(text: str, low: str | None = None) -> tuple[str, str | None]:
    # Status notes are short and at the end: searching only the tail keeps this cheap, and
    # most lines have none of the words or marks a status is made of.
    start = len(text) - 48 if len(text) > 48 else 0
    if low is None or len(low) != len(text):
        low = _lower(text)
    if not _may_have_status(low[start:] if start else low):
        return text, None
    m = _STATUS_TAIL().search(low, start)
    if not m:
        return text, None
    status = (m.group("a") or m.group("b") or m.group("c") or "").lower() or None
    return text[: m.start()].rstrip(), status


def _title(text: str) -> tuple[str | None, str | None]:
    """ "Growth team — Q3 2027" → ("Growth team", "Q3 2027")."""
    cycle_m = _CYCLE.search(_lower(text))
    cycle = text[cycle_m.start():cycle_m.end()] if cycle_m else None
    team = text
    if cycle_m:
        team = (text[: cycle_m.start()] + text[cycle_m.end():]).strip()
    team = _TITLE_SPLIT.sub(" ", team).strip(" -—–:|,") or None
    if team and re.fullmatch(r"(?i)okrs?", team):
        team = None
    elif team:
        team = re.sub(r"(?i)\s*\bokrs?\b\s*", " ", team).strip() or None
    return team, cycle


class _Reader:
    """Line-by-line state: the objective and KR being filled, and their indentation."""

    def __init__(self, source: str | None) -> None:
        self.okrs = OKRSet(source=source)
        self.objective: Objective | None = None
        self.objective_indent = -1  # indent of a bullet objective; -1 for heading/plain
        self.kr: KeyResult | None = None
        self.kr_indent = -1
        self.pending: list[tuple[Objective, bool]] = []  # (objective, from unlabelled heading)
        self.seen_title = False

    def new_objective(self, text: str, line: int, indent: int, ignore: list[str],
                      tentative: bool = False) -> None:
        text, _status = _split_status(text)
        # Positional (text, line, key_results, owner, ignore), as KeyResult below.
        self.objective = Objective(text, line, [], None, ignore)
        self.pending.append((self.objective, tentative))
        self.objective_indent = indent
        self.kr = None
        self.kr_indent = -1

    def new_kr(self, text: str, line: int, indent: int, ignore: list[str],
               low: str | None = None) -> None:
        if self.objective is None:
            self.okrs.unplaced.append(Unplaced(line, text, "Key Result before any objective"))
            return
        low = low if low is not None else _lower(text)
        cut, status = _split_status(text, low)
        if status is not None:
            text, low = cut, low[:len(cut)]
        # Positional (text, line, parsed, initiatives, status, ignore): keyword arguments make
        # a dataclass __init__ about twice as slow, and this runs for every KR.
        kr = KeyResult(text, line, parse_kr(text, low), [], status, ignore)
        self.objective.key_results.append(kr)
        self.kr = kr
        self.kr_indent = indent

    def finish(self) -> OKRSet:
        for objective, tentative in self.pending:
            # An unlabelled heading with nothing under it is a section, not an objective.
            if tentative and not objective.key_results:
                self.okrs.unplaced.append(
                    Unplaced(objective.line or 0, objective.text, "heading with no Key Results")
                )
                continue
            self.okrs.objectives.append(objective)
        self.okrs.unplaced.sort(key=lambda u: u.line)
        return self.okrs


def parse_markdown(text: str, source: str | None = None) -> OKRSet:
    """Read Markdown or plain text. Raises ``InputError`` only for input no reader could use."""
    reader = _Reader(source)
    in_fence = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if len(raw) > MAX_LINE_CHARS:
            raise InputError(
                f"line {number} is {len(raw):,} characters long; a Key Result or objective "
                f"is at most {MAX_LINE_CHARS:,}. Split it or shorten it."
            )
        stripped = raw.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence or not stripped:
            continue
        ignore: list[str] = []
        line = raw
        if "<!--" in raw:
            ignore = [c.strip().upper() for m in _IGNORE().finditer(raw)
                      for c in m.group(1).split(",") if c.strip()]
            line = _HTML_COMMENT().sub("", raw).rstrip()
            if not line.strip():
                continue
            stripped = line.strip()
        _read_line(reader, line, stripped, number, ignore)
    return reader.finish()


def _heading(line: str) -> tuple[int, str]:
    r"""(level, text) of a line starting with "#": "## Objective 1: X ##" -> (2, "Objective 1:
    X"). Level 1 to 6; a seventh "#" is part of the text. Written out rather than as the
    regex ``^(#{1,6})\s*(.*?)\s*#*\s*$``, whose lazy middle is retried at every character
    (50,000 instructions for one objective heading here); tests/test_markdown.py holds the
    two equal."""
    level = min(len(line) - len(line.lstrip("#")), 6)
    text = line[level:].strip()
    if text[-1:] == "#":  # closing hashes: "## Title ##"
        text = text.rstrip("#").rstrip()
    return level, text


def _bullet(line: str, stripped: str) -> tuple[int, str] | None:
    """(indent, content) of a bulleted or numbered line, or None."""
    if stripped[0] in "-*+" and stripped[1:2] in (" ", "\t"):
        # "- text", the common bullet, without the regex (it runs for every line)
        if line is stripped:  # str.strip() returns the line itself when it strips nothing
            return 0, stripped[2:].lstrip()
        indent = len(line) - len(line.lstrip())
        if "\t" not in line[:indent]:
            return indent, stripped[2:].strip()
    bullet = _BULLET.match(line)
    if bullet is None:
        return None
    return len(bullet.group(1).expandtabs(4)), bullet.group(2).strip()


def _kr_label_end(low: str) -> int:
    """Where a KR label ("KR1: ", "Key Result 2 –") ends in ``low``, or -1."""
    common = _KR_NUMBERED.match(low)  # "kr12: ", the common label: a short pattern first
    if common is not None:
        return common.end() - 1
    label = _KR_LABEL.match(low)
    return label.end() if label else -1


def _read_line(reader: _Reader, line: str, stripped: str, number: int,
               ignore: list[str]) -> None:
    if line[0] == "#":
        level, text = _heading(line)
        _read_heading(reader, level, _clean(text), number, ignore)
        return
    bullet = _bullet(line, stripped)
    if bullet:
        indent, content = bullet  # stripped already
        if content.startswith("["):
            content = _CHECKBOX.sub("", content)
        if "*" in content or "_" in content or "`" in content:  # _clean, inlined: every line
            content = _EMPHASIS.sub("", content).strip()
    else:
        indent = len(line) - len(line.lstrip())
        content = _clean(line)
    if not content:
        return
    low = content.lower()
    if len(low) != len(content):
        low = _lower(content)
    first = low[:1]
    if len(low) < 16 and ((first == "k" and _KR_SECTION.match(low))
                          or (first == "o" and _OBJECTIVES_SECTION.match(low))):
        return  # "Key Results:" or "Objectives" announcing what follows
    label = _OBJECTIVE_LABEL.match(low) if first in "og" else None
    if label and (rest := content[label.end():].strip()):
        reader.new_objective(rest, number, indent if bullet else -1, ignore)
        return
    end = _kr_label_end(low) if first == "k" else -1
    if end >= 0 and (rest := content[end:].strip()):
        # _lower keeps offsets, so the lowered rest is a slice of ``low`` (no second lower())
        reader.new_kr(rest, number, indent, ignore, low[end:].strip())
        return
    if bullet is None:
        if reader.kr is not None and indent > 0 and reader.kr.line == number - 1:
            reader.kr.text += " " + content  # a wrapped KR line
            reader.kr.parsed = parse_kr(reader.kr.text)
            return
        if _OWNER_LINE().match(content):
            reader.okrs.unplaced.append(Unplaced(number, content, "section or owner label"))
            return
        reader.okrs.unplaced.append(Unplaced(number, content, "text outside any list"))
        return
    if reader.objective is None:
        reader.okrs.unplaced.append(Unplaced(number, content, "bullet before any objective"))
        return
    if reader.objective_indent >= 0 and indent <= reader.objective_indent:
        # A sibling of a bullet objective with no label: a new unlabelled objective only if
        # the document uses that shape; otherwise keep it as a KR of the current one.
        reader.new_kr(content, number, indent, ignore)
        return
    if reader.kr is not None and indent > reader.kr_indent:
        reader.kr.initiatives.append(content)
        return
    reader.new_kr(content, number, indent, ignore, low)


def _read_heading(reader: _Reader, level: int, content: str, number: int,
                  ignore: list[str]) -> None:
    if not content:
        return
    low = _lower(content)
    label = _OBJECTIVE_LABEL.match(low)
    if label and content[label.end():].strip():
        reader.new_objective(content[label.end():].strip(), number, -1, ignore)
        return
    if _KR_SECTION.match(low) or _OBJECTIVES_SECTION.match(low):
        return
    label = _KR_LABEL.match(low)
    if label and content[label.end():].strip():
        reader.new_kr(content[label.end():].strip(), number, -1, ignore)
        return
    if level == 1 and not reader.seen_title:
        reader.seen_title = True
        reader.okrs.team, reader.okrs.cycle = _title(content)
        return
    if reader.okrs.cycle is None and level <= 2 and not reader.pending:
        _team, cycle = _title(content)
        if cycle and len(content) < 40:  # "## Q3 2027" above the objectives
            reader.okrs.cycle = cycle
            return
    reader.new_objective(content, number, -1, ignore, tentative=True)
