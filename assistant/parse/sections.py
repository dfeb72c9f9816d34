"""Headings and labels that are not objectives: what a document's sections announce.

Real OKR pages mix the OKRs with sections about them ("Background", "Risks", "Agenda",
"Decisions"), with labels that announce the Key Results ("Measured by:", "Success
criteria:") and with labels that announce the work ("Initiatives:", "Projects:"). The reader
asks ``section_kind`` of every heading and of every short line that could be such a label.
"""

from __future__ import annotations

from assistant.parse.lazy import lazy

# Labels whose children are the Key Results of the objective above them.
KR_SECTIONS = frozenset("""
key results|key result|krs|kr|measured by|measure|measures|measurement|measurements|metrics|
success metrics|success metric|success criteria|success criterion|success measures|
how we measure|how we'll measure|how we will measure|how we will measure success|
how we'll measure success|how we measure success|how we'll know|how we will know|
how will we know|what success looks like|results|key results draft|proposed key results|
draft key results|key results proposed|indicators|key indicators|measures of success|
target outcomes|measurable outcomes|outcomes we want|okr metrics|kennzahlen|how|indicator|
indicateur|indicateurs|indicador|indicadores|performance indicator|performance indicators|
how we'll do it|what|
résultats clés|resultats cles|indicateurs|erfolgskriterien|schlüsselergebnisse|
resultados clave|resultados claves|resultados-chave|resultados chave|risultati chiave|
kernresultate|belangrijkste resultaten|sleutelresultaten|nyckelresultat|ключевые результаты|
핵심 결과|kết quả then chốt|anahtar sonuçlar
""".replace("\n", "").split("|"))

# Labels whose children are the work planned for an objective: initiatives, not results.
INITIATIVE_SECTIONS = frozenset("""
initiatives|initiative|key initiatives|projects|project|planned work|work|workstreams|
activities|planned activities|actions|action plan|epics|deliverables|tasks|to do|todo|todos|
how we get there|how we'll get there|how we will get there|how we'll do it|
how we will do it|approach|our approach|tactics|strategies|milestones|work items|
maßnahmen|actions prévues|chantiers|ideas for how|possible initiatives|ideas for initiatives|
candidate initiatives|how we might do it|how we could do it
""".replace("\n", "").split("|"))

# Sections about the OKRs, not OKRs: everything under them is context.
OTHER_SECTIONS = frozenset("""
background|context|tl;dr|tldr|introduction|intro|purpose|
why|why this matters|why now|who for|vision|mission|values|principles|notes|
note|risks|risk|risks and mitigations|risks & mitigations|dependencies|assumptions|
constraints|definitions|glossary|appendix|references|links|resources|required resources|
further reading|see also|related|team|members|people|roll call|attendees|untracked attendees|
team members|the team|our team|team and roles|core team|
agenda|minutes|meeting notes|decisions|decisions made|action items|next steps|timeline|
schedule|budget|funding|costs|
changelog|change log|history|revision history|faq|
questions|open questions|discussion|feedback|comments|lessons learned|learnings|retrospective|
retro|reflection|non-goals|non goals|out of scope|scope|in scope|acceptance criteria|done when|
definition of done|legend|key|how to read this|how to use this page|process|how this works|
where krs live|updating progress|cadence|parking lot|ideas|
brainstorming|raw notes|other|misc|miscellaneous|contact|contacts|owners|ownership|
stakeholders|table of contents|contents|toc|kpis|health metrics|project kpis|
key performance indicators|north star|guiding principles|problem|problem statement|
hypothesis|hypotheses|goals and non-goals|anti-goals|out of scope for now|objective statement|
business value|business value contribution|benefits|expected benefits|
document control|document control information|document information|approvals|sign-off|
revision|version history|primary kpis|secondary kpis|kpis to watch|health metrics to watch|
what comes out|outputs|inputs|part of|rationale|motivation|why this objective|why it matters|
later on|later|future work|someday|not now|maybe later|future ideas|backlog|icebox|
maintainers|current maintainers|sources|data sources|other stuff|dashboards|self-evaluation|
self evaluation|self-review|self review|how we run okrs|how we use okrs|okr process|
sumário|sumario|índice|indice|contenido|contenidos|table des matières|sommaire|inhalt|
inhaltsverzeichnis|inhoud|indice dei contenuti|glossário|glossario|glosario|siglas|
apresentação|presentación|introdução|introducción|anexos|anexo|annexe|annexes|metodologia|
metodología|méthodologie
""".replace("\n", "").split("|"))

_LABELLED = lazy(r"^(?:kr|o|okr|objective|key result|goal)\s?\d")
_DECORATION = lazy(r"^[\W\d_]+|[\W_]+$")  # leading numbering/emoji, trailing marks
_SHORTCODE = lazy(r":[a-z_]+:")  # ":telescope:" emoji shortcodes


