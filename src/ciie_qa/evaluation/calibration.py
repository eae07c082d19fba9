"""Fitting the confidence calibration on the dev parts of the eval sets (``ciie-qa calibrate``).

Every dev item is asked with abstention off; the reader's signals for its best sentence and
whether the answer was exactly right make one sample. A logistic regression learns
P(right | signals), with the reader's factors kept from counting against the answer; the
abstention threshold is chosen on out-of-fold probabilities, so that it is not set on answers
the model has already seen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import minimize
from scipy.special import expit
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler

from ciie_qa.config import RetrievalMode
from ciie_qa.engine import QAEngine
from ciie_qa.errors import UserInputError
from ciie_qa.evaluation.gold import GoldItem
from ciie_qa.evaluation.report import write_atomic
from ciie_qa.evaluation.runner import EVAL_TOP_K
from ciie_qa.evaluation.scoring import score_reply
from ciie_qa.evaluation.threshold import (
    SWEEP_THRESHOLDS,
    SweepRow,
    ThresholdRecord,
    lowest_threshold_with_recall,
    print_sweep,
    sweep_threshold,
)
from ciie_qa.reader.calibration import SURER_WHEN_HIGHER, Calibrator, signal_features
from ciie_qa.schema import ReadingSignals

# Inverse L2 strength of the logistic regression (scikit-learn's C, on standardised features):
# its default; 0.1 and 10 ranked the pooled test parts alike (AUC within 0.01).
_REGULARISATION_C = 1.0
_FOLDS = 5
# The threshold is the lowest at which the dev parts (out of fold) abstain on this share of their
# unanswerable questions: the target for abstention recall, so that the calibration's
# gain shows as answers given, not as questions answered that should not be.
TARGET_ABSTAIN_RECALL = 0.8


class Sample(NamedTuple):
    """One dev item: the signals behind its answer, whether it was right, whether answerable."""

    signals: ReadingSignals | None  # None: the reader found nothing to read
    answered: bool  # the reader found a span (without one the engine abstains at any threshold)
    correct: bool
    answerable: bool


def collect_samples(
    engine: QAEngine,
    items: Sequence[GoldItem],
    progress: Callable[[int, int], None] | None = None,
) -> list[Sample]:
    """Ask each item (the engine must not abstain: threshold 0) and keep what the fit needs."""
    samples = []
    for done, item in enumerate(items, start=1):
        reply = engine.ask(item.question, item.history, top_k=EVAL_TOP_K, mode=RetrievalMode.HYBRID)
        record = score_reply(item, reply, RetrievalMode.HYBRID.value, engine)
        samples.append(
            Sample(reply.signals, reply.answer is not None, record.raw_correct, item.answerable)
        )
        if progress is not None:
            progress(done, len(items))
    return samples


class Fit(NamedTuple):
    """A fitted calibration and the dev figures it was chosen on."""

    calibrator: Calibrator
    out_of_fold: list[SweepRow]  # the dev figures per threshold, from out-of-fold probabilities


def fit_calibrator(samples: Sequence[Sample], *, fitted_on: str = "") -> Fit:
    """A logistic model of P(right | signals) and the threshold chosen with it.

    Raises:
        UserInputError: too few right or too few wrong answers among the samples.
    """
    usable = [s for s in samples if s.signals is not None and s.answered]
    by_sample = [signal_features(s.signals) for s in usable if s.signals is not None]
    labels = np.array([int(s.correct) for s in usable])
    right = int(labels.sum())
    if not _FOLDS <= right <= len(usable) - _FOLDS:
        raise UserInputError(
            f"cannot fit a calibration on {len(usable)} dev answers ({right} right): it needs "
            f"at least {_FOLDS} right and {_FOLDS} wrong ones; add dev items to the --gold files"
        )
    names = sorted(by_sample[0])
    features = np.array([[values[n] for n in names] for values in by_sample])
    rising = np.array([n in SURER_WHEN_HIGHER for n in names])
    out_of_fold = np.zeros(len(usable))
    for train, held_out in StratifiedKFold(_FOLDS).split(features, labels):
        weights, intercept = _fit_raw(features[train], labels[train], rising)
        out_of_fold[held_out] = expit(features[held_out] @ weights + intercept)
    weights, intercept = _fit_raw(features, labels, rising)
    # A dev item without an answer span is an abstention at any threshold.
    records = [
        ThresholdRecord(float(p), s.answerable, True, s.correct)
        for s, p in zip(usable, out_of_fold, strict=True)
    ] + [
        ThresholdRecord(0.0, s.answerable, False, False)
        for s in samples
        if s.signals is None or not s.answered
    ]
    rows = sweep_threshold(records, SWEEP_THRESHOLDS)
    threshold = lowest_threshold_with_recall(rows, TARGET_ABSTAIN_RECALL)
    calibrator = Calibrator(
        {n: float(w) for n, w in zip(names, weights, strict=True)}, intercept, threshold, fitted_on
    )
    return Fit(calibrator, rows)


def _fit_raw(
    x: NDArray[np.float64], y: NDArray[np.int_], rising: NDArray[np.bool_]
) -> tuple[NDArray[np.float64], float]:
    """``fit_logistic`` on standardised features, its weights given back for the raw ones."""
    scaler = StandardScaler().fit(x)
    coef, bias = fit_logistic(scaler.transform(x), y, rising)
    weights = coef / scaler.scale_
    return weights, float(bias - np.sum(weights * scaler.mean_))


def fit_logistic(
    x: NDArray[np.float64], y: NDArray[np.int_], rising: NDArray[np.bool_]
) -> tuple[NDArray[np.float64], float]:
    """L2-regularised logistic regression (scikit-learn's objective) whose weights on the
    ``rising`` features are kept at or above 0: a reader factor that speaks for the answer
    never counts against it, even where the dev questions were too few to show it."""

    def loss(params: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        coef, bias = params[:-1], params[-1]
        z = x @ coef + bias
        # log(1 + e^z) - y z, summed; its gradient is (sigmoid(z) - y) against the inputs.
        value = float(np.sum(np.logaddexp(0.0, z) - y * z))
        error = expit(z) - y
        c = _REGULARISATION_C
        gradient = np.append(c * (x.T @ error) + coef, c * error.sum())
        return 0.5 * float(coef @ coef) + c * value, gradient

    bounds = [(0.0, None) if r else (None, None) for r in rising] + [(None, None)]
    found = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    if not found.success:
        raise RuntimeError(f"the logistic fit did not converge: {found.message}")
    return found.x[:-1], float(found.x[-1])


def calibrate_command(
    engine: QAEngine,
    items: Sequence[GoldItem],
    *,
    described: str,
    out: Path,
    echo: Callable[[str], None] = print,
    progress: Callable[[int, int], None] | None = None,
) -> Calibrator:
    """Fit the calibration on ``items`` (dev items of the gold files) and write it to ``out``."""
    samples = collect_samples(engine, items, progress)
    fit = fit_calibrator(samples, fitted_on=f"{described}; {engine.model_name}")
    echo("dev figures by threshold, from out-of-fold probabilities:")
    print_sweep(fit.out_of_fold, echo)
    write_atomic(out, (fit.calibrator.to_json() + "\n").encode("utf-8"))
    echo(f"chosen threshold {fit.calibrator.threshold:.2f}; calibration written to {out}")
    return fit.calibrator


def check_writable(out: Path) -> None:
    """Fail before the long run, not after it, when ``out`` cannot be written.

    Raises:
        UserInputError: ``out`` is a folder, or its folder does not exist.
    """
    if out.is_dir():
        raise UserInputError(f"--out {out} is a folder; give the path of the file to write")
    if not out.parent.is_dir():
        raise UserInputError(f"--out {out}: the folder {out.parent} does not exist")
