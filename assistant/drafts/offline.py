"""The offline drafter: deterministic, no network, and honest about what it does not know.

Given a goal and the team's context it:

1. writes one Key Result per baseline the team gave, "verb metric from BASELINE to TARGET by
   DEADLINE", with the team's target if they gave one, else a proposed stretch target
   (``targets.propose``) marked as a proposal with its reason;
2. when fewer than two such Key Results exist, adds outcome metrics from the catalogue
   (``rubrics/metrics.toml``) for the kind of goal it recognises, with a relative target and
   the baseline marked unknown, saying how to measure it (it never writes a number nobody gave);
3. when it recognises neither a baseline nor the kind of goal, it returns no Key Results and
   says so, with the questions that would let it help.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from assistant.drafts.subject import subject_krs
from assistant.drafts.targets import format_like, kind_of, propose, target_form
from assistant.drafts.types import Baseline, Context, DraftBody, DraftedKR, Target
from assistant.parse.quantities import parse_quantity
from assistant.resources import data_dir
from assistant.rubric import default_catalogue
from assistant.rubric.catalogue import statement_codes

MAX_KRS = 4
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_CYCLE = re.compile(r"(?i)\b(?:(20\d{2})\s*[-/ ]?\s*([qh][1-4])|([qh][1-4])\s*'?\s*(20\d{2}))\b")
# Goal openings that announce a project rather than an outcome, beyond O105's list.
_PROJECT_VERBS = frozenset({"build", "prepare", "start", "do", "create", "write", "publish"})
# A metric whose name holds one of these is better lower ("drop-off", "open bugs", "budget
# variance", "minutes from download to first board") ...
_DECREASE_WORDS = frozenset(
    """churn latency time times cost costs incidents incident errors error attrition tickets
    defects bugs dso burn drop-off dropoff drop mttr failure failures spend backlog complaints
    refunds days duration wait lead-time cycle-time bounce heart cycle vacancy vacancies
    variance crash crashes overridden override overrides outdated stale empty unowned
    abandonment abandoned dropout dropouts effort waste scrap emissions breach breaches
    violations delays delay downtime debt overdue manual minutes hours weeks months seconds
    ms rejections rejected escalations rework turnover absenteeism spam fraud non-food
    misroutes inaccurate unanswered min mins hrs questions""".split()
)
# ... unless it counts the good side ("crash-free sessions", "time spent", "session length")
_INCREASE_WORDS = frozenset("""session sessions engagement retention uptime coverage spent
    watch savings saved""".split())
_NEGATIVE_PHRASES = re.compile(r"\b(?:no|without|zero|not)\b|-free\b|\bfree\b")
_DECREASE_GOAL = frozenset("""cut reduce lower decrease shrink halve eliminate stop end avoid
    prevent minimise minimize remove fewer less limit shorten""".split())
_INCREASE_GOAL = frozenset("""grow increase raise boost expand double triple more""".split())
_KEEP_GOAL = frozenset("""keep maintain stay sustain hold protect preserve""".split())


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    aliases: frozenset[str]
    direction: str
    kind: str
    measure: str
    domain: str


@dataclass(frozen=True, slots=True)
class Domain:
    name: str
    keywords: tuple[str, ...]
    objective: str
    metrics: tuple[Metric, ...]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@cache
def catalogue() -> tuple[Domain, ...]:
    path = Path(data_dir("rubrics")) / "metrics.toml"
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    domains = []
    for name, data in raw["domains"].items():
        metrics = tuple(
            Metric(name=m["name"], aliases=frozenset(_words(m["name"] + " " + m["aliases"])),
                   direction=m["direction"], kind=m["kind"], measure=m["measure"], domain=name)
            for m in data["metrics"]
        )
        domains.append(Domain(name=name, keywords=tuple(data["keywords"].lower().split()),
                              objective=data["objective"], metrics=metrics))
    return tuple(domains)


# Keywords too common to pick a domain alone: "Grow place-based navigation" is not about
# revenue, "Help the work group grow" not about support. With a second keyword they count.
_WEAK_KEYWORDS = frozenset("""grow growth team people help feature features app
    mobile experience love platform pipeline ship shipping release releases load partner
    partners segment read reading write writing content social audience test tests testing
    stable stability efficient efficiency active habit engaged engagement agent agents
    response responsive delivery velocity builds lead leads
    traffic managers career pay paying sell selling convert speed fast faster slow
    quality queue close closing offer offers""".split())
_INFLECTIONS = ("", "s", "es", "ed", "d", "ing", "er", "ers")


def _hits(key: str, words: list[str], text: str) -> bool:
    """A keyword in the text: a phrase as written; a stem of six letters or more ("satisf",
    "activat") at the start of a word; a short word only as itself or inflected ("test" in
    "tests", not in "testnet"; "app" not in "approach")."""
    if " " in key:
        return key in text
    if len(key) >= 6:
        return any(w.startswith(key) for w in words)
    stem = key[:-1] if key.endswith("e") else key  # "use" in "using"
    return any((w[:len(key)] == key and w[len(key):] in _INFLECTIONS)
               or (w[:len(stem)] == stem and w[len(stem):] in ("ing", "ed")) for w in words)


def match_domains(text: str, at_least: float = 1.0) -> list[Domain]:
    """Domains whose keywords the text names, best first (ties keep catalogue order); a
    domain named only by common words (``_WEAK_KEYWORDS``) needs two of them, and every
    domain ``at_least`` that much evidence (a strong keyword counts 1, a common one 0.5)."""
    low = text.lower()
    words = _words(low.replace("-", " ")) + _words(low)
    scored = []
    for index, domain in enumerate(catalogue()):
        found = [key for key in domain.keywords if _hits(key, words, low)]
        hits = sum(0.5 if key in _WEAK_KEYWORDS else 1.0 for key in found)
        if hits >= at_least:
            scored.append((-hits, index, domain))
    return [d for _, _, d in sorted(scored)]


# Words any metric may have: sharing one of these alone ("monthly listeners" and "monthly
# cloud spend") makes no match.
_METRIC_FILLER = frozenset("""monthly weekly daily yearly annual quarterly per rate rates
    number share percent percentage average median mean total count time new active of the
    a an in on for to by with from and week month year quarter""".split())
# (the period of "hours a week", not the measure: "days to close" keeps "days")


def match_metric(name: str) -> Metric | None:
    """The catalogue metric a baseline's name refers to ("NPS", "p95 latency"), if any."""
    words = set(_words(name)) - _METRIC_FILLER
    best, best_score = None, 0.0
    for domain in catalogue():
        for metric in domain.metrics:
            shared = len(words & metric.aliases)
            # half the name's words, and two of them when it has more than one: "manual
            # releases" (hours spent on them) is not "deploy frequency" for one shared word
            score = shared / len(words) if words and (shared >= 2 or len(words) == 1) else 0
            if shared and score > best_score:
                best, best_score = metric, score
    return best if best_score >= 0.5 else None


