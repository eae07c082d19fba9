"""Span choice inside one sentence: candidates of the asked type scored by closeness to the
question's focus, unit, alignment with the words around the question word, and shape."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from ciie_qa.dictionary import english_words
from ciie_qa.reader.candidates import (
    EN_NAME_NUMBER,
    ITEM_SEPARATOR,
    NAMED_TYPES,
    ZH_COUNT,
    Candidate,
    candidates,
    is_nationality,
    nationality_adjective,
)
from ciie_qa.reader.constructions import (
    asks_nationality,
    cause_spans,
    colour_spans,
    doing_spans,
    expansion_spans,
    given_name_spans,
    head_noun_spans,
    model_spans,
    named_subject_spans,
    nationality_spans,
    object_gap_spans,
    ordinals,
    paired_spans,
    purpose_spans,
    quote_named_by,
    range_around,
    range_spans,
    said_subject_spans,
    slot_spans,
    stranded_preposition_spans,
    subject_spans,
    title_spans,
    to_do_spans,
    verb_object_spans,
    zh_actor_spans,
)
from ciie_qa.reader.question import (
    ANCHOR_PATTERN,
    DURATION,
    EN_AUXILIARIES,
    EN_IRREGULAR_PARTICIPLES,
    EN_TIME_UNITS,
    MEASURE_LEADS,
    MEASURES,
    MONEY,
    MONEY_MARK,
    NUMERIC_TYPES,
    ORDINAL,
    PEOPLE_UNITS,
    SHAPED_TYPES,
    TRANSLATED_WEIGHT,
    WEEKDAY,
    WEEKDAY_NAME,
    YEAR_SAID,
    ZH_CHANGE_VERBS,
    ZH_COUNT_WORD,
    ZH_TIME_UNITS,
    AnswerType,
    Question,
    anchor_keys,
    anchor_keys_in_order,
    said_direction,
)
from ciie_qa.reader.text import (
    CJK,
    CLAUSE_MARK,
    EN_NAME_WORD,
    STRIP,
    WORD,
    after_defining_verb,
    after_leading_function_words,
    clause_bounds,
    copula_at,
    repeats_question,
    trim_run,
    word_token,
)
from ciie_qa.schema import Language
from ciie_qa.tokens import (
    detect_language,
    fold,
    lexical_tokens,
    tagged,
    word_index,
    word_start,
)

_FALLBACK_TYPES = {
    AnswerType.PERCENT: AnswerType.NUMBER,
    AnswerType.LOCATION: AnswerType.ORGANIZATION,
    AnswerType.ORGANIZATION: AnswerType.PERSON,
    AnswerType.DEFINITION: AnswerType.OTHER,
}


def best_span(question: Question, sentence: str) -> tuple[Candidate | None, float]:
    """The span of ``sentence`` that best answers ``question`` and its quality in [0, 1]."""
    views = [question]
    if question.head_translations and detect_language(sentence) is not question.language:
        # Across languages the noun asked for ("which museum") is met by its translation ("博物馆").
        views = list(question.translated_heads)
    return max((_best_span(view, sentence) for view in views), key=lambda found: found[1])


def _best_span(question: Question, sentence: str) -> tuple[Candidate | None, float]:
    matched = _matched_positions(question, sentence)
    ranges = range_spans(question, sentence)  # "从多少到多少": only a whole range answers
    if ranges:
        return max(
            ((c, _span_quality(question, sentence, c, matched)) for c in ranges),
            key=lambda scored: scored[1],
        )
    if question.unit_hint.startswith(ORDINAL):  # "第几届" asks for an edition, not a count
        found, penalty = ordinals(sentence), 1.0
    else:
        found, penalty = _typed_candidates(question, sentence)
    scored = [(_span_quality(question, sentence, c, matched) * penalty, c) for c in found]
    scored += [
        (_span_quality(question, sentence, c, matched), c)
        for c in head_noun_spans(question, sentence, matched)
    ]
    nationalities = nationality_spans(question, sentence)
    # Spans that a construction of the question points at (reported speech, a stranded
    # preposition, the subject of the asked verb, a title before the asked name): strong guesses.
    constructions = (
        verb_object_spans(question, sentence, matched)
        + stranded_preposition_spans(question, sentence)
        + subject_spans(question, sentence)
        + zh_actor_spans(question, sentence)
        + said_subject_spans(question, sentence)
        + title_spans(question, sentence)
        + slot_spans(question, sentence)
        + doing_spans(question, sentence)
        + paired_spans(question, sentence, matched)
        + expansion_spans(question, sentence)
        + purpose_spans(question, sentence, matched)
        + cause_spans(question, sentence)
        + to_do_spans(question, sentence)
        + object_gap_spans(question, sentence, matched)
        + model_spans(question, sentence)
        + nationalities
        + named_subject_spans(question, sentence)
        + given_name_spans(question, sentence)
    )
    scored += [(1.8 * _span_quality(question, sentence, c, matched), c) for c in constructions]
    # A colour answers "what colour" wherever it stands; nearness still picks among colours.
    scored += [
        (_NAMES_A_COLOUR + _span_quality(question, sentence, c, matched), c)
        for c in colour_spans(question, sentence)
    ]
    if question.answer_type not in SHAPED_TYPES or not found:
        gap, gap_quality = _gap_span(question, sentence, matched)
        if gap is not None:
            scored.append((gap_quality * (1.0 if found else penalty), gap))
    if not scored:
        return None, 0.0
    if asks_nationality(question) and not nationalities:
        scored = [(_NOT_A_NATIONALITY * q, c) for q, c in scored]
    quality, best = max(scored, key=lambda pair: pair[0])
    ends_with_noun = _ends_with_noun(question, sentence[: best.end])
    phrase = best.answer_type in (AnswerType.OTHER, AnswerType.LIST)  # not a typed value
    if question.answer_type not in SHAPED_TYPES or phrase:
        best = _own_edges_dropped(sentence, best, matched, question)
    if question.answer_type is AnswerType.DEFINITION:
        # "[李明]是该公司的创始人": what he is; "[扬程]是指水泵…": what it means
        best = replace(best, start=after_defining_verb(sentence, best.start))
    if ends_with_noun:
        best = _without_edition_prefix(sentence, best, question.head_noun)
    elif phrase and _followed_by_noun(question, sentence, best):
        # "什么系列?" of "…夏季系列展品": the asked noun right after the span belongs to it.
        best = replace(best, end=best.end + len(question.head_noun))
    best = _with_coordinated_count(question, sentence, best)
    best = _with_coordinated_person(question, sentence, best)
    if best.answer_type in NUMERIC_TYPES:
        best = range_around(sentence, best)
    if best.answer_type is AnswerType.LIST:
        best = _without_closing_count(sentence, best)
    if phrase and not best.fixed_edges:
        best = _before_participle_clause(sentence, best)
    if ends_with_noun and _EN_ASKS_KIND.search(question.text):
        best = _past_possessor(question, sentence, best)
    elif ends_with_noun:
        best = _name_described(question, sentence, best)
    return _balanced(sentence, _whole_names(sentence, best, matched)), quality


# A sentence naming no people's word ("Norwegian", "挪威籍") answers "what nationality" weakly.
_NOT_A_NATIONALITY = 0.5
# ", increasingly facilitating …": a participle clause after a comma adds to what came before.
_EN_PARTICIPLE_CLAUSE = re.compile(r",\s+(?:[a-z]+ly\s+)?[a-z]{3,}ing\b")


_EN_SERIES_GOES_ON = re.compile(r",?\s+and\s+(?:[a-z]+ly\s+)?[a-z]{3,}ing\b|,\s+[a-z]{3,}ing\b")


def _before_participle_clause(sentence: str, cand: Candidate) -> Candidate:
    found = _EN_PARTICIPLE_CLAUSE.search(sentence, cand.start, cand.end)
    if found is None or " " not in sentence[cand.start : found.start()].strip():
        return cand  # a phrase of one word before it is no answer of its own
    if _EN_SERIES_GOES_ON.search(sentence, found.end(), cand.end):
        return cand  # "opening up, advancing X, and creating Y": a series, not a clause
    return replace(cand, end=found.start())


_EN_ASKS_KIND = re.compile(r"\bwhat (?:kinds?|types?|sorts?|forms?) of\b", re.IGNORECASE)
_EN_POSSESSOR = re.compile(r"[A-Z][\w-]*['’]s\s+(?=\w)")


def _past_possessor(question: Question, sentence: str, cand: Candidate) -> Candidate:
    """ "What kind of approach …?" of "China's proactive approach": whose it is says nothing of
    its kind."""
    found = _EN_POSSESSOR.match(sentence, cand.start, cand.end)
    if found is None or fold(sentence[found.end() : cand.end]) == fold(question.head_noun):
        return cand  # "Lisbon's approach": the noun alone would only repeat the question
    return replace(cand, start=found.end())


def _name_described(question: Question, sentence: str, cand: Candidate) -> Candidate:
    """ "Which lender …?" of "Harbour Trust, the region's biggest lender,
    said …": the apposition ending in the asked noun says what the name is; the name is which
    one (unless the question names it itself)."""
    described = [
        (name_start, what_start)
        for name, name_start, what_start, what_end in _appositions(sentence)
        if what_start <= cand.start
        and cand.end <= what_end
        and name not in question.names
        # a short description ("However, the company has … Court" is none)
        and len(sentence[what_start:what_end].split()) <= _APPOSITION_WORDS
    ]
    if not described:
        return cand
    # Of a real name: the finder of places takes every capitalised name but a sentence adverb.
    names = {(c.start, c.end) for c in candidates(sentence, AnswerType.LOCATION, chinese=False)}
    for name_start, what_start in described:
        name_end = sentence.rindex(",", name_start, what_start)
        if (name_start, name_end) in names:
            return Candidate(name_start, name_end, cand.answer_type)
    return cand


_APPOSITION_WORDS = 8


# "120 firms and 30 institutes": a count's noun, "and", a second count (and its noun).
_EN_COORDINATED = re.compile(r"\s+([a-z]+(?:-[a-z]+)?)\s+and\s+")
_EN_NOUN = re.compile(r"\s+([a-z]+(?:-[a-z]+)?)")
_ZH_AND = ("和", "及", "与", "以及")


def _with_coordinated_count(question: Question, sentence: str, cand: Candidate) -> Candidate:
    """ "How many firms and institutes …?" or "How many exhibitors …?" of "120 firms and 30
    institutes signed up": both counts answer, unless the question names only the first thing
    counted ("How many firms …?" asks for 120)."""
    if question.answer_type is not AnswerType.NUMBER or question.asks_change:
        return cand
    chinese = detect_language(sentence) is Language.ZH
    first = (_zh_noun_and if chinese else _en_noun_and)(sentence, cand.end)
    if first is None:
        return cand
    noun, after = first
    second = next(
        (c for c in candidates(sentence, AnswerType.NUMBER, chinese=chinese) if c.start == after),
        None,
    )
    if second is None:
        return cand
    second_noun = (_zh_noun if chinese else _en_noun)(sentence, second.end)
    if not second_noun:
        return cand
    both_named = _names_word(question, noun) and _names_word(
        question, sentence[second.end : second_noun]
    )
    if not both_named and _names_counted_thing(question):
        return cand
    return Candidate(cand.start, second_noun, cand.answer_type)


# "多少家企业", "几座城市": a noun after the count word says what is counted.
_ZH_COUNTED = re.compile(rf"{ZH_COUNT_WORD}[\u4e00-\u9fff]")


# What joins two people who did the same thing: "and" or "和", with the second one's role
# ("A and external member B", "A和副主任B").
_PERSON_JOINT = re.compile(r",?\s+and\s+(?:[a-z-]+\s+){0,3}|[和与及][\u4e00-\u9fff]{0,4}")


def _with_coordinated_person(question: Question, sentence: str, cand: Candidate) -> Candidate:
    """ "Who opposed the cut?" of "Deputy Governor A and external member B dissented": both
    did, so both answer (unless the question names the other)."""
    if question.answer_type is not AnswerType.PERSON or cand.answer_type is not AnswerType.PERSON:
        return cand
    people = [
        person
        for person in candidates(
            sentence, AnswerType.PERSON, chinese=detect_language(sentence) is Language.ZH
        )
        if not repeats_question(question, sentence[person.start : person.end])
    ]
    start, end = cand.start, cand.end
    for other in people:
        if other.start >= end and _PERSON_JOINT.fullmatch(sentence, end, other.start):
            end = other.end
        elif other.end <= start and _PERSON_JOINT.fullmatch(sentence, other.end, start):
            start = other.start
    return replace(cand, start=start, end=end)


def _without_closing_count(sentence: str, cand: Candidate) -> Candidate:
    """ "甲、乙和丙四类(产业)": a count after a list's last item sums the list up and is no
    part of the item."""
    last_item = max(
        (m.end() for m in ITEM_SEPARATOR.finditer(sentence, cand.start, cand.end)),
        default=cand.end,
    )
    count = ZH_COUNT.search(sentence, last_item + 1, cand.end + 2)
    if count is None or count.start() >= cand.end:
        return cand
    return replace(cand, end=count.start())


def _names_counted_thing(question: Question) -> bool:
    """Whether the question says what it counts ("how many firms"), not only that it counts
    ("how many signed up?", "一共有多少?")."""
    if question.language is Language.EN:
        return bool(question.counted)
    return bool(_ZH_COUNTED.search(question.text))


def _zh_noun_and(sentence: str, at: int) -> tuple[str, int] | None:
    """The noun at ``at`` and where what follows its "和" starts."""
    end = _zh_noun(sentence, at)
    joined = next((w for w in _ZH_AND if end and sentence.startswith(w, end)), "")
    return (sentence[at:end], end + len(joined)) if end and joined else None


def _zh_noun(sentence: str, at: int) -> int:
    """Where jieba's noun starting at ``at`` ends, else 0."""
    end, flag = word_index(sentence).by_start.get(at, (0, ""))
    return end if flag.startswith("n") else 0


