"""Retrieval: dense (FAISS cosine), lexical (BM25), a multilingual dense side ranked within each
language, and their reciprocal-rank fusion."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ciie_qa.config import RetrievalMode
from ciie_qa.index import SearchIndex
from ciie_qa.schema import Hit, Language
from ciie_qa.tokens import lexical_tokens


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]], weights: Sequence[float], k: float
) -> list[tuple[int, float]]:
    """Weighted reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009).

    ``score(d) = sum_i weights[i] / (k + rank_i(d))`` with 1-based ranks; an item only adds
    for the rankings it appears in (its first position counts). Rankings whose weight is not
    positive are ignored, so a side that should not vote adds no items either.

    Args:
        rankings: item ids, best first, one sequence per ranker.
        weights: one non-negative weight per ranking.
        k: smoothing constant (60 in the paper); larger flattens the rank differences.

    Returns:
        ``(item, fused score)`` sorted by score descending, ties by first appearance.
    """
    if len(rankings) != len(weights):
        raise ValueError(f"{len(rankings)} rankings but {len(weights)} weights")
    if k <= 0:
        raise ValueError(f"k must be positive (got {k})")
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        if weight <= 0:
            continue
        seen: set[int] = set()
        for rank, item in enumerate(ranking, start=1):
            if item in seen:
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    # dicts keep insertion order and sorted() is stable: ties stay in order of first appearance
    return sorted(scores.items(), key=lambda pair: -pair[1])


class DenseRetriever:
    """Cosine similarity between a query vector and every chunk vector (exact FAISS search)."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def search(self, query_vector: NDArray[np.float32], n: int) -> list[tuple[int, float]]:
        """The ``n`` chunk rows most similar to ``query_vector``, as ``(row, cosine)``."""
        dense = self.index.dense
        n = min(n, int(dense.ntotal))
        if n <= 0:
            return []
        scores, rows = dense.search(_query_row(query_vector, dense), n)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]


def _query_row(vector: NDArray[np.float32], dense: Any) -> NDArray[np.float32]:
    """``vector`` as the one-row float32 matrix FAISS searches with; ValueError when its size is
    not the index's."""
    query = np.ascontiguousarray(np.asarray(vector, dtype=np.float32).reshape(1, -1))
    if query.shape[1] != dense.d:
        raise ValueError(f"query vector has {query.shape[1]} dimensions, index has {dense.d}")
    return query


@dataclass(frozen=True)
class MultilingualQuery:
    """The question as the multilingual model sees it."""

    vector: NDArray[np.float32]  # its query embedding
    language: Language  # the question's language: its own ranking comes first


class MultilingualRetriever:
    """The multilingual model's cosines, ranked within each article language.

    Across languages its cosines are not comparable: a question scores higher with any text
    in its own language than with the best answer in another one, so one ranking over all
    chunks would bury the other language. Ranked apart, each language's best passages surface;
    the sentences' cosines are likewise scaled within their language for the reader.
    """

    def __init__(self, index: SearchIndex) -> None:
        if index.multilingual is None:
            raise ValueError("the index has no multilingual vectors")
        self._vectors = index.multilingual
        self._languages = [index.article(chunk.doc_id).language for chunk in index.chunks]
        self._sentence_groups = rows_by_language(
            [index.article(sentence.doc_id).language for sentence in index.sentences]
        )

    def rankings(self, query: MultilingualQuery, n: int) -> list[list[int]]:
        """Up to ``n`` chunk rows per article language, best first; the question's own
        language first, then the others in a fixed order."""
        chunks = self._vectors.chunks
        # every chunk: the index is flat, and the other languages' best must be among them
        _, rows = chunks.search(_query_row(query.vector, chunks), chunks.ntotal)
        by_language: dict[Language, list[int]] = {}
        for row in rows[0]:
            if row >= 0:
                by_language.setdefault(self._languages[row], []).append(int(row))
        order = sorted(by_language, key=lambda lang: (lang is not query.language, lang.value))
        return [by_language[lang][:n] for lang in order]

    def sentence_similarity(self, query: MultilingualQuery) -> NDArray[np.float32]:
        """``relative_similarity`` of every sentence row to the question."""
        cosines = self._vectors.sentences @ _query_row(query.vector, self._vectors.chunks)[0]
        return relative_similarity(cosines, self._sentence_groups)


