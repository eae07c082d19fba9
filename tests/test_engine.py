"""Engine: wiring, input checks, abstention, citations, and index reuse/rebuild (fake embedder)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ciie_qa.bridge import build_glossary
from ciie_qa.config import RetrievalMode, Settings, StaleIndexPolicy
from ciie_qa.corpus import load_corpus
from ciie_qa.engine import Engine, _in_other_language, index_status, open_index
from ciie_qa.errors import IndexUnusableError, UnknownDocumentError, UserInputError
from ciie_qa.reader import analyze
from ciie_qa.retrieval import MultilingualQuery, MultilingualRetriever
from ciie_qa.schema import Language, Reply
from fakes import ConceptEmbedder, HashingEmbedder

EN_ARTICLE = """---
id: en-fair
title: "Trade fair closes"
date: 2025-11-10
source: Test Wire
language: en
---

The 3rd Example Trade Fair closed in Lisbon on Nov. 9, 2025.
The fair attracted 1,250 exhibitors from 64 countries and regions.
Intended deals reached $12.5 billion, up 8 percent from last year.
Maria Silva, director of the Example Trade Agency, said the fair helps small firms.
"""

ZH_ARTICLE = """---
id: zh-fair
title: "博览会闭幕"
date: 2025-11-10
source: 测试社
language: zh
---

