"""The gold set in eval/gold.jsonl is consistent with the corpus and with its own rules."""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from ciie_qa import metrics
from ciie_qa.corpus import load_corpus
from ciie_qa.evaluation import ITEM_TAGS, ITEM_TYPES, GoldItem, load_gold, split_for

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "gold.jsonl"


@cache
def _items() -> tuple[GoldItem, ...]:
    return tuple(load_gold(GOLD))


@cache
def _texts() -> dict[str, str]:
    return {article.doc_id: article.text for article in load_corpus(ROOT / "corpus")}


def _answerable() -> list[GoldItem]:
    return [item for item in _items() if item.answerable]


def test_gold_set_is_large_enough_and_balanced_across_languages() -> None:
    counts = Counter(item.language for item in _items())
    assert sum(counts.values()) >= 170
    assert min(counts.values()) / max(counts.values()) >= 0.8


def test_ids_are_unique() -> None:
    ids = [item.id for item in _items()]
    assert len(ids) == len(set(ids))


def test_questions_with_their_history_are_unique() -> None:
    keys = [(item.question, item.history) for item in _items()]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("item", _answerable(), ids=lambda item: item.id)
def test_every_evidence_span_is_the_corpus_slice(item: GoldItem) -> None:
    for evidence in item.evidence:
        assert _texts()[evidence.doc_id][evidence.start : evidence.end] == evidence.text


@pytest.mark.parametrize("item", _answerable(), ids=lambda item: item.id)
def test_an_answer_occurs_in_the_evidence(item: GoldItem) -> None:
    texts = [evidence.text for evidence in item.evidence]
    verbatim = any(answer in text for answer in item.answers for text in texts)
    assert verbatim or any(metrics.contains_answer(text, item.answers) for text in texts)


def test_unanswerable_share_is_at_least_a_fifth() -> None:
    unanswerable = [item for item in _items() if not item.answerable]
    assert len(unanswerable) / len(_items()) >= 0.20


def test_unanswerable_items_have_no_answers_or_evidence_and_carry_the_tag() -> None:
    for item in _items():
        if not item.answerable:
            assert item.answers == () and item.evidence == ()
        assert ("unanswerable" in item.tags) == (not item.answerable), item.id


def test_split_follows_the_id_rule() -> None:
    assert all(item.split == split_for(item.id) for item in _items())


@pytest.mark.parametrize("split", ["dev", "test"])
def test_each_split_has_both_languages_answerable_and_not(split: str) -> None:
    kinds = {(item.language, item.answerable) for item in _items() if item.split == split}
    assert kinds == {("zh", True), ("zh", False), ("en", True), ("en", False)}


def test_types_and_tags_are_valid() -> None:
    for item in _items():
        assert item.type in ITEM_TYPES
        assert set(item.tags) <= set(ITEM_TAGS)


def test_follow_up_items_have_history_and_others_do_not() -> None:
    for item in _items():
        assert bool(item.history) == ("follow-up" in item.tags), item.id


def test_cross_lingual_items_have_evidence_only_in_the_other_language() -> None:
    languages = {article.doc_id: article.language.value for article in load_corpus(ROOT / "corpus")}
    for item in _answerable():
        evidence_languages = {languages[e.doc_id] for e in item.evidence}
        if "cross-lingual" in item.tags:
            assert evidence_languages == {"zh", "en"} - {item.language}, item.id
        else:
            assert item.language in evidence_languages, item.id


def test_gold_covers_every_kind_of_question() -> None:
    assert {item.type for item in _answerable()} == set(ITEM_TYPES)
    assert {tag for item in _items() for tag in item.tags} == set(ITEM_TAGS)
