"""The search index: build it from articles, save it as plain files, publish atomically, load it.

On disk::

    index_dir/
      current -> builds/<id>           symlink, replaced atomically on publish
      builds/<id>/
        manifest.json                  settings, counts and the sha256 of every other file
        chunks.jsonl                   chunk offsets (texts come from the corpus)
        sentences.jsonl                sentence offsets
        dense.faiss                    IndexFlatIP over the chunk vectors
        sentence_vectors.npy           one unit vector per sentence (allow_pickle=False)
        lexical/chunk_tokens.json      lexical tokens of every chunk (BM25 is rebuilt at load)
        lexical/sentence_tokens.json   lexical tokens of every sentence
        multilingual/dense.faiss       the multilingual model's chunk vectors (when it is on)
        multilingual/sentence_vectors.npy   and its sentence vectors
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import os
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ciie_qa.chunking import chunk_sentences, split_sentences
from ciie_qa.corpus import corpus_fingerprint
from ciie_qa.embedding import Embedder, QueryPassageEmbedder
from ciie_qa.errors import IndexUnusableError, ModelError
from ciie_qa.schema import Article, Chunk, Sentence
from ciie_qa.tokens import lexical_tokens

# 3: the multilingual side; 4: lexical tokens read Chinese in simplified characters
FORMAT_VERSION = 4
BM25_K1 = 1.5
BM25_B = 0.75
_EMBED_BATCH = 64
# Crash leftovers (``builds/*.tmp``) older than this are removed; younger ones may be another
# process's build in progress.
_STALE_TMP_SECONDS = 3600.0
_REBUILD_HINT = "rebuild it with `ciie-qa index`"

ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Manifest:
    """What an index was built from, so a mismatch with the settings or corpus is detected."""

    format_version: int
    model: str
    dimension: int
    chunk_tokens: int
    overlap_tokens: int
    corpus_fingerprint: str
    text_pipeline: str  # fingerprint of sentence splitting, chunking and lexical tokenization
    n_articles: int
    n_chunks: int
    n_sentences: int
    files: dict[str, str]  # relative path -> sha256 of every file but the manifest
    created_at: str  # ISO 8601, UTC
    multilingual_model: str = ""  # "" when the index has no multilingual side
    multilingual_dimension: int = 0  # 0 likewise

    def to_json(self) -> str:
        """The manifest as indented JSON text."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """Parse ``to_json`` output.

        Raises:
            ValueError: for malformed JSON or missing or mistyped fields.
        """
        data = json.loads(text)
        # Fields added since format 2 may be absent: such an index is then reported as of an
        # older format (and rebuilt), not as damaged.
        if not isinstance(data, dict) or not _REQUIRED_FIELDS <= set(data) <= _MANIFEST_FIELDS:
            raise ValueError("manifest fields do not match this version of ciie-qa")
        files = data["files"]
        if not isinstance(files, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in files.items()
        ):
            raise ValueError("manifest 'files' must map names to sha256 strings")
        manifest = cls(**data)
        for name, kind in _MANIFEST_TYPES.items():
            if not isinstance(getattr(manifest, name), kind):
                raise ValueError(f"manifest field {name!r} must be {kind.__name__}")
        return manifest


_MANIFEST_TYPES: dict[str, type] = {
    "format_version": int,
    "model": str,
    "dimension": int,
    "multilingual_model": str,
    "multilingual_dimension": int,
    "chunk_tokens": int,
    "overlap_tokens": int,
    "corpus_fingerprint": str,
    "text_pipeline": str,
    "n_articles": int,
    "n_chunks": int,
    "n_sentences": int,
    "created_at": str,
}
_MANIFEST_FIELDS = {*_MANIFEST_TYPES, "files"}
_REQUIRED_FIELDS = _MANIFEST_FIELDS - {"multilingual_model", "multilingual_dimension"}


def text_pipeline_fingerprint() -> str:
    """A hash of the code that turns articles into sentences, chunks and lexical tokens, and of
    the BM25 parameters: when any of it changes, an index built before no longer fits."""
    import ciie_qa.chunking
    import ciie_qa.tokens

    digest = hashlib.sha256()
    for module in (ciie_qa.chunking, ciie_qa.tokens):
        digest.update(inspect.getsource(module).encode("utf-8"))
    digest.update(f"bm25 k1={BM25_K1} b={BM25_B}".encode())
    return digest.hexdigest()


def stale_reasons(
    manifest: Manifest,
    *,
    model: str,
    chunk_tokens: int,
    overlap_tokens: int,
    corpus_fingerprint: str,
    multilingual_model: str = "",
) -> list[str]:
    """Why an index built as ``manifest`` says does not fit these settings (empty: it fits;
    ``multilingual_model`` "" means no multilingual side is wanted)."""
    reasons = []
    if manifest.format_version != FORMAT_VERSION:
        reasons.append(f"index format changed: {manifest.format_version} -> {FORMAT_VERSION}")
    if manifest.model != model:
        reasons.append(f"model changed: {manifest.model} -> {model}")
    if manifest.multilingual_model != multilingual_model:
        before, after = manifest.multilingual_model or "none", multilingual_model or "none"
        reasons.append(f"multilingual model changed: {before} -> {after}")
    if manifest.text_pipeline != text_pipeline_fingerprint():
        reasons.append("sentence splitting, chunking or tokenization changed")
    if manifest.chunk_tokens != chunk_tokens:
        reasons.append(f"chunk_tokens changed: {manifest.chunk_tokens} -> {chunk_tokens}")
    if manifest.overlap_tokens != overlap_tokens:
        reasons.append(f"overlap_tokens changed: {manifest.overlap_tokens} -> {overlap_tokens}")
    if manifest.corpus_fingerprint != corpus_fingerprint:
        reasons.append(
            f"corpus changed: fingerprint {manifest.corpus_fingerprint[:12]} -> "
            f"{corpus_fingerprint[:12]}"
        )
    return reasons


class Bm25:
    """Okapi BM25 (Lucene idf and term-frequency variant, bm25s) over tokenized documents.

    Args:
        documents: the lexical tokens of each document.
        k1: term-frequency saturation.
        b: document-length normalisation.
    """

    def __init__(
        self, documents: Sequence[Sequence[str]], *, k1: float = BM25_K1, b: float = BM25_B
    ) -> None:
        self.documents: tuple[tuple[str, ...], ...] = tuple(tuple(doc) for doc in documents)
        self._df = Counter(token for doc in self.documents for token in set(doc))
        self._scorer = _bm25s_scorer(self.documents, k1, b)

    def __len__(self) -> int:
        return len(self.documents)

    def knows(self, token: str) -> bool:
        """Whether any document holds ``token``."""
        return token in self._df

    def idf(self, token: str) -> float:
        """Lucene idf ``log(1 + (N - df + 0.5) / (df + 0.5))``; highest for an unseen token."""
        df = self._df.get(token, 0)
        return math.log(1.0 + (len(self.documents) - df + 0.5) / (df + 0.5))

    def scores(self, query_tokens: Sequence[str]) -> NDArray[np.float32]:
        """BM25 score of every document for the query (a repeated query token counts twice)."""
        known = [token for token in query_tokens if token in self._df]
        if self._scorer is None or not known:
            return np.zeros(len(self.documents), dtype=np.float32)
        return np.asarray(self._scorer.get_scores(known), dtype=np.float32)


def _bm25s_scorer(documents: Sequence[Sequence[str]], k1: float, b: float) -> Any:
    if not any(documents):
        return None  # bm25s divides by the average length
    import bm25s

    scorer = bm25s.BM25(k1=k1, b=b, method="lucene")
    scorer.index([list(doc) for doc in documents], show_progress=False)
    return scorer


@dataclass(frozen=True, eq=False)
class MultilingualVectors:
    """The multilingual model's view of the index, row for row like the main dense side."""

    chunks: Any  # faiss.IndexFlatIP over unit chunk vectors
    sentences: NDArray[np.float32]


