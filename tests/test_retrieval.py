"""Tests for retrieval: fusion by hand, FAISS against brute force, BM25 against a naive scorer."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest

from ciie_qa.config import RetrievalMode
from ciie_qa.index import Bm25, SearchIndex, build_index
from ciie_qa.retrieval import (
    DenseRetriever,
    HybridRetriever,
    LexicalRetriever,
    MultilingualQuery,
    MultilingualRetriever,
    reciprocal_rank_fusion,
    relative_similarity,
    rows_by_language,
)
from ciie_qa.schema import Article, Language
from fakes import ConceptEmbedder, KeywordEmbedder

VOCABULARY = ["expo", "deal", "tariff"]
# Dense (keywords only) prefers the deals article; BM25 prefers the Chinese one (上海, 展商).
MIXED_QUERY = "上海 展商 expo deal"


def _article(doc_id: str, text: str, language: Language = Language.EN) -> Article:
    return Article(doc_id, doc_id.upper(), "2025-11-05", "test", language, text)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    articles = [
        _article("a1", "The expo opened in Shanghai on Nov. 5. Tariffs were cut on imports."),
        _article("a2", "进博会在上海开幕。展商数量创新高，达到4108家。", Language.ZH),
        _article("a3", "Exhibitors signed deals at the expo.\nDeals worth 83.49 billion dollars."),
    ]
    return build_index(articles, KeywordEmbedder(VOCABULARY), chunk_tokens=160, overlap_tokens=16)


@pytest.fixture
def hybrid(index: SearchIndex) -> HybridRetriever:
    return HybridRetriever(DenseRetriever(index), LexicalRetriever(index))


def _vector(text: str) -> np.ndarray:
    return KeywordEmbedder(VOCABULARY).embed([text])[0]


# --- reciprocal rank fusion, worked by hand -----------------------------------------------------


def test_rrf_sums_reciprocal_ranks_across_rankings() -> None:
    # k=1: item 1 -> 1/2 + 1/3, item 3 -> 1/4 + 1/2, item 2 -> 1/3
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1]], [1.0, 1.0], k=1.0)
    assert [item for item, _ in fused] == [1, 3, 2]
    assert [score for _, score in fused] == pytest.approx([5 / 6, 3 / 4, 1 / 3])


def test_rrf_weights_scale_each_ranking() -> None:
    # weights 2 and 1, k=1: item 1 -> 2/2 + 1/3, item 3 -> 2/4 + 1/2, item 2 -> 2/3
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1]], [2.0, 1.0], k=1.0)
    assert fused == [
        (1, pytest.approx(4 / 3)),
        (3, pytest.approx(1.0)),
        (2, pytest.approx(2 / 3)),
    ]


@pytest.mark.parametrize(("rankings", "expected"), [([[5], [7]], [5, 7]), ([[7], [5]], [7, 5])])
def test_rrf_breaks_ties_by_first_appearance(
    rankings: list[list[int]], expected: list[int]
) -> None:
    fused = reciprocal_rank_fusion(rankings, [1.0, 1.0], k=60.0)
    assert [item for item, _ in fused] == expected


def test_rrf_ignores_a_ranking_with_zero_weight() -> None:
    assert reciprocal_rank_fusion([[1, 2], [3]], [0.0, 1.0], k=1.0) == [(3, 0.5)]


def test_rrf_counts_only_the_first_position_of_a_repeated_item() -> None:
    assert reciprocal_rank_fusion([[4, 4]], [1.0], k=1.0) == [(4, 0.5)]


def test_rrf_rejects_a_weight_count_that_differs_from_the_rankings() -> None:
    with pytest.raises(ValueError, match="2 rankings but 1 weights"):
        reciprocal_rank_fusion([[1], [2]], [1.0], k=60.0)


def test_rrf_of_nothing_is_empty() -> None:
    assert reciprocal_rank_fusion([], [], k=60.0) == []


# --- dense: FAISS against NumPy brute force -----------------------------------------------------


def test_dense_top_k_equals_numpy_brute_force(index: SearchIndex) -> None:
    import faiss

    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(200, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    dense = faiss.IndexFlatIP(16)
    dense.add(vectors)
    retriever = DenseRetriever(_with_dense(index, dense))
    for query in rng.normal(size=(5, 16)).astype(np.float32):
        query /= np.linalg.norm(query)
        expected = np.argsort(-(vectors @ query), kind="stable")[:10]
        found = retriever.search(query, 10)
        assert [row for row, _ in found] == expected.tolist()
        assert [s for _, s in found] == pytest.approx((vectors @ query)[expected], abs=1e-5)


def _with_dense(index: SearchIndex, dense: object) -> SearchIndex:
    from dataclasses import replace

    return replace(index, dense=dense)


def test_dense_search_returns_at_most_the_number_of_chunks(index: SearchIndex) -> None:
    assert len(DenseRetriever(index).search(_vector("expo"), 50)) == len(index.chunks)


def test_dense_search_rejects_a_vector_of_the_wrong_size(index: SearchIndex) -> None:
    with pytest.raises(ValueError, match="dimensions"):
        DenseRetriever(index).search(np.ones(3, dtype=np.float32), 2)


# --- lexical: BM25 against a naive scorer -------------------------------------------------------


def _naive_bm25(
    documents: Sequence[Sequence[str]], query: Sequence[str], k1: float = 1.5, b: float = 0.75
) -> list[float]:
    """Lucene BM25 as bm25s computes it: idf log(1 + (N-df+.5)/(df+.5)), tf/(tf + k1*norm)."""
    n = len(documents)
    average = sum(len(doc) for doc in documents) / n
    scores = []
    for doc in documents:
        score = 0.0
        for term in query:
            df = sum(1 for other in documents if term in other)
            if df == 0:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            tf = doc.count(term)
            score += idf * tf / (tf + k1 * (1 - b + b * len(doc) / average))
        scores.append(score)
    return scores


TOY_CORPUS = [
    ["expo", "shanghai", "expo", "import"],
    ["tariff", "import", "cut"],
    ["deal", "sign", "expo", "billion", "dollar", "deal"],
    ["weather", "sunny"],
]


@pytest.mark.parametrize(
    "query", [["expo"], ["import", "deal"], ["expo", "expo", "tariff"], ["absent"], []]
)
def test_bm25_scores_equal_a_naive_scorer(query: list[str]) -> None:
    scores = Bm25(TOY_CORPUS).scores(query)
    assert scores.tolist() == pytest.approx(_naive_bm25(TOY_CORPUS, query), abs=1e-5)


def test_bm25_idf_of_an_unseen_token_is_the_highest() -> None:
    bm25 = Bm25(TOY_CORPUS)
    assert bm25.idf("absent") == pytest.approx(math.log(1 + 4.5 / 0.5))
    assert bm25.idf("absent") > bm25.idf("tariff") > bm25.idf("expo")


def test_bm25_over_documents_without_tokens_scores_zero() -> None:
    assert Bm25([[], []]).scores(["expo"]).tolist() == [0.0, 0.0]


def test_lexical_search_keeps_only_positive_scores_best_first(index: SearchIndex) -> None:
    found = LexicalRetriever(index).search("tariffs", 10)
    assert [index.chunks[row].doc_id for row, _ in found] == ["a1"]
    assert found[0][1] > 0


def test_lexical_search_matches_chinese_words(index: SearchIndex) -> None:
    found = LexicalRetriever(index).search("展商有多少", 10)
    assert [index.chunks[row].doc_id for row, _ in found] == ["a2"]


# --- hybrid --------------------------------------------------------------------------------------


def test_hybrid_with_zero_dense_reliability_ranks_like_lexical_alone(
    index: SearchIndex, hybrid: HybridRetriever
) -> None:
    lexical = LexicalRetriever(index).search(MIXED_QUERY, 10)
    hits = hybrid.search(
        MIXED_QUERY,
        _vector(MIXED_QUERY),
        top_k=3,
        candidates=10,
        mode=RetrievalMode.HYBRID,
        dense_reliability=0.0,
    )
    assert [h.chunk.chunk_id for h in hits] == [index.chunks[row].chunk_id for row, _ in lexical]
    assert all(h.dense is None for h in hits)


def test_hybrid_with_full_reliability_lets_the_dense_side_vote(
    index: SearchIndex, hybrid: HybridRetriever
) -> None:
    hits = hybrid.search(
        MIXED_QUERY, _vector(MIXED_QUERY), top_k=3, candidates=10, mode=RetrievalMode.HYBRID
    )
    lexical_first = index.chunks[LexicalRetriever(index).search(MIXED_QUERY, 1)[0][0]]
    assert hits[0].chunk.doc_id == "a3" != lexical_first.doc_id
    assert hits[0].dense is not None and hits[0].lexical is not None


def test_hybrid_hit_keeps_each_sides_raw_score(index: SearchIndex, hybrid: HybridRetriever) -> None:
    vector = _vector(MIXED_QUERY)
    dense = dict(DenseRetriever(index).search(vector, 10))
    lexical = dict(LexicalRetriever(index).search(MIXED_QUERY, 10))
    hits = hybrid.search(MIXED_QUERY, vector, top_k=3, candidates=10, mode=RetrievalMode.HYBRID)
    for hit in hits:
        row = index.chunks.index(hit.chunk)
        assert hit.dense == dense.get(row)
        assert hit.lexical == lexical.get(row)


def test_hybrid_returns_at_most_top_k(hybrid: HybridRetriever) -> None:
    hits = hybrid.search(
        MIXED_QUERY, _vector(MIXED_QUERY), top_k=2, candidates=10, mode=RetrievalMode.HYBRID
    )
    assert len(hits) == 2


def test_lexical_mode_scores_are_bm25_scores(hybrid: HybridRetriever) -> None:
    hits = hybrid.search("tariffs", None, top_k=5, candidates=10, mode=RetrievalMode.LEXICAL)
    assert [(h.chunk.doc_id, h.dense) for h in hits] == [("a1", None)]
    assert hits[0].score == hits[0].lexical


def test_dense_mode_scores_are_cosines(hybrid: HybridRetriever) -> None:
    hits = hybrid.search("deal", _vector("deal"), top_k=1, candidates=10, mode=RetrievalMode.DENSE)
    assert hits[0].chunk.doc_id == "a3"
    assert hits[0].score == hits[0].dense == pytest.approx(2 / math.sqrt(5), abs=1e-3)
    assert hits[0].lexical is None


def test_dense_mode_without_a_query_vector_is_an_error(hybrid: HybridRetriever) -> None:
    with pytest.raises(ValueError, match="query vector"):
        hybrid.search("deal", None, top_k=1, candidates=10, mode=RetrievalMode.DENSE)


def _bridged(retriever: HybridRetriever, query: str) -> list[str]:
    hits = retriever.search(
        query,
        _vector(query),
        top_k=1,
        candidates=10,
        mode=RetrievalMode.HYBRID,
        translated=["~展商"],
    )
    return [hit.chunk.doc_id for hit in hits]


def test_hybrid_appends_the_best_passage_of_the_translated_ranking_after_top_k(
    index: SearchIndex,
) -> None:
    sides = (DenseRetriever(index), LexicalRetriever(index))
    assert _bridged(HybridRetriever(*sides), "expo deal") == ["a3", "a2"]
    assert _bridged(HybridRetriever(*sides, bridge_reserve=0), "expo deal") == ["a3"]
    # A translated ranking of weight 0 takes no part: nothing fused, nothing reserved.
    assert _bridged(HybridRetriever(*sides, bridge_weight=0.0), "expo deal") == ["a3"]


# --- the multilingual side ----------------------------------------------------------------------

CONCEPTS = [["exhibitor", "展商"], ["deal", "成交"], ["tariff", "关税"]]


@pytest.fixture(scope="module")
def bilingual() -> SearchIndex:
    articles = [
        _article("e1", "Exhibitors came from far away."),
        _article("e2", "The weather in the city was mild and the streets were busy."),
        _article("z1", "展商来自很多国家。", Language.ZH),
        _article("z2", "关税下调了。", Language.ZH),
    ]
    return build_index(
        articles,
        KeywordEmbedder(VOCABULARY),
        chunk_tokens=160,
        overlap_tokens=16,
        multilingual=ConceptEmbedder(CONCEPTS),
    )


def _query(text: str, language: Language = Language.EN) -> MultilingualQuery:
    return MultilingualQuery(ConceptEmbedder(CONCEPTS).embed_query(text), language)


def _docs(index: SearchIndex, rows: Sequence[int]) -> list[str]:
    return [index.chunks[row].doc_id for row in rows]


def test_multilingual_rankings_come_one_per_language_the_questions_first(
    bilingual: SearchIndex,
) -> None:
    rankings = MultilingualRetriever(bilingual).rankings(_query("exhibitors?"), 10)
    assert [_docs(bilingual, r) for r in rankings] == [["e1", "e2"], ["z1", "z2"]]
    chinese_first = MultilingualRetriever(bilingual).rankings(_query("展商", Language.ZH), 10)
    assert [_docs(bilingual, r) for r in chinese_first] == [["z1", "z2"], ["e1", "e2"]]


def test_multilingual_rankings_keep_at_most_n_per_language(bilingual: SearchIndex) -> None:
    rankings = MultilingualRetriever(bilingual).rankings(_query("exhibitors?"), 1)
    assert [_docs(bilingual, r) for r in rankings] == [["e1"], ["z1"]]


def test_multilingual_retriever_needs_an_index_with_multilingual_vectors(
    index: SearchIndex,
) -> None:
    with pytest.raises(ValueError, match="no multilingual vectors"):
        MultilingualRetriever(index)


def _hybrid_docs(
    retriever: HybridRetriever, query: str, top_k: int, translated: Sequence[str] = ()
) -> list[str]:
    hits = retriever.search(
        query,
        None,
        top_k=top_k,
        candidates=10,
        mode=RetrievalMode.HYBRID,
        translated=translated,
        multilingual=_query(query),
    )
    return [hit.chunk.doc_id for hit in hits]


def test_hybrid_reserves_the_other_languages_best_multilingual_passage(
    bilingual: SearchIndex,
) -> None:
    sides = (DenseRetriever(bilingual), LexicalRetriever(bilingual))
    multilingual = MultilingualRetriever(bilingual)
    # One ranking over both languages would put the unrelated English e2 above the Chinese
    # answer z1 (the fake, like the real model, favours the question's language).
    with_side = HybridRetriever(*sides, multilingual=multilingual, language_reserve=1)
    assert _hybrid_docs(with_side, "exhibitors?", 1) == ["e1", "z1"]
    # Only the other language's passages are reserved, as many as language_reserve says.
    assert _hybrid_docs(
        HybridRetriever(*sides, multilingual=multilingual, language_reserve=2), "exhibitors?", 1
    ) == ["e1", "z1", "z2"]
    unreserved = HybridRetriever(*sides, multilingual=multilingual, language_reserve=0)
    assert _hybrid_docs(unreserved, "exhibitors?", 1) == ["e1"]
    # z1 is reserved by the bridge (its translated words) and by the language ranking: once.
    assert _hybrid_docs(with_side, "exhibitors?", 1, translated=["展商"]) == ["e1", "z1"]
    # Without the side (or with weight 0) the Chinese article is not reached at all.
    assert _hybrid_docs(HybridRetriever(*sides), "exhibitors?", 1) == ["e1"]
    weightless = HybridRetriever(*sides, multilingual=multilingual, multilingual_weight=0.0)
    assert _hybrid_docs(weightless, "exhibitors?", 1) == ["e1"]


def test_each_languages_multilingual_ranking_votes_in_the_fusion(bilingual: SearchIndex) -> None:
    retriever = HybridRetriever(
        DenseRetriever(bilingual),
        LexicalRetriever(bilingual),
        multilingual=MultilingualRetriever(bilingual),
        bridge_reserve=0,
    )
    # BM25 finds nothing and no English chunk mentions tariffs (e2, which speaks of nothing
    # the fake knows, is nearest): the two rankings' firsts (e2, z2) tie ahead of their
    # seconds, and the Chinese ranking puts z2 (关税) ahead of z1.
    assert _hybrid_docs(retriever, "tariff", 4) == ["e2", "z2", "e1", "z1"]


def _relative(cosines: list[float], languages: list[Language]) -> list[float]:
    vector = np.array(cosines, dtype=np.float32)
    return relative_similarity(vector, rows_by_language(languages)).tolist()


def test_rows_by_language_lists_each_languages_rows() -> None:
    groups = rows_by_language([Language.ZH, Language.EN, Language.ZH])
    assert [rows.tolist() for rows in groups] == [[1], [0, 2]]


def test_relative_similarity_scales_each_language_from_its_median_to_its_best() -> None:
    # en: median 0.82 (not the mean 0.838), best 0.90; (0.86 - 0.82) / 0.08 = 0.5, times the
    # absolute part (0.86 - 0.75) / 0.15 = 0.7333 -> 0.3667. zh: median 0.88, best 0.90.
    cosines = [0.80, 0.81, 0.82, 0.86, 0.90, 0.86, 0.88, 0.90]
    languages = [Language.EN] * 5 + [Language.ZH] * 3
    assert _relative(cosines, languages) == pytest.approx(
        [0.0, 0.0, 0.0, 0.3667, 1.0, 0.0, 0.0, 1.0], abs=1e-3
    )


def test_relative_similarity_is_zero_where_nothing_stands_above_unrelated_text() -> None:
    assert _relative([0.70, 0.72, 0.74], [Language.EN] * 3) == [0.0, 0.0, 0.0]


def test_a_language_with_one_sentence_counts_by_the_absolute_part_alone() -> None:
    scaled = _relative([0.80, 0.90, 0.84], [Language.EN, Language.EN, Language.ZH])
    assert scaled == pytest.approx([0.0, 1.0, 0.6], abs=1e-5)  # zh: (0.84 - 0.75) / 0.15


def test_a_nan_cosine_counts_as_unrelated_and_spoils_nothing_else() -> None:
    scaled = _relative([0.80, float("nan"), 0.90], [Language.EN] * 3)
    assert scaled == pytest.approx([0.0, 0.0, 1.0], abs=1e-5)


def test_sentence_similarity_scales_every_sentences_cosine_within_its_language(
    bilingual: SearchIndex,
) -> None:
    query = _query("exhibitors?")
    assert bilingual.multilingual is not None
    cosines = bilingual.multilingual.sentences @ query.vector
    languages = [bilingual.article(s.doc_id).language for s in bilingual.sentences]
    expected = relative_similarity(cosines, rows_by_language(languages))
    found = MultilingualRetriever(bilingual).sentence_similarity(query)
    assert found.shape == (len(bilingual.sentences),)
    assert found == pytest.approx(expected)


def test_hybrid_reads_the_passage_holding_the_questions_words_best_in_any_case(
    index: SearchIndex,
) -> None:
    # A Chinese question whose own words only a2 holds; the other rankings (here the dense
    # one, weighted far above) can outvote it in the fusion, but it is read all the same.
    sides = (DenseRetriever(index), LexicalRetriever(index))
    outvoted = {"dense_weight": 50.0, "lexical_weight": 0.01, "bridge_reserve": 0}

    def docs(retriever: HybridRetriever) -> list[str]:
        hits = retriever.search(
            "进博会展商",
            _vector("exhibitors deals"),
            top_k=1,
            candidates=10,
            mode=RetrievalMode.HYBRID,
        )
        return [hit.chunk.doc_id for hit in hits]

    assert docs(HybridRetriever(*sides, lexical_reserve=0, **outvoted)) == ["a3"]
    assert docs(HybridRetriever(*sides, **outvoted)) == ["a3", "a2"]