# multilingual-e5 cosines crowd together: ~0.75 for unrelated text, ~0.9 for a paraphrase.
_E5_UNRELATED = 0.75
_E5_SPREAD = 0.15


def rows_by_language(languages: Sequence[Language]) -> list[NDArray[np.intp]]:
    """The row numbers of each language in ``languages``, one array per language present."""
    labels = np.array([lang.value for lang in languages])
    return [np.flatnonzero(labels == label).astype(np.intp) for label in sorted(set(labels))]


def relative_similarity(
    cosines: NDArray[np.float32], groups: Sequence[NDArray[np.intp]]
) -> NDArray[np.float32]:
    """How far each sentence's cosine with the question stands out, from 0 to 1.

    Within each language group the median cosine maps to 0 and the best to 1 (the two
    languages' cosines live on different scales); that is multiplied by how far the cosine
    is above what unrelated text gets, so a group where nothing is close stays near 0. A
    group of one sentence has no median to stand out from: the absolute part alone counts.

    Args:
        cosines: the question's cosine with every sentence (NaN counts as unrelated).
        groups: the rows of each language (``rows_by_language``); together, every row once.
    """
    cosines = np.nan_to_num(cosines.astype(np.float32), nan=0.0)
    relative = np.zeros(len(cosines), dtype=np.float32)
    for rows in groups:
        values = cosines[rows]
        if len(values) == 1:
            relative[rows] = 1.0
            continue
        median, best = float(np.median(values)), float(values.max())
        relative[rows] = np.clip((values - median) / max(best - median, 1e-6), 0.0, 1.0)
    absolute = np.clip((cosines - _E5_UNRELATED) / _E5_SPREAD, 0.0, 1.0)
    scaled: NDArray[np.float32] = (relative * absolute).astype(np.float32)
    return scaled


