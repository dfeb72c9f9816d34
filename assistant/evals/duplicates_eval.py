"""``okr eval duplicates``: the duplicate rules (S003 for objectives, K208 for Key Results) on
pairs written for them (``evals/rubric/duplicates/{dev,test}.jsonl``), and what meaning
would add (``--meaning``: the sentence model of ``evals.meaning``).

Each pair is two objectives of one set, or two Key Results of one objective, and whether a
careful coach would merge them. The rules compare shared words. "With meaning" is the rule
or a cosine at or above a threshold, unless the pair only swaps one slot for something of
another meaning ("new customers" / "new hires": most words shared, the rest far apart). The
threshold is the one with the best F1 on the dev half, and the test half is scored at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.evals.errors import EvalSetError
from assistant.evals.jsonl import read_validated
from assistant.model import KeyResult, Objective, OKRSet
from assistant.parse import parse_kr
from assistant.rubric import critique

TYPE_CHECKING = False
if TYPE_CHECKING:
    from assistant.evals.meaning import SentenceModel

Kind = Literal["objective", "key_result"]
RULE_FOR: dict[Kind, str] = {"objective": "S003", "key_result": "K208"}
THRESHOLDS = tuple(round(0.30 + 0.05 * i, 2) for i in range(12))  # 0.30 .. 0.85
SWAPPED_BELOW = 0.5  # the swapped words' cosine under which a pair is a contrast


class Pair(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    kind: Kind
    a: str
    b: str
    duplicate: bool
    why: str = ""


def read_pairs(path: Path) -> list[Pair]:
    pairs = [pair for _n, pair in read_validated(path, Pair.model_validate, EvalSetError)]
    seen: set[str] = set()
    for pair in pairs:
        if pair.id in seen:
            raise EvalSetError(f"{path}: the id {pair.id!r} is used twice")
        seen.add(pair.id)
    return pairs


def _okrs(pair: Pair) -> OKRSet:
    if pair.kind == "objective":
        return OKRSet(objectives=[Objective(text=pair.a, line=1), Objective(text=pair.b, line=2)])
    krs = [KeyResult(text=t, line=n, parsed=parse_kr(t)) for n, t in ((2, pair.a), (3, pair.b))]
    return OKRSet(objectives=[Objective(text="(evaluation)", line=1, key_results=krs)])


def rule_fires(pair: Pair) -> bool:
    """Whether the pair's rule, as ``okr critique`` runs it, calls the pair a duplicate."""
    code = RULE_FOR[pair.kind]
    return any(f.code == code for f in critique(_okrs(pair)).findings)


@dataclass(slots=True)
class Judged:
    pair: Pair
    words: bool  # the rule fires
    cosine: float
    swapped: bool  # one slot swapped for a word far from it in meaning

    def with_meaning(self, at: float) -> bool:
        return (self.words or self.cosine >= at) and not self.swapped


_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_FILLER = frozenset("a an the of to in on for and or our we us with by from at is are be "
                    "more all every".split())


