"""The rewrites ``okr eval reader --variants`` scores the reader on: each changes the
surface a tool would change and keeps every statement's words."""

from __future__ import annotations

from assistant.evals.reader_eval import normalise
from assistant.evals.variants import (
    WRAP_AT,
    pasted_as_text,
    word_processor_export,
    wrapped_flush,
    wrapped_indented,
)

DOC = ("# Team OKRs\n\n## Objective 1: **Grow** the base\n\n"
       "- Monthly active contributors from 60 to 90, counted from the March export of the "
       "member list\n  - Run two onboarding calls a month\n")


def test_a_paste_loses_heading_marks_and_bold_and_keeps_the_words() -> None:
    assert pasted_as_text(DOC).splitlines()[:3] == ["Team OKRs", "", "Objective 1: Grow the base"]
    assert pasted_as_text(DOC).splitlines()[4].startswith("• Monthly")
    assert "  • Run two onboarding calls a month" in pasted_as_text(DOC)


def test_a_word_processor_marks_each_level_and_indents_four_spaces() -> None:
    lines = word_processor_export(DOC).splitlines()
    assert lines[4].startswith("● Monthly")
    assert lines[5] == "    ○ Run two onboarding calls a month"


def test_wrapping_cuts_long_items_and_keeps_every_word() -> None:
    for rewrite, continuation in ((wrapped_indented, "  "), (wrapped_flush, "")):
        lines = rewrite(DOC).splitlines()
        assert max(len(line) for line in lines) <= WRAP_AT
        item = lines[4:lines.index("  - Run two onboarding calls a month")]
        assert len(item) == 2 and item[1].startswith(continuation) and \
            item[1][len(continuation)] != " "
        assert normalise(" ".join(part.strip() for part in item)) == normalise(
            DOC.splitlines()[4])
