"""Names over lists: a heading or a bullet that names a group ("Engineering", "Sales &
Marketing") rather than stating a result, and the two-level list under such a heading, whose
top bullets are then objectives. Pure: the line reader (``markdown``, ``plain_lines``) and
``document`` ask.
"""

from __future__ import annotations

from assistant.model import KeyResult, Objective
from assistant.parse.phrase import parse_kr
from assistant.parse.vocabulary import (
    DECREASE_VERBS,
    IMPROVE_VERBS,
    INCREASE_VERBS,
    MAINTAIN_VERBS,
    REACH_VERBS,
)

_OBJECTIVE_VERBS = frozenset("""make be become build get keep help create establish develop
deliver ensure enable provide support win drive bring turn give let set go launch ship run hire
expand scale strengthen empower foster optimize optimise write""".split()) | INCREASE_VERBS | \
    DECREASE_VERBS | IMPROVE_VERBS | REACH_VERBS | MAINTAIN_VERBS


def names_a_group(text: str, max_words: int = 4) -> bool:
    """ "Engineering", "Sales & Marketing", "Runtime Support", "UI/UX": a name over the list
    below it (who it belongs to, what it is about), not a result or a change."""
    words = text.lower().replace("&", " ").replace("/", " ").split()
    return 0 < len(words) <= max_words and words[0] not in _OBJECTIVE_VERBS and \
        not any(c.isdigit() for c in text) and text[-1:] not in ".!?" and \
        parse_kr(text).verb is None


def split_group(objective: Objective, tentative: bool, lines: dict[int, list[int]]
                 ) -> list[tuple[Objective, bool]]:
    """Under a heading that names a team ("## Engineering"), a two-level list is objectives
    with their KRs nested; read that way, each top bullet becomes an objective."""
    krs = objective.key_results
    nested = sum(1 for kr in krs if kr.initiatives)
    measured = sum(1 for kr in krs if kr.parsed and kr.parsed.quantities)
    if not tentative or not krs or nested * 2 < len(krs) or measured * 2 > len(krs) or \
            not names_a_group(objective.text):
        return [(objective, tentative)]  # (top bullets with numbers are KRs, not objectives)
    split = []
    for kr in krs:
        owner = kr.owner or objective.owner or objective.text
        child = Objective(kr.text, kr.line, [], owner, kr.ignore)
        at = lines.get(id(kr), [])
        child.key_results = [
            KeyResult(text, at[i] if i < len(at) else kr.line, parse_kr(text), [], None, [], None)
            for i, text in enumerate(kr.initiatives)]
        split.append((child, False))
    return split


