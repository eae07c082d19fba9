"""Pure evaluation metrics: EM/F1 (SQuAD v2, CMRC 2018), retrieval, citations, abstention."""

from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

# A located piece of text: (doc_id, start, end) in character offsets of Article.text.
Region = tuple[str, int, int]

_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_EN_ARTICLES = re.compile(r"\b(a|an|the)\b")
_EN_PUNCT = frozenset(string.punctuation)
# CMRC 2018 mixed segmentation: a run of Latin letters/digits (a decimal stays whole) is one
# token, every other kept character (a CJK character) is a token of its own.
_ZH_TOKEN = re.compile(r"[0-9a-z]+(?:\.[0-9]+)*|\S")


def has_cjk(text: str) -> bool:
    """True when ``text`` holds at least one CJK ideograph (chooses the Chinese rules)."""
    return _CJK_CHAR.search(text) is not None


def normalize_number_separators(text: str) -> str:
    """Drop thousands separators between digits so that "1,250" reads as "1250"."""
    return _THOUSANDS.sub("", text)


def normalize_answer_en(text: str) -> str:
    """SQuAD v2.0 official ``normalize_answer``: lower, drop punctuation and a/an/the, fix spaces.

    Thousands separators are dropped first (SQuAD's punctuation removal does the same for
    "1,250"; doing it explicitly keeps both languages consistent).
    """
    text = normalize_number_separators(text).lower()
    text = "".join(ch for ch in text if ch not in _EN_PUNCT)
    text = _EN_ARTICLES.sub(" ", text)
    return " ".join(text.split())


def _is_zh_punct(ch: str) -> bool:
    return ch in _EN_PUNCT or unicodedata.category(ch)[0] in "PS"


def tokens_zh(text: str) -> list[str]:
    """CMRC 2018 tokens: NFKC (full-width -> half-width), lower, no punctuation or whitespace.

    Characters are tokens, except runs of Latin letters and digits (a decimal such as "23.1"
    included), which stay one token as in CMRC's mixed segmentation.
    """
    text = normalize_number_separators(unicodedata.normalize("NFKC", text).lower())
    # Punctuation becomes a space so that it still separates Latin runs ("e20,x" -> e20 x).
    kept = "".join(ch if _keep_zh_char(text, i) else " " for i, ch in enumerate(text))
    return _ZH_TOKEN.findall(kept)


def _keep_zh_char(text: str, i: int) -> bool:
    if text[i] == "." and 0 < i < len(text) - 1:
        return text[i - 1].isdigit() and text[i + 1].isdigit()  # a decimal point
    return not _is_zh_punct(text[i])


def normalize_answer_zh(text: str) -> str:
    """CMRC 2018 normalisation: the Chinese tokens joined with no separator."""
    return "".join(tokens_zh(text))


def _use_zh(*texts: str) -> bool:
    return any(has_cjk(t) for t in texts)


def normalize_answer(text: str, *, chinese: bool | None = None) -> str:
    """Normalise by the Chinese rules when ``text`` has CJK (or ``chinese``), else SQuAD's."""
    zh = has_cjk(text) if chinese is None else chinese
    return normalize_answer_zh(text) if zh else normalize_answer_en(text)


def answer_tokens(text: str, *, chinese: bool | None = None) -> list[str]:
    """F1 tokens: CMRC mixed segmentation for Chinese, SQuAD whitespace tokens otherwise."""
    zh = has_cjk(text) if chinese is None else chinese
    return tokens_zh(text) if zh else normalize_answer_en(text).split()


def _pair_em(prediction: str, gold: str) -> float:
    zh = _use_zh(prediction, gold)
    return float(normalize_answer(prediction, chinese=zh) == normalize_answer(gold, chinese=zh))


def _pair_f1(prediction: str, gold: str) -> float:
    zh = _use_zh(prediction, gold)
    pred = answer_tokens(prediction, chinese=zh)
    ref = answer_tokens(gold, chinese=zh)
    if not pred or not ref:  # SQuAD v2: an empty side scores 1 only against another empty one
        return float(pred == ref)
    common = sum((Counter(pred) & Counter(ref)).values())
    if common == 0:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


def exact_match(prediction: str | None, golds: Sequence[str]) -> float:
    """SQuAD v2 exact match, max over the gold answers; ``None`` is an abstention.

    Rules are chosen per pair: Chinese (CMRC 2018) when either side has CJK, else SQuAD.
    An abstention scores 1 on an unanswerable item (no golds) and 0 on an answerable one;
    any answer to an unanswerable item scores 0.
    """
    if not golds or prediction is None:
        return float(not golds and prediction is None)
    return max(_pair_em(prediction, gold) for gold in golds)


