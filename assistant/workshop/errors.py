"""The one error the workshop's use cases raise."""

from __future__ import annotations


class WorkshopError(Exception):
    """A refused action; ``status`` is the HTTP status the API answers with."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status
