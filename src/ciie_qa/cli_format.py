"""Human-readable rendering of a reply for the terminal: answer, highlighted sentence, citations."""

from __future__ import annotations

from typing import Protocol

from ciie_qa.schema import Article, Language, Reply
from ciie_qa.tokens import detect_language

_BOLD_YELLOW, _DIM, _RESET = "\033[1;33m", "\033[2m", "\033[0m"


class _Articles(Protocol):
    def article(self, doc_id: str) -> Article: ...


def format_reply(reply: Reply, articles: _Articles, *, color: bool) -> str:
    """The reply as a few readable lines; ``color`` adds ANSI highlighting for a terminal."""
    lines = []
    if reply.resolved_question != reply.question:
        lines.append(f"(understood as: {reply.resolved_question})")
    if reply.abstained or reply.answer is None:
        lines.append(_abstention(reply))
        return "\n".join(lines)
    lines.append(f"Answer: {_mark(reply.answer, color)}")
    lines.append(f"Sentence: {_highlighted_sentence(reply, color)}")
    lines.append("Citations:")
    for number, citation in enumerate(reply.citations, start=1):
        article = articles.article(citation.doc_id)
        lines.append(
            f"  [{number}] {citation.title} ({article.date[:10]}, {article.source}) "
            f"{citation.doc_id} chars {citation.start}-{citation.end}"
        )
        lines.append(f"      “{citation.text}”")
    lines.append(_dim(f"confidence {reply.confidence:.2f}", color))
    return "\n".join(lines)


def _abstention(reply: Reply) -> str:
    if detect_language(reply.question) is Language.ZH:
        return f"文章中没有找到这个问题的答案。(置信度 {reply.confidence:.2f})"
    return f"The articles do not say. (confidence {reply.confidence:.2f})"


def _highlighted_sentence(reply: Reply, color: bool) -> str:
    sentence, span = reply.sentence or "", reply.answer_span
    first = reply.citations[0] if reply.citations else None
    if span is None or first is None or not first.start <= span.start <= span.end <= first.end:
        return sentence
    start, end = span.start - first.start, span.end - first.start
    return sentence[:start] + _mark(sentence[start:end], color) + sentence[end:]


def _mark(text: str, color: bool) -> str:
    return f"{_BOLD_YELLOW}{text}{_RESET}" if color else f"**{text}**"


def _dim(text: str, color: bool) -> str:
    return f"{_DIM}{text}{_RESET}" if color else text
