"""Providers: where drafts come from. Each is small and registered by name.

``offline`` (default) drafts deterministically with no network; ``openai`` talks to any
OpenAI-compatible server. ``get_provider(settings)`` builds the configured one.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.providers.base import Provider, ProviderError
from assistant.settings import Settings

Factory = Callable[[Settings], Provider]
_REGISTRY: dict[str, Factory] = {}


def register(name: str, factory: Factory) -> None:
    _REGISTRY[name] = factory


def get_provider(settings: Settings, name: str | None = None) -> Provider:
    chosen = name or settings.provider
    if chosen not in _REGISTRY:
        raise ProviderError(f"unknown provider {chosen!r}; known: {', '.join(sorted(_REGISTRY))}",
                            status=400)
    return _REGISTRY[chosen](settings)


def _builtins() -> None:
    from assistant.providers.offline import OfflineProvider
    from assistant.providers.openai_provider import OpenAIProvider

    register("offline", OfflineProvider)
    register("openai", OpenAIProvider)


_builtins()

__all__ = ["Provider", "ProviderError", "get_provider", "register"]
