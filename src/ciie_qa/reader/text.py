"""Word-level helpers the span finders share: words, stems, edges of a span."""

from __future__ import annotations

import re
from functools import lru_cache

from ciie_qa.reader.question import NUMERIC_TYPES, Question
from ciie_qa.tokens import NUMBER_OR_WORD, fold, lexical_tokens, word_index

CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(NUMBER_OR_WORD)


@lru_cache(maxsize=65_536)
def word_token(word: str) -> str:
    tokens = lexical_tokens(word)
    return tokens[0] if tokens else ""


@lru_cache(maxsize=65_536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(t for t in lexical_tokens(text) if not t.startswith("~"))


_YEAR = re.compile(r"(?:19|20)\d\d")  # a year dates the span; it is no amount


def repeats_question(question: Question, text: str) -> bool:
    """A span made of the question's own words restates the question instead of answering it."""
    tokens = _words(text)
    if not tokens:
        return bool(text.strip()) and fold(text).strip() in fold(question.text)
    if question.answer_type in NUMERIC_TYPES:
        figures = [t for t in tokens if t[0].isdigit() and not _YEAR.fullmatch(t)]
        if figures and fold(text).strip() in fold(question.text):
            return True  # "参加培训的80人中有多少名…?": the figure the question states, whole
        if any(t not in question.own_tokens for t in figures):
            return False  # "120公顷" for "多少公顷": the number is what the question lacks
    return sum(1 for t in tokens if t in question.own_tokens) / len(tokens) > 0.6


# A capitalised word of an English name ("Trade", "O'Neill", "Hong-Kong").
EN_NAME_WORD = r"[A-Z][\w’'-]*"
HEAD_STOP = " ,，.;；:：。!?！？()（）的在于从向对把被将与"
# Particles (and the plural suffix 们) that close the phrase before: never an answer's start.
_ZH_LEADING = "的了着们"
STRIP = " ,，、.;；:：“”\"'()（）-–"
_FUNCTION_WORDS = (
    r"and|or|the|a|an|that|of|to|in|on|at|by|with|as|is|are|was|were|has|have|had"
    r"|will|would|can|could|shall|should|may|might|must|do|does|did"
)
# Closed-class English words: a noun's modifiers never run back past one.
EN_FUNCTION_WORD = re.compile(
    rf"(?:{_FUNCTION_WORDS}|for|from|after|before|also|then|its|their|his|her|our|this|these"
    r"|it|they|he|she|we|you|i)",
    re.IGNORECASE,
)
# Verbs that report what someone said or thought ("noted that X": what was said is X).
# Chinese verbs of saying: "李明表示…", "…”李明说。".
ZH_SAYING_VERBS = "表示|说|指出|强调|介绍|称|认为"
EN_SAYING_VERBS = (
    r"say|said|says|noted|notes|stressed|stresses|added|adds|stated|states|argued|argues"
    r"|believed|believes|think|thinks|commented|comments|explained|explains|emphasi[sz]ed"
    r"|remarked|pointed out|points out|told"
)
# "not only A, but also B": the contrast words open the second part, never an answer.
_LEADING_EDGE = (
    rf"(?:(?:{_FUNCTION_WORDS}|according to|following|despite|amid|not only|but|also|yet"
    rf"|(?:{EN_SAYING_VERBS}) that)\s+)+"
)
_EDGE_WORDS = re.compile(
    rf"^{_LEADING_EDGE}|(?:\s+(?:{_FUNCTION_WORDS}))+$",
    re.IGNORECASE,
)
_LEADING_EDGE_WORDS = re.compile(_LEADING_EDGE, re.IGNORECASE)
_ONLY_FUNCTION_WORDS = re.compile(
    rf"(?:{EN_FUNCTION_WORD.pattern})(?:\s+(?:{EN_FUNCTION_WORD.pattern}))*", re.IGNORECASE
)
# Clause punctuation inside a sentence; the comma of "1,250" and the colon of "10:30" are none.
_INNER_MARK = r"[，;；：]|(?<!\d)[,:]|[,:](?!\d)"
CLAUSE_MARK = re.compile(_INNER_MARK)
CLAUSE_END = re.compile(rf"{_INNER_MARK}|[。!！?？]")


@lru_cache(maxsize=4096)  # every candidate of a sentence asks
def _clause_marks(sentence: str) -> tuple[int, ...]:
    return tuple(m.start() for m in CLAUSE_MARK.finditer(sentence))


def clause_bounds(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause holding ``sentence[start:end]``: from just after the last inner mark (comma,
    semicolon, colon) before ``start`` to the first one at or after ``end``."""
    marks = _clause_marks(sentence)
    first = max((m + 1 for m in marks if m < start), default=0)
    stop = min((m for m in marks if m >= end), default=len(sentence))
    return first, stop


def after_leading_function_words(sentence: str, start: int, end: int) -> int:
    """Where ``sentence[start:end]`` starts without its leading function words ("As the …");
    quotation marks and brackets stay (unlike ``trim_run``)."""
    match = _LEADING_EDGE_WORDS.match(sentence, start, end)
    return match.end() if match else start


def trim_run(sentence: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (sentence[start] in STRIP or sentence[start] in _ZH_LEADING):
        start += 1
    while end > start and sentence[end - 1] in STRIP:
        end -= 1
    text = sentence[start:end]
    match = _EDGE_WORDS.search(text)
    while match and match.group(0) and start < end:
        if match.start() == 0:
            start += match.end()
        else:
            end = start + match.start()
        text = sentence[start:end]
        match = _EDGE_WORDS.search(text)
    if _ONLY_FUNCTION_WORDS.fullmatch(sentence[start:end]):
        return start, start  # "As [the] world's first …": no word of content is left
    return start, end


def copula_at(text: str, position: int, copulas: str = "是系") -> bool:
    """Whether jieba's word at ``position`` is a copula alone ("是", "系"), not the start of
    "是否", "系统" nor the end of "但是", "还是"."""
    found = word_index(text).by_start.get(position)
    return found is not None and found[0] == position + 1 and text[position] in copulas


# Verbs that say what a term means: "扬程是指…", "X指的是…", "X，即…" (即 not of 即将, 即使).
_ZH_DEFINING_VERB = re.compile(r"是指|指的是|就是|意为|意思是|即(?![将使便可时刻])")


def after_defining_verb(text: str, position: int) -> int:
    """Where a definition starts when a defining verb stands at ``position``: after the verb
    ("是指水泵…" -> "水泵…"), or ``position`` itself if none does."""
    found = _ZH_DEFINING_VERB.match(text, position)
    if found:
        return found.end()
    return position + 1 if copula_at(text, position) else position
