"""The fast regex shapes in parse/scan.py find exactly what the plain patterns find.

The speed work on the critique path rewrote patterns and constructor calls for speed; these
tests pin that nothing it reads changed: the same matches over every text in the eval sets,
and the field order that positional construction relies on.
"""

from __future__ import annotations

import random
import re
from dataclasses import fields

import pytest

from assistant.model import Change, Finding, KeyResult, KRParse, Quantity
from assistant.parse import lines, phrase, quantities
from assistant.parse.scan import ascii_runs, finditer, search, words
from assistant.rubric import similarity
from assistant.rubric.checks import objective
from tests.conftest import eval_rows


def _corpus() -> list[str]:
    texts = [v for row in eval_rows() for k, v in row.items()
             if k in ("text", "document", "goal", "objective") and isinstance(v, str)]
    tricky = ["by end of q3", "(by q3)", "mid-q3", "fy27 h2", "2027-q3", "q3 2027",
              "sand and cut", "x, and reduce y", "a&b & cut", "-5% to $1,200.50", "zero p0s",
              "1.5k to 3k", "4.6/5", "2:08", "٣٠% by dec 15th", "endq3", "by:q3", "€5m"]
    return [t.lower() for t in texts + tricky]


CORPUS = _corpus()


def test_the_corpus_is_the_eval_sets() -> None:
    assert len(CORPUS) > 600  # every KR, objective, goal and document in evals/


@pytest.mark.parametrize(("starts", "pattern", "plain"), [
    (phrase._DEADLINE_STARTS, phrase._DEADLINE, r"(?=\b[buitdfaoecqh2])(?:{})"),
    (quantities._NUMBER_STARTS, quantities._NUMBER, r"(?=[\d$€£.z-])(?:{})"),
], ids=["deadline", "number"])
def test_finditer_matches_the_plain_search(starts: re.Pattern[str], pattern: re.Pattern[str],
                                           plain: str) -> None:
    # The guard these patterns had before scan.py: where a match may begin.
    guarded = re.compile(plain.format(pattern.pattern))
    for text in CORPUS:
        expected = [m.span() for m in guarded.finditer(text)]
        assert [m.span() for m in finditer(starts, pattern, text)] == expected, text
        first = search(starts, pattern, text)
        assert (first.span() if first else None) == (expected[0] if expected else None)


def test_numbers_in_objectives_are_found_as_by_the_plain_search() -> None:
    samples = [*CORPUS, "grow 2x", "a twofold rise", "halve churn to 5%", "£5m by fy27", "#1 q3"]
    for text in samples:
        expected = [m.span() for m in objective._NUMBER_IN_OBJECTIVE.finditer(text)]
        assert [m.span() for m in objective.numbers_in(text)] == expected, text


def test_the_deadline_gate_never_hides_a_deadline() -> None:
    samples = CORPUS + [f"raise x to 5 {d}" for d in (
        "by q3", "in h2", "by fy27", "by 2027", "by 9/15", "by sept 15", "by 15 march",
        "this quarter", "by quarter-end", "by eoq", "by the cycle", "2027q3", "by next sprint")]
    for text in samples:
        if finditer(phrase._DEADLINE_STARTS, phrase._DEADLINE, text):
            assert phrase.may_have_deadline(text), text
    assert not phrase.may_have_deadline("lower weekly churn")


def test_words_is_a_word_boundary_alternation() -> None:
    fast = re.compile(r"(" + words(["and", "while", "as well as", "q[1-4]"]) + r")\b")
    plain = re.compile(r"\b(and|while|as well as|q[1-4])\b")
    for text in CORPUS:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_words_keeps_odd_alternatives_correct() -> None:
    pattern = re.compile("(" + words([r"\-x", "é"]) + ")")
    assert [m.group() for m in pattern.finditer("a-x -x é aé")] == ["-x", "é"]


