"""The eval runner on a fake engine and a handmade gold set whose figures are worked by hand."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from ciie_qa.config import RetrievalMode
from ciie_qa.errors import UnknownDocumentError, UserInputError
from ciie_qa.evaluation import (
    EvalReport,
    GoldItem,
    SweepRow,
    check_thresholds,
    choose_threshold,
    compare_reports,
    load_gold,
    load_thresholds,
    run_eval,
    run_eval_command,
    split_for,
    sweep_threshold,
    threshold_records,
    write_reports,
)
from ciie_qa.evaluation.scoring import score_reply
from ciie_qa.schema import Article, Chunk, Citation, Hit, Language, Reply, Span, Timings

TEXT = "The expo drew 4,108 companies. It ran six days.\nIt opened in Shanghai."
FIRST = (0, 30)  # "The expo drew 4,108 companies."
SECOND = (31, 47)  # "It ran six days."
THIRD = (48, 70)  # "It opened in Shanghai."
ARTICLE = Article("d1", "Expo", "2025-11-10", "Wire", Language.EN, TEXT)


def _chunk(start: int, end: int) -> Hit:
    chunk = Chunk(f"d1:{start}-{end}", "d1", start, end, TEXT[start:end], 8)
    return Hit(chunk, 1.0, 0.5, 2.0)


def _citation(bounds: tuple[int, int]) -> Citation:
    return Citation("d1", "Expo", bounds[0], bounds[1], TEXT[bounds[0] : bounds[1]])


def _reply(
    question: str,
    answer: str | None,
    *,
    sentence: tuple[int, int] | None,
    abstained: bool = False,
    confidence: float,
    passages: Sequence[tuple[int, int]] = (),
    latency: float,
) -> Reply:
    span = None
    if answer is not None and sentence is not None:
        start = TEXT.index(answer, sentence[0])
        span = Span("d1", start, start + len(answer), answer)
    cited = () if abstained or sentence is None else (_citation(sentence),)
    return Reply(
        question=question,
        resolved_question=question,
        answer=answer,
        answer_span=span,
        sentence=None if sentence is None else TEXT[sentence[0] : sentence[1]],
        abstained=abstained,
        confidence=confidence,
        citations=cited,
        passages=tuple(_chunk(*p) for p in passages),
        timings_ms=Timings(total=latency),
    )


# Test split: q-4 right, q-7 wrong answer (evidence ranked 2nd), q-8 correct abstention,
# q-9 answered an unanswerable question, q-10 false abstention. Dev split: q-1 right.
REPLIES = {
    "How many companies?": _reply(
        "How many companies?", "4,108", sentence=FIRST, confidence=0.9,
        passages=[FIRST, THIRD], latency=10.0,
    ),
    "How long did it run?": _reply(
        "How long did it run?", "Shanghai", sentence=THIRD, confidence=0.5,
        passages=[THIRD, SECOND], latency=20.0,
    ),
    "Who built it?": _reply(
        "Who built it?", None, sentence=None, abstained=True, confidence=0.1,
        passages=[FIRST], latency=30.0,
    ),
    "Who paid for it?": _reply(
        "Who paid for it?", "Shanghai", sentence=THIRD, confidence=0.6, latency=40.0
    ),
    "How many firms?": _reply(
        "How many firms?", "4,108", sentence=None, abstained=True, confidence=0.2, latency=50.0
    ),
    "Where did it open?": _reply(
        "Where did it open?", "Shanghai", sentence=THIRD, confidence=0.8,
        passages=[THIRD], latency=5.0,
    ),
}  # fmt: skip


@dataclass
class FakeEngine:
    """A QAEngine that returns canned replies and remembers how it was asked."""

    calls: list[tuple[str, tuple[str, ...], int | None, RetrievalMode | None]] = field(
        default_factory=list
    )

    @property
    def model_name(self) -> str:
        return "fake-model"

    def ask(
        self,
        question: str,
        history: Sequence[str] = (),
        *,
        top_k: int | None = None,
        mode: RetrievalMode | None = None,
    ) -> Reply:
        self.calls.append((question, tuple(history), top_k, mode))
        return REPLIES[question]

    def articles(self) -> Sequence[Article]:
        return [ARTICLE]

    def article(self, doc_id: str) -> Article:
        if doc_id != "d1":
            raise UnknownDocumentError(f"unknown document {doc_id!r}")
        return ARTICLE


def _row(item_id: str, question: str, answers: list[str], evidence: tuple[int, int] | None,
         *, tags: Sequence[str] = (), language: str = "en", history: Sequence[str] = ()
         ) -> dict[str, Any]:  # fmt: skip
    spans = [] if evidence is None else [evidence]
    return {
        "id": item_id,
        "split": split_for(item_id),
        "language": language,
        "question": question,
        "history": list(history),
        "answerable": bool(answers),
        "answers": answers,
        "evidence": [{"doc_id": "d1", "start": s, "end": e, "text": TEXT[s:e]} for s, e in spans],
        "type": "number",
        "tags": list(tags) + ([] if answers else ["unanswerable"]),
    }


ROWS = [
    _row("q-4", "How many companies?", ["4,108", "4108"], FIRST),
    _row("q-7", "How long did it run?", ["six days"], SECOND, tags=["paraphrase"]),
    _row("q-8", "Who built it?", [], None),
    _row("q-9", "Who paid for it?", [], None, tags=["near-miss"]),
    _row("q-10", "How many firms?", ["4108"], FIRST, language="zh"),
    _row("q-1", "Where did it open?", ["Shanghai"], THIRD, tags=["follow-up"], history=["Hi?"]),
]


def _write_gold(path: Path, rows: Sequence[Mapping[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def items(tmp_path: Path) -> list[GoldItem]:
    return load_gold(_write_gold(tmp_path / "gold.jsonl", ROWS))


@pytest.fixture
def report(items: list[GoldItem]) -> EvalReport:
    modes = [RetrievalMode.HYBRID, RetrievalMode.LEXICAL]
    return run_eval(FakeEngine(), items, modes=modes, metadata={"command": "ciie-qa eval"})


def test_the_split_ids_used_here_follow_the_rule() -> None:
    assert [split_for(r["id"]) for r in ROWS] == ["test"] * 5 + ["dev"]


def test_load_gold_names_the_bad_line(tmp_path: Path) -> None:
    bad = dict(ROWS[1], type="colour")
    path = _write_gold(tmp_path / "gold.jsonl", [ROWS[0], bad])
    with pytest.raises(UserInputError, match=r"gold.jsonl:2: .*type"):
        load_gold(path)


def test_load_gold_rejects_a_split_that_breaks_the_id_rule(tmp_path: Path) -> None:
    path = _write_gold(tmp_path / "gold.jsonl", [dict(ROWS[0], split="dev")])
    with pytest.raises(UserInputError, match=r":1: .*split"):
        load_gold(path)


def test_load_gold_rejects_an_unanswerable_item_with_answers(tmp_path: Path) -> None:
    path = _write_gold(tmp_path / "gold.jsonl", [dict(ROWS[2], answers=["x"])])
    with pytest.raises(UserInputError, match=":1: "):
        load_gold(path)


def test_load_gold_names_a_missing_field(tmp_path: Path) -> None:
    row = {k: v for k, v in ROWS[0].items() if k != "answers"}
    with pytest.raises(UserInputError, match=r":1: missing field 'answers'"):
        load_gold(_write_gold(tmp_path / "gold.jsonl", [row]))


def test_load_gold_rejects_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(UserInputError, match=":3: "):
        load_gold(path)


def test_run_eval_asks_only_the_chosen_split_with_top_k_and_mode(items: list[GoldItem]) -> None:
    engine = FakeEngine()
    run_eval(engine, items, modes=[RetrievalMode.DENSE], splits=["test"])
    assert len(engine.calls) == 5
    assert {(call[2], call[3]) for call in engine.calls} == {(5, RetrievalMode.DENSE)}


def test_run_eval_passes_the_history(items: list[GoldItem]) -> None:
    engine = FakeEngine()
    run_eval(engine, items, modes=[RetrievalMode.HYBRID], splits=["dev"])
    assert engine.calls == [("Where did it open?", ("Hi?",), 5, RetrievalMode.HYBRID)]


def test_run_eval_reports_progress(items: list[GoldItem]) -> None:
    seen: list[tuple[int, int]] = []
    run_eval(FakeEngine(), items, modes=[RetrievalMode.HYBRID], progress=lambda *a: seen.append(a))
    assert seen[0] == (1, 6) and seen[-1] == (6, 6)


def test_answer_figures_on_the_test_split_match_the_hand_count(report: EvalReport) -> None:
    overall = report.scores["test"]["hybrid"]["overall"]
    assert (overall.n, overall.n_answerable, overall.n_unanswerable) == (5, 3, 2)
    assert overall.em == pytest.approx(2 / 5)  # q-4 right, q-8 correct abstention
    assert overall.f1 == pytest.approx(2 / 5)
    assert overall.sentence_accuracy == pytest.approx(1 / 3)  # only q-4's sentence


def test_retrieval_figures_match_the_hand_count(report: EvalReport) -> None:
    overall = report.scores["test"]["hybrid"]["overall"]
    # first evidence passage: q-4 rank 1, q-7 rank 2, q-10 none.
    assert overall.recall_at_1 == pytest.approx(1 / 3)
    assert overall.recall_at_3 == pytest.approx(2 / 3)
    assert overall.recall_at_5 == pytest.approx(2 / 3)
    assert overall.mrr == pytest.approx(0.5)


def test_citation_and_abstention_figures_match_the_hand_count(report: EvalReport) -> None:
    overall = report.scores["test"]["hybrid"]["overall"]
    assert overall.citation_precision == pytest.approx(1 / 3)  # q-4 yes; q-7, q-9 no
    assert overall.abstain_precision == pytest.approx(1 / 2)  # q-8 right, q-10 wrong
    assert overall.abstain_recall == pytest.approx(1 / 2)  # q-8 of q-8, q-9
    assert overall.false_abstention_rate == pytest.approx(1 / 3)
    assert overall.sentence_cited == pytest.approx(1 / 3)  # q-4 yes; q-7 other sentence; q-10
    assert (overall.latency_p50_ms, overall.latency_p95_ms) == pytest.approx((30.0, 48.0))


def test_a_supporting_citation_over_the_evidence_counts_as_cited(items: list[GoldItem]) -> None:
    item = next(i for i in items if i.question == "How long did it run?")
    reply = replace(REPLIES[item.question], citations=(_citation(THIRD), _citation(SECOND)))
    record = score_reply(item, reply, "hybrid", FakeEngine())
    assert not record.sentence_correct and record.sentence_cited
    # An abstention shows no answer: its citations support nothing.
    abstained = replace(reply, abstained=True, answer=None, answer_span=None)
    assert not score_reply(item, abstained, "hybrid", FakeEngine()).sentence_cited


def test_groups_split_by_language_tag_and_crossing(report: EvalReport) -> None:
    groups = report.scores["test"]["hybrid"]
    assert groups["language:zh"].n == 1
    assert groups["language:zh"].em == 0.0
    assert groups["tag:unanswerable"].abstain_recall == pytest.approx(1 / 2)
    assert groups["crossing:same-language"].n == 5


def test_all_split_adds_the_dev_items(report: EvalReport) -> None:
    assert report.scores["all"]["lexical"]["overall"].n == 6
    assert report.scores["dev"]["lexical"]["overall"].em == 1.0


def test_records_keep_what_the_system_answered(report: EvalReport) -> None:
    record = next(r for r in report.records if r.item_id == "q-10" and r.mode == "hybrid")
    assert (record.answer, record.abstained, record.raw_correct) == ("4,108", True, True)
    assert report.metadata["model"] == "fake-model"


def test_sweep_threshold_worked_by_hand(report: EvalReport) -> None:
    records = threshold_records(
        r for r in report.records if r.split == "test" and r.mode == "hybrid"
    )
    low, mid, high = sweep_threshold(records, [0.0, 0.55, 0.7])
    assert tuple(low) == pytest.approx((0.0, 0.5, 2 / 3, 0.0, 0.6, 0.0, 0.5))
    assert mid.answered_accuracy == 0.5
    assert mid.overall_em == pytest.approx(0.4)
    assert mid.false_abstention_rate == pytest.approx(2 / 3)
    assert (high.answered_accuracy, high.overall_em) == pytest.approx((1.0, 0.6))


def test_choose_threshold_respects_the_false_abstention_cap() -> None:
    rows = [
        SweepRow(0.2, 0.6, 0.3, 0.0, 0.50),
        SweepRow(0.4, 0.7, 0.5, 0.04, 0.60),
        SweepRow(0.6, 0.9, 0.8, 0.20, 0.70),
    ]
    assert choose_threshold(rows) == 0.4
    assert choose_threshold(rows, max_false_abstention=0.5) == 0.6
    assert choose_threshold(rows, max_false_abstention=-1) == 0.2


def test_write_reports_writes_json_markdown_and_png(report: EvalReport, tmp_path: Path) -> None:
    paths = write_reports(report, tmp_path / "reports", previous=None)
    saved = json.loads(paths.json.read_text(encoding="utf-8"))
    assert saved["scores"]["test"]["hybrid"]["overall"]["em"] == pytest.approx(0.4)
    markdown = paths.markdown.read_text(encoding="utf-8")
    assert "Reproduce with: `ciie-qa eval`" in markdown
    assert "| q-7 | test/hybrid | How long did it run? | six days | Shanghai | no |" in markdown
    assert paths.chart.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in paths.json.parent.iterdir()) == [
        "report.json",
        "report.md",
        "report.png",
    ]


def test_write_reports_compares_with_the_previous_report(
    report: EvalReport, tmp_path: Path
) -> None:
    first = write_reports(report, tmp_path, previous=None)
    better = _with_overall(report, "test", "hybrid", em=0.75, false_abstention_rate=0.5)
    paths = write_reports(better, tmp_path, previous=first.json)
    assert "EM test/hybrid: 0.40 -> 0.75 (+0.35) better" in paths.changes
    assert "False abst test/hybrid: 0.33 -> 0.50 (+0.17) worse" in paths.changes
    assert "EM test/hybrid: 0.40 -> 0.75 (+0.35) better" in paths.markdown.read_text("utf-8")


def test_compare_reports_is_silent_when_nothing_changed(report: EvalReport) -> None:
    assert compare_reports(report.to_dict(), report.to_dict()) == []


def test_write_reports_rejects_an_unreadable_previous_report(
    report: EvalReport, tmp_path: Path
) -> None:
    with pytest.raises(UserInputError, match="previous report"):
        write_reports(report, tmp_path, previous=tmp_path / "missing.json")


def test_check_thresholds_lists_each_failure(report: EvalReport) -> None:
    gates = {
        "split": "test",
        "mode": "hybrid",
        "min": {"em": 0.5, "f1": 0.1, "recall_at_5": 0.9},
        "max": {"false_abstention_rate": 0.05},
    }
    assert check_thresholds(report, gates) == [
        "em test/hybrid: 0.4000 below minimum 0.5",
        "recall_at_5 test/hybrid: 0.6667 below minimum 0.9",
        "false_abstention_rate test/hybrid: 0.3333 above maximum 0.05",
    ]


def test_repository_gate_is_well_formed_and_bites(report: EvalReport) -> None:
    gates = json.loads((Path(__file__).parents[1] / "eval" / "thresholds.json").read_text())
    assert (gates["split"], gates["mode"]) == ("test", "hybrid")
    assert set(gates["min"]) >= {"em", "f1", "sentence_accuracy", "recall_at_5"}
    # The fake report is far below what the real system reaches: every minimum must fail it.
    failures = check_thresholds(report, gates)
    assert {line.split()[0] for line in failures} >= set(gates["min"]) - {"abstain_recall"}


def test_check_thresholds_reports_a_missing_mode(report: EvalReport) -> None:
    assert check_thresholds(report, {"mode": "dense"}) == [
        "test/dense is not in the report; run the eval on that split and mode"
    ]


def test_check_thresholds_rejects_unknown_figures(report: EvalReport) -> None:
    with pytest.raises(UserInputError, match=r"min\.accuracy"):
        check_thresholds(report, {"min": {"accuracy": 0.5}})


def _with_overall(
    report: EvalReport, split: str, mode: str, *, em: float, false_abstention_rate: float
) -> EvalReport:
    scores = {s: {m: dict(g) for m, g in modes.items()} for s, modes in report.scores.items()}
    overall = scores[split][mode]["overall"]
    scores[split][mode]["overall"] = replace(
        overall, em=em, false_abstention_rate=false_abstention_rate
    )
    return replace(report, scores=scores)


def _command(tmp_path: Path, gates: Mapping[str, Any]) -> tuple[int, list[str]]:
    gold = _write_gold(tmp_path / "gold.jsonl", ROWS)
    check = tmp_path / "thresholds.json"
    check.write_text(json.dumps(gates), encoding="utf-8")
    lines: list[str] = []
    code = run_eval_command(
        FakeEngine(),
        gold=gold,
        split="test",
        out_dir=tmp_path / "reports",
        previous=None,
        thresholds=check,
        echo=lines.append,
    )
    return code, lines


def test_eval_command_passes_and_writes_reports(tmp_path: Path) -> None:
    code, lines = _command(tmp_path, {"min": {"em": 0.4}})
    assert code == 0
    assert lines[0] == "test/hybrid: EM 0.400  F1 0.400  R@5 0.667"
    saved = json.loads((tmp_path / "reports" / "report.json").read_text(encoding="utf-8"))
    assert saved["metadata"]["command"].startswith("ciie-qa eval --gold ")
    assert len(saved["metadata"]["corpus_fingerprint"]) == 64


def test_eval_command_fails_on_a_threshold(tmp_path: Path) -> None:
    code, lines = _command(tmp_path, {"min": {"em": 0.5}})
    assert code == 1
    assert lines[-1] == "FAIL em test/hybrid: 0.4000 below minimum 0.5"


def test_unreadable_thresholds_are_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="thresholds"):
        load_thresholds(tmp_path / "missing.json")


def test_threshold_sweep_pools_the_dev_items_of_every_gold_file(tmp_path: Path) -> None:
    from ciie_qa.evaluation import choose_threshold_command, dev_items

    # p-1 and p-2 fall in dev by the id rule; q-4 and q-7 in test.
    first = _write_gold(
        tmp_path / "first.jsonl",
        [ROWS[0], _row("p-1", "How many firms?", ["4108"], FIRST, language="zh")],
    )
    second = _write_gold(
        tmp_path / "second.jsonl", [_row("p-2", "Who paid for it?", [], None), ROWS[1]]
    )
    assert [item.id for item in dev_items([first, second])] == ["p-1", "p-2"]
    engine = FakeEngine()
    choose_threshold_command(engine, golds=[first, second], echo=lambda line: None)
    assert [question for question, *_ in engine.calls] == ["How many firms?", "Who paid for it?"]


def test_a_gold_file_given_twice_is_refused(tmp_path: Path) -> None:
    from ciie_qa.evaluation import dev_items

    gold = _write_gold(tmp_path / "gold.jsonl", ROWS)
    with pytest.raises(UserInputError, match="duplicate gold id"):
        dev_items([gold, gold])


def test_threshold_choice_can_cap_lost_right_answers_instead_of_all_abstentions() -> None:
    from ciie_qa.evaluation import ThresholdRecord, choose_threshold, sweep_threshold

    records = [
        ThresholdRecord(0.9, answerable=True, has_answer=True, correct=True),
        ThresholdRecord(0.1, answerable=True, has_answer=True, correct=False),
        ThresholdRecord(0.2, answerable=False, has_answer=True, correct=False),
    ]
    rows = sweep_threshold(records, [0.0, 0.15, 0.3])
    assert [round(r.lost_correct_rate, 2) for r in rows] == [0.0, 0.0, 0.0]
    assert [round(r.false_abstention_rate, 2) for r in rows] == [0.0, 0.5, 0.5]
    # Abstaining on the wrong answer is no loss, so the threshold may rise to catch the
    # unanswerable item; capped on all abstentions it may not.
    assert choose_threshold(rows, max_false_abstention=0.05, on_lost_correct=True) == 0.3
    assert choose_threshold(rows, max_false_abstention=0.05) == 0.0
