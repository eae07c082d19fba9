"""Spans that a construction of the question points at: the noun asked for ("什么活动"), reported
speech ("what did X highlight"), a stranded preposition ("recognized as?"), the subject of the asked
verb, a title before the asked name, the slot the question word stands in, an edition (第几届)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ciie_qa.reader.candidates import (
    EN_CURRENCY_SIGN,
    EN_NAME_NUMBER,
    EN_TITLES,
    ZH_COUNT,
    ZH_DIGITS_UNIT,
    ZH_MINUTES_AFTER_HOURS,
    ZH_PROPER_TAGS,
    Candidate,
    candidates,
    is_nationality,
    quoted_spans,
)
from ciie_qa.reader.question import (
    EN_ASKS_WHY,
    EN_AUXILIARIES,
    EN_CURRENCY_WORDS,
    EN_HOW_CHANGED,
    NUMERIC_TYPES,
    SHAPED_TYPES,
    ZH_MEASURE_WORDS,
    ZH_ROLE_WORDS,
    AnswerType,
    Question,
    asks_why,
)
from ciie_qa.reader.text import (
    CJK,
    CLAUSE_END,
    CLAUSE_MARK,
    EN_FUNCTION_WORD,
    EN_NAME_WORD,
    HEAD_STOP,
    WORD,
    copula_at,
    repeats_question,
    trim_run,
    word_token,
)
from ciie_qa.schema import Language
from ciie_qa.tokens import detect_language, fold, lexical_tokens, tagged, word_index, word_start


def head_noun_spans(
    question: Question, sentence: str, matched: dict[int, float]
) -> list[Candidate]:
    """ "举办了什么比赛" in "举办城市马拉松比赛": the words before the head noun, up to the
    question's own words or punctuation, with the head noun. In English, the capitalised name
    holding the noun ("Which bridge" -> "Golden Gate Bridge")."""
    if detect_language(sentence) is Language.EN:
        return _en_named_spans(question, sentence) + _en_kind_spans(question, sentence, matched)
    spans = []
    noun = question.head_noun
    asked = question.text.find(noun, max(question.wh_start, 0)) if noun else -1
    asked_after = question.text[asked + len(noun) :] if noun else ""
    for match in re.finditer(re.escape(noun), sentence) if noun else ():
        if _restates_question(sentence[match.start() : match.end() + 1], question.text, asked):
            continue  # the noun begins a longer word of the question ("城市" of "城市馆")
        if _modifies_next_noun(sentence, match.end(), asked_after):
            continue  # "国家" of "国家体育场" names the stadium, not a country
        # "新增A和B两类应用" asked "哪两类应用?": the items stand before the count.
        items_end = _count_before(question, sentence, match.start())
        start = _phrase_start(sentence, items_end, matched)
        span = _as_list(question, sentence, start, match.end(), items_end)
        # The noun is the question's own word by design: only the words before it may not be.
        modifier = sentence[span[0] : min(span[1], match.start())] if span else ""
        if span and span[0] < span[1] and not repeats_question(question, modifier):
            # A phrase ending in the noun asked for is an answer of the asked kind.
            spans.append(Candidate(span[0], span[1], question.answer_type))
    return spans


_OPENING = str.maketrans("”」》", "“「《")


def _phrase_start(sentence: str, noun: int, matched: dict[int, float]) -> int:
    """Where the phrase ending in the noun at ``noun`` starts: after the question's own words or
    punctuation, after a verb that takes the phrase as its object, past a count ("三辆Z3卡车":
    the count is not the kind) and, before a quoted name, at the name ("隶书“勤”字": the name
    says which one; the rest only describes it)."""
    start = noun
    while start > 0 and start - 1 not in matched and sentence[start - 1] not in HEAD_STOP:
        start -= 1
    # The question's "农业" (of "智慧农业") met at the head of "农业机械" is another word.
    start = word_start(sentence, start)
    if sentence[start] in "“「《" and not any(q in sentence[start + 1 : noun] for q in "”」》"):
        start += 1  # an opening quote closed only after the noun
    # A term in brackets ("(水下无人潜航器)") is one noun phrase: its verbs describe the noun.
    bracketed = start > 0 and sentence[start - 1] in "(（"
    if word_index(sentence).ends.get(start) != "v" and not bracketed:
        start = _after_last_verb(sentence, start, noun)  # else a verb already took the phrase
    start = _after_place(sentence, start, noun)
    start, _ = trim_run(sentence, start, noun)  # "了无人驾驶技术": the aspect mark is the verb's
    start = _past_count(sentence, start, noun)
    closing = sentence[noun - 1 : noun] if noun > start else ""
    if closing and closing in "”」》":
        start = max(start, sentence.rfind(closing.translate(_OPENING), start, noun))
    return start


_VERB_COMPLEMENTS = frozenset("好完到成住掉了着过")
# Where something is (a hall, an area) before a name: "东区滨江书店" is a shop in the east area.
_ZH_PLACE_WORD_END = frozenset("区馆厅场")


def _after_place(sentence: str, start: int, noun: int) -> int:
    """After the last place word ("东区") that a name follows inside the phrase: the place says
    where the named thing is, not which one it is."""
    words = word_index(sentence).by_start
    after = start
    for begin, (end, _) in sorted(words.items()):
        if start <= begin and end < noun and sentence[end - 1] in _ZH_PLACE_WORD_END:
            following = words.get(end)
            if following and following[1] in ZH_PROPER_TAGS:
                after = end
    return after


def _past_count(sentence: str, start: int, noun: int) -> int:
    """After a count that is a word of its own ("三辆" in "三辆Z3卡车"), not one that begins a
    longer word ("一部分")."""
    counted = ZH_COUNT.match(sentence, start, noun)
    if counted is None:
        return start
    return counted.end() if counted.end() in word_index(sentence).ends else start


def _after_last_verb(sentence: str, start: int, noun: int) -> int:
    """ "举办亲子绘画活动": a verb before the noun phrase takes it as its object; the phrase starts
    after it. (A verb inside a "的" clause never gets here: "的" ends the phrase first.)"""
    words = word_index(sentence).by_start
    verbs = [
        stop
        for begin, (stop, flag) in words.items()
        if flag == "v" and stop - begin >= 2 and start <= begin and stop < noun
    ]
    if not verbs:
        return start
    after = max(verbs)
    # A result or aspect mark stays with its verb: "用好", "办成了".
    while (mark := words.get(after)) and mark[0] == after + 1 and mark[0] < noun:
        if sentence[after] not in _VERB_COMPLEMENTS:
            break
        after = mark[0]
    return after


def _modifies_next_noun(sentence: str, end: int, asked_after: str) -> bool:
    """Whether the word ending at ``end`` is followed at once by a common noun that the
    question (``asked_after``: its text after the noun) does not follow it with: a Chinese
    compound puts its head last, so such a noun only modifies the next one ("国家体育场"); a
    name after it is not its head ("展区滨江体育馆")."""
    words = word_index(sentence)
    if end not in words.ends:
        return True  # the noun ends inside a longer word
    stop, flag = words.by_start.get(end, (end, ""))
    return flag == "n" and sentence[end:stop] not in asked_after


def _restates_question(phrase: str, question: str, asked: int) -> bool:
    """Whether the noun and the character after it stand in the question other than where
    the question asks for the noun ("哪个城市拍到" asks at its "城市拍")."""
    found = question.find(phrase)
    if found == asked:
        found = question.find(phrase, found + 1)
    return found >= 0


def _count_before(question: Question, sentence: str, noun: int) -> int:
    """Where the count the question asks with ("哪两类N") stands right before the noun in the
    sentence ("两类N"), else ``noun``."""
    if question.answer_type is not AnswerType.LIST:
        return noun
    for count in ZH_COUNT.finditer(sentence, max(0, noun - 4), noun):
        if count.end() == noun and f"哪{count.group()}" in question.text:
            return count.start()
    return noun


def _as_list(
    question: Question, sentence: str, start: int, end: int, items_end: int
) -> tuple[int, int] | None:
    """For "哪些N" the items before "等N" ("A、B等N" -> "A、B") or before the count asked for
    ("A和B两类N" -> "A和B", ``items_end``); a phrase that lists nothing is no answer to a list
    question. Other questions keep the phrase."""
    if question.answer_type is not AnswerType.LIST:
        return (start, end) if start < end - len(question.head_noun) else None
    end = min(end, items_end)
    phrase = sentence[start:end]
    if not re.search(r"[、和与及]", phrase):
        return None
    cut = phrase.rfind("等")
    end = start + cut if cut > 0 else end
    # Where the list's own first item starts ("展区内服饰、日化" lists 服饰): as the list finder
    # sees it, items alike in length.
    listed = [
        c.start
        for c in candidates(sentence, AnswerType.LIST, chinese=True)
        if c.end == end and start < c.start < end
    ]
    return (min(listed, default=start), end)


# A name's word, with the number that goes with it ("District 4", "Gate 9 Hall").
_EN_NAME_WORD = rf"(?:{EN_NAME_WORD}(?:{EN_NAME_NUMBER})?|\d{{4}}|of|and|the|for)"
_EN_NAME_RUN = re.compile(rf"{_EN_NAME_WORD}(?:\s+{_EN_NAME_WORD})*")
# Where a run of names may hold two ("Jane Roe of the Civic Party").
_EN_NAME_JOINER = re.compile(r"\s(?:of|and|for)\s")


def _en_named_spans(question: Question, sentence: str) -> list[Candidate]:
    spans = []
    noun = question.head_noun
    # A word starting with the noun ("Bridges" for "bridge"); a compound noun as written.
    noun_word = re.compile(rf"(?:^|\s){re.escape(noun)}")
    for match in _EN_NAME_RUN.finditer(sentence) if noun else ():
        # "Jane Roe of the Civic Party" is a person and a party: the run from after each of its
        # joiners is a name too ("Bank of England" stays whole as the run itself).
        joiners = _EN_NAME_JOINER.finditer(sentence, *match.span())
        for after in (match.start(), *(joiner.end() for joiner in joiners)):
            start, end = trim_run(sentence, after, match.end())
            words = sentence[start:end].split()
            if len(words) >= 2 and noun_word.search(" ".join(words).lower()):
                spans.append(Candidate(start, end, question.answer_type))
    return spans + _en_noun_at_name(noun, sentence, question.answer_type)


def _en_noun_at_name(noun: str, sentence: str, kind: AnswerType) -> list[Candidate]:
    """ "Which crossing …?" of "… in the village of Lowmoor", "the port of Aberdeen": the name
    the asked noun is placed at or named by; a noun in capitals is part of the name ("the City
    Department of Transport")."""
    if not noun:
        return []
    placed = re.compile(
        rf"\b(?i:the|a|an)\s+(?:[a-z][\w-]*\s+){{0,2}}?{re.escape(noun.lower())}s?\s+"
        r"(?:at|of)\s+(?=[A-Z])"  # ("the company in Leeds that …" is a company, not Leeds)
    )
    spans = []
    for found in placed.finditer(sentence):
        name = _EN_NAME_RUN.match(sentence, found.end())
        if name is not None:
            spans.append(Candidate(*trim_run(sentence, *name.span()), kind, fixed_edges=True))
    return spans


# How many words may describe the noun a "what kind of" question asks for.
_MAX_MODIFIERS = 4
_EN_WORD = re.compile(r"\w[\w'’-]*")


def _en_kind_spans(question: Question, sentence: str, matched: dict[int, float]) -> list[Candidate]:
    """ "What kind of N …?" / "What N does …?" in "… keeps to careful N": the words that
    describe N, back to the question's own words (its verb, usually), punctuation, a function word
    or the sentence's first word, with N itself (a noun phrase: "long-term N", not "long-term").
    English verbs are not tagged, so a verb the question does not share may still be taken."""
    noun = question.head_noun
    if not noun or question.answer_type is not AnswerType.OTHER:
        return []
    spans = []
    head, *rest = noun.split()
    for found in _EN_WORD.finditer(sentence):
        end = _noun_end(sentence, found, head, rest)
        if end is None or found.group()[0].isupper():
            continue  # not the noun, or part of a name ("the Global Trade Report")
        start, modifiers = found.start(), 0
        before = list(_EN_WORD.finditer(sentence, 0, found.start()))
        for at in range(len(before) - 1, -1, -1):
            word = before[at]
            if (
                sentence[word.end() : start].strip()
                or word.start() in matched
                or word.start() == 0
                or (
                    EN_FUNCTION_WORD.fullmatch(word.group())
                    and not _joins_name(sentence, before, at, start)
                )
                or modifiers == _MAX_MODIFIERS
            ):
                break
            start, modifiers = word.start(), modifiers + 1
        if modifiers:
            # A name says which one on its own ("the Arts and Crafts fair of the city").
            named = all(
                w[0].isupper() or w in ("and", "of")
                for w in sentence[start : found.start()].split()
            )
            stop = end if named else _with_complement(sentence, end)
            spans.append(Candidate(start, stop, AnswerType.OTHER))
    return spans


def _joins_name(sentence: str, words: list[re.Match[str]], at: int, start: int) -> bool:
    """Whether the function word ``words[at]`` stands inside a name between capitalised words
    ("the Arts and Crafts fair": "and" belongs to the modifier "Arts and Crafts")."""
    return (
        words[at].group().lower() in ("and", "of")
        and at > 0
        and sentence[start].isupper()
        and words[at - 1].group()[0].isupper()
    )


def _noun_end(sentence: str, found: re.Match[str], head: str, rest: list[str]) -> int | None:
    """Where the asked noun ends if it starts with ``found``: its first word in any form
    ("surveys" for "survey"), the rest as written ("lending out")."""
    if word_token(found.group()) != word_token(head):
        return None
    if not rest:
        return found.end()
    tail = re.match(
        r"\s+" + r"\s+".join(map(re.escape, rest)) + r"\b", sentence[found.end() :], re.I
    )
    return found.end() + tail.end() if tail else None


# "for" is left out: it opens a time as often ("support for three years").
_EN_COMPLEMENT = re.compile(r" (?:to|of) \w")


def _with_complement(sentence: str, end: int) -> int:
    """ "promise to teach children": what follows the noun by to/of says which
    one it is, up to the end of the clause."""
    if not _EN_COMPLEMENT.match(sentence, end):
        return end
    stop = CLAUSE_END.search(sentence, end)
    return trim_run(sentence, end, stop.start() if stop else len(sentence))[1]


_AMOUNT_TYPES = NUMERIC_TYPES | {AnswerType.DATE}
# "What did X highlight?", also after a fronted phrase ("In May, what did the city build?").
_EN_DID_VERB = re.compile(
    rf"^(?:[^?]*?,\s+)?what\s+(?:{EN_AUXILIARIES})\b"
    r"(?P<asked>.*?(?P<verb>\w+))\W*$",
    re.IGNORECASE,
)


def verb_object_spans(
    question: Question, sentence: str, matched: dict[int, float]
) -> list[Candidate]:
    """ "What did X highlight?": what follows "highlighted that" in the sentence (reported
    speech), or "highlight" right after one of the question's words ("debuts highlight …")."""
    if question.answer_type in _AMOUNT_TYPES:
        return []  # the object is a clause; an amount or a date is a candidate of its shape
    match = _EN_DID_VERB.match(question.text) if question.language is Language.EN else None
    verb = word_token(match.group("verb")) if match else ""
    if match is None or not verb:
        return []
    if detect_language(sentence) is Language.ZH:
        return _zh_objects(question, sentence)
    # The verb is the last word ("What did X highlight?") or, followed by more ("What did the
    # mayor open last week?"), any word that the sentence writes right after the subject.
    words = {word_token(w) for w in WORD.findall(match.group("asked"))} - {""}
    spans = []
    for word in WORD.finditer(sentence):
        token = word_token(word.group(0))
        if token not in words:
            continue
        # Up to the end of the clause: a trailing ", facilitating …" / ", which …" is not said.
        # A verb right after the question's words, followed by its object (not by a comma).
        after_subject = word.start() - 2 in matched and bool(
            re.match(r" [\w$]", sentence[word.end() : word.end() + 2])
        )
        if token != verb and not after_subject:
            continue
        lead = r"(?:that\s+|:\s*)" if not after_subject else r"(?:that\s+|:\s*)?"
        rest = re.match(
            rf"\s*{lead}(.+?)(?:,\s+(?=\w+ing\b|which\b|while\b)|[.;]?\s*$)",
            sentence[word.end() :],
        )
        if rest and rest.group(1).strip():
            start = word.end() + rest.start(1)
            spans.append(Candidate(start, word.end() + rest.end(1), AnswerType.OTHER))
    # "… week in March, the mayor opened a bridge": an object that holds another verb's object
    # is a clause around it, not what was done.
    return [
        span
        for span in spans
        if not any(span.start < other.start and other.end == span.end for other in spans)
    ]


def _zh_objects(question: Question, sentence: str) -> list[Candidate]:
    """ "What did the city build?" read in a Chinese sentence: what follows a verb of the
    sentence that translates a word of the question ("建设"), to the end of its clause, past an
    aspect particle ("建设了"). Which English word is the verb is left to the sentence's tagging."""
    translated = {
        next(iter(alt)).lstrip("~")  # a two-character word is one bigram: "~建设" -> "建设"
        for alternatives in question.translations.values()
        for alt in alternatives
        if len(alt) == 1
    }
    spans = []
    for start, end, flag in tagged(sentence):
        marked = sentence[end : end + 1] in "了着过"  # "建设了": tagged a noun, used as a verb
        if not (flag == "v" or (flag == "vn" and marked)) or sentence[start:end] not in translated:
            continue
        begin = end + (1 if marked else 0)
        stop = CLAUSE_END.search(sentence, begin)
        finish = stop.start() if stop else len(sentence)
        if finish > begin:
            spans.append(Candidate(begin, finish, AnswerType.OTHER))
    return spans


# "not only A but also B": "also" may be left out, a comma may stand before "but".
_EN_NOT_ONLY = re.compile(r"\bnot only\s+(.+?),?\s+but(?:\s+also)?\s+(.+?)(?=[,;.]\s|[,;.]?$)")


def paired_spans(question: Question, sentence: str, matched: dict[int, float]) -> list[Candidate]:
    """ "not only a port but also a rail hub": the half the question does not say is the answer
    ("Besides a port, what is the town?" asks for the hub); the second half when it says neither."""
    if question.answer_type in SHAPED_TYPES:
        return []
    spans = []
    for found in _EN_NOT_ONLY.finditer(sentence):
        first, second = (range(*found.span(n)) for n in (1, 2))
        said_first = sum(p in first for p in matched) / len(first)
        said_second = sum(p in second for p in matched) / len(second)
        asked = 1 if said_second > said_first else 2
        spans.append(Candidate(*found.span(asked), question.answer_type))
    return spans


# An abbreviation: a word with two capitals or more ("NATO", "eBike", "SMEs").
_ABBREVIATION = re.compile(r"(?<![\w-])[a-z]{0,2}[A-Z][A-Za-z]*[A-Z][A-Za-z]*s?(?![\w-])")


def expansion_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "What does NATO stand for?": the words in brackets after the abbreviation ("NATO
    (North Atlantic Treaty Organization)"), or the name the bracketed abbreviation follows."""
    if not question.asks_expansion:
        return []
    spans = []
    for abbreviation in set(_ABBREVIATION.findall(question.text)):
        # Chinese characters may touch it ("一架UAV（…）"): only Latin letters may not.
        alone = rf"(?<![A-Za-z0-9-]){re.escape(abbreviation)}(?![A-Za-z0-9-])"
        for found in re.finditer(alone, sentence):
            after = re.match(r"\s*[(（]([^()（）]+)[)）]", sentence[found.end() :])
            if after:
                start = found.end() + after.start(1)
                spans.append(Candidate(start, start + len(after.group(1)), AnswerType.OTHER))
            if sentence[found.end() : found.end() + 1] in ")）":
                spans += _name_before_bracket(sentence, found.start())
    return spans


# How far back a name before "(NATO)" may start: a name is short, and a search anchored at the
# bracket over a whole long sentence would cost time quadratic in its length.
_NAME_REACH = 120


def _name_before_bracket(sentence: str, bracket_end: int) -> list[Candidate]:
    """The capitalised name right before the bracket that holds an abbreviation."""
    offset = max(0, bracket_end - _NAME_REACH)
    before = re.search(rf"({_EN_NAME_RUN.pattern})\s*[(（]$", sentence[offset:bracket_end])
    if before is None:
        return []
    start, end = trim_run(sentence, offset + before.start(1), offset + before.end(1))
    return [Candidate(start, end, AnswerType.OTHER)]


# Questions that ask what something is done for.
_EN_ASKS_PURPOSE = re.compile(
    rf"{EN_ASKS_WHY.pattern}|\bfor what purposes?\b|\bto what end\b|\bwhat for\W*$"
    r"|\bwhat (?:is|was|are|were) the (?:purpose|aim|goal)s? of\b"
    r"|^\W*what\b.*\b(?:us(?:e|es|ed|ing)|leverag(?:e|es|ed|ing)|tap(?:s|ped|ping)?(?: into)?)"
    r"\b.*\bfor\W*$",
    re.IGNORECASE,
)
# "to <verb>": "to" before a word that opens no noun phrase ("to the city", "to 2030").
_EN_INFINITIVE = re.compile(
    r"\b(?:in order )?to (?!(?:the|a|an|its|their|his|her|this|these|that|those|our|be)\b)"
    r"(?=[a-z])"
)
# Where a purpose ends: the clause's end, or a second purpose ("… and to build …").
_EN_PURPOSE_END = re.compile(r",?\s+and\s+to\s|[,;:.!?](?:\s|$)|$")


def purpose_spans(question: Question, sentence: str, matched: dict[int, float]) -> list[Candidate]:
    """ "Why do firms use the port?" / "What do firms use the port for?" in "Firms use the port
    to reach inland markets and to cut costs": the first purpose, "to reach inland markets",
    after a word the question shares."""
    if question.language is not Language.EN or not _EN_ASKS_PURPOSE.search(question.text):
        return []
    if _cause_spans(question, sentence):
        return []  # "Why did it move?": a cause said outright beats a purpose (cause_spans)
    first_shared = min(matched, default=len(sentence))
    spans = []
    for found in _EN_INFINITIVE.finditer(sentence, first_shared):
        end = _EN_PURPOSE_END.search(sentence, found.end())
        stop = end.start() if end else len(sentence)
        if stop > found.end():
            spans.append(Candidate(found.start(), stop, AnswerType.OTHER, fixed_edges=True))
    return spans


# "What are firms using the port to bring into China?": a question word fronted from the object
# of a verb, the rest of the question after its auxiliary.
_EN_FRONTED_OBJECT = re.compile(
    # "what is/are …" only with a verb in -ing ("What are firms using …"): else it asks what
    # something is ("What is the theme of …")
    rf"^\W*(?:[^,?]+,\s*)?(?i:what) (?:(?i:{EN_AUXILIARIES}) "
    r"|(?i:is|are|was|were) (?=(?:[\w'’-]+ ){1,2}[a-z]+ing\b))(.+?)\W*$"
)
_EN_VERB_AND_PARTICLE = re.compile(r"[a-z][\w-]*\s+(?:(?:up|out|off|down|over|away|back)\s+)?")
_LEAST_TAIL_WORDS = 2
_MOST_TAIL_WORDS = 5


def object_gap_spans(
    question: Question, sentence: str, matched: dict[int, float]
) -> list[Candidate]:
    """ "What are firms using the port to bring into China?" of "Firms use the port to integrate
    their supply chains into China": the object stands before the words that end the question
    ("into China"), after the question's words before it and the verb the sentence says
    otherwise ("integrate" for "bring")."""
    fronted = _EN_FRONTED_OBJECT.match(question.text) if question.language is Language.EN else None
    if fronted is None or question.answer_type in SHAPED_TYPES - {AnswerType.LIST}:
        return []
    words = fronted.group(1).split()
    folded = sentence.lower()
    for size in range(min(_MOST_TAIL_WORDS, len(words) - 1), _LEAST_TAIL_WORDS - 1, -1):
        tail = " ".join(words[-size:]).lower()
        at = folded.find(f" {tail}")
        if at < 0 or all(EN_FUNCTION_WORD.fullmatch(w) for w in tail.split()):
            continue
        verb = words[-size - 1]
        if (
            not verb.islower()
            or EN_FUNCTION_WORD.fullmatch(verb)
            or word_token(verb) in {word_token(w) for w in WORD.findall(sentence)}
        ):
            # The longest tail found is the question's; without a verb before it that the
            # sentence says otherwise, the object is not cut out here.
            return []
        before = [p for p in matched if p < at]
        clause_start = max([0, *(mark.end() for mark in CLAUSE_MARK.finditer(sentence, 0, at))])
        if gap := _EN_GAP_BEFORE.search(sentence, clause_start, at):
            # "the 450 seats (that) the hall had been designed for": the gap's noun phrase
            return [Candidate(*gap.span("phrase"), AnswerType.OTHER, fixed_edges=True)]
        start = max(before, default=-1) + 1
        while start < at and (sentence[start].isalnum() or sentence[start] in "'’-"):
            start += 1  # the rest of the question's word whose start was matched
        start, end = trim_run(sentence, start, at)
        skipped = _EN_VERB_AND_PARTICLE.match(sentence[start:end])  # the sentence's verb
        start = start + skipped.end() if skipped else start
        return [Candidate(start, end, AnswerType.OTHER)] if end - start >= 2 else []
    return []


# "What did Xi urge all countries to do?": what the named ones are to do, after "<noun> to".
_EN_MODAL_TO = r"(?:to|should|must|would|will|can|could|need to|ought to)"
_EN_TO_DO = re.compile(rf"^\W*what\b.*?\b([a-z][\w-]*)\s+{_EN_MODAL_TO}\s+do\b", re.IGNORECASE)
_EN_THEN_VERB = re.compile(
    rf"\s+{_EN_MODAL_TO}\s+(?!(?:the|a|an|its|their|his|her|this|these|that|those|our)\b)(?=[a-z])"
)
# Where the things to do end: a purpose, a second "to", or the sentence's end; the commas of
# their list stay ("to open wider, pursue growth, and champion openness").
_EN_TO_DO_END = re.compile(
    r"\s+(?:in order to|so as to|so that)\b|,?\s+and\s+to\s|[;:.!?](?:\s|$)|$"
    r"|,\s+(?:which|while|but|adding|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+(?:said|says|noted|added))\b"
)


def _occurrences(sentence: str, token: str) -> Iterator[re.Match[str]]:
    """The words of the sentence whose token is ``token`` ("noted" for "note")."""
    return (word for word in WORD.finditer(sentence) if word_token(word.group(0)) == token)


def to_do_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "What did Xi urge all countries to do?" (or "… should do?") of "… for all countries to
    open wider, pursue growth, and champion openness in order to …": every verb phrase after
    "countries to", up to the purpose."""
    asked = _EN_TO_DO.match(question.text) if question.language is Language.EN else None
    if asked is None:
        return []
    word = word_token(asked.group(1))
    spans = []
    for found in _occurrences(sentence, word):
        to = _EN_THEN_VERB.match(sentence[found.end() :])
        if to is None:
            continue
        start = found.end() + to.end()
        end = _EN_TO_DO_END.search(sentence, start)
        stop = end.start() if end else len(sentence)
        if stop > start:
            spans.append(Candidate(start, stop, AnswerType.OTHER, fixed_edges=True))
    return spans


# What a cause follows: "Following the new law, sales rose", "… rose thanks to the new law";
# in answer to "why", "delayed it after costs rose" too ("after" a date or a count says when).
_EN_CAUSE = re.compile(
    r"(?:^|[,;]\s*)following\s+|\b(?:thanks to|due to|because of|owing to|as a result of"
    r"|driven by|caused by|triggered by|sparked by|prompted by"
    # "attributed the rise to X", "blamed the delay on X"
    # (the last "to" or "on" of the clause: "attributed the failure to reach a deal to X")
    r"|attribut(?:ed|es|ing)\b[^,;.]{0,60}\bto|blam(?:ed|es|ing)\b[^,;.]{0,60}\bon"
    r"|because|amid|after(?!\s+(?:\d|the (?:first|second|third)\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)))\s+",
    re.IGNORECASE,
)


def _cause_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "Why did sales rise?" of "Following the new law, sales rose": what the cause word
    introduces, to the end of its clause."""
    if not asks_why(question.text):
        return []
    return _to_clause_end(_EN_CAUSE, sentence, least=1)


def _to_clause_end(cause: re.Pattern[str], sentence: str, *, least: int) -> list[Candidate]:
    """What each cause word introduces, to the end of its clause (at least ``least`` chars)."""
    spans = []
    for found in cause.finditer(sentence):
        end = CLAUSE_END.search(sentence, found.end())
        clause = sentence[found.end() : end.start() if end else len(sentence)].rstrip(" .")
        if len(clause) >= least:
            start = found.end()
            spans.append(Candidate(start, start + len(clause), AnswerType.OTHER, fixed_edges=True))
    return spans


def cause_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "Why …?" / "为什么…?": what a cause word introduces, to the end of its clause ("…
    rose thanks to the new law", "原因是三月气温偏低", "主要得益于新修的灌渠"), in a
    sentence of either language."""
    if not CJK.search(sentence):
        return _cause_spans(question, sentence)
    return _to_clause_end(_ZH_CAUSE, sentence, least=2) if asks_why(question.text) else []


_ZH_CAUSE = re.compile(
    r"原因(?:主要|可能|或许|大概|就)?(?:是|在于)|(?:主要)?得益于|由于|因为|归功于|归因于|归咎于"
)


# "从多少升到了多少", "from what to what": a question after two values, where one went to.
_ASKS_TWO_VALUES = re.compile(
    r"[从由](?:多少|几)[^?？]*(?:到|至)[^?？]*(?:多少|几)"
    r"|\bfrom (?:what|how (?:much|many|high|low))\b.*\bto (?:what|how (?:much|many|high|low))\b"
    # "How did the share change?": where it went from and to, when the sentence says both.
    rf"|{EN_HOW_CHANGED}|(?:怎么|怎样|如何|有什么样?的?|有何)变化|是怎么变的|变化情况"
    # "控制在什么区间?", "What range …?", "between what …": a range is two values (not a kind:
    # "which range of phones", nor "服务范围")
    r"|(?:什么|哪个|多大的?)区间|区间(?:是|为)(?:多少|什么)"
    r"|\b(?:what|which) (?:\w+ )?range\b(?! of)|\brange(?:\s+for\b[^?]*)?\W*$|\bbetween what\b",
    re.IGNORECASE,
)
_VALUE = (
    rf"{EN_CURRENCY_SIGN}?\d[\d,]*(?:\.\d+)?(?:\s*(?:%|percent|per cent|million|billion))?"
    rf"(?:\s+(?:{EN_CURRENCY_WORDS}|euro|dollar|pounds?))?"
)
# "5月" is a date; "7小时40分钟" one span of time
_ZH_VALUE = (
    rf"\d[\d,]*(?:\.\d+)?[万亿]?{ZH_DIGITS_UNIT}?{ZH_MINUTES_AFTER_HOURS}"
    r"(?![\d月日号])"
)
_PERCENT_VALUE = r"(?<![\d.])\d+(?:\.\d+)?\s*(?:%|percent|per cent)"  # "2% to 4%": a range
_NOT_YEAR = r"(?!(?:19|20)\d\d\b)"  # "between 1990 and 2024" is a time, not a range of values
_VALUE_RANGE = re.compile(
    rf"\bfrom\s+{_VALUE}\s+to\s+{_VALUE}|{_PERCENT_VALUE}\s+to\s+{_PERCENT_VALUE}|\bbetween\s+{_NOT_YEAR}{_VALUE}\s+and\s+{_NOT_YEAR}{_VALUE}"
    rf"|[从由]{_ZH_VALUE}[^，,。;；\d]{{0,6}}?(?:到|至)了?{_ZH_VALUE}"
    rf"|(?<![\d.])(?!\d{{4}}年){_ZH_VALUE}(?:至|到|—|～|~){_ZH_VALUE}",
    re.IGNORECASE,
)


def range_around(sentence: str, cand: Candidate) -> Candidate:
    """ "1.5 billion" of "between 1.5 billion and 1.9 billion euros": one end of a range is
    half the figure, so the whole range answers ("from A to B" is a change, not a range)."""
    for found in _VALUE_RANGE.finditer(sentence):
        inside = found.start() <= cand.start and cand.end <= found.end()
        if inside and not _CHANGE_OPENING.match(found.group()):
            return Candidate(found.start(), found.end(), cand.answer_type)
    return cand


_CHANGE_OPENING = re.compile(r"from\b|[从由]", re.IGNORECASE)


# "表决结果是多少比多少?", "What was the final score?": a count against a count ("by what margin"
# asks the difference, "by five points").
_ASKS_TALLY = re.compile(
    r"(?:多少|几)比(?:多少|几)|比分|\bwhat (?:was|is|were) the (?:final )?(?:vote|score|tally)\b",
    re.IGNORECASE,
)
_COUNT = r"\d{1,3}(?:,\d{3})*"
# (no colon: "19:45" is a time; no range of ages: "aged 18-25")
_TALLY = re.compile(
    rf"(?<![\d.,:-])(?<!aged )(?<!ages ){_COUNT}\s*(?:to|比|[-–])\s*{_COUNT}"
    r"(?![\d:–-]|[.,]\d|\s*(?:%|percent|years?\b|岁))",
    re.IGNORECASE,
)


def range_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "从多少升到了多少?" / "From what to what did it rise?": the whole "from A to B"; and
    "27 to 9" for a tally asked."""
    if _ASKS_TALLY.search(question.text):
        return [
            Candidate(*found.span(), AnswerType.NUMBER)
            for found in _TALLY.finditer(sentence)
            if not sentence[: found.start()].rstrip().lower().endswith(("from", "从", "由"))
        ]
    if not _ASKS_TWO_VALUES.search(question.text):
        return []
    return [
        Candidate(*found.span(), AnswerType.NUMBER) for found in _VALUE_RANGE.finditer(sentence)
    ]


# "What nationality is she?", "他是哪国人?", "国籍是什么?": a people's name answers.
_ASKS_NATIONALITY = re.compile(r"\bnationality\b|国籍|哪国人|哪个国家的人", re.IGNORECASE)
_EN_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


def asks_nationality(question: Question) -> bool:
    return _ASKS_NATIONALITY.search(question.text) is not None


def nationality_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "What nationality is Ingrid Halvorsen?" of "Halvorsen, a Norwegian who …": the words
    for a people ("Norwegian", "挪威籍", "挪威人")."""
    if not asks_nationality(question):
        return []
    if CJK.search(sentence):  # a place's name and 籍 or 人: "挪威籍", "挪威人"
        found = [
            (start, end + 1)
            for start, end, flag in tagged(sentence)
            if flag == "ns" and sentence[end : end + 1] in ("籍", "人")
        ]
    else:
        found = [m.span() for m in _EN_CAPITALISED.finditer(sentence) if is_nationality(m.group())]
    return [Candidate(start, end, AnswerType.OTHER) for start, end in found]


# "What model …?", "什么型号?": a model is named by a code of letters and digits ("X5", "A320").
_ASKS_MODEL = re.compile(r"\b(?:what|which) (?:\w+ )?models?\b|型号", re.IGNORECASE)
_MODEL_CODE = re.compile(
    r"(?<![A-Za-z0-9-])(?=[A-Za-z0-9-]*[A-Za-z])(?=[A-Za-z0-9-]*\d)"
    r"(?!\d+-[a-z]+(?![A-Za-z0-9-]))"  # a count made an adjective ("31-year") is no code
    r"[A-Za-z0-9-]{2,12}(?![A-Za-z0-9-])"
)


def model_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "What model of drone was flown?" of "两架M30无人机…": the letters-and-digits codes."""
    if not _ASKS_MODEL.search(question.text):
        return []
    return [
        Candidate(*found.span(), AnswerType.OTHER)
        for found in _MODEL_CODE.finditer(sentence)
        if not repeats_question(question, found.group())
    ]


# "What colour is it painted?", "涂成了什么颜色?": the name of a colour, with its shade.
_ASKS_COLOUR = re.compile(r"\b(?:what|which) colou?rs?\b|(?:什么|哪种|哪个)颜色|颜色是", re.I)
_EN_COLOUR = (
    r"(?:(?:dark|light|pale|bright|deep|navy|sky|royal|olive|bottle|forest|lime|pastel"
    r"|brick|jet|snow)[\s-])?(?:red|orange|yellow|green|blue|purple|violet|pink|brown|black"
    r"|white|gr[ae]y|silver|gold(?:en)?|beige|cream|turquoise|maroon|crimson|scarlet|ivory"
    r"|teal|navy|bronze|copper)"
)
# (in lower case: "Jack White" and "Gold Architects" are names; "black and white" is one answer)
_COLOUR = re.compile(
    rf"\b{_EN_COLOUR}(?:(?:\s+and\s+|-and-){_EN_COLOUR})?\b"
    r"|(?:[深浅淡暗亮鲜墨天藏宝湖橄榄咖啡玫瑰]|[红橙黄绿青蓝紫粉棕褐黑白灰银金米]){0,2}"
    r"[红橙黄绿青蓝紫粉棕褐黑白灰银金米]色"
)


def colour_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "What colour are the new trams painted?" of "… are painted bright yellow": the
    colours the sentence names."""
    if not _ASKS_COLOUR.search(question.text):
        return []
    return [Candidate(*found.span(), AnswerType.OTHER) for found in _COLOUR.finditer(sentence)]


_EN_STRANDABLE = "as|on|to|for|with|about|into|from|by|at|in|of"
_EN_STRANDED = re.compile(rf"([A-Za-z][\w-]*)\s+({_EN_STRANDABLE})\W*$", re.IGNORECASE)
# "…are a reflection of what?": the question word left where the answer stands.
_EN_IN_SITU = re.compile(
    rf"([A-Za-z][\w-]*)\s+({_EN_STRANDABLE}|of)\s+(?:what|whom)\W*$", re.IGNORECASE
)
# (up to a clause of its own, a year said after it or another relative clause: "died of
# pneumonia in 1921 and whose letters …" answers "pneumonia")
_CLAUSE_REST = (
    r"(.+?)(?:,\s+(?=\w+ing\b|which\b|while\b|and\s+\w+ing\b)"
    r"|\s+(?=(?:in (?:19|20)\d\d\s+)?and (?:who|whose|which|whom|was|were|is|are|has|had)\b"
    r"|in (?:19|20)\d\d\s*(?:[,.;]|$))|[.;]?\s*$)"
)
# "How is X known?" asks what X is known as: the "as" is understood.
_EN_HOW_SEEN = re.compile(
    r"\bhow (?:is|are|was|were)\b.*\b(known|recogni[sz]ed|seen|regarded|viewed|described"
    r"|considered)\W*$",
    re.IGNORECASE,
)


def stranded_preposition_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "What is X known as?", "…vote on?", "…devoted to?", "…a reflection of what?": the
    answer follows "<that word> <that preposition>" in the sentence."""
    if question.language is not Language.EN:
        return []
    fronted = _EN_FRONTED.match(question.text)
    if fronted and question.answer_type not in SHAPED_TYPES:
        spans = _after_preposition(sentence, fronted.group(1))
        return [_quoted_name_of(question.head_noun, sentence, span) for span in spans]
    stranded = _EN_STRANDED.search(question.text) or _EN_IN_SITU.search(question.text)
    if stranded and _asks_a_name_of(question, stranded):
        return []
    seen = None if stranded else _EN_HOW_SEEN.search(question.text)
    match = stranded or seen
    word = word_token(match.group(1)) if match else ""
    if not word:
        return []
    spans = []
    preposition = stranded.group(2) if stranded else "as"
    follows = re.compile(rf"\s+{preposition}\s+{_CLAUSE_REST}", re.IGNORECASE)
    stranded_too = re.compile(rf"\s+{preposition}\b\s*(?:[,;.]|$)", re.IGNORECASE)
    for found in _occurrences(sentence, word):
        rest = follows.match(sentence, found.end())
        if rest and rest.group(1).strip():
            spans.append(Candidate(rest.start(1), rest.end(1), AnswerType.OTHER))
        elif stranded_too.match(sentence, found.end()):
            # "…, twice the 450 seats the hall had been designed for": the gap's noun phrase
            gap = _EN_GAP_BEFORE.search(sentence, 0, found.start())
            if gap is not None:
                spans.append(Candidate(*gap.span("phrase"), AnswerType.OTHER, fixed_edges=True))
    return spans


def _asks_a_name_of(question: Question, stranded: re.Match[str]) -> bool:
    """ "Which company is she the chief executive of?": a name asked, found by its kind (the
    rest of the clause would run past it); "What did the poet die of?" is not."""
    ends_in_of = stranded.re is _EN_STRANDED and stranded.group(2).lower() == "of"
    return ends_in_of and question.answer_type in SHAPED_TYPES


# A noun phrase, then a relative clause without its object up to the verb: "the 450 seats (that)
# the hall had been designed …", "the sum the council had budgeted …".
_EN_ADVERBS = r"[a-z]+ly|first|once|ever|never|already|just|still|also"
# (the clause's subject is a pronoun or a noun with its determiner, and an auxiliary follows it:
# "their supply chains into China" or "the region is known for" are no such clause)
_EN_GAP_BEFORE = re.compile(
    r"(?P<phrase>\b(?:the|a|an|its|their|his|her)\s+[^,;:]{1,40}?)\s+(?:that\s+|which\s+)?"
    r"(?:it|they|he|she|we|you|I|(?:the|its|their|his|her|our)\s+[a-z][\w-]*)"
    rf"(?:\s+(?:{_EN_ADVERBS}))?(?:\s+(?:{EN_AUXILIARIES}|been|being)(?:\s+(?:{_EN_ADVERBS}))?){{1,3}}"
    r"\s*$",
    re.IGNORECASE,
)


# "Through what will X grow?": the answer follows that preposition in the sentence.
_EN_FRONTED = re.compile(
    r"^\s*(through|by|with|from|into|for|despite|via|against|under|upon)\s+(?:what|which)\b",
    re.IGNORECASE,
)


def _after_preposition(sentence: str, preposition: str) -> list[Candidate]:
    """The object of each ``preposition`` in the sentence, up to the end of its clause. The
    question word stood for that whole noun phrase, so its edges stay even where they repeat
    a word of the question ("through what … new opportunities" / "through the new
    achievements …")."""
    spans = []
    for found in re.finditer(rf"\b{preposition}\s+", sentence, re.IGNORECASE):
        stop = CLAUSE_MARK.search(sentence, found.end())  # not the comma of "1,200"
        end = stop.start() if stop else len(sentence.rstrip().rstrip("."))
        if sentence[found.end() : end].strip():
            spans.append(Candidate(found.end(), end, AnswerType.OTHER, fixed_edges=True))
    return spans


def _quoted_name_of(noun: str, sentence: str, span: Candidate) -> Candidate:
    """ "Under what banner …?" of "under the banner "Light Up the Valley" …": the noun asked
    for, then its name in quotation marks; the name answers."""
    for start, end in quoted_spans(sentence):
        if span.start <= start and end <= span.end and quote_named_by(noun, sentence, start, end):
            return Candidate(start, end, span.answer_type, fixed_edges=True)
    return span


# What stands between the noun and a quoted name it names: "主题为“…”", "the theme "…"",
# "theme of "…"". A Chinese noun right before a quote may be a modifier of what the quote
# goes on to name ("…银行“X”论坛"): it needs its verb.
_NOUN_BEFORE_QUOTE = r"(?:\s*(?:为|是|叫|名为|:|：)|\s+(?:(?:of|called|named|is|was)\s+)?)$"
# (after it only with a verb between: in "the "Silk Road" pavilion" the noun is part of the name)
_NOUN_AFTER_QUOTE = r"^\s*(?:为|作为)\s*"


def quote_named_by(noun: str, sentence: str, start: int, end: int) -> bool:
    """Whether the quoted term at ``start:end`` (marks outside it) is named by ``noun`` right
    before or after it ("以“…”为主题", "the slogan "…""): a name of that kind, commas and all."""
    if not noun:
        return False
    if not CJK.match(sentence[start:end]) and not sentence[start].isupper():
        return False  # 'the plan "unworkable"' judges it; an English name is capitalised
    before = sentence[max(0, start - 1 - len(noun) - 8) : start - 1]
    after = sentence[end + 1 : end + 1 + len(noun) + 3]
    return (
        re.search(rf"{re.escape(noun)}{_NOUN_BEFORE_QUOTE}", before, re.IGNORECASE) is not None
        or re.match(rf"{_NOUN_AFTER_QUOTE}{re.escape(noun)}", after, re.IGNORECASE) is not None
    )


# "What was the man on the bridge doing / selling?": the subject, then the -ing verb asked about.
_EN_PROGRESSIVE = re.compile(
    r"^\s*what (?:is|was|are|were) (?:the |a |an )?([A-Za-z][\w-]*)\b.*?([A-Za-z]+ing)"
    # "… doing in the photo?": where or when it is done says nothing of what is done.
    r"(?:\s+(?:in|at|on|during|near|inside|outside)\b[^?]*)?\W*$",
    re.IGNORECASE,
)
# A word after these is a noun ("the purpose of the building", "its funding"), not a verb.
_NOUN_MARKERS = frozenset("the a an of in at on its their his her our this that".split())
_BE = frozenset("is are was were been being".split())
_PREDICATE_END = re.compile(
    r"\s+(?:at|in|on|during|for|with|from|near|inside|outside|while)\b|[,.;:(]"
)


def doing_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "What was the man on the bridge doing?": what the sentence says its subject does, up to
    where and when ("A man sells umbrellas near the station" -> "sells umbrellas"); "What was
    the man selling?": the object of that verb ("umbrellas")."""
    match = _EN_PROGRESSIVE.match(question.text) if question.language is Language.EN else None
    if not match or detect_language(sentence) is not Language.EN:
        return []
    asked = match.group(2)
    before = question.text[: match.start(2)].rstrip()
    if _word_before(question.text, match.start(2)) in _NOUN_MARKERS or before.endswith(
        ("'s", "’s")
    ):
        return []  # "the purpose of the building", "this year's opening": nouns
    doing = asked.lower() == "doing"
    anchor = word_token(match.group(1) if doing else asked)
    spans = []
    for word in WORD.finditer(sentence):
        if word_token(word.group(0)) != anchor or (not doing and not _used_as_verb(word, asked)):
            continue
        start = word.end() + 1
        stop = _PREDICATE_END.search(sentence, start)
        end = stop.start() if stop else len(sentence)
        if not doing and stop and stop.group(0) == ",":
            end = _list_end(sentence, start, end)  # "sells tea, silk and jade"
        if end > start and sentence[start : start + 1].isalpha():
            spans.append(Candidate(start, end, AnswerType.OTHER))
    return spans


def _used_as_verb(word: re.Match[str], asked: str) -> bool:
    """Whether the sentence's form of the asked verb is a verb: not the sentence's first word
    ("Selling prices rose"), not after "the"/"of"…, and its -ing form only after "is"/"was"…
    ("Total funding reached …" names a thing)."""
    before = _word_before(word.string, word.start())
    if not before or before in _NOUN_MARKERS:
        return False
    return word.group(0).lower() != asked.lower() or before in _BE


_LAST_WORD = re.compile(r"(\w+)\W*$")


def _word_before(text: str, position: int) -> str:
    previous = _LAST_WORD.search(text, max(0, position - 30), position)
    return previous.group(1).lower() if previous else ""


def _list_end(sentence: str, start: int, end: int) -> int:
    """The end of a list of items that begins at ``start`` ("tea, silk and jade"; its last item
    ends where the predicate goes on, "… and jade near the pier"), else ``end``."""
    items = candidates(sentence, AnswerType.LIST, chinese=False)
    return max((c.end for c in items if c.start == start), default=end)


_EN_SUBJECT_QUESTION = re.compile(r"^\s*what\s+([a-z]+)\b", re.IGNORECASE)
_AUXILIARIES = frozenset(
    "is are was were do does did has have had will would can could should may might".split()
)
_CLAUSE_OPENER = re.compile(r"(?:^|[,;:]\s+|\b(?:that|when|while|as|because|which|who)\s+)")


def subject_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "What sets a record?": the noun phrase before "sets", back to where its clause
    opens ("…, the city's new container port sets a record")."""
    match = _EN_SUBJECT_QUESTION.match(question.text) if question.language is Language.EN else None
    if not match or match.group(1).lower() in _AUXILIARIES:
        return []
    after = question.text[match.end() :].split()
    if any(word.lower() in _AUXILIARIES for word in after[:2]):
        # "What sectors did …", "What three conditions did …": a noun phrase, then the verb;
        # not a subject question
        return []
    verb = word_token(match.group(1))
    spans = []
    for word in _occurrences(sentence, verb):
        if word.start() == 0:
            continue
        openers = list(_CLAUSE_OPENER.finditer(sentence, 0, word.start()))
        start = openers[-1].end() if openers else 0
        start, end = trim_run(sentence, start, word.start())
        if end > start:
            spans.append(Candidate(start, end, AnswerType.OTHER))
    return spans


# "X叫什么(名字)?", "X的名称是什么?": what X is called (not a person: "她叫什么?").
_ZH_ASKS_NAME = re.compile(
    r"([\u4e00-\u9fff]{1,12}?)(?<![他她它们人者])的?(?:叫什么|名叫什么|叫做什么|(?:名字|名称)(?:叫|是)什么)"
)


def named_subject_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "全线最长的桥梁叫什么?" of "…的金沙江特大桥是全线最长桥梁": what is called so stands
    before a "是" that the question's description follows, after the last "的" of its
    modifiers, back to where its clause opens. In English, "What is the longest bridge on the
    line?" of "…, the Jinsha River Bridge is the longest bridge on the line"."""
    if question.language is Language.EN:
        return _en_described_subjects(question, sentence)
    asked = _ZH_ASKS_NAME.search(question.text)
    if asked is None:
        return []
    described = asked.group(1).replace("的", "")
    if len(described) < 2:
        return []  # "它的名称是什么?" describes nothing a sentence could say
    spans = []
    for copula in re.finditer("是", sentence):
        if not copula_at(sentence, copula.start()) or _ADVERB_BEFORE.search(
            sentence, 0, copula.start()
        ):
            continue  # "也是全线最长的桥梁" says more of a subject named before
        said = sentence[copula.end() : copula.end() + len(described) + 2].replace("的", "")
        if not said.startswith(described[: max(2, len(described) - 1)]):
            continue
        openers = list(_ZH_CLAUSE_OPENER.finditer(sentence, 0, copula.start()))
        start = openers[-1].end() if openers else 0
        start = max(start, sentence.rfind("的", start, copula.start()) + 1)
        opener = _ZH_REPORTED.match(sentence, start, copula.start())
        start, end = trim_run(sentence, opener.end() if opener else start, copula.start())
        if end > start:  # a name is whole though it ends in the asked noun ("…隧道")
            spans.append(Candidate(start, end, AnswerType.OTHER, fixed_edges=True))
    return spans


# "What name was the reservoir given?", "What is the trail called?", "湖取名…": a name given
# (Chinese "叫什么名字" is read by ``_ZH_ASKS_NAME``).
_EN_ASKS_GIVEN_NAME = re.compile(
    r"\bwhat (?:\w+ )?name\b|\b(?:called|named|dubbed)\W*$|\bwhat (?:did|do|does|will)\b[^?]*"
    r"\b(?:call|name|dub)\b|取名|命名|起名",
    re.IGNORECASE,
)
# A verb of naming right before a quoted name: "取名“青湖”", "dubbed "the Needle"".
_NAMING_VERB_BEFORE = re.compile(
    r"(?:取名|命名|起名|名为|名叫|叫做|称为|称作|\b(?:dubbed|named|called|christened))"
    r"\s*(?:为|作|as\s+)?$",
    re.IGNORECASE,
)


def given_name_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "What name was given to the reservoir?" of "…水库建成后取名“青湖”": the quoted name after
    a verb of naming, in either language (a person's name is found as a name)."""
    asks = _EN_ASKS_GIVEN_NAME.search(question.text) or _ZH_ASKS_NAME.search(question.text)
    if question.answer_type is AnswerType.PERSON or not asks:
        return []
    return [
        Candidate(start, end, AnswerType.OTHER, fixed_edges=True)
        for start, end in quoted_spans(sentence)
        if _NAMING_VERB_BEFORE.search(sentence, max(0, start - 16), start - 1)
    ]


# "What is the longest bridge (called)?": the description a sentence's subject is said to be.
_EN_WHAT_IS_THE = re.compile(
    r"^\W*what (is|was|are|were) (the (?:[\w-]+ ){1,8}?[\w-]+)(?: called)?\W*$", re.IGNORECASE
)


def _en_described_subjects(question: Question, sentence: str) -> list[Candidate]:
    asked = _EN_WHAT_IS_THE.match(question.text)
    if asked is None:
        return []
    described = asked.group(2).split()
    # The description's first words after a copula: "is the longest bridge …".
    said = re.search(
        rf"\s(?:{_EN_COPULAS})\s+{re.escape(' '.join(described[: min(3, len(described))]))}\b",
        sentence,
        re.IGNORECASE,
    )
    if said is None:
        return []
    # The subject is the stretch between the last commas before the copula, or the one before
    # it when that is an aside ("The Cloud Tower, at 156 metres, is …").
    before = re.finditer(r"[^,;:]+", sentence[: said.start()])
    pieces = [trim_run(sentence, m.start(), m.end()) for m in before]
    if len(pieces) > 1 and _EN_ASIDE.match(sentence, pieces[-1][0]):
        pieces.pop()
    start, end = pieces[-1] if pieces else (0, 0)
    reported = _EN_REPORTED.match(sentence, start, end)  # "Officials said the bridge is …"
    start = reported.end() if reported else start
    return [Candidate(start, end, AnswerType.OTHER, fixed_edges=True)] if end > start else []


_EN_COPULAS = "is|was|are|were|remains|remained|became|becomes"
_EN_REPORTED = re.compile(r".*\b(?:said|says|say|noted|added|reported|believe|that)\s+")
# "据介绍X是…": the source of a report opens the clause, not its subject.
_ZH_REPORTED = re.compile(r"(?:据[\u4e00-\u9fff]{0,4}?(?:介绍|了解|悉|报道|透露)|其中)")
_ADVERB_BEFORE = re.compile(r"[也还都更就即便正而又]$")
_EN_ASIDE = re.compile(r"(?:at|in|on|with|by|for|from|after|before|near|about|like)\s")


# What may open a Chinese clause before its subject: a clause mark or the start.
_ZH_CLAUSE_OPENER = re.compile(r"[,，;；:：。!！?？]")
_ZH_POSSESSOR = re.compile(r"[^的在,，?？]{1,8}?的")


def zh_actor_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "哪个品牌在展区举办了活动?" of "…日,某品牌在展区举办…": a question that opens with its
    question word asks for the one who acts, and in Chinese the actor stands before the "在"
    of where it acted, back to where the clause opens. jieba often cuts an unknown brand
    ("露露/乐蒙"), so the whole stretch is a better guess than the name it tags."""
    if (
        question.language is not Language.ZH
        # a person's name is found as a name; the stretch before "在" would add the titles
        or question.answer_type is not AnswerType.ORGANIZATION
        or question.wh_start < 0
        or question.text[: question.wh_start].strip()
        or _ZH_POSSESSOR.match(question.text, question.wh_start)  # "哪家公司的展台"
    ):
        return []
    spans = []
    for start, end, flag in tagged(sentence):
        if sentence[start:end] != "在" or flag != "p":
            continue
        openers = list(_ZH_CLAUSE_OPENER.finditer(sentence, 0, start))
        run_start, run_end = _without_time_words(
            sentence, *trim_run(sentence, openers[-1].end() if openers else 0, start)
        )
        if (
            run_end - run_start >= 2
            and _names_someone(sentence, run_start, run_end)
            and not repeats_question(question, sentence[run_start:run_end])
        ):
            spans.append(Candidate(run_start, run_end, question.answer_type))
    return spans


def _without_time_words(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The run without the dates and times at its edges ("5月8日蓝蓝海鸥", "西门子公司今年")."""
    words = [(a, b, flag) for a, b, flag in tagged(sentence) if start <= a and b <= end]
    while words and words[0][2] in ("t", "m"):
        words.pop(0)
    while words and words[-1][2] in ("t", "m"):
        words.pop()
    return (words[0][0], words[-1][1]) if words else (start, start)


def _names_someone(sentence: str, start: int, end: int) -> bool:
    """Whether a run holds a name ("露露乐蒙", "Siemens"), not a common noun ("观众")."""
    return any(flag in ZH_PROPER_TAGS for a, b, flag in tagged(sentence) if start <= a and b <= end)


# "What did the mayor say had changed?": what was said to have done the asked verb.
_EN_SAID_SUBJECT = re.compile(
    r"^\W*(?:[^,?]+,\s*)?what (?:did|does|do)\b.+?\b(?:say|note|stress|add|state|argue|believe"
    r"|think|claim|explain|emphasi[sz]e|highlight)\s+(?:had|has|have|was|were|is|are|would"
    r"|will)\s+([a-z]+)\b",
    re.IGNORECASE,
)
_EN_TRAILING_AUXILIARY = re.compile(rf"(?:\s+(?:{'|'.join(sorted(_AUXILIARIES))}))+\s*$")


def said_subject_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "What did Jane say had become a habit?" of "Jane said that walking, cycling and rowing
    have become a habit": the subject of the reported verb, from the "that" opening what was
    said (a list's commas do not open it)."""
    match = _EN_SAID_SUBJECT.match(question.text) if question.language is Language.EN else None
    if match is None:
        return []
    verb = word_token(match.group(1))
    spans = []
    for word in _occurrences(sentence, verb):
        opened = list(re.finditer(r"\bthat\s+", sentence[: word.start()]))
        if not opened:
            continue
        start = opened[-1].end()
        end = start + len(_EN_TRAILING_AUXILIARY.sub("", sentence[start : word.start()]))
        start, end = trim_run(sentence, start, end)
        if end > start:
            spans.append(Candidate(start, end, AnswerType.OTHER))
    return spans


def title_spans(question: Question, sentence: str) -> list[Candidate]:
    """ "Who is Jane Roe?": a title right before the name ("Finance Minister Jane Roe");
    "李明是谁?": the words before the name ("大会组委会主任李明")."""
    if question.answer_type is not AnswerType.DEFINITION:
        return []
    if question.language is Language.ZH:
        return _zh_title_spans(question, sentence)
    spans = []
    for name in question.names:
        for found in re.finditer(re.escape(name), fold(sentence)):
            # Up to three words before the name, the last a title: "port director Elena Marsh",
            # "Finance Minister Jane Roe"; function words ("according to") end the title.
            before = re.search(r"((?:[\w-]+\s+){1,3})$", sentence[: found.start()])
            words = before.group(1).split() if before else []
            if not words or not EN_TITLES.fullmatch(words[-1].capitalize()):
                continue
            while words and words[0].lower() in _TITLE_BREAK:
                words.pop(0)
            start = found.start() - len(" ".join(words)) - 1
            spans.append(Candidate(start, found.start() - 1, AnswerType.DEFINITION))
    return spans


_ZH_TITLE_SUBJECT = re.compile(
    rf"^\s*([^，,。?？]{{1,12}}?)(?:是(?:谁|什么人)|担任什么|是什么(?:{ZH_ROLE_WORDS})"
    rf"|的(?:{ZH_ROLE_WORDS}))"
)


# "李明在这次调查中担任什么": the subject ends where an adverbial of place or time starts,
# after its first two characters ("于建国", "曾小梅": a surname may be one of these words).
_ZH_ADVERBIAL = re.compile(r"^(.{2,}?)(?:在|于|从|自|对|作为|曾|现|目前)")


@lru_cache(maxsize=1024)  # the same for every sentence a question reads
def _zh_title_subject(question: str) -> str:
    matched = _ZH_TITLE_SUBJECT.match(question)
    subject = matched.group(1) if matched else ""
    before_adverbial = _ZH_ADVERBIAL.match(subject)
    return before_adverbial.group(1) if before_adverbial else subject


def _zh_title_spans(question: Question, sentence: str) -> list[Candidate]:
    subject = _zh_title_subject(question.text)
    spans = []
    for found in re.finditer(re.escape(subject), sentence) if subject else ():
        start = found.start()
        while start > 0 and sentence[start - 1] not in HEAD_STOP + "“”「」":
            start -= 1
        if sentence[start] in _ZH_LEADING_PREPOSITIONS:  # "据主任李明介绍": "据" is not the title
            start += 1
        if start < found.start():
            spans += _titles_asked(question, sentence, start, found.start())
    return spans


def _titles_asked(question: Question, sentence: str, start: int, end: int) -> list[Candidate]:
    """ "教授、调查专家组组长李明" asked "李明在调查中担任什么?": of the titles, the ones that
    share a word with the question ("调查"); all of them when none does."""
    titles = [m.span() for m in re.finditer(r"[^、]+", sentence[start:end])]
    asked = set(question.tokens)
    shared = [
        (start + a, start + b)
        for a, b in titles
        if asked & set(lexical_tokens(sentence[start + a : start + b]))
    ]
    chosen = shared if len(titles) > 1 and shared else [(start, end)]
    return [Candidate(a, b, AnswerType.DEFINITION) for a, b in chosen]


# 在/对/向/与 need no entry: they are in HEAD_STOP, so the scan never starts on them.
_ZH_LEADING_PREPOSITIONS = frozenset("据由经为")
_TITLE_BREAK = frozenset("according to by with from of the a an and said says as at in on".split())


_ORDINAL = re.compile(
    r"第[一二两三四五六七八九十\d]+[届次期号]|首[届次]|\b\d+(?:st|nd|rd|th)\b"
    r"|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b",
    re.IGNORECASE,
)


def ordinals(sentence: str) -> list[Candidate]:
    return [Candidate(m.start(), m.end(), AnswerType.NUMBER) for m in _ORDINAL.finditer(sentence)]


_SLOT_END = re.compile(rf"{CLAUSE_END.pattern}|、")
_ZH_COPULA_BEFORE_WH = re.compile(rf"的(?:就)?是(?:一?[{ZH_MEASURE_WORDS}])?$")


def slot_spans(question: Question, sentence: str) -> list[Candidate]:
    """Where a long stretch of the question right before its question word recurs in the
    sentence ("…打造区域合作的[什么]" / "…打造区域合作的平台"), the answer starts right after it
    and runs to the question's right context, or else to the next separator."""
    if question.wh_start < 0 or question.answer_type is AnswerType.LIST:
        return []  # lists have their own items
    # Shaped answers (places, dates) only from a tight slot: both sides of the question word
    # recur around a short stretch ("大会在[杭州国际博览中心]举行").
    tight = question.answer_type in SHAPED_TYPES
    left = question.left_context
    if CLAUSE_END.fullmatch(left.rstrip()[-1:]):
        return []  # "In her view, what …": the question word opens a clause of its own
    folded = fold(sentence)
    least = 4 if question.language is Language.ZH else 12
    # "首发的是一台什么设备?" asks what the thing "首发的" is: the sentence says "首发的扫描仪".
    if question.language is Language.ZH:
        left = _ZH_COPULA_BEFORE_WH.sub("的", left)
        if not tight:  # (a person or place is found as a name: "由谁捐赠的?" keeps to "陈先生")
            # "咖啡馆是由什么建筑改造的?" stresses with 是…的 what the sentence says plainly
            # ("咖啡馆由…改建而成")
            left = _ZH_STRESSED_PREPOSITION.sub(r"\1", left)
    for size in range(len(left), least - 1, -1):
        at = folded.find(left[-size:])
        if at >= 0:
            start = at + size
            break
    else:
        return []
    right = fold(question.text[question.wh_end :]).strip(" ?？。")
    stop = _SLOT_END.search(sentence, start)
    end = stop.start() if stop else len(sentence)
    closed = False
    for size in range(min(len(right), 12), 1, -1):
        found = folded.find(right[:size], start, start + 40)
        if found > start:
            # The noun asked for is kept ("…论坛"), the rest of the right context is not.
            noun = question.head_noun if right.startswith(question.head_noun or "\0") else ""
            end = found + len(noun)
            closed = True
            break
    if tight and (not closed or end - start > 15):
        return []
    if not closed and question.language is Language.ZH and _ZH_STRESSED_END.search(right):
        end = _before_trailing_verbs(sentence, start, end)  # "由[旧粮仓]改建而成" for "改造的"
    start, end = trim_run(sentence, _past_word(sentence, start), end)
    if end - start > 1 and copula_at(sentence, start, "是为"):
        start += 1  # "最大难题[是]岩溶": the question's own "是" (or "为")
    end = _through_list(sentence, start, end)
    if end - start < 1:
        return []
    return _shaped_slot(question, sentence, Candidate(start, end, question.answer_type))


_ZH_STRESSED_PREPOSITION = re.compile(r"是([由在从于被])$")
# The verb of a stressed "是…的" ending the question ("改造的"): the sentence's verb may differ.
_ZH_STRESSED_END = re.compile(r"[\u4e00-\u9fff]的$")
_TRAILING_VERB_FLAGS = frozenset({"v", "vd", "c", "ul", "uz", "ug"})  # "改建而成", "建成了"


def _before_trailing_verbs(sentence: str, start: int, end: int) -> int:
    """Where the verbs that end a stretch begin: "一座旧粮仓改建而成" -> "一座旧粮仓"."""
    words = [(at, word_end, flag) for at, word_end, flag in tagged(sentence) if start < at < end]
    for at, _, flag in reversed(words):
        if flag not in _TRAILING_VERB_FLAGS:
            break
        end = at
    return end


def _past_word(sentence: str, position: int) -> int:
    """The end of jieba's word that ``position`` falls inside ("差不多成[为]…": the slot
    starts after "成为"), else ``position``."""
    start = word_start(sentence, position)
    return word_index(sentence).by_start[start][0] if start < position else position


def _through_list(sentence: str, start: int, end: int) -> int:
    """A slot that is the first item of a list ("难题是[岩溶]、瓦斯和高地应力") ends where the
    list ends; one inside an item ("对外开放的[窗口]、合作交流的平台") does not."""
    if sentence[end : end + 1] != "、":
        return end
    lists = candidates(sentence, AnswerType.LIST, chinese=True)
    return max((c.end for c in lists if c.start == start), default=end)


def _shaped_slot(question: Question, sentence: str, slot: Candidate) -> list[Candidate]:
    """A date or an amount has a shape of its own: the slot holds the dates or amounts it
    overlaps, whole ("全长[约215]公里" asked "全长多少公里" is "约215公里"; "计划[于2026年底建成]
    通车" asked "什么时候通车" is "2026年底"; in "[由A压缩至B]" the span's quality chooses). A
    slot without one ("…在[美食展区]举办" for "什么时候举办") fills the question's place in the
    sentence, not its question word. (A date the shapes miss, "去年秋天", is lost with it:
    places are too loosely shaped to test for instead.)"""
    if question.answer_type not in _AMOUNT_TYPES:
        return [slot]  # names and places have no shape the candidates would always see
    chinese = detect_language(sentence) is Language.ZH
    return [
        c
        for c in candidates(sentence, question.answer_type, chinese=chinese)
        if c.start < slot.end and slot.start < c.end
    ]
