"""Token counting (tiktoken cl100k_base, offline), lexical tokens for BM25 in both languages, and
a user's text read as the articles are written (width, case), and Chinese read in simplified
characters whatever script it is written in."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from ciie_qa.errors import ModelError
from ciie_qa.schema import Language

if TYPE_CHECKING:
    import jieba
    import jieba.posseg
    import opencc
    import Stemmer
    import tiktoken

# tiktoken's published sha256 of cl100k_base.tiktoken (tiktoken_ext/openai_public.py).
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
_CL100K_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
_CL100K_SPECIAL = {
    "<|endoftext|>": 100257,
    "<|fim_prefix|>": 100258,
    "<|fim_middle|>": 100259,
    "<|fim_suffix|>": 100260,
    "<|endofprompt|>": 100276,
}

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{_CJK}]")
# Combining accents on a Latin letter (after NFD); marks on other scripts stay.
_LATIN_MARKS = re.compile(r"(?<=[a-z])[\u0300-\u036f]+")
# Latin letters that NFD does not split into a letter and an accent.
_LATIN_LETTERS = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)
CJK_RUN = re.compile(f"[{_CJK}]{{2,}}")  # two or more CJK characters in a row
# Latin letters, accented ones too (not × or ÷): a word is not cut at its "ü" or "ø".
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
# An ordinal, a number (with thousands separators / decimals), or a Latin word.
NUMBER_OR_WORD = rf"\d+(?:st|nd|rd|th)\b|\d+(?:,\d{{3}})*(?:\.\d+)?|[{_LATIN}]+(?:['’][{_LATIN}]+)*"
# A run of CJK characters, a number or a Latin word, or a percent sign.
_LEXICAL_PIECE = re.compile(rf"[{_CJK}]+|{NUMBER_OR_WORD}|%")

# Function words that carry no topic; kept short on purpose so content words are never lost.
_EN_STOP = frozenset(
    "a an the of in on at to for from by with and or as is are was were be been being it its "
    "this that these those there their they them he she his her what which who whom whose when "
    "where why how does do did has have had will would can could should may might into than then "
    "so such not no about over also any all each per s".split()
)
_ZH_STOP = frozenset(
    "的 了 在 是 和 与 及 或 也 都 就 而 并 被 把 对 为 以 于 上 中 这 那 个 些 有 吗 呢 吧 啊 "
    "哪 哪些 哪个 什么 多少 几 谁 怎么 怎样 如何 为什么 是否 其 之 等 该 此 它 他 她 们".split()
)


@cache
def cl100k() -> tiktoken.Encoding:
    """The cl100k_base encoding, read from the file shipped in this package (no network)."""
    import tiktoken

    data = resources.files("ciie_qa").joinpath("data/cl100k_base.tiktoken").read_bytes()
    if hashlib.sha256(data).hexdigest() != CL100K_SHA256:
        raise ModelError(
            "the bundled cl100k_base.tiktoken file is damaged (sha256 mismatch); reinstall ciie-qa"
        )
    ranks = {
        base64.b64decode(token): int(rank)
        for token, rank in (line.split() for line in data.splitlines() if line)
    }
    return tiktoken.Encoding(
        name="cl100k_base",
        pat_str=_CL100K_PATTERN,
        mergeable_ranks=ranks,
        special_tokens=_CL100K_SPECIAL,
    )


def count_tokens(text: str) -> int:
    """Number of cl100k_base tokens in ``text`` (special-token text counts as ordinary text)."""
    return len(cl100k().encode(text, disallowed_special=()))


def cjk_share(text: str) -> float:
    """Share of CJK ideographs among the letters and digits of ``text`` (0 for none)."""
    letters = [ch for ch in text if ch.isalnum()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _CJK_CHAR.match(ch)) / len(letters)


@lru_cache(maxsize=65_536)  # the reader asks again for the same sentences at every step
def detect_language(text: str) -> Language:
    """Chinese when at least a fifth of the letters are CJK ideographs, else English."""
    return Language.ZH if cjk_share(text) >= 0.2 else Language.EN


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower case and full-width to half-width, one character for one, so offsets still hold.

    Cached: the reader folds the same sentences and question many times per answer."""
    return "".join(_fold_char(ch) for ch in text)


