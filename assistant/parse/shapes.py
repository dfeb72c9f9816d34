"""What a line's words say it is, beyond its labels (``lines``): a field or a note, a
placeholder, a question, a label whose text is on the next line, a table or a PDF page cut
into lines. The patterns the line reader (``markdown``, ``plain_lines``) tries, compiled on
first use (``lazy``): most documents need few of them.
"""

from __future__ import annotations

from assistant.parse.lazy import lazy

# "What we learned: ...", "Team size: 3 FTE": a labelled note, not a Key Result (a value after
# the colon, "Crash-free sessions: 97.2% → 99.5%", is one).
NOTE_LABEL = lazy(r"^[A-Z][\w'’/&()-]*(?: [\w'’/&()-]+){0,4}:\s+(?![\d+−~<>≥≤$€£-])")
# "Tip: Takım", "Type: Team", "Horizon: yearly": a short field with a word or two for a value
# and no number, a property of the objective above, not a Key Result.
SHORT_FIELD = lazy(r"^[^\W\d][\w'’]*(?: [\w'’]+)?:\s+[^\W\d][\w'’-]*(?: [\w'’-]+){0,2}$")
# "P0: Lock down the topics", "P1-LM: Client library supports v2": a Key Result ranked by
# priority, with its owner's initials
PRIORITY_LABEL = lazy(r"^p[0-5](?:[ -]?([a-z]{2,4}(?:/[a-z]{2,4})*))?\s*[:)]\s*")
# "Scope: Company-wide", "Timeframe: By 2022-07-31", "GitHub label: OKR: ...": a property of
# the objective or KR it sits with, whatever its value
PROPERTY_LINE = lazy(r"^(?:scope|time ?frame|timeline|deadline|due(?: date)?|(?:github |gitlab )?"
                     r"labels?|tags?|category|horizon|period|cycle|quarter|priority|"
                     r"initiatives?|tracking(?: issue)?|epic|links?|parent|aligned to|"
                     r"aligns to|contributes to|reporting|review date|last updated)\s*:\s")
# "Member: TBD", "Talks: TBD", "Coming soon, discussion tracked here": a slot not filled in
# yet, not a Key Result (a bare "TBD" in a list of KRs stays one, for K202 to ask for it)
PLACEHOLDER_LINE = lazy(r"^(?:[^\W\d][\w ]{0,24}:\s*(?:tbd|tbc|tba|to ?do)\b|"
                        r"(?:more details? )?coming soon|to be (?:defined|decided|confirmed)\b|"
                        r"à définir|a definir|por definir)[\s.,;:!?)(]*"
                        r"(?:$|discussion|see |more |details)")
# (a bare "objective" is often the domain's word: "roles needed to meet these objectives")
OKR_TALK = lazy(r"\b(?:okrs?|key results?|krs?|o\d[ -]?kr\d|objectives? \d)\b")
SUB_NUMBER = lazy(r"^\d{1,2}\.\d{1,2}\.?\s+(?=[A-Z])")  # "2.1 Raise ...", not "1.5 days"
# "Why? More events means more revenue", "Note: still rough": the reason or a remark beside
# an objective or KR, not a Key Result
WHY_NOTE = lazy(r"^(?:why|reason|rationale|because|note|nb|n\.b\.)\s*[?:!]\s+\S")
STRETCH_FIELD = lazy(r"^stretch(?: goal| target)?\s*[:=]\s*(?=\S)")
LIST_NUMBER = lazy(r"^\d{1,2}[.)]\s+(?=[A-Z])")  # "1. Product growth": a numbered paragraph
BOLD_LABEL = lazy(r"^(?:\*\*|__)[^*_]{2,60}:(?:\*\*|__)")  # "**Funding Requested:** ..."
# "Student Outcome Goal 1:", "Strategic Goal 2:": a named objective label, its text below
NAMED_GOAL_LABEL = lazy(r"^(?!.*\b(?:for|of|key|results?)\b)(?:[a-z][\w-]* ){1,3}"
                        r"(?:goal|objective)\s?#?\s?\d{1,2}\s*:$")  # (not "Key Results for ...")
# "Goal Progress Measure (GPM) 1.1:", "Indicator 2:", "Success measure 3.2:"
MEASURE_LABEL = lazy(r"^(?:[\w-]+ ){0,4}(?:measure|indicator|metric|kpi)s?(?: \([a-z]{2,6}\))?"
                     r"\s?#?\s?\d{1,2}(?:\.\d{1,2})?\s*:$")
# "2019-2020: 61%", "2024: 450": one year's step towards the target
INTERIM_TARGET = lazy(r"^(?:19|20)\d{2}(?:\s?[-–/]\s?(?:19|20)?\d{2})?\s*:\s*[<>≥≤~]?\s?"
                      r"[$€£]?\d[\d.,]*\s?%?$")
COLUMN_HEADINGS = lazy(r"^objectives?\b.{0,60}\bkey results?(?:\s+(?:evaluation|status|score|"
                       r"owner|progress|notes|comments|grade))+\s*$")
COLLAPSED_ROW = lazy(r"^([A-Z][^.:!?]{3,120}?)\s+1\.\s+([A-Z0-9<>≥≤~\"“].{3,})$")
QUESTION = lazy(r"^(?:how|what|why|who|when|where|which|should|can|could|do|does|did|is|are|"
                r"will|would)\b")
# "[public roadmap](https://...)" inside a line: its words (an image's "![...](...)" stays)
INLINE_LINK = lazy(r"(?<!!)\[([^\[\]]+)\]\((?:[^()\s]|\([^()\s]*\))*\)")
WHOLE_LINK = lazy(r"^\[([^\[\]]+)\]\([^()\s]*\)$")  # a line that is one Markdown link
# "O1：", "KR 2：", "- [x] Objective：", "Q1 OKR：": an ASCII label before a full-width colon
FULL_WIDTH_LABEL = lazy(r"^(\s*(?:[-*+]\s+)?(?:\[[ xX]\]\s*)?[A-Za-z][A-Za-z0-9.#-]{0,11}"
                        r"(?: [A-Za-z0-9.#-]{1,12}){0,2}?)\s*：\s*")
# "Q1 OKR:", "OKRs:", "2025 OKRs:", "H2 OKRs:" on a line of their own
OKR_LIST_LABEL = lazy(r"^(?:(?:q[1-4]|h[12]|20\d{2})\s*)?okrs?\s*:$")
