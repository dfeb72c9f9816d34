"""``okr rules [CODE]``: list the catalogue, or explain one rule with a bad and a good example."""

from __future__ import annotations

import argparse
import json
import re
import sys
import textwrap
from dataclasses import asdict

from assistant.rubric import default_catalogue
from assistant.rubric.catalogue import Rule

_FIRST_SENTENCE = re.compile(r"(?<=\.)\s+(?=[A-Z])")


def _explain(rule: Rule) -> str:
    def block(text: str) -> str:
        return textwrap.indent(text, "    ")

    parts = [
        f"{rule.code} {rule.name} ({rule.scope}, default severity: {rule.severity})",
        "",
        "What it does",
        block(textwrap.fill(rule.what, 88)),
        "",
        "Why is this bad?",
        block(textwrap.fill(rule.why, 88)),
        "",
        "Example",
        block(rule.bad),
        "",
        "Use instead",
        block(rule.good),
        "",
        "Fix",
        block(textwrap.fill(rule.fix.replace("{", "<").replace("}", ">"), 88)),
    ]
    if rule.thresholds:
        parts += ["", "Options (okr.toml [thresholds] or --threshold)"]
        parts += [f"    {rule.code}.{k} = {v:g}" for k, v in rule.thresholds.items()]
    return "\n".join(parts)


def run(args: argparse.Namespace) -> int:
    catalogue = default_catalogue()
    if args.code:
        rule = catalogue.get(args.code.upper())
        if rule is None:
            print(f"okr: error: no rule {args.code!r}; 'okr rules' lists them", file=sys.stderr)
            return 2
        if args.format == "json":
            print(json.dumps(_rule_dict(rule), indent=2, ensure_ascii=False))
        else:
            print(_explain(rule))
        return 0
    if args.format == "json":
        print(json.dumps([_rule_dict(r) for r in catalogue.values()], indent=2,
                         ensure_ascii=False))
        return 0
    for rule in catalogue.values():
        print(f"{rule.code}  {rule.name:<24} {rule.severity:<8} {rule.scope:<11} "
              f"{_FIRST_SENTENCE.split(rule.what, maxsplit=1)[0].rstrip('.')}")
    return 0


def _rule_dict(rule: Rule) -> dict[str, object]:
    data = asdict(rule)
    data["words"] = {k: sorted(v) for k, v in rule.words.items()}
    return data
