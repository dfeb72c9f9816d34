"""One line of a Markdown or plain-text OKR document: its bullet, heading, labels, status.

Pure helpers for the document reader (``markdown``), which runs them on every line: they
avoid regexes where a ``str`` method does (see ARCHITECTURE, "Speed inside the phrase
parser"), and patterns run on lowered text rather than with ``IGNORECASE``.
"""

from __future__ import annotations

import re

from assistant.parse.lazy import lazy

MAX_LINE_CHARS = 1000

# (●, ○, ■: a word processor's marks by level; – as some pastes write a dash)
BULLET = re.compile(
    r"^(\s*)(?:[-*+•▪◦‣●○■□➢➤►–]|\d{1,3}[.)]|[a-z][.)])(?:\s+|(?<=-)(?=[a-z]))(.*)$")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)")
OBJECTIVE_LABEL = re.compile(
    r"^(?:(?:strategic|team|company|key|main|quarterly|annual|department|top|primary|"
    r"secondary|stretch|committed|aspirational|north star|overall|shared|operational|"
    r"business|product|technical|engineering)\s+)?"
    r"(?:objective|obj\.?|goal|ziel|objectif|objetivo)\s*(?:#?\s*\d{1,3}(?:\.\d{1,2})?|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten)\b(?=\s*[:.)\-–—]))?\s*"
    r"(?:[:.)\-–—]+\s*|\s+(?=\S)(?!(?:statement|description|summary|owner|details|overview|"
    r"name|title|text|setting|framework|tree)\b))"
    r"|^o\s?\d{1,2}\s*(?:[:.)\-–—]+\s*|\s+(?=[a-z]))"
    r"|^okr\s*:\s*(?=\S)"  # "OKR: Grow place-based navigation" (numbered, it may be a KR)
)
KR_LABEL = re.compile(
    r"^(?:o\s?\d{1,2}\s?[.\-]?\s?)?(?:(?:company|team|department|product|stretch|committed|"
    r"aspirational|proposed|draft|new)\s+)?(?:key\s*results?|kr)\s*(?:#?\s*\d{1,3}(?:\.\d{1,2})?)?\s*"
    r"(?:\([^()]{1,40}\)\s*(?=[:.\-–—]))?(?:[:.)\-–—]+\s*|\s+(?=\S))"
)
# A Key Result's label with its text elsewhere: a heading "#### O1KR2" over the text, a
# table's "KR1" cell beside its "Content" cell.
BARE_KR_LABEL = re.compile(
    r"^(?:o\s?\d{1,2}\s?[.\-]?\s?)?(?:key\s*results?|kr)\s*#?\s*\d{1,3}(?:\.\d{1,2})?\s*[:.)]?\s*$")
