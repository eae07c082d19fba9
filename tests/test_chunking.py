"""Tests for sentence splitting and token-budget chunking."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ciie_qa.chunking import TokenCounter, chunk_article, chunk_sentences, split_sentences
from ciie_qa.corpus import load_corpus
from ciie_qa.errors import ConfigError
from ciie_qa.schema import Chunk, Sentence
from ciie_qa.tokens import count_tokens

REAL_CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text, "doc")]


def words(text: str) -> int:
    """A counter that can be worked out by hand: one token per whitespace-separated word."""
    return len(text.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "他说:“我们到了。”然后离开！真的吗？是的；好",
            ["他说:“我们到了。”", "然后离开！", "真的吗？", "是的；", "好"],
        ),
        ("「好。」『走！』（完。）", ["「好。」", "『走！』", "（完。）"]),
        ("真的？！是的。。下一句", ["真的？！", "是的。。", "下一句"]),
        ("阿根廷牛肉……在本届进博会", ["阿根廷牛肉……", "在本届进博会"]),
        ("同比增长23.1%;来自最不发达国家", ["同比增长23.1%;", "来自最不发达国家"]),
        ("增长23.5%。自首届起", ["增长23.5%。", "自首届起"]),
        ("太好了!我们走吧?好", ["太好了!", "我们走吧?", "好"]),
        (
            "本届博览会的蓝鲸X30 AUV(自主水下航行器)。",
            ["本届博览会的蓝鲸X30 AUV(自主水下航行器)。"],
        ),
    ],
)
def test_chinese_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Nov. 10, 2025, the U.S. team arrived. Dr. Smith paid $83.49 for it.",
            ["On Nov. 10, 2025, the U.S. team arrived.", "Dr. Smith paid $83.49 for it."],
        ),
        (
            "Prices rose 0.5 percent! Did they? Yes.",
            ["Prices rose 0.5 percent!", "Did they?", "Yes."],
        ),
        ('He said "Go." Then he left.', ['He said "Go."', "Then he left."]),
        ("It grew 23.1 percent. 163 firms came.", ["It grew 23.1 percent.", "163 firms came."]),
        ("Fruit, e.g. durian, i.e. the king. Etc.", ["Fruit, e.g. durian, i.e. the king.", "Etc."]),
        ("President J. Smith spoke. It ended.", ["President J. Smith spoke.", "It ended."]),
        ("A sentence ends. and this is lower case", ["A sentence ends. and this is lower case"]),
        ("We came; we saw.", ["We came; we saw."]),
        ("2. The second point. It ends.", ["2. The second point.", "It ends."]),
        ("Visit example.com today.", ["Visit example.com today."]),
        ("The expo closed. 进博会闭幕。", ["The expo closed.", "进博会闭幕。"]),
    ],
)
def test_english_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_line_breaks_end_sentences_and_whitespace_is_outside() -> None:
    text = "Heading\nFirst line. Second\n\n\u2003\u2003Caption (Photo/Wang Chu)  \r\nLast"
    assert texts(text) == ["Heading", "First line.", "Second", "Caption (Photo/Wang Chu)", "Last"]


def test_sentence_offsets_index_the_article_text() -> None:
    text = "\u2003\u2003黄浦江畔,“四叶草”如期绽放。\n\nOn Nov. 5, it opened."
    sentences = split_sentences(text, "zh-1")
    assert sentences[0] == Sentence("zh-1", 2, 17, "黄浦江畔,“四叶草”如期绽放。")
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize("text", ["", "   ", "\n\n", " \u2003\n\t \r\n"])
def test_empty_or_blank_text_has_no_sentences(text: str) -> None:
    assert split_sentences(text, "doc") == []


def test_real_articles_split_with_exact_offsets() -> None:
    for article in load_corpus(REAL_CORPUS):
        sentences = split_sentences(article.text, article.doc_id)
        assert all(article.text[s.start : s.end] == s.text for s in sentences)
        assert all(s.text == s.text.strip() for s in sentences)
    en = next(a for a in load_corpus(REAL_CORPUS) if a.language == "en")
    assert "On Nov. 10, 2025, the 8th China International Import Expo (CIIE) concluded." in texts(
        en.text
    )


def chunk(
    text: str, max_tokens: int, overlap_tokens: int = 0, count: TokenCounter = words
) -> list[Chunk]:
    """Chunks of ``text`` (doc id "d"), counting words unless told otherwise."""
    sentences = split_sentences(text, "d")
    return chunk_sentences(
        text, sentences, max_tokens=max_tokens, overlap_tokens=overlap_tokens, count=count
    )


def test_chunks_pack_whole_sentences_with_overlap() -> None:
    text = "A b. C d. E f. G h."
    chunks = chunk(text, max_tokens=4, overlap_tokens=2)
    assert [c.text for c in chunks] == ["A b. C d.", "C d. E f.", "E f. G h."]
    assert [c.n_tokens for c in chunks] == [4, 4, 4]
    assert chunks[1].chunk_id == "d:5-14" and text[5:14] == chunks[1].text


def test_chunks_without_overlap_do_not_repeat() -> None:
    chunks = chunk("A b. C d. E f. G h. I.", max_tokens=4)
    assert [c.text for c in chunks] == ["A b. C d.", "E f. G h.", "I."]


def test_overlap_gives_way_so_the_next_chunk_moves_forward() -> None:
    # "C d." would fit the overlap budget, but then the 3-word next sentence would not fit.
    chunks = chunk("A b. C d. E f g.", max_tokens=4, overlap_tokens=2)
    assert [c.text for c in chunks] == ["A b. C d.", "E f g."]


def test_long_sentence_is_cut_at_clause_punctuation() -> None:
    text = "甲乙丙,丁戊己,庚辛壬。"
    chunks = chunk(text, max_tokens=8, count=len)
    assert [c.text for c in chunks] == ["甲乙丙,丁戊己,", "庚辛壬。"]


def test_long_clause_is_cut_at_token_boundaries() -> None:
    text = "第八届中国国际进口博览会在上海举办规模再创新高各国企业踊跃参展" * 3
    chunks = chunk(text, max_tokens=10, count=count_tokens)
    assert len(chunks) > 1
    assert "".join(c.text for c in chunks) == text
    assert all(c.n_tokens <= 10 for c in chunks)


def test_english_run_is_cut_between_words() -> None:
    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu"
    chunks = chunk(text, max_tokens=3, count=count_tokens)
    assert all(c.n_tokens <= 3 for c in chunks)
    assert " ".join(c.text for c in chunks) == text


def test_unsplittable_piece_becomes_its_own_chunk() -> None:
    # One emoji is several cl100k tokens that cannot be cut without splitting the character.
    chunks = chunk("🎉🎉", max_tokens=1, count=count_tokens)
    assert [c.text for c in chunks] == ["🎉", "🎉"]
    assert all(c.n_tokens > 1 for c in chunks)


def test_no_sentences_give_no_chunks() -> None:
    assert chunk_sentences("", [], max_tokens=10, overlap_tokens=0) == []


@pytest.mark.parametrize(("max_tokens", "overlap_tokens"), [(0, 0), (10, 10), (10, -1)])
def test_unworkable_budgets_are_refused(max_tokens: int, overlap_tokens: int) -> None:
    with pytest.raises(ConfigError, match="chunk"):
        chunk("A b.", max_tokens=max_tokens, overlap_tokens=overlap_tokens)


def test_sentences_of_two_documents_are_refused() -> None:
    sentences = [Sentence("a", 0, 2, "A."), Sentence("b", 3, 5, "B.")]
    with pytest.raises(ValueError, match="one article"):
        chunk_sentences("A. B.", sentences, max_tokens=10, overlap_tokens=0)


def test_real_articles_chunk_within_budget() -> None:
    for article in load_corpus(REAL_CORPUS):
        chunks = chunk_article(article, max_tokens=120, overlap_tokens=30)
        assert all(article.text[c.start : c.end] == c.text for c in chunks)
        assert all(c.n_tokens == count_tokens(c.text) <= 120 for c in chunks)
        assert all(c.chunk_id == f"{article.doc_id}:{c.start}-{c.end}" for c in chunks)


FRAGMENTS = [
    "进博会",
    "第八届",
    "上海",
    "中国国际进口博览会",
    "企业",
    "Expo",
    "the",
    "China",
    "Nov.",
    "U.S.",
    "Dr.",
    "83.49",
    "$83.49",
    "4,108",
    "23.1%",
    "e.g.",
    "word",
    "I",
    " ",
    " ",
    "  ",
    "\u2003",
    "\n",
    "\n\n",
    "\t",
    "。",
    "！",
    "？",
    "；",
    ";",
    "!",
    "?",
    ".",
    ",",
    "，",
    "、",
    ":",
    "：",
    "“",
    "”",
    "‘",
    "’",
    "「",
    "」",
    "（",
    "）",
    "(",
    ")",
    '"',
    "'",
    "……",
    "…",
    "🎉",
    "👩‍💻",
    "é",
    "Ω",
]
articles = st.lists(st.sampled_from(FRAGMENTS), max_size=120).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=articles)
def test_sentences_are_exact_trimmed_ordered_spans(text: str) -> None:
    sentences = split_sentences(text, "doc")
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
    assert all(a.end <= b.start for a, b in itertools.pairwise(sentences))
    # Nothing but whitespace lies outside the sentences.
    covered = {i for s in sentences for i in range(s.start, s.end)}
    assert all(text[i].isspace() for i in range(len(text)) if i not in covered)


def cannot_shrink(text: str, max_tokens: int) -> bool:
    """No shorter non-blank prefix of an over-budget chunk would fit: it is unsplittable."""
    prefixes = (text[:k].strip() for k in range(1, len(text)))
    return all(count_tokens(p) > max_tokens for p in prefixes if p)


@settings(max_examples=150, deadline=None)
@given(text=articles, max_tokens=st.integers(1, 40), data=st.data())
def test_chunks_are_exact_within_budget_ordered_and_covering(
    text: str, max_tokens: int, data: st.DataObject
) -> None:
    overlap_tokens = data.draw(st.integers(0, max_tokens - 1))
    sentences = split_sentences(text, "doc")
    chunks = chunk_sentences(text, sentences, max_tokens=max_tokens, overlap_tokens=overlap_tokens)
    for c in chunks:
        assert text[c.start : c.end] == c.text and c.n_tokens == count_tokens(c.text)
        assert c.n_tokens <= max_tokens or cannot_shrink(c.text, max_tokens)
    for a, b in itertools.pairwise(chunks):
        assert a.start < b.start and a.end < b.end
        if b.start < a.end:
            assert count_tokens(text[b.start : a.end]) <= overlap_tokens
    covered = {i for c in chunks for i in range(c.start, c.end)}
    for s in sentences:
        assert all(i in covered for i in range(s.start, s.end) if not text[i].isspace())


def test_a_parenthetical_credit_closing_the_line_stays_with_its_sentence() -> None:
    text = "A robot writes calligraphy, Nov. 6, 2025. (Photo/Wang Chu)\nNext line."
    sentences = split_sentences(text, "d")
    assert [s.text for s in sentences] == [
        "A robot writes calligraphy, Nov. 6, 2025. (Photo/Wang Chu)",
        "Next line.",
    ]


def test_a_word_over_budget_is_cut_on_its_own_token_boundaries() -> None:
    # Inside the line " Expo" is one token; trimmed, "Expo" is two and must be cut again.
    text = "进博会 Expo"
    chunks = chunk_sentences(text, split_sentences(text, "d"), max_tokens=1, overlap_tokens=0)
    latin = [c for c in chunks if c.text.isascii()]
    assert [c.text for c in latin] == ["Ex", "po"]
    assert all(c.n_tokens <= 1 for c in latin)
