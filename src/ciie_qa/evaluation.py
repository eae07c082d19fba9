"""The eval runner behind ``ciie-qa eval``: gold set, per-item scoring, reports, gates."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from ciie_qa import metrics
from ciie_qa.config import RetrievalMode
from ciie_qa.corpus import corpus_fingerprint
from ciie_qa.engine import QAEngine
from ciie_qa.errors import UnknownDocumentError, UserInputError
from ciie_qa.metrics import Region
from ciie_qa.schema import Reply

SPLITS = ("dev", "test")
LANGUAGES = ("zh", "en")
ITEM_TYPES = (
    "number",
    "date",
    "person",
    "organization",
    "location",
    "list",
    "definition",
    "other",
)
ITEM_TAGS = ("paraphrase", "cross-lingual", "follow-up", "near-miss", "unanswerable")
# Passages requested per question; recall@5 needs at least five.
EVAL_TOP_K = 5
# Figures shown, compared and gated, in report order: (key, label).
HEADLINE = (
    ("em", "EM"),
    ("f1", "F1"),
    ("sentence_accuracy", "Sentence acc"),
    ("recall_at_1", "R@1"),
    ("recall_at_3", "R@3"),
    ("recall_at_5", "R@5"),
    ("mrr", "MRR"),
    ("citation_precision", "Cite prec"),
    ("abstain_precision", "Abst P"),
    ("abstain_recall", "Abst R"),
    ("abstain_f1", "Abst F1"),
    ("false_abstention_rate", "False abst"),
)
_LOWER_IS_BETTER = frozenset({"false_abstention_rate"})


def split_for(item_id: str) -> str:
    """The split fixed by the id: ``sha256(id) % 10 < 4`` is dev, the rest test."""
    return (
        "dev" if int(hashlib.sha256(item_id.encode("utf-8")).hexdigest(), 16) % 10 < 4 else "test"
    )


@dataclass(frozen=True)
class Evidence:
    """A gold evidence span: ``article.text[start:end] == text``."""

    doc_id: str
    start: int
    end: int
    text: str

    @property
    def region(self) -> Region:
        """The span as a metrics region."""
        return (self.doc_id, self.start, self.end)


@dataclass(frozen=True)
class GoldItem:
    """One gold question; unanswerable items have no answers and no evidence."""

    id: str
    split: str
    language: str
    question: str
    history: tuple[str, ...]
    answerable: bool
    answers: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    type: str
    tags: tuple[str, ...]


def load_gold(path: Path) -> list[GoldItem]:
    """Read a gold JSON Lines file (blank lines allowed).

    Raises:
        UserInputError: unreadable file, or a line that is not a valid item (names the line).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise UserInputError(f"cannot read gold file {path}: {err}; check the path") from err
    items: list[GoldItem] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            items.append(_parse_item(json.loads(line)))
        except KeyError as err:
            raise UserInputError(f"{path}:{number}: missing field {err}; add it") from err
        except (TypeError, ValueError) as err:  # JSONDecodeError is a ValueError
            raise UserInputError(
                f"{path}:{number}: invalid gold item: {err}; fix that line"
            ) from err
    _check_unique([item.id for item in items], path)
    return items


def _check_unique(ids: Sequence[str], path: Path) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise UserInputError(f"{path}: duplicate gold id {item_id!r}; ids must be unique")
        seen.add(item_id)


def _parse_item(obj: Any) -> GoldItem:
    if not isinstance(obj, dict):
        raise TypeError("expected a JSON object")
    item = GoldItem(
        id=_text(obj, "id"),
        split=_choice(obj, "split", SPLITS),
        language=_choice(obj, "language", LANGUAGES),
        question=_text(obj, "question"),
        history=_strings(obj, "history"),
        answerable=_bool(obj, "answerable"),
        answers=_strings(obj, "answers"),
        evidence=tuple(_parse_evidence(e) for e in _list(obj, "evidence")),
        type=_choice(obj, "type", ITEM_TYPES),
        tags=tuple(_choice({"tag": t}, "tag", ITEM_TAGS) for t in _strings(obj, "tags")),
    )
    if item.answerable != bool(item.answers) or item.answerable != bool(item.evidence):
        raise ValueError("answerable items need answers and evidence; unanswerable ones neither")
    if item.split != split_for(item.id):
        raise ValueError(f"split {item.split!r} does not match the id rule ({split_for(item.id)})")
    return item


