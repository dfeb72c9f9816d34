"""Request bodies of the API (responses are the library's own dataclasses and dicts)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.drafts.types import Context


class ContextIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    team: str | None = Field(None, max_length=200)
    cycle: str | None = Field(None, max_length=40, examples=["2027-Q1"])
    baselines: dict[str, str] = Field(
        default_factory=dict, max_length=20,
        description="metric name -> value as your team measures it today",
        examples=[{"activation rate": "38%", "median time to first value": "3 days"}])
    targets: dict[str, str] = Field(default_factory=dict, max_length=20,
                                    description="targets your team already decided")
    kpis: list[str] = Field(default_factory=list, max_length=20,
                            description="health metrics to keep, not to turn into KRs")
    notes: str | None = Field(None, max_length=2000)

    def to_context(self) -> Context:
        return Context(team=self.team, cycle=self.cycle, baselines=dict(self.baselines),
                       targets=dict(self.targets), kpis=list(self.kpis), notes=self.notes)


class DraftIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "goal": "Get newly signed-up teams to their first useful project much faster",
        "context": {"cycle": "2027-Q1",
                    "baselines": {"activation rate": "38%", "median time to first project":
                                  "3 days"}},
    }]})

    goal: str = Field(min_length=3, max_length=2000)
    context: ContextIn = Field(default_factory=ContextIn)
    provider: Literal["offline", "openai"] | None = Field(
        None, description="default: the server's OKR_PROVIDER")
    repair_rounds: int | None = Field(None, ge=0, le=5)


class KeyResultIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=1000)


class ObjectiveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=1000)
    key_results: list[KeyResultIn] = Field(default_factory=list, max_length=50)


class OKRsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    team: str | None = Field(None, max_length=200)
    cycle: str | None = Field(None, max_length=40)
    objectives: list[ObjectiveIn] = Field(min_length=1, max_length=50)


class CritiqueIn(BaseModel):
    """Either ``text`` (Markdown, plain text, YAML or JSON, as a file would hold) or ``okrs``."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "# Growth — Q3 2027\n## Objective: Make onboarding effortless\n"
                 "- Launch the onboarding checklist\n- Increase activation to 45%\n"},
        {"okrs": {"cycle": "2027-Q1", "objectives": [{"text": "Make checkout painless",
                  "key_results": [{"text": "Raise completion from 61% to 70%"}]}]}},
    ]})

    text: str | None = Field(None, min_length=1, max_length=500_000)
    format: Literal["markdown", "text", "json", "yaml", "csv", "html"] | None = None
    okrs: OKRsIn | None = None
    select: list[str] | None = Field(None, max_length=50)
    ignore: list[str] | None = Field(None, max_length=50)
    llm_review: bool = Field(
        False, description="also ask the model what rules cannot judge: does each Key Result "
                           "move its objective (\"so what?\"), and the balance of leading and "
                           "lagging indicators. Needs a model provider.")
    provider: Literal["offline", "openai"] | None = Field(
        None, description="for llm_review; default: the server's OKR_PROVIDER")
