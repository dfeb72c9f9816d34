"""Workshop use cases over a store: create, join, propose, cluster, converge, draft, commit,
export (dots are ``voting``'s, a step's timer ``timer``'s). Access is checked here: the
facilitator's token for admin actions, a participant's token for adding and voting, only in
their own workshop."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
import unicodedata
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from assistant.drafts.types import Context
from assistant.model import Finding, KeyResult, Objective, OKRSet
from assistant.parse.phrase import parse_kr
from assistant.rubric import critique, default_catalogue
from assistant.rubric.catalogue import statement_codes
from assistant.rubric.similarity import content_words, jaccard
from assistant.workshop import timer
from assistant.workshop.agenda import STEP_KEYS, STEPS, agenda
from assistant.workshop.errors import WorkshopError
from assistant.workshop.store import ConflictError, LimitError, SQLiteStore

MAX_TEXT = 280
MAX_PROPOSALS = 15
MAX_PARTICIPANTS = 200
# Workshops created a day, server-wide: far above what teams run, and a bound on what a
# script can fill the database with (a fuzz run created 1,256)
MAX_WORKSHOPS_PER_DAY = 200
CLUSTER_SIMILARITY = 0.34
_JOIN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out loud safely


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _token(nbytes: int) -> str:
    """A URL-safe secret that never starts with "-": such a token, given as
    ``okr workshop export --token TOKEN``, reads as an option and the command fails."""
    while True:
        token = secrets.token_urlsafe(nbytes)
        if token[0] != "-":
            return token


def _id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


def create(store: SQLiteStore, *, team: str | None, cycle: str | None, duration_min: int,
           context: dict[str, Any] | None = None, max_objectives: int = 3,
           dots: int = 3, anonymous: bool = False) -> tuple[dict[str, Any], str]:
    """A new workshop and the facilitator's secret token (shown once, stored hashed)."""
    agenda(duration_min)  # validates the duration
    token = _token(24)
    row = {"id": _id("w"), "team": team, "cycle": cycle, "duration_min": duration_min,
           "context": context or {}, "max_objectives": max_objectives, "dots": dots,
           "facilitator_hash": _hash(token), "created": time.time(),
           "join_code": "".join(secrets.choice(_JOIN_ALPHABET) for _ in range(6))}
    try:
        store.create_workshop(row, MAX_WORKSHOPS_PER_DAY)
    except LimitError as err:
        raise WorkshopError(str(err), 429) from None
    if anonymous:
        store.set_value(row["id"], "anonymous", "1")
    workshop = store.workshop(row["id"])
    assert workshop is not None
    return workshop, token


def get(store: SQLiteStore, workshop_id: str) -> dict[str, Any]:
    workshop = store.workshop(workshop_id)
    if workshop is None:
        raise WorkshopError("no such workshop", 404)
    return workshop


def require_facilitator(store: SQLiteStore, workshop_id: str, token: str | None,
                        ) -> dict[str, Any]:
    workshop = get(store, workshop_id)
    if not token or not hmac.compare_digest(_hash(token), workshop["facilitator_hash"]):
        raise WorkshopError("only the facilitator can do this (missing or wrong token)", 403)
    return workshop


def require_participant(store: SQLiteStore, workshop_id: str, token: str | None,
                        ) -> tuple[dict[str, Any], dict[str, Any]]:
    workshop = get(store, workshop_id)
    participant = store.participant_by_token(workshop_id, _hash(token)) if token else None
    if participant is None:
        raise WorkshopError("join the workshop first (missing or wrong participant token)", 403)
    return workshop, participant