_PERIOD = re.compile(r"(?i)\b([qh][1-4])\b")
_YEARS = re.compile(r"(?i)\b(?:fy\s?|cy\s?)?(?:19|20)\d{2}(?:\s*[–/-]\s*(?:19|20)?\d{2})?\b"
                    r"|\b(?:fy|cy)\s?\d{2}\b")


def deadline_for(cycle: str | None, goal: str = "") -> str:
    """When the Key Results are due, in the team's own cycle: "Q1 2026", "H2 2025", a year
    ("2025", "FY2025", "2023-24"), the last year of a range ("2021 – 2025"), or the cycle as
    named ("spring term"). A quarter only when the cycle is a quarter, or nothing says
    otherwise (no cycle, no year in the goal)."""
    if cycle:
        m = _CYCLE.search(cycle)
        if m:
            year = m.group(1) or m.group(4)
            period = (m.group(2) or m.group(3)).upper()
            return f"by end of {period} {year}"
        years = _YEARS.findall(cycle)
        periods = _PERIOD.findall(cycle)
        if periods:  # "Q3/Q4", "FY24-Q2", "Q1"
            fiscal = next((y for y in years if y.lower().startswith("fy")), None)
            where = f" {fiscal.upper().replace(' ', '')}" if fiscal else (
                f" {years[-1]}" if years else "")
            return f"by end of {periods[-1].upper()}{where}"
        if years:
            last = years[-1]
            span = re.fullmatch(r"((?:19|20)\d{2})\s*[–/-]\s*((?:19|20)\d{2})", last)
            if span:  # "2021 – 2025": the end of the range
                last = span.group(2)
            return f"by end of {last.upper() if last[:1].isalpha() else last}"
        name = cycle.split("(")[0].strip(" .,:;")
        if re.search(r"(?i)\byears?\b", name):
            return "by the end of the year"  # "1-year and 2-year objectives"
        if name:
            return f"by the end of {name}"
    years = _YEARS.findall(goal)
    if years:  # "Cut emissions 42% by 2030"
        return f"by {years[-1]}"
    return "by the end of the quarter"


