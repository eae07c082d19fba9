"""The confidence calibration: features, the logistic model, its file, the fit, the threshold."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from ciie_qa.config import UNCALIBRATED_THRESHOLD, Settings
from ciie_qa.engine import _abstention_threshold
from ciie_qa.errors import ConfigError, UserInputError
from ciie_qa.evaluation.calibration import (
    TARGET_ABSTAIN_RECALL,
    Sample,
    fit_calibrator,
    fit_logistic,
)
from ciie_qa.evaluation.threshold import SweepRow, lowest_threshold_with_recall
from ciie_qa.reader import Reader, analyze
from ciie_qa.reader.calibration import Calibrator, load_calibrator, signal_features
from ciie_qa.reader.reading import Evidence
from ciie_qa.schema import ReadingSignals, Sentence


def _signals(score: float = 0.5, **changes: object) -> ReadingSignals:
    values: dict[str, object] = {
        "score": score,
        "relevance": 0.8,
        "span_quality": 0.7,
        "anchors": 1.0,
        "unseen": 1.0,
        "answer_type": "number",
        "chinese_question": False,
        "sentence_chars": 80,
    }
    values.update(changes)
    return ReadingSignals(**values)  # type: ignore[arg-type]


def _only(weights: dict[str, float]) -> dict[str, float]:
    """Every feature at weight 0 except those given."""
    return {name: weights.get(name, 0.0) for name in signal_features(_signals())}


def test_features_are_logs_of_the_factors_and_one_flag_per_answer_type() -> None:
    features = signal_features(_signals(score=0.4, anchors=0.8, unseen=0.8, answer_type="date"))
    # The unseen-words factor is taken out of the score and the anchors, which hold it.
    assert features["log_seen_score"] == pytest.approx(math.log(0.5))
    assert features["log_seen_anchors"] == pytest.approx(0.0)
    assert features["log_unseen"] == pytest.approx(math.log(0.8))
    assert features["asks_date"] == 1.0
    assert sum(v for k, v in features.items() if k.startswith("asks_")) == 1.0


def test_a_zero_factor_gives_finite_features() -> None:
    features = signal_features(_signals(score=0.0, anchors=0.0, relevance=0.0))
    assert all(math.isfinite(v) for v in features.values())


def test_probability_is_the_logistic_of_the_weighted_features() -> None:
    calibrator = Calibrator(_only({"log_seen_score": 2.0}), intercept=0.5, threshold=0.4)
    z = 0.5 + 2.0 * math.log(0.3)
    assert calibrator.probability(_signals(score=0.3)) == pytest.approx(1 / (1 + math.exp(-z)))
    assert calibrator.probability(_signals(score=0.9)) > calibrator.probability(_signals(0.3))


def test_calibration_file_round_trips(tmp_path: Path) -> None:
    calibrator = Calibrator(_only({"span_quality": 1.5}), -0.25, 0.37, "test set")
    path = tmp_path / "calibration.json"
    path.write_text(calibrator.to_json())
    assert load_calibrator(path) == calibrator


def test_the_packaged_calibration_loads_and_matches_the_signals() -> None:
    calibrator = load_calibrator()
    assert set(calibrator.weights) == set(signal_features(_signals()))
    assert 0.0 < calibrator.threshold < 1.0
    # Whatever else it learned, a reader score of 0.9 must be surer than one of 0.05, and words
    # the corpus never uses (each costs the score 0.8) must never make an answer surer.
    assert calibrator.probability(_signals(0.9)) > calibrator.probability(_signals(0.05))
    seen = _signals(0.5, anchors=0.9)
    unseen = _signals(0.5 * 0.64, anchors=0.9 * 0.64, unseen=0.64)
    assert calibrator.probability(unseen) <= calibrator.probability(seen)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "No such file"),
        ("[1, 2]", "not a JSON object"),
        ('{"format": 99}', "format 99"),
        ('{"format": 1, "weights": {"log_unseen": 1}, "intercept": 0, "threshold": 0.5}', "match"),
        ('{"format": 1, "weights": null, "intercept": 0, "threshold": 0.5}', "'weights'"),
        ('{"format": true}', "'format' is True"),
        ("not json", "Expecting value"),
    ],
)
def test_a_bad_calibration_file_is_one_clear_config_error(
    tmp_path: Path, content: str | None, says: str
) -> None:
    path = tmp_path / "calibration.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ConfigError, match=says) as raised:
        load_calibrator(path)
    assert "ciie-qa calibrate" in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("threshold", 1.5, "not a probability"),
        ("threshold", True, "not a finite number"),
        ("intercept", float("nan"), "not a finite number"),
        ("intercept", None, "not a finite number"),
    ],
)
def test_a_calibration_with_a_bad_number_is_refused(
    tmp_path: Path, key: str, value: object, says: str
) -> None:
    data = json.loads(Calibrator(_only({}), 0.0, 0.5).to_json())
    data[key] = value
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(data))  # NaN is written as NaN, which json.loads reads back
    with pytest.raises(ConfigError, match=says):
        load_calibrator(path)


def test_a_nan_weight_is_refused_not_read_as_certainty(tmp_path: Path) -> None:
    data = json.loads(Calibrator(_only({}), 0.0, 0.5).to_json())
    data["weights"]["span_quality"] = float("nan")
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ConfigError, match="'span_quality' is nan"):
        load_calibrator(path)


def test_a_missing_key_is_named(tmp_path: Path) -> None:
    data = json.loads(Calibrator(_only({}), 0.0, 0.5).to_json())
    del data["threshold"]
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ConfigError, match="'threshold' is missing"):
        load_calibrator(path)


def _evidence(text: str) -> Evidence:
    return Evidence(Sentence("d", 0, len(text), text), context=text, retrieval=1.0, dense=None)


def test_the_reader_reports_its_signals_and_the_calibrated_confidence() -> None:
    question = analyze("How many companies did the expo attract?")
    evidence = [_evidence("The expo attracted 4,108 companies."), _evidence("It rained.")]
    plain = Reader(lambda t: 1.0, lambda t: True).read(question, evidence, dense_reliability=0.0)
    assert plain.signals is not None
    assert plain.confidence == plain.signals.score  # uncalibrated: the reader's own score
    assert plain.signals.answer_type == "number" and not plain.signals.chinese_question
    calibrator = Calibrator(_only({"log_seen_score": 1.0}), 0.0, 0.5)
    calibrated = Reader(lambda t: 1.0, lambda t: True, calibrator).read(
        question, evidence, dense_reliability=0.0
    )
    assert calibrated.answer == plain.answer  # the calibration never changes the answer
    assert calibrated.signals == plain.signals
    assert calibrated.confidence == pytest.approx(calibrator.probability(plain.signals))
    assert calibrated.confidence != pytest.approx(plain.confidence)


def test_the_threshold_is_the_users_else_the_calibrations_else_the_uncalibrated_one() -> None:
    calibrator = Calibrator(_only({}), 0.0, 0.37)
    assert _abstention_threshold(Settings(abstain_threshold=0.5), calibrator) == 0.5
    assert _abstention_threshold(Settings(abstain_threshold=0.0), calibrator) == 0.0
    assert _abstention_threshold(Settings(), calibrator) == 0.37
    assert _abstention_threshold(Settings(), None) == UNCALIBRATED_THRESHOLD


def _samples(n: int = 120) -> list[Sample]:
    """Answers right exactly when the reader's score is above 0.5, plus unanswerable ones."""
    samples = []
    for i in range(n):
        score = (i + 0.5) / n
        samples.append(Sample(_signals(score), True, score > 0.5, True))
    samples += [Sample(_signals(0.05 + 0.4 * i / 40), True, False, False) for i in range(40)]
    samples.append(Sample(None, False, False, False))  # nothing read: abstains at any threshold
    return samples


