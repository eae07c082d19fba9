"""The extractive reader: question analysis, answer candidates, sentence and span choice."""

from ciie_qa.reader.question import AnswerType, Question, analyze, implied_anchors, main_ordinal
from ciie_qa.reader.reading import Evidence, Reader

__all__ = [
    "AnswerType",
    "Evidence",
    "Question",
    "Reader",
    "analyze",
    "implied_anchors",
    "main_ordinal",
]
