"""Proposed stretch targets, and numbers written the way the team wrote their baseline.

The rule (documented in README and rubrics/metrics.toml), meant to be ambitious but reachable,
since OKRs are scored on a 0–1 scale where ~0.7 counts as success:

* rate (a share in %): increase by a quarter of its value, but never more than 30% of the way
  to 100% (and at least +1 point); decrease cuts the rate by 30%;
* count and money: +25% or -25%;
* time: -30% (faster) or +25%; a clock time ("27:30" for a 5k run) improves by 5%;
* score: NPS-like scales +10 points (at most 100); 5-point scales +0.3 (at most 5).

A target computed here is always marked ``proposed`` with this reason; a target the team
gave is used as is and marked ``given``.
"""

from __future__ import annotations

import re

from assistant.model import Quantity

_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")

_SCALE_AFTER = re.compile(r"\s?(k|thousand|m|mm|million|bn|b|billion)\b", re.IGNORECASE)
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "bn": 1e9,
           "b": 1e9, "billion": 1e9}

TIME_UNITS = {"ms", "s", "min", "h", "days", "weeks", "months", "years", "clock"}


def kind_of(q: Quantity) -> str:
    if q.unit == "%":
        return "rate"
    if q.unit in ("$", "€", "£"):
        return "money"
    if q.unit in TIME_UNITS:
        return "time"
    if q.unit.startswith("/"):
        return "score"
    return "count"


def propose(q: Quantity, direction: str, kind: str) -> tuple[float, str]:
    """A stretch target for baseline ``q`` and the one-line reason behind it."""
    v = q.value
    if q.unit == "%" and v >= 100:  # net revenue retention and other ratios past 100%
        step = 5.0 if direction == "increase" else -5.0
        return v + step, f"{step:+g} points (stretch)"
    if kind == "rate" and q.unit == "%":
        if direction == "increase":
            step = max(1.0, min(0.25 * v, 0.3 * (100 - v)))
            return min(99.9, v + step), ("up a quarter, at most 30% of the way to 100% "
                                         "(stretch, ~0.7 likely)")
        return v * 0.7, "a 30% relative cut (stretch, ~0.7 likely)"
    if kind == "score" or q.unit.startswith("/"):
        scale = float(q.unit[1:]) if q.unit.startswith("/") else 100.0
        step = 0.3 if scale <= 10 else 10.0
        if direction == "increase":
            return min(scale, v + step), f"+{step:g} on a {scale:g}-point scale (stretch)"
        return v - step, f"-{step:g} on a {scale:g}-point scale (stretch)"
    if q.unit == "clock":
        factor = 0.95 if direction == "decrease" else 1.05
        return v * factor, "5% better (stretch for a personal best)"
    if kind == "time":
        if direction == "decrease":
            return v * 0.7, "30% faster (stretch, ~0.7 likely)"
        return v * 1.25, "25% more (stretch, ~0.7 likely)"
    if direction == "increase":
        return v * 1.25, "+25% (stretch, ~0.7 likely)"
    return v * 0.75, "-25% (stretch, ~0.7 likely)"


def _number(value: float, like: str) -> str:
    """``value`` with the precision and separators of ``like`` (the baseline as written)."""
    decimals = len(like.split(".")[1].rstrip("%kKmMbB ")) if "." in like else 0
    decimals = min(decimals, 2)
    if decimals == 0 and abs(value) < 10 and abs(value - round(value)) >= 0.05:
        decimals = 1  # "3 days" cut by 30% is 2.1 days, not 2
    text = f"{value:,.{decimals}f}" if ("," in like or abs(value) >= 10_000) else \
        f"{value:.{decimals}f}"
    return text


_NOTE = re.compile(r"\s*\([^)]*\)|\s*\[[^\]]*\]")
_HEDGE = re.compile(r"^(?:~|≈|about|around|approx\.?|approximately|roughly|maybe|circa|ca\.|"
                    r"over|under|more than|less than|nearly|almost|at least|at most|>|<|\+)\s*",
                    re.IGNORECASE)


_OPEN_END = re.compile(r"(?<=\S)\s*\+$|\s+or (?:more|less|so|above|below)$", re.IGNORECASE)


def target_form(written: str) -> str:
    """How a baseline as written reads as the model for a target: without its notes and
    dates in brackets ("(2023)", "(all regions)") and without hedges ("~", "about",
    "maybe"): the baseline may be rough, the target the team aims at is one number."""
    text = _NOTE.sub("", written).strip()
    while (hedge := _HEDGE.match(text)) is not None and hedge.end():
        text = text[hedge.end():]
    text = _OPEN_END.sub("", text)  # "1h+", "40 or more": the target is one number
    return text or written


def format_like(value: float, q: Quantity, written: str | None = None) -> str:
    """Write ``value`` as the baseline was written (``written``, parsed as ``q``): "$1.5M",
    "57%", "6.3 h", "84 per month", "4.4/5"."""
    raw = q.text
    if q.unit == "clock":  # parsed as (first * 60 + second): write it back the same way
        first, second = divmod(round(value), 60)
        text = f"{first}:{second:02d}"
    elif q.unit in ("$", "€", "£"):
        low = raw.lower()
        if low.endswith(("m", "mm", "million")) or (value >= 1e6 and "k" not in low):
            text = f"{q.unit}{_number(value / 1e6, '1.1')}M".replace(".0M", "M")
        elif low.endswith(("k", "thousand")):
            text = f"{q.unit}{value / 1e3:,.0f}k"
        else:
            text = f"{q.unit}{_number(value, raw.lstrip('$€£'))}"
    elif written and (first := _FIRST_NUMBER.search(written)):
        # Keep the team's own wording around the number: "9 h", "120 per month", "4.1/5";
        # a scale word after it ("1.02 million", "80K") stays, so the number is scaled back
        scale = _SCALE_AFTER.match(written, first.end())
        if scale is not None:
            value /= _SCALES[scale.group(1).lower()]
        return written[:first.start()] + _number(value, first.group(0)) + written[first.end():]
    elif q.unit == "%":
        text = f"{_number(value, raw)}%"
    elif q.unit.startswith("/"):
        text = f"{value:.1f}{q.unit}"
    else:
        number = _number(value, raw.split()[0] if raw else "")
        unit_words = {"ms": "ms", "s": "s", "min": "minutes", "h": "hours", "days": "days",
                      "weeks": "weeks", "months": "months", "years": "years"}
        text = f"{number} {unit_words[q.unit]}" if q.unit in unit_words else number
    if q.per:
        text += f" per {q.per}"
    return text
