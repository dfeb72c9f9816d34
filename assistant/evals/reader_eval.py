"""``okr eval reader``: how well the document reader finds objectives and Key Results.

Every document of the real-shaped corpus (``evals/real/``) is read exactly as ``okr
critique`` reads a file; what the reader returns is matched one to one against the careful
person's extraction beside it. A match is the same text after normalising case, markup,
punctuation and spacing, or a near one (similarity >= ``MATCH_AT``): the extraction keeps a
statement's own words and drops labels and status tails, and a reader that leaves a stray
"KR1:" on should not score as if it had missed the Key Result. A document with a second
reading is scored against the reading the reader comes closest to. A refused document counts
every objective and Key Result in it as missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from assistant.evals.real_corpus import Document, ExpectedObjective, Half, load_corpus
from assistant.model import OKRSet
from assistant.parse import InputError, parse_bytes, parse_text
from assistant.parse.load import read_bytes

MATCH_AT = 0.85
_MARKUP = re.compile(r"[*_`#|\[\]]+")
_NOT_WORD = re.compile(r"[^\w%$€£+\-.,/<>=~→]+")


def normalise(text: str) -> str:
    """Lower case, no Markdown marks, one space between words, no trailing punctuation."""
    text = _MARKUP.sub(" ", text.lower())
    return _NOT_WORD.sub(" ", text).strip(" .,;:-")


def _similar(a: str, b: str) -> float:
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MATCH_AT or matcher.quick_ratio() < MATCH_AT:
        return 0.0
    return matcher.ratio()


def match(found: list[str], expected: list[str]) -> list[tuple[int, int]]:
    """One-to-one pairs (index in found, index in expected), best similarities first."""
    a = [normalise(t) for t in found]
    b = [normalise(t) for t in expected]
    candidates = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            score = _similar(x, y)
            if score >= MATCH_AT:
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _score, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return pairs


@dataclass(slots=True)
class Counts:
    found: int = 0  # what the reader returned
    expected: int = 0  # what the extraction holds
    matched: int = 0

    def add(self, other: Counts) -> None:
        self.found += other.found
        self.expected += other.expected
        self.matched += other.matched

    @property
    def precision(self) -> float | None:
        return self.matched / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.expected if self.expected else None


@dataclass(slots=True)
class DocResult:
    name: str
    half: Half
    org: str
    holds_okrs: bool
    refused: str | None  # the reader's error, when it refused the document
    objectives: Counts
    key_results: Counts
    missed_krs: list[str] = field(default_factory=list)
    extra_krs: list[str] = field(default_factory=list)
    missed_objectives: list[str] = field(default_factory=list)
    extra_objectives: list[str] = field(default_factory=list)


def _score_reading(okrs: OKRSet | None, reading: list[ExpectedObjective]
                   ) -> tuple[Counts, Counts, list[tuple[list[str], list[str]]]]:
    got_obj = [o.text for o in okrs.objectives] if okrs else []
    got_kr = [kr.text for o in okrs.objectives for kr in o.key_results] if okrs else []
    want_obj = [o.text for o in reading]
    want_kr = [kr.text for o in reading for kr in o.key_results]
    lists = []
    counts = []
    for got, want in ((got_obj, want_obj), (got_kr, want_kr)):
        pairs = match(got, want)
        hit_got = {i for i, _ in pairs}
        hit_want = {j for _, j in pairs}
        counts.append(Counts(len(got), len(want), len(pairs)))
        lists.append(([w for j, w in enumerate(want) if j not in hit_want],
                      [g for i, g in enumerate(got) if i not in hit_got]))
    return counts[0], counts[1], lists


def score_document(doc: Document, text: str | None = None) -> DocResult:
    """``doc`` read as ``okr critique`` reads its file, or ``text`` in its place (the
    document written another way: ``variants``), against its extraction."""
    refused = None
    okrs: OKRSet | None = None
    try:
        okrs = parse_bytes(read_bytes(str(doc.path)), str(doc.path)) if text is None else \
            parse_text(text, str(doc.path))
    except InputError as err:
        refused = str(err)
    best = None
    for reading in doc.expected.readings():
        obj, kr, lists = _score_reading(okrs, reading)
        key = (kr.matched * 2 - kr.found - kr.expected, obj.matched * 2 - obj.found - obj.expected)
        if best is None or key > best[0]:
            best = (key, obj, kr, lists)
    assert best is not None  # readings() always holds the main reading
    _key, obj, kr, ((miss_o, extra_o), (miss_k, extra_k)) = best
    return DocResult(doc.name, doc.half, doc.org, doc.expected.holds_okrs, refused, obj, kr,
                     miss_k, extra_k, miss_o, extra_o)


def score_corpus(root: Path, halves: tuple[Half, ...] = ("dev", "test")) -> list[DocResult]:
    return [score_document(doc) for doc in load_corpus(root, halves)]


def figure(value: float | None) -> str:
    """A share as the tables print it: two decimals, a dash for none."""
    return "–" if value is None else f"{value:.2f}"


def totals(results: list[DocResult]) -> tuple[Counts, Counts]:
    obj, kr = Counts(), Counts()
    for r in results:
        obj.add(r.objectives)
        kr.add(r.key_results)
    return obj, kr


def _wrongly_refused(results: list[DocResult]) -> int:
    return sum(1 for r in results if r.refused and r.holds_okrs)


def format_summary(results: list[DocResult]) -> str:
    """One row per half: objectives and Key Results precision/recall, refusals."""
    rows = ["| half | documents | organisations | objectives P | R | n | Key Results P | R | n "
            "| refused (holding OKRs) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for half in ("test", "dev"):
        part = [r for r in results if r.half == half]
        if not part:
            continue
        obj, kr = totals(part)
        orgs = len({r.org for r in part})
        rows.append(f"| {half} | {len(part)} | {orgs} | {figure(obj.precision)} "
                    f"| {figure(obj.recall)} | {obj.expected} | {figure(kr.precision)} "
                    f"| {figure(kr.recall)} | {kr.expected} | {_wrongly_refused(part)} |")
    return "\n".join(rows) + "\n"


def format_documents(results: list[DocResult]) -> str:
    rows = ["| document | objectives P | R | n | Key Results P | R | n | note |",
            "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        note = f"refused: {r.refused[:60]}" if r.refused else ("" if r.holds_okrs else "no OKRs")
        rows.append(f"| {r.name} | {figure(r.objectives.precision)} "
                    f"| {figure(r.objectives.recall)} "
                    f"| {r.objectives.expected} | {figure(r.key_results.precision)} "
                    f"| {figure(r.key_results.recall)} | {r.key_results.expected} | {note} |")
    return "\n".join(rows) + "\n"


def misses(result: DocResult) -> list[str]:
    lines = [f"{result.name}:"]
    if result.refused:
        lines.append(f"  refused: {result.refused}")
    for label, items in (("missed objective", result.missed_objectives),
                         ("extra objective", result.extra_objectives),
                         ("missed KR", result.missed_krs), ("extra KR", result.extra_krs)):
        lines += [f"  {label}: {text[:120]}" for text in items]
    return lines