# "OKR1: ...", "OKR 2 -": an objective in some documents, a Key Result in others.
OKR_LABEL = lazy(r"^okr\s?#?\d{1,2}\s*[:.)\-–—]+\s*")
# "CTO KR: ...", "Platform Objective 2: ...": an owner's name before the label.
OWNER_BEFORE_LABEL = lazy(
    r"^([A-Z][\w&/.+-]*(?: [A-Z][\w&/.+-]*){0,2}) (?=(?:KR|Key [Rr]esults?|Objective|OKR)\b)"
)
KR_NUMBERED = re.compile(r"kr\d{1,3}: ")
KR_SECTION = re.compile(r"^(?:key\s*results?|krs?)\s*:?\s*$")
OBJECTIVES_SECTION = re.compile(r"^(?:objectives?|okrs?)\s*:?\s*$")
CHECKBOX = lazy(r"^\[(?: |x|X)\]\s*")
STATUS_TAIL = lazy(
    r"\s*(?:(?:=>|->|→|—|–|-)\s*(?P<a>done|complete[d]?|achieved|on track|at risk|off track|"
    r"behind|missed|in progress|blocked|dropped)\b.*|\((?P<b>done|complete[d]?|achieved|"
    r"on track|at risk|off track|behind|missed|in progress|blocked|dropped|hit|miss|partial|"
    r"partially(?: achieved)?|not achieved|not started|wip|ongoing|paused|cancell?ed)\)|"
    r"\s(?P<c>✅|✔️?|✓|❌|✗|✖️?|⚠️?|🟢|🟡|🔴|🟠|🔵|⚪|⏸️?|☑️?))\s*$"
)
STATUS_HINT = lazy(
    r"done|complete|achieved|track|risk|behind|missed|progress|blocked|dropped|"
    r"[✅✔✓❌✗✖⚠🟢🟡🔴🟠🔵⚪⏸☑]"
)
STATUS_MARKS = frozenset("✅✔✓❌✗✖⚠🟢🟡🔴🟠🔵⚪⏸☑")
# Inline HTML in Markdown ("<span class='label'>Achieved</span> Grow ...", "<details>"):
# a tag starts with a letter, so "<5 min" and "< 1%" are not tags.
HTML_TAG = lazy(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")
_LEADING_SPAN = lazy(r"^(\s*(?:[-*+]\s+)?)<span\b[^>]*>([^<]{1,30})</span>\s*")


def without_tags(line: str) -> tuple[str, str | None]:
    """The line without inline HTML tags, and the status a leading label span gave."""
    status = None
    lead = _LEADING_SPAN().search(line)
    if lead is not None:  # the label's text is the status, not part of the KR
        status = lead.group(2).strip().lower() or None
        line = lead.group(1) + line[lead.end():]
    return HTML_TAG().sub("", line), status
BRACKET_STATUSES = frozenset(
    """done complete completed achieved behind missed blocked dropped hit miss partial
    partially wip ongoing paused cancelled canceled""".split()
) | {"on track", "at risk", "off track", "in progress", "not started", "partially achieved",
     "not achieved"}
IGNORE = lazy(r"<!--\s*okr:\s*ignore\s*\[?([A-Z0-9,\s]+)\]?\s*-->", re.IGNORECASE)
HTML_COMMENT = lazy(r"<!--.*?-->")
OWNER_LINE = lazy(r"^[A-Z][\w .&/-]{0,30}:$")
# "CRO: Close 12 deals", "VP Product: Ship ...", "[Platform] Cut ...", "@infra-team: ...":
# one to three capitalised words (or a bracketed name or a handle) before the statement.
_OWNER_PREFIX = lazy(
    r"^(?:(?P<words>[A-Z][\w&/.+'-]*(?: (?:[A-Z][\w&/.+'-]*|&|of|and)){0,3}):"
    r"|\[(?P<bracket>[^\]\d]{2,30})\]:?|(?P<handle>@[\w-]{2,30}):?)\s+(?=\S)"
)
_ID_LABEL = lazy(r"^[A-Z]{1,6}\d{1,3}(?:\.\d{1,3})*$")
_CYCLE_WORD = lazy(r"^(?:Q[1-4]|H[12]|FY\s?\d{2,4}|\d{4})\b")
_NOT_OWNERS = frozenset("""
note notes nb stretch bonus update updated status owner owners target targets baseline current
progress result results why how what when where who context example examples eg e.g goal
goals objective objectives kr krs okr okrs metric metrics measure measured measures tbd todo
done draft new existing optional idea ideas question questions proposal comment comments
feedback summary outcome outcomes impact risk risks deadline due timeline phase step priority
must should committed aspirational moonshot focus theme area scope definition hypothesis
length horizon initiative initiatives project projects tasks task deliverable deliverables
success kpi kpis result key important warning tip caveat problem solution reason rationale
motivation value values mission vision strategy approach plan""".split())


def owner_prefix(text: str) -> tuple[str | None, str]:
    """(owner, statement) when ``text`` starts with an owner: "CRO: Close 12 deals" ->
    ("CRO", "Close 12 deals"). Not when the words are a label ("Note:", "Stretch:") or
    what follows is a value ("App Store rating: 4.1 -> 4.6" names a metric, not an owner)."""
    head = text[:40]
    if ":" not in head and "[" not in head[:1] and "@" not in head[:1]:
        return None, text
    m = _OWNER_PREFIX().match(text)
    if m is None:
        return None, text
    owner = m.group("words") or m.group("bracket") or m.group("handle")
    rest = text[m.end():]
    if _ID_LABEL().match(owner):  # "WE1: ...", "SDS2.1: ...": a number, not an owner
        return None, rest
    if _CYCLE_WORD().match(owner):  # "Q3: ...", "H1 2025: ...": a period
        return None, text
    if owner.lower() in _NOT_OWNERS or owner.split()[0].lower() in _NOT_OWNERS:
        return None, text
    if rest[:1].isdigit() or rest[:1] in "+-−–→~<>≥≤$€£%" or rest[:4].lower() == "from":
        return None, text
    if m.group("words") and len(rest.split()) < 2:
        return None, text
    return owner.strip(), rest


def lower_keeping_length(text: str) -> str:
    """``text.lower()`` with the same length, so match offsets apply to ``text`` too.

    (All the label and status patterns run on lowered text: IGNORECASE made them several
    times slower, and they run on every line.)"""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join((c.lower() or c)[0] for c in text)  # e.g. "İ" lowers to two characters


def clean(text: str) -> str:
    if "*" in text or "_" in text or "`" in text:
        text = EMPHASIS.sub("", text)
    return text.strip()


def may_have_status(tail: str) -> bool:
    """Whether a status word or mark could be in ``tail``: cheap substring tests, since a
    regex alternation is tried at every position (four times the cost, on every KR line)."""
    if not tail.isascii():  # the marks (✅ 🔴 …) are not ASCII; isascii() is O(1)
        return STATUS_HINT().search(tail) is not None
    # A status in brackets closes the line: "(on track)". Checked exactly, so a line ending
    # "(track 12)" or "(currently 12%)" does not cost the regex.
    stripped = tail.rstrip()
    if stripped[-1:] == ")" and stripped[stripped.rfind("(") + 1:-1] in BRACKET_STATUSES:
        return True
    # Any other status word follows a dash or an arrow: "- done", "=> at risk".
    if "-" not in tail and ">" not in tail:
        return False
    return ("done" in tail or "track" in tail or "risk" in tail or "complete" in tail
            or "achieved" in tail or "behind" in tail or "missed" in tail
            or "progress" in tail or "blocked" in tail or "dropped" in tail)


_STRUCK = lazy(r"~~.*?~~|<(s|del|strike)>.*?</\1>", re.IGNORECASE)


def without_struck(line: str) -> tuple[str, bool]:
    """The line without its struck-out parts ("~~old~~ new", "<s>old</s> new"), and whether
    anything was struck. A line struck out whole comes back with only its markup left."""
    if "~~" not in line and "<s>" not in line and "<del>" not in line and "<strike>" not in line:
        return line, False
    cut = _STRUCK().sub("", line)
    return (cut, True) if cut != line else (line, False)


# "Owner: Dana", "Status: on track", "Baseline: 31%": a field of the objective or KR above.
FIELD_LINE = lazy(
    r"^(owners?|dri|leads?|responsible|accountable|assignees?|status|confidence|score|"
    r"progress|grade|baseline|start(?:ing value)?|current(?: value)?|target|goal value|"
    r"measures?|metrics?|measured by|how we measure|meta|alvo|"
    r"respons[aá]vel|responsable|linha de base|valor inicial|valor atual)"
    r"\s*[:=]\s*(\S.*)$"
)
FIELD_ROLES = {"owner": "owner", "owners": "owner", "dri": "owner", "lead": "owner",
               "leads": "owner", "responsible": "owner", "accountable": "owner",
               "assignee": "owner", "assignees": "owner", "status": "status",
               "confidence": "status", "score": "status", "progress": "status",
               "grade": "status", "baseline": "baseline", "start": "baseline",
               "starting value": "baseline", "current": "current", "current value": "current",
               "target": "target", "goal value": "target", "measure": "measure",
               "measures": "measure", "metric": "measure", "metrics": "measure",
               "measured by": "measure", "how we measure": "measure", "meta": "target",
               "alvo": "target", "responsável": "owner", "responsavel": "owner",
               "responsable": "owner", "linha de base": "baseline",
               "valor inicial": "baseline", "valor atual": "current"}


_FAT_ARROW = lazy(r"\s={1,2}\s?>\s*(\S.*)$")


def split_status(text: str, low: str | None = None) -> tuple[str, str | None]:
    if text[:1] == "(" and 2 < (close := text.find(")")) < 48 and text[close + 1:].strip() \
            and text[1:4].lower() != "if ":
        # "(pushed to Q3) Hire two developers", "(WIP, moved to Q2) Write ...": a note
        # written before the item, as a roadmap's checklist keeps them ("(If the chance
        # comes up) talk to regulators" is a condition, part of the text)
        return text[close + 1:].strip(), text[1:close].strip() or None
    if " >" in text:  # "speed up load times >needs baseline": a note after the KR
        at = text.find(" >")
        if text[at + 2:at + 3].isalpha():
            return text[:at].rstrip(), text[at + 2:].strip()
    if "=>" in text or "= >" in text:  # "... => 9 closed": the note after it, as written
        arrow = _FAT_ARROW().search(text)
        if arrow is not None and arrow.start() > 0:
            return text[:arrow.start()].rstrip(), arrow.group(1).strip().rstrip(".") or None
    # Status notes are short and at the end: searching only the tail keeps this cheap, and
    # most lines have none of the words or marks a status is made of.
    start = len(text) - 48 if len(text) > 48 else 0
    if low is None or len(low) != len(text):
        low = lower_keeping_length(text)
    if not may_have_status(low[start:] if start else low):
        return text, None
    m = STATUS_TAIL().search(low, start)
    if not m:
        return text, None
    status = (m.group("a") or m.group("b") or m.group("c") or "").lower() or None
    return text[: m.start()].rstrip(), status


_TRACKER_ID = re.compile(r"^okr-(?:o|kr)-\d+(?:/okr-kr-\d+)?\s*[-:–]?\s+", re.IGNORECASE)


def unlabelled(text: str) -> str:
    """A table cell's text without an objective or KR label ("O: ...", "KR 1.2 - ...") or a
    tracker's id ("OKR-O-612/OKR-KR-613 Run 6 office hours")."""
    if text[:4].lower() == "okr-":
        text = _TRACKER_ID.sub("", text)
    low = lower_keeping_length(text)
    end = kr_label_end(low) if low[:1] in "ko" else -1
    if end < 0:
        end = label_end(low, text)
    return text[end:].strip() if end >= 0 and text[end:].strip() else text


# "2.1 ", "3) ", "A. ", "IV. " before a heading's words: outline numbering, not text.
OUTLINE_NUMBER = lazy(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[A-Z][.)]|[IVX]{1,4}\.)\s+(?=\S)")


