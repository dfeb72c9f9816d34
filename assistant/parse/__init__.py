"""Parsers: documents (Markdown, text, JSON, YAML) and single Key Result phrases."""

from assistant.parse.errors import InputError
from assistant.parse.load import parse_bytes, parse_text
from assistant.parse.phrase import find_period, parse_kr

__all__ = ["InputError", "find_period", "parse_bytes", "parse_kr", "parse_text"]
