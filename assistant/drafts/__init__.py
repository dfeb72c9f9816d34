"""Drafts: the types of a drafted OKR, the deterministic offline drafter, grounding checks.

Pure code (no I/O, no network): providers and services build on it.
"""