def _en_noun_and(sentence: str, at: int) -> tuple[str, int] | None:
    joined = _EN_COORDINATED.match(sentence, at)
    return (joined.group(1), joined.end()) if joined else None


def _en_noun(sentence: str, at: int) -> int:
    noun = _EN_NOUN.match(sentence, at)
    return noun.end() if noun else 0


def _names_word(question: Question, word: str) -> bool:
    return bool(set(lexical_tokens(word)) & set(question.tokens))


# A capitalised name at the end of a span, with the "of the 8th" that ties it to the noun before.
_TRAILING_NAME = re.compile(
    rf"(?:(?:^|\s+)of)?(?:(?:^|\s+)the)?(?:(?:^|\s+)\d+(?:st|nd|rd|th))?(?:(?:^|\s+){EN_NAME_WORD})+$"
)
_NAME_GOES_ON = re.compile(rf"\s+({EN_NAME_WORD}(?:\s+{EN_NAME_WORD})*)")


def _whole_names(sentence: str, cand: Candidate, matched: dict[int, float]) -> Candidate:
    """A span does not end inside an English name. When the rest of the name is the question's
    own word and the name hangs on the span by "of the" ("the Youth Wing of the 5th Northern Arts
    Festival" asked as "which part of the festival"), the name is the thing the question already
    speaks of and goes; a name standing in the span itself (a title before the asked-about
    person, "Minister of Finance Jane Doe") stays. Else the span takes the rest of the name."""
    goes_on = _NAME_GOES_ON.match(sentence, cand.end)
    name = _TRAILING_NAME.search(sentence[cand.start : cand.end])
    if goes_on is None or name is None:
        return cand
    if goes_on.start(1) not in matched:
        return Candidate(cand.start, goes_on.end(1), cand.answer_type)
    if name.start() > 0 and name.group(0).lstrip().startswith("of the "):
        return Candidate(cand.start, cand.start + name.start(), cand.answer_type)
    return cand  # "former Finance Minister" before the asked-about "Jane Doe": a title, kept


_BRACKETS = {"(": ")", "（": "）", "“": "”", "《": "》", "「": "」", "[": "]"}


def _balanced(sentence: str, cand: Candidate) -> Candidate:
    """A span that opens a bracket or quotation closes it: "X5(电动汽车" takes the ")" that
    follows it, and a span whose opening mark lies outside it takes that mark, or else is cut
    before the stray mark."""
    start, end = cand.start, cand.end
    for opener, closer in _BRACKETS.items():
        text = sentence[start:end]
        if text.count(opener) > text.count(closer):
            if sentence[end : end + 1] == closer:
                end += 1
            else:
                start = sentence.rindex(opener, start, end) + 1
        elif text.count(closer) > text.count(opener):
            if sentence[start - 1 : start] == opener and start > 0:
                start -= 1
            else:
                end = sentence.index(closer, start, end)
    return Candidate(start, end, cand.answer_type) if end > start else cand


# "第五届博览会医疗展区": an edition of an event standing before the place asked for.
_EDITION_PREFIX = re.compile(r"第[\d一二两三四五六七八九十百]+届[\u4e00-\u9fff]{1,8}?[会节展赛]")


def _without_edition_prefix(sentence: str, cand: Candidate, noun: str) -> Candidate:
    """Drop an edition name ("第五届博览会") that only modifies the thing asked for."""
    prefix = _EDITION_PREFIX.match(sentence, cand.start, cand.end)
    if prefix is None or cand.end - prefix.end() <= len(noun):
        return cand
    return Candidate(prefix.end(), cand.end, cand.answer_type)


def _own_edges_dropped(
    sentence: str, cand: Candidate, matched: dict[int, float], question: Question
) -> Candidate:
    """The span without the question's words at its edges, unless it is a quoted name (whole
    even where it repeats the question) or names the noun asked for (a noun phrase, which only
    loses its leading function words: "As a harbour ferry" -> "harbour ferry")."""
    if cand.fixed_edges or _is_quoted(sentence, cand):
        return cand
    text = sentence[cand.start : cand.end]
    if _ends_with_noun(question, sentence[: cand.end]) or _of_name_holds_noun(question, text):
        start = after_leading_function_words(sentence, cand.start, cand.end)
        return Candidate(start, cand.end, cand.answer_type) if cand.end - start >= 2 else cand
    return _without_own_edges(sentence, cand, matched, question)


def _without_own_edges(
    sentence: str, cand: Candidate, matched: dict[int, float], question: Question
) -> Candidate:
    """Drop the question's own words (and the filler next to them) from both ends of a span:
    "涵盖低空经济、…" -> "低空经济、…"; the noun asked for stays where it ends the span."""
    start, end = cand.start, cand.end
    while True:  # "the fair showed robots": the article, then the question's words, then …
        before = (start, end)
        start = _past_determiner_of_own_word(sentence, start, end, matched)
        while start < end and (start in matched or sentence[start] in STRIP):
            start += 1
        while end > start and (end - 1 in matched or sentence[end - 1] in STRIP):
            if _ends_with_noun(question, sentence[start:end]):
                break
            end -= 1
        start, end = trim_run(sentence, start, end)
        if (start, end) == before:
            break
    return Candidate(start, end, cand.answer_type) if end - start >= 2 else cand


_DETERMINER = re.compile(r"(?:its|their|his|her|our|this|these|the|a|an)\s+", re.IGNORECASE)


def _past_determiner_of_own_word(
    sentence: str, start: int, end: int, matched: dict[int, float]
) -> int:
    """ "its place as a hub" for "what place …": a determiner goes with the question's word
    it stands before."""
    found = _DETERMINER.match(sentence, start, end)
    return found.end() if found and found.end() in matched else start


