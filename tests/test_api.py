"""The HTTP API through FastAPI's test client: drafts, critiques, rules, errors, access."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx
from fastapi.testclient import TestClient

from assistant.api.app import create_app
from assistant.settings import Settings
from tests.test_openai_provider import BASE, GOOD, URL, completion, error

DRAFT = {"goal": "Make support less painful",
         "context": {"cycle": "2027-Q3",
                     "baselines": {"first response time": "9 h", "support CSAT": "82%"}}}
DOC = ("# Growth — Q3 2027\n## Objective: Make onboarding effortless\n"
       "- Launch the onboarding checklist\n- Raise activation from 40% to 55%\n")


def client(**settings: Any) -> TestClient:
    return TestClient(create_app(Settings(**settings)))


@pytest.fixture
def api() -> Iterator[TestClient]:
    with client() as c:
        yield c


def test_healthz(api: TestClient) -> None:
    assert api.get("/healthz").json() == {"status": "ok", "version": "0.1.0",
                                          "provider": "offline"}


def test_offline_draft(api: TestClient) -> None:
    r = api.post("/v1/drafts", json=DRAFT)
    assert r.status_code == 200
    body = r.json()
    assert body["provider"] == "offline" and body["rounds"] == 1 and body["findings"] == []
    first = body["key_results"][0]
    assert first["text"] == "Cut first response time from 9 h to 6.3 h by end of Q3 2027"
    assert first["baseline"] == {"value": "9 h", "source": "given", "how_to_measure": None}
    assert first["target"]["source"] == "proposed" and first["target"]["reason"]
    assert first["parsed"]["baseline"]["value"] == 9.0


def test_draft_validation_errors_name_the_field(api: TestClient) -> None:
    r = api.post("/v1/drafts", json={"goal": "", "context": {"cycle": "x" * 100}})
    assert r.status_code == 422
    error = r.json()["error"]
    assert error["type"] == "invalid_request" and error["message"].startswith("goal: ")
    fields = {tuple(e["loc"]) for e in error["fields"]}
    assert ("body", "goal") in fields and ("body", "context", "cycle") in fields
    assert api.post("/v1/drafts", content=b"{not json",
                    headers={"content-type": "application/json"}).status_code == 422


@respx.mock
def test_openai_draft_through_the_api() -> None:
    route = respx.post(URL).mock(return_value=completion(json.dumps(GOOD)))
    request = {"goal": "Get teams to value faster", "provider": "openai",
               "context": {"cycle": "2027-Q1", "baselines": {"activation rate": "38%"}}}
    with client(base_url=BASE, api_key="sk-test", model="test-model") as c:
        r = c.post("/v1/drafts", json=request)
    assert r.status_code == 200, r.text
    assert route.call_count == 1  # clean first time: no repair round
    body = r.json()
    assert body["provider"] == "openai" and body["model"] == "test-model"
    assert body["prompt_version"] == "draft-1" and len(body["prompt_hash"]) == 64


@respx.mock
@pytest.mark.parametrize(
    ("reply", "status", "kind"),
    [
        (error(429, headers={"retry-after": "600"}), 503, "model_unavailable"),
        (error(500), 502, "model_error"),
        (httpx.ConnectTimeout("slow"), 504, "model_timeout"),
        (completion("not json at all"), 502, "model_error"),
    ],
)
def test_model_failures_become_clear_5xx(reply: Any, status: int, kind: str) -> None:
    respx.post(URL).mock(side_effect=lambda request: _raise_or_return(reply))
    with client(base_url=BASE, api_key="sk-test", max_attempts=1, reasks=0) as c:
        r = c.post("/v1/drafts", json={**DRAFT, "provider": "openai"})
    assert r.status_code == status
    assert r.json()["error"]["type"] == kind
    assert "Traceback" not in r.text
    if status == 503:
        assert r.headers["retry-after"] == "600"


def _raise_or_return(reply: Any) -> httpx.Response:
    if isinstance(reply, Exception):
        raise reply
    return reply  # type: ignore[no-any-return]


def test_openai_without_a_key_is_503_with_how_to() -> None:
    with client() as c:
        r = c.post("/v1/drafts", json={**DRAFT, "provider": "openai"})
    assert r.status_code == 503 and "OKR_API_KEY" in r.json()["error"]["message"]


def test_critique_text(api: TestClient) -> None:
    r = api.post("/v1/critiques", json={"text": DOC})
    assert r.status_code == 200
    body = r.json()
    assert [f["code"] for f in body["findings"]] == ["K201"]
    assert body["findings"][0]["line"] == 3 and body["score"] == 75
    assert body["objectives"][0]["key_results"][1]["parsed"]["target"]["value"] == 55.0


def test_critique_structured_and_selection(api: TestClient) -> None:
    okrs = {"cycle": "2027-Q1", "objectives": [
        {"text": "Make checkout painless",
         "key_results": [{"text": "Raise completion to 70%"}, {"text": "Cut failures by 20%"}]}]}
    r = api.post("/v1/critiques", json={"okrs": okrs})
    assert [f["code"] for f in r.json()["findings"]] == ["K203", "K203"]
    r = api.post("/v1/critiques", json={"okrs": okrs, "ignore": ["K203"]})
    assert r.json()["findings"] == []


@pytest.mark.parametrize(
    ("body", "status", "needle"),
    [
        ({"text": DOC, "okrs": {"objectives": [{"text": "x"}]}}, 422, "exactly one"),
        ({}, 422, "exactly one"),
        ({"text": "objectives: [unclosed", "format": "yaml"}, 422, "invalid YAML"),
        ({"text": "[" * 20_000, "format": "yaml"}, 422, "nested more than 64"),  # was 38 s
        ({"text": "# only\n## headings\n"}, 422, "no objectives found"),
        ({"text": DOC, "select": ["Z9"]}, 422, "unknown rule code"),
    ],
)
def test_bad_critique_requests(api: TestClient, body: dict[str, Any], status: int,
                               needle: str) -> None:
    r = api.post("/v1/critiques", json=body)
    assert r.status_code == status and needle in r.text


def test_rules(api: TestClient) -> None:
    codes = [r["code"] for r in api.get("/v1/rules").json()]
    assert "K203" in codes and len(codes) >= 17
    rule = api.get("/v1/rules/k203").json()
    assert rule["name"] == "missing-baseline" and rule["bad"] and rule["good"]
    assert api.get("/v1/rules/Z999").status_code == 404


def test_api_keys() -> None:
    with client(api_keys=["s3cret"]) as c:
        assert c.get("/healthz").status_code == 200  # health stays open for probes
        assert c.get("/v1/rules").status_code == 401
        r = c.get("/v1/rules", headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert c.get("/v1/rules", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        # a key with characters beyond ASCII is a wrong key, not a 500 (compared as bytes)
        r = c.get("/v1/rules", headers={"Authorization": "Bearer s3crét".encode()})
        assert r.status_code == 401
    with client(api_keys=["clé-secrète"]) as c:
        ok = {"Authorization": "Bearer clé-secrète".encode()}
        assert c.get("/v1/rules", headers=ok).status_code == 200


def test_with_keys_a_workshop_needs_a_key_to_create_and_its_tokens_inside() -> None:
    # (with keys set, anyone could create workshops and run the model through their drafts)
    with client(api_keys=["s3cret"]) as c:
        body = {"team": "Checkout", "duration_min": 60}
        assert c.post("/v1/workshops", json=body).status_code == 401
        r = c.post("/v1/workshops", json=body, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 201
        made = r.json()
        joined = c.post("/v1/workshops/join", json={"code": made["join_code"], "name": "Ana"})
        assert joined.status_code == 200  # a participant has a code, not a key
        me = {"X-Workshop-Token": joined.json()["token"]}
        assert c.get(f"/v1/workshops/{made['id']}", headers=me).status_code == 200
        assert c.post(f"/v1/workshops/{made['id']}/cluster", headers=me).status_code == 403
        assert c.post(f"/v1/workshops/{made['id']}/cluster").status_code == 403


def test_body_limit() -> None:
    with client(max_body_bytes=2048) as c:
        r = c.post("/v1/critiques", json={"text": "x" * 5000})
        assert r.status_code == 413 and r.json()["error"]["type"] == "body_too_large"
        # a chunked body declares no length: it is counted as it comes (it got 400)
        chunks = iter([b'{"text": "', b"x" * 1500, b"x" * 1500, b'"}'])
        r = c.post("/v1/critiques", content=chunks, headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["type"] == "body_too_large"
        small = iter([b'{"text": "## Objective: Grow\\n- Raise x from 1 to 2"}'])
        r = c.post("/v1/critiques", content=small, headers={"content-type": "application/json"})
        assert r.status_code == 200, r.text


def test_unexpected_errors_are_a_plain_500() -> None:
    class Broken:
        name, model = "broken", "b"

        async def draft(self, goal: str, context: object) -> object:
            raise RuntimeError("secret internals")

    app = create_app(Settings())
    app.app.state.providers["offline"] = Broken()  # type: ignore[attr-defined]
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/v1/drafts", json=DRAFT)
    assert r.status_code == 500
    assert r.json() == {"error": {"type": "internal", "message":
                                  "internal error; it has been logged"}}
    assert "secret internals" not in r.text


def test_openapi_has_examples(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    assert {"/v1/drafts", "/v1/critiques", "/v1/rules", "/v1/rules/{code}", "/healthz"} <= \
        set(spec["paths"])
    schemas = spec["components"]["schemas"]
    assert schemas["DraftIn"]["examples"] and schemas["CritiqueIn"]["examples"]


JUDGEMENT = {"key_results": [{"index": 1, "moves_objective": False,
                              "reason": "shipping a checklist says nothing about activation"},
                             {"index": 2, "moves_objective": True, "reason": "direct measure"}],
             "balance": {"leading": 1, "lagging": 1, "comment": "balanced"}}


@respx.mock
def test_llm_review_uses_the_critique_prompt() -> None:
    route = respx.post(URL).mock(return_value=completion(json.dumps(JUDGEMENT)))
    with client(base_url=BASE, api_key="sk-test", model="test-model") as c:
        r = c.post("/v1/critiques", json={"text": DOC, "llm_review": True,
                                          "provider": "openai"})
    assert r.status_code == 200, r.text
    (review,) = r.json()["llm_review"]
    assert review["key_results"][0]["moves_objective"] is False
    assert review["prompt_version"] == "critique-1"
    sent = json.loads(route.calls[0].request.content)
    assert sent["response_format"]["json_schema"]["name"] == "okr_judgement"
    assert "1. Launch the onboarding checklist" in sent["messages"][1]["content"]


@respx.mock
def test_llm_review_is_bounded_per_request() -> None:
    # (a 300-objective text made 300 sequential model calls)
    route = respx.post(URL).mock(return_value=completion(json.dumps(JUDGEMENT)))
    many = "\n\n".join(f"## Objective: Grow area {i}\n- Raise area {i} users from 10 to 20"
                       for i in range(25))
    with client(base_url=BASE, api_key="sk-test", model="test-model") as c:
        r = c.post("/v1/critiques", json={"text": many, "llm_review": True,
                                          "provider": "openai"})
        assert r.status_code == 422 and "at most 20 objectives" in r.json()["error"]["message"]
        assert route.call_count == 0
        twelve = "\n\n".join(many.split("\n\n")[:12])
        r = c.post("/v1/critiques", json={"text": twelve, "llm_review": True,
                                          "provider": "openai"})
    assert r.status_code == 200 and len(r.json()["llm_review"]) == 12
    assert [v["objective"] for v in r.json()["llm_review"]] == list(range(1, 13))


def test_llm_review_needs_a_model(api: TestClient) -> None:
    r = api.post("/v1/critiques", json={"text": DOC, "llm_review": True})
    assert r.status_code == 422 and "cannot judge" in r.json()["error"]["message"]


def test_draft_answer_leaves_out_the_raw_reply(api: TestClient) -> None:
    body = api.post("/v1/drafts", json=DRAFT).json()
    assert "raw" not in body and body["usage"] == {}


@pytest.mark.parametrize("body", [
    '{"goal": "Grow revenue", "repair_rounds": NaN}',
    '{"goal": "Grow revenue", "repair_rounds": 1e400}',
    '{"goal": "Grow \\ud800 revenue", "repair_rounds": "x"}',
    '{"text": "## Objective: x\\n- KR \\ud800 from 1 to 2", "format": 7}',
], ids=["NaN", "1e400", "lone surrogate in a draft", "lone surrogate in a critique"])
def test_values_json_cannot_carry_back_are_a_422_not_a_500(body: str) -> None:
    # The default handler echoed the input into its JSON answer and crashed on it
    with client() as c:
        for path in ("/v1/drafts", "/v1/critiques"):
            r = c.post(path, content=body, headers={"content-type": "application/json"})
            assert r.status_code == 422, (path, r.text)
            error = r.json()["error"]
            assert error["type"] == "invalid_request" and error["fields"]
            assert "input" not in error["fields"][0]


def test_every_error_has_one_shape(api: TestClient) -> None:
    for r in (api.get("/v1/rules/Z999"), api.post("/v1/critiques", json={}),
              api.post("/v1/drafts", json={"goal": ""})):
        error = r.json()["error"]
        assert set(error) <= {"type", "message", "fields"} and error["message"]
    with client(api_keys=["k1"]) as c:
        r = c.get("/v1/rules")
        assert r.status_code == 401 and r.json()["error"]["type"] == "unauthorized"
        assert r.headers["www-authenticate"] == "Bearer"
