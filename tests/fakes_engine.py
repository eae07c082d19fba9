"""A deterministic QAEngine for service tests: real Reply objects with verbatim spans."""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from starlette.types import ASGIApp

from ciie_qa.config import RetrievalMode
from ciie_qa.errors import UnknownDocumentError, UserInputError
from ciie_qa.schema import Article, Chunk, Citation, Hit, Language, Reply, Span

EN_TEXT = (
    "The 8th China International Import Expo opened in Shanghai on November 5, 2025.\n"
    "More than 4,108 exhibitors from 155 countries and regions took part this year. "
    "Visitors numbered over 800,000 during the six days of the fair."
)
ZH_TEXT = "第八届中国国际进口博览会于2025年11月5日在上海开幕。本届进博会共有4108家境外企业参展。"
XSS_TEXT = (
    "Organisers wrote <script>window.__pwned = 1</script> in the notes. "
    'The pavilion <img src=x onerror="window.__pwned = 1"> covered 30,000 square metres.'
)

# Keyword in the question -> answer text found verbatim in one article.
ANSWERS = {
    "exhibitors": "4,108 exhibitors",
    "visitors": "over 800,000",
    "企业": "4108家",
    "pavilion": "30,000 square metres",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])|\n")


def sample_articles() -> list[Article]:
    """Three small articles: English, Chinese, and one whose text and title look like HTML."""
    return [
        Article(
            "en-expo", "CIIE opens in Shanghai", "2025-11-05", "Test Wire", Language.EN, EN_TEXT
        ),
        Article("zh-expo", "进博会开幕", "2025-11-05", "测试社", Language.ZH, ZH_TEXT),
        Article(
            "xss-doc", "<img src=x onerror=alert(1)>", "2025-11-06", "Web", Language.EN, XSS_TEXT
        ),
    ]


@dataclass(frozen=True)
class AskCall:
    """One call of ``FakeEngine.ask`` as received."""

    question: str
    history: tuple[str, ...]
    top_k: int | None


class FakeEngine:
    """Answers when the question names a keyword of ``answers``; abstains otherwise.

    A follow-up (non-empty history) is resolved to ``"<last history question> <question>"``.
    ``delay`` seconds of sleep and ``error`` (raised from ``ask``) simulate slow or failing work.
    """

    model_name = "fake-embedder"

    def __init__(
        self,
        articles: Sequence[Article] | None = None,
        answers: Mapping[str, str] = ANSWERS,
        *,
        delay: float = 0.0,
        error: Exception | None = None,
    ) -> None:
        self._articles = list(sample_articles() if articles is None else articles)
        self._answers = dict(answers)
        self.delay = delay
        self.error = error
        self.calls: list[AskCall] = []
        self.ask_started = threading.Event()

    def ask(
        self,
        question: str,
        history: Sequence[str] = (),
        *,
        top_k: int | None = None,
        mode: RetrievalMode | None = None,
    ) -> Reply:
        self.calls.append(AskCall(question, tuple(history), top_k))
        self.ask_started.set()
        time.sleep(self.delay)
        if self.error is not None:
            raise self.error
        if not question.strip():
            raise UserInputError("the question is empty; type a question")
        resolved = f"{history[-1]} {question}" if history else question
        answer = self._find_answer(question) or self._find_answer(resolved)
        if answer is None:
            return _abstention(question, resolved)
        return self._reply(question, resolved, answer)

    def articles(self) -> Sequence[Article]:
        return list(self._articles)

    def article(self, doc_id: str) -> Article:
        for article in self._articles:
            if article.doc_id == doc_id:
                return article
        raise UnknownDocumentError(f"no document '{doc_id}'; list them with GET /v1/documents")

    def _find_answer(self, text: str) -> Span | None:
        for keyword, answer in self._answers.items():
            if keyword.lower() not in text.lower():
                continue
            for article in self._articles:
                start = article.text.find(answer)
                if start >= 0:
                    return Span(article.doc_id, start, start + len(answer), answer)
        return None

    def _reply(self, question: str, resolved: str, answer: Span) -> Reply:
        article = self.article(answer.doc_id)
        sentence = _sentence_around(article, answer)
        citation = Citation(
            article.doc_id, article.title, sentence.start, sentence.end, sentence.text
        )
        chunk = Chunk(
            f"{article.doc_id}:0-{len(article.text)}",
            article.doc_id,
            0,
            len(article.text),
            article.text,
            50,
        )
        return Reply(
            question=question,
            resolved_question=resolved,
            answer=answer.text,
            answer_span=answer,
            sentence=sentence.text,
            abstained=False,
            confidence=0.9,
            citations=(citation,),
            passages=(Hit(chunk, 0.5, 0.8, 3.2),),
        )


def _sentence_around(article: Article, span: Span) -> Span:
    bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(article.text)), len(article.text)]
    start = max(b for b in bounds if b <= span.start)
    end = min(b for b in bounds if b >= span.end)
    text = article.text[start:end].rstrip()
    return Span(article.doc_id, start, start + len(text), text)


def _abstention(question: str, resolved: str) -> Reply:
    return Reply(
        question=question,
        resolved_question=resolved,
        answer=None,
        answer_span=None,
        sentence=None,
        abstained=True,
        confidence=0.1,
        citations=(),
        passages=(),
    )


@contextmanager
def running_server(app: ASGIApp) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread on a free 127.0.0.1 port; yields the base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