@lru_cache(maxsize=65_536)
def _fold_char(ch: str) -> str:
    folded = unicodedata.normalize("NFKC", ch).lower()
    if len(folded) == 1:
        return folded
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


def normalize_text(text: str) -> str:
    """NFKC (full-width to half-width), lower case, Latin letters without their accents
    ("Düsseldorf" and "Dusseldorf", "Ørsted" and "Orsted" meet), Chinese in simplified
    characters ("展覽" and "展览" meet): the form lexical matching compares."""
    text = unicodedata.normalize("NFKC", text).lower()
    if text.isascii():
        return text
    text = simplified(text)
    # NFD first ("ǿ" is "ø" and an accent), then the letters NFD keeps whole, then the accents.
    bare = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text).translate(_LATIN_LETTERS))
    return unicodedata.normalize("NFC", bare)


def simplified(text: str) -> str:
    """``text`` with its Chinese written in simplified characters, one character for one so
    that offsets still hold ("展覽面積多大?" -> "展览面积多大?"): the script jieba's dictionary,
    CC-CEDICT's headwords and the reader's patterns are written in, so an article or a question
    in traditional characters is read as well as one in simplified. Other characters, and text
    without Chinese, unchanged."""
    if not _CJK_CHAR.search(text):
        return text
    return _CJK_STRETCH.sub(lambda run: _simplified_run(run.group()), text)


_CJK_STRETCH = re.compile(f"[{_CJK}]+")


def _simplified_run(run: str) -> str:
    """One stretch of Chinese characters converted by phrase; where OpenCC would write it with
    another number of characters, one character at a time. Stretch by stretch, a phrase that
    shortens and one that lengthens elsewhere cannot cancel out and shift what lies between."""
    converted: str = _to_simplified().convert(run)
    if len(converted) == len(run):
        return converted
    return "".join(map(_simplified_char, run))


@lru_cache(maxsize=65_536)
def _simplified_char(ch: str) -> str:
    converted: str = _to_simplified().convert(ch)
    return converted if len(converted) == 1 else ch


@dataclass(frozen=True)
class QuestionForm:
    """How a user's text is rewritten to be read like the articles: full-width letters, digits
    and punctuation at their usual width ("２０２４年", "ＣＩＩＥ", "？" as "2024年", "CIIE",
    "?"; no more of NFKC, which reads "㎡" as "m2" and "①" as "1", numbers the evidence
    would lack), its Chinese in simplified characters (as the reader reads every text), and an
    English question whose case says nothing (all lower case, all capitals, every word
    capitalised) given the case of the articles: a capitalised word is a name the evidence
    must hold."""

    casing: Mapping[str, str] = field(default_factory=dict)  # "ciie" -> "CIIE": names
    common: frozenset[str] = frozenset()  # words written in lower case: "department"

    def of(self, text: str) -> str:
        text = simplified(text.translate(_USUAL_WIDTH))
        text = _CHINESE_GAP.sub("", text)  # "进博会 展览面积 多大" is "进博会展览面积多大"
        text = _MOOD_PARTICLE.sub("", text)  # "在哪里举办呀?" asks "在哪里举办?"
        return _cased(text, self)


def question_form(
    sentences: Iterable[str], names: Iterable[str] = (), common: Iterable[str] = ()
) -> QuestionForm:
    """The ``QuestionForm`` for a corpus of ``sentences`` (the index's, split by chunking): as
    names, the English words it never writes in lower case (a
    sentence's first word only before another capitalised word: "Hamid Rashid, …") and the
    words of ``names`` (glosses of its Chinese words: "法国" -> "France"), unless ``common``
    (words a dictionary writes in lower case) holds them: "the UN Department of …" makes no
    name of "department"."""
    capitalised: Counter[str] = Counter()
    lowered: set[str] = set()
    for text in sentences:
        for match in _EN_WORD.finditer(text):
            word = match.group(0)
            if word.islower():
                lowered.add(word)
            elif not _opens(text, match) or _NEXT_CAPITALISED.match(text, match.end()):
                capitalised[word] += 1
    for name in names:
        capitalised.update(_EN_WORD.findall(name))
    not_names = lowered | set(common)
    casing: dict[str, str] = {}
    for form, _ in capitalised.most_common():
        key = form.lower()
        if len(key) > 1 and key not in not_names:
            casing.setdefault(key, form)
    return QuestionForm(casing, frozenset(not_names))


