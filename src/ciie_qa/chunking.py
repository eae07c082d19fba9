"""Pure text splitting: sentences and token-budget chunks with exact character offsets."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ciie_qa.errors import ConfigError
from ciie_qa.schema import Article, Chunk, Sentence
from ciie_qa.tokens import cl100k, count_tokens

TokenCounter = Callable[[str], int]

# Marks that always end a sentence (full-width Chinese), and ASCII ones that do in Chinese text.
_ZH_END = "。！？；"
_ASCII_END = "!?;"
_ELLIPSIS = "…"
# Closing quotes/brackets that belong to the sentence they follow ("他说:“好。”").
_CLOSERS = "”’」』）)\"']】》〕"
_OPENERS = "“‘\"'(（[【《「『"
_CLAUSE = "，,、：:"
_CREDIT = re.compile(r"\s+\([^()]{1,60}\)\s*")
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029\x0b\x0c\x85]")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# Words that end with "." without ending the sentence (case-sensitive, without the final dot).
_ABBREVIATIONS = frozenset(
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun "
    "Mr Mrs Ms Dr Prof Sr Jr St Mt Ave Rd Gen Gov Sen Rep Lt Col Capt Sgt Rev Hon "
    "U.S U.N U.K E.U U.S.A P.R Ph.D No Nos no Vol vol pp Fig fig Dept Inc Ltd Co Corp "
    "e.g i.e etc vs cf al approx est a.m p.m".split()
)


def split_sentences(article_text: str, doc_id: str) -> list[Sentence]:
    """Split an article into sentences whose offsets index ``article_text`` exactly.

    Chinese sentences end at 。！？；(and !?; in Chinese context) or "……"; English ones at
    . ! ? followed by a space and a capital, digit or quote, except after abbreviations such as
    "Nov." or "U.S." and inside decimals. A line break always ends a sentence. Closing quotes
    and brackets after an end mark stay with the sentence; surrounding whitespace is left out.

    Args:
        article_text: the full text every offset refers to.
        doc_id: the article id copied into each sentence.

    Returns:
        Sentences in text order; ``article_text[s.start:s.end] == s.text`` for each.
    """
    sentences: list[Sentence] = []
    line_start = 0
    for match in [*_LINE_BREAK.finditer(article_text), None]:
        line_end = len(article_text) if match is None else match.start()
        line = article_text[line_start:line_end]
        piece_start = 0
        for cut in [*_line_cuts(line), len(line)]:
            span = _trimmed(article_text, line_start + piece_start, line_start + cut)
            if span is not None:
                sentences.append(Sentence(doc_id, span[0], span[1], article_text[slice(*span)]))
            piece_start = cut
        line_start = line_end if match is None else match.end()
    return sentences


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without whitespace at either end, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _line_cuts(line: str) -> list[int]:
    """Offsets in one line (no line breaks) right after each sentence end."""
    cuts: list[int] = []
    i = 0
    while i < len(line):
        end = _sentence_end_at(line, i)
        if end is None:
            i += 1
        else:
            cuts.append(end)
            i = end
    return cuts


def _sentence_end_at(line: str, i: int) -> int | None:
    """Where the sentence ends if the mark at ``i`` ends one (closers included), else None."""
    ch = line[i]
    if ch in _ZH_END:
        return _absorb(line, i + 1)
    if line.startswith(_ELLIPSIS * 2, i):
        run_end = i
        while run_end < len(line) and line[run_end] == _ELLIPSIS:
            run_end += 1
        return _absorb(line, run_end)
    if ch in _ASCII_END and _chinese_context(line, i):
        return _absorb(line, i + 1)
    if ch == "." and _is_cjk(line, i - 1) and _is_cjk(line, _absorb(line, i + 1)):
        return _absorb(line, i + 1)
    if ch in ".!?" and _english_end(line, i):
        return _absorb(line, i + 1)
    return None


def _absorb(line: str, j: int) -> int:
    """Skip further end marks and closing quotes/brackets that belong to the sentence."""
    while j < len(line) and (line[j] in _CLOSERS or line[j] in _ZH_END or line[j] in ".!?"):
        j += 1
    return j


def _is_cjk(line: str, i: int) -> bool:
    return 0 <= i < len(line) and _CJK.match(line[i]) is not None


def _chinese_context(line: str, i: int) -> bool:
    """An ASCII mark between Chinese text ("增长12.5%;来自", "好!我们") ends a Chinese sentence."""
    before = i - 1
    while before >= 0 and line[before].isspace():
        before -= 1
    return _is_cjk(line, before) or _is_cjk(line, _absorb(line, i + 1))


def _english_end(line: str, i: int) -> bool:
    """An English . ! ? followed by a space and a sentence start (or nothing), not in "Nov."."""
    after = _absorb(line, i + 1)
    rest = line[after:]
    if _CREDIT.fullmatch(rest):
        return False  # "… Nov. 6, 2025. (Photo/Wang Chu)": a credit closing the line belongs here
    if rest.strip():
        nxt = rest.lstrip()[0]
        if not rest[0].isspace():
            return False
        if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or _CJK.match(nxt)):
            return False
    return line[i] != "." or not _is_abbreviation(line, i)


def _is_abbreviation(line: str, dot: int) -> bool:
    """True for "Nov.", "U.S.", "e.g.", single initials ("J. Smith") and list numbers."""
    start = dot
    while start > 0 and (line[start - 1].isalpha() or line[start - 1] == "."):
        start -= 1
    word = line[start:dot]
    if not word and line[:dot].strip().isdigit():
        return True  # a list number at the start of the line: "1. First item"
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def chunk_sentences(
    article_text: str,
    sentences: Sequence[Sentence],
    *,
    max_tokens: int,
    overlap_tokens: int,
    count: TokenCounter = count_tokens,
) -> list[Chunk]:
    """Pack consecutive whole sentences of one article into chunks of at most ``max_tokens``.

    Each chunk after the first starts with the trailing whole sentences of the previous one that
    total at most ``overlap_tokens``. A sentence longer than ``max_tokens`` is cut at clause
    punctuation (，,、：:) or, failing that, at token boundaries; a piece that cannot be cut
    further (one character over budget) becomes a chunk of its own.

    Args:
        article_text: the article text the sentences index.
        sentences: all sentences of one article, in order (from ``split_sentences``).
        max_tokens: token budget of a chunk, counted on the exact article slice.
        overlap_tokens: token budget of the sentences repeated from the previous chunk.
        count: token counter; cl100k_base by default.

    Returns:
        Chunks in text order with ``article_text[c.start:c.end] == c.text``.

    Raises:
        ConfigError: when the budgets cannot work (``max_tokens < 1`` or overlap not below it).
    """
    _check_budgets(max_tokens, overlap_tokens)
    if not sentences:
        return []
    doc_id = sentences[0].doc_id
    if any(s.doc_id != doc_id for s in sentences):
        raise ValueError("chunk_sentences takes the sentences of one article only")
    units: list[tuple[int, int]] = []
    for sentence in sentences:
        units.extend(_fit_sentence(article_text, sentence, max_tokens, count))
    return [
        _make_chunk(article_text, doc_id, units[first][0], units[last][1], count)
        for first, last in _pack(article_text, units, max_tokens, overlap_tokens, count)
    ]


def chunk_article(article: Article, *, max_tokens: int, overlap_tokens: int) -> list[Chunk]:
    """Sentences of ``article`` packed into cl100k_base token-budget chunks."""
    sentences = split_sentences(article.text, article.doc_id)
    return chunk_sentences(
        article.text, sentences, max_tokens=max_tokens, overlap_tokens=overlap_tokens
    )


def _check_budgets(max_tokens: int, overlap_tokens: int) -> None:
    if max_tokens < 1:
        raise ConfigError(f"chunk token budget must be at least 1 (got {max_tokens})")
    if not 0 <= overlap_tokens < max_tokens:
        raise ConfigError(
            f"chunk overlap must be from 0 to below the chunk budget {max_tokens} "
            f"(got {overlap_tokens})"
        )


def _make_chunk(text: str, doc_id: str, start: int, end: int, count: TokenCounter) -> Chunk:
    piece = text[start:end]
    return Chunk(f"{doc_id}:{start}-{end}", doc_id, start, end, piece, count(piece))


def _pack(
    text: str,
    units: Sequence[tuple[int, int]],
    max_tokens: int,
    overlap_tokens: int,
    count: TokenCounter,
) -> list[tuple[int, int]]:
    """Index ranges (first, last) of the units forming each chunk, overlap included."""

    def tokens(first: int, last: int) -> int:
        return count(text[units[first][0] : units[last][1]])

    ranges: list[tuple[int, int]] = []
    first = last = 0
    while True:
        # The chunk always takes the unit after the previous chunk, so the loop moves forward.
        while last + 1 < len(units) and tokens(first, last + 1) <= max_tokens:
            last += 1
        ranges.append((first, last))
        if last + 1 >= len(units):
            return ranges
        # Overlap: trailing whole units within overlap_tokens, but never so many that the next
        # chunk could not also take the next new unit (it must move forward).
        nxt = last + 1
        while nxt - 1 > first and tokens(nxt - 1, last) <= overlap_tokens:
            nxt -= 1
        while nxt <= last and tokens(nxt, last + 1) > max_tokens:
            nxt += 1
        first, last = nxt, last + 1


def _fit_sentence(
    text: str, sentence: Sentence, max_tokens: int, count: TokenCounter
) -> list[tuple[int, int]]:
    """The sentence as one span, or cut at clauses, then at token boundaries, to fit."""
    if count(sentence.text) <= max_tokens:
        return [(sentence.start, sentence.end)]
    pieces: list[tuple[int, int]] = []
    for start, end in _pack_clauses(text, sentence, max_tokens, count):
        if count(text[start:end]) <= max_tokens:
            pieces.append((start, end))
        else:
            pieces.extend(_token_cut(text, start, end, max_tokens, count))
    return pieces


def _pack_clauses(
    text: str, sentence: Sentence, max_tokens: int, count: TokenCounter
) -> list[tuple[int, int]]:
    """Clauses of the sentence (cut after ，,、：:), greedily joined while within budget."""
    clauses: list[tuple[int, int]] = []
    piece_start = sentence.start
    cuts = [sentence.start + i + 1 for i, ch in enumerate(sentence.text) if ch in _CLAUSE]
    for cut in [*cuts, sentence.end]:
        span = _trimmed(text, piece_start, cut)
        if span is not None:
            clauses.append(span)
        piece_start = cut
    packed = [clauses[0]]
    for start, end in clauses[1:]:
        if count(text[packed[-1][0] : end]) <= max_tokens:
            packed[-1] = (packed[-1][0], end)
        else:
            packed.append((start, end))
    return packed


def _token_cut(
    text: str, start: int, end: int, max_tokens: int, count: TokenCounter
) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` at cl100k token ends (never inside a character) to fit."""
    bounds = _token_bounds(text[start:end])
    pieces: list[tuple[int, int]] = []
    pos = 0
    while pos < len(bounds):
        best = _longest_fitting(text, start, bounds, pos, max_tokens, count)
        span = _trimmed(text, start + (bounds[pos - 1] if pos else 0), start + bounds[best])
        if span is not None:
            pieces.extend(_recut_if_over(text, span, (start, end), max_tokens, count))
        pos = best + 1
    return pieces