def _typed_candidates(question: Question, sentence: str) -> tuple[list[Candidate], float]:
    """Spans of the expected type, else of the nearest fallback type at a lower quality."""
    # The sentence's language decides the shapes: with a multilingual model an English question
    # may be answered from a Chinese sentence, whose numbers read "45万人".
    chinese = detect_language(sentence) is Language.ZH
    answer_type: AnswerType | None = question.answer_type
    penalty = 1.0
    counting = _counts_things(question)
    credits = [] if _ASKS_ABOUT_THE_REPORT.search(question.text) else _report_credits(sentence)
    while answer_type is not None:
        found = [
            c
            for c in candidates(sentence, answer_type, chinese=chinese)
            if not repeats_question(question, sentence[c.start : c.end])
            and (
                answer_type in SHAPED_TYPES
                or not _BARE_QUANTITY.fullmatch(sentence[c.start : c.end])
            )
            and (
                answer_type is AnswerType.DATE  # "2018年", "2027年下半年" are no spans of time
                or question.unit_hint.startswith(DURATION)
                or not _DURATION.search(sentence[c.start : c.end])
            )
            # "how many banks" counts banks: a sum of money or a measure is no answer to it
            and not (counting and _carries_amount(sentence, c))
            and not any(start <= c.start and c.end <= end for start, end in credits)
            and not _names_the_asker(question, sentence[c.start : c.end])
            and not _names_the_topic(question, sentence, c)
        ]
        if found:
            return [_with_time_unit(question, sentence, c) for c in found], penalty
        answer_type = _FALLBACK_TYPES.get(answer_type)
        penalty *= 0.6
    return [], penalty


# A span of time after a number: "18 months", "three weeks".
_EN_TIME_UNIT_AFTER = re.compile(rf"\s+(?:{'|'.join(EN_TIME_UNITS)})s?\b", re.IGNORECASE)


def _with_time_unit(question: Question, sentence: str, cand: Candidate) -> Candidate:
    """ "How long …?" of "where it stayed for 14 months": the unit belongs to the span."""
    if not question.unit_hint.startswith(DURATION):
        return cand
    unit = _EN_TIME_UNIT_AFTER.match(sentence, cand.end)
    return replace(cand, end=unit.end()) if unit else cand


def _names_the_asker(question: Question, text: str) -> bool:
    """Whether a name is the one the question asks about ("Which company did Halvorsen buy?"
    is not answered by "Halvorsen Technologies"): it opens with a name of the question, or, a
    person's, ends with it ("Whom did Brandt thank?" is not answered by "Ivo Brandt": news
    writing names a person by surname after the first mention; a relative of the same name is
    lost with it)."""
    if question.answer_type not in NAMED_TYPES:
        return False
    folded = fold(text)
    person = question.answer_type is AnswerType.PERSON
    return any(
        folded == name or folded.startswith(name + " ") or (person and folded.endswith(" " + name))
        for name in _asker_names(question.names)
        if not (len(folded) > len(name) and _placed_in_question(question, name))
    )


def _placed_in_question(question: Question, name: str) -> bool:
    """Whether the question names a place by ``name`` ("… the traders in Millbrook?"): a
    longer name opening with it is one of its bodies ("the Millbrook Business Association"), not
    the asker."""
    return (
        re.search(
            rf"\b(?:in|at|near|around|outside|across)\s+(?:the\s+)?{re.escape(name)}\b",
            fold(question.text),
        )
        is not None
    )


def _names_the_topic(question: Question, sentence: str, cand: Candidate) -> bool:
    """Whether the span names the thing the question speaks of, not one of the kind it asks
    for: "Which company came to every one of the fairs?" is not answered by "the Harbour Trade
    Fair", nor by its "HTF" in brackets. The name's last word is a word of the question other
    than the noun asked for ("Which hall …?" is answered by "Harbour Hall")."""
    if question.answer_type not in NAMED_TYPES:
        return False
    name = sentence[cand.start : cand.end]
    bracketed = sentence[cand.start - 1 : cand.start] in ("(", "（") and sentence[
        cand.end : cand.end + 1
    ] in (")", "）")
    if bracketed:  # a short form: the name it abbreviates stands before the bracket
        name = sentence[: max(0, cand.start - 1)].rstrip()
    last = _LAST_NAME_WORD.search(name)
    if last is None:
        return False
    word = word_token(last.group(1))
    return word in question.tokens and word not in lexical_tokens(question.head_noun)


# The last word of a name (of its English letters): "… Trade Fair".
_LAST_NAME_WORD = re.compile(r"\b([A-Z][A-Za-z-]*)$")


@lru_cache(maxsize=1024)  # the same for every candidate of every sentence read
def _asker_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """The question's names that name one thing: a nationality or a common word opens many
    names ("Chinese Pavilion")."""
    return tuple(
        name for name in names if not is_nationality(name.title()) and name not in english_words()
    )


_NAMES_A_COLOUR = 0.8
# A byline or a photo credit: "（记者 张三、李四）", "(新华社记者 王五 摄)".
_BYLINE = re.compile(r"[（(][^（）()]{0,12}记者[^（）()]*[）)]")
# A dateline, where and when the report was filed: "OSLO, May 4 (Reuters) —", "本报成都5月6日电".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]+,[^()]{1,40}?\([^()]{1,40}\)\s*[-–—]|^[^，。,]{0,16}?\d{1,2}月\d{1,2}日电"
)
# Questions about who reported or photographed, or when the report itself was filed, which a
# byline or dateline answers ("When was the plan filed?" asks about the plan, not the report).
_ASKS_ABOUT_THE_REPORT = re.compile(
    r"记者|摄影|拍摄|摄|照片|图片|报道|这篇|本文|\b(?:reporters?|journalists?|photo\w*|pictures?"
    r"|wrote|report(?:ed|ing)|byline|dateline)\b"
    r"|\b(?:this|the) (?:report|article|story)\b[^?]*\b(?:filed|published|written|dated)\b",
    re.IGNORECASE,
)


