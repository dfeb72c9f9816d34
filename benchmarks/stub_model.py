"""A stub OpenAI-compatible chat endpoint on loopback with a fixed latency (benchmarks only)."""

from __future__ import annotations

import asyncio
import json
import sys

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

LATENCY_S = float(sys.argv[2]) if len(sys.argv) > 2 else 0.3
DRAFT = {
    "objective": "Get new teams to value in their first week",
    "notes": [],
    "key_results": [
        {"text": "Raise activation rate from 38% to 47% by end of Q1 2027",
         "metric": "activation rate", "direction": "increase",
         "baseline": {"value": "38%", "source": "given", "how_to_measure": None},
         "target": {"value": "47%", "source": "proposed", "reason": "stretch"},
         "deadline": "by end of Q1 2027"},
        {"text": "Cut median time to first project from 3 days to 2 days by end of Q1 2027",
         "metric": "median time to first project", "direction": "decrease",
         "baseline": {"value": "3 days", "source": "given", "how_to_measure": None},
         "target": {"value": "2 days", "source": "proposed", "reason": "stretch"},
         "deadline": "by end of Q1 2027"},
    ],
}
BODY = {"id": "stub", "object": "chat.completion", "created": 0, "model": "stub",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": json.dumps(DRAFT)}}],
        "usage": {"prompt_tokens": 500, "completion_tokens": 200, "total_tokens": 700}}


async def completions(request: Request) -> JSONResponse:
    await request.body()
    await asyncio.sleep(LATENCY_S)
    return JSONResponse(BODY)


app = Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])])

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning",
                backlog=2048)
