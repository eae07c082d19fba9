"""Tests for the index: build, manifest, save/load round trip, checksums, atomic publish."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

import ciie_qa.index as index_module
from ciie_qa.corpus import corpus_fingerprint
from ciie_qa.errors import IndexUnusableError
from ciie_qa.index import (
    FORMAT_VERSION,
    Manifest,
    SearchIndex,
    build_index,
    load_index,
    read_manifest,
    save_index,
    stale_reasons,
    text_pipeline_fingerprint,
)
from ciie_qa.schema import Article, Language
from fakes import ConceptEmbedder, HashingEmbedder

ENGLISH = (
    "The 8th CIIE opened in Shanghai on Nov. 5. It drew 4,108 exhibitors.\n"
    "Deals worth 83.49 billion dollars were signed. Visitors came from 155 countries."
)
CHINESE = "第八届进博会在上海开幕。展商数量创新高，达到4108家。\n意向成交额创新高！"


def _articles(english: str = ENGLISH) -> list[Article]:
    return [
        Article("en-1", "Expo opens", "2025-11-05", "test", Language.EN, english),
        Article("zh-1", "进博会开幕", "2025-11-05", "test", Language.ZH, CHINESE),
    ]


def _build(articles: list[Article] | None = None) -> SearchIndex:
    return build_index(
        articles or _articles(), HashingEmbedder(32), chunk_tokens=24, overlap_tokens=8
    )


@pytest.fixture(scope="module")
def built() -> SearchIndex:
    return _build()


@pytest.fixture
def saved(tmp_path: Path, built: SearchIndex) -> Path:
    save_index(built, tmp_path / "index")
    return tmp_path / "index"


# --- build -------------------------------------------------------------------------------------


def test_build_chunks_are_exact_article_slices(built: SearchIndex) -> None:
    assert len(built.chunks) > 2  # the budget is small enough to split each article
    for chunk in built.chunks:
        assert built.article(chunk.doc_id).text[chunk.start : chunk.end] == chunk.text


def test_build_manifest_records_settings_and_counts(built: SearchIndex) -> None:
    manifest = built.manifest
    assert (manifest.model, manifest.dimension) == ("fake-hashing", 32)
    assert (manifest.chunk_tokens, manifest.overlap_tokens) == (24, 8)
    assert manifest.corpus_fingerprint == corpus_fingerprint(_articles())
    assert (manifest.n_articles, manifest.n_chunks) == (2, len(built.chunks))
    assert manifest.n_sentences == len(built.sentences) == 7


def test_build_has_one_vector_and_token_list_per_row(built: SearchIndex) -> None:
    assert built.dense.ntotal == len(built.lexical) == len(built.chunks)
    assert built.sentence_vectors.shape == (len(built.sentences), 32)
    assert len(built.sentence_lexical) == len(built.sentences)


def test_build_reports_progress_up_to_each_stage_total() -> None:
    calls: list[tuple[str, int, int]] = []
    _ = build_index(
        _articles(),
        HashingEmbedder(8),
        chunk_tokens=24,
        overlap_tokens=8,
        progress=lambda stage, done, total: calls.append((stage, done, total)),
    )
    finals = {stage: (done, total) for stage, done, total in calls}
    assert set(finals) == {
        "chunking",
        "embedding chunks",
        "embedding sentences",
        "tokenizing chunks",
        "tokenizing sentences",
    }
    assert all(done == total for done, total in finals.values())


def test_sentences_of_returns_one_articles_sentences_in_order(built: SearchIndex) -> None:
    sentences = built.sentences_of("zh-1")
    assert [s.text for s in sentences] == [
        "第八届进博会在上海开幕。",
        "展商数量创新高，达到4108家。",
        "意向成交额创新高！",
    ]
    assert built.sentences_of("missing") == ()


def test_idf_is_lower_for_a_token_in_more_sentences(built: SearchIndex) -> None:
    assert built.idf("创新") < built.idf("上海") < built.idf("never-seen")  # df 2, 1, 0


# --- save and load -----------------------------------------------------------------------------


def test_save_publishes_current_as_a_relative_link_to_the_build(saved: Path) -> None:
    current = saved / "current"
    assert current.is_symlink()
    target = Path(current.readlink())
    assert not target.is_absolute() and target.parent == Path("builds")
    assert (current / "manifest.json").is_file()


def test_saved_manifest_lists_the_sha256_of_every_other_file(saved: Path) -> None:
    manifest = read_manifest(saved)
    assert manifest is not None
    folder = saved / "current"
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {
        "manifest.json"
    }
    assert set(manifest.files) == on_disk
    for name, digest in manifest.files.items():
        assert index_module._sha256(folder / name) == digest


def test_load_round_trips_chunks_sentences_and_vectors(saved: Path, built: SearchIndex) -> None:
    loaded = load_index(saved, _articles())
    assert loaded.chunks == built.chunks
    assert loaded.sentences == built.sentences
    assert np.array_equal(loaded.sentence_vectors, built.sentence_vectors)
    assert np.array_equal(
        loaded.dense.reconstruct_n(0, loaded.dense.ntotal),
        built.dense.reconstruct_n(0, built.dense.ntotal),
    )
    assert loaded.lexical.documents == built.lexical.documents
    assert loaded.manifest == dataclasses.replace(built.manifest, files=loaded.manifest.files)


def test_saving_again_replaces_current_and_removes_the_old_build(
    saved: Path, built: SearchIndex
) -> None:
    first = (saved / "current").resolve()
    second = save_index(built, saved)
    assert (saved / "current").resolve() == second.resolve() != first
    assert [p.name for p in (saved / "builds").iterdir()] == [second.name]


def test_read_manifest_without_an_index_is_none(tmp_path: Path) -> None:
    assert read_manifest(tmp_path / "index") is None


def test_load_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(IndexUnusableError, match="ciie-qa index"):
        load_index(tmp_path / "index", _articles())


def test_load_detects_a_tampered_file(saved: Path) -> None:
    path = saved / "current" / "chunks.jsonl"
    path.write_bytes(path.read_bytes().replace(b'"start": 0', b'"start": 1', 1))
    with pytest.raises(IndexUnusableError, match=r"chunks\.jsonl checksum mismatch"):
        load_index(saved, _articles())


def test_load_detects_a_missing_file(saved: Path) -> None:
    (saved / "current" / "dense.faiss").unlink()
    with pytest.raises(IndexUnusableError, match=r"dense\.faiss missing"):
        load_index(saved, _articles())


def test_damaged_manifest_is_reported_as_unusable(saved: Path) -> None:
    (saved / "current" / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexUnusableError, match="manifest"):
        read_manifest(saved)


def test_load_refuses_an_index_of_another_corpus(saved: Path) -> None:
    with pytest.raises(IndexUnusableError, match="different corpus"):
        load_index(saved, _articles(ENGLISH.replace("155", "156")))


@pytest.mark.parametrize("step", ["_write_faiss", "_fsync_dir", "_publish"])
def test_a_crash_while_saving_keeps_the_previous_index(
    saved: Path, built: SearchIndex, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    before = read_manifest(saved)

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(index_module, step, crash)
    with pytest.raises(OSError, match="disk full"):
        save_index(_build(_articles(ENGLISH + " More.")), saved)
    monkeypatch.undo()
    assert read_manifest(saved) == before
    assert load_index(saved, _articles()).chunks == built.chunks


# --- manifest and staleness --------------------------------------------------------------------


def _manifest() -> Manifest:
    return Manifest(
        format_version=FORMAT_VERSION,
        model="m",
        dimension=4,
        chunk_tokens=160,
        overlap_tokens=32,
        corpus_fingerprint="f" * 64,
        text_pipeline=text_pipeline_fingerprint(),
        n_articles=1,
        n_chunks=2,
        n_sentences=3,
        files={"chunks.jsonl": "0" * 64},
        created_at="2025-11-05T00:00:00+00:00",
    )


def test_manifest_json_round_trip() -> None:
    assert Manifest.from_json(_manifest().to_json()) == _manifest()


@pytest.mark.parametrize(
    "text",
    ['{"model": "m"}', "[]", _manifest().to_json().replace('"dimension": 4', '"dimension": "4"')],
)
def test_manifest_from_malformed_json_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        Manifest.from_json(text)


def test_stale_reasons_is_empty_for_matching_settings() -> None:
    current = {"model": "m", "chunk_tokens": 160, "overlap_tokens": 32}
    assert stale_reasons(_manifest(), **current, corpus_fingerprint="f" * 64) == []


@pytest.mark.parametrize(
    ("changed", "reason"),
    [
        ({"model": "other"}, "model changed: m -> other"),
        ({"chunk_tokens": 200}, "chunk_tokens changed: 160 -> 200"),
        ({"overlap_tokens": 0}, "overlap_tokens changed: 32 -> 0"),
        (
            {"corpus_fingerprint": "a" * 64},
            "corpus changed: fingerprint ffffffffffff -> aaaaaaaaaaaa",
        ),
    ],
)
def test_stale_reasons_names_each_changed_setting(changed: dict[str, object], reason: str) -> None:
    settings: dict[str, object] = {
        "model": "m",
        "chunk_tokens": 160,
        "overlap_tokens": 32,
        "corpus_fingerprint": "f" * 64,
    }
    assert stale_reasons(_manifest(), **{**settings, **changed}) == [reason]  # type: ignore[arg-type]


def test_stale_reasons_notes_an_older_index_format() -> None:
    old = dataclasses.replace(_manifest(), format_version=FORMAT_VERSION - 1)
    reasons = stale_reasons(
        old, model="m", chunk_tokens=160, overlap_tokens=32, corpus_fingerprint="f" * 64
    )
    assert reasons == [f"index format changed: {FORMAT_VERSION - 1} -> {FORMAT_VERSION}"]


def test_the_next_save_clears_a_crashed_build_but_not_a_fresh_tmp_folder(
    saved: Path, built: SearchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("killed")

    monkeypatch.setattr(index_module, "_publish", crash)
    with pytest.raises(OSError, match="killed"):
        save_index(built, saved)
    monkeypatch.undo()
    in_progress = saved / "builds" / "elsewhere.tmp"  # another process's build, just started
    in_progress.mkdir()
    published = save_index(built, saved)
    assert sorted(p.name for p in (saved / "builds").iterdir()) == sorted(
        [published.name, in_progress.name]
    )


def test_stale_reasons_notes_a_changed_text_pipeline() -> None:
    old = dataclasses.replace(_manifest(), text_pipeline="0" * 64)
    reasons = stale_reasons(
        old, model="m", chunk_tokens=160, overlap_tokens=32, corpus_fingerprint="f" * 64
    )
    assert reasons == ["sentence splitting, chunking or tokenization changed"]


# --- the multilingual side ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def bilingual() -> SearchIndex:
    return build_index(
        _articles(),
        HashingEmbedder(32),
        chunk_tokens=24,
        overlap_tokens=8,
        multilingual=ConceptEmbedder([["exhibitor", "展商"]], name="fake-multi"),
    )


def test_build_embeds_every_chunk_and_sentence_with_the_multilingual_model_too(
    bilingual: SearchIndex,
) -> None:
    vectors = bilingual.multilingual
    assert vectors is not None
    assert vectors.chunks.ntotal == len(bilingual.chunks) and vectors.chunks.d == 3
    assert vectors.sentences.shape == (len(bilingual.sentences), 3)
    manifest = bilingual.manifest
    assert (manifest.multilingual_model, manifest.multilingual_dimension) == ("fake-multi", 3)
    assert _build().multilingual is None and _build().manifest.multilingual_model == ""


def test_load_round_trips_the_multilingual_vectors(tmp_path: Path, bilingual: SearchIndex) -> None:
    save_index(bilingual, tmp_path / "index")
    loaded = load_index(tmp_path / "index", _articles())
    assert loaded.multilingual is not None and bilingual.multilingual is not None
    assert np.array_equal(loaded.multilingual.sentences, bilingual.multilingual.sentences)
    chunks = loaded.multilingual.chunks
    assert np.array_equal(
        chunks.reconstruct_n(0, chunks.ntotal),
        bilingual.multilingual.chunks.reconstruct_n(0, chunks.ntotal),
    )
    manifest = read_manifest(tmp_path / "index")
    assert manifest is not None
    assert {"multilingual/dense.faiss", "multilingual/sentence_vectors.npy"} <= set(manifest.files)


def test_load_detects_a_missing_multilingual_file(tmp_path: Path, bilingual: SearchIndex) -> None:
    save_index(bilingual, tmp_path / "index")
    (tmp_path / "index" / "current" / "multilingual" / "sentence_vectors.npy").unlink()
    with pytest.raises(IndexUnusableError, match=r"multilingual/sentence_vectors\.npy missing"):
        load_index(tmp_path / "index", _articles())


@pytest.mark.parametrize(
    ("built_with", "wanted", "reason"),
    [
        ("", "multi", "multilingual model changed: none -> multi"),
        ("multi", "", "multilingual model changed: multi -> none"),
        ("multi", "multi 2", "multilingual model changed: multi -> multi 2"),
    ],
)
def test_stale_reasons_notes_a_changed_multilingual_model(
    built_with: str, wanted: str, reason: str
) -> None:
    manifest = dataclasses.replace(_manifest(), multilingual_model=built_with)
    reasons = stale_reasons(
        manifest,
        model="m",
        chunk_tokens=160,
        overlap_tokens=32,
        corpus_fingerprint="f" * 64,
        multilingual_model=wanted,
    )
    assert reasons == [reason]


def test_an_index_of_format_2_is_reported_as_older_not_damaged(saved: Path) -> None:
    path = saved / "current" / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for added in ("multilingual_model", "multilingual_dimension"):
        del data[added]
    data["format_version"] = 2
    path.write_text(json.dumps(data), encoding="utf-8")
    manifest = read_manifest(saved)
    assert manifest is not None and manifest.multilingual_model == ""
    with pytest.raises(
        IndexUnusableError, match=f"has format 2, this version reads {FORMAT_VERSION}"
    ):
        load_index(saved, _articles())


def test_load_refuses_multilingual_vectors_of_the_wrong_shape(
    tmp_path: Path, bilingual: SearchIndex
) -> None:
    save_index(bilingual, tmp_path / "index")
    folder = tmp_path / "index" / "current"
    vectors = folder / "multilingual" / "sentence_vectors.npy"
    np.save(vectors, np.zeros((len(bilingual.sentences), 2), dtype=np.float32))
    manifest = read_manifest(tmp_path / "index")
    assert manifest is not None
    files = {**manifest.files, "multilingual/sentence_vectors.npy": index_module._sha256(vectors)}
    (folder / "manifest.json").write_text(
        dataclasses.replace(manifest, files=files).to_json(), encoding="utf-8"
    )
    with pytest.raises(IndexUnusableError, match="multilingual sentence vectors do not match"):
        load_index(tmp_path / "index", _articles())
