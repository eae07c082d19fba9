"""CC-CEDICT: what kind of name a word is by its glosses."""

from __future__ import annotations

import pytest

from ciie_qa.dictionary import (
    ORGANIZATION,
    PERSON,
    PLACE,
    cedict,
    english_words,
    name_kind,
    nationality_words,
    surnames,
)


@pytest.mark.parametrize(
    ("word", "tagged_as", "kind"),
    [
        ("欧莱雅", "nr", ORGANIZATION),  # "L'Oréal (French cosmetics company)"
        ("西门子", "nr", ORGANIZATION),  # "Siemens (company name)"
        ("习近平", "nrfg", PERSON),  # "Xi Jinping (1953-), PRC politician"
        ("杜塞尔多夫", "nrt", PLACE),  # "Düsseldorf (Germany)"
        ("厦门", "ns", PLACE),  # "Xiamen or Amoy, subprovincial city in Fujian"
        ("阿根廷", "nr", PLACE),  # "Argentina": a bare name jieba took for a person
        ("法国", "ns", PLACE),
        # government bodies: "PRC State Administration of Cultural Heritage", "State Council"
        ("国家文物局", "nt", ORGANIZATION),
        ("国务院", "ns", ORGANIZATION),
        # "guests": the dictionary knows it as a common word only, so it is no person's name
        ("宾客", "nr", "n"),
        ("宾客", "ns", "ns"),  # … but a place's flag stands (its glosses name no kind)
        ("福特", "ns", "ns"),  # "Ford (name)", "Ford, US car make": the glosses disagree
        ("张三", "nr", "nr"),  # "Zhang San, name for an unspecified person": no bare place
        ("无此词条", "nt", "nt"),  # not in the dictionary
    ],
)
def test_the_kind_of_a_name_is_read_from_its_glosses(word: str, tagged_as: str, kind: str) -> None:
    assert name_kind(word, tagged_as) == kind


def test_the_dictionary_holds_words_not_single_characters() -> None:
    words = cedict()
    assert "进口" in words and "import" in " ".join(words["进口"])
    assert all(len(word) >= 2 for word in words)


def test_nationalities_are_read_from_language_and_people_glosses() -> None:
    words = nationality_words()  # "Dutch (language)", "Thai language", "Afghan person"
    assert {"Dutch", "Thai", "French", "Afghan"} <= words
    assert not {"Netherlands", "Holland", "Paris"} & words


def test_surnames_are_the_single_characters_glossed_as_one() -> None:
    assert {"方", "周", "黄"} <= surnames() and "的" not in surnames()


def test_common_english_words_are_the_lower_case_words_of_the_glosses() -> None:
    words = english_words()
    assert {"analyst", "resident", "share"} <= words
    assert not {"toledo", "Analyst", "of"} & words  # no names, capitals or short words
