"""Tests for reading and validating corpus folders."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ciie_qa.corpus import corpus_fingerprint, load_corpus
from ciie_qa.errors import CorpusError
from ciie_qa.schema import Language

REAL_CORPUS = Path(__file__).resolve().parents[1] / "corpus"

HEADER = {
    "id": "expo-en",
    "title": "Expo closes",
    "date": "2025-11-10",
    "source": "Example News",
    "language": "en",
}
BODY = "The expo closed on Nov. 10, 2025.\n\nIt drew 4,108 companies.\n"


def article_file(
    folder: Path, name: str = "expo-en.md", body: str = BODY, drop: str = "", **overrides: str
) -> Path:
    """Write a front-matter article with header values overridden and the key ``drop`` left out."""
    header = {**HEADER, "id": Path(name).stem, **overrides}
    lines = [f"{key}: {value}" for key, value in header.items() if key != drop]
    path = folder / name
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\n" + body, encoding="utf-8")
    return path


EN_PARAGRAPHS = "".join(
    f"<p>Paragraph {n}: the 8th China International Import Expo opened in Shanghai on "
    f"Nov. 5, 2025, with exhibitors from 155 countries, regions and organizations.</p>"
    for n in range(1, 4)
)
ZH_PARAGRAPHS = "".join(
    "<p>第八届中国国际进口博览会在上海开幕,共有155个国家、地区和国际组织参与,"
    "4108家境外企业参展,展览面积超过43万平方米。</p>"
    for _ in range(3)
)


def page(
    lang: str = ' lang="en"',
    date: str = "2025-11-08T09:15:00+08:00",
    extra: str = "",
    paragraphs: str = EN_PARAGRAPHS,
) -> str:
    """A saved news page with navigation and footer around the article."""
    date_meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (
        f"<!DOCTYPE html><html{lang}><head>{extra}<title>Expo opens - Example News</title>"
        '<meta property="og:title" content="Expo opens">'
        f'<meta property="og:site_name" content="Example News">{date_meta}</head>'
        '<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>'
        f"<article><h1>Expo opens</h1>{paragraphs}</article>"
        "<footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"
    )


def test_real_corpus_loads_both_articles_sorted_by_id() -> None:
    articles = load_corpus(REAL_CORPUS)
    assert [a.doc_id for a in articles] == ["ciie8-en-openness", "ciie8-zh-photo-story"]
    assert [a.language for a in articles] == [Language.EN, Language.ZH]


def test_real_chinese_article_keeps_its_leading_indentation() -> None:
    zh = next(a for a in load_corpus(REAL_CORPUS) if a.doc_id == "ciie8-zh-photo-story")
    # The file indents paragraphs with two em spaces (U+2003); they must survive verbatim.
    assert zh.text.startswith("\u2003\u2003黄浦江畔")
    assert zh.date == "2025-11-11T14:30:37"


def test_body_is_verbatim_after_the_one_blank_line(tmp_path: Path) -> None:
    body = "\n  indented first line\n\nsecond paragraph  \n"
    article_file(tmp_path, body=body)
    assert load_corpus(tmp_path)[0].text == body


def test_crlf_line_endings_become_newlines(tmp_path: Path) -> None:
    path = article_file(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert load_corpus(tmp_path)[0].text == BODY


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = article_file(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_corpus(tmp_path)[0].doc_id == "expo-en"


def test_metadata_is_read_and_extra_keys_are_allowed(tmp_path: Path) -> None:
    article_file(tmp_path, received_as='"raw_001.txt"', title='"Expo: the close"')
    article = load_corpus(tmp_path)[0]
    assert (article.doc_id, article.title, article.source) == (
        "expo-en",
        "Expo: the close",
        "Example News",
    )
    assert article.language is Language.EN
    assert article.path == str(tmp_path / "expo-en.md")


def test_articles_are_sorted_by_id_not_file_name(tmp_path: Path) -> None:
    article_file(tmp_path, "a.md", id="zeta")
    article_file(tmp_path, "b.txt", id="alpha")
    assert [a.doc_id for a in load_corpus(tmp_path)] == ["alpha", "zeta"]


def test_readme_and_hidden_files_are_skipped(tmp_path: Path) -> None:
    article_file(tmp_path)
    (tmp_path / "README.md").write_text("# How to add articles\n", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    assert [a.doc_id for a in load_corpus(tmp_path)] == ["expo-en"]


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ('"2025-11-10"', "2025-11-10"),
        ("2025-11-10", "2025-11-10"),
        ('"2025-11-10T14:30"', "2025-11-10T14:30:00"),
        ('"2025-11-10 14:30:37"', "2025-11-10T14:30:37"),
        ("2025-11-10T14:30:37", "2025-11-10T14:30:37"),
    ],
)
def test_dates_are_stored_in_iso_form(tmp_path: Path, raw: str, iso: str) -> None:
    article_file(tmp_path, date=raw)
    assert load_corpus(tmp_path)[0].date == iso


@pytest.mark.parametrize("raw", ['"Nov. 10, 2025"', '"2025-13-01"', '"2025-11-10T14:30+08:00"'])
def test_unparseable_date_is_refused(tmp_path: Path, raw: str) -> None:
    article_file(tmp_path, date=raw)
    with pytest.raises(CorpusError, match=r"expo-en\.md.*YYYY-MM-DD"):
        load_corpus(tmp_path)


@pytest.mark.parametrize("key", ["id", "title", "date", "source", "language"])
def test_missing_metadata_key_is_named(tmp_path: Path, key: str) -> None:
    article_file(tmp_path, drop=key)
    with pytest.raises(CorpusError, match=rf"expo-en\.md: header lacks {key}"):
        load_corpus(tmp_path)


def test_blank_metadata_value_counts_as_missing(tmp_path: Path) -> None:
    article_file(tmp_path, source='"  "')
    with pytest.raises(CorpusError, match="lacks source"):
        load_corpus(tmp_path)


def test_unsupported_language_lists_the_valid_ones(tmp_path: Path) -> None:
    article_file(tmp_path, language="fr")
    with pytest.raises(CorpusError, match="'fr' is not supported; use one of zh, en"):
        load_corpus(tmp_path)


@pytest.mark.parametrize("doc_id", ['"-leading-dash"', '"has space"', '"slash/id"'])
def test_malformed_id_is_refused(tmp_path: Path, doc_id: str) -> None:
    article_file(tmp_path, id=doc_id)
    with pytest.raises(CorpusError, match="is not allowed; use letters, digits"):
        load_corpus(tmp_path)


@pytest.mark.parametrize("body", ["", "\n\n   \n"])
def test_empty_body_is_refused(tmp_path: Path, body: str) -> None:
    article_file(tmp_path, body=body)
    with pytest.raises(CorpusError, match="body is empty"):
        load_corpus(tmp_path)


def test_duplicate_ids_name_both_files(tmp_path: Path) -> None:
    article_file(tmp_path, "one.md", id="same")
    article_file(tmp_path, "two.txt", id="same")
    with pytest.raises(CorpusError, match=r"one\.md and .*two\.txt both have id 'same'"):
        load_corpus(tmp_path)


def test_undecodable_bytes_give_the_offset(tmp_path: Path) -> None:
    path = article_file(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data + "增长".encode("gbk"))
    with pytest.raises(CorpusError, match=rf"not valid utf-8 \(bad byte at offset {len(data)}\)"):
        load_corpus(tmp_path)


def test_file_without_header_is_refused(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("Just text.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"plain\.txt: no front-matter header"):
        load_corpus(tmp_path)


def test_unclosed_header_is_refused(tmp_path: Path) -> None:
    (tmp_path / "open.md").write_text("---\nid: open\ntitle: T\n\nBody.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="not closed"):
        load_corpus(tmp_path)


def test_invalid_yaml_header_is_refused(tmp_path: Path) -> None:
    article_file(tmp_path, title="Expo: the: close")
    with pytest.raises(CorpusError, match="not valid YAML"):
        load_corpus(tmp_path)


def test_unknown_extension_names_the_supported_ones(tmp_path: Path) -> None:
    article_file(tmp_path)
    (tmp_path / "notes.docx").write_bytes(b"PK")
    with pytest.raises(CorpusError, match=r"notes\.docx.*\.md, \.txt, \.html, \.htm"):
        load_corpus(tmp_path)


def test_subfolder_is_not_silently_skipped(tmp_path: Path) -> None:
    article_file(tmp_path)
    (tmp_path / "more").mkdir()
    with pytest.raises(CorpusError, match="more: not an article file"):
        load_corpus(tmp_path)


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")


def test_folder_with_only_a_readme_is_refused(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Corpus\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="has no articles"):
        load_corpus(tmp_path)


def test_html_page_gives_text_and_metadata(tmp_path: Path) -> None:
    (tmp_path / "expo-page.html").write_text(page(), encoding="utf-8")
    article = load_corpus(tmp_path)[0]
    assert (article.doc_id, article.title, article.date, article.source) == (
        "expo-page",
        "Expo opens",
        "2025-11-08",
        "Example News",
    )
    assert article.language is Language.EN
    assert "Paragraph 3: the 8th China International Import Expo" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text


def test_html_language_comes_from_the_lang_attribute(tmp_path: Path) -> None:
    # The text is English, so only the attribute can make it Chinese.
    (tmp_path / "page.htm").write_text(page(lang=' lang="zh-CN"'), encoding="utf-8")
    assert load_corpus(tmp_path)[0].language is Language.ZH


def test_html_language_is_detected_without_lang(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(page(lang="", paragraphs=ZH_PARAGRAPHS), encoding="utf-8")
    assert load_corpus(tmp_path)[0].language is Language.ZH


def test_html_declared_gbk_charset_is_decoded(tmp_path: Path) -> None:
    html = page(lang=' lang="zh"', extra='<meta charset="gb2312">', paragraphs=ZH_PARAGRAPHS)
    (tmp_path / "page.html").write_bytes(html.encode("gbk"))
    assert "4108家境外企业参展" in load_corpus(tmp_path)[0].text


def test_html_without_date_names_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "nodate.html").write_text(page(date=""), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"nodate\.html: no date found"):
        load_corpus(tmp_path)


def test_html_file_stem_must_be_a_valid_id(tmp_path: Path) -> None:
    (tmp_path / "my page.html").write_text(page(), encoding="utf-8")
    with pytest.raises(CorpusError, match="'my page' is not allowed"):
        load_corpus(tmp_path)


def test_fingerprint_is_stable_and_order_independent() -> None:
    articles = load_corpus(REAL_CORPUS)
    assert corpus_fingerprint(articles) == corpus_fingerprint(list(reversed(articles)))
    assert len(corpus_fingerprint(articles)) == 64


@pytest.mark.parametrize("field", ["text", "title", "date", "source", "doc_id"])
def test_fingerprint_changes_with_any_field(field: str) -> None:
    articles = load_corpus(REAL_CORPUS)
    changed = dataclasses.replace(articles[0], **{field: getattr(articles[0], field) + "x"})
    assert corpus_fingerprint([changed, articles[1]]) != corpus_fingerprint(articles)


def test_fingerprint_ignores_where_the_file_lives() -> None:
    articles = load_corpus(REAL_CORPUS)
    moved = [dataclasses.replace(a, path="/elsewhere/" + a.doc_id) for a in articles]
    assert corpus_fingerprint(moved) == corpus_fingerprint(articles)