def heading_of(line: str) -> tuple[int, str]:
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


def bullet_of(line: str, stripped: str) -> tuple[int, str] | None:
    """(indent, content) of a bulleted or numbered line, or None."""
    if stripped[0] in "-*+" and stripped[1:2] in (" ", "\t"):
        # "- text", the common bullet, without the regex (it runs for every line)
        if line is stripped:  # str.strip() returns the line itself when it strips nothing
            return 0, stripped[2:].lstrip()
        indent = len(line) - len(line.lstrip())
        if "\t" not in line[:indent]:
            return indent, stripped[2:].strip()
    bullet = BULLET.match(line)
    if bullet is None:
        return None
    return len(bullet.group(1).expandtabs(4)), bullet.group(2).strip()


_GLOSSED_LABEL = lazy(r"^[^\W\d]+(?: [^\W\d]+)?\s*\((?:objective|goal)\)\s*[:\-–—]\s*(?=\S)")


def label_end(low: str, content: str) -> int:
    """Where an objective label ("Objective 2:", "Goal -", "O1:", "Hedef (Objective):")
    ends, or -1. A label without punctuation ("Objective 2 Make it fast") counts only before
    a capital or a digit, so prose ("objective 1 has no baseline yet") is not read as one."""
    if "(o" in low[:30] or "(g" in low[:30]:
        glossed = _GLOSSED_LABEL().match(low)
        if glossed is not None:
            return glossed.end()
    label = OBJECTIVE_LABEL.match(low)
    if label is None or not content[label.end():].strip():
        return -1
    end = label.end()
    if low[end - 1:end].isspace() and low[:end].rstrip()[-1:] not in ":.)-–—":
        nxt = content[end:end + 1]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "\"“'‘("):
            return -1
    return end


