"""The workshop helper: run an OKR-setting session (agenda, proposals, clusters, votes,
Key Results, export) on top of the rubric and the drafting service, stored in SQLite."""
