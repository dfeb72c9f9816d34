"""``okr serve``: the HTTP API with uvicorn, on the offline provider unless configured."""

from __future__ import annotations

import argparse
import sqlite3
import sys


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.api.app import create_app
    from assistant.settings import Settings

    overrides = {k: v for k, v in (("provider", args.provider), ("host", args.host),
                                   ("port", args.port)) if v}
    settings = Settings(**overrides)
    try:
        app = create_app(settings)
    except (OSError, sqlite3.Error) as err:
        print(f"okr: error: cannot open the workshop database {settings.database}: {err}",
              file=sys.stderr)
        return 2
    print(f"okr: serving on http://{settings.host}:{settings.port} "
          f"(provider: {settings.provider}; docs at /docs)", flush=True)
    uvicorn.run(app, host=settings.host, port=settings.port,
                log_level="info")
    return 0