def _verb(direction: str, kind: str) -> str:
    if direction == "increase":
        return "Grow" if kind in ("count", "money") else "Raise"
    return "Cut" if kind in ("time", "count", "money") else "Reduce"


def _goal_verb(goal: str) -> str | None:
    """The change the goal asks for when it opens with it ("Cut scrap ...", "Keep customer
    data safe"), or None: in "Make support less painful" the "less" is the pain's, not
    support's."""
    words = _words(goal.split(".")[0])[:2]
    if len(words) == 2 and words[0] in ("spend", "take", "need") and words[1] in (
            "less", "fewer", "more"):
        return words[1]  # "Spend less time on busywork": the time is to come down
    return words[0] if words and words[0] in _DECREASE_GOAL | _INCREASE_GOAL | _KEEP_GOAL \
        else None


def _names_goal(name: str, goal: str, verb: str | None) -> bool:
    """Whether metric ``name`` is about what the goal names ("units scrapped" and "Cut
    scrap"; "data breaches" and "Keep customer data safe"): a shared word, by its stem."""
    stems = {w[:5] for w in _words(goal.split(".")[0]) if len(w) > 3 and w != verb}
    return any(w[:5] in stems for w in _words(name.replace("-", " ")) if len(w) > 3)


FALLBACK_DIRECTION = "unknown"


def _direction_for(name: str, metric: Metric | None, goal: str = "") -> str:
    """Which way the team wants ``name`` to move: the goal's own verb when it names this
    metric ("Cut down applicant questions"), else the catalogue's metric, else what the
    metric's words say ("open bugs" down, "crash-free sessions" up)."""
    name_words = set(_words(name.split(" per ")[0].replace("-", " "))) | set(
        _words(name.split(" per ")[0]))
    verb = _goal_verb(goal)
    if verb in _DECREASE_GOAL | _INCREASE_GOAL and _names_goal(name, goal, verb):
        return "decrease" if verb in _DECREASE_GOAL else "increase"
    low = name.lower()
    if "-free" in low or name_words & _INCREASE_WORDS:
        return "increase"
    if metric is not None:
        return metric.direction
    negated = _NEGATIVE_PHRASES.search(low) is not None
    if name_words & _DECREASE_WORDS:  # "runs that finish without a manual restart": good
        return "increase" if negated else "decrease"
    # "components with no owning team" down; otherwise up, which is what most counts, shares
    # and ratings a team reports want (55 of the dev goals' given metrics reach this line)
    return "decrease" if negated else "increase"


def _held_level(name: str, value: str, goal: str) -> bool:
    """A given metric the goal asks to keep ("Keep ... safe", "Maintain ..."), or one that
    is better lower and already at zero: there is nowhere to move it."""
    baseline = parse_quantity(value)
    if baseline is None:
        return False
    verb = _goal_verb(goal)
    if verb in _KEEP_GOAL and _names_goal(name, goal, verb):
        return True
    return baseline.value == 0 and _direction_for(name, match_metric(name), goal) == "decrease"


