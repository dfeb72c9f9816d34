"""The 0–100 quality score of an objective and of a whole set.

Formula (documented in the README and ARCHITECTURE.md):

* each finding costs points by severity: error 25, warning 10, info 3;
* an objective scores 100 minus the cost of the findings on it and on its Key Results,
  never below 0;
* the set scores the mean of its objective scores minus the cost of the set-level findings
  (S-codes and R100), never below 0.

So one task posing as a KR (an error) takes an objective from 100 to 75; a missing baseline
(a warning) to 90. Scores compare drafts of the same set; they are not a grade across teams.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from assistant.model import Finding, ObjectiveScore

PENALTY: dict[str, int] = {"error": 25, "warning": 10, "info": 3}


def score(objective_count: int, findings: Sequence[Finding],
          set_codes: Container[str]) -> tuple[list[ObjectiveScore], int]:
    """Per-objective and set scores; ``set_codes`` are the codes of set-level rules."""
    lost = [0] * objective_count
    set_lost = 0
    for finding in findings:
        cost = PENALTY[finding.severity]
        if finding.objective is None or finding.code in set_codes:
            set_lost += cost
        elif 1 <= finding.objective <= objective_count:
            lost[finding.objective - 1] += cost
    per_objective = [ObjectiveScore(i + 1, max(0, 100 - cost)) for i, cost in enumerate(lost)]
    if not per_objective:
        return [], 0
    mean = sum(s.score for s in per_objective) / len(per_objective)
    return per_objective, max(0, round(mean) - set_lost)