def _recut_if_over(
    text: str,
    span: tuple[int, int],
    outer: tuple[int, int],
    max_tokens: int,
    count: TokenCounter,
) -> list[tuple[int, int]]:
    """A trimmed piece may count more tokens than it did inside the line (a word with its
    leading space may be one token, the bare word two): cut it again on its own token boundaries."""
    if count(text[slice(*span)]) <= max_tokens or span == outer:
        return [span]
    return _token_cut(text, span[0], span[1], max_tokens, count)


def _longest_fitting(
    text: str, start: int, bounds: list[int], pos: int, max_tokens: int, count: TokenCounter
) -> int:
    """Largest index k >= pos with the trimmed piece up to bounds[k] within budget (else pos)."""
    origin = start + (bounds[pos - 1] if pos else 0)

    def fits(k: int) -> bool:
        span = _trimmed(text, origin, start + bounds[k])
        return span is None or count(text[slice(*span)]) <= max_tokens

    # Binary search assumes longer prefixes never count fewer tokens; BPE almost always obeys
    # that, and each answer is verified, so a rare exception only makes a piece shorter.
    low, high = pos, len(bounds) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if fits(mid):
            low = mid
        else:
            high = mid - 1
    while low > pos and not fits(low):
        low -= 1
    # Prefer ending between words when the piece holds a word break ("zeta", not "z" + "eta").
    for k in range(low, pos - 1, -1):
        if k == len(bounds) - 1 or text[start + bounds[k]].isspace():
            return k
    return low


def _token_bounds(piece: str) -> list[int]:
    """Character offsets in ``piece`` where a cl100k token ends on a character boundary."""
    encoding = cl100k()
    char_at_byte: dict[int, int] = {}
    offset = 0
    for index, ch in enumerate(piece):
        offset += len(ch.encode("utf-8"))
        char_at_byte[offset] = index + 1
    bounds: list[int] = []
    offset = 0
    for token in encoding.encode(piece, disallowed_special=()):
        offset += len(encoding.decode_single_token_bytes(token))
        if offset in char_at_byte:
            bounds.append(char_at_byte[offset])
    return bounds
