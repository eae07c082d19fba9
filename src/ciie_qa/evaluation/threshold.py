"""Choosing the abstention threshold on the dev split: a sweep and a documented choice."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from ciie_qa import metrics
from ciie_qa.config import RetrievalMode
from ciie_qa.engine import QAEngine
from ciie_qa.evaluation.gold import dev_items
from ciie_qa.evaluation.runner import run_eval
from ciie_qa.evaluation.scoring import ItemRecord


class ThresholdRecord(NamedTuple):
    """One item for the threshold sweep: the reply's confidence and whether its answer was right.

    Run the eval with the engine's abstain threshold at 0 so that every answer is kept.
    """

    confidence: float
    answerable: bool
    has_answer: bool
    correct: bool


class SweepRow(NamedTuple):
    """Figures if the engine abstained below ``threshold``."""

    threshold: float
    answered_accuracy: float  # share of answered items answered correctly
    abstain_f1: float
    false_abstention_rate: float
    overall_em: float  # EM with abstention credit
    lost_correct_rate: float = 0.0  # share of answerable items whose right answer was withheld
    abstain_recall: float = 0.0  # share of unanswerable items abstained on


def threshold_records(records: Iterable[ItemRecord]) -> list[ThresholdRecord]:
    """The sweep input from eval records (pick one split and mode first)."""
    return [
        ThresholdRecord(r.confidence, r.answerable, r.answer is not None, r.raw_correct)
        for r in records
    ]


def sweep_threshold(
    records: Sequence[ThresholdRecord], thresholds: Iterable[float]
) -> list[SweepRow]:
    """For each threshold, abstain when ``confidence < threshold`` (or there is no answer)."""
    if not records:
        raise ValueError("cannot sweep thresholds over no records")
    rows = []
    for threshold in thresholds:
        abstained = [not r.has_answer or r.confidence < threshold for r in records]
        answered = [r for r, a in zip(records, abstained, strict=True) if not a]
        right = sum(1 for r in answered if r.answerable and r.correct)
        credit = right + sum(
            1 for r, a in zip(records, abstained, strict=True) if a and not r.answerable
        )
        scores = metrics.abstention_scores(
            [(a, r.answerable) for r, a in zip(records, abstained, strict=True)]
        )
        answerable = sum(1 for r in records if r.answerable)
        lost = sum(
            1 for r, a in zip(records, abstained, strict=True) if a and r.answerable and r.correct
        )
        rows.append(
            SweepRow(
                threshold=threshold,
                answered_accuracy=right / len(answered) if answered else 0.0,
                abstain_f1=scores.f1,
                false_abstention_rate=scores.false_abstention_rate,
                overall_em=credit / len(records),
                lost_correct_rate=lost / answerable if answerable else 0.0,
                abstain_recall=scores.recall,
            )
        )
    return rows


def choose_threshold(
    rows: Sequence[SweepRow], *, max_false_abstention: float = 0.05, on_lost_correct: bool = False
) -> float:
    """The threshold to use: best EM with abstention credit under an abstention cap.

    The cap applies to the false-abstention rate, or with ``on_lost_correct`` to the share of
    answerable items whose right answer would be withheld (abstaining instead of giving a wrong
    answer is no loss). Among rows under the cap take the highest ``overall_em``; ties go to
    the higher abstain F1, then to the lower threshold. If no row qualifies, the lowest
    threshold (fewest abstentions).
    """
    if not rows:
        raise ValueError("no sweep rows to choose from")
    allowed = [
        r
        for r in rows
        if (r.lost_correct_rate if on_lost_correct else r.false_abstention_rate)
        <= max_false_abstention
    ]
    if not allowed:
        return min(r.threshold for r in rows)
    best = max(allowed, key=lambda r: (r.overall_em, r.abstain_f1, -r.threshold))
    return best.threshold


def lowest_threshold_with_recall(rows: Sequence[SweepRow], abstain_recall: float) -> float:
    """The lowest threshold that abstains on at least ``abstain_recall`` of the unanswerable
    items (answering as much as that allows); the surest one if none does."""
    if not rows:
        raise ValueError("no sweep rows to choose from")
    reaching = [r.threshold for r in rows if r.abstain_recall >= abstain_recall]
    if reaching:
        return min(reaching)
    return max(rows, key=lambda r: (r.abstain_recall, -r.threshold)).threshold


SWEEP_THRESHOLDS = tuple(round(0.01 * i, 2) for i in range(0, 81))


def choose_threshold_command(
    engine: QAEngine,
    *,
    golds: Sequence[Path],
    max_false_abstention: float = 0.05,
    echo: Callable[[str], None] = print,
) -> float:
    """Sweep the abstention threshold on the dev split (of every gold file) and print the choice.

    The engine must answer everything (abstain threshold 0). Every dev item counts, the
    cross-lingual ones too: the dictionary bridge answers some of them, and a threshold chosen
    without them would throw those answers away unseen.
    """
    report = run_eval(engine, dev_items(golds), modes=[RetrievalMode.HYBRID], splits=("dev",))
    rows = sweep_threshold(threshold_records(report.records), SWEEP_THRESHOLDS)
    chosen = choose_threshold(rows, max_false_abstention=max_false_abstention, on_lost_correct=True)
    print_sweep(rows, echo)
    echo(f"chosen abstain_threshold: {chosen:.2f} (lost correct answers <= {max_false_abstention})")
    return chosen


def print_sweep(rows: Sequence[SweepRow], echo: Callable[[str], None]) -> None:
    """Every fifth row of a sweep as a table."""
    echo(
        "threshold  answered-acc  abstain-rec  abstain-F1  false-abst  lost-correct  "
        "EM(with credit)"
    )
    for row in rows[::5]:
        echo(
            f"{row.threshold:9.2f}  {row.answered_accuracy:12.3f}  {row.abstain_recall:11.3f}  "
            f"{row.abstain_f1:10.3f}  {row.false_abstention_rate:10.3f}  "
            f"{row.lost_correct_rate:12.3f}  {row.overall_em:.3f}"
        )
