"""Prompt templates (``prompts/*.md.j2``): versioned, hashed, user text kept as data.

Each template starts with ``{#- version: NAME-N -#}``; the sha256 of its source is recorded
with every output, so a result can always be traced to the exact prompt that produced it. A
line ``<<<USER>>>`` splits the system message from the user message. Templates render with
``StrictUndefined`` (a missing variable is an error, not an empty string) and autoescaping, so
user text cannot close the ``<goal>`` or ``<context>`` delimiters: ``</goal>`` in a goal arrives
as ``&lt;/goal&gt;``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from assistant.resources import data_dir

_VERSION = re.compile(r"\{#-?\s*version:\s*([\w.-]+)\s*-?#\}")
_SPLIT = "<<<USER>>>"


@dataclass(frozen=True, slots=True)
class Prompt:
    name: str
    version: str
    sha256: str
    system: str
    user: str


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(data_dir("prompts")),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # user text is data: "<" and ">" in it cannot form delimiters
        keep_trailing_newline=False,
    )


@cache
def template_info(name: str) -> tuple[str, str]:
    """(version, sha256) of ``prompts/NAME.md.j2``."""
    source = (Path(data_dir("prompts")) / f"{name}.md.j2").read_text(encoding="utf-8")
    m = _VERSION.search(source)
    if not m:
        raise ValueError(f"prompt {name!r} has no '{{# version: ... #}}' header")
    return m.group(1), hashlib.sha256(source.encode()).hexdigest()


def render(name: str, **variables: Any) -> Prompt:
    text = _environment().get_template(f"{name}.md.j2").render(**variables)
    system, _, user = text.partition(_SPLIT)
    version, digest = template_info(name)
    return Prompt(name=name, version=version, sha256=digest, system=system.strip(),
                  user=user.strip())