def _literal(text: str) -> frozenset[str]:
    """The words as written, without filler: a swap is literal ("new customers" / "new
    hires"), so the synonyms ``content_words`` folds ("teammates", "colleagues") stay apart."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _FILLER)


def _swapped(pair: Pair, model: SentenceModel) -> bool:
    """Most words shared and one or two on each side swapped for words far from them in
    meaning ("new customers" / "new hires")."""
    a, b = _literal(pair.a), _literal(pair.b)
    only_a, only_b = a - b, b - a
    return len(a & b) >= 2 and 0 < len(only_a) <= 2 and 0 < len(only_b) <= 2 and \
        model.similarities([" ".join(sorted(only_a)),
                            " ".join(sorted(only_b))])[0][1] < SWAPPED_BELOW


def judge(pairs: list[Pair], model: SentenceModel) -> list[Judged]:
    return [Judged(pair, rule_fires(pair), model.similarities([pair.a, pair.b])[0][1],
                   _swapped(pair, model)) for pair in pairs]


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    n: int = 0

    def add(self, said: bool, truth: bool) -> None:
        self.n += 1
        self.tp += said and truth
        self.fp += said and not truth
        self.fn += (not said) and truth

    @property
    def f1(self) -> float:
        wrong_or_right = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / wrong_or_right if wrong_or_right else 0.0

    def cells(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        return " | ".join("–" if v is None else f"{v:.2f}" for v in (p, r, self.f1))


def _score(judged: list[Judged], kind: Kind, said: str | float) -> Score:
    score = Score()
    for j in judged:
        if j.pair.kind == kind:
            score.add(j.words if said == "words" else j.with_meaning(float(said)),
                      j.pair.duplicate)
    return score


def best_threshold(dev: list[Judged], kind: Kind) -> float:
    """The threshold with the best F1 on the dev half (the higher one on a tie)."""
    return max(THRESHOLDS, key=lambda t: (round(_score(dev, kind, t).f1, 3), t))


def format_table(halves: dict[str, list[Pair]], model: SentenceModel | None,
                 real_root: Path | None = None) -> str:
    head = "| half | rule | pairs | words P | R | F1 |"
    sep = "|---|---|---:|---:|---:|---:|"
    if model is not None:
        head += " meaning at | P | R | F1 |"
        sep += "---:|---:|---:|---:|"
    judged = {half: judge(pairs, model) if model is not None else
              [Judged(p, rule_fires(p), 0.0, False) for p in pairs]
              for half, pairs in halves.items()}
    chosen = {kind: best_threshold(judged["dev"], kind) for kind in RULE_FOR} \
        if model is not None and "dev" in judged else {}
    lines = [head, sep]
    for half, rows in judged.items():
        for kind, code in RULE_FOR.items():
            words = _score(rows, kind, "words")
            line = f"| {half} | {code} | {words.n} | {words.cells()} |"
            if model is not None:
                at = chosen.get(kind)
                line += f" {at:.2f} | {_score(rows, kind, at).cells()} |" if at is not None \
                    else " – | – | – | – |"
            lines.append(line)
    if model is not None and real_root is not None and "objective" in chosen:
        flagged, total = real_pairs_flagged(real_root, model, chosen["objective"])
        lines += ["", f"On real documents (the corpus's dev half), meaning at "
                      f"{chosen['objective']:.2f} would call {flagged} of {total} objective "
                      f"pairs duplicates ({flagged / max(total, 1):.0%})."]
    return "\n".join(lines)


def real_pairs_flagged(real_root: Path, model: SentenceModel, at: float) -> tuple[int, int]:
    """(flagged, all): objective pairs of one document in the real-shaped corpus's dev half
    that meaning at ``at`` would call duplicates. Real teams seldom repeat an objective, so
    this is near the false alarms a user would see."""
    from assistant.evals.real_corpus import load_corpus

    flagged = total = 0
    for doc in load_corpus(real_root, ("dev",)):
        texts = [o.text for o in doc.expected.objectives]
        sims = model.similarities(texts)  # one batch per document
        for j in range(1, len(texts)):
            for i in range(j):
                pair = Pair(id="real", kind="objective", a=texts[i], b=texts[j],
                            duplicate=False)
                total += 1
                if (sims[i][j] >= at or rule_fires(pair)) and not _swapped(pair, model):
                    flagged += 1
    return flagged, total


def format_sweep(dev: list[Pair], model: SentenceModel) -> str:
    """F1 by threshold on the dev half (never the test half)."""
    judged = judge(dev, model)
    lines = ["| rule | meaning at | P | R | F1 |", "|---|---:|---:|---:|---:|"]
    for kind, code in RULE_FOR.items():
        lines += [f"| {code} | {t:.2f} | {_score(judged, kind, t).cells()} |"
                  for t in THRESHOLDS]
    return "\n".join(lines)
