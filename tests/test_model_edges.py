"""pydantic validates the same dataclasses at the edges, once the Literal aliases are installed."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from assistant import types
from assistant.model import Finding, OKRSet


@pytest.fixture(scope="module", autouse=True)
def _install() -> None:
    types.install()


def test_okrset_validates_from_plain_data() -> None:
    okrs = TypeAdapter(OKRSet).validate_python({
        "team": "Growth", "cycle": "2027-Q1",
        "objectives": [{"text": "Make onboarding effortless",
                        "key_results": [{"text": "Raise activation from 40% to 55%"}]}],
    })
    assert isinstance(okrs, OKRSet)
    assert okrs.objectives[0].key_results[0].text == "Raise activation from 40% to 55%"


def test_literals_are_enforced() -> None:
    adapter = TypeAdapter(Finding)
    good = {"code": "K203", "name": "missing-baseline", "severity": "warning",
            "message": "m", "suggestion": "s"}
    assert adapter.validate_python(good).severity == "warning"
    with pytest.raises(ValidationError, match="severity"):
        adapter.validate_python({**good, "severity": "fatal"})
