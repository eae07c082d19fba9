"""Pydantic models of the HTTP requests: the only place the service validates JSON shapes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StrictStr, field_validator

# A value an OpenAI client may send that this service accepts and ignores.
Ignored = JsonValue | None


class AskRequest(BaseModel):
    """Body of ``POST /v1/ask``; size limits from the settings are checked by the route."""

    model_config = ConfigDict(extra="forbid", strict=True)

    question: str
    history: list[str] = Field(default_factory=list)
    top_k: Annotated[int, Field(ge=1)] | None = None

    @field_validator("question")
    @classmethod
    def _question_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("question must not be empty; type a question about the articles")
        return value


class TextPart(BaseModel):
    """One part of a message whose content is a list (OpenAI's content-parts form)."""

    model_config = ConfigDict(extra="ignore")

    type: Literal["text"]
    text: StrictStr


class ChatMessage(BaseModel):
    """One message of a chat; only the text of user messages is read."""

    # Clients attach fields such as name or tool_calls; they carry nothing this service uses.
    model_config = ConfigDict(extra="ignore")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: StrictStr | list[TextPart] | None = None

    def text(self) -> str:
        """The message text, with content parts joined by newlines."""
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "\n".join(part.text for part in self.content)


class StreamOptions(BaseModel):
    """OpenAI ``stream_options``: only ``include_usage`` changes the stream."""

    model_config = ConfigDict(extra="ignore")

    include_usage: bool = False


class ChatCompletionRequest(BaseModel):
    """Body of ``POST /v1/chat/completions``: OpenAI's parameters, sampling ones ignored."""

    model_config = ConfigDict(extra="forbid")

    model: StrictStr
    messages: Annotated[list[ChatMessage], Field(min_length=1)]
    stream: bool = False
    stream_options: StreamOptions | None = None
    n: Literal[1] | None = None
    # Accepted so that ordinary clients work; an extractive reader has nothing to sample.
    temperature: Ignored = None
    top_p: Ignored = None
    max_tokens: Ignored = None
    max_completion_tokens: Ignored = None
    presence_penalty: Ignored = None
    frequency_penalty: Ignored = None
    logit_bias: Ignored = None
    logprobs: Ignored = None
    top_logprobs: Ignored = None
    seed: Ignored = None
    stop: Ignored = None
    user: Ignored = None
    response_format: Ignored = None
    metadata: Ignored = None
    store: Ignored = None
    service_tier: Ignored = None
    parallel_tool_calls: Ignored = None
    tools: Ignored = None
    tool_choice: Ignored = None
    reasoning_effort: Ignored = None
    modalities: Ignored = None
    prompt_cache_key: Ignored = None
    safety_identifier: Ignored = None
