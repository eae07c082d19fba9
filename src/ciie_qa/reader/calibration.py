"""Turn the reader's signals into a confidence: the probability that the answer is right.

The reader scores sentences by a hand-made product of factors (relevance, span quality,
anchors met …). That product ranks sentences well but says little across questions: 0.3 may
be a sure answer to one question and a guess at another. A logistic model over the best
sentence's factors, fitted on the dev parts of the eval sets (``ciie-qa calibrate``), maps
them to the probability that the answer is exactly right, and the engine abstains below a
threshold chosen with it. The model never reorders sentences or changes a span.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ciie_qa.errors import ConfigError
from ciie_qa.reader.question import AnswerType
from ciie_qa.schema import ReadingSignals

# Factors are multiplied, so their logarithms add up; below this floor a factor means "none".
_LOG_FLOOR = 1e-4
PACKAGED_CALIBRATION = "calibration.json"
# Features whose rise speaks for the answer: the fit never gives them a negative weight, so a
# weaker factor never raises the confidence, even where the dev questions are too few to show
# it (questions far off the articles' topic are rare among them).
SURER_WHEN_HIGHER = frozenset(
    {"log_seen_score", "log_relevance", "span_quality", "log_seen_anchors", "log_unseen"}
)
_FORMAT = 1


def signal_features(signals: ReadingSignals) -> dict[str, float]:
    """The model's inputs, by name (the names are the keys of a calibration file).

    Neither the best sentence's lead over the next one nor its language is an input: with
    them the model ranked the held-out answers no better and answered questions far off the
    articles' topic (one dictionary match across languages and nothing else near it make a
    large lead), of which the dev sets hold too few to teach it.
    """
    # The score and the anchors factor both hold the unseen-words factor; apart, each weight
    # says how much its own part counts (and the unseen words' can be kept from helping).
    unseen = max(signals.unseen, _LOG_FLOOR)
    return {
        "log_seen_score": _log(signals.score / unseen),
        "log_relevance": _log(signals.relevance),
        "span_quality": signals.span_quality,
        "log_seen_anchors": _log(signals.anchors / unseen),
        "log_unseen": _log(unseen),
        "chinese_question": float(signals.chinese_question),
        "log_sentence_chars": math.log1p(signals.sentence_chars),
        **{f"asks_{t.value}": float(signals.answer_type == t.value) for t in AnswerType},
    }


@dataclass(frozen=True)
class Calibrator:
    """A fitted logistic model and the abstention threshold chosen with it."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float  # abstain below this probability
    fitted_on: str = ""  # what it was fitted on, for the record

    def probability(self, signals: ReadingSignals) -> float:
        """P(the answer is right | signals)."""
        features = signal_features(signals)
        z = self.intercept + sum(w * features[name] for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": _FORMAT,
                "weights": dict(self.weights),
                "intercept": self.intercept,
                "threshold": self.threshold,
                "fitted_on": self.fitted_on,
            },
            indent=2,
            ensure_ascii=False,
        )


def load_calibrator(path: Path | None = None) -> Calibrator:
    """The calibration in ``path``, or the one shipped with the package.

    Raises:
        ConfigError: the file is missing, not a calibration, or made for other signals.
    """
    try:
        if path is None:
            packaged = resources.files("ciie_qa").joinpath(f"data/{PACKAGED_CALIBRATION}")
            text = packaged.read_text(encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        return _parse(json.loads(text))
    except (OSError, ValueError) as error:
        where = path or f"the packaged {PACKAGED_CALIBRATION}"
        raise ConfigError(
            f"cannot use the confidence calibration {where}: {error}; "
            "refit it with `ciie-qa calibrate` or turn it off with CIIE_QA_CALIBRATE=false"
        ) from None


def _parse(data: Any) -> Calibrator:
    if not isinstance(data, dict):
        raise ValueError("it is not a JSON object")
    if _number(data, "format") != _FORMAT:
        raise ValueError(f"format {data.get('format')!r}, expected {_FORMAT}")
    weights = data.get("weights")
    if not isinstance(weights, dict):
        raise ValueError("'weights' is not an object of feature names and numbers")
    known = _feature_names()
    if set(weights) != known:
        unknown = sorted(set(weights) ^ known)
        raise ValueError(f"its features do not match this version's ({', '.join(unknown)})")
    threshold = _number(data, "threshold")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold {threshold} is not a probability")
    return Calibrator(
        {name: _number(weights, name) for name in sorted(weights)},
        _number(data, "intercept"),
        threshold,
        str(data.get("fitted_on", "")),
    )


def _number(data: dict[str, Any], key: str) -> float:
    """``data[key]`` as a finite number (JSON's true and NaN are none)."""
    if key not in data:
        raise ValueError(f"{key!r} is missing")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{key!r} is {value!r}, not a finite number")
    return float(value)


def _feature_names() -> set[str]:
    probe = ReadingSignals(1.0, 1.0, 1.0, 1.0, 1.0, AnswerType.OTHER.value, False, 1)
    return set(signal_features(probe))


def _log(value: float) -> float:
    return math.log(max(value, _LOG_FLOOR))
