"""``okr critique FILE… | -``: parse, critique, render, and pick the exit code."""

from __future__ import annotations

import argparse
import os
import sys

from assistant.gcpause import paused_gc
from assistant.model import SEVERITY_RANK, OKRSet
from assistant.parse import InputError, parse_bytes
from assistant.parse.load import MAX_INPUT_BYTES, read_bytes, size_text
from assistant.report import Renderer, Totals, renderer
from assistant.rubric import critique, default_catalogue
from assistant.rubric.catalogue import CatalogueError, Rule
from assistant.rubric.config import Config, ConfigError, discover, effective_rules, load_file

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _error(message: str) -> None:
    print(f"okr: error: {message}", file=sys.stderr)


def _config(args: argparse.Namespace) -> Config:
    if args.no_config:
        config = Config()
    elif args.config:
        config = load_file(args.config)
    else:
        config = discover(os.getcwd())
    if args.select:
        config.select = [c.strip().upper() for c in args.select.split(",") if c.strip()]
    if args.ignore:
        config.ignore = [c.strip().upper() for c in args.ignore.split(",") if c.strip()]
    for item in args.threshold:
        name, sep, value = item.partition("=")
        code, dot, key = name.partition(".")
        if not (sep and dot and key):
            raise ConfigError(
                f"--threshold {item!r}: write CODE.NAME=VALUE, e.g. S001.warn_above=4"
            )
        try:
            config.thresholds.setdefault(code.upper(), {})[key] = float(value)
        except ValueError:
            raise ConfigError(f"--threshold {item!r}: {value!r} is not a number") from None
    if args.fail_on:
        config.fail_on = args.fail_on
    return config


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def run(args: argparse.Namespace) -> int:
    try:
        config = _config(args)
        rules = effective_rules(default_catalogue(), config)
    except (ConfigError, CatalogueError) as err:
        _error(str(err))
        return EXIT_ERROR
    limit = args.max_bytes or MAX_INPUT_BYTES
    out = renderer(args.format, color=_use_color(args.color))
    totals = Totals()
    worst = 0
    failed = False
    _emit(out.start())
    for name in args.files:
        # One pause over the file's whole life: its objects are freed (by reference counting)
        # before the cyclic collector runs again, so it never rescans them (gcpause.py).
        with paused_gc():
            rank = _one_file(name, args, limit, rules, out, totals)
        if rank is None:
            failed = True
        else:
            worst = max(worst, rank)
    _emit(out.end(totals))
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if worst >= SEVERITY_RANK[config.fail_on] else EXIT_OK


def _one_file(name: str, args: argparse.Namespace, limit: int, rules: dict[str, Rule],
              out: Renderer, totals: Totals) -> int | None:
    """Critique one file and print its result; the rank of its worst finding (0 for none),
    or None when it could not be read."""
    try:
        okrs = _read(name, limit, args.input_format)
    except InputError as err:
        _error(f"{name}: {err}")
        totals.unreadable += 1
        return None
    result = critique(okrs, rules)
    totals.add(result)
    # Printed now and then dropped: memory stays flat however many files are given.
    _emit(out.file("<stdin>" if name == "-" else name, result))
    return max((SEVERITY_RANK[f.severity] for f in result.findings), default=0)


def _read(name: str, limit: int, fmt: str | None) -> OKRSet:
    if name == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"the input is over the {size_text(limit)} limit")
        return parse_bytes(data, "<stdin>", fmt)
    return parse_bytes(read_bytes(name, limit), name, fmt)


def _emit(text: str) -> None:
    if text:
        sys.stdout.write(text)
        sys.stdout.flush()
