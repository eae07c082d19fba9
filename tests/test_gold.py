"""The gold set in eval/gold.jsonl, and the held-out sets beside it, are consistent with the
corpus and with the rules of the format."""

from __future__ import annotations

import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from ciie_qa import metrics
from ciie_qa.corpus import load_corpus
from ciie_qa.evaluation import ITEM_TAGS, ITEM_TYPES, GoldItem, load_gold, split_for

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "gold.jsonl"
# Held-out sets written later by readers of the articles alone (see eval/README.md).
FILES = [GOLD, *(ROOT / "eval" / f"fresh-{n}.jsonl" for n in range(1, 21))]


@cache
def _items(path: Path = GOLD) -> tuple[GoldItem, ...]:
    return tuple(load_gold(path))


@cache
def _texts() -> dict[str, str]:
    return {article.doc_id: article.text for article in load_corpus(ROOT / "corpus")}


def _answerable(path: Path = GOLD) -> list[GoldItem]:
    return [item for item in _items(path) if item.answerable]


def _every_answerable() -> list[GoldItem]:
    return [item for path in FILES for item in _answerable(path)]


each_file = pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)


def test_gold_set_is_large_enough_and_balanced_across_languages() -> None:
    counts = Counter(item.language for item in _items())
    assert sum(counts.values()) >= 170
    assert min(counts.values()) / max(counts.values()) >= 0.8


# Sets written before this check existed share some questions (natural questions about two
# short articles converge); from the fourth held-out set on, a set adds only new questions.
FIRST_SET_WITHOUT_REPEATS = 4


def _asked(item: GoldItem) -> tuple[str, ...]:
    """The question with its history, without case, width, punctuation or spaces."""
    return tuple(
        "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())
        for text in (item.question, *item.history)
    )


@pytest.mark.parametrize("later", FILES[FIRST_SET_WITHOUT_REPEATS:], ids=lambda path: path.name)
def test_a_later_set_repeats_no_question_of_an_earlier_one(later: Path) -> None:
    earlier = {_asked(item) for path in FILES[: FILES.index(later)] for item in _items(path)}
    repeated = [item.id for item in _items(later) if _asked(item) in earlier]
    assert repeated == []


def test_ids_are_unique_across_all_files() -> None:
    ids = [item.id for path in FILES for item in _items(path)]
    assert len(ids) == len(set(ids))


@each_file
def test_questions_with_their_history_are_unique(path: Path) -> None:
    keys = [(item.question, item.history) for item in _items(path)]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("item", _every_answerable(), ids=lambda item: item.id)
def test_every_evidence_span_is_the_corpus_slice(item: GoldItem) -> None:
    for evidence in item.evidence:
        assert _texts()[evidence.doc_id][evidence.start : evidence.end] == evidence.text


@pytest.mark.parametrize("item", _every_answerable(), ids=lambda item: item.id)
def test_an_answer_occurs_in_the_evidence(item: GoldItem) -> None:
    texts = [evidence.text for evidence in item.evidence]
    verbatim = any(answer in text for answer in item.answers for text in texts)
    assert verbatim or any(metrics.contains_answer(text, item.answers) for text in texts)


@each_file
def test_unanswerable_share_is_at_least_a_fifth(path: Path) -> None:
    unanswerable = [item for item in _items(path) if not item.answerable]
    assert len(unanswerable) / len(_items(path)) >= 0.20


@each_file
def test_unanswerable_items_have_no_answers_or_evidence_and_carry_the_tag(path: Path) -> None:
    for item in _items(path):
        if not item.answerable:
            assert item.answers == () and item.evidence == ()
        assert ("unanswerable" in item.tags) == (not item.answerable), item.id


@each_file
def test_split_follows_the_id_rule(path: Path) -> None:
    assert all(item.split == split_for(item.id) for item in _items(path))


@each_file
@pytest.mark.parametrize("split", ["dev", "test"])
def test_each_split_has_both_languages_answerable_and_not(path: Path, split: str) -> None:
    kinds = {(item.language, item.answerable) for item in _items(path) if item.split == split}
    assert kinds == {("zh", True), ("zh", False), ("en", True), ("en", False)}


@each_file
def test_types_and_tags_are_valid(path: Path) -> None:
    for item in _items(path):
        assert item.type in ITEM_TYPES
        assert set(item.tags) <= set(ITEM_TAGS)


@each_file
def test_follow_up_items_have_history_and_others_do_not(path: Path) -> None:
    for item in _items(path):
        assert bool(item.history) == ("follow-up" in item.tags), item.id


@each_file
def test_cross_lingual_items_have_evidence_only_in_the_other_language(path: Path) -> None:
    languages = {article.doc_id: article.language.value for article in load_corpus(ROOT / "corpus")}
    for item in _answerable(path):
        evidence_languages = {languages[e.doc_id] for e in item.evidence}
        if "cross-lingual" in item.tags:
            assert evidence_languages == {"zh", "en"} - {item.language}, item.id
        else:
            assert item.language in evidence_languages, item.id


def test_gold_covers_every_kind_of_question() -> None:
    assert {item.type for item in _answerable()} == set(ITEM_TYPES)
    assert {tag for item in _items() for tag in item.tags} == set(ITEM_TAGS)


# Probes of generality: articles on other topics, each folder its own corpus and questions.
OTHER_TOPICS = sorted(p for p in (ROOT / "eval" / "other-topics").iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", OTHER_TOPICS, ids=lambda folder: folder.name)
def test_an_other_topic_probe_is_consistent_with_its_own_articles(folder: Path) -> None:
    texts = {article.doc_id: article.text for article in load_corpus(folder / "corpus")}
    items = load_gold(folder / "qa.jsonl")
    assert len(items) >= 50 and {item.language for item in items} == {"zh", "en"}
    assert not set(texts) & set(_texts())  # no article of the main corpus
    for item in items:
        assert item.split == split_for(item.id)
        for evidence in item.evidence:
            assert texts[evidence.doc_id][evidence.start : evidence.end] == evidence.text
        if item.answerable:
            assert any(answer in e.text for answer in item.answers for e in item.evidence)