def _report_credits(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence names its reporters or where and when it was filed: they report the
    news, they take no part in it."""
    credits = [m.span() for m in _BYLINE.finditer(sentence)]
    return credits + [m.span() for m in _DATELINE.finditer(sentence)]


def _span_quality(
    question: Question, sentence: str, cand: Candidate, matched: dict[int, float]
) -> float:
    """How well one span answers: near the question's focus, of the asked shape and unit,
    aligned with the words around the question word, and not made of the question's words."""
    scale = 6.0 if question.language is Language.ZH else 30.0
    # A number or time is said in the sentence's own characters, of which a Chinese sentence
    # packs five times as many words in as many, whatever the question's language. (The
    # question's words met across languages are only guessed at: nearness to them stays mild.)
    figure_scale = 6.0 if detect_language(sentence) is Language.ZH else 30.0
    near_anchor = _anchor_proximity(question, sentence, cand, figure_scale)
    unit = unit_fit(question, sentence, cand)
    # A span carrying the unit asked for ("six-day" for "how many days") stands next to that
    # question word even when the word is inside the span.
    # Not so for a sum of money: "how much … invest" names no currency, and every sum carries one.
    near_unit = 0.8 if question.unit_hint not in ("", MONEY) and unit == 1.0 else 0.0
    proximity = max(_proximity(cand, matched, scale), near_anchor, near_unit)
    clause_share = _clause_share(sentence, cand, matched)
    if question.asks_change:  # the change is "by B", not the level "to B"
        range_nudge = _change_amount(sentence, cand) + _same_direction(question, sentence, cand)
    elif order := _anchor_order(question, sentence):
        # "Between 2001 and 2021 … from A to B": the later year asks for B
        range_nudge = order * _range_end(sentence, cand)
    elif near_anchor == 0:  # without an anchor to go by, "from A to B" asks for B …
        earlier = -1.0 if question.asks_earlier else 1.0  # … or for A ("以前")
        range_nudge = earlier * _range_end(sentence, cand)
    else:
        range_nudge = 0.0
    quality = (
        0.4 * proximity
        + 0.1 * clause_share
        + 0.2 * unit
        + 0.25 * _alignment(question, sentence, cand)
        + 0.15 * _shape_fit(question, sentence, cand)
        + range_nudge
    )
    # A list answers well, unless the question asks for a kind the list is not ("什么平台?").
    if cand.answer_type is AnswerType.LIST and (
        question.answer_type is AnswerType.LIST or not question.head_noun
    ):
        quality += 0.05 * min(4, len(re.findall(r"[、,，]", sentence[cand.start : cand.end])))
    if cand.answer_type is AnswerType.LIST and question.head_noun in _EN_NAMED_KINDS:
        quality *= 0.5 + 0.5 * _named_item_share(sentence, cand)
    quality *= _item_count_fit(question, sentence, cand)
    quality *= _time_fit(question, sentence, cand)
    if question.asks_total and _names_a_part(sentence, cand):
        quality *= 0.7  # "全省一共转移多少?": not the "其中福州市转移18.6万人" of the total
    names_the_noun = (
        _ends_with_noun(question, sentence[: cand.end])
        or _of_name_holds_noun(question, sentence[cand.start : cand.end])
        or _counted_as_noun(question, sentence, cand)
        or _titles_a_work(question, sentence, cand)
        or _quoted_by_noun(question, sentence, cand)
    )
    if question.answer_type not in SHAPED_TYPES and not names_the_noun:
        quality *= _length_fit(question, cand)  # a phrase ending in the asked noun is whole
    if names_the_noun:
        quality += 0.1  # "which museum": "上海博物馆" says it is one; a name nearby may not be
    quality *= _apposition_discount(question, sentence, cand, matched)
    if _qualifies_place(sentence, cand) and not _asks_country(question):
        quality *= 0.5  # "中国苏州": 中国 only says where 苏州 is (unless a country is asked)
    elif _describes_unasked_noun(question, sentence, cand):
        quality *= 0.7  # "迎五洲宾客": 五洲 says whose guests, not where anything happens
    if _described_by_apposition(question, sentence, cand, matched):
        quality += 0.15  # "Who is the mayor of X?": "Jane Roe, mayor of X, said …"
    elif _apposition_of_asked_name(question, sentence, cand):
        quality += 0.15  # "What position does Jane Roe hold?": "Jane Roe, the mayor, said …"
    if _opens_with_preposition(sentence, cand) and not _is_quoted(sentence, cand):
        quality *= _PREPOSITIONAL_DISCOUNT  # a quoted slogan may open with one
    if (
        question.answer_type in NUMERIC_TYPES
        and unit < 1.0
        and _RESTATED_FIGURE.search(sentence[max(0, cand.start - 30) : cand.start])
    ):
        quality *= 0.8  # "55 mph (89 km/h)": the bracket restates the figure in other units
    return quality * _own_words_discount(question, sentence, cand, matched)


# A figure and the opening bracket of its restatement, right before a span.
# (a figure, not the digit of a model's name: "X9 VTOL(…)")
_RESTATED_FIGURE = re.compile(r"(?<![A-Za-z\d])\d[\d,.]*[^()（）\d]{0,20}[(（]\s*$")


# Plural kinds whose members are called by their names: "which countries" is answered by a
# list of names ("Italy, Germany and Greece"), not by any comma-separated run of words.
_EN_NAMED_KINDS = frozenset(
    "countries nations cities towns provinces states regions ports companies firms brands banks"
    " universities organizations organisations agencies airlines carriers".split()
)


def _named_item_share(sentence: str, cand: Candidate) -> float:
    """The share of a list's items that are names: a capital in their first word after "the"
    ("the Netherlands", "iFlytek")."""
    items = _items(sentence, cand)
    named = sum(_NAMED_ITEM.match(item) is not None for item in items)
    return named / len(items) if items else 0.0


# A clause that gives a part of the whole just named.
_PART_CLAUSE = re.compile(r"\s*(?:其中|\b(?:of which|of whom|including)\b)", re.IGNORECASE)


def _names_a_part(sentence: str, cand: Candidate) -> bool:
    clause_start, _ = clause_bounds(sentence, cand.start, cand.end)
    return _PART_CLAUSE.match(sentence, clause_start) is not None


def _items(sentence: str, cand: Candidate) -> list[str]:
    return [
        item.strip()
        for item in ITEM_SEPARATOR.split(sentence[cand.start : cand.end])
        if item.strip()
    ]


def _item_count_fit(question: Question, sentence: str, cand: Candidate) -> float:
    """ "哪五停?", "What three conditions?": a list of as many items fits, another does not."""
    if not question.asked_items or cand.answer_type is not AnswerType.LIST:
        return 1.0
    return 1.2 if len(_items(sentence, cand)) == question.asked_items else 0.8


_NAMED_ITEM = re.compile(r"(?:the\s+)?\S*[A-Z]")


# A Chinese phrase opening with a preposition ("在某某展区", "自首届起") is an adverbial of the
# clause, not an argument: whatever the question asks, its answer starts after the preposition.
_PREPOSITIONAL_DISCOUNT = 0.5


def _opens_with_preposition(sentence: str, cand: Candidate) -> bool:
    if not CJK.match(sentence[cand.start : cand.start + 1]):
        return False  # an English span: no need to run jieba's tagger over its sentence
    first = word_index(sentence).by_start.get(cand.start)
    return first is not None and first[1] == "p"


# "Ana Ruiz, head of the trade office, said …": the phrase between the commas says who the
# name before it is.
# A lookahead, so that an opening "On Monday," does not use up the name after it.
# The apposition ends at a comma or with the sentence ("…, said Jane Roe, mayor of X.").
_APPOSITION = re.compile(
    rf"\b(?=(?P<name>{EN_NAME_WORD}(?:\s+{EN_NAME_WORD})*),\s+(?P<what>[^,]+?)(?:,|\.?[\"”]?$))"
)


_COUNTRY_NOUNS = frozenset({"国家", "国", "country", "nation"})


def _asks_country(question: Question) -> bool:
    """ "哪个国家", "which country", or "哪国" (whose 国 jieba keeps in one word with 哪)."""
    return question.head_noun in _COUNTRY_NOUNS or "哪国" in question.text


# A possessive before a common noun: "Airbus's headquarters", "the city's port".
_EN_OWNS_A_PLACE = re.compile(r"['’]s\s+[a-z]")


def _qualifies_place(sentence: str, cand: Candidate) -> bool:
    """Whether a place span only says where another place is, as a country before its city
    ("法国里昂"), or whose a thing is ("Chinese calligraphy", "Airbus's headquarters")."""
    if cand.answer_type is not AnswerType.LOCATION:
        return False
    if nationality_adjective(sentence, cand.start, cand.end):
        return True  # "writes Chinese calligraphy": where it comes from, not where it is
    if _EN_OWNS_A_PLACE.match(sentence, cand.end):
        return True  # "at Airbus's headquarters in Toulouse": whose, not where
    following = word_index(sentence).by_start.get(cand.end)
    return following is not None and following[1] in ("ns", "nrt")


_ZH_PLACE_PREPOSITION = re.compile(r"(?:在|于|到|来自|从)$")


def _describes_unasked_noun(question: Question, sentence: str, cand: Candidate) -> bool:
    """Whether a Chinese place span stands before a noun, as its modifier, that the question
    does not speak of: "巧克力是哪国来的?" asks for the place before "巧克力", "在哪里绽放?" not
    for the one before "宾客"."""
    if cand.answer_type is not AnswerType.LOCATION or question.language is not Language.ZH:
        return False
    if _ZH_PLACE_PREPOSITION.search(sentence, 0, cand.start):
        return False  # "在上海酒店举行": the place where, whatever it goes on to name
    following = word_index(sentence).by_start.get(cand.end)
    if following is None or following[1] not in ("n", "nz", "vn", "nr"):  # jieba: 宾客/nr
        return False
    return sentence[cand.end : following[0]] not in question.text


def _described_by_apposition(
    question: Question, sentence: str, cand: Candidate, matched: dict[int, float]
) -> bool:
    """Whether the span is the name of an apposition that holds most of the question's words
    ("Who chairs the board?" of "Jane Roe, chair of the board, said …"): it is the one asked
    about when the question does not name it itself."""
    if question.answer_type is not AnswerType.PERSON:
        return False
    for name, name_start, what_start, what_end in _appositions(sentence):
        if name_start != cand.start or name in question.names:
            continue
        inside = sum(what_start <= p < what_end for p in matched)
        return inside > 0 and inside >= len(matched) - inside
    return False


@lru_cache(maxsize=4096)  # every candidate of a sentence asks
def _appositions(sentence: str) -> tuple[tuple[str, int, int, int], ...]:
    """Each apposition as (folded name, name start, apposition start, apposition end)."""
    return tuple(
        (fold(found.group("name")), found.start("name"), found.start("what"), found.end("what"))
        for found in _APPOSITION.finditer(sentence)
    )


def _is_asked_name(question: Question, name: str) -> bool:
    """Whether a folded name is one the question gives, or ends with it ("jane roe", "roe")."""
    return any(name == asked or name.endswith(" " + asked) for asked in question.names)


def _apposition_of_asked_name(question: Question, sentence: str, cand: Candidate) -> bool:
    """Whether a span asked what a named one is lies in the apposition after that name."""
    if question.answer_type is not AnswerType.DEFINITION:
        return False
    return any(
        what_start <= cand.start
        and cand.end <= what_end
        and _is_asked_name(question, name)
        and _DESCRIBES.match(sentence, what_start) is not None
        for name, _, what_start, what_end in _appositions(sentence)
    )


# An apposition that says what someone is opens with a determiner ("Jane Roe, the mayor,"), not
# with the verb of the sentence a name ends a clause of ("… by Jane Roe, will cost …").
_DESCRIBES = re.compile(r"(?:the|a|an|its|his|her|their|former|then)\s", re.IGNORECASE)


def _apposition_discount(
    question: Question, sentence: str, cand: Candidate, matched: dict[int, float]
) -> float:
    """A span in the apposition of a name the question gives answers "who is she?", not a
    question whose other words stand elsewhere in the sentence ("what did she say the fair
    does?"): unless the question's words reach into the apposition, it is asked elsewhere."""
    if question.answer_type is AnswerType.DEFINITION:
        return 1.0  # "What position does Jane Roe hold?" asks what the apposition says
    for name, name_start, what_start, what_end in _appositions(sentence):
        if not (name_start <= cand.start < what_end and cand.end > what_start):
            continue
        if not _is_asked_name(question, name):
            continue
        inside = any(what_start <= p < what_end for p in matched)
        elsewhere = any(p < name_start or p >= what_end for p in matched)
        if elsewhere and not inside:
            return 0.5
    return 1.0


def _clause_share(sentence: str, cand: Candidate, matched: dict[int, float]) -> float:
    """The share of the question's words (by focus weight) that stand in the span's own clause:
    "rail traffic fell by A, air traffic rose by B" asked about air traffic points at B
    although both spans have question words next to them. A word met in several clauses
    ("traffic") counts that many times less: only "air" tells the clauses apart."""
    weights = _by_clause_spread(sentence, matched)
    total = sum(weight for p, weight in weights.items() if not cand.start <= p < cand.end)
    if total <= 0:
        return 0.0
    start, end = clause_bounds(sentence, cand.start, cand.end)
    inside = sum(
        weight
        for p, weight in weights.items()
        if start <= p < end and not cand.start <= p < cand.end
    )
    return inside / total


def _by_clause_spread(sentence: str, matched: dict[int, float]) -> dict[int, float]:
    """Each matched position's weight divided by the number of clauses its word is met in."""
    runs: list[list[int]] = []  # [start, end] of each stretch of matched positions
    for position in sorted(matched):
        if runs and runs[-1][1] == position:
            runs[-1][1] = position + 1
        else:
            runs.append([position, position + 1])
    words = [(a, b, word_token(sentence[a:b]) or sentence[a:b]) for a, b in runs]
    clauses: dict[str, set[int]] = {}
    for a, b, word in words:
        clauses.setdefault(word, set()).add(clause_bounds(sentence, a, b)[0])
    return {p: matched[p] / len(clauses[word]) for a, b, word in words for p in range(a, b)}


def _ends_with_noun(question: Question, text: str) -> bool:
    """Whether ``text`` ends with the noun asked for ("…Economic Forum" for "which forum"), or
    with the noun and its number ("District 4" for "which district")."""
    noun = question.head_noun
    return bool(noun) and _NAME_NUMBER.sub("", text).lower().endswith(noun)


_NAME_NUMBER = re.compile(rf"(?<=[A-Za-z]){EN_NAME_NUMBER}$")


def _counted_as_noun(question: Question, sentence: str, cand: Candidate) -> bool:
    """Whether a list is followed by a count of the noun asked for: "分为甲、乙、丙三个展区"
    names three of the "展区" that "由哪几个展区组成" asks for."""
    noun = question.head_noun
    if cand.answer_type is not AnswerType.LIST or not noun or not CJK.match(noun):
        return False
    return (
        re.match(rf"(?:共|等)?{ZH_COUNT.pattern}{re.escape(noun)}", sentence[cand.end :])
        is not None
    )


def _of_name_holds_noun(question: Question, text: str) -> bool:
    """Whether ``text`` is a name built on the noun asked for with "of" ("Department of
    Transport" for "which department"): it names one of the asked kind as an ending noun does."""
    noun = question.head_noun
    if not noun or " " in noun:
        return False
    name = rf"{EN_NAME_WORD}(?:\s+(?:(?:of|and|for|the)\s+)?{EN_NAME_WORD})*"
    noun_word = (
        rf"(?i:{re.escape(noun)})\w*"  # "Department" for "department"; the name is capitalised
    )
    pattern = rf"(?:{EN_NAME_WORD}\s+)*{noun_word}\s+of\s+(?:the\s+)?{name}"
    return re.fullmatch(pattern, text) is not None and text[0].isupper()


def _proximity(cand: Candidate, matched: dict[int, float], scale: float) -> float:
    """Closeness to the question's words outside the span, weighted by their focus."""
    return max(
        (
            weight / (1.0 + _distance(p, cand) / scale)
            for p, weight in matched.items()
            if not cand.start <= p < cand.end
        ),
        default=0.0,
    )


# Nouns for works, whose names stand in title marks: "哪部电影?" of "…《山那边》".
_ZH_WORK_NOUNS = frozenset(
    "电影 影片 片子 作品 书 图书 书籍 小说 电视剧 剧 剧目 戏 话剧 歌 歌曲 专辑 纪录片 节目"
    " 动画片 短片 诗 诗集 画 画作 报告 文件 杂志 报纸 栏目 游戏".split()
)


def _titles_a_work(question: Question, sentence: str, cand: Candidate) -> bool:
    """Whether the span is a title in 《》 and the question asks for a work ("哪部电影")."""
    if question.head_noun not in _ZH_WORK_NOUNS:  # the question's test first: it is cheap
        return False
    inner = sentence[cand.start - 1 : cand.end + 1]
    whole = sentence[cand.start : cand.end]
    return (inner.startswith("《") and inner.endswith("》")) or (
        whole.startswith("《") and whole.endswith("》") and whole.count("《") == 1
    )


def _quoted_by_noun(question: Question, sentence: str, cand: Candidate) -> bool:
    """Whether the span, in quotation marks, is named by the noun asked for right before or
    after it ("什么主题?" of "以“…”为主题", "what slogan?" of "the slogan "…""): a quoted
    name of that kind, commas and all."""
    return _is_quoted(sentence, cand) and quote_named_by(
        question.head_noun, sentence, cand.start, cand.end
    )


def _shape_fit(question: Question, sentence: str, cand: Candidate) -> float:
    text = sentence[cand.start : cand.end]
    noun = question.head_noun
    if noun and (text.endswith(noun) or noun in text.lower().split()):
        return 1.0  # "which museum": "上海博物馆" names the kind asked for
    if _titles_a_work(question, sentence, cand):
        return 1.0
    if noun and cand.answer_type in (AnswerType.OTHER, AnswerType.LIST):
        return 0.4
    if (
        question.answer_type is AnswerType.NUMBER
        and _PERCENT.search(text)
        and not question.asks_change
    ):
        return 0.2  # "how many companies" is a count, not a share
    if question.answer_type in SHAPED_TYPES and cand.answer_type is question.answer_type:
        return 1.0
    return 0.6


def _counts_things(question: Question) -> bool:
    """Whether the question counts things it names ("how many banks", "多少家"), as opposed to
    a sum of money, a measure, a duration or an edition."""
    hint = question.unit_hint
    if question.answer_type is not AnswerType.NUMBER or not hint or hint in MEASURES:
        return False
    return hint != MONEY and not hint.startswith((DURATION, ORDINAL))


_MEASURE_END = re.compile(
    "|".join(f"(?:{units})$" for _, units in MEASURES.values()), re.IGNORECASE
)


def carries_money(sentence: str, cand: Candidate) -> bool:
    """Whether the span is a sum of money: its currency stands in it or right after it ("$12",
    "12.5亿美元", "40 million yuan"), not further on."""
    return MONEY_MARK.search(sentence[cand.start : cand.end + 4]) is not None


def _carries_amount(sentence: str, cand: Candidate) -> bool:
    """Whether the span is a sum of money or a measure ("9平方米", "12 kg"), not a count."""
    return carries_money(sentence, cand) or bool(
        _MEASURE_END.search(sentence[cand.start : cand.end])
    )


def _length_fit(question: Question, cand: Candidate) -> float:
    """Descriptive answers: a readable phrase, not a whole chain of clauses."""
    ideal = 12 if question.language is Language.ZH else 50
    return 1.0 / (1.0 + abs((cand.end - cand.start) - ideal) / (ideal * 2))


def _is_quoted(sentence: str, cand: Candidate) -> bool:
    """A span in quotation marks is a name: it may share words with the question."""
    before = sentence[cand.start - 1 : cand.start]
    after = sentence[cand.end : cand.end + 1]
    return bool(before) and before in '“「《"' and bool(after) and after in '”」》"'


def _own_words_discount(
    question: Question, sentence: str, cand: Candidate, matched: dict[int, float]
) -> float:
    """The answer is what the question does not already say: discount the question's words
    inside the span (a name may share one word with the question, so shaped spans less)."""
    own_end = cand.end
    if _ends_with_noun(question, sentence[cand.start : cand.end]):
        own_end -= len(question.head_noun)  # the head noun is asked for, so it may repeat
    inside = sum(1 for p in matched if cand.start <= p < own_end)
    covered = inside / max(1, cand.end - cand.start)
    if question.answer_type in SHAPED_TYPES or _is_quoted(sentence, cand):
        covered = max(0.0, covered - 0.5) * 2
    return 1.0 - 0.7 * covered


# A date or number alone answers "when" or "how many", never "what".
_BARE_QUANTITY = re.compile(
    r"[\d,.:%年月日号至\-–/\s]+|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[\d,\s]*"
)
_PERCENT = re.compile(r"%|percent|per cent|百分之", re.IGNORECASE)
_DURATION = re.compile(
    # a unit of time after a figure ("3周", "2小时18分"; not "本周", "部分")
    # (not the hours of a unit of energy: "19 gigawatt-hours")
    rf"(?<!watt)-(?:day|year|week|month|hour)s?$|[天年]$|(?<=\d)(?:{'|'.join(ZH_TIME_UNITS)}|分)$"
    r"|(?<!watt-)(?:days|years|weeks|months|hours|minutes|seconds)$"
)


def _anchor_order(question: Question, sentence: str) -> int:
    """+1 when the question's year is the later of the sentence's years, -1 the earlier, else 0."""
    years = [k for k in dict.fromkeys(anchor_keys_in_order(sentence)) if _is_year(k)]
    asked = [k for k in question.anchors if _is_year(k)]
    if len(years) < 2 or len(asked) != 1 or asked[0] not in years:
        return 0
    return 1 if asked[0] == years[-1] else -1 if asked[0] == years[0] else 0


def _time_fit(question: Question, sentence: str, cand: Candidate) -> float:
    """Less for a figure of another time than the one asked ("640,000 … in 2023, compared
    with 410,000 in 2018" asked of 2018), more for the figure a comparison gives of the time
    asked ("up from 107,000 a year earlier" asked of last year): the other figure stands
    nearer the question's words."""
    asked = {time.key for time in _times_said(question.text)}
    base = _base_figures(sentence)
    if len(asked) == 1 and asked & set(base.values()) and not _said_outright(asked, sentence):
        own = {key for start, key in base.items() if cand.start <= start < cand.end}
        return 1.3 if own == asked else 0.7
    return 0.7 if _of_another_time(asked, sentence, cand) else 1.0


def _said_outright(asked: set[str], sentence: str) -> bool:
    """Whether the sentence names the asked time beyond the comparisons' base times: then the
    base is the time before it ("… 2.1 million last year, up from 1.8 million a year earlier")."""
    said = [time for time in _times_said(sentence) if time.key in asked]
    in_bases = [m for m in _EN_BASE_TIME.finditer(sentence) if _time_key(m.group("time")) in asked]
    return len(said) > len(in_bases)


def _of_another_time(asked: set[str], sentence: str, cand: Candidate) -> bool:
    """Whether the time nearest the span in its clause is not the one time the question asks
    of, where the sentence names that time: the span is then a figure of another time ("640,000
    visitors in 2023, compared with 410,000 in 2018" asked of 2018; "15 euros on Saturdays;
    on Wednesdays 9 euros" asked of a Wednesday)."""
    times = _times_said(sentence)
    if len(asked) != 1 or not asked & {time.key for time in times}:
        return False
    start, end = clause_bounds(sentence, cand.start, cand.end)
    # A time in the span's own clause is its time; a clause without one may take the
    # sentence's opening time ("In 2024, while …, China's index rose by 0.5 percent").
    in_clause = [time for time in times if start <= time.start and time.end <= end]
    if detect_language(sentence) is Language.ZH:
        # A Chinese time stands before what it times: "从当初的12家增至2030年的40家" gives
        # 2030 the 40, not the 12 (in "1291万人在2023年参加" it follows its figure).
        later = [
            t for t in in_clause if t.start >= cand.end and _figure_right_after(sentence, t.end)
        ]
        in_clause = [time for time in in_clause if time not in later]
        end = cand.end if later and not in_clause else end
    if not in_clause:
        # … but not a time said only after it, in a clause of another figure: "产量达到12.5万吨，
        # 恢复到去年13.1万吨的95%" asked of last year
        return all(time.start >= end for time in times if time.key in asked)
    nearest = min(
        in_clause, key=lambda t: min(_distance(t.start, cand), _distance(t.end - 1, cand))
    )
    return not asked & _range_keys(sentence, in_clause, nearest)


@lru_cache(maxsize=4096)
def _base_figures(sentence: str) -> dict[int, str]:
    """Where the figures of the time a change is measured from start, with that time's key:
    "比去年同期的460万人次" (460万人次 is last year's)."""
    chinese = {m.end(): _time_key(m.group("time")) for m in _ZH_BASE_TIME.finditer(sentence)}
    english = {
        m.start("figure"): _time_key(m.group("time")) for m in _EN_BASE_TIME.finditer(sentence)
    }
    return chinese | english


# "比去年同期的", "较2024年的", "与上年的": a time a change is measured from, its figure next.
_ZH_BASE_TIME = re.compile(
    rf"(?<=[比较])(?P<time>{YEAR_SAID})年?(?:同期|同一时期)?(?:的|为)?(?=[\d一二两三四五六七八九十])"
)


class _TimeSaid(NamedTuple):
    start: int
    end: int
    key: str  # "Saturdays" and "a Saturday" say the same day: "saturday"


@lru_cache(maxsize=4096)  # asked for every span of a sentence, and for the question each time
def _times_said(text: str) -> tuple[_TimeSaid, ...]:
    return tuple(
        _TimeSaid(m.start(), m.end(), _time_key(m.group(0))) for m in _TIME_SAID.finditer(text)
    )


def _time_key(said: str) -> str:
    """One key for the ways of saying a time: "Saturdays" and "a Saturday", "a year earlier"
    and "last year", 上年 and 去年."""
    key = " ".join(said.lower().split()).removesuffix("s")
    return "last year" if _YEAR_BEFORE.fullmatch(key) else "去年" if key == "上年" else key


_EN_YEAR_BEFORE = r"\ban? year (?:earlier|before|ago)\b|\bthe (?:previous|prior) year\b"
_YEAR_BEFORE = re.compile(_EN_YEAR_BEFORE)


def _range_keys(sentence: str, times: list[_TimeSaid], time: _TimeSaid) -> set[str]:
    """The time's key, with the other end's when it ends or opens a range ("周一至周五",
    "Monday to Friday"): a figure of the range is one of each day in it."""
    keys = {time.key}
    for other in times:
        first, second = sorted((other, time))
        if other != time and _TIME_RANGE.fullmatch(sentence, first.end, second.start):
            keys.add(other.key)
    return keys


_TIME_RANGE = re.compile(r"\s*(?:至|到|-|–|to|through)\s*", re.IGNORECASE)


# A year, a year said from now, a day of the week; not the base a change is measured from
# ("slid 4.5 percent from 2021" is a figure of the year asked).
_TIME_SAID = re.compile(
    r"(?<!\bfrom )(?<!\bsince )(?<!\bthan )(?<!\bwith )(?<![比较])"
    rf"(?:{YEAR_SAID}"
    r"|\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekday|weekend)s?\b"
    rf"|{_EN_YEAR_BEFORE}"
    r"|(?:星期|周)[一二三四五六日天]|工作日|周末)",
    re.IGNORECASE,
)


def _is_year(key: str) -> bool:
    kind, _, value = key.partition(":")
    return kind == "num" and len(value) == 4 and value[:2] in ("19", "20")


def _range_end(sentence: str, cand: Candidate) -> float:
    """In "from A to B" the value that holds now is B: a small nudge towards the end point."""
    offset = max(0, cand.start - 16)
    before = sentence[offset : cand.start].lower()
    # "由A压缩至B": a "由" right before a figure opens a range ("由企业出资" does not).
    by = [m.start() - offset for m in _OPENING_BY.finditer(sentence, offset, cand.start + 1)]
    opens = max(before.rfind("从"), before.rfind("from "), *by)
    closes = max(before.rfind("至"), before.rfind("到"), before.rfind(" to "))
    if closes > opens:
        return 0.08
    return -0.08 if opens >= 0 else 0.0


_OPENING_BY = re.compile(r"由(?=\d)")
_CHANGE_BEFORE = re.compile(rf"(?:\bby|{ZH_CHANGE_VERBS}|增幅|降幅)了?\s*$", re.IGNORECASE)
_LEVEL_BEFORE = re.compile(r"(?:\bto|\bfrom|\bat|至|到|从|达到?)\s*$", re.IGNORECASE)


def _change_amount(sentence: str, cand: Candidate) -> float:
    """For a question about a change: a nudge towards "rose by B" / "增长B" and away from the
    level it reached ("to B", "至B")."""
    before = sentence[max(0, cand.start - 8) : cand.start]
    if _CHANGE_BEFORE.search(before):
        return 0.1
    return -0.1 if _LEVEL_BEFORE.search(before) else 0.0


def _same_direction(question: Question, sentence: str, cand: Candidate) -> float:
    """ "How much did X shrink?": of "A declined by 1%, B rose by 2%", the fall answers. The
    change verb is looked for in the candidate's own clause; the opposite direction weighs more
    than the change nudge (0.1), so a "rose by" loses to a "declined by" in a "shrink" question."""
    if not question.change_direction:
        return 0.0
    clause_start, _ = clause_bounds(sentence, cand.start, cand.end)
    said = said_direction(sentence[clause_start : cand.start])
    return 0.0 if not said else (0.05 if said == question.change_direction else -0.2)


# What follows a time that times the figure right after it: "2030年的40家", "年底的60家".
_ZH_FIGURE_NEXT = re.compile(r"(?:年|月|日)?(?:底|末|初|中)?的?(?:约|近|超过)?\d")


def _figure_right_after(sentence: str, position: int) -> bool:
    """Whether the time ending at ``position`` times the figure right after it."""
    return _ZH_FIGURE_NEXT.match(sentence, position) is not None


def _anchor_proximity(question: Question, sentence: str, cand: Candidate, scale: float) -> float:
    """Closeness to a number or ordinal the question names ("首届", "in 2018"): the value that
    stands next to it is the one asked about."""
    best = 0.0
    # A Chinese time or ordinal modifies the figure right after it ("增至2030年的40家"), so
    # for a figure before it it is as far again.
    chinese = detect_language(sentence) is Language.ZH
    for match in ANCHOR_PATTERN.finditer(sentence):
        if anchor_keys(match.group(0)) & set(question.anchors):
            gap = min(_distance(match.start(), cand), _distance(match.end() - 1, cand))
            if chinese and match.start() >= cand.end and _figure_right_after(sentence, match.end()):
                gap *= 2
            best = max(best, 1.0 / (1.0 + gap / scale) + 0.1)
    return min(1.0, best)


def _distance(position: int, cand: Candidate) -> int:
    if position < cand.start:
        return cand.start - position
    if position >= cand.end:
        return position - cand.end + 1
    return 0


def unit_fit(question: Question, sentence: str, cand: Candidate) -> float:
    """1 when the span carries (or is followed by) the unit or counted noun the question names."""
    if not question.unit_hint:
        return 0.5
    if question.unit_hint == MONEY:
        return 1.0 if carries_money(sentence, cand) else 0.0
    if question.unit_hint == WEEKDAY:
        return 1.0 if WEEKDAY_NAME.search(sentence[cand.start : cand.end]) else 0.0
    if question.unit_hint.startswith(ORDINAL):
        measure = question.unit_hint.partition(":")[2]
        return 1.0 if not measure or sentence[cand.end - 1 : cand.end] == measure else 0.3
    if question.unit_hint in MEASURES:
        if not _carries_measure(question.unit_hint, sentence, cand):
            return 0.0
        # "按公顷算有多大?": the unit the question names, over another of the same measure ("亩")
        named = re.search(
            rf"(?<![A-Za-z])(?:{MEASURES[question.unit_hint][1]})(?![A-Za-z])",
            question.text,
            re.IGNORECASE,
        )
        said = (sentence[cand.start : cand.end] + _unit_tail(sentence, cand)).lower()
        return 1.0 if named is None or named.group(0).lower() in said else 0.7
    if question.unit_hint.startswith(DURATION):
        # "how long" takes any duration; "how many days" a number of days.
        text = sentence[cand.start : cand.end]
        unit = question.unit_hint.partition(":")[2]
        if not _DURATION.search(text):
            return 0.0
        return 1.0 if not unit or unit in text.lower() else 0.3
    if fold(sentence[cand.start : cand.end]).endswith(question.unit_hint):
        return 1.0
    if question.unit_hint in PEOPLE_UNITS and sentence[cand.start : cand.end].endswith(
        PEOPLE_UNITS
    ):
        return 1.0  # "多少名观众?" is answered by "3万人" as by "3万名"
    # What the figure counts follows it in its clause ("5.2万场，观影人次…" counts 场), or
    # stands just before it ("观影人次达260万").
    clause_end = CLAUSE_MARK.search(sentence, cand.end, cand.end + 40)
    following = lexical_tokens(
        sentence[cand.end : clause_end.start() if clause_end else cand.end + 40]
    )[:2]
    counted = question.counted | {question.unit_hint}
    if counted.intersection(following):
        return 1.0
    # (not after 每: "每立方米31微克" measures micrograms in each cubic metre)
    if re.search(rf"(?<!每){re.escape(question.unit_hint)}{_ZH_LINK}$", sentence[: cand.start]):
        return 1.0
    if counted.intersection(_compared_figure_noun(sentence, cand)):
        return 1.0
    return 1.0 if _counted_across_languages(question, sentence, cand, counted) else 0.0


def _carries_measure(measure: str, sentence: str, cand: Candidate) -> bool:
    """Whether the span's unit, right after it ("12 kg", "54 years old"), or the words right
    before it ("aged 80", "人口约3.6万") say it is the measure asked for."""
    tail = _unit_tail(sentence, cand)
    if re.search(MEASURES[measure][1], sentence[cand.start : cand.end] + tail, re.IGNORECASE):
        return True
    lead = MEASURE_LEADS.get(measure)
    before = sentence[max(0, cand.start - _LEAD_REACH) : cand.start]
    return lead is not None and re.search(lead, before, re.IGNORECASE) is not None


def _unit_tail(sentence: str, cand: Candidate) -> str:
    """The words right after the span where its unit may stand, up to the next figure."""
    tail = sentence[cand.end : cand.end + _UNIT_REACH]
    if figure := _FIGURE_START.search(tail):
        tail = tail[: figure.start()]
    return tail


# How far after (or before) a figure its unit may stand ("54 years old"), up to another figure
# ("一条超过100公斤": the kilograms are the next figure's).
_UNIT_REACH = 10
# How far before a figure the words that name its measure may start ("the population of
# Kestrel Bay is 12,400").
_LEAD_REACH = 40
_FIGURE_START = re.compile(r"[\d一二两三四五六七八九十百千万]")


def _compared_figure_noun(sentence: str, cand: Candidate) -> list[str]:
    """The words after the figure a comparison sets the span against, which count what the
    span counts too: "640,000 visitors, compared with 410,000" (before it), "from
    410,000 to 640,000 visitors" (after it)."""
    before = _EN_COMPARED_BEFORE.search(sentence[: cand.start])
    if before is not None:
        return lexical_tokens(before.group("noun"))
    after = _EN_RANGE_AFTER.match(sentence, cand.end)
    return lexical_tokens(after.group("noun")) if after is not None else []


_EN_FIGURE = r"\d[\d,.]*(?:\s+(?:million|billion|thousand|trillion))?"
# "up from 107,000 a year earlier", "compared with 410,000 visitors in 2018".
_EN_BASE_TIME = re.compile(
    r"\b(?:(?:up|down|rising|falling|rose|fell|increased|decreased|climbed|dropped) from"
    rf"|compared (?:with|to)|against|versus)\s+(?P<figure>{_EN_FIGURE})(?:\s+[a-z]+){{0,2}}?"
    rf"\s+(?:in\s+)?(?P<time>{YEAR_SAID}|{_EN_YEAR_BEFORE})",
    re.IGNORECASE,
)
# "640,000 visitors last year, compared with " (a clause's length at most, no other figure).
_EN_COMPARED_BEFORE = re.compile(
    rf"{_EN_FIGURE}\s+(?P<noun>[a-z][\w-]*)(?:[^\d;]|(?:19|20)\d\d){{0,40}}?"
    r"\b(?:(?:up|down|rising|falling|rose|fell|increased|decreased) from|compared (?:with|to)"
    r"|versus|vs\.?|against)\s+$",
    re.IGNORECASE,
)
_EN_RANGE_AFTER = re.compile(rf"\s+to\s+{_EN_FIGURE}\s+(?P<noun>[a-z][\w-]*)", re.IGNORECASE)


# What joins a counted noun to the figure after it: "人次达310万", "人数为5万".
_ZH_LINK = r"(?:达到?|为|是|约|超过|突破|逾|共计?|累计)?\s*"


def _counted_across_languages(
    question: Question, sentence: str, cand: Candidate, counted: frozenset[str]
) -> bool:
    """Whether a sentence in the other language names the counted thing next to the count: its
    translation may stand before the count as well as after it ("企业达163家" counts companies),
    and the span's measure word ("家") says nothing the question's noun can meet. "Next to"
    ends at another number or a list or clause mark ("43个交易团、注册观众约45万人")."""
    if detect_language(sentence) is question.language:
        return False
    start, end = clause_bounds(sentence, cand.start, cand.end)
    before = sentence[start : cand.start]
    before = before[max((m.end() for m in _COUNT_BREAK.finditer(before)), default=0) :]
    after = sentence[cand.end : end]
    after = after[: next((m.start() for m in _COUNT_BREAK.finditer(after)), len(after))]
    near = frozenset(lexical_tokens(f"{before} {after[:12]}"))
    return any(form <= near for noun in counted for form in question.equivalents.get(noun, ()))


_COUNT_BREAK = re.compile(r"[\d、,，;；:：]")


def _alignment(question: Question, sentence: str, cand: Candidate) -> float:
    """How well the words around the question word match the words around the span.

    A question often restates its sentence with the answer replaced by the question word
    ("共有多少名选手参赛" / "共有300名选手参赛"), so matching context on either side points at
    the answer.
    """
    if question.wh_start < 0:
        return 0.0
    # "体验了什么" restates "体验XR设备": aspect particles, "是" and light verbs standing for
    # the real verb ("在馆里做什么" / "在馆里品尝咖啡") do not appear before the answer.
    before_q = question.left_context
    after_q = fold(question.text[question.wh_end :])
    # The sentence's own copula ("馆长为…" asked as "馆长是什么人") stands where the question's
    # dropped "是" stood.
    copula = _restates_copula(question) and copula_at(sentence, cand.start - 1, "是系为")
    before_s = fold(sentence[: cand.start - 1 if copula else cand.start])
    after_s = fold(sentence[cand.end :])
    unit_len = len(question.unit_hint) if question.language is Language.ZH else 0
    left = _common_suffix(before_q, before_s)
    # "以什么动物为原型" of "以长江江豚为原型": the asked noun may stand between the
    # question word and the words the sentence repeats.
    skips = range(unit_len, unit_len + 5) if question.language is Language.ZH else (0,)
    right = max(_common_prefix(after_q[k:], after_s) for k in skips)
    # One shared character ("有", "s") is chance; two characters or a word is evidence.
    least, size = (2, 3) if question.language is Language.ZH else (4, 8)
    left, right = (n if n >= least else 0 for n in (left, right))
    return min(1.0, (min(left, size) + min(right, size)) / size)


def _restates_copula(question: Question) -> bool:
    """Whether the question asks what something is: "X是什么(人)?"."""
    return question.wh_start > 0 and question.text[: question.wh_start].endswith("是")


def _common_suffix(a: str, b: str) -> int:
    a, b = a.rstrip(" 　"), b.rstrip(" 　")
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    a, b = a.lstrip(" 　"), b.lstrip(" 　")
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _matched_positions(question: Question, sentence: str) -> dict[int, float]:
    """Character positions in ``sentence`` where a question token occurs, each with a weight.

    Chinese tokens match as substrings; other tokens match whole words by their stem, so a
    match never ends inside a word. The weight says how close the token stands to the question
    word in the question: the focus ("展览面积" in "展览面积有多少") locates the answer better
    than the topic far from it.
    """
    positions: dict[int, float] = {}
    folded, folded_question = fold(sentence), fold(question.text)
    wanted = set(question.tokens)
    for token in question.tokens:
        needle = token.lstrip("~")
        if not CJK.search(needle) or len(needle) < 2:
            continue
        weight = _focus_weight(question, folded_question.find(needle))
        for match in re.finditer(re.escape(needle), folded):
            _mark(positions, range(match.start(), match.end()), weight)
    for date in _DATES.finditer(question.text):  # "11月4日" covers its "日" too
        weight = _focus_weight(question, date.start())
        for match in re.finditer(re.escape(date.group(0)), sentence):
            _mark(positions, range(match.start(), match.end()), weight)
    question_words = {word_token(m.group(0)): m.start() for m in WORD.finditer(question.text)}
    strays = _stray_words(question, sentence)
    for match in WORD.finditer(sentence):
        token = word_token(match.group(0))
        if token and token in wanted and match.start() not in strays:
            weight = _focus_weight(question, question_words.get(token, -1))
            if token == question.counted_noun:
                weight = _COUNTED_WEIGHT
            _mark(positions, range(match.start(), match.end()), weight)
    _mark_translations(question, sentence, folded, positions)
    return positions


def _stray_words(question: Question, sentence: str) -> set[int]:
    """Starts of sentence words that stand apart from a pair of neighbouring question words
    the sentence also has together: "solar panels" asked, the sentence's "solar panels" is
    what it speaks of, and the "solar" of "solar farms" elsewhere in it is another thing that
    happens to share a word."""
    asked = [t for t in (word_token(m.group(0)) for m in WORD.finditer(question.text)) if t]
    pairs = set(itertools.pairwise(asked))
    words = [(m.start(), t) for m in WORD.finditer(sentence) if (t := word_token(m.group(0)))]
    paired: set[int] = set()
    paired_tokens: set[str] = set()
    for (a, ta), (b, tb) in itertools.pairwise(words):
        if (ta, tb) in pairs:
            paired |= {a, b}
            paired_tokens |= {ta, tb}
    return {start for start, t in words if t in paired_tokens and start not in paired}


# The noun a "how many" question counts stands next to every count of it ("40 bakeries", "12
# bakeries"): it says little of which count is meant, the words narrowing it do.
_COUNTED_WEIGHT = 0.5


def _mark_translations(
    question: Question, sentence: str, folded: str, positions: dict[int, float]
) -> None:
    """Positions where a translation of a question word stands (a question in the other
    language): Chinese bigrams as substrings, English stems as whole words."""
    equivalents = question.equivalents
    if not equivalents:
        return
    sentence_words = [(m, word_token(m.group(0))) for m in WORD.finditer(sentence)]
    stems = {stem for _, stem in sentence_words}
    folded_question = fold(question.text)
    question_words = {word_token(m.group(0)): m.start() for m in WORD.finditer(question.text)}

    def stands_here(piece: str) -> bool:
        return piece.lstrip("~") in folded if CJK.search(piece) else piece in stems

    # A translation stands only whole: "World" alone is not "World Trade Organization".
    found = {
        token: [alt for alt in alternatives if all(stands_here(piece) for piece in alt)]
        for token, alternatives in equivalents.items()
    }
    found_words = [token.lstrip("~") for token, whole in found.items() if whole]
    for token, whole in found.items():
        if _inside_a_longer(token.lstrip("~"), found_words):
            continue  # "开幕" of "开幕式": met as "opening ceremony", not as any "open…" word
        where = folded_question.find(token) if CJK.search(token) else question_words.get(token, -1)
        weight = TRANSLATED_WEIGHT * _focus_weight(question, where)
        for alternative in whole:
            for needle in (p.lstrip("~") for p in alternative if CJK.search(p)):
                for match in re.finditer(re.escape(needle), folded):
                    _mark(positions, range(match.start(), match.end()), weight)
            for start, end in _phrase_places(sentence_words, alternative):
                _mark(positions, range(start, end), weight)


def _inside_a_longer(word: str, others: Sequence[str]) -> bool:
    return any(len(other) > len(word) and word in other for other in others)


def _phrase_places(
    sentence_words: Sequence[tuple[re.Match[str], str]], alternative: frozenset[str]
) -> Iterator[tuple[int, int]]:
    """Where the English words of one translation stand together in the sentence: a
    one-word translation wherever its stem is; a longer one ("opening ceremony") only as
    neighbouring content words, not each of its words wherever it occurs ("openness")."""
    wanted = {piece for piece in alternative if not CJK.search(piece)}
    if not wanted:
        return
    content = [(match, stem) for match, stem in sentence_words if stem]
    size = len(wanted)
    for first in range(len(content) - size + 1):
        window = content[first : first + size]
        if {stem for _, stem in window} == wanted:
            yield window[0][0].start(), window[-1][0].end()


_DATES = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}[日号])?)?|\d{1,2}月\d{1,2}[日号]")