@dataclass(frozen=True, eq=False)
class SearchIndex:
    """Everything retrieval and reading need, in memory.

    Rows line up: ``chunks[i]`` is row ``i`` of ``dense`` and document ``i`` of ``lexical``;
    ``sentences[j]`` is row ``j`` of ``sentence_vectors`` and document ``j`` of
    ``sentence_lexical``. Sentences and chunks are grouped by article, in text order.
    """

    manifest: Manifest
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    chunks: tuple[Chunk, ...]
    dense: Any  # faiss.IndexFlatIP over unit chunk vectors: inner product is cosine
    sentence_vectors: NDArray[np.float32]
    lexical: Bm25
    sentence_lexical: Bm25
    multilingual: MultilingualVectors | None = None
    _by_id: dict[str, Article] = field(init=False, repr=False)
    _sentence_rows: dict[str, tuple[int, int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {a.doc_id: a for a in self.articles})
        rows: dict[str, tuple[int, int]] = {}
        for row, sentence in enumerate(self.sentences):
            first, _ = rows.get(sentence.doc_id, (row, row))
            rows[sentence.doc_id] = (first, row + 1)
        object.__setattr__(self, "_sentence_rows", rows)

    def article(self, doc_id: str) -> Article:
        """The article with this id (KeyError if absent)."""
        return self._by_id[doc_id]

    def sentence_rows(self, doc_id: str) -> range:
        """Rows of ``sentences`` / ``sentence_vectors`` that belong to this article."""
        first, end = self._sentence_rows.get(doc_id, (0, 0))
        return range(first, end)

    def sentences_of(self, doc_id: str) -> tuple[Sentence, ...]:
        """The sentences of one article, in text order."""
        rows = self.sentence_rows(doc_id)
        return self.sentences[rows.start : rows.stop]

    def idf(self, token: str) -> float:
        """Lucene idf of a lexical token over all sentences (for the reader's overlap scores)."""
        return self.sentence_lexical.idf(token)

    def knows(self, token: str) -> bool:
        """Whether any sentence of the corpus holds this lexical token."""
        return self.sentence_lexical.knows(token)

    def owners(self, min_passages: int) -> dict[str, str]:
        """Lexical token -> the one article that uses it, in ``min_passages`` passages or more,
        where no other article uses it at all (the token is one of that article's matters)."""
        uses: dict[str, Counter[str]] = {}
        for row, chunk in enumerate(self.chunks):
            uses.setdefault(chunk.doc_id, Counter()).update(set(self.lexical.documents[row]))
        articles: Counter[str] = Counter(token for counts in uses.values() for token in counts)
        return {
            token: doc_id
            for doc_id, counts in uses.items()
            for token, n in counts.items()
            if n >= min_passages and articles[token] == 1
        }


def build_index(
    articles: Sequence[Article],
    embedder: Embedder,
    *,
    chunk_tokens: int,
    overlap_tokens: int,
    multilingual: QueryPassageEmbedder | None = None,
    progress: ProgressCallback | None = None,
) -> SearchIndex:
    """Split, chunk, tokenize and embed ``articles`` into an in-memory index.

    Args:
        articles: the corpus, sorted by doc_id.
        embedder: turns chunk and sentence texts into unit vectors.
        multilingual: a second model that embeds them as passages too (None: none).
        chunk_tokens: cl100k_base token budget of a chunk.
        overlap_tokens: tokens of trailing sentences repeated in the next chunk.
        progress: called as ``progress(stage, done, total)`` while working.

    Returns:
        The index; ``save_index`` writes it to disk.

    Raises:
        ModelError: when the embedder returns vectors of the wrong shape.
    """
    report = progress or _no_progress
    sentences, chunks = _split_and_chunk(articles, chunk_tokens, overlap_tokens, report)
    chunk_texts = [c.text for c in chunks]
    sentence_texts = [s.text for s in sentences]
    embed, name, dim = embedder.embed, embedder.name, embedder.dimension
    manifest = Manifest(
        format_version=FORMAT_VERSION,
        model=name,
        dimension=dim,
        multilingual_model=multilingual.name if multilingual else "",
        multilingual_dimension=multilingual.dimension if multilingual else 0,
        chunk_tokens=chunk_tokens,
        overlap_tokens=overlap_tokens,
        corpus_fingerprint=corpus_fingerprint(articles),
        text_pipeline=text_pipeline_fingerprint(),
        n_articles=len(articles),
        n_chunks=len(chunks),
        n_sentences=len(sentences),
        files={},
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return SearchIndex(
        manifest=manifest,
        articles=tuple(articles),
        sentences=tuple(sentences),
        chunks=tuple(chunks),
        dense=_flat_ip(_embed_all(embed, name, dim, chunk_texts, "embedding chunks", report)),
        sentence_vectors=_embed_all(
            embed, name, dim, sentence_texts, "embedding sentences", report
        ),
        lexical=Bm25(_tokenize_all(chunk_texts, "tokenizing chunks", report)),
        sentence_lexical=Bm25(_tokenize_all(sentence_texts, "tokenizing sentences", report)),
        multilingual=_embed_multilingual(multilingual, chunk_texts, sentence_texts, report),
    )


def _embed_multilingual(
    embedder: QueryPassageEmbedder | None,
    chunk_texts: Sequence[str],
    sentence_texts: Sequence[str],
    report: ProgressCallback,
) -> MultilingualVectors | None:
    if embedder is None:
        return None
    embed = embedder.embed_passages
    name, dimension = embedder.name, embedder.dimension
    chunks = _embed_all(embed, name, dimension, chunk_texts, "multilingual chunks", report)
    sentences = _embed_all(embed, name, dimension, sentence_texts, "multilingual sentences", report)
    return MultilingualVectors(chunks=_flat_ip(chunks), sentences=sentences)


def _no_progress(stage: str, done: int, total: int) -> None:
    pass


def _split_and_chunk(
    articles: Sequence[Article], chunk_tokens: int, overlap_tokens: int, report: ProgressCallback
) -> tuple[list[Sentence], list[Chunk]]:
    sentences: list[Sentence] = []
    chunks: list[Chunk] = []
    for done, article in enumerate(articles, start=1):
        article_sentences = split_sentences(article.text, article.doc_id)
        sentences.extend(article_sentences)
        chunks.extend(
            chunk_sentences(
                article.text,
                article_sentences,
                max_tokens=chunk_tokens,
                overlap_tokens=overlap_tokens,
            )
        )
        report("chunking", done, len(articles))
    return sentences, chunks


def _embed_all(
    embed: Callable[[Sequence[str]], NDArray[np.float32]],
    name: str,
    dimension: int,
    texts: Sequence[str],
    stage: str,
    report: ProgressCallback,
) -> NDArray[np.float32]:
    parts = [np.zeros((0, dimension), dtype=np.float32)]
    for start in range(0, len(texts), _EMBED_BATCH):
        batch = texts[start : start + _EMBED_BATCH]
        vectors = embed(batch)
        if vectors.shape != (len(batch), dimension):
            raise ModelError(
                f"embedder {name!r} returned shape {vectors.shape} for {len(batch)} "
                f"texts, expected ({len(batch)}, {dimension}); use another model"
            )
        parts.append(np.asarray(vectors, dtype=np.float32))
        report(stage, start + len(batch), len(texts))
    return np.ascontiguousarray(np.concatenate(parts), dtype=np.float32)


def _tokenize_all(texts: Sequence[str], stage: str, report: ProgressCallback) -> list[list[str]]:
    tokens = []
    step = max(1, len(texts) // 100)
    for done, text in enumerate(texts, start=1):
        tokens.append(lexical_tokens(text))
        if done % step == 0 or done == len(texts):
            report(stage, done, len(texts))
    return tokens


def _flat_ip(vectors: NDArray[np.float32]) -> Any:
    import faiss

    dense = faiss.IndexFlatIP(vectors.shape[1])
    dense.add(vectors)
    return dense


# ---------------------------------------------------------------------------------------------
# Saving and publishing


def save_index(index: SearchIndex, index_dir: Path) -> Path:
    """Write ``index`` under ``index_dir/builds/`` and make it ``index_dir/current`` atomically.

    A crash at any point before the final rename leaves the previous ``current`` untouched.

    Returns:
        The published build folder.
    """
    builds = index_dir / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    build_id = f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    staging = builds / f"{build_id}.tmp"
    staging.mkdir()
    files = _write_payload(index, staging)
    manifest = replace(index.manifest, files=files)
    _write_bytes(staging / "manifest.json", manifest.to_json().encode("utf-8"))
    _fsync_dir(staging)
    final = builds / build_id
    staging.rename(final)
    _fsync_dir(builds)
    _publish(index_dir, Path("builds") / build_id)
    # Also keep whatever `current` names now: another process may have published after us.
    _remove_old_builds(builds, keep={build_id, (index_dir / "current").resolve().name})
    return final


def _write_payload(index: SearchIndex, folder: Path) -> dict[str, str]:
    (folder / "lexical").mkdir()
    payload = {
        "chunks.jsonl": _jsonl(_chunk_row(c) for c in index.chunks),
        "sentences.jsonl": _jsonl(
            {"doc_id": s.doc_id, "start": s.start, "end": s.end} for s in index.sentences
        ),
        "lexical/chunk_tokens.json": _json_bytes(index.lexical.documents),
        "lexical/sentence_tokens.json": _json_bytes(index.sentence_lexical.documents),
    }
    for name, data in payload.items():
        _write_bytes(folder / name, data)
    _fsync_dir(folder / "lexical")
    names = [*payload, *_write_vectors(index.dense, index.sentence_vectors, folder, "")]
    if index.multilingual is not None:
        (folder / "multilingual").mkdir()
        vectors = index.multilingual
        names += _write_vectors(vectors.chunks, vectors.sentences, folder, "multilingual/")
        _fsync_dir(folder / "multilingual")
    return {name: _sha256(folder / name) for name in sorted(names)}


def _write_vectors(
    chunks: Any, sentences: NDArray[np.float32], folder: Path, prefix: str
) -> list[str]:
    """Write a FAISS chunk index and a sentence vector array; return their relative names."""
    names = [f"{prefix}dense.faiss", f"{prefix}sentence_vectors.npy"]
    _write_faiss(chunks, folder / names[0])
    with (folder / names[1]).open("wb") as handle:
        np.save(handle, sentences, allow_pickle=False)
        _flush(handle)
    return names


def _chunk_row(chunk: Chunk) -> dict[str, Any]:
    return {
        "chunk_id": chunk.chunk_id,
        "doc_id": chunk.doc_id,
        "start": chunk.start,
        "end": chunk.end,
        "n_tokens": chunk.n_tokens,
        # The text itself comes from the corpus at load; its hash proves the offsets still fit.
        "text_sha256": hashlib.sha256(chunk.text.encode("utf-8")).hexdigest(),
    }


def _jsonl(rows: Iterator[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _write_bytes(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        _flush(handle)


def _write_faiss(dense: Any, path: Path) -> None:
    import faiss

    faiss.write_index(dense, str(path))
    with path.open("rb+") as handle:
        _flush(handle)


def _flush(handle: Any) -> None:
    handle.flush()
    os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _publish(index_dir: Path, target: Path) -> None:
    # A relative link keeps the index folder movable; os.replace swaps it in one step.
    link = index_dir / f"current.tmp-{os.getpid()}"
    link.unlink(missing_ok=True)
    link.symlink_to(target, target_is_directory=True)
    link.replace(index_dir / "current")
    _fsync_dir(index_dir)


def _remove_old_builds(builds: Path, *, keep: set[str]) -> None:
    now = time.time()
    for entry in builds.iterdir():
        if entry.name in keep or not entry.is_dir():
            continue
        if entry.name.endswith(".tmp") and now - entry.stat().st_mtime < _STALE_TMP_SECONDS:
            continue  # possibly another process's build in progress
        shutil.rmtree(entry, ignore_errors=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Loading


def read_manifest(index_dir: Path) -> Manifest | None:
    """The manifest of the published index, or None when there is no index yet.

    Raises:
        IndexUnusableError: when the manifest exists but cannot be read.
    """
    path = index_dir / "current" / "manifest.json"
    if not path.exists():
        return None
    try:
        return Manifest.from_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, TypeError) as err:
        raise _damaged(index_dir, f"manifest.json unreadable: {err}") from err


def load_index(index_dir: Path, articles: Sequence[Article]) -> SearchIndex:
    """Load the published index and join it with the corpus ``articles`` it was built from.

    Raises:
        IndexUnusableError: when there is no index, a file is missing or fails its checksum,
            or the index was built from a different corpus.
    """
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexUnusableError(f"no index at {index_dir}; build it with `ciie-qa index`")
    folder = (index_dir / "current").resolve()
    _verify_files(index_dir, folder, manifest)
    if manifest.corpus_fingerprint != corpus_fingerprint(articles):
        raise IndexUnusableError(
            f"index at {index_dir} was built from a different corpus; {_REBUILD_HINT}"
        )
    try:
        return _read_index(folder, manifest, articles)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as err:
        raise _damaged(index_dir, f"{type(err).__name__}: {err}") from err


def _verify_files(index_dir: Path, folder: Path, manifest: Manifest) -> None:
    if manifest.format_version != FORMAT_VERSION:
        raise IndexUnusableError(
            f"index at {index_dir} has format {manifest.format_version}, this version reads "
            f"{FORMAT_VERSION}; {_REBUILD_HINT}"
        )
    for name, expected in manifest.files.items():
        path = folder / name
        if not path.is_file():
            raise _damaged(index_dir, f"file {name} missing")
        if _sha256(path) != expected:
            raise _damaged(index_dir, f"file {name} checksum mismatch")


def _damaged(index_dir: Path, detail: str) -> IndexUnusableError:
    detail = " ".join(detail.split())
    return IndexUnusableError(
        f"index at {index_dir} is missing/damaged ({detail}); {_REBUILD_HINT}"
    )


def _read_index(folder: Path, manifest: Manifest, articles: Sequence[Article]) -> SearchIndex:
    by_id = {a.doc_id: a for a in articles}
    sentences = tuple(_sentence(row, by_id) for row in _read_jsonl(folder / "sentences.jsonl"))
    chunks = tuple(_chunk(row, by_id) for row in _read_jsonl(folder / "chunks.jsonl"))
    dense = _read_faiss(folder / "dense.faiss")
    vectors = np.load(folder / "sentence_vectors.npy", allow_pickle=False)
    chunk_tokens = _read_tokens(folder / "lexical/chunk_tokens.json")
    sentence_tokens = _read_tokens(folder / "lexical/sentence_tokens.json")
    _check_shapes(manifest, chunks, sentences, dense, vectors, chunk_tokens, sentence_tokens)
    multilingual = _read_multilingual(folder, manifest)
    return SearchIndex(
        manifest=manifest,
        articles=tuple(articles),
        sentences=sentences,
        chunks=chunks,
        dense=dense,
        sentence_vectors=np.ascontiguousarray(vectors, dtype=np.float32),
        lexical=Bm25(chunk_tokens),
        sentence_lexical=Bm25(sentence_tokens),
        multilingual=multilingual,
    )


def _read_multilingual(folder: Path, manifest: Manifest) -> MultilingualVectors | None:
    if not manifest.multilingual_model:
        return None
    chunks = _read_faiss(folder / "multilingual/dense.faiss")
    sentences = np.load(folder / "multilingual/sentence_vectors.npy", allow_pickle=False)
    dimension = manifest.multilingual_dimension
    if chunks.ntotal != manifest.n_chunks or chunks.d != dimension:
        raise ValueError("multilingual chunk vectors do not match the chunk table")
    if sentences.shape != (manifest.n_sentences, dimension):
        raise ValueError("multilingual sentence vectors do not match the sentence table")
    return MultilingualVectors(chunks, np.ascontiguousarray(sentences, dtype=np.float32))


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _read_tokens(path: Path) -> list[list[str]]:
    value = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(value, list) or not all(isinstance(doc, list) for doc in value):
        raise ValueError(f"{path.name} must hold a list of token lists")
    return value


def _read_faiss(path: Path) -> Any:
    import faiss

    return faiss.read_index(str(path))


def _span_text(row: dict[str, Any], by_id: dict[str, Article]) -> tuple[Article, int, int, str]:
    article = by_id[row["doc_id"]]
    start, end = int(row["start"]), int(row["end"])
    if not 0 <= start < end <= len(article.text):
        raise ValueError(f"offsets {start}-{end} outside article {article.doc_id}")
    return article, start, end, article.text[start:end]


def _sentence(row: dict[str, Any], by_id: dict[str, Article]) -> Sentence:
    article, start, end, text = _span_text(row, by_id)
    return Sentence(article.doc_id, start, end, text)


def _chunk(row: dict[str, Any], by_id: dict[str, Article]) -> Chunk:
    article, start, end, text = _span_text(row, by_id)
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != row["text_sha256"]:
        raise ValueError(f"chunk {row['chunk_id']} no longer matches its article text")
    return Chunk(row["chunk_id"], article.doc_id, start, end, text, int(row["n_tokens"]))


def _check_shapes(
    manifest: Manifest,
    chunks: Sequence[Chunk],
    sentences: Sequence[Sentence],
    dense: Any,
    vectors: NDArray[Any],
    chunk_tokens: Sequence[Sequence[str]],
    sentence_tokens: Sequence[Sequence[str]],
) -> None:
    n_chunks, n_sentences, dim = manifest.n_chunks, manifest.n_sentences, manifest.dimension
    if not (len(chunks) == dense.ntotal == len(chunk_tokens) == n_chunks and dense.d == dim):
        raise ValueError("chunk table, dense index and chunk tokens disagree in size")
    if vectors.shape != (n_sentences, dim) or not len(sentences) == len(sentence_tokens):
        raise ValueError("sentence table, vectors and sentence tokens disagree in size")
    if len(sentences) != n_sentences:
        raise ValueError("sentence table does not match the manifest")
