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
                if adapter is _BODY:
                    data = normalise_reply(data)
                value = adapter.validate_python(data)
                return value, content, usage, attempt + 1
            except (json.JSONDecodeError, ValidationError) as err:
                problem = _short(err)
                messages += [
                    {"role": "assistant", "content": content},
                    {"role": "user", "content": f"That reply is not valid: {problem}. Reply "
                                                "again with JSON only, in the required shape."},
                ]
        raise ProviderError(
            f"the model's reply is not valid after {self.settings.reasks + 1} "
            f"attempt(s): {problem}", status=502, raw=content)

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
            choice = response.choices[0] if response.choices else None
            content = (choice.message.content if choice and choice.message else None) or ""
            usage = {}
            if response.usage is not None:
                usage = {"prompt_tokens": response.usage.prompt_tokens or 0,
                         "completion_tokens": response.usage.completion_tokens or 0}
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
