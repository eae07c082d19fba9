"""The gold set: items as data (JSON Lines), validated on load; the split is fixed by id."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ciie_qa.errors import UserInputError
from ciie_qa.metrics import Region

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
    _check_unique([item.id for item in items], str(path))
    return items


def _check_unique(ids: Sequence[str], where: str) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise UserInputError(f"{where}: duplicate gold id {item_id!r}; ids must be unique")
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


def dev_items(golds: Sequence[Path]) -> list[GoldItem]:
    """The dev items of every gold file, in order (the abstention threshold is chosen on them).

    Raises:
        UserInputError: an id given twice, within a file or across them (a file named twice
        would count its items twice).
    """
    items = [item for gold in golds for item in load_gold(gold)]
    _check_unique([item.id for item in items], "the --gold files together")
    return [item for item in items if item.split == "dev"]
