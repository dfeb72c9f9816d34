"""``okr workshop new | agenda | export``: run a session's bookends from the command line."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys

from assistant.settings import Settings


def run(args: argparse.Namespace) -> int:
    from assistant.workshop import service
    from assistant.workshop.agenda import render_agenda
    from assistant.workshop.store import SQLiteStore

    try:
        if args.workshop_command == "agenda":
            print(render_agenda(args.duration))
            return 0
        settings = Settings(**({"database": args.database} if args.database else {}))
        store = SQLiteStore(settings.database)
        if args.workshop_command == "new":
            workshop, token = service.create(
                store, team=args.team, cycle=args.cycle, duration_min=args.duration,
                max_objectives=args.max_objectives, dots=args.dots, anonymous=args.anonymous,
                context={"strategy": args.strategy, "kpis": list(args.kpi),
                         "baselines": dict(_pair(b) for b in args.baseline)})
            base = f"http://{settings.host}:{settings.port}"
            # (the server must use the same file: a relative path means this folder's)
            print(f"database:          {os.path.abspath(settings.database)}\n"
                  f"workshop:          {workshop['id']}\n"
                  f"join code:         {workshop['join_code']}  (participants: {base}/join)\n"
                  f"facilitator token: {token}  (keep it secret; shown once)\n"
                  f"board:             {base}/workshops/{workshop['id']}/board#{token}\n\n"
                  + render_agenda(args.duration))
            return 0
        workshop = service.require_facilitator(store, args.id, args.token)
        markdown, data = service.export(store, workshop)
        print(json.dumps(data, indent=2, ensure_ascii=False) if args.format == "json"
              else markdown, end="" if args.format != "json" else "\n")
        return 0
    except (ValueError, OSError, sqlite3.Error, service.WorkshopError) as err:
        print(f"okr: error: {err}", file=sys.stderr)
        return 2


def _pair(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep:
        raise ValueError(f"--baseline {item!r}: write METRIC=VALUE")
    return name.strip(), value.strip()
