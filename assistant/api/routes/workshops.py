"""Workshops: ``/v1/workshops``. Creating one needs an API key when ``OKR_API_KEYS`` is set,
as every other /v1 call does; inside a workshop, tokens take over: the facilitator's secret
token (given to whoever created it) and each participant's token travel in the
``X-Workshop-Token`` header (participants join from a phone with a short code and a name, no
account and no key). So no model call and no workshop can be had without a key."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, ConfigDict, Field

from assistant.api.deps import AuthDep
from assistant.api.routes.drafts import provider_for
from assistant.workshop import service, timer, voting
from assistant.workshop.agenda import STEPS, agenda
from assistant.workshop.store import SQLiteStore

router = APIRouter(prefix="/v1/workshops", tags=["workshops"])
TokenHeader = Annotated[str | None, Header(alias="X-Workshop-Token")]


def _store(request: Request) -> SQLiteStore:
    return request.app.state.store  # type: ignore[no-any-return]


class WorkshopContextIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    strategy: str | None = Field(None, max_length=2000)
    last_results: str | None = Field(None, max_length=2000)
    kpis: list[str] = Field(default_factory=list, max_length=20)
    baselines: dict[str, str] = Field(default_factory=dict, max_length=30)


class WorkshopIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"team": "Growth", "cycle": "2027-Q1", "duration_min": 90,
         "context": {"strategy": "Win self-serve teams", "kpis": ["uptime"],
                     "baselines": {"activation rate": "38%"}}}]})
    team: str | None = Field(None, max_length=200)
    cycle: str | None = Field(None, max_length=40)
    duration_min: int = Field(90, ge=30, le=240)
    context: WorkshopContextIn = Field(default_factory=WorkshopContextIn)
    max_objectives: int = Field(3, ge=1, le=10)
    dots: int = Field(3, ge=1, le=20)
    anonymous: bool = Field(False, description="proposals show no author, to anyone")


class JoinIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(min_length=4, max_length=12)
    name: str = Field(min_length=1, max_length=40)


class ProposalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["objective", "key_result"] = "objective"
    text: str = Field(min_length=1, max_length=1000)
    objective_id: str | None = Field(None, max_length=40)


class AdvanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: str | None = Field(None, max_length=20)


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    into: str = Field(max_length=40)
    other: str = Field(max_length=40)


class SplitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    proposal_id: str = Field(max_length=40)


class VoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cluster_id: str = Field(max_length=40)


class ConvergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    keep: int | None = Field(None, ge=1, le=10)
    clusters: list[str] = Field(default_factory=list, max_length=10,
                                description="the clusters to keep, in order (default: the top "
                                            "`keep` by dots)")
    texts: dict[str, str] = Field(default_factory=dict, max_length=10)


class TimerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["start", "pause", "extend"]
    minutes: int = Field(1, ge=1, le=30, description="for extend")


class RewordIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=280)


class AcceptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    accepted: bool = True


class OwnerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    owner: str = Field(min_length=1, max_length=80)


class CheckInIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cadence: str = Field(min_length=1, max_length=120)


def _public_agenda(duration: int) -> list[dict[str, Any]]:
    return [{"step": b.step.key, "title": b.step.title, "minutes": b.minutes,
             "starts_at_minute": b.starts_at_minute, "prompts": list(b.step.prompts)}
            for b in agenda(duration)]


@router.post("", status_code=201, dependencies=[AuthDep])
def create_workshop(body: WorkshopIn, request: Request) -> dict[str, Any]:
    """Create a workshop. The facilitator token in the answer is shown once: keep it."""
    workshop, token = service.create(
        _store(request), team=body.team, cycle=body.cycle, duration_min=body.duration_min,
        context=body.context.model_dump(), max_objectives=body.max_objectives, dots=body.dots,
        anonymous=body.anonymous)
    return {"id": workshop["id"], "join_code": workshop["join_code"],
            "facilitator_token": token, "board_url": f"/workshops/{workshop['id']}/board",
            "join_url": "/join", "agenda": _public_agenda(workshop["duration_min"])}


@router.post("/join")
def join_workshop(body: JoinIn, request: Request) -> dict[str, Any]:
    workshop, participant, token = service.join(_store(request), body.code, body.name)
    return {"workshop_id": workshop["id"], "participant_id": participant["id"],
            "token": token, "page_url": f"/workshops/{workshop['id']}/me"}


def state(store: SQLiteStore, workshop: dict[str, Any], *, facilitator: bool,
          participant: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the board and the participant page show; participants see no one's tokens."""
    wid = workshop["id"]
    boxes = agenda(workshop["duration_min"])
    box = boxes[workshop["step"]]
    proposals = store.proposals(wid)
    anonymous = store.value(wid, "anonymous") == "1"
    if anonymous:  # no author for anyone, the facilitator included: ideas stand on their own
        proposals = [{**p, "author": None} for p in proposals]
    data: dict[str, Any] = {
        "id": wid, "team": workshop["team"], "cycle": workshop["cycle"],
        "step": box.step.key, "title": box.step.title,
        "prompts": list(box.step.prompts), "timebox_minutes": box.minutes,
        "step_started": workshop["step_started"], "steps": [s.key for s in STEPS],
        "dots": workshop["dots"], "max_objectives": workshop["max_objectives"],
        "proposals": [{**{k: p[k] for k in ("id", "kind", "text", "author", "cluster_id",
                                            "objective_id", "accepted", "source")},
                       "findings": [{"code": f.code, "message": f.message}
                                    for f in service.feedback(p["kind"], p["text"])]}
                      for p in proposals],
        "clusters": store.clusters(wid), "objectives": store.objectives(wid),
        "anonymous": anonymous, "timer": timer.state(store, workshop),
        "votes_hidden": voting.votes_hidden(store, workshop),
        "voted": len(store.voters(wid)),
    }
    if data["votes_hidden"] and not facilitator:
        # (the facilitator's state keeps the counts: the board hides them until Reveal)
        data["clusters"] = [{**c, "votes": None} for c in data["clusters"]]
    if facilitator:
        data["join_code"] = workshop["join_code"]  # the facilitator's to hand out
        data["participants"] = [p["name"] for p in store.participants(wid)]
        data["voters"] = store.voters(wid)
    if participant is not None:
        data["me"] = {"id": participant["id"], "name": participant["name"],
                      "dots_left": voting.dots_left(store, workshop, participant),
                      "my_dots": store.dots_by_cluster(participant["id"])}
    return data