第三届示例博览会在里斯本闭幕。
本届博览会共有64个国家和地区参与,1250家企业参展,展览面积超过12万平方米。
消费品展区以“更好生活”为主题。
"""


def _write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "en-fair.md").write_text(EN_ARTICLE, encoding="utf-8")
    (folder / "zh-fair.md").write_text(ZH_ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        corpus_dir=_write_corpus(tmp_path / "corpus"),
        index_dir=tmp_path / "index",
        model="fake-hashing",
        abstain_threshold=0.3,
        chunk_tokens=64,
        chunk_overlap_tokens=8,
    )


@pytest.fixture
def engine(settings: Settings) -> Engine:
    embedder = HashingEmbedder()
    articles = load_corpus(settings.corpus_dir)
    return Engine(settings, open_index(settings, articles, embedder), embedder)


def _assert_verbatim(engine: Engine, reply: Reply) -> None:
    if reply.answer_span is not None:
        text = engine.article(reply.answer_span.doc_id).text
        assert text[reply.answer_span.start : reply.answer_span.end] == reply.answer
    for citation in reply.citations:
        text = engine.article(citation.doc_id).text
        assert text[citation.start : citation.end] == citation.text
    for hit in reply.passages:
        text = engine.article(hit.chunk.doc_id).text
        assert text[hit.chunk.start : hit.chunk.end] == hit.chunk.text


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("How many exhibitors did the fair attract?", "1,250"),
        ("When did the 3rd Example Trade Fair close?", "Nov. 9, 2025"),
        ("Who is Maria Silva?", "director of the Example Trade Agency"),
        ("多少家企业参展?", "1250家"),
        ("展览面积有多大?", "超过12万平方米"),
    ],
)
def test_engine_answers_with_verbatim_cited_spans(
    engine: Engine, question: str, answer: str
) -> None:
    reply = engine.ask(question)
    assert not reply.abstained
    assert reply.answer == answer
    assert reply.sentence is not None and answer in reply.sentence
    assert reply.citations[0].text == reply.sentence
    _assert_verbatim(engine, reply)


def test_engine_abstains_when_the_articles_do_not_say(engine: Engine) -> None:
    for question in ("What is the capital of Peru?", "第五届示例博览会有多少家企业参展?"):
        reply = engine.ask(question)
        assert reply.abstained, question
        assert reply.answer is None and reply.answer_span is None and reply.citations == ()


def test_engine_reports_the_resolved_followup(engine: Engine) -> None:
    reply = engine.ask("那展览面积呢?", ["本届博览会有多少家企业参展?"])
    assert reply.resolved_question != reply.question
    assert "展览面积" in reply.resolved_question
    assert reply.answer == "超过12万平方米"


def test_a_long_chain_of_fragments_does_not_trip_the_length_limit(engine: Engine) -> None:
    # Each fragment grows the resolved question; only what the user typed has a length limit.
    history = ["Who opened the fair?", *["And the stalls from the coastal towns up north?"] * 12]
    reply = engine.ask("What is her title?", history)
    assert len(reply.resolved_question) > 0


def test_engine_returns_top_k_passages_with_side_scores(engine: Engine) -> None:
    reply = engine.ask("How many exhibitors did the fair attract?", top_k=2)
    assert len(reply.passages) == 2
    assert any(hit.lexical is not None for hit in reply.passages)
    assert reply.timings_ms.total >= reply.timings_ms.read


@pytest.mark.parametrize("mode", list(RetrievalMode))
def test_engine_answers_in_every_retrieval_mode(engine: Engine, mode: RetrievalMode) -> None:
    reply = engine.ask("How many exhibitors did the fair attract?", mode=mode)
    _assert_verbatim(engine, reply)
    if mode is RetrievalMode.LEXICAL:
        assert all(hit.dense is None for hit in reply.passages)


@pytest.mark.parametrize(
    ("question", "history", "top_k", "message"),
    [
        ("", (), None, "empty"),
        ("   ", (), None, "empty"),
        ("x" * 501, (), None, "limit is 500"),
        ("ok?", (), 0, "top_k"),
        ("ok?", (), 51, "top_k"),
        ("ok?", ["q"] * 21, None, "history"),
        ("ok?", ["x" * 501], None, "history item"),
        ("\ud800 how many?", (), None, "not valid text"),
        ("ok?", ["\udfff"], None, "not valid text"),
    ],
)
def test_engine_rejects_bad_input(
    engine: Engine, question: str, history: list[str], top_k: int | None, message: str
) -> None:
    with pytest.raises(UserInputError, match=message):
        engine.ask(question, history, top_k=top_k)


def test_engine_unknown_document(engine: Engine) -> None:
    with pytest.raises(UnknownDocumentError):
        engine.article("nope")
    assert engine.article("zh-fair").title == "博览会闭幕"


def test_index_is_reused_when_fresh_and_rebuilt_when_the_corpus_changes(settings: Settings) -> None:
    embedder = HashingEmbedder()
    articles = load_corpus(settings.corpus_dir)
    open_index(settings, articles, embedder)
    first_build = (settings.index_dir / "current").resolve()
    open_index(settings, articles, embedder)
    assert (settings.index_dir / "current").resolve() == first_build

    (settings.corpus_dir / "zh-fair.md").write_text(ZH_ARTICLE + "新增一句。\n", encoding="utf-8")
    changed = load_corpus(settings.corpus_dir)
    assert index_status(settings, changed, embedder)
    open_index(settings, changed, embedder)
    assert (settings.index_dir / "current").resolve() != first_build
    assert index_status(settings, changed, embedder) == []


def test_stale_index_is_reported_not_rebuilt_under_the_error_policy(settings: Settings) -> None:
    embedder = HashingEmbedder()
    open_index(settings, load_corpus(settings.corpus_dir), embedder)
    strict = settings.model_copy(update={"on_stale_index": StaleIndexPolicy.ERROR})
    other_model = HashingEmbedder(name="another-model")
    with pytest.raises(IndexUnusableError, match="model changed"):
        open_index(strict, load_corpus(settings.corpus_dir), other_model)


def test_an_english_question_is_answered_from_the_chinese_article(settings: Settings) -> None:
    embedder = HashingEmbedder()
    index = open_index(settings, load_corpus(settings.corpus_dir), embedder)
    glossary = build_glossary((a.text for a in index.articles), index.knows)
    question = "How large was the exhibition area?"

    reply = Engine(settings, index, embedder, glossary).ask(question)

    assert not reply.abstained
    assert reply.answer == "超过12万平方米"
    assert reply.answer_span is not None and reply.answer_span.doc_id == "zh-fair"
    article = index.articles[[a.doc_id for a in index.articles].index("zh-fair")].text
    assert article[reply.answer_span.start : reply.answer_span.end] == reply.answer
    # Without the glossary the English words meet nothing in the Chinese article.
    assert Engine(settings, index, embedder).ask(question).abstained


def test_the_multilingual_side_finds_and_reads_the_other_languages_article(
    settings: Settings,
) -> None:
    # No glossary: only the multilingual model links "exhibition area" to 展览面积.
    embedder = HashingEmbedder()
    multilingual = ConceptEmbedder([["exhibition", "展览"], ["area", "面积"]], language_bias=0.5)
    articles = load_corpus(settings.corpus_dir)
    index = open_index(settings, articles, embedder, multilingual)
    answering = settings.model_copy(update={"abstain_threshold": 0.0})
    question = "How large was the exhibition area?"

    reply = Engine(answering, index, embedder, multilingual=multilingual).ask(question)

    assert reply.answer == "超过12万平方米"
    assert reply.answer_span is not None and reply.answer_span.doc_id == "zh-fair"
    assert multilingual.queries == [question]
    assert Engine(answering, index, embedder, multilingual=multilingual).model_name == (
        "fake-hashing + fake-concepts"
    )
    assert Engine(answering, index, embedder).model_name == "fake-hashing"
    without = Engine(answering, index, embedder).ask(question).answer_span
    assert without is None or without.doc_id != "zh-fair"


def test_the_multilingual_side_takes_no_part_in_the_one_side_modes(settings: Settings) -> None:
    embedder, multilingual = HashingEmbedder(), ConceptEmbedder([["area", "面积"]])
    index = open_index(settings, load_corpus(settings.corpus_dir), embedder, multilingual)
    engine = Engine(settings, index, embedder, multilingual=multilingual)
    for mode in (RetrievalMode.LEXICAL, RetrievalMode.DENSE):
        engine.ask("How large was the exhibition area?", mode=mode)
    assert multilingual.queries == []


@pytest.mark.parametrize(
    ("question", "language"),
    [("How large was the exhibition area?", Language.EN), ("展览面积有多大?", Language.ZH)],
)
def test_the_multilingual_side_ranks_the_questions_own_language_first(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, question: str, language: Language
) -> None:
    embedder, multilingual = HashingEmbedder(), ConceptEmbedder([["area", "面积"]])
    index = open_index(settings, load_corpus(settings.corpus_dir), embedder, multilingual)
    asked: list[Language] = []
    rankings = MultilingualRetriever.rankings

    def spy(self: MultilingualRetriever, query: MultilingualQuery, n: int) -> list[list[int]]:
        asked.append(query.language)
        return rankings(self, query, n)

    monkeypatch.setattr(MultilingualRetriever, "rankings", spy)
    Engine(settings, index, embedder, multilingual=multilingual).ask(question)
    assert asked == [language]


def test_an_engine_with_a_multilingual_model_needs_an_index_built_with_it(
    settings: Settings,
) -> None:
    embedder = HashingEmbedder()
    index = open_index(settings, load_corpus(settings.corpus_dir), embedder)
    with pytest.raises(ValueError, match="no such side"):
        Engine(settings, index, embedder, multilingual=ConceptEmbedder([["area", "面积"]]))


def test_the_index_is_rebuilt_when_the_multilingual_model_changes(settings: Settings) -> None:
    embedder, multilingual = HashingEmbedder(), ConceptEmbedder([["area", "面积"]])
    articles = load_corpus(settings.corpus_dir)
    assert open_index(settings, articles, embedder).multilingual is None
    assert index_status(settings, articles, embedder, multilingual) == [
        "multilingual model changed: none -> fake-concepts"
    ]
    assert open_index(settings, articles, embedder, multilingual).multilingual is not None
    assert index_status(settings, articles, embedder, multilingual) == []


def test_the_model_has_no_say_on_sentences_of_a_language_it_does_not_read(
    settings: Settings,
) -> None:
    english_only = settings.model_copy(update={"model_languages": [Language.EN]})
    embedder = HashingEmbedder()
    index = open_index(english_only, load_corpus(settings.corpus_dir), embedder)
    engine = Engine(english_only, index, embedder)
    vector = embedder.embed(["exhibition area"])[0]
    language = {a.doc_id: a.language for a in index.articles}
    readable = english_only.dense_languages()
    for row, sentence in enumerate(index.sentences):
        similarity = engine._sentence_similarity(row, vector)
        assert (similarity is None) == (language[sentence.doc_id] not in readable)
    assert {language[s.doc_id] for s in index.sentences} - readable  # both kinds were seen


LONG_SENTENCE_ARTICLE = """---
id: zh-long
title: "论坛发布报告"
date: 2025-11-10
source: 测试社
language: zh
---

