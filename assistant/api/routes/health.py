from __future__ import annotations

from fastapi import APIRouter

from assistant import __version__
from assistant.api.deps import SettingsDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(settings: SettingsDep) -> dict[str, str]:
    return {"status": "ok", "version": __version__, "provider": settings.provider}
