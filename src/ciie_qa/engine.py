"""The engine: the one place that wires corpus, index, retrieval, reader and chat together."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from ciie_qa.bridge import Glossary, build_glossary
from ciie_qa.chat import resolve_followup
from ciie_qa.config import UNCALIBRATED_THRESHOLD, RetrievalMode, Settings, StaleIndexPolicy
from ciie_qa.corpus import corpus_fingerprint, load_corpus
from ciie_qa.embedding import (
    Embedder,
    QueryPassageEmbedder,
    SentenceTransformerEmbedder,
    multilingual_embedder,
)
from ciie_qa.errors import IndexUnusableError, UnknownDocumentError, UserInputError
from ciie_qa.index import (
    Manifest,
    SearchIndex,
    build_index,
    load_index,
    read_manifest,
    save_index,
    stale_reasons,
)
from ciie_qa.reader import Evidence, Question, Reader, analyze, implied_anchors, main_ordinal
from ciie_qa.reader.calibration import Calibrator, load_calibrator
from ciie_qa.reader.question import MEASURE_NAMES
from ciie_qa.retrieval import (
    DenseRetriever,
    HybridRetriever,
    LexicalRetriever,
    MultilingualQuery,
    MultilingualRetriever,
)
from ciie_qa.schema import (
    Article,
    Citation,
    Hit,
    Language,
    Reading,
    Reply,
    Sentence,
    Span,
    Timings,
)
from ciie_qa.tokens import detect_language, fold, question_form, simplified

Progress = Callable[[str, int, int], None]

# The reader looks at the sentences of at least this many passages, whatever top_k the user
# asked to see: a small top_k must not starve it of evidence.
_PASSAGES_READ = 8


class QAEngine(Protocol):
    """What the CLI, the HTTP service and the eval runner need from an engine.

    ``ask`` raises ``UserInputError`` for a question the user must fix (empty, too long, too
    much history, bad top_k) and ``UnknownDocumentError`` comes from ``article``.
    """

    @property
    def model_name(self) -> str: ...

    def ask(
        self,
        question: str,
        history: Sequence[str] = (),
        *,
        top_k: int | None = None,
        mode: RetrievalMode | None = None,
    ) -> Reply: ...

    def articles(self) -> Sequence[Article]: ...

    def article(self, doc_id: str) -> Article: ...


@dataclass(frozen=True)
class _Retrieved:
    question_vector: NDArray[np.float32] | None
    reliability: float
    hits: list[Hit]
    # The multilingual model's relative similarity of every sentence row (None: not used).
    multilingual: NDArray[np.float32] | None
    embed_ms: float
    retrieve_ms: float


class Engine:
    """Holds the loaded model and index; answers questions. Build it once and reuse it.

    Args:
        settings: every knob (top_k, weights, abstention threshold, limits).
        index: the loaded search index.
        embedder: the model the index was built with.
        glossary: the Chinese-English glossary for cross-lingual questions (None: none).
        multilingual: the multilingual model the index's multilingual side was built with
            (None: no multilingual side, even if the index has one).
        calibrator: maps the reader's score to the probability that the answer is right
            (None: the confidence is the reader's score).
    """

    def __init__(
        self,
        settings: Settings,
        index: SearchIndex,
        embedder: Embedder,
        glossary: Glossary | None = None,
        multilingual: QueryPassageEmbedder | None = None,
        calibrator: Calibrator | None = None,
    ) -> None:
        self._settings = settings
        self._abstain_below = _abstention_threshold(settings, calibrator)
        self._index = index
        self._embedder = embedder
        self._glossary = glossary
        if multilingual is not None and index.multilingual is None:
            raise ValueError("a multilingual model was given but the index has no such side")
        self._multilingual = multilingual
        self._multilingual_side = MultilingualRetriever(index) if multilingual is not None else None
        self._retriever = HybridRetriever(
            DenseRetriever(index),
            LexicalRetriever(index),
            rrf_k=settings.rrf_k,
            dense_weight=settings.dense_weight,
            lexical_weight=settings.lexical_weight,
            bridge_weight=settings.bridge_weight,
            multilingual=self._multilingual_side,
            multilingual_weight=settings.multilingual_weight,
        )
        self._reader = Reader(
            index.idf, index.knows, calibrator, index.owners(_OWNING_PASSAGES).get
        )
        self._by_id = {article.doc_id: article for article in index.articles}
        # A passage's lexical tokens, by chunk id: the same for every question.
        self._chunk_tokens = {
            chunk.chunk_id: frozenset(index.lexical.documents[row])
            for row, chunk in enumerate(index.chunks)
        }
        self._dense_languages = settings.dense_languages()
        self._readable_docs = frozenset(
            a.doc_id for a in index.articles if a.language in self._dense_languages
        )
        # Every article is read in simplified characters (offsets unchanged): the reader's
        # patterns are written so, like jieba's dictionary. Answers are cut from it as written.
        self._read_texts = {article.doc_id: simplified(article.text) for article in index.articles}
        self._around = _surroundings(index, self._read_texts)
        # Questions are read as the reader reads the articles: in simplified characters ("請問"
        # is no word of its patterns), at the usual width, "ciie" as the name "CIIE".
        self._question_form = question_form(
            (sentence.text for sentence in index.sentences),
            glossary.names() if glossary else (),
            glossary.common_words() if glossary else (),
        )
        # A chat re-resolves its whole history every turn: an earlier "who" question is read
        # once, not once per turn (the index and model do not change under an engine).
        self._earlier_answer = lru_cache(maxsize=256)(self._answer_text)

    @classmethod
    def from_settings(cls, settings: Settings, *, progress: Progress | None = None) -> Engine:
        """Read the corpus, load the index (building it when missing or stale) and the model."""
        # A bad calibration file is a setting to fix: say so before minutes of index building.
        calibrator = load_calibrator(settings.calibration_file) if settings.calibrate else None
        articles = load_corpus(settings.corpus_dir)
        embedder = SentenceTransformerEmbedder(settings.model, device=settings.device)
        multilingual = multilingual_embedder(settings.multilingual_model)
        index = open_index(settings, articles, embedder, multilingual, progress=progress)
        embedder.warm_up()
        if multilingual is not None:
            multilingual.warm_up()
        glossary = None
        if settings.bridge_weight > 0:
            glossary = build_glossary((a.text for a in index.articles), index.knows)
        return cls(settings, index, embedder, glossary, multilingual, calibrator)

    @property
    def model_name(self) -> str:
        """The embedding models, as configured ("<model> + <multilingual model>" when the
        multilingual side is on): what eval reports and the readiness check name."""
        if self._multilingual is None:
            return self._embedder.name
        return f"{self._embedder.name} + {self._multilingual.name}"

    @property
    def embedder(self) -> Embedder:
        """The embedding model (for benchmarks and diagnostics)."""
        return self._embedder

    @property
    def multilingual(self) -> QueryPassageEmbedder | None:
        """The multilingual model, if it is on (for benchmarks and diagnostics)."""
        return self._multilingual

    @property
    def index(self) -> SearchIndex:
        """The loaded search index (read-only use)."""
        return self._index

    def articles(self) -> Sequence[Article]:
        """Every article of the corpus, sorted by id."""
        return self._index.articles

    def article(self, doc_id: str) -> Article:
        """One article by id; ``UnknownDocumentError`` when there is none."""
        try:
            return self._by_id[doc_id]
        except KeyError:
            raise UnknownDocumentError(
                f"no document {doc_id!r}; list the documents with GET /v1/documents"
            ) from None

    def ask(
        self,
        question: str,
        history: Sequence[str] = (),
        *,
        top_k: int | None = None,
        mode: RetrievalMode | None = None,
    ) -> Reply:
        """Answer ``question`` (with earlier user questions as ``history``) from the corpus."""
        started = time.perf_counter()
        k = self._checked_top_k(top_k)
        self._check_question(question, history)
        mode = mode or self._settings.retrieval_mode
        read_as = self._question_form.of(question)
        resolved = resolve_followup(
            read_as,
            [self._question_form.of(earlier) for earlier in history],
            partial(self._earlier_answer, k=k, mode=mode),
        )
        retrieved, reading, read_ms = self._answer(resolved, k, mode)
        timings = Timings(
            embed=retrieved.embed_ms,
            retrieve=retrieved.retrieve_ms,
            read=read_ms,
            total=_ms_since(started),
        )
        # Width, script and case are how the question is read, not a change of what it asks:
        # only a resolved follow-up or a request taken off is shown as "understood as".
        shown = question if resolved == read_as else resolved
        return self._reply(question, shown, reading, retrieved.hits[:k], timings)

    # -- steps -------------------------------------------------------------------------------

    def _answer(
        self, resolved: str, k: int, mode: RetrievalMode
    ) -> tuple[_Retrieved, Reading, float]:
        """Analyse, retrieve and read a resolved question; the reading took the last value (ms)."""
        analyzed = self._analyze(resolved)
        retrieved = self._retrieve(analyzed, k, mode)
        read_started = time.perf_counter()
        evidence = self._evidence(retrieved)
        reading = self._reader.read(analyzed, evidence, dense_reliability=retrieved.reliability)
        return retrieved, reading, _ms_since(read_started)

    def _answer_text(self, question: str, *, k: int, mode: RetrievalMode) -> str | None:
        """The answer to an earlier (resolved) question, if the engine would give one: a
        follow-up's "her" may stand for it. The user's input was checked once by ``ask``: the
        resolved question may be longer than any question the user typed."""
        _, reading, _ = self._answer(question, k, mode)
        shown = self._shown(reading)
        return None if shown is None else shown.text

    def _shown(self, reading: Reading) -> Span | None:
        """The reading's answer, as the article writes it, if it is sure enough to be given,
        else None (abstain)."""
        if reading.answer is None or reading.confidence < self._abstain_below:
            return None
        return self._as_written(reading.answer)

    def _as_written(self, span: Span) -> Span:
        """``span`` with the article's own text: the reader read it in simplified characters."""
        return replace(span, text=self._by_id[span.doc_id].text[span.start : span.end])

    def _checked_top_k(self, top_k: int | None) -> int:
        k = self._settings.top_k if top_k is None else top_k
        if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= self._settings.max_top_k:
            raise UserInputError(
                f"top_k must be a whole number from 1 to {self._settings.max_top_k}"
            )
        return k

    def _check_question(self, question: str, history: Sequence[str]) -> None:
        limit = self._settings.max_question_chars
        for text, what in [(question, "question"), *((h, "history item") for h in history)]:
            if not isinstance(text, str):
                raise UserInputError(f"the {what} must be text")
            if len(text) > limit:
                raise UserInputError(f"the {what} is {len(text)} characters; the limit is {limit}")
            if not _is_encodable(text):
                raise UserInputError(f"the {what} holds characters that are not valid text")
        if not question.strip():
            raise UserInputError("the question is empty; ask something about the articles")
        if len(history) > self._settings.max_history:
            raise UserInputError(
                f"history has {len(history)} questions; "
                f"at most {self._settings.max_history} are kept"
            )

    def _analyze(self, question: str) -> Question:
        analyzed = analyze(question)
        if self._glossary is None:
            return analyzed
        glossary, language = self._glossary, analyzed.language
        return replace(
            analyzed,
            translations=glossary.translate(analyzed.tokens, language, analyzed.names),
            name_forms=glossary.name_forms(analyzed.tokens, analyzed.names),
            head_translations=glossary.nouns(analyzed.head_noun, language),
            counted=analyzed.counted | glossary.synonyms(analyzed.counted),
        )

    def _retrieve(self, analyzed: Question, k: int, mode: RetrievalMode) -> _Retrieved:
        question = analyzed.text
        started = time.perf_counter()
        vector, reliability = None, 0.0
        if mode is not RetrievalMode.LEXICAL:
            vector = self._embedder.embed([question])[0]
            reliability = self._dense_reliability(question)
        multilingual = self._multilingual_query(analyzed, mode)
        embedded = time.perf_counter()
        hits = self._retriever.search(
            question,
            vector,
            top_k=max(k, _PASSAGES_READ),
            candidates=max(self._settings.candidates, k),
            mode=mode,
            dense_reliability=reliability,
            translated=_in_other_language(analyzed),
            multilingual=multilingual,
        )
        similarity = None
        if multilingual is not None and self._multilingual_side is not None:
            similarity = self._multilingual_side.sentence_similarity(multilingual)
        embed_ms = (embedded - started) * 1000
        return _Retrieved(vector, reliability, hits, similarity, embed_ms, _ms_since(embedded))

    def _multilingual_query(
        self, question: Question, mode: RetrievalMode
    ) -> MultilingualQuery | None:
        """The multilingual side is part of hybrid retrieval; the one-side modes are ablations."""
        if self._multilingual is None or mode is not RetrievalMode.HYBRID:
            return None
        return MultilingualQuery(self._multilingual.embed_query(question.text), question.language)

    def _dense_reliability(self, question: str) -> float:
        """How far to trust the embedding model on this question: not at all in a language it
        does not read, else by the share of the question it does not see as unknown pieces."""
        if detect_language(question) not in self._dense_languages:
            return 0.0
        return 1.0 - self._embedder.unknown_ratio(question)

    def _evidence(self, retrieved: _Retrieved) -> list[Evidence]:
        """The sentences of the retrieved passages, each once, with its best passage's standing."""
        evidence: dict[tuple[str, int], Evidence] = {}
        for rank, hit in enumerate(retrieved.hits):
            chunk = hit.chunk
            context_tokens = self._chunk_tokens[chunk.chunk_id]
            for row in self._index.sentence_rows(chunk.doc_id):
                sentence = self._index.sentences[row]
                # A sentence longer than the chunk budget is cut across chunks: each piece's
                # chunk brings the whole sentence, or no chunk would ever bring it.
                overlaps = sentence.start < chunk.end and chunk.start < sentence.end
                if not overlaps or (sentence.doc_id, sentence.start) in evidence:
                    continue
                around = self._around[row]
                evidence[(sentence.doc_id, sentence.start)] = Evidence(
                    sentence=around.sentence,
                    context=self._read_texts[chunk.doc_id][chunk.start : chunk.end],
                    retrieval=1.0 / (1.0 + rank),
                    dense=self._sentence_similarity(row, retrieved.question_vector),
                    neighbours=around.neighbours,
                    lead=around.lead,
                    headline=around.headline,
                    previous=around.previous,
                    following=around.following,
                    sentence_tokens=around.tokens,
                    context_tokens=context_tokens,
                    implied_anchors=around.implied_anchors,
                    multilingual=(
                        None
                        if retrieved.multilingual is None
                        else float(retrieved.multilingual[row])
                    ),
                )
        return list(evidence.values())

    def _sentence_similarity(self, row: int, vector: NDArray[np.float32] | None) -> float | None:
        """cosine(question, sentence), or None when the model does not read the sentence's
        article: a model blind to a language gives its sentences a low cosine that says nothing."""
        if vector is None or self._index.sentences[row].doc_id not in self._readable_docs:
            return None
        return float(self._index.sentence_vectors[row] @ vector)

    def _reply(
        self, question: str, resolved: str, reading: Reading, hits: list[Hit], timings: Timings
    ) -> Reply:
        answer = self._shown(reading)
        answered = answer is not None
        return Reply(
            question=question,
            resolved_question=resolved,
            answer=answer.text if answer else None,
            answer_span=answer,
            sentence=(
                self._as_written(reading.sentence).text if answered and reading.sentence else None
            ),
            abstained=not answered,
            confidence=reading.confidence,
            citations=self._citations(reading) if answered else (),
            passages=tuple(hits),
            timings_ms=timings,
            signals=reading.signals,
        )

    def _citations(self, reading: Reading) -> tuple[Citation, ...]:
        spans = [s for s in (reading.sentence, *reading.supporting) if s is not None]
        return tuple(self._cite(span) for span in spans)

    def _cite(self, span: Span) -> Citation:
        title = self._by_id[span.doc_id].title
        text = self._as_written(span).text
        return Citation(span.doc_id, title, span.start, span.end, text)


def _abstention_threshold(settings: Settings, calibrator: Calibrator | None) -> float:
    """The threshold set by the user, else the one that goes with the confidence in use."""
    if settings.abstain_threshold is not None:
        return settings.abstain_threshold
    return UNCALIBRATED_THRESHOLD if calibrator is None else calibrator.threshold


@dataclass(frozen=True)
class _Around:
    """What a sentence's place in its article tells the reader: the same for every question."""

    sentence: Sentence  # the sentence as read (in simplified characters)
    neighbours: str  # the sentences just before and after, within the article
    lead: str  # the article's title and first sentence, folded: they name what it is about
    headline: str  # the article's title (as read) if this is its first sentence, else ""
    previous: Sentence | None  # the sentence before, if no line break separates them
    following: Sentence | None  # the sentence after, likewise
    tokens: frozenset[str]  # its lexical tokens
    implied_anchors: frozenset[str]  # what "本届" / "this year's" around it stands for


# An article that uses a word in this many passages, where no other article uses it, owns the
# word: it is one of that article's matters, not a passing wording.
_OWNING_PASSAGES = 8


def _surroundings(index: SearchIndex, read_texts: Mapping[str, str]) -> list[_Around]:
    """``_Around`` for every sentence row, made once when the engine is built; ``read_texts``
    are the articles as read."""
    main_ordinals = {doc_id: main_ordinal(text) for doc_id, text in read_texts.items()}
    read = [replace(s, text=read_texts[s.doc_id][s.start : s.end]) for s in index.sentences]
    firsts = {
        rows[0]: article
        for article in index.articles
        if (rows := index.sentence_rows(article.doc_id))
    }
    leads = {
        article.doc_id: fold(f"{simplified(article.title)} {read[row].text}")
        for row, article in firsts.items()
    }
    found = []
    for row, sentence in enumerate(read):
        rows = index.sentence_rows(sentence.doc_id)
        neighbours = " ".join(read[r].text for r in (row - 1, row + 1) if r in rows)
        found.append(
            _Around(
                sentence=sentence,
                neighbours=neighbours,
                lead=leads[sentence.doc_id],
                headline=simplified(firsts[row].title) if row in firsts else "",
                previous=read[row - 1] if _same_paragraph(index, row, row - 1) else None,
                following=read[row + 1] if _same_paragraph(index, row, row + 1) else None,
                tokens=frozenset(index.sentence_lexical.documents[row]),
                implied_anchors=implied_anchors(
                    f"{neighbours} {sentence.text}", main_ordinals[sentence.doc_id]
                ),
            )
        )
    return found


def _same_paragraph(index: SearchIndex, row: int, other: int) -> bool:
    """Whether sentence ``other`` (just before or after ``row``) is of the same article and no
    line break separates them."""
    sentence = index.sentences[row]
    if other not in index.sentence_rows(sentence.doc_id):
        return False
    first, second = sorted((row, other))
    gap = index.article(sentence.doc_id).text[
        index.sentences[first].end : index.sentences[second].start
    ]
    return "\n" not in gap


def open_index(
    settings: Settings,
    articles: Sequence[Article],
    embedder: Embedder,
    multilingual: QueryPassageEmbedder | None = None,
    *,
    progress: Progress | None = None,
    force_rebuild: bool = False,
) -> SearchIndex:
    """The index for this corpus, these settings and these models: loaded when it fits, else
    rebuilt (``multilingual`` None: an index without the multilingual side).

    With ``on_stale_index=error`` a stale index raises ``IndexUnusableError`` listing why.
    """
    try:
        manifest = read_manifest(settings.index_dir)
    except IndexUnusableError:
        if settings.on_stale_index is StaleIndexPolicy.ERROR:
            raise
        manifest = None  # unreadable: rebuilt below like a missing index
    if manifest is not None and not force_rebuild:
        reasons = _stale_reasons(manifest, settings, articles, embedder, multilingual)
        if not reasons:
            try:
                return load_index(settings.index_dir, articles)
            except IndexUnusableError:
                if settings.on_stale_index is StaleIndexPolicy.ERROR:
                    raise
                return rebuild_index(settings, articles, embedder, multilingual, progress=progress)
        if settings.on_stale_index is StaleIndexPolicy.ERROR:
            raise IndexUnusableError(
                f"index at {settings.index_dir} is stale ({'; '.join(reasons)}); "
                "rebuild it with `ciie-qa index`"
            )
    return rebuild_index(settings, articles, embedder, multilingual, progress=progress)


def index_status(
    settings: Settings,
    articles: Sequence[Article],
    embedder: Embedder,
    multilingual: QueryPassageEmbedder | None = None,
) -> list[str]:
    """Why the index on disk cannot serve this corpus and these settings (empty: it can)."""
    try:
        manifest = read_manifest(settings.index_dir)
    except IndexUnusableError as err:
        return [str(err)]
    if manifest is None:
        return [f"no index at {settings.index_dir}"]
    return _stale_reasons(manifest, settings, articles, embedder, multilingual)


def _stale_reasons(
    manifest: Manifest,
    settings: Settings,
    articles: Sequence[Article],
    embedder: Embedder,
    multilingual: QueryPassageEmbedder | None,
) -> list[str]:
    return stale_reasons(
        manifest,
        model=embedder.name,
        multilingual_model=multilingual.name if multilingual else "",
        chunk_tokens=settings.chunk_tokens,
        overlap_tokens=settings.chunk_overlap_tokens,
        corpus_fingerprint=corpus_fingerprint(articles),
    )


def rebuild_index(
    settings: Settings,
    articles: Sequence[Article],
    embedder: Embedder,
    multilingual: QueryPassageEmbedder | None = None,
    *,
    progress: Progress | None = None,
) -> SearchIndex:
    """Build the index from scratch and publish it atomically."""
    index = build_index(
        articles,
        embedder,
        chunk_tokens=settings.chunk_tokens,
        overlap_tokens=settings.chunk_overlap_tokens,
        multilingual=multilingual,
        progress=progress,
    )
    save_index(index, settings.index_dir)
    return index


def _is_encodable(text: str) -> bool:
    """False for strings with lone surrogates, which no tokenizer or page can handle."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _in_other_language(question: Question) -> list[str]:
    """The question's tokens for the article in the other language: its translated words, and
    its numbers and Latin-script words, which both languages write alike."""
    if not question.translations:
        return []
    neutral = [
        t
        for t in question.tokens
        if t[0].isdigit() or (question.language is Language.ZH and t.isascii())
    ]
    other = Language.EN if question.language is Language.ZH else Language.ZH
    measure = MEASURE_NAMES.get(question.unit_hint, {}).get(other, ())
    return [*neutral, *question.translated_tokens(), *measure]


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000
