"""Read and validate the articles of a corpus folder (front-matter text files, saved HTML pages)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from ciie_qa.errors import CorpusError
from ciie_qa.schema import Article, Language
from ciie_qa.tokens import detect_language

TEXT_SUFFIXES = (".md", ".txt")
HTML_SUFFIXES = (".html", ".htm")
REQUIRED_KEYS = ("id", "title", "date", "source", "language")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?")
_HTML_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_HTML_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


def load_corpus(corpus_dir: Path) -> list[Article]:
    """Read every article of ``corpus_dir``, validated, sorted by doc_id.

    Args:
        corpus_dir: folder of ``*.md``/``*.txt`` files with a front-matter header and
            ``*.html``/``*.htm`` saved pages; ``README.md`` and hidden files are skipped.

    Returns:
        The articles, sorted by ``doc_id``.

    Raises:
        CorpusError: naming the file, for a missing or empty folder, an unsupported file,
            undecodable bytes, missing or invalid metadata, an empty body or a duplicate id.
    """
    articles = [_read_article(path) for path in _article_paths(corpus_dir)]
    _check_unique_ids(articles)
    return sorted(articles, key=lambda a: a.doc_id)


def corpus_fingerprint(articles: Iterable[Article]) -> str:
    """Sha256 over each article's id, metadata and text: equal corpora, equal fingerprints."""
    rows = [
        [a.doc_id, a.title, a.date, a.source, a.language.value, a.text]
        for a in sorted(articles, key=lambda a: a.doc_id)
    ]
    payload = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _article_paths(corpus_dir: Path) -> list[Path]:
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder {corpus_dir} does not exist; create it and add articles")
    paths = []
    for path in sorted(corpus_dir.iterdir()):
        if path.name.startswith(".") or path.name.lower() == "readme.md":
            continue
        if path.is_dir() or path.suffix.lower() not in TEXT_SUFFIXES + HTML_SUFFIXES:
            supported = ", ".join(TEXT_SUFFIXES + HTML_SUFFIXES)
            raise CorpusError(
                f"{path}: not an article file; the corpus holds only {supported} files "
                "(move it out of the corpus folder)"
            )
        paths.append(path)
    if not paths:
        raise CorpusError(
            f"corpus folder {corpus_dir} has no articles; add .md, .txt or .html files"
        )
    return paths


def _check_unique_ids(articles: list[Article]) -> None:
    seen: dict[str, Article] = {}
    for article in articles:
        if article.doc_id in seen:
            raise CorpusError(
                f"{seen[article.doc_id].path} and {article.path} both have id "
                f"{article.doc_id!r}; give one of them another id"
            )
        seen[article.doc_id] = article


def _read_article(path: Path) -> Article:
    data = path.read_bytes()
    if path.suffix.lower() in HTML_SUFFIXES:
        return _read_html(path, data)
    return _read_text_article(path, _decode(path, data, "utf-8"))


def _decode(path: Path, data: bytes, encoding: str) -> str:
    """Text with line endings normalised to \\n and no byte-order mark."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"{path}: not valid {encoding} (bad byte at offset {err.start}); "
            f"save the file as {encoding}"
        ) from None
    except LookupError:
        raise CorpusError(f"{path}: unknown charset {encoding!r}; save the page as UTF-8") from None
    return _normalise_newlines(text.removeprefix("\ufeff"))


def _normalise_newlines(text: str) -> str:
    # Offsets must not depend on the editor that saved the file: \r\n and lone \r become \n.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_text_article(path: Path, text: str) -> Article:
    header, body = _split_front_matter(path, text)
    meta = _parse_header(path, header)
    if not body.strip():
        raise CorpusError(f"{path}: the article body is empty; add the text after the header")
    return Article(
        doc_id=_check_id(path, meta["id"]),
        title=meta["title"],
        date=_iso_date(path, meta["date"]),
        source=meta["source"],
        language=_language(path, meta["language"]),
        text=body,
        path=str(path),
    )


def _split_front_matter(path: Path, text: str) -> tuple[str, str]:
    """Header and verbatim body; only the one blank line after the closing ``---`` goes."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        raise CorpusError(
            f"{path}: no front-matter header; start the file with a line '---', then "
            f"{', '.join(REQUIRED_KEYS)} as 'key: value' lines, then '---'"
        )
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "---":
            body = "\n".join(lines[number + 1 :])
            return "\n".join(lines[1:number]), body.removeprefix("\n")
    raise CorpusError(f"{path}: the front-matter header is not closed; add a line '---' after it")


