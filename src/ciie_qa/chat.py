"""Follow-up questions: rewrite a question that leans on earlier ones into one that stands alone.

Deterministic, no language model. These moves, applied to the history in order so each earlier
question is itself resolved before it serves as context:

- "he"/"she"/"his"/"her"/"him"/"他"/"她" after a question that asks for a person is replaced by
  that question's answer, when the caller can give one (the engine answers it; its words do not
  name the person);
- "they"/"them"/"their" after a question that counts or picks plural things ("How many companies
  …?", "Which cities …?") stand for those things ("the companies");
- another pronoun ("it", "its", "that", "它", "其", "该") is replaced by the previous question's
  topic;
- a fragment with no question word ("And the year before?", "那展览面积呢?") is put into the
  frame of the previous question: its topic, the fragment, and its question word;
- a short question that points back ("Who painted that mural?", "这张海报是谁设计的?") takes
  the previous question's words, without its question word, in brackets;
- a Chinese fragment that drops its subject ("一共开了几家?") takes the previous one's.

Before all of these, the words that only make a request of the question ("Can you tell me …",
"I'd like to know: …", "请问…", "你知道…吗?") are taken off every turn: they are no part of what is
asked, and left in they are words no article holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from ciie_qa.reader.question import (
    EN_CHANGE_VERBS,
    EN_WH,
    YEAR_SAID,
    ZH_CHANGE_AMOUNT,
    ZH_CHANGE_VERBS,
    ZH_COUNT_WORD,
    ZH_MEASURE_WORDS,
    ZH_NEUTRAL_CHANGE,
    ZH_TOTAL_WORDS,
    ZH_WH,
    AnswerType,
    analyze,
    asked_direction,
    asked_plural,
)
from ciie_qa.reader.text import EN_FUNCTION_WORD, EN_SAYING_VERBS
from ciie_qa.schema import Language
from ciie_qa.tokens import (
    CJK_RUN,
    detect_language,
    lexical_tokens,
    tagged,
    word_index,
    word_start,
)

# The auxiliaries that may follow a question word ("What did …", "Who is …").
_EN_AUX_WORDS = "does|did|do|is|was|are|were|has|have|had"
_EN_AUX = rf"(?:{_EN_AUX_WORDS})"
_EN_WH_AUX = re.compile(rf"(?:{EN_WH.pattern})(?:\s+{_EN_AUX})?\s*", re.IGNORECASE)
# "And …?", "What about …?", "And what about …?" ("And then?" keeps its "then")
_EN_LEAD = re.compile(
    r"^\s*(?:(?:and|but|also|so|then)\b[\s,]*(?:(?:what|how) about\b[\s,]*)?"
    r"|(?:what|how) about\b[\s,]*)",
    re.IGNORECASE,
)
_ZH_LEAD = re.compile(r"^\s*(?:那么|那|还有|另外|而|并且|以及)[，,\s]*")
_ZH_TAIL = re.compile(r"[呢吗]?\s*[?？。!！]*\s*$")
_EN_TAIL = re.compile(r"\s*[?.!]*\s*$")

# "that"/"this" as the object of a verb stands for the whole previous statement ("Who said that?").
_EN_STATEMENT_PRONOUN = re.compile(r"\b(?:that|this)\s*[?.!]*\s*$", re.IGNORECASE)
_EN_ENTITY_PRONOUN = re.compile(r"\b(?:its|it|they|their|them|he|she|his|her)\b", re.IGNORECASE)
# "他"/"她" alone, not inside "其他" (other), "吉他" (guitar), "他人" (others) or a plural.
_ZH_HE_SHE = r"(?<![其吉])他(?![们人])|她(?!们)"
_EN_IT = re.compile(r"\b(?:it|its)\b", re.IGNORECASE)
_ZH_IT = re.compile(r"它(?!们)")
_ZH_PRONOUN = re.compile(
    rf"它们|他们|她们|它|{_ZH_HE_SHE}|(?<![尤极])其(?!他|它|中|余|实|次)|该(?=[\u4e00-\u9fff])"
    r"|这个|那个"
)

# "that photo", "these companies", "这张照片", "那些企业": something the conversation spoke of;
# not "this year", "that day", "这次", "这些年", which say when.
_DEMONSTRATIVE = re.compile(
    r"\b(?:that|this|these|those)\b(?!\s+(?:years?|days?|times?|weeks?|months?|editions?"
    r"|mornings?|afternoons?|evenings?|nights?|weekends?|seasons?|spring|summer|autumn|winter"
    r"|quarters?|decades?)\b)"
    rf"|[这那](?:些(?!年(?!轻)|天|日子)|[{ZH_MEASURE_WORDS}])",
    re.IGNORECASE,
)
# The "that" of "said that …" opens what was said; it points at nothing.
_REPORTED_THAT = re.compile(rf"\b(?:{EN_SAYING_VERBS})\s+that\b", re.IGNORECASE)
# A question that points back says little else: "Who painted that mural?" (two words), not "What
# is the name of the robot that plays chess?", whose "that" starts a clause about the robot.
_POINTING_WORDS = 3
# A question word with the measure word after it ("多少家"): neither is said by the question.
# The question word with the measure word after it: of things, and of times ("多少届").
_ZH_WH_PHRASE = re.compile(rf"(?:{ZH_WH.pattern})[{ZH_MEASURE_WORDS}次届]?")
# The context a pointing question already carries: "… (the children draw at the festival)?"
_CARRIED_CONTEXT = re.compile(r"\s?[(（][^()（）]*[)）](?=[?？]$)")
# A person named by the answer of a "who" question, not by its words.
_PERSON_PRONOUN = re.compile(rf"\b(?:he|she|his|her|him)\b|{_ZH_HE_SHE}", re.IGNORECASE)
AnswerOf = Callable[[str], str | None]

_EN_NAME = re.compile(r"(?:\b[A-Z][\w’'.-]*(?:\s+(?:of|the|and|for)?\s*[A-Z][\w’'.-]*)*)")
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|《([^》]+)》")
_ZH_FRAME_END = re.compile(r"(?:一共有|总共有|共有|有|是|为|的)$")


def resolve_followup(
    question: str, history: Sequence[str], answer_of: AnswerOf | None = None
) -> str:
    """``question`` made to stand alone, using the earlier user questions in ``history``.

    ``answer_of`` answers a question (None when it cannot): "What is her position?" after "Who
    chaired the meeting?" is about the person that question's answer names, which its words do
    not.
    """
    previous = ""
    for earlier in history:
        if earlier.strip():
            previous = _resolve_one(_topic_put_back(bare_question(earlier)), previous, answer_of)
    return _resolve_one(_topic_put_back(bare_question(question)), previous, answer_of)


# "Hi, please can you tell me …", "So, …", "Quick question: …", "I'd like to know: …", "Do you
# know …": a request around the question. Only whole phrases at the start, and only when what
# follows is a question itself ("Do you know Jane Roe?" asks whether one knows her; "Tell me
# about X" asks for no one thing).
_EN_GREETING = re.compile(
    r"^(?:(?:hi|hello|hey)(?:\s+there)?\s*[,!.]\s*)?"
    r"(?:(?:so|ok(?:ay)?|well|right)\s*,\s*)?(?:(?:quick\s+|one\s+)?question\s*[:：]\s*)?"
    r"(?:please\s*[,:]?\s+)?",
    re.IGNORECASE,
)
_EN_REQUEST = re.compile(
    r"^(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|show)\s+(?:me|us)"
    # "Can you explain why …": only before a question word ("check out", "explain the theme")
    r"|(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:explain|find\s+out|check)"
    r"(?:\s+(?:to|for)\s+(?:me|us))?(?=\s+(?:why|how|what|who|when|where|which)\b)"
    r"|(?:can|could)\s+(?:any(?:one|body)|someone|somebody)\s+(?:please\s+)?tell\s+(?:me|us)"
    r"|(?:can|could|would|will)\s+you\s+(?:please\s+)?let\s+(?:me|us)\s+know"
    r"|would\s+you\s+mind\s+telling\s+(?:me|us)|(?:tell|show)\s+(?:me|us)|let\s+(?:me|us)\s+know"
    r"|(?:do|would)\s+you\s+(?:happen\s+to\s+)?know|does\s+any(?:one|body)\s+know"
    r"|(?:do\s+you\s+have\s+)?any\s+idea|who\s+can\s+tell\s+me"
    r"|i(?:'d|’d|\s+would)\s+(?:like|love)\s+to\s+know|i\s+(?:want|need)\s+to\s+know"
    r"|i(?:'m|’m|\s+am|\s+was)\s+wondering|i\s+wonder|(?:may|can)\s+i\s+ask)"
    r"(?:\s*,?\s+please)?(?:\s*[:,]\s*|\s+)(?=\S)",
    re.IGNORECASE,
)
_EN_TRAILING_PLEASE = re.compile(r"\s*,\s*please(?=\s*[?.!]*\s*$)", re.IGNORECASE)
_EN_QUESTION_START = re.compile(
    rf"(?:{EN_WH.pattern}|(?:{_EN_AUX_WORDS}|can|could|will|would|should)\b)", re.IGNORECASE
)
# "一下" / "下" ("请问下…") softens a request; not the 下 of 下午, 下届, 下一届 or 下个月, nor
# the 一下午 ("a whole afternoon") of "能说一下午的论坛…".
_ZH_DOWN = r"(?:一下(?![午届])|下(?![午届一周次个月面半旬]))"
_ZH_BRIEFLY = f"{_ZH_DOWN}?"
_ZH_REQUEST = re.compile(
    r"^(?:(?:你好|您好)[,，!！]?\s*)?"
    rf"(?:(?:我想)?请(?:问|教){_ZH_BRIEFLY}|请(?:你|您)?告诉我们?|求问{_ZH_BRIEFLY}|问题(?=[:：])"
    # "帮我查一下", "帮我问问": the verb whole, so "帮我查询…" and "帮忙看护的…" are no request
    rf"|(?:请|麻烦)?(?:你|您)?帮(?:我|忙)(?:查|看|问)(?:一查|一看|一问|查|看|问|{_ZH_DOWN})"
    rf"|(?:谁|有谁)(?:能|可以)告诉我们?{_ZH_BRIEFLY}"
    rf"|(?:你|您)?(?:能|可以|能不能|可不可以)(?:告诉我们?{_ZH_BRIEFLY}|(?:说|讲){_ZH_DOWN})"
    rf"|告诉我们?{_ZH_BRIEFLY}"
    rf"|我想(?:知道|问|了解){_ZH_BRIEFLY}(?:的是)?|想(?:知道|问|了解)(?!的){_ZH_BRIEFLY}|问一下"
    rf"|麻烦(?:你|您)?(?:告诉我们?|问{_ZH_BRIEFLY})?|(?:你|您)知(?:道|不知道)(?:不知道)?(?:吗)?)"
    r"[,，:：\s?？]*(?=\S)"
)
# The 吗 of "你知道…吗?" asks the request, not the question, when the question has its own
# question word ("你知道进博会在哪里举办吗?").
_ZH_REQUEST_END = re.compile(r"吗\s*([?？]?)\s*$")
# Question words of a Chinese question's last clause; not 几内亚, 很多大型 or 谁都 ("anyone").
_ZH_ASKS = re.compile(
    r"哪|什么(?![都也])|谁(?![都也])|多少|几(?!内亚|乎)|何[时地处人]|怎|为什么|(?<![很许诸众较])多[大高长远久]"
)
_ZH_YES_NO = re.compile(r"是否|有没有|是不是|[吗呢][?？]?$")
_ZH_LAST_CLAUSE = re.compile(r"[^，,。.！!？?；;]*[，,。.！!？?；;]?\s*$")


def bare_question(text: str) -> str:
    """``text`` without the words that only make a request of it ("Can you tell me what …" ->
    "What …", "请问进博会在哪里举办?" -> "进博会在哪里举办?"); unchanged when there are none,
    or when what is left would be no question."""
    text = text.strip()
    bare = text
    for _ in range(2):  # "请问你知道…吗?": a request inside a request
        bare = _bare_chinese(bare) if detect_language(bare) is Language.ZH else _bare_english(bare)
    return bare


def _bare_english(text: str) -> str:
    bare = _EN_REQUEST.sub("", _EN_GREETING.sub("", text, count=1), count=1)
    bare = _EN_TRAILING_PLEASE.sub("", bare)
    # Left must be a question: one opening like one, or with a question word inside
    # ("According to Tembo, what …"); "Do you know Jane Roe?" leaves none.
    if bare == text or not (_EN_QUESTION_START.match(bare) or EN_WH.search(bare)):
        return text
    if bare[1:2].isupper():  # "iPhone", "eBay" keep their case
        return bare
    return bare[0].upper() + bare[1:]


def _bare_chinese(text: str) -> str:
    request = _ZH_REQUEST.match(text)
    if request is None:
        return text
    bare = text[request.end() :]
    if bare.endswith("。"):  # "我想知道…。" states what it asks
        bare = bare[:-1] + "?"
    last = _ZH_LAST_CLAUSE.search(bare)
    last_clause = last.group(0) if last else bare
    if _ZH_ASKS.search(last_clause):
        return _ZH_REQUEST_END.sub(lambda m: m.group(1) or "?", bare)
    # "你知道进博会吗?" asks whether one knows it: its 吗 is the request's, nothing is left
    # (unless the request had its own: "你知道吗，进博会有新馆吗?").
    said = request.group(0).rstrip(",，:：?？ ")
    own_ending = "知" not in said or said.endswith("吗")
    return bare if own_ending and _ZH_YES_NO.search(last_clause) else text


# "Jane Roe - what is her job?", "那座桥——它有多长?": a topic set before the question by a dash
# (spaced, so "Covid-19" is none); a colon more often ends a label ("问：…").
_FRONTED_TOPIC = re.compile(
    r"^(?P<topic>[^?？]{1,60}?)(?:\s+[-–—]+\s+|\s*(?:——|—)\s*)(?P<rest>.+)$"
)
_EN_POINTING = re.compile(r"\b(?:that|this)\b", re.IGNORECASE)
# A name: words with a capital ("Jane Roe", "eBike"), "of"/"and"/"the" between them.
_EN_TOPIC_NAME = re.compile(
    r"[a-z]*[A-Z][\w.'’-]*(?:\s+(?:(?:of|and|the)\s+)?[a-z]*[A-Z][\w.'’-]*)*"
)


def _topic_put_back(question: str) -> str:
    """A question with its fronted topic in place of the pronoun that stands for it ("Jane Roe -
    what is her job?" -> "what is Jane Roe's job?"); unchanged without such a pronoun."""
    fronted = _FRONTED_TOPIC.match(question)
    if fronted is None:
        return question
    topic, rest = fronted.group("topic").strip(), fronted.group("rest")
    language = detect_language(rest)
    if _has_question_word(topic, language) or not _has_question_word(rest, language):
        return question  # the question is the part before the dash, or no question follows
    if language is Language.EN and not _EN_TOPIC_NAME.fullmatch(topic):
        return question  # "By the way - …", "In 2019 - 2024, …": no name set as the topic
    if language is Language.ZH:
        put_back = _ZH_PRONOUN.sub(topic, rest, count=1)
    else:
        put_back = _EN_ENTITY_PRONOUN.sub(lambda p: _en_possessive(p.group(0), topic), rest, 1)
        if put_back == rest:
            put_back = _EN_POINTING.sub(topic, rest, count=1)
    return put_back if put_back != rest else question


def _resolve_one(question: str, previous: str, answer_of: AnswerOf | None) -> str:
    if not previous:
        return question
    thing = _thing_referred_to(question, previous, answer_of)
    if thing:
        return thing  # the thing is named now: the question stands alone
    question = _person_referred_to(question, previous, answer_of) or question
    language = detect_language(question)
    lead = _ZH_LEAD if language is Language.ZH else _EN_LEAD
    # "What about X?" asks nothing new: its "what" leads in, it is not a question word.
    unled = lead.sub("", question, count=1)
    fragment = _is_fragment(question, language)
    if not _has_question_word(unled, language) and fragment:
        return _fill_frame(question, previous, language)
    replaced = _replace_pronouns(question, previous, language)
    if replaced != question:
        return replaced
    # "it" that no name of the previous question could replace ("How long did it stay there?"
    # after "When did the policy rate peak?") points back all the same. ("They" after "Which
    # members …?" more often stands for the answer, the people, than for the matter asked.)
    pronoun = (_ZH_IT if language is Language.ZH else _EN_IT).search(question)
    if pronoun or _points_back(question) or _says_too_little(question, language):
        return _with_context(question, previous, language)
    if language is Language.ZH and (fragment or _ZH_OPENS_WITH_CHANGE.match(unled)):
        return _add_dropped_subject(question, previous)
    return question


def _points_back(question: str) -> bool:
    if not _DEMONSTRATIVE.search(_REPORTED_THAT.sub(" ", question)):
        return False
    said = _DEMONSTRATIVE.sub(" ", ZH_WH.sub(" ", EN_WH.sub(" ", question)))
    return len(_content_words(said)) <= _POINTING_WORDS


# "What was the year-on-year increase?": a bare noun of one or two common words says what is
# asked, not of what, so in a conversation the earlier question says that. A question with a
# verb of its own ("Who took the picture?") or a name stands alone.
_ELLIPTICAL_WORDS = 2
_EN_ASKS_BARE_NOUN = re.compile(
    r"^\W*(?:and\s+)?what (?:is|was|are|were) the\s+[a-z][a-z\s-]*[?.!]*\s*$", re.IGNORECASE
)


def _says_too_little(question: str, language: Language) -> bool:
    if language is not Language.EN or not _EN_ASKS_BARE_NOUN.match(question):
        return False
    if re.search(r"(?<!^)\b[A-Z]", question.strip()):  # a name
        return False
    return len(set(_content_words(EN_WH.sub(" ", question)))) <= _ELLIPTICAL_WORDS


@lru_cache(maxsize=1024)  # the whole history is resolved again at every turn
def _content_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` that carry content, each once: jieba's search mode also gives the
    parts of a long Chinese word ("年轻" of "年轻人"), which are not words of their own here."""
    words = [t for t in lexical_tokens(text) if not t.startswith("~")]
    return tuple(
        w
        for w in words
        if not (CJK_RUN.fullmatch(w) and any(w != other and w in other for other in words))
    )


def _with_context(question: str, previous: str, language: Language) -> str:
    """ "Who painted that mural?" after "What did the children draw at the festival?": the
    thing pointed at is what the previous question spoke of, so its words (without its question
    word) go with the question, in brackets; a previous question that pointed back itself passes
    its own."""
    carried = _CARRIED_CONTEXT.search(previous)
    if carried and _points_back(
        previous[: carried.start()]
    ):  # "Where is that mural now?" next: still the children's mural
        said = carried.group(0).strip(" ()（）")
    elif detect_language(previous) is Language.ZH:
        said = _ZH_TAIL.sub("", _ZH_WH_PHRASE.sub("", previous)).strip()
    else:
        said = _en_statement(previous)
    if not said:
        return question
    if language is Language.ZH:
        return f"{_ZH_TAIL.sub('', question)}（{said}）？"
    return f"{_EN_TAIL.sub('', question)} ({said})?"


def _en_statement(question: str) -> str:
    """The question without its question word and tail: "What did X build?" -> "X build"."""
    return _EN_TAIL.sub("", _EN_WH_AUX.sub("", question, count=1)).strip()


def _person_referred_to(question: str, previous: str, answer_of: AnswerOf | None) -> str:
    """The question with "he"/"her"/"他"/"她" replaced by the answer of a previous question that
    asks for a person (not "Who is X?", which asks what X is), or "" when that does not apply."""
    pronoun = _PERSON_PRONOUN.search(question)
    if answer_of is None or not pronoun or analyze(previous).answer_type is not AnswerType.PERSON:
        return ""
    person = answer_of(previous)
    if not person:
        return ""
    said = _en_possessive(pronoun.group(0), person) if pronoun.group(0).isascii() else person
    return question[: pronoun.start()] + said + question[pronoun.end() :]


def _thing_referred_to(question: str, previous: str, answer_of: AnswerOf | None) -> str:
    """The question with "that firm" / "这家公司" replaced by the answer of a previous question
    that asked which firm ("Which firm does she work for?" then "Where is that firm based?"),
    or "" when that does not apply."""
    if answer_of is None:
        return ""
    noun = analyze(previous).head_noun
    pointer = noun and re.search(
        rf"\b(?:that|this)\s+{re.escape(noun)}\b|[这那该][{ZH_MEASURE_WORDS}]?{re.escape(noun)}",
        question,
        re.IGNORECASE,
    )
    if not pointer:
        return ""
    thing = answer_of(previous)
    return question[: pointer.start()] + thing + question[pointer.end() :] if thing else ""


def _add_dropped_subject(question: str, previous: str) -> str:
    """Chinese often drops a subject the listener knows: "一共有几个?" after "这家书店在哪些
    城市设了分店?" asks about the shop; "比去年多了多少?" after "有多少家书店开业?" about the
    number of shops."""
    topic = _zh_topic(previous)
    unled = _ZH_LEAD.sub("", question, count=1)
    counted = _zh_counted_things(previous) if _ZH_OPENS_WITH_CHANGE.match(unled) else ""
    if counted:
        return f"{topic}{counted}{unled}" if topic not in counted else f"{counted}{unled}"
    return f"{topic}{question}" if topic and topic not in question else question


# A question that opens with a comparison or a change ("比去年…", "同比增长了多少") leaves its
# subject unsaid.
_ZH_OPENS_WITH_CHANGE = re.compile(
    rf"^(?:(?:跟|和|与|同|较)[^，,。?？比]{{1,6}}比|比|相比|同比|环比|{ZH_CHANGE_VERBS})"
    r"(?![赛例较重率分如方拼喻利])"  # "比赛", "比利时" open no comparison
)
_ZH_COUNT_WORD = re.compile(ZH_COUNT_WORD)


def _zh_counted_things(previous: str) -> str:
    """ "来自山区的学校" of "有多少所来自山区的学校参赛?": the noun phrase a count question
    counts, to its last noun before the verb; "" without one."""
    count = _ZH_COUNT_WORD.search(previous)
    if count is None:
        return ""
    rest = _ZH_TAIL.sub("", previous[count.end() :])
    noun_end = 0
    for _, (end, flag) in sorted(word_index(rest).by_start.items()):
        if flag.startswith("n"):
            noun_end = end
        elif flag.startswith("v") and noun_end:
            break  # the verb after the counted noun ("嘉宾出席了开幕式") ends the phrase
    if noun_end:
        return rest[:noun_end]
    # "书店有多少家?": the things counted come before the count, with the whole subject.
    return re.sub(r"(?:一共|总共|共计|共)?(?:有|是|为)?$", "", previous[: count.start()])


def _has_question_word(text: str, language: Language) -> bool:
    pattern = ZH_WH if language is Language.ZH else EN_WH
    return bool(pattern.search(text))


def _is_fragment(text: str, language: Language) -> bool:
    lead = _ZH_LEAD if language is Language.ZH else _EN_LEAD
    if lead.search(text) or text.rstrip("?？ ").endswith("呢"):
        return True
    return len(_content_words(text)) <= 3


def _fill_frame(fragment: str, previous: str, language: Language) -> str:
    """Fit a fragment into the previous question's frame, asking for a change without the
    direction the previous question gave it: another subject, or another year, may have moved
    the other way ("那全国呢?" after "全省的出口增长了多少?": the country's may have fallen).

    "那展览面积呢?" after "本届车展有多少个品牌参展?" -> "本届车展展览面积有多少?";
    "And in 2019?" after "What was the bus fare in 2009?" -> "What was the bus fare in 2019?".
    """
    return _without_direction(_framed(fragment, previous, language))


def _without_direction(question: str) -> str:
    """ "增长了多少" -> "变化了多少"; "did it go up" -> "did it change" ("grow or shrink"
    already asks both ways)."""
    if asked_direction(question) == 0:
        return question
    question = _ZH_DIRECTED_CHANGE.sub(ZH_NEUTRAL_CHANGE, question)
    return _EN_DIRECTED_CHANGE.sub(r"\1change", question)


_ZH_DIRECTED_CHANGE = re.compile(rf"(?:{ZH_CHANGE_VERBS})(?={ZH_CHANGE_AMOUNT})")
# The verb's plain form after "did", "does", "will": the only form a question word asks with.
_EN_DIRECTED_CHANGE = re.compile(
    rf"(\b(?:did|does|do|will)\b[^?,]*?\s)(?:{EN_CHANGE_VERBS})\b", re.IGNORECASE
)


def _framed(fragment: str, previous: str, language: Language) -> str:
    swapped = _swap_anchor(fragment, previous)
    if swapped:
        return swapped
    if language is Language.ZH:
        core = _ZH_TAIL.sub("", _ZH_LEAD.sub("", fragment))
        substituted = _zh_substitute(core, previous) or _zh_swap_place(core, previous)
        if substituted:
            return substituted
        wh = ZH_WH.search(previous)
        if wh is None:
            return f"{previous.rstrip('?？')}，{core}？"
        topic = _ZH_FRAME_END.sub("", previous[: wh.start()])
        return f"{topic}{core}{_zh_wh_phrase(previous, wh)}？"
    core = _EN_TAIL.sub("", _EN_LEAD.sub("", fragment))
    return (
        _en_swap_owner(core, previous)
        or _en_swap_named_place(core, previous)
        or _en_substitute(core, previous)
        or f"{_EN_TAIL.sub('', previous)}, {core}?"
    )


def _en_swap_named_place(core: str, previous: str) -> str:
    """ "And from Millbrook Falls?" after "How long is the drive from Alder Creek to the
    coast?": the name after the fragment's preposition takes the place of the name after the
    same preposition in the previous question, or "" when either has no such name."""
    said = _EN_NAME_AFTER_PREPOSITION.search(core)
    if said is None or said.end() != len(core):
        return ""
    asked = re.search(
        rf"\b{said.group('preposition')}\s+(?:the\s+)?(?P<name>{_EN_NAME.pattern})", previous
    )
    if asked is None or asked.group("name") == said.group("name"):
        return ""
    return previous[: asked.start("name")] + said.group("name") + previous[asked.end("name") :]


_EN_NAME_AFTER_PREPOSITION = re.compile(
    rf"\b(?P<preposition>to|from|in|at|for|of|on|near)\s+(?:the\s+)?(?P<name>{_EN_NAME.pattern})"
)


def _en_substitute(core: str, previous: str) -> str:
    """ "And the global index?" after "By how much did China's openness index go up?": the
    fragment's phrase takes the place of the previous question's phrase that ends in the same
    noun ("By how much did the global index go up?"), or "" when the previous question has no
    such noun (as ``_zh_substitute`` does for "那全球开放指数呢?")."""
    words = core.split()
    noun = words[-1] if len(words) >= 2 else ""
    if not noun.isalpha() or not noun.islower():
        return ""
    found = list(re.finditer(rf"\b{noun}\b", previous, re.IGNORECASE))
    if not found:
        return ""
    start, end = found[-1].span()
    for word in reversed(list(_EN_PHRASE_WORD.finditer(previous, 0, start))):
        if _ends_modifiers(word.group(0)):
            if _EN_DETERMINER.fullmatch(word.group(0)) and _EN_DETERMINER.fullmatch(words[0]):
                start = word.start()  # "the summer price" -> "the winter price", one "the"
            break
        start = word.start()  # "China's", "openness": modifiers of the noun
    return previous[:start] + core + previous[end:]


_EN_PHRASE_WORD = re.compile(r"[\w’'-]+")
_EN_DETERMINER = re.compile(r"the|a|an|its|their|his|her|our|this|these|that|those", re.I)
# Besides the words that end an owned noun, the "much" / "many" of "how much" / "how many" and
# the verb "go" (of "go up") end a noun's modifiers before it.
_EN_ENDS_MODIFIERS = re.compile(
    rf"{EN_WH.pattern}|{EN_FUNCTION_WORD.pattern}|go|went|goes|much|many", re.IGNORECASE
)


def _ends_modifiers(word: str) -> bool:
    """Whether no modifier of a noun runs back past ``word``: a question word, a function word,
    an auxiliary or preposition that also ends an owned noun (``_EN_ENDS_THE_NOUN``)."""
    return word.lower() in _EN_ENDS_THE_NOUN or _EN_ENDS_MODIFIERS.fullmatch(word) is not None


# "China's", "the city's": a fragment that names only whose thing is asked about.
_EN_OWNER = re.compile(r"^(?:the\s+)?[\w.-]+(?:\s+[\w.-]+){0,3}['’]s$", re.IGNORECASE)
# "What's", "it's" are no owners.
_NOT_OWNER = r"(?:what|it|that|there|here|he|she|let|who|where|how|when)['’]s\b"
_NOT_AN_OWNER = re.compile(_NOT_OWNER, re.IGNORECASE)
_EN_ASKS_COUNT = re.compile(r"^\W*how (?:many|much)\b", re.IGNORECASE)
_EN_OWNED = re.compile(
    rf"(?:\b(?:the|this|last|next)\s+)?(?!{_NOT_OWNER})\b[\w.-]+['’]s\b", re.IGNORECASE
)
# The noun phrase after the question word and its auxiliary: lower-case words up to a word
# that ends it ("the global price index rise in 2024" -> "global price index rise").
_EN_PHRASE_AFTER_WH = re.compile(
    rf"^\s*(?:(?:{EN_WH.pattern})(?:\s+{_EN_AUX})?|{_EN_AUX})\s+"
    r"(?P<the>the\s+)?(?P<words>(?:(?!(?:in|on|at|of|for|by|from|to|with|and|or|than|since"
    rf"|{_EN_AUX_WORDS})\b)"
    r"(?-i:[a-z])[\w-]*\s*)+)",
    re.IGNORECASE,
)


def _en_swap_owner(core: str, previous: str) -> str:
    """ "And China's?" after "How did the global price index change?": the owner takes the
    place of the previous question's owner or first modifier ("How did China's price index
    change?"), or "" when the fragment names no owner or the frame has no such phrase."""
    if not _EN_OWNER.match(core) or _NOT_AN_OWNER.match(core):
        return ""
    if _EN_ASKS_COUNT.match(previous):
        return ""  # "How many people came?": whose people is no phrase of the question
    owner = _EN_OWNED.search(previous)
    if owner:
        return previous[: owner.start()] + core + previous[owner.end() :]
    phrase = _EN_PHRASE_AFTER_WH.match(previous)
    if phrase is None:
        return ""
    words = phrase.group("words").split()
    start = phrase.start("the") if phrase.group("the") else phrase.start("words")
    # With three words or more ("global price index rise") the first is a modifier to replace;
    # with two ("exports grow") the owner goes before them.
    end = phrase.start("words") + len(words[0]) if len(words) >= 3 else phrase.start("words")
    rest = previous[end:].lstrip()
    return f"{previous[:start]}{core} {rest}"


def _zh_substitute(core: str, previous: str) -> str:
    """ "那夏季门票呢?" after "公园的冬季门票多少钱?": the fragment ends in a noun of the
    previous question and puts its own modifier in place of the other one ("冬季"), or "" when
    no noun of the previous question ends it or a question word modifies that noun ("哪个国家的
    企业": the fragment then fills the frame as before)."""
    words = word_index(core)
    for start in sorted(words.by_start):
        noun = core[start:]
        at = previous.rfind(noun)  # the noun asked about comes last ("品牌展区里中国品牌")
        if start == 0 or len(noun) < 2 or noun.startswith("的") or at < 0:
            continue
        begin = _modifier_start(previous, at)
        if begin is None:
            return ""
        resolved = previous[:begin] + core + previous[at + len(noun) :]
        return resolved if ZH_WH.search(resolved) else ""
    return ""


# A place or the whole of one ("全县", "青溪县", "福州市", "杭州"; not a market: "股市", "超市"),
# and one opening a question, perhaps after its time ("去年全市…").
_ZH_PLACE = (
    r"(?:全[国省市县区镇乡村]|[\u4e00-\u9fff]{2,6}?[省市县区镇乡村]+|[\u4e00-\u9fff]{1,2}州)"
    r"(?![场长委民级])"
)
_ZH_TIME_FIRST = r"(?:(?:\d{4}|[去今明前])年|[上下]半年|[一二三四1-4]季度|[上下本]月)*"
_ZH_PLACE_FIRST = re.compile(rf"^({_ZH_TIME_FIRST})(?:{_ZH_PLACE})")


def _zh_swap_place(core: str, previous: str) -> str:
    """ "那全县呢?" after "石桥镇去年种了多少亩油菜?": the place the fragment names takes the
    place of the one the previous question opens with (after its time, which stays), or ""
    when either names none."""
    opening = _ZH_PLACE_FIRST.match(previous)
    if opening is None or not re.fullmatch(_ZH_PLACE, core):
        return ""
    return opening.group(1) + core + previous[opening.end() :]


_PHRASE_BOUNDARY = frozenset(" ,，、;；:：《》“”()（）")


def _modifier_start(previous: str, at: int) -> int | None:
    """Where the modifier of the noun at ``at`` starts: the whole word when the noun ends one
    ("面积" of "展览面积"), back to the phrase's start before "的" ("本届展会的成交额"), else
    the word before it ("冬季门票"); None when that modifier holds a question word
    ("哪个国家的")."""
    begin = word_start(previous, at)
    if begin == at and previous[:at].endswith("的"):
        while begin > 0 and previous[begin - 1] not in _PHRASE_BOUNDARY:
            begin -= 1
    elif begin == at and at > 0:
        begin = word_start(previous, at - 1)  # the word before the noun
    return None if ZH_WH.search(previous[begin:at]) else begin


# Kinds of anchor a fragment may swap for the previous question's: a year, an edition.
# A year is a number or a year said from now ("last year", "去年"): "And in 2017?" after "How
# much rain fell last year?" asks of 2017, not of both.
_ANCHOR_KINDS = (
    re.compile(
        rf"(?:\bin\s+)?(?:{YEAR_SAID})年?",
        re.IGNORECASE,
    ),
    re.compile(
        r"第[一二三四五六七八九十\d]+[届次]|首届|\b\d+(?:st|nd|rd|th)\b"
        r"|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b",
        re.IGNORECASE,
    ),
)


def _swap_anchor(fragment: str, previous: str) -> str:
    """The previous question with its year or edition replaced by the one the fragment names."""
    for kind in _ANCHOR_KINDS:
        new, old = kind.search(fragment), kind.search(previous)
        if new and old and _bare_year(new.group(0)) != _bare_year(old.group(0)):
            return (
                previous[: old.start()] + _year_as_said(new, old, previous) + previous[old.end() :]
            )
    return ""


def _year_as_said(new: re.Match[str], old: re.Match[str], previous: str) -> str:
    """The fragment's year in the place of the previous one, in its grammar: "fell last
    year" becomes "fell in 2017", "the 2020 survey" "the 2022 survey", "last year's profit"
    "2017's profit"."""
    said, replaced = new.group(0), old.group(0)
    year = _bare_year(said)
    if not year.isdigit():
        return said  # "last year", "去年"
    if replaced[0].isdigit() or previous.startswith(("'s", "’s"), old.end()):
        return year if replaced.isascii() else said
    return f"in {year}" if replaced.isascii() else said


def _bare_year(said: str) -> str:
    """ "in 2021" and "2021年" say the year 2021."""
    return re.sub(r"^in\s+|年$", "", said, flags=re.IGNORECASE)


def _zh_wh_phrase(previous: str, wh: re.Match[str]) -> str:
    # Keep the verb right before the question word ("有多少", "是什么"): it frames the answer type.
    verb = re.search(r"(?:有|是|为|达)$", previous[: wh.start()])
    return (verb.group(0) if verb else "") + wh.group(0)


def _replace_pronouns(question: str, previous: str, language: Language) -> str:
    if language is Language.ZH:
        pronoun = _ZH_PRONOUN.search(question)
        topic = _zh_topic(previous, plural=bool(pronoun and pronoun.group(0).endswith("们")))
        return _ZH_PRONOUN.sub(topic, question, count=1) if topic else question
    if _EN_STATEMENT_PRONOUN.search(question) and not _EN_ENTITY_PRONOUN.search(question):
        return _EN_STATEMENT_PRONOUN.sub(f"that {_en_statement(previous)}?", question)
    topic, things = _en_topic(previous), _en_counted_things(previous)

    def replacement(pronoun: re.Match[str]) -> str:
        word = pronoun.group(0).lower()
        if things and word in _EN_PLURAL_PRONOUNS:  # "they" are the things asked about
            said = f"{things}'" if word == "their" else things
        elif topic:
            said = _en_possessive(word, topic)
        else:
            return pronoun.group(0)
        return said[0].upper() + said[1:] if pronoun.start() == 0 else said

    return _EN_ENTITY_PRONOUN.sub(replacement, question, count=1)


def _en_possessive(pronoun: str, topic: str) -> str:
    return f"{topic}'s" if pronoun.lower() in ("its", "their", "his", "her") else topic


_EN_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})


def _en_counted_things(previous: str) -> str:
    """ "the bakeries" of "How many bakeries opened?": what a later "they" stands for."""
    things = asked_plural(previous)
    return f"the {things}" if things else ""


def _en_topic(previous: str) -> str:
    """The named thing the previous question was about: a quoted term or the longest name,
    with what it owns ("Harrowgate's training centre" of "Where will Harrowgate's training
    centre be?": the centre, not the company, is what "it" stands for next)."""
    quoted = _quoted(previous)
    if quoted:
        return quoted
    names = [m for m in _EN_NAME.finditer(previous) if not EN_WH.fullmatch(m.group().split()[0])]
    if not names:
        return ""
    longest = max(names, key=lambda m: len(m.group()))
    if not longest.group().endswith(("'s", "’s")):
        return longest.group()
    return longest.group() + _owned_noun(previous, longest.end())


def _owned_noun(previous: str, at: int) -> str:
    """The lower-case words after a possessive, up to a verb or a preposition: " training
    centre" of "Harrowgate's training centre be located?"; after "did"/"does" the last one is
    the question's verb ("When did X's shares rise?", "How did X's index rise from …?")."""
    words: list[str] = []
    position = at
    while (match := _EN_LOWER_WORD.match(previous, position)) and len(words) < _MAX_OWNED_WORDS:
        if match.group(1) in _EN_ENDS_THE_NOUN:
            break
        words.append(match.group())
        position = match.end()
    if len(words) > 1 and _EN_DO_SUPPORT.search(previous[:at]):
        words.pop()
    return "".join(words)


_EN_LOWER_WORD = re.compile(r"\s+([a-z][\w-]*)")
_EN_ENDS_THE_NOUN = frozenset(
    "be is are was were will would can could should may might must do does did has have had"
    " been being from to in on at by between since after before during with over into than"
    " as".split()
)
_EN_DO_SUPPORT = re.compile(r"\b(?:did|does|do)\b", re.IGNORECASE)
_MAX_OWNED_WORDS = 5


def _zh_topic(previous: str, *, plural: bool = False) -> str:
    """The subject of the previous question: a quoted term, else the words before its verb.

    "X是个什么…?" is about X whole; "X的Y…?" is about X, unless a plural pronoun ("它们")
    stands for it: the Ys are plural, X (a company, a country) is one."""
    quoted = _quoted(previous)
    if quoted:
        return quoted
    wh = ZH_WH.search(previous)
    head = previous[: wh.start()] if wh else previous
    # The subject is in the question word's own clause ("凭着…订单,青禾农业让…多少户…").
    head = _ZH_FRAME_END.sub("", re.split(r"[，,]", head)[-1] or head)
    copula = head.find("是")
    if copula > 0:
        return head[:copula].strip(" ，,")
    # The subject ends where the first "的" (unless plural) or verb-like connector starts.
    ends = r"在|有|来自|位于|参加|举办" if plural else r"的|在|有|来自|位于|参加|举办"
    subject = re.split(ends, head, maxsplit=1)[0]
    return _before_predicate(subject).strip(" ，,")


def _before_predicate(subject: str) -> str:
    """ "图书馆" of "图书馆共计收到了": the subject ends where an adverb or a verb begins the
    predicate (not at the first word: "举办方" may be tagged a verb)."""
    for start, end, flag in tagged(subject)[1:]:
        word = subject[start:end]
        # jieba tags a lone character of a name as a verb at times, so a verb counts from two
        # characters, or a coverb ("让", "把") that opens a predicate.
        verb = flag.startswith("v") and (len(word) > 1 or word in _ZH_COVERBS)
        if flag.startswith("d") or verb or word in ZH_TOTAL_WORDS:
            return subject[:start]
    return subject


_ZH_COVERBS = frozenset("让使把被将给向对从")


def _quoted(text: str) -> str:
    match = _QUOTED.search(text)
    if match is None:
        return ""
    return next(g for g in match.groups() if g is not None)
