"""``okr draft "goal" [--baseline metric=value]...``: draft outcome Key Results from a goal."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import asdict

from assistant.drafts.types import Context, Draft
from assistant.model import Finding
from assistant.providers import ProviderError, get_provider
from assistant.services.drafting import draft
from assistant.settings import Settings


def _pairs(items: list[str], flag: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise ValueError(f"{flag} {item!r}: write METRIC=VALUE, e.g. 'activation rate=38%'")
        found[name.strip()] = value.strip()
    return found


def _text(d: Draft) -> str:
    lines = [f"Objective: {d.objective}", ""]
    for i, kr in enumerate(d.key_results, start=1):
        lines.append(f"KR{i}: {kr.text}")
        base = kr.baseline
        lines.append(f"     baseline: {base.value} (given)" if base.source == "given"
                     else f"     baseline: unknown. {base.how_to_measure or ''}".rstrip())
        lines.append(f"     target: {kr.target.value} ({kr.target.source}"
                     + (f": {kr.target.reason})" if kr.target.reason else ")"))
    if not d.key_results:
        lines.append("(no Key Results drafted)")
    if d.findings:
        lines += ["", "The rubric still says:"]
        lines += [f"  {_finding_line(f)}" for f in d.findings]
    if d.notes:
        lines += ["", *(f"Note: {n}" for n in d.notes)]
    lines += ["", f"[{d.provider} · {d.model} · prompt {d.prompt_version or '-'} · "
                  f"{d.rounds} round(s)]"]
    return "\n".join(lines)


def _markdown(d: Draft, context: Context) -> str:
    title = " — ".join(x for x in (context.team, context.cycle) if x) or "Draft OKRs"
    lines = [f"# {title}", "", f"## Objective: {d.objective}"]
    lines += [f"- {kr.text}" for kr in d.key_results]
    # What is still wrong travels with the file, as comments the reader skips
    lines += [f"<!-- {_finding_line(f)} -->" for f in d.findings if f.code.startswith("D")]
    return "\n".join(lines) + "\n"


def _finding_line(f: Finding) -> str:
    return f"{f.code} {f.severity}: {f.message}" + (f" (KR{f.key_result})" if f.key_result
                                                     else "")


ERRORS_LEFT = 3  # exit status: a draft came back, but errors remain after the repair rounds


def run(args: argparse.Namespace) -> int:
    try:
        context = Context(team=args.team, cycle=args.cycle,
                          baselines=_pairs(args.baseline, "--baseline"),
                          targets=_pairs(args.target, "--target"), kpis=list(args.kpi),
                          notes=args.notes)
        overrides = {k: v for k, v in (("provider", args.provider), ("model", args.model),
                                       ("base_url", args.base_url)) if v}
        settings = Settings(**overrides)  # env and .env, with flags winning
        provider = get_provider(settings)
        result = asyncio.run(draft(args.goal, context, provider,
                                   repair_rounds=settings.repair_rounds))
    except (ValueError, ProviderError) as err:
        print(f"okr: error: {err}", file=sys.stderr)
        return 2
    errors = [f for f in result.findings if f.severity == "error"]
    if args.format == "json":
        print(json.dumps(asdict(result), indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(_markdown(result, context), end="")
    else:
        print(_text(result))
    if args.format != "text":  # (the text report lists them itself)
        for finding in errors:
            print(f"okr: {_finding_line(finding)}", file=sys.stderr)
    if not result.key_results:
        return 1
    return ERRORS_LEFT if errors else 0
