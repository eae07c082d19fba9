"""Scoring one reply against its gold item, and aggregating items into figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ciie_qa import metrics
from ciie_qa.engine import QAEngine
from ciie_qa.errors import UnknownDocumentError
from ciie_qa.evaluation.gold import GoldItem
from ciie_qa.metrics import Region
from ciie_qa.schema import Reply

HEADLINE = (
    ("em", "EM"),
    ("f1", "F1"),
    ("sentence_accuracy", "Sentence acc"),
    ("sentence_cited", "Sentence cited"),
    ("recall_at_1", "R@1"),
    ("recall_at_3", "R@3"),
    ("recall_at_5", "R@5"),
    ("mrr", "MRR"),
    ("citation_precision", "Cite prec"),
    ("abstain_precision", "Abst P"),
    ("abstain_recall", "Abst R"),
    ("abstain_f1", "Abst F1"),
    ("false_abstention_rate", "False abst"),
)
LOWER_IS_BETTER = frozenset({"false_abstention_rate"})


@dataclass(frozen=True)
class ItemRecord:
    """How the system did on one gold item in one retrieval mode."""

    item_id: str
    split: str
    mode: str
    language: str
    type: str
    tags: tuple[str, ...]
    question: str
    history: tuple[str, ...]
    answerable: bool
    gold_answers: tuple[str, ...]
    answer: str | None  # what the system said, even if it then abstained
    abstained: bool
    confidence: float
    em: float  # with abstention credit: None prediction when abstained
    f1: float
    raw_correct: bool  # EM of ``answer`` ignoring abstention (for the threshold sweep)
    sentence_correct: bool
    sentence_cited: bool  # some citation overlaps the evidence (the sentence target)
    first_hit_rank: int | None
    citations_supported: int
    citations_total: int
    latency_ms: float


def score_reply(item: GoldItem, reply: Reply, mode: str, engine: QAEngine) -> ItemRecord:
    """Score one reply against its gold item (pure apart from reading article text)."""
    evidence = [e.region for e in item.evidence]
    prediction = None if reply.abstained else reply.answer
    passages = [(h.chunk.doc_id, h.chunk.start, h.chunk.end) for h in reply.passages]
    cited = [((c.doc_id, c.start, c.end), c.text) for c in reply.citations]
    if reply.abstained:
        cited = []  # an abstention shows no answer, so its citations support nothing
    return ItemRecord(
        item_id=item.id,
        split=item.split,
        mode=mode,
        language=item.language,
        type=item.type,
        tags=item.tags,
        question=item.question,
        history=item.history,
        answerable=item.answerable,
        gold_answers=item.answers,
        answer=reply.answer,
        abstained=reply.abstained,
        confidence=reply.confidence,
        em=metrics.exact_match(prediction, item.answers),
        f1=metrics.f1(prediction, item.answers),
        raw_correct=reply.answer is not None
        and metrics.exact_match(reply.answer, item.answers) == 1,
        sentence_correct=metrics.sentence_correct(_sentence_region(reply, engine), evidence),
        sentence_cited=any(metrics.overlaps_any(region, evidence) for region, _ in cited),
        first_hit_rank=metrics.first_hit_rank(passages, evidence),
        citations_supported=metrics.supported_citations(cited, evidence, item.answers),
        citations_total=len(cited),
        latency_ms=reply.timings_ms.total,
    )


def _sentence_region(reply: Reply, engine: QAEngine) -> Region | None:
    """Locate the reply's sentence in its article (the Reply carries its text, not offsets)."""
    if reply.sentence is None:
        return None
    span = reply.answer_span
    doc_ids = [span.doc_id] if span is not None else [c.doc_id for c in reply.citations]
    for doc_id in dict.fromkeys(doc_ids):
        try:
            text = engine.article(doc_id).text
        except UnknownDocumentError:
            continue
        starts = _occurrences(text, reply.sentence)
        if starts:
            # Prefer the occurrence holding the answer span when the sentence repeats.
            inside = [s for s in starts if span and s <= span.start < s + len(reply.sentence)]
            start = (inside or starts)[0]
            return (doc_id, start, start + len(reply.sentence))
    return None


