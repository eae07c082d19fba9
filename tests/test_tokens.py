"""Tests for cl100k_base token counting (offline, checked file) and lexical tokens."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ciie_qa import tokens
from ciie_qa.errors import ModelError
from ciie_qa.schema import Language
from ciie_qa.tokens import (
    QuestionForm,
    cl100k,
    count_tokens,
    detect_language,
    lexical_tokens,
    normalize_text,
    question_form,
    simplified,
    word_start,
)


@pytest.fixture
def fresh_encoding() -> Iterator[None]:
    """cl100k() is cached per process: rebuild it inside the test, and again for later tests."""
    cl100k.cache_clear()
    yield
    cl100k.cache_clear()


# Counts from tiktoken's own get_encoding("cl100k_base") (the published file and pattern),
# including "tiktoken is great!" -> 6 from OpenAI's cookbook.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("hello world", 2),
        ("tiktoken is great!", 6),
        ("4,108 companies and $83.49 billion", 10),
        ("第八届中国国际进口博览会在上海举办。", 24),
        ("  黄浦江畔,“四叶草”如期绽放", 21),
        ("🎉 emoji", 4),
        ("line one\n\nline two", 5),
        ("<|endoftext|>", 7),
    ],
)
def test_count_tokens_matches_tiktoken_cl100k(text: str, expected: int) -> None:
    assert count_tokens(text) == expected


def test_encoding_gives_the_published_token_ids() -> None:
    assert cl100k().encode("hello world") == [15339, 1917]


@pytest.mark.usefixtures("fresh_encoding")
def test_damaged_encoding_file_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = bytearray(resources.files("ciie_qa").joinpath("data/cl100k_base.tiktoken").read_bytes())
    data[100] ^= 0x01  # one flipped bit in a token
    damaged = tmp_path / "data" / "cl100k_base.tiktoken"
    damaged.parent.mkdir()
    damaged.write_bytes(bytes(data))
    monkeypatch.setattr(resources, "files", lambda package: tmp_path)
    with pytest.raises(ModelError, match="damaged"):
        count_tokens("hello")


@pytest.mark.usefixtures("fresh_encoding")
def test_encoding_loads_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("cl100k tried to use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    assert count_tokens("hello world") == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4,108 companies", ["4108", "compani"]),
        ("23.1%", ["23.1", "%"]),
        ("The exhibitors' booths", ["exhibitor", "booth"]),
        ("CIIE Expo", ["ciie", "expo"]),
        ("the 8th CIIE", ["8th", "ciie"]),
    ],
)
def test_english_lexical_tokens(text: str, expected: list[str]) -> None:
    assert lexical_tokens(text) == expected


def test_english_stop_words_are_dropped() -> None:
    assert lexical_tokens("what is the size of it") == ["size"]


def test_full_width_digits_are_normalised() -> None:
    assert lexical_tokens("４１０８家") == ["4108", "家"]


def test_latin_accents_neither_cut_words_nor_keep_them_apart() -> None:
    assert lexical_tokens("Düsseldorf") == lexical_tokens("Dusseldorf") == ["dusseldorf"]
    assert lexical_tokens("São Paulo café") == ["sao", "paulo", "cafe"]
    assert lexical_tokens("Ørsted Łódź") == ["orst", "lodz"]  # letters NFD does not split
    assert lexical_tokens("Nguyễn") == ["nguyen"]  # Latin Extended Additional
    assert normalize_text("й") == "й"  # the breve of a Cyrillic letter stays


def test_chinese_gives_words_and_marked_bigrams() -> None:
    result = lexical_tokens("进博会在上海举办")
    assert {"上海", "举办"} <= set(result)
    assert {"~进博", "~博会", "~上海"} <= set(result)
    # "在" is a stop word: neither a token nor part of a bigram across it.
    assert "在" not in result and "~会在" not in result


@pytest.mark.parametrize("text", ["", "   ", "。！？", "🎉👩‍💻"])
def test_text_without_content_gives_no_tokens(text: str) -> None:
    assert lexical_tokens(text) == []


def test_emoji_next_to_words_is_skipped_safely() -> None:
    assert lexical_tokens("🎉expo🎉进博会") == ["expo", *lexical_tokens("进博会")]


def test_lexical_tokens_are_deterministic() -> None:
    text = "第八届进博会 4,108 companies"
    assert lexical_tokens(text) == lexical_tokens(text)


@pytest.mark.parametrize(
    ("text", "language"),
    [("进博会在上海举办", Language.ZH), ("The expo opened", Language.EN), ("", Language.EN)],
)
def test_detect_language(text: str, language: Language) -> None:
    assert detect_language(text) is language


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("companies", "company"),
        ("attracted", "attract"),
        ("exhibitors", "exhibitor"),
        ("innovations", "innovation"),
        # irregular past forms
        ("said", "say"),
        ("rose", "rise"),
        ("grew", "grow"),
    ],
)
def test_english_inflections_meet_their_base_form(inflected: str, base: str) -> None:
    assert lexical_tokens(inflected) == lexical_tokens(base)


def test_word_start_finds_the_start_of_the_word_a_position_falls_in() -> None:
    text = "参观者在农业机械展区"  # jieba: 参观者 / 在 / 农业机械 / 展区
    assert word_start(text, text.index("机械")) == text.index("农业")
    assert word_start(text, text.index("农业")) == text.index("农业")  # already at a word
    assert word_start(text, 0) == 0
    assert word_start(text, len(text)) == len(text)
    assert word_start("No Chinese here.", 5) == 3  # inside "Chinese"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("請問第八屆進博會有幾家企業參展?", "请问第八届进博会有几家企业参展?"),
        ("Hamid Rashid 說了什麼?", "Hamid Rashid 说了什么?"),
        ("Who said it? (1,250 firms)", "Who said it? (1,250 firms)"),
        ("请问第八届", "请问第八届"),
        ("「乾燥」的乾隆年間", "「干燥」的乾隆年间"),  # by phrase: 乾 stays in a name
    ],
)
def test_simplified_rewrites_only_the_chinese(text: str, expected: str) -> None:
    assert simplified(text) == expected


_MIXED = st.sampled_from("請問屆進會幾參展乾燥隆里裡台灣著名的 ,?a1「」")


@given(st.text(alphabet=_MIXED, max_size=30))
def test_simplified_keeps_every_offset(text: str) -> None:
    # The reader finds answers in the simplified text and cuts them from the article as
    # written: character i must stay character i, and only Chinese characters change.
    converted = simplified(text)
    assert len(converted) == len(text)
    assert all(b == a for a, b in zip(text, converted, strict=True) if a < "\u4e00")


def test_simplified_falls_back_to_one_character_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Shortening:  # a phrase table that writes a phrase with fewer characters
        def convert(self, text: str) -> str:
            return text.replace("進博會", "进博").replace("屆", "届")

    monkeypatch.setattr(tokens, "_to_simplified", lambda: Shortening())
    tokens._simplified_char.cache_clear()
    try:
        assert simplified("第八屆進博會") == "第八届進博會"
    finally:
        tokens._simplified_char.cache_clear()


def test_lexical_tokens_are_the_same_in_either_script() -> None:
    assert lexical_tokens("本屆博覽會展覽面積超過12萬平方米") == lexical_tokens(
        "本届博览会展览面积超过12万平方米"
    )


def test_a_question_is_read_at_the_usual_width_in_simplified_characters() -> None:
    form = QuestionForm()
    assert form.of("２０２４年ＣＩＩＥ展覽面積？") == "2024年CIIE展览面积?"
    assert form.of("展览面积有多少㎡？①") == "展览面积有多少㎡?①"  # no NFKC "m2", "1"
    assert form.of("How big is it?") == "How big is it?"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("进博会 在 哪里 举办 ?", "进博会在哪里举办?"),
        ("2024 年 的 指数 是 多少", "2024年的指数是多少"),
        ("CIIE 的 展览面积", "CIIE 的展览面积"),  # a space beside a Latin word may stay
        ("进博会在哪里举办呀?", "进博会在哪里举办?"),
        ("进博会在哪里举办啊？", "进博会在哪里举办?"),
        ("达赖喇嘛", "达赖喇嘛"),  # a word, not a particle
        ("四叶草是干嘛", "四叶草是干嘛"),
        ("那展览面积呢?", "那展览面积呢?"),  # 呢 and 吗 ask: they stay
        ("有免费展位吗?", "有免费展位吗?"),
        ("How big is it?", "How big is it?"),
    ],
)
def test_chinese_spacing_and_mood_particles_are_read_away(typed: str, read: str) -> None:
    assert QuestionForm().of(typed) == read


ARTICLES = [
    "The Example Fair opened in Lisbon. Jane Roe of the WTO said the fair grew.",
    "Fair visitors met Jane Roe. The fair closed on Nov. 9.",
    "Hamid Rashid, a former chief of the UN Department of Trade, spoke.",
]
# Words a dictionary writes in lower case: no names even where a name holds them.
COMMON = ["when", "did", "close", "who", "is", "what", "show", "say", "department", "maker", "it"]


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("who is jane roe of the wto?", "Who is Jane Roe of the WTO?"),
        ("WHEN DID THE FAIR CLOSE IN LISBON?", "When did the fair close in Lisbon?"),
        ("WHAT DID THE ITC SAY?", "What did the ITC say?"),  # an acronym nobody lowers
        # "fair" is also written in lower case, "france" comes from a gloss
        ("what did the example fair show in france?", "What did the Example fair show in France?"),
        # a name opening a sentence, before another capitalised word; "department" is common
        ("which department was hamid rashid in?", "Which department was Hamid Rashid in?"),
        ("Who Is Jane Roe Of The WTO?", "Who is Jane Roe of the WTO?"),  # title case
        ("What Did The eVTOL Maker Show In Lisbon?", "What did the eVTOL maker show in Lisbon?"),
        ("How Many Firms Attended The 8th Fair?", "How many firms attended the 8th fair?"),
        ("Where Was the Example Fair Held?", "Where was the Example fair held?"),
        ("What Are Jane Roe's Views?", "What are Jane Roe's views?"),
        ("Who is jane roe?", "Who is jane roe?"),  # typed with case: kept
        ("WHO IS IT?", "WHO IS IT?"),  # a short shout may be an acronym
        ("wto的总部在哪里?", "wto的总部在哪里?"),  # Latin inside Chinese: a code, not English
    ],
)
def test_a_question_typed_without_case_gets_the_articles_case(typed: str, read: str) -> None:
    assert question_form(ARTICLES, ["France"], COMMON).of(typed) == read