# Spaces between Chinese characters (or a Chinese character and a digit) mean nothing: the
# articles write none, and the reader's patterns ("多少家", "哪个") expect none.
_CHINESE_GAP = re.compile(
    rf"(?<=[{_CJK}\d])\s+(?=[{_CJK}?？。，！：；])|(?<=[{_CJK}])\s+(?=[\d?!,.:;])"
)
# A particle of mood ending a Chinese question (呀, 啊, 哇, 哦, 嘛, 啦) adds a word no article
# holds; 吗 and 呢 ask (a yes/no question, "那展览面积呢?") and stay, as do 喇嘛, 干嘛 ("what
# for"), 爪哇 and 啦啦.
_MOOD_PARTICLE = re.compile(
    rf"(?<=[{_CJK}])(?<![喇干爪啦])[呀啊哇哦嘛啦](?=\s*[?？!！。.~～]*\s*$)"
)
# Full-width forms of ASCII (U+FF01-FF5E) and the ideographic space -> their usual width.
_USUAL_WIDTH = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20}
# An English word; not the "th" of "8th".
_EN_WORD = re.compile(r"(?<![0-9A-Za-z])[A-Za-z][A-Za-z'’-]*")
_NEXT_CAPITALISED = re.compile(r"\s+[A-Z]")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
# Words a headline leaves in lower case ("Where Was the Report Released?"); fewer than the stop
# words, or "Who is Jane Doe?" would be a headline and its unknown name lowered.
_TITLE_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to with".split())


def _opens(sentence: str, word: re.Match[str]) -> bool:
    """Whether ``word`` is the sentence's first (capitalised whatever it is)."""
    return not _EN_WORD.search(sentence, 0, word.start()) and not _CJK_CHAR.search(
        sentence, 0, word.start()
    )


def _cased(text: str, form: QuestionForm) -> str:
    """``text`` with the articles' case when its own says nothing: all lower case, all
    capitals ("WHO IS IT?" may ask about the WHO: four words at least), or every word
    capitalised (four words at least; "the", "of" may stay small). Words known as names take
    their case; in capitals, a short word no text writes in lower case stays ("WTO")."""
    if detect_language(text) is not Language.EN:
        return text  # a Latin word in Chinese is a name or code whatever its case ("WTO")
    words = _EN_WORD.findall(text)
    letters = "".join(words)
    shouted = letters.isupper() and len(words) >= 4
    titled = (
        len(words) >= 4
        and not letters.isupper()
        and not any(w.islower() for w in words if w not in _TITLE_SMALL_WORDS)
    )
    if not (letters.islower() or shouted or titled):
        return text

    def recased(word: str) -> str:
        possessive = _POSSESSIVE.search(word)
        base = word[: possessive.start()] if possessive else word
        ending = word[len(base) :].lower()
        key = base.lower()
        if key in form.casing:
            return form.casing[key] + ending
        if titled:  # "Attended" is no name; "CIIE", "eVTOL" keep their own case
            return key + ending if base[0].isupper() and base[1:].islower() else word
        # In capitals, a short word no text writes in lower case is taken for an acronym.
        acronym = shouted and len(base) <= 4 and key not in form.common
        return word if acronym else key + ending

    cased = _EN_WORD.sub(lambda m: recased(m.group(0)), text)
    first = _EN_WORD.search(cased)
    if first is None or first.start() != len(cased) - len(cased.lstrip()):
        return cased
    return cased[: first.start()] + cased[first.start()].upper() + cased[first.start() + 1 :]


@cache
def _to_simplified() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")  # by phrase: "乾燥" becomes 干燥, "乾隆" stays 乾隆


@cache
def segmenter() -> jieba.Tokenizer:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba prints a banner on first use otherwise
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@cache
def _pos_tagger() -> jieba.posseg.POSTokenizer:
    import jieba.posseg

    return jieba.posseg.POSTokenizer(segmenter())


