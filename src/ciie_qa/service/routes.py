"""The HTTP routes: parse, check limits, call the engine off the event loop, shape the JSON."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse

from ciie_qa.config import Settings
from ciie_qa.engine import QAEngine
from ciie_qa.errors import UserInputError
from ciie_qa.schema import Article
from ciie_qa.service import openai_compat
from ciie_qa.service.http_errors import ApiError
from ciie_qa.service.models import AskRequest, ChatCompletionRequest

STATIC_DIR = Path(__file__).parent / "static"


@dataclass
class EngineSlot:
    """The engine once loaded, or why it is not (yet): ``error`` is None while loading."""

    engine: QAEngine | None = None
    error: str | None = None


def _slot(request: Request) -> EngineSlot:
    slot: EngineSlot = request.app.state.engine_slot
    return slot


def _engine(request: Request) -> QAEngine:
    slot = _slot(request)
    if slot.engine is None:
        message = slot.error or "the engine is still loading; retry when GET /readyz says ready"
        raise ApiError(503, message, code="engine_not_ready")
    return slot.engine


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


EngineDep = Annotated[QAEngine, Depends(_engine)]
SettingsDep = Annotated[Settings, Depends(_settings)]
router = APIRouter()


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness: the process answers; says nothing about the engine."""
    return {"status": "ok"}


@router.get("/readyz", response_model=None)
async def readyz(request: Request) -> dict[str, str] | JSONResponse:
    """Readiness: 200 once the engine is loaded, 503 while loading or after a failed load."""
    slot = _slot(request)
    if slot.engine is not None:
        return {"status": "ready", "model": slot.engine.model_name}
    status = {"status": "failed", "error": slot.error} if slot.error else {"status": "loading"}
    return JSONResponse(status, status_code=503)


@router.post("/v1/ask")
def ask(body: AskRequest, engine: EngineDep, settings: SettingsDep) -> JSONResponse:
    """Answer one question; the body of the reply is ``Reply.to_dict()``."""
    check_question(body.question, settings)
    if len(body.history) > settings.max_history:
        raise UserInputError(
            f"history has {len(body.history)} questions; send at most {settings.max_history}"
        )
    if body.top_k is not None and body.top_k > settings.max_top_k:
        raise UserInputError(f"top_k must be between 1 and {settings.max_top_k}")
    reply = engine.ask(body.question, tuple(body.history), top_k=body.top_k)
    return JSONResponse(reply.to_dict())


def check_question(question: str, settings: Settings) -> None:
    """Reject a blank question or one over ``settings.max_question_chars``."""
    if not question.strip():
        raise UserInputError("the question is empty; type a question about the articles")
    if len(question) > settings.max_question_chars:
        raise UserInputError(
            f"the question has {len(question)} characters; "
            f"shorten it to at most {settings.max_question_chars}"
        )


@router.post("/v1/chat/completions")
def chat_completions(
    body: ChatCompletionRequest, engine: EngineDep, settings: SettingsDep, request: Request
) -> Response:
    """OpenAI-compatible chat: the last user message is the question, earlier ones the history."""
    _check_model(body.model)
    turn = openai_compat.chat_turn(
        body.messages, max_history=settings.max_history, max_chars=settings.max_question_chars
    )
    check_question(turn.question, settings)
    reply = engine.ask(turn.question, turn.history)
    text = openai_compat.reply_text(reply, lambda doc_id: engine.article(doc_id).date)
    ids: dict[str, Any] = {
        "completion_id": f"chatcmpl-{uuid.uuid4().hex}",
        "created": int(time.time()),
        "prompt": turn.prompt,
    }
    if not body.stream:
        return JSONResponse(openai_compat.completion(reply, text, **ids))
    include_usage = body.stream_options is not None and body.stream_options.include_usage
    events = openai_compat.stream_events(reply, text, include_usage=include_usage, **ids)
    headers = {"Cache-Control": "no-cache"}
    return StreamingResponse(events, media_type="text/event-stream", headers=headers)


def _check_model(model: str) -> None:
    if model != openai_compat.SERVICE_MODEL_ID:
        raise ApiError(
            404,
            f"the model '{model}' does not exist; use '{openai_compat.SERVICE_MODEL_ID}'",
            code="model_not_found",
            param="model",
        )


@router.get("/v1/models")
async def list_models(request: Request) -> dict[str, Any]:
    """The models this service offers (one), in OpenAI's list format."""
    return {"object": "list", "data": [openai_compat.model_card(request.app.state.created)]}


@router.get("/v1/models/{model_id}")
async def get_model(model_id: str, request: Request) -> dict[str, Any]:
    """One model in OpenAI's format; 404 for any other name."""
    _check_model(model_id)
    return openai_compat.model_card(request.app.state.created)


@router.get("/v1/documents")
def list_documents(engine: EngineDep) -> dict[str, list[dict[str, str]]]:
    """Metadata of every article in the corpus."""
    return {"documents": [_metadata(article) for article in engine.articles()]}


@router.get("/v1/documents/{doc_id}")
def get_document(doc_id: str, engine: EngineDep) -> dict[str, str]:
    """One article with its full text; offsets in replies refer to this text."""
    article = engine.article(doc_id)
    return {**_metadata(article), "text": article.text}


def _metadata(article: Article) -> dict[str, str]:
    return {
        "id": article.doc_id,
        "title": article.title,
        "date": article.date,
        "source": article.source,
        "language": str(article.language),
    }


@router.get("/", include_in_schema=False)
async def index_page() -> FileResponse:
    """The web chat page."""
    return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})
