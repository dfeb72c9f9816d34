"""The KR phrase parser on the forms teams really write."""

from __future__ import annotations

import pytest

from assistant.parse import find_period, parse_kr


@pytest.mark.parametrize(
    ("text", "direction", "metric", "baseline", "target", "unit"),
    [
        ("Increase activation rate from 40% to 60%", "increase", "activation rate", 40, 60, "%"),
        ("Reduce p95 latency from 900 ms to under 300 ms", "decrease", "p95 latency", 900, 300,
         "ms"),
        ("Grow ARR from $1.2M to $2M", "increase", "ARR", 1_200_000, 2_000_000, "$"),
        ("Grow MAU from 1.5k to 3k", "increase", "MAU", 1500, 3000, ""),
        ("Raise weekly active teams from 1,200 to 1,800", "increase", "weekly active teams",
         1200, 1800, ""),
        ("Lift availability from 99.9% to 99.99%", "increase", "availability", 99.9, 99.99, "%"),
        ("NPS 32 -> 45", "increase", "NPS", 32, 45, ""),
        ("Activation rate: 40% → 55%", "increase", "Activation rate", 40, 55, "%"),
        ("Reduce churn 5% to 3%", "decrease", "churn", 5, 3, "%"),
        ("Increase conversion (currently 2.1%) to 3%", "increase", "conversion", 2.1, 3, "%"),
        ("Raise CSAT to 92%, up from 86%", "increase", "CSAT", 86, 92, "%"),
        ("Cut time to first value from 10 to 5 minutes", "decrease", None, 10, 5, "min"),
    ],
)
def test_baseline_and_target(text: str, direction: str, metric: str | None, baseline: float,
                             target: float, unit: str) -> None:
    parsed = parse_kr(text)
    assert parsed.direction == direction
    if metric is not None:
        assert parsed.metric == metric
    assert parsed.baseline is not None and parsed.baseline.value == pytest.approx(baseline)
    assert parsed.target is not None and parsed.target.value == pytest.approx(target)
    assert parsed.target.unit == unit


def test_rate_with_bound_target() -> None:
    parsed = parse_kr("Cut P1 incidents from 8 per month to 2 or fewer")
    assert parsed.baseline is not None and parsed.target is not None
    assert (parsed.baseline.value, parsed.baseline.per) == (8, "month")
    assert (parsed.target.value, parsed.target.comparator, parsed.target.per) == (2, "<=", "month")


@pytest.mark.parametrize(
    ("text", "value", "comparator"),
    [
        ("Get churn under 2%", 2, "<"),
        ("Lift app rating to 4.7+", 4.7, ">="),
        ("Keep p95 latency below 300 ms", 300, "<"),
        ("Reach at least 500 paying teams", 500, ">="),
        ("Get to 3 or fewer sev1 incidents", 3, "<="),
        ("Bring refund rate to no more than 1.5%", 1.5, "<="),
    ],
)
def test_bounds(text: str, value: float, comparator: str) -> None:
    target = parse_kr(text).target
    assert target is not None
    assert (target.value, target.comparator) == (pytest.approx(value), comparator)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Reduce P0 incidents by 50%", "percent", 50),
        ("Grow qualified pipeline 2x", "factor", 2),
        ("Double weekly sign-ups", "factor", 2),
        ("Cut refund requests by half", "factor", 0.5),
        ("Halve onboarding drop-off", "factor", 0.5),
        ("Add 300 paying customers", "absolute", 300),
        ("Increase trial conversion by 3 points", "absolute", 3),
    ],
)
def test_relative_change(text: str, kind: str, value: float) -> None:
    parsed = parse_kr(text)
    assert parsed.change is not None
    assert (parsed.change.kind, parsed.change.value) == (kind, pytest.approx(value))
    assert parsed.baseline is None


@pytest.mark.parametrize(
    ("text", "deadline", "values"),
    [
        ("Raise NPS from 30 to 42 by end of Q3", "by end of Q3", [30, 42]),
        ("Ship-rate from 2 to 5 a week by September 15", "by September 15", [2, 5]),
        ("Grow ARR from $3M to $4M in 2027", "in 2027", [3e6, 4e6]),
        ("Cut MTTR from 4 h to 1 h by EOQ", "by EOQ", [4, 1]),
        ("Win 12 new logos in H2 2027", "in H2 2027", [12]),
    ],
)
def test_deadline(text: str, deadline: str, values: list[float]) -> None:
    parsed = parse_kr(text)
    assert parsed.deadline == deadline
    # The deadline's digits ("3", "15", "2027") are never taken for quantities.
    assert [q.value for q in parsed.quantities] == values


def test_deadline_numbers_do_not_become_targets() -> None:
    parsed = parse_kr("Improve onboarding by Q3 2027")
    assert parsed.target is None and parsed.change is None
    assert parsed.deadline == "by Q3 2027"


def test_qualifier_numbers_are_not_targets() -> None:
    parsed = parse_kr("Raise 30-day retention from 22% to 30%")
    assert parsed.baseline is not None and parsed.baseline.value == 22
    assert parsed.target is not None and parsed.target.value == 30
    assert parsed.goals == 1


def test_a_second_clause_does_not_turn_the_first_target_into_a_baseline() -> None:
    # "... to 3% and raise NPS to 50": the words between 3% and 50 hold a joining word, so
    # they are not the "1.5k MAU to 3k" shape, where a number and a noun lead to the target.
    parsed = parse_kr("Cut churn from 5% to 3% and raise NPS to 50")
    assert parsed.baseline is not None and parsed.baseline.text == "5%"
    assert parsed.target is not None and parsed.target.text == "3%"
    assert parsed.goals == 2
    short = parse_kr("Grow 1.5k MAU to 3k")
    assert short.baseline is not None and short.baseline.value == 1500
    assert short.target is not None and short.target.value == 3000


def test_money_magnitudes_and_units() -> None:
    assert parse_kr("Reach $1.2M ARR").target.value == 1_200_000  # type: ignore[union-attr]
    assert parse_kr("Reach €250k in bookings").target.unit == "€"  # type: ignore[union-attr]
    time = parse_kr("Cut build time from 2 s to 900 ms")
    assert (time.baseline.unit, time.target.unit) == ("s", "ms")  # type: ignore[union-attr]


def test_text_without_numbers() -> None:
    parsed = parse_kr("Make customers happier")
    assert parsed.target is None and parsed.baseline is None and parsed.change is None
    assert parsed.quantities == []


def test_pathological_input_is_fast_and_safe() -> None:
    # Long runs of digits, separators and symbols must not trigger regex backtracking.
    parse_kr("1," * 400 + "%")
    parse_kr("from " * 150 + "to 5")
    parse_kr("$" * 500 + "1")


def test_find_period() -> None:
    assert find_period("Win the 2027 renewal season") == "2027"
    assert find_period("Make onboarding effortless") is None
