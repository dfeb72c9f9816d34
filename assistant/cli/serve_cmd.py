"""``okr serve``: the HTTP API with uvicorn, on the offline provider unless configured."""

from __future__ import annotations

import argparse


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from assistant.api.app import create_app
    from assistant.settings import Settings

    overrides = {k: v for k, v in (("provider", args.provider), ("host", args.host),
                                   ("port", args.port)) if v}
    settings = Settings(**overrides)
    print(f"okr: serving on http://{settings.host}:{settings.port} "
          f"(provider: {settings.provider}; docs at /docs)", flush=True)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port,
                log_level="info")
    return 0
