"""The HTTP API through FastAPI's TestClient, with a fake engine."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient
from starlette.types import Message

from ciie_qa.config import Settings
from ciie_qa.errors import IndexUnusableError, UnknownDocumentError, UserInputError
from ciie_qa.service import create_app
from ciie_qa.service.security import BodySizeLimit
from ciie_qa.tokens import count_tokens
from fakes_engine import EN_TEXT, FakeEngine

SETTINGS = Settings(max_question_chars=100, max_history=3, max_top_k=10, max_body_bytes=2048)


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def client(engine: FakeEngine) -> Iterator[TestClient]:
    with TestClient(create_app(settings=SETTINGS, engine=engine)) as test_client:
        yield test_client


def chat(client: TestClient, messages: list[dict[str, Any]], **params: Any) -> Any:
    body = {"model": "ciie-qa", "messages": messages, **params}
    return client.post("/v1/chat/completions", json=body)


def sse_payloads(text: str) -> list[str]:
    return [line.removeprefix("data: ") for line in text.split("\n\n") if line]


def error_message(response: Any) -> str:
    message: str = response.json()["error"]["message"]
    return message


# --- health and readiness ---------------------------------------------------------------


def test_healthz_is_ok(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_reports_the_engine_model_when_loaded(client: TestClient) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "model": "fake-embedder"}


def wait_ready(client: TestClient) -> Any:
    deadline = time.monotonic() + 5
    response = client.get("/readyz")
    while response.json()["status"] == "loading" and time.monotonic() < deadline:
        time.sleep(0.01)
        response = client.get("/readyz")
    return response


def test_factory_engine_is_loaded_at_startup_and_then_ready() -> None:
    built: list[Settings] = []

    def factory(settings: Settings) -> FakeEngine:
        built.append(settings)
        return FakeEngine()

    with TestClient(create_app(settings=SETTINGS, engine_factory=factory)) as client:
        assert wait_ready(client).status_code == 200
        assert client.post("/v1/ask", json={"question": "exhibitors?"}).status_code == 200
    assert built == [SETTINGS]


def test_readyz_and_api_are_503_json_while_the_engine_loads() -> None:
    def slow_factory(_: Settings) -> FakeEngine:
        time.sleep(0.5)
        return FakeEngine()

    with TestClient(create_app(settings=SETTINGS, engine_factory=slow_factory)) as client:
        assert client.get("/healthz").status_code == 200
        ready = client.get("/readyz")
        asked = client.post("/v1/ask", json={"question": "exhibitors?"})
    assert (ready.status_code, ready.json()) == (503, {"status": "loading"})
    assert asked.status_code == 503
    assert "loading" in error_message(asked)


def test_a_failed_engine_load_is_reported_by_readyz() -> None:
    def failing_factory(_: Settings) -> FakeEngine:
        raise IndexUnusableError("the index is missing; run `ciie-qa index`")

    with TestClient(create_app(settings=SETTINGS, engine_factory=failing_factory)) as client:
        ready = wait_ready(client)
        asked = client.post("/v1/ask", json={"question": "exhibitors?"})
    assert ready.status_code == 503
    assert ready.json()["status"] == "failed"
    assert "ciie-qa index" in ready.json()["error"]
    assert asked.status_code == 503


def test_create_app_needs_exactly_one_engine_source() -> None:
    with pytest.raises(TypeError):
        create_app(settings=SETTINGS)
    with pytest.raises(TypeError):
        create_app(settings=SETTINGS, engine=FakeEngine(), engine_factory=lambda _: FakeEngine())


# --- /v1/ask ---------------------------------------------------------------------------------


def test_ask_returns_exactly_the_reply_dict(client: TestClient, engine: FakeEngine) -> None:
    response = client.post("/v1/ask", json={"question": "How many exhibitors?"})
    assert response.status_code == 200
    assert response.json() == FakeEngine().ask("How many exhibitors?").to_dict()
    assert engine.calls[-1].history == ()


def test_ask_answer_span_is_verbatim_in_the_document(client: TestClient) -> None:
    reply = client.post("/v1/ask", json={"question": "How many exhibitors?"}).json()
    span = reply["answer_span"]
    assert EN_TEXT[span["start"] : span["end"]] == reply["answer"] == "4,108 exhibitors"


def test_ask_passes_history_and_top_k_to_the_engine(client: TestClient, engine: FakeEngine) -> None:
    body = {"question": "And visitors?", "history": ["How many exhibitors?"], "top_k": 4}
    reply = client.post("/v1/ask", json=body).json()
    assert engine.calls[-1].history == ("How many exhibitors?",)
    assert engine.calls[-1].top_k == 4
    assert reply["resolved_question"] == "How many exhibitors? And visitors?"


def test_ask_abstention_is_a_normal_reply(client: TestClient) -> None:
    response = client.post("/v1/ask", json={"question": "Who won the football match?"})
    assert response.status_code == 200
    assert response.json()["abstained"] is True
    assert response.json()["answer"] is None


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"question": ""}, "question"),
        ({"question": "   \n\t"}, "question"),
        ({}, "question"),
        ({"question": 5}, "question"),
        ({"question": "ok", "history": "not a list"}, "history"),
        ({"question": "ok", "history": ["fine", 3]}, "history"),
        ({"question": "ok", "top_k": "5"}, "top_k"),
        ({"question": "ok", "top_k": 0}, "top_k"),
        ({"question": "ok", "top_k": -2}, "top_k"),
        ({"question": "ok", "top_k": True}, "top_k"),
        ({"question": "ok", "mode": "dense"}, "mode"),
        (["question"], "body"),
    ],
)
def test_ask_rejects_malformed_bodies_with_422(
    client: TestClient, engine: FakeEngine, body: object, fragment: str
) -> None:
    response = client.post("/v1/ask", json=body)
    assert response.status_code == 422
    assert fragment in error_message(response)
    assert engine.calls == []


def test_ask_unknown_field_message_says_to_remove_it(client: TestClient) -> None:
    response = client.post("/v1/ask", json={"question": "ok", "colour": "red"})
    assert response.status_code == 422
    assert "colour: unknown field" in error_message(response)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"question": "x" * 101}, "at most 100"),
        ({"question": "ok", "top_k": 11}, "between 1 and 10"),
        ({"question": "ok", "history": ["a", "b", "c", "d"]}, "at most 3"),
    ],
)
def test_ask_rejects_input_over_the_settings_limits_with_400(
    client: TestClient, engine: FakeEngine, body: object, fragment: str
) -> None:
    response = client.post("/v1/ask", json=body)
    assert response.status_code == 400
    assert fragment in error_message(response)
    assert engine.calls == []


def test_ask_accepts_input_at_the_settings_limits(client: TestClient) -> None:
    body = {"question": "x" * 100, "top_k": 10, "history": ["a", "b", "c"]}
    assert client.post("/v1/ask", json=body).status_code == 200


def test_ask_rejects_invalid_json_with_422(client: TestClient) -> None:
    response = client.post(
        "/v1/ask", content=b'{"question": ', headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert "not valid JSON" in error_message(response)


def test_engine_user_input_error_becomes_400(engine: FakeEngine, client: TestClient) -> None:
    engine.error = UserInputError("the history refers to nothing; ask a full question")
    response = client.post("/v1/ask", json={"question": "ok"})
    assert response.status_code == 400
    assert error_message(response) == "the history refers to nothing; ask a full question"


def test_unexpected_engine_failure_is_a_generic_500(engine: FakeEngine) -> None:
    engine.error = RuntimeError("secret internal detail")
    app = create_app(settings=SETTINGS, engine=engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/v1/ask", json={"question": "ok"})
    assert response.status_code == 500
    assert "secret" not in response.text
    assert response.json()["error"]["type"] == "server_error"
    assert "default-src 'self'" in response.headers["content-security-policy"]


# --- body size ---------------------------------------------------------------------------


def test_body_over_the_limit_is_413(client: TestClient, engine: FakeEngine) -> None:
    response = client.post("/v1/ask", json={"question": "x" * 3000})
    assert response.status_code == 413
    assert "2048 bytes" in error_message(response)
    assert engine.calls == []


def test_streamed_body_over_the_limit_without_length_is_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"question": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}'

    headers = {"content-type": "application/json"}
    response = client.post("/v1/ask", content=chunks(), headers=headers)
    assert response.status_code == 413


def test_declared_content_length_is_rejected_before_reading() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the app must not be called")

    async def receive() -> Message:
        raise AssertionError("the body must not be read")

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "headers": [(b"content-length", b"4096")]}
    anyio.run(BodySizeLimit(app, max_bytes=1024), scope, receive, send)
    assert sent[0]["status"] == 413


# --- /v1/chat/completions ------------------------------------------------------------------


def test_chat_uses_last_user_message_as_question_and_earlier_ones_as_history(
    client: TestClient, engine: FakeEngine
) -> None:
    messages = [
        {"role": "system", "content": "You are helpful."},
        {"role": "user", "content": "How many exhibitors?"},
        {"role": "assistant", "content": "4,108 exhibitors"},
        {"role": "user", "content": "And visitors?"},
    ]
    response = chat(client, messages)
    assert response.status_code == 200
    assert engine.calls[-1].question == "And visitors?"
    assert engine.calls[-1].history == ("How many exhibitors?",)


def test_chat_completion_has_openai_shape_and_the_structured_reply(client: TestClient) -> None:
    body = chat(client, [{"role": "user", "content": "How many exhibitors?"}]).json()
    assert body["object"] == "chat.completion"
    assert body["model"] == "ciie-qa"
    assert body["id"].startswith("chatcmpl-")
    choice = body["choices"][0]
    assert choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    assert body["ciie_qa"] == FakeEngine().ask("How many exhibitors?").to_dict()


def test_chat_content_has_answer_sentence_and_numbered_citation(client: TestClient) -> None:
    body = chat(client, [{"role": "user", "content": "How many exhibitors?"}]).json()
    content = body["choices"][0]["message"]["content"]
    sentence = "More than 4,108 exhibitors from 155 countries and regions took part this year."
    assert content.startswith("4,108 exhibitors\n\n" + sentence)
    assert f"[1] CIIE opens in Shanghai (2025-11-05), characters 80–158: “{sentence}”" in content


def test_chat_content_is_chinese_for_a_chinese_question(client: TestClient) -> None:
    body = chat(client, [{"role": "user", "content": "有多少家企业参展？"}]).json()
    content = body["choices"][0]["message"]["content"]
    assert content.startswith("4108家")
    assert "来源：" in content
    assert "[1] 进博会开幕（2025-11-05）" in content


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who won the football match?", "The articles do not say."),
        ("谁赢了足球比赛？", "文章中没有"),
    ],
)
def test_chat_abstention_is_a_normal_message_in_the_question_language(
    client: TestClient, question: str, expected: str
) -> None:
    response = chat(client, [{"role": "user", "content": question}])
    assert response.status_code == 200
    assert response.json()["choices"][0]["message"]["content"].startswith(expected)
    assert response.json()["ciie_qa"]["abstained"] is True


def test_chat_usage_counts_tokens_with_cl100k(client: TestClient) -> None:
    body = chat(client, [{"role": "user", "content": "How many exhibitors?"}]).json()
    content = body["choices"][0]["message"]["content"]
    assert body["usage"] == {
        "prompt_tokens": count_tokens("How many exhibitors?"),
        "completion_tokens": count_tokens(content),
        "total_tokens": count_tokens("How many exhibitors?") + count_tokens(content),
    }


def test_chat_accepts_and_ignores_common_openai_parameters(client: TestClient) -> None:
    params = {
        "temperature": 0.2,
        "max_tokens": 50,
        "top_p": 0.9,
        "n": 1,
        "user": "someone",
        "seed": 7,
        "stop": ["\n"],
        "presence_penalty": 0,
        "frequency_penalty": 0,
        "stream_options": None,
    }
    response = chat(client, [{"role": "user", "content": "exhibitors?"}], **params)
    assert response.status_code == 200


def test_chat_accepts_content_as_a_list_of_text_parts(
    client: TestClient, engine: FakeEngine
) -> None:
    parts = [{"type": "text", "text": "How many"}, {"type": "text", "text": "exhibitors?"}]
    assert chat(client, [{"role": "user", "content": parts}]).status_code == 200
    assert engine.calls[-1].question == "How many\nexhibitors?"


def test_chat_keeps_only_the_last_max_history_user_messages(
    client: TestClient, engine: FakeEngine
) -> None:
    messages = [{"role": "user", "content": f"q{i}"} for i in range(6)]
    chat(client, messages)
    assert engine.calls[-1].history == ("q2", "q3", "q4")


def test_chat_skips_an_earlier_message_too_long_to_be_a_question(
    client: TestClient, engine: FakeEngine
) -> None:
    pasted = "x" * 600  # over max_question_chars: pasted text, not a question
    messages = [{"role": "user", "content": c} for c in ("q1", pasted, "q3")]
    response = chat(client, messages)
    assert response.status_code == 200
    assert engine.calls[-1].history == ("q1",)
    assert engine.calls[-1].question == "q3"


def test_chat_unknown_model_is_openai_style_404(client: TestClient) -> None:
    response = client.post(
        "/v1/chat/completions",
        json={"model": "gpt-4o", "messages": [{"role": "user", "content": "exhibitors?"}]},
    )
    assert response.status_code == 404
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert (error["code"], error["param"]) == ("model_not_found", "model")
    assert "ciie-qa" in error["message"]


@pytest.mark.parametrize(
    ("messages", "params", "status"),
    [
        ([{"role": "system", "content": "only a system prompt"}], {}, 400),
        ([{"role": "user", "content": "   "}], {}, 400),
        ([{"role": "user", "content": "x" * 101}], {}, 400),
        ([], {}, 422),
        ([{"role": "robot", "content": "hi"}], {}, 422),
        ([{"role": "user", "content": 42}], {}, 422),
        ([{"role": "user", "content": "exhibitors?"}], {"n": 2}, 422),
        ([{"role": "user", "content": "exhibitors?"}], {"wings": True}, 422),
    ],
)
def test_chat_rejects_bad_requests_with_4xx_json(
    client: TestClient, messages: list[dict[str, Any]], params: dict[str, Any], status: int
) -> None:
    response = chat(client, messages, **params)
    assert response.status_code == status
    assert error_message(response)


def test_chat_stream_is_openai_chunks_ending_with_done(client: TestClient) -> None:
    response = chat(client, [{"role": "user", "content": "How many exhibitors?"}], stream=True)
    assert response.headers["content-type"].startswith("text/event-stream")
    payloads = sse_payloads(response.text)
    assert payloads[-1] == "[DONE]"
    chunks = [json.loads(p) for p in payloads[:-1]]
    assert {c["object"] for c in chunks} == {"chat.completion.chunk"}
    assert len({c["id"] for c in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert [c["choices"][0]["finish_reason"] for c in chunks[-1:]] == ["stop"]
    assert all(c["choices"][0]["finish_reason"] is None for c in chunks[:-1])


def test_chat_stream_content_deltas_join_to_the_full_message(client: TestClient) -> None:
    messages = [{"role": "user", "content": "How many exhibitors?"}]
    full = chat(client, messages).json()["choices"][0]["message"]["content"]
    chunks = [json.loads(p) for p in sse_payloads(chat(client, messages, stream=True).text)[:-1]]
    deltas = [c["choices"][0]["delta"].get("content", "") for c in chunks]
    assert "".join(deltas) == full
    assert sum(1 for d in deltas if d) >= 3


def test_chat_stream_last_chunk_carries_the_structured_reply(client: TestClient) -> None:
    messages = [{"role": "user", "content": "How many exhibitors?"}]
    chunks = [json.loads(p) for p in sse_payloads(chat(client, messages, stream=True).text)[:-1]]
    assert chunks[-1]["ciie_qa"] == FakeEngine().ask("How many exhibitors?").to_dict()


def test_chat_stream_sends_usage_chunk_when_asked(client: TestClient) -> None:
    messages = [{"role": "user", "content": "How many exhibitors?"}]
    options = {"include_usage": True}
    response = chat(client, messages, stream=True, stream_options=options)
    chunks = [json.loads(p) for p in sse_payloads(response.text)[:-1]]
    assert chunks[-1]["choices"] == []
    assert chunks[-1]["usage"]["prompt_tokens"] == count_tokens("How many exhibitors?")


def test_chat_stream_error_is_a_plain_json_response(client: TestClient) -> None:
    response = chat(client, [{"role": "user", "content": " "}], stream=True)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"


# --- /v1/models -------------------------------------------------------------------------------


def test_models_lists_the_service_model_in_openai_format(client: TestClient) -> None:
    body = client.get("/v1/models").json()
    assert body["object"] == "list"
    assert [(m["id"], m["object"]) for m in body["data"]] == [("ciie-qa", "model")]
    assert isinstance(body["data"][0]["created"], int)


def test_model_retrieve_knows_only_the_service_model(client: TestClient) -> None:
    assert client.get("/v1/models/ciie-qa").json()["id"] == "ciie-qa"
    assert client.get("/v1/models/gpt-4o").status_code == 404


# --- /v1/documents -----------------------------------------------------------------------------


def test_documents_lists_metadata_of_every_article(client: TestClient) -> None:
    documents = client.get("/v1/documents").json()["documents"]
    assert [d["id"] for d in documents] == ["en-expo", "zh-expo", "xss-doc"]
    assert documents[1] == {
        "id": "zh-expo",
        "title": "进博会开幕",
        "date": "2025-11-05",
        "source": "测试社",
        "language": "zh",
    }


def test_document_has_its_full_text_and_metadata(client: TestClient) -> None:
    document = client.get("/v1/documents/en-expo").json()
    assert document["text"] == EN_TEXT
    assert document["title"] == "CIIE opens in Shanghai"


def test_unknown_document_is_404_json(client: TestClient) -> None:
    response = client.get("/v1/documents/nope")
    assert response.status_code == 404
    assert "nope" in error_message(response)


def test_unknown_document_error_from_the_engine_is_404(
    client: TestClient, engine: FakeEngine
) -> None:
    engine.error = UnknownDocumentError("no document 'x'")
    assert client.post("/v1/ask", json={"question": "ok"}).status_code == 404


# --- page, static files, headers ---------------------------------------------------------


def test_root_serves_the_chat_page(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script src="/static/app.js"' in response.text


@pytest.mark.parametrize("path", ["/static/app.js", "/static/style.css"])
def test_static_assets_are_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_page_loads_nothing_from_other_origins(client: TestClient) -> None:
    for path in ["/", "/static/app.js", "/static/style.css"]:
        text = client.get(path).text
        assert "http://" not in text
        assert "https://" not in text


def test_page_has_no_inline_script_or_style(client: TestClient) -> None:
    html = client.get("/").text
    assert "<script>" not in html
    assert "<style" not in html
    assert " style=" not in html
    assert " onclick=" not in html


@pytest.mark.parametrize("path", ["/", "/healthz", "/v1/models", "/v1/documents/nope", "/nowhere"])
def test_every_response_carries_a_strict_csp_and_nosniff(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert headers["x-content-type-options"] == "nosniff"


def test_413_responses_carry_the_security_headers(client: TestClient) -> None:
    response = client.post("/v1/ask", json={"question": "x" * 3000})
    assert response.headers["x-content-type-options"] == "nosniff"


def test_unknown_route_is_404_json(client: TestClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Not Found"


def test_wrong_method_is_405_json(client: TestClient) -> None:
    response = client.get("/v1/ask")
    assert response.status_code == 405
    assert error_message(response)
