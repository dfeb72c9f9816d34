"""Dependencies as Annotated aliases: settings, provider, and the optional bearer key check."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from assistant.settings import Settings, get_settings

SettingsDep = Annotated[Settings, Depends(get_settings)]


def require_key(request: Request, settings: SettingsDep) -> None:
    """When ``OKR_API_KEYS`` is set, every /v1 call needs ``Authorization: Bearer <key>``."""
    if not settings.api_keys:
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    # compared as bytes (compare_digest refuses str with non-ASCII characters: a 500): the
    # header as sent (the server decoded it as Latin-1), the key as UTF-8
    given = token.strip().encode("latin-1", "replace")
    if scheme.lower() == "bearer" and any(hmac.compare_digest(given, key.encode("utf-8"))
                                          for key in settings.api_keys):
        return
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="missing or wrong API key",
                        headers={"WWW-Authenticate": "Bearer"})


AuthDep = Depends(require_key)