def _who(store: SQLiteStore, workshop_id: str, token: str | None,
         ) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(workshop, participant) for a participant token, (workshop, None) for the facilitator."""
    try:
        return service.require_facilitator(store, workshop_id, token), None
    except service.WorkshopError:
        return service.require_participant(store, workshop_id, token)


@router.get("/{workshop_id}")
def get_workshop(workshop_id: str, request: Request, token: TokenHeader = None,
                 ) -> dict[str, Any]:
    store = _store(request)
    workshop, participant = _who(store, workshop_id, token)
    return state(store, workshop, facilitator=participant is None, participant=participant)


@router.post("/{workshop_id}/advance")
def advance(workshop_id: str, body: AdvanceIn, request: Request,
            token: TokenHeader = None) -> dict[str, str]:
    store = _store(request)
    workshop = service.require_facilitator(store, workshop_id, token)
    return {"step": service.advance(store, workshop, body.to)}


@router.post("/{workshop_id}/proposals", status_code=201)
def propose(workshop_id: str, body: ProposalIn, request: Request,
            token: TokenHeader = None) -> dict[str, Any]:
    """Add a proposal; the answer carries the rubric's feedback on it."""
    store = _store(request)
    workshop, participant = _who(store, workshop_id, token)
    return service.submit(store, workshop, participant, body.kind, body.text,
                          body.objective_id)


class EditIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=1000)


@router.post("/{workshop_id}/proposals/{proposal_id}/edit")
def edit_proposal(workshop_id: str, proposal_id: str, body: EditIn, request: Request,
                  token: TokenHeader = None) -> dict[str, Any]:
    """Reword your own proposal while it is not yet clustered or accepted; the answer
    carries the rubric's feedback on the new wording."""
    store = _store(request)
    workshop, participant = service.require_participant(store, workshop_id, token)
    return service.edit(store, workshop, participant, proposal_id, body.text)


@router.post("/{workshop_id}/proposals/{proposal_id}/remove")
def remove_proposal(workshop_id: str, proposal_id: str, request: Request,
                    token: TokenHeader = None) -> dict[str, bool]:
    """Take a proposal off the board (facilitator): kept, marked, out of every list."""
    store = _store(request)
    service.remove_proposal(store, service.require_facilitator(store, workshop_id, token),
                            proposal_id)
    return {"removed": True}


@router.post("/{workshop_id}/cluster")
def cluster(workshop_id: str, request: Request, token: TokenHeader = None,
            ) -> list[dict[str, Any]]:
    store = _store(request)
    return service.cluster(store, service.require_facilitator(store, workshop_id, token))


@router.post("/{workshop_id}/clusters/merge")
def merge(workshop_id: str, body: MergeIn, request: Request,
          token: TokenHeader = None) -> list[dict[str, Any]]:
    store = _store(request)
    service.merge(store, service.require_facilitator(store, workshop_id, token), body.into,
                  body.other)
    return store.clusters(workshop_id)


@router.post("/{workshop_id}/clusters/split")
def split(workshop_id: str, body: SplitIn, request: Request,
          token: TokenHeader = None) -> list[dict[str, Any]]:
    store = _store(request)
    service.split(store, service.require_facilitator(store, workshop_id, token),
                  body.proposal_id)
    return store.clusters(workshop_id)


