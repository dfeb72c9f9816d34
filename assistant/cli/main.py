"""``okr``: entry point and argument parsing. Subcommands import their code only when run,
so ``okr critique`` never loads what ``okr eval`` or ``okr serve`` need."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif", "github", "markdown")


def _positive(value: str) -> int:
    number = int(value) if value.isdigit() else 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return number


def _critique_args(c: argparse.ArgumentParser) -> None:
    c.add_argument("files", nargs="+", metavar="FILE", help="files to critique; - for stdin")
    c.add_argument("--format", choices=FORMATS, default="text")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                   help="lowest severity that makes the exit code 1 (default: warning)")
    c.add_argument("--select", default=None, help="comma-separated codes or prefixes to run")
    c.add_argument("--ignore", default=None, help="comma-separated codes or prefixes to skip")
    c.add_argument("--threshold", action="append", default=[], metavar="CODE.NAME=VALUE",
                   help="override a rule threshold, e.g. S001.warn_above=4 (repeatable)")
    c.add_argument("--config", default=None, metavar="PATH",
                   help="okr.toml or pyproject.toml to read (default: nearest one)")
    c.add_argument("--no-config", action="store_true", help="ignore configuration files")
    c.add_argument("--input-format", choices=("markdown", "text", "json", "yaml", "csv", "html"),
                   default=None, help="force the input format (default: from the extension)")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    c.add_argument("--max-bytes", type=_positive, default=None,
                   help="largest input accepted (default 5 MB)")


def _rules_args(r: argparse.ArgumentParser) -> None:
    r.add_argument("code", nargs="?", help="a rule code such as K203")
    r.add_argument("--format", choices=("text", "json"), default="text")


def _halves_args(p: argparse.ArgumentParser, folder: str) -> None:
    """--dir and --half, as every set split into a dev and a test half takes them."""
    p.add_argument("--dir", default=None, help=folder)
    p.add_argument("--half", choices=("dev", "test", "all"), default="all")


def _eval_args(e: argparse.ArgumentParser) -> None:
    esub = e.add_subparsers(dest="eval_command", metavar="SET")
    er = esub.add_parser("rubric", help="precision, recall and F1 of every rule")
    er.add_argument("--dir", default=None, help="folder with tune/ and holdout/ "
                                                "(default: evals/rubric)")
    er.add_argument("--real-dir", default=None,
                    help="real-shaped corpus with dev/ and test/ (default: evals/real)")
    er.add_argument("--show-misses", choices=("none", "tune", "dev", "all"), default="none",
                    help="list items the rubric got wrong: tune, the real dev half, or all "
                         "but the real test half (holdout: look, do not tune)")
    er.add_argument("--out", default=None, help="also write the table to this file")
    ed = esub.add_parser("reader", help="objectives and Key Results the reader finds in the "
                                        "real-shaped corpus")
    _halves_args(ed, "corpus folder (default: evals/real)")
    ed.add_argument("--documents", action="store_true", help="also a row per document")
    ed.add_argument("--show-misses", action="store_true",
                    help="list what the reader missed or added in the dev half (never test)")
    ed.add_argument("--variants", action="store_true",
                    help="also the dev half's Markdown and text documents written another way "
                         "(pasted as text, a word processor's export, hard-wrapped)")
    ed.add_argument("--out", default=None, help="also write the summary table to this file")
    eg = esub.add_parser("goals", help="the offline drafter on real teams' goals "
                                       "(evals/real-goals)")
    _halves_args(eg, "folder with dev.jsonl and test.jsonl (default: evals/real-goals)")
    eg.add_argument("--show-misses", action="store_true",
                    help="list the drafts that fall short in the dev half (never test)")
    eg.add_argument("--out", default=None, help="also write the summary table to this file")
    eu = esub.add_parser("duplicates", help="the duplicate rules (S003, K208) on pairs "
                                            "written for them (evals/rubric/duplicates)")
    _halves_args(eu, "folder with dev.jsonl and test.jsonl (default: evals/rubric/duplicates)")
    eu.add_argument("--meaning", action="store_true",
                    help="also with meaning: the sentence model, at the threshold best on dev "
                         "(`make meaning` installs it)")
    eu.add_argument("--sweep", action="store_true",
                    help="with meaning, F1 by threshold on the dev half (never test)")
    eu.add_argument("--out", default=None, help="also write the table to this file")
    rr = esub.add_parser("run", help="run drafting sets against a provider and score them")
    rr.add_argument("sets", nargs="+", metavar="SET", help="JSONL files (evals/drafting/...)")
    rr.add_argument("--provider", choices=("offline", "openai"), default=None)
    rr.add_argument("--model", default=None)
    rr.add_argument("--base-url", default=None)
    rr.add_argument("--prompt-version", default=None,
                    help="refuse to run unless prompts/draft.md.j2 has this version")
    rr.add_argument("--concurrency", type=_positive, default=8)
    rr.add_argument("--cache-dir", default=None,
                    help="response cache: a re-run costs nothing, an interrupted run resumes")
    rr.add_argument("--out", default=None, help="run folder (default eval-runs/<time>-<provider>)")
    rr.add_argument("--scorer", action="append", default=[], help="only these scorers")
    rr.add_argument("--repair-rounds", type=int, default=None)
    rr.add_argument("--baseline", default=None, help="a summary.json to compare against")
    rr.add_argument("--max-drop", type=float, default=0.0,
                    help="largest allowed drop of any pass rate against --baseline (0-1)")
    rr.add_argument("--max-errors", type=float, default=0.1,
                    help="largest share of cases allowed to end in an error (0-1)")
    rr.add_argument("--price-in", type=float, default=None, help="USD per 1M prompt tokens")
    rr.add_argument("--price-out", type=float, default=None,
                    help="USD per 1M completion tokens")
    rc = esub.add_parser("compare", help="two runs side by side: which cases flipped")
    rc.add_argument("a", help="run folder A")
    rc.add_argument("b", help="run folder B")


def _draft_args(d: argparse.ArgumentParser) -> None:
    d.add_argument("goal", help="the goal, in your own words")
    d.add_argument("--baseline", action="append", default=[], metavar="METRIC=VALUE",
                   help="a metric as it is today, e.g. 'activation rate=38%%' (repeatable)")
    d.add_argument("--target", action="append", default=[], metavar="METRIC=VALUE",
                   help="a target your team already decided (repeatable)")
    d.add_argument("--kpi", action="append", default=[], metavar="METRIC",
                   help="a health metric to keep, not to turn into a Key Result")
    d.add_argument("--cycle", default=None, help="e.g. 2027-Q1")
    d.add_argument("--team", default=None)
    d.add_argument("--notes", default=None)
    d.add_argument("--provider", choices=("offline", "openai"), default=None)
    d.add_argument("--model", default=None)
    d.add_argument("--base-url", default=None, help="an OpenAI-compatible endpoint")
    d.add_argument("--format", choices=("text", "json", "markdown"), default="text")


def _serve_args(s: argparse.ArgumentParser) -> None:
    s.add_argument("--host", default=None, help="default 127.0.0.1 (OKR_HOST)")
    s.add_argument("--port", type=int, default=None, help="default 8000 (OKR_PORT)")
    s.add_argument("--provider", choices=("offline", "openai"), default=None)


def _workshop_args(w: argparse.ArgumentParser) -> None:
    wsub = w.add_subparsers(dest="workshop_command", metavar="ACTION", required=True)
    new = wsub.add_parser("new", help="create a workshop; prints the join code and token")
    new.add_argument("--team", default=None)
    new.add_argument("--cycle", default=None)
    new.add_argument("--duration", type=int, default=90, help="minutes (30-240)")
    new.add_argument("--max-objectives", type=int, default=3)
    new.add_argument("--dots", type=int, default=3, help="votes per participant")
    new.add_argument("--anonymous", action="store_true",
                     help="proposals show no author, to anyone (the facilitator included)")
    new.add_argument("--strategy", default=None, help="the strategy the session serves")
    new.add_argument("--kpi", action="append", default=[])
    new.add_argument("--baseline", action="append", default=[], metavar="METRIC=VALUE")
    new.add_argument("--database", default=None, help="SQLite file (default OKR_DATABASE)")
    ag = wsub.add_parser("agenda", help="print the agenda for a duration")
    ag.add_argument("--duration", type=int, default=90)
    ex = wsub.add_parser("export", help="the final OKRs as Markdown or JSON")
    ex.add_argument("id")
    ex.add_argument("--token", required=True,
                    help="the facilitator token (--token=VALUE for one that starts with '-')")
    ex.add_argument("--format", choices=("markdown", "json"), default="markdown")
    ex.add_argument("--database", default=None)


_COMMANDS = {
    "critique": ("lint OKR files (Markdown, text, YAML, JSON)", _critique_args,
                 "Lint OKR files like code: rule codes, lines, fixes, scores. Exit 0 clean, "
                 "1 findings at or above --fail-on, 2 usage or input error."),
    "draft": ("draft outcome Key Results from a goal", _draft_args, None),
    "serve": ("run the HTTP API", _serve_args, None),
    "workshop": ("create a workshop, print an agenda, export the result", _workshop_args,
                 None),
    "rules": ("list the rules, or explain one", _rules_args, None),
    "eval": ("run evaluation sets", _eval_args, None),
}


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    """The argument parser. Only the chosen command's options are declared: building every
    subcommand's options costs start-up time that ``okr critique`` does not need."""
    parser = argparse.ArgumentParser(
        prog="okr", description="Critique, draft and evaluate Objectives and Key Results.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, declare, description) in _COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=description)
        if name == chosen:
            declare(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    parser = _parser(chosen if chosen in _COMMANDS else None)
    args = parser.parse_args(argv)
    try:
        if args.version:
            from assistant import __version__

            print(f"okr-assistant {__version__}")
            return EXIT_OK
        if args.command == "critique":
            from assistant.cli.critique_cmd import run

            return run(args)
        if args.command == "draft":
            from assistant.cli.draft_cmd import run

            return run(args)
        if args.command == "serve":
            from assistant.cli.serve_cmd import run

            return run(args)
        if args.command == "workshop":
            from assistant.cli.workshop_cmd import run

            return run(args)
        if args.command == "rules":
            from assistant.cli.rules_cmd import run

            return run(args)
        if args.command == "eval":
            if args.eval_command is None:
                parser.parse_args(["eval", "--help"])
            from assistant.cli.eval_cmd import run

            return run(args)
        parser.print_help()
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `okr critique big.md | head`: the reader left; exit quietly like other Unix tools.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
