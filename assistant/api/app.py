"""The FastAPI application: routers, error handlers, body limit and optional API keys."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant import __version__
from assistant.api.deps import require_key
from assistant.api.routes import critiques, drafts, health, pages, rules, workshops
from assistant.parse import InputError
from assistant.providers import ProviderError
from assistant.settings import Settings, get_settings
from assistant.workshop.service import WorkshopError
from assistant.workshop.store import SQLiteStore

log = logging.getLogger("assistant.api")


def _error(status: int, kind: str, message: str, headers: dict[str, str] | None = None,
           fields: list[dict[str, Any]] | None = None) -> JSONResponse:
    """The one error body of the API: ``{"error": {"type", "message", "fields"?}}``."""
    body: dict[str, Any] = {"type": kind, "message": message}
    if fields is not None:
        body["fields"] = fields
    return JSONResponse({"error": body}, status_code=status, headers=headers)


_HTTP_KINDS = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid_request",
               429: "limit"}


def _fields(err: RequestValidationError) -> list[dict[str, Any]]:
    """Where and what, never the input itself: a NaN or a lone surrogate echoed back is
    what made the default handler answer 500."""
    return [{"loc": [str(part) for part in e.get("loc", ())], "message": str(e.get("msg", ""))}
            for e in err.errors()]


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, before reading them whole."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        too_big = _error(413, "body_too_large", f"request body over {self.limit:,} bytes")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await too_big(scope, receive, send)
            return
        # Read the body first, up to the limit (a chunked body declares no length): over it
        # is a 413 before the application parses anything; under it, the app reads the
        # buffered messages as if from the socket.
        buffered: list[dict[str, Any]] = []
        seen = 0
        while True:
            message = await receive()
            buffered.append(message)
            if message["type"] != "http.request":
                break  # the client went away: let the application see it
            seen += len(message.get("body", b""))
            if seen > self.limit:
                await too_big(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> dict[str, Any]:
            return buffered.pop(0) if buffered else await receive()  # type: ignore[no-any-return]

        await self.app(scope, replay, send)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    for provider in app.state.providers.values():  # close model connections on shutdown
        close = getattr(provider, "aclose", None)
        if close is not None:
            await close()


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="OKR assistant",
        version=__version__,
        description="Draft outcome-focused Key Results from a goal, and critique OKRs with a "
                    "rule-based rubric (stable rule codes, fixes, scores).",
    )
    app.state.settings = settings
    app.state.providers = {}
    app.state.store = SQLiteStore(settings.database)
    app.dependency_overrides[get_settings] = lambda: settings
    secured = [Depends(require_key)]
    app.include_router(health.router)
    app.include_router(rules.router, dependencies=secured)
    app.include_router(critiques.router, dependencies=secured)
    app.include_router(drafts.router, dependencies=secured)
    app.include_router(workshops.router)  # its own tokens: participants have no API keys
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.WEB / "static"), name="static")

    @app.exception_handler(ProviderError)
    async def provider_error(request: Request, err: ProviderError) -> JSONResponse:
        headers = {"Retry-After": str(max(1, round(err.retry_after)))} \
            if err.retry_after is not None else None
        kinds = {502: "model_error", 503: "model_unavailable", 504: "model_timeout"}
        return _error(err.status, kinds.get(err.status, "bad_request"), str(err), headers)

    @app.exception_handler(WorkshopError)
    async def workshop_error(request: Request, err: WorkshopError) -> JSONResponse:
        kinds = {403: "forbidden", 404: "not_found", 409: "conflict", 429: "limit"}
        return _error(err.status, kinds.get(err.status, "invalid"), str(err))

    @app.exception_handler(InputError)
    async def input_error(request: Request, err: InputError) -> JSONResponse:
        return _error(422, "invalid_okrs", str(err))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, err: RequestValidationError) -> JSONResponse:
        fields = _fields(err)
        first = fields[0] if fields else {"loc": [], "message": "invalid request"}
        where = ".".join(p for p in first["loc"] if p != "body") or "body"
        return _error(422, "invalid_request", f"{where}: {first['message']}"
                      + (f" (and {len(fields) - 1} more)" if len(fields) > 1 else ""),
                      fields=fields)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> JSONResponse:
        return _error(err.status_code, _HTTP_KINDS.get(err.status_code, "error"),
                      str(err.detail), getattr(err, "headers", None))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(500, "internal", "internal error; it has been logged")

    return BodyLimit(app, settings.max_body_bytes)  # type: ignore[return-value]
