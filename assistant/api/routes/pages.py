"""The workshop's web pages: the facilitator board, the join form, the participant page.

Server-rendered parts go through jinja2 with autoescaping; everything that changes during the
session is fetched by ``/static/app.js`` from the API and written with ``textContent``.
Tokens never appear in a page: the board reads the facilitator's from the URL fragment (which
browsers do not send to the server), participants keep theirs in local storage.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from assistant.workshop import service

router = APIRouter(include_in_schema=False)
WEB = Path(__file__).resolve().parents[2] / "web"


@cache
def _templates() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(WEB / "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined)


def _page(name: str, **values: object) -> HTMLResponse:
    html = _templates().get_template(name).render(**values)
    return HTMLResponse(html, headers={
        "Content-Security-Policy": "default-src 'self'; script-src 'self'; "
                                   "style-src 'self'; object-src 'none'; base-uri 'none'; "
                                   "frame-ancestors 'none'; form-action 'self'",
        "X-Frame-Options": "DENY",  # (for browsers that predate frame-ancestors)
        "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})


def _title(workshop: dict[str, object]) -> str:
    return " — ".join(str(x) for x in (workshop["team"], workshop["cycle"]) if x) or \
        "OKR workshop"


@router.get("/join")
def join_page(code: str = "") -> HTMLResponse:
    return _page("join.html", workshop_id="", code=code[:12])


@router.get("/workshops/{workshop_id}/board")
def board_page(workshop_id: str, request: Request) -> HTMLResponse:
    workshop = service.get(request.app.state.store, workshop_id)
    # (the join code comes with the state, to the facilitator's token: not in the page any
    # visitor who knows the workshop's id can open)
    return _page("board.html", workshop_id=workshop_id, title=_title(workshop))


@router.get("/workshops/{workshop_id}/me")
def participant_page(workshop_id: str, request: Request) -> HTMLResponse:
    workshop = service.get(request.app.state.store, workshop_id)
    return _page("participant.html", workshop_id=workshop_id, title=_title(workshop))