def _parse_evidence(obj: Any) -> Evidence:
    if not isinstance(obj, dict):
        raise TypeError("evidence entries must be objects")
    start, end = obj["start"], obj["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise ValueError("evidence needs integer offsets 0 <= start < end")
    return Evidence(_text(obj, "doc_id"), start, end, _text(obj, "text"))


def _list(obj: Mapping[str, Any], key: str) -> list[Any]:
    value = obj[key]
    if not isinstance(value, list):
        raise TypeError(f"{key!r} must be a list")
    return value


def _strings(obj: Mapping[str, Any], key: str) -> tuple[str, ...]:
    values = _list(obj, key)
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise TypeError(f"{key!r} must hold non-empty strings")
    return tuple(values)


def _text(obj: Mapping[str, Any], key: str) -> str:
    value = obj[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key!r} must be a non-empty string")
    return value


def _bool(obj: Mapping[str, Any], key: str) -> bool:
    value = obj[key]
    if not isinstance(value, bool):
        raise TypeError(f"{key!r} must be true or false")
    return value


def _choice(obj: Mapping[str, Any], key: str, allowed: Sequence[str]) -> str:
    value = _text(obj, key)
    if value not in allowed:
        raise ValueError(f"{key!r} is {value!r}; expected one of {', '.join(allowed)}")
    return value


@dataclass(frozen=True)
class ItemRecord:
    """How the system did on one gold item in one retrieval mode."""

    item_id: str
    split: str
    mode: str
    language: str
    type: str
    tags: tuple[str, ...]
    question: str
    history: tuple[str, ...]
    answerable: bool
    gold_answers: tuple[str, ...]
    answer: str | None  # what the system said, even if it then abstained
    abstained: bool
    confidence: float
    em: float  # with abstention credit: None prediction when abstained
    f1: float
    raw_correct: bool  # EM of ``answer`` ignoring abstention (for the threshold sweep)
    sentence_correct: bool
    first_hit_rank: int | None
    citations_supported: int
    citations_total: int
    latency_ms: float


def score_reply(item: GoldItem, reply: Reply, mode: str, engine: QAEngine) -> ItemRecord:
    """Score one reply against its gold item (pure apart from reading article text)."""
    evidence = [e.region for e in item.evidence]
    prediction = None if reply.abstained else reply.answer
    passages = [(h.chunk.doc_id, h.chunk.start, h.chunk.end) for h in reply.passages]
    cited = [((c.doc_id, c.start, c.end), c.text) for c in reply.citations]
    if reply.abstained:
        cited = []  # an abstention shows no answer, so its citations support nothing
    return ItemRecord(
        item_id=item.id,
        split=item.split,
        mode=mode,
        language=item.language,
        type=item.type,
        tags=item.tags,
        question=item.question,
        history=item.history,
        answerable=item.answerable,
        gold_answers=item.answers,
        answer=reply.answer,
        abstained=reply.abstained,
        confidence=reply.confidence,
        em=metrics.exact_match(prediction, item.answers),
        f1=metrics.f1(prediction, item.answers),
        raw_correct=reply.answer is not None
        and metrics.exact_match(reply.answer, item.answers) == 1,
        sentence_correct=metrics.sentence_correct(_sentence_region(reply, engine), evidence),
        first_hit_rank=metrics.first_hit_rank(passages, evidence),
        citations_supported=metrics.supported_citations(cited, evidence, item.answers),
        citations_total=len(cited),
        latency_ms=reply.timings_ms.total,
    )


def _sentence_region(reply: Reply, engine: QAEngine) -> Region | None:
    """Locate the reply's sentence in its article (the Reply carries its text, not offsets)."""
    if reply.sentence is None:
        return None
    span = reply.answer_span
    doc_ids = [span.doc_id] if span is not None else [c.doc_id for c in reply.citations]
    for doc_id in dict.fromkeys(doc_ids):
        try:
            text = engine.article(doc_id).text
        except UnknownDocumentError:
            continue
        starts = _occurrences(text, reply.sentence)
        if starts:
            # Prefer the occurrence holding the answer span when the sentence repeats.
            inside = [s for s in starts if span and s <= span.start < s + len(reply.sentence)]
            start = (inside or starts)[0]
            return (doc_id, start, start + len(reply.sentence))
    return None


def _occurrences(text: str, needle: str) -> list[int]:
    starts, at = [], text.find(needle)
    while needle and at >= 0:
        starts.append(at)
        at = text.find(needle, at + 1)
    return starts


@dataclass(frozen=True)
class Scores:
    """Aggregate figures for one group of records; None where a figure is undefined."""

    n: int
    n_answerable: int
    n_unanswerable: int
    em: float
    f1: float
    sentence_accuracy: float | None
    recall_at_1: float | None
    recall_at_3: float | None
    recall_at_5: float | None
    mrr: float | None
    citation_precision: float | None
    abstain_precision: float | None
    abstain_recall: float | None
    abstain_f1: float | None
    false_abstention_rate: float | None
    latency_p50_ms: float
    latency_p95_ms: float


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def aggregate(records: Sequence[ItemRecord]) -> Scores:
    """The figures of one group of records.

    EM/F1 count every item (abstention credit on unanswerable ones); sentence accuracy, recall
    and MRR count answerable items; citation precision is micro-averaged over the citations of
    answered items. A figure with nothing to count is None.
    """
    if not records:
        raise ValueError("cannot aggregate an empty group of records")
    answerable = [r for r in records if r.answerable]
    ranks = [r.first_hit_rank for r in answerable]
    cited = sum(r.citations_total for r in records)
    abstention = metrics.abstention_scores([(r.abstained, r.answerable) for r in records])
    latencies = [r.latency_ms for r in records]
    return Scores(
        n=len(records),
        n_answerable=len(answerable),
        n_unanswerable=len(records) - len(answerable),
        em=sum(r.em for r in records) / len(records),
        f1=sum(r.f1 for r in records) / len(records),
        sentence_accuracy=_mean([float(r.sentence_correct) for r in answerable]),
        recall_at_1=_mean([float(k is not None and k <= 1) for k in ranks]),
        recall_at_3=_mean([float(k is not None and k <= 3) for k in ranks]),
        recall_at_5=_mean([float(k is not None and k <= 5) for k in ranks]),
        mrr=_mean([0.0 if k is None else 1.0 / k for k in ranks]),
        citation_precision=sum(r.citations_supported for r in records) / cited if cited else None,
        abstain_precision=abstention.precision if any(r.abstained for r in records) else None,
        abstain_recall=abstention.recall if len(answerable) < len(records) else None,
        abstain_f1=abstention.f1 if len(answerable) < len(records) else None,
        false_abstention_rate=abstention.false_abstention_rate if answerable else None,
        latency_p50_ms=metrics.percentile(latencies, 50),
        latency_p95_ms=metrics.percentile(latencies, 95),
    )


def group_keys(record: ItemRecord) -> list[str]:
    """The groups a record is counted in: overall, language, type, crossing and each tag.

    "crossing:cross-lingual" / "crossing:same-language" report cross-lingual items apart as
    well as in the totals.
    """
    crossing = "cross-lingual" if "cross-lingual" in record.tags else "same-language"
    keys = ["overall", f"language:{record.language}", f"type:{record.type}", f"crossing:{crossing}"]
    return keys + [f"tag:{tag}" for tag in record.tags]


@dataclass(frozen=True)
class EvalReport:
    """All records and their aggregates: ``scores[split][mode][group]`` ("all" = both splits)."""

    metadata: Mapping[str, str]
    scores: Mapping[str, Mapping[str, Mapping[str, Scores]]]
    records: tuple[ItemRecord, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON types; what ``report.json`` holds and ``compare_reports`` reads."""
        return {
            "metadata": dict(self.metadata),
            "scores": {
                split: {
                    mode: {group: asdict(s) for group, s in groups.items()}
                    for mode, groups in modes.items()
                }
                for split, modes in self.scores.items()
            },
            "records": [asdict(r) for r in self.records],
        }


ProgressFn = Callable[[int, int], None]


def run_eval(
    engine: QAEngine,
    items: Sequence[GoldItem],
    *,
    modes: Sequence[RetrievalMode],
    splits: Sequence[str] = SPLITS,
    top_k: int = EVAL_TOP_K,
    metadata: Mapping[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> EvalReport:
    """Ask every item of the chosen splits in every mode and aggregate the figures.

    Args:
        engine: anything implementing ``QAEngine``.
        items: the gold set (``load_gold``).
        modes: retrieval modes to compare, e.g. hybrid, lexical, dense.
        splits: which splits to run; the report also has "all" (their union).
        top_k: passages asked for (recall@5 needs 5 or more).
        metadata: extra facts for the report (command, index fingerprint, ...).
        progress: called with (done, total) after each question.
    """
    chosen = [item for item in items if item.split in splits]
    if not chosen or not modes:
        raise UserInputError("nothing to evaluate: choose at least one mode and a non-empty split")
    total, records = len(chosen) * len(modes), []
    for mode in modes:
        for item in chosen:
            reply = engine.ask(item.question, item.history, top_k=top_k, mode=mode)
            records.append(score_reply(item, reply, mode.value, engine))
            if progress is not None:
                progress(len(records), total)
    meta = {"model": engine.model_name, "top_k": str(top_k), **(metadata or {})}
    return EvalReport(meta, _score_tree(records), tuple(records))


def _score_tree(records: Sequence[ItemRecord]) -> dict[str, dict[str, dict[str, Scores]]]:
    buckets: dict[str, dict[str, dict[str, list[ItemRecord]]]] = {}
    for record in records:
        for split in (record.split, "all"):
            for key in group_keys(record):
                modes = buckets.setdefault(split, {})
                modes.setdefault(record.mode, {}).setdefault(key, []).append(record)
    order = {"test": 0, "dev": 1, "all": 2}  # headline split first
    return {
        split: {
            mode: {key: aggregate(group) for key, group in sorted(groups.items())}
            for mode, groups in modes.items()
        }
        for split, modes in sorted(buckets.items(), key=lambda kv: order.get(kv[0], 3))
    }


def run_eval_command(
    engine: QAEngine,
    *,
    gold: Path,
    split: str,
    out_dir: Path,
    previous: Path | None,
    thresholds: Path | None,
    modes: Sequence[RetrievalMode] = tuple(RetrievalMode),
    echo: Callable[[str], None] = print,
) -> int:
    """What ``ciie-qa eval`` does: run, write the reports, print a summary, apply the gates.

    Args:
        split: "dev", "test" or "all".
        thresholds: a thresholds JSON file to gate on, or None for no gate.
        echo: where summary lines go (the CLI's stdout).

    Returns:
        The exit code: 1 when a threshold fails, else 0.
    """
    items = load_gold(gold)
    gates = load_thresholds(thresholds) if thresholds is not None else None
    command = _command_line(gold, split, out_dir, previous, thresholds)
    metadata = {
        "command": command,
        "gold_sha256": hashlib.sha256(gold.read_bytes()).hexdigest(),
        "corpus_fingerprint": corpus_fingerprint(engine.articles()),
    }
    splits = SPLITS if split == "all" else (split,)
    report = run_eval(engine, items, modes=modes, splits=splits, metadata=metadata)
    paths = write_reports(report, out_dir, previous=previous)
    headline_split = next(iter(report.scores))
    for mode, groups in report.scores[headline_split].items():
        s = groups["overall"]
        echo(f"{headline_split}/{mode}: EM {s.em:.3f}  F1 {s.f1:.3f}  R@5 {_fmt(s.recall_at_5)}")
    for line in paths.changes:
        echo(line)
    echo(f"reports written to {paths.markdown.parent}")
    failures = check_thresholds(report, gates) if gates is not None else []
    for failure in failures:
        echo(f"FAIL {failure}")
    return 1 if failures else 0


def _command_line(
    gold: Path, split: str, out_dir: Path, previous: Path | None, thresholds: Path | None
) -> str:
    parts = ["ciie-qa", "eval", "--gold", str(gold), "--split", split, "--out", str(out_dir)]
    if previous is not None:
        parts += ["--previous", str(previous)]
    if thresholds is not None:
        parts += ["--check", str(thresholds)]
    return " ".join(parts)


def load_thresholds(path: Path) -> dict[str, Any]:
    """Read a thresholds file (see eval/README.md).

    Raises:
        UserInputError: the file cannot be read or is not a JSON object.
    """
    return _read_json_object(path, "thresholds", "a JSON object with min/max figures")


def _read_json_object(path: Path, what: str, shape: str) -> dict[str, Any]:
    """A JSON object from ``path``; ``UserInputError`` naming ``what`` when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UserInputError(f"cannot read {what} {path}: {err}; check the path") from err
    if not isinstance(data, dict):
        raise UserInputError(f"{what} {path} must be {shape}")
    return data


# ---------------------------------------------------------------- abstention threshold


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


# ---------------------------------------------------------------- comparison and gates


def _headline(report: Mapping[str, Any]) -> dict[tuple[str, str, str], float]:
    """(split, mode, metric) -> value for the "overall" group of a report dict."""
    values = {}
    for split, modes in report.get("scores", {}).items():
        for mode, groups in modes.items():
            overall = groups.get("overall", {})
            for key, _ in HEADLINE:
                if overall.get(key) is not None:
                    values[(split, mode, key)] = float(overall[key])
    return values


def compare_reports(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Lines like ``EM test/hybrid: 0.71 -> 0.75 (+0.04) better`` for each changed figure.

    Both arguments are report dicts (``EvalReport.to_dict()`` or a loaded ``report.json``); only
    the "overall" group of each split and mode is compared. Latency is never compared: it is
    not deterministic.
    """
    before, after = _headline(old), _headline(new)
    labels = dict(HEADLINE)
    lines = []
    for split, mode, key in sorted(before.keys() & after.keys()):
        was, now = before[(split, mode, key)], after[(split, mode, key)]
        delta = round(now - was, 4)
        if abs(delta) < 0.005:
            continue  # below the precision shown
        better = (delta < 0) if key in _LOWER_IS_BETTER else (delta > 0)
        verdict = "better" if better else "worse"
        lines.append(
            f"{labels[key]} {split}/{mode}: {was:.2f} -> {now:.2f} ({delta:+.2f}) {verdict}"
        )
    return lines


def check_thresholds(report: EvalReport, thresholds: Mapping[str, Any]) -> list[str]:
    """Failures of the gates in ``thresholds`` (see eval/thresholds.json); empty means pass.

    Raises:
        UserInputError: the thresholds name an unknown figure or are malformed.
    """
    split, mode = str(thresholds.get("split", "test")), str(thresholds.get("mode", "hybrid"))
    groups = report.scores.get(split, {}).get(mode)
    if groups is None or "overall" not in groups:
        return [f"{split}/{mode} is not in the report; run the eval on that split and mode"]
    overall = asdict(groups["overall"])
    failures = []
    for bound, sign in (("min", 1), ("max", -1)):
        for key, limit in dict(thresholds.get(bound, {})).items():
            if key not in overall or not isinstance(limit, int | float):
                raise UserInputError(f"threshold {bound}.{key} is not a known figure with a number")
            value = overall[key]
            if value is None or sign * (value - limit) < 0:
                shown = "n/a" if value is None else f"{value:.4f}"
                word = "below minimum" if sign > 0 else "above maximum"
                failures.append(f"{key} {split}/{mode}: {shown} {word} {limit}")
    return failures


# ---------------------------------------------------------------- report files


@dataclass(frozen=True)
class ReportPaths:
    """Where ``write_reports`` put its files, and the comparison with the previous report."""

    json: Path
    markdown: Path
    chart: Path
    changes: tuple[str, ...] = field(default_factory=tuple)


def write_reports(report: EvalReport, out_dir: Path, *, previous: Path | None) -> ReportPaths:
    """Write ``report.json``, ``report.md`` and ``report.png`` into ``out_dir``, each atomically.

    Args:
        report: from ``run_eval``.
        out_dir: created if missing.
        previous: an earlier ``report.json`` to compare against (read before anything is written,
            so it may be the file about to be replaced).

    Raises:
        UserInputError: ``previous`` cannot be read as a report.
    """
    changes = tuple(compare_reports(_read_report(previous), report.to_dict())) if previous else ()
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = ReportPaths(
        out_dir / "report.json", out_dir / "report.md", out_dir / "report.png", changes
    )
    data = json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True)
    _write_atomic(paths.json, (data + "\n").encode("utf-8"))
    _write_atomic(paths.markdown, render_markdown(report, changes).encode("utf-8"))
    _write_atomic(paths.chart, render_chart(report))
    return paths


def _read_report(path: Path) -> Mapping[str, Any]:
    return _read_json_object(path, "previous report", "a report object")


def _write_atomic(path: Path, data: bytes) -> None:
    """Write aside then rename, so a crash never leaves a half-written report."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _table(rows: Sequence[tuple[str, Scores]], first: str) -> list[str]:
    header = [first, "n", *(label for _, label in HEADLINE), "p50 ms", "p95 ms"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, s in rows:
        cells = [name, str(s.n), *(_fmt(getattr(s, key)) for key, _ in HEADLINE)]
        cells += [f"{s.latency_p50_ms:.1f}", f"{s.latency_p95_ms:.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render_markdown(report: EvalReport, changes: Sequence[str] = ()) -> str:
    """The human report: headline by mode, then language/type/tag tables and misses per split."""
    meta = report.metadata
    lines = ["# ciie-qa evaluation", ""]
    lines += [f"- {key}: `{value}`" for key, value in sorted(meta.items())]
    lines += ["", f"Reproduce with: `{meta.get('command', 'ciie-qa eval')}`", ""]
    if changes:
        lines += ["## Changes since the previous report", "", *(f"- {c}" for c in changes), ""]
    for split, modes in report.scores.items():
        lines += [f"## Split: {split}", "", "### Headline by retrieval mode", ""]
        lines += _table([(mode, groups["overall"]) for mode, groups in modes.items()], "mode")
        for mode, groups in modes.items():
            for title in ("language", "crossing", "type", "tag"):
                prefix = f"{title}:"
                rows = [
                    (k.removeprefix(prefix), s) for k, s in groups.items() if k.startswith(prefix)
                ]
                lines += ["", f"### {split}/{mode} by {title}", "", *_table(rows, title)]
        lines.append("")
    lines += _misses_section(report.records)
    return "\n".join(lines) + "\n"


def _misses_section(records: Sequence[ItemRecord]) -> list[str]:
    misses = [r for r in records if r.em < 1.0]
    lines = [
        "## Misses (EM < 1)",
        "",
        "| id | split/mode | question | gold | system | abstained | conf |",
    ]
    lines.append("|---|---|---|---|---|---|---|")
    for r in misses:
        question = " / ".join([*r.history, r.question])
        gold = " ; ".join(r.gold_answers) or "(unanswerable)"
        cells = [r.item_id, f"{r.split}/{r.mode}", question, gold, r.answer or "(none)"]
        cells += ["yes" if r.abstained else "no", f"{r.confidence:.2f}"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return [*lines, ""]


def render_chart(report: EvalReport) -> bytes:
    """PNG bars of EM and F1 by type and by language (test split if present, first mode)."""
    import matplotlib

    matplotlib.use("Agg")  # set here, not at import: no display is ever needed
    import matplotlib.pyplot as plt

    split = "test" if "test" in report.scores else next(iter(report.scores))
    mode, groups = next(iter(report.scores[split].items()))
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    for ax, prefix in zip(axes, ("type:", "language:"), strict=True):
        names = [k for k in groups if k.startswith(prefix)]
        xs = range(len(names))
        ax.bar([x - 0.2 for x in xs], [groups[k].em for k in names], 0.4, label="EM")
        ax.bar([x + 0.2 for x in xs], [groups[k].f1 for k in names], 0.4, label="F1")
        ax.set_xticks(list(xs), [k.removeprefix(prefix) for k in names], rotation=30)
        ax.set_ylim(0, 1)
        ax.set_title(f"{split}/{mode} by {prefix.rstrip(':')}")
        ax.legend()
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


# ---------------------------------------------------------------- choosing the threshold

SWEEP_THRESHOLDS = tuple(round(0.01 * i, 2) for i in range(0, 81))


def choose_threshold_command(
    engine: QAEngine,
    *,
    gold: Path,
    max_false_abstention: float = 0.05,
    echo: Callable[[str], None] = print,
) -> float:
    """Sweep the abstention threshold on the dev split and print the choice.

    The engine must answer everything (abstain threshold 0). Cross-lingual items are left out:
    the default English-only model cannot bridge languages, so abstaining on them is the honest
    outcome and must not drag the threshold to zero.
    """
    items = [i for i in load_gold(gold) if i.split == "dev"]
    report = run_eval(engine, items, modes=[RetrievalMode.HYBRID], splits=("dev",))
    same_language = [r for r in report.records if "cross-lingual" not in r.tags]
    rows = sweep_threshold(threshold_records(same_language), SWEEP_THRESHOLDS)
    chosen = choose_threshold(rows, max_false_abstention=max_false_abstention, on_lost_correct=True)
    echo("threshold  answered-acc  abstain-F1  false-abst  lost-correct  EM(with credit)")
    for row in rows[::5]:
        echo(
            f"{row.threshold:9.2f}  {row.answered_accuracy:12.3f}  {row.abstain_f1:10.3f}  "
            f"{row.false_abstention_rate:10.3f}  {row.lost_correct_rate:12.3f}  "
            f"{row.overall_em:.3f}"
        )
    echo(f"chosen abstain_threshold: {chosen:.2f} (lost correct answers <= {max_false_abstention})")
    return chosen
