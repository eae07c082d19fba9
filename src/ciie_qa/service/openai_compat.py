"""OpenAI chat-completions shapes: the question from the messages, the reply as text and chunks."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ciie_qa.errors import UserInputError
from ciie_qa.schema import Citation, Language, Reply
from ciie_qa.service.models import ChatMessage
from ciie_qa.tokens import count_tokens, detect_language

SERVICE_MODEL_ID = "ciie-qa"

_ABSTAIN = {
    Language.EN: "The articles do not say. None of the indexed articles answers this question.",
    Language.ZH: "文章中没有相关信息。已收录的文章都没有回答这个问题。",
}
_SOURCES = {Language.EN: "Sources:", Language.ZH: "来源："}


@dataclass(frozen=True)
class ChatTurn:
    """What a chat request asks: the question, the earlier user messages, the prompt text."""

    question: str
    history: tuple[str, ...]
    prompt: str


def chat_turn(
    messages: Sequence[ChatMessage], *, max_history: int, max_chars: int | None = None
) -> ChatTurn:
    """The last user message is the question; the user messages before it are the history.

    System and assistant messages are ignored: answers come from the articles only. Chat
    clients resend the whole conversation, so only the last ``max_history`` turns are kept,
    and earlier messages longer than ``max_chars`` (pasted text, not questions) are skipped so
    that one of them does not break every later turn.

    Raises:
        UserInputError: there is no user message with text.
    """
    user_texts = [m.text() for m in messages if m.role == "user"]
    if not user_texts or not user_texts[-1].strip():
        raise UserInputError("the last user message must hold a question about the articles")
    earlier = [t for t in user_texts[:-1] if max_chars is None or len(t) <= max_chars]
    history = tuple(earlier[-max_history:]) if max_history else ()
    prompt = "\n".join(m.text() for m in messages)
    return ChatTurn(question=user_texts[-1], history=history, prompt=prompt)


def reply_text(reply: Reply, date_of: Callable[[str], str]) -> str:
    """The assistant message: answer, sentence, then numbered citations as readable text."""
    language = detect_language(reply.question)
    if reply.abstained or reply.answer is None:
        return _ABSTAIN[language]
    parts = [reply.answer]
    if reply.sentence and reply.sentence.strip() != reply.answer.strip():
        parts.append(reply.sentence)
    if reply.citations:
        lines = [
            _citation_line(i, c, date_of(c.doc_id), language)
            for i, c in enumerate(reply.citations, 1)
        ]
        parts.append("\n".join([_SOURCES[language], *lines]))
    return "\n\n".join(parts)


def _citation_line(number: int, citation: Citation, date: str, language: Language) -> str:
    quote = " ".join(citation.text.split())
    if language is Language.ZH:
        where = f"第 {citation.start}–{citation.end} 个字符"
        return f"[{number}] {citation.title}（{date}），{where}：“{quote}”"
    where = f"characters {citation.start}–{citation.end}"
    return f"[{number}] {citation.title} ({date}), {where}: “{quote}”"


def usage(prompt: str, completion: str) -> dict[str, int]:
    """OpenAI's usage object, counted with cl100k_base."""
    prompt_tokens = count_tokens(prompt)
    completion_tokens = count_tokens(completion)
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def completion(
    reply: Reply, text: str, *, completion_id: str, created: int, prompt: str
) -> dict[str, Any]:
    """A ``chat.completion`` object carrying the structured reply in ``ciie_qa``."""
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": SERVICE_MODEL_ID,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text, "refusal": None},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": usage(prompt, text),
        "ciie_qa": reply.to_dict(),
    }


def stream_events(
    reply: Reply,
    text: str,
    *,
    completion_id: str,
    created: int,
    prompt: str,
    include_usage: bool,
) -> Iterator[str]:
    """Server-sent events of ``chat.completion.chunk`` objects, ending with ``[DONE]``.

    The first chunk carries the role, then one chunk per line of the text, then a chunk with
    ``finish_reason`` "stop" and the structured reply (and, if asked, a usage-only chunk).
    """

    def chunk(delta: dict[str, str], finish: str | None, **extra: Any) -> str:
        choice = {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
        body = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": SERVICE_MODEL_ID,
            "choices": [choice],
            **extra,
        }
        return _sse(body)

    yield chunk({"role": "assistant", "content": ""}, None)
    for piece in text.splitlines(keepends=True):
        yield chunk({"content": piece}, None)
    yield chunk({}, "stop", ciie_qa=reply.to_dict())
    if include_usage:
        body = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": SERVICE_MODEL_ID,
            "choices": [],
            "usage": usage(prompt, text),
        }
        yield _sse(body)
    yield "data: [DONE]\n\n"


def model_card(created: int) -> dict[str, Any]:
    """The one model this service offers, in OpenAI's model format."""
    return {"id": SERVICE_MODEL_ID, "object": "model", "created": created, "owned_by": "ciie-qa"}


def _sse(body: dict[str, Any]) -> str:
    return f"data: {json.dumps(body, ensure_ascii=False)}\n\n"