def test_positional_construction_matches_the_field_order() -> None:
    # Hot paths build these positionally (keyword arguments cost a dataclass __init__ about
    # twice as much); reordering fields must fail here, not silently swap values.
    assert [f.name for f in fields(Quantity)] == ["value", "unit", "text", "comparator", "per"]
    assert [f.name for f in fields(Change)] == ["kind", "value", "text", "unit"]
    assert [f.name for f in fields(KRParse)] == ["direction", "verb", "metric", "baseline",
                                                 "target", "change", "deadline", "goals",
                                                 "quantities"]
    assert [f.name for f in fields(KeyResult)] == ["text", "line", "parsed", "initiatives",
                                                   "status", "ignore", "owner"]
    assert [f.name for f in fields(Finding)] == ["code", "name", "severity", "message",
                                                 "suggestion", "objective", "key_result",
                                                 "line", "excerpt"]
    assert tuple(quantities._NUMBER.groupindex) == quantities.NUMBER_GROUPS


@pytest.mark.parametrize(("pattern", "table", "inner"), [
    (similarity._WORD, similarity._WORD_BYTES, "'&-"),
    (objective._LETTERS, objective._LETTER_BYTES, "'-"),
])
def test_ascii_runs_read_the_words_the_pattern_reads(pattern: re.Pattern[str], table: bytes,
                                                      inner: str) -> None:
    rng = random.Random(5)
    noise = [
        "".join(rng.choice("ab9 (),.:!?/#_\t\u00e9'-&%$") for _ in range(rng.randint(0, 30)))
        for _ in range(3000)
    ]
    answered = 0
    for text in CORPUS + noise:
        runs = ascii_runs(text, table, inner)
        if runs is not None:
            answered += 1
            assert runs == pattern.findall(text), text
    assert answered > len(CORPUS) // 4  # not vacuous: many texts take the fast path


def _every_case(alternatives: str) -> list[str]:
    """Each word of a regex alternation, in the shapes the text around it takes."""
    return [w.strip("\\b()?:") for w in alternatives.split("|") if w.strip("\\b()?:")]


def test_the_word_change_gate_never_hides_a_word_change() -> None:
    # (phrase._could_be_word_change spares the regex on most KRs: a word taken out of it
    # must fail here, not silently stop "halve churn" from parsing)
    samples = CORPUS + [f"cut refunds {w}" for w in (
        "in half", "by half", "halve", "halves", "halved", "halving", "double", "doubles",
        "doubled", "doubling", "twofold", "triple", "tripled", "threefold", "by a third",
        "by one third", "by a quarter", "by one quarter")]
    for text in samples:
        if phrase._WORD_CHANGE().search(text):
            assert phrase._could_be_word_change(text), text
    assert not phrase._could_be_word_change("raise activation from 30% to 45%")


def test_the_per_gate_never_hides_a_rate() -> None:
    units = ("day", "week", "month", "quarter", "year", "sprint", "release", "mo", "wk", "yr")
    samples = CORPUS + [f"ship 4 {lead}{unit} more" for unit in units
                        for lead in ("per ", "/", " a ", " an ", " each ", " every ", "/ ")]
    for text in samples:
        # where the reader looks: right after a number or its unit, at the next space or "/"
        ends = [at for at in range(1, len(text)) if text[at] in " /" and (
            text[at - 1].isalnum() or text[at - 1] == "%")]
        for at in ends:
            if quantities._PER_AFTER.match(text, at):
                assert quantities._could_be_per(text[at:at + 8]), (text, at)


def test_the_status_gate_never_hides_a_status() -> None:
    words = ("done", "complete", "completed", "achieved", "on track", "at risk", "off track",
             "behind", "missed", "in progress", "blocked", "dropped")
    brackets = (*words, "hit", "miss", "partial", "partially achieved", "not achieved",
                "not started", "wip", "ongoing", "paused", "canceled", "cancelled")
    samples = CORPUS + [f"raise x to 5 {arrow} {w}" for w in words
                        for arrow in ("=>", "->", "→", "—", "–", "-")] + [
        f"raise x to 5 ({w})" for w in brackets] + [
        f"raise x to 5 {m}" for m in ("✅", "✔️", "✓", "❌", "✗", "⚠️", "🟢", "🟡", "🔴", "☑️")]
    for text in samples:
        if lines.STATUS_TAIL().search(text):
            assert lines.may_have_status(text), text
    assert not lines.may_have_status("raise activation from 30% to 45%")
