"""The one retry policy for model calls (tenacity); the openai client's own retries are off.

Retried: timeouts, connection errors, 408, 409, 429 and 5xx. A 429 (or 503) that says how
long to wait (``retry-after-ms`` or ``Retry-After``, seconds or an HTTP date) is waited for, up
to ``retry_after_cap_s``; a longer wait is not retried but reported to the caller with the
delay. Otherwise: exponential backoff from ``base`` doubling to 8 s, with jitter. Never
retried: other 4xx (a bad request stays bad). The whole call also has an overall deadline.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

import openai
import tenacity

RETRY_STATUSES = frozenset({408, 409, 429})


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait, if it said."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    if "retry-after-ms" in headers:
        try:
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        except ValueError:
            return None
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def rejects_response_format(exc: BaseException) -> bool:
    """A server refusing our structured-output mode: deterministic, so never retried.
    (llama.cpp's server answers a json_schema request with a 500 that names it.)"""
    if not isinstance(exc, openai.APIStatusError):
        return False
    try:
        body = exc.response.text
    except Exception:  # a streamed or closed body: the message is enough
        body = ""
    return "response_format" in f"{exc.message} {body}".lower()


def is_retryable(exc: BaseException, cap: float) -> bool:
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    if rejects_response_format(exc):
        return False
    if isinstance(exc, openai.APIStatusError) and (
        exc.status_code in RETRY_STATUSES or exc.status_code >= 500
    ):
        wait = retry_after(exc)
        return wait is None or wait <= cap
    return False


class _Wait(tenacity.wait.wait_base):
    def __init__(self, base: float, cap: float) -> None:
        self.base = base
        self.cap = cap

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        asked = retry_after(exc) if exc is not None else None
        if asked is not None:
            return min(asked, self.cap)
        backoff = min(8.0, self.base * 2 ** (retry_state.attempt_number - 1))
        return backoff * (1 + 0.25 * random.random())


def retrying(*, attempts: int, deadline: float, base: float, cap: float,
             sleep: Callable[[float], Awaitable[Any]] | None = None) -> tenacity.AsyncRetrying:
    kwargs: dict[str, Any] = {}
    if sleep is not None:
        kwargs["sleep"] = sleep
    return tenacity.AsyncRetrying(
        stop=tenacity.stop_after_attempt(attempts) | tenacity.stop_after_delay(deadline),
        retry=tenacity.retry_if_exception(lambda e: is_retryable(e, cap)),
        wait=_Wait(base, cap),
        reraise=True,
        **kwargs,
    )
