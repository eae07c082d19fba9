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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial
from typing import NamedTuple, TypeVar

from ciie_qa.aliases import find_aliases
from ciie_qa.dictionary import NOT_A_TRANSLATION, cedict, english_words, surnames
from ciie_qa.reader.question import anchor_keys, ordinal_spellings
from ciie_qa.schema import Language
from ciie_qa.tokens import CJK_RUN, cjk_share, lexical_tokens, simplified

Alternative = frozenset[str]
T = TypeVar("T")
Translations = Mapping[str, tuple[Alternative, ...]]

# A gloss longer than this (in content words) explains rather than translates.
_MAX_GLOSS_WORDS = 3
# Translations kept per question word, most specific first: more only adds noise.
_MAX_ALTERNATIVES = 6

_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Dictionary shorthand that is not a content word.
_GLOSS_FILLER = frozenset("sth sb etc lit fig esp one oneself someone something".split())


class _Form(NamedTuple):
    """One surface form of a name and the lexical tokens that show it in a text."""

    text: str
    tokens: Alternative  # English stems, or character bigrams for a Chinese form


class _Entry(NamedTuple):
    """A Chinese word of the corpus under one of its English glosses."""

    gloss: Alternative  # the gloss's content stems
    bigrams: Alternative  # the word's character bigrams (how the index sees it)
    word: str


