"""Cross-lingual bridge: the CC-CEDICT glossary, limited to a corpus (engine use: test_engine)."""

from __future__ import annotations

from ciie_qa.bridge import Glossary, build_glossary
from ciie_qa.schema import Language
from ciie_qa.tokens import lexical_tokens

ZH_TEXT = "消费品展区设在国家会展中心,银行和机器人企业参展。"
EN_TEXT = "The bank showed a robot; consumer goods were on display."


def _glossary(texts: list[str]) -> Glossary:
    vocabulary = {token for text in texts for token in lexical_tokens(text)}
    return build_glossary(texts, vocabulary.__contains__)


def _translated(glossary: Glossary, question: str, language: Language) -> set[frozenset[str]]:
    translations = glossary.translate(lexical_tokens(question), language)
    return {alt for alts in translations.values() for alt in alts}


def test_english_words_become_bigrams_of_chinese_words_the_corpus_holds() -> None:
    glossary = _glossary([ZH_TEXT])
    found = _translated(glossary, "Which bank showed a robot?", Language.EN)
    assert frozenset({"~银行"}) in found
    assert frozenset({"~机器", "~器人"}) in found
    # "bank" has other Chinese translations (岸, 堤), but the corpus holds none of them.
    assert all(alt <= {"~银行", "~机器", "~器人", "~企业"} for alt in found)


def test_a_gloss_of_several_words_applies_only_when_the_question_holds_them_all() -> None:
    glossary = _glossary([ZH_TEXT])
    assert frozenset({"~消费", "~费品"}) in _translated(
        glossary, "What consumer goods were shown?", Language.EN
    )
    assert frozenset({"~消费", "~费品"}) not in _translated(
        glossary, "What goods were shown?", Language.EN
    )


def test_chinese_words_become_english_stems_the_corpus_holds() -> None:
    glossary = _glossary([EN_TEXT])
    translations = glossary.translate(lexical_tokens("哪家银行展出了机器人?"), Language.ZH)
    assert frozenset({"bank"}) in translations["银行"]
    assert frozenset({"robot"}) in translations["机器人"]
    # Without English text that holds the gloss, there is nothing to translate into.
    assert _glossary([ZH_TEXT]).translate(["银行"], Language.ZH) == {}


def test_a_phrase_gloss_is_met_by_its_head_word_when_not_whole() -> None:
    """ "成交" is glossed "to reach a deal": an article says "deals", seldom "reach"."""
    glossary = _glossary(["The fair recorded $12 billion in intended deals."])
    assert frozenset({"deal"}) in glossary.translate(["成交"], Language.ZH)["成交"]
    # A particle ends "to set up" (设立): "up" is in every "exports were up 5 percent".
    with_up = _glossary(["Exports were up 5 percent; the firm set up a plant."])
    assert frozenset({"up"}) not in with_up.translate(["设立"], Language.ZH).get("设立", ())


def test_words_without_a_dictionary_entry_are_left_alone() -> None:
    glossary = _glossary([ZH_TEXT, EN_TEXT])
    assert glossary.translate(["qwzx", "2025"], Language.EN) == {}
    assert glossary.translate(["~银行", "啊哈哈"], Language.ZH) == {}


def test_ordinals_cross_languages() -> None:
    glossary = _glossary([ZH_TEXT, EN_TEXT])
    assert glossary.translate(["8th"], Language.EN) == {"8th": (frozenset({"~第八"}),)}
    assert glossary.translate(["第八届"], Language.ZH) == {
        "第八届": (frozenset({"8th"}), frozenset({"eighth"}))
    }


def test_the_noun_asked_for_is_given_as_written_in_the_other_language() -> None:
    assert _glossary([ZH_TEXT]).nouns("bank", Language.EN) == ("银行",)
    assert _glossary([EN_TEXT]).nouns("银行", Language.ZH) == ("bank",)
    assert _glossary([EN_TEXT]).nouns("", Language.ZH) == ()


def test_a_name_the_corpus_defines_brings_its_other_forms() -> None:
    english = "The China International Export Fair (CIEF) opened in Guangzhou."
    chinese = "中国国际出口交易会开幕。出交会规模大。出交会带来机遇。"
    glossary = _glossary([english, chinese])
    forms = glossary.other_forms(lexical_tokens("When did the CIEF open?"))
    assert frozenset({"~出交", "~交会"}) in forms["cief"]
    back = glossary.other_forms(lexical_tokens("出交会哪天开幕?"))
    assert frozenset({"cief"}) in back["~出交"]
    # The forms are for reading, not for ranking: translations leave them out.
    assert "cief" not in glossary.translate(lexical_tokens("When did the CIEF open?"), Language.EN)
    # An English word inside a word of the name ("port" of "Export") is no part of it.
    named = lexical_tokens("Which port hosts the China International Export Fair?")
    assert "port" not in glossary.other_forms(named)