def test_fit_learns_that_a_higher_score_is_surer_and_chooses_a_threshold_between() -> None:
    fit = fit_calibrator(_samples(), fitted_on="synthetic")
    calibrator = fit.calibrator
    assert calibrator.fitted_on == "synthetic"
    low, high = calibrator.probability(_signals(0.2)), calibrator.probability(_signals(0.8))
    assert low < 0.2 < 0.8 < high
    assert low < calibrator.threshold < high
    chosen = next(r for r in fit.out_of_fold if r.threshold == calibrator.threshold)
    # The lowest threshold abstaining on 80% of the unanswerable questions, and the signals
    # separate right from wrong: no right answer is withheld there.
    below = [r for r in fit.out_of_fold if r.threshold < calibrator.threshold]
    assert chosen.abstain_recall >= TARGET_ABSTAIN_RECALL
    assert all(r.abstain_recall < TARGET_ABSTAIN_RECALL for r in below)
    assert chosen.lost_correct_rate == 0.0


def test_the_lowest_threshold_reaching_the_abstain_recall_is_chosen() -> None:
    rows = [
        SweepRow(0.2, 0.6, 0.3, 0.0, 0.5, abstain_recall=0.5),
        SweepRow(0.3, 0.7, 0.5, 0.1, 0.6, abstain_recall=0.8),
        SweepRow(0.4, 0.9, 0.8, 0.2, 0.7, abstain_recall=0.9),
    ]
    assert lowest_threshold_with_recall(rows, 0.8) == 0.3
    assert lowest_threshold_with_recall(rows, 0.85) == 0.4
    assert lowest_threshold_with_recall(rows, 0.95) == 0.4  # none reaches it: the surest


def test_fit_refuses_samples_without_both_right_and_wrong_answers() -> None:
    all_right = [Sample(_signals(0.9), True, True, True) for _ in range(30)]
    with pytest.raises(UserInputError, match="at least 5 right and 5 wrong"):
        fit_calibrator(all_right)
    with pytest.raises(UserInputError, match="0 dev answers"):
        fit_calibrator([Sample(None, False, False, True)] * 10)


def test_unconstrained_fit_is_scikit_learns_logistic_regression() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(300, 4))
    y = (x @ np.array([1.5, -2.0, 0.0, 0.5]) + rng.normal(size=300) > 0).astype(int)
    coef, bias = fit_logistic(x, y, np.zeros(4, dtype=bool))
    reference = LogisticRegression(C=1.0).fit(x, y)
    assert coef == pytest.approx(reference.coef_[0], abs=1e-3)
    assert bias == pytest.approx(reference.intercept_[0], abs=1e-3)


def test_a_rising_feature_never_gets_a_negative_weight() -> None:
    rng = np.random.default_rng(7)
    x = rng.normal(size=(300, 2))
    y = (x[:, 1] - 2.0 * x[:, 0] > 0).astype(int)  # the first feature counts against
    free, _ = fit_logistic(x, y, np.array([False, False]))
    kept, _ = fit_logistic(x, y, np.array([True, False]))
    assert free[0] < -1.0
    assert kept[0] == 0.0 and kept[1] > 0.0
