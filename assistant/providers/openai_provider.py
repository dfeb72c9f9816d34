"""The OpenAI-compatible provider: OpenAI, Azure, vLLM, Ollama, LM Studio, llama.cpp server.

* The official async client with ``max_retries=0``: ``providers/retry.py`` is the one retry
  layer, with an overall deadline per call.
* Structured output is negotiated: JSON schema first; a server that rejects it (llama.cpp
  does) gets ``json_object``, then plain instructions, and the provider remembers what worked.
* A reply that is not JSON, or breaks the draft's shape, is re-asked with the error appended
  (bounded by ``reasks``); if it still fails the error keeps the last reply.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from typing import Any

import openai
from pydantic import TypeAdapter, ValidationError

from assistant.drafts.normalise import normalise_reply
from assistant.drafts.types import Context, DraftBody
from assistant.model import Finding
from assistant.prompts import Prompt, render
from assistant.providers.base import Judgement, JudgementBody, ProviderError, Reply
from assistant.providers.retry import rejects_response_format, retry_after, retrying
from assistant.settings import Settings

MAX_REPLY_CHARS = 200_000  # a draft is a few KB; a 20 MB reply is a fault, not a draft
MAX_KEY_RESULTS = 20
MAX_RAW_KEPT = 20_000  # of a failed reply, for the error and the eval report

_BODY = TypeAdapter(DraftBody)
_JUDGEMENT = TypeAdapter(JudgementBody)
_MODES = ("json_schema", "json_object", "none")

# What a model must return; kept by hand (not generated) so the contract is readable here.
DRAFT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["objective", "key_results", "notes"],
    "properties": {
        "objective": {"type": "string"},
        "notes": {"type": "array", "items": {"type": "string"}},
        "key_results": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["text", "metric", "direction", "baseline", "target", "deadline"],
                "properties": {
                    "text": {"type": "string"},
                    "metric": {"type": "string"},
                    "direction": {"enum": ["increase", "decrease"]},
                    "baseline": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["value", "source", "how_to_measure"],
                        "properties": {
                            "value": {"type": ["string", "null"]},
                            "source": {"enum": ["given", "unknown"]},
                            "how_to_measure": {"type": ["string", "null"]},
                        },
                    },
                    "target": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["value", "source", "reason"],
                        "properties": {
                            "value": {"type": "string"},
                            "source": {"enum": ["given", "proposed"]},
                            "reason": {"type": ["string", "null"]},
                        },
                    },
                    "deadline": {"type": ["string", "null"]},
                },
            },
        },
    },
}


JUDGEMENT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["key_results", "balance"],
    "properties": {
        "key_results": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["index", "moves_objective", "reason"],
            "properties": {"index": {"type": "integer"}, "moves_objective": {"type": "boolean"},
                           "reason": {"type": "string"}}}},
        "balance": {"type": "object", "additionalProperties": False,
                    "required": ["leading", "lagging", "comment"],
                    "properties": {"leading": {"type": "integer"},
                                   "lagging": {"type": "integer"},
                                   "comment": {"type": "string"}}},
    },
}


def _short(err: Exception) -> str:
    if isinstance(err, ValidationError):
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return f"{where}: {first['msg']} ({err.error_count()} problem(s))"
    return str(err)


class OpenAIProvider:
    name = "openai"

    def __init__(self, settings: Settings, *, client: openai.AsyncOpenAI | None = None,
                 sleep: Callable[[float], Awaitable[Any]] | None = None,
                 backoff_base: float = 0.5) -> None:
        self.settings = settings
        self.model = settings.model
        self._client = client
        self._sleep = sleep  # tests pass a recorder instead of really sleeping
        self._backoff_base = backoff_base
        self._mode_index = _MODES.index(settings.structured_output)

    @property
    def client(self) -> openai.AsyncOpenAI:
        if self._client is None:
            try:
                key = self.settings.key_for_model()
            except ValueError as err:
                raise ProviderError(str(err), status=503) from None
            self._client = openai.AsyncOpenAI(
                api_key=key, base_url=self.settings.base_url,
                timeout=self.settings.timeout_s, max_retries=0,
            )
        return self._client

    async def aclose(self) -> None:
        """Close the HTTP connections (the client is built on first use)."""
        if self._client is not None:
            await self._client.close()
            self._client = None

    async def draft(self, goal: str, context: Context) -> Reply:
        prompt = render("draft", goal=goal, context=context)
        body, raw, usage, attempts = await self._ask(prompt, _BODY, DRAFT_SCHEMA, "okr_draft")
        return Reply(body=body, raw=raw, model=self.model, prompt_version=prompt.version,
                     prompt_hash=prompt.sha256, usage=usage, attempts=attempts)

    async def judge(self, objective: str, key_results: list[str]) -> Judgement:
        prompt = render("critique", objective=objective, key_results=key_results)
        body, raw, _usage, _attempts = await self._ask(prompt, _JUDGEMENT, JUDGEMENT_SCHEMA,
                                                       "okr_judgement")
        return Judgement(body=body, raw=raw, model=self.model, prompt_version=prompt.version,
                         prompt_hash=prompt.sha256)

    async def repair(self, goal: str, context: Context, body: DraftBody,
                     findings: list[Finding]) -> Reply:
        prompt = render("repair", goal=goal, context=context,
                        draft_json=json.dumps(asdict(body), ensure_ascii=False),
                        findings=findings)
        repaired, raw, usage, attempts = await self._ask(prompt, _BODY, DRAFT_SCHEMA,
                                                         "okr_draft")
        return Reply(body=repaired, raw=raw, model=self.model, prompt_version=prompt.version,
                     prompt_hash=prompt.sha256, usage=usage, attempts=attempts)

    async def _ask(self, prompt: Prompt, adapter: TypeAdapter[Any], schema: dict[str, Any],
                   schema_name: str) -> tuple[Any, str, dict[str, int], int]:
        """Ask, validate, re-ask with the error; (value, raw reply, usage, attempts)."""
        messages: list[dict[str, str]] = [{"role": "system", "content": prompt.system},
                                          {"role": "user", "content": prompt.user}]
        content = ""
        usage: dict[str, int] = {}
        for attempt in range(self.settings.reasks + 1):
            content, call_usage = await self._complete(messages, schema, schema_name)
            for key, value in call_usage.items():
                usage[key] = usage.get(key, 0) + value
            try:
                data = json.loads(_strip_fences(content))
                # a lone surrogate ("\\ud800") decodes, then fails every writer downstream
                json.dumps(data, ensure_ascii=False).encode("utf-8")
                if adapter is _BODY:
                    data = normalise_reply(data)
                value = adapter.validate_python(data)
                if adapter is _BODY and len(value.key_results) > MAX_KEY_RESULTS:
                    raise ValueError(f"{len(value.key_results)} Key Results; at most "
                                     f"{MAX_KEY_RESULTS} are read")
                return value, content, usage, attempt + 1
            except (ValueError, RecursionError, UnicodeError) as err:
                # (JSONDecodeError, ValidationError and a 5,000-digit integer are ValueErrors;
                # nesting deeper than the parser's stack is a RecursionError)
                problem = _short(err) if not isinstance(err, RecursionError) else \
                    "nested too deeply to read"
                messages += [
                    {"role": "assistant", "content": content},
                    {"role": "user", "content": f"That reply is not valid: {problem}. Reply "
                                                "again with JSON only, in the required shape."},
                ]
        raise ProviderError(
            f"the reply of the model {self.model!r} is not valid after "
            f"{self.settings.reasks + 1} attempt(s): {problem}", status=502,
            raw=content[:MAX_RAW_KEPT])

    async def _complete(self, messages: list[dict[str, str]], schema: dict[str, Any],
                        schema_name: str) -> tuple[str, dict[str, int]]:
        """One chat completion with retries, the deadline, and structured-output fallback."""
        while True:
            mode = _MODES[self._mode_index]
            try:
                call = self._with_retries(messages, mode, schema, schema_name)
                response = await asyncio.wait_for(call, timeout=self.settings.deadline_s)
            except openai.APIStatusError as err:
                if mode != "none" and rejects_response_format(err):
                    self._mode_index += 1  # this server rejects that mode: use the next one
                    continue
                if isinstance(err, openai.BadRequestError):
                    raise ProviderError("the model endpoint rejected the request: "
                                        f"{err.message}", status=502) from None
                raise _as_provider_error(err) from None
            except (openai.APIConnectionError, TimeoutError) as err:
                raise _as_provider_error(err) from None
            return self._reply_of(response)

    def _reply_of(self, response: Any) -> tuple[str, dict[str, int]]:
        """The reply's text and token counts, the transport's shape checked first: a server
        that answers HTML, a list, ``"choices": "abc"``, a message that is a string or
        content that is a number is a bad reply from the model, not a crash here."""
        choices = getattr(response, "choices", None)
        if not isinstance(choices, list) or not choices:
            raise ProviderError(f"the model {self.model!r} sent a reply with no choices "
                                "(not an OpenAI-compatible chat completion)", status=502)
        message = getattr(choices[0], "message", None)
        content = getattr(message, "content", None)
        if content is None and getattr(message, "refusal", None):
            raise ProviderError(f"the model {self.model!r} refused: {message.refusal}"[:300],
                                status=502)
        if content is None:
            content = ""  # an empty answer: re-asked like any invalid one
        if not isinstance(content, str):
            raise ProviderError(f"the model {self.model!r} sent a reply whose content is not "
                                f"text ({type(content).__name__})", status=502)
        if len(content) > MAX_REPLY_CHARS:
            raise ProviderError(f"the model {self.model!r} sent a reply of {len(content):,} "
                                f"characters; at most {MAX_REPLY_CHARS:,} are read",
                                status=502)
        usage: dict[str, int] = {}
        counts = getattr(response, "usage", None)
        for key in ("prompt_tokens", "completion_tokens"):
            value = getattr(counts, key, None)
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9:
                usage[key] = value  # ("usage": "lots" is no count: left out)
        return content, usage

    async def _with_retries(self, messages: list[dict[str, str]], mode: str,
                            schema: dict[str, Any], schema_name: str) -> Any:
        kwargs: dict[str, Any] = {"model": self.model, "messages": messages}
        if mode == "json_schema":
            kwargs["response_format"] = {"type": "json_schema", "json_schema": {
                "name": schema_name, "schema": schema, "strict": False}}
        elif mode == "json_object":
            kwargs["response_format"] = {"type": "json_object"}
        async for attempt in retrying(attempts=self.settings.max_attempts,
                                      deadline=self.settings.deadline_s,
                                      base=self._backoff_base,
                                      cap=self.settings.retry_after_cap_s, sleep=self._sleep):
            with attempt:
                return await self.client.chat.completions.create(**kwargs)
        raise AssertionError("unreachable: tenacity re-raises the last error")


def _strip_fences(content: str) -> str:
    """Small models wrap JSON in ```json fences despite instructions; take what is inside."""
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text


def _as_provider_error(err: Exception) -> ProviderError:
    if isinstance(err, TimeoutError | openai.APITimeoutError):
        return ProviderError("the model did not answer in time", status=504)
    if isinstance(err, openai.RateLimitError):
        return ProviderError("the model endpoint is rate limiting us; try again later",
                             status=503, retry_after=retry_after(err))
    if isinstance(err, openai.APIConnectionError):
        return ProviderError("cannot reach the model endpoint", status=503)
    if isinstance(err, openai.AuthenticationError | openai.PermissionDeniedError):
        return ProviderError("the model endpoint refused our key", status=502)
    if isinstance(err, openai.APIStatusError):
        wait = retry_after(err)
        status = 503 if err.status_code == 503 else 502
        return ProviderError(f"the model endpoint failed ({err.status_code})", status=status,
                             retry_after=wait)
    return ProviderError(f"model call failed: {err}", status=502)