def strip_symbols(content: str) -> str:
    """A line without the emoji or marks before its words ("🎯 Objective 3 - ...")."""
    i = 0
    while i < len(content) and not content[i].isalnum() and content[i] not in \
            "[(@#+-−$€£<>~.\"'“‘*_`|≥≤":
        i += 1
    return content[i:].lstrip() if i else content


def kr_label_end(low: str) -> int:
    """Where a KR label ("KR1: ", "Key Result 2 –") ends in ``low``, or -1."""
    common = KR_NUMBERED.match(low)  # "kr12: ", the common label: a short pattern first
    if common is not None:
        return common.end() - 1
    label = KR_LABEL.match(low)
    if label is None:
        return -1
    if not any(c.isdigit() or c in ":.)-–—" for c in label.group()):
        word = low[label.end():].split(" ", 1)[0]
        if word.endswith(":"):  # "KR Tipi: Artan", "KR owner: Dana": a field of the KR
            return -1
    return label.end()


def unfenced(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A review thread quotes the OKR file as a diff, an issue pastes it as Markdown: those
    fences hold the document, so their lines are read (a diff's added and kept lines, without
    the marks) and the fence's end reads as a break ("---"): the quoted part is over. Other
    fences hold code and stay fenced."""
    out: list[tuple[int, str]] = []
    fence = None  # the language of the open fence
    for number, raw in lines:
        if raw.lstrip().startswith("```"):
            if fence is None:
                fence = raw.strip()[3:].strip().lower()
                if fence in ("diff", "md", "markdown"):
                    continue
            elif fence in ("diff", "md", "markdown"):
                fence = None
                out.append((number, "---"))
                continue
            else:
                fence = None
        elif fence == "diff":
            if raw[:1] in "+ " and not raw.startswith("+++"):
                out.append((number, raw[1:]))
            continue  # removed lines and hunk headers are not the document
        out.append((number, raw))
    return out


def is_thematic_break(stripped: str) -> bool:
    """ "---", "* * *", "___": a Markdown thematic break (the next post, part or slide)."""
    return stripped[0] in "-*_" and len(stripped) >= 3 and not stripped.strip(stripped[0] + " ")