class LexicalRetriever:
    """BM25 over the chunks' lexical tokens (jieba words and bigrams, English words, numbers)."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index

    def search(self, query: str, n: int) -> list[tuple[int, float]]:
        """The ``n`` best chunk rows with a positive BM25 score, as ``(row, score)``."""
        return self.search_tokens(lexical_tokens(query), n)

    def search_tokens(self, tokens: Sequence[str], n: int) -> list[tuple[int, float]]:
        """Like ``search`` for tokens already made (translations of the question, say)."""
        if n <= 0 or not tokens:
            return []
        scores = self.index.lexical.scores(tokens)
        order = np.argsort(-scores, kind="stable")[:n]  # stable: ties keep text order
        return [(int(row), float(scores[row])) for row in order if scores[row] > 0]


class HybridRetriever:
    """Dense and lexical rankings fused with weighted reciprocal rank fusion.

    Args:
        dense: the dense side.
        lexical: the lexical side (over the same index).
        multilingual: the multilingual side, one ranking per language (None: none).
        rrf_k: the fusion constant.
        dense_weight: weight of the dense ranking (before ``dense_reliability``).
        lexical_weight: weight of the lexical ranking.
        bridge_weight: weight of the lexical ranking by the question's translations.
        bridge_reserve: how many of that ranking's best passages are returned in any case,
            after the fused ``top_k``: the question's own language wins the fusion (two of
            three rankings read it), so the other language's best evidence would go unread.
        multilingual_weight: weight of each per-language multilingual ranking.
        language_reserve: how many of each other language's multilingual ranking are returned
            in any case, after the fused ``top_k`` and the bridge's reserve, for the same reason.
        lexical_reserve: how many of the lexical ranking's best passages are returned in any
            case, first among the reserved: the rankings of many articles in the other
            language (three of them read it) can outvote the passage holding the question's
            own words.
    """

    def __init__(
        self,
        dense: DenseRetriever,
        lexical: LexicalRetriever,
        *,
        rrf_k: float = 60.0,
        dense_weight: float = 1.0,
        lexical_weight: float = 1.0,
        bridge_weight: float = 1.0,
        bridge_reserve: int = 2,
        multilingual: MultilingualRetriever | None = None,
        multilingual_weight: float = 1.0,
        language_reserve: int = 2,
        lexical_reserve: int = 1,
    ) -> None:
        self.lexical_reserve = lexical_reserve
        self.dense = dense
        self.lexical = lexical
        self.multilingual = multilingual
        self.multilingual_weight = multilingual_weight
        self.language_reserve = language_reserve
        self.rrf_k = rrf_k
        self.dense_weight = dense_weight
        self.lexical_weight = lexical_weight
        self.bridge_weight = bridge_weight
        self.bridge_reserve = bridge_reserve

    def search(
        self,
        query: str,
        query_vector: NDArray[np.float32] | None,
        *,
        top_k: int,
        candidates: int,
        mode: RetrievalMode,
        dense_reliability: float = 1.0,
        translated: Sequence[str] = (),
        multilingual: MultilingualQuery | None = None,
    ) -> list[Hit]:
        """The ``top_k`` best chunks for the query.

        Args:
            query: the question text (for BM25).
            query_vector: its embedding; None skips the dense side.
            top_k: how many hits to return.
            candidates: how many chunks each side ranks before fusion.
            mode: both sides fused, or one side alone (its raw score becomes ``Hit.score``).
            dense_reliability: 0 to 1, multiplies the dense weight; the engine passes
                ``1 - embedder.unknown_ratio(query)`` so a model that cannot read the question
                does not vote.
            translated: the question's words in the other language (a third ranking, fused
                in hybrid mode only, so a question can find an article in another language).
            multilingual: the question for the multilingual side (hybrid mode only; None or
                no multilingual retriever: no such side).

        Returns:
            Hits, best first (in hybrid mode followed by up to ``bridge_reserve`` reserved
            passages of the translated ranking and of each other language's multilingual
            ranking); each keeps the raw score of the dense and lexical sides.
        """
        if mode is RetrievalMode.LEXICAL:
            return self._single_side(self.lexical.search(query, top_k), lexical=True)
        if mode is RetrievalMode.DENSE:
            if query_vector is None:
                raise ValueError("dense retrieval needs a query vector")
            return self._single_side(self.dense.search(query_vector, top_k), lexical=False)
        dense_weight = self.dense_weight * min(max(dense_reliability, 0.0), 1.0)
        dense_hits: list[tuple[int, float]] = []
        if query_vector is not None and dense_weight > 0:
            dense_hits = self.dense.search(query_vector, candidates)
        lexical_hits = self.lexical.search(query, candidates)
        # A ranking of weight 0 is left out of the fusion, so its passages are not reserved either.
        bridge_hits = (
            self.lexical.search_tokens(translated, candidates) if self.bridge_weight > 0 else []
        )
        by_language = self._multilingual_rankings(multilingual, candidates)
        fused = reciprocal_rank_fusion(
            [[row for row, _ in hits] for hits in (dense_hits, lexical_hits, bridge_hits)]
            + by_language,
            [dense_weight, self.lexical_weight, self.bridge_weight]
            + [self.multilingual_weight] * len(by_language),
            self.rrf_k,
        )
        # The question's own language wins the fusion; the others' best are read in any case,
        # and so is the passage that holds the question's own words best (with many articles
        # of the other language, their rankings can outvote it).
        reserved = [row for row, _ in lexical_hits[: self.lexical_reserve]]
        reserved += [row for row, _ in bridge_hits[: self.bridge_reserve]]
        for ranking in by_language[1:]:
            reserved += ranking[: self.language_reserve]
        return self._hits(fused, top_k, reserved, dense_hits, lexical_hits)

    def _multilingual_rankings(
        self, query: MultilingualQuery | None, candidates: int
    ) -> list[list[int]]:
        if query is None or self.multilingual is None or self.multilingual_weight <= 0:
            return []
        return self.multilingual.rankings(query, candidates)

    def _hits(
        self,
        fused: list[tuple[int, float]],
        top_k: int,
        reserved: Sequence[int],
        dense_hits: list[tuple[int, float]],
        lexical_hits: list[tuple[int, float]],
    ) -> list[Hit]:
        """The fused ``top_k``, then the reserved rows not among them (in order, each once)."""
        dense_scores, lexical_scores = dict(dense_hits), dict(lexical_hits)
        chunks = self.lexical.index.chunks
        chosen = fused[:top_k]
        taken, fused_scores = {row for row, _ in chosen}, dict(fused)
        for row in reserved:
            if row not in taken:
                chosen.append((row, fused_scores[row]))
                taken.add(row)
        return [
            Hit(chunks[row], score, dense_scores.get(row), lexical_scores.get(row))
            for row, score in chosen
        ]

    def _single_side(self, ranked: list[tuple[int, float]], *, lexical: bool) -> list[Hit]:
        chunks = self.lexical.index.chunks
        return [
            Hit(chunks[row], score, None if lexical else score, score if lexical else None)
            for row, score in ranked
        ]
