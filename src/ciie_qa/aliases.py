"""Names the corpus itself defines as the same thing, in both languages.

An English article writes "the China International Import Expo (CIIE)" once and "the CIIE"
after; a Chinese article writes "中国国际进口博览会" once and "进博会" after. No dictionary holds
these, but the corpus says them: an acronym defined in parentheses (Schwartz & Hearst, 2003), the
long form's Chinese rendering found word by word in the Chinese text, and the Chinese
abbreviation made of the first characters of its words ("进口博览会" -> "进博会"), as Chinese
abbreviations are made. Each group lists every surface form of one name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from ciie_qa.tokens import CJK_RUN, segmenter

# Chinese words of the corpus that translate one English word ("import" -> ("进口",)).
WordTranslator = Callable[[str], Sequence[str]]

_LINKS = frozenset({"of", "and", "for", "the", "on", "in"})  # lower-case words inside a name
_LINK = "|".join(sorted(_LINKS))
# Capitalised words (with linking words between them), then the acronym in parentheses.
_ACRONYM = re.compile(rf"((?:[A-Z][\w'-]*\s+(?:(?:{_LINK})\s+)*){{1,8}})\(([A-Z]{{2,8}})\)")
_MIN_ABBREVIATION_COUNT = 2  # an abbreviation is used again and again, or it is a coincidence
_MAX_ABBREVIATION = 4


def find_aliases(
    corpus: str, translate: WordTranslator, is_word: Callable[[str], bool]
) -> list[tuple[str, ...]]:
    """Groups of names the corpus uses for one thing, each group's forms longest first.

    Args:
        corpus: the articles' text.
        translate: an English word -> Chinese words of the corpus that translate it.
        is_word: whether a Chinese string is a dictionary word (those are not abbreviations).
    """
    chinese_runs = CJK_RUN.findall(corpus)
    acronyms = _acronyms(corpus)
    short_forms = _short_strings(chinese_runs) if acronyms else Counter()
    groups = []
    for acronym, long_form in acronyms.items():
        chinese = _chinese_form(long_form, chinese_runs, translate)
        forms = [long_form, acronym]
        if chinese:
            forms += [chinese, *_abbreviations(chinese, short_forms, is_word)]
        groups.append(tuple(sorted(dict.fromkeys(forms), key=len, reverse=True)))
    return groups


def _acronyms(text: str) -> dict[str, str]:
    """ "China International Import Expo (CIIE)" -> {"CIIE": "China International Import Expo"}:
    the capitalised words just before the parentheses whose initials spell the acronym."""
    found: dict[str, str] = {}
    for match in _ACRONYM.finditer(text):
        words, acronym = match.group(1).split(), match.group(2)
        capitals = [i for i, w in enumerate(words) if w[0].isupper()]
        if len(capitals) < len(acronym):
            continue
        first = capitals[-len(acronym)]
        initials = "".join(words[i][0] for i in capitals[-len(acronym) :])
        if initials == acronym and words[-1].lower() not in _LINKS:
            found.setdefault(acronym, " ".join(words[first:]))
    return found


def _chinese_form(long_form: str, runs: Sequence[str], translate: WordTranslator) -> str:
    """The Chinese text's rendering of an English name: the translations of its words one after
    another ("中国" "国际" "进口" …); a last word without a translation ("Expo") is taken to be
    the Chinese word that follows ("博览会")."""
    words = [w for w in long_form.split() if w.lower() not in _LINKS]
    options = [translate(w) for w in words]
    untranslated_tail = not options[-1]
    if untranslated_tail:
        options = options[:-1]
    if len(options) < 2 or not all(options):
        return ""
    alternations = ("|".join(map(re.escape, sorted(o, key=len, reverse=True))) for o in options)
    pattern = re.compile("".join(f"(?:{alternation})" for alternation in alternations))
    for run in runs:
        match = pattern.search(run)
        if not match:
            continue
        if not untranslated_tail:
            return match.group(0)
        following: list[str] = segmenter().lcut(run[match.end() :])
        if following and len(following[0]) >= 2:
            return match.group(0) + following[0]
    return ""


def _short_strings(runs: Sequence[str]) -> Counter[str]:
    """How often each string of 2 to 4 Chinese characters occurs (abbreviations are short)."""
    counts: Counter[str] = Counter()
    for run in runs:
        for size in range(2, _MAX_ABBREVIATION + 1):
            counts.update(run[i : i + size] for i in range(len(run) - size + 1))
    return counts


def _abbreviations(name: str, counts: Counter[str], is_word: Callable[[str], bool]) -> list[str]:
    """Short forms of a Chinese name used in the corpus: the first characters of some of its
    words, in order, ending with its last character ("中国国际进口博览会" -> "进博会")."""
    initials = [w[0] for w in segmenter().lcut(name)]
    found = [
        short
        for short, count in counts.items()
        if count >= _MIN_ABBREVIATION_COUNT
        and short[-1] == name[-1]
        and short not in name
        and not is_word(short)
        and _is_subsequence(short[:-1], initials)
    ]
    # "博会" is only ever seen inside "进博会": the longer form is the abbreviation.
    return [short for short in found if not any(short != o and short in o for o in found)]


def _is_subsequence(letters: str, initials: Sequence[str]) -> bool:
    remaining = iter(initials)
    return all(any(letter == initial for initial in remaining) for letter in letters)
