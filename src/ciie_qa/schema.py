"""Typed records that flow through the pipeline: articles, chunks, hits, spans and replies."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Language(StrEnum):
    """Languages the corpus and the questions may be written in."""

    ZH = "zh"
    EN = "en"


@dataclass(frozen=True)
class Article:
    """One article of the corpus: metadata plus the exact text every offset refers to."""

    doc_id: str
    title: str
    date: str  # ISO 8601: "2025-11-11" or "2025-11-11T14:30:37"
    source: str
    language: Language
    text: str
    path: str = ""  # where it was read from, for messages only


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article; ``article.text[start:end] == text``."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """A retrieval unit: whole sentences of one article within a token budget."""

    chunk_id: str
    doc_id: str
    start: int
    end: int
    text: str
    n_tokens: int


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and the score of each side (None: not ranked)."""

    chunk: Chunk
    score: float
    dense: float | None
    lexical: float | None


@dataclass(frozen=True)
class Span:
    """A verbatim piece of an article: ``article.text[start:end] == text``."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Citation:
    """A span with the title of its article, as shown to the user."""

    doc_id: str
    title: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ReadingSignals:
    """What the reader's confidence is made of, for its best sentence: the calibration's input.

    ``score`` is the reader's own product of the others (the confidence when uncalibrated).
    """

    score: float
    relevance: float  # how well the sentence covers the question's words (and meaning)
    span_quality: float  # how well the chosen span fits the question's shape
    # Factor for the question's names, numbers and dates met or missed, and for its words that
    # the corpus never uses.
    anchors: float
    unseen: float  # the part of ``anchors`` for question words the corpus never uses
    answer_type: str
    chinese_question: bool
    sentence_chars: int


@dataclass(frozen=True)
class Reading:
    """What the reader found: the answer span, the sentence holding it, and a confidence."""

    answer: Span | None
    sentence: Span | None
    confidence: float
    supporting: tuple[Span, ...] = ()  # further sentences worth citing, best first
    signals: ReadingSignals | None = None  # None when there was nothing to read


@dataclass(frozen=True)
class Timings:
    """Wall-clock milliseconds per stage of one answer."""

    embed: float = 0.0
    retrieve: float = 0.0
    read: float = 0.0
    total: float = 0.0


@dataclass(frozen=True)
class Reply:
    """The answer to one question; ``to_dict`` gives the documented JSON reply object."""

    question: str
    # What retrieval used: the follow-up resolved, a request taken off; the question as typed
    # when neither changed it (its width, script and case are rewritten for reading unshown).
    resolved_question: str
    answer: str | None
    answer_span: Span | None
    sentence: str | None
    abstained: bool
    confidence: float
    citations: tuple[Citation, ...]
    passages: tuple[Hit, ...]
    timings_ms: Timings = field(default_factory=Timings)
    # What the confidence was computed from (for fitting the calibration; not in the API).
    signals: ReadingSignals | None = None

    def to_dict(self) -> dict[str, Any]:
        """The reply object of the API: plain JSON types only."""
        span = self.answer_span
        return {
            "question": self.question,
            "resolved_question": self.resolved_question,
            "answer": self.answer,
            "answer_span": None if span is None else _span_dict(span),
            "sentence": self.sentence,
            "abstained": self.abstained,
            "confidence": round(self.confidence, 4),
            "citations": [asdict(c) for c in self.citations],
            "passages": [_passage_dict(hit) for hit in self.passages],
            "timings_ms": {k: round(v, 3) for k, v in asdict(self.timings_ms).items()},
        }


def _passage_dict(hit: Hit) -> dict[str, Any]:
    chunk = hit.chunk
    return {
        "doc_id": chunk.doc_id,
        "chunk_id": chunk.chunk_id,
        "start": chunk.start,
        "end": chunk.end,
        "text": chunk.text,
        "score": round(hit.score, 6),
        "scores": {"dense": _round_or_none(hit.dense), "lexical": _round_or_none(hit.lexical)},
    }


def _span_dict(span: Span) -> dict[str, Any]:
    return {"doc_id": span.doc_id, "start": span.start, "end": span.end}


def _round_or_none(value: float | None) -> float | None:
    return None if value is None else round(value, 6)
