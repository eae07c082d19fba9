"""Names the corpus itself defines as the same thing, in both languages.

An English article writes "the World Trade Organization (WTO)" once and "the WTO" after; a
Chinese article writes "世界贸易组织" once and "世贸组织" after. No dictionary holds
these, but the corpus says them: an acronym defined in parentheses (Schwartz & Hearst, 2003), the
long form's Chinese rendering found word by word in the Chinese text, and the Chinese
abbreviation made of the first characters of its words ("世界贸易组织" -> "世贸组织"), as Chinese
abbreviations are made. Each group lists every surface form of one name.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence

from ciie_qa.tokens import CJK_RUN, segmenter

# Chinese words of the corpus that translate one English word ("trade" -> ("贸易",)).
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
        words = _chinese_words(long_form, chinese_runs, translate)
        forms = [long_form, acronym]
        if words:
            forms += ["".join(words), *_abbreviations(words, short_forms, is_word)]
        groups.append(tuple(sorted(dict.fromkeys(forms), key=len, reverse=True)))
    return groups


def _acronyms(text: str) -> dict[str, str]:
    """ "World Trade Organization (WTO)" -> {"WTO": "World Trade Organization"}:
    the capitalised words just before the parentheses whose initials spell the acronym."""
    found: dict[str, str] = {}
    for match in _ACRONYM.finditer(text):
        words, acronym = match.group(1).split(), match.group(2)
        capitals = [i for i, w in enumerate(words) if w[0].isupper()]
        if words[-1].lower() in _LINKS:
            continue
        # The first letters of the last few capitalised words spell it, or all their capitals
        # ("NordWind Energy (NWE)"; "McKinsey Global Institute (MGI)" by first letters).
        for count in range(1, len(capitals) + 1):
            first, last_words = capitals[-count], [words[i] for i in capitals[-count:]]
            spellings = {
                "".join(w[0] for w in last_words),
                "".join(c for w in last_words for c in w if c.isupper()),
            }
            if acronym in spellings:
                found.setdefault(acronym, " ".join(words[first:]))
                break
    return found


def _chinese_words(
    long_form: str, runs: Sequence[str], translate: WordTranslator
) -> tuple[str, ...]:
    """The Chinese text's rendering of an English name, word by word: the translations of its
    words one after another ("世界" "贸易" "组织"); a last word the dictionary cannot translate is
    taken to be the Chinese word that follows. Empty when the text has no such rendering."""
    words = [w for w in long_form.split() if w.lower() not in _LINKS]
    options = [translate(w) for w in words]
    untranslated_tail = not options[-1]
    if untranslated_tail:
        options = options[:-1]
    if len(options) < 2 or not all(options):
        return ()
    alternations = ("|".join(map(re.escape, sorted(o, key=len, reverse=True))) for o in options)
    pattern = re.compile("".join(f"({alternation})" for alternation in alternations))
    for run in runs:
        match = pattern.search(run)
        if not match:
            continue
        if not untranslated_tail:
            return match.groups()
        following: list[str] = segmenter().lcut(run[match.end() :])
        if following and len(following[0]) >= 2:
            return (*match.groups(), following[0])
    return ()


def _short_strings(runs: Sequence[str]) -> Counter[str]:
    """How often each string of 2 to 4 Chinese characters occurs (abbreviations are short)."""
    counts: Counter[str] = Counter()
    for run in runs:
        for size in range(2, _MAX_ABBREVIATION + 1):
            counts.update(run[i : i + size] for i in range(len(run) - size + 1))
    return counts


def _abbreviations(
    words: Sequence[str], counts: Counter[str], is_word: Callable[[str], bool]
) -> list[str]:
    """Short forms of a Chinese name (given word by word) that the corpus uses again and again
    and that are not dictionary words ("世界贸易组织" -> "世贸组织")."""
    name = "".join(words)
    found = [
        short
        for short in _contractions(words)
        if counts[short] >= _MIN_ABBREVIATION_COUNT and short not in name and not is_word(short)
    ]
    # A short form seen only inside a longer one ("贸组织" in "世贸组织") is not an abbreviation.
    return [short for short in found if not any(short != o and short in o for o in found)]


def _contractions(words: Sequence[str]) -> set[str]:
    """The ways Chinese shortens a name word by word: each word is kept, cut to its first
    character (or its first and last), or dropped, and the name's last character stays
    ("世界" "贸易" "组织" -> "世贸组织"; "茶叶" "博览会" -> "茶博会"). Names shortened otherwise
    ("北京大学" -> "北大") are not found."""
    *heads, last = words
    head_options = [{"", word[0], word[0] + word[-1], word} for word in heads]
    tail_options = {last, last[-1], last[0] + last[-1]}
    found = set()
    for head in itertools.product(*head_options):
        if not any(head):
            continue  # the last word alone, or part of it, is no abbreviation of the name
        for tail in tail_options:
            short = "".join(head) + tail
            if 2 <= len(short) <= _MAX_ABBREVIATION:
                found.add(short)
    return found
