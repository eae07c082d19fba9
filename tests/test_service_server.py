"""A real uvicorn server with the fake engine, called over HTTP by httpx and the openai client."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import openai
import pytest

from ciie_qa.config import Settings
from ciie_qa.service import create_app
from fakes_engine import FakeEngine, running_server

MESSAGES: list[openai.types.chat.ChatCompletionMessageParam] = [
    {"role": "system", "content": "Answer from the articles."},
    {"role": "user", "content": "How many exhibitors?"},
]


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def base_url(engine: FakeEngine) -> Iterator[str]:
    with running_server(create_app(settings=Settings(), engine=engine)) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=f"{base_url}/v1", api_key="unused", max_retries=0) as client:
        yield client


def test_openai_client_lists_the_service_model(client: openai.OpenAI) -> None:
    assert [model.id for model in client.models.list()] == ["ciie-qa"]


def test_openai_client_gets_a_cited_answer(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(model="ciie-qa", messages=MESSAGES)
    content = completion.choices[0].message.content or ""
    assert content.startswith("4,108 exhibitors")
    assert "[1] CIIE opens in Shanghai (2025-11-05)" in content
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None
    assert completion.usage.total_tokens > completion.usage.prompt_tokens > 0


def test_openai_client_sees_the_structured_reply(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(model="ciie-qa", messages=MESSAGES)
    extra = completion.model_extra or {}
    assert extra["ciie_qa"]["answer"] == "4,108 exhibitors"


def test_openai_client_streams_the_same_text(client: openai.OpenAI) -> None:
    full = client.chat.completions.create(model="ciie-qa", messages=MESSAGES)
    stream = client.chat.completions.create(model="ciie-qa", messages=MESSAGES, stream=True)
    chunks = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks)
    assert text == full.choices[0].message.content
    assert chunks[0].choices[0].delta.role == "assistant"
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_openai_client_stream_can_include_usage(client: openai.OpenAI) -> None:
    stream = client.chat.completions.create(
        model="ciie-qa", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    last = list(stream)[-1]
    assert last.choices == []
    assert last.usage is not None
    assert last.usage.completion_tokens > 0


def test_openai_client_ignores_sampling_parameters(client: openai.OpenAI) -> None:
    completion = client.chat.completions.create(
        model="ciie-qa", messages=MESSAGES, temperature=0.3, max_tokens=20, top_p=0.5, n=1
    )
    assert completion.choices[0].message.content


def test_openai_client_unknown_model_raises_not_found(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError, match="ciie-qa"):
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)


def test_openai_client_blank_question_raises_bad_request(client: openai.OpenAI) -> None:
    with pytest.raises(openai.BadRequestError, match="question"):
        client.chat.completions.create(model="ciie-qa", messages=[{"role": "user", "content": " "}])


def test_healthz_answers_fast_while_an_answer_is_computed(
    base_url: str, engine: FakeEngine
) -> None:
    engine.delay = 1.0
    answered: list[int] = []
    worker = threading.Thread(
        target=lambda: answered.append(
            httpx.post(
                f"{base_url}/v1/ask", json={"question": "exhibitors?"}, timeout=10
            ).status_code
        )
    )
    worker.start()
    assert engine.ask_started.wait(timeout=5)
    started = time.perf_counter()
    health = httpx.get(f"{base_url}/healthz", timeout=5)
    elapsed = time.perf_counter() - started
    worker.join(timeout=10)
    assert health.status_code == 200
    assert elapsed < 0.3
    assert answered == [200]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.mark.slow
def test_serve_runs_uvicorn_on_the_configured_port_until_interrupted() -> None:
    port = _free_port()
    code = (
        "from ciie_qa.config import Settings\n"
        "from ciie_qa.service import serve\n"
        "from fakes_engine import FakeEngine\n"
        f"serve(Settings(port={port}), lambda settings: FakeEngine())\n"
    )
    tests_dir = str(Path(__file__).parent)
    env = {**os.environ, "PYTHONPATH": tests_dir}
    process = subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE)
    try:
        ready = _wait_ready(f"http://127.0.0.1:{port}/readyz")
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=15)
    assert ready == {"status": "ready", "model": "fake-embedder"}
    assert process.returncode == 0, stderr.decode()


def _wait_ready(url: str) -> object:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=1)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never became ready")