@dataclass(frozen=True)
class Glossary:
    """Word-for-word translations between Chinese and English, limited to a corpus.

    Args:
        dictionary: a Chinese word -> its English glosses, as written in the dictionary.
        en_to_zh: an English stem -> the Chinese words of the corpus with a gloss holding it;
            a word applies when the question holds every stem of its gloss.
        known: whether the corpus holds a lexical token (English glosses are kept only then).
        aliases: groups of forms the corpus uses for one name ("WTO", "世贸组织", …).
        romanized: a pinyin spelling -> the corpus's Chinese words spelled so ("tonglan" ->
            桐岚): how an English text writes a Chinese name no dictionary holds.
    """

    dictionary: Mapping[str, tuple[str, ...]]
    en_to_zh: Mapping[str, tuple[_Entry, ...]]
    known: Callable[[str], bool]
    aliases: tuple[tuple[_Form, ...], ...] = ()
    romanized: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def translate(
        self, tokens: Sequence[str], language: Language, names: Sequence[str] = ()
    ) -> Translations:
        """Each question token that has translations -> those translations (other language).
        ``names`` are the names the question writes: only their words may be pinyin."""
        if language is Language.ZH:
            translations = self._from_chinese(tokens)
        else:
            translations = self._from_english(tokens, _name_words(names))
        for token in tokens:
            ordinals = _ordinal_forms(token, language)
            if ordinals:
                translations[token] = (*translations.get(token, ()), *ordinals)
        return translations

    def names(self) -> list[str]:
        """The glosses of the corpus's Chinese words that are a name and nothing more
        ("法国" -> "France"; not "Bob Dole, US Republican politician" nor "CL:个")."""
        words = {entry.word for entries in self.en_to_zh.values() for entry in entries}
        found = []
        for word in sorted(words):
            for gloss in self.dictionary[word]:
                bare = _PARENTHESES.sub("", gloss).strip()
                parts = bare.split()
                if (
                    parts
                    and not NOT_A_TRANSLATION.match(gloss)
                    and all(_NAME_PART.fullmatch(p) for p in parts)
                ):
                    found.append(bare)
        return found

    def common_words(self) -> frozenset[str]:
        """English words the dictionary's glosses write in lower case often (five times or
        more): "department", "president", "us" are no names, "china" (porcelain) and "xi"
        (a Greek letter) still may be."""
        if self.dictionary is cedict():  # CC-CEDICT: counted once per process
            return _cedict_common_words()
        return _common_gloss_words(self.dictionary)

    def other_forms(self, tokens: Sequence[str]) -> dict[str, tuple[Alternative, ...]]:
        """Question token -> the tokens of the other forms (either language) of the name it
        is part of ("wto" -> the bigrams of "世贸组织"). Kept apart from translations: a name is
        in most sentences of its article, so its forms would swamp a ranking by them."""
        present = set(tokens)
        found: dict[str, tuple[Alternative, ...]] = {}
        for group in self.aliases:
            used = [form for form in group if form.tokens <= present]
            others = tuple(form.tokens for form in group if form not in used)
            for form in used:
                for token in tokens:
                    # A Chinese bigram may stand inside a form; an English stem only as a
                    # token ("port" is no part of "Import").
                    chinese = not token.isascii()
                    if token in form.tokens or (chinese and token.lstrip("~") in form.text):
                        found[token] = found.get(token, ()) + others
        return found

    def name_forms(
        self, tokens: Sequence[str], names: Sequence[str]
    ) -> dict[str, tuple[Alternative, ...]]:
        """Question token -> the other forms of the name it is part of: those the corpus
        gives (``other_forms``) and the pinyin a name word spells (``spelled_forms``)."""
        found = self.other_forms(tokens)
        for token, forms in self.spelled_forms(names).items():
            found[token] = (*found.get(token, ()), *forms)
        return found

    def spelled_forms(self, names: Sequence[str]) -> dict[str, tuple[Alternative, ...]]:
        """Each word of the question's names that spells a Chinese word of the corpus in
        pinyin -> that word's bigrams ("ligang" -> 溧岗): another form of the name, as sure as
        one the corpus gives, unlike a dictionary's translation ("Chile" -> 智利 is a guess)."""
        found: dict[str, tuple[Alternative, ...]] = {}
        for token, word in _name_words(names).items():
            forms = _first_distinct(entry.bigrams for entry in self._spelled(word))
            if forms:
                found[token] = forms
        return found

    def _from_chinese(self, tokens: Sequence[str]) -> dict[str, tuple[Alternative, ...]]:
        translations: dict[str, tuple[Alternative, ...]] = {}
        for token in tokens:
            glosses = self.dictionary.get(token, ())
            # A verb-and-object gloss ("to reach a deal") is met whole, or else by its object
            # ("deal"): an article seldom words it as the gloss does.
            stem_sets = [
                *(_gloss_stems(g) for g in glosses),
                *(_gloss_head(g) for g in glosses),
            ]
            found = [s for s in stem_sets if s and all(self.known(stem) for stem in s)]
            if not found and not glosses:
                # a name the dictionary does not know: its pinyin, as an English text writes it
                found = [s for s in _pinyin_spellings(token) if all(map(self.known, s))]
            if found:
                translations[token] = _first_distinct(found)
        return translations

    def _from_english(
        self, tokens: Sequence[str], name_words: Mapping[str, str]
    ) -> dict[str, tuple[Alternative, ...]]:
        present = set(tokens)
        translations: dict[str, tuple[Alternative, ...]] = {}
        for token in tokens:
            # A gloss of several words ("public transport") is more specific than one word.
            matched = (
                sorted(
                    (entry for entry in self.en_to_zh.get(token, ()) if entry.gloss <= present),
                    key=lambda entry: -len(entry.gloss),
                )
                or self._place_of(token)
                # a word of a name the dictionary does not know may be its pinyin
                or self._spelled(name_words.get(token, ""))
            )
            found = _first_distinct(entry.bigrams for entry in matched)
            if found:
                translations[token] = found
        return translations

    def _spelled(self, word: str) -> list[_Entry]:
        """The corpus's Chinese words whose pinyin is ``word`` ("tonglan" -> 桐岚)."""
        entries = [
            _Entry(frozenset({word}), _bigrams(chinese), chinese)
            for chinese in self.romanized.get(word, ())
            if self._may_be_spelled(chinese, word)
        ]
        return [entry for entry in entries if entry.bigrams]

    def _may_be_spelled(self, chinese: str, word: str) -> bool:
        """A word the dictionary has is written in English as its glosses say ("巴黎" is
        "Paris", not "Bali"); one it lacks may be written in its pinyin."""
        glosses = self.dictionary.get(chinese)
        return glosses is None or any(word in gloss.lower().split() for gloss in glosses)

    def _place_of(self, token: str) -> list[_Entry]:
        """A demonym without a gloss of its own ("kenyan", "brazilian") stands for its place:
        the first base form the dictionary has as a proper noun ("Kenya" -> "肯尼亚")."""
        for base in _demonym_bases(token):
            stems = lexical_tokens(base)
            if len(stems) != 1:
                continue
            entries = [
                entry
                for entry in self._one_word_entries(stems[0])
                if any(g[:1].isupper() for g in self.dictionary.get(entry.word, ()))
            ]
            if entries:
                return entries
        return []

    def synonyms(self, stems: Iterable[str]) -> frozenset[str]:
        """English stems that share a one-word Chinese translation with one of ``stems``
        ("car" and "automobile" are both "汽车"): the same kind of thing, said otherwise. Only
        one-word glosses on both sides and only stems the corpus holds, to keep senses close."""
        asked = frozenset(stems)
        found: set[str] = set()
        for stem in asked:
            words = (entry.word for entry in self._one_word_entries(stem))
            for gloss in (g for word in words for g in self.dictionary.get(word, ())):
                other = _gloss_stems(gloss)
                if len(other) == 1 and all(map(self.known, other)):
                    found |= other
        return frozenset(found - asked)

    def nouns(self, noun: str, language: Language) -> tuple[str, ...]:
        """The other language's words for a noun the question asks for, as they are written
        ("museum" -> "博物馆"; "港口" -> "port"): only one-word translations, which name the same
        kind of thing rather than explain it."""
        if not noun:
            return ()
        if language is Language.ZH:
            words = (_one_word(gloss) for gloss in self.dictionary.get(noun, ()))
            found = [w for w in words if w and all(map(self.known, lexical_tokens(w)))]
        else:
            stems = lexical_tokens(noun)
            entries = self._one_word_entries(stems[0]) if len(stems) == 1 else []
            found = [entry.word for entry in entries]
        return _first_distinct(found)

    def _one_word_entries(self, stem: str) -> list[_Entry]:
        """The corpus's Chinese words with a gloss that is this one English word alone."""
        return [entry for entry in self.en_to_zh.get(stem, ()) if entry.gloss == {stem}]


