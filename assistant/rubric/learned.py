"""A learned second opinion for one rule: a linear model over a Key Result's words.

Hand-written word lists catch the common shapes of a task written as a Key Result ("Launch
X", "Publish N posts"); real documents have many more ("Journey Map v2 published in English
and Spanish", "Streaks live with daily check-in", "Database backups tested with a real
restore"). A logistic model over the words and a few parse features, trained on the labelled
real-shaped corpus (``okr eval train``, ``make train``), reads those. Its weights are data
in ``rubrics/learned.toml``, reviewed like the word lists; scoring is a sum of weights in
pure Python, and every finding it adds names the words that weighed most.

It only adds findings the rules missed (see ``classify``): where the rules decide, they
keep deciding, with their own explanation.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from functools import cache

from assistant.model import KRParse
from assistant.resources import data_dir

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Words that weigh (deliverables are often "a ..." or "... and ...") but explain nothing
_UNSAID = frozenset("a an the and or for with of to in on at by we our that what this it is "
                    "are be new".split())
FEATURES_VERSION = 1


def _stem(word: str) -> str:
    """ "published" and "publishing" as "publish": the forms weigh the same."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[:-len(suffix)]
    return word


def features(text: str, parsed: KRParse | None) -> set[str]:
    """The names the model weighs: words ("w:publish"), the first one or two ("first:"),
    word pairs ("bi:"), the last word, and whether the parse found a target, a baseline, a
    percentage and any number."""
    words = [_stem(w) for w in _WORD.findall(text.lower())]
    found = {"w:" + w for w in words}
    if words:
        found.add("first:" + words[0])
        found.add("last:" + words[-1])
        if len(words) > 1:
            found.add(f"first2:{words[0]}_{words[1]}")
    found.update(f"bi:{a}_{b}" for a, b in itertools.pairwise(words))
    has_target = parsed is not None and parsed.target is not None
    found.add("tgt" if has_target else "notgt")
    found.add("base" if parsed is not None and parsed.baseline is not None else "nobase")
    if has_target and parsed.target.unit == "%":  # type: ignore[union-attr]
        found.add("pct")
    if parsed is not None and parsed.quantities:
        found.add("num")
    if parsed is not None and parsed.verb:
        found.add(f"direction:{parsed.direction}")
    count = len(words)
    found.add("len:" + ("s" if count < 5 else "m" if count < 12 else "l"))
    return found


class LinearModel:
    """Weights by feature name; ``probability`` is the logistic of their sum. (The rule that
    consults it holds the threshold: ``K201.learned_at``.)"""

    __slots__ = ("bias", "weights")

    def __init__(self, bias: float, weights: dict[str, float]) -> None:
        self.bias = bias
        self.weights = weights

    def probability(self, names: set[str]) -> float:
        weights = self.weights
        z = self.bias + sum(weights.get(name, 0.0) for name in names)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def reasons(self, names: set[str], text: str, count: int = 2) -> list[str]:
        """The words of ``text`` that weighed most for the finding, as the text has them."""
        spelled = {}
        for word in _WORD.findall(text.lower()):
            spelled.setdefault(_stem(word), word)
        scored = sorted(((self.weights.get(n, 0.0), n) for n in names
                         if n.startswith(("w:", "bi:", "first:", "last:", "first2:"))),
                        reverse=True)
        out: list[str] = []
        for weight, name in scored:
            if weight <= 0:
                break
            parts = name.split(":", 1)[1].split("_")
            if all(part in _UNSAID for part in parts):
                continue
            said = " ".join(spelled.get(w, w) for w in parts)
            if not any(said in seen or seen in said for seen in out):
                out.append(said)
            if len(out) == count:
                break
        return out


def model_from(data: dict[str, object]) -> LinearModel:
    weights = data.get("weights", {})
    if not isinstance(weights, dict):
        raise ValueError("weights must be a table")
    if data.get("features") != FEATURES_VERSION:
        raise ValueError(f"features version {data.get('features')!r}, expected "
                         f"{FEATURES_VERSION}: run `make train`")
    return LinearModel(float(data["bias"]),  # type: ignore[arg-type]
                       {str(k): float(v) for k, v in weights.items()})


@cache
def default_models() -> dict[str, LinearModel]:
    """The models in ``rubrics/learned.toml`` by rule code; none if the file is absent."""
    from assistant.rubric.catalogue import CatalogueError, cached_toml

    path = os.path.join(data_dir("rubrics"), "learned.toml")
    if not os.path.exists(path):
        return {}
    raw = cached_toml(path)
    models = raw.get("models", {})
    try:
        return {code: model_from(data) for code, data in models.items()}
    except (KeyError, TypeError, ValueError) as err:
        raise CatalogueError(f"rubric {path}: a model is malformed ({err})") from None
