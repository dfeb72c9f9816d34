"""Per-critique state the checks share: the effective rules and a memo of KR classifications."""

from __future__ import annotations

from assistant.model import KeyResult
from assistant.rubric.catalogue import Rule
from assistant.rubric.classify import Classified, Vocabulary, classify


class Context:
    def __init__(self, catalogue: dict[str, Rule]) -> None:
        # Classification reads K201's and K204's word lists even when those rules are
        # deselected: ignoring K201 must not turn "Publish 12 posts" into a K203.
        self.catalogue = catalogue
        self.vocabulary = Vocabulary(catalogue["K201"], catalogue["K204"])
        self._memo: dict[int, Classified] = {}
        # The engine classifies each KR and then runs that KR's checks, which ask again:
        # the last answer is kept at hand (an identity test, not a dict lookup).
        self._last: tuple[KeyResult | None, Classified | None] = (None, None)

    def classify(self, kr: KeyResult) -> Classified:
        last_kr, found = self._last
        if kr is last_kr:
            return found  # type: ignore[return-value]
        key = id(kr)
        found = self._memo.get(key)
        if found is None:
            found = classify(kr, self.vocabulary)
            self._memo[key] = found
        self._last = (kr, found)
        return found