示例论坛今年首次举办海洋分论坛,支持沿海城市加强港口合作,聚焦渔业资源可持续利用,推动航运绿色转型,鼓励青年学者参与海洋治理研究,论坛期间发布的《海洋合作报告2025》还设立专章“蓝色伙伴关系新路径”,为沿海国家在经济增长、生态保护和社会公平之间寻找平衡提供参考。
论坛为期两天。
"""


def test_a_sentence_longer_than_a_chunk_is_still_read(tmp_path: Path) -> None:
    # The sentence exceeds the 64-token chunk budget, so no single chunk holds all of it.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "zh-long.md").write_text(LONG_SENTENCE_ARTICLE, encoding="utf-8")
    settings = Settings(
        corpus_dir=corpus,
        index_dir=tmp_path / "index",
        model="fake-hashing",
        chunk_tokens=64,
        chunk_overlap_tokens=8,
    )
    embedder = HashingEmbedder()
    index = open_index(settings, load_corpus(corpus), embedder)
    long_sentence = max(index.sentences, key=lambda s: s.end - s.start)
    holders = [
        c for c in index.chunks if c.start <= long_sentence.start <= long_sentence.end <= c.end
    ]
    assert holders == []

    reply = Engine(settings, index, embedder).ask("《海洋合作报告2025》设立的专章题目是什么?")

    assert reply.answer == "蓝色伙伴关系新路径"
    assert reply.sentence == long_sentence.text


def test_a_question_in_traditional_script_is_read_as_the_articles_are_written(
    engine: Engine,
) -> None:
    reply = engine.ask("展覽面積有多大？")
    # Read in simplified script; shown as typed, since nothing was resolved.
    assert reply.question == reply.resolved_question == "展覽面積有多大？"
    assert reply.answer == "超过12万平方米"
    followup = engine.ask("那展覽面積呢?", ["本屆博覽會有多少家企業參展?"])
    assert "展览面积" in followup.resolved_question
    assert followup.answer == "超过12万平方米"


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("Ｈｏｗ ｍａｎｙ ｅｘｈｉｂｉｔｏｒｓ ｄｉｄ ｔｈｅ ｆａｉｒ ａｔｔｒａｃｔ？", "1,250"),
        ("１２５０家企业来自多少个国家和地区？", "64个"),
        # Only the width changes: "㎡" and "①" are no numbers the evidence must hold.
        ("展览面积有多少㎡？", "超过12万平方米"),
        ("① 展览面积有多少平方米？", "超过12万平方米"),
        ("展览面积 有 多大 呀？", "超过12万平方米"),
    ],
)
def test_full_width_letters_and_digits_read_as_the_usual_ones(
    engine: Engine, question: str, answer: str
) -> None:
    reply = engine.ask(question)
    assert reply.answer == answer
    assert reply.resolved_question == question


def test_an_article_written_in_traditional_script_is_read_and_quoted_as_written(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "zh-fair.md").write_text(
        ZH_ARTICLE.replace("第三届示例博览会在里斯本闭幕", "第三屆示例博覽會在里斯本閉幕").replace(
            "本届博览会共有64个国家和地区参与,1250家企业参展,展览面积超过12万平方米",
            "本屆博覽會共有64個國家和地區參與,1250家企業參展,展覽面積超過12萬平方米",
        ),
        encoding="utf-8",
    )
    settings = Settings(
        corpus_dir=corpus, index_dir=tmp_path / "index", model="fake-hashing", abstain_threshold=0.3
    )
    embedder = HashingEmbedder()
    engine = Engine(settings, open_index(settings, load_corpus(corpus), embedder), embedder)
    # The reader reads the article in simplified characters and cuts its answer from the
    # article as written, in either script of question.
    for question, history in [
        ("那展览面积呢?", ["本届博览会有多少家企业参展?"]),
        ("那展覽面積呢?", ["本屆博覽會有多少家企業參展?"]),
    ]:
        reply = engine.ask(question, history)
        assert "展览面积" in reply.resolved_question  # the question as it was read
        assert reply.answer == "超過12萬平方米"
        assert reply.sentence is not None and "展覽面積超過12萬平方米" in reply.sentence
        _assert_verbatim(engine, reply)
    assert engine.ask("多少家企業參展?").answer == "1250家"
    assert engine.ask("第几届博览会在里斯本闭幕?").answer == "第三屆"


MUSEUM_ARTICLE = """---
id: zh-museum
title: "博物馆特展开幕"
date: 2025-11-12
source: 测试社
language: zh
---

