"""The engine: the one place that wires corpus, index, retrieval, reader and chat together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ciie_qa.config import RetrievalMode
from ciie_qa.schema import Article, Reply


class QAEngine(Protocol):
    """What the CLI, the HTTP service and the eval runner need from an engine.

    ``ask`` raises ``UserInputError`` for a question the user must fix (empty, too long, too
    much history, bad top_k) and ``UnknownDocumentError`` comes from ``article``.
    """

    @property
    def model_name(self) -> str: ...

    def ask(
        self,
        question: str,
        history: Sequence[str] = (),
        *,
        top_k: int | None = None,
        mode: RetrievalMode | None = None,
    ) -> Reply: ...

    def articles(self) -> Sequence[Article]: ...

    def article(self, doc_id: str) -> Article: ...
