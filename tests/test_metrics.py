"""Metric definitions checked against hand-worked examples (SQuAD v2, CMRC 2018, retrieval)."""

from __future__ import annotations

import pytest

from ciie_qa import metrics


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The  Cat!", "cat"),
        ("a dog, an owl and the fox.", "dog owl and fox"),
        ("  Theatre  ", "theatre"),  # "the" only as a whole word
        ("4,108", "4108"),
        ("$83.49 billion", "8349 billion"),
        ("", ""),
    ],
)
def test_normalize_answer_en_follows_squad_v2(text: str, expected: str) -> None:
    assert metrics.normalize_answer_en(text) == expected


def test_normalize_answer_zh_folds_full_width_and_drops_punctuation_and_spaces() -> None:
    assert metrics.normalize_answer_zh("“更高品质、更好日子” ") == "更高品质更好日子"
    assert metrics.normalize_answer_zh("ＣＴ机，１２３") == "ct机123"


def test_tokens_zh_keep_digit_runs_and_latin_words_whole() -> None:
    assert metrics.tokens_zh("2,517家企业增长23.1%,X30 AUVs") == [
        "2517",
        "家",
        "企",
        "业",
        "增",
        "长",
        "23.1",
        "x30",
        "auvs",
    ]


def test_normalize_answer_chooses_rules_by_cjk_content() -> None:
    assert metrics.normalize_answer("The Cat") == "cat"
    assert metrics.normalize_answer("the 猫") == "the猫"  # Chinese rules keep "the"


def test_thousands_separator_does_not_change_exact_match() -> None:
    assert metrics.exact_match("4,108", ["4108"]) == 1.0
    assert metrics.exact_match("4,108", ["4108家"]) == 0.0


def test_exact_match_takes_the_best_gold() -> None:
    assert metrics.exact_match("the Chinese Pavilion.", ["pavilion", "Chinese Pavilion"]) == 1.0


def test_f1_partial_overlap_worked_by_hand() -> None:
    # pred tokens: deputy executive director (3); gold: deputy executive director of
    # international trade center (7, "the" dropped). common 3: P = 1, R = 3/7,
    # F1 = 2 * (3/7) / (10/7) = 0.6.
    gold = "deputy executive director of the International Trade Center"
    assert metrics.f1("deputy executive director", [gold]) == pytest.approx(0.6)


def test_f1_counts_repeated_tokens_once_per_occurrence() -> None:
    # pred "cat cat dog" (3) vs gold "cat dog dog" (3); common = cat 1 + dog 1 = 2.
    assert metrics.f1("cat cat dog", ["cat dog dog"]) == pytest.approx(2 / 3)


def test_cmrc_character_f1_worked_by_hand() -> None:
    # pred 4108家境外企业 -> [4108, 家, 境, 外, 企, 业] (6); gold 4108家 -> [4108, 家] (2).
    # common 2: P = 1/3, R = 1, F1 = 0.5.
    assert metrics.f1("4108家境外企业", ["4108家"]) == pytest.approx(0.5)


def test_f1_mixed_language_pair_uses_chinese_tokens() -> None:
    # "4,108" -> [4108]; "4108家" -> [4108, 家]: P = 1, R = 1/2, F1 = 2/3.
    assert metrics.f1("4,108", ["4108家"]) == pytest.approx(2 / 3)


def test_f1_of_disjoint_answers_is_zero() -> None:
    assert metrics.f1("Shanghai", ["Beijing"]) == 0.0


def test_empty_strings_score_only_against_empty_after_normalisation() -> None:
    assert metrics.f1("", ["cat"]) == 0.0
    assert metrics.exact_match("", ["cat"]) == 0.0
    assert metrics.f1("the", ["a"]) == 1.0  # both normalise to nothing (SQuAD v2 rule)


def test_abstention_is_right_only_on_unanswerable_items() -> None:
    assert metrics.exact_match(None, []) == 1.0
    assert metrics.f1(None, []) == 1.0
    assert metrics.exact_match(None, ["4108"]) == 0.0
    assert metrics.f1(None, ["4108"]) == 0.0
    assert metrics.exact_match("4108", []) == 0.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [((0, 10), (5, 20), 5), ((0, 10), (10, 20), 0), ((3, 4), (0, 100), 1), ((8, 9), (0, 5), 0)],
)
def test_span_overlap_counts_shared_characters(
    a: tuple[int, int], b: tuple[int, int], expected: int
) -> None:
    assert metrics.span_overlap(*a, *b) == expected


RANKED = [("d1", 0, 50), ("d2", 0, 40), ("d1", 100, 180), ("d1", 200, 260)]
EVIDENCE = [("d1", 120, 150)]


def test_recall_at_k_needs_the_evidence_within_k() -> None:
    assert metrics.recall_at_k(RANKED, EVIDENCE, 1) == 0.0
    assert metrics.recall_at_k(RANKED, EVIDENCE, 3) == 1.0


def test_overlap_ignores_other_documents() -> None:
    assert metrics.first_hit_rank([("d2", 120, 150)], EVIDENCE) is None


def test_reciprocal_rank_of_third_passage_is_one_third() -> None:
    assert metrics.reciprocal_rank(RANKED, EVIDENCE) == pytest.approx(1 / 3)
    assert metrics.reciprocal_rank(RANKED[:2], EVIDENCE) == 0.0


def test_citation_precision_needs_answer_text_and_evidence_overlap() -> None:
    citations = [
        (("d1", 120, 150), "It drew 4,108 companies."),  # answer + overlap
        (("d1", 0, 30), "It drew 4,108 companies."),  # answer, wrong place
        (("d1", 125, 140), "Many visitors came."),  # overlap, no answer
    ]
    assert metrics.citation_precision(citations, EVIDENCE, ["4108"]) == pytest.approx(1 / 3)
    assert metrics.citation_precision([], EVIDENCE, ["4108"]) is None


def test_sentence_correct_when_reply_sentence_overlaps_evidence() -> None:
    assert metrics.sentence_correct(("d1", 110, 125), EVIDENCE)
    assert not metrics.sentence_correct(("d1", 0, 20), EVIDENCE)
    assert not metrics.sentence_correct(None, EVIDENCE)


def test_abstention_scores_worked_by_hand() -> None:
    # (abstained, answerable): TP = 2 (abstained on unanswerable), abstentions = 3,
    # unanswerable = 3, answerable = 4 of which 1 abstained.
    outcomes = [
        (True, False),
        (True, False),
        (False, False),
        (True, True),
        (False, True),
        (False, True),
        (False, True),
    ]
    scores = metrics.abstention_scores(outcomes)
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 / 3)
    assert scores.false_abstention_rate == pytest.approx(1 / 4)


def test_abstention_scores_without_abstentions_are_zero() -> None:
    scores = metrics.abstention_scores([(False, True), (False, False)])
    assert (scores.precision, scores.recall, scores.f1) == (0.0, 0.0, 0.0)


def test_percentile_interpolates_linearly() -> None:
    values = [40.0, 10.0, 30.0, 20.0]
    assert metrics.percentile(values, 50) == pytest.approx(25.0)
    assert metrics.percentile(values, 95) == pytest.approx(38.5)  # 30 + 0.85 * 10
    assert metrics.percentile([7.0], 95) == 7.0


def test_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no values"):
        metrics.percentile([], 50)
