"""One settings object for the service, from environment variables (``OKR_*``) or ``.env``.

``get_settings()`` is cached; tests and the CLI build their own ``Settings(...)`` and pass it
in (FastAPI: ``app.dependency_overrides``), so nothing reads the environment at import time.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OKR_", env_file=".env", extra="ignore")

    provider: Literal["offline", "openai"] = "offline"
    model: str = Field("gpt-4o-mini", description="model name for the openai provider")
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint (vLLM, Ollama...)")
    api_key: SecretStr | None = Field(None, description="key for the model endpoint")
    structured_output: Literal["json_schema", "json_object", "none"] = "json_schema"
    timeout_s: float = Field(30.0, gt=0, description="per model call")
    max_attempts: int = Field(4, ge=1, le=10, description="tries per model call (retries + 1)")
    deadline_s: float = Field(90.0, gt=0, description="overall budget for one model call")
    retry_after_cap_s: float = Field(60.0, ge=0, description="longest Retry-After honoured")
    reasks: int = Field(1, ge=0, le=3, description="re-asks when a reply is not valid JSON")
    repair_rounds: int = Field(2, ge=0, le=5, description="repair rounds after the first draft")
    api_keys: list[str] = Field(default_factory=list, description="bearer keys for the API")
    max_body_bytes: int = Field(1_000_000, ge=1024)
    host: str = "127.0.0.1"
    port: int = 8000
    database: str = Field("data/okr.sqlite3", description="SQLite file for workshops")

    def key_for_model(self) -> str:
        """The model endpoint key, or a clear how-to error (local servers accept any key)."""
        if self.api_key is not None:
            return self.api_key.get_secret_value()
        if self.base_url:
            return "not-needed"  # vLLM, Ollama, LM Studio and llama.cpp ignore the key
        raise ValueError(
            "the openai provider needs a key: set OKR_API_KEY, or OKR_BASE_URL for a local "
            "OpenAI-compatible server"
        )


@cache
def get_settings() -> Settings:
    return Settings()
