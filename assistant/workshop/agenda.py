"""The session plan: steps, timeboxes that fit the duration, and what to read out at each.

Pure functions. Timeboxes are shares of the session (weights below), rounded to whole minutes,
with the rounding remainder given to the longest step so they always add up to the duration.
The method follows common OKR practice: start from what matters and last cycle's results,
let everyone propose, cluster, vote down to a few objectives (three by default), then draft
three to five outcome Key Results for each, review them against the rubric, and commit owners
and a check-in rhythm.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_MINUTES, MAX_MINUTES = 30, 240


@dataclass(frozen=True, slots=True)
class Step:
    key: str
    title: str
    weight: int  # share of the session
    prompts: tuple[str, ...]  # what the facilitator reads out


STEPS: tuple[Step, ...] = (
    Step("framing", "Framing", 10, (
        "What is the one thing that would make next cycle a success for the people we serve?",
        "What did last cycle's results teach us? What surprised us?",
        "Which health metrics (KPIs) must simply stay healthy while we focus elsewhere?",
    )),
    Step("diverge", "Everyone proposes objectives", 15, (
        "On your own, write the objectives you think matter most, one per card.",
        "Say what changes and for whom; leave numbers for the Key Results.",
    )),
    Step("cluster", "Cluster similar proposals", 10, (
        "Which proposals say the same thing in different words? Merge them.",
        "Is any cluster really two ideas? Split it.",
    )),
    Step("vote", "Dot voting", 8, (
        "Spend your dots on the clusters that matter most this cycle.",
        "It is fine to put several dots on one cluster.",
    )),
    Step("converge", "Converge on a few objectives", 10, (
        "Keep the top clusters, at most the limit we agreed. What are we saying no to?",
        "Reword each kept cluster as one inspiring, qualitative objective.",
    )),
    Step("key_results", "Key Results", 25, (
        "For each objective: how would we know, at the end of the cycle, that we got there?",
        "Name the metric, where it is today, and where it should be. Outcomes, not tasks.",
        "Three to five Key Results per objective; mix leading and lagging indicators.",
    )),
    Step("review", "Review against the rubric", 12, (
        "Read the rubric's findings aloud. Is any Key Result a task in disguise?",
        "Does every target have a baseline? If not, who measures it this week?",
    )),
    Step("commit", "Commit", 10, (
        "Who owns each objective and each Key Result?",
        "When do we check in? Weekly for ten minutes is a good start.",
        "Score at the end of the cycle on 0 to 1; about 0.7 on a stretch goal is success.",
    )),
)
STEP_KEYS = tuple(step.key for step in STEPS)


@dataclass(frozen=True, slots=True)
class Timebox:
    step: Step
    minutes: int
    starts_at_minute: int


def agenda(duration_minutes: int) -> list[Timebox]:
    if not MIN_MINUTES <= duration_minutes <= MAX_MINUTES:
        raise ValueError(f"a workshop lasts {MIN_MINUTES} to {MAX_MINUTES} minutes, "
                         f"not {duration_minutes}")
    total_weight = sum(s.weight for s in STEPS)
    minutes = [max(3, round(duration_minutes * s.weight / total_weight)) for s in STEPS]
    longest = max(range(len(STEPS)), key=lambda i: STEPS[i].weight)
    minutes[longest] += duration_minutes - sum(minutes)
    boxes, start = [], 0
    for step, length in zip(STEPS, minutes, strict=True):
        boxes.append(Timebox(step, length, start))
        start += length
    return boxes


def render_agenda(duration_minutes: int) -> str:
    lines = [f"OKR workshop agenda ({duration_minutes} minutes)", ""]
    for box in agenda(duration_minutes):
        lines.append(f"{box.starts_at_minute:>4}' {box.step.title} ({box.minutes} min)")
        lines += [f"       - {p}" for p in box.step.prompts]
    return "\n".join(lines)
