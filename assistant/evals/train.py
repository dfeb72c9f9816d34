"""``make train``: fit the rubric's learned second opinion on tasks (``rubric/learned.py``).

The examples are the Key Results of the real-shaped corpus's dev half (as ``score_real``
sees them) and of the team-written tune split, labelled K201 or not. The test halves are
never read here. The model is a logistic regression fitted by plain full-batch gradient
descent with an L2 penalty, in a fixed order, so the same data always gives the same
weights; small weights are dropped and the rest rounded, so the file reviews like a word
list.

Cross-validation over whole organisations (five folds) says how well it reads documents it
was not fitted on: the model is fitted without an organisation's documents and judged on
them, as the rules and the model together run (the model only adds findings the rules
missed), at each threshold; the file records those figures beside the weights, and the
threshold in use is the rule's ``K201.learned_at`` in ``rubrics/default.toml``.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from assistant.evals.real_corpus import load_corpus
from assistant.evals.rubric_eval import KR_CODES, KRItem, read_items, real_key_result
from assistant.model import KeyResult
from assistant.parse import parse_kr
from assistant.rubric.catalogue import default_catalogue
from assistant.rubric.classify import Vocabulary, classify, model_may_judge
from assistant.rubric.learned import FEATURES_VERSION, features

CODE = "K201"
L2 = 2.0
EPOCHS = 150
RATE = 0.5
KEEP_ABOVE = 0.1  # weights closer to 0 than this are dropped
FOLDS = 5
THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


@dataclass(slots=True)
class Example:
    group: str  # the organisation (or "tune"): folds never split one
    names: frozenset[str]
    positive: bool
    rules_fire: bool  # the word-list rules alone call it a task
    judged: bool  # the model may add a finding here (``classify.model_may_judge``)


def examples(real_root: Path, rubric_root: Path) -> list[Example]:
    vocabulary = Vocabulary(default_catalogue()["K201"], default_catalogue()["K204"])
    vocabulary.task_model = None  # the rules alone: the model must not judge itself

    def example(group: str, kr: KeyResult, labels: list[str]) -> Example:
        return Example(group, frozenset(features(kr.text, kr.parsed)), CODE in labels,
                       classify(kr, vocabulary).kind == "task",
                       model_may_judge(kr.text.lower(), kr.parsed, vocabulary))

    out = [example(doc.name.split("/")[1], real_key_result(item), item.labels)
           for doc in load_corpus(real_root, ("dev",))
           for objective in doc.expected.objectives for item in objective.key_results]
    for item in read_items(rubric_root / "tune" / "krs.jsonl", KRItem, KR_CODES):
        kr = KeyResult(text=item.text, line=1, parsed=parse_kr(item.text))
        out.append(example("tune", kr, item.expect))
    return out


def fit(data: list[Example]) -> tuple[float, dict[str, float]]:
    """Bias and weights of the logistic regression on ``data``."""
    weights: dict[str, float] = defaultdict(float)
    bias = 0.0
    n = len(data)
    rows = [(sorted(e.names), 1.0 if e.positive else 0.0) for e in data]
    for _epoch in range(EPOCHS):
        grad: dict[str, float] = defaultdict(float)
        grad_bias = 0.0
        for names, y in rows:
            z = bias + sum(weights[name] for name in names)
            g = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))) - y
            grad_bias += g
            for name in names:
                grad[name] += g
        bias -= RATE * grad_bias / n
        for name in sorted(grad):
            weights[name] -= RATE * (grad[name] + L2 * weights[name]) / n
    return bias, {k: round(v, 4) for k, v in sorted(weights.items()) if abs(v) >= KEEP_ABOVE}


def _probability(bias: float, weights: dict[str, float], names: frozenset[str]) -> float:
    z = bias + sum(weights.get(name, 0.0) for name in names)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def cross_validate(data: list[Example]) -> dict[float, tuple[float, float, float]]:
    """Threshold -> (precision, recall, F1) of the rules and the model together, each
    organisation judged by a model fitted without it."""
    groups = sorted({e.group for e in data})
    random.Random(1).shuffle(groups)
    counts = {t: [0, 0, 0] for t in THRESHOLDS}  # true positives, false positives, misses
    for fold in range(FOLDS):
        held = set(groups[fold::FOLDS])
        bias, weights = fit([e for e in data if e.group not in held])
        for e in data:
            if e.group not in held:
                continue
            p = _probability(bias, weights, e.names)
            for t in THRESHOLDS:
                fires = e.rules_fire or (e.judged and p >= t)
                counts[t][0] += fires and e.positive
                counts[t][1] += fires and not e.positive
                counts[t][2] += (not fires) and e.positive
    out = {}
    for t, (tp, fp, fn) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[t] = (precision, recall, f1)
    return out


def _rules_alone(data: list[Example]) -> tuple[float, float, float]:
    tp = sum(e.rules_fire and e.positive for e in data)
    fp = sum(e.rules_fire and not e.positive for e in data)
    fn = sum((not e.rules_fire) and e.positive for e in data)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall)


def render(data: list[Example], bias: float, weights: dict[str, float],
           scores: dict[float, tuple[float, float, float]]) -> str:
    rules = _rules_alone(data)
    lines = [
        "# The rubric's learned second opinion (assistant/rubric/learned.py), written by",
        "# `make train` (assistant/evals/train.py): do not edit by hand; change the data and",
        "# train again. Trained on the real-shaped corpus's dev half and the tune split",
        f"# ({len(data)} Key Results, {sum(e.positive for e in data)} labelled {CODE}).",
        "# Cross-validated over whole organisations (rules, then rules and model together):",
        f"#   rules alone: P {rules[0]:.2f} R {rules[1]:.2f} F1 {rules[2]:.2f}",
        *(f"#   model at {t:.2f}: P {p:.2f} R {r:.2f} F1 {f:.2f}"
          for t, (p, r, f) in sorted(scores.items())),
        "",
        f"[models.{CODE}]",
        f"features = {FEATURES_VERSION}",
        f"bias = {round(bias, 4)}",
        "",
        f"[models.{CODE}.weights]",
        *(f'"{name}" = {value}' for name, value in weights.items()),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    root = Path(__file__).resolve().parents[2]
    data = examples(root / "evals" / "real", root / "evals" / "rubric")
    scores = cross_validate(data)
    bias, weights = fit(data)
    out = root / "rubrics" / "learned.toml"
    out.write_text(render(data, bias, weights, scores), encoding="utf-8")
    at = default_catalogue()["K201"].thresholds["learned_at"]
    best = max(THRESHOLDS, key=lambda t: (round(scores[t][2], 3), t))
    p, r, f = scores.get(at, (0.0, 0.0, 0.0))
    print(f"{out.relative_to(root)}: {len(weights)} weights; at K201.learned_at = {at} "
          f"cross-validated P {p:.2f} R {r:.2f} F1 {f:.2f}"
          + ("" if best == at else f" (best F1 at {best}: rubrics/default.toml sets it)"))


if __name__ == "__main__":
    main()
