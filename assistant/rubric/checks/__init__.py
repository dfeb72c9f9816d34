"""Importing this package registers every check (each module registers its own)."""

from assistant.rubric.checks import key_result, objective, okr_set

__all__ = ["key_result", "objective", "okr_set"]