_PERCENT_NAME = re.compile(r"%|\bpercent(?:age)?\b|\bshare of\b", re.IGNORECASE)


def _given_kr(name: str, value: str, context: Context, deadline: str,
              goal: str = "") -> DraftedKR | None:
    baseline = parse_quantity(value)
    if baseline is None:
        return None
    metric = match_metric(name)
    direction = _direction_for(name, metric, goal)
    kind = kind_of(baseline) if baseline.unit else (metric.kind if metric else "count")
    if not baseline.unit and 0 <= baseline.value <= 100 and _PERCENT_NAME.search(name):
        # "runs that finish without a restart (%)" = 88.5: a share, so the target stays
        # under 100 (88.5 + 25% would be 110.6)
        baseline = replace(baseline, unit="%")
        kind = "rate"
    given_target = context.targets.get(name)
    if given_target:
        target = Target(value=given_target, source="given")
        target_text = given_target
    else:
        number, reason = propose(baseline, direction, kind)
        if kind == "count" and not baseline.unit and baseline.value == int(baseline.value):
            # people and things come whole: 6 contributors + 25% is 8, not 7.5
            number = float(math.ceil(number) if direction == "increase" else math.floor(number))
            if number == baseline.value:
                number += 1 if direction == "increase" else -1
            number = max(number, 0.0)
        target_text = format_like(number, baseline, target_form(value))
        target = Target(value=target_text, source="proposed", reason=reason)
    text = f"{_verb(direction, kind)} {name} from {value} to {target_text} {deadline}"
    return DraftedKR(text=text, metric=name, direction=direction,  # type: ignore[arg-type]
                     baseline=Baseline(value=value, source="given"), target=target,
                     deadline=deadline)


_AUDIENCE = re.compile(r"\b(?:for|among)\s+((?:our\s+|the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?"
                       r"\s+(?:customers|users|teams|accounts|clients|buyers|members|"
                       r"employees|engineers|agents|partners|hires))\b", re.IGNORECASE)


def audience(goal: str) -> str | None:
    """ "for premium customers" in the goal: who the Key Results should be about."""
    m = _AUDIENCE.search(goal)
    return m.group(1) if m else None


def _unknown_kr(metric: Metric, deadline: str, who: str | None = None) -> DraftedKR:
    if metric.kind == "rate":
        change = "by 5 percentage points"
    elif metric.kind == "score":
        change = "by 10 points" if metric.name.lower() in ("nps", "enps") else "by 10%"
    elif metric.kind == "time":
        change = "by 30%" if metric.direction == "decrease" else "by 25%"
    else:
        change = "by 25%"
    name = f"{metric.name} for {who}" if who else metric.name
    text = f"{_verb(metric.direction, metric.kind)} {name} {change} {deadline}"
    return DraftedKR(
        text=text, metric=name, direction=metric.direction,  # type: ignore[arg-type]
        baseline=Baseline(value=None, source="unknown",
                          how_to_measure=f"Measure it in the first week: {metric.measure}."),
        target=Target(value=change, source="proposed",
                      reason="relative to the baseline once measured (stretch)"),
        deadline=deadline,
    )


def _objective(goal: str, domains: list[Domain]) -> str:
    """The goal as an objective when it reads like one; else the domain's outcome phrasing."""
    from assistant.model import Objective, OKRSet
    from assistant.rubric import critique

    sentence = re.split(r"(?<=[.!?])\s", goal.strip(), maxsplit=1)[0].strip().rstrip(".!")
    candidate = sentence[:1].upper() + sentence[1:]
    task_verbs = default_catalogue()["O105"].word_list("task_verbs") | _PROJECT_VERBS
    first = _words(candidate)[:1]
    if candidate and len(candidate) <= 120 and not (first and first[0] in task_verbs):
        catalogue = default_catalogue()
        rules = {code: catalogue[code] for code in statement_codes(catalogue, "objective")}
        probe = OKRSet(objectives=[Objective(text=candidate)])
        if not critique(probe, rules).findings:
            return candidate
    if domains:
        return domains[0].objective
    return candidate or "Make a measurable difference for the people we serve"


