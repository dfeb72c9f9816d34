"""The rule-based rubric: rules as data (rubrics/), checks registered by code, scores."""

from assistant.rubric.catalogue import Rule, default_catalogue
from assistant.rubric.engine import critique

__all__ = ["Rule", "critique", "default_catalogue"]