def _ordinal_forms(token: str, language: Language) -> tuple[Alternative, ...]:
    """An ordinal in the other language's words: "8th" -> "第八"; "第八届" -> "8th", "eighth"."""
    numbers = [int(key[4:]) for key in anchor_keys(token) if key.startswith("ord:")]
    if len(numbers) != 1:
        return ()
    other = Language.EN if language is Language.ZH else Language.ZH
    return tuple(_form_tokens(spelling) for spelling in ordinal_spellings(numbers[0], other))


def _first_distinct(items: Iterable[T]) -> tuple[T, ...]:
    """The first ``_MAX_ALTERNATIVES`` distinct items, in order."""
    return tuple(dict.fromkeys(items))[:_MAX_ALTERNATIVES]


def _demonym_bases(word: str) -> list[str]:
    """Place names a demonym may come from: Kenyan -> Kenya, European -> Europe, Sicilian ->
    Sicily, Brazilian -> Brazil, Vietnamese -> Vietnam, Maltese -> Malta."""
    if word.endswith("es"):  # the stemmer writes "vietnamese" as "vietnames"
        root = word[:-3] if word.endswith("ese") else word[:-2]
        return [root, root + "a"]
    if word.endswith("an") and len(word) > 4:
        return [word[:-1], word[:-2], word[:-3], word[:-3] + "y", word[:-4]]
    return []


def _one_word(gloss: str) -> str:
    """The gloss's word if it has a single content word ("forum (for discussion)" -> "forum")."""
    stems = _gloss_stems(gloss)
    if len(stems) != 1:
        return ""
    words = _PARENTHESES.sub(" ", gloss).split()
    return next((w.lower() for w in words if frozenset(lexical_tokens(w)) == stems), "")


def build_glossary(texts: Iterable[str], known: Callable[[str], bool]) -> Glossary:
    """The glossary for a corpus: Chinese words that occur in ``texts``, English stems that
    ``known`` accepts (the index's vocabulary)."""
    corpus = simplified("\n".join(texts))  # the dictionary's headwords are simplified
    dictionary = cedict()
    en_to_zh: dict[str, list[_Entry]] = defaultdict(list)
    for word in _words_in(corpus, dictionary):
        bigrams = _bigrams(word)
        if not bigrams:
            continue
        for stems in map(_gloss_stems, dictionary[word]):
            for stem in stems:
                en_to_zh[stem].append(_Entry(stems, bigrams, word))
    glossary = Glossary(
        dictionary=dictionary,
        en_to_zh={s: tuple(entries) for s, entries in en_to_zh.items()},
        known=known,
    )
    in_chinese = partial(glossary.nouns, language=Language.EN)  # "import" -> ("进口",)
    groups = find_aliases(corpus, in_chinese, dictionary.__contains__)
    forms = tuple(tuple(_Form(text, _form_tokens(text)) for text in group) for group in groups)
    return replace(glossary, aliases=forms, romanized=_romanized_words(corpus))


# Pinyin spans of two to four characters: a place or a given name ("桐岚", "秋禾").
_ROMANIZED_CHARACTERS = range(2, 5)
# What a Chinese place name ends in and its English form says in a word of its own
# ("桐岚县" is "Tonglan County").
_PLACE_SUFFIXES = "县市省区镇村乡州山河湖江岛港"


