"""Dot voting: only in the Vote step, a dot can be taken back, and the counts stay hidden
from participants until the facilitator reveals them (people vote for what they think, not
for what is already ahead)."""

from __future__ import annotations

from typing import Any

from assistant.workshop.errors import WorkshopError
from assistant.workshop.service import step_key
from assistant.workshop.store import ConflictError, LimitError, SQLiteStore


def votes_hidden(store: SQLiteStore, workshop: dict[str, Any]) -> bool:
    """During the Vote step the dot counts are hidden until the facilitator reveals them:
    people vote for what they think, not for what is already ahead."""
    return step_key(workshop) == "vote" and store.value(workshop["id"], "votes_revealed") != "1"


def reveal_votes(store: SQLiteStore, workshop: dict[str, Any]) -> None:
    store.set_value(workshop["id"], "votes_revealed", "1")
    store.add_decision(workshop["id"], step_key(workshop),
                       f"revealed the dots ({store.vote_count(workshop['id'])} placed by "
                       f"{len(store.voters(workshop['id']))} people)")


def _voting_open(workshop: dict[str, Any]) -> None:
    if step_key(workshop) != "vote":
        raise WorkshopError("dots are placed in the Vote step only; the facilitator opens it",
                            409)


def vote(store: SQLiteStore, workshop: dict[str, Any], participant: dict[str, Any],
         cluster_id: str) -> int:
    _voting_open(workshop)
    try:
        return store.add_vote(workshop["id"], participant["id"], cluster_id, workshop["dots"])
    except ConflictError as err:
        raise WorkshopError(str(err), 404) from None
    except LimitError as err:
        raise WorkshopError(str(err), 429) from None


def unvote(store: SQLiteStore, workshop: dict[str, Any], participant: dict[str, Any],
           cluster_id: str) -> int:
    """Take back one of the participant's own dots from a cluster; the dots left."""
    _voting_open(workshop)
    if not store.remove_vote(workshop["id"], participant["id"], cluster_id):
        raise WorkshopError("you have no dot on that cluster", 404)
    return workshop["dots"] - store.dots_used(participant["id"])


def dots_left(store: SQLiteStore, workshop: dict[str, Any], participant: dict[str, Any]) -> int:
    return workshop["dots"] - store.dots_used(participant["id"])
