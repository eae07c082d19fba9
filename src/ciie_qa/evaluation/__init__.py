"""The eval runner behind ``ciie-qa eval``: gold set, per-item scoring, reports, gates."""

from ciie_qa.evaluation.gold import (
    ITEM_TAGS,
    ITEM_TYPES,
    LANGUAGES,
    SPLITS,
    Evidence,
    GoldItem,
    dev_items,
    load_gold,
    split_for,
)
from ciie_qa.evaluation.report import ReportPaths, compare_reports, write_reports
from ciie_qa.evaluation.runner import (
    EVAL_TOP_K,
    check_thresholds,
    load_thresholds,
    run_eval,
    run_eval_command,
)
from ciie_qa.evaluation.scoring import EvalReport, ItemRecord, Scores, aggregate, score_reply
from ciie_qa.evaluation.threshold import (
    SweepRow,
    ThresholdRecord,
    choose_threshold,
    choose_threshold_command,
    sweep_threshold,
    threshold_records,
)

__all__ = [
    "EVAL_TOP_K",
    "ITEM_TAGS",
    "ITEM_TYPES",
    "LANGUAGES",
    "SPLITS",
    "EvalReport",
    "Evidence",
    "GoldItem",
    "ItemRecord",
    "ReportPaths",
    "Scores",
    "SweepRow",
    "ThresholdRecord",
    "aggregate",
    "check_thresholds",
    "choose_threshold",
    "choose_threshold_command",
    "compare_reports",
    "dev_items",
    "load_gold",
    "load_thresholds",
    "run_eval",
    "run_eval_command",
    "score_reply",
    "split_for",
    "sweep_threshold",
    "threshold_records",
    "write_reports",
]