省博物馆特展今天开幕,门票每张30元,学生半价。
"""


def test_a_question_about_one_articles_matter_is_not_answered_from_another(
    settings: Settings,
) -> None:
    fair = "\n".join(f"第{n}天,示例博览会迎来观众{n}万人次。" for n in range(1, 31))
    zh_fair = ZH_ARTICLE + fair + "\n"
    settings.corpus_dir.joinpath("zh-fair.md").write_text(zh_fair, encoding="utf-8")
    settings.corpus_dir.joinpath("zh-museum.md").write_text(MUSEUM_ARTICLE, encoding="utf-8")
    embedder = HashingEmbedder()
    engine = Engine(
        settings, open_index(settings, load_corpus(settings.corpus_dir), embedder), embedder
    )
    assert engine.ask("特展门票多少钱?", []).answer == "30元"
    # the fair's ticket, which no article gives; the museum's article never names the fair
    assert engine.ask("示例博览会的门票每张多少钱?", []).abstained


def test_a_measure_asked_for_is_looked_for_by_its_name_in_the_other_language() -> None:
    # "floor space" translates to nothing the Chinese article writes; asked as an area, the
    # question looks for "面积" there (English for a Chinese question: "area")
    question = replace(
        analyze("How big was the floor space?"), translations={"floor": (frozenset({"~地板"}),)}
    )
    assert "~面积" in _in_other_language(question)
    question = replace(
        analyze("展馆占地面积有多大？"), translations={"展馆": (frozenset({"pavilion"}),)}
    )
    assert "area" in _in_other_language(question)
    # a count names no measure
    question = replace(
        analyze("How many firms came?"), translations={"firm": (frozenset({"~企业"}),)}
    )
    assert _in_other_language(question) == ["~企业"]