@router.post("/{workshop_id}/votes", status_code=201)
def vote(workshop_id: str, body: VoteIn, request: Request,
         token: TokenHeader = None) -> dict[str, int]:
    store = _store(request)
    workshop, participant = service.require_participant(store, workshop_id, token)
    return {"dots_left": voting.vote(store, workshop, participant, body.cluster_id)}


@router.post("/{workshop_id}/timer")
def set_timer(workshop_id: str, body: TimerIn, request: Request,
              token: TokenHeader = None) -> dict[str, Any]:
    """Start, pause or extend the current step's timer (facilitator)."""
    store = _store(request)
    workshop = service.require_facilitator(store, workshop_id, token)
    return timer.control(store, workshop, body.action, body.minutes)


@router.post("/{workshop_id}/votes/reveal")
def reveal(workshop_id: str, request: Request, token: TokenHeader = None) -> dict[str, bool]:
    """Show everyone the dot counts (facilitator); hidden during the Vote step until then."""
    store = _store(request)
    voting.reveal_votes(store, service.require_facilitator(store, workshop_id, token))
    return {"revealed": True}


@router.post("/{workshop_id}/votes/remove")
def unvote(workshop_id: str, body: VoteIn, request: Request,
           token: TokenHeader = None) -> dict[str, int]:
    """Take back one of your own dots from a cluster (during the Vote step)."""
    store = _store(request)
    workshop, participant = service.require_participant(store, workshop_id, token)
    return {"dots_left": voting.unvote(store, workshop, participant, body.cluster_id)}


@router.post("/{workshop_id}/converge")
def converge(workshop_id: str, body: ConvergeIn, request: Request,
             token: TokenHeader = None) -> dict[str, Any]:
    store = _store(request)
    workshop = service.require_facilitator(store, workshop_id, token)
    objectives, warnings = service.converge(store, workshop, body.keep, body.texts,
                                            body.clusters)
    return {"objectives": objectives, "warnings": warnings}


@router.post("/{workshop_id}/objectives/{objective_id}/reword")
def reword(workshop_id: str, objective_id: str, body: RewordIn, request: Request,
           token: TokenHeader = None) -> dict[str, Any]:
    """Reword a kept objective (facilitator); the answer carries the rubric's feedback on
    the new wording, so what it flags can be fixed before Commit."""
    store = _store(request)
    workshop = service.require_facilitator(store, workshop_id, token)
    findings = service.reword(store, workshop, objective_id, body.text)
    return {"text": body.text.strip(), "feedback": findings}


@router.post("/{workshop_id}/objectives/{objective_id}/draft")
async def draft_key_results(workshop_id: str, objective_id: str, request: Request,
                            token: TokenHeader = None) -> list[dict[str, Any]]:
    """Ask the drafting service (the server's provider) for Key Results, as proposals."""
    store = _store(request)
    workshop = await run_in_threadpool(service.require_facilitator, store, workshop_id, token)
    provider = provider_for(request, request.app.state.settings.provider)
    return await service.draft_krs(store, workshop, objective_id, provider)


@router.post("/{workshop_id}/key-results/{proposal_id}/accept")
def accept(workshop_id: str, proposal_id: str, body: AcceptIn, request: Request,
           token: TokenHeader = None) -> dict[str, bool]:
    store = _store(request)
    service.require_facilitator(store, workshop_id, token)
    if not store.set_accepted(workshop_id, proposal_id, body.accepted):
        raise service.WorkshopError("no such Key Result proposal", 404)
    return {"accepted": body.accepted}


@router.post("/{workshop_id}/objectives/{objective_id}/owner")
def owner(workshop_id: str, objective_id: str, body: OwnerIn, request: Request,
          token: TokenHeader = None) -> dict[str, str]:
    store = _store(request)
    service.require_facilitator(store, workshop_id, token)
    if not store.set_owner(workshop_id, objective_id, body.owner):
        raise service.WorkshopError("no such objective", 404)
    return {"owner": body.owner}


@router.post("/{workshop_id}/check-in")
def check_in(workshop_id: str, body: CheckInIn, request: Request,
             token: TokenHeader = None) -> dict[str, str]:
    store = _store(request)
    service.require_facilitator(store, workshop_id, token)
    store.set_value(workshop_id, "check_in", body.cadence)
    store.add_decision(workshop_id, "commit", f"check-ins: {body.cadence}")
    return {"check_in": body.cadence}


@router.get("/{workshop_id}/export", response_model=None)
def export(workshop_id: str, request: Request, token: TokenHeader = None,
           format: Literal["markdown", "json"] = "markdown",
           ) -> PlainTextResponse | dict[str, Any]:
    """The final OKR set (Markdown that passes ``okr critique``, or JSON with a summary)."""
    store = _store(request)
    markdown, data = service.export(store, service.require_facilitator(store, workshop_id,
                                                                       token))
    if format == "json":
        return data
    return PlainTextResponse(markdown, media_type="text/markdown; charset=utf-8")