@lru_cache(maxsize=4096)
def tagged(text: str) -> tuple[tuple[int, int, str], ...]:
    """jieba's words of ``text`` as (start, end, part-of-speech flag); a sentence is tagged
    once however many answer types and question views look at it."""
    words: list[tuple[int, int, str]] = []
    position = 0
    for pair in _pos_tagger().cut(text):
        start = text.find(pair.word, position)
        position = start + len(pair.word)
        words.append((start, position, pair.flag))
    return tuple(words)


class WordIndex(NamedTuple):
    """``tagged(text)`` looked up by position."""

    by_start: Mapping[int, tuple[int, str]]  # start -> (end, flag)
    ends: Mapping[int, str]  # end -> flag of the word ending there


@lru_cache(maxsize=4096)
def word_index(text: str) -> WordIndex:
    """jieba's words of ``text`` by where they start and end, built once per sentence."""
    words = tagged(text)
    return WordIndex({s: (e, f) for s, e, f in words}, {e: f for _, e, f in words})


def word_start(text: str, position: int) -> int:
    """The start of jieba's word that ``position`` falls inside, else ``position`` itself."""
    for start, (end, _) in word_index(text).by_start.items():
        if start < position < end:
            return start
    return position


def lexical_tokens(text: str) -> list[str]:
    """Content tokens for BM25 and overlap: jieba words (Chinese), words and numbers (English)."""
    tokens: list[str] = []
    for piece in _LEXICAL_PIECE.findall(normalize_text(text)):
        if _CJK_CHAR.match(piece):
            tokens.extend(_chinese_tokens(piece))
        elif piece[0].isdigit():
            tokens.append(piece.replace(",", ""))
        elif piece not in _EN_STOP:
            tokens.append(_stem(piece))
    return tokens


def _chinese_tokens(run: str) -> list[str]:
    # Search mode yields both long words and their parts. Character bigrams (marked with "~")
    # are added because jieba splits names it does not know ("世博会" -> "世", "博会") and may
    # split the same name differently in a question and in an article; bigrams still meet.
    jieba_words = segmenter()
    words = [w for w in jieba_words.cut_for_search(run) if w.strip() and w not in _ZH_STOP]
    bigrams: list[str] = []
    for stretch in _stretches_between_stop_words(jieba_words.lcut(run)):
        bigrams.extend("~" + stretch[i : i + 2] for i in range(len(stretch) - 1))
    return words + bigrams


def _stretches_between_stop_words(words: list[str]) -> list[str]:
    stretches, current = [], ""
    for word in words:
        if word in _ZH_STOP:
            stretches.append(current)
            current = ""
        else:
            current += word
    stretches.append(current)
    return [s for s in stretches if len(s) >= 2]


# Past forms of common irregular English verbs (news reporting and figures), to their base.
_IRREGULAR = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "made": "make",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "grew": "grow",
    "grown": "grow",
    "won": "win",
    "held": "hold",
    "began": "begin",
    "begun": "begin",
    "saw": "see",
    "seen": "see",
    "met": "meet",
    "found": "find",
    "built": "build",
    "led": "lead",
    "brought": "bring",
    "sold": "sell",
    "paid": "pay",
    "left": "leave",
    "kept": "keep",
    "became": "become",
    "came": "come",
    "went": "go",
    "gone": "go",
    "ran": "run",
    "drew": "draw",
    "drawn": "draw",
    "shown": "show",
    "sent": "send",
    "spent": "spend",
    "struck": "strike",
    "thought": "think",
    "bought": "buy",
    "chose": "choose",
    "chosen": "choose",
}


@cache
def _stemmer() -> Stemmer.Stemmer:
    import Stemmer

    return Stemmer.Stemmer("english")


def _stem(word: str) -> str:
    """Snowball (Porter 2) stem, so "attracted" meets "attract" and "companies" meets "company";
    irregular past forms first go to their base ("said" -> "say", "rose" -> "rise")."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = _IRREGULAR.get(word, word)
    stemmed: str = _stemmer().stemWord(word)
    return stemmed