def draft_offline(goal: str, context: Context) -> tuple[DraftBody, bool]:
    """The draft, and whether the goal could be mapped to outcomes at all."""
    deadline = deadline_for(context.cycle, goal)
    key_results: list[DraftedKR] = []
    seen: set[str] = set()
    baseline_domains: set[str] = set()
    notes: list[str] = []
    for name, value in list(context.baselines.items())[:MAX_KRS]:
        if _held_level(name, value, goal):
            # "Keep customer data safe" with "data breaches = 0": a level to hold, not a
            # change: a health metric to watch (KPI), not a Key Result
            notes.append(f"Keep {name} at {value}: a level to hold, so watch it as a health "
                         "metric (KPI) beside the Key Results rather than make it one.")
            seen.add(name.lower())
            continue
        kr = _given_kr(name, value, context, deadline, goal)
        if kr is None:
            continue
        key_results.append(kr)
        metric = match_metric(name)
        seen.add(metric.name if metric else name.lower())
        if metric is not None:
            baseline_domains.add(metric.domain)

    # The baselines are the strongest signal of what the goal is about; then the goal's words.
    domains = [d for d in catalogue() if d.name in baseline_domains]
    domains += [d for d in match_domains(f"{goal} {' '.join(context.baselines)}")
                if d not in domains]
    if len(key_results) < 2:  # what the goal's own words name comes before a catalogue's
        for kr in subject_krs(goal, deadline):
            # (a given metric about the same thing, "units scrapped" for "Cut scrap", is it)
            if kr.metric.lower() not in seen and len(key_results) < 3 and not any(
                    _names_goal(given.metric, kr.metric, None) for given in key_results
                    if given.baseline.source == "given"):
                seen.add(kr.metric.lower())
                key_results.append(kr)
                # beside the goal's own measure, only a domain the goal clearly names
                domains = [d for d in domains if d.name in baseline_domains or
                           d in match_domains(goal, at_least=2.0)]
    named = domains  # what the objective is worded after
    if key_results:
        # beside a Key Result from the team's own numbers or words, a catalogue metric only
        # from a domain the goal itself names: clearly, or also through a given metric's
        # domain ("Close the books faster" given "days to close"). "Spend less time on
        # busywork" given "hours on manual releases" gets no "deploy frequency" (a question
        # instead, below)
        named_by_goal = match_domains(goal)
        domains = [d for d in match_domains(goal, at_least=2.0)] + [
            d for d in named_by_goal if d.name in baseline_domains]
        domains = list(dict.fromkeys(domains))
    if len(key_results) < 2:
        for domain in domains:
            for metric in domain.metrics:
                if len(key_results) >= 3:
                    break
                if metric.name in seen:
                    continue
                seen.add(metric.name)
                key_results.append(_unknown_kr(metric, deadline, audience(goal)))
    if len(key_results) == 1:
        notes.append("One Key Result is what your numbers and the goal's words support; a "
                     "second angle (who benefits, or a guard on quality or cost) needs a "
                     "measure I would otherwise have to guess. Which number would show it?")
    unknown = [kr for kr in key_results if kr.baseline.source == "unknown"]
    if unknown:
        notes.append(
            f"{len(unknown)} baseline(s) unknown: measure them first (see each Key Result); "
            "the targets are relative until then."
        )
    if not key_results:
        given = ("the numbers you gave are levels to hold, not changes" if context.baselines
                 else "no baselines were given")
        notes.append(
            f"I could not tell which result this goal should move, and {given}, so I have "
            "not drafted Key Results rather than invent them. What would be different for "
            "whom if this goal succeeded? Which number shows that today?"
        )
        return DraftBody(objective=_objective(goal, named), key_results=[], notes=notes), False
    return DraftBody(objective=_objective(goal, named), key_results=key_results,
                     notes=notes), True