def _romanized_words(corpus: str) -> dict[str, tuple[str, ...]]:
    """Each pinyin spelling of two to four characters of the corpus's Chinese text -> the
    spans spelled so."""
    from pypinyin import lazy_pinyin

    found: dict[str, dict[str, None]] = defaultdict(dict)
    for run in CJK_RUN.findall(corpus):
        syllables = lazy_pinyin(run)
        if len(syllables) != len(run):
            continue  # a character pypinyin reads as more than one syllable, or none
        for start in range(len(run) - 1):
            for length in _ROMANIZED_CHARACTERS:
                if start + length <= len(run):
                    spelled = "".join(syllables[start : start + length])
                    found[spelled][run[start : start + length]] = None
    return {spelled: tuple(words) for spelled, words in found.items()}


def _name_words(names: Sequence[str]) -> dict[str, str]:
    """The stem of each word of the question's names that may be pinyin -> the word: not an
    English word ("women" is no 我们; "County" of "Tonglan County" is no pinyin)."""
    english = english_words()
    found: dict[str, str] = {}
    for word in re.findall(r"[a-z]+", " ".join(names).lower()):
        stems = lexical_tokens(word)
        if word not in english and len(stems) == 1:
            found[stems[0]] = word
    return found


def _pinyin_spellings(word: str) -> list[Alternative]:
    """How an English text may write a Chinese name: its pinyin ("岚溪" -> "Lanxi"), without
    a place suffix ("桐岚县" -> "Tonglan"), a person's surname and given name apart ("邓秋禾" ->
    "Deng Qiuhe")."""
    if len(word) < 2 or cjk_share(word) < 1.0:
        return []
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(word)
    spellings = ["".join(syllables)]
    if word[-1] in _PLACE_SUFFIXES and len(word) >= 3:
        spellings.append("".join(syllables[:-1]))
    if word[0] in surnames() and len(word) >= 3:
        spellings.append(f"{syllables[0]} {''.join(syllables[1:])}")
    english = english_words()
    return [
        frozenset(lexical_tokens(s))
        for s in spellings
        if not any(part in english for part in s.split())
    ]


def _form_tokens(text: str) -> Alternative:
    """How a name shows in the index: its bigrams if Chinese, else its stems."""
    return _bigrams(text) if cjk_share(text) > 0.5 else frozenset(lexical_tokens(text))


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


@cache  # asked again for the same glosses at every question
def _gloss_stems(gloss: str) -> Alternative:
    """The content stems of one dictionary gloss ("to open (a conference)" -> {"open"}), or
    nothing when the gloss is a cross-reference or too long to be a translation."""
    if NOT_A_TRANSLATION.match(gloss):
        return frozenset()
    words = _PARENTHESES.sub(" ", gloss).replace("-", " ")
    stems = [t for t in lexical_tokens(words) if t not in _GLOSS_FILLER and not t[0].isdigit()]
    if not stems or len(stems) > _MAX_GLOSS_WORDS or cjk_share(words) > 0:
        return frozenset()
    return frozenset(stems)


# "to reach a deal": a verb and its object; "section chief": a compound noun. Either is met by
# the noun named last. Not so a verb with its particle ("to set up"), an adverb ("to work
# together") or a hyphenated adjective ("open-minded").
_VERB_AND_OBJECT = re.compile(r"^to [a-z]+ (?:a|an|the) ([a-z]+)$")
_COMPOUND_NOUN = re.compile(r"^(?!to )[a-z]+(?: [a-z]+){1,2}$")
_NOT_A_HEAD = frozenset("up out off down over away back together on in".split())


@cache
def _gloss_head(gloss: str) -> Alternative:
    """The noun a phrase gloss ends in ("deal" of "to reach a deal", "chief" of "section
    chief"), or nothing."""
    text = _PARENTHESES.sub(" ", gloss).strip()
    found = _VERB_AND_OBJECT.match(text)
    head = found.group(1) if found else text.rsplit(" ", 1)[-1]
    if (not found and not _COMPOUND_NOUN.match(text)) or head in _NOT_A_HEAD:
        return frozenset()
    return frozenset(lexical_tokens(head))


def _bigrams(word: str) -> Alternative:
    return frozenset(t for t in lexical_tokens(word) if t.startswith("~"))


# A word of a name: capitalised ("France", "New"), an acronym ("US"), "of"/"and" between.
_NAME_PART = re.compile(r"[A-Z][A-Za-z'’.-]*|of|and|the")
_GLOSS_WORD = re.compile(r"(?<![0-9A-Za-z])[a-z][a-z'’-]*(?![0-9A-Za-z])")


@cache
def _cedict_common_words() -> frozenset[str]:
    return _common_gloss_words(cedict())


def _common_gloss_words(dictionary: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    counts: Counter[str] = Counter()
    for glosses in dictionary.values():
        for gloss in glosses:
            counts.update(_GLOSS_WORD.findall(_PARENTHESES.sub(" ", gloss)))
    return frozenset(word for word, n in counts.items() if n >= 5)
