"""The real engine (bundled model, real FAISS) over every gold question: every reply is verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest

from ciie_qa.config import Settings
from ciie_qa.engine import Engine
from ciie_qa.evaluation import load_gold
from ciie_qa.schema import Reply

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    index_dir = tmp_path_factory.mktemp("index")
    return Engine.from_settings(Settings(corpus_dir=REPO / "corpus", index_dir=index_dir))


def _check_verbatim(engine: Engine, reply: Reply) -> None:
    span = reply.answer_span
    if span is not None:
        assert engine.article(span.doc_id).text[span.start : span.end] == reply.answer
        assert reply.sentence is not None and reply.answer in reply.sentence
        assert reply.citations and reply.citations[0].text == reply.sentence
    else:
        assert reply.abstained and reply.answer is None and reply.citations == ()
    for citation in reply.citations:
        assert engine.article(citation.doc_id).text[citation.start : citation.end] == citation.text
    for hit in reply.passages:
        chunk = hit.chunk
        assert engine.article(chunk.doc_id).text[chunk.start : chunk.end] == chunk.text
    assert 0.0 <= reply.confidence <= 1.0


def test_every_gold_question_gets_a_verbatim_reply(engine: Engine) -> None:
    items = load_gold(REPO / "eval" / "gold.jsonl")
    assert len(items) >= 150
    for item in items:
        reply = engine.ask(item.question, item.history)
        _check_verbatim(engine, reply)


@pytest.mark.parametrize(
    "question",
    ["?", "🙂🙂", "的的的", "the of and", "x" * 500, "进博会" * 100, "What?\nWhy?\tHow?"],
)
def test_odd_questions_get_a_verbatim_reply_or_abstention(engine: Engine, question: str) -> None:
    _check_verbatim(engine, engine.ask(question))
