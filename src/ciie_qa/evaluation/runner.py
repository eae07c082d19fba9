"""Running the engine over the gold set, the CI gate, and the `ciie-qa eval` command."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ciie_qa.config import RetrievalMode
from ciie_qa.corpus import corpus_fingerprint
from ciie_qa.engine import QAEngine
from ciie_qa.errors import UserInputError
from ciie_qa.evaluation.gold import SPLITS, GoldItem, load_gold
from ciie_qa.evaluation.report import fmt, read_json_object, write_reports
from ciie_qa.evaluation.scoring import (
    EvalReport,
    ItemRecord,
    Scores,
    aggregate,
    group_keys,
    score_reply,
)

EVAL_TOP_K = 5


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
    progress: ProgressFn | None = None,
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
    report = run_eval(
        engine, items, modes=modes, splits=splits, metadata=metadata, progress=progress
    )
    paths = write_reports(report, out_dir, previous=previous)
    headline_split = next(iter(report.scores))
    for mode, groups in report.scores[headline_split].items():
        s = groups["overall"]
        echo(f"{headline_split}/{mode}: EM {s.em:.3f}  F1 {s.f1:.3f}  R@5 {fmt(s.recall_at_5)}")
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
    return read_json_object(path, "thresholds", "a JSON object with min/max figures")


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
