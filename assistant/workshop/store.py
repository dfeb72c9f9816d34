"""Workshop storage: SQLite (WAL, one file), behind a small interface PostgreSQL could implement.

Every write is one short ``BEGIN IMMEDIATE`` transaction, so an accepted proposal or vote is on
disk before the API answers (``synchronous=FULL``): a server killed mid-session loses nothing
it acknowledged. Limits (proposals per participant, dots per participant) are checked inside
the same transaction as the write, so concurrent requests cannot overrun them. A connection is
opened per operation: SQLite connections are cheap, and this keeps threads from sharing one.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("001_initial", """
    CREATE TABLE workshops (
        id TEXT PRIMARY KEY, team TEXT, cycle TEXT, duration_min INTEGER NOT NULL,
        context TEXT NOT NULL, max_objectives INTEGER NOT NULL, dots INTEGER NOT NULL,
        step INTEGER NOT NULL DEFAULT 0, step_started REAL NOT NULL,
        facilitator_hash TEXT NOT NULL, join_code TEXT NOT NULL UNIQUE, created REAL NOT NULL);
    CREATE TABLE participants (
        id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL REFERENCES workshops(id),
        name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, joined REAL NOT NULL,
        UNIQUE (workshop_id, name));
    CREATE TABLE proposals (
        id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL REFERENCES workshops(id),
        participant_id TEXT REFERENCES participants(id), kind TEXT NOT NULL,
        objective_id TEXT, text TEXT NOT NULL, cluster_id TEXT, accepted INTEGER NOT NULL
        DEFAULT 0, source TEXT NOT NULL DEFAULT 'participant', created REAL NOT NULL);
    CREATE INDEX proposals_by_workshop ON proposals (workshop_id, kind);
    CREATE TABLE clusters (
        id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL REFERENCES workshops(id),
        label TEXT NOT NULL, created REAL NOT NULL);
    CREATE TABLE votes (
        id INTEGER PRIMARY KEY AUTOINCREMENT, workshop_id TEXT NOT NULL,
        participant_id TEXT NOT NULL REFERENCES participants(id),
        cluster_id TEXT NOT NULL REFERENCES clusters(id), created REAL NOT NULL);
    CREATE TABLE objectives (
        id TEXT PRIMARY KEY, workshop_id TEXT NOT NULL REFERENCES workshops(id),
        cluster_id TEXT, text TEXT NOT NULL, rank INTEGER NOT NULL, owner TEXT,
        created REAL NOT NULL);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT, workshop_id TEXT NOT NULL, step TEXT NOT NULL,
        text TEXT NOT NULL, created REAL NOT NULL);
    CREATE TABLE settings_kv (workshop_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT,
        PRIMARY KEY (workshop_id, key));
    """),
    # A proposal the facilitator removes (a troll entry) is kept, marked, out of every list
    ("002_removed_proposals", """
    ALTER TABLE proposals ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
    """),
)


class LimitError(ValueError):
    """A write refused because it would pass a limit (proposals, dots, participants)."""


class ConflictError(ValueError):
    """A write refused because it clashes with what is stored (a name already taken)."""


class SQLiteStore:
    def __init__(self, path: str) -> None:
        self.path = path
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with self._connect() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, "
                       "applied REAL NOT NULL)")
            done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
            for name, sql in MIGRATIONS:
                if name not in done:
                    db.executescript(f"BEGIN; {sql} INSERT INTO _migrations VALUES "
                                     f"('{name}', {time.time()}); COMMIT;")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA synchronous=FULL")
        try:
            yield db
        finally:
            db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._connect() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    # --- workshops -------------------------------------------------------------------------

    def create_workshop(self, row: dict[str, Any], per_day: int) -> None:
        """Store a new workshop, unless ``per_day`` were created in the last 24 hours (checked
        in the same transaction)."""
        with self._write() as db:
            (recent,) = db.execute("SELECT COUNT(*) FROM workshops WHERE created > ?",
                                   (row["created"] - 86_400,)).fetchone()
            if recent >= per_day:
                raise LimitError(f"{per_day} workshops were created in the last 24 hours, "
                                 "this server's limit; try again later")
            db.execute(
                "INSERT INTO workshops (id, team, cycle, duration_min, context, max_objectives,"
                " dots, step, step_started, facilitator_hash, join_code, created) VALUES "
                "(:id, :team, :cycle, :duration_min, :context, :max_objectives, :dots, 0, "
                ":created, :facilitator_hash, :join_code, :created)",
                {**row, "context": json.dumps(row["context"])})

    def workshop(self, workshop_id: str) -> dict[str, Any] | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM workshops WHERE id = ?", (workshop_id,)).fetchone()
        return _workshop(row)

    def workshop_by_code(self, code: str) -> dict[str, Any] | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM workshops WHERE join_code = ?", (code,)).fetchone()
        return _workshop(row)

    def set_step(self, workshop_id: str, step: int) -> None:
        with self._write() as db:
            db.execute("UPDATE workshops SET step = ?, step_started = ? WHERE id = ?",
                       (step, time.time(), workshop_id))

    # --- participants ----------------------------------------------------------------------

    def add_participant(self, row: dict[str, Any], limit: int) -> None:
        with self._write() as db:
            (count,) = db.execute("SELECT COUNT(*) FROM participants WHERE workshop_id = ?",
                                  (row["workshop_id"],)).fetchone()
            if count >= limit:
                raise LimitError(f"this workshop is full ({limit} participants)")
            try:
                db.execute("INSERT INTO participants VALUES (:id, :workshop_id, :name, "
                           ":token_hash, :joined)", row)
            except sqlite3.IntegrityError:
                raise ConflictError(f"the name {row['name']!r} is taken in this workshop; "
                                    "pick another") from None

    def participant_by_token(self, workshop_id: str, token_hash: str) -> dict[str, Any] | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM participants WHERE workshop_id = ? AND "
                             "token_hash = ?", (workshop_id, token_hash)).fetchone()
        return dict(row) if row else None

    def participants(self, workshop_id: str) -> list[dict[str, Any]]:
        with self._connect() as db:
            rows = db.execute("SELECT id, name, joined FROM participants WHERE workshop_id = ? "
                              "ORDER BY joined", (workshop_id,)).fetchall()
        return [dict(r) for r in rows]

    # --- proposals -------------------------------------------------------------------------

    def add_proposal(self, row: dict[str, Any], limit: int) -> None:
        with self._write() as db:
            if row.get("participant_id"):
                (count,) = db.execute(
                    "SELECT COUNT(*) FROM proposals WHERE participant_id = ?",
                    (row["participant_id"],)).fetchone()
                if count >= limit:
                    raise LimitError(f"you have made {limit} proposals, the limit")
            db.execute(
                "INSERT INTO proposals (id, workshop_id, participant_id, kind, objective_id, "
                "text, cluster_id, accepted, source, created) VALUES (:id, :workshop_id, "
                ":participant_id, :kind, :objective_id, :text, NULL, :accepted, :source, "
                ":created)", {"accepted": 0, "source": "participant", **row})

    def proposals(self, workshop_id: str, kind: str | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT p.*, pa.name AS author FROM proposals p LEFT JOIN participants pa "
               "ON pa.id = p.participant_id WHERE p.workshop_id = ? AND p.removed = 0")
        args: tuple[Any, ...] = (workshop_id,)
        if kind:
            sql += " AND p.kind = ?"
            args += (kind,)
        with self._connect() as db:
            rows = db.execute(sql + " ORDER BY p.created, p.id", args).fetchall()
        return [dict(r) for r in rows]

    def set_proposal_text(self, workshop_id: str, proposal_id: str, text: str) -> None:
        with self._write() as db:
            db.execute("UPDATE proposals SET text = ? WHERE id = ? AND workshop_id = ?",
                       (text, proposal_id, workshop_id))

    def remove_proposal(self, workshop_id: str, proposal_id: str) -> tuple[str, int] | None:
        """Mark a proposal removed and take it out of its cluster, in one transaction; a
        cluster it leaves empty goes, and its dots with it (returned to their voters, who
        placed them on what was removed). (text, dots returned), or None when there is no
        such proposal in the workshop."""
        with self._write() as db:
            row = db.execute("SELECT text, cluster_id FROM proposals WHERE id = ? AND "
                             "workshop_id = ? AND removed = 0",
                             (proposal_id, workshop_id)).fetchone()
            if row is None:
                return None
            text, cluster_id = row
            db.execute("UPDATE proposals SET removed = 1, cluster_id = NULL WHERE id = ?",
                       (proposal_id,))
            returned = 0
            if cluster_id is not None and not db.execute(
                    "SELECT 1 FROM proposals WHERE cluster_id = ? AND removed = 0",
                    (cluster_id,)).fetchone():
                returned = db.execute("DELETE FROM votes WHERE cluster_id = ?",
                                      (cluster_id,)).rowcount
                db.execute("DELETE FROM clusters WHERE id = ?", (cluster_id,))
        return str(text), returned

    def set_accepted(self, workshop_id: str, proposal_id: str, accepted: bool) -> bool:
        with self._write() as db:
            cursor = db.execute("UPDATE proposals SET accepted = ? WHERE id = ? AND "
                                "workshop_id = ? AND kind = 'key_result'",
                                (int(accepted), proposal_id, workshop_id))
        return cursor.rowcount == 1

    # --- clusters and votes ----------------------------------------------------------------

    def replace_clusters(self, workshop_id: str, clusters: list[tuple[str, str, list[str]]],
                         moved: dict[str, str] | None = None) -> int:
        """Store clusters (id, label, proposal ids). The dots on a cluster that vanishes move
        to the one ``moved`` names for it (where its proposals went), in the same
        transaction; returns how many dots were moved. A vanishing cluster with no successor
        must have no dots (the service checks), so no vote is ever dropped here."""
        now = time.time()
        moved = moved or {}
        shifted = 0
        with self._write() as db:
            keep = {cid for cid, _, _ in clusters}
            old = {r[0] for r in db.execute("SELECT id FROM clusters WHERE workshop_id = ?",
                                            (workshop_id,))}
            for cid, label, _members in clusters:  # successors exist before dots move in
                db.execute("INSERT INTO clusters VALUES (?, ?, ?, ?) ON CONFLICT(id) DO "
                           "UPDATE SET label = excluded.label", (cid, workshop_id, label, now))
            for gone in old - keep:
                successor = moved.get(gone)
                if successor in keep:
                    shifted += db.execute("UPDATE votes SET cluster_id = ? WHERE cluster_id = ?",
                                          (successor, gone)).rowcount
                elif db.execute("SELECT 1 FROM votes WHERE cluster_id = ?", (gone,)).fetchone():
                    raise ConflictError("a cluster with dots on it would vanish with nowhere "
                                        "for its dots to go")
                db.execute("DELETE FROM clusters WHERE id = ?", (gone,))
            db.execute("UPDATE proposals SET cluster_id = NULL WHERE workshop_id = ?",
                       (workshop_id,))
            for cid, _label, members in clusters:
                db.executemany("UPDATE proposals SET cluster_id = ? WHERE id = ? AND "
                               "workshop_id = ?", [(cid, pid, workshop_id) for pid in members])
        return shifted

    def clusters(self, workshop_id: str) -> list[dict[str, Any]]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT c.id, c.label, (SELECT COUNT(*) FROM votes v WHERE v.cluster_id = c.id)"
                " AS votes FROM clusters c WHERE c.workshop_id = ? ORDER BY c.created, c.id",
                (workshop_id,)).fetchall()
        return [dict(r) for r in rows]

    def add_vote(self, workshop_id: str, participant_id: str, cluster_id: str,
                 dots: int) -> int:
        """Record one dot; returns the dots this participant has left."""
        with self._write() as db:
            if not db.execute("SELECT 1 FROM clusters WHERE id = ? AND workshop_id = ?",
                              (cluster_id, workshop_id)).fetchone():
                raise ConflictError("no such cluster in this workshop")
            (used,) = db.execute("SELECT COUNT(*) FROM votes WHERE participant_id = ?",
                                 (participant_id,)).fetchone()
            if used >= dots:
                raise LimitError(f"you have used all {dots} dots")
            db.execute("INSERT INTO votes (workshop_id, participant_id, cluster_id, created) "
                       "VALUES (?, ?, ?, ?)", (workshop_id, participant_id, cluster_id,
                                               time.time()))
        return dots - used - 1

    def remove_vote(self, workshop_id: str, participant_id: str, cluster_id: str) -> bool:
        """Take back one of the participant's dots on ``cluster_id``; False when none."""
        with self._write() as db:
            row = db.execute("SELECT id FROM votes WHERE workshop_id = ? AND participant_id = ?"
                             " AND cluster_id = ? ORDER BY id DESC LIMIT 1",
                             (workshop_id, participant_id, cluster_id)).fetchone()
            if row is None:
                return False
            db.execute("DELETE FROM votes WHERE id = ?", (row[0],))
        return True

    def dots_by_cluster(self, participant_id: str) -> dict[str, int]:
        with self._connect() as db:
            rows = db.execute("SELECT cluster_id, COUNT(*) FROM votes WHERE participant_id = ?"
                              " GROUP BY cluster_id", (participant_id,)).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    def dots_used(self, participant_id: str) -> int:
        with self._connect() as db:
            (n,) = db.execute("SELECT COUNT(*) FROM votes WHERE participant_id = ?",
                              (participant_id,)).fetchone()
        return int(n)

    def voters(self, workshop_id: str) -> list[str]:
        """The names of the participants who have placed at least one dot."""
        with self._connect() as db:
            rows = db.execute("SELECT DISTINCT pa.name FROM votes v JOIN participants pa ON "
                              "pa.id = v.participant_id WHERE v.workshop_id = ? ORDER BY "
                              "pa.name", (workshop_id,)).fetchall()
        return [str(r[0]) for r in rows]

    def vote_count(self, workshop_id: str) -> int:
        with self._connect() as db:
            (n,) = db.execute("SELECT COUNT(*) FROM votes WHERE workshop_id = ?",
                              (workshop_id,)).fetchone()
        return int(n)

    # --- objectives and decisions ----------------------------------------------------------

    def replace_objectives(self, workshop_id: str, rows: list[dict[str, Any]]) -> None:
        with self._write() as db:
            db.execute("DELETE FROM objectives WHERE workshop_id = ?", (workshop_id,))
            db.executemany("INSERT INTO objectives VALUES (:id, :workshop_id, :cluster_id, "
                           ":text, :rank, :owner, :created)", rows)

    def objectives(self, workshop_id: str) -> list[dict[str, Any]]:
        with self._connect() as db:
            rows = db.execute("SELECT * FROM objectives WHERE workshop_id = ? ORDER BY rank",
                              (workshop_id,)).fetchall()
        return [dict(r) for r in rows]

    def set_objective_text(self, workshop_id: str, objective_id: str, text: str) -> bool:
        with self._write() as db:
            cursor = db.execute("UPDATE objectives SET text = ? WHERE id = ? AND "
                                "workshop_id = ?", (text, objective_id, workshop_id))
        return cursor.rowcount == 1

    def set_owner(self, workshop_id: str, objective_id: str, owner: str) -> bool:
        with self._write() as db:
            cursor = db.execute("UPDATE objectives SET owner = ? WHERE id = ? AND "
                                "workshop_id = ?", (owner, objective_id, workshop_id))
        return cursor.rowcount == 1

    def add_decision(self, workshop_id: str, step: str, text: str) -> None:
        with self._write() as db:
            db.execute("INSERT INTO decisions (workshop_id, step, text, created) VALUES "
                       "(?, ?, ?, ?)", (workshop_id, step, text, time.time()))

    def decisions(self, workshop_id: str) -> list[dict[str, Any]]:
        with self._connect() as db:
            rows = db.execute("SELECT step, text, created FROM decisions WHERE workshop_id = ?"
                              " ORDER BY id", (workshop_id,)).fetchall()
        return [dict(r) for r in rows]

    def set_value(self, workshop_id: str, key: str, value: str) -> None:
        with self._write() as db:
            db.execute("INSERT INTO settings_kv VALUES (?, ?, ?) ON CONFLICT(workshop_id, key) "
                       "DO UPDATE SET value = excluded.value", (workshop_id, key, value))

    def value(self, workshop_id: str, key: str) -> str | None:
        with self._connect() as db:
            row = db.execute("SELECT value FROM settings_kv WHERE workshop_id = ? AND key = ?",
                             (workshop_id, key)).fetchone()
        return row[0] if row else None


def _workshop(row: sqlite3.Row | None) -> dict[str, Any] | None:
    if row is None:
        return None
    data = dict(row)
    data["context"] = json.loads(data["context"])
    return data