def f1(prediction: str | None, golds: Sequence[str]) -> float:
    """Token F1 (SQuAD v2 words / CMRC 2018 characters), max over golds; abstention as in EM."""
    if not golds or prediction is None:
        return float(not golds and prediction is None)
    return max(_pair_f1(prediction, gold) for gold in golds)


def contains_answer(text: str, golds: Sequence[str]) -> bool:
    """True when a (non-empty once normalised) gold answer occurs in ``text``, both normalised."""
    for gold in golds:
        zh = _use_zh(text, gold)
        needle = normalize_answer(gold, chinese=zh)
        if needle and needle in normalize_answer(text, chinese=zh):
            return True
    return False


def span_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    """Number of characters shared by the half-open ranges [a_start, a_end) and [b_start, b_end)."""
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def overlaps_any(region: Region, evidence: Sequence[Region]) -> bool:
    """True when ``region`` shares a character with an evidence region of the same document."""
    doc_id, start, end = region
    return any(
        doc == doc_id and span_overlap(start, end, e_start, e_end) > 0
        for doc, e_start, e_end in evidence
    )


def first_hit_rank(ranked: Sequence[Region], evidence: Sequence[Region]) -> int | None:
    """1-based rank of the first region overlapping the evidence, or None if none does."""
    for rank, region in enumerate(ranked, start=1):
        if overlaps_any(region, evidence):
            return rank
    return None


def recall_at_k(ranked: Sequence[Region], evidence: Sequence[Region], k: int) -> float:
    """1.0 when one of the top ``k`` regions overlaps the evidence (answer recall@k), else 0.0."""
    rank = first_hit_rank(ranked[:k], evidence)
    return float(rank is not None)


def reciprocal_rank(ranked: Sequence[Region], evidence: Sequence[Region]) -> float:
    """1 / rank of the first region overlapping the evidence (0.0 if none); averaged = MRR."""
    rank = first_hit_rank(ranked, evidence)
    return 0.0 if rank is None else 1.0 / rank


def supported_citations(
    citations: Sequence[tuple[Region, str]], evidence: Sequence[Region], golds: Sequence[str]
) -> int:
    """How many citations both contain a gold answer (normalised) and overlap the evidence."""
    return sum(
        1
        for region, text in citations
        if contains_answer(text, golds) and overlaps_any(region, evidence)
    )


def citation_precision(
    citations: Sequence[tuple[Region, str]], evidence: Sequence[Region], golds: Sequence[str]
) -> float | None:
    """Share of citations that are supported (see ``supported_citations``); None with none."""
    if not citations:
        return None
    return supported_citations(citations, evidence, golds) / len(citations)


def sentence_correct(sentence: Region | None, evidence: Sequence[Region]) -> bool:
    """Answer-sentence accuracy for one item: the reply's sentence overlaps the evidence."""
    return sentence is not None and overlaps_any(sentence, evidence)


@dataclass(frozen=True)
class AbstentionScores:
    """Abstention as a detector of unanswerable items (positive: abstained on unanswerable)."""

    precision: float
    recall: float
    f1: float
    false_abstention_rate: float  # abstained on answerable / answerable


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def abstention_scores(outcomes: Sequence[tuple[bool, bool]]) -> AbstentionScores:
    """Precision/recall/F1 of abstaining and the false-abstention rate.

    Args:
        outcomes: ``(abstained, answerable)`` per item.

    A zero denominator gives 0.0 (no abstentions: precision 0; no unanswerable items: recall 0).
    """
    true_pos = sum(1 for abstained, answerable in outcomes if abstained and not answerable)
    abstained = sum(1 for a, _ in outcomes if a)
    unanswerable = sum(1 for _, answerable in outcomes if not answerable)
    false_abs = sum(1 for a, answerable in outcomes if a and answerable)
    precision, recall = _ratio(true_pos, abstained), _ratio(true_pos, unanswerable)
    f_score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    rate = _ratio(false_abs, len(outcomes) - unanswerable)
    return AbstentionScores(precision, recall, f_score, rate)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation between ranks (NumPy's default).

    Raises:
        ValueError: ``values`` is empty or ``q`` is outside [0, 100].
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile q must be within [0, 100], got {q}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