def _mark(positions: dict[int, float], span: range, weight: float) -> None:
    for position in span:
        positions[position] = max(weight, positions.get(position, 0.0))


def _focus_weight(question: Question, position: int) -> float:
    if question.wh_start < 0 or position < 0:
        return 0.75
    if position == _stranded_verb_at(question.text):
        return 1.0  # "On what date were the figures published?": the date is the verb's
    gap = (
        question.wh_start - position if position < question.wh_start else position - question.wh_end
    )
    scale = 6.0 if question.language is Language.ZH else 25.0
    return 0.5 + 0.5 / (1.0 + max(0, gap) / scale)


# A question word fronted before an auxiliary, the verb it belongs to ending the question.
_EN_FRONTED_WH = re.compile(
    rf"^\W*(?:(?:on|in|at|by|from|to|for)\s+)?(?:what|which|when|where|how)\b[^?]*?"
    rf"\b(?:is|are|was|were|{EN_AUXILIARIES})\b[^?]*\b(?P<verb>[a-z]+ed|{EN_IRREGULAR_PARTICIPLES})"
    r"\W*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)
def _stranded_verb_at(question: str) -> int:
    """Where the participle that ends an inverted question stands (-1: none)."""
    found = _EN_FRONTED_WH.match(question)
    return found.start("verb") if found else -1


def _gap_span(
    question: Question, sentence: str, matched: dict[int, float]
) -> tuple[Candidate | None, float]:
    """The stretch of the sentence the question's words leave uncovered, next to them."""
    best: tuple[Candidate | None, float] = (None, 0.0)
    marked = set(matched)
    # Once per sentence, not per piece: whether a verb opening a Chinese run is the question's.
    skip_verb = bool(CJK.search(sentence)) and _verb_said_otherwise(question, sentence)
    restates_copula = _restates_copula(question)
    for piece_start, piece_end in _gap_pieces(sentence, marked):
        run_start, run_end = _whole_words(sentence, *trim_run(sentence, piece_start, piece_end))
        run_start = _past_bound_and_verb(sentence, run_start, run_end, skip_verb=skip_verb)
        run_start, run_end = _inside_question_frame(question, sentence, run_start, run_end)
        if restates_copula and copula_at(sentence, run_start, "是系为"):
            run_start += 1  # "馆长是什么人?" of "馆长为东汉的一位学者": what follows "为"
        if run_end - run_start < 2:
            continue
        text = sentence[run_start:run_end]
        if repeats_question(question, text) or _BARE_QUANTITY.fullmatch(text):
            continue
        cand = Candidate(run_start, run_end, AnswerType.OTHER)
        # Uncovered stretches are a weaker guess than spans of a recognised shape.
        quality = 0.6 * _span_quality(question, sentence, cand, matched)
        if quality > best[1]:
            best = (cand, quality)
    return best


def _inside_question_frame(
    question: Question, sentence: str, start: int, end: int
) -> tuple[int, int]:
    """ "以什么动物为原型?" of "以长江江豚为原型": the one-character words framing the
    question word ("以…为") frame the answer too and are no part of it: the character before
    the question word, and the first after it and the asked noun it may carry (up to a
    preposition or 为 within four characters), when the sentence's span repeats them."""
    if question.language is not Language.ZH or question.wh_start < 0:
        return start, end
    before = question.left_context[-1:]
    after = re.sub(
        r"^[\u4e00-\u9fff]{0,4}?(?=[为在到于向从给])", "", question.text[question.wh_end :]
    )
    if before and CJK.match(before) and sentence.startswith(before, start) and end - start > 2:
        start += 1
    if (
        after[:1]
        and CJK.match(after[:1])
        and sentence[end - 1 : end] == after[0]
        and end - start > 2
    ):
        end -= 1
    return start, end


# "做什么", "干什么": the question asks for an action, so a verb may begin the answer.
_ZH_ASKS_ACTION = re.compile(r"(?:做|干|进行|开展|从事)(?:了|过)?(?:些)?什么")


def _followed_by_noun(question: Question, sentence: str, cand: Candidate) -> bool:
    noun = question.head_noun
    return bool(noun) and CJK.match(noun) is not None and sentence.startswith(noun, cand.end)


def _past_bound_and_verb(sentence: str, start: int, end: int, *, skip_verb: bool) -> int:
    """A Chinese run asked "…吃的是什么?" of "…在某国馆品尝樱桃" starts at the thing: past a
    bound noun morpheme left over from the question's word ("馆" of "某国馆") and past a verb
    that stands for the question's own verb, which the sentence does not hold ("吃"); a verb
    of the question the sentence holds ("推出了什么" / "推出了折叠屏手机") is already behind the
    run, so a verb at its start modifies the noun (``skip_verb``: ``_verb_said_otherwise``)."""
    if not CJK.search(sentence[start:end]):
        return start
    words = word_index(sentence).by_start
    word = words.get(start)
    if word and word[1] == "ng" and word[0] < end:
        start = word[0]
        word = words.get(start)
    if word and word[1] == "v" and word[0] < end and skip_verb:
        start = word[0]
    return start


_FRAMING_VERBS = frozenset("是有要")


def _verb_said_otherwise(question: Question, sentence: str) -> bool:
    """Whether the question has a verb before its question word that the sentence lacks and
    asks for no action ("做了什么" keeps its verb): the sentence says that verb otherwise."""
    if _ZH_ASKS_ACTION.search(question.text):
        return False
    before = question.text[: question.wh_start] if question.wh_start >= 0 else question.text
    asked_at = len(_ZH_ASKED_OBJECT.sub("", before))  # where the verb of "试用(的是)什么" ends
    verbs = [
        before[a:b]
        for a, b, flag in tagged(before)
        # "喝" is tagged vg; "是", "有", "要" frame the question; a verbal noun ("试用") is a
        # verb where it takes the question word as its object
        if flag.startswith("v")
        and (flag != "vn" or b == asked_at)
        and before[a:b] not in _FRAMING_VERBS
    ]
    return not all(_holds_verb(sentence, verb) for verb in verbs)


# What may stand between a verb and the question word that is its object: "尝的是什么".
_ZH_ASKED_OBJECT = re.compile(r"(?:[了过]|的是|是)\s*$")


def _holds_verb(sentence: str, verb: str) -> bool:
    """Whether the sentence says the verb itself: a one-character verb inside a longer word
    ("尝" in "品尝", "看" in "观看") is said otherwise."""
    if len(verb) > 1:
        return verb in sentence
    return any(sentence[a:b] == verb for a, b, _ in tagged(sentence))


def _whole_words(sentence: str, start: int, end: int) -> tuple[int, int]:
    """A Chinese run that starts after a word the question's words cut (not in the tail of a
    word whose head the question gave) and without a preposition or conjunction left dangling
    at its end ("…日,在", "学生和"). Its end is not moved: a run may still end inside a word."""
    if not CJK.search(sentence[start:end]):
        return start, end
    words = word_index(sentence)
    inside = word_start(sentence, start)
    if inside < start:
        start = words.by_start[inside][0]
    while end > start and words.ends.get(end) in ("p", "c"):  # nor a conjunction ("…和")
        end = word_start(sentence, end - 1)  # the start of the word ending at ``end``
    return trim_run(sentence, start, end) if start < end else (start, start)


_CLAUSE_BREAK = re.compile(r",\s+(?:and\s+)?|\s+and\s+(?=to\b|the\b)|[，；;]")


def _gap_pieces(sentence: str, marked: set[int]) -> list[tuple[int, int]]:
    """Uncovered runs, runs joined over one lone covered word, and their clause-sized parts;
    a run over a clause break only as a list."""
    runs = _uncovered_runs(sentence, marked)
    joined = [
        (a[0], b[1])
        for a, b in itertools.pairwise(runs)
        # One covered English word between two runs; Chinese has no spaces to tell a word by.
        if b[0] - a[1] <= 12
        and " " not in sentence[a[1] : b[0]].strip()
        and not CJK.search(sentence[a[1] : b[0]])
    ]
    pieces = []
    for start, end in runs + joined:
        breaks = list(_CLAUSE_BREAK.finditer(sentence, start, end))
        cuts = [start, *(found.end() for found in breaks), end]
        # A piece over a clause break is two clauses' ends glued together ("…with export
        # permits, the share"), unless it is a list ("A, B, and C": "and" in its last break
        # or part).
        for i in range(len(cuts) - 1):
            for j in range(i + 1, min(len(cuts), i + 4)):
                if j == i + 1 or _LIST_JOIN.search(sentence, breaks[j - 2].start(), cuts[j]):
                    pieces.append((cuts[i], cuts[j]))
        if len(cuts) > 4 and _LIST_JOIN.search(sentence, breaks[-1].start(), end):
            pieces.append((start, end))  # a longer list, whole
    return pieces


# Only an English list runs over commas ("A, B and C"); Chinese items are set off by "、".
_LIST_JOIN = re.compile(r"\b(?:and|or)\b")


def _uncovered_runs(sentence: str, marked: set[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for i, ch in enumerate(sentence + "\0"):
        inside = i < len(sentence) and i not in marked and ch not in "。!?！？;；"
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            runs.append((start, i))
            start = None
    return runs
