"""Names the corpus defines as one thing: acronyms, their Chinese rendering, abbreviations."""

from __future__ import annotations

from collections.abc import Sequence

from ciie_qa.aliases import find_aliases

EN = "The China International Tea Expo (CITE) opened. The CITE drew many firms."
ZH = "第五届中国国际茶叶博览会开幕。本届茶博会规模大。茶博会为企业带来机遇。"
WORDS = {"China": ["中国"], "International": ["国际"], "Tea": ["茶叶"]}


def _translate(word: str) -> Sequence[str]:
    return WORDS.get(word, [])


def _not_a_word(text: str) -> bool:
    return False


def test_an_acronym_its_chinese_rendering_and_the_chinese_abbreviation_form_one_group() -> None:
    groups = find_aliases(EN + ZH, _translate, _not_a_word)
    assert groups == [("China International Tea Expo", "中国国际茶叶博览会", "CITE", "茶博会")]


def test_an_acronym_whose_initials_do_not_match_the_words_before_it_is_no_alias() -> None:
    assert find_aliases("The World Bank (UN) met.", _translate, _not_a_word) == []


def test_without_chinese_text_the_group_holds_the_english_forms_only() -> None:
    assert find_aliases(EN, _translate, _not_a_word) == [("China International Tea Expo", "CITE")]


def test_an_abbreviation_seen_once_or_a_dictionary_word_is_not_taken() -> None:
    once = "第五届中国国际茶叶博览会开幕。茶博会规模大。"
    assert find_aliases(EN + once, _translate, _not_a_word)[0][-1] == "CITE"
    dictionary_word = find_aliases(EN + ZH, _translate, lambda text: text == "茶博会")
    assert "茶博会" not in dictionary_word[0]


def test_a_name_outside_the_bundled_corpus_is_found_the_same_way() -> None:
    english = "The World Trade Organization (WTO) met in Geneva. The WTO adopted a report."
    chinese = "世界贸易组织总干事发表讲话。世贸组织通过了报告。世贸组织将于明年开会。"
    words = {"World": ["世界"], "Trade": ["贸易"], "Organization": ["组织"]}
    groups = find_aliases(english + chinese, lambda w: words.get(w, []), _not_a_word)
    assert groups == [("World Trade Organization", "世界贸易组织", "世贸组织", "WTO")]


def test_a_name_in_camel_case_or_with_an_acronym_in_it_gives_each_capital() -> None:
    text = (
        "BlueHarbour Shipping (BHS), the UN Development Programme (UNDP) and the McKinsey Global"
        " Institute (MGI) met."
    )
    assert find_aliases(text, _translate, _not_a_word) == [
        ("BlueHarbour Shipping", "BHS"),
        ("UN Development Programme", "UNDP"),
        ("McKinsey Global Institute", "MGI"),  # by first letters
    ]