def join(store: SQLiteStore, code: str, name: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    workshop = store.workshop_by_code(code.strip().upper())
    if workshop is None:
        raise WorkshopError("no workshop with that code", 404)
    name = clean_name(name)
    if not 1 <= len(name) <= 40:
        raise WorkshopError("a name is 1 to 40 characters")
    if any(_name_key(p["name"]) == _name_key(name) for p in store.participants(workshop["id"])):
        raise WorkshopError(f"someone has joined as {name!r} already: add an initial", 409)
    token = _token(18)
    participant = {"id": _id("p"), "workshop_id": workshop["id"], "name": name,
                   "token_hash": _hash(token), "joined": time.time()}
    try:
        store.add_participant(participant, MAX_PARTICIPANTS)
    except ConflictError as err:
        raise WorkshopError(str(err), 409) from None
    except LimitError as err:
        raise WorkshopError(str(err), 429) from None
    return workshop, participant, token


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def clean_name(name: str) -> str:
    """A name as shown: Unicode-normalised (NFKC), without invisible characters (zero-width
    spaces, a soft hyphen), spaces collapsed: "Zed\u200b" and "Zed " are "Zed"."""
    return " ".join(unicodedata.normalize("NFKC", name).translate(_INVISIBLE).split())


def _name_key(name: str) -> str:
    """What two names must differ in to be two people: "Ana" and "ANA" are one."""
    return clean_name(name).casefold()


def step_key(workshop: dict[str, Any]) -> str:
    return STEP_KEYS[workshop["step"]]


def advance(store: SQLiteStore, workshop: dict[str, Any], to: str | None = None) -> str:
    index = workshop["step"] + 1 if to is None else STEP_KEYS.index(to) if to in STEP_KEYS \
        else -1
    if not 0 <= index < len(STEPS):
        raise WorkshopError(f"no step {to!r}; steps: {', '.join(STEP_KEYS)}"
                            if to else "this is the last step")
    store.set_step(workshop["id"], index)
    timer.reset(store, workshop["id"])  # a new step's timer waits for Start
    store.add_decision(workshop["id"], STEP_KEYS[index], f"moved to {STEPS[index].title}")
    return STEP_KEYS[index]


@lru_cache(maxsize=8192)
def feedback(kind: str, text: str) -> tuple[Finding, ...]:
    """The rubric's live feedback on one proposal: objective wording, or one Key Result.

    Memoised: every board and phone polls the state every two seconds, and a proposal's text
    never changes once accepted."""
    catalogue = default_catalogue()
    codes = statement_codes(catalogue, "objective" if kind == "objective" else "key-result")
    rules = {c: r for c, r in catalogue.items() if c in codes}
    if kind == "objective":
        okrs = OKRSet(objectives=[Objective(text=text)])
    else:
        okrs = OKRSet(objectives=[Objective(text="(proposal)", key_results=[
            KeyResult(text=text, parsed=parse_kr(text))])])
    return tuple(critique(okrs, rules).findings)


def submit(store: SQLiteStore, workshop: dict[str, Any], participant: dict[str, Any] | None,
           kind: str, text: str, objective_id: str | None = None) -> dict[str, Any]:
    text = " ".join(text.split())
    if not 3 <= len(text) <= MAX_TEXT:
        raise WorkshopError(f"a proposal is 3 to {MAX_TEXT} characters")
    if kind not in ("objective", "key_result"):
        raise WorkshopError("kind is 'objective' or 'key_result'")
    if kind == "key_result":
        ids = {o["id"] for o in store.objectives(workshop["id"])}
        if objective_id not in ids:
            raise WorkshopError("a Key Result proposal needs the id of a chosen objective")
    row = {"id": _id("pr"), "workshop_id": workshop["id"],
           "participant_id": participant["id"] if participant else None, "kind": kind,
           "objective_id": objective_id if kind == "key_result" else None, "text": text,
           "created": time.time(), "source": "participant" if participant else "facilitator"}
    try:
        store.add_proposal(row, MAX_PROPOSALS)
    except LimitError as err:
        raise WorkshopError(str(err), 429) from None
    return {**row, "feedback": [asdict(f) for f in feedback(kind, text)]}


def edit(store: SQLiteStore, workshop: dict[str, Any], participant: dict[str, Any],
         proposal_id: str, text: str) -> dict[str, Any]:
    """The author rewords their own proposal (after the rubric's feedback, say), while it is
    still their own: not yet clustered, not yet accepted. The answer carries the feedback on
    the new wording."""
    text = " ".join(text.split())
    if not 3 <= len(text) <= MAX_TEXT:
        raise WorkshopError(f"a proposal is 3 to {MAX_TEXT} characters")
    mine = next((p for p in store.proposals(workshop["id"]) if p["id"] == proposal_id
                 and p["participant_id"] == participant["id"]), None)
    if mine is None:
        raise WorkshopError("you have no such proposal", 404)
    if mine["cluster_id"] or mine["accepted"]:
        raise WorkshopError("it has been clustered or accepted: ask the facilitator", 409)
    store.set_proposal_text(workshop["id"], proposal_id, text)
    return {**mine, "text": text, "feedback": [asdict(f) for f in feedback(mine["kind"], text)]}


def cluster(store: SQLiteStore, workshop: dict[str, Any]) -> list[dict[str, Any]]:
    """Group objective proposals by wording (greedy single pass, Jaccard of content words
    against each cluster's words so far); the first proposal of a cluster names it."""
    groups: list[tuple[str, str, list[str], set[str]]] = []
    for p in store.proposals(workshop["id"], "objective"):
        words = set(content_words(p["text"]))
        best = max(groups, key=lambda g: jaccard(frozenset(g[3]), frozenset(words)),
                   default=None)
        if best is not None and jaccard(frozenset(best[3]), frozenset(words)) >= \
                CLUSTER_SIMILARITY:
            best[2].append(p["id"])
            best[3].update(words)
        else:
            groups.append((f"c-{p['id'][3:]}", p["text"], [p["id"]], words))
    before = _cluster_members(store, workshop["id"])
    home = {pid: cid for cid, _label, members, _words in groups for pid in members}
    # Each old cluster's dots follow its proposals: to the new group holding most of them
    moved = {old: max(members, key=lambda pid: sum(home[m] == home[pid] for m in members))
             for old, members in before.items() if members}
    moved = {old: home[pid] for old, pid in moved.items()}
    shifted = _replace_clusters(store, workshop["id"], [(cid, label, members)
                                                        for cid, label, members, _ in groups],
                                moved)
    store.add_decision(workshop["id"], "cluster", f"clustered into {len(groups)} groups"
                       + (f"; {shifted} dot(s) moved with their proposals" if shifted else ""))
    return store.clusters(workshop["id"])


def merge(store: SQLiteStore, workshop: dict[str, Any], into: str, other: str) -> None:
    clusters = _cluster_members(store, workshop["id"])
    if into not in clusters or other not in clusters or into == other:
        raise WorkshopError("merge needs two different clusters of this workshop")
    labels = {c["id"]: c["label"] for c in store.clusters(workshop["id"])}
    clusters[into] += clusters.pop(other)
    shifted = _replace_clusters(store, workshop["id"], [(cid, labels[cid], members)
                                                        for cid, members in clusters.items()],
                                {other: into})  # its dots go with it, none is lost
    store.add_decision(workshop["id"], "cluster", f"merged '{labels[other]}' into "
                                                  f"'{labels[into]}'"
                       + (f" with its {shifted} dot(s)" if shifted else ""))


def split(store: SQLiteStore, workshop: dict[str, Any], proposal_id: str) -> None:
    clusters = _cluster_members(store, workshop["id"])
    home = next((cid for cid, members in clusters.items() if proposal_id in members), None)
    if home is None or len(clusters[home]) < 2:
        raise WorkshopError("split needs a proposal that shares its cluster with others")
    labels = {c["id"]: c["label"] for c in store.clusters(workshop["id"])}
    clusters[home].remove(proposal_id)
    text = next(p["text"] for p in store.proposals(workshop["id"], "objective")
                if p["id"] == proposal_id)
    new = _id("c")  # a fresh id: the proposal may have founded (and named) its old cluster
    clusters[new] = [proposal_id]
    labels[new] = text
    _replace_clusters(store, workshop["id"], [(cid, labels[cid], members)
                                              for cid, members in clusters.items()], {})
    store.add_decision(workshop["id"], "cluster", f"split '{text}' into its own cluster")


def _replace_clusters(store: SQLiteStore, workshop_id: str,
                      clusters: list[tuple[str, str, list[str]]], moved: dict[str, str]) -> int:
    try:
        return store.replace_clusters(workshop_id, clusters, moved)
    except ConflictError as err:  # nothing is written: the dots stay where they were
        raise WorkshopError(str(err), 409) from None


def _cluster_members(store: SQLiteStore, workshop_id: str) -> dict[str, list[str]]:
    members: dict[str, list[str]] = {c["id"]: [] for c in store.clusters(workshop_id)}
    for p in store.proposals(workshop_id, "objective"):
        if p["cluster_id"] in members:
            members[p["cluster_id"]].append(p["id"])
    return members


def remove_proposal(store: SQLiteStore, workshop: dict[str, Any], proposal_id: str) -> None:
    """The facilitator takes a proposal off the board (a troll entry, a duplicate by mistake):
    kept in the database, marked removed, out of clusters, votes and the export; the
    decision log says so."""
    removed = store.remove_proposal(workshop["id"], proposal_id)
    if removed is None:
        raise WorkshopError("no such proposal in this workshop", 404)
    text, returned = removed
    store.add_decision(workshop["id"], step_key(workshop), f"removed the proposal '{text}'"
                       + (f"; its cluster's {returned} dot(s) went back to their voters"
                          if returned else ""))


def converge(store: SQLiteStore, workshop: dict[str, Any], keep: int | None = None,
             texts: dict[str, str] | None = None, chosen: list[str] | None = None,
             ) -> tuple[list[dict[str, Any]], list[str]]:
    """Keep the clusters the facilitator chose (in that order), or the top ``keep`` by
    votes, as objectives; warnings when past the limit or when a kept wording is flagged."""
    clusters = store.clusters(workshop["id"])
    if chosen:
        by_id = {c["id"]: c for c in clusters}
        unknown = [cid for cid in chosen if cid not in by_id]
        if unknown:
            raise WorkshopError("no such cluster in this workshop: " + ", ".join(unknown[:3]))
        if len(set(chosen)) != len(chosen):
            raise WorkshopError("keep each cluster at most once")
        ranked = [by_id[cid] for cid in chosen]
        keep = len(ranked)
    else:
        keep = keep or workshop["max_objectives"]
        ranked = sorted(clusters, key=lambda c: -c["votes"])
    warnings = []
    if keep > workshop["max_objectives"]:
        warnings.append(f"{keep} objectives is more than the {workshop['max_objectives']} "
                        "agreed; focus wins cycles")
    rows = [{"id": _id("o"), "workshop_id": workshop["id"], "cluster_id": c["id"],
             "text": (texts or {}).get(c["id"], c["label"]), "rank": rank, "owner": None,
             "created": time.time()} for rank, c in enumerate(ranked[:keep], start=1)]
    store.replace_objectives(workshop["id"], rows)
    store.add_decision(workshop["id"], "converge", "kept: " + "; ".join(
        f"{r['text']} ({c['votes']} dots)" for r, c in zip(rows, ranked, strict=False)))
    for row in rows:  # a project or a metric kept as an objective: reword it before Commit
        flagged = [f.code for f in feedback("objective", row["text"])]
        if flagged:
            warnings.append(f"'{row['text']}': {', '.join(flagged)}; reword it")
    return store.objectives(workshop["id"]), warnings


def reword(store: SQLiteStore, workshop: dict[str, Any], objective_id: str,
           text: str) -> list[dict[str, str]]:
    """Give a kept objective new wording; the rubric's feedback on it, for the board."""
    text = text.strip()
    old = next((o["text"] for o in store.objectives(workshop["id"]) if o["id"] == objective_id),
               None)
    if old is None or not store.set_objective_text(workshop["id"], objective_id, text):
        raise WorkshopError("no such objective", 404)
    store.add_decision(workshop["id"], step_key(workshop), f"reworded '{old}' as '{text}'")
    return [{"code": f.code, "message": f.message, "suggestion": f.suggestion}
            for f in feedback("objective", text)]


async def draft_krs(store: SQLiteStore, workshop: dict[str, Any], objective_id: str,
                    provider: Any) -> list[dict[str, Any]]:
    """Ask the drafting service for Key Results for a chosen objective, as proposals."""
    from assistant.services.drafting import draft

    objective = next((o for o in store.objectives(workshop["id"]) if o["id"] == objective_id),
                     None)
    if objective is None:
        raise WorkshopError("no such objective", 404)
    ctx = workshop["context"]
    context = Context(team=workshop["team"], cycle=workshop["cycle"],
                      baselines=dict(ctx.get("baselines", {})), kpis=list(ctx.get("kpis", [])),
                      notes=ctx.get("strategy"))
    result = await draft(objective["text"], context, provider)
    added = []
    for kr in result.key_results:
        row = {"id": _id("pr"), "workshop_id": workshop["id"], "participant_id": None,
               "kind": "key_result", "objective_id": objective_id, "text": kr.text,
               "created": time.time(), "source": "drafted"}
        store.add_proposal(row, MAX_PROPOSALS)
        added.append(row)
    return added


def export(store: SQLiteStore, workshop: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The final set as Markdown (accepted Key Results only) and JSON with a session summary."""
    wid = workshop["id"]
    objectives = store.objectives(wid)
    krs = [p for p in store.proposals(wid, "key_result") if p["accepted"]]
    title = " — ".join(x for x in (workshop["team"], workshop["cycle"]) if x) or "OKRs"
    lines = [f"# {title}", ""]
    okrs = []
    for o in objectives:
        mine = [k["text"] for k in krs if k["objective_id"] == o["id"]]
        lines.append(f"## Objective: {o['text']}")
        if o["owner"]:
            lines.append(f"Owner: {o['owner']}")
        lines += [f"- {text}" for text in mine]
        lines.append("")
        okrs.append({"objective": o["text"], "owner": o["owner"], "key_results": mine})
    markdown = "\n".join(lines)
    proposals = store.proposals(wid, "objective")
    result = critique(OKRSet(team=workshop["team"], cycle=workshop["cycle"], objectives=[
        Objective(text=o["objective"], key_results=[KeyResult(text=t, parsed=parse_kr(t))
                                                     for t in o["key_results"]])
        for o in okrs]))
    summary = {
        "participants": len(store.participants(wid)),
        "proposals": len(proposals) + len(store.proposals(wid, "key_result")),
        "clusters": store.clusters(wid),
        "votes": store.vote_count(wid),
        "decisions": [d["text"] for d in store.decisions(wid)],
        "check_in": store.value(wid, "check_in"),
        "open_questions": [f"{f.code} {f.message}: {f.excerpt}" for f in result.findings],
        "score": result.score,
    }
    data = {"team": workshop["team"], "cycle": workshop["cycle"], "objectives": okrs,
            "summary": summary}
    return markdown, json.loads(json.dumps(data))