@cache
def _header_loader() -> type[Any]:
    """A safe YAML loader that keeps dates as written (strings), so they can be checked."""
    import yaml

    class HeaderLoader(yaml.SafeLoader):
        pass

    HeaderLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return HeaderLoader


def _parse_header(path: Path, header: str) -> dict[str, str]:
    import yaml

    try:
        meta = yaml.load(header, Loader=_header_loader())
    except yaml.YAMLError as err:
        reason = str(err).splitlines()[0]
        raise CorpusError(
            f"{path}: the header is not valid YAML ({reason}); put values in double quotes"
        ) from None
    if not isinstance(meta, dict):
        raise CorpusError(f"{path}: the header must be 'key: value' lines")
    values = {key: _scalar(meta.get(key)) for key in REQUIRED_KEYS}
    missing = [key for key, value in values.items() if not value]
    if missing:
        raise CorpusError(f"{path}: header lacks {', '.join(missing)}; add a non-blank value")
    return values


def _scalar(value: object) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value)


def _check_id(path: Path, doc_id: str) -> str:
    if not _ID.fullmatch(doc_id):
        raise CorpusError(
            f"{path}: id {doc_id!r} is not allowed; use letters, digits, '.', '_' and '-', "
            "starting with a letter or digit"
        )
    return doc_id


def _iso_date(path: Path, value: str) -> str:
    """ISO 8601 form of YYYY-MM-DD or YYYY-MM-DD[T ]HH:MM[:SS]."""
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        parsed = datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        raise CorpusError(
            f"{path}: date {value!r} is not a date; write YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS"
        ) from None
    return parsed.date().isoformat() if len(value) == 10 else parsed.isoformat()


def _language(path: Path, value: str) -> Language:
    try:
        return Language(value)
    except ValueError:
        valid = ", ".join(lang.value for lang in Language)
        raise CorpusError(
            f"{path}: language {value!r} is not supported; use one of {valid}"
        ) from None


def _read_html(path: Path, data: bytes) -> Article:
    """An article extracted from a saved news page; its id is the file name without suffix."""
    page = _extract_page(_decode(path, data, _html_charset(data)))
    missing = [name for name in ("title", "date") if not page.get(name)]
    if missing:
        raise CorpusError(
            f"{path}: no {' or '.join(missing)} found in the page; save it as .md with a header"
        )
    text = page.get("text", "")
    if not text.strip():
        raise CorpusError(f"{path}: no article text found in the page; save it as .md instead")
    return Article(
        doc_id=_check_id(path, path.stem),
        title=page["title"],
        date=_iso_date(path, page["date"]),
        source=page.get("sitename") or page.get("hostname") or "not stated in the page",
        language=_html_language(data, text),
        text=text,
        path=str(path),
    )


def _extract_page(html: str) -> dict[str, str]:
    """Main text and title/date/sitename/hostname of a page, as trafilatura finds them."""
    import trafilatura

    # No extensive date search: it guesses from text such as "Copyright 2025" (-> 2025-01-01);
    # a page without a published date is refused instead.
    dates = {"extensive_search": False, "original_date": True}
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, date_extraction_params=dates
    )
    fields: dict[str, Any] = {} if doc is None else doc if isinstance(doc, dict) else doc.as_dict()
    page = {
        name: str(fields[name]).strip()
        for name in ("title", "date", "sitename", "hostname")
        if fields.get(name)
    }
    page["text"] = _normalise_newlines(str(fields.get("text") or ""))
    return page


def _html_charset(data: bytes) -> str:
    match = _HTML_CHARSET.search(data[:4096])
    charset = match.group(1).decode("ascii").lower() if match else "utf-8"
    # Pages declaring gb2312/gbk often use characters only their superset gb18030 has.
    return "gb18030" if charset in {"gb2312", "gbk"} else charset


def _html_language(data: bytes, text: str) -> Language:
    """The page's ``<html lang>`` when it is zh or en, else guessed from the text."""
    match = _HTML_LANG.search(data[:4096])
    code = match.group(1).decode("ascii").lower() if match else ""
    return Language(code) if code in {lang.value for lang in Language} else detect_language(text)