def _occurrences(text: str, needle: str) -> list[int]:
    starts, at = [], text.find(needle)
    while needle and at >= 0:
        starts.append(at)
        at = text.find(needle, at + 1)
    return starts


@dataclass(frozen=True)
class Scores:
    """Aggregate figures for one group of records; None where a figure is undefined."""

    n: int
    n_answerable: int
    n_unanswerable: int
    em: float
    f1: float
    sentence_accuracy: float | None
    sentence_cited: float | None
    recall_at_1: float | None
    recall_at_3: float | None
    recall_at_5: float | None
    mrr: float | None
    citation_precision: float | None
    abstain_precision: float | None
    abstain_recall: float | None
    abstain_f1: float | None
    false_abstention_rate: float | None
    latency_p50_ms: float
    latency_p95_ms: float


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def aggregate(records: Sequence[ItemRecord]) -> Scores:
    """The figures of one group of records.

    EM/F1 count every item (abstention credit on unanswerable ones); sentence accuracy, recall
    and MRR count answerable items; citation precision is micro-averaged over the citations of
    answered items. A figure with nothing to count is None.
    """
    if not records:
        raise ValueError("cannot aggregate an empty group of records")
    answerable = [r for r in records if r.answerable]
    ranks = [r.first_hit_rank for r in answerable]
    cited = sum(r.citations_total for r in records)
    abstention = metrics.abstention_scores([(r.abstained, r.answerable) for r in records])
    latencies = [r.latency_ms for r in records]
    return Scores(
        n=len(records),
        n_answerable=len(answerable),
        n_unanswerable=len(records) - len(answerable),
        em=sum(r.em for r in records) / len(records),
        f1=sum(r.f1 for r in records) / len(records),
        sentence_accuracy=_mean([float(r.sentence_correct) for r in answerable]),
        sentence_cited=_mean([float(r.sentence_cited) for r in answerable]),
        recall_at_1=_mean([float(k is not None and k <= 1) for k in ranks]),
        recall_at_3=_mean([float(k is not None and k <= 3) for k in ranks]),
        recall_at_5=_mean([float(k is not None and k <= 5) for k in ranks]),
        mrr=_mean([0.0 if k is None else 1.0 / k for k in ranks]),
        citation_precision=sum(r.citations_supported for r in records) / cited if cited else None,
        abstain_precision=abstention.precision if any(r.abstained for r in records) else None,
        abstain_recall=abstention.recall if len(answerable) < len(records) else None,
        abstain_f1=abstention.f1 if len(answerable) < len(records) else None,
        false_abstention_rate=abstention.false_abstention_rate if answerable else None,
        latency_p50_ms=metrics.percentile(latencies, 50),
        latency_p95_ms=metrics.percentile(latencies, 95),
    )


def group_keys(record: ItemRecord) -> list[str]:
    """The groups a record is counted in: overall, language, type, crossing and each tag.

    "crossing:cross-lingual" / "crossing:same-language" report cross-lingual items apart as
    well as in the totals.
    """
    crossing = "cross-lingual" if "cross-lingual" in record.tags else "same-language"
    keys = ["overall", f"language:{record.language}", f"type:{record.type}", f"crossing:{crossing}"]
    return keys + [f"tag:{tag}" for tag in record.tags]


@dataclass(frozen=True)
class EvalReport:
    """All records and their aggregates: ``scores[split][mode][group]`` ("all" = both splits)."""

    metadata: Mapping[str, str]
    scores: Mapping[str, Mapping[str, Mapping[str, Scores]]]
    records: tuple[ItemRecord, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types; what ``report.json`` holds and ``compare_reports`` reads."""
        return {
            "metadata": dict(self.metadata),
            "scores": {
                split: {
                    mode: {group: asdict(s) for group, s in groups.items()}
                    for mode, groups in modes.items()
                }
                for split, modes in self.scores.items()
            },
            "records": [asdict(r) for r in self.records],
        }