def test_english_words_sharing_a_one_word_chinese_translation_are_synonyms() -> None:
    glossary = _glossary([ZH_TEXT, "Companies and firms came; the enterprise grew."])
    synonyms = glossary.synonyms({"firm"})
    assert {"compani", "enterpris"} <= synonyms  # all three are "企业"
    assert "firm" not in synonyms
    # Only stems the corpus holds: "corporation" is "企业" too, but the corpus never says it.
    assert "corpor" not in synonyms
    assert glossary.synonyms(()) == frozenset()


def test_a_demonym_stands_for_its_place_name() -> None:
    glossary = _glossary(["肯尼亚、巴西和越南的咖啡在马耳他展出,媒体报道了此事。"])
    demonyms = [lexical_tokens(w)[0] for w in ("Kenyan", "Brazilian", "Vietnamese", "median")]
    kenyan, brazilian, vietnamese, median = demonyms
    found = glossary.translate(demonyms, Language.EN)
    assert found[kenyan] == (frozenset({"~肯尼", "~尼亚"}),)
    assert found[brazilian] == (frozenset({"~巴西"}),)
    assert found[vietnamese] == (frozenset({"~越南"}),)
    # "media" (媒体) is a common noun, not a place: "median" is no demonym of it.
    assert median not in found


def test_names_are_the_glosses_that_are_a_name_and_nothing_more() -> None:
    glossary = _glossary(["法国葡萄酒在博览会上展出。"])
    assert "France" in glossary.names()
    assert not any("Peru" in name for name in glossary.names())  # 秘鲁 is not in the corpus
    assert not any(name.islower() for name in glossary.names())  # "wine" is no name


def test_common_words_are_those_the_dictionary_writes_in_lower_case_often() -> None:
    common = _glossary(["法国葡萄酒在博览会上展出。"]).common_words()
    assert {"department", "president", "us"} <= common
    assert not {"france", "xi", "china"} & common


def _translated_names(glossary: Glossary, question: str, names: list[str]) -> set[frozenset[str]]:
    translations = glossary.translate(lexical_tokens(question), Language.EN, names)
    return {alt for alts in translations.values() for alt in alts}


def test_a_name_the_dictionary_lacks_is_met_by_its_pinyin_across_languages() -> None:
    glossary = _glossary(["“我们不敢松懈。”溧岗镇养蜂人邓秋禾去年售出蜂蜜4吨。"])
    place = _translated_names(glossary, "How much honey does Ligang sell?", ["Ligang"])
    assert frozenset({"~溧岗"}) in place
    person = _translated_names(glossary, "What did Deng Qiuhe sell?", ["Deng Qiuhe"])
    assert frozenset({"~秋禾"}) in person
    # Only the words of names, and no English word: "women" is no 我们.
    assert _translated_names(glossary, "What did the women say?", []) == set()
    assert _translated_names(glossary, "What did Women say?", ["Women"]) == set()


def test_a_word_the_dictionary_glosses_is_not_met_by_its_pinyin() -> None:
    # 巴黎 is "Paris" in English, whatever its pinyin ("bali") spells.
    glossary = _glossary(["他去年在巴黎开了一家面馆。"])
    assert _translated_names(glossary, "Who opened a shop in Bali?", ["Bali"]) == set()


def test_a_chinese_name_is_met_by_its_pinyin_in_an_english_text() -> None:
    glossary = _glossary(["Beekeeper Deng Qiuhe of Ligang sold four tonnes of honey."])
    translations = glossary.translate(lexical_tokens("溧岗镇的邓秋禾卖了多少蜂蜜？"), Language.ZH)
    found = {alt for alts in translations.values() for alt in alts}
    assert frozenset({"ligang"}) in found
    assert frozenset(lexical_tokens("Deng Qiuhe")) in found  # stems, as the index holds them


def test_a_names_pinyin_is_one_of_its_forms() -> None:
    # unlike a dictionary translation, the pinyin of a name word spells the corpus's word
    glossary = _glossary(["溧岗镇养蜂人去年售出蜂蜜4吨，银行也来了。"])
    tokens = lexical_tokens("How much honey does Ligang Bank sell?")
    forms = glossary.name_forms(tokens, ["Ligang Bank"])
    assert forms == {"ligang": (frozenset({"~溧岗"}),)}