def section_key(text: str) -> str:
    """The label as looked up: lower case, without emoji, numbering, marks and a colon."""
    low = _SHORTCODE().sub("", text.lower())
    low = _DECORATION().sub("", low.strip())
    low = low.replace("’", "'")
    return " ".join(low.split())


_ABOUT_OKRS = lazy(r"okr|key results?|objectives?")
# "What OKRs are not", "How we use OKRs", "OKR lifecycle": the method, whatever its set
_ON_THE_METHOD = lazy(r"^(?:what|why|how|about|writing|tips|guide|rules|an? good|good|bad)\b|"
                      r"\b(?:lifecycle|life cycle|process|guidelines?|principles|primer|"
                      r"template|cheat ?sheet|are not|is not|explained|101|works?|"
                      r"give us|gives us)\s*$")
_KPI_NAMES = ("kpis", "kpi", "key performance indicators", "performance indicators")


def is_primer(title: str) -> bool:
    """ "What are OKRs?", "OKR이란?", "How we use OKRs", "OKR lifecycle": a heading over a
    primer on the method (its "Objective: ..." lines define the word), not over the set."""
    low = title.lower()
    if _ABOUT_OKRS().search(low) is None:
        return False
    return title.rstrip(" *_:").endswith("?") or _ON_THE_METHOD().search(low) is not None


def section_kind(text: str, kpis_are_krs: bool = False) -> str | None:
    """``_kind``; on the second reading of a page that held nothing else (``kpis_are_krs``),
    its KPI lists are the Key Results ("Key Performance Indicators" under each goal of a
    strategic plan)."""
    kind = _kind(text)
    if kind is None and is_primer(text):
        return "other"
    if kind == "other" and kpis_are_krs and section_key(text).endswith(_KPI_NAMES):
        return "krs"
    return kind


def _kind(text: str) -> str | None:
    """"okrs" (a heading over the whole set: "Objectives and key results"), "krs",
    "initiatives" or "other" when ``text`` is such a label; else None."""
    key = section_key(text)
    if not key or len(key) > 48 or _LABELLED().match(key):
        return None  # ("KR3: Shift leads reach every core KPI" is a KR, whatever its end)
    if ("objective" in key and ("key result" in key or "okr" in key)) or key in (
            "okrs", "our okrs", "the okrs", "okr", "objectives", "our objectives"):
        return "okrs"
    if key in KR_SECTIONS:
        return "krs"
    if key in INITIATIVE_SECTIONS:
        return "initiatives"
    if key in OTHER_SECTIONS:
        return "other"
    if "(" in key:  # "Anahtar Sonuçlar (Key Results)": the gloss (its ")" went as a mark)
        gloss = _kind(key[key.rindex("(") + 1:].rstrip(")"))
        if gloss is not None:
            return gloss
    # "Key results for Q3", "Success metrics (draft)", "Risks for this quarter"
    head = key.split(" (")[0]
    for words, kind in ((KR_SECTIONS, "krs"), (INITIATIVE_SECTIONS, "initiatives"),
                        (OTHER_SECTIONS, "other")):
        if head in words:
            return kind
    words = key.split()
    if " ".join(words[:2]) in ("key results", "success metrics", "success criteria",
                               "measured by") or " ".join(words[-2:]) in (
                                   "key results", "success criteria", "success metrics",
                                   "success measures") or words[-1] == "krs":
        return "krs"  # "Key results for Q3", "2.1.2 Detailed success criteria"
    if words[-1] in ("kpis", "kpi", "risks", "notes", "background", "dependencies", "sources",
                     "links", "references") and \
            len(words) <= 3:
        return "other"  # "Primary KPIs", "Known risks", "Metric sources" (not "Run
        # transactions in the background")
    if words[0] in ("example", "examples", "e.g") or key.startswith("for example"):
        return "other"  # "Examples of good company objectives": a handbook's illustration
    if len(words) > 1 and words[0] in ("old", "previous", "past", "archived", "archive",
                                       "former", "superseded"):
        return "other"  # "Old roadmap", "Previous OKRs": what the page keeps for the record
    return None


_MEASURE_WORDS = lazy(r"\b(?:metrics?|kpis?|measur\w*|key results?|indicators?|success)\b")
_WORK_WORDS = lazy(r"\b(?:initiatives?|execution|activit\w+|tactics?|deliverables?|"
                   r"action plan|workstreams?)\b")


def prompt_kind(text: str) -> str | None:
    """A template's prompt over its answer ("**2. Which metrics and KPIs could initiatives
    be measured against?**", "**4. What are some example initiatives**"): "krs" when it asks
    how progress is measured, "initiatives" when it asks for the work; else None."""
    low = text.lower()
    if _MEASURE_WORDS().search(low):
        return "krs"
    if _WORK_WORDS().search(low):
        return "initiatives"
    return None
