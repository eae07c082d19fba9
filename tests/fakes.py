"""Deterministic fake embedders for unit tests: no model; rankings can be worked out by hand."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ciie_qa.schema import Language
from ciie_qa.tokens import detect_language, lexical_tokens, normalize_text

# A small constant extra coordinate so a text with no keyword still normalises to a unit vector;
# small enough that it never changes the order of texts that do share keywords.
_BIAS = 1e-3


class KeywordEmbedder:
    """Bag of keyword counts plus a tiny constant coordinate, L2-normalised.

    Keywords are compared with ``lexical_tokens`` output, so each vocabulary entry is normalised
    the same way ("Tariffs" -> "tariff"); an entry must be one word (a Chinese entry must be a
    word jieba finds in the texts, e.g. "上海").
    ``unknown_ratio`` is the share of the text's lexical tokens not in the vocabulary.
    """

    def __init__(self, vocabulary: Sequence[str], *, name: str = "fake-keywords") -> None:
        keywords = [_one_token(word) for word in vocabulary]
        self._position = {word: i for i, word in enumerate(dict.fromkeys(keywords))}
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return len(self._position) + 1

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float64)
        vectors[:, -1] = _BIAS
        for row, text in enumerate(texts):
            for token in lexical_tokens(text):
                if token in self._position:
                    vectors[row, self._position[token]] += 1.0
        return _normalised(vectors)

    def unknown_ratio(self, text: str) -> float:
        tokens = lexical_tokens(text)
        if not tokens:
            return 0.0
        return sum(1 for token in tokens if token not in self._position) / len(tokens)


class HashingEmbedder:
    """Signed feature hashing of lexical tokens (blake2b, so stable across processes)."""

    def __init__(self, dimension: int = 64, *, name: str = "fake-hashing") -> None:
        if dimension < 2:
            raise ValueError("dimension must be at least 2")
        self._dimension = dimension
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        vectors = np.zeros((len(texts), self._dimension), dtype=np.float64)
        vectors[:, -1] = _BIAS
        for row, text in enumerate(texts):
            for token in lexical_tokens(text):
                digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
                value = int.from_bytes(digest, "big")
                sign = 1.0 if value & 1 else -1.0
                vectors[row, (value >> 1) % (self._dimension - 1)] += sign
        return _normalised(vectors)

    def unknown_ratio(self, text: str) -> float:
        return 0.0


def _one_token(word: str) -> str:
    tokens = lexical_tokens(word)
    if normalize_text(word) in tokens:  # a Chinese word also yields its character bigrams
        return normalize_text(word)
    if len(tokens) != 1:
        raise ValueError(f"vocabulary entry {word!r} gives tokens {tokens}; use one word each")
    return tokens[0]


def _normalised(vectors: NDArray[np.float64]) -> NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)


class ConceptEmbedder:
    """A fake multilingual query/passage model. Words of one concept, in any language, share a
    coordinate; a text's language adds ``language_bias`` on a coordinate of its own, so (as
    with real multilingual models) any text of the question's language scores higher than the
    best text of the other language. Queries and passages are embedded alike.
    """

    def __init__(
        self,
        concepts: Sequence[Sequence[str]],
        *,
        language_bias: float = 2.0,
        name: str = "fake-concepts",
    ) -> None:
        self._concept = {_one_token(word): i for i, words in enumerate(concepts) for word in words}
        self._n_concepts = len(concepts)
        self._bias = language_bias
        self._name = name
        self.queries: list[str] = []  # what embed_query was asked, for tests to check

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return self._n_concepts + 2  # the concepts, then one coordinate per language

    def warm_up(self) -> None:
        pass

    def embed_passages(self, texts: Sequence[str]) -> NDArray[np.float32]:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float64)
        for row, text in enumerate(texts):
            language = detect_language(text)
            vectors[row, self._n_concepts + (language is Language.ZH)] = self._bias
            for token in lexical_tokens(text):
                if token in self._concept:
                    vectors[row, self._concept[token]] += 1.0
        return _normalised(vectors)

    def embed_query(self, text: str) -> NDArray[np.float32]:
        self.queries.append(text)
        return self.embed_passages([text])[0]
