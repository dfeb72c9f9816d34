"""The plain-shape reader (parse/plain.py) gives exactly the general parser's answer.

``phrase.parse_kr`` takes the plain reader's answer whenever it has one, so every difference
would be a change in what the tool reports. These tests hold the two readers to the same
result over every KR of the eval sets and the phrase tests, and over a generated corpus that
mixes the plain shapes with the words and numbers the plain reader must refuse.
"""

from __future__ import annotations

import random
import re
from dataclasses import asdict

import pytest

from assistant.parse import phrase
from assistant.parse.plain import read
from tests.conftest import ROOT, eval_rows


def _eval_krs() -> list[str]:
    texts = []
    for row in eval_rows():
        texts += [row[key] for key in ("text", "goal", "objective")
                  if isinstance(row.get(key), str)]
        texts += [kr for kr in row.get("key_results") or () if isinstance(kr, str)]
    source = (ROOT / "tests" / "test_phrase.py").read_text(encoding="utf-8")
    texts += re.findall(r'"([^"\n]{3,200})"', source)
    return texts


# Each part of a generated KR comes from the plain list most of the time and from the tricky
# list (words and forms the plain reader must refuse, or must read exactly right) otherwise.
VERBS = (["raise", "cut", "grow", "reduce", "increase", "lower", "launch", "keep", "maintain",
          "improve", "hire", "ship", "get"],
         ["reach", "add", "bring", "drive", "push", "speed", "double", "halve", "zero", "may",
          "from", "by", "re-launch", "at"])
WORDS = (["activation", "rate", "weekly", "active", "teams", "nps", "p95", "api", "latency",
          "trial-to-paid", "sign-up", "conversion", "the", "our", "of", "in", "for", "on",
          "and", "time", "to", "hire", "by", "referral", "from", "partners", "user", "a"],
         ["at", "now", "up", "down", "may", "march", "quarter", "year", "multi-year", "half",
          "double", "zero", "q3", "h2", "fy27", "2027", "3d", "end", "this", "next", "today",
          "baseline", "currently", "per", "no", "at-risk", "x", "k", "an", "starting", "or",
          "fewer", "least", "most", "than", "over", "under", "third", "sign-up-"])
NUMBERS = (["10", "10%", "$16k", "1,200", "4.5", "99.9%", "$1.2m", "0", "7", "12", "20.5%",
            "5bn", "300ms", "2h", "$5"],
           ["2027", "2030", "5k", "10x", "2:08", "4.6/5", "1,20", "3bps", "-5%", "5.",
            "2027.5", "20271", "$ 5", "5 %", "1,200.50"])
AFTER = (["", " days", " per month", " per week", " mins", " ms", " pp", " weeks"],
         [" users", " or fewer", " per user", " a week", " today", " business days",
          " and more", " per mo", " per yr"])
DEADLINES = (["", " by end of q1", " by the end of q3 2027", " in h2", " before 2028", " by q4",
              " in h1 2027"],
             [" by 2027", " in may", " by end of year", " this quarter", " by eoq", " in q3 27",
              " by end of the q2", " by end q3", " q3", " in 2027"])
LEADS = (["from", "to", "by", "above", "below", "under", "over"],
         ["at", "at least", "reach", "of", "in", "with", "up to", "no more than", "now"])


def _pick(rng: random.Random, choices: tuple[list[str], list[str]]) -> str:
    return rng.choice(choices[0] if rng.random() < 0.85 else choices[1])


def _numbers(rng: random.Random) -> str:
    """What follows a metric: "from A to B" or "<lead> A", or nothing."""
    shape = rng.random()
    if shape < 0.35:
        return (f" from {_pick(rng, NUMBERS)}{_pick(rng, AFTER)}"
                f" to {_pick(rng, NUMBERS)}{_pick(rng, AFTER)}")
    if shape < 0.8:
        return f" {_pick(rng, LEADS)} {_pick(rng, NUMBERS)}{_pick(rng, AFTER)}"
    return ""


def _generated(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        words = " ".join(_pick(rng, WORDS) for _ in range(rng.randint(1, 4)))
        text = f"{_pick(rng, VERBS)} {words}" + _numbers(rng)
        if rng.random() < 0.25:  # a compound KR: "... and gross margin from 16% to 38%"
            joined = " ".join(_pick(rng, WORDS) for _ in range(rng.randint(0, 3)))
            text += f" and {joined}{_numbers(rng)}".replace("  ", " ")
        text += _pick(rng, DEADLINES)
        if rng.random() < 0.15:
            text += "."
        if rng.random() < 0.5:
            text = text[0].upper() + text[1:]
        if rng.random() < 0.1:
            text = text.upper()
        texts.append(text)
    return texts


def _both(text: str) -> tuple[dict[str, object], dict[str, object]] | None:
    low = text.lower()
    found = read(text, low)
    if found is None:
        return None
    return asdict(phrase._parse_plain(text, low, found)), asdict(phrase._parse_general(text, low))


@pytest.mark.parametrize("corpus", ["eval", "generated"])
def test_plain_reader_agrees_with_the_general_parser(corpus: str) -> None:
    texts = _eval_krs() if corpus == "eval" else _generated(8000)
    read_plainly = 0
    for text in texts:
        both = _both(text)
        if both is None:
            continue
        read_plainly += 1
        plain, general = both
        assert plain == general, text
    # Not vacuous: a good share takes the plain path, and a good share does not.
    assert 0.2 * len(texts) < read_plainly < 0.9 * len(texts), (read_plainly, len(texts))


@pytest.mark.parametrize("text", [
    "Raise activation rate from 10% to 20% by end of Q1",
    "Cut weekly active teams from 11 to 23 per month",
    "Grow trial-to-paid conversion to 26%",
    "Launch the new NPS dashboard",
    "Maintain p95 API latency above 32%",
    "Lower monthly churn by 15%",
    "Keep first response time healthy.",
    "Reduce time to hire from 30 to 20 days in H2 2027",
    "Raise support CSAT from $16k to $38k and gross margin from 16% to 38%",
    "Raise NPS from 30 to 45 and cut churn from 5% to 3% by end of Q3",
    "Lower churn by 15% and time to hire to 20 days",
])
def test_common_shapes_take_the_plain_path(text: str) -> None:
    assert read(text, text.lower()) is not None
    plain, general = _both(text)  # type: ignore[misc]
    assert plain == general


@pytest.mark.parametrize("text", [
    "Grow revenue by 2027",  # a deadline, not a change
    "Grow revenue by 2027 days",
    "Double the number of teams to 40",  # a word change
    "Bring churn down from 5% to 3%",  # "down" turns the verb
    "Ship the May release",  # a month
    "Cut errors from 10 to zero",
    "Grow paying teams from 200 to 500 customers",  # a counted noun
    "Grow x to 5 or fewer",
    "Raise NPS from 10 to 20 and more",  # a bound, "20 and more"
    "Raise NPS from 10 to 20 and lower-tier churn from 1 to 2",  # as is "20 and lower"
    "Keep NPS above 40 and churn below 3%",  # comparators: the general rules give roles
    "Raise NPS from 30 to 45 and churn",  # a second metric with no numbers
    "Raise  NPS to 45",
    "Raise NPS (currently 30) to 45",
    "Hit the q3 target of 40%",
])
def test_what_the_plain_reader_leaves_to_the_general_parser(text: str) -> None:
    assert read(text, text.lower()) is None
