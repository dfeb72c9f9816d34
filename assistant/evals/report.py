"""Run reports: Markdown for a PR comment, a self-contained HTML page to browse the cases."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from assistant.evals.runner import CaseResult


def _pct(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.1f}%"


def _why(r: CaseResult) -> str:
    if r.status == "error":
        return r.error or "error"
    return "; ".join(f"{name}: {s['detail']}" for name, s in r.scores.items()
                     if not s["passed"])


def markdown(run: dict[str, Any], summary: dict[str, Any],
             results: Sequence[CaseResult]) -> str:
    lines = [
        f"# Eval run: {run['set']}",
        "",
        f"provider `{run['provider']}`, model `{run['model']}`, prompts "
        f"`{run['prompt_version']}`; {summary['cases']} cases, {summary['cached']} from cache",
        "",
        f"**Pass rate {_pct(summary['pass_rate'])}** ({summary['passed']} passed, "
        f"{summary['failed']} failed), errors {summary['errors']} "
        f"({_pct(summary['error_rate'])}, counted apart).",
        "",
        "| expectation | passed | of | rate |",
        "|---|---:|---:|---:|",
    ]
    for name, e in summary["by_scorer"].items():
        lines.append(f"| {name} | {e['passed']} | {e['applicable']} | {_pct(e['rate'])} |")
    lines += ["", "| domain | passed | failed | errors | rate |", "|---|---:|---:|---:|---:|"]
    for name, e in summary["by_domain"].items():
        lines.append(f"| {name} | {e['passed']} | {e['failed']} | {e['errors']} | "
                     f"{_pct(e['rate'])} |")
    if summary["findings"]:
        lines += ["", "Rubric findings left in drafts: " + ", ".join(
            f"{code} ×{n}" for code, n in summary["findings"].items())]
    bad = [r for r in results if r.status != "passed"]
    if bad:
        lines += ["", "## Cases that did not pass", "", "| case | domain | status | why |",
                  "|---|---|---|---|"]
        for r in sorted(bad, key=lambda r: r.id):
            lines.append(f"| {r.id} | {r.domain} | {r.status} | "
                         f"{_why(r).replace('|', '/')} |")
    return "\n".join(lines) + "\n"


_STYLE = """body{font:14px/1.45 system-ui,sans-serif;margin:2rem;max-width:80rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem;
text-align:left;vertical-align:top}.passed{color:#17662b}.failed{color:#a15c00}
.error{color:#b00020}details summary{cursor:pointer}code{background:#f4f4f4;padding:0 .2rem}"""


def html_page(run: dict[str, Any], summary: dict[str, Any],
              results: Sequence[CaseResult]) -> str:
    """One file, no external assets; every value from a case or a model is escaped."""
    e = html.escape
    rows = []
    for r in sorted(results, key=lambda r: r.id):
        output = r.output or {}
        items = []
        for kr in output.get("key_results", []):
            if "text" in kr:  # a draft's Key Result
                items.append(e(kr["text"]))
            else:  # a judgement of one Key Result
                verdict = "moves the objective" if kr.get("moves_objective") else "does not"
                items.append(f"{verdict}: {e(str(kr.get('reason', '')))}")
        krs = "".join(f"<li>{item}</li>" for item in items)
        findings = "".join(f"<li><code>{e(f['code'])}</code> {e(f['message'])}</li>"
                           for f in output.get("findings", []))
        title = output.get("objective") or ("judgement" if output else "")
        rows.append(
            f"<tr><td>{e(r.id)}</td><td>{e(r.domain)}</td>"
            f"<td class='{e(r.status)}'>{e(r.status)}</td><td>{e(_why(r))}</td>"
            f"<td><details><summary>{e(str(title))}</summary>"
            f"<ol>{krs}</ol><ul>{findings}</ul></details></td></tr>")
    scorer_rows = "".join(
        f"<tr><td>{e(name)}</td><td>{s['passed']}/{s['applicable']}</td>"
        f"<td>{_pct(s['rate'])}</td></tr>" for name, s in summary["by_scorer"].items())
    return f"""<!doctype html><html lang="en"><meta charset="utf-8">
<title>Eval run: {e(run['set'])}</title><style>{_STYLE}</style>
<h1>Eval run: {e(run['set'])}</h1>
<p>provider <code>{e(run['provider'])}</code>, model <code>{e(run['model'])}</code>,
prompts <code>{e(str(run['prompt_version']))}</code>. Pass rate
<b>{_pct(summary['pass_rate'])}</b> ({summary['passed']} passed, {summary['failed']} failed);
errors {summary['errors']}, counted apart.</p>
<table><tr><th>expectation</th><th>passed</th><th>rate</th></tr>{scorer_rows}</table>
<h2>Cases</h2>
<table><tr><th>case</th><th>domain</th><th>status</th><th>why</th><th>output</th></tr>
{''.join(rows)}</table></html>
"""
